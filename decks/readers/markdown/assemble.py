"""Turn the finished drafts into the content model's plain dicts, in its field order, with check comments.

Pictures that are not local files, and extra pictures, go to the notes: a content file naming a missing
picture would not load. Every text goes through the model's text rule: characters it refuses are removed, and a
text that then shows nothing is left out (or, where the model needs one, becomes a placeholder).
"""

from __future__ import annotations

import functools
import os
from collections.abc import Callable
from pathlib import Path
from urllib.parse import unquote

from decks.model import Event
from decks.model.typed import ValidationError
from decks.readers.markdown.drafts import ImageDraft, ItemDraft, LinkDraft, PartDraft
from decks.readers.markdown.emit import Comments
from decks.readers.markdown.prose import columns

ALT_PLACEHOLDER = "TODO: describe this picture"
# What a text the model refuses becomes where the model needs one (the importer's own title placeholder);
# elsewhere it is left out.
_PLACEHOLDERS = {"title": "TODO: add a title", "name": "TODO: add a name", "alt": ALT_PLACEHOLDER}
_NOT_TEXT = {"url", "path", "kind", "items", "schema_version", "start", "end", "date"}


@functools.cache
def _allowed(ch: str) -> bool:
    """Whether the model lets `ch` stand in a text (asked of the model, so that this follows its rule)."""
    try:
        Event.model_validate({"name": "a" + ch})
    except ValidationError:
        return False
    return True


def usable(text: str) -> str | None:
    """`text` without the characters the model refuses, as the model keeps it; None when that shows nothing."""
    kept = "".join(ch for ch in text if _allowed(ch))
    try:
        return Event.model_validate({"name": kept}).name
    except ValidationError:
        return None


def scrub(data: dict[str, object], warn: Callable[[str], None]) -> None:
    """Every text in `data` (and in its lists and mappings, but not its items) made usable, in place."""
    for key in list(data):
        if key in _NOT_TEXT:
            continue
        value = data[key]
        if isinstance(value, str):
            text = usable(value)
            if text is None and key in _PLACEHOLDERS:
                warn(f"the {key} shows nothing recap can use; wrote a placeholder")
                data[key] = _PLACEHOLDERS[key]
            elif text is None:
                warn(f"the {key} shows nothing recap can use; left out")
                del data[key]
            else:
                data[key] = text
        elif isinstance(value, dict):
            scrub(value, warn)
        elif isinstance(value, list):
            kept: list[object] = []
            for entry in value:
                if isinstance(entry, dict):
                    had_text = "text" in entry
                    scrub(entry, warn)
                    if had_text and "text" not in entry:  # a takeaway with nothing to show
                        warn(f"a {key} entry shows nothing recap can use; left out")
                    else:
                        kept.append(entry)
                elif isinstance(entry, str):
                    text = usable(entry)
                    if text is None:
                        warn(f"a {key} entry shows nothing recap can use; left out")
                    else:
                        kept.append(text)
                else:
                    kept.append(entry)
            if kept:
                data[key] = kept
            else:
                del data[key]


# A summary is "one line" on a slide; longer first paragraphs go to the notes. Counted in columns, a CJK
# character being two.
_SUMMARY_MAX_COLUMNS = 180


