"""The audit log (审计日志): filter by date, operator, agent and action; export CSV.

A view like the others: it renders rows it is handed and asks for more through
:class:`AuditSource`, whose methods are asynchronous (the console runs them off
the GUI thread and answers on it). It never touches the database, and it never
decides who may read the log: the database functions check the right on every
call, and their refusal is shown here like any other error.

The rows are the domain's :class:`~models.domain.records.AuditEntry`; the query is
described here (:class:`AuditQuery`) because views may not import ``models.db``: the
console turns it into ``models.db.audit_query.AuditFilter``.
"""

from __future__ import annotations

import json
import weakref
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import Any, Protocol
from zoneinfo import ZoneInfo

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QDate,
    QEvent,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
    Signal,
)
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDateEdit,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)
from PySide6.QtWidgets import (
    QDialog as _QDialog,
)

from models.domain.records import AuditEntry
from models.domain.roles import Role
from models.domain.texts import Msg, action_text
from models.domain.types import AwayReason
from views.agent_model import duration
from views.kit.pending import Pending, tagged
from views.kit.status import StatusLine, Tone, tone_colour
from views.kit.texts import away_name, rule_name
from views.msg import tr_msg
from views.paths import in_documents
from views.theme import Theme

SHANGHAI = ZoneInfo("Asia/Shanghai")

#: how many days back the "from" date starts when the dialog opens
DEFAULT_DAYS = 7

SORT_ROLE = Qt.ItemDataRole.UserRole + 1
FAILED_ROLE = Qt.ItemDataRole.UserRole + 2  # bool: the row records a refusal or failure
ID_ROLE = Qt.ItemDataRole.UserRole + 3  # the audit row's id

COL_TIME, COL_OPERATOR, COL_ROLES, COL_ACTION, COL_AGENT, COL_TARGET, COL_DETAIL, \
    COL_RESULT, COL_WORKSTATION = range(9)
COLUMNS = 9

Index = QModelIndex | QPersistentModelIndex


# ---- what the view is handed and what it asks for -------------------------------------


@dataclass(frozen=True, slots=True)
class AuditQuery:
    """What the filter row asks for: ``start <= at < end`` (aware UTC times, None =
    open) and exact operator (工号), agent and action (None = any)."""

    start: datetime | None = None
    end: datetime | None = None
    operator: str | None = None
    agent: str | None = None
    action: str | None = None


class AuditSource(Protocol):
    """What the dialog needs from outside (console/audit_backend.py). Each request is
    for the dialog and answers later, on the GUI thread; a refusal or a fault comes
    as a text fit to show, never as an exception."""

    @property
    def operator_id(self) -> str: ...

    def search_audit(self, owner: QObject, query: AuditQuery) -> Pending:
        """Answers ``(rows, truncated)``: the newest :class:`AuditEntry` rows first,
        and whether the backend's limit cut more off."""
        ...

    def export_audit(self, owner: QObject, query: AuditQuery, path: str) -> Pending:
        """Write every matching row to ``path`` as CSV; answers the count."""
        ...

    def audit_actions(self, owner: QObject) -> Pending:
        """The actions present in the log (the action filter's choices)."""
        ...


# ---- labels -------------------------------------------------------------------------


