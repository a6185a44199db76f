"""The one PDF engine of Seatwatch: an HTML document laid out by Qt's
:class:`QTextDocument` and painted onto A4 pages of a :class:`QPdfWriter`, with a
CJK font, a page footer, and a text layer that reads back (issue #18).

The meeting minutes (:mod:`views.minutes_pdf`), the scheduled reports
(:mod:`console.report_pdf`) and the assessment sheets (月度考核表 / 年度考核汇总表)
all print through :func:`print_html`.

Pagination is ours, not QTextDocument's: Qt breaks a table row across pages when
any one of its cells still has a line that fits (qtextdocumentlayout.cpp
``dropRowToNextPage``), so a sheet row with five deductions would start on one page
and end on the next — a filed paper form never does that. The document is laid out
as one long page, then cut only between table rows and between lines of text; a
table running over a cut has its header rows (``<thead>``) drawn again at the top
of the next page.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QMarginsF, QRectF, Qt
from PySide6.QtGui import (
    QFont,
    QPageLayout,
    QPageSize,
    QPainter,
    QPdfWriter,
    QRawFont,
    QTextCursor,
    QTextDocument,
    QTextTable,
)

RESOLUTION = 300  # dpi
MARGIN_MM = 15.0
FONT_FAMILIES = ["Noto Sans CJK SC", "Source Han Sans SC", "WenQuanYi Micro Hei",
                 "WenQuanYi Zen Hei", "Microsoft YaHei", "PingFang SC", "SimSun",
                 "sans-serif"]
FOOTER_MM = 8.0  # the strip under the text for the page footer
#: drawn past the right edge, in the writer's dots: a full-width table's right border sits
#: on it (never past a cut: a clipped glyph would still be in the text layer)
EDGE = 4


def mm(x: float) -> int:
    """Millimetres in the writer's pixels (the page, the footer)."""
    return round(x / 25.4 * RESOLUTION)


def px(x: float) -> int:
    """Millimetres as HTML "px": Qt's text layout takes those as 1/96 inch whatever the
    device, and scales them to the writer's dots itself."""
    return max(1, round(x / 25.4 * 96))


def font(pt: float) -> QFont:
    f = QFont()
    f.setFamilies(FONT_FAMILIES)
    f.setPointSizeF(pt)
    # Noto Sans CJK's 'locl' swaps Latin digits for glyphs outside its cmap when the
    # process language is not Chinese (C locale): printed fine, but Qt's ToUnicode
    # map has no entry for them and the digits vanish from copied or searched text.
    # The faces named are the Chinese ones already, so nothing needs localising.
    f.setFeature(QFont.Tag("locl"), 0)
    return f


@dataclass(frozen=True, slots=True)
class Footer:
    """The strip at the bottom of each page: ``left`` and the page's number, made by
    ``pages(n, m)`` ("第 n 页 共 m 页", "Page n of m")."""

    left: str
    pages: Callable[[int, int], str]


# ---- cutting the long page -------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Band:
    """A vertical stretch of the laid-out document no cut may go through."""

    top: float
    bottom: float


def _bands(doc: QTextDocument) -> tuple[list[_Band], list[tuple[float, float, _Band]]]:
    """What must stay whole: each line of text outside tables, each table row (all its
    cells). And for each table with header rows: (top, bottom, header band)."""
    lay = doc.documentLayout()
    rows: dict[tuple[int, int], list[float]] = {}
    tables: dict[int, QTextTable] = {}
    bands: list[_Band] = []
    block = doc.begin()
    while block.isValid():
        r = lay.blockBoundingRect(block)
        table = QTextCursor(block).currentTable()
        if table is not None:
            cell = table.cellAt(block.position())
            key = (id(table), cell.row())
            tables[id(table)] = table
            got = rows.setdefault(key, [r.top(), r.bottom()])
            got[0], got[1] = min(got[0], r.top()), max(got[1], r.bottom())
        else:
            tl = block.layout()
            for i in range(tl.lineCount()):
                line = tl.lineAt(i).rect()
                bands.append(_Band(r.top() + line.top(), r.top() + line.bottom()))
        block = block.next()
    heads: list[tuple[float, float, _Band]] = []
    for tid, table in tables.items():
        fmt = table.format()
        pad = fmt.cellPadding() + fmt.border()
        n_rows = table.rows()
        spans = {row: rows[(tid, row)] for row in range(n_rows) if (tid, row) in rows}
        order = sorted(spans)
        # a row reaches halfway to its neighbours' text: the rule between two rows is
        # where a page is cut, and neighbouring bands touch without overlapping
        for k, row in enumerate(order):
            top, bottom = spans[row]
            above = (spans[order[k - 1]][1] + top) / 2 if k else top - pad
            below = (bottom + spans[order[k + 1]][0]) / 2 if k + 1 < len(order) else bottom + pad
            bands.append(_Band(above, below))
        frame = lay.frameBoundingRect(table)
        h = fmt.headerRowCount()
        if h > 0 and all(i in spans for i in range(h)):
            heads.append((frame.top(), frame.bottom(),
                          _Band(frame.top(), spans[h - 1][1] + pad)))
    return bands, heads


