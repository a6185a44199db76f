"""Shift operations in the shared database (issue #6): the roster, the holiday
calendar, leave requests and shift swaps, and the optimistic-concurrency rule
every edited record follows. No Qt.

Concurrency: each record a person edits carries ``version``. A save names the
version it was made from; the update matches on it, so when another leader saved
first the update touches no row and :class:`StaleEdit` says who changed what and
when — the console shows it, nothing is overwritten. On PostgreSQL the second
``UPDATE … WHERE version = n`` waits on the first one's row lock and then finds
the new version (READ COMMITTED re-checks the WHERE), so racing saves behave the
same as on SQLite, where the writes are serialised by the database lock.

Every change is audited in the same transaction (R-ATT-6: the register is the
leader's record; who changed it is part of it). Messages are models/domain/texts.py Msgs,
like the rest of ``models/db``.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy import Connection, Engine, and_, delete, insert, or_, select, update

from models.db import audit as auditlog
from models.db import operators as ops
from models.db.schema import (
    AgentRow,
    HolidayRow,
    LeaveRequestRow,
    OperatorRow,
    RosterRow,
    ShiftSwapRow,
)
from models.db.store import writing
from models.domain import attendance as att
from models.domain.attendance import AttType
from models.domain.policy import Policy
from models.domain.roles import Right, Role
from models.domain.shiftimport import Holiday, RosterEntry
from models.domain.shiftrecords import EditRefused, LeaveRequest, RosterSlot, StaleEdit
from models.domain.texts import QT_TRANSLATE_NOOP


class ShiftOpsError(EditRefused):
    """A request refused for a reason the person can act on."""


class NotFound(ShiftOpsError):
    pass


def changed_fields(mine: Mapping[str, Any], theirs: Mapping[str, Any]) -> list[tuple[str, Any, Any]]:
    """(field, mine, theirs) for the fields that differ, in ``mine``'s order."""
    return [(k, mine.get(k), theirs.get(k)) for k in mine if mine.get(k) != theirs.get(k)]


def require(conn: Connection, by: str, right: Right) -> None:
    """``by`` must be an operator with ``right`` — except ``cli:<os user>``: the
    command line runs with the database's own credentials (as ``seatwatch admin``
    does), and the audit row names the OS account."""
    if by.startswith("cli:"):
        return
    ops.require(conn, by, right)


# ---- names --------------------------------------------------------------------------


def people(conn: Connection) -> dict[str, str]:
    """Everyone who can be on a roster: agents (工号 → 姓名) and operators (leaders)."""
    out = {r.id: r.name for r in conn.execute(select(OperatorRow.id, OperatorRow.name))}
    out.update({r.id: r.name for r in conn.execute(select(AgentRow.id, AgentRow.name))})
    return out


def agents(conn: Connection) -> dict[str, str]:
    return {r.id: r.name for r in conn.execute(select(AgentRow.id, AgentRow.name)
                                               .order_by(AgentRow.id))}


# ---- roster ---------------------------------------------------------------------------


def _slot(r: Any) -> RosterSlot:
    return RosterSlot(r.day, r.shift, r.person, r.role, r.version, r.updated_by)


def roster_between(conn: Connection, first: date, last: date) -> list[RosterSlot]:
    rows = conn.execute(select(RosterRow).where(RosterRow.day >= first, RosterRow.day <= last)
                        .order_by(RosterRow.day, RosterRow.shift, RosterRow.role.desc(),
                                  RosterRow.person))
    return [_slot(r) for r in rows]


def on_duty(conn: Connection, day: date, shift: str) -> tuple[list[str], list[str]]:
    """(agents, leaders) rostered on ``shift`` of ``day``."""
    slots = conn.execute(select(RosterRow.person, RosterRow.role)
                         .where(RosterRow.day == day, RosterRow.shift == shift)
                         .order_by(RosterRow.person)).all()
    return ([p for p, r in slots if r != "leader"], [p for p, r in slots if r == "leader"])


