"""``seatwatch alerts …`` and ``seatwatch notify …`` (issue #4).

``alerts`` lists the alert history (``--active``: the open ones) as a table or as
JSON with ISO 8601 times in the floor's time zone, and acknowledges or resolves
one in an operator's name (checked against the operator's roles in the
database, audited). ``notify`` configures the group robot that urgent
escalations go out on (R-URGENT-2) — its URL is read from the terminal or a
pipe, never from the command line, and goes to the OS keyring only — sends a
test message, keeps the units' contact list and shows who was notified.
"""

from __future__ import annotations

import argparse
import csv
import getpass
import io
import json
import sys
from datetime import datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from console import notify
from console.cli_common import CliError, open_db
from console.cli_common import now as _now
from console.cli_common import os_user as _os_user
from console.cli_common import pad as _pad
from console.cli_common import workstation as _workstation
from models.db import alerts_db, notify_db, store
from models.domain.records import AlertRecord
from models.domain.textfile import TextFileError, decode_text
from models.domain.texts import QT_TRANSLATE_NOOP, message_of


def _error(msg: str) -> Exception:
    return CliError(msg)


def _db(a: argparse.Namespace) -> Any:
    db = getattr(a, "db", None)
    if not db:
        raise _error(QT_TRANSLATE_NOOP("Cli", "--db is required (a SQLAlchemy URL or a saved profile "
                                         "name)"))
    return open_db(db)


def _iso(dt: datetime | None, tz: ZoneInfo) -> str | None:
    return None if dt is None else dt.astimezone(tz).isoformat()


def _tz(conn: Any) -> ZoneInfo:
    return store.current_state(conn).policy.tz


# ---- alerts ---------------------------------------------------------------------------------


def alert_json(a: AlertRecord, tz: ZoneInfo) -> dict[str, Any]:
    return {"id": a.id, "rule": a.rule, "severity": a.severity.value,
            "raised_at": _iso(a.raised_at, tz), "acknowledged_at": _iso(a.acknowledged_at, tz),
            "resolved_at": _iso(a.resolved_at, tz), "agent": a.agent, "group": a.group,
            "queue": a.queue, "ticket": a.ticket, "message": a.message}


def cmd_alerts(a: argparse.Namespace) -> int:
    eng = _db(a)
    action = getattr(a, "alert_action", None)
    try:
        if action == "ack":
            rec = alerts_db.acknowledge(eng, a.alert, a.by, _now(),
                                        workstation=_workstation())
            print(f"alert {rec.id} acknowledged by {a.by}")
            return 0
        if action == "resolve":
            rec = alerts_db.resolve(eng, a.alert, a.by, a.note, _now(),
                                    workstation=_workstation())
            print(f"alert {rec.id} resolved by {a.by}")
            return 0
    except alerts_db.AlertError as e:
        raise _error(message_of(e) or str(e)) from None
    with eng.connect() as conn:
        rows = alerts_db.list_alerts(conn, active_only=a.active, limit=a.limit or None)
        tz = _tz(conn)
    if a.json:
        print(json.dumps([alert_json(r, tz) for r in rows], ensure_ascii=False, indent=2))
        return 0
    if not rows:
        print("no active alerts" if a.active else "no alerts")
        return 0
    print(f"{_pad('NO', 7)}{_pad('RAISED', 21)}{_pad('SEVERITY', 10)}{_pad('RULE', 12)}"
          f"{_pad('STATUS', 14)}MESSAGE")
    for r in rows:
        status = r.status
        if r.resolved_at is not None and r.resolved_by is None:
            status = "cleared"
        print(f"{_pad(f'#{r.event_id}', 7)}{_pad(f'{r.raised_at.astimezone(tz):%Y-%m-%d %H:%M:%S}', 21)}"
              f"{_pad(r.severity.value, 10)}{_pad(r.rule, 12)}{_pad(status, 14)}{r.message}")
    print(f"({len(rows)} alert(s); times in {tz.key}; ack or resolve by NO or full id)")
    return 0


# ---- notify ---------------------------------------------------------------------------------


def _read_url(kind: str) -> str:
    if sys.stdin.isatty():
        url = getpass.getpass(f"{kind} robot URL (not shown): ")
    else:
        url = sys.stdin.readline().strip()
    if not url:
        raise _error(QT_TRANSLATE_NOOP("Cli", "Empty URL: nothing stored"))
    return url


