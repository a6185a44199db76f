"""The administrators' floor-setup editor: groups (班组), queues (队列), agents (坐席).

The same data as ``seatwatch floor import``. The dialog edits a copy: three
tables over plain lists, a file import that merges the good rows of a CSV/JSON
into the copy, inline checks with the offending row highlighted. Nothing reaches
the database until Save, and Save shows what will change first. Everything
outside the dialog goes through :class:`FloorSetupBackend` (asynchronous), which
checks the operator's right in the database and refuses removals that are still
in use; its refusals are shown here, never raised.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any, Protocol

from PySide6.QtCore import (
    QAbstractItemModel,
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListWidget,
    QPushButton,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from models.domain.floorsetup import FloorSetup, RowError
from models.domain.types import Agent, Group, Queue
from views import theme as themes
from views.kit import dialogs
from views.kit.pending import Pending, tagged
from views.kit.status import Tone, paint
from views.paths import documents

Index = QModelIndex | QPersistentModelIndex

GROUP, QUEUE, AGENT = "group", "queue", "agent"
KINDS = (GROUP, QUEUE, AGENT)
COL_ID, COL_NAME, COL_GROUP = range(3)
#: the row's problem (str) or None, for tests and tools
PROBLEM_ROLE = Qt.ItemDataRole.UserRole + 1
#: as models.domain.floorsetup: what a 工号 / group or queue id may hold
_ID = re.compile(r"^[0-9A-Za-z_\-.]{1,40}$")
NAME_MAX = 100


def _bad_bg() -> QBrush:
    """A row with a problem: the theme's red laid thin over the table (pale on the
    light theme, deep on the dark one; the text keeps the palette's colour)."""
    c = QColor(themes.current().red)
    c.setAlpha(70)
    return QBrush(c)


class FloorSetupBackend(Protocol):
    """What the dialog needs from outside (console/floor_admin_backend.py); every
    request answers later, on the GUI thread (:class:`views.kit.pending.Pending`).

    ``refused`` receives a message for the person (a refusal or a fault), never
    an exception. ``save_setup`` answers with the floor as saved.
    """

    @property
    def operator_id(self) -> str: ...

    def load_setup(self, owner: QObject) -> Pending: ...

    def save_setup(self, owner: QObject, setup: FloorSetup) -> Pending: ...

    def parse_file(self, owner: QObject, path: str,
                   known_groups: Iterable[str] = ()) -> Pending: ...


@dataclass(frozen=True, slots=True)
class EditRow:
    """One row of the editor. ``new``: not saved yet, so its id may still be edited
    (a saved id is the key the log and history know it by)."""

    id: str
    name: str
    group: str = ""
    new: bool = False


# ---- pure helpers: checks and the change summary ----------------------------------------


def row_problems(kind: str, rows: Sequence[EditRow], group_ids: Iterable[str] = ()
                 ) -> dict[int, str]:
    """Row index -> what is wrong with it (translated), for the rules a floor file
    is held to: a valid unique id, a name, a known group for an agent."""
    groups = set(group_ids)
    seen: dict[str, int] = {}
    for r in rows:
        seen[r.id] = seen.get(r.id, 0) + 1
    out: dict[int, str] = {}
    for i, r in enumerate(rows):
        msg = None
        if not r.id:
            msg = (QCoreApplication.translate("FloorSetup", "Empty agent ID")
                   if kind == AGENT else QCoreApplication.translate("FloorSetup", "Empty ID"))
        elif not _ID.match(r.id):
            msg = QCoreApplication.translate(
                "FloorSetup", "ID {id} may only hold 1–40 letters, digits, '_', '-' or '.'"
            ).format(id=r.id)
        elif seen[r.id] > 1:
            msg = (QCoreApplication.translate("FloorSetup", "Duplicate agent ID {id}")
                   if kind == AGENT else
                   QCoreApplication.translate("FloorSetup", "Duplicate ID {id}")).format(id=r.id)
        elif not r.name:
            msg = (QCoreApplication.translate("FloorSetup", "Empty agent name")
                   if kind == AGENT else QCoreApplication.translate("FloorSetup", "Empty name"))
        elif len(r.name) > NAME_MAX:
            msg = QCoreApplication.translate(
                "FloorSetup", "Name longer than {n} characters").format(n=NAME_MAX)
        elif kind == AGENT and not r.group:
            msg = QCoreApplication.translate("FloorSetup", "No group chosen")
        elif kind == AGENT and r.group not in groups:
            msg = QCoreApplication.translate("FloorSetup", "Unknown group {group}").format(
                group=r.group)
        if msg is not None:
            out[i] = msg
    return out


