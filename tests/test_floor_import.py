"""Importing the floor (groups, queues, agents) from CSV or JSON, and
``seatwatch floor import`` on SQLite and PostgreSQL."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa

from console.cli import main
from models.db import store
from models.domain import floorsetup
from models.domain.floorsetup import FloorFileError
from models.domain.types import Agent, AgentState, Group, Queue

GOOD_CSV = """kind,id,name,group
group,G1,一班,
queue,Q1,12345热线,
agent,1001,张三,G1
agent,1002,李四,G1
"""

GOOD_CSV_ZH = """类型,工号,姓名,班组
班组,G1,一班,
队列,Q1,12345热线,
坐席,1001,张三,G1
坐席,1002,李四,G1
"""

EXPECTED = ([Group("G1", "一班")], [Queue("Q1", "12345热线")],
            [Agent("1001", "张三", "G1"), Agent("1002", "李四", "G1")])

# one bad row of every kind; line numbers count the header as line 1
BAD_CSV = """kind,id,name,group
group,G1,一班,
queue,Q1,12345热线,
agent,1001,张三,G1
agent,,王五,G1
agent,10 02,王五,G1
agent,1003,,G1
agent,1001,张三二,G1
agent,1004,赵六,G9
person,1005,钱七,G1
agent,1006,孙八,G1,备注
agent,1007,周九,
agent,1008,吴十,G1
"""

BAD_LINES = {
    "line 5": "id (工号) is empty",
    "line 6": "id '10 02' must be 1-40 letters, digits",
    "line 7": "agent 1003 has no name",
    "line 8": "duplicate agent id '1001'",
    "line 9": "unknown group 'G9'",
    "line 10": "unknown kind 'person'",
    "line 11": "5 fields, header has 4",
    "line 12": "agent 1007 has no group",
}


def setup_tuple(s: floorsetup.FloorSetup) -> tuple[list[Group], list[Queue], list[Agent]]:
    return s.groups, s.queues, s.agents


# ---- reading files ---------------------------------------------------------------


@pytest.mark.parametrize("text", [GOOD_CSV, GOOD_CSV_ZH], ids=["english", "chinese"])
@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gbk"])
def test_csv_is_read_in_the_encodings_chinese_offices_save(
        tmp_path: Path, text: str, encoding: str) -> None:
    path = tmp_path / "floor.csv"
    path.write_bytes(text.replace("\n", "\r\n").encode(encoding))  # as Excel saves it
    s = floorsetup.read(path)
    assert s.errors == []
    assert setup_tuple(s) == EXPECTED


def test_gbk_bytes_are_not_mistaken_for_utf8() -> None:
    raw = GOOD_CSV_ZH.encode("gbk")
    with pytest.raises(UnicodeDecodeError):
        raw.decode("utf-8")
    assert floorsetup.decode(raw, "x.csv") == GOOD_CSV_ZH


def test_json_floor_is_read(tmp_path: Path) -> None:
    doc = {"groups": [{"id": "G1", "name": "一班"}],
           "queues": [{"id": "Q1", "name": "12345热线"}],
           "agents": [{"id": "1001", "name": "张三", "group": "G1"},
                      {"id": 1002, "name": "李四", "group": "G1"}]}  # a numeric 工号 is fine
    path = tmp_path / "floor.json"
    path.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    s = floorsetup.read(path)
    assert s.errors == []
    assert setup_tuple(s) == EXPECTED


def test_every_bad_csv_row_is_reported_with_its_line_and_reason() -> None:
    s = floorsetup.parse_csv(BAD_CSV)
    got = {e.where: e.reason for e in s.errors}
    assert list(got) == list(BAD_LINES)  # every bad row, in file order, and nothing else
    for where, why in BAD_LINES.items():
        assert why in got[where], (where, got[where])
    # the good rows still come back (the caller decides with --partial)
    assert [a.id for a in s.agents] == ["1001", "1008"]
    assert s.agents[0].name == "张三"  # the first of a duplicate wins
    assert [g.id for g in s.groups] == ["G1"] and [q.id for q in s.queues] == ["Q1"]
    assert str(s.errors[0]) == "line 5: id (工号) is empty"


def test_bad_json_entries_are_reported_by_position() -> None:
    doc = {"groups": [{"id": "G1", "name": "一班"}, {"id": "G1", "name": "重复"}],
           "queues": [{"id": "Q 1", "name": "热线"}],
           "agents": [{"id": "1001", "name": "张三", "group": "G1"},
                      {"id": "", "name": "王五", "group": "G1"},
                      {"id": "1003", "group": "G1"},
                      {"id": "1004", "name": None, "group": "G1"},
                      {"id": "1001", "name": "张三", "group": "G1"},
                      {"id": "1005", "name": "赵六", "group": "G9"},
                      "1006"]}
    s = floorsetup.parse_json(json.dumps(doc, ensure_ascii=False))
    got = {e.where: e.reason for e in s.errors}
    assert got == {
        "groups[1]": "duplicate group id 'G1'",
        "queues[0]": "id 'Q 1' must be 1-40 letters, digits, '_', '-' or '.'",
        "agents[1]": "id (工号) is empty",
        "agents[2]": "agent 1003 has no name",
        "agents[3]": "agent 1004 has no name",  # null is no name, not "None"
        "agents[4]": "duplicate agent id '1001'",
        "agents[5]": "agent 1005 names unknown group 'G9'",
        "agents[6]": "must be an object",
    }
    assert [a.id for a in s.agents] == ["1001"]


def test_json_with_a_section_that_is_not_a_list_reports_it() -> None:
    s = floorsetup.parse_json('{"groups": 5, "agents": [{"id": "1001", "name": "张三", '
                              '"group": "G1"}]}')
    assert [str(e) for e in s.errors] == ["groups: must be a list",
                                          "agents[0]: agent 1001 names unknown group 'G1'"]


def test_groups_may_be_defined_after_the_agents_that_name_them() -> None:
    s = floorsetup.parse_csv("kind,id,name,group\nagent,1001,张三,G2\ngroup,G2,二班,\n")
    assert s.errors == []
    assert s.agents == [Agent("1001", "张三", "G2")] and s.groups == [Group("G2", "二班")]
    j = floorsetup.parse_json(json.dumps({"agents": [{"id": "1001", "name": "张三",
                                                      "group": "G2"}],
                                          "groups": [{"id": "G2", "name": "二班"}]}))
    assert j.errors == [] and j.agents == [Agent("1001", "张三", "G2")]


def test_a_group_already_on_the_floor_is_accepted() -> None:
    s = floorsetup.parse_csv("kind,id,name,group\nagent,1001,张三,G1\n", known_groups=["G1"])
    assert s.errors == [] and s.agents == [Agent("1001", "张三", "G1")]
    assert floorsetup.parse_csv("kind,id,name,group\nagent,1001,张三,G1\n").errors


def test_an_agent_of_a_refused_group_row_is_refused_too() -> None:
    """Otherwise the agent would pass here and the whole import fail later."""
    s = floorsetup.parse_csv("kind,id,name,group\ngroup,G 1,坏组,\ngroup,G2,二班,x,y\n"
                             "agent,1001,张三,G 1\nagent,1002,李四,G2\n")
    assert [e.where for e in s.errors] == ["line 2", "line 3", "line 4", "line 5"]
    assert "unknown group 'G 1'" in s.errors[2].reason
    assert "unknown group 'G2'" in s.errors[3].reason
    assert s.agents == []


def test_blank_lines_are_skipped_and_line_numbers_stay_true() -> None:
    s = floorsetup.parse_csv("kind,id,name,group\ngroup,G1,一班,\n\n,,,\nagent,,王五,G1\n")
    assert [str(e) for e in s.errors] == ["line 5: id (工号) is empty"]


@pytest.mark.parametrize(("name", "raw", "why"), [
    ("floor.csv", "类型,工号\n".encode("utf-16"), "neither UTF-8 nor GBK"),
    ("floor.csv", b"", "the file is empty"),
    ("floor.csv", b"id,name\n1001,x\n", "line 1: header needs columns kind,id,name,group"),
    ("floor.csv", b'{"agents": [', "not valid JSON at line 1 column 13"),
    ("floor.json", b"[1, 2]", "must hold one object"),
])
def test_a_file_that_cannot_be_read_at_all_is_one_clear_error(
        tmp_path: Path, name: str, raw: bytes, why: str) -> None:
    path = tmp_path / name
    path.write_bytes(raw)
    with pytest.raises(FloorFileError, match=why):
        floorsetup.read(path)


# ---- the command ------------------------------------------------------------------


def count(eng: Any, table: str) -> int:
    with eng.connect() as conn:
        return int(conn.execute(sa.text(f"SELECT count(*) FROM {table}")).scalar() or 0)


def test_cli_refuses_a_file_with_bad_rows_and_imports_nothing(
        db_url: str, eng: Any, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "floor.csv"
    path.write_bytes(BAD_CSV.encode("gbk"))
    assert main(["floor", "import", str(path), "--db", db_url]) == 1
    err = capsys.readouterr().err
    for where, why in BAD_LINES.items():
        assert f"{path}: {where}: " in err and why in err
    assert "8 行有误，未导入任何内容" in err and "--partial" in err
    for table in ("agent", "agent_group", "queue", "floor_event"):
        assert count(eng, table) == 0, table


def test_cli_partial_imports_the_good_rows_and_reports_the_bad(
        db_url: str, eng: Any, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "floor.csv"
    path.write_text(BAD_CSV, encoding="utf-8-sig")
    assert main(["floor", "import", str(path), "--db", db_url, "--partial"]) == 0
    out = capsys.readouterr()
    assert "imported 1 group(s), 1 queue(s), 2 agent(s); skipped 8 bad row(s)" in out.out
    assert all(f"{where}: " in out.err for where in BAD_LINES)
    with eng.connect() as conn:
        agents = conn.execute(sa.text("SELECT id, name, group_id FROM agent ORDER BY id")).all()
        groups = conn.execute(sa.text("SELECT id, name FROM agent_group")).all()
        queues = conn.execute(sa.text("SELECT id, name FROM queue")).all()
        state = store.current_state(conn)
    assert [tuple(r) for r in agents] == [("1001", "张三", "G1"), ("1008", "吴十", "G1")]
    assert [tuple(r) for r in groups] == [("G1", "一班")]
    assert [tuple(r) for r in queues] == [("Q1", "12345热线")]
    assert sorted(state.agents) == ["1001", "1008"]
    assert state.agents["1008"] == Agent("1008", "吴十", "G1")
    assert state.groups["G1"].name == "一班" and state.queues["Q1"].name == "12345热线"
    assert state.status["1001"].state is AgentState.LOGGED_OUT  # imported, not logged in


def test_cli_second_file_may_name_a_group_already_on_the_floor(
        db_url: str, eng: Any, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    first = tmp_path / "groups.json"
    first.write_text(json.dumps({"groups": [{"id": "G1", "name": "一班"}],
                                 "queues": [{"id": "Q1", "name": "12345热线"}]},
                                ensure_ascii=False), encoding="utf-8")
    second = tmp_path / "agents.csv"
    second.write_bytes("类型,工号,姓名,班组\n坐席,1001,张三,G1\n".encode("gbk"))
    assert main(["floor", "import", str(first), "--db", db_url]) == 0
    assert main(["floor", "import", str(second), "--db", db_url]) == 0
    assert "imported 0 group(s), 0 queue(s), 1 agent(s)" in capsys.readouterr().out
    with eng.connect() as conn:
        state = store.current_state(conn)
    assert state.agents["1001"].group == "G1" and "G1" in state.groups
    assert count(eng, "agent") == 1 and count(eng, "floor_event") == 2


def test_cli_file_that_is_not_utf8_or_gbk_is_a_clear_error(
        db_url: str, eng: Any, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "floor.csv"
    path.write_bytes(GOOD_CSV.encode("utf-16"))  # Excel's "Unicode text"
    assert main(["floor", "import", str(path), "--db", db_url]) == 1
    err = capsys.readouterr().err.strip()
    assert err == f"seatwatch: error: {path}：既不是 UTF-8 也不是 GBK 文本"  # translated (issue #15)
    assert count(eng, "floor_event") == 0


# ---- issue #13: long names, Big5, empty files, lists as ids ------------------------------


def test_cli_a_name_over_100_characters_is_refused_with_file_and_line(
        db_url: str, eng: Any, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """SQLite stored any length and PostgreSQL failed the whole import with a database
    error naming no file or line: the name column is String(100)."""
    path = tmp_path / "floor.csv"
    path.write_text("kind,id,name,group\ngroup,G1,一班,\nagent,1001,"
                    + "张" * 101 + ",G1\nagent,1002," + "李" * 100 + ",G1\n", encoding="utf-8")
    assert main(["floor", "import", str(path), "--db", db_url]) == 1
    err = capsys.readouterr().err
    assert f"{path}: line 3: agent 1001: name is 101 characters, at most 100" in err
    assert "line 4" not in err  # exactly 100 is fine
    assert count(eng, "floor_event") == 0 and count(eng, "agent") == 0


def test_a_long_name_in_json_is_refused_by_position() -> None:
    out = floorsetup.parse_json(json.dumps({"groups": [{"id": "G1", "name": "班" * 101}]}))
    assert [str(e) for e in out.errors] == ["groups[0]: group G1: name is 101 characters, "
                                            "at most 100"]


@pytest.mark.parametrize(("item", "why"), [
    ({"id": ["1001"], "name": "张三", "group": "G1"}, "id must be text, got ['1001']"),
    ({"id": "1001", "name": {"zh": "张三"}, "group": "G1"}, "name must be text, got {'zh': '张三'}"),
    ({"id": True, "name": "张三", "group": "G1"}, "id must be text, got True"),
    ({"id": 1e12, "name": "张三", "group": "G1"}, "id must be text, got 1000000000000.0"),
])
def test_a_list_or_an_object_where_json_wants_text_is_a_row_error(item: dict[str, Any],
                                                                   why: str) -> None:
    doc = {"groups": [{"id": "G1", "name": "一班"}], "agents": [item]}
    out = floorsetup.parse_json(json.dumps(doc, ensure_ascii=False))
    assert [str(e) for e in out.errors] == [f"agents[0]: {why}"] and out.agents == []


BIG5_CSV = "類型,工號,姓名,班組\n班組,G1,一班,\n坐席,1001,張三,G1\n坐席,1002,陳大文,G1\n"


def test_a_big5_file_is_refused_naming_the_file(
        db_url: str, eng: Any, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Big5 bytes decode as GBK without an error, into garbled names (mojibake) that
    were imported as they came."""
    raw = BIG5_CSV.encode("big5")
    raw.decode("gb18030")  # guards the test: it really is not a decoding error
    path = tmp_path / "floor.csv"
    path.write_bytes(raw)
    with pytest.raises(FloorFileError) as ei:
        floorsetup.read(path)
    assert str(ei.value) == (f"{path}: the text reads as garbled characters (Big5 or another "
                             "encoding?): save the file as UTF-8 or GBK")
    assert main(["floor", "import", str(path), "--db", db_url]) == 1
    assert capsys.readouterr().err.strip() == (
        f"seatwatch: error: {path}：文字读出来是乱码（Big5 或其他编码？）：请把文件另存为 UTF-8 或 GBK")
    assert count(eng, "floor_event") == 0 and count(eng, "agent") == 0


