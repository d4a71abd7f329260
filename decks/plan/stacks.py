"""The font stacks a theme defines: for each role, its own font, then CJK, the fallbacks, then symbols.

Han characters are shared by Chinese, Japanese and Korean but drawn differently in each, so a stack is
built for the content's language: a font the theme gives for that language (`fonts.languages`) comes
before the CJK font; fonts for other languages come after it, so any text still finds a face for kana or
Hangul.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

import msgspec
from msgspec.structs import replace

from decks.errors import ContentError, Problem
from decks.plan.fontfiles import find_font
from decks.text.faces import Face
from decks.text.fallback import FontStack
from decks.text.lookup import bold_cut, find_system_font
from decks.text.metrics import load_face
from decks.text.office import OfficeStack, office_stack
from decks.text.runs import RunFaces
from decks.themes.model import FontSpec, Theme

# Region subtags that mean Traditional Chinese when the script is not written out.
_HANT_REGIONS = ("tw", "hk", "mo")


class Stacks(msgspec.Struct, frozen=True, eq=False):
    """Font stacks by role."""

    heading: FontStack
    body: FontStack
    hand: FontStack
    hand_bold: FontStack

    def all(self) -> tuple[FontStack, ...]:
        return (self.heading, self.body, self.hand, self.hand_bold)


def spec_path(spec: FontSpec) -> Path | None:
    """The file behind a font spec: its file, else the system font of that family, else None."""
    if spec.file is not None:
        return spec.file
    if spec.system:
        return find_system_font(spec.system)
    return None


def face_of(spec: FontSpec) -> Face | None:
    """The face of a spec, or None for an optional font that is not installed."""
    path = spec_path(spec)
    if path is None:
        if spec.optional:
            return None

        raise ContentError([Problem(spec.system or "theme", "font not installed", "install it, or use a file")])
    face = load_face(path)
    if spec.family or spec.margin:
        # The family the deck names (a metric-compatible twin measures for it), and a safety margin: a smaller
        # em makes every advance that much wider.
        face = replace(face, family=spec.family or face.family, units_per_em=face.units_per_em / (1 + spec.margin))
    return face


def normalise_language(tag: str | None) -> str:
    """A BCP 47 tag in lower case with the script made explicit for Chinese: zh-TW -> zh-hant, zh -> zh."""
    parts = (tag or "").replace("_", "-").lower().split("-")
    if parts[0] == "zh" and "hant" not in parts and any(p in _HANT_REGIONS for p in parts[1:]):
        parts.insert(1, "hant")
    return "-".join(p for p in parts if p)


def language_matches(spec_language: str | None, language: str | None) -> bool:
    """Whether a font for `spec_language` (a prefix: ja, ko, zh-Hant) serves text in `language`."""
    want, have = normalise_language(spec_language), normalise_language(language)
    return bool(want) and (have == want or have.startswith(want + "-"))


# A letter each East Asian language writes with, to find the face a stack draws that language in.
_SAMPLE = {"ja": "あ", "ko": "한"}


def east_asian_face(stack: FontStack, language: str | None) -> Face:
    """The face `stack` draws East Asian text of `language` in (Chinese when the language is not one)."""
    return stack.draws(_SAMPLE.get(normalise_language(language).split("-")[0], "字"))


_CACHE: dict[tuple[int, str], tuple[Theme, Stacks]] = {}


def stacks_for(theme: Theme, language: str | None = None) -> Stacks:
    """The stacks of `theme` for text in `language`, built once per theme object and language (themes hold
    lists, so they are not hashable)."""
    key = (id(theme), normalise_language(language))
    cached = _CACHE.get(key)
    if cached is not None and cached[0] is theme:
        return cached[1]
    stacks = _build(theme, language)
    _CACHE[key] = (theme, stacks)
    return stacks


def _build(theme: Theme, language: str | None) -> Stacks:
    fonts = theme.fonts

    def by_language(use: str, bold: bool) -> tuple[list[FontSpec], list[FontSpec]]:
        """The language fonts that serve `use` at this weight: those for `language`, then the others."""
        weight = "bold" if bold else "regular"
        serving = [s for s in fonts.languages if s.use in ("both", use) and s.weight in ("both", weight)]
        mine = [s for s in serving if language_matches(s.language, language)]
        return mine, [s for s in serving if s not in mine]

    def tail(use: str, bold: bool) -> list[FontSpec]:
        mine, others = by_language(use, bold)
        cjk = [fonts.cjk_bold, fonts.cjk] if bold and fonts.cjk_bold else [fonts.cjk]
        emoji = [fonts.emoji] if fonts.emoji else []
        return [*mine, *cjk, *others, *fonts.fallbacks, fonts.symbol, *emoji]

    def stack(first: FontSpec, rest: list[FontSpec], bold: bool = False) -> FontStack:
        faces: list[Face] = []
        for n, spec in enumerate((first, *rest)):
            face = face_of(spec)
            if face is None:
                continue
            # A bold stack draws a fallback family in its bold cut, where the machine has one, as LibreOffice
            # does (the regular after it, for what the bold lacks); the theme's own font is the one it names.
            cut = bold_cut(face) if bold and n else None
            for each in (cut, face):
                if each is not None and each not in faces:
                    faces.append(each)
        return FontStack(tuple(faces), bold=bold)

    # The slides' headings are bold, and measured in the faces their runs are drawn in; the sketch's bold letters
    # are drawn in the faces it measured, whichever they are (decks.paint), so its stacks list the theme's faces.
    return Stacks(
        heading=stack(fonts.heading, tail("slides", bold=True), bold=True),
        body=stack(fonts.body, tail("slides", bold=False)),
        hand=stack(fonts.hand, tail("sketch", bold=False)),
        hand_bold=stack(fonts.hand_bold, tail("sketch", bold=True)),
    )


def office_stacks(theme: Theme, language: str | None = None) -> Stacks:
    """The slide stacks of `theme` for text in `language` measuring as LibreOffice does, each with the East
    Asian face its runs name (the sketch's stacks as they are: no office suite sets them)."""
    stacks = stacks_for(theme, language)
    return Stacks(
        heading=office_stack(stacks.heading, east_asian_face(stacks.heading, language)),
        body=office_stack(stacks.body, east_asian_face(stacks.body, language)),
        hand=stacks.hand,
        hand_bold=stacks.hand_bold,
    )


# -- stacks by run style (decks.text.runs) ------------------------------------------------------------------------

# The family a code run names: every presenting machine has Courier New, and fontconfig maps it to Liberation
# Mono, whose advances it has (decks.plan.fontfiles.TWINS), so the deck is measured, named and drawn alike.
CODE_FAMILY = "Courier New"


def bold_face(face: Face) -> Face:
    """The bold face of `face`'s family, under the family name the deck names (a bundled twin's bold, a bold
    file of the family bundled, in the theme's folder or installed); `face` itself when no bold cut is found:
    a client then emboldens the regular glyphs, which keeps their advances."""

    found = find_font(face.family, bold=True, folder=face.path.parent)
    if found.how == "stand-in":
        return face
    return _named(load_face(found.path), face.family)


def code_face(bold: bool) -> Face:
    """The monospace face of inline code (Liberation Mono, bundled), named as the deck names it."""

    return _named(load_face(find_font(CODE_FAMILY, bold=bold).path), CODE_FAMILY)


def _named(face: Face, family: str) -> Face:
    return face if face.family == family else replace(face, family=family)


def run_faces(theme: Theme, language: str | None = None) -> dict[str, RunFaces]:
    """The stacks each paragraph font ("heading", "body") draws its styled runs in, measuring as LibreOffice
    does (decks.text.office): bold runs of the body in its family's bold face followed by the heading's bold
    fallbacks; the heading is bold already; code in the monospace face (bold in a heading), followed by the
    font's own fallbacks. Made once per theme and language (their office stacks are)."""
    stacks = office_stacks(theme, language)
    heading, body = stacks.heading, stacks.body
    assert isinstance(heading, OfficeStack) and isinstance(body, OfficeStack)
    return {"heading": _run_faces(heading, heading, True), "body": _run_faces(body, heading, False)}


@cache
def _run_faces(plain: OfficeStack, heading: OfficeStack, bold: bool) -> RunFaces:
    if bold:
        emboldened: OfficeStack = plain
    else:
        strong = bold_face(plain.primary)
        emboldened = office_stack(FontStack((strong, *heading.faces[1:]), bold=True), heading.ea)
    mono = office_stack(FontStack((code_face(bold), *plain.faces[1:]), bold=bold), plain.ea)
    return RunFaces(plain, emboldened, mono)


def hand_run_faces(hand: FontStack, hand_bold: FontStack) -> tuple[RunFaces, RunFaces]:
    """The stacks the sketchnote letters styled runs in: for the hand stack (takeaways, captions) and for its bold
    (card titles). Bold is the hand face's bold (`fonts.hand_bold`); code is the deck's monospace face
    (Liberation Mono, named Courier New: `code_face`), bold in a title, followed by the hand stack for what it
    lacks (hanzi, kana, Hangul); italic is the upright hand slanted where it is drawn."""
    return _hand_faces(hand, hand_bold, False), _hand_faces(hand_bold, hand_bold, True)


@cache
def _hand_faces(plain: FontStack, bold: FontStack, heavy: bool) -> RunFaces:
    # The hand face follows the monospace one, so code draws every character its paragraph's stack does.
    return RunFaces(plain, bold, FontStack((code_face(heavy), *plain.faces)))
