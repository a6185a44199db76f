"""考勤: the shift leader's attendance dialog (DOMAIN §6, R-ATT-1 … 6) — the daily
register, the monthly summary (月考勤汇总表) and leave requests.

* 考勤登记: the day's rostered agents with what the telephony platform saw (the
  suggestion) beside what was saved. The leader confirms a row as shown, confirms
  every unconfirmed row at once, or corrects a row in the edit panel; a correction
  (a record that departs from the suggestion) needs a reason. A line under the
  table applies the policy's daily checks (000 第四篇: how many late, how many on
  leave). A shift not yet at its start + grace proposes nothing, one under way only
  provisionally; "confirm all" leaves both until the shift is over (issue #12). A
  班组 column and "只看异常" (exceptions only) help on a large floor.
* 月考勤汇总: one row per agent for a month, the policy's flags highlighted, and the
  export to Excel.
* 请假: the requests of this month and next with their approval chain; new requests
  and the approve / reject step.

Everything goes through the backend (:class:`AttendanceSource`, asynchronous; the
database checks rights and versions). A save refused because another leader saved
first shows the conflict box (:mod:`views.conflict`) and reloads, keeping what the
leader typed in the edit panel; any other refusal shows inline.
"""

from __future__ import annotations

import contextlib
import dataclasses
import weakref
from collections.abc import Callable, Mapping, Sequence
from datetime import UTC, date, datetime, timedelta
from typing import Any, Protocol
from zoneinfo import ZoneInfo

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QDate,
    QEvent,
    QItemSelectionModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QSpinBox,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from models.domain.attendance import (
    LEAVE_TYPES,
    TYPE_CODES,
    WORKING_TYPES,
    AgentMonth,
    AttendanceRecord,
    AttType,
    MonthSummary,
    Settle,
    approval_roles,
)
from models.domain.policy import Policy
from models.domain.roles import Role
from models.domain.shiftrecords import (
    Conflict,
    Done,
    Error,
    LeaveRequest,
    RegisterRow,
    StaleEdit,
    Stored,
    record_fields,
)
from views import conflict, labels
from views.alerts_panel import _weak
from views.paths import in_documents

Index = QModelIndex | QPersistentModelIndex

#: the floor's time zone until the backend's policy says otherwise
DEFAULT_TZ = ZoneInfo("Asia/Shanghai")
#: the row's key (工号 for the register and the summary, the request id for leave)
KEY_ROLE = Qt.ItemDataRole.UserRole + 1
#: register: "unconfirmed" / "confirmed" / "corrected"; summary: True when flagged;
#: leave: the request's status
STATE_ROLE = Qt.ItemDataRole.UserRole + 2

R_AGENT, R_NAME, R_GROUP, R_SHIFT, R_IN, R_OUT, R_SUGGESTED, R_RECORD, R_STATUS = range(9)
S_AGENT, S_NAME = 0, 1
S_TYPES = 2  # the nine types, in TYPE_CODES order
S_LATE_N = S_TYPES + len(TYPE_CODES)
S_LATE_MIN, S_EARLY_MIN, S_ABSENT, S_FLAGS = S_LATE_N + 1, S_LATE_N + 2, S_LATE_N + 3, S_LATE_N + 4
L_AGENT, L_NAME, L_TYPE, L_SPAN, L_DAYS, L_CHAIN, L_STATUS = range(7)

#: leave types in the order of DOMAIN §6
LEAVE_CODES: tuple[str, ...] = tuple(c for c in TYPE_CODES if AttType(c) in LEAVE_TYPES)

_RED = "#c62828"
_AMBER = "#b26a00"
_UNCONFIRMED_BG = QColor(255, 243, 214)
_FLAGGED_BG = QColor(253, 228, 226)
_PENDING_BG = QColor(255, 243, 214)
_DARK_TEXT = QColor(33, 33, 33)
#: a row of a shift not due yet: nothing to do, so no alarm colour (issue #12)
_NOT_DUE_TEXT = QColor(117, 117, 117)


class AttendanceSource(Protocol):
    """What the dialog needs (console.shiftops_backend.ShiftOpsBackend). Every call
    answers later, on the GUI thread: ``on_done(result)``, ``on_error(text)`` for a
    refusal or a fault, ``on_conflict(StaleEdit)`` when someone saved first."""

    def today(self) -> date: ...

    def register_day(self) -> date:
        """The date the shift running now started on (a night shift's register is
        kept on its start date), else today."""
        ...

    def policy(self) -> Policy: ...

    def load_register(self, day: date, on_done: Done, on_error: Error) -> None: ...

    def save_record(
        self,
        record: AttendanceRecord,
        expected_version: int,
        reason: str,
        suggested: AttendanceRecord | None,
        loaded: AttendanceRecord | None,
        on_done: Done,
        on_error: Error,
        on_conflict: Conflict,
    ) -> None: ...

    def load_summary(self, month: str, on_done: Done, on_error: Error) -> None: ...

    def export_summary(
        self, summary: MonthSummary, path: str, on_done: Done, on_error: Error
    ) -> None: ...

    def load_leave(self, first: date, last: date, on_done: Done, on_error: Error) -> None: ...

    def request_leave(
        self,
        agent: str,
        type_: AttType,
        start: date,
        end: date,
        reason: str,
        on_done: Done,
        on_error: Error,
    ) -> None: ...

    def decide_leave(
        self,
        request_id: int,
        approve: bool,
        expected_version: int,
        note: str,
        on_done: Done,
        on_error: Error,
        on_conflict: Conflict,
    ) -> None: ...


# ---- texts ---------------------------------------------------------------------------


def type_label(code: str | AttType) -> str:
    """The type's name (出勤, 病假 … in Chinese)."""
    c = str(code)
    return {
        "present": QCoreApplication.translate("Attendance", "Present"),
        "sick": QCoreApplication.translate("Attendance", "Sick leave"),
        "personal": QCoreApplication.translate("Attendance", "Personal leave"),
        "maternity": QCoreApplication.translate("Attendance", "Maternity leave"),
        "marriage": QCoreApplication.translate("Attendance", "Marriage leave"),
        "bereavement": QCoreApplication.translate("Attendance", "Bereavement leave"),
        "family_visit": QCoreApplication.translate("Attendance", "Family-visit leave"),
        "late_early": QCoreApplication.translate("Attendance", "Late / left early"),
        "absent": QCoreApplication.translate("Attendance", "Absent without leave"),
    }.get(c, c)


def field_labels() -> dict[str, str]:
    """The register's fields as the conflict box names them."""
    return {
        "type": QCoreApplication.translate("Attendance", "Type"),
        "late_min": QCoreApplication.translate("Attendance", "Minutes late"),
        "early_min": QCoreApplication.translate("Attendance", "Minutes left early"),
        "note": QCoreApplication.translate("Attendance", "Note"),
    }


def leave_status_label(status: str) -> str:
    return {
        "pending": QCoreApplication.translate("Attendance", "Pending"),
        "approved": QCoreApplication.translate("Attendance", "Approved"),
        "rejected": QCoreApplication.translate("Attendance", "Rejected"),
        "cancelled": QCoreApplication.translate("Attendance", "Cancelled"),
    }.get(status, status)


def role_label(role: str) -> str:
    try:
        return labels.role(Role(role))
    except (ValueError, KeyError):
        return role


def num(x: float) -> str:
    """Days and counts for people: 16, 0.5, 1.5 (never 16.0)."""
    x = round(float(x), 3)
    return str(int(x)) if x.is_integer() else f"{x:g}"


def record_text(r: AttendanceRecord) -> str:
    """出勤 / 迟到早退 迟到 12 分 早退 5 分."""
    parts = [type_label(r.type)]
    if r.late_min:
        parts.append(QCoreApplication.translate("Attendance", "late {n} min").format(n=r.late_min))
    if r.early_min:
        parts.append(
            QCoreApplication.translate("Attendance", "left early {n} min").format(n=r.early_min)
        )
    return " ".join(parts)


def _value_text(field: str, value: Any) -> str:
    if field == "type" and value:
        return type_label(str(value))
    if value is None or value == "":
        return "—"
    return str(value)


def _local(t: datetime, tz: ZoneInfo) -> datetime:
    return (t if t.tzinfo is not None else t.replace(tzinfo=UTC)).astimezone(tz)


def clock_text(t: datetime | None, tz: ZoneInfo, day: date) -> str:
    """hh:mm in the floor's time, with the date when it is not ``day``; — for none."""
    if t is None:
        return "—"
    lt = _local(t, tz)
    return lt.strftime("%H:%M") if lt.date() == day else lt.strftime("%m-%d %H:%M")


def chain_text(req: LeaveRequest) -> str:
    """部长 ✓ → 主任 待批: each role of the chain with its decision so far."""
    parts = []
    for i, role in enumerate(req.chain):
        name = role_label(role)
        if i < len(req.steps):
            ok = req.steps[i].get("decision") == "approved"
            parts.append(f"{name} {'✓' if ok else '✗'}")
        elif i == len(req.steps) and req.status == "pending":
            parts.append(
                QCoreApplication.translate("Attendance", "{role} pending").format(role=name)
            )
        else:
            parts.append(name)
    return " → ".join(parts)


def _qdate(d: date) -> QDate:
    return QDate(d.year, d.month, d.day)


def _pydate(q: QDate) -> date:
    return date(q.year(), q.month(), q.day())


