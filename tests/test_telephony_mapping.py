"""The floor mapping onto Asterisk as data (issue #14, "Floor mapping, as data").

A mapping file is validated as strictly as the policy: every refusal names the
file, the key and the reason in one line. It round-trips through TOML; it is
applied and versioned in the database (SQLite and PostgreSQL), the last good
version staying in force; ``discover`` drafts one from a QueueStatus reply; the
command line validates, applies and shows it, and keeps the AMI secret in the
keyring only.
"""

from __future__ import annotations

import io
import logging
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import keyring.errors
import pytest
import sqlalchemy as sa

from console import ami_secret, cli
from models.db import audit as auditlog
from models.db import engine as dbengine
from models.db import telephony_db
from models.telephony import mapping as mp
from models.telephony.mapping import MappingError, parse_toml

ROOT = Path(__file__).resolve().parent.parent
AT = datetime(2026, 3, 2, 1, 30, tzinfo=UTC)

BASE = """\
[ami]
host = "127.0.0.1"
port = 5038
user = "seatwatch"
ping_s = 10
connect_timeout_s = 5
action_timeout_s = 5

[[queues]]
asterisk = "q1"
queue = "Q1"
name = "咨询"
wrapup_s = 5

[[queues]]
asterisk = "q2"
queue = "Q2"
name = "投诉"

[[agents]]
agent = "8001"
interface = "Local/8001@agents/n"
member_name = "Agent 8001"
state_interface = "Custom:8001"
name = "张三"

[[agents]]
agent = "8002"
interface = "PJSIP/8002"
member_name = "李四"

[pause_reasons]
"小休" = "short_break"
"就餐" = "meal"
"话后处理" = "after_call"

[[supervisors]]
operator = "9001"
endpoint = "Local/9001@sup"
context = "sup"
exten = "9001"

[ivr]
contexts = ["ivr-main"]
queue = "Q1"
"""


def base() -> mp.TelephonyMapping:
    return parse_toml(BASE, "floor.toml")


def test_the_design_example_and_the_shipped_example_are_valid() -> None:
    m = base()
    assert m.ami == mp.AmiEndpoint("127.0.0.1", 5038, "seatwatch", 10.0, 5.0, 5.0)
    assert m.queue_for("q1") == mp.QueueMap("q1", "Q1", "咨询", 5.0)
    assert m.queue_for("q2") == mp.QueueMap("q2", "Q2", "投诉", 0.0)
    assert m.queue_for("Q1") is None and m.queue_for(None) is None
    assert m.supervisor("9001") == mp.SupervisorMap("9001", "Local/9001@sup", "sup", "9001")
    assert m.supervisor("9002") is None
    assert (m.ivr_contexts, m.ivr_queue) == (("ivr-main",), "Q1")
    shipped = (ROOT / "resources/telephony/example.toml").read_text(encoding="utf-8")
    ex = parse_toml(shipped, "example.toml")
    assert len(ex.queues) == 3 and ex.agent_for("PJSIP/8002") is not None


def test_defaults_fill_what_a_small_file_leaves_out() -> None:
    m = parse_toml('[ami]\nhost = "pbx.local"\nuser = "sw"\n', "min.toml")
    assert m.ami == mp.AmiEndpoint("pbx.local", 5038, "sw", 10.0, 5.0, 5.0)
    assert (m.queues, m.agents, m.supervisors, dict(m.pause_reasons)) == ((), (), (), {})
    assert m.ivr_queue is None


# ---- every refusal names the key and the reason ---------------------------------------

