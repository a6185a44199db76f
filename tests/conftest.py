"""Test fixtures: real SQLite and a real PostgreSQL server, isolated user folders,
an in-memory keyring.

PostgreSQL is started if it is not running (``pg_ctlcluster``); when it still
cannot be reached the database tests FAIL — never a silent skip — because every
test that touches the shared database runs on both engines.
"""

from __future__ import annotations

import itertools
import os
import shutil
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

import keyring
import psycopg
import pytest
import sqlalchemy as sa
from keyring.backend import KeyringBackend

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

PG_BASE = os.environ.get("SEATWATCH_TEST_PG", "postgresql://postgres@127.0.0.1:5432/postgres")
#: SEATWATCH_TEST_PG=none: SQLite only. Every test that needs a PostgreSQL server (its
#: fixtures, or the "postgresql" case of db_url) is deselected, and the run says how
#: many. For machines with no server to start, e.g. the Windows workflow (issue #19);
#: never the default, so a missing server still fails everywhere else.
PG_NONE = PG_BASE.strip().lower() == "none"
PG_FIXTURES = frozenset({"pg_template", "pg_url", "private_pg", "tls_cluster"})


def _needs_postgres(item: pytest.Item) -> bool:
    if PG_FIXTURES.intersection(getattr(item, "fixturenames", ())):
        return True
    callspec = getattr(item, "callspec", None)
    return callspec is not None and "postgresql" in callspec.params.values()


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    if not PG_NONE:
        return
    keep = [i for i in items if not _needs_postgres(i)]
    dropped = [i for i in items if _needs_postgres(i)]
    if dropped:
        config.hook.pytest_deselected(items=dropped)
        items[:] = keep


def pytest_report_header(config: pytest.Config) -> str | None:
    if PG_NONE:
        return ("SEATWATCH_TEST_PG=none: SQLite only, the tests that need PostgreSQL are "
                "deselected")
    return None


