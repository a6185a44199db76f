"""How fast this machine is, for reading one day's benchmark figures beside another's.

The machines these benchmarks run on differ from day to day: the same commit's
console measured 2.6–3.7 times the CPU on one day as on the day before (issue #20).
Each benchmark prints these two fixed workloads first, so a figure can be compared
with an earlier one taken on another machine:

- python: ``sum(i * i for i in range(1_000_000))``, the interpreter alone;
- text: 250 times a five-character time ("12:34") drawn at 40 px into a 3840×2160
  image, the wall's agent squares' text, with Qt's raster engine (needs a
  QGuiApplication).

Best of three each, in milliseconds.
"""

from __future__ import annotations

import time


def python_ms() -> float:
    best = float("inf")
    for _ in range(3):
        t0 = time.perf_counter()
        sum(i * i for i in range(1_000_000))
        best = min(best, time.perf_counter() - t0)
    return best * 1000.0


def text_ms() -> float:
    from PySide6.QtCore import QRectF, Qt
    from PySide6.QtGui import QColor, QFont, QImage, QPainter

    img = QImage(3840, 2160, QImage.Format.Format_ARGB32_Premultiplied)
    font = QFont()
    font.setPixelSize(40)
    font.setBold(True)
    best = float("inf")
    for _ in range(3):
        img.fill(QColor("#101418"))
        p = QPainter(img)
        p.setFont(font)
        p.setPen(QColor("#ffffff"))
        t0 = time.perf_counter()
        for i in range(250):
            x, y = (i % 25) * 150.0, (i // 25) * 200.0
            p.drawText(QRectF(x, y, 150.0, 60.0), int(Qt.AlignmentFlag.AlignCenter),
                       f"{i % 60:02d}:{(i * 7) % 60:02d}")
        best = min(best, time.perf_counter() - t0)
        p.end()
    return best * 1000.0


def line(with_text: bool = True) -> str:
    """The line a benchmark prints: ``machine: python … ms, text … ms``."""
    out = f"machine speed (lower is faster): python {python_ms():.0f} ms"
    if with_text:
        out += f", 250 texts on a 4K image {text_ms():.1f} ms"
    return out + " (tests/perf/machine.py)"
