"""报表 (issue #18, R-REPORT-1): the daily and monthly reports the floor host made and
stored, listed for download on any PC of the floor (the files are in the database).

A row per stored report: which, its period, whether it is made, when, its headline
figures (calls offered, 接通率, service level, urgent tickets) and which host made it
(a failed one says why in its tooltip).
下载… writes the chosen report's .xlsx and PDF into a folder. Nothing is made here:
the host makes the reports at their times, ``seatwatch report`` again by hand.
"""

from __future__ import annotations

from datetime import tzinfo
from pathlib import Path
from typing import Any, Protocol

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from views.kit.pending import Pending
from views.kit.status import StatusLine, Tone
from views.kit.table import RowTableModel, make_table


class ReportsSource(Protocol):
    """What the dialog asks of the outside world (console/reports_backend.py)."""

    def list(self, owner: QObject) -> Pending: ...

    def download(self, owner: QObject, kind: str, period: str, folder: str) -> Pending: ...


def kind_text(kind: str) -> str:
    return {"daily": QCoreApplication.translate("ReportsDialog", "Daily report"),
            "monthly": QCoreApplication.translate("ReportsDialog", "Monthly report")
            }.get(kind, kind)


def status_text(status: str) -> str:
    return {"done": QCoreApplication.translate("ReportsDialog", "Made"),
            "producing": QCoreApplication.translate("ReportsDialog", "Being made"),
            "failed": QCoreApplication.translate("ReportsDialog", "Failed")}.get(status, status)


def _pct(x: Any) -> str:
    return "—" if not isinstance(x, int | float) else f"{100 * x:.1f}%"


class ReportsModel(RowTableModel):
    """Stored reports (``models.db.reports_db.StoredReport``), newest first."""

    COLUMNS = 9

    def __init__(self, tz: tzinfo | None, parent: Any = None) -> None:
        super().__init__(parent)
        self.tz = tz

    def key(self, item: Any) -> Any:
        return (item.kind, item.period)

    def header(self, section: int) -> str | None:
        return (QCoreApplication.translate("ReportsDialog", "Report"),
                QCoreApplication.translate("ReportsDialog", "Period"),
                QCoreApplication.translate("ReportsDialog", "Status"),
                QCoreApplication.translate("ReportsDialog", "Made at"),
                QCoreApplication.translate("ReportsDialog", "Offered"),
                QCoreApplication.translate("ReportsDialog", "Answer rate"),
                QCoreApplication.translate("ReportsDialog", "Service level"),
                QCoreApplication.translate("ReportsDialog", "Urgent tickets"),
                QCoreApplication.translate("ReportsDialog", "Made by"))[section]

    def cell(self, item: Any, col: int, role: int) -> Any:
        s = item.summary
        if role == Qt.ItemDataRole.TextAlignmentRole and 4 <= col <= 7:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ToolTipRole and col == 2 and item.error:
            return item.error
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        done = item.status == "done"
        if col == 0:
            return kind_text(item.kind)
        if col == 1:
            return item.period
        if col == 2:
            return status_text(item.status)
        if col == 3:
            t = item.created_at if done else item.claimed_at
            return t.astimezone(self.tz).strftime("%Y-%m-%d %H:%M") if t else ""
        if col == 8:  # the host, or cli:<user> for one made again by hand
            return item.host
        if not done:
            return ""
        if col == 4:
            return str(s.get("offered", "—"))
        if col == 5:
            return _pct(s.get("answer_rate"))
        if col == 6:
            return _pct(s.get("service_level"))
        return str(s.get("urgent", "—"))


