"""月考勤汇总: the monthly summary (R-ATT-6) — one row per agent for a month, the
policy's flags highlighted in the theme's colours, and the export to Excel."""

from __future__ import annotations

import weakref
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QCoreApplication, QDate, Qt, Signal
from PySide6.QtWidgets import QDateEdit, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from models.domain.attendance import TYPE_CODES, AgentMonth, MonthSummary
from views.attendance.common import (
    KEY_ROLE,
    STATE_ROLE,
    AttendanceSource,
    flagged_bg,
    mark_alert,
    mark_text,
)
from views.attendance.texts import num, type_label
from views.kit import dialogs
from views.kit.pending import tagged
from views.kit.status import StatusLine, Tone, paint
from views.kit.table import RowTableModel, make_table

S_AGENT, S_NAME = 0, 1
S_TYPES = 2  # the nine types, in TYPE_CODES order
S_LATE_N = S_TYPES + len(TYPE_CODES)
S_LATE_MIN, S_EARLY_MIN, S_ABSENT, S_FLAGS = S_LATE_N + 1, S_LATE_N + 2, S_LATE_N + 3, S_LATE_N + 4


class SummaryModel(RowTableModel):
    """The monthly summary: one row per agent (AgentMonth)."""

    COLUMNS = S_FLAGS + 1

    def key(self, item: Any) -> Any:
        return item.agent

    def header(self, section: int) -> str | None:
        if S_TYPES <= section < S_LATE_N:
            return type_label(TYPE_CODES[section - S_TYPES])
        return {
            S_AGENT: QCoreApplication.translate("Attendance", "Agent ID"),
            S_NAME: QCoreApplication.translate("Attendance", "Name"),
            S_LATE_N: QCoreApplication.translate("Attendance", "Times late"),
            S_LATE_MIN: QCoreApplication.translate("Attendance", "Minutes late"),
            S_EARLY_MIN: QCoreApplication.translate("Attendance", "Minutes left early"),
            S_ABSENT: QCoreApplication.translate("Attendance", "Days counted absent"),
            S_FLAGS: QCoreApplication.translate("Attendance", "Notes"),
        }.get(section)

    @staticmethod
    def notes(a: AgentMonth) -> list[str]:
        out = list(a.flags)
        for code, days in a.charged.items():
            if days:
                out.append(QCoreApplication.translate(
                    "Attendance", "Charged as {type}: {n} days").format(
                    type=type_label(code), n=num(days)))
        out += a.notes  # R-ATT-2's facts the register lacks (issue #16): for the leader
        return out

    def display(self, a: AgentMonth, col: int) -> str | None:
        if col == S_AGENT:
            return a.agent
        if col == S_NAME:
            return a.name
        if S_TYPES <= col < S_LATE_N:
            return num(a.days.get(TYPE_CODES[col - S_TYPES], 0.0))
        return {S_LATE_N: str(a.late_count), S_LATE_MIN: str(a.late_min),
                S_EARLY_MIN: str(a.early_min), S_ABSENT: num(a.absent_days),
                S_FLAGS: "；".join(self.notes(a))}.get(col)

    def cell(self, a: AgentMonth, col: int, role: int) -> Any:
        if role == Qt.ItemDataRole.DisplayRole:
            return self.display(a, col)
        if role == Qt.ItemDataRole.ToolTipRole and col == S_FLAGS:
            return "\n".join(self.notes(a)) or None
        if role == Qt.ItemDataRole.TextAlignmentRole and S_TYPES <= col <= S_ABSENT:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.BackgroundRole and a.flags:
            return flagged_bg()
        if role == Qt.ItemDataRole.ForegroundRole and a.flags:
            return mark_alert() if col == S_FLAGS else mark_text()
        if role == KEY_ROLE:
            return a.agent
        if role == STATE_ROLE:
            return bool(a.flags)
        return None


