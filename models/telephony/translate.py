"""AMI events -> floor events, and the resync that brings the floor in line (issue #14).

:class:`Translator` is pure (no socket, no thread, no clock of its own): the AMI
adapter (``console/ami_adapter.py``) hands it each message Asterisk sent, with the
floor as the host has folded it, and writes what it returns. It keeps its own
small picture of the switch — which caller channel is which floor call
(:class:`CallTrack`), which queues each agent is a member of and whether it is
paused there (:class:`MemberTrack`), which channel is a supervisor's spy leg
(:class:`SpyTrack`) — because an AMI event names channels and interfaces, not
floor ids. The controls part (``console/ami_controls.py``) reads these tracks.

Rules the translation keeps:

- **Never an illegal event.** Every event is folded on a scratch copy of the floor
  (``models.domain.floor.apply``) before it is returned; one the reducer would
  refuse (an agent answering who is on another call, a hold of a call that is
  not talking) is dropped with a debug line, so nothing ends up in
  ``rejected_event`` from this source.
- **Asterisk is the truth about its own calls.** When a member is connected while
  the floor still shows it in after-call work or away (a wrap-up shorter than the
  mapping says, a pause missed during a link outage), the agent is made ready
  first, then the call is answered.
- **Ids both systems share.** The floor call id is the Uniqueid of the queue caller
  channel (stable across a host restart, so a resync finds the call again), and
  every call event carries the ``uniqueid`` and ``linkedid`` it came from.
- **Time** is the AMI ``Timestamp:`` header (UTC) when present, else the host clock.
- **Unknown events and missing keys** are ignored with at most one log line per
  event name: a newer Asterisk, or a module this floor does not use, never stops
  the floor.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

from models.domain.floor import FloorState, IllegalEvent, apply
from models.domain.texts import QT_TRANSLATE_NOOP
from models.domain.types import AgentState, CallState, FloorEvent
from models.telephony.ami import Message
from models.telephony.mapping import AgentMap, TelephonyMapping

log = logging.getLogger(__name__)

#: the note of a call the resync closes: it ended while nobody was listening
DOWN_NOTE = QT_TRANSLATE_NOOP("Telephony", "ended while the telephony link was down")
#: the note of a state the resync corrected
RESYNC_NOTE = QT_TRANSLATE_NOOP("Telephony", "corrected from Asterisk after the link came back")

ON_CALL = frozenset({AgentState.RINGING, AgentState.TALKING, AgentState.HOLD})

#: events that carry nothing the floor needs (the stream is mostly these): ignored
#: without a log line
QUIET = frozenset(s.lower() for s in (
    "VarSet", "Newchannel", "NewCallerid", "NewConnectedLine", "Newstate", "LocalBridge",
    "LocalOptimizationBegin", "LocalOptimizationEnd", "DialBegin", "DialEnd", "DialState",
    "BridgeCreate", "BridgeDestroy", "BridgeEnter", "BridgeLeave", "BridgeMerge",
    "SoftHangupRequest", "HangupRequest", "QueueCallerLeave", "QueueMemberStatus",
    "FullyBooted", "SuccessfulAuth", "OriginateResponse", "NewAccountCode", "Cdr", "Cel",
    "DeviceStateChange", "ExtensionStatus", "PeerStatus", "Registry", "Reload",
    "RTCPSent", "RTCPReceived", "MusicOnHoldStart", "MusicOnHoldStop", "Newexten",
    "UserEvent", "ChallengeSent", "RequestBadFormat", "InvalidPassword", "MixMonitorStart",
    "MixMonitorStop", "AttendedTransfer", "BlindTransfer", "DTMFBegin", "DTMFEnd",
    "ChannelTalkingStart", "ChannelTalkingStop", "Rename", "VarSet", "QueueMemberRinginuse",
    "QueueMemberPenalty", "LoadAverageLimit", "Shutdown",
))

_ON = {"1", "true", "yes", "on"}


@dataclass
class CallTrack:
    """A queue call as the translator follows it on the switch."""

    call: str  # the floor call id: the Uniqueid of the queue caller channel
    queue: str  # the Seatwatch queue id
    caller_channel: str
    uniqueid: str
    linkedid: str
    agent: str | None = None  # the connected (or ringing) agent's 工号
    agent_channel: str | None = None  # the member's bridged channel (AgentConnect's DestChannel)
    answered: bool = False
    intercepted_by: str | None = None  # set when a supervisor's intercept redirected the caller
    agent_uniqueid: str | None = None
    asterisk_queue: str = ""


@dataclass
class MemberTrack:
    """An agent as a queue member: the mapped queues it is in and its pause there."""

    agent: str
    interfaces: dict[str, str] = field(default_factory=dict)  # asterisk queue -> interface
    paused: bool = False  # paused in every queue it is a member of
    reason_text: str = ""  # the PausedReason text of that pause
    #: asterisk queue -> PausedReason text, for the queues it is paused in
    paused_in: dict[str, str] = field(default_factory=dict)

    def recompute(self) -> None:
        self.paused = bool(self.interfaces) and all(q in self.paused_in
                                                    for q in self.interfaces)
        self.reason_text = next(iter(self.paused_in.values()), "") if self.paused else ""


@dataclass
class SpyTrack:
    """A supervisor's monitor / whisper / barge leg (registered by the controls when
    they originate it, or recognised by the supervisor's endpoint)."""

    spy_channel: str
    supervisor: str
    call: str
    mode: str = "monitor"
    agent: str | None = None


