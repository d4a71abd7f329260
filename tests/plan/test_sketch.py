"""The sketchnote layout: one page, every container inside the margin and apart, text inside its container."""

from __future__ import annotations

import sys

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from decks.errors import ContentError, OutputError
from decks.model import Recap
from decks.plan.sketch import build
from decks.plan.sketch.primitives import Path, Sketch, TextRun
from decks.readers.content import load_content
from decks.themes.loader import load_theme
from tests.budget import examples
from tests.conftest import EXAMPLE_EN, EXAMPLE_ZH, FIXTURES

sys.path.insert(0, str(FIXTURES))
from sketch_dense import write_dense

LAYOUTS = ("modular", "path", "radial", "vertical", "popcorn")


@pytest.fixture(scope="module")
def theme():
    return load_theme(None)


@pytest.fixture(scope="module")
def dense(tmp_path_factory: pytest.TempPathFactory):
    return load_content(write_dense(tmp_path_factory.mktemp("dense"), 24))


def check_geometry(sketch: Sketch) -> None:
    inner = sketch.inner
    conts = sketch.containers
    for c in conts:
        assert inner.contains(c.rect, 0.01), f"{c.kind} '{c.label}' crosses the page margin"
    framed = [c for c in conts if c.kind in ("item", "key", "banner", "footer", "hub")]
    for i, a in enumerate(framed):
        for b in framed[i + 1 :]:
            assert not a.rect.overlaps(b.rect), f"'{a.label}' overlaps '{b.label}'"
    for run in sketch.runs():
        box = _run_box(run)
        assert inner.contains(box, 0.5), f"text {run.text!r} crosses the page margin"
        assert any(c.rect.contains(box, 1.0) for c in conts), f"text {run.text!r} is outside every container"


def _run_box(run: TextRun):
    from decks.plan.sketch.primitives import Rect

    # The glyphs' visible part: cap height above, descenders below (the win metrics overstate both).
    return Rect(run.x, run.y - 0.8 * run.size, run.width, 0.8 * run.size + min(run.descent, 0.3 * run.size))


@pytest.mark.parametrize("layout", LAYOUTS)
@pytest.mark.parametrize("example", [EXAMPLE_EN, EXAMPLE_ZH], ids=["en", "zh"])
def test_examples_fit_tidily_in_every_layout(example, layout, theme) -> None:
    recap = load_content(example)
    sketch = build(recap, theme, layout=layout)
    assert sketch.body_size >= theme.sizes.sketch.floor
    check_geometry(sketch)
    items = [c for c in sketch.containers if c.kind == "item"]
    assert [c.label for c in items] == [i.title for i in recap.all_items]
    days = [c for c in sketch.containers if c.kind == "day"]
    assert len(days) == len(recap.all_parts), "each day is labelled"
    assert {c.part for c in items} == set(range(len(recap.all_parts)))


def test_dense_content_fits_in_modular(dense, theme) -> None:
    sketch = build(dense, theme, layout="modular")
    check_geometry(sketch)
    assert len([c for c in sketch.containers if c.kind == "item"]) == 24


@pytest.mark.parametrize("layout", ["path", "radial"])
def test_dense_content_fits_or_says_why(dense, theme, layout) -> None:
    try:
        check_geometry(build(dense, theme, layout=layout))
    except OutputError as exc:
        assert "% of the page at the 7 pt floor" in str(exc)


def test_too_much_content_without_abridging_says_by_how_much_and_what_to_do(tmp_path, theme) -> None:
    recap = load_content(write_dense(tmp_path, 40, takeaways=4))
    with pytest.raises(OutputError) as info:
        build(recap, theme, abridge=False)
    message = str(info.value)
    assert "needs 1" in message and "% of the page at the 7 pt floor" in message
    assert "--paper a3" in message and "--max-takeaways" in message and "--no-abridge" in message


def test_a3_and_portrait_and_letter_pages(theme) -> None:
    recap = load_content(EXAMPLE_EN)
    a3 = build(recap, theme, paper="a3")
    assert (round(a3.width), round(a3.height)) == (1191, 842)
    portrait = build(recap, theme, paper="letter", orientation="portrait")
    assert (portrait.width, portrait.height) == (612, 792)
    check_geometry(portrait)
    assert a3.body_size >= build(recap, theme).body_size


