"""The Reports dialog's backend (issue #18, R-REPORT-1): the stored daily and monthly
reports (:mod:`models.db.reports_db`), every call a background op, in the name of
the operator signed in when the dialog opened (the right is checked in the database
on every call). A refusal — no right, the database unreachable, a folder that cannot
be written — is an answer with a text fit to show; anything else is a fault, logged
by :class:`console.ops.Ops` and shown as one line."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject
from sqlalchemy.exc import SQLAlchemyError

from console.ops import Backend, Request
from console.report_cli import write_files
from models.db import operators, reports_db
from views.msg import tr_msg

log = logging.getLogger(__name__)


class ReportsError(Exception):
    """An answer the dialog shows as it is."""


class ReportsBackend(Backend):
    """:class:`views.reports_view.ReportsSource` on the floor database."""

    def list(self, owner: QObject) -> Request:
        """Answers the stored reports (``StoredReport``), newest period first."""
        by = self.operator_id
        return self._ask(owner, lambda: reports_db.list_for(self.engine, by))

    def download(self, owner: QObject, kind: str, period: str, folder: str) -> Request:
        """Writes the stored report's .xlsx and PDF into ``folder``; answers the paths."""
        by = self.operator_id

        def work() -> list[Path]:
            got = reports_db.files_for(self.engine, by, kind, period)
            if got is None:
                raise ReportsError(QCoreApplication.translate(
                    "ReportsDialog", "This report is not stored (yet): refresh the list"))
            return write_files(folder, kind, period, *got)

        return self._ask(owner, work)

    def _ask(self, owner: QObject, fn: Any) -> Request:
        def work() -> Any:
            try:
                return fn()
            except operators.OperatorError as e:
                raise ReportsError(tr_msg(e)) from None
            except SQLAlchemyError as e:
                first = (str(getattr(e, "orig", None) or e).strip().splitlines() or [""])[0]
                log.warning("reports: %s", first)
                raise ReportsError(QCoreApplication.translate(
                    "ReportsDialog", "The floor database cannot be reached: {error}").format(
                    error=first)) from None
            except OSError as e:
                raise ReportsError(QCoreApplication.translate(
                    "ReportsDialog", "Cannot write {path}: {error}").format(
                    path=e.filename or "", error=e.strerror or str(e))) from None

        return self.request(owner, work, (ReportsError,))
