"""排班表: the shift leader's week roster — who works which shift on which day,
who leads each shift, and how many are on each shift.

A week grid (Monday to Sunday): one row per agent (工号 姓名), one column per
day; a cell shows the agent's shift (白班 / 夜班 / … from the policy) or 休 when
the agent is off. The rows above the agents name each shift's leader (值班长),
the row below them counts the agents on each shift of the day.

A cell is changed through a combo (the shifts and 休; for a leader row, the
people who are not agents). A change is a draft first (the cell says "unsaved",
the head counts follow it): "Save changes…" says what will change (n shift
changes for m people) and asks before anything is sent; "Undo last save" puts
the cells of the last save back as they were, as a new version of each, audited
as an undo (issue #12: edits were saved at once, with no confirmation or undo).
Each saved cell is one request to the :class:`RosterSource` naming what the cell
showed (its (shift, version) pairs): when another leader changed that cell
meanwhile the database refuses the save, the conflict box says who and when, and
the week is read again. The cell shows "saving" until the answer comes.

A roster file (CSV) is imported as a whole or, when some rows are bad, not at
all until the leader asks for the good rows only. A shift swap (调班) goes through
the database's rules (at most so many a month, no back-to-back shifts); a
refusal names the rule, inline. The module never touches the database.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from datetime import date, timedelta
from pathlib import Path
from typing import Any, Protocol

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QDate,
    QEvent,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QBrush, QCloseEvent, QColor, QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDateEdit,
    QDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QPushButton,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from models.domain.floorsetup import RowError
from models.domain.policy import Policy
from models.domain.shiftrecords import (
    ImportReport,
    RosterSlot,
    RosterView,
    StaleEdit,
)
from views import theme as themes
from views.conflict import Show, conflict_text, conflict_title, show_conflict
from views.kit import dialogs
from views.kit.pending import Pending, tagged
from views.kit.status import StatusLine, Tone, paint
from views.paths import documents

Index = QModelIndex | QPersistentModelIndex

#: the first column names the row; the days follow
COL_WHO = 0
DAYS = 7
#: a cell's state for tests and tools: True while its save is under way
PENDING_ROLE = Qt.ItemDataRole.UserRole + 1
#: the row's kind: "leader", "agent" or "total"
KIND_ROLE = Qt.ItemDataRole.UserRole + 2
#: the row's key: the shift of a leader row, the 工号 of an agent row
KEY_ROLE = Qt.ItemDataRole.UserRole + 3
#: the value a cell's editor offers for "off" (休) or "no leader"
OFF = ""



def _tint(c: QColor, alpha: int) -> QBrush:
    """A theme colour laid thin over the table's own background: pale on the light
    theme, deep on the dark one, the text readable on both (issue #15)."""
    t = QColor(c)
    t.setAlpha(alpha)
    return QBrush(t)


def _muted() -> QBrush:
    return QBrush(themes.current().stale_text)


def _pending_bg() -> QBrush:
    return _tint(themes.current().amber, 60)


def _draft_bg() -> QBrush:
    return _tint(themes.current().info, 50)


def _leader_bg() -> QBrush:
    return _tint(themes.current().info, 20)


def _total_bg() -> QBrush:
    return _tint(themes.current().stale_text, 40)

#: a saved change the leader may undo: (kind, key) of the row it was made on, the
#: day, the person, and what that person had before (shift or None, role)
UndoEntry = tuple[str, str, date, str, str | None, str]


class RosterSource(Protocol):
    """What the dialog needs from outside (console/shiftops_backend.py). Every request
    answers later, on the GUI thread (:class:`views.kit.pending.Pending`): ``refused``
    gets a message fit to show, ``conflict`` the refusal of a stale save."""

    @property
    def operator_id(self) -> str: ...

    def policy(self) -> Policy: ...

    def today(self) -> date: ...

    def load_roster(self, owner: QObject, first: date, last: date) -> Pending: ...

    def set_roster_cell(self, owner: QObject, day: date, person: str, shift: str | None,
                        expected: Sequence[tuple[str, int]], role: str,
                        undo: bool = False) -> Pending: ...

    def import_roster(self, owner: QObject, path: str, partial: bool) -> Pending: ...

    def swap(self, owner: QObject, agent: str, day: date, other: str, other_day: date,
             reason: str) -> Pending: ...


def monday_of(d: date) -> date:
    return d - timedelta(days=d.weekday())


def weekday_name(i: int) -> str:
    return (QCoreApplication.translate("Roster", "Mon"),
            QCoreApplication.translate("Roster", "Tue"),
            QCoreApplication.translate("Roster", "Wed"),
            QCoreApplication.translate("Roster", "Thu"),
            QCoreApplication.translate("Roster", "Fri"),
            QCoreApplication.translate("Roster", "Sat"),
            QCoreApplication.translate("Roster", "Sun"))[i]


def off_text() -> str:
    return QCoreApplication.translate("Roster", "Off")


def person_text(pid: str, names: dict[str, str]) -> str:
    name = names.get(pid, "")
    return f"{name} ({pid})" if name else pid


def row_error_text(e: RowError) -> str:
    """"line 7: reason" in the reader's language (the reason as the file reader said it)."""
    m = re.fullmatch(r"line (\d+)", e.where)
    if m:
        return QCoreApplication.translate("Roster", "line {n}: {reason}").format(
            n=m.group(1), reason=e.reason)
    return f"{e.where}: {e.reason}"


def import_hint() -> str:
    return QCoreApplication.translate(
        "Roster", "CSV columns: date,shift,agent,role (or 日期,班次,工号,角色). The date is "
                  "YYYY-MM-DD (a night shift counts on the day it starts); the shift is a "
                  "shift name of the policy; agent is the 工号 (an operator ID on a leader "
                  "row); role is agent or leader (empty: agent). Saved as UTF-8 or GBK "
                  "(Excel). The days in the file replace those days' roster.")


# ---- the grid ------------------------------------------------------------------------


class RosterGridModel(QAbstractTableModel):
    """The week as a table over the slots' list: leader rows (one per shift), agent
    rows, a totals row; column 0 names the row, columns 1–7 are Monday–Sunday.

    The model never saves: an edit (``setData``) emits :attr:`edit_requested` with
    the chosen value, and the dialog asks the database, marks the cell pending and
    puts the answer in with :meth:`apply_answer`."""

    #: (row, column, value): the person chose ``value`` for that cell
    edit_requested = Signal(int, int, object)

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.first: date = monday_of(date.today())
        self.shifts: list[str] = []
        self.agents: dict[str, str] = {}
        self.people: dict[str, str] = {}
        self.slots: list[RosterSlot] = []
        self.loaded = False
        #: (kind, key) per row: ("leader", shift), ("agent", 工号), ("total", "")
        self._rows: list[tuple[str, str]] = []
        #: (day, person) → slots
        self._by_cell: dict[tuple[date, str], list[RosterSlot]] = {}
        #: (kind, key, day) → (requests under way, the text to show meanwhile)
        self._pending: dict[tuple[str, str, date], tuple[int, str]] = {}
        #: (kind, key, day) → (the value chosen, its label): changes not saved yet
        self._drafts: dict[tuple[str, str, date], tuple[str, str]] = {}

    # -- contents

    @property
    def days(self) -> list[date]:
        return [self.first + timedelta(days=i) for i in range(DAYS)]

    @property
    def last(self) -> date:
        return self.first + timedelta(days=DAYS - 1)

    def clear(self, first: date) -> None:
        """An empty grid for the week starting ``first`` (while it loads)."""
        self.beginResetModel()
        self.first = monday_of(first)
        self.loaded = False
        self.slots, self.agents, self.people, self._rows = [], {}, {}, []
        self._by_cell, self._pending, self._drafts = {}, {}, {}
        self.endResetModel()

    def set_view(self, view: RosterView, shifts: Sequence[str]) -> None:
        self.beginResetModel()
        self.first = monday_of(view.first)
        self.loaded = True
        self.shifts = list(shifts)
        for s in view.slots:  # a shift the policy no longer has still shows
            if s.shift not in self.shifts:
                self.shifts.append(s.shift)
        self.agents = dict(view.agents)
        self.people = dict(view.people)
        self.slots = [s for s in view.slots if self.first <= s.day <= self.last]
        self._pending, self._drafts = {}, {}
        self._index()
        extra = sorted({s.person for s in self.slots if s.role != "leader"} - set(self.agents))
        self._rows = ([("leader", s) for s in self.shifts]
                      + [("agent", a) for a in [*self.agents, *extra]] + [("total", "")])
        self.endResetModel()

    def _index(self) -> None:
        self._by_cell = {}
        for s in self.slots:
            self._by_cell.setdefault((s.day, s.person), []).append(s)

    def row_key(self, row: int) -> tuple[str, str] | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def row_of(self, kind: str, key: str = "") -> int | None:
        try:
            return self._rows.index((kind, key))
        except ValueError:
            return None

    def column_of(self, day: date) -> int | None:
        i = (day - self.first).days
        return i + 1 if 0 <= i < DAYS else None

    def day_of(self, col: int) -> date | None:
        return self.first + timedelta(days=col - 1) if 1 <= col <= DAYS else None

    def slots_of(self, day: date, person: str) -> list[RosterSlot]:
        return list(self._by_cell.get((day, person), []))

    def expected(self, day: date, person: str) -> list[tuple[str, int]]:
        """What a save for ``person`` on ``day`` names as the cell's state."""
        return sorted((s.shift, s.version) for s in self._by_cell.get((day, person), []))

    def agent_shifts(self, day: date, agent: str) -> list[str]:
        return [s.shift for s in self._by_cell.get((day, agent), []) if s.role != "leader"]

    def leaders(self, day: date, shift: str) -> list[str]:
        return [s.person for s in self.slots
                if s.day == day and s.shift == shift and s.role == "leader"]

    def totals(self, day: date) -> dict[str, int]:
        """Agents per shift on ``day``, unsaved changes included (the leader sees
        what a change does to the head count before saving it)."""
        out = dict.fromkeys(self.shifts, 0)
        drafted = {k: v for (kind, k, d), (v, _l) in self._drafts.items()
                   if kind == "agent" and d == day}
        for s in self.slots:
            if s.day == day and s.role != "leader" and s.person not in drafted:
                out[s.shift] = out.get(s.shift, 0) + 1
        for v in drafted.values():
            if v:
                out[v] = out.get(v, 0) + 1
        return out

    def totals_text(self, day: date) -> str:
        return " · ".join(f"{shift} {n}" for shift, n in self.totals(day).items())

    def leader_candidates(self) -> dict[str, str]:
        """Who may lead a shift: the people who are not agents."""
        return {p: n for p, n in self.people.items() if p not in self.agents}

    def choices(self, index: Index) -> list[tuple[str, str]]:
        """(label, value) the cell's editor offers; empty for a cell not edited."""
        key = self.row_key(index.row())
        day = self.day_of(index.column())
        if key is None or day is None:
            return []
        kind, k = key
        if kind == "agent":
            have = self.agent_shifts(day, k)
            return [(off_text(), OFF)] + [(s, s) for s in self.shifts] + \
                [(s, s) for s in have if s not in self.shifts]
        if kind == "leader":
            cands = self.leader_candidates()
            for p in self.leaders(day, k):  # someone no longer a leader still shows
                cands.setdefault(p, self.people.get(p, ""))
            return [(QCoreApplication.translate("Roster", "— no leader —"), OFF)] + \
                [(person_text(p, self.people), p) for p in sorted(cands)]
        return []

    # -- drafts (changes not saved yet)

    def saved_value(self, kind: str, key: str, day: date) -> str:
        """What the database holds for the cell, as its editor's value."""
        if kind == "leader":
            leaders = self.leaders(day, key)
            return leaders[0] if leaders else OFF
        shifts = self.agent_shifts(day, key)
        return shifts[0] if shifts else OFF

    def draft(self, kind: str, key: str, day: date) -> str | None:
        d = self._drafts.get((kind, key, day))
        return d[0] if d is not None else None

    def drafts(self) -> dict[tuple[str, str, date], tuple[str, str]]:
        return dict(self._drafts)

    def set_draft(self, kind: str, key: str, day: date, value: str, label: str) -> None:
        """Stage ``value`` for the cell; choosing what is saved drops the draft (a
        leader cell with two leaders keeps it: bringing it down to one is a change)."""
        if value == self.saved_value(kind, key, day) and not (
                kind == "leader" and len(self.leaders(day, key)) > 1):
            self._drafts.pop((kind, key, day), None)
        else:
            self._drafts[(kind, key, day)] = (value, label)
        self._changed_day(day)

    def clear_drafts(self) -> None:
        days = {d for _k, _key, d in self._drafts}
        self._drafts = {}
        for d in days:
            self._changed_day(d)

    # -- saving

    def pending(self, kind: str, key: str, day: date) -> bool:
        return (kind, key, day) in self._pending

    def any_pending(self) -> bool:
        return bool(self._pending)

    def set_pending(self, kind: str, key: str, day: date, text: str, requests: int = 1) -> None:
        n, _t = self._pending.get((kind, key, day), (0, ""))
        self._pending[(kind, key, day)] = (n + requests, text)
        self._changed_cell(kind, key, day)

    def done_pending(self, kind: str, key: str, day: date) -> None:
        n, text = self._pending.get((kind, key, day), (0, ""))
        if n <= 1:
            self._pending.pop((kind, key, day), None)
        else:
            self._pending[(kind, key, day)] = (n - 1, text)
        self._changed_cell(kind, key, day)

    def apply_answer(self, day: date, person: str, slots: Sequence[RosterSlot]) -> None:
        """What the database now holds for ``person`` on ``day``."""
        if self.column_of(day) is None or not self.loaded:
            return
        self.slots = [s for s in self.slots if not (s.day == day and s.person == person)]
        self.slots.extend(s for s in slots if s.day == day)
        for s in slots:
            if s.shift not in self.shifts:
                self.shifts.append(s.shift)  # not a new row: shown as the agent's cell text
        self._index()
        self._changed_day(day)

    def _changed_cell(self, kind: str, key: str, day: date) -> None:
        row, col = self.row_of(kind, key), self.column_of(day)
        if row is not None and col is not None:
            ix = self.index(row, col)
            self.dataChanged.emit(ix, ix)

    def _changed_day(self, day: date) -> None:
        col = self.column_of(day)
        if col is not None and self._rows:
            self.dataChanged.emit(self.index(0, col), self.index(len(self._rows) - 1, col))

    def refresh(self) -> None:
        """Every cell and header again (the language changed)."""
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, DAYS)
        if self._rows:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self._rows) - 1, DAYS))

    # -- Qt

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else DAYS + 1

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section <= DAYS:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            if section == COL_WHO:
                return QCoreApplication.translate("Roster", "Agent")
            d = self.first + timedelta(days=section - 1)
            return f"{weekday_name(section - 1)} {d.month:02d}-{d.day:02d}"
        if role == Qt.ItemDataRole.ToolTipRole and section > 0:
            return (self.first + timedelta(days=section - 1)).isoformat()
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        base = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        key = self.row_key(index.row())
        day = self.day_of(index.column())
        if key is not None and day is not None and key[0] in ("agent", "leader") \
                and not self.pending(key[0], key[1], day):
            return base | Qt.ItemFlag.ItemIsEditable
        return base

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        key = self.row_key(index.row())
        if key is None or not 0 <= index.column() <= DAYS:
            return None
        kind, k = key
        col = index.column()
        if role == KIND_ROLE:
            return kind
        if role == KEY_ROLE:
            return k
        if col == COL_WHO:
            return self._who_data(kind, k, role)
        day = self.first + timedelta(days=col - 1)
        pending = self._pending.get((kind, k, day))
        draft = self._drafts.get((kind, k, day))
        if role == PENDING_ROLE:
            return pending is not None
        if draft is not None and pending is None:
            if role == Qt.ItemDataRole.DisplayRole:
                return QCoreApplication.translate("Roster", "{value} (unsaved)").format(
                    value=draft[1])
            if role == Qt.ItemDataRole.EditRole:
                return draft[0]
            if role == Qt.ItemDataRole.BackgroundRole:
                return _draft_bg()
            if role == Qt.ItemDataRole.ForegroundRole:
                return QBrush(themes.current().info)
        if role == Qt.ItemDataRole.BackgroundRole:
            if pending is not None:
                return _pending_bg()
            if kind == "leader":
                return _leader_bg()
            if kind == "total":
                return _total_bg()
            return None
        if role == Qt.ItemDataRole.FontRole and pending is not None:
            f = QFont()
            f.setItalic(True)
            return f
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(Qt.AlignmentFlag.AlignCenter)
        if kind == "total":
            if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
                return self.totals_text(day)
            return None
        if kind == "leader":
            leaders = self.leaders(day, k)
            if role == Qt.ItemDataRole.DisplayRole:
                if pending is not None:
                    return QCoreApplication.translate("Roster", "{value} (saving…)").format(
                        value=pending[1])
                return "、".join(person_text(p, self.people) for p in leaders) or "—"
            if role == Qt.ItemDataRole.EditRole:
                return leaders[0] if leaders else OFF
            if role == Qt.ItemDataRole.ForegroundRole and not leaders and pending is None:
                return _muted()
            if role == Qt.ItemDataRole.ToolTipRole:
                return self._tooltip(day, leaders)
            return None
        shifts = self.agent_shifts(day, k)
        if role == Qt.ItemDataRole.DisplayRole:
            if pending is not None:
                return QCoreApplication.translate("Roster", "{value} (saving…)").format(
                    value=pending[1])
            return "+".join(shifts) or off_text()
        if role == Qt.ItemDataRole.EditRole:
            return shifts[0] if shifts else OFF
        if role == Qt.ItemDataRole.ForegroundRole and not shifts and pending is None:
            return _muted()
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(day, [k])
        return None

    def _who_data(self, kind: str, k: str, role: int) -> Any:
        if role == Qt.ItemDataRole.DisplayRole:
            if kind == "leader":
                return QCoreApplication.translate("Roster", "Leader · {shift}").format(shift=k)
            if kind == "total":
                return QCoreApplication.translate("Roster", "On duty")
            return f"{k} {self.agents.get(k, '')}".strip()
        if role == Qt.ItemDataRole.FontRole and kind != "agent":
            f = QFont()
            f.setBold(True)
            return f
        if role == Qt.ItemDataRole.BackgroundRole:
            if kind == "leader":
                return _leader_bg()
            if kind == "total":
                return _total_bg()
        return None

    def _tooltip(self, day: date, people: Sequence[str]) -> str | None:
        lines = []
        for p in people:
            for s in self._by_cell.get((day, p), []):
                if s.updated_by:
                    lines.append(QCoreApplication.translate(
                        "Roster", "{person}: {shift}, last changed by {by}").format(
                        person=person_text(p, self.people), shift=s.shift,
                        by=person_text(s.updated_by, self.people)))
        return "\n".join(lines) or None

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        """A choice from the cell's editor: asks the dialog to save it (the cell
        changes when the database answers)."""
        if role != Qt.ItemDataRole.EditRole or not index.isValid() \
                or not self.flags(index) & Qt.ItemFlag.ItemIsEditable:
            return False
        value = "" if value is None else str(value)
        if value not in {v for _l, v in self.choices(index)}:
            return False
        if value == self.data(index, Qt.ItemDataRole.EditRole):
            key = self.row_key(index.row())
            day = self.day_of(index.column())
            # a leader cell with two leaders can still be brought down to one
            if not (key and day and key[0] == "leader" and len(self.leaders(day, key[1])) > 1
                    and self.draft(key[0], key[1], day) is None):
                return False
        self.edit_requested.emit(index.row(), index.column(), value)
        return True


