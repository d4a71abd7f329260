"""The preview page: the head that keeps an open page up to date (the script `live.js` and the problems panel's
style `live.css`, files of this package), and the HTML page kept slide by slide between renders."""

from __future__ import annotations

from dataclasses import dataclass, field
from importlib.resources import files

from decks.paint.deck_svg import FontFaces, slide_svg
from decks.plan.deck.plan import Deck, Slide
from decks.renderers.html import Page
from decks.themes.model import Theme

VERSION_MARK = "__RECAP_LIVE_VERSION__"  # replaced by the version of the page served


def _own(name: str) -> str:
    return files(__package__).joinpath(name).read_text(encoding="utf-8")


LIVE_HEAD = (
    f'<meta name="recap-version" content="{VERSION_MARK}">\n'
    f"<script>\n{_own('live.js')}</script>\n<style>\n{_own('live.css')}</style>"
)


@dataclass
class LivePage(Page):
    """The page, keeping each slide's SVG by the slide object itself: the warm planner gives an unchanged slide as
    the very object of the last build, and hashing every slide of a long deck on each save (to find it by value)
    costs more than painting the few that changed."""

    _painted: dict[tuple[int, int], tuple[Slide, str, FontFaces]] = field(default_factory=dict)
    _painted_in: Theme | None = None

    def slides(self, deck: Deck, theme: Theme) -> tuple[list[str], FontFaces]:
        setter = self.setter(theme)
        if theme is not self._painted_in:  # a new theme forgets every painted slide
            self._painted, self._painted_in = {}, theme
        fonts = FontFaces()
        out = []
        keep: dict[tuple[int, int], tuple[Slide, str, FontFaces]] = {}
        for number, slide in enumerate(deck.slides, 1):
            key = (id(slide), number)
            held = self._painted.get(key)
            if held is None or held[0] is not slide:
                own = FontFaces()
                held = (slide, slide_svg(deck, slide, number, setter, own, self._image), own)
            keep[key] = held
            fonts.merge(held[2])
            out.append(held[1])
        self._painted = keep  # only the slides of the latest deck are worth keeping
        return out, fonts
