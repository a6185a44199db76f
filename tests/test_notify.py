"""Urgent-ticket escalation delivery (R-URGENT-2, issue #4) on SQLite and PostgreSQL,
against a real HTTP server on 127.0.0.1 playing the WeCom / DingTalk group robot.

The escalation comes from replaying a scenario through the alert rules
(``rules.with_rules``) into the database with a ``FloorWriter``: an urgent ticket
(急件) while no shift leader is on duty escalates at once (``no_leader``); with a
leader on duty who does not acknowledge, after the policy's 60 s."""

from __future__ import annotations

import io
import json
import socket
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa

from console import notify
from console.cli import main
from models.db import alerts_db, notify_db, store
from models.db import operators as ops
from models.db.engine import KEYRING_SERVICE
from models.domain import rules
from models.domain.records import AlertRecord, Notification
from models.domain.texts import from_stored
from models.sim import scenario as sc
from tests.zh import zh

NOW = datetime(2026, 3, 2, 0, 10, tzinfo=UTC)
CALLER = "13800138000"
TITLE = "急件 人民路井盖缺失,来电人 13800138000 反映有行人跌落"
SECRET = "SECRETKEY-5f3a9c0e41d2b7"
CONTACTS = [{"unit": "市政局", "head": "王局长", "phone": "139-0000-0001"},
            {"unit": "交通局", "head": "李处长", "phone": "+86 137 0000 0002"}]
MOBILES = ["13900000001", "13700000002"]


def scenario(leader: bool = False, title: str = TITLE) -> dict[str, Any]:
    events: list[dict[str, Any]] = [
        {"t": 0, "type": "agent_state", "agent": "1001", "state": "ready"},
        {"t": 60, "type": "call_queued", "call": "C1", "queue": "Q1", "caller": CALLER},
        {"t": 70, "type": "call_answered", "call": "C1", "agent": "1001"},
        {"t": 200, "type": "call_ended", "call": "C1"},
        {"t": 230, "type": "ticket_created", "ticket": "T1", "call": "C1", "agent": "1001",
         "category": "help", "title": title, "urgent": True},
    ]
    if leader:
        events.insert(0, {"t": 0, "type": "shift_leader_on_duty", "agent": "9001", "on": True})
    return {"start": "2026-03-02T08:00:00+08:00",
            "floor": {"groups": [{"id": "G1", "name": "一班"}],
                      "queues": [{"id": "Q1", "name": "12345热线"}],
                      "agents": [{"id": "1001", "name": "张三", "group": "G1"},
                                 {"id": "9001", "name": "赵班长", "group": "G1"}]},
            "events": events, "until": 600}


def replay(eng: sa.Engine, doc: dict[str, Any]) -> None:
    scen = sc.parse(doc)
    writer = store.FloorWriter(eng, source="test")
    events = list(rules.with_rules(writer.current(), scen.events, scen.until))
    res = writer.append(events)
    assert not res.rejected


def seed_people(eng: sa.Engine, contacts: list[dict[str, Any]] | None = None) -> None:
    now = NOW - timedelta(days=1)
    with store.writing(eng).begin() as conn:
        ops.create_operator(conn, "A1", "管理员", "secret-pw", {"admin"}, by="test", now=now)
        for oid, name, roles in (("D1", "钱主任", {"director"}), ("D2", "孙主任", {"director"}),
                                 ("D3", "周主任", {"director"}), ("L1", "吴班长", {"shift_leader"}),
                                 ("H1", "郑部长", {"department_head"})):
            ops.create_operator(conn, oid, name, "secret-pw", roles, by="A1", now=now)
        ops.set_disabled(conn, "D3", True, by="A1", now=now)
        alerts_db.replace_contacts(conn, CONTACTS if contacts is None else contacts,
                                   by="L1", now=now)


