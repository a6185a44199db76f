"""Shift operations on the command line (issue #6): roster, holiday calendar and
attendance imports, the monthly attendance summary.

Imports follow ``seatwatch floor import``: every bad row is reported by line and
reason; a file with bad rows imports nothing unless ``--partial`` asks for the good
ones. The changes are audited in the name of ``--by`` (an operator with the
right) or, without it, of the OS account (``cli:<user>``), since the command line
runs with the database's own credentials.
"""

from __future__ import annotations

import argparse
import getpass
import json
import sys
from collections.abc import Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from console.cli_common import EXIT_ERROR, CliError, open_db, read_policy, say
from models.db import attendance_db, shiftops, store
from models.db.shiftops import ShiftOpsError
from models.domain import shiftimport
from models.domain.floorsetup import RowError
from models.domain.policy import Policy
from models.domain.texts import QT_TRANSLATE_NOOP, message_of


def _by(a: argparse.Namespace) -> str:
    return a.by or f"cli:{getpass.getuser()}"


def _report(path: str, errors: Sequence[RowError], good: int, partial: bool, what: str) -> bool:
    """Print the bad rows; False when nothing may be imported."""
    for err in errors:
        print(f"{path}: {err}", file=sys.stderr)
    if errors and not partial:
        print(say(QT_TRANSLATE_NOOP(
            "Cli", "{bad} bad row(s): nothing imported (use --partial to import the {good} "
                   "good ones)").format(bad=len(errors), good=good)), file=sys.stderr)
        return False
    if good == 0:
        raise CliError(QT_TRANSLATE_NOOP("Cli", "{file}: nothing to import ({what})").format(
            file=path, what=what))
    return True


def _floor_policy(a: argparse.Namespace, eng: Any) -> Policy:
    if getattr(a, "policy", None):
        return read_policy(a.policy)[1]
    with eng.connect() as conn:
        return store.current_state(conn).policy


def cmd_roster(a: argparse.Namespace) -> int:
    eng = open_db(a.db)
    if a.action == "import":
        policy = _floor_policy(a, eng)
        with eng.connect() as conn:
            agents = shiftops.agents(conn)
            everyone = shiftops.people(conn)
        try:
            res = shiftimport.read_roster_csv(a.file, shifts=[s.name for s in policy.shifts],
                                              known=agents, leaders=everyone)
        except shiftimport.ShiftFileError as e:
            raise CliError(message_of(e) or str(e)) from None
        if not _report(a.file, res.errors, len(res.entries), a.partial, "roster row(s)"):
            return EXIT_ERROR
        try:
            n = shiftops.import_roster(eng, res.entries, by=_by(a), now=datetime.now(UTC),
                                       source=Path(a.file).name)
        except (ShiftOpsError, ValueError) as e:
            raise CliError(message_of(e) or str(e)) from None
        print(f"imported {n['rows']} roster row(s) for {n['days']} day(s) "
              f"(replacing {n['replaced']})"
              + (f"; skipped {len(res.errors)} bad row(s)" if res.errors else ""))
        return 0
    if a.action == "show":
        first = _date(a.date)
        last = first.fromordinal(first.toordinal() + a.days - 1)
        with eng.connect() as conn:
            slots = shiftops.roster_between(conn, first, last)
            names = shiftops.people(conn)
        for s in slots:
            role = " (值班长 leader)" if s.role == "leader" else ""
            print(f"{s.day.isoformat()}  {s.shift}  {s.person} {names.get(s.person, '')}{role}")
        if not slots:
            print(f"no roster from {first.isoformat()} to {last.isoformat()}")
        return 0
    raise AssertionError(a.action)


def cmd_holidays(a: argparse.Namespace) -> int:
    eng = open_db(a.db)
    try:
        res = shiftimport.read_holiday_csv(a.file)
    except shiftimport.ShiftFileError as e:
        raise CliError(message_of(e) or str(e)) from None
    if not _report(a.file, res.errors, len(res.holidays), a.partial, "holiday row(s)"):
        return EXIT_ERROR
    try:
        n = shiftops.import_holidays(eng, res.holidays, by=_by(a), now=datetime.now(UTC))
    except (ShiftOpsError, ValueError) as e:
        raise CliError(message_of(e) or str(e)) from None
    print(f"imported {n} calendar day(s)"
          + (f"; skipped {len(res.errors)} bad row(s)" if res.errors else ""))
    return 0


