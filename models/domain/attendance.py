"""Attendance (考勤, DOMAIN §6): the daily register's record types and the monthly
summary (月考勤汇总表) derived from them under an attendance policy (R-ATT-1 … 6).

Pure: no database, no Qt. The policy that turns records into 旷工 days is data
(``[attendance]`` in the policy file); the default is seed 002's (the 12333 center's
考勤制度). The alternatives of DOMAIN §6 (seed 001's 人员管理制度 / 坐席管理制度, seed
000 第四篇's daily checks) are policy files too: ``resources/policies/attendance-*.toml``.

This module must not import :mod:`models.domain.policy` (that module imports this one):
a bad ``[attendance]`` value raises :class:`AttendancePolicyError`, which the policy
parser turns into ``PolicyError("attendance.<key>", reason)``.

Decisions (where the seeds leave room; each is tested in tests/test_attendance_policy.py):

* Every record is one whole day of its type; one record per agent per day (a later
  record for the same agent and day replaces the earlier one). A night shift counts on
  the date it starts.
* Late / early minutes count only on working days (出勤 / 迟到早退 records); the register
  records only unexcused lateness (001 坐席管理制度 第十一条: a late bus is not late).
* "Per year" is the calendar year (1 January …), never a rolling twelve months.
* Per-incident charges (001) are 事假: they count toward R-ATT-1's yearly cap. Late and
  early on one day are two incidents, but one day is never charged more than one day.
* A late or early incident beyond ``incident_absent_over_min`` makes the day 旷工 (one
  day) instead of a charge, and that day no longer counts as a late / early leave for
  R-ATT-3 / R-ATT-4 (it would be punished twice).
* With ``late.include_early`` (001: "迟到或早退达到三次"), R-ATT-3 counts incidents per
  kind: a day both late and early counts twice. The minute total stays late minutes only
  (R-ATT-4 has the early minutes).
* Thresholds written as 0 switch their rule off (documented per key).
"""

from __future__ import annotations

import calendar
import math
import re
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta, tzinfo
from enum import StrEnum
from typing import Any
from zoneinfo import ZoneInfo

from models.domain.roles import Role


class AttType(StrEnum):
    """The nine types of DOMAIN §6, by the codes files and the JSON use."""

    PRESENT = "present"  # 出勤
    SICK = "sick"  # 病假
    PERSONAL = "personal"  # 事假
    MATERNITY = "maternity"  # 产假
    MARRIAGE = "marriage"  # 婚假
    BEREAVEMENT = "bereavement"  # 丧假
    FAMILY_VISIT = "family_visit"  # 探亲假
    LATE_EARLY = "late_early"  # 迟到早退
    ABSENT = "absent"  # 旷工


#: the codes in the order of DOMAIN §6 (columns of the monthly summary)
TYPE_CODES: tuple[str, ...] = tuple(t.value for t in AttType)

#: leave types (a day on leave: the daily check R-ATT 000 counts them)
LEAVE_TYPES = frozenset({AttType.SICK, AttType.PERSONAL, AttType.MATERNITY,
                         AttType.MARRIAGE, AttType.BEREAVEMENT, AttType.FAMILY_VISIT})

#: the types of a day at work: only these carry late / early minutes
WORKING_TYPES = frozenset({AttType.PRESENT, AttType.LATE_EARLY})

#: Chinese labels of the types (flags and the register)
TYPE_LABELS: Mapping[str, str] = {
    "present": "出勤", "sick": "病假", "personal": "事假", "maternity": "产假",
    "marriage": "婚假", "bereavement": "丧假", "family_visit": "探亲假",
    "late_early": "迟到早退", "absent": "旷工",
}

#: roles that may approve leave (values of models.domain.roles.Role)
APPROVER_ROLES: tuple[str, ...] = (Role.SHIFT_LEADER.value, Role.DEPARTMENT_HEAD.value,
                                   Role.DIRECTOR.value)

#: R-ATT-2 leave with a fixed entitlement, and seed 002's days (per calendar year / event):
#: 婚假 3 (10 when marrying late), 产假 90 (+15 per extra baby), 丧假 3, 探亲假 10 / 7 / 20
#: (the largest is the default: the leader checks which case applies)
DEFAULT_ENTITLEMENT_DAYS: Mapping[str, float] = {
    "marriage": 3.0, "maternity": 90.0, "bereavement": 3.0, "family_visit": 20.0,
}

#: R-ATT-2: 婚假 +7 days for a first marriage that is late (men >= 25, women >= 23)
LATE_MARRIAGE_EXTRA_DAYS = 7
#: R-ATT-2: 产假 +15 days per extra baby
EXTRA_BABY_DAYS = 15
#: R-ATT-2: 探亲假 by case: spouse 10, parents (unmarried) 7, parents (married) 20
FAMILY_VISIT_CASES = "探望配偶10天、未婚探望父母7天、已婚探望父母20天"

#: R-ATT-6: the monthly summary is due by this day of the month (February: its last)
SUMMARY_DUE_DAY = 30
#: R-ATT-6: the leader is reminded from this day of the month until it is confirmed
SUMMARY_REMIND_FROM_DAY = 28

SHANGHAI = ZoneInfo("Asia/Shanghai")


@dataclass(frozen=True, slots=True)
class AttendanceRecord:
    """One agent's register entry for one day (a night shift counts on the date it
    starts). ``late_min`` / ``early_min`` are whole minutes late / left early."""

    day: date
    agent: str
    type: AttType
    late_min: int = 0
    early_min: int = 0
    note: str = ""


