"""Which characters of a recap no font of a theme can draw, and which words it draws in more than one face:
walked over every text the outputs show.

Both renderers and `recap check` report the characters, so that a missing glyph is never a silent box (a face
has a character only when it draws it with ink: decks.text.sfnt). `recap check` also warns about a word whose
letters come from two faces (a Vietnamese word in a hand face that lacks one of its letters), naming a face that
has them all.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path as PathLib
from typing import Literal, TypeVar

import msgspec

from decks.assets import fonts_dir
from decks.model import Item, Part, Recap
from decks.model.paths import Path_
from decks.plan.stacks import stacks_for
from decks.text.faces import Face
from decks.text.fallback import FontStack, is_ignorable
from decks.text.metrics import load_face
from decks.text.scripts import script_of
from decks.themes.model import Theme

W = TypeVar("W")


def texts(recap: Recap) -> Iterator[tuple[Path_, str]]:
    """Every piece of text the outputs may show, with the path of the field it comes from."""
    yield ("title",), recap.title
    if recap.event:
        for key in ("name", "tagline", "venue", "city", "hashtag"):
            value = getattr(recap.event, key)
            if value:
                yield ("event", key), value
    if recap.presenter:
        yield ("presenter", "name"), recap.presenter.name
        if recap.presenter.role:
            yield ("presenter", "role"), recap.presenter.role
        for i, handle in enumerate(recap.presenter.handles):
            yield ("presenter", "handles", i, "handle"), handle.handle
    if recap.intro:
        yield ("intro",), recap.intro
    groups: list[tuple[Path_, list[Item], Part | None]] = [((), recap.items, None)] if recap.items else []
    groups += [(("parts", i), p.items, p) for i, p in enumerate(recap.parts)]
    for prefix, items, part in groups:
        if part is not None:
            yield (*prefix, "title"), part.title
            if part.intro:
                yield (*prefix, "intro"), part.intro
        for j, item in enumerate(items):
            base = (*prefix, "items", j)
            yield (*base, "title"), item.title
            if item.summary:
                yield (*base, "summary"), item.summary
            if item.quote:
                yield (*base, "quote", "text"), item.quote.text
                if item.quote.by:
                    yield (*base, "quote", "by"), item.quote.by
            if item.figure:
                yield (*base, "figure", "value"), item.figure.value
                yield (*base, "figure", "label"), item.figure.label
            for k, takeaway in enumerate(item.takeaways):
                yield (*base, "takeaways", k), takeaway.text
                for m, point in enumerate(takeaway.points):
                    yield (*base, "takeaways", k, "points", m), point
            for k, link in enumerate(item.links):
                yield (*base, "links", k), link.text
            if item.notes:
                yield (*base, "notes"), item.notes
    for k, takeaway in enumerate(recap.key_takeaways):
        yield ("key_takeaways", k), takeaway.text
        for m, point in enumerate(takeaway.points):
            yield ("key_takeaways", k, "points", m), point
    for k, link in enumerate(recap.resources):
        yield ("resources", k), link.text
    if recap.closing:
        yield ("closing",), recap.closing


Output = Literal["slides", "sketch"]


def output_stacks(recap: Recap, theme: Theme, output: Output | None = None) -> dict[str, FontStack]:
    """The theme's stacks for `recap`'s language by what they letter (every output's when `output` is None)."""

    stacks = stacks_for(theme, recap.language)
    slides = {"slide titles": stacks.heading, "slide text": stacks.body}
    sketch = {"sketchnote lettering": stacks.hand, "sketchnote titles": stacks.hand_bold}
    return slides if output == "slides" else sketch if output == "sketch" else {**slides, **sketch}


def missing_glyphs(recap: Recap, theme: Theme, output: Output | None = None) -> list[tuple[Path_, str]]:
    """(field path, character) for each character that no font of the theme draws, at its first place: in any
    stack of `output`, or of every output when it is None."""
    return first_missing(list(texts(recap)), output_stacks(recap, theme, output).values())


def first_missing(shown: Sequence[tuple[W, str]], stacks: Iterable[FontStack]) -> list[tuple[W, str]]:
    """(where, character) for each character of `shown` that no stack can draw, at its first place."""
    # Check each distinct character once, then find where each missing one first appears.
    chars = "".join(set().union(*(text for _, text in shown)))
    missing: set[str] = set().union(*(stack.missing(chars) for stack in stacks))
    found: list[tuple[W, str]] = []
    for where, text in shown:
        if not missing:
            break  # every missing character placed (or none missing): the rest of the texts cannot add one
        for ch in sorted(missing.intersection(text)):
            missing.discard(ch)
            found.append((where, ch))
    return found


def describe_char(ch: str) -> str:
    """'😀' (U+1F600 GRINNING FACE)."""
    return f"'{ch}' (U+{ord(ch):04X} {unicodedata.name(ch, 'unnamed')})"


# Scripts whose letters a word mixes by nature: Japanese writes kanji and kana in one word.
_SAME_WORD = {"Japanese": "Han"}


def words(text: str) -> Iterator[str]:
    """The words of `text`: runs of letters (with their marks) of one script; digits, punctuation, symbols and
    a change of script end a word."""
    word, script = "", ""
    for ch in text:
        category = unicodedata.category(ch)
        if category[0] == "M" and word:
            word += ch
            continue
        here = _SAME_WORD.get(script_of(ch), script_of(ch)) if category[0] == "L" else None
        if here is not None and word and here == script:
            word += ch
            continue
        if len(word) > 1:
            yield word
        word, script = (ch, here) if here is not None else ("", "")
    if len(word) > 1:
        yield word


class MixedWord(msgspec.Struct, frozen=True):
    """A word one stack draws in more than one face: which letters each face draws, and a face that has them
    all (None when no face of the stack or of the bundled fonts does)."""

    where: Path_
    role: str
    word: str
    faces: tuple[tuple[str, str], ...]  # (family, its letters), the face of most letters first
    whole: str | None

    def describe(self) -> str:
        """What is mixed: 'the word 'Việt' is drawn in 2 faces in the sketchnote lettering (Vit in X; ệ in Y)'."""
        parts = "; ".join(f"{chars} in {family}" for family, chars in self.faces)
        return f"the word '{self.word}' is drawn in {len(self.faces)} faces ({parts}) in: {self.role}"

    def hint(self) -> str:
        if self.whole:
            return f"{self.whole} draws all its letters: put it before the others in the theme's fonts"
        return "no bundled font draws all its letters: add one that does to the theme's fonts"


def mixed_words(recap: Recap, theme: Theme, output: Output | None = None) -> list[MixedWord]:
    """Each word drawn in more than one face by a stack of `output` (every output's when None), at its first
    place, once per stack."""
    found: list[MixedWord] = []
    shown = list(texts(recap))
    for role, stack in output_stacks(recap, theme, output).items():
        seen: set[str] = set()
        for where, text in shown:
            for word in words(text):
                if word in seen:
                    continue
                seen.add(word)
                drawn: dict[Face, list[str]] = {}
                for ch in word:
                    if not is_ignorable(ch) and unicodedata.category(ch)[0] == "L":
                        drawn.setdefault(stack.draws(ch), []).append(ch)
                if len(drawn) > 1:
                    ranked = sorted(drawn.items(), key=lambda kv: -len(kv[1]))
                    faces = tuple((face.family, "".join(dict.fromkeys(chars))) for face, chars in ranked)
                    found.append(MixedWord(where, role, word, faces, _whole_face(word, stack, role)))
    # The same word mixed the same way by two stacks (lettering and titles) is said once, naming both.
    merged: dict[tuple[str, tuple[tuple[str, str], ...]], MixedWord] = {}
    for mixed in found:
        key = (mixed.word, mixed.faces)
        if key in merged:
            merged[key] = msgspec.structs.replace(merged[key], role=f"{merged[key].role}, {mixed.role}")
        else:
            merged[key] = mixed
    return list(merged.values())


def _whole_face(word: str, stack: FontStack, role: str) -> str | None:
    """A face that draws every letter of `word`: the stack's own, else a bundled font (a hand face first for the
    sketchnote), else a fallback of the stack."""

    letters = [c for c in word if unicodedata.category(c)[0] in "LM" and not is_ignorable(c)]
    han = any(script_of(c) in ("Han", "Japanese") for c in letters)
    hand = "sketchnote" in role
    bundled = sorted(_bundled(), key=lambda p: not (hand and p.name.startswith("RecapHand")))
    candidates = [(stack.primary.family, stack.primary)]
    candidates += [(f"{load_face(p).family} ({p.name})", load_face(p)) for p in bundled]
    candidates += [(f.family, f) for f in stack.faces[1:]]
    fits = [(name, face) for name, face in candidates if all(face.has(c) for c in letters)]
    # A CJK face draws Latin, Greek and Cyrillic too, CJK-wide: named for a word of those only as a last resort.
    fits.sort(key=lambda nf: not han and nf[1].has("\u5b57"))
    return fits[0][0] if fits else None


def _bundled() -> list[PathLib]:
    return sorted(fonts_dir().glob("*.ttf"))
