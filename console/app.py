"""The GUI composition root: builds the services in order and wires them to the window.

``QApplication`` → translations and theme → floor feed (worker thread, bridged
to the GUI thread by a signal) → background ops (database work never runs on the
GUI thread) → main window. One ``shutting_down`` signal stops them all.
"""

from __future__ import annotations

import logging
import re
import signal
import sys
import threading
import time
import traceback
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any
from zoneinfo import ZoneInfo

import shiboken6
from PySide6.QtCore import (
    QCoreApplication,
    QEventLoop,
    QObject,
    QSettings,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QDialog, QMainWindow
from sqlalchemy import Engine
from sqlalchemy.exc import ArgumentError, DBAPIError, OperationalError

from console.alerts_backend import AlertsBackend
from console.feed import FloorFeed
from console.help import about_dialog
from console.ops import Backend, BackendContext, Ops, Request, first_line, workstation
from console.single import SingleConsole, claim, instance_name
from console.ui import I18n, prepare_ui, qt_app
from models.db import console_db, operators
from models.db import engine as dbengine
from models.db.host_db import submit_command
from models.domain.commands import SupervisorCommand
from models.domain.floor import FloorState
from models.domain.policy import Policy
from models.domain.records import FeedStatus, FloorSnapshot, merge_snapshots
from models.domain.roles import Operator, Right, Role
from models.domain.signin import SIGN_IN
from views import theme as themes
from views.help.guide import GuideWindow
from views.main_window import MainWindow, Snapshot
from views.msg import tr_msg
from views.signin import FirstAdminDialog, SignInDialog
from views.startup_error import StartupErrorDialog

log = logging.getLogger(__name__)

#: events the window shows the moment they arrive, whatever the coalescing: an
#: alert (its banner, its sound) and a control's answer
PROMPT_EVENTS = frozenset({"alert_raised", "alert_resolved", "alert_acknowledged",
                           "command_done", "command_failed"})


def is_prompt(snap: FloorSnapshot, shown: FeedStatus | None) -> bool:
    """Whether ``snap`` must reach the window at once: it carries an alert or a
    control's answer, or the feed's status (stale, why, connected) changed since the
    snapshot last shown."""
    st = snap.status
    if shown is None or (st.stale, st.reason, st.connected) != \
            (shown.stale, shown.reason, shown.connected):
        return True
    return any(e.type in PROMPT_EVENTS for e in snap.events)


#: the console's feed reads the log at most this often (issue #20): reading at every
#: NOTIFY of a busy floor (20 a second) costs queries and snapshots the window would
#: only merge; an alert or a control's answer waits for the next read, no longer
CONSOLE_READ_EVERY_S = 0.15


def console_feed(url: Any) -> FloorFeed:
    """The console's floor feed, as :class:`ConsoleApp` makes it."""
    return FloorFeed(url, min_read_interval_s=CONSOLE_READ_EVERY_S)


class FeedBridge(QObject):
    """Hands feed snapshots (worker thread) to the GUI thread, coalesced (issue #20).

    The feed makes a snapshot per batch it reads (20 a second on a busy floor); the
    window shows at most one each ``min_interval_s``: the newest, carrying the events
    and changed agents of every snapshot merged into it (:func:`merge_snapshots`), so
    no row and no command answer is missed. The feed thread only merges under a lock
    and wakes the GUI thread once per delivery; a snapshot that carries an alert or a
    control's answer, or a change of the feed's status, is delivered at once.
    ``snapshot`` is emitted on the GUI thread."""

    snapshot = Signal(object)
    _wake = Signal()

    #: 100 ms: below the console feed's own spacing (:data:`CONSOLE_READ_EVERY_S`), so
    #: its snapshots pass at once and the two waits do not add up; a feed that reads
    #: at every NOTIFY is merged to ten a second
    MIN_INTERVAL_S = 0.1

    def __init__(self, feed: FloorFeed, parent: QObject | None = None, *,
                 min_interval_s: float | None = None,
                 clock: Callable[[], float] = time.monotonic) -> None:
        super().__init__(parent)
        self.feed = feed
        self.min_interval_s = self.MIN_INTERVAL_S if min_interval_s is None \
            else min_interval_s
        self._clock = clock
        self._lock = threading.Lock()
        self._pending: FloorSnapshot | None = None
        self._woken = False  # a wake is on its way to (or waiting on) the GUI thread
        self._prompt = False  # what is pending must be shown at once
        self._shown: FeedStatus | None = None  # the status of the last snapshot handed on
        self._last = float("-inf")  # when the last snapshot was handed on
        self.delivered = 0
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self.flush)
        self._wake.connect(self._woke, Qt.ConnectionType.QueuedConnection)
        feed.subscribe(self.offer)

    def offer(self, snap: FloorSnapshot) -> None:
        """The feed thread's subscriber: merge, and wake the GUI thread if it is not
        already coming (or if this one must be shown at once)."""
        with self._lock:
            prompt = is_prompt(snap, self._shown)
            self._pending = snap if self._pending is None \
                else merge_snapshots(self._pending, snap)
            if self._woken and not prompt:
                return
            self._woken = True
            self._prompt = self._prompt or prompt
        self._wake.emit()

    def _woke(self) -> None:
        with self._lock:
            prompt, self._prompt = self._prompt, False
        wait = self._last + self.min_interval_s - self._clock()
        if prompt or wait <= 0:
            self._timer.stop()
            self.flush()
        elif not self._timer.isActive():
            self._timer.start(max(1, int(wait * 1000 + 0.5)))

    def flush(self) -> None:
        """Hand on what is pending, now (GUI thread)."""
        with self._lock:
            snap, self._pending = self._pending, None
            self._woken = False
            if snap is not None:
                self._shown = snap.status
        if snap is None:
            return
        self._last = self._clock()
        self.delivered += 1
        self.snapshot.emit(snap)


