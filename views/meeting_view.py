"""早会记录: the shift leader keeps the morning meeting's minutes (DOMAIN §5,
R-MEET-1 … 4) — the five agenda parts, the notices passed on (optionally put on
the wall ticker), the quality-inspection problems studied, the spot quiz and who
attended, late or not.

The dialog never asks the database: every request goes through
:class:`MeetingSource` (``console.shiftops_backend.ShiftOpsBackend``), which
answers later on the GUI thread. A save made from an old version is refused
(another leader saved first): the conflict box says who, when and what, the form
shows their minutes, and the leader's own unsaved text stays readable (and
copyable) in the "Your unsaved text" panel — nothing typed is lost.

Layout: the saved meetings of the last 30 days on the left; the day and shift on
top; the minutes in four tabs (agenda · notices and problems · spot quiz ·
attendance), which fit a 1366×768 screen as well as 1920×1080.
"""

from __future__ import annotations

import functools
import weakref
from collections.abc import Callable, Sequence
from dataclasses import replace
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any, Protocol, TypeVar
from zoneinfo import ZoneInfo

from PySide6.QtCore import (
    QCoreApplication,
    QDate,
    QEvent,
    QObject,
    QStandardPaths,
    Qt,
    Signal,
)
from PySide6.QtGui import QCloseEvent, QFontMetrics, QGuiApplication, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDateEdit,
    QDialog,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from models.domain.meeting import (
    AGENDA,
    AGENDA_KEYS,
    Attendee,
    MeetingPresence,
    Minutes,
    Notice,
    QuizEntry,
)
from models.domain.policy import Policy
from models.domain.shiftrecords import StaleEdit
from views.conflict import Show, conflict_text, conflict_title, show_conflict
from views.kit import dialogs
from views.kit.pending import Pending, tagged
from views.kit.status import StatusLine, Tone, paint, tone_colour

#: how far back the list of minutes reaches
HISTORY_DAYS = 30
#: a shift starting within this time is the one the dialog opens on (R-MEET-1: the
#: meeting is held 10 minutes before it); otherwise the shift running now
NEXT_SHIFT_WINDOW = timedelta(hours=1)
MAX_LATE_MIN = 600
ZH_NUMERALS = ("一", "二", "三", "四", "五", "六", "七", "八", "九", "十")
#: notices table
N_TEXT, N_WALL = range(2)
#: quiz table
Q_AGENT, Q_QUESTION, Q_RESULT = range(3)
#: attendance table
A_ID, A_NAME, A_PRESENCE, A_LATE = range(4)
#: item data: a notice's announcement id; whether an attendance row was added here
AID_ROLE = Qt.ItemDataRole.UserRole + 1
ADDED_ROLE = Qt.ItemDataRole.UserRole + 2
#: the history list's (day, shift)
KEY_ROLE = Qt.ItemDataRole.UserRole + 3
PRESENCES = (MeetingPresence.PRESENT, MeetingPresence.LATE, MeetingPresence.ABSENT)

_T = TypeVar("_T")


class MeetingSource(Protocol):
    """What the dialog needs from outside (console/shiftops_backend.py). Every request
    answers later, on the GUI thread (:class:`views.kit.pending.Pending`): ``refused``
    gets a message fit to show (a refusal or a fault), ``conflict`` a stale save."""

    def today(self) -> date: ...

    def now(self) -> datetime: ...

    def policy(self) -> Policy: ...

    def load_minutes(self, owner: QObject, day: date, shift: str) -> Pending: ...

    def save_minutes(self, owner: QObject, minutes: Minutes) -> Pending: ...

    def list_meetings(self, owner: QObject, first: date, last: date) -> Pending: ...


# ---- texts ---------------------------------------------------------------------------


def _zh() -> bool:
    """Whether the installed translation is Chinese (the agenda titles follow it)."""
    return QCoreApplication.translate("Meeting", "Morning meeting") != "Morning meeting"


def section_title(i: int) -> str:
    """R-MEET-2's part ``i`` (0-based) as titled in the current language."""
    _key, zh, en = AGENDA[i]
    return f"{ZH_NUMERALS[i]}、{zh}" if _zh() else f"{i + 1}. {en}"


def field_labels() -> dict[str, str]:
    """The conflict box's names for what the other save changed."""
    out = {key: section_title(i) for i, key in enumerate(AGENDA_KEYS)}
    out.update({
        "notices": QCoreApplication.translate("Meeting", "Notices to pass on"),
        "problems": QCoreApplication.translate("Meeting", "Problems from quality inspection"),
        "quiz": QCoreApplication.translate("Meeting", "Spot quiz"),
        "attendees": QCoreApplication.translate("Meeting", "Attendance"),
    })
    return out


def presence_label(p: MeetingPresence) -> str:
    return {
        MeetingPresence.PRESENT: QCoreApplication.translate("Meeting", "Present"),
        MeetingPresence.LATE: QCoreApplication.translate("Meeting", "Late"),
        MeetingPresence.ABSENT: QCoreApplication.translate("Meeting", "Absent"),
    }[p]


def result_label(correct: bool) -> str:
    return (QCoreApplication.translate("Meeting", "Right") if correct
            else QCoreApplication.translate("Meeting", "Wrong"))


def counts_text(attendees: Sequence[Attendee]) -> str:
    n = {p: sum(1 for a in attendees if a.presence is p) for p in PRESENCES}
    return QCoreApplication.translate("Meeting", "Present {p} · Late {l} · Absent {a}").format(
        p=n[MeetingPresence.PRESENT], l=n[MeetingPresence.LATE], a=n[MeetingPresence.ABSENT])


def person_text(agent: str, name: str) -> str:
    return f"{agent} {name}".strip()


def minutes_text(m: Minutes) -> str:
    """The minutes as plain text in the current language (the unsaved-text panel)."""
    lines = [QCoreApplication.translate("Meeting", "Morning meeting {day} {shift}").format(
        day=m.day.isoformat(), shift=m.shift)]
    for i, key in enumerate(AGENDA_KEYS):
        lines += ["", section_title(i), m.sections.get(key, "").strip() or "—"]
    if m.notices:
        lines += ["", QCoreApplication.translate("Meeting", "Notices to pass on")]
        for n in m.notices:
            wall = (" " + QCoreApplication.translate("Meeting", "[on the wall ticker]")
                    if n.publish else "")
            lines.append(f"• {n.text}{wall}")
    if m.problems:
        lines += ["", QCoreApplication.translate("Meeting", "Problems from quality inspection")]
        lines += [f"• {p}" for p in m.problems]
    if m.quiz:
        lines += ["", QCoreApplication.translate("Meeting", "Spot quiz")]
        lines += [f"• {q.agent}: {q.question} — {result_label(q.correct)}" for q in m.quiz]
    if m.attendees:
        lines += ["", QCoreApplication.translate("Meeting", "Attendance") + ": "
                  + counts_text(m.attendees)]
        for a in m.attendees:
            p = presence_label(a.presence)
            if a.presence is MeetingPresence.LATE:
                p = QCoreApplication.translate("Meeting", "Late {n} min").format(n=a.late_min)
            lines.append(f"• {person_text(a.agent, a.name)}: {p}")
    return "\n".join(lines)


