"""交接班: the outgoing shift leader hands the floor over, the incoming one signs for it.

Three parts, one tab each:

* 交班 (hand over): the shift running now, a free text, and what the floor leaves
  open — carried over automatically from the live floor state (urgent tickets not
  closed, complaint and help tickets not reviewed, alerts nobody acknowledged).
  Submitting writes the handover for this shift; it may be rewritten until the
  incoming leader signs it (the save names the version it was made from, so a
  second leader's rewrite meanwhile is refused and shown, never overwritten).
* 接班 (take over): the latest handover nobody has signed, its text and items, who
  wrote it and when; the incoming leader adds a note and signs (签收). The writer
  cannot sign their own: the button says why and how to switch operator.
* 历史 (history): every handover, signed ones read-only.

The dialog asks a :class:`HandoverSource` for everything; it never touches the
database. Answers (done, refused, conflict) show inline or in the conflict box.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime
from typing import Any, Protocol
from zoneinfo import ZoneInfo

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QEvent,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from models.domain.handover import Handover, Item, ShiftStats
from models.domain.meeting import MAX_TEXT
from models.domain.policy import Policy
from models.domain.shiftrecords import StaleEdit
from views import theme as themes
from views.conflict import Show, conflict_text, conflict_title, show_conflict
from views.kit.pending import Pending, tagged
from views.kit.status import StatusLine, Tone, paint, tone_colour
from views.kit.table import RowTableModel, make_table

Index = QModelIndex | QPersistentModelIndex

TAB_WRITE, TAB_ACK, TAB_HISTORY = range(3)
ITEM_KIND, ITEM_TEXT, ITEM_SINCE = range(3)
H_DAY, H_SHIFT, H_WHO, H_WRITTEN, H_ACK = range(5)
#: the handover's id (history rows) or the item's kind (item rows), for tests and tools
ID_ROLE = Qt.ItemDataRole.UserRole + 1



def kind_colour(kind: str) -> QColor | None:
    """An open item's kind, coloured from the theme in force (issue #15)."""
    th = themes.current()
    return {"urgent": th.red, "review": th.amber, "alert": th.info}.get(kind)


class HandoverSource(Protocol):
    """What the dialog needs from outside (console/shiftops_backend.py). Requests
    answer later, on the GUI thread (:class:`views.kit.pending.Pending`): ``refused``
    gets a message fit to show, ``conflict`` a refused stale save.
    ``open_items`` and ``current_shift`` answer at once (the live floor state)."""

    @property
    def operator_id(self) -> str: ...

    def policy(self) -> Policy: ...

    def now(self) -> datetime: ...

    def open_items(self) -> list[Item]: ...

    def shift_stats(self) -> ShiftStats | None: ...

    def current_shift(self) -> tuple[date, str]: ...

    def load_handovers(self, owner: QObject) -> Pending: ...

    def write_handover(self, owner: QObject, day: date, shift: str, text: str,
                       items: Sequence[Item], expected_version: int) -> Pending: ...

    def acknowledge_handover(self, owner: QObject, handover_id: int, expected_version: int,
                             note: str) -> Pending: ...


def kind_label(kind: str) -> str:
    return {
        "urgent": QCoreApplication.translate("Handover", "Urgent ticket not closed"),
        "review": QCoreApplication.translate("Handover", "Complaint/help ticket not reviewed"),
        "alert": QCoreApplication.translate("Handover", "Alert not acknowledged"),
    }.get(kind, kind)


def person_text(pid: str | None, names: dict[str, str]) -> str:
    if not pid:
        return "—"
    name = names.get(pid, "")
    return f"{name} ({pid})" if name else pid


def time_text(t: datetime | None, tz: ZoneInfo) -> str:
    return t.astimezone(tz).strftime("%Y-%m-%d %H:%M") if t is not None else "—"


