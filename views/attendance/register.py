"""考勤登记: the day's register (DOMAIN §6, R-ATT-6) and its workflow.

The day's rostered agents with what the telephony platform saw (the suggestion)
beside what was saved. The leader confirms a row as shown, confirms every
unconfirmed row at once, or corrects a row in the edit panel; a correction (a
record that departs from the suggestion) needs a reason. A line under the table
applies the policy's daily checks (000 第四篇: how many late, how many on leave). A
shift not yet at its start + grace proposes nothing, one under way only
provisionally; "confirm all" leaves both until the shift is over (issue #12). A
班组 column and "只看异常" (exceptions only) help on a large floor.

"Confirm all" is ONE request (issue #15 step 3): every settled, unconfirmed row is
confirmed in one transaction, or none is — a row someone else saved meanwhile
refuses the batch, names the row, and the register is reloaded.

A save refused because another leader saved first shows the conflict box
(:mod:`views.conflict`) and reloads, keeping what the leader typed in the edit
panel; any other refusal shows on the page's status line.
"""

from __future__ import annotations

import dataclasses
import weakref
from collections.abc import Callable, Mapping, Sequence
from datetime import date
from typing import Any
from zoneinfo import ZoneInfo

from PySide6.QtCore import QCoreApplication, QDate, QItemSelectionModel, Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from models.domain.attendance import (
    LEAVE_TYPES,
    TYPE_CODES,
    WORKING_TYPES,
    AttendanceRecord,
    AttType,
    Settle,
)
from models.domain.shiftrecords import (
    BulkConfirm,
    RegisterRow,
    StaleEdit,
    Stored,
    bulk_confirm,
    record_fields,
)
from views import conflict
from views.attendance.common import (
    DEFAULT_TZ,
    KEY_ROLE,
    STATE_ROLE,
    AttendanceSource,
    amber_text,
    conflict_message,
    floor_tz,
    mark_alert,
    mark_text,
    pending_bg,
    quiet_text,
)
from views.attendance.texts import field_labels, record_text, type_label, value_text
from views.kit import dialogs
from views.kit.dates import clock_text, from_qdate, local, to_qdate
from views.kit.pending import tagged
from views.kit.status import StatusLine, Tone, paint
from views.kit.table import RowTableModel, make_table

R_AGENT, R_NAME, R_GROUP, R_SHIFT, R_IN, R_OUT, R_SUGGESTED, R_RECORD, R_STATUS = range(9)


def register_state(r: RegisterRow) -> str:
    return "unconfirmed" if not r.confirmed else "corrected" if r.differs else "confirmed"


def is_exception(r: RegisterRow) -> bool:
    """A row the "exceptions only" filter keeps: anything but a plain 出勤 (late, early,
    leave, 旷工) and every correction; a shift not due yet is nothing so far."""
    if r.stored is None and r.settle is Settle.NOT_DUE:
        return False
    rec = r.record
    return rec.type is not AttType.PRESENT or bool(rec.late_min or rec.early_min) or r.differs


