"""The attendance register (考勤, DOMAIN §6) in the shared database. No Qt.

The register of a day is the roster of the shifts starting that day, each agent
with what the telephony platform saw — the logged-in sessions in
``agent_interval`` / ``agent_current`` against the shift's start (or the policy's
login deadline) and end — as a suggestion (:func:`models.domain.attendance.prefill`),
and the record the leader confirmed or corrected, if any. A correction needs a
reason; both are audited (R-ATT-6). Saves follow the version rule of
:mod:`models.db.shiftops` (a second leader's stale save is refused, not lost).
"""

from __future__ import annotations

import calendar
from collections.abc import Iterable, Sequence
from dataclasses import replace
from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy import Connection, Engine, bindparam, insert, select, update
from sqlalchemy.exc import IntegrityError

from models.db import audit as auditlog
from models.db import shiftops
from models.db.schema import (
    AgentCurrentRow,
    AgentIntervalRow,
    AgentRow,
    AttendanceRow,
    GroupRow,
    RosterRow,
)
from models.db.shiftops import ShiftOpsError, StaleEdit
from models.db.store import writing
from models.domain import attendance as att
from models.domain.attendance import AgentMonth, AttendanceRecord, AttType, MonthSummary
from models.domain.policy import Policy
from models.domain.roles import Right
from models.domain.shiftrecords import RegisterRow, Stored, is_correction, record_fields
from models.domain.texts import QT_TRANSLATE_NOOP, message_of

#: how far before a shift a login still counts as coming to that shift
EARLY_LOGIN = timedelta(hours=3)


_fields = record_fields


def _record(r: Any) -> AttendanceRecord:
    return AttendanceRecord(r.day, r.agent_id, AttType(r.type), r.late_min, r.early_min, r.note)


def _stored(r: Any) -> Stored:
    return Stored(_record(r), r.source, r.version, r.updated_by, r.updated_at)


def records_between(conn: Connection, first: date, last: date) -> list[AttendanceRecord]:
    return [_record(r) for r in conn.execute(
        select(AttendanceRow).where(AttendanceRow.day >= first, AttendanceRow.day <= last)
        .order_by(AttendanceRow.day, AttendanceRow.agent_id))]


def sessions(conn: Connection, agent: str, start: datetime, end: datetime
             ) -> list[tuple[datetime, datetime | None]]:
    """The agent's logged-in sessions overlapping [start, end): touching intervals of
    any state but 签出 merged; the open one (still logged in) ends with None."""
    return _sessions_of(conn, [agent], start, end).get(agent, [])


def _sessions_of(conn: Connection, agents: Sequence[str], start: datetime, end: datetime
                 ) -> dict[str, list[tuple[datetime, datetime | None]]]:
    """:func:`sessions` for many agents in two queries (a register of 1,000 agents
    would otherwise ask the database 2,000 times)."""
    lo = start - EARLY_LOGIN
    rows = conn.execute(select(AgentIntervalRow.agent_id, AgentIntervalRow.start,
                               AgentIntervalRow.end).where(
        AgentIntervalRow.state != "logged_out", AgentIntervalRow.end > lo,
        AgentIntervalRow.start < end).order_by(AgentIntervalRow.agent_id,
                                               AgentIntervalRow.start)).all()
    wanted = set(agents)
    spans: dict[str, list[tuple[datetime, datetime | None]]] = {}
    for agent, s, e in rows:
        if agent not in wanted:
            continue
        mine = spans.setdefault(agent, [])
        last = mine[-1] if mine else None
        if last is not None and last[1] is not None and s <= last[1]:
            mine[-1] = (last[0], max(e, last[1]))
        else:
            mine.append((s, e))
    for agent, state, since in conn.execute(select(
            AgentCurrentRow.agent_id, AgentCurrentRow.state, AgentCurrentRow.since)):
        if agent not in wanted or state == "logged_out" or since is None or since >= end:
            continue
        mine = spans.setdefault(agent, [])
        last = mine[-1] if mine else None
        if last is not None and last[1] is not None and since <= last[1]:
            mine[-1] = (last[0], None)
        else:
            mine.append((since, None))
    return {a: [(s, e) for s, e in ss if e is None or e > lo] for a, ss in spans.items()}


