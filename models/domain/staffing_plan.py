"""The staffing page's and the staffing plan's values (issue #17 "Staffing"; DOMAIN §7
schedule fit 排班契合度): frozen, pure, shared by the database reads
(``models/db/staffing_db.py``), the workbook (``models/reports/staffing_xlsx.py``)
and the director's staffing page.

Schedule fit of a past range, one figure::

    fit = 1 − Σ |rostered − to_roster| ÷ Σ to_roster      (over the range's 15-minute slots)

1 when the roster matches the need in every slot; short and surplus agents both count
against it (an agent too many at 03:00 does not make up for one missing at 09:00);
floored at 0; none when the range needed nobody.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime

#: how a slot's numbers were made, besides the forecast's bases
BASIS_ACTUAL = "actual"  # counted by the rollups (a past slot)
BASIS_NOT_BUILT = "not_built"  # a past slot the rollups have not been built for

MODEL_ERLANG_C = "erlang_c"
MODEL_ERLANG_A = "erlang_a"


@dataclass(frozen=True, slots=True)
class SlotPlan:
    """One 15-minute slot: its need against the roster (and, past, the floor)."""

    start: datetime  # the slot's start, floor time (naive)
    calls: float | None  # calls to agents: forecast, or counted (past); None: unknown
    aht_s: float | None
    required: int | None  # agents on the phones (Erlang C / A)
    to_roster: int | None  # required ÷ (1 − shrinkage), rounded up
    rostered: int  # the roster's agents on shift at the slot's start
    staffed: float | None  # past: logged-in agent time ÷ 15 min; None in the future
    basis: str  # models.domain.staffing.BASIS_* or BASIS_ACTUAL / BASIS_NOT_BUILT
    samples: int = 0  # past days averaged (a forecast)

    @property
    def gap(self) -> int | None:
        """rostered − to_roster: under zero, the roster is short by that many."""
        return None if self.to_roster is None else self.rostered - self.to_roster


@dataclass(frozen=True, slots=True)
class Assumptions:
    """What the numbers were made with (the page and the workbook say it)."""

    model: str  # MODEL_ERLANG_C | MODEL_ERLANG_A
    sl_target: float
    t_s: float
    patience_s: float | None
    shrinkage: float
    weeks: int
    queue: str | None
    group: str | None
    timezone: str


@dataclass(frozen=True, slots=True)
class StaffingPlan:
    first: date
    last: date
    slots: tuple[SlotPlan, ...]
    assumptions: Assumptions
    #: roster rows whose shift the policy does not define (not counted), by name
    unknown_shifts: tuple[str, ...] = ()

    def short_slots(self) -> list[SlotPlan]:
        return [s for s in self.slots if s.gap is not None and s.gap < 0]

    def unrostered_days(self) -> list[date]:
        """The days that need agents but on which nobody at all is rostered: a roster
        not made yet, whose slots all count as short (R-REPORT-1: next month's roster
        is due by the 25th). A day with no need and nobody rostered is not one."""
        rostered: dict[date, bool] = {}
        needed: dict[date, bool] = {}
        for s in self.slots:
            d = s.start.date()
            rostered[d] = rostered.get(d, False) or s.rostered > 0
            needed[d] = needed.get(d, False) or bool(s.to_roster)
        return [d for d in sorted(rostered) if needed[d] and not rostered[d]]

    def worst(self) -> SlotPlan | None:
        """The slot with the lowest gap (the first of them), None when none is known."""
        known = [s for s in self.slots if s.gap is not None]
        return min(known, key=lambda s: (s.gap, s.start)) if known else None


@dataclass(frozen=True, slots=True)
class StaffingView:
    """The staffing page for one filter: the gap ahead and the fit behind."""

    today: date
    ahead: StaffingPlan  # the filter's range from today on, else the next 7 days
    past: StaffingPlan | None  # the filter's range before today, if any
    fit: float | None  # schedule fit of ``past``


def schedule_fit(slots: Iterable[SlotPlan]) -> float | None:
    """排班契合度 (DOMAIN §7): 1 − Σ|rostered − to_roster| ÷ Σ to_roster over the slots
    whose need is known; floored at 0; None when they needed nobody."""
    need = miss = 0
    for s in slots:
        if s.to_roster is None:
            continue
        need += s.to_roster
        miss += abs(s.rostered - s.to_roster)
    if need == 0:
        return None
    return max(0.0, 1.0 - miss / need)


__all__ = ["BASIS_ACTUAL", "BASIS_NOT_BUILT", "MODEL_ERLANG_A", "MODEL_ERLANG_C",
           "Assumptions", "SlotPlan", "StaffingPlan", "StaffingView", "schedule_fit"]
