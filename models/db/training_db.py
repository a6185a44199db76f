"""The week's training plan (培训计划, R-REPORT-1) in the shared database. No Qt.

Saving follows the version rule of :mod:`models.db.shiftops` (as the meeting
minutes in :mod:`models.db.meetings_db`): a plan saved meanwhile by another
leader refuses the save with :class:`StaleEdit`. Only an operator who keeps the
shift records writes it (Right.KEEP_SHIFT_RECORDS); every save is audited; a save
resolves the host's reminder for that week at once.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from dataclasses import replace
from datetime import date, datetime
from typing import Any

from sqlalchemy import Connection, Engine, insert, select, update

from models.db import audit as auditlog
from models.db import shiftops, shiftops_floor
from models.db.schema import TrainingPlanRow
from models.db.shiftops import ShiftOpsError, StaleEdit
from models.db.store import writing
from models.domain.roles import Right
from models.domain.texts import QT_TRANSLATE_NOOP
from models.domain.training import EVERYONE, MAX_FIELD, MAX_TOPICS, Topic, TrainingPlan, week_of

log = logging.getLogger(__name__)


def _content(p: TrainingPlan) -> dict[str, Any]:
    return {"topics": [{"subject": t.subject, "trainer": t.trainer, "when": t.when,
                        "attendees": t.attendees} for t in p.topics]}


def _plan(r: Any) -> TrainingPlan:
    c: Mapping[str, Any] = r.content
    return TrainingPlan(
        week=r.week,
        topics=tuple(Topic(str(t.get("subject", "")), str(t.get("trainer", "")),
                           str(t.get("when", "")), str(t.get("attendees", EVERYONE)))
                     for t in c.get("topics", [])),
        saved_at=r.saved_at, saved_by=r.saved_by, version=r.version)


def check(p: TrainingPlan) -> None:
    """The plan as a leader can fix it: a Monday, each topic with a subject, no
    field too long."""
    if p.week != week_of(p.week):
        raise ShiftOpsError(QT_TRANSLATE_NOOP(
            "ShiftOps", "A training plan is for a week starting on a Monday, not {day}").format(
            day=p.week.isoformat()))
    if len(p.topics) > MAX_TOPICS:
        raise ShiftOpsError(QT_TRANSLATE_NOOP(
            "ShiftOps", "A week's training plan holds at most {max} topics").format(max=MAX_TOPICS))
    for i, t in enumerate(p.topics, 1):
        if not t.subject.strip():
            raise ShiftOpsError(QT_TRANSLATE_NOOP(
                "ShiftOps", "Training topic {n} needs a subject").format(n=i))
        if max(len(t.subject), len(t.trainer), len(t.when), len(t.attendees)) > MAX_FIELD:
            raise ShiftOpsError(QT_TRANSLATE_NOOP(
                "ShiftOps", "Training topic {n}: a field is longer than {max} characters").format(
                n=i, max=MAX_FIELD))


def load_plan(conn: Connection, week: date) -> TrainingPlan | None:
    r = conn.execute(select(TrainingPlanRow).where(TrainingPlanRow.week == week)).first()
    if r is None:
        return None
    p = _plan(r)
    return replace(p, saved_by_name=shiftops.people(conn).get(p.saved_by or "", ""))


def plan_exists(conn: Connection, week: date) -> bool:
    """The week's plan has a topic (:func:`shiftops_floor.training_plan_exists`)."""
    return shiftops_floor.training_plan_exists(conn, week)


def save_plan(engine: Engine, p: TrainingPlan, *, by: str, now: datetime,
              workstation: str = "") -> TrainingPlan:
    """Save the plan made from version ``p.version`` (0: new); topics removed in the
    form are removed here. Returns the plan as stored."""
    check(p)
    what = f"培训计划 {p.week.isoformat()}"
    with writing(engine).begin() as conn:
        shiftops.require(conn, by, Right.KEEP_SHIFT_RECORDS)
        cur = conn.execute(select(TrainingPlanRow).where(TrainingPlanRow.week == p.week)
                           .with_for_update()).first()
        content = _content(p)
        if p.version == 0:
            if cur is not None:
                raise StaleEdit(what, by=cur.saved_by, at=cur.saved_at,
                                changes=[("topics", len(p.topics), len(_plan(cur).topics))],
                                current=_plan(cur))
            conn.execute(insert(TrainingPlanRow).values(week=p.week, content=content,
                                                        saved_at=now, saved_by=by, version=1))
        else:
            res = conn.execute(update(TrainingPlanRow).where(
                TrainingPlanRow.week == p.week, TrainingPlanRow.version == p.version).values(
                content=content, saved_at=now, saved_by=by, version=p.version + 1))
            if res.rowcount != 1:
                if cur is None:
                    raise StaleEdit(what, by=None, at=None, deleted=True)
                raise StaleEdit(what, by=cur.saved_by, at=cur.saved_at,
                                changes=[("topics", len(p.topics), len(_plan(cur).topics))],
                                current=_plan(cur))
        before = [] if cur is None else [t.subject for t in _plan(cur).topics]
        after = [t.subject for t in p.topics]
        auditlog.audit(conn, at=now, operator=by, action="training_plan_save",
                       target=p.week.isoformat(),
                       detail={"version": p.version + 1, "topics": after,
                               "added": [s for s in after if s not in before],
                               "removed": [s for s in before if s not in after]},
                       result="ok", workstation=workstation)
        stored = load_plan(conn, p.week)
    assert stored is not None
    if not p.topics:  # no topic left: still no plan, the reminder stands
        return stored
    try:
        shiftops_floor.resolve_training_reminder(engine, p.week, by, now)
    except Exception:  # noqa: BLE001 - the plan is saved; the host resolves the reminder too
        log.exception("resolving the training plan reminder of %s", p.week)
    return stored


__all__ = ["check", "load_plan", "plan_exists", "save_plan"]
