"""QA control charts (DOMAIN §7, seed 003 篇十: watch the series, not one score; issue #18):
the limits and each run rule computed by hand. The baseline 80, 84, 80, 84 … (ten
scores) has X̄ = 82 and every moving range 4, so σ = 4 / 1.128 = 3.5461 and, for a
point of one score, 1σ = 85.546, 2σ = 89.092, 3σ = 92.638 above the centre (and
78.454, 74.908, 71.362 below)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest

from console.cli import main
from models.domain.qa_chart import Baseline, Point, baseline, chart, points
from tests.helpers import floor_engine, seed_floor, seed_operators

NOW = datetime(2026, 12, 7, 2, 0, tzinfo=UTC)

BASE = baseline([80.0, 84.0] * 5)
D0 = date(2026, 11, 2)  # a Monday


def _pts(values: list[float], n: int = 1) -> list[Point]:
    return [Point(D0 + timedelta(days=i), n, v) for i, v in enumerate(values)]


def _signals(values: list[float]) -> list[tuple[int, int, int]]:
    assert BASE is not None
    return [(s.index, s.rule, s.side) for s in chart(_pts(values), BASE).signals]


def test_the_baseline_is_the_mean_and_the_moving_range_over_d2() -> None:
    assert BASE is not None
    assert BASE.mean == 82.0 and BASE.n == 10
    assert BASE.sigma == pytest.approx(4 / 1.128)
    lo, hi = BASE.limits(1)
    assert (lo, hi) == (pytest.approx(71.3617, abs=1e-4), pytest.approx(92.6383, abs=1e-4))
    # a point that is the mean of four scores has limits half as wide: 82 ± 3σ/2
    assert BASE.limits(4) == (pytest.approx(82 - 5.3191, abs=1e-4),
                              pytest.approx(82 + 5.3191, abs=1e-4))
    assert baseline([90.0]) is None and baseline([]) is None


def test_a_series_within_the_rules_has_no_signal() -> None:
    assert _signals([82, 85, 79, 84, 80, 82, 86, 78, 83, 81]) == []


def test_rule_1_one_point_beyond_3_sigma_either_side() -> None:
    # 93 is 11 above: z = 3.10; 71 is 11 below
    assert _signals([82, 93, 82, 71, 92]) == [(1, 1, 1), (3, 1, -1)]


def test_rule_2_two_of_three_beyond_2_sigma_on_the_same_side() -> None:
    # 90 is z = 2.26: beyond 2σ, not 3σ; the window 90, 82, 90 completes on the 4th
    assert _signals([82, 90, 82, 90]) == [(3, 2, 1)]
    # on opposite sides it is not the pattern
    assert _signals([82, 90, 82, 74]) == []
    assert _signals([74, 74]) == []  # two points: no window of three yet
    assert _signals([82, 74, 74]) == [(2, 2, -1)]


def test_rule_3_four_of_five_beyond_1_sigma_on_the_same_side() -> None:
    # 86 is z = 1.13: beyond 1σ, not 2σ
    assert _signals([86, 86, 82, 86, 86]) == [(4, 3, 1)]
    assert _signals([86, 86, 82, 86, 82]) == []  # the last point is not beyond: not marked
    assert _signals([78, 78, 78, 82, 78]) == [(4, 3, -1)]


def test_rule_4_eight_in_a_row_on_one_side() -> None:
    assert _signals([83] * 7) == []
    assert _signals([83] * 8) == [(7, 4, 1)]
    assert _signals([83] * 9) == [(7, 4, 1), (8, 4, 1)]
    assert _signals([81] * 4 + [82] + [81] * 7) == []  # a point on the centre breaks it


def test_a_point_can_break_several_rules_and_each_is_listed() -> None:
    # five points beyond 2σ (so beyond 1σ) above: rule 2 from the 3rd point (a full
    # window of three), rule 3 on the 5th (a full window of five)
    got = _signals([90, 90, 90, 90, 90])
    assert got == [(2, 2, 1), (3, 2, 1), (4, 2, 1), (4, 3, 1)]


def test_points_are_the_period_means_and_their_limits_narrow_with_more_scores() -> None:
    scores = [(date(2026, 11, 2), 80.0), (date(2026, 11, 4), 90.0), (date(2026, 11, 8), 70.0),
              (date(2026, 11, 10), 88.0)]
    assert points(scores, "week") == (Point(date(2026, 11, 2), 3, 80.0),
                                      Point(date(2026, 11, 9), 1, 88.0))
    assert [p.n for p in points(scores, "day")] == [1, 1, 1, 1]
    # the mean of four scores at 87.5 is beyond 3σ/2 (87.32); one score at 87.5 is not
    base = Baseline(82.0, 4 / 1.128, 10)
    assert [s.rule for s in chart([Point(D0, 4, 87.5)], base).signals] == [1]
    assert chart([Point(D0, 1, 87.5)], base).signals == ()


# ---- from the database and on the terminal, on both engines -----------------------------


@pytest.fixture
def scored(db_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Iterator[str]:
    """Groups G1 (1001, 1002) and G2 (1003). Ten baseline scores of G1, one a day from
    Monday 2026-11-02: 1001 scores 80 on the even days, 1002 84 on the odd ones (so
    X̄ = 82 and every moving range 4, as above); then 1001 scores 60 and 62 in the
    week of 2026-11-23."""
    with floor_engine(db_url) as e:
        seed_operators(e, [("A1", "管理员", ["admin"]), ("L1", "张班长", ["shift_leader"])],
                       now=NOW)
        seed_floor(e, NOW, groups=[{"id": "G1", "name": "一班"}, {"id": "G2", "name": "二班"}],
                   agents=[{"id": "1001", "name": "赵一", "group": "G1"},
                           {"id": "1002", "name": "钱二", "group": "G1"},
                           {"id": "1003", "name": "孙三", "group": "G2"}])
    rows = [f"{D0 + timedelta(days=i)},{'1001' if i % 2 == 0 else '1002'},Q{i},王质检,"
            f"{80 if i % 2 == 0 else 84}" for i in range(10)]
    rows += ["2026-11-24,1001,Q20,王质检,60", "2026-11-26,1001,Q21,王质检,62"]
    f = tmp_path / "qa.csv"
    f.write_text("日期,工号,通话编号,质检员,总分\n" + "\n".join(rows) + "\n", encoding="utf-8")
    assert main(["qa", "import", str(f), "--db", db_url, "--by", "L1"]) == 0
    capsys.readouterr()
    yield db_url


CHART = ["--from", "2026-11-02", "--to", "2026-11-29", "--baseline-from", "2026-11-02",
         "--baseline-to", "2026-11-15", "--by", "L1"]


def test_an_agents_chart_against_the_groups_baseline_flags_the_bad_week(
        scored: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["qa", "chart", "--db", scored, "--agent", "1001", *CHART, "--json"]) == 0
    doc = json.loads(capsys.readouterr().out)
    b = doc["baseline"]
    assert (b["group"], b["n"], b["mean"]) == ("G1", 10, 82.0)
    assert b["sigma"] == pytest.approx(4 / 1.128)
    got = [(p["start"], p["n"], p["mean"]) for p in doc["points"]]
    assert got == [("2026-11-02", 4, 80.0), ("2026-11-09", 1, 80.0), ("2026-11-23", 2, 61.0)]
    # a mean of four: 82 ± 3σ/2; of two: 82 ± 3σ/√2 = 74.48 … 89.52
    assert doc["points"][0]["lcl"] == pytest.approx(82 - 1.5 * 4 / 1.128)
    assert doc["points"][2]["lcl"] == pytest.approx(82 - 3 * 4 / 1.128 / 2 ** 0.5)
    assert [(s["start"], s["rule"], s["side"]) for s in doc["signals"]] == [
        ("2026-11-23", 1, "below")]
    assert [p["rules"] for p in doc["points"]] == [[], [], [1]]
    assert main(["qa", "chart", "--db", scored, "--agent", "1001", *CHART]) == 0
    text = capsys.readouterr().out
    assert "82.00" in text and "3.55" in text and "61.00" in text
    assert "2026-11-23：均值 61.00（偏低），规则 1：1 个点超出 3σ" in text


def test_a_groups_chart_is_the_mean_of_all_its_agents_scores_per_period(
        scored: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["qa", "chart", "--db", scored, "--group", "G1", *CHART, "--per", "week",
                 "--json"]) == 0
    doc = json.loads(capsys.readouterr().out)
    got = [(p["start"], p["n"], p["mean"]) for p in doc["points"]]
    assert got == [("2026-11-02", 7, pytest.approx((4 * 80 + 3 * 84) / 7)),
                   ("2026-11-09", 3, pytest.approx((84 + 80 + 84) / 3)),
                   ("2026-11-23", 2, 61.0)]
    assert main(["qa", "chart", "--db", scored, "--group", "G1", *CHART, "--per", "day",
                 "--json"]) == 0
    assert len(json.loads(capsys.readouterr().out)["points"]) == 12


@pytest.mark.parametrize(("args", "needle"), [
    (["--agent", "1099"], "1099"),
    (["--group", "G2"], "没有基准"),
    (["--group", "G9"], "G9"),
])
def test_a_chart_that_cannot_be_drawn_is_one_line(
        scored: str, args: list[str], needle: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["qa", "chart", "--db", scored, *args, *CHART]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and needle in err and "Traceback" not in err


def test_a_bad_date_is_one_line(sqlite_url: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["qa", "chart", "--db", sqlite_url, "--group", "G1", "--from", "2026-11-31",
                 "--to", "2026-12-01", "--by", "L1"]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "--from" in err and "2026-11-31" in err
