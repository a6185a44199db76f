"""The floor host's link to Asterisk: one thread owns the AMI socket (issue #14).

It connects, reads the banner (never assumed), logs in with the secret from the
OS keyring (asked again at every connect, so a changed secret is picked up), keeps
the session alive with ``Ping`` and reconnects with back-off when the link drops.
What Asterisk sends on its own — the events of the floor — goes, in arrival order,
into :attr:`AmiLink.events`, interleaved with :class:`LinkChange` markers when the
link goes down or comes back, so the consumer (the AMI adapter, on the floor
host's thread) sees exactly where a gap in the event stream lies and resyncs.

Actions may be sent from any thread: :meth:`AmiLink.send` returns a Future that
completes with Asterisk's answer (:class:`models.telephony.ami.Completed`) or
fails with :class:`LinkDown` when the link drops before it came.
"""

from __future__ import annotations

import contextlib
import itertools
import logging
import queue
import select
import socket
import threading
import time
from collections.abc import Callable, Iterable, Mapping
from concurrent.futures import Future
from dataclasses import dataclass
from datetime import UTC, datetime

from models.telephony.ami import AmiParser, Completed, Correlator, Message, encode_action

log = logging.getLogger(__name__)

DEFAULT_BACKOFF = (0.5, 1.0, 2.0, 5.0, 10.0)


class LinkDown(ConnectionError):
    """The AMI link is down: the action was not (or may not have been) answered."""


class LoginRefused(ConnectionError):
    pass


@dataclass(frozen=True)
class LinkChange:
    """A marker in the event stream: the link came up (a new session: resync) or
    went down (since ``at``, for ``reason``)."""

    up: bool
    at: datetime
    reason: str


Fields = Mapping[str, str | Iterable[str]] | Iterable[tuple[str, str]]


