"""The monthly assessment (考核, issue #18, DOMAIN §8): policies as data and the
month's sheet, computed from plain inputs. Pure: no database, no Qt, no clock.

A policy is a list of **parts**, each scored one way, and the month's total is
Σ part score × part weight:

- ``volume`` (R-ASSESS-2, 系统内考核): the agent's handled calls against the
  average of the agents it is compared with; at least ``below_pct`` % under the
  average gives the step's score (seed 000: 10 % → 90, 20 % → 80, 30 % → 0),
  otherwise the part's ``max``. "Below the average by 10 %" is read as
  volume ≤ average × (1 − 10 %), computed exactly (fractions, no rounding), so an
  agent exactly 10 % under is deducted (DOMAIN: "≥ 10 %").
- ``deductions`` (R-ASSESS-3, 考评; 002's discipline, summary, study and
  complaint parts): ``max`` plus the signed points of the register's entries on the
  part's items, never under 0.
- ``leader_calls`` (002's 政策水平 and 服务规范): the shift leader's score × 40 % +
  the mean of the recorded-call scores × 60 % (weights are policy values). The
  seed takes three calls; the mean is over the calls scored, and fewer than
  ``calls`` flags the row. Without the leader's score or any call the part has no
  score and the row is ``incomplete`` (no total, no rank) — a sheet with such a
  row cannot be confirmed.
- ``bonus`` (002's 附加得分): the sum of the bonus entries, at most ``max`` (20).

**The role's average.** The seed compares an agent with the average of its post
(岗位: 受理员, 派遣员, 值班长). Agents in the floor setup have no post, only a group
(班组), and every agent on the floor answers the same calls: by default
(``compare = "floor"``) an agent is compared with the average of every agent on
the month's sheet; ``compare = "group"`` compares within the agent's group
(agents without a group form one pool). Who is on the sheet is the caller's
choice (models/db/assessment_db.py: every agent in the floor setup who was
rostered or answered a call in the month).

Ranks: by total, highest first; equal totals (to the cent) are told apart by the
calls handled (the seed's own measure of work, R-ASSESS-2: on a floor where few
deductions are recorded most agents reach 100, and a sheet paying the first reward
to twenty of them is not what a director signs); equal in both, they share a rank
and the next rank is skipped (1, 1, 3). The rewards (R-ASSESS-4: 800 / 500 / 300
yuan) go by rank, so two agents tied first both get the first reward. A total under
``retrain_below`` (70) flags 待岗培训. Yearly score = Σ monthly totals / 12
(R-ASSESS-4: the divisor is 12 even when fewer months were assessed; the year's
row says how many were).
"""

from __future__ import annotations

import math
import re
import tomllib
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction
from importlib import resources
from typing import Any

SCORINGS = ("volume", "deductions", "leader_calls", "bonus")
COMPARE = ("floor", "group")
#: what the floor already knows and can propose (models/db/assessment_db.py)
AUTO_FIXED = ("attendance_late_early", "meeting_absent")
_ALERT_AUTO = re.compile(r"^alert:R-[A-Z]+-\d+(,R-[A-Z]+-\d+)*$")
_ID = re.compile(r"^[a-z][a-z0-9_]{0,39}$")
_MONTH = re.compile(r"^\d{4}-(0[1-9]|1[0-2])$")

#: row flags (codes; the terminal and the export name them)
FLAG_INCOMPLETE = "incomplete"
FLAG_FEW_CALLS = "few_calls"
FLAG_PRAISE = "praise"
FLAG_RETRAIN = "retrain"
#: an entry on an item (or a score of a part) the policy does not have: not counted
#: (the policy changed during the month); the row says so rather than drop it silently
FLAG_UNKNOWN_ITEM = "unknown_item"


class AssessmentPolicyError(ValueError):
    """A policy value that cannot be used; ``key`` names it (``parts[1].items[0].points``)."""

    def __init__(self, key: str, reason: str) -> None:
        super().__init__(f"{key}: {reason}")
        self.key = key
        self.reason = reason


