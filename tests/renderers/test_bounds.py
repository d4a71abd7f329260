"""Every command is bounded on large contents: a too-long text is refused at load by all of them alike, a long
agenda's notes grow with the list (not its square), and a picture shown on many slides is read once."""

from __future__ import annotations

import resource
import time
from pathlib import Path

import pytest
import yaml

from decks.cli.main import main
from decks.model.content import MAX_TEXT, MAX_WORD
from decks.plan import deck_plan
from decks.readers.content import load_content
from decks.themes.loader import load_theme

COMMANDS = [("check", ""), ("pptx", "pptx"), ("pdf", "pdf"), ("slides", "pdf"), ("html", "html"), ("svg", "svg")]


def _write(path: Path, data: dict) -> Path:
    path.write_text(yaml.safe_dump({"schema_version": 1, "language": "en", **data}), encoding="utf-8")
    return path


@pytest.mark.parametrize(("command", "suffix"), COMMANDS)
@pytest.mark.parametrize("where", ["title", "item"])
def test_a_huge_one_word_title_is_refused_at_its_line_by_every_command_at_once(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], command: str, suffix: str, where: str
) -> None:
    word = "x" * 1_000_000
    data = (
        {"title": word, "items": [{"title": "a"}]} if where == "title" else {"title": "T", "items": [{"title": word}]}
    )
    content = _write(tmp_path / "c.yaml", data)
    started = time.process_time()
    args = [command, str(content)] + (["-o", str(tmp_path / f"o.{suffix}")] if suffix else [])
    assert main(args) == 1
    assert time.process_time() - started < 3  # pdf and html took 45-50 s to refuse a 4.9 MB title
    err = capsys.readouterr().err
    assert f"over the {MAX_TEXT:,} one field may hold" in err and "c.yaml:" in err
    assert not list(tmp_path.glob("o.*"))


def test_a_word_longer_than_a_line_can_be_broken_from_is_refused_and_cjk_text_is_not() -> None:
    from decks.model import Item

    with pytest.raises(Exception, match=f"over the {MAX_WORD:,} a line can be broken from"):
        Item.model_validate({"title": "a", "summary": "ab " + "x" * (MAX_WORD + 1)})
    assert Item.model_validate({"title": "a", "summary": "张量" * (MAX_WORD // 2 + 10)}).summary  # breakable throughout
    assert Item.model_validate({"title": "a", "summary": ("word " * (MAX_WORD // 4)).strip()}).summary


def test_a_long_agendas_notes_grow_with_the_list_not_its_square(tmp_path: Path) -> None:
    titles = [("word " * 200)[:1000] + str(n) for n in range(150)]
    content = _write(tmp_path / "c.yaml", {"title": "T", "items": [{"title": t} for t in titles]})
    deck = deck_plan(load_content(content), load_theme(None))
    agenda = [slide for slide in deck.slides if slide.kind == "agenda"]
    assert len(agenda) > 20
    notes = sum(len(slide.notes or "") for slide in agenda)
    assert notes < 2 * sum(map(len, titles))  # every continuation repeated all 150 KB: 20+ times as much


def test_one_picture_on_many_slides_is_in_the_page_once_and_read_once(tmp_path: Path) -> None:
    from PIL import Image

    (tmp_path / "img").mkdir()
    Image.effect_noise((300, 200), 80).convert("RGB").save(tmp_path / "img" / "p.png")  # noise: ~180 KB
    size = (tmp_path / "img" / "p.png").stat().st_size
    items = [{"title": f"Item {n}", "image": {"path": "img/p.png", "alt": "noise"}} for n in range(60)]
    content = _write(tmp_path / "c.yaml", {"title": "T", "items": items})
    assert main(["html", str(content), "-o", str(tmp_path / "o.html")]) == 0
    page = (tmp_path / "o.html").read_text(encoding="utf-8")
    assert page.count("<symbol") == 1 and page.count('<use href="#recap-picture-1"') == 60
    assert len(page) < 10 * size  # 60 copies of its base64 were 80 times the picture
    assert main(["slides", str(content), "-o", str(tmp_path / "o.pdf")]) == 0
    assert (tmp_path / "o.pdf").stat().st_size < 3 * size


def test_html_of_many_long_titles_stays_within_its_memory_bound(tmp_path: Path) -> None:
    items = [{"title": ("word " * 200)[:1000] + str(n), "takeaways": ["one two"]} for n in range(150)]
    content = _write(tmp_path / "c.yaml", {"title": "T", "items": items})
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    assert main(["html", str(content), "-o", str(tmp_path / "o.html")]) == 0
    grown_mb = (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before) / 1024
    assert (tmp_path / "o.html").stat().st_size < 3_000_000  # 150 KB of titles; it was 20 MB
    assert grown_mb < 300
