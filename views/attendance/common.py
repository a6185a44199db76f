"""What the attendance pages share: the backend they talk to, the row roles, the
floor's default zone, the marked rows' colours from the theme in force and the
conflict text (issue #15)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date
from typing import Any, Protocol
from zoneinfo import ZoneInfo

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QBrush

from models.domain.attendance import AttendanceRecord, AttType, MonthSummary
from models.domain.policy import Policy
from models.domain.shiftrecords import StaleEdit
from views import conflict
from views import theme as themes
from views.attendance.texts import leave_status_label, value_text
from views.kit.pending import Pending

#: the floor's time zone until the backend's policy says otherwise
DEFAULT_TZ = ZoneInfo("Asia/Shanghai")
#: the row's key (工号 for the register and the summary, the request id for leave)
KEY_ROLE = Qt.ItemDataRole.UserRole + 1
#: register: "unconfirmed" / "confirmed" / "corrected"; summary: True when flagged;
#: leave: the request's status
STATE_ROLE = Qt.ItemDataRole.UserRole + 2


class AttendanceSource(Protocol):
    """What the pages ask of the outside world (console/shiftops_backend.py). Each
    request answers later, on the GUI thread, through the :class:`Pending` it returns:
    ``done(result)``, ``refused(text)`` for a refusal or a fault, ``conflict(StaleEdit)``
    when someone saved first."""

    def today(self) -> date: ...

    def register_day(self) -> date:
        """The date the shift running now started on (a night shift's register is
        kept on its start date), else today."""
        ...

    def policy(self) -> Policy: ...

    def load_register(self, owner: QObject, day: date) -> Pending: ...

    def save_record(self, owner: QObject, record: AttendanceRecord, expected_version: int,
                    reason: str, suggested: AttendanceRecord | None,
                    loaded: AttendanceRecord | None) -> Pending: ...

    def confirm_records(self, owner: QObject, records: Sequence[AttendanceRecord]) -> Pending:
        """Every record (a suggestion as it is) confirmed in one save, or none."""
        ...

    def load_summary(self, owner: QObject, month: str) -> Pending: ...

    def export_summary(self, owner: QObject, summary: MonthSummary, path: str) -> Pending: ...

    def load_leave(self, owner: QObject, first: date, last: date) -> Pending: ...

    def request_leave(self, owner: QObject, agent: str, type_: AttType, start: date, end: date,
                      reason: str) -> Pending: ...

    def decide_leave(self, owner: QObject, request_id: int, approve: bool,
                     expected_version: int, note: str) -> Pending: ...


def floor_tz(backend: AttendanceSource) -> ZoneInfo:
    """The floor's zone from its policy; the default before the policy is known."""
    try:
        return backend.policy().tz
    except Exception:  # noqa: BLE001 - no policy yet: the default floor zone
        return DEFAULT_TZ


# ---- the marked rows' colours, from the theme in force (never light-only) ----------------


def pending_bg() -> QBrush:
    """A row waiting on the leader (unconfirmed, a pending request)."""
    return QBrush(themes.current().pending_bg)


def flagged_bg() -> QBrush:
    """A row breaking a rule (a flagged agent in the summary)."""
    return QBrush(themes.current().flagged_bg)


def mark_text() -> QBrush:
    """The text on a marked row, readable on its background."""
    return QBrush(themes.current().mark_text)


def mark_alert() -> QBrush:
    """A red word on a marked row (or any row), readable on it in either theme."""
    return QBrush(themes.current().mark_alert)


def amber_text() -> QBrush:
    return QBrush(themes.current().amber)


def quiet_text() -> QBrush:
    """A row with nothing to do yet (a shift not due, issue #12)."""
    return QBrush(themes.current().stale_text)


# ---- conflicts ------------------------------------------------------------------------------


def conflict_message(e: StaleEdit, labels_: Mapping[str, str], tz: ZoneInfo,
                     people: Mapping[str, str]) -> str:
    """conflict_text with the values as people read them (类型 病假, not "sick")."""

    def shown_value(f: str, v: Any) -> str | None:
        if f == "status":
            return leave_status_label(str(v)) if v else None
        return value_text(f, v)

    shown = StaleEdit(e.what, by=e.by, at=e.at, deleted=e.deleted, current=e.current,
                      changes=[(f, shown_value(f, m), shown_value(f, t)) for f, m, t in e.changes])
    return conflict.conflict_text(shown, tz, labels_, people)