def import_roster(engine: Engine, entries: Sequence[RosterEntry], *, by: str, now: datetime,
                  source: str = "", workstation: str = "") -> dict[str, int]:
    """Load a roster file: the days it covers are replaced as a whole (a corrected
    file imported again replaces the first one), in one transaction."""
    days = sorted({e.day for e in entries})
    with writing(engine).begin() as conn:
        require(conn, by, Right.EDIT_ROSTER)
        removed = 0
        if days:
            removed = conn.execute(delete(RosterRow).where(RosterRow.day.in_(days))).rowcount
            conn.execute(insert(RosterRow), [
                {"day": e.day, "shift": e.shift, "person": e.agent, "role": e.role,
                 "version": 1, "updated_at": now, "updated_by": by} for e in entries])
        auditlog.audit(conn, at=now, operator=by, action="roster_import", target=source[:100],
                       detail={"rows": len(entries), "days": len(days), "replaced": removed,
                               "first": days[0].isoformat() if days else None,
                               "last": days[-1].isoformat() if days else None},
                       result="ok", workstation=workstation)
    return {"rows": len(entries), "days": len(days), "replaced": removed}


def set_roster_cell(engine: Engine, day: date, person: str, shift: str | None, *, by: str,
                    now: datetime, expected: Sequence[tuple[str, int]], role: str = "agent",
                    workstation: str = "", undo: bool = False) -> list[RosterSlot]:
    """Put ``person`` on ``shift`` of ``day`` (None: off that day), replacing what
    the editor showed (``expected``: its (shift, version) pairs for that person and
    day). Refused with :class:`StaleEdit` when someone changed that cell meanwhile.
    ``undo``: the editor puts back what its last save changed (issue #12) — the same
    write, a new version, audited as ``roster_undo``."""
    if role not in ("agent", "leader"):
        raise ShiftOpsError(QT_TRANSLATE_NOOP("ShiftOps", "The role must be agent or leader, got {role}").format(
            role=repr(role)))
    with writing(engine).begin() as conn:
        require(conn, by, Right.EDIT_ROSTER)
        cur = conn.execute(select(RosterRow).where(RosterRow.day == day,
                                                   RosterRow.person == person)
                           .with_for_update()).all()
        have = sorted((r.shift, r.version) for r in cur)
        if have != sorted(expected):
            last = max(cur, key=lambda r: r.updated_at, default=None)
            raise StaleEdit(f"排班 {day.isoformat()} {person}",
                            by=last.updated_by if last else None,
                            at=last.updated_at if last else None,
                            changes=[("shift", ",".join(s for s, _v in expected) or "—",
                                      ",".join(s for s, _v in have) or "—")],
                            current=[_slot(r) for r in cur])
        old = [r.shift for r in cur]
        conn.execute(delete(RosterRow).where(RosterRow.day == day, RosterRow.person == person))
        if shift:
            version = max((v for _s, v in expected), default=0) + 1
            conn.execute(insert(RosterRow).values(day=day, shift=shift, person=person, role=role,
                                                  version=version, updated_at=now,
                                                  updated_by=by))
        auditlog.audit(conn, at=now, operator=by,
                       action="roster_undo" if undo else "roster_edit", agent=person,
                       target=day.isoformat(), detail={"from": old, "to": shift, "role": role},
                       result="ok", workstation=workstation)
        return [_slot(r) for r in conn.execute(
            select(RosterRow).where(RosterRow.day == day, RosterRow.person == person))]


# ---- holidays -----------------------------------------------------------------------------


def import_holidays(engine: Engine, holidays: Sequence[Holiday], *, by: str, now: datetime,
                    workstation: str = "") -> int:
    with writing(engine).begin() as conn:
        require(conn, by, Right.EDIT_ROSTER)
        days = [h.day for h in holidays]
        if days:
            conn.execute(delete(HolidayRow).where(HolidayRow.day.in_(days)))
            conn.execute(insert(HolidayRow), [{"day": h.day, "kind": h.kind, "name": h.name}
                                              for h in holidays])
        auditlog.audit(conn, at=now, operator=by, action="holiday_import",
                       detail={"rows": len(holidays)}, result="ok", workstation=workstation)
    return len(holidays)


def holidays_between(conn: Connection, first: date, last: date) -> dict[date, Holiday]:
    return {r.day: Holiday(r.day, r.kind, r.name) for r in conn.execute(
        select(HolidayRow).where(HolidayRow.day >= first, HolidayRow.day <= last))}


# ---- leave requests (请假) ------------------------------------------------------------------


def _leave(r: Any) -> LeaveRequest:
    return LeaveRequest(r.id, r.agent_id, AttType(r.type), r.start_day, r.end_day, r.days,
                        r.reason, tuple(r.chain.get("roles", ())),
                        tuple(r.chain.get("steps", ())), r.status, r.created_by, r.created_at,
                        r.version)