def _read_contacts(path: str) -> list[dict[str, Any]]:
    p = Path(path)
    try:
        raw = p.read_bytes()
    except OSError as e:
        raise _error(QT_TRANSLATE_NOOP("Cli", "{file}: cannot read: {error}").format(
            file=p, error=e.strerror)) from None
    try:
        text = decode_text(raw, str(p))  # UTF-8 or GB18030: 王䶮 is not in GBK
    except TextFileError as e:
        raise _error(e.msg) from None
    if p.suffix.lower() == ".json":
        try:
            doc = json.loads(text)
        except json.JSONDecodeError as e:
            raise _error(QT_TRANSLATE_NOOP("Cli", "{file}: not valid JSON at line {line}: {error}")
                         .format(file=p, line=e.lineno, error=e.msg)) from None
        if not isinstance(doc, list):
            raise _error(QT_TRANSLATE_NOOP("Cli", "{file}: must hold a JSON list of unit, head and phone")
                         .format(file=p))
        return doc
    header = {"unit": "unit", "单位": "unit", "承办单位": "unit", "head": "head",
              "负责人": "head", "phone": "phone", "电话": "phone"}
    reader = csv.reader(io.StringIO(text))
    rows = list(reader)
    if not rows:
        return []
    cols = [header.get(c.strip().lower(), header.get(c.strip(), "")) for c in rows[0]]
    if set(cols) >= {"unit", "head", "phone"}:
        rows = rows[1:]
    else:
        cols = ["unit", "head", "phone"]
    return [{k: v for k, v in zip(cols, r, strict=False) if k} for r in rows if any(r)]


def cmd_notify(a: argparse.Namespace) -> int:
    eng = _db(a)
    try:
        return int(_NOTIFY[a.notify_action](a, eng))
    except (notify.NotifyError, alerts_db.AlertError, alerts_db.ContactError) as e:
        raise _error(message_of(e) or str(e)) from None


def _set_webhook(a: argparse.Namespace, eng: Any) -> int:
    url = _read_url(a.kind)
    notify.set_webhook(eng, a.kind, url, by=_os_user(), now=_now(), workstation=_workstation())
    print(f"{a.kind} robot stored in this PC's keyring: {notify.redact(url)}")
    return 0


def _clear_webhook(a: argparse.Namespace, eng: Any) -> int:
    notify.clear_webhook(eng, a.kind, by=_os_user(), now=_now(), workstation=_workstation())
    print(f"{a.kind} robot removed")
    return 0


def _show(a: argparse.Namespace, eng: Any) -> int:
    with eng.connect() as conn:
        hooks = notify.webhooks(conn)
        people = alerts_db.contacts(conn)
    if not hooks:
        print("no group robot configured (seatwatch notify set-webhook --kind wecom|dingtalk)")
    for h in hooks:
        print(f"{_pad(h.kind, 10)}{h.redacted or '(URL not in this PC keyring)'}")
    print(f"{len(people)} unit contact(s)")
    return 0


def _test(a: argparse.Namespace, eng: Any) -> int:
    results = notify.send_test(eng, _now())
    if not results:
        raise _error(QT_TRANSLATE_NOOP("Cli", "No group robot configured: nothing to test"))
    bad = 0
    for kind, err in results:
        print(f"{kind}: {'ok' if err is None else 'FAILED: ' + err}")
        bad += err is not None
    if bad:
        raise _error(QT_TRANSLATE_NOOP("Cli", "{n} robot(s) failed").format(n=bad))
    return 0


def _contacts(a: argparse.Namespace, eng: Any) -> int:
    if a.set:
        if not a.by:
            raise _error(QT_TRANSLATE_NOOP("Cli", "--set needs --by with an operator ID (who changes the list)"))
        rows = _read_contacts(a.set)
        with store.writing(eng).begin() as conn:
            new = alerts_db.replace_contacts(conn, rows, by=a.by, now=_now(),
                                             workstation=_workstation())
        print(f"{len(new)} contact(s) stored")
        return 0
    with eng.connect() as conn:
        people = alerts_db.contacts(conn)
    for c in people:
        print(f"{_pad(c.unit, 24)}{_pad(c.head, 12)}{c.phone}")
    if not people:
        print("no unit contacts")
    return 0


