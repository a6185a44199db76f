"""The alerts panel (issue #4): tabs of the active alerts, the review list
(R-TICKET-3), the urgent tickets with their escalation trail (R-URGENT-1/2) and a
day of the history; one row of actions below acts on the alert selected.

It renders the floor state's active alerts, which travel through the feed in every
snapshot, so every console shows the same ones. Acting on an alert goes through
:class:`views.alerts.source.AlertsSource` (the console runs the database work off the
GUI thread, :mod:`console.alerts_backend`): each request is a ``console.ops.Request``
with a visible failure path, its reason on the panel's status line. This module never
decides who may act — the window hides what the operator may not do, and the
database checks again — and never opens a session.
"""

from __future__ import annotations

import weakref
from collections.abc import Callable, Sequence
from datetime import UTC, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QDate,
    QEvent,
    QItemSelection,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDateEdit,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QSplitter,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from models.domain.alerts import Alert, Severity
from models.domain.floor import FloorState
from models.domain.records import AlertRecord, EscalationStep
from views.alerts.describe import (
    REVIEW_RULE,
    URGENT_RULES,
    escalation_reason,
    local_time,
    note_question,
    note_title,
    ticket_title,
)
from views.alerts.models import (
    ACTIVE_COLUMNS,
    COL_ACK,
    COL_AGENT,
    COL_RULE,
    COL_SUBJECT,
    COL_TICKET,
    REVIEW_COLUMNS,
    URGENT_COLUMNS,
    AlertTableModel,
    HistoryModel,
    TrailModel,
)
from views.alerts.source import AlertsSource
from views.kit import dialogs
from views.kit.pending import tagged
from views.kit.status import StatusLine, Tone
from views.kit.table import make_table
from views.theme import Theme
from views.widgets import link_down_note, link_down_title


def _table(model: QAbstractTableModel, parent: QWidget, name: str) -> QTableView:
    """A live list: the user sizes its columns (fitting every row on every snapshot
    would cost a frame), one line per row."""
    v = make_table(parent, name, model, fit_contents=False, row_height=22)
    v.setWordWrap(False)
    return v