def request_leave(engine: Engine, agent: str, type_: AttType, start: date, end: date, *,
                  reason: str, by: str, now: datetime, policy: Policy,
                  workstation: str = "") -> LeaveRequest:
    """File a leave request; its approval chain is fixed now from the policy
    ([attendance.approval]: seed 002 by default, one day by the department head,
    longer by the department head then the director).

    婚假 does not count the statutory holidays of the holiday calendar
    (R-ATT-2 "婚假不包括法定节假日", issue #16). Refused, naming the rule and the
    conflicting period or request (audited, nothing filed): days touching a
    predictable peak (R-PEAK-3 ``[[peak.periods]]``), and under a policy that sets
    them 001's limits — more than ``leave_days_per_month`` days of leave in a month
    (pending and approved requests), another person of the same rostered shift on
    leave or on a swap (``leave_per_shift``)."""
    if type_ not in att.LEAVE_TYPES:
        raise ShiftOpsError(QT_TRANSLATE_NOOP("ShiftOps", "{type} is not a kind of leave").format(type=type_.value))
    if end < start:
        raise ShiftOpsError(QT_TRANSLATE_NOOP("ShiftOps", "The leave ends before it starts"))
    with writing(engine).begin() as conn:
        require(conn, by, Right.KEEP_SHIFT_RECORDS)
        if conn.execute(select(AgentRow.id).where(AgentRow.id == agent)).first() is None:
            raise NotFound(QT_TRANSLATE_NOOP("Commands", "Agent {agent} does not exist").format(
                agent=agent))
        overlap = conn.execute(select(LeaveRequestRow.id).where(
            LeaveRequestRow.agent_id == agent, LeaveRequestRow.status.in_(("pending", "approved")),
            LeaveRequestRow.start_day <= end, LeaveRequestRow.end_day >= start)).first()
        if overlap is not None:
            raise ShiftOpsError(QT_TRANSLATE_NOOP("ShiftOps", "This overlaps leave request #{id}").format(
                id=overlap.id))
        off = _statutory_days(conn, start, end) if type_ is AttType.MARRIAGE else set()
        days = float((end - start).days + 1 - len(off))
        if days <= 0:
            # R-ATT-2, said in the domain's words like the refusals below
            raise ShiftOpsError(f"R-ATT-2: 婚假不包括法定节假日：{start.isoformat()}至"
                                f"{end.isoformat()}全部是法定节假日")
        chain = att.approval_roles(policy.attendance, days)
        problems = _leave_limits(conn, agent, start, end, policy)
        if problems:  # audited and committed (nothing else changed), then refused
            auditlog.audit(conn, at=now, operator=by, action="leave_request", agent=agent,
                           target=f"{start.isoformat()}..{end.isoformat()}",
                           detail={"type": type_.value, "problems": problems},
                           result="refused", workstation=workstation)
        else:
            row = _file_leave(conn, agent, type_, start, end, days, chain, reason, by=by,
                              now=now, workstation=workstation)
    if problems:
        raise ShiftOpsError("；".join(problems))
    return _leave(row)


def _file_leave(conn: Connection, agent: str, type_: AttType, start: date, end: date,
                days: float, chain: tuple[str, ...], reason: str, *, by: str, now: datetime,
                workstation: str) -> Any:
    rid = conn.execute(insert(LeaveRequestRow).returning(LeaveRequestRow.id).values(
        agent_id=agent, type=type_.value, start_day=start, end_day=end, days=days,
        reason=reason.strip(), chain={"roles": list(chain), "steps": []},
        status="pending", created_at=now, created_by=by, version=1)).scalar_one()
    auditlog.audit(conn, at=now, operator=by, action="leave_request", agent=agent,
                   target=f"leave:{rid}",
                   detail={"type": type_.value, "start": start.isoformat(),
                           "end": end.isoformat(), "days": days, "chain": list(chain)},
                   result="ok", workstation=workstation)
    return conn.execute(select(LeaveRequestRow).where(LeaveRequestRow.id == rid)).one()


def _statutory_days(conn: Connection, first: date, last: date) -> set[date]:
    """The statutory holidays (法定节假日, kind ``holiday``) of the calendar in
    ``first`` … ``last``; 调休 working days are not among them."""
    return {d for d, h in holidays_between(conn, first, last).items() if h.kind == "holiday"}


def _span_days(first: date, last: date) -> list[date]:
    return [first + timedelta(days=i) for i in range((last - first).days + 1)]