@dataclass(frozen=True, slots=True)
class AgentMonth:
    """One row of the monthly summary."""

    agent: str
    name: str
    #: type code -> days recorded in the month (every code present, 0 when none)
    days: Mapping[str, float]
    late_count: int
    late_min: int
    early_min: int
    #: 旷工 days as the policy derives them (recorded absences and penalties)
    absent_days: float
    #: what the policy flags, e.g. "R-ATT-5: 2 days of 旷工 in 2026 …"
    flags: tuple[str, ...] = ()
    #: leave charged by the policy beyond the records (001: late → 事假), code -> days
    charged: Mapping[str, float] = field(default_factory=dict)
    #: R-ATT-2 checks the register cannot decide: which facts are missing (birth date,
    #: marital history, …) for the leader to check — notes, not flags (issue #16)
    notes: tuple[str, ...] = ()

    def to_json(self) -> dict[str, Any]:
        return {"agent": self.agent, "name": self.name, "days": dict(self.days),
                "late_count": self.late_count, "late_min": self.late_min,
                "early_min": self.early_min, "absent_days": self.absent_days,
                "flags": list(self.flags), "charged": dict(self.charged),
                "notes": list(self.notes)}


@dataclass(frozen=True, slots=True)
class MonthSummary:
    month: str  # "YYYY-MM"
    policy: str  # the attendance policy's name
    agents: tuple[AgentMonth, ...]
    #: days breaking the daily checks (000: > 2 late, > 3 on leave), "YYYY-MM-DD: why"
    day_flags: tuple[str, ...] = ()
    #: R-ATT-6: the summary is due by this day (the 30th; February's last day)
    due: date | None = None
    #: R-ATT-6: rostered agent-days of the month with no confirmed register line
    #: (None: not known here — the database's month_summary counts them); 0 = the
    #: month's summary is confirmed
    unconfirmed_days: int | None = None

    @property
    def confirmed(self) -> bool:
        """R-ATT-6: every rostered day of the month has its register line confirmed."""
        return self.unconfirmed_days == 0

    def to_json(self) -> dict[str, Any]:
        return {"month": self.month, "policy": self.policy,
                "agents": [a.to_json() for a in self.agents],
                "day_flags": list(self.day_flags),
                "due": self.due.isoformat() if self.due else None,
                "unconfirmed_days": self.unconfirmed_days}


# ---- the policy ------------------------------------------------------------------------


class AttendancePolicyError(ValueError):
    """A bad ``[attendance]`` value; ``key`` is relative to the table (``late.count``)."""

    def __init__(self, key: str, reason: str) -> None:
        super().__init__(f"{key}: {reason}")
        self.key = key
        self.reason = reason


@dataclass(frozen=True, slots=True)
class LateRule:
    """R-ATT-3: ``count`` or more lates in a month, OR more than ``total_min_over``
    minutes late in total → ``absent_days`` of 旷工, once a month however many of the
    two conditions hold. 0 switches a condition off."""

    count: int = 3
    total_min_over: int = 120
    absent_days: float = 0.5
    #: 001 "迟到或早退达到三次": early leaves count toward ``count`` too (per kind)
    include_early: bool = False


@dataclass(frozen=True, slots=True)
class EarlyRule:
    """R-ATT-4: early minutes adding up to ``total_min`` or more in a month →
    ``absent_days`` of 旷工. 0 switches the rule off."""

    total_min: int = 180
    absent_days: float = 0.5


@dataclass(frozen=True, slots=True)
class IncidentStep:
    """001 人员管理制度: a late or early incident of at most ``up_to_min`` minutes
    (inclusive; 0 = no upper bound) is charged ``personal_days`` of 事假."""

    up_to_min: int
    personal_days: float


@dataclass(frozen=True, slots=True)
class ApprovalStep:
    """A leave request of at most ``max_days`` (0 = no upper bound) is approved by
    ``roles``, in order."""

    max_days: float
    roles: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class SwapRule:
    """001: at most ``max_per_month`` swaps a month (0 = no limit); with
    ``no_back_to_back`` no two of the agent's shifts may touch after a swap."""

    max_per_month: int = 2
    no_back_to_back: bool = True


def _default_approval() -> tuple[ApprovalStep, ...]:
    # seed 002 请(休)假报批程序: 一天由部长审批; 两天及以上部长签字同意后报主任审批
    return (ApprovalStep(1.0, (Role.DEPARTMENT_HEAD.value,)),
            ApprovalStep(0.0, (Role.DEPARTMENT_HEAD.value, Role.DIRECTOR.value)))