def test_gbk_with_a_rare_character_in_a_name_is_still_read(tmp_path: Path) -> None:
    path = tmp_path / "floor.csv"
    path.write_bytes((GOOD_CSV + "agent,1003,王堃,G1\n").encode("gbk"))
    assert [a.name for a in floorsetup.read(path).agents] == ["张三", "李四", "王堃"]


@pytest.mark.parametrize(("name", "raw"), [("floor.csv", b""), ("floor.json", b""),
                                           ("floor.csv", b"\xef\xbb\xbf\r\n  \r\n")])
def test_cli_an_empty_file_is_refused_naming_it(
        db_url: str, eng: Any, tmp_path: Path, capsys: pytest.CaptureFixture[str], name: str,
        raw: bytes) -> None:
    path = tmp_path / name
    path.write_bytes(raw)
    assert main(["floor", "import", str(path), "--db", db_url]) == 1
    err = capsys.readouterr().err.strip()
    assert err == (f"seatwatch: error: {path}：文件是空的；应为表头为 kind,id,name,group"
                   "（或 类型,工号,姓名,班组）的 CSV，或一个 JSON 对象")
    assert "\n" not in err and count(eng, "floor_event") == 0


def test_cli_a_bad_header_names_the_file(
        db_url: str, eng: Any, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "floor.csv"
    path.write_text("who,what\nx,y\n", encoding="utf-8")
    assert main(["floor", "import", str(path), "--db", db_url]) == 1
    assert capsys.readouterr().err.strip().startswith(
        f"seatwatch: error: {path}: line 1: header needs columns kind,id,name,group")
    assert count(eng, "floor_event") == 0
