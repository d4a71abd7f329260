"""`recap new` writes a content file that passes `recap check`, with the editor's schema beside it."""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

from decks.cli import new as new_module
from decks.cli.editor import SCHEMA_COMMENT, SCHEMA_FILE
from decks.cli.jsonc import load_jsonc, strip_jsonc
from decks.cli.main import cli, main
from decks.cli.new import _scalar, skeleton
from decks.errors import ExitCode
from decks.schema import content_schema


@pytest.fixture
def here(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_new_without_input_writes_a_talk_that_checks(here: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["new", "--no-input"]) == 0
    assert capsys.readouterr().out == "talk.yaml\n"
    text = (here / "talk.yaml").read_text(encoding="utf-8")
    assert text.startswith(SCHEMA_COMMENT)
    assert (here / SCHEMA_FILE).read_text(encoding="utf-8") == content_schema().rstrip("\n") + "\n"
    assert main(["check", "talk.yaml"]) == 0
    assert capsys.readouterr().out.startswith("ok: talk.yaml: 1 part, 2 items, 0 links\n")


def test_new_takes_its_answers_from_options(here: Path) -> None:
    args = ["new", "talks/pycon.yaml", "--no-input", "--event", "PyCon: US #1", "--start", "2026-05-14"]
    args += ["--presenter", "@ada", "--language", "zh-CN", "--theme", "chalkboard", "--title", "我学到的"]
    assert main(args) == 0
    data = yaml.safe_load((here / "talks" / "pycon.yaml").read_text(encoding="utf-8"))
    assert data["title"] == "我学到的"
    assert data["language"] == "zh-CN"
    assert data["event"] == {"name": "PyCon: US #1", "start": dt.date(2026, 5, 14), "end": dt.date(2026, 5, 14)}
    assert data["presenter"] == {"name": "@ada"}
    assert data["parts"][0]["date"] == dt.date(2026, 5, 14)
    assert len(data["parts"]) == 1 and len(data["parts"][0]["items"]) == 2
    assert (here / "talks" / SCHEMA_FILE).is_file()
    assert data["theme"] == "chalkboard"
    assert main(["check", "talks/pycon.yaml"]) == 0


def test_a_talk_made_with_a_theme_renders_in_it_without_theme(here: Path) -> None:
    assert main(["-q", "new", "--no-input", "--theme", "chalkboard", "talk.yaml"]) == 0
    assert main(["-q", "pptx", "talk.yaml"]) == 0
    assert main(["-q", "pptx", "talk.yaml", "--theme", "chalkboard", "-o", "chalk.pptx"]) == 0
    assert main(["-q", "pptx", "talk.yaml", "--theme", "default", "-o", "plain.pptx"]) == 0  # --theme overrides
    deck = (here / "talk.pptx").read_bytes()
    assert deck == (here / "chalk.pptx").read_bytes()
    assert deck != (here / "plain.pptx").read_bytes()
    assert main(["-q", "pdf", "talk.yaml"]) == 0
    assert main(["-q", "pdf", "talk.yaml", "--theme", "chalkboard", "-o", "chalk.pdf"]) == 0
    assert (here / "talk.pdf").read_bytes() == (here / "chalk.pdf").read_bytes()


def test_a_theme_folder_is_written_relative_to_the_talk(here: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    assert main(["-q", "theme", "new", "mine", "--from", "ink"]) == 0  # ./assets/themes/mine
    folder = here / "assets" / "themes" / "mine"
    assert main(["-q", "new", "--no-input", "--theme", str(folder), "talks/t.yaml"]) == 0
    data = yaml.safe_load((here / "talks" / "t.yaml").read_text(encoding="utf-8"))
    assert data["theme"] == "../assets/themes/mine"
    (here / "elsewhere").mkdir()
    monkeypatch.chdir(here / "elsewhere")  # found from the talk's folder, not the current one
    assert main(["-q", "pdf", str(here / "talks" / "t.yaml")]) == 0
    assert main(["-q", "pdf", str(here / "talks" / "t.yaml"), "--theme", str(folder), "-o", "mine.pdf"]) == 0
    assert (here / "elsewhere" / "t.pdf").read_bytes() == (here / "elsewhere" / "mine.pdf").read_bytes()


def test_new_asks_in_a_terminal(here: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(new_module, "_interactive", lambda: True)
    answers = "TF Dev Summit\n\nnot a date\n2019-03-06\n2019-03-07\nMargaret\nxx yy\nja\nnope\nink\n"
    result = CliRunner().invoke(cli, ["new", "tf.yaml"], input=answers)
    assert result.exit_code == 0, result.output
    data = yaml.safe_load((here / "tf.yaml").read_text(encoding="utf-8"))
    assert data["title"] == "What I learned at TF Dev Summit"  # the offered default, taken with Enter
    assert data["event"]["start"] == dt.date(2019, 3, 6) and data["event"]["end"] == dt.date(2019, 3, 7)
    assert data["presenter"]["name"] == "Margaret"
    assert data["language"] == "ja"
    assert data["theme"] == "ink"
    assert "is not a date" in result.output and "is not a language tag" in result.output
    assert "no theme" in result.output.lower() or "nope" in result.output


def test_new_refuses_to_overwrite_without_force(here: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (here / "talk.yaml").write_text("title: mine\n", encoding="utf-8")
    assert main(["new", "--no-input"]) == ExitCode.OUTPUT
    assert "already exists; pass --force" in capsys.readouterr().err
    assert (here / "talk.yaml").read_text(encoding="utf-8") == "title: mine\n"
    assert main(["new", "--no-input", "--force"]) == 0
    assert (here / "talk.yaml").read_text(encoding="utf-8").startswith(SCHEMA_COMMENT)


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--start", "06/03/2019"], "is not a date"),
        (["--start", "2019-03-07", "--end", "2019-03-06"], "the last day is before the first"),
        (["--language", "English please"], "is not a language tag"),
        (["--theme", "no-such-theme"], "--theme"),
        (["notes.txt"], "a content file ends in .yaml"),
    ],
)
def test_new_refuses_wrong_answers_and_writes_nothing(
    args: list[str], message: str, here: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["new", "--no-input", *args]) in (ExitCode.USAGE, ExitCode.OUTPUT)
    assert message in capsys.readouterr().err
    assert list(here.iterdir()) == []


def test_every_commented_field_checks_once_uncommented(here: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["new", "--no-input"]) == 0
    path = here / "talk.yaml"
    lines = path.read_text(encoding="utf-8").splitlines()
    body = lines.index("schema_version: 1")
    field = re.compile(r"^(\s*)# (?=\s*[a-z_]+:|\s*- \{)")
    opened = [line if i < body or "image:" in line else field.sub(r"\1", line) for i, line in enumerate(lines)]
    assert sum(a != b for a, b in zip(lines, opened, strict=True)) >= 10
    path.write_text("\n".join(opened) + "\n", encoding="utf-8")
    assert main(["check", "talk.yaml"]) == 0, capsys.readouterr().err
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert data["event"]["start"] == dt.date(2019, 3, 6) and data["presenter"]["role"] == "What you do"


def test_vscode_settings_map_the_schema_and_keep_other_settings(here: Path) -> None:
    settings_file = here / ".vscode" / "settings.json"
    settings_file.parent.mkdir()
    settings_file.write_text('{"editor.tabSize": 2, "yaml.schemas": {"other.json": "x.yaml"}}', encoding="utf-8")
    assert main(["new", "talks/a.yaml", "--no-input", "--vscode"]) == 0
    assert main(["new", "talks/b.yaml", "--no-input", "--vscode"]) == 0
    assert json.loads(settings_file.read_text(encoding="utf-8")) == {
        "editor.tabSize": 2,
        "yaml.schemas": {"other.json": "x.yaml", "./talks/recap.schema.json": ["talks/a.yaml", "talks/b.yaml"]},
    }


def test_vscode_settings_with_comments_and_a_trailing_comma_get_the_mapping_and_keep_them(here: Path) -> None:
    settings_file = here / ".vscode" / "settings.json"
    settings_file.parent.mkdir()
    mine = '// mine\n{\n  "editor.tabSize": 2, /* two */\n  "files.eol": "\\n",\n}\n'
    settings_file.write_text(mine, encoding="utf-8")
    assert main(["new", "--no-input", "--vscode"]) == 0
    text = settings_file.read_text(encoding="utf-8")
    assert "// mine" in text and "/* two */" in text  # the user's comments stay where they were
    assert load_jsonc(text) == {
        "yaml.schemas": {"./recap.schema.json": ["talk.yaml"]},
        "editor.tabSize": 2,
        "files.eol": "\n",
    }


def test_vscode_settings_recap_cannot_read_are_left_alone_and_said_so(
    here: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    settings_file = here / ".vscode" / "settings.json"
    settings_file.parent.mkdir()
    settings_file.write_text("{ not json", encoding="utf-8")
    assert main(["new", "--no-input", "--vscode"]) == 0
    err = capsys.readouterr().err
    assert "left alone" in err and '"yaml.schemas"' in err
    assert settings_file.read_text(encoding="utf-8") == "{ not json"
    assert (here / "talk.yaml").is_file()


@pytest.mark.parametrize(
    ("text", "plain"),
    [
        ('{"a": 1}', '{"a": 1}'),
        ('{"a": [1, 2,], // x\n "b": "//not a comment", }', '{"a": [1, 2 ],     \n "b": "//not a comment"  }'),
        ('{"a": "\\"/*"} /* tail */', '{"a": "\\"/*"}           '),
    ],
)
def test_jsonc_keeps_strings_and_positions(text: str, plain: str) -> None:
    assert strip_jsonc(text) == plain
    assert json.loads(strip_jsonc(text)) == json.loads(plain)


@settings(max_examples=200, deadline=None)
@given(st.text(min_size=1))
def test_any_text_is_written_as_a_yaml_scalar_that_reads_back(text: str) -> None:
    assert yaml.safe_load(f"key: {_scalar(text)}\n") == {"key": text}


@settings(max_examples=50, deadline=None)
@given(st.text(st.characters(blacklist_categories=("Cs", "Cc")), min_size=1, max_size=40).filter(str.strip))
def test_skeleton_is_valid_yaml_for_any_title_and_presenter(text: str) -> None:
    out = skeleton("t.yaml", title=text, event=text, start=None, end=None, presenter=text, language="en", theme="ink")
    data = yaml.safe_load(out)
    assert (data["title"], data["event"]["name"], data["presenter"]["name"]) == (text, text, text)


def test_the_new_talk_and_every_commented_field_agree_with_the_schema(here: Path) -> None:
    jsonschema = pytest.importorskip("jsonschema")
    assert main(["new", "--no-input", "--start", "2026-05-14", "--presenter", "Ada"]) == 0
    schema = json.loads((here / SCHEMA_FILE).read_text(encoding="utf-8"))
    text = (here / "talk.yaml").read_text(encoding="utf-8")
    opened = re.sub(r"(?m)^(\s*)# (?=\s*[a-z_]+:|\s*- \{)", r"\1", text.split("schema_version: 1", 1)[1])
    for variant in (text, "schema_version: 1" + opened):
        # An editor's YAML server reads an unquoted date as a string: so does this check.
        data = json.loads(json.dumps(yaml.safe_load(variant), default=str))
        jsonschema.validate(data, schema)


def test_a_talk_started_from_a_schedule_keeps_its_theme(here: Path) -> None:
    schedule = Path(__file__).resolve().parents[1] / "fixtures" / "schedules" / "pretalx_en.json"
    args = ["-q", "new", "talk.yaml", "--no-input", "--schedule", str(schedule)]
    assert main([*args, "--sessions", "ABC123", "--theme", "ink"]) == 0
    assert yaml.safe_load((here / "talk.yaml").read_text(encoding="utf-8"))["theme"] == "ink"
    assert main(["-q", "check", "talk.yaml"]) == 0
