"""The `<p:txBody>` of each text box: the plan's paragraphs and runs as DrawingML, each run in the typefaces, colour
and markup it names, its links related in the slide's rels.

The plan has already cut every run by the face that draws it; this only chooses how a run names that face (its
own typefaces, or the template's theme fonts) and shares one `<a:rPr>` among runs that look alike.
"""

from __future__ import annotations

from decks.model.inline import Style
from decks.model.urls import ascii_url
from decks.opc import RT_HYPERLINK
from decks.plan.deck.plan import Deck, Para, Run, TextBox
from decks.plan.stacks import east_asian_face, stacks_for
from decks.renderers.pptx import oxml
from decks.renderers.pptx.package import Rels
from decks.text.runs import run_size
from decks.themes.model import Theme

BULLETS = ("•", "–")
_ALIGN = {"l": "l", "r": "r", "c": "ctr"}


class TextBodies:
    """Writes the text bodies of one deck in one theme; a `Writer` holds one."""

    def __init__(self, deck: Deck, theme: Theme, palette: dict[str, str]) -> None:
        self.deck, self.theme, self.palette = deck, theme, palette
        stacks = stacks_for(theme, deck.language)
        self.stacks = {"heading": stacks.heading, "body": stacks.body}
        self.ea = east_asian_face(stacks.body, deck.language).family  # Klee for Japanese, Gothic KR for Korean
        self.lang = deck.language
        # `<a:rPr>` by (size, colour, face, font, link rId): a deck's runs share a few dozen.
        self._rprs: dict[tuple[float, str, str, str, str | None, int, bool], str] = {}
        self._pin = False  # this text box names the template's theme fonts on its runs (see `body`)

    def body(self, rels: Rels, box: TextBox, number: int, color: str | None = None) -> str:
        """The `<p:txBody>` of a text box (relating its links in the slide's `rels`), its text in `color` unless
        a run says otherwise."""
        if not box.paras:
            size = self.theme.sizes.slides.body
            empty = oxml.paragraph(
                (),
                level=0,
                size=size,
                pitch=size * self.theme.sizes.slides.leading,
                space_before=0,
                indent=0,
                bullet=None,
                bullet_color=None,
                align="l",
                lang=self.lang,
            )
            return oxml.text_body(box.anchor, [empty], color)
        inherited = self.deck.inherited
        # LibreOffice draws a run that names no typeface in the face of the last run before it that named one
        # (even across paragraphs): in a box with a code run or a fallback face, the template's own runs name
        # its theme fonts (+mn-lt, +mj-lt), which PowerPoint resolves as it would have anyway.
        self._pin = bool(inherited) and any(
            run.face and run.face not in inherited for para in box.paras for run in para.runs if not run.field
        )
        paragraphs = [self.paragraph(rels, para, n, number) for n, para in enumerate(box.paras)]
        return oxml.text_body(box.anchor, paragraphs, color)

    def paragraph(self, rels: Rels, para: Para, n: int, number: int) -> str:
        """An `<a:p>`: its runs as the plan cut them, each in the face it names, links related in `rels`."""
        heading = para.font == "heading"
        size = para.size
        parts = [
            oxml.paragraph_head(
                para.level,
                size,
                para.pitch,
                para.space_before if n else 0.0,
                para.indent,
                BULLETS[min(para.level, 1)] if para.bullet else None,
                self.palette["accent"] if self.deck.colors else None,
                _ALIGN[para.align],
                para.rtl,
            )
        ]
        rprs = self._rprs
        link, rid = None, None  # a link is cut into a run per word: its rId is looked up once
        for run in para.runs:
            if run.field:
                parts.append(self._field(para, run, number))
                continue
            if run.link != link:
                link = run.link
                rid = rels.add(RT_HYPERLINK, ascii_url(link), external=True) if link else None
            key = (size, run.color, run.face, para.font, rid, run.style, self._pin)
            rpr = rprs.get(key)
            if rpr is None:
                # The content's markup: bold and italic as the run's own attributes; code names the monospace
                # family (run.face, set by the planner's face pass) in its typefaces.
                bold = heading or bool(run.style & Style.BOLD)
                italic = bool(run.style & Style.ITALIC)
                style = self._run_style(para, run)
                # Code a little smaller than the words around it, as the plan measured it (decks.text.runs).
                at = run_size(size, run.style)
                rpr = rprs[key] = oxml.run_properties(at, *style, self.lang, bold, rid, italic)
            if "\n" in run.text:
                # A heading's line ends where the plan put them (decks.text.headings): a line break each.
                parts.append(f"<a:br>{rpr}</a:br>".join(oxml.text_run(rpr, t) for t in run.text.split("\n")))
            else:
                parts.append(oxml.text_run(rpr, run.text))
        parts.append(oxml.paragraph_tail(self.lang, size))
        return "".join(parts)

    def _run_style(self, para: Para, run: Run) -> tuple[str | None, str | None, str | None, str | None]:
        """A run's colour and its latin, East Asian and complex-script typefaces (None: the master's)."""
        primary = self.stacks[para.font].primary.family
        color = self.palette[run.color] if self.deck.colors else None
        face = run.face or primary
        inherited = self.deck.inherited
        if not inherited:
            # East Asian text in the face it was measured in (Klee for Japanese, Gothic KR for Korean); a fallback
            # face named for complex scripts too, which LibreOffice draws Arabic, Hebrew, Thai, Devanagari in.
            return color, face, self.ea if face == primary else face, face
        if face in inherited:
            if self._pin:
                major = "mj" if para.font == "heading" else "mn"
                return color, f"+{major}-lt", f"+{major}-ea", f"+{major}-cs"
            return color, None, None, None  # the template's theme fonts draw it
        return color, face, face, face  # a fallback face for characters the template's fonts lack

    def _field(self, para: Para, run: Run, number: int) -> str:
        """An `<a:fld>`: the slide number (its text this slide's number) or another field, never bold."""
        color, latin, ea, cs = self._run_style(para, run)
        return oxml.run(
            str(number) if run.field == "slidenum" else run.text,
            size=para.size,
            color=color,
            latin=latin,
            ea=ea,
            cs=cs,
            lang=self.lang,
            bold=False,
            field=run.field,
        )