BAD: list[tuple[str, str, str, str]] = [
    # (what to replace in BASE, with what, the key path, a fragment of the reason)
    ("port = 5038", "port = 0", "ami.port", "between 1 and 65535"),
    ("port = 5038", "port = 65536", "ami.port", "between 1 and 65535"),
    ("port = 5038", 'port = "5038"', "ami.port", "whole number"),
    ("port = 5038", "port = 5038.0", "ami.port", "whole number"),
    ("ping_s = 10", "ping_s = nan", "ami.ping_s", "finite"),
    ("ping_s = 10", "ping_s = inf", "ami.ping_s", "finite"),
    ("ping_s = 10", "ping_s = 1e308", "ami.ping_s", "at most 300"),
    ("connect_timeout_s = 5", "connect_timeout_s = 0", "ami.connect_timeout_s",
     "more than 0"),
    ("action_timeout_s = 5", "action_timeout_s = -1", "ami.action_timeout_s", "more than 0"),
    ("action_timeout_s = 5", "action_timeout_s = true", "ami.action_timeout_s", "a number"),
    ('user = "seatwatch"', 'user = "seatwatch"\nsecret = "s3cret"', "ami.secret",
     "seatwatch telephony set-secret"),
    ('name = "张三"', 'name = "张三"\npassword = "x"', "agents[0].password", "keyring"),
    ('user = "seatwatch"', 'user = "seatwatch"\nAMI_Secret = "x"', "ami.AMI_Secret",
     "keyring"),
    ('user = "seatwatch"', 'user = "seatwatch"\nhots = "x"', "ami.hots", "unknown key"),
    ('user = "seatwatch"', 'user = "sea:watch"', "ami.user", "user name"),
    ('host = "127.0.0.1"', 'host = "pbx; rm -rf"', "ami.host", "must not contain spaces"),
    ('host = "127.0.0.1"', 'host = "-pbx"', "ami.host", "host name"),
    ('host = "127.0.0.1"\n', "", "ami.host", "is required"),
    ("[ami]", "[amii]", "amii", "unknown key"),
    ('queue = "Q1"\nname = "咨询"', 'queue = "Q 1"\nname = "咨询"', "queues[0].queue",
     "an id of at most 40"),
    ('asterisk = "q2"', 'asterisk = "q1"', "queues[1].asterisk", "duplicate of queues[0]"),
    ("wrapup_s = 5", "wrapup_s = -1", "queues[0].wrapup_s", "between 0 and 3600"),
    ("wrapup_s = 5", "wrapup_s = 99999", "queues[0].wrapup_s", "between 0 and 3600"),
    ('asterisk = "q1"', 'asterisk = ""', "queues[0].asterisk", "must not be empty"),
    ('agent = "8002"', 'agent = "8001"', "agents[1].agent", "duplicate of agents[0]"),
    ('interface = "PJSIP/8002"', 'interface = "Local/8001@agents/n"', "agents[1].interface",
     "duplicate of agents[0]"),
    ('member_name = "李四"', 'member_name = "Agent 8001"', "agents[1].member_name",
     "duplicate of agents[0]"),
    ('agent = "8002"', 'agent = "80 02"', "agents[1].agent", "an id of at most 40"),
    ('agent = "8002"', 'agent = "工号8002"', "agents[1].agent", "an id of at most 40"),
    ('interface = "PJSIP/8002"', 'interface = "PJSIP/80\\u000702"', "agents[1].interface",
     "control characters"),
    ('member_name = "李四"', 'member_name = "' + "李" * 81 + '"', "agents[1].member_name",
     "at most 80 characters"),
    ('"就餐" = "meal"', '"就餐" = "lunch"', "pause_reasons.就餐", "must be one of short_break"),
    ('"就餐" = "meal"', '" 小休 " = "meal"', "pause_reasons. 小休 ", "duplicate of"),
    ('"就餐" = "meal"', '"" = "meal"', "pause_reasons.''", "must not be empty"),
    ('exten = "9001"\n', "", "supervisors[0].exten", "context and exten go together"),
    ('endpoint = "Local/9001@sup"', 'endpoint = ""', "supervisors[0].endpoint",
     "must not be empty"),
    # it goes into an Originate: a comma would add ChanSpy options, | another argument
    ('endpoint = "Local/9001@sup"', 'endpoint = "Local/9001@sup,qB"', "supervisors[0].endpoint",
     "TECHNOLOGY/resource"),
    ('context = "sup"', 'context = "sup|x"', "supervisors[0].context", "letters, digits"),
    ('contexts = ["ivr-main"]', 'contexts = "ivr-main"', "ivr.contexts", "list of texts"),
    ('contexts = ["ivr-main"]', 'contexts = ["ivr-main", "ivr-main"]', "ivr.contexts[1]",
     "duplicate of ivr.contexts[0]"),
    ('contexts = ["ivr-main"]\nqueue = "Q1"', 'contexts = ["ivr-main"]\nqueue = "Q9"',
     "ivr.queue", "not the queue of any [[queues]]"),
    ("[[supervisors]]", "[[supervisor]]", "supervisor", "unknown key"),
    ('name = "投诉"', 'name = "投诉', "(file)", "not valid TOML"),
    ('port = 5038', 'port = 5038\nport = 5039', "(file)", "not valid TOML"),
]


