"""The floor policy file (TOML): defaults, validation, periods, bands, diff and the
``policy`` commands on SQLite and PostgreSQL. Rule IDs refer to shared/DOMAIN.md."""

from __future__ import annotations

import tomllib
from datetime import UTC, date, datetime, time, timedelta, timezone
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
import sqlalchemy as sa

from console.cli import main
from models.db import store
from models.db.policies import to_toml
from models.domain import policy as pol
from models.domain.policy import (
    Band,
    PeakLevel,
    Policy,
    PolicyError,
    ShiftDef,
    default_policy,
    parse_toml,
)

SH = ZoneInfo("Asia/Shanghai")

CST = timezone(timedelta(hours=8))  # Asia/Shanghai has no DST


def local(h: int, m: int = 0, day: int = 2) -> datetime:
    return datetime(2026, 3, day, h, m, tzinfo=CST)


def refused(text: str) -> PolicyError:
    with pytest.raises(PolicyError) as ei:
        pol.parse_toml(text, "test.toml")
    return ei.value


# ---- the shipped default ------------------------------------------------------------


def test_default_file_parses_and_equals_the_built_in_defaults() -> None:
    p = pol.default_policy()
    assert p == Policy()
    assert p.timezone == "Asia/Shanghai"
    # R-BREAK-1 / R-AWAY-1: 10 min short break, 15 min "other"; planned reasons no limit
    assert p.away_limit_s("short_break") == 600
    assert p.away_limit_s("other") == 900
    for reason in ("meal", "training", "meeting", "callback"):
        assert p.away_limit_s(reason) is None
    assert p.away_limit_s(None) is None
    assert p.max_on_break_per_group == 2  # R-BREAK-2
    assert p.hold_s == 30  # R-HOLD-1
    assert p.ring_s == 15  # R-RING-1
    assert p.after_call_min == 15  # R-ACW-1
    assert p.ticket_complete_min == 15
    assert p.seat_settle_min == 30  # R-SEAT-1
    # R-PEAK-1 / R-PEAK-2: 8 then 16 waiting, each for 30 minutes
    assert p.peak_levels == (PeakLevel(1, 8, 30.0), PeakLevel(2, 16, 30.0))
    assert p.peak_queues == ()
    assert p.event_retention_days == 30
    assert p.sl_threshold_s == 20
    assert p.shifts == (ShiftDef("白班", time(8), time(20)), ShiftDef("夜班", time(20), time(8)))
    assert p.band("answer_rate") == Band(0.85, 0.80)  # R-KPI-1


def test_every_default_key_is_written_in_the_shipped_file() -> None:
    """The file documents every threshold: its keys are those of to_dict() (a band's
    higher_is_better = true is the default and may be left out)."""
    shipped = tomllib.loads(pol.default_policy_text())
    built = Policy().to_dict()

    def keys(d: dict[str, Any], prefix: str = "") -> set[str]:
        out = set()
        for k, v in d.items():
            out.add(prefix + k)
            if isinstance(v, dict):
                out |= keys(v, prefix + k + ".")
        return out

    assert keys(shipped) == {k for k in keys(built)
                             if not (k.endswith(".higher_is_better")
                                     and k not in keys(shipped)
                                     and Policy().band(k.split(".")[1]).higher_is_better)}


def test_to_toml_round_trips_the_default_and_a_customised_policy() -> None:
    p = Policy()
    assert pol.parse_toml(to_toml(p.to_dict())) == p
    custom = pol.parse_toml("""
[floor]
timezone = "Asia/Urumqi"
[away_limits_min]
short_break = 12
meal = 45
[breaks]
max_per_group = 3
prewarn_min = 10
[limits]
hold_s = 45.5
[peak]
queues = ["Q1", "Q2"]
[[peak.levels]]
level = 1
threshold = 5
window_min = 0
[bands.asa_s]
green = 15
amber = 30
[[shifts]]
name = "早班 \\"A\\""
start = "07:30"
end = "15:30"
""")
    assert custom.peak_queues == ("Q1", "Q2")
    assert custom.shifts[0].name == '早班 "A"'
    assert pol.parse_toml(to_toml(custom.to_dict())) == custom
    assert Policy.from_dict(custom.to_dict()) == custom
    mine = pol.parse_toml('[controls]\nforce_reasons = ["抽查录音", "临时会议"]\n')
    assert mine.force_reasons == ("抽查录音", "临时会议")
    assert pol.parse_toml(to_toml(mine.to_dict())) == mine


