"""The monthly assessment (考核, issue #18, DOMAIN §8) in the shared database. No Qt.

Rights are checked where the data is read or written (``operators.require``):
applying an assessment policy is setting policy (APPLY_POLICY, the director);
recording deductions, confirming proposals and drafting the month's sheet need
RECORD_ASSESSMENT (shift leader, director); confirming it CONFIRM_ASSESSMENT
(department head, director); reading VIEW_ASSESSMENT. Every write is audited in
the same transaction.

Proposals (:func:`propose`) come from what the floor already knows, each with its
evidence, and become register entries only when a person confirms them:

- late / early (迟到早退) from the attendance register: one per late arrival and
  one per early departure of a saved ``late_early`` line (R-ASSESS-3 "每次");
- missing a meeting from the morning meeting's attendance: an attendee marked
  absent (缺席), unless the register has the agent on leave that day;
- leaving post and idling the hotline from the alerts whose rule the policy item
  names (``auto = "alert:R-AWAY-1,R-SEAT-1"``, ``"alert:R-IDLE-1"``) raised on an
  agent. An R-IDLE-1 alert on a queue nobody staffed names no agent and is not
  proposed. "造成后果的" (R-ASSESS-3, leaving post) is the leader's judgement:
  the alert is the evidence, the consequence is what the leader confirms;
- ticket errors from R-TICKET-4 alerts (a ticket with a key field missing): the
  floor stores R-TICKET-4 as alerts on the ticket's agent, so each is one proposal.

A proposal confirmed or withdrawn once is never proposed again (its key is unique
in the register). The month's sheet: every agent of the floor setup rostered in
the month, every agent who answered a call in it, and every agent with an entry;
calls handled = calls answered (``call_record.answered_at``) in the month, in the
floor's time zone.

The recorded-call part of a ``leader_calls`` part (002's 政策水平 and 服务规范:
"mean of three recorded-call scores × 60 %") is fed by quality inspection: every
QA score of the agent dated in the month (``qa_score.total``, 0–100; all of them,
as :class:`models.domain.qa.MonthCallScores` says why), scaled to the part's
maximum (a call scored 90 is 31.5 of 政策水平's 35). A call score recorded in the
register by hand (``deduct --kind call``) for a part replaces the QA scores for
that part: the leader decided it.
"""

from __future__ import annotations

import calendar
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any

from sqlalchemy import Connection, Engine, func, insert, select, update
from sqlalchemy.exc import IntegrityError

from models.db import audit as auditlog
from models.db import operators, store
from models.db.schema import (
    AgentRow,
    AlertRow,
    AssessmentEntryRow,
    AssessmentPolicyRow,
    AssessmentSheetRow,
    AttendanceRow,
    CallRecordRow,
    GroupRow,
    MeetingRow,
    QaScoreRow,
    RosterRow,
)
from models.db.store import writing
from models.domain import assessment as asm
from models.domain.assessment import AgentInput, AssessmentPolicy, Entry, SheetRow
from models.domain.assessment_records import Proposal, Sheet, StoredEntry
from models.domain.attendance import AttType
from models.domain.roles import Right
from models.domain.texts import QT_TRANSLATE_NOOP

#: register entry kinds: a policy item's deduction or bonus, or a leader_calls score
KINDS = ("deduction", "bonus", "leader", "call")
#: attendance types that excuse a missed meeting (the agent was not at work)
_ON_LEAVE = frozenset({AttType.SICK.value, AttType.PERSONAL.value, AttType.MATERNITY.value,
                       AttType.MARRIAGE.value, AttType.BEREAVEMENT.value,
                       AttType.FAMILY_VISIT.value})


class AssessmentError(ValueError):
    """A refusal for the person (a Msg from QT_TRANSLATE_NOOP)."""


# ---- months ------------------------------------------------------------------------------


def month_days(month: str) -> tuple[date, date]:
    """"2026-11" → (2026-11-01, 2026-11-30); anything else is refused by name."""
    parts = month.split("-") if isinstance(month, str) else []
    try:
        y, m = (int(x) for x in parts)
        if len(parts[0]) != 4 or len(parts[1]) != 2:
            raise ValueError(month)
        first = date(y, m, 1)
    except (ValueError, TypeError):
        raise AssessmentError(QT_TRANSLATE_NOOP(
            "Assessment", "The month must be YYYY-MM, got {month}").format(
            month=repr(month))) from None
    return first, first.replace(day=calendar.monthrange(y, m)[1])


