"""The audit-log view (issue: "an audit view filters by date, operator, agent and
action and exports CSV"; R-CTRL-1, R-PRIV-2): the dialog against a real database
on SQLite and PostgreSQL, through the real background ops, with the right to
read the log checked by the database functions."""

from __future__ import annotations

import csv
from collections.abc import Iterator
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import cast
from zoneinfo import ZoneInfo

import pytest
import sqlalchemy as sa
from PySide6.QtCore import QObject, Qt
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from console.audit_backend import AuditBackend
from console.ops import BackendContext, Ops, Request
from models.db import audit as auditlog
from models.db import audit_query
from models.db import engine as dbengine
from models.db import operators as ops
from models.db.audit_query import AuditFilter
from models.domain.records import AuditEntry
from tests.zh import raises_zh
from views.audit_view import (
    COL_ACTION,
    COL_DETAIL,
    COL_OPERATOR,
    COL_ROLES,
    COL_TIME,
    FAILED_ROLE,
    ID_ROLE,
    AuditDialog,
    AuditTableModel,
    detail_text,
)

CST = ZoneInfo("Asia/Shanghai")
T0 = datetime(2026, 3, 2, 0, 30, tzinfo=UTC)  # 2026-03-02 08:30 in Shanghai
NOW = datetime(2026, 3, 5, 2, 0, tzinfo=UTC)  # the dialog opens 2026-03-05 10:00 local
CREATED = datetime(2026, 1, 5, 1, 0, tzinfo=UTC)  # operators made long before


def local(y: int, mo: int, d: int, h: int = 0, mi: int = 0, s: int = 0) -> datetime:
    return datetime(y, mo, d, h, mi, s, tzinfo=CST).astimezone(UTC)


#: name -> audit row; the names are what the tests expect to see
ROWS: dict[str, dict[str, object]] = {
    "before": dict(at=local(2026, 3, 1, 23, 59, 59), operator="L01", action="sign_in",
                   result="ok", roles=["shift_leader"], workstation="值班台-1"),
    "monitor": dict(at=T0, operator="L01", action="monitor", agent="1001", target="C1",
                    detail={"reason": "质检抽查", "command": "c-1"}, result="done: 监听成功",
                    roles=["shift_leader"]),
    "stop": dict(at=T0 + timedelta(minutes=5), operator="L01", action="stop", agent="1001",
                 target="C1", detail={"session_s": 300.0, "mode": "monitor"},
                 result="done: 已退出", roles=["shift_leader"]),
    "refused": dict(at=T0 + timedelta(hours=2), operator="W01", action="force_away",
                    agent="1002", detail={"reason": "=HYPERLINK(\"http://x\")",
                                          "away_reason": "meeting"},
                    roles=["wallboard"],
                    result="refused: 无权限 / operator W01 (roles: wallboard) may not use "
                           "force_away"),
    "barge": dict(at=T0 + timedelta(days=1), operator="D01", action="barge", agent="1001",
                  target="C9", detail={"reason": "投诉升级, 客户情绪激动"},
                  result="done: 强插成功", roles=["director"]),
    "sign_in": dict(at=T0 + timedelta(days=1, minutes=1), operator="L01", action="sign_in",
                    result="ok", roles=["shift_leader"], workstation="值班台-1"),
    "late": dict(at=local(2026, 3, 3, 23, 59, 30), operator="D01", action="force_ready",
                 agent="1003", detail={"reason": "下班前清理"}, result="failed: 坐席已签出",
                 roles=["director"]),
    "next_day": dict(at=local(2026, 3, 4), operator="L01", action="monitor", agent="1002",
                     target="C12", result="done: 监听成功", roles=["shift_leader"]),
}