@dataclass
class _IvrTrack:
    channel: str
    uniqueid: str
    linkedid: str
    caller: str | None


def _ts(msg: Message, now: datetime) -> datetime:
    t = msg.timestamp
    return datetime.fromtimestamp(t, UTC) if t is not None else now


def channel_base(interface: str) -> str:
    """``Local/8001@agents/n`` -> ``Local/8001@agents``: the prefix the member's
    channels carry before their ``-<sequence>`` suffix."""
    if interface.lower().startswith("local/"):
        parts = interface.split("/")
        return "/".join(parts[:2])
    return interface


_SUFFIX = re.compile(r"-[0-9a-fA-F]+(;[12])?$")


def channel_owner(channel: str) -> str:
    """The device part of a channel name: ``Local/8001@agents-00000001;1`` ->
    ``Local/8001@agents``; ``PJSIP/8002-0000000a`` -> ``PJSIP/8002`` (exact, so
    801 is never 8010)."""
    return _SUFFIX.sub("", channel)


class _Batch:
    """Events of one translation, each folded on a scratch floor before it is kept."""

    def __init__(self, state: FloorState) -> None:
        self.state = state
        self.out: list[FloorEvent] = []

    def emit(self, typ: str, at: datetime, data: dict[str, Any]) -> bool:
        if typ == "agent_state":  # the same state again is no news: not written
            st = self.state.status.get(str(data.get("agent")))
            if st is not None and st.state.value == data.get("state") and \
                    (st.reason.value if st.reason else None) == data.get("reason"):
                return True
        ev = FloorEvent(typ, at, data)
        try:
            self.state = apply(self.state, ev)
        except IllegalEvent as e:
            log.debug("AMI translation: %s not written (%s)", typ, e)
            return False
        self.out.append(ev)
        return True

    def agent_state(self, agent: str) -> AgentState | None:
        st = self.state.status.get(agent)
        return None if st is None else st.state