def month_of(day: date) -> str:
    return f"{day.year:04d}-{day.month:02d}"


def _bounds(conn: Connection, month: str) -> tuple[datetime, datetime]:
    """The month as instants in the floor's time zone: [first 00:00, next first 00:00)."""
    first, last = month_days(month)
    tz = store.current_state(conn).policy.tz
    return (datetime.combine(first, time(0), tz),
            datetime.combine(last + timedelta(days=1), time(0), tz))


# ---- policy ------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class AppliedPolicy:
    version: int
    policy: AssessmentPolicy
    applied_at: datetime
    applied_by: str


def apply_policy(engine: Engine, toml_text: str, *, by: str, now: datetime,
                 source: str = "", workstation: str = "") -> AppliedPolicy:
    """Validate and store as the next version (the old ones stay); audited. An invalid
    document raises :class:`models.domain.assessment.AssessmentPolicyError` first."""
    pol = asm.parse_toml(toml_text, source or "policy")
    try:
        return _apply(engine, toml_text, pol, by=by, now=now, source=source,
                      workstation=workstation)
    except IntegrityError:  # another director applied one meanwhile: same version number
        raise AssessmentError(QT_TRANSLATE_NOOP(
            "Assessment", "Another assessment policy was applied meanwhile: run the command "
                          "again to apply on top of it")) from None


def _apply(engine: Engine, toml_text: str, pol: AssessmentPolicy, *, by: str, now: datetime,
           source: str, workstation: str) -> AppliedPolicy:
    with writing(engine).begin() as conn:
        operators.require(conn, by, Right.APPLY_POLICY)
        top = conn.execute(select(func.max(AssessmentPolicyRow.version))).scalar() or 0
        version = int(top) + 1
        conn.execute(insert(AssessmentPolicyRow).values(
            version=version, policy_id=pol.id[:40], name=pol.name[:200], applied_at=now,
            applied_by=by, toml=toml_text))
        auditlog.audit(conn, at=now, operator=by, action="assessment_policy_apply",
                       target=f"v{version}", detail={"policy_id": pol.id,
                                                     "policy_name": pol.name,
                                                     "source": source},
                       result="ok", workstation=workstation)
    return AppliedPolicy(version, pol, now, by)


def _policy(conn: Connection, version: int | None = None) -> AppliedPolicy:
    q = select(AssessmentPolicyRow)
    q = (q.where(AssessmentPolicyRow.version == version) if version is not None
         else q.order_by(AssessmentPolicyRow.version.desc()).limit(1))
    r = conn.execute(q).first()
    if r is None:
        raise AssessmentError(QT_TRANSLATE_NOOP(
            "Assessment", "No assessment policy applied yet: apply one first "
                          "(seatwatch assess policy apply resources/policies/assessment-000.toml)"))
    return AppliedPolicy(r.version, asm.parse_toml(r.toml, f"v{r.version}"), r.applied_at,
                         r.applied_by)


def current_policy(engine: Engine, by: str) -> AppliedPolicy:
    with engine.connect() as conn:
        operators.require(conn, by, Right.VIEW_ASSESSMENT)
        return _policy(conn)


def policy_history(engine: Engine, by: str) -> list[dict[str, Any]]:
    with engine.connect() as conn:
        operators.require(conn, by, Right.VIEW_ASSESSMENT)
        return [{"version": r.version, "policy": r.policy_id, "name": r.name,
                 "applied_at": r.applied_at.isoformat(), "applied_by": r.applied_by}
                for r in conn.execute(select(AssessmentPolicyRow)
                                      .order_by(AssessmentPolicyRow.version.desc()))]


# ---- the register ------------------------------------------------------------------------


def _stored(r: Any) -> StoredEntry:
    return StoredEntry(r.id, r.agent_id, r.day, r.kind, r.item, r.points, r.note, r.source,
                       r.proposal, dict(r.evidence or {}), r.created_at, r.created_by,
                       r.withdrawn_at is not None)


