"""The plans as a public stage: built by one function each, frozen, printable as JSON, and enough for a renderer."""

from __future__ import annotations

import ast
import json
from pathlib import Path

import pytest

from decks import plan
from decks.cli.main import main
from decks.readers.content import load_content
from decks.renderers.base import Rendered, Renderer, render
from decks.themes.loader import load_theme
from tests.conftest import EXAMPLE_EN, EXAMPLE_ZH

RENDERERS = Path(plan.__file__).resolve().parents[1] / "renderers"


@pytest.fixture(scope="module")
def deck() -> plan.deck_plan:  # type: ignore[valid-type]
    return plan.deck_plan(load_content(EXAMPLE_EN), load_theme(None))


def test_the_deck_plan_is_frozen_all_the_way_down(deck) -> None:
    with pytest.raises(AttributeError):
        deck.slides[0].notes = "changed"  # type: ignore[misc]
    assert isinstance(deck.slides, tuple) and all(isinstance(s.texts, tuple) for s in deck.slides)


def test_the_deck_plan_names_its_template_and_a_layout_for_every_slide(deck) -> None:
    assert deck.template is not None and deck.template.path.is_file()
    assert {s.layout for s in deck.slides} <= set(deck.template.layouts)


def test_every_run_of_the_deck_plan_names_the_face_that_draws_it() -> None:
    for path in (EXAMPLE_EN, EXAMPLE_ZH):
        built = plan.deck_plan(load_content(path), load_theme(None))
        runs = [r for s in built.slides for box in (s.title, *s.texts) for p in box.paras for r in p.runs]
        assert runs and all(r.face for r in runs)
    # The Chinese deck cuts runs where Latin text meets hanzi: more than one face is named.
    assert len({r.face for r in runs}) > 1


def test_the_sketch_is_frozen_and_holds_its_warnings() -> None:
    sketch = plan.sketch_plan(load_content(EXAMPLE_EN), load_theme(None), layout="path")
    assert sketch.layout == "path" and isinstance(sketch.primitives, tuple) and isinstance(sketch.warnings, tuple)
    with pytest.raises(AttributeError):
        sketch.title = "x"  # type: ignore[misc]


@pytest.mark.parametrize("which", ["deck", "sketch"])
def test_recap_plan_prints_the_plan_as_json(which: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["plan", which, str(EXAMPLE_ZH)]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["type"] == ("Deck" if which == "deck" else "Sketch")
    text = json.dumps(data, ensure_ascii=False)
    assert "Keras" in text  # the content's words are in the plan


def test_two_plans_of_the_same_content_are_equal_and_print_the_same() -> None:
    recap, theme = load_content(EXAMPLE_EN), load_theme(None)
    a, b = plan.deck_plan(recap, theme), plan.deck_plan(recap, theme)
    assert a == b
    assert json.dumps(plan.to_data(a)) == json.dumps(plan.to_data(b))


class Outline(Renderer):
    """A third-party renderer written against the public plan only."""

    name = "outline"
    suffix = ".md"
    consumes = "deck"

    def render(self, deck, theme, **options):  # type: ignore[override]
        # A heading's run may hold "\n": a line break the plan placed (decks.text.headings).
        lines = [f"# {s.title.paras[0].text.replace(chr(10), ' ')}" for s in deck.slides if s.title.paras]
        return Rendered("\n".join(lines).encode())


def test_a_renderer_of_the_deck_plan_gets_the_same_slides_as_the_pptx() -> None:
    recap, theme = load_content(EXAMPLE_EN), load_theme(None)
    out = render(Outline, recap, theme).data.decode().splitlines()
    assert len(out) == len(plan.deck_plan(recap, theme).slides)


def test_no_renderer_imports_another_renderer() -> None:
    for path in RENDERERS.rglob("*.py"):
        own = path.relative_to(RENDERERS).parts[0].removesuffix(".py")
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = [node.module or ""] if isinstance(node, ast.ImportFrom) else []
            names += [a.name for a in node.names] if isinstance(node, ast.Import) else []
            for name in names:
                parts = name.split(".")
                if parts[:2] == ["decks", "renderers"] and len(parts) > 2:
                    assert parts[2] in (own, "base"), f"{path} imports {name}"


def test_plans_never_import_a_renderer() -> None:
    for path in Path(plan.__file__).parent.rglob("*.py"):
        assert "decks.renderers" not in path.read_text(encoding="utf-8"), path


def test_the_readme_plugin_example_renders_the_deck_plan_in_under_50_lines() -> None:
    readme = (Path(plan.__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Writing a renderer plugin", 1)[1]
    code = section.split("```python\n", 1)[1].split("```", 1)[0]
    assert len(code.splitlines()) < 50
    scope: dict = {}
    exec(compile(code, "README.md", "exec"), scope)
    recap, theme = load_content(EXAMPLE_EN), load_theme(None)
    out = render(scope["OutlineRenderer"], recap, theme).data.decode()
    assert out.count("\n## ") + 1 == len(plan.deck_plan(recap, theme).slides)
    assert "TensorFlow 2.0" in out and "> " in out
