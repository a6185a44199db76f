"""Issue #13 item 9: the feed's LISTEN connection is built from the URL by psycopg.

A password with a quote used to leave every console and wall "unreachable" for
ever and put a piece of the password in the log and the banner; ``sslmode`` and
the other URL options were dropped. These tests connect for real: a role with a
quote in its password on the shared server, and a private TLS-only PostgreSQL
cluster (started here, killed by pid at the end; the shared one is never touched)
that checks the password (scram) *and* a client certificate named in the URL.
"""

from __future__ import annotations

import logging
import os
import secrets
import shutil
import signal
import socket
import subprocess
import tempfile
import threading
import time
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from urllib.parse import quote

import psycopg
import pytest
from psycopg import sql
from sqlalchemy import make_url

from console.feed import FloorFeed, wait_for
from models.db import engine as dbengine
from models.db import store
from tests.conftest import pg_admin

#: every kind of character a hand-built conninfo gets wrong
PASSWORD = "pa'ss wo\\rd=\"x"


def _pieces(pw: str) -> list[str]:
    """Parts of the password long enough to be recognised in a log line."""
    return [p for p in ("pa'ss", "wo\\rd", 'd="x', "ss wo") if p in pw]


def _no_secret(text: str, pw: str) -> None:
    for p in _pieces(pw):
        assert p not in text, f"a piece of the password ({p!r}) leaked: {text!r}"


def _url_with(base: str, user: str, pw: str, query: str = "") -> str:
    u = make_url(base)
    s = (f"postgresql+psycopg://{quote(user, safe='')}:{quote(pw, safe='')}@"
         f"{u.host}:{u.port or 5432}/{u.database}")
    return s + (f"?{query}" if query else "")


def _feed_connects(url: str, caplog: pytest.LogCaptureFixture, pw: str) -> FloorFeed:
    f = FloorFeed(url, poll_s=0.05, stale_after_s=1.0, heartbeat_every_s=0.2)
    f.start()
    try:
        wait_for(f, lambda s: s.status.connected and f._listen is not None, timeout=15)
    except TimeoutError:
        f.stop()
        _no_secret(f.status.reason, pw)
        raise AssertionError(f"the feed never connected: {f.status.reason}") from None
    return f


def test_a_quote_in_the_password_neither_breaks_the_feed_nor_leaks(
        pg_url: str, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG)
    role = f"sw_quote_{os.getpid()}_{secrets.token_hex(3)}"
    db = make_url(pg_url).database
    with pg_admin() as c:
        c.execute(sql.SQL("CREATE ROLE {} LOGIN PASSWORD {}").format(
            sql.Identifier(role), sql.Literal(PASSWORD)))
    try:
        with psycopg.connect(make_url(pg_url).set(drivername="postgresql")
                             .render_as_string(hide_password=False), autocommit=True) as c:
            c.execute(f'GRANT SELECT ON ALL TABLES IN SCHEMA public TO "{role}"')
        url = _url_with(pg_url, role, PASSWORD)
        assert make_url(url).password == PASSWORD
        f = _feed_connects(url, caplog, PASSWORD)
        try:
            assert not f.status.reason.startswith("the database cannot be reached")
            # the feed's connection — the one that LISTENs and queries (issue #20) — is
            # this role's
            with pg_admin() as c:
                rows = c.execute("SELECT usename FROM pg_stat_activity WHERE datname = %s "
                                 "AND application_name = 'seatwatch-feed'", (db,)).fetchall()
            assert [r[0] for r in rows] == [role]
        finally:
            f.stop()
        for rec in caplog.records:
            _no_secret(rec.getMessage(), PASSWORD)
    finally:
        with psycopg.connect(make_url(pg_url).set(drivername="postgresql")
                             .render_as_string(hide_password=False), autocommit=True) as c:
            c.execute(f'DROP OWNED BY "{role}"')
        with pg_admin() as c:
            c.execute(f'DROP ROLE IF EXISTS "{role}"')


def test_an_unreachable_banner_never_shows_the_password(
        caplog: pytest.LogCaptureFixture) -> None:
    """Nothing listens on port 1: the banner and the log say so without the password."""
    caplog.set_level(logging.DEBUG)
    f = FloorFeed(f"postgresql+psycopg://someone:{quote(PASSWORD, safe='')}@127.0.0.1:1/x",
                  poll_s=0.05)
    f.start()
    try:
        deadline = time.monotonic() + 15
        while f.status.reason == "connecting" and time.monotonic() < deadline:
            threading.Event().wait(0.05)  # the feed's worker thread, not a Qt wait
        assert f.status.reason.startswith("the database cannot be reached")
        _no_secret(f.status.reason, PASSWORD)
        assert "connection" in f.status.reason.lower() or "connect" in f.status.reason.lower()
    finally:
        f.stop()
    for rec in caplog.records:
        _no_secret(rec.getMessage(), PASSWORD)


# ---- a private PostgreSQL cluster with TLS only -------------------------------------------


def _pg_bin() -> Path | None:
    found = sorted(Path("/usr/lib/postgresql").glob("*/bin/initdb"))
    return found[-1].parent if found else None


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _openssl(*args: str, cwd: Path) -> None:
    subprocess.run(["openssl", *args], cwd=cwd, check=True, capture_output=True)


