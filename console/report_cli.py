"""``seatwatch report …``: the scheduled reports from a terminal (R-REPORT-1, issue #18).

``report daily|monthly --date D --out DIR`` makes the report of a day (a month: any
day of it, or 2026-03) again from the database as it is now and writes its .xlsx and
PDF into DIR, whole or not at all; with ``--store`` it also replaces the stored one
(the host's is kept otherwise). ``report list`` shows the stored reports; ``report
get KIND PERIOD --out DIR`` writes a stored report's files (downloadable from any PC
of the floor: the files are in the database).
"""

from __future__ import annotations

import argparse
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

from console import report_pdf
from console.cli_common import CliError, open_db, os_user, pad, say
from console.cli_common import now as _now
from models.db import reports_db, store
from models.domain.report import KIND_NAMES, KINDS, ReportError, parse_period, period_of
from models.domain.texts import QT_TRANSLATE_NOOP, message_of
from models.reports import ops_html, ops_xlsx
from models.reports.files import write_whole

STATUS = {"producing": QT_TRANSLATE_NOOP("Reports", "being made"),
          "done": QT_TRANSLATE_NOOP("Reports", "done"),
          "failed": QT_TRANSLATE_NOOP("Reports", "failed")}


def file_names(kind: str, period: str) -> tuple[str, str]:
    """日报-2026-03-02.xlsx / .pdf: Chinese first, the period sorts."""
    stem = f"{KIND_NAMES[kind]}-{period}"
    return f"{stem}.xlsx", f"{stem}.pdf"


def write_files(out: str, kind: str, period: str, xlsx: bytes, pdf: bytes) -> list[Path]:
    folder = Path(out)
    paths = []
    for name, data in zip(file_names(kind, period), (xlsx, pdf), strict=True):
        paths.append(write_whole(folder / name, _writer(data)))
    return paths


def _writer(data: bytes) -> Callable[[Path], None]:
    def write(tmp: Path) -> None:
        tmp.write_bytes(data)
    return write


def _period(kind: str, value: str) -> str:
    try:
        first, _ = parse_period(kind, value)
    except ReportError:
        raise CliError(QT_TRANSLATE_NOOP(
            "Reports", "--date: not a day (2026-03-02) nor, for a monthly report, a month "
                       "(2026-03): {value}").format(value=repr(value))) from None
    return period_of(kind, first)


def cmd_make(a: argparse.Namespace) -> int:
    eng = open_db(getattr(a, "db", None))
    kind = a.report_action
    period = _period(kind, a.date)
    with eng.connect() as conn:
        policy = store.current_state(conn).policy
    now = _now()
    try:
        r = reports_db.build(eng, kind, period, now, policy)
        xlsx = ops_xlsx.to_bytes(r)
        pdf = report_pdf.render(ops_html.html(r))
    except ReportError as e:
        raise CliError(message_of(e) or str(e)) from None
    try:
        paths = write_files(a.out, kind, period, xlsx, pdf)
    except OSError as e:
        raise CliError(QT_TRANSLATE_NOOP("Reports", "cannot write into {dir}: {why}").format(
            dir=a.out, why=e.strerror or str(e))) from None
    if a.store:
        reports_db.replace(eng, kind, period, os_user(), now, r.summary, xlsx, pdf)
    for p in paths:
        print(p)
    done = (QT_TRANSLATE_NOOP("Reports", "{title}: written and stored in place of the "
                                         "floor's copy") if a.store else
            QT_TRANSLATE_NOOP("Reports", "{title}: written (the floor's stored copy is "
                                         "unchanged)"))
    print(say(done.format(title=r.title)))
    return 0


