"""What a page leaves out, and how it says so: once in the footer (in the recap's language) and once in a warning.

A dense page (decks.plan.sketch.abridge, the density rule) leaves out sub-points and trailing takeaways so its
key points are lettered at a size that reads as handwriting; an abridged page leaves out items and takeaways; a
page without room for captions leaves out the summaries, the day intros and the closing line. All are counted
here and said the same way, in one warning and one footer line.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import msgspec

if TYPE_CHECKING:
    from decks.plan.sketch.cards import CardSpec


class LeftOut(msgspec.Struct, frozen=True):
    """What the abridged page does not show."""

    items: tuple[str, ...]  # titles of items with no card
    takeaways: int  # takeaways not shown (on shown and dropped cards)
    summaries: int = 0  # item summaries not lettered (a page without captions)
    intros: int = 0  # day intros not lettered
    closing: bool = False  # the closing line is not lettered
    points: int = 0  # sub-points not shown (the density rule leaves out every one, on shown and dropped cards)

    def __bool__(self) -> bool:
        return bool(self.items or self.takeaways or self.points or self.summaries or self.intros or self.closing)

    def __add__(self, other: LeftOut) -> LeftOut:
        return LeftOut(
            self.items + other.items,
            self.takeaways + other.takeaways,
            self.summaries + other.summaries,
            self.intros + other.intros,
            self.closing or other.closing,
            self.points + other.points,
        )

    def captions(self) -> bool:
        return bool(self.summaries or self.intros or self.closing)


def note(language: str, what: LeftOut, scannable: bool) -> str:
    """The footer's line about what is not on the page, in the recap's language (decks.i18n)."""
    from decks.i18n import messages

    t = messages(language)
    bits = []
    if what.items:
        n = len(what.items)
        bits.append(t.ngettext("+{n} item", "+{n} items", n).format(n=t.format_number(n)))
    if what.takeaways:
        n = what.takeaways
        bits.append(t.ngettext("+{n} takeaway", "+{n} takeaways", n).format(n=t.format_number(n)))
    if what.points:
        n = what.points
        bits.append(t.ngettext("+{n} sub-point", "+{n} sub-points", n).format(n=t.format_number(n)))
    if what.summaries:
        n = what.summaries
        bits.append(t.ngettext("+{n} summary", "+{n} summaries", n).format(n=t.format_number(n)))
    if what.intros:
        n = what.intros
        bits.append(t.ngettext("+{n} day intro", "+{n} day intros", n).format(n=t.format_number(n)))
    if what.closing:
        bits.append(t.gettext("the closing line"))
    rest = t.gettext("scan for the full recap") if scannable else t.gettext("see the full recap")
    return t.gettext("{left_out}: {where}").format(left_out=t.join(bits), where=rest)


def warning(what: LeftOut, paper: str, body: float | None = None) -> str:
    """One warning for everything left out: of a page abridged to fit at the floor, or (`body`, its body size) of
    one that fits with every item and left out detail to letter its key points larger (the density rule)."""
    bits = []
    if what.items:
        shown = ", ".join(f"'{t}'" for t in what.items[:3]) + (", ..." if len(what.items) > 3 else "")
        bits.append(f"{len(what.items)} item(s) ({shown})")
    if what.takeaways:
        bits.append(f"{what.takeaways} takeaway(s)")
    if what.points:  # in its plural already: the terminal's "(s)" folding takes a word without a hyphen
        bits.append(f"{what.points} sub-point{'' if what.points == 1 else 's'}")
    bits += _caption_bits(what)
    if body is None:
        return (
            f"abridged to fit one {paper} page: {' and '.join(bits)} are not on the sketchnote (the footer says so); "
            "--paper a3 keeps more, --no-abridge refuses instead"
        )
    return (
        f"abridged to letter the key points of one {paper} page at {body:g} pt, as a hand writes them: "
        f"{' and '.join(bits)} are not on the sketchnote (the footer says so); --paper a3 keeps more, "
        "--no-abridge letters all of it smaller instead"
    )


def _caption_bits(what: LeftOut) -> list[str]:
    bits = [f"{what.summaries} summary(ies)"] if what.summaries else []
    bits += [f"{what.intros} day intro(s)"] if what.intros else []
    return bits + (["the closing line"] if what.closing else [])


def detail(specs: list[CardSpec]) -> LeftOut:
    """The takeaways and sub-points the density rule left off `specs` (abridge.lightened): each card counts its
    own, so a card later dropped whole still says them."""
    return LeftOut((), sum(s.takeaways_left for s in specs), points=sum(s.points_left for s in specs))


def uncaptioned(specs: list[CardSpec], closing: bool) -> LeftOut:
    """What a page without captions leaves out of `specs`: their summaries and day intros, and the closing line."""
    summaries = sum(1 for s in specs if s.summary)
    intros = sum(1 for s in specs if s.intro)
    return LeftOut((), 0, summaries, intros, closing)


def captions_warning(what: LeftOut) -> str:
    """The warning for a page that fits but has no room to letter the captions."""
    return (
        f"the sketchnote has no room for {' and '.join(_caption_bits(what))} at a legible size: they are not on "
        "the page (the footer says so); --paper a3 or fewer takeaways make room"
    )