def _month_end(d: date) -> date:
    nxt = (d.replace(day=28) + timedelta(days=4)).replace(day=1)
    return nxt - timedelta(days=1)


def _table(parent: QWidget, name: str, model: QAbstractTableModel) -> QTableView:
    t = QTableView(parent)
    t.setObjectName(name)
    t.setModel(model)
    t.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    t.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    t.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    t.verticalHeader().setVisible(False)
    t.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    t.horizontalHeader().setStretchLastSection(True)
    return t


# ---- the models ----------------------------------------------------------------------


class _ListModel(QAbstractTableModel):
    """A read-only table over a list of frozen rows, each with a key. Replacing the
    rows keeps the selection when the keys are the same (cells change, no reset)."""

    COLUMNS = 0

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: list[Any] = []

    def key(self, item: Any) -> Any:
        raise NotImplementedError

    def rows(self) -> list[Any]:
        return list(self._rows)

    def item_at(self, row: int) -> Any:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def row_of(self, key: Any) -> int | None:
        return next((i for i, r in enumerate(self._rows) if self.key(r) == key), None)

    def set_rows(self, rows: Sequence[Any]) -> None:
        new = list(rows)
        if new and [self.key(r) for r in new] == [self.key(r) for r in self._rows]:
            self._rows = new
            self.refresh()
            return
        self.beginResetModel()
        self._rows = new
        self.endResetModel()

    def replace(self, item: Any) -> int | None:
        i = self.row_of(self.key(item))
        if i is None:
            return None
        self._rows[i] = item
        self.dataChanged.emit(self.index(i, 0), self.index(i, self.COLUMNS - 1))
        return i

    def refresh(self) -> None:
        """Every cell again (the language or the names changed)."""
        if self._rows:
            self.dataChanged.emit(
                self.index(0, 0), self.index(len(self._rows) - 1, self.COLUMNS - 1)
            )
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, self.COLUMNS - 1)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else self.COLUMNS

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        return self.header(section)

    def header(self, section: int) -> str | None:
        raise NotImplementedError

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        item = self.item_at(index.row())
        if item is None or not 0 <= index.column() < self.COLUMNS:
            return None
        return self.cell(item, index.column(), role)

    def cell(self, item: Any, col: int, role: int) -> Any:
        raise NotImplementedError


def register_state(r: RegisterRow) -> str:
    return "unconfirmed" if not r.confirmed else "corrected" if r.differs else "confirmed"


def is_exception(r: RegisterRow) -> bool:
    """A row the "exceptions only" filter keeps: anything but a plain 出勤 (late, early,
    leave, 旷工) and every correction; a shift not due yet is nothing so far."""
    if r.stored is None and r.settle is Settle.NOT_DUE:
        return False
    rec = r.record
    return rec.type is not AttType.PRESENT or bool(rec.late_min or rec.early_min) or r.differs


class RegisterModel(_ListModel):
    """The day's register: one row per agent (RegisterRow)."""

    COLUMNS = 9

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.tz: ZoneInfo = DEFAULT_TZ
        #: 工号 → 姓名 of the people who saved records (operators), when known
        self.names: dict[str, str] = {}

    def key(self, item: Any) -> Any:
        return item.agent

    def row_at(self, row: int) -> RegisterRow | None:
        r: RegisterRow | None = self.item_at(row)
        return r

    def header(self, section: int) -> str | None:
        return {
            R_AGENT: QCoreApplication.translate("Attendance", "Agent ID"),
            R_NAME: QCoreApplication.translate("Attendance", "Name"),
            R_GROUP: QCoreApplication.translate("Attendance", "Group"),
            R_SHIFT: QCoreApplication.translate("Attendance", "Shift"),
            R_IN: QCoreApplication.translate("Attendance", "Signed in"),
            R_OUT: QCoreApplication.translate("Attendance", "Signed out"),
            R_SUGGESTED: QCoreApplication.translate("Attendance", "Platform suggests"),
            R_RECORD: QCoreApplication.translate("Attendance", "Register"),
            R_STATUS: QCoreApplication.translate("Attendance", "Status"),
        }.get(section)

    def who(self, person: str) -> str:
        return self.names.get(person) or person

    def status_text(self, r: RegisterRow) -> str:
        if r.stored is None:
            if r.settle is Settle.NOT_DUE:
                return QCoreApplication.translate("Attendance", "Shift not started")
            if r.settle is Settle.IN_SHIFT:
                return QCoreApplication.translate("Attendance", "Shift under way")
            return QCoreApplication.translate("Attendance", "To confirm")
        who = self.who(r.stored.updated_by)
        if r.differs:
            return QCoreApplication.translate("Attendance", "Corrected by {who}").format(who=who)
        if r.stored.source == "import":
            return QCoreApplication.translate("Attendance", "Imported by {who}").format(who=who)
        return QCoreApplication.translate("Attendance", "Confirmed by {who}").format(who=who)

    def cell(self, r: RegisterRow, col: int, role: int) -> Any:
        if role == Qt.ItemDataRole.DisplayRole:
            if col == R_AGENT:
                return r.agent
            if col == R_NAME:
                return r.name
            if col == R_GROUP:
                return r.group or "—"
            if col == R_SHIFT:
                return r.shift or "—"
            if col == R_IN:
                return clock_text(r.first_login, self.tz, r.suggested.day)
            if col == R_OUT:
                if r.still_logged_in:
                    return QCoreApplication.translate("Attendance", "Logged in")
                return clock_text(r.last_logout, self.tz, r.suggested.day)
            if col == R_SUGGESTED:
                if r.settle is Settle.NOT_DUE:
                    return QCoreApplication.translate("Attendance", "Not due yet")
                if r.settle is Settle.IN_SHIFT:
                    return QCoreApplication.translate("Attendance", "{record} so far").format(
                        record=record_text(r.suggested))
                return record_text(r.suggested)
            if col == R_RECORD:
                if r.stored is None and r.settle is Settle.NOT_DUE:
                    return "—"
                if r.stored is None:
                    return QCoreApplication.translate("Attendance", "Unconfirmed")
                return record_text(r.stored.record)
            if col == R_STATUS:
                return self.status_text(r)
        if role == Qt.ItemDataRole.ToolTipRole:
            if col == R_SUGGESTED and r.settle is Settle.NOT_DUE:
                return QCoreApplication.translate(
                    "Attendance", "The shift has not reached its start plus the login grace: "
                    "nothing is proposed yet.")
            if col == R_SUGGESTED and r.settle is Settle.IN_SHIFT:
                return QCoreApplication.translate(
                    "Attendance", "The shift is under way: this may still change, and "
                    "“Confirm all” leaves it until the shift is over.")
            if col == R_SUGGESTED and r.suggested.note:
                return r.suggested.note
            if col == R_RECORD and r.stored is not None and r.stored.record.note:
                return r.stored.record.note
            if col == R_STATUS and r.stored is not None:
                return QCoreApplication.translate(
                    "Attendance", "Saved by {who} at {when} (version {v})"
                ).format(
                    who=self.who(r.stored.updated_by),
                    when=_local(r.stored.updated_at, self.tz).strftime("%Y-%m-%d %H:%M"),
                    v=r.stored.version,
                )
            return None
        not_due = r.stored is None and r.settle is Settle.NOT_DUE
        if role == Qt.ItemDataRole.BackgroundRole and not r.confirmed and not not_due:
            return QBrush(_UNCONFIRMED_BG)
        if role == Qt.ItemDataRole.ForegroundRole and not_due:
            return QBrush(_NOT_DUE_TEXT)
        if role == Qt.ItemDataRole.ForegroundRole:
            if col == R_RECORD and not r.confirmed:
                return QBrush(QColor(_AMBER))
            if col == R_STATUS and r.differs:
                return QBrush(QColor(_RED))
            if not r.confirmed:
                return QBrush(_DARK_TEXT)
            return None
        if role == Qt.ItemDataRole.FontRole and col == R_RECORD and not r.confirmed \
                and not not_due:
            f = QFont()
            f.setBold(True)
            return f
        if role == KEY_ROLE:
            return r.agent
        if role == STATE_ROLE:
            return register_state(r)
        return None


class SummaryModel(_ListModel):
    """The monthly summary: one row per agent (AgentMonth)."""

    COLUMNS = S_FLAGS + 1

    def key(self, item: Any) -> Any:
        return item.agent

    def header(self, section: int) -> str | None:
        if S_TYPES <= section < S_LATE_N:
            return type_label(TYPE_CODES[section - S_TYPES])
        return {
            S_AGENT: QCoreApplication.translate("Attendance", "Agent ID"),
            S_NAME: QCoreApplication.translate("Attendance", "Name"),
            S_LATE_N: QCoreApplication.translate("Attendance", "Times late"),
            S_LATE_MIN: QCoreApplication.translate("Attendance", "Minutes late"),
            S_EARLY_MIN: QCoreApplication.translate("Attendance", "Minutes left early"),
            S_ABSENT: QCoreApplication.translate("Attendance", "Days counted absent"),
            S_FLAGS: QCoreApplication.translate("Attendance", "Notes"),
        }.get(section)

    @staticmethod
    def notes(a: AgentMonth) -> list[str]:
        out = list(a.flags)
        for code, days in a.charged.items():
            if days:
                out.append(
                    QCoreApplication.translate("Attendance", "Charged as {type}: {n} days").format(
                        type=type_label(code), n=num(days)
                    )
                )
        return out

    def cell(self, a: AgentMonth, col: int, role: int) -> Any:
        if role == Qt.ItemDataRole.DisplayRole:
            if col == S_AGENT:
                return a.agent
            if col == S_NAME:
                return a.name
            if S_TYPES <= col < S_LATE_N:
                return num(a.days.get(TYPE_CODES[col - S_TYPES], 0.0))
            if col == S_LATE_N:
                return str(a.late_count)
            if col == S_LATE_MIN:
                return str(a.late_min)
            if col == S_EARLY_MIN:
                return str(a.early_min)
            if col == S_ABSENT:
                return num(a.absent_days)
            if col == S_FLAGS:
                return "；".join(self.notes(a))
        if role == Qt.ItemDataRole.ToolTipRole and col == S_FLAGS:
            return "\n".join(self.notes(a)) or None
        if role == Qt.ItemDataRole.TextAlignmentRole and S_TYPES <= col <= S_ABSENT:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.BackgroundRole and a.flags:
            return QBrush(_FLAGGED_BG)
        if role == Qt.ItemDataRole.ForegroundRole and a.flags:
            return QBrush(QColor(_RED) if col == S_FLAGS else _DARK_TEXT)
        if role == KEY_ROLE:
            return a.agent
        if role == STATE_ROLE:
            return bool(a.flags)
        return None