def test_predictable_peaks_are_dated_entries_that_round_trip() -> None:
    """Issue #16, R-PEAK-3: none by default, at most 2 on callbacks; a period is whole
    local days from … to (TOML dates, or their ISO text in the JSON of events)."""
    assert Policy().peak_periods == () and Policy().peak_max_callbacks == 2
    p = pol.parse_toml('[peak]\nmax_callbacks = 3\n[[peak.periods]]\nname = "社保年度申报"\n'
                       'from = 2026-07-01\nto = 2026-07-31\n')
    assert p.peak_periods == (pol.PeakPeriod("社保年度申报", date(2026, 7, 1),
                                             date(2026, 7, 31)),)
    assert p.peak_max_callbacks == 3
    assert p.peak_periods[0].touches(date(2026, 6, 30), date(2026, 7, 1))
    assert not p.peak_periods[0].touches(date(2026, 8, 1), date(2026, 8, 2))
    assert pol.parse_toml(to_toml(p.to_dict())) == p
    assert Policy.from_dict(p.to_dict()) == p


def test_force_actions_offer_preset_reasons_by_default() -> None:
    """Issue #12: the shipped policy lists the reasons a leader picks from."""
    p = pol.default_policy()
    assert {"协助处理急件", "临时会议", "系统故障", "培训"} <= set(p.force_reasons)
    assert pol.parse_toml("[controls]\nforce_reasons = []").force_reasons == ()


def test_a_switched_off_prewarning_and_no_away_limits_survive_the_round_trip() -> None:
    """prewarn_min = 0 means "no pre-warning"; an empty [away_limits_min] means "no
    limits". Both must survive to_dict (the policy_applied event) and to_toml
    (``policy show``), or the defaults silently come back."""
    p = pol.parse_toml("[away_limits_min]\n[breaks]\nprewarn_min = 0\n")
    assert p.break_prewarn_min is None
    assert p.away_limit_s("short_break") is None
    assert Policy.from_dict(p.to_dict()) == p
    assert pol.parse_toml(to_toml(p.to_dict())) == p


# ---- refused files -------------------------------------------------------------------


