"""``seatwatch screenshot`` renders every dialog of the console (issue #15, "Done when":
screenshots of every dialog looked at in light and dark, Chinese and English): 公告,
账号管理, 坐席/队列设置, 审计日志, 我的分机…, the escalation contacts, a force
action's dialog, the sign-in and first-run dialogs and the start-up error window —
each from the floor database, through its real backend, as the operator who opens it."""

from __future__ import annotations

import statistics
from collections.abc import Iterator
from datetime import datetime, timedelta
from pathlib import Path

import pytest
import sqlalchemy as sa
from PySide6.QtGui import QImage

from console.screenshot import DIALOG_VIEWS, VIEWS, render
from console.simulate import run_simulation
from models.db import alerts_db, announcements_db, store
from models.db import engine as dbengine
from models.db.schema import SupervisorCommandRow
from models.domain.roles import Role
from tests.helpers import seed_operators

SIZE = (1366, 768)


@pytest.fixture(scope="module")
def floor(tmp_path_factory: pytest.TempPathFactory) -> Iterator[sa.Engine]:
    """A simulated hour of a small floor (agents on calls, virtual time), its operators
    (an administrator, a leader, a director), contacts and an announcement."""
    path = tmp_path_factory.mktemp("floor") / "floor.db"
    eng = dbengine.make_engine(f"sqlite:///{path}", create=True)
    dbengine.ensure_schema(eng)
    run_simulation(eng, agents=12, hours=1, seed=2)
    with eng.connect() as c:
        now = datetime.fromisoformat(str(store.get_meta(c, "virtual_now")))
    seed_operators(eng, [("A001", "系统管理员", {Role.ADMIN}),
                         ("L001", "张班长", {Role.SHIFT_LEADER}),
                         ("D001", "李主任", {Role.DIRECTOR})], now=now - timedelta(days=1))
    with store.writing(eng).begin() as c:
        alerts_db.replace_contacts(c, [{"unit": "热线办", "head": "陈主任",
                                        "phone": "13800138000"}], by="L001", now=now)
    announcements_db.publish(eng, "今日下午两点系统升级", now + timedelta(hours=2), "L001",
                             now - timedelta(minutes=5))
    try:
        yield eng
    finally:
        eng.dispose()


def _variance(img: QImage) -> float:
    """How much the picture's grey levels vary (0 for a single colour)."""
    grey = [img.pixelColor(x, y).lightness() for y in range(0, img.height(), 6)
            for x in range(0, img.width(), 6)]
    return statistics.pvariance(grey)


def test_every_dialog_is_a_view_of_the_cli() -> None:
    """Each view, the dialogs among them, can be asked for by name on the command line."""
    from console.cli import build_parser

    assert set(DIALOG_VIEWS) >= {"announcements", "operators", "floor_setup", "audit",
                                 "my_extension", "contacts", "force", "signin",
                                 "first_admin", "startup_error", "first_run"}
    parser = build_parser()
    for view in VIEWS:
        a = parser.parse_args(["screenshot", view, "--db", "sqlite://", "--out", "x.png"])
        assert a.view == view
    with pytest.raises(SystemExit):
        parser.parse_args(["screenshot", "no_such_dialog", "--db", "sqlite://", "--out", "x"])


@pytest.mark.parametrize("view", DIALOG_VIEWS)
def test_each_dialog_renders_in_chinese_dark(floor: sa.Engine, tmp_path: Path,
                                             view: str) -> None:
    out = render(view, floor, tmp_path / f"{view}.png", size=SIZE, lang="zh_CN",
                 theme="dark")
    assert out.exists()
    img = QImage(str(out))
    assert (img.width(), img.height()) == SIZE
    # a dialog with its texts, fields and tables, not an empty window
    assert _variance(img) > 20, f"{view}: the picture is almost one colour"


def test_the_force_view_writes_no_command(floor: sa.Engine, tmp_path: Path) -> None:
    """The force dialog is shown as the window opens it, and answered with a cancel: a
    screenshot never forces anything on the floor (R-CTRL-1)."""
    render("force", floor, tmp_path / "force.png", size=SIZE, lang="en", theme="light")
    with floor.connect() as c:
        assert c.execute(sa.select(sa.func.count()).select_from(SupervisorCommandRow)
                         ).scalar_one() == 0


def test_a_force_view_for_an_agent_signed_out_says_so(floor: sa.Engine,
                                                      tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="no force action applies to NOBODY"):
        render("force", floor, tmp_path / "none.png", size=SIZE, lang="en", theme="light",
               select="NOBODY")
    assert not (tmp_path / "none.png").exists()
