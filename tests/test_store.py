"""The shared database: log + projection, history KPIs, checkpoints, retention,
schema gate and credentials — every test on SQLite and on a real PostgreSQL."""

from __future__ import annotations

import logging
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa

from models.db import engine as dbengine
from models.db import store
from models.db.schema import RejectedEventRow
from models.domain import kpi
from models.domain.floor import FLOOR
from models.domain.types import AgentState, FloorEvent
from tests.helpers import logged_text

T0 = datetime(2026, 3, 2, 0, 0, tzinfo=UTC)


def ev(t: float, type_: str, **data: Any) -> FloorEvent:
    return FloorEvent(type_, T0 + timedelta(seconds=t), data)


SETUP = ev(0, "floor_setup", groups=[{"id": "G1", "name": "一班"}],
           queues=[{"id": "Q1", "name": "12345热线"}],
           agents=[{"id": "1001", "name": "张三", "group": "G1"},
                   {"id": "1002", "name": "李四", "group": "G1"}])

DAY = [SETUP,
       ev(0, "agent_state", agent="1001", state="ready"),
       ev(0, "agent_state", agent="1002", state="ready"),
       ev(60, "call_queued", call="C1", queue="Q1", caller="13800138000"),
       ev(70, "call_answered", call="C1", agent="1001"),
       ev(100, "hold_started", call="C1"),
       ev(120, "hold_ended", call="C1"),
       ev(200, "call_ended", call="C1"),
       ev(230, "ticket_created", ticket="T1", call="C1", agent="1001", category="help",
          title="急件 人民路井盖缺失", urgent=True),
       ev(240, "agent_state", agent="1001", state="ready"),
       ev(250, "call_queued", call="C2", queue="Q1"),
       ev(260, "agent_state", agent="1002", state="away", reason="short_break"),
       ev(300, "call_abandoned", call="C2"),
       ev(310, "call_queued", call="C3", queue="Q1", ivr_only=True),
       ev(320, "call_queued", call="C4", queue="Q1"),
       ev(345, "call_answered", call="C4", agent="1001")]


def rows(e: Any, sql: str) -> list[Any]:
    with e.connect() as c:
        return list(c.execute(sa.text(sql)))


def test_batch_is_logged_and_projected_in_one_go(eng: Any) -> None:
    w = store.FloorWriter(eng, "test")
    res = w.append(DAY)
    assert not res.rejected
    ids = [e.id for e in res.accepted]
    assert ids == sorted(ids) and len(set(ids)) == len(DAY)
    rec = {r.call_id: r for r in rows(eng, "SELECT * FROM call_record")}
    assert rec["C1"].outcome == "answered" and rec["C1"].wait_s == 10
    assert (rec["C1"].talk_s, rec["C1"].hold_s, rec["C1"].acw_s) == (130, 20, 40)
    assert rec["C2"].outcome == "abandoned" and rec["C2"].wait_s == 50
    assert rec["C3"].outcome == "ivr_only"
    assert "C4" not in rec  # still in progress: only in the current state
    cur = {r.agent_id: r for r in rows(eng, "SELECT * FROM agent_current")}
    assert cur["1001"].state == "talking" and cur["1001"].call_id == "C4"
    assert (cur["1002"].state, cur["1002"].reason) == ("away", "short_break")
    # R-STATE-1: every closed state is an interval with start and end
    iv = rows(eng, "SELECT state, reason FROM agent_interval WHERE agent_id='1001' "
                   "ORDER BY start, id")
    assert [r.state for r in iv] == ["ready", "talking", "hold", "talking",
                                     "after_call", "ready"]
    t = rows(eng, "SELECT * FROM ticket")[0]
    assert (t.id, t.urgent, t.category) == ("T1", True, "help")
    q = rows(eng, "SELECT * FROM queue_current")[0]
    assert q.waiting == 0


def test_impossible_events_are_refused_with_reason_and_the_rest_kept(eng: Any) -> None:
    w = store.FloorWriter(eng, "adapter")
    bad = ev(400, "call_answered", call="C9", agent="1002")
    res = w.append([*DAY, bad, ev(401, "agent_state", agent="1002", state="ready")])
    assert [r.event for r in res.rejected] == [bad]
    assert len(res.accepted) == len(DAY) + 1
    with eng.connect() as c:
        kept = c.execute(sa.select(RejectedEventRow.reason, RejectedEventRow.raw)).all()
    assert "C9" in kept[0].reason
    assert kept[0].raw["type"] == "call_answered"
    assert res.state.status["1002"].state is AgentState.READY