def to_view(s: FloorSnapshot) -> Snapshot:
    return Snapshot(state=s.state, stale=s.status.stale, stale_since=s.status.stale_since,
                    reason=s.status.reason, events=s.events, changed_agents=s.changed_agents,
                    read_at=s.status.last_read)


class ConsoleBackend(Backend):
    """What the window may ask of the outside world; every request is asynchronous
    (:class:`~console.ops.Request`).

    It holds the operator signed in at this console; their roles decide what the
    window offers, and the floor host checks them again when it executes a
    control (R-CTRL-1), so a window is never the only gate. A shift change rebinds
    it (:meth:`sign_in_as`).
    """

    def __init__(self, ctx: BackendContext, operator: Operator,
                 session: str | None = None) -> None:
        super().__init__(ctx)
        #: the sign-in session's token: every control carries it, and the host runs a
        #: control only under a live session of its operator (issue #13 item 6)
        self.session = session
        self.operator = operator

    def sign_in_as(self, ctx: BackendContext, operator: Operator,
                   session: str | None) -> None:
        self.rebind(ctx)
        self.operator = operator
        self.session = session

    @property
    def operator_name(self) -> str:
        return self.operator.name

    @property
    def operator_roles(self) -> frozenset[Role]:
        return self.operator.roles

    def submit(self, owner: QObject, cmd: SupervisorCommand,
               supersedes: tuple[str, ...] = ()) -> Request:
        """Write the control to the outbox. When that write fails (the database gone
        at that moment) the request is refused with one translated line, so the
        window shows the control as not sent instead of pending forever (issue #15).
        ``supersedes``: the ids of earlier, failed writes of the same control — if
        one of those writes did commit after all (its acknowledgement was lost),
        nothing new is written, so a retry never executes twice."""
        token, now = self.session, self.now()
        return self.request(owner, lambda: submit_command(self.engine, cmd, now, session=token,
                                                          supersedes=supersedes))

    def load_agent_day(self, owner: QObject, agent: str) -> Request:
        """Answers the agent's :class:`AgentDay` so far."""
        now = self.now()
        return self.request(owner, lambda: console_db.agent_day(self.engine, agent, now))