# ---- the policy ------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Item:
    """One line of a part's list: a deduction (points < 0) or a bonus (> 0), fixed
    (``points``) or a range the person recording it chooses from (``low``…``high``).
    ``auto`` names what the floor proposes it from (empty: recorded by hand)."""

    id: str
    name: str
    part: str
    low: float
    high: float
    auto: str = ""

    @property
    def fixed(self) -> bool:
        return self.low == self.high

    def allows(self, points: float) -> bool:
        return self.low - 1e-9 <= points <= self.high + 1e-9

    def points_text(self) -> str:
        return _num(self.low) if self.fixed else f"{_num(self.low)}…{_num(self.high)}"


@dataclass(frozen=True, slots=True)
class Step:
    below_pct: float
    score: float


@dataclass(frozen=True, slots=True)
class Part:
    id: str
    name: str
    scoring: str
    max: float
    weight: float
    steps: tuple[Step, ...] = ()
    compare: str = "floor"
    leader_weight: float = 0.4
    calls_weight: float = 0.6
    calls: int = 3


@dataclass(frozen=True, slots=True)
class AssessmentPolicy:
    id: str
    name: str
    parts: tuple[Part, ...]
    items: tuple[Item, ...]
    rewards_yuan: tuple[int, ...] = ()
    retrain_below: float | None = None
    yearly_divisor: int = 12

    def item(self, item_id: str) -> Item | None:
        return next((i for i in self.items if i.id == item_id), None)

    def part(self, part_id: str) -> Part | None:
        return next((p for p in self.parts if p.id == part_id), None)

    def scored_parts(self) -> tuple[Part, ...]:
        """The parts scored by the leader and the recorded calls."""
        return tuple(p for p in self.parts if p.scoring == "leader_calls")

    @property
    def max_total(self) -> float:
        return sum(p.max * p.weight for p in self.parts)


def _num(x: float) -> str:
    return f"{x:g}"


def _reason(text: str, **kw: Any) -> str:
    """A validation reason, in English like :class:`models.domain.policy.PolicyError`'s
    (the key it names is the file's own, so is the reason)."""
    return text.format(**kw)


def _table(v: Any, key: str) -> Mapping[str, Any]:
    if not isinstance(v, Mapping):
        raise AssessmentPolicyError(key, _reason("must be a table"))
    return v


def _unknown(tbl: Mapping[str, Any], key: str, known: Iterable[str]) -> None:
    extra = sorted(str(k) for k in tbl if k not in set(known))
    if extra:
        # a key TOML allows but no policy would use ("", "a b") is shown quoted
        name = extra[0] if re.fullmatch(r"[A-Za-z0-9_-]+", extra[0]) else repr(extra[0])
        where = f"{key}.{name}" if key else name
        raise AssessmentPolicyError(where, _reason("unknown key"))


def _number(tbl: Mapping[str, Any], key: str, name: str, default: float | None = None, *,
            lo: float = -math.inf, hi: float = math.inf) -> float:
    k = f"{key}.{name}" if key else name
    if name not in tbl:
        if default is None:
            raise AssessmentPolicyError(k, _reason("is required"))
        return default
    v = tbl[name]
    if isinstance(v, bool) or not isinstance(v, int | float) or not math.isfinite(v):
        raise AssessmentPolicyError(k, _reason("must be a number"))
    if not lo <= v <= hi:
        raise AssessmentPolicyError(k, _reason("must be from {lo} to {hi}, got {value}",
                                               lo=_num(lo), hi=_num(hi), value=_num(v)))
    return float(v)


def _whole(tbl: Mapping[str, Any], key: str, name: str, default: int, *, lo: int,
           hi: int) -> int:
    k = f"{key}.{name}" if key else name
    v = tbl.get(name, default)
    if isinstance(v, bool) or not isinstance(v, int) or not lo <= v <= hi:
        raise AssessmentPolicyError(k, _reason("must be a whole number from {lo} to {hi}",
                                               lo=lo, hi=hi))
    return v