def _confirmed(conn: Connection, month: str) -> bool:
    return conn.execute(select(AssessmentSheetRow.status).where(
        AssessmentSheetRow.month == month)).scalar() == "confirmed"


def _need_reason_if_confirmed(conn: Connection, month: str, reason: str) -> None:
    if _confirmed(conn, month) and not reason.strip():
        raise AssessmentError(QT_TRANSLATE_NOOP(
            "Assessment", "The sheet of {month} is confirmed: a change needs a reason").format(
            month=month))


def _check_entry(pol: AssessmentPolicy, kind: str, item: str, points: float | None
                 ) -> tuple[str, float]:
    """The entry's kind and points as the policy allows them."""
    if kind in ("leader", "call"):
        part = pol.part(item)
        if part is None or part.scoring != "leader_calls":
            raise AssessmentError(QT_TRANSLATE_NOOP(
                "Assessment", "{item}: not a part scored by the leader and the recorded calls "
                              "in this policy").format(item=item))
        if points is None or not 0 <= points <= part.max:
            raise AssessmentError(QT_TRANSLATE_NOOP(
                "Assessment", "{item}: a score from 0 to {max}").format(
                item=item, max=f"{part.max:g}"))
        return kind, float(points)
    it = pol.item(item)
    if it is None:
        raise AssessmentError(QT_TRANSLATE_NOOP(
            "Assessment", "{item}: no such item in the applied policy ({items})").format(
            item=item, items=", ".join(i.id for i in pol.items)))
    if points is None:
        if not it.fixed:
            raise AssessmentError(QT_TRANSLATE_NOOP(
                "Assessment", "{item}: choose the points, {range}").format(
                item=item, range=it.points_text()))
        points = it.low
    if not it.allows(points):
        raise AssessmentError(QT_TRANSLATE_NOOP(
            "Assessment", "{item}: the points must be {range}, got {points}").format(
            item=item, range=it.points_text(), points=f"{points:g}"))
    part = pol.part(it.part)
    return ("bonus" if part is not None and part.scoring == "bonus" else "deduction",
            float(points))


def record_entry(engine: Engine, *, by: str, now: datetime, agent: str, day: date, item: str,
                 points: float | None = None, note: str = "", kind: str = "",
                 reason: str = "", workstation: str = "") -> StoredEntry:
    """A deduction or bonus on a policy item (``points`` may be left out for a fixed
    item), or with ``kind`` leader / call a score of a leader_calls part."""
    with writing(engine).begin() as conn:
        operators.require(conn, by, Right.RECORD_ASSESSMENT)
        if conn.execute(select(AgentRow.id).where(AgentRow.id == agent)).first() is None:
            raise AssessmentError(QT_TRANSLATE_NOOP(
                "Assessment", "{agent}: no such agent in the floor setup").format(agent=agent))
        pol = _policy(conn).policy
        if kind and kind not in ("leader", "call"):
            raise AssessmentError(QT_TRANSLATE_NOOP(
                "Assessment", "The kind of score is leader or call, got {kind}").format(
                kind=kind))
        kind, pts = _check_entry(pol, kind or "deduction", item, points)
        month = month_of(day)
        _need_reason_if_confirmed(conn, month, reason)
        return _insert(conn, by=by, now=now, agent=agent, day=day, kind=kind, item=item,
                       points=pts, note=note, source="manual", proposal=None, evidence={},
                       reason=reason, workstation=workstation)


def _insert(conn: Connection, *, by: str, now: datetime, agent: str, day: date, kind: str,
            item: str, points: float, note: str, source: str, proposal: str | None,
            evidence: dict[str, Any], reason: str, workstation: str) -> StoredEntry:
    rid = conn.execute(insert(AssessmentEntryRow).returning(AssessmentEntryRow.id).values(
        agent_id=agent, day=day, kind=kind, item=item, points=points, note=note.strip(),
        source=source, proposal=proposal, evidence=evidence, created_at=now,
        created_by=by)).scalar_one()
    auditlog.audit(conn, at=now, operator=by, action="assessment_entry", agent=agent,
                   target=day.isoformat(),
                   detail={"id": rid, "kind": kind, "item": item, "points": points,
                           "note": note.strip(), "source": source, "proposal": proposal,
                           "evidence": evidence, "reason": reason.strip()},
                   result="ok", workstation=workstation)
    row = conn.execute(select(AssessmentEntryRow).where(AssessmentEntryRow.id == rid)).one()
    return _stored(row)