@pytest.mark.parametrize(("text", "key", "why"), [
    ("[limits\nhold_s = 30", "(file)", "not valid TOML"),
    ("[limit]\nhold_s = 30", "limit", "unknown key"),
    ("[limits]\nhold_sec = 30", "limits.hold_sec", "unknown key"),
    ("[breaks]\nmax_per_grup = 2", "breaks.max_per_grup", "unknown key"),
    ("[away_limits_min]\nlunch = 60", "away_limits_min.lunch", "unknown key"),
    ("[limits]\nhold_s = -5", "limits.hold_s", "must be greater than 0, got -5"),
    ("[limits]\nhold_s = 0", "limits.hold_s", "must be greater than 0, got 0"),
    ("[limits]\nring_s = \"15\"", "limits.ring_s", "must be a number, got '15'"),
    ("[limits]\nafter_call_min = true", "limits.after_call_min", "must be a number"),
    ("[limits]\nseat_settle_min = -1", "limits.seat_settle_min", "at least 0"),
    ("[away_limits_min]\nshort_break = 0", "away_limits_min.short_break",
     "must be greater than 0"),
    ("[breaks]\nmax_per_group = 0", "breaks.max_per_group", "at least 1, got 0"),
    ("[breaks]\nmax_per_group = 1.5", "breaks.max_per_group", "whole number"),
    ("[retention]\nevent_days = 0", "retention.event_days", "at least 1"),
    ("[service_level]\nthreshold_s = 0", "service_level.threshold_s", "greater than 0"),
    ("[floor]\ntimezone = \"Mars/Olympus\"", "floor.timezone", "unknown time zone"),
    ("[floor]\ntimezone = 8", "floor.timezone", "must be a time zone name"),
    ("limits = 5", "limits", "must be a table"),
    # prewarning must come before the R-BREAK-1 limit it warns about
    ("[breaks]\nprewarn_min = 10", "breaks.prewarn_min",
     "shorter than the short-break limit (10 min)"),
    ("[away_limits_min]\nshort_break = 5\n[breaks]\nprewarn_min = 6", "breaks.prewarn_min",
     "shorter than the short-break limit (5 min)"),
    # R-PEAK-2 must be a higher level than R-PEAK-1
    ("[[peak.levels]]\nlevel = 1\nthreshold = 8\n[[peak.levels]]\nlevel = 2\nthreshold = 8",
     "peak.levels", "level 2 threshold (8) must be above level 1 threshold (8)"),
    ("[[peak.levels]]\nlevel = 2\nthreshold = 6\n[[peak.levels]]\nlevel = 1\nthreshold = 8",
     "peak.levels", "must be above"),
    ("[peak]\nlevels = []", "peak.levels", "non-empty"),
    ("[[peak.levels]]\nthreshold = 8", "peak.levels[0].level", "is required"),
    ("[[peak.levels]]\nlevel = 1\nthreshold = 0", "peak.levels[0].threshold", "at least 1"),
    ("[peak]\nqueues = \"Q1\"", "peak.queues", "list of queue ids"),
    # issue #16, R-PEAK-3: predictable peaks are named, dated, from <= to
    ("[peak]\nperiods = \"社保年度申报\"", "peak.periods", "list of [[peak.periods]]"),
    ("[[peak.periods]]\nfrom = 2026-07-01\nto = 2026-07-31", "peak.periods[0].name",
     "is required"),
    ("[[peak.periods]]\nname = \" \"\nfrom = 2026-07-01\nto = 2026-07-31",
     "peak.periods[0].name", "non-empty"),
    ("[[peak.periods]]\nname = \"申报\"\nfrom = \"7月1日\"\nto = 2026-07-31",
     "peak.periods[0].from", "must be a date YYYY-MM-DD"),
    ("[[peak.periods]]\nname = \"申报\"\nfrom = 2026-07-01T08:00:00\nto = 2026-07-31",
     "peak.periods[0].from", "must be a date YYYY-MM-DD"),
    ("[[peak.periods]]\nname = \"申报\"\nfrom = 2026-07-31\nto = 2026-07-01",
     "peak.periods[0].to", "must not be before from (2026-07-31)"),
    ("[[peak.periods]]\nname = \"申报\"\nfrom = 2026-07-01\nuntil = 2026-07-31",
     "peak.periods[0].until", "unknown key"),
    ("[peak]\nmax_callbacks = -1", "peak.max_callbacks", "at least 0"),
    # bands: amber must lie on the red side of green
    ("[bands.service_level]\ngreen = 0.70\namber = 0.80", "bands.service_level.amber",
     "red side"),
    ("[bands.asa_s]\ngreen = 40\namber = 20", "bands.asa_s.amber", "red side"),
    ("[bands.csat]\ngreen = 0.9\namber = 0.8", "bands.csat", "unknown KPI"),
    ("[bands.asa_s]\ngreen = 20\nred = 60", "bands.asa_s.red", "unknown key"),
    ("[bands.asa_s]\nhigher_is_better = \"no\"", "bands.asa_s.higher_is_better",
     "true or false"),
    # shifts
    ("[[shifts]]\nname = \"白班\"\nstart = \"25:00\"\nend = \"17:00\"", "shifts[0].start",
     "must be a time \"HH:MM\""),
    ("[[shifts]]\nname = \"白班\"\nstart = \"08:00\"\nend = 17", "shifts[0].end",
     "must be a time"),
    ("[[shifts]]\nname = \"白班\"\nstart = \"08:00\"", "shifts[0]", "needs both start and end"),
    ("[[shifts]]\nstart = \"08:00\"\nend = \"17:00\"", "shifts[0].name", "is required"),
    ("[[shifts]]\nname = \"白班\"\nstart = \"08:00\"\nend = \"17:00\"\n"
     "[[shifts]]\nname = \"白班\"\nstart = \"17:00\"\nend = \"08:00\"",
     "shifts[1].name", "duplicate shift name '白班'"),
    ("[[shifts]]\nname = \"全天\"\nstart = \"08:00\"\nend = \"08:00\"", "shifts[0].end",
     "must differ from start"),
    ("shifts = []", "shifts", "non-empty"),
    # issue #12: the force actions' preset reasons
    ("[controls]\nforce_reasons = \"培训\"", "controls.force_reasons", "list of texts"),
    ("[controls]\nforce_reasons = [\"培训\", \"  \"]", "controls.force_reasons[1]",
     "must not be empty"),
    ("[controls]\nforce_reasons = [\"培训\", \" 培训 \"]", "controls.force_reasons[1]",
     "duplicate reason '培训'"),
    ("[controls]\nforce_reasons = [\"" + "长" * 31 + "\"]", "controls.force_reasons[0]",
     "at most 30 characters"),
    ("[controls]\nreasons = []", "controls.reasons", "unknown key"),
    # issue #13 item 5: how long a control may wait for the floor host
    ("[controls]\nexpiry_s = nan", "controls.expiry_s", "a finite number"),
    ("[controls]\nexpiry_s = inf", "controls.expiry_s", "a finite number"),
    ("[controls]\nexpiry_s = 1e308", "controls.expiry_s", "at most 3600"),
    ("[controls]\nexpiry_s = 0.5", "controls.expiry_s", "at least 1"),
    ("[controls]\nexpiry_s = \"30s\"", "controls.expiry_s", "must be a number"),
])
def test_invalid_policy_is_refused_naming_the_key_and_why(text: str, key: str, why: str) -> None:
    err = refused(text)
    assert err.key == key
    assert why in err.reason
    assert str(err).startswith(f"{key}: ")


