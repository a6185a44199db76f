"""What many test files need and used to copy (issue #15, step 5): a clock that stands
where a test puts it, a wait on a condition, a stand-in floor host that only beats,
and an engine with the operators and the floor a test starts from.

The plain engine fixture ``eng`` (a migrated, empty floor on each engine) is in
tests/conftest.py; a file that needs a seeded floor overrides it with these."""

from __future__ import annotations

import os
import socket
import threading
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from typing import Any, TypeVar

import sqlalchemy as sa

from models.db import engine as dbengine
from models.db import operators as opsdb
from models.db import store
from models.domain.types import FloorEvent

T = TypeVar("T")


class Clock:
    """A clock that stands at ``t`` until a test moves it: pass it where the code
    takes a ``now()`` callable (``clock``) or a clock object (``clock.now``)."""

    def __init__(self, t: datetime) -> None:
        self.t = t

    def __call__(self) -> datetime:
        return self.t

    def now(self) -> datetime:
        return self.t

    def advance(self, **delta: float) -> datetime:
        """Move on by ``timedelta(**delta)``; the new time."""
        self.t += timedelta(**delta)
        return self.t


def wait_until(pred: Callable[[], T], what: str, timeout: float = 10.0) -> T:
    """Poll ``pred`` every 50 ms until it is true; its value. ``what`` names the
    awaited thing in the failure."""
    end = time.monotonic() + timeout
    while True:
        got = pred()
        if got:
            return got
        if time.monotonic() > end:
            raise AssertionError(f"timed out after {timeout:g} s waiting for {what}")
        time.sleep(0.05)


class Beater:
    """A stand-in floor host that only beats (the real host is tested elsewhere):
    ``paused`` holds the beats back, ``stop`` ends the thread. ``survive_db_errors``:
    a beat the database refuses drops the engine's connections and the next beat
    tries again (a host that keeps beating whenever it can); else the thread ends."""

    def __init__(self, eng: sa.Engine, *, every: float = 0.3,
                 survive_db_errors: bool = False) -> None:
        self.eng = eng
        self.every = every
        self.survive_db_errors = survive_db_errors
        self.stop = threading.Event()
        self.paused = threading.Event()
        self.t = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        started = datetime.now(UTC)
        while not self.stop.is_set():
            if not self.paused.is_set():
                try:
                    store.beat(self.eng, "test-host", socket.gethostname(), os.getpid(),
                               started)
                except sa.exc.DBAPIError:
                    if not self.survive_db_errors:
                        raise
                    self.eng.dispose()
            self.stop.wait(self.every)

    def start(self) -> Beater:
        self.t.start()
        return self

    def __enter__(self) -> Beater:
        return self.start()

    def __exit__(self, *a: Any) -> None:
        self.stop.set()
        self.t.join(5)


# ---- engines seeded with operators and a floor -------------------------------------------


def seed_operators(e: sa.Engine, operators: Sequence[tuple[str, str, Iterable[str]]], *,
                   now: datetime, by: str = "test") -> None:
    """Create operators ``(id, name, roles)`` with the password ``secret-pw``: the
    first (the administrator) by ``by``, the others by the first."""
    with store.writing(e).begin() as conn:
        first = operators[0][0]
        for i, (oid, name, roles) in enumerate(operators):
            opsdb.create_operator(conn, oid, name, "secret-pw", set(roles),
                                  by=by if i == 0 else first, now=now)


def seed_floor(e: sa.Engine, at: datetime, *, groups: Sequence[dict[str, Any]] = (),
               queues: Sequence[dict[str, Any]] = (),
               agents: Sequence[dict[str, Any]] = (), source: str = "test") -> None:
    """Append one ``floor_setup`` event at ``at``."""
    store.FloorWriter(e, source=source).append([FloorEvent("floor_setup", at, {
        "groups": list(groups), "queues": list(queues), "agents": list(agents)})])


@contextmanager
def floor_engine(url: str) -> Iterator[sa.Engine]:
    """An engine on ``url``, disposed when the block ends."""
    e = dbengine.make_engine(url)
    try:
        yield e
    finally:
        e.dispose()


def doc_paths(doc: Any, path: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """Every path into a parsed document (dict keys, list indexes), itself first: the
    fuzz tests of the TOML parsers pick one to break."""
    out = [path]
    if isinstance(doc, dict):
        for k, v in doc.items():
            out += doc_paths(v, (*path, k))
    elif isinstance(doc, list):
        for i, v in enumerate(doc):
            out += doc_paths(v, (*path, i))
    return out


def logged_text() -> str:
    """Everything the programs logged in the test's data folder: each process writes
    its own ``logs/<program>-<pid>.log`` (issue #19)."""
    logs = dbengine.data_dir() / "logs"
    return "".join(p.read_text(encoding="utf-8") for p in sorted(logs.glob("*.log*")))