def stats_text(st: ShiftStats, tz: ZoneInfo) -> str:
    """The shift's statistics in one paragraph (issue #12): the live view's counters."""
    def pc(v: float | None) -> str:
        return "—" if v is None else f"{v * 100:.1f}%"
    peak = (QCoreApplication.translate("Handover", "{n} at {time}").format(
        n=st.peak_waiting, time=st.peak_at.astimezone(tz).strftime("%H:%M"))
        if st.peak_at is not None else str(st.peak_waiting))
    return QCoreApplication.translate(
        "Handover", "{shift} until {time}: {offered} calls offered, {answered} answered, "
                    "{abandoned} abandoned; service level {sl} (within {t} s), answer rate "
                    "{ar}, average wait {asa}; most callers waiting: {peak}.").format(
        shift=st.shift or QCoreApplication.translate("Handover", "Between shifts"),
        time=st.at.astimezone(tz).strftime("%H:%M"), offered=st.offered,
        answered=st.answered, abandoned=st.abandoned, sl=pc(st.service_level),
        t=f"{st.sl_threshold_s:g}", ar=pc(st.answer_rate),
        asa="—" if st.asa_s is None else QCoreApplication.translate(
            "Handover", "{s} s").format(s=round(st.asa_s)), peak=peak)


def item_text(it: Item) -> str:
    """An open item with the caller's request, when it is a ticket's (the console is a
    trusted screen: the request is never shown on the wall)."""
    text = it.text or it.id
    if it.request:
        text = QCoreApplication.translate("Handover", "{item} — request: {request}").format(
            item=text, request=it.request)
    return text


def handover_text(h: Handover, names: dict[str, str], tz: ZoneInfo) -> str:
    """The whole record as plain text (the history's reading pane)."""
    lines = [
        QCoreApplication.translate("Handover", "{day} {shift} · handed over by {who} at "
                                               "{time}").format(
            day=h.day.isoformat(), shift=h.shift, who=person_text(h.by, names),
            time=time_text(h.written_at, tz)),
    ]
    if h.acknowledged_at is not None:
        lines.append(QCoreApplication.translate("Handover", "Signed by {who} at {time}").format(
            who=person_text(h.to, names), time=time_text(h.acknowledged_at, tz)))
        if h.ack_note:
            lines.append(QCoreApplication.translate("Handover", "Note: {note}").format(
                note=h.ack_note))
    else:
        lines.append(QCoreApplication.translate("Handover", "Not signed yet."))
    lines += ["", h.text or "—", ""]
    if h.stats is not None:
        lines += [stats_text(h.stats, tz), ""]
    if h.items:
        lines.append(QCoreApplication.translate("Handover", "Open items ({n}):").format(
            n=len(h.items)))
        lines += [f"• {kind_label(i.kind)}: {item_text(i)}" for i in h.items]
    else:
        lines.append(QCoreApplication.translate("Handover", "No open items."))
    return "\n".join(lines)


# ---- the tables ------------------------------------------------------------------------


class ItemsTableModel(RowTableModel):
    """Open items (kind, what, since): a read-only table over a list."""

    COLUMNS = 3

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.tz: ZoneInfo = ZoneInfo("Asia/Shanghai")

    def items(self) -> list[Item]:
        return self.rows()

    def set_items(self, items: Sequence[Item], tz: ZoneInfo) -> None:
        self.tz = tz
        self.set_rows(items)

    def header(self, section: int) -> str | None:
        return {ITEM_KIND: QCoreApplication.translate("Handover", "Kind"),
                ITEM_TEXT: QCoreApplication.translate("Handover", "Item"),
                ITEM_SINCE: QCoreApplication.translate("Handover", "Since")}.get(section)

    def cell(self, it: Item, col: int, role: int) -> Any:
        if role == Qt.ItemDataRole.DisplayRole:
            if col == ITEM_KIND:
                return kind_label(it.kind)
            if col == ITEM_TEXT:
                return item_text(it)
            if col == ITEM_SINCE:
                return time_text(it.since, self.tz) if it.since else ""
        if role == Qt.ItemDataRole.ForegroundRole and col == ITEM_KIND:
            c = kind_colour(it.kind)
            return QBrush(c) if c is not None else None
        if role == Qt.ItemDataRole.ToolTipRole and col == ITEM_TEXT:
            return item_text(it)
        if role == ID_ROLE:
            return it.kind
        return None


