"""The floor policy: every threshold of DOMAIN.md in one validated TOML document.

Later code reads thresholds from a :class:`Policy` and nowhere else. A bad file is
refused with the dotted key and the reason (``PolicyError``); nothing partial is
ever returned.
"""

from __future__ import annotations

import math
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from importlib import resources
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from models.domain.attendance import AttendancePolicy, AttendancePolicyError, parse_attendance
from models.domain.report import ReportTimes
from models.domain.types import AwayReason, Period


class PolicyError(ValueError):
    """A policy value that cannot be used; ``key`` names it (``limits.hold_s``)."""

    def __init__(self, key: str, reason: str) -> None:
        super().__init__(f"{key}: {reason}")
        self.key = key
        self.reason = reason


@dataclass(frozen=True, slots=True)
class Band:
    """Colour bands for one KPI. ``higher_is_better`` decides the direction.

    green when value is at least ``green`` (or at most, for lower-is-better),
    amber when at least ``amber``, red otherwise.
    """

    green: float
    amber: float
    higher_is_better: bool = True

    def colour(self, value: float | None) -> str:
        if value is None:
            return "none"
        if self.higher_is_better:
            if value >= self.green:
                return "green"
            return "amber" if value >= self.amber else "red"
        if value <= self.green:
            return "green"
        return "amber" if value <= self.amber else "red"


@dataclass(frozen=True, slots=True)
class PeakLevel:
    """R-PEAK-1 / R-PEAK-2: waiting >= threshold at every instant for window_min."""

    level: int
    threshold: int
    window_min: float


@dataclass(frozen=True, slots=True)
class PeakPeriod:
    """R-PEAK-3: a predictable peak (campaign, registration period), whole local days
    ``start`` … ``end`` inclusive (``from`` / ``to`` in the policy file)."""

    name: str
    start: date
    end: date

    def touches(self, first: date, last: date) -> bool:
        """Whether the days ``first`` … ``last`` (inclusive) meet the period."""
        return first <= self.end and last >= self.start


_EVERY_DAY = frozenset(range(1, 8))
_MON_TO_FRI = frozenset(range(1, 6))


@dataclass(frozen=True, slots=True)
class ShiftDef:
    name: str
    start: time
    end: time  # end <= start means the shift crosses midnight
    #: ISO weekdays (1 = Monday) the shift starts on; all by default
    days: frozenset[int] = _EVERY_DAY
    #: the season it runs in, as ("MM-DD", "MM-DD") inclusive — summer and winter
    #: hours are two shifts with two seasons (12333: 8–18 in summer, 8–17 in winter);
    #: a season may wrap the new year ("10-01", "04-30")
    season: tuple[str, str] | None = None

    def runs_on(self, d: date, calendar_kind: str | None = None) -> bool:
        """Whether an instance of this shift starts on ``d``: its weekdays and season,
        and the holiday calendar's ``calendar_kind`` for that day when known (a
        ``holiday`` stops a shift that keeps office days; a ``workday`` — 调休 — runs
        it on a weekend). A shift of every day runs on holidays (a 24-hour line)."""
        office = self.days != _EVERY_DAY
        if calendar_kind == "holiday" and office:
            return False
        if calendar_kind == "workday" and office:
            weekday_ok = bool(self.days & _MON_TO_FRI)
        else:
            weekday_ok = d.isoweekday() in self.days
        if not weekday_ok:
            return False
        if self.season is None:
            return True
        md = d.strftime("%m-%d")
        lo, hi = self.season
        return lo <= md <= hi if lo <= hi else (md >= lo or md <= hi)

    def instance_containing(self, local: datetime) -> tuple[datetime, datetime] | None:
        """The local (start, end) of this shift's instance containing ``local``, if any."""
        tz = local.tzinfo
        for day_offset in (0, -1):
            d = local.date() + timedelta(days=day_offset)
            if not self.runs_on(d):
                continue
            start = datetime.combine(d, self.start, tz)
            end_day = d if self.end > self.start else d + timedelta(days=1)
            end = datetime.combine(end_day, self.end, tz)
            if start <= local < end:
                return start, end
        return None


#: preset reasons for 强拆 / 拦截 / 强制就绪 / 强制离席 / 强制签出 (resources/policy.toml)
DEFAULT_FORCE_REASONS: tuple[str, ...] = (
    "协助处理急件", "临时会议", "系统故障", "培训", "质检谈话", "话务高峰调配", "身体不适")
#: a preset reason is a short phrase: it must fit a button and a line of the audit log
FORCE_REASON_MAX = 30
#: a shift's name is stored with each roster row (roster_entry.shift, String(40))
SHIFT_NAME_MAX = 40
FORCE_REASONS_MAX = 20
COMMAND_EXPIRY_MAX_S = 3600.0  # an hour-old control acts on a floor that has moved on


