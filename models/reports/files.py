"""Writing a report file whole or not at all (the brief: nothing half-written).

A workbook is saved to a temporary file beside its target and moved over it in one
step, so a full disk, a dropped share or a crash halfway leaves the earlier file (or
none) — never a truncated .xlsx that Excel refuses — and a reader watching the path
never sees one being written.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Callable
from pathlib import Path


def write_whole(path: str | os.PathLike[str], write: Callable[[Path], object]) -> Path:
    """``write(tmp)`` a temporary file in ``path``'s folder, then move it to ``path``."""
    out = Path(path)
    out.parent.mkdir(parents=True, exist_ok=True)
    fd, name = tempfile.mkstemp(prefix=f".{out.stem}-", suffix=out.suffix, dir=out.parent)
    os.close(fd)
    tmp = Path(name)
    try:
        write(tmp)
        os.replace(tmp, out)
    except BaseException:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise
    return out


def save_workbook(wb: object, path: str | os.PathLike[str]) -> Path:
    """An openpyxl workbook to ``path``, whole or not at all."""
    return write_whole(path, lambda tmp: wb.save(str(tmp)))  # type: ignore[attr-defined]


__all__ = ["save_workbook", "write_whole"]
