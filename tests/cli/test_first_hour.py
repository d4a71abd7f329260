"""The first hour of someone who installs recap from the wheel, not a clone: new talk, check, both outputs, fonts, docs.

The wheel is built from this checkout (as `pip wheel .` would) and installed into a fresh virtual environment
without its dependencies; those come from the test's own environment through a .pth file, so the walk needs no
network and takes seconds.
The checkout itself is never on the new environment's path: every file recap reads must come from the wheel.
"""

from __future__ import annotations

import json
import os
import posixpath
import shutil
import subprocess
import sys
import sysconfig
import zipfile
from pathlib import Path

import pytest

from tests.conftest import ROOT
from tests.test_doc_links import broken_links, repo_docs
from tests.test_readme import content_examples, run_shown_commands


def _run(args: list[str], cwd: Path, env: dict[str, str], timeout: int = 180) -> subprocess.CompletedProcess[str]:
    return subprocess.run(args, cwd=cwd, env=env, capture_output=True, text=True, timeout=timeout)


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The wheel, built by the backend pip calls (hatchling), in-process: a pip start-up costs seconds."""
    pytest.importorskip("hatchling", reason="building the wheel needs hatchling (pip install -e '.[test]')")
    from hatchling.builders.wheel import WheelBuilder

    out = tmp_path_factory.mktemp("dist")
    (path,) = WheelBuilder(str(ROOT)).build(directory=str(out), versions=["standard"])
    return Path(path)


@pytest.fixture(scope="module")
def venv(wheel: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A fresh environment with the wheel installed and this environment's site-packages for the dependencies."""
    root = tmp_path_factory.mktemp("venv")
    made = _run([sys.executable, "-m", "venv", "--without-pip", str(root)], cwd=root, env=dict(os.environ))
    assert made.returncode == 0, made.stderr
    python = root / ("Scripts/python.exe" if os.name == "nt" else "bin/python")
    site = Path(
        _run([str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"], root, {}).stdout.strip()
    )
    # A path line only: .pth files in that folder (this checkout's editable install) are not processed from here.
    (site / "zz_outer_dependencies.pth").write_text(sysconfig.get_paths()["purelib"] + "\n", encoding="utf-8")
    install = [sys.executable, "-m", "pip", "--python", str(python), "install", "-q", "--no-deps", "--no-index"]
    installed = _run([*install, str(wheel)], cwd=root, env=dict(os.environ))
    assert installed.returncode == 0, installed.stderr
    return root


def _user(venv: Path, tmp_path: Path) -> tuple[Path, dict[str, str]]:
    """The venv's scripts folder, and the environment of a user with it first on PATH and an empty home."""
    bin_dir = venv / ("Scripts" if os.name == "nt" else "bin")
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "RECAP_DEBUG", "VIRTUAL_ENV")}
    env.update(HOME=str(tmp_path / "home"), RECAP_CACHE_DIR=str(tmp_path / "cache"), NO_COLOR="1")
    env["PATH"] = str(bin_dir) + os.pathsep + env.get("PATH", "")
    return bin_dir, env