@pytest.fixture
def seeded(eng: sa.Engine, monkeypatch: pytest.MonkeyPatch) -> dict[str, int]:
    """Operators (an admin first, needing no ``by``), then the audit rows; name -> id.
    Nobody signs in here, so the password hashes may be cheap (keeps the tests fast)."""
    monkeypatch.setattr(ops, "SIGN_IN", replace(ops.SIGN_IN, scrypt_n=2**4))
    with eng.begin() as c:
        ops.create_operator(c, "A01", "管理员", "admin-pw-1", {"admin"}, by="test",
                            now=CREATED)
        for oid, name, role in (("D01", "王主任", "director"), ("H01", "李部长", "department_head"),
                                ("L01", "张班长", "shift_leader"), ("X01", "赵主任", "director")):
            ops.create_operator(c, oid, name, "pw-" + oid + "-x", {role}, by="A01", now=CREATED)
        ops.set_disabled(c, "X01", True, by="A01", now=CREATED)
        return {k: auditlog.audit(c, **r) for k, r in ROWS.items()}  # type: ignore[arg-type]


@pytest.fixture
def bg(eng: sa.Engine, qapp: object) -> Iterator[Ops]:
    """The console's background ops (torn down before the engine is disposed)."""
    o = Ops()
    yield o
    o.shutdown()


class Clock:
    def __call__(self) -> datetime:
        return NOW


def dialog(qtbot: QtBot, eng: sa.Engine, bg: Ops, operator: str = "D01", *,
           limit: int = 1000) -> AuditDialog:
    backend = AuditBackend(BackendContext(eng, bg, operator, Clock(), "PC-7"), limit=limit)
    d = AuditDialog(backend, now=Clock(), search_on_open=False)
    qtbot.addWidget(d)
    return d


def search(qtbot: QtBot, d: AuditDialog) -> list[int]:
    with qtbot.waitSignal(d.search_finished, timeout=10_000):
        qtbot.mouseClick(d.search_button, Qt.MouseButton.LeftButton)
    return shown(d)


def shown(d: AuditDialog) -> list[int]:
    """Ids in the table's (sorted) order."""
    return [d.proxy.index(r, 0).data(ID_ROLE) for r in range(d.proxy.rowCount())]


def ids(seeded: dict[str, int], *names: str) -> list[int]:
    """Newest first, as the table shows them by default."""
    at = {seeded[k]: r["at"] for k, r in ROWS.items()}
    return sorted((seeded[n] for n in names), key=lambda i: cast(datetime, at[i]),
                  reverse=True)


ALL_IN_RANGE = ("before", "monitor", "stop", "refused", "barge", "sign_in", "late", "next_day")


# ---- the model ---------------------------------------------------------------------


def test_model_passes_the_qt_model_tester(qtmodeltester: ModelTester, eng: sa.Engine,
                                          seeded: dict[str, int]) -> None:
    with eng.connect() as c:
        rows = auditlog.query_audit(c)
    model = AuditTableModel(rows)
    qtmodeltester.check(model)
    model.set_rows(rows[:3])
    qtmodeltester.check(model)
    model.set_rows([])
    qtmodeltester.check(model)
    model.set_rows(rows)
    r = rows.index(next(e for e in rows if e.id == seeded["monitor"]))
    assert model.index(r, COL_TIME).data() == "2026-03-02 08:30:00"  # floor-local time
    assert model.index(r, COL_ACTION).data() == "Monitor"
    assert model.index(r, COL_ROLES).data() == "Shift leader"
    assert model.index(r, COL_DETAIL).data() == "Reason: 质检抽查"  # the command id is hidden
    assert "c-1" in model.index(r, COL_DETAIL).data(Qt.ItemDataRole.ToolTipRole)
    failed = {rows[i].id for i in range(len(rows)) if model.index(i, 0).data(FAILED_ROLE)}
    assert failed == {seeded["refused"], seeded["late"]}
    assert model.index(rows.index(next(e for e in rows if e.id == seeded["refused"])),
                       0).data(Qt.ItemDataRole.ForegroundRole) is not None
    assert model.index(r, 0).data(Qt.ItemDataRole.ForegroundRole) is None
    # an action no label is known for shows as it is stored
    assert AuditTableModel([replace(rows[0], action="new_thing")]).index(
        0, COL_ACTION).data() == "new_thing"


