"""``seatwatch qa …``: quality inspection from a terminal (质量监控, issue #18, DOMAIN §8).

``import`` loads the inspectors' score sheet (.xlsx or CSV) in one transaction: a
bad row anywhere is listed with its file and line, one line each, and nothing is
imported. Every command reads or writes with the right to keep QA scores, checked in
the database for the operator ``--by`` names.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from console.cli_common import CliError, open_db, say, workstation
from console.cli_common import now as _now
from models.db import qa_db
from models.db.operators import OperatorError
from models.domain.floorsetup import RowError
from models.domain.qa import QaFileError, read_qa_file
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
