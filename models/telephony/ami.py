"""The Asterisk Manager Interface (AMI) wire protocol, sans-IO (issue #14).

Bytes in, messages out: :class:`AmiParser` takes whatever a socket read returned
(one byte, or many messages at once) and gives back the complete messages it now
holds. No socket, no thread, no clock: the transport (``console/ami_client.py``)
owns those, so every split of the stream, every garbled line and every oversize
message can be tested here byte by byte.

The protocol: a banner line (``Asterisk Call Manager/11.0.0`` on Asterisk 22 —
read, never assumed), then messages of ``Key: Value`` lines (CRLF, LF tolerated)
ended by a blank line. The first key says what it is (``Event``, ``Response``,
``Action``). Keys are case-insensitive and may repeat (``Variable:``,
``ChanVariable:``); both are kept. A value that is not UTF-8 (a GBK
CallerIDName from an older PBX) is decoded as GB18030, else Latin-1 — never an
exception. ``Response: Follows`` (a CLI command's output) ends with
``--END COMMAND--`` and is read as one message whose ``Output`` lines are kept.

Correlation: :class:`Correlator` matches responses to the actions that asked by
``ActionID`` and gathers list responses (``EventList: start`` … the
``…Complete`` event with ``EventList: Complete``). Anything no pending action
claims is an unsolicited event for the floor.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field

#: a message larger than this is refused (its lines are dropped up to its blank line);
#: the stream goes on with the next message
DEFAULT_MAX_MESSAGE = 64 * 1024
_BANNER_PREFIX = b"Asterisk Call Manager/"
#: a message ends at a blank line (CRLF, or a bare LF from a lenient peer)
_FOLLOWS_HEADERS = frozenset({"privilege", "actionid", "message"})
_BLANK = re.compile(rb"\n\r?\n")


def _maybe_banner(buf: bytearray, pos: int) -> bool:
    """Whether the bytes at ``pos`` are (or could still become) the banner line."""
    head = bytes(buf[pos:pos + len(_BANNER_PREFIX)])
    return _BANNER_PREFIX.startswith(head) if len(head) < len(_BANNER_PREFIX) \
        else head == _BANNER_PREFIX


def decode(raw: bytes) -> str:
    """UTF-8, else GB18030 (a superset of GBK and GB2312), else Latin-1: never raises."""
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        pass
    try:
        return raw.decode("gb18030")
    except UnicodeDecodeError:
        return raw.decode("latin-1")


class Message:
    """One AMI message. Keys are looked up case-insensitively; repeated keys are kept
    in order; ``items()`` gives them as sent."""

    __slots__ = ("_items", "_index", "kind", "name")

    def __init__(self, items: Iterable[tuple[str, str]]) -> None:
        self._items: list[tuple[str, str]] = list(items)
        # built on the first look-up: most events on the wire (VarSet, Newexten …) are
        # only ever asked their name, and the codec's throughput is what it saves
        self._index: dict[str, list[str]] | None = None
        self.kind = "unknown"
        self.name = ""
        if self._items:
            first_key, first_val = self._items[0]
            low = first_key.lower()
            if low in ("event", "response", "action"):
                self.kind, self.name = low, first_val.strip()

    @classmethod
    def of(cls, first: str, name: str, **fields: str) -> Message:
        """A message built in code (tests, recorded frames): ``Message.of("Event", "Hold",
        Channel="…")``."""
        return cls([(first, name), *((k, str(v)) for k, v in fields.items())])

    def _idx(self) -> dict[str, list[str]]:
        index = self._index
        if index is None:
            index = self._index = {}
            for k, v in self._items:
                low = k.lower()
                vals = index.get(low)
                if vals is None:
                    index[low] = [v]
                else:
                    vals.append(v)
        return index

    def get(self, key: str, default: str | None = None) -> str | None:
        vals = self._idx().get(key.lower())
        return vals[0] if vals else default

    def getall(self, key: str) -> list[str]:
        return list(self._idx().get(key.lower(), ()))

    def __contains__(self, key: object) -> bool:
        return isinstance(key, str) and key.lower() in self._idx()

    def __getitem__(self, key: str) -> str:
        v = self.get(key)
        if v is None:
            raise KeyError(key)
        return v

    def items(self) -> list[tuple[str, str]]:
        return list(self._items)

    def __iter__(self) -> Iterator[tuple[str, str]]:
        return iter(self._items)

    def __len__(self) -> int:
        return len(self._items)

    @property
    def action_id(self) -> str | None:
        return self.get("ActionID")

    @property
    def timestamp(self) -> float | None:
        """The ``Timestamp:`` header (``timestampevents = yes``) as epoch seconds."""
        raw = self.get("Timestamp")
        if raw is None:
            return None
        try:
            t = float(raw)
        except ValueError:
            return None
        return t if t == t and 0 < t < 1e11 else None  # not nan, a plausible epoch

    def is_event(self, name: str) -> bool:
        return self.kind == "event" and self.name.lower() == name.lower()

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Message) and self._items == other._items

    def __hash__(self) -> int:  # pragma: no cover - messages are not dict keys
        return hash(tuple(self._items))

    def __repr__(self) -> str:
        head = f"{self.kind}:{self.name}" if self.name else self.kind
        return f"<Message {head} {len(self._items)} keys>"


class AmiParser:
    """Sans-IO AMI reader: :meth:`feed` bytes, get the complete messages.

    Never raises on what the peer sends: a line without a colon, an oversize message
    or a broken encoding is noted in :attr:`problems` (one line each, for the log)
    and the stream goes on with the next message, so nothing after it is lost.

    Two paths give the same messages: a whole message already in the buffer (the
    usual case: a socket read holds many) is cut at its blank line and decoded at
    once; anything unusual — the banner, a partial message grown past the bound, a
    line without a colon, a non-UTF-8 value, a ``Response: Follows`` body — goes line
    by line through :meth:`_line`, the reference behaviour. The fast path is what
    keeps the codec above 20,000 events/s on one core (tests/perf/bench_ami.py).
    """

    def __init__(self, max_message: int = DEFAULT_MAX_MESSAGE) -> None:
        self.max_message = max_message
        self.banner: str | None = None
        self.problems: list[str] = []
        self._buf = bytearray()
        self._lines: list[tuple[str, str]] = []
        self._size = 0
        self._skipping = False  # inside an oversize message: drop up to its blank line
        self._discarding = False  # inside an endless line: drop up to its line end
        self._follows = False  # inside a "Response: Follows" body
        self._output: list[str] = []
        self._scan = 0  # where the search for a blank line resumes (bytes already searched)
        self._fast = True  # tests turn it off to compare with the line-by-line reference
        self.messages_read = 0

    def drain_problems(self) -> list[str]:
        out, self.problems = self.problems, []
        return out

    def _between_messages(self) -> bool:
        return not (self._lines or self._skipping or self._follows)

    def feed(self, data: bytes) -> list[Message]:
        out: list[Message] = []
        if self._discarding:
            # the rest of an endless line: nothing of it is kept, not even in the buffer
            nl = data.find(b"\n")
            if nl < 0:
                return out
            data = data[nl + 1:]
            self._discarding = False
        buf = self._buf
        buf += data
        pos = 0
        scan = self._scan
        while True:
            if self._fast and self._between_messages() and (
                    self.banner is not None or not _maybe_banner(buf, pos)):
                m = _BLANK.search(buf, pos + scan)
                scan = 0
                if m is None:
                    break
                block = bytes(buf[pos:m.start()])
                pos = m.end()
                if len(block) * 2 > self.max_message or not self._block(block, out):
                    for raw in block.split(b"\n"):
                        self._line(raw[:-1] if raw.endswith(b"\r") else raw, out)
                    self._line(b"", out)
                continue
            scan = 0
            nl = buf.find(b"\n", pos)
            if nl < 0:
                break
            raw = bytes(buf[pos:nl])
            pos = nl + 1
            if raw.endswith(b"\r"):
                raw = raw[:-1]
            self._line(raw, out)
        if pos:
            del buf[:pos]
        if len(buf) > self.max_message:
            # a partial message past the bound: its complete lines go the reference way
            # (which refuses the message); a line still without an end is garbage
            nl = buf.rfind(b"\n")
            if nl >= 0:
                for raw in bytes(buf[:nl]).split(b"\n"):
                    self._line(raw[:-1] if raw.endswith(b"\r") else raw, out)
                del buf[:nl + 1]
            if len(buf) > self.max_message:
                if not self._skipping:
                    self._refuse(f"a line of more than {self.max_message} bytes "
                                 "without a line end was dropped with its message")
                buf.clear()
                self._lines, self._size = [], 0
                self._follows, self._output = False, []
                self._skipping = True
                self._discarding = True
        # the next feed need not search again what holds no blank line
        self._scan = max(0, len(buf) - 2) if self._between_messages() else 0
        return out

    def _block(self, block: bytes, out: list[Message]) -> bool:
        """One whole message (its bytes up to the blank line) the fast way; False (and
        nothing done) when it needs the line-by-line reference."""
        try:
            text = block.decode("utf-8")
        except UnicodeDecodeError:
            return False
        items: list[tuple[str, str]] = []
        for line in text.lstrip("\r\n").split("\n"):
            key, sep, value = line.partition(":")
            if not sep:
                return False
            key = key.strip()
            if not key:
                return False
            if value[:1] == " ":
                value = value[1:]
            items.append((key, value.rstrip()))
        if not items:
            return True
        first = items[0][0].lower()
        if first not in ("event", "response", "action"):
            return False
        if first == "response" and items[0][1].strip().lower() == "follows":
            return False
        msg = Message.__new__(Message)
        msg._items, msg._index = items, None
        msg.kind, msg.name = first, items[0][1].strip()
        self.messages_read += 1
        out.append(msg)
        return True

    # -- one line (the reference behaviour) --

    def _line(self, raw: bytes, out: list[Message]) -> None:
        if self.banner is None and not self._lines and raw.startswith(_BANNER_PREFIX):
            self.banner = decode(raw).strip()
            return
        if self._follows:
            if not self._output and self._header_line(raw):
                return
            if raw.strip() == b"--END COMMAND--":
                self._follows = False
                self._lines.extend(("Output", line) for line in self._output)
                self._output = []
                self._finish(out)
                return
            self._size += len(raw) + 2
            if self._size > self.max_message:
                first = self._lines[0] if self._lines else ("", "")
                self._refuse(f"a command output of more than {self.max_message} bytes "
                             f"({first[0]}: {first[1][:40]}) was dropped")
                self._lines, self._size, self._output = [], 0, []
                self._follows = False
                self._skipping = True
                return
            self._output.append(decode(raw))
            return
        if not raw.strip():
            if self._skipping:
                self._skipping = False
                self._lines, self._size = [], 0
            elif self._lines:
                self._finish(out)
            return
        if self._skipping:
            return
        self._size += len(raw) + 2
        if self._size > self.max_message:
            first = self._lines[0] if self._lines else ("", "")
            self._refuse(f"a message of more than {self.max_message} bytes "
                         f"({first[0]}: {first[1][:40]}) was dropped")
            self._lines, self._size = [], 0
            self._skipping = True
            return
        colon = raw.find(b":")
        if colon <= 0 or not raw[:colon].strip():
            text = decode(raw)
            if self._lines and self._lines[0][0].lower() == "response":
                # old-style command output lines inside a response: keep them as Output
                self._lines.append(("Output", text))
            else:
                self.problems.append(f"AMI line without 'Key: Value' ignored: {text[:80]!r}")
            return
        key = decode(raw[:colon]).strip()
        value = decode(raw[colon + 1:])
        if value.startswith(" "):
            value = value[1:]
        self._lines.append((key, value.rstrip()))
        if (len(self._lines) == 1 and key.lower() == "response"
                and value.strip().lower() == "follows"):
            self._follows = True

    def _header_line(self, raw: bytes) -> bool:
        """A ``Response: Follows`` answer's own keys (``Privilege``, ``ActionID``) come
        before its output; kept as keys, else the answer could not be correlated."""
        key, sep, value = decode(raw).partition(":")
        if not sep or key.strip().lower() not in _FOLLOWS_HEADERS:
            return False
        self._lines.append((key.strip(), value[1:].rstrip() if value[:1] == " "
                            else value.rstrip()))
        return True

    def _finish(self, out: list[Message]) -> None:
        msg = Message(self._lines)
        self._lines, self._size = [], 0
        if msg.kind == "unknown":
            self.problems.append("AMI message without Event/Response/Action first ignored: "
                                 + ", ".join(k for k, _ in msg.items()[:4]))
            return
        self.messages_read += 1
        out.append(msg)

    def _refuse(self, why: str) -> None:
        self.problems.append(f"AMI {why}")


def _clean(value: str) -> str:
    """A value must not carry a line break: it would start a new key (header injection)."""
    return value.replace("\r", " ").replace("\n", " ")


def encode_action(name: str, fields: Mapping[str, str | Iterable[str]] | Iterable[tuple[str, str]]
                  = (), action_id: str | None = None) -> bytes:
    """``Action: name`` + fields + ``ActionID``, CRLF lines, a blank line at the end.
    A field whose value is a list is repeated (``Variable``). Values are cleaned of
    line breaks so no caller-controlled text can inject a key."""
    lines = [f"Action: {_clean(name)}"]
    items: Iterable[tuple[str, object]]
    items = fields.items() if isinstance(fields, Mapping) else fields
    for k, v in items:
        if v is None:
            continue
        vals = [v] if isinstance(v, str | int | float) else list(v)
        for one in vals:
            lines.append(f"{_clean(str(k))}: {_clean(str(one))}")
    if action_id is not None:
        lines.append(f"ActionID: {_clean(action_id)}")
    return ("\r\n".join(lines) + "\r\n\r\n").encode("utf-8")


@dataclass
class Completed:
    """An action's answer: its Response and, for a list action, the events of the list."""

    action_id: str
    response: Message
    events: list[Message] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return self.response.name.lower() in ("success", "follows", "goodbye")

    @property
    def message(self) -> str:
        """Asterisk's own words (``Message:``), for a failed control's text."""
        return self.response.get("Message") or self.response.name


