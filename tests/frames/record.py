"""Record real AMI streams from the real Asterisk into ``tests/frames/*.ami`` (issue #14).

Each scenario starts a private Asterisk (``tests/asterisk_peer.py``: a free loopback
port, a generated configuration), opens one *recording* AMI session — the raw bytes it
receives, banner first, are what the file holds — and drives the floor through the
peer's own second session (originate, pause, spy, redirect), so the recording holds
only what Asterisk said, exactly as it said it. The recording session sends nothing
but its Login (and, for ``status.ami``, QueueStatus and CoreShowChannels, whose list
answers are then in the stream too). The secret never reaches a file: Asterisk does
not echo it.

Re-runnable: every run rewrites the files (Uniqueids and timestamps change, the
shape does not). The translator tests read these files, so after re-recording run
them (``pytest tests -k "ami or telephony or translate"``).

    PYTHONPATH=. python3 tests/frames/record.py [scenario ...]   # default: all

Scenarios and the file each writes:

- ``queue_call``     a caller queues, agent 8001 rings, answers, talks 2 s, hangs up
                     (QueueCallerJoin, AgentCalled, AgentConnect, AgentComplete,
                     QueueCallerLeave, bridge and Hangup events)
- ``abandon``        a caller queues while no member answers and hangs up (QueueCallerAbandon)
- ``ring_no_answer`` agent 8001 rings and does not answer (AgentRingNoAnswer), then
                     8002 answers
- ``pause``          member 8001 paused with reason 小休, then unpaused (QueueMemberPause)
- ``chanspy``        a supervisor leg (Local/9001@sup) spies on the agent's channel with
                     ``ChanSpy(<channel>,qE)``, then is hung up (ChanSpyStart / ChanSpyStop)
- ``redirect``       an answered caller is redirected to the supervisor (9001@sup)
- ``status``         QueueStatus and CoreShowChannels answered during a live call (list
                     responses: ``EventList: start`` … ``…Complete``)

``hold.ami`` is hand-made (only a phone produces Hold / Unhold): :func:`make_hold` takes
the recorded ``queue_call.ami`` and puts a ``Hold`` (no MusicClass, as a handset's hold
gives), an ``Unhold``, a second ``Hold`` with ``MusicClass: default`` and its ``Unhold``
on the agent's channel between AgentConnect and AgentComplete, each laid out as
Asterisk 22 lays them out (``main/manager_channels.c``: the channel snapshot, then
``MusicClass`` only when one was asked for). It is rewritten after ``queue_call``
by every run, and alone with ``record.py hold`` (no Asterisk needed).
"""

from __future__ import annotations

import socket
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parents[1]))

from models.telephony.ami import AmiParser, Message, encode_action  # noqa: E402
from tests.asterisk_peer import AsteriskPeer, find_prefix, free_port  # noqa: E402


class Recorder:
    """One AMI session whose every received byte is kept."""

    def __init__(self, peer: AsteriskPeer) -> None:
        self.sock = socket.create_connection((peer.host, peer.port), timeout=5)
        self.raw = bytearray()
        self.parser = AmiParser()
        self.messages: list[Message] = []
        self._n = 0
        self.wait(lambda: self.parser.banner is not None)
        self.action("Login", {"Username": peer.user, "Secret": peer.secret})

    def pump(self, timeout: float) -> None:
        self.sock.settimeout(timeout)
        try:
            data = self.sock.recv(65536)
        except TimeoutError:
            return
        if not data:
            raise OSError("Asterisk closed the recording session")
        self.raw += data
        self.messages += self.parser.feed(data)

    def wait(self, cond: Callable[[], bool], timeout: float = 15.0) -> None:
        deadline = time.monotonic() + timeout
        while not cond():
            left = deadline - time.monotonic()
            if left <= 0:
                raise TimeoutError("recording: the awaited event did not come")
            self.pump(min(left, 0.3))

    def wait_event(self, name: str, timeout: float = 15.0, **match: str) -> Message:
        """The first ``name`` event (after those already returned) whose fields match."""
        found: list[Message] = []

        def cond() -> bool:
            for m in self.messages:
                if m.is_event(name) and all(m.get(k) == v for k, v in match.items()) \
                        and m not in found:
                    found.append(m)
                    return True
            return False
        self.wait(cond, timeout)
        return found[0]

    def action(self, name: str, fields: dict[str, str], list_response: bool = False) -> None:
        self._n += 1
        aid = f"rec{self._n}"
        self.sock.sendall(encode_action(name, fields, aid))
        if list_response:
            self.wait(lambda: any(m.action_id == aid and m.get("EventList", "").lower()
                                  == "complete" for m in self.messages))
        else:
            self.wait(lambda: any(m.action_id == aid and m.kind == "response"
                                  for m in self.messages))

    def settle(self, seconds: float) -> None:
        """Keep recording for a while (the tail of a call: hangups, member status)."""
        end = time.monotonic() + seconds
        while (left := end - time.monotonic()) > 0:
            self.pump(min(left, 0.3))

    def save(self, name: str) -> Path:
        self.sock.close()
        path = HERE / f"{name}.ami"
        path.write_bytes(bytes(self.raw))
        return path