def test_detail_is_compact_text() -> None:
    assert detail_text({"session_s": 300.0, "mode": "monitor"}) == \
        "Mode: Monitor; Session length: 05:00"
    assert detail_text({"before": ["shift_leader"], "after": ["director", "shift_leader"]}) == \
        "After: Director, Shift leader; Before: Shift leader"
    assert detail_text({"locked_until": "2026-03-02T01:00:00+00:00", "x": None}) == \
        "Locked until: 2026-03-02 09:00:00"
    assert detail_text({"reason": "质检", "away_reason": "meeting", "command": "c"}) == \
        "Reason: 质检; Away reason: Meeting"


def test_a_control_whose_outcome_is_unknown_reads_so_and_is_marked() -> None:
    """Issue #13 item 5: the host died mid-control and the switch could not tell."""
    from views.audit_view import is_failure, result_label

    assert result_label("unknown: The floor host stopped", {"command": "c1"}) == \
        "Outcome unknown: The floor host stopped"
    assert is_failure("unknown: The floor host stopped")


# ---- filters ------------------------------------------------------------------------


def test_each_filter_narrows_the_table_to_exactly_the_matching_rows(
        qtbot: QtBot, eng: sa.Engine, bg: Ops, seeded: dict[str, int]) -> None:
    d = dialog(qtbot, eng, bg)
    # defaults: today (local) back 7 days, through the end of today
    assert d.from_date.date().toPython() == date(2026, 2, 26)
    assert d.to_date.date().toPython() == date(2026, 3, 5)
    assert search(qtbot, d) == ids(seeded, *ALL_IN_RANGE)  # operator_created etc. are older
    assert d.status_text() == "8 rows"

    # date range: from midnight of the first day to the end of the last day, local time
    d.set_dates(date(2026, 3, 2), date(2026, 3, 3))
    assert search(qtbot, d) == ids(seeded, "monitor", "stop", "refused", "barge", "sign_in",
                                   "late")
    d.set_dates(date(2026, 3, 3), date(2026, 3, 3))
    assert search(qtbot, d) == ids(seeded, "barge", "sign_in", "late")

    d.set_dates(date(2026, 2, 26), date(2026, 3, 5))
    d.operator_edit.setText(" L01 ")
    assert search(qtbot, d) == ids(seeded, "before", "monitor", "stop", "sign_in", "next_day")
    d.operator_edit.clear()

    d.agent_edit.setText("1001")
    assert search(qtbot, d) == ids(seeded, "monitor", "stop", "barge")
    d.agent_edit.clear()

    qtbot.waitUntil(lambda: d.action_box.findData("barge") >= 0, timeout=10_000)
    assert d.action_box.itemText(0) == "All actions"
    assert {d.action_box.itemData(i) for i in range(1, d.action_box.count())} >= {
        "barge", "monitor", "stop", "force_away", "sign_in", "operator_created"}
    d.action_box.setCurrentIndex(d.action_box.findData("monitor"))
    assert search(qtbot, d) == ids(seeded, "monitor", "next_day")

    # all together
    d.operator_edit.setText("L01")
    d.agent_edit.setText("1001")
    d.set_dates(date(2026, 3, 2), date(2026, 3, 2))
    assert search(qtbot, d) == [seeded["monitor"]]
    assert d.status_text() == "1 row"
    d.agent_edit.setText("9999")
    assert search(qtbot, d) == []
    assert d.status_text() == "0 rows"

    # the columns sort: by operator, then back to newest first
    d.set_action(None)
    d.agent_edit.clear()
    d.operator_edit.clear()
    d.set_dates(date(2026, 3, 2), date(2026, 3, 2))
    search(qtbot, d)
    d.table.sortByColumn(COL_OPERATOR, Qt.SortOrder.AscendingOrder)
    assert [d.proxy.index(r, COL_OPERATOR).data() for r in range(3)] == ["L01", "L01", "W01"]
    d.table.sortByColumn(COL_TIME, Qt.SortOrder.AscendingOrder)
    assert shown(d) == [seeded["monitor"], seeded["stop"], seeded["refused"]]


