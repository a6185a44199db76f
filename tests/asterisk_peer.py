"""A real Asterisk for the telephony tests (issue #14): found or built once, started per
test session on a free loopback port with a generated configuration, stopped by its pid.

Asterisk is a test peer only: nothing of it ships. The build comes from the source
tarball in ``../shared/third_party/asterisk`` (``build.sh`` into
``~/.cache/seatwatch/asterisk-22``, about 7 minutes once, then reused; ``tests/run.sh``
builds it before the suite). Where neither a built Asterisk (≥ 20) nor the tarball is
found, the tests that need it are skipped with one line saying how to get one.

The floor it runs: queues ``q1`` … ``qN`` whose members are Local channels
``Local/8NNN@agents/n`` (:func:`agent_ext`; an agent answers after ``RING`` seconds and
talks ``TALK`` seconds — global variables the test sets with
:meth:`AsteriskPeer.setvar`; an agent whose ``NOANSWER_8NNN`` is 1 never answers),
callers originated into a queue over AMI (``Local/<queue>@callers``: the ``;1`` leg is
the caller's phone, the ``;2`` leg waits in the queue; with ``hangup_after`` the caller
hangs up after that many seconds), supervisors ``Local/90NN@sup`` (answer and stay on
the line). Queues autofill: every waiting caller rings a free member at once.
"""

from __future__ import annotations

import contextlib
import itertools
import os
import re
import shutil
import signal
import socket
import subprocess
import time
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from models.telephony.ami import AmiParser, Completed, Correlator, Message, encode_action

ROOT = Path(__file__).resolve().parent.parent
CACHE = Path(os.environ.get("SEATWATCH_ASTERISK_PREFIX")
             or Path.home() / ".cache" / "seatwatch" / "asterisk-22")
HOW_TO_GET = ("no Asterisk for the telephony tests: install asterisk >= 20, set "
              "SEATWATCH_ASTERISK_PREFIX to a built one, or put the source tarball in "
              "../shared/third_party/asterisk (tests/run.sh builds it)")
SECRET = "peer-secret-not-real"
USER = "seatwatch"
#: the AMI classes the README's "Connecting to Asterisk" asks IT to give the floor
#: host's user: every telephony test runs with exactly these, so the README is tested
PRODUCT_READ = "system,call,agent,dialplan"
PRODUCT_WRITE = "call,agent,originate,reporting"
#: the tests' own hand on Asterisk (callers, hang-ups, statistics): a second user
PEER_USER = "peer"
PEER_SECRET = "peer-own-secret-not-real"


def source_dir() -> Path | None:
    """The folder with build.sh and the tarball, if any."""
    cands = [os.environ.get("SEATWATCH_ASTERISK_SRC"),
             ROOT.parent / "shared" / "third_party" / "asterisk",
             Path("/work/shared/third_party/asterisk")]
    for c in cands:
        if c and (Path(c) / "build.sh").is_file() and any(Path(c).glob("asterisk-*.tar.gz")):
            return Path(c)
    return None


def _version_ok(binary: Path) -> bool:
    try:
        out = subprocess.run([str(binary), "-V"], capture_output=True, text=True,
                             timeout=20).stdout
    except (OSError, subprocess.SubprocessError):
        return False
    m = re.search(r"Asterisk (\d+)", out)
    return m is not None and int(m.group(1)) >= 20


