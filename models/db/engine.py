"""Engines, connection profiles, the keyring, and the schema-version gate.

- ``--db`` is a SQLAlchemy URL or the name of a saved profile. A profile stores the
  URL *without* a password; the password lives in the OS keyring
  (``seatwatch db set-password PROFILE``) and is added only in memory. With none
  stored, the connection is tried without one.
- SQLite files are migrated by the programs themselves, after a backup copy;
  PostgreSQL only by ``seatwatch db upgrade``. A schema older or newer than this
  program knows is refused with both versions named.
"""

from __future__ import annotations

import logging
import os
import re
import sqlite3
import tomllib
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import keyring
import keyring.errors
import platformdirs
import tomli_w
from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from psycopg.conninfo import make_conninfo
from sqlalchemy import URL, Engine, create_engine, event, make_url, text
from sqlalchemy.orm import Session, sessionmaker

from models.domain.textfile import TextFileError, decode_text
from models.domain.texts import QT_TRANSLATE_NOOP

log = logging.getLogger(__name__)

APP = "Seatwatch"
KEYRING_SERVICE = "seatwatch"


class DbError(RuntimeError):
    """A database problem the user can act on; the message says what to do."""


class SchemaMismatch(DbError):
    """The schema is missing, older or newer than this program; ``found`` and
    ``needed`` name the two versions (``found`` None: no Seatwatch schema at all)."""

    def __init__(self, message: str, *, found: str | None = None, needed: str = "") -> None:
        super().__init__(message)
        self.found = found
        self.needed = needed


class UnknownProfile(DbError):
    """``--db`` is neither a URL nor the name of a saved profile."""

    def __init__(self, name: str, known: list[str]) -> None:
        super().__init__(QT_TRANSLATE_NOOP(
            "Cli", "--db {value} is neither a URL nor a saved profile (profiles: {known})")
            .format(value=repr(name), known=", ".join(known) or "—"))
        self.name = name
        self.known = known


class DbMissing(DbError):
    """A SQLite floor file that does not exist. A mistyped path must not quietly
    become a new, empty floor (issue #12): files are created only on a first-run
    path that says so (``demo``, ``--create``, the console's "new floor database")."""

    def __init__(self, path: Path) -> None:
        path = path.absolute()  # a relative path is read from where the program started
        super().__init__(QT_TRANSLATE_NOOP(
            "Cli", "The database file {path} does not exist (check the path; a new floor "
            "database is created only with --create)").format(path=str(path)))
        self.path = path


def data_dir() -> Path:
    d = Path(platformdirs.user_data_dir(APP, appauthor=False))
    d.mkdir(parents=True, exist_ok=True)
    return d


def config_dir() -> Path:
    d = Path(platformdirs.user_config_dir(APP, appauthor=False))
    d.mkdir(parents=True, exist_ok=True)
    return d


def default_url() -> str:
    return f"sqlite:///{data_dir() / 'seatwatch.db'}"


# ---- profiles ------------------------------------------------------------------


def profiles_path() -> Path:
    return config_dir() / "profiles.toml"


#: the longest profile name: a name is typed after ``--db`` and shown in a menu
PROFILE_NAME_MAX = 64
_TOML_AT = re.compile(r"\s*\(at line (\d+), column (\d+)\)\s*$")


