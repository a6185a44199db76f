"""A one-shot AMI session for IT's commands (issue #14): ``telephony discover|test``.

Not the floor host's transport (``console/ami_client.py`` keeps a link up for hours,
with a thread, keep-alive and back-off): this connects once, blocking, reads the
banner, logs in, asks QueueStatus and CoreShowChannels (list responses), logs off and
closes. What it learns feeds ``models.telephony.mapping.discover`` (a mapping file to
review) and :func:`compare` (what Asterisk has against the applied mapping).

Every failure is one :class:`ProbeError` line naming ``host:port`` and the reason in
words — connection refused, timed out, login refused with Asterisk's own message,
not an AMI port (a web server, an SSH daemon) — never a traceback. The secret goes
into the Login action and nowhere else: not in an error, a log line or ``repr``.
"""

from __future__ import annotations

import contextlib
import itertools
import socket
import time
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any, Protocol

from models.domain.texts import QT_TRANSLATE_NOOP, Msg
from models.telephony.ami import AmiParser, Completed, Correlator, Message, encode_action

#: bytes received without a first line end: no AMI peer greets like that
_MAX_GREETING = 1024


class ProbeError(Exception):
    """One line for IT: ``host:port: reason`` (a translatable :class:`Msg`)."""

    def __init__(self, msg: Msg) -> None:
        super().__init__(msg)
        self.msg = msg


@dataclass
class Probe:
    """What one session learnt: the banner, QueueStatus's events (QueueParams,
    QueueMember, QueueEntry) and CoreShowChannels' (one CoreShowChannel each)."""

    banner: str
    queue_status: list[Message] = field(default_factory=list)
    channels: list[Message] = field(default_factory=list)
    host: str = ""
    port: int = 0

    def queues(self) -> list[str]:
        """Asterisk's queue names, in the order it reported them."""
        return _unique(m.get("Queue") or "" for m in self.queue_status
                       if m.is_event("QueueParams"))

    def members(self) -> list[Message]:
        return [m for m in self.queue_status if m.is_event("QueueMember")]


def _unique(xs: Iterable[str]) -> list[str]:
    return list(dict.fromkeys(x for x in xs if x))


def _where(host: str, port: int) -> str:
    return f"[{host}]:{port}" if ":" in host else f"{host}:{port}"


def _shown(raw: bytes) -> str:
    """What a wrong peer said, printable and short (for the error line)."""
    text = raw.decode("utf-8", "replace").strip()
    text = "".join(ch if ch.isprintable() and ch != "\ufffd" else "?" for ch in text)
    return text[:60] + ("…" if len(text) > 60 else "")


class _Session:
    def __init__(self, host: str, port: int, timeout: float) -> None:
        self.where = _where(host, port)
        self.timeout = timeout
        self.parser = AmiParser()
        self.corr = Correlator()
        self.greeting = bytearray()
        self._ids = itertools.count(1)
        try:
            self.sock = socket.create_connection((host, port), timeout=timeout)
        except ConnectionRefusedError:
            raise self.error(QT_TRANSLATE_NOOP(
                "Telephony", "{where}: connection refused (nothing listens on that port)")
            ) from None
        except TimeoutError:
            raise self.error(QT_TRANSLATE_NOOP(
                "Telephony", "{where}: timed out connecting after {seconds} s"),
                seconds=_secs(timeout)) from None
        except socket.gaierror:
            raise self.error(QT_TRANSLATE_NOOP("Telephony", "{where}: unknown host")) from None
        except OSError as e:
            raise self.error(QT_TRANSLATE_NOOP("Telephony", "{where}: cannot connect: {error}"),
                             error=e.strerror or type(e).__name__) from None

    def error(self, msg: Msg, **fields: Any) -> ProbeError:
        return ProbeError(msg.format(where=self.where, **fields))

    def close(self) -> None:
        with contextlib.suppress(OSError):
            self.sock.close()

    def _recv(self, deadline: float, step: str) -> list[Message]:
        left = deadline - time.monotonic()
        if left <= 0:
            raise TimeoutError
        self.sock.settimeout(left)
        try:
            data = self.sock.recv(65536)
        except TimeoutError:
            raise
        except OSError as e:
            raise self.error(QT_TRANSLATE_NOOP(
                "Telephony", "{where}: the connection failed during {step}: {error}"),
                step=step, error=e.strerror or type(e).__name__) from None
        if not data:
            if self.parser.banner is None:
                raise self.error(QT_TRANSLATE_NOOP(
                    "Telephony", "{where}: closed the connection without an AMI greeting: "
                    "not an AMI port"))
            raise self.error(QT_TRANSLATE_NOOP(
                "Telephony", "{where}: Asterisk closed the connection during {step}"), step=step)
        if self.parser.banner is None:
            self.greeting += data[:_MAX_GREETING]
        return self.parser.feed(data)

    def read_banner(self) -> str:
        deadline = time.monotonic() + self.timeout
        step = QT_TRANSLATE_NOOP("Telephony", "the greeting")
        while self.parser.banner is None:
            # a first line that is not the banner, or a flood without a line end: not AMI
            first, nl, _ = bytes(self.greeting).partition(b"\n")
            if nl or len(self.greeting) >= _MAX_GREETING:
                raise self.error(QT_TRANSLATE_NOOP(
                    "Telephony", "{where}: not an AMI port: it answered \"{answer}\""),
                    answer=_shown(first))
            try:
                self._recv(deadline, step)
            except TimeoutError:
                raise self.error(QT_TRANSLATE_NOOP(
                    "Telephony", "{where}: no AMI greeting within {seconds} s: not an AMI port"),
                    seconds=_secs(self.timeout)) from None
        return self.parser.banner

    def call(self, action: str, fields: dict[str, str], *, list_response: bool = False,
             step: str | None = None) -> Completed:
        aid = f"probe-{next(self._ids)}"
        self.corr.expect(aid, list_response)
        what = step or action
        try:
            self.sock.sendall(encode_action(action, fields, aid))
        except OSError as e:
            raise self.error(QT_TRANSLATE_NOOP(
                "Telephony", "{where}: the connection failed during {step}: {error}"),
                step=what, error=e.strerror or type(e).__name__) from None
        deadline = time.monotonic() + self.timeout
        while True:
            try:
                msgs = self._recv(deadline, what)
            except TimeoutError:
                raise self.error(QT_TRANSLATE_NOOP(
                    "Telephony", "{where}: no answer to {action} within {seconds} s"),
                    action=action, seconds=_secs(self.timeout)) from None
            for m in msgs:
                done = self.corr.feed(m)
                if done is not None and done.action_id == aid:
                    return done