def _self_signed(cwd: Path, name: str, cn: str) -> None:
    _openssl("req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1",
             "-nodes", "-days", "2", "-subj", f"/CN={cn}", "-keyout", f"{name}.key",
             "-out", f"{name}.crt", cwd=cwd)
    os.chmod(cwd / f"{name}.key", 0o600)


@pytest.fixture
def tls_cluster() -> Iterator[dict[str, Any]]:
    """initdb + postgres as the postgres OS user, ssl=on, hostssl only: scram password
    and a client certificate (clientcert=verify-full: its CN is the role)."""
    bindir = _pg_bin()
    if bindir is None or shutil.which("openssl") is None or os.geteuid() != 0:
        pytest.skip("needs the PostgreSQL server binaries, openssl and root (to run as postgres)")
    top = Path(tempfile.mkdtemp(prefix="sw_tls_"))
    data, client = top / "data", top / "client"
    client.mkdir()
    role = "sw_tls"
    port = _free_port()
    pid: int | None = None
    try:
        shutil.chown(top, "postgres")
        subprocess.run([str(bindir / "initdb"), "-D", str(data), "-U", "postgres",
                        "--auth-local=trust", "--auth-host=reject", "-E", "UTF8",
                        "--no-instructions"],
                       user="postgres", check=True, capture_output=True)
        _self_signed(data, "server", "localhost")
        _self_signed(client, "client", role)
        shutil.copy(client / "client.crt", data / "client_ca.crt")
        for f in ("server.key", "server.crt", "client_ca.crt"):
            shutil.chown(data / f, "postgres")
        with open(data / "postgresql.conf", "a", encoding="utf-8") as fh:
            fh.write(f"\nport = {port}\nlisten_addresses = '127.0.0.1'\n"
                     f"unix_socket_directories = '{data}'\nssl = on\n"
                     "ssl_cert_file = 'server.crt'\nssl_key_file = 'server.key'\n"
                     "ssl_ca_file = 'client_ca.crt'\nfsync = off\n")
        (data / "pg_hba.conf").write_text(
            "local all postgres trust\n"
            "hostnossl all all 127.0.0.1/32 reject\n"
            "hostssl all all 127.0.0.1/32 scram-sha-256 clientcert=verify-full\n",
            encoding="utf-8")
        shutil.chown(data / "pg_hba.conf", "postgres")
        subprocess.run([str(bindir / "pg_ctl"), "-D", str(data), "-w", "-t", "60",
                        "-l", str(top / "server.log"), "start"],
                       user="postgres", check=True, capture_output=True)
        pid = int((data / "postmaster.pid").read_text().split()[0])
        with psycopg.connect(host=str(data), port=port, user="postgres", dbname="postgres",
                             autocommit=True) as c:
            c.execute(sql.SQL("CREATE ROLE {} LOGIN PASSWORD {}").format(
                sql.Identifier(role), sql.Literal(PASSWORD)))
            c.execute(f'CREATE DATABASE floor OWNER "{role}"')
        yield {"port": port, "role": role, "client": client, "data": data}
    finally:
        if pid is not None:
            os.kill(pid, signal.SIGQUIT)  # immediate shutdown; it is ours alone
            for _ in range(200):
                try:
                    os.kill(pid, 0)
                except ProcessLookupError:
                    break
                time.sleep(0.05)  # waiting for a killed server to go, not a test's timing
        shutil.rmtree(top, ignore_errors=True)


def test_sslmode_and_the_client_certificate_in_the_url_reach_the_listen_connection(
        tls_cluster: dict[str, Any], caplog: pytest.LogCaptureFixture) -> None:
    """The server refuses anything but TLS with the client certificate and the right
    password: every URL option and the quoted password must reach the feed's connection
    (one since issue #20: it listens and queries)."""
    caplog.set_level(logging.DEBUG)
    cl = tls_cluster["client"]
    query = (f"sslmode=require&sslcert={quote(str(cl / 'client.crt'))}"
             f"&sslkey={quote(str(cl / 'client.key'))}")
    url = _url_with(f"postgresql://x@127.0.0.1:{tls_cluster['port']}/floor",
                    tls_cluster["role"], PASSWORD, query)
    eng = dbengine.make_engine(url)
    try:
        dbengine.upgrade(eng)
        store.beat(eng, "test-host", socket.gethostname(), os.getpid(), datetime.now(UTC))
    finally:
        eng.dispose()
    f = _feed_connects(url, caplog, PASSWORD)
    try:
        wait_for(f, lambda s: not s.status.stale, timeout=15)
        with psycopg.connect(host=str(tls_cluster["data"]), port=tls_cluster["port"],
                             user="postgres", dbname="postgres") as c:
            rows = c.execute(
                "SELECT s.ssl, a.usename FROM pg_stat_activity a JOIN pg_stat_ssl s "
                "USING (pid) WHERE a.application_name = 'seatwatch-feed'").fetchall()
        assert rows == [(True, tls_cluster["role"])]
    finally:
        f.stop()
    for rec in caplog.records:
        _no_secret(rec.getMessage(), PASSWORD)