def _answered_call(peer: AsteriskPeer, rec: Recorder) -> Message:
    peer.originate_caller("q1", name="张三")
    return rec.wait_event("AgentConnect")


def queue_call(peer: AsteriskPeer, rec: Recorder) -> None:
    peer.setvar("RING", "1")
    peer.setvar("TALK", "2")
    peer.originate_caller("q1", name="张三")
    rec.wait_event("AgentComplete")
    rec.settle(peer.wrapup_s + 1.5)


def abandon(peer: AsteriskPeer, rec: Recorder) -> None:
    for i in (1, 2):
        peer.setvar(f"NOANSWER_800{i}", "1")
    peer.originate_caller("q1")
    join = rec.wait_event("QueueCallerJoin")
    rec.settle(1.5)
    peer.hangup(join["Channel"])
    rec.wait_event("QueueCallerAbandon")
    rec.settle(1.5)


def ring_no_answer(peer: AsteriskPeer, rec: Recorder) -> None:
    peer.setvar("NOANSWER_8001", "1")
    peer.setvar("TALK", "2")
    peer.originate_caller("q1")
    rec.wait_event("AgentRingNoAnswer", timeout=peer.ring_timeout_s + 10)
    rec.wait_event("AgentComplete", timeout=peer.ring_timeout_s + 15)
    rec.settle(1.5)


def pause(peer: AsteriskPeer, rec: Recorder) -> None:
    iface = "Local/8001@agents/n"
    peer.client.call("QueuePause", {"Interface": iface, "Queue": "q1", "Paused": "true",
                                    "Reason": "小休"})
    rec.wait_event("QueueMemberPause", Paused="1")
    rec.settle(1.0)
    peer.client.call("QueuePause", {"Interface": iface, "Queue": "q1", "Paused": "false"})
    rec.wait_event("QueueMemberPause", Paused="0")
    rec.settle(1.0)


def chanspy(peer: AsteriskPeer, rec: Recorder) -> None:
    connect = _answered_call(peer, rec)
    agent_channel = connect["DestChannel"]
    peer.client.call("Originate", {"Channel": "Local/9001@sup", "Application": "ChanSpy",
                                   "Data": f"{agent_channel},qE", "Async": "true",
                                   "CallerID": "<9001>"})
    start = rec.wait_event("ChanSpyStart")
    rec.settle(1.0)
    peer.hangup(start["SpyerChannel"])
    rec.wait_event("ChanSpyStop")
    rec.settle(1.0)
    peer.hangup(connect["Channel"])
    rec.settle(1.5)


def redirect(peer: AsteriskPeer, rec: Recorder) -> None:
    connect = _answered_call(peer, rec)
    rec.settle(1.0)
    peer.client.call("Redirect", {"Channel": connect["Channel"], "Context": "sup",
                                  "Exten": "9001", "Priority": "1"})
    rec.settle(2.5)
    peer.hangup(connect["Channel"])
    rec.settle(1.5)


