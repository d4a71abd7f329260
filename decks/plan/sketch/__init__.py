"""The one-page sketchnote: fit a recap onto one page and return drawing primitives for the backends.

`build()` searches for the largest common type scale at which the banner, every card and the footer fit
the page in the chosen layout, down to the theme's legibility floor; below that it raises `OutputError`
saying by how much the content is over and what to do. Nothing is ever dropped or clipped silently.
"""

from __future__ import annotations

import functools
import math
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Protocol, TypeVar

from msgspec.structs import replace

from decks.errors import ContentError, OutputError, Problem
from decks.i18n import right_to_left
from decks.model import Recap, Takeaway
from decks.model.inline import plain
from decks.model.paths import dotted
from decks.plan import icons
from decks.plan.coverage import describe_char, first_missing, texts
from decks.plan.plainwords import plain_recap, plain_takeaway
from decks.plan.sketch import loose, mirror, modular, path, vocabulary
from decks.plan.sketch.cards import CardSpec, askew, draw_card, item_spec, marked, plan_card
from decks.plan.sketch.chrome import Chrome, Title, banner_lines, draw_banner, draw_footer, plan_chrome, plan_title
from decks.plan.sketch.primitives import Container, Primitive, Rect, Sketch
from decks.plan.sketch.style import SMALLEST, Style, _capped, labels, reading_floor
from decks.text.fitting import largest_fitting, size_steps
from decks.text.scripts import install_hint
from decks.themes.model import Orientation, Paper, QrMode, SketchLayout, Theme

if TYPE_CHECKING:
    from decks.plan.sketch.leftout import LeftOut
    from decks.plan.sketch.radial import Hub

# What a layout's `arrange` gives: the cards placed, what it draws besides them (the radial hub's boxes among
# them), and how much of its area it needs.
Arranged = tuple[list[modular.Placed], Sequence[Primitive | Container], float]
# A try of the page at one size: how much of the page it needs (1.0 or less fits), the style, the chrome, and the
# cards with the area they go in.
PageTry = tuple[float, Style, Chrome, tuple[list[CardSpec], Rect]]


class _Styled(Protocol):
    @property
    def body(self) -> float: ...


# A try `captioned_or_not` weighs: its ratio, then a style with a body size, then anything.
Weighed = TypeVar("Weighed", bound="tuple[float, _Styled, *tuple[object, ...]]")


class Arrange(Protocol):
    """A layout's `arrange`: the cards of `specs` placed in `area` in `style`; `draw` False only measures them."""

    def __call__(self, specs: list[CardSpec], style: Style, area: Rect, draw: bool = True) -> Arranged: ...


def _radial(specs: list[CardSpec], style: Style, area: Rect, draw: bool = True, *, hub: Hub | None = None) -> Arranged:
    """The radial layout's `arrange` round `hub`, the cloud `build` makes of the banner's lines (it gives it)."""
    # The radial layout and the abridging rules are imported only when a page uses them (start-up, issue 12).
    from decks.plan.sketch import radial

    if hub is None:
        raise ValueError("the radial layout is arranged round a hub")
    return radial.arrange(specs, style, area, hub, draw)


PAPERS: dict[Paper, tuple[float, float]] = {
    "a4": (595.2756, 841.8898),
    "letter": (612.0, 792.0),
    "a3": (841.8898, 1190.5512),
}


def _vertical(specs: list[CardSpec], style: Style, area: Rect, draw: bool = True) -> Arranged:
    from decks.plan.sketch import vertical

    return vertical.arrange(specs, style, area, draw)


def _popcorn(specs: list[CardSpec], style: Style, area: Rect, draw: bool = True) -> Arranged:
    from decks.plan.sketch import popcorn

    return popcorn.arrange(specs, style, area, draw)


LAYOUTS: dict[SketchLayout, Arrange] = {
    "modular": modular.arrange,
    "path": path.arrange,
    "radial": _radial,  # takes the hub too; see build()
    "vertical": _vertical,
    "popcorn": _popcorn,
}
# Layouts whose cards are nudged off their grid after placing (decks.plan.sketch.loose); the others draw roads,
# spokes or a path to where their cards stand, so their cards stay where those lead.
LOOSE: tuple[SketchLayout, ...] = ("modular", "popcorn")
# A portrait page of at most this many items, whose layout is not chosen (--layout, a theme's own), is vertical.
VERTICAL_MOST = 8
MARGIN = 22.0  # points: inside what office printers leave blank
MAX_SCALE = 2.2  # sparse content grows to at most 2.2x the theme's sizes (and each role to its ceiling)
STEP = 0.25  # body size search step, points


