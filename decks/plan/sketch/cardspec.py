"""What a card shows, independent of size: the item's (or the key takeaways') texts, icon, links and role, and
which of its texts carry inline markup (as plain words with their styled stretches)."""

from __future__ import annotations

import random
from typing import Literal

import msgspec

from decks.model import Item, LinkKind, Takeaway
from decks.model.inline import has_markup, spans
from decks.plan import icons
from decks.plan.sketch.primitives import ContainerKind
from decks.plan.sketch.qr import encodable
from decks.text.runs import Styles, styles_of

# How a card's head is drawn, as a sketchnoter varies heads across a page: the icon in a drawn ring beside the
# title ("ring"), the icon alone and larger beside it ("bare"), the title first and the icon after it ("after"),
# or the title lettered on a highlighter band with the icon after it ("band").
Head = Literal["ring", "bare", "after", "band"]
HEADS: tuple[Head, ...] = ("ring", "bare", "after", "band")
_chain: list[Head] = []  # the heads of items 0, 1, 2, ... in reading order (a pure function of the index)


def head_at(index: int) -> Head:
    """The head of the item `index` in reading order: seeded by the index alone (same input, same page), and never
    the head of the item before it, so no two cards that follow each other are headed alike."""
    while len(_chain) <= index:
        n = len(_chain)
        rng = random.Random(f"head:{n}")  # a string seed is hashed with SHA-512: no PYTHONHASHSEED dependence
        _chain.append(rng.choice([h for h in HEADS if not _chain or h != _chain[-1]]))
    return _chain[index]


def item_head(index: int, emphasis: bool) -> Head:
    """The head of item `index` by its role: an emphasised item's title already stands on a pennant, so its icon
    leads it (in a ring or alone), differing from its neighbours' where one of the two does."""
    head = head_at(index)
    if not emphasis or head in ("ring", "bare"):
        return head
    near = {head_at(index - 1) if index else None, head_at(index + 1)}
    return next((h for h in (("bare", "ring") if index % 2 else ("ring", "bare")) if h not in near), "ring")


class CardSpec(msgspec.Struct, frozen=True):
    """What a card shows, independent of size."""

    key: str  # a stable name for the jitter seeds
    title: str
    takeaways: tuple[Takeaway, ...]
    icon: icons.Icon
    part: int  # the day it belongs to (-1 for the key takeaways)
    url: str | None = None  # the title's link
    qr: str | None = None  # the video link to encode
    day_label: str | None = None  # set on the first card of a day: drawn as a tab above the card
    kind: ContainerKind = "item"  # "item", or "key": the key takeaways' card
    summary: str | None = None  # a hand-lettered caption under the title, when the page has room
    intro: str | None = None  # the day's intro beside the day tab (first card of a day), or the recap's
    emphasis: bool = False  # a headline: a highlight mark under the title
    tags: tuple[str, ...] = ()  # cards sharing a tag are joined by an arrow
    quote: tuple[str, str | None] | None = None  # what was said and who said it: lettered in a speech bubble
    figure: tuple[str, str] | None = None  # a number and what it counts: lettered large in a drawn burst
    language: str | None = None  # the content's: the title breaks at its phrases
    head: Head = "ring"  # how the icon and title are drawn (see HEADS): varied across a page by item
    # The texts above that carried inline markup: (the text in plain words, its styled stretches).
    styles: tuple[tuple[str, Styles], ...] = ()
    # What the density rule leaves off this card (decks.plan.sketch.abridge.lightened): how many of its item's
    # takeaways (the trailing ones) and sub-points it does not show; the page's footer and warning count them.
    takeaways_left: int = 0
    points_left: int = 0

    def styled(self, text: str) -> Styles:
        """The styled stretches of `text`, one of this card's texts in plain words (none: ())."""
        return next((st for t, st in self.styles if t == text), ()) if self.styles else ()


def marked(*texts: str) -> tuple[tuple[str, Styles], ...]:
    """Each of `texts` (content fields) that has inline markup, as its plain words with their styled stretches."""
    out: list[tuple[str, Styles]] = []
    for text in texts:
        if has_markup(text):
            pieces = spans(text)
            styles = styles_of(tuple((p.text, int(p.style)) for p in pieces))
            if styles:
                out.append(("".join(p.text for p in pieces), styles))
    return tuple(out)


def item_spec(
    item: Item,
    index: int,
    part: int,
    theme_default: str,
    qr: bool,
    max_takeaways: int | None,
    choose: bool = True,
    language: str = "en",
    marks: bool = True,
) -> CardSpec:
    from decks.plan.plainwords import plain_item

    video = next((link.url for link in item.links if link.kind == LinkKind.video), None)
    kept = item.takeaways if max_takeaways is None else item.takeaways[:max_takeaways]
    styles: tuple[tuple[str, Styles], ...] = ()
    texts = [item.title, item.summary or "", *(x for t in kept for x in (t.text, *t.points))] if marks else []
    texts += [item.quote.text if item.quote else "", item.figure.label if item.figure else ""] if marks else []
    if any(map(has_markup, texts)):  # most content has no markup (`marks` False: known): its item is as it is
        styles = marked(*texts)
        item = plain_item(item)  # the card's words; `styles` says how the marked ones are lettered
    takeaways = tuple(item.takeaways if max_takeaways is None else item.takeaways[:max_takeaways])
    return CardSpec(
        key=f"item{index}",
        title=item.title,
        takeaways=takeaways,
        icon=icons.choose(item, theme_default, language)
        if choose
        else icons.get(theme_default if icons.exists(theme_default) else "lightbulb"),
        part=part,
        url=item.links[0].url if item.links else None,
        qr=video if qr and encodable(video) else None,
        summary=item.summary,
        quote=(item.quote.text, item.quote.by) if item.quote else None,
        figure=(item.figure.value, item.figure.label) if item.figure else None,
        language=language,
        emphasis=item.emphasis,
        tags=tuple(t.lower() for t in item.tags),
        styles=styles,
        head=item_head(index, item.emphasis),
    )