@dataclass(frozen=True, slots=True)
class Policy:
    timezone: str = "Asia/Shanghai"
    #: per away reason, minutes; a reason absent here has no limit (R-AWAY-1, R-BREAK-1)
    away_limits_min: Mapping[str, float] = field(
        default_factory=lambda: {"short_break": 10.0, "other": 15.0}
    )
    break_prewarn_min: float | None = 8.0
    max_on_break_per_group: int = 2  # R-BREAK-2
    hold_s: float = 30.0  # R-HOLD-1
    ring_s: float = 15.0  # R-RING-1
    after_call_min: float = 15.0  # R-ACW-1
    ticket_complete_min: float = 15.0  # R-TICKET-5
    seat_settle_min: float = 30.0  # R-SEAT-1
    urgent_ack_s: float = 60.0  # R-URGENT-2
    login_grace_min: float = 5.0  # R-LOGIN-1 (issue #6): rostered, not logged in by then
    sl_threshold_s: float = 20.0
    sl_exclude_abandon_under_s: float = 0.0
    peak_levels: tuple[PeakLevel, ...] = (PeakLevel(1, 8, 30.0), PeakLevel(2, 16, 30.0))
    peak_hysteresis: int = 2
    peak_queues: tuple[str, ...] = ()  # empty: every queue
    #: R-PEAK-1 (issue #16): a short break begun during the peak plan is refused (the
    #: floor host un-pauses the agent) where the telephony source can; off: flagged only
    peak_refuse_breaks: bool = False
    #: R-PEAK-3: predictable peaks (no leave; at most ``peak_max_callbacks`` on callbacks)
    peak_periods: tuple[PeakPeriod, ...] = ()
    peak_max_callbacks: int = 2  # R-PEAK-3
    bands: Mapping[str, Band] = field(default_factory=lambda: dict(DEFAULT_BANDS))
    event_retention_days: int = 30
    shifts: tuple[ShiftDef, ...] = (
        ShiftDef("白班", time(8, 0), time(20, 0)),
        ShiftDef("夜班", time(20, 0), time(8, 0)),
    )
    #: DOMAIN §6 考勤 (R-ATT-1 … 6): default seed 002's; see models.domain.attendance
    attendance: AttendancePolicy = field(default_factory=AttendancePolicy)
    #: the reasons a shift leader picks from for a force action (R-CTRL-1: every use
    #: says why); free text is always allowed beside them (issue #12)
    force_reasons: tuple[str, ...] = DEFAULT_FORCE_REASONS
    #: a control still pending after this long fails as expired (issue #13 item 5)
    command_expiry_s: float = 30.0
    #: R-TICKET-1 (issue #16): flag an answered call with no ticket this long after it
    #: ended; off by default, since most telephony sources report no tickets
    ticket_every_call: bool = False
    ticket_every_call_min: float = 15.0
    #: R-CONSULT-1 (issue #16): a reply-later consultation is answered within this
    #: long after hang-up (延时答复)
    consult_reply_min: float = 15.0
    #: R-IDLE-1 (issue #16): the 24-hour queues (empty: none is checked), the groups
    #: serving each (a queue not listed: every agent of the floor), how long such a
    #: queue may have no agent ready or on a call, and how many calls in a row a
    #: ready agent may let ring unanswered before the phone counts as unattended
    #: (0: not checked)
    idle_queues: tuple[str, ...] = ()
    idle_groups: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    idle_unstaffed_s: float = 60.0
    idle_missed_rings: int = 3
    #: issue #17 staffing (DOMAIN §7): the SL target is ``bands.service_level.green``;
    #: a caller's mean patience for Erlang A (None: Erlang C, nobody hangs up), the
    #: share of paid time not on the phones (breaks, meetings, training), and how
    #: many past weeks of the same weekday's slot a forecast averages
    staffing_patience_s: float | None = None
    staffing_shrinkage: float = 0.30
    staffing_forecast_weeks: int = 4
    #: R-REPORT-1 (issue #18): when the daily and monthly reports are due and made
    reports: ReportTimes = field(default_factory=ReportTimes)

    @property
    def tz(self) -> ZoneInfo:
        return ZoneInfo(self.timezone)

    def away_limit_s(self, reason: str | None) -> float | None:
        if reason is None:
            return None
        minutes = self.away_limits_min.get(reason)
        return None if minutes is None else minutes * 60.0

    def band(self, kpi: str) -> Band:
        return self.bands.get(kpi, DEFAULT_BANDS[kpi])

    # ---- periods -------------------------------------------------------

    def day_period(self, at: datetime) -> Period:
        local = at.astimezone(self.tz)
        start = datetime.combine(local.date(), time(0), self.tz)
        end = datetime.combine(local.date() + timedelta(days=1), time(0), self.tz)
        return Period("day", local.date().isoformat(), local.date().isoformat(),
                      start.astimezone(_UTC), end.astimezone(_UTC))

    def shift_period(self, at: datetime) -> Period:
        """The shift containing ``at``; when shifts overlap, the one that started last.

        Outside every shift the period is the gap between the last shift's end and
        the next shift's start, named "" (so counters still reset at boundaries).
        """
        local = at.astimezone(self.tz)
        best: tuple[datetime, datetime, str] | None = None
        for s in self.shifts:
            inst = s.instance_containing(local)
            if inst and (best is None or inst[0] > best[0]):
                best = (inst[0], inst[1], s.name)
        if best is not None:
            start, end, name = best
            # a shift starting before this one ends takes over then (it started last)
            for s in self.shifts:
                for off in (0, 1):
                    if not s.runs_on(local.date() + timedelta(days=off)):
                        continue
                    st = datetime.combine(local.date() + timedelta(days=off), s.start, self.tz)
                    if local < st < end:
                        end = st
            key = f"{start.isoformat()}/{name}"
            return Period("shift", key, name, start.astimezone(_UTC), end.astimezone(_UTC))
        # in a gap: from the latest end before now to the earliest start after now
        ends: list[datetime] = []
        starts: list[datetime] = []
        for s in self.shifts:
            for off in range(-7, 8):  # a weekend or a season's edge may lie between
                d = local.date() + timedelta(days=off)
                if not s.runs_on(d):
                    continue
                st = datetime.combine(d, s.start, self.tz)
                en_day = d if s.end > s.start else d + timedelta(days=1)
                en = datetime.combine(en_day, s.end, self.tz)
                if en <= local:
                    ends.append(en)
                if st > local:
                    starts.append(st)
        gap_start = max(ends) if ends else datetime.combine(local.date(), time(0), self.tz)
        gap_end = min(starts) if starts else gap_start + timedelta(days=1)
        return Period("shift", f"{gap_start.isoformat()}/", "",
                      gap_start.astimezone(_UTC), gap_end.astimezone(_UTC))

    def local_date(self, at: datetime) -> date:
        return at.astimezone(self.tz).date()

    # ---- (de)serialisation ----------------------------------------------

    def to_dict(self) -> dict[str, Any]:
        """The policy as the TOML document's structure (used in events and diffs)."""
        return {
            "floor": {"timezone": self.timezone},
            "away_limits_min": dict(self.away_limits_min),
            "breaks": {
                "max_per_group": self.max_on_break_per_group,
                # 0 = no pre-warning; leaving the key out would bring back the default
                "prewarn_min": (self.break_prewarn_min
                                if self.break_prewarn_min is not None else 0.0),
            },
            "limits": {
                "hold_s": self.hold_s,
                "ring_s": self.ring_s,
                "after_call_min": self.after_call_min,
                "ticket_complete_min": self.ticket_complete_min,
                "seat_settle_min": self.seat_settle_min,
                "urgent_ack_s": self.urgent_ack_s,
                "login_grace_min": self.login_grace_min,
            },
            "service_level": {
                "threshold_s": self.sl_threshold_s,
                "exclude_abandon_under_s": self.sl_exclude_abandon_under_s,
            },
            "peak": {
                "hysteresis": self.peak_hysteresis,
                "queues": list(self.peak_queues),
                "refuse_breaks": self.peak_refuse_breaks,
                "levels": [
                    {"level": p.level, "threshold": p.threshold, "window_min": p.window_min}
                    for p in self.peak_levels
                ],
                "max_callbacks": self.peak_max_callbacks,
                "periods": [{"name": p.name, "from": p.start.isoformat(),
                             "to": p.end.isoformat()} for p in self.peak_periods],
            },
            "bands": {
                k: {"green": b.green, "amber": b.amber, "higher_is_better": b.higher_is_better}
                for k, b in self.bands.items()
            },
            "retention": {"event_days": self.event_retention_days},
            "shifts": [
                _shift_dict(s) for s in self.shifts
            ],
            "attendance": self.attendance.to_dict(),
            "controls": {"force_reasons": list(self.force_reasons),
                         "expiry_s": self.command_expiry_s},
            "tickets": _tickets_dict(self),
            "idle": _idle_dict(self),
            "staffing": _staffing_dict(self),
            "reports": _reports_dict(self.reports),
        }

    @classmethod
    def from_dict(cls, doc: Mapping[str, Any]) -> Policy:
        return _parse(doc)


