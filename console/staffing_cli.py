"""``seatwatch staffing plan`` and ``seatwatch staffing forecast`` (issue #17 "Staffing";
DOMAIN §7, R-REPORT-1: next month's per-slot staffing by the 25th).

``plan`` writes the per-slot staffing plan of a month as .xlsx (Chinese headers: the
slots of the month on one sheet, a summary per day on another); ``forecast`` prints
the next days' slots (calls, AHT, agents required by Erlang C or A, with shrinkage,
rostered, gap) or, with ``--json``, every slot. Both read with the right to view
trends, checked in the database for the operator ``--by`` names.
"""

from __future__ import annotations

import argparse
import json
import re
from datetime import date
from typing import Any

from console.cli_common import CliError, db_of, pad, say
from console.cli_common import now as _now
from models.db import staffing_db
from models.db.operators import OperatorError
from models.domain.staffing_plan import MODEL_ERLANG_A, StaffingPlan
from models.domain.texts import QT_TRANSLATE_NOOP, message_of
from models.reports import staffing_xlsx

_MONTH = re.compile(r"(\d{4})-(\d{2})")
#: ``--days`` at most (the forecast's own limit is longer; a terminal is not)
MAX_DAYS = 62



def parse_month(s: str) -> date:
    """``YYYY-MM`` → its first day; anything else is one line naming ``--month``."""
    m = _MONTH.fullmatch(s.strip())
    if m is None or not 1 <= int(m.group(2)) <= 12 or int(m.group(1)) < 1:
        raise CliError(QT_TRANSLATE_NOOP(
            "Cli", "--month: not a month of the form YYYY-MM (e.g. 2026-12): {value}").format(
            value=repr(s)))
    return date(int(m.group(1)), int(m.group(2)), 1)


def _ask(fn: Any) -> StaffingPlan:
    try:
        plan: StaffingPlan = fn()
        return plan
    except (OperatorError, staffing_db.StaffingError) as e:
        raise CliError(message_of(e) or str(e)) from None
    except ValueError as e:  # the forecast's own refusals (models/domain/staffing.py)
        raise CliError(QT_TRANSLATE_NOOP("Cli", "Cannot make the staffing plan: {why}").format(
            why=str(e))) from None


def cmd_plan(a: argparse.Namespace) -> int:
    month = parse_month(a.month)
    if not a.out.lower().endswith(".xlsx"):
        raise CliError(QT_TRANSLATE_NOOP("Cli", "--out: the plan is an Excel file ending in "
                                                ".xlsx, got {value}").format(value=repr(a.out)))
    eng = db_of(a)
    plan = _ask(lambda: staffing_db.month_plan(eng, a.by, month, _now(), a.queue, a.group))
    try:
        n = staffing_xlsx.write_plan(plan, a.out)
    except OSError as e:
        raise CliError(QT_TRANSLATE_NOOP("Cli", "{file}: cannot write: {error}").format(
            file=a.out, error=e.strerror or str(e))) from None
    short = len(plan.short_slots())
    print(say(QT_TRANSLATE_NOOP(
        "Cli", "wrote the staffing plan of {month} to {file}: {n} 15-minute slots, "
               "{short} of them short of agents").format(
        month=a.month, file=a.out, n=n, short=short)))
    _unknown(plan)
    return 0


def _unknown(plan: StaffingPlan) -> None:
    if plan.unknown_shifts:
        print(say(QT_TRANSLATE_NOOP(
            "Cli", "note: the roster names shifts the policy does not define, not counted: "
                   "{shifts}").format(shifts="、".join(plan.unknown_shifts))))


def _n(x: float | int | None, digits: int = 1) -> str:
    if x is None:
        return "-"
    return f"{x:.{digits}f}" if isinstance(x, float) else str(x)


