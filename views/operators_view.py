"""Operator management for administrators (操作员管理): create operators, assign
roles, reset passwords, unlock and disable accounts.

The dialog renders the list it is given and asks an :class:`OperatorAdmin`
backend (built in ``console``) for every change; it never touches the database.
The backend is the gate: it refuses what the signed-in operator may not do (no
right, the last administrator …) and the refusal is shown in the message line,
never raised. Checks here (ID format, the password typed twice, its minimum
length) only spare the person a round trip; the backend checks them again.

What the sub-dialogs ask is injectable (``ask_new_operator``, ``ask_roles``,
``ask_password``, ``ask_confirm``), as in the main window, so tests drive the
dialog without a nested event loop.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable
from dataclasses import dataclass, field
from datetime import datetime, tzinfo
from typing import Any, Protocol

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QEvent,
    QItemSelection,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from models.domain.roles import Operator, Role
from models.domain.signin import SIGN_IN
from views.kit import dialogs
from views.kit.pending import Pending, tagged
from views.kit.status import Tone, paint
from views.kit.table import make_table
from views.kit.texts import role_name, role_names

#: longest operator ID and name the database takes (models.db.operators checks the same)
MAX_ID = 40
MAX_NAME = 100


class OperatorAdmin(Protocol):
    """What the operators dialog may ask of the outside world
    (console/operators_backend.py); every request answers later, on the GUI thread
    (:class:`views.kit.pending.Pending`): ``done`` with the list or the operator
    changed, ``refused`` with a message for the person (a refusal such as "the floor
    must keep at least one administrator", or a database fault), never an exception.
    Every change is made and audited in the name of :attr:`operator_id`.
    """

    @property
    def operator_id(self) -> str: ...

    def now(self) -> datetime: ...

    def list_operators(self, owner: QObject) -> Pending: ...

    def create_operator(self, owner: QObject, operator_id: str, name: str, password: str,
                        roles: frozenset[Role]) -> Pending: ...

    def set_roles(self, owner: QObject, operator_id: str, roles: frozenset[Role]) -> Pending: ...

    def reset_password(self, owner: QObject, operator_id: str, password: str) -> Pending: ...

    def unlock(self, owner: QObject, operator_id: str) -> Pending: ...

    def set_disabled(self, owner: QObject, operator_id: str, disabled: bool) -> Pending: ...


@dataclass(frozen=True, slots=True)
class NewOperator:
    """What the new-operator form returns. The password is kept out of ``repr`` so
    it cannot reach a log by accident."""

    id: str
    name: str
    password: str = field(repr=False)
    roles: frozenset[Role]


# ---- labels ---------------------------------------------------------------------------


def min_length_text() -> str:
    return QCoreApplication.translate("Operators", "At least {n} characters.").format(
        n=SIGN_IN.min_password_length)


# ---- validation (the backend checks all of it again) -----------------------------------


def password_problem(password: str, again: str) -> str | None:
    n = SIGN_IN.min_password_length
    if len(password) < n:
        return QCoreApplication.translate(
            "Operators", "The password needs at least {n} characters.").format(n=n)
    if password != again:
        return QCoreApplication.translate("Operators", "The two passwords differ.")
    return None


def roles_problem(roles: Collection[Role]) -> str | None:
    if not roles:
        return QCoreApplication.translate(
            "Operators", "Choose at least one role (to stop someone signing in, disable "
                         "the account).")
    return None


def new_operator_problem(existing: Collection[str], operator_id: str, name: str,
                         password: str, again: str, roles: Collection[Role]) -> str | None:
    """The first thing wrong with a new-operator form, or None."""
    oid = operator_id.strip()
    if not oid:
        return QCoreApplication.translate("Operators", "Enter the operator ID (工号).")
    if len(oid) > MAX_ID or any(c.isspace() for c in oid):
        return QCoreApplication.translate(
            "Operators", "An operator ID is 1–{n} characters without spaces.").format(n=MAX_ID)
    if oid in existing:
        return QCoreApplication.translate(
            "Operators", "Operator ID {id} already exists.").format(id=oid)
    if not name.strip() or len(name.strip()) > MAX_NAME:
        return QCoreApplication.translate(
            "Operators", "Enter the name (at most {n} characters).").format(n=MAX_NAME)
    return password_problem(password, again) or roles_problem(roles)


# ---- the table --------------------------------------------------------------------------


Index = QModelIndex | QPersistentModelIndex
COL_ID, COL_NAME, COL_ROLES, COL_STATUS, COL_LAST = range(5)
COLUMNS = 5
#: data(index, OPERATOR_ROLE) is the row's Operator
OPERATOR_ROLE = Qt.ItemDataRole.UserRole + 1


class OperatorTableModel(QAbstractTableModel):
    """Operators sorted by 工号. A new list changes only what changed (rows inserted
    or removed, cells via ``dataChanged``), so the selection survives a reload."""

    def __init__(self, now: Callable[[], datetime], tz: tzinfo | None = None,
                 parent: Any = None) -> None:
        super().__init__(parent)
        self._now = now
        self._tz = tz  # None: this PC's time zone
        self._rows: list[Operator] = []

    # -- contents

    def set_operators(self, operators: Iterable[Operator]) -> None:
        new = sorted(operators, key=lambda o: o.id)
        keep = {o.id for o in new}
        for row in range(len(self._rows) - 1, -1, -1):
            if self._rows[row].id not in keep:
                self.beginRemoveRows(QModelIndex(), row, row)
                del self._rows[row]
                self.endRemoveRows()
        # what is left is a sorted subsequence of ``new``
        for i, op in enumerate(new):
            if i < len(self._rows) and self._rows[i].id == op.id:
                if self._rows[i] != op:
                    self._rows[i] = op
                    self.dataChanged.emit(self.index(i, 0), self.index(i, COLUMNS - 1))
            else:
                self.beginInsertRows(QModelIndex(), i, i)
                self._rows.insert(i, op)
                self.endInsertRows()

    def operators(self) -> list[Operator]:
        return list(self._rows)

    def operator_at(self, row: int) -> Operator | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def row_of(self, operator_id: str) -> int | None:
        for i, o in enumerate(self._rows):
            if o.id == operator_id:
                return i
        return None

    def refresh(self) -> None:
        """Status text depends on the time (a lock lapses) and the language."""
        if self._rows:
            self.dataChanged.emit(self.index(0, 0),
                                  self.index(len(self._rows) - 1, COLUMNS - 1))
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, COLUMNS - 1)

    # -- text

    def local(self, dt: datetime, fmt: str) -> str:
        return dt.astimezone(self._tz).strftime(fmt)

    def status(self, op: Operator) -> str:
        parts = []
        if op.disabled:
            parts.append(QCoreApplication.translate("Operators", "Disabled"))
        if op.locked(self._now()):
            assert op.locked_until is not None
            parts.append(QCoreApplication.translate("Operators", "Locked until {t}").format(
                t=self.local(op.locked_until, "%H:%M")))
        if not parts:
            return QCoreApplication.translate("Operators", "Active")
        return QCoreApplication.translate("Operators", "; ").join(parts)

    # -- QAbstractItemModel

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else COLUMNS

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        if not 0 <= section < COLUMNS:
            return None
        return (QCoreApplication.translate("Operators", "ID"),
                QCoreApplication.translate("Operators", "Name"),
                QCoreApplication.translate("Operators", "Roles"),
                QCoreApplication.translate("Operators", "Status"),
                QCoreApplication.translate("Operators", "Last sign-in"))[section]

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def data(self, index: Index,
             role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        op = self._rows[index.row()]
        col = index.column()
        if role == OPERATOR_ROLE:
            return op
        if role == Qt.ItemDataRole.DisplayRole:
            if col == COL_ID:
                return op.id
            if col == COL_NAME:
                return op.name
            if col == COL_ROLES:
                return role_names(op.roles)
            if col == COL_STATUS:
                return self.status(op)
            if col == COL_LAST:
                return ("—" if op.last_sign_in_at is None
                        else self.local(op.last_sign_in_at, "%Y-%m-%d %H:%M"))
        if role == Qt.ItemDataRole.ToolTipRole and col == COL_STATUS and op.failed_count:
            return QCoreApplication.translate(
                "Operators", "{n} failed sign-in attempts in a row").format(n=op.failed_count)
        return None


# ---- the sub-dialogs ------------------------------------------------------------------------


class _Form(QDialog):
    """A small form with an inline error line: OK checks it before anything is sent."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.layout_ = QVBoxLayout(self)
        self.form = QFormLayout()
        self.layout_.addLayout(self.form)
        self.error = QLabel(self)
        self.error.setObjectName("formError")
        self.error.setWordWrap(True)
        paint(self.error, Tone.ERROR)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                        | QDialogButtonBox.StandardButton.Cancel, self)
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)
        self._tried = False

    def finish_layout(self) -> None:
        self.layout_.addWidget(self.error)
        self.layout_.addWidget(self.buttons)

    def problem(self) -> str | None:
        raise NotImplementedError

    def revalidate(self) -> None:
        """After a first refused OK, the error line follows the edits."""
        if self._tried:
            self.error.setText(self.problem() or "")

    def submit(self) -> None:
        self._tried = True
        p = self.problem()
        self.error.setText(p or "")
        if p is None:
            self.accept()

    def password_fields(self) -> tuple[QLineEdit, QLineEdit]:
        pw, again = QLineEdit(self), QLineEdit(self)
        pw.setObjectName("password")
        again.setObjectName("passwordAgain")
        for e in (pw, again):
            e.setEchoMode(QLineEdit.EchoMode.Password)
            e.textChanged.connect(self.revalidate)
        return pw, again

    def role_boxes(self, checked: Collection[Role]) -> tuple[QGroupBox, dict[Role, QCheckBox]]:
        box = QGroupBox(QCoreApplication.translate("Operators", "Roles"), self)
        lay = QVBoxLayout(box)
        boxes: dict[Role, QCheckBox] = {}
        for r in Role:
            cb = QCheckBox(role_name(r), box)
            cb.setObjectName(f"role_{r.value}")
            cb.setChecked(r in checked)
            cb.toggled.connect(self.revalidate)
            lay.addWidget(cb)
            boxes[r] = cb
        return box, boxes


