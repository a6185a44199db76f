"""The telephony mapping in the database (issue #14): applied and versioned like the policy.

``seatwatch telephony apply`` validates a mapping file and stores it as the next
version, with its diff and an audit row, in one transaction: an invalid file
writes nothing. The floor host (``service --source ami``) reads the last version
that still validates: a stored document a newer rule no longer accepts is
skipped with a log line, and the one before it stays in force, so a floor never
loses its connection to the switch over a mapping it cannot read.

Least privilege (models/db/roles.py): the host and the consoles may only read
the table; the administrator's CLI (IT, as the tables' owner) writes it.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Connection, Engine, func, insert, select, text

from models.db.audit import audit
from models.db.schema import TelephonyMappingRow, utc
from models.db.store import FloorWriter, writing
from models.telephony.mapping import MappingError, TelephonyMapping, diff, parse_toml

log = logging.getLogger(__name__)

#: the audit log's action for an applied mapping
AUDIT_ACTION = "telephony_mapping_applied"
#: the diff lines an audit row keeps (the version row keeps them all)
AUDIT_DIFF_LINES = 50


@dataclass(frozen=True)
class Applied:
    version: int
    diff: list[str]


@dataclass(frozen=True)
class StoredMapping:
    """An applied version that validates, as ``telephony show`` prints it."""

    version: int
    applied_at: datetime
    applied_by: str
    toml: str
    mapping: TelephonyMapping


def apply_mapping(engine_or_writer: Engine | FloorWriter, toml_text: str, who: str,
                  source: str, now: datetime | None = None, *,
                  workstation: str = "") -> Applied:
    """Validate ``toml_text`` and store it as the next version, audited.

    Raises :class:`models.telephony.mapping.MappingError` before anything is
    written. The version number is taken inside the transaction (the table is
    locked on PostgreSQL; SQLite's IMMEDIATE transaction has one writer), so two
    administrators applying at once get two versions, never one overwritten.
    """
    new = parse_toml(toml_text, source)
    eng = engine_or_writer.engine if isinstance(engine_or_writer, FloorWriter) \
        else writing(engine_or_writer)
    at = now or datetime.now(UTC)
    with eng.begin() as conn:
        if conn.dialect.name == "postgresql":
            conn.execute(text("LOCK TABLE telephony_mapping IN SHARE ROW EXCLUSIVE MODE"))
        top = conn.execute(select(func.max(TelephonyMappingRow.version))).scalar() or 0
        current = stored_mapping(conn)
        changes = diff(current.mapping if current else None, new)
        version = int(top) + 1
        conn.execute(insert(TelephonyMappingRow).values(
            version=version, applied_at=at, applied_by=who[:80], toml=toml_text,
            document=new.to_dict(), diff="\n".join(changes)))
        audit(conn, at=at, operator=who, action=AUDIT_ACTION, result="ok",
              target=f"version {version}",
              detail={"version": version, "source": source,
                      "previous": current.version if current else None,
                      "changes": len(changes), "diff": changes[:AUDIT_DIFF_LINES]},
              workstation=workstation)
    log.info("telephony mapping version %d applied by %s from %s (%d change(s))",
             version, who, source, len(changes))
    return Applied(version, changes)


def stored_mapping(conn: Connection) -> StoredMapping | None:
    """The newest applied version that still validates, or None (none applied)."""
    t = TelephonyMappingRow
    rows = conn.execute(select(t.version, t.applied_at, t.applied_by, t.toml, t.document)
                        .order_by(t.version.desc()))
    for row in rows:
        try:
            m = TelephonyMapping.from_dict(row.document,
                                           f"telephony_mapping version {row.version}")
        except MappingError as e:
            log.warning("telephony mapping version %d no longer validates, the previous "
                        "one stays in force: %s", row.version, e)
            continue
        return StoredMapping(row.version, utc(row.applied_at) or row.applied_at,
                             row.applied_by, row.toml, m)
    return None


def current_mapping(conn: Connection) -> tuple[int, TelephonyMapping] | None:
    """``(version, mapping)`` in force: the last good one applied, or None."""
    s = stored_mapping(conn)
    return None if s is None else (s.version, s.mapping)


def history(conn: Connection) -> list[dict[str, Any]]:
    """Every applied version, newest first: who, when and what changed."""
    rows = conn.execute(select(TelephonyMappingRow.version, TelephonyMappingRow.applied_at,
                               TelephonyMappingRow.applied_by, TelephonyMappingRow.diff)
                        .order_by(TelephonyMappingRow.version.desc())).all()
    return [{"version": r.version, "applied_at": utc(r.applied_at),
             "applied_by": r.applied_by, "diff": r.diff} for r in rows]