def cmd_forecast(a: argparse.Namespace) -> int:
    if not 1 <= a.days <= MAX_DAYS:
        raise CliError(QT_TRANSLATE_NOOP("Cli", "--days: a whole number from 1 to {max}, "
                                                "got {value}").format(max=MAX_DAYS, value=a.days))
    eng = db_of(a)
    plan = _ask(lambda: staffing_db.forecast_days(eng, a.by, a.days, _now(), a.queue, a.group))
    if a.json:
        print(json.dumps(staffing_db.plan_json(plan), ensure_ascii=False, indent=2))
        return 0
    cols = [(say(QT_TRANSLATE_NOOP("Cli", "Slot")), 18),
            (say(QT_TRANSLATE_NOOP("Cli", "Calls")), 9),
            (say(QT_TRANSLATE_NOOP("Cli", "AHT (s)")), 10),
            (say(QT_TRANSLATE_NOOP("Cli", "Required")), 10),
            (say(QT_TRANSLATE_NOOP("Cli", "With shrinkage")), 16),
            (say(QT_TRANSLATE_NOOP("Cli", "Rostered")), 10),
            (say(QT_TRANSLATE_NOOP("Cli", "Gap")), 6)]
    print("".join(pad(n, w) for n, w in cols).rstrip())
    shown = 0
    for s in plan.slots:
        if not s.calls and not s.rostered:
            continue  # a quiet slot nobody is rostered on: nothing to plan
        shown += 1
        vals = [s.start.strftime("%Y-%m-%d %H:%M"), _n(s.calls), _n(s.aht_s),
                _n(s.required), _n(s.to_roster), str(s.rostered), _n(s.gap)]
        print("".join(pad(v, w) for v, (_, w) in zip(vals, cols, strict=True)).rstrip())
    if not shown:
        print(say(QT_TRANSLATE_NOOP("Cli", "no calls forecast and nobody rostered in these "
                                           "days (no history in the rollups yet?)")))
    p = plan.assumptions
    print(say(QT_TRANSLATE_NOOP(
        "Cli", "({model}: {target}% of calls answered within {t} s; shrinkage {shrink}%; "
               "forecast: the same weekday's slot over {weeks} weeks; calls: {queue}; "
               "rostered: {group}; times in {tz})").format(
        model="Erlang A" if p.model == MODEL_ERLANG_A else "Erlang C",
        target=f"{100 * p.sl_target:g}", t=f"{p.t_s:g}", shrink=f"{100 * p.shrinkage:g}",
        weeks=p.weeks, queue=p.queue or say(QT_TRANSLATE_NOOP("Cli", "every queue")),
        group=p.group or say(QT_TRANSLATE_NOOP("Cli", "every agent")), tz=p.timezone)))
    _unknown(plan)
    return 0


def add_staffing_parsers(subparsers: Any, dbhelp: str) -> None:
    sup = argparse.SUPPRESS
    p = subparsers.add_parser("staffing", help="agents required per 15-minute slot against "
                                               "the roster (Erlang C/A, issue #17)")
    p.add_argument("--db", default=sup, help=dbhelp)
    s = p.add_subparsers(dest="staffing_action", required=True)
    pl = s.add_parser("plan", help="a month's per-slot staffing plan as .xlsx (R-REPORT-1)")
    pl.add_argument("--db", default=sup, help=dbhelp)
    pl.add_argument("--month", required=True, help="YYYY-MM")
    pl.add_argument("--out", required=True, help="the .xlsx file to write")
    pl.add_argument("--by", required=True, help="工号 of a director or department head")
    pl.add_argument("--queue", help="the calls of this queue only")
    pl.add_argument("--group", help="the rostered agents of this group only")
    pl.set_defaults(fn=cmd_plan)
    fo = s.add_parser("forecast", help="the next days' slots: forecast, required, rostered, gap")
    fo.add_argument("--db", default=sup, help=dbhelp)
    fo.add_argument("--days", type=int, default=7)
    fo.add_argument("--by", required=True, help="工号 of a director or department head")
    fo.add_argument("--queue", help="the calls of this queue only")
    fo.add_argument("--group", help="the rostered agents of this group only")
    fo.add_argument("--json", action="store_true")
    fo.set_defaults(fn=cmd_forecast)
