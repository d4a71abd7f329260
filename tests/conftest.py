"""Shared fixtures: paths to examples, and real clients (LibreOffice, poppler) that see recap's bundled fonts."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest
from hypothesis import settings

from decks.assets import content_dir, fonts_dir
from tests.fixtures.fontconfig import fontconfig_env

# HYPOTHESIS_PROFILE=deep (nightly): ten times hypothesis' default budget for properties without their own, and
# the full budget for those with one (tests/budget.py). Unset, hypothesis' default profile.
settings.register_profile("deep", max_examples=1000)
if os.environ.get("HYPOTHESIS_PROFILE") == "deep":
    settings.load_profile("deep")

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = Path(__file__).resolve().parent / "fixtures"
EXAMPLE_EN = content_dir() / "tf-dev-summit-2019.yaml"
EXAMPLE_ZH = content_dir() / "tf-dev-summit-2019.zh.yaml"


@pytest.fixture(scope="session")
def fonts_env(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    """An environment whose fontconfig also sees assets/fonts, so LibreOffice draws the fonts recap measured."""
    return fontconfig_env(tmp_path_factory.mktemp("fontconfig"), [fonts_dir()])


@pytest.fixture(scope="session")
def soffice() -> str:
    """The LibreOffice binary, or a visible skip."""
    path = shutil.which("soffice") or shutil.which("libreoffice")
    if not path:
        pytest.skip("LibreOffice is not installed (apt-get install libreoffice-impress); .ci/run installs it")
    return path


@pytest.fixture(scope="session")
def poppler() -> None:
    """Skip visibly when poppler-utils (pdfinfo, pdffonts, pdftotext) is missing."""
    for tool in ("pdfinfo", "pdffonts", "pdftotext"):
        if not shutil.which(tool):
            pytest.skip(f"{tool} is not installed (apt-get install poppler-utils); .ci/run installs it")


def to_pdfs(soffice: str, sources: list[Path], outdir: Path, env: dict[str, str]) -> dict[str, Path]:
    """Convert documents with one LibreOffice start (starting it is most of the cost): PDF by source stem."""
    return convert(soffice, sources, outdir, env, "pdf")


def convert(soffice: str, sources: list[Path], outdir: Path, env: dict[str, str], fmt: str) -> dict[str, Path]:
    """Documents converted to `fmt` (pdf, pptx...) by one LibreOffice start: the new files by source stem."""
    outdir.mkdir(parents=True, exist_ok=True)
    subprocess.run(
        [soffice, "--headless", "--norestore", "--convert-to", fmt, "--outdir", str(outdir), *map(str, sources)],
        check=True,
        capture_output=True,
        timeout=240,
        env=env,
    )
    made = {source.stem: outdir / f"{source.stem}.{fmt}" for source in sources}
    missing = [str(source) for source in sources if not made[source.stem].is_file()]
    assert not missing, f"LibreOffice made no {fmt} of {missing}"
    return made


def to_pdf(soffice: str, source: Path, outdir: Path, env: dict[str, str]) -> Path:
    """Convert one document with LibreOffice headless; returns the PDF's path."""
    return to_pdfs(soffice, [source], outdir, env)[source.stem]


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--accept",
        action="store_true",
        default=False,
        help="Rewrite the golden files under tests/golden/expected from today's output (review the diff).",
    )


@pytest.fixture(scope="session")
def accept(request: pytest.FixtureRequest) -> bool:
    """Whether golden tests rewrite their expected files (`pytest --accept` or RECAP_ACCEPT=1)."""
    return bool(request.config.getoption("--accept") or os.environ.get("RECAP_ACCEPT"))


@pytest.fixture(autouse=True)
def _console_at_its_defaults() -> None:
    """Each test starts with the console at its defaults: a test that ran the CLI with -q leaves it quiet, and
    in-process writers (write_atomic's folder note) would then print nothing for the next test."""
    from decks.cli import console

    console.reset()
