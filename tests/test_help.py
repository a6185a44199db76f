"""Help › About and Help › 使用说明 (issue #19, "Desktop details"): what IT reads off
the About box (the version, the database without its password, the floor host, the
operator) and the shift leader's guide behind F1."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from importlib.metadata import version
from pathlib import Path

import pytest
import sqlalchemy as sa
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication, QTextDocument, QTextImageFormat
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot
from sqlalchemy.engine import make_url

from console.app import ConsoleApp
from console.lease import make_lease
from models.db import engine as dbengine
from models.domain.roles import Operator, Role
from tests.helpers import seed_operators
from views.help.about import AboutDialog
from views.help.guide import GUIDE, GUIDE_EN, GuideWindow

T0 = datetime(2026, 12, 7, 1, 0, tzinfo=UTC)
SECRET = "hunter2-do-not-show"


@pytest.fixture
def console(qtbot: QtBot, db_url: str) -> Iterator[ConsoleApp]:
    """A console on each engine; on PostgreSQL its URL carries a password (trust auth
    ignores it), as a floor PC's profile does."""
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    url = make_url(db_url)
    if url.drivername.startswith("postgresql"):
        url = url.set(password=SECRET)
    e = dbengine.make_engine(url)
    seed_operators(e, [("A01", "管理员", ["admin"]), ("L01", "张班长", ["shift_leader"])],
                   now=T0)
    ca = ConsoleApp(app, e, operator=Operator("L01", "张班长", frozenset({Role.SHIFT_LEADER})),
                    language="en")
    qtbot.addWidget(ca.window)
    try:
        yield ca
    finally:
        ca.i18n.install("en")  # the next tests read English
        ca.shutting_down.emit()
        e.dispose()


def _about(ca: ConsoleApp) -> AboutDialog:
    ca.window.about_action.trigger()
    d = ca.dialogs["about"]
    assert isinstance(d, AboutDialog) and d.isVisible()
    return d


def test_about_shows_version_database_without_password_host_and_operator(
        qtbot: QtBot, console: ConsoleApp) -> None:
    lease = make_lease(console.engine, "host@floor-pc-7:4242")
    assert lease.try_acquire()
    try:
        d = _about(console)
        qtbot.waitUntil(lambda: "floor-pc-7" in d.floor_host.text(), timeout=10_000)
        since = lease.current()
        assert since is not None
        assert since.acquired_at.astimezone().strftime("%H:%M") in d.floor_host.text()
        assert d.version.text() == version("seatwatch")
        assert d.operator.text() == "张班长 (L01)"
        assert "Python" in d.runtime.text() and "Qt" in d.runtime.text()
        url = console.engine.url
        path = dbengine.sqlite_file(url)
        if path is not None:
            assert d.database.text() == str(path)
        else:
            assert url.host is not None and url.database is not None
            assert url.host in d.database.text() and url.database in d.database.text()
        # never the password, neither shown nor copied for IT
        d.copy_button.click()
        copied = QGuiApplication.clipboard().text()
        for text in (d.database.text(), copied):
            assert SECRET not in text and "***" not in text
        assert version("seatwatch") in copied and "floor-pc-7" in copied
        assert d.database.text() in copied
    finally:
        lease.release()
        lease.close()


def test_about_says_when_no_floor_host_has_started(qtbot: QtBot, console: ConsoleApp) -> None:
    d = _about(console)
    qtbot.waitUntil(lambda: d.host is not None, timeout=10_000)
    assert d.floor_host.text() == "no floor host has started"


def test_about_says_the_floor_host_could_not_be_read(qtbot: QtBot, sqlite_url: str,
                                                      tmp_path: Path) -> None:
    """A database gone away: the box still opens and says so, it does not hang on
    "reading…"."""
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    e = dbengine.make_engine(sqlite_url)
    ca = ConsoleApp(app, e, operator=Operator("L01", "张班长", frozenset({Role.SHIFT_LEADER})),
                    language="en")
    qtbot.addWidget(ca.window)
    try:
        with e.begin() as c:
            c.execute(sa.text("DROP TABLE host_lease"))
        d = _about(ca)
        qtbot.waitUntil(lambda: d.host_failed, timeout=10_000)
        assert "could not be read" in d.floor_host.text()
    finally:
        ca.i18n.install("en")  # the next tests read English
        ca.shutting_down.emit()
        e.dispose()


