"""The floor mapping: how an Asterisk (app_queue) floor maps onto Seatwatch's (issue #14).

One TOML document, kept as data and versioned in the database like the floor
policy (models/db/telephony_db.py): the AMI endpoint, Asterisk queue →
Seatwatch queue, queue member (Interface / StateInterface / MemberName) → 工号,
PausedReason text → away reason, each supervisor's own endpoint for monitor,
whisper, barge and intercept, and the IVR contexts whose calls count as finished
in the IVR (R-KPI-1).

It is validated as strictly as the policy (models/domain/policy.py): an unknown
key, a number that is not finite or out of its range, an id that breaks the
floor's id rule, a duplicate, and any ``secret``/``password`` key are refused
with one line ``<source>: <key path>: <reason>`` (:class:`MappingError`), and
nothing partial is ever returned. The AMI secret never lives here: it is in the
OS keyring (``seatwatch telephony set-secret``).

Matching a queue member is exact and case-sensitive, never a prefix match: the
member 801 must never be taken for 8010 (the controls act on the agent found).
"""

from __future__ import annotations

import math
import re
import tomllib
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any, Protocol

from models.domain.floorsetup import NAME_MAX
from models.domain.texts import QT_TRANSLATE_NOOP, Msg
from models.domain.types import AwayReason

#: the floor's id rule (models/domain/floorsetup.py): queue ids and 工号
_ID = re.compile(r"^[0-9A-Za-z_\-.]{1,40}$")
#: an AMI user name: it is also part of the keyring entry ``ami:<user>@<host>``
_USER = re.compile(r"^[0-9A-Za-z_\-.]{1,80}$")
#: a host name, an IPv4 or an IPv6 address
_HOST = re.compile(r"^[0-9A-Za-z][0-9A-Za-z.\-:]{0,252}$")

ASTERISK_NAME_MAX = 80  # queue names and contexts
INTERFACE_MAX = 200  # "Local/8001@agents/n", "PJSIP/8002"
MEMBER_NAME_MAX = 80
REASON_TEXT_MAX = 80  # a PausedReason
MAX_QUEUES = 1_000
MAX_AGENTS = 10_000
MAX_SUPERVISORS = 1_000
MAX_REASONS = 200
MAX_CONTEXTS = 100
PING_MAX_S = 300.0  # a keep-alive rarer than that misses a dead link for too long
TIMEOUT_MAX_S = 120.0
WRAPUP_MAX_S = 3_600.0  # an hour of after-call work is no floor's wrap-up time

DEFAULT_PORT = 5038
#: what a PausedReason may map to: an away reason, or after-call work
TARGETS = (*(r.value for r in AwayReason), "after_call")

_SECRET_WORDS = ("secret", "password", "passwd")


def valid_host(host: str) -> bool:
    """A host name or an IP address, as ``[ami] host`` takes it."""
    return bool(_HOST.match(host))


def valid_user(user: str) -> bool:
    """An AMI user name, as ``[ami] user`` takes it (part of the keyring entry)."""
    return bool(_USER.match(user))


class MappingError(ValueError):
    """A mapping that cannot be used. ``str()`` is one English line
    ``<source>: <key path>: <reason>``; ``msg`` is the same as a message a
    console or the CLI shows in its own language."""

    def __init__(self, source: str, key: str, reason: Msg | str) -> None:
        self.source = source
        self.key = key
        self.reason = reason
        self.msg = QT_TRANSLATE_NOOP("Mapping", "{source}: {key}: {reason}").format(
            source=source, key=key, reason=reason)
        super().__init__(str(self.msg))


@dataclass(frozen=True, slots=True)
class AmiEndpoint:
    host: str
    port: int = DEFAULT_PORT
    user: str = "seatwatch"
    ping_s: float = 10.0
    connect_timeout_s: float = 5.0
    action_timeout_s: float = 5.0


@dataclass(frozen=True, slots=True)
class QueueMap:
    asterisk: str  # the Asterisk queue name
    queue: str  # the Seatwatch queue id
    name: str
    wrapup_s: float = 0.0  # after-call work after AgentComplete (the queue's wrapuptime)


@dataclass(frozen=True, slots=True)
class AgentMap:
    agent: str  # 工号
    interface: str  # what QueuePause / QueueRemove take
    member_name: str = ""
    state_interface: str = ""
    name: str = ""


