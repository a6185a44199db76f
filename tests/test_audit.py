"""The audit log (R-CTRL-1, R-PRIV-2): append-only in the database itself, queried
by date, operator, agent and action, exported as CSV that Excel reads; floor
setup and policy changes audited where they are written; on SQLite and
PostgreSQL."""

from __future__ import annotations

import csv
import io
import json
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
import sqlalchemy as sa
from alembic import command

from models.db import audit as auditlog
from models.db import engine as dbengine
from models.db import operators as ops
from models.db import policies, store
from models.domain.types import FloorEvent

T0 = datetime(2026, 3, 2, 0, 30, tzinfo=UTC)  # 08:30 in Shanghai


def fill(e: sa.Engine) -> list[int]:
    rows = [
        dict(at=T0, operator="L01", action="monitor", agent="1001", target="C1",
             detail={"reason": "质检抽查"}, result="done: 监听成功", roles=["shift_leader"]),
        dict(at=T0 + timedelta(minutes=5), operator="L01", action="stop", agent="1001",
             target="C1", detail={"session_s": 300.0}, result="done: 已退出",
             roles=["shift_leader"]),
        dict(at=T0 + timedelta(hours=2), operator="W01", action="force_away", agent="1002",
             detail={"reason": "=HYPERLINK(\"http://x\")"}, roles=["wallboard"],
             result="refused: 无权限 / operator W01 (roles: wallboard) may not use force_away"),
        dict(at=T0 + timedelta(days=1), operator="D01", action="barge", agent="1001",
             target="C9", detail={"reason": "投诉升级, 客户情绪激动"}, result="done: 强插成功",
             roles=["director"]),
        dict(at=T0 + timedelta(days=1, minutes=1), operator="L01", action="sign_in",
             result="ok", roles=["shift_leader"], workstation="值班台-1"),
    ]
    with e.begin() as c:
        return [auditlog.audit(c, **r) for r in rows]  # type: ignore[arg-type]


# ---- append-only, enforced by the database -------------------------------------------------


def test_update_and_delete_are_refused_by_the_database(eng: sa.Engine) -> None:
    ids = fill(eng)
    assert ids == sorted(ids) and len(set(ids)) == 5  # monotonic
    attempts = ["UPDATE audit_log SET result = 'done: nothing happened' WHERE id = :i",
                "UPDATE audit_log SET operator = 'someone_else'",
                "DELETE FROM audit_log WHERE id = :i",
                "DELETE FROM audit_log"]
    if eng.dialect.name == "postgresql":
        attempts.append("TRUNCATE audit_log")
    for sql in attempts:
        with pytest.raises(sa.exc.DBAPIError, match="audit_log is append-only"), \
                eng.begin() as c:
            c.execute(sa.text(sql), {"i": ids[2]})
    # the ORM way fails just the same
    from models.db.schema import AuditLogRow
    with pytest.raises(sa.exc.DBAPIError, match="append-only"), eng.begin() as c:
        c.execute(sa.update(AuditLogRow).values(result="ok"))
    with eng.connect() as c:
        rows = auditlog.query_audit(c, newest_first=False)
    assert [r.id for r in rows] == ids
    assert rows[2].result.startswith("refused: 无权限")


def test_downgrade_removes_the_tables_and_upgrade_restores_the_guard(eng: sa.Engine) -> None:
    cfg = dbengine._alembic_config()
    with eng.begin() as c:
        cfg.attributes["connection"] = c
        command.downgrade(cfg, "0002")
    insp = sa.inspect(eng)
    assert not {"audit_log", "operator", "operator_role"} & set(insp.get_table_names())
    dbengine.upgrade(eng)
    fill(eng)
    with pytest.raises(sa.exc.DBAPIError, match="append-only"), eng.begin() as c:
        c.execute(sa.text("DELETE FROM audit_log"))


# ---- queries --------------------------------------------------------------------------------


def test_query_filters_by_date_operator_agent_and_action(eng: sa.Engine) -> None:
    ids = fill(eng)
    with eng.connect() as c:
        def q(**kw: object) -> list[int]:
            return [r.id for r in auditlog.query_audit(c, newest_first=False, **kw)]  # type: ignore[arg-type]

        assert q() == ids
        assert q(start=T0, end=T0 + timedelta(days=1)) == ids[:3]  # [start, end)
        assert q(start=T0 + timedelta(minutes=5)) == ids[1:]
        assert q(operator="L01") == [ids[0], ids[1], ids[4]]
        assert q(agent="1001") == [ids[0], ids[1], ids[3]]
        assert q(action="barge") == [ids[3]]
        assert q(action=["monitor", "stop"]) == ids[:2]
        assert q(operator="L01", agent="1001", start=T0 + timedelta(minutes=1)) == [ids[1]]
        assert q(operator="nobody") == []
        newest = auditlog.query_audit(c, limit=2)
    assert [r.id for r in newest] == [ids[4], ids[3]]
    assert newest[1].detail == {"reason": "投诉升级, 客户情绪激动"}
    assert newest[1].at == T0 + timedelta(days=1) and newest[1].at.tzinfo is not None
    assert newest[0].workstation == "值班台-1" and newest[0].roles == "shift_leader"


