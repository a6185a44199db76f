"""The monthly assessment's engine (issue #18, DOMAIN §8, R-ASSESS-1…4): the two
shipped policies, their validation, and the month's sheet with every expected number
computed by hand in the test (the arithmetic is written next to it)."""

from __future__ import annotations

import copy
import tomllib
from datetime import date
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from models.domain import assessment as asm
from models.domain.assessment import AgentInput, AssessmentPolicyError, Entry
from tests.helpers import doc_paths

P000 = asm.parse_toml(asm.shipped_text("assessment-000.toml"))
P002 = asm.parse_toml(asm.shipped_text("assessment-002.toml"))
D = date(2026, 11, 10)



def ent(agent: str, item: str, points: float, n: int = 1) -> tuple[Entry, ...]:
    return tuple(Entry(agent, D, item, points) for _ in range(n))


# ---- seed 000 (the default) -----------------------------------------------------------


def sheet_000() -> dict[str, asm.SheetRow]:
    # handled: 130 + 100 + 90 + 80 + 70 + 130 = 600 over 6 agents → average 100
    agents = [
        AgentInput("A", "甲", "G1", 130),
        AgentInput("B", "乙", "G1", 100, ent("B", "late_early", -5, 2)
                   + ent("B", "ticket_error", -2, 3)),
        AgentInput("C", "丙", "G2", 90, ent("C", "improper_remarks", -20)),
        AgentInput("D", "丁", "G2", 80),
        AgentInput("E", "戊", "G2", 70),
        AgentInput("F", "己", "G1", 130, ent("F", "disobedience", -30)
                   + ent("F", "idle_hotline_complaint", -30) + ent("F", "left_post", -10)
                   + ent("F", "delayed_dispatch", -10) + ent("F", "idle_hotline", -10)
                   + ent("F", "untidy_desk", -5) + ent("F", "missed_meeting", -5)
                   + ent("F", "late_early", -5)),
    ]
    return {r.agent: r for r in asm.compute_sheet(P000, agents)}


def test_000_system_score_steps_against_the_floor_average() -> None:
    """R-ASSESS-2 with average 100: 130 and 100 are not under it → 100; 90 is exactly
    10 % under → 90; 80 exactly 20 % → 80; 70 exactly 30 % → 0."""
    rows = sheet_000()
    got = {a: (r.part("system").score, r.part("system").volume) for a, r in rows.items()}
    assert got == {"A": (100, 130), "B": (100, 100), "C": (90, 90), "D": (80, 80),
                   "E": (0, 70), "F": (100, 130)}
    assert {r.part("system").average for r in rows.values()} == {100.0}
    assert {(r.part("system").pool, r.part("system").pool_size) for r in rows.values()} == {
        ("floor", 6)}


def test_000_evaluation_totals_ranks_rewards_and_retraining() -> None:
    rows = sheet_000()
    ev = {a: r.part("evaluation").score for a, r in rows.items()}
    # B: 100 − 2×5 (late/early) − 3×2 (ticket errors) = 84; C: 100 − 20 = 80;
    # F: 100 − (30+30+10+10+10+5+5+5 = 105) → 0, never under 0
    assert ev == {"A": 100, "B": 84, "C": 80, "D": 100, "E": 100, "F": 0}
    assert len(rows["B"].part("evaluation").entries) == 5
    total = {a: r.total for a, r in rows.items()}
    # R-ASSESS-1: A 100×.5+100×.5 = 100; B 50+42 = 92; C 45+40 = 85; D 40+50 = 90;
    # E 0+50 = 50; F 50+0 = 50
    assert total == {"A": 100, "B": 92, "C": 85, "D": 90, "E": 50, "F": 50}
    # ranks: A 1, B 2, D 3, C 4; E and F both 50, told apart by the calls handled:
    # F 130 before E 70
    assert {a: r.rank for a, r in rows.items()} == {"A": 1, "B": 2, "D": 3, "C": 4,
                                                     "F": 5, "E": 6}
    assert {a: r.reward_yuan for a, r in rows.items() if r.reward_yuan} == {
        "A": 800, "B": 500, "D": 300}
    assert {a for a, r in rows.items() if asm.FLAG_RETRAIN in r.flags} == {"E", "F"}
    assert {a for a, r in rows.items() if asm.FLAG_PRAISE in r.flags} == {"A", "B", "D"}


