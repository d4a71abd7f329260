"""Deterministic package bytes: re-zip a saved .pptx with fixed entry dates, in the order it was written."""

from __future__ import annotations

import io
import zipfile

FIXED_ZIP_DATE = (2019, 1, 1, 0, 0, 0)


def normalize_zip(data: bytes) -> bytes:
    """`data` re-zipped entry by entry with one fixed timestamp, so two saves of the same deck match."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=FIXED_ZIP_DATE)
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = 0o644 << 16
            dst.writestr(fixed, src.read(info.filename))
    return out.getvalue()
