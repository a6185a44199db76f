"""Who may do what in the floor database (issue #13 item 6, R-CTRL-1, R-PRIV-2).

A control runs only under a live sign-in session of its operator (SQLite and
PostgreSQL); the audit log is hash-chained and ``seatwatch audit verify`` names
the first altered row; on PostgreSQL ``seatwatch db roles`` gives the floor host,
the consoles and the walls their least rights, and each forbidden thing is tried
while connected as that role.
"""

from __future__ import annotations

import itertools
import os
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
import sqlalchemy as sa
from sqlalchemy.engine import make_url
from sqlalchemy.exc import DBAPIError

from console import cli
from console.adapters import SimulatorAdapter
from console.host import FloorHost
from models.db import audit as auditlog
from models.db import engine as dbengine
from models.db import operators, roles, store
from models.db.host_db import submit_command
from models.domain.commands import Action, SupervisorCommand
from models.domain.types import AgentState, AwayReason
from tests.conftest import pg_admin

START = datetime(2026, 3, 2, 1, 30, tzinfo=UTC)  # 09:30 Shanghai
PW = "pw-L01-secret"


class Clock:
    def __init__(self) -> None:
        self.now = START

    def __call__(self) -> datetime:
        return self.now


def _floor(url: str | sa.URL, owner_url: str | None = None
           ) -> tuple[FloorHost, Clock]:
    clock = Clock()
    h = FloorHost(dbengine.make_engine(url), SimulatorAdapter(agents=12, seed=5), clock=clock)
    h.start()
    # operators are administered by the owner (or on one PC by the only user)
    eng = dbengine.make_engine(owner_url or url)
    with eng.begin() as c:
        operators.create_operator(c, "L01", "张班长", PW, {"shift_leader"},
                                  by="test", now=clock.now)
        operators.create_operator(c, "L02", "李班长", "pw-L02-secret",
                                  {"shift_leader"}, by="test", now=clock.now)
    eng.dispose()
    return h, clock


@pytest.fixture
def floor(db_url: str) -> Iterator[tuple[FloorHost, Clock]]:
    h, clock = _floor(db_url)
    yield h, clock
    h.engine.dispose()


def idle_agent(h: FloorHost, clock: Clock) -> str:
    for _ in range(200):
        clock.now += timedelta(seconds=5)
        h.tick()
        idle = [s.agent for s in h.writer.current().status.values()
                if s.state is AgentState.READY]
        if idle:
            return idle[0]
    raise AssertionError("nobody ready on the simulated floor")


def command(h: FloorHost, cid: str) -> Any:
    with h.engine.connect() as c:
        return c.execute(sa.text("SELECT status, message FROM supervisor_command "
                                 "WHERE id = :i"), {"i": cid}).one()


def away(cid: str, agent: str, by: str = "L01") -> SupervisorCommand:
    return SupervisorCommand(cid, Action.FORCE_AWAY, agent, by, reason="谈话",
                             away_reason=AwayReason.MEETING)


# ---- sessions: the host runs a control only under its operator's live session ---------


@pytest.mark.parametrize("token", [None, "made-up-token"])
def test_a_forged_control_naming_a_real_leader_is_refused_and_audited(
        floor: Any, token: str | None) -> None:
    """R-CTRL-1: a row naming shift leader L01, written by any PC without L01's
    sign-in, must not reach the switch (before issue #13 it was executed)."""
    h, clock = floor
    agent = idle_agent(h, clock)
    submit_command(h.engine, away("forged", agent), clock.now, session=token)
    h.tick()
    row = command(h, "forged")
    assert row.status == "failed" and "session" in row.message
    assert h.writer.current().status[agent].state is AgentState.READY  # nothing happened
    with h.engine.connect() as c:
        audit = auditlog.query_audit(c, operator="L01", action="force_away")
    assert len(audit) == 1 and audit[0].result.startswith("refused")
    assert audit[0].detail["session"] in ("no session", "unknown session")


def test_a_signed_in_leaders_control_runs_and_another_operators_session_does_not(
        floor: Any) -> None:
    h, clock = floor
    agent = idle_agent(h, clock)
    _op, l02 = operators.sign_in(h.engine, "L02", "pw-L02-secret", clock.now)
    # L02's session used to give a control in L01's name: refused
    submit_command(h.engine, away("borrowed", agent), clock.now, session=l02)
    h.tick()
    assert command(h, "borrowed").status == "failed"
    assert h.writer.current().status[agent].state is AgentState.READY
    op, token = operators.sign_in(h.engine, "L01", PW, clock.now, workstation="PC-07")
    assert op.id == "L01" and len(token) >= 40
    submit_command(h.engine, away("signed", agent), clock.now, session=token)
    h.tick()
    assert command(h, "signed").status == "done"
    assert h.writer.current().status[agent].state is AgentState.AWAY