def _text(tbl: Mapping[str, Any], key: str, name: str, default: str | None = None, *,
          pattern: re.Pattern[str] | None = None, choices: Sequence[str] = ()) -> str:
    k = f"{key}.{name}" if key else name
    if name not in tbl:
        if default is None:
            raise AssessmentPolicyError(k, _reason("is required"))
        return default
    v = tbl[name]
    if not isinstance(v, str) or not v.strip() or len(v) > 200:
        raise AssessmentPolicyError(k, _reason("must be a text of 1 to 200 characters"))
    if choices and v not in choices:
        raise AssessmentPolicyError(k, _reason("must be one of {choices}, got {value}",
                                               choices=", ".join(choices), value=repr(v)))
    if pattern is not None and not pattern.match(v):
        raise AssessmentPolicyError(k, _reason(
            "must be lower-case letters, digits and _, starting with a letter"))
    return v.strip()


def _list(tbl: Mapping[str, Any], key: str, name: str) -> list[Any]:
    v = tbl.get(name, [])
    if not isinstance(v, list):
        raise AssessmentPolicyError(f"{key}.{name}" if key else name, _reason("must be a list"))
    return v


def _points(it: Mapping[str, Any], key: str, scoring: str, part_max: float
            ) -> tuple[float, float]:
    k = f"{key}.points"
    if "points" not in it:
        raise AssessmentPolicyError(k, _reason("is required"))
    v = it["points"]
    vals = v if isinstance(v, list) else [v]
    if len(vals) not in (1, 2) or any(
            isinstance(x, bool) or not isinstance(x, int | float) or not math.isfinite(x)
            for x in vals):
        raise AssessmentPolicyError(k, _reason("must be a number or a range [low, high]"))
    low, high = float(min(vals)), float(max(vals))
    sign_ok = high < 0 if scoring == "deductions" else low > 0
    if not sign_ok:
        raise AssessmentPolicyError(k, _reason(
            "a deduction is below 0, a bonus above 0" if scoring == "deductions"
            else "a bonus is above 0"))
    if max(abs(low), abs(high)) > part_max:
        raise AssessmentPolicyError(k, _reason("must not exceed the part's {max} points",
                                               max=_num(part_max)))
    return low, high


def _auto(it: Mapping[str, Any], key: str) -> str:
    if "auto" not in it:
        return ""
    v = it["auto"]
    if not isinstance(v, str) or not (v in AUTO_FIXED or _ALERT_AUTO.match(v)):
        raise AssessmentPolicyError(f"{key}.auto", _reason(
            "must be {fixed} or alert:RULE-ID[,RULE-ID…]", fixed=", ".join(AUTO_FIXED)))
    return v