@dataclass
class _Pending:
    list_response: bool
    response: Message | None = None
    events: list[Message] = field(default_factory=list)


class Correlator:
    """Matches answers to actions by ActionID and gathers list responses.

    ``expect(id, list_response)`` before sending; then every parsed message goes
    through :meth:`feed`: it returns a :class:`Completed` when an action's answer is
    whole, ``None`` otherwise — and :meth:`claimed` tells whether the message was
    part of an answer (else it is an unsolicited event for the floor).
    """

    def __init__(self) -> None:
        self._pending: dict[str, _Pending] = {}
        self._last_claimed = False

    def expect(self, action_id: str, list_response: bool = False) -> None:
        self._pending[action_id] = _Pending(list_response)

    def forget(self, action_id: str) -> None:
        self._pending.pop(action_id, None)

    def pending(self) -> list[str]:
        return list(self._pending)

    def clear(self) -> list[str]:
        """The link dropped: every pending action is lost. Returns their ids."""
        ids = list(self._pending)
        self._pending.clear()
        return ids

    @property
    def claimed(self) -> bool:
        """Whether the message last fed belonged to a pending action."""
        return self._last_claimed

    def feed(self, msg: Message) -> Completed | None:
        self._last_claimed = False
        if not self._pending:
            # the usual case on a floor: no action awaits an answer, so the event's keys
            # need not even be indexed (the codec's throughput, tests/perf/bench_ami.py)
            return None
        aid = msg.action_id
        if aid is None or aid not in self._pending:
            return None
        p = self._pending[aid]
        self._last_claimed = True
        if msg.kind == "response":
            p.response = msg
            if not p.list_response or (msg.get("EventList") or "").lower() != "start":
                # a plain answer, or a list action refused (no list follows)
                del self._pending[aid]
                return Completed(aid, msg, p.events)
            return None
        if msg.kind == "event":
            if (msg.get("EventList") or "").lower() == "complete":
                del self._pending[aid]
                resp = p.response or Message([("Response", "Success"), ("ActionID", aid)])
                return Completed(aid, resp, p.events)
            p.events.append(msg)
        return None
