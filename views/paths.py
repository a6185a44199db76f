"""Where the file dialogs open (issue #12 item 13): the user's Documents folder, not
the folder the program happened to be started from (a shortcut's is the install
folder, where a supervisor's export does not belong)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QStandardPaths


def documents() -> str:
    """The user's Documents folder ("" when the system names none: the dialog's own)."""
    return QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)


def in_documents(name: str) -> str:
    """``name`` (a suggested file name) in the Documents folder; a path stays as it is."""
    docs = documents()
    if not docs or Path(name).is_absolute():
        return name
    return str(Path(docs) / name)
