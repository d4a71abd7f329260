"""The one-page sketchnote: fit a recap onto one page and return drawing primitives for the backends.

`build()` searches for the largest common type scale at which the banner, every card and the footer fit
the page in the chosen layout, down to the theme's legibility floor; below that it raises `OutputError`
saying by how much the content is over and what to do. Nothing is ever dropped or clipped silently.
"""

from __future__ import annotations

from collections.abc import Callable

from decks.checks import describe_char
from decks.errors import OutputError, Problem
from decks.layout import icons
from decks.layout.sketch import modular, path
from decks.layout.sketch.cards import CardSpec, draw_card, item_spec
from decks.layout.sketch.chrome import draw_banner, draw_footer, plan_chrome
from decks.layout.sketch.primitives import Container, Primitive, Rect, Sketch
from decks.layout.sketch.style import Style, labels
from decks.model import Recap, Takeaway
from decks.themes.model import Theme

PAPERS = {"a4": (595.2756, 841.8898), "letter": (612.0, 792.0), "a3": (841.8898, 1190.5512)}
LAYOUTS: dict[str, Callable[..., tuple[list[modular.Placed], list[Primitive], float]]] = {
    "modular": modular.arrange,
    "path": path.arrange,
}
MARGIN = 22.0  # points: inside what office printers leave blank
MAX_SCALE = 1.5  # sparse content grows to at most 1.5x the theme's sizes
STEP = 0.25  # body size search step, points


def page_size(paper: str, orientation: str) -> tuple[float, float]:
    w, h = PAPERS[paper]
    return (h, w) if orientation == "landscape" else (w, h)


def specs_for(recap: Recap, theme: Theme, max_takeaways: int | None) -> list[CardSpec]:
    specs: list[CardSpec] = []
    n = 0
    for p, part in enumerate(recap.all_parts):
        for i, item in enumerate(part.items):
            spec = item_spec(item, n, p, theme.icons.default, theme.sketch.qr, max_takeaways)
            if i == 0 and (len(recap.all_parts) > 1 or recap.parts):
                label = part.title + (f"  ·  {part.date.isoformat()}" if part.date else "")
                spec = CardSpec(**{**spec.__dict__, "day_label": label})
            specs.append(spec)
            n += 1
    if recap.key_takeaways:
        specs.append(
            CardSpec(
                key="key",
                title=labels(recap.language)["key"],
                takeaways=tuple(recap.key_takeaways),
                icon=icons.get("star") if icons.exists("star") else icons.get("lightbulb"),
                part=-1,
                kind="key",
            )
        )
    return specs


def _warnings(recap: Recap, theme: Theme, style: Style, max_takeaways: int | None) -> list[str]:
    out: list[str] = []
    if max_takeaways is not None:
        for item in recap.all_items:
            left = len(item.takeaways) - max_takeaways
            if left > 0:
                out.append(f"--max-takeaways {max_takeaways}: {left} takeaway(s) of '{item.title}' are not on the page")
    seen: set[str] = set()

    def check(where: str, text: str) -> None:
        for ch in sorted(style.hand.missing(text) | style.bold.missing(text)):
            if ch not in seen:
                seen.add(ch)
                out.append(
                    f"{where}: no font of theme '{theme.name}' has {describe_char(ch)}; it shows as an empty box: "
                    "remove it, or add a font that has it to the theme's fallbacks"
                )

    for item in recap.all_items:
        check(f"item '{item.title}'", item.title)
        for t in item.takeaways[:max_takeaways]:
            for text in (t.text, *t.points):
                check(f"item '{item.title}'", text)
    for t in recap.key_takeaways:
        for text in (t.text, *t.points):
            check("key takeaways", text)
    return out


def build(
    recap: Recap,
    theme: Theme,
    layout: str | None = None,
    paper: str | None = None,
    orientation: str | None = None,
    max_takeaways: int | None = None,
) -> Sketch:
    """The page for `recap`: raise `OutputError` when it does not fit at the legibility floor."""
    name = layout or theme.sketch.layout
    warnings: list[str] = []
    if name not in LAYOUTS:
        warnings.append(f"layout '{name}' is not available; using modular (choose one of {', '.join(LAYOUTS)})")
        name = "modular"
    paper = paper or theme.sketch.paper
    width, height = page_size(paper, orientation or theme.sketch.orientation)
    if max_takeaways is not None and max_takeaways < 0:
        raise OutputError([Problem("recap pdf", "--max-takeaways must be 0 or more")])
    specs = specs_for(recap, theme, max_takeaways)
    page = Rect(MARGIN, MARGIN, width - 2 * MARGIN, height - 2 * MARGIN)
    arrange = LAYOUTS[name]
    body = theme.sizes.sketch.body
    floor = theme.sizes.sketch.floor

    def attempt(size: float) -> tuple[float, Style, object, tuple]:
        style = Style.make(theme, size / body)
        chrome = plan_chrome(recap, style, page.w)
        area = Rect(page.x, page.y + chrome.banner_h + style.gap * 1.5, page.w, 0)
        area = Rect(area.x, area.y, area.w, page.bottom - chrome.footer_h - style.gap - area.y)
        result = arrange(specs, style, area) if area.h > 0 else ([], [], float("inf"))
        need = result[2] * area.h if area.h > 0 else float("inf")
        # How much of the page the whole thing needs: the banner and footer are part of it.
        ratio = (page.h - area.h + need) / page.h
        return ratio, style, chrome, result

    sizes = []
    s = min(body * MAX_SCALE, 40.0)
    while s > floor + 1e-9:
        sizes.append(round(s, 3))
        s -= STEP
    sizes.append(floor)
    lo, hi = 0, len(sizes) - 1
    found = None
    while lo <= hi:  # the largest size that fits: the needed height grows with the size
        mid = (lo + hi) // 2
        tried = attempt(sizes[mid])
        if tried[0] <= 1.0:
            found, hi = tried, mid - 1
        else:
            lo = mid + 1
    if found is None:
        ratio = attempt(floor)[0]
        raise OutputError(
            [
                Problem(
                    "recap pdf",
                    f"the content does not fit on one {paper.upper() if paper != 'letter' else 'Letter'} page: "
                    f"it needs {ratio:.0%} of the page at the {floor:g} pt floor "
                    f"({len(recap.all_items)} items, layout {name})",
                    "try --paper a3, --max-takeaways N (e.g. 2), or fewer items or shorter takeaways",
                )
            ]
        )
    _, style, chrome, (placed, extra, _) = found
    sketch = Sketch(width, height, MARGIN, theme.palette.background, name, style.body, title=recap.title)
    sketch.author = recap.presenter.name if recap.presenter else ""
    sketch.warnings = warnings + _warnings(recap, theme, style, max_takeaways)
    prims, conts = draw_banner(recap, chrome, style, page)
    sketch.primitives += prims
    sketch.containers += conts
    split = next((i for i, p in enumerate(extra) if p is path._AFTER), len(extra))
    sketch.primitives += extra[:split]
    for plan, x, y, h in placed:
        prims, conts = draw_card(plan, x, y, h, style)
        sketch.primitives += prims
        sketch.containers += conts
    sketch.primitives += extra[split + 1 :]
    prims, conts = draw_footer(recap, chrome, style, page)
    sketch.primitives += prims
    sketch.containers += conts
    return sketch


__all__ = ["LAYOUTS", "PAPERS", "Container", "Sketch", "Takeaway", "build", "page_size"]