class HistoryTableModel(RowTableModel):
    """Every handover, newest first: a read-only table over a list, keyed by id."""

    COLUMNS = 5

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.names: dict[str, str] = {}
        self.tz: ZoneInfo = ZoneInfo("Asia/Shanghai")

    def key(self, item: Handover) -> int:
        return item.id

    def handover_at(self, row: int) -> Handover | None:
        h: Handover | None = self.item_at(row)
        return h

    def set_handovers(self, rows: Sequence[Handover], names: dict[str, str],
                      tz: ZoneInfo) -> None:
        self.names = dict(names)
        self.tz = tz
        self.set_rows(rows)

    def header(self, section: int) -> str | None:
        return {H_DAY: QCoreApplication.translate("Handover", "Date"),
                H_SHIFT: QCoreApplication.translate("Handover", "Shift"),
                H_WHO: QCoreApplication.translate("Handover", "From → to"),
                H_WRITTEN: QCoreApplication.translate("Handover", "Handed over"),
                H_ACK: QCoreApplication.translate("Handover", "Signed")}.get(section)

    def cell(self, h: Handover, col: int, role: int) -> Any:
        if role == Qt.ItemDataRole.DisplayRole:
            if col == H_DAY:
                return h.day.isoformat()
            if col == H_SHIFT:
                return h.shift
            if col == H_WHO:
                to = person_text(h.to, self.names) if h.to else "…"
                return f"{person_text(h.by, self.names)} → {to}"
            if col == H_WRITTEN:
                return time_text(h.written_at, self.tz)
            if col == H_ACK:
                return (time_text(h.acknowledged_at, self.tz) if h.acknowledged_at
                        else QCoreApplication.translate("Handover", "not signed yet"))
        if role == Qt.ItemDataRole.ForegroundRole and col == H_ACK:
            c = tone_colour(Tone.OK if h.acknowledged_at else Tone.WARN)
            return QBrush(QColor(c)) if c else None
        if role == ID_ROLE:
            return h.id
        return None


def _table(parent: QWidget, name: str, model: QAbstractTableModel, stretch: int) -> QTableView:
    """The kit's table, one line a row, the ``stretch`` column taking the width."""
    t = make_table(parent, name, model, row_height=24)
    t.setWordWrap(False)
    t.setTextElideMode(Qt.TextElideMode.ElideRight)
    h = t.horizontalHeader()
    h.setStretchLastSection(False)
    for col in range(model.columnCount()):
        h.setSectionResizeMode(col, QHeaderView.ResizeMode.Stretch if col == stretch
                               else QHeaderView.ResizeMode.ResizeToContents)
    return t


# ---- the dialog ------------------------------------------------------------------------