class Assembler:
    """Builds the dicts; what the user should look at goes to `warn` and to the check comments."""

    def __init__(
        self, warn: Callable[[int, str], None], preamble: PartDraft, base_dir: Path | None, output_dir: Path | None
    ) -> None:
        self.warn = warn
        self.preamble = preamble
        self.base_dir = base_dir
        self.output_dir = output_dir

    def scrub(self, recap: dict[str, object], line: int) -> None:
        """The recap's own texts (title, event, closing, links …) made usable; parts and items did their own."""
        scrub(recap, lambda message: self.warn(line, message))

    def part_dict(self, part: PartDraft, comments: Comments) -> dict[str, object]:
        data: dict[str, object] = {"title": part.title}
        if part.intro:
            data["intro"] = "\n\n".join(text for _, text in sorted(part.intro, key=lambda pair: pair[0]))
        checks = list(part.checks)
        if not part.items:
            what = "the text before the first day" if part is self.preamble else f"part '{part.title}'"
            self.warn(part.line, f"{what} has no items, so it is not on the slides; kept as a part with an intro")
            checks.append("no items in this part, so the slides skip it: add items or move its intro")
        scrub(data, lambda message: self.warn(part.line, message))
        comments.parts[id(data)] = checks
        if part.items:
            data["items"] = [self.item_dict(item, comments) for item in part.items]
        return data

    def item_dict(self, item: ItemDraft, comments: Comments) -> dict[str, object]:
        notes = list(item.notes)
        summary = None
        if item.paragraphs:
            _, first = item.paragraphs[0]
            if columns(first) <= _SUMMARY_MAX_COLUMNS:
                summary = first
                notes += item.paragraphs[1:]
            else:
                notes += item.paragraphs
        image = None
        for picture in item.images:
            entry, usable = self.image_dict(picture)
            if picture.title and picture.title != entry["alt"]:
                notes.append((picture.line, f"Picture caption: {picture.title}"))
            if not usable:
                # A content file naming a missing picture would not load, and a note about it would replace the
                # speaker notes recap writes from the item: it goes into a comment for the user instead.
                alt = "" if entry["alt"] == ALT_PLACEHOLDER else f" (alt: {entry['alt']})"
                item.checks.append(
                    f"TODO: picture {entry['path']}{alt} is not a local file: add it as image: with its path and alt "
                    "once you have it next to this file"
                )
                continue
            if image is None:
                image = entry
                continue
            notes.append((picture.line, f"Picture: {entry['path']} ({entry['alt']})"))
            reason = "an item has one picture; this extra one was moved to the notes"
            self.warn(picture.line, f"{reason} of '{item.title}'")
            item.checks.append(f"{reason} (post line {picture.line})")

        data: dict[str, object] = {"title": item.title}
        if summary:
            data["summary"] = summary
        if item.takeaways:
            data["takeaways"] = [{"text": t.text, "points": t.points} if t.points else t.text for t in item.takeaways]
        if item.links:
            data["links"] = [link_dict(link) for link in item.links]
        if image:
            data["image"] = image
        if notes:
            data["notes"] = "\n\n".join(text for _, text in sorted(notes, key=lambda pair: pair[0]))
        if item.tags:
            data["tags"] = list(item.tags)
        if len(data) - ("tags" in data) == 1 and not item.images:
            self.warn(item.line, f"heading '{item.title}' has nothing under it; kept as an item with just a title")
            item.checks.append("nothing was under this heading in the post")
        scrub(data, lambda message: self.warn(item.line, message))
        comments.items[id(data)] = item.checks
        return data

    def image_dict(self, picture: ImageDraft) -> tuple[dict[str, str], bool]:
        """The image entry, and whether its file exists so the content file can name it."""
        remote = picture.src.lower().startswith(("http://", "https://", "data:"))
        path = picture.src if remote else unquote(picture.src)
        if not path.strip():
            path = "TODO-missing-picture.png"
            self.warn(picture.line, "a picture has no file name; wrote a placeholder path")
        alt = picture.alt
        if not alt:
            alt = ALT_PLACEHOLDER
            self.warn(picture.line, f"picture '{path}' has no alt text; wrote a placeholder to replace")
        if remote:
            self.warn(picture.line, f"picture '{path}' is on the web; download it and give its file path")
            return {"path": path, "alt": alt}, False
        if self.base_dir is None or not (self.base_dir / path).is_file():
            self.warn(picture.line, f"picture file '{path}' not found next to the post; left as a TODO comment")
            return {"path": path, "alt": alt}, False
        if self.output_dir is not None:
            path = os.path.relpath((self.base_dir / path).resolve(), self.output_dir.resolve())
        return {"path": path, "alt": alt}, True


def link_dict(link: LinkDraft) -> dict[str, str]:
    data = {"url": link.url}
    if link.label:
        data["label"] = link.label
    data["kind"] = link.kind
    return data
