"""The units' contact list an urgent ticket is escalated to (R-URGENT-2), edited in
one dialog: a copy of the list, saved as one change (checked and audited in the
database, :mod:`console.alerts_backend`).
"""

from __future__ import annotations

import re
import weakref
from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import QCoreApplication, QEvent, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
)

from models.domain.records import Contact
from views.alerts.source import AlertsSource
from views.kit import dialogs
from views.kit.status import StatusLine


class ContactsDialog(QDialog):
    """The units (承办单位), their heads and phone numbers that an urgent ticket is
    escalated to (R-URGENT-2), in escalation order. Edits a copy; Save replaces
    the list as one change (checked and audited in the database); a refused row
    is selected and the reason shown."""

    loaded = Signal()
    saved = Signal()

    def __init__(self, backend: AlertsSource, parent: Any = None) -> None:
        super().__init__(parent)
        self.setObjectName("contactsDialog")
        self.backend = backend
        self.busy = False
        self.dirty = False
        save = weakref.WeakMethod(self._confirm_dialog)
        self.ask_confirm: Callable[[str], bool] = lambda text: bool((m := save()) and m(text))
        self._build()
        self.retranslate()
        self.resize(720, 420)
        self.reload()

    def _build(self) -> None:
        layout = QVBoxLayout(self)
        self.intro = QLabel(self)
        self.intro.setWordWrap(True)
        layout.addWidget(self.intro)
        self.table = QTableWidget(0, 3, self)
        self.table.setObjectName("contactsTable")
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().setDefaultSectionSize(24)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.itemChanged.connect(self._edited)
        layout.addWidget(self.table, 1)
        row = QHBoxLayout()
        self.add_button = QPushButton(self)
        self.add_button.setObjectName("addContact")
        self.add_button.clicked.connect(self.add_row)
        self.remove_button = QPushButton(self)
        self.remove_button.setObjectName("removeContact")
        self.remove_button.clicked.connect(self.remove_row)
        self.up_button = QPushButton(self)
        self.up_button.clicked.connect(lambda: self._move(-1))
        self.down_button = QPushButton(self)
        self.down_button.clicked.connect(lambda: self._move(1))
        for b in (self.add_button, self.remove_button, self.up_button, self.down_button):
            row.addWidget(b)
        row.addStretch(1)
        self.save_button = QPushButton(self)
        self.save_button.setObjectName("saveContacts")
        self.save_button.clicked.connect(self.save)
        self.close_button = QPushButton(self)
        self.close_button.clicked.connect(self.reject)
        row.addWidget(self.save_button)
        row.addWidget(self.close_button)
        layout.addLayout(row)
        self.status = StatusLine(self, "contactsStatus")
        layout.addWidget(self.status)

    def retranslate(self) -> None:
        self.setWindowTitle(QCoreApplication.translate("Contacts", "Escalation contacts"))
        self.intro.setText(QCoreApplication.translate(
            "Contacts", "When an urgent ticket is not acknowledged in time, or no shift leader "
                        "is on duty, the director and these unit heads are notified at once, "
                        "in this order (R-URGENT-2)."))
        self.table.setHorizontalHeaderLabels([
            QCoreApplication.translate("Contacts", "Unit"),
            QCoreApplication.translate("Contacts", "Head"),
            QCoreApplication.translate("Contacts", "Phone")])
        self.add_button.setText(QCoreApplication.translate("Contacts", "Add"))
        self.remove_button.setText(QCoreApplication.translate("Contacts", "Remove"))
        self.up_button.setText(QCoreApplication.translate("Contacts", "Move up"))
        self.down_button.setText(QCoreApplication.translate("Contacts", "Move down"))
        self.save_button.setText(QCoreApplication.translate("Contacts", "Save"))
        self.close_button.setText(QCoreApplication.translate("Contacts", "Close"))

    def changeEvent(self, e: QEvent) -> None:
        if e.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(e)

    # -- rows

    def rows(self) -> list[Contact]:
        out = []
        for r in range(self.table.rowCount()):
            cells = [self.table.item(r, c) for c in range(3)]
            unit, head, phone = ((x.text().strip() if x is not None else "") for x in cells)
            out.append(Contact(unit, head, phone))
        return out

    def set_rows(self, rows: Sequence[Contact]) -> None:
        self.table.blockSignals(True)
        self.table.setRowCount(0)
        for c in rows:
            self._append(c)
        self.table.blockSignals(False)
        self.table.resizeColumnsToContents()
        self.table.setColumnWidth(0, max(self.table.columnWidth(0), 240))
        self.table.setColumnWidth(1, max(self.table.columnWidth(1), 120))
        self.dirty = False

    def _append(self, c: Contact) -> int:
        r = self.table.rowCount()
        self.table.insertRow(r)
        for col, v in enumerate((c.unit, c.head, c.phone)):
            self.table.setItem(r, col, QTableWidgetItem(v))
        return r

    def add_row(self) -> None:
        r = self._append(Contact("", "", ""))
        self.dirty = True
        self.table.setCurrentCell(r, 0)
        item = self.table.item(r, 0)
        if item is not None and self.isVisible():
            self.table.editItem(item)

    def remove_row(self) -> None:
        r = self.table.currentRow()
        if r >= 0:
            self.table.removeRow(r)
            self.dirty = True

    def _move(self, step: int) -> None:
        r = self.table.currentRow()
        rows = self.rows()
        j = r + step
        if r < 0 or not 0 <= j < len(rows):
            return
        rows[r], rows[j] = rows[j], rows[r]
        self.set_rows(rows)
        self.dirty = True
        self.table.setCurrentCell(j, 0)

    def _edited(self, _item: QTableWidgetItem) -> None:
        self.dirty = True

    # -- loading and saving

    def _busy(self, busy: bool) -> None:
        self.busy = busy
        for b in (self.save_button, self.add_button, self.remove_button, self.up_button,
                  self.down_button):
            b.setEnabled(not busy)

    def show_failure(self, text: str) -> None:
        """A failure no handler took (``console.ops.Request``): on the status line."""
        self.status.fail(text)

    def reload(self) -> None:
        self._busy(True)
        self.status.say(QCoreApplication.translate("Contacts", "Loading…"))
        self.backend.load_contacts(self).done(self._loaded).refused(self._load_failed).run()

    def _loaded(self, rows: list[Contact]) -> None:
        self.set_rows(rows)
        self._busy(False)
        self.status.say(QCoreApplication.translate("Contacts", "{n} contacts.").format(
            n=len(rows)))
        self.loaded.emit()

    def _load_failed(self, message: str) -> None:
        self._busy(False)
        self.status.fail(message)
        self.loaded.emit()

    def save(self) -> None:
        if self.busy:
            return
        self._busy(True)
        self.status.say(QCoreApplication.translate("Contacts", "Saving…"))
        self.backend.save_contacts(self, self.rows()).done(self._saved).refused(
            self._save_failed).run()

    def _saved(self, rows: list[Contact]) -> None:
        self.set_rows(rows)
        self._busy(False)
        self.status.ok(QCoreApplication.translate("Contacts", "Saved: {n} contacts.").format(
            n=len(rows)))
        self.saved.emit()

    def _save_failed(self, message: str) -> None:
        self._busy(False)
        m = re.search(r"contacts\[(\d+)\]", message)
        if m and int(m.group(1)) < self.table.rowCount():
            self.table.setCurrentCell(int(m.group(1)), 0)
        self.status.fail(message)
        self.saved.emit()

    def _confirm_dialog(self, text: str) -> bool:
        return dialogs.confirm(self, QCoreApplication.translate("Contacts", "Unsaved changes"),
                               text)

    def reject(self) -> None:
        """Close, Escape or the window's X: unsaved edits are not dropped unasked."""
        if self.dirty and not self.ask_confirm(QCoreApplication.translate(
                "Contacts", "Close without saving the changes to the contact list?")):
            return
        self.dirty = False
        super().reject()

    def closeEvent(self, e: Any) -> None:
        if not e.spontaneous():
            # closed by the program (a shift change, quitting): no question asked
            self.dirty = False
        super().closeEvent(e)
