"""Searching and exporting the audit log on behalf of an operator (R-CTRL-1, R-PRIV-2).

The audit log names supervisors, agents and the reasons they gave, so reading it
is a right of its own (:attr:`Right.VIEW_AUDIT`). The right is looked up in the
database on every call, never taken from the caller: a console that was opened
by someone who has since lost the role, or a hand-made call, is refused.

An export takes the data off the floor, so it is audited itself: the rows are
read, the file is written and the ``audit_export`` row is inserted in ONE
transaction, and the file only appears under its name once that row is in. A
refused export is audited too (as a refused sign-in is), then raised.
"""

from __future__ import annotations

import contextlib
import logging
import os
import tempfile
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import Connection, Engine, select

from models.db import audit as auditlog
from models.db.audit import SHANGHAI
from models.db.engine import server_now
from models.db.operators import NotAllowed, get_operator
from models.db.schema import AuditLogRow
from models.db.store import writing
from models.domain.records import AuditEntry
from models.domain.roles import Operator, Right
from models.domain.texts import QT_TRANSLATE_NOOP, message_of, refusal_detail, roles_list

log = logging.getLogger(__name__)

#: the action of the row an export leaves in the audit log
EXPORT_ACTION = "audit_export"


def _text(v: str | None) -> str | None:
    """A blank filter field means "any"."""
    if v is None:
        return None
    v = v.strip()
    return v or None


def _as_utc(v: datetime | None, name: str) -> datetime | None:
    if v is None:
        return None
    if v.tzinfo is None or v.utcoffset() is None:
        # a naive time is ambiguous between the floor's and the PC's zone: refuse it
        raise ValueError(f"AuditFilter.{name} must be timezone-aware, got {v!r}")
    return v.astimezone(UTC)


@dataclass(frozen=True, slots=True)
class AuditFilter:
    """What to find: ``start <= at < end`` (UTC; None = unbounded) and exact matches
    on operator (工号), agent and action (None or blank = any)."""

    start: datetime | None = None
    end: datetime | None = None
    operator: str | None = None
    agent: str | None = None
    action: str | None = None

    def __post_init__(self) -> None:
        object.__setattr__(self, "start", _as_utc(self.start, "start"))
        object.__setattr__(self, "end", _as_utc(self.end, "end"))
        for name in ("operator", "agent", "action"):
            object.__setattr__(self, name, _text(getattr(self, name)))

    def as_detail(self) -> dict[str, Any]:
        """The filter as the export's audit row keeps it (only what was set)."""
        out: dict[str, Any] = {}
        for name in ("start", "end", "operator", "agent", "action"):
            v = getattr(self, name)
            if v is not None:
                out[name] = v
        return out


def _require_view_audit(conn: Connection, by: str) -> Operator:
    """``by`` must be an enabled operator holding VIEW_AUDIT, as the database says now."""
    op = get_operator(conn, by)
    if op is None:
        raise NotAllowed(QT_TRANSLATE_NOOP(
            "Operators", "No permission: “{operator}” is not an operator on record").format(
            operator=by))
    if op.disabled:
        raise NotAllowed(QT_TRANSLATE_NOOP("Operators", "Operator {operator} is disabled")
                         .format(operator=by))
    if not op.may(Right.VIEW_AUDIT):
        raise NotAllowed(QT_TRANSLATE_NOOP(
            "Operators", "No permission: operator {operator} (roles: {roles}) may not {right}")
            .format(operator=by, roles=roles_list(op.roles),
                    right=QT_TRANSLATE_NOOP("Rights", "view the audit log")))
    return op


def _query(conn: Connection, flt: AuditFilter, limit: int | None,
           newest_first: bool) -> list[AuditEntry]:
    return auditlog.query_audit(conn, start=flt.start, end=flt.end, operator=flt.operator,
                                agent=flt.agent, action=flt.action, limit=limit,
                                newest_first=newest_first)


def search(engine: Engine, by: str, flt: AuditFilter,
           limit: int = 1000) -> tuple[list[AuditEntry], bool]:
    """The newest ``limit`` rows matching ``flt``, and whether there were more.

    One row more than asked is read to know "more" without a COUNT over the
    whole range.
    """
    if limit < 1:
        raise ValueError(f"limit must be at least 1, got {limit}")
    with engine.connect() as conn:
        _require_view_audit(conn, by)
        rows = _query(conn, flt, limit + 1, newest_first=True)
    return rows[:limit], len(rows) > limit


def export(engine: Engine, by: str, flt: AuditFilter, path: str | os.PathLike[str],
           tz: ZoneInfo = SHANGHAI, *, now: datetime | None = None,
           workstation: str = "") -> int:
    """Write EVERY row matching ``flt`` (oldest first) to ``path`` as CSV for Excel
    (see :func:`models.db.audit.export_csv`); returns the number of rows.

    The file is written next to ``path`` under a temporary name and renamed into
    place inside the transaction that inserts the ``audit_export`` row: if the row
    cannot be committed the file is removed, so no export leaves the floor
    unrecorded. Raises :class:`~models.db.operators.NotAllowed` (after auditing
    the refusal) when ``by`` may not view the audit log.
    """
    target = Path(path)
    refusal: NotAllowed | None = None
    tmp: Path | None = None
    moved = False
    n = 0
    try:
        with writing(engine).begin() as conn:
            at = now or server_now(conn)
            detail: dict[str, Any] = {"filter": flt.as_detail(), "tz": tz.key,
                                      "file": str(target)}
            try:
                op = _require_view_audit(conn, by)
            except NotAllowed as e:
                refusal = e
                op = None
            if op is None:
                assert refusal is not None
                detail.update(refusal_detail(message_of(refusal) or str(refusal)))
                auditlog.audit(conn, at=at, operator=by, action=EXPORT_ACTION,
                               detail=detail, result=f"refused: {refusal}",
                               workstation=workstation)
            else:
                rows = _query(conn, flt, None, newest_first=False)
                fd, name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp",
                                            dir=target.parent)
                tmp = Path(name)
                with os.fdopen(fd, "wb") as f:
                    n = auditlog.export_csv(rows, f, tz)
                    f.flush()
                    os.fsync(f.fileno())
                detail["rows"] = n
                auditlog.audit(conn, at=at, operator=by, roles=op.roles,
                               action=EXPORT_ACTION, detail=detail, result=f"ok: {n} rows",
                               workstation=workstation)
                os.replace(tmp, target)
                moved = True
    except BaseException:
        # the row did not commit: the file it would have recorded must not stay behind
        with contextlib.suppress(OSError):
            if moved:
                target.unlink()
            elif tmp is not None:
                tmp.unlink()
        raise
    if refusal is not None:
        log.warning("audit export by %s refused: %s", by, refusal)
        raise refusal
    log.info("audit log exported by %s: %d rows to %s", by, n, target)
    return n


def known_actions(engine: Engine) -> list[str]:
    """The actions present in the log, sorted (the choices of the action filter)."""
    with engine.connect() as conn:
        return [str(a) for a in conn.execute(
            select(AuditLogRow.action).distinct().order_by(AuditLogRow.action)).scalars()]
