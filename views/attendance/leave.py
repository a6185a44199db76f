"""请假: leave requests (DOMAIN §6) — this month's and next with their approval chain
(R-ATT-4), the approve / reject step, and new requests."""

from __future__ import annotations

import contextlib
from collections.abc import Mapping, MutableMapping
from datetime import date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from PySide6.QtCore import QCoreApplication, QItemSelectionModel, Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from models.domain.attendance import LEAVE_TYPES, TYPE_CODES, AttType, approval_roles
from models.domain.shiftrecords import LeaveRequest, StaleEdit
from views import conflict
from views.attendance.common import (
    DEFAULT_TZ,
    KEY_ROLE,
    STATE_ROLE,
    AttendanceSource,
    conflict_message,
    floor_tz,
    mark_alert,
    mark_text,
    pending_bg,
)
from views.attendance.texts import chain_text, leave_status_label, num, role_label, type_label
from views.kit.dates import from_qdate, local, month_end, to_qdate
from views.kit.pending import tagged
from views.kit.status import StatusLine, Tone, paint
from views.kit.table import RowTableModel, make_table

L_AGENT, L_NAME, L_TYPE, L_SPAN, L_DAYS, L_CHAIN, L_STATUS = range(7)

#: leave types in the order of DOMAIN §6
LEAVE_CODES: tuple[str, ...] = tuple(c for c in TYPE_CODES if AttType(c) in LEAVE_TYPES)


class LeaveModel(RowTableModel):
    """Leave requests (LeaveRequest), by start date."""

    COLUMNS = 7

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        #: 工号 → 姓名 (agents and operators)
        self.names: Mapping[str, str] = {}
        self.tz: ZoneInfo = DEFAULT_TZ

    def key(self, item: Any) -> Any:
        return item.id

    def request_at(self, row: int) -> LeaveRequest | None:
        r: LeaveRequest | None = self.item_at(row)
        return r

    def header(self, section: int) -> str | None:
        return {
            L_AGENT: QCoreApplication.translate("Attendance", "Agent ID"),
            L_NAME: QCoreApplication.translate("Attendance", "Name"),
            L_TYPE: QCoreApplication.translate("Attendance", "Leave type"),
            L_SPAN: QCoreApplication.translate("Attendance", "Dates"),
            L_DAYS: QCoreApplication.translate("Attendance", "Days"),
            L_CHAIN: QCoreApplication.translate("Attendance", "Approval"),
            L_STATUS: QCoreApplication.translate("Attendance", "Status"),
        }.get(section)

    def span_text(self, r: LeaveRequest) -> str:
        if r.start == r.end:
            return r.start.isoformat()
        return QCoreApplication.translate("Attendance", "{start} to {end}").format(
            start=r.start.isoformat(), end=r.end.isoformat())

    def steps_text(self, r: LeaveRequest) -> str:
        lines = []
        for s in r.steps:
            who = s.get("by_name") or self.names.get(str(s.get("by", ""))) or s.get("by", "?")
            when = str(s.get("at", ""))
            with contextlib.suppress(ValueError):
                when = local(datetime.fromisoformat(when), self.tz).strftime("%Y-%m-%d %H:%M")
            decision = leave_status_label(str(s.get("decision", "")))
            line = f"{role_label(str(s.get('role', '')))} {who} {when} {decision}"
            if s.get("note"):
                line += f"：{s['note']}"
            lines.append(line)
        if r.reason:
            lines.append(QCoreApplication.translate("Attendance", "Reason: {reason}").format(
                reason=r.reason))
        return "\n".join(lines)

    def display(self, r: LeaveRequest, col: int) -> str | None:
        return {
            L_AGENT: lambda: r.agent,
            L_NAME: lambda: self.names.get(r.agent, ""),
            L_TYPE: lambda: type_label(r.type),
            L_SPAN: lambda: self.span_text(r),
            L_DAYS: lambda: num(r.days),
            L_CHAIN: lambda: chain_text(r),
            L_STATUS: lambda: leave_status_label(r.status),
        }.get(col, lambda: None)()

    def cell(self, r: LeaveRequest, col: int, role: int) -> Any:
        if role == Qt.ItemDataRole.DisplayRole:
            return self.display(r, col)
        if role == Qt.ItemDataRole.ToolTipRole and col in (L_CHAIN, L_STATUS, L_TYPE):
            return self.steps_text(r) or None
        if role == Qt.ItemDataRole.BackgroundRole and r.status == "pending":
            return pending_bg()
        if role == Qt.ItemDataRole.ForegroundRole:
            if r.status == "rejected" and col == L_STATUS:
                return mark_alert()
            if r.status == "pending":
                return mark_text()
            return None
        if role == KEY_ROLE:
            return r.id
        if role == STATE_ROLE:
            return r.status
        return None


