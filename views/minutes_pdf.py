"""The morning meeting's minutes (早会记录, DOMAIN §5) as a printable A4 PDF.

The minutes become an HTML document for :class:`QTextDocument` (every user text
escaped, so ``<b>`` or ``&`` in a note prints as typed) laid out on the page of a
:class:`QPdfWriter` at 300 dpi with 15 mm margins, the bottom strip of each page
keeping the meeting and "page n of m". The parts, in order: title, date, shift
and chair; the five agenda sections of R-MEET-2 (一 … 五); the notices (those
put on the wall marked); the quality-inspection problems; the spot quiz with its
count of wrong answers (R-MEET-4); who attended, late or not, with totals
(R-MEET-3); who recorded the minutes and when.

Fixed texts go through Qt's translation (context "MinutesPdf"); the agenda's
titles come from :data:`AGENDA` in the same language. No database here: the
console hands over the :class:`Minutes` value.
"""

from __future__ import annotations

import html
import re
import unicodedata
from collections.abc import Iterable
from datetime import datetime, tzinfo
from pathlib import Path
from zoneinfo import ZoneInfo

from PySide6.QtCore import QCoreApplication, QMarginsF, QRectF, QSizeF, Qt
from PySide6.QtGui import (
    QFont,
    QPageLayout,
    QPageSize,
    QPainter,
    QPdfWriter,
    QRawFont,
    QTextDocument,
)

from models.domain.meeting import AGENDA, Attendee, MeetingPresence, Minutes

#: the floor's time zone for the save time (the default policy's)
DEFAULT_TZ = ZoneInfo("Asia/Shanghai")
RESOLUTION = 300  # dpi
MARGIN_MM = 15.0
FONT_FAMILIES = ["Noto Sans CJK SC", "Source Han Sans SC", "WenQuanYi Micro Hei",
                 "Microsoft YaHei", "PingFang SC", "SimSun", "sans-serif"]
FONT_PT = 10.5
FOOTER_MM = 8.0  # the strip under the text for the page footer
#: between the items of the heading line and of the closing line
GAP = "&nbsp;" * 6
ZH_NUMERALS = ("一", "二", "三", "四", "五", "六", "七", "八", "九", "十")


def _mm(mm: float) -> int:
    """Millimetres in the writer's pixels (the page, the footer)."""
    return round(mm / 25.4 * RESOLUTION)


def _px(mm: float) -> int:
    """Millimetres as HTML "px": Qt's text layout takes those as 1/96 inch whatever the
    device, and scales them to the writer's dots itself."""
    return max(1, round(mm / 25.4 * 96))


def _e(text: str) -> str:
    """User text for the HTML: escaped, line breaks kept."""
    return html.escape(text, quote=True).replace("\r\n", "\n").replace("\n", "<br/>")


def is_chinese() -> bool:
    """Whether the installed translation is Chinese (the fixed texts come out Chinese)."""
    src = "Morning meeting minutes"
    return QCoreApplication.translate("MinutesPdf", "Morning meeting minutes") != src


def _presence(a: Attendee) -> str:
    if a.presence is MeetingPresence.LATE:
        return QCoreApplication.translate("MinutesPdf", "Late {min} min").format(min=a.late_min)
    if a.presence is MeetingPresence.ABSENT:
        return QCoreApplication.translate("MinutesPdf", "Absent")
    return QCoreApplication.translate("MinutesPdf", "Present")


def _fmt_time(t: datetime, tz: tzinfo) -> str:
    if t.tzinfo is not None:
        t = t.astimezone(tz)
    return t.strftime("%Y-%m-%d %H:%M")