def action_label(action: str) -> str:
    """The translated name of an audited action; an unknown one stays as it is."""
    control = action_text(action)  # the supervisor controls: models/domain/texts.py
    if isinstance(control, Msg):
        return tr_msg(control)
    known = {
        "session_end": QCoreApplication.translate("AuditAction", "Session ended"),
        "sign_in": QCoreApplication.translate("AuditAction", "Sign-in"),
        "operator_created": QCoreApplication.translate("AuditAction", "Operator created"),
        "operator_repaired": QCoreApplication.translate("AuditAction", "Operator repaired"),
        "roles_changed": QCoreApplication.translate("AuditAction", "Roles changed"),
        "password_reset": QCoreApplication.translate("AuditAction", "Password reset"),
        "operator_unlocked": QCoreApplication.translate("AuditAction", "Operator unlocked"),
        "operator_disabled": QCoreApplication.translate("AuditAction", "Operator disabled"),
        "operator_enabled": QCoreApplication.translate("AuditAction", "Operator enabled"),
        "floor_setup": QCoreApplication.translate("AuditAction", "Floor setup changed"),
        "policy_applied": QCoreApplication.translate("AuditAction", "Policy applied"),
        "telephony_mapping_applied": QCoreApplication.translate(
            "AuditAction", "Telephony mapping applied"),
        "audit_export": QCoreApplication.translate("AuditAction", "Audit log exported"),
        "announcement_published": QCoreApplication.translate("AuditAction",
                                                             "Announcement published"),
        "announcement_withdrawn": QCoreApplication.translate("AuditAction",
                                                             "Announcement withdrawn"),
        "alert_acknowledged": QCoreApplication.translate("AuditAction", "Alert acknowledged"),
        "alert_resolved": QCoreApplication.translate("AuditAction", "Alert resolved"),
        "ticket_step": QCoreApplication.translate("AuditAction", "Handling step recorded"),
        "contacts_changed": QCoreApplication.translate("AuditAction",
                                                       "Escalation contacts changed"),
        "webhook_set": QCoreApplication.translate("AuditAction", "Group robot set"),
        "webhook_cleared": QCoreApplication.translate("AuditAction", "Group robot removed"),
        "endpoint_set": QCoreApplication.translate("AuditAction", "Supervisor extension set"),
        "meeting_save": QCoreApplication.translate("AuditAction", "Meeting minutes saved"),
        "handover_write": QCoreApplication.translate("AuditAction", "Handover written"),
        "handover_acknowledge": QCoreApplication.translate("AuditAction",
                                                           "Handover acknowledged"),
        "roster_import": QCoreApplication.translate("AuditAction", "Roster imported"),
        "roster_edit": QCoreApplication.translate("AuditAction", "Roster edited"),
        "holiday_import": QCoreApplication.translate("AuditAction", "Holidays imported"),
        "leave_request": QCoreApplication.translate("AuditAction", "Leave requested"),
        "leave_decide": QCoreApplication.translate("AuditAction", "Leave decided"),
        "shift_swap": QCoreApplication.translate("AuditAction", "Shifts swapped"),
        "attendance_confirm": QCoreApplication.translate("AuditAction", "Attendance confirmed"),
        "attendance_correct": QCoreApplication.translate("AuditAction", "Attendance corrected"),
        "attendance_import": QCoreApplication.translate("AuditAction", "Attendance imported"),
        # the monthly assessment (issue #18)
        "assessment_policy_apply": QCoreApplication.translate("AuditAction",
                                                              "Assessment policy applied"),
        "assessment_entry": QCoreApplication.translate("AuditAction",
                                                       "Assessment entry recorded"),
        "assessment_withdraw": QCoreApplication.translate("AuditAction",
                                                          "Assessment entry withdrawn"),
        "assessment_draft": QCoreApplication.translate("AuditAction",
                                                       "Monthly assessment drafted"),
        "assessment_confirm": QCoreApplication.translate("AuditAction",
                                                         "Monthly assessment confirmed"),
    }
    return known.get(action, action)


def result_label(result: str, detail: Mapping[str, Any] | None = None) -> str:
    """An audit row's result as words (成功/拒绝/失败), with the reason in this
    language when the row keeps the message itself (issue #12 item 13)."""
    head, _sep, rest = result.partition(":")
    head, rest = head.strip().lower(), rest.strip()
    word = {"ok": QCoreApplication.translate("AuditTable", "Succeeded"),
            "done": QCoreApplication.translate("AuditTable", "Succeeded"),
            "refused": QCoreApplication.translate("AuditTable", "Refused"),
            "failed": QCoreApplication.translate("AuditTable", "Failed"),
            # issue #13 item 5: the host died mid-control and the switch cannot tell
            "unknown": QCoreApplication.translate("AuditTable", "Outcome unknown"),
            "error": QCoreApplication.translate("AuditTable", "Failed")}.get(head)
    if word is None:
        return result
    d = detail or {}
    why = Msg.from_json(d.get("result_msg")) or Msg.from_json(d.get("reason_msg"))
    if why is not None:
        rest = tr_msg(why)
    elif head in ("ok", "done"):  # "ok: 12 rows", an older row's English message
        rest = ""
    else:
        rest = _refusal_code(rest)
    if not rest:
        return word
    return QCoreApplication.translate("AuditTable", "{result}: {why}").format(result=word,
                                                                              why=rest)


def _refusal_code(code: str) -> str:
    """The codes a sign-in or an approval step keeps as its result, as words."""
    return {
        "unknown_operator": QCoreApplication.translate("AuditTable", "unknown operator ID"),
        "wrong_password": QCoreApplication.translate("AuditTable", "wrong password"),
        "locked_now": QCoreApplication.translate("AuditTable", "wrong password, account locked"),
        "locked": QCoreApplication.translate("AuditTable", "account locked"),
        "throttled": QCoreApplication.translate("AuditTable", "too many attempts"),
        "disabled": QCoreApplication.translate("AuditTable", "account disabled"),
        "no_role": QCoreApplication.translate("AuditTable", "no role assigned"),
        "role": QCoreApplication.translate("AuditTable", "not this step's role"),
    }.get(code, code)


