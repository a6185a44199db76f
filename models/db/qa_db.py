"""Quality inspection in the database (质量监控, issue #18, DOMAIN §7 and §8).

Every read and write starts with ``operators.require(conn, by, Right.KEEP_QA)``
(shift leader, director, department head): the right is checked where the data is,
as models/db/trends_db.py does, so a terminal command is no way around it. Every
import is audited (``qa_import``), a dry run is not (it writes nothing).

Decisions (issue #18):

* **The key** of a score is the agent, the call and the inspector
  (``uq_qa_score_call``): importing the same file again replaces those rows and adds
  nothing; a second inspector scoring the same call is a second score.
* **Call ids.** A call id found in ``call_record`` is linked (``call_known``); the
  call must then have been answered by the agent the row names, else the row is
  refused (a score put on the wrong agent would count in their assessment). A call
  id not in ``call_record`` (calls from before Seatwatch ran, another system's
  numbering) is kept and reported as a warning, one line each.
* **One transaction**: a bad row anywhere refuses the whole file.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import Connection, Engine, bindparam, func, insert, select, update

from models.db import audit as auditlog
from models.db import operators, store
from models.db.schema import AgentRow, CallRecordRow, GroupRow, QaScoreRow
from models.db.store import writing
from models.domain.floorsetup import RowError
from models.domain.qa import MonthCallScores, QaImport, QaScore, line_where
from models.domain.qa_chart import Chart, baseline, chart, points
from models.domain.qa_sample import (
    MIN_PER_WEEK,
    Candidate,
    WeekProposal,
    propose,
    week_bounds,
)
from models.domain.roles import Right
from models.domain.texts import QT_TRANSLATE_NOOP, Msg

__all__ = ["QaChartData", "QaChoices", "QaError", "QaImportResult", "QaRefused", "QaWeek",
           "choices", "control_chart", "import_scores", "known_agents", "month_call_scores",
           "week"]

_CHUNK = 500  # a bounded IN list per query


class QaError(ValueError):
    """A request that cannot be answered (an unknown agent or group, no baseline);
    ``msg`` says why in a translatable message."""

    def __init__(self, msg: Msg) -> None:
        super().__init__(msg)
        self.msg = msg


class QaRefused(ValueError):
    """The file was refused: ``errors`` one per bad row; nothing was imported."""

    def __init__(self, errors: Sequence[RowError]) -> None:
        super().__init__(f"{len(errors)} bad row(s)")
        self.errors = list(errors)


@dataclass
class QaImportResult:
    rows: int = 0
    added: int = 0
    replaced: int = 0
    unchanged: int = 0
    linked: int = 0
    warnings: list[RowError] = field(default_factory=list)
    dry_run: bool = False


def _items_json(s: QaScore) -> list[Any]:
    return [[k, v] for k, v in s.items]


def _chunks(xs: Sequence[str]) -> list[Sequence[str]]:
    return [xs[i:i + _CHUNK] for i in range(0, len(xs), _CHUNK)]


def _answered_by(conn: Connection, calls: Sequence[str]) -> dict[str, str | None]:
    out: dict[str, str | None] = {}
    for part in _chunks(calls):
        out.update({c: a for c, a in conn.execute(
            select(CallRecordRow.call_id, CallRecordRow.agent_id)
            .where(CallRecordRow.call_id.in_(part)))})
    return out


def known_agents(engine: Engine, by: str) -> dict[str, str]:
    """The agents of the floor setup (工号 → name) a sheet may name, for ``by``."""
    with engine.connect() as conn:
        operators.require(conn, by, Right.KEEP_QA)
        return {r.id: r.name for r in conn.execute(select(AgentRow.id, AgentRow.name))}


@dataclass(frozen=True, slots=True)
class QaChoices:
    """What the quality screens offer (issue #18): the agents (工号, name, group id) in
    工号 order, the groups (id, name) and the floor's time zone (its weeks and days)."""

    agents: tuple[tuple[str, str, str | None], ...]
    groups: tuple[tuple[str, str], ...]
    tz: ZoneInfo


def choices(engine: Engine, by: str) -> QaChoices:
    """The agents and groups a chart may be drawn for, for ``by`` (KEEP_QA)."""
    with engine.connect() as conn:
        operators.require(conn, by, Right.KEEP_QA)
        agents = tuple((r.id, r.name, r.group_id) for r in conn.execute(
            select(AgentRow.id, AgentRow.name, AgentRow.group_id).order_by(AgentRow.id)))
        groups = tuple((r.id, r.name) for r in conn.execute(
            select(GroupRow.id, GroupRow.name).order_by(GroupRow.id)))
        tz = store.current_state(conn).policy.tz
    return QaChoices(agents, groups, tz)


def import_scores(engine: Engine, by: str, parsed: QaImport, *, source: str, now: datetime,
                  dry_run: bool = False, workstation: str = "") -> QaImportResult:
    """Store the parsed sheet ``source`` (its file name) in one transaction, for the
    operator ``by`` (KEEP_QA). :class:`QaRefused` with every bad row, nothing kept,
    when any row is bad; with ``dry_run`` everything is checked and counted, then
    rolled back."""
    if parsed.errors:
        raise QaRefused(parsed.errors)
    res = QaImportResult(rows=len(parsed.scores), dry_run=dry_run)
    with writing(engine).connect() as conn, conn.begin() as tx:
        operators.require(conn, by, Right.KEEP_QA)
        calls = sorted({s.call for s in parsed.scores})
        owner = _answered_by(conn, calls)
        errors: list[RowError] = []
        for s in parsed.scores:
            if s.call not in owner:
                res.warnings.append(RowError(line_where(s.line), QT_TRANSLATE_NOOP(
                    "Qa", "call {call} is not in the call records: kept, not linked to a "
                          "call").format(call=s.call)))
            elif owner[s.call] != s.agent:
                errors.append(RowError(line_where(s.line), QT_TRANSLATE_NOOP(
                    "Qa", "call {call} was answered by agent {other}, not by {agent}").format(
                    call=s.call, other=owner[s.call] or "—", agent=s.agent)))
            else:
                res.linked += 1
        if errors:
            raise QaRefused(errors)
        have: dict[tuple[str, str, str], Any] = {}
        for part in _chunks(calls):
            for r in conn.execute(select(QaScoreRow.id, QaScoreRow.agent_id,
                                         QaScoreRow.call_id, QaScoreRow.inspector,
                                         QaScoreRow.day, QaScoreRow.total, QaScoreRow.items,
                                         QaScoreRow.call_known)
                                  .where(QaScoreRow.call_id.in_(part))):
                have[(r.agent_id, r.call_id, r.inspector)] = r
        new_rows: list[dict[str, Any]] = []
        changed: list[dict[str, Any]] = []
        for s in parsed.scores:
            values = {"day": s.day, "total": s.total, "items": _items_json(s),
                      "call_known": s.call in owner}
            old = have.get(s.key)
            stamp = {"source": source[:200], "imported_at": now, "imported_by": by[:80]}
            if old is None:
                new_rows.append({"agent_id": s.agent, "call_id": s.call,
                                 "inspector": s.inspector, **values, **stamp})
            elif (old.day, old.total, list(old.items), old.call_known) == (
                    values["day"], values["total"], values["items"], values["call_known"]):
                res.unchanged += 1
            else:
                changed.append({"k_id": old.id, **values, **stamp})
        if new_rows:
            conn.execute(insert(QaScoreRow), new_rows)
        if changed:
            conn.execute(update(QaScoreRow).where(QaScoreRow.id == bindparam("k_id")), changed)
        res.added, res.replaced = len(new_rows), len(changed)
        if dry_run:
            tx.rollback()
            return res
        auditlog.audit(conn, at=now, operator=by, action="qa_import", target=source[:100],
                       detail={"rows": res.rows, "added": res.added, "replaced": res.replaced,
                               "unchanged": res.unchanged, "linked": res.linked,
                               "unlinked": len(res.warnings)},
                       result="ok", workstation=workstation)
    return res



# ---- the week's sample and register (001 质量监控: at least 3 a week, across shifts) ----


@dataclass(frozen=True, slots=True)
class QaWeek:
    """Every agent of the floor setup for the week starting ``monday`` (floor time
    ``tz``), in 工号 order."""

    monday: date
    tz: ZoneInfo
    lines: tuple[WeekProposal, ...]

    def below_minimum(self) -> list[WeekProposal]:
        """The register: who has fewer than the week's minimum scored."""
        return [p for p in self.lines if p.scored < MIN_PER_WEEK]


def week(engine: Engine, by: str, monday: date) -> QaWeek:
    """The week's scores per agent and, for those short of :data:`MIN_PER_WEEK`, the
    calls proposed to score (:func:`models.domain.qa_sample.propose`): their answered
    calls of the week (``call_record``, floor time) that no inspector scored yet.
    A score counts in the week of its sheet date."""
    with engine.connect() as conn:
        operators.require(conn, by, Right.KEEP_QA)
        policy = store.current_state(conn).policy
        tz = policy.tz
        agents = conn.execute(select(AgentRow.id, AgentRow.name, AgentRow.group_id)
                              .order_by(AgentRow.id)).all()
        scored: dict[str, int] = {a: int(n) for a, n in conn.execute(
            select(QaScoreRow.agent_id, func.count())
            .where(QaScoreRow.day >= monday, QaScoreRow.day < monday + timedelta(days=7))
            .group_by(QaScoreRow.agent_id))}
        start, end = week_bounds(monday, tz)
        calls = conn.execute(
            select(CallRecordRow.call_id, CallRecordRow.agent_id, CallRecordRow.answered_at)
            .where(CallRecordRow.outcome == "answered", CallRecordRow.agent_id.is_not(None),
                   CallRecordRow.answered_at >= start, CallRecordRow.answered_at < end)).all()
        ids = sorted({c.call_id for c in calls})
        done: set[str] = set()
        for part in _chunks(ids):
            done.update(conn.execute(select(QaScoreRow.call_id)
                                     .where(QaScoreRow.call_id.in_(part))).scalars())
    answered: dict[str, int] = {}
    pool: dict[str, list[Candidate]] = {}
    period = None
    # in time order, so a shift's period is worked out once, not once per call (a week
    # of a 300-seat floor holds ~150,000 answered calls)
    for c in sorted(calls, key=lambda c: (c.answered_at, c.call_id)):
        answered[c.agent_id] = answered.get(c.agent_id, 0) + 1
        if c.call_id in done:
            continue
        if period is None or not period.start <= c.answered_at < period.end:
            period = policy.shift_period(c.answered_at)
        pool.setdefault(c.agent_id, []).append(
            Candidate(c.call_id, c.agent_id, c.answered_at, period.name, period.key))
    lines = []
    for a in agents:
        n = scored.get(a.id, 0)
        picks = propose(monday, a.id, pool.get(a.id, ()), MIN_PER_WEEK - n)
        lines.append(WeekProposal(a.id, a.name, a.group_id, n, answered.get(a.id, 0), picks))
    return QaWeek(monday, tz, tuple(lines))


# ---- control charts (DOMAIN §7, 003 篇十: the series, not one score) ----------------------


@dataclass(frozen=True, slots=True)
class QaChartData:
    """A chart of ``agent`` (or of the whole ``group`` when ``agent`` is None) from
    ``first`` to ``last``, per day or week, against the baseline of ``group``'s
    scores from ``base_first`` to ``base_last`` (the agent's own scores when the
    agent is in no group)."""

    agent: str | None
    name: str
    group: str | None
    per: str
    first: date
    last: date
    base_first: date
    base_last: date
    chart: Chart


def _scores(conn: Connection, agents: Sequence[str], first: date,
            last: date) -> list[tuple[date, float]]:
    out: list[tuple[date, float]] = []
    for part in _chunks(sorted(agents)):
        out.extend((r.day, float(r.total)) for r in conn.execute(
            select(QaScoreRow.day, QaScoreRow.total, QaScoreRow.call_id, QaScoreRow.inspector)
            .where(QaScoreRow.agent_id.in_(part), QaScoreRow.day >= first,
                   QaScoreRow.day <= last)
            .order_by(QaScoreRow.day, QaScoreRow.call_id, QaScoreRow.inspector)))
    out.sort(key=lambda x: x[0])  # stable: keeps the call order within a day
    return out


def control_chart(engine: Engine, by: str, *, agent: str | None = None,
                  group: str | None = None, first: date, last: date, per: str = "week",
                  base_first: date | None = None,
                  base_last: date | None = None) -> QaChartData:
    """The control chart of one agent (``agent``) or one group (``group``); the
    baseline period defaults to the chart's own. :class:`QaError` for an unknown
    agent or group, or a baseline with fewer than two scores."""
    if (agent is None) == (group is None):
        raise QaError(QT_TRANSLATE_NOOP("Qa", "Name one agent (--agent) or one group (--group)"))
    if last < first:
        raise QaError(QT_TRANSLATE_NOOP("Qa", "The chart's range ends ({last}) before it starts "
                                              "({first})").format(first=first.isoformat(),
                                                                  last=last.isoformat()))
    bf, bl = base_first or first, base_last or last
    if bl < bf:
        raise QaError(QT_TRANSLATE_NOOP("Qa", "The baseline ends ({last}) before it starts "
                                              "({first})").format(first=bf.isoformat(),
                                                                  last=bl.isoformat()))
    with engine.connect() as conn:
        operators.require(conn, by, Right.KEEP_QA)
        if agent is not None:
            row = conn.execute(select(AgentRow.name, AgentRow.group_id)
                               .where(AgentRow.id == agent)).first()
            if row is None:
                raise QaError(QT_TRANSLATE_NOOP("Qa", "Agent {agent} is not in the floor setup")
                              .format(agent=agent))
            name, grp = row.name, row.group_id
            subject = [agent]
        else:
            gname = conn.execute(select(GroupRow.name).where(GroupRow.id == group)).scalar()
            if gname is None:
                raise QaError(QT_TRANSLATE_NOOP("Qa", "Group {group} is not in the floor setup")
                              .format(group=group))
            name, grp = gname, group
            subject = []
        members = (list(conn.execute(select(AgentRow.id).where(AgentRow.group_id == grp))
                        .scalars()) if grp is not None else [agent or ""])
        if agent is None:
            subject = members
        base_scores = _scores(conn, members, bf, bl)
        series = _scores(conn, subject, first, last)
    base = baseline([v for _, v in base_scores])
    if base is None:
        whose = (QT_TRANSLATE_NOOP("Qa", "group {group}").format(group=grp) if grp is not None
                 else QT_TRANSLATE_NOOP("Qa", "agent {agent}").format(agent=agent))
        raise QaError(QT_TRANSLATE_NOOP(
            "Qa", "No baseline: {whose} has {n} score(s) from {first} to {last}, a control "
                  "chart needs at least 2").format(whose=whose, n=len(base_scores),
                                                   first=bf.isoformat(), last=bl.isoformat()))
    return QaChartData(agent, name, grp, per, first, last, bf, bl,
                       chart(points(series, per), base))


# ---- for the monthly assessment (12333 policy, 002: mean of the recorded-call scores) ----


def month_call_scores(engine: Engine, by: str, month: date,
                      agents: Sequence[str] | None = None) -> dict[str, MonthCallScores]:
    """Each agent's recorded-call scores of the month ``month`` falls in (by the
    sheet's date), for the operator ``by`` (KEEP_QA): ``agents`` (default every agent
    of the floor setup), each with all their scores of the month and the mean
    (:class:`models.domain.qa.MonthCallScores` says why all of them)."""
    first = month.replace(day=1)
    nxt = (first + timedelta(days=32)).replace(day=1)
    with engine.connect() as conn:
        operators.require(conn, by, Right.KEEP_QA)
        ids = list(agents) if agents is not None else list(
            conn.execute(select(AgentRow.id).order_by(AgentRow.id)).scalars())
        got: dict[str, list[tuple[date, str, str, float]]] = {a: [] for a in ids}
        for part in _chunks(sorted(set(ids))):
            for r in conn.execute(
                    select(QaScoreRow.agent_id, QaScoreRow.day, QaScoreRow.call_id,
                           QaScoreRow.inspector, QaScoreRow.total)
                    .where(QaScoreRow.agent_id.in_(part), QaScoreRow.day >= first,
                           QaScoreRow.day < nxt)
                    .order_by(QaScoreRow.day, QaScoreRow.call_id, QaScoreRow.inspector)):
                got[r.agent_id].append((r.day, r.call_id, r.inspector, float(r.total)))
    return {a: MonthCallScores(a, first, tuple(v)) for a, v in got.items()}
