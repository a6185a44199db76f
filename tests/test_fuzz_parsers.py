"""Property-based tests of every file parser (issue #13, "Low": 33 of 2,400 fuzzed
scenarios printed a traceback).

Random and mutated inputs — times of 1e12, NaN, Infinity, an object where a text is
expected, a list as an id, huge texts — must either parse or raise the parser's own
error class with one line; never another exception. Kept small (``max_examples``)
for the suite's budget; ``deadline=None`` as the machine is shared.
"""

from __future__ import annotations

import copy
import json
import math
import os
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from models.domain import floorsetup, shiftimport
from models.domain import policy as pol
from models.domain import wallboard_layout as wl
from models.sim import scenario as sc
from tests.helpers import doc_paths

FUZZ = settings(max_examples=40, deadline=None, database=None,
                suppress_health_check=[HealthCheck.too_slow])

#: the values a fuzzer (or a careless export) puts where something else belongs
ODD_SCALARS = st.one_of(
    st.none(), st.booleans(), st.integers(min_value=-(2**70), max_value=2**70),
    st.floats(allow_nan=True, allow_infinity=True),
    st.sampled_from([1e12, -1e12, 1e308, float("nan"), float("inf"), float("-inf"), 0, -1]),
    st.text(max_size=20), st.just("x" * 5000), st.sampled_from(["", "null", "1001", "C1"]),
)
JSONISH = st.recursive(ODD_SCALARS, lambda inner: st.one_of(
    st.lists(inner, max_size=3), st.dictionaries(st.text(max_size=8), inner, max_size=3)),
    max_leaves=8)



def _replace(doc: Any, path: tuple[Any, ...], value: Any) -> Any:
    if not path:
        return value
    doc = copy.deepcopy(doc)
    node = doc
    for p in path[:-1]:
        node = node[p]
    node[path[-1]] = value
    return doc


@st.composite
def mutated(draw: st.DrawFn, base: Any) -> Any:
    """``base`` with one to three of its values (or whole branches) replaced."""
    doc = base
    for _ in range(draw(st.integers(1, 3))):
        path = draw(st.sampled_from(doc_paths(doc)))
        doc = _replace(doc, path, draw(JSONISH))
    return doc


def one_line(e: Exception) -> None:
    msg = str(e)
    assert msg.strip() and "\n" not in msg and "Traceback" not in msg, msg


# ---- scenario ----------------------------------------------------------------------

SCENARIO: dict[str, Any] = {
    "start": "2026-03-02T08:00:00+08:00",
    "floor": {"groups": [{"id": "G1", "name": "一班"}],
              "queues": [{"id": "Q1", "name": "12345热线"}],
              "agents": [{"id": "1001", "name": "张三", "group": "G1"}]},
    "policy": {"limits": {"hold_s": 30}},
    "events": [
        {"t": 0, "type": "agent_state", "agent": "1001", "state": "ready"},
        {"t": 60, "type": "call_queued", "call": "C1", "queue": "Q1", "caller": "13800138000"},
        {"t": 70, "type": "call_answered", "call": "C1", "agent": "1001"},
        {"t": 100, "type": "hold_started", "call": "C1"},
        {"t": 120, "type": "hold_ended", "call": "C1"},
        {"t": 200, "type": "call_ended", "call": "C1"},
        {"t": 230, "type": "ticket_created", "ticket": "T1", "call": "C1", "agent": "1001",
         "category": "help", "title": "急件", "urgent": True},
    ],
    "until": 1800,
}


def _scenario(doc: Any) -> None:
    try:
        sc.parse(doc)
    except sc.ScenarioError as e:
        one_line(e)


@FUZZ
@given(mutated(SCENARIO))
def test_a_mutated_scenario_parses_or_is_refused_in_one_line(doc: Any) -> None:
    _scenario(doc)


@FUZZ
@given(JSONISH)
def test_any_json_value_as_a_scenario_is_refused_in_one_line(doc: Any) -> None:
    _scenario(doc)


# ---- policy ------------------------------------------------------------------------

POLICY = pol.Policy().to_dict()


def _policy(doc: Any) -> None:
    try:
        pol.Policy.from_dict(doc)
    except pol.PolicyError as e:
        one_line(e)


@FUZZ
@given(mutated(POLICY))
def test_a_mutated_policy_parses_or_is_refused_naming_a_key(doc: Any) -> None:
    _policy(doc)