class ReportsPanel(QWidget):
    """The list and its buttons: the console's 报表… dialog and the director's 报表 page."""

    #: the director's window: the page lists what is stored, whatever the window's range
    uses_window_filter = False
    #: nor has it a chart to save as a picture, nor numbers of its own as Excel (the
    #: reports' own workbooks are what 下载… writes)
    has_picture = False

    loaded = Signal()
    downloaded = Signal(list)

    def __init__(self, backend: ReportsSource, *, tz: tzinfo | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("reportsPanel")
        self.backend = backend
        self.model = ReportsModel(tz, self)
        #: the folder 下载… asks; a test sets it to skip the file dialog
        self.folder: str | None = None
        self._build()
        self.retranslate()

    def _build(self) -> None:
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        self.intro = QLabel(self)
        self.intro.setWordWrap(True)
        lay.addWidget(self.intro)
        self.table = make_table(self, "reportsTable", self.model)
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._enable())
        self.table.doubleClicked.connect(lambda _i: self.download())
        lay.addWidget(self.table, 1)
        self.status = StatusLine(self, "reportsStatus")
        lay.addWidget(self.status)
        self.buttons = QHBoxLayout()
        self.refresh_button = QPushButton(self)
        self.refresh_button.setObjectName("refreshReports")
        self.refresh_button.clicked.connect(self.reload)
        self.buttons.addWidget(self.refresh_button)
        self.buttons.addStretch(1)
        self.download_button = QPushButton(self)
        self.download_button.setObjectName("downloadReport")
        self.download_button.setAutoDefault(False)
        self.download_button.clicked.connect(self.download)
        self.buttons.addWidget(self.download_button)
        lay.addLayout(self.buttons)
        self._enable()

    def retranslate(self) -> None:
        self.intro.setText(QCoreApplication.translate(
            "ReportsDialog", "The daily and monthly operations reports the floor host made "
                             "and stored (R-REPORT-1): download one as Excel and PDF."))
        self.refresh_button.setText(QCoreApplication.translate("ReportsDialog", "&Refresh"))
        self.download_button.setText(QCoreApplication.translate("ReportsDialog", "&Download…"))
        self.model.refresh()

    def set_tz(self, tz: tzinfo | None) -> None:
        """The floor's time zone for 生成时间 (the director's window learns it late)."""
        self.model.tz = tz
        self.model.refresh()

    def show_filter(self, _flt: Any) -> None:
        """A page of the director's window: read the list each time it is shown or the
        window's 刷新 is pressed (one small query)."""
        self.reload()

    def changeEvent(self, e: QEvent) -> None:
        if e.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(e)

    def show_failure(self, text: str) -> None:
        self.status.show_text(text, Tone.ERROR)

    def selected(self) -> Any | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.item_at(rows[0].row()) if rows else None

    def _enable(self) -> None:
        r = self.selected()
        self.download_button.setEnabled(r is not None and r.status == "done")

    # ---- requests

    def reload(self) -> None:
        self.status.show_text(QCoreApplication.translate("ReportsDialog", "Loading…"))
        self.backend.list(self).done(self._loaded).run()

    def _loaded(self, rows: list[Any]) -> None:
        self.model.set_rows(rows)
        if rows and self.selected() is None:
            self.table.selectRow(0)
        self._enable()
        self.status.show_text(QCoreApplication.translate(
            "ReportsDialog", "No report stored yet: the floor host makes yesterday's "
                             "report every morning.") if not rows else "", Tone.PLAIN)
        self.loaded.emit()

    def download(self) -> None:
        r = self.selected()
        if r is None or r.status != "done":
            return
        folder = self.folder or QFileDialog.getExistingDirectory(
            self, QCoreApplication.translate("ReportsDialog", "Save the report's files in"))
        if not folder:
            return
        self.status.show_text(QCoreApplication.translate("ReportsDialog", "Saving…"))
        self.backend.download(self, r.kind, r.period, folder).done(self._downloaded).run()

    def _downloaded(self, paths: list[Path]) -> None:
        self.status.show_text(QCoreApplication.translate(
            "ReportsDialog", "Saved: {files}").format(
            files=QCoreApplication.translate("ReportsDialog", ", ").join(
                str(p) for p in paths)), Tone.OK)
        self.downloaded.emit(list(paths))


class ReportsDialog(QDialog):
    """Non-modal; one per console (the window's dialogs): the panel and 关闭."""

    def __init__(self, backend: ReportsSource, *, tz: tzinfo | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("reportsDialog")
        lay = QVBoxLayout(self)
        self.panel = ReportsPanel(backend, tz=tz, parent=self)
        lay.addWidget(self.panel, 1)
        self.download_button.setDefault(True)
        self.close_button = QPushButton(self)
        self.close_button.clicked.connect(self.reject)
        self.panel.buttons.addWidget(self.close_button)
        self.loaded, self.downloaded = self.panel.loaded, self.panel.downloaded
        self.retranslate()
        self.resize(860, 480)
        self.panel.reload()

    # the panel's parts, as the dialog had them
    model = property(lambda self: self.panel.model)
    table = property(lambda self: self.panel.table)
    status = property(lambda self: self.panel.status)
    download_button = property(lambda self: self.panel.download_button)
    refresh_button = property(lambda self: self.panel.refresh_button)

    @property
    def folder(self) -> str | None:
        return self.panel.folder

    @folder.setter
    def folder(self, value: str | None) -> None:
        self.panel.folder = value

    def retranslate(self) -> None:
        self.setWindowTitle(QCoreApplication.translate("ReportsDialog", "Reports"))
        self.close_button.setText(QCoreApplication.translate("ReportsDialog", "Close"))

    def changeEvent(self, e: QEvent) -> None:  # noqa: N802 - Qt's name
        if e.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(e)