@dataclass(frozen=True, slots=True)
class AttendancePolicy:
    """How the register becomes 旷工 days and flags. Defaults: seed 002 (12333 center)
    plus seed 000's daily checks, which DOMAIN §6 keeps on by default."""

    name: str = "seed-002"
    #: late is measured from this local time on the shift's start date (001: 08:45);
    #: None = from the shift's start
    login_deadline: time | None = None
    #: early is measured to this local time on the shift's end date (001: 17:30);
    #: None = to the shift's end
    logout_from: time | None = None
    #: R-ATT-1: 事假 beyond this in a calendar year counts as 旷工 (0 = no cap)
    personal_days_per_year: float = 15.0
    #: R-ATT-5: this many 旷工 days in a calendar year → flag (0 = off)
    absent_days_flag_per_year: float = 2.0
    #: 000 第四篇: flag a day with more than this many late (0 = off)
    daily_max_late: int = 2
    #: 000 第四篇: flag a day with more than this many on leave (0 = off)
    daily_max_leave: int = 3
    #: 001 坐席管理制度: an incident of more than this many minutes = 1 day 旷工 (0 = off)
    incident_absent_over_min: int = 0
    late: LateRule = LateRule()
    early: EarlyRule = EarlyRule()
    #: 001 人员管理制度 per-incident 事假 steps, by increasing ``up_to_min`` (empty = none)
    incident: tuple[IncidentStep, ...] = ()
    #: R-ATT-2: leave type -> days per calendar year (0 = not checked)
    entitlement_days: Mapping[str, float] = field(
        default_factory=lambda: dict(DEFAULT_ENTITLEMENT_DAYS))
    #: the first step whose max_days >= the request's days applies; the last is unbounded
    approval: tuple[ApprovalStep, ...] = field(default_factory=_default_approval)
    swaps: SwapRule = SwapRule()
    #: 001 人员管理制度 第2条: at most this many days of leave a month per person, counted
    #: over the pending and approved requests when a new one is made (0 = no limit)
    leave_days_per_month: float = 0.0
    #: 001 人员管理制度 第3条: at most this many people of one shift on leave or on a swap
    #: (the shift as rostered on each day of the request; 0 = no limit)
    leave_per_shift: int = 0

    def to_dict(self) -> dict[str, Any]:
        """The ``[attendance]`` table as the TOML document's structure."""
        return {
            "name": self.name,
            "login_deadline": _fmt_hhmm(self.login_deadline),
            "logout_from": _fmt_hhmm(self.logout_from),
            "personal_days_per_year": self.personal_days_per_year,
            "absent_days_flag_per_year": self.absent_days_flag_per_year,
            "daily_max_late": self.daily_max_late,
            "daily_max_leave": self.daily_max_leave,
            "incident_absent_over_min": self.incident_absent_over_min,
            "late": {"count": self.late.count, "total_min_over": self.late.total_min_over,
                     "absent_days": self.late.absent_days,
                     "include_early": self.late.include_early},
            "early": {"total_min": self.early.total_min, "absent_days": self.early.absent_days},
            "incident": [{"up_to_min": s.up_to_min, "personal_days": s.personal_days}
                         for s in self.incident],
            "entitlement_days": dict(self.entitlement_days),
            "approval": [{"max_days": s.max_days, "roles": list(s.roles)}
                         for s in self.approval],
            "swaps": {"max_per_month": self.swaps.max_per_month,
                      "no_back_to_back": self.swaps.no_back_to_back},
            "leave_days_per_month": self.leave_days_per_month,
            "leave_per_shift": self.leave_per_shift,
        }

    @classmethod
    def from_dict(cls, doc: Mapping[str, Any]) -> AttendancePolicy:
        return parse_attendance(doc)


def _fmt_hhmm(t: time | None) -> str:
    return "" if t is None else t.strftime("%H:%M")


# ---- parsing (strict: unknown keys refused, every bad value named) --------------------

_HHMM = re.compile(r"\d{2}:\d{2}")


#: bounds of every number in [attendance] (issue #13 item 8): days in a year, and
#: counts or minutes within a month (44,640 minutes) with room to spare
_MAX_DAYS = 366
_MAX_WHOLE = 100_000


def _key(path: str, name: str) -> str:
    return f"{path}.{name}" if path else name


def _sub(tbl: Mapping[str, Any], name: str) -> Mapping[str, Any]:
    v = tbl.get(name, {})
    if not isinstance(v, Mapping):
        raise AttendancePolicyError(name, f"must be a table, got {type(v).__name__}")
    return v


def _unknown(tbl: Mapping[str, Any], path: str, known: Iterable[str]) -> None:
    ks = set(known)
    for k in tbl:
        if k not in ks:
            shown = k if isinstance(k, str) and k.isprintable() and k else repr(k)
            raise AttendancePolicyError(
                _key(path, shown), "unknown key (check the spelling against the default policy)")


def _days(tbl: Mapping[str, Any], path: str, name: str, default: float, *,
          positive: bool = False) -> float:
    if name not in tbl:
        return default
    v = tbl[name]
    if isinstance(v, bool) or not isinstance(v, int | float):
        raise AttendancePolicyError(_key(path, name), f"must be a number of days, got {v!r}")
    if not math.isfinite(v):  # TOML reads nan and inf (issue #13 item 8)
        raise AttendancePolicyError(_key(path, name), f"must be a finite number, got {v!r}")
    if v > _MAX_DAYS:
        raise AttendancePolicyError(_key(path, name), f"must be at most {_MAX_DAYS}, got {v!r}")
    if v < 0 or (positive and v == 0):
        raise AttendancePolicyError(_key(path, name),
                                    f"must be {'greater than 0' if positive else 'at least 0'}, "
                                    f"got {v!r}")
    return float(v)


def _whole(tbl: Mapping[str, Any], path: str, name: str, default: int) -> int:
    if name not in tbl:
        return default
    v = tbl[name]
    if isinstance(v, bool) or not isinstance(v, int):
        raise AttendancePolicyError(_key(path, name), f"must be a whole number, got {v!r}")
    if v < 0:
        raise AttendancePolicyError(_key(path, name), f"must be at least 0, got {v!r}")
    if v > _MAX_WHOLE:
        raise AttendancePolicyError(_key(path, name), f"must be at most {_MAX_WHOLE}, got {v!r}")
    return v


