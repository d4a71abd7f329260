#!/usr/bin/env python3
"""Build the bundled fonts, their licence files and README under assets/fonts/ from Debian font packages.

Run by hand when the fonts should change, never at run time:

    python tools/build_fonts.py            # writes assets/fonts/
    python tools/build_fonts.py --out DIR  # writes elsewhere (to compare two runs, say)

It needs the Debian packages fonts-lato, fonts-comic-neue, fonts-lxgw-wenkai, fonts-klee, fonts-nanum,
fonts-nanum-extra, fonts-symbola and fonts-dejavu-core, the Python packages fonttools and reportlab, and npm,
which fetches the hand faces' packages (NPM_PACKAGES, pinned) into --npm-dir (a temporary folder by default).

No bundled font maps a character to a glyph without an outline: the subsets keep only the characters their
source draws with ink (fontTools' BoundsPen; white space and format characters excepted). Nanum Pen Script maps
303 common hanzi to blank glyphs; kept, they hid the hanzi Recap Kai draws.
The output is the same bytes on every run for the same inputs; set SOURCE_DATE_EPOCH to change the
timestamp written into the fonts that are rebuilt.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tarfile
import tempfile
import textwrap
from dataclasses import dataclass, field
from pathlib import Path

from fontTools import subset
from fontTools.merge import Merger
from fontTools.misc.timeTools import epoch_diff
from fontTools.pens.boundsPen import BoundsPen
from fontTools.ttLib import TTFont

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from decks.text.sfnt import blank_ok
from decks.text.system import glyf_from_cff

REPO = Path(__file__).resolve().parent.parent
DEFAULT_OUT = REPO / "assets" / "fonts"
CONTENT_DIR = REPO / "content"

LATO_DIR = Path("/usr/share/fonts/truetype/lato")
COMIC_DIR = Path("/usr/share/fonts/opentype/comic-neue")
WENKAI_DIR = Path("/usr/share/fonts/truetype/lxgw-wenkai")
DEJAVU_DIR = Path("/usr/share/fonts/truetype/dejavu")
KLEE_DIR = Path("/usr/share/fonts/truetype/klee")
NANUM_DIR = Path("/usr/share/fonts/truetype/nanum")
SYMBOLA = Path("/usr/share/fonts/truetype/ancient-scripts/Symbola_hint.ttf")
DOC_DIR = Path("/usr/share/doc")

# The hand faces come from npm (the fonts' own releases, as packaged for web and app use), pinned:
# Playpen Sans as Google Fonts' static TrueType files; Gaegu as fontsource's unicode-range pieces (WOFF 1.0,
# zlib: no brotli needed), merged back into one font.
PLAYPEN_PACKAGE = "@expo-google-fonts/playpen-sans@0.4.1"
GAEGU_PACKAGE = "@fontsource/gaegu@5.3.0"
NPM_PACKAGES = (PLAYPEN_PACKAGE, GAEGU_PACKAGE)

# 2024-01-01T00:00:00Z unless the caller pins another time.
DEFAULT_EPOCH = 1_704_067_200

# cu2qu tolerance in font units (1000 per em): invisible at any size, and few extra points.
CU2QU_MAX_ERR = 1.0

# All bundled font files together must stay below this many bytes (decimal MB).
SIZE_BUDGET = 40_000_000

# With every GB2312 hanzi in both weights the fonts come to about 9.13 MB, over the budget, so the bold
# face keeps only the 3,755 level-1 hanzi (plus whatever the content files and EXTRA_TEXT use). Set this
# to "all" to give the bold face all 6,763.
BOLD_HANZI = "all"

# Characters both Recap Kai faces must have even when not in the GB2312 level they cover: words the
# bundled example content and the tests rely on.
EXTRA_TEXT = "峰会张量流宣布贴纸鹜你好世界"
REQUIRED_TEXT = EXTRA_TEXT + "，。：；！？（）《》“”、…—·"

# "LXGW" and "霞鹜" are Reserved Font Names of LXGW WenKai; "WenKai" goes too so no one mistakes the
# subset for the original. Nanum's are "Nanum", "NanumGothic", "NanumPen" and their "Naver" forms. Klee
# One and Symbola declare none, but their subsets are renamed as well, so that a subset is never taken for
# the whole font on a machine that has both ("Recap Klee", "Recap Emoji").
RESERVED = ("LXGW", "霞鹜", "WenKai", "文楷", "Nanum", "나눔", "Naver", "Klee One", "Symbola", "Playpen", "Gaegu")
# Words a Korean and a Japanese text need beyond their syllables and kanji (punctuation, kana) are in BLOCKS.
REQUIRED_JA = "気続鉄駅発開対機動実話懇親会新能ぁァー々「」、。："
REQUIRED_KO = "가각힣한국어발표자료감사합니다"
REQUIRED_KO_HAND = REQUIRED_KO.replace("힣", "힝")  # KS X 1001 ends at 힝: Recap Pen draws 힣
# Vietnamese, Greek and Russian letters the Latin hand face must draw, so no word of them mixes faces.
REQUIRED_HAND = "ệộưầếảạởđăơĐẠỹαβγΩάώабвгЖЯёЁіїґ“”‘’—–…•"
REQUIRED_EMOJI = "\U0001f389\U0001f680\u2764\U0001f600\U0001f1ef\U0001f1f5"
# The name records that make up the font's name as shown to users; none of them may hold a reserved name.
NAMING_IDS = (1, 2, 3, 4, 5, 6, 16, 17, 18, 20, 21, 22, 25)
# The subset keeps only these tables: no hinting (the source has none anyway), no layout, no vertical
# metrics, since reportlab and Pillow use none of them here.
KAI_TABLES = {"cmap", "glyf", "loca", "hmtx", "hhea", "head", "maxp", "name", "OS/2", "post"}

FONT_AWESOME_NOTE = (
    "Font Awesome Free's icon fonts (font: SIL OFL 1.1; icons: CC BY 4.0) are in assets/icons, with their "
    "licence (tools/build_icon_index.py)."
)


def head_time() -> int:
    """The fixed head.created/modified value: seconds since 1904, from SOURCE_DATE_EPOCH or a constant."""
    return int(os.environ.get("SOURCE_DATE_EPOCH", DEFAULT_EPOCH)) - int(epoch_diff)


# --- character sets -------------------------------------------------------------------------------------


def gb2312_chars(first_row: int = 0xA1, last_row: int = 0xF7) -> set[int]:
    """Every character of GB2312 with a lead byte in [first_row, last_row], by decoding each 2-byte code."""
    found: set[int] = set()
    for lead in range(first_row, last_row + 1):
        for trail in range(0xA1, 0xFF):
            try:
                found.add(ord(bytes((lead, trail)).decode("gb2312")))
            except UnicodeDecodeError:
                continue
    return found


def is_hanzi(cp: int) -> bool:
    return 0x4E00 <= cp <= 0x9FFF


BLOCKS = (
    (0x0020, 0x007E),  # ASCII
    (0x00A0, 0x00FF),  # Latin-1 Supplement
    (0x2000, 0x206F),  # General Punctuation
    (0x2190, 0x21FF),  # Arrows
    (0x3000, 0x303F),  # CJK Symbols and Punctuation
    (0x3040, 0x30FF),  # Hiragana and Katakana
    (0xFF00, 0xFFEF),  # Halfwidth and Fullwidth Forms
)


def content_chars() -> set[int]:
    """Every character used in the bundled content files, so their text never needs a fallback font."""
    found: set[int] = set()
    for path in sorted(CONTENT_DIR.rglob("*.yaml")):
        found.update(ord(ch) for ch in path.read_text(encoding="utf-8") if ord(ch) >= 0x20)
    return found


def big5_level1_hanzi() -> set[int]:
    """The 5,401 common hanzi of Big5 (lead bytes 0xA4-0xC6): what Traditional Chinese text uses most."""
    found: set[int] = set()
    for lead in range(0xA4, 0xC7):
        for trail in (*range(0x40, 0x7F), *range(0xA1, 0xFF)):
            try:
                cp = ord(bytes((lead, trail)).decode("big5"))
            except UnicodeDecodeError:
                continue
            if is_hanzi(cp):
                found.add(cp)
    return found


def jis_x_0208() -> set[int]:
    """Every character of JIS X 0208 (symbols, kana, level 1 and level 2 kanji), decoded from EUC-JP."""
    found: set[int] = set()
    for lead in range(0xA1, 0xF5):
        for trail in range(0xA1, 0xFF):
            try:
                found.add(ord(bytes((lead, trail)).decode("euc_jp")))
            except UnicodeDecodeError:
                continue
    return found


HANGUL = (
    (0x1100, 0x11FF),  # Hangul Jamo
    (0x3130, 0x318F),  # Hangul Compatibility Jamo
    (0xAC00, 0xD7A3),  # all 11,172 Hangul syllables
)

EMOJI = (
    (0x2190, 0x21FF),  # Arrows
    (0x2300, 0x23FF),  # Miscellaneous Technical (⌚ ⏰ …)
    (0x2460, 0x24FF),  # Enclosed Alphanumerics
    (0x25A0, 0x27BF),  # Geometric Shapes, Miscellaneous Symbols, Dingbats
    (0x2900, 0x297F),  # Supplemental Arrows-B
    (0x2B00, 0x2BFF),  # Miscellaneous Symbols and Arrows (⭐ ⬆ …)
    (0x3030, 0x3030),
    (0x303D, 0x303D),
    (0x3297, 0x3299),
    (0x1F000, 0x1FAFF),  # Mahjong to Symbols and Pictographs Extended-A, regional indicators included
)


def ranges(spans: tuple[tuple[int, int], ...]) -> set[int]:
    return {cp for lo, hi in spans for cp in range(lo, hi + 1)}


# Greek and Cyrillic letters are in GB2312 and JIS X 0208, drawn there as CJK-width letters; Greek or Russian
# text looks better in a Western face (the symbol face, DejaVu Sans), so the CJK subsets leave them out.
WESTERN = ((0x0370, 0x03FF), (0x0400, 0x04FF))


def kai_unicodes(all_hanzi: bool) -> set[int]:
    """GB2312 (all of it, or its symbols and level-1 hanzi), Big5 level 1 for Regular, the common blocks."""
    gb = gb2312_chars()
    if not all_hanzi:
        level1 = gb2312_chars(0xB0, 0xD7)
        gb = {cp for cp in gb if not is_hanzi(cp)} | level1
    else:
        gb |= big5_level1_hanzi()
    return gb | ranges(BLOCKS) | content_chars() - ranges(HANGUL) | {ord(ch) for ch in EXTRA_TEXT}


def klee_unicodes() -> set[int]:
    # Hangul of the Korean example is left to the Korean faces, so a Korean word never mixes faces.
    return jis_x_0208() | ranges(BLOCKS) | content_chars() - ranges(HANGUL) | {ord(ch) for ch in REQUIRED_JA}


def hangul_unicodes() -> set[int]:
    # Hanja are left to the Kai face: Korean text rarely has them, and they would double the file.
    return ranges(HANGUL) | ranges(BLOCKS) | content_chars()


def emoji_unicodes() -> set[int]:
    return ranges(EMOJI)


# --- building -------------------------------------------------------------------------------------------


def set_times(font: TTFont) -> None:
    font["head"].created = font["head"].modified = head_time()


def otf_to_ttf(src: Path, dst: Path) -> None:
    """Convert CFF outlines to TrueType ones (fontTools' otf2ttf recipe): reportlab reads only glyf."""
    font = TTFont(src, recalcTimestamp=False)
    assert font.sfntVersion == "OTTO" and "CFF " in font, src
    glyf_from_cff(font, CU2QU_MAX_ERR)
    set_times(font)
    font.save(dst)


def rename(font: TTFont, family: str, style: str) -> None:
    """Give the subset its own name: a Reserved Font Name may not name a Modified Version."""
    name = font["name"]
    version = (name.getDebugName(5) or "Version 1.000").split(";")[0]
    ps = family.replace(" ", "")
    name.names = [rec for rec in name.names if rec.nameID not in NAMING_IDS]
    records = {
        1: family,
        2: style,
        3: f"{family} {style}:{version}",
        4: f"{family} {style}",
        5: f"{version}; subset for recap",
        6: f"{ps}-{style}",
    }
    for name_id, text in records.items():
        name.setName(text, name_id, 3, 1, 0x409)
    name.names.sort(key=lambda rec: (rec.platformID, rec.platEncID, rec.langID, rec.nameID))


def inked_unicodes(font: TTFont, within: set[int] | None = None) -> set[int]:
    """The characters (of `within`, or all) `font` maps to a glyph with an outline (BoundsPen finds its bounds),
    or that are meant to be blank (decks.text.sfnt.blank_ok): the characters it draws."""
    glyph_set = font.getGlyphSet()
    inked: dict[str, bool] = {}
    found = set()
    for cp, name in font.getBestCmap().items():
        if within is not None and cp not in within:
            continue
        if name not in inked:
            pen = BoundsPen(glyph_set)
            glyph_set[name].draw(pen)
            inked[name] = pen.bounds is not None
        if inked[name] or blank_ok(cp):
            found.add(cp)
    return found


def blank_mappings(path: Path) -> list[int]:
    """The characters a font file maps to a glyph with no outline (which recap treats as missing)."""
    font = TTFont(path, lazy=True)
    return sorted(set(font.getBestCmap()) - inked_unicodes(font))


def subset_font(
    src: Path | TTFont, dst: Path, family: str, style: str, unicodes: set[int], western: bool = False
) -> None:
    """A renamed subset of `src` with only those of `unicodes` it draws with ink; no hinting, layout or vertical
    metrics. Greek and Cyrillic letters are left out unless `western` (the CJK faces draw them CJK-wide)."""
    font = src if isinstance(src, TTFont) else TTFont(src, recalcTimestamp=False)
    unicodes = inked_unicodes(font, unicodes)
    opts = subset.Options()
    opts.hinting = False
    opts.layout_features = []
    opts.drop_tables = sorted(set(font.keys()) - KAI_TABLES - {"GlyphOrder"})
    opts.name_IDs = ["*"]
    opts.name_languages = [0x409]
    opts.name_legacy = False
    opts.glyph_names = False
    opts.notdef_glyph = True
    opts.notdef_outline = True
    opts.recalc_timestamp = False
    opts.canonical_order = True
    subsetter = subset.Subsetter(opts)
    subsetter.populate(unicodes=unicodes if western else unicodes - ranges(WESTERN))
    subsetter.subset(font)
    rename(font, family, style)
    set_times(font)
    font.save(dst)


# --- the hand faces (npm) -----------------------------------------------------------------------------


def npm_package(spec: str, folder: Path) -> Path:
    """The unpacked folder of the npm package `spec` (name@version), fetched with `npm pack` once into `folder`."""
    name, _, version = spec.rpartition("@")
    unpacked = folder / f"{name.strip('@').replace('/', '-')}-{version}"
    if not (unpacked / "package" / "package.json").is_file():
        folder.mkdir(parents=True, exist_ok=True)
        made = subprocess.run(
            ["npm", "pack", "--silent", spec, "--pack-destination", str(folder)],
            capture_output=True,
            text=True,
            check=True,
        ).stdout.split()[-1]
        with tarfile.open(folder / made) as tar:
            tar.extractall(unpacked, filter="data")
    return unpacked / "package"


# The Latin hand face keeps Latin (with Vietnamese), Greek, Cyrillic, punctuation, arrows and symbols: all it
# has but its emoji, which Recap Emoji draws in the same style as every other emoji.
HAND_EMOJI = ((0x2600, 0x27BF), (0x1F000, 0x1FAFF))
# The Korean hand face keeps its Hangul (the 2,350 syllables of KS X 1001 and the jamo): Latin, digits and
# punctuation come from the Latin hand face before it in the stack; rarer syllables from Recap Pen.
HAND_KR = ((0x1100, 0x11FF), (0x3130, 0x318F), (0xAC00, 0xD7A3))


def hand_unicodes(font: TTFont) -> set[int]:
    return set(font.getBestCmap()) - ranges(HAND_EMOJI)


def merged_pieces(files: list[Path]) -> TTFont:
    """One font from fontsource's unicode-range pieces of a face (WOFF files of the same font, each with some of
    its characters): merged with fontTools' Merger after making each a plain TrueType file."""
    with tempfile.TemporaryDirectory() as tmp:
        plain = []
        for i, piece in enumerate(files):
            font = TTFont(piece, recalcTimestamp=False)
            font.flavor = None
            path = Path(tmp) / f"piece{i:03}.ttf"
            font.save(path)
            plain.append(str(path))
        merged = Merger().merge(plain)
        with tempfile.NamedTemporaryFile(suffix=".ttf") as whole:
            merged.save(whole.name)
            return TTFont(whole.name, recalcTimestamp=False, lazy=False)


def gaegu_pieces(package: Path, weight: int) -> list[Path]:
    files = sorted((package / "files").glob(f"gaegu-*-{weight}-normal.woff"))
    if not files:
        raise SystemExit(f"{package}: no gaegu-*-{weight}-normal.woff pieces")
    return files


def npm_version(package: Path) -> str:
    import json

    data = json.loads((package / "package.json").read_text(encoding="utf-8"))
    return f"{data['name']} {data['version']}"


def npm_licence_file(title: str, about: str, licence: Path, notices: list[str]) -> str:
    """A licence file for a font from an npm package: what recap made of it, its notices and its OFL text."""
    parts = [
        f"{title}\n{'=' * len(title)}",
        wrap(about),
        "Copyright notices in the font files (name ID 0):\n\n" + "\n".join(wrap(n, "    ") for n in notices),
        f"Licence, text from the package's {licence.name}:\n\n" + licence.read_text(encoding="utf-8").strip(),
    ]
    return "\n\n".join(parts).rstrip() + "\n"


# --- licences -------------------------------------------------------------------------------------------


def deb822(path: Path) -> list[dict[str, str]]:
    """The paragraphs of a machine-readable Debian copyright file, each field's lines joined with newlines."""
    paragraphs: list[dict[str, str]] = []
    current: dict[str, str] = {}
    key = ""
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            if current:
                paragraphs.append(current)
            current, key = {}, ""
        elif line[0] in " \t" and key:
            current[key] += "\n" + line
        else:
            key, _, value = line.partition(":")
            current[key] = value.strip()
    if current:
        paragraphs.append(current)
    return paragraphs


def field_text(value: str) -> str:
    """A deb822 multi-line value as plain text: continuation lines unindented, lone '.' as a blank line."""
    first, *rest = value.split("\n")
    body = textwrap.dedent("\n".join("" if line.strip() == "." else line.rstrip() for line in rest))
    return "\n".join(part for part in (first.strip(), body.strip("\n")) if part)


@dataclass
class Upstream:
    copyright: str
    licence_name: str
    licence_text: str
    comment: str = ""


def debian_licence(package: str) -> Upstream:
    paragraphs = deb822(DOC_DIR / package / "copyright")
    files = next(p for p in paragraphs if p.get("Files", "").strip() == "*")
    name, _, body = files["License"].partition("\n")
    if not body.strip():
        standalone = (p for p in paragraphs if "Files" not in p and p.get("License", "").startswith(name))
        body = next(standalone)["License"].partition("\n")[2]
    return Upstream(
        copyright=field_text(files["Copyright"]),
        licence_name=name.strip(),
        licence_text=field_text("\n" + body),
        comment=field_text(files.get("Comment", "")),
    )


def package_version(package: str) -> str:
    try:
        return subprocess.run(
            ["dpkg-query", "-W", "-f=${Version}", package], capture_output=True, text=True, check=True
        ).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return "unknown version"


def name_record(path: Path, name_id: int) -> str:
    return TTFont(path, lazy=True)["name"].getDebugName(name_id) or ""


OFL_TITLE = "SIL OPEN FONT LICENSE Version 1.1 - 26 February 2007"


def wrap(text: str, indent: str = "") -> str:
    """Wrap each line of text at 100 columns, keeping its line breaks."""
    return "\n".join(
        textwrap.fill(line, 100, initial_indent=indent, subsequent_indent=indent, break_on_hyphens=False)
        if line.strip()
        else ""
        for line in text.replace("\r\n", "\n").strip().split("\n")
    )


def licence_file(title: str, about: str, package: str, font_notices: list[str], extra: str = "") -> str:
    deb = debian_licence(package)
    text = deb.licence_text
    if "OFL" in deb.licence_name.upper() and "SIL OPEN FONT LICENSE" not in text:
        text = f"{OFL_TITLE}\n\n{text}"
    source = f"/usr/share/doc/{package}/copyright"
    parts = [
        f"{title}\n{'=' * len(title)}",
        wrap(about),
        "Copyright notices in the font files (name ID 0):\n\n"
        + "\n".join(wrap(notice, "    ") for notice in font_notices),
        f"Copyright, from {source}:\n\n" + textwrap.indent(deb.copyright, "    "),
    ]
    if deb.comment:
        parts.append(f"Comment in {source}:\n\n" + textwrap.indent(deb.comment, "    "))
    parts.append(f"Licence ({deb.licence_name}), text from {source}:\n\n{text}")
    if extra:
        parts.append(extra)
    return "\n\n".join(parts).rstrip() + "\n"


def write_licences(out: Path) -> None:
    lato = LATO_DIR / "Lato-Regular.ttf"
    (out / "OFL-Lato.txt").write_text(
        licence_file(
            "Lato: Lato-Regular.ttf, Lato-Bold.ttf",
            "Unmodified copies of Lato 2.007 by Łukasz Dziedzic (tyPoland), from the Debian package "
            f"fonts-lato {package_version('fonts-lato')} (upstream project Lato, http://www.latofonts.com). "
            '"Lato" is a Reserved Font Name: a modified version would need another name.',
            "fonts-lato",
            [name_record(lato, 0)],
        ),
        encoding="utf-8",
    )
    comic = COMIC_DIR / "ComicNeue-Regular.otf"
    (out / "OFL-ComicNeue.txt").write_text(
        licence_file(
            "Comic Neue: ComicNeue-Regular.ttf, ComicNeue-Bold.ttf",
            "Comic Neue 2.003 by Craig Rozynski, Hrant Papazian and Brandon Schoech, from the Debian package "
            f"fonts-comic-neue {package_version('fonts-comic-neue')} (upstream project Comic Neue, "
            "https://github.com/crozynski/comicneue). These files are a Modified Version: recap's "
            "tools/build_fonts.py converted the CFF (PostScript) outlines of ComicNeue-Regular.otf and "
            "ComicNeue-Bold.otf to TrueType outlines with fontTools cu2qu (max error 1 unit); the glyph "
            "designs, metrics and names are otherwise unchanged. Comic Neue declares no Reserved Font Name "
            "(none in the font's name table, the Debian copyright file or FONTLOG.txt), so the family name "
            "is kept.",
            "fonts-comic-neue",
            [name_record(comic, 0)],
        ),
        encoding="utf-8",
    )
    kai = WENKAI_DIR / "LXGWWenKai-Regular.ttf"
    (out / "OFL-LXGWWenKai.txt").write_text(
        licence_file(
            "Recap Kai (a renamed subset of LXGW WenKai): RecapKai-Regular.ttf, RecapKai-Bold.ttf",
            "Recap Kai is a renamed subset of LXGW WenKai 1.250 (Regular and Bold) by LXGW, which builds on "
            "Klee One by Fontworks Inc. The source files come from the Debian package fonts-lxgw-wenkai "
            f"{package_version('fonts-lxgw-wenkai')} (upstream project LXGW WenKai, "
            "https://github.com/lxgw/LxgwWenKai). recap's tools/build_fonts.py kept only the characters "
            "recap needs (GB2312, ASCII, Latin-1, punctuation, kana, arrows and full-width forms), dropped "
            'the layout and vertical-metrics tables, and renamed the family to "Recap Kai", because "LXGW" '
            'and "霞鹜" are Reserved Font Names of LXGW WenKai. Recap Kai is a Modified Version under the '
            "licence below; it is not the Original Version and is not endorsed by its authors.",
            "fonts-lxgw-wenkai",
            [name_record(kai, 0)],
        ),
        encoding="utf-8",
    )
    klee = KLEE_DIR / "KleeOne-Regular.ttf"
    (out / "OFL-Klee.txt").write_text(
        licence_file(
            "Recap Klee (a renamed subset of Klee One): RecapKlee-Regular.ttf",
            "Recap Klee is a renamed subset of Klee One Regular by Fontworks Inc., from the Debian package "
            f"fonts-klee {package_version('fonts-klee')} (upstream project Klee, "
            "https://github.com/fontworks-fonts/Klee). recap's tools/build_fonts.py kept only the characters "
            "Japanese text needs (all of JIS X 0208: kana, symbols and the level 1 and 2 kanji; ASCII, "
            "Latin-1, punctuation and full-width forms), dropped the layout, hinting and vertical-metrics "
            'tables, and renamed the family to "Recap Klee", so that it is not taken for the whole font. '
            "It is a Modified Version under the licence below, not endorsed by the authors of Klee One.",
            "fonts-klee",
            [name_record(klee, 0)],
        ),
        encoding="utf-8",
    )
    pen = NANUM_DIR / "NanumPen.ttf"
    (out / "OFL-Nanum.txt").write_text(
        licence_file(
            "Recap Pen and Recap Gothic KR (renamed subsets of Nanum Pen Script and NanumGothic): "
            "RecapPen-Regular.ttf, RecapGothicKR-Regular.ttf",
            "Recap Pen is a renamed subset of Nanum Pen Script (NanumPen.ttf, from the Debian package "
            f"fonts-nanum-extra {package_version('fonts-nanum-extra')}) and Recap Gothic KR one of NanumGothic "
            f"(NanumGothic.ttf, from the Debian package fonts-nanum {package_version('fonts-nanum')}), both by "
            "NAVER Corporation, designed by Sandoll Communications (upstream http://hangeul.naver.com/). "
            "recap's tools/build_fonts.py kept only the characters Korean text needs (all 11,172 Hangul "
            "syllables, the Hangul jamo, ASCII, Latin-1, punctuation and full-width forms), dropped the "
            "layout and hinting tables, and renamed the families, because Nanum, NanumGothic, NanumPen and "
            "their Naver forms are Reserved Font Names. They are Modified Versions under the licence below, "
            "not endorsed by NAVER.",
            "fonts-nanum-extra",
            [name_record(pen, 0), name_record(NANUM_DIR / "NanumGothic.ttf", 0)],
        ),
        encoding="utf-8",
    )
    symbola = (DOC_DIR / "fonts-symbola" / "copyright").read_text(encoding="utf-8")
    (out / "LICENSE-Symbola.txt").write_text(
        "Recap Emoji (a renamed subset of Symbola): RecapEmoji-Regular.ttf\n"
        "=================================================================\n\n"
        + wrap(
            "Recap Emoji is a renamed subset of Symbola 2.60 by George Douros, from the Debian package "
            f"fonts-symbola {package_version('fonts-symbola')}: only the emoji, dingbats, arrows and other "
            "pictographs (Unicode 9.0 coverage), without hinting or layout tables, renamed so that it is not "
            "taken for the whole font. Symbola's licence allows this: the fonts 'are free for any use; they "
            "may be opened, edited, modified, regenerated, packaged and redistributed'."
        )
        + f"\n\nCopyright notice in the font file (name ID 0):\n\n{wrap(name_record(SYMBOLA, 0), '    ')}"
        + "\n\nThe Debian copyright file, /usr/share/doc/fonts-symbola/copyright, verbatim:\n\n"
        + symbola.rstrip()
        + "\n",
        encoding="utf-8",
    )
    dejavu = DEJAVU_DIR / "DejaVuSans.ttf"
    arev = name_record(dejavu, 13)
    arev = arev[arev.index("Arev Fonts Copyright") :].strip()
    (out / "LICENSE-DejaVu.txt").write_text(
        licence_file(
            "DejaVu Sans: DejaVuSans.ttf, DejaVuSans-Bold.ttf",
            "Unmodified copies of DejaVu Sans and DejaVu Sans Bold 2.37 (the DejaVu fonts team), from the Debian "
            "package "
            f"fonts-dejavu-core {package_version('fonts-dejavu-core')} (upstream project DejaVu fonts, "
            "https://dejavu-fonts.github.io/). DejaVu changes are in the public domain; the glyphs derived "
            "from Bitstream Vera and from Arev are under the licences below.",
            "fonts-dejavu-core",
            [name_record(dejavu, 0)],
            extra="The font's own licence record (name ID 13) adds the licence of the glyphs imported from "
            "the Arev fonts:\n\n" + arev,
        ),
        encoding="utf-8",
    )


# --- checks and README ----------------------------------------------------------------------------------


@dataclass
class Built:
    file: str
    licence: str
    source: str
    note: str = ""
    checks: list[str] = field(default_factory=list)


def check_font(path: Path, required: str = "") -> None:
    """Fail loudly if reportlab cannot use the file or it lacks characters recap relies on."""
    from reportlab.pdfbase.ttfonts import TTFont as ReportlabTTFont

    ReportlabTTFont(path.stem, str(path))
    inked = inked_unicodes(TTFont(path, lazy=True), {ord(ch) for ch in required})
    missing = [ch for ch in required if ord(ch) not in inked]
    if missing:
        raise SystemExit(f"{path.name}: does not draw {''.join(missing)}")


def check_names(path: Path) -> None:
    for rec in TTFont(path, lazy=True)["name"].names:
        text = rec.toUnicode()
        if rec.nameID in NAMING_IDS and any(word.lower() in text.lower() for word in RESERVED):
            raise SystemExit(f"{path.name}: name ID {rec.nameID} still says {text!r}")


def human_size(n: int) -> str:
    return f"{n / 1_000_000:.2f} MB" if n >= 1_000_000 else f"{n / 1000:.0f} kB"


def write_readme(out: Path, rows: list[Built]) -> int:
    lines = [
        "# Bundled fonts",
        "",
        "Built by `tools/build_fonts.py` from Debian font packages and two npm packages (run by hand, not at run",
        "time; two runs give the same bytes). Do not edit these files; change the script and run it again.",
        "No built font maps a character to a glyph without an outline (the script checks with fontTools'",
        "BoundsPen); recap also treats such a mapping in any font as missing, so the next face draws it.",
        "",
        "| file | family | licence | source (Debian package; upstream) | coverage | size |",
        "|---|---|---|---|---|---|",
    ]
    total = 0
    for row in rows:
        path = out / row.file
        font = TTFont(path, lazy=True)
        cmap = font.getBestCmap()
        family = font["name"].getDebugName(16) or font["name"].getDebugName(1)
        coverage = f"{len(cmap):,} characters"
        hanzi = sum(1 for cp in cmap if is_hanzi(cp))
        if hanzi:
            coverage += f", {hanzi:,} hanzi"
        if row.note:
            coverage += f"; {row.note}"
        size = path.stat().st_size
        total += size
        lines.append(f"| `{row.file}` | {family} | {row.licence} | {row.source} | {coverage} | {human_size(size)} |")
    bold = (
        "Bold has the same characters."
        if BOLD_HANZI == "all"
        else "Bold has only the 3,755 level-1 hanzi (0xB0A1-0xD7F9), to keep the bundled fonts small."
    )
    notes = [
        'Lato and DejaVu Sans (Regular and Bold) are copied unmodified. Lato\'s Reserved Font Name is "Lato"; '
        'the DejaVu licence forbids "Bitstream", "Vera", "Arev" and "Tavmjong Bah" in the names of modified '
        "versions. DejaVu Sans maps U+FFFC (the object replacement character) to a blank glyph, which recap "
        "treats as missing. DejaVu Sans draws the Arabic and Hebrew the hand faces lack; its Bold letters them "
        "in the sketchnote's titles (the default theme's fonts.languages), so a card title stays bold in every "
        "script.",
        "Comic Neue is converted from CFF to TrueType outlines (fontTools cu2qu, max error 1 unit), because "
        "reportlab reads only TrueType outlines. Comic Neue declares no Reserved Font Name, so its name is "
        "kept.",
        'Recap Kai is a renamed subset of LXGW WenKai ("LXGW" and "霞鹜" are its Reserved Font Names). '
        "Regular has all of GB2312 (all 6,763 hanzi) and the 5,401 hanzi of Big5 level 1 (Traditional "
        f"Chinese, in LXGW WenKai's mainland glyph forms); {bold} Both also have ASCII, Latin-1, General "
        "Punctuation, arrows, CJK Symbols and Punctuation, kana, Halfwidth and Fullwidth Forms, and every "
        "character of `content/*.yaml`, except Greek and Cyrillic letters, which are left out of every CJK subset so "
        "that Greek and Russian text is drawn in DejaVu Sans rather than in CJK-width letters. Hinting, layout "
        "(GSUB) and vertical metrics are dropped. The "
        "copyright record (name ID 0) still names LXGW: it is the copyright notice the licence says to keep, "
        "not the font's name.",
        "Recap Klee is a renamed subset of Klee One (Japanese, pen-written): all of JIS X 0208 (kana, the "
        "2,965 level-1 and 3,390 level-2 kanji, less 牙 U+7259, which Klee One lacks and Recap Kai draws), the "
        "common blocks and `content/*.yaml`. Japanese text is "
        "drawn in it on slides and sketchnotes; bold text uses the same face (no bold cut is bundled).",
        "Recap Pen (Nanum Pen Script, hand-written) and Recap Gothic KR (NanumGothic, for slides) are renamed "
        "subsets with all 11,172 Hangul syllables and the jamo; hanja come from Recap Kai. Nanum Pen Script maps "
        "303 common hanzi (一 三 上 下 不 世 中 在 和 …) to glyphs with no outline; they are left out, so Recap Kai "
        "draws them. Recap Pen now draws only the Hangul syllables Recap Hand KR lacks. Nanum's Reserved Font "
        "Names (Nanum, NanumGothic, NanumPen, Naver …) are why they are renamed.",
        "Recap Hand is the sketchnote's hand face: a renamed subset of Playpen Sans (TypeTogether, OFL), "
        f"Regular and Bold, from the npm package `{PLAYPEN_PACKAGE}` (Google Fonts' static TrueType files). It "
        "draws Latin with Vietnamese, Greek and Cyrillic, so no word in those scripts mixes faces (Comic Neue "
        "has neither Greek, Cyrillic nor most Vietnamese letters). Emoji, layout and hinting are dropped.",
        "Recap Hand KR is the sketchnote's Korean hand face, readable at print size: a renamed subset of Gaegu "
        f"(JIKJI SOFT, OFL), Regular and Bold, from the npm package `{GAEGU_PACKAGE}`, whose unicode-range WOFF "
        "pieces are merged back into one font with fontTools. It has the 2,350 Hangul syllables of KS X 1001 "
        "(nearly all Korean text); Recap Pen draws the rest.",
        "Recap Emoji is a renamed subset of Symbola (monochrome, Unicode 9.0 emoji, dingbats and arrows): "
        "emoji are drawn from it in the PDF, PNG and SVG. Emoji added to Unicode after 2016 are not in it; "
        "recap then looks for an installed font and otherwise names the character as missing. ZWJ sequences "
        "are drawn as their parts and flags as their two regional-indicator letters (no ligatures).",
        FONT_AWESOME_NOTE,
    ]
    lines += ["", f"Total: {human_size(total)} ({total:,} bytes).", "", "Notes:", ""]
    lines += [textwrap.fill(note, 110, initial_indent="- ", subsequent_indent="  ") for note in notes]
    lines.append("")
    # The sections written by hand after the generated part (from the first "## " heading on) are kept.
    readme = out / "README.md"
    kept = readme.read_text(encoding="utf-8").partition("\n## ") if readme.is_file() else ("", "", "")
    tail = f"\n## {kept[2]}" if kept[1] else ""
    readme.write_text("\n".join(lines) + tail, encoding="utf-8")
    return total


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help="output folder (default assets/fonts)")
    parser.add_argument("--npm-dir", type=Path, help="where npm packages are fetched to (default: a temporary folder)")
    parser.add_argument(
        "--readme-only", action="store_true", help="check the fonts already in --out and write the README only"
    )
    args = parser.parse_args()
    out: Path = args.out
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        build(out, args.npm_dir or Path(tmp), fonts=not args.readme_only)