class SignInService:
    """Sign-in and the first administrator, as background ops (scrypt is slow on
    purpose, and the database may be far away): the dialogs wait, the GUI does not."""

    def __init__(self, engine: Engine, ops: Ops) -> None:
        self.engine = engine
        self.ops = ops
        self.signed_in: Operator | None = None
        #: the token of the session the last sign-in opened
        self.session: str | None = None

    def attempt(self, operator_id: str, password: str,
                answer: Callable[[str | None], None]) -> None:
        def work() -> tuple[Operator, str]:
            now = console_db.database_now(self.engine)  # one clock for the lockout
            return operators.sign_in(self.engine, operator_id, password, now,
                                     workstation=workstation())

        def done(signed: tuple[Operator, str]) -> None:
            self.signed_in, self.session = signed
            answer(None)

        self.ops.run(work, done, lambda e: answer(_refusal_text(e)))

    def needs_first_admin(self) -> bool:
        """Asked once at start-up, before any window exists."""
        return console_db.needs_first_admin(self.engine)

    def create_first_admin(self, operator_id: str, name: str, password: str,
                           answer: Callable[[str | None], None]) -> None:
        def work() -> None:
            console_db.create_first_admin(self.engine, operator_id, name, password,
                                          workstation=workstation())

        self.ops.run(work, lambda _r: answer(None), lambda e: answer(_refusal_text(e)))


def _refusal_text(e: Exception) -> str:
    if isinstance(e, operators.SignInRefused):
        return tr_msg(e.reason)
    if isinstance(e, operators.OperatorError):
        return tr_msg(e)
    if isinstance(e, OperationalError | DBAPIError):
        return QCoreApplication.translate("SignIn", "The floor database cannot be reached: "
                                                    "{error}").format(error=first_line(e))
    return tr_msg(e)


def sign_in(app: QApplication, engine: Engine, settings: QSettings, ops: Ops, *,
            operator_id: str | None = None, parent: Any = None,
            on_session: Callable[[str], None] | None = None) -> Operator | None:
    """The sign-in dialog (and, on a floor with no administrator yet, the first-run
    dialog before it). None when the person cancels; ``on_session`` gets the token of
    the session the sign-in opened."""
    svc = SignInService(engine, ops)
    target = dbengine.safe(engine.url)
    if parent is None and svc.needs_first_admin():
        first = FirstAdminDialog(svc.create_first_admin, SIGN_IN.min_password_length,
                                 target)
        if first.exec() != QDialog.DialogCode.Accepted:
            return None
        operator_id = first.operator_id
    dlg = SignInDialog(svc.attempt, settings, parent, target=target, operator_id=operator_id)
    if dlg.exec() != QDialog.DialogCode.Accepted:
        return None
    if on_session is not None and svc.session is not None:
        on_session(svc.session)
    return svc.signed_in


