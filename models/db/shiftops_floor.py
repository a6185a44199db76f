"""Where the roster and the morning meeting meet the live floor (issue #6). No Qt.

- :func:`roster_event`: the ``roster_shift`` the scheduler host appends at a
  shift's start — who is rostered, and the rostered leaders, who are then the
  leaders on duty for R-URGENT-2; R-LOGIN-1 reads it too.
- :func:`meeting_reminder`: R-MEET-1's reminder 10 minutes before a shift, an
  alert (``R-MEET-1``) a person or the minutes' saving resolves.
- :func:`summary_reminder`: R-ATT-6's reminder of the monthly attendance summary
  (due the 30th) from the 28th until the month's register is confirmed.
- :func:`roster_reminder`: R-REPORT-1's reminder of next month's roster (due the
  25th) from five days before until the month has roster rows.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta

from sqlalchemy import Connection, Engine, select

from models.db import attendance_db, shiftops
from models.db.schema import HolidayRow, MeetingRow, RosterRow, TrainingPlanRow
from models.db.store import FloorWriter
from models.domain import attendance as att
from models.domain import report as rep
from models.domain import training as trn
from models.domain.alerts import Condition, Severity, alert_key
from models.domain.floor import FloorState, RosterDuty
from models.domain.policy import Policy, ShiftDef
from models.domain.types import FloorEvent

MEETING_RULE = "R-MEET-1"
SUMMARY_RULE = "R-ATT-6"
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


def summary_subject(month: str) -> str:
    return f"month:{month}"


def summary_reminder(engine: Engine, state: FloorState, now: datetime) -> list[FloorEvent]:
    """R-ATT-6 (issue #16): the monthly summary (月考勤汇总表) is due by the 30th
    (February: its last day). From the 28th (floor time) of a month whose summary is
    not confirmed — some rostered agent-day has no confirmed register line
    (:func:`models.db.attendance_db.unconfirmed_days`) — an ``R-ATT-6`` alert on
    ``month:YYYY-MM`` reminds the leader; it stays (a past month too) until the
    month is confirmed, and this job then resolves it. The current month is looked
    at from the 28th, the previous one always (an overdue summary)."""
    local = now.astimezone(state.policy.tz).date()
    this = local.replace(day=1)
    prev = (this - timedelta(days=1)).replace(day=1)
    months = [prev.strftime("%Y-%m")]
    if local.day >= att.SUMMARY_REMIND_FROM_DAY:
        months.append(this.strftime("%Y-%m"))
    out: list[FloorEvent] = []
    with engine.connect() as conn:
        open_n = {m: attendance_db.unconfirmed_days(conn, m) for m in months}
    for month, n in open_n.items():
        subject = summary_subject(month)
        active = [a for a in state.alerts.values()
                  if a.rule == SUMMARY_RULE and a.subject == subject]
        if n == 0:
            out += [FloorEvent("alert_resolved", max(now, state.at or now),
                               {"alert": a.id, "by": None, "note": "本月考勤已全部确认"})
                    for a in active]
            continue
        if active:
            continue
        due = att.summary_due(month)
        cond = Condition(SUMMARY_RULE, subject, now, Severity.INFO,
                         f"考勤月汇总提醒：{month} 月考勤汇总表应于 {due.isoformat()} 前完成，"
                         f"尚有 {n} 人天考勤未确认",
                         auto_resolve=False,
                         detail={"month": month, "due": due.isoformat(), "unconfirmed": n})
        if cond.key in state.alerts or cond.key in state.resolved_alerts:
            continue
        out.append(FloorEvent("alert_raised", now, cond.as_event_data()))
    return out


REPORT_RULE = "R-REPORT-1"


def roster_reminder(engine: Engine, state: FloorState, now: datetime) -> list[FloorEvent]:
    """R-REPORT-1 (issue #18): next month's roster and per-slot staffing are due by the
    policy's ``reports.roster_by_day`` (the 25th). From ``remind_days`` before it, an
    ``R-REPORT-1`` alert on ``month:YYYY-MM`` (the month to roster) reminds the
    leaders until that month has roster rows; this job then resolves it — a month
    rostered late too. The per-slot staffing is worked out from the roster and the
    forecast (the staffing page, issue #17), so the roster is the thing that must
    exist; there is nothing else to check."""
    times = state.policy.reports
    local = now.astimezone(state.policy.tz).date()
    due = rep.roster_due(times, local)
    months = {a.subject.removeprefix("month:") for a in state.alerts.values()
              if a.rule == REPORT_RULE and a.detail.get("kind") == "roster"}
    if due is not None:
        months.add(due[0])
    out: list[FloorEvent] = []
    for month in sorted(months):
        first, last = rep.parse_period("monthly", month)
        with engine.connect() as conn:
            rostered = conn.execute(select(RosterRow.id).where(
                RosterRow.day >= first, RosterRow.day <= last).limit(1)).first() is not None
        subject = f"month:{month}"
        active = [a for a in state.alerts.values()
                  if a.rule == REPORT_RULE and a.subject == subject]
        if rostered:
            out += [FloorEvent("alert_resolved", max(now, state.at or now),
                               {"alert": a.id, "by": None, "note": f"{month} 排班已录入"})
                    for a in active]
            continue
        if active or due is None or month != due[0]:
            continue
        cond = Condition(REPORT_RULE, subject, now, Severity.INFO,
                         f"排班提醒：{month} 的排班与分时段人力应于 {due[1].isoformat()} 前完成，"
                         f"尚未录入排班",
                         auto_resolve=False,
                         detail={"kind": "roster", "month": month, "due": due[1].isoformat()})
        if cond.key in state.alerts or cond.key in state.resolved_alerts:
            continue
        out.append(FloorEvent("alert_raised", now, cond.as_event_data()))
    return out


def training_subject(week: date) -> str:
    return f"week:{week.isoformat()}"


def training_plan_exists(conn: Connection, week: date) -> bool:
    """The week's plan has at least one topic (a plan saved with every topic removed is
    no plan: the reminder stands)."""
    content = conn.execute(select(TrainingPlanRow.content).where(
        TrainingPlanRow.week == week).limit(1)).scalar()
    return bool(content and content.get("topics"))


def training_reminder(engine: Engine, state: FloorState, now: datetime) -> list[FloorEvent]:
    """R-REPORT-1 (issue #18): next week's training plan is due on the policy's
    ``reports.training_by_weekday`` (Thursday; seed 000: 每星期四必须提交下周培训计划).
    From ``remind_days`` before it (never before this week's Monday), an
    ``R-REPORT-1`` alert on ``week:<Monday>`` reminds the leaders until that week has
    a plan; this job then resolves it. Once the week itself has ended, its plan is
    of no use any more: the reminder is resolved as lapsed."""
    times = state.policy.reports
    local = now.astimezone(state.policy.tz).date()
    due = trn.plan_due(times.training_by_weekday, times.remind_days, local)
    weeks = {date.fromisoformat(a.subject.removeprefix("week:")) for a in state.alerts.values()
             if a.rule == REPORT_RULE and a.detail.get("kind") == "training"}
    if due is not None:
        weeks.add(due[0])
    at = max(now, state.at or now)
    out: list[FloorEvent] = []
    for week in sorted(weeks):
        with engine.connect() as conn:
            exists = training_plan_exists(conn, week)
        subject = training_subject(week)
        active = [a for a in state.alerts.values()
                  if a.rule == REPORT_RULE and a.subject == subject]
        if exists or week + timedelta(days=7) <= local:
            note = f"{week.isoformat()} 周培训计划已保存" if exists else \
                f"{week.isoformat()} 周已过，提醒结束"
            out += [FloorEvent("alert_resolved", at, {"alert": a.id, "by": None, "note": note})
                    for a in active]
            continue
        if active or due is None or week != due[0]:
            continue
        cond = Condition(REPORT_RULE, subject, now, Severity.INFO,
                         f"培训计划提醒：{week.isoformat()} 起一周的培训计划应于 "
                         f"{due[1].isoformat()} 前提交，尚未录入",
                         auto_resolve=False,
                         detail={"kind": "training", "week": week.isoformat(),
                                 "due": due[1].isoformat()})
        if cond.key in state.alerts or cond.key in state.resolved_alerts:
            continue
        out.append(FloorEvent("alert_raised", now, cond.as_event_data()))
    return out


def resolve_training_reminder(engine: Engine, week: date, by: str, now: datetime) -> bool:
    """The week's plan is saved: its reminder has done its work."""
    subject = training_subject(week)

    def decide(st: FloorState) -> list[FloorEvent]:
        return [FloorEvent("alert_resolved", max(now, st.at or now),
                           {"alert": a.id, "by": by, "note": "培训计划已保存"})
                for a in st.alerts.values()
                if a.rule == REPORT_RULE and a.subject == subject]

    res = FloorWriter(engine, source=f"operator:{by}"[:60]).append(decide)
    return bool(res.accepted)