class LeaveModel(_ListModel):
    """Leave requests (LeaveRequest), by start date."""

    COLUMNS = 7

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        #: 工号 → 姓名 (agents and operators)
        self.names: dict[str, str] = {}
        self.tz: ZoneInfo = DEFAULT_TZ

    def key(self, item: Any) -> Any:
        return item.id

    def request_at(self, row: int) -> LeaveRequest | None:
        r: LeaveRequest | None = self.item_at(row)
        return r

    def header(self, section: int) -> str | None:
        return {
            L_AGENT: QCoreApplication.translate("Attendance", "Agent ID"),
            L_NAME: QCoreApplication.translate("Attendance", "Name"),
            L_TYPE: QCoreApplication.translate("Attendance", "Leave type"),
            L_SPAN: QCoreApplication.translate("Attendance", "Dates"),
            L_DAYS: QCoreApplication.translate("Attendance", "Days"),
            L_CHAIN: QCoreApplication.translate("Attendance", "Approval"),
            L_STATUS: QCoreApplication.translate("Attendance", "Status"),
        }.get(section)

    def span_text(self, r: LeaveRequest) -> str:
        if r.start == r.end:
            return r.start.isoformat()
        return QCoreApplication.translate("Attendance", "{start} to {end}").format(
            start=r.start.isoformat(), end=r.end.isoformat()
        )

    def steps_text(self, r: LeaveRequest) -> str:
        lines = []
        for s in r.steps:
            who = s.get("by_name") or self.names.get(str(s.get("by", ""))) or s.get("by", "?")
            when = str(s.get("at", ""))
            with contextlib.suppress(ValueError):
                when = _local(datetime.fromisoformat(when), self.tz).strftime("%Y-%m-%d %H:%M")
            decision = leave_status_label(str(s.get("decision", "")))
            line = f"{role_label(str(s.get('role', '')))} {who} {when} {decision}"
            if s.get("note"):
                line += f"：{s['note']}"
            lines.append(line)
        if r.reason:
            lines.append(
                QCoreApplication.translate("Attendance", "Reason: {reason}").format(reason=r.reason)
            )
        return "\n".join(lines)

    def cell(self, r: LeaveRequest, col: int, role: int) -> Any:
        if role == Qt.ItemDataRole.DisplayRole:
            if col == L_AGENT:
                return r.agent
            if col == L_NAME:
                return self.names.get(r.agent, "")
            if col == L_TYPE:
                return type_label(r.type)
            if col == L_SPAN:
                return self.span_text(r)
            if col == L_DAYS:
                return num(r.days)
            if col == L_CHAIN:
                return chain_text(r)
            if col == L_STATUS:
                return leave_status_label(r.status)
        if role == Qt.ItemDataRole.ToolTipRole and col in (L_CHAIN, L_STATUS, L_TYPE):
            return self.steps_text(r) or None
        if role == Qt.ItemDataRole.BackgroundRole and r.status == "pending":
            return QBrush(_PENDING_BG)
        if role == Qt.ItemDataRole.ForegroundRole:
            if r.status == "rejected" and col == L_STATUS:
                return QBrush(QColor(_RED))
            if r.status == "pending":
                return QBrush(_DARK_TEXT)
            return None
        if role == KEY_ROLE:
            return r.id
        if role == STATE_ROLE:
            return r.status
        return None


# ---- the dialog ----------------------------------------------------------------------