class ConsoleApp(QObject):
    """Owns the feed, the ops and the window of one console process."""

    shutting_down = Signal()

    def __init__(self, app: QApplication, engine: Engine, *, operator: Operator,
                 settings: QSettings | None = None,
                 language: str | None = None, theme_name: str | None = None,
                 feed: FloorFeed | None = None, ops: Ops | None = None,
                 i18n: I18n | None = None, session: str | None = None,
                 single: SingleConsole | None = None) -> None:
        super().__init__()
        self.app = app
        self.engine = engine
        self.settings = settings or QSettings()
        self.i18n, self.theme = prepare_ui(app, self.settings, language, theme_name, i18n)
        self.feed = feed or console_feed(engine.url)
        self.ops = ops or Ops(self)
        if ops is not None:
            ops.setParent(self)
        #: the signed-in operator's context for every dialog's backend: one per sign-in
        self.ctx = BackendContext(engine, self.ops, operator.id, self.feed.now, workstation())
        self.backend = ConsoleBackend(self.ctx, operator, session)
        # acts as whoever is signed in now: a shift change rebinds it (switch_operator)
        self.alerts = AlertsBackend(self.ctx)
        self.window = MainWindow(self.backend, self.theme, self.feed.now, self.settings,
                                 alerts=self.alerts)
        self.window.lang_actions[self.i18n.language].setChecked(True)
        self.window.theme_actions[self.theme.name].setChecked(True)
        self.window.language_requested.connect(self.set_language)
        self.window.theme_requested.connect(self.set_theme)
        self.window.switch_operator_requested.connect(self.switch_operator)
        self.window.admin_requested.connect(self.open_admin)
        #: what sign_in() shows when the operator switches; tests replace it
        self.ask_sign_in: Callable[[], Operator | None] = lambda: sign_in(
            self.app, self.engine, self.settings, self.ops, parent=self.window,
            on_session=self._new_session)
        self.dialogs: dict[str, QDialog] = {}
        self.director_window: QMainWindow | None = None
        self._session: str | None = None  # of the last sign-in at this console
        self.bridge = FeedBridge(self.feed, self)
        self.bridge.snapshot.connect(lambda s: self.window.apply_snapshot(to_view(s)))
        self.shutting_down.connect(self._stop)
        app.aboutToQuit.connect(self.shutting_down.emit)
        #: one console per operator per PC (issue #19): listening at the operator's name
        self.single = single
        if single is not None:
            single.setParent(self)
            single.raise_requested.connect(self.bring_forward)

    def start(self) -> None:
        self.feed.start()
        if self.window.first_start:
            # the screen's size first: maximizing is the window manager's to do, and a
            # screen without one (a kiosk X session) would keep the minimum size
            screen = self.window.screen() or QGuiApplication.primaryScreen()
            self.window.setGeometry(screen.availableGeometry())
            self.window.showMaximized()
        else:
            self.window.show()
        self.offer_handover()  # a leader signing in at a shift change takes it over

    def bring_forward(self) -> None:
        """A second console of this operator started on this PC: this window comes
        forward instead (issue #19)."""
        w = self.window
        if w.isMinimized():
            w.showNormal()
        w.show()
        w.raise_()
        w.activateWindow()

    def _new_session(self, token: str | None) -> None:
        self._session = token

    def switch_operator(self) -> None:
        """Hand the console to another operator (shift change): the window keeps
        running, so the floor stays in view while the next leader signs in."""
        self._new_session(None)
        op = self.ask_sign_in()
        if op is None:
            return
        for d in list(self.dialogs.values()):  # an admin's open dialogs leave with the admin
            d.close()
        self.dialogs.clear()
        if self.director_window is not None and shiboken6.isValid(self.director_window):
            self.director_window.close()  # the trends leave with the director (issue #17)
        self.director_window = None
        self.ctx = BackendContext(self.engine, self.ops, op.id, self.feed.now, workstation())
        self.backend.sign_in_as(self.ctx, op, self._session)
        self.alerts.rebind(self.ctx)
        if self.single is not None and self.single.name is not None:
            self.single.listen(instance_name(op.id))  # now this operator's console
        self.window.operator_changed()
        self.offer_handover()

    def offer_handover(self) -> None:
        """The incoming leader has signed in (at start or by switching operator): a
        handover someone else wrote and nobody has acknowledged opens at its 接班 part
        (交接班, issue #6)."""
        op = self.backend.operator
        if not op.may(Right.KEEP_SHIFT_RECORDS):
            return

        def got(h: Any) -> None:
            if h is None or h.by == self.backend.operator_id:
                return
            self.open_admin("handover")
            d = self.dialogs.get("handover")
            if d is not None and hasattr(d, "focus_acknowledge"):
                d.focus_acknowledge()

        self._shiftops_backend().pending_handover(self.window).done(got).refused(
            lambda msg: log.warning("pending handover not read: %s", msg)).run()

    def _shiftops_backend(self) -> Any:
        from console.shiftops_backend import ShiftOpsBackend

        def policy() -> Policy:
            snap = self.window.snapshot
            return snap.state.policy if snap is not None else Policy()

        def state() -> FloorState | None:
            snap = self.window.snapshot
            return snap.state if snap is not None else None

        return ShiftOpsBackend(self.ctx, policy, state)

    def open_admin(self, which: str) -> None:
        """Operators, floor setup, audit log, contacts, announcements: one non-modal
        dialog each."""
        if which == "trends":
            self.open_trends()
            return
        d = self.dialogs.get(which)
        if d is None:
            d = self._make_dialog(which)
            if d is None:
                return
            # deleted by Qt on the GUI thread when closed: never by Python's garbage
            # collector, which may run on a worker thread
            d.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
            self.dialogs[which] = d
            d.finished.connect(lambda _r, w=which: self.dialogs.pop(w, None))
        d.show()
        d.raise_()
        d.activateWindow()

    def open_trends(self) -> None:
        """The director's window (issue #17), one per console, acting as the operator
        signed in when it opened (each read checks that operator's right again)."""
        from console.director_app import open_director

        win = self.director_window
        if win is None or not shiboken6.isValid(win):
            win = open_director(self.ctx, self.theme)
            win.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
            self.director_window = win
        win.show()
        win.raise_()
        win.activateWindow()

    def _make_dialog(self, which: str) -> QDialog | None:
        """Each dialog acts in the name of the operator signed in now; its backend
        checks that operator's right in the database on every request."""
        ctx = self.ctx
        tz = self.window.snapshot.state.policy.tz if self.window.snapshot else None
        if which == "operators":
            from console.operators_backend import OperatorsBackend
            from views.operators_view import OperatorsDialog

            return OperatorsDialog(OperatorsBackend(ctx), tz=tz, parent=self.window)
        if which == "floor_setup":
            from console.floor_admin_backend import FloorAdminBackend
            from views.floor_setup_view import FloorSetupDialog

            return FloorSetupDialog(FloorAdminBackend(ctx), parent=self.window)
        if which == "audit":
            from console.audit_backend import AuditBackend
            from views.audit_view import AuditDialog

            zone = tz or ZoneInfo("Asia/Shanghai")
            return AuditDialog(AuditBackend(ctx, tz=zone),
                               tz=zone, theme=self.theme, now=self.feed.now,
                               parent=self.window)
        if which == "announcements":
            from console.announcements_backend import AnnouncementsBackend
            from views.announcements_view import AnnouncementsDialog

            dlg = AnnouncementsDialog(AnnouncementsBackend(ctx), self.feed.now,
                                      parent=self.window)
            snap = self.window.snapshot
            if snap is not None:
                dlg.set_state(snap.state, snap.stale)
            # the live list follows the floor snapshots the window receives; the
            # connection goes with the dialog when Qt deletes it
            self.window.snapshot_applied.connect(dlg.set_state)
            return dlg
        if which == "reports":
            from console.reports_backend import ReportsBackend
            from views.reports_view import ReportsDialog

            return ReportsDialog(ReportsBackend(ctx), tz=tz, parent=self.window)
        if which in ("meeting", "attendance", "roster", "handover", "training"):
            return self._shift_dialog(which, self._shiftops_backend())
        if which == "qa":  # 质量监控 (issue #18)
            from console.qa_backend import QaBackend
            from views.qa.panel import QaDialog

            return QaDialog(QaBackend(ctx), parent=self.window, theme=self.theme)
        if which == "assessment":  # 月度考核 (issue #18)
            from console.assess_backend import AssessBackend
            from views.assessment.dialog import AssessmentDialog

            return AssessmentDialog(AssessBackend(ctx), parent=self.window)
        if which == "guide":  # Help › 使用说明, F1 (issue #19)
            return GuideWindow(parent=self.window)
        if which == "about":  # Help › About (issue #19)
            return self._about_dialog()
        if which == "my_extension":
            from console.endpoints_backend import EndpointsBackend
            from views.endpoint_dialog import EndpointDialog

            return EndpointDialog(EndpointsBackend(ctx), tz=tz, parent=self.window)
        if which == "contacts":
            from views.alerts.contacts import ContactsDialog

            return ContactsDialog(AlertsBackend(ctx), parent=self.window)
        log.error("no dialog named %r", which)
        return None

    def _about_dialog(self) -> QDialog:
        """The version, the database (no password), the operator; the floor host's
        lease is read off the GUI thread and filled in when it arrives."""
        b = self.backend
        return about_dialog(self.ctx, f"{b.operator_name} ({b.operator_id})", self.window)

    def _shift_dialog(self, which: str, backend: Any) -> QDialog:
        if which == "meeting":
            from views.meeting_view import MeetingDialog
            return MeetingDialog(backend, parent=self.window)
        if which == "attendance":
            from views.attendance.dialog import AttendanceDialog
            return AttendanceDialog(backend, parent=self.window)
        if which == "roster":
            from views.roster_view import RosterDialog
            return RosterDialog(backend, parent=self.window)
        if which == "training":  # 培训计划 (issue #18, R-REPORT-1)
            from views.training_view import TrainingPlanDialog
            return TrainingPlanDialog(backend, parent=self.window)
        from views.handover_view import HandoverDialog
        return HandoverDialog(backend, parent=self.window)

    def set_language(self, lang: str) -> None:
        self.i18n.install(lang)
        self.settings.setValue("ui/language", lang)

    def set_theme(self, name: str) -> None:
        self.settings.setValue("ui/theme", name)
        self.theme = themes.THEMES[name]
        themes.apply(self.app, self.theme)
        self.window.set_theme(self.theme)  # every part of the window (issue #12, item 9)

    def _stop(self) -> None:
        for d in list(self.dialogs.values()):
            d.close()
        if self.director_window is not None and shiboken6.isValid(self.director_window):
            self.director_window.close()
        self.feed.stop()
        self.ops.shutdown()



