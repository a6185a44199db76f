"""Applying a floor policy: versioned in the database, delivered through the feed."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Connection, func, insert, select

from models.db.schema import PolicyVersionRow, utc
from models.db.store import FloorWriter
from models.domain import policy as pol
from models.domain.floor import FloorState
from models.domain.types import FloorEvent


@dataclass(frozen=True)
class Applied:
    version: int
    diff: list[str]
    event_id: int | None


def apply_policy(writer: FloorWriter, toml_text: str, who: str, source: str,
                 now: datetime | None = None) -> Applied:
    """Validate, store as the next version, and append ``policy_applied``.

    The version row and the event commit together; an invalid document raises
    :class:`models.domain.policy.PolicyError` before anything is written.
    """
    new = pol.parse_toml(toml_text, source)
    current = writer.current()
    changes = pol.diff(current.policy.to_dict(), new.to_dict())
    version = current.policy_version + 1
    at = now or datetime.now(UTC)
    ev = FloorEvent("policy_applied", at, {"version": version, "policy": new.to_dict(),
                                           "by": who})

    def record(conn: Connection, state: FloorState, accepted: Any) -> None:
        top = conn.execute(select(func.max(PolicyVersionRow.version))).scalar() or 0
        if top >= version:
            raise RuntimeError(f"policy version {top} was applied meanwhile; run the command "
                               "again to apply on top of it")
        conn.execute(insert(PolicyVersionRow).values(
            version=version, applied_at=at, applied_by=who, toml=toml_text,
            document=new.to_dict(), diff="\n".join(changes),
            event_id=accepted[0].id if accepted else None))

    res = writer.append([ev], extra=record, force_checkpoint=True)
    return Applied(version, changes, res.accepted[0].id if res.accepted else None)


def history(conn: Connection) -> list[dict[str, Any]]:
    rows = conn.execute(select(PolicyVersionRow.version, PolicyVersionRow.applied_at,
                               PolicyVersionRow.applied_by, PolicyVersionRow.diff)
                        .order_by(PolicyVersionRow.version.desc())).all()
    return [{"version": r.version, "applied_at": utc(r.applied_at),
             "applied_by": r.applied_by, "diff": r.diff} for r in rows]


def to_toml(doc: dict[str, Any]) -> str:
    """Render a policy document as TOML (tables, arrays of tables, scalars)."""
    out: list[str] = []

    def scalar(v: Any) -> str:
        if isinstance(v, bool):
            return "true" if v else "false"
        if isinstance(v, int | float):
            return repr(v)
        if isinstance(v, list):
            return "[" + ", ".join(scalar(x) for x in v) + "]"
        return '"' + str(v).replace("\\", "\\\\").replace('"', '\\"') + '"'

    def table(prefix: str, tbl: dict[str, Any]) -> None:
        simple = {k: v for k, v in tbl.items() if not isinstance(v, dict)
                  and not (isinstance(v, list) and v and isinstance(v[0], dict))}
        if prefix and (simple or not tbl):  # an empty table still says "none"
            out.append(f"\n[{prefix}]")
        for k, v in simple.items():
            out.append(f"{k} = {scalar(v)}")
        for k, v in tbl.items():
            p = f"{prefix}.{k}" if prefix else k
            if isinstance(v, dict):
                table(p, v)
            elif isinstance(v, list) and v and isinstance(v[0], dict):
                for item in v:
                    out.append(f"\n[[{p}]]")
                    for ik, iv in item.items():
                        out.append(f"{ik} = {scalar(iv)}")

    table("", doc)
    return "\n".join(out).lstrip() + "\n"
