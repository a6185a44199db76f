"""The shift leader's main window (值班长控制台).

Renders immutable floor snapshots and emits intents; it never touches the
database. Everything it needs from outside comes through :class:`Backend`
(built by ``console.app``): submitting a supervisor control, loading an agent's
day, the operator signed in.
"""

from __future__ import annotations

import dataclasses
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Protocol

from PySide6.QtCore import (
    QByteArray,
    QCoreApplication,
    QEvent,
    QItemSelection,
    QObject,
    QPoint,
    QRect,
    QSettings,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import (
    QAction,
    QActionGroup,
    QCloseEvent,
    QFont,
    QKeySequence,
    QResizeEvent,
    QShowEvent,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDockWidget,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QMenu,
    QPushButton,
    QScrollArea,
    QSplitter,
    QTableView,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from models.domain import commands
from models.domain.commands import Action, SupervisorCommand
from models.domain.floor import FloorState
from models.domain.privacy import mask_caller
from models.domain.records import AgentDay
from models.domain.roles import Right, Role, may
from models.domain.types import AgentState, AwayReason, SupervisorMode
from views.agent_model import (
    COL_TIME,
    AgentFilterProxy,
    AgentTableModel,
    duration,
    time_text,
)
from views.alerts.banners import PeakBanner, UrgentBanner
from views.alerts.describe import describe
from views.alerts.panel import AlertsPanel
from views.alerts.sounds import AlertAnnouncer
from views.alerts.source import AlertsSource
from views.force_dialog import ForceAnswer, ForceDialog
from views.kit.pending import Pending, tagged
from views.kit.texts import away_name, role_names, state_name
from views.msg import tr_payload
from views.queue_model import QueueTableModel
from views.table_fit import fit_agent_columns, fit_queue_columns
from views.theme import Theme
from views.widgets import StaleBanner, SummaryBar, TelephonyBanner, Timeline, TimelineLegend


class Backend(Protocol):
    @property
    def operator_id(self) -> str: ...

    @property
    def operator_name(self) -> str: ...

    @property
    def operator_roles(self) -> frozenset[Role]: ...

    def submit(self, owner: QObject, cmd: SupervisorCommand,
               supersedes: tuple[str, ...] = ()) -> Pending:
        """Send a control; refused with the reason (one translated line) if it could
        not be written, so it never reached the host. ``supersedes``: the ids of the
        failed attempts this one retries (written only if none of them was)."""
        ...

    def load_agent_day(self, owner: QObject, agent: str) -> Pending:
        """Answers the agent's :class:`AgentDay` so far."""
        ...


@dataclass(frozen=True)
class Snapshot:
    """What the window needs of a feed snapshot (decoupled from console.feed)."""

    state: FloorState
    stale: bool
    stale_since: datetime | None
    reason: str
    events: tuple[Any, ...]
    changed_agents: frozenset[str] | None
    read_at: datetime | None


ACTIONS: list[tuple[Action, str, bool, bool]] = [
    # action, shortcut, destructive (confirm), needs a reason
    (Action.MONITOR, "Ctrl+1", False, False),
    (Action.WHISPER, "Ctrl+2", False, False),
    (Action.BARGE, "Ctrl+3", False, False),
    (Action.FORCE_RELEASE, "Ctrl+4", True, True),
    (Action.INTERCEPT, "Ctrl+5", True, True),
    (Action.FORCE_READY, "Ctrl+6", False, True),
    (Action.FORCE_AWAY, "Ctrl+7", False, True),
    (Action.FORCE_LOGOUT, "Ctrl+8", True, True),
]


def action_label(a: Action) -> str:
    return {
        Action.MONITOR: QCoreApplication.translate("Controls", "Monitor"),
        Action.WHISPER: QCoreApplication.translate("Controls", "Whisper"),
        Action.BARGE: QCoreApplication.translate("Controls", "Barge in"),
        Action.STOP: QCoreApplication.translate("Controls", "Stop"),
        Action.FORCE_RELEASE: QCoreApplication.translate("Controls", "Force release"),
        Action.INTERCEPT: QCoreApplication.translate("Controls", "Intercept"),
        Action.FORCE_READY: QCoreApplication.translate("Controls", "Force ready"),
        Action.FORCE_AWAY: QCoreApplication.translate("Controls", "Force away"),
        Action.FORCE_LOGOUT: QCoreApplication.translate("Controls", "Force logout"),
    }[a]


def mode_label(m: SupervisorMode) -> str:
    return {SupervisorMode.MONITOR: QCoreApplication.translate("Controls", "monitoring"),
            SupervisorMode.WHISPER: QCoreApplication.translate("Controls", "whispering"),
            SupervisorMode.BARGE: QCoreApplication.translate("Controls", "barged in"),
            SupervisorMode.INTERCEPT: QCoreApplication.translate("Controls", "took over")}[m]


def end_label(mode: SupervisorMode, agent: str) -> str:
    """The button that ends one of the leader's sessions: 结束监听 / 结束耳语 / 结束强插
    (issue #12: an action, not a state — never "停止已强插")."""
    return {SupervisorMode.MONITOR: QCoreApplication.translate("Controls", "End monitoring {agent}"),
            SupervisorMode.WHISPER: QCoreApplication.translate("Controls", "End whisper {agent}"),
            SupervisorMode.BARGE: QCoreApplication.translate("Controls", "End barge-in {agent}"),
            SupervisorMode.INTERCEPT: QCoreApplication.translate("Controls", "End takeover {agent}"),
            }[mode].format(agent=agent)


def control_text(act: Action, agent: str, extra: str = "") -> str:
    """One control in 我的操作, by its labels: ``extra`` is the away reason of a force
    away or the session mode a stop ended (codes, turned into their labels here)."""
    if act is Action.STOP and extra in {m.value for m in SupervisorMode}:
        return end_label(SupervisorMode(extra), agent)
    text = f"{action_label(act)} {agent}"
    if act is Action.FORCE_AWAY and extra in {r.value for r in AwayReason}:
        text += " · " + away_name(AwayReason(extra))
    return text


#: the administration dialogs and the right each needs (roles.py)
ADMIN_DIALOGS: list[tuple[str, Right, str]] = [
    ("operators", Right.ADMINISTER_OPERATORS, "Ctrl+Shift+O"),
    ("floor_setup", Right.EDIT_FLOOR_SETUP, "Ctrl+Shift+F"),
    ("audit", Right.VIEW_AUDIT, "Ctrl+Shift+A"),
    ("contacts", Right.EDIT_CONTACTS, "Ctrl+Shift+U"),
]
#: the shift's paperwork (issue #6, DOMAIN §5/§6), each with the right that opens it:
#: 早会记录, 考勤 (the register for those who keep it, the summary for managers), 排班, 交接班,
#: 月度考核
SHIFT_DIALOGS: list[tuple[str, tuple[Right, ...], str]] = [
    ("meeting", (Right.KEEP_SHIFT_RECORDS,), "Ctrl+Shift+E"),
    ("attendance", (Right.KEEP_SHIFT_RECORDS, Right.VIEW_ATTENDANCE), "Ctrl+Shift+K"),
    ("roster", (Right.EDIT_ROSTER,), "Ctrl+Shift+R"),
    ("handover", (Right.KEEP_SHIFT_RECORDS,), "Ctrl+Shift+H"),
    # 培训计划 (issue #18, R-REPORT-1): kept by whoever keeps the shift records, next
    # week's by this Thursday
    ("training", (Right.KEEP_SHIFT_RECORDS,), "Ctrl+Shift+J"),
    # 质量监控 (issue #18): import scores, the week's sample, the control chart
    ("qa", (Right.KEEP_QA,), "Ctrl+Shift+I"),
    # 月度考核 (issue #18, DOMAIN §8): read by whoever leads the floor
    ("assessment", (Right.VIEW_ASSESSMENT,), "Ctrl+Shift+G"),
    # 报表 (issue #18, R-REPORT-1): they hold the register's exceptions
    ("reports", (Right.VIEW_ATTENDANCE,), "Ctrl+Shift+P"),
]
#: 发布公告 (the wall display's ticker): in the Controls menu, beside the leader's other
#: floor actions; Ctrl+Shift+A is the audit log's
ANNOUNCE_SHORTCUT = "Ctrl+Shift+N"
#: 趋势: the director's window (issue #17)
TRENDS_SHORTCUT = "Ctrl+Shift+T"


class MainWindow(QMainWindow):
    language_requested = Signal(str)
    theme_requested = Signal(str)
    switch_operator_requested = Signal()
    #: "operators" | "floor_setup" | "audit" | "contacts" | "announcements" |
    #: "meeting" | "attendance" | "roster" | "handover" | "training" | "qa" | "assessment" |
    #: "reports" | "my_extension"
    admin_requested = Signal(str)
    #: each snapshot applied, handed on to the dialogs that render the floor
    #: (the announcements dialog): the floor state and whether it is stale
    snapshot_applied = Signal(object, bool)

    def __init__(self, backend: Backend, theme: Theme, now: Callable[[], datetime],
                 settings: QSettings | None = None, parent: Any = None, *,
                 alerts: AlertsSource | None = None, sounds: bool = True) -> None:
        super().__init__(parent)
        #: acknowledge, resolve, escalation trail, contacts (issue #4); None: view only
        self.alerts_backend = alerts
        self._sounds_wanted = sounds
        self.setObjectName("mainWindow")
        self.backend = backend
        self.theme = theme
        self._now = now
        self.settings = settings or QSettings()
        self.snapshot: Snapshot | None = None
        self.snapshot_agents: Any = None  # the agents map the columns were fitted to
        self._hsplit_placed = False  # the split between the table and the detail panel
        self._alerts_seen: Any = None  # the alerts map last rendered (issue #4)
        self._summary_dirty = False
        self._queues_dirty = False  # a snapshot the queue table has not taken yet
        self.pending: dict[str, list[str]] = {}  # command id -> [action, agent, status, msg]
        # issue #15: controls whose write failed, by id, kept to be sent again; and
        # the earlier id of a control sent again -> its current id (the host answers
        # for the earlier one when its write did commit after all)
        self.unsent: dict[str, SupervisorCommand] = {}
        self._resent_as: dict[str, str] = {}
        # dialogs are attributes so tests can answer them
        self.ask_force: Callable[[ForceDialog], ForceAnswer | None] = self._force_dialog

        self.agents = AgentTableModel(theme, now, self)
        self.proxy = AgentFilterProxy(self)
        self.proxy.setSourceModel(self.agents)
        self.queues = QueueTableModel(theme, now, self)
        self._build()
        self.retranslate()
        self._restore()
        self.tick_timer = QTimer(self)
        self.tick_timer.setObjectName("consoleSecondTick")
        self.tick_timer.setInterval(1000)
        self.tick_timer.timeout.connect(self.tick)
        self.tick_timer.start()
        # issue #12 (item 7): the selected agent's day (calls, the day bar) follows
        # the floor — reloaded when that agent's events arrive, at most every 2 s
        self.detail_refresh = QTimer(self)
        self.detail_refresh.setObjectName("agentDetailRefresh")
        self.detail_refresh.setSingleShot(True)
        self.detail_refresh.setInterval(2000)
        self.detail_refresh.timeout.connect(self._reload_agent_day)
        self._filters_changed()  # signed-out agents hidden unless chosen (remembered)

    # ---- layout ------------------------------------------------------------------

    def _build(self) -> None:
        central = QWidget(self)
        outer = QVBoxLayout(central)
        outer.setContentsMargins(6, 4, 6, 4)
        outer.setSpacing(4)
        self.banner = StaleBanner(self.theme, central)
        outer.addWidget(self.banner)
        # issue #14: the phone system's link, below the database's (both may show)
        self.link_banner = TelephonyBanner(self.theme, central)
        outer.addWidget(self.link_banner)
        # issue #4: every unacknowledged 急件 across the top, then the peak plan in force
        self.urgent_banner = UrgentBanner(self.theme, self._now, central)
        self.urgent_banner.acknowledge_requested.connect(self._acknowledge_urgent)
        outer.addWidget(self.urgent_banner)
        self.peak_banner = PeakBanner(self.theme, self._now, central)
        outer.addWidget(self.peak_banner)
        self.summary = SummaryBar(self.theme, central)
        outer.addWidget(self.summary)

        self.queue_view = QTableView(central)
        self.queue_view.setObjectName("queueTable")
        self.queue_view.setModel(self.queues)
        self.queue_view.verticalHeader().hide()
        self.queue_view.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        # sized by views.table_fit when the queues, the language or a figure's width
        # change, not on every update: ResizeToContents re-measures every cell each time
        self.queue_view.verticalHeader().setDefaultSectionSize(24)

        filters = QWidget(central)
        fl = QHBoxLayout(filters)
        fl.setContentsMargins(0, 0, 0, 0)
        self.group_box = QComboBox(filters)
        self.state_box = QComboBox(filters)
        for box in (self.group_box, self.state_box):
            # issue #12: sized once at first show, "All groups" and the groups the
            # first snapshot brings were cut ("All group…"); follow the items
            box.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.search = QLineEdit(filters)
        self.search.setClearButtonEnabled(True)
        self.only_over = QCheckBox(filters)
        # issue #12 ("also wanted"): agents who are signed out are hidden unless asked
        # for; the choice is remembered on this PC
        self.show_logged_out = QCheckBox(filters)
        self.show_logged_out.setObjectName("showLoggedOut")
        self.show_logged_out.setChecked(
            str(self.settings.value("console/showLoggedOut", "false")).lower() == "true")
        self.count_label = QLabel(filters)
        for w in (self.group_box, self.state_box, self.search, self.only_over,
                  self.show_logged_out):
            fl.addWidget(w)
        fl.addStretch(1)
        fl.addWidget(self.count_label)
        self.group_box.currentIndexChanged.connect(self._filters_changed)
        self.state_box.currentIndexChanged.connect(self._filters_changed)
        self.search.textChanged.connect(self._filters_changed)
        self.only_over.toggled.connect(self._filters_changed)
        self.show_logged_out.toggled.connect(self._logged_out_toggled)

        self.agent_view = QTableView(central)
        self.agent_view.setObjectName("agentTable")
        self.agent_view.setModel(self.proxy)
        self.agent_view.setSortingEnabled(True)
        self.agent_view.sortByColumn(0, Qt.SortOrder.AscendingOrder)
        self.agent_view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.agent_view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.agent_view.setAlternatingRowColors(True)
        self.agent_view.verticalHeader().hide()
        self.agent_view.verticalHeader().setDefaultSectionSize(22)
        self.agent_view.horizontalHeader().setHighlightSections(False)
        self.agent_view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.agent_view.customContextMenuRequested.connect(self._context_menu)
        self.agent_view.selectionModel().selectionChanged.connect(self._selection_changed)

        left = QWidget(central)
        ll = QVBoxLayout(left)
        ll.setContentsMargins(0, 0, 0, 0)
        ll.addWidget(filters)
        ll.addWidget(self.agent_view)

        self.detail = QWidget(central)
        self.detail.setObjectName("agentDetail")
        dl = QVBoxLayout(self.detail)
        dl.setContentsMargins(6, 0, 0, 0)
        self.detail_title = QLabel(self.detail)
        self.detail_title.setObjectName("detailTitle")
        # a font, not a style sheet: a styled label keeps the palette it was polished
        # with, and went dark-on-dark after a live switch to the dark theme (item 9)
        title_font = QFont(self.detail_title.font())
        title_font.setPointSize(14)
        title_font.setBold(True)
        self.detail_title.setFont(title_font)
        self.detail_form = QFormLayout()
        self.detail_state = QLabel(self.detail)
        self.detail_call = QLabel(self.detail)
        self.detail_sessions = QLabel(self.detail)
        self.timeline = Timeline(self.theme, self.detail)
        self.timeline_label = QLabel(self.detail)
        self.calls_label = QLabel(self.detail)
        self.calls_list = QListWidget(self.detail)
        self.tickets_label = QLabel(self.detail)
        self.tickets_list = QListWidget(self.detail)
        self.form_state_label = QLabel(self.detail)
        self.form_call_label = QLabel(self.detail)
        self.form_sessions_label = QLabel(self.detail)
        self.detail_form.addRow(self.form_state_label, self.detail_state)
        self.detail_form.addRow(self.form_call_label, self.detail_call)
        self.detail_form.addRow(self.form_sessions_label, self.detail_sessions)
        dl.addWidget(self.detail_title)
        dl.addLayout(self.detail_form)
        dl.addWidget(self.timeline_label)
        dl.addWidget(self.timeline)
        self.timeline_legend = TimelineLegend(self.theme, self.detail)
        dl.addWidget(self.timeline_legend)
        dl.addWidget(self.calls_label)
        dl.addWidget(self.calls_list, 2)
        dl.addWidget(self.tickets_label)
        dl.addWidget(self.tickets_list, 1)

        # issue #12 (item 3): on a 1366x768 floor PC the detail panel scrolls rather
        # than pushing the alert buttons and the status bar off the screen
        self.detail_scroll = QScrollArea(central)
        self.detail_scroll.setObjectName("agentDetailScroll")
        self.detail_scroll.setWidgetResizable(True)
        self.detail_scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.detail_scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.detail_scroll.setWidget(self.detail)
        self.detail_scroll.setMinimumHeight(120)
        self.calls_list.setMinimumHeight(90)
        self.tickets_list.setMinimumHeight(70)

        self.hsplit = QSplitter(Qt.Orientation.Horizontal, central)
        self.hsplit.setObjectName("agentSplitter")
        self.hsplit.addWidget(left)
        self.hsplit.addWidget(self.detail_scroll)
        self.hsplit.setStretchFactor(0, 3)
        self.hsplit.setStretchFactor(1, 2)
        # once the operator drags the split, it is theirs (and remembered)
        self.hsplit.splitterMoved.connect(self._split_moved)
        self.hsplit.installEventFilter(self)

        bottom = QWidget(central)
        bl = QHBoxLayout(bottom)
        bl.setContentsMargins(0, 0, 0, 0)
        self.sessions_label = QLabel(bottom)
        self.sessions_box = QWidget(bottom)
        self.sessions_layout = QHBoxLayout(self.sessions_box)
        #: the sessions the stop buttons show: (call, agent, mode); None before any
        self._sessions_shown: list[tuple[str, str, SupervisorMode]] | None = None
        self.sessions_layout.setContentsMargins(0, 0, 0, 0)
        self.commands_label = QLabel(bottom)
        self.commands_list = QListWidget(bottom)
        self.commands_list.setObjectName("commandList")
        self.commands_list.setMaximumHeight(70)
        self.commands_list.setMinimumHeight(40)  # issue #12: fits 1366x768
        bl.addWidget(self.sessions_label)
        bl.addWidget(self.sessions_box, 1)
        self.commands_list.currentItemChanged.connect(lambda *_: self._update_retry())
        self.commands_list.itemDoubleClicked.connect(lambda _i: self.retry_selected())
        self.retry_button = QPushButton(bottom)
        self.retry_button.setObjectName("retryControl")
        self.retry_button.clicked.connect(self.retry_selected)
        bl.addWidget(self.commands_label)
        bl.addWidget(self.commands_list, 2)
        bl.addWidget(self.retry_button)

        self.vsplit = QSplitter(Qt.Orientation.Vertical, central)
        self.vsplit.setObjectName("mainSplitter")
        self.vsplit.addWidget(self.queue_view)
        self.vsplit.addWidget(self.hsplit)
        self.vsplit.setStretchFactor(0, 1)
        self.vsplit.setStretchFactor(1, 4)
        outer.addWidget(self.vsplit, 1)
        outer.addWidget(bottom)
        self.setCentralWidget(central)

        # the alerts panel (issue #4): a dock under the floor, movable, remembered
        self.alerts_panel = AlertsPanel(self.theme, self._now, self.alerts_backend, self)
        self.alerts_dock = QDockWidget(self)
        self.alerts_dock.setObjectName("alertsDock")
        self.alerts_dock.setWidget(self.alerts_panel)
        self.alerts_dock.setFeatures(QDockWidget.DockWidgetFeature.DockWidgetMovable
                                     | QDockWidget.DockWidgetFeature.DockWidgetClosable
                                     | QDockWidget.DockWidgetFeature.DockWidgetFloatable)
        self.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, self.alerts_dock)
        self.resizeDocks([self.alerts_dock], [230], Qt.Orientation.Vertical)
        self.alerts_panel.acted.connect(self._alert_answered)
        self.announcer = AlertAnnouncer(self, enabled=self._sounds_wanted and str(
            self.settings.value("ui/alertSounds", "true")).lower() != "false")

        # toolbar, actions, menus
        self.toolbar = QToolBar(self)
        self.toolbar.setObjectName("controlsToolbar")
        self.addToolBar(self.toolbar)
        self.control_actions: dict[Action, QAction] = {}
        for act, key, _destr, _reason in ACTIONS:
            qa = QAction(self)
            qa.setShortcut(QKeySequence(key))
            qa.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
            qa.triggered.connect(lambda _=False, a=act: self.trigger(a))
            self.control_actions[act] = qa
            self.toolbar.addAction(qa)
        self.file_menu = self.menuBar().addMenu("")
        self.switch_action = QAction(self)
        self.switch_action.setObjectName("switchOperator")
        self.switch_action.setShortcut(QKeySequence("Ctrl+Shift+L"))
        self.switch_action.triggered.connect(self.switch_operator_requested.emit)
        self.file_menu.addAction(self.switch_action)
        # issue #14: the operator's own things sit beside switching operator: where
        # the phone system rings this supervisor for monitor, whisper, barge, intercept
        self.extension_action = QAction(self)
        self.extension_action.setObjectName("myExtension")
        self.extension_action.triggered.connect(
            lambda _=False: self.admin_requested.emit("my_extension"))
        self.file_menu.addAction(self.extension_action)
        self.file_menu.addSeparator()
        self.quit_action = QAction(self)
        self.quit_action.setShortcut(QKeySequence.StandardKey.Quit)
        self.quit_action.triggered.connect(self.close)
        self.file_menu.addAction(self.quit_action)
        self.controls_menu = self.menuBar().addMenu("")
        for qa in self.control_actions.values():
            self.controls_menu.addAction(qa)
        self.controls_menu.addSeparator()
        self.announce_action = QAction(self)
        self.announce_action.setObjectName("announce")
        self.announce_action.setShortcut(QKeySequence(ANNOUNCE_SHORTCUT))
        self.announce_action.triggered.connect(
            lambda _=False: self.admin_requested.emit("announcements"))
        self.controls_menu.addAction(self.announce_action)
        self.shift_menu = self.menuBar().addMenu("")
        self.shift_actions: dict[str, QAction] = {}
        for name, _rights, key in SHIFT_DIALOGS:
            qa = QAction(self)
            qa.setObjectName(f"shift_{name}")
            qa.setShortcut(QKeySequence(key))
            qa.triggered.connect(lambda _=False, n=name: self.admin_requested.emit(n))
            self.shift_actions[name] = qa
            self.shift_menu.addAction(qa)
        self.admin_menu = self.menuBar().addMenu("")
        self.admin_actions: dict[str, QAction] = {}
        for name, _right, key in ADMIN_DIALOGS:
            qa = QAction(self)
            qa.setObjectName(f"admin_{name}")
            qa.setShortcut(QKeySequence(key))
            qa.triggered.connect(lambda _=False, n=name: self.admin_requested.emit(n))
            self.admin_actions[name] = qa
            self.admin_menu.addAction(qa)
        self.view_menu = self.menuBar().addMenu("")
        self.view_menu.setToolTipsVisible(True)  # why the sounds item may be off
        self.alerts_action = self.alerts_dock.toggleViewAction()
        self.alerts_action.setShortcut(QKeySequence("Ctrl+Shift+M"))
        self.view_menu.addAction(self.alerts_action)
        # issue #17: the director's window, for those who may read the trends
        self.trends_action = QAction(self)
        self.trends_action.setObjectName("trends")
        self.trends_action.setShortcut(QKeySequence(TRENDS_SHORTCUT))
        self.trends_action.triggered.connect(lambda _=False: self.admin_requested.emit("trends"))
        self.view_menu.addAction(self.trends_action)
        self.sounds_action = QAction(self, checkable=True)
        self.sounds_action.setObjectName("alertSounds")
        self.sounds_action.setChecked(self.announcer.enabled)
        self.sounds_action.setEnabled(self.announcer.available)
        self.sounds_action.toggled.connect(self._sounds_toggled)
        self.view_menu.addAction(self.sounds_action)
        self.view_menu.addSeparator()
        self.lang_group = QActionGroup(self)
        self.lang_actions = {}
        for code in ("zh_CN", "en"):
            qa = QAction(self, checkable=True)
            qa.triggered.connect(lambda _=False, c=code: self.language_requested.emit(c))
            self.lang_group.addAction(qa)
            self.lang_actions[code] = qa
        self.theme_group = QActionGroup(self)
        self.theme_actions = {}
        for name in ("light", "dark"):
            qa = QAction(self, checkable=True)
            qa.triggered.connect(lambda _=False, n=name: self.theme_requested.emit(n))
            self.theme_group.addAction(qa)
            self.theme_actions[name] = qa
        self.lang_menu = self.view_menu.addMenu("")
        self.lang_menu.addActions(list(self.lang_actions.values()))
        self.theme_menu = self.view_menu.addMenu("")
        self.theme_menu.addActions(list(self.theme_actions.values()))
        # issue #19: Help › 使用说明 (F1) and Help › About; the console opens them
        self.help_menu = self.menuBar().addMenu("")
        self.guide_action = QAction(self)
        self.guide_action.setObjectName("helpGuide")
        self.guide_action.setShortcut(QKeySequence(QKeySequence.StandardKey.HelpContents))
        self.guide_action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        self.guide_action.triggered.connect(lambda _=False: self.admin_requested.emit("guide"))
        self.help_menu.addAction(self.guide_action)
        self.about_action = QAction(self)
        self.about_action.setObjectName("helpAbout")
        self.about_action.setMenuRole(QAction.MenuRole.AboutRole)
        self.about_action.triggered.connect(lambda _=False: self.admin_requested.emit("about"))
        self.help_menu.addAction(self.about_action)
        self.status_conn = QLabel(self)
        self.status_operator = QLabel(self)
        self.status_updated = QLabel(self)
        self.status_updated.setObjectName("updatedAt")
        sb = self.statusBar()
        sb.addWidget(self.status_conn, 1)
        sb.addPermanentWidget(self.status_operator)
        sb.addPermanentWidget(self.status_updated)
        self._update_controls()

    def retranslate(self) -> None:
        self.setWindowTitle(QCoreApplication.translate("App", "Seatwatch"))
        self.file_menu.setTitle(QCoreApplication.translate("MainWindow", "&File"))
        self.switch_action.setText(QCoreApplication.translate("MainWindow", "&Switch operator…"))
        self.extension_action.setText(QCoreApplication.translate("MainWindow", "My extension…"))
        self.quit_action.setText(QCoreApplication.translate("MainWindow", "&Quit"))
        self.controls_menu.setTitle(QCoreApplication.translate("MainWindow", "&Controls"))
        self.announce_action.setText(
            QCoreApplication.translate("MainWindow", "&Publish announcement…"))
        self.shift_menu.setTitle(QCoreApplication.translate("MainWindow", "&Shift"))
        self.shift_actions["meeting"].setText(
            QCoreApplication.translate("MainWindow", "&Morning meeting…"))
        self.shift_actions["attendance"].setText(
            QCoreApplication.translate("MainWindow", "&Attendance…"))
        self.shift_actions["roster"].setText(QCoreApplication.translate("MainWindow", "&Roster…"))
        self.shift_actions["handover"].setText(
            QCoreApplication.translate("MainWindow", "&Handover…"))
        self.shift_actions["training"].setText(
            QCoreApplication.translate("MainWindow", "&Training plan…"))
        self.shift_actions["qa"].setText(
            QCoreApplication.translate("MainWindow", "&Quality inspection…"))
        self.shift_actions["assessment"].setText(
            QCoreApplication.translate("MainWindow", "Monthly a&ssessment…"))
        self.shift_actions["reports"].setText(
            QCoreApplication.translate("MainWindow", "Re&ports…"))
        self.admin_menu.setTitle(QCoreApplication.translate("MainWindow", "&Administration"))
        self.admin_actions["operators"].setText(
            QCoreApplication.translate("MainWindow", "&Operators and roles…"))
        self.admin_actions["floor_setup"].setText(
            QCoreApplication.translate("MainWindow", "&Floor setup…"))
        self.admin_actions["audit"].setText(QCoreApplication.translate("MainWindow", "&Audit log…"))
        self.admin_actions["contacts"].setText(
            QCoreApplication.translate("MainWindow", "&Escalation contacts…"))
        self.alerts_dock.setWindowTitle(QCoreApplication.translate("MainWindow", "Alerts"))
        self.alerts_action.setText(QCoreApplication.translate("MainWindow", "&Alerts panel"))
        self.sounds_action.setText(QCoreApplication.translate("MainWindow", "Alert &sounds"))
        self.sounds_action.setToolTip("" if self.announcer.available else
                                      QCoreApplication.translate(
                                          "MainWindow", "This computer cannot play sounds"))
        self.view_menu.setTitle(QCoreApplication.translate("MainWindow", "&View"))
        self.trends_action.setText(QCoreApplication.translate("MainWindow", "&Trends…"))
        self.lang_menu.setTitle(QCoreApplication.translate("MainWindow", "Language"))
        self.lang_actions["zh_CN"].setText("简体中文")
        self.lang_actions["en"].setText("English")
        self.theme_menu.setTitle(QCoreApplication.translate("MainWindow", "Theme"))
        self.theme_actions["light"].setText(QCoreApplication.translate("MainWindow", "Light"))
        self.theme_actions["dark"].setText(QCoreApplication.translate("MainWindow", "Dark"))
        self.help_menu.setTitle(QCoreApplication.translate("MainWindow", "&Help"))
        self.guide_action.setText(QCoreApplication.translate("MainWindow", "&User's guide"))
        self.about_action.setText(QCoreApplication.translate("MainWindow", "&About…"))
        self.toolbar.setWindowTitle(QCoreApplication.translate("MainWindow", "Supervisor controls"))
        for act, key, _d, _r in ACTIONS:
            qa = self.control_actions[act]
            qa.setText(action_label(act))
            qa.setToolTip(f"{action_label(act)} ({key})")
        cur_group = self.group_box.currentData()
        self.group_box.blockSignals(True)
        self.group_box.clear()
        self.group_box.addItem(QCoreApplication.translate("MainWindow", "All groups"), None)
        if self.snapshot is not None:
            for gid, g in sorted(self.snapshot.state.groups.items()):
                self.group_box.addItem(g.name, gid)
        i = self.group_box.findData(cur_group)
        self.group_box.setCurrentIndex(max(0, i))
        self.group_box.blockSignals(False)
        cur_state = self.state_box.currentData()
        self.state_box.blockSignals(True)
        self.state_box.clear()
        self.state_box.addItem(QCoreApplication.translate("MainWindow", "All states"), None)
        for st in AgentState:
            self.state_box.addItem(state_name(st), st.value)
        self.state_box.setCurrentIndex(max(0, self.state_box.findData(cur_state)))
        self.state_box.blockSignals(False)
        self.search.setPlaceholderText(QCoreApplication.translate("MainWindow", "Search ID or name"))
        self.only_over.setText(QCoreApplication.translate("MainWindow", "Only agents past a limit"))
        self.form_state_label.setText(QCoreApplication.translate("MainWindow", "State"))
        self.form_call_label.setText(QCoreApplication.translate("MainWindow", "Call"))
        self.form_sessions_label.setText(QCoreApplication.translate("MainWindow", "Supervisors"))
        self.timeline_label.setText(QCoreApplication.translate("MainWindow", "Today's states"))
        self.timeline_legend.retranslate()
        self.show_logged_out.setText(
            QCoreApplication.translate("MainWindow", "Show signed-out agents"))
        self.calls_label.setText(QCoreApplication.translate("MainWindow", "Today's calls"))
        self.tickets_label.setText(QCoreApplication.translate("MainWindow", "Today's tickets"))
        self.sessions_label.setText(QCoreApplication.translate("MainWindow", "My sessions:"))
        self.commands_label.setText(QCoreApplication.translate("MainWindow", "My controls:"))
        self.retry_button.setText(QCoreApplication.translate("MainWindow", "Send again"))
        self.retry_button.setToolTip(QCoreApplication.translate(
            "MainWindow", "Send the selected control again, as a new control, once the "
                          "floor database is back"))
        self._render_operator()
        self.agents.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, 9)
        self._fit_headers()
        self.queues.headerDataChanged.emit(Qt.Orientation.Horizontal, 0,
                                           self.queues.columnCount() - 1)
        self._fit_queue_columns(shrink=True)
        self._render_status()
        self._render_detail()
        self._render_sessions(force=True)  # the buttons' words in the new language
        self._render_commands()

    def _render_operator(self) -> None:
        roles = role_names(self.backend.operator_roles)
        self.status_operator.setText(QCoreApplication.translate(
            "MainWindow", "Operator: {name} ({id}) · {roles}").format(
                name=self.backend.operator_name, id=self.backend.operator_id, roles=roles))

    def may(self, right: Right) -> bool:
        """What the signed-in operator may do; the window offers only that (the host
        and the database functions check again where the work is done)."""
        return may(self.backend.operator_roles, right)

    def operator_changed(self) -> None:
        """Another operator signed in at this console (shift change)."""
        self.pending.clear()
        self.unsent.clear()
        self._resent_as.clear()
        self._render_operator()
        self._render_commands()
        self._render_sessions(force=True)
        self._update_controls()

    def _fit_headers(self) -> None:
        """Every agent column as wide as its header and any value it can show (issue
        #12, item 4: English headers are longer, a hold shows the talk time too)."""
        fit_agent_columns(self.agent_view,
                          self.snapshot.state if self.snapshot is not None else None)

    def _fit_queue_columns(self, shrink: bool = False) -> None:
        fit_queue_columns(self.queue_view, self.queues, shrink=shrink)

    def changeEvent(self, e: QEvent) -> None:
        if e.type() == QEvent.Type.LanguageChange:
            self.retranslate()
            if self.snapshot is not None:
                self.agents.set_snapshot(self.snapshot.state, None)
                self.queues.set_snapshot(self.snapshot.state)
                self.summary.set_snapshot(self.snapshot.state)
        super().changeEvent(e)

    # ---- feeding -----------------------------------------------------------------

    def apply_snapshot(self, snap: Snapshot) -> None:
        first = self.snapshot is None
        groups_changed = first or snap.state.groups != self.snapshot.state.groups  # type: ignore[union-attr]
        was_stale = self.snapshot.stale if self.snapshot else None
        self.snapshot = snap
        self.agents.set_snapshot(snap.state, None if first else snap.changed_agents)
        # the queue figures, like the counts, at most once a second (the tick catches
        # up): a busy floor's snapshots each touched most queues, and repainting the
        # queue table six times a second cost more of the GUI thread than the agent
        # table (issue #20). New queues, a new policy or a change of staleness at once.
        prev = self.queues.state
        self._queues_dirty = True
        if (prev is None or snap.state.queues is not prev.queues
                or snap.state.policy is not prev.policy or was_stale != snap.stale):
            self._render_queues()
        if first or snap.state.agents is not self.snapshot_agents:
            self.snapshot_agents = snap.state.agents
            self._fit_headers()  # new agents or groups may have longer names
        # the counts are text: at most once a second (the tick catches up), so a busy
        # floor's 20 snapshots a second do not each count 2,000 agents again
        self._summary_dirty = True
        if first or groups_changed or was_stale != snap.stale:
            self._render_summary()
        if groups_changed:
            self.retranslate()
        if was_stale != snap.stale:
            self.agents.set_stale(snap.stale)
            self.queues.set_stale(snap.stale)
            self.agent_view.setEnabled(True)
        for e in snap.events:
            if e.type in ("command_done", "command_failed"):
                cid = str(e.get("command"))
                cid = self._resent_as.get(cid, cid)
                if cid in self.pending:
                    # issue #13 item 5: what happened on the floor, unknown said as such
                    self.pending[cid][2] = "done" if e.type == "command_done" else \
                        "unknown" if e.get("outcome") == "unknown" else "failed"
                    self.pending[cid][3] = tr_payload(e.data)
                    self._render_commands()
        self._render_status()
        self._update_controls()
        self._render_detail()
        self._follow_agent_day(snap)
        self._render_sessions()
        self._update_count()
        self._render_alerts(snap, first or was_stale != snap.stale)
        self.snapshot_applied.emit(snap.state, snap.stale)

    def _render_alerts(self, snap: Snapshot, force: bool) -> None:
        """Issue #4: the panel, the banners, a sound and a tray message for what is new.
        The alerts map is the same object from snapshot to snapshot until an alert
        event arrives, so a busy floor's other snapshots cost one identity test."""
        st = snap.state
        changed = force or st.alerts is not self._alerts_seen
        self._alerts_seen = st.alerts
        self.alerts_panel.set_snapshot(st, snap.stale)
        if not changed:
            return
        self.announcer.observe(st, lambda a: describe(a, st, self._now()))
        self._render_banners()

    def _render_banners(self) -> None:
        s = self.snapshot
        if s is None:
            return
        self.urgent_banner.set_alerts(s.state, allowed=self.alerts_panel.allowed,
                                      stale=s.stale, pending=self.alerts_panel.pending)
        self.peak_banner.set_state(s.state)

    def _acknowledge_urgent(self, alert_id: str) -> None:
        if self.alerts_panel.acknowledge(alert_id):
            self._render_banners()  # the button waits for the answer

    def _alert_answered(self) -> None:
        self._render_banners()

    def set_theme(self, theme: Theme) -> None:
        """Switch the theme live (issue #12, item 9): every part painted with theme
        colours takes the new ones, as a window started in that theme has them."""
        self.theme = theme
        self.agents.theme = theme
        self.queues.theme = theme
        self.summary.set_theme(theme)
        self.banner.set_theme(theme)
        self.link_banner.set_theme(theme)
        self.timeline.set_theme(theme)
        self.timeline_legend.set_theme(theme)
        self.set_alerts_theme(theme)
        if self.snapshot is not None:
            self._summary_dirty = True
            self._render_summary()
            self.agents.set_snapshot(self.snapshot.state, None)
            self.queues.set_stale(self.snapshot.stale)  # repaints every cell
            self._render_banners()
            self._render_status()
        self._render_commands()
        for w in (self.detail_title, self.timeline, self.agent_view, self.queue_view):
            w.update()

    def _logged_out_toggled(self, on: bool) -> None:
        self.settings.setValue("console/showLoggedOut", "true" if on else "false")
        self._filters_changed()

    def set_alerts_theme(self, theme: Theme) -> None:
        self.alerts_panel.set_theme(theme)
        self.urgent_banner.theme = theme
        self.peak_banner.set_theme(theme)

    def _sounds_toggled(self, on: bool) -> None:
        self.announcer.enabled = on
        if on and not self.announcer.enabled:
            # this PC cannot play sounds (no Qt Multimedia, issue #15): the menu says
            # so, and the operator's wish stays as it was for a PC that can
            self.sounds_action.blockSignals(True)
            self.sounds_action.setChecked(False)
            self.sounds_action.blockSignals(False)
            self.sounds_action.setEnabled(False)
            self.retranslate()
            return
        self.settings.setValue("ui/alertSounds", "true" if on else "false")

    def _fit_queue_view(self) -> None:
        """Show every queue row and the floor total without a scroll bar (up to 12 rows)."""
        v = self.queue_view
        rows = min(self.queues.rowCount(), 12)
        row_h = v.verticalHeader().defaultSectionSize()
        h = v.horizontalHeader().height() + rows * row_h + 2 * v.frameWidth() + 2
        # issue #12 (item 3): at most five rows are held open, so a floor with many
        # queues still fits a 1366x768 screen (the rest scroll)
        v.setMinimumHeight(min(h, v.horizontalHeader().height() + 5 * row_h
                               + 2 * v.frameWidth() + 2))
        if self.queues.rowCount() <= 12:
            v.setMaximumHeight(h)

    def _render_queues(self) -> None:
        if self.snapshot is not None and self._queues_dirty:
            self._queues_dirty = False
            if self.queues.set_snapshot(self.snapshot.state):
                self._fit_queue_columns(shrink=True)
            self._fit_queue_view()

    def _render_summary(self) -> None:
        if self.snapshot is not None and self._summary_dirty:
            self._summary_dirty = False
            self.summary.set_snapshot(self.snapshot.state)

    def tick(self) -> None:
        """Once a second: time in state moves on. Only the time column changes with
        the clock; unless the table is sorted or filtered by it, repainting the rows
        on screen is enough (they read the time when painted) — a dataChanged over
        2,000 rows would make the proxy re-filter every row every second."""
        self._render_summary()
        self._render_queues()
        if self.proxy.only_over or self.proxy.sortColumn() == COL_TIME:
            self.agents.tick()
        else:
            self._repaint_time_column()
        self.queues.tick()
        self._fit_queue_columns()  # a figure that grew ("—" -> "87.6%") is never cut
        if self.proxy.only_over:
            self.proxy.refilter()
            self._update_count()
        self._render_detail_state()
        self.alerts_panel.tick()
        self.urgent_banner.refresh()
        self.peak_banner.refresh()

    def _repaint_time_column(self) -> None:
        """The time-in-state cells on screen, painted again (they read the clock when
        painted). Only that column: the whole viewport each second was ten columns of
        Qt's item painting (issue #20: 11.5 ms a second at 2,000 agents, against 1.6)."""
        view = self.agent_view
        if view.isColumnHidden(COL_TIME):
            return
        x = view.columnViewportPosition(COL_TIME)
        vp = view.viewport()
        if x < vp.width() and x + view.columnWidth(COL_TIME) > 0:
            vp.update(QRect(x, 0, view.columnWidth(COL_TIME), vp.height()))

    # ---- rendering -----------------------------------------------------------------

    def _local(self, dt: datetime | None) -> str:
        if dt is None or self.snapshot is None:
            return "—"
        return dt.astimezone(self.snapshot.state.policy.tz).strftime("%H:%M:%S")

    def _render_status(self) -> None:
        s = self.snapshot
        if s is None:
            self.status_conn.setText(QCoreApplication.translate("MainWindow", "Connecting…"))
            self.status_updated.setText(QCoreApplication.translate("MainWindow", "Data updated at {t}").format(t="—"))
            return
        self.status_updated.setText(QCoreApplication.translate("MainWindow", "Data updated at {t}").format(
            t=self._local(s.read_at)))
        if s.stale:
            self.status_conn.setText(QCoreApplication.translate("MainWindow", "Not live"))
            self.banner.show_stale(self._local(s.stale_since), s.reason)
        else:
            self.status_conn.setText(QCoreApplication.translate("MainWindow", "Live"))
            self.banner.hide()
        if s.state.telephony_down_since is not None:
            self.link_banner.show_down(self._local(s.state.telephony_down_since))
        else:
            self.link_banner.hide_up()
        for v in (self.queue_view, self.agent_view, self.summary):
            v.setProperty("stale", s.stale)

    def selected_agent(self) -> str | None:
        rows = self.agent_view.selectionModel().selectedRows()
        if not rows:
            return None
        src = self.proxy.mapToSource(rows[0])
        return self.agents.agent_at(src.row()) if src.isValid() else None

    def select_agent(self, agent: str) -> None:
        row = self.agents.row_of(agent)
        if row is None:
            return
        idx = self.proxy.mapFromSource(self.agents.index(row, 0))
        if idx.isValid():
            self.agent_view.selectRow(idx.row())
            self.agent_view.scrollTo(idx)

    def _update_controls(self) -> None:
        agent = self.selected_agent()
        s = self.snapshot
        allowed = self.may(Right.SUPERVISOR_CONTROLS)  # R-CTRL-1
        for act, qa in self.control_actions.items():
            ok = (allowed and s is not None and not s.stale and agent is not None
                  and commands.applicable(s.state, agent, act, self.backend.operator_id))
            qa.setEnabled(bool(ok))
        self.toolbar.setVisible(allowed)
        # only a supervisor's controls ring an extension (R-CTRL-1)
        self.extension_action.setVisible(allowed)
        self.extension_action.setEnabled(allowed)
        may_announce = self.may(Right.PUBLISH_ANNOUNCEMENTS)
        self.announce_action.setVisible(may_announce)
        self.announce_action.setEnabled(may_announce)
        self.controls_menu.menuAction().setVisible(allowed or may_announce)
        any_shift = False
        for name, rights_needed, _key in SHIFT_DIALOGS:
            ok = any(self.may(r) for r in rights_needed)
            self.shift_actions[name].setVisible(ok)
            self.shift_actions[name].setEnabled(ok)
            any_shift = any_shift or ok
        self.shift_menu.menuAction().setVisible(any_shift)
        any_admin = False
        for name, right, _key in ADMIN_DIALOGS:
            ok = self.may(right)
            self.admin_actions[name].setVisible(ok)
            any_admin = any_admin or ok
        self.admin_menu.menuAction().setVisible(any_admin)
        may_trends = self.may(Right.VIEW_TRENDS)
        self.trends_action.setVisible(may_trends)
        self.trends_action.setEnabled(may_trends)
        may_handle = self.may(Right.HANDLE_ALERTS) and self.alerts_backend is not None
        if may_handle != self.alerts_panel.allowed:
            self.alerts_panel.set_allowed(may_handle)
            self._render_banners()
        self._update_retry()

    def _selection_changed(self, _a: QItemSelection, _b: QItemSelection) -> None:
        self.detail_refresh.stop()  # the new selection loads its own day now
        self._update_controls()
        self._render_detail()
        agent = self.selected_agent()
        if agent is not None:
            self._load_agent_day(agent)

    def _load_agent_day(self, agent: str) -> None:
        self.backend.load_agent_day(self, agent).done(self._agent_day_loaded).refused(
            self._agent_day_failed).run()

    def _agent_day_failed(self, why: str) -> None:
        """The selected agent's day could not be read: said in the status bar, the
        detail panel keeps what it showed."""
        self.statusBar().showMessage(QCoreApplication.translate(
            "MainWindow", "The agent's day could not be read: {why}").format(why=why), 15_000)

    def _follow_agent_day(self, snap: Snapshot) -> None:
        agent = self.selected_agent()
        if agent is None or not snap.events:
            return
        mine = snap.changed_agents is None or agent in snap.changed_agents
        if mine and not self.detail_refresh.isActive():
            self.detail_refresh.start()

    def _reload_agent_day(self) -> None:
        agent = self.selected_agent()
        if agent is not None:
            self._load_agent_day(agent)

    def _agent_day_loaded(self, day: AgentDay) -> None:
        if day.agent != self.selected_agent():
            return  # the selection moved on meanwhile
        self.timeline.set_segments(day.start, day.end, day.segments,
                                   self.snapshot.state.policy.tz if self.snapshot else None)
        self.calls_list.clear()
        for c in day.calls:
            if c.outcome != "answered":
                continue
            self.calls_list.addItem(QCoreApplication.translate("MainWindow", "{t}  {caller}  talk {talk}").format(
                t=self._local(c.answered_at), caller=mask_caller(c.caller),
                talk=duration(c.talk_s)))
        self.tickets_list.clear()
        for tid, _cat, title, urgent, created in day.tickets:
            mark = QCoreApplication.translate("MainWindow", "[URGENT] ") if urgent else ""
            self.tickets_list.addItem(f"{self._local(created)}  {mark}{title}  ({tid})")

    def _render_detail(self) -> None:
        agent = self.selected_agent()
        s = self.snapshot
        if agent is None or s is None or agent not in s.state.agents:
            self.detail_title.setText(QCoreApplication.translate("MainWindow", "Select an agent"))
            self.detail_state.setText("")
            self.detail_call.setText("")
            self.detail_sessions.setText("")
            return
        ag = s.state.agents[agent]
        self.detail_title.setText(f"{ag.id}  {ag.name}")
        self._render_detail_state()
        st = s.state.status[agent]
        call = s.state.calls.get(st.call) if st.call else None
        self.detail_call.setText(mask_caller(call.caller) if call else "—")
        sups = ", ".join(f"{sid} {mode_label(m)}" for sid, m in call.supervisors) if call \
            else ""
        self.detail_sessions.setText(sups or "—")

    def _render_detail_state(self) -> None:
        agent = self.selected_agent()
        s = self.snapshot
        if agent is None or s is None or agent not in s.state.status:
            return
        st = s.state.status[agent]
        txt = state_name(st.state)
        if st.reason:
            txt += f" · {away_name(st.reason)}"
        timer = time_text(s.state, st, self._now())  # a call counts from its answer
        if timer:
            txt += f" · {timer}"
        self.detail_state.setText(txt)

    def _render_sessions(self, force: bool = False) -> None:
        """我的监听: a stop button for each call this leader listens to. Rebuilt only
        when that list changes: rebuilding its widgets for each of a busy floor's
        snapshots cost the GUI thread a relayout a snapshot (issue #20)."""
        s = self.snapshot
        me = self.backend.operator_id
        sessions: list[tuple[str, str, SupervisorMode]] = [] if s is None else [
            (c.id, c.agent, mode) for c in s.state.calls.values() for sid, mode in c.supervisors
            if sid == me and mode is not SupervisorMode.INTERCEPT and c.agent is not None]
        if not force and sessions == self._sessions_shown:
            return
        self._sessions_shown = sessions
        while self.sessions_layout.count():
            item = self.sessions_layout.takeAt(0)
            w = item.widget() if item is not None else None
            if w is not None:
                w.hide()
                w.deleteLater()
        if s is None:
            return
        for cid, agent, mode in sessions:
            btn = QPushButton(end_label(mode, agent), self.sessions_box)
            btn.setObjectName(f"stop_{cid}")
            btn.clicked.connect(lambda _=False, a=agent, c=cid, m=mode.value:
                                self._stop(a, c, m))
            self.sessions_layout.addWidget(btn)
        if not sessions:
            self.sessions_layout.addWidget(QLabel("—", self.sessions_box))

    def _render_commands(self) -> None:
        """我的操作: each control by its label, the away reason by its label and the
        leader's reason; the host's own wording only for a failure (issue #12); a
        control whose write failed says "not sent" and why, and can be sent again
        (issue #15)."""
        current = self.commands_list.currentItem()
        chosen = current.data(Qt.ItemDataRole.UserRole) if current is not None else None
        self.commands_list.clear()
        status = {"pending": QCoreApplication.translate("MainWindow", "pending"),
                  "done": QCoreApplication.translate("MainWindow", "done"),
                  "failed": QCoreApplication.translate("MainWindow", "failed"),
                  "unsent": QCoreApplication.translate("MainWindow", "not sent"),
                  "unknown": QCoreApplication.translate("MainWindow", "outcome unknown")}
        for cid, entry in reversed(list(self.pending.items())[-20:]):
            act, agent, st, msg, *rest = entry
            reason, extra = (rest + ["", ""])[:2]
            what = control_text(Action(act), agent, extra)
            if reason:
                what += QCoreApplication.translate("MainWindow", " ({reason})").format(
                    reason=reason)
            line = QCoreApplication.translate("MainWindow", "{what}: {status}").format(
                what=what, status=status[st])
            if msg and st in ("failed", "unknown", "unsent"):
                line += " — " + msg
            item = QListWidgetItem(line)
            # the whole line on hover: a reason is often wider than the list
            item.setToolTip(line + (QCoreApplication.translate(
                "MainWindow", " (double-click to send again)") if st == "unsent" else ""))
            item.setData(Qt.ItemDataRole.UserRole, cid)
            if st in ("failed", "unsent"):
                item.setForeground(self.theme.red)
            elif st == "unknown":
                item.setForeground(self.theme.amber)
            self.commands_list.addItem(item)
            if cid == chosen:
                self.commands_list.setCurrentItem(item)
        self._update_retry()

    def _update_retry(self) -> None:
        """"Send again" only for a control not sent, while the floor is live and the
        operator may use controls (R-CTRL-1)."""
        item = self.commands_list.currentItem()
        cid = item.data(Qt.ItemDataRole.UserRole) if item is not None else None
        s = self.snapshot
        self.retry_button.setVisible(bool(self.unsent))
        self.retry_button.setEnabled(cid in self.unsent and s is not None and not s.stale
                                     and self.may(Right.SUPERVISOR_CONTROLS))

    def _update_count(self) -> None:
        self.count_label.setText(QCoreApplication.translate(
            "MainWindow", "{shown} of {total} agents").format(
                shown=self.proxy.rowCount(), total=self.agents.rowCount()))

    def _filters_changed(self) -> None:
        raw = self.state_box.currentData()
        self.proxy.set_filters(group=self.group_box.currentData(),
                               states=frozenset({AgentState(raw)}) if raw else None,
                               text=self.search.text(), only_over=self.only_over.isChecked(),
                               logged_out=self.show_logged_out.isChecked())
        self._update_count()

    # ---- controls ------------------------------------------------------------------

    def _context_menu(self, pos: QPoint) -> None:
        idx = self.agent_view.indexAt(pos)
        if not idx.isValid():
            return
        self.agent_view.selectRow(idx.row())
        menu = QMenu(self)
        for qa in self.control_actions.values():
            menu.addAction(qa)
        menu.popup(self.agent_view.viewport().mapToGlobal(pos))

    def trigger(self, act: Action) -> SupervisorCommand | None:
        """Turn the leader's intent into one supervisor command (the outbox)."""
        agent = self.selected_agent()
        s = self.snapshot
        if agent is None or s is None or s.stale or not self.may(Right.SUPERVISOR_CONTROLS):
            return None
        if not commands.applicable(s.state, agent, act, self.backend.operator_id):
            return None
        destructive = next(d for a, _k, d, _r in ACTIONS if a is act)
        needs_reason = next(r for a, _k, _d, r in ACTIONS if a is act)
        name = s.state.agents[agent].name
        away: AwayReason | None = None
        reason = ""
        if needs_reason or destructive:
            # issue #12: one dialog — action, agent, preset reasons, the confirmation
            dlg = ForceDialog(act, action_label(act), agent, name,
                              s.state.policy.force_reasons, destructive=destructive,
                              detail=self._force_detail(agent), parent=self)
            try:
                got = self.ask_force(dlg)
            finally:
                dlg.deleteLater()
            if got is None:
                return None
            reason, away = got.reason, got.away_reason
        st = s.state.status[agent]
        cmd = SupervisorCommand(id=uuid.uuid4().hex, action=act, agent=agent,
                                supervisor=self.backend.operator_id,
                                call=st.call if act in commands.CALL_ACTIONS else None,
                                reason=reason, away_reason=away)
        self.pending[cmd.id] = [act.value, agent, "pending", "", reason,
                                away.value if away else ""]
        self._render_commands()
        self._submit(cmd)
        return cmd

    def _submit(self, cmd: SupervisorCommand, supersedes: tuple[str, ...] = ()) -> None:
        """Hand a control to the backend; a failed write comes back to
        :meth:`_not_sent` (the window is held weakly: the answer of a closed window
        is dropped)."""
        self.backend.submit(self, cmd, supersedes).refused(tagged(self._not_sent, cmd)).run()

    def _not_sent(self, cmd: SupervisorCommand, reason: str) -> None:
        """The control's write failed, so the host never saw it: shown as not sent,
        with the reason, until it is sent again (issue #15)."""
        entry = self.pending.get(cmd.id)
        if entry is None:  # another operator signed in meanwhile
            return
        entry[2], entry[3] = "unsent", reason
        self.unsent[cmd.id] = cmd
        self._render_commands()

    def retry_selected(self) -> SupervisorCommand | None:
        """Send the selected not-sent control again as a new control (a new id), the
        same action on the same agent and call — so the host still refuses it when
        the call or state changed meanwhile (R-CTRL-2). Written only if the failed
        attempt never reached the outbox, so it cannot execute twice."""
        item = self.commands_list.currentItem()
        if item is None or not self.retry_button.isEnabled():
            return None
        old = str(item.data(Qt.ItemDataRole.UserRole))
        cmd = self.unsent.pop(old, None)
        if cmd is None:
            return None
        new = dataclasses.replace(cmd, id=uuid.uuid4().hex)
        entry = self.pending.pop(old)
        entry[2], entry[3] = "pending", ""
        self.pending[new.id] = entry
        self._resent_as = {k: (new.id if v == old else v) for k, v in self._resent_as.items()}
        self._resent_as[old] = new.id
        self._render_commands()
        # every earlier attempt: any of them may have committed after all
        self._submit(new, supersedes=tuple(k for k, v in self._resent_as.items()
                                           if v == new.id))
        return new

    def _stop(self, agent: str, call: str, mode: str = "") -> None:
        cmd = SupervisorCommand(id=uuid.uuid4().hex, action=Action.STOP, agent=agent,
                                supervisor=self.backend.operator_id, call=call)
        self.pending[cmd.id] = [Action.STOP.value, agent, "pending", "", "", mode]
        self._render_commands()
        self._submit(cmd)

    def _force_dialog(self, dlg: ForceDialog) -> ForceAnswer | None:
        dlg.exec()
        return dlg.answer()

    def _force_detail(self, agent: str) -> str:
        """The agent's state now, so the leader confirms on what the dialog shows."""
        s = self.snapshot
        st = s.state.status.get(agent) if s is not None else None
        if st is None:
            return ""
        txt = state_name(st.state)
        if st.reason is not None:
            txt += f" · {away_name(st.reason)}"
        if st.call:
            txt += " · " + QCoreApplication.translate("MainWindow", "call {id}").format(id=st.call)
        return QCoreApplication.translate("MainWindow", "Now: {state}").format(state=txt)

    # ---- settings ------------------------------------------------------------------

    def _restore(self) -> None:
        s = self.settings
        #: no window size remembered on this PC: the console opens maximized, not at
        #: its (1366x768-sized) minimum (issue #12 item 3)
        self.first_start = not isinstance(s.value("console/geometry"), QByteArray)
        for key, fn in (("geometry", self.restoreGeometry), ("state", self.restoreState)):
            v = s.value(f"console/{key}")
            if isinstance(v, QByteArray):
                fn(v)
        for key, w in (("vsplit", self.vsplit), ("hsplit", self.hsplit)):
            v = s.value(f"console/{key}")
            if isinstance(v, QByteArray):
                w.restoreState(v)
                if key == "hsplit":
                    self._hsplit_placed = True
        v = s.value("console/agentHeader")
        if isinstance(v, QByteArray):
            self.agent_view.horizontalHeader().restoreState(v)
        else:
            for col, width in enumerate((64, 84, 72, 104, 88, 84, 116, 76, 76, 96)):
                self.agent_view.setColumnWidth(col, width)
            self._fit_headers()

    def showEvent(self, e: QShowEvent) -> None:
        super().showEvent(e)
        if not self._hsplit_placed:
            self._place_detail()

    def resizeEvent(self, e: QResizeEvent) -> None:
        super().resizeEvent(e)
        # a short screen (1366x768) gives the agent table the rows the control
        # strip would take: two lines of "my controls" instead of three
        self.commands_list.setMaximumHeight(70 if self.height() >= 900 else 46)

    def eventFilter(self, obj: QObject, e: QEvent) -> bool:
        # the splitter's own resize (the window maximized on first start): the split
        # follows until the operator drags it
        if obj is self.hsplit and e.type() == QEvent.Type.Resize and not self._hsplit_placed:
            self._place_detail()
        return super().eventFilter(obj, e)

    def _split_moved(self, _pos: int, _index: int) -> None:
        self._hsplit_placed = True

    def _place_detail(self) -> None:
        """First start: the agent table gets the width its columns need, the detail
        panel the rest (at least 280 px), so no column starts off-screen (issue #12,
        item 4); the operator's own split is remembered after that."""
        total = self.hsplit.width()
        if total < 400:  # not laid out yet
            return
        table = sum(self.agent_view.columnWidth(c) for c in range(self.agents.columnCount()))
        table += self.agent_view.verticalScrollBar().sizeHint().width() + 8
        detail = max(280, min(total - table, total // 2))
        self.hsplit.setSizes([total - detail, detail])

    def save_settings(self) -> None:
        s = self.settings
        s.setValue("console/geometry", self.saveGeometry())
        s.setValue("console/state", self.saveState())
        s.setValue("console/vsplit", self.vsplit.saveState())
        s.setValue("console/hsplit", self.hsplit.saveState())
        s.setValue("console/agentHeader", self.agent_view.horizontalHeader().saveState())
        s.sync()

    def closeEvent(self, e: QCloseEvent) -> None:
        self.save_settings()
        self.tick_timer.stop()
        self.detail_refresh.stop()
        super().closeEvent(e)


