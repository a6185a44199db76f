"""``seatwatch`` command line: the composition root of every headless program.

Errors from bad input are one clear line on stderr and a non-zero exit, never a
traceback; everything is logged to a rotating file in the user's data folder
(and to stderr with ``-v``).
"""

from __future__ import annotations

import argparse
import getpass
import json
import logging
import logging.handlers
import os
import signal
import sys
import threading
import time
from collections.abc import Sequence
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import Engine, make_url
from sqlalchemy.exc import ArgumentError, DBAPIError, OperationalError, SQLAlchemyError

from console import cli_common, crashlog
from console.admin_cli import add_admin_parser
from console.alerts_cli import add_alerts_parsers
from console.assess_cli import add_assess_parsers
from console.cli_common import EXIT_ERROR as EXIT_ERROR
from console.cli_common import EXIT_USAGE as EXIT_USAGE
from console.cli_common import CliError as CliError
from console.cli_common import error_line as error_line
from console.cli_common import open_db as open_db
from console.cli_common import say as say
from console.qa_cli import add_qa_parsers
from console.report_cli import add_report_parsers
from console.rollup_cli import add_rollup_parsers
from console.shift_cli import add_shift_parsers
from console.staffing_cli import add_staffing_parsers
from console.telephony_cli import add_telephony_parser
from models.db import engine as dbengine
from models.db import policies, store
from models.domain import floorsetup, kpi, rules
from models.domain import policy as pol
from models.domain.floor import FLOOR, FloorState
from models.domain.textfile import TextFileError, decode_text
from models.domain.texts import QT_TRANSLATE_NOOP, message_of
from models.domain.types import FloorEvent

if TYPE_CHECKING:
    from console.adapters import Adapter
    from console.lease import LeaderLoop
    from models.domain.shiftimport import RosterEntry

log = logging.getLogger("seatwatch")

# the part every sub-command shares lives in console/cli_common.py (issue #15); its
# names are re-exported here (``from console.cli import CliError`` keeps working) and
# these aliases keep the commands below as they read
_engines = cli_common.opened_engines
_make_engine = cli_common.make_engine
_read_policy = cli_common.read_policy

# ---- logging -----------------------------------------------------------------------


