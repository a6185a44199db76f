"""The audit log: writing a row, querying, exporting to CSV for Excel.

Every supervisor control (who, on whom, which action, when, reason, result;
R-CTRL-1), every sign-in, every operator change, floor-setup change and policy
apply is one row. Rows are written in the same transaction as what they record,
so a change and its audit row commit together or not at all. The database
refuses UPDATE and DELETE on the table (migration 0003); with ``seatwatch db
roles`` no runtime role may do more than INSERT and SELECT, and none owns it.

Tamper evidence (issue #13 item 6): each row stores ``row_hash``, the SHA-256 of
its content and of ``prev_hash`` (the previous row's ``row_hash``). Inserts are
serialised (a transaction-scoped advisory lock on PostgreSQL; SQLite has one
writer), so the chain follows the ids. An owner who edits, deletes or inserts a
row breaks the chain at that row; :func:`verify_chain` names the first one.

A monitor/whisper/barge session shows as its start (the control's row, result
``done: …``) and its end: the ``stop`` control, or a ``session_end`` row when
the call ended or was taken over without one; both carry ``session_s``.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import os
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import IO, Any
from zoneinfo import ZoneInfo

from sqlalchemy import Connection, insert, select, text

from models.db.schema import AuditLogRow, OperatorRoleRow, utc
from models.domain.records import AuditEntry
from models.domain.roles import Role, roles_text

SHANGHAI = ZoneInfo("Asia/Shanghai")

#: actions that open a listening session whose length the audit must show
SESSION_ACTIONS = ("monitor", "whisper", "barge")

#: CSV header: Chinese for the people who open it in Excel, English for scripts
CSV_HEADER = ("序号 id", "时间 time", "操作员 operator", "角色 roles", "操作 action",
              "坐席 agent", "对象 target", "详情 detail", "结果 result",
              "工作站 workstation")


def operator_roles(conn: Connection, operator: str) -> frozenset[Role]:
    """The roles ``operator`` holds now (none for an unknown or system actor)."""
    names = conn.execute(select(OperatorRoleRow.role)
                         .where(OperatorRoleRow.operator_id == operator)).scalars().all()
    out = set()
    for n in names:
        try:
            out.add(Role(n))
        except ValueError:  # a role a newer program knows: keep the others
            continue
    return frozenset(out)


def audit(conn: Connection, *, at: datetime, operator: str, action: str, result: str,
          roles: Iterable[Role | str] | None = None, agent: str | None = None,
          target: str | None = None, detail: dict[str, Any] | None = None,
          workstation: str = "") -> int:
    """Append one row in the caller's transaction; returns its id.

    ``roles`` defaults to the roles ``operator`` holds now, so the row keeps what
    they were at the time even if they change later.
    """
    if roles is None:
        roles = operator_roles(conn, operator)
    values: dict[str, Any] = dict(
        at=at, operator=operator[:80], roles=roles_text(roles)[:200], action=action[:40],
        agent=agent, target=None if target is None else target[:100],
        detail=json.loads(json.dumps(_jsonable(detail or {}))), result=result,
        workstation=workstation[:120])
    if conn.dialect.name == "postgresql":  # one chain: inserts take turns until commit
        conn.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": _CHAIN_LOCK})
    prev = conn.execute(select(AuditLogRow.row_hash).order_by(AuditLogRow.id.desc())
                        .limit(1)).scalar()
    values["prev_hash"] = prev
    values["row_hash"] = row_hash(values, prev)
    rid = conn.execute(insert(AuditLogRow).returning(AuditLogRow.id).values(**values)
                       ).scalar_one()
    return int(rid)


#: advisory lock key of the audit chain ("SWAUDIT" in ASCII)
_CHAIN_LOCK = 0x5357415544495400


def row_hash(row: Any, prev: str | None) -> str:
    """SHA-256 of a row's content and the previous row's hash. The id is left out
    (it is assigned after the hash is computed); the chain itself fixes the order."""
    get = row.get if isinstance(row, dict) else lambda k: getattr(row, k)
    when: Any = get("at")
    at = (utc(when) or when).astimezone(UTC).isoformat(timespec="microseconds")
    doc = [at, get("operator"), get("roles"), get("action"), get("agent"), get("target"),
           get("detail") or {}, get("result"), get("workstation"), prev or ""]
    blob = json.dumps(doc, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(blob.encode("utf-8")).hexdigest()


@dataclass(frozen=True, slots=True)
class ChainReport:
    """What :func:`verify_chain` found: ``broken_id`` is the first row that does not
    match (None: the chain is whole); ``unchained`` rows predate migration 0007."""

    checked: int
    unchained: int
    broken_id: int | None = None
    why: str = ""


def verify_chain(conn: Connection, batch: int = 5000) -> ChainReport:
    """Walk the log in id order and recompute every hash."""
    prev: str | None = None
    started = False
    checked = unchained = 0
    last_id = 0
    while True:
        rows = conn.execute(select(AuditLogRow).where(AuditLogRow.id > last_id)
                            .order_by(AuditLogRow.id).limit(batch)).all()
        if not rows:
            return ChainReport(checked, unchained)
        for r in rows:
            last_id = int(r.id)
            if r.row_hash is None and not started:
                unchained += 1
                continue
            if r.row_hash is None:
                return ChainReport(checked, unchained, last_id, "no hash")
            if started and r.prev_hash != prev:
                return ChainReport(checked, unchained, last_id,
                                   "previous row missing or changed")
            if not started and r.prev_hash is not None:
                return ChainReport(checked, unchained, last_id,
                                   "previous row missing or changed")
            if row_hash(r, r.prev_hash) != r.row_hash:
                return ChainReport(checked, unchained, last_id, "row changed")
            started = True
            prev = r.row_hash
            checked += 1


def _jsonable(d: dict[str, Any]) -> dict[str, Any]:
    """Times as ISO text; everything else as JSON allows (sets become sorted lists)."""
    def conv(v: Any) -> Any:
        if isinstance(v, datetime):
            return v.isoformat()
        if isinstance(v, dict):
            return {str(k): conv(x) for k, x in v.items()}
        if isinstance(v, set | frozenset):
            return sorted(conv(x) for x in v)
        if isinstance(v, list | tuple):
            return [conv(x) for x in v]
        return v
    return {str(k): conv(v) for k, v in d.items()}


def query_audit(conn: Connection, *, start: datetime | None = None,
                end: datetime | None = None, operator: str | None = None,
                agent: str | None = None, action: str | Sequence[str] | None = None,
                limit: int | None = 1000, newest_first: bool = True) -> list[AuditEntry]:
    """Rows with ``start <= at < end`` matching every filter given, by id."""
    q = select(AuditLogRow)
    if start is not None:
        q = q.where(AuditLogRow.at >= start)
    if end is not None:
        q = q.where(AuditLogRow.at < end)
    if operator is not None:
        q = q.where(AuditLogRow.operator == operator)
    if agent is not None:
        q = q.where(AuditLogRow.agent == agent)
    if action is not None:
        acts = [action] if isinstance(action, str) else list(action)
        q = q.where(AuditLogRow.action.in_(acts))
    q = q.order_by(AuditLogRow.id.desc() if newest_first else AuditLogRow.id)
    if limit is not None:
        q = q.limit(limit)
    return [_entry(r) for r in conn.execute(q)]


def _entry(r: Any) -> AuditEntry:
    return AuditEntry(id=int(r.id), at=utc(r.at) or r.at, operator=r.operator, roles=r.roles,
                      action=r.action, agent=r.agent, target=r.target,
                      detail=dict(r.detail or {}), result=r.result,
                      workstation=r.workstation)


def session_start(conn: Connection, operator: str, call: str) -> AuditEntry | None:
    """The latest monitor/whisper/barge ``operator`` started on ``call`` and got done."""
    r = conn.execute(select(AuditLogRow).where(
        AuditLogRow.operator == operator, AuditLogRow.target == call,
        AuditLogRow.action.in_(SESSION_ACTIONS), AuditLogRow.result.like("done%"))
        .order_by(AuditLogRow.id.desc()).limit(1)).first()
    return None if r is None else _entry(r)


# ---- CSV export -------------------------------------------------------------------------


_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _cell(v: str) -> str:
    """Text Excel would run as a formula gets a leading apostrophe (CSV injection):
    a reason typed by an operator must never become a live formula."""
    return "'" + v if v.startswith(_FORMULA_START) else v


def csv_row(e: AuditEntry, tz: ZoneInfo = SHANGHAI) -> list[str]:
    detail = json.dumps(e.detail, ensure_ascii=False, sort_keys=True) if e.detail else ""
    return [str(e.id), e.at.astimezone(tz).isoformat(timespec="seconds"),
            *(_cell(x) for x in (e.operator, e.roles, e.action, e.agent or "",
                                 e.target or "", detail, e.result, e.workstation))]


def export_csv(rows: Iterable[AuditEntry], path_or_file: str | os.PathLike[str] | IO[Any],
               tz: ZoneInfo = SHANGHAI) -> int:
    """Write ``rows`` as CSV that Excel opens with the Chinese intact: UTF-8 with a
    BOM, a header row, times in ISO 8601 to the second with the floor's offset
    (Asia/Shanghai unless ``tz`` says otherwise). Returns the count.

    ``path_or_file`` is a path, a text file opened with ``newline=""`` or a binary file.
    """
    if isinstance(path_or_file, str | os.PathLike):
        with open(path_or_file, "w", encoding="utf-8-sig", newline="") as f:
            return _write(rows, f, tz)
    if isinstance(path_or_file, io.TextIOBase) or hasattr(path_or_file, "encoding"):
        path_or_file.write("\ufeff")
        return _write(rows, path_or_file, tz)
    wrapper = io.TextIOWrapper(path_or_file, encoding="utf-8-sig", newline="")
    try:
        return _write(rows, wrapper, tz)
    finally:
        wrapper.flush()
        wrapper.detach()  # the caller's file stays open


def _write(rows: Iterable[AuditEntry], f: IO[str], tz: ZoneInfo) -> int:
    w = csv.writer(f)
    w.writerow(CSV_HEADER)
    n = 0
    for e in rows:
        w.writerow(csv_row(e, tz))
        n += 1
    return n
