"""The quality screens' tables (issue #18): a file's bad rows and warnings, the week's
register and proposed sample, the chart's signals. Each a :class:`RowTableModel`
over a list of plain tuples."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication, Qt

from views.kit.table import RowTableModel

RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)


class FileRowsModel(RowTableModel):
    """(kind, file, where, reason): kind "error" (the row is refused) or "warning"."""

    COLUMNS = 4

    def header(self, section: int) -> str | None:
        return (QCoreApplication.translate("Qa", "Kind"),
                QCoreApplication.translate("Qa", "File"),
                QCoreApplication.translate("Qa", "Line"),
                QCoreApplication.translate("Qa", "Reason"))[section]

    def cell(self, item: Any, col: int, role: int) -> Any:
        kind, file, where, reason = item
        if role == Qt.ItemDataRole.DisplayRole:
            if col == 0:
                return (QCoreApplication.translate("Qa", "Bad row") if kind == "error"
                        else QCoreApplication.translate("Qa", "Warning"))
            return (file, where, reason)[col - 1]
        if role == Qt.ItemDataRole.UserRole:
            return kind
        return None


class RegisterModel(RowTableModel):
    """The register: (工号, name, group, scored, missing, answered) of each agent below
    the week's minimum."""

    COLUMNS = 6

    def key(self, item: Any) -> Any:
        return item[0]

    def header(self, section: int) -> str | None:
        return (QCoreApplication.translate("Qa", "Agent"),
                QCoreApplication.translate("Qa", "Name"),
                QCoreApplication.translate("Qa", "Group"),
                QCoreApplication.translate("Qa", "Scored"),
                QCoreApplication.translate("Qa", "Missing"),
                QCoreApplication.translate("Qa", "Answered"))[section]

    def cell(self, item: Any, col: int, role: int) -> Any:
        if role == Qt.ItemDataRole.DisplayRole:
            return str(item[col])
        if role == Qt.ItemDataRole.TextAlignmentRole and col >= 3:
            return RIGHT
        return None


class SampleModel(RowTableModel):
    """The proposed calls: (工号, name, call, answered at, shift)."""

    COLUMNS = 5

    def key(self, item: Any) -> Any:
        return (item[0], item[2])

    def header(self, section: int) -> str | None:
        return (QCoreApplication.translate("Qa", "Agent"),
                QCoreApplication.translate("Qa", "Name"),
                QCoreApplication.translate("Qa", "Call"),
                QCoreApplication.translate("Qa", "Answered at"),
                QCoreApplication.translate("Qa", "Shift"))[section]

    def cell(self, item: Any, col: int, role: int) -> Any:
        if role == Qt.ItemDataRole.DisplayRole:
            return str(item[col])
        return None


class SignalsModel(RowTableModel):
    """The chart's signals: (point index, period text, mean text, rule text)."""

    COLUMNS = 3

    def header(self, section: int) -> str | None:
        return (QCoreApplication.translate("Qa", "Period"),
                QCoreApplication.translate("Qa", "Mean"),
                QCoreApplication.translate("Qa", "Rule broken"))[section]

    def cell(self, item: Any, col: int, role: int) -> Any:
        if role == Qt.ItemDataRole.DisplayRole:
            return item[col + 1]
        if role == Qt.ItemDataRole.TextAlignmentRole and col == 1:
            return RIGHT
        if role == Qt.ItemDataRole.UserRole:
            return item[0]
        return None
