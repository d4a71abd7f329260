"""Fonts embedded in the pptx: EOT containers around subsets that cover every character the deck draws in each
face, related and typed as PowerPoint expects; universal faces and forbidding licences are never embedded."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest
from fontTools.ttLib import TTFont
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lxml import etree

from decks.assets import fonts_dir
from decks.plan import deck_plan
from decks.plan.deck.plan import FontFile
from decks.readers.content import load_content
from decks.renderers.pptx.embed import EOT_MAGIC, EOT_VERSION, eot, read_eot, used_text
from decks.renderers.pptx.writer import write_pptx
from decks.themes.loader import load_theme
from tests.conftest import EXAMPLE_ZH

P = "{http://schemas.openxmlformats.org/presentationml/2006/main}"
R = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
PR = "{http://schemas.openxmlformats.org/package/2006/relationships}"
CT = "{http://schemas.openxmlformats.org/package/2006/content-types}"
RT_FONT = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/font"


@pytest.fixture(scope="module")
def theme():
    return load_theme(None)


@pytest.fixture(scope="module")
def deck(theme):
    return deck_plan(load_content(EXAMPLE_ZH), theme)


@pytest.fixture(scope="module")
def auto(deck, theme) -> bytes:
    data, warnings = write_pptx(deck, theme)
    assert [w for w in warnings if not w.startswith("the deck names fonts this machine does not have")] == []
    return data


def _embedded(data: bytes) -> list[tuple[str, str, bytes]]:
    """(typeface, style, .fntdata bytes) for each font the presentation lists."""
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        pres = etree.fromstring(z.read("ppt/presentation.xml"))
        rels = {
            r.get("Id"): (r.get("Type"), r.get("Target"))
            for r in etree.fromstring(z.read("ppt/_rels/presentation.xml.rels")).iter(f"{PR}Relationship")
        }
        out = []
        for font in pres.iter(f"{P}embeddedFont"):
            face = font.find(f"{P}font").get("typeface")
            for style in font[1:]:
                reltype, target = rels[style.get(f"{R}id")]
                assert reltype == RT_FONT
                out.append((face, etree.QName(style).localname, z.read("ppt/" + target)))
        return out


def test_auto_embeds_the_faces_not_on_every_machine_and_no_universal_one(auto) -> None:
    faces = {(face, style) for face, style, _ in _embedded(auto)}
    assert ("Recap Kai", "regular") in faces and ("Recap Kai", "bold") in faces
    assert not any(face == "Calibri" for face, _ in faces)
    with zipfile.ZipFile(io.BytesIO(auto)) as z:
        types = etree.fromstring(z.read("[Content_Types].xml"))
        pres = etree.fromstring(z.read("ppt/presentation.xml"))
        names = [n for n in z.namelist() if n.startswith("ppt/fonts/")]
    assert {d.get("Extension"): d.get("ContentType") for d in types.iter(f"{CT}Default")}["fntdata"] == (
        "application/x-fontdata"
    )
    assert names and all(n.endswith(".fntdata") for n in names) and len(names) == len(faces)
    assert pres.get("embedTrueTypeFonts") == "1" and pres.get("saveSubsetFonts") == "1"
    order = [etree.QName(c).localname for c in pres]
    assert order.index("notesSz") < order.index("embeddedFontLst") < order.index("defaultTextStyle")


def test_each_fntdata_is_a_valid_eot_around_a_subset_covering_every_character_drawn_in_it(auto, deck) -> None:
    used = used_text(deck)
    for face, style, blob in _embedded(auto):
        header, data = read_eot(blob)
        assert header["size"] == len(blob) and header["data_size"] == len(data)
        assert header["version"] == EOT_VERSION and header["magic"] == EOT_MAGIC and header["flags"] == 0
        assert header["family"] == face
        font = TTFont(io.BytesIO(data))
        assert "glyf" in font and font["OS/2"].fsType & 0x0002 == 0
        cmap = font.getBestCmap()
        chars = {c for c in used[(face, style == "bold")] if not c.isspace() and c != "\u200b"}
        assert chars and not {c for c in chars if ord(c) not in cmap}
        whole = TTFont(fonts_dir() / ("RecapKai-Bold.ttf" if style == "bold" else "RecapKai-Regular.ttf"))
        if face == "Recap Kai":
            assert len(cmap) < len(whole.getBestCmap()) / 4  # a subset, not the whole font


def test_embedding_is_the_same_bytes_every_time_and_whole_keeps_every_glyph(tmp_path, monkeypatch) -> None:
    from decks.renderers.pptx.embed import _eot

    dejavu = FontFile("DejaVu Sans", False, fonts_dir() / "DejaVuSans.ttf")
    first, _ = _eot(dejavu, {"→", "a"}, whole=False)
    assert first is not None and first == _eot(dejavu, {"a", "→"}, whole=False)[0]
    whole, _ = _eot(dejavu, {"a"}, whole=True)
    assert whole is not None
    source = TTFont(dejavu.path)
    assert len(TTFont(io.BytesIO(read_eot(whole)[1])).getBestCmap()) == len(source.getBestCmap())
    assert len(TTFont(io.BytesIO(read_eot(first)[1])).getBestCmap()) < 10


def test_none_embeds_nothing(deck, theme) -> None:
    data, _ = write_pptx(deck, theme, embed="none")
    assert _embedded(data) == [] and b"embeddedFontLst" not in zipfile.ZipFile(io.BytesIO(data)).read(
        "ppt/presentation.xml"
    )


def test_a_font_whose_licence_forbids_embedding_is_not_embedded(tmp_path: Path) -> None:
    font = TTFont(fonts_dir() / "DejaVuSans.ttf")
    font["OS/2"].fsType = 0x0002
    path = tmp_path / "Restricted.ttf"
    font.save(str(path))
    data, why = eot(FontFile("DejaVu Sans", False, path), {"a"}, whole=False)
    assert data is None and "licence forbids embedding" in why


@settings(max_examples=8, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(st.characters(blacklist_categories=("Cs",)), min_size=1, max_size=30))
def test_a_subset_keeps_every_character_of_any_text_that_the_font_has(text: str) -> None:
    from decks.renderers.pptx.embed import _eot
    from decks.text.metrics import load_face

    dejavu = FontFile("DejaVu Sans", False, fonts_dir() / "DejaVuSans.ttf")
    data, _ = _eot(dejavu, set(text), whole=False)
    assert data is not None
    header, font = read_eot(data)
    assert header["size"] == len(data) and header["family"] == "DejaVu Sans"
    cmap = set(TTFont(io.BytesIO(font)).getBestCmap())
    has = load_face(dejavu.path).advances
    assert {ord(c) for c in text if ord(c) in has} <= cmap


def test_pptx_tells_once_which_named_fonts_this_machine_lacks_and_how_to_install_them(
    deck, theme, monkeypatch: pytest.MonkeyPatch
) -> None:
    from decks.renderers.pptx import embed

    monkeypatch.setattr(embed, "_installed_here", lambda family, path: False)
    _, warnings = write_pptx(deck, theme)
    lacking = [w for w in warnings if w.startswith("the deck names fonts this machine does not have")]
    assert len(lacking) == 1
    assert "'Recap Kai'" in lacking[0] and "'Calibri'" not in lacking[0]  # every machine has Calibri (or Carlito)
    assert "recap fonts install" in lacking[0] and "LibreOffice" in lacking[0] and "PowerPoint" in lacking[0]
    monkeypatch.setattr(embed, "_installed_here", lambda family, path: True)
    _, warnings = write_pptx(deck, theme)
    assert not [w for w in warnings if w.startswith("the deck names fonts this machine does not have")]