class RosterDelegate(QStyledItemDelegate):
    """A combo for an editable cell: the shifts and 休, or the leaders."""

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem,
                     index: Index) -> QWidget:
        model = index.model()
        if not isinstance(model, RosterGridModel):
            return super().createEditor(parent, option, index)
        combo = QComboBox(parent)
        combo.setObjectName("rosterCellEditor")
        for label, value in model.choices(index):
            combo.addItem(label, value)

        def chosen(_i: int) -> None:
            self.commitData.emit(combo)
            self.closeEditor.emit(combo, QStyledItemDelegate.EndEditHint.NoHint)
        combo.activated.connect(chosen)
        return combo

    def setEditorData(self, editor: QWidget, index: Index) -> None:
        if isinstance(editor, QComboBox):
            i = editor.findData(index.data(Qt.ItemDataRole.EditRole))
            editor.setCurrentIndex(max(i, 0))
            return
        super().setEditorData(editor, index)

    def setModelData(self, editor: QWidget, model: Any, index: Index) -> None:
        if isinstance(editor, QComboBox):
            model.setData(index, editor.currentData(), Qt.ItemDataRole.EditRole)
            return
        super().setModelData(editor, model, index)


# ---- the dialog ------------------------------------------------------------------------


class RosterDialog(QDialog):
    """Non-modal. ``ask_open_path`` and ``show_conflict`` are attributes so tests
    answer them without a modal loop."""

    #: a week's roster arrived (or its loading failed)
    loaded = Signal()
    #: an answer to a cell's save arrived (done, refused or conflict)
    saved = Signal()
    #: an answer to an import arrived
    imported = Signal()
    #: an answer to a swap arrived
    swapped = Signal()

    def __init__(self, backend: RosterSource, parent: Any = None) -> None:
        super().__init__(parent)
        self.setObjectName("rosterDialog")
        self.backend = backend
        self.ask_open_path: Callable[[str, str], str | None] = self._open_dialog
        self.show_conflict: Show = show_conflict
        self.ask_confirm: Callable[[str], bool] = self._confirm_dialog
        #: the cells of the last save, as they were before it (what "undo" restores)
        self.last_save: list[UndoEntry] = []
        #: the save (or undo) under way: what each request changed, once answered
        self._batch: list[UndoEntry] | None = None
        self._batch_failed = 0
        self._undoing = False
        self.loading = False
        self._load_seq = 0
        #: saves under way; a conflict reloads the week once they are all answered
        self._saving = 0
        self._reload_wanted = False
        self.import_path: str | None = None
        self.report: ImportReport | None = None
        self.importing = False
        self.swapping = False
        self._swap_dates_set = False
        self.model = RosterGridModel(self)
        self.model.edit_requested.connect(self._edit_requested)
        self._build()
        self.retranslate()
        self.resize(980, 640)
        self.show_week(backend.today())

    # -- layout

    def _build(self) -> None:
        layout = QVBoxLayout(self)

        nav = QHBoxLayout()
        self.prev_button = QPushButton(self)
        self.prev_button.setObjectName("rosterPrevWeek")
        self.prev_button.setAutoDefault(False)
        self.prev_button.clicked.connect(lambda: self.show_week(self.first - timedelta(days=7)))
        nav.addWidget(self.prev_button)
        self.week_label = QLabel(self)
        self.week_label.setObjectName("rosterWeek")
        self.week_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        f = self.week_label.font()
        f.setBold(True)
        self.week_label.setFont(f)
        nav.addWidget(self.week_label, 1)
        self.next_button = QPushButton(self)
        self.next_button.setObjectName("rosterNextWeek")
        self.next_button.setAutoDefault(False)
        self.next_button.clicked.connect(lambda: self.show_week(self.first + timedelta(days=7)))
        nav.addWidget(self.next_button)
        self.this_week_button = QPushButton(self)
        self.this_week_button.setObjectName("rosterThisWeek")
        self.this_week_button.setAutoDefault(False)
        self.this_week_button.clicked.connect(lambda: self.show_week(self.backend.today()))
        nav.addWidget(self.this_week_button)
        nav.addSpacing(16)
        self.import_button = QPushButton(self)
        self.import_button.setObjectName("rosterImport")
        self.import_button.setAutoDefault(False)
        self.import_button.clicked.connect(self.import_csv)
        nav.addWidget(self.import_button)
        self.swap_button = QPushButton(self)
        self.swap_button.setObjectName("rosterSwap")
        self.swap_button.setAutoDefault(False)
        self.swap_button.setCheckable(True)
        self.swap_button.toggled.connect(self._swap_toggled)
        nav.addWidget(self.swap_button)
        layout.addLayout(nav)

        self.table = QTableView(self)
        self.table.setObjectName("rosterTable")
        self.table.setModel(self.model)
        self.delegate = RosterDelegate(self.table)
        self.table.setItemDelegate(self.delegate)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.DoubleClicked
                                   | QAbstractItemView.EditTrigger.EditKeyPressed
                                   | QAbstractItemView.EditTrigger.SelectedClicked)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(24)
        h = self.table.horizontalHeader()
        h.setHighlightSections(False)
        h.setSectionResizeMode(COL_WHO, QHeaderView.ResizeMode.ResizeToContents)
        for col in range(1, DAYS + 1):
            h.setSectionResizeMode(col, QHeaderView.ResizeMode.Stretch)
        self.table.selectionModel().currentChanged.connect(lambda cur, _prev: self._prefill_swap())
        layout.addWidget(self.table, 1)

        # the head counts per shift per day, pinned under the grid (a 12345 leader asked:
        # with sixty agents the totals row scrolled out of sight)
        self.totals_table = QTableView(self)
        self.totals_table.setObjectName("rosterTotals")
        self.totals_table.setModel(self.model)
        self.totals_table.horizontalHeader().hide()
        self.totals_table.verticalHeader().hide()
        self.totals_table.verticalHeader().setDefaultSectionSize(28)
        self.totals_table.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.totals_table.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.totals_table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.totals_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.totals_table.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.totals_table.setFixedHeight(28 + 2 * self.totals_table.frameWidth())
        h.sectionResized.connect(lambda i, _old, new: self.totals_table.setColumnWidth(i, new))
        self.model.modelReset.connect(self._pin_totals)
        layout.addWidget(self.totals_table)

        edits = QHBoxLayout()
        self.changes_label = QLabel(self)
        self.changes_label.setObjectName("rosterChanges")
        edits.addWidget(self.changes_label, 1)
        self.save_button = QPushButton(self)
        self.save_button.setObjectName("rosterSave")
        self.save_button.setAutoDefault(False)
        self.save_button.clicked.connect(self.save_changes)
        edits.addWidget(self.save_button)
        self.discard_button = QPushButton(self)
        self.discard_button.setObjectName("rosterDiscard")
        self.discard_button.setAutoDefault(False)
        self.discard_button.clicked.connect(self.discard_changes)
        edits.addWidget(self.discard_button)
        self.undo_button = QPushButton(self)
        self.undo_button.setObjectName("rosterUndo")
        self.undo_button.setAutoDefault(False)
        self.undo_button.clicked.connect(self.undo_last_save)
        edits.addWidget(self.undo_button)
        layout.addLayout(edits)

        self.status = StatusLine(self, "rosterStatus")
        layout.addWidget(self.status)

        # -- an import's bad rows
        self.import_box = QGroupBox(self)
        self.import_box.setObjectName("rosterImportErrors")
        ib = QVBoxLayout(self.import_box)
        self.import_summary = QLabel(self.import_box)
        self.import_summary.setObjectName("rosterImportSummary")
        self.import_summary.setWordWrap(True)
        ib.addWidget(self.import_summary)
        self.import_errors = QListWidget(self.import_box)
        self.import_errors.setObjectName("rosterImportErrorList")
        self.import_errors.setMaximumHeight(140)
        ib.addWidget(self.import_errors)
        ibr = QHBoxLayout()
        self.import_good_button = QPushButton(self.import_box)
        self.import_good_button.setObjectName("rosterImportGoodRows")
        self.import_good_button.setAutoDefault(False)
        self.import_good_button.clicked.connect(self.import_good_rows)
        ibr.addWidget(self.import_good_button)
        self.import_drop_button = QPushButton(self.import_box)
        self.import_drop_button.setObjectName("rosterImportDrop")
        self.import_drop_button.setAutoDefault(False)
        self.import_drop_button.clicked.connect(self.drop_import)
        ibr.addWidget(self.import_drop_button)
        ibr.addStretch(1)
        ib.addLayout(ibr)
        self.import_box.hide()
        layout.addWidget(self.import_box)

        self.import_hint = QLabel(self)
        self.import_hint.setObjectName("rosterImportHint")
        self.import_hint.setWordWrap(True)
        self.import_hint.setStyleSheet("color: palette(mid);")
        layout.addWidget(self.import_hint)

        # -- a swap
        self.swap_box = QGroupBox(self)
        self.swap_box.setObjectName("rosterSwapForm")
        sf = QFormLayout(self.swap_box)
        self.swap_agent = QComboBox(self.swap_box)
        self.swap_agent.setObjectName("swapAgent")
        self.swap_day = self._date_edit("swapDay")
        self.swap_other = QComboBox(self.swap_box)
        self.swap_other.setObjectName("swapOther")
        self.swap_other_day = self._date_edit("swapOtherDay")
        self.swap_reason = QLineEdit(self.swap_box)
        self.swap_reason.setObjectName("swapReason")
        self.swap_reason.setMaxLength(200)
        self.swap_agent_label = QLabel(self.swap_box)
        self.swap_day_label = QLabel(self.swap_box)
        self.swap_other_label = QLabel(self.swap_box)
        self.swap_other_day_label = QLabel(self.swap_box)
        self.swap_reason_label = QLabel(self.swap_box)
        row1 = QHBoxLayout()
        row1.addWidget(self.swap_agent, 1)
        row1.addWidget(self.swap_day_label)
        row1.addWidget(self.swap_day)
        sf.addRow(self.swap_agent_label, row1)
        row2 = QHBoxLayout()
        row2.addWidget(self.swap_other, 1)
        row2.addWidget(self.swap_other_day_label)
        row2.addWidget(self.swap_other_day)
        sf.addRow(self.swap_other_label, row2)
        sf.addRow(self.swap_reason_label, self.swap_reason)
        self.swap_preview = QLabel(self.swap_box)
        self.swap_preview.setObjectName("swapPreview")
        self.swap_preview.setWordWrap(True)
        sf.addRow(self.swap_preview)
        srow = QHBoxLayout()
        self.swap_submit = QPushButton(self.swap_box)
        self.swap_submit.setObjectName("swapSubmit")
        self.swap_submit.setAutoDefault(False)
        self.swap_submit.clicked.connect(self.submit_swap)
        srow.addWidget(self.swap_submit)
        self.swap_status = StatusLine(self.swap_box, "swapStatus")
        srow.addWidget(self.swap_status, 1)
        sf.addRow(srow)
        for w in (self.swap_agent, self.swap_other):
            w.currentIndexChanged.connect(lambda _i: self._swap_changed())
        for d in (self.swap_day, self.swap_other_day):
            d.dateChanged.connect(lambda _d: self._swap_changed())
        self.swap_box.hide()
        layout.addWidget(self.swap_box)

        close_row = QHBoxLayout()
        close_row.addStretch(1)
        self.close_button = QPushButton(self)
        self.close_button.setAutoDefault(False)
        self.close_button.clicked.connect(self.close_asking)
        close_row.addWidget(self.close_button)
        layout.addLayout(close_row)

    def _pin_totals(self) -> None:
        """The totals row shows in the pinned strip only; the grid has the rest."""
        for r in range(self.model.rowCount()):
            total = self.model.row_key(r) == ("total", "")
            self.table.setRowHidden(r, total)
            self.totals_table.setRowHidden(r, not total)
        for c in range(self.model.columnCount()):
            self.totals_table.setColumnWidth(c, self.table.columnWidth(c))

    def totals_visible(self) -> bool:
        """Whether the head counts are on screen whatever the grid's scroll."""
        row = self.model.row_of("total")
        if row is None or self.totals_table.isRowHidden(row):
            return False
        rect = self.totals_table.visualRect(self.model.index(row, 1))
        return self.totals_table.isVisible() and \
            self.totals_table.viewport().rect().contains(rect.center())

    def _date_edit(self, name: str) -> QDateEdit:
        d = QDateEdit(self.swap_box)
        d.setObjectName(name)
        d.setCalendarPopup(True)
        d.setDisplayFormat("yyyy-MM-dd")
        return d

    def retranslate(self) -> None:
        self.setWindowTitle(QCoreApplication.translate("Roster", "Roster"))
        self.prev_button.setText(QCoreApplication.translate("Roster", "◀ Previous week"))
        self.next_button.setText(QCoreApplication.translate("Roster", "Next week ▶"))
        self.this_week_button.setText(QCoreApplication.translate("Roster", "This week"))
        self.import_button.setText(QCoreApplication.translate("Roster", "Import roster CSV…"))
        self.swap_button.setText(QCoreApplication.translate("Roster", "Swap shifts…"))
        self.table.setToolTip(QCoreApplication.translate(
            "Roster", "Double-click a cell to change it: a shift or Off for an agent, the "
                      "leader for a leader row."))
        self.import_hint.setText(import_hint())
        self.import_drop_button.setText(QCoreApplication.translate("Roster", "Import nothing"))
        self.import_box.setTitle(QCoreApplication.translate("Roster", "Rows with problems"))
        self.swap_box.setTitle(QCoreApplication.translate("Roster", "Swap shifts"))
        self.swap_agent_label.setText(QCoreApplication.translate("Roster", "Agent"))
        self.swap_day_label.setText(QCoreApplication.translate("Roster", "gives the shift on"))
        self.swap_other_label.setText(QCoreApplication.translate("Roster", "With"))
        self.swap_other_day_label.setText(QCoreApplication.translate("Roster",
                                                                     "who gives the shift on"))
        self.swap_reason_label.setText(QCoreApplication.translate("Roster", "Reason"))
        self.swap_reason.setPlaceholderText(QCoreApplication.translate(
            "Roster", "e.g. family matter, agreed by both"))
        self.swap_submit.setText(QCoreApplication.translate("Roster", "Swap"))
        self.close_button.setText(QCoreApplication.translate("Roster", "Close"))
        self.save_button.setText(QCoreApplication.translate("Roster", "Save changes…"))
        self.discard_button.setText(QCoreApplication.translate("Roster", "Discard changes"))
        self.undo_button.setText(QCoreApplication.translate("Roster", "Undo last save"))
        self._render_changes()
        self._render_week()
        self._render_report()
        self._swap_changed()
        self.model.refresh()

    def changeEvent(self, e: QEvent) -> None:
        if e.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(e)

    # -- the week

    @property
    def first(self) -> date:
        return self.model.first

    @property
    def last(self) -> date:
        return self.model.last

    def _say(self, label: StatusLine, text: str, error: bool = False) -> None:
        label.show_text(text, Tone.ERROR if error else Tone.PLAIN)

    def show_failure(self, text: str) -> None:
        """A request's failure no handler took: on the status line."""
        self._say(self.status, text, True)

    def _render_week(self) -> None:
        first, last = self.first, self.last
        week = first.isocalendar().week
        text = QCoreApplication.translate("Roster", "{first} – {last} (week {week})").format(
            first=first.isoformat(), last=last.isoformat(), week=week)
        if monday_of(self.backend.today()) == first:
            text += " · " + QCoreApplication.translate("Roster", "this week")
        self.week_label.setText(text)

    def show_week(self, day: date) -> bool:
        """Load the week (Monday–Sunday) containing ``day``; unsaved changes are
        dropped only when the leader says so."""
        if monday_of(day) != self.first and not self._may_drop_drafts():
            return False
        if monday_of(day) != self.first:
            self.last_save = []  # "undo" acts on the week on screen
        self.model.clear(monday_of(day))
        self._render_changes()
        self._render_week()
        self.reload()
        return True

    def reload(self, announce: bool = True) -> None:
        """Read the week again; ``announce=False`` keeps the status line (a reload
        after an answer leaves that answer on screen)."""
        self._load_seq += 1
        self.loading = True
        self._reload_wanted = False
        if announce:
            self._say(self.status, QCoreApplication.translate("Roster", "Loading the roster…"))
        self.backend.load_roster(self, self.first, self.last).done(
            tagged(self._loaded_answer, self._load_seq, self.first)).refused(
            tagged(self._load_failed, self._load_seq)).run()

    def _loaded_answer(self, seq: int, first: date, view: RosterView) -> None:
        if seq != self._load_seq or first != self.first:
            return  # a week no longer shown
        self.loading = False
        self.model.set_view(view, [s.name for s in self.backend.policy().shifts])
        self._render_changes()
        if self.status.text() == QCoreApplication.translate("Roster", "Loading the roster…"):
            self._say(self.status, "")
        self._fill_swap_people()
        self.loaded.emit()

    def _load_failed(self, seq: int, message: str) -> None:
        if seq != self._load_seq:
            return
        self.loading = False
        self._say(self.status, QCoreApplication.translate(
            "Roster", "The roster could not be loaded: {error}").format(error=message), True)
        self.loaded.emit()

    def _maybe_reload(self) -> None:
        if self._reload_wanted and self._saving == 0:
            self.reload(announce=False)

    # -- one cell

    def cell_text(self, kind: str, key: str, day: date) -> str | None:
        """What the cell of row (kind, key) on ``day`` shows (None: no such cell)."""
        row, col = self.model.row_of(kind, key), self.model.column_of(day)
        if row is None or col is None:
            return None
        return str(self.model.data(self.model.index(row, col)))

    def set_cell(self, kind: str, key: str, day: date, value: str) -> bool:
        """Choose ``value`` for a cell as its editor would (tests and tools)."""
        row, col = self.model.row_of(kind, key), self.model.column_of(day)
        if row is None or col is None:
            return False
        return self.model.setData(self.model.index(row, col), value, Qt.ItemDataRole.EditRole)

    def _edit_requested(self, row: int, col: int, value: str) -> None:
        """A cell's new value is a draft until "Save changes…"."""
        key, day = self.model.row_key(row), self.model.day_of(col)
        if key is None or day is None:
            return
        kind, k = key
        label = next((lbl for lbl, v in self.model.choices(self.model.index(row, col))
                      if v == value), value)
        self.model.set_draft(kind, k, day, value, label)
        self._render_changes()

    def _requests_for(self, kind: str, k: str, day: date, value: str
                      ) -> list[tuple[str, str | None, str]]:
        """(person, shift or None, role) for each request a cell's change needs."""
        requests: list[tuple[str, str | None, str]] = []
        if kind == "agent":
            requests.append((k, value or None, "agent"))
        else:
            for p in self.model.leaders(day, k):
                if p == value:
                    continue
                rest = [s for s in self.model.slots_of(day, p)
                        if not (s.shift == k and s.role == "leader")]
                # one person holds one shift a day: what else they had stays
                requests.append((p, rest[0].shift if rest else None,
                                 rest[0].role if rest else "leader"))
            if value and value not in self.model.leaders(day, k):
                requests.append((value, k, "leader"))
        return requests

    def _before(self, day: date, person: str) -> tuple[str | None, str]:
        have = self.model.slots_of(day, person)
        return (have[0].shift, have[0].role) if have else (None, "agent")

    def change_summary(self) -> tuple[int, int]:
        """(shift changes, people) the unsaved changes come to."""
        people: set[str] = set()
        n = 0
        for (kind, k, day), (value, _label) in self.model.drafts().items():
            reqs = self._requests_for(kind, k, day, value)
            n += 1 if reqs else 0
            people.update(p for p, _s, _r in reqs)
        return n, len(people)

    def _busy(self) -> bool:
        return self._batch is not None or self._saving > 0

    def _render_changes(self) -> None:
        n, m = self.change_summary()
        if n:
            self.changes_label.setText(QCoreApplication.translate(
                "Roster", "Unsaved: {n} shift changes for {m} people.").format(n=n, m=m))
            paint(self.changes_label, Tone.INFO, bold=True)
        else:
            self.changes_label.setText("")
            paint(self.changes_label, Tone.PLAIN)
        busy = self._busy()
        self.save_button.setEnabled(bool(n) and not busy)
        self.discard_button.setEnabled(bool(n) and not busy)
        self.undo_button.setEnabled(bool(self.last_save) and not n and not busy)
        if self.last_save:
            k, people = len(self.last_save), len({e[3] for e in self.last_save})
            self.undo_button.setToolTip(QCoreApplication.translate(
                "Roster", "Put back the {n} shift changes for {m} people of the last save.")
                .format(n=k, m=people))
        else:
            self.undo_button.setToolTip("")

    def _may_drop_drafts(self) -> bool:
        n, m = self.change_summary()
        if not n:
            return True
        if not self.ask_confirm(QCoreApplication.translate(
                "Roster", "Discard the unsaved changes ({n} shift changes for {m} people)?")
                .format(n=n, m=m)):
            return False
        self.model.clear_drafts()
        self._render_changes()
        return True

    def discard_changes(self) -> bool:
        if self._busy() or not self.model.drafts():
            return False
        self.model.clear_drafts()
        self._render_changes()
        self._say(self.status, QCoreApplication.translate("Roster", "Changes discarded."))
        return True

    def save_changes(self) -> bool:
        """Say what the unsaved changes come to, and save them when the leader agrees
        (one request per person and day)."""
        drafts = self.model.drafts()
        n, m = self.change_summary()
        if self._busy() or not n:
            return False
        if not self.ask_confirm(QCoreApplication.translate(
                "Roster", "Save {n} shift changes for {m} people?").format(n=n, m=m)):
            return False
        self.model.clear_drafts()
        self._batch, self._batch_failed, self._undoing = [], 0, False
        self._say(self.status, QCoreApplication.translate("Roster", "Saving…"))
        for (kind, k, day), (value, label) in drafts.items():
            reqs = self._requests_for(kind, k, day, value)
            if not reqs:
                continue
            self.model.set_pending(kind, k, day, label, len(reqs))
            for person, shift, role in reqs:
                old_shift, old_role = self._before(day, person)
                self._send(kind, k, day, person, shift, role,
                           (kind, k, day, person, old_shift, old_role), undo=False)
        self._render_changes()
        return True

    def undo_last_save(self) -> bool:
        """Put the cells of the last save back as they were: a new version of each,
        audited as an undo; a cell someone changed since is refused (conflict)."""
        entries = [e for e in self.last_save if self.model.column_of(e[2]) is not None]
        if self._busy() or not entries or self.model.drafts():
            return False
        n, m = len(entries), len({e[3] for e in entries})
        if not self.ask_confirm(QCoreApplication.translate(
                "Roster", "Undo the last save ({n} shift changes for {m} people)?")
                .format(n=n, m=m)):
            return False
        self.last_save = []
        self._batch, self._batch_failed, self._undoing = [], 0, True
        self._say(self.status, QCoreApplication.translate("Roster", "Undoing…"))
        for kind, k, day, person, old_shift, old_role in entries:
            label = old_shift or off_text()
            if kind == "leader":
                label = person_text(person, self.model.people) if old_shift == k else "—"
            self.model.set_pending(kind, k, day, label)
            now_shift, now_role = self._before(day, person)
            self._send(kind, k, day, person, old_shift, old_role,
                       (kind, k, day, person, now_shift, now_role), undo=True)
        self._render_changes()
        return True

    def _send(self, kind: str, k: str, day: date, person: str, shift: str | None, role: str,
              entry: UndoEntry, *, undo: bool) -> None:
        self._saving += 1
        self.backend.set_roster_cell(
            self, day, person, shift, self.model.expected(day, person), role, undo=undo).done(
            tagged(self._cell_saved, kind, k, day, person, entry)).refused(
            tagged(self._cell_refused, kind, k, day)).conflict(
            tagged(self._cell_conflict, kind, k, day, person)).run()

    def _answered(self) -> None:
        """After each answer: once the save (or undo) is all answered, say so and keep
        what it changed for "undo"."""
        if self._saving > 0 or self._batch is None:
            return
        done, failed, undoing = self._batch, self._batch_failed, self._undoing
        self._batch = None
        if not undoing:
            self.last_save = done
        if not failed:
            self._say(self.status, QCoreApplication.translate(
                "Roster", "Undone: {n} shift changes put back.").format(n=len(done))
                if undoing else QCoreApplication.translate(
                "Roster", "Saved: {n} shift changes.").format(n=len(done)))
        self._render_changes()

    def _cell_saved(self, kind: str, key: str, day: date, person: str, entry: UndoEntry,
                    slots: Sequence[RosterSlot]) -> None:
        self._saving -= 1
        if self._batch is not None:
            self._batch.append(entry)
        self.model.apply_answer(day, person, list(slots))
        self.model.done_pending(kind, key, day)
        self._answered()
        self.saved.emit()
        self._maybe_reload()

    def _cell_refused(self, kind: str, key: str, day: date, message: str) -> None:
        self._saving -= 1
        self._batch_failed += 1
        self.model.done_pending(kind, key, day)
        self._say(self.status, QCoreApplication.translate(
            "Roster", "Not saved: {error}").format(error=message), True)
        self._answered()
        self.saved.emit()
        self._maybe_reload()

    def _cell_conflict(self, kind: str, key: str, day: date, person: str,
                       e: StaleEdit) -> None:
        self._saving -= 1
        self._batch_failed += 1
        current = e.current if isinstance(e.current, list) else None
        if current is not None and all(isinstance(s, RosterSlot) for s in current):
            self.model.apply_answer(day, person, current)
        self.model.done_pending(kind, key, day)
        self._say(self.status, QCoreApplication.translate(
            "Roster", "Not saved: someone else changed this cell. The week is read again."),
            True)
        self._reload_wanted = True
        self.show_conflict(self, conflict_title(), conflict_text(
            e, self.backend.policy().tz,
            labels={"shift": QCoreApplication.translate("Roster", "shift")},
            names=self.model.people))
        self._answered()
        self.saved.emit()
        self._maybe_reload()

    def _confirm_dialog(self, text: str) -> bool:
        return dialogs.confirm(self, QCoreApplication.translate("Roster", "Roster"), text)

    def close_asking(self) -> bool:
        """"Close": asks before unsaved changes are lost."""
        if not self._may_drop_drafts():
            return False
        super().reject()
        return True

    def reject(self) -> None:
        """Esc asks too while the leader is at this window; the console closing its
        dialogs (operator switch, quitting) does not stop on a question."""
        if self.isActiveWindow() and not self._may_drop_drafts():
            return
        super().reject()

    def closeEvent(self, e: QCloseEvent) -> None:
        if e.spontaneous() and not self._may_drop_drafts():  # the title bar's ×
            e.ignore()
            return
        super().closeEvent(e)

    # -- import

    def _open_dialog(self, title: str, filter_: str) -> str | None:
        return dialogs.open_path(self, title, documents(), filter_)

    def import_csv(self) -> bool:
        """Ask for a file and import it; bad rows stop it until the leader chooses."""
        if self.importing:
            return False
        path = self.ask_open_path(
            QCoreApplication.translate("Roster", "Import roster CSV"),
            QCoreApplication.translate("Roster", "CSV files (*.csv);;All files (*)"))
        if not path:
            return False
        self.import_path = path
        self.report = None
        self._render_report()
        return self._send_import(False)

    def import_good_rows(self) -> bool:
        """The file read last, its good rows only (the bad ones are left out)."""
        if self.importing or self.import_path is None or self.report is None \
                or self.report.good == 0:
            return False
        return self._send_import(True)

    def drop_import(self) -> None:
        self.report = None
        self._render_report()
        self._say(self.status, QCoreApplication.translate("Roster", "Nothing was imported."))

    def _send_import(self, partial: bool) -> bool:
        assert self.import_path is not None
        self.importing = True
        self.import_button.setEnabled(False)
        self.import_good_button.setEnabled(False)
        self._say(self.status, QCoreApplication.translate("Roster", "Reading {file}…").format(
            file=Path(self.import_path).name))
        self.backend.import_roster(self, self.import_path, partial).done(
            self._import_answer).refused(self._import_failed).run()
        return True

    def _import_answer(self, report: ImportReport) -> None:
        self.importing = False
        self.import_button.setEnabled(True)
        self.import_good_button.setEnabled(True)
        name = Path(report.path).name
        if report.imported is not None:
            self.report = None
            self._render_report()
            n = report.imported
            text = QCoreApplication.translate(
                "Roster", "{file}: imported {rows} rows for {days} days.").format(
                file=name, rows=n.get("rows", report.good), days=n.get("days", 0))
            if report.errors:
                text += " " + QCoreApplication.translate(
                    "Roster", "{n} bad rows were left out.").format(n=len(report.errors))
            self._say(self.status, text)
            self.reload(announce=False)
        elif report.errors:
            self.report = report
            self._render_report()
            self._say(self.status, QCoreApplication.translate(
                "Roster", "{file} has rows with problems: nothing was imported.").format(
                file=name), True)
        else:
            self.report = None
            self._render_report()
            self._say(self.status, QCoreApplication.translate(
                "Roster", "{file} has no roster rows: nothing was imported.").format(file=name),
                True)
        self.imported.emit()

    def _import_failed(self, message: str) -> None:
        self.importing = False
        self.import_button.setEnabled(True)
        self.import_good_button.setEnabled(True)
        self._say(self.status, QCoreApplication.translate(
            "Roster", "Not imported: {error}").format(error=message), True)
        self.imported.emit()

    def error_lines(self) -> list[str]:
        return [self.import_errors.item(i).text() for i in range(self.import_errors.count())]

    def _render_report(self) -> None:
        r = self.report
        self.import_box.setVisible(r is not None)
        if r is None:
            self.import_errors.clear()
            return
        self.import_summary.setText(QCoreApplication.translate(
            "Roster", "{file}: {bad} rows have problems, {good} rows are fine. Nothing has been "
                      "imported: correct the file and import it again, or import the good rows "
                      "only.").format(file=Path(r.path).name, bad=len(r.errors), good=r.good))
        self.import_errors.clear()
        self.import_errors.addItems([row_error_text(e) for e in r.errors])
        self.import_good_button.setText(QCoreApplication.translate(
            "Roster", "Import the {n} good rows only").format(n=r.good))
        self.import_good_button.setVisible(r.good > 0)

    # -- swap

    def _swap_toggled(self, on: bool) -> None:
        self.swap_box.setVisible(on)
        if on:
            self._fill_swap_people()
            self._prefill_swap()

    def _fill_swap_people(self) -> None:
        for combo in (self.swap_agent, self.swap_other):
            keep = combo.currentData()
            combo.blockSignals(True)
            combo.clear()
            for aid, name in self.model.agents.items():
                combo.addItem(f"{aid} {name}".strip(), aid)
            i = combo.findData(keep)
            combo.setCurrentIndex(i if i >= 0 else (0 if combo.count() else -1))
            combo.blockSignals(False)
        if self.swap_other.currentData() == self.swap_agent.currentData() \
                and self.swap_other.count() > 1:
            self.swap_other.setCurrentIndex(1)
        if not self._swap_dates_set:
            self._swap_dates_set = True
            self.set_swap(None, self.first, None, self.first)
        self._swap_changed()

    def _prefill_swap(self) -> None:
        """The selected agent cell becomes the swap's first half."""
        if not self.swap_box.isVisible():
            return
        ix = self.table.currentIndex()
        key = self.model.row_key(ix.row()) if ix.isValid() else None
        day = self.model.day_of(ix.column()) if ix.isValid() else None
        if key and key[0] == "agent" and day is not None:
            self.set_swap(key[1], day, None, None)

    def set_swap(self, agent: str | None, day: date | None, other: str | None,
                 other_day: date | None, reason: str | None = None) -> None:
        """Fill the swap form (None leaves a field as it is)."""
        if agent is not None:
            self.swap_agent.setCurrentIndex(self.swap_agent.findData(agent))
        if other is not None:
            self.swap_other.setCurrentIndex(self.swap_other.findData(other))
        if day is not None:
            self.swap_day.setDate(QDate(day.year, day.month, day.day))
        if other_day is not None:
            self.swap_other_day.setDate(QDate(other_day.year, other_day.month, other_day.day))
        if reason is not None:
            self.swap_reason.setText(reason)
        self._swap_changed()

    @staticmethod
    def _day(edit: QDateEdit) -> date:
        q = edit.date()
        return date(q.year(), q.month(), q.day())

    def _swap_changed(self) -> None:
        agent, other = self.swap_agent.currentData(), self.swap_other.currentData()
        ok = (not self.swapping and agent is not None and other is not None and agent != other)
        self.swap_submit.setEnabled(ok)
        if agent is None or other is None:
            self.swap_preview.setText("")
            return
        day, other_day = self._day(self.swap_day), self._day(self.swap_other_day)

        def has(person: str, d: date) -> str:
            if self.model.column_of(d) is None:
                return "?"
            return "+".join(self.model.agent_shifts(d, person)) or off_text()
        self.swap_preview.setText(QCoreApplication.translate(
            "Roster", "{agent} works {other}'s {other_shift} on {other_day}; {other} works "
                      "{agent}'s {shift} on {day}.").format(
            agent=agent, other=other, day=day.isoformat(), other_day=other_day.isoformat(),
            shift=has(str(agent), day), other_shift=has(str(other), other_day)))

    def submit_swap(self) -> bool:
        agent, other = self.swap_agent.currentData(), self.swap_other.currentData()
        if self.swapping or agent is None or other is None:
            return False
        if agent == other:
            self._say(self.swap_status, QCoreApplication.translate(
                "Roster", "Choose two different agents."), True)
            return False
        self.swapping = True
        self._swap_changed()
        self._say(self.swap_status, QCoreApplication.translate("Roster", "Swapping…"))
        self.backend.swap(self, str(agent), self._day(self.swap_day), str(other),
                          self._day(self.swap_other_day),
                          self.swap_reason.text().strip()).done(self._swap_done).refused(
            self._swap_refused).run()
        return True

    def _swap_done(self, _result: Any) -> None:
        self.swapping = False
        self._swap_changed()
        self.swap_reason.clear()
        self._say(self.swap_status, QCoreApplication.translate("Roster", "Swapped."))
        self.swapped.emit()
        self.reload(announce=False)

    def _swap_refused(self, message: str) -> None:
        self.swapping = False
        self._swap_changed()
        self._say(self.swap_status, QCoreApplication.translate(
            "Roster", "Not swapped: {reason}").format(reason=message), True)
        self.swapped.emit()