@dataclass(frozen=True, slots=True)
class SupervisorMap:
    operator: str  # the operator's 工号
    endpoint: str  # Originate Channel for monitor / whisper / barge
    context: str = ""  # Redirect target for intercept: exten@context, priority 1
    exten: str = ""


@dataclass(frozen=True)
class TelephonyMapping:
    ami: AmiEndpoint
    queues: tuple[QueueMap, ...] = ()
    agents: tuple[AgentMap, ...] = ()
    pause_reasons: Mapping[str, str] = field(default_factory=dict)
    supervisors: tuple[SupervisorMap, ...] = ()
    ivr_contexts: tuple[str, ...] = ()
    ivr_queue: str | None = None
    _by_queue: dict[str, QueueMap] = field(init=False, repr=False, compare=False)
    _by_interface: dict[str, AgentMap] = field(init=False, repr=False, compare=False)
    _by_state: dict[str, AgentMap] = field(init=False, repr=False, compare=False)
    _by_member: dict[str, AgentMap] = field(init=False, repr=False, compare=False)
    _by_operator: dict[str, SupervisorMap] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        # exact-match indexes: a dict lookup can never be a prefix match
        def index(items: Iterable[Any], attr: str) -> dict[str, Any]:
            out: dict[str, Any] = {}
            for x in items:
                key = getattr(x, attr)
                if key:
                    out.setdefault(key, x)
            return out

        object.__setattr__(self, "_by_queue", index(self.queues, "asterisk"))
        object.__setattr__(self, "_by_interface", index(self.agents, "interface"))
        object.__setattr__(self, "_by_state", index(self.agents, "state_interface"))
        object.__setattr__(self, "_by_member", index(self.agents, "member_name"))
        object.__setattr__(self, "_by_operator", index(self.supervisors, "operator"))

    def queue_for(self, asterisk_queue: str | None) -> QueueMap | None:
        return self._by_queue.get(asterisk_queue) if asterisk_queue else None

    def agent_for(self, interface: str | None, member_name: str | None = None,
                  state_interface: str | None = None) -> AgentMap | None:
        """The agent a queue member is: by Interface, else StateInterface, else
        MemberName — each exact and case-sensitive (801 is never 8010)."""
        for key, idx in ((interface, self._by_interface),
                         (state_interface, self._by_state),
                         (member_name, self._by_member)):
            if key:
                hit = idx.get(key)
                if hit is not None:
                    return hit
        return None

    def reason_for(self, paused_reason_text: str | None) -> tuple[str, str]:
        """``(away reason or "after_call", raw text)``; a text the mapping does not
        name is ``other``, and the raw text is kept for the floor event's
        ``reason_text`` (the leader still reads what the agent picked)."""
        raw = paused_reason_text or ""
        hit = self.pause_reasons.get(raw)
        if hit is None:
            hit = self.pause_reasons.get(raw.strip())
        return (hit or AwayReason.OTHER.value, raw)

    def supervisor(self, operator_id: str | None) -> SupervisorMap | None:
        return self._by_operator.get(operator_id) if operator_id else None

    # ---- (de)serialisation ----------------------------------------------

    def to_dict(self) -> dict[str, Any]:
        """The mapping as the TOML document's structure (stored as JSON, diffed)."""
        a = self.ami
        ivr: dict[str, Any] = {"contexts": list(self.ivr_contexts)}
        if self.ivr_queue is not None:
            ivr["queue"] = self.ivr_queue
        return {
            "ami": {"host": a.host, "port": a.port, "user": a.user, "ping_s": a.ping_s,
                    "connect_timeout_s": a.connect_timeout_s,
                    "action_timeout_s": a.action_timeout_s},
            "queues": [{"asterisk": q.asterisk, "queue": q.queue, "name": q.name,
                        "wrapup_s": q.wrapup_s} for q in self.queues],
            "agents": [{"agent": x.agent, "interface": x.interface,
                        "member_name": x.member_name, "state_interface": x.state_interface,
                        "name": x.name} for x in self.agents],
            "pause_reasons": dict(self.pause_reasons),
            "supervisors": [{"operator": s.operator, "endpoint": s.endpoint,
                             "context": s.context, "exten": s.exten}
                            for s in self.supervisors],
            "ivr": ivr,
        }

    @classmethod
    def from_dict(cls, d: Any, source: str = "document") -> TelephonyMapping:
        return _parse(d, source)

    def to_toml(self) -> str:
        """The mapping as a TOML file; ``parse_toml(m.to_toml()) == m``."""
        d = self.to_dict()
        out: list[str] = ["[ami]"]
        out += [f"{k} = {toml_value(v)}" for k, v in d["ami"].items()]
        for kind in ("queues", "agents"):
            for item in d[kind]:
                out.append(f"\n[[{kind}]]")
                out += [f"{k} = {toml_value(v)}" for k, v in item.items()]
        out.append("\n[pause_reasons]")
        out += [f"{toml_string(k)} = {toml_value(v)}" for k, v in d["pause_reasons"].items()]
        for item in d["supervisors"]:
            out.append("\n[[supervisors]]")
            out += [f"{k} = {toml_value(v)}" for k, v in item.items()]
        out.append("\n[ivr]")
        out += [f"{k} = {toml_value(v)}" for k, v in d["ivr"].items()]
        return "\n".join(out) + "\n"


