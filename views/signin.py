"""Operator sign-in: 工号 and password. The last 工号 is remembered, never the password."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QCoreApplication, QSettings
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
)

from views.kit.status import Tone, paint

#: (operator id, password, answer) — answer(None) on success, answer(message) on refusal
Attempt = Callable[[str, str, Callable[[str | None], None]], None]


class SignInDialog(QDialog):
    def __init__(self, attempt: Attempt, settings: QSettings, parent: Any = None, *,
                 target: str = "", operator_id: str | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("signInDialog")
        self.setMinimumWidth(400)
        self._attempt = attempt
        self._settings = settings
        self.setWindowTitle(QCoreApplication.translate("SignIn", "Sign in"))
        layout = QVBoxLayout(self)
        if target:  # which floor database: IT and leaders with several floors need it
            where = QLabel(QCoreApplication.translate("SignIn", "Floor database: {target}").format(target=target), self)
            where.setObjectName("signInTarget")
            where.setWordWrap(True)
            layout.addWidget(where)
        form = QFormLayout()
        self.user = QLineEdit(self)
        self.user.setObjectName("operatorId")
        self.user.setText(operator_id or str(settings.value("signin/last_id", "")))
        self.password = QLineEdit(self)
        self.password.setObjectName("password")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        form.addRow(QCoreApplication.translate("SignIn", "Operator ID"), self.user)
        form.addRow(QCoreApplication.translate("SignIn", "Password"), self.password)
        layout.addLayout(form)
        self.message = QLabel(self)
        self.message.setObjectName("signInMessage")
        self.message.setWordWrap(True)
        paint(self.message, Tone.ERROR)
        layout.addWidget(self.message)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                        | QDialogButtonBox.StandardButton.Cancel, self)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(QCoreApplication.translate("SignIn", "Sign in"))
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        (self.password if self.user.text() else self.user).setFocus()
        self.operator_id: str | None = None

    def submit(self) -> None:
        oid, pw = self.user.text().strip(), self.password.text()
        if not oid or not pw:
            self.message.setText(QCoreApplication.translate(
                "SignIn", "Enter your operator ID and password."))
            return
        self.buttons.setEnabled(False)
        self.message.setText(QCoreApplication.translate("SignIn", "Checking…"))
        self._attempt(oid, pw, lambda err: self._answered(oid, err))

    def _answered(self, oid: str, error: str | None) -> None:
        self.buttons.setEnabled(True)
        self.password.clear()
        if error is not None:
            self.message.setText(error)
            self.password.setFocus()
            return
        self._settings.setValue("signin/last_id", oid)  # the 工号 only, never the password
        self.operator_id = oid
        self.accept()


#: (operator id, name, password, answer) — answer(None) once created, answer(message) if not
Create = Callable[[str, str, str, Callable[[str | None], None]], None]


class FirstAdminDialog(QDialog):
    """First run on a floor database with no administrator: create one.

    The same rules as ``seatwatch admin create`` (models.db.operators): the
    password is typed twice and only its scrypt hash is stored.
    """

    def __init__(self, create: Create, min_length: int, target: str = "",
                 parent: Any = None) -> None:
        super().__init__(parent)
        self.setObjectName("firstAdminDialog")
        self.setMinimumWidth(460)
        self._create = create
        self._min = min_length
        self.setWindowTitle(QCoreApplication.translate("SignIn", "First start — create the administrator"))
        layout = QVBoxLayout(self)
        intro = QLabel(QCoreApplication.translate("SignIn", "This floor database has no administrator yet. Create "
                                    "the first one (IT): it creates the other operators and "
                                    "gives them their roles.") + ("\n" + QCoreApplication.translate(
            "SignIn", "Floor database: {target}").format(target=target) if target else ""),
                       self)
        intro.setWordWrap(True)
        layout.addWidget(intro)
        form = QFormLayout()
        self.user = QLineEdit(self)
        self.user.setObjectName("adminId")
        self.name = QLineEdit(self)
        self.name.setObjectName("adminName")
        self.password = QLineEdit(self)
        self.password.setObjectName("adminPassword")
        self.again = QLineEdit(self)
        self.again.setObjectName("adminPasswordAgain")
        for w in (self.password, self.again):
            w.setEchoMode(QLineEdit.EchoMode.Password)
        form.addRow(QCoreApplication.translate("SignIn", "Operator ID"), self.user)
        form.addRow(QCoreApplication.translate("SignIn", "Name"), self.name)
        form.addRow(QCoreApplication.translate("SignIn", "Password"), self.password)
        form.addRow(QCoreApplication.translate("SignIn", "Password again"), self.again)
        layout.addLayout(form)
        self.message = QLabel(self)
        self.message.setObjectName("firstAdminMessage")
        self.message.setWordWrap(True)
        paint(self.message, Tone.ERROR)
        layout.addWidget(self.message)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                        | QDialogButtonBox.StandardButton.Cancel, self)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(
            QCoreApplication.translate("SignIn", "Create administrator"))
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self.user.setFocus()
        self.operator_id: str | None = None

    def submit(self) -> None:
        oid, name = self.user.text().strip(), self.name.text().strip()
        pw, again = self.password.text(), self.again.text()
        if not oid or not name:
            self.message.setText(QCoreApplication.translate("SignIn", "Enter an operator ID and a name."))
            return
        if len(pw) < self._min:
            self.message.setText(QCoreApplication.translate("SignIn", "The password needs at least {n} characters.")
                                 .format(n=self._min))
            return
        if pw != again:
            self.message.setText(QCoreApplication.translate("SignIn", "The two passwords differ."))
            self.again.clear()
            self.again.setFocus()
            return
        self.buttons.setEnabled(False)
        self.message.setText(QCoreApplication.translate("SignIn", "Creating…"))
        self._create(oid, name, pw, lambda err: self._answered(oid, err))

    def _answered(self, oid: str, error: str | None) -> None:
        self.buttons.setEnabled(True)
        if error is not None:
            self.message.setText(error)
            return
        self.password.clear()
        self.again.clear()
        self.operator_id = oid
        self.accept()
