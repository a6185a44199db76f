"""One dialog for a force action (强拆, 拦截, 强制就绪, 强制离席, 强制签出; issue #12).

It names the action and the agent, offers the floor policy's preset reasons
(``[controls] force_reasons``) beside free text, asks the away reason for 强制离席,
and folds the confirmation of a destructive action into its OK button. A reason is
required (R-CTRL-1: every use says why): OK without one keeps the dialog open and
says so, it never cancels silently.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QButtonGroup,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGridLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from models.domain.commands import Action
from models.domain.types import AwayReason
from views.kit.status import Tone, paint
from views.kit.texts import away_name

#: the audit log keeps the reason; a sentence, not an essay
_REASON_MAX = 200


@dataclass(frozen=True)
class ForceAnswer:
    reason: str
    away_reason: AwayReason | None


def consequence(act: Action) -> str:
    """What the action does, for the line above OK (empty: nothing to warn about)."""
    return {
        Action.FORCE_RELEASE: QCoreApplication.translate(
            "ForceDialog", "The call is hung up for the caller and the agent."),
        Action.INTERCEPT: QCoreApplication.translate(
            "ForceDialog", "You take the call over; the agent leaves it."),
        Action.FORCE_LOGOUT: QCoreApplication.translate(
            "ForceDialog", "The agent is signed out and takes no more calls."),
    }.get(act, "")


class ForceDialog(QDialog):
    """Modal; the window opens it with :meth:`exec` (tests drive the widgets)."""

    def __init__(self, act: Action, action_text: str, agent: str, name: str,
                 presets: tuple[str, ...], *, destructive: bool, detail: str = "",
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("forceDialog")
        self.act = act
        self.setWindowTitle(action_text)
        lay = QVBoxLayout(self)
        self.header = QLabel(QCoreApplication.translate(
            "ForceDialog", "{action}: {id} {name}").format(action=action_text, id=agent,
                                                           name=name), self)
        self.header.setObjectName("forceHeader")
        f = self.header.font()
        f.setBold(True)
        f.setPointSizeF(f.pointSizeF() * 1.2)
        self.header.setFont(f)
        lay.addWidget(self.header)
        if detail:
            d = QLabel(detail, self)
            d.setObjectName("forceDetail")
            lay.addWidget(d)
        form = QFormLayout()
        lay.addLayout(form)
        self.away_box: QComboBox | None = None
        if act is Action.FORCE_AWAY:
            self.away_box = QComboBox(self)
            self.away_box.setObjectName("forceAwayReason")
            for r in AwayReason:
                self.away_box.addItem(away_name(r), r.value)
            self.away_box.setCurrentIndex(self.away_box.findData(AwayReason.OTHER.value))
            form.addRow(QCoreApplication.translate("ForceDialog", "Away as"), self.away_box)
        # the presets: one click fills the reason; the leader may still edit it
        self.presets = QWidget(self)
        grid = QGridLayout(self.presets)
        grid.setContentsMargins(0, 0, 0, 0)
        self.preset_group = QButtonGroup(self)
        self.preset_group.setExclusive(True)
        for i, text in enumerate(presets):
            b = QPushButton(text, self.presets)
            b.setCheckable(True)
            b.setAutoDefault(False)
            b.setObjectName(f"preset_{i}")
            self.preset_group.addButton(b, i)
            grid.addWidget(b, i // 4, i % 4)
        self.preset_group.buttonClicked.connect(self._picked)
        if presets:
            form.addRow(QCoreApplication.translate("ForceDialog", "Reason"), self.presets)
        self.reason_edit = QLineEdit(self)
        self.reason_edit.setObjectName("forceReason")
        self.reason_edit.setMaxLength(_REASON_MAX)
        self.reason_edit.setPlaceholderText(QCoreApplication.translate(
            "ForceDialog", "Choose a reason above or type one"))
        self.reason_edit.textEdited.connect(self._typed)
        form.addRow(QCoreApplication.translate("ForceDialog", "Other reason")
                    if presets else QCoreApplication.translate("ForceDialog", "Reason"),
                    self.reason_edit)
        warn = consequence(act) if destructive else ""
        self.warning = QLabel(warn, self)
        self.warning.setObjectName("forceWarning")
        self.warning.setWordWrap(True)
        self.warning.setVisible(bool(warn))
        lay.addWidget(self.warning)
        self.error = QLabel("", self)
        self.error.setObjectName("forceError")
        paint(self.error, Tone.ERROR)  # the red of the theme in force
        self.error.setWordWrap(True)
        self.error.hide()
        lay.addWidget(self.error)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        self.ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        # the confirmation is the button itself: it says what it does
        self.ok.setText(action_text)
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(
            QCoreApplication.translate("ForceDialog", "Cancel"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        lay.addWidget(self.buttons)
        self.reason_edit.setFocus(Qt.FocusReason.OtherFocusReason)

    def _picked(self, b: QAbstractButton) -> None:
        self.reason_edit.setText(b.text())
        self.error.hide()

    def _typed(self, _text: str) -> None:
        # typing replaces a preset: no button stays lit for a text it no longer holds
        b = self.preset_group.checkedButton()
        if b is not None and b.text() != self.reason_edit.text():
            self.preset_group.setExclusive(False)
            b.setChecked(False)
            self.preset_group.setExclusive(True)
        if self.reason_edit.text().strip():
            self.error.hide()

    def reason(self) -> str:
        return " ".join(self.reason_edit.text().split())

    def accept(self) -> None:
        if not self.reason():
            self.error.setText(QCoreApplication.translate(
                "ForceDialog", "Give a reason: choose one above or type one. "
                               "Every force action is recorded with its reason."))
            self.error.show()
            self.reason_edit.setFocus(Qt.FocusReason.OtherFocusReason)
            return  # the dialog stays open
        super().accept()

    def answer(self) -> ForceAnswer | None:
        """The leader's answer after the dialog closed; None when cancelled."""
        if self.result() != QDialog.DialogCode.Accepted:
            return None
        away = (AwayReason(self.away_box.currentData())
                if self.away_box is not None else None)
        return ForceAnswer(self.reason(), away)