def test_000_ties_share_the_rank_and_its_reward() -> None:
    rows = {r.agent: r for r in asm.compute_sheet(P000, [
        AgentInput("A", handled=100), AgentInput("B", handled=100),
        AgentInput("C", handled=100, entries=ent("C", "late_early", -5))])}
    # A, B: 100; C: 50 + 95×.5 = 97.5 → ranks 1, 1, 3 and 800, 800, 300
    assert [(rows[a].rank, rows[a].reward_yuan, rows[a].total) for a in "ABC"] == [
        (1, 800, 100), (1, 800, 100), (3, 300, 97.5)]


def test_000_equal_totals_are_told_apart_by_the_calls_handled() -> None:
    """Twenty agents at 100 do not all get the first reward: the one who handled more
    calls ranks first (R-ASSESS-2's measure of work)."""
    rows = {r.agent: r for r in asm.compute_sheet(P000, [
        AgentInput("A", handled=100), AgentInput("B", handled=120),
        AgentInput("C", handled=110), AgentInput("D", handled=105)])}
    # average 108.75: none is 10 % under it → every system score 100, every total 100
    assert {r.total for r in rows.values()} == {100}
    assert [(a, rows[a].rank, rows[a].reward_yuan) for a in "BCDA"] == [
        ("B", 1, 800), ("C", 2, 500), ("D", 3, 300), ("A", 4, 0)]


def test_000_compared_within_the_group_when_the_policy_says_so() -> None:
    doc = tomllib.loads(asm.shipped_text("assessment-000.toml"))
    doc["parts"][0]["compare"] = "group"
    pol = asm.parse_policy(doc)
    rows = {r.agent: r for r in asm.compute_sheet(pol, [
        AgentInput("A", group="G1", handled=100), AgentInput("B", group="G1", handled=80),
        AgentInput("C", group="G2", handled=20)])}
    # G1: average 90, B is 80 ≤ 90×0.9 = 81 → 90; C alone in G2 is its own average → 100
    assert (rows["B"].part("system").score, rows["B"].part("system").average) == (90, 90)
    assert (rows["C"].part("system").score, rows["C"].part("system").pool) == (100, "G2")


def test_nobody_handled_anything_scores_full() -> None:
    rows = asm.compute_sheet(P000, [AgentInput("A"), AgentInput("B")])
    assert [r.part("system").score for r in rows] == [100, 100]


# ---- seed 002 (12333) -------------------------------------------------------------------


def test_002_parts_bonus_and_leader_calls() -> None:
    x = AgentInput(
        "X", handled=0,
        entries=ent("X", "loud", -2) + ent("X", "pc_password", -0.5) + ent("X", "study_poor", -2)
        + ent("X", "complaint", -2, 2) + ent("X", "praise_phone", 2)
        + ent("X", "praise_banner", 10) + ent("X", "praise_letter", 3)
        + ent("X", "suggestion", 1, 2),
        leader={"policy": 30, "service": 27},
        calls={"policy": (33, 31, 29), "service": (28, 26, 27)})
    y = AgentInput("Y", entries=ent("Y", "praise_banner", 10, 2) + ent("Y", "praise_letter", 3)
                   + ent("Y", "complaint", -2, 6),
                   leader={"policy": 35}, calls={"policy": (35, 35), "service": (30, 30, 30)})
    z = AgentInput("Z", entries=ent("Z", "summary_missing", -1),
                   leader={"policy": 20, "service": 20},
                   calls={"policy": (25, 26, 27), "service": (20, 21, 22)})
    rows = {r.agent: r for r in asm.compute_sheet(P002, [x, y, z])}
    px = {p.part: p.score for p in rows["X"].parts}
    # policy 30×0.4 + (33+31+29)/3×0.6 = 12 + 18.6 = 30.6; service 27×.4 + 27×.6 = 27;
    # discipline 15 − 2 − 0.5 = 12.5; summary 5; study 5 − 2 = 3; complaints 10 − 2×2 = 6;
    # bonus 2 + 10 + 3 + 1 + 1 = 17
    assert px == {"policy": 30.6, "service": 27.0, "discipline": 12.5, "summary": 5,
                  "study": 3, "complaints": 6, "bonus": 17}
    assert rows["X"].total == 101.1  # 30.6 + 27 + 12.5 + 5 + 3 + 6 + 17
    assert rows["X"].part("policy").calls == (33, 31, 29)
    assert rows["X"].part("policy").leader == 30
    # Z: 20×.4 + 26×.6 = 23.6; 20×.4 + 21×.6 = 20.6; 15; 5 − 1 = 4; 5; 10; 0 → 78.2
    assert rows["Z"].total == 78.2
    # Y: bonus 10+10+3 = 23 capped at 20; complaints 10 − 12 → 0; the service part has
    # no leader's score: no total, no rank; the policy part has 2 calls of 3
    assert rows["Y"].part("bonus").score == 20 and rows["Y"].part("complaints").score == 0
    assert rows["Y"].part("policy").score == 35  # 35×.4 + 35×.6
    assert rows["Y"].total is None and rows["Y"].rank is None
    assert set(rows["Y"].flags) == {asm.FLAG_INCOMPLETE, asm.FLAG_FEW_CALLS}
    assert (rows["X"].rank, rows["Z"].rank) == (1, 2)
    # 002 sets no reward and no pass mark
    assert all(r.reward_yuan == 0 for r in rows.values())
    assert not any(asm.FLAG_RETRAIN in r.flags for r in rows.values())


