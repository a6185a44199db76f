"""``seatwatch screenshot VIEW``: render a view from the database as it is.

For documentation and for checking a floor PC remotely. Works offscreen
(``QT_QPA_PLATFORM=offscreen``) and in a real window (under Xvfb on a server).
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QApplication, QWidget
from sqlalchemy import Engine

from console import feed
from console.alerts_backend import AlertsBackend
from console.app import ConsoleBackend
from console.ops import BackendContext, Ops
from console.ui import I18n
from models.db import store
from models.domain import commands
from models.domain.commands import Action
from models.domain.floor import FloorState
from models.domain.roles import Operator, Right, Role
from models.domain.texts import QT_TRANSLATE_NOOP
from models.domain.wallboard_layout import Layout
from views import theme as themes
from views.main_window import MainWindow, Snapshot

#: console: the floor; alerts: the same window with the alerts panel raised and its
#: most urgent alert selected (issue #4)
#: the shift dialogs (issue #6): the morning meeting, the attendance register, the
#: monthly summary, leave requests, the roster, the handover; and 月度考核 and 培训计划
#: (issue #18; ``--day``: a day of the week to show, next week's by default)
SHIFT_VIEWS = ("meeting", "register", "summary", "leave", "roster", "handover", "assessment",
               "training")
#: every other dialog of the console (issue #15: each one looked at in light and dark,
#: Chinese and English): 公告, 账号管理, 坐席/队列设置, 审计日志, 我的分机…, the
#: escalation contacts, a force action's dialog (强拆…), the sign-in and first-run
#: dialogs and the start-up error window; first_run: the first-run wizard (issue #19),
#: ``--page`` choice (default), local or shared
DIALOG_VIEWS = ("announcements", "operators", "floor_setup", "audit", "my_extension",
                "contacts", "force", "signin", "first_admin", "startup_error", "first_run")
#: the director's window (issue #17), seen by an operator with VIEW_TRENDS
VIEWS = ("console", "alerts", "wallboard", *SHIFT_VIEWS, *DIALOG_VIEWS, "director")


def render(view: str, engine: Engine, out: Path, *, size: tuple[int, int], lang: str,
           theme: str | None, select: str | None = None, settings_path: Path | None = None,
           page: str = "overview", part: int = 0, layout: Layout | None = None,
           day: date | None = None, shift: str | None = None, month: str | None = None,
           operator: str | None = None, by: str | None = None,
           date_from: date | None = None, date_to: date | None = None) -> Path:
    if view not in VIEWS:
        raise ValueError(f"unknown view {view!r} (available: {', '.join(VIEWS)})")
    app = QApplication.instance() or QApplication(["seatwatch-screenshot"])
    assert isinstance(app, QApplication)
    i18n = I18n(app)
    i18n.install(lang)
    try:
        if view == "director":
            return _render_director(app, engine, out, size=size, theme=theme, by=by,
                                    first=date_from, last=date_to, operator=operator)
        if view in DIALOG_VIEWS:
            return _render_dialog(view, app, engine, out, size=size, theme=theme,
                                  select=select, operator=operator, page=page)
        if view in SHIFT_VIEWS:
            return _render_shift(view, app, engine, out, size=size, theme=theme, day=day,
                                 shift=shift, month=month, operator=operator)
        return _render(view, app, engine, out, size=size, theme=theme, select=select,
                       settings_path=settings_path, page=page, part=part, layout=layout)
    finally:
        i18n.install("en")  # the translator goes with the screenshot (tests share the app)


def _render(view: str, app: QApplication, engine: Engine, out: Path, *,
            size: tuple[int, int], theme: str | None, select: str | None,
            settings_path: Path | None, page: str, part: int, layout: Layout | None) -> Path:
    with engine.connect() as conn:
        virtual = store.get_meta(conn, "virtual_now")
        state = store.current_state(conn)
        age, server_now = store.heartbeat_age(conn)
    now = datetime.fromisoformat(virtual) if virtual else server_now
    if view == "wallboard":
        beat = None if age is None else server_now - timedelta(seconds=age)
        return _render_wallboard(app, state, now, virtual is not None or beat, out, size=size,
                                 theme=theme, page=page, part=part, layout=layout)
    th = themes.THEMES[theme or "light"]
    themes.apply(app, th)
    stale = virtual is None and (age is None or age > 3.0)
    reason = "" if not stale else (feed.NO_HOST if age is None
                                   else feed.SILENT.format(seconds=round(age)))
    settings = QSettings(str(settings_path or out.with_suffix(".ini")),
                         QSettings.Format.IniFormat)
    ops = Ops()
    # rendered as a shift leader sees it (toolbar and controls); it submits nothing
    viewer = Operator("SCREEN", "截图", frozenset({Role.SHIFT_LEADER}))
    ctx = BackendContext(engine, ops, viewer.id, lambda: now, "screenshot")
    backend = ConsoleBackend(ctx, viewer)
    alerts = AlertsBackend(ctx)
    win = MainWindow(backend, th, lambda: now, settings, alerts=alerts, sounds=False)
    win.tick_timer.stop()
    win.resize(*size)
    if view == "alerts":
        win.alerts_dock.show()
        win.resizeDocks([win.alerts_dock], [max(260, size[1] // 3)], Qt.Orientation.Vertical)
    win.apply_snapshot(Snapshot(state=state, stale=stale,
                                stale_since=now if stale else None, reason=reason,
                                events=(), changed_agents=None, read_at=now))
    win.show()
    if select:
        win.select_agent(select)
    if view == "alerts":
        first = win.alerts_panel.active.alert_at(0)
        if first is not None:
            win.alerts_panel.select_alert(first.id)
    # let the agent's day (a background op) arrive and the layout settle
    deadline = datetime.now(UTC).timestamp() + 5
    while ops.busy() and datetime.now(UTC).timestamp() < deadline:
        app.processEvents()
    for _ in range(5):
        app.processEvents()
    try:
        _save(win, out, size)
    finally:
        win.close()
        ops.shutdown()
        settings_file = Path(settings.fileName())
        if settings_path is None and settings_file.exists():
            settings_file.unlink()
    return out


def _render_wallboard(app: QApplication, state: FloorState, now: datetime,
                      fresh: datetime | bool | None, out: Path, *, size: tuple[int, int],
                      theme: str | None, page: str, part: int, layout: Layout | None) -> Path:
    """One page of the wall screen as the floor is now (a replay's virtual time counts
    as live; otherwise the board is stale when the floor host's heartbeat is old)."""
    from views.wallboard import THEMES, WallboardView

    lay = layout or Layout()
    view = WallboardView(lay.with_pin(page), lambda: now,
                         theme=THEMES[theme or lay.theme], animate=False)
    view.resize(*size)
    view.apply_state(state, now if fresh is True else (fresh or None))
    view.show()
    for _ in range(3):
        app.processEvents()
    view.render_page(page, part)
    try:
        _save(view, out, size)
    finally:
        view.close()
    return out


def _save(widget: QWidget, out: Path, size: tuple[int, int]) -> None:
    """Save the widget's picture, at exactly the size asked (issue #12, item 3): a
    window that cannot shrink that far must not come out silently larger."""
    pix = widget.grab()
    got = (pix.width(), pix.height())
    if got != size:
        need = widget.minimumSizeHint().expandedTo(widget.minimumSize())
        raise ValueError(
            f"--size {size[0]}x{size[1]}: the view cannot be shown that small (it needs "
            f"at least {need.width()}x{need.height()}; rendered {got[0]}x{got[1]})")
    out.parent.mkdir(parents=True, exist_ok=True)
    if not pix.save(str(out)):
        raise OSError(f"cannot write {out}")


def _settle(app: QApplication, ops: Ops, rounds: int = 6) -> None:
    """Let the dialog's background loads (which may start further loads) arrive."""
    for _ in range(rounds):
        deadline = datetime.now(UTC).timestamp() + 5
        while ops.busy() and datetime.now(UTC).timestamp() < deadline:
            app.processEvents()
        for _ in range(5):
            app.processEvents()


def _render_shift(view: str, app: QApplication, engine: Engine, out: Path, *,
                  size: tuple[int, int], theme: str | None, day: date | None,
                  shift: str | None, month: str | None, operator: str | None) -> Path:
    """A shift dialog as the leader ``operator`` (default: the first shift leader on
    record) sees it, at the floor's time (a replay's virtual time counts)."""
    from console.shiftops_backend import ShiftOpsBackend
    from models.db import operators

    with engine.connect() as conn:
        virtual = store.get_meta(conn, "virtual_now")
        state = store.current_state(conn)
        _age, server_now = store.heartbeat_age(conn)
        if operator is None:
            leaders = [o for o in operators.list_operators(conn)
                       if Role.SHIFT_LEADER in o.roles and not o.disabled]
            operator = leaders[0].id if leaders else "SCREEN"
    now = datetime.fromisoformat(virtual) if virtual else server_now
    th = themes.THEMES[theme or "light"]
    themes.apply(app, th)
    ops = Ops()
    who = operator
    backend = ShiftOpsBackend(BackendContext(engine, ops, who, lambda: now, "screenshot"),
                              lambda: state.policy, lambda: state)
    local = now.astimezone(state.policy.tz)
    dlg: Any
    if view == "meeting":
        from views.meeting_view import MeetingDialog
        dlg = MeetingDialog(backend)
    elif view in ("register", "summary", "leave"):
        from views.attendance.dialog import AttendanceDialog
        dlg = AttendanceDialog(backend)
    elif view == "roster":
        from views.roster_view import RosterDialog
        dlg = RosterDialog(backend)
    elif view == "assessment":
        from console.assess_backend import AssessBackend
        from views.assessment.dialog import AssessmentDialog
        dlg = AssessmentDialog(AssessBackend(backend.ctx))
    elif view == "training":
        from views.training_view import TrainingPlanDialog
        dlg = TrainingPlanDialog(backend)
    else:
        from views.handover_view import HandoverDialog
        dlg = HandoverDialog(backend)
    dlg.resize(*size)
    dlg.show()
    _settle(app, ops)
    if view == "meeting" and (day or shift):
        dlg.load(day or local.date(), shift or dlg.shift())
    elif view == "register":
        if day:
            dlg.set_day(day)
    elif view == "summary":
        dlg.tabs.setCurrentIndex(1)
        dlg.set_month(month or local.strftime("%Y-%m"))
    elif view == "leave":
        dlg.tabs.setCurrentIndex(2)
    elif view == "roster" and day:
        dlg.show_week(day)
    elif view == "training" and day:
        from models.domain.training import week_of
        dlg.set_week(week_of(day))
    elif view == "assessment":
        if month:
            dlg.page.set_month(month)
            _settle(app, ops)
        if dlg.page.sheet_model.rowCount():  # the first agent's detail, as on selecting it
            dlg.page.sheet_table.selectRow(0)
    _settle(app, ops)
    try:
        _save(dlg, out, size)
    finally:
        dlg.ask_confirm = lambda *_a: True  # an unsaved form closes without asking
        dlg.close()
        ops.shutdown()
    return out


#: the right each dialog view is seen with: its real backend checks it in the database,
#: so the dialog is rendered as an operator on record who holds it
_NEEDS: dict[str, Right] = {
    "announcements": Right.PUBLISH_ANNOUNCEMENTS,
    "operators": Right.ADMINISTER_OPERATORS,
    "floor_setup": Right.EDIT_FLOOR_SETUP,
    "audit": Right.VIEW_AUDIT,
    "my_extension": Right.SUPERVISOR_CONTROLS,
    "contacts": Right.EDIT_CONTACTS,
    "force": Right.SUPERVISOR_CONTROLS,
}

#: the force actions a force view tries, in this order, on the first agent it applies to
_FORCE_ORDER = (Action.FORCE_RELEASE, Action.FORCE_AWAY, Action.FORCE_READY,
                Action.FORCE_LOGOUT)


def _viewer(known: list[Operator], right: Right | None, operator: str | None) -> Operator:
    """Who the dialog is seen as: ``operator`` when given, else the first shift leader
    on record who holds ``right``, else anyone on record who does (the administrator's
    dialogs), else a stand-in that is on no record (its backend then refuses)."""
    enabled = [o for o in known if not o.disabled]
    if operator is not None:
        for o in known:
            if o.id == operator:
                return o
        return Operator(operator, operator, frozenset({Role.SHIFT_LEADER}))
    fit = [o for o in enabled if right is None or o.may(right)]
    leaders = [o for o in fit if Role.SHIFT_LEADER in o.roles]
    if leaders or fit:
        return (leaders or fit)[0]
    return Operator("SCREEN", "截图", frozenset({Role.SHIFT_LEADER}))


def _render_dialog(view: str, app: QApplication, engine: Engine, out: Path, *,
                   size: tuple[int, int], theme: str | None, select: str | None,
                   operator: str | None, page: str = "choice") -> Path:
    """One of the console's other dialogs, made as :mod:`console.app` makes it, with its
    real backend, as the operator who would open it (see :func:`_viewer`), at the
    floor's time; the picture is taken once its loads have arrived."""
    from models.db import engine as dbengine
    from models.db import operators

    with engine.connect() as conn:
        virtual = store.get_meta(conn, "virtual_now")
        state = store.current_state(conn)
        _age, server_now = store.heartbeat_age(conn)
        known = operators.list_operators(conn)
    now = datetime.fromisoformat(virtual) if virtual else server_now
    th = themes.THEMES[theme or "light"]
    themes.apply(app, th)
    who = _viewer(known, _NEEDS.get(view), operator)
    ops = Ops()
    ctx = BackendContext(engine, ops, who.id, lambda: now, "screenshot")
    if view == "force":
        return _render_force(app, engine, ops, who, state, now, out, size=size, theme=th,
                             select=select)
    tz = state.policy.tz
    target = dbengine.safe(engine.url)
    dlg: Any
    if view == "announcements":
        from console.announcements_backend import AnnouncementsBackend
        from views.announcements_view import AnnouncementsDialog

        dlg = AnnouncementsDialog(AnnouncementsBackend(ctx), lambda: now)
        dlg.set_state(state, False)
    elif view == "operators":
        from console.operators_backend import OperatorsBackend
        from views.operators_view import OperatorsDialog

        dlg = OperatorsDialog(OperatorsBackend(ctx), tz=tz)
    elif view == "floor_setup":
        from console.floor_admin_backend import FloorAdminBackend
        from views.floor_setup_view import FloorSetupDialog

        dlg = FloorSetupDialog(FloorAdminBackend(ctx))
    elif view == "audit":
        from console.audit_backend import AuditBackend
        from views.audit_view import AuditDialog

        dlg = AuditDialog(AuditBackend(ctx, tz=tz), tz=tz, theme=th, now=lambda: now)
    elif view == "my_extension":
        from console.endpoints_backend import EndpointsBackend
        from views.endpoint_dialog import EndpointDialog

        dlg = EndpointDialog(EndpointsBackend(ctx), tz=tz)
    elif view == "contacts":
        # imported here: the contacts dialog may move out of the alerts panel's module
        from views.alerts.contacts import ContactsDialog

        dlg = ContactsDialog(AlertsBackend(ctx))
    elif view == "signin":
        from views.signin import SignInDialog

        settings = QSettings(str(out.with_suffix(".ini")), QSettings.Format.IniFormat)
        # the operator's 工号 as a returning user finds it; nobody signs in
        dlg = SignInDialog(lambda *_a: None, settings, target=target,
                           operator_id=None if who.id == "SCREEN" else who.id)
    elif view == "first_admin":
        from models.domain.signin import SIGN_IN
        from views.signin import FirstAdminDialog

        dlg = FirstAdminDialog(lambda *_a: None, SIGN_IN.min_password_length, target)
    elif view == "first_run":
        dlg = _first_run(ops, page)
    else:
        dlg = _startup_error()
    dlg.resize(*size)
    dlg.show()
    _settle(app, ops)
    try:
        _save(dlg, out, size)
    finally:
        dlg.hide()  # not close(): a dialog that asks before closing asks nobody here
        dlg.deleteLater()
        ops.shutdown()
        app.processEvents()
        ini = out.with_suffix(".ini")
        if view == "signin" and ini.exists():
            ini.unlink()
    return out


def _render_director(app: QApplication, engine: Engine, out: Path, *, size: tuple[int, int],
                     theme: str | None, by: str | None, first: date | None,
                     last: date | None, operator: str | None) -> Path:
    """The director's window (issue #17) as an operator with VIEW_TRENDS sees it."""
    from console.director_app import render_director
    from models.db import operators

    with engine.connect() as conn:
        virtual = store.get_meta(conn, "virtual_now")
        _age, server_now = store.heartbeat_age(conn)
        known = operators.list_operators(conn)
    now = datetime.fromisoformat(virtual) if virtual else server_now
    who = _viewer(known, Right.VIEW_TRENDS, operator)
    return render_director(app, engine, out, size=size, theme=theme, who=who, now=now,
                           by=by, first=first, last=last, save=_save)


def _startup_error() -> QWidget:
    """The start-up window as the console shows it when its floor file is not there
    (the commonest start-up failure: a mistyped or moved ``--db``), details open."""
    import tempfile

    from console.app import describe_failure, open_floor
    from views.startup_error import StartupErrorDialog

    db = "sqlite:///" + (Path(tempfile.gettempdir()) / "seatwatch-no-such-floor.db").as_posix()
    try:
        open_floor(db).dispose()
        raise AssertionError(f"{db} opened")  # pragma: no cover - nobody made that file
    except Exception as e:  # noqa: BLE001 - described as the console describes it
        failure = describe_failure(db, e)
    dlg = StartupErrorDialog()
    dlg.show_failure(failure.target, failure.reason, failure.details)
    dlg.details_button.setChecked(True)
    return dlg


def _first_run(ops: Ops, page: str) -> QWidget:
    """The first-run wizard at one of its pages (choice, local, shared). Its Finish and
    Test connection are not pressed: a screenshot writes nothing."""
    from console.app import describe_failure, open_floor
    from console.first_run import FirstRun, make_wizard
    from views.first_run import PAGE_CHOICE

    wizard = make_wizard(FirstRun(ops, open_floor, describe_failure))
    wizard.show()
    if page in ("local", "shared"):
        (wizard.choice.shared if page == "shared" else wizard.choice.local).setChecked(True)
        wizard.next()
    elif page not in ("choice", "overview"):  # overview: --page's default for the wall
        raise ValueError(QT_TRANSLATE_NOOP(
            "Cli", "first_run: --page is choice, local or shared, not {value}").format(
                value=repr(page)))
    assert page in ("local", "shared") or wizard.currentId() == PAGE_CHOICE
    return wizard


def _render_force(app: QApplication, engine: Engine, ops: Ops, who: Operator,
                  state: FloorState, now: datetime, out: Path, *, size: tuple[int, int],
                  theme: themes.Theme, select: str | None) -> Path:
    """The force dialog as the window opens it (:meth:`MainWindow.trigger`): the first
    of 强拆, 强制离席, 强制就绪, 强制签出 that applies to the agent ``select`` (default:
    the first agent it applies to), with the floor policy's preset reasons. The
    window's answer is a cancel: no command is written."""
    settings = QSettings(str(out.with_suffix(".ini")), QSettings.Format.IniFormat)
    backend = ConsoleBackend(BackendContext(engine, ops, who.id, lambda: now, "screenshot"), who)
    win = MainWindow(backend, theme, lambda: now, settings, sounds=False)
    win.tick_timer.stop()
    win.resize(*size)
    # live, whatever the heartbeat: the dialog is the picture, not the window's banner
    win.apply_snapshot(Snapshot(state=state, stale=False, stale_since=None, reason="",
                                events=(), changed_agents=None, read_at=now))
    agents = [select] if select else sorted(state.status)
    pick = next(((a, act) for act in _FORCE_ORDER for a in agents
                 if commands.applicable(state, a, act, who.id)), None)
    saved: list[Path] = []

    def shoot(dlg: QWidget) -> None:
        dlg.resize(*size)
        dlg.show()
        _settle(app, ops)
        _save(dlg, out, size)
        dlg.hide()
        saved.append(out)

    try:
        if pick is None:
            raise ValueError(QT_TRANSLATE_NOOP(
                "Cli", "force: no force action applies to {agent} now").format(
                    agent=select or QT_TRANSLATE_NOOP("Cli", "any agent")))
        win.show()
        win.select_agent(pick[0])
        _settle(app, ops)
        win.ask_force = shoot
        win.trigger(pick[1])
        if not saved:
            raise ValueError(QT_TRANSLATE_NOOP(
                "Cli", "force: {action} on {agent} opened no dialog").format(
                    action=pick[1].value, agent=pick[0]))
    finally:
        win.close()
        ops.shutdown()
        settings_file = Path(settings.fileName())
        if settings_file.exists():
            settings_file.unlink()
    return out