class Translator:
    def __init__(self, mapping: TelephonyMapping) -> None:
        self.mapping = mapping
        self.calls: dict[str, CallTrack] = {}
        self.members: dict[str, MemberTrack] = {}
        self.spies: dict[str, SpyTrack] = {}
        #: operator -> endpoint set in the console (beside the mapping's supervisors)
        self.endpoints: dict[str, str] = {}
        self._by_channel: dict[str, str] = {}  # caller / agent channel -> call id
        self._by_uid: dict[str, str] = {}  # caller / agent channel uniqueid -> call id
        self._acw: dict[str, datetime] = {}  # agent -> when its after-call work ends
        self._ivr: dict[str, _IvrTrack] = {}
        self._queued_linked: dict[str, str] = {}  # linkedid -> call id (not IVR-only)
        self._told: set[str] = set()
        self.ignored = 0  # messages that carried nothing for the floor
        #: the floor after the last translation (its events folded in): the adapter
        #: translates the next message against it
        self.last_state: FloorState = FloorState()
        self._handlers = {
            "queuecallerjoin": self._caller_join,
            "agentcalled": self._agent_called,
            "agentringnoanswer": self._ring_no_answer,
            "agentconnect": self._agent_connect,
            "agentcomplete": self._agent_complete,
            "queuecallerabandon": self._abandon,
            "agentdump": self._abandon,
            "hold": lambda m, b, at: self._hold(m, b, at, True),
            "unhold": lambda m, b, at: self._hold(m, b, at, False),
            "hangup": self._hangup,
            "queuememberpause": self._member_pause,
            "queuememberpaused": self._member_pause,  # the name before Asterisk 12
            "queuememberadded": self._member_added,
            "queuememberremoved": self._member_removed,
            "chanspystart": self._spy_start,
            "chanspystop": self._spy_stop,
            "newexten": self._newexten,
        }

    # ---- public ----------------------------------------------------------------

    def setup(self, state: FloorState, now: datetime) -> list[FloorEvent]:
        """A non-replace ``floor_setup`` with the mapped queues and agents the floor
        lacks (names from the mapping); nothing when it has them all."""
        queues = [{"id": q.queue, "name": q.name or q.queue} for q in self.mapping.queues
                  if q.queue not in state.queues]
        seen = {q["id"] for q in queues}
        ivr = self.mapping.ivr_queue
        if ivr and ivr not in state.queues and ivr not in seen:
            queues.append({"id": ivr, "name": ivr})
        agents: list[dict[str, str]] = []
        for a in self.mapping.agents:
            if a.agent not in state.agents and a.agent not in {x["id"] for x in agents}:
                agents.append({"id": a.agent, "name": a.name or a.member_name or a.agent})
        if not queues and not agents:
            return []
        return [FloorEvent("floor_setup", now, {"queues": queues, "agents": agents,
                                                "by": "telephony:ami"})]

    def on_message(self, msg: Message, state: FloorState, now: datetime
                   ) -> list[FloorEvent]:
        """The floor events one AMI message makes (often none)."""
        self.last_state = state
        if msg.kind != "event":
            return []
        name = msg.name.lower()
        handler = self._handlers.get(name)
        if handler is None:
            if name not in QUIET:
                self._tell(name, f"AMI event {msg.name} is not used by the floor; ignored",
                           logging.DEBUG)
            self.ignored += 1
            return []
        batch = _Batch(state)
        try:
            handler(msg, batch, _ts(msg, now))
        except _Missing as e:
            self._tell(f"{name}:{e.key}", f"AMI event {msg.name} without {e.key}: ignored")
        except Exception:  # noqa: BLE001 - one odd message must never stop the floor host
            self._tell(f"error:{name}", f"AMI event {msg.name} could not be translated "
                                        "(ignored; later ones of its kind are not logged)",
                       logging.ERROR, exc_info=True)
        self.last_state = batch.state
        return batch.out

    def due(self, now: datetime, state: FloorState | None = None) -> list[FloorEvent]:
        """Time-driven events: after-call work that has ended (the queue's wrap-up)."""
        ready = sorted((t, a) for a, t in self._acw.items() if t <= now)
        if not ready:
            return []
        batch = _Batch(state) if state is not None else None
        out: list[FloorEvent] = []
        for t, agent in ready:
            del self._acw[agent]
            if batch is not None:
                self._after_acw(agent, batch, t)
            else:
                out.append(FloorEvent("agent_state", t, {"agent": agent, "state": "ready"}))
        if batch is not None:
            self.last_state = batch.state
            return batch.out
        return out

    def acw_until(self, agent: str) -> datetime | None:
        return self._acw.get(agent)

    def start_acw(self, agent: str, at: datetime, state: FloorState) -> list[FloorEvent]:
        """Start the agent's wrap-up at ``at`` (拦截 frees the agent at the intercept,
        not when Asterisk gets round to hanging its leg up): ready again after the
        queue's wrap-up, or at once when it has none. ``state`` is the floor with the
        control's events folded in."""
        b = _Batch(state)
        if b.agent_state(agent) is AgentState.AFTER_CALL:
            self._schedule_acw(agent, at, b)
        return b.out

    def register_spy(self, spy: SpyTrack) -> None:
        """The controls originated a spy leg: its ChanSpyStart is matched to it."""
        self.spies[spy.spy_channel] = spy

    def resync(self, status: list[Message], channels: list[Message], state: FloorState,
               now: datetime) -> list[FloorEvent]:
        """The events that bring the floor in line with what Asterisk reports now
        (``QueueStatus`` and ``CoreShowChannels`` list events)."""
        batch = _Batch(state)
        members, entries = self._read_status(status)
        chans = {c.get("Uniqueid") or "": c for c in channels if c.is_event("CoreShowChannel")}
        by_name = {c.get("Channel") or "": c for c in chans.values()}
        bridges: dict[str, list[Message]] = {}
        for c in chans.values():
            b = c.get("BridgeId") or ""
            if b:
                bridges.setdefault(b, []).append(c)
        # membership and pause as Asterisk reports them
        self.members = members
        owners = self._owner_index()

        def bridged_agent(caller: Message) -> tuple[str, Message] | None:
            for other in bridges.get(caller.get("BridgeId") or "", []):
                if other is caller:
                    continue
                agent = owners.get(channel_owner(other.get("Channel") or ""))
                if agent is not None:
                    return agent, other
            return None

        self._by_channel.clear()
        self._by_uid.clear()
        old_calls, self.calls = self.calls, {}
        known = set(state.calls)
        # 1. calls the floor does not know, first: dated back by their wait (the reducer
        # dates an event no earlier than the floor's last one)
        for uid, (aq, wait, e) in entries.items():  # waiting
            if uid in known:
                continue
            qm = self.mapping.queue_for(aq)
            if qm is None:
                continue
            ch = chans.get(uid)
            linked = (ch.get("Linkedid") if ch is not None else None) or uid
            track = CallTrack(uid, qm.queue, e.get("Channel") or "", uid, linked,
                              asterisk_queue=aq)
            at = now - timedelta(seconds=wait)
            if batch.emit("call_queued", at, self._ids(
                    {"call": uid, "queue": qm.queue, "caller": _caller(e),
                     "channel": track.caller_channel, "note": RESYNC_NOTE}, track)):
                self._index(track)
        to_answer: list[tuple[CallTrack, str, Message]] = []
        for uid, ch in chans.items():  # talking: the caller's leg bridged with a member's
            if uid in known or uid in entries or (ch.get("Application") or "") != "Queue":
                continue
            aq = (ch.get("ApplicationData") or "").split(",")[0]
            qm = self.mapping.queue_for(aq)
            hit = bridged_agent(ch)
            if qm is None or hit is None:
                continue
            agent, other = hit
            linked = ch.get("Linkedid") or uid
            track = CallTrack(uid, qm.queue, ch.get("Channel") or "", uid, linked,
                              asterisk_queue=aq)
            at = now - timedelta(seconds=_duration(ch.get("Duration")))
            if batch.emit("call_queued", at, self._ids(
                    {"call": uid, "queue": qm.queue, "caller": _caller(ch),
                     "channel": track.caller_channel, "note": RESYNC_NOTE}, track)):
                self._index(track)
                to_answer.append((track, agent, other))
        # 2. the floor's calls against the switch's channels: gone ones closed
        for fc in list(state.calls.values()):
            old = old_calls.get(fc.id)
            ch = chans.get(fc.id)
            if ch is None and old is not None:
                ch = by_name.get(old.caller_channel)
            if ch is None:  # the caller's channel is gone: the call ended meanwhile
                typ = "call_ended" if fc.state in (CallState.TALKING, CallState.HOLD) \
                    else "call_abandoned"
                batch.emit(typ, now, self._ids({"call": fc.id, "agent": fc.agent,
                                                "note": DOWN_NOTE, "uniqueid": fc.id,
                                                "linkedid": old.linkedid if old else fc.id},
                                               None))
                if typ == "call_ended" and fc.agent and fc.intercepted_by is None:
                    self._schedule_acw(fc.agent, now, batch)
                continue
            linked = ch.get("Linkedid") or fc.id
            ft = old or CallTrack(fc.id, fc.queue, ch.get("Channel") or "",
                                  ch.get("Uniqueid") or fc.id, linked)
            ft.caller_channel = ch.get("Channel") or ft.caller_channel
            if fc.intercepted_by:
                ft.intercepted_by = fc.intercepted_by
            waiting = fc.id in entries
            hit = None if waiting else bridged_agent(ch)
            if fc.state in (CallState.WAITING, CallState.RINGING) and hit is not None:
                agent, other = hit
                if fc.state is CallState.RINGING and fc.agent != agent:
                    batch.emit("call_unanswered", now, self._ids({"call": fc.id}, ft))
                self._make_ready(agent, batch, now)
                if batch.emit("call_answered", now,
                              self._ids({"call": fc.id, "agent": agent}, ft)):
                    ft.answered = True
                    ft.agent, ft.agent_channel = agent, other.get("Channel")
                    ft.agent_uniqueid = other.get("Uniqueid")
            elif fc.state in (CallState.TALKING, CallState.HOLD):
                ft.answered = True
                ft.agent = ft.agent or fc.agent
                if hit is not None:
                    ft.agent_channel = hit[1].get("Channel")
                    ft.agent_uniqueid = hit[1].get("Uniqueid")
            self._index(ft)
        # 3. ... and answered by the member it is bridged with (after the closures:
        # the member's old call may have ended while the link was down)
        for track, agent, other in to_answer:
            self._make_ready(agent, batch, now)
            if batch.emit("call_answered", now,
                          self._ids({"call": track.call, "agent": agent}, track)):
                track.answered, track.agent = True, agent
                track.agent_channel, track.agent_uniqueid = other.get("Channel"), \
                    other.get("Uniqueid")
                self._index(track)
        # 4. agents: logged in while a member of a mapped queue; pause as reported
        for agent in sorted(set(batch.state.status) | set(self.members)):
            st = batch.state.status.get(agent)
            if st is None:
                continue
            m = self.members.get(agent)
            if st.state in ON_CALL:
                continue
            if m is None or not m.interfaces:
                if st.state is not AgentState.LOGGED_OUT:
                    batch.emit("agent_state", now, {"agent": agent, "state": "logged_out",
                                                    "note": RESYNC_NOTE})
                self._acw.pop(agent, None)
                continue
            if st.state is AgentState.AFTER_CALL and agent in self._acw and not m.paused:
                continue  # its wrap-up is still running
            self._acw.pop(agent, None)
            self._settle(agent, m, batch, now, note=RESYNC_NOTE)
        # spy legs whose channel is gone
        for gone in [s for s in self.spies if s not in by_name]:
            del self.spies[gone]
        self._ivr = {u: t for u, t in self._ivr.items() if u in chans}
        self.last_state = batch.state
        return batch.out

    # ---- queue calls -----------------------------------------------------------

    def _caller_join(self, m: Message, b: _Batch, at: datetime) -> None:
        aq = _need(m, "Queue")
        qm = self.mapping.queue_for(aq)
        uid = _need(m, "Uniqueid")
        linked = m.get("Linkedid") or uid
        self._ivr.pop(uid, None)
        for u in [u for u, t in self._ivr.items() if t.linkedid == linked]:
            del self._ivr[u]
        if qm is None:
            self._tell(f"queue:{aq}", f"AMI queue {aq!r} is not in the telephony mapping; "
                                      "its calls are not followed")
            return
        if uid in self.calls:
            return
        track = CallTrack(uid, qm.queue, _need(m, "Channel"), uid, linked, asterisk_queue=aq)
        self.calls[uid] = track
        self._index(track)
        self._queued_linked[linked] = uid
        if uid in b.state.calls:
            return  # the resync wrote it already
        b.emit("call_queued", at, self._ids({"call": uid, "queue": qm.queue,
                                             "caller": _caller(m),
                                             "channel": track.caller_channel}, track))

    def _track_of(self, m: Message) -> CallTrack | None:
        for key in ("Uniqueid", "DestUniqueid"):
            cid = self._by_uid.get(m.get(key) or "")
            if cid is not None and cid in self.calls:
                return self.calls[cid]
        for key in ("Channel", "DestChannel"):
            cid = self._by_channel.get(m.get(key) or "")
            if cid is not None and cid in self.calls:
                return self.calls[cid]
        linked = m.get("Linkedid") or m.get("DestLinkedid")
        if linked:
            cid = self._queued_linked.get(linked)
            if cid is not None and cid in self.calls:
                return self.calls[cid]
        return None

    def _agent_of(self, m: Message) -> AgentMap | None:
        a = self.mapping.agent_for(m.get("Interface"), m.get("MemberName"),
                                   m.get("StateInterface"))
        if a is None:
            who = m.get("Interface") or m.get("MemberName") or "?"
            self._tell(f"member:{who}", f"AMI queue member {who!r} is not in the telephony "
                                        "mapping; its state is not followed")
        return a

    def _agent_called(self, m: Message, b: _Batch, at: datetime) -> None:
        track = self._track_of(m)
        a = self._agent_of(m)
        if track is None or a is None:
            return
        c = b.state.calls.get(track.call)
        if c is None or c.state is not CallState.WAITING:
            return  # ringall rings several members: the floor shows the first
        if b.agent_state(a.agent) is not AgentState.READY:
            log.debug("AMI: %s rings agent %s, who is %s on the floor", track.call, a.agent,
                      b.agent_state(a.agent))
            return
        if b.emit("call_offered", at, self._ids({"call": track.call, "agent": a.agent},
                                                track)):
            track.agent = a.agent

    def _ring_no_answer(self, m: Message, b: _Batch, at: datetime) -> None:
        track = self._track_of(m)
        a = self._agent_of(m)
        if track is None or a is None:
            return
        c = b.state.calls.get(track.call)
        if c is not None and c.state is CallState.RINGING and c.agent == a.agent:
            b.emit("call_unanswered", at, self._ids({"call": track.call, "agent": a.agent},
                                                    track))
            track.agent = None

    def _agent_connect(self, m: Message, b: _Batch, at: datetime) -> None:
        track = self._track_of(m)
        a = self._agent_of(m)
        if track is None or a is None:
            return
        c = b.state.calls.get(track.call)
        if c is None:
            return
        if c.state is CallState.RINGING and c.agent != a.agent:
            b.emit("call_unanswered", at, self._ids({"call": track.call}, track))
        self._acw.pop(a.agent, None)
        self._make_ready(a.agent, b, at)
        track.agent = a.agent
        track.agent_channel = m.get("DestChannel")
        track.agent_uniqueid = m.get("DestUniqueid")
        track.answered = True
        self._index(track)
        b.emit("call_answered", at, self._ids({"call": track.call, "agent": a.agent}, track))

    def _agent_complete(self, m: Message, b: _Batch, at: datetime) -> None:
        track = self._track_of(m)
        if track is None:
            a = self._agent_of(m)
            if a is None:
                return
            track = next((t for t in self.calls.values() if t.agent == a.agent and t.answered),
                         None)
            if track is None:
                return
        if self._intercepted(track, b):
            return  # the caller talks to the supervisor now: it ends at its hangup
        self._end(track, b, at)

    def _intercepted(self, track: CallTrack, b: _Batch) -> bool:
        c = b.state.calls.get(track.call)
        if c is not None and c.intercepted_by and not track.intercepted_by:
            track.intercepted_by = c.intercepted_by
        return track.intercepted_by is not None

    def _end(self, track: CallTrack, b: _Batch, at: datetime) -> None:
        """The call is over: ended (answered) or abandoned; after-call work follows."""
        self._forget(track)
        c = b.state.calls.get(track.call)
        if c is None:
            return
        if c.state in (CallState.TALKING, CallState.HOLD):
            agent = c.agent
            if b.emit("call_ended", at, self._ids({"call": track.call, "agent": agent},
                                                  track)) \
                    and agent and c.intercepted_by is None:
                self._schedule_acw(agent, at, b)
        else:
            b.emit("call_abandoned", at, self._ids({"call": track.call}, track))

    def _abandon(self, m: Message, b: _Batch, at: datetime) -> None:
        track = self._track_of(m)
        if track is None or track.answered:
            return
        self._end(track, b, at)

    def _hold(self, m: Message, b: _Batch, at: datetime, start: bool) -> None:
        track = self._track_of(m)
        if track is None or not track.answered:
            return
        c = b.state.calls.get(track.call)
        if c is None:
            return
        if start and c.state is not CallState.TALKING:
            return
        if not start and c.state is not CallState.HOLD:
            return
        b.emit("hold_started" if start else "hold_ended", at,
               {"call": track.call, "uniqueid": m.get("Uniqueid") or track.uniqueid,
                "linkedid": m.get("Linkedid") or track.linkedid,
                "channel": m.get("Channel") or ""})

    def _hangup(self, m: Message, b: _Batch, at: datetime) -> None:
        uid = m.get("Uniqueid") or ""
        chan = m.get("Channel") or ""
        spy = self.spies.pop(chan, None)
        if spy is not None:  # a spy leg hung up without its ChanSpyStop
            self._spy_left(spy, b, at)
        ivr = self._ivr.pop(uid, None)
        if ivr is None and uid and (m.get("Context") or "") in self.mapping.ivr_contexts \
                and uid not in self._by_uid:
            # the Hangup's context is where the call ended: an AMI user without the
            # dialplan class (no Newexten) still sees the IVR calls (R-KPI-1)
            ivr = _IvrTrack(chan, uid, m.get("Linkedid") or uid, _caller(m))
        if ivr is not None and self.mapping.ivr_queue \
                and ivr.linkedid not in self._queued_linked:
            self._queued_linked[ivr.linkedid] = uid  # one IVR call per call, not per leg
            b.emit("call_queued", at, {"call": uid, "queue": self.mapping.ivr_queue,
                                       "caller": ivr.caller, "ivr_only": True,
                                       "uniqueid": uid, "linkedid": ivr.linkedid,
                                       "channel": ivr.channel})
        cid = self._by_uid.get(uid) or self._by_channel.get(chan)
        if cid is None or cid not in self.calls:
            return
        track = self.calls[cid]
        if uid == track.uniqueid or chan == track.caller_channel:
            self._end(track, b, at)  # the caller hung up (an intercepted call ends here)
        elif (track.intercepted_by and track.agent
              and (uid == track.agent_uniqueid or chan == track.agent_channel)
              and b.agent_state(track.agent) is AgentState.AFTER_CALL):
            # the intercepted agent's leg is gone: its wrap-up runs from here
            self._schedule_acw(track.agent, at, b)

    # ---- members ---------------------------------------------------------------

    def _member(self, agent: str) -> MemberTrack:
        m = self.members.get(agent)
        if m is None:
            m = self.members[agent] = MemberTrack(agent)
        return m

    def _member_pause(self, m: Message, b: _Batch, at: datetime) -> None:
        aq = _need(m, "Queue")
        if self.mapping.queue_for(aq) is None:
            return
        a = self._agent_of(m)
        if a is None:
            return
        mt = self._member(a.agent)
        mt.interfaces.setdefault(aq, m.get("Interface") or a.interface)
        if (m.get("Paused") or "").strip().lower() in _ON:
            mt.paused_in[aq] = m.get("PausedReason") or ""
        else:
            mt.paused_in.pop(aq, None)
        mt.recompute()
        if b.agent_state(a.agent) in ON_CALL:
            return  # applied when the call ends
        if mt.paused:
            self._acw.pop(a.agent, None)
        self._settle(a.agent, mt, b, at)

    def _member_added(self, m: Message, b: _Batch, at: datetime) -> None:
        aq = _need(m, "Queue")
        if self.mapping.queue_for(aq) is None:
            return
        a = self._agent_of(m)
        if a is None:
            return
        mt = self._member(a.agent)
        mt.interfaces[aq] = m.get("Interface") or a.interface
        if (m.get("Paused") or "").strip().lower() in _ON:
            mt.paused_in[aq] = m.get("PausedReason") or ""
        mt.recompute()
        if b.agent_state(a.agent) is AgentState.LOGGED_OUT or mt.paused:
            self._settle(a.agent, mt, b, at)

    def _member_removed(self, m: Message, b: _Batch, at: datetime) -> None:
        aq = _need(m, "Queue")
        a = self._agent_of(m)
        if a is None or a.agent not in self.members:
            return
        mt = self.members[a.agent]
        mt.interfaces.pop(aq, None)
        mt.paused_in.pop(aq, None)
        mt.recompute()
        if not mt.interfaces and b.agent_state(a.agent) not in ON_CALL:
            self._acw.pop(a.agent, None)
            b.emit("agent_state", at, {"agent": a.agent, "state": "logged_out"})

    def _settle(self, agent: str, mt: MemberTrack, b: _Batch, at: datetime,
                note: str | None = None) -> None:
        """The floor state an agent off a call has, from its membership and pause."""
        extra: dict[str, Any] = {"note": note} if note else {}
        if not mt.interfaces:
            b.emit("agent_state", at, {"agent": agent, "state": "logged_out", **extra})
            return
        if mt.paused:
            reason, raw = self.mapping.reason_for(mt.reason_text)
            if reason == "after_call":
                b.emit("agent_state", at, {"agent": agent, "state": "after_call",
                                           "reason_text": raw, **extra})
            else:
                data = {"agent": agent, "state": "away", "reason": reason, **extra}
                if raw:
                    data["reason_text"] = raw
                b.emit("agent_state", at, data)
            return
        if b.agent_state(agent) is AgentState.AFTER_CALL and agent in self._acw:
            return  # its wrap-up is running
        b.emit("agent_state", at, {"agent": agent, "state": "ready", **extra})

    def _make_ready(self, agent: str, b: _Batch, at: datetime) -> None:
        """Asterisk gives the agent a call: the floor must have it ready (a wrap-up
        shorter than mapped, a pause or login missed)."""
        st = b.agent_state(agent)
        if st is not None and st not in ON_CALL and st is not AgentState.READY:
            b.emit("agent_state", at, {"agent": agent, "state": "ready"})

    def _schedule_acw(self, agent: str, at: datetime, b: _Batch) -> None:
        """After-call work after a call: for the queue's wrap-up time, or — paused
        with the after-call reason — until the member is unpaused."""
        mt = self.members.get(agent)
        if mt is not None and mt.paused:
            reason, _ = self.mapping.reason_for(mt.reason_text)
            if reason == "after_call":
                self._acw.pop(agent, None)
                return
        wrap = self._wrapup(agent)
        if wrap <= 0:
            self._acw.pop(agent, None)
            self._after_acw(agent, b, at)
            return
        self._acw[agent] = at + timedelta(seconds=wrap)

    def _wrapup(self, agent: str) -> float:
        mt = self.members.get(agent)
        queues = list(mt.interfaces) if mt is not None else []
        waits = [q.wrapup_s for aq in queues if (q := self.mapping.queue_for(aq)) is not None]
        if not waits:
            waits = [q.wrapup_s for q in self.mapping.queues[:1]]
        return max(waits, default=0.0)

    def _after_acw(self, agent: str, b: _Batch, at: datetime) -> None:
        if b.agent_state(agent) is not AgentState.AFTER_CALL:
            return
        mt = self.members.get(agent)
        if mt is None:
            b.emit("agent_state", at, {"agent": agent, "state": "ready"})
            return
        self._settle(agent, mt, b, at)

    # ---- supervisors -----------------------------------------------------------

    def _supervisor_for(self, spyer: str) -> str | None:
        owner = channel_owner(spyer)
        for s in self.spies.values():
            if channel_owner(s.spy_channel) == owner or s.spy_channel == owner:
                return s.supervisor
        for op, ep in self.endpoints.items():
            if channel_base(ep) == owner:
                return op
        for sup in self.mapping.supervisors:
            if channel_base(sup.endpoint) == owner:
                return sup.operator
        return None

    def _spy_start(self, m: Message, b: _Batch, at: datetime) -> None:
        spyer = _need(m, "SpyerChannel")
        spyee = _need(m, "SpyeeChannel")
        cid = self._by_channel.get(spyee) or self._by_uid.get(m.get("SpyeeUniqueid") or "")
        if cid is None or cid not in self.calls:
            return
        track = self.calls[cid]
        known = self.spies.get(spyer) or next(
            (s for s in self.spies.values()
             if s.call == cid and channel_owner(s.spy_channel) == channel_owner(spyer)
             or s.spy_channel == channel_owner(spyer)), None)
        sup = known.supervisor if known is not None else self._supervisor_for(spyer)
        if sup is None:
            self._tell(f"spy:{channel_owner(spyer)}",
                       f"AMI ChanSpy from {channel_owner(spyer)}, which is no supervisor's "
                       "endpoint: not shown")
            return
        mode = known.mode if known is not None else "monitor"
        if known is not None and known.spy_channel != spyer:
            self.spies.pop(known.spy_channel, None)
        spy = SpyTrack(spyer, sup, cid, mode, track.agent)
        self.spies[spyer] = spy
        b.emit("supervisor_joined", at, self._ids(
            {"call": cid, "agent": track.agent, "supervisor": sup, "mode": mode}, track))

    def _spy_stop(self, m: Message, b: _Batch, at: datetime) -> None:
        spy = self.spies.pop(_need(m, "SpyerChannel"), None)
        if spy is not None:
            self._spy_left(spy, b, at)

    def _spy_left(self, spy: SpyTrack, b: _Batch, at: datetime) -> None:
        c = b.state.calls.get(spy.call)
        if c is None or not any(s == spy.supervisor for s, _ in c.supervisors):
            return
        track = self.calls.get(spy.call)
        data = {"call": spy.call, "agent": spy.agent, "supervisor": spy.supervisor,
                "mode": spy.mode}
        b.emit("supervisor_left", at, self._ids(data, track) if track else data)

    # ---- IVR (R-KPI-1) ---------------------------------------------------------

    def _newexten(self, m: Message, b: _Batch, at: datetime) -> None:
        ctx = m.get("Context")
        if not ctx or ctx not in self.mapping.ivr_contexts:
            return
        uid = m.get("Uniqueid")
        if not uid or uid in self._ivr or uid in self._by_uid:
            return
        linked = m.get("Linkedid") or uid
        if linked in self._queued_linked:
            return
        self._ivr[uid] = _IvrTrack(m.get("Channel") or "", uid, linked, _caller(m))

    # ---- helpers ---------------------------------------------------------------

    def _ids(self, data: dict[str, Any], track: CallTrack | None) -> dict[str, Any]:
        if track is not None:
            data.setdefault("uniqueid", track.uniqueid)
            data.setdefault("linkedid", track.linkedid)
        return {k: v for k, v in data.items() if v is not None}

    def _index(self, track: CallTrack) -> None:
        self.calls[track.call] = track
        self._by_uid[track.uniqueid] = track.call
        if track.caller_channel:
            self._by_channel[track.caller_channel] = track.call
        if track.agent_channel:
            self._by_channel[track.agent_channel] = track.call
        if track.agent_uniqueid:
            self._by_uid[track.agent_uniqueid] = track.call
        self._queued_linked[track.linkedid] = track.call

    def _forget(self, track: CallTrack) -> None:
        self.calls.pop(track.call, None)
        for idx, keys in ((self._by_channel, (track.caller_channel, track.agent_channel)),
                          (self._by_uid, (track.uniqueid, track.agent_uniqueid))):
            for k in keys:
                if k and idx.get(k) == track.call:
                    del idx[k]
        # _queued_linked keeps the ended call a while: an IVR leg of the same call
        # hanging up later is no IVR-only call
        if len(self._queued_linked) > 10_000:
            live = {t.linkedid for t in self.calls.values()}
            self._queued_linked = {k: v for k, v in self._queued_linked.items() if k in live}

    def _owner_index(self) -> dict[str, str]:
        out: dict[str, str] = {}
        for a in self.mapping.agents:
            for iface in (a.interface, a.state_interface):
                if iface:
                    out.setdefault(channel_base(iface), a.agent)
        for mt in self.members.values():
            for iface in mt.interfaces.values():
                out.setdefault(channel_base(iface), mt.agent)
        return out

    def _read_status(self, status: Iterable[Message]
                     ) -> tuple[dict[str, MemberTrack], dict[str, tuple[str, float, Message]]]:
        members: dict[str, MemberTrack] = {}
        entries: dict[str, tuple[str, float, Message]] = {}
        for m in status:
            aq = m.get("Queue") or ""
            if self.mapping.queue_for(aq) is None:
                continue
            if m.is_event("QueueMember"):
                a = self.mapping.agent_for(m.get("Location") or m.get("Interface"),
                                           m.get("Name") or m.get("MemberName"),
                                           m.get("StateInterface"))
                if a is None:
                    continue
                mt = members.setdefault(a.agent, MemberTrack(a.agent))
                mt.interfaces[aq] = m.get("Location") or m.get("Interface") or a.interface
                if (m.get("Paused") or "").strip().lower() in _ON:
                    mt.paused_in[aq] = m.get("PausedReason") or ""
            elif m.is_event("QueueEntry"):
                uid = m.get("Uniqueid")
                if uid:
                    entries[uid] = (aq, _float(m.get("Wait")), m)
        for mt in members.values():
            mt.recompute()
        return members, entries

    def _tell(self, key: str, text: str, level: int = logging.WARNING,
              exc_info: bool = False) -> None:
        """One log line per kind of thing ignored, not one per message."""
        if key in self._told:
            return
        if len(self._told) > 1000:  # a flood of distinct names: stop remembering them
            self._told.clear()
        self._told.add(key)
        log.log(level, "%s", text, exc_info=exc_info)


class _Missing(Exception):
    def __init__(self, key: str) -> None:
        super().__init__(key)
        self.key = key


def _need(m: Message, key: str) -> str:
    v = m.get(key)
    if v is None or v == "":
        raise _Missing(key)
    return v


def _caller(m: Message | Mapping[str, Any]) -> str | None:
    n = m.get("CallerIDNum")
    return None if not n or n in ("<unknown>", "unknown") else str(n)


def _float(v: str | None) -> float:
    try:
        return max(0.0, float(v or 0))
    except ValueError:
        return 0.0


def _duration(v: str | None) -> float:
    """CoreShowChannel's ``Duration: HH:MM:SS``."""
    if not v:
        return 0.0
    try:
        parts = [int(p) for p in v.split(":")]
    except ValueError:
        return 0.0
    secs = 0
    for p in parts:
        secs = secs * 60 + p
    return float(secs)