def check_profile_name(name: str) -> None:
    """Refuse a name ``--db`` could not select or a person could not read (issue #15):
    empty, over :data:`PROFILE_NAME_MAX` characters, control or invisible characters,
    a space at either end, ``://`` (read as a URL) or a leading ``-`` (an option)."""
    reason = None
    if not name:
        reason = QT_TRANSLATE_NOOP("Cli", "must not be empty")
    elif len(name) > PROFILE_NAME_MAX:
        reason = QT_TRANSLATE_NOOP("Cli", "must be at most {max} characters").format(
            max=PROFILE_NAME_MAX)
    elif not name.isprintable():  # control, format and line-separator characters
        reason = QT_TRANSLATE_NOOP("Cli", "must not contain control or invisible characters")
    elif name != name.strip():
        reason = QT_TRANSLATE_NOOP("Cli", "must not begin or end with a space")
    elif "://" in name:
        reason = QT_TRANSLATE_NOOP("Cli", "must not contain :// (--db would read it as a URL)")
    elif name.startswith("-"):
        reason = QT_TRANSLATE_NOOP("Cli", "must not begin with - (it would read as an option)")
    if reason is not None:
        raise DbError(QT_TRANSLATE_NOOP("Cli", "Profile name {name}: {reason}").format(
            name=repr(name), reason=reason))


def _read_profiles_file() -> dict[str, Any]:
    """profiles.toml as a TOML document ({} when there is none). A file that is not
    TOML is one :class:`DbError` naming the file and the line."""
    p = profiles_path()
    if not p.exists():
        return {}
    try:
        return tomllib.loads(decode_text(p.read_bytes(), str(p)))
    except OSError as e:
        raise DbError(QT_TRANSLATE_NOOP("Cli", "{file}: cannot read: {error}").format(
            file=str(p), error=e.strerror or type(e).__name__)) from None
    except TextFileError as e:
        raise DbError(e.msg) from None
    except tomllib.TOMLDecodeError as e:
        m = _TOML_AT.search(str(e))
        raise DbError(QT_TRANSLATE_NOOP(
            "Cli", "{file} line {line}: not valid TOML ({error}); fix or delete that line, "
                   "then save the profile again").format(
            file=str(p), line=m.group(1) if m else "?",
            error=_TOML_AT.sub("", str(e)))) from None


def _profiles_of(doc: dict[str, Any]) -> dict[str, str]:
    out = {}
    tables = doc.get("profiles", {})
    for name, tbl in (tables.items() if isinstance(tables, dict) else ()):
        if isinstance(tbl, dict) and isinstance(tbl.get("url"), str):
            out[name] = tbl["url"]
        else:
            log.warning("%s: profile %r has no url text; skipped", profiles_path(), name)
    return out


def _default_of(doc: dict[str, Any]) -> str | None:
    d = doc.get("default")
    return d if isinstance(d, str) and d else None


def load_profiles() -> dict[str, str]:
    """The saved profiles (name → URL). A file that is not TOML is one :class:`DbError`
    naming the file and the line; an entry without a text ``url`` is skipped with a
    warning naming it, so the others still work."""
    return _profiles_of(_read_profiles_file())


def default_profile() -> str | None:
    """The PC's default connection (issue #19): the profile every program uses when
    started without ``--db`` — the Start-menu shortcuts carry none. Kept as a
    top-level ``default = "NAME"`` key of profiles.toml, which files written before
    it simply lack (None: the SQLite file in the user data folder)."""
    return _default_of(_read_profiles_file())


def needs_first_run() -> bool:
    """True on a PC that has never been set up: no default connection, no saved
    profile, no SQLite floor file in the user data folder. The console then opens
    its first-run wizard instead of the "file does not exist" window. A profiles file
    that cannot be read is not a first run: the start-up window says what is wrong."""
    try:
        doc = _read_profiles_file()
    except DbError:
        return False
    if _default_of(doc) is not None or _profiles_of(doc):
        return False
    return not (data_dir() / "seatwatch.db").exists()


class KeyringUnavailable(DbError):
    """The OS credential store refused to keep a password (none installed, locked,
    or access denied)."""