class AlertsPanel(QWidget):
    """Tabs: the active alerts, the review list (R-TICKET-3) and the urgent tickets
    with their escalation trail (R-URGENT-1/2); one row of actions below acts on
    the alert selected in the tab on show.

    ``ask_note`` is an attribute so tests can answer it.
    """

    #: an acknowledge or resolve answer (done or refused) is on screen
    acted = Signal()
    #: the escalation trail's answer is on screen
    trail_loaded = Signal()
    #: the history's answer is on screen
    history_loaded = Signal()

    TRAIL_REFRESH_MS = 10_000
    #: how long a done message ("已解除。") stays
    MESSAGE_MS = 8_000

    def __init__(self, theme: Theme, now: Callable[[], datetime],
                 backend: AlertsSource | None, parent: Any = None) -> None:
        super().__init__(parent)
        self.setObjectName("alertsPanel")
        self.theme = theme
        self._now = now
        self.backend = backend
        self.state: FloorState | None = None
        self.stale = False
        self.allowed = False
        #: alert id -> "ack" | "resolve" on its way from this console; kept after the
        #: answer until the feed shows the effect, so nobody clicks twice meanwhile
        self.pending: dict[str, str] = {}
        self._message: tuple[str, bool] = ("", False)
        self._trail_for: str | None = None  # the ticket subject whose trail is shown
        self._trail_seq = 0
        save = weakref.WeakMethod(self._note_dialog)
        self.ask_note: Callable[[str], str | None] = lambda text: (m := save()) and m(text)
        self._note_title = ""
        self.active = AlertTableModel(theme, now, ACTIVE_COLUMNS,
                                      lambda a: a.rule != REVIEW_RULE, self)
        self.review = AlertTableModel(theme, now, REVIEW_COLUMNS,
                                      lambda a: a.rule == REVIEW_RULE, self)
        self.urgent = AlertTableModel(theme, now, URGENT_COLUMNS,
                                      lambda a: a.rule in URGENT_RULES, self)
        self.trail = TrailModel(theme, self)
        self.history = HistoryModel(theme, self)
        self._build()
        self.trail_timer = QTimer(self)
        self.trail_timer.setObjectName("escalationTrailRefresh")
        self.trail_timer.setInterval(self.TRAIL_REFRESH_MS)
        self.trail_timer.timeout.connect(self._refresh_trail_if_shown)
        self.trail_timer.start()
        self.message_timer = QTimer(self)
        self.message_timer.setObjectName("alertsMessageClear")
        self.message_timer.setSingleShot(True)
        self.message_timer.setInterval(self.MESSAGE_MS)
        self.message_timer.timeout.connect(self._clear_message)
        self.retranslate()
        self._update_buttons()

    def _build(self) -> None:
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        # issue #14: while the phone system's link is down, rules that read who rings,
        # talks or holds see a frozen floor: the panel says so above its lists
        self.link_note = QLabel(self)
        self.link_note.setObjectName("telephonyNote")
        self.link_note.setWordWrap(True)
        self.link_note.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.link_note.hide()
        layout.addWidget(self.link_note)
        self.tabs = QTabWidget(self)
        self.tabs.setObjectName("alertTabs")
        self.active_view = _table(self.active, self.tabs, "activeAlerts")
        self.review_view = _table(self.review, self.tabs, "reviewAlerts")
        urgent_page = QSplitter(Qt.Orientation.Horizontal, self.tabs)
        urgent_page.setObjectName("urgentSplitter")
        self.urgent_view = _table(self.urgent, urgent_page, "urgentAlerts")
        trail_box = QWidget(urgent_page)
        tl = QVBoxLayout(trail_box)
        tl.setContentsMargins(4, 0, 0, 0)
        head = QHBoxLayout()
        self.trail_label = StatusLine(trail_box, "trailLabel")
        self.trail_refresh = QPushButton(trail_box)
        self.trail_refresh.setObjectName("trailRefresh")
        self.trail_refresh.clicked.connect(self.load_trail)
        self.step_button = QPushButton(trail_box)
        self.step_button.setObjectName("recordStep")
        self.step_button.clicked.connect(self.record_step)
        head.addWidget(self.trail_label, 1)
        head.addWidget(self.step_button)
        head.addWidget(self.trail_refresh)
        tl.addLayout(head)
        self.trail_view = _table(self.trail, trail_box, "escalationTrail")
        self.trail_view.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        tl.addWidget(self.trail_view, 1)
        urgent_page.addWidget(self.urgent_view)
        urgent_page.addWidget(trail_box)
        urgent_page.setStretchFactor(0, 3)
        urgent_page.setStretchFactor(1, 2)
        self.tabs.addTab(self.active_view, "")
        self.tabs.addTab(self.review_view, "")
        self.tabs.addTab(urgent_page, "")
        history_page = QWidget(self.tabs)
        hl = QVBoxLayout(history_page)
        hl.setContentsMargins(0, 4, 0, 0)
        hrow = QHBoxLayout()
        self.history_day_label = QLabel(history_page)
        self.history_day = QDateEdit(history_page)
        self.history_day.setObjectName("historyDay")
        self.history_day.setCalendarPopup(True)
        self.history_day.setDisplayFormat("yyyy-MM-dd")
        self.history_day.setDate(QDate.currentDate())
        self.history_load = QPushButton(history_page)
        self.history_load.setObjectName("historyLoad")
        self.history_load.clicked.connect(self.load_history)
        self.history_status = StatusLine(history_page, "historyStatus")
        hrow.addWidget(self.history_day_label)
        hrow.addWidget(self.history_day)
        hrow.addWidget(self.history_load)
        hrow.addWidget(self.history_status, 1)
        hl.addLayout(hrow)
        self.history_view = _table(self.history, history_page, "alertHistory")
        hl.addWidget(self.history_view, 1)
        self.tabs.addTab(history_page, "")
        layout.addWidget(self.tabs, 1)

        row = QHBoxLayout()
        self.ack_button = QPushButton(self)
        self.ack_button.setObjectName("acknowledgeAlert")
        self.ack_button.clicked.connect(lambda: self._act_on_selected("ack"))
        self.resolve_button = QPushButton(self)
        self.resolve_button.setObjectName("resolveAlert")
        self.resolve_button.clicked.connect(lambda: self._act_on_selected("resolve"))
        self.message = StatusLine(self, "alertsMessage")
        self.message.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        row.addWidget(self.ack_button)
        row.addWidget(self.resolve_button)
        row.addWidget(self.message, 1)
        layout.addLayout(row)
        for v in (self.active_view, self.review_view, self.urgent_view):
            v.selectionModel().selectionChanged.connect(self._selection_changed)
            v.doubleClicked.connect(lambda _i: self._act_on_selected("ack"))
        self.tabs.currentChanged.connect(self._tab_changed)

    def set_theme(self, theme: Theme) -> None:
        self.theme = theme
        for m in (self.active, self.review, self.urgent):
            m.theme = theme
            m.retranslate()  # repaints every cell
        for rows in (self.trail, self.history):
            rows.theme = theme
            rows.refresh()
        # the window calls this once the theme is in force: the status lines take its
        # colours now (a label inside the window is not sent the application's palette
        # change reliably, so a StatusLine alone would keep the old theme's red)
        for line in (self.message, self.trail_label, self.history_status):
            line.show_text(line.text(), line.tone)
        self._render_tabs()
        self._render_link_note()

    def _render_link_note(self) -> None:
        """The telephony link's note (issue #14): shown while the link is down."""
        since = self.state.telephony_down_since if self.state is not None else None
        if since is None:
            self.link_note.hide()
            return
        local = since.astimezone(self.state.policy.tz if self.state else UTC)
        self.link_note.setText(QCoreApplication.translate("TelephonyLink", "{title}. {note}").format(
            title=link_down_title(local.strftime("%H:%M:%S")), note=link_down_note()))
        th = self.theme
        self.link_note.setStyleSheet(
            f"QLabel#telephonyNote {{ background: {th.link_bg.name()}; "
            f"color: {th.link_text.name()}; padding: 3px; }}")
        self.link_note.show()

    def retranslate(self) -> None:
        self.ack_button.setText(QCoreApplication.translate("Alerts", "Acknowledge"))
        self.ack_button.setToolTip(QCoreApplication.translate(
            "Alerts", "Acknowledge the selected alert: it is yours; every console sees it"))
        self.resolve_button.setText(QCoreApplication.translate("Alerts", "Resolve…"))
        self.resolve_button.setToolTip(QCoreApplication.translate(
            "Alerts", "Resolve the selected alert with a note saying what was done"))
        self.trail_refresh.setText(QCoreApplication.translate("Alerts", "Refresh"))
        self.step_button.setText(QCoreApplication.translate("Alerts", "Record a step…"))
        self.step_button.setToolTip(QCoreApplication.translate(
            "Alerts", "Record what was done about this ticket (a call made, the reply given)"))
        self.history_day_label.setText(QCoreApplication.translate("AlertHistory", "Day"))
        self.history_load.setText(QCoreApplication.translate("AlertHistory", "Show"))
        self.history.refresh()
        for m in (self.active, self.review, self.urgent):
            m.retranslate()
        self.trail.refresh()
        self._render_tabs()
        self._render_trail_label()
        self._render_link_note()
        self._fit_columns()

    def changeEvent(self, e: QEvent) -> None:
        if e.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(e)

    def _fit_columns(self) -> None:
        for v, widths in ((self.active_view, (70, 190, 150, 80, 64, 130)),
                          (self.review_view, (80, 90, 260, 110, 80, 64)),
                          (self.urgent_view, (170, 90, 220, 110, 80, 64, 130))):
            fm = v.horizontalHeader().fontMetrics()
            model = v.model()
            for col, w in enumerate(widths):
                head = str(model.headerData(col, Qt.Orientation.Horizontal))
                v.setColumnWidth(col, max(w, fm.horizontalAdvance(head) + 20))

    #: columns that grow to their contents (up to this many pixels) as alerts arrive
    _GROWING = {COL_RULE: 260, COL_SUBJECT: 280, COL_ACK: 200, COL_AGENT: 140, COL_TICKET: 160}

    def _grow_columns(self) -> None:
        """Widen a column whose texts got longer; never narrow one (the leader may have
        sized it), and never past a cap (the description gets the rest)."""
        for v in (self.active_view, self.review_view, self.urgent_view):
            model = v.model()
            assert isinstance(model, AlertTableModel)
            last = len(model.columns) - 1
            for i, col in enumerate(model.columns):
                cap = self._GROWING.get(col)
                if cap is None or i == last:
                    continue
                want = min(cap, v.sizeHintForColumn(i) + 8)
                if want > v.columnWidth(i):
                    v.setColumnWidth(i, want)

    def _render_tabs(self) -> None:
        n_active = self.active.rowCount()
        n_review = self.review.rowCount()
        n_urgent = self.urgent.rowCount()
        self.tabs.setTabText(0, QCoreApplication.translate(
            "Alerts", "Active alerts ({n})").format(n=n_active))
        self.tabs.setTabText(1, QCoreApplication.translate(
            "Alerts", "Review list ({n})").format(n=n_review))
        self.tabs.setTabText(2, QCoreApplication.translate(
            "Alerts", "Urgent tickets ({n})").format(n=n_urgent))
        self.tabs.setTabText(3, QCoreApplication.translate("AlertHistory", "History"))
        hot = any(a.severity is Severity.CRITICAL and not a.acknowledged
                  for a in self.active.alerts())
        self.tabs.tabBar().setTabTextColor(0, self.theme.red if hot else self.theme.text)
        urgent_open = any(not a.acknowledged for a in self.urgent.alerts())
        self.tabs.tabBar().setTabTextColor(2, self.theme.red if urgent_open else self.theme.text)

    # ---- feeding -----------------------------------------------------------------

    def set_snapshot(self, state: FloorState, stale: bool = False) -> None:
        alerts_changed = self.state is None or state.alerts is not self.state.alerts
        stale_changed = stale != self.stale
        link_changed = (self.state is None or state.telephony_down_since
                        != self.state.telephony_down_since)
        self.state = state
        self.stale = stale
        if link_changed:
            self._render_link_note()
        if not alerts_changed and not stale_changed:
            return
        before = self._trail_ids()
        counts = [m.rowCount() for m in (self.active, self.review, self.urgent)]
        for m in (self.active, self.review, self.urgent):
            m.set_snapshot(state)
        if counts != [m.rowCount() for m in (self.active, self.review, self.urgent)]:
            self._grow_columns()
        self.pending = {aid: what for aid, what in self.pending.items()
                        if aid in state.alerts
                        and not (what == "ack" and state.alerts[aid].acknowledged)}
        self._render_tabs()
        self._update_buttons()
        if self._trail_for is not None and self._trail_ids() != before:
            self.load_trail()  # an escalation was raised (or resolved) meanwhile
        elif self._trail_for is not None and not self._trail_ids():
            self._trail_for = None
            self.trail.show_trail([], state, self._now())
            self._render_trail_label()

    def tick(self) -> None:
        for m in (self.active, self.review, self.urgent):
            m.tick()

    def set_allowed(self, allowed: bool) -> None:
        """Acknowledge and resolve exist only for operators who may use them."""
        self.allowed = allowed and self.backend is not None
        self._update_buttons()

    # ---- selection and actions -----------------------------------------------------

    def current_view(self) -> QTableView | None:
        """The live alerts' table on show; None on the history tab (its rows are
        past alerts: nothing to acknowledge or resolve there)."""
        views = [self.active_view, self.review_view, self.urgent_view]
        i = max(0, self.tabs.currentIndex())
        return views[i] if i < len(views) else None

    def selected_alert(self) -> Alert | None:
        v = self.current_view()
        if v is None:
            return None
        rows = v.selectionModel().selectedRows()
        if not rows:
            return None
        model = v.model()
        assert isinstance(model, AlertTableModel)
        return model.alert_at(rows[0].row())

    def select_alert(self, alert_id: str) -> bool:
        """Show and select an alert (in the first tab that lists it)."""
        for tab, v in enumerate((self.active_view, self.review_view, self.urgent_view)):
            model = v.model()
            assert isinstance(model, AlertTableModel)
            row = model.row_of(alert_id)
            if row is not None:
                self.tabs.setCurrentIndex(tab)
                v.selectRow(row)
                v.scrollTo(model.index(row, 0))
                return True
        return False

    def _selection_changed(self, _a: QItemSelection, _b: QItemSelection) -> None:
        if not self.pending:
            self._clear_message()  # the last answer was about another alert
        self._update_buttons()
        if self.tabs.currentIndex() == 2:
            self.load_trail()

    def _tab_changed(self, _i: int) -> None:
        self._update_buttons()
        if self.tabs.currentIndex() == 2:
            self.load_trail()

    def _update_buttons(self) -> None:
        self.ack_button.setVisible(self.allowed)
        self.resolve_button.setVisible(self.allowed)
        a = self.selected_alert()
        ok = self.allowed and not self.stale and a is not None and a.id not in self.pending
        self.ack_button.setEnabled(bool(ok and a is not None and not a.acknowledged))
        self.resolve_button.setEnabled(bool(ok))
        self.step_button.setVisible(self.allowed)
        self.step_button.setEnabled(bool(self.allowed and not self.stale and a is not None
                                         and a.ticket is not None
                                         and self.tabs.currentIndex() == 2))

    def _act_on_selected(self, what: str) -> None:
        a = self.selected_alert()
        if a is None:
            return
        if what == "ack":
            if not a.acknowledged:
                self.acknowledge(a.id)
        else:
            self.resolve(a.id)

    def acknowledge(self, alert_id: str) -> bool:
        """Acknowledge an alert (from the panel or the urgent banner); False when
        nothing was sent (no right, stale data, already on its way)."""
        if not self.allowed or self.stale or self.backend is None or alert_id in self.pending:
            return False
        if self.state is None or alert_id not in self.state.alerts:
            return False
        self.pending[alert_id] = "ack"
        self._say(QCoreApplication.translate("Alerts", "Acknowledging…"))
        self._update_buttons()
        self.backend.acknowledge(self, alert_id).done(tagged(self._acked, alert_id)).refused(
            tagged(self._refused, alert_id)).run()
        return True

    def resolve(self, alert_id: str) -> bool:
        if not self.allowed or self.stale or self.backend is None or alert_id in self.pending:
            return False
        if self.state is None or alert_id not in self.state.alerts:
            return False
        a = self.state.alerts[alert_id]
        self._note_title = note_title(a)
        note = self.ask_note(note_question(a, self.state))
        if note is None:
            return False
        if not note.strip():
            self._say(QCoreApplication.translate(
                "Alerts", "Resolving an alert needs a note saying what was done."), True)
            return False
        self.pending[alert_id] = "resolve"
        self._say(QCoreApplication.translate("Alerts", "Resolving…"))
        self._update_buttons()
        self.backend.resolve(self, alert_id, note.strip()).done(
            tagged(self._resolved, alert_id)).refused(tagged(self._refused, alert_id)).run()
        return True

    def _acked(self, alert_id: str, _result: Any) -> None:
        # the alert changes when the acknowledgement comes back through the feed; until
        # then it stays pending here
        self._say(QCoreApplication.translate("Alerts", "Acknowledged."))
        self._update_buttons()
        self.acted.emit()

    def _resolved(self, alert_id: str, _result: Any) -> None:
        self._say(QCoreApplication.translate("Alerts", "Resolved."))
        self._update_buttons()
        self.acted.emit()

    def _refused(self, alert_id: str, message: str) -> None:
        self.pending.pop(alert_id, None)
        self._say(QCoreApplication.translate("Alerts", "Refused: {reason}").format(
            reason=message), True)
        self._update_buttons()
        self.acted.emit()

    def show_failure(self, text: str) -> None:
        """A failure no handler took (``console.ops.Request``): on the status line."""
        self._say(text, True)

    def _say(self, text: str, error: bool = False) -> None:
        """The status line under the tabs; an error in the red of the theme in force."""
        self._message = (text, error)
        self.message.show_text(text, Tone.ERROR if error else Tone.PLAIN)
        # issue #12: "已解除。" stood for ever; a done message goes after a few seconds
        # (or on the next selection), a "…" stays until its answer replaces it
        if text and not error and not text.endswith(("…", "...")):
            self.message_timer.start()
        else:
            self.message_timer.stop()

    def _clear_message(self) -> None:
        self.message_timer.stop()
        if self._message[0]:
            self._message = ("", False)
            self.message.clear()

    def message_text(self) -> str:
        return self._message[0]

    def _note_dialog(self, text: str) -> str | None:
        return dialogs.ask_reason(self, self._note_title, text, multiline=True, required=False)

    # ---- the escalation trail --------------------------------------------------------

    def _trail_ids(self) -> list[str]:
        """Every active alert of the ticket whose trail is shown (urgent + escalation)."""
        if self._trail_for is None or self.state is None:
            return []
        return sorted(a.id for a in self.state.alerts.values()
                      if a.rule in URGENT_RULES and a.subject == self._trail_for)

    def load_history(self) -> None:
        """The alerts raised on the chosen floor day, resolved ones included."""
        if self.backend is None:
            return
        tz = self.state.policy.tz if self.state is not None else ZoneInfo("Asia/Shanghai")
        d = self.history_day.date()
        start = datetime(d.year(), d.month(), d.day(), tzinfo=tz)
        end = start + timedelta(days=1)
        self.history_status.say(QCoreApplication.translate("AlertHistory", "Loading…"))
        self.backend.history(self, start.astimezone(UTC), end.astimezone(UTC)).done(
            self._history_arrived).refused(self._history_failed).run()

    def _history_arrived(self, rows: Sequence[AlertRecord]) -> None:
        self.history.show_day(rows, self.state)
        self.history_status.say(QCoreApplication.translate(
            "AlertHistory", "{n} alert(s) that day").format(n=len(rows)))
        self.history_view.resizeColumnsToContents()
        self.history_loaded.emit()

    def _history_failed(self, message: str) -> None:
        self.history_status.fail(message)
        self.history_loaded.emit()

    def record_step(self) -> bool:
        """Ask what was done and record it on the selected urgent ticket."""
        a = self.selected_alert() if self.tabs.currentIndex() == 2 else None
        if a is None or a.ticket is None or self.backend is None or not self.allowed:
            return False
        text = self.ask_note(QCoreApplication.translate(
            "Alerts", "What was done about ticket {ticket}?").format(ticket=a.ticket))
        if text is None:
            return False
        if not text.strip():
            self._say(QCoreApplication.translate("Alerts", "A handling step needs a text."),
                      error=True)
            return False
        self.backend.record_step(self, a.ticket, text.strip()).done(
            self._step_recorded).refused(self._step_refused).run()
        return True

    def _step_recorded(self, _result: Any) -> None:
        self._say(QCoreApplication.translate("Alerts", "Step recorded."))
        self.load_trail()
        self.acted.emit()

    def _step_refused(self, message: str) -> None:
        self._say(message, error=True)
        self.acted.emit()

    def load_trail(self) -> None:
        a = self.selected_alert() if self.tabs.currentIndex() == 2 else None
        if a is None and self._trail_for is None:
            self._render_trail_label()
            return
        if a is not None:
            self._trail_for = a.subject
        ids = self._trail_ids()
        if a is not None:
            # the escalation names the urgent alert it escalates, even once that is resolved
            ids = sorted(set(ids) | {a.id} | ({a.escalation_of} if a.escalation_of else set()))
        if not ids or self.backend is None:
            self._render_trail_label()
            return
        self._trail_seq += 1
        self._say_trail(QCoreApplication.translate("Alerts", "Loading the escalation trail…"))
        seq = self._trail_seq
        self.backend.escalation_trail(self, ids).done(tagged(self._trail_arrived, seq)).refused(
            tagged(self._trail_failed, seq)).run()

    def _refresh_trail_if_shown(self) -> None:
        if self.isVisible() and self.tabs.currentIndex() == 2 and self._trail_for is not None:
            self.load_trail()

    def _trail_arrived(self, seq: int, steps: list[EscalationStep]) -> None:
        if seq != self._trail_seq:
            return
        self.trail.show_trail(steps, self.state, self._now())
        self.trail_view.resizeColumnsToContents()
        self._render_trail_label()
        self.trail_loaded.emit()

    def _trail_failed(self, seq: int, message: str) -> None:
        if seq != self._trail_seq:
            return
        self.trail.show_trail([], self.state, self._now())
        self._say_trail(QCoreApplication.translate(
            "Alerts", "The escalation trail cannot be read: {error}").format(error=message), True)
        self.trail_loaded.emit()

    def _say_trail(self, text: str, error: bool = False) -> None:
        self.trail_label.show_text(text, Tone.ERROR if error else Tone.PLAIN)

    def _render_trail_label(self) -> None:
        if self._trail_for is None or self.state is None:
            self._say_trail(QCoreApplication.translate(
                "Alerts", "Select an urgent ticket to see its escalation trail."))
            return
        alerts = [a for a in self.state.alerts.values()
                  if a.rule in URGENT_RULES and a.subject == self._trail_for]
        title = ticket_title(alerts[0], self.state) if alerts else self._trail_for
        esc = next((a for a in alerts if a.rule == "R-URGENT-2"), None)
        if esc is None:
            head = QCoreApplication.translate("Alerts", "{title}: not escalated").format(
                title=title)
        else:
            head = QCoreApplication.translate(
                "Alerts", "{title}: escalated at {time} ({why})").format(
                    title=title, time=local_time(esc.raised_at, self.state, self._now()),
                    why=escalation_reason(esc, self.state))
        if esc is not None and self.trail.rowCount() == 0:
            head += " — " + QCoreApplication.translate("Alerts", "no notification recorded yet")
        self._say_trail(head)

