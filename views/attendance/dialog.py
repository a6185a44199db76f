"""The attendance dialog (考勤): a tab host for the register, the monthly summary and
leave (:mod:`views.attendance`). It builds the pages and routes what they share:
the day and month to open on, the names the answers carry, the agents offered for
leave. Each page talks to the backend itself."""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtCore import QCoreApplication, QEvent
from PySide6.QtWidgets import QDialog, QHBoxLayout, QPushButton, QTabWidget, QVBoxLayout

from views.attendance.common import AttendanceSource
from views.attendance.leave import LeavePage
from views.attendance.register import RegisterPage
from views.attendance.summary import SummaryPage


class AttendanceDialog(QDialog):
    """Non-modal; one per console (the window's dialogs)."""

    def __init__(self, backend: AttendanceSource, parent: Any = None) -> None:
        super().__init__(parent)
        self.setObjectName("attendanceDialog")
        self.backend = backend
        #: 工号 → 姓名 of everyone the answers named (agents and operators)
        self.people: dict[str, str] = {}
        layout = QVBoxLayout(self)
        self.tabs = QTabWidget(self)
        self.tabs.setObjectName("attendanceTabs")
        layout.addWidget(self.tabs)
        self.register = RegisterPage(backend, self.people, self.tabs)
        self.summary = SummaryPage(backend, self.tabs)
        self.leave = LeavePage(backend, self.people, self.tabs)
        for page in (self.register, self.summary, self.leave):
            self.tabs.addTab(page, "")
        bottom = QHBoxLayout()
        bottom.addStretch(1)
        self.close_button = QPushButton(self)
        self.close_button.setObjectName("attendanceClose")
        self.close_button.setAutoDefault(False)
        self.close_button.clicked.connect(self.reject)
        bottom.addWidget(self.close_button)
        layout.addLayout(bottom)
        # what one page learns, the others use
        self.register.register_loaded.connect(lambda: self.leave.note_agents(
            {r.agent: r.name for r in self.register.model.rows()}))
        self.summary.summary_loaded.connect(lambda: self.leave.note_agents(
            {a.agent: a.name for a in self.summary.summary.agents}
            if self.summary.summary else {}, rename=True))
        self.leave.people_named.connect(self.register.names_changed)
        self.retranslate()
        self.resize(1080, 760)
        today = backend.today()
        # at 01:48 the leader keeps the register of the 夜班 under way (issue #12)
        self.register.set_day(backend.register_day(), load=False)
        self.summary.set_month(today.strftime("%Y-%m"), load=False)
        self.leave.set_dates(today, today)
        self.register.reload()
        self.summary.reload()
        self.leave.reload()

    def retranslate(self) -> None:
        self.setWindowTitle(QCoreApplication.translate("Attendance", "Attendance"))
        self.tabs.setTabText(0, QCoreApplication.translate("Attendance", "Daily register"))
        self.tabs.setTabText(1, QCoreApplication.translate("Attendance", "Monthly summary"))
        self.tabs.setTabText(2, QCoreApplication.translate("Attendance", "Leave"))
        self.close_button.setText(QCoreApplication.translate("Attendance", "Close"))
        for page in (self.register, self.summary, self.leave):
            page.retranslate()

    def changeEvent(self, e: QEvent) -> None:
        if e.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(e)

    # -- the shared state the console and its tools set

    def day(self) -> date:
        return self.register.day()

    def set_day(self, d: date) -> None:
        """Show the register of ``d`` (loads it)."""
        self.register.set_day(d)

    def month(self) -> str:
        return self.summary.month()

    def set_month(self, month: str) -> None:
        """Show the summary of ``month`` (YYYY-MM; loads it)."""
        self.summary.set_month(month)