def find_prefix(build: bool = True) -> Path | None:
    """The install prefix of a usable Asterisk: the cache (built if the source is here),
    else one installed on the system. None when there is none to be had."""
    if (CACHE / "sbin" / "asterisk").is_file() and _version_ok(CACHE / "sbin" / "asterisk"):
        return CACHE
    src = source_dir()
    if src is not None and build:
        r = subprocess.run(["bash", str(src / "build.sh"), str(CACHE)], capture_output=True,
                           text=True, timeout=3600)
        if r.returncode == 0 and (CACHE / "sbin" / "asterisk").is_file():
            return CACHE
        raise RuntimeError("building Asterisk failed: " + (r.stdout + r.stderr)[-2000:])
    system = shutil.which("asterisk")
    if system and _version_ok(Path(system)):
        return Path(system).resolve().parent.parent
    return None


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _conf(prefix: Path, run: Path, port: int, queues: int, agents_per_queue: int,
          wrapup_s: int, ring_timeout_s: int) -> dict[str, str]:
    qs = []
    for q in range(1, queues + 1):
        members = "\n".join(
            f"member => Local/{agent_ext(q, i)}@agents/n,0,Agent {agent_ext(q, i)}"
            for i in range(1, agents_per_queue + 1))
        qs.append(f"[q{q}]\nstrategy = rrmemory\ntimeout = {ring_timeout_s}\nretry = 1\n"
                  f"wrapuptime = {wrapup_s}\nringinuse = no\njoinempty = yes\n"
                  f"leavewhenempty = no\nannounce-frequency = 0\n"
                  f"announce-position = no\n{members}\n")
    return {
        "asterisk.conf": f"""[directories]
astetcdir => {run}/etc
astmoddir => {prefix}/lib/asterisk/modules
astvarlibdir => {run}/lib
astdbdir => {run}/db
astkeydir => {run}/lib
astdatadir => {prefix}/var/lib/asterisk
astagidir => {run}/lib/agi-bin
astspooldir => {run}/spool
astrundir => {run}/run
astlogdir => {run}/log
[options]
transmit_silence = yes
""",
        "manager.conf": f"""[general]
enabled = yes
port = {port}
bindaddr = 127.0.0.1
timestampevents = yes
[{USER}]
secret = {SECRET}
deny = 0.0.0.0/0.0.0.0
permit = 127.0.0.1/255.255.255.255
read = {PRODUCT_READ}
write = {PRODUCT_WRITE}
[{PEER_USER}]
secret = {PEER_SECRET}
deny = 0.0.0.0/0.0.0.0
permit = 127.0.0.1/255.255.255.255
read = all
write = all
""",
        "modules.conf": "[modules]\nautoload = yes\n",
        "logger.conf": "[logfiles]\nmessages => notice,warning,error\n",
        "musiconhold.conf": "[general]\n",
        # autofill: every waiting caller rings a free member at once (as a call centre
        # runs its queues), not only the head of the queue
        "queues.conf": "[general]\npersistentmembers = no\nautofill = yes\n" + "\n".join(qs),
        "extensions.conf": """[globals]
TALK=600
RING=0
[callers]
exten => _q.,1,Answer()
 same => n,Queue(${EXTEN},,,,600)
 same => n,Hangup()
exten => _ivr.,1,Answer()
 same => n,Goto(ivr-main,s,1)
[ivr-main]
exten => s,1,Wait(1)
 same => n,Hangup()
[phone]
exten => s,1,Wait(3600)
exten => _wait.,1,Wait(${EXTEN:4})
 same => n,Hangup()
[agents]
exten => _8XXX,1,GotoIf($["${NOANSWER_${EXTEN}}" = "1"]?noanswer)
 same => n,GotoIf($[${RING} > 0]?ring:answer)
 same => n(ring),Wait(${RING})
 same => n(answer),Answer()
 same => n,Wait(${TALK})
 same => n,Hangup()
 same => n(noanswer),Wait(600)
 same => n,Hangup()
[sup]
exten => _90XX,1,Answer()
 same => n,Wait(3600)
 same => n,Hangup()
""",
    }


def agent_ext(queue: int, i: int) -> str:
    """Queue 1's agents are 8001…, queue 2's 8011… (10 per queue at most); beyond 9
    per queue (the load run) the 8NNN range is used."""
    return f"80{(queue - 1) * 10 + i:02d}" if i <= 9 else f"8{queue}{i:02d}"