def withdraw_entry(engine: Engine, entry_id: int, *, by: str, now: datetime, reason: str,
                   workstation: str = "") -> StoredEntry:
    """An entry made in error is withdrawn, never deleted: it stays with who and why."""
    if not reason.strip():
        raise AssessmentError(QT_TRANSLATE_NOOP("Assessment", "Withdrawing an entry needs a reason"))
    with writing(engine).begin() as conn:
        operators.require(conn, by, Right.RECORD_ASSESSMENT)
        r = conn.execute(select(AssessmentEntryRow).where(AssessmentEntryRow.id == entry_id)
                         .with_for_update()).first()
        if r is None or r.withdrawn_at is not None:
            raise AssessmentError(QT_TRANSLATE_NOOP(
                "Assessment", "Entry {id} does not exist or was withdrawn already").format(
                id=entry_id))
        conn.execute(update(AssessmentEntryRow).where(AssessmentEntryRow.id == entry_id)
                     .values(withdrawn_at=now, withdrawn_by=by,
                             withdrawn_reason=reason.strip()))
        auditlog.audit(conn, at=now, operator=by, action="assessment_withdraw",
                       agent=r.agent_id, target=r.day.isoformat(),
                       detail={"id": entry_id, "item": r.item, "points": r.points,
                               "reason": reason.strip(),
                               "sheet_confirmed": _confirmed(conn, month_of(r.day))},
                       result="ok", workstation=workstation)
        row = conn.execute(select(AssessmentEntryRow).where(
            AssessmentEntryRow.id == entry_id)).one()
    return _stored(row)


def _entries(conn: Connection, month: str, *, withdrawn: bool = False) -> list[StoredEntry]:
    first, last = month_days(month)
    q = select(AssessmentEntryRow).where(AssessmentEntryRow.day >= first,
                                         AssessmentEntryRow.day <= last)
    if not withdrawn:
        q = q.where(AssessmentEntryRow.withdrawn_at.is_(None))
    return [_stored(r) for r in conn.execute(q.order_by(AssessmentEntryRow.day,
                                                        AssessmentEntryRow.id))]


def entries(engine: Engine, by: str, month: str, *, withdrawn: bool = False
            ) -> list[StoredEntry]:
    with engine.connect() as conn:
        operators.require(conn, by, Right.VIEW_ASSESSMENT)
        return _entries(conn, month, withdrawn=withdrawn)


# ---- proposals ---------------------------------------------------------------------------


