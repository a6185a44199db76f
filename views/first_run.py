"""The first-run wizard (issue #19): on a PC never set up, which floor database this
PC uses — a file on this PC only, or the floor's shared PostgreSQL database.

The wizard does no database work: it asks the start-up code (``console.first_run``)
through the callables it is given, and shows their one-line answers. Finishing
waits for the answer; while an answer is on its way, nothing can be clicked twice
and the wizard cannot be cancelled (the work would finish behind its back).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (
    QButtonGroup,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)

from views.kit.status import Tone, paint


@dataclass(frozen=True, slots=True)
class SharedDb:
    """What the shared page asks for. ``password`` lives only in memory: the
    start-up code puts it into the OS keyring."""

    host: str
    port: int
    database: str
    user: str
    password: str
    name: str

    def shown(self) -> str:
        """The connection as the wizard names it: never the password."""
        return f"postgresql://{self.user}@{self.host}:{self.port}/{self.database}"


#: answer(None) on success, answer(one translated line) on failure
Answer = Callable[[str | None], None]
#: (answer) — creates the SQLite floor in the user data folder
CreateLocal = Callable[[Answer], None]
#: (what was typed, answer) — test the shared connection / test it again and save it
UseShared = Callable[[SharedDb, Answer], None]

PAGE_CHOICE, PAGE_LOCAL, PAGE_SHARED = 0, 1, 2


def _note(text: str, parent: QWidget) -> QLabel:
    label = QLabel(text, parent)
    label.setWordWrap(True)
    return label


class ChoicePage(QWizardPage):
    def __init__(self, local_path: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTitle(
            QCoreApplication.translate("FirstRun", "Which floor database does this PC use?")
        )
        self.setSubTitle(
            QCoreApplication.translate(
                "FirstRun",
                "Seatwatch keeps the floor (agents, queues, alerts, shift "
                "records) in one database. Choose once; IT can change it later.",
            )
        )
        layout = QVBoxLayout(self)
        self.local = QRadioButton(QCoreApplication.translate("FirstRun", "This PC only"), self)
        self.local.setObjectName("firstRunLocal")
        self.shared = QRadioButton(
            QCoreApplication.translate("FirstRun", "A shared floor database"), self
        )
        self.shared.setObjectName("firstRunShared")
        group = QButtonGroup(self)
        group.addButton(self.local)
        group.addButton(self.shared)
        self.local.setChecked(True)
        local_note = _note(
            QCoreApplication.translate(
                "FirstRun",
                "For one PC: the console, the floor host and the wall screen "
                "all run here. The floor is kept in a file on this PC:\n{path}",
            ).format(path=local_path),
            self,
        )
        local_note.setObjectName("firstRunLocalNote")
        self.local_note = local_note
        shared_note = _note(
            QCoreApplication.translate(
                "FirstRun",
                "For several PCs on a floor (consoles, wall screens, the floor "
                "host): they all use one PostgreSQL database. IT sets it up "
                "first (seatwatch db upgrade and seatwatch db roles, see the "
                "README) and gives you the server, database, user and "
                "password.",
            ),
            self,
        )
        for button, note in ((self.local, local_note), (self.shared, shared_note)):
            bold = button.font()
            bold.setBold(True)
            button.setFont(bold)
            note.setContentsMargins(24, 0, 0, 12)
            layout.addWidget(button)
            layout.addWidget(note)
        layout.addStretch(1)

    def nextId(self) -> int:  # noqa: N802 - Qt's name
        return PAGE_SHARED if self.shared.isChecked() else PAGE_LOCAL


class LocalPage(QWizardPage):
    def __init__(self, local_path: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTitle(QCoreApplication.translate("FirstRun", "A floor database on this PC"))
        self.setSubTitle(
            QCoreApplication.translate(
                "FirstRun",
                "Finish creates it; then you create the first administrator and sign in.",
            )
        )
        layout = QVBoxLayout(self)
        where = _note(
            QCoreApplication.translate("FirstRun", "The floor database file:\n{path}").format(
                path=local_path
            ),
            self,
        )
        where.setObjectName("firstRunLocalPath")
        layout.addWidget(where)
        layout.addWidget(
            _note(
                QCoreApplication.translate(
                    "FirstRun",
                    "Only programs on this PC can use it. Never put this file "
                    "on a network share: several PCs need the shared database.",
                ),
                self,
            )
        )
        self.status = _note("", self)
        self.status.setObjectName("firstRunLocalStatus")
        layout.addWidget(self.status)
        layout.addStretch(1)

    def nextId(self) -> int:  # noqa: N802 - Qt's name
        return -1


class SharedPage(QWizardPage):
    def __init__(self, test: UseShared, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._test = test
        self.setTitle(QCoreApplication.translate("FirstRun", "The shared floor database"))
        self.setSubTitle(
            QCoreApplication.translate(
                "FirstRun",
                "Type what IT gave you, then test the connection. The password "
                "is kept in the Windows credential store, never in a file.",
            )
        )
        form = QFormLayout(self)
        self.host = QLineEdit(self)
        self.host.setObjectName("firstRunHost")
        self.host.setPlaceholderText(
            QCoreApplication.translate("FirstRun", "e.g. dbhost or 192.168.1.20")
        )
        self.port = QSpinBox(self)
        self.port.setObjectName("firstRunPort")
        self.port.setRange(1, 65535)
        self.port.setValue(5432)
        self.port.setMaximumWidth(120)
        self.database = QLineEdit("seatwatch", self)
        self.database.setObjectName("firstRunDatabase")
        self.user = QLineEdit("seatwatch_console", self)
        self.user.setObjectName("firstRunUser")
        self.password = QLineEdit(self)
        self.password.setObjectName("firstRunPassword")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.name = QLineEdit("floor", self)
        self.name.setObjectName("firstRunName")
        self.name.setToolTip(
            QCoreApplication.translate(
                "FirstRun",
                "The name this PC saves the connection under (used as "
                "--db NAME on the command line)",
            )
        )
        form.addRow(QCoreApplication.translate("FirstRun", "Server"), self.host)
        form.addRow(QCoreApplication.translate("FirstRun", "Port"), self.port)
        form.addRow(QCoreApplication.translate("FirstRun", "Database"), self.database)
        form.addRow(QCoreApplication.translate("FirstRun", "User"), self.user)
        form.addRow(QCoreApplication.translate("FirstRun", "Password"), self.password)
        form.addRow(QCoreApplication.translate("FirstRun", "Connection name"), self.name)
        row = QHBoxLayout()
        self.test_button = QPushButton(
            QCoreApplication.translate("FirstRun", "Test connection"), self
        )
        self.test_button.setObjectName("firstRunTest")
        self.test_button.clicked.connect(self.run_test)
        row.addWidget(self.test_button)
        row.addStretch(1)
        form.addRow(row)
        self.status = _note("", self)
        self.status.setObjectName("firstRunSharedStatus")
        self.status.setMinimumHeight(self.status.fontMetrics().lineSpacing() * 3)
        form.addRow(self.status)
        for edit in (self.host, self.database, self.user, self.password, self.name):
            edit.textChanged.connect(self._edited)
        self.port.valueChanged.connect(self._edited)

    def nextId(self) -> int:  # noqa: N802 - Qt's name
        return -1

    def values(self) -> SharedDb:
        return SharedDb(
            self.host.text().strip(),
            self.port.value(),
            self.database.text().strip(),
            self.user.text().strip(),
            self.password.text(),
            self.name.text(),
        )

    def missing(self) -> str | None:
        """The first field left empty, as a line that says to fill it."""
        for label, edit in (
            (QCoreApplication.translate("FirstRun", "Server"), self.host),
            (QCoreApplication.translate("FirstRun", "Database"), self.database),
            (QCoreApplication.translate("FirstRun", "User"), self.user),
            (QCoreApplication.translate("FirstRun", "Connection name"), self.name),
        ):
            if not edit.text().strip():
                edit.setFocus()
                return QCoreApplication.translate("FirstRun", "Fill in: {field}").format(
                    field=label
                )
        return None

    def show_status(self, text: str, tone: Tone) -> None:
        self.status.setText(text)
        paint(self.status, tone)

    def _edited(self) -> None:
        if self.test_button.isEnabled():  # an answer about other values no longer holds
            self.show_status("", Tone.PLAIN)

    def run_test(self) -> None:
        why = self.missing()
        if why is not None:
            self.show_status(why, Tone.ERROR)
            return
        values = self.values()
        self.test_button.setEnabled(False)
        self.show_status(
            QCoreApplication.translate("FirstRun", "Connecting to {target}…").format(
                target=values.shown()
            ),
            Tone.PLAIN,
        )
        self._test(values, self._tested)

    def _tested(self, error: str | None) -> None:
        # disabled while testing, the button lost the keyboard focus to 上一步: a space
        # or Enter after the answer must not leave the page
        self.test_button.setEnabled(True)
        self.test_button.setFocus()
        if error is None:
            self.show_status(
                QCoreApplication.translate(
                    "FirstRun",
                    "Connected: the floor database answers. Click Finish to save the connection.",
                ),
                Tone.OK,
            )
        else:
            self.show_status(error, Tone.ERROR)


class FirstRunWizard(QWizard):
    """Page 1 chooses; the local page creates the file on Finish; the shared page
    tests the connection (again) and saves it on Finish. Accepted only once the
    start-up code answers that the floor is there."""

    def __init__(
        self,
        local_path: str,
        create_local: CreateLocal,
        test_shared: UseShared,
        save_shared: UseShared,
        parent: Any = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("firstRunWizard")
        self.setWindowTitle(QCoreApplication.translate("FirstRun", "First start"))
        self.setWizardStyle(QWizard.WizardStyle.ModernStyle)
        self.setOption(QWizard.WizardOption.NoBackButtonOnStartPage, True)
        self.setMinimumSize(640, 480)
        self._create_local = create_local
        self._save_shared = save_shared
        self.busy = False
        self.choice = ChoicePage(local_path, self)
        self.local = LocalPage(local_path, self)
        self.shared = SharedPage(test_shared, self)
        self.setPage(PAGE_CHOICE, self.choice)
        self.setPage(PAGE_LOCAL, self.local)
        self.setPage(PAGE_SHARED, self.shared)
        self.setButtonText(
            QWizard.WizardButton.NextButton, QCoreApplication.translate("FirstRun", "Next >")
        )
        self.setButtonText(
            QWizard.WizardButton.BackButton, QCoreApplication.translate("FirstRun", "< Back")
        )
        self.setButtonText(
            QWizard.WizardButton.CancelButton, QCoreApplication.translate("FirstRun", "Cancel")
        )
        self.setButtonText(
            QWizard.WizardButton.FinishButton, QCoreApplication.translate("FirstRun", "Finish")
        )

    def _set_busy(self, busy: bool) -> None:
        self.busy = busy
        for which in (
            QWizard.WizardButton.FinishButton,
            QWizard.WizardButton.BackButton,
            QWizard.WizardButton.CancelButton,
        ):
            self.button(which).setEnabled(not busy)
        self.shared.test_button.setEnabled(not busy)

    def accept(self) -> None:
        """Finish: the floor is made or the connection saved first; the wizard closes
        only when that succeeded."""
        if self.busy:
            return
        if self.currentId() == PAGE_SHARED:
            why = self.shared.missing()
            if why is not None:
                self.shared.show_status(why, Tone.ERROR)
                return
            values = self.shared.values()
            self._set_busy(True)
            self.shared.show_status(
                QCoreApplication.translate(
                    "FirstRun", "Testing and saving the connection {target}…"
                ).format(target=values.shown()),
                Tone.PLAIN,
            )
            self._save_shared(values, lambda e: self._finished(e, self.shared.status))
            return
        self._set_busy(True)
        self.local.status.setText(
            QCoreApplication.translate("FirstRun", "Creating the floor database…")
        )
        paint(self.local.status, Tone.PLAIN)
        self._create_local(lambda e: self._finished(e, self.local.status))

    def _finished(self, error: str | None, status: QLabel) -> None:
        self._set_busy(False)
        if error is None:
            super().accept()
            return
        status.setText(error)
        paint(status, Tone.ERROR)

    def reject(self) -> None:
        if self.busy:  # the work would finish behind a closed wizard
            return
        super().reject()
