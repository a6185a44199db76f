"""``seatwatch admin …``: the first administrator, and the way back in.

The console is where administrators manage operators; the command line covers
what the console cannot: creating the first administrator of a floor, and
unlocking or resetting a password when no administrator can sign in. Whoever
runs it has the database credentials; ``--by`` names the administrator the
change is recorded under (it must be one). Passwords are read without echo from
the terminal (asked twice), or as one line from a pipe (a second line, if given,
must repeat it); they never appear on the command line, in a log or in the
database.
"""

from __future__ import annotations

import argparse
import getpass
import sys
from typing import Any

from console.cli_common import CliError, open_db
from console.cli_common import now as _now
from console.cli_common import pad as _pad
from console.cli_common import workstation as _workstation
from models.db import operators as ops
from models.db import store
from models.domain.roles import Role, roles_text
from models.domain.texts import QT_TRANSLATE_NOOP, message_of


def _error(msg: str) -> Exception:
    return CliError(msg)


def read_new_password(prompt: str) -> str:
    """A new password, typed twice on a terminal; from a pipe, one line (and an
    optional second, identical line)."""
    if sys.stdin.isatty():
        first = getpass.getpass(f"{prompt}: ")
        again = getpass.getpass(f"{prompt} (again): ")
    else:
        first = sys.stdin.readline().rstrip("\r\n")
        second = sys.stdin.readline()
        again = second.rstrip("\r\n") if second else first
    if first != again:
        raise _error(QT_TRANSLATE_NOOP("Cli", "The two passwords differ: nothing changed"))
    if not first:
        raise _error(QT_TRANSLATE_NOOP("Cli", "Empty password: nothing changed"))
    return first


def cmd_admin(a: argparse.Namespace) -> int:
    eng = open_db(a.db)
    try:
        return int(_ACTIONS[a.action](a, eng))
    except ops.OperatorError as e:
        raise CliError(message_of(e) or str(e)) from None


def _create(a: argparse.Namespace, eng: Any) -> int:
    with eng.connect() as conn:
        existing = ops.admins(conn, enabled_only=False)
    if existing:
        names = ", ".join(f"{x.id} {x.name}" for x in existing)
        raise _error(QT_TRANSLATE_NOOP("Cli", "The floor already has an administrator ({names}): new "
                                         "operators are added by an administrator in the "
                                         "console").format(names=names))
    if not a.name.strip():
        raise _error(QT_TRANSLATE_NOOP("Cli", "--name: empty"))
    password = read_new_password(f"password for {a.id}")
    with store.writing(eng).begin() as conn:
        if ops.admins(conn, enabled_only=False):  # someone was quicker
            raise _error(QT_TRANSLATE_NOOP("Cli", "Another administrator was created meanwhile: nothing "
                                             "changed"))
        op = ops.create_operator(conn, a.id, a.name, password, {Role.ADMIN},
                                 by=f"cli:{getpass.getuser()}", now=_now(),
                                 workstation=_workstation())
    print(f"administrator {op.id} ({op.name}) created")
    return 0


def _list(a: argparse.Namespace, eng: Any) -> int:
    with eng.connect() as conn:
        everyone = ops.list_operators(conn)
        tz = store.current_state(conn).policy.tz
    if not everyone:
        print("no operators yet (create the first administrator with "
              "`seatwatch admin create`)")
        return 0
    now = _now()
    print(f"{_pad('ID', 12)}{_pad('NAME', 17)}{_pad('ROLES', 37)}STATUS")
    for o in everyone:
        if o.disabled:
            status = "disabled"
        elif o.locked(now):
            assert o.locked_until is not None
            status = f"locked until {o.locked_until.astimezone(tz):%Y-%m-%d %H:%M}"
        elif o.failed_count:
            status = f"ok ({o.failed_count} failed sign-in(s))"
        else:
            status = "ok"
        print(f"{_pad(o.id, 12)}{_pad(o.name, 17)}{_pad(roles_text(o.roles), 37)}{status}")
    return 0


def _unlock(a: argparse.Namespace, eng: Any) -> int:
    with store.writing(eng).begin() as conn:
        op = ops.unlock(conn, a.id, by=a.by, now=_now(), workstation=_workstation())
    print(f"{op.id} ({op.name}) unlocked by {a.by}")
    return 0


def _reset(a: argparse.Namespace, eng: Any) -> int:
    with eng.connect() as conn:  # fail before asking for a password
        if ops.get_operator(conn, a.id) is None:
            raise _error(QT_TRANSLATE_NOOP("Operators", "Operator {operator} does not exist")
                         .format(operator=a.id))
    password = read_new_password(f"new password for {a.id}")
    with store.writing(eng).begin() as conn:
        op = ops.reset_password(conn, a.id, password, by=a.by, now=_now(),
                                workstation=_workstation())
    print(f"password of {op.id} ({op.name}) reset by {a.by}; failed sign-ins cleared")
    return 0


_ACTIONS = {"create": _create, "list": _list, "unlock": _unlock, "reset-password": _reset}


def add_admin_parser(subparsers: Any) -> None:
    dbhelp = "SQLAlchemy URL or saved profile name"
    p = subparsers.add_parser("admin", help="operators: the first administrator, unlock, "
                                            "password reset")
    s = p.add_subparsers(dest="action", required=True)
    c = s.add_parser("create", help="create the floor's first administrator (password "
                                    "asked twice, or one line on stdin)")
    c.add_argument("--db", required=True, help=dbhelp)
    c.add_argument("--id", required=True, help="工号")
    c.add_argument("--name", required=True, help="姓名")
    ls = s.add_parser("list", help="operators, roles and lock status")
    ls.add_argument("--db", required=True, help=dbhelp)
    u = s.add_parser("unlock", help="clear an operator's failed sign-ins and lock")
    u.add_argument("id", help="工号 to unlock")
    u.add_argument("--db", required=True, help=dbhelp)
    u.add_argument("--by", required=True, help="工号 of the administrator doing it")
    r = s.add_parser("reset-password", help="set a new password (clears the lock too)")
    r.add_argument("id", help="工号 whose password is reset")
    r.add_argument("--db", required=True, help=dbhelp)
    r.add_argument("--by", required=True, help="工号 of the administrator doing it")
    p.set_defaults(fn=cmd_admin)
