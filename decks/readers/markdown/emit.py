"""Write the content YAML: block style, the model's key order, unicode as is, and check comments."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import yaml

# YAML readers refuse these characters even inside comments.
_YAML_UNPRINTABLE = re.compile("[^\x09\x0a\x0d\x20-\x7e\x85\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


@dataclass
class Comments:
    # Keyed by id() of the dicts being emitted: the dicts themselves are not hashable.
    parts: dict[int, list[str]] = field(default_factory=dict)
    items: dict[int, list[str]] = field(default_factory=dict)
    event: list[str] = field(default_factory=list)
    closing: list[str] = field(default_factory=list)
    title: list[str] = field(default_factory=list)


class _Dumper(yaml.SafeDumper):
    def increase_indent(self, flow: bool = False, indentless: bool = False) -> None:
        # Indent lists under their key, the way people write YAML by hand.
        return super().increase_indent(flow, False)


def _represent_str(dumper: yaml.SafeDumper, data: str) -> yaml.ScalarNode:
    # Notes and intros span lines; the | style keeps them readable (PyYAML falls back to quotes if it can't).
    style = "|" if "\n" in data else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", data, style=style)


_Dumper.add_representer(str, _represent_str)


def _dump(data: object, indent: int = 0) -> list[str]:
    text = yaml.dump(
        data, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=float("inf"), default_flow_style=False
    )
    return [(" " * indent + line) if line else line for line in text.splitlines()]


def _one_line(text: str) -> str:
    return _YAML_UNPRINTABLE.sub("", " ".join(text.split()))


def _comment_lines(messages: list[str], indent: int) -> list[str]:
    """`# check: …` for what to look at, `# TODO: …` for what to do (a message that starts with TODO:)."""
    return [
        " " * indent + ("# " if message.startswith("TODO:") else "# check: ") + _one_line(message)
        for message in messages
    ]


def _entries(value: object) -> list[dict[str, object]]:
    """The mappings of a list the assembler made (parts, items): every entry of it."""
    return [entry for entry in value if isinstance(entry, dict)] if isinstance(value, list) else []


def emit_yaml(recap: dict[str, object], comments: Comments, source_name: str, made_by: str = "recap import") -> str:
    lines = [
        f"# {'Imported' if made_by == 'recap import' else 'Made'} from {_one_line(source_name)} by `{made_by}`.",
        "# Look for TODO and check: comments, fix what they point at, then delete them.",
    ]
    lines += _dump({"schema_version": recap["schema_version"]})
    lines += _comment_lines(comments.title, 0)
    lines += _dump({key: recap[key] for key in ("title", "language")})
    lines += _comment_lines(comments.event, 0)
    lines += _dump({"event": recap["event"]})
    if "presenter" in recap:
        lines.append("# check: the presenter is the post's author, from its front matter")
        lines += _dump({"presenter": recap["presenter"]})
    else:
        lines += ["# TODO: say who presents the recap:", "# presenter:", "#   name: Your Name"]
    if "source" in recap:
        lines += _dump({"source": recap["source"]})
    if "tags" in recap:
        lines += _dump({"tags": recap["tags"]})
    if "intro" in recap:
        lines += _dump({"intro": recap["intro"]})
    if "parts" in recap:
        lines.append("parts:")
        for part in _entries(recap["parts"]):
            lines += _comment_lines(comments.parts.get(id(part), []), 2)
            items = _entries(part.get("items"))
            lines += _dump([{key: value for key, value in part.items() if key != "items"}], 2)
            if items:
                lines.append("    items:")
                for item in items:
                    lines += _comment_lines(comments.items.get(id(item), []), 6)
                    lines += _dump([item], 6)
    else:
        lines.append("items:")
        for item in _entries(recap["items"]):
            lines += _comment_lines(comments.items.get(id(item), []), 2)
            lines += _dump([item], 2)
    if "key_takeaways" in recap:
        lines += _dump({"key_takeaways": recap["key_takeaways"]})
    if "resources" in recap:
        lines.append("# Links from outside any item:")
        lines += _dump({"resources": recap["resources"]})
    if "closing" in recap:
        lines += _comment_lines(comments.closing, 0)
        lines += _dump({"closing": recap["closing"]})
    return "\n".join(lines) + "\n"
