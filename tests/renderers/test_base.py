"""Renderer plugins: a third-party distribution's entry point adds a `recap NAME` command; a broken one is contained."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from decks.assets import example_content
from decks.cli.main import main
from decks.errors import ExitCode
from decks.renderers.base import GROUP, Renderer, discover

OUTLINE_SOURCE = '''
"""A third-party recap renderer: a Markdown outline of titles and takeaways."""

from decks.renderers.base import Option, Rendered, Renderer


class OutlineRenderer(Renderer):
    name = "outline"
    suffix = ".md"
    description = "A Markdown outline of titles and takeaways."
    options = (Option("depth", "1: titles only; 2: titles and takeaways", default="2", choices=("1", "2")),)

    def render(self, recap, theme, depth="2", **options):
        lines = [f"# {recap.title}", ""]
        for part in recap.all_parts:
            lines.append(f"## {part.title}")
            for item in part.items:
                lines.append(f"- {item.title}")
                if depth == "2":
                    lines.extend(f"  - {takeaway.text}" for takeaway in item.takeaways)
            lines.append("")
        return Rendered(("\\n".join(lines)).encode("utf-8"), warnings=["outlines have no pictures"])
'''


def make_distribution(folder: Path, dist: str, entry_points: dict[str, str], modules: dict[str, str]) -> Path:
    """An installed-looking distribution in `folder`: modules plus a dist-info with METADATA and entry points."""
    for name, source in modules.items():
        (folder / name).mkdir(parents=True, exist_ok=True)
        (folder / name / "__init__.py").write_text(textwrap.dedent(source), encoding="utf-8")
    info = folder / f"{dist}-0.1.dist-info"
    info.mkdir(parents=True, exist_ok=True)
    (info / "METADATA").write_text(f"Metadata-Version: 2.1\nName: {dist}\nVersion: 0.1\n", encoding="utf-8")
    lines = [f"[{GROUP}]"] + [f"{name} = {value}" for name, value in entry_points.items()]
    (info / "entry_points.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return folder


def recap_command() -> list[str]:
    script = Path(sys.executable).with_name("recap")
    return [str(script)] if script.is_file() else [sys.executable, "-m", "decks.cli.main"]


def run(args: list[str], path: Path, cwd: Path) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, PYTHONPATH=str(path), RECAP_CACHE_DIR=str(cwd / "cache"))
    env.pop("RECAP_DEBUG", None)
    return subprocess.run([*recap_command(), *args], capture_output=True, text=True, env=env, cwd=cwd, timeout=120)


@pytest.fixture
def outline_site(tmp_path: Path) -> Path:
    site = tmp_path / "site"
    return make_distribution(
        site, "recap_outline", {"outline": "recap_outline:OutlineRenderer"}, {"recap_outline": OUTLINE_SOURCE}
    )


@pytest.fixture
def content(tmp_path: Path) -> Path:
    path = tmp_path / "talk.yaml"
    path.write_text(
        "title: My recap\nitems:\n  - title: TF 2.0\n    takeaways: [Eager by default, tf.keras]\n  - title: TF Lite\n",
        encoding="utf-8",
    )
    return path


def test_a_third_party_renderer_becomes_a_command(outline_site: Path, content: Path, tmp_path: Path) -> None:
    proc = run(["outline", str(content), "-o", "out.md"], outline_site, tmp_path)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip() == "out.md"
    assert "warning: outlines have no pictures" in proc.stderr
    assert (tmp_path / "out.md").read_text(encoding="utf-8") == (
        "# My recap\n\n## My recap\n- TF 2.0\n  - Eager by default\n  - tf.keras\n- TF Lite\n"
    )


def test_a_third_party_renderer_gets_its_own_options(outline_site: Path, content: Path, tmp_path: Path) -> None:
    proc = run(["outline", str(content), "-o", "short.md", "--depth", "1"], outline_site, tmp_path)
    assert proc.returncode == 0, proc.stderr
    assert "Eager" not in (tmp_path / "short.md").read_text(encoding="utf-8")
    bad = run(["outline", str(content), "--depth", "3"], outline_site, tmp_path)
    assert bad.returncode == ExitCode.USAGE
    assert "Traceback" not in bad.stderr


def test_recap_renderers_lists_the_third_party_renderer(outline_site: Path, tmp_path: Path) -> None:
    proc = run(["renderers"], outline_site, tmp_path)
    assert proc.returncode == 0, proc.stderr
    rows = {line.split("\t")[0]: line for line in proc.stdout.splitlines()}
    assert rows["outline"] == "outline\trecap_outline:OutlineRenderer\t(recap_outline)"
    assert {"pptx", "pdf", "png"} <= set(rows)


def test_a_third_party_renderer_shows_in_the_help(outline_site: Path, tmp_path: Path) -> None:
    proc = run(["outline", "--help"], outline_site, tmp_path)
    assert proc.returncode == 0, proc.stderr
    assert "A Markdown outline of titles and takeaways." in proc.stdout
    assert "--depth [1|2]" in proc.stdout


@pytest.fixture
def broken_site(tmp_path: Path) -> Path:
    return make_distribution(tmp_path / "broken", "recap_broken", {"broken": "recap_no_such_module:Nothing"}, {})


def test_a_broken_plugin_gives_a_clear_message_not_a_traceback(broken_site: Path, tmp_path: Path) -> None:
    proc = run(["broken"], broken_site, tmp_path)
    assert proc.returncode == ExitCode.INTERNAL
    assert "Traceback" not in proc.stderr
    assert proc.stderr.startswith("error: recap: the renderer 'broken' (recap_no_such_module:Nothing) cannot be loaded")
    assert "recap_no_such_module" in proc.stderr


def test_a_broken_plugin_called_with_the_usual_arguments_still_says_why(broken_site: Path, tmp_path: Path) -> None:
    proc = run(["broken", str(example_content()), "-o", "x.out"], broken_site, tmp_path)
    assert proc.returncode == ExitCode.INTERNAL
    assert "Traceback" not in proc.stderr
    assert proc.stderr.startswith("error: recap: the renderer 'broken' (recap_no_such_module:Nothing) cannot be loaded")
    assert "recap_no_such_module" in proc.stderr


def test_a_broken_plugin_does_not_break_other_commands(broken_site: Path, tmp_path: Path) -> None:
    for args in (["check"], ["--help"], ["renderers"], ["broken", "--help"]):
        proc = run(args, broken_site, tmp_path)
        assert proc.returncode == 0, (args, proc.stderr)
        assert "Traceback" not in proc.stderr
    assert "broken" in run(["renderers"], broken_site, tmp_path).stdout


def test_an_entry_point_that_is_not_a_renderer_is_refused(tmp_path: Path) -> None:
    site = make_distribution(
        tmp_path / "site",
        "recap_wrong",
        {"wrong": "recap_wrong:NotARenderer"},
        {"recap_wrong": "class NotARenderer:\n    pass\n"},
    )
    proc = run(["wrong"], site, tmp_path)
    assert proc.returncode == ExitCode.INTERNAL
    assert "is not a recap Renderer subclass" in proc.stderr
    assert "Traceback" not in proc.stderr


def test_discovery_lists_the_built_ins_without_importing_them() -> None:
    before = set(sys.modules)
    found = discover()
    assert {"pptx", "pdf", "png"} <= set(found)
    assert found["pptx"].value == "decks.renderers.pptx:PptxRenderer"
    assert not {m for m in set(sys.modules) - before if m.startswith("decks.renderers.")}


def test_a_renderer_must_implement_render() -> None:
    class Half(Renderer):
        name = "half"
        suffix = ".txt"

    with pytest.raises(TypeError):
        Half()  # type: ignore[abstract]


def test_the_example_renders_through_an_in_process_plugin(
    outline_site: Path, monkeypatch: pytest.MonkeyPatch, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.syspath_prepend(str(outline_site))
    monkeypatch.chdir(tmp_path)
    try:
        assert main(["outline"]) == 0
    finally:
        sys.modules.pop("recap_outline", None)
    out = capsys.readouterr().out.strip()
    assert out == str(tmp_path / "tf-dev-summit-2019.md")
    text = Path(out).read_text(encoding="utf-8")
    assert text.startswith("# Learnings from TensorFlow Dev Summit 2019\n")
    assert "## Day 1" in text


def test_discovery_is_cached_until_sys_path_changes(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import importlib.metadata

    from decks.renderers import base

    monkeypatch.setenv("RECAP_CACHE_DIR", str(tmp_path / "cache"))
    first = base.discover()
    assert {"pptx", "pdf", "png"} <= set(first)

    def no_metadata(**_: object) -> None:
        raise AssertionError("the cached answer should have been used")

    monkeypatch.setattr(importlib.metadata, "entry_points", no_metadata)
    assert base.discover() == first  # from the cache
    extra = tmp_path / "site"
    extra.mkdir()
    monkeypatch.syspath_prepend(str(extra))
    with pytest.raises(AssertionError, match="cached answer"):
        base.discover()  # a new folder on sys.path means the metadata is read again


def test_discovery_stays_cached_when_a_folder_without_distributions_changes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import importlib.metadata

    from decks.renderers import base

    monkeypatch.setenv("RECAP_CACHE_DIR", str(tmp_path / "cache"))
    work = tmp_path / "work"  # what `python -m decks` puts on sys.path: the folder recap writes into
    work.mkdir()
    monkeypatch.syspath_prepend(str(work))
    first = base.discover()

    def no_metadata(**_: object) -> None:
        raise AssertionError("the cached answer should have been used")

    monkeypatch.setattr(importlib.metadata, "entry_points", no_metadata)
    (work / "deck.pptx").write_bytes(b"written")
    os.utime(work, ns=(1, 1))  # the folder's time changes with the file; make sure it does
    assert base.discover() == first
    (work / "extra-1.0.dist-info").mkdir()  # a distribution installed there is noticed
    with pytest.raises(AssertionError, match="cached answer"):
        base.discover()


def test_a_cached_plugin_loads_its_class(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from decks.renderers.base import Renderer, discover, load

    monkeypatch.setenv("RECAP_CACHE_DIR", str(tmp_path / "cache"))
    discover()
    renderer = load(discover()["pdf"])
    assert issubclass(renderer, Renderer) and renderer.suffix == ".pdf"