class RegisterModel(RowTableModel):
    """The day's register: one row per agent (RegisterRow)."""

    COLUMNS = 9

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.tz: ZoneInfo = DEFAULT_TZ
        #: 工号 → 姓名 of the people who saved records (operators), when known
        self.names: Mapping[str, str] = {}

    def key(self, item: Any) -> Any:
        return item.agent

    def row_at(self, row: int) -> RegisterRow | None:
        r: RegisterRow | None = self.item_at(row)
        return r

    def header(self, section: int) -> str | None:
        return {
            R_AGENT: QCoreApplication.translate("Attendance", "Agent ID"),
            R_NAME: QCoreApplication.translate("Attendance", "Name"),
            R_GROUP: QCoreApplication.translate("Attendance", "Group"),
            R_SHIFT: QCoreApplication.translate("Attendance", "Shift"),
            R_IN: QCoreApplication.translate("Attendance", "Signed in"),
            R_OUT: QCoreApplication.translate("Attendance", "Signed out"),
            R_SUGGESTED: QCoreApplication.translate("Attendance", "Platform suggests"),
            R_RECORD: QCoreApplication.translate("Attendance", "Register"),
            R_STATUS: QCoreApplication.translate("Attendance", "Status"),
        }.get(section)

    def who(self, person: str) -> str:
        return self.names.get(person) or person

    def status_text(self, r: RegisterRow) -> str:
        if r.stored is None:
            if r.settle is Settle.NOT_DUE:
                return QCoreApplication.translate("Attendance", "Shift not started")
            if r.settle is Settle.IN_SHIFT:
                return QCoreApplication.translate("Attendance", "Shift under way")
            return QCoreApplication.translate("Attendance", "To confirm")
        who = self.who(r.stored.updated_by)
        if r.differs:
            return QCoreApplication.translate("Attendance", "Corrected by {who}").format(who=who)
        if r.stored.source == "import":
            return QCoreApplication.translate("Attendance", "Imported by {who}").format(who=who)
        return QCoreApplication.translate("Attendance", "Confirmed by {who}").format(who=who)

    def display(self, r: RegisterRow, col: int) -> str | None:
        if col == R_AGENT:
            return r.agent
        if col == R_NAME:
            return r.name
        if col == R_GROUP:
            return r.group or "—"
        if col == R_SHIFT:
            return r.shift or "—"
        if col == R_IN:
            return clock_text(r.first_login, self.tz, r.suggested.day)
        if col == R_OUT:
            if r.still_logged_in:
                return QCoreApplication.translate("Attendance", "Logged in")
            return clock_text(r.last_logout, self.tz, r.suggested.day)
        if col == R_SUGGESTED:
            if r.settle is Settle.NOT_DUE:
                return QCoreApplication.translate("Attendance", "Not due yet")
            if r.settle is Settle.IN_SHIFT:
                return QCoreApplication.translate("Attendance", "{record} so far").format(
                    record=record_text(r.suggested))
            return record_text(r.suggested)
        if col == R_RECORD:
            if r.stored is None and r.settle is Settle.NOT_DUE:
                return "—"
            if r.stored is None:
                return QCoreApplication.translate("Attendance", "Unconfirmed")
            return record_text(r.stored.record)
        if col == R_STATUS:
            return self.status_text(r)
        return None

    def tooltip(self, r: RegisterRow, col: int) -> str | None:
        if col == R_SUGGESTED and r.settle is Settle.NOT_DUE:
            return QCoreApplication.translate(
                "Attendance", "The shift has not reached its start plus the login grace: "
                "nothing is proposed yet.")
        if col == R_SUGGESTED and r.settle is Settle.IN_SHIFT:
            return QCoreApplication.translate(
                "Attendance", "The shift is under way: this may still change, and "
                "“Confirm all” leaves it until the shift is over.")
        if col == R_SUGGESTED and r.suggested.note:
            return r.suggested.note
        if col == R_RECORD and r.stored is not None and r.stored.record.note:
            return r.stored.record.note
        if col == R_STATUS and r.stored is not None:
            return QCoreApplication.translate(
                "Attendance", "Saved by {who} at {when} (version {v})"
            ).format(
                who=self.who(r.stored.updated_by),
                when=local(r.stored.updated_at, self.tz).strftime("%Y-%m-%d %H:%M"),
                v=r.stored.version,
            )
        return None

    def cell(self, r: RegisterRow, col: int, role: int) -> Any:
        if role == Qt.ItemDataRole.DisplayRole:
            return self.display(r, col)
        if role == Qt.ItemDataRole.ToolTipRole:
            return self.tooltip(r, col)
        not_due = r.stored is None and r.settle is Settle.NOT_DUE
        # the colours are the theme's in force: pale on the light theme, deep on the dark
        if role == Qt.ItemDataRole.BackgroundRole and not r.confirmed and not not_due:
            return pending_bg()
        if role == Qt.ItemDataRole.ForegroundRole and not_due:
            return quiet_text()
        if role == Qt.ItemDataRole.ForegroundRole:
            if col == R_RECORD and not r.confirmed:
                return amber_text()
            if col == R_STATUS and r.differs:
                return mark_alert()
            if not r.confirmed:
                return mark_text()
            return None
        if role == Qt.ItemDataRole.FontRole and col == R_RECORD and not r.confirmed \
                and not not_due:
            f = QFont()
            f.setBold(True)
            return f
        if role == KEY_ROLE:
            return r.agent
        if role == STATE_ROLE:
            return register_state(r)
        return None