def test_max_takeaways_is_reported(theme) -> None:
    sketch = build(load_content(EXAMPLE_EN), theme, max_takeaways=1)
    assert any("--max-takeaways 1" in w and "TensorFlow Lite" in w for w in sketch.warnings)


def test_same_layout_every_time(theme) -> None:
    recap = load_content(EXAMPLE_EN)
    assert build(recap, theme).primitives == build(recap, theme).primitives


def test_unknown_layout_in_theme_is_an_error_listing_the_layouts(theme) -> None:
    odd = theme.model_copy(update={"sketch": theme.sketch.model_copy(update={"layout": "spiral"})})
    with pytest.raises(ContentError) as info:
        build(load_content(EXAMPLE_EN), odd)
    message = str(info.value)
    assert "spiral" in message and all(name in message for name in LAYOUTS)


def test_layout_choices_of_the_command_are_the_layouts() -> None:
    from decks.plan import SKETCH_OPTIONS
    from decks.plan.sketch import LAYOUTS as BUILT

    choices = next(o.choices for o in SKETCH_OPTIONS if o.name == "layout")
    assert tuple(BUILT) == choices == LAYOUTS


def test_radial_puts_the_event_in_the_centre_and_joins_every_item_to_it(theme) -> None:
    recap = load_content(EXAMPLE_EN)
    sketch = build(recap, theme, layout="radial")
    hubs = [c for c in sketch.containers if c.kind == "hub"]
    assert len(hubs) == 1 and hubs[0].label == recap.event_name
    assert not [c for c in sketch.containers if c.kind == "banner"], "the cloud replaces the banner"
    hub, inner = hubs[0].rect, sketch.inner
    centre = (hub.x + hub.w / 2, hub.y + hub.h / 2)
    assert abs(centre[0] - (inner.x + inner.w / 2)) < inner.w * 0.1
    assert abs(centre[1] - (inner.y + inner.h / 2)) < inner.h * 0.15
    items = [c for c in sketch.containers if c.kind == "item"]
    # Reading order goes clockwise from the top-left: the first card is the top-left one.
    assert min(items, key=lambda c: c.rect.x + c.rect.y).label == recap.all_items[0].title
    # A spoke per item: a stroke from the edge of a card that ends on the cloud's outline.
    spokes = [p for p in sketch.primitives if isinstance(p, Path) and p.stroke and len(p.points) > 1]
    ends_on_hub = [p for p in spokes if _near_ellipse(p.points[-1], hub)]
    assert len(ends_on_hub) >= len(items)


def _near_ellipse(pt, box) -> bool:
    cx, cy = box.x + box.w / 2, box.y + box.h / 2
    rx, ry = box.w / 2 / 1.07, box.h / 2 / 1.07  # the container is the cloud's bumps' box
    return abs(((pt[0] - cx) / rx) ** 2 + ((pt[1] - cy) / ry) ** 2 - 1) < 0.2


def test_qr_boxes_draw_exactly_the_code(theme) -> None:
    from decks.plan.sketch import qr
    from decks.plan.sketch.cards import _qr

    url = "https://www.youtube.com/watch?v=k5c-vg4rjBw"
    matrix = qr.matrix(url)
    boxes = _qr(url, 0.0, 0.0, "#FFFFFF", "#000000")
    side = len(matrix)
    m = boxes[0].rect.w / (side + 4)
    grid = [[False] * side for _ in range(side)]
    for box in boxes[1:]:
        r = box.rect
        for row in range(round(r.y / m) - 2, round((r.y + r.h - 0.01) / m) - 2):
            for col in range(round(r.x / m) - 2, round(r.right / m) - 2):
                assert not grid[row][col], "boxes overlap"
                grid[row][col] = True
    assert tuple(tuple(row) for row in grid) == matrix
    runs = sum(1 for row in matrix for c, dark in enumerate(row) if dark and (c == 0 or not row[c - 1]))
    assert len(boxes) - 1 < runs, "runs are merged down the rows into fewer boxes"


_WORDS = st.sampled_from(
    ["model", "TensorFlow", "on-device", "quantization", "数据集", "训练模型", "，", "。", "https://x.io/a/b", "2.0"]
)
_TEXT = st.lists(_WORDS, min_size=1, max_size=14).map(" ".join)