def save_profile(name: str, url: str, *, password: str | None = None,
                 make_default: bool = False) -> None:
    """Save a named connection; a password (``password``, or one in ``url``) goes to
    the keyring, never into the file. ``make_default``: it also becomes the PC's
    default connection (:func:`default_profile`).

    The file is written by a TOML writer (a ``"`` in a name once corrupted it, and
    with it every profile: issue #15) to a temporary file that replaces the old one,
    so a failure leaves the old file whole. A name :func:`check_profile_name`
    refuses is refused before anything is stored. The password is stored first: a
    keyring that refuses it leaves the file untouched, and a file that cannot be
    written puts the keyring back as it was, so nothing is ever half saved."""
    check_profile_name(name)
    u = make_url(url)
    doc = _read_profiles_file()  # a corrupt file is refused before the keyring is touched
    profiles = _profiles_of(doc)
    default = name if make_default else _default_of(doc)
    secret = password if password else (str(u.password) if u.password else None)
    u = u._replace(password=None)  # URL.set() treats None as "unchanged"
    profiles[name] = u.render_as_string(hide_password=False)
    body: dict[str, Any] = {}
    if default is not None:
        body["default"] = default
    body["profiles"] = {n: {"url": v} for n, v in sorted(profiles.items())}
    previous = get_password(name) if secret is not None else None
    if secret is not None:
        set_password(name, secret)
    path = profiles_path()
    tmp = path.with_name(path.name + ".tmp")
    try:
        tmp.write_text("# Seatwatch database profiles. Passwords are in the OS keyring, "
                       "never here.\n\n" + tomli_w.dumps(body), encoding="utf-8")
        os.replace(tmp, path)
    except OSError:
        tmp.unlink(missing_ok=True)  # a full disk leaves the old file, and no leftover
        if secret is not None:
            _restore_password(name, previous)
        raise


def _restore_password(profile: str, previous: str | None) -> None:
    try:
        if previous is None:
            keyring.delete_password(KEYRING_SERVICE, _keyring_key(profile))
        else:
            keyring.set_password(KEYRING_SERVICE, _keyring_key(profile), previous)
    except keyring.errors.KeyringError as e:
        log.warning("keyring entry of %r not put back: %s", profile, e)


def _keyring_key(profile: str) -> str:
    return f"db:{profile}"


def set_password(profile: str, password: str) -> None:
    try:
        keyring.set_password(KEYRING_SERVICE, _keyring_key(profile), password)
    except keyring.errors.KeyringError as e:
        raise KeyringUnavailable(QT_TRANSLATE_NOOP(
            "Cli", "Cannot store the password in the system keyring: {error}").format(
                error=str(e))) from None


def get_password(profile: str) -> str | None:
    try:
        return keyring.get_password(KEYRING_SERVICE, _keyring_key(profile))
    except keyring.errors.KeyringError as e:
        log.warning("keyring unavailable (%s); connecting without a stored password", e)
        return None


def url_key(u: URL) -> str:
    """Keyring entry name for a bare URL: user@host:port/database."""
    return f"{u.username or ''}@{u.host or ''}:{u.port or 5432}/{u.database or ''}"


def resolve(db: str | None) -> URL:
    """Turn ``--db`` (URL, profile name or None) into a URL with its password, if any.
    None: the PC's default connection if one is saved (issue #19), else the SQLite
    file in the user data folder."""
    if not db:
        db = default_profile()
        if db is None:
            return make_url(default_url())
    if "://" in db:
        u = make_url(db)
        key = url_key(u)
    else:
        profiles = load_profiles()
        if db not in profiles:
            raise UnknownProfile(db, sorted(profiles))
        u = make_url(profiles[db])
        key = db
    if u.drivername in ("postgresql", "postgres"):
        u = u.set(drivername="postgresql+psycopg")
    if u.drivername.startswith("postgresql") and not u.password:
        pw = get_password(key)
        if pw:
            u = u.set(password=pw)
    return u


def libpq_conninfo(u: URL) -> str:
    """The libpq connection string for a PostgreSQL URL, built by psycopg (issue #13
    item 9): every character of a password quoted right, and every URL option
    (``sslmode``, ``sslrootcert``, ``sslcert``, ``options``…) kept, as the
    SQLAlchemy engine itself would connect. Never log it: it holds the password."""
    kw: dict[str, Any] = {k: v for k, v in u.translate_connect_args(
        username="user", database="dbname").items() if v not in (None, "")}
    for k, v in u.query.items():
        kw[k] = v[-1] if isinstance(v, tuple) else v  # a repeated option: the last wins
    return make_conninfo("", **kw)