def subject_label(subject: str) -> str:
    """An alert's subject ("agent:1001", "ticket:T7") as a person names it."""
    kind, _sep, key = subject.partition(":")
    if kind == "agent":
        return QCoreApplication.translate("AuditTable", "agent {id}").format(id=key)
    if kind == "group":
        return QCoreApplication.translate("AuditTable", "group {id}").format(id=key)
    if kind == "ticket":
        return QCoreApplication.translate("AuditTable", "ticket {id}").format(id=key)
    if kind == "level":
        return QCoreApplication.translate("Alerts", "Whole floor")
    return subject


def target_label(r: AuditEntry) -> str:
    """The row's target as something a person recognises: an announcement by its
    first words, an alert by its rule and subject, a ticket or leave by its number."""
    t = r.target or ""
    d = r.detail or {}
    if r.action.startswith("announcement_") and isinstance(d.get("text"), str):
        text = " ".join(str(d["text"]).split())
        return text if len(text) <= 16 else text[:15] + "…"
    if r.action.startswith("alert_"):
        # the detail names rule and subject; a refusal has only the alert's id,
        # which is "rule|subject|start" (models.domain.alerts.alert_key)
        rule, subject = d.get("rule"), d.get("subject")
        if not isinstance(rule, str) and t.count("|") >= 2:
            rule, subject = t.split("|")[:2]
        if isinstance(rule, str):
            subject = str(subject or "")
            return " ".join(x for x in (rule_name(rule, d),
                                        subject_label(subject) if subject else "") if x)
    if r.action == "ticket_step" and t:
        return QCoreApplication.translate("AuditTable", "ticket {id}").format(id=t)
    if t.startswith("leave:"):
        return QCoreApplication.translate("AuditTable", "leave #{id}").format(id=t[6:])
    return t


def role_label(role: str) -> str:
    known = {
        Role.SHIFT_LEADER.value: QCoreApplication.translate("AuditTable", "Shift leader"),
        Role.DEPARTMENT_HEAD.value: QCoreApplication.translate("AuditTable", "Department head"),
        Role.DIRECTOR.value: QCoreApplication.translate("AuditTable", "Director"),
        Role.WALLBOARD.value: QCoreApplication.translate("AuditTable", "Wallboard viewer"),
        Role.ADMIN.value: QCoreApplication.translate("AuditTable", "Administrator"),
    }
    return known.get(role, role)


def roles_label(roles: str | Sequence[str]) -> str:
    """"director,shift_leader" (as the log keeps it) or a list, translated."""
    names = [r for r in (roles.split(",") if isinstance(roles, str) else roles) if r]
    if not names or names == ["none"]:
        return "—"
    return ", ".join(role_label(r.strip()) for r in names)