_UTC = ZoneInfo("UTC")

DEFAULT_BANDS: Mapping[str, Band] = {
    "service_level": Band(0.80, 0.70),
    "answer_rate": Band(0.85, 0.80),  # R-KPI-1: recommended >= 85 %, industry >= 80 %
    "abandon_rate": Band(0.05, 0.10, higher_is_better=False),
    "asa_s": Band(20.0, 40.0, higher_is_better=False),
    "waiting": Band(3.0, 7.0, higher_is_better=False),
    "longest_wait_s": Band(30.0, 60.0, higher_is_better=False),
}

#: the largest value of each unit a policy may set (issue #13 item 8): TOML reads
#: ``nan``, ``inf`` and ``1e308`` as floats, and ``hold_s = nan`` silenced every rule
MAX_SECONDS = 86_400.0  # a day
MAX_MINUTES = 1_440.0  # a day
MAX_COUNT = 100_000  # agents, waiting calls: far above any floor
MAX_DAYS = 3_660  # retention: ten years

#: the top of each KPI's band: rates are fractions, the rest seconds or calls
_BAND_MAX: Mapping[str, float] = {
    "service_level": 1.0, "answer_rate": 1.0, "abandon_rate": 1.0,
    "asa_s": MAX_SECONDS, "waiting": float(MAX_COUNT), "longest_wait_s": MAX_SECONDS,
}

_KNOWN_TOP = {"floor", "away_limits_min", "breaks", "limits", "service_level", "peak",
              "bands", "retention", "shifts", "attendance", "controls",
              "tickets", "idle", "staffing", "reports"}