# ---- TOML output ------------------------------------------------------------------


def toml_string(s: str) -> str:
    """A TOML basic string: quotes, backslashes and control characters escaped; a
    lone surrogate (no TOML can hold one) becomes U+FFFD."""
    out = ['"']
    for c in s:
        o = ord(c)
        if c == '"':
            out.append('\\"')
        elif c == "\\":
            out.append("\\\\")
        elif 0xD800 <= o <= 0xDFFF:
            out.append("\ufffd")
        elif o < 0x20 or o == 0x7F or 0x80 <= o <= 0x9F:
            out.append(f"\\u{o:04X}")
        else:
            out.append(c)
    out.append('"')
    return "".join(out)


def toml_value(v: Any) -> str:
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, int):
        return str(v)
    if isinstance(v, float):
        return str(int(v)) if v.is_integer() and abs(v) < 1e15 else repr(v)
    if isinstance(v, list | tuple):
        return "[" + ", ".join(toml_value(x) for x in v) + "]"
    return toml_string(str(v))


# ---- validation -------------------------------------------------------------------


def _show(v: Any) -> str:
    """A value for an error line: its repr, short, on one line."""
    try:
        r = repr(v)
    except ValueError:  # an integer of more digits than Python converts
        r = "<a number too long>"
    return r if len(r) <= 40 else r[:37] + "..."


def _key(k: Any) -> str:
    return k if isinstance(k, str) and k and k.isprintable() and len(k) <= 60 else _show(k)


def _join(path: str, k: Any) -> str:
    return f"{path}.{_key(k)}" if path else _key(k)


def _has_control(s: str) -> bool:
    return any(unicodedata.category(c) in ("Cc", "Cs", "Cf", "Zl", "Zp") for c in s)


