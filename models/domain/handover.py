"""The shift handover (交接班): what the outgoing leader leaves open, read off the
floor state. Pure: the console passes the state the feed gave it.

Carried over automatically: alerts nobody acknowledged, urgent tickets (急件) not
closed, complaint and help tickets not reviewed (their R-TICKET-3 alert still
open), each ticket with the caller's request (the console is a trusted screen).
An alert about a ticket already listed is not listed twice. With them go the
shift's statistics (issue #12), from the same counters and formulas as the live
view (models.domain.kpi), so the handover and the screen never disagree.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from models.domain import kpi
from models.domain.floor import FLOOR, FloorState
from models.domain.types import TicketCategory


@dataclass(frozen=True, slots=True)
class Item:
    kind: str  # "urgent" | "review" | "alert"
    id: str  # ticket id or alert id
    text: str
    since: datetime | None = None
    #: the caller's request (诉求) of a ticket item
    request: str = ""

    def to_json(self) -> dict[str, Any]:
        out = {"kind": self.kind, "id": self.id, "text": self.text,
               "since": self.since.isoformat() if self.since else None}
        if self.request:
            out["request"] = self.request
        return out

    @classmethod
    def from_json(cls, d: dict[str, Any]) -> Item:
        since = d.get("since")
        return cls(str(d["kind"]), str(d["id"]), str(d.get("text", "")),
                   datetime.fromisoformat(since) if since else None,
                   str(d.get("request") or ""))


@dataclass(frozen=True, slots=True)
class ShiftStats:
    """The shift so far, floor-wide: what the live view's counters say at handover."""

    shift: str
    start: datetime
    end: datetime
    at: datetime  # when they were read
    offered: int
    answered: int
    abandoned: int
    #: fractions 0..1, None when nothing to divide (kpi.service_level / answer_rate)
    service_level: float | None
    answer_rate: float | None
    asa_s: float | None
    sl_threshold_s: float
    peak_waiting: int
    peak_at: datetime | None

    def to_json(self) -> dict[str, Any]:
        def t(v: datetime | None) -> str | None:
            return v.isoformat() if v is not None else None
        return {"shift": self.shift, "start": t(self.start), "end": t(self.end),
                "at": t(self.at), "offered": self.offered, "answered": self.answered,
                "abandoned": self.abandoned, "service_level": self.service_level,
                "answer_rate": self.answer_rate, "asa_s": self.asa_s,
                "sl_threshold_s": self.sl_threshold_s, "peak_waiting": self.peak_waiting,
                "peak_at": t(self.peak_at)}

    @classmethod
    def from_json(cls, d: dict[str, Any]) -> ShiftStats:
        def t(v: Any) -> datetime | None:
            return datetime.fromisoformat(v) if v else None

        def f(v: Any) -> float | None:
            return None if v is None else float(v)
        start, end, at = t(d.get("start")), t(d.get("end")), t(d.get("at"))
        assert start is not None and end is not None and at is not None
        return cls(str(d.get("shift", "")), start, end, at, int(d.get("offered", 0)),
                   int(d.get("answered", 0)), int(d.get("abandoned", 0)),
                   f(d.get("service_level")), f(d.get("answer_rate")), f(d.get("asa_s")),
                   float(d.get("sl_threshold_s", 20.0)), int(d.get("peak_waiting", 0)),
                   t(d.get("peak_at")))


def shift_stats(state: FloorState) -> ShiftStats | None:
    """The running shift's statistics (None before the floor's first event)."""
    period = state.periods.get("shift")
    if period is None or state.at is None:
        return None
    c = state.counts(FLOOR, "shift")
    peak_ok = state.shift_peak_key == period.key
    return ShiftStats(period.name, period.start, period.end, state.at, c.offered, c.answered,
                      c.abandoned, kpi.service_level(c), kpi.answer_rate(c), kpi.asa_s(c),
                      state.policy.sl_threshold_s,
                      state.shift_peak if peak_ok else state.peak_waiting,
                      state.shift_peak_at if peak_ok else None)


@dataclass(frozen=True, slots=True)
class Handover:
    id: int
    day: date
    shift: str
    by: str
    text: str
    items: tuple[Item, ...]
    written_at: datetime
    to: str | None = None
    acknowledged_at: datetime | None = None
    ack_note: str = ""
    version: int = 1
    #: the shift's statistics when it was (last) written; None for older records
    stats: ShiftStats | None = None

    @property
    def acknowledged(self) -> bool:
        return self.acknowledged_at is not None


_KIND_ORDER = {"urgent": 0, "review": 1, "alert": 2}


def open_items(state: FloorState) -> list[Item]:
    """What the next shift must take over, urgent tickets first."""
    out: list[Item] = []
    listed: set[str] = set()
    for t in sorted(state.tickets.values(), key=lambda t: t.created_at):
        if t.urgent and t.completed_at is None:
            out.append(Item("urgent", t.id, f"{t.id} {t.title}".strip(), t.created_at,
                            t.request))
            listed.add(t.id)
    for a in sorted(state.alerts.values(), key=lambda a: a.raised_at):
        if a.rule == "R-TICKET-3" and a.ticket and a.ticket not in listed:
            tk = state.tickets.get(a.ticket)
            cat = tk.category if tk else None
            if cat in (TicketCategory.COMPLAINT, TicketCategory.HELP) or tk is None:
                req = tk.request if tk is not None and tk.request else \
                    str(a.detail.get("request") or "")
                out.append(Item("review", a.ticket, f"{a.ticket} {tk.title if tk else ''}".strip(),
                                a.raised_at, req))
                listed.add(a.ticket)
    for a in sorted(state.alerts.values(), key=lambda a: a.raised_at):
        if a.acknowledged or (a.ticket and a.ticket in listed):
            continue
        out.append(Item("alert", a.id, f"{a.rule} {a.message}".strip(), a.raised_at))
    out.sort(key=lambda i: (_KIND_ORDER[i.kind], i.since or datetime.min.replace(
        tzinfo=state.at.tzinfo if state.at else None)))
    return out