def _table(doc: Mapping[str, Any], key: str) -> Mapping[str, Any]:
    v = doc.get(key, {})
    if not isinstance(v, Mapping):
        raise PolicyError(key, f"must be a table, got {type(v).__name__}")
    return v


def _num(tbl: Mapping[str, Any], path: str, name: str, default: float, *,
         minimum: float = 0.0, allow_zero: bool = True, maximum: float) -> float:
    """A finite number in ``[minimum, maximum]`` (R-POLICY: every threshold bounded)."""
    key = f"{path}.{name}" if path else name
    if name not in tbl:
        return default
    v = tbl[name]
    if isinstance(v, bool) or not isinstance(v, int | float):
        raise PolicyError(key, f"must be a number, got {v!r}")
    if not math.isfinite(v):
        raise PolicyError(key, f"must be a finite number, got {v!r}")
    if v < minimum or (not allow_zero and v == 0):
        bound = f"greater than {minimum:g}" if not allow_zero else f"at least {minimum:g}"
        raise PolicyError(key, f"must be {bound}, got {v!r}")
    if v > maximum:
        raise PolicyError(key, f"must be at most {maximum:g}, got {v!r}")
    return float(v)


def _int(tbl: Mapping[str, Any], path: str, name: str, default: int, *, minimum: int = 0,
         maximum: int = MAX_COUNT) -> int:
    key = f"{path}.{name}"
    if name not in tbl:
        return default
    v = tbl[name]
    if isinstance(v, bool) or not isinstance(v, int):
        raise PolicyError(key, f"must be a whole number, got {v!r}")
    if v < minimum:
        raise PolicyError(key, f"must be at least {minimum}, got {v!r}")
    if v > maximum:
        raise PolicyError(key, f"must be at most {maximum}, got {v!r}")
    return v


def _unknown(tbl: Mapping[str, Any], path: str, known: set[str]) -> None:
    for k in tbl:
        if k not in known:
            shown = k if isinstance(k, str) and k.isprintable() and k else repr(k)
            raise PolicyError(f"{path}.{shown}" if path else shown,
                              "unknown key (check the spelling against the default policy)")


def _hhmm(v: Any, key: str) -> time:
    if not isinstance(v, str):
        raise PolicyError(key, f"must be a time \"HH:MM\", got {v!r}")
    try:
        return time.fromisoformat(v)
    except ValueError:
        raise PolicyError(key, f"must be a time \"HH:MM\", got {v!r}") from None


_WEEKDAYS = {"mon": 1, "tue": 2, "wed": 3, "thu": 4, "fri": 5, "sat": 6, "sun": 7}


def _days(v: Any, key: str) -> frozenset[int]:
    """``days = ["mon", …]``, "all" (the default) or "weekdays" (Monday to Friday)."""
    if v is None or v == "all":
        return _EVERY_DAY
    if v == "weekdays":
        return _MON_TO_FRI
    if not isinstance(v, list) or not v or not all(isinstance(x, str) for x in v):
        raise PolicyError(key, f'must be "all", "weekdays" or a list like ["mon", "sat"], '
                               f"got {v!r}")
    bad = [x for x in v if x.lower() not in _WEEKDAYS]
    if bad:
        raise PolicyError(key, f"unknown day {bad[0]!r} (mon tue wed thu fri sat sun)")
    return frozenset(_WEEKDAYS[x.lower()] for x in v)


def _season(v: Any, key: str) -> tuple[str, str] | None:
    """``season = ["05-01", "09-30"]``: the dates (inclusive) the shift runs between."""
    if v is None:
        return None
    if not isinstance(v, list) or len(v) != 2 or not all(isinstance(x, str) for x in v):
        raise PolicyError(key, f'must be ["MM-DD", "MM-DD"], got {v!r}')
    for x in v:
        try:
            datetime.strptime(f"2024-{x}", "%Y-%m-%d")  # a leap year: 02-29 is a date
        except ValueError:
            raise PolicyError(key, f"{x!r} is not a date MM-DD") from None
    return (v[0], v[1])


def _shift_dict(s: ShiftDef) -> dict[str, Any]:
    out: dict[str, Any] = {"name": s.name, "start": s.start.strftime("%H:%M"),
                           "end": s.end.strftime("%H:%M")}
    if s.days != _EVERY_DAY:
        out["days"] = [k for k, n in _WEEKDAYS.items() if n in s.days]
    if s.season is not None:
        out["season"] = list(s.season)
    return out


