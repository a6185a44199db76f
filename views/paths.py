"""Where the file dialogs open (issue #12 item 13): the user's Documents folder, not
the folder the program happened to be started from (a shortcut's is the install
folder, where a supervisor's export does not belong)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QStandardPaths

from models.domain.texts import QT_TRANSLATE_NOOP

#: labels of Qt's own file dialog that qtbase_zh_CN leaves in English: translated in
#: our table, which Qt asks after its own (so Qt's translations win where they exist)
QT_GAPS = (QT_TRANSLATE_NOOP("QFileDialog", "&Look in:"),
           QT_TRANSLATE_NOOP("QFileDialog", "Files of &type:"))


def documents() -> str:
    """The user's Documents folder; the home folder where it does not exist (a new
    account on Linux), "" when the system names neither (the dialog's own choice)."""
    docs = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    if docs and Path(docs).is_dir():
        return docs
    return QStandardPaths.writableLocation(QStandardPaths.StandardLocation.HomeLocation)


def in_documents(name: str) -> str:
    """``name`` (a suggested file name) in the Documents folder; a path stays as it is."""
    docs = documents()
    if not docs or Path(name).is_absolute():
        return name
    return str(Path(docs) / name)
