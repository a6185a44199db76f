"""``seatwatch qa …``: quality inspection from a terminal (质量监控, issue #18, DOMAIN §8).

``import`` loads the inspectors' score sheet (.xlsx or CSV) in one transaction: a
bad row anywhere is listed with its file and line, one line each, and nothing is
imported. Every command reads or writes with the right to keep QA scores, checked in
the database for the operator ``--by`` names.
"""

from __future__ import annotations

import argparse
import json
import sys
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from console.cli_common import CliError, open_db, pad, say, workstation
from console.cli_common import now as _now
from models.db import qa_db
from models.db.operators import OperatorError
from models.domain.floorsetup import RowError
from models.domain.qa import QaFileError, read_qa_file
from models.domain.qa_sample import MIN_PER_WEEK, parse_week, week_label
from models.domain.texts import QT_TRANSLATE_NOOP, message_of


def _db(a: argparse.Namespace) -> Any:
    db = getattr(a, "db", None)
    if not db:
        raise CliError(QT_TRANSLATE_NOOP("Cli", "--db is required (a SQLAlchemy URL or a saved "
                                                "profile name)"))
    return open_db(db)


def _row_line(file: str, err: RowError) -> str:
    return say(QT_TRANSLATE_NOOP("Qa", "{file} {where}: {reason}").format(
        file=file, where=err.where, reason=err.reason))


def cmd_import(a: argparse.Namespace) -> int:
    eng = _db(a)
    name = Path(a.file).name
    try:
        known = qa_db.known_agents(eng, a.by)
        parsed = read_qa_file(a.file, known=known)
        if not parsed.scores and not parsed.errors:
            raise CliError(QT_TRANSLATE_NOOP("Qa", "{file}: no scores to import").format(
                file=name))
        res = qa_db.import_scores(eng, a.by, parsed, source=name, now=_now(),
                                  dry_run=a.dry_run, workstation=workstation())
    except QaFileError as e:
        raise CliError(e.msg) from None
    except OperatorError as e:
        raise CliError(message_of(e) or str(e)) from None
    except qa_db.QaRefused as e:
        for err in e.errors:
            print(_row_line(name, err), file=sys.stderr)
        raise CliError(QT_TRANSLATE_NOOP(
            "Qa", "{file}: {bad} bad row(s), nothing imported").format(
            file=name, bad=len(e.errors))) from None
    for w in res.warnings:
        print("seatwatch: warning: " + _row_line(name, w), file=sys.stderr)
    done = (QT_TRANSLATE_NOOP("Qa", "{file}: checked {rows} score(s), nothing imported (dry "
                                    "run): {added} would be new, {replaced} would replace "
                                    "earlier ones, {unchanged} unchanged; {linked} linked to "
                                    "a call")
            if a.dry_run else
            QT_TRANSLATE_NOOP("Qa", "{file}: imported {rows} score(s): {added} new, {replaced} "
                                    "replaced, {unchanged} unchanged; {linked} linked to a "
                                    "call"))
    print(say(done.format(file=name, rows=res.rows, added=res.added, replaced=res.replaced,
                          unchanged=res.unchanged, linked=res.linked)))
    return 0


def _week(s: str) -> date:
    monday = parse_week(s)
    if monday is None:
        raise CliError(QT_TRANSLATE_NOOP(
            "Qa", "--week: not an ISO week (2026-W50) or a date (2026-12-09): {value}").format(
            value=repr(s)))
    return monday


def _read_week(a: argparse.Namespace) -> qa_db.QaWeek:
    monday = _week(a.week)
    eng = _db(a)
    try:
        return qa_db.week(eng, a.by, monday)
    except OperatorError as e:
        raise CliError(message_of(e) or str(e)) from None


def _week_title(w: qa_db.QaWeek) -> str:
    return say(QT_TRANSLATE_NOOP("Qa", "{week} ({first} to {last}, times in {tz})").format(
        week=week_label(w.monday), first=w.monday.isoformat(),
        last=(w.monday + timedelta(days=6)).isoformat(), tz=str(w.tz)))


def _week_json(w: qa_db.QaWeek, lines: list[Any]) -> dict[str, Any]:
    return {
        "week": week_label(w.monday), "first": w.monday.isoformat(),
        "last": (w.monday + timedelta(days=6)).isoformat(), "timezone": str(w.tz),
        "min_per_week": MIN_PER_WEEK,
        "agents": [{"agent": p.agent, "name": p.name, "group": p.group, "scored": p.scored,
                    "missing": p.missing, "answered": p.answered,
                    "proposed": [{"call": c.call,
                                  "answered_at": c.answered_at.astimezone(w.tz).isoformat(),
                                  "shift": c.shift} for c in p.proposed]}
                   for p in lines]}