def _parse(doc: Mapping[str, Any]) -> Policy:
    if not isinstance(doc, Mapping):
        raise PolicyError("(document)", f"must be a table of settings, got {type(doc).__name__}")
    d = Policy()
    _unknown(doc, "", _KNOWN_TOP)

    floor = _table(doc, "floor")
    _unknown(floor, "floor", {"timezone", "name"})
    tzname = floor.get("timezone", d.timezone)
    if not isinstance(tzname, str):
        raise PolicyError("floor.timezone", f"must be a time zone name, got {tzname!r}")
    try:
        ZoneInfo(tzname)
    except (ZoneInfoNotFoundError, ValueError, OSError):  # OSError: a name too long for a file
        raise PolicyError("floor.timezone", f"unknown time zone {tzname!r}") from None

    away_tbl = _table(doc, "away_limits_min")
    reasons = {r.value for r in AwayReason}
    if "away_limits_min" in doc:
        _unknown(away_tbl, "away_limits_min", reasons)
        away = {r: _num(away_tbl, "away_limits_min", r, 0.0, allow_zero=False,
                         maximum=MAX_MINUTES)
                for r in away_tbl}
    else:
        away = dict(d.away_limits_min)

    brk = _table(doc, "breaks")
    _unknown(brk, "breaks", {"max_per_group", "prewarn_min"})
    prewarn: float | None = _num(brk, "breaks", "prewarn_min", d.break_prewarn_min or 0.0,
                                 maximum=MAX_MINUTES)
    if "prewarn_min" in brk and prewarn == 0:
        prewarn = None
    sb = away.get("short_break")
    if "prewarn_min" not in brk and prewarn is not None and (sb is None or prewarn >= sb):
        prewarn = None  # the default pre-warning only where it comes before the limit
    if prewarn is not None and sb is not None and prewarn >= sb:
        raise PolicyError("breaks.prewarn_min",
                          f"must be shorter than the short-break limit ({sb:g} min), got {prewarn:g}")

    lim = _table(doc, "limits")
    _unknown(lim, "limits", {"hold_s", "ring_s", "after_call_min", "ticket_complete_min",
                             "seat_settle_min", "urgent_ack_s", "login_grace_min"})

    sl = _table(doc, "service_level")
    _unknown(sl, "service_level", {"threshold_s", "exclude_abandon_under_s"})

    peak = _table(doc, "peak")
    _unknown(peak, "peak", {"hysteresis", "queues", "levels", "refuse_breaks",
                            "max_callbacks", "periods"})
    refuse_breaks = peak.get("refuse_breaks", d.peak_refuse_breaks)
    if not isinstance(refuse_breaks, bool):
        raise PolicyError("peak.refuse_breaks", f"must be true or false, got {refuse_breaks!r}")
    levels: tuple[PeakLevel, ...] = d.peak_levels
    if "levels" in peak:
        raw = peak["levels"]
        if not isinstance(raw, list) or not raw:
            raise PolicyError("peak.levels", "must be a non-empty list of tables")
        out = []
        for i, lv in enumerate(raw):
            p = f"peak.levels[{i}]"
            if not isinstance(lv, Mapping):
                raise PolicyError(p, "must be a table")
            _unknown(lv, p, {"level", "threshold", "window_min"})
            for req in ("level", "threshold"):
                if req not in lv:
                    raise PolicyError(f"{p}.{req}", "is required")
            out.append(PeakLevel(_int(lv, p, "level", 1, minimum=1),
                                 _int(lv, p, "threshold", 1, minimum=1),
                                 _num(lv, p, "window_min", 30.0, maximum=MAX_MINUTES)))
        out.sort(key=lambda x: x.level)
        for a, b in zip(out, out[1:], strict=False):
            if b.threshold <= a.threshold:
                raise PolicyError("peak.levels",
                                  f"level {b.level} threshold ({b.threshold}) must be above "
                                  f"level {a.level} threshold ({a.threshold})")
        levels = tuple(out)
    pq = peak.get("queues", [])
    if not isinstance(pq, list) or not all(isinstance(q, str) for q in pq):
        raise PolicyError("peak.queues", "must be a list of queue ids (empty: every queue)")

    bands_tbl = _table(doc, "bands")
    bands = dict(DEFAULT_BANDS)
    for name, b in bands_tbl.items():
        p = f"bands.{name if isinstance(name, str) and name.isprintable() else repr(name)}"
        if name not in DEFAULT_BANDS:
            raise PolicyError(p, f"unknown KPI (known: {', '.join(sorted(DEFAULT_BANDS))})")
        if not isinstance(b, Mapping):
            raise PolicyError(p, "must be a table with green and amber")
        _unknown(b, p, {"green", "amber", "higher_is_better"})
        hib = b.get("higher_is_better", DEFAULT_BANDS[name].higher_is_better)
        if not isinstance(hib, bool):
            raise PolicyError(f"{p}.higher_is_better", f"must be true or false, got {hib!r}")
        top = _BAND_MAX[name]
        green = _num(b, p, "green", DEFAULT_BANDS[name].green, maximum=top)
        amber = _num(b, p, "amber", DEFAULT_BANDS[name].amber, maximum=top)
        if (hib and amber > green) or (not hib and amber < green):
            raise PolicyError(f"{p}.amber", f"amber ({amber:g}) must lie on the red side of "
                                            f"green ({green:g})")
        bands[name] = Band(green, amber, hib)

    ret = _table(doc, "retention")
    _unknown(ret, "retention", {"event_days"})

    shifts = d.shifts
    if "shifts" in doc:
        raw_s = doc["shifts"]
        if not isinstance(raw_s, list) or not raw_s:
            raise PolicyError("shifts", "must be a non-empty list of [[shifts]] tables")
        sl_out = []
        names: set[str] = set()
        for i, s in enumerate(raw_s):
            p = f"shifts[{i}]"
            if not isinstance(s, Mapping):
                raise PolicyError(p, "must be a table")
            _unknown(s, p, {"name", "start", "end", "days", "season"})
            sname = s.get("name")
            if not isinstance(sname, str) or not sname.strip():
                raise PolicyError(f"{p}.name", "is required")
            if len(sname) > SHIFT_NAME_MAX:  # the roster's shift column (issue #13)
                raise PolicyError(f"{p}.name", f"must be at most {SHIFT_NAME_MAX} characters, "
                                               f"got {len(sname)}")
            if sname in names:
                raise PolicyError(f"{p}.name", f"duplicate shift name {sname!r}")
            names.add(sname)
            if "start" not in s or "end" not in s:
                raise PolicyError(p, "needs both start and end")
            st, en = _hhmm(s["start"], f"{p}.start"), _hhmm(s["end"], f"{p}.end")
            if st == en:
                raise PolicyError(f"{p}.end", "must differ from start")
            sl_out.append(ShiftDef(sname, st, en, _days(s.get("days"), f"{p}.days"),
                                   _season(s.get("season"), f"{p}.season")))
        shifts = tuple(sl_out)

    att_tbl = _table(doc, "attendance")
    try:
        attendance = parse_attendance(att_tbl)
    except AttendancePolicyError as e:  # attendance.py cannot import PolicyError
        raise PolicyError(f"attendance.{e.key}", e.reason) from None

    ctl = _table(doc, "controls")
    _unknown(ctl, "controls", {"force_reasons", "expiry_s"})
    force_reasons = _force_reasons(ctl.get("force_reasons", list(d.force_reasons)))
    expiry_s = _num(ctl, "controls", "expiry_s", d.command_expiry_s, minimum=1.0,
                    maximum=COMMAND_EXPIRY_MAX_S)

    idle_queues, idle_groups, idle_unstaffed_s, idle_missed_rings = _idle(doc, d)

    return Policy(
        timezone=tzname,
        away_limits_min=away,
        break_prewarn_min=prewarn,
        max_on_break_per_group=_int(brk, "breaks", "max_per_group", d.max_on_break_per_group,
                                    minimum=1),
        hold_s=_num(lim, "limits", "hold_s", d.hold_s, allow_zero=False, maximum=MAX_SECONDS),
        ring_s=_num(lim, "limits", "ring_s", d.ring_s, allow_zero=False, maximum=MAX_SECONDS),
        after_call_min=_num(lim, "limits", "after_call_min", d.after_call_min, allow_zero=False,
                            maximum=MAX_MINUTES),
        ticket_complete_min=_num(lim, "limits", "ticket_complete_min", d.ticket_complete_min,
                                 allow_zero=False, maximum=MAX_MINUTES),
        seat_settle_min=_num(lim, "limits", "seat_settle_min", d.seat_settle_min,
                             maximum=MAX_MINUTES),
        urgent_ack_s=_num(lim, "limits", "urgent_ack_s", d.urgent_ack_s, allow_zero=False,
                          maximum=MAX_SECONDS),
        login_grace_min=_num(lim, "limits", "login_grace_min", d.login_grace_min,
                             maximum=MAX_MINUTES),
        sl_threshold_s=_num(sl, "service_level", "threshold_s", d.sl_threshold_s,
                            allow_zero=False, maximum=MAX_SECONDS),
        sl_exclude_abandon_under_s=_num(sl, "service_level", "exclude_abandon_under_s",
                                        d.sl_exclude_abandon_under_s, maximum=MAX_SECONDS),
        peak_levels=levels,
        peak_hysteresis=_int(peak, "peak", "hysteresis", d.peak_hysteresis),
        peak_queues=tuple(pq),
        peak_refuse_breaks=refuse_breaks,
        peak_periods=_peak_periods(peak.get("periods", [])),
        peak_max_callbacks=_int(peak, "peak", "max_callbacks", d.peak_max_callbacks),
        bands=bands,
        event_retention_days=_int(ret, "retention", "event_days", d.event_retention_days,
                                  minimum=1, maximum=MAX_DAYS),
        shifts=shifts,
        attendance=attendance,
        force_reasons=force_reasons,
        command_expiry_s=expiry_s,
        **_tickets(doc, d),
        idle_queues=idle_queues,
        idle_groups=idle_groups,
        idle_unstaffed_s=idle_unstaffed_s,
        idle_missed_rings=idle_missed_rings,
        **_staffing(doc, d),
        reports=_reports(doc, d.reports),
    )


