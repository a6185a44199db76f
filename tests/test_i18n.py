# ruff: noqa: F811 - the console tests' fixtures (floor_host, window) are imported
"""One language per message (issue #12 item 13).

Messages made in ``models/`` (no Qt there) are English sources with a context and
fields (models/domain/texts.py); each console translates them into its own language,
also when they travel through the database (a control's result, a notification's
error). These tests look at what a person reads.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa
from PySide6.QtWidgets import QApplication

from console.ui import I18n
from models.db import operators
from models.domain.commands import Action, CommandRefused, check, result_payload
from models.domain.texts import QT_TRANSLATE_NOOP, Msg, from_stored, stored
from models.domain.types import AgentState
from tests.test_audit_view import bg  # noqa: F401
from tests.test_console import _events_since, _find, _push, floor_host, window  # noqa: F401
from tests.zh import zh
from views.msg import tr_payload

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture
def chinese(qapp: QApplication) -> Iterator[I18n]:
    i18n = I18n(qapp)
    i18n.install("zh_CN")
    try:
        yield i18n
    finally:
        i18n.install("en")


# ---- the pattern ----------------------------------------------------------------------------


def test_a_message_is_english_text_and_carries_what_a_console_translates() -> None:
    m = QT_TRANSLATE_NOOP("Commands", "Agent {agent} does not exist").format(agent="1007")
    assert m == "Agent 1007 does not exist" and isinstance(m, str)
    assert (m.context, m.source, m.args) == ("Commands", "Agent {agent} does not exist",
                                             {"agent": "1007"})
    assert Msg.from_json(m.to_json()) == m
    assert zh(m) == "坐席 1007 不存在"
    assert zh(CommandRefused(m)) == "坐席 1007 不存在"
    # nested messages and lists travel too, and old rows (plain text) stay readable
    assert zh(from_stored(stored(m))) == "坐席 1007 不存在"
    assert from_stored("an old row's text") == "an old row's text"
    assert Msg.from_json("plain") is None


def test_pyside6_lupdate_collects_the_markers_of_models() -> None:
    """The .ts the program ships holds models/' messages with their translation: the
    update script scans models/ too (a marker it did not collect would show English)."""
    from resources.translations import update

    assert ROOT / "models" / "domain" / "commands.py" in update.sources()
    ts = (ROOT / "resources/translations/seatwatch_zh_CN.ts").read_text(encoding="utf-8")
    assert "<source>Agent {agent} does not exist</source>" in ts
    assert "<translation>坐席 {agent} 不存在</translation>" in ts


def test_a_refusal_of_the_floor_rules_reads_in_one_language(qapp: QApplication,
                                                             chinese: I18n) -> None:
    from models.domain.commands import SupervisorCommand
    from models.domain.floor import initial_state

    cmd = SupervisorCommand("c1", Action.FORCE_READY, "9999", "L01")
    with pytest.raises(CommandRefused) as err:
        check(initial_state(), cmd)
    payload = result_payload("c1", err.value)
    assert payload["message"] == "Agent 9999 does not exist"  # logs, older consoles
    assert tr_payload(payload) == "坐席 9999 不存在"
    chinese.install("en")
    assert tr_payload(payload) == "Agent 9999 does not exist"
    # a row written before this change keeps its text as it was
    assert tr_payload({"command": "c0", "message": "旧消息 / old text"}) == "旧消息 / old text"


def test_a_sign_in_refusal_is_chinese_in_the_chinese_console(db_url: str, qapp: QApplication,
                                                             chinese: I18n) -> None:
    from datetime import UTC, datetime

    from console.app import _refusal_text
    from models.db import engine as dbengine

    eng = dbengine.make_engine(db_url)
    try:
        with pytest.raises(operators.SignInRefused) as err:
            operators.authenticate(eng, "NOPE", "whatever", datetime.now(UTC))
        assert _refusal_text(err.value) == "工号或密码错误"
        chinese.install("en")
        assert _refusal_text(err.value) == "Wrong operator ID or password"
    finally:
        eng.dispose()


def test_a_control_refused_by_the_host_reads_in_chinese_in_my_operations(
        window: Any, floor_host: Any, chinese: I18n) -> None:
    """The floor host refuses (the leader was disabled meanwhile); 我的操作 shows why,
    in the console's language, from the message the host wrote."""
    w, backend = window
    h, clock = floor_host
    agent = _find(h, clock, lambda s: s.state is AgentState.TALKING)
    _push(w, h)
    w.select_agent(agent)
    w.ask_confirm = lambda text: True
    w.ask_reason = lambda text: "质检要求"
    last = h.writer.current().last_event_id
    w.control_actions[Action.MONITOR].trigger()
    assert len(backend.submitted) == 1
    with h.engine.begin() as c:  # disabled after pressing, before the host acts
        c.execute(sa.text("UPDATE operator SET disabled = :t"), {"t": True})
    h.tick()
    _push(w, h, _events_since(h, last))
    item = w.commands_list.item(0).text()
    assert item.endswith("— 账号 L01 已停用，不能使用“监听”"), item
    assert "/" not in item and "Operator" not in item