def _secs(t: float) -> str:
    return f"{t:g}"


def probe(host: str, port: int, user: str, secret: str, timeout: float = 5.0) -> Probe:
    """Connect, read the banner, Login, QueueStatus, CoreShowChannels, Logoff.

    ``timeout`` bounds each step (connecting, the greeting, each answer). Raises
    :class:`ProbeError` (one line naming ``host:port``) on any failure.
    """
    s = _Session(host, port, timeout)
    try:
        banner = s.read_banner()
        # Events: off — this session wants answers, not the floor's event stream
        r = s.call("Login", {"Username": user, "Secret": secret, "Events": "off"},
                   step=QT_TRANSLATE_NOOP("Telephony", "the login"))
        if not r.ok:
            raise s.error(QT_TRANSLATE_NOOP(
                "Telephony", "{where}: login refused for user {user}: {reason}"),
                user=user, reason=r.message)
        out = Probe(banner=banner, host=host, port=port)
        for action, target in (("QueueStatus", out.queue_status),
                               ("CoreShowChannels", out.channels)):
            r = s.call(action, {}, list_response=True)
            if not r.ok:
                raise s.error(QT_TRANSLATE_NOOP(
                    "Telephony", "{where}: Asterisk refused {action}: {reason}"),
                    action=action, reason=r.message)
            target.extend(r.events)
        with contextlib.suppress(ProbeError):
            s.call("Logoff", {})
        return out
    finally:
        s.close()


# ---- against the applied mapping -------------------------------------------------


class MappingLike(Protocol):
    """What :func:`compare` reads of ``models.telephony.mapping.TelephonyMapping``."""

    @property
    def queues(self) -> Iterable[Any]: ...

    @property
    def agents(self) -> Iterable[Any]: ...

    def queue_for(self, asterisk_queue: str) -> Any: ...

    def agent_for(self, interface: str | None, member_name: str | None = None,
                  state_interface: str | None = None) -> Any: ...


def compare(result: Probe, mapping: MappingLike) -> list[str]:
    """Asterisk's queues and members against the applied mapping, one line each:
    the mapped ones (with their Seatwatch queue / 工号), then what Asterisk has that
    the mapping does not name, then what the mapping names that Asterisk lacks.
    Each line is a translatable :class:`Msg` (a ``str``)."""
    mapped: list[str] = []
    unmapped: list[str] = []
    missing: list[str] = []
    queues = result.queues() or _unique(m.get("Queue") or "" for m in result.members())
    for q in queues:
        qm = mapping.queue_for(q)
        if qm is None:
            unmapped.append(QT_TRANSLATE_NOOP(
                "Telephony", "Asterisk queue {queue}: not in the mapping").format(queue=q))
        else:
            mapped.append(QT_TRANSLATE_NOOP(
                "Telephony", "queue {queue} → {seatwatch} {name}: mapped").format(
                queue=q, seatwatch=qm.queue, name=qm.name or ""))
    seen_agents: set[str] = set()
    for m in result.members():
        q = m.get("Queue") or ""
        iface = m.get("Location") or m.get("Interface") or ""
        name = m.get("Name") or m.get("MemberName") or ""
        state_iface = m.get("StateInterface") or ""
        am = mapping.agent_for(iface or None, name or None, state_iface or None)
        if am is None:
            unmapped.append(QT_TRANSLATE_NOOP(
                "Telephony", "Asterisk member {member} ({interface}) in queue {queue}: "
                "not in the mapping").format(member=name or iface, interface=iface, queue=q))
        else:
            seen_agents.add(am.agent)
            mapped.append(QT_TRANSLATE_NOOP(
                "Telephony", "member {member} ({interface}) in queue {queue} → agent {agent}: "
                "mapped").format(member=name or iface, interface=iface, queue=q,
                                 agent=am.agent))
    have = set(queues)
    for qm in mapping.queues:
        if qm.asterisk not in have:
            missing.append(QT_TRANSLATE_NOOP(
                "Telephony", "mapped queue {queue} ({seatwatch}): Asterisk has no such queue")
                .format(queue=qm.asterisk, seatwatch=qm.queue))
    for am in mapping.agents:
        if am.agent not in seen_agents:
            missing.append(QT_TRANSLATE_NOOP(
                "Telephony", "mapped agent {agent} ({interface}): not a member of any "
                "Asterisk queue").format(agent=am.agent, interface=am.interface))
    return mapped + unmapped + missing


def summary(result: Probe) -> str:
    """One line for the top of ``telephony test``'s output."""
    return QT_TRANSLATE_NOOP("Telephony", "{where}: {banner}, {queues} queues, {members} "
                             "members, {channels} channels").format(
        where=_where(result.host, result.port), banner=result.banner,
        queues=len(result.queues()), members=len(result.members()),
        channels=len(result.channels))