def default_shift(policy: Policy, now: datetime) -> tuple[date, str]:
    """The meeting the dialog opens on: a shift starting within the hour (its
    meeting is about to be held), else the shift running now, else (between
    shifts) the next one. The day is the one the shift starts on."""
    tz = policy.tz
    local = now.astimezone(tz)
    starts: list[tuple[datetime, str]] = []
    for s in policy.shifts:
        for off in (-1, 0, 1, 2):
            starts.append((datetime.combine(local.date() + timedelta(days=off), s.start, tz),
                           s.name))
    soon = sorted(st for st in starts if local <= st[0] <= local + NEXT_SHIFT_WINDOW)
    if soon:
        return soon[0][0].date(), soon[0][1]
    p = policy.shift_period(now)
    if p.name:
        return p.start.astimezone(tz).date(), p.name
    later = sorted(st for st in starts if st[0] > local)
    if later:
        return later[0][0].date(), later[0][1]
    return local.date(), policy.shifts[0].name if policy.shifts else ""


def comparable(m: Minutes) -> Minutes:
    """``m`` as the form would give it back: every agenda part, a published notice
    marked for the wall, no minutes late unless late — so loading and reading the
    form again finds no change."""
    return replace(
        m, sections={k: m.sections.get(k, "") for k in AGENDA_KEYS},
        notices=tuple(replace(n, publish=n.publish or bool(n.announcement_id),
                              announcement_id=n.announcement_id or None) for n in m.notices),
        attendees=tuple(a if a.presence is MeetingPresence.LATE else replace(a, late_min=0)
                        for a in m.attendees))


def _quiet(method: Callable[..., _T]) -> Callable[..., _T]:
    """A dialog method that builds rows: the edit signals its half-built row sends
    are not read as the leader's changes."""
    @functools.wraps(method)
    def run(self: MeetingDialog, *args: Any, **kw: Any) -> _T:
        was, self._filling = self._filling, True
        try:
            return method(self, *args, **kw)
        finally:
            self._filling = was
    return run


def _qdate(d: date) -> QDate:
    return QDate(d.year, d.month, d.day)


def _pydate(q: QDate) -> date:
    return date(q.year(), q.month(), q.day())


# ---- the dialog ----------------------------------------------------------------------