@st.composite
def _recaps(draw: st.DrawFn) -> Recap:
    parts = []
    for p in range(draw(st.integers(1, 3))):
        items = [
            {
                "title": draw(_TEXT),
                "takeaways": draw(st.lists(_TEXT, max_size=5)),
                "links": [{"url": "https://youtu.be/x", "kind": "video"}] if draw(st.booleans()) else [],
            }
            for _ in range(draw(st.integers(1, 6)))
        ]
        parts.append({"title": f"Day {p + 1}", "items": items})
    return Recap.model_validate(
        {"title": draw(_TEXT), "parts": parts, "key_takeaways": draw(st.lists(_TEXT, max_size=4))}
    )


@settings(max_examples=examples(10, deep=30), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(recap=_recaps(), layout=st.sampled_from(LAYOUTS))
def test_any_content_is_laid_out_tidily_or_refused_with_the_reason(recap: Recap, layout: str) -> None:
    theme = load_theme(None)
    try:
        sketch = build(recap, theme, layout=layout)
    except OutputError as exc:
        assert "does not fit" in str(exc) and "--paper a3" in str(exc)
        return
    check_geometry(sketch)
    assert sketch.body_size >= theme.sizes.sketch.floor


def test_a_video_link_too_long_for_a_qr_code_gets_no_code_and_a_warning(tmp_path) -> None:
    from decks.plan import sketch_plan
    from decks.readers.content import parse_content
    from decks.themes.loader import load_theme

    url = "https://www.youtube.com/watch?v=x&" + "a" * 3000
    raw = f'title: T\nitems:\n  - title: A talk\n    links:\n      - {{label: Video, url: "{url}", kind: video}}\n'
    recap = parse_content(raw.encode(), "c.yaml", tmp_path)
    sketch = sketch_plan(recap, load_theme(None), qr="all")
    assert any("too long for a QR code" in w and "A talk" in w for w in sketch.warnings)
    # By default only an emphasised item's video gets a code: this one is not, so there is nothing to warn about.
    assert not any("QR code" in w for w in sketch_plan(recap, load_theme(None)).warnings)
    assert any(getattr(p, "url", None) == url for p in sketch.primitives)  # the title still links to it


def test_the_no_fit_message_suggests_only_what_was_not_tried(tmp_path) -> None:
    import pytest

    from decks.errors import OutputError
    from decks.plan import sketch_plan
    from decks.readers.content import parse_content
    from decks.themes.loader import load_theme

    items = "".join(f"  - title: Item {n}\n    takeaways: [one long takeaway, another, a third]\n" for n in range(400))
    recap = parse_content(f"title: T\nitems:\n{items}".encode(), "c.yaml", tmp_path)
    with pytest.raises(OutputError) as caught:
        sketch_plan(recap, load_theme(None), paper="a3", max_takeaways=1, no_abridge=True)
    text = str(caught.value)
    assert "--paper a3" not in text and "--max-takeaways" not in text and "nan" not in text and "inf" not in text
    assert "does not fit on one A3 page" in text and "leave out --no-abridge" in text


@settings(max_examples=300, deadline=None)
@given(st.floats(5.0, 60.0), st.floats(5.0, 60.0) | st.just(0.0), st.floats(5.0, 30.0), st.floats(0.5, 1.0))
def test_captions_are_kept_unless_they_cost_more_than_a_share_of_the_body_size(
    bare_max, captioned_max, body, keep
) -> None:
    # Pages that fit up to a size (with and without captions): the captioned page wins when it fits at the
    # theme's size or its body is at least `keep` times the bare page's; else the bare page.
    from types import SimpleNamespace

    from decks.plan.sketch import captioned_or_not
    from decks.text.fitting import size_steps

    sizes = size_steps(60.0, 4.0, 0.25)

    def tries(most: float, captions: bool):
        return lambda size: (size / most if most else 9.0, SimpleNamespace(body=size, captions=captions))

    found = captioned_or_not(sizes, tries(captioned_max, True), tries(bare_max, False), body, lambda s: s, None, keep)
    fits_c = [s for s in sizes if captioned_max and s <= captioned_max]
    fits_b = [s for s in sizes if s <= bare_max]
    at = next(s for s in sizes if s <= body + 1e-9)  # the theme's size on the search's grid
    if fits_c and (fits_c[0] >= at - 1e-9 or not fits_b or fits_c[0] >= keep * fits_b[0] - 1e-9):
        assert found[1].captions and found[1].body == fits_c[0]
    else:
        assert found is not None and not found[1].captions and found[1].body == fits_b[0]


def _joined(sketch: Sketch) -> str:
    return "".join("".join(r.text.split()) for r in sketch.runs())


def test_the_example_letters_every_summary_day_intro_and_the_closing_line(theme) -> None:
    recap = load_content(EXAMPLE_EN)
    sketch = build(recap, theme, layout="modular")
    text = _joined(sketch)
    summaries = [i.summary for i in recap.all_items if i.summary]
    intros = [p.intro for p in recap.all_parts if p.intro]
    assert len(summaries) == 14 and len(intros) == 3 and recap.closing
    for caption in [*summaries, *intros, recap.closing]:
        assert "".join(caption.split()) in text
    assert not any("summar" in w for w in sketch.warnings)


@pytest.mark.parametrize("layout", ["path", "radial"])
def test_captions_left_out_are_said_once_in_a_warning_and_the_footer(theme, layout) -> None:
    recap = load_content(EXAMPLE_EN)
    sketch = build(recap, theme, layout=layout)
    text = _joined(sketch)
    shown = [i.summary for i in recap.all_items if i.summary and "".join(i.summary.split()) in text]
    if len(shown) < 14:
        said = [w for w in sketch.warnings if "summar" in w]
        assert len(said) == 1 and "14 summary(ies)" in said[0] and "the closing line" in said[0]
        assert "+14summaries" in text and "theclosingline" in text


def _codes(sketch: Sketch) -> int:
    """QR codes on the page: each is a light square with a link of its own size on it."""
    from decks.plan.sketch.primitives import Box, Link

    squares = {(round(p.rect.x, 2), round(p.rect.y, 2)) for p in sketch.primitives if isinstance(p, Box)}
    links = [p.rect for p in sketch.primitives if isinstance(p, Link)]
    return sum(1 for r in links if (round(r.x, 2), round(r.y, 2)) in squares)


@pytest.mark.parametrize("layout", ["modular", "path", "radial"])
def test_qr_codes_by_mode(theme, layout) -> None:
    recap = load_content(EXAMPLE_EN)
    videos = sum(1 for i in recap.all_items if any(link.kind == "video" for link in i.links))
    emphasised = sum(1 for i in recap.all_items if i.emphasis and any(link.kind == "video" for link in i.links))
    assert emphasised == 1 and videos > 5
    counts = {mode: _codes(build(recap, theme, layout=layout, qr=mode)) for mode in ("emphasis", "source", "none")}
    assert counts == {"emphasis": 2, "source": 1, "none": 0}  # the default is "emphasis": at most two codes
    assert _codes(build(recap, theme, layout=layout)) == 2
    everything = build(recap, theme, layout=layout, qr="all")
    shown = len([c for c in everything.containers if c.kind == "item"])
    assert _codes(everything) >= min(videos, shown) - 2  # an abridged page may leave a card with a code out


def test_qr_choices_of_the_option_are_the_modes() -> None:
    from decks.plan import QR_MODES, SKETCH_OPTIONS

    assert (
        next(o for o in SKETCH_OPTIONS if o.name == "qr").choices == QR_MODES == ("all", "emphasis", "source", "none")
    )


@pytest.mark.parametrize("layout", ["modular", "path", "radial"])
def test_the_recaps_intro_is_lettered_on_the_page_or_said_to_be_left_out(theme, tmp_path, layout) -> None:
    from decks.readers.content import parse_content

    raw = b"title: T\nintro: Rainy days and packed halls\nitems:\n  - title: A\n  - title: B\n"
    sketch = build(parse_content(raw, "c.yaml", tmp_path), theme, layout=layout)
    lettered = " ".join(p.text for p in sketch.primitives if isinstance(p, TextRun))
    assert "packed halls" in lettered or any("intro" in w for w in sketch.warnings)