class NewOperatorDialog(_Form):
    """工号, name, the password typed twice, roles."""

    def __init__(self, existing_ids: Collection[str], parent: Any = None) -> None:
        super().__init__(parent)
        self.setObjectName("newOperatorDialog")
        self.setWindowTitle(QCoreApplication.translate("Operators", "New operator"))
        self._existing = frozenset(existing_ids)
        self.operator_id = QLineEdit(self)
        self.operator_id.setObjectName("operatorId")
        self.operator_id.setMaxLength(MAX_ID)
        self.name = QLineEdit(self)
        self.name.setObjectName("operatorName")
        self.name.setMaxLength(MAX_NAME)
        self.password, self.again = self.password_fields()
        for e in (self.operator_id, self.name):
            e.textChanged.connect(self.revalidate)
        self.form.addRow(QCoreApplication.translate("Operators", "ID"), self.operator_id)
        self.form.addRow(QCoreApplication.translate("Operators", "Name"), self.name)
        self.form.addRow(QCoreApplication.translate("Operators", "Password"), self.password)
        self.form.addRow(QCoreApplication.translate("Operators", "Password again"), self.again)
        hint = QLabel(min_length_text(), self)
        hint.setObjectName("passwordHint")
        self.form.addRow("", hint)
        box, self.roles = self.role_boxes(())
        self.layout_.addWidget(box)
        self.finish_layout()

    def chosen_roles(self) -> frozenset[Role]:
        return frozenset(r for r, cb in self.roles.items() if cb.isChecked())

    def problem(self) -> str | None:
        return new_operator_problem(self._existing, self.operator_id.text(), self.name.text(),
                                    self.password.text(), self.again.text(),
                                    self.chosen_roles())

    def value(self) -> NewOperator:
        return NewOperator(id=self.operator_id.text().strip(), name=self.name.text().strip(),
                           password=self.password.text(), roles=self.chosen_roles())


