"""The cache folder: where it is, and that a failure to keep something never fails a render."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from decks import cachedir


def test_recap_cache_dir_wins_then_xdg_then_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("RECAP_CACHE_DIR", str(tmp_path / "own"))
    assert cachedir.folder("qr") == tmp_path / "own" / "qr"
    monkeypatch.delenv("RECAP_CACHE_DIR")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert cachedir.folder("qr") == tmp_path / "xdg" / "recap" / "qr"
    monkeypatch.delenv("XDG_CACHE_HOME")
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    assert cachedir.folder("qr") == tmp_path / "home" / ".cache" / "recap" / "qr"


def test_written_bytes_are_read_back_and_leave_no_temporary_file(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("RECAP_CACHE_DIR", str(tmp_path))
    name = cachedir.key("font.ttf", 123, "v2") + ".bin"
    assert cachedir.read("metrics", name) is None
    cachedir.write("metrics", name, b"data")
    assert cachedir.read("metrics", name) == b"data"
    assert [p.name for p in (tmp_path / "metrics").iterdir()] == [cachedir.entry_path("metrics", name).name]


def test_an_unwritable_cache_is_only_slower(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder", encoding="utf-8")
    monkeypatch.setenv("RECAP_CACHE_DIR", str(blocker))
    cachedir.write("icons", "x.png", b"png")  # no exception
    assert cachedir.read("icons", "x.png") is None


def test_keys_change_with_any_part() -> None:
    assert cachedir.key("a", 1) != cachedir.key("a", 2)
    assert cachedir.key("a", 1) == cachedir.key("a", 1)


# -- a damaged cache is a miss, rebuilt; never an error -------------------------------------------------------


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("RECAP_CACHE_DIR", str(tmp_path / "cache"))
    return tmp_path / "cache"


def _damage(folder: Path, how: str) -> int:
    """Damage every entry under `folder` one way; returns how many there were."""
    entries = [p for p in folder.rglob("*") if p.is_file()]
    for entry in entries:
        raw = entry.read_bytes()
        if how == "empty":
            entry.write_bytes(b"")
        elif how == "garbage":
            entry.write_bytes(b"\x00garbage\xff" * 10)
        elif how == "cut":
            entry.write_bytes(raw[: len(raw) // 2])
        elif how == "flipped":
            entry.write_bytes(raw[:-1] + bytes([raw[-1] ^ 1]))
        elif how == "json-empty-list":  # a well-formed entry of the wrong content, without the header
            entry.write_bytes(b"[]")
        elif how == "folder":
            entry.unlink()
            entry.mkdir()
        elif how == "fifo":
            entry.unlink()
            os.mkfifo(entry)
    return len(entries)


DAMAGE = ["empty", "garbage", "cut", "flipped", "json-empty-list", "folder", "fifo"]


@pytest.mark.parametrize("how", DAMAGE)
def test_a_damaged_entry_is_a_miss_and_is_replaced_by_the_next_write(cache: Path, how: str) -> None:
    cachedir.write("metrics", "x.bin", b"the data")
    assert _damage(cache / "metrics", how) == 1
    assert cachedir.read("metrics", "x.bin") is None
    cachedir.write("metrics", "x.bin", b"the data")
    assert cachedir.read("metrics", "x.bin") == b"the data"


@pytest.mark.parametrize("how", DAMAGE)
def test_font_metrics_are_rebuilt_from_a_damaged_cache(cache: Path, tmp_path: Path, how: str) -> None:
    from decks.assets import fonts_dir
    from decks.text.metrics import load_face

    font = tmp_path / "user-fonts" / "Lato-Regular.ttf"  # a user's font (bundled ones ship their metrics)
    font.parent.mkdir()
    font.write_bytes((fonts_dir() / "Lato-Regular.ttf").read_bytes())
    load_face.cache_clear()
    first = load_face(font)
    assert _damage(cache / "metrics", how) == 1
    load_face.cache_clear()
    again = load_face(font)
    assert (again.family, again.advances) == (first.family, first.advances)
    load_face.cache_clear()


@pytest.mark.parametrize("how", DAMAGE)
def test_qr_codes_are_rebuilt_from_a_damaged_cache(cache: Path, how: str) -> None:
    from decks.plan.sketch import qr

    qr.matrix.cache_clear()
    first = qr.matrix("https://example.com/video")
    assert _damage(cache / "qr", how) == 1
    qr.matrix.cache_clear()
    assert qr.matrix("https://example.com/video") == first
    qr.matrix.cache_clear()


@pytest.mark.parametrize("how", DAMAGE)
def test_icons_are_redrawn_from_a_damaged_cache(cache: Path, how: str) -> None:
    import io

    from PIL import Image

    from decks.plan.icons import font_path
    from decks.renderers.pptx.images import icon_png

    font = font_path()
    icon_png.cache_clear()
    first = icon_png(font, "\uf135", "#123456", 64)
    assert _damage(cache / "icons", how) == 1
    icon_png.cache_clear()
    again = icon_png(font, "\uf135", "#123456", 64)
    assert again == first
    Image.open(io.BytesIO(again)).load()
    icon_png.cache_clear()


@pytest.mark.parametrize("how", [*DAMAGE, "valid-empty-list", "valid-no-built-in"])
def test_a_damaged_plugins_cache_never_hides_the_renderers(cache: Path, how: str) -> None:
    import json

    from decks.renderers import base

    assert {"pptx", "pdf"} <= set(base.discover())
    if how == "valid-empty-list":  # an answer taken while the metadata was half-installed
        (entry,) = (cache / "plugins").iterdir()
        cachedir.write("plugins", entry.name, b"[]")
    elif how == "valid-no-built-in":
        (entry,) = (cache / "plugins").iterdir()
        cachedir.write("plugins", entry.name, json.dumps([["x", "x:Y", None]]).encode())
    else:
        assert _damage(cache / "plugins", how) == 1
    assert {"pptx", "pdf", "png", "svg"} <= set(base.discover())


def _runs(cache: Path, folder: Path, name: str, commands: tuple[str, ...] = ("pptx", "pdf")) -> dict[str, bytes]:
    """What `recap COMMAND -o folder/name.COMMAND` makes of the example, each in a fresh process (one that has
    only the cache folder to remember by), with `cache` as its cache folder."""
    import subprocess
    import sys

    env = dict(os.environ, RECAP_CACHE_DIR=str(cache), SOURCE_DATE_EPOCH="1546300800")
    env.pop("RECAP_DEBUG", None)
    made = {}
    for command in commands:
        out = folder / f"{name}.{command}"
        done = subprocess.run(
            [sys.executable, "-m", "decks.cli.main", command, "-o", str(out)],
            env=env,
            capture_output=True,
            text=True,
            timeout=180,
        )
        assert done.returncode == 0, done.stderr
        made[command] = out.read_bytes()
    return made


@pytest.fixture(scope="module")
def first_runs(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, bytes]]:
    """A cache folder filled by a pptx and a pdf run of the example from an empty one, and the files they made:
    made once for the tests below, each of which damages or forges the entries of its own copy."""
    folder = tmp_path_factory.mktemp("first")
    return folder / "cache", _runs(folder / "cache", folder, "a")


def _copy(cache: Path, tmp_path: Path) -> Path:
    import shutil

    return Path(shutil.copytree(cache, tmp_path / "cache", symlinks=True))


def test_a_run_after_every_cache_entry_is_damaged_makes_the_same_deck(
    first_runs: tuple[Path, dict[str, bytes]], tmp_path: Path
) -> None:
    cache = _copy(first_runs[0], tmp_path)
    assert _damage(cache, "garbage") >= 3  # metrics, icons and plugins at least
    assert _runs(cache, tmp_path, "b", ("pptx",))["pptx"] == first_runs[1]["pptx"]


def test_an_entry_of_an_older_format_is_never_read_as_data(cache: Path) -> None:
    old = cachedir.folder("icons") / "x.png"  # what an older recap kept: the bare data, no header
    old.parent.mkdir(parents=True)
    old.write_bytes(b"\x89PNG old")
    assert cachedir.read("icons", "x.png") is None
    cachedir.write("icons", "x.png", b"\x89PNG new")
    assert old.read_bytes() == b"\x89PNG old"  # and an older recap never reads the new entry as its PNG
    assert cachedir.read("icons", "x.png") == b"\x89PNG new"


# -- entries are data, checked as data: forged entries are misses, never an error or a changed output ----------


def _unkeyed(data: bytes) -> bytes:
    """An entry with the header an attacker can compute: magic, format, length and an unkeyed checksum."""
    import hashlib
    import struct

    digest = hashlib.blake2b(data, digest_size=16).digest()
    return struct.pack(">6sBQ16s", b"RECAPC", 2, len(data), digest) + data


def test_an_entry_forged_with_a_valid_unkeyed_header_is_a_miss_and_deleted(cache: Path) -> None:
    cachedir.write("qr", "x.marshal", b"real")
    path = cachedir.entry_path("qr", "x.marshal")
    path.write_bytes(_unkeyed(b"forged"))
    assert cachedir.read("qr", "x.marshal") is None
    assert not path.exists()


def test_an_entry_moved_to_another_name_or_kind_is_a_miss(cache: Path) -> None:
    cachedir.write("qr", "a.marshal", b"the code of a")
    entry = cachedir.entry_path("qr", "a.marshal").read_bytes()
    cachedir.entry_path("qr", "b.marshal").write_bytes(entry)
    assert cachedir.read("qr", "b.marshal") is None
    cachedir.folder("icons").mkdir()
    cachedir.entry_path("icons", "a.marshal").write_bytes(entry)
    assert cachedir.read("icons", "a.marshal") is None
    assert cachedir.read("qr", "a.marshal") == b"the code of a"


def test_the_secret_is_the_owners_alone_and_an_unsafe_one_is_replaced(cache: Path) -> None:
    import stat

    cachedir._secrets.clear()
    cachedir.write("qr", "x", b"data")
    secret = cache / "secret"
    assert stat.S_IMODE(secret.stat().st_mode) == 0o600 and len(secret.read_bytes()) == 32
    old = secret.read_bytes()
    secret.chmod(0o644)  # readable by others: anyone could forge with it
    cachedir._secrets.clear()
    assert cachedir.read("qr", "x") is None
    assert secret.read_bytes() != old and stat.S_IMODE(secret.stat().st_mode) == 0o600
    secret.unlink()
    secret.symlink_to(cache / "elsewhere")
    cachedir._secrets.clear()
    cachedir.write("qr", "x", b"data")
    assert not secret.is_symlink() and cachedir.read("qr", "x") == b"data"
    cachedir._secrets.clear()


def test_keys_carry_the_recap_version(monkeypatch: pytest.MonkeyPatch) -> None:
    before = cachedir.key("a", 1)
    monkeypatch.setattr(cachedir, "__version__", "99.0")
    assert cachedir.key("a", 1) != before


def _only_entry(folder: Path) -> Path:
    (entry,) = [p for p in folder.iterdir() if p.is_file() and not p.name.endswith(".tmp")]
    return entry


def _forge(kind: str, data: bytes) -> None:
    """Rewrite the one entry of `kind` with `data` behind a header that checks out (as if the secret leaked):
    what is left to stop it is the check of the decoded value."""
    entry = _only_entry(cachedir.folder(kind))
    cachedir.write(kind, entry.name.removeprefix("rc2-"), data)


def test_forged_font_metrics_with_units_per_em_0_are_rebuilt(cache: Path, tmp_path: Path) -> None:
    import marshal

    from decks.assets import fonts_dir
    from decks.text.metrics import load_face

    font = tmp_path / "fonts" / "Lato-Regular.ttf"
    font.parent.mkdir()
    font.write_bytes((fonts_dir() / "Lato-Regular.ttf").read_bytes())
    load_face.cache_clear()
    first = load_face(font)
    for forged in [
        ("Lato", 0, 0.9, 0.2, 0.0, 500, b"", b""),
        ("Lato", 1000, float("nan"), 0.2, 0.0, 500, b"", b""),
        ("Lato", 1000, 0.9, 0.2, 0.0, 500, b"\x01\x00\x00\x00", b""),
        ("Evil", 1000, 0.9, 0.2, 0.0, "x", b"", b""),
        [1, 2, 3],
    ]:
        _forge("metrics", marshal.dumps(forged))
        load_face.cache_clear()
        again = load_face(font)
        assert (again.family, again.units_per_em, again.advances) == (first.family, first.units_per_em, first.advances)
    load_face.cache_clear()


def test_a_forged_qr_entry_for_another_address_is_rebuilt(cache: Path) -> None:
    import marshal

    from decks.plan.sketch import qr

    qr.matrix.cache_clear()
    first = qr.matrix("https://example.com/video")
    other = qr._encode("https://evil.example/")
    rows = [bytes(48 + v for v in row) for row in other]
    for forged in [["https://evil.example/", rows], ["https://example.com/video", rows[:-1]], rows]:
        _forge("qr", marshal.dumps(forged))
        qr.matrix.cache_clear()
        assert qr.matrix("https://example.com/video") == first
    qr.matrix.cache_clear()


def test_a_forged_icon_of_the_wrong_size_is_redrawn(cache: Path) -> None:
    from decks.plan.icons import font_path
    from decks.renderers.pptx.images import icon_png
    from tests.plan.templates import png

    icon_png.cache_clear()
    first = icon_png(font_path(), "\uf135", "#123456", 64)
    _forge("icons", png(8, 8))
    icon_png.cache_clear()
    assert icon_png(font_path(), "\uf135", "#123456", 64) == first
    icon_png.cache_clear()


@pytest.mark.parametrize(
    "rows",
    [
        [["pptx", "os:system", "recap"], ["pdf", "decks.renderers.pdf:PdfRenderer", "recap"]],
        [["pptx", "decks.renderers.pptx:PptxRenderer", "recap"], ["evil", "evil_module:Thing", "no-such-dist"]],
        [["pptx", "decks.renderers.pptx:PptxRenderer", None]],
        [["pptx", "decks.renderers.pptx:PptxRenderer", "recap"], ["pdf", "antigravity:x", "pytest"]],
    ],
    ids=["built-in-to-other-module", "unknown-distribution", "no-distribution", "not-registered-by-its-dist"],
)
def test_the_plugins_entry_never_chooses_which_module_is_imported(cache: Path, rows: list) -> None:
    import json

    from decks.renderers import base

    real = base.discover()
    entry = _only_entry(cache / "plugins")
    stamp = json.loads(cachedir.read("plugins", entry.name.removeprefix("rc2-")) or b"")[0]
    _forge("plugins", json.dumps([stamp, rows]).encode())
    assert base.discover() == real


def test_recaps_own_renderer_table_is_what_pyproject_registers() -> None:
    import tomllib

    from decks.renderers import base

    pyproject = tomllib.loads((Path(__file__).parents[1] / "pyproject.toml").read_text(encoding="utf-8"))
    assert pyproject["project"]["entry-points"][base.GROUP] == base._OWN


def test_forged_kerning_and_formats_entries_are_made_again(cache: Path, tmp_path: Path) -> None:
    import marshal
    from array import array

    from decks import i18n
    from decks.text import kerning

    # Rows by first character: its second characters, and as many doubles (ems).
    row = ("V", array("d", [-0.05]).tobytes())
    assert kerning._kerning_entry(marshal.dumps({"AV": "wide"})) is None
    assert kerning._kerning_entry(marshal.dumps({"A": ("VW", b"\x00" * 8)})) is None  # 2 seconds, 1 double
    assert kerning._kerning_entry(marshal.dumps({"A": ("V", array("d", [9.0]).tobytes())})) is None  # 9 ems
    assert kerning._kerning_entry(marshal.dumps({"AV": -0.05})) is None  # the old form: a pair to its value
    assert kerning._kerning_entry(marshal.dumps({"A": row})) == {"A": row}
    assert i18n._formats_entry(marshal.dumps({"n:8": 8})) is None
    from decks.text.system import _answers_entry

    assert _answers_entry(b'{"41": 5}') is None and _answers_entry(b'{"../x": "a"}') is None
    assert _answers_entry(b'{"4E00": ""}') == {"4E00": ""}
    # and through the cache: a value that does not check out is a miss, and its entry is deleted
    cachedir.write("formats", "x", marshal.dumps({"n:8": 8}))
    assert cachedir.load("formats", "x", i18n._formats_entry) is None
    assert cachedir.read("formats", "x") is None
    cachedir.write("formats", "y", b"\xff not marshal")
    assert cachedir.load("formats", "y", marshal.loads) is None


@pytest.mark.parametrize("how", ["unkeyed", "keyed-garbage"])
def test_a_run_after_every_cache_entry_is_forged_makes_the_same_files(
    first_runs: tuple[Path, dict[str, bytes]], tmp_path: Path, monkeypatch: pytest.MonkeyPatch, how: str
) -> None:
    """Every kind a pptx and a pdf run keep (metrics, kerning, icons, QR codes, EOTs, reportlab's faces,
    catalogues, plugins...), each entry forged: behind a header anyone can compute, or behind a keyed one
    (the secret leaked) with bytes that decode to nothing valid. The next run makes the same bytes, exit 0."""
    cache = _copy(first_runs[0], tmp_path)
    first = first_runs[1]
    monkeypatch.setenv("RECAP_CACHE_DIR", str(cache))
    cachedir._secrets.clear()
    entries = [p for p in cache.glob("*/rc2-*") if p.is_file()]
    assert len({p.parent.name for p in entries}) >= 4, entries
    for entry in entries:
        kind, name = entry.parent.name, entry.name.removeprefix("rc2-")
        if how == "unkeyed":
            entry.write_bytes(_unkeyed(b"\xda\x01x" + entry.read_bytes()[34:]))
        else:
            cachedir.write(kind, name, b"\xdb\x00\x00\x00\x00forged")
    cachedir._secrets.clear()
    assert _runs(cache, tmp_path, "b") == first


def test_forged_eot_and_icon_entries_are_refused_by_their_checks() -> None:
    import struct

    from decks.renderers.pptx.embed import _is_eot
    from decks.renderers.pptx.images import _is_png_of
    from tests.plan.templates import png

    assert _is_png_of(png(64, 64), 64) and not _is_png_of(png(64, 32), 64) and not _is_png_of(b"GIF89a" * 10, 64)
    broken = bytearray(png(64, 64))
    broken[20] ^= 1  # the IHDR's checksum no longer matches
    assert not _is_png_of(bytes(broken), 64)
    body = b"\0" * 100
    header = struct.pack("<III", 12 + 70 + len(body), len(body), 0x00020001) + b"\0" * 70
    assert _is_eot(header + body)
    assert not _is_eot(header + body + b"x")  # EOTSize must be the entry's length
    assert not _is_eot(struct.pack("<III", 182, 100, 0x12345678) + b"\0" * 170)  # unknown version