# ---- CSV export -------------------------------------------------------------------------------


def test_csv_export_opens_in_excel_with_chinese_intact(eng: sa.Engine, tmp_path: Path) -> None:
    fill(eng)
    with eng.connect() as c:
        rows = auditlog.query_audit(c, newest_first=False)
    path = tmp_path / "审计.csv"
    assert auditlog.export_csv(rows, path) == 5
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # the BOM Excel needs to read UTF-8
    with open(path, encoding="utf-8-sig", newline="") as f:
        back = list(csv.reader(f))
    assert tuple(back[0]) == auditlog.CSV_HEADER
    assert len(back) == 6
    for row, line in zip(rows, back[1:], strict=True):
        rec = dict(zip(auditlog.CSV_HEADER, line, strict=True))
        assert int(rec["序号 id"]) == row.id
        at = datetime.fromisoformat(rec["时间 time"])
        assert at.utcoffset() == timedelta(hours=8) and at == row.at
        assert (rec["操作员 operator"], rec["操作 action"], rec["坐席 agent"]) == (
            row.operator, row.action, row.agent or "")
        assert rec["角色 roles"] == row.roles and rec["对象 target"] == (row.target or "")
        assert rec["工作站 workstation"] == row.workstation
        if row.detail and not str(row.detail.get("reason", "")).startswith("="):
            assert json.loads(rec["详情 detail"]) == row.detail
        assert rec["结果 result"] == row.result
    assert back[1][1] == "2026-03-02T08:30:00+08:00"
    assert "质检抽查" in back[1][7] and back[4][7] == '{"reason": "投诉升级, 客户情绪激动"}'
    assert back[3][8].startswith("refused: 无权限")
    # a formula typed as a reason is text in Excel, never a live formula
    assert not any(cell.startswith("=") for line in back for cell in line)
    assert '=HYPERLINK' in back[3][7] and back[5][9] == "值班台-1"


def test_csv_export_to_open_files(eng: sa.Engine) -> None:
    fill(eng)
    with eng.connect() as c:
        rows = auditlog.query_audit(c, newest_first=False)
    b = io.BytesIO()
    assert auditlog.export_csv(rows, b) == 5
    assert b.getvalue().startswith(b"\xef\xbb\xbf") and not b.closed
    t = io.StringIO(newline="")
    auditlog.export_csv(rows, t)
    assert t.getvalue().encode("utf-8") == b.getvalue()


# ---- what else is audited where it is written ---------------------------------------------------


def test_floor_setup_and_policy_applies_are_audited_with_who(eng: sa.Engine) -> None:
    w = store.FloorWriter(eng, "cli:floor-import")
    w.append([FloorEvent("floor_setup", T0, {
        "groups": [{"id": "G1", "name": "一班"}], "queues": [{"id": "Q1", "name": "12345"}],
        "agents": [{"id": "1001", "name": "张三", "group": "G1"}]})])
    w.append([FloorEvent("floor_setup", T0 + timedelta(minutes=1), {
        "agents": [{"id": "1002", "name": "李四", "group": "G1"}], "by": "A01",
        "workstation": "IT-PC"})])
    policies.apply_policy(w, "[limits]\nhold_s = 45\n", "D01", "p.toml",
                          now=T0 + timedelta(minutes=2))
    with eng.connect() as c:
        rows = auditlog.query_audit(c, newest_first=False)
    assert [(r.action, r.operator, r.workstation) for r in rows] == [
        ("floor_setup", "cli:floor-import", ""), ("floor_setup", "A01", "IT-PC"),
        ("policy_applied", "D01", "")]
    assert rows[0].detail["agents"] == 1 and rows[0].detail["event_id"] is not None
    assert rows[2].target == "v1" and rows[2].at == T0 + timedelta(minutes=2)


def test_a_refused_change_leaves_no_audit_row(eng: sa.Engine) -> None:
    """The row commits with the change or not at all."""
    with eng.begin() as c:
        ops.create_operator(c, "A01", "管理员", "admin-pw-1", {"admin"}, by="cli:root", now=T0)
    with pytest.raises(ops.NotAllowed), eng.begin() as c:
        ops.create_operator(c, "L01", "张三", "leader-pw-1", {"shift_leader"}, by="Z9",
                            now=T0)
    with pytest.raises(RuntimeError), eng.begin() as c:
        ops.create_operator(c, "L02", "李四", "leader-pw-2", {"shift_leader"}, by="A01",
                            now=T0)
        raise RuntimeError("the caller's transaction fails later")
    with eng.connect() as c:
        assert [r.target for r in auditlog.query_audit(c)] == ["A01"]
        assert [o.id for o in ops.list_operators(c)] == ["A01"]