def groups(conn: Connection) -> dict[str, str]:
    """agent id → the name of the agent's group (班组), for those in one."""
    return {a: (n or g or "") for a, g, n in conn.execute(
        select(AgentRow.id, AgentRow.group_id, GroupRow.name)
        .join(GroupRow, GroupRow.id == AgentRow.group_id, isouter=True)
        .where(AgentRow.group_id.is_not(None)))}


def register(conn: Connection, day: date, policy: Policy, now: datetime | None = None
             ) -> list[RegisterRow]:
    """The day's register: every agent rostered on a shift starting on ``day``, and
    every agent with a saved record for the day though not rostered.

    ``now`` is the floor's clock (None: seen from after every shift): a shift not yet
    at its start + ``login_grace_min`` proposes nothing, a session still open counts
    only up to ``now`` (issue #12, :func:`models.domain.attendance.suggest`)."""
    names = shiftops.agents(conn)
    group_of = groups(conn)
    grace = timedelta(minutes=policy.login_grace_min)
    leave = shiftops.approved_leave_on(conn, day)
    saved = {r.agent_id: _stored(r) for r in conn.execute(
        select(AttendanceRow).where(AttendanceRow.day == day))}
    rostered = conn.execute(select(RosterRow.person, RosterRow.shift).where(
        RosterRow.day == day, RosterRow.role == "agent").order_by(RosterRow.person)).all()
    order = {s.name: i for i, s in enumerate(policy.shifts)}
    spans = {sh: shiftops.shift_span(policy, day, sh) for sh in {r.shift for r in rostered}}
    by_shift = {sh: _sessions_of(conn, [r.person for r in rostered if r.shift == sh], *span)
                for sh, span in spans.items()}
    out: list[RegisterRow] = []
    seen: set[str] = set()
    for person, shift in sorted(rostered, key=lambda r: (order.get(r.shift, 99), r.person)):
        if person in seen or person not in names:
            continue
        seen.add(person)
        start, end = spans[shift]
        ss = att.counted_sessions(start, end, by_shift[shift].get(person, []), now)
        sug, settle = att.suggest(person, day, start, end, ss, policy.attendance,
                                  leave=leave.get(person), tz=policy.tz, now=now, grace=grace)
        out.append(RegisterRow(person, names[person], shift, sug, saved.get(person),
                               ss[0][0] if ss else None,
                               ss[-1][1] if ss else None, bool(ss) and ss[-1][1] is None,
                               settle, group_of.get(person, "")))
    for agent, st in sorted(saved.items()):
        if agent not in seen:
            out.append(RegisterRow(agent, names.get(agent, ""), "", st.record, st, None, None,
                                   False, group=group_of.get(agent, "")))
    return out