def page_size(paper: Paper, orientation: Orientation) -> tuple[float, float]:
    w, h = PAPERS[paper]
    return (h, w) if orientation == "landscape" else (w, h)


def qr_mode(theme: Theme, qr: QrMode | None) -> QrMode:
    """Which codes the page draws (`--qr`, else the theme's: a theme with `sketch.qr: false` draws none)."""
    return qr or ("emphasis" if theme.sketch.qr else "none")


def source_code_url(recap: Recap, mode: QrMode) -> str | None:
    """The link the footer's code scans to: the source post, else the first resource, else the event's page
    (none with `--qr none`)."""
    if mode == "none":
        return None
    url = recap.source.url if recap.source else next((r.url for r in recap.resources), None)
    url = url or (recap.event.url if recap.event else None)
    from decks.plan.sketch.qr import encodable

    return url if encodable(url) else None


def specs_for(
    recap: Recap,
    theme: Theme,
    max_takeaways: int | None,
    icons_for: int | None = None,
    qr: QrMode | None = None,
    marks: bool = True,
) -> list[CardSpec]:
    """A card spec per item (and the key takeaways). Past the first `icons_for` items (emphasised ones
    excepted) icons are not chosen: those cards cannot be on an abridged page, and choosing costs time.
    A card carries a code for its video with `--qr all`, and with `emphasis` (the default) when emphasised.
    A card's texts are plain words, with the styles of those that carry inline markup (`cards.marked`); day
    labels and intros are plain words only. `marks` False: the content is known to have no markup."""
    specs: list[CardSpec] = []
    mode = qr_mode(theme, qr)
    n = 0
    for p, part in enumerate(recap.all_parts):
        for i, item in enumerate(part.items):
            choose = icons_for is None or n < icons_for or item.emphasis
            code = mode == "all" or (mode == "emphasis" and item.emphasis)
            spec = item_spec(item, n, p, theme.icons.default, code, max_takeaways, choose, recap.language, marks)
            if i == 0 and (len(recap.all_parts) > 1 or recap.parts):
                date = labels(recap.language).format_date(part.date) if part.date else ""
                label = plain(part.title) + (f"  ·  {date}" if date else "")
                spec = replace(spec, day_label=label, intro=plain(part.intro) if part.intro else part.intro)
            if n == 0 and recap.intro:  # the recap's intro leads the page, over its first card
                spec = replace(spec, intro="  ".join(x for x in (plain(recap.intro), spec.intro) if x))
            specs.append(spec)
            n += 1
    if recap.key_takeaways:
        specs.append(
            CardSpec(
                key="key",
                title=labels(recap.language).gettext("Key takeaways"),
                takeaways=tuple(plain_takeaway(t) for t in recap.key_takeaways),
                icon=icons.get("star") if icons.exists("star") else icons.get("lightbulb"),
                part=-1,
                kind="key",
                language=recap.language,
                styles=marked(*(x for t in recap.key_takeaways for x in (t.text, *t.points))),
            )
        )
    return specs


def _warnings(recap: Recap, theme: Theme, style: Style, max_takeaways: int | None, mode: QrMode) -> list[str]:
    from decks.plan.sketch import qr

    out: list[str] = []
    if mode in ("all", "emphasis"):
        for item in recap.all_items:
            if mode == "emphasis" and not item.emphasis:
                continue
            video = next((link.url for link in item.links if link.kind == "video"), None)
            if video is not None and not qr.encodable(video):
                out.append(
                    f"item '{item.title}': its video link is too long for a QR code ({len(video.encode()):,} bytes, "
                    f"at most {qr.MAX_BYTES:,}); the card shows no code: shorten the link"
                )
    if max_takeaways is not None:
        for item in recap.all_items:
            left = len(item.takeaways) - max_takeaways
            if left > 0:
                out.append(f"--max-takeaways {max_takeaways}: {left} takeaway(s) of '{item.title}' are not on the page")
    shown: list[tuple[str, str]] = []
    for item in recap.all_items:
        shown.append((f"item '{item.title}'", item.title))
        shown += [
            (f"item '{item.title}'", text) for t in item.takeaways[:max_takeaways] for text in (t.text, *t.points)
        ]
    shown += [("key takeaways", text) for t in recap.key_takeaways for text in (t.text, *t.points)]
    shown += [(dotted(where), text) for where, text in texts(recap)]  # the banner and footer too
    out += [
        f"{where}: no font of theme '{theme.name}' has {describe_char(ch)}; it shows as an empty box: "
        + install_hint(ch)
        for where, ch in first_missing(shown, (style.hand, style.bold))
    ]
    return out