def cmd_sample(a: argparse.Namespace) -> int:
    w = _read_week(a)
    need = [p for p in w.lines if p.missing]
    if a.json:
        print(json.dumps(_week_json(w, list(w.lines)), ensure_ascii=False, indent=2))
        return 0
    print(_week_title(w))
    if not need:
        print(say(QT_TRANSLATE_NOOP("Qa", "every agent has {n} or more calls scored this week: "
                                          "nothing to propose").format(n=MIN_PER_WEEK)))
        return 0
    cols = [(say(QT_TRANSLATE_NOOP("Qa", "Agent")), 10), (say(QT_TRANSLATE_NOOP("Qa", "Name")), 10),
            (say(QT_TRANSLATE_NOOP("Qa", "Scored")), 8), (say(QT_TRANSLATE_NOOP("Qa", "Call")), 26),
            (say(QT_TRANSLATE_NOOP("Qa", "Answered at")), 18), (say(QT_TRANSLATE_NOOP("Qa", "Shift")), 8)]
    print("".join(pad(n, wd) for n, wd in cols).rstrip())
    for p in need:
        first = [p.agent, p.name, f"{p.scored}/{MIN_PER_WEEK}"]
        for c in p.proposed:
            vals = [*first, c.call, c.answered_at.astimezone(w.tz).strftime("%m-%d %H:%M"),
                    c.shift or "-"]
            print("".join(pad(v, wd) for v, (_, wd) in zip(vals, cols, strict=True)).rstrip())
            first = ["", "", ""]
        if p.short_of_calls:
            print(say(QT_TRANSLATE_NOOP(
                "Qa", "{agent} {name}: {missing} more needed, only {n} unscored answered call(s) "
                      "this week").format(agent=p.agent, name=p.name, missing=p.missing,
                                          n=len(p.proposed))))
    total = sum(len(p.proposed) for p in need)
    print(say(QT_TRANSLATE_NOOP("Qa", "{calls} call(s) proposed for {agents} agent(s); the same "
                                      "week always proposes the same calls").format(
        calls=total, agents=len(need))))
    return 0


def cmd_status(a: argparse.Namespace) -> int:
    w = _read_week(a)
    below = w.below_minimum()
    if a.json:
        print(json.dumps(_week_json(w, below), ensure_ascii=False, indent=2))
        return 0
    print(_week_title(w))
    if not below:
        print(say(QT_TRANSLATE_NOOP("Qa", "every agent has {n} or more calls scored this "
                                          "week").format(n=MIN_PER_WEEK)))
        return 0
    cols = [(say(QT_TRANSLATE_NOOP("Qa", "Agent")), 10), (say(QT_TRANSLATE_NOOP("Qa", "Name")), 10),
            (say(QT_TRANSLATE_NOOP("Qa", "Group")), 10), (say(QT_TRANSLATE_NOOP("Qa", "Scored")), 8),
            (say(QT_TRANSLATE_NOOP("Qa", "Missing")), 8),
            (say(QT_TRANSLATE_NOOP("Qa", "Answered")), 8)]
    print("".join(pad(n, wd) for n, wd in cols).rstrip())
    for p in below:
        vals = [p.agent, p.name, p.group or "-", str(p.scored), str(p.missing), str(p.answered)]
        print("".join(pad(v, wd) for v, (_, wd) in zip(vals, cols, strict=True)).rstrip())
    print(say(QT_TRANSLATE_NOOP("Qa", "{n} of {all} agent(s) have fewer than {min} calls scored "
                                      "this week").format(n=len(below), all=len(w.lines),
                                                          min=MIN_PER_WEEK)))
    return 0


def add_qa_parsers(subparsers: Any, dbhelp: str) -> None:
    sup = argparse.SUPPRESS
    p = subparsers.add_parser("qa", help="quality inspection: scores, the week's sampling, "
                                         "control charts (质量监控, issue #18)")
    p.add_argument("--db", default=sup, help=dbhelp)
    s = p.add_subparsers(dest="qa_action", required=True)
    im = s.add_parser("import", help="import the inspectors' score sheet (.xlsx or CSV): "
                                     "all rows or none")
    im.add_argument("file")
    im.add_argument("--db", default=sup, help=dbhelp)
    im.add_argument("--by", required=True, help="工号 of a shift leader, director or "
                                                "department head")
    im.add_argument("--dry-run", action="store_true", help="check and count, import nothing")
    im.set_defaults(fn=cmd_import)
    by_help = "工号 of a shift leader, director or department head"
    week_help = "the week: 2026-W50 (ISO) or any date in it (Monday to Sunday, floor time)"
    sa = s.add_parser("sample", help="propose the week's calls to score: at least 3 per "
                                     "agent, random, reproducible, across shifts")
    sa.add_argument("--db", default=sup, help=dbhelp)
    sa.add_argument("--week", required=True, help=week_help)
    sa.add_argument("--by", required=True, help=by_help)
    sa.add_argument("--json", action="store_true")
    sa.set_defaults(fn=cmd_sample)
    st = s.add_parser("status", help="the register: who has fewer than 3 calls scored "
                                     "this week")
    st.add_argument("--db", default=sup, help=dbhelp)
    st.add_argument("--week", required=True, help=week_help)
    st.add_argument("--by", required=True, help=by_help)
    st.add_argument("--json", action="store_true")
    st.set_defaults(fn=cmd_status)