class RolesDialog(_Form):
    def __init__(self, op: Operator, parent: Any = None) -> None:
        super().__init__(parent)
        self.setObjectName("rolesDialog")
        self.setWindowTitle(QCoreApplication.translate("Operators", "Roles of {id} {name}")
                            .format(id=op.id, name=op.name))
        box, self.roles = self.role_boxes(op.roles)
        self.layout_.addWidget(box)
        self.finish_layout()

    def value(self) -> frozenset[Role]:
        return frozenset(r for r, cb in self.roles.items() if cb.isChecked())

    def problem(self) -> str | None:
        return roles_problem(self.value())


class PasswordDialog(_Form):
    def __init__(self, op: Operator, parent: Any = None) -> None:
        super().__init__(parent)
        self.setObjectName("passwordDialog")
        self.setWindowTitle(QCoreApplication.translate(
            "Operators", "Reset the password of {id} {name}").format(id=op.id, name=op.name))
        self.password, self.again = self.password_fields()
        self.form.addRow(QCoreApplication.translate("Operators", "New password"), self.password)
        self.form.addRow(QCoreApplication.translate("Operators", "Password again"), self.again)
        hint = QLabel(min_length_text(), self)
        hint.setObjectName("passwordHint")
        self.form.addRow("", hint)
        self.finish_layout()

    def value(self) -> str:
        return self.password.text()

    def problem(self) -> str | None:
        return password_problem(self.password.text(), self.again.text())