def test_enter_in_a_filter_field_searches(qtbot: QtBot, eng: sa.Engine, bg: Ops,
                                          seeded: dict[str, int]) -> None:
    d = dialog(qtbot, eng, bg)
    d.show()
    qtbot.waitExposed(d)
    d.agent_edit.setFocus()
    qtbot.keyClicks(d.agent_edit, "1002")
    with qtbot.waitSignal(d.search_finished, timeout=10_000):
        qtbot.keyClick(d.agent_edit, Qt.Key.Key_Return)
    assert shown(d) == ids(seeded, "refused", "next_day")


def test_the_dialog_searches_when_it_opens_and_a_newer_search_wins(
        qtbot: QtBot, eng: sa.Engine, bg: Ops, seeded: dict[str, int]) -> None:
    d = AuditDialog(AuditBackend(BackendContext(eng, bg, "H01", Clock(), "PC-7")), now=Clock())
    qtbot.addWidget(d)
    d.agent_edit.setText("1003")
    assert search(qtbot, d) == [seeded["late"]]  # the open's own search came back ignored
    qtbot.waitUntil(lambda: d.action_box.count() > 1, timeout=10_000)
    assert d.status_text() == "1 row" and d.message_text() == ""


def test_a_from_date_after_the_to_date_is_refused_in_the_dialog(
        qtbot: QtBot, eng: sa.Engine, bg: Ops, seeded: dict[str, int]) -> None:
    d = dialog(qtbot, eng, bg)
    d.set_dates(date(2026, 3, 4), date(2026, 3, 2))
    d.search()
    assert "after" in d.message_text() and d.model.rowCount() == 0


# ---- export -------------------------------------------------------------------------


def read_csv(path: Path) -> list[list[str]]:
    with open(path, encoding="utf-8-sig", newline="") as f:
        return list(csv.reader(f))


def test_export_writes_the_filtered_rows_and_is_audited(
        qtbot: QtBot, eng: sa.Engine, bg: Ops, seeded: dict[str, int], tmp_path: Path) -> None:
    d = dialog(qtbot, eng, bg)
    d.agent_edit.setText("1001")
    table = search(qtbot, d)
    assert table == ids(seeded, "monitor", "stop", "barge")
    out = tmp_path / "导出" / "审计 1001"  # ".csv" is added
    out.parent.mkdir()
    d.ask_path = lambda: str(out)
    with qtbot.waitSignal(d.export_finished, timeout=10_000):
        qtbot.mouseClick(d.export_button, Qt.MouseButton.LeftButton)
    path = out.with_name(out.name + ".csv")
    assert d.message_text() == f"Exported 3 rows to {path}"
    assert path.read_bytes().startswith(b"\xef\xbb\xbf")
    back = read_csv(path)
    assert tuple(back[0]) == auditlog.CSV_HEADER
    rows = cast(list[AuditEntry], d.model.rows())
    assert [int(line[0]) for line in back[1:]] == sorted(table)  # oldest first
    assert back[1:] == [auditlog.csv_row(e) for e in sorted(rows, key=lambda e: e.id)]
    assert back[1][1] == "2026-03-02T08:30:00+08:00"
    assert list(tmp_path.joinpath("导出").iterdir()) == [path]  # no temporary file left

    with eng.connect() as c:
        [row] = auditlog.query_audit(c, action="audit_export")
    assert (row.operator, row.roles, row.workstation) == ("D01", "director", "PC-7")
    assert row.result == "ok: 3 rows" and row.detail["rows"] == 3
    assert row.detail["filter"]["agent"] == "1001"
    assert row.detail["filter"]["start"] == "2026-02-25T16:00:00+00:00"  # 02-26 00:00 local
    assert row.detail["filter"]["end"] == "2026-03-05T16:00:00+00:00"  # end of 03-05 local
    assert row.detail["file"] == str(path)
    # the export is in the log the dialog shows, under its own label
    d.agent_edit.clear()
    d.set_dates(date(2026, 1, 1), date(2026, 12, 31))
    qtbot.waitUntil(lambda: d.action_box.findData("audit_export") >= 0, timeout=10_000)
    d.action_box.setCurrentIndex(d.action_box.findData("audit_export"))
    assert search(qtbot, d) == [row.id]
    assert d.proxy.index(0, COL_ACTION).data() == "Audit log exported"


