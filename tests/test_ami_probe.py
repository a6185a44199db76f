"""``console/ami_probe.py``: the one-shot AMI session behind ``telephony discover|test``
(issue #14), against the real Asterisk and against peers that are not Asterisk.

Every failure is one line naming host:port and the reason in words; the secret is in
none of them. ``compare`` is tested with a stand-in that has the attributes and
methods of part B's ``TelephonyMapping`` (design14.md).
"""

from __future__ import annotations

import contextlib
import socket
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from console.ami_probe import Probe, ProbeError, compare, probe, summary
from models.telephony.ami import AmiParser, Message
from tests.asterisk_peer import free_port

# ---- the real Asterisk -----------------------------------------------------------


def test_probe_reads_banner_queues_members_and_live_channels(asterisk_factory: Any) -> None:
    peer = asterisk_factory(queues=2, agents_per_queue=2)
    peer.setvar("TALK", "30")
    number = peer.originate_caller("q1", name="张三")
    peer.wait_event(lambda m: m.is_event("AgentConnect"))
    r = probe(peer.host, peer.port, peer.user, peer.secret)
    assert r.banner.startswith("Asterisk Call Manager/")
    assert r.queues() == ["q1", "q2"]
    members = {(m.get("Queue"), m.get("Name"), m.get("Location")) for m in r.members()}
    assert ("q1", "Agent 8001", "Local/8001@agents/n") in members
    assert ("q2", "Agent 8012", "Local/8012@agents/n") in members
    assert len(members) == 4
    assert any(c.get("CallerIDNum") == number for c in r.channels)
    assert all(c.is_event("CoreShowChannel") for c in r.channels)
    line = summary(r)
    assert f"{peer.host}:{peer.port}" in line and "2 queues" in line


def test_wrong_secret_is_one_line_with_asterisks_words_and_no_secret(
        asterisk_factory: Any, caplog: pytest.LogCaptureFixture,
        capsys: pytest.CaptureFixture[str]) -> None:
    peer = asterisk_factory(queues=1, agents_per_queue=1)
    secret = "not-the-secret-Zq81"
    with pytest.raises(ProbeError) as e:
        probe(peer.host, peer.port, peer.user, secret, timeout=5)
    text = str(e.value)
    assert text == (f"{peer.host}:{peer.port}: login refused for user {peer.user}: "
                    "Authentication failed")
    out = capsys.readouterr()
    assert secret not in text + repr(e.value) + caplog.text + out.out + out.err
    assert e.value.msg.source.startswith("{where}: login refused")


def test_closed_port_is_connection_refused() -> None:
    port = free_port()
    with pytest.raises(ProbeError) as e:
        probe("127.0.0.1", port, "u", "s", timeout=2)
    assert str(e.value) == (f"127.0.0.1:{port}: connection refused "
                            "(nothing listens on that port)")


def test_unknown_host() -> None:
    with pytest.raises(ProbeError) as e:
        probe("no-such-host.invalid", 5038, "u", "s", timeout=2)
    assert str(e.value).startswith("no-such-host.invalid:5038: ")
    assert "\n" not in str(e.value)


# ---- peers that are not Asterisk -----------------------------------------------------


@contextlib.contextmanager
def tcp_server(handle: Callable[[socket.socket], None]) -> Iterator[int]:
    """A plain TCP server on a free loopback port running ``handle`` per connection."""
    srv = socket.socket()
    srv.bind(("127.0.0.1", 0))
    srv.listen(4)
    stop = threading.Event()

    def serve() -> None:
        srv.settimeout(0.1)
        while not stop.is_set():
            try:
                conn, _ = srv.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            with conn, contextlib.suppress(OSError):
                handle(conn)

    t = threading.Thread(target=serve, daemon=True)
    t.start()
    try:
        yield srv.getsockname()[1]
    finally:
        stop.set()
        t.join(5)
        srv.close()


def _probe_error(port: int, timeout: float = 1.0) -> str:
    with pytest.raises(ProbeError) as e:
        probe("127.0.0.1", port, "u", "sekrit-xyz", timeout=timeout)
    text = str(e.value)
    assert text.startswith(f"127.0.0.1:{port}: ") and "\n" not in text
    assert "sekrit-xyz" not in text
    return text[len(f"127.0.0.1:{port}: "):]