@dataclass
class AsteriskPeer:
    prefix: Path
    run: Path
    port: int
    queues: int = 1
    agents_per_queue: int = 4
    wrapup_s: int = 2
    ring_timeout_s: int = 15
    host: str = "127.0.0.1"
    user: str = USER
    secret: str = SECRET
    proc: subprocess.Popen[bytes] | None = None
    _client: AmiTestClient | None = None
    _ids: itertools.count[int] = field(default_factory=itertools.count)

    # -- life --

    def write_config(self) -> None:
        for d in ("etc", "lib", "db", "spool", "run", "log", "lib/agi-bin"):
            (self.run / d).mkdir(parents=True, exist_ok=True)
        for name, text in _conf(self.prefix, self.run, self.port, self.queues,
                                self.agents_per_queue, self.wrapup_s,
                                self.ring_timeout_s).items():
            (self.run / "etc" / name).write_text(text, encoding="utf-8")

    @property
    def conf(self) -> Path:
        return self.run / "etc" / "asterisk.conf"

    def start(self, timeout: float = 60.0) -> None:
        assert self.proc is None or self.proc.poll() is not None, "already running"
        self.write_config()
        log = open(self.run / "log" / "console.out", "ab")  # noqa: SIM115 - the process owns it
        self.proc = subprocess.Popen(
            [str(self.prefix / "sbin" / "asterisk"), "-C", str(self.conf), "-f", "-n", "-q"],
            stdin=subprocess.DEVNULL, stdout=log, stderr=subprocess.STDOUT,
            start_new_session=True)
        log.close()
        deadline = time.monotonic() + timeout
        last = ""
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"asterisk exited with {self.proc.returncode}: "
                                   + self.tail_log())
            try:
                c = AmiTestClient(self.host, self.port, PEER_USER, PEER_SECRET)
                if c.wait_booted(timeout=max(1.0, deadline - time.monotonic())):
                    self._client = c
                    return
                c.close()
            except OSError as e:
                last = str(e)
            time.sleep(0.2)
        raise RuntimeError(f"asterisk did not boot in {timeout:.0f} s ({last}): "
                           + self.tail_log())

    def stop(self, sig: int = signal.SIGKILL) -> None:
        """Stop it by its pid (SIGKILL: a crash, the link drops at once)."""
        if self._client is not None:
            self._client.close()
            self._client = None
        if self.proc is not None and self.proc.poll() is None:
            os.killpg(self.proc.pid, sig)
            try:
                self.proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(self.proc.pid, signal.SIGKILL)
                self.proc.wait(timeout=20)
        self.proc = None

    def tail_log(self) -> str:
        p = self.run / "log" / "console.out"
        return p.read_text(errors="replace")[-1500:] if p.exists() else ""

    @property
    def client(self) -> AmiTestClient:
        if self._client is None:
            self._client = AmiTestClient(self.host, self.port, PEER_USER, PEER_SECRET)
        return self._client

    # -- driving the floor --

    def cli(self, command: str) -> str:
        r = subprocess.run([str(self.prefix / "sbin" / "asterisk"), "-C", str(self.conf),
                            "-rx", command], capture_output=True, text=True, timeout=20)
        return r.stdout

    def setvar(self, name: str, value: str) -> None:
        self.client.call("Setvar", {"Variable": name, "Value": value})

    def originate_caller(self, queue: str = "q1", number: str | None = None,
                         name: str = "", hangup_after: float | None = None) -> str:
        """A caller into ``queue``; returns the caller number that identifies it
        (QueueCallerJoin's CallerIDNum). ``hangup_after``: the caller's patience in
        seconds (it hangs up then, waiting or not), else it stays on the line."""
        n = number or f"1380000{next(self._ids):04d}"
        cid = f'"{name}" <{n}>' if name else f"<{n}>"
        exten = "s" if hangup_after is None else f"wait{hangup_after:g}"
        self.client.call("Originate", {"Channel": f"Local/{queue}@callers",
                                       "Context": "phone", "Exten": exten, "Priority": "1",
                                       "CallerID": cid, "Async": "true",
                                       "Variable": f"CALLERID(num)={n}"})
        return n

    def hangup(self, channel: str) -> Completed:
        return self.client.call("Hangup", {"Channel": channel})

    def channels(self) -> list[Message]:
        return self.client.call("CoreShowChannels", {}, list_response=True).events

    def queue_status(self, queue: str | None = None) -> list[Message]:
        fields = {"Queue": queue} if queue else {}
        return self.client.call("QueueStatus", fields, list_response=True).events

    def queue_summary(self, queue: str) -> Message:
        return self.client.call("QueueStatus", {"Queue": queue},
                                list_response=True).events[0]

    def wait_event(self, pred: object, timeout: float = 10.0) -> Message:
        return self.client.wait_event(pred, timeout)

    def mapping_toml(self, *, reasons: Iterable[tuple[str, str]] = (("小休", "short_break"),
                                                                   ("就餐", "meal"),
                                                                   ("话后处理", "after_call")),
                     supervisors: Iterable[str] = ("9001", "9002")) -> str:
        out = [f'[ami]\nhost = "{self.host}"\nport = {self.port}\nuser = "{self.user}"\n'
               "ping_s = 2\nconnect_timeout_s = 2\naction_timeout_s = 5\n"]
        for q in range(1, self.queues + 1):
            out.append(f'[[queues]]\nasterisk = "q{q}"\nqueue = "Q{q}"\nname = "队列{q}"\n'
                       f"wrapup_s = {self.wrapup_s}\n")
        for q in range(1, self.queues + 1):
            for i in range(1, self.agents_per_queue + 1):
                ext = agent_ext(q, i)
                out.append(f'[[agents]]\nagent = "{ext}"\ninterface = "Local/{ext}@agents/n"\n'
                           f'member_name = "Agent {ext}"\n')
        out.append("[pause_reasons]\n" + "".join(f'"{t}" = "{r}"\n' for t, r in reasons))
        for s in supervisors:
            out.append(f'[[supervisors]]\noperator = "{s}"\nendpoint = "Local/{s}@sup"\n'
                       f'context = "sup"\nexten = "{s}"\n')
        out.append('[ivr]\ncontexts = ["ivr-main"]\nqueue = "Q1"\n')
        return "\n".join(out)