# ---- start-up: opening the floor database (issue #12) ------------------------------------


@dataclass(frozen=True, slots=True)
class StartupFailure:
    """Why the console could not open its floor: which database (never a password),
    the reason in one line, the details for IT."""

    target: str
    reason: str
    details: str


class BadUrl(ValueError):
    """``--db`` looks like a URL but is not one SQLAlchemy can read."""


def open_floor(db: str | None, create: bool = False) -> Engine:
    """Resolve ``--db``, connect and pass the schema gate. A SQLite file that does not
    exist is refused (:class:`models.db.engine.DbMissing`) unless ``create``: a
    mistyped path never becomes a new, empty floor."""
    try:
        url = dbengine.resolve(db)
    except (ArgumentError, ValueError) as e:  # e.g. a port that is not a number
        raise BadUrl(str(e)) from None
    if not create:
        dbengine.require_file(url)
    eng = dbengine.make_engine(url, create=create)
    try:
        dbengine.ensure_schema(eng)
    except BaseException:
        eng.dispose()
        raise
    log.info("console using database %s%s", dbengine.safe(url), " (created)" if create else "")
    return eng


_PASSWORD_IN_URL = re.compile(r"(://[^:/@]*:)[^@]*@")


def describe_target(db: str | None) -> str:
    """``--db`` as the window names it: a profile's name, or the URL without its
    password."""
    if not db:
        try:
            name = dbengine.default_profile()
        except dbengine.DbError:
            name = None  # the start-up window says why the file cannot be read
        return name or dbengine.safe(dbengine.default_url())
    if "://" not in db:
        return db
    try:
        return dbengine.safe(db)
    except (ArgumentError, ValueError):
        return _PASSWORD_IN_URL.sub(r"\1***@", db)