def _flag(tbl: Mapping[str, Any], path: str, name: str, default: bool) -> bool:
    v = tbl.get(name, default)
    if not isinstance(v, bool):
        raise AttendancePolicyError(_key(path, name), f"must be true or false, got {v!r}")
    return v


def _clock(tbl: Mapping[str, Any], name: str, default: time | None) -> time | None:
    if name not in tbl:
        return default
    v = tbl[name]
    if v == "":
        return None
    if not isinstance(v, str) or not _HHMM.fullmatch(v):
        raise AttendancePolicyError(name, f'must be a time "HH:MM" or "" (none), got {v!r}')
    try:
        return time.fromisoformat(v)
    except ValueError:
        raise AttendancePolicyError(name, f'must be a time "HH:MM" or "" (none), '
                                          f"got {v!r}") from None


def _items(tbl: Mapping[str, Any], name: str) -> list[Mapping[str, Any]]:
    raw = tbl[name]
    if not isinstance(raw, list):
        raise AttendancePolicyError(name, f"must be a list of [[attendance.{name}]] tables")
    for i, item in enumerate(raw):
        if not isinstance(item, Mapping):
            raise AttendancePolicyError(f"{name}[{i}]", "must be a table")
    return raw


def _required(item: Mapping[str, Any], path: str, names: Iterable[str]) -> None:
    for n in names:
        if n not in item:
            raise AttendancePolicyError(f"{path}.{n}", "is required")


def _bounded_chain(bounds: Sequence[float], path: str, name: str, unit: str) -> None:
    """Steps by increasing upper bound; 0 (no bound) only as the last step."""
    for i, b in enumerate(bounds):
        if b == 0 and i != len(bounds) - 1:
            raise AttendancePolicyError(f"{path}[{i}].{name}",
                                        "0 (no upper bound) must be the last step")
        if i and b != 0 and b <= bounds[i - 1]:
            raise AttendancePolicyError(f"{path}[{i}].{name}",
                                        f"must be above the previous step's "
                                        f"({bounds[i - 1]:g} {unit}), got {b:g}")


_TOP_KEYS = ("name", "login_deadline", "logout_from", "personal_days_per_year",
             "absent_days_flag_per_year", "daily_max_late", "daily_max_leave",
             "incident_absent_over_min", "late", "early", "incident", "entitlement_days",
             "approval", "swaps", "leave_days_per_month", "leave_per_shift")


def parse_attendance(doc: Mapping[str, Any]) -> AttendancePolicy:
    """Validate an ``[attendance]`` table; a key left out keeps seed 002's default.

    Raises :class:`AttendancePolicyError` naming the key relative to the table.
    """
    d = AttendancePolicy()
    _unknown(doc, "", _TOP_KEYS)

    name = doc.get("name", d.name)
    if not isinstance(name, str) or not name.strip():
        raise AttendancePolicyError("name", f"must be a non-empty string, got {name!r}")

    late_t = _sub(doc, "late")
    _unknown(late_t, "late", ("count", "total_min_over", "absent_days", "include_early"))
    late = LateRule(
        count=_whole(late_t, "late", "count", d.late.count),
        total_min_over=_whole(late_t, "late", "total_min_over", d.late.total_min_over),
        absent_days=_days(late_t, "late", "absent_days", d.late.absent_days, positive=True),
        include_early=_flag(late_t, "late", "include_early", d.late.include_early),
    )

    early_t = _sub(doc, "early")
    _unknown(early_t, "early", ("total_min", "absent_days"))
    early = EarlyRule(
        total_min=_whole(early_t, "early", "total_min", d.early.total_min),
        absent_days=_days(early_t, "early", "absent_days", d.early.absent_days, positive=True),
    )

    steps = d.incident
    if "incident" in doc:
        out: list[IncidentStep] = []
        for i, item in enumerate(_items(doc, "incident")):
            p = f"incident[{i}]"
            _unknown(item, p, ("up_to_min", "personal_days"))
            _required(item, p, ("up_to_min", "personal_days"))
            out.append(IncidentStep(_whole(item, p, "up_to_min", 0),
                                    _days(item, p, "personal_days", 0.0, positive=True)))
        _bounded_chain([s.up_to_min for s in out], "incident", "up_to_min", "min")
        steps = tuple(out)

    ent_t = _sub(doc, "entitlement_days")
    _unknown(ent_t, "entitlement_days", DEFAULT_ENTITLEMENT_DAYS)
    ent = {k: _days(ent_t, "entitlement_days", k, dv)
           for k, dv in DEFAULT_ENTITLEMENT_DAYS.items()}

    approval = d.approval
    if "approval" in doc:
        chain: list[ApprovalStep] = []
        items = _items(doc, "approval")
        if not items:
            raise AttendancePolicyError("approval", "must have at least one step")
        for i, item in enumerate(items):
            p = f"approval[{i}]"
            _unknown(item, p, ("max_days", "roles"))
            _required(item, p, ("max_days", "roles"))
            roles = item["roles"]
            if (not isinstance(roles, list) or not roles
                    or not all(isinstance(r, str) for r in roles)):
                raise AttendancePolicyError(f"{p}.roles", "must be a non-empty list of roles")
            for r in roles:
                if r not in APPROVER_ROLES:
                    raise AttendancePolicyError(
                        f"{p}.roles", f"unknown role {r!r} (known: {', '.join(APPROVER_ROLES)})")
            if len(set(roles)) != len(roles):
                raise AttendancePolicyError(f"{p}.roles", "names a role twice")
            chain.append(ApprovalStep(_days(item, p, "max_days", 0.0), tuple(roles)))
        _bounded_chain([s.max_days for s in chain], "approval", "max_days", "days")
        if chain[-1].max_days != 0:
            raise AttendancePolicyError(f"approval[{len(chain) - 1}].max_days",
                                        "the last step must be 0 (no upper bound), so every "
                                        "request has approvers")
        approval = tuple(chain)

    sw = _sub(doc, "swaps")
    _unknown(sw, "swaps", ("max_per_month", "no_back_to_back"))
    swaps = SwapRule(_whole(sw, "swaps", "max_per_month", d.swaps.max_per_month),
                     _flag(sw, "swaps", "no_back_to_back", d.swaps.no_back_to_back))

    return AttendancePolicy(
        name=name,
        login_deadline=_clock(doc, "login_deadline", d.login_deadline),
        logout_from=_clock(doc, "logout_from", d.logout_from),
        personal_days_per_year=_days(doc, "", "personal_days_per_year",
                                     d.personal_days_per_year),
        absent_days_flag_per_year=_days(doc, "", "absent_days_flag_per_year",
                                        d.absent_days_flag_per_year),
        daily_max_late=_whole(doc, "", "daily_max_late", d.daily_max_late),
        daily_max_leave=_whole(doc, "", "daily_max_leave", d.daily_max_leave),
        incident_absent_over_min=_whole(doc, "", "incident_absent_over_min",
                                        d.incident_absent_over_min),
        late=late, early=early, incident=steps, entitlement_days=ent,
        approval=approval, swaps=swaps,
        leave_days_per_month=_days(doc, "", "leave_days_per_month", d.leave_days_per_month),
        leave_per_shift=_whole(doc, "", "leave_per_shift", d.leave_per_shift),
    )


