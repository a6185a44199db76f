"""The ``host_lease`` row and the PostgreSQL advisory lock behind the floor-host
lease (issue #15 step 4: the statements of :mod:`console.lease`, which keeps the
policy — when to take, renew, give up). Every function says what it reads or
writes and in which transaction; none catches a database error: the lease's
callers decide what a failure means.

SQLite: acquire and renew are conditional UPDATEs (or an INSERT) in one
``BEGIN IMMEDIATE`` transaction (:func:`models.db.store.writing`), compared on the
times the caller passes — a compare-and-set on (name, holder) or on an expiry in
the past, so two hosts never both hold the row.

PostgreSQL: a session-level ``pg_try_advisory_lock`` on one dedicated AUTOCOMMIT
connection (never pooled); the row there is only for people.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import URL, Connection, Engine, create_engine, func, insert, select, text, update
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.exc import DBAPIError
from sqlalchemy.pool import NullPool

from models.db import store
from models.db.schema import HostLeaseRow
from models.domain.records import LeaseInfo


def lease_row(engine: Engine, name: str) -> LeaseInfo | None:
    """Read the ``name`` lease row (its own short read connection); None if none."""
    with engine.connect() as conn:
        row = conn.execute(select(HostLeaseRow.holder, HostLeaseRow.acquired_at,
                                  HostLeaseRow.expires_at)
                           .where(HostLeaseRow.name == name)).first()
    if row is None:
        return None
    return LeaseInfo(row.holder, row.acquired_at, row.expires_at)


# ---- SQLite: a row with an expiry ----------------------------------------------------


def _take(conn: Connection, name: str, holder: str, now: datetime, ttl: timedelta) -> bool:
    """Renew the row if ``holder`` has it, else take it if it lapsed before ``now``,
    else create it if there is none; False when someone else holds it."""
    mine = conn.execute(update(HostLeaseRow).where(HostLeaseRow.name == name,
                                                   HostLeaseRow.holder == holder)
                        .values(expires_at=now + ttl)).rowcount
    if mine == 1:
        return True
    lapsed = conn.execute(update(HostLeaseRow).where(HostLeaseRow.name == name,
                                                     HostLeaseRow.expires_at < now)
                          .values(holder=holder, acquired_at=now,
                                  expires_at=now + ttl)).rowcount
    if lapsed == 1:
        return True
    if conn.execute(select(HostLeaseRow.name)
                    .where(HostLeaseRow.name == name)).first() is not None:
        return False
    conn.execute(insert(HostLeaseRow).values(name=name, holder=holder,
                                             acquired_at=now, expires_at=now + ttl))
    return True


def take_row(engine: Engine, name: str, holder: str, now: datetime, ttl: timedelta,
             gone: Callable[[str], bool]) -> bool:
    """Take the ``name`` row for ``holder`` until ``now + ttl``, in one write
    transaction (IMMEDIATE on SQLite): renewed when it is already ours, taken when
    it lapsed or names a holder for which ``gone(holder)`` is True (a dead process
    of this PC; compared-and-set on that holder), created when missing. True when
    ``holder`` has it afterwards."""
    with store.writing(engine).begin() as conn:
        if _take(conn, name, holder, now, ttl):
            return True
        other = conn.execute(select(HostLeaseRow.holder)
                             .where(HostLeaseRow.name == name)).scalar()
        if other is None or not gone(other):
            return False
        return conn.execute(
            update(HostLeaseRow).where(HostLeaseRow.name == name,
                                       HostLeaseRow.holder == other)
            .values(holder=holder, acquired_at=now, expires_at=now + ttl)).rowcount == 1


def extend_row(engine: Engine, name: str, holder: str, expires_at: datetime) -> bool:
    """Set the row's expiry to ``expires_at`` if ``holder`` still has it (even if it
    lapsed meanwhile: nobody else took it), in one write transaction. False when
    the row names someone else (the lease is lost). Releasing is extending to a
    time in the past."""
    with store.writing(engine).begin() as conn:
        return conn.execute(update(HostLeaseRow)
                            .where(HostLeaseRow.name == name, HostLeaseRow.holder == holder)
                            .values(expires_at=expires_at)).rowcount == 1


# ---- PostgreSQL: a session-level advisory lock -----------------------------------------


def lock_engine(url: URL, connect_args: Mapping[str, Any]) -> Engine:
    """An engine of its own for the lock's connection: no pool, so closing the
    connection ends the session, and the lock with it."""
    return create_engine(url, poolclass=NullPool, connect_args=dict(connect_args))


def lock_connection(engine: Engine, settings: Mapping[str, str],
                    on_refused: Callable[[DBAPIError], None]) -> Connection:
    """A new AUTOCOMMIT connection of ``engine`` with the session ``settings`` set
    (``set_config(..., false)``: for the session). A server that refuses the
    settings is told to ``on_refused``; the connection is still returned."""
    conn = engine.connect().execution_options(isolation_level="AUTOCOMMIT")
    try:
        conn.execute(text("SELECT " + ", ".join(
            f"set_config('{k}', '{v}', false)" for k, v in settings.items())))
    except DBAPIError as e:  # pragma: no cover - very old server
        on_refused(e)
    return conn


def drop_connection(conn: Connection) -> None:
    """Close the lock's connection for good (the session ends, the lock with it);
    never raises: it may be broken already."""
    try:
        conn.invalidate()
        conn.close()
    except Exception:  # noqa: BLE001 - already broken
        pass


def try_lock(conn: Connection, key: int) -> bool:
    """``pg_try_advisory_lock(key)`` on ``conn`` (AUTOCOMMIT): True when this
    session holds it now (again, when it already did)."""
    return bool(conn.execute(text("SELECT pg_try_advisory_lock(:k)"), {"k": key}).scalar())


def write_lock_row(conn: Connection, name: str, holder: str, ttl_s: float, *,
                   fresh: bool) -> None:
    """Upsert the lease row on the lock's own session (AUTOCOMMIT), expiring
    ``ttl_s`` after the server's now; ``fresh``: a new tenure (holder and
    acquired_at replaced), else only the expiry is pushed back. A round trip that
    fails says the lock's connection is gone."""
    ins = pg_insert(HostLeaseRow).values(
        name=name, holder=holder, acquired_at=func.now(),
        expires_at=func.now() + timedelta(seconds=ttl_s))
    keep = {"expires_at": ins.excluded.expires_at}
    if fresh:
        keep.update(holder=ins.excluded.holder, acquired_at=ins.excluded.acquired_at)
    conn.execute(ins.on_conflict_do_update(index_elements=["name"], set_=keep))


def unlock(conn: Connection, name: str, holder: str, key: int) -> None:
    """Give the lock up on its session: the row (if still ``holder``'s) expires at
    the server's now, then ``pg_advisory_unlock(key)`` (AUTOCOMMIT, each its own
    statement)."""
    conn.execute(update(HostLeaseRow).where(
        HostLeaseRow.name == name, HostLeaseRow.holder == holder)
        .values(expires_at=func.now()))
    conn.execute(text("SELECT pg_advisory_unlock(:k)"), {"k": key})
