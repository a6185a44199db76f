"""``seatwatch assess …``: the monthly assessment from a terminal (考核, issue #18,
DOMAIN §8, R-ASSESS-1…4).

- ``assess policy apply FILE`` / ``assess policy show``: the assessment policy,
  versioned in the database (resources/policies/assessment-000.toml, -002.toml);
- ``assess propose --month M``: what the floor saw (late / early, missed meetings,
  leaving post, idling the hotline, ticket errors) with its evidence, for a person
  to confirm; ``assess deduct --month M --proposal KEY …`` (or ``--all-proposals``)
  confirms them, ``assess deduct --month M --agent A --day D --item I`` records by
  hand (``--kind leader|call`` records a 12333 score of a part);
  ``assess withdraw --id N --reason …`` takes an entry back;
- ``assess draft|show|confirm --month M``: the month's sheet; ``show --out F.xlsx``
  writes it as 月度考核表, ``--pdf F.pdf`` as a landscape A4 form to sign and file; ``assess year --year Y`` the year's (Σ / 12).

Every command names its operator with ``--by`` (工号); the rights are checked in the
database. A refusal is one line (``seatwatch: error: …``), never a traceback.
"""

from __future__ import annotations

import argparse
import json
import unicodedata
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any, TypeVar

from console import report_pdf
from console.cli_common import CliError, open_db, pad, say, workstation
from console.cli_common import now as _now
from models.db import assessment_db as adb
from models.db import shiftops, store
from models.db.operators import OperatorError
from models.domain import assessment as asm
from models.domain.report import ReportError
from models.domain.textfile import TextFileError, decode_text
from models.domain.texts import QT_TRANSLATE_NOOP, message_of
from models.reports import assessment_html, assessment_xlsx

T = TypeVar("T")


def _ask(fn: Callable[[], T]) -> T:
    """Run a database call; its refusals become one line."""
    try:
        return fn()
    except (OperatorError, adb.AssessmentError) as e:
        raise CliError(message_of(e) or str(e)) from None
    except asm.AssessmentPolicyError as e:
        raise CliError(QT_TRANSLATE_NOOP("Cli", "invalid assessment policy: {why}").format(
            why=str(e))) from None


def _month(a: argparse.Namespace) -> str:
    return _ask(lambda: (adb.month_days(a.month), a.month)[1])


def _xlsx(out: str) -> None:
    if not out.lower().endswith(".xlsx"):
        raise CliError(QT_TRANSLATE_NOOP("Cli", "--out: the sheet is an Excel file ending in "
                                                ".xlsx, got {value}").format(value=repr(out)))


def _pdf(out: str) -> None:
    if not out.lower().endswith(".pdf"):
        raise CliError(QT_TRANSLATE_NOOP("Cli", "--pdf: the sheet is a PDF file ending in "
                                                ".pdf, got {value}").format(value=repr(out)))


def _write_pdf(out: str, html: str, footer: str) -> None:
    """The sheet as landscape A4 (the one PDF engine, in a child process: a terminal
    has no QGuiApplication)."""
    try:
        report_pdf.write(out, html, landscape=True, footer=footer, title=footer)
    except ReportError as e:
        raise CliError(message_of(e) or str(e)) from None
    except OSError as e:
        raise CliError(QT_TRANSLATE_NOOP("Cli", "{file}: cannot write: {error}").format(
            file=out, error=e.strerror or str(e))) from None


def _write(out: str, fn: Callable[[], int]) -> int:
    try:
        return fn()
    except OSError as e:
        raise CliError(QT_TRANSLATE_NOOP("Cli", "{file}: cannot write: {error}").format(
            file=out, error=e.strerror or str(e))) from None


def _n(x: float | None) -> str:
    return "-" if x is None else f"{x:g}"


def _print_json(doc: Any) -> None:
    print(json.dumps(doc, ensure_ascii=False, indent=2))


# ---- policy ------------------------------------------------------------------------------