# ---- the dialog -------------------------------------------------------------------------------


class OperatorsDialog(QDialog):
    """The operator list and what an administrator may do to each operator.

    ``loaded`` is emitted after every load of the list, the reload that follows each
    change included (tests wait on it); ``busy`` is True from a request until then.
    """

    loaded = Signal()

    def __init__(self, backend: OperatorAdmin, tz: tzinfo | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("operatorsDialog")
        self.backend = backend
        self.model = OperatorTableModel(backend.now, tz, self)
        self.busy = False
        #: the list loaded and the backend let us read it (the right to administer)
        self.allowed = False
        self._message: tuple[str, bool] = ("", False)
        self._select_after_load: str | None = None
        self.ask_new_operator: Callable[[], NewOperator | None] = self._new_operator_dialog
        self.ask_roles: Callable[[Operator], frozenset[Role] | None] = self._roles_dialog
        self.ask_password: Callable[[Operator], str | None] = self._password_dialog
        self.ask_confirm: Callable[[str], bool] = self._confirm_dialog
        self._build()
        self.retranslate()
        self.reload()

    def _build(self) -> None:
        self.resize(760, 420)
        layout = QVBoxLayout(self)
        # the user sizes the columns, from these widths
        self.view = make_table(self, "operatorTable", self.model, fit_contents=False)
        for col, width in enumerate((90, 120, 200, 150, 130)):
            self.view.setColumnWidth(col, width)
        self.view.selectionModel().selectionChanged.connect(self._selection_changed)
        self.view.doubleClicked.connect(lambda _i: self.edit_roles())
        layout.addWidget(self.view)
        row = QHBoxLayout()
        self.new_button = self._button("newOperator", self.new_operator, row)
        self.roles_button = self._button("editRoles", self.edit_roles, row)
        self.password_button = self._button("resetPassword", self.reset_password, row)
        self.unlock_button = self._button("unlock", self.unlock, row)
        self.disable_button = self._button("disableEnable", self.toggle_disabled, row)
        row.addStretch(1)
        self.reload_button = self._button("reload", self.reload, row)
        self.close_button = self._button("close", self.close, row)
        layout.addLayout(row)
        self.message = QLabel(self)
        self.message.setObjectName("operatorsMessage")
        self.message.setWordWrap(True)
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.message)
        #: a lock lapses while the dialog is open: refresh the status column and Unlock
        self.status_timer = QTimer(self)
        self.status_timer.setObjectName("operatorsStatusTimer")
        self.status_timer.setInterval(5000)
        self.status_timer.timeout.connect(self._tick)
        self.status_timer.start()

    def _button(self, name: str, slot: Callable[[], Any], row: QHBoxLayout) -> QPushButton:
        b = QPushButton(self)
        b.setObjectName(name)
        b.setAutoDefault(False)
        b.clicked.connect(lambda _=False: slot())
        row.addWidget(b)
        return b

    def retranslate(self) -> None:
        self.setWindowTitle(QCoreApplication.translate("Operators", "Operators and roles"))
        self.new_button.setText(QCoreApplication.translate("Operators", "New operator…"))
        self.roles_button.setText(QCoreApplication.translate("Operators", "Roles…"))
        self.password_button.setText(QCoreApplication.translate("Operators", "Reset password…"))
        self.unlock_button.setText(QCoreApplication.translate("Operators", "Unlock"))
        self.reload_button.setText(QCoreApplication.translate("Operators", "Reload"))
        self.close_button.setText(QCoreApplication.translate("Operators", "Close"))
        self.model.refresh()
        self._update_buttons()

    def changeEvent(self, e: QEvent) -> None:
        if e.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(e)

    def done(self, r: int) -> None:
        self.status_timer.stop()
        super().done(r)

    # ---- state

    def selected(self) -> Operator | None:
        rows = self.view.selectionModel().selectedRows()
        return self.model.operator_at(rows[0].row()) if rows else None

    def select(self, operator_id: str) -> None:
        row = self.model.row_of(operator_id)
        if row is not None:
            self.view.selectRow(row)

    def _selection_changed(self, _a: QItemSelection, _b: QItemSelection) -> None:
        self._update_buttons()

    def _tick(self) -> None:
        self.model.refresh()
        self._update_buttons()

    def _update_buttons(self) -> None:
        op = self.selected()
        ready = self.allowed and not self.busy
        chosen = ready and op is not None
        self.new_button.setEnabled(ready)
        self.roles_button.setEnabled(chosen)
        self.password_button.setEnabled(chosen)
        self.unlock_button.setEnabled(chosen and op is not None
                                      and op.locked(self.backend.now()))
        # disabling yourself would end your own session: another administrator does it
        self.disable_button.setEnabled(chosen and op is not None
                                       and (op.disabled or op.id != self.backend.operator_id))
        enable = op is not None and op.disabled
        self.disable_button.setText(QCoreApplication.translate("Operators", "Enable")
                                    if enable else
                                    QCoreApplication.translate("Operators", "Disable"))
        self.reload_button.setEnabled(not self.busy)

    def _say(self, text: str, error: bool = False) -> None:
        self._message = (text, error)
        self.message.setText(text)
        paint(self.message, Tone.ERROR if error else Tone.PLAIN)

    def show_failure(self, text: str) -> None:
        """A request's failure no handler took: on the message line."""
        self._say(text, True)

    def message_text(self) -> str:
        return self.message.text()

    # ---- loading

    def reload(self) -> None:
        self.busy = True
        self._update_buttons()
        if not self._message[0]:
            self._say(QCoreApplication.translate("Operators", "Loading…"))
        self.backend.list_operators(self).done(self._loaded).refused(self._load_failed).run()

    def _loaded(self, operators: list[Operator]) -> None:
        self.model.set_operators(operators)
        self.allowed = True
        self.busy = False
        if self._message == (QCoreApplication.translate("Operators", "Loading…"), False):
            self._say("")
        if self._select_after_load is not None:
            self.select(self._select_after_load)
            self._select_after_load = None
        self._update_buttons()
        self.loaded.emit()

    def _load_failed(self, message: str) -> None:
        self.allowed = False
        self.busy = False
        before = self._message[0]
        loading = QCoreApplication.translate("Operators", "Loading…")
        keep = before if before and before != loading else ""
        self._say(f"{keep}\n{message}" if keep else message, True)
        self._update_buttons()
        self.loaded.emit()

    # ---- changes

    def _start(self) -> None:
        self.busy = True
        self._say(QCoreApplication.translate("Operators", "Saving…"))
        self._update_buttons()

    def _send(self, request: Pending, text: Callable[[Operator], str]) -> None:
        """A change on its way: ``text`` says what it did once it is done."""
        request.done(tagged(self._changed, text)).refused(self._refused).run()

    def _changed(self, text: Callable[[Operator], str], op: Operator) -> None:
        self._say(text(op))
        self._select_after_load = op.id
        self.reload()

    def _refused(self, message: str) -> None:
        self._say(message, True)
        self.reload()

    def new_operator(self) -> None:
        if not self.allowed or self.busy:
            return
        got = self.ask_new_operator()
        if got is None:
            return
        self._start()
        self._send(self.backend.create_operator(self, got.id, got.name, got.password,
                                                got.roles),
                   lambda op: QCoreApplication.translate(
                       "Operators", "Operator {id} {name} created.").format(id=op.id,
                                                                            name=op.name))

    def edit_roles(self) -> None:
        op = self.selected()
        if op is None or not self.allowed or self.busy:
            return
        roles = self.ask_roles(op)
        if roles is None:
            return
        if roles == op.roles:
            self._say(QCoreApplication.translate("Operators", "Nothing changed."))
            return
        self._start()
        self._send(self.backend.set_roles(self, op.id, frozenset(roles)),
                   lambda o: QCoreApplication.translate(
                       "Operators", "Roles of {id} {name}: {roles}.").format(
                       id=o.id, name=o.name, roles=role_names(o.roles)))

    def reset_password(self) -> None:
        op = self.selected()
        if op is None or not self.allowed or self.busy:
            return
        pw = self.ask_password(op)
        if pw is None:
            return
        self._start()
        self._send(self.backend.reset_password(self, op.id, pw),
                   lambda o: QCoreApplication.translate(
                       "Operators", "Password of {id} {name} reset; any lock is "
                                    "cleared.").format(id=o.id, name=o.name))

    def unlock(self) -> None:
        op = self.selected()
        if op is None or not self.allowed or self.busy or not op.locked(self.backend.now()):
            return
        self._start()
        self._send(self.backend.unlock(self, op.id),
                   lambda o: QCoreApplication.translate(
                       "Operators", "{id} {name} unlocked.").format(id=o.id, name=o.name))

    def toggle_disabled(self) -> None:
        op = self.selected()
        if op is None or not self.allowed or self.busy:
            return
        disable = not op.disabled
        if disable and not self.ask_confirm(QCoreApplication.translate(
                "Operators", "Disable {id} {name}? They can no longer sign in.").format(
                id=op.id, name=op.name)):
            return
        def text(o: Operator) -> str:
            if o.disabled:
                return QCoreApplication.translate("Operators", "{id} {name} disabled.").format(
                    id=o.id, name=o.name)
            return QCoreApplication.translate("Operators", "{id} {name} enabled.").format(
                id=o.id, name=o.name)

        self._start()
        self._send(self.backend.set_disabled(self, op.id, disable), text)

    # ---- the real sub-dialogs (tests replace them)

    def _new_operator_dialog(self) -> NewOperator | None:
        d = NewOperatorDialog([o.id for o in self.model.operators()], self)
        try:
            return d.value() if d.exec() == QDialog.DialogCode.Accepted else None
        finally:
            d.deleteLater()

    def _roles_dialog(self, op: Operator) -> frozenset[Role] | None:
        d = RolesDialog(op, self)
        try:
            return d.value() if d.exec() == QDialog.DialogCode.Accepted else None
        finally:
            d.deleteLater()

    def _password_dialog(self, op: Operator) -> str | None:
        d = PasswordDialog(op, self)
        try:
            return d.value() if d.exec() == QDialog.DialogCode.Accepted else None
        finally:
            d.deleteLater()

    def _confirm_dialog(self, text: str) -> bool:
        return dialogs.confirm(self, QCoreApplication.translate("Operators", "Confirm"), text)