class _V:
    """One parse: the source and helpers that raise :class:`MappingError`."""

    def __init__(self, source: str) -> None:
        self.source = source

    def err(self, key: str, reason: Msg | str) -> MappingError:
        return MappingError(self.source, key, reason)

    def table(self, doc: Mapping[str, Any], name: str, *, required: bool = False
              ) -> Mapping[str, Any]:
        if name not in doc:
            if required:
                raise self.err(name, QT_TRANSLATE_NOOP("Mapping", "is required"))
            return {}
        v = doc[name]
        if not isinstance(v, Mapping):
            raise self.err(name, QT_TRANSLATE_NOOP("Mapping", "must be a table, got {value}")
                           .format(value=_show(v)))
        return v

    def tables(self, doc: Mapping[str, Any], name: str, limit: int) -> list[Mapping[str, Any]]:
        v = doc.get(name, [])
        if not isinstance(v, list) or not all(isinstance(x, Mapping) for x in v):
            raise self.err(name, QT_TRANSLATE_NOOP(
                "Mapping", "must be a list of [[{name}]] tables").format(name=name))
        if len(v) > limit:
            raise self.err(name, QT_TRANSLATE_NOOP(
                "Mapping", "at most {limit} entries, got {count}").format(limit=limit,
                                                                         count=len(v)))
        return v

    def unknown(self, tbl: Mapping[str, Any], path: str, known: Iterable[str]) -> None:
        ks = list(known)
        for k in tbl:
            if k not in ks:
                raise self.err(_join(path, k), QT_TRANSLATE_NOOP(
                    "Mapping", "unknown key (known: {known})").format(known=", ".join(ks)))

    def number(self, tbl: Mapping[str, Any], path: str, name: str, default: float, *,
               low: float, high: float, low_open: bool) -> float:
        """A finite number in ``(low, high]`` (``low_open``) or ``[low, high]``."""
        if name not in tbl:
            return default
        key, v = _join(path, name), tbl[name]
        if isinstance(v, bool) or not isinstance(v, int | float):
            raise self.err(key, QT_TRANSLATE_NOOP("Mapping", "must be a number, got {value}")
                           .format(value=_show(v)))
        if not math.isfinite(v):
            raise self.err(key, QT_TRANSLATE_NOOP(
                "Mapping", "must be a finite number, got {value}").format(value=_show(v)))
        if (v <= low if low_open else v < low) or v > high:
            reason = (QT_TRANSLATE_NOOP("Mapping", "must be more than {low} and at most {high}, "
                                                   "got {value}") if low_open else
                      QT_TRANSLATE_NOOP("Mapping", "must be between {low} and {high}, "
                                                   "got {value}"))
            raise self.err(key, reason.format(low=f"{low:g}", high=f"{high:g}",
                                              value=_show(v)))
        return float(v)

    def port(self, tbl: Mapping[str, Any], path: str) -> int:
        if "port" not in tbl:
            return DEFAULT_PORT
        key, v = _join(path, "port"), tbl["port"]
        if isinstance(v, bool) or not isinstance(v, int):
            raise self.err(key, QT_TRANSLATE_NOOP(
                "Mapping", "must be a whole number, got {value}").format(value=_show(v)))
        if not 1 <= v <= 65535:
            raise self.err(key, QT_TRANSLATE_NOOP(
                "Mapping", "must be between {low} and {high}, got {value}").format(
                low="1", high="65535", value=_show(v)))
        return v

    def text(self, tbl: Mapping[str, Any], path: str, name: str, *, required: bool,
             limit: int, spaces: bool = True, default: str = "") -> str:
        key = _join(path, name)
        if name not in tbl:
            if required:
                raise self.err(key, QT_TRANSLATE_NOOP("Mapping", "is required"))
            return default
        v = tbl[name]
        if not isinstance(v, str):
            raise self.err(key, QT_TRANSLATE_NOOP("Mapping", "must be a text, got {value}")
                           .format(value=_show(v)))
        self.check_text(v, key, required=required, limit=limit, spaces=spaces)
        return v

    def check_text(self, v: str, key: str, *, required: bool, limit: int,
                   spaces: bool) -> None:
        if required and not v.strip():
            raise self.err(key, QT_TRANSLATE_NOOP("Mapping", "must not be empty"))
        if len(v) > limit:
            raise self.err(key, QT_TRANSLATE_NOOP(
                "Mapping", "must be at most {limit} characters, got {count}").format(
                limit=limit, count=len(v)))
        if _has_control(v):
            raise self.err(key, QT_TRANSLATE_NOOP("Mapping", "must not contain control "
                                                             "characters"))
        if not spaces and any(c.isspace() for c in v):
            raise self.err(key, QT_TRANSLATE_NOOP("Mapping", "must not contain spaces"))

    def ident(self, tbl: Mapping[str, Any], path: str, name: str) -> str:
        v = self.text(tbl, path, name, required=True, limit=1000, spaces=False)
        if not _ID.match(v):
            raise self.err(_join(path, name), QT_TRANSLATE_NOOP(
                "Mapping", "must be an id of at most 40 letters, digits, _ - or ., "
                           "got {value}").format(value=_show(v)))
        return v


def _no_secrets(v: _V, doc: Any, path: str = "") -> None:
    """No secret in the file, under any name, anywhere: it would be stored in the
    database and shown by ``telephony show`` (issue #14: keyring only)."""
    if isinstance(doc, Mapping):
        for k, x in doc.items():
            p = _join(path, k)
            if isinstance(k, str) and any(w in k.lower() for w in _SECRET_WORDS):
                raise v.err(p, QT_TRANSLATE_NOOP(
                    "Mapping", "a secret is never kept in the mapping file: store it in the "
                               "system keyring with `seatwatch telephony set-secret`"))
            _no_secrets(v, x, p)
    elif isinstance(doc, list):
        for i, x in enumerate(doc):
            _no_secrets(v, x, f"{path}[{i}]")


