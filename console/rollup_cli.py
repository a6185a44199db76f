"""``seatwatch rollup rebuild`` and ``seatwatch kpi`` (issue #17, DOMAIN §7).

``rollup rebuild`` recomputes the 15-minute rollups of a range (default: the whole
history) from ``call_record``, ``agent_interval`` and ``alert``; ``kpi`` prints
their sums per hour, day, week or month of the floor's clock, or per shift (one
line per shift instance: its date, start and name, 班外 between shifts; the shifts
that start in the range, each whole) — the figures the director's charts show
(R-KPI-1 接通率, SL, ASA, abandonment, AHT, occupancy).

A date ``D`` is a day of the floor's time zone: ``--from D`` starts at its
midnight, ``--to D`` includes it (ends at the next midnight). A time with a UTC
offset (``2026-03-02T08:00:00+08:00``) is taken as it is, ``--to`` exclusive.
"""

from __future__ import annotations

import argparse
import json
from datetime import UTC, date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from console.cli_common import CliError, db_of, pad, say
from console.cli_common import now as _now
from models.db import rollup_db, store
from models.domain import rollup
from models.domain.texts import QT_TRANSLATE_NOOP, message_of


def parse_bound(s: str, what: str, tz: ZoneInfo, *, end: bool) -> datetime:
    """``what``'s value as a UTC time: a floor-time date (an end date includes its
    day) or an ISO 8601 time with a UTC offset."""
    try:
        d = date.fromisoformat(s)
    except ValueError:
        pass
    else:
        if end:
            d += timedelta(days=1)
        return datetime.combine(d, time(0), tz).astimezone(UTC)
    try:
        t = datetime.fromisoformat(s)
    except ValueError:
        raise CliError(QT_TRANSLATE_NOOP(
            "Cli", "{what}: not a date (2026-03-02) nor an ISO 8601 time: {value}").format(
            what=what, value=repr(s))) from None
    if t.tzinfo is None:
        raise CliError(QT_TRANSLATE_NOOP(
            "Cli", "{what}: a time needs a UTC offset, e.g. 2026-03-02T08:00:00+08:00")
            .format(what=what))
    return t.astimezone(UTC)


def _range(a: argparse.Namespace, tz: ZoneInfo) -> tuple[datetime, datetime]:
    lo = parse_bound(a.date_from, "--from", tz, end=False)
    hi = parse_bound(a.date_to, "--to", tz, end=True)
    if hi <= lo:
        raise CliError(QT_TRANSLATE_NOOP("Cli", "--to {to} is not after --from {frm}").format(
            to=a.date_to, frm=a.date_from))
    return lo, hi


def cmd_rollup(a: argparse.Namespace) -> int:
    eng = db_of(a)
    with eng.connect() as conn:
        policy = store.current_state(conn).policy
        span = rollup_db.history_span(conn)
    tz = policy.tz
    if span is None and (a.date_from is None or a.date_to is None):
        print(say(QT_TRANSLATE_NOOP("Cli", "no history: nothing to roll up")))
        return 0
    lo = parse_bound(a.date_from, "--from", tz, end=False) if a.date_from else None
    hi = parse_bound(a.date_to, "--to", tz, end=True) if a.date_to else None
    if lo is None or hi is None:
        assert span is not None
        lo, hi = lo or span[0], hi or span[1]
    if hi <= lo:
        raise CliError(QT_TRANSLATE_NOOP("Cli", "--to {to} is not after --from {frm}").format(
            to=a.date_to or hi.isoformat(), frm=a.date_from or lo.isoformat()))
    try:
        n = rollup_db.rebuild(eng, lo, hi, policy, now=_now())
    except rollup_db.RollupError as e:
        raise CliError(message_of(e) or str(e)) from None
    print(say(QT_TRANSLATE_NOOP(
        "Cli", "rebuilt {n} 15-minute interval(s) from {start} to {end} ({tz})").format(
        n=n, start=rollup.interval_start(lo).astimezone(tz).isoformat(),
        end=(rollup.interval_start(lo) + n * rollup.INTERVAL).astimezone(tz).isoformat(),
        tz=tz.key)))
    return 0


def _pct(x: Any) -> str:
    return "-" if x is None else f"{100 * x:.1f}%"


def _sec(x: Any) -> str:
    return "-" if x is None else f"{x:.1f}"


def kpi_json(rows: list[rollup_db.SeriesRow], t: float | None, by: str,
             queue: str | None, group: str | None, tz: ZoneInfo) -> dict[str, Any]:
    extra: dict[str, float | int] = {
        n: sum(r.extra[n] for r in rows)
        for n in ("abandoned_5s", "intercepted", "logged_in_s", "breaks")}
    extra["wait_max_s"] = max((r.extra["wait_max_s"] for r in rows), default=0.0)
    total = rollup_db.SeriesRow(rows[0].start if rows else datetime.now(tz),
                                rows[-1].end if rows else datetime.now(tz),
                                rollup_db.total(rows), extra, sum(r.intervals for r in rows))
    tot = total.figures(t)
    tot.pop("start")
    tot.pop("end")
    return {"by": by, "queue": queue, "group": group, "timezone": tz.key,
            "sl_threshold_s": t, "rows": [r.figures(t) for r in rows], "total": tot}