def test_a_server_that_sends_garbage_is_not_an_ami_port() -> None:
    def garbage(conn: socket.socket) -> None:
        conn.sendall(b"\x00\xffSSH-2.0-OpenSSH_9.6\r\n\x01\x02junk\r\n")
        conn.recv(100)

    with tcp_server(garbage) as port:
        assert _probe_error(port) == 'not an AMI port: it answered "??SSH-2.0-OpenSSH_9.6"'


def test_an_http_server_is_not_an_ami_port() -> None:
    def http(conn: socket.socket) -> None:
        conn.sendall(b"HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n")
        conn.recv(100)

    with tcp_server(http) as port:
        assert _probe_error(port) == 'not an AMI port: it answered "HTTP/1.1 400 Bad Request"'


def test_a_silent_server_times_out_waiting_for_the_greeting() -> None:
    def silent(conn: socket.socket) -> None:
        conn.settimeout(3)
        with contextlib.suppress(OSError):
            conn.recv(100)

    with tcp_server(silent) as port:
        assert _probe_error(port, 0.3) == "no AMI greeting within 0.3 s: not an AMI port"


def test_a_flood_without_line_ends_is_not_an_ami_port() -> None:
    def flood(conn: socket.socket) -> None:
        conn.sendall(b"A" * 5000)
        conn.recv(100)

    with tcp_server(flood) as port:
        assert _probe_error(port).startswith('not an AMI port: it answered "AAAA')


def test_a_server_that_hangs_up_at_once() -> None:
    with tcp_server(lambda conn: None) as port:
        assert _probe_error(port) == ("closed the connection without an AMI greeting: "
                                      "not an AMI port")


def _fake_ami(answers: Callable[[Message], list[bytes] | None]) -> Callable[[socket.socket], None]:
    """A tiny AMI peer: the banner, then ``answers(action)`` for each action (None: hang up)."""
    def handle(conn: socket.socket) -> None:
        conn.sendall(b"Asterisk Call Manager/7.0.3\r\n")
        p = AmiParser()
        conn.settimeout(3)
        while True:
            data = conn.recv(4096)
            if not data:
                return
            for m in p.feed(data):
                out = answers(m)
                if out is None:
                    return
                conn.sendall(b"".join(out))
    return handle


def _resp(m: Message, name: str, **kv: str) -> bytes:
    lines = [f"Response: {name}", f"ActionID: {m.action_id}", *(f"{k}: {v}" for k, v in kv.items())]
    return ("\r\n".join(lines) + "\r\n\r\n").encode()


def test_hang_up_during_login() -> None:
    with tcp_server(_fake_ami(lambda m: None)) as port:
        assert _probe_error(port) == "Asterisk closed the connection during the login"


def test_no_answer_to_login_in_time() -> None:
    with tcp_server(_fake_ami(lambda m: [])) as port:
        assert _probe_error(port, 0.3) == "no answer to Login within 0.3 s"


def test_a_refused_list_action_is_named_with_asterisks_message() -> None:
    def answers(m: Message) -> list[bytes]:
        if m.name == "Login":
            assert m.get("Events") == "off"
            return [b"Event: FullyBooted\r\nStatus: Fully Booted\r\n\r\n",
                    _resp(m, "Success", Message="Authentication accepted")]
        return [_resp(m, "Error", Message="Permission denied")]

    with tcp_server(_fake_ami(answers)) as port:
        assert _probe_error(port) == "Asterisk refused QueueStatus: Permission denied"


def test_a_peer_with_another_banner_version_and_a_logoff_it_ignores() -> None:
    seen: list[str] = []

    def answers(m: Message) -> list[bytes] | None:
        seen.append(m.name)
        if m.name == "Login":
            return [_resp(m, "Success")]
        if m.name == "QueueStatus":
            aid = m.action_id
            return [_resp(m, "Success", EventList="start"),
                    f"Event: QueueParams\r\nQueue: sales\r\nActionID: {aid}\r\n\r\n".encode(),
                    b"Event: Newchannel\r\nChannel: x\r\n\r\n",  # not asked for: ignored
                    f"Event: QueueMember\r\nQueue: sales\r\nName: Agent 42\r\n"
                    f"Location: PJSIP/42\r\nActionID: {aid}\r\n\r\n".encode(),
                    f"Event: QueueStatusComplete\r\nEventList: Complete\r\n"
                    f"ActionID: {aid}\r\n\r\n".encode()]
        if m.name == "CoreShowChannels":
            return [_resp(m, "Success", EventList="start"),
                    f"Event: CoreShowChannelsComplete\r\nEventList: Complete\r\n"
                    f"ActionID: {m.action_id}\r\n\r\n".encode()]
        return None  # Logoff: hang up without Goodbye

    with tcp_server(_fake_ami(answers)) as port:
        r = probe("127.0.0.1", port, "u", "s", timeout=1)
    assert r.banner == "Asterisk Call Manager/7.0.3"
    assert r.queues() == ["sales"] and [m.get("Name") for m in r.members()] == ["Agent 42"]
    assert r.channels == [] and seen == ["Login", "QueueStatus", "CoreShowChannels", "Logoff"]


