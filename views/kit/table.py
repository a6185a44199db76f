"""One read-only table model over a list of keyed rows (issue #15 step 2).

A model says its columns (:attr:`RowTableModel.COLUMNS`), how a row is keyed
(:meth:`~RowTableModel.key`), its headers (:meth:`~RowTableModel.header`) and its
cells (:meth:`~RowTableModel.cell`); the base does the rest. Replacing the rows with
rows of the same keys changes cells only (no reset), so a selection and the scroll
position survive a refresh: a shift leader reading row 40 is not sent back to row 1
every time the floor moves.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView, QWidget

Index = QModelIndex | QPersistentModelIndex


class RowTableModel(QAbstractTableModel):
    """A read-only table over a list of frozen rows, each with a key."""

    COLUMNS = 0

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: list[Any] = []

    # -- what a model says

    def key(self, item: Any) -> Any:
        """The row's identity; by default the row itself."""
        return item

    def header(self, section: int) -> str | None:
        raise NotImplementedError

    def cell(self, item: Any, col: int, role: int) -> Any:
        raise NotImplementedError

    # -- the rows

    def rows(self) -> list[Any]:
        return list(self._rows)

    def item_at(self, row: int) -> Any:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def row_of(self, key: Any) -> int | None:
        return next((i for i, r in enumerate(self._rows) if self.key(r) == key), None)

    def set_rows(self, rows: Sequence[Any]) -> None:
        new = list(rows)
        if new and [self.key(r) for r in new] == [self.key(r) for r in self._rows]:
            self._rows = new
            self.refresh()
            return
        self.beginResetModel()
        self._rows = new
        self.endResetModel()

    def replace(self, item: Any) -> int | None:
        """One row again, found by its key; ``None`` when no row has that key."""
        i = self.row_of(self.key(item))
        if i is None:
            return None
        self._rows[i] = item
        self.dataChanged.emit(self.index(i, 0), self.index(i, self.COLUMNS - 1))
        return i

    def refresh(self) -> None:
        """Every cell and header again (the language, the theme or the names changed)."""
        if self._rows:
            self.dataChanged.emit(
                self.index(0, 0), self.index(len(self._rows) - 1, self.COLUMNS - 1)
            )
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, self.COLUMNS - 1)

    # -- Qt's side

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else self.COLUMNS

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if (orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole
                or not 0 <= section < self.COLUMNS):
            return None
        return self.header(section)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        item = self.item_at(index.row())
        if item is None or not 0 <= index.column() < self.COLUMNS:
            return None
        return self.cell(item, index.column(), role)


def make_table(parent: QWidget, name: str, model: QAbstractTableModel, *,
               fit_contents: bool = True, row_height: int | None = None) -> QTableView:
    """The table view of every list: whole rows selected one at a time, not editable,
    no row numbers, the last column stretched. ``fit_contents`` sizes the columns to
    their contents (short lists); otherwise the user sizes them (long, live lists,
    where fitting every row on every change would cost a frame)."""
    t = QTableView(parent)
    t.setObjectName(name)
    t.setModel(model)
    t.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    t.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    t.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    t.setAlternatingRowColors(True)
    t.verticalHeader().setVisible(False)
    if row_height is not None:
        t.verticalHeader().setDefaultSectionSize(row_height)
    h = t.horizontalHeader()
    h.setHighlightSections(False)
    h.setStretchLastSection(True)
    h.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents if fit_contents
                           else QHeaderView.ResizeMode.Interactive)
    return t
