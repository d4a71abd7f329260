"""Fuzzing the pictures a content file names: only PNG, JPEG, GIF and WebP are read, none through an interpreter,
every picture `recap check` passes decodes, and every other file at a picture's path is a located error.

Picture bytes are made here with Pillow itself, in every format it can write, then cut, flipped and patched;
PostScript, the damaged PNGs of issue 20 and symbolic-link loops are written by hand. No test reads a file
outside the repository or its own temporary folder. The budget of each property is `RECAP_FUZZ_EXAMPLES`
(default 20), as in tests/test_fuzz.py.
"""

from __future__ import annotations

import io
import os
import re
import stat
import struct
import subprocess
import warnings
import zlib
from pathlib import Path

import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st
from PIL import Image

from decks.cli.main import main
from decks.errors import ContentError
from decks.imagefiles import FORMATS, picture_problem, read_picture
from decks.imageheaders import sniff

_BUDGET = settings(
    max_examples=int(os.environ.get("RECAP_FUZZ_EXAMPLES", "20")),
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow, HealthCheck.data_too_large],
)

Image.init()  # every plugin Pillow has, so that "every format it can write" means all of them
_MODES = {"RGB", "RGBA", "L", "P", "1", "LA", "CMYK", "I;16"}


def _save(fmt: str, size: tuple[int, int], mode: str, seed: int) -> bytes | None:
    """A picture of `size` in `fmt` written by Pillow, or None when Pillow cannot write that mode in that format."""
    from random import Random

    rng = Random(seed)
    img = Image.frombytes("RGB", size, rng.randbytes(size[0] * size[1] * 3))
    if mode != "RGB":
        try:
            img = img.convert(mode)
        except (ValueError, OSError):
            try:  # Pillow turns RGB into 16-bit grey only by way of 8-bit grey
                img = img.convert("L").convert(mode)
            except (ValueError, OSError):
                return None
    buffer = io.BytesIO()
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", DeprecationWarning)  # Pillow's IM writer is on its way out
            img.save(buffer, fmt)
    except Exception:  # a mode the format cannot hold, a writer that needs a library: not a case
        return None
    return buffer.getvalue()


_WRITABLE = sorted(f for f in Image.SAVE if _save(f, (8, 8), "RGB", 0) is not None)


def _chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def _png(ihdr: bytes | None = None, idat: bytes | None = None, extra: bytes = b"") -> bytes:
    ihdr = ihdr if ihdr is not None else struct.pack(">IIBBBBB", 4, 4, 8, 2, 0, 0, 0)
    rows = b"".join(b"\0" + b"\x80" * 12 for _ in range(4))
    idat = zlib.compress(rows) if idat is None else idat
    return b"\x89PNG\r\n\x1a\n" + _chunk(b"IHDR", ihdr) + extra + _chunk(b"IDAT", idat) + _chunk(b"IEND", b"")


def _lossless_jpeg() -> bytes:
    """A JPEG whose frame header says lossless (SOF3): the kind no slide application or PDF reader shows."""
    raw = _save("JPEG", (16, 16), "RGB", 1)
    assert raw is not None
    at = raw.index(b"\xff\xc0")
    return raw[:at] + b"\xff\xc3" + raw[at + 2 :]


POSTSCRIPT = b"%!PS-Adobe-3.0 EPSF-3.0\n%%BoundingBox: 0 0 10 10\n(pwned) print flush { } loop\n"

# The damaged pictures issue 20 found passing `recap check`, each with what the error must say.
DAMAGED = {
    "broken zlib": (_png(idat=b"\x78\x9c not zlib at all"), "its PNG data is damaged or cut short"),
    "broken IHDR": (_png(ihdr=struct.pack(">IIBBBBB", 4, 4, 7, 2, 0, 0, 0)), "its PNG data is damaged"),
    "empty IDAT": (_png(idat=b""), "its PNG data is damaged or cut short"),
    "short IDAT": (_png(idat=zlib.compress(b"\0" * 5)), "its PNG data is damaged or cut short"),
    "oversized zTXt": (
        _png(extra=_chunk(b"zTXt", b"k\0\0" + zlib.compress(b"a" * 20_000_000))),
        "holds a text or colour-profile chunk that unpacks to more than recap reads",
    ),
    "oversized iCCP": (
        _png(extra=_chunk(b"iCCP", b"p\0\0" + zlib.compress(b"a" * 20_000_000))),
        "holds a text or colour-profile chunk that unpacks to more than recap reads",
    ),
    "lossless JPEG": (_lossless_jpeg(), "is a lossless, hierarchical or arithmetic-coded JPEG"),
    "10-byte GIF": (b"GIF89a\x04\x00\x04\x00", "its GIF data is damaged or cut short"),
    "PostScript": (POSTSCRIPT, "it is PostScript (which recap never runs)"),
    "binary EPS": (b"\xc5\xd0\xd3\xc6" + bytes(26) + POSTSCRIPT, "it is PostScript (which recap never runs)"),
}

