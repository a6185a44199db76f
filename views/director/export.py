"""The visible page's chart as a PNG (issue #17): the widget as drawn on screen,
at its size (what the director sees is what goes into the report)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QWidget

from models.reports.files import write_whole


def save_png(widget: QWidget, path: str | Path) -> Path:
    """``widget`` as drawn now to ``path``; OSError when it cannot be written."""
    out = Path(path)
    if out.suffix.lower() != ".png":
        out = out.with_suffix(".png")
    pix = widget.grab()
    if pix.isNull():
        raise OSError(f"cannot write {out}")

    def write(tmp: Path) -> None:
        if not pix.save(str(tmp), "PNG"):
            raise OSError(f"cannot write {out}")

    return write_whole(out, write)  # whole or not at all
