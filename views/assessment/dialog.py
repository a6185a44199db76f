"""The console's 月度考核 dialog (班务 menu): the assessment page in a non-modal window."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication, QEvent
from PySide6.QtWidgets import QDialog, QHBoxLayout, QPushButton, QVBoxLayout

from views.assessment.page import AssessmentPage, AssessmentSource


class AssessmentDialog(QDialog):
    def __init__(self, backend: AssessmentSource, parent: Any = None) -> None:
        super().__init__(parent)
        self.setObjectName("assessmentDialog")
        lay = QVBoxLayout(self)
        self.page = AssessmentPage(backend, self)
        lay.addWidget(self.page, 1)
        bottom = QHBoxLayout()
        bottom.addStretch(1)
        self.close_button = QPushButton(self)
        self.close_button.setObjectName("assessmentClose")
        self.close_button.setAutoDefault(False)
        self.close_button.clicked.connect(self.reject)
        bottom.addWidget(self.close_button)
        lay.addLayout(bottom)
        self.retranslate()
        self.resize(1240, 760)
        self.page.sheet_table.setFocus()  # the sheet is what is read; the month is picked
        self.page.reload()

    def retranslate(self) -> None:
        self.setWindowTitle(QCoreApplication.translate("AssessmentView", "Monthly assessment"))
        self.close_button.setText(QCoreApplication.translate("AssessmentView", "Close"))

    def changeEvent(self, e: QEvent) -> None:  # noqa: N802 - Qt's name
        if e.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(e)