@pytest.mark.parametrize(("old", "new", "key", "why"), BAD, ids=[f"{b[2]}:{b[3][:20]}"
                                                                 for b in BAD])
def test_a_bad_mapping_is_refused_naming_the_key(old: str, new: str, key: str,
                                                 why: str) -> None:
    assert old in BASE
    text = BASE.replace(old, new, 1)
    with pytest.raises(MappingError) as info:
        parse_toml(text, "floor.toml")
    msg = str(info.value)
    assert "\n" not in msg and msg.startswith(f"floor.toml: {key}: "), msg
    assert why in msg, msg
    assert info.value.key == key and info.value.source == "floor.toml"
    assert "s3cret" not in msg  # a refused secret is never echoed


def test_at_least_fifteen_distinct_keys_are_covered() -> None:
    assert len({b[2] for b in BAD}) >= 15


def test_the_error_carries_a_message_a_console_translates() -> None:
    with pytest.raises(MappingError) as info:
        parse_toml(BASE.replace("port = 5038", "port = 0"), "floor.toml")
    m = info.value.msg
    assert (m.context, m.source) == ("Mapping", "{source}: {key}: {reason}")
    assert m.args["reason"].context == "Mapping"


def test_a_document_that_is_not_a_table_is_refused_in_one_line() -> None:
    for doc in (None, [], "x", 3):
        with pytest.raises(MappingError, match=r"^document: \(document\): must be a table"):
            mp.TelephonyMapping.from_dict(doc)


# ---- round trip -----------------------------------------------------------------------


def test_to_toml_round_trips() -> None:
    m = base()
    assert parse_toml(m.to_toml(), "again.toml") == m
    assert mp.TelephonyMapping.from_dict(m.to_dict()) == m


def test_to_toml_round_trips_awkward_texts() -> None:
    odd = BASE.replace('member_name = "李四"',
                       'member_name = "李\\"四\\\\ \'x\' #1"').replace(
        '"小休" = "short_break"', '"小休 \\"A\\" #2" = "short_break"')
    m = parse_toml(odd, "odd.toml")
    assert m.agent_for(None, '李"四\\ \'x\' #1').agent == "8002"  # type: ignore[union-attr]
    assert parse_toml(m.to_toml(), "again.toml") == m


def test_the_diff_names_what_changed_keyed_by_id() -> None:
    old = base()
    new = parse_toml(BASE.replace("wrapup_s = 5", "wrapup_s = 8").replace(
        '[pause_reasons]', '[[agents]]\nagent = "8003"\ninterface = "PJSIP/8003"\n\n'
                           '[pause_reasons]'), "new.toml")
    d = mp.diff(old, new)
    assert "~ queues[q1].wrapup_s: 5.0 -> 8.0" in d
    assert any(x.startswith("+ agents[8003] = ") for x in d)
    assert len(d) == 2
    assert mp.diff(new, new) == []


# ---- matching -------------------------------------------------------------------------


def test_agent_for_is_exact_never_a_prefix() -> None:
    text = BASE.replace('[pause_reasons]', '[[agents]]\nagent = "801"\n'
                        'interface = "PJSIP/801"\nmember_name = "801"\n\n[[agents]]\n'
                        'agent = "8010"\ninterface = "PJSIP/8010"\nmember_name = "8010"\n'
                        'state_interface = "Custom:8010"\n\n[pause_reasons]')
    m = parse_toml(text, "floor.toml")
    hit = m.agent_for("PJSIP/801")
    assert hit is not None and hit.agent == "801"
    hit = m.agent_for("PJSIP/8010")
    assert hit is not None and hit.agent == "8010"
    for miss in ("PJSIP/80", "PJSIP/8", "pjsip/801", "PJSIP/801 ", "PJSIP/80100", ""):
        assert m.agent_for(miss) is None, miss
    assert m.agent_for(None, "801").agent == "801"  # type: ignore[union-attr]
    assert m.agent_for(None, "80") is None and m.agent_for(None, "8010 ") is None
    assert m.agent_for("x", None, "Custom:8010").agent == "8010"  # type: ignore[union-attr]
    assert m.agent_for("x", None, "custom:8010") is None