def _cut(limit: float, bands: list[_Band]) -> float:
    """The lowest y at or above ``limit`` that no band straddles."""
    y = limit
    moved = True
    while moved:
        moved = False
        for b in bands:
            if b.top < y < b.bottom:
                y = b.top
                moved = True
    return y


def _pages(doc: QTextDocument, page_h: float) -> list[tuple[float, float, _Band | None]]:
    """The pages as (from, to, header to draw first) in document coordinates."""
    bands, heads = _bands(doc)
    end = doc.size().height()
    out: list[tuple[float, float, _Band | None]] = []
    y = 0.0
    head: _Band | None = None
    while y < end - 0.5:
        room = page_h - (head.bottom - head.top if head else 0.0)
        to = _cut(y + room, bands) if y + room < end else end
        if to <= y + 1:  # one band taller than a page: cut through it
            to = y + room
        out.append((y, to, head))
        y = to
        head = next((hb for top, bottom, hb in heads if top < y < bottom and y > hb.bottom),
                    None)
    return out or [(0.0, 0.0, None)]


# ---- the PDF's text layer ------------------------------------------------------------------
#
# Qt writes each embedded font's ToUnicode map by asking, for every code point from
# U+0000 up, which glyph it maps to, and keeps the first (lowest) one per glyph. CJK
# fonts (Noto Sans CJK, Meiryo, …) give a radical and the ideograph it looks like the
# same glyph, and the radicals (U+2E80 … U+2FDF) come first: "白班" prints right but
# copies, searches and extracts as "⽩班". The maps are uncompressed text, so each
# radical is put back to the ideograph the document drew with that glyph — four hex
# digits for four, the file's offsets unchanged.

_RADICALS = range(0x2E80, 0x2FE0)
_CMAP = re.compile(rb"begincmap\n.*?endcmap", re.S)
_HEX = re.compile(rb"<([0-9A-Fa-f]+)>")


def _radical_fixes(radicals: Iterable[int], text: str, fonts: Iterable[QFont]) -> dict[int, int]:
    """radical code point -> the ideograph of ``text`` drawn with the same glyph (or
    the radical's compatibility equivalent, NFKC, when the text has none)."""
    raws = [QRawFont.fromFont(f) for f in fonts]
    chars = sorted({c for c in text if ord(c) >= 0x3400 and ord(c) not in _RADICALS})
    out: dict[int, int] = {}
    for r in radicals:
        for raw in raws:
            g = raw.glyphIndexesForString(chr(r))
            if not g or not g[0]:
                continue
            same = [c for c in chars if raw.glyphIndexesForString(c)[:1] == [g[0]]]
            if same:
                out[r] = ord(same[0])
                break
        else:
            nfkc = unicodedata.normalize("NFKC", chr(r))
            if len(nfkc) == 1 and nfkc != chr(r):
                out[r] = ord(nfkc)
    return out


