"""A request that fails reaches the person who made it (issue #15 steps 1–2).

Each shift dialog is opened on the real backend and the real background ops; the
floor database then goes away (the console is handed a context whose database
cannot be opened, as after a failover to a host that is down) and the leader
saves. The reason is on the dialog's own status line, in the red of the theme in
force — the dark theme's, not the light theme's #c62828 that is a dull smear on
dark grey — and the dialog is not left "saving": the leader can try again.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QApplication, QLabel, QWidget
from pytestqt.qtbot import QtBot

from console.ops import BackendContext, Ops
from models.domain.policy import Policy
from tests.helpers import floor_engine, seed_floor, seed_operators
from views import theme as themes

#: 10:00 in Shanghai on Monday 2026-03-02: the day shift is running
T0 = datetime(2026, 3, 2, 2, 0, tzinfo=UTC)
MON = date(2026, 3, 2)
LIGHT_RED = "#c62828"


@pytest.fixture
def dark(qapp: QApplication) -> Iterator[themes.Theme]:
    """The console in its dark theme for one test."""
    palette, style = QPalette(qapp.palette()), qapp.style().name()
    themes.apply(qapp, themes.DARK)
    try:
        yield themes.DARK
    finally:
        qapp.setPalette(palette)
        qapp.setStyle(style)


@dataclass
class Case:
    """A dialog, how to make it save, where it says why a save failed, and whether it
    is still busy."""

    open: Callable[[BackendContext], QWidget]
    ready: Callable[[Any], bool]
    save: Callable[[Any], bool]
    status: Callable[[Any], QLabel]
    busy: Callable[[Any], bool]
    may_retry: Callable[[Any], bool]


def _meeting(ctx: BackendContext) -> QWidget:
    from console.shiftops_backend import ShiftOpsBackend
    from views.meeting_view import MeetingDialog
    return MeetingDialog(ShiftOpsBackend(ctx, Policy, lambda: None))


def _meeting_save(d: Any) -> bool:
    d.section_edits["tasks"].setPlainText("今日任务：接通率95%")
    return bool(d.save())


def _roster(ctx: BackendContext) -> QWidget:
    from console.shiftops_backend import ShiftOpsBackend
    from views.roster_view import RosterDialog
    d = RosterDialog(ShiftOpsBackend(ctx, Policy, lambda: None))
    d.ask_confirm = lambda _text: True
    return d


def _roster_save(d: Any) -> bool:
    return bool(d.set_cell("agent", "1001", MON, "白班") and d.save_changes())


def _handover(ctx: BackendContext) -> QWidget:
    from console.shiftops_backend import ShiftOpsBackend
    from views.handover_view import HandoverDialog
    return HandoverDialog(ShiftOpsBackend(ctx, Policy, lambda: None))


def _handover_save(d: Any) -> bool:
    d.text_edit.setPlainText("12345 队列 19 点后排队较多")
    return bool(d.submit())


def _announcements(ctx: BackendContext) -> QWidget:
    from console.announcements_backend import AnnouncementsBackend
    from views.announcements_view import AnnouncementsDialog
    return AnnouncementsDialog(AnnouncementsBackend(ctx), ctx.clock)


def _announce(d: Any) -> bool:
    d.text_edit.setPlainText("下午三点系统升级")
    return bool(d.publish())


CASES = {
    "meeting": Case(_meeting, lambda d: d.loaded is not None and not d.loading,
                    _meeting_save, lambda d: d.status, lambda d: d.saving,
                    lambda d: d.save_button.isEnabled()),
    "roster": Case(_roster, lambda d: d.model.loaded and not d.loading, _roster_save,
                   lambda d: d.status,
                   lambda d: d.model.pending("agent", "1001", MON),
                   # nothing was saved; the leader can make the change again and save
                   lambda d: d.cell_text("agent", "1001", MON) == "Off"
                   and d.set_cell("agent", "1001", MON, "白班") and d.save_button.isEnabled()),
    "handover": Case(_handover, lambda d: d.handovers is not None, _handover_save,
                     lambda d: d.write_status, lambda d: d.writing,
                     lambda d: d.submit_button.isEnabled()),
    "announcements": Case(_announcements, lambda d: True, _announce, lambda d: d.status,
                          lambda d: d.publishing, lambda d: d.publish_button.isEnabled()),
}


@pytest.mark.parametrize("which", list(CASES))
def test_a_save_the_database_fails_says_why_in_the_dark_themes_red(
        which: str, qtbot: QtBot, sqlite_url: str, tmp_path: Path,
        dark: themes.Theme) -> None:
    case = CASES[which]
    ops = Ops()
    try:
        with floor_engine(sqlite_url) as eng:
            seed_operators(eng, [("A1", "管理员", ["admin"]),
                                 ("L1", "张班长", ["shift_leader"])], now=T0)
            seed_floor(eng, T0, groups=[{"id": "G1", "name": "一班"}],
                       queues=[{"id": "Q1", "name": "12345"}],
                       agents=[{"id": "1001", "name": "张三", "group": "G1"}])
            ctx = BackendContext(eng, ops, "L1", lambda: T0, "PC-07")
            d: Any = case.open(ctx)
            qtbot.addWidget(d)
            d.show()
            qtbot.waitUntil(lambda: case.ready(d), timeout=10000)
            # the floor database goes away: the file cannot be opened any more
            gone = sa.create_engine(f"sqlite:///{tmp_path / 'no-such-dir' / 'floor.db'}")
            d.backend.rebind(BackendContext(gone, ops, "L1", lambda: T0, "PC-07"))
            assert case.save(d), which
            qtbot.waitUntil(lambda: not case.busy(d), timeout=10000)
            status = case.status(d)
            assert "The floor database cannot be reached" in status.text(), status.text()
            # the dark theme's red, not the light theme's
            assert dark.red.name() in status.styleSheet()
            assert LIGHT_RED not in status.styleSheet()
            assert case.may_retry(d), "the dialog is left busy"
            gone.dispose()
    finally:
        ops.shutdown()
