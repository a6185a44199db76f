"""The week's training plan (培训计划, R-REPORT-1): what is taught in a week, by whom,
when, to whom. No Qt.

Seed 000 (第一篇 考核, item 4): "每星期四必须提交下周培训计划" — every Thursday the
plan for NEXT week is handed in. So the plan of the week starting Monday M is due
on the policy's weekday (``reports.training_by_weekday``, Thursday) of the week
before M. The shift leader keeps it (Right.KEEP_SHIFT_RECORDS, as the meeting
minutes); leaders and the director read it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

#: the longest text one field of a topic may hold (characters)
MAX_FIELD = 500
#: the most topics one week's plan may hold
MAX_TOPICS = 50
#: who attends when the topic is for the whole floor
EVERYONE = "全体"


@dataclass(frozen=True, slots=True)
class Topic:
    """One line of the plan: subject, trainer, when (free text: "周二 14:00-15:00"),
    who attends (group names, or :data:`EVERYONE`)."""

    subject: str
    trainer: str = ""
    when: str = ""
    attendees: str = EVERYONE


@dataclass(frozen=True, slots=True)
class TrainingPlan:
    """One week's plan. ``week`` is its Monday (floor time); ``version`` the stored
    row's version (0: new)."""

    week: date
    topics: tuple[Topic, ...] = ()
    saved_at: datetime | None = None
    saved_by: str | None = None
    version: int = 0
    #: the saver's name as the operator list has it (read, never stored)
    saved_by_name: str = ""


def week_of(d: date) -> date:
    """The Monday of ``d``'s week (Monday–Sunday)."""
    return d - timedelta(days=d.weekday())


def week_label(monday: date) -> str:
    return f"{monday.isoformat()} – {(monday + timedelta(days=6)).isoformat()}"


def plan_due(by_weekday: int, remind_days: int, local_today: date) -> tuple[date, date] | None:
    """R-REPORT-1: (the Monday of the week whose plan is to be checked, its deadline)
    when ``local_today`` is within ``remind_days`` of this week's deadline day
    (``by_weekday``: 1 = Monday … 7 = Sunday) or past it; None before. The reminder
    never starts before this week's Monday: the plan checked is always next week's."""
    monday = week_of(local_today)
    due = monday + timedelta(days=by_weekday - 1)
    if local_today < max(monday, due - timedelta(days=remind_days)):
        return None
    return monday + timedelta(days=7), due


__all__ = ["EVERYONE", "MAX_FIELD", "MAX_TOPICS", "Topic", "TrainingPlan", "plan_due",
           "week_label", "week_of"]