# ---- the monthly summary ---------------------------------------------------------------


def _n(x: float) -> str:
    """Days / counts for people: 16, 0.5, 1.5 (never 16.0)."""
    x = round(x, 3)
    return str(int(x)) if float(x).is_integer() else f"{x:g}"


def _step_charge(steps: Sequence[IncidentStep], minutes: int) -> float:
    if minutes <= 0:
        return 0.0
    for s in steps:
        if s.up_to_min == 0 or minutes <= s.up_to_min:
            return s.personal_days
    return 0.0  # beyond every bounded step: the policy charges nothing


@dataclass(slots=True)
class _Month:
    """One agent's month as the policy sees it (working state, not exported)."""

    recorded_absent: float = 0.0
    converted: float = 0.0  # incident days that became 旷工
    charged_personal: float = 0.0
    penalty_late: float = 0.0
    penalty_early: float = 0.0
    excess_personal: float = 0.0
    personal_ytd: float = 0.0
    absent_ytd: float = 0.0
    flags: list[str] = field(default_factory=list)

    @property
    def absent(self) -> float:
        return (self.recorded_absent + self.converted + self.penalty_late
                + self.penalty_early + self.excess_personal)


def _month_of(recs: Sequence[AttendanceRecord], policy: AttendancePolicy) -> _Month:
    """The month's 旷工 and charges before the yearly rules (R-ATT-3, R-ATT-4, 001)."""
    m = _Month()
    late_n = early_n = late_total = early_total = 0
    for r in recs:
        if str(r.type) == AttType.ABSENT:
            m.recorded_absent += 1.0
        if r.type not in WORKING_TYPES:
            continue
        late, early = max(0, r.late_min), max(0, r.early_min)
        if not late and not early:
            continue
        day = r.day.isoformat()
        rule = "R-ATT-3" if late else "R-ATT-4"
        what = "、".join(p for p in (f"迟到{late}分钟" if late else "",
                                     f"早退{early}分钟" if early else "") if p)
        over = policy.incident_absent_over_min
        if over and max(late, early) > over:
            # 001 坐席管理制度 第十条: more than an hour late or early = 旷工 (the whole day);
            # not a "late" any more for R-ATT-3 / R-ATT-4
            m.converted += 1.0
            m.flags.append(f"{rule}: {day} {what}，超过{over}分钟计旷工1天")
            continue
        late_n += late > 0
        early_n += early > 0
        late_total += late
        early_total += early
        # 001 人员管理制度 第1条: each incident charged as 事假; a day costs at most a day
        charge = min(1.0, _step_charge(policy.incident, late)
                     + _step_charge(policy.incident, early))
        if charge > 0:
            m.charged_personal += charge
            m.flags.append(f"{rule}: {day} {what}，计事假{_n(charge)}天")

    lr = policy.late
    counted = late_n + (early_n if lr.include_early else 0)
    reasons = []
    if lr.count and counted >= lr.count:
        reasons.append(f"本月{'迟到早退' if lr.include_early else '迟到'}{counted}次")
    if lr.total_min_over and late_total > lr.total_min_over:
        reasons.append(f"本月迟到累计{late_total}分钟，超过{lr.total_min_over}分钟")
    if reasons:  # R-ATT-3: once a month, however many conditions hold
        m.penalty_late = lr.absent_days
        m.flags.append(f"R-ATT-3: {'；'.join(reasons)}，计旷工{_n(lr.absent_days)}天")
    er = policy.early
    if er.total_min and early_total >= er.total_min:  # R-ATT-4
        m.penalty_early = er.absent_days
        m.flags.append(f"R-ATT-4: 本月早退累计{early_total}分钟，满{er.total_min}分钟，"
                       f"计旷工{_n(er.absent_days)}天")
    return m


