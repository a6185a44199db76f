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

from console.cli_common import CliError, db_of, pad, say, workstation
from console.cli_common import now as _now
from models.db import qa_db
from models.db.operators import OperatorError
from models.domain.floorsetup import RowError
from models.domain.qa import QaFileError, read_qa_file
from models.domain.qa_chart import D2, PERIODS
from models.domain.qa_sample import MIN_PER_WEEK, parse_week, week_label
from models.domain.texts import QT_TRANSLATE_NOOP, message_of


def _row_line(file: str, err: RowError) -> str:
    return say(QT_TRANSLATE_NOOP("Qa", "{file} {where}: {reason}").format(
        file=file, where=err.where, reason=err.reason))


def cmd_import(a: argparse.Namespace) -> int:
    eng = db_of(a)
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
    eng = db_of(a)
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


def _date(s: str | None, what: str) -> date | None:
    if s is None:
        return None
    try:
        return date.fromisoformat(s.strip())
    except ValueError:
        raise CliError(QT_TRANSLATE_NOOP("Cli", "{what}: not a date (2026-03-02): {value}")
                       .format(what=what, value=repr(s))) from None


def _f(x: float) -> str:
    return f"{x:.2f}"


def cmd_chart(a: argparse.Namespace) -> int:
    first, last = _date(a.from_, "--from"), _date(a.to, "--to")
    assert first is not None and last is not None  # required
    bf, bl = _date(a.baseline_from, "--baseline-from"), _date(a.baseline_to, "--baseline-to")
    eng = db_of(a)
    try:
        d = qa_db.control_chart(eng, a.by, agent=a.agent, group=a.group, first=first,
                                last=last, per=a.per, base_first=bf, base_last=bl)
    except OperatorError as e:
        raise CliError(message_of(e) or str(e)) from None
    except qa_db.QaError as e:
        raise CliError(e.msg) from None
    c, base = d.chart, d.chart.base
    marks: dict[int, list[int]] = {}
    for sig in c.signals:
        marks.setdefault(sig.index, []).append(sig.rule)
    if a.json:
        def pt(i: int) -> dict[str, Any]:
            lo, hi = c.limits(i)
            p = c.points[i]
            return {"start": p.start.isoformat(), "n": p.n, "mean": p.mean, "lcl": lo,
                    "ucl": hi, "rules": marks.get(i, [])}
        print(json.dumps({
            "agent": d.agent, "name": d.name, "group": d.group, "per": d.per,
            "from": d.first.isoformat(), "to": d.last.isoformat(),
            "baseline": {"group": d.group, "from": d.base_first.isoformat(),
                         "to": d.base_last.isoformat(), "n": base.n, "mean": base.mean,
                         "sigma": base.sigma, "sigma_method": f"MR/{D2}"},
            "points": [pt(i) for i in range(len(c.points))],
            "signals": [{"start": c.points[s_.index].start.isoformat(),
                         "mean": c.points[s_.index].mean, "rule": s_.rule,
                         "side": "above" if s_.side > 0 else "below", "text": say(s_.text)}
                        for s_ in c.signals]}, ensure_ascii=False, indent=2))
        return 0
    per = (QT_TRANSLATE_NOOP("Qa", "daily means") if d.per == "day"
           else QT_TRANSLATE_NOOP("Qa", "weekly means"))
    if d.agent is not None:
        print(say(QT_TRANSLATE_NOOP("Qa", "QA scores of agent {agent} {name}, {per}, {first} to "
                                          "{last}").format(agent=d.agent, name=d.name, per=per,
                                                           first=first.isoformat(),
                                                           last=last.isoformat())))
    else:
        print(say(QT_TRANSLATE_NOOP("Qa", "QA scores of group {group} {name}, {per}, {first} to "
                                          "{last}").format(group=d.group, name=d.name, per=per,
                                                           first=first.isoformat(),
                                                           last=last.isoformat())))
    whose = (QT_TRANSLATE_NOOP("Qa", "group {group}").format(group=d.group)
             if d.group is not None else
             QT_TRANSLATE_NOOP("Qa", "agent {agent}").format(agent=d.agent))
    print(say(QT_TRANSLATE_NOOP(
        "Qa", "baseline: {n} scores of {whose} from {first} to {last}: X̄ = {mean}, σ of one "
              "score = MR̄/1.128 = {sigma}; limits X̄ ± 3σ/√n for a mean of n scores").format(
        n=base.n, whose=whose, first=d.base_first.isoformat(), last=d.base_last.isoformat(),
        mean=_f(base.mean), sigma=_f(base.sigma))))
    if not c.points:
        print(say(QT_TRANSLATE_NOOP("Qa", "no scores in this range")))
        return 0
    cols = [(say(QT_TRANSLATE_NOOP("Qa", "Period")), 12), ("n", 5),
            (say(QT_TRANSLATE_NOOP("Qa", "Mean")), 8), ("LCL", 8), ("UCL", 8),
            (say(QT_TRANSLATE_NOOP("Qa", "Rules broken")), 10)]
    print("".join(pad(n, wd) for n, wd in cols).rstrip())
    for i, p in enumerate(c.points):
        lo, hi = c.limits(i)
        vals = [p.start.isoformat(), str(p.n), _f(p.mean), _f(lo), _f(hi),
                ",".join(str(r) for r in marks.get(i, [])) or "-"]
        print("".join(pad(v, wd) for v, (_, wd) in zip(vals, cols, strict=True)).rstrip())
    if not c.signals:
        print(say(QT_TRANSLATE_NOOP("Qa", "no point breaks a run rule: the series is in "
                                          "control")))
    for s_ in c.signals:
        p = c.points[s_.index]
        side = (QT_TRANSLATE_NOOP("Qa", "above") if s_.side > 0
                else QT_TRANSLATE_NOOP("Qa", "below"))
        print(say(QT_TRANSLATE_NOOP("Qa", "{start}: mean {mean} ({side}), rule {rule}: {text}")
                  .format(start=p.start.isoformat(), mean=_f(p.mean), side=side, rule=s_.rule,
                          text=s_.text)))
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
    for name, fn, help_ in (
            ("sample", cmd_sample, "propose the week's calls to score: at least 3 per agent, "
                                   "random, reproducible, across shifts"),
            ("status", cmd_status, "the register: who has fewer than 3 calls scored this week")):
        wk = s.add_parser(name, help=help_)
        wk.add_argument("--db", default=sup, help=dbhelp)
        wk.add_argument("--week", required=True, help=week_help)
        wk.add_argument("--by", required=True, help=by_help)
        wk.add_argument("--json", action="store_true")
        wk.set_defaults(fn=fn)
    ch = s.add_parser("chart", help="a control chart of an agent's or a group's QA scores: "
                                    "limits and the points that break the run rules")
    ch.add_argument("--db", default=sup, help=dbhelp)
    who = ch.add_mutually_exclusive_group(required=True)
    who.add_argument("--agent", help="工号: the agent's scores against their group's baseline")
    who.add_argument("--group", help="a group's id: all its agents' scores")
    ch.add_argument("--from", dest="from_", required=True, help="first day, YYYY-MM-DD")
    ch.add_argument("--to", required=True, help="last day, YYYY-MM-DD")
    ch.add_argument("--per", choices=PERIODS, default="week",
                    help="one point per day or per week (default week)")
    ch.add_argument("--baseline-from", help="the baseline's first day (default --from)")
    ch.add_argument("--baseline-to", help="the baseline's last day (default --to)")
    ch.add_argument("--by", required=True, help=by_help)
    ch.add_argument("--json", action="store_true")
    ch.set_defaults(fn=cmd_chart)