def cmd_attendance(a: argparse.Namespace) -> int:
    eng = open_db(a.db)
    if a.action == "import":
        with eng.connect() as conn:
            agents = shiftops.agents(conn)
        try:
            res = shiftimport.read_attendance_csv(a.file, known=agents)
        except shiftimport.ShiftFileError as e:
            raise CliError(message_of(e) or str(e)) from None
        if not _report(a.file, res.errors, len(res.records), a.partial, "record(s)"):
            return EXIT_ERROR
        try:
            n = attendance_db.import_records(eng, res.records, by=_by(a), now=datetime.now(UTC),
                                             source_name=Path(a.file).name)
        except (ShiftOpsError, ValueError) as e:
            raise CliError(message_of(e) or str(e)) from None
        print(f"imported {n['rows']} record(s): {n['added']} new, {n['replaced']} replaced"
              + (f"; skipped {len(res.errors)} bad row(s)" if res.errors else ""))
        return 0
    if a.action == "summary":
        policy = _floor_policy(a, eng)
        try:
            with eng.connect() as conn:
                summary = attendance_db.month_summary(conn, a.month, policy)
        except ShiftOpsError as e:
            raise CliError(message_of(e) or str(e)) from None
        if a.xlsx:
            from models.reports.attendance_xlsx import write_month_summary
            out = write_month_summary(summary, a.xlsx, center=a.center or "")
            print(f"wrote {out}", file=sys.stderr if a.json else sys.stdout)
        if a.json:
            doc = summary.to_json()
            print(json.dumps(doc, ensure_ascii=False, indent=2))
        elif not a.xlsx:
            _print_summary(summary)
        return 0
    raise AssertionError(a.action)


def _print_summary(summary: Any) -> None:
    from models.domain.attendance import TYPE_CODES
    print(f"# {summary.month}  policy {summary.policy}")
    print("agent    " + " ".join(f"{c[:6]:>6}" for c in TYPE_CODES)
          + "  late# late_min early_min absent")
    for r in summary.agents:
        print(f"{r.agent:<8} " + " ".join(f"{r.days[c]:>6g}" for c in TYPE_CODES)
              + f"  {r.late_count:>5} {r.late_min:>8} {r.early_min:>9} {r.absent_days:>6g}")
        for f in r.flags:
            print(f"         {f}")
    for f in summary.day_flags:
        print(f"day check: {f}")


def _date(s: str) -> Any:
    d = shiftimport.parse_date(s)
    if d is None:
        raise CliError(QT_TRANSLATE_NOOP("Cli", "Bad date {value} (use YYYY-MM-DD)").format(value=repr(s)))
    return d


def add_shift_parsers(sub: Any, dbhelp: str) -> None:
    r = sub.add_parser("roster", help="the roster (排班): who works which shift")
    rs = r.add_subparsers(dest="action", required=True)
    ri = rs.add_parser("import", help="import a roster CSV: date,shift,agent,role")
    ri.add_argument("file")
    ri.add_argument("--db", help=dbhelp)
    ri.add_argument("--partial", action="store_true",
                    help="import the good rows of a file with bad ones")
    ri.add_argument("--by", help="工号 of who imports it (default: the OS user)")
    ri.add_argument("--policy", help="check shift names against this policy file "
                                     "(default: the floor's policy)")
    rsh = rs.add_parser("show", help="print the roster")
    rsh.add_argument("--date", required=True, help="first day, YYYY-MM-DD")
    rsh.add_argument("--days", type=int, default=7)
    rsh.add_argument("--db", help=dbhelp)
    r.set_defaults(fn=cmd_roster)

    h = sub.add_parser("holidays", help="the holiday calendar (法定节假日, 调休)")
    hs = h.add_subparsers(dest="action", required=True)
    hi = hs.add_parser("import", help="import a calendar CSV: date,kind,name")
    hi.add_argument("file")
    hi.add_argument("--db", help=dbhelp)
    hi.add_argument("--partial", action="store_true")
    hi.add_argument("--by", help="工号 of who imports it (default: the OS user)")
    h.set_defaults(fn=cmd_holidays)

    t = sub.add_parser("attendance", help="attendance (考勤): import, monthly summary")
    ts = t.add_subparsers(dest="action", required=True)
    ti = ts.add_parser("import", help="import records: date,agent,type,late_min,early_min,note")
    ti.add_argument("file")
    ti.add_argument("--db", help=dbhelp)
    ti.add_argument("--partial", action="store_true",
                    help="import the good rows of a file with bad ones")
    ti.add_argument("--by", help="工号 of who imports it (default: the OS user)")
    tsum = ts.add_parser("summary", help="the monthly summary (月考勤汇总表)")
    tsum.add_argument("--month", required=True, help="YYYY-MM")
    tsum.add_argument("--db", help=dbhelp)
    tsum.add_argument("--json", action="store_true", help="print it as JSON")
    tsum.add_argument("--policy", help="a policy file (default: the floor's policy)")
    tsum.add_argument("--xlsx", help="also write it as an Excel workbook to this file")
    tsum.add_argument("--center", help="the center's name for the workbook's title")
    t.set_defaults(fn=cmd_attendance)