def build_hand_faces(out: Path, npm_dir: Path) -> None:
    """Recap Hand (Playpen Sans) and Recap Hand KR (Gaegu), Regular and Bold, with their licence files."""
    playpen = npm_package(PLAYPEN_PACKAGE, npm_dir)
    gaegu = npm_package(GAEGU_PACKAGE, npm_dir)
    sources = {
        "Regular": ("400Regular/PlaypenSans_400Regular.ttf", 400),
        "Bold": ("700Bold/PlaypenSans_700Bold.ttf", 700),
    }
    notices = []
    for style, (file, weight) in sources.items():
        font = TTFont(playpen / file, recalcTimestamp=False)
        notices.append(font["name"].getDebugName(0) or "")
        subset_font(font, out / f"RecapHand-{style}.ttf", "Recap Hand", style, hand_unicodes(font), western=True)
        merged = merged_pieces(gaegu_pieces(gaegu, weight))
        subset_font(merged, out / f"RecapHandKR-{style}.ttf", "Recap Hand KR", style, ranges(HAND_KR))
        notices.append(merged["name"].getDebugName(0) or "")
    version = TTFont(playpen / sources["Regular"][0], lazy=True)["name"].getDebugName(5)
    (out / "OFL-PlaypenSans.txt").write_text(
        npm_licence_file(
            "Recap Hand (a renamed subset of Playpen Sans): RecapHand-Regular.ttf, RecapHand-Bold.ttf",
            f"Recap Hand is a renamed subset of Playpen Sans ({version}) by TypeTogether (Veronika Burian, "
            "José Scaglione) and the Playpen Sans Project Authors (upstream https://github.com/TypeTogether/"
            "Playpen-Sans), from the static Regular (400) and Bold (700) TrueType files of Google Fonts as "
            f"packaged in the npm package {npm_version(playpen)}. recap's tools/build_fonts.py kept the Latin "
            "(with Vietnamese), Greek and Cyrillic letters, punctuation, arrows and symbols (all but the emoji) "
            "that the font draws with ink, dropped the layout and hinting tables, and renamed the family so "
            "that it is not taken for the whole font. Playpen Sans declares no Reserved Font Name. Recap Hand "
            "is a Modified Version under the licence below, not endorsed by its authors.",
            playpen / "LICENSE_FONT",
            notices[0::2],
        ),
        encoding="utf-8",
    )
    (out / "OFL-Gaegu.txt").write_text(
        npm_licence_file(
            "Recap Hand KR (a renamed subset of Gaegu): RecapHandKR-Regular.ttf, RecapHandKR-Bold.ttf",
            "Recap Hand KR is a renamed subset of Gaegu Regular and Bold by JIKJI SOFT and the Gaegu Project "
            "Authors (upstream https://github.com/JIKJISOFT/Gaegu), a hand-written Korean face that reads at "
            f"print size. The source is the npm package {npm_version(gaegu)}, which ships Google Fonts' Gaegu "
            "cut into unicode-range pieces (WOFF); recap's tools/build_fonts.py merged the pieces of each "
            "weight back into one font with fontTools, kept only the Hangul syllables (the 2,350 of KS X 1001) "
            "and jamo it draws with ink, and renamed the family so that it is not taken for the whole font. "
            "Gaegu declares no Reserved Font Name. Recap Hand KR is a Modified Version under the licence "
            "below, not endorsed by its authors.",
            gaegu / "LICENSE",
            notices[1::2],
        ),
        encoding="utf-8",
    )