def _detail_key(key: str) -> str:
    known = {
        "reason": QCoreApplication.translate("AuditDetail", "Reason"),
        "away_reason": QCoreApplication.translate("AuditDetail", "Away reason"),
        "session_s": QCoreApplication.translate("AuditDetail", "Session length"),
        "mode": QCoreApplication.translate("AuditDetail", "Mode"),
        "why": QCoreApplication.translate("AuditDetail", "Why"),
        "message": QCoreApplication.translate("AuditDetail", "Message"),
        "name": QCoreApplication.translate("AuditDetail", "Name"),
        "roles": QCoreApplication.translate("AuditDetail", "Roles"),
        "before": QCoreApplication.translate("AuditDetail", "Before"),
        "after": QCoreApplication.translate("AuditDetail", "After"),
        "roles_before": QCoreApplication.translate("AuditDetail", "Roles before"),
        "disabled_before": QCoreApplication.translate("AuditDetail", "Disabled before"),
        "failed_count": QCoreApplication.translate("AuditDetail", "Failed attempts"),
        "failed_count_before": QCoreApplication.translate("AuditDetail", "Failed attempts before"),
        "retry_after_s": QCoreApplication.translate("AuditDetail", "Retry after"),
        "locked_until": QCoreApplication.translate("AuditDetail", "Locked until"),
        "locked_until_before": QCoreApplication.translate("AuditDetail", "Locked until (before)"),
        "groups": QCoreApplication.translate("AuditDetail", "Groups"),
        "queues": QCoreApplication.translate("AuditDetail", "Queues"),
        "agents": QCoreApplication.translate("AuditDetail", "Agents"),
        "replace": QCoreApplication.translate("AuditDetail", "Replace all"),
        "version": QCoreApplication.translate("AuditDetail", "Version"),
        "filter": QCoreApplication.translate("AuditDetail", "Filter"),
        "rows": QCoreApplication.translate("AuditDetail", "Rows"),
        "file": QCoreApplication.translate("AuditDetail", "File"),
        "start": QCoreApplication.translate("AuditDetail", "From"),
        "end": QCoreApplication.translate("AuditDetail", "Until"),
        "operator": QCoreApplication.translate("AuditDetail", "Operator"),
        "agent": QCoreApplication.translate("AuditDetail", "Agent"),
        "action": QCoreApplication.translate("AuditDetail", "Action"),
        "text": QCoreApplication.translate("AuditDetail", "Text"),
        "expires_at": QCoreApplication.translate("AuditDetail", "Expires"),
        "source": QCoreApplication.translate("AuditDetail", "Source"),
        "published_by": QCoreApplication.translate("AuditDetail", "Published by"),
        "published_at": QCoreApplication.translate("AuditDetail", "Published"),
        "rule": QCoreApplication.translate("AuditDetail", "Rule"),
        "subject": QCoreApplication.translate("AuditDetail", "Subject"),
        "ticket": QCoreApplication.translate("AuditDetail", "Ticket"),
        "note": QCoreApplication.translate("AuditDetail", "Note"),
        "count": QCoreApplication.translate("AuditDetail", "Count"),
        "kind": QCoreApplication.translate("AuditDetail", "Kind"),
        "days": QCoreApplication.translate("AuditDetail", "Days"),
        "first": QCoreApplication.translate("AuditDetail", "First day"),
        "last": QCoreApplication.translate("AuditDetail", "Last day"),
        "replaced": QCoreApplication.translate("AuditDetail", "Replaced"),
        "type": QCoreApplication.translate("AuditDetail", "Type"),
        "chain": QCoreApplication.translate("AuditDetail", "Approval chain"),
        "needs": QCoreApplication.translate("AuditDetail", "Needs"),
        "shift": QCoreApplication.translate("AuditDetail", "Shift"),
        "day": QCoreApplication.translate("AuditDetail", "Day"),
        "absent": QCoreApplication.translate("AuditDetail", "Absent"),
        "added": QCoreApplication.translate("AuditDetail", "Added"),
        "approve": QCoreApplication.translate("AuditDetail", "Approved"),
        "changes": QCoreApplication.translate("AuditDetail", "Changes"),
        "chars": QCoreApplication.translate("AuditDetail", "Characters"),
        "diff": QCoreApplication.translate("AuditDetail", "Difference"),
        "from": QCoreApplication.translate("AuditDetail", "From"),
        "gives": QCoreApplication.translate("AuditDetail", "Gives up"),
        "items": QCoreApplication.translate("AuditDetail", "Items"),
        "late": QCoreApplication.translate("AuditDetail", "Late"),
        "platform": QCoreApplication.translate("AuditDetail", "Platform record"),
        "previous": QCoreApplication.translate("AuditDetail", "Previous"),
        "problems": QCoreApplication.translate("AuditDetail", "Problems"),
        "quiz_wrong": QCoreApplication.translate("AuditDetail", "Wrong quiz answers"),
        "record": QCoreApplication.translate("AuditDetail", "Record"),
        "removed": QCoreApplication.translate("AuditDetail", "Removed"),
        "role": QCoreApplication.translate("AuditDetail", "Role"),
        "status": QCoreApplication.translate("AuditDetail", "Status"),
        "takes": QCoreApplication.translate("AuditDetail", "Takes"),
        "to": QCoreApplication.translate("AuditDetail", "To"),
        "was": QCoreApplication.translate("AuditDetail", "Was"),
        "endpoint": QCoreApplication.translate("AuditDetail", "Endpoint"),
        "context": QCoreApplication.translate("AuditDetail", "Dial context"),
        "exten": QCoreApplication.translate("AuditDetail", "Extension"),
        "alert": QCoreApplication.translate("AuditDetail", "Alert"),
        "policy": QCoreApplication.translate("AuditDetail", "Policy setting"),
    }
    return known.get(key, key)


#: detail keys the compact text leaves out (machine ids; the tooltip and CSV keep them)
_DETAIL_HIDDEN = frozenset({"command", "event_id", "started_at", "tz", "reason_msg",
                            "result_msg"})
_ROLE_KEYS = frozenset({"roles", "before", "after", "roles_before"})


def _local_time(v: str, tz: ZoneInfo) -> str | None:
    """An ISO time from the detail as the floor's local time, or None if it is not one."""
    if len(v) < 19 or v[10] not in "T ":
        return None
    try:
        t = datetime.fromisoformat(v)
    except ValueError:
        return None
    if t.tzinfo is None:
        t = t.replace(tzinfo=UTC)
    return t.astimezone(tz).strftime("%Y-%m-%d %H:%M:%S")


