"""Draws Seatwatch's application icon (issue #19) and writes the files the window,
the taskbar, the installer and the shortcuts use:

- ``seatwatch.ico``: 16 … 256 px, each a PNG inside the ICO (Windows Vista and later
  read those), for the frozen programs and the NSIS installer;
- ``seatwatch-<n>.png``: what Qt's window icon is built from.

Run by hand after changing the drawing (``python resources/icons/make_icons.py``);
the files are committed, so neither the build nor the program draws them. The
drawing uses paths only (no font), so it looks the same on every machine.
"""

from __future__ import annotations

import struct
import sys
from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QPointF, QRectF, Qt
from PySide6.QtGui import (
    QBrush,
    QColor,
    QGuiApplication,
    QImage,
    QLinearGradient,
    QPainter,
    QPainterPath,
    QPen,
)

SIZES = (16, 24, 32, 48, 64, 128, 256)
HERE = Path(__file__).resolve().parent


def draw(size: int) -> QImage:
    """A headset (the agent's) over a deep blue tile, with a green "live" dot: the
    floor being watched. Drawn on a 256 grid and scaled."""
    img = QImage(size, size, QImage.Format.Format_ARGB32)
    img.fill(Qt.GlobalColor.transparent)
    p = QPainter(img)
    p.setRenderHint(QPainter.RenderHint.Antialiasing)
    p.scale(size / 256, size / 256)
    grad = QLinearGradient(0, 0, 0, 256)
    grad.setColorAt(0, QColor("#1e6fd0"))
    grad.setColorAt(1, QColor("#0d3f8f"))
    tile = QPainterPath()
    tile.addRoundedRect(QRectF(8, 8, 240, 240), 48, 48)
    p.fillPath(tile, QBrush(grad))
    white = QColor("#ffffff")
    # small sizes: thicker strokes, or the band disappears
    band = 22 if size >= 48 else 30
    pen = QPen(white, band, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap)
    p.setPen(pen)
    p.setBrush(Qt.BrushStyle.NoBrush)
    p.drawArc(QRectF(56, 48, 144, 144), 0 * 16, 180 * 16)  # the head band
    p.setPen(Qt.PenStyle.NoPen)
    p.setBrush(white)
    p.drawRoundedRect(QRectF(40, 110, 48, 72), 16, 16)  # ear cups
    p.drawRoundedRect(QRectF(168, 110, 48, 72), 16, 16)
    if size >= 32:  # the microphone's boom, lost at 16/24 px
        boom = QPainterPath(QPointF(192, 178))
        boom.cubicTo(QPointF(192, 214), QPointF(160, 214), QPointF(132, 214))
        p.setPen(QPen(white, 14, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap))
        p.drawPath(boom)
        p.setPen(Qt.PenStyle.NoPen)
        p.drawEllipse(QPointF(124, 214), 14, 14)
    # the live dot, ringed in the tile's colour so it reads on the cup
    p.setBrush(QColor("#0d3f8f"))
    p.drawEllipse(QPointF(196, 196), 44, 44)
    p.setBrush(QColor("#3ccf6b"))
    p.drawEllipse(QPointF(196, 196), 32, 32)
    p.end()
    return img


def png_bytes(img: QImage) -> bytes:
    data = QByteArray()
    buf = QBuffer(data)
    buf.open(QIODevice.OpenModeFlag.WriteOnly)
    img.save(buf, "PNG")
    buf.close()
    return bytes(data.data())


def ico(images: list[tuple[int, bytes]]) -> bytes:
    """An ICO whose entries are PNGs (the format's header, directory, then data)."""
    head = struct.pack("<HHH", 0, 1, len(images))
    offset = 6 + 16 * len(images)
    entries, blobs = b"", b""
    for size, data in images:
        dim = 0 if size >= 256 else size  # 0 means 256
        entries += struct.pack("<BBBBHHII", dim, dim, 0, 0, 1, 32, len(data), offset)
        blobs += data
        offset += len(data)
    return head + entries + blobs


def main() -> int:
    _app = QGuiApplication(sys.argv[:1])
    images = [(s, png_bytes(draw(s))) for s in SIZES]
    for s, data in images:
        (HERE / f"seatwatch-{s}.png").write_bytes(data)
    (HERE / "seatwatch.ico").write_bytes(ico(images))
    print(f"wrote {len(images)} PNGs and seatwatch.ico to {HERE}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