def escalation(eng: sa.Engine) -> AlertRecord:
    with eng.connect() as conn:
        found = [a for a in alerts_db.list_alerts(conn) if a.rule == "R-URGENT-2"]
    assert len(found) == 1
    return found[0]


def trail(eng: sa.Engine, alert_id: str) -> dict[tuple[str, str], Notification]:
    with eng.connect() as conn:
        return {(n.channel, n.target): n for n in alerts_db.notifications(conn, alert_id)}


# ---- the robot --------------------------------------------------------------------------


@dataclass
class Robot:
    """A local group robot: records every POST, answers from ``script`` (status, body)
    in turn, then ``{"errcode": 0}``."""

    port: int = 0
    requests: list[dict[str, Any]] = field(default_factory=list)
    script: list[tuple[int, str]] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def url(self, path: str = "/cgi-bin/webhook/send") -> str:
        return f"http://127.0.0.1:{self.port}{path}?key={SECRET}"

    def bodies(self) -> list[dict[str, Any]]:
        return [r["json"] for r in self.requests]


@pytest.fixture
def robot() -> Iterator[Robot]:
    bot = Robot()

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:  # noqa: N802 (http.server's name)
            raw = self.rfile.read(int(self.headers.get("Content-Length", "0")))
            with bot.lock:
                bot.requests.append({"path": self.path, "raw": raw,
                                     "content_type": self.headers.get("Content-Type"),
                                     "json": json.loads(raw.decode("utf-8"))})
                status, body = bot.script.pop(0) if bot.script else \
                    (200, '{"errcode":0,"errmsg":"ok"}')
            data = body.replace("{path}", self.path).encode("utf-8")
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def log_message(self, format: str, *args: Any) -> None:  # keep the test output clean
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    bot.port = server.server_address[1]
    thread = threading.Thread(target=server.serve_forever, name="robot", daemon=True)
    thread.start()
    yield bot
    server.shutdown()
    server.server_close()
    thread.join(5)


def configure(eng: sa.Engine, kind: str, url: str) -> None:
    notify.set_webhook(eng, kind, url, by="test", now=NOW)


# ---- delivery ---------------------------------------------------------------------------


def test_escalation_reaches_directors_robot_and_unit_heads(eng: sa.Engine, robot: Robot) -> None:
    seed_people(eng)
    configure(eng, "wecom", robot.url())
    replay(eng, scenario())
    esc = escalation(eng)
    assert esc.detail["why"] == "no_leader"
    assert esc.raised_at == datetime(2026, 3, 2, 0, 3, 50, tzinfo=UTC)

    assert notify.deliver_due(eng, NOW) == 1
    assert len(robot.requests) == 1
    req = robot.requests[0]
    assert req["content_type"] == "application/json; charset=utf-8"
    body = req["json"]
    assert set(body) == {"msgtype", "text"} and body["msgtype"] == "text"
    assert set(body["text"]) == {"content", "mentioned_mobile_list"}
    assert body["text"]["mentioned_mobile_list"] == MOBILES
    content = body["text"]["content"]
    assert "无值班长在岗" in content
    assert "人民路井盖缺失" in content and "T1" in content
    assert "2026-03-02 08:03:50" in content and "UTC+08:00" in content  # floor time
    assert "王局长" in content and "交通局" in content
    # R-PRIV-1: the caller's number never leaves, not even typed into the title
    assert CALLER not in req["raw"].decode("utf-8") and "138****8000" in content

    t = trail(eng, esc.id)
    consoles = {k[1]: n for k, n in t.items() if k[0] == "console"}
    assert set(consoles) == {"D1", "D2"}  # enabled directors only
    assert all(n.status == "sent" and n.sent_at == NOW for n in consoles.values())
    hook = t[("webhook", "wecom")]
    assert (hook.status, hook.attempts, hook.sent_at, hook.last_error) == ("sent", 1, NOW, None)
    phones = {k[1]: n for k, n in t.items() if k[0] == "phone"}
    assert set(phones) == {"市政局 王局长 (139-0000-0001)", "交通局 李处长 (+86 137 0000 0002)"}
    assert all(n.status == "sent" and n.sent_at == NOW for n in phones.values())
    assert len(t) == 5

    # nothing is sent twice, however often the job runs
    for s in (5, 10, 60, 600):
        assert notify.deliver_due(eng, NOW + timedelta(seconds=s)) == 0
    assert len(robot.requests) == 1
    assert len(trail(eng, esc.id)) == 5