def _leave_limits(conn: Connection, agent: str, start: date, end: date,
                  policy: Policy) -> list[str]:
    """Why a leave request of ``agent`` for ``start`` … ``end`` is refused (empty:
    allowed): R-PEAK-3's predictable peaks, then 001's limits if the policy sets them.
    Each line names the limit and what it conflicts with."""
    out = [f"R-PEAK-3: {start.isoformat()}至{end.isoformat()}与可预见高峰「{p.name}」"
           f"（{p.start.isoformat()}至{p.end.isoformat()}）重叠，高峰期间不安排请假"
           for p in policy.peak_periods if p.touches(start, end)]
    rules = policy.attendance
    live = ("pending", "approved")
    if rules.leave_days_per_month:
        cap = rules.leave_days_per_month
        months = sorted({(d.year, d.month) for d in _span_days(start, end)})
        for y, m in months:
            first = date(y, m, 1)
            last = (first + timedelta(days=32)).replace(day=1) - timedelta(days=1)
            mine = len(_span_days(max(start, first), min(end, last)))
            others = [r for r in conn.execute(select(LeaveRequestRow).where(
                LeaveRequestRow.agent_id == agent, LeaveRequestRow.status.in_(live),
                LeaveRequestRow.start_day <= last, LeaveRequestRow.end_day >= first)
                .order_by(LeaveRequestRow.start_day, LeaveRequestRow.id))]
            had = sum(len(_span_days(max(r.start_day, first), min(r.end_day, last)))
                      for r in others)
            if had + mine > cap:
                shown = "、".join(f"#{r.id}（{r.start_day.isoformat()}至"
                                 f"{r.end_day.isoformat()}）" for r in others) or "无"
                out.append(f"每人每月请假不超过{cap:g}天：{agent} {y}-{m:02d} "
                           f"已请{had}天（{shown}），本次{mine}天将达{had + mine}天")
    if rules.leave_per_shift:
        cap_n = rules.leave_per_shift
        mine_slots = conn.execute(select(RosterRow.day, RosterRow.shift).where(
            RosterRow.person == agent, RosterRow.role == "agent", RosterRow.day >= start,
            RosterRow.day <= end).order_by(RosterRow.day, RosterRow.shift)).all()
        for d, sh in mine_slots:
            taken = _shift_taken(conn, d, sh, {agent})
            if len(taken) >= cap_n:
                out.append(f"每班请假或换班不超过{cap_n}人：{d.isoformat()} {sh} 已有"
                           f"{'、'.join(taken)}")
    return out


def _shift_taken(conn: Connection, d: date, sh: str, mine: set[str]) -> list[str]:
    """001 第3条: who of shift ``sh`` on ``d`` is already on leave (a pending or approved
    request of someone rostered on it) or on a swap of it, leaving out ``mine``."""
    mates = [p for (p,) in conn.execute(select(RosterRow.person).where(
        RosterRow.day == d, RosterRow.shift == sh, RosterRow.role == "agent",
        RosterRow.person.not_in(mine)))]
    taken: list[str] = []
    if mates:
        taken += [f"{r.agent_id} 的请假 #{r.id}" for r in conn.execute(
            select(LeaveRequestRow).where(
                LeaveRequestRow.agent_id.in_(mates),
                LeaveRequestRow.status.in_(("pending", "approved")),
                LeaveRequestRow.start_day <= d, LeaveRequestRow.end_day >= d)
            .order_by(LeaveRequestRow.id))]
    taken += [f"{r.agent_id}与{r.other_id}的换班" for r in conn.execute(
        select(ShiftSwapRow).where(
            or_(and_(ShiftSwapRow.day == d, ShiftSwapRow.shift == sh),
                and_(ShiftSwapRow.other_day == d, ShiftSwapRow.other_shift == sh)),
            ShiftSwapRow.agent_id.not_in(mine), ShiftSwapRow.other_id.not_in(mine))
        .order_by(ShiftSwapRow.id))]
    return taken