def _most_cards(theme: Theme, page: Rect) -> int:
    """More cards than the page could hold at the floor: its area over a bare card's (a title, no takeaway, at
    the narrowest width a layout allows). Content with more cards is abridged or refused without a layout."""
    floor, body = theme.sizes.sketch.floor, theme.sizes.sketch.body
    bare = plan_card(CardSpec("bare", "x", (), icons.get("lightbulb"), 0), floor * 12, Style.make(theme, floor / body))
    return int(page.w * page.h / (bare.height * floor * 12)) + 1


def _abridged(
    recap: Recap,
    theme: Theme,
    specs: list[CardSpec],
    layout_at: Callable[..., PageTry],
    sizes: list[float],
    floor: float,
    most: int,
    url: str | None,
    from_below: bool = False,
) -> tuple[PageTry | None, LeftOut]:
    """The page holding the most important pieces that fit at the floor, and what it leaves out (the footer's
    note says to scan the code at `url` for the rest, when there is one). `from_below`: the content has more
    cards than a page could hold, and its pieces are searched from below."""
    from decks.plan.sketch import abridge as abridge_rule

    ranked = abridge_rule.ranking(specs, {i for i, s in enumerate(specs) if s.emphasis})
    whole = [n for n, (_, k) in enumerate(ranked) if k < 0]  # where each whole card (not a takeaway) ranks
    cap = whole[most] if len(whole) > most else len(ranked)
    chosen: dict[int, tuple[list[CardSpec], str]] = {}
    variants: dict[abridge_rule.VariantKey, CardSpec] = {}

    def subset(n: int) -> tuple[list[CardSpec], str]:
        if n not in chosen:
            what = _with_captions(abridge_rule.left_out(specs, ranked[:n]), specs, recap)
            kept = abridge_rule.keep(specs, ranked[:n], variants)
            chosen[n] = (kept, abridge_rule.note(recap.language, what, bool(url)))
        return chosen[n]

    def need(n: int) -> float:
        cards, note = subset(n)
        return layout_at(cards, floor, False, note, url)[0] if cards else math.inf

    # The most pieces that fit at the floor (the need grows with the pieces kept, about in proportion). Content
    # with more cards than a page could hold is searched from below (abridge.most_fitting); other content, which
    # keeps much of itself, by the size search's rule from all of it down (the tries that find the same count
    # where the need does not grow with every piece kept).
    top = min(cap, len(ranked))
    if from_below:
        n = abridge_rule.most_fitting(top, need)
    else:
        kept = largest_fitting(list(range(top, 0, -1)), lambda n: (need(n), n))
        n = kept[1] if kept is not None else None
    if n is None:
        return None, abridge_rule.LeftOut((), 0)
    cards, note = subset(n)
    found = largest_fitting(sizes, lambda size: layout_at(cards, size, False, note, url), floor)
    return found, _with_captions(abridge_rule.left_out(specs, ranked[:n]), specs, recap)


def _with_captions(what: LeftOut, specs: list[CardSpec], recap: Recap) -> LeftOut:
    """`what` an abridged page leaves out, with the captions it does not letter (it has none)."""
    from decks.plan.sketch.leftout import uncaptioned

    dropped = uncaptioned(specs, bool(recap.closing))
    return replace(what, summaries=dropped.summaries, intros=dropped.intros, closing=dropped.closing)


# Captions (summaries, day intros, the closing line) are lettered unless they cost the page more than this share of
# its body size: a reader loses less to type a step smaller than to a page without its summaries.
CAPTIONS_KEEP = 0.8