def _proposals(conn: Connection, month: str, pol: AssessmentPolicy) -> list[Proposal]:
    first, last = month_days(month)
    lo, hi = _bounds(conn, month)
    tz = store.current_state(conn).policy.tz
    names = {a: n for a, n in conn.execute(select(AgentRow.id, AgentRow.name))}
    out: list[Proposal] = []

    def add(key: str, agent: str, day: date, it: asm.Item, evidence: dict[str, Any],
            note: str) -> None:
        out.append(Proposal(key, agent, names.get(agent, ""), day, it.id, it.name,
                            it.high if it.high < 0 else it.low, evidence, note[:200]))

    att = list(conn.execute(select(AttendanceRow).where(AttendanceRow.day >= first,
                                                        AttendanceRow.day <= last)))
    leave = {(r.day, r.agent_id) for r in att if r.type in _ON_LEAVE}
    for it in pol.items:
        if it.auto == "attendance_late_early":
            for r in att:
                if r.type != AttType.LATE_EARLY.value:
                    continue
                for what, minutes in (("late", r.late_min), ("early", r.early_min)):
                    if minutes > 0:
                        add(f"attendance:{r.day.isoformat()}:{r.agent_id}:{what}:{it.id}",
                            r.agent_id, r.day, it,
                            {"record": "attendance_record", "day": r.day.isoformat(),
                             "agent": r.agent_id, what + "_min": minutes,
                             "version": r.version, "note": r.note},
                            f"考勤登记：{'迟到' if what == 'late' else '早退'} {minutes} 分钟")
        elif it.auto == "meeting_absent":
            for m in conn.execute(select(MeetingRow).where(MeetingRow.day >= first,
                                                           MeetingRow.day <= last)
                                  .order_by(MeetingRow.day, MeetingRow.shift)):
                for a in (m.content or {}).get("attendees", []):
                    agent = str(a.get("agent", ""))
                    if a.get("presence") != "absent" or not agent or (m.day, agent) in leave:
                        continue
                    add(f"meeting:{m.id}:{agent}:{it.id}", agent, m.day, it,
                        {"record": "meeting", "id": m.id, "day": m.day.isoformat(),
                         "shift": m.shift},
                        f"早会记录：{m.shift}早会缺席")
        elif it.auto.startswith("alert:"):
            rules = it.auto.removeprefix("alert:").split(",")
            for al in conn.execute(select(AlertRow).where(
                    AlertRow.rule.in_(rules), AlertRow.agent_id.is_not(None),
                    AlertRow.raised_at >= lo, AlertRow.raised_at < hi)
                    .order_by(AlertRow.raised_at)):
                if al.subject.endswith(":pre"):
                    continue  # a pre-warning is not a breach
                day = al.raised_at.astimezone(tz).date()
                add(f"alert:{al.id}:{it.id}", str(al.agent_id), day, it,
                    {"record": "alert", "id": al.id, "rule": al.rule,
                     "raised_at": al.raised_at.isoformat(), "message": al.message,
                     "ticket": al.ticket_id, "resolve_note": al.resolve_note},
                    f"告警 {al.rule}：{al.message}" if al.message else f"告警 {al.rule}")
    taken = set(conn.execute(select(AssessmentEntryRow.proposal).where(
        AssessmentEntryRow.proposal.is_not(None),
        AssessmentEntryRow.day >= first, AssessmentEntryRow.day <= last)).scalars())
    return sorted((p for p in out if p.key not in taken), key=lambda p: (p.day, p.agent, p.key))


def propose(engine: Engine, by: str, month: str) -> list[Proposal]:
    """The month's proposals not yet confirmed (nor withdrawn after confirming)."""
    with engine.connect() as conn:
        operators.require(conn, by, Right.RECORD_ASSESSMENT)
        return _proposals(conn, month, _policy(conn).policy)


def confirm_proposals(engine: Engine, keys: Sequence[str], *, by: str, now: datetime,
                      month: str, notes: dict[str, str] | None = None, reason: str = "",
                      workstation: str = "") -> list[StoredEntry]:
    """Confirm the proposals named by ``keys`` (all of them, or none: one transaction);
    each becomes an entry carrying its evidence, audited."""
    notes = notes or {}
    try:
        with writing(engine).begin() as conn:
            operators.require(conn, by, Right.RECORD_ASSESSMENT)
            pol = _policy(conn).policy
            _need_reason_if_confirmed(conn, month, reason)
            open_ = {p.key: p for p in _proposals(conn, month, pol)}
            out = []
            for k in dict.fromkeys(keys):
                p = open_.get(k)
                if p is None:
                    raise AssessmentError(QT_TRANSLATE_NOOP(
                        "Assessment", "{key}: no such open proposal in {month}").format(
                        key=k, month=month))
                kind = _check_entry(pol, "deduction", p.item, p.points)[0]
                out.append(_insert(conn, by=by, now=now, agent=p.agent, day=p.day, kind=kind,
                                   item=p.item, points=p.points,
                                   note=notes.get(k) or p.note,
                                   source=k.split(":", 1)[0], proposal=k,
                                   evidence=p.evidence, reason=reason,
                                   workstation=workstation))
    except IntegrityError:  # another leader confirmed one meanwhile
        raise AssessmentError(QT_TRANSLATE_NOOP(
            "Assessment", "Someone confirmed one of these proposals meanwhile; "
                          "nothing was confirmed: list them again")) from None
    return out