@FUZZ
@given(st.text(max_size=200))
def test_any_text_as_a_policy_file_is_refused_in_one_line(text: str) -> None:
    try:
        pol.parse_toml(text, "fuzz.toml")
    except pol.PolicyError as e:
        one_line(e)


# ---- floor (CSV and JSON) -----------------------------------------------------------

FLOOR = {"groups": [{"id": "G1", "name": "一班"}], "queues": [{"id": "Q1", "name": "热线"}],
         "agents": [{"id": "1001", "name": "张三", "group": "G1"}]}


@FUZZ
@given(mutated(FLOOR))
def test_a_mutated_floor_json_reads_or_reports_rows(doc: Any) -> None:
    try:
        text = json.dumps(doc, ensure_ascii=False)
    except ValueError:
        return
    try:
        out = floorsetup.parse_json(text)
    except floorsetup.FloorFileError as e:
        one_line(e)
        return
    for err in out.errors:
        assert "\n" not in str(err)
    for item in (*out.groups, *out.queues, *out.agents):
        assert isinstance(item.id, str) and len(item.name) <= floorsetup.NAME_MAX


CSV_CELLS = st.one_of(st.sampled_from(["group", "agent", "queue", "G1", "1001", "张三", "",
                                       "班组", "坐席", "x" * 200, '"', "a,b", "\r"]),
                      st.text(max_size=12))


@FUZZ
@given(st.lists(st.lists(CSV_CELLS, max_size=5), max_size=6))
def test_a_random_floor_csv_reads_or_reports_rows(rows: list[list[str]]) -> None:
    text = "kind,id,name,group\n" + "\n".join(",".join(r) for r in rows)
    try:
        out = floorsetup.parse_csv(text)
    except floorsetup.FloorFileError as e:
        one_line(e)
        return
    for err in out.errors:
        assert "\n" not in str(err)


# ---- roster, attendance, holidays --------------------------------------------------

SHIFT_CELLS = st.one_of(
    st.sampled_from(["2026-03-02", "2026/3/2", "9999-99-99", "1e12", "nan", "Infinity", "白班",
                     "1001", "leader", "sick", "late_early", "30", "-5", "99999999999999999999",
                     "holiday", "调休上班", "", "x" * 300, '"', "a,b"]),
    st.text(max_size=10))


def _csv(header: str, rows: list[list[str]]) -> str:
    return header + "\n" + "\n".join(",".join(r) for r in rows)


@FUZZ
@given(st.lists(st.lists(SHIFT_CELLS, max_size=5), max_size=6))
def test_a_random_roster_reads_or_reports_rows(rows: list[list[str]]) -> None:
    try:
        out = shiftimport.parse_roster_csv(_csv("date,shift,agent,role", rows),
                                           shifts=["白班"], known=["1001"])
    except shiftimport.ShiftFileError as e:
        one_line(e)
        return
    assert all("\n" not in str(err) for err in out.errors)


@FUZZ
@given(st.lists(st.lists(SHIFT_CELLS, max_size=6), max_size=6))
def test_a_random_attendance_register_reads_or_reports_rows(rows: list[list[str]]) -> None:
    try:
        out = shiftimport.parse_attendance_csv(
            _csv("date,agent,type,late_min,early_min,note", rows), known=["1001"])
    except shiftimport.ShiftFileError as e:
        one_line(e)
        return
    assert all("\n" not in str(err) for err in out.errors)
    assert all(0 <= r.late_min <= shiftimport.MAX_MINUTES for r in out.records)


@FUZZ
@given(st.lists(st.lists(SHIFT_CELLS, max_size=4), max_size=6))
def test_a_random_holiday_calendar_reads_or_reports_rows(rows: list[list[str]]) -> None:
    try:
        out = shiftimport.parse_holiday_csv(_csv("date,kind,name", rows))
    except shiftimport.ShiftFileError as e:
        one_line(e)
        return
    assert all("\n" not in str(err) for err in out.errors)


@FUZZ
@given(st.text(max_size=120))
def test_any_text_as_an_import_file_reads_or_is_refused_in_one_line(text: str) -> None:
    for parse in (lambda t: shiftimport.parse_holiday_csv(t),
                  lambda t: shiftimport.parse_roster_csv(t, shifts=["白班"], known=["1001"]),
                  lambda t: shiftimport.parse_attendance_csv(t, known=["1001"])):
        try:
            parse(text)
        except shiftimport.ShiftFileError as e:
            one_line(e)
    try:
        floorsetup.parse_csv(text)
    except floorsetup.FloorFileError as e:
        one_line(e)