def cmd_kpi(a: argparse.Namespace) -> int:
    eng = db_of(a)
    with eng.connect() as conn:
        tz = store.current_state(conn).policy.tz
        lo, hi = _range(a, tz)
        try:
            rows, t = rollup_db.series(conn, lo, hi, a.by, a.queue, a.group, tz)
        except rollup_db.RollupError as e:
            raise CliError(message_of(e) or str(e)) from None
    doc = kpi_json(rows, t, a.by, a.queue, a.group, tz)
    if a.json:
        print(json.dumps(doc, ensure_ascii=False, indent=2))
        return 0
    if not rows:
        print(say(QT_TRANSLATE_NOOP(
            "Cli", "no rollups in this range: run `seatwatch rollup rebuild` first")))
        return 0
    # the headers in the console's language, as every other table of the CLI
    cols = [(say(QT_TRANSLATE_NOOP("Cli", "Start")), 18),
            *([(say(QT_TRANSLATE_NOOP("Cli", "Shift")), 12)] if a.by == "shift" else []),
            (say(QT_TRANSLATE_NOOP("Cli", "Offered")), 9),
            (say(QT_TRANSLATE_NOOP("Cli", "Answered")), 10),
            (say(QT_TRANSLATE_NOOP("Cli", "Abandoned")), 11),
            (say(QT_TRANSLATE_NOOP("Cli", "Aband. <5 s")), 13),
            (say(QT_TRANSLATE_NOOP("Cli", "SL")), 10),
            (say(QT_TRANSLATE_NOOP("Cli", "Answer rate")), 12),
            (say(QT_TRANSLATE_NOOP("Cli", "ASA (s)")), 14),
            (say(QT_TRANSLATE_NOOP("Cli", "AHT (s)")), 14),
            (say(QT_TRANSLATE_NOOP("Cli", "Occupancy")), 10)]
    print("".join(pad(n, w) for n, w in cols).rstrip())
    fmt = "%Y-%m-%d %H:%M" if a.by in ("hour", "shift") else "%Y-%m-%d"
    for r in [*doc["rows"], {**doc["total"], "start": None}]:
        start = (datetime.fromisoformat(r["start"]).strftime(fmt) if r["start"]
                 else say(QT_TRANSLATE_NOOP("Cli", "total")))
        shift = [] if a.by != "shift" else [
            "" if r["start"] is None
            else r["shift"] or say(QT_TRANSLATE_NOOP("Cli", "Off shift"))]
        vals = [start, *shift, str(r["offered"]), str(r["answered"]), str(r["abandoned"]),
                str(r["abandoned_5s"]),
                _pct(r["service_level"]), _pct(r["answer_rate"]), _sec(r["asa_s"]),
                _sec(r["aht_s"]), _pct(r["occupancy"])]
        print("".join(pad(v, w) for v, (_, w) in zip(vals, cols, strict=True)).rstrip())
    print(say(QT_TRANSLATE_NOOP(
        "Cli", "(per {by}, times in {tz}; SL = answered within {t} s; calls: {queue}; "
               "occupancy: {group})").format(
        by=say({"hour": QT_TRANSLATE_NOOP("Cli", "hour"), "day": QT_TRANSLATE_NOOP("Cli", "day"),
                "week": QT_TRANSLATE_NOOP("Cli", "week"),
                "month": QT_TRANSLATE_NOOP("Cli", "month"),
                "shift": QT_TRANSLATE_NOOP("Cli", "shift")}[a.by]),
        tz=tz.key, t="-" if t is None else f"{t:g}",
        queue=a.queue or say(QT_TRANSLATE_NOOP("Cli", "every queue")),
        group=a.group or say(QT_TRANSLATE_NOOP("Cli", "every agent")))))
    return 0


def add_rollup_parsers(subparsers: Any, dbhelp: str) -> None:
    sup = argparse.SUPPRESS
    p = subparsers.add_parser("rollup", help="15-minute interval rollups (issue #17)")
    p.add_argument("--db", default=sup, help=dbhelp)
    s = p.add_subparsers(dest="rollup_action", required=True)
    rb = s.add_parser("rebuild", help="recompute the rollups of a range from the history")
    rb.add_argument("--db", default=sup, help=dbhelp)
    rb.add_argument("--from", dest="date_from", help="a date (floor time) or an ISO time; "
                                                     "default: the start of the history")
    rb.add_argument("--to", dest="date_to", help="a date (included) or an ISO time "
                                                 "(excluded); default: the end of the history")
    rb.set_defaults(fn=cmd_rollup)
    k = subparsers.add_parser("kpi", help="KPIs per hour, day, week, month or shift from the "
                                          "rollups")
    k.add_argument("--db", default=sup, help=dbhelp)
    k.add_argument("--from", dest="date_from", required=True,
                   help="a date (floor time) or an ISO time")
    k.add_argument("--to", dest="date_to", required=True,
                   help="a date (included) or an ISO time (excluded)")
    k.add_argument("--by", choices=rollup.BUCKETS, default="day",
                   help="shift: the policy's shifts starting in the range, each whole "
                        "(a night shift across midnight is one line)")
    k.add_argument("--queue", help="call figures of this queue only")
    k.add_argument("--group", help="agent figures (occupancy) of this group only")
    k.add_argument("--json", action="store_true")
    k.set_defaults(fn=cmd_kpi)
