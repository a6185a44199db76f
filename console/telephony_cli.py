"""``seatwatch telephony …`` (issue #14): the floor's mapping onto Asterisk, and the AMI secret.

``validate FILE`` checks a mapping file; ``apply --db URL FILE`` stores it as the
floor's next version (audited; the floor host reads the last good one);
``show`` prints the applied version, or a file's effective mapping with every
default filled in; ``set-secret`` puts the AMI secret in the OS keyring, read
without echo (twice on a terminal, one line from a pipe), never from argv.

A bad file or argument is one line naming it and the reason, exit 2; nothing is
written. Each action is a function in ``ACTIONS`` and a parser builder in
``PARSERS``: ``discover`` and ``test`` (which connect to Asterisk) are added the
same way.
"""

from __future__ import annotations

import argparse
import getpass
import logging
import socket
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from console.ami_secret import TelephonyError, set_secret
from console.cli_common import CliError, error_line, open_db, say
from models.db import store, telephony_db
from models.domain.textfile import TextFileError, decode_text
from models.domain.texts import QT_TRANSLATE_NOOP, Msg, message_of
from models.telephony.mapping import (
    MappingError,
    TelephonyMapping,
    parse_toml,
    valid_host,
    valid_user,
)

log = logging.getLogger("seatwatch.telephony")

EXIT_BAD_INPUT = 2


class BadInput(Exception):
    """A file or an argument that cannot be used: one line, exit 2, nothing written."""

    def __init__(self, msg: Msg | str) -> None:
        super().__init__(msg)
        self.msg = msg


def _say(x: object) -> str:
    return say(x)


def _who(a: argparse.Namespace) -> str:
    if getattr(a, "by", None):
        return str(a.by)
    try:
        return f"cli:{getpass.getuser()}"
    except (KeyError, OSError):
        return "cli"


def read_mapping(path: str) -> tuple[str, TelephonyMapping]:
    """The file's text and its validated mapping; :class:`BadInput` naming the file."""
    try:
        raw = Path(path).read_bytes()
    except OSError as e:
        raise BadInput(QT_TRANSLATE_NOOP("Telephony", "{file}: cannot read: {error}").format(
            file=path, error=e.strerror or type(e).__name__)) from None
    try:
        text = decode_text(raw, path)  # UTF-8, or GB18030 as Notepad saves it (issue #15)
    except TextFileError as e:
        raise BadInput(e.msg) from None
    try:
        return text, parse_toml(text, path)
    except MappingError as e:
        raise BadInput(e.msg) from None


# ---- the actions ----------------------------------------------------------------------


def _validate(a: argparse.Namespace) -> int:
    _, m = read_mapping(a.file)
    print(_say(QT_TRANSLATE_NOOP(
        "Telephony", "{file}: valid: {queues} queue(s), {agents} agent(s), {reasons} pause "
                     "reason(s), {supervisors} supervisor(s); AMI {user}@{host}:{port}").format(
        file=a.file, queues=len(m.queues), agents=len(m.agents), reasons=len(m.pause_reasons),
        supervisors=len(m.supervisors), user=m.ami.user, host=m.ami.host, port=m.ami.port)))
    return 0


def _apply(a: argparse.Namespace) -> int:
    text, _ = read_mapping(a.file)  # a bad file fails before the database is opened
    eng = open_db(a.db)
    who = _who(a)
    try:
        res = telephony_db.apply_mapping(eng, text, who, a.file,
                                         workstation=f"cli@{socket.gethostname()}")
    except MappingError as e:  # pragma: no cover - validated above
        raise BadInput(e.msg) from None
    print(_say(QT_TRANSLATE_NOOP("Telephony", "Telephony mapping version {version} applied "
                                              "by {who}").format(version=res.version, who=who)))
    for line in res.diff or [_say(QT_TRANSLATE_NOOP("Telephony", "(no changes)"))]:
        print(f"  {line}")
    return 0


def _show(a: argparse.Namespace) -> int:
    if a.file:
        _, m = read_mapping(a.file)
        print(m.to_toml(), end="")
        return 0
    eng = open_db(a.db)
    with eng.connect() as conn:
        cur = telephony_db.stored_mapping(conn)
        tz = store.current_state(conn).policy.tz if cur else None
    if cur is None or tz is None:
        raise CliError(QT_TRANSLATE_NOOP(
            "Telephony", "No telephony mapping has been applied to this floor: apply one with "
                         "`seatwatch telephony apply --db URL FILE`"))
    print("# " + _say(QT_TRANSLATE_NOOP(
        "Telephony", "telephony mapping version {version}, applied {at} by {who}").format(
        version=cur.version, at=cur.applied_at.astimezone(tz).isoformat(timespec="seconds"),
        who=cur.applied_by)))
    print(cur.toml, end="" if cur.toml.endswith("\n") else "\n")
    return 0


