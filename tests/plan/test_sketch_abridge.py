"""Abridging: content too dense for one page keeps the emphasised items and the first takeaways first, says
in the footer what was left out (with a QR code to the full recap) and warns once; --no-abridge refuses."""

from __future__ import annotations

import sys
import time

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from decks.errors import OutputError
from decks.model import Recap
from decks.plan import sketch_plan
from decks.plan.sketch import build
from decks.plan.sketch.abridge import keep, most_fitting, ranking
from decks.plan.sketch.primitives import Box, Link
from decks.themes.loader import load_theme
from tests.conftest import FIXTURES
from tests.plan.test_sketch import check_geometry

sys.path.insert(0, str(FIXTURES))
from sketch_contents import content, recap

LAYOUTS = ("modular", "path", "radial")


@pytest.fixture(scope="module")
def theme():
    return load_theme(None)


@pytest.fixture(scope="module")
def sixty() -> Recap:
    return recap(60, "en", "medium")


def _shown(sketch) -> str:
    return "\n".join(r.text for r in sketch.runs())


@pytest.mark.parametrize("layout", LAYOUTS)
def test_dense_content_is_abridged_tidily_with_one_warning_and_a_note(theme, sixty, layout) -> None:
    sketch = build(sixty, theme, layout=layout)
    check_geometry(sketch)
    assert sketch.body_size >= theme.sizes.sketch.floor
    abridged = [w for w in sketch.warnings if w.startswith("abridged")]
    assert len(abridged) == 1 and "--no-abridge" in abridged[0]
    footer = next(c for c in sketch.containers if c.kind == "footer")
    note = [r for r in sketch.runs() if footer.rect.contains(_box(r), 1) and r.text.startswith("+")]
    assert note and "scan for the full recap" in "".join(r.text for r in note)
    qr = [p for p in sketch.primitives if isinstance(p, Box) and footer.rect.contains(p.rect, 0.5)]
    assert qr, "a QR code in the footer"
    assert any(
        isinstance(p, Link) and p.url == sixty.source.url and footer.rect.contains(p.rect, 0.5)
        for p in sketch.primitives
    )


def _box(run):
    from decks.plan.sketch.primitives import Rect

    return Rect(run.x, run.y - run.size * 0.8, run.width, run.size)


def test_the_note_counts_what_is_left_out(theme, sixty) -> None:
    sketch = build(sixty, theme)
    shown_items = {c.label for c in sketch.containers if c.kind == "item"}
    missing = [i for i in sixty.all_items if i.title not in shown_items]
    warning = next(w for w in sketch.warnings if w.startswith("abridged"))
    if missing:
        assert f"{len(missing)} item(s)" in warning
        assert f"+{len(missing)} items" in _shown(sketch).replace("\n", "")


def test_emphasised_items_and_first_takeaways_come_first(theme, sixty) -> None:
    sketch = build(sixty, theme)
    text = _shown(sketch)
    shown = {c.label for c in sketch.containers if c.kind == "item"}
    assert {i.title for i in sixty.all_items if i.emphasis} <= shown
    firsts = [i.takeaways[0].text for i in sixty.all_items if i.title in shown and i.takeaways]
    seconds = [i.takeaways[1].text for i in sixty.all_items if i.title in shown and len(i.takeaways) > 1]
    first_words = [t.split()[0] for t in firsts]
    assert all(w in text for w in first_words)
    if any(t.split()[-1] in text for t in seconds):  # a second takeaway shown: every shown item has its first
        assert all(t.split()[-1] in text for t in firsts)


def test_the_ranking_puts_key_and_emphasised_pieces_first_then_first_takeaways() -> None:
    from decks.plan.sketch import specs_for

    data = recap(6, "en", "medium")
    specs = specs_for(data, load_theme(None), None)
    ranked = ranking(specs, {i for i, s in enumerate(specs) if s.emphasis})
    key = len(specs) - 1
    assert ranked[:2] == [(key, -1), (key, 0)]
    firsts = [p for p in ranked if p[1] <= 0]
    assert ranked[: len(firsts)] == firsts, "every card and first takeaway before any second takeaway"
    kept = keep(specs, ranked[:4])
    assert kept[0].day_label, "the day's label moves to its first card kept"