# ---- wall layout ---------------------------------------------------------------------

LAYOUT: dict[str, Any] = {
    "title": "12345 政务服务热线", "pages": ["overview", "agents", "queues", "alerts"],
    "rotate_s": 15, "pin": "", "theme": "dark", "language": "zh_CN", "stale_after_s": 5,
    "timezone": "Asia/Shanghai", "ticker": {"enabled": True, "speed": 1.0},
    "page": {"agents": {"seconds": 20, "groups": ["G1"], "show_logged_out": False},
             "queues": {"queues": ["Q1"]}},
}


@FUZZ
@given(mutated(LAYOUT))
def test_a_mutated_wall_layout_parses_or_is_refused_naming_a_key(doc: Any) -> None:
    try:
        layout = wl.parse(doc, "fuzz.toml")
    except wl.LayoutError as e:
        one_line(e)
        return
    assert all(math.isfinite(p.seconds) for p in layout.pages)
    assert math.isfinite(layout.stale_after_s) and math.isfinite(layout.ticker_speed)


# ---- regressions the fuzzer found, and the command line's last resort ---------------------


def test_a_wall_layout_refuses_nan_and_inf_as_finite_numbers() -> None:
    for key, doc in (("rotate_s", {"rotate_s": float("nan")}),
                     ("stale_after_s", {"stale_after_s": float("inf")}),
                     ("ticker.speed", {"ticker": {"speed": float("nan")}}),
                     ("page.agents.seconds", {"page": {"agents": {"seconds": float("-inf")}}})):
        try:
            wl.parse(doc)
        except wl.LayoutError as e:
            assert e.key == key and e.reason.startswith("must be a finite number"), e
        else:
            raise AssertionError(f"{key} accepted")


def test_a_document_that_is_not_a_table_is_refused_by_every_parser() -> None:
    for parse, error in ((pol.Policy.from_dict, pol.PolicyError), (wl.parse, wl.LayoutError),
                         (sc.parse, sc.ScenarioError)):
        for doc in (None, [], "x", 1e12):
            try:
                parse(doc)  # type: ignore[operator]
            except error as e:
                one_line(e)
            else:
                raise AssertionError(f"{parse} accepted {doc!r}")


def test_a_floor_csv_with_a_bare_carriage_return_reads_as_a_line_end() -> None:
    """Before: csv.Error ("new-line character seen in unquoted field"), a traceback."""
    out = floorsetup.parse_csv("kind,id,name,group\r\r,group\rgroup,G1,一班,\r")
    assert [g.id for g in out.groups] == ["G1"]
    assert [str(e) for e in out.errors] == ["line 3: unknown kind '' (group, queue or agent)"]


def test_a_key_with_a_line_break_is_shown_quoted_on_one_line() -> None:
    try:
        pol.Policy.from_dict({"limits\n": {}})
    except pol.PolicyError as e:
        assert e.key == "'limits\\n'"
        one_line(e)


def test_a_command_that_meets_the_unexpected_prints_one_line_naming_input_and_log(
        tmp_path: Any, monkeypatch: Any, capsys: Any) -> None:
    """Whatever a command does not expect (here a bug planted in the policy parser)
    ends as one line naming the input and the log file, exit 1; the traceback is in
    the log, not on the terminal."""
    from console.cli import main
    from models.db import engine as dbengine

    def broken(text: str, source: str = "") -> pol.Policy:
        raise KeyError("planted")

    monkeypatch.setattr(pol, "parse_toml", broken)
    path = tmp_path / "policy.toml"
    path.write_text("[limits]\nhold_s = 30\n", encoding="utf-8")
    assert main(["policy", "validate", str(path)]) == 1
    err = capsys.readouterr().err
    log = dbengine.data_dir() / "logs" / f"cli-{os.getpid()}.log"  # its own (issue #19)
    assert err.strip() == (f"seatwatch: error: {path}：意外错误（KeyError），详情见 {log}")
    assert "Traceback" not in err
    assert "Traceback" in log.read_text(encoding="utf-8")
