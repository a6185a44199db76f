"""What every ``seatwatch`` sub-command shares: the error type, the terminal's
language, the database it opens and the small helpers of its tables (issue #15).

It lives apart from ``console/cli.py`` so the sub-command modules (``admin_cli``,
``alerts_cli``, ``shift_cli``, ``telephony_cli``) import it directly: they used to
look ``console.cli`` up among the loaded modules, because under
``python -m console.cli`` the module that catches a ``CliError`` is the program's
main module, a second copy whose ``CliError`` is another class. Here there is one
copy, whichever way the program started; ``console/cli.py`` re-exports these names.
"""

from __future__ import annotations

import argparse
import getpass
import logging
import socket
import sys
import unicodedata
from datetime import UTC, datetime
from functools import cache
from pathlib import Path
from typing import Any

from PySide6.QtCore import QTranslator
from sqlalchemy import Engine
from sqlalchemy.exc import DBAPIError, OperationalError

from models.db import engine as dbengine
from models.domain import policy as pol
from models.domain.textfile import TextFileError, decode_text
from models.domain.texts import QT_TRANSLATE_NOOP, message_of

log = logging.getLogger("seatwatch")

EXIT_USAGE = 2
EXIT_ERROR = 1


class CliError(Exception):
    """Bad input or environment: printed as one line, exit 1."""


# ---- the terminal's language --------------------------------------------------------


@cache
def _zh_translator() -> QTranslator | None:
    # the .qm by path, not through console.ui: that imports the whole GUI (and Qt
    # Multimedia, whose warnings about sound devices would precede every error line)
    from importlib import resources

    qm = resources.files("resources").joinpath("translations", "seatwatch_zh_CN.qm")
    t = QTranslator()
    return t if t.load(str(qm)) else None


def say(x: object) -> str:
    """A message for the terminal in Chinese, the product's language (issue #12 item 13):
    a models/ message (models/domain/texts.py) is translated with the console's own
    table; other text is printed as it is."""
    from views.msg import tr_msg

    t = _zh_translator()
    if t is None:
        return tr_msg(x, lambda _ctx, src: src)
    return tr_msg(x, lambda ctx, src: t.translate(ctx, src) or src)


def error_line(x: object) -> str:
    """The one line an error prints: ``seatwatch: error:`` (a fixed tag that scripts
    and logs look for, like a compiler's), then the message in Chinese."""
    return f"seatwatch: error: {say(x)}"


# ---- the database ---------------------------------------------------------------------


#: engines a command opened; main() disposes them so no connection outlives the command
opened_engines: list[Engine] = []


def make_engine(url: Any, *, create: bool = True) -> Engine:
    """An engine that main() disposes when the command ends."""
    eng = dbengine.make_engine(url, create=create)
    opened_engines.append(eng)
    return eng


def open_db(db: str | None, *, migrate: bool = True, create: bool = False) -> Engine:
    """Resolve ``--db``, connect, and pass the schema gate (SQLite migrates itself).

    A SQLite file that does not exist is an error unless ``create`` (issue #12: a
    mistyped path must not become a new, empty floor); when it is created, the
    command says so on stderr."""
    url = dbengine.resolve(db)
    path = dbengine.sqlite_file(url)
    new = path is not None and not path.is_file()
    if path is not None and new and not create:
        raise dbengine.DbMissing(path)
    eng = make_engine(url, create=create)
    try:
        dbengine.ensure_schema(eng, migrate_sqlite=migrate)
    except (OperationalError, DBAPIError) as e:
        raise CliError(QT_TRANSLATE_NOOP("Cli", "Cannot reach the database {url}: {error}").format(
            url=dbengine.safe(url),
            error=str(e.orig).strip().splitlines()[0] if e.orig else str(e))) from None
    if new:
        log.info("created a new floor database %s", path)
        print("seatwatch: " + say(QT_TRANSLATE_NOOP("Cli", "Created a new floor database {path}")
                                  .format(path=str(path))), file=sys.stderr, flush=True)
    log.info("using database %s", dbengine.safe(url))
    return eng


def db_of(a: argparse.Namespace) -> Engine:
    """The engine of a command's ``--db``, which it requires (one line when missing)."""
    db = getattr(a, "db", None)
    if not db:
        raise CliError(QT_TRANSLATE_NOOP("Cli", "--db is required (a SQLAlchemy URL or a saved "
                                                "profile name)"))
    return open_db(db)


def read_policy(path: str) -> tuple[str, pol.Policy]:
    """A policy file's text and what it says; a file that cannot be read or parsed is
    one line naming it (``seatwatch policy …`` and ``seatwatch attendance …``)."""
    try:
        text = decode_text(Path(path).read_bytes(), path)
    except OSError as e:
        raise CliError(QT_TRANSLATE_NOOP("Cli", "{file}: cannot read: {error}").format(
            file=path, error=e.strerror)) from None
    except TextFileError as e:
        raise CliError(e.msg) from None
    try:
        return text, pol.parse_toml(text, path)
    except pol.PolicyError as e:
        raise CliError(QT_TRANSLATE_NOOP("Cli", "{file}: invalid policy: {why}").format(
            file=path, why=message_of(e) or str(e))) from None


# ---- who, where, when -------------------------------------------------------------------


def now() -> datetime:
    return datetime.now(UTC)


def workstation() -> str:
    """The workstation an audited change is recorded from."""
    return f"cli@{socket.gethostname()}"


def os_user() -> str:
    """``cli:<OS user>``: who ran a command that names no operator."""
    try:
        return f"cli:{getpass.getuser()}"
    except (KeyError, OSError):
        return "cli"


def pad(text: str, width: int) -> str:
    """Left-align in a terminal column: Chinese characters take two cells."""
    cells = sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)
    return text + " " * max(1, width - cells)