def _tickets_dict(p: Policy) -> dict[str, Any]:
    return {"every_call": p.ticket_every_call, "every_call_min": p.ticket_every_call_min,
            "reply_later_min": p.consult_reply_min}


def _tickets(doc: Mapping[str, Any], d: Policy) -> dict[str, Any]:
    """``[tickets]`` (issue #16): R-TICKET-1's switch and limit, R-CONSULT-1's limit."""
    tk = _table(doc, "tickets")
    _unknown(tk, "tickets", {"every_call", "every_call_min", "reply_later_min"})
    every = tk.get("every_call", d.ticket_every_call)
    if not isinstance(every, bool):
        raise PolicyError("tickets.every_call", f"must be true or false, got {every!r}")
    return {"ticket_every_call": every,
            "ticket_every_call_min": _num(tk, "tickets", "every_call_min",
                                          d.ticket_every_call_min, allow_zero=False,
                                          maximum=MAX_MINUTES),
            "consult_reply_min": _num(tk, "tickets", "reply_later_min", d.consult_reply_min,
                                      allow_zero=False, maximum=MAX_MINUTES)}


def _staffing_dict(p: Policy) -> dict[str, Any]:
    d: dict[str, Any] = {"shrinkage": p.staffing_shrinkage,
                         "forecast_weeks": p.staffing_forecast_weeks}
    if p.staffing_patience_s is not None:
        d["patience_s"] = p.staffing_patience_s
    return d