def read_secret(user: str, host: str) -> str:
    """The secret, typed twice without echo on a terminal; from a pipe one line (a
    second line, if given, must repeat it)."""
    if sys.stdin.isatty():
        first = getpass.getpass(_say(QT_TRANSLATE_NOOP(
            "Telephony", "AMI secret for {user}@{host}: ").format(user=user, host=host)))
        again = getpass.getpass(_say(QT_TRANSLATE_NOOP(
            "Telephony", "AMI secret for {user}@{host} (again): ").format(user=user,
                                                                           host=host)))
    else:
        first = sys.stdin.readline().rstrip("\r\n")
        second = sys.stdin.readline()
        again = second.rstrip("\r\n") if second else first
    if first != again:
        raise BadInput(QT_TRANSLATE_NOOP("Telephony", "The two secrets differ: nothing stored"))
    if not first:
        raise BadInput(QT_TRANSLATE_NOOP("Telephony", "Empty secret: nothing stored"))
    return first


def _set_secret(a: argparse.Namespace) -> int:
    host, user = a.host, a.user
    if (not host or not user) and a.db:  # the applied mapping's endpoint
        eng = open_db(a.db)
        with eng.connect() as conn:
            cur = telephony_db.current_mapping(conn)
        if cur is not None:
            host, user = host or cur[1].ami.host, user or cur[1].ami.user
    if not host or not user:
        raise BadInput(QT_TRANSLATE_NOOP(
            "Telephony", "--host and --user are needed (or --db of a floor with an applied "
                         "mapping)"))
    if not valid_host(host):
        raise BadInput(QT_TRANSLATE_NOOP("Telephony", "--host: not a host name or an IP "
                                                      "address: {value}").format(value=host))
    if not valid_user(user):
        raise BadInput(QT_TRANSLATE_NOOP(
            "Telephony", "--user: an AMI user is letters, digits, _ - or . (at most 80): "
                         "{value}").format(value=user))
    set_secret(user, host, read_secret(user, host))
    print(_say(QT_TRANSLATE_NOOP("Telephony", "AMI secret for {user}@{host} stored in the "
                                              "system keyring").format(user=user, host=host)))
    return 0


def _probe(host: str, port: int, user: str, timeout: float) -> Any:
    """One AMI session with the secret from the keyring (or SEATWATCH_AMI_SECRET)."""
    from console.ami_probe import ProbeError, probe
    from console.ami_secret import secret_for

    secret = secret_for(user, host)
    try:
        return probe(host, port, user, secret, timeout=timeout)
    except ProbeError as e:
        raise CliError(e.msg) from None


def _discover(a: argparse.Namespace) -> int:
    """Connect and write a first mapping from what Asterisk reports, for IT to review."""
    from models.telephony.mapping import discover

    if not valid_host(a.host):
        raise BadInput(QT_TRANSLATE_NOOP("Telephony", "--host: not a host name or an IP "
                                                      "address: {value}").format(value=a.host))
    if not valid_user(a.user):
        raise BadInput(QT_TRANSLATE_NOOP(
            "Telephony", "--user: an AMI user is letters, digits, _ - or . (at most 80): "
                         "{value}").format(value=a.user))
    if not 1 <= a.port <= 65535:
        raise BadInput(QT_TRANSLATE_NOOP("Telephony", "--port: must be 1 to 65535, not "
                                                      "{value}").format(value=a.port))
    out = Path(a.out)
    if out.exists() and not a.force:
        raise BadInput(QT_TRANSLATE_NOOP(
            "Telephony", "{file}: exists; choose another --out or add --force").format(
            file=a.out))
    res = _probe(a.host, a.port, a.user, a.timeout)
    text = discover(res.queue_status, host=a.host, port=a.port, user=a.user)
    mapping = parse_toml(text, a.out)  # discover() promises a file that parses
    tmp = out.with_name(out.name + ".part")
    try:
        tmp.write_text(text, encoding="utf-8")
        tmp.replace(out)  # never a half-written mapping file
    except OSError as e:
        tmp.unlink(missing_ok=True)
        raise BadInput(QT_TRANSLATE_NOOP("Telephony", "{file}: cannot write: {error}").format(
            file=a.out, error=e.strerror or type(e).__name__)) from None
    print(_say(QT_TRANSLATE_NOOP(
        "Telephony", "{file}: {queues} queue(s), {agents} agent(s), {reasons} pause reason(s) "
                     "found on {banner}; review it, then `seatwatch telephony apply`").format(
        file=a.out, queues=len(mapping.queues), agents=len(mapping.agents),
        reasons=len(mapping.pause_reasons), banner=res.banner)))
    return 0