def save_record(engine: Engine, record: AttendanceRecord, *, by: str, now: datetime,
                expected_version: int, reason: str = "", suggested: AttendanceRecord | None = None,
                loaded: AttendanceRecord | None = None, source: str = "leader",
                workstation: str = "") -> Stored:
    """Confirm or correct one register line. ``expected_version`` is the version the
    leader saw (0: not saved yet) and ``loaded`` the record as it was shown, so a
    refusal can name what the other save changed. A record that departs from ``suggested`` (what the
    platform saw) needs a ``reason``; the audit row keeps both."""
    _check(record)
    if is_correction(record, suggested) and not reason.strip():
        raise ShiftOpsError(QT_TRANSLATE_NOOP("ShiftOps", "A correction needs a reason"))
    what = _what(record)
    with writing(engine).begin() as conn:
        shiftops.require(conn, by, Right.KEEP_SHIFT_RECORDS)
        cur = conn.execute(select(AttendanceRow).where(
            AttendanceRow.day == record.day, AttendanceRow.agent_id == record.agent)
            .with_for_update()).first()
        values = {**_fields(record), "source": source, "updated_at": now, "updated_by": by}
        if expected_version == 0:
            if cur is not None:
                raise StaleEdit(what, by=cur.updated_by, at=cur.updated_at,
                                changes=shiftops.changed_fields(
                                    _fields(suggested or record), _fields(_record(cur))),
                                current=_stored(cur))
            conn.execute(insert(AttendanceRow).values(day=record.day, agent_id=record.agent,
                                                      version=1, **values))
        else:
            res = conn.execute(update(AttendanceRow).where(
                AttendanceRow.day == record.day, AttendanceRow.agent_id == record.agent,
                AttendanceRow.version == expected_version).values(
                version=expected_version + 1, **values))
            if res.rowcount != 1:
                if cur is None:
                    raise StaleEdit(what, by=None, at=None, deleted=True)
                raise StaleEdit(what, by=cur.updated_by, at=cur.updated_at,
                                changes=shiftops.changed_fields(
                                    _fields(loaded or suggested or record), _fields(_record(cur))),
                                current=_stored(cur))
        _audit_save(conn, record, suggested, cur, reason, by=by, now=now, source=source,
                    workstation=workstation)
        row = conn.execute(select(AttendanceRow).where(
            AttendanceRow.day == record.day, AttendanceRow.agent_id == record.agent)).one()
    return _stored(row)


def _what(r: AttendanceRecord) -> str:
    """A register line as a refusal names it."""
    return f"考勤 {r.day.isoformat()} {r.agent}"


def _audit_save(conn: Connection, record: AttendanceRecord, suggested: AttendanceRecord | None,
                cur: Any, reason: str, *, by: str, now: datetime, source: str,
                workstation: str) -> None:
    """One audit row per saved register line (R-ATT-6), a confirmation or a correction."""
    action = "attendance_correct" if is_correction(record, suggested) else "attendance_confirm"
    auditlog.audit(conn, at=now, operator=by, action=action, agent=record.agent,
                   target=record.day.isoformat(),
                   detail={"record": _fields(record), "reason": reason.strip(),
                           "platform": _fields(suggested) if suggested else None,
                           "was": _fields(_record(cur)) if cur is not None else None,
                           "source": source},
                   result="ok", workstation=workstation)


def confirm_records(engine: Engine, records: Sequence[AttendanceRecord], *, by: str,
                    now: datetime, workstation: str = "") -> list[Stored]:
    """"Confirm all" (issue #15 step 3): each record is a platform suggestion confirmed
    as it is, a line not saved yet. All in ONE transaction: every line is confirmed,
    or none is — a line that breaks a rule, or that someone else saved meanwhile
    (:class:`StaleEdit`), refuses the whole batch and the refusal names the line.
    Audited as the single confirmations are: one ``attendance_confirm`` row per line
    (R-ATT-6). The rows as stored, in ``records``' order."""
    for r in records:
        try:
            _check(r)
        except ShiftOpsError as e:
            raise ShiftOpsError(QT_TRANSLATE_NOOP(
                "ShiftOps", "{row}: {why}; nothing was confirmed").format(
                row=_what(r), why=message_of(e) or str(e))) from None
    if not records:
        return []
    days = sorted({r.day for r in records})
    agents = sorted({r.agent for r in records})
    try:
        saved = _confirm_in_one(engine, records, days, agents, by=by, now=now,
                                workstation=workstation)
    except IntegrityError:
        # another leader's line landed between our read and our insert (PostgreSQL
        # locks no row that is not there yet): rolled back, told as the conflict it is
        with engine.connect() as conn:
            for r in records:
                cur = conn.execute(select(AttendanceRow).where(
                    AttendanceRow.day == r.day, AttendanceRow.agent_id == r.agent)).first()
                if cur is not None:
                    raise _stale_confirm(r, cur) from None
        raise
    return [saved[(r.day, r.agent)] for r in records]