class PrivateRotatingFileHandler(logging.handlers.RotatingFileHandler):
    """The log file and its backups readable by their user only (issue #13): they name
    operators, workstations and databases. Each (re)opened file is made 0600 before a
    line is written; a rotated file keeps its mode, being renamed."""

    def _open(self) -> Any:
        if os.name == "posix":
            fd = os.open(self.baseFilename, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
            os.close(fd)
            os.chmod(self.baseFilename, 0o600)  # a file an older version left 0644
        return super()._open()


def _private_log_dir(path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    if os.name == "posix":
        os.chmod(path.parent, 0o700)
        for old in path.parent.iterdir():  # others' files, and the shared one of before
            if old.is_file():
                os.chmod(old, 0o600)


def setup_logging(verbose: bool, program: str = "seatwatch") -> Path:
    """This process's own log file, ``logs/<program>-<pid>.log`` (issue #19): one
    file shared by every process failed to rotate on Windows while another held it
    open. Older files beyond console.crashlog.KEEP_FILES are pruned."""
    path = dbengine.data_dir() / "logs" / crashlog.log_name(program)
    _private_log_dir(path)
    crashlog.prune(path.parent, spare=(path, path.parent / crashlog.native_name(program)))
    root = logging.getLogger()
    root.setLevel(logging.INFO)
    for h in list(root.handlers):
        if getattr(h, "_seatwatch", False):
            root.removeHandler(h)
            h.close()  # a second main() in one process must not leak the log file
    fh = PrivateRotatingFileHandler(path, maxBytes=5_000_000, backupCount=5, encoding="utf-8")
    fh.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    fh._seatwatch = True  # type: ignore[attr-defined]
    root.addHandler(fh)
    if verbose:
        sh = logging.StreamHandler(sys.stderr)
        sh.setFormatter(logging.Formatter("%(levelname)s %(name)s: %(message)s"))
        sh._seatwatch = True  # type: ignore[attr-defined]
        root.addHandler(sh)
    return path


def _log_file() -> Path | None:
    """The file this process logs to (None when it could not open one)."""
    h = crashlog.installed()
    return h.log_path if h is not None else None


def version() -> str:
    """The installed package's version (pyproject's), for ``--version`` and About."""
    from importlib.metadata import PackageNotFoundError
    from importlib.metadata import version as dist_version

    try:
        return dist_version("seatwatch")
    except PackageNotFoundError:  # run from a source tree that was never installed
        return "unknown"


# ---- helpers -------------------------------------------------------------------------


def parse_time(s: str, what: str) -> datetime:
    try:
        t = datetime.fromisoformat(s)
    except ValueError:
        raise CliError(QT_TRANSLATE_NOOP("Cli", "{what}: not an ISO 8601 time: {value}").format(
            what=what, value=repr(s))) from None
    if t.tzinfo is None:
        raise CliError(QT_TRANSLATE_NOOP("Cli", "{what}: needs a UTC offset, e.g. 2026-03-02T08:00:00+08:00")
                       .format(what=what))
    return t.astimezone(UTC)


def local_iso(dt: datetime | None, state: FloorState) -> str | None:
    return None if dt is None else dt.astimezone(state.policy.tz).isoformat()


# ---- commands --------------------------------------------------------------------------


def cmd_db(a: argparse.Namespace) -> int:
    if a.action == "upgrade":
        url = dbengine.resolve(a.db)
        dbengine.require_file(url)
        eng = _make_engine(url, create=False)
        try:
            before, after = dbengine.upgrade(eng)
        except (OperationalError, DBAPIError) as e:
            raise CliError(QT_TRANSLATE_NOOP("Cli", "Cannot reach the database {url}: {error}").format(
                url=dbengine.safe(url), error=str(e).splitlines()[0])) from None
        print(f"schema {before or '(empty)'} -> {after} on {dbengine.safe(url)}")
        return 0
    if a.action == "set-password":
        dbengine.check_profile_name(a.profile)  # a name save-profile would refuse (#15)
        pw = getpass.getpass(f"password for profile {a.profile}: ") if sys.stdin.isatty() \
            else sys.stdin.readline().rstrip("\n")
        if not pw:
            raise CliError(QT_TRANSLATE_NOOP("Cli", "Empty password: nothing stored"))
        dbengine.set_password(a.profile, pw)
        print(f"password for {a.profile} stored in the OS keyring")
        return 0
    if a.action == "save-profile":
        dbengine.save_profile(a.profile, a.url)
        print(f"profile {a.profile} = {dbengine.safe(a.url)} saved in "
              f"{dbengine.profiles_path()}")
        return 0
    if a.action == "roles":
        return _db_roles(a)
    if a.action == "version":
        url = dbengine.resolve(a.db)
        dbengine.require_file(url)
        eng = _make_engine(url, create=False)
        print(f"database {dbengine.current_revision(eng) or '(empty)'}; "
              f"this program {dbengine.head_revision()}")
        return 0
    raise AssertionError(a.action)


def _db_roles(a: argparse.Namespace) -> int:
    """Print the roles' SQL, or run it as the owner (issue #13 item 6)."""
    from models.db import roles

    url = dbengine.resolve(a.db)
    try:
        names = roles.role_names(a.prefix)
        if not url.drivername.startswith("postgresql"):
            raise roles.RolesError(roles.NOT_POSTGRESQL)
        eng = _make_engine(url, create=False)
        with eng.begin() as conn:
            stmts = roles.apply_roles(conn, a.prefix) if a.apply \
                else roles.roles_sql(conn, a.prefix)
    except roles.RolesError as e:
        raise CliError(message_of(e) or str(e)) from None
    except (OperationalError, DBAPIError) as e:
        raise CliError(QT_TRANSLATE_NOOP("Cli", "Cannot apply the roles on {url}: {error}")
                       .format(url=dbengine.safe(url),
                               error=str(e.orig or e).strip().splitlines()[0])) from None
    if a.apply:
        log.info("database roles applied on %s: %s", dbengine.safe(url),
                 ", ".join(names.values()))
        print(say(QT_TRANSLATE_NOOP(
            "Cli", "Roles applied on {url}: {roles}. Set their passwords in psql "
                   "(\\password ROLE); each PC keeps its own with `seatwatch db "
                   "set-password`.").format(url=dbengine.safe(url),
                                            roles=", ".join(names.values()))))
    else:
        print(";\n".join(stmts) + ";")
    return 0


def cmd_audit(a: argparse.Namespace) -> int:
    """``seatwatch audit verify``: walk the audit log's hash chain (issue #13 item 6)."""
    from models.db import audit as auditlog

    eng = open_db(a.db, migrate=False)
    with eng.connect() as conn:
        r = auditlog.verify_chain(conn)
    if r.broken_id is not None:
        log.error("audit log chain broken at row %d: %s", r.broken_id, r.why)
        print(error_line(QT_TRANSLATE_NOOP(
            "Cli", "The audit log was altered: row {id} does not match ({why}); {n} rows "
                   "before it are intact").format(id=r.broken_id, why=say(_CHAIN_WHY[r.why]),
                                                  n=r.checked)), file=sys.stderr)
        return EXIT_ERROR
    print(say(QT_TRANSLATE_NOOP(
        "Cli", "The audit log is intact: {n} rows chained; {old} older rows carry no "
               "hash").format(n=r.checked, old=r.unchained)))
    return 0


_CHAIN_WHY = {
    "row changed": QT_TRANSLATE_NOOP("Cli", "its content was changed"),
    "previous row missing or changed": QT_TRANSLATE_NOOP(
        "Cli", "the row before it was removed or changed"),
    "no hash": QT_TRANSLATE_NOOP("Cli", "it carries no hash"),
}


def cmd_floor_import(a: argparse.Namespace) -> int:
    eng = open_db(a.db, create=a.create)
    writer = store.FloorWriter(eng, source="cli:floor-import")
    state = writer.current()
    try:
        setup = floorsetup.read(a.file, known_groups=state.groups.keys())
    except floorsetup.FloorFileError as e:
        msg = message_of(e) or str(e)
        # every whole-file problem names the file (issue #13: an empty file did not)
        raise CliError(msg if str(msg).startswith(str(a.file)) else f"{a.file}: {msg}") from None
    for err in setup.errors:
        print(f"{a.file}: {err}", file=sys.stderr)
    n = len(setup.groups) + len(setup.queues) + len(setup.agents)
    if setup.errors and not a.partial:
        print(say(QT_TRANSLATE_NOOP("Cli", "{bad} bad row(s): nothing imported (use --partial "
                                            "to import the {good} good ones)").format(
            bad=len(setup.errors), good=n)), file=sys.stderr)
        return EXIT_ERROR
    if n == 0:
        raise CliError(QT_TRANSLATE_NOOP("Cli", "{file}: no groups, queues or agents to import").format(
            file=a.file))
    res = writer.append([FloorEvent("floor_setup", datetime.now(UTC),
                                    setup.as_event_data())])
    if res.rejected:
        raise CliError(QT_TRANSLATE_NOOP("Cli", "Floor setup refused: {why}").format(
            why=res.rejected[0].reason))
    print(f"imported {len(setup.groups)} group(s), {len(setup.queues)} queue(s), "
          f"{len(setup.agents)} agent(s)" + (f"; skipped {len(setup.errors)} bad row(s)"
                                             if setup.errors else ""))
    return 0


def cmd_policy(a: argparse.Namespace) -> int:
    if a.action == "validate":
        _read_policy(a.file)
        print(f"{a.file}: valid")
        return 0
    if a.action == "apply":
        text, _ = _read_policy(a.file)
        eng = open_db(a.db)
        writer = store.FloorWriter(eng, source="cli:policy")
        who = a.by or getpass.getuser()
        try:
            res = policies.apply_policy(writer, text, who, a.file)
        except pol.PolicyError as e:  # pragma: no cover - validated above
            raise CliError(QT_TRANSLATE_NOOP("Cli", "{file}: invalid policy: {why}").format(
                file=a.file, why=message_of(e) or str(e))) from None
        print(f"policy version {res.version} applied by {who}")
        for line in res.diff or ["(no changes)"]:
            print(f"  {line}")
        return 0
    if a.action == "show":
        if a.file:
            _, p = _read_policy(a.file)
            print(policies.to_toml(p.to_dict()), end="")
            return 0
        eng = open_db(a.db)
        with eng.connect() as conn:
            state = store.current_state(conn)
            hist = policies.history(conn)
        print(f"# floor policy version {state.policy_version}"
              + (f", applied {hist[0]['applied_at'].isoformat()} by {hist[0]['applied_by']}"
                 if hist else " (built-in default)"))
        print(policies.to_toml(state.policy.to_dict()), end="")
        return 0
    raise AssertionError(a.action)


def cmd_snapshot(a: argparse.Namespace) -> int:
    eng = open_db(a.db)
    with eng.connect() as conn:
        if a.at:
            at = parse_time(a.at, "--at")
        else:
            virtual = store.get_meta(conn, "virtual_now")
            at = datetime.fromisoformat(virtual) if virtual else datetime.now(UTC)
        try:
            state = store.state_at(conn, at)
        except LookupError as e:
            raise CliError(message_of(e) or str(e)) from None
    doc = snapshot_json(state, at)
    if a.json:
        print(json.dumps(doc, ensure_ascii=False, indent=2))
    else:
        print(f"floor at {doc['at']} — policy v{state.policy_version}")
        for q in doc["queues"]:
            sl = q["service_level"]
            print(f"  {q['id']:<6} {q['name']:<16} waiting {q['waiting']:>3}  longest "
                  f"{q['longest_wait_s']:>5.0f}s  answered {q['answered']:>4}  "
                  f"SL {'-' if sl is None else f'{sl:.0%}'}")
        counts: dict[str, int] = {}
        for ag in doc["agents"]:
            key = ag["state"] + (f"/{ag['reason']}" if ag["reason"] else "")
            counts[key] = counts.get(key, 0) + 1
        print("  agents: " + ", ".join(f"{k} {v}" for k, v in sorted(counts.items())))
        link = doc["telephony_link"]
        if not link["up"]:
            print(f"  telephony link ({link['source'] or '-'}) down since {link['down_since']}")
    return 0


def snapshot_json(state: FloorState, at: datetime) -> dict[str, Any]:
    p = state.policy
    queues = []
    for q in sorted(state.queues.values(), key=lambda x: x.id):
        waiting = state.waiting(q.id)
        longest = max(((at - c.queued_at).total_seconds() for c in waiting), default=0.0)
        c = state.counts(q.id, "shift")
        queues.append({"id": q.id, "name": q.name, "waiting": len(waiting),
                       "longest_wait_s": longest, **kpi.as_dict(c, p.sl_threshold_s)})
    agents = []
    for ag in sorted(state.agents.values(), key=lambda x: x.id):
        st = state.status[ag.id]
        agents.append({"id": ag.id, "name": ag.name, "group": ag.group,
                       "state": st.state.value,
                       "reason": st.reason.value if st.reason else None,
                       "since": local_iso(st.since, state),
                       "time_in_state_s": (at - st.since).total_seconds() if st.since else None,
                       "call": st.call,
                       "calls_today": st.calls_today if st.day == p.day_period(at).key else 0})
    shift = state.periods.get("shift")
    return {"at": local_iso(at, state), "policy_version": state.policy_version,
            "shift": shift.name if shift else None,
            "floor": kpi.as_dict(state.counts(FLOOR, "shift"), p.sl_threshold_s),
            "queues": queues, "agents": agents,
            # as the rules read it: a roster's leaders are off duty once it has ended
            "leaders_on_duty": sorted(state.leaders_at(at)[0]),
            "open_tickets": len(state.tickets),
            # issue #14: a headless check of the phone-system link, as the banners show it
            "telephony_link": {"up": state.telephony_down_since is None,
                               "down_since": local_iso(state.telephony_down_since, state),
                               "source": state.telephony_source},
            "last_event_id": state.last_event_id}


def cmd_replay(a: argparse.Namespace) -> int:
    from models.sim import scenario as sc

    try:
        scen = sc.load(a.scenario)
    except sc.ScenarioError as e:
        raise CliError(message_of(e) or str(e)) from None
    eng = open_db(a.db, create=a.create)
    with eng.connect() as conn:
        if store.has_events(conn) and not a.append:
            raise CliError(QT_TRANSLATE_NOOP("Cli", "The database already holds floor events: replay "
                                             "into an empty database, or pass --append"))
    host = f"replay:{Path(a.scenario).name}"
    writer = store.FloorWriter(eng, source=host)
    # issue #18: the floor host's clock goes on from where the last replay's stopped
    clock_from = scen.start
    if a.append and not a.realtime:
        with eng.connect() as conn:
            prior = store.get_meta(conn, "virtual_now")
        if prior is not None and datetime.fromisoformat(prior) < scen.start:
            clock_from = datetime.fromisoformat(prior)
    policy_before = writer.current().policy
    if a.append:
        # checked whole against the floor already in the database before anything is
        # written (issue #13 item 10): the error names events[i] and its t
        _check_append(writer, scen, a.scenario)
    if a.realtime:
        # a live floor: its floor host's scheduler raises the alerts as they fall due
        # (seatwatch service --source none), exactly once, as on a real floor
        events = list(scen.events)
        t0 = time.monotonic()
        for item in events:
            delay = (item.at - scen.start).total_seconds() - (time.monotonic() - t0)
            if delay > 0:
                time.sleep(delay)
            _append_or_fail(writer, [item])
    else:
        # the alert rules run on the replay's virtual clock: each alert carries the
        # second its condition became true (issue #4); the whole scenario is one
        # transaction, so an error leaves nothing of it behind (issue #13 item 10)
        events = list(rules.with_rules(writer.current(), scen.events, scen.until))
        until = scen.until.isoformat()

        def virtual_now(conn: Any, _state: FloorState, _acc: Sequence[FloorEvent]) -> None:
            store.set_meta(conn, "virtual_now", until)

        try:
            writer.append(events, extra=virtual_now, force_checkpoint=True,
                          all_or_nothing=True)
        except store.BatchRefused as e:
            raise CliError(_refused_line(a.scenario, scen, e.rejected.event,
                                         e.rejected.reason)) from None
        except SQLAlchemyError as e:  # a driver's error, or a value it cannot bind
            orig = getattr(e, "orig", None)
            msg = (str(orig) if orig is not None else str(e)).strip().splitlines()[0]
            log.error("replay %s: database error: %s", a.scenario, msg)
            raise CliError(QT_TRANSLATE_NOOP(
                "Cli", "{file}: the database refused the scenario, nothing was written: "
                       "{error}").format(file=a.scenario, error=msg)) from None
    raised = sum(e.type == "alert_raised" for e in events)
    print(say((QT_TRANSLATE_NOOP("Cli", "Replayed {n} events, {start} .. {until}; alerts as "
                                        "the floor host raises them") if a.realtime else
               QT_TRANSLATE_NOOP("Cli", "Replayed {n} events, {start} .. {until}; {raised} "
                                        "alert(s) raised")).format(
        n=len(scen.events), start=scen.start.isoformat(), until=scen.until.isoformat(),
        raised=raised)), flush=True)
    if not a.realtime:
        _host_on_virtual_clock(eng, a.scenario, host, policy_before, events, clock_from,
                               scen.until)
    return 0


def _host_on_virtual_clock(eng: Engine, path: str, host: str, policy: pol.Policy,
                           events: Sequence[FloorEvent], start: datetime,
                           until: datetime) -> None:
    """Issue #18: the rollups and the reports the floor host would have made on the
    replay's virtual clock (console/replay_host.py says how, and why after the events'
    transaction). A failure is one line; the events stay written."""
    from console import replay_host
    from models.domain.report import KIND_NAMES

    try:
        done = replay_host.catch_up(eng, policy, events, start, until, host)
    except Exception as e:  # the events are in: say what is missing, in one line
        log.exception("replay %s: rollups and reports on the virtual clock failed", path)
        text = str(getattr(e, "orig", None) or e).strip()
        raise CliError(QT_TRANSLATE_NOOP(
            "Cli", "{file}: the events are written, but the rollups and reports of its "
                   "virtual clock failed: {error} (`seatwatch rollup rebuild` and "
                   "`seatwatch report daily|monthly --date D --store` make them)").format(
            file=path, error=text.splitlines()[0] if text else type(e).__name__)) from None
    tz = replay_host.PolicyTimeline(policy, events).at(until).tz
    shown = ", ".join(f"{KIND_NAMES[m.kind]} {m.period} "
                      f"({m.at.astimezone(tz).strftime('%Y-%m-%d %H:%M')})" for m in done.made)
    print(say((QT_TRANSLATE_NOOP(
        "Cli", "virtual clock up to {until}: {n} 15-minute interval(s) closed; reports "
               "made at the time they fell due: {reports}") if done.made else
        QT_TRANSLATE_NOOP(
            "Cli", "virtual clock up to {until}: {n} 15-minute interval(s) closed; no report "
                   "fell due")).format(until=until.astimezone(tz).isoformat(),
                                       n=done.intervals, reports=shown)))


def _scenario_where(scen: Any, ev: FloorEvent) -> str:
    """``events[i] (t=…)`` of a scenario event, as the scenario file numbers it."""
    script = [e for e in scen.events if e.type not in ("floor_setup", "policy_applied")]
    t = (ev.at - scen.start).total_seconds()
    for i, e in enumerate(script):
        if e is ev:
            return f"events[{i}] (t={t:g})"
    return f"{ev.type} (t={t:g})"


def _refused_line(path: str, scen: Any, ev: FloorEvent, why: str) -> Any:
    return QT_TRANSLATE_NOOP("Cli", "{file}: {where}: {type}: {why}; nothing was written").format(
        file=path, where=_scenario_where(scen, ev), type=ev.type, why=why)


def _check_append(writer: store.FloorWriter, scen: Any, path: str) -> None:
    """Fold the scenario onto the floor in the database, and look for call and ticket
    ids it already holds, before writing anything (issue #13 item 10)."""
    from sqlalchemy import select

    from models.db.schema import CallRecordRow, TicketRow
    from models.domain.floor import IllegalEvent, apply

    state = writer.current()
    calls: dict[str, FloorEvent] = {}
    tickets: dict[str, FloorEvent] = {}
    for ev in scen.events:
        try:
            state = apply(state, ev)
        except IllegalEvent as err:
            raise CliError(_refused_line(path, scen, ev, str(err))) from None
        if ev.type == "call_queued" and ev.get("call") is not None:
            calls.setdefault(str(ev.get("call")), ev)
        elif ev.type == "ticket_created" and ev.get("ticket") is not None:
            tickets.setdefault(str(ev.get("ticket")), ev)
    with writer.engine.connect() as conn:
        for ids, col, what in (
                (calls, CallRecordRow.call_id,
                 QT_TRANSLATE_NOOP("Cli", "the database already holds call {id}")),
                (tickets, TicketRow.id,
                 QT_TRANSLATE_NOOP("Cli", "the database already holds ticket {id}"))):
            if not ids:
                continue
            wanted = list(ids)
            taken: set[str] = set()
            for i in range(0, len(wanted), 500):  # SQLite's limit on bound parameters
                taken.update(conn.execute(select(col).where(col.in_(wanted[i:i + 500])))
                             .scalars())
            for ident, ev in ids.items():
                if ident in taken:
                    raise CliError(_refused_line(path, scen, ev,
                                                 what.format(id=repr(ident))))


def _append_or_fail(writer: store.FloorWriter, events: Sequence[FloorEvent]) -> None:
    res = writer.append(events)
    if res.rejected:
        r = res.rejected[0]
        raise CliError(QT_TRANSLATE_NOOP("Cli", "The database refused {event} at {at}: {why} (with "
                                         "--append, the floor already in the database "
                                         "conflicts with the scenario)").format(
            event=r.event.type, at=r.event.at.isoformat(), why=r.reason))


def cmd_simulate(a: argparse.Namespace) -> int:
    from console.simulate import SimulateError, run_simulation

    start = parse_time(a.start, "--start") if a.start else None
    profile = None
    if a.profile:
        try:
            raw = json.loads(decode_text(Path(a.profile).read_bytes(), a.profile))
        except TextFileError as e:
            raise CliError(e.msg) from None
        except (OSError, json.JSONDecodeError) as e:
            raise CliError(QT_TRANSLATE_NOOP("Cli", "{file}: cannot read the hourly profile: {error}")
                           .format(file=a.profile, error=str(e))) from None
        if not (isinstance(raw, list) and len(raw) == 24
                and all(isinstance(x, int | float) and x >= 0 for x in raw)):
            raise CliError(QT_TRANSLATE_NOOP("Cli", "{file}: must be a JSON list of 24 non-negative "
                                             "weights").format(file=a.profile))
        profile = tuple(float(x) for x in raw)
    try:
        patience = None if a.patience == "none" else float(a.patience)
    except ValueError:
        raise CliError(QT_TRANSLATE_NOOP("Cli", "--patience: a number of seconds or none, got {value}")
                       .format(value=repr(a.patience))) from None
    eng = open_db(a.db, create=a.create)
    try:
        result = run_simulation(eng, agents=a.agents, hours=a.hours, seed=a.seed, start=start,
                                arrivals_per_hour=a.arrivals_per_hour, profile=profile,
                                aht_s=a.aht, talk_dist=a.talk_dist, acw_s=a.acw,
                                patience_s=patience, ivr_share=a.ivr_share,
                                breaks=not a.no_breaks, ringing=not a.no_ringing,
                                sl_threshold_s=a.sl_threshold, roster=a.roster)
    except (SimulateError, ValueError) as e:
        raise CliError(message_of(e) or str(e)) from None
    if a.json:
        print(json.dumps(result.kpis, ensure_ascii=False))
    else:
        k = result.kpis
        print(f"simulated {a.hours:g} h of {a.agents} agents: {result.events} events in "
              f"{result.wall_s:.1f} s ({result.speedup:,.0f}x real time)")
        print(f"  offered {k['offered']}  answered {k['answered']}  abandoned "
              f"{k['abandoned']}  IVR-only {k['ivr_only']}")
        for key in ("service_level", "answer_rate", "p_wait", "occupancy"):
            v = k[key]
            print(f"  {key:<14} {'-' if v is None else f'{v:.1%}'}")
        for key in ("asa_s", "aht_s"):
            v = k[key]
            print(f"  {key:<14} {'-' if v is None else f'{v:.1f} s'}")
    return 0


def _run_until_signal(stop: threading.Event) -> None:
    def handler(signum: int, frame: Any) -> None:
        stop.set()

    signal.signal(signal.SIGINT, handler)
    signal.signal(signal.SIGTERM, handler)


SOURCES = ("sim", "none", "ami")

#: ``service --source ami`` on a floor database where no mapping was applied
NO_MAPPING = QT_TRANSLATE_NOOP(
    "Cli", "No telephony mapping is applied on this floor database: run `seatwatch telephony "
           "apply --db URL FILE` first (`seatwatch telephony validate FILE` checks it)")


def _ami_mapping(eng: Engine) -> Any:
    """The telephony mapping in force (issue #14), or the CLI error saying how to apply one."""
    from models.db.telephony_db import current_mapping

    with eng.connect() as conn:
        found = current_mapping(conn)
    if found is None:
        raise CliError(NO_MAPPING)
    return found[1]


def _ami_preflight(eng: Engine) -> None:
    """Before the host role starts: a mapping is applied and its AMI secret can be
    read (keyring, else SEATWATCH_AMI_SECRET) — each missing one a single line."""
    from console.ami_secret import TelephonyError, secret_for

    mapping = _ami_mapping(eng)
    try:
        secret_for(mapping.ami.user, mapping.ami.host)
    except TelephonyError as e:
        raise CliError(e.msg) from None


def _ami_adapter(eng: Engine) -> Adapter:
    """The AMI source of one host tenure, with the mapping in force at its start; the
    secret is read at every login and each supervisor's own extension (set in the
    console) at each control."""
    from console.ami_adapter import AmiAdapter
    from console.ami_secret import secret_for
    from models.db.endpoints_db import supervisor_endpoint

    mapping = _ami_mapping(eng)
    ami = mapping.ami

    def endpoint(operator: str) -> tuple[str, str, str] | None:
        with eng.connect() as conn:
            return supervisor_endpoint(conn, operator)

    return AmiAdapter(mapping, secret_fn=lambda: secret_for(ami.user, ami.host),
                      endpoint_fn=endpoint)


def _floor_host_loop(eng: Engine, a: argparse.Namespace, source: str,
                     stopping: threading.Event, who: str, demo: bool = False,
                     exit_on_failure: bool = False) -> LeaderLoop:
    """The lease loop of a floor host: stand by until this process holds the floor
    lease, then run the host role (adapter, outbox, heartbeat, alert scheduler)
    until the lease is lost or ``stopping`` is set."""
    from console.adapters import NoSourceAdapter, SimulatorAdapter
    from console.lease import LeaderLoop, make_lease, new_holder_id
    from console.scheduler import HostRole
    from models.domain.records import LeaseInfo

    host_id = new_holder_id()
    where = dbengine.safe(eng.url)

    def adapter() -> Adapter:
        if source == "none":
            return NoSourceAdapter()
        if source == "ami":
            return _ami_adapter(eng)
        return SimulatorAdapter(agents=a.agents, seed=a.seed, demo=demo)

    def standby(info: LeaseInfo | None) -> None:
        held = "another host" if info is None else \
            f"{info.holder} (since {info.acquired_at.astimezone().isoformat(timespec='seconds')})"
        log.info("%s %s stands by: the floor host lease is held by %s", who, host_id, held)
        print(f"{who} {host_id} stands by: the floor host role on {where} is held by "
              f"{held}; it takes over when that host stops or dies", flush=True)

    def leader() -> None:
        log.info("%s %s holds the floor host lease on %s", who, host_id, where)
        print(f"{who} {host_id} holds the floor host lease on {where}: running "
              f"{'no telephony source' if source == 'none' else 'the ' + source + ' source'}"
              ", command outbox, heartbeat and alert scheduler", flush=True)

    def lost() -> None:
        print(f"{who} {host_id} lost the floor host lease: its jobs are stopped; "
              "standing by", flush=True)

    return LeaderLoop(make_lease(eng, host_id),
                      lambda: HostRole(eng, adapter(), host_id).start(), stopping,
                      on_standby=standby, on_leader=leader, on_lost=lost,
                      exit_on_failure=exit_on_failure)


def cmd_service(a: argparse.Namespace) -> int:
    if a.source not in SOURCES:
        raise CliError(QT_TRANSLATE_NOOP("Cli", "Unknown --source {value} (available: {known})").format(
            value=repr(a.source), known=", ".join(SOURCES)))
    eng = open_db(a.db)
    if a.source == "ami":
        _ami_preflight(eng)
    stopping = threading.Event()
    _run_until_signal(stopping)
    # issue #13 item 3: a host role that fails ends the process (non-zero) once it
    # has given up the lease, so a standby takes over and a supervisor restarts it
    loop = _floor_host_loop(eng, a, a.source, stopping, "floor host", exit_on_failure=True)
    print(f"floor host starting on {dbengine.safe(eng.url)} (source: {a.source}); "
          "Ctrl+C stops", flush=True)
    loop.run()
    if loop.failed is not None and not stopping.is_set():
        raise CliError(QT_TRANSLATE_NOOP(
            "Cli", "The floor host stopped working ({reason}) and gave up the floor; a "
                   "standby host takes over. See the log file {log}").format(
            reason=loop.failed, log=_log_file()))
    return 0


def cmd_demo(a: argparse.Namespace) -> int:
    from console.feed import FloorFeed
    from models.domain.records import FloorSnapshot

    # the demo is the first-run path: it makes its floor (and says so) when missing;
    # without --db it stays on this PC's own file, never the PC's default connection
    # (a simulator must not write into a shared floor's real log)
    eng = open_db(a.db or dbengine.default_url(), create=True)
    _seed_demo_roster(eng, a.agents, a.seed)
    stopping = threading.Event()
    loop = _floor_host_loop(eng, a, "sim", stopping, "demo host", demo=True)
    t = threading.Thread(target=loop.run, name="floor-lease", daemon=True)
    if not a.headless:
        return _demo_window(a, eng, stopping, t)
    _run_until_signal(stopping)
    t.start()
    feed = FloorFeed(eng.url, engine=None)
    latest: list[FloorSnapshot] = []
    feed.subscribe(lambda s: latest.append(s) if not latest else latest.__setitem__(0, s))
    feed.start()
    print(f"Seatwatch demo: {a.agents} simulated agents on {dbengine.safe(eng.url)} "
          "(Ctrl+C stops)", flush=True)
    try:
        end = time.monotonic() + a.seconds if a.seconds else None
        while not stopping.wait(a.every):
            if latest:
                print(_summary_line(latest[0]), flush=True)
            if end is not None and time.monotonic() >= end:
                break
    finally:
        stopping.set()
        feed.stop()
        t.join(15)
    return 0


#: the demo's leaders after DEMO (who the console acts as): one per further shift
DEMO_LEADERS = (("DEMO2", "演示值班长乙"), ("DEMO3", "演示值班长丙"))


def _seed_demo_roster(eng: Engine, agents: int, seed: int,
                      now: datetime | None = None) -> list[RosterEntry]:
    """The demo's simulated agents work to a roster (issue #6) — this week and next —
    unless the floor already keeps one for today.

    A realistic one (issue #12): each agent on its own shift with two rest days a
    week (as the simulated agents keep them), each shift with its own leader — the
    demo leader on the shift running now, another demo leader on each other shift —
    and nothing before the simulated floor begins (the register would show shifts
    nobody could have signed in for as 旷工)."""
    from console.simulate import sim_roster
    from models.db import operators, shiftops
    from models.sim.simulator import SimConfig, Simulator, demo_start

    now = now or datetime.now(UTC)
    with eng.connect() as conn:
        state = store.current_state(conn)
        policy = state.policy
        today = now.astimezone(policy.tz).date()
        if shiftops.roster_between(conn, today, today):
            return []
    begin = now - timedelta(minutes=20)  # as console.adapters.SimulatorAdapter starts
    shifts_from = demo_start(policy, now)
    if shifts_from is not None:
        begin = min(begin, shifts_from)
    if state.at is not None and state.at > begin:
        begin = state.at
    leader = operators.ensure_demo_leader(eng)
    running = policy.shift_period(now).name
    others = [s.name for s in policy.shifts if s.name != running]
    shift_leaders = {running: leader.id}
    for name, (oid, person) in zip(others, DEMO_LEADERS, strict=False):
        shift_leaders[name] = operators.ensure_demo_leader(eng, operator_id=oid,
                                                           name=person).id
    setup = Simulator(SimConfig(agents=agents, seed=seed, start=now,
                                rest_days=True)).setup_events()
    monday = today - timedelta(days=today.weekday())
    # from the day the floor begins when that is before Monday (a Monday-morning demo:
    # Sunday's 夜班 is running)
    first = min(monday, begin.astimezone(policy.tz).date())
    entries = sim_roster(setup, policy, first, monday + timedelta(days=13),
                         shift_leaders=shift_leaders, rest_days=True, not_before=begin)
    shiftops.import_roster(eng, entries, by="cli:demo", now=now)
    return entries


def _demo_window(a: argparse.Namespace, eng: Engine, stopping: threading.Event,
                 host_thread: threading.Thread) -> int:
    """The whole floor in one process: host + scheduler thread, console window (demo
    leader)."""
    from PySide6.QtCore import QTimer

    from console.app import ConsoleApp
    from console.ui import qt_app
    from models.db import operators

    app = qt_app()
    # the demo signs in its own shift leader (nobody can sign in as DEMO elsewhere)
    leader = operators.ensure_demo_leader(eng)
    token = operators.new_token()  # its controls carry a session, as a sign-in's do
    with store.writing(eng).begin() as conn:
        operators.open_session(conn, leader.id, token, dbengine.server_now(conn), "demo")
    host_thread.start()
    console = ConsoleApp(app, eng, operator=leader, language=a.lang, theme_name=a.theme,
                         session=token)
    console.shutting_down.connect(stopping.set)
    console.start()
    if a.seconds:
        QTimer.singleShot(int(a.seconds * 1000), app.quit)
    signal.signal(signal.SIGINT, lambda *_: app.quit())
    rc = app.exec()
    stopping.set()
    host_thread.join(15)
    return int(rc)


def cmd_console(a: argparse.Namespace) -> int:
    # every start-up problem (no database, a typo'd file, a bug) reaches a window:
    # the console is usually started from a shortcut, with no terminal to read
    from console.app import run_console

    return run_console(a.db, create=a.create, operator_id=a.operator, language=a.lang,
                       theme_name=a.theme)


def headless_platform(env: dict[str, str] | None = None) -> str | None:
    """The Qt platform a screenshot needs when there is no display (issue #12, item 11):
    over SSH without X forwarding, xcb would abort with a message about a missing
    plugin; a screenshot does not need a screen, so it renders offscreen. An explicit
    QT_QPA_PLATFORM is kept."""
    e = os.environ if env is None else env
    if e.get("QT_QPA_PLATFORM") or e.get("DISPLAY") or e.get("WAYLAND_DISPLAY"):
        return None
    return "offscreen" if sys.platform.startswith("linux") else None


def cmd_screenshot(a: argparse.Namespace) -> int:
    platform = headless_platform()
    if platform is not None:
        os.environ["QT_QPA_PLATFORM"] = platform
    from console.screenshot import render

    try:
        w, h = (int(x) for x in a.size.lower().split("x"))
    except ValueError:
        raise CliError(QT_TRANSLATE_NOOP("Cli", "--size: WIDTHxHEIGHT, e.g. 1920x1080, got {value}")
                       .format(value=repr(a.size))) from None
    eng = open_db(a.db)
    try:
        layout = _layout(a.layout) if a.layout else None
        day = None
        if a.date:
            day = datetime.strptime(a.date, "%Y-%m-%d").date()
        first = _day(a.date_from, "--from") if a.date_from else None
        last = _day(a.date_to, "--to") if a.date_to else None
        out = render(a.view, eng, Path(a.out), size=(w, h), lang=a.lang, theme=a.theme,
                     select=a.select, page=a.page, part=max(0, a.part - 1), layout=layout,
                     day=day, shift=a.shift, month=a.month, operator=a.operator,
                     by=a.by, date_from=first, date_to=last)
    except (ValueError, OSError) as e:
        raise CliError(message_of(e) or str(e)) from None
    print(f"{a.view} rendered to {out}")
    return 0


def _day(s: str, what: str) -> date:
    try:
        return date.fromisoformat(s)
    except ValueError:
        raise CliError(QT_TRANSLATE_NOOP("Cli", "{what}: not a date (2026-03-02): {value}")
                       .format(what=what, value=repr(s))) from None


def cmd_director(a: argparse.Namespace) -> int:
    """``seatwatch director``: the same sign-in as the console, then the window."""
    from console.app import connect_floor, describe_target, show_startup_bug, sign_in
    from console.director_app import StartUp, run_director

    return run_director(a.db, StartUp(connect_floor, sign_in, show_startup_bug,
                                      describe_target),
                        operator_id=a.operator, language=a.lang, theme_name=a.theme)


def _layout(path: str) -> Any:
    from models.domain.wallboard_layout import LayoutError, load

    try:
        return load(path)
    except LayoutError as e:
        raise CliError(QT_TRANSLATE_NOOP("Cli", "Invalid layout file: {why}").format(
            why=message_of(e) or str(e))) from None


def cmd_wallboard(a: argparse.Namespace) -> int:
    from models.domain.wallboard_layout import PAGES, Layout

    layout = _layout(a.layout) if a.layout else Layout()
    if a.page:
        if a.page not in PAGES:
            raise CliError(QT_TRANSLATE_NOOP("Cli", "--page: unknown page {value} (pages: {known})").format(
                value=repr(a.page), known=", ".join(PAGES)))
        layout = layout.with_pin(a.page)
    if a.lang or a.theme:
        from dataclasses import replace

        layout = replace(layout, language=a.lang or layout.language,
                         theme=a.theme or layout.theme)
    if a.check:
        pages = ", ".join(f"{p.name} {p.seconds:g} s" for p in layout.pages)
        print(f"layout OK: pages {pages}; pinned: {layout.pin or '-'}; theme {layout.theme}; "
              f"language {layout.language}; stale after {layout.stale_after_s:g} s; "
              f"clock zone before the floor answers: {layout.timezone or 'last seen'}")
        return 0
    from console.wallboard_app import EXIT_SHORTCUT, start_wallboard

    # a wall PC may start before the database server: the board then comes up with
    # its "数据中断" overlay and the feed keeps trying, instead of exiting
    not_set_up = a.db is None and dbengine.needs_first_run()
    url = dbengine.resolve(a.db)
    eng = _make_engine(url, create=False)  # a wall never makes a floor file (issue #12)
    try:
        dbengine.ensure_schema(eng, migrate_sqlite=False)
    except (OperationalError, DBAPIError) as e:
        log.warning("database %s not reachable at start (%s): the board will retry",
                    dbengine.safe(url), str(e.orig or e).strip().splitlines()[0])
    board = start_wallboard(eng, layout, screen=a.screen, windowed=a.windowed)
    board.view.not_set_up = not_set_up  # its overlay says how to set the PC up
    app = board.app
    print(f"Seatwatch wallboard on {dbengine.safe(eng.url)}: {EXIT_SHORTCUT} exits", flush=True)
    signal.signal(signal.SIGINT, lambda *_: app.quit())
    return int(app.exec())


def _summary_line(s: Any) -> str:
    st: FloorState = s.state
    now = s.server_now()
    by: dict[str, int] = {}
    for x in st.status.values():
        by[x.state.value] = by.get(x.state.value, 0) + 1
    c = st.counts(FLOOR, "shift")
    sl = kpi.service_level(c)
    waiting = st.waiting()
    longest = max(((now - w.queued_at).total_seconds() for w in waiting), default=0.0)
    flag = f"  [STALE: {s.status.reason}]" if s.status.stale else ""
    local = now.astimezone(st.policy.tz).strftime("%H:%M:%S")
    return (f"{local}  waiting {len(waiting):>2} (longest {longest:>3.0f}s)  "
            f"ready {by.get('ready', 0)}  talking {by.get('talking', 0) + by.get('hold', 0)}  "
            f"acw {by.get('after_call', 0)}  away {by.get('away', 0)}  "
            f"answered {c.answered}  abandoned {c.abandoned}  "
            f"SL {'-' if sl is None else f'{sl:.0%}'}{flag}")


# ---- parser --------------------------------------------------------------------------------

CREATE_HELP = ("create a new SQLite floor database if the file does not exist (first run; "
               "without it a missing file is an error)")


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="seatwatch",
                                description="Seatwatch 坐席值班长控制台与大屏")
    p.add_argument("-v", "--verbose", action="store_true", help="also log to stderr")
    p.add_argument("-V", "--version", action="version", version=f"seatwatch {version()}",
                   help="print the program's version and exit")
    sub = p.add_subparsers(dest="command", required=True)
    dbhelp = ("SQLAlchemy URL or saved profile name (default: the PC's default connection "
              "saved by the first-run wizard, else SQLite in the user data folder)")

    d = sub.add_parser("demo", help="the whole floor in one process (SQLite + simulator)")
    d.add_argument("--db", help="SQLAlchemy URL or saved profile name (default: SQLite in "
                   "the user data folder)")
    d.add_argument("--agents", type=int, default=60)
    d.add_argument("--seed", type=int, default=1)
    d.add_argument("--every", type=float, default=5.0, help="seconds between summary lines")
    d.add_argument("--seconds", type=float, default=0.0, help="stop after this long (0: never)")
    d.add_argument("--headless", action="store_true",
                   help="no window: print a summary line every --every seconds")
    d.add_argument("--lang", choices=["zh_CN", "en"], help="interface language")
    d.add_argument("--theme", choices=["light", "dark"])
    d.set_defaults(fn=cmd_demo)

    c = sub.add_parser("console", help="the shift leader's console window")
    # the Start-menu shortcut carries no --db (issue #19): a PC never set up gets the
    # first-run wizard, one set up its default connection
    c.add_argument("--db", help=dbhelp)
    c.add_argument("--create", action="store_true", help=CREATE_HELP)
    c.add_argument("--operator", help="operator 工号 to fill in at the sign-in (the last "
                   "one used is remembered)")
    c.add_argument("--lang", choices=["zh_CN", "en"])
    c.add_argument("--theme", choices=["light", "dark"])
    c.set_defaults(fn=cmd_console)

    wb = sub.add_parser("wallboard", help="the wall screen: full screen, read-only "
                        "(Ctrl+Shift+Q exits)")
    wb.add_argument("--db", help=dbhelp)
    wb.add_argument("--screen", type=int, default=0, help="monitor number, 0 = the first")
    wb.add_argument("--layout", help="layout file (TOML): pages, rotation, pin, theme, ticker")
    wb.add_argument("--page", help="pin one page: overview, agents, queues or alerts")
    wb.add_argument("--lang", choices=["zh_CN", "en"], help="default: the layout's (zh_CN)")
    wb.add_argument("--theme", choices=["light", "dark"], help="default: the layout's (dark)")
    wb.add_argument("--windowed", action="store_true", help="a normal window (for setting up)")
    wb.add_argument("--check", action="store_true", help="validate the layout and exit")
    wb.set_defaults(fn=cmd_wallboard)

    sc = sub.add_parser("screenshot", help="render a view from the database to a PNG")
    # console.screenshot.VIEWS (not imported here: it loads Qt)
    sc.add_argument("view", choices=["console", "alerts", "wallboard", "meeting", "register",
                                     "summary", "leave", "roster", "handover",
                                     "assessment", "training", "announcements", "operators",
                                     "floor_setup", "audit",
                                     "my_extension", "contacts", "force", "signin",
                                     "first_admin", "startup_error", "first_run",
                                     "director"])
    sc.add_argument("--db", required=True, help=dbhelp)
    sc.add_argument("--out", required=True)
    sc.add_argument("--size", default="1920x1080")
    sc.add_argument("--lang", choices=["zh_CN", "en"], default="zh_CN")
    sc.add_argument("--theme", choices=["light", "dark"],
                    help="default: light for the console, the layout's (dark) for the wallboard")
    sc.add_argument("--select", help="agent 工号 to show in the detail panel (force: the "
                                     "agent the dialog is for)")
    sc.add_argument("--page", default="overview",
                    choices=["overview", "agents", "queues", "alerts", "choice", "local",
                             "shared"],
                    help="wallboard page; first_run: choice, local or shared")
    sc.add_argument("--part", type=int, default=1, help="wallboard: which page of a long "
                    "page (agents 2/3 → 2)")
    sc.add_argument("--layout", help="wallboard layout file (TOML)")
    sc.add_argument("--date", help="shift views: the day (YYYY-MM-DD; default: the floor's "
                                   "today)")
    sc.add_argument("--shift", help="meeting: the shift's name")
    sc.add_argument("--month", help="summary, assessment: YYYY-MM")
    sc.add_argument("--operator", help="shift and dialog views: as this operator (default: "
                                       "the first shift leader, or the first operator with "
                                       "the dialog's right)")
    sc.add_argument("--by", choices=["hour", "day", "week", "month", "shift"],
                    help="director: the charts' granularity (default: day)")
    sc.add_argument("--from", dest="date_from", help="director: first day (YYYY-MM-DD)")
    sc.add_argument("--to", dest="date_to", help="director: last day (YYYY-MM-DD)")
    sc.set_defaults(fn=cmd_screenshot)

    dr = sub.add_parser("director", help="the director's window: trends of the floor's "
                                         "history (directors and department heads)")
    dr.add_argument("--db", help=dbhelp)
    dr.add_argument("--operator", help="operator 工号 to fill in at the sign-in")
    dr.add_argument("--lang", choices=["zh_CN", "en"])
    dr.add_argument("--theme", choices=["light", "dark"])
    dr.set_defaults(fn=cmd_director)

    s = sub.add_parser("service", help="headless floor host: adapter, command outbox, "
                       "heartbeat and alert scheduler; a second one stands by")
    s.add_argument("--db", required=True, help=dbhelp)
    s.add_argument("--source", default="sim",
                   help="telephony source: sim (the simulator), ami (the Asterisk named by "
                        "the applied telephony mapping) or none (events come from "
                        "elsewhere, e.g. replay --realtime; controls fail with a message)")
    s.add_argument("--agents", type=int, default=60)
    s.add_argument("--seed", type=int, default=1)
    s.set_defaults(fn=cmd_service)

    m = sub.add_parser("simulate", help="fast-forward a simulated floor into the database")
    m.add_argument("--roster", action="store_true",
                   help="also write the roster the simulated agents work to (for the "
                        "attendance register and R-LOGIN-1)")
    m.add_argument("--db", required=True, help=dbhelp)
    m.add_argument("--create", action="store_true", help=CREATE_HELP)
    m.add_argument("--agents", type=int, required=True)
    m.add_argument("--hours", type=float, required=True)
    m.add_argument("--seed", type=int, default=1)
    m.add_argument("--start", help="ISO time with offset (default: today 00:00 floor time)")
    g = m.add_mutually_exclusive_group()
    g.add_argument("--arrivals-per-hour", type=float)
    g.add_argument("--profile", help="JSON list of 24 hourly weights")
    m.add_argument("--aht", type=float, default=240.0, help="mean talk time incl. hold, s")
    m.add_argument("--talk-dist", choices=["exponential", "lognormal"], default="lognormal")
    m.add_argument("--acw", type=float, default=30.0, help="mean after-call work, s (0: off)")
    m.add_argument("--patience", default="90", help="mean caller patience, s, or none")
    m.add_argument("--ivr-share", type=float, default=0.15)
    m.add_argument("--no-breaks", action="store_true")
    m.add_argument("--no-ringing", action="store_true")
    m.add_argument("--sl-threshold", type=float, default=20.0)
    m.add_argument("--json", action="store_true")
    m.set_defaults(fn=cmd_simulate)

    r = sub.add_parser("replay", help="replay a scenario file into the database")
    r.add_argument("scenario")
    r.add_argument("--db", required=True, help=dbhelp)
    r.add_argument("--create", action="store_true", help=CREATE_HELP)
    r.add_argument("--realtime", action="store_true",
                   help="write the events at their pace on the wall clock; the alerts, "
                        "rollups and reports then come from a running floor host "
                        "(seatwatch service --source none). Without it the alert rules run "
                        "on the scenario's virtual clock, and after the events the rollups "
                        "are closed and each report made that fell due by until, stamped at "
                        "its virtual time")
    r.add_argument("--append", action="store_true",
                   help="add to a floor that holds events: the virtual clock goes on from "
                        "the last replay's until; a report already stored is not made again")
    r.set_defaults(fn=cmd_replay)

    n = sub.add_parser("snapshot", help="the floor as the reducer sees it")
    n.add_argument("--db", required=True, help=dbhelp)
    n.add_argument("--at", help="ISO time with offset (default: now, or a replay's until)")
    n.add_argument("--json", action="store_true")
    n.set_defaults(fn=cmd_snapshot)

    b = sub.add_parser("db", help="database schema and credentials")
    bs = b.add_subparsers(dest="action", required=True)
    bu = bs.add_parser("upgrade", help="migrate the schema to this program's version")
    bu.add_argument("--db", required=True, help=dbhelp)
    bp = bs.add_parser("set-password", help="store a profile's password in the OS keyring")
    bp.add_argument("profile")
    bf = bs.add_parser("save-profile", help="save a named connection (password -> keyring)")
    bf.add_argument("profile")
    bf.add_argument("url")
    br = bs.add_parser("roles", help="PostgreSQL roles for the floor host, consoles and walls: "
                                     "print the SQL, or apply it as the owner")
    br.add_argument("--db", required=True, help="the owner's connection (URL or profile)")
    br.add_argument("--apply", action="store_true", help="run the SQL (else print it)")
    br.add_argument("--prefix", default="seatwatch", help="role name prefix "
                                                          "(default seatwatch)")
    bv = bs.add_parser("version", help="schema version of the database and of this program")
    bv.add_argument("--db", required=True, help=dbhelp)
    b.set_defaults(fn=cmd_db)

    au = sub.add_parser("audit", help="the audit log")
    aus = au.add_subparsers(dest="action", required=True)
    auv = aus.add_parser("verify", help="check the audit log's hash chain; names the first "
                                        "altered row (exit 1)")
    auv.add_argument("--db", help=dbhelp)
    au.set_defaults(fn=cmd_audit)

    f = sub.add_parser("floor", help="floor setup")
    fs = f.add_subparsers(dest="action", required=True)
    fi = fs.add_parser("import", help="import groups, queues, agents from CSV or JSON")
    fi.add_argument("file")
    fi.add_argument("--db", help=dbhelp)
    fi.add_argument("--create", action="store_true", help=CREATE_HELP)
    fi.add_argument("--partial", action="store_true", help="import the good rows of a "
                                                           "file with bad ones")
    f.set_defaults(fn=cmd_floor_import)

    o = sub.add_parser("policy", help="the floor policy (TOML)")
    os_ = o.add_subparsers(dest="action", required=True)
    ov = os_.add_parser("validate", help="check a policy file")
    ov.add_argument("file")
    oa = os_.add_parser("apply", help="apply a policy file to the floor (versioned)")
    oa.add_argument("file")
    oa.add_argument("--db", help=dbhelp)
    oa.add_argument("--by", help="who applies it (default: the OS user)")
    osh = os_.add_parser("show", help="show a file's effective policy, or the floor's")
    osh.add_argument("file", nargs="?")
    osh.add_argument("--db", help=dbhelp)
    o.set_defaults(fn=cmd_policy)
    add_admin_parser(sub)
    add_alerts_parsers(sub)
    add_shift_parsers(sub, dbhelp)
    add_telephony_parser(sub, dbhelp)
    add_rollup_parsers(sub, dbhelp)
    add_staffing_parsers(sub, dbhelp)
    add_qa_parsers(sub, dbhelp)
    add_assess_parsers(sub, dbhelp)
    add_report_parsers(sub, dbhelp)
    return p


def _warn_password_in_db(db: object) -> None:
    """A password inside ``--db`` shows in the process list and the shell history
    (issue #13): say so on stderr, in one line that never repeats it."""
    if not isinstance(db, str) or "://" not in db:
        return
    try:
        has = bool(make_url(db).password)
    except (ArgumentError, ValueError):
        return  # the command itself reports a URL it cannot read
    if has:
        log.warning("--db carries a password (%s)", dbengine.safe(db))
        print("seatwatch: warning: " + say(QT_TRANSLATE_NOOP(
            "Cli", "--db contains a password, which other users of this PC can see in "
                   "the process list; keep it in the system keyring (seatwatch db "
                   "save-profile, seatwatch db set-password) or in ~/.pgpass")),
              file=sys.stderr, flush=True)


def _input_of(a: argparse.Namespace) -> str:
    """What a command was given to read (its file, scenario or layout), for the
    one line an unexpected error prints; else the command itself."""
    for attr in ("file", "scenario", "layout", "policy", "setup"):
        v = getattr(a, attr, None)
        if isinstance(v, str) and v:
            return v
    return " ".join(str(x) for x in (getattr(a, "command", None), getattr(a, "action", None))
                    if x)


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    a = parser.parse_args(argv)
    log_path: Path | None = None
    program = a.command if a.command in crashlog.GUI_PROGRAMS | {"service"} else "cli"
    try:
        log_path = setup_logging(a.verbose, program)
    except OSError as e:  # a read-only profile must not stop the program
        print("seatwatch: warning: " + say(QT_TRANSLATE_NOOP(
            "Cli", "Cannot open the log file: {error}").format(error=str(e))), file=sys.stderr)
    # uncaught exceptions (a worker thread's, a Qt slot's) and native crashes logged too
    crashlog.install(program, log_path, log_path.parent if log_path else None)
    _warn_password_in_db(getattr(a, "db", None))
    try:
        return int(a.fn(a))
    except CliError as e:
        log.error("%s", e)
        print(error_line(e), file=sys.stderr)
        return EXIT_ERROR
    except dbengine.DbError as e:
        log.error("%s", e)
        print(error_line(e), file=sys.stderr)
        return EXIT_ERROR
    except (OperationalError, DBAPIError) as e:
        msg = str(e.orig).strip().splitlines()[0] if getattr(e, "orig", None) else str(e)
        log.error("database error: %s", msg)
        print(error_line(QT_TRANSLATE_NOOP("Cli", "Database: {error}").format(error=msg)),
              file=sys.stderr)
        return EXIT_ERROR
    except KeyboardInterrupt:
        return 130
    except Exception as e:  # noqa: BLE001 - a bug: one line for the person, the trace logged
        # issue #13: fuzzed files printed tracebacks; whatever a command does not
        # expect ends as one line naming its input and where the details are
        log.exception("unexpected error in %s (%s)", a.command, _input_of(a))
        print(error_line(QT_TRANSLATE_NOOP(
            "Cli", "{input}: unexpected error ({kind}); the details are in {log}").format(
            input=_input_of(a), kind=type(e).__name__,
            log=str(log_path) if log_path else "-")), file=sys.stderr)
        return EXIT_ERROR
    finally:
        while _engines:
            _engines.pop().dispose()


if __name__ == "__main__":
    sys.exit(main())