def test_the_stale_banner_gives_its_reason_in_chinese(window: Any, floor_host: Any,
                                                      chinese: I18n) -> None:
    """The reason the feed gives (a message made off the GUI thread) is translated
    where the banner shows it."""
    import dataclasses

    from console import feed
    from tests.test_console import snap

    w, _ = window
    h, _clock = floor_host
    s = dataclasses.replace(snap(h.writer.current(), stale=True),
                            reason=feed.SILENT.format(seconds=12))
    w.apply_snapshot(s)
    assert w.banner.isVisible() and "值守主机心跳已中断 12 秒" in w.banner.text()
    w.apply_snapshot(dataclasses.replace(s, reason=feed.NO_HOST))
    assert "没有值守主机在运行" in w.banner.text() and "floor host" not in w.banner.text()


# ---- no pair can come back ------------------------------------------------------------------

#: "中文 / English" in one literal: a CJK character, " / " (or "/ " at a line end of
#: an implicitly joined literal), then Latin letters; not an HTML closing tag ("</p>"
#: after Chinese text in the reports' and the forms' HTML)
_PAIR = re.compile(r"[\u4e00-\u9fff][^\"'\n]*?[)）]?\s?(?<!<)/\s*[A-Za-z]")


def _literals(path: Path) -> Iterator[tuple[int, str]]:
    """Each string literal (joined as Python joins adjacent ones), but not docstrings."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    docstrings = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef):
            body = node.body
            if body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant):
                docstrings.add(id(body[0].value))
    for node in ast.walk(tree):
        if isinstance(node, ast.Constant) and isinstance(node.value, str) \
                and id(node) not in docstrings:
            yield node.lineno, node.value
        elif isinstance(node, ast.JoinedStr):
            text = "".join(v.value if isinstance(v, ast.Constant) else "{}"
                           for v in node.values)
            yield node.lineno, text


def test_no_chinese_english_pair_is_left_in_a_string_a_user_can_see() -> None:
    found = []
    for d in ("console", "views", "models"):
        for path in sorted((ROOT / d).rglob("*.py")):
            for line, text in _literals(path):
                if _PAIR.search(text):
                    found.append(f"{path.relative_to(ROOT)}:{line}: {text[:80]!r}")
    assert found == []


def test_the_pair_finder_finds_the_pairs_it_is_meant_to() -> None:
    assert _PAIR.search("工号或密码错误 / wrong operator ID or password")
    assert _PAIR.search("公告最多 200 字(现为 201 字)/ an announcement")
    assert _PAIR.search("本主机未接入话务平台(--source none),无法执行控制 / no telephony")
    assert not _PAIR.search("迟到/早退分钟")
    assert not _PAIR.search("Agent {agent} does not exist")
    assert not _PAIR.search("<p>生成于 {}</p>")  # an HTML closing tag, not a pair


# ---- Qt's own dialogs -----------------------------------------------------------------------


def test_qt_own_buttons_and_file_dialog_labels_follow_the_language(qapp: QApplication,
                                                                   chinese: I18n) -> None:
    """Qt's translations for QtBase are installed with ours and switched with them."""
    from PySide6.QtWidgets import QFileDialog, QLabel, QMessageBox

    def texts() -> tuple[str, ...]:
        box = QMessageBox(QMessageBox.Icon.Question, "t", "x",
                          QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel)
        files = QFileDialog(None, "s")
        files.setOption(QFileDialog.Option.DontUseNativeDialog)
        files.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
        out = (box.button(QMessageBox.StandardButton.Yes).text(),
               box.button(QMessageBox.StandardButton.Cancel).text(),
               files.labelText(QFileDialog.DialogLabel.Accept),
               *sorted(w.text() for w in files.findChildren(QLabel) if w.text()))
        box.deleteLater()
        files.deleteLater()
        return out

    # the two labels qtbase_zh_CN lacks come from our table (views/paths.py)
    assert texts() == ("是(&Y)", "取消", "保存(&S)", "文件名称(&N)：", "文件类型(&T)：", "查看(&L)：")
    chinese.install("en")
    assert texts() == ("&Yes", "Cancel", "&Save", "&Look in:", "File &name:", "Files of &type:")


def test_save_dialogs_open_in_the_documents_folder(qtbot: Any, eng: Any, bg: Any,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    from PySide6.QtWidgets import QFileDialog

    from tests.test_attendance_view import make
    from tests.test_audit_view import dialog
    from views.paths import documents

    asked: list[str] = []

    def fake(parent: Any, title: str, where: str = "", filter_: str = "") -> tuple[str, str]:
        asked.append(where)
        return "", ""

    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(fake))
    monkeypatch.setattr(QFileDialog, "getOpenFileName", staticmethod(fake))
    docs = documents()
    assert docs
    d = dialog(qtbot, eng, bg)
    assert d._save_dialog() is None
    a, _b = make(qtbot)
    assert a.summary._save_path_dialog("考勤汇总_2026-03.xlsx") is None
    assert [Path(p).parent for p in asked] == [Path(docs)] * 2
    assert Path(asked[0]).name.startswith("audit-log") and \
        Path(asked[1]).name == "考勤汇总_2026-03.xlsx"


