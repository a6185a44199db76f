"""The shift records' values as the console shows them (issue #6), and the refusal
a stale save gets. Pure: ``models.db`` builds them, ``views`` renders them.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from models.domain.attendance import AttendanceRecord, AttType, Settle
from models.domain.floorsetup import RowError


class EditRefused(ValueError):
    """A shift-record change refused for a reason the person can act on."""


class StaleEdit(EditRefused):
    """Another person saved the record after it was loaded: the save is refused.

    ``changes`` lists (field, what this save had as the old value, what is stored
    now) for every field the other save changed, so the console can show it.
    """

    def __init__(self, what: str, *, by: str | None, at: datetime | None,
                 changes: Sequence[tuple[str, Any, Any]] = (), current: Any = None,
                 deleted: bool = False) -> None:
        self.what = what
        self.by = by
        self.at = at
        self.changes = list(changes)
        self.current = current
        self.deleted = deleted
        who = by or "?"
        when = at.isoformat(timespec="seconds") if at else "?"
        if deleted:
            text = f"{what} 已被删除 / {what} was deleted meanwhile"
        else:
            diff = "; ".join(f"{f}: {theirs!r}" for f, _m, theirs in self.changes)
            text = (f"{what} 已被 {who} 于 {when} 修改，保存被拒绝 / {what} was changed by "
                    f"{who} at {when}; your save was refused" + (f" ({diff})" if diff else ""))
        super().__init__(text)


@dataclass(frozen=True, slots=True)
class RosterSlot:
    day: date
    shift: str
    person: str
    role: str
    version: int
    updated_by: str = ""


@dataclass(frozen=True, slots=True)
class LeaveRequest:
    id: int
    agent: str
    type: AttType
    start: date
    end: date
    days: float
    reason: str
    #: roles that must approve, in order
    chain: tuple[str, ...]
    #: decisions so far: {"role", "by", "at", "decision", "note"}
    steps: tuple[Mapping[str, Any], ...]
    status: str
    created_by: str
    created_at: datetime
    version: int

    @property
    def next_role(self) -> str | None:
        """The role whose approval the request waits on (None once decided)."""
        if self.status != "pending":
            return None
        return self.chain[len(self.steps)] if len(self.steps) < len(self.chain) else None


def record_fields(r: AttendanceRecord) -> dict[str, Any]:
    """The fields a leader edits, as compared and audited."""
    return {"type": r.type.value, "late_min": r.late_min, "early_min": r.early_min,
            "note": r.note}


@dataclass(frozen=True, slots=True)
class Stored:
    """A register record as saved, with who saved it and its version."""

    record: AttendanceRecord
    source: str  # leader / import / meeting
    version: int
    updated_by: str
    updated_at: datetime


@dataclass(frozen=True, slots=True)
class RegisterRow:
    """One line of a day's register."""

    agent: str
    name: str
    shift: str
    #: what the platform saw, as the policy reads it
    suggested: AttendanceRecord
    #: the saved record (None: not confirmed yet)
    stored: Stored | None
    first_login: datetime | None
    last_logout: datetime | None
    still_logged_in: bool
    #: how settled ``suggested`` is when the register was read (issue #12: a shift not
    #: started yet proposes nothing; one under way is not confirmed in bulk)
    settle: Settle = Settle.SETTLED
    #: the agent's group (班组) by name, "" when none
    group: str = ""

    @property
    def record(self) -> AttendanceRecord:
        return self.stored.record if self.stored else self.suggested

    @property
    def confirmed(self) -> bool:
        return self.stored is not None

    @property
    def differs(self) -> bool:
        """The saved record departs from what the platform saw (a correction)."""
        return self.stored is not None and record_fields(self.stored.record) != record_fields(self.suggested)


def is_correction(record: AttendanceRecord, suggested: AttendanceRecord | None) -> bool:
    """A record that departs from what the platform saw is a correction: it needs a
    reason and is audited as one (R-ATT-6); one equal to it is a confirmation."""
    return suggested is not None and record_fields(record) != record_fields(suggested)


@dataclass(frozen=True, slots=True)
class BulkConfirm:
    """What "confirm all" does with a register (issue #12, issue #15 step 3)."""

    #: the unconfirmed rows of settled shifts, confirmed as the platform suggests
    rows: tuple[RegisterRow, ...]
    #: agents left out because the leader's form holds unsaved changes for them
    editing: tuple[str, ...]
    #: unconfirmed rows of shifts not started or still under way: left until the
    #: shift is over (at 01:48 the day shift's "absences" are not absences yet)
    later: int


def bulk_confirm(rows: Sequence[RegisterRow], editing: str | None = None) -> BulkConfirm:
    """The rows "confirm all" may confirm: unconfirmed and settled, never the one the
    leader is editing (``editing``: its agent, when the form has unsaved changes)."""
    todo: list[RegisterRow] = []
    left: list[str] = []
    later = 0
    for r in rows:
        if r.confirmed:
            continue
        if r.settle is not Settle.SETTLED:
            later += 1
        elif r.agent == editing:
            left.append(r.agent)
        else:
            todo.append(r)
    return BulkConfirm(tuple(todo), tuple(left), later)


@dataclass(frozen=True)
class RosterView:
    first: date
    last: date
    slots: list[RosterSlot]
    #: agents (工号 → 姓名), in 工号 order
    agents: dict[str, str]
    #: everyone who may lead a shift (operators with the shift-leader role)
    people: dict[str, str]


@dataclass(frozen=True)
class ImportReport:
    """A file read: its good rows, its bad rows, and (when imported) the counts."""

    path: str
    good: int
    errors: list[RowError]
    imported: dict[str, int] | None

