"""The start-up error window (issue #12): what someone who starts the console from a
shortcut sees when the floor database cannot be opened — which database, why in
one line, and what to do: 重试, 选择其他数据库… (a saved profile, a SQLite file, a
URL typed in, or — the one first-run path that makes a file — a new floor
database), 退出. The details (the driver's own text, or the traceback of an
unexpected error) are one click away, never in front.

The window does no database work: it shows what it is told and emits what the
person asks for; the start-up code (``console.app.FloorConnector``) connects.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QCoreApplication, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QMenu,
    QPlainTextEdit,
    QPushButton,
    QToolButton,
    QVBoxLayout,
)

from views.kit import dialogs
from views.kit.status import Tone, paint
from views.paths import documents


class StartupErrorDialog(QDialog):
    """Shown when the console cannot open its floor database, or when start-up fails
    in an unexpected way (``fatal``: only the details and 退出)."""

    #: try the same database again
    retry_requested = Signal()
    #: (``--db`` value: a URL or a saved profile's name, create a new SQLite file)
    other_requested = Signal(str, bool)

    def __init__(self, profiles: Sequence[str] = (), parent: Any = None, *,
                 fatal: bool = False, profiles_problem: str = "") -> None:
        super().__init__(parent)
        self.setObjectName("startupErrorDialog")
        self.setWindowTitle(QCoreApplication.translate("StartupError", "The floor database cannot be opened")
                            if not fatal else QCoreApplication.translate("StartupError", "Could not start"))
        self.setMinimumWidth(560)
        layout = QVBoxLayout(self)
        self.headline = QLabel(self)
        self.headline.setObjectName("startupHeadline")
        self.headline.setStyleSheet("font-weight: bold;")
        self.headline.setText(QCoreApplication.translate("StartupError", "The console cannot open the floor database.") if not fatal
                              else QCoreApplication.translate("StartupError", "The console could not start."))
        layout.addWidget(self.headline)
        self.target = QLabel(self)
        self.target.setObjectName("startupTarget")
        self.target.setWordWrap(True)
        layout.addWidget(self.target)
        self.reason = QLabel(self)
        self.reason.setObjectName("startupReason")
        self.reason.setWordWrap(True)
        paint(self.reason, Tone.ERROR)
        layout.addWidget(self.reason)
        self.details_button = QToolButton(self)
        self.details_button.setObjectName("startupDetailsButton")
        self.details_button.setText(QCoreApplication.translate("StartupError", "Details"))
        self.details_button.setCheckable(True)
        layout.addWidget(self.details_button)
        self.details = QPlainTextEdit(self)
        self.details.setObjectName("startupDetails")
        self.details.setReadOnly(True)
        self.details.setVisible(False)
        self.details.setMinimumHeight(140)
        self.details_button.toggled.connect(self.details.setVisible)
        layout.addWidget(self.details)

        row = QHBoxLayout()
        self.retry_button = QPushButton(QCoreApplication.translate("StartupError", "Retry"), self)
        self.retry_button.setObjectName("startupRetry")
        self.retry_button.clicked.connect(self.retry_requested.emit)
        self.other_button = QPushButton(QCoreApplication.translate("StartupError", "Choose another database…"), self)
        self.other_button.setObjectName("startupOther")
        self.other_menu = QMenu(self)
        self.other_button.setMenu(self.other_menu)
        self.profile_actions = {}
        for name in profiles:
            act = self.other_menu.addAction(QCoreApplication.translate("StartupError", "Saved connection: {name}").format(name=name))
            act.triggered.connect(lambda _c=False, n=name: self.other_requested.emit(n, False))
            self.profile_actions[name] = act
        # why the saved connections cannot be read (a corrupt profiles.toml: its file
        # and line), in the menu where they would be, instead of a silent empty list
        self.profiles_problem_action: QAction | None = None
        if profiles_problem:
            self.profiles_problem_action = self.other_menu.addAction(
                QCoreApplication.translate("StartupError", "Saved connections cannot be read: "
                                           "{reason}").format(reason=profiles_problem))
            self.profiles_problem_action.setEnabled(False)
        if profiles or profiles_problem:
            self.other_menu.addSeparator()
        self.file_action = self.other_menu.addAction(QCoreApplication.translate("StartupError", "SQLite floor file…"))
        self.file_action.triggered.connect(self.choose_file)
        self.url_action = self.other_menu.addAction(QCoreApplication.translate("StartupError", "Type a database URL…"))
        self.url_action.triggered.connect(self.type_url)
        self.other_menu.addSeparator()
        self.new_action = self.other_menu.addAction(QCoreApplication.translate("StartupError", "New floor database…"))
        self.new_action.triggered.connect(self.new_floor)
        self.quit_button = QPushButton(QCoreApplication.translate("StartupError", "Quit"), self)
        self.quit_button.setObjectName("startupQuit")
        self.quit_button.clicked.connect(self.reject)
        row.addWidget(self.retry_button)
        row.addWidget(self.other_button)
        row.addStretch(1)
        row.addWidget(self.quit_button)
        layout.addLayout(row)
        self.retry_button.setVisible(not fatal)
        self.other_button.setVisible(not fatal)
        (self.quit_button if fatal else self.retry_button).setDefault(True)

    # -- what the start-up code tells it --

    def show_failure(self, target: str, reason: str, details: str) -> None:
        """The database that failed and why (one line); the buttons work again."""
        self.target.setText(QCoreApplication.translate("StartupError", "Database: {target}").format(target=target))
        self.reason.setText(QCoreApplication.translate("StartupError", "Reason: {reason}").format(reason=reason))
        self.details.setPlainText(details)
        self._busy(False)

    def show_connecting(self, target: str) -> None:
        """A connection attempt is on its way: no second one until it answers."""
        self.target.setText(QCoreApplication.translate("StartupError", "Database: {target}").format(target=target))
        self.reason.setText(QCoreApplication.translate("StartupError", "Connecting…"))
        self._busy(True)

    def _busy(self, busy: bool) -> None:
        for b in (self.retry_button, self.other_button):
            b.setEnabled(not busy)

    # -- choosing another database (the pickers are methods so a test can answer) --

    def pick_existing_file(self) -> str:
        return dialogs.open_path(
            self, QCoreApplication.translate("StartupError", "Open a floor database"), documents(),
            QCoreApplication.translate("StartupError", "Floor databases (*.db *.sqlite *.sqlite3);;All files (*)")) or ""

    def pick_new_file(self) -> str:
        return dialogs.save_path(
            self, QCoreApplication.translate("StartupError", "New floor database"), "",
            QCoreApplication.translate("StartupError", "Floor databases (*.db)")) or ""

    def ask_url(self) -> str:
        return dialogs.ask_reason(
            self, QCoreApplication.translate("StartupError", "Database URL"),
            QCoreApplication.translate("StartupError", "A database URL, e.g. postgresql://seatwatch@dbhost/seatwatch"),
            multiline=False, required=False) or ""

    def choose_file(self) -> None:
        path = self.pick_existing_file()
        if path:
            self.other_requested.emit(f"sqlite:///{path}", False)

    def type_url(self) -> None:
        url = self.ask_url()
        if url:
            self.other_requested.emit(url, False)

    def new_floor(self) -> None:
        """The one place the window makes a floor file: the person asked for a new one."""
        path = self.pick_new_file()
        if path:
            self.other_requested.emit(f"sqlite:///{path}", True)
