"""The floor follows a real Asterisk over AMI (issue #14 part D): a whole queue call's
life on the console's snapshot, an abandon, a ring-no-answer, a pause with 小休 and its
R-BREAK-1 alert at the exact second, and a link loss (Asterisk killed mid-call and
started again) that loses and doubles no call — on SQLite and PostgreSQL.

One Asterisk serves the whole module (booting one costs seconds); each test resets its
floor (no channels, nobody paused) and gets a fresh floor database. Every assertion
waits for Asterisk's own event first (the test's own AMI session sees it), then gives
the console's snapshot (``console.feed.FloorFeed``, as the console reads it) at most
1 s to show it.
"""

from __future__ import annotations

import contextlib
import threading
import time
from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa
from sqlalchemy import Engine

from console.ami_adapter import AmiAdapter
from console.feed import FloorFeed
from console.host import FloorHost
from console.scheduler import AlertScheduler
from models.db import engine as dbengine
from models.db import policies, store
from models.db.schema import (
    AgentIntervalRow,
    AlertRow,
    CallRecordRow,
    FloorEventRow,
    RejectedEventRow,
    utc,
)
from models.db.telephony_db import apply_mapping, current_mapping
from models.domain.floor import FloorState, apply_all, initial_state
from models.domain.policy import Policy
from models.domain.types import AgentState, AwayReason, CallState
from models.telephony.ami import Message
from tests.asterisk_peer import AsteriskPeer, free_port

QUEUE = "q1"


@pytest.fixture(scope="module")
def peer(asterisk_prefix: Path, tmp_path_factory: pytest.TempPathFactory
         ) -> Iterator[AsteriskPeer]:
    p = AsteriskPeer(prefix=asterisk_prefix, run=tmp_path_factory.mktemp("asterisk"),
                     port=free_port(), queues=1, agents_per_queue=3, wrapup_s=2,
                     ring_timeout_s=3)
    p.start()
    yield p
    p.stop()


def reset(p: AsteriskPeer) -> None:
    """No channel left, nobody paused, every agent answering after 1 s."""
    for c in p.channels():
        with contextlib.suppress(Exception):
            p.hangup(c.get("Channel") or "")
    for i in range(1, p.agents_per_queue + 1):
        p.client.call("QueuePause", {"Interface": f"Local/800{i}@agents/n", "Paused": "false"})
        p.setvar(f"NOANSWER_800{i}", "0")
    p.setvar("RING", "1")
    p.setvar("TALK", "2")
    deadline = time.monotonic() + 5
    while p.channels() and time.monotonic() < deadline:
        time.sleep(0.1)
    p.client.events.clear()


def short_break_policy(minutes: float) -> str:
    doc = Policy().to_dict()
    doc["away_limits_min"]["short_break"] = minutes
    doc["breaks"]["prewarn_min"] = 0.0
    return policies.to_toml(doc)


class Floor:
    """A floor database with a floor host following the peer, and a console's feed."""

    def __init__(self, url: str, p: AsteriskPeer, policy: str | None = None) -> None:
        self.url = url
        self.peer = p
        self.eng: Engine = dbengine.make_engine(url)
        apply_mapping(self.eng, p.mapping_toml(), "test", "peer.toml")
        if policy is not None:
            policies.apply_policy(store.FloorWriter(self.eng, "test"), policy, "test",
                                  "policy.toml")
        with self.eng.connect() as c:
            found = current_mapping(c)
        assert found is not None
        self.mapping = found[1]
        self.adapter = AmiAdapter(self.mapping, secret_fn=lambda: p.secret)
        self.host = FloorHost(self.eng, self.adapter, tick_s=0.05)
        self.thread = threading.Thread(target=self.host.run, name="test-floor-host",
                                       daemon=True)
        self.thread.start()
        self.feed = FloorFeed(url, poll_s=0.05, stale_after_s=3.0, heartbeat_every_s=0.2)
        self.feed.start()
        self.wait(lambda s: all(s.status[a.agent].state is AgentState.READY
                                for a in self.mapping.agents if a.agent in s.status),
                  "the mapped agents logged in and ready", timeout=10)

    def close(self) -> None:
        self.host.stop()
        self.thread.join(10)
        self.adapter.close()
        self.feed.stop()
        self.eng.dispose()

    def state(self) -> FloorState:
        snap = self.feed.latest
        return snap.state if snap is not None else FloorState()

    def wait(self, pred: Callable[[FloorState], bool], what: str,
             timeout: float = 1.0) -> FloorState:
        """The console's snapshot satisfies ``pred`` within ``timeout`` seconds."""
        deadline = time.monotonic() + timeout
        while True:
            st = self.state()
            with contextlib.suppress(KeyError, AttributeError):
                if st.at is not None and pred(st):
                    return st
            if time.monotonic() > deadline:
                raise AssertionError(f"the console's snapshot did not show {what} within "
                                     f"{timeout:g} s: {describe(st)}; log: {self.tail()}")
            time.sleep(0.02)

    def tail(self, n: int = 25) -> str:
        with self.eng.connect() as c:
            rows = c.execute(sa.select(FloorEventRow.at, FloorEventRow.type, FloorEventRow.data)
                             .order_by(FloorEventRow.id.desc()).limit(n)).all()
        return "; ".join(f"{r.at:%S.%f} {r.type} {dict(r.data)}" for r in reversed(rows))

    def events(self, typ: str) -> list[Any]:
        with self.eng.connect() as c:
            return list(c.execute(sa.select(FloorEventRow.at, FloorEventRow.data)
                                  .where(FloorEventRow.type == typ)
                                  .order_by(FloorEventRow.id)).all())

    def records(self) -> list[Any]:
        with self.eng.connect() as c:
            return list(c.execute(sa.select(CallRecordRow)).all())

    def rejected(self) -> list[Any]:
        with self.eng.connect() as c:
            return list(c.execute(sa.select(RejectedEventRow.reason, RejectedEventRow.raw))
                        .all())