def test_failed_delivery_is_shown_and_retried_with_backoff_until_sent(eng: sa.Engine,
                                                                      robot: Robot) -> None:
    seed_people(eng)
    configure(eng, "wecom", robot.url())
    replay(eng, scenario())
    esc = escalation(eng)
    robot.script = [(500, "internal error"),
                    (200, '{"errcode":93000,"errmsg":"invalid webhook url"}'),
                    (502, ""), (500, ""), (503, "")]
    # (seconds after the first try, the row's attempts after it, last error)
    tries = [(0, 1, "HTTP 500: internal error"), (10, 2, "errcode 93000: invalid webhook url"),
             (40, 3, "HTTP 502"), (100, 4, "HTTP 500"), (400, 5, "HTTP 503")]
    for i, (at, attempts, error) in enumerate(tries):
        now = NOW + timedelta(seconds=at)
        if i:  # a second before the backoff is over: nothing is sent
            assert notify.deliver_due(eng, now - timedelta(seconds=1)) == 0
            assert len(robot.requests) == i
        assert notify.deliver_due(eng, now) == 0
        assert len(robot.requests) == i + 1
        hook = trail(eng, esc.id)[("webhook", "wecom")]
        assert (hook.status, hook.attempts, hook.last_error) == ("failed", attempts, error)
        assert hook.next_try_at == now + notify.backoff(attempts)
        phones = [n for n in trail(eng, esc.id).values() if n.channel == "phone"]
        assert phones and all(n.status == "failed" and n.attempts == attempts
                              and zh(from_stored(n.last_error)) == f"wecom：{error}"
                              for n in phones)
    assert [notify.backoff(n).total_seconds() for n in range(1, 7)] == \
        [10, 30, 60, 300, 300, 300]

    # never dropped: the sixth try, 5 min later, goes through
    final = NOW + timedelta(seconds=700)
    assert notify.deliver_due(eng, final) == 1
    assert len(robot.requests) == 6
    assert robot.bodies()[0] == robot.bodies()[5]  # the same message each time
    t = trail(eng, esc.id)
    hook = t[("webhook", "wecom")]
    assert (hook.status, hook.attempts, hook.sent_at) == ("sent", 6, final)
    assert all(n.status == "sent" and n.sent_at == final
               for n in t.values() if n.channel == "phone")
    assert notify.deliver_due(eng, final + timedelta(hours=1)) == 0
    assert len(robot.requests) == 6


def test_dingtalk_format_and_both_robots(eng: sa.Engine, robot: Robot) -> None:
    seed_people(eng)
    configure(eng, "dingtalk", robot.url("/robot/send").replace("key=", "access_token="))
    configure(eng, "wecom", robot.url())
    replay(eng, scenario(leader=True))
    esc = escalation(eng)
    # a leader on duty who did not acknowledge within the policy's 60 s
    assert esc.detail["why"] == "not_acknowledged"
    assert esc.raised_at == datetime(2026, 3, 2, 0, 4, 50, tzinfo=UTC)

    assert notify.deliver_due(eng, NOW) == 2
    by_path = {r["path"].split("?")[0]: r["json"] for r in robot.requests}
    ding = by_path["/robot/send"]
    assert set(ding) == {"msgtype", "text", "at"} and ding["msgtype"] == "text"
    assert set(ding["text"]) == {"content"}
    assert ding["at"] == {"atMobiles": MOBILES, "isAtAll": False}
    content = ding["text"]["content"]
    assert "未在规定时间内确认" in content and "2026-03-02 08:04:50" in content
    assert all(f"@{m}" in content for m in MOBILES)  # DingTalk shows a mention only so
    assert CALLER not in json.dumps(ding, ensure_ascii=False)
    wecom = by_path["/cgi-bin/webhook/send"]
    assert wecom["text"]["mentioned_mobile_list"] == MOBILES
    assert "未在规定时间内确认" in wecom["text"]["content"]
    t = trail(eng, esc.id)
    assert t[("webhook", "dingtalk")].status == t[("webhook", "wecom")].status == "sent"