def cmd_policy(a: argparse.Namespace) -> int:
    eng = open_db(a.db)
    if a.policy_action == "apply":
        try:
            text = decode_text(Path(a.file).read_bytes(), a.file)
        except OSError as e:
            raise CliError(QT_TRANSLATE_NOOP("Cli", "{file}: cannot read: {error}").format(
                file=a.file, error=e.strerror)) from None
        except TextFileError as e:
            raise CliError(e.msg) from None
        try:
            asm.parse_toml(text, a.file)
        except asm.AssessmentPolicyError as e:
            raise CliError(QT_TRANSLATE_NOOP("Cli", "{file}: invalid policy: {why}").format(
                file=a.file, why=str(e))) from None
        res = _ask(lambda: adb.apply_policy(eng, text, by=a.by, now=_now(), source=a.file,
                                            workstation=workstation()))
        print(say(QT_TRANSLATE_NOOP(
            "Cli", "applied assessment policy {id} ({name}) as version {version}").format(
            id=res.policy.id, name=res.policy.name, version=res.version)))
        return 0
    cur = _ask(lambda: adb.current_policy(eng, a.by))
    if a.json:
        _print_json({"version": cur.version, "id": cur.policy.id, "name": cur.policy.name,
                     "applied_at": cur.applied_at.isoformat(), "applied_by": cur.applied_by,
                     "history": adb.policy_history(eng, a.by),
                     "parts": [{"id": p.id, "name": p.name, "scoring": p.scoring,
                                "max": p.max, "weight": p.weight} for p in cur.policy.parts],
                     "items": [{"id": i.id, "name": i.name, "part": i.part,
                                "points": i.points_text(), "auto": i.auto}
                               for i in cur.policy.items]})
        return 0
    print(say(QT_TRANSLATE_NOOP(
        "Cli", "assessment policy {id} ({name}), version {version}, applied by {by}").format(
        id=cur.policy.id, name=cur.policy.name, version=cur.version, by=cur.applied_by)))
    for p in cur.policy.parts:
        print(f"  [{p.id}] {p.name}  {_n(p.max)} × {_n(p.weight)}  ({p.scoring})")
        for i in cur.policy.items:
            if i.part == p.id:
                auto = f"  ← {i.auto}" if i.auto else ""
                print(f"      {pad(i.id, 24)}{pad(i.points_text(), 10)}{i.name}{auto}")
    return 0


# ---- register ----------------------------------------------------------------------------


def cmd_propose(a: argparse.Namespace) -> int:
    month = _month(a)
    eng = open_db(a.db)
    props = _ask(lambda: adb.propose(eng, a.by, month))
    if a.json:
        _print_json([p.to_json() for p in props])
        return 0
    if not props:
        print(say(QT_TRANSLATE_NOOP("Cli", "nothing to propose for {month}").format(
            month=month)))
        return 0
    for p in props:
        print(f"{p.day.isoformat()}  {pad(p.agent, 8)}{pad(p.name, 8)}"
              f"{pad(_n(p.points), 6)}{p.item_name}")
        print(f"    {p.key}")
    print(say(QT_TRANSLATE_NOOP(
        "Cli", "{n} proposal(s): confirm with seatwatch assess deduct --month {month} "
               "--proposal KEY (or --all-proposals)").format(n=len(props), month=month)))
    return 0


def _day(s: str) -> date:
    try:
        return date.fromisoformat(s)
    except ValueError:
        raise CliError(QT_TRANSLATE_NOOP("Cli", "--day: not a date of the form YYYY-MM-DD: "
                                                "{value}").format(value=repr(s))) from None