def test_an_entry_the_policy_does_not_know_is_flagged_not_dropped_silently() -> None:
    """The policy changed during the month (000 → 002): the 000 entry is not counted,
    and the row says so."""
    rows = asm.compute_sheet(P002, [AgentInput(
        "X", entries=ent("X", "untidy_desk", -1) + ent("X", "idle_hotline", -10),
        leader={"policy": 35, "service": 30, "system": 80},
        calls={"policy": (35, 35, 35), "service": (30, 30, 30)})])
    # 002's untidy_desk (−1) counts: 35 + 30 + 14 + 5 + 5 + 10 + 0 = 99
    assert rows[0].total == 99
    assert asm.FLAG_UNKNOWN_ITEM in rows[0].flags
    clean = asm.compute_sheet(P002, [AgentInput(
        "X", leader={"policy": 35, "service": 30},
        calls={"policy": (35, 35, 35), "service": (30, 30, 30)})])
    assert clean[0].total == 100 and clean[0].flags == ()


def test_rows_survive_json() -> None:
    for r in sheet_000().values():
        assert asm.SheetRow.from_json(r.to_json()) == r


def test_yearly_is_the_sum_over_twelve() -> None:
    jan = asm.compute_sheet(P000, [AgentInput("A", handled=10), AgentInput("B", handled=10)])
    feb = asm.compute_sheet(P000, [AgentInput("A", handled=10),
                                   AgentInput("B", handled=10,
                                              entries=ent("B", "late_early", -5))])
    year = {r.agent: r for r in asm.yearly({"2026-01": jan, "2026-02": feb})}
    # A: (100 + 100) / 12 = 16.67; B: (100 + 97.5) / 12 = 16.458… → 16.46
    assert (year["A"].total, year["A"].rank) == (16.67, 1)
    assert (year["B"].total, year["B"].months) == (16.46, {"2026-01": 100, "2026-02": 97.5})


# ---- validation ----------------------------------------------------------------------------


def doc000() -> dict[str, Any]:
    return tomllib.loads(asm.shipped_text("assessment-000.toml"))


@pytest.mark.parametrize(("change", "key"), [
    (lambda d: d["parts"][1]["items"][0].update(points=5), "parts[1].items[0].points"),
    (lambda d: d["parts"][1]["items"][0].update(points=-500), "parts[1].items[0].points"),
    (lambda d: d["parts"][1]["items"][1].update(id="late_early"), "parts[1].items[1].id"),
    (lambda d: d["parts"][1]["items"][0].update(auto="weather"), "parts[1].items[0].auto"),
    (lambda d: d["parts"][0]["steps"][1].update(below_pct=5), "parts[0].steps[1].below_pct"),
    (lambda d: d["parts"][0].update(compare="post"), "parts[0].compare"),
    (lambda d: d["parts"][0].update(weight=True), "parts[0].weight"),
    (lambda d: d.update(rewards_yuan=[800, -1]), "rewards_yuan[1]"),
    (lambda d: d.update(colour="red"), "colour"),
    (lambda d: d.update({"": 0}), "''"),  # found by the fuzzer: the key was named ""
    (lambda d: d["parts"][1].pop("items"), "parts[1].items"),
])
def test_a_bad_policy_names_the_key(change: Any, key: str) -> None:
    d = doc000()
    change(d)
    with pytest.raises(AssessmentPolicyError) as e:
        asm.parse_policy(d)
    assert e.value.key == key