def decide_leave(engine: Engine, request_id: int, approve: bool, *, by: str, now: datetime,
                 expected_version: int, note: str = "", workstation: str = "") -> LeaveRequest:
    """One step of the approval chain: ``by`` must hold the role the request waits
    on. A rejection ends the request; the last approval approves it."""
    with writing(engine).begin() as conn:
        op = ops.get_operator(conn, by)
        if op is None or op.disabled:
            raise ops.NotAllowed(QT_TRANSLATE_NOOP("ShiftOps", "No permission: “{operator}” is not an enabled "
                                                  "operator").format(operator=by))
        row = conn.execute(select(LeaveRequestRow).where(LeaveRequestRow.id == request_id)
                           .with_for_update()).first()
        if row is None:
            raise NotFound(QT_TRANSLATE_NOOP("ShiftOps", "There is no leave request #{id}").format(id=request_id))
        req = _leave(row)
        if req.version != expected_version:
            last = req.steps[-1] if req.steps else {}
            raise StaleEdit(f"请假 #{request_id}", by=last.get("by"),
                            at=datetime.fromisoformat(last["at"]) if last.get("at") else None,
                            changes=[("status", None, req.status)], current=req)
        role = req.next_role
        if role is None:
            raise ShiftOpsError(QT_TRANSLATE_NOOP("ShiftOps", "Leave request #{id} is already {status}").format(
                id=request_id, status=_STATUS.get(req.status, req.status)))
        if Role(role) not in op.roles:  # audited and committed, then refused
            auditlog.audit(conn, at=now, operator=by, action="leave_decide", agent=req.agent,
                           target=f"leave:{request_id}", detail={"needs": role},
                           result="refused: role", workstation=workstation)
            refused = role
        else:
            refused = None
            _decide(conn, req, op, role, approve, by, now, note, workstation)
        row = conn.execute(select(LeaveRequestRow).where(LeaveRequestRow.id == request_id)).one()
    if refused is not None:
        raise ops.NotAllowed(QT_TRANSLATE_NOOP("ShiftOps", "This step needs the approval of the {role}").format(
            role=_ROLE_ZH.get(refused, refused)))
    return _leave(row)


def _decide(conn: Connection, req: LeaveRequest, op: Any, role: str, approve: bool, by: str,
            now: datetime, note: str, workstation: str) -> None:
    request_id = req.id
    steps = [*req.steps, {"role": role, "by": by, "by_name": op.name, "at": now.isoformat(),
                          "decision": "approved" if approve else "rejected", "note": note}]
    status = ("rejected" if not approve
              else "approved" if len(steps) == len(req.chain) else "pending")
    conn.execute(update(LeaveRequestRow).where(LeaveRequestRow.id == request_id).values(
        chain={"roles": list(req.chain), "steps": steps}, status=status,
        version=req.version + 1))
    auditlog.audit(conn, at=now, operator=by, action="leave_decide", agent=req.agent,
                   target=f"leave:{request_id}",
                   detail={"role": role, "approve": approve, "note": note, "status": status},
                   result="ok", workstation=workstation)


_STATUS = {"approved": QT_TRANSLATE_NOOP("ShiftOps", "approved"),
           "rejected": QT_TRANSLATE_NOOP("ShiftOps", "rejected"),
           "cancelled": QT_TRANSLATE_NOOP("ShiftOps", "cancelled")}
#: the names of views/kit/texts.py (context "Roles")
_ROLE_ZH = {"shift_leader": QT_TRANSLATE_NOOP("Roles", "Shift leader"),
            "department_head": QT_TRANSLATE_NOOP("Roles", "Department head"),
            "director": QT_TRANSLATE_NOOP("Roles", "Director")}


def leave_between(conn: Connection, first: date, last: date,
                  status: Iterable[str] | None = None) -> list[LeaveRequest]:
    q = select(LeaveRequestRow).where(LeaveRequestRow.start_day <= last,
                                      LeaveRequestRow.end_day >= first)
    if status is not None:
        q = q.where(LeaveRequestRow.status.in_(list(status)))
    return [_leave(r) for r in conn.execute(q.order_by(LeaveRequestRow.start_day,
                                                       LeaveRequestRow.id))]


def approved_leave_on(conn: Connection, day: date) -> dict[str, AttType]:
    """agent → leave type for the approved requests covering ``day``."""
    return {r.agent: r.type for r in leave_between(conn, day, day, ("approved",))}


# ---- shift swaps (调班) ----------------------------------------------------------------------