def _parse_month(month: str) -> tuple[int, int]:
    if not re.fullmatch(r"\d{4}-\d{2}", month):
        raise ValueError(f'month must be "YYYY-MM", got {month!r}')
    y, mo = int(month[:4]), int(month[5:])
    if not 1 <= mo <= 12:
        raise ValueError(f'month must be "YYYY-MM", got {month!r}')
    return y, mo


def summary_due(month: str) -> date:
    """R-ATT-6: the day the monthly summary of ``month`` ("YYYY-MM") is due: the
    30th, or the month's last day when it has fewer (February)."""
    y, mo = _parse_month(month)
    return date(y, mo, min(SUMMARY_DUE_DAY, calendar.monthrange(y, mo)[1]))


def _entitlement_notes(code: str, used: float, limit: float) -> list[str]:
    """R-ATT-2's cases the register cannot decide (issue #16): which facts it lacks.
    Notes for the leader to check, never a refusal and never a guess."""
    if code == AttType.MARRIAGE and limit < used <= limit + LATE_MARRIAGE_EXTRA_DAYS:
        return [f"R-ATT-2: 婚假{_n(used)}天超过{_n(limit)}天：初婚且晚婚（男满25周岁、女满23周岁）"
                f"另加{LATE_MARRIAGE_EXTRA_DAYS}天，登记中没有性别、出生日期和婚史，请核实"]
    if code == AttType.MATERNITY and used > limit:
        return [f"R-ATT-2: 产假{_n(used)}天超过{_n(limit)}天：多胎每多1个婴儿另加"
                f"{EXTRA_BABY_DAYS}天，登记中没有婴儿数，请核实"]
    if code == AttType.BEREAVEMENT and used > limit:
        return [f"R-ATT-2: 丧假{_n(used)}天超过{_n(limit)}天：每位直系亲属（父母、配偶父母、"
                f"配偶、子女）去世给假{_n(limit)}天，登记中没有去世亲属人数，请核实"]
    if code == AttType.FAMILY_VISIT and used > 0:
        return [f"R-ATT-2: 探亲假{_n(used)}天：需工作满一年且与父母或配偶分居"
                f"（{FAMILY_VISIT_CASES}），登记中没有入职日期、婚姻状况和居住情况，请核实"]
    return []


def _agent_row(agent: str, name: str, by_day: Mapping[date, AttendanceRecord], year: int,
               month: int, policy: AttendancePolicy,
               holidays: Collection[date] = ()) -> AgentMonth:
    """Walk the calendar year month by month up to ``month``: the yearly rules need
    every earlier month's derived 旷工 (R-ATT-5) and 事假 (R-ATT-1)."""
    personal_ytd = absent_ytd = 0.0
    cap = policy.personal_days_per_year
    cur = _Month()
    for mo in range(1, month + 1):
        recs = sorted((r for d, r in by_day.items() if d.month == mo), key=lambda r: r.day)
        cur = _month_of(recs, policy)
        before = personal_ytd
        personal_ytd += sum(1.0 for r in recs if r.type == AttType.PERSONAL)
        personal_ytd += cur.charged_personal
        if cap:  # R-ATT-1: the part of the year's 事假 beyond the cap falling in this month
            cur.excess_personal = max(0.0, personal_ytd - cap) - max(0.0, before - cap)
        absent_ytd += cur.absent
        cur.personal_ytd, cur.absent_ytd = personal_ytd, absent_ytd

    month_recs = [r for d, r in by_day.items() if d.month == month]
    days = {c: 0.0 for c in TYPE_CODES}
    for r in month_recs:
        days[str(r.type)] += 1.0
    working = [r for r in month_recs if r.type in WORKING_TYPES]

    flags = list(cur.flags)
    if cur.excess_personal > 0:
        flags.append(f"R-ATT-1: {year}年事假累计{_n(cur.personal_ytd)}天，超出{_n(cap)}天"
                     f"计旷工{_n(cur.excess_personal)}天")
    notes: list[str] = []
    for code, limit in policy.entitlement_days.items():  # R-ATT-2
        if not limit or days.get(code, 0.0) == 0:
            continue
        taken = [d for d, r in by_day.items() if str(r.type) == code]
        if code == AttType.MARRIAGE:  # 婚假不包括法定节假日 (issue #16 defect 6)
            taken = [d for d in taken if d not in holidays]
        used = float(len(taken))
        if used > limit:
            flags.append(f"R-ATT-2: {year}年{TYPE_LABELS[code]}累计{_n(used)}天，"
                         f"超过规定{_n(limit)}天")
        notes.extend(_entitlement_notes(code, used, limit))
    thr = policy.absent_days_flag_per_year
    if thr and cur.absent_ytd >= thr:  # R-ATT-5
        flags.append(f"R-ATT-5: {year}年旷工累计{_n(cur.absent_ytd)}天，提示解除劳动合同")

    return AgentMonth(
        agent=agent, name=name, days=days,
        late_count=sum(1 for r in working if r.late_min > 0),
        late_min=sum(max(0, r.late_min) for r in working),
        early_min=sum(max(0, r.early_min) for r in working),
        absent_days=round(cur.absent, 3),
        flags=tuple(flags),
        charged={"personal": round(cur.charged_personal, 3)} if cur.charged_personal else {},
        notes=tuple(notes),
    )


