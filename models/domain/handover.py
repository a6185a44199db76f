"""The shift handover (交接班): what the outgoing leader leaves open, read off the
floor state. Pure: the console passes the state the feed gave it.

Carried over automatically: alerts nobody acknowledged, urgent tickets (急件) not
closed, complaint and help tickets not reviewed (their R-TICKET-3 alert still
open). An alert about a ticket already listed is not listed twice.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from models.domain.floor import FloorState
from models.domain.types import TicketCategory


@dataclass(frozen=True, slots=True)
class Item:
    kind: str  # "urgent" | "review" | "alert"
    id: str  # ticket id or alert id
    text: str
    since: datetime | None = None

    def to_json(self) -> dict[str, Any]:
        return {"kind": self.kind, "id": self.id, "text": self.text,
                "since": self.since.isoformat() if self.since else None}

    @classmethod
    def from_json(cls, d: dict[str, Any]) -> Item:
        since = d.get("since")
        return cls(str(d["kind"]), str(d["id"]), str(d.get("text", "")),
                   datetime.fromisoformat(since) if since else None)


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
            out.append(Item("urgent", t.id, f"{t.id} {t.title}".strip(), t.created_at))
            listed.add(t.id)
    for a in sorted(state.alerts.values(), key=lambda a: a.raised_at):
        if a.rule == "R-TICKET-3" and a.ticket and a.ticket not in listed:
            tk = state.tickets.get(a.ticket)
            cat = tk.category if tk else None
            if cat in (TicketCategory.COMPLAINT, TicketCategory.HELP) or tk is None:
                out.append(Item("review", a.ticket, f"{a.ticket} {tk.title if tk else ''}".strip(),
                                a.raised_at))
                listed.add(a.ticket)
    for a in sorted(state.alerts.values(), key=lambda a: a.raised_at):
        if a.acknowledged or (a.ticket and a.ticket in listed):
            continue
        out.append(Item("alert", a.id, f"{a.rule} {a.message}".strip(), a.raised_at))
    out.sort(key=lambda i: (_KIND_ORDER[i.kind], i.since or datetime.min.replace(
        tzinfo=state.at.tzinfo if state.at else None)))
    return out