def test_export_writes_every_row_when_the_table_is_cut_off(
        qtbot: QtBot, eng: sa.Engine, bg: Ops, seeded: dict[str, int], tmp_path: Path) -> None:
    d = dialog(qtbot, eng, bg, limit=3)
    assert search(qtbot, d) == ids(seeded, *ALL_IN_RANGE)[:3]
    assert d.status_text() == "First 3 rows shown — narrow the filter"
    d.ask_path = lambda: str(tmp_path / "all.csv")
    with qtbot.waitSignal(d.export_finished, timeout=10_000):
        d.export_csv()
    back = read_csv(tmp_path / "all.csv")
    assert sorted(int(line[0]) for line in back[1:]) == sorted(seeded[n] for n in ALL_IN_RANGE)
    assert d.message_text().startswith("Exported 8 rows to ")


def test_a_cancelled_save_dialog_exports_nothing(qtbot: QtBot, eng: sa.Engine, bg: Ops,
                                                  seeded: dict[str, int]) -> None:
    d = dialog(qtbot, eng, bg)
    search(qtbot, d)
    d.ask_path = lambda: None
    d.export_csv()
    assert d.export_button.isEnabled() and d.message_text() == ""
    with eng.connect() as c:
        assert auditlog.query_audit(c, action="audit_export") == []


# ---- the right to read the log --------------------------------------------------------------


@pytest.mark.parametrize("who,words", [("L01", "No permission"), ("X01", "Operator X01 is disabled"),
                                       ("nobody", "No permission")])
def test_an_operator_without_the_right_is_refused_in_the_dialog(
        qtbot: QtBot, eng: sa.Engine, bg: Ops, seeded: dict[str, int], tmp_path: Path,
        who: str, words: str) -> None:
    """A shift leader, a disabled director, someone not on record: the right comes from
    the database on every call, whatever the console believes."""
    d = dialog(qtbot, eng, bg, who)
    assert search(qtbot, d) == []
    assert d.message_text().startswith("Search failed: " + words)
    assert d.status_text() == ""
    d.ask_path = lambda: str(tmp_path / "leak.csv")
    with qtbot.waitSignal(d.export_finished, timeout=10_000):
        d.export_csv()
    assert d.message_text().startswith("Export failed: " + words)
    assert d.export_button.isEnabled()
    assert list(tmp_path.glob("*leak*")) == []  # no file, not even a temporary one
    with eng.connect() as c:
        [row] = auditlog.query_audit(c, action="audit_export")
    assert row.operator == who and row.result.startswith("refused: " + words)


def test_the_right_is_read_from_the_database_not_trusted(eng: sa.Engine,
                                                         seeded: dict[str, int]) -> None:
    flt = AuditFilter(agent="1001")
    rows, more = audit_query.search(eng, "H01", flt)  # department head: VIEW_AUDIT
    assert [r.id for r in rows] == ids(seeded, "monitor", "stop", "barge") and not more
    with eng.begin() as c:
        ops.set_roles(c, "H01", {"shift_leader"}, by="A01", now=NOW)
    with raises_zh(ops.NotAllowed, "无权限"):
        audit_query.search(eng, "H01", flt)
    rows, more = audit_query.search(eng, "A01", AuditFilter(), limit=2)
    assert len(rows) == 2 and more
    with pytest.raises(ValueError, match="timezone-aware"):
        AuditFilter(start=datetime(2026, 3, 2))
    assert AuditFilter(operator="  ", agent=" 1001 ").as_detail() == {"agent": "1001"}
    assert "sign_in" in audit_query.known_actions(eng)