def test_controls_expire_after_30_s_by_default_and_the_floor_may_change_it() -> None:
    assert default_policy().command_expiry_s == 30.0
    p = parse_toml("[controls]\nexpiry_s = 90\n")
    assert p.command_expiry_s == 90.0
    assert Policy.from_dict(p.to_dict()).command_expiry_s == 90.0  # travels in the log


def test_not_toml_names_the_source_file() -> None:
    err = refused("hold_s = = 3")
    assert "test.toml is not valid TOML" in err.reason


def test_a_key_left_out_keeps_its_default() -> None:
    p = pol.parse_toml("[limits]\nhold_s = 45\n")
    assert p.hold_s == 45
    assert p.ring_s == 15
    assert p.away_limit_s("short_break") == 600
    assert p.shifts == Policy().shifts


# ---- periods -------------------------------------------------------------------------


def shifts(*defs: tuple[str, str, str]) -> Policy:
    body = "".join(f'[[shifts]]\nname = "{n}"\nstart = "{s}"\nend = "{e}"\n' for n, s, e in defs)
    return pol.parse_toml(body)


def test_shift_period_is_the_shift_containing_the_time() -> None:
    p = Policy()
    per = p.shift_period(local(10, 30))
    assert per.kind == "shift"
    assert per.name == "白班"
    assert per.start == local(8)
    assert per.end == local(20)
    assert per.contains(local(19, 59)) and not per.contains(local(20))
    assert p.shift_period(local(8)).name == "白班"  # the start belongs to the shift
    assert p.shift_period(local(7, 59)).name == "夜班"


def test_overnight_shift_crosses_midnight_as_one_period() -> None:
    p = Policy()
    evening = p.shift_period(local(22))
    after_midnight = p.shift_period(local(3, day=3))
    assert evening.name == after_midnight.name == "夜班"
    assert evening == after_midnight  # same instance: counters do not reset at midnight
    assert evening.start == local(20) and evening.end == local(8, day=3)
    # the morning of the 2nd belongs to the night shift that began on the 1st
    early = p.shift_period(local(6))
    assert early.start == local(20, day=1) and early.end == local(8)
    assert early.key != evening.key


def test_overlapping_shifts_give_the_one_that_started_last() -> None:
    p = shifts(("早班", "08:00", "17:00"), ("午班", "12:00", "20:00"))
    assert p.shift_period(local(13)).name == "午班"
    assert p.shift_period(local(18)).name == "午班"
    morning = p.shift_period(local(11))
    assert morning.name == "早班"
    # the early shift's period ends when the later one takes over, so "this shift"
    # counters reset at 12:00 and periods never overlap
    assert morning.end == local(12)
    assert p.shift_period(local(12)).start == local(12)


def test_time_between_shifts_is_a_gap_period_named_empty() -> None:
    p = shifts(("白班", "08:00", "17:00"))
    evening = p.shift_period(local(18))
    assert evening.name == ""
    assert evening.start == local(17)
    assert evening.end == local(8, day=3)  # ends at the next shift start
    early = p.shift_period(local(7))
    assert early.name == ""
    assert early.start == local(17, day=1) and early.end == local(8)
    assert p.shift_period(local(17)).name == ""  # the end is not part of the shift
    assert p.shift_period(local(8)).name == "白班"