def scrub(text: str, u: URL | None) -> str:
    """``text`` (an error message) without the URL's password, should a driver quote it."""
    pw = u.password if u is not None else None
    return text.replace(str(pw), "***") if pw else text


def safe(u: URL | str) -> str:
    """A URL fit for logs and messages: never the password."""
    return make_url(u).render_as_string(hide_password=True) if isinstance(u, str) else \
        u.render_as_string(hide_password=True)


# ---- engines --------------------------------------------------------------------


def sqlite_file(url: URL | str) -> Path | None:
    """The file a SQLite URL names (None: not SQLite, in memory, or a ``file:`` URI)."""
    u = make_url(url) if isinstance(url, str) else url
    if not u.drivername.startswith("sqlite"):
        return None
    db = u.database
    if not db or db == ":memory:" or db.startswith("file:"):
        return None
    return Path(db)


def require_file(url: URL | str) -> None:
    """Refuse a SQLite URL whose file does not exist (:class:`DbMissing`)."""
    path = sqlite_file(url)
    if path is not None and not path.is_file():
        raise DbMissing(path)


def make_engine(url: URL | str, *, application_name: str = "seatwatch", create: bool = True,
                **kw: Any) -> Engine:
    """An engine with the floor's settings; ``application_name`` shows in pg_stat_activity.

    ``create=False``: a SQLite file is opened read-write but never created — a
    connection to a missing file fails (``unable to open database file``) and
    succeeds once the file is there, so a viewer can wait for it and retry."""
    u = make_url(url) if isinstance(url, str) else url
    if u.drivername.startswith("sqlite"):
        path = sqlite_file(u)
        if path is not None and not create:
            # sqlite3 creates a missing file unless it is opened as a URI in mode=rw
            uri = f"{path.absolute().as_uri()}?mode=rw"
            eng = create_engine(u, creator=lambda: sqlite3.connect(
                uri, uri=True, timeout=30, check_same_thread=False), **kw)
        else:
            if path is not None:
                path.parent.mkdir(parents=True, exist_ok=True)
            eng = create_engine(u, connect_args={"timeout": 30, "check_same_thread": False},
                                **kw)
        _sqlite_settings(eng)
        return eng
    kw.setdefault("pool_pre_ping", True)
    pg_args: dict[str, Any] = {"connect_timeout": 5}
    if application_name:
        pg_args["application_name"] = application_name
    return create_engine(u, connect_args=pg_args, **kw)


def _sqlite_settings(eng: Engine) -> None:
    """WAL, foreign keys and explicit write locks on every SQLite connection."""

    @event.listens_for(eng, "connect")
    def _pragmas(dbapi_conn: Any, _rec: Any) -> None:
        # WAL lets the feed read while the host writes; never on a network share.
        cur = dbapi_conn.cursor()
        cur.execute("PRAGMA journal_mode=WAL")
        cur.execute("PRAGMA foreign_keys=ON")
        cur.execute("PRAGMA synchronous=NORMAL")
        cur.execute("PRAGMA busy_timeout=30000")
        cur.close()
        # SQLAlchemy's pysqlite begins lazily; take the lock explicitly (below).
        dbapi_conn.isolation_level = None

    @event.listens_for(eng, "begin")
    def _begin(conn: Any) -> None:
        # writers ask for "BEGIN IMMEDIATE" so a read-then-write never hits SQLITE_BUSY
        conn.exec_driver_sql(conn.get_execution_options().get("sqlite_begin", "BEGIN"))


def is_sqlite(engine: Engine) -> bool:
    return engine.dialect.name == "sqlite"