def test_an_unreachable_database_is_shown_not_raised(qtbot: QtBot, qapp: object,
                                                     tmp_path: Path) -> None:
    e = dbengine.make_engine("postgresql+psycopg://postgres@127.0.0.1:1/none")
    o = Ops()
    try:
        d = AuditDialog(AuditBackend(BackendContext(e, o, "D01", Clock())), now=Clock(), search_on_open=False)
        qtbot.addWidget(d)
        with qtbot.waitSignal(d.search_finished, timeout=10_000):
            d.search()
        assert d.message_text().startswith(
            "Search failed: The floor database cannot be reached: ")
        d.ask_path = lambda: str(tmp_path / "x.csv")
        with qtbot.waitSignal(d.export_finished, timeout=10_000):
            d.export_csv()
        assert "cannot be reached" in d.message_text()
        assert not (tmp_path / "x.csv").exists()
    finally:
        o.shutdown()
        e.dispose()


def test_an_answer_for_a_closed_dialog_is_dropped(qtbot: QtBot, eng: sa.Engine, bg: Ops,
                                                  seeded: dict[str, int]) -> None:
    """The console closes the dialog (e.g. on a change of operator) while a search
    runs: the late answer must not touch the deleted widgets."""
    import shiboken6
    from PySide6.QtWidgets import QWidget

    owner = QWidget()
    qtbot.addWidget(owner)
    backend = AuditBackend(BackendContext(eng, bg, "D01", Clock(), "PC-7"))
    d = AuditDialog(backend, now=Clock(), parent=owner)  # searches at once
    shiboken6.delete(d)
    bg.wait(10.0)  # the answers are queued for the GUI thread now
    answered: list[object] = []
    backend.audit_actions(owner).done(answered.append).run()  # after the dropped ones
    qtbot.waitUntil(lambda: bool(answered), timeout=10_000)
    assert "sign_in" in answered[0]  # type: ignore[operator]


def test_a_pending_answer_does_not_keep_the_dialog_alive(qtbot: QtBot, eng: sa.Engine,
                                                         bg: Ops, seeded: dict[str, int]) -> None:
    """The dialog must be freed on the GUI thread when the console drops it. A running
    op keeps its callbacks until it is released on a worker thread, and the cyclic
    garbage collector runs on whichever thread allocates: were the dialog's last
    reference in a callback or a cycle, its widgets would be destroyed off the GUI
    thread (seen as a rare segfault). Callbacks hold it weakly; it has no cycles."""
    import gc
    import threading
    import weakref

    gate = threading.Event()

    class SlowBackend(AuditBackend):
        def search_audit(self, owner: QObject, query: object) -> Request:
            return self.request(owner, lambda: (gate.wait(10), ([], False))[1])

    d = AuditDialog(SlowBackend(BackendContext(eng, bg, "D01", Clock())), now=Clock())  # its search waits at the gate
    qtbot.addWidget(d)
    with qtbot.waitSignal(d.actions_loaded, timeout=10_000):
        pass
    ref = weakref.ref(d)
    gc.disable()  # freed by its reference count, on this thread, not by a collection
    try:
        d.close()
        del d
        assert ref() is None
    finally:
        gc.enable()
        gate.set()
        bg.wait(10.0)


def test_the_assessments_actions_are_named_in_the_log() -> None:
    """Issue #18: every write of the monthly assessment is audited, and the log names
    it in words rather than showing the code."""
    from views.audit_view import action_label

    codes = ("assessment_policy_apply", "assessment_entry", "assessment_withdraw",
             "assessment_draft", "assessment_confirm")
    labels = [action_label(c) for c in codes]
    assert all(lab and lab != c for lab, c in zip(labels, codes, strict=True))
    assert len(set(labels)) == len(codes)