def _part(p: Any, key: str) -> tuple[Part, list[Item]]:
    p = _table(p, key)
    _unknown(p, key, ("id", "name", "scoring", "max", "weight", "steps", "compare",
                      "leader_weight", "calls_weight", "calls", "items"))
    pid = _text(p, key, "id", pattern=_ID)
    name = _text(p, key, "name")
    scoring = _text(p, key, "scoring", choices=SCORINGS)
    mx = _number(p, key, "max", lo=1, hi=1000)
    weight = _number(p, key, "weight", 1.0, lo=0, hi=10)
    steps: list[Step] = []
    items: list[Item] = []
    extra: dict[str, Any] = {}
    if scoring == "volume":
        for i, s in enumerate(_list(p, key, "steps")):
            sk = f"{key}.steps[{i}]"
            s = _table(s, sk)
            _unknown(s, sk, ("below_pct", "score"))
            steps.append(Step(_number(s, sk, "below_pct", lo=0.01, hi=100),
                              _number(s, sk, "score", lo=0, hi=mx)))
        if not steps:
            raise AssessmentPolicyError(f"{key}.steps", _reason("a volume part needs steps"))
        for i in range(1, len(steps)):
            if steps[i].below_pct <= steps[i - 1].below_pct:
                raise AssessmentPolicyError(f"{key}.steps[{i}].below_pct", _reason(
                    "steps go from the smallest shortfall to the largest"))
            if steps[i].score > steps[i - 1].score:
                raise AssessmentPolicyError(f"{key}.steps[{i}].score", _reason(
                    "a larger shortfall cannot score more"))
        extra["compare"] = _text(p, key, "compare", "floor", choices=COMPARE)
    elif "steps" in p or "compare" in p:
        raise AssessmentPolicyError(f"{key}.{'steps' if 'steps' in p else 'compare'}",
                                    _reason("only a volume part has it"))
    if scoring == "leader_calls":
        lw = _number(p, key, "leader_weight", 0.4, lo=0, hi=1)
        cw = _number(p, key, "calls_weight", 0.6, lo=0, hi=1)
        if abs(lw + cw - 1) > 1e-9:
            raise AssessmentPolicyError(f"{key}.calls_weight", _reason(
                "the leader's and the calls' weights must add up to 1"))
        extra.update(leader_weight=lw, calls_weight=cw,
                     calls=_whole(p, key, "calls", 3, lo=1, hi=20))
    else:
        for name_ in ("leader_weight", "calls_weight", "calls"):
            if name_ in p:
                raise AssessmentPolicyError(f"{key}.{name_}", _reason(
                    "only a leader_calls part has it"))
    if scoring in ("deductions", "bonus"):
        for i, it in enumerate(_list(p, key, "items")):
            ik = f"{key}.items[{i}]"
            it = _table(it, ik)
            _unknown(it, ik, ("id", "name", "points", "auto"))
            low, high = _points(it, ik, scoring, mx)
            items.append(Item(_text(it, ik, "id", pattern=_ID), _text(it, ik, "name"), pid,
                              low, high, _auto(it, ik)))
        if not items:
            raise AssessmentPolicyError(f"{key}.items", _reason("the part needs its items"))
    elif "items" in p:
        raise AssessmentPolicyError(f"{key}.items", _reason(
            "only a deductions or bonus part has items"))
    return Part(pid, name, scoring, mx, weight, tuple(steps), **extra), items


def parse_policy(doc: Any) -> AssessmentPolicy:
    """Validate a parsed TOML document; the first problem raises
    :class:`AssessmentPolicyError` naming its key."""
    doc = _table(doc, "(file)")
    _unknown(doc, "", ("id", "name", "parts", "rewards_yuan", "retrain_below",
                       "yearly_divisor"))
    pid = _text(doc, "", "id")
    name = _text(doc, "", "name")
    parts: list[Part] = []
    items: list[Item] = []
    raw_parts = _list(doc, "", "parts")
    if not raw_parts:
        raise AssessmentPolicyError("parts", _reason("a policy needs at least one part"))
    for i, p in enumerate(raw_parts):
        part, its = _part(p, f"parts[{i}]")
        if any(q.id == part.id for q in parts):
            raise AssessmentPolicyError(f"parts[{i}].id", _reason("{id} is used twice",
                                                                  id=part.id))
        parts.append(part)
        for j, it in enumerate(its):
            if any(x.id == it.id for x in items):
                raise AssessmentPolicyError(f"parts[{i}].items[{j}].id", _reason(
                    "{id} is used twice", id=it.id))
            items.append(it)
    if sum(p.weight for p in parts) <= 0:
        raise AssessmentPolicyError("parts", _reason("the weights add up to 0"))
    rewards: list[int] = []
    for i, r in enumerate(_list(doc, "", "rewards_yuan")):
        if isinstance(r, bool) or not isinstance(r, int) or not 0 <= r <= 1_000_000:
            raise AssessmentPolicyError(f"rewards_yuan[{i}]", _reason(
                "must be a whole number of yuan from 0 to 1000000"))
        rewards.append(r)
    retrain = (None if "retrain_below" not in doc
               else _number(doc, "", "retrain_below", lo=0, hi=1000))
    return AssessmentPolicy(pid, name, tuple(parts), tuple(items), tuple(rewards), retrain,
                            _whole(doc, "", "yearly_divisor", 12, lo=1, hi=12))


def parse_toml(text: str, source: str = "policy") -> AssessmentPolicy:
    try:
        doc = tomllib.loads(text)
    except tomllib.TOMLDecodeError as e:
        raise AssessmentPolicyError("(file)", _reason("{source} is not valid TOML: {error}",
                                                      source=source, error=str(e))) from None
    return parse_policy(doc)