# ---- compare() ------------------------------------------------------------------------


@dataclass(frozen=True)
class QueueMap:
    asterisk: str
    queue: str
    name: str
    wrapup_s: int = 5


@dataclass(frozen=True)
class AgentMap:
    agent: str
    interface: str
    member_name: str = ""
    state_interface: str = ""
    name: str = ""


@dataclass(frozen=True)
class StandInMapping:
    """The attributes and methods of TelephonyMapping that compare() reads (its
    agent_for: by Interface, else StateInterface, else MemberName, each exact)."""

    queues: tuple[QueueMap, ...]
    agents: tuple[AgentMap, ...]

    def queue_for(self, asterisk_queue: str) -> QueueMap | None:
        return next((q for q in self.queues if q.asterisk == asterisk_queue), None)

    def agent_for(self, interface: str | None, member_name: str | None = None,
                  state_interface: str | None = None) -> AgentMap | None:
        for a in self.agents:
            if interface and a.interface == interface:
                return a
        for a in self.agents:
            if state_interface and a.state_interface == state_interface:
                return a
        for a in self.agents:
            if member_name and a.member_name == member_name:
                return a
        return None


def _ev(name: str, **kv: str) -> Message:
    return Message.of("Event", name, **kv)


def test_compare_names_mapped_unmapped_and_missing_queues_and_members() -> None:
    result = Probe(banner="Asterisk Call Manager/11.0.0", host="pbx", port=5038, queue_status=[
        _ev("QueueParams", Queue="q1"), _ev("QueueParams", Queue="q9"),
        _ev("QueueMember", Queue="q1", Name="Agent 8001", Location="Local/8001@agents/n"),
        _ev("QueueMember", Queue="q1", Name="Agent 8002", Location="PJSIP/8002"),  # by name
        _ev("QueueMember", Queue="q9", Name="临时工", Location="Local/7777@agents/n"),
        _ev("QueueEntry", Queue="q1", Position="1"),
    ])
    mapping = StandInMapping(
        queues=(QueueMap("q1", "Q1", "咨询"), QueueMap("q2", "Q2", "投诉")),
        agents=(AgentMap("8001", "Local/8001@agents/n"),
                AgentMap("8002", "Local/8002@agents/n", member_name="Agent 8002"),
                AgentMap("8003", "Local/8003@agents/n")))
    assert compare(result, mapping) == [
        "queue q1 → Q1 咨询: mapped",
        "member Agent 8001 (Local/8001@agents/n) in queue q1 → agent 8001: mapped",
        "member Agent 8002 (PJSIP/8002) in queue q1 → agent 8002: mapped",
        "Asterisk queue q9: not in the mapping",
        "Asterisk member 临时工 (Local/7777@agents/n) in queue q9: not in the mapping",
        "mapped queue q2 (Q2): Asterisk has no such queue",
        "mapped agent 8003 (Local/8003@agents/n): not a member of any Asterisk queue",
    ]
    lines = compare(result, mapping)
    assert all(getattr(x, "context", None) == "Telephony" for x in lines)


def test_compare_against_the_real_status_frame_all_mapped() -> None:
    data = (Path(__file__).parent / "frames" / "status.ami").read_bytes()
    msgs = AmiParser().feed(data)
    status = [m for m in msgs if m.action_id == "rec2" and m.kind == "event"
              and m.name != "QueueStatusComplete"]
    result = Probe(banner="x", queue_status=status)
    mapping = StandInMapping(queues=(QueueMap("q1", "Q1", "队列1"),),
                             agents=(AgentMap("8001", "Local/8001@agents/n"),
                                     AgentMap("8002", "Local/8002@agents/n")))
    lines = compare(result, mapping)
    assert lines == ["queue q1 → Q1 队列1: mapped",
                     "member Agent 8001 (Local/8001@agents/n) in queue q1 → agent 8001: mapped",
                     "member Agent 8002 (Local/8002@agents/n) in queue q1 → agent 8002: mapped"]