def minutes_html(minutes: Minutes, *, lang: str | None = None, tz: tzinfo = DEFAULT_TZ) -> str:
    """The document :func:`write_minutes_pdf` prints. ``lang`` ("zh_CN" or "en")
    picks the agenda titles and section numbers; None follows the installed
    translation."""
    zh = is_chinese() if lang is None else lang.startswith("zh")
    pad = _px(0.8)
    border = _px(0.2)
    table = (f'<table width="100%" border="{border}" cellspacing="0" cellpadding="{pad}" '
             f'style="border-collapse: collapse; border-color: #000000;">')

    def th(*cells: tuple[str, int]) -> str:
        """The header row (repeated on each page the table runs over): (text, width %)."""
        return ("<thead><tr>" + "".join(
            f'<th width="{w}%" style="background-color: #e6e6e6;" align="left">{c}</th>'
            for c, w in cells) + "</tr></thead>")

    def h2(text: str) -> str:
        return f'<h3 style="margin-top: {_px(4)}px; margin-bottom: {_px(1.5)}px;">{text}</h3>'

    nothing = '<p style="color: #555555;">{}</p>'.format(
        QCoreApplication.translate("MinutesPdf", "(none)"))
    out: list[str] = []
    out.append('<h1 align="center">{}</h1>'.format(
        QCoreApplication.translate("MinutesPdf", "Morning meeting minutes")))
    chair = minutes.chair_name or minutes.chair
    if minutes.chair_name and minutes.chair:
        chair = f"{minutes.chair_name}（{minutes.chair}）" if zh else \
            f"{minutes.chair_name} ({minutes.chair})"
    out.append('<p align="center">{}</p>'.format(GAP.join((
        QCoreApplication.translate("MinutesPdf", "Date: {day}").format(
            day=minutes.day.isoformat()),
        QCoreApplication.translate("MinutesPdf", "Shift: {shift}").format(
            shift=_e(minutes.shift)),
        QCoreApplication.translate("MinutesPdf", "Chair: {chair}").format(chair=_e(chair))))))

    # R-MEET-2: the five agenda parts
    for i, (key, title_zh, title_en) in enumerate(AGENDA):
        number = f"{ZH_NUMERALS[i]}、" if zh else f"{i + 1}. "
        out.append(h2(number + _e(title_zh if zh else title_en)))
        text = minutes.sections.get(key, "").strip()
        out.append(f"<p>{_e(text)}</p>" if text else nothing)

    # R-MEET-4: notices and quality-inspection problems studied
    out.append(h2(QCoreApplication.translate("MinutesPdf", "Notices")))
    if minutes.notices:
        mark = QCoreApplication.translate("MinutesPdf", "[published to the wall]")
        out.append("<ol>" + "".join(
            f"<li>{_e(n.text)}" + (f" <b>{mark}</b>" if n.publish else "") + "</li>"
            for n in minutes.notices) + "</ol>")
    else:
        out.append(nothing)
    out.append(h2(QCoreApplication.translate("MinutesPdf", "Quality-inspection problems")))
    if minutes.problems:
        out.append("<ol>" + "".join(f"<li>{_e(p)}</li>" for p in minutes.problems) + "</ol>")
    else:
        out.append(nothing)

    # the spot quiz: each wrong answer recorded
    out.append(h2(QCoreApplication.translate("MinutesPdf", "Spot quiz")))
    if minutes.quiz:
        right = QCoreApplication.translate("MinutesPdf", "Correct")
        wrong = QCoreApplication.translate("MinutesPdf", "Wrong")
        rows = "".join(
            f"<tr><td>{_e(q.agent)}</td><td>{_e(q.question)}</td>"
            f"<td>{right if q.correct else '<b>' + wrong + '</b>'}</td></tr>"
            for q in minutes.quiz)
        out.append(table + th((QCoreApplication.translate("MinutesPdf", "Agent ID"), 15),
                              (QCoreApplication.translate("MinutesPdf", "Question"), 70),
                              (QCoreApplication.translate("MinutesPdf", "Answer"), 15))
                   + rows + "</table>")
        n_wrong = sum(1 for q in minutes.quiz if not q.correct)
        out.append("<p>{}</p>".format(QCoreApplication.translate(
            "MinutesPdf", "Wrong answers: {wrong} of {total} questions").format(
                wrong=n_wrong, total=len(minutes.quiz))))
    else:
        out.append(nothing)

    # R-MEET-3: who attended (late to the meeting = late for the day)
    out.append(h2(QCoreApplication.translate("MinutesPdf", "Attendance")))
    if minutes.attendees:
        rows = "".join(
            f"<tr><td>{_e(a.agent)}</td><td>{_e(a.name)}</td><td>"
            + (_presence(a) if a.presence is MeetingPresence.PRESENT
               else f"<b>{_presence(a)}</b>") + "</td></tr>"
            for a in minutes.attendees)
        out.append(table + th((QCoreApplication.translate("MinutesPdf", "Agent ID"), 20),
                              (QCoreApplication.translate("MinutesPdf", "Name"), 40),
                              (QCoreApplication.translate("MinutesPdf", "Presence"), 40))
                   + rows + "</table>")
        count = {p: sum(1 for a in minutes.attendees if a.presence is p)
                 for p in MeetingPresence}
        out.append("<p>{}</p>".format(QCoreApplication.translate(
            "MinutesPdf", "Expected {total}: {present} present, {late} late, {absent} absent")
            .format(total=len(minutes.attendees), present=count[MeetingPresence.PRESENT],
                    late=count[MeetingPresence.LATE], absent=count[MeetingPresence.ABSENT])))
    else:
        out.append(nothing)

    # who recorded the minutes, and when
    who = minutes.saved_by or minutes.chair
    if who == minutes.chair and minutes.chair_name:
        who = chair
    when = (_fmt_time(minutes.saved_at, tz) if minutes.saved_at is not None
            else QCoreApplication.translate("MinutesPdf", "not saved yet"))
    out.append('<p align="right" style="margin-top: {}px;">{}</p>'.format(_px(8), GAP.join((
        QCoreApplication.translate("MinutesPdf", "Recorded by: {who}").format(who=_e(who)),
        QCoreApplication.translate("MinutesPdf", "Saved: {when}").format(when=_e(when))))))
    return "<html><body>" + "\n".join(out) + "</body></html>"