def swap_shifts(engine: Engine, agent: str, day: date, other: str, other_day: date, *,
                by: str, now: datetime, policy: Policy, reason: str = "",
                workstation: str = "") -> None:
    """``agent`` gives their shift on ``day`` to ``other`` and takes ``other``'s shift on
    ``other_day`` ([001]: at most two swaps a month each; no back-to-back shifts
    after a swap; under a policy that sets ``leave_per_shift``, no swap of a shift
    that already has someone on leave or on a swap, issue #16). Refused, naming the
    rule, before anything changes."""
    with writing(engine).begin() as conn:
        require(conn, by, Right.EDIT_ROSTER)
        mine = conn.execute(select(RosterRow).where(RosterRow.day == day, RosterRow.person == agent,
                                                    RosterRow.role == "agent")
                            .with_for_update()).all()
        theirs = conn.execute(select(RosterRow).where(RosterRow.day == other_day,
                                                      RosterRow.person == other,
                                                      RosterRow.role == "agent")
                              .with_for_update()).all()
        if len(mine) != 1 or len(theirs) != 1:
            who, d = (agent, day) if len(mine) != 1 else (other, other_day)
            raise ShiftOpsError(QT_TRANSLATE_NOOP("ShiftOps", "{agent} has no single shift on {day} to swap")
                                .format(agent=who, day=d.isoformat()))
        a, b = mine[0], theirs[0]
        problems: list[str] = []
        for person, gives, takes in ((agent, a, b), (other, b, a)):
            month0 = takes.day.replace(day=1)
            month1 = (month0 + timedelta(days=32)).replace(day=1)
            n = conn.execute(select(ShiftSwapRow.id).where(
                or_(ShiftSwapRow.agent_id == person, ShiftSwapRow.other_id == person),
                or_(and_(ShiftSwapRow.day >= month0, ShiftSwapRow.day < month1),
                    and_(ShiftSwapRow.other_day >= month0, ShiftSwapRow.other_day < month1)),
            )).all()
            around = conn.execute(select(RosterRow.day, RosterRow.shift).where(
                RosterRow.person == person, RosterRow.day >= takes.day - timedelta(days=2),
                RosterRow.day <= takes.day + timedelta(days=2))).all()
            after = [(d, s) for d, s in around if (d, s) != (gives.day, gives.shift)]
            after.append((takes.day, takes.shift))
            spans = [span for d, s in after if (span := _span(policy, d, s)) is not None]
            problems += att.swap_problems(person, spans, len(n) + 1, policy.attendance)
        cap_n = policy.attendance.leave_per_shift
        if cap_n:  # 001 第3条: one person per shift on leave or on a swap (issue #16)
            for slot in (a, b):
                taken = _shift_taken(conn, slot.day, slot.shift, {agent, other})
                if len(taken) >= cap_n:
                    problems.append(f"每班请假或换班不超过{cap_n}人：{slot.day.isoformat()} "
                                    f"{slot.shift} 已有{'、'.join(taken)}")
        if problems:  # audited and committed (nothing else changed), then refused
            auditlog.audit(conn, at=now, operator=by, action="shift_swap", agent=agent,
                           target=f"{day.isoformat()}<->{other}:{other_day.isoformat()}",
                           detail={"problems": problems}, result="refused",
                           workstation=workstation)
        else:
            _do_swap(conn, a, b, agent, other, day, other_day, by, now, reason, workstation)
    if problems:
        raise ShiftOpsError("；".join(problems))


def _do_swap(conn: Connection, a: Any, b: Any, agent: str, other: str, day: date,
             other_day: date, by: str, now: datetime, reason: str, workstation: str) -> None:
    conn.execute(update(RosterRow).where(RosterRow.id == a.id).values(
        person=other, version=a.version + 1, updated_at=now, updated_by=by))
    conn.execute(update(RosterRow).where(RosterRow.id == b.id).values(
        person=agent, version=b.version + 1, updated_at=now, updated_by=by))
    conn.execute(insert(ShiftSwapRow).values(
        agent_id=agent, day=day, shift=a.shift, other_id=other, other_day=other_day,
        other_shift=b.shift, reason=reason, created_at=now, created_by=by))
    auditlog.audit(conn, at=now, operator=by, action="shift_swap", agent=agent,
                   target=f"{day.isoformat()}<->{other}:{other_day.isoformat()}",
                   detail={"gives": a.shift, "takes": b.shift, "reason": reason},
                   result="ok", workstation=workstation)


def _span(policy: Policy, day: date, shift: str) -> tuple[datetime, datetime] | None:
    for s in policy.shifts:
        if s.name == shift:
            start = datetime.combine(day, s.start, policy.tz)
            end_day = day if s.end > s.start else day + timedelta(days=1)
            return start, datetime.combine(end_day, s.end, policy.tz)
    return None


def shift_span(policy: Policy, day: date, shift: str) -> tuple[datetime, datetime]:
    """The aware (start, end) of ``shift`` on ``day`` (the date it starts on)."""
    span = _span(policy, day, shift)
    if span is None:
        raise ShiftOpsError(QT_TRANSLATE_NOOP("ShiftOps", "Unknown shift {shift} (the policy has: {known})").format(
            shift=repr(shift), known=", ".join(s.name for s in policy.shifts)))
    return span