def test_a_unit_head_counts_as_told_once_any_robot_got_through(eng: sa.Engine,
                                                               robot: Robot) -> None:
    seed_people(eng)
    configure(eng, "dingtalk", robot.url("/robot/send"))
    configure(eng, "wecom", robot.url())
    replay(eng, scenario())
    esc = escalation(eng)
    robot.script = [(500, "down")]  # the first robot fails, the second one delivers
    assert notify.deliver_due(eng, NOW) == 1
    t = trail(eng, esc.id)
    assert sorted(n.status for k, n in t.items() if k[0] == "webhook") == ["failed", "sent"]
    assert all(n.status == "sent" for k, n in t.items() if k[0] == "phone")


def test_without_a_robot_unit_heads_are_shown_as_to_be_phoned(eng: sa.Engine) -> None:
    seed_people(eng)
    replay(eng, scenario())
    esc = escalation(eng)
    assert notify.deliver_due(eng, NOW) == 0
    t = trail(eng, esc.id)
    assert {k for k in t if k[0] == "console"} == {("console", "D1"), ("console", "D2")}
    phones = [n for n in t.values() if n.channel == "phone"]
    assert len(phones) == 2
    assert all(n.status == "failed" and zh(from_stored(n.last_error)) == "未配置群机器人，请电话通知"
               for n in phones)
    assert not [k for k in t if k[0] == "webhook"]


def test_nobody_to_notify_is_shown_not_hidden(eng: sa.Engine) -> None:
    replay(eng, scenario())  # no operators, no contacts, no robot
    esc = escalation(eng)
    assert notify.plan(eng, NOW) == 1
    assert notify.plan(eng, NOW) == 0  # planned once
    [row] = trail(eng, esc.id).values()
    assert (row.channel, row.status) == ("none", "failed")
    assert zh(from_stored(row.last_error)).startswith("无人可通知")


def test_a_robot_url_missing_from_this_pcs_keyring_fails_visibly(
        eng: sa.Engine, robot: Robot, memory_keyring: Any) -> None:
    seed_people(eng)
    configure(eng, "wecom", robot.url())
    memory_keyring.store.clear()  # a standby host where set-webhook was never run
    replay(eng, scenario())
    esc = escalation(eng)
    assert notify.deliver_due(eng, NOW) == 0
    hook = trail(eng, esc.id)[("webhook", "wecom")]
    assert hook.status == "failed" and "密钥环" in zh(from_stored(hook.last_error))
    assert robot.requests == []
    configure(eng, "wecom", robot.url())  # put right: the next retry goes through
    assert notify.deliver_due(eng, NOW + notify.backoff(1)) == 1


# ---- the secret ---------------------------------------------------------------------------


def _closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _all_rows_text(eng: sa.Engine) -> str:
    md = sa.MetaData()
    md.reflect(eng)
    out = []
    with eng.connect() as conn:
        for t in md.sorted_tables:
            for row in conn.execute(sa.select(t)):
                out.append(repr(tuple(row)))
    return "\n".join(out)