def captioned_or_not(
    sizes: list[float],
    captioned: Callable[[float], Weighed],
    bare: Callable[[float], Weighed],
    body: float,
    body_at: Callable[[float], float],
    captioned_over: Callable[[float], bool] | None = None,
    keep: float = CAPTIONS_KEEP,
) -> Weighed | None:
    """Summaries, day intros and the closing line are lettered whenever the page holds them at a legible size
    not much smaller than it would have without them: the largest fitting `captioned` try when the page fits
    with captions at the theme's own size `body`, or when its body size is at least `keep` times the largest
    fitting `bare` try's (without captions); else the bare one (or the captioned one when no bare try fits).
    A try returns (ratio, style) and is remembered, so asking again costs nothing; `body_at(size)` is the body
    size of the style at `size`, `captioned_over(size)` says whether the captioned try at `size` is over, maybe
    without finishing it (default: from the try).
    """
    start = next((j for j, s in enumerate(sizes) if s <= body + 1e-9), 0)  # where largest_fitting starts
    over = captioned_over or (lambda size: captioned(size)[0] > 1.0)
    if not over(sizes[start]):  # captions fit at the theme's size: the page grows from there with them
        return largest_fitting(sizes, captioned, body)
    without = largest_fitting(sizes, bare, body)
    least = keep * without[1].body if without is not None else 0.0
    if without is not None and body_at(sizes[start]) < least - 1e-9:
        return without  # not even the theme's size (where captions are over) is near the page without them
    # Over with captions at the floor, the page is over with them at every size (the need grows with the size, as
    # the search takes it to): the search is not made. The floor's try is one the search makes when it gets
    # there, so asking it first costs nothing more.
    found = None if over(sizes[-1]) else largest_fitting(sizes, captioned, body)
    if found is not None and found[1].body >= least - 1e-9:
        return found
    return without or found


