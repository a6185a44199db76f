"""The scheduled reports (R-REPORT-1, issue #18): what a report holds, and when one is
due. Pure: the database side is :mod:`models.db.reports_db`, the files are written by
:mod:`models.reports.ops_xlsx` (Excel) and :mod:`console.report_pdf` (PDF).

A report is a list of parts, each a table (Chinese title and headers: the report goes
up to the center like the attendance summary does), so the workbook (one sheet per
part) and the PDF (one section per part) are two renderings of the same numbers and
cannot disagree. Cells are plain values; a column's ``fmt`` says how to show them.

**When.** R-REPORT-1: the daily report for the previous day by 10:00, the monthly
operations report by the 3rd. The host produces the previous day's report from
``[reports] produce_at`` (default 08:30: after the night shift ends at 08:00, so the
night's urgent tickets carry the steps the night leader recorded) — hours before the
deadline, so a host down at that moment still has time; the last month's from the
1st at the same time. :func:`due_reports` names what should exist at ``now``: the
previous day and, from the 1st, the previous month. A host that was down longer
still produces the last ones at its next start (it asks "does yesterday's exist?",
not "is it 08:30 now?").
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from typing import Any

KINDS = ("daily", "monthly")
#: how a kind is named in the files and the robot's line
KIND_NAMES = {"daily": "日报", "monthly": "月报"}
#: column formats: text, whole number, fraction shown as percent, seconds, hours
FORMATS = ("text", "int", "pct", "sec", "hours")


class ReportError(ValueError):
    """A report that cannot be made as asked; the message says why."""


@dataclass(frozen=True, slots=True)
class Column:
    title: str
    fmt: str = "text"


@dataclass(frozen=True, slots=True)
class Part:
    """One table of a report: a sheet of the workbook, a section of the PDF. A part
    with no rows says so in ``empty`` (无急件, …) rather than showing an empty grid."""

    key: str
    title: str
    columns: tuple[Column, ...]
    rows: tuple[tuple[Any, ...], ...]
    empty: str = "无"
    #: the last row is a total (合计): shown bold
    total_row: bool = False
    note: str = ""


@dataclass(frozen=True, slots=True)
class Report:
    kind: str  # daily | monthly
    period: str  # 2026-03-02 | 2026-03
    title: str  # 坐席运营日报 2026-03-02
    timezone: str
    generated_at: datetime
    parts: tuple[Part, ...]
    #: the headline figures (the robot's summary line, the list): counts and fractions
    summary: dict[str, Any] = field(default_factory=dict)

    def part(self, key: str) -> Part:
        for p in self.parts:
            if p.key == key:
                return p
        raise KeyError(key)


# ---- periods ----------------------------------------------------------------------------


def daily_period(d: date) -> str:
    return d.isoformat()


def monthly_period(d: date) -> str:
    return f"{d.year:04d}-{d.month:02d}"


def parse_period(kind: str, period: str) -> tuple[date, date]:
    """The first and last day (floor time) of ``kind``'s ``period``; ReportError when
    it is not one (2026-03-02 for a day, 2026-03 or any day of it for a month)."""
    if kind not in KINDS:
        raise ReportError(f"kind: one of {', '.join(KINDS)}, got {kind!r}")
    try:
        d = date.fromisoformat(period if kind == "daily" or len(period) > 7
                               else f"{period}-01")
    except ValueError:
        raise ReportError(f"{period!r} is not a {'day' if kind == 'daily' else 'month'}"
                          ) from None
    if kind == "daily":
        return d, d
    first = d.replace(day=1)
    return first, next_month(first) - timedelta(days=1)


def next_month(d: date) -> date:
    return (d.replace(day=28) + timedelta(days=4)).replace(day=1)


def period_of(kind: str, d: date) -> str:
    return daily_period(d) if kind == "daily" else monthly_period(d)


# ---- when --------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class ReportTimes:
    """``[reports]`` of the floor policy (R-REPORT-1's deadlines are policy values)."""

    #: the daily report for the previous day is due by this floor time
    daily_by: time = time(10, 0)
    #: the monthly operations report for the previous month is due by this day
    monthly_by_day: int = 3
    #: the host produces a due report from this floor time (at most ``daily_by``)
    produce_at: time = time(8, 30)
    #: post a one-line summary of each produced report to the floor's robot webhooks
    webhook_summary: bool = False
    #: R-REPORT-1: next month's roster is due by this day; reminded from
    #: ``remind_days`` before it until the roster exists
    roster_by_day: int = 25
    remind_days: int = 5
    #: R-REPORT-1 (seed 000: 每星期四必须提交下周培训计划): next week's training plan is
    #: due on this weekday (1 = Monday … 7 = Sunday); reminded from ``remind_days``
    #: before it (never before that week's Monday) until the plan exists
    training_by_weekday: int = 4


#: a host down this many days still makes each missed day's report when it starts
CATCH_UP_DAYS = 7


def due_reports(times: ReportTimes, local_now: datetime) -> list[tuple[str, str]]:
    """The (kind, period) that should exist at ``local_now`` (floor time), oldest
    first: the daily reports of the last :data:`CATCH_UP_DAYS` days up to yesterday
    once ``produce_at`` has passed today (the day before yesterday until then), and
    the last whole month's once ``produce_at`` has passed on the 1st. The caller
    skips those that exist: a host that was down makes the missed ones at its start."""
    today = local_now.date()
    last_day = today - timedelta(days=1 if local_now.time() >= times.produce_at else 2)
    out = [("daily", daily_period(last_day - timedelta(days=k)))
           for k in range(CATCH_UP_DAYS - 1, -1, -1)]
    # the month is complete once its last day's report is due
    month_end = next_month(last_day.replace(day=1)) - timedelta(days=1)
    month = last_day if last_day == month_end else last_day.replace(day=1) - timedelta(days=1)
    out.append(("monthly", monthly_period(month)))
    return out


def deadline(kind: str, period: str, times: ReportTimes) -> date:
    """The last day (floor time, by ``daily_by``) a report of ``period`` is due."""
    first, last = parse_period(kind, period)
    if kind == "daily":
        return last + timedelta(days=1)
    return next_month(first).replace(day=times.monthly_by_day)


def late(kind: str, period: str, times: ReportTimes, local_done: datetime) -> bool:
    """Made after R-REPORT-1's deadline (floor time)?"""
    due = datetime.combine(deadline(kind, period, times), times.daily_by, local_done.tzinfo)
    return local_done > due


def roster_due(times: ReportTimes, local_today: date) -> tuple[str, date] | None:
    """R-REPORT-1: next month's roster by the ``roster_by_day``: from ``remind_days``
    before, the month whose roster is to be checked and its deadline; None before."""
    due = local_today.replace(day=min(times.roster_by_day, 28))
    if local_today < due - timedelta(days=times.remind_days):
        return None
    return monthly_period(next_month(local_today)), due


__all__ = ["CATCH_UP_DAYS", "FORMATS", "KINDS", "KIND_NAMES", "Column", "Part", "Report", "ReportError",
           "ReportTimes", "daily_period", "deadline", "due_reports", "late",
           "monthly_period", "next_month", "parse_period", "period_of", "roster_due"]