def _dup(v: _V, seen: dict[str, str], value: str, key: str, where: str) -> None:
    if not value:
        return
    if value in seen:
        raise v.err(key, QT_TRANSLATE_NOOP("Mapping", "duplicate of {other}").format(
            other=seen[value]))
    seen[value] = where


def _parse(doc: Any, source: str) -> TelephonyMapping:
    v = _V(source)
    if not isinstance(doc, Mapping):
        raise v.err("(document)", QT_TRANSLATE_NOOP(
            "Mapping", "must be a table of settings, got {value}").format(value=_show(doc)))
    _no_secrets(v, doc)
    v.unknown(doc, "", ("ami", "queues", "agents", "pause_reasons", "supervisors", "ivr"))

    a = v.table(doc, "ami", required=True)
    v.unknown(a, "ami", ("host", "port", "user", "ping_s", "connect_timeout_s",
                         "action_timeout_s"))
    host = v.text(a, "ami", "host", required=True, limit=253, spaces=False)
    if not _HOST.match(host):
        raise v.err("ami.host", QT_TRANSLATE_NOOP(
            "Mapping", "must be a host name or an IP address, got {value}").format(
            value=_show(host)))
    user = v.text(a, "ami", "user", required=True, limit=80, spaces=False)
    if not _USER.match(user):
        raise v.err("ami.user", QT_TRANSLATE_NOOP(
            "Mapping", "must be a user name of at most 80 letters, digits, _ - or ., "
                       "got {value}").format(value=_show(user)))
    ami = AmiEndpoint(
        host=host, port=v.port(a, "ami"), user=user,
        ping_s=v.number(a, "ami", "ping_s", 10.0, low=0, high=PING_MAX_S, low_open=True),
        connect_timeout_s=v.number(a, "ami", "connect_timeout_s", 5.0, low=0,
                                   high=TIMEOUT_MAX_S, low_open=True),
        action_timeout_s=v.number(a, "ami", "action_timeout_s", 5.0, low=0,
                                  high=TIMEOUT_MAX_S, low_open=True))

    queues: list[QueueMap] = []
    seen_q: dict[str, str] = {}
    for i, q in enumerate(v.tables(doc, "queues", MAX_QUEUES)):
        p = f"queues[{i}]"
        v.unknown(q, p, ("asterisk", "queue", "name", "wrapup_s"))
        ast_name = v.text(q, p, "asterisk", required=True, limit=ASTERISK_NAME_MAX,
                          spaces=False)
        _dup(v, seen_q, ast_name, f"{p}.asterisk", p)
        qid = v.ident(q, p, "queue")
        name = v.text(q, p, "name", required=False, limit=NAME_MAX, default=qid)
        queues.append(QueueMap(ast_name, qid, name.strip() or qid,
                               v.number(q, p, "wrapup_s", 0.0, low=0, high=WRAPUP_MAX_S,
                                        low_open=False)))

    agents: list[AgentMap] = []
    seen_a: dict[str, str] = {}
    seen_i: dict[str, str] = {}
    seen_s: dict[str, str] = {}
    seen_m: dict[str, str] = {}
    for i, x in enumerate(v.tables(doc, "agents", MAX_AGENTS)):
        p = f"agents[{i}]"
        v.unknown(x, p, ("agent", "interface", "member_name", "state_interface", "name"))
        agent = v.ident(x, p, "agent")
        _dup(v, seen_a, agent, f"{p}.agent", p)
        iface = v.text(x, p, "interface", required=True, limit=INTERFACE_MAX, spaces=False)
        _dup(v, seen_i, iface, f"{p}.interface", p)
        member = v.text(x, p, "member_name", required=False, limit=MEMBER_NAME_MAX)
        _dup(v, seen_m, member, f"{p}.member_name", p)
        state = v.text(x, p, "state_interface", required=False, limit=INTERFACE_MAX,
                       spaces=False)
        _dup(v, seen_s, state, f"{p}.state_interface", p)
        agents.append(AgentMap(agent, iface, member, state,
                               v.text(x, p, "name", required=False, limit=NAME_MAX).strip()))

    reasons: dict[str, str] = {}
    pr = v.table(doc, "pause_reasons")
    if len(pr) > MAX_REASONS:
        raise v.err("pause_reasons", QT_TRANSLATE_NOOP(
            "Mapping", "at most {limit} entries, got {count}").format(limit=MAX_REASONS,
                                                                     count=len(pr)))
    for k, target in pr.items():
        key = _join("pause_reasons", k)
        if not isinstance(k, str):
            raise v.err(key, QT_TRANSLATE_NOOP("Mapping", "must be a text, got {value}")
                        .format(value=_show(k)))
        v.check_text(k, key, required=True, limit=REASON_TEXT_MAX, spaces=True)
        if target not in TARGETS:
            raise v.err(key, QT_TRANSLATE_NOOP(
                "Mapping", "must be one of {known}, got {value}").format(
                known=", ".join(TARGETS), value=_show(target)))
        text = k.strip()
        if text in reasons:
            raise v.err(key, QT_TRANSLATE_NOOP("Mapping", "duplicate of {other}").format(
                other=_join("pause_reasons", text)))
        reasons[text] = str(target)

    sups: list[SupervisorMap] = []
    seen_o: dict[str, str] = {}
    for i, s in enumerate(v.tables(doc, "supervisors", MAX_SUPERVISORS)):
        p = f"supervisors[{i}]"
        v.unknown(s, p, ("operator", "endpoint", "context", "exten"))
        op = v.ident(s, p, "operator")
        _dup(v, seen_o, op, f"{p}.operator", p)
        endpoint = v.text(s, p, "endpoint", required=True, limit=INTERFACE_MAX, spaces=False)
        ctx = v.text(s, p, "context", required=False, limit=ASTERISK_NAME_MAX, spaces=False)
        exten = v.text(s, p, "exten", required=False, limit=ASTERISK_NAME_MAX, spaces=False)
        if bool(ctx) != bool(exten):
            raise v.err(f"{p}.{'exten' if ctx else 'context'}", QT_TRANSLATE_NOOP(
                "Mapping", "context and exten go together (the intercept target): give both "
                           "or neither"))
        sups.append(SupervisorMap(op, endpoint, ctx, exten))

    ivr = v.table(doc, "ivr")
    v.unknown(ivr, "ivr", ("contexts", "queue"))
    raw_ctx = ivr.get("contexts", [])
    if not isinstance(raw_ctx, list) or not all(isinstance(c, str) for c in raw_ctx):
        raise v.err("ivr.contexts", QT_TRANSLATE_NOOP(
            "Mapping", "must be a list of texts, got {value}").format(value=_show(raw_ctx)))
    if len(raw_ctx) > MAX_CONTEXTS:
        raise v.err("ivr.contexts", QT_TRANSLATE_NOOP(
            "Mapping", "at most {limit} entries, got {count}").format(limit=MAX_CONTEXTS,
                                                                     count=len(raw_ctx)))
    seen_c: dict[str, str] = {}
    for i, c in enumerate(raw_ctx):
        key = f"ivr.contexts[{i}]"
        v.check_text(c, key, required=True, limit=ASTERISK_NAME_MAX, spaces=False)
        _dup(v, seen_c, c, key, key)
    ivr_queue: str | None = None
    if "queue" in ivr:
        ivr_queue = v.ident(ivr, "ivr", "queue")
        if ivr_queue not in {q.queue for q in queues}:
            raise v.err("ivr.queue", QT_TRANSLATE_NOOP(
                "Mapping", "is not the queue of any [[queues]] entry: {value}").format(
                value=_show(ivr_queue)))

    return TelephonyMapping(ami=ami, queues=tuple(queues), agents=tuple(agents),
                            pause_reasons=reasons, supervisors=tuple(sups),
                            ivr_contexts=tuple(raw_ctx), ivr_queue=ivr_queue)