def _stale_confirm(r: AttendanceRecord, cur: Any) -> StaleEdit:
    return StaleEdit(_what(r), by=cur.updated_by, at=cur.updated_at,
                     changes=shiftops.changed_fields(_fields(r), _fields(_record(cur))),
                     current=_stored(cur))


def _confirm_in_one(engine: Engine, records: Sequence[AttendanceRecord], days: list[date],
                    agents: list[str], *, by: str, now: datetime,
                    workstation: str) -> dict[tuple[date, str], Stored]:
    with writing(engine).begin() as conn:
        shiftops.require(conn, by, Right.KEEP_SHIFT_RECORDS)
        have: dict[tuple[date, str], Any] = {}
        for k in range(0, len(agents), 500):  # a bounded IN list per query
            for found in conn.execute(select(AttendanceRow).where(
                    AttendanceRow.day.in_(days),
                    AttendanceRow.agent_id.in_(agents[k:k + 500])).with_for_update()):
                have[(found.day, found.agent_id)] = found
        for r in records:
            cur = have.get((r.day, r.agent))
            if cur is not None:  # saved by someone else since the register was read
                raise _stale_confirm(r, cur)
        conn.execute(insert(AttendanceRow), [
            {"day": r.day, "agent_id": r.agent, "version": 1, **_fields(r),
             "source": "leader", "updated_at": now, "updated_by": by} for r in records])
        for r in records:
            _audit_save(conn, r, r, None, "", by=by, now=now, source="leader",
                        workstation=workstation)
        saved: dict[tuple[date, str], Stored] = {}
        for k in range(0, len(agents), 500):
            for row in conn.execute(select(AttendanceRow).where(
                    AttendanceRow.day.in_(days), AttendanceRow.agent_id.in_(agents[k:k + 500]))):
                saved[(row.day, row.agent_id)] = _stored(row)
    return saved


def _check(r: AttendanceRecord) -> None:
    if r.late_min < 0 or r.early_min < 0 or r.late_min > 1440 or r.early_min > 1440:
        raise ShiftOpsError(QT_TRANSLATE_NOOP("ShiftOps", "Minutes late and early must be 0–1440"))
    if (r.late_min or r.early_min) and r.type is not AttType.LATE_EARLY:
        raise ShiftOpsError(QT_TRANSLATE_NOOP("ShiftOps", "Minutes late or early need the type “late or early”"))
    if r.type is AttType.LATE_EARLY and not (r.late_min or r.early_min):
        raise ShiftOpsError(QT_TRANSLATE_NOOP("ShiftOps", "“Late or early” needs the minutes late or early"))


def import_records(engine: Engine, records: Sequence[AttendanceRecord], *, by: str,
                   now: datetime, source_name: str = "", workstation: str = "") -> dict[str, int]:
    """Load register records from a file, in one transaction: a record for a day and
    agent already in the register replaces it (its version moves on, so a leader
    editing it meanwhile is told)."""
    added = replaced = 0
    for r in records:
        _check(r)
    with writing(engine).begin() as conn:
        shiftops.require(conn, by, Right.KEEP_SHIFT_RECORDS)
        days = sorted({r.day for r in records})
        have: dict[tuple[date, str], int] = {}
        for k in range(0, len(days), 500):  # a bounded IN list per query
            have.update({(d, a): v for d, a, v in conn.execute(
                select(AttendanceRow.day, AttendanceRow.agent_id, AttendanceRow.version)
                .where(AttendanceRow.day.in_(days[k:k + 500])))})
        new_rows, changed = [], []
        for r in records:
            values = {**_fields(r), "source": "import", "updated_at": now, "updated_by": by}
            v = have.get((r.day, r.agent))
            if v is None:
                new_rows.append({"day": r.day, "agent_id": r.agent, "version": 1, **values})
            else:
                changed.append({"k_day": r.day, "k_agent": r.agent, "version": v + 1, **values})
        if new_rows:
            conn.execute(insert(AttendanceRow), new_rows)
        if changed:
            conn.execute(update(AttendanceRow).where(
                AttendanceRow.day == bindparam("k_day"),
                AttendanceRow.agent_id == bindparam("k_agent")), changed)
        added, replaced = len(new_rows), len(changed)
        auditlog.audit(conn, at=now, operator=by, action="attendance_import",
                       target=source_name[:100],
                       detail={"rows": len(records), "added": added, "replaced": replaced},
                       result="ok", workstation=workstation)
    return {"rows": len(records), "added": added, "replaced": replaced}