class HandoverDialog(QDialog):
    """Non-modal. ``show_conflict`` is an attribute so tests read the box's text
    without a modal loop."""

    #: the handovers arrived (or loading them failed)
    loaded = Signal()
    #: an answer to "submit" arrived (done, refused or conflict)
    written = Signal()
    #: an answer to "sign" arrived (done, refused or conflict)
    acknowledged = Signal()

    def __init__(self, backend: HandoverSource, parent: Any = None) -> None:
        super().__init__(parent)
        self.setObjectName("handoverDialog")
        self.backend = backend
        self.show_conflict: Show = show_conflict
        self.handovers: list[Handover] | None = None
        self.names: dict[str, str] = {}
        self.loading = False
        self.writing = False
        self.acking = False
        self._load_seq = 0
        #: (day, shift) of the shift being handed over
        self.shift: tuple[date, str] = backend.current_shift()
        #: the record whose text the editor was filled from (id, version)
        self._prefilled: tuple[int, int] | None = None
        self.items_model = ItemsTableModel(self)
        self.pending_items_model = ItemsTableModel(self)
        self.history_model = HistoryTableModel(self)
        self._build()
        self.retranslate()
        self.resize(860, 620)
        self.refresh_items()
        self.reload()

    # -- layout

    def _build(self) -> None:
        layout = QVBoxLayout(self)
        self.tabs = QTabWidget(self)
        self.tabs.setObjectName("handoverTabs")
        layout.addWidget(self.tabs, 1)

        # (a) hand over
        self.write_page = QWidget(self.tabs)
        self.write_page.setObjectName("handoverWritePage")
        wl = QVBoxLayout(self.write_page)
        self.shift_label = QLabel(self.write_page)
        self.shift_label.setObjectName("handoverShift")
        f = self.shift_label.font()
        f.setBold(True)
        self.shift_label.setFont(f)
        wl.addWidget(self.shift_label)
        self.stats_label = QLabel(self.write_page)
        self.stats_label.setObjectName("handoverStats")
        self.stats_label.setWordWrap(True)
        self.stats_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        wl.addWidget(self.stats_label)
        self.existing_label = QLabel(self.write_page)
        self.existing_label.setObjectName("handoverExisting")
        self.existing_label.setWordWrap(True)
        wl.addWidget(self.existing_label)
        self.text_label = QLabel(self.write_page)
        wl.addWidget(self.text_label)
        self.text_edit = QPlainTextEdit(self.write_page)
        self.text_edit.setObjectName("handoverText")
        self.text_edit.textChanged.connect(self._buttons)
        self.text_label.setBuddy(self.text_edit)
        wl.addWidget(self.text_edit, 2)
        self.counter = QLabel(self.write_page)
        self.counter.setObjectName("handoverCounter")
        self.counter.setAlignment(Qt.AlignmentFlag.AlignRight)
        wl.addWidget(self.counter)
        ih = QHBoxLayout()
        self.items_label = QLabel(self.write_page)
        ih.addWidget(self.items_label, 1)
        self.refresh_items_button = QPushButton(self.write_page)
        self.refresh_items_button.setObjectName("refreshHandoverItems")
        self.refresh_items_button.setAutoDefault(False)
        self.refresh_items_button.clicked.connect(self.refresh_items)
        ih.addWidget(self.refresh_items_button)
        wl.addLayout(ih)
        self.items_view = _table(self.write_page, "handoverItems", self.items_model, ITEM_TEXT)
        wl.addWidget(self.items_view, 2)
        self.items_empty = QLabel(self.write_page)
        self.items_empty.setObjectName("handoverItemsEmpty")
        self.items_empty.setStyleSheet("color: palette(mid);")
        wl.addWidget(self.items_empty)
        sub = QHBoxLayout()
        self.submit_button = QPushButton(self.write_page)
        self.submit_button.setObjectName("submitHandover")
        self.submit_button.setAutoDefault(False)
        self.submit_button.clicked.connect(self.submit)
        sub.addWidget(self.submit_button)
        self.write_status = StatusLine(self.write_page, "handoverStatus")
        sub.addWidget(self.write_status, 1)
        wl.addLayout(sub)
        self.tabs.addTab(self.write_page, "")

        # (b) take over
        self.ack_page = QWidget(self.tabs)
        self.ack_page.setObjectName("handoverAckPage")
        al = QVBoxLayout(self.ack_page)
        self.none_label = QLabel(self.ack_page)
        self.none_label.setObjectName("noPendingHandover")
        self.none_label.setWordWrap(True)
        al.addWidget(self.none_label)
        self.pending_header = QLabel(self.ack_page)
        self.pending_header.setObjectName("pendingHeader")
        self.pending_header.setWordWrap(True)
        f2 = self.pending_header.font()
        f2.setBold(True)
        self.pending_header.setFont(f2)
        al.addWidget(self.pending_header)
        self.pending_stats = QLabel(self.ack_page)
        self.pending_stats.setObjectName("pendingStats")
        self.pending_stats.setWordWrap(True)
        al.addWidget(self.pending_stats)
        self.pending_text = QPlainTextEdit(self.ack_page)
        self.pending_text.setObjectName("pendingText")
        self.pending_text.setReadOnly(True)
        al.addWidget(self.pending_text, 2)
        self.pending_items_view = _table(self.ack_page, "pendingItems",
                                         self.pending_items_model, ITEM_TEXT)
        al.addWidget(self.pending_items_view, 2)
        form = QFormLayout()
        self.ack_note_label = QLabel(self.ack_page)
        self.ack_note = QLineEdit(self.ack_page)
        self.ack_note.setObjectName("ackNote")
        self.ack_note.setMaxLength(500)
        self.ack_note_label.setBuddy(self.ack_note)
        form.addRow(self.ack_note_label, self.ack_note)
        al.addLayout(form)
        self.ack_explain = QLabel(self.ack_page)
        self.ack_explain.setObjectName("ackExplain")
        self.ack_explain.setWordWrap(True)
        paint(self.ack_explain, Tone.WARN)
        al.addWidget(self.ack_explain)
        ar = QHBoxLayout()
        self.ack_button = QPushButton(self.ack_page)
        self.ack_button.setObjectName("acknowledgeHandover")
        self.ack_button.setAutoDefault(False)
        self.ack_button.clicked.connect(self.acknowledge)
        ar.addWidget(self.ack_button)
        self.ack_status = StatusLine(self.ack_page, "ackStatus")
        ar.addWidget(self.ack_status, 1)
        al.addLayout(ar)
        self.tabs.addTab(self.ack_page, "")

        # (c) history
        self.history_page = QWidget(self.tabs)
        self.history_page.setObjectName("handoverHistoryPage")
        hl = QVBoxLayout(self.history_page)
        split = QSplitter(Qt.Orientation.Vertical, self.history_page)
        self.history_view = _table(split, "handoverHistory", self.history_model, H_WHO)
        self.history_view.selectionModel().selectionChanged.connect(
            lambda _a, _b: self._render_history_text())
        split.addWidget(self.history_view)
        self.history_text = QPlainTextEdit(split)
        self.history_text.setObjectName("historyText")
        self.history_text.setReadOnly(True)
        split.addWidget(self.history_text)
        hl.addWidget(split, 1)
        self.tabs.addTab(self.history_page, "")

        bottom = QHBoxLayout()
        self.load_status = StatusLine(self, "handoverLoadStatus")
        bottom.addWidget(self.load_status, 1)
        self.reload_button = QPushButton(self)
        self.reload_button.setObjectName("reloadHandovers")
        self.reload_button.setAutoDefault(False)
        self.reload_button.clicked.connect(self.reload)
        bottom.addWidget(self.reload_button)
        self.close_button = QPushButton(self)
        self.close_button.setAutoDefault(False)
        self.close_button.clicked.connect(self.reject)
        bottom.addWidget(self.close_button)
        layout.addLayout(bottom)

    def retranslate(self) -> None:
        self.setWindowTitle(QCoreApplication.translate("Handover", "Shift handover"))
        self.tabs.setTabText(TAB_WRITE, QCoreApplication.translate("Handover", "Hand over"))
        self.tabs.setTabText(TAB_ACK, QCoreApplication.translate("Handover", "Take over"))
        self.tabs.setTabText(TAB_HISTORY, QCoreApplication.translate("Handover", "History"))
        self.text_label.setText(QCoreApplication.translate(
            "Handover", "&What the next shift needs to know"))
        self.text_edit.setPlaceholderText(QCoreApplication.translate(
            "Handover", "e.g. queue 12345 busy since 19:00; agent 1003 went home ill; the "
                        "printer in row B is out of paper"))
        self.items_label.setText(QCoreApplication.translate(
            "Handover", "Open items carried over automatically from the floor:"))
        self.items_empty.setText(QCoreApplication.translate(
            "Handover", "Nothing open: no urgent ticket, review or alert waits."))
        self.refresh_items_button.setText(QCoreApplication.translate("Handover",
                                                                     "Refresh items"))
        self.submit_button.setText(QCoreApplication.translate("Handover", "Submit handover"))
        self.ack_note_label.setText(QCoreApplication.translate("Handover", "&Note"))
        self.ack_note.setPlaceholderText(QCoreApplication.translate(
            "Handover", "optional, e.g. urgent ticket 2031 taken over by me"))
        self.ack_button.setText(QCoreApplication.translate("Handover", "Sign"))
        self.none_label.setText(QCoreApplication.translate(
            "Handover", "No handover waits to be signed."))
        self.reload_button.setText(QCoreApplication.translate("Handover", "Reload"))
        self.close_button.setText(QCoreApplication.translate("Handover", "Close"))
        for m in (self.items_model, self.pending_items_model):
            m.refresh()
        self.history_model.refresh()
        self._render()

    def changeEvent(self, e: QEvent) -> None:
        if e.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(e)

    # -- common

    @property
    def tz(self) -> ZoneInfo:
        return self.backend.policy().tz

    def _say(self, label: StatusLine, text: str, error: bool = False) -> None:
        label.show_text(text, Tone.ERROR if error else Tone.PLAIN)

    def show_failure(self, text: str) -> None:
        """A request's failure no handler took: on the loading line."""
        self._say(self.load_status, text, True)

    def reload(self) -> None:
        """Read the handovers again (the shift running now too)."""
        self._load_seq += 1
        self.loading = True
        self.shift = self.backend.current_shift()
        self._say(self.load_status, QCoreApplication.translate("Handover", "Loading…"))
        self._render()
        self.backend.load_handovers(self).done(
            tagged(self._loaded_answer, self._load_seq)).refused(
            tagged(self._load_failed, self._load_seq)).run()

    def _loaded_answer(self, seq: int, answer: tuple[list[Handover], dict[str, str]]) -> None:
        if seq != self._load_seq:
            return
        self.loading = False
        rows, names = answer
        self.handovers, self.names = list(rows), dict(names)
        self._say(self.load_status, "")
        selected = self.selected_history()
        self.history_model.set_handovers(self.handovers, self.names, self.tz)
        if selected is not None:
            self.select_history(selected.id)
        self._prefill()
        self._render()
        self.loaded.emit()

    def _load_failed(self, seq: int, message: str) -> None:
        if seq != self._load_seq:
            return
        self.loading = False
        self._say(self.load_status, QCoreApplication.translate(
            "Handover", "The handovers could not be loaded: {error}").format(error=message),
            True)
        self._render()
        self.loaded.emit()

    def _render(self) -> None:
        self._render_write()
        self._render_ack()
        self._render_history_text()

    def focus_acknowledge(self) -> None:
        """Show the take-over part (the console calls it after an operator switch
        when a handover waits); the handovers are read again for the new operator."""
        self.tabs.setCurrentIndex(TAB_ACK)
        self.reload()
        self.ack_note.setFocus()

    # -- (a) hand over

    def existing(self) -> Handover | None:
        """The handover already written for the shift running now."""
        day, shift = self.shift
        return next((h for h in self.handovers or [] if h.day == day and h.shift == shift),
                    None)

    def expected_version(self) -> int:
        cur = self.existing()
        return cur.version if cur is not None else 0

    def refresh_items(self) -> None:
        """What the floor leaves open now and the shift's statistics (the live state,
        no database)."""
        self.items_model.set_items(self.backend.open_items(), self.tz)
        st = self.backend.shift_stats()
        self.stats_label.setText(stats_text(st, self.tz) if st is not None else "")
        self.stats_label.setVisible(st is not None)
        self._render_write()

    def _prefill(self) -> None:
        """A handover already written for this shift (and not signed) comes back into
        the editor, so submitting again rewrites it instead of starting over."""
        cur = self.existing()
        if cur is None or cur.acknowledged or self.writing:
            return
        if (cur.id, cur.version) == self._prefilled:
            return
        if not self.text_edit.toPlainText().strip():  # never over what is being typed
            self.text_edit.setPlainText(cur.text)
        self._prefilled = (cur.id, cur.version)

    def _render_write(self) -> None:
        day, shift = self.shift
        self.shift_label.setText(
            QCoreApplication.translate("Handover", "Handing over: {day} {shift}").format(
                day=day.isoformat(), shift=shift) if shift else
            QCoreApplication.translate("Handover", "No shift is running now ({day}).").format(
                day=day.isoformat()))
        cur = self.existing()
        if cur is None:
            self.existing_label.setText("")
            paint(self.existing_label, Tone.PLAIN)
        elif cur.acknowledged:
            self.existing_label.setText(QCoreApplication.translate(
                "Handover", "This shift's handover was signed by {who} at {time}: it is "
                            "history now and cannot be changed.").format(
                who=person_text(cur.to, self.names), time=time_text(cur.acknowledged_at,
                                                                    self.tz)))
            paint(self.existing_label, Tone.WARN)
        else:
            self.existing_label.setText(QCoreApplication.translate(
                "Handover", "{who} handed this shift over at {time}; submitting again replaces "
                            "that handover until it is signed.").format(
                who=person_text(cur.by, self.names), time=time_text(cur.written_at, self.tz)))
            paint(self.existing_label, Tone.PLAIN)
        has_items = self.items_model.rowCount() > 0
        self.items_view.setVisible(has_items)
        self.items_empty.setVisible(not has_items)
        self._buttons()

    def _buttons(self) -> None:
        n = len(self.text_edit.toPlainText())
        self.counter.setText(f"{n}/{MAX_TEXT}")
        if n > MAX_TEXT:
            paint(self.counter, Tone.ERROR, bold=True)
        else:
            self.counter.setStyleSheet("color: palette(mid);")
        cur = self.existing()
        self.submit_button.setEnabled(
            not self.writing and self.handovers is not None and bool(self.shift[1])
            and (cur is None or not cur.acknowledged) and bool(self.text().strip())
            and n <= MAX_TEXT)
        self.text_edit.setReadOnly(self.writing)
        self.refresh_items_button.setEnabled(not self.writing)
        pending = self.pending()
        self.ack_button.setEnabled(
            not self.acking and pending is not None and pending.by != self.backend.operator_id)

    def text(self) -> str:
        return self.text_edit.toPlainText()

    def submit(self) -> bool:
        """Write this shift's handover with the items listed now."""
        if self.writing or self.handovers is None:
            return False
        day, shift = self.shift
        text = self.text().strip()
        problem = None
        if not shift:
            problem = QCoreApplication.translate("Handover", "No shift is running now.")
        elif not text:
            problem = QCoreApplication.translate("Handover", "Write the handover first.")
        elif len(text) > MAX_TEXT:
            problem = QCoreApplication.translate(
                "Handover", "The handover is {n} characters long; at most {max}.").format(
                n=len(text), max=MAX_TEXT)
        if problem is not None:
            self._say(self.write_status, problem, True)
            return False
        self.writing = True
        self._buttons()
        self._say(self.write_status, QCoreApplication.translate("Handover", "Submitting…"))
        self.backend.write_handover(self, day, shift, text, self.items_model.items(),
                                    self.expected_version()).done(self._written).refused(
            self._write_refused).conflict(self._write_conflict).run()
        return True

    def _written(self, h: Handover) -> None:
        self.writing = False
        if isinstance(h, Handover):
            self._prefilled = (h.id, h.version)
        self._say(self.write_status, QCoreApplication.translate(
            "Handover", "Handed over at {time}. The incoming leader signs it under "
                        "“Take over”.").format(time=time_text(
                                h.written_at if isinstance(h, Handover) else self.backend.now(),
                                self.tz)))
        self.written.emit()
        self.reload()

    def _write_refused(self, message: str) -> None:
        self.writing = False
        self._buttons()
        self._say(self.write_status, QCoreApplication.translate(
            "Handover", "Not handed over: {error}").format(error=message), True)
        self.written.emit()

    def _write_conflict(self, e: Exception) -> None:
        assert isinstance(e, StaleEdit)
        self.writing = False
        self._buttons()
        self._say(self.write_status, QCoreApplication.translate(
            "Handover", "Not handed over: someone else wrote this shift's handover first. "
                        "Your text is still here; read theirs and submit again."), True)
        self.show_conflict(self, conflict_title(), conflict_text(
            e, self.tz, labels=self._labels(), names=self.names))
        self.written.emit()
        self.reload()

    def _labels(self) -> dict[str, str]:
        return {"text": QCoreApplication.translate("Handover", "handover text"),
                "acknowledged_by": QCoreApplication.translate("Handover", "signed by")}

    # -- (b) take over

    def pending(self) -> Handover | None:
        """The latest handover nobody has signed."""
        return next((h for h in self.handovers or [] if h.acknowledged_at is None), None)

    def _render_ack(self) -> None:
        p = self.pending()
        loaded = self.handovers is not None
        self.none_label.setVisible(loaded and p is None)
        for w in (self.pending_header, self.pending_text, self.pending_items_view,
                  self.ack_note, self.ack_note_label, self.ack_button):
            w.setVisible(p is not None)
        self.pending_stats.setVisible(p is not None and p.stats is not None)
        if p is not None and p.stats is not None:
            self.pending_stats.setText(stats_text(p.stats, self.tz))
        if p is None:
            self.pending_items_model.set_items([], self.tz)
            self.pending_text.clear()
            self.ack_explain.setText("")
            self._buttons()
            return
        self.pending_header.setText(QCoreApplication.translate(
            "Handover", "{day} {shift} · handed over by {who} at {time}").format(
            day=p.day.isoformat(), shift=p.shift, who=person_text(p.by, self.names),
            time=time_text(p.written_at, self.tz)))
        if self.pending_text.toPlainText() != p.text:
            self.pending_text.setPlainText(p.text)
        if self.pending_items_model.items() != list(p.items):
            self.pending_items_model.set_items(p.items, self.tz)
        if p.by == self.backend.operator_id:
            self.ack_explain.setText(QCoreApplication.translate(
                "Handover", "The outgoing leader cannot sign their own handover — switch "
                            "operator (File › Switch operator) to sign in as the incoming "
                            "leader."))
        else:
            self.ack_explain.setText("")
        self._buttons()

    def acknowledge(self) -> bool:
        """Sign the waiting handover in the name of the operator signed in now."""
        p = self.pending()
        if self.acking or p is None:
            return False
        if p.by == self.backend.operator_id:
            self._render_ack()
            return False
        self.acking = True
        self._buttons()
        self._say(self.ack_status, QCoreApplication.translate("Handover", "Signing…"))
        self.backend.acknowledge_handover(self, p.id, p.version,
                                          self.ack_note.text().strip()).done(
            self._acked).refused(self._ack_refused).conflict(self._ack_conflict).run()
        return True

    def _acked(self, h: Handover) -> None:
        self.acking = False
        self.ack_note.clear()
        when = h.acknowledged_at if isinstance(h, Handover) else None
        self._say(self.ack_status, QCoreApplication.translate(
            "Handover", "Signed at {time}: the shift is yours.").format(
            time=time_text(when or self.backend.now(), self.tz)))
        self.acknowledged.emit()
        self.reload()

    def _ack_refused(self, message: str) -> None:
        self.acking = False
        self._buttons()
        self._say(self.ack_status, QCoreApplication.translate(
            "Handover", "Not signed: {error}").format(error=message), True)
        self.acknowledged.emit()

    def _ack_conflict(self, e: Exception) -> None:
        assert isinstance(e, StaleEdit)
        self.acking = False
        self._buttons()
        self._say(self.ack_status, QCoreApplication.translate(
            "Handover", "Not signed: the handover changed after you opened it. It has been "
                        "read again."), True)
        self.show_conflict(self, conflict_title(), conflict_text(
            e, self.tz, labels=self._labels(), names=self.names))
        self.acknowledged.emit()
        self.reload()

    # -- (c) history

    def selected_history(self) -> Handover | None:
        rows = self.history_view.selectionModel().selectedRows()
        return self.history_model.handover_at(rows[0].row()) if rows else None

    def select_history(self, handover_id: int) -> bool:
        row = self.history_model.row_of(handover_id)
        if row is None:
            return False
        self.history_view.selectRow(row)
        return True

    def _render_history_text(self) -> None:
        h = self.selected_history()
        self.history_text.setPlainText(handover_text(h, self.names, self.tz) if h else "")