class RegisterPage(QWidget):
    """The register tab. ``ask_confirm`` and ``show_conflict`` are attributes so tests
    can answer them without a modal loop."""

    #: the register of a day is on screen (or its load failed)
    register_loaded = Signal()
    #: an answer to a save (done, refused or conflict) is on screen
    saved = Signal()
    #: "confirm all" has its answer on screen (all confirmed, or none)
    confirm_all_finished = Signal()

    def __init__(self, backend: AttendanceSource, people: Mapping[str, str],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("attendanceRegisterTab")
        self.backend = backend
        #: 工号 → 姓名 of everyone the answers named (the dialog's, shared)
        self.people = people
        confirm = weakref.WeakMethod(self._confirm_dialog)
        self.ask_confirm: Callable[[str], bool] = lambda text: bool((m := confirm()) and m(text))
        self.show_conflict: conflict.Show = conflict.show_conflict
        self.shown_day: date | None = None
        self._seq = 0
        self.saving: str | None = None  # the agent whose save is under way
        self._batch: BulkConfirm | None = None
        self._panel_row: RegisterRow | None = None
        self._filling = False
        self._reloading = False
        self._keep_values_for: str | None = None
        self._reason_missing = False
        self.model = RegisterModel(self)
        self.model.names = people
        self._build()

    # -- layout

    def _build(self) -> None:
        v = QVBoxLayout(self)
        top = QHBoxLayout()
        self.day_label = QLabel(self)
        self.day_edit = QDateEdit(self)
        self.day_edit.setObjectName("attendanceDay")
        self.day_edit.setCalendarPopup(True)
        self.day_edit.setDisplayFormat("yyyy-MM-dd")
        self.day_edit.dateChanged.connect(self._day_changed)
        self.day_label.setBuddy(self.day_edit)
        top.addWidget(self.day_label)
        top.addWidget(self.day_edit)
        self.reload_button = QPushButton(self)
        self.reload_button.setObjectName("attendanceReload")
        self.reload_button.setAutoDefault(False)
        self.reload_button.clicked.connect(lambda: self.reload())
        top.addWidget(self.reload_button)
        self.unconfirmed_label = QLabel(self)
        self.unconfirmed_label.setObjectName("attendanceUnconfirmedCount")
        top.addWidget(self.unconfirmed_label)
        self.exceptions_only = QCheckBox(self)
        self.exceptions_only.setObjectName("attendanceExceptionsOnly")
        self.exceptions_only.toggled.connect(lambda _on: self._apply_filter())
        top.addWidget(self.exceptions_only)
        top.addStretch(1)
        self.confirm_all_button = QPushButton(self)
        self.confirm_all_button.setObjectName("attendanceConfirmAll")
        self.confirm_all_button.setAutoDefault(False)
        self.confirm_all_button.clicked.connect(self.confirm_all)
        top.addWidget(self.confirm_all_button)
        v.addLayout(top)

        self.table = make_table(self, "attendanceRegister", self.model)
        self.table.selectionModel().selectionChanged.connect(
            lambda _a, _b: self._selection_changed())
        v.addWidget(self.table, 1)
        self.daily_check = QLabel(self)
        self.daily_check.setObjectName("attendanceDailyCheck")
        v.addWidget(self.daily_check)
        v.addWidget(self._build_panel())
        self.status = StatusLine(self, "attendanceStatus")
        v.addWidget(self.status)

    def _build_panel(self) -> QGroupBox:
        self.edit_box = QGroupBox(self)
        self.edit_box.setObjectName("attendanceEditPanel")
        form = QFormLayout(self.edit_box)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.type_label = QLabel(self.edit_box)
        self.type_combo = QComboBox(self.edit_box)
        self.type_combo.setObjectName("attendanceType")
        for code in TYPE_CODES:
            self.type_combo.addItem("", code)
        self.type_combo.currentIndexChanged.connect(lambda _i: self._panel_changed())
        self.type_label.setBuddy(self.type_combo)
        row = QHBoxLayout()
        row.addWidget(self.type_combo)
        self.late_label = QLabel(self.edit_box)
        self.late_spin = QSpinBox(self.edit_box)
        self.late_spin.setObjectName("attendanceLate")
        self.late_label.setBuddy(self.late_spin)
        self.early_label = QLabel(self.edit_box)
        self.early_spin = QSpinBox(self.edit_box)
        self.early_spin.setObjectName("attendanceEarly")
        self.early_label.setBuddy(self.early_spin)
        for spin in (self.late_spin, self.early_spin):
            spin.setRange(0, 1440)
            spin.valueChanged.connect(lambda _v: self._panel_changed())
        for w in (self.late_label, self.late_spin, self.early_label, self.early_spin):
            row.addWidget(w)
        row.addStretch(1)
        form.addRow(self.type_label, row)
        self.note_label = QLabel(self.edit_box)
        self.note_edit = QLineEdit(self.edit_box)
        self.note_edit.setObjectName("attendanceNote")
        self.note_edit.setMaxLength(500)
        self.note_edit.textChanged.connect(lambda _t: self._panel_changed())
        self.note_label.setBuddy(self.note_edit)
        form.addRow(self.note_label, self.note_edit)
        self.reason_label = QLabel(self.edit_box)
        self.reason_edit = QLineEdit(self.edit_box)
        self.reason_edit.setObjectName("attendanceReason")
        self.reason_edit.setMaxLength(500)
        self.reason_edit.textChanged.connect(lambda _t: self._reason_changed())
        self.reason_label.setBuddy(self.reason_edit)
        form.addRow(self.reason_label, self.reason_edit)
        self.reason_hint = QLabel(self.edit_box)
        self.reason_hint.setObjectName("attendanceReasonHint")
        self.reason_hint.setWordWrap(True)
        form.addRow("", self.reason_hint)
        buttons = QHBoxLayout()
        self.confirm_button = QPushButton(self.edit_box)
        self.confirm_button.setObjectName("attendanceConfirm")
        self.confirm_button.setAutoDefault(False)
        self.confirm_button.clicked.connect(self.confirm_selected)
        self.save_button = QPushButton(self.edit_box)
        self.save_button.setObjectName("attendanceSave")
        self.save_button.setAutoDefault(False)
        self.save_button.clicked.connect(self.save_correction)
        buttons.addWidget(self.confirm_button)
        buttons.addWidget(self.save_button)
        buttons.addStretch(1)
        form.addRow(buttons)
        return self.edit_box

    def retranslate(self) -> None:
        self.day_label.setText(QCoreApplication.translate("Attendance", "&Date"))
        self.reload_button.setText(QCoreApplication.translate("Attendance", "Reload"))
        self.exceptions_only.setText(QCoreApplication.translate("Attendance", "Exceptions only"))
        self.exceptions_only.setToolTip(QCoreApplication.translate(
            "Attendance", "Show only late, early, leave, absence and corrected rows."))
        self.confirm_all_button.setText(
            QCoreApplication.translate("Attendance", "Confirm all unconfirmed"))
        self.confirm_all_button.setToolTip(QCoreApplication.translate(
            "Attendance", "Save the platform's suggestion as it is for every row not "
            "confirmed yet, in one save: all of them or none; rows of a shift not started "
            "or still under way wait until the shift is over."))
        self.type_label.setText(QCoreApplication.translate("Attendance", "&Type"))
        for i, code in enumerate(TYPE_CODES):
            self.type_combo.setItemText(i, type_label(code))
        self.late_label.setText(QCoreApplication.translate("Attendance", "Minutes &late"))
        self.early_label.setText(QCoreApplication.translate("Attendance", "Minutes left &early"))
        self.note_label.setText(QCoreApplication.translate("Attendance", "&Note"))
        self.reason_label.setText(QCoreApplication.translate("Attendance", "&Reason"))
        self.reason_edit.setPlaceholderText(QCoreApplication.translate(
            "Attendance", "Why the register departs from what the platform saw"))
        self.confirm_button.setText(QCoreApplication.translate("Attendance", "&Confirm"))
        self.confirm_button.setToolTip(QCoreApplication.translate(
            "Attendance", "Save this row as the platform suggests it."))
        self.save_button.setText(QCoreApplication.translate("Attendance", "&Save correction"))
        self.model.refresh()
        self._render_info()
        self._render_panel()

    # -- common

    @property
    def tz(self) -> ZoneInfo:
        return floor_tz(self.backend)

    def message_text(self) -> str:
        return self.status.text()

    def show_failure(self, text: str) -> None:
        """Where a request's unhandled failure goes (console.ops.Request)."""
        self.status.fail(text)

    def _confirm_dialog(self, text: str) -> bool:
        return dialogs.confirm(self, QCoreApplication.translate("Attendance", "Attendance"), text)

    # -- the day

    def day(self) -> date:
        return from_qdate(self.day_edit.date())

    def set_day(self, d: date, *, load: bool = True) -> None:
        """Show the register of ``d`` (loads it unless ``load`` is False)."""
        self._filling = not load
        try:
            self.day_edit.setDate(to_qdate(d))
        finally:
            self._filling = False

    def _day_changed(self, _d: QDate) -> None:
        if not self._filling:
            self.reload()

    def reload(self, announce: bool = True) -> None:
        """Load the register of the chosen day; ``announce=False`` keeps the message
        on screen (a reload after a conflict explains itself)."""
        self._seq += 1
        seq, day = self._seq, self.day()
        if announce:
            self.status.say(QCoreApplication.translate("Attendance", "Loading the register…"))
        self.backend.load_register(self, day).done(tagged(self._registered, seq, day)).refused(
            tagged(self._register_failed, seq)).run()

    def _registered(self, seq: int, day: date, rows: Sequence[RegisterRow]) -> None:
        if seq != self._seq:
            return  # an older load: the leader moved on
        keep = self.selected_agent() or (self._panel_row.agent if self._panel_row else None)
        if self.shown_day != day:
            keep = None
        self.shown_day = day
        self.model.tz = self.tz
        self._reloading = True
        try:
            self.model.set_rows(rows)
            if keep is not None:
                self.select_agent(keep)
        finally:
            self._reloading = False
        row = self.selected_row()
        if row is None:
            self._load_panel(None)
        elif self._keep_values_for == row.agent or (
                self._panel_row is not None and self._panel_row.agent == row.agent
                and self._panel_dirty()):
            # what the leader typed stays; the new row is what it now differs from
            self._panel_row = row
            self._render_panel()
        else:
            self._load_panel(row)
        self._keep_values_for = None
        if self.status.text() == QCoreApplication.translate("Attendance", "Loading the register…"):
            self.status.clear()
        self._render_info()
        self.register_loaded.emit()

    def _register_failed(self, seq: int, message: str) -> None:
        if seq != self._seq:
            return
        self.status.fail(QCoreApplication.translate(
            "Attendance", "The register could not be loaded: {why}").format(why=message))
        self.register_loaded.emit()

    def names_changed(self) -> None:
        """The shared names grew (the leave list named more people)."""
        self.model.refresh()

    # -- what the table shows

    def _render_info(self) -> None:
        rows = self.model.rows()
        n = sum(1 for r in rows if not r.confirmed and r.settle is not Settle.NOT_DUE)
        later = sum(1 for r in rows if not r.confirmed and r.settle is Settle.NOT_DUE)
        text = QCoreApplication.translate("Attendance", "Unconfirmed: {n}").format(n=n) \
            if rows else ""
        if later:
            text += "    " + QCoreApplication.translate(
                "Attendance", "Shift not started: {n}").format(n=later)
        self.unconfirmed_label.setText(text)
        paint(self.unconfirmed_label, Tone.WARN if n else Tone.PLAIN)
        self._apply_filter()
        self._render_daily_check()
        self._buttons()

    def _apply_filter(self) -> None:
        """"Exceptions only" hides the plain rows (the model keeps them all)."""
        only = self.exceptions_only.isChecked()
        for i, r in enumerate(self.model.rows()):
            self.table.setRowHidden(i, only and not is_exception(r))

    def visible_agents(self) -> list[str]:
        """The agents of the rows on screen, in order (what the filter leaves)."""
        return [r.agent for i, r in enumerate(self.model.rows())
                if not self.table.isRowHidden(i)]

    def daily_counts(self) -> tuple[int, int]:
        """(late, on leave) in the register as it stands (saved, else suggested)."""
        recs = [r.record for r in self.model.rows()]
        late = sum(1 for r in recs if r.type in WORKING_TYPES and r.late_min > 0)
        leave = sum(1 for r in recs if r.type in LEAVE_TYPES)
        return late, leave

    def _render_daily_check(self) -> None:
        if not self.model.rows():
            self.daily_check.setText("")
            self.daily_check.setProperty("alarm", False)
            paint(self.daily_check, Tone.PLAIN)
            return
        try:
            pol = self.backend.policy().attendance
            max_late, max_leave = pol.daily_max_late, pol.daily_max_leave
        except Exception:  # noqa: BLE001 - no policy: counts without limits
            max_late = max_leave = 0
        late, leave = self.daily_counts()
        parts = [
            QCoreApplication.translate("Attendance", "Late: {n} (limit {max})").format(
                n=late, max=max_late) if max_late
            else QCoreApplication.translate("Attendance", "Late: {n}").format(n=late),
            QCoreApplication.translate("Attendance", "On leave: {n} (limit {max})").format(
                n=leave, max=max_leave) if max_leave
            else QCoreApplication.translate("Attendance", "On leave: {n}").format(n=leave),
        ]
        alarm = bool((max_late and late > max_late) or (max_leave and leave > max_leave))
        text = "    ".join(parts)
        if alarm:
            text += "    " + QCoreApplication.translate("Attendance", "Above the daily limit.")
        self.daily_check.setText(text)
        self.daily_check.setProperty("alarm", alarm)
        paint(self.daily_check, Tone.ERROR if alarm else Tone.PLAIN, bold=alarm)

    def selected_row(self) -> RegisterRow | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.row_at(rows[0].row()) if rows else None

    def selected_agent(self) -> str | None:
        r = self.selected_row()
        return r.agent if r else None

    def select_agent(self, agent: str) -> bool:
        i = self.model.row_of(agent)
        if i is None:
            return False
        self.table.selectionModel().select(
            self.model.index(i, 0),
            QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows)
        self.table.setCurrentIndex(self.model.index(i, 0))
        return True

    def _selection_changed(self) -> None:
        if self._reloading:
            return
        row = self.selected_row()
        if row is not None and self._panel_row is not None and row.agent == self._panel_row.agent:
            return
        self._load_panel(row)

    # -- the edit panel

    def _load_panel(self, row: RegisterRow | None) -> None:
        """Fill the panel from ``row`` (its saved record, else the suggestion)."""
        self._panel_row = row
        self._reason_missing = False
        self._filling = True
        try:
            rec = row.record if row is not None else None
            self.type_combo.setCurrentIndex(TYPE_CODES.index(str(rec.type)) if rec else 0)
            self.late_spin.setValue(rec.late_min if rec else 0)
            self.early_spin.setValue(rec.early_min if rec else 0)
            self.note_edit.setText(rec.note if rec else "")
            self.reason_edit.clear()
        finally:
            self._filling = False
        self._render_panel()

    def panel_type(self) -> AttType:
        return AttType(str(self.type_combo.currentData()))

    def set_panel(self, type_: AttType | str, late: int = 0, early: int = 0,
                  note: str | None = None, reason: str | None = None) -> None:
        """Fill the panel as the leader would (tests and tools)."""
        self.type_combo.setCurrentIndex(TYPE_CODES.index(str(type_)))
        self.late_spin.setValue(late)
        self.early_spin.setValue(early)
        if note is not None:
            self.note_edit.setText(note)
        if reason is not None:
            self.reason_edit.setText(reason)

    def panel_record(self) -> AttendanceRecord | None:
        """The record the panel shows (minutes only for 迟到早退)."""
        row = self._panel_row
        if row is None:
            return None
        t = self.panel_type()
        le = t is AttType.LATE_EARLY
        return AttendanceRecord(row.suggested.day, row.agent, t,
                                self.late_spin.value() if le else 0,
                                self.early_spin.value() if le else 0,
                                self.note_edit.text().strip())

    def _panel_dirty(self) -> bool:
        rec = self.panel_record()
        return (rec is not None and self._panel_row is not None
                and record_fields(rec) != record_fields(self._panel_row.record))

    def differences(self) -> list[tuple[str, str, str]]:
        """(field, the platform's value, the panel's) where the panel departs from
        the suggestion — a correction, which needs a reason."""
        rec = self.panel_record()
        if rec is None or self._panel_row is None:
            return []
        names = field_labels()
        mine, platform = record_fields(rec), record_fields(self._panel_row.suggested)
        return [(names[f], value_text(f, platform[f]), value_text(f, mine[f]))
                for f in mine if mine[f] != platform[f]]

    def reason_required(self) -> bool:
        return bool(self.differences())

    def _panel_changed(self) -> None:
        if not self._filling:
            self._render_panel()

    def _reason_changed(self) -> None:
        if self.reason_edit.text().strip():
            self._reason_missing = False
        self._render_panel()

    def _render_panel(self) -> None:
        row = self._panel_row
        le = self.panel_type() is AttType.LATE_EARLY
        self.late_spin.setEnabled(le)
        self.early_spin.setEnabled(le)
        suffix = QCoreApplication.translate("Attendance", " min")
        self.late_spin.setSuffix(suffix)
        self.early_spin.setSuffix(suffix)
        if row is None:
            self.edit_box.setTitle(QCoreApplication.translate(
                "Attendance", "Select a row to confirm or correct it"))
            self.reason_hint.setText("")
            paint(self.reason_hint, Tone.PLAIN)
        else:
            self.edit_box.setTitle(QCoreApplication.translate(
                "Attendance", "{agent} {name} · {day}").format(
                agent=row.agent, name=row.name, day=row.suggested.day.isoformat()))
            diffs = self.differences()
            if diffs:
                what = "; ".join(QCoreApplication.translate(
                    "Attendance", "{field}: platform “{platform}”, yours “{yours}”").format(
                    field=f, platform=p, yours=y) for f, p, y in diffs)
                self.reason_hint.setText(QCoreApplication.translate(
                    "Attendance",
                    "A reason is required: this differs from what the platform saw ({what}).",
                ).format(what=what))
                missing = self._reason_missing and not self.reason_edit.text().strip()
                paint(self.reason_hint, Tone.ERROR if missing else Tone.WARN)
            else:
                self.reason_hint.setText(QCoreApplication.translate(
                    "Attendance", "As the platform suggests: no reason needed."))
                paint(self.reason_hint, Tone.QUIET)
        self._buttons()

    def busy(self) -> bool:
        return self.saving is not None or self._batch is not None

    def _buttons(self) -> None:
        row = self._panel_row
        busy = self.busy()
        self.edit_box.setEnabled(row is not None and not busy)
        dirty = self._panel_dirty()
        self.confirm_button.setEnabled(
            row is not None and not busy and not row.confirmed and not dirty
            and row.settle is not Settle.NOT_DUE)
        self.save_button.setEnabled(row is not None and not busy and dirty)
        self.confirm_all_button.setEnabled(not busy and bool(bulk_confirm(self.model.rows()).rows))
        self.day_edit.setEnabled(self._batch is None)
        self.reload_button.setEnabled(self._batch is None)

    # -- saving one row

    def confirm_selected(self) -> bool:
        """Save the selected, unconfirmed row as the platform suggests it."""
        row = self._panel_row
        if row is None or row.confirmed or self.busy() or self._panel_dirty():
            return False
        if row.settle is Settle.NOT_DUE:  # issue #12: nothing proposed yet
            self.status.warn(QCoreApplication.translate(
                "Attendance", "{agent}'s shift has not started: nothing to confirm yet."
            ).format(agent=row.agent))
            return False
        self._save(row, row.suggested, "")
        return True

    def save_correction(self) -> bool:
        """Save what the panel shows; refused here (nothing sent) when a reason is
        needed and missing, or the minutes do not fit the type."""
        row = self._panel_row
        rec = self.panel_record()
        if row is None or rec is None or self.busy():
            return False
        if rec.type is AttType.LATE_EARLY and not (rec.late_min or rec.early_min):
            self.status.fail(QCoreApplication.translate(
                "Attendance", "Enter the minutes late or left early for “Late / left early”."))
            self.late_spin.setFocus()
            return False
        reason = self.reason_edit.text().strip()
        if self.reason_required() and not reason:
            self._reason_missing = True
            self._render_panel()
            self.status.fail(QCoreApplication.translate(
                "Attendance", "Not saved: a correction needs a reason."))
            self.reason_edit.setFocus()
            return False
        self._save(row, rec, reason)
        return True

    def _save(self, row: RegisterRow, rec: AttendanceRecord, reason: str) -> None:
        self.saving = agent = row.agent
        day = row.suggested.day
        self._buttons()
        self.status.say(QCoreApplication.translate("Attendance", "Saving {agent}…").format(
            agent=agent))
        self.backend.save_record(
            self, rec, row.stored.version if row.stored else 0, reason, row.suggested,
            row.record).done(tagged(self._saved, agent, day)).refused(
            tagged(self._save_refused, agent)).conflict(tagged(self._save_conflict, agent)).run()

    def _apply_stored(self, agent: str, day: date, stored: Any) -> RegisterRow | None:
        if day != self.shown_day or not isinstance(stored, Stored):
            return None
        i = self.model.row_of(agent)
        old = self.model.row_at(i) if i is not None else None
        if old is None:
            return None
        new = dataclasses.replace(old, stored=stored)
        self.model.replace(new)
        return new

    def _saved(self, agent: str, day: date, stored: Any) -> None:
        self.saving = None
        new = self._apply_stored(agent, day, stored)
        if new is not None and self._panel_row is not None and self._panel_row.agent == agent:
            self._load_panel(new)
        rec = stored.record if isinstance(stored, Stored) else None
        self.status.say(QCoreApplication.translate("Attendance", "Saved: {agent} {record}.").format(
            agent=agent, record=record_text(rec) if rec else ""))
        self._render_info()
        self.saved.emit()

    def _save_refused(self, agent: str, message: str) -> None:
        self.saving = None
        self.status.fail(QCoreApplication.translate(
            "Attendance", "Not saved ({agent}): {why}").format(agent=agent, why=message))
        self._buttons()
        self.saved.emit()

    def _save_conflict(self, agent: str, e: StaleEdit) -> None:
        self.saving = None
        self._buttons()
        self.show_conflict(self, conflict.conflict_title(),
                           conflict_message(e, field_labels(), self.tz, self.people))
        self.status.warn(QCoreApplication.translate(
            "Attendance",
            "{agent} was saved by someone else first: the register has been "
            "reloaded. Your values are still in the form; save again if they "
            "are still right.",
        ).format(agent=agent))
        self._keep_values_for = agent
        self.saved.emit()
        self.reload(announce=False)

    # -- confirm all: one request, all or none (issue #15 step 3)

    def confirm_all(self) -> bool:
        """Confirm the platform's suggestion for every unconfirmed, settled row in ONE
        save (:func:`models.domain.shiftrecords.bulk_confirm` says which): a row whose
        form has unsaved changes is left out, and so is every row of a shift not
        started or still under way (issue #12: at 01:48 the day shift's "absences"
        are not absences yet). Either every row is confirmed or none is."""
        if self.busy():
            return False
        editing = self._panel_row.agent if self._panel_row is not None and \
            self._panel_dirty() else None
        plan = bulk_confirm(self.model.rows(), editing)
        wait = " " + QCoreApplication.translate(
            "Attendance", "{k} rows of shifts not started or still under way are left until "
            "the shift is over.").format(k=plan.later) if plan.later else ""
        if not plan.rows:
            self.status.say(QCoreApplication.translate(
                "Attendance", "Nothing to confirm: every row is confirmed or being edited.")
                + wait)
            return False
        if not self.ask_confirm(QCoreApplication.translate(
                "Attendance", "Confirm the platform's suggestion as it is for {n} agents?"
        ).format(n=len(plan.rows)) + wait):
            return False
        self._batch = plan
        day = self.shown_day
        self._buttons()
        self.status.say(QCoreApplication.translate("Attendance", "Confirming {n} rows…").format(
            n=len(plan.rows)))
        self.backend.confirm_records(self, [r.suggested for r in plan.rows]).done(
            tagged(self._batch_saved, day)).refused(self._batch_refused).conflict(
            self._batch_conflict).run()
        return True

    def _left_out(self, plan: BulkConfirm) -> str:
        if not plan.editing:
            return ""
        return " " + QCoreApplication.translate(
            "Attendance", "Left out (the form has unsaved changes): {agents}.").format(
            agents="、".join(plan.editing))

    def _batch_saved(self, day: date | None, stored: Sequence[Stored]) -> None:
        plan = self._batch
        if plan is None:
            return
        self._batch = None
        if day == self.shown_day:  # one refresh for the lot, not one per row
            by_agent = {s.record.agent: s for s in stored}
            self.model.set_rows([dataclasses.replace(r, stored=by_agent[r.agent])
                                 if r.agent in by_agent else r for r in self.model.rows()])
        self.status.ok(QCoreApplication.translate("Attendance", "Confirmed {ok} of {n}.").format(
            ok=len(stored), n=len(plan.rows)) + self._left_out(plan))
        self._render_info()
        if self._panel_row is not None:
            i = self.model.row_of(self._panel_row.agent)
            row = self.model.row_at(i) if i is not None else None
            if row is not None and row.stored != self._panel_row.stored:
                self._load_panel(row)
        self.confirm_all_finished.emit()

    def _batch_refused(self, message: str) -> None:
        plan = self._batch
        if plan is None:
            return
        self._batch = None
        self.status.fail(QCoreApplication.translate(
            "Attendance", "Nothing was confirmed: {why}").format(why=message))
        self._render_info()
        self.confirm_all_finished.emit()

    def _batch_conflict(self, e: StaleEdit) -> None:
        plan = self._batch
        if plan is None:
            return
        self._batch = None
        agent = e.current.record.agent if isinstance(e.current, Stored) else e.what
        self.status.warn(QCoreApplication.translate(
            "Attendance", "Nothing was confirmed: {agent} had been saved by someone else "
            "meanwhile. The register was reloaded; confirm all again for the others."
        ).format(agent=agent))
        self._render_info()
        self.confirm_all_finished.emit()
        self.reload(announce=False)