# Words that would mean a message shows Python or Pillow instead of speaking to the user.
_INTERNALS = re.compile(r"0x[0-9a-f]{6,}|<[a-z_.]+ object|Error\b|Exception|PIL|Pillow|ImageReader|plugin|Errno")


def _assert_plain(message: str) -> None:
    assert not _INTERNALS.search(message), message


def _decodes(raw: bytes) -> bool:
    """Whether Pillow, asked for the bytes' own format, decodes every frame (the check's promise, checked apart)."""
    kind = sniff(raw)
    if kind is None:
        return False
    with Image.open(io.BytesIO(raw), formats=[kind]) as img:
        for frame in range(getattr(img, "n_frames", 1)):
            img.seek(frame)
            img.load()
    return True


# -- every format Pillow writes --------------------------------------------------------------------------------


def test_pillow_writes_the_four_formats_and_many_others_here() -> None:
    assert {"PNG", "JPEG", "GIF", "WEBP"} <= set(_WRITABLE)
    assert {"BMP", "TIFF", "EPS", "ICO", "PCX", "TGA"} <= set(_WRITABLE)  # the ones issue 20 found accepted


@_BUDGET
@given(
    fmt=st.sampled_from(_WRITABLE),
    size=st.tuples(st.integers(1, 40), st.integers(1, 40)),
    mode=st.sampled_from(sorted(_MODES)),
    seed=st.integers(0, 2**16),
)
def test_a_picture_in_any_format_pillow_writes_passes_only_as_png_jpeg_gif_or_webp(
    fmt: str, size: tuple[int, int], mode: str, seed: int
) -> None:
    raw = _save(fmt, size, mode, seed)
    if raw is None:
        return
    problem = picture_problem(raw, "p.png")
    if sniff(raw) in FORMATS:
        # JPEG's relatives (MPO) start as a JPEG does and are read as one; every other format is refused.
        assert problem is None or fmt not in FORMATS, (fmt, mode, problem)
    else:
        assert problem is not None and problem[0].startswith("cannot read the image p.png: it is "), (fmt, problem)
        assert problem[1] == "give a whole PNG, JPEG, GIF or WebP file"
    if problem is None:
        assert _decodes(raw)
    else:
        _assert_plain(problem[0])


@_BUDGET
@given(
    fmt=st.sampled_from(["PNG", "JPEG", "GIF", "WEBP"]),
    size=st.tuples(st.integers(1, 48), st.integers(1, 48)),
    seed=st.integers(0, 2**16),
    edits=st.lists(
        st.one_of(
            st.tuples(st.just("cut"), st.floats(0, 1)),
            st.tuples(st.just("flip"), st.floats(0, 1), st.integers(1, 255)),
            st.tuples(st.just("insert"), st.floats(0, 1), st.binary(min_size=1, max_size=16)),
        ),
        min_size=1,
        max_size=3,
    ),
)
def test_whatever_a_damaged_picture_is_check_refuses_it_or_it_decodes(
    fmt: str, size: tuple[int, int], seed: int, edits: list[tuple]
) -> None:
    raw = _save(fmt, size, "RGB", seed)
    assert raw is not None
    data = bytearray(raw)
    for edit in edits:
        at = int(edit[1] * len(data))
        if edit[0] == "cut":
            del data[at:]
        elif edit[0] == "flip" and at < len(data):
            data[at] ^= edit[2]
        elif edit[0] == "insert":
            data[at:at] = edit[2]
    problem = picture_problem(bytes(data), "p.png")
    if problem is None:
        assert _decodes(bytes(data))  # what passes the check decodes in every output
    else:
        _assert_plain(problem[0])


