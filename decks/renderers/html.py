"""`recap html`: the recap as one self-contained web page, for the blog post.

It consumes the model and builds both plans itself (decks.plan): the slides, each an SVG painted from the deck
plan (decks.paint.deck_svg) with its speaker notes under it, then the sketchnote SVG (decks.paint.svg_sketch).
Fonts are inlined as base64 subsets and pictures as data URIs, so the file works offline and loads nothing.
Text stays text, headings go h1 > h2 > h3, pictures carry their alt text, `lang` comes from the content; the
arrow keys step through the slides, and a print stylesheet puts a slide on each page. `Page` is also what the
live preview (`recap watch`) builds, with the fonts served instead of inlined and the slides painted before
kept.
"""

from __future__ import annotations

import base64
import io
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from decks import plan
from decks.errors import OutputError
from decks.i18n import messages, right_to_left
from decks.imagefiles import open_image, png_ready, read_picture
from decks.imageheaders import probe
from decks.markup import esc
from decks.model import Recap
from decks.options import OptionValue
from decks.paint.deck import Setter
from decks.paint.deck_svg import FontFaces, slide_svg
from decks.paint.svg_sketch import paint
from decks.plan.deck.plan import Deck, Picture, Slide
from decks.plan.sketch.primitives import Sketch
from decks.renderers.base import Rendered, Renderer, made_by
from decks.themes.model import Theme

STYLE = """
:root { color-scheme: light; }
body { margin: 0; background: #e9eaee; color: #1f2430; font: 16px/1.5 system-ui, sans-serif; }
header, main { max-width: 1000px; margin: 0 auto; padding: 0 16px; }
header { padding-top: 24px; }
h1 { font-size: 28px; margin: 0 0 4px; }
h2 { font-size: 15px; font-weight: 600; color: #5a6272; margin: 28px 0 6px; }
h3 { font-size: 13px; text-transform: uppercase; letter-spacing: .05em; color: #5a6272; margin: 0 0 4px; }
.byline { margin: 0 0 8px; color: #5a6272; }
.keys { font-size: 13px; color: #5a6272; }
.slide, .sketch { scroll-margin-top: 12px; }
.slide-art, .sketch svg { display: block; width: 100%; height: auto; background: #fff;
  box-shadow: 0 1px 4px rgba(0, 0, 0, .25); }
svg { direction: ltr; } /* drawn in visual order: a right-to-left page must not turn its lines round */
.slide:focus { outline: none; }
.slide:focus .slide-art { outline: 3px solid #1d4ed8; }
.notes { background: #fff; border-inline-start: 4px solid #c2410c; padding: 8px 12px; margin: 8px 0 0; }
.notes p { margin: 0 0 6px; }
.problem { color: #9f1239; }
@media print {
  @page { size: landscape; margin: 10mm; }
  body { background: #fff; }
  header, main { max-width: none; padding: 0; }
  .keys, .live { display: none; }
  .slide { break-after: page; break-inside: avoid; }
  .slide-art, .sketch svg { box-shadow: none; max-height: 150mm; width: auto; max-width: 100%; }
  .sketch { break-before: page; }
}
"""

# Arrow keys, Page Up/Down, Home and End step through the slides; the slide in view is the one at the top.
SCRIPT = """
(function () {
  var slides = [];
  function current() {
    var best = 0;
    slides.forEach(function (s, i) { if (s.getBoundingClientRect().top <= window.innerHeight / 3) best = i; });
    return best;
  }
  document.addEventListener('keydown', function (e) {
    // Looked up on each key: a live preview replaces the slides while the page stays open.
    slides = Array.prototype.slice.call(document.querySelectorAll('section.slide'));
    if (e.altKey || e.ctrlKey || e.metaKey || !slides.length) return;
    var t = e.target && e.target.tagName;
    if (t === 'INPUT' || t === 'TEXTAREA') return;
    var i = current();
    if (e.key === 'ArrowRight' || e.key === 'PageDown') i += 1;
    else if (e.key === 'ArrowLeft' || e.key === 'PageUp') i -= 1;
    else if (e.key === 'Home') i = 0;
    else if (e.key === 'End') i = slides.length - 1;
    else return;
    e.preventDefault();
    var s = slides[Math.max(0, Math.min(slides.length - 1, i))];
    s.scrollIntoView({block: 'start'});
    s.focus({preventScroll: true});
  });
})();
"""


def words_for(language: str) -> dict[str, str]:
    """The page's own words (the slides' words come from the deck plan), from the one catalogue (decks.i18n)."""

    t = messages(language)
    return {
        "notes": t.gettext("Speaker notes"),
        "sketch": t.gettext("Sketchnote"),
        "keys": t.gettext("Slides: ← and → (or Page Up and Page Down) step through them; the sketchnote follows."),
        "unfit": t.gettext("The sketchnote does not fit on one page:"),
    }