@dataclass(frozen=True, slots=True)
class KindDiff:
    added: tuple[str, ...]
    renamed: tuple[str, ...]
    moved: tuple[str, ...]
    removed: tuple[str, ...]

    @property
    def empty(self) -> bool:
        return not (self.added or self.renamed or self.moved or self.removed)


def setup_diff(old: FloorSetup, new: FloorSetup) -> dict[str, KindDiff]:
    """Per kind: ids added, renamed, moved to another group (agents), removed."""
    def one(a: dict[str, Any], b: dict[str, Any]) -> KindDiff:
        both = sorted(set(a) & set(b))
        return KindDiff(tuple(sorted(set(b) - set(a))),
                        tuple(k for k in both if a[k].name != b[k].name),
                        tuple(k for k in both if getattr(a[k], "group", None)
                              != getattr(b[k], "group", None)),
                        tuple(sorted(set(a) - set(b))))

    return {GROUP: one({g.id: g for g in old.groups}, {g.id: g for g in new.groups}),
            QUEUE: one({q.id: q for q in old.queues}, {q.id: q for q in new.queues}),
            AGENT: one({a.id: a for a in old.agents}, {a.id: a for a in new.agents})}


def summary_lines(old: FloorSetup, new: FloorSetup) -> list[str]:
    d = setup_diff(old, new)
    g, q, a = d[GROUP], d[QUEUE], d[AGENT]
    lines = [
        QCoreApplication.translate("FloorSetup", "Groups: {added} added, {renamed} renamed, "
                                                 "{removed} removed").format(
            added=len(g.added), renamed=len(g.renamed), removed=len(g.removed)),
        QCoreApplication.translate("FloorSetup", "Queues: {added} added, {renamed} renamed, "
                                                 "{removed} removed").format(
            added=len(q.added), renamed=len(q.renamed), removed=len(q.removed)),
        QCoreApplication.translate("FloorSetup", "Agents: {added} added, {renamed} renamed, "
                                                 "{moved} moved to another group, "
                                                 "{removed} removed").format(
            added=len(a.added), renamed=len(a.renamed), moved=len(a.moved),
            removed=len(a.removed)),
    ]
    names = {x.id: x.name for x in old.agents}
    if a.removed:
        who = [f"{i} {names.get(i, '')}".strip() for i in a.removed[:20]]
        more = len(a.removed) - len(who)
        lines.append(QCoreApplication.translate("FloorSetup", "Agents removed: {agents}").format(
            agents=", ".join(who) + (f" (+{more})" if more else "")))
    return lines


def where_text(e: RowError) -> str:
    """"line 7" of a CSV file in the reader's language; JSON positions stay as they are."""
    m = re.fullmatch(r"line (\d+)", e.where)
    if m:
        return QCoreApplication.translate("FloorSetup", "line {n}").format(n=m.group(1))
    return e.where


# ---- the item model --------------------------------------------------------------------------