def test_shift_and_day_periods_follow_the_policy_time_zone() -> None:
    at = datetime(2026, 3, 1, 17, 30, tzinfo=UTC)  # 01:30 on the 2nd in Shanghai
    day = Policy().day_period(at)
    assert day.kind == "day" and day.key == "2026-03-02" and day.name == "2026-03-02"
    assert day.start == local(0) and day.end == local(0, day=3)
    assert Policy().local_date(at).isoformat() == "2026-03-02"
    utc_floor = pol.parse_toml('[floor]\ntimezone = "UTC"\n')
    assert utc_floor.day_period(at).key == "2026-03-01"
    assert Policy().shift_period(at).name == "夜班"


# ---- bands ---------------------------------------------------------------------------


@pytest.mark.parametrize(("value", "colour"), [
    (0.81, "green"), (0.80, "green"), (0.7999, "amber"), (0.70, "amber"), (0.6999, "red"),
    (0.0, "red"), (None, "none"),
])
def test_band_higher_is_better_at_and_around_thresholds(value: float | None,
                                                        colour: str) -> None:
    assert Policy().band("service_level").colour(value) == colour


@pytest.mark.parametrize(("value", "colour"), [
    (19.9, "green"), (20.0, "green"), (20.1, "amber"), (40.0, "amber"), (40.1, "red"),
    (None, "none"),
])
def test_band_lower_is_better_at_and_around_thresholds(value: float | None,
                                                       colour: str) -> None:
    assert Policy().band("asa_s").colour(value) == colour


def test_band_thresholds_come_from_the_file() -> None:
    p = pol.parse_toml("[bands.answer_rate]\ngreen = 0.90\namber = 0.85\n")
    assert p.band("answer_rate").colour(0.86) == "amber"
    assert Policy().band("answer_rate").colour(0.86) == "green"
    assert p.band("service_level") == Policy().band("service_level")


# ---- diff ----------------------------------------------------------------------------


def test_diff_lists_changed_added_and_removed_keys_only() -> None:
    old = Policy().to_dict()
    new = pol.parse_toml("""
[away_limits_min]
short_break = 10
meal = 40
[limits]
hold_s = 45
""").to_dict()
    assert pol.diff(old, new) == [
        "+ away_limits_min.meal = 40.0",
        "- away_limits_min.other (was 15.0)",
        "~ limits.hold_s: 30.0 -> 45.0",
    ]
    assert pol.diff(old, Policy().to_dict()) == []


# ---- CLI -----------------------------------------------------------------------------


def write(tmp_path: Path, name: str, text: str) -> str:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return str(path)