class LeavePage(QWidget):
    """The leave tab. ``show_conflict`` is an attribute so tests can answer it."""

    leave_loaded = Signal()
    #: an answer to a new request or a decision is on screen
    leave_answered = Signal()
    #: the list named people: the register's names may read better now
    people_named = Signal()

    def __init__(self, backend: AttendanceSource, people: MutableMapping[str, str],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("attendanceLeaveTab")
        self.backend = backend
        #: 工号 → 姓名 of everyone the answers named (the dialog's, shared)
        self.people = people
        #: agents offered for leave: 工号 → 姓名 (from the register, the summary, the list)
        self.agents: dict[str, str] = {}
        self.show_conflict: conflict.Show = conflict.show_conflict
        self._seq = 0
        self._filling = False
        self.busy = False
        self.model = LeaveModel(self)
        self._build()

    def _build(self) -> None:
        v = QVBoxLayout(self)
        top = QHBoxLayout()
        self.range_label = QLabel(self)
        self.range_label.setObjectName("leaveRange")
        top.addWidget(self.range_label)
        top.addStretch(1)
        self.reload_button = QPushButton(self)
        self.reload_button.setObjectName("leaveReload")
        self.reload_button.setAutoDefault(False)
        self.reload_button.clicked.connect(self.reload)
        top.addWidget(self.reload_button)
        v.addLayout(top)
        self.table = make_table(self, "leaveRequests", self.model)
        self.table.selectionModel().selectionChanged.connect(lambda _a, _b: self._buttons())
        v.addWidget(self.table, 1)
        decide = QHBoxLayout()
        self.note_label = QLabel(self)
        self.note = QLineEdit(self)
        self.note.setObjectName("leaveNote")
        self.note.setMaxLength(500)
        self.note_label.setBuddy(self.note)
        decide.addWidget(self.note_label)
        decide.addWidget(self.note, 1)
        self.approve_button = QPushButton(self)
        self.approve_button.setObjectName("leaveApprove")
        self.approve_button.setAutoDefault(False)
        self.approve_button.clicked.connect(lambda: self.decide_selected(True))
        self.reject_button = QPushButton(self)
        self.reject_button.setObjectName("leaveReject")
        self.reject_button.setAutoDefault(False)
        self.reject_button.clicked.connect(lambda: self.decide_selected(False))
        decide.addWidget(self.approve_button)
        decide.addWidget(self.reject_button)
        v.addLayout(decide)
        v.addWidget(self._build_new())
        self.status = StatusLine(self, "leaveStatus")
        v.addWidget(self.status)

    def _build_new(self) -> QGroupBox:
        self.new_box = QGroupBox(self)
        self.new_box.setObjectName("leaveNewBox")
        form = QFormLayout(self.new_box)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.agent_label = QLabel(self.new_box)
        self.agent = QComboBox(self.new_box)
        self.agent.setObjectName("leaveAgent")
        self.agent.currentIndexChanged.connect(lambda _i: self._buttons())
        self.agent_label.setBuddy(self.agent)
        form.addRow(self.agent_label, self.agent)
        self.type_label = QLabel(self.new_box)
        self.type = QComboBox(self.new_box)
        self.type.setObjectName("leaveType")
        for code in LEAVE_CODES:
            self.type.addItem("", code)
        self.type_label.setBuddy(self.type)
        form.addRow(self.type_label, self.type)
        self.dates_label = QLabel(self.new_box)
        dates = QHBoxLayout()
        self.start = QDateEdit(self.new_box)
        self.start.setObjectName("leaveStart")
        self.end = QDateEdit(self.new_box)
        self.end.setObjectName("leaveEnd")
        for edit in (self.start, self.end):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("yyyy-MM-dd")
            edit.dateChanged.connect(lambda _d: self._preview())
        self.to_label = QLabel(self.new_box)
        dates.addWidget(self.start)
        dates.addWidget(self.to_label)
        dates.addWidget(self.end)
        self.preview = QLabel(self.new_box)
        self.preview.setObjectName("leavePreview")
        dates.addWidget(self.preview, 1)
        self.dates_label.setBuddy(self.start)
        form.addRow(self.dates_label, dates)
        self.reason_label = QLabel(self.new_box)
        self.reason = QLineEdit(self.new_box)
        self.reason.setObjectName("leaveReason")
        self.reason.setMaxLength(500)
        self.reason_label.setBuddy(self.reason)
        form.addRow(self.reason_label, self.reason)
        self.submit_button = QPushButton(self.new_box)
        self.submit_button.setObjectName("leaveSubmit")
        self.submit_button.setAutoDefault(False)
        self.submit_button.clicked.connect(self.submit)
        sub = QHBoxLayout()
        sub.addStretch(1)
        sub.addWidget(self.submit_button)
        form.addRow(sub)
        return self.new_box

    def retranslate(self) -> None:
        self.reload_button.setText(QCoreApplication.translate("Attendance", "Reload"))
        self.note_label.setText(QCoreApplication.translate("Attendance", "Decision note"))
        self.note.setPlaceholderText(
            QCoreApplication.translate("Attendance", "Optional, kept with the decision"))
        self.approve_button.setText(QCoreApplication.translate("Attendance", "&Approve"))
        self.reject_button.setText(QCoreApplication.translate("Attendance", "Re&ject"))
        self.new_box.setTitle(QCoreApplication.translate("Attendance", "New leave request"))
        self.agent_label.setText(QCoreApplication.translate("Attendance", "Agent"))
        self.type_label.setText(QCoreApplication.translate("Attendance", "Leave type"))
        for i, code in enumerate(LEAVE_CODES):
            self.type.setItemText(i, type_label(code))
        self.dates_label.setText(QCoreApplication.translate("Attendance", "Dates"))
        self.to_label.setText(QCoreApplication.translate("Attendance", "to"))
        self.reason_label.setText(QCoreApplication.translate("Attendance", "Reason"))
        self.submit_button.setText(QCoreApplication.translate("Attendance", "Submit request"))
        self.model.refresh()
        self._render_range()
        self._preview()

    @property
    def tz(self) -> ZoneInfo:
        return floor_tz(self.backend)

    def show_failure(self, text: str) -> None:
        """Where a request's unhandled failure goes (console.ops.Request)."""
        self.status.fail(text)

    def set_dates(self, start: date, end: date) -> None:
        """The new request's dates, without a preview per field."""
        self._filling = True
        try:
            self.start.setDate(to_qdate(start))
            self.end.setDate(to_qdate(end))
        finally:
            self._filling = False
        self._preview()

    # -- the list

    def range(self) -> tuple[date, date]:
        """This month and next."""
        first = self.backend.today().replace(day=1)
        return first, month_end(month_end(first) + timedelta(days=1))

    def _render_range(self) -> None:
        try:
            first, last = self.range()
        except Exception:  # noqa: BLE001 - no clock yet
            return
        self.range_label.setText(QCoreApplication.translate(
            "Attendance", "Leave requests from {first} to {last}").format(
            first=first.isoformat(), last=last.isoformat()))

    def reload(self) -> None:
        self._seq += 1
        first, last = self.range()
        self._render_range()
        self.backend.load_leave(self, first, last).done(tagged(self._listed, self._seq)).refused(
            tagged(self._list_failed, self._seq)).run()

    def _listed(self, seq: int, result: Any) -> None:
        if seq != self._seq:
            return
        requests, names = result
        self.people.update(names)
        self.model.names = dict(self.people)
        self.model.tz = self.tz
        keep = self.selected_request()
        self.model.set_rows(requests)
        if keep is not None:
            self.select_request(keep.id)
        for r in requests:
            if r.agent not in self.agents:
                self.agents[r.agent] = names.get(r.agent, "")
        self._fill_agents()
        self.people_named.emit()
        self.leave_loaded.emit()

    def _list_failed(self, seq: int, message: str) -> None:
        if seq != self._seq:
            return
        self.status.fail(QCoreApplication.translate(
            "Attendance", "The leave requests could not be loaded: {why}").format(why=message))
        self.leave_loaded.emit()

    def note_agents(self, agents: Mapping[str, str], *, rename: bool = False) -> None:
        """Agents the other pages know (the register's, the summary's): offered for a
        new request. ``rename``: their names replace the ones known."""
        for aid, name in agents.items():
            if rename:
                self.agents[aid] = name or self.agents.get(aid, "")
            else:
                self.agents.setdefault(aid, name)
        self._fill_agents()

    def _fill_agents(self) -> None:
        current = self.agent.currentData()
        self.agent.blockSignals(True)
        try:
            self.agent.clear()
            for aid in sorted(self.agents):
                name = self.agents[aid] or self.people.get(aid, "")
                self.agent.addItem(f"{aid} {name}".strip(), aid)
            i = self.agent.findData(current)
            self.agent.setCurrentIndex(i if i >= 0 else (0 if self.agents else -1))
        finally:
            self.agent.blockSignals(False)
        self._buttons()

    def selected_request(self) -> LeaveRequest | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.request_at(rows[0].row()) if rows else None

    def select_request(self, request_id: int) -> bool:
        i = self.model.row_of(request_id)
        if i is None:
            return False
        self.table.selectionModel().select(
            self.model.index(i, 0),
            QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows)
        return True

    def _buttons(self) -> None:
        req = self.selected_request()
        can = req is not None and req.status == "pending" and not self.busy
        self.approve_button.setEnabled(can)
        self.reject_button.setEnabled(can)
        self.submit_button.setEnabled(not self.busy and self.agent.count() > 0)
        tip = QCoreApplication.translate("Attendance", "This step needs: {role}").format(
            role=role_label(req.next_role)) if req is not None and req.next_role else ""
        self.approve_button.setToolTip(tip)
        self.reject_button.setToolTip(tip)

    # -- a new request

    def dates(self) -> tuple[date, date]:
        return from_qdate(self.start.date()), from_qdate(self.end.date())

    def _preview(self) -> None:
        if self._filling:
            return
        start, end = self.dates()
        if end < start:
            self.preview.setText(
                QCoreApplication.translate("Attendance", "The leave ends before it starts."))
            paint(self.preview, Tone.ERROR)
            return
        days = (end - start).days + 1
        try:
            roles = approval_roles(self.backend.policy().attendance, float(days))
        except Exception:  # noqa: BLE001 - no policy: the count alone
            roles = ()
        chain = " → ".join(role_label(r) for r in roles)
        self.preview.setText(
            QCoreApplication.translate("Attendance", "{n} days · approved by {chain}").format(
                n=days, chain=chain) if chain
            else QCoreApplication.translate("Attendance", "{n} days").format(n=days))
        paint(self.preview, Tone.PLAIN)

    def submit(self) -> bool:
        agent = self.agent.currentData()
        start, end = self.dates()
        if self.busy:
            return False
        if not agent:
            self.status.fail(QCoreApplication.translate("Attendance", "Choose the agent first."))
            return False
        if end < start:
            self.status.fail(
                QCoreApplication.translate("Attendance", "The leave ends before it starts."))
            return False
        type_ = AttType(str(self.type.currentData()))
        self.busy = True
        self._buttons()
        self.status.say(QCoreApplication.translate("Attendance", "Filing the request…"))
        self.backend.request_leave(self, str(agent), type_, start, end,
                                   self.reason.text().strip()).done(self._filed).refused(
            self._refused).run()
        return True

    def _filed(self, req: Any) -> None:
        self.busy = False
        self.reason.clear()
        if isinstance(req, LeaveRequest):
            msg = QCoreApplication.translate(
                "Attendance", "Leave request #{id} filed for {agent}: {chain}.").format(
                id=req.id, agent=req.agent, chain=chain_text(req))
        else:
            msg = QCoreApplication.translate("Attendance", "Leave request filed.")
        self.status.ok(msg)
        self._buttons()
        self.leave_answered.emit()
        self.reload()

    def _refused(self, message: str) -> None:
        self.busy = False
        self.status.fail(message)
        self._buttons()
        self.leave_answered.emit()

    # -- a decision

    def decide_selected(self, approve: bool) -> bool:
        req = self.selected_request()
        if req is None or req.status != "pending" or self.busy:
            return False
        self.busy = True
        self._buttons()
        self.status.say(QCoreApplication.translate("Attendance", "Sending…"))
        self.backend.decide_leave(self, req.id, approve, req.version,
                                  self.note.text().strip()).done(
            tagged(self._decided, approve)).refused(self._refused).conflict(
            self._decide_conflict).run()
        return True

    def _decided(self, approve: bool, req: Any) -> None:
        self.busy = False
        self.note.clear()
        if isinstance(req, LeaveRequest):
            self.model.replace(req)
            what = (QCoreApplication.translate("Attendance", "Approved #{id}: {chain}.")
                    if approve else
                    QCoreApplication.translate("Attendance", "Rejected #{id}: {chain}.")
                    ).format(id=req.id, chain=chain_text(req))
        else:
            what = (QCoreApplication.translate("Attendance", "Approved.") if approve
                    else QCoreApplication.translate("Attendance", "Rejected."))
        self.status.ok(what)
        self._buttons()
        self.leave_answered.emit()
        self.reload()

    def _decide_conflict(self, e: StaleEdit) -> None:
        self.busy = False
        self._buttons()
        self.show_conflict(self, conflict.conflict_title(), conflict_message(
            e, {"status": QCoreApplication.translate("Attendance", "Status")}, self.tz,
            self.people))
        self.status.warn(QCoreApplication.translate(
            "Attendance", "Someone else decided first: the list has been reloaded."))
        self.leave_answered.emit()
        self.reload()
