"""Where the roster and the morning meeting meet the live floor (issue #6). No Qt.

- :func:`roster_event`: the ``roster_shift`` the scheduler host appends at a
  shift's start — who is rostered, and the rostered leaders, who are then the
  leaders on duty for R-URGENT-2; R-LOGIN-1 reads it too.
- :func:`meeting_reminder`: R-MEET-1's reminder 10 minutes before a shift, an
  alert (``R-MEET-1``) a person or the minutes' saving resolves.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta

from sqlalchemy import Engine, select

from models.db import shiftops
from models.db.schema import HolidayRow, MeetingRow, RosterRow
from models.db.store import FloorWriter
from models.domain.alerts import Condition, Severity, alert_key
from models.domain.floor import FloorState, RosterDuty
from models.domain.policy import Policy, ShiftDef
from models.domain.types import FloorEvent

MEETING_RULE = "R-MEET-1"
#: the cron job may fire a moment before the database's clock reaches the start
_SLACK = timedelta(minutes=2)


def _shift(policy: Policy, name: str) -> ShiftDef | None:
    return next((s for s in policy.shifts if s.name == name), None)


def roster_event(engine: Engine, policy: Policy, now: datetime,
                 shift: str | None = None) -> RosterDuty | None:
    """The roster of ``shift``'s instance running at ``now`` (starting within a
    moment counts), or of the shift running now when ``shift`` is None. None when
    no shift runs or nobody is rostered on it."""
    local = now.astimezone(policy.tz)
    if shift is None:
        period = policy.shift_period(now)
        if not period.name:
            return None
        shift = period.name
        sd = _shift(policy, shift)
        inst = sd.instance_containing(local) if sd else None
    else:
        sd = _shift(policy, shift)
        inst = sd.instance_containing(local + _SLACK) if sd else None
    if sd is None or inst is None:
        return None
    start, end = inst
    with engine.connect() as conn:
        agents, leaders = shiftops.on_duty(conn, start.date(), shift)
    if not agents and not leaders:
        return None
    return RosterDuty(shift, start.date().isoformat(), start, end, frozenset(agents),
                      frozenset(leaders))


def meeting_subject(day: date, shift: str) -> str:
    return f"meeting:{day.isoformat()}:{shift}"


def meeting_reminder(engine: Engine, state: FloorState, now: datetime, shift: str,
                     lead_min: float) -> FloorEvent | None:
    """The reminder for ``shift``'s next start (within ``lead_min`` and a moment),
    unless it was raised already, the minutes are saved, the shift does not run
    that day (its weekdays and season, the holiday calendar), or the roster shows
    it does not (rows that day, none for this shift)."""
    policy = state.policy
    sd = _shift(policy, shift)
    if sd is None:
        return None
    local = now.astimezone(policy.tz)
    start = None
    for off in (0, 1):
        st = datetime.combine(local.date() + timedelta(days=off), sd.start, policy.tz)
        if local - _SLACK <= st <= local + timedelta(minutes=lead_min) + _SLACK:
            start = st
            break
    if start is None:
        return None
    day = start.date()
    with engine.connect() as conn:
        kind = conn.execute(select(HolidayRow.kind).where(HolidayRow.day == day)).scalar()
        if not sd.runs_on(day, kind):  # weekdays, season, 法定节假日 / 调休
            return None
        if conn.execute(select(MeetingRow.id).where(MeetingRow.day == day,
                                                    MeetingRow.shift == shift)).first():
            return None
        that_day = {r.shift for r in conn.execute(select(RosterRow.shift)
                                                  .where(RosterRow.day == day))}
    if that_day and shift not in that_day:
        return None
    at = start - timedelta(minutes=lead_min)
    subject = meeting_subject(day, shift)
    if alert_key(MEETING_RULE, subject, at) in state.alerts or \
            alert_key(MEETING_RULE, subject, at) in state.resolved_alerts:
        return None
    cond = Condition(MEETING_RULE, subject, at, Severity.INFO,
                     f"早会提醒：{shift} {start:%H:%M} 开班，请于 {at:%H:%M} 召开班前会",
                     auto_resolve=False,
                     detail={"day": day.isoformat(), "shift": shift,
                             "shift_start": start.isoformat()})
    return FloorEvent("alert_raised", now, cond.as_event_data())


def resolve_meeting_reminder(engine: Engine, day: date, shift: str, by: str,
                             now: datetime) -> bool:
    """The minutes are saved: the meeting's reminder has done its work."""
    subject = meeting_subject(day, shift)

    def decide(st: FloorState) -> list[FloorEvent]:
        return [FloorEvent("alert_resolved", max(now, st.at or now),
                           {"alert": a.id, "by": by, "note": "早会记录已保存"})
                for a in st.alerts.values()
                if a.rule == MEETING_RULE and a.subject == subject]

    res = FloorWriter(engine, source=f"operator:{by}"[:60]).append(decide)
    return bool(res.accepted)
