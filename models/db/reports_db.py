"""The scheduled reports' numbers and their store (R-REPORT-1, issue #18).

:func:`build` reads one period (a day or a month of floor time) into a
:class:`~models.domain.report.Report`: the floor's and each queue's KPIs from the
15-minute rollups (R-KPI-1 接通率 and the rest from :mod:`models.domain.kpi`, applied
to the period's summed counters — a month is its rollups summed, never an average of
daily ratios), each group's agent time, alerts by rule, urgent tickets with their
handling trail (R-URGENT-1/2: the alert's acknowledgement, who was called, the steps
recorded), the register's attendance exceptions (DOMAIN §6) and the problems named
at the morning meetings (R-MEET-2/4).

The store: one ``report`` row per (kind, period) is the lock. :func:`claim` inserts it
(``producing``) in its own transaction before anything is made; a second host's
insert fails on the unique key and it makes nothing. A claim left ``producing`` by a
host that died, or a ``failed`` one, is taken over after :data:`STALE` by a
conditional UPDATE, which again only one host can win.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

from sqlalchemy import Connection, Engine, case, delete, func, insert, select, update
from sqlalchemy.exc import IntegrityError

from models.db import alerts_db, attendance_db, meetings_db, rollup_db, store
from models.db import operators as ops
from models.db.schema import (
    AgentRow,
    AlertNotificationRow,
    AlertRow,
    GroupRow,
    QueueRow,
    ReportRow,
    RollupAgentRow,
    RollupIntervalRow,
    RollupQueueRow,
    TicketRow,
    utc,
)
from models.domain import kpi
from models.domain.attendance import AttType
from models.domain.kpi import KpiCounts
from models.domain.policy import Policy
from models.domain.report import (
    KIND_NAMES,
    Column,
    Part,
    Report,
    ReportError,
    parse_period,
    period_of,
)
from models.domain.roles import Right
from models.domain.rollup import INTERVAL

#: a claim older than this that never finished (its host died) may be taken over
STALE = timedelta(minutes=30)

# ---- the report's vocabulary (Chinese: the report goes up to the center) ----------------

TYPE_NAMES = {"present": "出勤", "sick": "病假", "personal": "事假", "maternity": "产假",
              "marriage": "婚假", "bereavement": "丧假", "family_visit": "探亲假",
              "late_early": "迟到早退", "absent": "旷工"}
RULE_NAMES = {
    "R-BREAK-1": "小休超时", "R-BREAK-2": "同组小休人数超限", "R-AWAY-1": "离席超时",
    "R-HOLD-1": "保持超时", "R-RING-1": "振铃超时", "R-ACW-1": "话后处理超时",
    "R-SEAT-1": "登录后离席", "R-PEAK-1": "高峰预案一级", "R-PEAK-2": "高峰预案二级",
    "R-TICKET-1": "来电未建工单", "R-TICKET-3": "工单待审核", "R-TICKET-5": "工单未完成",
    "R-URGENT-1": "急件", "R-URGENT-2": "急件升级", "R-LOGIN-1": "排班未登录",
    "R-MEET-1": "早会", "R-ATT-6": "考勤月汇总", "R-IDLE-1": "无人值守",
    "R-CONSULT-1": "延时答复超时", "R-REPORT-1": "报表期限"}
CATEGORY_NAMES = {"consult": "咨询", "suggest": "建议", "complaint": "投诉", "help": "求助"}
CHANNEL_NAMES = {"console": "控制台", "phone": "电话", "webhook": "群机器人"}
STATUS_NAMES = {"pending": "待发送", "sent": "已发送", "failed": "失败"}
TOTAL = "合计"
NO_GROUP = "未分组"

_CALLS = (Column("呼入量", "int"), Column("IVR完成", "int"), Column("人工接听", "int"),
          Column("放弃量", "int"), Column("接通率", "pct"), Column("服务水平", "pct"),
          Column("平均应答(秒)", "sec"), Column("放弃率", "pct"),
          Column("平均处理时长(秒)", "sec"))


def _calls(c: KpiCounts) -> tuple[Any, ...]:
    return (c.offered, c.ivr_only, c.answered, c.abandoned, kpi.answer_rate(c),
            kpi.service_level(c), kpi.asa_s(c), kpi.abandon_rate(c), kpi.aht_s(c))


# ---- reading one period -------------------------------------------------------------------


def _bounds(first: date, last: date, policy: Policy) -> tuple[datetime, datetime]:
    tz = policy.tz
    return (datetime.combine(first, time(0), tz).astimezone(UTC),
            datetime.combine(last + timedelta(days=1), time(0), tz).astimezone(UTC))


def _floor_part(conn: Connection, kind: str, lo: datetime, hi: datetime,
                policy: Policy) -> tuple[Part, KpiCounts, float | None]:
    by = "hour" if kind == "daily" else "day"
    rows, t = rollup_db.series(conn, lo, hi, by, tz=policy.tz, policy=policy)
    fmt = "%H:%M" if by == "hour" else "%m-%d"
    out = [((f"{r.start:%H:%M}–{r.end:%H:%M}" if by == "hour" else r.start.strftime(fmt)),
            *_calls(r.counts), kpi.occupancy(r.counts)) for r in rows]
    tot = rollup_db.total(rows)
    if rows:
        out.append((TOTAL, *_calls(tot), kpi.occupancy(tot)))
    sl = "-" if t is None else f"{t:g}"
    part = Part("floor", "全场话务" + ("（按小时）" if by == "hour" else "（按天）"),
                (Column("时段" if by == "hour" else "日期"), *_CALLS, Column("占用率", "pct")),
                tuple(out), empty="无话务数据（该时段的汇总尚未生成）", total_row=bool(rows),
                note=f"服务水平 = {sl} 秒内接听 ÷ 进入队列的来电；接通率 = (IVR完成 + 人工接听) "
                     f"÷ 呼入量（R-KPI-1）。")
    return part, tot, t


def _queue_part(conn: Connection, lo: datetime, hi: datetime) -> Part:
    rq = RollupQueueRow
    cols = ("offered", "ivr_only", "answered", "answered_in_sl", "abandoned", "abandoned_short",
            "wait_answered_s", "answered_waited", "handled", "talk_s", "hold_s", "acw_s")
    names = dict(conn.execute(select(QueueRow.id, QueueRow.name)).all())
    q = (select(rq.queue_id, *(func.sum(getattr(rq, c)) for c in cols))
         .where(rq.start >= lo, rq.start < hi).group_by(rq.queue_id).order_by(rq.queue_id))
    out: list[tuple[Any, ...]] = []
    tot = KpiCounts()
    for qid, *sums in conn.execute(q):
        c = KpiCounts(**{n: x or 0 for n, x in zip(cols, sums, strict=True)})
        tot = kpi.merge(tot, c)
        out.append((names.get(qid, qid), *_calls(c)))
    if out:
        out.append((TOTAL, *_calls(tot)))
    return Part("queues", "分队列", (Column("队列"), *_CALLS), tuple(out),
                empty="无队列数据", total_row=bool(out))


def _group_part(conn: Connection, lo: datetime, hi: datetime) -> Part:
    ra = RollupAgentRow
    gid = AgentRow.group_id
    q = (select(gid, func.count(func.distinct(ra.agent_id)), func.sum(ra.logged_in_s),
                func.sum(ra.ready_s), func.sum(ra.talking_s + ra.hold_s + ra.after_call_s),
                func.sum(ra.handled), func.sum(ra.talk_s), func.sum(ra.acw_s),
                func.sum(ra.breaks))
         .select_from(ra).join(AgentRow, AgentRow.id == ra.agent_id, isouter=True)
         .where(ra.start >= lo, ra.start < hi, ra.logged_in_s > 0)
         .group_by(gid).order_by(gid))
    names = dict(conn.execute(select(GroupRow.id, GroupRow.name)).all())
    alerts: dict[str, int] = defaultdict(int)
    for g, n in conn.execute(select(AlertRow.group_id, func.count())
                             .where(AlertRow.raised_at >= lo, AlertRow.raised_at < hi,
                                    AlertRow.agent_id.is_not(None))
                             .group_by(AlertRow.group_id)):
        alerts[g or ""] += int(n)
    out: list[tuple[Any, ...]] = []
    t = [0, 0.0, 0.0, 0.0, 0, 0.0, 0.0, 0, 0]
    for g, agents, logged, ready, busy, handled, talk, acw, breaks in conn.execute(q):
        logged, ready, busy = float(logged or 0), float(ready or 0), float(busy or 0)
        handled, talk, acw, breaks = int(handled or 0), float(talk or 0), float(acw or 0), \
            int(breaks or 0)
        g = g or ""
        vals = [int(agents), logged, ready, busy, handled, talk, acw, breaks, alerts.get(g, 0)]
        t = [a + b for a, b in zip(t, vals, strict=True)]
        out.append((names.get(g, g) if g else NO_GROUP, *_group_cells(vals)))
    if out:
        out.append((TOTAL, *_group_cells(t)))
    return Part("groups", "分坐席组",
                (Column("坐席组"), Column("上线坐席", "int"), Column("登录时长(小时)", "hours"),
                 Column("接听量", "int"), Column("平均处理时长(秒)", "sec"),
                 Column("占用率", "pct"), Column("小休次数", "int"), Column("告警次数", "int")),
                tuple(out), empty="无坐席数据", total_row=bool(out),
                note="占用率 = (通话 + 保持 + 话后处理) ÷ (其与空闲之和)；接听量为当期结束的通话。")


def _group_cells(v: Sequence[Any]) -> tuple[Any, ...]:
    agents, logged, ready, busy, handled, talk, acw, breaks, alerts = v
    return (agents, logged, handled, (talk + acw) / handled if handled else None,
            busy / (busy + ready) if busy + ready > 0 else None, breaks, alerts)


def _alert_part(conn: Connection, lo: datetime, hi: datetime) -> tuple[Part, int]:
    a = AlertRow
    q = (select(a.rule, func.count(), func.count(a.acknowledged_at), func.count(a.resolved_at),
                func.sum(case((a.severity == "critical", 1), else_=0)))
         .where(a.raised_at >= lo, a.raised_at < hi).group_by(a.rule).order_by(a.rule))
    out = []
    n = 0
    for rule, count, acked, resolved, critical in conn.execute(q):
        n += int(count)
        out.append((rule, RULE_NAMES.get(rule, ""), int(count), int(critical or 0), int(acked),
                    int(resolved)))
    if out:
        out.append((TOTAL, "", n, sum(r[3] for r in out), sum(r[4] for r in out),
                    sum(r[5] for r in out)))
    return Part("alerts", "告警（按规则）",
                (Column("规则"), Column("名称"), Column("次数", "int"), Column("严重", "int"),
                 Column("已确认", "int"), Column("已解决", "int")),
                tuple(out), empty="无告警", total_row=bool(out)), n


def _hm(t: datetime | None, policy: Policy, with_day: bool) -> str:
    if t is None:
        return ""
    local = t.astimezone(policy.tz)
    return local.strftime("%m-%d %H:%M" if with_day else "%H:%M")


def _urgent_part(conn: Connection, lo: datetime, hi: datetime, policy: Policy,
                 monthly: bool) -> tuple[Part, int]:
    t = TicketRow
    tickets = conn.execute(select(t).where(t.urgent.is_(True), t.created_at >= lo,
                                           t.created_at < hi).order_by(t.created_at)).all()
    agents = dict(conn.execute(select(AgentRow.id, AgentRow.name)).all())
    out = []
    for tk in tickets:
        alerts = conn.execute(select(AlertRow).where(AlertRow.ticket_id == tk.id)
                              .order_by(AlertRow.raised_at)).all()
        trail: list[tuple[datetime, str]] = []  # in the order things were done
        for al in alerts:
            raised = utc(al.raised_at) or al.raised_at
            trail.append((raised, f"{_hm(raised, policy, True)} "
                                  f"{RULE_NAMES.get(al.rule, al.rule)}告警"))
            acked = utc(al.acknowledged_at)
            if acked is not None:
                trail.append((acked, f"{_hm(acked, policy, True)} {al.acknowledged_by or ''} 确认"))
            for nt in conn.execute(select(AlertNotificationRow)
                                   .where(AlertNotificationRow.alert_id == al.id,
                                          AlertNotificationRow.channel != "console")
                                   .order_by(AlertNotificationRow.id)):
                at = utc(nt.sent_at or nt.created_at) or raised
                trail.append((at, f"{_hm(at, policy, True)} "
                                  f"通知{CHANNEL_NAMES.get(nt.channel, nt.channel)} {nt.target}"
                                  f"（{STATUS_NAMES.get(nt.status, nt.status)}）"))
        for st in alerts_db.handling_steps(conn, tk.id):
            trail.append((st.at, f"{_hm(st.at, policy, True)} {st.by}：{st.text}"))
        resolved = [al for al in alerts if al.resolved_at is not None]
        if resolved:
            last = resolved[-1]
            done = utc(last.resolved_at) or last.resolved_at
            trail.append((done, f"{_hm(done, policy, True)} {last.resolved_by or '自动'} 解决"
                                + (f"：{last.resolve_note}" if last.resolve_note else "")))
        trail.sort(key=lambda x: x[0])
        text = "\n".join(t for _, t in trail)
        out.append((tk.id, _hm(utc(tk.created_at), policy, monthly), tk.title,
                    CATEGORY_NAMES.get(tk.category, tk.category),
                    agents.get(tk.agent_id or "", tk.agent_id or ""),
                    _hm(utc(tk.completed_at), policy, True), text or "无处理记录"))
    return Part("urgent", "急件及处理经过",
                (Column("工单号"), Column("受理时间"), Column("标题"), Column("类别"),
                 Column("坐席"), Column("办结时间"), Column("处理经过")),
                tuple(out), empty="无急件"), len(out)


def _attendance_part(conn: Connection, first: date, last: date) -> tuple[Part, int]:
    agents = {r.id: (r.name, r.group_id) for r in conn.execute(select(AgentRow))}
    groups = dict(conn.execute(select(GroupRow.id, GroupRow.name)).all())
    out = []
    for r in attendance_db.records_between(conn, first, last):
        if r.type is AttType.PRESENT and not r.late_min and not r.early_min:
            continue
        name, g = agents.get(r.agent, ("", None))
        out.append((r.day.strftime("%m-%d"), r.agent, name, groups.get(g or "", g or ""),
                    TYPE_NAMES.get(r.type.value, r.type.value), r.late_min or None,
                    r.early_min or None, r.note))
    return Part("attendance", "考勤异常",
                (Column("日期"), Column("工号"), Column("姓名"), Column("坐席组"),
                 Column("类型"), Column("迟到(分)", "int"), Column("早退(分)", "int"),
                 Column("备注")),
                tuple(out), empty="无考勤异常（或考勤尚未登记）"), len(out)


def _meeting_part(conn: Connection, first: date, last: date) -> tuple[Part, int]:
    out = []
    for m in sorted(meetings_db.meetings_between(conn, first, last),
                    key=lambda m: (m.day, m.shift)):
        for p in m.problems:
            out.append((m.day.strftime("%m-%d"), m.shift, m.chair_name or m.chair, p))
    return Part("meetings", "早会问题",
                (Column("日期"), Column("班次"), Column("主持"), Column("问题")),
                tuple(out), empty="早会未记录问题"), len(out)


#: :func:`readiness`' answers
READY, CLOSING, BEFORE_HISTORY = "ready", "closing", "before_history"


def readiness(conn: Connection, kind: str, period: str, policy: Policy) -> str:
    """Is the period one to report on, with its 15-minute rollups closed (its last
    interval built)? :data:`READY`; :data:`CLOSING` while its last interval is not
    built yet (``rollup.close`` will build it: ask again later); :data:`BEFORE_HISTORY`
    for a period that ended before the floor's history began (a floor set up this
    month has no report of the last: asking again changes nothing). A quiet day
    after the history began is ready — the host's ``rollup.close`` builds every
    interval, calls or none."""
    _, hi = _bounds(*parse_period(kind, period), policy)
    span = rollup_db.history_span(conn)
    if span is None or span[0] >= hi:
        return BEFORE_HISTORY
    last = utc(conn.execute(select(func.max(RollupIntervalRow.start))).scalar())
    return READY if last is not None and last >= hi - INTERVAL else CLOSING


def rollups_ready(conn: Connection, kind: str, period: str, policy: Policy) -> bool:
    """:func:`readiness` is :data:`READY`."""
    return readiness(conn, kind, period, policy) == READY


def build(engine: Engine, kind: str, period: str, now: datetime,
          policy: Policy | None = None) -> Report:
    """The report of ``kind`` (daily, monthly) for ``period`` as the database has it now."""
    first, last = parse_period(kind, period)
    period = period_of(kind, first)
    with engine.connect() as conn:
        policy = policy or store.current_state(conn).policy
        lo, hi = _bounds(first, last, policy)
        floor, tot, t = _floor_part(conn, kind, lo, hi, policy)
        queues = _queue_part(conn, lo, hi)
        groups = _group_part(conn, lo, hi)
        alerts, n_alerts = _alert_part(conn, lo, hi)
        urgent, n_urgent = _urgent_part(conn, lo, hi, policy, kind == "monthly")
        att, n_att = _attendance_part(conn, first, last)
        meet, n_meet = _meeting_part(conn, first, last)
    title = ("坐席运营日报 " if kind == "daily" else "坐席运营月报 ") + (
        period if kind == "daily" else f"{first.year}年{first.month}月")
    summary = {"offered": tot.offered, "answered": tot.answered,
               "answer_rate": kpi.answer_rate(tot), "service_level": kpi.service_level(tot),
               "sl_threshold_s": t, "abandon_rate": kpi.abandon_rate(tot),
               "alerts": n_alerts, "urgent": n_urgent, "attendance_exceptions": n_att,
               "meeting_problems": n_meet}
    return Report(kind, period, title, policy.timezone, now,
                  (floor, queues, groups, alerts, urgent, att, meet), summary)


def summary_line(r: Report) -> str:
    """The robot's one line (Chinese: the floor's group chat)."""
    s = r.summary

    def pct(x: Any) -> str:
        return "-" if x is None else f"{100 * x:.1f}%"

    return (f"【{KIND_NAMES[r.kind]} {r.period}】呼入 {s['offered']}，人工接听 {s['answered']}，"
            f"接通率 {pct(s['answer_rate'])}，服务水平 {pct(s['service_level'])}；"
            f"告警 {s['alerts']} 次，急件 {s['urgent']} 件，考勤异常 {s['attendance_exceptions']}"
            f" 人次。报表已生成存档。")


# ---- the store -------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class StoredReport:
    """A report row without its files (the list)."""

    kind: str
    period: str
    status: str
    host: str
    claimed_at: datetime
    created_at: datetime | None
    error: str
    summary: dict[str, Any]
    xlsx_bytes: int
    pdf_bytes: int


def claim(engine: Engine, kind: str, period: str, host: str, now: datetime, *,
          stale: timedelta = STALE) -> bool:
    """Take the lock of (kind, period): True when this host is to make the report.
    False when it exists, or another host is making it (claimed less than ``stale``
    ago)."""
    with engine.begin() as conn:
        try:
            with conn.begin_nested():
                conn.execute(insert(ReportRow).values(
                    kind=kind, period=period, status="producing", host=host[:80],
                    claimed_at=now, error="", summary={}))
            return True
        except IntegrityError:
            pass
        r = ReportRow
        res = conn.execute(update(r).where(
            r.kind == kind, r.period == period,
            (r.status == "failed") | ((r.status == "producing") & (r.claimed_at < now - stale)))
            .values(status="producing", host=host[:80], claimed_at=now, error=""))
        return bool(res.rowcount)


def finish(engine: Engine, kind: str, period: str, host: str, now: datetime,
           summary: dict[str, Any], xlsx: bytes, pdf: bytes) -> bool:
    """Store the files of a claimed report; False (nothing written) when the claim was
    taken over meanwhile (this host was presumed dead)."""
    r = ReportRow
    with engine.begin() as conn:
        res = conn.execute(update(r).where(r.kind == kind, r.period == period,
                                           r.host == host[:80], r.status == "producing")
                           .values(status="done", created_at=now, summary=summary,
                                   xlsx=xlsx, pdf=pdf, error=""))
        return bool(res.rowcount)


def fail(engine: Engine, kind: str, period: str, host: str, error: str) -> None:
    r = ReportRow
    with engine.begin() as conn:
        conn.execute(update(r).where(r.kind == kind, r.period == period, r.host == host[:80],
                                     r.status == "producing")
                     .values(status="failed", error=error[:2000]))


def replace(engine: Engine, kind: str, period: str, by: str, now: datetime,
            summary: dict[str, Any], xlsx: bytes, pdf: bytes) -> None:
    """A regenerated report (``seatwatch report … --store``) in place of the stored one."""
    with engine.begin() as conn:
        conn.execute(delete(ReportRow).where(ReportRow.kind == kind,
                                             ReportRow.period == period))
        conn.execute(insert(ReportRow).values(
            kind=kind, period=period, status="done", host=by[:80], claimed_at=now,
            created_at=now, error="", summary=summary, xlsx=xlsx, pdf=pdf))


def exists(conn: Connection, kind: str, period: str) -> bool:
    return conn.execute(select(ReportRow.id).where(
        ReportRow.kind == kind, ReportRow.period == period,
        ReportRow.status == "done")).first() is not None


def list_reports(conn: Connection, kind: str | None = None,
                 limit: int = 400) -> list[StoredReport]:
    """The stored reports, newest period first."""
    r = ReportRow
    q = select(r.kind, r.period, r.status, r.host, r.claimed_at, r.created_at, r.error,
               r.summary, func.coalesce(func.length(r.xlsx), 0),
               func.coalesce(func.length(r.pdf), 0))
    if kind is not None:
        q = q.where(r.kind == kind)
    q = q.order_by(r.period.desc(), r.kind).limit(limit)
    return [StoredReport(k, p, s, h, utc(c) or c, utc(d), e or "", dict(m or {}), int(x),
                         int(y)) for k, p, s, h, c, d, e, m, x, y in conn.execute(q)]


def files(conn: Connection, kind: str, period: str) -> tuple[bytes, bytes] | None:
    """The stored (xlsx, pdf) of a finished report, None when there is none."""
    row = conn.execute(select(ReportRow.xlsx, ReportRow.pdf).where(
        ReportRow.kind == kind, ReportRow.period == period,
        ReportRow.status == "done")).first()
    if row is None or row.xlsx is None or row.pdf is None:
        return None
    return bytes(row.xlsx), bytes(row.pdf)


# ---- read by a signed-in operator (the console's Reports dialog) ---------------------------


def list_for(engine: Engine, by: str) -> list[StoredReport]:
    """The stored reports for operator ``by``: they hold the register's exceptions, so
    whoever may read the attendance register may read them (shift leaders, directors,
    department heads), checked in the database on every call."""
    with engine.connect() as conn:
        ops.require(conn, by, Right.VIEW_ATTENDANCE)
        return list_reports(conn)


def files_for(engine: Engine, by: str, kind: str, period: str) -> tuple[bytes, bytes] | None:
    """A stored report's (xlsx, pdf) for operator ``by`` (see :func:`list_for`)."""
    with engine.connect() as conn:
        ops.require(conn, by, Right.VIEW_ATTENDANCE)
        return files(conn, kind, period)


__all__ = ["BEFORE_HISTORY", "CLOSING", "READY", "STALE", "ReportError", "StoredReport", "build",
           "claim", "exists", "fail", "files", "files_for", "finish", "list_for", "list_reports",
           "readiness", "replace", "rollups_ready", "summary_line"]