def shipped_text(name: str = "assessment-000.toml") -> str:
    return (resources.files("resources").joinpath("policies", name)
            .read_text(encoding="utf-8"))


def default_policy() -> AssessmentPolicy:
    """The default (seed 000), as shipped."""
    return parse_toml(shipped_text(), "resources/policies/assessment-000.toml")


# ---- inputs ----------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Entry:
    """One confirmed line of the register: a deduction or a bonus on ``item``,
    signed as the policy applies it (−5, +2)."""

    agent: str
    day: date
    item: str
    points: float
    note: str = ""
    id: int | None = None


@dataclass(frozen=True, slots=True)
class AgentInput:
    """What the month's sheet is computed from, for one agent. ``leader`` holds the
    shift leader's score per ``leader_calls`` part, ``calls`` the recorded-call scores
    per such part (both on the part's scale)."""

    agent: str
    name: str = ""
    group: str = ""
    handled: int = 0
    entries: tuple[Entry, ...] = ()
    leader: Mapping[str, float] = field(default_factory=dict)
    calls: Mapping[str, tuple[float, ...]] = field(default_factory=dict)


# ---- the sheet -------------------------------------------------------------------------


def exact(x: float) -> Fraction:
    """A figure as the decimal it is written as (0.4 → 2/5, 24.9 → 249/10): the
    sheet's arithmetic is done on these, as a person does it by hand. In binary
    floating point 24 × 0.4 + 24.525 × 0.6 is 24.314999…, which rounds to 24.31
    where the person (and the seed's own 评分表) gets 24.315 → 24.32."""
    return Fraction(repr(float(x)))


def r2(x: float | Fraction) -> float:
    """Rounded to the cent, half up (as a person rounds 84.125 → 84.13). Give it an
    exact :class:`Fraction` (:func:`exact`) when ``x`` is the result of arithmetic:
    a float result may already have lost the half."""
    if isinstance(x, Fraction):
        n = math.floor(abs(x) * 100 + Fraction(1, 2))
        return math.copysign(n / 100, x) if n else 0.0
    return float(Decimal(repr(x)).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP))


@dataclass(frozen=True, slots=True)
class PartResult:
    part: str
    name: str
    score: float | None
    max: float
    weight: float
    #: volume parts: the calls handled, the average they were measured against, over
    #: how many agents, and which pool ("floor" or the group's id)
    volume: int | None = None
    average: float | None = None
    pool: str = ""
    pool_size: int = 0
    #: leader_calls parts
    leader: float | None = None
    calls: tuple[float, ...] = ()
    #: deductions and bonus parts: every entry counted
    entries: tuple[Entry, ...] = ()

    def to_json(self) -> dict[str, Any]:
        return {"part": self.part, "name": self.name, "score": self.score, "max": self.max,
                "weight": self.weight, "volume": self.volume, "average": self.average,
                "pool": self.pool, "pool_size": self.pool_size, "leader": self.leader,
                "calls": list(self.calls),
                "entries": [{"id": e.id, "day": e.day.isoformat(), "item": e.item,
                             "points": e.points, "note": e.note} for e in self.entries]}

    @classmethod
    def from_json(cls, d: Mapping[str, Any], agent: str) -> PartResult:
        return cls(str(d["part"]), str(d["name"]), d.get("score"), float(d["max"]),
                   float(d["weight"]), d.get("volume"), d.get("average"), str(d.get("pool", "")),
                   int(d.get("pool_size", 0)), d.get("leader"),
                   tuple(float(x) for x in d.get("calls", [])),
                   tuple(Entry(agent, date.fromisoformat(e["day"]), str(e["item"]),
                               float(e["points"]), str(e.get("note", "")), e.get("id"))
                         for e in d.get("entries", [])))