def summarize(records: Iterable[AttendanceRecord], month: str, agents: Mapping[str, str],
              policy: AttendancePolicy, holidays: Collection[date] = ()) -> MonthSummary:
    """The monthly summary (月考勤汇总表, R-ATT-6) for ``month`` ("YYYY-MM").

    ``agents`` is id -> name: each gets a row (sorted by id) even without records; an
    agent with records in the month but not in ``agents`` gets a row named "". Records
    may cover the whole calendar year up to the month's end: R-ATT-1 and R-ATT-5 count
    from 1 January, with earlier months' derived 旷工 (penalties, converted incidents,
    事假 beyond the cap). Records of other years or later months are ignored.
    ``holidays`` are the statutory holidays (法定节假日) of the floor's calendar: 婚假
    on them does not count against its entitlement (R-ATT-2). The summary carries its
    due date (R-ATT-6, :func:`summary_due`).
    """
    year, mo = _parse_month(month)
    first = date(year, 1, 1)
    last = date(year, mo, calendar.monthrange(year, mo)[1])
    per_agent: dict[str, dict[date, AttendanceRecord]] = {}
    for r in records:
        if first <= r.day <= last:
            per_agent.setdefault(r.agent, {})[r.day] = r  # a later record replaces

    ids = set(agents) | {a for a, by_day in per_agent.items()
                         if any(d.month == mo for d in by_day)}
    off = frozenset(holidays)
    rows = tuple(_agent_row(a, agents.get(a, ""), per_agent.get(a, {}), year, mo, policy, off)
                 for a in sorted(ids))

    day_flags: list[str] = []
    for dn in range(1, last.day + 1):
        d = date(year, mo, dn)
        todays = [by_day[d] for by_day in per_agent.values() if d in by_day]
        day_flags.extend(f"{d.isoformat()}: {msg}" for msg in day_checks(todays, policy))
    return MonthSummary(month, policy.name, rows, tuple(day_flags), due=summary_due(month))


def day_checks(records_of_one_day: Iterable[AttendanceRecord],
               policy: AttendancePolicy) -> list[str]:
    """000 第四篇's daily checks on one day's register: more than ``daily_max_late``
    agents late, more than ``daily_max_leave`` on leave (LEAVE_TYPES). The messages
    carry no date: the register shows them under its day; summarize() adds it."""
    by_agent: dict[str, AttendanceRecord] = {}
    days: set[date] = set()
    for r in records_of_one_day:
        by_agent[r.agent] = r  # one entry per person (a later one replaces)
        days.add(r.day)
    if len(days) > 1:
        raise ValueError("day_checks takes the records of one day")
    out: list[str] = []
    late = sum(1 for r in by_agent.values() if r.type in WORKING_TYPES and r.late_min > 0)
    leave = sum(1 for r in by_agent.values() if r.type in LEAVE_TYPES)
    if policy.daily_max_late and late > policy.daily_max_late:
        out.append(f"迟到{late}人，超过{policy.daily_max_late}人")
    if policy.daily_max_leave and leave > policy.daily_max_leave:
        out.append(f"请假{leave}人，超过{policy.daily_max_leave}人")
    return out


# ---- the register's suggestion ---------------------------------------------------------


def _aware(dt: datetime, what: str) -> None:
    if dt.tzinfo is None or dt.utcoffset() is None:
        raise ValueError(f"{what} must be an aware datetime, got {dt!r}")


