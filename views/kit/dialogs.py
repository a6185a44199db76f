"""The questions every dialog asks (issue #15 step 2): confirm, a reason, a path.

Each is a plain function so that a view keeps one seam per question (its
``_confirm_dialog`` / ``_reason_dialog`` / ``_path_dialog``) that a test replaces.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QFileDialog, QInputDialog, QLineEdit, QMessageBox, QWidget

from views.paths import in_documents


def confirm(parent: QWidget | None, title: str, text: str, *, yes: str | None = None,
            no: str | None = None, default_no: bool = False) -> bool:
    """Yes/no; ``yes``/``no`` name the buttons by what they do ("作废", "继续编辑")."""
    box = QMessageBox(QMessageBox.Icon.Question, title, text,
                      QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, parent)
    if yes:
        box.button(QMessageBox.StandardButton.Yes).setText(yes)
    if no:
        box.button(QMessageBox.StandardButton.No).setText(no)
    box.setDefaultButton(QMessageBox.StandardButton.No if default_no
                         else QMessageBox.StandardButton.Yes)
    return box.exec() == QMessageBox.StandardButton.Yes


def ask_reason(parent: QWidget | None, title: str, question: str, initial: str = "", *,
               multiline: bool = True, required: bool = True) -> str | None:
    """A reason (a note, a correction's why). ``None`` when cancelled, or when a reason
    is required and only blanks were given (asked again first)."""
    while True:
        if multiline:
            text, ok = QInputDialog.getMultiLineText(parent, title, question, initial)
        else:
            text, ok = QInputDialog.getText(parent, title, question, QLineEdit.EchoMode.Normal,
                                            initial)
        if not ok:
            return None
        if text.strip() or not required:
            return text.strip()
        question_again = QCoreApplication.translate("Kit", "A reason is needed.")
        if not question.endswith(question_again):
            question = f"{question}\n\n{question_again}"
        initial = ""


def save_path(parent: QWidget | None, title: str, suggested: str, file_filter: str) -> str | None:
    """Where to save: the dialog opens in the user's Documents folder with the
    suggested name; ``None`` when cancelled."""
    path, _filter = QFileDialog.getSaveFileName(parent, title, in_documents(suggested),
                                                file_filter)
    return path or None


def open_path(parent: QWidget | None, title: str, start: str, file_filter: str) -> str | None:
    path, _filter = QFileDialog.getOpenFileName(parent, title, start, file_filter)
    return path or None