def _staffing(doc: Mapping[str, Any], d: Policy) -> dict[str, Any]:
    """``[staffing]`` (issue #17): ``patience_s`` (absent: Erlang C), ``shrinkage``
    (a share below 1), ``forecast_weeks``."""
    tbl = _table(doc, "staffing")
    _unknown(tbl, "staffing", {"patience_s", "shrinkage", "forecast_weeks"})
    patience = (None if "patience_s" not in tbl else
                _num(tbl, "staffing", "patience_s", 0.0, allow_zero=False,
                     maximum=MAX_SECONDS))
    shrinkage = _num(tbl, "staffing", "shrinkage", d.staffing_shrinkage, maximum=0.9)
    return {"staffing_patience_s": patience, "staffing_shrinkage": shrinkage,
            "staffing_forecast_weeks": _int(tbl, "staffing", "forecast_weeks",
                                            d.staffing_forecast_weeks, minimum=1,
                                            maximum=52)}


def _reports_dict(r: ReportTimes) -> dict[str, Any]:
    return {"daily_by": r.daily_by.strftime("%H:%M"), "monthly_by_day": r.monthly_by_day,
            "produce_at": r.produce_at.strftime("%H:%M"),
            "webhook_summary": r.webhook_summary, "roster_by_day": r.roster_by_day,
            "remind_days": r.remind_days, "training_by_weekday": r.training_by_weekday}


def _reports(doc: Mapping[str, Any], d: ReportTimes) -> ReportTimes:
    """``[reports]`` (issue #18, R-REPORT-1): the deadlines, when the host makes a due
    report (not after its deadline), the robot's summary line, the roster reminder."""
    tbl = _table(doc, "reports")
    _unknown(tbl, "reports", {"daily_by", "monthly_by_day", "produce_at", "webhook_summary",
                              "roster_by_day", "remind_days", "training_by_weekday"})
    daily_by = _hhmm(tbl["daily_by"], "reports.daily_by") if "daily_by" in tbl \
        else d.daily_by
    produce_at = (_hhmm(tbl["produce_at"], "reports.produce_at") if "produce_at" in tbl
                  else min(d.produce_at, daily_by))
    if produce_at > daily_by:
        raise PolicyError("reports.produce_at", f"must be at most reports.daily_by "
                          f"({daily_by:%H:%M}), got {produce_at:%H:%M}")
    hook = tbl.get("webhook_summary", d.webhook_summary)
    if not isinstance(hook, bool):
        raise PolicyError("reports.webhook_summary", f"must be true or false, got {hook!r}")
    return ReportTimes(
        daily_by=daily_by,
        monthly_by_day=_int(tbl, "reports", "monthly_by_day", d.monthly_by_day, minimum=1,
                            maximum=28),
        produce_at=produce_at, webhook_summary=hook,
        roster_by_day=_int(tbl, "reports", "roster_by_day", d.roster_by_day, minimum=1,
                           maximum=28),
        remind_days=_int(tbl, "reports", "remind_days", d.remind_days, minimum=0,
                         maximum=27),
        training_by_weekday=_int(tbl, "reports", "training_by_weekday",
                                 d.training_by_weekday, minimum=1, maximum=7))


#: R-IDLE-1: the most unanswered rings in a row a policy may allow (the floor keeps
#: the times of that many, issue #16)
MISSED_RINGS_MAX = 20


def _idle_dict(p: Policy) -> dict[str, Any]:
    return {"queues_24h": list(p.idle_queues),
            "groups": {q: list(g) for q, g in p.idle_groups.items()},
            "unstaffed_s": p.idle_unstaffed_s, "missed_rings": p.idle_missed_rings}


def _ids(v: Any, key: str, what: str) -> tuple[str, ...]:
    """A list of distinct, non-empty ids (``queues_24h = ["Q1"]``)."""
    if not isinstance(v, list) or not all(isinstance(x, str) and x.strip() for x in v):
        raise PolicyError(key, f"must be a list of {what} ids, got {v!r}")
    dup = next((x for i, x in enumerate(v) if x in v[:i]), None)
    if dup is not None:
        raise PolicyError(key, f"duplicate {what} id {dup!r}")
    return tuple(v)


