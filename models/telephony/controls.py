"""Supervisor controls on the real switch: AMI actions and what confirms them (issue #14).

Pure: no socket, no thread, no clock. For one :class:`SupervisorCommand`, the
translator's tracks (the agent's exact bridged channel, the caller's channel, the
member's interfaces) and the supervisor's own endpoint, this module says which AMI
action(s) carry the control out and which incoming messages show that Asterisk
did it. ``console/ami_controls.py`` sends them, waits, and writes the floor events.

DOMAIN §2, each control and how Asterisk 22 shows its effect (seen on the test
peer, ``tests/frames/``):

* 监听 / 耳语 / 强插 monitor / whisper / barge: ``Originate`` the supervisor's
  endpoint into ``ChanSpy(<agent channel>,q…)`` — ``q`` / ``qw`` / ``qB`` for the
  mode, plus ``b`` (only a bridged channel), ``E`` (the spy ends when the spied-on
  channel hangs up: with the call), ``S`` (no channel to spy on: stop at once
  instead of waiting for one) and ``u`` (the first argument is the *full* channel
  name, never a prefix: agent 801 never spies on 8010). The spy leg gets our own
  Uniqueid (``ChannelId``) so it can be found again. Confirmed by ``ChanSpyStart``
  whose ``SpyerUniqueid`` is that id and whose ``SpyeeChannel`` is exactly the
  agent's channel.
* stop: ``Hangup`` the spy leg; confirmed by its ``ChanSpyStop`` or ``Hangup``.
* 强拆 force release: ``Hangup`` the agent's call channel; confirmed by its ``Hangup``.
* 拦截 intercept: ``Redirect`` the caller's channel to the supervisor's
  ``exten@context`` priority 1; confirmed by the caller's ``Newexten`` in that context.
* 强制就绪 / 强制离席 force ready / away: ``QueuePause`` ``Paused: false/true`` with the
  reason's text; confirmed by ``QueueMemberPause`` in each of the member's queues.
* 强制签出 force logout: ``QueueRemove`` from each of the member's queues; confirmed
  by ``QueueMemberRemoved`` for each.

R-CTRL-2: before acting on a call, Asterisk is asked (``Status``) whether the
agent's channel still exists and shares a bridge with the caller's channel
(:func:`call_problem`); otherwise the control fails and never acts on another call.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Protocol

from models.domain.commands import SESSION_MODES, Action, SupervisorCommand
from models.domain.rules import REASON_WORDS
from models.domain.texts import QT_TRANSLATE_NOOP, Msg, reason_text
from models.domain.types import AwayReason, FloorEvent
from models.telephony.ami import Message

#: ChanSpy's mode letters (app_chanspy.c): quiet for all; whisper, barge
SPY_MODE_OPTIONS = {"monitor": "q", "whisper": "qw", "barge": "qB"}
#: ChanSpy options every supervisor leg gets: only a bridged channel (b), end with the
#: spied-on channel (E), stop when there is nothing to spy on (S), exact channel (u)
SPY_COMMON_OPTIONS = "bESu"
#: the Uniqueid of a spy leg this host originates starts so (outcome(), stop)
SPY_ID_PREFIX = "sw-spy-"
#: Asterisk's AST_MAX_PUBLIC_UNIQUEID is 149
_MAX_ID = 140
_SAFE = re.compile(r"[^0-9A-Za-z_.\-]")

#: the Chinese label of an away reason, the pause text when the mapping names none
#: (the alerts' own words, one list: models/domain/rules.py)
REASON_LABELS = {r.value: word for r, word in REASON_WORDS.items()}


# ---- what the console side reads: the translator's tracks and the mapping ---------


class CallTrackLike(Protocol):
    call: str
    caller_channel: str
    uniqueid: str
    linkedid: str
    agent: str | None
    agent_channel: str | None


class MappingLike(Protocol):
    pause_reasons: Mapping[str, str]


@dataclass(frozen=True, slots=True)
class Endpoint:
    """A supervisor's own telephone: the Originate channel for monitor / whisper /
    barge, and the ``exten@context`` a call is redirected to for intercept."""

    endpoint: str
    context: str = ""
    exten: str = ""


@dataclass(frozen=True, slots=True)
class AmiAction:
    name: str
    fields: tuple[tuple[str, str], ...]

    def get(self, key: str) -> str | None:
        return next((v for k, v in self.fields if k.lower() == key.lower()), None)


@dataclass(frozen=True, slots=True)
class Membership:
    """One queue an interface is a member of, as QueueStatus reports it."""

    queue: str
    interface: str
    membership: str  # static | dynamic | realtime
    paused: bool
    paused_reason: str


# ---- confirmation ---------------------------------------------------------------


Pred = Callable[[Message], bool]


@dataclass
class Confirm:
    """The messages that show a control took effect: each of ``want`` must be seen
    once (any order); ``fail`` recognises a message that shows it cannot happen any
    more (Asterisk's own words). :meth:`feed` is the ``until`` of the adapter's drain."""

    want: list[Pred]
    fail: Callable[[Message], str | None] | None = None
    seen: list[Message | None] = field(default_factory=list)
    failure: str | None = None

    def __post_init__(self) -> None:
        self.seen = [None] * len(self.want)

    @property
    def done(self) -> bool:
        return all(m is not None for m in self.seen)

    @property
    def finished(self) -> bool:
        return self.done or self.failure is not None

    @property
    def last(self) -> Message | None:
        """The message that completed the confirmation (its Timestamp dates the effect)."""
        got = [m for m in self.seen if m is not None]
        return max(got, key=lambda m: m.timestamp or 0.0) if got else None

    def feed(self, msg: Message) -> bool:
        """Take one message; True once the control is confirmed or has failed."""
        if self.finished:
            return True
        for i, pred in enumerate(self.want):
            if self.seen[i] is None and pred(msg):
                self.seen[i] = msg
                break
        else:
            if self.fail is not None:
                why = self.fail(msg)
                if why is not None:
                    self.failure = why
        return self.finished


def matches(msg: Message, event: str, **exact: str) -> bool:
    """``msg`` is ``event`` and each named field equals its value exactly (never a
    prefix, never case-folded: 801 is not 8010)."""
    return msg.is_event(event) and all(msg.get(k) == v for k, v in exact.items())


# ---- the plans ------------------------------------------------------------------


def spy_channel_id(command_id: str) -> str:
    """The Uniqueid the spy leg of control ``command_id`` gets (``ChannelId``): the
    same for the same control, so a host asked about a dead host's claim finds it."""
    return (SPY_ID_PREFIX + _SAFE.sub("_", command_id))[:_MAX_ID]


def spy_options(mode: str) -> str:
    return SPY_MODE_OPTIONS[mode] + SPY_COMMON_OPTIONS


def spy_data(agent_channel: str, mode: str) -> str:
    return f"{agent_channel},{spy_options(mode)}"


def ring_ms(timeout_s: float) -> int:
    """How long the supervisor's phone rings: a little less than the control waits,
    so Asterisk's own "no answer" arrives first and a control that failed never
    starts listening afterwards."""
    return max(300, int(timeout_s * 1000) - 500)


def spy_action(cmd: SupervisorCommand, agent_channel: str, endpoint: Endpoint,
               timeout_s: float) -> tuple[AmiAction, Confirm]:
    """Monitor / whisper / barge: the supervisor's phone rings (for at most the
    action timeout, so a control that failed never starts later) and runs ChanSpy."""
    mode = SESSION_MODES[cmd.action].value
    uid = spy_channel_id(cmd.id)
    action = AmiAction("Originate", (
        ("Channel", endpoint.endpoint), ("Application", "ChanSpy"),
        ("Data", spy_data(agent_channel, mode)), ("Async", "true"),
        ("Timeout", str(ring_ms(timeout_s))),
        ("CallerID", f'"{cmd.agent}" <{cmd.agent}>'), ("ChannelId", uid)))

    def started(m: Message) -> bool:
        return matches(m, "ChanSpyStart", SpyerUniqueid=uid, SpyeeChannel=agent_channel)

    def fail(m: Message) -> str | None:
        if matches(m, "OriginateResponse", Uniqueid=uid) and (m.get("Response") or "") != "Success":
            return QT_TRANSLATE_NOOP(
                "Commands", "The supervisor's phone {endpoint} could not be reached "
                            "(Asterisk: {reason})").format(
                endpoint=endpoint.endpoint, reason=originate_reason(m.get("Reason")))
        if matches(m, "Hangup", Uniqueid=uid) and (m.get("ChannelState") or "") != "6":
            # hung up before the phone answered (6: Up)
            return QT_TRANSLATE_NOOP(
                "Commands", "The supervisor's phone {endpoint} could not be reached "
                            "(Asterisk: {reason})").format(
                endpoint=endpoint.endpoint,
                reason=m.get("Cause-txt") or m.get("Cause") or "")
        if matches(m, "Hangup", Uniqueid=uid):
            return QT_TRANSLATE_NOOP(
                "Commands", "The listening leg ended before it reached the call: the "
                            "agent's channel {channel} is gone or not in a call "
                            "(Asterisk: {cause})").format(
                channel=agent_channel, cause=m.get("Cause-txt") or m.get("Cause") or "")
        return None

    return action, Confirm([started], fail)


def hangup_spy_action(spy_channel: str) -> tuple[AmiAction, Confirm]:
    """Stop: hang the supervisor's spy leg up."""
    def gone(m: Message) -> bool:
        return (matches(m, "ChanSpyStop", SpyerChannel=spy_channel)
                or matches(m, "Hangup", Channel=spy_channel))

    return AmiAction("Hangup", (("Channel", spy_channel),)), Confirm([gone])


def release_action(agent_channel: str) -> tuple[AmiAction, Confirm]:
    """强拆: hang the agent's call channel up (the caller's side follows)."""
    return (AmiAction("Hangup", (("Channel", agent_channel),)),
            Confirm([lambda m: matches(m, "Hangup", Channel=agent_channel)]))


def intercept_action(caller_channel: str, endpoint: Endpoint) -> tuple[AmiAction, Confirm]:
    """拦截: the caller leaves the agent's bridge for the supervisor's extension."""
    action = AmiAction("Redirect", (("Channel", caller_channel), ("Context", endpoint.context),
                                    ("Exten", endpoint.exten), ("Priority", "1")))

    def arrived(m: Message) -> bool:
        return matches(m, "Newexten", Channel=caller_channel, Context=endpoint.context,
                   Exten=endpoint.exten)

    def fail(m: Message) -> str | None:
        if matches(m, "Hangup", Channel=caller_channel):
            return QT_TRANSLATE_NOOP("Commands", "The caller hung up before the call was "
                                                 "taken over")
        return None

    return action, Confirm([arrived], fail)


def pause_actions(members: Iterable[Membership], paused: bool,
                  reason: str = "") -> tuple[list[AmiAction], Confirm]:
    """强制就绪 / 强制离席: one ``QueuePause`` per queue the member is in, each
    confirmed by that queue's ``QueueMemberPause`` (an agent forced away takes no
    call from any queue, mapped or not)."""
    actions: list[AmiAction] = []
    want: list[Pred] = []
    flag = "1" if paused else "0"
    for mem in members:
        fields = [("Interface", mem.interface), ("Queue", mem.queue),
                  ("Paused", "true" if paused else "false")]
        if paused and reason:
            fields.append(("Reason", reason))
        actions.append(AmiAction("QueuePause", tuple(fields)))

        def seen(m: Message, q: str = mem.queue, i: str = mem.interface) -> bool:
            if not matches(m, "QueueMemberPause", Queue=q, Interface=i, Paused=flag):
                return False
            return not paused or not reason or (m.get("PausedReason") or "") == reason

        want.append(seen)
    return actions, Confirm(want)


def remove_actions(members: Iterable[Membership]) -> tuple[list[AmiAction], Confirm]:
    """强制签出: ``QueueRemove`` from each queue the member is in."""
    actions: list[AmiAction] = []
    want: list[Pred] = []
    for mem in members:
        actions.append(AmiAction("QueueRemove", (("Queue", mem.queue),
                                                 ("Interface", mem.interface))))

        def seen(m: Message, q: str = mem.queue, i: str = mem.interface) -> bool:
            return matches(m, "QueueMemberRemoved", Queue=q, Interface=i)

        want.append(seen)
    return actions, Confirm(want)


def originate_reason(code: str | None) -> Msg | str:
    """OriginateResponse's ``Reason`` (an AST_CONTROL_* number) in words."""
    words = {"0": QT_TRANSLATE_NOOP("Commands", "the endpoint does not exist or failed"),
             "1": QT_TRANSLATE_NOOP("Commands", "hung up"),
             "3": QT_TRANSLATE_NOOP("Commands", "no answer"),
             "5": QT_TRANSLATE_NOOP("Commands", "busy"),
             "8": QT_TRANSLATE_NOOP("Commands", "congestion")}
    return words.get(code or "", code or "?")


# ---- R-CTRL-2: the call on Asterisk's side ---------------------------------------


def bridge_of(status: list[Message]) -> str | None:
    """The BridgeID of the one channel a ``Status Channel=…`` answer describes."""
    for m in status:
        if m.is_event("Status"):
            return m.get("BridgeID") or ""
    return None


def call_problem(agent_status: list[Message], caller_status: list[Message],
                 agent_channel: str, caller_channel: str) -> Msg | None:
    """Why the call is no longer the agent's call on Asterisk (None: it is): both
    channels exist, by their exact names, and share one bridge."""
    def chan(status: list[Message]) -> Message | None:
        return next((m for m in status if m.is_event("Status")), None)

    a, c = chan(agent_status), chan(caller_status)
    for got, name in ((a, agent_channel), (c, caller_channel)):
        if got is None or got.get("Channel") != name:
            return QT_TRANSLATE_NOOP("Commands", "no channel {channel}").format(channel=name)
    assert a is not None and c is not None
    bridge = a.get("BridgeID") or ""
    if not bridge:
        return QT_TRANSLATE_NOOP("Commands", "{channel} is in no call").format(
            channel=agent_channel)
    if (c.get("BridgeID") or "") != bridge:
        return QT_TRANSLATE_NOOP("Commands", "{channel} is not in a call with {caller}").format(
            channel=agent_channel, caller=caller_channel)
    return None


def memberships(queue_status: Iterable[Message], interfaces: Iterable[str]) -> list[Membership]:
    """The queues the given interfaces are members of, from QueueStatus's
    ``QueueMember`` events (``Location`` is the interface); exact matching."""
    want = set(interfaces)
    out: list[Membership] = []
    for m in queue_status:
        if not m.is_event("QueueMember"):
            continue
        iface = m.get("Location") or m.get("Interface") or ""
        if iface not in want:
            continue
        out.append(Membership(queue=m.get("Queue") or "", interface=iface,
                              membership=(m.get("Membership") or "").lower(),
                              paused=(m.get("Paused") or "0") == "1",
                              paused_reason=m.get("PausedReason") or ""))
    return out


def pause_text(mapping: MappingLike, reason: AwayReason | str) -> str:
    """The PausedReason text for an away reason: the mapping's own text for it (the
    first that maps to it, so the translator reads the same reason back), else the
    reason's Chinese label."""
    value = reason.value if isinstance(reason, AwayReason) else str(reason)
    for text, target in mapping.pause_reasons.items():
        if target == value:
            return text
    return REASON_LABELS.get(value, value)


def find_spy_leg(channels: Iterable[Message], endpoint: str, agent_channel: str) -> str | None:
    """A supervisor's running spy leg on the agent's channel in ``CoreShowChannels``
    (when the tracks do not know it: a host that restarted): one this product
    originated (its Uniqueid), from that supervisor's endpoint, on that exact channel."""
    for m in channels:
        name = m.get("Channel") or ""
        if (m.is_event("CoreShowChannel")
                and (m.get("Uniqueid") or "").startswith(SPY_ID_PREFIX)
                and (m.get("Application") or "") == "ChanSpy"
                and (m.get("ApplicationData") or "").split(",", 1)[0] == agent_channel
                and name.startswith(endpoint + "-")):
            return name
    return None


def spy_running(status: list[Message], agent_channel: str, mode: str | None) -> bool:
    """Whether a ``Status`` answer shows a spy leg running ChanSpy on exactly
    ``agent_channel`` (in ``mode``, when given)."""
    for m in status:
        if not m.is_event("Status") or (m.get("Application") or "") != "ChanSpy":
            continue
        target, _, opts = (m.get("Data") or "").partition(",")
        if target != agent_channel:
            continue
        if mode is None or opts == spy_options(mode):
            return True
    return False


# ---- messages and floor events ----------------------------------------------------


def done_message(cmd: SupervisorCommand) -> Msg:
    """The result text, the same as the simulator's (models/sim/simulator.py)."""
    a = cmd.action
    if a is Action.MONITOR:
        return QT_TRANSLATE_NOOP("Commands", "Monitoring call {call}").format(call=cmd.call)
    if a is Action.WHISPER:
        return QT_TRANSLATE_NOOP("Commands", "Whispering on call {call}").format(call=cmd.call)
    if a is Action.BARGE:
        return QT_TRANSLATE_NOOP("Commands", "Barged into call {call}").format(call=cmd.call)
    if a is Action.STOP:
        return QT_TRANSLATE_NOOP("Commands", "Left call {call}").format(call=cmd.call)
    if a is Action.FORCE_RELEASE:
        return QT_TRANSLATE_NOOP("Commands", "Call {call} released").format(call=cmd.call)
    if a is Action.INTERCEPT:
        return QT_TRANSLATE_NOOP("Commands", "Call {call} taken over by {supervisor}").format(
            call=cmd.call, supervisor=cmd.supervisor)
    if a is Action.FORCE_READY:
        return QT_TRANSLATE_NOOP("Commands", "Agent {agent} set ready").format(agent=cmd.agent)
    if a is Action.FORCE_AWAY:
        reason = cmd.away_reason.value if cmd.away_reason else ""
        return QT_TRANSLATE_NOOP("Commands", "Agent {agent} set away ({reason})").format(
            agent=cmd.agent, reason=reason_text(reason))
    return QT_TRANSLATE_NOOP("Commands", "Agent {agent} signed out").format(agent=cmd.agent)


def effect_events(cmd: SupervisorCommand, at: datetime, track: CallTrackLike | None = None,
                  pause_reason_text: str = "") -> list[FloorEvent]:
    """The control's own floor events, exactly as the simulator emits them
    (``_x_*``), plus the Asterisk ids of the call they concern."""
    ids: dict[str, Any] = {}
    if track is not None:
        ids = {"uniqueid": track.uniqueid, "linkedid": track.linkedid}
    a = cmd.action
    if a in SESSION_MODES:
        return [FloorEvent("supervisor_joined", at, {
            "call": cmd.call, "agent": cmd.agent, "supervisor": cmd.supervisor,
            "mode": SESSION_MODES[a].value, "command": cmd.id, **ids})]
    if a is Action.STOP:
        return [FloorEvent("supervisor_left", at, {
            "call": cmd.call, "agent": cmd.agent, "supervisor": cmd.supervisor,
            "command": cmd.id, **ids})]
    if a is Action.FORCE_RELEASE:
        return [FloorEvent("call_ended", at, {
            "call": cmd.call, "agent": cmd.agent, "supervisor": cmd.supervisor,
            "command": cmd.id, **ids})]
    if a is Action.INTERCEPT:
        return [FloorEvent("call_intercepted", at, {
            "call": cmd.call, "agent": cmd.agent, "supervisor": cmd.supervisor,
            "command": cmd.id, **ids})]
    if a is Action.FORCE_READY:
        return [FloorEvent("agent_state", at, {"agent": cmd.agent, "state": "ready",
                                               "command": cmd.id})]
    if a is Action.FORCE_AWAY:
        assert cmd.away_reason is not None
        data: dict[str, Any] = {"agent": cmd.agent, "state": "away",
                                "reason": cmd.away_reason.value, "command": cmd.id}
        if pause_reason_text:
            data["reason_text"] = pause_reason_text
        return [FloorEvent("agent_state", at, data)]
    return [FloorEvent("agent_state", at, {"agent": cmd.agent, "state": "logged_out",
                                           "command": cmd.id})]


#: the fields that make two floor events the same effect
_KEYS = {"supervisor_joined": ("call", "supervisor", "mode"),
         "supervisor_left": ("call", "supervisor"),
         "call_ended": ("call",), "call_intercepted": ("call", "supervisor"),
         "agent_state": ("agent", "state")}


def same_effect(a: FloorEvent, b: FloorEvent) -> bool:
    keys = _KEYS.get(a.type)
    return keys is not None and a.type == b.type and all(
        str(a.get(k)) == str(b.get(k)) for k in keys)


def merge_effects(translated: list[FloorEvent], own: list[FloorEvent],
                  cmd: SupervisorCommand) -> tuple[list[FloorEvent], list[FloorEvent]]:
    """Never double an effect: where the translator already wrote the control's
    effect from the same AMI event (a ChanSpyStart, a QueueMemberPause), that event
    is marked with the command (and, for 强拆, who released it) instead of writing a
    second one. Returns (the translated events, the own events still needed)."""
    out = list(translated)
    still: list[FloorEvent] = []
    for mine in own:
        for i, e in enumerate(out):
            if e.get("command") is None and same_effect(e, mine):
                extra: dict[str, Any] = {"command": cmd.id}
                if mine.type in ("call_ended", "call_intercepted"):
                    extra["supervisor"] = cmd.supervisor
                if mine.type == "agent_state" and mine.get("reason") is not None \
                        and e.get("reason") != mine.get("reason"):
                    # the switch's text read back as another reason: the control's
                    # reason stands (its author too, R-SEAT-1)
                    extra["reason"] = mine.get("reason")
                out[i] = FloorEvent(e.type, e.at, {**e.data, **extra}, e.id)
                break
        else:
            still.append(mine)
    return out, still