def test_agent_for_tries_interface_then_state_interface_then_member_name() -> None:
    m = base()
    # the interface is 8001's, the member name 8002's: the interface wins
    assert m.agent_for("Local/8001@agents/n", "李四").agent == "8001"  # type: ignore[union-attr]
    assert m.agent_for("Local/9999@x", "李四", "Custom:8001").agent == "8001"  # type: ignore[union-attr]
    assert m.agent_for("Local/9999@x", "李四").agent == "8002"  # type: ignore[union-attr]
    assert m.agent_for("Local/9999@x", "Agent 80") is None


def test_reason_for_maps_known_texts_and_keeps_the_raw_one() -> None:
    m = base()
    assert m.reason_for("小休") == ("short_break", "小休")
    assert m.reason_for("话后处理") == ("after_call", "话后处理")
    assert m.reason_for(" 就餐 ") == ("meal", " 就餐 ")
    assert m.reason_for("去洗手间") == ("other", "去洗手间")
    assert m.reason_for("") == ("other", "")
    assert m.reason_for(None) == ("other", "")


# ---- discover -------------------------------------------------------------------------


class Msg:
    """A stand-in for models.telephony.ami.Message: a name and case-insensitive keys."""

    def __init__(self, name: str, **fields: str) -> None:
        self.name = name
        self.fields = {k.lower(): v for k, v in fields.items()}

    def get(self, key: str, default: str | None = None) -> str | None:
        return self.fields.get(key.lower(), default)


GBK_MOJIBAKE = "张三".encode("gbk").decode("latin-1")  # a GBK name read as Latin-1


def status_reply() -> list[Msg]:
    return [
        Msg("QueueParams", Queue="q1", Max="0", Strategy="ringall"),
        Msg("QueueParams", Queue="support-line"),
        Msg("QueueParams", Queue="咨询"),
        Msg("QueueParams", Queue="bad queue"),
        Msg("QueueMember", Queue="q1", MemberName="Agent 8001",
            Interface="Local/8001@agents/n", StateInterface="Custom:8001", Paused="1",
            PausedReason="小休"),
        Msg("QueueMember", Queue="support-line", MemberName="Agent 8001",
            Interface="Local/8001@agents/n", StateInterface="Custom:8001", Paused="0",
            PausedReason=""),
        Msg("QueueMember", Queue="q1", MemberName="张三", Interface="PJSIP/8002",
            StateInterface="PJSIP/8002", PausedReason="用餐"),
        Msg("QueueMember", Queue="咨询", MemberName="王五", Interface="SIP/abc",
            PausedReason="外呼回访"),
        Msg("QueueMember", Queue="咨询", MemberName=GBK_MOJIBAKE, Interface="PJSIP/8004",
            PausedReason="话后整理"),
        Msg("QueueMember", Queue="咨询", MemberName="坏\x85名", Interface="PJSIP/8005",
            PausedReason="培训"),
        Msg("QueueMember", Queue="咨询", MemberName='Q"uote\\8006', Interface="PJSIP/x8006",
            PausedReason="部门会议"),
        Msg("QueueMember", Queue="q1", Name="Agent 8001", Location="PJSIP/8001",
            PausedReason="喝水"),
        Msg("QueueMember", Queue="q1", MemberName="PJSIP/8007", Interface="PJSIP/8007",
            PausedReason="line\nbreak"),
        Msg("QueueEntry", Queue="q1", Position="1", CallerIDNum="13800138000"),
        Msg("QueueStatusComplete", EventList="Complete"),
    ]


