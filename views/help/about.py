"""Help › About (关于, issue #19): what IT asks for on the phone — the version, the
database this PC is connected to (never its password), the floor host it follows,
the operator signed in — with a Copy button so it can be pasted into a ticket."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from PySide6.QtCore import QCoreApplication, QEvent, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)


@dataclass(frozen=True)
class AboutInfo:
    """What the About box shows; built by the console (the view opens no database)."""

    version: str
    database: str  #: already rendered without a password (models.db.engine.safe)
    operator: str
    qt_version: str
    python_version: str


@dataclass(frozen=True)
class HostInfo:
    """The floor host's lease as the database has it; ``holder`` None: none yet."""

    holder: str | None
    since: datetime | None


class AboutDialog(QDialog):
    """Shows :class:`AboutInfo`; the floor host arrives later (:meth:`set_host`), read
    off the GUI thread."""

    def __init__(self, info: AboutInfo, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("aboutDialog")
        self.info = info
        self.host: HostInfo | None = None
        self.host_failed = False
        lay = QVBoxLayout(self)
        self.setMinimumWidth(440)  # a path or a URL reads on one or two lines, not five
        self.title = QLabel(self)
        self.title.setObjectName("aboutTitle")
        f = self.title.font()
        f.setPointSizeF(f.pointSizeF() * 1.5)
        f.setBold(True)
        self.title.setFont(f)
        # the program's icon beside its name, as every About box has (issue #19)
        head = QHBoxLayout()
        self.icon = QLabel(self)
        self.icon.setPixmap(QGuiApplication.windowIcon().pixmap(48, 48))
        head.addWidget(self.icon)
        head.addWidget(self.title, 1)
        lay.addLayout(head)
        form = QFormLayout()
        self.version_label, self.version = QLabel(self), QLabel(self)
        self.db_label, self.database = QLabel(self), QLabel(self)
        self.host_label, self.floor_host = QLabel(self), QLabel(self)
        self.operator_label, self.operator = QLabel(self), QLabel(self)
        for name, w in (("aboutVersion", self.version), ("aboutDatabase", self.database),
                        ("aboutHost", self.floor_host), ("aboutOperator", self.operator)):
            w.setObjectName(name)
            w.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            w.setWordWrap(True)
        form.addRow(self.version_label, self.version)
        form.addRow(self.db_label, self.database)
        form.addRow(self.host_label, self.floor_host)
        form.addRow(self.operator_label, self.operator)
        lay.addLayout(form)
        self.runtime = QLabel(self)
        self.runtime.setObjectName("aboutRuntime")
        small = self.runtime.font()
        small.setPointSizeF(small.pointSizeF() * 0.85)
        self.runtime.setFont(small)
        lay.addWidget(self.runtime)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        self.copy_button = QPushButton(self)
        self.copy_button.setObjectName("aboutCopy")
        self.buttons.addButton(self.copy_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.copy_button.clicked.connect(self.copy)
        self.buttons.rejected.connect(self.reject)
        lay.addWidget(self.buttons)
        self.retranslate()

    def set_host(self, host: HostInfo | None) -> None:
        """The lease row read; None: it could not be read (the database is away)."""
        self.host = host
        self.host_failed = host is None
        self._render_host()

    def host_unreadable(self, _why: str) -> None:
        """The lease row could not be read (the database is away): said, not hidden."""
        self.set_host(None)

    def _render_host(self) -> None:
        h = self.host
        if self.host_failed:
            text = QCoreApplication.translate("About", "could not be read (the database is not answering)")
        elif h is None:
            text = QCoreApplication.translate("About", "reading…")
        elif h.holder is None:
            text = QCoreApplication.translate("About", "no floor host has started")
        elif h.since is None:
            text = h.holder
        else:
            text = QCoreApplication.translate("About", "{holder}, since {since}").format(
                holder=h.holder, since=h.since.astimezone().strftime("%Y-%m-%d %H:%M:%S"))
        self.floor_host.setText(text)

    def retranslate(self) -> None:
        self.setWindowTitle(QCoreApplication.translate("About", "About"))
        self.title.setText(QCoreApplication.translate("About", "Seatwatch shift leader console"))
        self.version_label.setText(QCoreApplication.translate("About", "Version"))
        self.db_label.setText(QCoreApplication.translate("About", "Database"))
        self.host_label.setText(QCoreApplication.translate("About", "Floor host"))
        self.operator_label.setText(QCoreApplication.translate("About", "Signed in"))
        self.version.setText(self.info.version)
        self.database.setText(self.info.database)
        self.operator.setText(self.info.operator)
        self.runtime.setText(QCoreApplication.translate("About", "Qt {qt} · Python {py}").format(
            qt=self.info.qt_version, py=self.info.python_version))
        self.copy_button.setText(QCoreApplication.translate("About", "&Copy"))
        self.copy_button.setToolTip(QCoreApplication.translate("About", "Copy these details, to paste into a message to IT"))
        self._render_host()

    def changeEvent(self, e: QEvent) -> None:
        if e.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(e)

    def text(self) -> str:
        """The details as plain lines, as Copy puts them on the clipboard."""
        rows = [self.title.text()]
        for label, value in ((self.version_label, self.version), (self.db_label, self.database),
                             (self.host_label, self.floor_host),
                             (self.operator_label, self.operator)):
            rows.append(f"{label.text()}: {value.text()}")
        rows.append(self.runtime.text())
        return "\n".join(rows)

    def copy(self) -> None:
        QGuiApplication.clipboard().setText(self.text())