def _idle(doc: Mapping[str, Any], d: Policy
          ) -> tuple[tuple[str, ...], dict[str, tuple[str, ...]], float, int]:
    """``[idle]`` (R-IDLE-1, issue #16): ``queues_24h``, ``groups = {Q1 = ["G1"]}`` (each
    key one of ``queues_24h``), ``unstaffed_s``, ``missed_rings`` (0 = off)."""
    tbl = _table(doc, "idle")
    _unknown(tbl, "idle", {"queues_24h", "groups", "unstaffed_s", "missed_rings"})
    queues = _ids(tbl.get("queues_24h", list(d.idle_queues)), "idle.queues_24h", "queue")
    raw = tbl.get("groups", {})
    if not isinstance(raw, Mapping):
        raise PolicyError("idle.groups", f'must be a table like {{Q1 = ["G1"]}}, got {raw!r}')
    groups: dict[str, tuple[str, ...]] = {}
    for q, g in raw.items():
        key = f"idle.groups.{q if isinstance(q, str) and q.isprintable() and q else repr(q)}"
        if q not in queues:
            raise PolicyError(key, "is not one of idle.queues_24h")
        groups[q] = _ids(g, key, "group")
        if not groups[q]:
            raise PolicyError(key, "must name at least one group (leave the queue out: "
                                   "every agent serves it)")
    return (queues, groups,
            _num(tbl, "idle", "unstaffed_s", d.idle_unstaffed_s, maximum=MAX_SECONDS),
            _int(tbl, "idle", "missed_rings", d.idle_missed_rings,
                 maximum=MISSED_RINGS_MAX))


def _period_day(v: Any, key: str) -> date:
    """A TOML date (2026-07-01) or its ISO text (the policy as JSON in events)."""
    if isinstance(v, date) and not isinstance(v, datetime):
        return v
    if isinstance(v, str):
        try:
            return date.fromisoformat(v)
        except ValueError:
            pass
    raise PolicyError(key, f"must be a date YYYY-MM-DD, got {v!r}")


def _peak_periods(v: Any) -> tuple[PeakPeriod, ...]:
    """R-PEAK-3: ``[[peak.periods]]`` tables with a name, ``from`` and ``to`` (from <= to)."""
    if not isinstance(v, list):
        raise PolicyError("peak.periods", "must be a list of [[peak.periods]] tables")
    out: list[PeakPeriod] = []
    for i, item in enumerate(v):
        p = f"peak.periods[{i}]"
        if not isinstance(item, Mapping):
            raise PolicyError(p, "must be a table")
        _unknown(item, p, {"name", "from", "to"})
        for req in ("name", "from", "to"):
            if req not in item:
                raise PolicyError(f"{p}.{req}", "is required")
        name = item["name"]
        if not isinstance(name, str) or not name.strip():
            raise PolicyError(f"{p}.name", f"must be a non-empty text, got {name!r}")
        start = _period_day(item["from"], f"{p}.from")
        end = _period_day(item["to"], f"{p}.to")
        if end < start:
            raise PolicyError(f"{p}.to", f"must not be before from ({start.isoformat()}), "
                                         f"got {end.isoformat()}")
        out.append(PeakPeriod(name.strip(), start, end))
    return tuple(out)


def _force_reasons(v: Any) -> tuple[str, ...]:
    key = "controls.force_reasons"
    if not isinstance(v, list) or not all(isinstance(x, str) for x in v):
        raise PolicyError(key, f"must be a list of texts, got {v!r}")
    out: list[str] = []
    for i, x in enumerate(v):
        t = " ".join(x.split())
        if not t:
            raise PolicyError(f"{key}[{i}]", "must not be empty")
        if len(t) > FORCE_REASON_MAX:
            raise PolicyError(f"{key}[{i}]",
                              f"must be at most {FORCE_REASON_MAX} characters, got {len(t)}")
        if t in out:
            raise PolicyError(f"{key}[{i}]", f"duplicate reason {t!r}")
        out.append(t)
    if len(out) > FORCE_REASONS_MAX:
        raise PolicyError(key, f"at most {FORCE_REASONS_MAX} reasons, got {len(out)}")
    return tuple(out)


def parse_toml(text: str, source: str = "policy") -> Policy:
    """Parse and validate a policy document; errors name ``source`` and the key."""
    try:
        doc = tomllib.loads(text)
    except tomllib.TOMLDecodeError as e:
        raise PolicyError("(file)", f"{source} is not valid TOML: {e}") from None
    return _parse(doc)


def default_policy_text() -> str:
    return resources.files("resources").joinpath("policy.toml").read_text(encoding="utf-8")


def default_policy() -> Policy:
    return parse_toml(default_policy_text(), "resources/policy.toml")


def diff(old: Mapping[str, Any], new: Mapping[str, Any], prefix: str = "") -> list[str]:
    """Human-readable differences between two policy documents, one line per key."""
    out: list[str] = []
    for k in sorted(set(old) | set(new)):
        p = f"{prefix}.{k}" if prefix else str(k)
        a, b = old.get(k, None), new.get(k, None)
        if isinstance(a, Mapping) and isinstance(b, Mapping):
            out.extend(diff(a, b, p))
        elif a != b:
            if a is None:
                out.append(f"+ {p} = {b!r}")
            elif b is None:
                out.append(f"- {p} (was {a!r})")
            else:
                out.append(f"~ {p}: {a!r} -> {b!r}")
    return out
