"""The crash dialog (issue #19): what happened in one line, where the log is, and
that the program keeps running; the traceback only under "details".

One at a time: a crash while the dialog is open (a repeating timer's slot failing
every second) is logged by the handler and counted, never stacked into dialog after
dialog (ARCHITECTURE: "a bug becomes one crash dialog").
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QObject, Signal, Slot
from PySide6.QtWidgets import QMessageBox, QWidget


class CrashDialog(QMessageBox):
    def __init__(self, kind: str, log_path: Path | None, details: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(
            QMessageBox.Icon.Critical,
            QCoreApplication.translate("Crash", "Unexpected error"),
            # the error's kind (a Python class name) is a raw code: it stays in the
            # details and the log, for IT, not in the sentence the shift leader reads
            QCoreApplication.translate(
                "Crash", "An unexpected error happened and was logged. The program "
                         "keeps running; if something looks wrong, close it and start it "
                         "again."),
            QMessageBox.StandardButton.Close, parent)
        self.setObjectName("crashDialog")
        where = (str(log_path) if log_path is not None
                 else QCoreApplication.translate("Crash", "(no log file)"))
        self.setInformativeText(QCoreApplication.translate(
            "Crash", "The details are in the log file:\n{log}").format(log=where))
        self.setDetailedText(details)


class CrashReporter(QObject):
    """Shows crashes from any thread on the GUI thread, one dialog at a time."""

    crashed = Signal(str, str)

    def __init__(self, log_path: Callable[[], Path | None], parent: QObject | None = None
                 ) -> None:
        super().__init__(parent)
        self._log_path = log_path
        self.open = False
        self.more = 0  # crashes while the dialog was open: logged, not shown
        self.crashed.connect(self._show)

    def report(self, kind: str, details: str) -> None:
        """Any thread: a worker's crash is queued to the GUI thread by the signal."""
        self.crashed.emit(kind, details)

    @Slot(str, str)
    def _show(self, kind: str, details: str) -> None:
        if self.open:
            self.more += 1
            return
        self.open = True
        try:
            dlg = CrashDialog(kind, self._log_path(), details)
            dlg.exec()
            dlg.deleteLater()
        finally:
            self.open = False
