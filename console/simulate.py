"""``seatwatch simulate``: fast-forward a simulated floor into the database."""

from __future__ import annotations

import time
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime, timedelta
from typing import Any

from sqlalchemy import Engine

from console.adapters import close_out
from models.db import shiftops, store
from models.domain import kpi
from models.domain.policy import Policy
from models.domain.shiftimport import RosterEntry
from models.domain.types import FloorEvent
from models.sim.simulator import DEFAULT_PROFILE, SimConfig, Simulator, works_on

CHUNK = timedelta(minutes=15)  # simulated time folded per database transaction


class SimulateError(ValueError):
    pass


@dataclass(frozen=True)
class SimResult:
    kpis: dict[str, Any]
    events: int
    rejected: int
    wall_s: float
    start: datetime
    end: datetime

    @property
    def speedup(self) -> float:
        return (self.end - self.start).total_seconds() / max(self.wall_s, 1e-9)


def run_simulation(engine: Engine, *, agents: int, hours: float, seed: int,
                   start: datetime | None = None, arrivals_per_hour: float | None = None,
                   profile: tuple[float, ...] | None = None, aht_s: float = 240.0,
                   talk_dist: str = "lognormal", acw_s: float = 30.0,
                   patience_s: float | None = 90.0, ivr_share: float = 0.15,
                   breaks: bool = True, ringing: bool = True,
                   sl_threshold_s: float = 20.0, roster: bool = False) -> SimResult:
    if agents < 1 or hours <= 0:
        raise SimulateError("--agents must be at least 1 and --hours above 0")
    writer = store.FloorWriter(engine, source="simulate")
    state = writer.current()
    if start is None:
        start = (datetime.now(UTC) - timedelta(hours=hours)).replace(minute=0, second=0,
                                                                     microsecond=0)
        if state.at is not None and state.at > start:
            start = state.at
    elif state.at is not None and start < state.at:
        raise SimulateError(f"the database already holds floor events up to "
                            f"{state.at.isoformat()}; --start after that or use an empty "
                            "database")
    end = start + timedelta(hours=hours)
    # arrivals_per_hour alone means a flat rate; a profile file replaces the default shape
    shape = profile if profile is not None else (None if arrivals_per_hour else DEFAULT_PROFILE)
    cfg = SimConfig(agents=agents, seed=seed, start=start, arrivals_per_hour=arrivals_per_hour,
                    profile=shape, talk_mean_s=aht_s, talk_dist=talk_dist, acw_mean_s=acw_s,
                    patience_mean_s=patience_s, ivr_share=ivr_share, breaks=breaks,
                    ringing=ringing, id_prefix=f"S{seed}-{int(start.timestamp())}-")
    sim = Simulator(cfg)
    t0 = time.perf_counter()
    n = rejected = 0
    setup = sim.setup_events()
    first = close_out(state, start, "simulate") + setup
    res = writer.append(first)
    n, rejected = len(res.accepted), len(res.rejected)
    leader_events = [e for e in setup if e.type == "shift_leader_on_duty"]
    t = start
    while t < end:
        t = min(t + CHUNK, end)
        batch = sim.advance(t)
        leader_events += [e for e in batch if e.type == "shift_leader_on_duty"]
        res = writer.append(batch)
        n += len(res.accepted)
        rejected += len(res.rejected)
    if roster:  # the roster the simulated floor worked to, for the register (issue #6)
        pol = writer.current().policy
        first_day = pol.shift_period(start).start.astimezone(pol.tz).date()
        entries = sim_roster(setup, pol, first_day, end.astimezone(pol.tz).date(),
                             leaders_from(leader_events, pol))
        shiftops.import_roster(engine, entries, by="cli:simulate", now=end)
    with writer.engine.begin() as conn:
        store.write_checkpoint(conn, writer.current())
        store.set_meta(conn, "virtual_now", end.isoformat())
    wall = time.perf_counter() - t0
    policy = replace(writer.current().policy, sl_threshold_s=sl_threshold_s)
    with engine.connect() as conn:
        counts = store.period_kpis(conn, start, end, policy)
    out = kpi.as_dict(counts, sl_threshold_s)
    keys = ("offered", "answered", "abandoned", "ivr_only", "service_level", "sl_threshold_s",
            "answer_rate", "asa_s", "p_wait", "aht_s", "occupancy")
    return SimResult({k: out[k] for k in keys}, n, rejected, wall, start, end)


def sim_roster(setup: Sequence[FloorEvent], policy: Policy, first: date, last: date,
               leaders: Mapping[tuple[date, str], str] | None = None,
               default_leader: str | None = None, *,
               shift_leaders: Mapping[str, str] | None = None, rest_days: bool = False,
               not_before: datetime | None = None) -> list[RosterEntry]:
    """The roster the simulated floor works to (issue #6): every agent on its shift
    (the ``shift`` the simulator's ``floor_setup`` gives it) on each day from
    ``first`` to ``last`` the shift runs, and a leader per shift — from ``leaders``
    ((day, shift) → id, as the simulator put them on duty), ``shift_leaders`` (shift →
    id: each leader keeps one shift) or ``default_leader``.

    The demo's roster (issue #12): with ``rest_days`` an agent is off on the days
    :func:`models.sim.simulator.works_on` says, as the simulated agents are; shifts
    starting before ``not_before`` (when the simulated floor began) are left out, so
    the register never lists a shift nobody could have signed in for."""
    agents: list[tuple[str, str]] = []
    for e in setup:
        if e.type == "floor_setup":
            agents = [(str(a["id"]), str(a.get("shift") or "")) for a in e.data["agents"]]
    out: list[RosterEntry] = []
    d = first
    while d <= last:
        for sd in policy.shifts:
            if not sd.runs_on(d):
                continue
            if not_before is not None and \
                    datetime.combine(d, sd.start, policy.tz) < not_before:
                continue
            on = [a for a, sh in agents if sh == sd.name and (not rest_days or works_on(a, d))]
            out.extend(RosterEntry(d, sd.name, a) for a in on)
            who = (leaders or {}).get((d, sd.name)) or (shift_leaders or {}).get(sd.name) \
                or default_leader
            if who and on:
                out.append(RosterEntry(d, sd.name, who, "leader"))
        d += timedelta(days=1)
    return out


def leaders_from(events: Iterable[FloorEvent], policy: Policy) -> dict[tuple[date, str], str]:
    """(day, shift) → the leader the simulator put on duty as that shift began."""
    out: dict[tuple[date, str], str] = {}
    for e in events:
        if e.type == "shift_leader_on_duty" and e.data.get("on") and e.data.get("shift"):
            p = policy.shift_period(e.at)
            day = p.start.astimezone(policy.tz).date()
            out.setdefault((day, str(e.data["shift"])), str(e.data["agent"]))
    return out