def dismiss_proposals(engine: Engine, keys: Sequence[str], *, by: str, now: datetime,
                      month: str, reason: str, workstation: str = "") -> list[StoredEntry]:
    """Dismiss the proposals named by ``keys``: each is recorded with its evidence and
    withdrawn at once with the person's reason, in ONE transaction (all or none), so
    it is never proposed again and the register keeps who dismissed it and why.
    Audited as an entry and its withdrawal."""
    if not reason.strip():
        raise AssessmentError(QT_TRANSLATE_NOOP(
            "Assessment", "Dismissing a proposal needs a reason"))
    try:
        with writing(engine).begin() as conn:
            operators.require(conn, by, Right.RECORD_ASSESSMENT)
            pol = _policy(conn).policy
            open_ = {p.key: p for p in _proposals(conn, month, pol)}
            out = []
            for k in dict.fromkeys(keys):
                p = open_.get(k)
                if p is None:
                    raise AssessmentError(QT_TRANSLATE_NOOP(
                        "Assessment", "{key}: no such open proposal in {month}").format(
                        key=k, month=month))
                kind = _check_entry(pol, "deduction", p.item, p.points)[0]
                e = _insert(conn, by=by, now=now, agent=p.agent, day=p.day, kind=kind,
                            item=p.item, points=p.points, note=p.note,
                            source=k.split(":", 1)[0], proposal=k, evidence=p.evidence,
                            reason=reason, workstation=workstation)
                conn.execute(update(AssessmentEntryRow).where(AssessmentEntryRow.id == e.id)
                             .values(withdrawn_at=now, withdrawn_by=by,
                                     withdrawn_reason=reason.strip()))
                auditlog.audit(conn, at=now, operator=by, action="assessment_withdraw",
                               agent=p.agent, target=p.day.isoformat(),
                               detail={"id": e.id, "item": p.item, "points": p.points,
                                       "reason": reason.strip(), "dismissed": k,
                                       "sheet_confirmed": _confirmed(conn, month)},
                               result="ok", workstation=workstation)
                out.append(StoredEntry(e.id, e.agent, e.day, e.kind, e.item, e.points,
                                       e.note, e.source, e.proposal, e.evidence,
                                       e.created_at, e.created_by, True))
    except IntegrityError:  # another leader confirmed or dismissed one meanwhile
        raise AssessmentError(QT_TRANSLATE_NOOP(
            "Assessment", "Someone confirmed one of these proposals meanwhile; "
                          "nothing was confirmed: list them again")) from None
    return out


# ---- the month's sheet ---------------------------------------------------------------------


def inputs(conn: Connection, month: str,
           scored: Sequence[asm.Part] = ()) -> list[AgentInput]:
    """Who is on the month's sheet, with what it is computed from (module docstring);
    ``scored``: the policy's leader_calls parts, fed from the QA scores."""
    first, last = month_days(month)
    lo, hi = _bounds(conn, month)
    names = {a: (n, g) for a, n, g in conn.execute(select(AgentRow.id, AgentRow.name,
                                                          AgentRow.group_id))}
    handled: dict[str, int] = {str(a): int(n) for a, n in conn.execute(
        select(CallRecordRow.agent_id, func.count()).where(
            CallRecordRow.answered_at >= lo, CallRecordRow.answered_at < hi,
            CallRecordRow.agent_id.is_not(None)).group_by(CallRecordRow.agent_id))}
    rostered = set(conn.execute(select(RosterRow.person).where(
        RosterRow.day >= first, RosterRow.day <= last, RosterRow.role == "agent")
        .distinct()).scalars())
    qa: dict[str, list[float]] = {}
    for agent, total in conn.execute(select(QaScoreRow.agent_id, QaScoreRow.total).where(
            QaScoreRow.day >= first, QaScoreRow.day <= last).order_by(
            QaScoreRow.agent_id, QaScoreRow.day, QaScoreRow.call_id, QaScoreRow.inspector)):
        qa.setdefault(str(agent), []).append(float(total))
    ents = _entries(conn, month)
    by_agent: dict[str, list[StoredEntry]] = {}
    for e in ents:
        by_agent.setdefault(e.agent, []).append(e)
    who = (rostered & names.keys()) | set(handled) | set(by_agent)
    out = []
    for a in sorted(who):
        name, group = names.get(a, ("", None))
        mine = by_agent.get(a, [])
        leader: dict[str, float] = {}
        calls: dict[str, list[float]] = {}
        for e in mine:
            if e.kind == "leader":
                leader[e.item] = e.points  # the latest score given stands
            elif e.kind == "call":
                calls.setdefault(e.item, []).append(e.points)
        for part in scored:  # the QA scores, on the part's scale, unless set by hand
            if part.id not in calls and a in qa:
                # exactly (87.5 of 100 is 30.625 of 35, not 30.62): the part's mean
                # is taken of these, and only the part's score is rounded
                calls[part.id] = [float(asm.exact(t) * asm.exact(part.max) / 100)
                                  for t in qa[a]]
        out.append(AgentInput(
            a, name, group or "", handled.get(a, 0),
            tuple(Entry(a, e.day, e.item, e.points, e.note, e.id) for e in mine
                  if e.kind in ("deduction", "bonus")),
            leader, {k: tuple(v) for k, v in calls.items()}))
    return out