def describe(st: FloorState) -> str:
    agents = ", ".join(f"{a}={s.state.value}" + (f"({s.reason.value})" if s.reason else "")
                       for a, s in sorted(st.status.items()))
    calls = ", ".join(f"{c.id}:{c.state.value}@{c.agent}" for c in st.calls.values())
    return f"agents [{agents}] calls [{calls}] link down since {st.telephony_down_since}"


@pytest.fixture
def floor(peer: AsteriskPeer, db_url: str) -> Iterator[Floor]:
    reset(peer)
    f = Floor(db_url, peer, short_break_policy(0.05))  # a 3 s short-break limit
    yield f
    f.close()


def ami_event(p: AsteriskPeer, name: str, timeout: float = 15.0, **match: str) -> Message:
    def pred(m: Message) -> bool:
        return m.is_event(name) and all(m.get(k) == v for k, v in match.items())

    return p.wait_event(pred, timeout)


def ts(m: Message) -> datetime:
    assert m.timestamp is not None
    return datetime.fromtimestamp(m.timestamp, UTC)


def agent_is(st: FloorState, agent: str, state: AgentState) -> bool:
    return st.status[agent].state is state


def test_a_queue_call_life_on_the_console_snapshot(floor: Floor, peer: AsteriskPeer) -> None:
    f, p = floor, peer
    # 8003 takes a short break (小休) from its phone: away, and R-BREAK-1 at its second
    p.client.call("QueuePause", {"Interface": "Local/8003@agents/n", "Queue": QUEUE,
                                 "Paused": "true", "Reason": "小休"})
    pause = ami_event(p, "QueueMemberPause", Interface="Local/8003@agents/n", Paused="1")
    st = f.wait(lambda s: agent_is(s, "8003", AgentState.AWAY), "8003 away on 小休")
    assert st.status["8003"].reason is AwayReason.SHORT_BREAK
    since = st.status["8003"].since
    assert since is not None and abs((since - ts(pause)).total_seconds()) < 0.05
    # a caller that hangs up in the IVR (1 s of menu) is counted there (R-KPI-1)
    ivr_caller = p.originate_caller("ivr1")
    # 8001 never answers; 8002 answers after 1 s and talks 2 s
    p.setvar("NOANSWER_8001", "1")
    a = p.originate_caller(QUEUE, name="张三")
    b = p.originate_caller(QUEUE)
    c = p.originate_caller(QUEUE)
    joins = {m.get("CallerIDNum"): m for m in
             (ami_event(p, "QueueCallerJoin") for _ in range(3))}
    assert set(joins) == {a, b, c}
    st = f.wait(lambda s: len(s.calls) == 3, "three calls in the queue")
    assert {x.caller for x in st.calls.values()} == {a, b, c}
    call_c = joins[c].get("Uniqueid")
    assert call_c in st.calls
    first = min(x.queued_at for x in st.calls.values())
    assert first == min(ts(m) for m in joins.values())
    # both members ring: one caller waits, the longest wait is its own
    rang = {ami_event(p, "AgentCalled").get("MemberName") for _ in range(2)}
    assert rang == {"Agent 8001", "Agent 8002"}
    st = f.wait(lambda s: agent_is(s, "8001", AgentState.RINGING)
                and agent_is(s, "8002", AgentState.RINGING)
                and len(s.waiting(f.mapping.queues[0].queue)) == 1,
                "8001 and 8002 ringing, one caller waiting")
    # the caller still waiting gives up: an abandon (the caller's phone hangs up)
    waiting = st.waiting("Q1")[0]
    gone = waiting.id
    track = f.adapter.translator.calls[gone]
    p.hangup(track.caller_channel.replace(";2", ";1"))
    ami_event(p, "QueueCallerAbandon", Uniqueid=gone)
    st = f.wait(lambda s: gone not in s.calls and s.counts("Q1", "day").abandoned == 1,
                "the abandoned call counted")
    # 8002 answers: talking
    conn = ami_event(p, "AgentConnect", MemberName="Agent 8002")
    talk = conn.get("Uniqueid") or ""
    st = f.wait(lambda s: agent_is(s, "8002", AgentState.TALKING)
                and s.calls[talk].state is CallState.TALKING, "8002 talking")
    assert st.calls[talk].answered_at == ts(conn)
    # 8001 let it ring out: counted as unanswered (R-RING-1), back to ready
    rna = ami_event(p, "AgentRingNoAnswer", MemberName="Agent 8001")
    f.wait(lambda s: any(r.data.get("call") == rna.get("Uniqueid")
                         for r in f.events("call_unanswered")),
           "the ring-no-answer in the floor log")
    # ... its ring is in 8001's history as the ringing interval R-RING-1 reads (3 s:
    # the queue's ring timeout)
    with f.eng.connect() as c_:
        rings = c_.execute(sa.select(AgentIntervalRow.start, AgentIntervalRow.end).where(
            AgentIntervalRow.agent_id == "8001", AgentIntervalRow.state == "ringing",
            AgentIntervalRow.call_id == rna.get("Uniqueid"))).all()
    assert len(rings) == 1
    start, end = utc(rings[0].start), utc(rings[0].end)
    assert start is not None and end == ts(rna)
    assert (end - start).total_seconds() == pytest.approx(3, abs=0.2)
    # the call ends: after-call work, then ready again after the queue's wrap-up (2 s)
    done = ami_event(p, "AgentComplete", MemberName="Agent 8002")
    st = f.wait(lambda s: agent_is(s, "8002", AgentState.AFTER_CALL) and talk not in s.calls,
                "8002 in after-call work")
    acw = st.status["8002"].since
    assert acw is not None and abs((acw - ts(done)).total_seconds()) < 0.05  # or its hangup
    ready_at = acw + timedelta(seconds=2)
    st = f.wait(lambda s: agent_is(s, "8002", AgentState.READY),
                "8002 ready again", timeout=(ready_at - datetime.now(UTC)).total_seconds() + 1)
    assert st.status["8002"].since == ready_at
    rec = [r for r in f.records() if r.call_id == talk]
    assert len(rec) == 1 and rec[0].outcome == "answered" and rec[0].agent_id == "8002"
    ivr = [r for r in f.records() if r.caller == ivr_caller]
    assert [r.outcome for r in ivr] == ["ivr_only"] and ivr[0].queue_id == "Q1"
    assert f.state().counts("Q1", "day").ivr_only == 1
    # R-BREAK-1: 8003's 小休 is over its 3 s limit at pause + 3 s exactly (R-LIMIT-1)
    limit = since + timedelta(seconds=3)
    while datetime.now(UTC) < limit + timedelta(seconds=0.2):
        time.sleep(0.05)
    AlertScheduler(f.eng, host_id="test-rules").evaluate()
    with f.eng.connect() as conn_:
        over = conn_.execute(sa.select(AlertRow.raised_at).where(
            AlertRow.rule == "R-BREAK-1", AlertRow.subject == "agent:8003")).scalars().all()
    assert [utc(x) for x in over] == [limit]
    assert f.rejected() == []