def build(
    recap: Recap,
    theme: Theme,
    layout: SketchLayout | None = None,
    paper: Paper | None = None,
    orientation: Orientation | None = None,
    max_takeaways: int | None = None,
    abridge: bool = True,
    qr: QrMode | None = None,
) -> Sketch:
    """The page for `recap`; content that does not fit at the legibility floor is abridged (`abridge`) or
    refused with `OutputError`. `qr` says which codes are drawn (see `qr_mode`).

    The cards letter the content's inline markup in its styles (`specs_for`); everything else (the banner, the
    footer and its closing line, warnings, the page's title) is planned from its plain words (`plain_recap`)."""
    marked, recap = recap, plain_recap(recap)
    name = layout or theme.sketch.layout
    portrait = (orientation or theme.sketch.orientation) == "portrait"
    if layout is None and name == "modular" and portrait and len(recap.all_items) <= VERTICAL_MOST:
        name = "vertical"  # Rohde's vertical: one path down a tall page suits a few items
    mode = qr_mode(theme, qr)
    code_url = source_code_url(recap, mode)
    warnings: list[str] = []
    if name not in LAYOUTS:
        where = "--layout" if layout else f"theme '{theme.name}' sketch.layout"
        raise ContentError(
            [Problem(where, f"unknown sketchnote layout '{name}'", f"choose one of {', '.join(LAYOUTS)}")]
        )
    paper = paper or theme.sketch.paper
    if name == "vertical" and orientation is None:
        orientation = "portrait"  # a path down the page wants a tall one
    width, height = page_size(paper, orientation or theme.sketch.orientation)
    if max_takeaways is not None and max_takeaways < 0:
        raise OutputError([Problem("--max-takeaways", "must be 0 or more", "give a count of takeaways per item")])
    page = Rect(MARGIN, MARGIN, width - 2 * MARGIN, height - 2 * MARGIN)
    reach = max(1.0, (width * height / (PAPERS["a4"][0] * PAPERS["a4"][1])) ** 0.5)
    most = _most_cards(theme, page)
    icons_for = most + 1 if len(recap.all_items) > most else None
    specs = specs_for(marked, theme, max_takeaways, icons_for, mode, marks=marked is not recap)
    arrange = LAYOUTS[name]
    hub = None
    if name == "radial":
        # The cloud at the centre says what the banner would, so the page has no banner.
        from decks.plan.sketch import radial

        big, small = banner_lines(recap)
        hub = radial.Hub(big, small, recap.event.url if recap.event else None, recap.language)
        arrange = functools.partial(_radial, hub=hub)
    body = theme.sizes.sketch.body
    # Not below where the faces drawing the content read (Korean hand lettering reads from a larger size than
    # Latin): the smallest lettering, sub-points, stays at or above it.
    least = reading_floor(theme, recap.language, (text for _, text in texts(recap)))
    floor = max(theme.sizes.sketch.floor, least / SMALLEST)
    tried: dict[tuple[int, float, bool, str | None], PageTry] = {}
    styles: dict[tuple[float, bool], Style] = {}
    # The banner's title at each size: it depends on the size only (not on captions nor on the footer's note), and
    # the count search tries several notes at the floor (the title was ~90% of planning the chrome).
    titles: dict[float, Title] = {}

    def layout_at(
        cards: list[CardSpec],
        size: float,
        captions: bool = True,
        note: str | None = None,
        url: str | None = None,
        over_only: bool = False,
    ) -> PageTry:
        """The page at `size`; with `over_only` a ratio over 1 may be any such ratio (a layout may stop as soon as
        it is sure to be over; the modular rows are always laid out in full) and is not remembered."""
        key = (id(cards), size, captions, note)
        if key in tried:  # the error message asks again for the floor, which the search has usually tried
            return tried[key]
        # One style per size: its card plans are reused when an abridged try holds the same cards again.
        style = styles.get((size, captions)) or styles.setdefault(
            (size, captions), Style.make(theme, size / body, captions, reach, recap.language, least)
        )
        title = titles.get(size) or titles.setdefault(size, plan_title(recap, style, page.w))
        chrome = plan_chrome(recap, style, page.w, note, code_url, title)
        top = page.y if hub is not None else page.y + chrome.banner_h + style.gap * 1.5
        area = Rect(page.x, top, page.w, 0)
        area = Rect(area.x, area.y, area.w, page.bottom - chrome.footer_h - style.gap - area.y)
        stop = over_only and name == "modular"
        result: Arranged = ([], [], float("inf"))
        if area.h > 0:
            result = modular.arrange(cards, style, area, False, 1.0) if stop else arrange(cards, style, area, False)
        need = result[2] * area.h if area.h > 0 else float("inf")
        # How much of the page the whole thing needs: the banner and footer are part of it.
        ratio = (page.h - area.h + need) / page.h
        if stop and ratio > 1.0:
            return (ratio, style, chrome, (cards, area))
        tried[key] = (ratio, style, chrome, (cards, area))
        return tried[key]

    @functools.cache
    def uncaptioned() -> LeftOut:
        from decks.plan.sketch.leftout import uncaptioned

        return uncaptioned(specs, bool(recap.closing))

    def noted(cards: list[CardSpec], captions: bool) -> str | None:
        """The footer's line about what a page of `cards` leaves out: the detail the density rule left off them,
        and its captions when it has none."""
        from decks.plan.sketch.leftout import detail
        from decks.plan.sketch.leftout import note as left_note

        what = detail(cards) + uncaptioned() if not captions else detail(cards)
        return left_note(recap.language, what, bool(code_url)) if what else None

    def attempt(size: float, captions: bool = True) -> PageTry:
        return layout_at(specs, size, captions, noted(specs, captions))

    sizes = size_steps(min(body * MAX_SCALE * reach, 40.0 * reach), floor, STEP)
    hopeless = len(specs) > most
    found = None
    hand = max(body, floor)

    def fits(cards: list[CardSpec], size: float) -> bool:
        return layout_at(cards, size, True, noted(cards, True), over_only=True)[0] <= 1.0

    if abridge and (hopeless or not fits(specs, hand)):
        # The density rule: a page that does not fit at the theme's body size leaves out sub-points, then trailing
        # takeaways, before its captions and key points go (decks.plan.sketch.density; imported only by a page
        # that uses it). The size is the theme's on any paper, so a larger sheet keeps more.
        from decks.plan.sketch import density

        def largest(cards: list[CardSpec]) -> float | None:
            note = noted(cards, True)
            found = largest_fitting(sizes, lambda size: (layout_at(cards, size, True, note)[0], size), hand)
            return found[1] if found is not None else None

        specs = density.lightest(specs) if hopeless else density.lightened(specs, fits, hand, largest)
    if not hopeless:
        body_at = lambda size: _capped(body, size / body, "body", reach)  # noqa: E731 (what Style.body gives)
        found = captioned_or_not(
            sizes,
            attempt,
            functools.partial(attempt, captions=False),
            body,
            body_at,
            lambda size: layout_at(specs, size, True, noted(specs, True), over_only=True)[0] > 1.0,
        )
    sheet = paper.upper() if paper != "letter" else "Letter"  # as the warnings name the paper
    if found is not None:  # one warning for what the page leaves out, as its footer says it
        from decks.plan.sketch.leftout import captions_warning, detail, warning

        lighter = detail(specs)
        if lighter:
            what = lighter + uncaptioned() if not found[1].captions else lighter
            warnings.append(warning(what, sheet, found[1].body))
        elif not found[1].captions and uncaptioned():
            warnings.append(captions_warning(uncaptioned()))
    if found is None and abridge:
        found, what = _abridged(recap, theme, specs, layout_at, sizes, floor, most, code_url, hopeless)
        if what:
            from decks.plan.sketch.abridge import warning

            warnings.append(warning(what, sheet))
    if found is None:
        # A layout of thousands of cards would take long to say it is over: a bare card's area is a floor.
        ratio = len(specs) / most if hopeless else attempt(floor)[0]
        # Say by how much when it can be said (a layout that cannot place a card at all has no finite share),
        # and suggest only what was not tried already.
        need = f"{'over ' if hopeless else ''}{ratio:.0%} of the page" if math.isfinite(ratio) else "more room"
        tips = [] if paper == "a3" else ["--paper a3"]
        most_kept = max((len(i.takeaways) for i in recap.all_items), default=0)
        if max_takeaways is None or max_takeaways > 1:
            fewer = 2 if max_takeaways is None or max_takeaways > 2 else 1
            if fewer < most_kept:
                tips.append(f"--max-takeaways {fewer}")
        tips.append("fewer items or shorter takeaways")
        if not abridge:
            tips.append("leave out --no-abridge to keep what fits")
        raise OutputError(
            [
                Problem(
                    "the sketchnote",
                    f"the content does not fit on one {paper.upper() if paper != 'letter' else 'Letter'} page: "
                    f"it needs {need} at the {floor:g} pt floor ({len(recap.all_items)} items, layout {name})",
                    "try " + ", or ".join(tips),
                )
            ]
        )
    _, style, chrome, (cards, area) = found
    placed, extra, _ = arrange(cards, style, area)  # the search only measured: now draw the chosen one
    if right_to_left(recap.language):  # the reading path starts at the right (decks.plan.sketch.mirror)
        placed, extra = mirror.mirrored(placed, extra, area)
    if name in LOOSE:
        placed = loose.loosen(placed, area, style)
    prims: list[Primitive] = []
    conts: list[Container] = []
    if hub is None:
        drawn, boxes = draw_banner(recap, chrome, style, page)
        prims += drawn
        conts += boxes
    conts += [c for c in extra if isinstance(c, Container)]
    lines = [p for p in extra if not isinstance(p, Container)]
    split = next((i for i, p in enumerate(lines) if p is path._AFTER), len(lines))
    prims += lines[:split]
    cards_drawn = [draw_card(plan, x, y, h, style) for plan, x, y, h in placed]
    # Each card a little askew, as far as the room round what it drew allows (cards.askew).
    framed = [next(c.rect for c in boxes if c.kind in ("item", "key")) for _, boxes in cards_drawn]
    keys = [plan.spec.key for plan, *_ in placed]
    for drawn in askew(list(zip(keys, framed, (d for d, _ in cards_drawn), strict=True)), style):
        prims += drawn
    conts += [c for _, boxes in cards_drawn for c in boxes]
    prims += lines[split + 1 :]
    if name == "modular":  # the other layouts' gaps carry arrows or spokes already
        prims += vocabulary.dividers(placed, style)
    # Items sharing a tag are joined by an arrow in every layout (around the radial cloud; the path's road
    # already joins neighbours); on a grid of cards, lighter arrows follow the talk from card to card.
    hub_box = [c.rect for c in conts if c.kind == "hub"]
    prims += vocabulary.connectors(placed, style, area, hub_box, skip_next=name == "path", flow=name in LOOSE)
    drawn, boxes = draw_footer(recap, chrome, style, page)
    prims += drawn
    conts += boxes
    return Sketch(
        width,
        height,
        MARGIN,
        theme.palette.background,
        name,
        style.body,
        primitives=tuple(prims),
        containers=tuple(conts),
        warnings=tuple(warnings + _warnings(recap, theme, style, max_takeaways, mode)),
        title=recap.title,
        author=recap.presenter.name if recap.presenter else "",
    )


__all__ = ["LAYOUTS", "PAPERS", "Container", "Sketch", "Takeaway", "build", "page_size"]