def test_about_and_the_guide_are_in_the_help_menu_in_chinese(
        qtbot: QtBot, sqlite_url: str) -> None:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    e = dbengine.make_engine(sqlite_url)
    ca = ConsoleApp(app, e, operator=Operator("L01", "张班长", frozenset({Role.SHIFT_LEADER})),
                    language="zh_CN")
    qtbot.addWidget(ca.window)
    try:
        w = ca.window
        assert w.help_menu.title() == "帮助(&H)"
        assert [a.text() for a in w.help_menu.actions()] == ["使用说明(&U)", "关于(&A)…"]
        d = _about(ca)
        assert d.title.text() == "坐席值班长控制台" and d.copy_button.text() == "复制(&C)"
        # Alt+H opened 班务 or 帮助 at random when both menus took H (seen in the real
        # window): every menu of the bar has a key of its own, in both languages
        for lang in ("zh_CN", "en"):
            ca.set_language(lang)
            titles = [a.text() for a in w.menuBar().actions() if a.menu() is not None]
            keys = [t[t.index("&") + 1].lower() for t in titles]
            assert len(set(keys)) == len(keys), titles
    finally:
        ca.i18n.install("en")  # the next tests read English
        ca.shutting_down.emit()
        e.dispose()


def test_f1_opens_the_guide_with_its_sections_and_images(qtbot: QtBot,
                                                         sqlite_url: str) -> None:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    e = dbengine.make_engine(sqlite_url)
    ca = ConsoleApp(app, e, operator=Operator("L01", "张班长", frozenset({Role.SHIFT_LEADER})),
                    language="zh_CN")
    qtbot.addWidget(ca.window)
    try:
        w = ca.window
        w.show()
        qtbot.waitExposed(w)
        w.activateWindow()
        qtbot.waitUntil(w.isActiveWindow, timeout=5_000)
        qtbot.keyClick(w.agent_view, Qt.Key.Key_F1)
        qtbot.waitUntil(lambda: "guide" in ca.dialogs, timeout=5_000)
        g = ca.dialogs["guide"]
        assert isinstance(g, GuideWindow) and g.isVisible()
        text = g.browser.toPlainText()
        # the day's work in the order it happens
        order = ["1. 登录", "2. 查看现场", "3. 处理告警", "4. 监听", "5. 早会", "6. 考勤",
                 "7. 交接班", "培训计划：", "质量监控：", "月度考核：", "报表："]
        at = [text.find(s) for s in order]
        assert -1 not in at and at == sorted(at), dict(zip(order, at, strict=True))
        doc = g.browser.document()
        images = [f.name() for f in _image_formats(doc)]
        assert len(images) >= 5
        for name in images:  # every screenshot it names is there and loads
            res = doc.resource(QTextDocument.ResourceType.ImageResource,
                               g.browser.source().resolved(name))
            assert res is not None and not res.isNull(), name
        # switched to English, the open guide becomes the English one, its own images
        ca.set_language("en")
        qtbot.waitUntil(lambda: "1. Sign in" in g.browser.toPlainText(), timeout=5_000)
        text = g.browser.toPlainText()
        assert "1. Sign in" in text and "7. Handover" in text and "登录" not in text
        images = [f.name() for f in _image_formats(g.browser.document())]
        assert len(images) >= 5 and all("_en.png" in n for n in images), images
    finally:
        ca.i18n.install("en")  # the next tests read English
        ca.shutting_down.emit()
        e.dispose()


def _image_formats(doc: QTextDocument) -> list[QTextImageFormat]:
    out: list[QTextImageFormat] = []
    block = doc.begin()
    while block.isValid():
        it = block.begin()
        while not it.atEnd():
            frag = it.fragment()
            if frag.isValid() and frag.charFormat().isImageFormat():
                out.append(frag.charFormat().toImageFormat())
            it += 1
        block = block.next()
    return out


def test_the_guide_and_its_images_ship_in_the_wheel() -> None:
    """package-data names the guide and every screenshot it shows (issue #19)."""
    import re
    import tomllib

    root = Path(__file__).resolve().parent.parent
    data = tomllib.loads((root / "pyproject.toml").read_text("utf-8"))
    shipped = data["tool"]["setuptools"]["package-data"]["resources"]
    assert "guide/*.html" in shipped
    for guide in (GUIDE, GUIDE_EN):
        for src in re.findall(r'src="\.\./([^"]+)"', guide.read_text("utf-8")):
            assert src in shipped and (GUIDE.parent.parent / src).is_file(), src