def _detail_value(key: str, v: Any, tz: ZoneInfo) -> str:
    if isinstance(v, bool):
        return QCoreApplication.translate("AuditDetail", "yes") if v else QCoreApplication.translate("AuditDetail", "no")
    if key.endswith("_s") and isinstance(v, int | float):
        return duration(float(v))
    if key == "mode" and isinstance(v, str):
        return action_label(v)
    if key == "away_reason" and isinstance(v, str):
        try:
            return away_name(AwayReason(v))
        except (ValueError, KeyError):
            return v
    if key in _ROLE_KEYS and isinstance(v, list | tuple):
        return roles_label([str(x) for x in v])
    if key == "action" and isinstance(v, str):
        return action_label(v)
    if key == "source" and v in ("leader", "meeting"):  # an announcement's
        return {"leader": QCoreApplication.translate("AuditDetail", "shift leader"),
                "meeting": QCoreApplication.translate("AuditDetail", "morning meeting")}[v]
    if key == "rule" and isinstance(v, str):
        return rule_name(v)
    if key == "subject" and isinstance(v, str):
        return subject_label(v)
    if isinstance(v, str):
        return _local_time(v, tz) or v
    if isinstance(v, float):
        return f"{v:g}"
    if isinstance(v, Mapping):
        return ", ".join(f"{_detail_key(str(k))} {_detail_value(str(k), x, tz)}"
                         for k, x in v.items() if x is not None)
    if isinstance(v, list | tuple):
        return ", ".join(_detail_value("", x, tz) for x in v)
    return str(v)


def detail_text(detail: Mapping[str, Any], tz: ZoneInfo = SHANGHAI) -> str:
    """The detail as one short line: the reason first, then the rest by key."""
    parts = []
    for key in sorted(detail, key=lambda k: (k != "reason", k)):
        v = detail[key]
        if key == "reason" and Msg.from_json(detail.get("reason_msg")) is not None:
            v = tr_msg(Msg.from_json(detail.get("reason_msg")))  # the refusal, translated
        if key in _DETAIL_HIDDEN or v is None or v == "" or v == [] or v == {}:
            continue
        parts.append(f"{_detail_key(key)}: {_detail_value(key, v, tz)}")
    return "; ".join(parts)


def is_failure(result: str) -> bool:
    """A refused or failed action (shown red)."""
    head = result.split(":", 1)[0].strip().lower()
    return head in ("refused", "failed", "error", "unknown")


# ---- the table model ---------------------------------------------------------------


class AuditTableModel(QAbstractTableModel):
    """A read-only table over a list of audit rows, as handed in (newest first)."""

    def __init__(self, rows: Sequence[AuditEntry] = (), tz: ZoneInfo = SHANGHAI,
                 theme: Theme | None = None, parent: Any = None) -> None:
        super().__init__(parent)
        self.tz = tz
        self.theme = theme
        self._rows: list[AuditEntry] = list(rows)
        self._details: list[str] = [detail_text(r.detail, tz) for r in self._rows]

    def set_rows(self, rows: Sequence[AuditEntry]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self._details = [detail_text(r.detail, self.tz) for r in self._rows]
        self.endResetModel()

    def rows(self) -> list[AuditEntry]:
        return list(self._rows)

    def row_at(self, i: int) -> AuditEntry:
        return self._rows[i]

    def retranslate(self) -> None:
        """Headers, action and role names and detail texts follow the language."""
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, COLUMNS - 1)
        self._details = [detail_text(r.detail, self.tz) for r in self._rows]
        if self._rows:
            self.dataChanged.emit(self.index(0, 0),
                                  self.index(len(self._rows) - 1, COLUMNS - 1))

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else COLUMNS

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < COLUMNS:
            return None
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        return [QCoreApplication.translate("AuditTable", "Time"), QCoreApplication.translate("AuditTable", "Operator"),
                QCoreApplication.translate("AuditTable", "Roles"), QCoreApplication.translate("AuditTable", "Action"),
                QCoreApplication.translate("AuditTable", "Agent"), QCoreApplication.translate("AuditTable", "Target"),
                QCoreApplication.translate("AuditTable", "Detail"), QCoreApplication.translate("AuditTable", "Result"),
                QCoreApplication.translate("AuditTable", "Workstation")][section]

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def _text(self, r: AuditEntry, row: int, col: int) -> str:
        if col == COL_TIME:
            return r.at.astimezone(self.tz).strftime("%Y-%m-%d %H:%M:%S")
        if col == COL_OPERATOR:
            return r.operator
        if col == COL_ROLES:
            return roles_label(r.roles)
        if col == COL_ACTION:
            return action_label(r.action)
        if col == COL_AGENT:
            return r.agent or ""
        if col == COL_TARGET:
            return target_label(r)
        if col == COL_DETAIL:
            return self._details[row]
        if col == COL_RESULT:
            return result_label(r.result, r.detail)
        return r.workstation

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.parent().isValid():
            return None
        row, col = index.row(), index.column()
        if not (0 <= row < len(self._rows) and 0 <= col < COLUMNS):
            return None
        r = self._rows[row]
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(r, row, col)
        if role == SORT_ROLE:
            if col == COL_TIME:  # by time, then by the order rows were written
                return f"{r.at.astimezone(UTC).isoformat()}#{r.id:020d}"
            return self._text(r, row, col)
        if role == Qt.ItemDataRole.ToolTipRole:
            if col == COL_DETAIL and r.detail:
                return json.dumps(dict(r.detail), ensure_ascii=False, indent=1,
                                  sort_keys=True)
            if col == COL_ACTION:
                return r.action
            if col in (COL_RESULT, COL_TARGET):
                return self._text(r, row, col) or None
            if col == COL_TIME:
                return r.at.astimezone(self.tz).isoformat(timespec="seconds")
            return None
        if role == Qt.ItemDataRole.ForegroundRole:
            # the red of the theme given, else of the theme in force (never light-only)
            return QBrush(QColor(tone_colour(Tone.ERROR, self.theme))) \
                if is_failure(r.result) else None
        if role == FAILED_ROLE:
            return is_failure(r.result)
        if role == ID_ROLE:
            return r.id
        return None