def test_002_weights_of_leader_and_calls_add_up() -> None:
    d = tomllib.loads(asm.shipped_text("assessment-002.toml"))
    d["parts"][0]["leader_weight"] = 0.5
    with pytest.raises(AssessmentPolicyError, match="parts\\[0\\].calls_weight"):
        asm.parse_policy(d)


def test_not_toml_names_the_file() -> None:
    with pytest.raises(AssessmentPolicyError, match="x.toml is not valid TOML"):
        asm.parse_toml("id = ", "x.toml")


FUZZ = settings(max_examples=60, deadline=None, database=None,
                suppress_health_check=[HealthCheck.too_slow])
ODD = st.one_of(st.none(), st.booleans(), st.integers(min_value=-(2**70), max_value=2**70),
                st.floats(allow_nan=True, allow_infinity=True), st.text(max_size=10),
                st.lists(st.integers(), max_size=3), st.dictionaries(st.text(max_size=5),
                                                                     st.integers(), max_size=2))


@FUZZ
@given(which=st.integers(min_value=0), value=ODD,
       name=st.sampled_from(["assessment-000.toml", "assessment-002.toml"]))
def test_fuzzed_policy_parses_or_names_the_key(which: int, value: Any, name: str) -> None:
    """Any value anywhere: the policy parses, or the parser's own error — nothing else."""
    doc = tomllib.loads(asm.shipped_text(name))
    paths = doc_paths(doc)
    path = paths[which % len(paths)]
    doc = copy.deepcopy(doc)
    if path:
        node = doc
        for p in path[:-1]:
            node = node[p]
        node[path[-1]] = value
    else:
        doc = value
    try:
        pol = asm.parse_policy(doc)
    except AssessmentPolicyError as e:
        assert e.key and "\n" not in str(e)
    else:
        asm.compute_sheet(pol, [AgentInput("A", handled=3), AgentInput("B")])


@FUZZ
@given(st.text(max_size=300))
def test_fuzzed_text_is_toml_or_the_error(text: str) -> None:
    try:
        asm.parse_toml(text, "f.toml")
    except AssessmentPolicyError as e:
        assert e.key


def test_002_sheet_xlsx_shows_the_leaders_and_the_calls_scores(tmp_path: Any) -> None:
    """月度考核表 under the 12333 policy: each scored part with the leader's score and the
    calls' mean it came from, every deduction and bonus named with its part."""
    import openpyxl

    from models.reports import assessment_xlsx

    x = AgentInput("X", "王芳", "一班",
                   entries=(Entry("X", date(2026, 12, 7), "praise_banner", 10, "市民赠送锦旗"),
                            Entry("X", date(2026, 12, 9), "complaint", -2)),
                   leader={"policy": 30, "service": 27},
                   calls={"policy": (33, 31, 29), "service": (28, 26, 27)})
    rows = asm.compute_sheet(P002, [x])
    out = tmp_path / "m.xlsx"
    assert assessment_xlsx.write_month(out, "2026-12", rows, P002, status="draft") == 1
    ws = openpyxl.load_workbook(out)["月度考核表"]
    head = [c.value for c in ws[assessment_xlsx.HEADER_ROW]]
    assert head[4:7] == ["政策水平·班长评分", "政策水平·录音评分均值", "政策水平（满分35）"]
    assert head[-4:] == ["总分", "奖励（元）", "扣分、加分明细", "备注"]
    row = [c.value for c in ws[assessment_xlsx.HEADER_ROW + 1]]
    # policy 30 × .4 + 31 × .6 = 30.6; service 10.8 + 27 × .6 = 27; 15 + 5 + 5;
    # complaints 10 − 2 = 8; bonus 10 → 30.6 + 27 + 25 + 8 + 10 = 100.6
    assert row[4:7] == [30, 31, 30.6] and row[-4] == 100.6
    assert row[-2] == ("12月7日 【附加得分】被咨询人员赠送锦旗 +10（市民赠送锦旗）\n"
                       "12月9日 【咨询人员投诉】被咨询人员有效投诉（调取录音确认为事实） −2")
    assert "草稿" in str(ws["A2"].value)
