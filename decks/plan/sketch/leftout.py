"""What a page leaves out, and how it says so: once in the footer (in the recap's language) and once in a warning.

An abridged page (decks.plan.sketch.abridge) leaves out items and takeaways; a page without room for captions
leaves out the summaries, the day intros and the closing line. Both are counted here and said the same way.
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

    def __bool__(self) -> bool:
        return bool(self.items or self.takeaways or self.summaries or self.intros or self.closing)

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


def warning(what: LeftOut, paper: str) -> str:
    """One warning for everything left out."""
    bits = []
    if what.items:
        shown = ", ".join(f"'{t}'" for t in what.items[:3]) + (", ..." if len(what.items) > 3 else "")
        bits.append(f"{len(what.items)} item(s) ({shown})")
    if what.takeaways:
        bits.append(f"{what.takeaways} takeaway(s)")
    bits += _caption_bits(what)
    return (
        f"abridged to fit one {paper} page: {' and '.join(bits)} are not on the sketchnote (the footer says so); "
        "--paper a3 keeps more, --no-abridge refuses instead"
    )


def _caption_bits(what: LeftOut) -> list[str]:
    bits = [f"{what.summaries} summary(ies)"] if what.summaries else []
    bits += [f"{what.intros} day intro(s)"] if what.intros else []
    return bits + (["the closing line"] if what.closing else [])


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