@dataclass(frozen=True, slots=True)
class SheetRow:
    agent: str
    name: str
    group: str
    parts: tuple[PartResult, ...]
    total: float | None
    rank: int | None = None
    reward_yuan: int = 0
    flags: tuple[str, ...] = ()

    def part(self, part_id: str) -> PartResult:
        return next(p for p in self.parts if p.part == part_id)

    def to_json(self) -> dict[str, Any]:
        return {"agent": self.agent, "name": self.name, "group": self.group,
                "parts": [p.to_json() for p in self.parts], "total": self.total,
                "rank": self.rank, "reward_yuan": self.reward_yuan, "flags": list(self.flags)}

    @classmethod
    def from_json(cls, d: Mapping[str, Any]) -> SheetRow:
        agent = str(d["agent"])
        return cls(agent, str(d.get("name", "")), str(d.get("group", "")),
                   tuple(PartResult.from_json(p, agent) for p in d.get("parts", [])),
                   d.get("total"), d.get("rank"), int(d.get("reward_yuan", 0)),
                   tuple(str(f) for f in d.get("flags", [])))


def _volume_score(part: Part, handled: int, pool: Sequence[int]) -> tuple[float, Fraction]:
    """R-ASSESS-2, exactly: the score and the pool's average (as a fraction)."""
    avg = Fraction(sum(pool), len(pool)) if pool else Fraction(0)
    score = part.max
    if avg > 0:
        for st in part.steps:  # smallest shortfall first; the largest reached wins
            if Fraction(handled) <= avg * (1 - Fraction(str(st.below_pct)) / 100):
                score = st.score
    return score, avg


def _pool_key(part: Part, a: AgentInput) -> str:
    return "floor" if part.compare == "floor" else (a.group or "")


def compute_sheet(policy: AssessmentPolicy, agents: Sequence[AgentInput]) -> list[SheetRow]:
    """The month's rows, in rank order (incomplete rows last, by agent id)."""
    pools: dict[tuple[str, str], list[int]] = {}
    for part in policy.parts:
        if part.scoring == "volume":
            for a in agents:
                pools.setdefault((part.id, _pool_key(part, a)), []).append(a.handled)
    scored = {p.id for p in policy.scored_parts()}
    rows: list[SheetRow] = []
    for a in agents:
        results: list[PartResult] = []
        flags: list[str] = []
        for part in policy.parts:
            mine = tuple(sorted((e for e in a.entries if (it := policy.item(e.item)) is not None
                                 and it.part == part.id), key=lambda e: (e.day, e.id or 0)))
            if part.scoring == "volume":
                key = _pool_key(part, a)
                pool = pools[(part.id, key)]
                score, avg = _volume_score(part, a.handled, pool)
                results.append(PartResult(part.id, part.name, score, part.max, part.weight,
                                          volume=a.handled, average=r2(avg), pool=key,
                                          pool_size=len(pool)))
            elif part.scoring == "deductions":
                s = max(Fraction(0), exact(part.max) + sum((exact(e.points) for e in mine),
                                                           Fraction(0)))
                results.append(PartResult(part.id, part.name, r2(s), part.max, part.weight,
                                          entries=mine))
            elif part.scoring == "bonus":
                s = min(exact(part.max), max(Fraction(0), sum((exact(e.points) for e in mine),
                                                              Fraction(0))))
                results.append(PartResult(part.id, part.name, r2(s), part.max, part.weight,
                                          entries=mine))
            else:  # leader_calls
                lead = a.leader.get(part.id)
                calls = tuple(a.calls.get(part.id, ()))
                sc: float | None = None
                if lead is not None and calls:
                    mean = sum((exact(c) for c in calls), Fraction(0)) / len(calls)
                    sc = r2(exact(lead) * exact(part.leader_weight)
                            + mean * exact(part.calls_weight))
                else:
                    flags.append(FLAG_INCOMPLETE)
                if len(calls) < part.calls:
                    flags.append(FLAG_FEW_CALLS)
                results.append(PartResult(part.id, part.name, sc, part.max, part.weight,
                                          leader=lead, calls=calls))
        if (any(policy.item(e.item) is None for e in a.entries)
                or any(k not in scored for k in (*a.leader, *a.calls))):
            flags.append(FLAG_UNKNOWN_ITEM)
        scores = [p.score for p in results]
        total = (None if any(s is None for s in scores)
                 else r2(sum((exact(p.score or 0.0) * exact(p.weight) for p in results),
                             Fraction(0))))
        rows.append(SheetRow(a.agent, a.name, a.group, tuple(results), total,
                             flags=tuple(dict.fromkeys(flags))))
    return rank_rows(policy, rows)


