"""``seatwatch simulate``: fast-forward a simulated floor into the database."""

from __future__ import annotations

import time
from dataclasses import dataclass, replace
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import Engine

from console.adapters import close_out
from models.db import store
from models.domain import kpi
from models.sim.simulator import DEFAULT_PROFILE, SimConfig, Simulator

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
                   sl_threshold_s: float = 20.0) -> SimResult:
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
    first = close_out(state, start, "simulate") + sim.setup_events()
    res = writer.append(first)
    n, rejected = len(res.accepted), len(res.rejected)
    t = start
    while t < end:
        t = min(t + CHUNK, end)
        res = writer.append(sim.advance(t))
        n += len(res.accepted)
        rejected += len(res.rejected)
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