# ---- the audit log in words -----------------------------------------------------------------


def _entry(i: int, action: str, result: str = "ok", target: str | None = None,
           agent: str | None = None, **detail: Any) -> Any:
    from datetime import UTC, datetime

    from models.domain.records import AuditEntry

    return AuditEntry(id=i, at=datetime(2026, 3, 2, 1, 30, tzinfo=UTC), operator="L01",
                      roles="shift_leader", action=action, agent=agent, target=target,
                      detail=dict(detail), result=result, workstation="console@PC-7")


def test_the_audit_log_shows_labels_not_codes(qapp: QApplication, chinese: I18n) -> None:
    from models.domain.roles import Operator, Role, command_refusal
    from models.domain.texts import refusal_detail
    from views.audit_view import COL_ACTION, COL_DETAIL, COL_RESULT, COL_TARGET, AuditTableModel

    refusal = command_refusal(Operator("W01", "大屏", frozenset({Role.WALLBOARD})), "W01",
                              "force_away", _entry(0, "x").at)
    rows = [
        _entry(1, "alert_resolved", target="R-TICKET-3|ticket:T0042|2026-03-02T01:00:00+00:00",
               rule="R-TICKET-3", subject="ticket:T0042", ticket="T0042", note="已回访"),
        _entry(2, "announcement_published", target="3f9c2a7e0b1d4c5e",
               text="今晚 20:00 系统升级，请提前保存工单", published_by="L01", source="leader"),
        _entry(3, "force_away", result=f"refused: {refusal}", agent="1002",
               result_msg=(refusal.to_json() if refusal is not None else None)),
        _entry(4, "sign_in", result="refused: wrong_password"),
        _entry(5, "alert_acknowledged", result="refused",
               target="R-TICKET-3|ticket:T0042|2026-03-02T01:00:00.000000+00:00",
               **refusal_detail(QT_TRANSLATE_NOOP("Alerts", "The alert is resolved already"))),
    ]
    rows.append(_entry(6, "audit_export", result="ok: 12 rows", rows=12))
    m = AuditTableModel(rows)

    def cell(r: int, c: int) -> str:
        return str(m.data(m.index(r, c)))

    assert [cell(i, COL_ACTION) for i in range(5)] == [
        "解除告警", "发布公告", "强制离席", "登录", "确认告警"]
    assert cell(0, COL_TARGET) == "工单待审核 工单 T0042"
    assert "规则: 工单待审核" in cell(0, COL_DETAIL) and "R-TICKET-3" not in cell(0, COL_DETAIL)
    assert cell(1, COL_TARGET) == "今晚 20:00 系统升级，请…"
    assert "来源: 值班长" in cell(1, COL_DETAIL)
    assert [cell(i, COL_RESULT) for i in range(5)] == [
        "成功", "成功", "拒绝：无权限：账号 W01（角色：大屏）不能使用“强制离席”", "拒绝：密码错误",
        "拒绝：告警已解除"]
    assert cell(4, COL_DETAIL).startswith("原因: 告警已解除")
    assert cell(4, COL_TARGET) == "工单待审核 工单 T0042"
    assert cell(5, COL_RESULT) == "成功" and cell(5, COL_ACTION) == "导出审计日志"
    for r in range(6):
        for c in range(9):
            text = cell(r, c)
            assert "_" not in text.replace("console@PC-7", ""), (r, c, text)


# ---- the command line -----------------------------------------------------------------------


def test_cli_errors_are_one_chinese_line(db_url: str, capsys: pytest.CaptureFixture[str]) -> None:
    """The CLI's own errors and models' refusals print in Chinese after the fixed
    ``seatwatch: error:`` tag; no English half."""
    from console.cli import main

    assert main(["alerts", "ack", "x", "--by", "L1"]) == 1
    assert capsys.readouterr().err == \
        "seatwatch: error: 须指定 --db（SQLAlchemy 网址或已保存的配置名）\n"
    assert main(["alerts", "ack", "#99999", "--by", "L1", "--db", db_url]) == 1
    err = capsys.readouterr().err
    assert err.startswith("seatwatch: error: ") and err.count("\n") == 1
    assert not re.search(r"[A-Za-z]{3,}", err.removeprefix("seatwatch: error: ")), err


def test_no_terminal_message_is_formatted_after_it_is_translated() -> None:
    """``say(msg).format(x=…)`` translates a message with no fields filled, fails to
    format it and falls back to the English source (seatwatch report printed
    "…: written (the floor's stored copy is unchanged)" in English): the fields go
    in first, ``say(msg.format(x=…))``."""
    import ast
    from pathlib import Path

    root = Path(__file__).resolve().parents[1]
    bad = []
    for p in sorted((root / "console").rglob("*.py")):
        for node in ast.walk(ast.parse(p.read_text(encoding="utf-8"))):
            if (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
                    and node.func.attr == "format" and isinstance(node.func.value, ast.Call)
                    and isinstance(node.func.value.func, ast.Name)
                    and node.func.value.func.id in ("say", "error_line")):
                bad.append(f"{p.relative_to(root)}:{node.lineno}")
    assert bad == []