class AttendanceDialog(QDialog):
    """Non-modal. ``ask_confirm``, ``ask_save_path`` and ``show_conflict`` are
    attributes so tests can answer them without a modal loop."""

    #: the register of a day is on screen (or its load failed)
    register_loaded = Signal()
    #: an answer to a save (done, refused or conflict) is on screen
    saved = Signal()
    #: "confirm all" has finished (every save answered, or stopped at a refusal)
    confirm_all_finished = Signal()
    summary_loaded = Signal()
    exported = Signal()
    leave_loaded = Signal()
    #: an answer to a new request or a decision is on screen
    leave_answered = Signal()

    def __init__(self, backend: AttendanceSource, parent: Any = None) -> None:
        super().__init__(parent)
        self.setObjectName("attendanceDialog")
        self.backend = backend
        confirm = weakref.WeakMethod(self._confirm_dialog)
        self.ask_confirm: Callable[[str], bool] = lambda text: bool((m := confirm()) and m(text))
        save_path = weakref.WeakMethod(self._save_path_dialog)

        def ask_save_path(name: str) -> str | None:
            m = save_path()
            return m(name) if m is not None else None

        self.ask_save_path: Callable[[str], str | None] = ask_save_path
        self.show_conflict: conflict.Show = conflict.show_conflict
        #: 工号 → 姓名 of everyone the answers named (agents and operators)
        self.people: dict[str, str] = {}
        #: agents offered for leave: 工号 → 姓名
        self.agents: dict[str, str] = {}
        # register
        self.shown_day: date | None = None
        self._reg_seq = 0
        self.saving: str | None = None  # the agent whose save is under way
        self._batch: list[RegisterRow] | None = None
        self._batch_total = 0
        self._batch_ok = 0
        self._batch_others = 0
        self._batch_skipped: list[str] = []
        self._panel_row: RegisterRow | None = None
        self._filling = False
        self._reloading = False
        self._keep_values_for: str | None = None
        self._reason_missing = False
        # summary
        self.summary: MonthSummary | None = None
        self._sum_seq = 0
        self.exporting = False
        # leave
        self._leave_seq = 0
        self.leave_busy = False

        self.register_model = RegisterModel(self)
        self.summary_model = SummaryModel(self)
        self.leave_model = LeaveModel(self)
        self._build()
        self.retranslate()
        self.resize(1080, 760)
        today = backend.today()
        self._filling = True
        # at 01:48 the leader keeps the register of the 夜班 under way (issue #12)
        self.day_edit.setDate(_qdate(backend.register_day()))
        self.month_edit.setDate(_qdate(today.replace(day=1)))
        self.leave_start.setDate(_qdate(today))
        self.leave_end.setDate(_qdate(today))
        self._filling = False
        self._leave_preview()
        self.reload_register()
        self.reload_summary()
        self.reload_leave()

    # -- layout

    def _build(self) -> None:
        layout = QVBoxLayout(self)
        self.tabs = QTabWidget(self)
        self.tabs.setObjectName("attendanceTabs")
        layout.addWidget(self.tabs)
        self.register_tab = QWidget(self.tabs)
        self.register_tab.setObjectName("attendanceRegisterTab")
        self.summary_tab = QWidget(self.tabs)
        self.summary_tab.setObjectName("attendanceSummaryTab")
        self.leave_tab = QWidget(self.tabs)
        self.leave_tab.setObjectName("attendanceLeaveTab")
        self.tabs.addTab(self.register_tab, "")
        self.tabs.addTab(self.summary_tab, "")
        self.tabs.addTab(self.leave_tab, "")
        self._build_register(self.register_tab)
        self._build_summary(self.summary_tab)
        self._build_leave(self.leave_tab)
        bottom = QHBoxLayout()
        bottom.addStretch(1)
        self.close_button = QPushButton(self)
        self.close_button.setObjectName("attendanceClose")
        self.close_button.setAutoDefault(False)
        self.close_button.clicked.connect(self.reject)
        bottom.addWidget(self.close_button)
        layout.addLayout(bottom)

    def _build_register(self, tab: QWidget) -> None:
        v = QVBoxLayout(tab)
        top = QHBoxLayout()
        self.day_label = QLabel(tab)
        self.day_edit = QDateEdit(tab)
        self.day_edit.setObjectName("attendanceDay")
        self.day_edit.setCalendarPopup(True)
        self.day_edit.setDisplayFormat("yyyy-MM-dd")
        self.day_edit.dateChanged.connect(self._day_changed)
        self.day_label.setBuddy(self.day_edit)
        top.addWidget(self.day_label)
        top.addWidget(self.day_edit)
        self.register_reload = QPushButton(tab)
        self.register_reload.setObjectName("attendanceReload")
        self.register_reload.setAutoDefault(False)
        self.register_reload.clicked.connect(self.reload_register)
        top.addWidget(self.register_reload)
        self.unconfirmed_label = QLabel(tab)
        self.unconfirmed_label.setObjectName("attendanceUnconfirmedCount")
        top.addWidget(self.unconfirmed_label)
        self.exceptions_only = QCheckBox(tab)
        self.exceptions_only.setObjectName("attendanceExceptionsOnly")
        self.exceptions_only.toggled.connect(lambda _on: self._apply_filter())
        top.addWidget(self.exceptions_only)
        top.addStretch(1)
        self.confirm_all_button = QPushButton(tab)
        self.confirm_all_button.setObjectName("attendanceConfirmAll")
        self.confirm_all_button.setAutoDefault(False)
        self.confirm_all_button.clicked.connect(self.confirm_all)
        top.addWidget(self.confirm_all_button)
        v.addLayout(top)

        self.register_table = _table(tab, "attendanceRegister", self.register_model)
        self.register_table.selectionModel().selectionChanged.connect(
            lambda _a, _b: self._selection_changed()
        )
        v.addWidget(self.register_table, 1)
        self.daily_check = QLabel(tab)
        self.daily_check.setObjectName("attendanceDailyCheck")
        v.addWidget(self.daily_check)

        self.edit_box = QGroupBox(tab)
        self.edit_box.setObjectName("attendanceEditPanel")
        form = QFormLayout(self.edit_box)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.type_label = QLabel(self.edit_box)
        self.type_combo = QComboBox(self.edit_box)
        self.type_combo.setObjectName("attendanceType")
        for code in TYPE_CODES:
            self.type_combo.addItem("", code)
        self.type_combo.currentIndexChanged.connect(lambda _i: self._panel_changed())
        self.type_label.setBuddy(self.type_combo)
        row = QHBoxLayout()
        row.addWidget(self.type_combo)
        self.late_label = QLabel(self.edit_box)
        self.late_spin = QSpinBox(self.edit_box)
        self.late_spin.setObjectName("attendanceLate")
        self.late_label.setBuddy(self.late_spin)
        self.early_label = QLabel(self.edit_box)
        self.early_spin = QSpinBox(self.edit_box)
        self.early_spin.setObjectName("attendanceEarly")
        self.early_label.setBuddy(self.early_spin)
        for spin in (self.late_spin, self.early_spin):
            spin.setRange(0, 1440)
            spin.valueChanged.connect(lambda _v: self._panel_changed())
        row.addWidget(self.late_label)
        row.addWidget(self.late_spin)
        row.addWidget(self.early_label)
        row.addWidget(self.early_spin)
        row.addStretch(1)
        form.addRow(self.type_label, row)
        self.note_label = QLabel(self.edit_box)
        self.note_edit = QLineEdit(self.edit_box)
        self.note_edit.setObjectName("attendanceNote")
        self.note_edit.setMaxLength(500)
        self.note_edit.textChanged.connect(lambda _t: self._panel_changed())
        self.note_label.setBuddy(self.note_edit)
        form.addRow(self.note_label, self.note_edit)
        self.reason_label = QLabel(self.edit_box)
        self.reason_edit = QLineEdit(self.edit_box)
        self.reason_edit.setObjectName("attendanceReason")
        self.reason_edit.setMaxLength(500)
        self.reason_edit.textChanged.connect(lambda _t: self._reason_changed())
        self.reason_label.setBuddy(self.reason_edit)
        form.addRow(self.reason_label, self.reason_edit)
        self.reason_hint = QLabel(self.edit_box)
        self.reason_hint.setObjectName("attendanceReasonHint")
        self.reason_hint.setWordWrap(True)
        form.addRow("", self.reason_hint)
        buttons = QHBoxLayout()
        self.confirm_button = QPushButton(self.edit_box)
        self.confirm_button.setObjectName("attendanceConfirm")
        self.confirm_button.setAutoDefault(False)
        self.confirm_button.clicked.connect(self.confirm_selected)
        self.save_button = QPushButton(self.edit_box)
        self.save_button.setObjectName("attendanceSave")
        self.save_button.setAutoDefault(False)
        self.save_button.clicked.connect(self.save_correction)
        buttons.addWidget(self.confirm_button)
        buttons.addWidget(self.save_button)
        buttons.addStretch(1)
        form.addRow(buttons)
        v.addWidget(self.edit_box)
        self.status = QLabel(tab)
        self.status.setObjectName("attendanceStatus")
        self.status.setWordWrap(True)
        v.addWidget(self.status)

    def _build_summary(self, tab: QWidget) -> None:
        v = QVBoxLayout(tab)
        top = QHBoxLayout()
        self.month_label = QLabel(tab)
        self.month_edit = QDateEdit(tab)
        self.month_edit.setObjectName("attendanceMonth")
        self.month_edit.setDisplayFormat("yyyy-MM")
        self.month_edit.dateChanged.connect(self._month_changed)
        self.month_label.setBuddy(self.month_edit)
        top.addWidget(self.month_label)
        top.addWidget(self.month_edit)
        self.summary_reload = QPushButton(tab)
        self.summary_reload.setObjectName("attendanceSummaryReload")
        self.summary_reload.setAutoDefault(False)
        self.summary_reload.clicked.connect(self.reload_summary)
        top.addWidget(self.summary_reload)
        self.policy_label = QLabel(tab)
        self.policy_label.setObjectName("attendancePolicyName")
        top.addWidget(self.policy_label)
        top.addStretch(1)
        self.export_button = QPushButton(tab)
        self.export_button.setObjectName("attendanceExport")
        self.export_button.setAutoDefault(False)
        self.export_button.clicked.connect(self.export)
        top.addWidget(self.export_button)
        v.addLayout(top)
        self.summary_table = _table(tab, "attendanceSummary", self.summary_model)
        v.addWidget(self.summary_table, 1)
        self.day_flags_label = QLabel(tab)
        self.day_flags_label.setObjectName("attendanceDayFlags")
        self.day_flags_label.setWordWrap(True)
        self.day_flags_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        v.addWidget(self.day_flags_label)
        self.summary_status = QLabel(tab)
        self.summary_status.setObjectName("attendanceSummaryStatus")
        self.summary_status.setWordWrap(True)
        self.summary_status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        v.addWidget(self.summary_status)

    def _build_leave(self, tab: QWidget) -> None:
        v = QVBoxLayout(tab)
        top = QHBoxLayout()
        self.leave_range_label = QLabel(tab)
        self.leave_range_label.setObjectName("leaveRange")
        top.addWidget(self.leave_range_label)
        top.addStretch(1)
        self.leave_reload = QPushButton(tab)
        self.leave_reload.setObjectName("leaveReload")
        self.leave_reload.setAutoDefault(False)
        self.leave_reload.clicked.connect(self.reload_leave)
        top.addWidget(self.leave_reload)
        v.addLayout(top)
        self.leave_table = _table(tab, "leaveRequests", self.leave_model)
        self.leave_table.selectionModel().selectionChanged.connect(
            lambda _a, _b: self._leave_buttons()
        )
        v.addWidget(self.leave_table, 1)
        decide = QHBoxLayout()
        self.leave_note_label = QLabel(tab)
        self.leave_note = QLineEdit(tab)
        self.leave_note.setObjectName("leaveNote")
        self.leave_note.setMaxLength(500)
        self.leave_note_label.setBuddy(self.leave_note)
        decide.addWidget(self.leave_note_label)
        decide.addWidget(self.leave_note, 1)
        self.approve_button = QPushButton(tab)
        self.approve_button.setObjectName("leaveApprove")
        self.approve_button.setAutoDefault(False)
        self.approve_button.clicked.connect(lambda: self.decide_selected(True))
        self.reject_button = QPushButton(tab)
        self.reject_button.setObjectName("leaveReject")
        self.reject_button.setAutoDefault(False)
        self.reject_button.clicked.connect(lambda: self.decide_selected(False))
        decide.addWidget(self.approve_button)
        decide.addWidget(self.reject_button)
        v.addLayout(decide)

        self.new_box = QGroupBox(tab)
        self.new_box.setObjectName("leaveNewBox")
        form = QFormLayout(self.new_box)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.leave_agent_label = QLabel(self.new_box)
        self.leave_agent = QComboBox(self.new_box)
        self.leave_agent.setObjectName("leaveAgent")
        self.leave_agent.currentIndexChanged.connect(lambda _i: self._leave_buttons())
        self.leave_agent_label.setBuddy(self.leave_agent)
        form.addRow(self.leave_agent_label, self.leave_agent)
        self.leave_type_label = QLabel(self.new_box)
        self.leave_type = QComboBox(self.new_box)
        self.leave_type.setObjectName("leaveType")
        for code in LEAVE_CODES:
            self.leave_type.addItem("", code)
        self.leave_type_label.setBuddy(self.leave_type)
        form.addRow(self.leave_type_label, self.leave_type)
        self.leave_dates_label = QLabel(self.new_box)
        dates = QHBoxLayout()
        self.leave_start = QDateEdit(self.new_box)
        self.leave_start.setObjectName("leaveStart")
        self.leave_end = QDateEdit(self.new_box)
        self.leave_end.setObjectName("leaveEnd")
        for edit in (self.leave_start, self.leave_end):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("yyyy-MM-dd")
            edit.dateChanged.connect(lambda _d: self._leave_preview())
        self.leave_to_label = QLabel(self.new_box)
        dates.addWidget(self.leave_start)
        dates.addWidget(self.leave_to_label)
        dates.addWidget(self.leave_end)
        self.leave_preview = QLabel(self.new_box)
        self.leave_preview.setObjectName("leavePreview")
        dates.addWidget(self.leave_preview, 1)
        self.leave_dates_label.setBuddy(self.leave_start)
        form.addRow(self.leave_dates_label, dates)
        self.leave_reason_label = QLabel(self.new_box)
        self.leave_reason = QLineEdit(self.new_box)
        self.leave_reason.setObjectName("leaveReason")
        self.leave_reason.setMaxLength(500)
        self.leave_reason_label.setBuddy(self.leave_reason)
        form.addRow(self.leave_reason_label, self.leave_reason)
        self.leave_submit = QPushButton(self.new_box)
        self.leave_submit.setObjectName("leaveSubmit")
        self.leave_submit.setAutoDefault(False)
        self.leave_submit.clicked.connect(self.submit_leave)
        sub = QHBoxLayout()
        sub.addStretch(1)
        sub.addWidget(self.leave_submit)
        form.addRow(sub)
        v.addWidget(self.new_box)
        self.leave_status = QLabel(tab)
        self.leave_status.setObjectName("leaveStatus")
        self.leave_status.setWordWrap(True)
        v.addWidget(self.leave_status)

    # -- language

    def retranslate(self) -> None:
        self.setWindowTitle(QCoreApplication.translate("Attendance", "Attendance"))
        self.tabs.setTabText(0, QCoreApplication.translate("Attendance", "Daily register"))
        self.tabs.setTabText(1, QCoreApplication.translate("Attendance", "Monthly summary"))
        self.tabs.setTabText(2, QCoreApplication.translate("Attendance", "Leave"))
        self.close_button.setText(QCoreApplication.translate("Attendance", "Close"))
        # register
        self.day_label.setText(QCoreApplication.translate("Attendance", "&Date"))
        self.register_reload.setText(QCoreApplication.translate("Attendance", "Reload"))
        self.exceptions_only.setText(QCoreApplication.translate("Attendance", "Exceptions only"))
        self.exceptions_only.setToolTip(
            QCoreApplication.translate(
                "Attendance", "Show only late, early, leave, absence and corrected rows."
            )
        )
        self.confirm_all_button.setText(
            QCoreApplication.translate("Attendance", "Confirm all unconfirmed")
        )
        self.confirm_all_button.setToolTip(
            QCoreApplication.translate(
                "Attendance",
                "Save the platform's suggestion as it is for every row not "
                "confirmed yet (one save each); rows of a shift not started or "
                "still under way wait until the shift is over.",
            )
        )
        self.type_label.setText(QCoreApplication.translate("Attendance", "&Type"))
        for i, code in enumerate(TYPE_CODES):
            self.type_combo.setItemText(i, type_label(code))
        self.late_label.setText(QCoreApplication.translate("Attendance", "Minutes &late"))
        self.early_label.setText(QCoreApplication.translate("Attendance", "Minutes left &early"))
        self.note_label.setText(QCoreApplication.translate("Attendance", "&Note"))
        self.reason_label.setText(QCoreApplication.translate("Attendance", "&Reason"))
        self.reason_edit.setPlaceholderText(
            QCoreApplication.translate(
                "Attendance", "Why the register departs from what the platform saw"
            )
        )
        self.confirm_button.setText(QCoreApplication.translate("Attendance", "&Confirm"))
        self.confirm_button.setToolTip(
            QCoreApplication.translate("Attendance", "Save this row as the platform suggests it.")
        )
        self.save_button.setText(QCoreApplication.translate("Attendance", "&Save correction"))
        # summary
        self.month_label.setText(QCoreApplication.translate("Attendance", "&Month"))
        self.summary_reload.setText(QCoreApplication.translate("Attendance", "Reload"))
        self.export_button.setText(QCoreApplication.translate("Attendance", "Export to Excel…"))
        # leave
        self.leave_reload.setText(QCoreApplication.translate("Attendance", "Reload"))
        self.leave_note_label.setText(QCoreApplication.translate("Attendance", "Decision note"))
        self.leave_note.setPlaceholderText(
            QCoreApplication.translate("Attendance", "Optional, kept with the decision")
        )
        self.approve_button.setText(QCoreApplication.translate("Attendance", "&Approve"))
        self.reject_button.setText(QCoreApplication.translate("Attendance", "Re&ject"))
        self.new_box.setTitle(QCoreApplication.translate("Attendance", "New leave request"))
        self.leave_agent_label.setText(QCoreApplication.translate("Attendance", "Agent"))
        self.leave_type_label.setText(QCoreApplication.translate("Attendance", "Leave type"))
        for i, code in enumerate(LEAVE_CODES):
            self.leave_type.setItemText(i, type_label(code))
        self.leave_dates_label.setText(QCoreApplication.translate("Attendance", "Dates"))
        self.leave_to_label.setText(QCoreApplication.translate("Attendance", "to"))
        self.leave_reason_label.setText(QCoreApplication.translate("Attendance", "Reason"))
        self.leave_submit.setText(QCoreApplication.translate("Attendance", "Submit request"))
        for m in (self.register_model, self.summary_model, self.leave_model):
            m.refresh()
        self._render_register_info()
        self._render_panel()
        self._render_summary_info()
        self._render_leave_range()
        self._leave_preview()

    def changeEvent(self, e: QEvent) -> None:
        if e.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(e)

    # -- common

    @property
    def tz(self) -> ZoneInfo:
        try:
            return self.backend.policy().tz
        except Exception:  # noqa: BLE001 - no policy yet: the default floor zone
            return DEFAULT_TZ

    def _say(self, label: QLabel, text: str, color: str | None = None) -> None:
        label.setText(text)
        label.setStyleSheet(f"color: {color};" if color else "")

    def message_text(self) -> str:
        return self.status.text()

    def _conflict_message(self, e: StaleEdit, labels_: Mapping[str, str]) -> str:
        """conflict_text with the values as people read them (类型 病假, not "sick")."""

        def shown_value(f: str, v: Any) -> str | None:
            if f == "status":
                return leave_status_label(str(v)) if v else None
            return _value_text(f, v)

        shown = StaleEdit(
            e.what,
            by=e.by,
            at=e.at,
            deleted=e.deleted,
            current=e.current,
            changes=[(f, shown_value(f, m), shown_value(f, t)) for f, m, t in e.changes],
        )
        return conflict.conflict_text(shown, self.tz, labels_, self.people)

    def _confirm_dialog(self, text: str) -> bool:
        r = QMessageBox.question(self, QCoreApplication.translate("Attendance", "Attendance"), text)
        return r == QMessageBox.StandardButton.Yes

    def _save_path_dialog(self, name: str) -> str | None:
        path, _f = QFileDialog.getSaveFileName(
            self,
            QCoreApplication.translate("Attendance", "Export the monthly summary"),
            in_documents(name),
            QCoreApplication.translate("Attendance", "Excel workbook (*.xlsx)"),
        )
        return path or None

    # ==== 1. the daily register ============================================================

    def day(self) -> date:
        return _pydate(self.day_edit.date())

    def set_day(self, d: date) -> None:
        """Show the register of ``d`` (loads it)."""
        self.day_edit.setDate(_qdate(d))

    def _day_changed(self, _d: QDate) -> None:
        if not self._filling:
            self.reload_register()

    def reload_register(self, announce: bool = True) -> None:
        """Load the register of the chosen day; ``announce=False`` keeps the message
        on screen (a reload after a conflict explains itself)."""
        self._reg_seq += 1
        day = self.day()
        if announce:
            self._say(
                self.status, QCoreApplication.translate("Attendance", "Loading the register…")
            )
        self.backend.load_register(
            day,
            _weak(self, AttendanceDialog._registered, self._reg_seq, day),
            _weak(self, AttendanceDialog._register_failed, self._reg_seq),
        )

    def _registered(self, seq: int, day: date, rows: Sequence[RegisterRow]) -> None:
        if seq != self._reg_seq:
            return  # an older load: the leader moved on
        keep = self.selected_agent() or (self._panel_row.agent if self._panel_row else None)
        if self.shown_day != day:
            keep = None
        self.shown_day = day
        self.register_model.tz = self.tz
        self._reloading = True
        try:
            self.register_model.set_rows(rows)
            if keep is not None:
                self.select_agent(keep)
        finally:
            self._reloading = False
        row = self.selected_row()
        if row is None:
            self._load_panel(None)
        elif self._keep_values_for == row.agent or (
            self._panel_row is not None
            and self._panel_row.agent == row.agent
            and self._panel_dirty()
        ):
            # what the leader typed stays; the new row is what it now differs from
            self._panel_row = row
            self._render_panel()
        else:
            self._load_panel(row)
        self._keep_values_for = None
        if self.status.text() == QCoreApplication.translate("Attendance", "Loading the register…"):
            self._say(self.status, "")
        self._render_register_info()
        self._fill_agent_combo()
        self.register_loaded.emit()

    def _register_failed(self, seq: int, message: str) -> None:
        if seq != self._reg_seq:
            return
        self._say(
            self.status,
            QCoreApplication.translate(
                "Attendance", "The register could not be loaded: {why}"
            ).format(why=message),
            _RED,
        )
        self.register_loaded.emit()

    def _render_register_info(self) -> None:
        rows = self.register_model.rows()
        n = sum(1 for r in rows if not r.confirmed and r.settle is not Settle.NOT_DUE)
        later = sum(1 for r in rows if not r.confirmed and r.settle is Settle.NOT_DUE)
        text = QCoreApplication.translate("Attendance", "Unconfirmed: {n}").format(n=n) if rows else ""
        if later:
            text += "    " + QCoreApplication.translate(
                "Attendance", "Shift not started: {n}").format(n=later)
        self.unconfirmed_label.setText(text)
        self.unconfirmed_label.setStyleSheet(f"color: {_AMBER};" if n else "")
        self._apply_filter()
        self._render_daily_check()
        self._buttons()

    def _apply_filter(self) -> None:
        """"Exceptions only" hides the plain rows (the model keeps them all)."""
        only = self.exceptions_only.isChecked()
        for i, r in enumerate(self.register_model.rows()):
            self.register_table.setRowHidden(i, only and not is_exception(r))

    def visible_agents(self) -> list[str]:
        """The agents of the rows on screen, in order (what the filter leaves)."""
        return [r.agent for i, r in enumerate(self.register_model.rows())
                if not self.register_table.isRowHidden(i)]

    def daily_counts(self) -> tuple[int, int]:
        """(late, on leave) in the register as it stands (saved, else suggested)."""
        recs = [r.record for r in self.register_model.rows()]
        late = sum(1 for r in recs if r.type in WORKING_TYPES and r.late_min > 0)
        leave = sum(1 for r in recs if r.type in LEAVE_TYPES)
        return late, leave

    def _render_daily_check(self) -> None:
        if not self.register_model.rows():
            self.daily_check.setText("")
            self.daily_check.setProperty("alarm", False)
            self.daily_check.setStyleSheet("")
            return
        try:
            pol = self.backend.policy().attendance
            max_late, max_leave = pol.daily_max_late, pol.daily_max_leave
        except Exception:  # noqa: BLE001 - no policy: counts without limits
            max_late = max_leave = 0
        late, leave = self.daily_counts()
        parts = [
            QCoreApplication.translate("Attendance", "Late: {n} (limit {max})").format(
                n=late, max=max_late
            )
            if max_late
            else QCoreApplication.translate("Attendance", "Late: {n}").format(n=late),
            QCoreApplication.translate("Attendance", "On leave: {n} (limit {max})").format(
                n=leave, max=max_leave
            )
            if max_leave
            else QCoreApplication.translate("Attendance", "On leave: {n}").format(n=leave),
        ]
        alarm = bool((max_late and late > max_late) or (max_leave and leave > max_leave))
        text = "    ".join(parts)
        if alarm:
            text += "    " + QCoreApplication.translate("Attendance", "Above the daily limit.")
        self.daily_check.setText(text)
        self.daily_check.setProperty("alarm", alarm)
        self.daily_check.setStyleSheet(f"color: {_RED}; font-weight: bold;" if alarm else "")

    def selected_row(self) -> RegisterRow | None:
        rows = self.register_table.selectionModel().selectedRows()
        return self.register_model.row_at(rows[0].row()) if rows else None

    def selected_agent(self) -> str | None:
        r = self.selected_row()
        return r.agent if r else None

    def select_agent(self, agent: str) -> bool:
        i = self.register_model.row_of(agent)
        if i is None:
            return False
        self.register_table.selectionModel().select(
            self.register_model.index(i, 0),
            QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows,
        )
        self.register_table.setCurrentIndex(self.register_model.index(i, 0))
        return True

    def _selection_changed(self) -> None:
        if self._reloading:
            return
        row = self.selected_row()
        if row is not None and self._panel_row is not None and row.agent == self._panel_row.agent:
            return
        self._load_panel(row)

    # -- the edit panel

    def _load_panel(self, row: RegisterRow | None) -> None:
        """Fill the panel from ``row`` (its saved record, else the suggestion)."""
        self._panel_row = row
        self._reason_missing = False
        self._filling = True
        try:
            rec = row.record if row is not None else None
            self.type_combo.setCurrentIndex(TYPE_CODES.index(str(rec.type)) if rec else 0)
            self.late_spin.setValue(rec.late_min if rec else 0)
            self.early_spin.setValue(rec.early_min if rec else 0)
            self.note_edit.setText(rec.note if rec else "")
            self.reason_edit.clear()
        finally:
            self._filling = False
        self._render_panel()

    def panel_type(self) -> AttType:
        return AttType(str(self.type_combo.currentData()))

    def set_panel(
        self,
        type_: AttType | str,
        late: int = 0,
        early: int = 0,
        note: str | None = None,
        reason: str | None = None,
    ) -> None:
        """Fill the panel as the leader would (tests and tools)."""
        self.type_combo.setCurrentIndex(TYPE_CODES.index(str(type_)))
        self.late_spin.setValue(late)
        self.early_spin.setValue(early)
        if note is not None:
            self.note_edit.setText(note)
        if reason is not None:
            self.reason_edit.setText(reason)

    def panel_record(self) -> AttendanceRecord | None:
        """The record the panel shows (minutes only for 迟到早退)."""
        row = self._panel_row
        if row is None:
            return None
        t = self.panel_type()
        le = t is AttType.LATE_EARLY
        return AttendanceRecord(
            row.suggested.day,
            row.agent,
            t,
            self.late_spin.value() if le else 0,
            self.early_spin.value() if le else 0,
            self.note_edit.text().strip(),
        )

    def _panel_dirty(self) -> bool:
        rec = self.panel_record()
        return (
            rec is not None
            and self._panel_row is not None
            and record_fields(rec) != record_fields(self._panel_row.record)
        )

    def differences(self) -> list[tuple[str, str, str]]:
        """(field, the platform's value, the panel's) where the panel departs from
        the suggestion — a correction, which needs a reason."""
        rec = self.panel_record()
        if rec is None or self._panel_row is None:
            return []
        names = field_labels()
        mine, platform = record_fields(rec), record_fields(self._panel_row.suggested)
        return [
            (names[f], _value_text(f, platform[f]), _value_text(f, mine[f]))
            for f in mine
            if mine[f] != platform[f]
        ]

    def reason_required(self) -> bool:
        return bool(self.differences())

    def _panel_changed(self) -> None:
        if self._filling:
            return
        self._render_panel()

    def _reason_changed(self) -> None:
        if self.reason_edit.text().strip():
            self._reason_missing = False
        self._render_panel()

    def _render_panel(self) -> None:
        row = self._panel_row
        le = self.panel_type() is AttType.LATE_EARLY
        self.late_spin.setEnabled(le)
        self.early_spin.setEnabled(le)
        suffix = QCoreApplication.translate("Attendance", " min")
        self.late_spin.setSuffix(suffix)
        self.early_spin.setSuffix(suffix)
        if row is None:
            self.edit_box.setTitle(
                QCoreApplication.translate("Attendance", "Select a row to confirm or correct it")
            )
            self._say(self.reason_hint, "")
        else:
            self.edit_box.setTitle(
                QCoreApplication.translate("Attendance", "{agent} {name} · {day}").format(
                    agent=row.agent, name=row.name, day=row.suggested.day.isoformat()
                )
            )
            diffs = self.differences()
            if diffs:
                what = "; ".join(
                    QCoreApplication.translate(
                        "Attendance", "{field}: platform “{platform}”, yours “{yours}”"
                    ).format(field=f, platform=p, yours=y)
                    for f, p, y in diffs
                )
                text = QCoreApplication.translate(
                    "Attendance",
                    "A reason is required: this differs from what the platform saw ({what}).",
                ).format(what=what)
                if self._reason_missing and not self.reason_edit.text().strip():
                    self._say(self.reason_hint, text, _RED)
                else:
                    self._say(self.reason_hint, text, _AMBER)
            else:
                self._say(
                    self.reason_hint,
                    QCoreApplication.translate(
                        "Attendance", "As the platform suggests: no reason needed."
                    ),
                    "palette(mid)",
                )
        self._buttons()

    def _busy(self) -> bool:
        return self.saving is not None or self._batch is not None

    def _buttons(self) -> None:
        row = self._panel_row
        busy = self._busy()
        self.edit_box.setEnabled(row is not None and not busy)
        dirty = self._panel_dirty()
        self.confirm_button.setEnabled(
            row is not None and not busy and not row.confirmed and not dirty
            and row.settle is not Settle.NOT_DUE
        )
        self.save_button.setEnabled(row is not None and not busy and dirty)
        self.confirm_all_button.setEnabled(
            not busy
            and any(not r.confirmed and r.settle is Settle.SETTLED
                    for r in self.register_model.rows())
        )
        self.day_edit.setEnabled(self._batch is None)
        self.register_reload.setEnabled(self._batch is None)

    # -- saving

    def confirm_selected(self) -> bool:
        """Save the selected, unconfirmed row as the platform suggests it."""
        row = self._panel_row
        if row is None or row.confirmed or self._busy() or self._panel_dirty():
            return False
        if row.settle is Settle.NOT_DUE:  # issue #12: nothing proposed yet
            self._say(
                self.status,
                QCoreApplication.translate(
                    "Attendance", "{agent}'s shift has not started: nothing to confirm yet."
                ).format(agent=row.agent),
                _AMBER,
            )
            return False
        self._save(row, row.suggested, "")
        return True

    def save_correction(self) -> bool:
        """Save what the panel shows; refused inline (nothing sent) when a reason is
        needed and missing, or the minutes do not fit the type."""
        row = self._panel_row
        rec = self.panel_record()
        if row is None or rec is None or self._busy():
            return False
        if rec.type is AttType.LATE_EARLY and not (rec.late_min or rec.early_min):
            self._say(
                self.status,
                QCoreApplication.translate(
                    "Attendance", "Enter the minutes late or left early for “Late / left early”."
                ),
                _RED,
            )
            self.late_spin.setFocus()
            return False
        reason = self.reason_edit.text().strip()
        if self.reason_required() and not reason:
            self._reason_missing = True
            self._render_panel()
            self._say(
                self.status,
                QCoreApplication.translate("Attendance", "Not saved: a correction needs a reason."),
                _RED,
            )
            self.reason_edit.setFocus()
            return False
        self._save(row, rec, reason)
        return True

    def _save(self, row: RegisterRow, rec: AttendanceRecord, reason: str) -> None:
        self.saving = row.agent
        self._buttons()
        self._say(
            self.status,
            QCoreApplication.translate("Attendance", "Saving {agent}…").format(agent=row.agent),
        )
        day = row.suggested.day
        self.backend.save_record(
            rec,
            row.stored.version if row.stored else 0,
            reason,
            row.suggested,
            row.record,
            _weak(self, AttendanceDialog._saved, row.agent, day),
            _weak(self, AttendanceDialog._save_refused, row.agent),
            _weak(self, AttendanceDialog._save_conflict, row.agent),
        )

    def _apply_stored(self, agent: str, day: date, stored: Any) -> RegisterRow | None:
        if day != self.shown_day or not isinstance(stored, Stored):
            return None
        i = self.register_model.row_of(agent)
        old = self.register_model.row_at(i) if i is not None else None
        if old is None:
            return None
        new = dataclasses.replace(old, stored=stored)
        self.register_model.replace(new)
        return new

    def _saved(self, agent: str, day: date, stored: Any) -> None:
        self.saving = None
        new = self._apply_stored(agent, day, stored)
        if new is not None and self._panel_row is not None and self._panel_row.agent == agent:
            self._load_panel(new)
        rec = stored.record if isinstance(stored, Stored) else None
        self._say(
            self.status,
            QCoreApplication.translate("Attendance", "Saved: {agent} {record}.").format(
                agent=agent, record=record_text(rec) if rec else ""
            ),
        )
        self._render_register_info()
        self.saved.emit()

    def _save_refused(self, agent: str, message: str) -> None:
        self.saving = None
        self._say(
            self.status,
            QCoreApplication.translate("Attendance", "Not saved ({agent}): {why}").format(
                agent=agent, why=message
            ),
            _RED,
        )
        self._buttons()
        self.saved.emit()

    def _save_conflict(self, agent: str, e: StaleEdit) -> None:
        self.saving = None
        self._buttons()
        self.show_conflict(
            self, conflict.conflict_title(), self._conflict_message(e, field_labels())
        )
        self._say(
            self.status,
            QCoreApplication.translate(
                "Attendance",
                "{agent} was saved by someone else first: the register has been "
                "reloaded. Your values are still in the form; save again if they "
                "are still right.",
            ).format(agent=agent),
            _AMBER,
        )
        self._keep_values_for = agent
        self.saved.emit()
        self.reload_register(announce=False)

    # -- confirm all

    def confirm_all(self) -> bool:
        """Save the platform's suggestion for every unconfirmed, settled row, one save
        each, one after the other; a row whose form has unsaved changes is left out, and
        so is every row of a shift not started or still under way (issue #12: at 01:48
        the day shift's "absences" are not absences yet)."""
        if self._busy():
            return False
        todo, skipped = [], []
        later = 0
        for r in self.register_model.rows():
            if r.confirmed:
                continue
            if r.settle is not Settle.SETTLED:
                later += 1
                continue
            if (
                self._panel_row is not None
                and self._panel_row.agent == r.agent
                and self._panel_dirty()
            ):
                skipped.append(r.agent)
            else:
                todo.append(r)
        wait = (
            " "
            + QCoreApplication.translate(
                "Attendance",
                "{k} rows of shifts not started or still under way are left until "
                "the shift is over.",
            ).format(k=later)
            if later
            else ""
        )
        if not todo:
            self._say(
                self.status,
                QCoreApplication.translate(
                    "Attendance", "Nothing to confirm: every row is confirmed or being edited."
                )
                + wait,
            )
            return False
        if not self.ask_confirm(
            QCoreApplication.translate(
                "Attendance", "Confirm the platform's suggestion as it is for {n} agents?"
            ).format(n=len(todo))
            + wait
        ):
            return False
        self._batch = todo
        self._batch_total = len(todo)
        self._batch_ok = self._batch_others = 0
        self._batch_skipped = skipped
        self._buttons()
        self._next_in_batch()
        return True

    def _next_in_batch(self) -> None:
        assert self._batch is not None
        if not self._batch:
            self._finish_batch(None)
            return
        row = self._batch.pop(0)
        done = self._batch_total - len(self._batch)
        self._say(
            self.status,
            QCoreApplication.translate("Attendance", "Confirming {i} of {n}…").format(
                i=done, n=self._batch_total
            ),
        )
        self.backend.save_record(
            row.suggested,
            0,
            "",
            row.suggested,
            row.suggested,
            _weak(self, AttendanceDialog._batch_saved, row.agent, row.suggested.day),
            _weak(self, AttendanceDialog._batch_refused, row.agent),
            _weak(self, AttendanceDialog._batch_conflict),
        )

    def _batch_saved(self, agent: str, day: date, stored: Any) -> None:
        if self._batch is None:
            return
        self._batch_ok += 1
        self._apply_stored(agent, day, stored)
        self._render_register_info()
        self._next_in_batch()

    def _batch_conflict(self, _e: StaleEdit) -> None:
        if self._batch is None:
            return
        self._batch_others += 1
        self._next_in_batch()

    def _batch_refused(self, agent: str, message: str) -> None:
        if self._batch is None:
            return
        self._finish_batch(
            QCoreApplication.translate("Attendance", "Stopped at {agent}: {why}").format(
                agent=agent, why=message
            )
        )

    def _finish_batch(self, stopped: str | None) -> None:
        parts = [
            QCoreApplication.translate("Attendance", "Confirmed {ok} of {n}.").format(
                ok=self._batch_ok, n=self._batch_total
            )
        ]
        if self._batch_others:
            parts.append(
                QCoreApplication.translate(
                    "Attendance",
                    "{k} had been saved by someone else meanwhile; the register was reloaded.",
                ).format(k=self._batch_others)
            )
        if self._batch_skipped:
            parts.append(
                QCoreApplication.translate(
                    "Attendance", "Left out (the form has unsaved changes): {agents}."
                ).format(agents="、".join(self._batch_skipped))
            )
        if stopped:
            parts.append(stopped)
        self._batch = None
        self._say(
            self.status,
            " ".join(parts),
            _RED if stopped else _AMBER if self._batch_others else None,
        )
        self._render_register_info()
        if self._panel_row is not None:
            i = self.register_model.row_of(self._panel_row.agent)
            row = self.register_model.row_at(i) if i is not None else None
            if row is not None and row.stored != self._panel_row.stored:
                self._load_panel(row)
        self.confirm_all_finished.emit()
        if self._batch_others:
            self.reload_register(announce=False)

    # ==== 2. the monthly summary ==========================================================

    def month(self) -> str:
        d = self.month_edit.date()
        return f"{d.year():04d}-{d.month():02d}"

    def set_month(self, month: str) -> None:
        y, m = (int(x) for x in month.split("-"))
        self.month_edit.setDate(QDate(y, m, 1))

    def _month_changed(self, _d: QDate) -> None:
        if not self._filling:
            self.reload_summary()

    def reload_summary(self) -> None:
        self._sum_seq += 1
        month = self.month()
        self.summary = None
        self._buttons_summary()
        self._say(
            self.summary_status,
            QCoreApplication.translate("Attendance", "Loading the summary of {month}…").format(
                month=month
            ),
        )
        self.backend.load_summary(
            month,
            _weak(self, AttendanceDialog._summarized, self._sum_seq),
            _weak(self, AttendanceDialog._summary_failed, self._sum_seq),
        )

    def _summarized(self, seq: int, summary: MonthSummary) -> None:
        if seq != self._sum_seq:
            return
        self.summary = summary
        self.summary_model.set_rows(summary.agents)
        for a in summary.agents:
            self.agents[a.agent] = a.name or self.agents.get(a.agent, "")
        self._fill_agent_combo()
        self._say(self.summary_status, "")
        self._render_summary_info()
        self._buttons_summary()
        self.summary_loaded.emit()

    def _summary_failed(self, seq: int, message: str) -> None:
        if seq != self._sum_seq:
            return
        self._say(
            self.summary_status,
            QCoreApplication.translate(
                "Attendance", "The summary could not be loaded: {why}"
            ).format(why=message),
            _RED,
        )
        self.summary_loaded.emit()

    def _render_summary_info(self) -> None:
        s = self.summary
        if s is None:
            self.policy_label.setText("")
            self.day_flags_label.setText("")
            return
        flagged = sum(1 for a in s.agents if a.flags)
        self.policy_label.setText(
            QCoreApplication.translate(
                "Attendance", "Policy: {name} · {n} agents, {k} flagged"
            ).format(name=s.policy, n=len(s.agents), k=flagged)
        )
        if s.day_flags:
            self._say(
                self.day_flags_label,
                QCoreApplication.translate("Attendance", "Days breaking the daily checks:")
                + "\n"
                + "\n".join(s.day_flags),
                _RED,
            )
        else:
            self._say(
                self.day_flags_label,
                QCoreApplication.translate("Attendance", "No day broke the daily checks."),
            )

    def _buttons_summary(self) -> None:
        self.export_button.setEnabled(self.summary is not None and not self.exporting)

    def export(self) -> bool:
        """Write the summary on screen to an Excel file the leader chooses."""
        s = self.summary
        if s is None or self.exporting:
            return False
        name = QCoreApplication.translate("Attendance", "attendance-{month}.xlsx").format(
            month=s.month
        )
        path = self.ask_save_path(name)
        if not path:
            return False
        if not path.lower().endswith(".xlsx"):
            path += ".xlsx"
        self.exporting = True
        self._buttons_summary()
        self._say(
            self.summary_status,
            QCoreApplication.translate("Attendance", "Writing {path}…").format(path=path),
        )
        self.backend.export_summary(
            s,
            path,
            _weak(self, AttendanceDialog._exported, path),
            _weak(self, AttendanceDialog._export_failed),
        )
        return True

    def _exported(self, path: str, result: Any) -> None:
        self.exporting = False
        self._buttons_summary()
        self._say(
            self.summary_status,
            QCoreApplication.translate("Attendance", "Written: {path}").format(
                path=str(result) if result else path
            ),
        )
        self.exported.emit()

    def _export_failed(self, message: str) -> None:
        self.exporting = False
        self._buttons_summary()
        self._say(
            self.summary_status,
            QCoreApplication.translate("Attendance", "Not written: {why}").format(why=message),
            _RED,
        )
        self.exported.emit()

    # ==== 3. leave ========================================================================

    def leave_range(self) -> tuple[date, date]:
        """This month and next."""
        first = self.backend.today().replace(day=1)
        return first, _month_end(_month_end(first) + timedelta(days=1))

    def _render_leave_range(self) -> None:
        try:
            first, last = self.leave_range()
        except Exception:  # noqa: BLE001 - no clock yet
            return
        self.leave_range_label.setText(
            QCoreApplication.translate(
                "Attendance", "Leave requests from {first} to {last}"
            ).format(first=first.isoformat(), last=last.isoformat())
        )

    def reload_leave(self) -> None:
        self._leave_seq += 1
        first, last = self.leave_range()
        self._render_leave_range()
        self.backend.load_leave(
            first,
            last,
            _weak(self, AttendanceDialog._leave_listed, self._leave_seq),
            _weak(self, AttendanceDialog._leave_list_failed, self._leave_seq),
        )

    def _leave_listed(self, seq: int, result: Any) -> None:
        if seq != self._leave_seq:
            return
        requests, names = result
        self.people.update(names)
        self.register_model.names = self.people
        self.register_model.refresh()
        self.leave_model.names = dict(self.people)
        self.leave_model.tz = self.tz
        keep = self.selected_request()
        self.leave_model.set_rows(requests)
        if keep is not None:
            self.select_request(keep.id)
        for r in requests:
            if r.agent not in self.agents:
                self.agents[r.agent] = names.get(r.agent, "")
        self._fill_agent_combo()
        self._leave_buttons()
        self.leave_loaded.emit()

    def _leave_list_failed(self, seq: int, message: str) -> None:
        if seq != self._leave_seq:
            return
        self._say(
            self.leave_status,
            QCoreApplication.translate(
                "Attendance", "The leave requests could not be loaded: {why}"
            ).format(why=message),
            _RED,
        )
        self.leave_loaded.emit()

    def _fill_agent_combo(self) -> None:
        current = self.leave_agent.currentData()
        for r in self.register_model.rows():
            self.agents.setdefault(r.agent, r.name)
        self.leave_agent.blockSignals(True)
        try:
            self.leave_agent.clear()
            for aid in sorted(self.agents):
                name = self.agents[aid] or self.people.get(aid, "")
                self.leave_agent.addItem(f"{aid} {name}".strip(), aid)
            i = self.leave_agent.findData(current)
            self.leave_agent.setCurrentIndex(i if i >= 0 else (0 if self.agents else -1))
        finally:
            self.leave_agent.blockSignals(False)
        self._leave_buttons()

    def selected_request(self) -> LeaveRequest | None:
        rows = self.leave_table.selectionModel().selectedRows()
        return self.leave_model.request_at(rows[0].row()) if rows else None

    def select_request(self, request_id: int) -> bool:
        i = self.leave_model.row_of(request_id)
        if i is None:
            return False
        self.leave_table.selectionModel().select(
            self.leave_model.index(i, 0),
            QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows,
        )
        return True

    def _leave_buttons(self) -> None:
        req = self.selected_request()
        can = req is not None and req.status == "pending" and not self.leave_busy
        self.approve_button.setEnabled(can)
        self.reject_button.setEnabled(can)
        self.leave_submit.setEnabled(not self.leave_busy and self.leave_agent.count() > 0)
        if req is not None and req.next_role:
            tip = QCoreApplication.translate("Attendance", "This step needs: {role}").format(
                role=role_label(req.next_role)
            )
        else:
            tip = ""
        self.approve_button.setToolTip(tip)
        self.reject_button.setToolTip(tip)

    def leave_dates(self) -> tuple[date, date]:
        return _pydate(self.leave_start.date()), _pydate(self.leave_end.date())

    def _leave_preview(self) -> None:
        if self._filling:
            return
        start, end = self.leave_dates()
        if end < start:
            self._say(
                self.leave_preview,
                QCoreApplication.translate("Attendance", "The leave ends before it starts."),
                _RED,
            )
            return
        days = (end - start).days + 1
        try:
            roles = approval_roles(self.backend.policy().attendance, float(days))
        except Exception:  # noqa: BLE001 - no policy: the count alone
            roles = ()
        chain = " → ".join(role_label(r) for r in roles)
        self._say(
            self.leave_preview,
            QCoreApplication.translate("Attendance", "{n} days · approved by {chain}").format(
                n=days, chain=chain
            )
            if chain
            else QCoreApplication.translate("Attendance", "{n} days").format(n=days),
        )

    def submit_leave(self) -> bool:
        agent = self.leave_agent.currentData()
        start, end = self.leave_dates()
        if self.leave_busy:
            return False
        if not agent:
            self._say(
                self.leave_status,
                QCoreApplication.translate("Attendance", "Choose the agent first."),
                _RED,
            )
            return False
        if end < start:
            self._say(
                self.leave_status,
                QCoreApplication.translate("Attendance", "The leave ends before it starts."),
                _RED,
            )
            return False
        type_ = AttType(str(self.leave_type.currentData()))
        self.leave_busy = True
        self._leave_buttons()
        self._say(
            self.leave_status, QCoreApplication.translate("Attendance", "Filing the request…")
        )
        self.backend.request_leave(
            str(agent),
            type_,
            start,
            end,
            self.leave_reason.text().strip(),
            _weak(self, AttendanceDialog._leave_filed),
            _weak(self, AttendanceDialog._leave_refused),
        )
        return True

    def _leave_filed(self, req: Any) -> None:
        self.leave_busy = False
        self.leave_reason.clear()
        if isinstance(req, LeaveRequest):
            msg = QCoreApplication.translate(
                "Attendance", "Leave request #{id} filed for {agent}: {chain}."
            ).format(id=req.id, agent=req.agent, chain=chain_text(req))
        else:
            msg = QCoreApplication.translate("Attendance", "Leave request filed.")
        self._say(self.leave_status, msg)
        self._leave_buttons()
        self.leave_answered.emit()
        self.reload_leave()

    def _leave_refused(self, message: str) -> None:
        self.leave_busy = False
        self._say(self.leave_status, message, _RED)
        self._leave_buttons()
        self.leave_answered.emit()

    def decide_selected(self, approve: bool) -> bool:
        req = self.selected_request()
        if req is None or req.status != "pending" or self.leave_busy:
            return False
        self.leave_busy = True
        self._leave_buttons()
        self._say(self.leave_status, QCoreApplication.translate("Attendance", "Sending…"))
        self.backend.decide_leave(
            req.id,
            approve,
            req.version,
            self.leave_note.text().strip(),
            _weak(self, AttendanceDialog._decided, approve),
            _weak(self, AttendanceDialog._leave_refused),
            _weak(self, AttendanceDialog._decide_conflict),
        )
        return True

    def _decided(self, approve: bool, req: Any) -> None:
        self.leave_busy = False
        self.leave_note.clear()
        if isinstance(req, LeaveRequest):
            self.leave_model.replace(req)
            what = (
                QCoreApplication.translate("Attendance", "Approved #{id}: {chain}.")
                if approve
                else QCoreApplication.translate("Attendance", "Rejected #{id}: {chain}.")
            ).format(id=req.id, chain=chain_text(req))
        else:
            what = (
                QCoreApplication.translate("Attendance", "Approved.")
                if approve
                else QCoreApplication.translate("Attendance", "Rejected.")
            )
        self._say(self.leave_status, what)
        self._leave_buttons()
        self.leave_answered.emit()
        self.reload_leave()

    def _decide_conflict(self, e: StaleEdit) -> None:
        self.leave_busy = False
        self._leave_buttons()
        self.show_conflict(
            self,
            conflict.conflict_title(),
            self._conflict_message(
                e, {"status": QCoreApplication.translate("Attendance", "Status")}
            ),
        )
        self._say(
            self.leave_status,
            QCoreApplication.translate(
                "Attendance", "Someone else decided first: the list has been reloaded."
            ),
            _AMBER,
        )
        self.leave_answered.emit()
        self.reload_leave()
