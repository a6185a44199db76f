"""The shift-operations dialogs' backend (issue #6): roster, morning meeting,
attendance register and summary, leave, handover — each request a background op
(``models.db`` off the GUI thread), answered on the GUI thread.

Each method returns a :class:`console.ops.Request` for its dialog. Three kinds of
answer reach it: ``done(result)``; ``refused(text)`` for a refusal (no right, a rule
broken: the message as it is) or a fault (one line); and ``conflict(StaleEdit)``
when another leader saved the record first, so the dialog can show what they
changed instead of a bare error.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject

from console.ops import Backend, BackendContext, Request
from models.db import attendance_db, meetings_db, shiftops, training_db
from models.db.operators import OperatorError
from models.db.shiftops import ShiftOpsError, StaleEdit
from models.domain import handover as ho
from models.domain import shiftimport
from models.domain.attendance import AttendanceRecord, AttType, MonthSummary
from models.domain.floor import FloorState
from models.domain.handover import Item
from models.domain.meeting import Minutes
from models.domain.policy import Policy
from models.domain.shiftrecords import ImportReport, RosterView
from models.domain.training import TrainingPlan

#: expected answers (shown to the person, not logged as faults)
REFUSALS: tuple[type[Exception], ...] = (ShiftOpsError, OperatorError,
                                         shiftimport.ShiftFileError)



class ShiftOpsBackend(Backend):
    """Acts in the name of whoever is signed in at the console *now*; every right is
    checked in the database. ``now`` is the floor's clock; ``policy`` and ``state``
    are the floor's as the feed last delivered them."""

    def __init__(self, ctx: BackendContext, policy: Callable[[], Policy],
                 state: Callable[[], FloorState | None]) -> None:
        super().__init__(ctx)
        self.policy = policy
        self._state = state

    def today(self) -> date:
        return self.now().astimezone(self.policy().tz).date()

    # ---- plumbing ----

    def _ask(self, owner: QObject, work: Callable[[], Any]) -> Request:
        """``work`` for ``owner``: a refusal is an answer, a stale save a conflict
        (when the caller chains one)."""
        return self.request(owner, work, REFUSALS, (StaleEdit,))

    # ---- roster ----

    def load_roster(self, owner: QObject, first: date, last: date) -> Request:
        def fn() -> RosterView:
            with self.engine.connect() as conn:
                return RosterView(first, last, shiftops.roster_between(conn, first, last),
                                  shiftops.agents(conn), shiftops.people(conn))
        return self._ask(owner, fn)

    def set_roster_cell(self, owner: QObject, day: date, person: str, shift: str | None,
                        expected: Sequence[tuple[str, int]], role: str,
                        undo: bool = False) -> Request:
        by, now, ws = self.operator_id, self.now(), self.workstation
        return self._ask(owner, lambda: shiftops.set_roster_cell(
            self.engine, day, person, shift, by=by, now=now, expected=list(expected),
            role=role, workstation=ws, undo=undo))

    def import_roster(self, owner: QObject, path: str, partial: bool) -> Request:
        """Read the file; import it when it has no bad rows or ``partial`` says so."""
        by, now, ws, policy = self.operator_id, self.now(), self.workstation, self.policy()

        def fn() -> ImportReport:
            with self.engine.connect() as conn:
                agents, everyone = shiftops.agents(conn), shiftops.people(conn)
            res = shiftimport.read_roster_csv(path, shifts=[s.name for s in policy.shifts],
                                              known=agents, leaders=everyone)
            done = None
            if res.entries and (partial or not res.errors):
                done = shiftops.import_roster(self.engine, res.entries, by=by, now=now,
                                              source=Path(path).name, workstation=ws)
            return ImportReport(path, len(res.entries), res.errors, done)
        return self._ask(owner, fn)

    def swap(self, owner: QObject, agent: str, day: date, other: str, other_day: date,
             reason: str) -> Request:
        by, now, ws, policy = self.operator_id, self.now(), self.workstation, self.policy()
        return self._ask(owner, lambda: shiftops.swap_shifts(
            self.engine, agent, day, other, other_day, by=by, now=now, policy=policy,
            reason=reason, workstation=ws))

    # ---- attendance (issue #15: each call a Request for its page, bound weakly) ----

    def load_register(self, owner: QObject, day: date) -> Request:
        policy, now = self.policy(), self.now()

        def fn() -> list[attendance_db.RegisterRow]:
            with self.engine.connect() as conn:
                return attendance_db.register(conn, day, policy, now)
        return self.request(owner, fn, REFUSALS)

    def save_record(self, owner: QObject, record: AttendanceRecord, expected_version: int,
                    reason: str, suggested: AttendanceRecord | None,
                    loaded: AttendanceRecord | None) -> Request:
        """One line confirmed or corrected; a stale save is a ``conflict``."""
        by, now, ws = self.operator_id, self.now(), self.workstation
        return self.request(owner, lambda: attendance_db.save_record(
            self.engine, record, by=by, now=now, expected_version=expected_version,
            reason=reason, suggested=suggested, loaded=loaded, workstation=ws),
            REFUSALS, (StaleEdit,))

    def confirm_records(self, owner: QObject, records: Sequence[AttendanceRecord]) -> Request:
        """"Confirm all": every suggestion confirmed as it is in ONE transaction, or none
        (a line saved by someone else meanwhile is a ``conflict`` naming it)."""
        by, now, ws, recs = self.operator_id, self.now(), self.workstation, list(records)
        return self.request(owner, lambda: attendance_db.confirm_records(
            self.engine, recs, by=by, now=now, workstation=ws), REFUSALS, (StaleEdit,))

    def load_summary(self, owner: QObject, month: str) -> Request:
        policy = self.policy()

        def fn() -> MonthSummary:
            with self.engine.connect() as conn:
                return attendance_db.month_summary(conn, month, policy)
        return self.request(owner, fn, REFUSALS)

    def export_summary(self, owner: QObject, summary: MonthSummary, path: str) -> Request:
        from models.reports.attendance_xlsx import write_month_summary
        return self.request(owner, lambda: write_month_summary(summary, path), REFUSALS)

    # ---- leave ----

    def load_leave(self, owner: QObject, first: date, last: date) -> Request:
        def fn() -> tuple[list[shiftops.LeaveRequest], dict[str, str]]:
            with self.engine.connect() as conn:
                return shiftops.leave_between(conn, first, last), shiftops.people(conn)
        return self.request(owner, fn, REFUSALS)

    def request_leave(self, owner: QObject, agent: str, type_: AttType, start: date, end: date,
                      reason: str) -> Request:
        by, now, ws, policy = self.operator_id, self.now(), self.workstation, self.policy()
        return self.request(owner, lambda: shiftops.request_leave(
            self.engine, agent, type_, start, end, reason=reason, by=by, now=now,
            policy=policy, workstation=ws), REFUSALS)

    def decide_leave(self, owner: QObject, request_id: int, approve: bool,
                     expected_version: int, note: str) -> Request:
        by, now, ws = self.operator_id, self.now(), self.workstation
        return self.request(owner, lambda: shiftops.decide_leave(
            self.engine, request_id, approve, by=by, now=now,
            expected_version=expected_version, note=note, workstation=ws),
            REFUSALS, (StaleEdit,))

    # ---- morning meeting ----

    def load_minutes(self, owner: QObject, day: date, shift: str) -> Request:
        """The saved minutes, or a new form prefilled from the roster."""
        chair = self.operator_id

        def fn() -> Minutes:
            with self.engine.connect() as conn:
                return (meetings_db.load_minutes(conn, day, shift)
                        or meetings_db.new_minutes(conn, day, shift, chair))
        return self._ask(owner, fn)

    def list_meetings(self, owner: QObject, first: date, last: date) -> Request:
        def fn() -> list[Minutes]:
            with self.engine.connect() as conn:
                return meetings_db.meetings_between(conn, first, last)
        return self._ask(owner, fn)

    def save_minutes(self, owner: QObject, minutes: Minutes) -> Request:
        by, now, ws, policy = self.operator_id, self.now(), self.workstation, self.policy()
        return self._ask(owner, lambda: meetings_db.save_minutes(
            self.engine, minutes, by=by, now=now, policy=policy, workstation=ws))

    # ---- the week's training plan (issue #18, R-REPORT-1) ----

    def load_training_plan(self, owner: QObject, week: date) -> Request:
        """The week's stored plan, or None."""
        def fn() -> TrainingPlan | None:
            with self.engine.connect() as conn:
                return training_db.load_plan(conn, week)
        return self._ask(owner, fn)

    def save_training_plan(self, owner: QObject, plan: TrainingPlan) -> Request:
        by, now, ws = self.operator_id, self.now(), self.workstation
        return self._ask(owner, lambda: training_db.save_plan(
            self.engine, plan, by=by, now=now, workstation=ws))

    # ---- handover ----

    def open_items(self) -> list[Item]:
        """What the floor leaves open now (from the feed's state: no database)."""
        st = self._state()
        return ho.open_items(st) if st is not None else []

    def shift_stats(self) -> ho.ShiftStats | None:
        """The running shift's statistics, from the feed's state (issue #12)."""
        st = self._state()
        return ho.shift_stats(st) if st is not None else None

    def current_shift(self) -> tuple[date, str]:
        """The shift running now as (the date it started, its name)."""
        policy = self.policy()
        p = policy.shift_period(self.now())
        return p.start.astimezone(policy.tz).date(), p.name

    def register_day(self) -> date:
        """The register to open: the running shift's start date (a night shift at 01:48
        is yesterday's), today between shifts."""
        day, name = self.current_shift()
        return day if name else self.today()

    def load_handovers(self, owner: QObject) -> Request:
        def fn() -> tuple[list[ho.Handover], dict[str, str]]:
            with self.engine.connect() as conn:
                return meetings_db.handovers(conn), shiftops.people(conn)
        return self._ask(owner, fn)

    def write_handover(self, owner: QObject, day: date, shift: str, text: str,
                       items: Sequence[Item], expected_version: int) -> Request:
        by, now, ws = self.operator_id, self.now(), self.workstation
        stats = self.shift_stats()  # read here, on the GUI thread, with the items
        return self._ask(owner, lambda: meetings_db.write_handover(
            self.engine, day, shift, text, list(items), by=by, now=now,
            expected_version=expected_version, workstation=ws, stats=stats))

    def acknowledge_handover(self, owner: QObject, handover_id: int, expected_version: int,
                             note: str) -> Request:
        by, now, ws = self.operator_id, self.now(), self.workstation
        return self._ask(owner, lambda: meetings_db.acknowledge_handover(
            self.engine, handover_id, by=by, now=now, expected_version=expected_version,
            note=note, workstation=ws))

    def pending_handover(self, owner: QObject) -> Request:
        def fn() -> ho.Handover | None:
            with self.engine.connect() as conn:
                return meetings_db.pending_handover(conn)
        return self._ask(owner, fn)