def test_an_expired_session_no_longer_gives_controls(floor: Any) -> None:
    h, clock = floor
    agent = idle_agent(h, clock)
    _op, token = operators.sign_in(h.engine, "L01", PW, clock.now)
    with h.engine.begin() as c:  # the shift is long over (PostgreSQL dates it by its clock)
        c.execute(sa.text("UPDATE operator_session SET expires_at = :t"),
                  {"t": clock.now - timedelta(seconds=1)})
    submit_command(h.engine, away("late", agent), clock.now, session=token)
    h.tick()
    assert command(h, "late").status == "failed"
    with h.engine.connect() as c:
        [row] = auditlog.query_audit(c, action="force_away")
    assert row.detail["session"] == "session expired"


def test_only_the_token_hash_is_stored(floor: Any) -> None:
    h, clock = floor
    _op, token = operators.sign_in(h.engine, "L01", PW, clock.now)
    with h.engine.connect() as c:
        stored = c.execute(sa.text("SELECT token_hash FROM operator_session")).scalars().all()
    assert stored == [operators.token_hash(token)] and token not in stored


# ---- the audit log's hash chain ---------------------------------------------------------


def _write_audit(url: str, n: int) -> list[int]:
    eng = dbengine.make_engine(url)
    ids = []
    with eng.begin() as c:
        for i in range(n):
            ids.append(auditlog.audit(c, at=START + timedelta(seconds=i, microseconds=i * 7),
                                      operator="L01", action="force_away", agent="1001",
                                      detail={"n": i, "why": "谈话", "f": 0.1 * i},
                                      result="done: ok", workstation="PC-07"))
    eng.dispose()
    return ids


def _owner_sql(url: str, sql: str) -> None:
    """What an owner (or anyone who owns the table) can do around the triggers."""
    eng = dbengine.make_engine(url)
    with eng.begin() as c:
        if c.dialect.name == "postgresql":
            c.exec_driver_sql("ALTER TABLE audit_log DISABLE TRIGGER audit_log_append_only")
            c.exec_driver_sql(sql)
            c.exec_driver_sql("ALTER TABLE audit_log ENABLE TRIGGER audit_log_append_only")
        else:
            c.exec_driver_sql("DROP TRIGGER audit_log_no_update")
            c.exec_driver_sql("DROP TRIGGER audit_log_no_delete")
            c.exec_driver_sql(sql)
    eng.dispose()


def test_audit_verify_passes_an_intact_log(db_url: str,
                                           capsys: pytest.CaptureFixture[str]) -> None:
    _write_audit(db_url, 5)
    assert cli.main(["audit", "verify", "--db", db_url]) == 0
    assert "5" in capsys.readouterr().out


