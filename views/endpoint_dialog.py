"""我的分机… (issue #14): the signed-in supervisor's own extension.

Three fields, each with one line saying what it is for: monitor, whisper and barge
ring the endpoint; an intercept sends the caller to exten@context. A value is
checked as the supervisor types it with the rules the database layer enforces
(models/domain/endpoints.py), and Save is refused with the field named — the
dialog stays open and nothing is saved — until all three are right.
"""

from __future__ import annotations

from datetime import tzinfo
from typing import Protocol

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Signal
from PySide6.QtWidgets import (
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from models.domain import endpoints
from models.domain.endpoints import EndpointError, SupervisorEndpoint
from views import theme as themes
from views.kit.pending import Pending
from views.kit.status import StatusLine, Tone
from views.msg import tr_msg


class EndpointSource(Protocol):
    """What the dialog asks of the outside world (console/endpoints_backend.py)."""

    @property
    def operator_id(self) -> str: ...

    def load(self, owner: QObject) -> Pending: ...

    def save(self, owner: QObject, endpoint: str, context: str, exten: str) -> Pending: ...


class EndpointDialog(QDialog):
    """Non-modal; one per console (the window's dialogs)."""

    loaded = Signal()
    saved = Signal()

    def __init__(self, backend: EndpointSource, *, tz: tzinfo | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("endpointDialog")
        self.backend = backend
        self.tz = tz
        self.busy = False
        self.current: SupervisorEndpoint | None = None
        self._build()
        self.retranslate()
        lay = self.layout()
        self.resize(600, lay.totalHeightForWidth(600) if lay is not None else 260)
        self.reload()

    def _build(self) -> None:
        lay = QVBoxLayout(self)
        self.intro = QLabel(self)
        self.intro.setObjectName("endpointIntro")
        self.intro.setWordWrap(True)
        lay.addWidget(self.intro)
        form = QFormLayout()
        self.endpoint = QLineEdit(self)
        self.endpoint.setObjectName("endpoint")
        self.endpoint.setMaxLength(endpoints.ENDPOINT_MAX)
        self.context = QLineEdit(self)
        self.context.setObjectName("context")
        self.context.setMaxLength(endpoints.CONTEXT_MAX)
        self.exten = QLineEdit(self)
        self.exten.setObjectName("exten")
        self.exten.setMaxLength(endpoints.EXTEN_MAX)
        self.endpoint_label, self.context_label, self.exten_label = (
            QLabel(self), QLabel(self), QLabel(self))
        self.endpoint_help, self.context_help, self.exten_help = (
            QLabel(self), QLabel(self), QLabel(self))
        for edit, label, help_ in ((self.endpoint, self.endpoint_label, self.endpoint_help),
                                   (self.context, self.context_label, self.context_help),
                                   (self.exten, self.exten_label, self.exten_help)):
            help_.setWordWrap(True)
            help_.setEnabled(False)  # the palette's muted text
            label.setBuddy(edit)
            form.addRow(label, edit)
            form.addRow("", help_)  # its own row: a wrapped line gets its height
            edit.textEdited.connect(self._edited)
            edit.returnPressed.connect(self.save)
        lay.addLayout(form)
        self.status = StatusLine(self, "endpointStatus")
        lay.addWidget(self.status)
        row = QHBoxLayout()
        row.addStretch(1)
        self.save_button = QPushButton(self)
        self.save_button.setObjectName("saveEndpoint")
        self.save_button.setDefault(True)
        self.save_button.clicked.connect(self.save)
        self.close_button = QPushButton(self)
        self.close_button.setObjectName("closeEndpoint")
        self.close_button.clicked.connect(self.reject)
        row.addWidget(self.save_button)
        row.addWidget(self.close_button)
        lay.addLayout(row)
        self.setMinimumWidth(560)

    def retranslate(self) -> None:
        self.setWindowTitle(QCoreApplication.translate("EndpointDialog", "My extension"))
        self.intro.setText(QCoreApplication.translate(
            "EndpointDialog", "Where the phone system reaches you, operator {id}, when you "
                              "use the supervisor controls.").format(id=self.backend.operator_id))
        self.endpoint_label.setText(QCoreApplication.translate("EndpointDialog", "&Endpoint"))
        self.context_label.setText(QCoreApplication.translate("EndpointDialog", "C&ontext"))
        self.exten_label.setText(QCoreApplication.translate("EndpointDialog", "E&xtension"))
        self.endpoint.setPlaceholderText("PJSIP/9001")
        self.context.setPlaceholderText("sup")
        self.exten.setPlaceholderText("9001")
        self.endpoint_help.setText(QCoreApplication.translate(
            "EndpointDialog", "Monitor, whisper and barge ring this endpoint (your phone)."))
        self.context_help.setText(QCoreApplication.translate(
            "EndpointDialog", "Intercept sends the caller to extension@context; leave both "
                              "empty if you do not take calls over."))
        self.exten_help.setText(QCoreApplication.translate(
            "EndpointDialog", "The extension in that context that rings you."))
        self.save_button.setText(QCoreApplication.translate("EndpointDialog", "Save"))
        self.close_button.setText(QCoreApplication.translate("EndpointDialog", "Close"))
        self._render_current()
        self._fit()

    def _fit(self) -> None:
        """Tall enough for every wrapped line at this width (English wraps more)."""
        lay = self.layout()
        if lay is not None and lay.hasHeightForWidth():
            w = max(self.width(), self.minimumWidth())
            self.resize(w, max(self.height(), lay.totalHeightForWidth(w)))

    def changeEvent(self, e: QEvent) -> None:
        if e.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(e)

    # ---- values

    def values(self) -> tuple[str, str, str]:
        return self.endpoint.text(), self.context.text(), self.exten.text()

    def check(self) -> EndpointError | None:
        """The first bad value (its field gets the focus), or None."""
        try:
            endpoints.validate(*self.values())
        except EndpointError as e:
            return e
        return None

    def _edited(self, _text: str) -> None:
        err = self.check()
        for name, edit in (("endpoint", self.endpoint), ("context", self.context),
                           ("exten", self.exten)):
            bad = err is not None and err.field == name
            edit.setProperty("invalid", bad)
            edit.setStyleSheet(f"QLineEdit {{ border: 1px solid {themes.current().red.name()}; }}"
                               if bad else "")
        if err is None:
            self._say("")

    def _say(self, text: str, error: bool = False) -> None:
        self.status.show_text(text, Tone.ERROR if error else Tone.PLAIN)
        self._fit()

    def _render_current(self) -> None:
        c = self.current
        if c is None or self.busy:
            return
        when = c.set_at.astimezone(self.tz).strftime("%Y-%m-%d %H:%M") if self.tz else \
            c.set_at.strftime("%Y-%m-%d %H:%M UTC")
        text = QCoreApplication.translate("EndpointDialog", "Set by {by} at {when}.").format(
            by=c.set_by, when=when)
        if not c.intercept_possible:
            text += " " + QCoreApplication.translate(
                "EndpointDialog", "No intercept target: intercept is not possible.")
        self._say(text)

    def _fill(self, c: SupervisorEndpoint | None) -> None:
        self.current = c
        if c is not None:
            self.endpoint.setText(c.endpoint)
            self.context.setText(c.context)
            self.exten.setText(c.exten)

    def _busy(self, busy: bool) -> None:
        self.busy = busy
        self.save_button.setEnabled(not busy)
        for e in (self.endpoint, self.context, self.exten):
            e.setReadOnly(busy)

    # ---- requests

    def reload(self) -> None:
        self._busy(True)
        self._say(QCoreApplication.translate("EndpointDialog", "Loading…"))
        self.backend.load(self).done(self._loaded).refused(self._failed_load).run()

    def _loaded(self, c: SupervisorEndpoint | None) -> None:
        self._busy(False)
        self._fill(c)
        if c is None:
            self._say(QCoreApplication.translate(
                "EndpointDialog", "No extension set yet: the supervisor controls cannot "
                                  "reach you on the phone system."))
        else:
            self._render_current()
        self.loaded.emit()

    def _failed_load(self, message: str) -> None:
        self._busy(False)
        self._say(message, True)
        self.loaded.emit()

    def save(self) -> None:
        if self.busy:
            return
        err = self.check()
        if err is not None:  # refused here: the field named, nothing sent
            self._edited("")
            self._say(tr_msg(err), True)
            {"endpoint": self.endpoint, "context": self.context,
             "exten": self.exten}[err.field].setFocus()
            return
        self._busy(True)
        self._say(QCoreApplication.translate("EndpointDialog", "Saving…"))
        self.backend.save(self, *self.values()).done(self._saved).refused(
            self._failed_save).run()

    def _saved(self, c: SupervisorEndpoint) -> None:
        self._busy(False)
        self._fill(c)
        self._say(QCoreApplication.translate("EndpointDialog", "Saved."))
        self.saved.emit()

    def _failed_save(self, message: str) -> None:
        self._busy(False)
        self._say(message, True)
        self.saved.emit()
