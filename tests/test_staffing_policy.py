"""The floor policy's [staffing] keys (issue #17, DOMAIN §7): what a director writes is
what the staffing page computes with, and a value the maths cannot use is refused
naming the key and why, before anything reaches the floor."""

from __future__ import annotations

import pytest

from models.db import policies
from models.domain import policy as pol
from models.domain.policy import PolicyError


def test_staffing_keys_parse_and_round_trip() -> None:
    p = pol.parse_toml("[staffing]\npatience_s = 90\nshrinkage = 0.25\nforecast_weeks = 6\n",
                       "test.toml")
    assert (p.staffing_patience_s, p.staffing_shrinkage, p.staffing_forecast_weeks) == \
        (90.0, 0.25, 6)
    # `seatwatch policy show` writes it back as a file that says the same
    again = pol.parse_toml(policies.to_toml(p.to_dict()), "shown.toml")
    assert (again.staffing_patience_s, again.staffing_shrinkage,
            again.staffing_forecast_weeks) == (90.0, 0.25, 6)


def test_without_patience_the_floor_is_staffed_by_erlang_c() -> None:
    """No patience_s: nobody hangs up (Erlang C); the shipped shrinkage and weeks."""
    p = pol.parse_toml("[staffing]\n", "test.toml")
    assert p.staffing_patience_s is None
    assert (p.staffing_shrinkage, p.staffing_forecast_weeks) == (0.30, 4)


@pytest.mark.parametrize(("text", "key", "why"), [
    ("[staffing]\nshrinkage = 1.0", "staffing.shrinkage", "at most 0.9"),
    ("[staffing]\nshrinkage = -0.1", "staffing.shrinkage", "at least 0"),
    ("[staffing]\nshrinkage = \"30%\"", "staffing.shrinkage", "must be a number"),
    ("[staffing]\npatience_s = 0", "staffing.patience_s", "greater than 0"),
    ("[staffing]\npatience_s = nan", "staffing.patience_s", "a finite number"),
    ("[staffing]\nforecast_weeks = 0", "staffing.forecast_weeks", "at least 1"),
    ("[staffing]\nforecast_weeks = 53", "staffing.forecast_weeks", "at most 52"),
    ("[staffing]\nforecast_weeks = 2.5", "staffing.forecast_weeks", "whole number"),
    ("[staffing]\nweeks = 4", "staffing.weeks", "unknown key"),
])
def test_a_staffing_value_the_maths_cannot_use_is_refused(text: str, key: str,
                                                          why: str) -> None:
    with pytest.raises(PolicyError) as ei:
        pol.parse_toml(text, "test.toml")
    assert ei.value.key == key
    assert why in ei.value.reason, ei.value.reason