def _test(a: argparse.Namespace) -> int:
    """Log in with the applied mapping and list what Asterisk has against it."""
    from console.ami_probe import compare, summary

    eng = open_db(a.db)
    with eng.connect() as conn:
        cur = telephony_db.current_mapping(conn)
    if cur is None:
        raise CliError(QT_TRANSLATE_NOOP(
            "Telephony", "No telephony mapping has been applied to this floor: apply one with "
                         "`seatwatch telephony apply --db URL FILE`"))
    version, m = cur
    res = _probe(m.ami.host, m.ami.port, m.ami.user, m.ami.connect_timeout_s)
    print(_say(QT_TRANSLATE_NOOP("Telephony", "mapping version {version}").format(
        version=version)) + " — " + _say(summary(res)))
    for line in compare(res, m):
        print(f"  {_say(line)}")
    return 0


Action = Callable[[argparse.Namespace], int]
ACTIONS: dict[str, Action] = {"validate": _validate, "apply": _apply, "show": _show,
                              "set-secret": _set_secret, "discover": _discover,
                              "test": _test}


def cmd_telephony(a: argparse.Namespace) -> int:
    try:
        return ACTIONS[a.action](a)
    except BadInput as e:
        log.error("%s", e)
        print(error_line(e.msg), file=sys.stderr)
        return EXIT_BAD_INPUT
    except TelephonyError as e:
        raise CliError(message_of(e.msg) or str(e)) from None


# ---- the parser -----------------------------------------------------------------------


def _validate_parser(s: Any, dbhelp: str) -> None:
    v = s.add_parser("validate", help="check a mapping file (exit 2 naming the key if bad)")
    v.add_argument("file")


def _apply_parser(s: Any, dbhelp: str) -> None:
    p = s.add_parser("apply", help="apply a mapping file to the floor (versioned, audited)")
    p.add_argument("file")
    p.add_argument("--db", required=True, help=dbhelp)
    p.add_argument("--by", help="工号 of who applies it (default: the OS user)")


def _show_parser(s: Any, dbhelp: str) -> None:
    p = s.add_parser("show", help="the floor's applied mapping, or a file's effective one")
    p.add_argument("file", nargs="?")
    p.add_argument("--db", help=dbhelp)


def _set_secret_parser(s: Any, dbhelp: str) -> None:
    p = s.add_parser("set-secret", help="store the AMI secret in the OS keyring (asked "
                                        "twice without echo, or one line on stdin)")
    p.add_argument("--host", help="the Asterisk host (default: the applied mapping's)")
    p.add_argument("--user", help="the AMI user (default: the applied mapping's)")
    p.add_argument("--db", help="take host and user from this floor's applied mapping")


def _discover_parser(s: Any, dbhelp: str) -> None:
    p = s.add_parser("discover", help="connect to Asterisk and write a first mapping file "
                                      "from its queues, members and pause reasons")
    p.add_argument("--host", required=True, help="the Asterisk host")
    p.add_argument("--port", type=int, default=5038, help="its AMI port (default 5038)")
    p.add_argument("--user", required=True, help="the AMI user (its secret: set-secret)")
    p.add_argument("--out", required=True, help="the mapping file to write (TOML)")
    p.add_argument("--force", action="store_true", help="overwrite --out if it exists")
    p.add_argument("--timeout", type=float, default=5.0, help=argparse.SUPPRESS)


def _test_parser(s: Any, dbhelp: str) -> None:
    p = s.add_parser("test", help="log in with the applied mapping and list the queues and "
                                  "members Asterisk has, unmapped ones named")
    p.add_argument("--db", required=True, help=dbhelp)


PARSERS: list[Callable[[Any, str], None]] = [_validate_parser, _apply_parser, _show_parser,
                                             _set_secret_parser, _discover_parser,
                                             _test_parser]


def add_telephony_parser(subparsers: Any, dbhelp: str) -> None:
    p = subparsers.add_parser("telephony", help="the floor's mapping onto Asterisk (AMI) and "
                                                "its secret")
    s = p.add_subparsers(dest="action", required=True)
    for build in PARSERS:
        build(s, dbhelp)
    p.set_defaults(fn=cmd_telephony)