def _driver_reason(text: str) -> str:
    kind = dbengine.driver_kind(text)
    if kind == "refused":
        return QCoreApplication.translate("Startup", "The database server refuses connections (it is not running, "
                             "or the host or port is wrong)")
    if kind == "timeout":
        return QCoreApplication.translate("Startup", "The database server does not answer (network, firewall or "
                             "a wrong host)")
    if kind == "password":
        return QCoreApplication.translate("Startup", "The database refused the user name or password")
    if kind == "no_database":
        return QCoreApplication.translate("Startup", "The database does not exist on that server")
    if kind == "unknown_host":
        return QCoreApplication.translate("Startup", "The server name is unknown")
    if kind == "unreadable_file":
        return QCoreApplication.translate("Startup", "The file cannot be opened (permissions, or it is a folder)")
    if kind == "not_a_database":
        return QCoreApplication.translate("Startup", "The file is not a floor database")
    return QCoreApplication.translate("Startup", "The database cannot be reached: {error}").format(
        error=(text.strip().splitlines() or [""])[0][:200])


def describe_failure(db: str | None, e: BaseException) -> StartupFailure:
    """One translated line for the person at the PC; the details for IT. Anything not
    foreseen is a bug: said so, with its traceback in the details (and the log)."""
    target = describe_target(db)
    if isinstance(e, dbengine.DbMissing):
        return StartupFailure(target, QCoreApplication.translate("Startup", "The file does not exist: {path}").format(
            path=e.path), tr_msg(e))
    if isinstance(e, dbengine.UnknownProfile):
        known = "、".join(e.known) or QCoreApplication.translate("Startup", "none saved")
        return StartupFailure(target, QCoreApplication.translate(
            "Startup", "Neither a database URL nor a saved connection (saved: {known})"
        ).format(known=known), tr_msg(e))
    if isinstance(e, dbengine.SchemaMismatch):
        if e.found is None:
            reason = QCoreApplication.translate("Startup", "The database holds no Seatwatch floor (a new PostgreSQL "
                                   "floor is set up with seatwatch db upgrade)")
        else:
            reason = QCoreApplication.translate("Startup", "The database is at schema version {found}; this program "
                                   "needs {needed}").format(found=e.found, needed=e.needed)
        return StartupFailure(target, reason, str(e))
    if isinstance(e, dbengine.DbError):  # its message made in models/: in this language
        return StartupFailure(target, (tr_msg(e).splitlines() or [""])[0], str(e))
    if isinstance(e, BadUrl | ArgumentError):
        return StartupFailure(target, QCoreApplication.translate("Startup", "Not a database URL"), str(e))
    if isinstance(e, DBAPIError):
        text = str(e.orig) if e.orig is not None else str(e)
        return StartupFailure(target, _driver_reason(text), text.strip())
    details = "".join(traceback.format_exception(e))
    return StartupFailure(target, QCoreApplication.translate("Startup", "Unexpected error: {error}").format(
        error=(f"{type(e).__name__}: {e}".splitlines() or [""])[0][:200]), details)