def test_the_director_window_has_help_with_the_guide_and_about(qtbot: QtBot,
                                                               sqlite_url: str) -> None:
    """The director's window has no menu bar: 帮助 sits at the toolbar's end, F1 too."""
    from console.director_app import open_director
    from console.ops import BackendContext, Ops

    e = dbengine.make_engine(sqlite_url)
    seed_operators(e, [("A01", "管理员", ["admin"]), ("D1", "王主任", ["director"])], now=T0)
    ops = Ops()
    try:
        win = open_director(BackendContext(e, ops, "D1", lambda: T0, "test"))
        qtbot.addWidget(win)
        win.resize(1366, 768)
        win.show()
        qtbot.waitExposed(win)
        assert win.help_button.isVisible() and win.help_button.text() == "Help"
        assert [a.text() for a in win.help_button.menu().actions()] == ["User's guide",
                                                                        "About…"]
        win.activateWindow()
        qtbot.waitUntil(win.isActiveWindow, timeout=5_000)
        qtbot.keyClick(win.tabs, Qt.Key.Key_F1)
        guide = win.findChild(GuideWindow)
        assert guide is not None and guide.isVisible()
        assert "1. Sign in" in guide.browser.toPlainText()  # the interface is English
        win.about_action.trigger()
        about = win.findChild(AboutDialog)
        assert about is not None and about.isVisible()
        qtbot.waitUntil(lambda: about.host is not None, timeout=10_000)
        assert about.operator.text() == "D1"
        assert about.database.text() == str(dbengine.sqlite_file(e.url))
        win.about_action.trigger()  # one of each, brought forward
        assert len(win.findChildren(AboutDialog)) == 1
        win.close()
    finally:
        ops.shutdown()
        e.dispose()


# ---- the application icon and display name (issue #19, "Desktop details") -------------


def test_every_window_carries_the_seatwatch_icon_at_every_size(qapp: QApplication) -> None:
    """What the taskbar, Alt+Tab and the window frame show: the drawn icon, from 16 px
    (the title bar) to 256 px (Explorer's large icons), not Qt's blank default."""
    from console.ui import ICON_SIZES, app_icon

    icon = app_icon()
    assert not icon.isNull()
    assert {s.width() for s in icon.availableSizes()} == set(ICON_SIZES)
    img = icon.pixmap(32, 32).toImage()
    # the tile is deep blue, not transparent, in the middle of the top edge
    top = img.pixelColor(16, 3)
    assert top.alpha() == 255 and top.blue() > 150 and top.red() < 80


def test_the_installer_icon_holds_the_same_sizes_as_pngs() -> None:
    """seatwatch.ico (the .exe's, the installer's and the shortcuts' icon) holds each
    size as a PNG entry, 256 px written as 0 as the format wants."""
    import struct

    import resources
    from console.ui import ICON_SIZES

    data = (Path(resources.__file__).parent / "icons" / "seatwatch.ico").read_bytes()
    reserved, kind, count = struct.unpack_from("<HHH", data, 0)
    assert (reserved, kind, count) == (0, 1, len(ICON_SIZES))
    sizes = []
    for i in range(count):
        w, _h, _c, _r, _planes, _bpp, length, offset = struct.unpack_from(
            "<BBBBHHII", data, 6 + 16 * i)
        assert data[offset:offset + 8] == b"\x89PNG\r\n\x1a\n"
        assert offset + length <= len(data)
        sizes.append(w or 256)
    assert tuple(sizes) == ICON_SIZES


def test_the_display_name_follows_the_language(qapp: QApplication) -> None:
    """The taskbar's and the window frames' name: 坐席值班长控制台 in Chinese."""
    from console.ui import I18n

    i18n = I18n(qapp)
    try:
        i18n.install("zh_CN")
        assert qapp.applicationDisplayName() == "坐席值班长控制台"
        i18n.install("en")
        assert qapp.applicationDisplayName() == "Seatwatch"
    finally:
        i18n.install("en")