class AmiLink:
    def __init__(self, host: str, port: int, user: str, secret_fn: Callable[[], str], *,
                 ping_s: float = 10.0, connect_timeout_s: float = 5.0,
                 backoff: tuple[float, ...] = DEFAULT_BACKOFF,
                 clock: Callable[[], datetime] = lambda: datetime.now(UTC),
                 name: str = "ami") -> None:
        self.host, self.port, self.user = host, port, user
        self._secret_fn = secret_fn
        self.ping_s = ping_s
        self.connect_timeout_s = connect_timeout_s
        self.backoff = backoff or DEFAULT_BACKOFF
        self.clock = clock
        self.name = name
        self.events: queue.Queue[Message | LinkChange] = queue.Queue()
        self.up = False
        self.banner: str | None = None
        self.down_since: datetime | None = None
        self.last_error = ""
        self.sessions = 0  # logins that succeeded: the number of (re)connections + 1
        self._sock: socket.socket | None = None
        self._send_lock = threading.Lock()
        self._corr = Correlator()
        self._futures: dict[str, Future[Completed]] = {}
        self._flock = threading.Lock()
        self._ids = itertools.count(1)
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self._first_up = threading.Event()
        self._told: str | None = None

    @property
    def where(self) -> str:
        return f"{self.host}:{self.port}"

    # -- life --

    def start(self) -> None:
        if self._thread is not None:
            return
        self._thread = threading.Thread(target=self._run, name=f"{self.name}-link", daemon=True)
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        self._close("stopped")
        if self._thread is not None and self._thread is not threading.current_thread():
            self._thread.join(5)

    def wait_up(self, timeout: float) -> bool:
        """Wait for the first successful login (start-up); False when it did not come."""
        return self._first_up.wait(timeout)

    # -- actions --

    def send(self, action: str, fields: Fields = (), *,
             list_response: bool = False) -> Future[Completed]:
        fut: Future[Completed] = Future()
        aid = f"sw-{next(self._ids)}"
        sock = self._sock
        if sock is None or not self.up:
            fut.set_exception(LinkDown(f"AMI link to {self.where} is down"))
            return fut
        with self._flock:
            self._corr.expect(aid, list_response)
            self._futures[aid] = fut
        try:
            with self._send_lock:
                sock.sendall(encode_action(action, fields, aid))
        except OSError as e:
            self._fail(aid, LinkDown(f"AMI link to {self.where}: {e}"))
            self._close(f"send failed: {e}")
        return fut

    def call(self, action: str, fields: Fields = (), *, list_response: bool = False,
             timeout: float = 5.0) -> Completed:
        """Send and wait; raises LinkDown or TimeoutError."""
        fut = self.send(action, fields, list_response=list_response)
        try:
            return fut.result(timeout)
        except TimeoutError:
            raise TimeoutError(f"Asterisk did not answer {action} within {timeout:g} s") from None

    def _fail(self, aid: str, err: BaseException) -> None:
        with self._flock:
            self._corr.forget(aid)
            fut = self._futures.pop(aid, None)
        if fut is not None and not fut.done():
            fut.set_exception(err)

    # -- the thread --

    def _run(self) -> None:
        attempt = 0
        while not self._stop.is_set():
            try:
                self._session()
                attempt = 0  # a session that logged in resets the back-off
            except LoginRefused as e:
                self._went_down(str(e))
                attempt = len(self.backoff) - 1  # a wrong secret: retry slowly
            except (OSError, TimeoutError) as e:
                self._went_down(_why(e))
            except Exception as e:  # noqa: BLE001 - a bug must not end the link for good
                log.exception("AMI link to %s: unexpected error", self.where)
                self._went_down(f"unexpected error: {e}")
            if self._stop.is_set():
                break
            delay = self.backoff[min(attempt, len(self.backoff) - 1)]
            attempt += 1
            self._stop.wait(delay)
        self._went_down("stopped")

    def _session(self) -> None:
        sock = socket.create_connection((self.host, self.port), timeout=self.connect_timeout_s)
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_KEEPALIVE, 1)
        parser = AmiParser()
        self._sock = sock
        with self._flock:
            self._corr = Correlator()
        # the banner first: something that is not Asterisk's manager is refused by name
        deadline = time.monotonic() + self.connect_timeout_s
        pending: list[Message] = []
        while parser.banner is None:
            left = deadline - time.monotonic()
            if left <= 0:
                raise TimeoutError(f"no AMI banner from {self.where} within "
                                   f"{self.connect_timeout_s:g} s (is it an AMI port?)")
            sock.settimeout(left)
            data = sock.recv(4096)
            if not data:
                raise ConnectionError(f"{self.where} closed the connection before the AMI "
                                      "banner")
            pending += parser.feed(data)
            if parser.banner is None and (pending or len(data) > 200):
                raise ConnectionError(f"{self.where} is not an Asterisk manager port "
                                      "(no 'Asterisk Call Manager' banner)")
        self.banner = parser.banner
        try:
            secret = self._secret_fn()
        except Exception as e:  # noqa: BLE001 - the keyring's own words, one line
            raise LoginRefused(f"no AMI secret for {self.user}@{self.host}: {e}") from None
        aid = f"sw-login-{next(self._ids)}"
        with self._flock:
            self._corr.expect(aid)
        with self._send_lock:
            sock.sendall(encode_action("Login", {"Username": self.user, "Secret": secret,
                                                 "Events": "on"}, aid))
        del secret
        login: Completed | None = None
        backlog: list[Message] = []
        while login is None:
            left = deadline + self.connect_timeout_s - time.monotonic()
            if left <= 0:
                raise TimeoutError(f"Asterisk at {self.where} did not answer the login")
            for m in pending or self._read(sock, parser, left):
                with self._flock:
                    c = self._corr.feed(m)
                if c is not None and c.action_id == aid:
                    login = c
                elif c is None:
                    backlog.append(m)
            pending = []
        if not login.ok:
            raise LoginRefused(f"Asterisk at {self.where} refused the login of "
                               f"{self.user!r}: {login.message}")
        sock.settimeout(None)
        self.up = True
        self.sessions += 1
        self.down_since = None
        self._told = None
        log.info("AMI link to %s up (%s), session %d", self.where, self.banner, self.sessions)
        self.events.put(LinkChange(True, self.clock(), self.banner or ""))
        self._first_up.set()
        for m in backlog:
            self._dispatch(m)
        self._loop(sock, parser)

    def _read(self, sock: socket.socket, parser: AmiParser, timeout: float) -> list[Message]:
        sock.settimeout(max(0.01, timeout))
        try:
            data = sock.recv(65536)
        except TimeoutError:
            return []
        if not data:
            raise ConnectionError(f"Asterisk at {self.where} closed the connection")
        out = parser.feed(data)
        for p in parser.drain_problems():
            log.warning("AMI from %s: %s", self.where, p)
        return out

    def _loop(self, sock: socket.socket, parser: AmiParser) -> None:
        last_heard = time.monotonic()
        ping_at = last_heard + self.ping_s
        ping: Future[Completed] | None = None
        while not self._stop.is_set():
            now = time.monotonic()
            if ping is not None and ping.done():
                if ping.exception() is None:
                    last_heard = now
                ping = None
            if now >= ping_at:
                if ping is not None:  # the last Ping was never answered: the link is dead
                    raise TimeoutError(f"Asterisk at {self.where} did not answer a Ping "
                                       f"within {self.ping_s:g} s")
                ping = self.send("Ping")
                ping_at = now + self.ping_s
            ready, _, _ = select.select([sock], [], [], min(0.2, max(0.0, ping_at - now)))
            if not ready:
                continue
            data = sock.recv(65536)
            if not data:
                raise ConnectionError(f"Asterisk at {self.where} closed the connection")
            last_heard = time.monotonic()
            for m in parser.feed(data):
                self._dispatch(m)
            for p in parser.drain_problems():
                log.warning("AMI from %s: %s", self.where, p)

    def _dispatch(self, m: Message) -> None:
        with self._flock:
            c = self._corr.feed(m)
            claimed = self._corr.claimed
            fut = self._futures.pop(c.action_id, None) if c is not None else None
        if c is not None:
            if fut is not None and not fut.done():
                fut.set_result(c)
            return
        if not claimed:
            self.events.put(m)

    def _close(self, why: str) -> None:
        sock, self._sock = self._sock, None
        if sock is not None:
            with contextlib.suppress(OSError):
                sock.shutdown(socket.SHUT_RDWR)
            sock.close()

    def _went_down(self, why: str) -> None:
        self._close(why)
        was_up = self.up
        self.up = False
        self.last_error = why
        with self._flock:
            futs = list(self._futures.items())
            self._futures.clear()
            self._corr.clear()
        for _aid, fut in futs:
            if not fut.done():
                fut.set_exception(LinkDown(f"AMI link to {self.where} went down: {why}"))
        if was_up or self.down_since is None:
            at = self.clock()
            self.down_since = self.down_since or at
            if why != "stopped":
                log.error("AMI link to %s down: %s", self.where, why)
            self.events.put(LinkChange(False, at, why))
            self._told = why
        elif why != self._told and why != "stopped":
            log.warning("AMI link to %s still down: %s", self.where, why)
            self._told = why


def _why(e: BaseException) -> str:
    """An OSError in words, without the errno noise."""
    if isinstance(e, ConnectionRefusedError):
        return "connection refused"
    if isinstance(e, TimeoutError | socket.timeout):
        return str(e) or "timed out"
    return getattr(e, "strerror", None) or str(e) or type(e).__name__