def test_cli_validate_accepts_the_default_and_refuses_a_bad_file(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    good = write(tmp_path, "good.toml", pol.default_policy_text())
    assert main(["policy", "validate", good]) == 0
    out = capsys.readouterr()
    assert "valid" in out.out and out.err == ""

    bad = write(tmp_path, "bad.toml", "[limits]\nhold_s = -30\n")
    assert main(["policy", "validate", bad]) == 1
    out = capsys.readouterr()
    lines = out.err.strip().splitlines()
    assert len(lines) == 1
    assert "limits.hold_s" in lines[0] and "must be greater than 0" in lines[0]
    assert "Traceback" not in out.err


def test_cli_validate_reports_a_misspelt_key_and_a_missing_file(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bad = write(tmp_path, "typo.toml", "[breaks]\nmax_per_grp = 3\n")
    assert main(["policy", "validate", bad]) == 1
    err = capsys.readouterr().err.strip()
    assert "\n" not in err and "breaks.max_per_grp" in err and "unknown key" in err
    assert main(["policy", "validate", str(tmp_path / "missing.toml")]) == 1
    err = capsys.readouterr().err.strip()
    assert "\n" not in err and "无法读取" in err


def test_cli_apply_stores_versions_with_diff_and_the_floor_follows(
        db_url: str, eng: Any, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    first = write(tmp_path, "policy.toml", pol.default_policy_text())
    assert main(["policy", "apply", first, "--db", db_url, "--by", "张班长"]) == 0
    assert "policy version 1 applied by 张班长" in capsys.readouterr().out

    second = write(tmp_path, "policy2.toml", pol.default_policy_text()
                   .replace("hold_s = 30 ", "hold_s = 45 ")
                   .replace("max_per_group = 2 ", "max_per_group = 3 "))
    assert main(["policy", "apply", second, "--db", db_url, "--by", "张班长"]) == 0
    out = capsys.readouterr().out
    assert "policy version 2 applied by 张班长" in out
    assert "~ limits.hold_s: 30.0 -> 45.0" in out

    with eng.connect() as conn:
        rows = conn.execute(sa.text(
            "SELECT version, applied_by, diff, event_id FROM policy_version ORDER BY version"
        )).all()
        assert [(r.version, r.applied_by) for r in rows] == [(1, "张班长"), (2, "张班长")]
        assert rows[0].diff == ""  # the default file changes nothing
        assert rows[1].diff.splitlines() == ["~ breaks.max_per_group: 2 -> 3",
                                             "~ limits.hold_s: 30.0 -> 45.0"]
        types = dict(conn.execute(sa.text("SELECT id, type FROM floor_event")).all())
        assert types[rows[0].event_id] == types[rows[1].event_id] == "policy_applied"
        state = store.current_state(conn)
    assert state.policy_version == 2
    assert state.policy.hold_s == 45  # R-HOLD-1 threshold now 45 s on this floor
    assert state.policy.max_on_break_per_group == 3  # R-BREAK-2

    assert main(["policy", "show", "--db", db_url]) == 0
    shown = capsys.readouterr().out
    assert shown.splitlines()[0].startswith("# floor policy version 2, applied ")
    assert "by 张班长" in shown.splitlines()[0]
    assert pol.parse_toml(shown) == state.policy  # what is shown is a valid policy file


def test_cli_apply_of_a_disabled_prewarning_reaches_the_floor(
        db_url: str, eng: Any, tmp_path: Path) -> None:
    f = write(tmp_path, "p.toml", "[breaks]\nprewarn_min = 0\n")
    assert main(["policy", "apply", f, "--db", db_url, "--by", "张班长"]) == 0
    with eng.connect() as conn:
        state = store.current_state(conn)
    assert state.policy_version == 1
    assert state.policy.break_prewarn_min is None


def test_cli_apply_of_an_invalid_file_writes_nothing(
        db_url: str, eng: Any, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bad = write(tmp_path, "bad.toml", "[[shifts]]\nname = \"白班\"\nstart = \"08:00\"\n"
                                      "end = \"08:00\"\n")
    assert main(["policy", "apply", bad, "--db", db_url, "--by", "张班长"]) == 1
    assert "shifts[0].end" in capsys.readouterr().err
    with eng.connect() as conn:
        assert conn.execute(sa.text("SELECT count(*) FROM policy_version")).scalar() == 0
        assert conn.execute(sa.text("SELECT count(*) FROM floor_event")).scalar() == 0


def test_cli_show_on_a_fresh_floor_is_the_built_in_default(
        db_url: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["policy", "show", "--db", db_url]) == 0
    out = capsys.readouterr().out
    assert out.splitlines()[0] == "# floor policy version 0 (built-in default)"
    assert pol.parse_toml(out) == Policy()


# ---- shifts: days and seasons (issue #6: summer and winter hours are data) ----------------

SEASONS = """
[[shifts]]
name = "夏季人工服务"
start = "08:00"
end = "18:00"
days = "weekdays"
season = ["05-01", "09-30"]

[[shifts]]
name = "冬季人工服务"
start = "08:00"
end = "17:00"
days = "weekdays"
season = ["10-01", "04-30"]
"""


def test_summer_and_winter_hours_are_two_seasonal_shifts() -> None:
    """[002] 12333 manual service: 8–18 in summer, 8–17 in winter, weekdays only."""
    p = parse_toml(SEASONS)
    summer, winter = p.shifts
    assert summer.runs_on(date(2026, 7, 1)) and not winter.runs_on(date(2026, 7, 1))
    assert winter.runs_on(date(2026, 11, 23)) and winter.runs_on(date(2027, 1, 4))  # wraps
    assert not winter.runs_on(date(2026, 11, 28))  # a Saturday
    assert winter.runs_on(date(2026, 11, 28), "workday")  # 调休: a Saturday worked
    assert not winter.runs_on(date(2026, 10, 1), "holiday")  # 国庆节
    day = p.shift_period(datetime(2026, 11, 23, 16, 30, tzinfo=SH))
    assert day.name == "冬季人工服务"
    assert day.end == datetime(2026, 11, 23, 17, 0, tzinfo=SH)
    assert p.shift_period(datetime(2026, 11, 23, 17, 30, tzinfo=SH)).name == ""
    assert p.shift_period(datetime(2026, 7, 1, 17, 30, tzinfo=SH)).name == "夏季人工服务"
    # Saturday is a gap from Friday 17:00 to Monday 08:00
    gap = p.shift_period(datetime(2026, 11, 28, 12, 0, tzinfo=SH))
    assert gap.name == "" and gap.end == datetime(2026, 11, 30, 8, 0, tzinfo=SH)
    assert Policy.from_dict(p.to_dict()) == p


def test_a_24_hour_shift_runs_on_holidays() -> None:
    night = Policy().shifts[1]
    assert night.runs_on(date(2026, 10, 1), "holiday")


@pytest.mark.parametrize("extra,key", [
    ('days = ["mon", "funday"]', "shifts[0].days"),
    ("days = 5", "shifts[0].days"),
    ('season = ["05-01"]', "shifts[0].season"),
    ('season = ["02-30", "03-01"]', "shifts[0].season"),
])
def test_bad_shift_days_or_season_name_the_key(extra: str, key: str) -> None:
    with pytest.raises(PolicyError) as err:
        parse_toml(f'[[shifts]]\nname = "白班"\nstart = "08:00"\nend = "20:00"\n{extra}\n')
    assert err.value.key == key


# ---- every number has a finite range (issue #13 item 8) -------------------------------------


def _numeric_leaves(doc: Any, path: str = "") -> list[str]:
    """Dotted keys (``peak.levels[0].window_min``) of every number in a policy document."""
    out: list[str] = []
    if isinstance(doc, dict):
        for k, v in doc.items():
            out += _numeric_leaves(v, f"{path}.{k}" if path else str(k))
    elif isinstance(doc, list):
        for i, v in enumerate(doc):
            out += _numeric_leaves(v, f"{path}[{i}]")
    elif isinstance(doc, int | float) and not isinstance(doc, bool):
        out.append(path)
    return out


def _set(doc: Any, path: str, value: Any) -> None:
    parts = path.replace("[", ".[").split(".")
    for p in parts[:-1]:
        doc = doc[int(p[1:-1])] if p.startswith("[") else doc[p]
    last = parts[-1]
    if last.startswith("["):
        doc[int(last[1:-1])] = value
    else:
        doc[last] = value


NUMERIC_KEYS = _numeric_leaves(Policy().to_dict())


def test_the_policy_has_numbers_in_every_section() -> None:
    sections = {k.split(".")[0].split("[")[0] for k in NUMERIC_KEYS}
    assert {"limits", "breaks", "away_limits_min", "service_level", "peak", "bands",
            "retention", "attendance"} <= sections
    assert "limits.hold_s" in NUMERIC_KEYS and "attendance.late.absent_days" in NUMERIC_KEYS


@pytest.mark.parametrize("value", [float("nan"), float("inf"), float("-inf"), 1e308])
@pytest.mark.parametrize("key", NUMERIC_KEYS)
def test_every_numeric_value_refuses_nan_inf_and_huge_naming_the_key(key: str,
                                                                       value: float) -> None:
    """R-POLICY (issue #13 item 8): with ``hold_s = nan`` no rule raised anything."""
    doc = Policy().to_dict()
    _set(doc, key, value)
    with pytest.raises(PolicyError) as ei:
        Policy.from_dict(doc)
    assert ei.value.key == key
    assert any(w in ei.value.reason for w in ("finite", "at most", "whole number",
                                              "at least")), ei.value.reason
    assert "\n" not in str(ei.value)


@pytest.mark.parametrize(("line", "key", "why"), [
    ("[limits]\nhold_s = nan", "limits.hold_s", "must be a finite number, got nan"),
    ("[limits]\nring_s = inf", "limits.ring_s", "must be a finite number, got inf"),
    ("[limits]\nurgent_ack_s = 1e308", "limits.urgent_ack_s", "must be at most 86400"),
    ("[bands.service_level]\ngreen = 80", "bands.service_level.green", "must be at most 1"),
    ("[retention]\nevent_days = 9223372036854775807", "retention.event_days",
     "must be at most 3660"),
    ("[attendance]\npersonal_days_per_year = nan", "attendance.personal_days_per_year",
     "must be a finite number"),
])
def test_a_toml_nan_inf_or_huge_value_is_refused(line: str, key: str, why: str) -> None:
    e = refused(line)
    assert e.key == key and why in e.reason


def test_the_largest_sensible_values_are_still_accepted() -> None:
    p = parse_toml("[limits]\nhold_s = 86400\nafter_call_min = 1440\n"
                   "[bands.asa_s]\ngreen = 600\namber = 900\n")
    assert p.hold_s == 86400.0 and p.after_call_min == 1440.0


def test_r_idle_1_defaults_and_the_24_hour_queues_round_trip() -> None:
    """Issue #16, R-IDLE-1: no queue is 24-hour unless the policy says so (60 s with
    nobody on the line, 3 unanswered rings in a row by default); a custom one survives
    the TOML round trip."""
    p = default_policy()
    assert (p.idle_queues, dict(p.idle_groups), p.idle_unstaffed_s, p.idle_missed_rings) \
        == ((), {}, 60.0, 3)
    mine = parse_toml('[idle]\nqueues_24h = ["Q1", "Q2"]\ngroups = { Q1 = ["G1", "G2"] }\n'
                      "unstaffed_s = 90\nmissed_rings = 0\n")
    assert mine.idle_queues == ("Q1", "Q2") and mine.idle_groups == {"Q1": ("G1", "G2")}
    assert (mine.idle_unstaffed_s, mine.idle_missed_rings) == (90.0, 0)
    assert pol.parse_toml(to_toml(mine.to_dict())) == mine
    assert Policy.from_dict(mine.to_dict()) == mine


@pytest.mark.parametrize(("text", "key", "why"), [
    ('[idle]\nqueues_24h = "Q1"', "idle.queues_24h", "list of queue ids"),
    ('[idle]\nqueues_24h = ["Q1", ""]', "idle.queues_24h", "list of queue ids"),
    ('[idle]\nqueues_24h = ["Q1", "Q1"]', "idle.queues_24h", "duplicate queue id 'Q1'"),
    ('[idle]\ngroups = ["G1"]', "idle.groups", "must be a table"),
    ('[idle]\nqueues_24h = ["Q1"]\ngroups = { Q2 = ["G1"] }', "idle.groups.Q2",
     "not one of idle.queues_24h"),
    ('[idle]\nqueues_24h = ["Q1"]\ngroups = { Q1 = [] }', "idle.groups.Q1",
     "at least one group"),
    ('[idle]\nqueues_24h = ["Q1"]\ngroups = { Q1 = "G1" }', "idle.groups.Q1",
     "list of group ids"),
    ("[idle]\nunstaffed_s = -1", "idle.unstaffed_s", "at least 0"),
    ("[idle]\nmissed_rings = 21", "idle.missed_rings", "at most 20"),
    ("[idle]\nmissed_rings = 2.5", "idle.missed_rings", "whole number"),
    ("[idle]\nqueues = []", "idle.queues", "unknown key"),
])
def test_r_idle_1_a_bad_idle_table_is_refused_naming_the_key(text: str, key: str,
                                                              why: str) -> None:
    err = refused(text)
    assert (err.key, str(err).startswith(f"{key}: ")) == (key, True)
    assert why in err.reason


def test_r_peak_1_refusing_breaks_is_off_by_default_and_a_switch() -> None:
    """Issue #16, R-PEAK-1: a break begun during the plan is flagged; refusing it (the
    host un-pauses the agent) is the center's choice, off unless the policy says so."""
    assert default_policy().peak_refuse_breaks is False
    on = parse_toml("[peak]\nrefuse_breaks = true\n")
    assert on.peak_refuse_breaks is True
    assert pol.parse_toml(to_toml(on.to_dict())) == on
    err = refused('[peak]\nrefuse_breaks = "yes"')
    assert (err.key, err.reason) == ("peak.refuse_breaks", "must be true or false, got 'yes'")
