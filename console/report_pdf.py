"""A scheduled report's PDF (R-REPORT-1, issue #18): the report's HTML
(:mod:`models.reports.ops_html`) laid out by Qt's QTextDocument onto a QPdfWriter,
A4 portrait, with a CJK font (reportlab cannot embed Noto CJK's CFF outlines; Qt can).

QTextDocument needs a QGuiApplication, which the floor host (``seatwatch service``,
headless, jobs on worker threads) does not have and must not create on a job's
thread. So the layout runs in a child process (``python -m console.report_pdf``):
HTML on stdin, PDF on stdout, the offscreen platform, nothing shared with the host —
about a second per report, a report a day. The console's own ``models`` stay free of
Qt (the layer rule).
"""

from __future__ import annotations

import os
import subprocess
import sys

from models.domain.report import ReportError
from models.domain.texts import QT_TRANSLATE_NOOP

#: a report's layout takes about a second; a child that hangs is killed after this
TIMEOUT_S = 120.0
#: CJK fonts to ask for, first found wins (a Windows PC has Microsoft YaHei)
FONTS = ("Noto Sans CJK SC", "Source Han Sans SC", "Microsoft YaHei", "SimSun",
         "WenQuanYi Zen Hei")


def render(html: str) -> bytes:
    """``html`` as PDF bytes, laid out in a child process."""
    env = dict(os.environ)
    if sys.platform != "win32":
        # no display needed; on Windows the native platform lays out without a window
        # and knows the system's fonts (offscreen there would find none: not checked)
        env["QT_QPA_PLATFORM"] = "offscreen"
    try:
        res = subprocess.run([sys.executable, "-m", "console.report_pdf"],
                             input=html.encode("utf-8"), capture_output=True,
                             timeout=TIMEOUT_S, env=env, check=False)
    except subprocess.TimeoutExpired:
        raise ReportError(QT_TRANSLATE_NOOP("Reports", "the PDF took more than {s} s to lay "
                                                       "out").format(s=int(TIMEOUT_S))) from None
    if res.returncode != 0 or not res.stdout.startswith(b"%PDF"):
        err = res.stderr.decode("utf-8", "replace").strip().splitlines()
        raise ReportError(QT_TRANSLATE_NOOP("Reports", "the PDF could not be made: {why}")
                          .format(why=err[-1] if err else f"exit {res.returncode}"))
    return res.stdout


def _layout(html: str) -> bytes:
    """In the child: lay ``html`` out on A4 pages and return the PDF."""
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QMarginsF, QRectF, QSizeF
    from PySide6.QtGui import (
        QFont,
        QFontDatabase,
        QGuiApplication,
        QPageLayout,
        QPageSize,
        QPainter,
        QPdfWriter,
        QTextDocument,
    )

    app = QGuiApplication.instance() or QGuiApplication([sys.argv[0]])
    families = set(QFontDatabase.families())
    family = next((f for f in FONTS if f in families), None)
    data = QByteArray()
    buf = QBuffer(data)
    buf.open(QIODevice.OpenModeFlag.WriteOnly)
    writer = QPdfWriter(buf)
    writer.setTitle("Seatwatch report")
    writer.setCreator("Seatwatch")
    writer.setResolution(300)
    writer.setPageLayout(QPageLayout(QPageSize(QPageSize.PageSizeId.A4),
                                     QPageLayout.Orientation.Portrait,
                                     QMarginsF(15, 15, 15, 15), QPageLayout.Unit.Millimeter))
    doc = QTextDocument()
    if family is not None:
        doc.setDefaultFont(QFont(family, 9))
    doc.setHtml(html)
    rect = writer.pageLayout().paintRectPixels(writer.resolution())
    # lay out at 96 dpi (the HTML's point sizes), paint scaled to the writer's
    scale = writer.resolution() / 96.0
    doc.setPageSize(QSizeF(rect.width() / scale, rect.height() / scale))
    painter = QPainter(writer)
    painter.scale(scale, scale)
    page_h = rect.height() / scale
    pages = doc.pageCount()
    for i in range(pages):
        if i:
            writer.newPage()
        painter.save()
        painter.translate(0, -i * page_h)
        doc.drawContents(painter, QRectF(0, i * page_h, rect.width() / scale, page_h))
        painter.restore()
    painter.end()
    buf.close()
    del app
    return bytes(data.data())


def main() -> int:
    html = sys.stdin.buffer.read().decode("utf-8")
    sys.stdout.buffer.write(_layout(html))
    sys.stdout.buffer.flush()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