def status(peer: AsteriskPeer, rec: Recorder) -> None:
    peer.client.call("QueuePause", {"Interface": "Local/8002@agents/n", "Queue": "q1",
                                    "Paused": "true", "Reason": "就餐"})
    connect = _answered_call(peer, rec)
    rec.settle(0.5)
    rec.action("QueueStatus", {}, list_response=True)
    rec.action("CoreShowChannels", {}, list_response=True)
    peer.hangup(connect["Channel"])
    rec.settle(1.5)


def _snapshot(msg: Message, prefix: str) -> list[tuple[str, str]]:
    """The channel snapshot fields ``prefix``+Channel … ``prefix``+Linkedid of ``msg``, unprefixed,
    in Asterisk's order (ast_manager_build_channel_state_string_prefix)."""
    keys = ("Channel", "ChannelState", "ChannelStateDesc", "CallerIDNum", "CallerIDName",
            "ConnectedLineNum", "ConnectedLineName", "Language", "AccountCode", "Context",
            "Exten", "Priority", "Uniqueid", "Linkedid")
    return [(k, msg.get(prefix + k) or "") for k in keys]


def _frame(name: str, ts: float, fields: list[tuple[str, str]]) -> bytes:
    lines = [f"Event: {name}", "Privilege: call,all", f"Timestamp: {ts:.6f}"]
    lines += [f"{k}: {v}" for k, v in fields]
    return ("\r\n".join(lines) + "\r\n\r\n").encode("utf-8")


def make_hold() -> Path:
    """hold.ami: queue_call.ami with the agent's Hold / Unhold put in (hand-made)."""
    raw = (HERE / "queue_call.ami").read_bytes()
    start = raw.index(b"Event: AgentConnect")
    cut = raw.index(b"\r\n\r\n", start) + 4
    connect = AmiParser().feed(b"Asterisk Call Manager/11.0.0\r\n" + raw[start:cut])[0]
    snap = _snapshot(connect, "Dest")
    t = float(connect["Timestamp"])
    frames = (_frame("Hold", t + 0.3, snap)
              + _frame("Unhold", t + 0.8, snap)
              + _frame("Hold", t + 1.0, [*snap, ("MusicClass", "default")])
              + _frame("Unhold", t + 1.4, snap))
    path = HERE / "hold.ami"
    path.write_bytes(raw[:cut] + frames + raw[cut:])
    return path


SCENARIOS: dict[str, Callable[[AsteriskPeer, Recorder], None]] = {
    "queue_call": queue_call, "abandon": abandon, "ring_no_answer": ring_no_answer,
    "pause": pause, "chanspy": chanspy, "redirect": redirect, "status": status,
}


def record(name: str, prefix: Path, tmp: Path) -> Path:
    peer = AsteriskPeer(prefix=prefix, run=tmp / name, port=free_port(), queues=1,
                        agents_per_queue=2, wrapup_s=2, ring_timeout_s=3)
    peer.start()
    try:
        rec = Recorder(peer)
        SCENARIOS[name](peer, rec)
        return rec.save(name)
    finally:
        peer.stop()


def main(argv: list[str]) -> int:
    names = argv or [*SCENARIOS, "hold"]
    unknown = [n for n in names if n not in SCENARIOS and n != "hold"]
    if unknown:
        print(f"unknown scenario {unknown[0]!r}; known: {', '.join(SCENARIOS)}")
        return 2
    prefix = find_prefix() if set(names) - {"hold"} else Path()
    if prefix is None:
        print("no Asterisk to record from (see tests/asterisk_peer.py HOW_TO_GET)")
        return 1
    with tempfile.TemporaryDirectory(prefix="ami-record-") as tmp:
        for n in names:
            path = make_hold() if n == "hold" else record(n, prefix, Path(tmp))
            msgs = AmiParser().feed(path.read_bytes())
            events = sorted({m.name for m in msgs if m.kind == "event"})
            print(f"{path.name}: {path.stat().st_size} bytes, {len(msgs)} messages: "
                  + ", ".join(events))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