class SetupTableModel(QAbstractTableModel):
    """Groups, queues or agents being edited: a table over a plain list of rows.

    ``edited`` fires on every change the person makes (not on highlighting), so
    the dialog re-checks and re-evaluates Save.
    """

    edited = Signal()

    def __init__(self, kind: str, parent: Any = None) -> None:
        super().__init__(parent)
        if kind not in KINDS:
            raise ValueError(f"unknown kind {kind!r}")
        self.kind = kind
        self._rows: list[EditRow] = []
        self._problems: dict[int, str] = {}
        #: how an agent's group is shown (the dialog passes "G1 一班")
        self.group_label: Callable[[str], str] = lambda g: g

    # -- reading --

    def rows(self) -> list[EditRow]:
        return list(self._rows)

    def problems(self) -> dict[int, str]:
        return dict(self._problems)

    def find(self, ident: str) -> int | None:
        for i, r in enumerate(self._rows):
            if r.id == ident:
                return i
        return None

    # -- changes --

    def set_rows(self, rows: Iterable[EditRow]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self._problems = {}
        self.endResetModel()
        self.edited.emit()

    def add_row(self, group: str = "") -> int:
        n = len(self._rows)
        self.beginInsertRows(QModelIndex(), n, n)
        self._rows.append(EditRow("", "", group if self.kind == AGENT else "", new=True))
        self.endInsertRows()
        self.edited.emit()
        return n

    def remove_rows(self, rows: Iterable[int]) -> int:
        """Remove rows (indices into the current list); contiguous runs go together."""
        todo = sorted({r for r in rows if 0 <= r < len(self._rows)}, reverse=True)
        removed = len(todo)
        if not todo:
            return 0
        self._problems = {}
        while todo:
            last = first = todo.pop(0)
            while todo and todo[0] == first - 1:
                first = todo.pop(0)
            self.beginRemoveRows(QModelIndex(), first, last)
            del self._rows[first:last + 1]
            self.endRemoveRows()
        self.edited.emit()
        return removed

    def merge(self, items: Iterable[tuple[str, str, str]]) -> tuple[int, int]:
        """Upsert (id, name, group) by id; returns (added, updated)."""
        added = updated = 0
        new_rows: list[EditRow] = []
        for ident, name, group in items:
            i = self.find(ident)
            if i is None:
                new_rows.append(EditRow(ident, name, group if self.kind == AGENT else "",
                                        new=True))
                added += 1
                continue
            old = self._rows[i]
            row = replace(old, name=name, group=group if self.kind == AGENT else old.group)
            if row != old:
                self._rows[i] = row
                self.dataChanged.emit(self.index(i, 0), self.index(i, self.columnCount() - 1))
                updated += 1
        if new_rows:
            n = len(self._rows)
            self.beginInsertRows(QModelIndex(), n, n + len(new_rows) - 1)
            self._rows.extend(new_rows)
            self.endInsertRows()
        if added or updated:
            self.edited.emit()
        return added, updated

    def set_problems(self, problems: dict[int, str]) -> None:
        """Highlight these rows (and clear the others); only rows that change repaint."""
        changed = {i for i in set(problems) | set(self._problems)
                   if problems.get(i) != self._problems.get(i) and 0 <= i < len(self._rows)}
        self._problems = dict(problems)
        last = self.columnCount() - 1
        for i in sorted(changed):
            self.dataChanged.emit(self.index(i, 0), self.index(i, last),
                                  [Qt.ItemDataRole.BackgroundRole,
                                   Qt.ItemDataRole.ForegroundRole,
                                   Qt.ItemDataRole.ToolTipRole, PROBLEM_ROLE])

    def refresh_groups(self) -> None:
        """Group names changed elsewhere: repaint the group column."""
        if self.kind == AGENT and self._rows:
            self.dataChanged.emit(self.index(0, COL_GROUP),
                                  self.index(len(self._rows) - 1, COL_GROUP),
                                  [Qt.ItemDataRole.DisplayRole])

    # -- QAbstractItemModel --

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        if parent.isValid():
            return 0
        return 3 if self.kind == AGENT else 2

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return super().headerData(section, orientation, role)
        if not 0 <= section < self.columnCount():
            return None
        if self.kind == AGENT:
            return [QCoreApplication.translate("FloorSetup", "Agent ID"),
                    QCoreApplication.translate("FloorSetup", "Name"),
                    QCoreApplication.translate("FloorSetup", "Group")][section]
        if self.kind == GROUP:
            return [QCoreApplication.translate("FloorSetup", "Group ID"),
                    QCoreApplication.translate("FloorSetup", "Group name")][section]
        return [QCoreApplication.translate("FloorSetup", "Queue ID"),
                QCoreApplication.translate("FloorSetup", "Queue name")][section]

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        r = self._rows[index.row()]
        col = index.column()
        problem = self._problems.get(index.row())
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            if col == COL_ID:
                return r.id
            if col == COL_NAME:
                return r.name
            if col == COL_GROUP and self.kind == AGENT:
                return r.group if role == Qt.ItemDataRole.EditRole else self.group_label(r.group)
            return None
        if role == Qt.ItemDataRole.BackgroundRole:
            return _bad_bg() if problem else None
        if role == Qt.ItemDataRole.ToolTipRole:
            return problem
        if role == PROBLEM_ROLE:
            return problem
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        f = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if index.column() != COL_ID or self._rows[index.row()].new:
            f |= Qt.ItemFlag.ItemIsEditable
        return f

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if (role != Qt.ItemDataRole.EditRole or not index.isValid()
                or not self.flags(index) & Qt.ItemFlag.ItemIsEditable):
            return False
        text = "" if value is None else str(value).strip()
        old = self._rows[index.row()]
        col = index.column()
        if col == COL_ID:
            row = replace(old, id=text)
        elif col == COL_NAME:
            row = replace(old, name=text)
        elif col == COL_GROUP and self.kind == AGENT:
            row = replace(old, group=text)
        else:
            return False
        if row == old:
            return True
        self._rows[index.row()] = row
        self.dataChanged.emit(index, index)
        self.edited.emit()
        return True


class GroupDelegate(QStyledItemDelegate):
    """An agent's group is chosen from the groups being edited, never typed."""

    def __init__(self, choices: Callable[[], list[tuple[str, str]]], parent: Any = None) -> None:
        super().__init__(parent)
        self.choices = choices  # (group id, label)

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem,
                     index: Index) -> QWidget:
        box = QComboBox(parent)
        box.setObjectName("groupChooser")
        for gid, label in self.choices():
            box.addItem(label, gid)
        return box

    def setEditorData(self, editor: QWidget, index: Index) -> None:
        assert isinstance(editor, QComboBox)
        current = str(index.data(Qt.ItemDataRole.EditRole) or "")
        i = editor.findData(current)
        if i < 0 and current:
            editor.addItem(current, current)  # an unknown group stays visible as it is
            i = editor.count() - 1
        editor.setCurrentIndex(max(i, 0))

    def setModelData(self, editor: QWidget, model: QAbstractItemModel, index: Index) -> None:
        assert isinstance(editor, QComboBox)
        if editor.currentIndex() >= 0:
            model.setData(index, editor.currentData(), Qt.ItemDataRole.EditRole)