def parse_toml(text: str, source: str = "mapping") -> TelephonyMapping:
    """Parse and validate a mapping document; errors name ``source`` and the key."""
    try:
        doc = tomllib.loads(text)
    except ValueError as e:  # TOMLDecodeError, or an integer too long to convert
        raise MappingError(source, "(file)", QT_TRANSLATE_NOOP(
            "Mapping", "not valid TOML: {error}").format(error=" ".join(str(e).split()))
                           ) from None
    return _parse(doc, source)


def diff(old: TelephonyMapping | None, new: TelephonyMapping) -> list[str]:
    """One line per changed key; lists are keyed by their own id (``queues[q1]``,
    ``agents[8001]``), so adding an agent is one line, not a shifted list."""
    def keyed(m: TelephonyMapping | None) -> dict[str, Any]:
        if m is None:  # the first version: every entry is an addition
            return {k: {} for k in ("ami", "queues", "agents", "pause_reasons",
                                    "supervisors", "ivr")}
        d = m.to_dict()
        for kind, by in (("queues", "asterisk"), ("agents", "agent"),
                         ("supervisors", "operator")):
            d[kind] = {str(x[by]): {k: y for k, y in x.items() if k != by} for x in d[kind]}
        return d

    out: list[str] = []

    def walk(a: Mapping[str, Any], b: Mapping[str, Any], prefix: str) -> None:
        for k in sorted(set(a) | set(b)):
            p = f"{prefix}[{k}]" if prefix in ("queues", "agents", "supervisors") \
                else (f"{prefix}.{k}" if prefix else k)
            x, y = a.get(k), b.get(k)
            if isinstance(x, Mapping) and isinstance(y, Mapping):
                walk(x, y, p)
            elif x != y:
                if x is None:
                    out.append(f"+ {p} = {y!r}")
                elif y is None:
                    out.append(f"- {p} (was {x!r})")
                else:
                    out.append(f"~ {p}: {x!r} -> {y!r}")

    walk(keyed(old), keyed(new), "")
    return out