class MemoryKeyring(KeyringBackend):
    """Headless machines have no keyring backend; tests get this one."""

    priority = 1  # type: ignore[assignment]

    def __init__(self) -> None:
        super().__init__()
        self.store: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        return self.store.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.store[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        self.store.pop((service, username), None)


@pytest.fixture(autouse=True)
def memory_keyring() -> Iterator[MemoryKeyring]:
    kr = MemoryKeyring()
    old = keyring.get_keyring()
    keyring.set_keyring(kr)
    yield kr
    keyring.set_keyring(old)


@pytest.fixture(autouse=True)
def user_dirs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Each test gets its own data/config folders (logs, profiles, default SQLite)."""
    home = tmp_path / "home"
    monkeypatch.setenv("XDG_DATA_HOME", str(home / "data"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / "config"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(home / "cache"))
    return home


@pytest.fixture(autouse=True)
def isolated_qsettings(tmp_path: Path) -> Iterator[None]:
    """QSettings of a test live in its own folder (window geometry, language…)."""
    from PySide6.QtCore import QSettings

    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope,
                      str(tmp_path / "qsettings"))
    yield


@pytest.fixture(autouse=True)
def cheap_scrypt(monkeypatch: pytest.MonkeyPatch) -> None:
    """New password hashes cost N = 2^14 in tests (0.05 s, not 0.4 s: hundreds of
    operators are made); the real cost is tested through ``real_scrypt_cost``. A hash
    records its own cost, so both kinds verify (issue #13)."""
    from dataclasses import replace

    from models.db import operators
    from models.domain.signin import SIGN_IN

    monkeypatch.setattr(operators, "SIGN_IN", replace(SIGN_IN, scrypt_n=2**14))


@pytest.fixture
def real_scrypt_cost(cheap_scrypt: None, monkeypatch: pytest.MonkeyPatch) -> None:
    """The product's own scrypt cost, for the tests about it."""
    from models.db import operators
    from models.domain.signin import SIGN_IN

    monkeypatch.setattr(operators, "SIGN_IN", SIGN_IN)


# ---- PostgreSQL ------------------------------------------------------------------------


def _pg_up() -> bool:
    try:
        with psycopg.connect(PG_BASE, connect_timeout=3):
            return True
    except psycopg.Error:
        return False


def ensure_postgres() -> None:
    """Start the local cluster if it is down (CI and fresh machines)."""
    if PG_NONE:  # a test that reaches PostgreSQL without one of PG_FIXTURES
        pytest.skip("SEATWATCH_TEST_PG=none: this test needs PostgreSQL")
    if _pg_up():
        return
    if shutil.which("pg_ctlcluster") and Path("/etc/postgresql").is_dir():
        for ver in sorted(os.listdir("/etc/postgresql")):
            subprocess.run(["pg_ctlcluster", "--skip-systemctl-redirect", ver, "main", "start"],
                           check=False, capture_output=True)
    for _ in range(30):
        if _pg_up():
            return
        time.sleep(0.5)
    pytest.fail(f"PostgreSQL is not reachable at {PG_BASE} and could not be started: the "
                "database tests need a real server (run .ci/run, or set SEATWATCH_TEST_PG)")


def pg_admin() -> psycopg.Connection:
    if PG_NONE:
        pytest.skip("SEATWATCH_TEST_PG=none: this test needs PostgreSQL")
    return psycopg.connect(PG_BASE, autocommit=True)


def sa_url(dbname: str) -> str:
    base = PG_BASE.replace("postgresql://", "postgresql+psycopg://", 1)
    return base.rsplit("/", 1)[0] + "/" + dbname


_counter = itertools.count()


@pytest.fixture(scope="session")
def pg_template() -> Iterator[str]:
    """A database migrated to head, copied for each test (CREATE DATABASE … TEMPLATE)."""
    ensure_postgres()
    from models.db.engine import make_engine, upgrade

    name = f"sw_tmpl_{os.getpid()}"
    with pg_admin() as c:
        c.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        c.execute(f'CREATE DATABASE "{name}"')
    eng = make_engine(sa_url(name))
    upgrade(eng)
    eng.dispose()
    yield name
    with pg_admin() as c:
        c.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture
def pg_url(pg_template: str) -> Iterator[str]:
    name = f"sw_t_{os.getpid()}_{next(_counter)}"
    with pg_admin() as c:
        c.execute(f'CREATE DATABASE "{name}" TEMPLATE "{pg_template}"')
    yield sa_url(name)
    with pg_admin() as c:
        c.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture(scope="session")
def sqlite_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from models.db.engine import make_engine, upgrade

    path = tmp_path_factory.mktemp("tmpl") / "template.db"
    eng = make_engine(f"sqlite:///{path}")
    upgrade(eng)
    with eng.connect() as conn:
        conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    eng.dispose()
    return path


@pytest.fixture
def sqlite_url(sqlite_template: Path, tmp_path: Path) -> str:
    path = tmp_path / "floor.db"
    shutil.copy(sqlite_template, path)
    return f"sqlite:///{path}"


@pytest.fixture(params=["sqlite", "postgresql"])
def db_url(request: pytest.FixtureRequest) -> str:
    """A migrated, empty floor database on each engine."""
    name = "sqlite_url" if request.param == "sqlite" else "pg_url"
    return str(request.getfixturevalue(name))


@pytest.fixture
def eng(db_url: str) -> Iterator[sa.Engine]:
    """An engine on a migrated, empty floor database, on each engine (a file that
    needs operators or a floor overrides it with the seeders in tests/helpers.py)."""
    from tests.helpers import floor_engine

    with floor_engine(db_url) as e:
        yield e


# ---- a private PostgreSQL cluster (issue #13: fault tests kill their own server) ----


def _pg_bin() -> Path | None:
    found = sorted(Path("/usr/lib/postgresql").glob("*/bin/postgres"),
                   key=lambda p: int(p.parent.parent.name) if p.parent.parent.name.isdigit()
                   else 0)
    return found[-1].parent if found else None


def _free_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class PrivatePg:
    """A PostgreSQL cluster of one test: initdb into a temporary folder, a free port
    on 127.0.0.1, trust auth, no fsync (a killed server loses nothing committed:
    synchronous_commit stays on). :meth:`kill` ends it as a crash would
    (SIGQUIT: immediate, no checkpoint) and :meth:`start` brings it back on the same
    port — the shared server on 5432 is never touched. As root, the server runs
    as the ``postgres`` OS user (it refuses to run as root)."""

    def __init__(self, bindir: Path, root: Path) -> None:
        self.bindir = bindir
        self.root = root
        self.data = root / "data"
        self.port = _free_port()
        self.proc: subprocess.Popen[bytes] | None = None
        self.log = root / "postgres.log"
        self._user: str | None = None
        if os.geteuid() == 0:
            import pwd

            self._user = "postgres"
            pw = pwd.getpwnam("postgres")
            os.chown(root, pw.pw_uid, pw.pw_gid)
        self._run([str(bindir / "initdb"), "-D", str(self.data), "-A", "trust", "-U",
                   "postgres", "-E", "UTF8", "--locale=C", "--no-sync"])

    def _run(self, cmd: list[str]) -> None:
        r = subprocess.run(cmd, capture_output=True, text=True, timeout=120,
                           user=self._user, cwd=self.root)
        if r.returncode != 0:
            raise RuntimeError(f"{cmd[0]} failed: {r.stderr.strip()[-500:]}")

    def start(self) -> None:
        assert self.proc is None or self.proc.poll() is not None, "already running"
        with self.log.open("ab") as out:
            self.proc = subprocess.Popen(
                [str(self.bindir / "postgres"), "-D", str(self.data), "-p", str(self.port),
                 "-k", str(self.root), "-c", "listen_addresses=127.0.0.1",
                 "-c", "fsync=off",
                 "-c", "full_page_writes=off", "-c", "max_connections=60"],
                stdout=out, stderr=subprocess.STDOUT, user=self._user, cwd=self.root)
        end = time.monotonic() + 30
        while time.monotonic() < end:
            try:
                with psycopg.connect(self.dsn("postgres"), connect_timeout=2):
                    return
            except psycopg.Error:
                if self.proc.poll() is not None:
                    break
                time.sleep(0.1)
        raise RuntimeError(f"private PostgreSQL did not start: "
                           f"{self.log.read_text(errors='replace')[-500:]}")

    def kill(self) -> None:
        """Stop at once as a crash would (clients see their connections drop)."""
        import signal

        if self.proc is not None and self.proc.poll() is None:
            self.proc.send_signal(signal.SIGQUIT)
            try:
                self.proc.wait(30)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(10)

    def dsn(self, db: str) -> str:
        return f"postgresql://postgres@127.0.0.1:{self.port}/{db}"

    def url(self, db: str) -> str:
        return f"postgresql+psycopg://postgres@127.0.0.1:{self.port}/{db}"

    def create_floor(self, db: str = "floor") -> str:
        """A migrated, empty floor database; its SQLAlchemy URL."""
        from models.db.engine import make_engine, upgrade

        with psycopg.connect(self.dsn("postgres"), autocommit=True) as c:
            c.execute(f'CREATE DATABASE "{db}"')
        eng = make_engine(self.url(db))
        upgrade(eng)
        eng.dispose()
        return self.url(db)


@pytest.fixture
def private_pg() -> Iterator[PrivatePg]:
    """A private PostgreSQL cluster that the test may kill and restart. Missing
    binaries: a failure in CI (CI=true), a one-line skip elsewhere. Its folder is
    not under pytest's (mode 700 for root): the ``postgres`` user must enter it."""
    import tempfile

    bindir = _pg_bin()
    if bindir is None or not (bindir / "initdb").exists():
        msg = "no PostgreSQL server binaries in /usr/lib/postgresql/*/bin"
        if os.environ.get("CI"):
            pytest.fail(f"{msg}: CI must be able to start a private cluster")
        pytest.skip(msg)
    root = Path(tempfile.mkdtemp(prefix="seatwatch-pg-"))
    pg = PrivatePg(bindir, root)
    pg.start()
    try:
        yield pg
    finally:
        pg.kill()
        shutil.rmtree(root, ignore_errors=True)


# ---- a real Asterisk (issue #14) ---------------------------------------------


@pytest.fixture(scope="session")
def asterisk_prefix() -> Path:
    """A built Asterisk ≥ 20 (tests/asterisk_peer.py): skipped with one line when none
    can be had; in this project's CI the source is always there, so it always runs."""
    from tests.asterisk_peer import HOW_TO_GET, find_prefix

    prefix = find_prefix()
    if prefix is None:
        pytest.skip(HOW_TO_GET)
    return prefix


@pytest.fixture
def asterisk_factory(asterisk_prefix: Path, tmp_path: Path) -> Iterator[object]:
    """Start one or more private Asterisks (a fresh configuration and a free port each);
    each is stopped by its pid at the end of the test."""
    from tests.asterisk_peer import AsteriskPeer, free_port

    peers: list[AsteriskPeer] = []

    def make(**kw: object) -> AsteriskPeer:
        p = AsteriskPeer(prefix=asterisk_prefix, run=tmp_path / f"asterisk{len(peers)}",
                         port=free_port(), **kw)  # type: ignore[arg-type]
        peers.append(p)
        p.start()
        return p

    yield make
    for p in peers:
        p.stop()