@pytest.mark.parametrize("tamper", ["update", "delete"])
def test_audit_verify_names_the_first_row_the_owner_altered(
        db_url: str, capsys: pytest.CaptureFixture[str], tamper: str) -> None:
    ids = _write_audit(db_url, 6)
    victim = ids[3]
    if tamper == "update":  # the owner rewrites what happened, keeping the old hash
        _owner_sql(db_url, f"UPDATE audit_log SET result = 'failed: switch' WHERE id = {victim}")
        first_bad = victim
    else:  # or removes a row: the next one no longer chains
        _owner_sql(db_url, f"DELETE FROM audit_log WHERE id = {victim}")
        first_bad = ids[4]
    assert cli.main(["audit", "verify", "--db", db_url]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and err.startswith("seatwatch: error:")
    assert str(first_bad) in err and "Traceback" not in err


def test_concurrent_writers_chain_in_id_order(db_url: str) -> None:
    """Two transactions writing at once still give one chain (the advisory lock on
    PostgreSQL; SQLite has one writer)."""
    import threading

    eng = dbengine.make_engine(db_url)
    errors: list[BaseException] = []

    def writer(k: int) -> None:
        try:
            for i in range(15):
                with store.writing(eng).begin() as c:
                    auditlog.audit(c, at=START, operator=f"W{k}", action="sign_in",
                                   detail={"i": i}, result="ok")
        except BaseException as e:  # noqa: BLE001 - reported below
            errors.append(e)

    ts = [threading.Thread(target=writer, args=(k,)) for k in range(3)]
    for t in ts:
        t.start()
    for t in ts:
        t.join()
    assert not errors
    with eng.connect() as c:
        r = auditlog.verify_chain(c)
    eng.dispose()
    assert (r.broken_id, r.checked) == (None, 45)


# ---- PostgreSQL roles: connect as each and try the forbidden things -------------------


_run = itertools.count()


@pytest.fixture
def pg_roles(pg_url: str) -> Iterator[dict[str, str]]:
    """Roles with a prefix unique to this run (roles are cluster-wide), applied with
    the owner's connection, and dropped at the end."""
    prefix = f"swt{os.getpid()}_{next(_run)}"
    owner = dbengine.make_engine(pg_url)
    with owner.begin() as c:
        roles.apply_roles(c, prefix)
    owner.dispose()
    names = roles.role_names(prefix)
    base = make_url(pg_url)
    urls = {k: base.set(username=v, password=None).render_as_string(hide_password=False)
            for k, v in names.items()}
    urls["owner"] = pg_url
    try:
        yield urls
    finally:
        eng = dbengine.make_engine(pg_url)
        with eng.begin() as c:
            c.exec_driver_sql(f"DROP OWNED BY {', '.join(names.values())}")
            c.exec_driver_sql(f'DROP SCHEMA IF EXISTS "{names["wall"]}" CASCADE')
        eng.dispose()
        with pg_admin() as a:
            a.execute(f"SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                      f"WHERE usename LIKE '{prefix}%'")
            for r in names.values():
                a.execute(f"DROP ROLE IF EXISTS {r}")


def refused(url: str, sql: str, params: dict[str, Any] | None = None) -> str:
    eng = dbengine.make_engine(url)
    try:
        with eng.begin() as c:
            c.execute(sa.text(sql), params or {})
    except DBAPIError as e:
        return str(e.orig)
    finally:
        eng.dispose()
    raise AssertionError(f"allowed: {sql}")


AUDIT_TAMPER = ["UPDATE public.audit_log SET result = 'x'", "DELETE FROM public.audit_log",
                "TRUNCATE public.audit_log",
                "ALTER TABLE public.audit_log DISABLE TRIGGER ALL",
                "DROP TABLE public.audit_log"]


def test_no_runtime_role_can_rewrite_the_audit_log(pg_roles: dict[str, str]) -> None:
    _write_audit(pg_roles["owner"], 2)
    for who in ("host", "console", "wall"):
        for sql in AUDIT_TAMPER:
            msg = refused(pg_roles[who], sql)
            assert "permission denied" in msg or "must be owner" in msg, (who, sql, msg)
    for who in ("host", "console"):  # but they do write it, and the chain holds
        eng = dbengine.make_engine(pg_roles[who])
        with eng.begin() as c:
            auditlog.audit(c, at=START, operator=who, action="sign_in", result="ok")
        eng.dispose()
    assert cli.main(["audit", "verify", "--db", pg_roles["console"]]) == 0


def test_no_runtime_role_reads_password_hashes_or_writes_sessions(
        pg_roles: dict[str, str]) -> None:
    _floor(pg_roles["owner"])[0].engine.dispose()
    for who in ("host", "console", "wall"):
        assert "permission denied" in refused(pg_roles[who],
                                              "SELECT password_hash FROM public.operator")
        assert "permission denied" in refused(
            pg_roles[who], "INSERT INTO public.operator_session VALUES "
                           "(repeat('a', 64), 'L01', now(), now() + interval '1 day', '', NULL)")
    # nor can a console read the session a control carries, to replay it
    assert "permission denied" in refused(pg_roles["console"],
                                          "SELECT session_token FROM supervisor_command")
    assert "permission denied" in refused(pg_roles["console"],
                                          "UPDATE supervisor_command SET status = 'done'")
    assert "permission denied" in refused(pg_roles["console"],
                                          "UPDATE operator SET password_hash = 'x'")


def test_a_console_signs_in_and_the_host_runs_its_control_but_not_a_forged_one(
        pg_roles: dict[str, str]) -> None:
    """End to end with least rights: the host connects as the host role, the console
    as the console role (it cannot read the hash: sign-in goes through migration
    0007's SECURITY DEFINER functions)."""
    h, clock = _floor(pg_roles["host"], owner_url=pg_roles["owner"])
    console = dbengine.make_engine(pg_roles["console"])
    try:
        agent = idle_agent(h, clock)
        with pytest.raises(operators.SignInRefused):
            operators.sign_in(console, "L01", "wrong-password", clock.now)
        op, token = operators.sign_in(console, "L01", PW, clock.now + timedelta(seconds=5))
        assert op.id == "L01"
        submit_command(console, away("forged", agent, "L02"), clock.now)
        submit_command(console, away("real", agent), clock.now, session=token)
        h.tick()
        assert command(h, "forged").status == "failed"
        assert command(h, "real").status == "done"
        assert h.writer.current().status[agent].state is AgentState.AWAY
        # issue #15: a retry looks for its earlier attempts with the console's rights
        assert submit_command(console, away("again", agent), clock.now, session=token,
                              supersedes=("lost", "real")) is False
        assert submit_command(console, away("retried", agent), clock.now, session=token,
                              supersedes=("lost",)) is True
        with console.connect() as c:
            assert operators.get_operator(c, "L01") is not None  # the roster of operators
            failed = c.execute(sa.text("SELECT failed_count FROM operator WHERE id='L01'"))
            assert failed.scalar_one() == 0  # reset by the good sign-in
    finally:
        console.dispose()
        h.engine.dispose()


def test_a_wall_reads_the_floor_without_caller_numbers_and_writes_nothing(
        pg_roles: dict[str, str]) -> None:
    h, clock = _floor(pg_roles["owner"])
    for _ in range(60):
        clock.now += timedelta(seconds=5)
        h.tick()
    with h.engine.begin() as c:  # a checkpoint with calls in it, as a wall starts from
        store.write_checkpoint(c, h.writer.current(), keep=True)
    assert h.writer.current().calls
    with h.engine.connect() as c:  # the owner sees the numbers the wall must not
        assert any("caller" in e.data for e in store.read_events(c, 0, 100_000))
    h.engine.dispose()
    wall = dbengine.make_engine(pg_roles["wall"])
    try:
        dbengine.ensure_schema(wall)  # the wall's start-up gate reads the version
        with wall.connect() as c:
            assert store.start_state(c).calls  # from the checkpoint, numbers stripped
            events = store.read_events(c, 0, 100_000)
            age, _now = store.heartbeat_age(c)
            cp = c.execute(sa.text("SELECT state FROM floor_checkpoint")).scalars().all()
        assert len(events) > 50 and age is not None
        assert any(e.type == "call_queued" for e in events)
        assert all("caller" not in e.data for e in events)
        assert all("caller" not in x for s in cp for x in s["calls"] + s["tickets"])
    finally:
        wall.dispose()
    for sql in ("SELECT * FROM public.call_record", "SELECT * FROM public.operator",
                "SELECT * FROM public.floor_event", "SELECT * FROM public.audit_log",
                "INSERT INTO public.host_heartbeat VALUES ('x', now(), now(), '', 0)",
                "INSERT INTO floor_meta VALUES ('x', 'y')",
                "DELETE FROM floor_event",
                "INSERT INTO public.supervisor_command (id, created_at, operator, action, "
                "agent_id, reason, status, message) VALUES ('w', now(), 'L01', "
                "'force_ready', '1001', '', 'pending', '')"):
        msg = refused(pg_roles["wall"], sql)
        assert "permission denied" in msg or "cannot" in msg, (sql, msg)


def test_only_the_owner_writes_the_telephony_mapping(pg_roles: dict[str, str]) -> None:
    """Issue #14: the host and the consoles read the applied mapping (the host connects
    to Asterisk with it); only IT, as the owner, applies one; a wall never sees it."""
    from models.db import telephony_db
    from tests.test_telephony_mapping import BASE

    owner = dbengine.make_engine(pg_roles["owner"])
    telephony_db.apply_mapping(owner, BASE, "it", "floor.toml", START)
    owner.dispose()
    for who in ("host", "console"):
        eng = dbengine.make_engine(pg_roles[who])
        with eng.connect() as c:
            cur = telephony_db.current_mapping(c)
        eng.dispose()
        assert cur is not None and cur[0] == 1 and cur[1].ami.user == "seatwatch"
        for sql in ("INSERT INTO public.telephony_mapping VALUES (2, now(), 'x', '', "
                    "'{}', '')", "UPDATE public.telephony_mapping SET toml = ''",
                    "DELETE FROM public.telephony_mapping"):
            assert "permission denied" in refused(pg_roles[who], sql), (who, sql)
        with pytest.raises(DBAPIError, match="permission denied"):
            eng = dbengine.make_engine(pg_roles[who])
            try:
                telephony_db.apply_mapping(eng, BASE, who, "floor.toml", START)
            finally:
                eng.dispose()
    msg = refused(pg_roles["wall"], "SELECT * FROM public.telephony_mapping")
    assert "permission denied" in msg
    assert "does not exist" in refused(pg_roles["wall"], "SELECT * FROM telephony_mapping")


def test_db_roles_prints_the_sql_and_refuses_sqlite(
        pg_url: str, sqlite_url: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["db", "roles", "--db", pg_url, "--prefix", "swprint"]) == 0
    out = capsys.readouterr().out
    assert "CREATE ROLE swprint_wall LOGIN" in out and " PASSWORD " not in out.upper()
    assert "GRANT SELECT, INSERT ON" in out and "audit_log" in out
    assert 'GRANT SELECT ON "public".telephony_mapping TO swprint_host, swprint_console' in out
    assert not any("telephony_mapping" in line and ("INSERT" in line or "UPDATE" in line)
                   for line in out.splitlines())
    assert cli.main(["db", "roles", "--db", sqlite_url]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "--db" in err


def test_db_roles_bad_prefix_is_one_line(pg_url: str,
                                         capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["db", "roles", "--db", pg_url, "--prefix", "X; DROP"]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "--prefix" in err


def test_a_console_rehashes_an_older_hash_it_cannot_read(
        pg_roles: dict[str, str], real_scrypt_cost: None) -> None:
    """Issue #13: the scrypt cost went up and a sign-in stores today's hash — also where
    the console cannot read or write password hashes (``db roles``): the owner's
    ``seatwatch_rehash`` stores it, given the current password's key."""
    from tests.test_operators import _old_hash

    h, clock = _floor(pg_roles["owner"])
    h.engine.dispose()
    owner = dbengine.make_engine(pg_roles["owner"])
    console = dbengine.make_engine(pg_roles["console"])
    try:
        with owner.begin() as c:
            c.execute(sa.text("UPDATE operator SET password_hash = :h WHERE id = 'L01'"),
                      {"h": _old_hash(PW)})
        op, _token = operators.sign_in(console, "L01", PW, clock.now)
        assert op.id == "L01"
        with owner.connect() as c:
            stored = c.execute(sa.text("SELECT password_hash FROM operator WHERE id='L01'")
                               ).scalar_one()
        assert stored.startswith("scrypt$131072$8$1$") and operators.verify_password(PW, stored)
        operators.sign_in(console, "L01", PW, clock.now + timedelta(seconds=5))  # still in
    finally:
        console.dispose()
        owner.dispose()


def test_the_host_writes_the_rollups_and_a_console_only_reads_them(
        pg_roles: dict[str, str]) -> None:
    """Issue #17: rollups are derived data — the host's job writes them; a console
    reads them for the director's figures but cannot alter one; a wall sees none."""
    from datetime import timedelta

    from models.db import rollup_db
    from models.domain.policy import Policy

    owner = dbengine.make_engine(pg_roles["owner"])
    with owner.begin() as c:
        c.execute(sa.text("INSERT INTO call_record (call_id, queue_id, outcome, queued_at, "
                          "answered_at, ended_at, wait_s, talk_s, hold_s, acw_s, holds) "
                          "VALUES ('R1', 'Q1', 'answered', :t, :t, :t, 4, 60, 0, 10, 0)"),
                  {"t": START})
    owner.dispose()
    host = dbengine.make_engine(pg_roles["host"])
    assert rollup_db.rebuild(host, START, START + timedelta(minutes=15), Policy()) == 1
    host.dispose()
    con = dbengine.make_engine(pg_roles["console"])
    with con.connect() as c:
        rows, t = rollup_db.series(c, START, START + timedelta(days=1), "day",
                                   tz=Policy().tz)
    con.dispose()
    assert [(r.counts.offered, r.counts.answered) for r in rows] == [(1, 1)] and t == 20.0
    for sql in ("DELETE FROM public.rollup_queue", "UPDATE public.rollup_queue SET offered = 9",
                "INSERT INTO public.rollup_interval VALUES (now(), now(), 20, 0)",
                "DELETE FROM public.rollup_agent"):
        assert "permission denied" in refused(pg_roles["console"], sql), sql
    assert "permission denied" in refused(pg_roles["wall"], "SELECT * FROM public.rollup_queue")


def test_a_console_keeps_qa_scores_and_a_wall_reads_none(pg_roles: dict[str, str]) -> None:
    """Issue #18: the QA scores are floor data a leader's console imports and reads
    (like its neighbours); a wall, which shows the floor to everyone, sees none."""
    from models.db import qa_db
    from models.db.schema import QaScoreRow
    from models.domain.qa import parse_qa_csv
    from tests.helpers import seed_operators

    owner = dbengine.make_engine(pg_roles["owner"])
    seed_operators(owner, [("A1", "管理员", ["admin"]), ("L1", "张班长", ["shift_leader"])],
                   now=START)
    owner.dispose()
    sheet = parse_qa_csv("日期,工号,通话编号,质检员,总分\n2026-03-02,1001,C1,王质检,90\n",
                         known={"1001"})
    con = dbengine.make_engine(pg_roles["console"])
    assert qa_db.import_scores(con, "L1", sheet, source="qa.csv", now=START).added == 1
    with con.connect() as c:
        assert c.execute(sa.select(QaScoreRow.total)).scalars().all() == [90.0]
    con.dispose()
    assert "permission denied" in refused(pg_roles["wall"], "SELECT * FROM public.qa_score")


def test_the_assessment_is_the_consoles_and_nothing_of_it_is_deleted(
        pg_roles: dict[str, str]) -> None:
    """Issue #18: leaders and the department head record and confirm the assessment
    from their consoles; an entry is withdrawn, never deleted; the floor host has no
    use for it and a wall never sees it."""
    from models.db import assessment_db
    from models.domain import assessment as asm
    from tests.helpers import seed_operators

    owner = dbengine.make_engine(pg_roles["owner"])
    seed_operators(owner, [("D1", "李主任", {"director"})], now=START)
    owner.dispose()

    con = dbengine.make_engine(pg_roles["console"])
    applied = assessment_db.apply_policy(con, asm.shipped_text("assessment-000.toml"), by="D1",
                                         now=START)
    con.dispose()
    assert applied.version == 1
    con_url = pg_roles["console"]
    eng = dbengine.make_engine(con_url)
    with eng.begin() as c:
        c.execute(sa.text("INSERT INTO public.assessment_entry (agent_id, day, kind, item, "
                          "points, note, source, evidence, created_at, created_by) VALUES "
                          "('1001', '2026-11-03', 'deduction', 'late_early', -5, '', "
                          "'manual', '{}', now(), 'D1')"))
        c.execute(sa.text("UPDATE public.assessment_entry SET withdrawn_at = now()"))
    eng.dispose()
    assert "permission denied" in refused(con_url, "DELETE FROM public.assessment_entry")
    for t in ("assessment_policy", "assessment_entry", "assessment_sheet"):
        assert "permission denied" in refused(pg_roles["host"], f"SELECT * FROM public.{t}"), t
        assert "permission denied" in refused(pg_roles["wall"], f"SELECT * FROM public.{t}"), t


def test_the_host_stores_the_reports_and_a_console_only_downloads_them(
        pg_roles: dict[str, str]) -> None:
    """Issue #18 (R-REPORT-1): the host claims and stores a report; a console lists and
    downloads it but can neither claim nor alter one; a wall reads none."""
    from datetime import timedelta

    from models.db import reports_db

    host = dbengine.make_engine(pg_roles["host"])
    assert reports_db.claim(host, "daily", "2026-03-02", "pc-a", START)
    assert reports_db.finish(host, "daily", "2026-03-02", "pc-a",
                             START + timedelta(minutes=1), {"offered": 1}, b"PK", b"%PDF")
    host.dispose()
    con = dbengine.make_engine(pg_roles["console"])
    with con.connect() as c:
        assert reports_db.files(c, "daily", "2026-03-02") == (b"PK", b"%PDF")
        assert [r.period for r in reports_db.list_reports(c)] == ["2026-03-02"]
    con.dispose()
    for sql in ("DELETE FROM public.report", "UPDATE public.report SET pdf = NULL",
                "INSERT INTO public.report (kind, period, status, host, claimed_at, error, "
                "summary) VALUES ('daily', '2026-03-03', 'producing', 'x', now(), '', '{}')"):
        assert "permission denied" in refused(pg_roles["console"], sql), sql
    assert "permission denied" in refused(pg_roles["wall"], "SELECT * FROM public.report")