def month_bounds(month: str) -> tuple[date, date]:
    """"2026-11" → (2026-11-01, 2026-11-30); a bad month raises ShiftOpsError."""
    try:
        y, m = (int(x) for x in month.split("-"))
        first = date(y, m, 1)
    except (ValueError, TypeError):
        raise ShiftOpsError(QT_TRANSLATE_NOOP("ShiftOps", "The month must be YYYY-MM, got {month}").format(
            month=repr(month))) from None
    return first, first.replace(day=calendar.monthrange(y, m)[1])


def month_summary(conn: Connection, month: str, policy: Policy) -> MonthSummary:
    """The monthly summary (月考勤汇总表, R-ATT-6) from the saved register; the records
    from 1 January on go in, for the calendar-year rules (R-ATT-1, R-ATT-5), with the
    statutory holidays of the calendar (婚假 does not count them, R-ATT-2). It carries
    its due date and how many rostered days still wait for confirmation
    (``due`` / ``unconfirmed_days``, R-ATT-6: :func:`unconfirmed_days`)."""
    first, last = month_bounds(month)
    # earlier months count only through what is not plain 出勤 (leave, 旷工, late or
    # early): reading their 出勤 rows too would be ~90 % of a year's rows for nothing
    earlier = [_record(r) for r in conn.execute(
        select(AttendanceRow).where(AttendanceRow.day >= first.replace(month=1, day=1),
                                    AttendanceRow.day < first,
                                    AttendanceRow.type != AttType.PRESENT.value))]
    records = earlier + records_between(conn, first, last)
    off = {d for d, h in shiftops.holidays_between(conn, first.replace(month=1, day=1),
                                                   last).items() if h.kind == "holiday"}
    s = att.summarize(records, month, shiftops.agents(conn), policy.attendance, off)
    return replace(s, unconfirmed_days=unconfirmed_days(conn, month))


def unconfirmed_days(conn: Connection, month: str) -> int:
    """R-ATT-6: the rostered agent-days of ``month`` with no saved register line. The
    month's summary is confirmed when this is 0: the summary is derived from the
    register, so confirming every rostered day's line confirms it (there is no
    separate sign-off). A month nobody is rostered in has nothing to confirm."""
    first, last = month_bounds(month)
    rostered = {(d, p) for d, p in conn.execute(select(RosterRow.day, RosterRow.person).where(
        RosterRow.day >= first, RosterRow.day <= last, RosterRow.role == "agent"))}
    saved = {(d, a) for d, a in conn.execute(select(AttendanceRow.day, AttendanceRow.agent_id)
                                             .where(AttendanceRow.day >= first,
                                                    AttendanceRow.day <= last))}
    return len(rostered - saved)


def unconfirmed(rows: Iterable[RegisterRow]) -> list[RegisterRow]:
    return [r for r in rows if not r.confirmed]


def agent_month(summary: MonthSummary, agent: str) -> AgentMonth | None:
    return next((a for a in summary.agents if a.agent == agent), None)