def test_the_robot_url_lives_in_the_keyring_only(eng: sa.Engine, db_url: str, robot: Robot,
                                                 memory_keyring: Any, tmp_path: Path,
                                                 monkeypatch: pytest.MonkeyPatch,
                                                 capsys: pytest.CaptureFixture[str]) -> None:
    seed_people(eng)
    url = robot.url()
    monkeypatch.setattr("sys.stdin", io.StringIO(url + "\n"))
    assert main(["-v", "notify", "set-webhook", "--kind", "wecom", "--db", db_url]) == 0
    assert main(["-v", "notify", "show", "--db", db_url]) == 0
    assert main(["-v", "notify", "test", "--db", db_url]) == 0
    out = capsys.readouterr()
    assert "key=***" in out.out and "wecom: ok" in out.out
    assert robot.bodies()[0]["msgtype"] == "text" and "测试" in robot.bodies()[0]["text"][
        "content"]
    assert [v for v in memory_keyring.store.values() if SECRET in v] == [url]
    assert not [k for k in memory_keyring.store if SECRET in k[1]]
    assert all(k[0] == KEYRING_SERVICE for k in memory_keyring.store)

    # failures whose answer echoes the request line, and an unreachable robot
    replay(eng, scenario())
    robot.script = [(500, "bad request {path}")]
    assert notify.deliver_due(eng, NOW) == 0
    assert main(["-v", "notify", "log", "--db", db_url]) == 0
    notify.set_webhook(eng, "wecom", f"http://127.0.0.1:{_closed_port()}/send?key={SECRET}",
                       by="test", now=NOW)
    assert main(["-v", "notify", "test", "--db", db_url]) == 1
    assert notify.deliver_due(eng, NOW + timedelta(seconds=10)) == 0
    hook = trail(eng, escalation(eng).id)[("webhook", "wecom")]
    assert hook.attempts == 2 and "cannot reach the robot" in (hook.last_error or "")

    out = capsys.readouterr()
    assert SECRET not in out.out + out.err
    assert SECRET not in _all_rows_text(eng)  # not in any row of any table
    files = [p for p in tmp_path.rglob("*") if p.is_file()]
    assert any(p.name.endswith(".log") for p in files)  # the log was written …
    for p in files:  # … and neither it nor the SQLite file holds the secret
        assert SECRET.encode() not in p.read_bytes(), p


def test_set_webhook_refuses_what_is_not_an_http_url(eng: sa.Engine, db_url: str,
                                                     monkeypatch: pytest.MonkeyPatch,
                                                     capsys: pytest.CaptureFixture[str]) -> None:
    for bad in ("file:///etc/passwd", "qyapi.weixin.qq.com/send?key=x", ""):
        monkeypatch.setattr("sys.stdin", io.StringIO(bad + "\n"))
        assert main(["notify", "set-webhook", "--kind", "wecom", "--db", db_url]) == 1
        err = capsys.readouterr().err
        assert err.startswith("seatwatch: error:") and err.count("\n") == 1
    with eng.connect() as conn:
        assert notify_db.webhook_kinds(conn) == []


def test_redact_hides_every_secret() -> None:
    assert notify.redact(f"https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key={SECRET}") \
        == "https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=***"
    assert notify.redact(f"https://oapi.dingtalk.com/robot/send?access_token={SECRET}"
                         "&timestamp=1&sign=abc") == \
        "https://oapi.dingtalk.com/robot/send?access_token=***&timestamp=***&sign=***"
    assert SECRET not in notify.redact(f"https://u:{SECRET}@example.com/hook/{SECRET}")


def test_numbers_typed_into_a_title_are_masked_but_dates_are_not() -> None:
    assert notify.scrub_numbers("来电人 13800138000 反映") == "来电人 138****8000 反映"
    assert notify.scrub_numbers("回拨 138 0013 8000 或 010-12345678") == \
        "回拨 138****8000 或 010****5678"
    assert notify.scrub_numbers("2026-03-02 人民路 12 号,12345热线转") == \
        "2026-03-02 人民路 12 号,12345热线转"