def test_link_loss_mid_call_closes_the_call_once_and_the_floor_goes_on(
        floor: Floor, peer: AsteriskPeer) -> None:
    f, p = floor, peer
    p.setvar("TALK", "600")
    p.client.call("QueuePause", {"Interface": "Local/8003@agents/n", "Queue": QUEUE,
                                 "Paused": "true", "Reason": "就餐"})
    caller = p.originate_caller(QUEUE)
    conn = ami_event(p, "AgentConnect")
    call = conn.get("Uniqueid") or ""
    agent = (conn.get("MemberName") or "").split()[-1]
    f.wait(lambda s: s.calls[call].state is CallState.TALKING
           and agent_is(s, "8003", AgentState.AWAY), f"{caller} talking with {agent}")
    # Asterisk dies mid-call (SIGKILL): the floor shows the link down within 3 s
    p.stop()
    f.wait(lambda s: s.telephony_down_since is not None, "the telephony link down",
           timeout=3)
    assert call in f.state().calls  # nobody knows yet how the call ended
    downs = f.events("telephony_link")
    # ... and it comes back (a restarted Asterisk: no calls, nobody paused)
    p.start()
    back = time.monotonic()
    st = f.wait(lambda s: s.telephony_down_since is None and call not in s.calls
                and agent_is(s, "8003", AgentState.READY),
                "the resync after the link came back", timeout=5)
    assert time.monotonic() - back < 5
    assert st.status[agent].state in (AgentState.AFTER_CALL, AgentState.READY)
    assert [r.data["up"] for r in f.events("telephony_link")] == [False, True]
    assert len(downs) == 1
    ended = [r for r in f.events("call_ended") if r.data["call"] == call]
    assert len(ended) == 1 and ended[0].data["note"] == "ended while the telephony link was down"
    # the next real call after the recovery is followed as ever
    p.setvar("TALK", "1")
    p.setvar("RING", "0")
    nxt = p.originate_caller(QUEUE)
    nxt_call = ami_event(p, "QueueCallerJoin", CallerIDNum=nxt).get("Uniqueid") or ""
    ami_event(p, "AgentComplete")
    f.wait(lambda s: nxt_call not in s.calls
           and any(r.call_id == nxt_call for r in f.records()), f"{nxt}'s call recorded")
    recs = f.records()
    assert sorted(r.call_id for r in recs) == sorted({call, nxt_call})  # none lost or doubled
    assert {r.call_id: r.outcome for r in recs} == {call: "answered", nxt_call: "answered"}
    assert f.rejected() == []
    # the floor log is still a true record: folded again from scratch, it is the live floor
    f.host.stop()
    f.thread.join(10)
    live = f.host.writer.current()
    with f.eng.connect() as c:
        events = []
        last = 0
        while batch := store.read_events(c, last):
            events += batch
            last = batch[-1].id or last
    again = apply_all(initial_state(), events)
    assert again.calls == live.calls
    assert {a: (s.state, s.reason, s.since) for a, s in again.status.items()} == \
        {a: (s.state, s.reason, s.since) for a, s in live.status.items()}
    assert again.kpi == live.kpi
    assert again.telephony_down_since == live.telephony_down_since is None