def _font() -> QFont:
    f = QFont()
    f.setFamilies(FONT_FAMILIES)
    f.setPointSizeF(FONT_PT)
    # Noto Sans CJK's 'locl' swaps Latin digits for glyphs outside its cmap when the
    # process language is not Chinese (C locale): printed fine, but Qt's ToUnicode
    # map has no entry for them and the digits vanish from copied or searched text.
    # The faces named are the Chinese ones already, so nothing needs localising.
    f.setFeature(QFont.Tag("locl"), 0)
    return f


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


def write_minutes_pdf(minutes: Minutes, path: str | Path, *, lang: str | None = None,
                      tz: tzinfo = DEFAULT_TZ) -> int:
    """Print ``minutes`` to an A4 PDF at ``path``; returns the number of pages.

    ``lang`` ("zh_CN" / "en") picks the agenda titles; None (the default)
    follows the installed translation, like the fixed texts. Needs a
    QGuiApplication (fonts).
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    writer = QPdfWriter(str(path))
    writer.setResolution(RESOLUTION)
    writer.setPageLayout(QPageLayout(
        QPageSize(QPageSize.PageSizeId.A4), QPageLayout.Orientation.Portrait,
        QMarginsF(MARGIN_MM, MARGIN_MM, MARGIN_MM, MARGIN_MM), QPageLayout.Unit.Millimeter))
    title = QCoreApplication.translate("MinutesPdf", "Morning meeting minutes")
    writer.setTitle(f"{title} {minutes.day.isoformat()} {minutes.shift}")
    writer.setCreator("Seatwatch")

    doc = QTextDocument()
    # laid out on the writer: points and fonts at its 300 dpi, one page = its paint rect
    doc.documentLayout().setPaintDevice(writer)
    doc.setDefaultFont(_font())
    doc.setDocumentMargin(0)
    doc.setHtml(minutes_html(minutes, lang=lang, tz=tz))
    body = writer.pageLayout().paintRectPixels(RESOLUTION)
    footer_h = _mm(FOOTER_MM)
    page = QSizeF(body.width(), body.height() - footer_h)
    doc.setPageSize(page)
    pages = doc.pageCount()

    small = _font()
    small.setPointSizeF(8)
    where = f"{minutes.day.isoformat()} {minutes.shift}"
    footers: list[str] = []
    painter = QPainter()
    if not painter.begin(writer):
        raise OSError(f"cannot write {path}")
    try:
        for i in range(pages):
            if i:
                writer.newPage()
            painter.save()
            painter.translate(0, -i * page.height())
            doc.drawContents(painter, QRectF(0, i * page.height(), page.width(), page.height()))
            painter.restore()
            painter.setFont(small)
            strip = QRectF(0, page.height(), page.width(), footer_h)
            painter.drawText(strip, int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignBottom),
                             f"{title}  {where}")
            footers.append(QCoreApplication.translate("MinutesPdf", "Page {page} of {pages}")
                           .format(page=i + 1, pages=pages))
            painter.drawText(strip, int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignBottom),
                             footers[-1])
    finally:
        painter.end()
    bold = _font()
    bold.setBold(True)
    drawn = "\n".join((doc.toPlainText(), title, where, *footers))
    data = path.read_bytes()
    fixed = fix_to_unicode(data, drawn, (_font(), bold))
    if fixed != data:
        path.write_bytes(fixed)
    return pages