def cmd_list(a: argparse.Namespace) -> int:
    eng = open_db(getattr(a, "db", None))
    with eng.connect() as conn:
        tz = store.current_state(conn).policy.tz
        rows = reports_db.list_reports(conn)
    if a.json:
        print(json.dumps([{"kind": r.kind, "period": r.period, "status": r.status,
                           "host": r.host, "claimed_at": r.claimed_at.isoformat(),
                           "created_at": r.created_at.isoformat() if r.created_at else None,
                           "error": r.error, "summary": r.summary,
                           "xlsx_bytes": r.xlsx_bytes, "pdf_bytes": r.pdf_bytes}
                          for r in rows], ensure_ascii=False, indent=2))
        return 0
    if not rows:
        print(say(QT_TRANSLATE_NOOP("Reports", "no report stored yet")))
        return 0
    cols = [(say(QT_TRANSLATE_NOOP("Reports", "Report")), 8),
            (say(QT_TRANSLATE_NOOP("Reports", "Period")), 12),
            (say(QT_TRANSLATE_NOOP("Reports", "Status")), 10),
            (say(QT_TRANSLATE_NOOP("Reports", "Made at")), 18),
            (say(QT_TRANSLATE_NOOP("Reports", "By")), 24)]
    print("".join(pad(n, w) for n, w in cols).rstrip())
    for r in rows:
        made = r.created_at.astimezone(tz).strftime("%Y-%m-%d %H:%M") if r.created_at else ""
        vals = [KIND_NAMES.get(r.kind, r.kind), r.period,
                say(STATUS.get(r.status, r.status)), made, r.host]
        print("".join(pad(v, w) for v, (_, w) in zip(vals, cols, strict=True)).rstrip()
              + (f"  {r.error}" if r.status == "failed" and r.error else ""))
    return 0


def cmd_get(a: argparse.Namespace) -> int:
    eng = open_db(getattr(a, "db", None))
    period = _period(a.kind, a.period)
    with eng.connect() as conn:
        got = reports_db.files(conn, a.kind, period)
    if got is None:
        raise CliError(QT_TRANSLATE_NOOP(
            "Reports", "no {kind} report of {period} is stored: `seatwatch report {kind} "
                       "--date {period} --out DIR` makes one").format(kind=a.kind,
                                                                     period=period))
    try:
        paths = write_files(a.out, a.kind, period, *got)
    except OSError as e:
        raise CliError(QT_TRANSLATE_NOOP("Reports", "cannot write into {dir}: {why}").format(
            dir=a.out, why=e.strerror or str(e))) from None
    for p in paths:
        print(p)
    return 0


def add_report_parsers(subparsers: Any, dbhelp: str) -> None:
    sup = argparse.SUPPRESS
    p = subparsers.add_parser("report", help="the scheduled daily and monthly reports "
                                             "(日报 / 月报, R-REPORT-1)")
    p.add_argument("--db", default=sup, help=dbhelp)
    s = p.add_subparsers(dest="report_action", required=True)
    for kind in KINDS:
        m = s.add_parser(kind, help=f"make the {kind} report again and write its .xlsx and "
                                    f"PDF")
        m.add_argument("--db", default=sup, help=dbhelp)
        m.add_argument("--date", required=True,
                       help="the day (2026-03-02)" if kind == "daily" else
                       "the month (2026-03) or any day of it")
        m.add_argument("--out", required=True, help="the folder to write the files into")
        m.add_argument("--store", action="store_true",
                       help="also replace the stored report (what every PC downloads)")
        m.set_defaults(fn=cmd_make)
    ls = s.add_parser("list", help="the stored reports, newest first")
    ls.add_argument("--db", default=sup, help=dbhelp)
    ls.add_argument("--json", action="store_true")
    ls.set_defaults(fn=cmd_list)
    g = s.add_parser("get", help="write a stored report's files")
    g.add_argument("kind", choices=KINDS)
    g.add_argument("period", help="2026-03-02 (daily) or 2026-03 (monthly)")
    g.add_argument("--db", default=sup, help=dbhelp)
    g.add_argument("--out", required=True, help="the folder to write the files into")
    g.set_defaults(fn=cmd_get)