def cmd_deduct(a: argparse.Namespace) -> int:
    month = _month(a)
    eng = open_db(a.db)
    if a.proposal or a.all_proposals:
        if a.agent or a.item:
            raise CliError(QT_TRANSLATE_NOOP("Cli", "--proposal confirms what the floor saw; "
                                                    "--agent and --item record by hand: "
                                                    "give one or the other"))
        keys = list(a.proposal or [])
        if a.all_proposals:
            keys = [p.key for p in _ask(lambda: adb.propose(eng, a.by, month))]
        got = _ask(lambda: adb.confirm_proposals(
            eng, keys, by=a.by, now=_now(), month=month, reason=a.reason or "",
            notes=dict.fromkeys(keys, a.note) if a.note else None,
            workstation=workstation()))
        if a.json:
            _print_json([e.to_json() for e in got])
        else:
            print(say(QT_TRANSLATE_NOOP("Cli", "confirmed {n} proposal(s) of {month}").format(
                n=len(got), month=month)))
        return 0
    if not (a.agent and a.item and a.day):
        raise CliError(QT_TRANSLATE_NOOP("Cli", "--agent, --day and --item are needed to "
                                                "record an entry by hand"))
    day = _day(a.day)
    if adb.month_of(day) != month:
        raise CliError(QT_TRANSLATE_NOOP("Cli", "--day {day} is not in --month {month}").format(
            day=a.day, month=month))
    e = _ask(lambda: adb.record_entry(eng, by=a.by, now=_now(), agent=a.agent, day=day,
                                      item=a.item, points=a.points, note=a.note or "",
                                      kind=a.kind or "", reason=a.reason or "",
                                      workstation=workstation()))
    if a.json:
        _print_json(e.to_json())
    else:
        print(say(QT_TRANSLATE_NOOP("Cli", "recorded entry {id}: {agent} {day} {item} "
                                           "{points}").format(
            id=e.id, agent=e.agent, day=e.day.isoformat(), item=e.item, points=_n(e.points))))
    return 0


def cmd_withdraw(a: argparse.Namespace) -> int:
    eng = open_db(a.db)
    e = _ask(lambda: adb.withdraw_entry(eng, a.id, by=a.by, now=_now(), reason=a.reason,
                                        workstation=workstation()))
    print(say(QT_TRANSLATE_NOOP("Cli", "withdrew entry {id} ({agent} {day} {item})").format(
        id=e.id, agent=e.agent, day=e.day.isoformat(), item=e.item)))
    return 0


# ---- the sheet ---------------------------------------------------------------------------


_FLAG_SHORT = {asm.FLAG_PRAISE: QT_TRANSLATE_NOOP("Cli", "praise"),
               asm.FLAG_RETRAIN: QT_TRANSLATE_NOOP("Cli", "retraining"),
               asm.FLAG_INCOMPLETE: QT_TRANSLATE_NOOP("Cli", "incomplete"),
               asm.FLAG_FEW_CALLS: QT_TRANSLATE_NOOP("Cli", "too few calls scored"),
               asm.FLAG_UNKNOWN_ITEM: QT_TRANSLATE_NOOP(
                   "Cli", "entries on items not in this policy, not counted")}


def _print_sheet(s: adb.Sheet) -> None:
    status = (say(QT_TRANSLATE_NOOP("Cli", "confirmed by {by}").format(by=s.confirmed_by))
              if s.status == "confirmed"
              else say(QT_TRANSLATE_NOOP("Cli", "draft by {by}, not confirmed").format(
                  by=s.drafted_by)))
    print(say(QT_TRANSLATE_NOOP(
        "Cli", "assessment of {month}: {status}; policy {id} version {version}").format(
        month=s.month, status=status, id=s.policy.id, version=s.policy_version)))
    heads = [say(QT_TRANSLATE_NOOP("Cli", "Rank")), say(QT_TRANSLATE_NOOP("Cli", "Agent")),
             say(QT_TRANSLATE_NOOP("Cli", "Name")), *(p.name for p in s.policy.parts),
             say(QT_TRANSLATE_NOOP("Cli", "Total")), say(QT_TRANSLATE_NOOP("Cli", "Reward")),
             say(QT_TRANSLATE_NOOP("Cli", "Remarks"))]
    lines = []
    for r in s.rows:
        parts = []
        for p in s.policy.parts:
            pr = next((x for x in r.parts if x.part == p.id), None)
            text = _n(pr.score if pr else None)
            if pr is not None and pr.volume is not None:  # R-ASSESS-2: measured against
                text += f" ({pr.volume}/{_n(pr.average)})"
            parts.append(text)
        lines.append([_n(r.rank), r.agent, r.name, *parts, _n(r.total),
                      str(r.reward_yuan) if r.reward_yuan else "",
                      "、".join(say(_FLAG_SHORT[f]) if f in _FLAG_SHORT else f
                               for f in r.flags)])
    widths = [max(_cells(x) for x in col) + 2 for col in zip(heads, *lines, strict=True)]
    for vals in (heads, *lines):
        print("".join(pad(v, w) for v, w in zip(vals, widths, strict=True)).rstrip())