def test_discover_drafts_a_mapping_that_parses() -> None:
    text = mp.discover(status_reply(), host="10.1.2.10", port=5039, user="sw")
    m = parse_toml(text, "discovered.toml")
    assert (m.ami.host, m.ami.port, m.ami.user) == ("10.1.2.10", 5039, "sw")
    queues = {q.asterisk: q for q in m.queues}
    assert set(queues) == {"q1", "support-line", "咨询"}  # "bad queue" left out
    assert queues["q1"].queue == "Q1" and queues["support-line"].queue == "SUPPORT-LINE"
    assert mp._ID.match(queues["咨询"].queue) and queues["咨询"].name == "咨询"
    assert all(q.wrapup_s == 0 for q in m.queues)
    assert text.count("wrapuptime") >= 3  # IT is told to set each queue's
    assert "bad queue" in text  # named in a comment
    by_iface = {a.interface: a for a in m.agents}
    a1 = by_iface["Local/8001@agents/n"]
    assert (a1.agent, a1.member_name, a1.state_interface) == ("8001", "Agent 8001",
                                                              "Custom:8001")
    assert len([a for a in m.agents if a.interface == "Local/8001@agents/n"]) == 1
    a2 = by_iface["PJSIP/8002"]
    assert (a2.agent, a2.member_name, a2.name) == ("8002", "张三", "张三")
    assert by_iface["SIP/abc"].agent == "SIP_abc"  # no digits anywhere: the interface
    assert by_iface["PJSIP/8004"].member_name == GBK_MOJIBAKE
    assert by_iface["PJSIP/8005"].member_name == ""  # a control character: left out
    assert by_iface["PJSIP/8005"].agent == "8005"
    assert by_iface["PJSIP/x8006"].member_name == 'Q"uote\\8006'
    # "Agent 8001" again, on another interface: a distinct 工号 for IT to check
    dup = by_iface["PJSIP/8001"]
    assert dup.agent != "8001" and dup.agent.startswith("8001") and dup.member_name == ""
    assert "8001" in text.split(f'agent = "{dup.agent}"')[0].rsplit("[[agents]]", 1)[1]
    assert by_iface["PJSIP/8007"].member_name == ""  # MemberName = its interface
    assert dict(m.pause_reasons) == {"小休": "short_break", "用餐": "meal",
                                     "外呼回访": "callback", "话后整理": "after_call",
                                     "培训": "training", "部门会议": "meeting",
                                     "喝水": "other"}
    assert "13800138000" not in text  # a caller in the queue is no part of a mapping


def test_discover_of_nothing_still_parses() -> None:
    m = parse_toml(mp.discover([]), "empty.toml")
    assert m.queues == () and m.agents == ()


def test_guess_reason() -> None:
    assert [mp.guess_reason(t) for t in ("小休", "就餐", "用餐", "培训", "会议", "回拨",
                                          "外呼", "话后处理", "整理", "other")] == [
        "short_break", "meal", "meal", "training", "meeting", "callback", "callback",
        "after_call", "after_call", "other"]


# ---- the database: versions, the last good one, nothing on error, audited ---------------


def test_apply_stores_versions_with_diff_and_audit(db_url: str) -> None:
    eng = dbengine.make_engine(db_url)
    try:
        with eng.connect() as c:
            assert telephony_db.current_mapping(c) is None
        r1 = telephony_db.apply_mapping(eng, BASE, "9001", "floor.toml", AT)
        assert r1.version == 1 and any(d.startswith("+ queues[q1]") for d in r1.diff)
        r2 = telephony_db.apply_mapping(eng, BASE.replace("wrapup_s = 5", "wrapup_s = 9"),
                                        "9002", "floor2.toml", AT, workstation="PC-1")
        assert (r2.version, r2.diff) == (2, ["~ queues[q1].wrapup_s: 5.0 -> 9.0"])
        with eng.connect() as c:
            version, m = telephony_db.current_mapping(c) or (0, None)
            stored = telephony_db.stored_mapping(c)
            hist = telephony_db.history(c)
            rows = auditlog.query_audit(c, action=telephony_db.AUDIT_ACTION)
        assert version == 2 and m is not None and m.queue_for("q1").wrapup_s == 9.0  # type: ignore[union-attr]
        assert stored is not None and stored.toml.startswith("[ami]")
        assert (stored.applied_by, stored.applied_at) == ("9002", AT)
        assert [(h["version"], h["applied_by"]) for h in hist] == [(2, "9002"), (1, "9001")]
        assert hist[0]["diff"] == "~ queues[q1].wrapup_s: 5.0 -> 9.0"
        assert [(r.operator, r.detail["version"], r.result) for r in rows] == [
            ("9002", 2, "ok"), ("9001", 1, "ok")]
        assert rows[0].detail["previous"] == 1 and rows[0].workstation == "PC-1"
    finally:
        eng.dispose()


def _count(eng: sa.Engine, table: str) -> int:
    with eng.connect() as c:
        return int(c.execute(sa.text(f"SELECT count(*) FROM {table}")).scalar_one())