# ---- the dialog ---------------------------------------------------------------------------------


class FloorSetupDialog(QDialog):
    """Edit groups, queues and agents; Save sends the whole floor to the backend."""

    #: the floor as saved (after a successful Save)
    saved = Signal(object)

    def __init__(self, backend: FloorSetupBackend, parent: Any = None) -> None:
        super().__init__(parent)
        self.setObjectName("floorSetupDialog")
        self.backend = backend
        # dialogs are attributes so tests (and the lead's wiring) can answer them
        self.ask_confirm: Callable[[str], bool] = self._confirm_dialog
        self.ask_path: Callable[[], str | None] = self._path_dialog
        self.baseline: FloorSetup | None = None
        self.busy: str | None = None  # "load", "save", "import"
        self.models = {k: SetupTableModel(k, self) for k in KINDS}
        self.models[AGENT].group_label = self._group_label
        self.views: dict[str, QTableView] = {}
        self._build()
        for k, m in self.models.items():
            m.edited.connect(lambda k=k: self._edited(k))
        self.retranslate()
        self.reload()

    # -- layout --

    def _build(self) -> None:
        self.resize(760, 520)
        layout = QVBoxLayout(self)
        self.operator_label = QLabel(self)
        self.operator_label.setObjectName("floorSetupOperator")
        layout.addWidget(self.operator_label)
        self.tabs = QTabWidget(self)
        self.tabs.setObjectName("floorSetupTabs")
        for kind in KINDS:
            view = QTableView(self.tabs)
            view.setObjectName(f"{kind}Table")
            view.setModel(self.models[kind])
            view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
            view.setEditTriggers(QAbstractItemView.EditTrigger.DoubleClicked
                                 | QAbstractItemView.EditTrigger.EditKeyPressed
                                 | QAbstractItemView.EditTrigger.AnyKeyPressed)
            view.verticalHeader().setDefaultSectionSize(24)
            view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
            self.views[kind] = view
            self.tabs.addTab(view, "")
        self.group_delegate = GroupDelegate(self._group_choices, self)
        self.views[AGENT].setItemDelegateForColumn(COL_GROUP, self.group_delegate)
        layout.addWidget(self.tabs, 1)

        row = QHBoxLayout()
        self.add_button = QPushButton(self)
        self.add_button.setObjectName("floorSetupAdd")
        self.remove_button = QPushButton(self)
        self.remove_button.setObjectName("floorSetupRemove")
        self.import_button = QPushButton(self)
        self.import_button.setObjectName("floorSetupImport")
        for b in (self.add_button, self.remove_button, self.import_button):
            row.addWidget(b)
        row.addStretch(1)
        layout.addLayout(row)
        self.add_button.clicked.connect(self.add_row)
        self.remove_button.clicked.connect(self.remove_selected)
        self.import_button.clicked.connect(self.import_file)

        self.problems_label = QLabel(self)
        self.problems_label.setObjectName("floorSetupProblems")
        self.problems_label.setWordWrap(True)
        paint(self.problems_label, Tone.ERROR)
        layout.addWidget(self.problems_label)
        self.import_errors = QListWidget(self)
        self.import_errors.setObjectName("importErrors")
        self.import_errors.setMaximumHeight(110)
        self.import_errors.hide()
        layout.addWidget(self.import_errors)
        self.message = QLabel(self)
        self.message.setObjectName("floorSetupMessage")
        self.message.setWordWrap(True)
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.message)

        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save
                                        | QDialogButtonBox.StandardButton.Close, self)
        self.save_button = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        self.save_button.setObjectName("floorSetupSave")
        self.save_button.clicked.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self.tabs.currentChanged.connect(lambda _i: self._update_buttons())

    def retranslate(self) -> None:
        self.setWindowTitle(QCoreApplication.translate("FloorSetup", "Floor setup"))
        self.operator_label.setText(QCoreApplication.translate(
            "FloorSetup", "Editing as {id}. Nothing changes until you save; then every "
                          "console sees the change.").format(id=self.backend.operator_id))
        self.tabs.setTabText(0, QCoreApplication.translate("FloorSetup", "Groups"))
        self.tabs.setTabText(1, QCoreApplication.translate("FloorSetup", "Queues"))
        self.tabs.setTabText(2, QCoreApplication.translate("FloorSetup", "Agents"))
        self.add_button.setText(QCoreApplication.translate("FloorSetup", "Add"))
        self.remove_button.setText(QCoreApplication.translate("FloorSetup", "Remove"))
        self.import_button.setText(QCoreApplication.translate("FloorSetup", "Import file…"))
        self.save_button.setText(QCoreApplication.translate("FloorSetup", "Save"))
        self.buttons.button(QDialogButtonBox.StandardButton.Close).setText(
            QCoreApplication.translate("FloorSetup", "Close"))
        for m in self.models.values():
            m.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, m.columnCount() - 1)
        self._check()

    # -- state --

    def current_kind(self) -> str:
        return KINDS[self.tabs.currentIndex()]

    def current_setup(self) -> FloorSetup:
        """What the editor holds now, as the backend takes it."""
        return FloorSetup(groups=[Group(r.id, r.name) for r in self.models[GROUP].rows()],
                          queues=[Queue(r.id, r.name) for r in self.models[QUEUE].rows()],
                          agents=[Agent(r.id, r.name, r.group)
                                  for r in self.models[AGENT].rows()])

    @property
    def valid(self) -> bool:
        return not any(m.problems() for m in self.models.values())

    @property
    def dirty(self) -> bool:
        if self.baseline is None:
            return False
        return not all(d.empty for d in setup_diff(self.baseline,
                                                   self.current_setup()).values())

    def _group_label(self, gid: str) -> str:
        for r in self.models[GROUP].rows():
            if r.id == gid and gid:
                return f"{gid} {r.name}".strip()
        return gid

    def _group_choices(self) -> list[tuple[str, str]]:
        return [(r.id, f"{r.id} {r.name}".strip()) for r in self.models[GROUP].rows() if r.id]

    def _set_message(self, text: str, error: bool = False) -> None:
        paint(self.message, Tone.ERROR if error else Tone.PLAIN)
        self.message.setText(text)

    def show_failure(self, text: str) -> None:
        """A request's failure no handler took: on the message line."""
        self.busy = None
        self._set_message(text, error=True)
        self._update_buttons()

    # -- loading --

    def reload(self) -> None:
        self.busy = "load"
        self._set_message(QCoreApplication.translate("FloorSetup", "Loading the floor setup…"))
        self._update_buttons()
        self.backend.load_setup(self).done(self._loaded).refused(self._load_failed).run()

    def _show(self, setup: FloorSetup) -> None:
        self.baseline = setup
        self.models[GROUP].set_rows(EditRow(g.id, g.name) for g in setup.groups)
        self.models[QUEUE].set_rows(EditRow(q.id, q.name) for q in setup.queues)
        self.models[AGENT].set_rows(EditRow(a.id, a.name, a.group) for a in setup.agents)

    def _loaded(self, setup: FloorSetup) -> None:
        self.busy = None
        self._show(setup)
        self._set_message(QCoreApplication.translate(
            "FloorSetup", "{groups} groups, {queues} queues, {agents} agents.").format(
            groups=len(setup.groups), queues=len(setup.queues), agents=len(setup.agents)))
        self._check()

    def _load_failed(self, message: str) -> None:
        self.busy = None
        self._set_message(QCoreApplication.translate(
            "FloorSetup", "The floor setup could not be loaded: {error}").format(error=message),
            error=True)
        self._update_buttons()

    # -- editing --

    def _edited(self, kind: str) -> None:
        if kind == GROUP:
            self.models[AGENT].refresh_groups()
        self._check()

    def _check(self) -> None:
        """Re-check every table, highlight offending rows, list the first problems."""
        group_ids = [r.id for r in self.models[GROUP].rows() if r.id]
        lines: list[str] = []
        for i, kind in enumerate(KINDS):
            m = self.models[kind]
            probs = row_problems(kind, m.rows(), group_ids)
            m.set_problems(probs)
            for row, text in sorted(probs.items()):
                lines.append(QCoreApplication.translate("FloorSetup", "{tab}, row {row}: {problem}")
                             .format(tab=self.tabs.tabText(i), row=row + 1, problem=text))
        shown = lines[:5]
        if len(lines) > 5:
            shown.append(QCoreApplication.translate("FloorSetup", "… and {n} more").format(
                n=len(lines) - 5))
        self.problems_label.setText("\n".join(shown))
        self.problems_label.setVisible(bool(shown))
        self._update_buttons()

    def _update_buttons(self) -> None:
        ready = self.baseline is not None and self.busy is None
        self.save_button.setEnabled(ready and self.valid and self.dirty)
        for b in (self.add_button, self.remove_button, self.import_button):
            b.setEnabled(ready)

    def add_row(self) -> None:
        kind = self.current_kind()
        view = self.views[kind]
        group = ""
        if kind == AGENT:  # the group of the selected agent, else the first group
            sel = view.selectionModel().selectedRows()
            rows = self.models[AGENT].rows()
            choices = self._group_choices()
            if sel:
                group = rows[sel[0].row()].group
            elif choices:
                group = choices[0][0]
        row = self.models[kind].add_row(group)
        index = self.models[kind].index(row, COL_ID)
        view.setCurrentIndex(index)
        if view.isVisible():
            view.edit(index)

    def remove_selected(self) -> None:
        kind = self.current_kind()
        rows = [i.row() for i in self.views[kind].selectionModel().selectedRows()]
        if rows:
            self.models[kind].remove_rows(rows)

    # -- importing a file --

    def import_file(self) -> None:
        path = self.ask_path()
        if not path:
            return
        self.busy = "import"
        self._update_buttons()
        self._set_message(QCoreApplication.translate("FloorSetup", "Reading {file}…").format(
            file=Path(path).name))
        known = [r.id for r in self.models[GROUP].rows() if r.id]
        self.backend.parse_file(self, path, known_groups=known).done(
            tagged(self._imported, path)).refused(self._import_failed).run()

    def _import_failed(self, message: str) -> None:
        self.busy = None
        self._set_message(QCoreApplication.translate(
            "FloorSetup", "The file was not imported: {error}").format(error=message), error=True)
        self._update_buttons()

    def _imported(self, path: str, setup: FloorSetup) -> None:
        self.busy = None
        name = Path(path).name
        bad = [QCoreApplication.translate("FloorSetup", "{where}: {reason}").format(
            where=where_text(e), reason=e.reason) for e in setup.errors]
        self.import_errors.clear()
        self.import_errors.addItems(bad)
        self.import_errors.setVisible(bool(bad))
        good = len(setup.groups) + len(setup.queues) + len(setup.agents)
        self._update_buttons()
        if good == 0:
            self._set_message(QCoreApplication.translate(
                "FloorSetup", "{file}: no good rows; nothing was merged.").format(file=name),
                error=True)
            return
        if bad:
            listed = bad[:20] + ([QCoreApplication.translate("FloorSetup", "… and {n} more")
                                  .format(n=len(bad) - 20)] if len(bad) > 20 else [])
            text = "\n".join([QCoreApplication.translate(
                "FloorSetup", "{file} has {n} bad rows, which will be left out:").format(
                file=name, n=len(bad)), *listed, "",
                QCoreApplication.translate(
                    "FloorSetup", "Merge the {good} good rows into the editor?").format(
                    good=good)])
            if not self.ask_confirm(text):
                self._set_message(QCoreApplication.translate(
                    "FloorSetup", "Nothing was merged from {file}.").format(file=name))
                return
        added = updated = 0
        for kind, items in ((GROUP, [(g.id, g.name, "") for g in setup.groups]),
                            (QUEUE, [(q.id, q.name, "") for q in setup.queues]),
                            (AGENT, [(a.id, a.name, a.group) for a in setup.agents])):
            a, u = self.models[kind].merge(items)
            added, updated = added + a, updated + u
        self._set_message(QCoreApplication.translate(
            "FloorSetup", "Merged from {file}: {added} added, {updated} updated, {bad} bad rows "
                          "left out. Nothing is saved until you press Save.").format(
            file=name, added=added, updated=updated, bad=len(bad)))
        self._check()

    # -- saving --

    def save(self) -> None:
        if self.baseline is None or self.busy is not None or not self.valid or not self.dirty:
            return
        setup = self.current_setup()
        text = "\n".join([QCoreApplication.translate(
            "FloorSetup", "Save these changes to the floor setup?"),
            *summary_lines(self.baseline, setup)])
        if not self.ask_confirm(text):
            return
        self.busy = "save"
        self._update_buttons()
        self._set_message(QCoreApplication.translate("FloorSetup", "Saving…"))
        before = self.baseline
        self.backend.save_setup(self, setup).done(tagged(self._saved, before)).refused(
            self._save_failed).run()

    def _saved(self, before: FloorSetup, setup: FloorSetup) -> None:
        self.busy = None
        lines = summary_lines(before, setup)
        self._show(setup)
        self.import_errors.clear()
        self.import_errors.hide()
        self._set_message(QCoreApplication.translate("FloorSetup", "Saved. {summary}").format(
            summary="; ".join(lines)))
        self._check()
        self.saved.emit(setup)

    def _save_failed(self, message: str) -> None:
        """A refusal (or a fault) is shown; the edits stay, so they can be put right."""
        self.busy = None
        self._set_message(QCoreApplication.translate("FloorSetup", "Not saved: {reason}").format(
            reason=message), error=True)
        self._update_buttons()

    # -- closing --

    def reject(self) -> None:
        if self.dirty and not self.ask_confirm(QCoreApplication.translate(
                "FloorSetup", "Discard the changes that were not saved?")):
            return
        super().reject()

    # -- default dialogs (tests replace them) --

    def _confirm_dialog(self, text: str) -> bool:
        return dialogs.confirm(self, QCoreApplication.translate("FloorSetup", "Confirm"), text)

    def _path_dialog(self) -> str | None:
        return dialogs.open_path(
            self, QCoreApplication.translate("FloorSetup", "Import floor file"), documents(),
            QCoreApplication.translate("FloorSetup", "Floor files (*.csv *.json);;All files (*)"))
