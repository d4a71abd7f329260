"""What a template decides about fonts, and what `recap check --theme` says about a template: the theme a deck
is measured with when the template's master decides the fonts, the font file behind each family a deck's runs
name (for embedding), and the report of layouts, kept-clear pictures and fonts.
"""

from __future__ import annotations

from decks.errors import ContentError, Problem
from decks.model.inline import Style
from decks.plan.deck.plan import Deck, FontFile, LayoutRole
from decks.plan.fontfiles import embeddable, find_font, is_universal, measures_for
from decks.plan.stacks import run_faces, stacks_for
from decks.plan.template import Resolved, load
from decks.text.runs import RunFaces
from decks.themes.model import FontSpec, Theme

# The layout each kind of slide is laid on, as `recap check --theme` names them.
KINDS: dict[str, LayoutRole] = {
    "title": "title",
    "agenda": "content",
    "section": "section",
    "item": "content",
    "item with picture": "picture",
    "takeaways": "content",
    "resources": "content",
    "closing": "closing",
}


def describe(resolved: Resolved) -> list[str]:
    """For `recap check --theme`: the layout serving each slide kind, the master's pictures recap keeps clear
    of, and the theme fonts the template names."""
    lines = [f"{kind} slides: layout '{resolved.layouts[role].name}'" for kind, role in KINDS.items()]
    pics = sorted({b for f in resolved.geometry.frames.values() for b in f.keepout}, key=lambda b: (b.y, b.x))
    for b in pics:
        lines.append(
            f"picture on the master or a layout at ({b.x:.0f}, {b.y:.0f}) {b.w:.0f} x {b.h:.0f} pt: kept clear"
        )
    for key, face in sorted(resolved.fonts.items()):
        lines.append(f"theme font {key.replace('_', ' ')}: {face}")
    return lines


def template_report(theme: Theme) -> tuple[list[str], list[Problem]]:
    """What `recap check --theme` says about the theme's template: the layout serving each slide kind, the
    pictures kept clear, the theme fonts; or the problems that stop it being used."""
    try:
        path, resolved = load(theme)
    except ContentError as exc:
        return [], list(exc.problems)

    measured, inherited, notes = measuring_theme(theme, resolved)
    stacks = stacks_for(measured)
    lines = [f"template {path.name}: {line}" for line in describe(resolved)]
    for role, stack in (("heading", stacks.heading), ("body", stacks.body), ("cjk", None)):
        face = stack.primary if stack is not None else stacks.body.face_for("\u4e00")
        if face is None:
            continue
        lines.append(f"template {path.name}: {role}: {face.family} measured with {face.path}")
        if is_universal(face.family) or face.family in inherited:
            continue
        why = embeddable(face.path)
        if why is None:
            lines.append(
                f"template {path.name}: {role}: {face.family} is not on every machine: recap pptx embeds it "
                "(PowerPoint shows it; LibreOffice and Google Slides draw a substitute unless it is installed"
                + ("; ideographs are one em wide in every CJK face, so the text still fits)" if role == "cjk" else ")")
            )
        else:
            lines.append(
                f"template {path.name}: {role}: {face.family} is not on every machine and cannot be embedded "
                f"({why}): machines without it draw a substitute"
            )
    lines += [f"template {path.name}: warning: {w}" for w in (*resolved.warnings, *notes)]
    return lines, []


def measuring_theme(theme: Theme, resolved: Resolved) -> tuple[Theme, tuple[str, ...], list[str]]:
    """The theme the deck is measured with: when the template's master decides the fonts, its theme fonts
    (major for headings, minor for body, East Asian for CJK) found as files (decks.plan.fontfiles), else the
    theme as it is. Also the families the master supplies (runs in them name no typeface) and warnings for
    fonts measured with a stand-in."""
    if theme.slides.decides("fonts") or not resolved.fonts:
        return theme, (), []

    fonts, folder = resolved.fonts, theme.folder
    update: dict[str, FontSpec] = {}
    warnings: list[str] = []
    inherited: list[str] = []

    def spec(family: str, bold: bool) -> FontSpec:
        found = find_font(family, bold, folder)
        if found.how == "stand-in":
            warnings.append(
                f"the template's font '{family}' is neither bundled, in the theme folder nor installed: "
                f"{found.describe()}; install it (or put its .ttf in the theme folder) to measure it exactly"
            )
        if family not in inherited:
            inherited.append(family)
        return FontSpec(file=found.path, family=family, margin=found.margin)

    if fonts.get("major_latin"):
        update["heading"] = spec(fonts["major_latin"], True)
    if fonts.get("minor_latin"):
        update["body"] = spec(fonts["minor_latin"], False)
    ea = fonts.get("minor_ea") or fonts.get("major_ea")
    if ea:
        # Ideographs are one em in every CJK face: a missing East Asian font is measured with the theme's own.
        found = find_font(ea, False, folder)
        if found.how != "stand-in":
            update["cjk"] = FontSpec(file=found.path, family=ea)
            bold = find_font(ea, True, folder)
            update["cjk_bold"] = FontSpec(file=bold.path, family=ea)
            inherited.append(ea)
    measured = theme.model_copy(update={"fonts": theme.fonts.model_copy(update=update)})
    return measured, tuple(inherited), warnings


def deck_fonts(deck: Deck, theme: Theme) -> tuple[FontFile, ...]:
    """Every (family, bold) a run of `deck` names, with the file `theme`'s stacks measured it with."""

    stacks = stacks_for(theme)
    styled: dict[str, RunFaces] = {}  # loaded at the first styled run
    out: dict[tuple[str, bool], FontFile] = {}
    for slide in deck.slides:
        for box in (slide.title, *slide.texts):
            for para in box.paras:
                plain = stacks.heading if para.font == "heading" else stacks.body
                for run in para.runs:
                    # A bold run of the body is drawn in its family's bold file (decks.text.runs), as measured.
                    bold = para.font == "heading" or bool(run.style & Style.BOLD)
                    key = (run.face, bold and not run.field)
                    if key in out or not run.face:
                        continue
                    if run.style and not styled:
                        styled = run_faces(theme, deck.language)
                    stack = styled[para.font].stack(run.style) if run.style else plain
                    face = next((f for f in stack.faces if f.family == run.face), stack.primary)
                    # A bundled twin or a stand-in measures for the family but is not it: never embedded.
                    own = not measures_for(run.face, face.path)
                    out[key] = FontFile(run.face, key[1], face.path, own)
    return tuple(sorted(out.values(), key=lambda f: (f.family, f.bold)))
