"""添加扣分/加分: a register entry by hand (R-ASSESS-3; 002's bonus and the leader's
scores). The items are the policy's own, each with its points or its range; a
fixed item's points are shown, not typed; a leader_calls part takes the leader's
score from 0 to the part's maximum."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from models.domain import assessment as asm
from views.assessment.texts import num
from views.kit.dates import from_qdate, month_end, to_qdate


@dataclass(frozen=True, slots=True)
class EntryInput:
    agent: str
    day: date
    item: str
    points: float | None
    note: str
    #: "" for an item's deduction or bonus, "leader" for a leader's score of a part
    kind: str = ""


class EntryDialog(QDialog):
    def __init__(
        self,
        policy: asm.AssessmentPolicy,
        agents: Mapping[str, str],
        month: str,
        today: date,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("assessmentEntryDialog")
        self.setWindowTitle(
            QCoreApplication.translate("AssessmentView", "Add a deduction or bonus")
        )
        self.policy = policy
        form = QFormLayout()
        self.agent = QComboBox(self)
        self.agent.setObjectName("entryAgent")
        for a, n in sorted(agents.items()):
            self.agent.addItem(f"{a} {n}".strip(), a)
        self.day = QDateEdit(self)
        self.day.setObjectName("entryDay")
        self.day.setDisplayFormat("yyyy-MM-dd")
        self.day.setCalendarPopup(True)
        y, m = (int(x) for x in month.split("-"))
        first = date(y, m, 1)
        self.day.setMinimumDate(to_qdate(first))
        self.day.setMaximumDate(to_qdate(month_end(first)))
        self.day.setDate(to_qdate(today if first <= today <= month_end(first) else first))
        self.item = QComboBox(self)
        self.item.setObjectName("entryItem")
        for p in policy.parts:
            for it in policy.items:
                if it.part == p.id:
                    self.item.addItem(f"{p.name} · {it.name}（{it.points_text()}）", ("", it.id))
            if p.scoring == "leader_calls":
                self.item.addItem(
                    QCoreApplication.translate(
                        "AssessmentView", "{part} · leader's score (0 to {max})"
                    ).format(part=p.name, max=num(p.max)),
                    ("leader", p.id),
                )
        self.points = QDoubleSpinBox(self)
        self.points.setObjectName("entryPoints")
        self.points.setDecimals(1)
        self.note = QLineEdit(self)
        self.note.setObjectName("entryNote")
        self.note.setMaxLength(200)
        self.labels = [
            QLabel(QCoreApplication.translate("AssessmentView", "Agent"), self),
            QLabel(QCoreApplication.translate("AssessmentView", "Day"), self),
            QLabel(QCoreApplication.translate("AssessmentView", "Item"), self),
            QLabel(QCoreApplication.translate("AssessmentView", "Points"), self),
            QLabel(QCoreApplication.translate("AssessmentView", "Note"), self),
        ]
        for lab, w in zip(
            self.labels, (self.agent, self.day, self.item, self.points, self.note), strict=True
        ):
            form.addRow(lab, w)
        lay = QVBoxLayout(self)
        lay.addLayout(form)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(
            QCoreApplication.translate("AssessmentView", "Record")
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(
            QCoreApplication.translate("AssessmentView", "Cancel")
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        lay.addWidget(self.buttons)
        self.item.currentIndexChanged.connect(self._item_changed)
        self._item_changed()
        self.resize(640, self.sizeHint().height())

    def _item_changed(self, _i: int = 0) -> None:
        kind, ident = self.item.currentData() or ("", "")
        if kind == "leader":
            part = self.policy.part(ident)
            self.points.setRange(0.0, part.max if part is not None else 100.0)
            self.points.setEnabled(True)
            return
        it = self.policy.item(ident)
        if it is None:
            return
        self.points.setRange(it.low, it.high)
        self.points.setValue(it.high if it.high < 0 else it.low)
        self.points.setEnabled(not it.fixed)

    def result_input(self) -> EntryInput | None:
        kind, ident = self.item.currentData() or ("", "")
        agent = self.agent.currentData()
        if not agent or not ident:
            return None
        it = self.policy.item(ident) if not kind else None
        pts = None if it is not None and it.fixed else float(self.points.value())
        return EntryInput(
            str(agent), from_qdate(self.day.date()), str(ident), pts, self.note.text().strip(), kind
        )


def ask_entry(
    parent: QWidget | None,
    policy: asm.AssessmentPolicy,
    agents: Mapping[str, str],
    month: str,
    today: date,
) -> EntryInput | None:
    d = EntryDialog(policy, agents, month, today, parent)
    try:
        return d.result_input() if d.exec() == QDialog.DialogCode.Accepted else None
    finally:
        d.deleteLater()


__all__ = ["EntryDialog", "EntryInput", "ask_entry"]