def test_live_kpis_equal_history_query(eng: Any) -> None:
    w = store.FloorWriter(eng, "test")
    # history holds finished calls: finish C4 so both sides see the same calls
    res = w.append([*DAY, ev(400, "call_ended", call="C4"),
                    ev(420, "agent_state", agent="1001", state="ready")])
    live = res.state.counts(FLOOR, "shift")
    with eng.connect() as c:
        hist = store.period_kpis(c, res.state.periods["shift"].start,
                                 res.state.periods["shift"].end, res.state.policy)
    assert hist == live  # every counter, occupancy time included
    for f in ("service_level", "answer_rate", "asa_s", "abandon_rate", "aht_s", "occupancy"):
        assert getattr(kpi, f)(hist) == getattr(kpi, f)(live), f
    assert (hist.offered, hist.answered, hist.abandoned, hist.ivr_only) == (4, 2, 1, 1)
    assert hist.offered == live.offered


def test_two_writers_interleave_without_gaps_or_lost_state(eng: Any) -> None:
    a, b = store.FloorWriter(eng, "a"), store.FloorWriter(eng, "b")
    a.append(DAY[:5])
    b.append(DAY[5:9])  # b catches up with a's events first
    r = a.append(DAY[9:])
    ids = [r.id for r in rows(eng, "SELECT id FROM floor_event ORDER BY id")]
    assert len(ids) == len(DAY)
    with eng.connect() as c:
        fresh = store.current_state(c)
    assert fresh.status == r.state.status
    assert fresh.last_event_id == r.state.last_event_id


def test_checkpoint_and_state_at_a_past_time(eng: Any) -> None:
    w = store.FloorWriter(eng, "test")
    w.append(DAY[:6], force_checkpoint=True)
    w.append(DAY[6:])
    with eng.connect() as c:
        at_hold = store.state_at(c, T0 + timedelta(seconds=110))
        later = store.state_at(c, T0 + timedelta(seconds=400))
    assert at_hold.status["1001"].state is AgentState.HOLD
    assert later.status["1001"].state is AgentState.TALKING
    assert later.status["1001"].call == "C4"


def test_retention_prunes_only_folded_events_and_keeps_history(eng: Any) -> None:
    w = store.FloorWriter(eng, "test")
    w.append(DAY, force_checkpoint=True)
    assert store.prune(eng, T0 + timedelta(days=29), 30) == 0
    assert store.prune(eng, T0 + timedelta(days=31), 30) == len(DAY)
    assert rows(eng, "SELECT count(*) AS n FROM floor_event")[0].n == 0
    assert rows(eng, "SELECT count(*) AS n FROM call_record")[0].n == 3
    # a follower still starts from the checkpoint with the full floor
    with eng.connect() as c:
        s = store.current_state(c)
    assert s.status["1001"].call == "C4"


def test_schema_gate_names_both_versions(db_url: str, tmp_path: Path) -> None:
    e = dbengine.make_engine(db_url)
    with e.begin() as c:
        c.execute(sa.text("UPDATE alembic_version SET version_num='9999'"))
    with pytest.raises(dbengine.SchemaMismatch) as err:
        dbengine.ensure_schema(e)
    assert "9999" in str(err.value) and dbengine.head_revision() in str(err.value)
    e.dispose()