def test_a_card_kept_whole_is_the_pages_own_spec_so_its_measured_plans_are_reused() -> None:
    from decks.plan.sketch import specs_for

    specs = specs_for(recap(12, "en", "medium"), load_theme(None), None)
    ranked = ranking(specs, {i for i, s in enumerate(specs) if s.emphasis})
    whole = keep(specs, ranked)
    # Every card with all of its pieces and its own day label is the very spec the unabridged page laid out (the
    # recap's intro over the first card is not lettered on an abridged page: that card is a copy without it).
    assert [k is s for k, s in zip(whole, specs, strict=True)] == [s.intro is None or bool(s.day_label) for s in specs]
    cut = keep(specs, [p for p in ranked if p[1] < 1])  # the first takeaway of each card only
    for kept, spec in zip(cut, specs, strict=True):
        assert (kept is spec) == (len(spec.takeaways) <= 1 and (spec.intro is None or bool(spec.day_label)))
        assert kept.takeaways == spec.takeaways[:1]


def test_no_abridge_refuses_as_before(theme, sixty) -> None:
    with pytest.raises(OutputError) as info:
        sketch_plan(sixty, theme, no_abridge=True)
    assert "does not fit" in str(info.value) and "--no-abridge" in str(info.value)


def test_without_a_source_the_event_link_is_scanned(theme) -> None:
    data = content(60, "en", "medium", url=False)
    data["event"]["url"] = "https://example.com/event"
    sketch = build(Recap.model_validate(data), theme)
    footer = next(c for c in sketch.containers if c.kind == "footer")
    assert any(
        isinstance(p, Link) and p.url == "https://example.com/event" and footer.rect.contains(p.rect, 0.5)
        for p in sketch.primitives
    )


@pytest.fixture(scope="module")
def huge() -> Recap:
    return recap(10_000, "en", "medium")


@pytest.mark.parametrize("layout", LAYOUTS)
def test_ten_thousand_items_are_abridged_without_hanging(theme, huge, layout) -> None:
    # A guard against a hang (about 2 s of CPU here), not a speed figure: speed is measured in bench/.
    start = time.process_time()  # CPU time: the suite may share the machine with other work
    sketch = build(huge, theme, layout=layout)
    assert 10 <= len([c for c in sketch.containers if c.kind == "item"]) < 200
    with pytest.raises(OutputError):
        build(huge, theme, layout=layout, abridge=False)
    assert time.process_time() - start <= 15.0


def test_the_command_abridges_with_one_warning_and_refuses_with_no_abridge(tmp_path, capsys) -> None:
    import yaml

    from decks.cli.main import main

    path = tmp_path / "sixty.yaml"
    path.write_text(yaml.safe_dump(content(60, "en", "medium"), allow_unicode=True), encoding="utf-8")
    assert main(["svg", str(path), "-o", str(tmp_path / "a.svg")]) == 0
    err = capsys.readouterr().err
    assert err.count("warning: abridged") == 1
    assert main(["svg", str(path), "-o", str(tmp_path / "b.svg"), "--no-abridge"]) == 3
    assert "does not fit" in capsys.readouterr().err and not (tmp_path / "b.svg").exists()


@settings(max_examples=300, deadline=None)
@given(
    st.integers(1, 2000),
    st.lists(st.floats(0.0, 3.0), min_size=1, max_size=40),
    st.floats(0.01, 40.0),
    st.floats(0.0, 0.9),
)
def test_the_most_pieces_that_fit_are_found_from_below_in_few_tries(
    cap: int, steps: list[float], scale: float, fixed: float
) -> None:
    # A made-up need that grows with the pieces: a fixed share (banner and footer) and steps of any size at
    # random counts (cards filling columns). The search finds the largest count that fits, as a scan would, in a
    # number of tries logarithmic in the cap, and never lays out past twice what fits while nothing is over.
    at = sorted({1 + int(s / 3.0 * (cap - 1)) for s in steps})
    rise = [x * scale / len(at) for x in steps[: len(at)]]

    def grows(n: int) -> float:
        return fixed + sum(r for a, r in zip(at, rise, strict=True) if a <= n)

    tried: list[int] = []

    def need(n: int) -> float:
        assert 1 <= n <= cap and n not in tried
        tried.append(n)
        return grows(n)

    expected = max((n for n in range(1, cap + 1) if grows(n) <= 1.0), default=None)
    assert most_fitting(cap, need) == expected
    assert len(tried) <= 3 * cap.bit_length() + 4
    assert max(tried) <= max(2 * (expected or 0), 16)