def _whole_min(delta: timedelta) -> int:
    """Whole minutes, rounded down: 08:45:59 against 08:45 is not late yet."""
    return max(0, int(delta.total_seconds() // 60))


class Settle(StrEnum):
    """How far the platform's suggestion can be trusted at the time it is made
    (issue #12: the register opened at night).

    ``settled``: the suggestion will not change (the shift is over, the agent is on
    approved leave, or signed in and still working: the arrival is known);
    ``not_due``: the shift has not reached its start (+ grace) and nobody signed in
    for it — nothing is proposed yet, certainly not 旷工; ``in_shift``: the shift is
    under way and what is proposed may still change (no sign-in yet, or signed out
    before the end). Only settled rows may be confirmed in bulk."""

    SETTLED = "settled"
    NOT_DUE = "not_due"
    IN_SHIFT = "in_shift"


def counted_sessions(shift_start: datetime, shift_end: datetime,
                     sessions: Sequence[tuple[datetime, datetime | None]],
                     now: datetime | None = None) -> list[tuple[datetime, datetime | None]]:
    """The sessions that count as attendance for the shift [start, end) as seen at
    ``now``: those overlapping it, an open session (logout None) lasting until ``now``
    only. A session still open at 01:48 therefore never counts for a shift starting
    later (issue #12: night agents were shown present for the next night's shift).
    ``now`` None: the shift is seen from after its end."""
    out = []
    for login, logout in sessions:
        _aware(login, "login")
        if logout is not None:
            _aware(logout, "logout")
        if now is not None and login >= now:
            continue
        until = logout if logout is not None else now
        if login < shift_end and (until is None or until > shift_start):
            out.append((login, logout))
    return out


def suggest(agent: str, day: date, shift_start: datetime, shift_end: datetime,
            sessions: Sequence[tuple[datetime, datetime | None]], policy: AttendancePolicy,
            leave: AttType | None = None, tz: tzinfo = SHANGHAI, *,
            now: datetime | None = None, grace: timedelta = timedelta(0),
            ) -> tuple[AttendanceRecord, Settle]:
    """The daily register's suggestion (R-ATT-6) from platform logins, for the leader to
    confirm or correct, and how settled it is at ``now`` (None: after the shift).

    ``sessions`` are (login, logout or None while still logged in); only those
    :func:`counted_sessions` keeps count. Without one: the approved ``leave`` type
    (settled), else 旷工 — proposed only from the login deadline (``login_deadline``
    on the shift's start date in ``tz``, else ``shift_start``) + ``grace`` (R-LOGIN-1's
    ``login_grace_min``), and settled only once the shift is over. Otherwise late =
    whole minutes of the first login after the deadline, early = whole minutes of the
    last logout before ``logout_from`` on the shift's end date (else ``shift_end``);
    0 while still logged in. Gaps between sessions are not attendance (they are away
    time, DOMAIN §1). ``day`` is the date the shift starts (a night shift counts on the
    date it starts): the caller passes it.
    """
    for dt, what in ((shift_start, "shift_start"), (shift_end, "shift_end")):
        _aware(dt, what)
    if now is not None:
        _aware(now, "now")
    if shift_end <= shift_start:
        raise ValueError("shift_end must be after shift_start")
    if leave is not None:
        leave = AttType(leave)
        if leave not in LEAVE_TYPES:
            raise ValueError(f"leave must be a leave type, got {leave!r}")
    seen = counted_sessions(shift_start, shift_end, sessions, now)
    if policy.login_deadline is not None:
        deadline = datetime.combine(shift_start.astimezone(tz).date(), policy.login_deadline, tz)
    else:
        deadline = shift_start
    over = now is None or now >= shift_end
    if not seen:
        if leave is not None:
            return AttendanceRecord(day, agent, leave), Settle.SETTLED
        if not over and now is not None and now < max(deadline, shift_start) + grace:
            return AttendanceRecord(day, agent, AttType.PRESENT), Settle.NOT_DUE
        return (AttendanceRecord(day, agent, AttType.ABSENT),
                Settle.SETTLED if over else Settle.IN_SHIFT)

    if policy.logout_from is not None:
        until = datetime.combine(shift_end.astimezone(tz).date(), policy.logout_from, tz)
    else:
        until = shift_end
    late = _whole_min(min(s[0] for s in seen) - deadline)
    logouts = [s[1] for s in seen]
    early = 0
    still_in = any(lo is None for lo in logouts)
    if not still_in:
        early = _whole_min(until - max(lo for lo in logouts if lo is not None))
    note = f"已批准{TYPE_LABELS[leave.value]}但有登录记录" if leave is not None else ""
    kind = AttType.LATE_EARLY if late or early else AttType.PRESENT
    settle = Settle.SETTLED if over or still_in else Settle.IN_SHIFT
    return AttendanceRecord(day, agent, kind, late, early, note), settle


def prefill(agent: str, day: date, shift_start: datetime, shift_end: datetime,
            sessions: Sequence[tuple[datetime, datetime | None]], policy: AttendancePolicy,
            leave: AttType | None = None, tz: tzinfo = SHANGHAI) -> AttendanceRecord:
    """:func:`suggest` seen from after the shift (the record only)."""
    return suggest(agent, day, shift_start, shift_end, sessions, policy, leave, tz)[0]


# ---- leave approval and swaps ----------------------------------------------------------


def approval_roles(policy: AttendancePolicy, days: float) -> tuple[str, ...]:
    """Who approves a leave request of ``days``, in order: the first step of the
    policy's chain whose ``max_days`` (0 = unbounded) covers it. Seed 002: 1 day the
    department head; 2 days or more the department head, then the director."""
    if days <= 0:
        raise ValueError(f"a leave request covers at least part of a day, got {days!r}")
    for step in policy.approval:
        if step.max_days == 0 or days <= step.max_days:
            return step.roles
    raise ValueError(f"no approval step covers {days:g} days")  # parse_attendance forbids


def swap_problems(agent: str, shifts_after: Sequence[tuple[datetime, datetime]],
                  swaps_in_month: int, policy: AttendancePolicy,
                  tz: tzinfo = SHANGHAI) -> list[str]:
    """Why a shift swap (调班, 001) is refused; empty = allowed.

    ``swaps_in_month`` is the agent's swaps this month COUNTING this one (the
    caller passes the swaps already made + 1); refused above ``max_per_month``.
    ``shifts_after`` are the agent's shifts as they would be after the swap: with
    ``no_back_to_back`` any two that touch (one ends when the next starts) or overlap
    are refused ("换班后严禁连续上班"). Times are shown in ``tz``.
    """
    out: list[str] = []
    rule = policy.swaps
    if rule.max_per_month and swaps_in_month > rule.max_per_month:
        out.append(f"{agent} 本月换班将达{swaps_in_month}次，超过{rule.max_per_month}次")
    if rule.no_back_to_back:
        for s, e in shifts_after:
            _aware(s, "shift start")
            _aware(e, "shift end")

        def fmt(t: datetime) -> str:
            return t.astimezone(tz).strftime("%m-%d %H:%M")

        ordered = sorted(shifts_after)
        for i in range(1, len(ordered)):
            prev = max(ordered[:i], key=lambda x: x[1])  # of the earlier ones, the last to end
            cur = ordered[i]
            if cur[0] <= prev[1]:
                out.append(f"{agent} 换班后连续上班：{fmt(prev[0])}–{fmt(prev[1])} 与 "
                           f"{fmt(cur[0])}–{fmt(cur[1])}")
    return out