def build(out: Path, npm_dir: Path, fonts: bool = True) -> None:
    """The fonts and their licence files (unless not `fonts`: those already in `out`), checked, and the README."""
    if fonts:
        build_fonts(out, npm_dir)
    else:
        missing = [row.file for row in bundled_rows() if not (out / row.file).is_file()]
        if missing:
            raise SystemExit(f"{out}: no {', '.join(missing)}: build the fonts first")
    rows = bundled_rows()
    required = {
        "RecapKai-Regular.ttf": REQUIRED_TEXT,
        "RecapKai-Bold.ttf": REQUIRED_TEXT,
        "RecapKlee-Regular.ttf": REQUIRED_JA,
        "RecapPen-Regular.ttf": REQUIRED_KO,
        "RecapGothicKR-Regular.ttf": REQUIRED_KO,
        "RecapEmoji-Regular.ttf": REQUIRED_EMOJI,
        "RecapHand-Regular.ttf": REQUIRED_HAND,
        "RecapHand-Bold.ttf": REQUIRED_HAND,
        "RecapHandKR-Regular.ttf": REQUIRED_KO_HAND,
        "RecapHandKR-Bold.ttf": REQUIRED_KO_HAND,
    }
    for row in rows:
        check_font(out / row.file, required.get(row.file, ""))
        if row.file.startswith("Recap"):
            check_names(out / row.file)
            blank = blank_mappings(out / row.file)
            if blank:
                raise SystemExit(f"{row.file}: maps {len(blank)} characters to blank glyphs: {blank[:10]}")
    total = write_readme(out, rows)
    if total > SIZE_BUDGET:
        raise SystemExit(f"fonts total {total:,} bytes, over the budget of {SIZE_BUDGET:,}")
    print(f"wrote {len(rows)} fonts ({total:,} bytes), licences and README.md to {out}", file=sys.stderr)


