"""Help › About's facts (issue #19), for the console and the director's window: the
version, the database (never its password), the floor host it follows."""

from __future__ import annotations

import platform
from importlib.metadata import PackageNotFoundError, version

import PySide6
from PySide6.QtCore import qVersion
from PySide6.QtWidgets import QWidget
from sqlalchemy import Engine

from console.lease import LEASE_NAME
from console.ops import BackendContext, Request
from models.db import engine as dbengine
from models.db.lease_db import lease_row
from views.help.about import AboutDialog, AboutInfo, HostInfo


def about_info(engine: Engine, operator: str) -> AboutInfo:
    """What the About box shows of this process."""
    try:
        ver = version("seatwatch")
    except PackageNotFoundError:  # run from a source tree that was never installed
        ver = "—"
    path = dbengine.sqlite_file(engine.url)
    # safe() alone would still show "***": IT needs the host and the database only
    # (URL.set(password=None) keeps the password, hence _replace)
    database = str(path) if path is not None else \
        dbengine.safe(engine.url._replace(password=None))
    return AboutInfo(version=ver, database=database, operator=operator,
                     qt_version=f"{qVersion()} (PySide6 {PySide6.__version__})",
                     python_version=platform.python_version())


def floor_host(engine: Engine) -> HostInfo:
    """Who holds the floor-host lease and since when (a worker thread's read)."""
    row = lease_row(engine, LEASE_NAME)
    if row is None:
        return HostInfo(None, None)
    return HostInfo(row.holder, row.acquired_at)


def about_dialog(ctx: BackendContext, operator: str, parent: QWidget | None) -> AboutDialog:
    """The About box; the floor host's lease is read off the GUI thread and filled
    in when it arrives (or said to be unreadable)."""
    dlg = AboutDialog(about_info(ctx.engine, operator), parent=parent)
    Request(ctx.ops, dlg, lambda: floor_host(ctx.engine)) \
        .done(dlg.set_host).refused(dlg.host_unreadable).run()
    return dlg