# ---- the dialog -------------------------------------------------------------------


class AuditDialog(_QDialog):
    """The audit log of the floor: a filter row, the table, a status line, export.

    Searching and exporting ask :class:`AuditSource` and wait for its answer; a
    later search supersedes an earlier one still running (only the last answer
    is shown). ``ask_path`` is an attribute so tests can answer it.
    """

    #: a search's answer (rows or an error) is on screen
    search_finished = Signal()
    #: an export's answer (done or an error) is on screen
    export_finished = Signal()
    #: the action filter's choices arrived
    actions_loaded = Signal()

    def __init__(self, backend: AuditSource, *, tz: ZoneInfo = SHANGHAI,
                 theme: Theme | None = None, now: Callable[[], datetime] | None = None,
                 search_on_open: bool = True, parent: Any = None) -> None:
        super().__init__(parent)
        self.setObjectName("auditDialog")
        self.backend = backend
        self.tz = tz
        self.theme = theme
        self._now = now or (lambda: datetime.now(UTC))
        # held weakly: a bound method kept on the instance is a reference cycle, and
        # a widget in a cycle is freed by whichever thread the garbage collector
        # happens to run on — a worker's, fatally
        save = weakref.WeakMethod(self._save_dialog)
        self.ask_path: Callable[[], str | None] = lambda: (m := save()) and m()
        self._seq = 0  # the search whose answer is awaited
        self._shown: AuditQuery | None = None  # the query of the rows on screen
        self._status: tuple[int, bool] | None = None
        self._actions: list[str] = []
        self.model = AuditTableModel((), tz, theme, self)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setSortRole(SORT_ROLE)
        self._build()
        self.retranslate()
        self.resize(1100, 600)
        self.operator_edit.setFocus()
        self._load_actions()
        if search_on_open:
            self.search()

    # ---- layout ------------------------------------------------------------------

    def _build(self) -> None:
        layout = QVBoxLayout(self)
        filters = QWidget(self)
        row = QHBoxLayout(filters)
        row.setContentsMargins(0, 0, 0, 0)
        today = self._today()
        self.from_label = QLabel(filters)
        self.from_date = QDateEdit(filters)
        self.from_date.setObjectName("auditFrom")
        self.to_label = QLabel(filters)
        self.to_date = QDateEdit(filters)
        self.to_date.setObjectName("auditTo")
        for edit, d in ((self.from_date, today - timedelta(days=DEFAULT_DAYS)),
                        (self.to_date, today)):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("yyyy-MM-dd")
            edit.setDate(QDate(d.year, d.month, d.day))
        self.operator_label = QLabel(filters)
        self.operator_edit = QLineEdit(filters)
        self.operator_edit.setObjectName("auditOperator")
        self.operator_edit.setClearButtonEnabled(True)
        self.agent_label = QLabel(filters)
        self.agent_edit = QLineEdit(filters)
        self.agent_edit.setObjectName("auditAgent")
        self.agent_edit.setClearButtonEnabled(True)
        self.action_label = QLabel(filters)
        self.action_box = QComboBox(filters)
        self.action_box.setObjectName("auditAction")
        self.action_box.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.search_button = QPushButton(filters)
        self.search_button.setObjectName("auditSearch")
        # Enter in any filter field searches: the dialog's default button
        self.search_button.setDefault(True)
        self.search_button.clicked.connect(self.search)
        pairs = [(self.from_label, self.from_date), (self.to_label, self.to_date),
                 (self.operator_label, self.operator_edit), (self.agent_label, self.agent_edit),
                 (self.action_label, self.action_box)]
        for lab, w in pairs:
            lab.setBuddy(w)
            row.addWidget(lab)
            row.addWidget(w)
            row.addSpacing(6)
        row.addWidget(self.search_button)
        row.addStretch(1)
        layout.addWidget(filters)

        self.table = QTableView(self)
        self.table.setObjectName("auditTable")
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(COL_TIME, Qt.SortOrder.DescendingOrder)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(22)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setResizeContentsPrecision(200)
        header.setStretchLastSection(True)
        layout.addWidget(self.table, 1)

        bottom = QHBoxLayout()
        self.status_label = QLabel(self)
        self.status_label.setObjectName("auditStatus")
        # its colours from the theme in force, following a theme switch while shown
        self.message_label = StatusLine(self, "auditMessage")
        self.export_button = QPushButton(self)
        self.export_button.setObjectName("auditExport")
        self.export_button.setAutoDefault(False)
        self.export_button.clicked.connect(self.export_csv)
        self.close_button = QPushButton(self)
        self.close_button.setAutoDefault(False)
        self.close_button.clicked.connect(self.reject)
        bottom.addWidget(self.status_label)
        bottom.addWidget(self.message_label, 1)
        bottom.addWidget(self.export_button)
        bottom.addWidget(self.close_button)
        layout.addLayout(bottom)

    def retranslate(self) -> None:
        self.setWindowTitle(QCoreApplication.translate("AuditDialog", "Audit log"))
        self.from_label.setText(QCoreApplication.translate("AuditDialog", "&From"))
        self.to_label.setText(QCoreApplication.translate("AuditDialog", "&To"))
        self.operator_label.setText(QCoreApplication.translate("AuditDialog", "&Operator"))
        self.operator_edit.setPlaceholderText(QCoreApplication.translate("AuditDialog", "Any (operator ID)"))
        self.agent_label.setText(QCoreApplication.translate("AuditDialog", "A&gent"))
        self.agent_edit.setPlaceholderText(QCoreApplication.translate("AuditDialog", "Any (agent ID)"))
        self.action_label.setText(QCoreApplication.translate("AuditDialog", "&Action"))
        self.search_button.setText(QCoreApplication.translate("AuditDialog", "&Search"))
        self.export_button.setText(QCoreApplication.translate("AuditDialog", "&Export CSV…"))
        self.export_button.setToolTip(QCoreApplication.translate(
            "AuditDialog", "Every row matching the filter goes to the file, not only the "
            "rows shown; the export is recorded in the audit log"))
        self.close_button.setText(QCoreApplication.translate("AuditDialog", "Close"))
        self._fill_actions()
        self.model.retranslate()
        self._render_status()

    def changeEvent(self, e: QEvent) -> None:
        if e.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(e)

    # ---- filters -----------------------------------------------------------------

    def _today(self) -> date:
        return self._now().astimezone(self.tz).date()

    def _fill_actions(self) -> None:
        current = self.action_box.currentData()
        self.action_box.blockSignals(True)
        self.action_box.clear()
        self.action_box.addItem(QCoreApplication.translate("AuditDialog", "All actions"), None)
        for a in sorted(self._actions, key=action_label):
            self.action_box.addItem(action_label(a), a)
        i = self.action_box.findData(current) if current is not None else 0
        self.action_box.setCurrentIndex(max(i, 0))
        self.action_box.blockSignals(False)

    def _actions_arrived(self, actions: list[str]) -> None:
        self._actions = sorted(set(actions))
        self._fill_actions()
        self.actions_loaded.emit()

    def set_action(self, action: str | None) -> None:
        """Choose the action filter (an action not in the list yet is added)."""
        if action is not None and action not in self._actions:
            self._actions = sorted({*self._actions, action})
            self._fill_actions()
        self.action_box.setCurrentIndex(max(self.action_box.findData(action), 0)
                                        if action is not None else 0)

    def set_dates(self, start: date, end: date) -> None:
        self.from_date.setDate(QDate(start.year, start.month, start.day))
        self.to_date.setDate(QDate(end.year, end.month, end.day))

    def _local_midnight(self, d: date) -> datetime:
        return datetime.combine(d, time(0), self.tz).astimezone(UTC)

    def current_query(self) -> AuditQuery | None:
        """The query the filter fields describe; None (with a message) if they make
        no sense. The "to" date counts in full: until the end of that local day."""
        start_d: date = self.from_date.date().toPython()  # type: ignore[assignment]
        end_d: date = self.to_date.date().toPython()  # type: ignore[assignment]
        if start_d > end_d:
            self._show_message(QCoreApplication.translate(
                "AuditDialog", "The “from” date is after the “to” date."), error=True)
            return None
        return AuditQuery(start=self._local_midnight(start_d),
                          end=self._local_midnight(end_d + timedelta(days=1)),
                          operator=self.operator_edit.text().strip() or None,
                          agent=self.agent_edit.text().strip() or None,
                          action=self.action_box.currentData())

    # ---- searching ---------------------------------------------------------------

    def search(self) -> None:
        q = self.current_query()
        if q is None:
            return
        self._seq += 1
        seq = self._seq
        self._show_message("")
        self.status_label.setText(QCoreApplication.translate("AuditDialog", "Searching…"))
        self.backend.search_audit(self, q).done(tagged(self._found, seq, q)).refused(
            tagged(self._search_failed, seq)).run()

    def _found(self, seq: int, q: AuditQuery,
               answer: tuple[Sequence[AuditEntry], bool]) -> None:
        if seq != self._seq:  # a later search is on its way
            return
        rows, more = answer
        self.model.set_rows(rows)
        self._shown = q
        self._status = (len(rows), more)
        self._render_status()
        self._fit_columns()
        self.search_finished.emit()

    def _search_failed(self, seq: int, why: str) -> None:
        if seq != self._seq:
            return
        self.model.set_rows([])
        self._shown = None
        self._status = None
        self._render_status()
        self._show_message(QCoreApplication.translate(
            "AuditDialog", "Search failed: {error}").format(error=_error_text(why)), error=True)
        self.search_finished.emit()

    def _render_status(self) -> None:
        if self._status is None:
            self.status_label.setText("")
            return
        n, more = self._status
        if more:
            text = QCoreApplication.translate("AuditDialog", "First {n} rows shown — narrow the filter")
        elif n == 1:
            text = QCoreApplication.translate("AuditDialog", "1 row")
        else:
            text = QCoreApplication.translate("AuditDialog", "{n} rows")
        self.status_label.setText(text.format(n=f"{n:,}"))

    def _fit_columns(self) -> None:
        self.table.resizeColumnsToContents()
        header = self.table.horizontalHeader()
        for col, widest in ((COL_DETAIL, 420), (COL_RESULT, 320), (COL_TARGET, 200)):
            if header.sectionSize(col) > widest:
                header.resizeSection(col, widest)

    def status_text(self) -> str:
        return self.status_label.text()

    def message_text(self) -> str:
        return self.message_label.text()

    def _show_message(self, text: str, *, error: bool = False) -> None:
        self.message_label.show_text(text, Tone.ERROR if error else Tone.PLAIN)

    # ---- export ------------------------------------------------------------------

    def export_csv(self) -> None:
        """Export what the table shows (the filter of the last search), every row of
        it; with nothing searched yet, the filter as it stands."""
        q = self._shown or self.current_query()
        if q is None:
            return
        path = self.ask_path()
        if not path:
            return
        if not path.lower().endswith(".csv"):
            path += ".csv"
        self.export_button.setEnabled(False)
        self._show_message(QCoreApplication.translate("AuditDialog", "Exporting…"))
        self.backend.export_audit(self, q, path).done(tagged(self._exported, path)).refused(
            self._export_failed).run()

    def _exported(self, path: str, n: int) -> None:
        self.export_button.setEnabled(True)
        text = QCoreApplication.translate("AuditDialog", "Exported 1 row to {path}") if n == 1 \
            else QCoreApplication.translate("AuditDialog", "Exported {n} rows to {path}")
        self._show_message(text.format(n=f"{n:,}", path=path))
        self._load_actions()  # + audit_export
        self.export_finished.emit()

    def _export_failed(self, why: str) -> None:
        self.export_button.setEnabled(True)
        self._show_message(QCoreApplication.translate(
            "AuditDialog", "Export failed: {error}").format(error=_error_text(why)), error=True)
        self.export_finished.emit()

    def _default_file_name(self) -> str:
        q = self._shown or self.current_query()
        if q is None or q.start is None or q.end is None:
            return QCoreApplication.translate("AuditDialog", "audit-log.csv")
        first = q.start.astimezone(self.tz).date()
        last = (q.end - timedelta(seconds=1)).astimezone(self.tz).date()
        return QCoreApplication.translate("AuditDialog", "audit-log_{start}_{end}.csv").format(
            start=first.strftime("%Y%m%d"), end=last.strftime("%Y%m%d"))

    def _save_dialog(self) -> str | None:
        path, _filter = QFileDialog.getSaveFileName(
            self, QCoreApplication.translate("AuditDialog", "Export the audit log"),
            in_documents(self._default_file_name()),
            QCoreApplication.translate("AuditDialog", "CSV for Excel (*.csv)"))
        return path or None

    # ---- answers that arrive after the dialog is gone ----------------------------

    def _load_actions(self) -> None:
        self.backend.audit_actions(self).done(self._actions_arrived).refused(
            self._actions_failed).run()

    def _actions_failed(self, why: str) -> None:
        # the filter still offers "all actions"; say why the list is short, unless a
        # search or an export has something to say already
        if not self.message_text():
            self._show_message(QCoreApplication.translate(
                "AuditDialog", "The list of actions could not be read: {error}").format(
                    error=_error_text(why)), error=True)

    def show_failure(self, text: str) -> None:
        self._show_message(text, error=True)


def _error_text(why: str) -> str:
    lines = why.strip().splitlines()
    text = lines[0] if lines else "?"
    return text if len(text) <= 400 else text[:399] + "…"