def rank_rows(policy: AssessmentPolicy, rows: Iterable[SheetRow]) -> list[SheetRow]:
    """Rank, reward and flag (R-ASSESS-4): equal totals by the calls handled, then
    ties share a rank (1, 1, 3) and its reward."""
    def handled(r: SheetRow) -> int:
        return next((int(p.volume) for p in r.parts if p.volume is not None), 0)

    done = sorted((r for r in rows if r.total is not None),
                  key=lambda r: (-(r.total or 0.0), -handled(r), r.agent))
    out: list[SheetRow] = []
    prev: tuple[float | None, int] | None = None
    rank = 0
    for i, r in enumerate(done, start=1):
        if (r.total, handled(r)) != prev:
            rank, prev = i, (r.total, handled(r))
        flags = [f for f in r.flags if f not in (FLAG_PRAISE, FLAG_RETRAIN)]
        reward = policy.rewards_yuan[rank - 1] if rank <= len(policy.rewards_yuan) else 0
        if rank <= len(policy.rewards_yuan):
            flags.append(FLAG_PRAISE)
        if policy.retrain_below is not None and (r.total or 0.0) < policy.retrain_below:
            flags.append(FLAG_RETRAIN)
        out.append(SheetRow(r.agent, r.name, r.group, r.parts, r.total, rank, reward,
                            tuple(flags)))
    rest = sorted((r for r in rows if r.total is None), key=lambda r: r.agent)
    out.extend(SheetRow(r.agent, r.name, r.group, r.parts, None, None, 0, r.flags)
               for r in rest)
    return out


# ---- the year --------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class YearRow:
    agent: str
    name: str
    group: str
    #: month ("2026-01") → that month's total (confirmed sheets only)
    months: Mapping[str, float]
    total: float
    rank: int | None = None

    def to_json(self) -> dict[str, Any]:
        return {"agent": self.agent, "name": self.name, "group": self.group,
                "months": dict(self.months), "yearly": self.total, "rank": self.rank}


def yearly(sheets: Mapping[str, Sequence[SheetRow]], divisor: int = 12) -> list[YearRow]:
    """R-ASSESS-4: each agent's yearly score = Σ monthly totals / ``divisor`` (12),
    from the months given (``month`` → its rows); a month without a total counts 0."""
    seen: dict[str, tuple[str, str]] = {}
    months: dict[str, dict[str, float]] = {}
    for m in sorted(sheets):
        if not _MONTH.match(m):
            raise ValueError(f"not a month: {m!r}")
        for r in sheets[m]:
            seen[r.agent] = (r.name, r.group)
            if r.total is not None:
                months.setdefault(r.agent, {})[m] = r.total
    year = [YearRow(a, n, g, months.get(a, {}), r2(sum((exact(t) for t in months.get(a, {}).values()),
                                                       Fraction(0)) / divisor))
            for a, (n, g) in seen.items()]
    year.sort(key=lambda y: (-y.total, y.agent))
    out: list[YearRow] = []
    prev: float | None = None
    rank = 0
    for i, y in enumerate(year, start=1):
        if y.total != prev:
            rank, prev = i, y.total
        out.append(YearRow(y.agent, y.name, y.group, y.months, y.total, rank))
    return out


__all__ = [
    "AUTO_FIXED", "FLAG_FEW_CALLS", "FLAG_INCOMPLETE", "FLAG_PRAISE", "FLAG_RETRAIN",
    "FLAG_UNKNOWN_ITEM",
    "AgentInput", "AssessmentPolicy", "AssessmentPolicyError", "Entry", "Item",
    "Part", "PartResult", "SheetRow", "Step", "YearRow", "compute_sheet", "default_policy",
    "exact", "parse_policy", "parse_toml", "r2", "rank_rows", "shipped_text", "yearly",
]