_PNG_KINDS = [(0, 1), (0, 2), (0, 4), (0, 8), (0, 16), (2, 8), (2, 16), (3, 1), (3, 4), (3, 8), (4, 8), (6, 8), (6, 16)]


@_BUDGET
@given(
    kind=st.sampled_from([*_PNG_KINDS, (2, 4), (5, 8), (3, 16)]),  # the last three are not PNG colour/depth pairs
    size=st.tuples(st.integers(1, 24), st.integers(1, 24)),
    filters=st.lists(st.sampled_from([0, 1, 2, 3, 4, 0, 1, 2, 3, 4, 5, 6]), min_size=1, max_size=4),
    seed=st.integers(0, 2**16),
    trim=st.sampled_from([0, 0, 0, -1, 1, -3, 3]),  # rows' bytes short of or past what the header promises
    cut=st.sampled_from([0, 0, 0, 1, 4, 12]),  # bytes cut off the zlib stream
    split=st.integers(1, 4),  # IDAT chunks
    palette=st.booleans(),
)
def test_a_png_recap_judges_without_pillow_decodes_with_pillow(
    kind: tuple[int, int],
    size: tuple[int, int],
    filters: list[int],
    seed: int,
    trim: int,
    cut: int,
    split: int,
    palette: bool,
) -> None:
    from random import Random

    from decks.imageheaders import png_decodes

    colour, depth = kind
    width, height = size
    samples = {0: 1, 2: 3, 3: 1, 4: 2, 6: 4}.get(colour, 1)
    row = (width * samples * depth + 7) // 8
    rng = Random(seed)
    rows = b"".join(bytes([filters[y % len(filters)]]) + rng.randbytes(row) for y in range(height))
    rows = rows[: len(rows) + trim] if trim < 0 else rows + bytes(trim)
    stream = zlib.compress(rows)
    stream = stream[: len(stream) - cut] if cut else stream
    step = max(1, len(stream) // split)
    idat = b"".join(_chunk(b"IDAT", stream[i : i + step]) for i in range(0, len(stream), step)) or _chunk(b"IDAT", b"")
    plte = _chunk(b"PLTE", rng.randbytes(3 * 16)) if palette else b""
    ihdr = _chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, depth, colour, 0, 0, 0))
    raw = b"\x89PNG\r\n\x1a\n" + ihdr + plte + idat + _chunk(b"IEND", b"")
    if png_decodes(raw):
        event("judged without Pillow")
        assert _decodes(raw), (kind, size, filters, trim, cut)
    problem = picture_problem(raw, "p.png")
    if problem is None:
        assert _decodes(raw)
    else:
        _assert_plain(problem[0])


@pytest.mark.parametrize("case", sorted(DAMAGED))
def test_each_damaged_picture_of_issue_20_is_refused_with_what_is_wrong(case: str) -> None:
    raw, expected = DAMAGED[case]
    problem = picture_problem(raw, "p.png")
    assert problem is not None and expected in problem[0], problem
    _assert_plain(problem[0])


# -- through the command line: located errors, exit 1, no process started ---------------------------------------

_SLOTS = {
    "event.logo": ("event:\n  name: E\n  logo: {path}\n", 4, 9),
    "presenter.avatar": ("presenter:\n  name: P\n  avatar: {path}\n", 4, 11),
    "items[0].image.path": ("", 4, 19),
}


def _content(tmp_path: Path, field: str, picture: str) -> Path:
    head, _, _ = _SLOTS[field]
    items = "items:\n  - title: Y\n" + (
        f"    image: {{path: {picture}, alt: A picture}}\n" if field.startswith("items") else ""
    )
    path = tmp_path / "talk.yaml"
    path.write_text("title: X\n" + head.format(path=picture) + items, encoding="utf-8")
    return path


def _check(content: Path, capsys: pytest.CaptureFixture[str]) -> tuple[int, list[str]]:
    code = main(["check", str(content)])
    err = capsys.readouterr().err
    return code, [line for line in err.splitlines() if line.startswith("error:")]