def _log(a: argparse.Namespace, eng: Any) -> int:
    with eng.connect() as conn:
        alert_id = None
        if a.alert:
            rec = alerts_db.get_alert(conn, a.alert)
            if rec is None:
                raise _error(QT_TRANSLATE_NOOP("Alerts", "There is no alert {alert}").format(
                    alert=a.alert))
            alert_id = rec.id
        trail = alerts_db.notifications(conn, alert_id)
        tz = _tz(conn)
    if a.json:
        print(json.dumps([{"alert": n.alert_id, "channel": n.channel, "target": n.target,
                           "status": n.status, "attempts": n.attempts,
                           "last_error": n.last_error, "created_at": _iso(n.created_at, tz),
                           "sent_at": _iso(n.sent_at, tz),
                           "next_try_at": _iso(n.next_try_at, tz)} for n in trail],
                         ensure_ascii=False, indent=2))
        return 0
    for n in trail:
        when = n.sent_at or n.created_at
        extra = "" if n.last_error is None else f"  ({n.last_error})"
        print(f"{when.astimezone(tz):%Y-%m-%d %H:%M:%S}  {_pad(n.channel, 9)}"
              f"{_pad(n.target, 32)}{_pad(n.status, 8)}x{n.attempts}{extra}")
    if not trail:
        print("nobody notified yet")
    return 0


_NOTIFY = {"set-webhook": _set_webhook, "clear-webhook": _clear_webhook, "show": _show,
           "test": _test, "contacts": _contacts, "log": _log}


# ---- parsers ---------------------------------------------------------------------------------


def add_alerts_parsers(subparsers: Any) -> None:
    dbhelp = "SQLAlchemy URL or saved profile name"
    # --db may come before or after the action: SUPPRESS keeps one from erasing the other
    sup = argparse.SUPPRESS

    p = subparsers.add_parser("alerts", help="the alert history; acknowledge or resolve")
    p.add_argument("--db", default=sup, help=dbhelp)
    p.add_argument("--json", action="store_true")
    p.add_argument("--active", action="store_true", help="only unresolved alerts")
    p.add_argument("--limit", type=int, default=1000, help="the newest N (0: all)")
    s = p.add_subparsers(dest="alert_action")
    ack = s.add_parser("ack", help="acknowledge an alert")
    ack.add_argument("alert", help="alert id or NO (as listed)")
    ack.add_argument("--by", required=True, help="工号 of the shift leader or director")
    ack.add_argument("--db", default=sup, help=dbhelp)
    res = s.add_parser("resolve", help="resolve an alert with a note")
    res.add_argument("alert", help="alert id or NO (as listed)")
    res.add_argument("--by", required=True, help="工号 of the shift leader or director")
    res.add_argument("--note", required=True, help="what was done")
    res.add_argument("--db", default=sup, help=dbhelp)
    p.set_defaults(fn=cmd_alerts)

    n = subparsers.add_parser("notify", help="urgent escalation: group robot, contacts, "
                                             "who was notified")
    ns = n.add_subparsers(dest="notify_action", required=True)
    sw = ns.add_parser("set-webhook", help="store the robot URL (read from stdin or asked) "
                                           "in this PC's keyring")
    sw.add_argument("--kind", required=True, choices=list(notify_db.WEBHOOK_KINDS))
    sw.add_argument("--db", required=True, help=dbhelp)
    cw = ns.add_parser("clear-webhook", help="stop using a robot")
    cw.add_argument("--kind", required=True, choices=list(notify_db.WEBHOOK_KINDS))
    cw.add_argument("--db", required=True, help=dbhelp)
    sh = ns.add_parser("show", help="the configured robots (URL redacted)")
    sh.add_argument("--db", required=True, help=dbhelp)
    te = ns.add_parser("test", help="send a test message to every configured robot")
    te.add_argument("--db", required=True, help=dbhelp)
    co = ns.add_parser("contacts", help="the units' contact list (show, or --set FILE)")
    co.add_argument("--db", required=True, help=dbhelp)
    co.add_argument("--set", metavar="FILE", help="CSV (unit,head,phone / 单位,负责人,电话) "
                                                  "or JSON list replacing the list")
    co.add_argument("--by", help="工号 of who changes the list")
    lg = ns.add_parser("log", help="who was notified of escalations, when and how")
    lg.add_argument("--db", required=True, help=dbhelp)
    lg.add_argument("--alert", help="one alert (id or NO)")
    lg.add_argument("--json", action="store_true")
    n.set_defaults(fn=cmd_notify)