def data_uri(path: Path) -> str:
    """A picture file as a data URI: PNG, JPEG and GIF as they are unless EXIF says to turn them; anything
    else (WebP) as PNG."""
    return _picture_data(path)[0]


def _picture_data(path: Path) -> tuple[str, int, int]:
    """A picture file as (data URI, width, height in pixels), as `data_uri` says."""

    raw = read_picture(path)  # within the cap, and checked: only bytes that decode go into the page
    header = probe(raw)
    if header is not None and not (header.format == "JPEG" and b"Exif" in raw[:65536]):
        mime = {"PNG": "image/png", "JPEG": "image/jpeg", "GIF": "image/gif"}[header.format]
        return f"data:{mime};base64,{base64.b64encode(raw).decode('ascii')}", header.width, header.height

    from PIL import ImageOps  # lazy: Pillow only for pictures; --help loads this module

    with open_image(raw) as img:
        upright = png_ready(ImageOps.exif_transpose(img))  # a turned CMYK JPEG: PNG has no CMYK
        buffer = io.BytesIO()
        upright.save(buffer, "PNG")
        size = upright.size
    return f"data:image/png;base64,{base64.b64encode(buffer.getvalue()).decode('ascii')}", size[0], size[1]


@dataclass
class Page:
    """Builds the page of a recap in a theme; a live preview keeps one and calls `build` again on each change.

    `font_url` serves fonts by URL instead of inlining subsets; `image_url` likewise for pictures. Slides whose
    plan did not change are not painted again (their SVG is kept, keyed by the slide's plan and number).
    """

    font_url: Callable[[Path], str] | None = None
    image_url: Callable[[Path], str] | None = None
    head: str = ""  # extra markup for <head> (the live preview's script)
    _slides: dict[tuple[Slide, int], tuple[str, FontFaces]] = field(default_factory=dict)
    _sketches: dict[str, tuple[Sketch, str]] = field(default_factory=dict)
    _setters: dict[int, tuple[Theme, Setter]] = field(default_factory=dict)
    # Inlined pictures, each once per page as an SVG <symbol> that slides <use>: one picture on 300 slides was
    # 300 copies of its base64 (33 MB for a 79 KB PNG). Path -> (symbol id, data URI, width, height).
    _pictures: dict[Path, tuple[str, str, int, int]] = field(default_factory=dict)

    def setter(self, theme: Theme) -> Setter:
        held = self._setters.get(id(theme))
        if held is None or held[0] is not theme:
            self._setters.clear()
            self._slides.clear()
            held = self._setters[id(theme)] = (theme, Setter(theme))
        return held[1]

    def build(
        self, recap: Recap, theme: Theme, deck: Deck | None = None, sketch: Sketch | None = None
    ) -> tuple[str, list[str]]:
        """The page's HTML and warnings; the plans are built here unless given."""

        deck = deck if deck is not None else plan.deck_plan(recap, theme)
        warnings = list(deck.warnings)
        problem = ""
        if sketch is None:
            try:
                sketch = plan.sketch_plan(recap, theme)
            except OutputError as exc:
                problem = "; ".join(str(p) for p in exc.problems)
                warnings.append(f"no sketchnote in the page: {problem}")
        if sketch is not None:
            warnings.extend(w for w in sketch.warnings if w not in warnings)
        return self.html(recap, theme, deck, sketch, problem), warnings

    def slides(self, deck: Deck, theme: Theme) -> tuple[list[str], FontFaces]:
        setter = self.setter(theme)
        fonts = FontFaces()
        out = []
        keep: dict[tuple[Slide, int], tuple[str, FontFaces]] = {}
        for number, slide in enumerate(deck.slides, 1):
            key = (slide, number)
            painted = self._slides.get(key)
            if painted is None:
                own = FontFaces()
                painted = (slide_svg(deck, slide, number, setter, own, self._image), own)
            keep[key] = painted
            fonts.merge(painted[1])
            out.append(painted[0])
        self._slides = keep  # only the slides of the latest deck are worth keeping
        return out, fonts

    def _image(self, pic: Picture) -> str:
        assert pic.path is not None
        if self.image_url is not None:
            return self.image_url(Path(pic.path))
        path = Path(pic.path)
        if path not in self._pictures:
            self._pictures[path] = (f"recap-picture-{len(self._pictures) + 1}", *_picture_data(path))
        return "#" + self._pictures[path][0]  # slide_svg draws a reference to the page's one copy

    def _picture_symbols(self, deck: Deck) -> str:
        """The page's inlined pictures, each once, as symbols the slides `<use>`."""
        used = {Path(pic.path) for slide in deck.slides for pic in slide.pictures if pic.path and pic.icon is None}
        symbols = [
            f'<symbol id="{sid}" viewBox="0 0 {w} {h}" preserveAspectRatio="xMidYMid meet">'
            f'<image href="{uri}" width="{w}" height="{h}"/></symbol>'
            for path, (sid, uri, w, h) in self._pictures.items()
            if path in used
        ]
        if not symbols:
            return ""
        return (
            '<svg width="0" height="0" style="position:absolute" aria-hidden="true" focusable="false">'
            f"<defs>{''.join(symbols)}</defs></svg>"
        )

    def sketch_svg(self, sketch: Sketch) -> str:
        # Kept by identity: a live preview shows the same sketch object with new slides, and hashing a sketch
        # (thousands of primitives) costs more than the slides that changed.
        held = self._sketches.get("latest")
        if held is None or held[0] is not sketch:
            svg = paint(sketch, self.font_url).decode("utf-8")
            held = self._sketches["latest"] = (
                sketch,
                svg.split("?>", 1)[1].lstrip() if svg.startswith("<?xml") else svg,
            )
        return held[1]

    def html(self, recap: Recap, theme: Theme, deck: Deck, sketch: Sketch | None, problem: str = "") -> str:
        slides, fonts = self.slides(deck, theme)
        words = words_for(deck.language or "en")
        lang = esc(deck.language or "en")
        # A right-to-left recap's page reads from the right: headings, notes, a note that opens with a Latin name
        # too. The slides and the sketch are drawn in visual order already: their SVG stays left to right (STYLE).
        direction = ' dir="rtl"' if right_to_left(deck.language or "") else ""
        byline = " · ".join(p for p in (deck.subject, deck.author if deck.author != "recap" else "") if p)
        parts = [
            "<!DOCTYPE html>",
            f'<html lang="{lang}"{direction}>',
            "<head>",
            '<meta charset="utf-8">',
            '<meta name="viewport" content="width=device-width, initial-scale=1">',
            f'<meta name="generator" content="{made_by(HtmlRenderer.name)}">',  # decks.cli.provenance reads it
            f"<title>{esc(deck.title)}</title>",
            "<style>",
            fonts.css(self.font_url),
            STYLE.strip(),
            "</style>",
            self.head,
            "</head>",
            "<body>",
            self._picture_symbols(deck),
            "<header>",
            f"<h1>{esc(deck.title)}</h1>",
            f'<p class="byline">{esc(byline)}</p>' if byline else "",
            f'<p class="keys">{esc(words["keys"])}</p>',
            "</header>",
            "<main>",
        ]
        for number, (slide, svg) in enumerate(zip(deck.slides, slides, strict=True), 1):
            parts.append(self.section(number, slide, svg, words["notes"]))
        parts += ['<section class="sketch" id="sketchnote" aria-labelledby="sketchnote-title">']
        parts.append(f'<h2 id="sketchnote-title">{esc(words["sketch"])}</h2>')
        if sketch is not None:
            parts.append(
                f'<figure role="group" aria-label="{esc(words["sketch"])}" style="margin:0">'
                f"{self.sketch_svg(sketch)}</figure>"
            )
        else:
            parts.append(f'<p class="problem">{esc(words["unfit"])} {esc(problem)}</p>')
        parts += ["</section>", "</main>", f"<script>{SCRIPT.strip()}</script>", "</body>", "</html>", ""]
        return "\n".join(p for p in parts if p)

    def section(self, number: int, slide: Slide, svg: str, notes: str) -> str:
        """The page's section of one slide: its number and title, its SVG, its speaker notes under `notes`."""
        title = " ".join(p.text for p in slide.title.paras).replace("\u200b", "").replace("\n", " ")
        lines = [
            f'<section class="slide" id="slide-{number}" tabindex="-1" aria-labelledby="slide-{number}-title">',
            f'<h2 id="slide-{number}-title">{number}. {esc(title)}</h2>',
            svg,
        ]
        if slide.notes:
            paras = "".join(f"<p>{esc(p)}</p>" for p in slide.notes.split("\n") if p.strip())
            lines.append(
                f'<aside class="notes" aria-labelledby="slide-{number}-notes">'
                f'<h3 id="slide-{number}-notes">{esc(notes)}</h3>{paras}</aside>'
            )
        lines.append("</section>")
        return "\n".join(lines)


class HtmlRenderer(Renderer):
    """The recap as one self-contained HTML page: slides, speaker notes and the sketchnote."""

    name = "html"
    suffix = ".html"
    description = "One self-contained web page: the slides as SVG with speaker notes, and the sketchnote."
    consumes = "model"

    def render(self, recap: Recap, theme: Theme, **options: OptionValue) -> Rendered:  # type: ignore[override]
        html, warnings = Page().build(recap, theme)
        return Rendered(html.encode("utf-8"), warnings)


__all__ = ["HtmlRenderer", "Page", "data_uri"]
