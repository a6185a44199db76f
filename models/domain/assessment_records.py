"""The monthly assessment's records as the screens and the terminal see them (issue
#18, DOMAIN §8): a register entry, a proposal of the floor, a month's sheet. Pure
frozen dataclasses (models/db/assessment_db.py makes them from its rows), so that
views/ can show them without importing the database layer."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from models.domain.assessment import AssessmentPolicy, SheetRow


@dataclass(frozen=True, slots=True)
class StoredEntry:
    id: int
    agent: str
    day: date
    kind: str
    item: str
    points: float
    note: str
    source: str
    proposal: str | None
    evidence: dict[str, Any]
    created_at: datetime
    created_by: str
    withdrawn: bool = False

    def to_json(self) -> dict[str, Any]:
        return {"id": self.id, "agent": self.agent, "day": self.day.isoformat(),
                "kind": self.kind, "item": self.item, "points": self.points, "note": self.note,
                "source": self.source, "proposal": self.proposal, "evidence": self.evidence,
                "created_at": self.created_at.isoformat(), "created_by": self.created_by,
                "withdrawn": self.withdrawn}


@dataclass(frozen=True, slots=True)
class Proposal:
    """What the floor saw, for a person to confirm as an entry."""

    key: str
    agent: str
    name: str
    day: date
    item: str
    item_name: str
    points: float
    evidence: dict[str, Any] = field(default_factory=dict)
    #: what the floor saw, as the register's note keeps it (迟到 12 分钟)
    note: str = ""

    def to_json(self) -> dict[str, Any]:
        return {"key": self.key, "agent": self.agent, "name": self.name,
                "day": self.day.isoformat(), "item": self.item, "item_name": self.item_name,
                "points": self.points, "note": self.note, "evidence": self.evidence}


@dataclass(frozen=True, slots=True)
class Sheet:
    month: str
    status: str
    policy_version: int
    policy: AssessmentPolicy
    rows: tuple[SheetRow, ...]
    drafted_at: datetime
    drafted_by: str
    confirmed_at: datetime | None
    confirmed_by: str | None
    reason: str
    version: int

    def to_json(self) -> dict[str, Any]:
        return {"month": self.month, "status": self.status,
                "policy": {"version": self.policy_version, "id": self.policy.id,
                           "name": self.policy.name},
                "drafted_at": self.drafted_at.isoformat(), "drafted_by": self.drafted_by,
                "confirmed_at": self.confirmed_at.isoformat() if self.confirmed_at else None,
                "confirmed_by": self.confirmed_by, "reason": self.reason,
                "version": self.version, "rows": [r.to_json() for r in self.rows]}


__all__ = ["Proposal", "Sheet", "StoredEntry"]
