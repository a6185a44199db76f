"""The quality-inspection screens' backend (质量监控, issue #18): the reads and writes of
``models.db.qa_db`` as requests (:class:`console.ops.Request`), run off the GUI thread
and answered on it.

The right (Right.KEEP_QA) is checked by the database functions on every request,
never here. A file that cannot be read, an unknown agent or group, a baseline without
scores, a missing right: refusals, one line each. A file with bad rows is not a
refusal but an answer (:class:`QaFileAnswer` with its ``errors``): the screen lists
every bad row with its file and line.
"""

from __future__ import annotations

import csv
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from PySide6.QtCore import QObject

from console.ops import Backend, Request
from models.db import qa_db
from models.db.operators import OperatorError
from models.domain.floorsetup import RowError
from models.domain.qa import QaFileError, read_qa_file
from models.domain.texts import QT_TRANSLATE_NOOP, Msg


#: expected answers (shown to the person as one line, not logged as faults)
class QaAnswer(ValueError):
    """A refusal of this backend's own: nothing to import, a file not written."""

    def __init__(self, msg: Msg) -> None:
        super().__init__(msg)
        self.msg = msg


REFUSALS: tuple[type[Exception], ...] = (qa_db.QaError, QaFileError, OperatorError, QaAnswer)


@dataclass(frozen=True, slots=True)
class QaFileAnswer:
    """A score sheet checked (``dry_run``) or imported: ``result`` when every row is
    good, else ``errors`` (one per bad row; nothing was imported)."""

    path: str
    name: str
    dry_run: bool
    result: qa_db.QaImportResult | None
    errors: tuple[RowError, ...] = field(default=())


class QaBackend(Backend):
    """:class:`views.qa.panel.QaSource` for the signed-in operator."""

    def choices(self, owner: QObject) -> Request:
        by = self.operator_id
        return self.request(owner, lambda: qa_db.choices(self.engine, by), REFUSALS)

    def _file(self, path: str, dry_run: bool) -> QaFileAnswer:
        by, now, ws, name = self.operator_id, self.now(), self.workstation, Path(path).name
        parsed = read_qa_file(path, known=qa_db.known_agents(self.engine, by))
        if not parsed.scores and not parsed.errors:
            raise QaAnswer(QT_TRANSLATE_NOOP("Qa", "{file}: no scores to import").format(
                file=name))
        try:
            res = qa_db.import_scores(self.engine, by, parsed, source=name, now=now,
                                      dry_run=dry_run, workstation=ws)
        except qa_db.QaRefused as e:
            return QaFileAnswer(path, name, dry_run, None, tuple(e.errors))
        return QaFileAnswer(path, name, dry_run, res)

    def check_file(self, owner: QObject, path: str) -> Request:
        """Read and check the sheet at ``path``, count what it would do, keep nothing."""
        return self.request(owner, lambda: self._file(path, True), REFUSALS)

    def import_file(self, owner: QObject, path: str) -> Request:
        """Import the sheet at ``path`` in one transaction (all rows or none)."""
        return self.request(owner, lambda: self._file(path, False), REFUSALS)

    def week(self, owner: QObject, monday: date) -> Request:
        by = self.operator_id
        return self.request(owner, lambda: qa_db.week(self.engine, by, monday), REFUSALS)

    def chart(self, owner: QObject, *, agent: str | None, group: str | None, first: date,
              last: date, per: str, base_first: date, base_last: date) -> Request:
        by = self.operator_id
        return self.request(owner, lambda: qa_db.control_chart(
            self.engine, by, agent=agent, group=group, first=first, last=last, per=per,
            base_first=base_first, base_last=base_last), REFUSALS)

    def export_rows(self, owner: QObject, path: str, header: Sequence[str],
                    rows: Sequence[Sequence[str]]) -> Request:
        """A list (the week's sample) as CSV in UTF-8 with the BOM Excel needs to read
        Chinese; answers the path."""
        head, body = list(header), [list(r) for r in rows]

        def fn() -> str:
            try:
                with open(path, "w", encoding="utf-8-sig", newline="") as f:
                    w = csv.writer(f)
                    w.writerow(head)
                    w.writerows(body)
            except OSError as e:
                raise QaAnswer(QT_TRANSLATE_NOOP("Qa", "Cannot write {path}: {error}").format(
                    path=path, error=e.strerror or str(e))) from None
            return path
        return self.request(owner, fn, REFUSALS)