def build_fonts(out: Path, npm_dir: Path) -> None:
    """Every bundled font file and licence file, into `out`."""
    for style in ("Regular", "Bold"):
        shutil.copyfile(LATO_DIR / f"Lato-{style}.ttf", out / f"Lato-{style}.ttf")
        otf_to_ttf(COMIC_DIR / f"ComicNeue-{style}.otf", out / f"ComicNeue-{style}.ttf")
        all_hanzi = style == "Regular" or BOLD_HANZI == "all"
        subset_font(
            WENKAI_DIR / f"LXGWWenKai-{style}.ttf",
            out / f"RecapKai-{style}.ttf",
            "Recap Kai",
            style,
            kai_unicodes(all_hanzi),
        )
    subset_font(
        KLEE_DIR / "KleeOne-Regular.ttf", out / "RecapKlee-Regular.ttf", "Recap Klee", "Regular", klee_unicodes()
    )
    subset_font(NANUM_DIR / "NanumPen.ttf", out / "RecapPen-Regular.ttf", "Recap Pen", "Regular", hangul_unicodes())
    subset_font(
        NANUM_DIR / "NanumGothic.ttf",
        out / "RecapGothicKR-Regular.ttf",
        "Recap Gothic KR",
        "Regular",
        hangul_unicodes(),
    )
    subset_font(SYMBOLA, out / "RecapEmoji-Regular.ttf", "Recap Emoji", "Regular", emoji_unicodes())
    for name in ("DejaVuSans.ttf", "DejaVuSans-Bold.ttf"):
        shutil.copyfile(DEJAVU_DIR / name, out / name)
    build_hand_faces(out, npm_dir)
    write_licences(out)


