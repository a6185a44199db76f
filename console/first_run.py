"""The first-run wizard's work (issue #19): make the SQLite floor on this PC, or test
and save the floor's shared PostgreSQL connection — off the GUI thread, answered in
one translated line that says what to do.

Nothing is left half done: a SQLite file whose creation failed is removed; a shared
connection is saved only after it answered as a Seatwatch floor, its password goes
into the OS keyring first, and a keyring that refuses it leaves no profile behind
(:func:`models.db.engine.save_profile`).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QDialog
from sqlalchemy import URL, Engine
from sqlalchemy.exc import DBAPIError

from console.ops import Ops
from models.db import engine as dbengine
from views.first_run import Answer, FirstRunWizard, SharedDb
from views.msg import tr_msg

log = logging.getLogger(__name__)

#: console.app's open_floor(db, create): this module is called by the composition root
#: and may not import it (tests/test_layers.py)
OpenFloor = Callable[[str | None, bool], Engine]
#: console.app's describe_failure(db, e): its .reason is the start-up window's line
Describe = Callable[[str | None, BaseException], Any]


def shared_url(v: SharedDb, *, with_password: bool) -> URL:
    return URL.create(
        "postgresql+psycopg",
        username=v.user or None,
        password=(v.password or None) if with_password else None,
        host=v.host,
        port=v.port,
        database=v.database,
    )


def _advice(kind: str) -> str:
    """What to do, after the reason the start-up window would give."""
    return {
        "refused": QCoreApplication.translate(
            "FirstRun",
            "Check the server and the port (usually 5432), or ask IT whether "
            "the database server is running.",
        ),
        "timeout": QCoreApplication.translate(
            "FirstRun",
            "Check the server name and the network; ask IT whether a firewall blocks the port.",
        ),
        "password": QCoreApplication.translate(
            "FirstRun", "Check the user and the password (IT gives them)."
        ),
        "no_database": QCoreApplication.translate(
            "FirstRun", "Check the database name (IT gives it)."
        ),
        "unknown_host": QCoreApplication.translate(
            "FirstRun", "Check the server name, or type the server's IP address."
        ),
    }.get(kind, QCoreApplication.translate("FirstRun", "Check what you typed, or ask IT."))


def failure_line(e: BaseException, describe: Describe) -> str:
    """One line for the wizard: what is wrong (the start-up window's reason) and what
    to do about it."""
    if isinstance(e, dbengine.KeyringUnavailable):
        return QCoreApplication.translate(
            "FirstRun",
            "The password cannot be kept in the Windows credential store: ask IT to "
            "check the credential store of this PC, then click Finish again. "
            "Nothing was saved.",
        )
    if isinstance(e, dbengine.SchemaMismatch):
        if e.found is None:
            return QCoreApplication.translate(
                "FirstRun",
                "This database holds no Seatwatch floor yet: ask IT to run seatwatch "
                "db upgrade on it (see the README), then test again.",
            )
        if e.found and not dbengine.knows_revision(e.found):
            return QCoreApplication.translate(
                "FirstRun",
                "The database was set up by a newer Seatwatch (schema {found}; this "
                "program knows {needed}): install the Seatwatch version the floor's "
                "other PCs use.",
            ).format(found=e.found, needed=e.needed)
        return QCoreApplication.translate(
            "FirstRun",
            "The database is at an older schema ({found}; this program needs "
            "{needed}): ask IT to run seatwatch db upgrade (after a backup).",
        ).format(found=e.found, needed=e.needed)
    if isinstance(e, dbengine.DbError):
        return (tr_msg(e).splitlines() or [""])[0]
    reason = describe(None, e).reason
    kind = "other"
    if isinstance(e, DBAPIError):
        kind = dbengine.driver_kind(str(e.orig) if e.orig is not None else str(e))
    return QCoreApplication.translate("FirstRun", "{reason}. {what}").format(
        reason=reason, what=_advice(kind)
    )


def _connect(v: SharedDb) -> Engine:
    """An engine on the typed connection that has passed the schema gate (PostgreSQL is
    never migrated here: that is IT's ``seatwatch db upgrade``)."""
    eng = dbengine.make_engine(shared_url(v, with_password=True))
    try:
        dbengine.ensure_schema(eng, migrate_sqlite=False)
    except BaseException:
        eng.dispose()
        raise
    return eng


class FirstRun:
    """The wizard's three requests; ``engine`` is the floor once one succeeded."""

    def __init__(self, ops: Ops, open_floor: OpenFloor, describe: Describe) -> None:
        self.ops = ops
        self.open_floor = open_floor
        self.describe = describe
        self.engine: Engine | None = None

    @staticmethod
    def local_path() -> Path:
        path = dbengine.sqlite_file(dbengine.default_url())
        assert path is not None
        return path

    def _answer(self, answer: Answer, what: str) -> Callable[[Exception], None]:
        def failed(e: Exception) -> None:
            log.warning("first run: %s failed: %s", what, (str(e).splitlines() or [""])[0])
            answer(failure_line(e, self.describe))

        return failed

    def create_local(self, answer: Answer) -> None:
        path = self.local_path()

        def work() -> Engine:
            existed = path.exists()
            try:
                return self.open_floor(f"sqlite:///{path}", True)
            except BaseException:
                if not existed:  # no empty or half-migrated floor file left behind
                    for leftover in (path, Path(f"{path}-wal"), Path(f"{path}-shm")):
                        leftover.unlink(missing_ok=True)
                raise

        self.ops.run(
            work,
            lambda eng: self._got(eng, answer),
            self._answer(answer, "creating the local floor"),
        )

    def test_shared(self, values: SharedDb, answer: Answer) -> None:
        self.ops.run(
            lambda: _connect(values).dispose(),
            lambda _r: answer(None),
            self._answer(answer, "testing the shared connection"),
        )

    def save_shared(self, values: SharedDb, answer: Answer) -> None:
        """Test again, then save: profile (no password), password in the keyring, and
        the profile as this PC's default connection."""
        try:
            dbengine.check_profile_name(values.name)
        except dbengine.DbError as e:
            answer((tr_msg(e).splitlines() or [""])[0])
            return

        def work() -> Engine:
            eng = _connect(values)
            try:
                dbengine.save_profile(
                    values.name,
                    shared_url(values, with_password=False).render_as_string(hide_password=False),
                    password=values.password or None,
                    make_default=True,
                )
            except BaseException:
                eng.dispose()
                raise
            log.info(
                "first run: saved the connection %r (%s) as this PC's default",
                values.name,
                values.shown(),
            )
            return eng

        self.ops.run(
            work,
            lambda eng: self._got(eng, answer),
            self._answer(answer, "saving the shared connection"),
        )

    def _got(self, eng: Engine, answer: Answer) -> None:
        if self.engine is not None:
            self.engine.dispose()
        self.engine = eng
        answer(None)


def make_wizard(flow: FirstRun) -> FirstRunWizard:
    return FirstRunWizard(
        str(flow.local_path()), flow.create_local, flow.test_shared, flow.save_shared
    )


def run_first_run(ops: Ops, open_floor: OpenFloor, describe: Describe) -> Engine | None:
    """The wizard, waited for: the floor's engine, or None when the person cancelled
    (then nothing was written)."""
    flow = FirstRun(ops, open_floor, describe)
    wizard = make_wizard(flow)
    try:
        if wizard.exec() != QDialog.DialogCode.Accepted:
            if flow.engine is not None:  # pragma: no cover - accepted is the only way in
                flow.engine.dispose()
            return None
        return flow.engine
    finally:
        wizard.deleteLater()