# ---- seatwatch service --source ami ------------------------------------------------------


def test_service_without_a_mapping_says_how_to_apply_one(
        sqlite_url: str, capsys: pytest.CaptureFixture[str]) -> None:
    from console import cli

    assert cli.main(["service", "--db", sqlite_url, "--source", "ami"]) != 0
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "seatwatch telephony apply" in err, err


def test_service_without_a_secret_says_where_to_put_it(
        sqlite_url: str, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from console import cli

    monkeypatch.delenv("SEATWATCH_AMI_SECRET", raising=False)
    eng = dbengine.make_engine(sqlite_url)
    apply_mapping(eng, AsteriskPeer(Path("/nowhere"), Path("/nowhere"), 5038).mapping_toml(),
                  "test", "peer.toml")
    eng.dispose()
    assert cli.main(["service", "--db", sqlite_url, "--source", "ami"]) != 0
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "set-secret" in err and "SEATWATCH_AMI_SECRET" in err, err
    assert "peer-secret" not in err


def test_service_source_ami_runs_the_floor_on_asterisk(
        peer: AsteriskPeer, sqlite_url: str, tmp_path: Path) -> None:
    """The real command: a floor host process following the peer with the applied
    mapping and the secret from the environment (a headless host without a keyring)."""
    import os
    import subprocess
    import sys

    reset(peer)
    eng = dbengine.make_engine(sqlite_url)
    apply_mapping(eng, peer.mapping_toml(), "test", "peer.toml")
    root = Path(__file__).resolve().parent.parent
    env = {**os.environ, "PYTHONPATH": str(root), "SEATWATCH_AMI_SECRET": peer.secret,
           "PYTHON_KEYRING_BACKEND": "keyring.backends.fail.Keyring"}
    out = tmp_path / "service.out"
    with out.open("ab") as fh:
        proc = subprocess.Popen([sys.executable, "-m", "console.cli", "service", "--db",
                                 sqlite_url, "--source", "ami"], cwd=root, env=env,
                                stdout=fh, stderr=subprocess.STDOUT)
    try:
        peer.setvar("TALK", "1")
        deadline = time.monotonic() + 20
        uid = None
        while time.monotonic() < deadline:
            with eng.connect() as c:
                st = store.current_state(c)
            if uid is None and st.status and all(
                    s.state is AgentState.READY for s in st.status.values()):
                peer.originate_caller(QUEUE)
                uid = ami_event(peer, "QueueCallerJoin").get("Uniqueid")
            if uid is not None and any(r.call_id == uid for r in _records(eng)):
                break
            time.sleep(0.1)
        else:
            raise AssertionError("the service did not record the call: "
                                 + out.read_text(errors="replace")[-2000:])
    finally:
        proc.terminate()
        proc.wait(20)
        eng.dispose()
    assert peer.secret not in out.read_text(errors="replace")


def _records(eng: Engine) -> list[Any]:
    with eng.connect() as c:
        return list(c.execute(sa.select(CallRecordRow)).all())