class MeetingDialog(QDialog):
    """Non-modal. ``ask_confirm``, ``ask_save_path`` and ``show_conflict`` are
    attributes so tests can answer them without a modal loop."""

    #: a meeting's minutes are on screen (loaded, saved or the other leader's)
    minutes_loaded = Signal()
    #: an answer to Save (done, refused or conflict) is on screen
    save_answered = Signal()
    #: the list of minutes has been refreshed
    history_loaded = Signal()

    def __init__(self, backend: MeetingSource, parent: Any = None) -> None:
        super().__init__(parent)
        self.setObjectName("meetingDialog")
        self.backend = backend
        #: the minutes the form was loaded from (None until the first answer)
        self.loaded: Minutes | None = None
        self.loading = False
        self.saving = False
        self.dirty = False
        #: what the form holds that was not saved (after a conflict)
        self.unsaved: Minutes | None = None
        self.history: list[Minutes] = []
        self._load_token = 0
        self._filling = False
        self._quiet_close = False
        self._sent: Minutes | None = None
        self._quiz_people: list[tuple[str, str]] = []
        self._status_error = False
        confirm = weakref.WeakMethod(self._confirm_dialog)
        self.ask_confirm: Callable[[str], bool] = \
            lambda text: bool((m := confirm()) and m(text))
        pick = weakref.WeakMethod(self._path_dialog)

        def ask_path(suggested: str) -> str | None:
            m = pick()
            return m(suggested) if m is not None else None
        self.ask_save_path: Callable[[str], str | None] = ask_path
        self.show_conflict: Show = show_conflict
        self._build()
        self.retranslate()
        self.resize(1180, 720)
        policy = self.backend.policy()
        day, shift = default_shift(policy, self.backend.now())
        today = self.backend.today()
        self.date_edit.blockSignals(True)
        self.date_edit.setMaximumDate(_qdate(max(today, day) + timedelta(days=1)))
        self.date_edit.setDate(_qdate(day))
        self.date_edit.blockSignals(False)
        self.shift_box.blockSignals(True)
        for s in policy.shifts:
            self.shift_box.addItem(s.name, s.name)
        self._select_shift(shift)
        self.shift_box.blockSignals(False)
        self._request_load(day, shift)
        self.refresh_history()

    # -- layout

    def _build(self) -> None:
        root = QHBoxLayout(self)

        left = QVBoxLayout()
        self.history_label = QLabel(self)
        left.addWidget(self.history_label)
        self.history_list = QListWidget(self)
        self.history_list.setObjectName("meetingList")
        self.history_list.setFixedWidth(210)
        self.history_list.itemClicked.connect(self._history_clicked)
        self.history_list.itemActivated.connect(self._history_clicked)
        self.history_label.setBuddy(self.history_list)
        left.addWidget(self.history_list, 1)
        root.addLayout(left)

        right = QVBoxLayout()
        top = QHBoxLayout()
        self.date_label = QLabel(self)
        self.date_edit = QDateEdit(self)
        self.date_edit.setObjectName("meetingDate")
        self.date_edit.setCalendarPopup(True)
        self.date_edit.setDisplayFormat("yyyy-MM-dd")
        self.date_edit.setMinimumDate(QDate(2000, 1, 1))
        self.date_edit.dateChanged.connect(lambda _d: self._picker_changed())
        self.date_label.setBuddy(self.date_edit)
        top.addWidget(self.date_label)
        top.addWidget(self.date_edit)
        self.shift_label = QLabel(self)
        self.shift_box = QComboBox(self)
        self.shift_box.setObjectName("meetingShift")
        self.shift_box.currentIndexChanged.connect(lambda _i: self._picker_changed())
        self.shift_label.setBuddy(self.shift_box)
        top.addSpacing(12)
        top.addWidget(self.shift_label)
        top.addWidget(self.shift_box)
        top.addSpacing(12)
        self.info = QLabel(self)
        self.info.setObjectName("meetingInfo")
        self.info.setWordWrap(True)
        top.addWidget(self.info, 1)
        right.addLayout(top)

        self._build_unsaved_panel(right)

        self.tabs = QTabWidget(self)
        self.tabs.setObjectName("meetingTabs")
        self.tabs.addTab(self._build_agenda(), "")
        self.tabs.addTab(self._build_notices(), "")
        self.tabs.addTab(self._build_quiz(), "")
        self.tabs.addTab(self._build_attendance(), "")
        right.addWidget(self.tabs, 1)

        self.status = StatusLine(self, "meetingStatus")
        right.addWidget(self.status)

        buttons = QHBoxLayout()
        self.export_button = QPushButton(self)
        self.export_button.setObjectName("meetingExport")
        self.export_button.setAutoDefault(False)
        self.export_button.clicked.connect(self.export_pdf)
        buttons.addWidget(self.export_button)
        buttons.addStretch(1)
        self.save_button = QPushButton(self)
        self.save_button.setObjectName("meetingSave")
        self.save_button.setAutoDefault(False)
        self.save_button.clicked.connect(self.save)
        buttons.addWidget(self.save_button)
        self.close_button = QPushButton(self)
        self.close_button.setObjectName("meetingClose")
        self.close_button.setAutoDefault(False)
        self.close_button.clicked.connect(self.reject)
        buttons.addWidget(self.close_button)
        right.addLayout(buttons)
        root.addLayout(right, 1)

        self.save_shortcut = QShortcut(QKeySequence(QKeySequence.StandardKey.Save), self)
        self.save_shortcut.setObjectName("meetingSaveShortcut")
        self.save_shortcut.activated.connect(self.save)

    def _build_unsaved_panel(self, layout: QVBoxLayout) -> None:
        self.unsaved_panel = QFrame(self)
        self.unsaved_panel.setObjectName("meetingUnsavedPanel")
        self.unsaved_panel.setFrameShape(QFrame.Shape.StyledPanel)
        pl = QVBoxLayout(self.unsaved_panel)
        pl.setContentsMargins(6, 4, 6, 4)
        row = QHBoxLayout()
        self.unsaved_toggle = QToolButton(self.unsaved_panel)
        self.unsaved_toggle.setObjectName("meetingUnsavedToggle")
        self.unsaved_toggle.setCheckable(True)
        self.unsaved_toggle.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.unsaved_toggle.setArrowType(Qt.ArrowType.RightArrow)
        self.unsaved_toggle.toggled.connect(self._toggle_unsaved)
        row.addWidget(self.unsaved_toggle)
        self.unsaved_note = QLabel(self.unsaved_panel)
        self.unsaved_note.setObjectName("meetingUnsavedNote")
        self.unsaved_note.setWordWrap(True)
        paint(self.unsaved_note, Tone.WARN)
        row.addWidget(self.unsaved_note, 1)
        self.unsaved_copy = QPushButton(self.unsaved_panel)
        self.unsaved_copy.setObjectName("meetingUnsavedCopy")
        self.unsaved_copy.setAutoDefault(False)
        self.unsaved_copy.clicked.connect(self.copy_unsaved)
        row.addWidget(self.unsaved_copy)
        self.unsaved_dismiss = QPushButton(self.unsaved_panel)
        self.unsaved_dismiss.setObjectName("meetingUnsavedDismiss")
        self.unsaved_dismiss.setAutoDefault(False)
        self.unsaved_dismiss.clicked.connect(self.dismiss_unsaved)
        row.addWidget(self.unsaved_dismiss)
        pl.addLayout(row)
        self.unsaved_text = QPlainTextEdit(self.unsaved_panel)
        self.unsaved_text.setObjectName("meetingUnsavedText")
        self.unsaved_text.setReadOnly(True)
        self.unsaved_text.setMaximumHeight(QFontMetrics(self.font()).lineSpacing() * 10 + 14)
        self.unsaved_text.setVisible(False)
        pl.addWidget(self.unsaved_text)
        self.unsaved_panel.setVisible(False)
        layout.addWidget(self.unsaved_panel)

    def _build_agenda(self) -> QWidget:
        scroll = QScrollArea(self)
        scroll.setObjectName("meetingAgenda")
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        inner = QWidget(scroll)
        vl = QVBoxLayout(inner)
        lines = QFontMetrics(self.font()).lineSpacing()
        self.section_boxes: dict[str, QGroupBox] = {}
        self.section_edits: dict[str, QPlainTextEdit] = {}
        for key in AGENDA_KEYS:
            box = QGroupBox(inner)
            box.setObjectName(f"meetingSection_{key}")
            bl = QVBoxLayout(box)
            bl.setContentsMargins(6, 4, 6, 6)
            edit = QPlainTextEdit(box)
            edit.setObjectName(f"meetingSectionText_{key}")
            edit.setTabChangesFocus(True)
            edit.setMinimumHeight(lines * 3 + 12)
            edit.textChanged.connect(self._changed)
            bl.addWidget(edit)
            vl.addWidget(box, 1)
            self.section_boxes[key] = box
            self.section_edits[key] = edit
        scroll.setWidget(inner)
        return scroll

    def _table(self, name: str, columns: int) -> QTableWidget:
        t = QTableWidget(0, columns, self)
        t.setObjectName(name)
        t.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        t.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        t.verticalHeader().setDefaultSectionSize(28)
        t.horizontalHeader().setHighlightSections(False)
        t.itemChanged.connect(lambda _i: self._changed())
        t.itemSelectionChanged.connect(self._buttons)
        return t

    def _button(self, parent: QWidget, name: str, slot: Callable[[], Any]) -> QPushButton:
        b = QPushButton(parent)
        b.setObjectName(name)
        b.setAutoDefault(False)
        b.clicked.connect(lambda _c=False: slot())
        return b

    def _build_notices(self) -> QWidget:
        page = QWidget(self)
        vl = QVBoxLayout(page)
        self.notices_box = QGroupBox(page)
        self.notices_box.setObjectName("meetingNoticesBox")
        nl = QVBoxLayout(self.notices_box)
        self.notices_hint = QLabel(self.notices_box)
        self.notices_hint.setWordWrap(True)
        self.notices_hint.setStyleSheet("color: palette(mid);")
        nl.addWidget(self.notices_hint)
        self.notices = self._table("meetingNotices", 2)
        h = self.notices.horizontalHeader()
        h.setSectionResizeMode(N_TEXT, QHeaderView.ResizeMode.Stretch)
        h.setSectionResizeMode(N_WALL, QHeaderView.ResizeMode.ResizeToContents)
        nl.addWidget(self.notices, 1)
        row = QHBoxLayout()
        self.add_notice_button = self._button(self.notices_box, "meetingAddNotice",
                                              self.add_notice)
        self.remove_notice_button = self._button(self.notices_box, "meetingRemoveNotice",
                                                 self.remove_notice)
        row.addWidget(self.add_notice_button)
        row.addWidget(self.remove_notice_button)
        row.addStretch(1)
        nl.addLayout(row)
        vl.addWidget(self.notices_box, 3)

        self.problems_box = QGroupBox(page)
        self.problems_box.setObjectName("meetingProblemsBox")
        pl = QVBoxLayout(self.problems_box)
        self.problems = QListWidget(self.problems_box)
        self.problems.setObjectName("meetingProblems")
        self.problems.itemChanged.connect(lambda _i: self._changed())
        self.problems.itemSelectionChanged.connect(self._buttons)
        pl.addWidget(self.problems, 1)
        row = QHBoxLayout()
        self.add_problem_button = self._button(self.problems_box, "meetingAddProblem",
                                               self.add_problem)
        self.remove_problem_button = self._button(self.problems_box, "meetingRemoveProblem",
                                                  self.remove_problem)
        row.addWidget(self.add_problem_button)
        row.addWidget(self.remove_problem_button)
        row.addStretch(1)
        pl.addLayout(row)
        vl.addWidget(self.problems_box, 2)
        return page

    def _build_quiz(self) -> QWidget:
        page = QWidget(self)
        vl = QVBoxLayout(page)
        self.quiz = self._table("meetingQuiz", 3)
        h = self.quiz.horizontalHeader()
        h.setSectionResizeMode(Q_AGENT, QHeaderView.ResizeMode.Interactive)
        h.setSectionResizeMode(Q_QUESTION, QHeaderView.ResizeMode.Stretch)
        h.setSectionResizeMode(Q_RESULT, QHeaderView.ResizeMode.ResizeToContents)
        self.quiz.setColumnWidth(Q_AGENT, 200)
        vl.addWidget(self.quiz, 1)
        row = QHBoxLayout()
        self.add_quiz_button = self._button(page, "meetingAddQuiz", self.add_quiz)
        self.remove_quiz_button = self._button(page, "meetingRemoveQuiz", self.remove_quiz)
        row.addWidget(self.add_quiz_button)
        row.addWidget(self.remove_quiz_button)
        row.addStretch(1)
        self.quiz_wrong = QLabel(page)
        self.quiz_wrong.setObjectName("meetingQuizWrong")
        row.addWidget(self.quiz_wrong)
        vl.addLayout(row)
        return page

    def _build_attendance(self) -> QWidget:
        page = QWidget(self)
        vl = QVBoxLayout(page)
        self.counts = QLabel(page)
        self.counts.setObjectName("meetingAttendanceCounts")
        vl.addWidget(self.counts)
        self.attendance = self._table("meetingAttendance", 4)
        h = self.attendance.horizontalHeader()
        h.setSectionResizeMode(A_ID, QHeaderView.ResizeMode.ResizeToContents)
        h.setSectionResizeMode(A_NAME, QHeaderView.ResizeMode.Stretch)
        h.setSectionResizeMode(A_PRESENCE, QHeaderView.ResizeMode.ResizeToContents)
        h.setSectionResizeMode(A_LATE, QHeaderView.ResizeMode.ResizeToContents)
        vl.addWidget(self.attendance, 1)
        row = QHBoxLayout()
        self.add_person_button = self._button(page, "meetingAddPerson", self.add_person)
        self.remove_person_button = self._button(page, "meetingRemovePerson",
                                                 self.remove_person)
        row.addWidget(self.add_person_button)
        row.addWidget(self.remove_person_button)
        row.addStretch(1)
        vl.addLayout(row)
        return page

    # -- language

    def retranslate(self) -> None:
        self.setWindowTitle(QCoreApplication.translate("Meeting", "Morning meeting"))
        self.history_label.setText(QCoreApplication.translate("Meeting", "&Minutes by date"))
        self.date_label.setText(QCoreApplication.translate("Meeting", "&Date"))
        self.shift_label.setText(QCoreApplication.translate("Meeting", "S&hift"))
        self.tabs.setTabText(0, QCoreApplication.translate("Meeting", "Agenda"))
        self.tabs.setTabText(1, QCoreApplication.translate("Meeting", "Notices and problems"))
        self.tabs.setTabText(2, QCoreApplication.translate("Meeting", "Spot quiz"))
        self.tabs.setTabText(3, QCoreApplication.translate("Meeting", "Attendance"))
        for i, key in enumerate(AGENDA_KEYS):
            self.section_boxes[key].setTitle(section_title(i))
        self.notices_box.setTitle(QCoreApplication.translate("Meeting", "Notices to pass on"))
        self.notices_hint.setText(QCoreApplication.translate(
            "Meeting", "A ticked notice goes on the wall display's ticker when the minutes "
                       "are saved, until the end of the shift. A notice already on the wall "
                       "stays as it is: withdraw it under Announcements."))
        self.notices.setHorizontalHeaderLabels([
            QCoreApplication.translate("Meeting", "Notice"),
            QCoreApplication.translate("Meeting", "Show on the wall ticker")])
        self.add_notice_button.setText(QCoreApplication.translate("Meeting", "Add notice"))
        self.remove_notice_button.setText(QCoreApplication.translate("Meeting", "Remove notice"))
        self.problems_box.setTitle(QCoreApplication.translate(
            "Meeting", "Problems from quality inspection to study"))
        self.add_problem_button.setText(QCoreApplication.translate("Meeting", "Add problem"))
        self.remove_problem_button.setText(QCoreApplication.translate("Meeting",
                                                                      "Remove problem"))
        self.quiz.setHorizontalHeaderLabels([
            QCoreApplication.translate("Meeting", "Agent"),
            QCoreApplication.translate("Meeting", "Question"),
            QCoreApplication.translate("Meeting", "Answer")])
        self.add_quiz_button.setText(QCoreApplication.translate("Meeting", "Add question"))
        self.remove_quiz_button.setText(QCoreApplication.translate("Meeting", "Remove question"))
        self.attendance.setHorizontalHeaderLabels([
            QCoreApplication.translate("Meeting", "Agent ID"),
            QCoreApplication.translate("Meeting", "Name"),
            QCoreApplication.translate("Meeting", "Presence"),
            QCoreApplication.translate("Meeting", "Minutes late")])
        self.add_person_button.setText(QCoreApplication.translate("Meeting", "Add person"))
        self.add_person_button.setToolTip(QCoreApplication.translate(
            "Meeting", "Someone who attended but is not on this shift's roster"))
        self.remove_person_button.setText(QCoreApplication.translate("Meeting",
                                                                     "Remove person"))
        self.remove_person_button.setToolTip(QCoreApplication.translate(
            "Meeting", "Only people added here can be removed; mark a rostered agent absent"))
        self.export_button.setText(QCoreApplication.translate("Meeting", "Export PDF…"))
        self.save_button.setText(QCoreApplication.translate("Meeting", "&Save"))
        self.save_button.setToolTip(QCoreApplication.translate("Meeting", "Save (Ctrl+S)"))
        self.close_button.setText(QCoreApplication.translate("Meeting", "Close"))
        self.unsaved_note.setText(QCoreApplication.translate(
            "Meeting", "Your version was not saved. It is kept here: copy what is still "
                       "needed into the form."))
        self.unsaved_copy.setText(QCoreApplication.translate("Meeting", "Copy to clipboard"))
        self.unsaved_dismiss.setText(QCoreApplication.translate("Meeting", "Dismiss"))
        self._toggle_unsaved(self.unsaved_toggle.isChecked())
        if self.unsaved is not None:
            self.unsaved_text.setPlainText(minutes_text(self.unsaved))
        self._filling, was = True, self._filling
        try:
            for r in range(self.notices.rowCount()):
                self._render_wall_cell(r)
            for r in range(self.quiz.rowCount()):
                res = self._quiz_result(r)
                for j, ok in enumerate((True, False)):
                    res.setItemText(j, result_label(ok))
            for r in range(self.attendance.rowCount()):
                combo = self._presence_combo(r)
                for j, p in enumerate(PRESENCES):
                    combo.setItemText(j, presence_label(p))
        finally:
            self._filling = was
        self._render_history()
        self._render_info()
        self._render_counts()

    def changeEvent(self, e: QEvent) -> None:
        if e.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(e)

    # -- the floor

    @property
    def tz(self) -> ZoneInfo:
        return self.backend.policy().tz

    def day(self) -> date:
        return _pydate(self.date_edit.date())

    def shift(self) -> str:
        return str(self.shift_box.currentData() or self.shift_box.currentText())

    def _select_shift(self, shift: str) -> None:
        i = self.shift_box.findData(shift)
        if i < 0:  # a shift no longer in the policy (old minutes)
            self.shift_box.addItem(shift, shift)
            i = self.shift_box.count() - 1
        self.shift_box.setCurrentIndex(i)

    def _show_key(self, day: date, shift: str) -> None:
        """The pickers show ``day``/``shift`` without asking for a load."""
        self.date_edit.blockSignals(True)
        self.shift_box.blockSignals(True)
        if _qdate(day) > self.date_edit.maximumDate():
            self.date_edit.setMaximumDate(_qdate(day))
        self.date_edit.setDate(_qdate(day))
        self._select_shift(shift)
        self.date_edit.blockSignals(False)
        self.shift_box.blockSignals(False)
        self._select_history(day, shift)

    # -- loading

    def load(self, day: date, shift: str) -> bool:
        """Show the minutes of ``shift`` on ``day`` (a new form when none are
        saved); unsaved edits are dropped only when the leader agrees."""
        if self.dirty and not self.ask_confirm(QCoreApplication.translate(
                "Meeting", "Drop your unsaved changes to these minutes?")):
            if self.loaded is not None:
                self._show_key(self.loaded.day, self.loaded.shift)
            return False
        self._show_key(day, shift)
        self._request_load(day, shift)
        return True

    def _request_load(self, day: date, shift: str) -> None:
        self._load_token += 1
        self.loading = True
        self.tabs.setEnabled(False)
        self._say(QCoreApplication.translate("Meeting", "Loading…"))
        self._buttons()
        self.backend.load_minutes(self, day, shift).done(
            tagged(self._loaded, self._load_token)).refused(
            tagged(self._load_failed, self._load_token)).run()

    def _loaded(self, token: int, minutes: Any) -> None:
        if token != self._load_token:
            return  # a later request is on its way
        self.loading = False
        self._say("")
        self.fill(minutes)

    def _load_failed(self, token: int, message: str) -> None:
        if token != self._load_token:
            return
        self.loading = False
        self.loaded = None
        self.dirty = False
        self._say(QCoreApplication.translate("Meeting", "Could not load the minutes: {why}")
                  .format(why=message), error=True)
        self._render_info()
        self._buttons()

    def _picker_changed(self) -> None:
        day, shift = self.day(), self.shift()
        if self.loaded is not None and not self.loading \
                and (self.loaded.day, self.loaded.shift) == (day, shift):
            return
        self.load(day, shift)

    def fill(self, m: Minutes) -> None:
        """Put ``m`` in the form; it becomes what "unsaved changes" compare with."""
        self._filling = True
        try:
            self._show_key(m.day, m.shift)
            for key, edit in self.section_edits.items():
                edit.setPlainText(m.sections.get(key, ""))
            self.notices.setRowCount(0)
            for n in m.notices:
                self._append_notice(n)
            self.problems.clear()
            for p in m.problems:
                self._append_problem(p)
            self.attendance.setRowCount(0)
            for a in m.attendees:
                self._append_person(a, added=False)
            self._quiz_people = self._people()
            self.quiz.setRowCount(0)
            for q in m.quiz:
                self._append_quiz(q)
        finally:
            self._filling = False
        self.loaded = m
        self.tabs.setEnabled(True)
        self._render_info()
        self._changed()
        self.minutes_loaded.emit()

    def _render_info(self) -> None:
        m = self.loaded
        if m is None:
            self.info.setText("")
            return
        if m.version == 0:
            if m.attendees:
                text = QCoreApplication.translate(
                    "Meeting", "New minutes, not saved yet. Attendance is filled in from the "
                               "roster ({n} people): mark who was late or absent.").format(
                    n=len(m.attendees))
            else:
                text = QCoreApplication.translate(
                    "Meeting", "New minutes, not saved yet. Nobody is on the roster for this "
                               "shift: add the people who attended.")
        else:
            who = m.saved_by or "?"
            if m.saved_by == m.chair and m.chair_name:
                who = f"{m.chair_name} ({m.saved_by})"
            when = m.saved_at.astimezone(self.tz).strftime("%Y-%m-%d %H:%M") \
                if m.saved_at else "?"
            text = QCoreApplication.translate(
                "Meeting", "Saved by {who} at {when} · version {version}").format(
                who=who, when=when, version=m.version)
        self.info.setText(text)

    # -- the list of minutes

    def refresh_history(self) -> None:
        today = self.backend.today()
        self.backend.list_meetings(self, today - timedelta(days=HISTORY_DAYS - 1),
                                   today + timedelta(days=1)).done(
            self._history_done).refused(self._history_failed).run()

    def _history_done(self, rows: Any) -> None:
        self.history = list(rows)
        self._render_history()
        self.history_loaded.emit()

    def _history_failed(self, message: str) -> None:
        self._say(QCoreApplication.translate("Meeting", "Could not list the minutes: {why}")
                  .format(why=message), error=True)
        self.history_loaded.emit()

    def history_keys(self) -> list[tuple[date, str]]:
        """The list's entries, top to bottom: every shift of the last 30 days (the
        held meetings marked ✓), newest first."""
        today = self.backend.today()
        names = [s.name for s in self.backend.policy().shifts]
        saved = {(m.day, m.shift) for m in self.history}
        keys = set(saved)
        for i in range(HISTORY_DAYS):
            d = today - timedelta(days=i)
            keys.update((d, s) for s in names)

        def order(k: tuple[date, str]) -> tuple[int, int, str]:
            pos = names.index(k[1]) if k[1] in names else len(names)
            return (-k[0].toordinal(), pos, k[1])
        return sorted(keys, key=order)

    def _render_history(self) -> None:
        saved = {(m.day, m.shift): m for m in self.history}
        self.history_list.blockSignals(True)
        self.history_list.clear()
        for day, shift in self.history_keys():
            m = saved.get((day, shift))
            item = QListWidgetItem(f"{day.isoformat()} {shift}" + (" ✓" if m else ""))
            item.setData(KEY_ROLE, (day.isoformat(), shift))
            if m is None:
                item.setForeground(self.palette().placeholderText())
                item.setToolTip(QCoreApplication.translate("Meeting", "No minutes saved"))
            else:
                when = m.saved_at.astimezone(self.tz).strftime("%Y-%m-%d %H:%M") \
                    if m.saved_at else "?"
                item.setToolTip(QCoreApplication.translate(
                    "Meeting", "Saved by {who} at {when}").format(who=m.saved_by or "?",
                                                                  when=when))
            self.history_list.addItem(item)
        self.history_list.blockSignals(False)
        if self.loaded is not None:
            self._select_history(self.loaded.day, self.loaded.shift)

    def history_item(self, day: date, shift: str) -> QListWidgetItem | None:
        for i in range(self.history_list.count()):
            item = self.history_list.item(i)
            if item.data(KEY_ROLE) == (day.isoformat(), shift):
                return item
        return None

    def _select_history(self, day: date, shift: str) -> None:
        item = self.history_item(day, shift)
        self.history_list.blockSignals(True)
        if item is None:
            self.history_list.clearSelection()
        else:
            self.history_list.setCurrentItem(item)
        self.history_list.blockSignals(False)

    def _history_clicked(self, item: QListWidgetItem) -> None:
        key = item.data(KEY_ROLE)
        if not key or self.saving:
            return
        day, shift = date.fromisoformat(key[0]), str(key[1])
        if self.loaded is not None and (self.loaded.day, self.loaded.shift) == (day, shift):
            return
        self.load(day, shift)

    # -- the form's rows

    def _item(self, text: str, editable: bool = True) -> QTableWidgetItem:
        item = QTableWidgetItem(text)
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if editable:
            flags |= Qt.ItemFlag.ItemIsEditable
        item.setFlags(flags)
        return item

    @_quiet
    def _append_notice(self, n: Notice) -> int:
        r = self.notices.rowCount()
        self.notices.insertRow(r)
        text = self._item(n.text, editable=not n.announcement_id)
        text.setToolTip(n.text)
        self.notices.setItem(r, N_TEXT, text)
        wall = QTableWidgetItem()
        wall.setData(AID_ROLE, n.announcement_id)
        if n.announcement_id:
            wall.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable)
        else:
            wall.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
                          | Qt.ItemFlag.ItemIsUserCheckable)
            wall.setCheckState(Qt.CheckState.Checked if n.publish else Qt.CheckState.Unchecked)
        self.notices.setItem(r, N_WALL, wall)
        self._render_wall_cell(r)
        return r

    def _render_wall_cell(self, r: int) -> None:
        wall = self.notices.item(r, N_WALL)
        if wall is not None and wall.data(AID_ROLE):
            wall.setText("✓ " + QCoreApplication.translate("Meeting", "on the wall"))
            wall.setToolTip(QCoreApplication.translate(
                "Meeting", "Published to the wall ticker when the minutes were saved"))

    @_quiet
    def _append_problem(self, text: str) -> QListWidgetItem:
        item = QListWidgetItem(text)
        item.setFlags(item.flags() | Qt.ItemFlag.ItemIsEditable)
        self.problems.addItem(item)
        return item

    def _people(self) -> list[tuple[str, str]]:
        """(工号, 姓名) of the attendance table, in its order."""
        out = []
        for r in range(self.attendance.rowCount()):
            aid, name = self._cell(self.attendance, r, A_ID), self._cell(self.attendance, r,
                                                                          A_NAME)
            if aid:
                out.append((aid, name))
        return out

    @_quiet
    def _append_quiz(self, q: QuizEntry | None = None) -> int:
        r = self.quiz.rowCount()
        self.quiz.insertRow(r)
        agent = QComboBox(self.quiz)
        agent.setObjectName("meetingQuizAgent")
        self._fill_agent_combo(agent, q.agent if q else "")
        agent.currentIndexChanged.connect(lambda _i: self._changed())
        self.quiz.setCellWidget(r, Q_AGENT, agent)
        self.quiz.setItem(r, Q_QUESTION, self._item(q.question if q else ""))
        res = QComboBox(self.quiz)
        res.setObjectName("meetingQuizResult")
        for ok in (True, False):
            res.addItem(result_label(ok), ok)
        res.setCurrentIndex(0 if (q is None or q.correct) else 1)
        res.currentIndexChanged.connect(lambda _i: self._changed())
        self.quiz.setCellWidget(r, Q_RESULT, res)
        return r

    def _fill_agent_combo(self, combo: QComboBox, agent: str) -> None:
        combo.blockSignals(True)
        combo.clear()
        combo.addItem("—", "")
        for aid, name in self._quiz_people:
            combo.addItem(person_text(aid, name), aid)
        i = combo.findData(agent)
        if i < 0 and agent:  # asked, then removed from the attendance (or old minutes)
            combo.addItem(agent, agent)
            i = combo.count() - 1
        combo.setCurrentIndex(max(i, 0))
        combo.blockSignals(False)

    def _quiz_agent(self, r: int) -> QComboBox:
        w = self.quiz.cellWidget(r, Q_AGENT)
        assert isinstance(w, QComboBox)
        return w

    def _quiz_result(self, r: int) -> QComboBox:
        w = self.quiz.cellWidget(r, Q_RESULT)
        assert isinstance(w, QComboBox)
        return w

    @_quiet
    def _append_person(self, a: Attendee, added: bool) -> int:
        r = self.attendance.rowCount()
        self.attendance.insertRow(r)
        aid = self._item(a.agent, editable=added)
        aid.setData(ADDED_ROLE, added)
        self.attendance.setItem(r, A_ID, aid)
        self.attendance.setItem(r, A_NAME, self._item(a.name, editable=added))
        combo = QComboBox(self.attendance)
        combo.setObjectName("meetingPresence")
        for p in PRESENCES:
            combo.addItem(presence_label(p), p.value)
        combo.setCurrentIndex(PRESENCES.index(a.presence))
        combo.currentIndexChanged.connect(lambda _i: self._changed())
        self.attendance.setCellWidget(r, A_PRESENCE, combo)
        spin = QSpinBox(self.attendance)
        spin.setObjectName("meetingLateMinutes")
        spin.setRange(0, MAX_LATE_MIN)
        spin.setSuffix(QCoreApplication.translate("Meeting", " min"))
        spin.setValue(min(max(a.late_min, 0), MAX_LATE_MIN)
                      if a.presence is MeetingPresence.LATE else 0)
        spin.setEnabled(a.presence is MeetingPresence.LATE)
        spin.valueChanged.connect(lambda _v: self._changed())
        self.attendance.setCellWidget(r, A_LATE, spin)
        return r

    def _presence_combo(self, r: int) -> QComboBox:
        w = self.attendance.cellWidget(r, A_PRESENCE)
        assert isinstance(w, QComboBox)
        return w

    def _late_spin(self, r: int) -> QSpinBox:
        w = self.attendance.cellWidget(r, A_LATE)
        assert isinstance(w, QSpinBox)
        return w

    @staticmethod
    def _cell(table: QTableWidget, r: int, c: int) -> str:
        item = table.item(r, c)
        return item.text().strip() if item is not None else ""

    # -- adding and removing rows (for tests and tools as well as the buttons)

    def add_notice(self, text: str = "", publish: bool = False) -> int:
        r = self._append_notice(Notice(text, publish))
        self._changed()
        self._edit_new(self.notices, r, N_TEXT, text)
        return r

    def remove_notice(self) -> None:
        r = self.notices.currentRow()
        if r < 0 or self._notice_published(r):
            return
        self.notices.removeRow(r)
        self._changed()

    def _notice_published(self, r: int) -> bool:
        wall = self.notices.item(r, N_WALL)
        return bool(wall is not None and wall.data(AID_ROLE))

    def add_problem(self, text: str = "") -> QListWidgetItem:
        item = self._append_problem(text)
        self.problems.setCurrentItem(item)
        self._changed()
        if not text and self.isVisible():
            self.problems.editItem(item)
        return item

    def remove_problem(self) -> None:
        r = self.problems.currentRow()
        if r >= 0:
            self.problems.takeItem(r)
            self._changed()

    def add_quiz(self, agent: str = "", question: str = "", correct: bool = True) -> int:
        r = self._append_quiz(QuizEntry(agent, question, correct))
        self._changed()
        self.quiz.setCurrentCell(r, Q_QUESTION)
        return r

    def remove_quiz(self) -> None:
        r = self.quiz.currentRow()
        if r >= 0:
            self.quiz.removeRow(r)
            self._changed()

    def add_person(self, agent: str = "", name: str = "") -> int:
        r = self._append_person(Attendee(agent, name), added=True)
        self._changed()
        self._edit_new(self.attendance, r, A_ID, agent)
        return r

    def remove_person(self) -> None:
        r = self.attendance.currentRow()
        if r < 0 or not self._added(r):
            return
        self.attendance.removeRow(r)
        self._changed()

    def _added(self, r: int) -> bool:
        item = self.attendance.item(r, A_ID)
        return bool(item is not None and item.data(ADDED_ROLE))

    def _edit_new(self, table: QTableWidget, r: int, c: int, text: str) -> None:
        table.setCurrentCell(r, c)
        item = table.item(r, c)
        if not text and item is not None and self.isVisible():
            table.editItem(item)

    # -- the form as minutes

    def _notices(self) -> tuple[Notice, ...]:
        out = []
        for r in range(self.notices.rowCount()):
            wall = self.notices.item(r, N_WALL)
            aid = wall.data(AID_ROLE) if wall is not None else None
            text = self._cell(self.notices, r, N_TEXT)
            if not text and not aid:
                continue  # an empty row added and left
            publish = bool(aid) or (wall is not None
                                    and wall.checkState() == Qt.CheckState.Checked)
            out.append(Notice(text, publish, aid or None))
        return tuple(out)

    def _problems(self) -> tuple[str, ...]:
        texts = (self.problems.item(i).text().strip() for i in range(self.problems.count()))
        return tuple(t for t in texts if t)

    def _quiz_rows(self) -> list[tuple[int, QuizEntry]]:
        """(row number from 1, entry) of every row not left empty."""
        out = []
        for r in range(self.quiz.rowCount()):
            agent = str(self._quiz_agent(r).currentData() or "")
            question = self._cell(self.quiz, r, Q_QUESTION)
            if not agent and not question:
                continue
            out.append((r + 1, QuizEntry(agent, question,
                                         bool(self._quiz_result(r).currentData()))))
        return out

    def _attendee_rows(self) -> list[tuple[int, Attendee]]:
        out = []
        for r in range(self.attendance.rowCount()):
            aid = self._cell(self.attendance, r, A_ID)
            name = self._cell(self.attendance, r, A_NAME)
            if not aid and not name and self._added(r):
                continue  # an added row left empty
            p = MeetingPresence(self._presence_combo(r).currentData())
            late = self._late_spin(r).value() if p is MeetingPresence.LATE else 0
            out.append((r + 1, Attendee(aid, name, p, late)))
        return out

    def form_minutes(self) -> Minutes:
        """What the form holds now, as minutes of the loaded version."""
        base = self.loaded or Minutes(day=self.day(), shift=self.shift(), chair="")
        return replace(base,
                       sections={k: e.toPlainText() for k, e in self.section_edits.items()},
                       notices=self._notices(), problems=self._problems(),
                       quiz=tuple(q for _r, q in self._quiz_rows()),
                       attendees=tuple(a for _r, a in self._attendee_rows()))

    def validate(self) -> str | None:
        """Why the form cannot be saved (naming the row), or None. Shows the tab and
        selects the row in question."""
        seen: dict[str, int] = {}
        for r, a in self._attendee_rows():
            problem = None
            if not a.agent:
                problem = QCoreApplication.translate(
                    "Meeting", "Attendance row {row}: enter the agent ID.").format(row=r)
            elif a.agent in seen:
                problem = QCoreApplication.translate(
                    "Meeting", "Attendance row {row}: {agent} is already in row {first}.").format(
                    row=r, agent=a.agent, first=seen[a.agent])
            elif a.presence is MeetingPresence.LATE and not 0 < a.late_min <= MAX_LATE_MIN:
                problem = QCoreApplication.translate(
                    "Meeting", "Attendance row {row} ({who}): someone late needs the minutes "
                               "late, 1–{max}.").format(
                    row=r, who=person_text(a.agent, a.name), max=MAX_LATE_MIN)
            if problem is not None:
                self._point_at(3, self.attendance, r - 1)
                return problem
            seen[a.agent] = r
        for r, q in self._quiz_rows():
            problem = None
            if not q.agent:
                problem = QCoreApplication.translate(
                    "Meeting", "Spot quiz row {row}: choose the agent who was asked.").format(
                    row=r)
            elif not q.question:
                problem = QCoreApplication.translate(
                    "Meeting", "Spot quiz row {row}: write the question.").format(row=r)
            if problem is not None:
                self._point_at(2, self.quiz, r - 1)
                return problem
        return None

    def _point_at(self, tab: int, table: QTableWidget, r: int) -> None:
        self.tabs.setCurrentIndex(tab)
        table.selectRow(r)

    # -- changes

    def _changed(self) -> None:
        if self._filling:
            return
        people = self._people()
        if people != self._quiz_people:
            self._quiz_people = people
            for r in range(self.quiz.rowCount()):
                combo = self._quiz_agent(r)
                self._fill_agent_combo(combo, str(combo.currentData() or ""))
        for r in range(self.attendance.rowCount()):
            late = self._presence_combo(r).currentData() == MeetingPresence.LATE.value
            spin = self._late_spin(r)
            if spin.isEnabled() != late:
                spin.setEnabled(late)
        self._render_counts()
        self.dirty = self.loaded is not None and \
            comparable(self.form_minutes()) != comparable(self.loaded)
        self._buttons()

    def _render_counts(self) -> None:
        attendees = [a for _r, a in self._attendee_rows()]
        self.counts.setText(counts_text(attendees))
        wrong = sum(1 for _r, q in self._quiz_rows() if not q.correct)
        self.quiz_wrong.setText(QCoreApplication.translate(
            "Meeting", "Wrong answers: {n}").format(n=wrong))
        paint(self.quiz_wrong, Tone.ERROR if wrong else Tone.PLAIN)

    def _buttons(self) -> None:
        ready = self.loaded is not None and not self.loading
        self.save_button.setEnabled(ready and not self.saving and self.dirty)
        self.export_button.setEnabled(ready and not self.saving)
        self.tabs.setEnabled(ready and not self.saving)
        for w in (self.date_edit, self.shift_box, self.history_list):
            w.setEnabled(not self.saving)
        r = self.notices.currentRow()
        self.remove_notice_button.setEnabled(r >= 0 and bool(self.notices.selectedItems())
                                             and not self._notice_published(r))
        self.remove_problem_button.setEnabled(bool(self.problems.selectedItems()))
        self.remove_quiz_button.setEnabled(self.quiz.currentRow() >= 0
                                           and bool(self.quiz.selectionModel().selectedRows()))
        r = self.attendance.currentRow()
        self.remove_person_button.setEnabled(
            r >= 0 and bool(self.attendance.selectionModel().selectedRows()) and self._added(r))

    def _say(self, text: str, error: bool = False, tone: Tone = Tone.PLAIN) -> None:
        self._status_error = error
        self.status.show_text(text, Tone.ERROR if error else tone)

    def show_failure(self, text: str) -> None:
        """A request's failure no handler took: on the status line."""
        self._say(text, error=True)

    def message_colour(self) -> str | None:
        """The status line's colour as shown (the theme's, by tone)."""
        return tone_colour(self.status.tone)

    def message_text(self) -> str:
        return self.status.text()

    # -- saving

    def save(self) -> bool:
        """Send the form; False (and why, inline) when it cannot go."""
        if self.saving or self.loading or self.loaded is None or not self.dirty:
            return False
        problem = self.validate()
        if problem is not None:
            self._say(problem, error=True)
            return False
        m = self.form_minutes()
        self._sent = m
        self.saving = True
        self._buttons()
        self._say(QCoreApplication.translate("Meeting", "Saving…"))
        self.backend.save_minutes(self, m).done(self._saved).refused(
            self._save_refused).conflict(self._save_conflict).run()
        return True

    def _saved(self, result: Any) -> None:
        self.saving = False
        sent = self._sent
        self.fill(result)
        when = (result.saved_at or self.backend.now()).astimezone(self.tz).strftime("%H:%M")
        msg = QCoreApplication.translate("Meeting", "Saved at {time} (version {version}).") \
            .format(time=when, version=result.version)
        before = sum(1 for n in sent.notices if n.announcement_id) if sent else 0
        published = sum(1 for n in result.notices if n.announcement_id) - before
        if published > 0:
            msg += " " + QCoreApplication.translate(
                "Meeting", "{n} notice(s) now on the wall display's ticker.").format(n=published)
        self._say(msg, tone=Tone.OK)
        self.refresh_history()
        self.save_answered.emit()

    def _save_refused(self, message: str) -> None:
        self.saving = False
        self._buttons()
        self._say(message, error=True)
        self.save_answered.emit()

    def _save_conflict(self, e: Exception) -> None:
        """Another leader saved first: their minutes replace the form, the leader's
        own version stays readable in the unsaved-text panel."""
        assert isinstance(e, StaleEdit)
        self.saving = False
        mine = self._sent or self.form_minutes()
        self.keep_unsaved(mine)
        current = e.current if isinstance(e.current, Minutes) else None
        names: dict[str, str] = {}
        for m in (self.loaded, current):
            if m is not None and m.chair_name:
                names[m.chair] = m.chair_name
        text = conflict_text(e, self.tz, field_labels(), names)
        if current is not None:
            self.fill(current)
        else:  # deleted meanwhile, or no copy came with the refusal: ask again
            self.dirty = False
            self._request_load(mine.day, mine.shift)
        self._say(QCoreApplication.translate(
            "Meeting", "Not saved: someone else saved these minutes first. Their version is "
                       "shown; yours is kept under “Your unsaved text”."), tone=Tone.WARN)
        self.show_conflict(self, conflict_title(), text)
        self.refresh_history()
        self.save_answered.emit()

    # -- the unsaved text

    def keep_unsaved(self, m: Minutes) -> None:
        self.unsaved = m
        self.unsaved_text.setPlainText(minutes_text(m))
        self.unsaved_panel.setVisible(True)
        self.unsaved_toggle.setChecked(True)

    def _toggle_unsaved(self, on: bool) -> None:
        self.unsaved_text.setVisible(on)
        self.unsaved_toggle.setArrowType(Qt.ArrowType.DownArrow if on
                                         else Qt.ArrowType.RightArrow)
        self.unsaved_toggle.setText(
            QCoreApplication.translate("Meeting", "Your unsaved text") if on
            else QCoreApplication.translate("Meeting", "Show your unsaved text"))

    def copy_unsaved(self) -> None:
        if self.unsaved is None:
            return
        QGuiApplication.clipboard().setText(self.unsaved_text.toPlainText())
        self._say(QCoreApplication.translate("Meeting", "Your unsaved text is on the clipboard."))

    def dismiss_unsaved(self) -> None:
        self.unsaved = None
        self.unsaved_text.clear()
        self.unsaved_toggle.setChecked(False)
        self.unsaved_panel.setVisible(False)

    # -- export

    def export_pdf(self) -> bool:
        """The form's minutes (unsaved edits included) as a PDF where the leader says."""
        if self.loaded is None or self.loading:
            return False
        m = self.form_minutes()
        name = QCoreApplication.translate("Meeting", "Morning meeting {day} {shift}").format(
            day=m.day.isoformat(), shift=m.shift) + ".pdf"
        docs = QStandardPaths.writableLocation(
            QStandardPaths.StandardLocation.DocumentsLocation)
        path = self.ask_save_path(str(Path(docs) / name) if docs else name)
        if not path:
            return False
        if not path.lower().endswith(".pdf"):
            path += ".pdf"
        from views import minutes_pdf  # written alongside; loaded only when asked for

        try:
            pages = minutes_pdf.write_minutes_pdf(m, path, tz=self.tz)
        except Exception as e:  # noqa: BLE001 - a disk or font problem: say it, keep the form
            self._say(QCoreApplication.translate("Meeting", "Could not write the PDF: {why}")
                      .format(why=str(e) or type(e).__name__), error=True)
            return False
        self._say(QCoreApplication.translate(
            "Meeting", "Exported to {path} ({pages} page(s)).").format(path=path, pages=pages))
        return True

    def _path_dialog(self, suggested: str) -> str | None:
        return dialogs.save_path(
            self, QCoreApplication.translate("Meeting", "Export the minutes as PDF"), suggested,
            QCoreApplication.translate("Meeting", "PDF files (*.pdf)"))

    # -- closing

    def _confirm_dialog(self, text: str) -> bool:
        return dialogs.confirm(self, QCoreApplication.translate("Meeting", "Morning meeting"),
                               text)

    def reject(self) -> None:
        """Close, Escape or the window's X: unsaved minutes are not dropped unasked."""
        if not self._quiet_close and self.dirty and not self.ask_confirm(
                QCoreApplication.translate("Meeting",
                                           "Close without saving your changes to the minutes?")):
            return
        super().reject()

    def closeEvent(self, e: QCloseEvent) -> None:
        if not e.spontaneous():
            # closed by the program (a shift change, quitting): no question asked
            self._quiet_close = True
        super().closeEvent(e)
