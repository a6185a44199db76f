"""Issue #13 (low items): log files readable by their user only, and a password
inside ``--db`` is warned about without ever being repeated."""

from __future__ import annotations

import logging
import os
import stat
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import quote

import pytest
from sqlalchemy import make_url

from console import cli
from models.db import engine as dbengine
from tests.helpers import logged_text

SECRET = "Se'cret-口令9"


@pytest.fixture
def umask_022() -> Iterator[None]:
    """The usual umask of a desktop session: new files readable by everyone."""
    old = os.umask(0o022)
    yield
    os.umask(old)


def _mode(p: Path) -> int:
    return stat.S_IMODE(p.stat().st_mode)


def _close_log_handlers() -> None:
    root = logging.getLogger()
    for h in list(root.handlers):
        if getattr(h, "_seatwatch", False):
            root.removeHandler(h)
            h.close()


@pytest.mark.skipif(os.name != "posix", reason="POSIX file modes")
def test_log_files_and_their_folder_are_private(umask_022: None) -> None:
    logs = dbengine.data_dir() / "logs"
    logs.mkdir(parents=True)
    os.chmod(logs, 0o755)
    old = logs / "seatwatch.log.1"  # a backup an older version left readable
    old.write_text("old\n", encoding="utf-8")
    os.chmod(old, 0o644)
    try:
        path = cli.setup_logging(False)
        logging.getLogger("seatwatch").warning("sign-in of 'L01' at 'PC-07': ok")
        assert _mode(path.parent) == 0o700
        assert _mode(path) == 0o600
        assert _mode(old) == 0o600
        # a rotation makes a new file: private too, and so is the one rotated away
        fh = next(h for h in logging.getLogger().handlers if getattr(h, "_seatwatch", False))
        assert isinstance(fh, cli.PrivateRotatingFileHandler)
        fh.doRollover()
        logging.getLogger("seatwatch").warning("after the rotation")
        assert _mode(path) == 0o600
        assert sorted(_mode(p) for p in logs.iterdir()) == [0o600] * len(list(logs.iterdir()))
    finally:
        _close_log_handlers()


def _with_password(url: str) -> str:
    u = make_url(url)
    return (f"postgresql+psycopg://{u.username}:{quote(SECRET, safe='')}@{u.host}:"
            f"{u.port or 5432}/{u.database}")


def test_a_password_inside_db_is_warned_about_never_repeated(
        pg_url: str, capsys: pytest.CaptureFixture[str]) -> None:
    try:
        rc = cli.main(["db", "version", "--db", _with_password(pg_url)])
    finally:
        _close_log_handlers()
    out, err = capsys.readouterr()
    assert rc == 0  # the command still runs: a warning, not a refusal
    warnings = [ln for ln in err.splitlines() if ln.startswith("seatwatch: warning:")]
    assert len(warnings) == 1, err
    assert "--db" in warnings[0] and "~/.pgpass" in warnings[0] and "密钥环" in warnings[0]
    for piece in (SECRET, quote(SECRET, safe=""), "cret-口令"):
        assert piece not in out and piece not in err
    log_text = logged_text()
    assert "--db carries a password" in log_text and "cret-口令" not in log_text


def test_no_warning_without_a_password(db_url: str, capsys: pytest.CaptureFixture[str]
                                       ) -> None:
    try:
        rc = cli.main(["db", "version", "--db", db_url])
    finally:
        _close_log_handlers()
    assert rc == 0
    assert "warning" not in capsys.readouterr().err