class AmiTestClient:
    """A small blocking AMI session for the tests' own hand on Asterisk (originating
    callers, hanging up, reading its statistics): not the product's transport."""

    def __init__(self, host: str, port: int, user: str, secret: str,
                 timeout: float = 5.0) -> None:
        self.sock = socket.create_connection((host, port), timeout=timeout)
        self.parser = AmiParser()
        self.corr = Correlator()
        self.events: list[Message] = []
        self._ids = itertools.count(1)
        self._read_until(lambda: self.parser.banner is not None, timeout)
        r = self.call("Login", {"Username": user, "Secret": secret})
        if not r.ok:
            raise OSError(f"AMI login refused: {r.message}")

    def close(self) -> None:
        with contextlib.suppress(OSError):
            self.sock.close()

    def quiet(self) -> None:
        """No events on this session (a load driver would otherwise keep them all)."""
        self.call("Events", {"EventMask": "off"})
        self.events.clear()

    def _pump(self, timeout: float) -> list[Completed]:
        self.sock.settimeout(timeout)
        try:
            data = self.sock.recv(65536)
        except TimeoutError:
            return []
        if not data:
            raise OSError("AMI connection closed")
        done = []
        for m in self.parser.feed(data):
            c = self.corr.feed(m)
            if c is not None:
                done.append(c)
            elif not self.corr.claimed:
                self.events.append(m)
        return done

    def _read_until(self, cond: object, timeout: float) -> None:
        deadline = time.monotonic() + timeout
        while not cond():  # type: ignore[operator]
            left = deadline - time.monotonic()
            if left <= 0:
                raise TimeoutError("AMI: nothing in time")
            self._pump(min(left, 0.5))

    def call(self, action: str, fields: dict[str, str], *, list_response: bool = False,
             timeout: float = 10.0) -> Completed:
        aid = f"t{next(self._ids)}"
        self.corr.expect(aid, list_response)
        self.sock.sendall(encode_action(action, fields, aid))
        deadline = time.monotonic() + timeout
        while True:
            left = deadline - time.monotonic()
            if left <= 0:
                raise TimeoutError(f"AMI {action}: no answer in {timeout} s")
            for c in self._pump(min(left, 0.5)):
                if c.action_id == aid:
                    return c

    def wait_event(self, pred: object, timeout: float = 10.0) -> Message:
        deadline = time.monotonic() + timeout
        seen = 0
        while True:
            for m in self.events[seen:]:
                if pred(m):  # type: ignore[operator]
                    self.events.remove(m)
                    return m
            seen = len(self.events)
            left = deadline - time.monotonic()
            if left <= 0:
                raise TimeoutError("AMI: the awaited event did not come")
            self._pump(min(left, 0.5))

    def wait_booted(self, timeout: float) -> bool:
        try:
            self.wait_event(lambda m: m.is_event("FullyBooted"), timeout)
            return True
        except TimeoutError:
            return False