def _sheet(conn: Connection, month: str) -> Sheet | None:
    r = conn.execute(select(AssessmentSheetRow).where(AssessmentSheetRow.month == month)).first()
    if r is None:
        return None
    pol = _policy(conn, r.policy_version)
    return Sheet(r.month, r.status, r.policy_version, pol.policy,
                 tuple(SheetRow.from_json(x) for x in (r.rows or {}).get("rows", [])),
                 r.drafted_at, r.drafted_by, r.confirmed_at, r.confirmed_by, r.reason, r.version)


def _group_names(conn: Connection) -> dict[str, str]:
    return {g: n for g, n in conn.execute(select(GroupRow.id, GroupRow.name))}


def draft(engine: Engine, *, by: str, month: str, now: datetime, reason: str = "",
          workstation: str = "") -> Sheet:
    """Compute the month's sheet with the policy in force and store it as a draft; a
    month already confirmed is drafted again only with a reason (and must then be
    confirmed again). Audited with the totals."""
    month_days(month)
    try:
        return _draft(engine, by=by, month=month, now=now, reason=reason,
                      workstation=workstation)
    except IntegrityError:  # another leader's first draft of the month landed meanwhile
        raise AssessmentError(QT_TRANSLATE_NOOP(
            "Assessment", "Someone drafted {month} meanwhile: run the command again").format(
            month=month)) from None


def _draft(engine: Engine, *, by: str, month: str, now: datetime, reason: str,
           workstation: str) -> Sheet:
    with writing(engine).begin() as conn:
        operators.require(conn, by, Right.RECORD_ASSESSMENT)
        cur = conn.execute(select(AssessmentSheetRow).where(AssessmentSheetRow.month == month)
                           .with_for_update()).first()
        if cur is not None and cur.status == "confirmed" and not reason.strip():
            raise AssessmentError(QT_TRANSLATE_NOOP(
                "Assessment", "The sheet of {month} is confirmed: drafting it again needs a "
                              "reason").format(month=month))
        applied = _policy(conn)
        groups = _group_names(conn)
        rows = asm.compute_sheet(applied.policy, [
            AgentInput(a.agent, a.name, groups.get(a.group, a.group), a.handled, a.entries,
                       a.leader, a.calls)
            for a in inputs(conn, month, applied.policy.scored_parts())])
        doc = {"rows": [r.to_json() for r in rows]}
        values = dict(status="draft", policy_version=applied.version, rows=doc, drafted_at=now,
                      drafted_by=by, confirmed_at=None, confirmed_by=None,
                      reason=reason.strip())
        if cur is None:
            conn.execute(insert(AssessmentSheetRow).values(month=month, version=1, **values))
        else:
            conn.execute(update(AssessmentSheetRow).where(AssessmentSheetRow.month == month)
                         .values(version=cur.version + 1, **values))
        auditlog.audit(conn, at=now, operator=by, action="assessment_draft", target=month,
                       detail={"policy_version": applied.version, "rows": len(rows),
                               "was": cur.status if cur is not None else None,
                               "reason": reason.strip(),
                               "totals": {r.agent: r.total for r in rows}},
                       result="ok", workstation=workstation)
        sheet = _sheet(conn, month)
    assert sheet is not None
    return sheet


def _changed_since(conn: Connection, month: str, at: datetime) -> int:
    first, last = month_days(month)
    return int(conn.execute(select(func.count()).select_from(AssessmentEntryRow).where(
        AssessmentEntryRow.day >= first, AssessmentEntryRow.day <= last,
        (AssessmentEntryRow.created_at > at) | (AssessmentEntryRow.withdrawn_at > at))
    ).scalar_one())


