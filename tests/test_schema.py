"""The JSON Schemas: valid for editors, accepting the examples, and in step with the models."""

from __future__ import annotations

import datetime as dt
import json
import typing
from typing import Any

import pytest
import yaml
from jsonschema import Draft202012Validator

from decks.assets import content_dir, themes_dir
from decks.cli.main import main
from decks.model import Recap
from decks.model.typed import Model
from decks.readers.validation import _model_in
from decks.schema import content_schema_dict, theme_schema_dict
from decks.themes.model import Theme


def plain(value: Any) -> Any:
    """YAML data as JSON sees it: dates become ISO strings."""
    if isinstance(value, dict):
        return {k: plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [plain(v) for v in value]
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def models_under(root: type[Model]) -> dict[str, type[Model]]:
    """Every model reachable from `root` through its field types, by class name."""
    found: dict[str, type[Model]] = {}
    todo = [root]
    while todo:
        model = todo.pop()
        if model.__name__ in found:
            continue
        found[model.__name__] = model
        for info in model.model_fields.values():
            for candidate in (info.annotation, *typing.get_args(info.annotation)):
                inner = _model_in(candidate)
                if inner is not None:
                    todo.append(inner)
    return found


def without_required(schema: Any) -> Any:
    if isinstance(schema, dict):
        return {k: without_required(v) for k, v in schema.items() if k != "required"}
    if isinstance(schema, list):
        return [without_required(v) for v in schema]
    return schema


def definition(schema: dict[str, Any], name: str, root: str) -> dict[str, Any]:
    return schema if name == root else schema["$defs"][name]


@pytest.fixture(scope="module")
def content_validator() -> Draft202012Validator:
    schema = content_schema_dict()
    Draft202012Validator.check_schema(schema)
    return Draft202012Validator(schema)


@pytest.mark.parametrize("name", ["tf-dev-summit-2019.yaml", "tf-dev-summit-2019.zh.yaml"])
def test_the_bundled_examples_validate_against_the_schema(name: str, content_validator: Draft202012Validator) -> None:
    data = plain(yaml.safe_load((content_dir() / name).read_text(encoding="utf-8")))
    errors = [f"{list(e.absolute_path)}: {e.message}" for e in content_validator.iter_errors(data)]
    assert errors == []


def test_the_schema_says_the_dialect_and_a_title() -> None:
    schema = content_schema_dict()
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert schema["title"] == "recap content file"


def test_every_model_field_is_in_the_schema_and_no_other() -> None:
    schema = content_schema_dict()
    for name, model in models_under(Recap).items():
        props = definition(schema, name, "Recap")["properties"]
        assert set(props) == set(model.model_fields), name


def test_the_schema_required_lists_match_the_model() -> None:
    schema = content_schema_dict()
    for name, model in models_under(Recap).items():
        required = {f for f, info in model.model_fields.items() if info.is_required()}
        assert set(definition(schema, name, "Recap").get("required", [])) == required, name


def test_the_schema_refuses_unknown_keys_everywhere() -> None:
    schema = content_schema_dict()
    for name in models_under(Recap):
        assert definition(schema, name, "Recap").get("additionalProperties") is False, name


def test_a_takeaway_written_as_a_plain_string_is_allowed(content_validator: Draft202012Validator) -> None:
    data = {
        "title": "X",
        "items": [{"title": "Y", "takeaways": ["plain", {"text": "t", "points": ["p"]}]}],
        "key_takeaways": ["overall"],
    }
    assert list(content_validator.iter_errors(data)) == []
    Recap.model_validate(data)


@pytest.mark.parametrize(
    "data",
    [
        {"items": [{"title": "Y"}]},  # no title
        {"title": "X", "itemz": []},  # unknown key
        {"title": "X", "items": [{"title": "Y", "takeaways": [""]}]},  # empty takeaway
        {"title": "X", "items": [{"title": "Y", "links": [{"url": "https://a.b", "kind": "podcast"}]}]},
    ],
)
def test_the_schema_refuses_what_the_model_refuses(content_validator: Draft202012Validator, data: dict) -> None:
    assert list(content_validator.iter_errors(data))


def test_the_minimal_file_is_valid_for_the_schema(content_validator: Draft202012Validator) -> None:
    assert list(content_validator.iter_errors({"title": "X", "items": [{"title": "Y"}]})) == []


def test_recap_schema_prints_the_content_schema(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["schema"]) == 0
    assert json.loads(capsys.readouterr().out) == content_schema_dict()


def test_recap_schema_theme_prints_the_theme_schema(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["schema", "--theme"]) == 0
    schema = json.loads(capsys.readouterr().out)
    assert schema == theme_schema_dict()
    assert schema["title"] == "recap theme file"
    assert "folder" not in schema["properties"]
    Draft202012Validator.check_schema(schema)


def test_the_theme_schema_has_every_theme_field_but_folder() -> None:
    schema = theme_schema_dict()
    for name, model in models_under(Theme).items():
        props = definition(schema, name, "Theme")["properties"]
        assert set(props) == set(model.model_fields) - ({"folder"} if model is Theme else set()), name


def test_the_theme_schema_requires_nothing_so_child_themes_validate_in_editors() -> None:
    schema = theme_schema_dict()
    assert schema == without_required(schema)
    validator = Draft202012Validator(schema)
    assert list(validator.iter_errors({"extends": "default", "palette": {"accent": "#112233"}})) == []
    assert list(validator.iter_errors({"palette": {"acent": "#112233"}}))  # unknown keys are still caught


@pytest.mark.parametrize("theme", sorted(p.name for p in themes_dir().iterdir() if (p / "theme.yaml").is_file()))
def test_the_bundled_themes_validate_against_the_theme_schema(theme: str) -> None:
    data = plain(yaml.safe_load((themes_dir() / theme / "theme.yaml").read_text(encoding="utf-8")))
    validator = Draft202012Validator(theme_schema_dict())
    assert [e.message for e in validator.iter_errors(data)] == []
