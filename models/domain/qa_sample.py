"""The week's quality-inspection sample (质量监控, issue #18, DOMAIN §8; seed 001:
"根据座席人员在线时间内的任意一个或几个电话录音，随班次抽取电话，进行监听打分 …
保证每周，每位员工被抽到至少三次").

For a week (Monday to Sunday in the floor's time zone) each agent must have at least
:data:`MIN_PER_WEEK` calls scored. :func:`propose` picks the calls still missing
from the agent's answered calls of the week that nobody scored yet:

* **at random, reproducibly**: the generator is seeded by the week and the agent, and
  the calls are put in a fixed order first, so the same week proposes the same calls
  on every PC and every run (a leader can print the list twice);
* **across shifts**: first one call of each shift name the agent worked (白班, 夜班 …
  by ``Policy.shift_period``, the names in random order), then calls of shift
  instances (a day's 白班) not drawn from yet — so three picks from an agent who worked
  days and nights are one night call and two day calls of two different days, not
  three calls of one Tuesday morning, however few the night calls were.

Pure: no database, no Qt.
"""

from __future__ import annotations

import random
import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

__all__ = ["MIN_PER_WEEK", "Candidate", "WeekProposal", "parse_week", "propose",
           "week_bounds", "week_label"]

#: scored calls an agent needs each week (001 质量监控)
MIN_PER_WEEK = 3

_ISO_WEEK = re.compile(r"(\d{4})-?[Ww](\d{1,2})")


@dataclass(frozen=True, slots=True)
class Candidate:
    """An answered call that may be scored: ``shift`` the shift's name ("" outside
    every shift), ``shift_key`` its instance (start and name)."""

    call: str
    agent: str
    answered_at: datetime
    shift: str
    shift_key: str


@dataclass(frozen=True, slots=True)
class WeekProposal:
    """One agent's line of the week: ``scored`` calls already scored this week,
    ``answered`` calls they answered, the calls proposed to reach the minimum."""

    agent: str
    name: str
    group: str | None
    scored: int
    answered: int
    proposed: tuple[Candidate, ...]

    @property
    def missing(self) -> int:
        """Scores still short of the week's minimum (0 when there are enough)."""
        return max(0, MIN_PER_WEEK - self.scored)

    @property
    def short_of_calls(self) -> bool:
        """The agent did not answer enough unscored calls to reach the minimum."""
        return len(self.proposed) < self.missing


def parse_week(s: str) -> date | None:
    """``2026-W50`` (ISO week) or any date in the week (``2026-12-09``) → its Monday;
    None if it is neither."""
    s = s.strip()
    m = _ISO_WEEK.fullmatch(s)
    if m is not None:
        try:
            return date.fromisocalendar(int(m.group(1)), int(m.group(2)), 1)
        except ValueError:
            return None
    try:
        d = date.fromisoformat(s)
    except ValueError:
        return None
    return d - timedelta(days=d.weekday())


def week_label(monday: date) -> str:
    """``2026-W50``: the ISO week the Monday starts."""
    y, w, _ = monday.isocalendar()
    return f"{y}-W{w:02d}"


def week_bounds(monday: date, tz: ZoneInfo) -> tuple[datetime, datetime]:
    """The week's [start, end) as aware datetimes: Monday 00:00 to the next Monday
    00:00, floor time."""
    return (datetime.combine(monday, time(0), tz),
            datetime.combine(monday + timedelta(days=7), time(0), tz))


def propose(monday: date, agent: str, candidates: Iterable[Candidate],
            need: int) -> tuple[Candidate, ...]:
    """``need`` calls of ``candidates`` (the agent's unscored answered calls of the
    week), at random but the same every time for this week and agent, spread over
    the shifts the agent worked (see the module's docstring); fewer when there are
    not that many."""
    pool = sorted(candidates, key=lambda c: (c.answered_at, c.call))
    if need <= 0 or not pool:
        return ()
    rng = random.Random(f"qa-sample:{monday.isoformat()}:{agent}")
    instances: dict[str, list[Candidate]] = {}
    name_of: dict[str, str] = {}
    for c in pool:
        instances.setdefault(c.shift_key, []).append(c)
        name_of[c.shift_key] = c.shift
    picked: list[Candidate] = []
    used: set[str] = set()

    def take(key: str) -> None:
        calls = instances[key]
        picked.append(calls.pop(rng.randrange(len(calls))))
        used.add(key)
        if not calls:
            del instances[key]

    # first one call of each shift name worked (白班, 夜班 …), the names in random order
    names = sorted(set(name_of.values()))
    rng.shuffle(names)
    for name in names[:need]:
        take(rng.choice(sorted(k for k in instances if name_of[k] == name)))
    # then a shift instance not drawn from yet (another day), while there is one
    while len(picked) < need and instances:
        fresh = sorted(k for k in instances if k not in used)
        take(rng.choice(fresh or sorted(instances)))
    return tuple(sorted(picked, key=lambda c: (c.answered_at, c.call)))