def changed_since_draft(engine: Engine, by: str, month: str) -> int:
    """Entries recorded or withdrawn in ``month`` after its sheet was drafted (0 without
    a sheet): the draft no longer shows the register, and :func:`confirm` refuses it."""
    month_days(month)
    with engine.connect() as conn:
        operators.require(conn, by, Right.VIEW_ASSESSMENT)
        at = conn.execute(select(AssessmentSheetRow.drafted_at).where(
            AssessmentSheetRow.month == month)).scalar()
        return 0 if at is None else _changed_since(conn, month, at)


def confirm(engine: Engine, *, by: str, month: str, now: datetime,
            workstation: str = "") -> Sheet:
    """The department head confirms the draft as it stands: refused when there is no
    draft, when it is confirmed already, when a row is incomplete, or when the
    register changed after the draft (draft again first). Audited."""
    month_days(month)
    with writing(engine).begin() as conn:
        operators.require(conn, by, Right.CONFIRM_ASSESSMENT)
        cur = conn.execute(select(AssessmentSheetRow).where(AssessmentSheetRow.month == month)
                           .with_for_update()).first()
        if cur is None:
            raise AssessmentError(QT_TRANSLATE_NOOP(
                "Assessment", "There is no sheet of {month} to confirm: draft it first").format(
                month=month))
        if cur.status == "confirmed":
            raise AssessmentError(QT_TRANSLATE_NOOP(
                "Assessment", "The sheet of {month} is confirmed already").format(month=month))
        n = _changed_since(conn, month, cur.drafted_at)
        if n:
            raise AssessmentError(QT_TRANSLATE_NOOP(
                "Assessment", "The register of {month} changed after the draft ({n} "
                              "entries): draft it again, then confirm").format(
                month=month, n=n))
        rows = [SheetRow.from_json(x) for x in (cur.rows or {}).get("rows", [])]
        bad = [r.agent for r in rows if r.total is None]
        if bad:
            raise AssessmentError(QT_TRANSLATE_NOOP(
                "Assessment", "The sheet of {month} cannot be confirmed: no total for "
                              "{agents} (a leader's score or the recorded calls are "
                              "missing)").format(month=month, agents="、".join(bad)))
        conn.execute(update(AssessmentSheetRow).where(AssessmentSheetRow.month == month)
                     .values(status="confirmed", confirmed_at=now, confirmed_by=by))
        auditlog.audit(conn, at=now, operator=by, action="assessment_confirm", target=month,
                       detail={"policy_version": cur.policy_version, "version": cur.version,
                               "rows": len(rows)},
                       result="ok", workstation=workstation)
        sheet = _sheet(conn, month)
    assert sheet is not None
    return sheet


def show(engine: Engine, by: str, month: str) -> Sheet | None:
    month_days(month)
    with engine.connect() as conn:
        operators.require(conn, by, Right.VIEW_ASSESSMENT)
        return _sheet(conn, month)


def year(engine: Engine, by: str, yr: int) -> tuple[list[asm.YearRow], dict[str, str]]:
    """R-ASSESS-4: the year's rows from its confirmed months, and every month's status
    ("confirmed", "draft" or "" for none) so the sheet can say what is missing."""
    months = [f"{yr:04d}-{m:02d}" for m in range(1, 13)]
    with engine.connect() as conn:
        operators.require(conn, by, Right.VIEW_ASSESSMENT)
        sheets = {m: _sheet(conn, m) for m in months}
    status = {m: (s.status if s is not None else "") for m, s in sheets.items()}
    confirmed = {m: s.rows for m, s in sheets.items() if s is not None
                 and s.status == "confirmed"}
    divisor = next((s.policy.yearly_divisor for s in sheets.values() if s is not None), 12)
    return asm.yearly(confirmed, divisor), status


def agent_names(rows: Iterable[SheetRow]) -> dict[str, str]:
    return {r.agent: r.name for r in rows}


__all__ = [
    "AppliedPolicy", "AssessmentError", "KINDS", "Proposal", "Sheet", "StoredEntry",
    "apply_policy", "changed_since_draft", "confirm", "confirm_proposals", "current_policy",
    "dismiss_proposals", "draft", "entries",
    "inputs", "month_days", "month_of", "policy_history", "propose", "record_entry", "show",
    "withdraw_entry", "year",
]