def _cells(text: str) -> int:
    """The terminal cells ``text`` takes (Chinese characters take two)."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def cmd_draft(a: argparse.Namespace) -> int:
    month = _month(a)
    eng = open_db(a.db)
    s = _ask(lambda: adb.draft(eng, by=a.by, month=month, now=_now(), reason=a.reason or "",
                               workstation=workstation()))
    if a.json:
        _print_json(s.to_json())
    else:
        _print_sheet(s)
    return 0


def cmd_show(a: argparse.Namespace) -> int:
    month = _month(a)
    if a.out:
        _xlsx(a.out)
    if a.pdf:
        _pdf(a.pdf)
    eng = open_db(a.db)
    s = _ask(lambda: adb.show(eng, a.by, month))
    if s is None:
        raise CliError(QT_TRANSLATE_NOOP("Cli", "no assessment sheet of {month} yet: "
                                                "seatwatch assess draft --month {month}").format(
            month=month))
    if a.out:
        sheet = s
        n = _write(a.out, lambda: assessment_xlsx.write_month(
            a.out, month, sheet.rows, sheet.policy, status=sheet.status,
            policy_version=sheet.policy_version, drafted=sheet.drafted_by,
            confirmed=sheet.confirmed_by or ""))
        print(say(QT_TRANSLATE_NOOP("Cli", "wrote the assessment of {month} to {file}: "
                                           "{n} agents").format(month=month, file=a.out, n=n)))
    if a.pdf:
        with eng.connect() as conn:
            names, tz = shiftops.people(conn), store.current_state(conn).policy.tz
        _write_pdf(a.pdf, assessment_html.month_html(s, names, tz),
                   assessment_html.month_footer(month))
        print(say(QT_TRANSLATE_NOOP("Cli", "wrote the assessment of {month} to {file}: "
                                           "{n} agents").format(month=month, file=a.pdf,
                                                                n=len(s.rows))))
    if a.out or a.pdf:
        return 0
    if a.json:
        _print_json(s.to_json())
    else:
        _print_sheet(s)
    return 0


def cmd_confirm(a: argparse.Namespace) -> int:
    month = _month(a)
    eng = open_db(a.db)
    s = _ask(lambda: adb.confirm(eng, by=a.by, month=month, now=_now(),
                                 workstation=workstation()))
    if a.json:
        _print_json(s.to_json())
    else:
        print(say(QT_TRANSLATE_NOOP("Cli", "confirmed the assessment of {month}: {n} agents")
                  .format(month=month, n=len(s.rows))))
    return 0


def cmd_year(a: argparse.Namespace) -> int:
    if not 2000 <= a.year <= 2999:
        raise CliError(QT_TRANSLATE_NOOP("Cli", "--year: a year such as 2026, got {value}")
                       .format(value=a.year))
    if a.out:
        _xlsx(a.out)
    if a.pdf:
        _pdf(a.pdf)
    eng = open_db(a.db)
    rows, status = _ask(lambda: adb.year(eng, a.by, a.year))
    if a.out:
        n = _write(a.out, lambda: assessment_xlsx.write_year(a.out, a.year, rows, status))
        print(say(QT_TRANSLATE_NOOP("Cli", "wrote the assessment of {year} to {file}: "
                                           "{n} agents").format(year=a.year, file=a.out, n=n)))
    if a.pdf:
        _write_pdf(a.pdf, assessment_html.year_html(a.year, rows, status),
                   assessment_html.year_footer(a.year))
        print(say(QT_TRANSLATE_NOOP("Cli", "wrote the assessment of {year} to {file}: "
                                           "{n} agents").format(year=a.year, file=a.pdf,
                                                                n=len(rows))))
    if a.out or a.pdf:
        return 0
    if a.json:
        _print_json({"year": a.year, "months": status, "rows": [r.to_json() for r in rows]})
        return 0
    done = [m for m, st in status.items() if st == "confirmed"]
    print(say(QT_TRANSLATE_NOOP("Cli", "assessment of {year}: {n} of 12 months confirmed; "
                                       "yearly score = sum of the months / 12").format(
        year=a.year, n=len(done))))
    for r in rows:
        print(f"{pad(_n(r.rank), 6)}{pad(r.agent, 8)}{pad(r.name, 10)}{_n(r.total)}")
    return 0


# ---- parsers -----------------------------------------------------------------------------


def add_assess_parsers(subparsers: Any, dbhelp: str) -> None:
    sup = argparse.SUPPRESS
    p = subparsers.add_parser("assess", help="the monthly assessment (考核, issue #18)")
    p.add_argument("--db", default=sup, help=dbhelp)
    s = p.add_subparsers(dest="assess_action", required=True)

    def sub(name: str, help_: str, fn: Callable[[argparse.Namespace], int], *,
            month: bool = True, json_: bool = True) -> argparse.ArgumentParser:
        q: argparse.ArgumentParser = s.add_parser(name, help=help_)
        q.add_argument("--db", default=sup, help=dbhelp)
        q.add_argument("--by", required=True, help="工号 of the operator")
        if month:
            q.add_argument("--month", required=True, help="YYYY-MM")
        if json_:
            q.add_argument("--json", action="store_true")
        q.set_defaults(fn=fn)
        return q

    po = s.add_parser("policy", help="apply or show the assessment policy")
    pos = po.add_subparsers(dest="policy_action", required=True)
    ap = pos.add_parser("apply", help="store a policy file as the next version (director)")
    ap.add_argument("file")
    ap.add_argument("--db", default=sup, help=dbhelp)
    ap.add_argument("--by", required=True, help="工号 of a director")
    ap.set_defaults(fn=cmd_policy)
    sh = pos.add_parser("show", help="the policy in force, its parts and items")
    sh.add_argument("--db", default=sup, help=dbhelp)
    sh.add_argument("--by", required=True, help="工号 of the operator")
    sh.add_argument("--json", action="store_true")
    sh.set_defaults(fn=cmd_policy)
    sub("propose", "what the floor saw this month, for a person to confirm", cmd_propose)
    de = sub("deduct", "confirm proposals, or record a deduction, bonus or score by hand",
             cmd_deduct)
    de.add_argument("--proposal", action="append", help="a proposal's key (repeatable)")
    de.add_argument("--all-proposals", action="store_true",
                    help="confirm every open proposal of the month")
    de.add_argument("--agent", help="工号 of the agent")
    de.add_argument("--day", help="YYYY-MM-DD")
    de.add_argument("--item", help="the policy item's id (or the part's, with --kind)")
    de.add_argument("--points", type=float, help="the points (a ranged item needs them)")
    de.add_argument("--kind", choices=("leader", "call"),
                    help="a 12333 score of a part: the leader's, or one recorded call's")
    de.add_argument("--note", help="what happened")
    de.add_argument("--reason", help="why, when the month's sheet is confirmed already")
    wd = sub("withdraw", "take back an entry made in error (it stays, withdrawn)",
             cmd_withdraw, month=False, json_=False)
    wd.add_argument("--id", type=int, required=True)
    wd.add_argument("--reason", required=True)
    dr = sub("draft", "compute the month's sheet and store it as a draft", cmd_draft)
    dr.add_argument("--reason", help="why, when the month's sheet is confirmed already")
    so = sub("show", "the month's sheet (or --out FILE.xlsx: 月度考核表)", cmd_show)
    so.add_argument("--out", help="write the sheet to this .xlsx")
    so.add_argument("--pdf", help="write the sheet to this PDF (landscape A4, to sign and file)")
    sub("confirm", "confirm the month's draft (department head)", cmd_confirm)
    ye = sub("year", "the year's sheet from its confirmed months (Σ / 12)", cmd_year,
             month=False)
    ye.add_argument("--year", type=int, required=True)
    ye.add_argument("--out", help="write the year's sheet to this .xlsx")
    ye.add_argument("--pdf", help="write the year's sheet to this PDF (landscape A4)")