class SummaryPage(QWidget):
    """The summary tab. ``ask_save_path`` is an attribute so tests can answer it
    without a modal loop."""

    summary_loaded = Signal()
    exported = Signal()

    def __init__(self, backend: AttendanceSource, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("attendanceSummaryTab")
        self.backend = backend
        save_path = weakref.WeakMethod(self._save_path_dialog)

        def ask_save_path(name: str) -> str | None:
            m = save_path()
            return m(name) if m is not None else None

        self.ask_save_path: Callable[[str], str | None] = ask_save_path
        self.summary: MonthSummary | None = None
        self._seq = 0
        self._filling = False
        self.exporting = False
        self.model = SummaryModel(self)
        self._build()

    def _build(self) -> None:
        v = QVBoxLayout(self)
        top = QHBoxLayout()
        self.month_label = QLabel(self)
        self.month_edit = QDateEdit(self)
        self.month_edit.setObjectName("attendanceMonth")
        self.month_edit.setDisplayFormat("yyyy-MM")
        self.month_edit.dateChanged.connect(self._month_changed)
        self.month_label.setBuddy(self.month_edit)
        top.addWidget(self.month_label)
        top.addWidget(self.month_edit)
        self.reload_button = QPushButton(self)
        self.reload_button.setObjectName("attendanceSummaryReload")
        self.reload_button.setAutoDefault(False)
        self.reload_button.clicked.connect(self.reload)
        top.addWidget(self.reload_button)
        self.policy_label = QLabel(self)
        self.policy_label.setObjectName("attendancePolicyName")
        top.addWidget(self.policy_label)
        top.addStretch(1)
        self.export_button = QPushButton(self)
        self.export_button.setObjectName("attendanceExport")
        self.export_button.setAutoDefault(False)
        self.export_button.clicked.connect(self.export)
        top.addWidget(self.export_button)
        v.addLayout(top)
        self.table = make_table(self, "attendanceSummary", self.model)
        v.addWidget(self.table, 1)
        self.day_flags_label = QLabel(self)
        self.day_flags_label.setObjectName("attendanceDayFlags")
        self.day_flags_label.setWordWrap(True)
        self.day_flags_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        v.addWidget(self.day_flags_label)
        self.status = StatusLine(self, "attendanceSummaryStatus")
        v.addWidget(self.status)

    def retranslate(self) -> None:
        self.month_label.setText(QCoreApplication.translate("Attendance", "&Month"))
        self.reload_button.setText(QCoreApplication.translate("Attendance", "Reload"))
        self.export_button.setText(QCoreApplication.translate("Attendance", "Export to Excel…"))
        self.model.refresh()
        self._render_info()

    def show_failure(self, text: str) -> None:
        """Where a request's unhandled failure goes (console.ops.Request)."""
        self.status.fail(text)

    def _save_path_dialog(self, name: str) -> str | None:
        return dialogs.save_path(
            self, QCoreApplication.translate("Attendance", "Export the monthly summary"), name,
            QCoreApplication.translate("Attendance", "Excel workbook (*.xlsx)"))

    # -- the month

    def month(self) -> str:
        d = self.month_edit.date()
        return f"{d.year():04d}-{d.month():02d}"

    def set_month(self, month: str, *, load: bool = True) -> None:
        y, m = (int(x) for x in month.split("-"))
        self._filling = not load
        try:
            self.month_edit.setDate(QDate(y, m, 1))
        finally:
            self._filling = False

    def _month_changed(self, _d: QDate) -> None:
        if not self._filling:
            self.reload()

    def reload(self) -> None:
        self._seq += 1
        seq, month = self._seq, self.month()
        self.summary = None
        self._buttons()
        self.status.say(QCoreApplication.translate(
            "Attendance", "Loading the summary of {month}…").format(month=month))
        self.backend.load_summary(self, month).done(tagged(self._summarized, seq)).refused(
            tagged(self._summary_failed, seq)).run()

    def _summarized(self, seq: int, summary: MonthSummary) -> None:
        if seq != self._seq:
            return
        self.summary = summary
        self.model.set_rows(summary.agents)
        self.status.clear()
        self._render_info()
        self._buttons()
        self.summary_loaded.emit()

    def _summary_failed(self, seq: int, message: str) -> None:
        if seq != self._seq:
            return
        self.status.fail(QCoreApplication.translate(
            "Attendance", "The summary could not be loaded: {why}").format(why=message))
        self.summary_loaded.emit()

    def _render_info(self) -> None:
        s = self.summary
        if s is None:
            self.policy_label.setText("")
            self.day_flags_label.setText("")
            return
        flagged = sum(1 for a in s.agents if a.flags)
        text = QCoreApplication.translate(
            "Attendance", "Policy: {name} · {n} agents, {k} flagged").format(
            name=s.policy, n=len(s.agents), k=flagged)
        if s.due is not None and s.unconfirmed_days is not None:  # R-ATT-6
            due = s.due.isoformat()
            text += " · " + (QCoreApplication.translate(
                "Attendance", "due by {due}: every rostered day confirmed").format(due=due)
                if s.confirmed else QCoreApplication.translate(
                "Attendance", "due by {due}: {n} person-days not confirmed yet").format(
                    due=due, n=s.unconfirmed_days))
        self.policy_label.setText(text)
        if s.day_flags:
            self.day_flags_label.setText(
                QCoreApplication.translate("Attendance", "Days breaking the daily checks:")
                + "\n" + "\n".join(s.day_flags))
            paint(self.day_flags_label, Tone.ERROR)
        else:
            self.day_flags_label.setText(
                QCoreApplication.translate("Attendance", "No day broke the daily checks."))
            paint(self.day_flags_label, Tone.PLAIN)

    def _buttons(self) -> None:
        self.export_button.setEnabled(self.summary is not None and not self.exporting)

    # -- the export

    def export(self) -> bool:
        """Write the summary on screen to an Excel file the leader chooses."""
        s = self.summary
        if s is None or self.exporting:
            return False
        name = QCoreApplication.translate("Attendance", "attendance-{month}.xlsx").format(
            month=s.month)
        path = self.ask_save_path(name)
        if not path:
            return False
        if not path.lower().endswith(".xlsx"):
            path += ".xlsx"
        self.exporting = True
        self._buttons()
        self.status.say(QCoreApplication.translate("Attendance", "Writing {path}…").format(
            path=path))
        self.backend.export_summary(self, s, path).done(tagged(self._exported, path)).refused(
            self._export_failed).run()
        return True

    def _exported(self, path: str, result: Any) -> None:
        self.exporting = False
        self._buttons()
        self.status.ok(QCoreApplication.translate("Attendance", "Written: {path}").format(
            path=str(result) if result else path))
        self.exported.emit()

    def _export_failed(self, message: str) -> None:
        self.exporting = False
        self._buttons()
        self.status.fail(QCoreApplication.translate("Attendance", "Not written: {why}").format(
            why=message))
        self.exported.emit()
