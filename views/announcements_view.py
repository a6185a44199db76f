"""发布公告: the shift leader writes an announcement for the wall display's ticker,
chooses how long it stays, and sees (and may withdraw) what is on the wall now.

The list renders the floor state's announcements, which travel through the feed
in every snapshot (the main window hands them on while the dialog is open), so
it shows what every wallboard shows — this module never asks the database.
Publishing and withdrawing go through :class:`AnnouncementsSource`
(asynchronous; the database checks the right, the text and the expiry again).
An answer, done or refused, shows inline; a refusal never clears the text.
"""

from __future__ import annotations

import weakref
from collections.abc import Callable, Sequence
from datetime import UTC, datetime, timedelta
from typing import Any, Protocol
from zoneinfo import ZoneInfo

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QDate,
    QDateTime,
    QEvent,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    QTime,
    QTimer,
    QTimeZone,
    Signal,
)
from PySide6.QtGui import QCloseEvent, QFontMetrics, QHideEvent, QShowEvent
from PySide6.QtWidgets import (
    QComboBox,
    QDateTimeEdit,
    QDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from models.domain.announcements import MAX_AHEAD, MAX_TEXT, Announcement, active, normalize_text
from models.domain.floor import FloorState
from models.domain.wallboard import ticker_text
from views.kit import dialogs
from views.kit.pending import Pending
from views.kit.status import StatusLine, Tone, paint, tone_colour
from views.kit.table import make_table

Index = QModelIndex | QPersistentModelIndex

#: the floor's time zone until the first snapshot says otherwise (the default policy's)
DEFAULT_TZ = ZoneInfo("Asia/Shanghai")
#: the announcement's id, for tests and tools
ID_ROLE = Qt.ItemDataRole.UserRole + 1
#: how long an announcement stays, as offered (the shift's end and a custom time too)
DURATIONS: dict[str, timedelta] = {
    "30m": timedelta(minutes=30),
    "1h": timedelta(hours=1),
    "2h": timedelta(hours=2),
    "4h": timedelta(hours=4),
}
EXPIRY_KEYS = (*DURATIONS, "shift", "custom")
COL_TEXT, COL_BY, COL_PUBLISHED, COL_EXPIRES = range(4)


class AnnouncementsSource(Protocol):
    """What the dialog needs from outside (console/announcements_backend.py). Every
    request answers later, on the GUI thread; ``refused`` gets a message fit to show
    (a refusal or a fault)."""

    def publish(self, owner: QObject, text: str, expires_at: datetime) -> Pending: ...

    def withdraw(self, owner: QObject, announcement_id: str) -> Pending: ...


def local_text(t: datetime, tz: ZoneInfo, now: datetime) -> str:
    """Floor time hh:mm, with the date when it is not today's."""
    lt = t.astimezone(tz)
    if lt.date() != now.astimezone(tz).date():
        return lt.strftime("%m-%d %H:%M")
    return lt.strftime("%H:%M")


def expiry_label(key: str) -> str:
    return {
        "30m": QCoreApplication.translate("Announcements", "30 minutes"),
        "1h": QCoreApplication.translate("Announcements", "1 hour"),
        "2h": QCoreApplication.translate("Announcements", "2 hours"),
        "4h": QCoreApplication.translate("Announcements", "4 hours"),
        "shift": QCoreApplication.translate("Announcements", "Until the end of this shift"),
        "custom": QCoreApplication.translate("Announcements", "Until a date and time…"),
    }[key]


def publisher_text(a: Announcement) -> str:
    who = f"{a.by_name} ({a.by})" if a.by_name else a.by
    if a.source == "meeting":
        return QCoreApplication.translate("Announcements", "{who} · morning meeting").format(
            who=who)
    return who


# ---- the list ----------------------------------------------------------------------


class AnnouncementTableModel(QAbstractTableModel):
    """The live announcements, oldest first (the ticker's order): a read-only table
    over a list, changed by row inserts and removals, never a reset."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: list[Announcement] = []
        self.tz: ZoneInfo = DEFAULT_TZ
        self.now: datetime = datetime.now(UTC)

    def rows(self) -> list[Announcement]:
        return list(self._rows)

    def announcement_at(self, row: int) -> Announcement | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def row_of(self, announcement_id: str) -> int | None:
        return next((i for i, a in enumerate(self._rows) if a.id == announcement_id), None)

    def set_rows(self, rows: Sequence[Announcement], tz: ZoneInfo, now: datetime) -> None:
        """Rows keep their order (by publishing time), so the old list becomes the
        new one by removing the gone and inserting the new."""
        new = list(rows)
        keep = {a.id for a in new}
        for i in reversed(range(len(self._rows))):
            if self._rows[i].id not in keep:
                self.beginRemoveRows(QModelIndex(), i, i)
                del self._rows[i]
                self.endRemoveRows()
        have = {a.id for a in self._rows}
        for i, a in enumerate(new):
            if a.id not in have:
                self.beginInsertRows(QModelIndex(), i, i)
                self._rows.insert(i, a)
                self.endInsertRows()
        if [a.id for a in self._rows] != [a.id for a in new]:  # never: the order is fixed
            self.beginResetModel()
            self._rows = new
            self.endResetModel()
        self._rows = new
        day_changed = now.astimezone(tz).date() != self.now.astimezone(self.tz).date()
        tz_changed = tz != self.tz
        self.tz, self.now = tz, now
        if (tz_changed or day_changed) and self._rows:
            self.refresh()

    def refresh(self) -> None:
        """Every cell again (the language, the time zone or the day changed)."""
        if self._rows:
            self.dataChanged.emit(self.index(0, 0),
                                  self.index(len(self._rows) - 1, COL_EXPIRES))

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else 4

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        return {
            COL_TEXT: QCoreApplication.translate("Announcements", "Announcement"),
            COL_BY: QCoreApplication.translate("Announcements", "Published by"),
            COL_PUBLISHED: QCoreApplication.translate("Announcements", "Published"),
            COL_EXPIRES: QCoreApplication.translate("Announcements", "Expires"),
        }.get(section)

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        a = self.announcement_at(index.row())
        if a is None:
            return None
        col = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if col == COL_TEXT:
                return ticker_text(a.text)  # what the wall shows (issue #12)
            if col == COL_BY:
                return publisher_text(a)
            if col == COL_PUBLISHED:
                return local_text(a.published_at, self.tz, self.now)
            if col == COL_EXPIRES:
                return local_text(a.expires_at, self.tz, self.now)
        if role == Qt.ItemDataRole.ToolTipRole and col == COL_TEXT:
            return a.text
        if role == ID_ROLE:
            return a.id
        return None


# ---- the dialog ----------------------------------------------------------------------


class AnnouncementsDialog(QDialog):
    """Non-modal. ``ask_confirm`` is an attribute so tests can answer it."""

    #: an answer to Publish (done or refused) is on screen
    published = Signal()
    #: an answer to Withdraw (done or refused) is on screen
    withdrawn = Signal()

    def __init__(self, backend: AnnouncementsSource, now: Callable[[], datetime], *,
                 state: FloorState | None = None, parent: Any = None) -> None:
        super().__init__(parent)
        self.setObjectName("announcementsDialog")
        self.backend = backend
        self._now = now
        self.state: FloorState | None = None
        self.stale = False
        self.publishing = False
        #: the id being withdrawn, until the answer comes
        self.withdrawing: str | None = None
        self._quiet_close = False
        self._custom_set = False
        self._stale_note = ""
        save = weakref.WeakMethod(self._confirm_dialog)
        self.ask_confirm: Callable[[str], bool] = lambda text: bool((m := save()) and m(text))
        self.model = AnnouncementTableModel(self)
        self._build()
        self.retranslate()
        self.resize(780, 560)
        self.tick_timer = QTimer(self)
        self.tick_timer.setObjectName("announcementsTick")
        self.tick_timer.setInterval(1000)
        self.tick_timer.timeout.connect(self.tick)
        if state is not None:
            self.set_state(state)
        else:
            self.tick()

    # -- layout

    def _build(self) -> None:
        layout = QVBoxLayout(self)
        self.intro = QLabel(self)
        self.intro.setWordWrap(True)
        layout.addWidget(self.intro)

        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.text_label = QLabel(self)
        self.text_edit = QPlainTextEdit(self)
        self.text_edit.setObjectName("announcementText")
        self.text_edit.setTabChangesFocus(True)
        lines = QFontMetrics(self.text_edit.font()).lineSpacing()
        self.text_edit.setFixedHeight(lines * 4 + 14)
        self.text_edit.textChanged.connect(self._text_changed)
        self.text_label.setBuddy(self.text_edit)
        text_box = QWidget(self)
        tl = QVBoxLayout(text_box)
        tl.setContentsMargins(0, 0, 0, 0)
        tl.setSpacing(2)
        tl.addWidget(self.text_edit)
        self.counter = QLabel(text_box)
        self.counter.setObjectName("announcementCounter")
        self.counter.setAlignment(Qt.AlignmentFlag.AlignRight)
        tl.addWidget(self.counter)
        form.addRow(self.text_label, text_box)
        # issue #12: the wall masks anything like a phone number; the publisher sees
        # the wall's text before publishing, and is told when something was masked
        self.preview_label = QLabel(self)
        self.preview = QLabel(self)
        self.preview.setObjectName("announcementPreview")
        self.preview.setWordWrap(True)
        self.preview.setTextFormat(Qt.TextFormat.PlainText)
        self.preview.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.masked_note = QLabel(self)
        self.masked_note.setObjectName("announcementMasked")
        self.masked_note.setWordWrap(True)
        paint(self.masked_note, Tone.ERROR)
        self.masked_note.setVisible(False)
        pv = QWidget(self)
        pl = QVBoxLayout(pv)
        pl.setContentsMargins(0, 0, 0, 0)
        pl.setSpacing(2)
        pl.addWidget(self.preview)
        pl.addWidget(self.masked_note)
        form.addRow(self.preview_label, pv)

        self.expiry_label = QLabel(self)
        self.expiry_box = QComboBox(self)
        self.expiry_box.setObjectName("announcementExpiry")
        for key in EXPIRY_KEYS:
            self.expiry_box.addItem("", key)
        self.expiry_box.setCurrentIndex(EXPIRY_KEYS.index("1h"))
        self.expiry_box.currentIndexChanged.connect(self._expiry_changed)
        self.expiry_label.setBuddy(self.expiry_box)
        self.custom_edit = QDateTimeEdit(self)
        self.custom_edit.setObjectName("announcementCustomExpiry")
        self.custom_edit.setCalendarPopup(True)
        self.custom_edit.setDisplayFormat("yyyy-MM-dd HH:mm")
        # the edit shows the floor's wall-clock time: kept in "UTC" so the PC's own
        # time zone (and its DST gaps) never shifts it
        self.custom_edit.setTimeZone(QTimeZone.utc())
        self.custom_edit.setVisible(False)
        self.custom_edit.dateTimeChanged.connect(lambda _d: self._render_expiry())
        self.expiry_preview = QLabel(self)
        self.expiry_preview.setObjectName("announcementExpiryPreview")
        row = QHBoxLayout()
        row.addWidget(self.expiry_box)
        row.addWidget(self.custom_edit)
        row.addWidget(self.expiry_preview, 1)
        self.publish_button = QPushButton(self)
        self.publish_button.setObjectName("publishAnnouncement")
        self.publish_button.setAutoDefault(False)
        self.publish_button.clicked.connect(self.publish)
        row.addWidget(self.publish_button)
        form.addRow(self.expiry_label, row)
        layout.addLayout(form)

        self.status = StatusLine(self, "announcementStatus")
        layout.addWidget(self.status)

        self.live_box = QGroupBox(self)
        ll = QVBoxLayout(self.live_box)
        self.table = make_table(self.live_box, "announcementTable", self.model, row_height=24)
        self.table.setWordWrap(False)
        self.table.setTextElideMode(Qt.TextElideMode.ElideRight)
        h = self.table.horizontalHeader()
        h.setStretchLastSection(False)
        h.setSectionResizeMode(COL_TEXT, QHeaderView.ResizeMode.Stretch)
        for col in (COL_BY, COL_PUBLISHED, COL_EXPIRES):
            h.setSectionResizeMode(col, QHeaderView.ResizeMode.ResizeToContents)
        self.table.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.table.selectionModel().selectionChanged.connect(lambda _a, _b: self._buttons())
        ll.addWidget(self.table, 1)
        self.empty_label = QLabel(self.live_box)
        self.empty_label.setObjectName("announcementsEmpty")
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_label.setStyleSheet("color: palette(mid); padding: 6px;")
        ll.addWidget(self.empty_label, 1)  # fills the box while the table is hidden
        self.list_status = StatusLine(self.live_box, "announcementListStatus")
        ll.addWidget(self.list_status)
        bottom = QHBoxLayout()
        self.withdraw_button = QPushButton(self.live_box)
        self.withdraw_button.setObjectName("withdrawAnnouncement")
        self.withdraw_button.setAutoDefault(False)
        self.withdraw_button.clicked.connect(self.withdraw_selected)
        bottom.addWidget(self.withdraw_button)
        bottom.addStretch(1)
        ll.addLayout(bottom)
        layout.addWidget(self.live_box, 1)

        close_row = QHBoxLayout()
        close_row.addStretch(1)
        self.close_button = QPushButton(self)
        self.close_button.setAutoDefault(False)
        self.close_button.clicked.connect(self.reject)
        close_row.addWidget(self.close_button)
        layout.addLayout(close_row)

    def retranslate(self) -> None:
        self.setWindowTitle(QCoreApplication.translate("Announcements", "Publish announcement"))
        self.intro.setText(QCoreApplication.translate(
            "Announcements", "An announcement runs along the bottom of the wall display "
                             "until it expires or is withdrawn. Publishing and withdrawing "
                             "are recorded in the audit log."))
        self.text_label.setText(QCoreApplication.translate("Announcements", "&Text"))
        self.text_edit.setPlaceholderText(QCoreApplication.translate(
            "Announcements", "e.g. 15:00 system upgrade: write tickets on paper for 10 "
                             "minutes"))
        self.expiry_label.setText(QCoreApplication.translate("Announcements", "&Show for"))
        self.preview_label.setText(QCoreApplication.translate("Announcements",
                                                              "On the wall"))
        for i, key in enumerate(EXPIRY_KEYS):
            self.expiry_box.setItemText(i, expiry_label(key))
        self.publish_button.setText(QCoreApplication.translate("Announcements", "&Publish"))
        self.live_box.setTitle(QCoreApplication.translate("Announcements",
                                                          "On the wall display now"))
        self.empty_label.setText(QCoreApplication.translate(
            "Announcements", "No announcement is on the wall display."))
        self.withdraw_button.setText(QCoreApplication.translate("Announcements", "&Withdraw"))
        self.close_button.setText(QCoreApplication.translate("Announcements", "Close"))
        self.model.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, COL_EXPIRES)
        self.model.refresh()
        self._text_changed()
        self._render_expiry()
        self._render_list_note()

    def changeEvent(self, e: QEvent) -> None:
        if e.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(e)

    # -- the floor

    @property
    def tz(self) -> ZoneInfo:
        return self.state.policy.tz if self.state is not None else DEFAULT_TZ

    def set_state(self, state: FloorState, stale: bool = False) -> None:
        """A floor snapshot (the main window hands each one on while the dialog is
        open). Cheap when nothing changed: the list is rebuilt only when the
        announcements map is another object."""
        old = self.state
        self.state = state
        if stale != self.stale:
            self.stale = stale
            self._render_list_note()
        if old is None or old.announcements is not state.announcements \
                or old.policy is not state.policy:
            self._render_list()
            self._render_expiry()

    def tick(self) -> None:
        """Once a second: expired announcements leave the list by themselves, the
        expiry preview follows the clock."""
        self._render_list()
        self._render_expiry()

    def _render_list(self) -> None:
        now = self._now()
        items = active(self.state.announcements.values(), now) if self.state else []
        self.model.set_rows(items, self.tz, now)
        self.table.setVisible(bool(items))
        self.empty_label.setVisible(not items)
        self._buttons()

    def _render_list_note(self) -> None:
        note = QCoreApplication.translate(
            "Announcements", "The floor data is not live: this list may be out of date.")
        if self.stale:
            self.list_status.warn(note)
            self._stale_note = note
        elif self.list_status.text() == self._stale_note:
            self.list_status.setText("")

    def selected(self) -> Announcement | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.announcement_at(rows[0].row()) if rows else None

    def select(self, announcement_id: str) -> bool:
        row = self.model.row_of(announcement_id)
        if row is None:
            return False
        self.table.selectRow(row)
        return True

    # -- text and expiry

    def text(self) -> str:
        """What would be published (line breaks as spaces, stripped)."""
        return normalize_text(self.text_edit.toPlainText())

    def _text_changed(self) -> None:
        n = len(self.text())
        self.counter.setText(f"{n}/{MAX_TEXT}")
        if n > MAX_TEXT:
            paint(self.counter, Tone.ERROR, bold=True)
        else:
            self.counter.setStyleSheet("color: palette(mid);")
        self.counter.setToolTip(QCoreApplication.translate(
            "Announcements", "At most {n} characters; line breaks become spaces.").format(
                n=MAX_TEXT))
        self._render_preview()
        self._buttons()

    def wall_text(self) -> str:
        """The text as the wall will show it (the wall's own masking)."""
        return ticker_text(self.text())

    def _render_preview(self) -> None:
        text = self.text()
        wall = ticker_text(text)
        self.preview.setText(wall or "—")
        masked = wall != " ".join(text.split())
        self.masked_note.setVisible(masked)
        self.masked_note.setText(QCoreApplication.translate(
            "Announcements", "Phone numbers are masked on the wall display to protect "
                             "callers' privacy.") if masked else "")

    def expiry_key(self) -> str:
        return str(self.expiry_box.currentData())

    def set_expiry(self, key: str, custom: datetime | None = None) -> None:
        """Choose how long (``custom``: a time, any zone) — for tests and tools."""
        self.expiry_box.setCurrentIndex(EXPIRY_KEYS.index(key))
        if custom is not None:
            lt = custom.astimezone(self.tz)
            self.custom_edit.setDateTime(QDateTime(QDate(lt.year, lt.month, lt.day),
                                                   QTime(lt.hour, lt.minute), QTimeZone.utc()))
            self._custom_set = True

    def expires_at(self) -> datetime | None:
        """The chosen expiry in UTC (relative choices count from now), None before
        the first snapshot when the shift's end is asked for."""
        key = self.expiry_key()
        now = self._now()
        if key in DURATIONS:
            return now + DURATIONS[key]
        if key == "shift":
            if self.state is None:
                return None
            return self.state.policy.shift_period(now).end
        qd = self.custom_edit.dateTime()
        d, t = qd.date(), qd.time()
        local = datetime(d.year(), d.month(), d.day(), t.hour(), t.minute(), tzinfo=self.tz)
        return local.astimezone(UTC)

    def _expiry_problem(self, exp: datetime | None) -> str | None:
        now = self._now()
        if exp is None:
            return QCoreApplication.translate("Announcements", "Waiting for the floor data…")
        if exp <= now:
            return QCoreApplication.translate("Announcements", "That time has passed.")
        if exp - now > MAX_AHEAD:
            return QCoreApplication.translate(
                "Announcements", "At most {n} days ahead.").format(n=MAX_AHEAD.days)
        return None

    def _expiry_changed(self, _i: int) -> None:
        custom = self.expiry_key() == "custom"
        if custom and not self._custom_set:
            # starts an hour ahead, on the minute, in the floor's time
            start = (self._now() + timedelta(hours=1)).astimezone(self.tz)
            self.set_expiry("custom", start)
        self.custom_edit.setVisible(custom)
        self._render_expiry()

    def _render_expiry(self) -> None:
        now = self._now()
        if self.expiry_key() == "custom":  # the calendar offers only the allowed days
            today = now.astimezone(self.tz)
            last = (now + MAX_AHEAD).astimezone(self.tz)
            lo, hi = QDate(today.year, today.month, today.day), \
                QDate(last.year, last.month, last.day)
            if self.custom_edit.minimumDate() != lo or self.custom_edit.maximumDate() != hi:
                self.custom_edit.setDateRange(lo, hi)
        exp = self.expires_at()
        problem = self._expiry_problem(exp)
        if problem is not None:
            self.expiry_preview.setText(problem)
            paint(self.expiry_preview, Tone.ERROR)
        else:
            assert exp is not None
            # a custom time is on screen already, in the edit
            self.expiry_preview.setText("" if self.expiry_key() == "custom" else
                                        QCoreApplication.translate(
                                            "Announcements", "until {time}").format(
                                                time=local_text(exp, self.tz, now)))
            paint(self.expiry_preview, Tone.PLAIN)
        self._buttons()

    def _buttons(self) -> None:
        n = len(self.text())
        ok = (not self.publishing and 0 < n <= MAX_TEXT
              and self._expiry_problem(self.expires_at()) is None)
        self.publish_button.setEnabled(ok)
        self.text_edit.setReadOnly(self.publishing)
        self.withdraw_button.setEnabled(self.withdrawing is None and self.selected() is not None)

    # -- publish and withdraw

    def _say(self, label: StatusLine, text: str, error: bool = False) -> None:
        label.show_text(text, Tone.ERROR if error else Tone.PLAIN)

    def show_failure(self, text: str) -> None:
        """A request's failure no handler took: on the status line."""
        self._say(self.status, text, True)

    def message_colour(self) -> str | None:
        """The status line's colour as shown (the theme's, by tone)."""
        return tone_colour(self.status.tone)

    def message_text(self) -> str:
        return self.status.text()

    def publish(self) -> bool:
        """Send the text with the chosen expiry; False (and why, inline) when it
        cannot go. The text stays until the database has taken it."""
        if self.publishing:
            return False
        text = self.text()
        exp = self.expires_at()
        problem: str | None
        if not text:
            problem = QCoreApplication.translate("Announcements", "Write the announcement first.")
        elif len(text) > MAX_TEXT:
            problem = QCoreApplication.translate(
                "Announcements", "The announcement is {n} characters long; at most {max} fit "
                                 "on the wall display.").format(n=len(text), max=MAX_TEXT)
        else:
            problem = self._expiry_problem(exp)
        if problem is not None or exp is None:
            self._say(self.status, problem or "", True)
            return False
        self.publishing = True
        self._buttons()
        self._say(self.status, QCoreApplication.translate("Announcements", "Publishing…"))
        self.backend.publish(self, text, exp).done(self._published).refused(
            self._publish_refused).run()
        return True

    def _published(self, result: Any) -> None:
        self.publishing = False
        exp = result.expires_at if isinstance(result, Announcement) else None
        self.text_edit.clear()
        self._buttons()
        msg = QCoreApplication.translate("Announcements", "Published.")
        if exp is not None:
            msg = QCoreApplication.translate(
                "Announcements", "Published: on the wall display until {time}.").format(
                    time=local_text(exp, self.tz, self._now()))
        self._say(self.status, msg)
        self.published.emit()

    def _publish_refused(self, message: str) -> None:
        self.publishing = False
        self._buttons()
        self._say(self.status, message, True)
        self.published.emit()

    def withdraw_selected(self) -> bool:
        a = self.selected()
        if a is None or self.withdrawing is not None:
            return False
        short = a.text if len(a.text) <= 40 else a.text[:39] + "…"
        if not self.ask_confirm(QCoreApplication.translate(
                "Announcements", "Take “{text}” off the wall display now?").format(text=short)):
            return False
        self.withdrawing = a.id
        self._buttons()
        self._say(self.list_status, QCoreApplication.translate("Announcements", "Withdrawing…"))
        self.backend.withdraw(self, a.id).done(self._withdrawn).refused(
            self._withdraw_refused).run()
        return True

    def _withdrawn(self, _result: Any) -> None:
        self.withdrawing = None
        self._buttons()
        self._say(self.list_status, QCoreApplication.translate(
            "Announcements", "Withdrawn: it leaves the wall display."))
        self.withdrawn.emit()

    def _withdraw_refused(self, message: str) -> None:
        self.withdrawing = None
        self._buttons()
        self._say(self.list_status, message, True)
        self.withdrawn.emit()

    # -- closing

    def _confirm_dialog(self, text: str) -> bool:
        return dialogs.confirm(self, QCoreApplication.translate(
            "Announcements", "Publish announcement"), text)

    def reject(self) -> None:
        """Close, Escape or the window's X: a text not yet published is not dropped
        unasked."""
        if not self._quiet_close and self.text() and not self.ask_confirm(
                QCoreApplication.translate("Announcements",
                                           "Close without publishing the text you wrote?")):
            return
        super().reject()

    def closeEvent(self, e: QCloseEvent) -> None:
        if not e.spontaneous():
            # closed by the program (a shift change, quitting): no question asked
            self._quiet_close = True
        super().closeEvent(e)

    def showEvent(self, e: QShowEvent) -> None:
        self.tick()
        self.tick_timer.start()  # the clock matters only while it is on screen
        super().showEvent(e)

    def hideEvent(self, e: QHideEvent) -> None:
        self.tick_timer.stop()
        super().hideEvent(e)
