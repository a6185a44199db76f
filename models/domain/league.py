"""What the director's league table and SL heat map show (issue #17): pure values,
built by ``models.db.league_db`` from the rollups and read by the views and the
.xlsx export. Ratios come from :mod:`models.domain.kpi` only.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from models.domain import kpi
from models.domain.kpi import KpiCounts
from models.domain.trends import TrendFilter

#: the weekdays of the heat map's rows, Monday first (``date.weekday()``)
WEEKDAYS = 7
HOURS = 24


@dataclass(frozen=True, slots=True)
class LeagueRow:
    """One agent's figures over the range (seconds; ratios 0..1, None: nothing to
    divide)."""

    agent_id: str
    name: str
    group_id: str | None
    group_name: str
    handled: int
    aht_s: float | None
    occupancy: float | None
    logged_in_s: float
    breaks: int
    breaks_over: int  # R-BREAK-1 breaches (short breaks past the limit)
    alerts: Mapping[str, int] = field(default_factory=dict)  # rule -> count
    rostered_s: float = 0.0
    adherent_s: float = 0.0

    @property
    def alerts_total(self) -> int:
        return sum(self.alerts.values())

    @property
    def adherence(self) -> float | None:
        """Share of rostered time in the expected states; None without a roster."""
        return self.adherent_s / self.rostered_s if self.rostered_s > 0 else None


@dataclass(frozen=True, slots=True)
class League:
    flt: TrendFilter
    rows: tuple[LeagueRow, ...]
    rules: tuple[str, ...]  # every rule that occurred, sorted


@dataclass(frozen=True, slots=True)
class HeatCell:
    weekday: int  # 0 = Monday
    hour: int  # 0..23, floor time
    counts: KpiCounts

    @property
    def service_level(self) -> float | None:
        return kpi.service_level(self.counts)


@dataclass(frozen=True, slots=True)
class HeatMap:
    flt: TrendFilter
    cells: Mapping[tuple[int, int], HeatCell]  # (weekday, hour); absent: no interval
    target: float  # the policy's SL target (bands.service_level.green)
    amber: float  # under this: red
    sl_threshold_s: float

    def cell(self, weekday: int, hour: int) -> HeatCell | None:
        return self.cells.get((weekday, hour))


__all__ = ["HOURS", "WEEKDAYS", "HeatCell", "HeatMap", "League", "LeagueRow"]