def test_a_wheel_user_starts_checks_renders_and_finds_fonts_and_docs(venv: Path, tmp_path: Path) -> None:
    work = tmp_path / "work"
    work.mkdir()
    bin_dir, env = _user(venv, tmp_path)

    def recap(*args: str) -> subprocess.CompletedProcess[str]:
        done = _run([str(bin_dir / "recap"), *args], cwd=work, env=env)
        assert done.returncode == 0, (args, done.stderr)
        assert "Traceback" not in done.stderr
        return done

    where = _run([str(bin_dir / "python"), "-c", "import decks; print(decks.__file__)"], work, env).stdout
    assert Path(where.strip()).is_relative_to(venv), where  # the wheel's copy, not this checkout
    package = Path(where.strip()).parent
    # `recap watch`'s page script and style are files of the package (decks/preview/live.js, live.css).
    head = "from decks.preview.page import LIVE_HEAD as h; print('new EventSource' in h, '.live-errors' in h)"
    assert _run([str(bin_dir / "python"), "-c", head], work, env).stdout == "True True\n"

    assert recap("new", "--no-input", "--event", "PyCon US 2026", "--start", "2026-05-14").stdout == "talk.yaml\n"
    assert (work / "talk.yaml").read_text(encoding="utf-8").startswith("# yaml-language-server: $schema=")
    assert recap("check", "talk.yaml").stdout.startswith("ok: talk.yaml: 1 part, 2 items, 0 links\n")
    recap("pptx", "talk.yaml")
    assert zipfile.is_zipfile(work / "talk.pptx")
    recap("pdf", "talk.yaml")
    assert (work / "talk.pdf").read_bytes().startswith(b"%PDF-")

    fonts = recap("fonts").stdout.splitlines()
    assert fonts[0] == f"folder: {package / '_repo' / 'assets' / 'fonts'}"
    assert any(line.startswith("Recap Kai Regular\tRecapKai-Regular.ttf\tSIL OFL") for line in fonts)
    installed = recap("fonts", "install", "--dest", "myfonts").stdout
    assert installed == f"myfonts: {len(fonts) - 1} fonts installed, 0 already there\n"
    assert sorted(p.name for p in (work / "myfonts").iterdir()) == sorted(line.split("\t")[1] for line in fonts[1:])

    assert recap("docs", "themes").stdout == (ROOT / "docs" / "themes.md").read_text(encoding="utf-8")
    assert recap("docs", "readme", "--path").stdout.strip() == str(package / "_repo" / "README.md")
    schema = json.loads(recap("schema").stdout)
    assert schema == json.loads((work / "recap.schema.json").read_text(encoding="utf-8"))
    # The words come from the .mo files the build compiled: no run imports Babel to compile a catalogue.
    words = "import sys; from decks.i18n import messages as m; print(m('ja').gettext('Agenda'), 'babel' in sys.modules)"
    assert _run([str(bin_dir / "python"), "-c", words], work, env).stdout == "アジェンダ False\n"


def test_the_wheel_carries_each_catalogue_compiled_by_the_build_and_not_its_source(wheel: Path) -> None:
    from decks.i18n.catalogues import compile_po

    sources = sorted((ROOT / "decks" / "i18n" / "locales").glob("*.po"))
    with zipfile.ZipFile(wheel) as archive:
        shipped = {name: archive.read(name) for name in archive.namelist() if name.startswith("decks/i18n/locales/")}
    assert sorted(shipped) == [f"decks/i18n/locales/{po.stem}.mo" for po in sources]
    for po in sources:
        assert shipped[f"decks/i18n/locales/{po.stem}.mo"] == compile_po(po), po.name


def test_every_relative_link_of_the_wheels_docs_resolves_in_the_wheel(wheel: Path) -> None:
    with zipfile.ZipFile(wheel) as archive:
        names = set(archive.namelist())
        docs = {name: archive.read(name).decode("utf-8") for name in sorted(names) if name.endswith(".md")}
    folders = {posixpath.dirname(name) for name in names}
    folders |= {"/".join(folder.split("/")[:n]) for folder in folders for n in range(1, folder.count("/") + 1)}
    shipped = {f"decks/_repo/{name}" for name in repo_docs() if name != "CONTRIBUTING.md"}
    assert shipped <= set(docs), shipped - set(docs)  # every doc of the checkout but CONTRIBUTING.md ships
    assert broken_links(docs, lambda path: path in names or path in folders) == []


def test_the_docs_commands_and_the_pasted_examples_run_on_the_wheel_install(venv: Path, tmp_path: Path) -> None:
    bin_dir, env = _user(venv, tmp_path)

    def run(args: list[str], folder: Path) -> tuple[int, str]:
        done = subprocess.run(
            [str(bin_dir / "recap"), *args], cwd=folder, env=env, stdin=subprocess.DEVNULL, capture_output=True,
            text=True, timeout=180,
        )  # fmt: skip
        assert "Traceback" not in done.stderr, (args, done.stderr)
        return done.returncode, done.stderr

    readme = Path(_run([str(bin_dir / "recap"), "docs", "readme", "--path"], tmp_path, env).stdout.strip())
    assert readme.is_relative_to(venv)
    commands = tmp_path / "commands"
    commands.mkdir()
    assert run_shown_commands(run, commands, top=readme.parent) == []  # the docs as the wheel ships them
    assert (commands / "block0" / "talk.pptx").is_file()

    # The fuller example's picture: "copy content/img/" from beside the README the wheel ships.
    examples = content_examples(readme.read_text(encoding="utf-8"))
    assert len(examples) >= 2
    for n, text in enumerate(examples):
        folder = tmp_path / f"example{n}"
        shutil.copytree(readme.parent / "content" / "img", folder / "img")
        (folder / "talk.yaml").write_text(text, encoding="utf-8")
        code, err = run(["check", "talk.yaml"], folder)
        assert code == 0 and "error" not in err, (n, err)