def _profiles() -> tuple[list[str], str]:
    """The saved connections' names, and why they cannot be read ("" if they can): a
    corrupt profiles.toml is said in the start-up window, naming its file and line,
    not an empty menu (issue #15)."""
    try:
        return sorted(dbengine.load_profiles()), ""
    except dbengine.DbError as e:
        log.warning("saved connections not readable: %s", e)
        return [], (tr_msg(e).splitlines() or [""])[0]


class FloorConnector(QObject):
    """Opens the console's floor database at start-up, off the GUI thread. Until it
    connects, a failure shows :class:`StartupErrorDialog`; its 重试 / 选择其他数据库…
    try again here, 退出 gives up. ``finished`` carries the engine, or None."""

    finished = Signal(object)

    def __init__(self, ops: Ops, db: str | None, *, create: bool = False,
                 open_fn: Callable[[str | None, bool], Engine] = open_floor,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.ops = ops
        self.db = db
        self.create = create
        self.open_fn = open_fn
        self.dialog: StartupErrorDialog | None = None
        self.failure: StartupFailure | None = None
        self.engine: Engine | None = None
        self.done = False

    def start(self) -> None:
        self._attempt(self.db, self.create)

    def _attempt(self, db: str | None, create: bool) -> None:
        self.db, self.create = db, create
        if self.dialog is not None:
            self.dialog.show_connecting(describe_target(db))
        self.ops.run(lambda: self.open_fn(db, create), self._connected,
                     lambda e: self._failed(db, e))

    def _connected(self, eng: Engine) -> None:
        if self.done:  # the person quit while this attempt was on its way
            eng.dispose()
            return
        self.engine, self.done = eng, True
        if self.dialog is not None:
            self.dialog.accept()
        self.finished.emit(eng)

    def _failed(self, db: str | None, e: Exception) -> None:
        if self.done:
            return
        self.failure = describe_failure(db, e)
        log.error("console start-up: %s: %s", self.failure.target, self.failure.reason)
        if self.dialog is None:
            names, problem = _profiles()
            self.dialog = StartupErrorDialog(names, profiles_problem=problem)
            self.dialog.retry_requested.connect(lambda: self._attempt(self.db, self.create))
            self.dialog.other_requested.connect(self._attempt)
            self.dialog.rejected.connect(self._gave_up)
        self.dialog.show_failure(self.failure.target, self.failure.reason,
                                 self.failure.details)
        self.dialog.show()
        self.dialog.raise_()
        self.dialog.activateWindow()

    def _gave_up(self) -> None:
        if not self.done:
            self.done = True
            self.finished.emit(None)


def connect_floor(ops: Ops, db: str | None, *, create: bool = False) -> Engine | None:
    """:class:`FloorConnector`, waited for: the engine, or None if the person quit.

    Started without ``--db`` on a PC never set up (no default connection, no saved
    profile, no SQLite floor file: :func:`models.db.engine.needs_first_run`), the
    first-run wizard asks which floor this PC uses instead (issue #19)."""
    if db is None and not create and dbengine.needs_first_run():
        from console.first_run import run_first_run

        return run_first_run(ops, open_floor, describe_failure)
    connector = FloorConnector(ops, db, create=create)
    loop = QEventLoop()
    connector.finished.connect(lambda _e: loop.quit())
    connector.start()
    if not connector.done:
        loop.exec()
    if connector.dialog is not None:
        connector.dialog.deleteLater()
    return connector.engine


def show_startup_bug(e: BaseException, target: str) -> None:
    """An unexpected error after the database opened: one window, the traceback in its
    details and in the log — never a traceback on a console nobody reads."""
    log.error("the console could not start", exc_info=e)
    f = describe_failure(None, e)
    dlg = StartupErrorDialog(fatal=True)
    dlg.show_failure(target, f.reason, f.details)
    dlg.exec()


def run_console(db: str | None, *, create: bool = False, operator_id: str | None = None,
                language: str | None = None, theme_name: str | None = None) -> int:
    """``seatwatch console``: open the floor (the start-up error window until it opens
    or the person quits), sign in, run the window. 1 when it never got going."""
    app = qt_app()
    settings = QSettings()
    i18n, _theme = prepare_ui(app, settings, language, theme_name)
    ops = Ops()
    eng: Engine | None = None
    console: ConsoleApp | None = None
    try:
        eng = connect_floor(ops, db, create=create)
        if eng is None:
            return 1
        tokens: list[str] = []
        op = sign_in(app, eng, settings, ops, operator_id=operator_id,
                     on_session=tokens.append)
        if op is None:  # cancelled at the sign-in: nothing to do
            return 0
        # one console per operator per PC (issue #19): checked once the operator is
        # known, before the window is built; a second one brings the first forward
        single = SingleConsole()
        if not claim(instance_name(op.id), single):
            print("seatwatch: " + QCoreApplication.translate(
                "Console", "the console of operator {id} is already open on this PC: "
                           "brought it to the front").format(id=op.id), file=sys.stderr)
            return 0
        console = ConsoleApp(app, eng, operator=op, settings=settings, language=language,
                             theme_name=theme_name, ops=ops, i18n=i18n,
                             session=tokens[-1] if tokens else None, single=single)
        console.start()
        signal.signal(signal.SIGINT, lambda *_: app.quit())
        return int(app.exec())
    except Exception as e:  # noqa: BLE001 - a start-up bug reaches a window, not a terminal
        show_startup_bug(e, describe_target(db))
        return 1
    finally:
        if console is None:  # the console owns the ops once it exists (its shutting_down)
            ops.shutdown()
        if eng is not None:
            eng.dispose()