def test_a_bad_mapping_writes_nothing(db_url: str) -> None:
    eng = dbengine.make_engine(db_url)
    try:
        with pytest.raises(MappingError, match="ami.port"):
            telephony_db.apply_mapping(eng, BASE.replace("port = 5038", "port = 0"), "9001",
                                       "floor.toml", AT)
        assert _count(eng, "telephony_mapping") == 0 and _count(eng, "audit_log") == 0
    finally:
        eng.dispose()


def test_the_last_good_mapping_stays_in_force(db_url: str,
                                              caplog: pytest.LogCaptureFixture) -> None:
    """A stored version a newer rule refuses (or one altered by hand) is skipped with a
    log line; the floor keeps the one before it rather than losing the switch."""
    eng = dbengine.make_engine(db_url)
    try:
        telephony_db.apply_mapping(eng, BASE, "9001", "floor.toml", AT)
        bad = base().to_dict()
        bad["ami"]["port"] = 0
        with eng.begin() as c:
            c.execute(sa.insert(telephony_db.TelephonyMappingRow).values(
                version=2, applied_at=AT, applied_by="x", toml="", document=bad, diff=""))
        caplog.set_level(logging.WARNING, logger="models.db.telephony_db")
        with eng.connect() as c:
            cur = telephony_db.current_mapping(c)
        assert cur is not None and cur[0] == 1 and cur[1] == base()
        assert any("version 2" in r.getMessage() and "ami.port" in r.getMessage()
                   for r in caplog.records)
        # the next apply is version 3, its diff against version 1 (the one in force)
        r = telephony_db.apply_mapping(eng, BASE, "9001", "floor.toml", AT)
        assert (r.version, r.diff) == (3, [])
    finally:
        eng.dispose()


# ---- the command line -----------------------------------------------------------------


@pytest.fixture
def files(tmp_path: Path) -> dict[str, str]:
    good = tmp_path / "floor.toml"
    good.write_text(BASE, encoding="utf-8")
    bad = tmp_path / "bad.toml"
    bad.write_text(BASE.replace('agent = "8002"', 'agent = "8001"'), encoding="utf-8")
    gbk = tmp_path / "gbk.toml"  # as Notepad on a Chinese Windows saves it: read (issue #15)
    gbk.write_bytes(BASE.encode("gbk"))
    utf16 = tmp_path / "utf16.toml"
    utf16.write_bytes(BASE.encode("utf-16"))
    return {"good": str(good), "bad": str(bad), "gbk": str(gbk), "utf16": str(utf16),
            "missing": str(tmp_path / "nope.toml")}


def test_cli_validate(files: dict[str, str], capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["telephony", "validate", files["good"]]) == 0
    out = capsys.readouterr().out
    assert files["good"] in out and "2" in out
    assert cli.main(["telephony", "validate", files["bad"]]) == 2
    err = capsys.readouterr().err
    assert err.startswith("seatwatch: error: ") and err.count("\n") == 1
    assert f"{files['bad']}：agents[1].agent：" in err and "Traceback" not in err
    assert cli.main(["telephony", "validate", files["gbk"]]) == 0
    capsys.readouterr()
    for name in ("utf16", "missing"):
        assert cli.main(["telephony", "validate", files[name]]) == 2
        err = capsys.readouterr().err
        assert err.count("\n") == 1 and files[name] in err


def test_cli_apply_and_show(files: dict[str, str], sqlite_url: str,
                            capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["telephony", "show", "--db", sqlite_url]) == 1
    assert capsys.readouterr().err.count("\n") == 1
    assert cli.main(["telephony", "apply", "--db", sqlite_url, files["bad"]]) == 2
    capsys.readouterr()
    eng = dbengine.make_engine(sqlite_url)
    assert _count(eng, "telephony_mapping") == 0
    assert cli.main(["telephony", "apply", "--db", sqlite_url, files["good"],
                     "--by", "9001"]) == 0
    out = capsys.readouterr().out
    assert "1" in out and "9001" in out and "+ queues[q1]" in out
    assert cli.main(["telephony", "show", "--db", sqlite_url]) == 0
    out = capsys.readouterr().out
    first, rest = out.split("\n", 1)
    assert first.startswith("# ") and "1" in first and "9001" in first
    assert rest == BASE  # the file as IT wrote it, comments and all
    assert cli.main(["telephony", "show", files["good"]]) == 0
    assert parse_toml(capsys.readouterr().out, "shown") == base()
    with eng.connect() as c:
        [row] = auditlog.query_audit(c, action="telephony_mapping_applied")
    assert row.operator == "9001" and row.detail["source"] == files["good"]
    eng.dispose()


