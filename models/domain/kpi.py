"""KPI maths (DOMAIN §7): one set of counters and formulas for live and history.

The live reducer adds to :class:`KpiCounts` as each outcome becomes known
(``add_offered`` at queueing, ``add_answer`` at answer, …); the history queries
fold finished :class:`CallRecord` rows through :func:`add_record`, which calls the
very same functions. Ratios come from the counters only, so a period computed
live and the same period computed from history agree by construction.
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from datetime import datetime

from models.domain.evolve import evolve
from models.domain.types import Call, CallRecord


@dataclass(frozen=True, slots=True)
class KpiCounts:
    offered: int = 0  # every call that arrived, IVR-only included
    ivr_only: int = 0  # finished in the IVR, never waited
    answered: int = 0
    answered_in_sl: int = 0  # answered within the service-level threshold T
    abandoned: int = 0
    abandoned_short: int = 0  # abandons the policy leaves out of the SL denominator
    wait_answered_s: float = 0.0  # summed wait of answered calls (ASA)
    answered_waited: int = 0  # answered calls that had to wait at all (P(wait))
    handled: int = 0  # answered calls that have ended
    talk_s: float = 0.0  # talk including hold, over handled calls
    hold_s: float = 0.0
    acw_s: float = 0.0
    busy_s: float = 0.0  # agent time talking / on hold / in after-call work
    ready_s: float = 0.0  # agent time ready (idle)


def add_offered(c: KpiCounts) -> KpiCounts:
    return evolve(c, offered=c.offered + 1)


def add_ivr_only(c: KpiCounts) -> KpiCounts:
    return evolve(c, ivr_only=c.ivr_only + 1)


def add_answer(c: KpiCounts, wait_s: float, sl_threshold_s: float) -> KpiCounts:
    return evolve(c, answered=c.answered + 1,
                   answered_in_sl=c.answered_in_sl + (1 if wait_s <= sl_threshold_s else 0),
                   wait_answered_s=c.wait_answered_s + wait_s,
                   answered_waited=c.answered_waited + (1 if wait_s > 0 else 0))


def add_abandon(c: KpiCounts, wait_s: float, exclude_under_s: float) -> KpiCounts:
    short = 1 if wait_s < exclude_under_s else 0
    return evolve(c, abandoned=c.abandoned + 1, abandoned_short=c.abandoned_short + short)


def add_handled(c: KpiCounts, talk_s: float, hold_s: float) -> KpiCounts:
    return evolve(c, handled=c.handled + 1, talk_s=c.talk_s + talk_s, hold_s=c.hold_s + hold_s)


def add_acw(c: KpiCounts, acw_s: float) -> KpiCounts:
    return evolve(c, acw_s=c.acw_s + acw_s)


def add_agent_time(c: KpiCounts, busy_s: float, ready_s: float) -> KpiCounts:
    return evolve(c, busy_s=c.busy_s + busy_s, ready_s=c.ready_s + ready_s)


def add_record(c: KpiCounts, r: CallRecord, sl_threshold_s: float,
               exclude_under_s: float) -> KpiCounts:
    """Fold one finished call exactly as the live reducer did, step by step."""
    c = add_offered(c)
    if r.outcome == "ivr_only":
        return add_ivr_only(c)
    if r.outcome == "abandoned":
        return add_abandon(c, r.wait_s, exclude_under_s)
    c = add_answer(c, r.wait_s, sl_threshold_s)
    if r.ended_at is not None:
        c = add_handled(c, r.talk_s, r.hold_s)
    return add_acw(c, r.acw_s) if r.acw_s else c


def merge(a: KpiCounts, b: KpiCounts) -> KpiCounts:
    """Counters of two periods or scopes added together."""
    names = [f.name for f in fields(KpiCounts)]
    return KpiCounts(**{n: getattr(a, n) + getattr(b, n) for n in names})


# ---- formulas (fractions 0..1; None when there is nothing to divide) ---------


def service_level(c: KpiCounts) -> float | None:
    """Answered within T ÷ calls that reached the queue (answered + abandoned,
    IVR-only excluded, short abandons excluded when the policy says so)."""
    denom = c.answered + c.abandoned - c.abandoned_short
    return c.answered_in_sl / denom if denom > 0 else None


def answer_rate(c: KpiCounts) -> float | None:
    """R-KPI-1 接通率 = (IVR-only + answered) ÷ all calls offered."""
    return (c.ivr_only + c.answered) / c.offered if c.offered else None


def asa_s(c: KpiCounts) -> float | None:
    return c.wait_answered_s / c.answered if c.answered else None


def abandon_rate(c: KpiCounts) -> float | None:
    denom = c.answered + c.abandoned
    return c.abandoned / denom if denom else None


def p_wait(c: KpiCounts) -> float | None:
    """Share of calls reaching the queue that had to wait (Erlang C's C(N, A))."""
    denom = c.answered + c.abandoned
    return (c.answered_waited + c.abandoned) / denom if denom else None


def aht_s(c: KpiCounts) -> float | None:
    """Average handle time = (talk + hold + after-call) over handled calls.

    ``talk_s`` already includes hold (hold counts as talk time, DOMAIN §1), so
    the sum is talk + after-call.
    """
    return (c.talk_s + c.acw_s) / c.handled if c.handled else None


def occupancy(c: KpiCounts) -> float | None:
    denom = c.busy_s + c.ready_s
    return c.busy_s / denom if denom > 0 else None


def as_dict(c: KpiCounts, sl_threshold_s: float) -> dict[str, float | int | None]:
    return {
        "offered": c.offered,
        "answered": c.answered,
        "abandoned": c.abandoned,
        "ivr_only": c.ivr_only,
        "service_level": service_level(c),
        "sl_threshold_s": sl_threshold_s,
        "answer_rate": answer_rate(c),
        "asa_s": asa_s(c),
        "p_wait": p_wait(c),
        "abandon_rate": abandon_rate(c),
        "aht_s": aht_s(c),
        "occupancy": occupancy(c),
    }


def finish_call(call: Call, at: datetime, outcome: str) -> CallRecord:
    """The history row for a call that ends at ``at`` (answered calls) or leaves
    the queue at ``at`` (abandoned)."""
    answered = call.answered_at
    wait_end = answered if answered is not None else at
    hold = call.hold_s + ((at - call.hold_since).total_seconds() if call.hold_since else 0.0)
    return CallRecord(
        call=call.id, queue=call.queue, outcome=outcome, queued_at=call.queued_at,
        caller=call.caller, agent=call.agent if outcome == "answered" else None,
        answered_at=answered, ended_at=at if outcome == "answered" else None,
        wait_s=(wait_end - call.queued_at).total_seconds() if outcome != "ivr_only" else 0.0,
        talk_s=(at - answered).total_seconds() if answered is not None else 0.0,
        hold_s=hold, holds=call.holds, intercepted_by=call.intercepted_by,
    )