def test_postgres_is_never_migrated_implicitly(pg_template: str) -> None:
    from tests.conftest import pg_admin, sa_url

    name = f"sw_empty_{id(pg_template) % 100000}"
    with pg_admin() as c:
        c.execute(f'DROP DATABASE IF EXISTS "{name}"')
        c.execute(f'CREATE DATABASE "{name}"')
    try:
        e = dbengine.make_engine(sa_url(name))
        with pytest.raises(dbengine.SchemaMismatch, match="seatwatch db upgrade"):
            dbengine.ensure_schema(e)
        dbengine.upgrade(e)
        dbengine.ensure_schema(e)  # now passes
        e.dispose()
    finally:
        with pg_admin() as c:
            c.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def test_old_sqlite_file_is_backed_up_then_migrated(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    e = dbengine.make_engine(f"sqlite:///{path}")
    dbengine.upgrade(e, to="0001")  # a file made by the first release
    with e.begin() as c:
        c.execute(sa.text("INSERT INTO floor_meta (key, value) VALUES ('floor', '12345')"))
    e.dispose()
    e = dbengine.make_engine(f"sqlite:///{path}")
    dbengine.ensure_schema(e)
    assert dbengine.current_revision(e) == dbengine.head_revision()
    assert rows(e, "SELECT value FROM floor_meta")[0].value == "12345"  # nothing lost
    backups = list(tmp_path.glob("old.db.0001.*.bak"))
    assert len(backups) == 1
    b = dbengine.make_engine(f"sqlite:///{backups[0]}")
    assert dbengine.current_revision(b) == "0001"
    assert rows(b, "SELECT value FROM floor_meta")[0].value == "12345"
    b.dispose()
    e.dispose()


def test_postgres_at_an_older_schema_is_refused_with_both_versions(pg_url: str) -> None:
    e = dbengine.make_engine(pg_url)
    dbengine.upgrade(e)
    with e.begin() as c:
        # back to what 0001 made: drop what 0002 … 0015 added (0013 qa_score, 0014
        # report and 0015 training_plan below)
        c.execute(sa.text("DROP TABLE assessment_sheet, assessment_entry, "
                          "assessment_policy"))  # 0012
        c.execute(sa.text("DROP FUNCTION seatwatch_open_session(text, text, text, integer, "
                          "text), seatwatch_password_params(text), "
                          "seatwatch_rehash(text, text, text)"))
        c.execute(sa.text("DROP TABLE rollup_agent, rollup_queue, rollup_interval, supervisor_endpoint, host_lease, contact, "
                          "alert_notification, alert, "
                          "audit_log, operator_session, operator_role, operator, "
                          "supervisor_command, rejected_event, holiday, roster_entry, "
                          "attendance_record, leave_request, shift_swap, meeting, handover, "
                          "telephony_mapping, qa_score, report, training_plan"))
        c.execute(sa.text("DROP FUNCTION audit_log_append_only()"))
        c.execute(sa.text("DROP INDEX ix_agent_interval_end"))  # 0010
        c.execute(sa.text("DROP INDEX ix_call_record_answered_at"))  # 0011
        c.execute(sa.text("UPDATE alembic_version SET version_num='0001'"))
    with pytest.raises(dbengine.SchemaMismatch) as err:
        dbengine.ensure_schema(e)
    msg = str(err.value)
    assert "0001" in msg and dbengine.head_revision() in msg and "db upgrade" in msg
    dbengine.upgrade(e)
    dbengine.ensure_schema(e)
    e.dispose()


def test_password_comes_from_the_keyring_never_from_disk(caplog: pytest.LogCaptureFixture,
                                                         memory_keyring: Any) -> None:
    dbengine.save_profile("floor3", "postgresql://sw:s3cret@db.floor3:5432/seatwatch")
    on_disk = dbengine.profiles_path().read_text(encoding="utf-8")
    assert "s3cret" not in on_disk and "db.floor3" in on_disk
    assert memory_keyring.get_password("seatwatch", "db:floor3") == "s3cret"
    u = dbengine.resolve("floor3")
    assert u.password == "s3cret" and u.drivername == "postgresql+psycopg"
    assert "s3cret" not in dbengine.safe(u)
    memory_keyring.delete_password("seatwatch", "db:floor3")
    assert dbengine.resolve("floor3").password is None  # tried without one
    with pytest.raises(dbengine.DbError, match="neither a URL nor a saved profile"):
        dbengine.resolve("nosuch")


def test_cli_never_logs_the_password(memory_keyring: Any, capsys: pytest.CaptureFixture[str],
                                     caplog: pytest.LogCaptureFixture) -> None:
    from console.cli import main

    dbengine.save_profile("bad", "postgresql://sw@127.0.0.1:1/seatwatch")
    dbengine.set_password("bad", "t0psecret")
    with caplog.at_level(logging.DEBUG):
        assert main(["snapshot", "--db", "bad"]) == 1
    err = capsys.readouterr().err
    assert "error" in err and "t0psecret" not in err
    assert "t0psecret" not in caplog.text
    assert "t0psecret" not in logged_text()


def test_migrations_build_exactly_the_schema_the_code_uses(db_url: str) -> None:
    from alembic.autogenerate import compare_metadata
    from alembic.runtime.migration import MigrationContext

    from models.db.schema import Base

    e = dbengine.make_engine(db_url)
    with e.connect() as c:
        diffs = compare_metadata(MigrationContext.configure(c, opts={"compare_type": True}),
                                 Base.metadata)
    e.dispose()
    assert diffs == []


def test_times_in_other_zones_are_stored_as_utc(eng: Any) -> None:
    from zoneinfo import ZoneInfo

    sh = ZoneInfo("Asia/Shanghai")
    w = store.FloorWriter(eng, "test")
    w.append([SETUP, FloorEvent("call_queued", datetime(2026, 3, 2, 9, 0, tzinfo=sh),
                                {"call": "Z1", "queue": "Q1", "ivr_only": True})])
    with eng.connect() as c:
        k = store.period_kpis(c, T0, T0 + timedelta(hours=2), w.current().policy)
    assert k.offered == 1  # 09:00 Shanghai is 01:00 UTC, inside the window
