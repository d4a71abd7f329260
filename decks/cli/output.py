"""Writing output files safely: a temporary file beside the target, then an atomic rename."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from decks.errors import OutputError, Problem


def write_atomic(target: Path, data: bytes) -> None:
    """Write `data` to `target` so that a failure leaves the previous file (if any) untouched."""
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    except OSError as exc:  # the folder cannot be made (a file is in the way) or written to
        raise OutputError(
            [Problem(str(target), f"cannot write it ({exc.strerror})", "choose another place with -o")]
        ) from None
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, 0o644)
        os.replace(tmp, target)
    except OSError as exc:
        Path(tmp).unlink(missing_ok=True)
        raise OutputError(
            [Problem(str(target), f"cannot write it ({exc.strerror})", "choose another place with -o")]
        ) from None
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def output_path(content: Path, suffix: str, given: Path | None) -> Path:
    """Where to write: `given`, or `<content stem><suffix>` in the current folder; never the content file."""
    target = (
        given if given is not None else Path.cwd() / (content.name.removesuffix(".yaml").removesuffix(".yml") + suffix)
    )
    if target.is_dir():
        target = target / (content.stem + suffix)
    if target.suffix.lower() != suffix:
        raise OutputError(
            [Problem(str(target), f"the output must end in {suffix}", f"name it like {target.stem}{suffix}")]
        )
    if target.exists() and content.exists() and target.resolve() == content.resolve():
        raise OutputError([Problem(str(target), "that is the content file itself", "choose another output name")])
    return target
