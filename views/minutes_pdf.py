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
from datetime import datetime, tzinfo
from pathlib import Path
from zoneinfo import ZoneInfo

from PySide6.QtCore import QCoreApplication

from models.domain.meeting import AGENDA, Attendee, MeetingPresence, Minutes
from models.reports.files import write_whole
from views.pdf_print import Footer, print_html, px

#: the floor's time zone for the save time (the default policy's)
DEFAULT_TZ = ZoneInfo("Asia/Shanghai")
FONT_PT = 10.5
#: between the items of the heading line and of the closing line
GAP = "&nbsp;" * 6
ZH_NUMERALS = ("一", "二", "三", "四", "五", "六", "七", "八", "九", "十")


_px = px


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


def write_minutes_pdf(minutes: Minutes, path: str | Path, *, lang: str | None = None,
                      tz: tzinfo = DEFAULT_TZ) -> int:
    """Print ``minutes`` to an A4 PDF at ``path``; returns the number of pages.

    ``lang`` ("zh_CN" / "en") picks the agenda titles; None (the default)
    follows the installed translation, like the fixed texts. Needs a
    QGuiApplication (fonts).
    """
    title = QCoreApplication.translate("MinutesPdf", "Morning meeting minutes")
    where = f"{minutes.day.isoformat()} {minutes.shift}"
    data, pages = print_html(
        minutes_html(minutes, lang=lang, tz=tz), title=f"{title} {where}", font_pt=FONT_PT,
        footer=Footer(f"{title}  {where}", lambda n, m: QCoreApplication.translate(
            "MinutesPdf", "Page {page} of {pages}").format(page=n, pages=m)))
    write_whole(path, lambda tmp: tmp.write_bytes(data))
    return pages
