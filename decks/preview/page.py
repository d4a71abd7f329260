"""The preview page: the head that keeps an open page up to date (the script `live.js` and the problems panel's
style `live.css`, files of this package), the HTML page kept slide by slide between renders, and the page's
parts, from which an open page is sent only what changed since the version it shows."""

from __future__ import annotations

from dataclasses import dataclass, field
from importlib.resources import files

from decks.model import Recap
from decks.paint.deck_svg import FontFaces, slide_svg
from decks.plan import JsonValue
from decks.plan.deck.plan import Deck, Slide
from decks.plan.sketch.primitives import Sketch
from decks.renderers.html import Page
from decks.themes.model import Theme

VERSION_MARK = "__RECAP_LIVE_VERSION__"  # replaced by the version of the page served


def _own(name: str) -> str:
    return files(__package__).joinpath(name).read_text(encoding="utf-8")


LIVE_HEAD = (
    f'<meta name="recap-version" content="{VERSION_MARK}">\n'
    f"<script>\n{_own('live.js')}</script>\n<style>\n{_own('live.css')}</style>"
)


@dataclass(frozen=True)
class Parts:
    """A page cut as live.js replaces it: its head (the styles), title and language, and the body's parts in
    order, each under the key live.js names it by (an element's id, else its tag and class: "HEADER."). A part
    that did not change since the last page is the very string object of that page's, so telling what changed
    between two pages costs a comparison of identities, not of ten megabytes."""

    head: str
    title: str
    lang: str
    body: tuple[tuple[str, str], ...]


def changes(old: Parts, new: Parts) -> dict[str, JsonValue]:
    """What a page showing `old` needs to show `new`: the parts that are not the same (by identity: an unchanged
    part is kept as the same object), the order of every part, the head when it changed, title and language."""
    before = dict(old.body)
    return {
        "head": new.head if new.head is not old.head else None,
        "title": new.title,
        "lang": new.lang,
        "keys": [key for key, _ in new.body],
        "parts": {key: html for key, html in new.body if before.get(key) is not html},
    }


@dataclass
class LivePage(Page):
    """The page, keeping each slide's SVG and section by the slide object itself: the warm planner gives an
    unchanged slide as the very object of the last build, and hashing every slide of a long deck on each save (to
    find it by value) costs more than painting the few that changed. `parts` is the last page built, cut."""

    _painted: dict[int, tuple[Slide, str, FontFaces]] = field(default_factory=dict)  # by number
    _painted_in: tuple[Theme, str | None, float, float] | None = None
    _sections: dict[int, tuple[Slide, str, str, str]] = field(default_factory=dict)  # by number, of the last page
    _sections_now: dict[int, tuple[Slide, str, str, str]] = field(default_factory=dict)  # the same, of this page
    parts: Parts | None = None

    def slides(self, deck: Deck, theme: Theme) -> tuple[list[str], FontFaces]:
        setter = self.setter(theme)
        # A slide's SVG depends on the slide, its number, the theme and the deck's size and language.
        painted_in = (theme, deck.language, deck.width, deck.height)
        last = self._painted_in
        if last is None or last[0] is not theme or last[1:] != painted_in[1:]:
            self._painted, self._painted_in = {}, painted_in  # a new theme (or language) paints every slide again
        fonts = FontFaces()
        out = []
        keep: dict[int, tuple[Slide, str, FontFaces]] = {}
        for number, slide in enumerate(deck.slides, 1):
            held = self._painted.get(number)
            # The slides the planner makes anew each build (the title, sections, closing) are equal, not the same.
            if held is None or (held[0] is not slide and held[0] != slide):
                own = FontFaces()
                held = (slide, slide_svg(deck, slide, number, setter, own, self._image), own)
            keep[number] = held
            fonts.merge(held[2])
            out.append(held[1])
        self._painted = keep  # only the slides of the latest deck are worth keeping
        return out, fonts

    def section(self, number: int, slide: Slide, svg: str, notes: str) -> str:
        held = self._sections.get(number)
        if held is None or held[1] is not svg or held[2] != notes or (held[0] is not slide and held[0] != slide):
            held = (slide, svg, notes, super().section(number, slide, svg, notes))
        self._sections_now[number] = held
        return held[3]

    def html(self, recap: Recap, theme: Theme, deck: Deck, sketch: Sketch | None, problem: str = "") -> str:
        self._sections_now = {}
        page = super().html(recap, theme, deck, sketch, problem)
        self._sections = self._sections_now  # only the sections of the latest page are worth keeping
        self.parts = self._cut(page, deck)
        return page

    def _cut(self, page: str, deck: Deck) -> Parts:
        """The page's parts: the head, the header, each slide's section (as `section` made it) and the sketch's."""
        body = page.index("<body>\n")
        header = page[page.index("<header>", body) : page.index("</header>", body) + len("</header>")]
        sketch = page[page.rindex('<section class="sketch" id="sketchnote"') : page.rindex("</section>\n</main>") + 10]
        slides = [(f"slide-{n}", held[3]) for n, held in self._sections.items()]  # in order
        last = self.parts
        head = page[:body]
        if last is not None:  # the same text as the last page's: the same object, so `changes` sees it unchanged
            held = dict(last.body)
            head = last.head if last.head == head else head
            header = held["HEADER."] if held.get("HEADER.") == header else header
            sketch = held["sketchnote"] if held.get("sketchnote") == sketch else sketch
        return Parts(head, deck.title, deck.language or "en", (("HEADER.", header), *slides, ("sketchnote", sketch)))
