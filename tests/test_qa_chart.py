"""QA control charts (DOMAIN §7, seed 003 篇十: watch the series, not one score; issue #18):
the limits and each run rule computed by hand. The baseline 80, 84, 80, 84 … (ten
scores) has X̄ = 82 and every moving range 4, so σ = 4 / 1.128 = 3.5461 and, for a
point of one score, 1σ = 85.546, 2σ = 89.092, 3σ = 92.638 above the centre (and
78.454, 74.908, 71.362 below)."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from models.domain.qa_chart import Baseline, Point, baseline, chart, points

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