def fix_to_unicode(pdf: bytes, text: str, fonts: Iterable[QFont]) -> bytes:
    """``pdf`` with the radicals of its ToUnicode maps put back to ideographs (see
    above); same length, so the cross-reference table stays valid."""
    found: set[int] = set()
    targets: list[tuple[int, int]] = []  # (offset of the 4 hex digits, code point)
    for m in _CMAP.finditer(pdf):
        skip = 0  # the source codes leading each line of a bfrange (2) / bfchar (1)
        pos = m.start()
        for line in m.group().split(b"\n"):
            word = line.strip()
            if word.endswith(b"beginbfrange"):
                skip = 2
            elif word.endswith(b"beginbfchar"):
                skip = 1
            elif word.startswith(b"endbf"):
                skip = 0
            elif skip:
                for i, h in enumerate(_HEX.finditer(line)):
                    if i >= skip and len(h.group(1)) == 4:
                        cp = int(h.group(1), 16)
                        if cp in _RADICALS:
                            found.add(cp)
                            targets.append((pos + h.start(1), cp))
            pos += len(line) + 1
    if not targets:
        return pdf
    fixes = _radical_fixes(sorted(found), text, fonts)
    buf = bytearray(pdf)
    for at, cp in targets:
        if cp in fixes:
            buf[at:at + 4] = b"%04X" % fixes[cp]
    return bytes(buf)


# ---- printing --------------------------------------------------------------------------------


def print_html(html: str, *, title: str, landscape: bool = False, font_pt: float = 10.5,
               footer: Footer | None = None) -> tuple[bytes, int]:
    """``html`` on A4 pages (15 mm margins): the PDF's bytes and its number of pages.
    Needs a QGuiApplication (fonts); paints nothing on screen, so any thread's fine
    for Qt, but the callers keep it off the GUI thread or in a child process."""
    data = QByteArray()
    buf = QBuffer(data)
    buf.open(QIODevice.OpenModeFlag.WriteOnly)
    writer = QPdfWriter(buf)
    writer.setResolution(RESOLUTION)
    orient = (QPageLayout.Orientation.Landscape if landscape
              else QPageLayout.Orientation.Portrait)
    writer.setPageLayout(QPageLayout(
        QPageSize(QPageSize.PageSizeId.A4), orient,
        QMarginsF(MARGIN_MM, MARGIN_MM, MARGIN_MM, MARGIN_MM), QPageLayout.Unit.Millimeter))
    writer.setTitle(title)
    writer.setCreator("Seatwatch")

    doc = QTextDocument()
    # laid out on the writer: points and fonts at its 300 dpi
    doc.documentLayout().setPaintDevice(writer)
    doc.setDefaultFont(font(font_pt))
    doc.setDocumentMargin(0)
    doc.setHtml(html)
    body = writer.pageLayout().paintRectPixels(RESOLUTION)
    footer_h = mm(FOOTER_MM) if footer is not None else 0
    width, page_h = float(body.width()), float(body.height() - footer_h)
    doc.setTextWidth(width)  # one long page: the cuts are ours (see the module's note)
    pages = _pages(doc, page_h)

    small = font(8)
    footers: list[str] = []
    painter = QPainter()
    if not painter.begin(writer):
        raise OSError("cannot start the PDF")
    try:
        for i, (top, bottom, head) in enumerate(pages):
            if i:
                writer.newPage()
            shift = 0.0
            if head is not None:
                painter.save()
                painter.translate(0, -head.top)
                doc.drawContents(painter, QRectF(0, head.top, width + EDGE, head.bottom - head.top))
                painter.restore()
                shift = head.bottom - head.top
            painter.save()
            painter.translate(0, shift - top)
            doc.drawContents(painter, QRectF(0, top, width + EDGE, bottom - top))
            painter.restore()
            if footer is not None:
                painter.setFont(small)
                strip = QRectF(0, page_h, width, footer_h)
                painter.drawText(strip, int(Qt.AlignmentFlag.AlignLeft
                                            | Qt.AlignmentFlag.AlignBottom), footer.left)
                footers.append(footer.pages(i + 1, len(pages)))
                painter.drawText(strip, int(Qt.AlignmentFlag.AlignRight
                                            | Qt.AlignmentFlag.AlignBottom), footers[-1])
    finally:
        painter.end()
    buf.close()
    bold = font(font_pt)
    bold.setBold(True)
    drawn = "\n".join((doc.toPlainText(), title, footer.left if footer else "", *footers))
    return fix_to_unicode(bytes(data.data()), drawn, (font(font_pt), bold)), len(pages)


__all__ = ["FONT_FAMILIES", "Footer", "fix_to_unicode", "font", "mm", "print_html", "px"]