# ---- discover: a first mapping from what Asterisk reports --------------------------


class MessageLike(Protocol):
    """What :func:`discover` reads of an AMI message (models.telephony.ami.Message)."""

    name: str

    def get(self, key: str, default: str | None = None) -> str | None: ...


#: PausedReason words → away reason, in the order they are tried
_GUESSES: tuple[tuple[tuple[str, ...], str], ...] = (
    (("话后", "整理"), "after_call"),
    (("小休",), AwayReason.SHORT_BREAK.value),
    (("就餐", "用餐"), AwayReason.MEAL.value),
    (("培训",), AwayReason.TRAINING.value),
    (("会议",), AwayReason.MEETING.value),
    (("回拨", "外呼"), AwayReason.CALLBACK.value),
)


def guess_reason(text: str) -> str:
    """The away reason a PausedReason text most likely means (IT reviews it)."""
    for words, target in _GUESSES:
        if any(w in text for w in words):
            return target
    return AwayReason.OTHER.value


def _make_id(text: str) -> str:
    """``text`` made into an id of the floor (letters, digits, _ - .), or ""."""
    s = re.sub(r"[^0-9A-Za-z_\-.]+", "_", text).strip("_")
    return s[:40].strip("_")


def _digits(text: str) -> str:
    return "".join(re.findall(r"[0-9]", unicodedata.normalize("NFKC", text)))


def _extension(interface: str) -> str:
    """``Local/8001@agents/n`` → ``8001``; ``PJSIP/8002`` → ``8002``."""
    rest = interface.split("/", 1)[1] if "/" in interface else interface
    return rest.split("@", 1)[0]


def agent_id_for(member_name: str, interface: str) -> str:
    """The 工号 discover proposes: the digits of MemberName, else of the interface's
    extension, else the interface made an id."""
    for d in (_digits(member_name), _digits(_extension(interface))):
        if d and len(d) <= 40:
            return d
    return _make_id(interface) or "agent"


def _ok_text(s: str, limit: int, spaces: bool) -> bool:
    return bool(s.strip()) and len(s) <= limit and not _has_control(s) \
        and (spaces or not any(c.isspace() for c in s))


def _comment(s: str) -> str:
    return " ".join(_show(s).split())


def _field(msg: MessageLike, *keys: str) -> str:
    for k in keys:
        v = msg.get(k)
        if v:
            return str(v)
    return ""


def _unique(base: str, taken: set[str]) -> str:
    out, n = base, 2
    while out in taken:
        suffix = f"-{n}"
        out = base[:40 - len(suffix)] + suffix
        n += 1
    taken.add(out)
    return out


