"""``seatwatch alerts`` and acknowledging / resolving alerts (issue #4) on SQLite and
PostgreSQL: a scenario replayed with ``seatwatch replay`` (the rules run on its
virtual clock), then the history as JSON with the exact second each condition
became true, in the floor's time zone."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa

from console.cli import main
from models.db import alerts_db, store
from models.db import operators as ops
from models.db.audit import query_audit
from models.db.engine import make_engine
from models.domain.records import AlertRecord
from tests.zh import raises_zh

KEYS = {"id", "rule", "severity", "raised_at", "acknowledged_at", "resolved_at", "agent",
        "group", "queue", "ticket", "message"}
NOW = datetime(2026, 3, 3, 1, 0, tzinfo=UTC)

SCENARIO: dict[str, Any] = {
    "start": "2026-03-02T08:00:00+08:00",
    "floor": {"groups": [{"id": "G1", "name": "一班"}],
              "queues": [{"id": "Q1", "name": "12345热线"}],
              "agents": [{"id": "1001", "name": "张三", "group": "G1"},
                         {"id": "1002", "name": "李四", "group": "G1"}]},
    "events": [
        {"t": 0, "type": "agent_state", "agent": "1001", "state": "ready"},
        {"t": 0, "type": "agent_state", "agent": "1002", "state": "ready"},
        {"t": 60, "type": "call_queued", "call": "C1", "queue": "Q1", "caller": "13800138000"},
        {"t": 70, "type": "call_answered", "call": "C1", "agent": "1001"},
        {"t": 200, "type": "call_ended", "call": "C1"},
        {"t": 230, "type": "ticket_created", "ticket": "T1", "call": "C1", "agent": "1001",
         "category": "help", "title": "急件 人民路井盖缺失", "urgent": True},
        {"t": 240, "type": "agent_state", "agent": "1001", "state": "ready"},
        # 1002 goes on a short break at t=2000 and is back at t=2700: the pre-warning
        # (8 min) at 2480, the limit (10 min) at 2600, both cleared at 2700
        {"t": 2000, "type": "agent_state", "agent": "1002", "state": "away",
         "reason": "short_break"},
        {"t": 2700, "type": "agent_state", "agent": "1002", "state": "ready"},
    ],
    "until": 3000,
}


def at(seconds: int, offset: str = "+08:00") -> str:
    t = datetime(2026, 3, 2, 0, 0, tzinfo=UTC) + timedelta(seconds=seconds)
    h = 8 if offset == "+08:00" else 9
    return (t + timedelta(hours=h)).replace(tzinfo=None).isoformat() + offset


@pytest.fixture
def floor(db_url: str, tmp_path: Path) -> Iterator[tuple[str, sa.Engine]]:
    path = tmp_path / "scenario.json"
    path.write_text(json.dumps(SCENARIO, ensure_ascii=False), encoding="utf-8")
    assert main(["replay", str(path), "--db", db_url]) == 0
    eng = make_engine(db_url)
    now = NOW - timedelta(days=1)
    with store.writing(eng).begin() as conn:
        ops.create_operator(conn, "A1", "管理员", "secret-pw", {"admin"}, by="test", now=now)
        for oid, roles in (("L1", {"shift_leader"}), ("D1", {"director"}),
                           ("W1", {"wallboard"}), ("X1", {"shift_leader"})):
            ops.create_operator(conn, oid, f"操作员{oid}", "secret-pw", roles, by="A1", now=now)
        ops.set_disabled(conn, "X1", True, by="A1", now=now)
    yield db_url, eng
    eng.dispose()


def alerts_json(db_url: str, capsys: pytest.CaptureFixture[str], *extra: str) -> list[Any]:
    capsys.readouterr()
    assert main(["alerts", "--db", db_url, "--json", *extra]) == 0
    doc = json.loads(capsys.readouterr().out)
    assert isinstance(doc, list)
    return doc


def by_rule(doc: list[dict[str, Any]]) -> dict[tuple[str, str], dict[str, Any]]:
    return {(a["rule"], a["severity"]): a for a in doc}


def test_alerts_json_has_the_exact_second_in_floor_time(
        floor: tuple[str, sa.Engine], capsys: pytest.CaptureFixture[str]) -> None:
    db_url, _eng = floor
    doc = alerts_json(db_url, capsys)
    assert all(set(a) == KEYS for a in doc)
    got = by_rule(doc)
    assert got[("R-URGENT-1", "critical")]["raised_at"] == at(230) == "2026-03-02T08:03:50+08:00"
    assert got[("R-URGENT-2", "critical")]["raised_at"] == at(230)  # no leader on duty
    assert got[("R-TICKET-3", "info")]["raised_at"] == at(230)
    # not completed 15 min after its call ended (t=200)
    assert got[("R-TICKET-5", "warning")]["raised_at"] == at(1100)
    assert got[("R-BREAK-1", "info")]["raised_at"] == at(2480) == "2026-03-02T08:41:20+08:00"
    assert got[("R-BREAK-1", "warning")]["raised_at"] == at(2600)
    assert got[("R-BREAK-1", "warning")]["resolved_at"] == at(2700)  # back from the break
    assert got[("R-BREAK-1", "warning")]["agent"] == "1002"
    assert got[("R-BREAK-1", "warning")]["group"] == "G1"
    esc = got[("R-URGENT-2", "critical")]
    assert esc["ticket"] == "T1" and esc["acknowledged_at"] is None
    assert esc["resolved_at"] is None and "无值班长在岗" in esc["message"]
    assert "13800138000" not in json.dumps(doc, ensure_ascii=False)
    times = [a["raised_at"] for a in doc]
    assert times == sorted(times)  # oldest first


def test_alerts_active_leaves_out_what_cleared(floor: tuple[str, sa.Engine],
                                               capsys: pytest.CaptureFixture[str]) -> None:
    db_url, _eng = floor
    everything = alerts_json(db_url, capsys)
    active = alerts_json(db_url, capsys, "--active")
    assert {a["id"] for a in active} == {a["id"] for a in everything
                                         if a["resolved_at"] is None}
    assert "R-BREAK-1" not in {a["rule"] for a in active}
    assert {"R-URGENT-1", "R-URGENT-2"} <= {a["rule"] for a in active}


def test_alerts_table_is_readable(floor: tuple[str, sa.Engine],
                                  capsys: pytest.CaptureFixture[str]) -> None:
    db_url, eng = floor
    capsys.readouterr()
    assert main(["alerts", "--db", db_url]) == 0
    out = capsys.readouterr().out
    lines = out.splitlines()
    assert lines[0].split() == ["NO", "RAISED", "SEVERITY", "RULE", "STATUS", "MESSAGE"]
    urgent = next(ln for ln in lines if "R-URGENT-2" in ln)
    assert "2026-03-02 08:03:50" in urgent and "critical" in urgent and "raised" in urgent
    assert "cleared" in next(ln for ln in lines if "R-BREAK-1" in ln and "warning" in ln)
    assert "Asia/Shanghai" in lines[-1]


def test_the_floor_time_zone_comes_from_the_policy(db_url: str, tmp_path: Path,
                                                   capsys: pytest.CaptureFixture[str]) -> None:
    doc = dict(SCENARIO, policy={"floor": {"timezone": "Asia/Tokyo"}})
    path = tmp_path / "tokyo.json"
    path.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    assert main(["replay", str(path), "--db", db_url]) == 0
    got = by_rule(alerts_json(db_url, capsys))
    assert got[("R-URGENT-1", "critical")]["raised_at"] == at(230, "+09:00") \
        == "2026-03-02T09:03:50+09:00"


def _urgent(eng: sa.Engine, rule: str = "R-URGENT-2") -> AlertRecord:
    with eng.connect() as conn:
        [a] = [x for x in alerts_db.list_alerts(conn, active_only=True) if x.rule == rule]
    return a


def test_acknowledge_and_resolve_with_refusals(floor: tuple[str, sa.Engine]) -> None:
    _db_url, eng = floor
    esc = _urgent(eng)

    for who, words in (("W1", "无权限"), ("H9", "不是已登记的账号"), ("X1", "已停用")):
        with raises_zh(alerts_db.NotAllowed, words):
            alerts_db.acknowledge(eng, esc.id, who, NOW)
    with raises_zh(alerts_db.AlertError, "告警 R-NOPE.* 不存在"):
        alerts_db.acknowledge(eng, "R-NOPE|x|2026", "L1", NOW)

    rec = alerts_db.acknowledge(eng, esc.id, "L1", NOW, workstation="pc-7")
    assert (rec.acknowledged_at, rec.acknowledged_by, rec.status) == (NOW, "L1", "acknowledged")
    with pytest.raises(alerts_db.AlertError, match="acknowledged already by L1"):
        alerts_db.acknowledge(eng, esc.id, "D1", NOW + timedelta(seconds=5))

    for note in ("", "   "):
        with pytest.raises(alerts_db.AlertError, match="needs a note"):
            alerts_db.resolve(eng, esc.id, "D1", note, NOW)
    with pytest.raises(alerts_db.NotAllowed):
        alerts_db.resolve(eng, esc.id, "W1", "联系了市政局", NOW)
    later = NOW + timedelta(minutes=3)
    rec = alerts_db.resolve(eng, esc.id, "D1", " 已电话通知市政局王局长,现场已设围挡 ", later)
    assert (rec.resolved_at, rec.resolved_by, rec.status) == (later, "D1", "resolved")
    assert rec.resolve_note == "已电话通知市政局王局长,现场已设围挡"
    with pytest.raises(alerts_db.AlertError, match="resolved already"):
        alerts_db.resolve(eng, esc.id, "D1", "again", later)
    with pytest.raises(alerts_db.AlertError, match="resolved already"):
        alerts_db.acknowledge(eng, esc.id, "L1", later)

    with eng.connect() as conn:
        # the floor events every console folds, and the floor state without the alert
        kinds = [(e.type, dict(e.data)) for e in store.read_events(conn, 0)
                 if e.type in ("alert_acknowledged", "alert_resolved")
                 and e.data.get("alert") == esc.id]
        assert kinds == [("alert_acknowledged", {"alert": esc.id, "by": "L1"}),
                         ("alert_resolved", {"alert": esc.id, "by": "D1",
                                             "note": "已电话通知市政局王局长,现场已设围挡"})]
        assert esc.id not in store.current_state(conn).alerts
        ok = query_audit(conn, action=["alert_acknowledged", "alert_resolved"],
                         newest_first=False)
    done = [(e.operator, e.action, e.result) for e in ok if e.result == "ok"]
    assert done == [("L1", "alert_acknowledged", "ok"), ("D1", "alert_resolved", "ok")]
    assert {e.target for e in ok if e.result == "ok"} == {esc.id}
    assert next(e for e in ok if e.result == "ok" and e.operator == "L1").workstation == "pc-7"
    assert next(e for e in ok if e.operator == "L1" and e.result == "ok").roles == "shift_leader"
    refused = [(e.operator, e.action) for e in ok if e.result == "refused"]
    assert ("W1", "alert_acknowledged") in refused and ("W1", "alert_resolved") in refused
    assert ("D1", "alert_acknowledged") in refused  # the second acknowledgement


def test_alerts_ack_and_resolve_on_the_command_line(
        floor: tuple[str, sa.Engine], capsys: pytest.CaptureFixture[str]) -> None:
    db_url, eng = floor
    urgent = _urgent(eng, "R-URGENT-1")
    no = f"#{urgent.event_id}"  # the NO column of the table
    capsys.readouterr()
    assert main(["alerts", "ack", no, "--by", "W1", "--db", db_url]) == 1
    err = capsys.readouterr().err
    assert err.startswith("seatwatch: error: 无权限") and err.count("\n") == 1
    assert main(["alerts", "--db", db_url, "ack", urgent.id, "--by", "L1"]) == 0
    assert "acknowledged by L1" in capsys.readouterr().out
    assert main(["alerts", "resolve", no, "--by", "L1", "--note", "  ", "--db", db_url]) == 1
    assert "解除告警须填写处理说明" in capsys.readouterr().err
    assert main(["alerts", "resolve", no, "--by", "L1", "--note", "已转市政局",
                 "--db", db_url]) == 0
    assert main(["alerts", "ack", "#99999", "--by", "L1", "--db", db_url]) == 1
    assert "不存在" in capsys.readouterr().err
    got = {a["id"]: a for a in alerts_json(db_url, capsys)}[urgent.id]
    assert got["acknowledged_at"].endswith("+08:00") and got["resolved_at"].endswith("+08:00")
    assert urgent.id not in {a["id"] for a in alerts_json(db_url, capsys, "--active")}
    assert main(["alerts", "ack", no, "--by", "L1"]) == 1
    assert "须指定 --db" in capsys.readouterr().err


def test_contacts_are_validated_row_by_row_and_audited(floor: tuple[str, sa.Engine]) -> None:
    _db_url, eng = floor
    good = [{"unit": "市政局", "head": "王局长", "phone": "139-0000-0001"},
            {"unit": "交通局", "head": "李处长", "phone": "+86 137 0000 0002"}]
    bad = [({"unit": " ", "head": "王", "phone": "1390000"}, "第 2 个联系人：承办单位为空"),
           ({"unit": "水务局", "head": "", "phone": "1390000"}, "第 2 个联系人：负责人为空"),
           ({"unit": "水务局", "head": "赵", "phone": "139 abc"}, "第 2 个联系人：电话只能包含数字"),
           ({"unit": "水务局", "head": "赵", "phone": "12"}, "第 2 个联系人："),
           ({"unit": "市政局", "head": "王", "phone": "13900000001"}, "与第 1 个联系人重复")]
    for row, words in bad:
        with raises_zh(alerts_db.ContactError, words), store.writing(eng).begin() as conn:
            alerts_db.replace_contacts(conn, [good[0], row], by="L1", now=NOW)
    with pytest.raises(alerts_db.NotAllowed), store.writing(eng).begin() as conn:
        alerts_db.replace_contacts(conn, good, by="W1", now=NOW)
    with store.writing(eng).begin() as conn:
        saved = alerts_db.replace_contacts(conn, good, by="L1", now=NOW)
    assert [(c.unit, c.position) for c in saved] == [("市政局", 0), ("交通局", 1)]
    with eng.connect() as conn:
        assert alerts_db.contacts(conn) == saved
        [entry] = query_audit(conn, action="contacts_changed")
    assert entry.operator == "L1" and entry.detail["count"] == 2
    assert alerts_db.mobile("+86 137 0000 0002") == "13700000002"


def test_notify_contacts_from_a_csv_file(floor: tuple[str, sa.Engine], tmp_path: Path,
                                         capsys: pytest.CaptureFixture[str]) -> None:
    db_url, eng = floor
    good = tmp_path / "contacts.csv"
    good.write_bytes("单位,负责人,电话\r\n市政局,王局长,139-0000-0001\r\n交通局,李处长,"
                     "13700000002\r\n".encode("gbk"))  # as Excel saves it
    bad = tmp_path / "bad.csv"
    bad.write_text("unit,head,phone\n市政局,王局长,139-0000-0001\n水务局,赵,电话待定\n",
                   encoding="utf-8")
    capsys.readouterr()
    assert main(["notify", "contacts", "--db", db_url, "--set", str(bad), "--by", "L1"]) == 1
    err = capsys.readouterr().err
    assert "第 2 个联系人" in err and "电话" in err and err.count("\n") == 1
    assert main(["notify", "contacts", "--db", db_url, "--set", str(good), "--by", "W1"]) == 1
    assert main(["notify", "contacts", "--db", db_url, "--set", str(good), "--by", "L1"]) == 0
    assert main(["notify", "contacts", "--db", db_url]) == 0
    out = capsys.readouterr().out
    assert "2 contact(s) stored" in out and "王局长" in out and "13700000002" in out
    with eng.connect() as conn:
        assert [c.head for c in alerts_db.contacts(conn)] == ["王局长", "李处长"]


def test_notify_contacts_read_a_gb18030_name(floor: tuple[str, sa.Engine], tmp_path: Path,
                                             capsys: pytest.CaptureFixture[str]) -> None:
    """王䶮: 䶮 is in GB18030, not GBK; the old GBK decoder refused the file (issue #15)."""
    db_url, eng = floor
    path = tmp_path / "contacts.csv"
    path.write_bytes("单位,负责人,电话\r\n市政局,王䶮,139-0000-0001\r\n".encode("gb18030"))
    assert main(["notify", "contacts", "--db", db_url, "--set", str(path), "--by", "L1"]) == 0
    with eng.connect() as conn:
        assert [c.head for c in alerts_db.contacts(conn)] == ["王䶮"]
    path.write_bytes("单位,负责人,电话\r\n".encode("utf-16"))
    capsys.readouterr()
    assert main(["notify", "contacts", "--db", db_url, "--set", str(path), "--by", "L1"]) == 1
    assert capsys.readouterr().err == f"seatwatch: error: {path}：既不是 UTF-8 也不是 GBK 文本\n"