def test_cli_set_secret_stores_it_in_the_keyring_only(
        files: dict[str, str], sqlite_url: str, memory_keyring: Any,
        monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str],
        user_dirs: Path) -> None:
    secret = "Zx9-very-secret"
    monkeypatch.setattr("sys.stdin", io.StringIO(f"{secret}\n{secret}\n"))
    assert cli.main(["telephony", "set-secret", "--host", "10.1.2.10", "--user", "sw"]) == 0
    out, err = capsys.readouterr()
    assert memory_keyring.store[("seatwatch", "ami:sw@10.1.2.10")] == secret
    assert secret not in out + err and "sw@10.1.2.10" in out
    assert ami_secret.secret_for("sw", "10.1.2.10") == secret
    # host and user from the floor's applied mapping
    assert cli.main(["telephony", "apply", "--db", sqlite_url, files["good"]]) == 0
    monkeypatch.setattr("sys.stdin", io.StringIO("other-secret\n"))
    assert cli.main(["telephony", "set-secret", "--db", sqlite_url]) == 0
    assert memory_keyring.store[("seatwatch", "ami:seatwatch@127.0.0.1")] == "other-secret"
    # two entries that differ, an empty one, no host: nothing stored, exit 2
    for stdin, args in (("a\nb\n", ["--host", "h", "--user", "u"]),
                        ("\n", ["--host", "h", "--user", "u"]),
                        ("a\n", ["--user", "u"]),
                        ("a\n", ["--host", "h h", "--user", "u"])):
        monkeypatch.setattr("sys.stdin", io.StringIO(stdin))
        assert cli.main(["telephony", "set-secret", *args]) == 2, args
        assert capsys.readouterr().err.count("\n") == 1
    assert ("seatwatch", "ami:u@h") not in memory_keyring.store
    logs = "".join(p.read_text(encoding="utf-8", errors="replace")
                   for p in user_dirs.rglob("*.log*"))
    assert secret not in logs and "other-secret" not in logs
    eng = dbengine.make_engine(sqlite_url)
    md = sa.MetaData()
    md.reflect(eng)
    with eng.connect() as c:  # nor anywhere in the floor database
        rows = [repr(tuple(r)) for t in md.sorted_tables for r in c.execute(sa.select(t))]
    eng.dispose()
    assert rows and not any(secret in r or "other-secret" in r for r in rows)


def test_secret_for_falls_back_to_the_environment(memory_keyring: Any,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(ami_secret.ENV, raising=False)
    with pytest.raises(ami_secret.TelephonyError, match="telephony set-secret"):
        ami_secret.secret_for("sw", "pbx")
    monkeypatch.setenv(ami_secret.ENV, "from-env")
    assert ami_secret.secret_for("sw", "pbx") == "from-env"
    ami_secret.set_secret("sw", "pbx", "from-keyring")
    assert ami_secret.secret_for("sw", "pbx") == "from-keyring"  # the keyring first


class NoKeyring(type(keyring.get_keyring())):  # type: ignore[misc]
    """A headless host: every keyring call fails as keyring's ``fail`` backend does."""

    def get_password(self, service: str, username: str) -> str | None:
        raise keyring.errors.NoKeyringError("no backend")

    def set_password(self, service: str, username: str, password: str) -> None:
        raise keyring.errors.NoKeyringError("no backend")


def test_a_host_without_a_keyring_reads_the_environment(
        monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    import keyring as kr

    kr.set_keyring(NoKeyring())
    monkeypatch.setenv(ami_secret.ENV, "env-secret")
    assert ami_secret.secret_for("sw", "pbx") == "env-secret"
    monkeypatch.setattr("sys.stdin", io.StringIO("x-secret\n"))
    assert cli.main(["telephony", "set-secret", "--host", "pbx", "--user", "sw"]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and ami_secret.ENV in err and "x-secret" not in err