def discover(queue_status: Iterable[MessageLike], *, host: str = "127.0.0.1",
             port: int = DEFAULT_PORT, user: str = "seatwatch") -> str:
    """A mapping file, as TOML text for IT to review, from a QueueStatus reply:
    every queue a [[queues]] entry, every member an [[agents]] entry, every
    PausedReason seen a guess in [pause_reasons]. What cannot be mapped is left
    out with a comment saying why. The text always parses with :func:`parse_toml`."""
    queues: dict[str, None] = {}
    members: dict[str, tuple[str, str]] = {}  # interface -> (member name, state interface)
    reasons: dict[str, None] = {}
    skipped: list[str] = []
    for msg in queue_status:
        name = str(getattr(msg, "name", "") or "")
        if name not in ("QueueParams", "QueueMember", "QueueMemberPause"):
            continue
        qname = _field(msg, "Queue")
        if qname:
            if _ok_text(qname, ASTERISK_NAME_MAX, spaces=False):
                queues.setdefault(qname)
            else:
                skipped.append(f"队列 {_comment(qname)}：队列名不可用")
        if name in ("QueueMember", "QueueMemberPause"):
            iface = _field(msg, "Interface", "Location")
            if not iface:
                continue
            if not _ok_text(iface, INTERFACE_MAX, spaces=False):
                skipped.append(f"成员 {_comment(iface)}：接口名不可用")
                continue
            member = _field(msg, "MemberName", "Name")
            if member == iface or not _ok_text(member, MEMBER_NAME_MAX, spaces=True):
                if member and member != iface:
                    skipped.append(f"成员 {iface} 的 MemberName {_comment(member)} 不可用")
                member = ""
            state = _field(msg, "StateInterface")
            if state == iface or not _ok_text(state, INTERFACE_MAX, spaces=False):
                state = ""
            if iface not in members or (not members[iface][0] and member):
                members[iface] = (member, state)
            reason = _field(msg, "PausedReason", "Reason").strip()
            if reason:
                if _ok_text(reason, REASON_TEXT_MAX, spaces=True):
                    reasons.setdefault(reason)
                else:
                    skipped.append(f"暂停原因 {_comment(reason)} 不可用")

    out = [
        "# Seatwatch 话务映射（由 seatwatch telephony discover 生成，请 IT 逐项核对后再",
        "# seatwatch telephony apply --db URL 本文件）。",
        "# AMI 密码不写在本文件里：用 seatwatch telephony set-secret 存入系统密钥环。",
        "",
        "[ami]",
        f"host = {toml_string(host)}",
        f"port = {int(port)}",
        f"user = {toml_string(user)}",
        "ping_s = 10",
        "connect_timeout_s = 5",
        "action_timeout_s = 5",
    ]
    taken_q: set[str] = set()
    seen_mn: set[str] = set()
    seen_si: set[str] = set()
    for n, qname in enumerate(queues, 1):
        up = qname.upper()
        qid = _unique(up if _ID.match(up) else (_make_id(up) or f"Q{n}"), taken_q)
        out += ["", "[[queues]]", f"asterisk = {toml_string(qname)}",
                f"queue = {toml_string(qid)}", f"name = {toml_string(qname)}",
                "wrapup_s = 0   # 请改为该队列 queues.conf 中的 wrapuptime（秒）"]
    taken_a: set[str] = set()
    for iface, (member, state) in members.items():
        base = agent_id_for(member, iface)
        agent = _unique(base, taken_a)
        out += ["", "[[agents]]"]
        if agent != base:
            out.append(f"# 请核对工号：{_comment(base)} 已被另一成员使用")
        out += [f"agent = {toml_string(agent)}", f"interface = {toml_string(iface)}"]
        if member and member not in seen_mn:
            seen_mn.add(member)
            out.append(f"member_name = {toml_string(member)}")
            if not re.search(r"[0-9]", member) and len(member) <= NAME_MAX:
                out.append(f"name = {toml_string(member.strip())}")
        if state and state not in seen_si:
            seen_si.add(state)
            out.append(f"state_interface = {toml_string(state)}")
    out += ["", "# 暂停原因（PausedReason）→ 离席原因：short_break 小休、meal 就餐、training 培训、",
            "# meeting 会议、callback 回拨、other 其他，或 after_call 话后处理；未列出的原因按",
            "# other 处理并保留原文。", "[pause_reasons]"]
    for r in reasons:
        out.append(f"{toml_string(r)} = {toml_string(guess_reason(r))}")
    out += ["", "# 每位值班长自己的分机，用于监听、耳语、强插和拦截，例如：",
            "# [[supervisors]]", '# operator = "9001"', '# endpoint = "PJSIP/9001"',
            '# context = "sup"', '# exten = "9001"',
            "", "# 在 IVR 中结束（未进入队列）的来电所在的 context（R-KPI-1），例如：",
            "# [ivr]", '# contexts = ["ivr-main"]', '# queue = "Q1"']
    if skipped:
        out += ["", "# 未能映射、已略去："] + [f"#   {s}" for s in skipped]
    return "\n".join(out) + "\n"