@contextmanager
def session_scope(factory: sessionmaker[Session]) -> Iterator[Session]:
    """One unit of work: commit on success, roll back on any error."""
    s = factory()
    try:
        yield s
        s.commit()
    except BaseException:
        s.rollback()
        raise
    finally:
        s.close()


def server_now(conn: Any) -> datetime:
    """The database server's clock (local clock for SQLite, which has no server)."""
    if conn.dialect.name == "sqlite":
        return datetime.now(UTC)
    v = conn.execute(text("SELECT CURRENT_TIMESTAMP")).scalar_one()
    return v.astimezone(UTC)


# ---- schema versions -------------------------------------------------------------


def _alembic_config() -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", "models.db:migrations")
    return cfg


def head_revision() -> str:
    head = ScriptDirectory.from_config(_alembic_config()).get_current_head()
    assert head is not None
    return head


def current_revision(engine: Engine) -> str | None:
    with engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


def upgrade(engine: Engine, to: str = "head") -> tuple[str | None, str]:
    """Bring the schema to this program's head (or ``to``); returns (from, to)."""
    before = current_revision(engine)
    _refuse_newer(before)
    cfg = _alembic_config()
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, to)
    return before, head_revision() if to == "head" else to


def knows_revision(rev: str) -> bool:
    """Whether ``rev`` is a schema version this program has a migration for (False: a
    newer Seatwatch made it)."""
    try:
        ScriptDirectory.from_config(_alembic_config()).get_revision(rev)
    except Exception:
        return False
    return True


def driver_kind(text: str) -> str:
    """What a database driver's error text says went wrong, as a word the start-up
    window and the first-run wizard (issue #19) pick their lines by: refused, timeout,
    password, no_database, unknown_host, unreadable_file, not_a_database, or other."""
    t = text.lower()
    if "connection refused" in t:
        return "refused"
    if "timeout" in t or "timed out" in t:
        return "timeout"
    if "password" in t and ("authentication" in t or "no password" in t):
        return "password"
    if "does not exist" in t and "database" in t:
        return "no_database"
    if "translate host name" in t or "name or service not known" in t \
            or "nodename nor servname" in t or "failed to resolve host" in t:
        return "unknown_host"
    if "unable to open database file" in t:
        return "unreadable_file"
    if "file is not a database" in t:
        return "not_a_database"
    return "other"


def _refuse_newer(rev: str | None) -> None:
    if rev is None:
        return
    script = ScriptDirectory.from_config(_alembic_config())
    try:
        script.get_revision(rev)
    except Exception:
        raise SchemaMismatch(
            f"the database schema is at version {rev}, newer than this program knows "
            f"({head_revision()}); install the Seatwatch version that made it",
            found=rev, needed=head_revision()) from None


def ensure_schema(engine: Engine, *, migrate_sqlite: bool = True) -> None:
    """Start-up gate. SQLite: back up and migrate. PostgreSQL: refuse a mismatch."""
    head = head_revision()
    rev = current_revision(engine)
    if rev == head:
        return
    _refuse_newer(rev)
    if is_sqlite(engine) and migrate_sqlite:
        db = engine.url.database
        if rev is not None and db and db != ":memory:" and Path(db).exists():
            stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
            backup = Path(f"{db}.{rev}.{stamp}.bak")
            raw = engine.raw_connection()  # sqlite3's online backup: consistent under WAL
            try:
                dst = sqlite3.connect(backup)
                raw.driver_connection.backup(dst)  # type: ignore[union-attr]
                dst.close()
            finally:
                raw.close()
            log.info("backed up %s to %s before migrating %s -> %s", db, backup, rev, head)
        upgrade(engine)
        return
    if rev is None:
        raise SchemaMismatch(
            f"the database has no Seatwatch schema (this program needs version {head}); "
            "run `seatwatch db upgrade --db ...` first", found=None, needed=head)
    raise SchemaMismatch(
        f"the database schema is at version {rev}, older than this program's {head}; "
        "run `seatwatch db upgrade --db ...` (after a backup)", found=rev, needed=head)