def bundled_rows() -> list[Built]:
    """The README's rows: each bundled font, its licence, source and a note on its coverage."""
    ofl = "SIL OFL 1.1"
    rows = [
        Built("Lato-Regular.ttf", f"{ofl} ([OFL-Lato.txt](OFL-Lato.txt))", "fonts-lato; Lato"),
        Built("Lato-Bold.ttf", f"{ofl} ([OFL-Lato.txt](OFL-Lato.txt))", "fonts-lato; Lato"),
        Built(
            "ComicNeue-Regular.ttf",
            f"{ofl} ([OFL-ComicNeue.txt](OFL-ComicNeue.txt))",
            "fonts-comic-neue; Comic Neue",
            "converted to TrueType",
        ),
        Built(
            "ComicNeue-Bold.ttf",
            f"{ofl} ([OFL-ComicNeue.txt](OFL-ComicNeue.txt))",
            "fonts-comic-neue; Comic Neue",
            "converted to TrueType",
        ),
        Built(
            "RecapHand-Regular.ttf",
            f"{ofl} ([OFL-PlaypenSans.txt](OFL-PlaypenSans.txt))",
            f"npm {PLAYPEN_PACKAGE}; Playpen Sans",
            "Latin with Vietnamese, Greek, Cyrillic",
        ),
        Built(
            "RecapHand-Bold.ttf",
            f"{ofl} ([OFL-PlaypenSans.txt](OFL-PlaypenSans.txt))",
            f"npm {PLAYPEN_PACKAGE}; Playpen Sans",
            "Latin with Vietnamese, Greek, Cyrillic",
        ),
        Built(
            "RecapKai-Regular.ttf",
            f"{ofl} ([OFL-LXGWWenKai.txt](OFL-LXGWWenKai.txt))",
            "fonts-lxgw-wenkai; LXGW WenKai",
            "all GB2312 + Big5 level 1",
        ),
        Built(
            "RecapKai-Bold.ttf",
            f"{ofl} ([OFL-LXGWWenKai.txt](OFL-LXGWWenKai.txt))",
            "fonts-lxgw-wenkai; LXGW WenKai",
            "all GB2312 + Big5 level 1" if BOLD_HANZI == "all" else "GB2312 symbols + level-1 hanzi",
        ),
        Built("RecapKlee-Regular.ttf", f"{ofl} ([OFL-Klee.txt](OFL-Klee.txt))", "fonts-klee; Klee One", "JIS X 0208"),
        Built(
            "RecapPen-Regular.ttf",
            f"{ofl} ([OFL-Nanum.txt](OFL-Nanum.txt))",
            "fonts-nanum-extra; Nanum Pen Script",
            "all 11,172 Hangul syllables",
        ),
        Built(
            "RecapHandKR-Regular.ttf",
            f"{ofl} ([OFL-Gaegu.txt](OFL-Gaegu.txt))",
            f"npm {GAEGU_PACKAGE}; Gaegu",
            "the 2,350 Hangul syllables of KS X 1001",
        ),
        Built(
            "RecapHandKR-Bold.ttf",
            f"{ofl} ([OFL-Gaegu.txt](OFL-Gaegu.txt))",
            f"npm {GAEGU_PACKAGE}; Gaegu",
            "the 2,350 Hangul syllables of KS X 1001",
        ),
        Built(
            "RecapGothicKR-Regular.ttf",
            f"{ofl} ([OFL-Nanum.txt](OFL-Nanum.txt))",
            "fonts-nanum; NanumGothic",
            "all 11,172 Hangul syllables",
        ),
        Built(
            "RecapEmoji-Regular.ttf",
            "free for any use ([LICENSE-Symbola.txt](LICENSE-Symbola.txt))",
            "fonts-symbola; Symbola",
            "emoji and pictographs",
        ),
        Built(
            "DejaVuSans.ttf",
            "Bitstream Vera + Arev ([LICENSE-DejaVu.txt](LICENSE-DejaVu.txt))",
            "fonts-dejavu-core; DejaVu fonts",
            "symbol fallback",
        ),
        Built(
            "DejaVuSans-Bold.ttf",
            "Bitstream Vera + Arev ([LICENSE-DejaVu.txt](LICENSE-DejaVu.txt))",
            "fonts-dejavu-core; DejaVu fonts",
            "bold lettering for Arabic and Hebrew",
        ),
    ]
    return rows


if __name__ == "__main__":
    main()