@pytest.fixture
def no_interpreter(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A `gs` first on PATH that leaves a mark when run, and no process started from Python at all."""
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    marker = tmp_path / "gs-ran"
    for name in ("gs", "gswin32c", "gswin64c"):
        script = bin_dir / name
        script.write_text(f"#!/bin/sh\ntouch '{marker}'\n", encoding="utf-8")
        script.chmod(0o755)
    monkeypatch.setenv("PATH", f"{bin_dir}{os.pathsep}{os.environ.get('PATH', '')}")

    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError(f"a process was started: {args!r}")

    monkeypatch.setattr(subprocess, "Popen", refuse)
    return marker


@pytest.mark.parametrize("suffix", [".png", ".eps", ".jpg", ""])
@pytest.mark.parametrize("field", sorted(_SLOTS))
def test_postscript_at_a_picture_path_never_reaches_ghostscript(
    tmp_path: Path, field: str, suffix: str, no_interpreter: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / f"picture{suffix}").write_bytes(POSTSCRIPT)
    content = _content(tmp_path, field, f"picture{suffix}")
    code, errors = _check(content, capsys)
    _, line, col = _SLOTS[field]
    assert code == 1
    assert errors == [
        f"error: {content}:{line}:{col}: {field}: cannot read the image picture{suffix}: it is PostScript "
        "(which recap never runs); give a whole PNG, JPEG, GIF or WebP file"
    ]
    assert not no_interpreter.exists()


def test_an_eps_picture_is_refused_even_when_pillow_would_start_ghostscript(
    tmp_path: Path, no_interpreter: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    raw = _save("EPS", (12, 12), "RGB", 3)
    assert raw is not None and raw.startswith(b"%!PS")
    (tmp_path / "chart.png").write_bytes(raw)
    code, errors = _check(_content(tmp_path, "event.logo", "chart.png"), capsys)
    assert code == 1 and "it is PostScript" in errors[0]
    assert not no_interpreter.exists()


@pytest.mark.parametrize("case", sorted(DAMAGED))
def test_a_damaged_picture_is_a_located_error_at_check_time(
    tmp_path: Path, case: str, no_interpreter: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    raw, expected = DAMAGED[case]
    (tmp_path / "p.png").write_bytes(raw)
    content = _content(tmp_path, "items[0].image.path", "p.png")
    code, errors = _check(content, capsys)
    assert code == 1
    assert len(errors) == 1 and errors[0].startswith(f"error: {content}:4:19: items[0].image.path: ")
    assert expected in errors[0]
    _assert_plain(errors[0])
    assert not no_interpreter.exists()


def _loop(tmp_path: Path) -> str:
    (tmp_path / "a.png").symlink_to(tmp_path / "b.png")
    (tmp_path / "b.png").symlink_to(tmp_path / "a.png")
    return "a.png"


def _folder(tmp_path: Path) -> str:
    (tmp_path / "pics.png").mkdir()
    return "pics.png"


def _fifo(tmp_path: Path) -> str:
    os.mkfifo(tmp_path / "pipe.png")
    return "pipe.png"


def _device(tmp_path: Path) -> str:
    (tmp_path / "zero.png").symlink_to("/dev/zero")
    return "zero.png"


def _long_name(tmp_path: Path) -> str:
    return "x" * 300 + ".png"


def _through_a_file(tmp_path: Path) -> str:
    (tmp_path / "file").write_bytes(b"x")
    return "file/p.png"


def _dangling(tmp_path: Path) -> str:
    (tmp_path / "gone.png").symlink_to(tmp_path / "nowhere.png")
    return "gone.png"


_PATHS = {
    "a symlink loop": (_loop, "the path is a loop of symbolic links; point it at the file itself"),
    "a folder": (_folder, "this is a folder; give a PNG, JPEG, GIF or WebP file"),
    "a FIFO": (_fifo, "this is a pipe (FIFO), not a regular file"),
    "/dev/zero": (_device, "this is a device or socket, not a regular file"),
    "a name too long": (_long_name, "the file name is too long for the file system"),
    "a path through a file": (_through_a_file, "image not found"),
    "a dangling symlink": (_dangling, "image not found"),
}


@pytest.mark.parametrize("case", sorted(_PATHS))
@pytest.mark.parametrize("field", sorted(_SLOTS))
def test_every_file_system_error_of_a_picture_path_is_a_located_error(
    tmp_path: Path, case: str, field: str, capsys: pytest.CaptureFixture[str]
) -> None:
    make, expected = _PATHS[case]
    content = _content(tmp_path, field, make(tmp_path))
    code, errors = _check(content, capsys)
    _, line, col = _SLOTS[field]
    assert code == 1, errors
    assert len(errors) == 1 and errors[0].startswith(f"error: {content}:{line}:{col}: {field}: "), errors
    assert expected in errors[0]
    _assert_plain(errors[0])


def test_read_picture_names_the_file_and_never_follows_a_loop(tmp_path: Path) -> None:
    name = _loop(tmp_path)
    with pytest.raises(ContentError) as caught:
        read_picture(tmp_path / name)
    (problem,) = caught.value.problems
    assert problem.file == str(tmp_path / name) and "loop of symbolic links" in problem.message


# -- what passes the check renders: the renderers read the same checked bytes -----------------------------------


@_BUDGET
@given(
    fmt=st.sampled_from(["PNG", "JPEG", "GIF", "WEBP"]),
    size=st.tuples(st.integers(1, 64), st.integers(1, 64)),
    mode=st.sampled_from(sorted(_MODES)),
    seed=st.integers(0, 2**16),
    cut=st.integers(0, 64),
    shown=st.sampled_from([2.0, 100.0]),  # points: smaller than the picture (shrunk), or larger (kept)
)
def test_every_picture_check_passes_goes_into_a_deck_a_page_and_a_pdf(
    tmp_path_factory: pytest.TempPathFactory,
    fmt: str,
    size: tuple[int, int],
    mode: str,
    seed: int,
    cut: int,
    shown: float,
) -> None:
    from reportlab.pdfgen.canvas import Canvas

    from decks.renderers.html import data_uri
    from decks.renderers.pptx.images import prepare
    from decks.renderers.slides import _image

    raw = _save(fmt, size, mode, seed)
    if raw is None:
        return
    raw = raw[: len(raw) - cut] if cut else raw
    path = tmp_path_factory.mktemp("pic") / "p.png"
    path.write_bytes(raw)
    if picture_problem(raw, "p.png") is not None:
        with pytest.raises(ContentError):  # a renderer given a file that changed since the check says so
            prepare(path, (shown, shown))
        return
    data, ext = prepare(path, (shown, shown))
    assert picture_problem(data) is None and ext in ("png", "jpg", "gif")
    assert data_uri(path).startswith("data:image/")
    Canvas(io.BytesIO()).drawImage(_image(path), 0, 0, shown, shown, mask="auto")


def test_a_renderer_refuses_a_picture_swapped_for_postscript_after_the_check(
    tmp_path: Path, no_interpreter: Path
) -> None:
    from decks.renderers.html import data_uri
    from decks.renderers.pptx.images import prepare
    from decks.renderers.slides import _image

    path = tmp_path / "p.png"
    path.write_bytes(POSTSCRIPT)
    for render in (lambda: prepare(path, (10.0, 10.0)), lambda: data_uri(path), lambda: _image(path)):
        with pytest.raises(ContentError) as caught:
            render()
        assert "PostScript" in caught.value.problems[0].message
    assert not no_interpreter.exists()


def test_the_fifo_and_device_cases_do_not_hang(tmp_path: Path) -> None:
    # Each case above returns at once; this guards the premise (a FIFO opened to read would block forever).
    fifo = tmp_path / _fifo(tmp_path)
    assert stat.S_ISFIFO(os.stat(fifo).st_mode)
    with pytest.raises(ContentError):
        read_picture(fifo)


def _animation(fmt: str, frames: int, size: tuple[int, int] = (2, 2)) -> bytes:
    images = [Image.new("RGB", size, (i % 256, 40, 90)) for i in range(frames)]
    buffer = io.BytesIO()
    images[0].save(buffer, fmt, save_all=True, append_images=images[1:], duration=40)
    return buffer.getvalue()


@pytest.mark.parametrize("fmt", ["GIF", "WEBP"])
def test_an_animation_is_decoded_frame_by_frame(fmt: str) -> None:
    raw = _animation(fmt, 30, (16, 9))
    assert picture_problem(raw, "a.gif") is None
    cut = picture_problem(raw[: len(raw) * 3 // 4], "a.gif")
    assert cut is not None and "damaged or cut short" in cut[0]  # a frame near the end is damaged


def test_an_animation_of_too_many_tiny_frames_is_refused_in_bounded_time() -> None:
    import time

    raw = _animation("GIF", 5_000)  # a few hundred kilobytes; a 50 MB file could hold millions of such frames
    started = time.perf_counter()
    problem = picture_problem(raw, "a.gif")
    assert time.perf_counter() - started < 5
    assert problem is not None and problem[0].startswith("a.gif is an animation of more than 2,000 frames")
