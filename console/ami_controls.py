"""Supervisor controls carried out on a real Asterisk (issue #14, DOMAIN §2).

:class:`AmiControls` is what :class:`console.ami_adapter.AmiAdapter` runs for
``execute()`` and ``outcome()``, on the floor host's thread:

1. the control is checked against the floor as the host has it
   (:func:`models.domain.commands.check`), then against Asterisk itself (R-CTRL-2:
   ``Status`` of the agent's exact channel and the caller's — still one call);
2. the AMI action is sent (:mod:`models.telephony.controls` says which) and
   Asterisk's Response awaited: an ``Error`` fails the control with Asterisk's own
   message;
3. the adapter's :meth:`drain` reads the event stream until the event that shows
   the effect arrives (``ChanSpyStart`` on that channel, the ``Hangup``, the
   caller's ``Newexten`` in the supervisor's context, ``QueueMemberPause`` /
   ``QueueMemberRemoved`` in each queue) or the mapping's ``action_timeout_s``
   passes. The floor events translated on the way come first, in order; then the
   control's own events exactly as the simulator writes them (one effect, never
   two: where the translator already wrote it from the same AMI event, that event
   is marked with the command instead), then ``command_done`` — or
   ``command_failed`` with Asterisk's words or the timeout.

``outcome()`` answers for a control a host claimed and died on: it looks at
Asterisk's state (is that spy leg running on that channel, is the member paused
with that text or gone from its queues, is the agent's channel gone, is the caller
in the supervisor's context) and says done / failed / unknown. It never acts.
"""

from __future__ import annotations

import contextlib
import logging
import time
from collections.abc import Mapping
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any, cast

from console.adapters import EFFECT_SEEN_MESSAGE, unknown_result
from console.ami_client import LinkDown
from models.domain.commands import (
    SESSION_MODES,
    Action,
    CommandRefused,
    SupervisorCommand,
    check,
    result_payload,
)
from models.domain.floor import FloorState, IllegalEvent, apply, apply_all
from models.domain.texts import QT_TRANSLATE_NOOP, Msg
from models.domain.types import FloorEvent
from models.telephony import controls as ctl
from models.telephony.ami import Completed, Message
from models.telephony.translate import SpyTrack, channel_base

if TYPE_CHECKING:
    from console.ami_adapter import AmiAdapter

log = logging.getLogger(__name__)

#: how long a force release waits, after the agent's channel is gone, for the
#: queue's own AgentComplete (the translator ends the call from it)
COMPLETE_GRACE_S = 2.0

LINK_DOWN = QT_TRANSLATE_NOOP(
    "Commands", "The link to the phone system is down: the control was not carried out")
NO_EXTENSION = QT_TRANSLATE_NOOP(
    "Commands", "Supervisor {supervisor} has no extension for this control: set it in the "
                "console (File, My extension…) or in the telephony mapping's [[supervisors]]")
NO_TRACK = QT_TRANSLATE_NOOP(
    "Commands", "Call {call} is not known on the phone system (no channel of agent {agent})")
CALL_GONE = QT_TRANSLATE_NOOP(
    "Commands", "Call {call} is no longer on agent {agent}'s channel in Asterisk ({detail}): "
                "nothing was done")
REFUSED = QT_TRANSLATE_NOOP("Commands", "Asterisk refused {action}: {message}")
NO_ANSWER = QT_TRANSLATE_NOOP("Commands", "Asterisk did not answer {action} within {seconds} s")
NOT_CONFIRMED = QT_TRANSLATE_NOOP(
    "Commands", "Asterisk did not confirm {action} within {seconds} s; check the agent before "
                "trying again")
NO_SPY = QT_TRANSLATE_NOOP(
    "Commands", "No listening leg of supervisor {supervisor} on call {call} was found in "
                "Asterisk")
NO_INTERFACE = QT_TRANSLATE_NOOP(
    "Commands", "Agent {agent} has no queue member interface in the telephony mapping")
NO_QUEUE = QT_TRANSLATE_NOOP("Commands", "Agent {agent} is a member of no queue in Asterisk")
STATIC_MEMBER = QT_TRANSLATE_NOOP(
    "Commands", "Agent {agent} is a static member of queue {queue} (a member line in "
                "queues.conf): Asterisk cannot sign it out; nothing was done")
#: Asterisk's own words about a channel
ASTERISK_SAYS = QT_TRANSLATE_NOOP("Commands", "Asterisk: {message}: {channel}")
NOT_IN_EFFECT = QT_TRANSLATE_NOOP(
    "Commands", "The floor host stopped while carrying out this control; Asterisk does not "
                "show its effect ({detail})")


class _Failed(Exception):
    def __init__(self, msg: Msg | str) -> None:
        super().__init__(str(msg))
        self.msg = msg


def _when(msg: Message | None, fallback: datetime) -> datetime:
    ts = msg.timestamp if msg is not None else None
    return datetime.fromtimestamp(ts, UTC) if ts is not None else fallback


class AmiControls:
    """One control (or one outcome question) on the adapter's link and tracks."""

    def __init__(self, adapter: AmiAdapter) -> None:
        self.adapter = adapter
        self.link = adapter.link
        self.mapping: Any = cast(Any, adapter.mapping)
        self.timeout = float(self.mapping.ami.action_timeout_s)
        #: the floor events the adapter translated while this control waited
        self.events: list[FloorEvent] = []
        #: floor events a failed control still owes the floor (a change of mode that
        #: lost the old listening leg before the new one failed)
        self._undo: list[FloorEvent] = []

    # -- the translator's tracks (models.telephony.translate) --

    @property
    def _tr(self) -> Any:
        return getattr(self.adapter, "translator", None)

    def _tracks(self, name: str) -> dict[str, Any]:
        tr = self._tr
        got = getattr(tr, name, None) if tr is not None else None
        return got if isinstance(got, dict) else {}

    def _call_track(self, cmd: SupervisorCommand) -> Any:
        t = self._tracks("calls").get(cmd.call or "")
        if t is None or t.agent != cmd.agent or not t.agent_channel:
            raise _Failed(NO_TRACK.format(call=cmd.call, agent=cmd.agent))
        return t

    def _spy_of(self, supervisor: str, call: str | None) -> str | None:
        for chan, s in self._tracks("spies").items():
            if s.supervisor == supervisor and s.call == call:
                return str(chan)
        return None

    def _register_spy(self, key: str, cmd: SupervisorCommand, mode: str) -> None:
        """Tell the translator whose leg a spy is and in which mode, so it writes the
        ChanSpyStart / ChanSpyStop of it as this supervisor's (``key``: the leg's
        channel, or before it exists the endpoint's channel prefix)."""
        track = SpyTrack(spy_channel=key, supervisor=cmd.supervisor, call=cmd.call or "",
                         mode=mode, agent=cmd.agent)
        tr = self._tr
        if tr is not None and hasattr(tr, "register_spy"):
            tr.register_spy(track)

    def _interfaces(self, agent: str) -> list[str]:
        """The agent's queue member interfaces: what the translator saw, and the
        mapping's (exact 工号 match)."""
        out: list[str] = []
        m = self._tracks("members").get(agent)
        if m is not None:
            out += [i for i in getattr(m, "interfaces", {}).values() if i]
        out += [a.interface for a in getattr(self.mapping, "agents", ())
                if a.agent == agent and a.interface]
        return list(dict.fromkeys(out))

    def _endpoint(self, operator: str) -> ctl.Endpoint | None:
        """The endpoint set in the console (我的分机…) first, the mapping's [[supervisors]] to
        fill what it leaves empty."""
        endpoint = context = exten = ""
        fn = self.adapter.endpoint_fn
        if fn is not None:
            try:
                got = fn(operator)
            except Exception as e:  # noqa: BLE001 - the database away: the mapping's
                log.warning("supervisor %s's own extension not readable (%s); using the "
                            "mapping's", operator, e)
                got = None
            if got:
                endpoint, context, exten = (str(x or "") for x in got)
        sm = self.mapping.supervisor(operator)
        if sm is not None:
            endpoint = endpoint or sm.endpoint
            context = context or sm.context
            exten = exten or sm.exten
        if not endpoint and not (context and exten):
            return None
        return ctl.Endpoint(endpoint, context, exten)

    # -- talking to Asterisk --

    def _ask(self, action: ctl.AmiAction | str, fields: Mapping[str, str] | None = None, *,
             list_response: bool = False) -> Completed:
        name = action.name if isinstance(action, ctl.AmiAction) else action
        flds = list(action.fields) if isinstance(action, ctl.AmiAction) else \
            list((fields or {}).items())
        try:
            return self.link.call(name, flds, list_response=list_response,
                                  timeout=self.timeout)
        except LinkDown:
            raise _Failed(LINK_DOWN) from None
        except TimeoutError:
            raise _Failed(NO_ANSWER.format(action=name, seconds=f"{self.timeout:g}")) from None

    def _do(self, action: ctl.AmiAction) -> Completed:
        done = self._ask(action)
        if not done.ok:
            raise _Failed(REFUSED.format(action=action.name, message=done.message))
        return done

    def _wait(self, confirm: ctl.Confirm, what: str, timeout: float | None = None) -> None:
        """Read the event stream (translating it) until ``confirm`` is whole."""
        limit = self.timeout if timeout is None else timeout
        deadline = time.monotonic() + limit
        while not confirm.finished:
            left = deadline - time.monotonic()
            if left <= 0:
                raise _Failed(NOT_CONFIRMED.format(action=what, seconds=f"{limit:g}"))
            evs, _m = self.adapter.drain(self.adapter.clock(), until=confirm.feed,
                                         timeout=left)
            self.events += evs
        if confirm.failure is not None:
            raise _Failed(confirm.failure)

    def _recheck(self, cmd: SupervisorCommand, track: Any) -> None:
        """R-CTRL-2 on Asterisk's side: the agent's exact channel and the caller's still
        share one bridge, so the control acts on the call the supervisor saw."""
        a = self._ask("Status", {"Channel": track.agent_channel}, list_response=True)
        if not a.ok:
            raise _Failed(CALL_GONE.format(call=cmd.call, agent=cmd.agent, detail=ASTERISK_SAYS
                                           .format(message=a.message,
                                                   channel=track.agent_channel)))
        c = self._ask("Status", {"Channel": track.caller_channel}, list_response=True)
        if not c.ok:
            raise _Failed(CALL_GONE.format(call=cmd.call, agent=cmd.agent, detail=ASTERISK_SAYS
                                           .format(message=c.message,
                                                   channel=track.caller_channel)))
        why = ctl.call_problem(a.events, c.events, track.agent_channel, track.caller_channel)
        if why is not None:
            raise _Failed(CALL_GONE.format(call=cmd.call, agent=cmd.agent, detail=why))

    def _memberships(self, agent: str) -> list[ctl.Membership]:
        ifaces = self._interfaces(agent)
        if not ifaces:
            raise _Failed(NO_INTERFACE.format(agent=agent))
        out: list[ctl.Membership] = []
        for iface in ifaces:
            st = self._ask("QueueStatus", {"Member": iface}, list_response=True)
            if not st.ok:
                raise _Failed(REFUSED.format(action="QueueStatus", message=st.message))
            out += ctl.memberships(st.events, [iface])
        if not out:
            raise _Failed(NO_QUEUE.format(agent=agent))
        return out

    # -- execute --

    def execute(self, cmd: SupervisorCommand, state: FloorState,
                now: datetime) -> list[FloorEvent]:
        self.events = []
        try:
            check(state, cmd)
            if not self.link.up:
                raise _Failed(LINK_DOWN)
            own, at = self._act(cmd, state, now)
        except CommandRefused as err:
            return [*self.events, FloorEvent("command_failed", now,
                                             result_payload(cmd.id, err))]
        except _Failed as f:
            log.warning("control %s (%s on %s by %s) failed: %s", cmd.id, cmd.action.value,
                        cmd.agent, cmd.supervisor, f.msg)
            at = max([now, *(e.at for e in self.events)])
            undo = self._legal(state, self.events, self._undo)
            return [*self.events, *undo,
                    FloorEvent("command_failed", at, result_payload(cmd.id, f.msg))]
        translated, still = ctl.merge_effects(self.events, own, cmd)
        out = translated + self._legal(state, translated, still)
        if cmd.action is Action.INTERCEPT:
            out += self._intercepted_acw(cmd.agent, at, state, out)
        done_at = max([at, *(e.at for e in out)])
        return [*out, FloorEvent("command_done", done_at,
                                 result_payload(cmd.id, ctl.done_message(cmd)))]

    def _intercepted_acw(self, agent: str, at: datetime, state: FloorState,
                         out: list[FloorEvent]) -> list[FloorEvent]:
        """拦截 frees the agent into after-call work at once (the simulator's
        ``_start_acw``): the translator's wrap-up timer starts now, not at the agent
        leg's hang-up, which Asterisk may send only after the caller has hung up —
        when the call is already forgotten and the agent would stay in after-call."""
        tr = self._tr
        if tr is None or not hasattr(tr, "start_acw"):
            return []
        try:
            after = apply_all(state, out)
        except IllegalEvent:
            return []
        return list(tr.start_acw(agent, at, after))

    def _legal(self, state: FloorState, before: list[FloorEvent],
               own: list[FloorEvent]) -> list[FloorEvent]:
        """The control's own events the reducer takes after what was translated (a
        call that ended meanwhile gets no supervisor_joined)."""
        try:
            cur = apply_all(state, before)
        except IllegalEvent:
            return own
        out: list[FloorEvent] = []
        for e in own:
            try:
                cur = apply(cur, e)
            except IllegalEvent as err:
                log.warning("control effect %s not written: %s", e.type, err)
                continue
            out.append(e)
        return out

    def _act(self, cmd: SupervisorCommand,
             state: FloorState, now: datetime) -> tuple[list[FloorEvent], datetime]:
        self._undo = []
        a = cmd.action
        if a in SESSION_MODES:
            return self._session(cmd, now)
        if a is Action.STOP:
            return self._stop(cmd, now)
        if a is Action.FORCE_RELEASE:
            return self._release(cmd, now)
        if a is Action.INTERCEPT:
            return self._intercept(cmd, now)
        if a in (Action.FORCE_READY, Action.FORCE_AWAY):
            return self._pause(cmd, now)
        return self._logout(cmd, now)

    def _session(self, cmd: SupervisorCommand,
                 now: datetime) -> tuple[list[FloorEvent], datetime]:
        track = self._call_track(cmd)
        ep = self._endpoint(cmd.supervisor)
        if ep is None or not ep.endpoint:
            raise _Failed(NO_EXTENSION.format(supervisor=cmd.supervisor))
        self._recheck(cmd, track)
        old = self._spy_of(cmd.supervisor, cmd.call)
        if old is not None:
            # another mode on the same call: the old leg goes first (one phone), and
            # the translator no longer counts it, so the floor sees one change of mode
            self._tracks("spies").pop(old, None)
            action, confirm = ctl.hangup_spy_action(old)
            done = self._ask(action)
            if done.ok:
                self._wait(confirm, action.name)
            self._undo = [FloorEvent("supervisor_left", now, {
                "call": cmd.call, "agent": cmd.agent, "supervisor": cmd.supervisor,
                "uniqueid": track.uniqueid, "linkedid": track.linkedid})]
        mode = SESSION_MODES[cmd.action].value
        # the leg does not exist yet: the translator knows it by the endpoint's
        # channel prefix until its ChanSpyStart names it
        pre = channel_base(ep.endpoint)
        self._register_spy(pre, cmd, mode)
        try:
            action, confirm = ctl.spy_action(cmd, track.agent_channel, ep, self.timeout)
            self._do(action)
            self._wait(confirm, "ChanSpy")
        finally:
            spies = self._tracks("spies")
            if spies.get(pre) is not None and spies[pre].supervisor == cmd.supervisor:
                del spies[pre]
        start = confirm.last
        assert start is not None
        spyer = start.get("SpyerChannel") or ""
        if spyer not in self._tracks("spies"):
            self._register_spy(spyer, cmd, mode)
        self._undo = []
        at = _when(start, now)
        return ctl.effect_events(cmd, at, track), at

    def _stop(self, cmd: SupervisorCommand, now: datetime) -> tuple[list[FloorEvent], datetime]:
        track = self._call_track(cmd)
        spy = self._spy_of(cmd.supervisor, cmd.call)
        if spy is None:
            ep = self._endpoint(cmd.supervisor)
            if ep is not None and ep.endpoint:
                chans = self._ask("CoreShowChannels", {}, list_response=True)
                spy = ctl.find_spy_leg(chans.events, ep.endpoint, track.agent_channel)
        if spy is None:
            raise _Failed(NO_SPY.format(supervisor=cmd.supervisor, call=cmd.call))
        action, confirm = ctl.hangup_spy_action(spy)
        self._do(action)
        self._wait(confirm, action.name)
        own = ctl.effect_events(cmd, _when(confirm.last, now), track)
        # the translator attributes ChanSpyStop through this track: whoever wrote
        # supervisor_left, the leg is no one's any more
        self._tracks("spies").pop(spy, None)
        return own, _when(confirm.last, now)

    def _release(self, cmd: SupervisorCommand,
                 now: datetime) -> tuple[list[FloorEvent], datetime]:
        track = self._call_track(cmd)
        self._recheck(cmd, track)
        action, confirm = ctl.release_action(track.agent_channel)
        self._do(action)
        self._wait(confirm, action.name)
        at = _when(confirm.last, now)
        if not any(e.type == "call_ended" and e.get("call") == cmd.call for e in self.events):
            # the queue's AgentComplete follows the hang-up at once: the translator
            # ends the call from it (and starts the wrap-up); wait for it briefly
            done = ctl.Confirm([lambda m: ctl.matches(m, "AgentComplete",
                                                  Channel=track.caller_channel)])
            with contextlib.suppress(_Failed):
                self._wait(done, "AgentComplete", min(COMPLETE_GRACE_S, self.timeout))
        # without it the control ends the call on the floor itself; the translator
        # reads the floor and never ends a call a second time
        return ctl.effect_events(cmd, at, track), at

    def _intercept(self, cmd: SupervisorCommand,
                   now: datetime) -> tuple[list[FloorEvent], datetime]:
        track = self._call_track(cmd)
        ep = self._endpoint(cmd.supervisor)
        if ep is None or not ep.context or not ep.exten:
            raise _Failed(NO_EXTENSION.format(supervisor=cmd.supervisor))
        self._recheck(cmd, track)
        own_leg = self._spy_of(cmd.supervisor, cmd.call)
        if own_leg is not None:
            # the supervisor's phone is on the call as a listening leg: free it for the
            # caller; the intercept replaces that session (no supervisor_left, as in
            # the simulator)
            self._tracks("spies").pop(own_leg, None)
            hang, gone = ctl.hangup_spy_action(own_leg)
            if self._ask(hang).ok:
                self._wait(gone, hang.name)
            self._undo = [FloorEvent("supervisor_left", now, {
                "call": cmd.call, "agent": cmd.agent, "supervisor": cmd.supervisor,
                "uniqueid": track.uniqueid, "linkedid": track.linkedid})]
        action, confirm = ctl.intercept_action(track.caller_channel, ep)
        self._do(action)
        self._wait(confirm, action.name)
        self._undo = []
        # the call is the supervisor's now: the agent's leg hanging up is not its end
        track.intercepted_by = cmd.supervisor
        at = _when(confirm.last, now)
        return ctl.effect_events(cmd, at, track), at

    def _pause(self, cmd: SupervisorCommand, now: datetime) -> tuple[list[FloorEvent], datetime]:
        members = self._memberships(cmd.agent)
        away = cmd.action is Action.FORCE_AWAY
        text = ctl.pause_text(self.mapping, cmd.away_reason) if away and cmd.away_reason else ""
        actions, confirm = ctl.pause_actions(members, away, text)
        for action in actions:
            self._do(action)
        self._wait(confirm, "QueuePause")
        at = _when(confirm.last, now)
        return ctl.effect_events(cmd, at, pause_reason_text=text), at

    def _logout(self, cmd: SupervisorCommand, now: datetime) -> tuple[list[FloorEvent], datetime]:
        members = self._memberships(cmd.agent)
        static = next((m for m in members if m.membership == "static"), None)
        if static is not None:
            # refused before any queue is touched: never half signed out
            raise _Failed(STATIC_MEMBER.format(agent=cmd.agent, queue=static.queue))
        actions, confirm = ctl.remove_actions(members)
        for action in actions:
            self._do(action)
        self._wait(confirm, "QueueRemove")
        at = _when(confirm.last, now)
        return ctl.effect_events(cmd, at), at

    # -- outcome: a control a dead host claimed --

    def outcome(self, cmd: SupervisorCommand, state: FloorState, now: datetime,
                claimed_at: datetime | None) -> FloorEvent:
        """Done / failed / unknown from Asterisk's own state; never acts."""
        if not self.link.up:
            return unknown_result(cmd.id, now)
        try:
            verdict = self._verdict(cmd)
        except _Failed as f:
            log.warning("outcome of control %s: Asterisk could not be asked: %s", cmd.id, f.msg)
            return unknown_result(cmd.id, now)
        if verdict is None:
            return unknown_result(cmd.id, now)
        ok, detail = verdict
        if ok:
            return FloorEvent("command_done", now, result_payload(cmd.id, EFFECT_SEEN_MESSAGE))
        return FloorEvent("command_failed", now, result_payload(
            cmd.id, NOT_IN_EFFECT.format(detail=detail)))

    def _verdict(self, cmd: SupervisorCommand) -> tuple[bool, Msg] | None:
        a = cmd.action
        if a in (Action.FORCE_READY, Action.FORCE_AWAY, Action.FORCE_LOGOUT):
            ifaces = self._interfaces(cmd.agent)
            if not ifaces:
                return None
            mems: list[ctl.Membership] = []
            for iface in ifaces:
                st = self._ask("QueueStatus", {"Member": iface}, list_response=True)
                mems += ctl.memberships(st.events, [iface])
            if a is Action.FORCE_LOGOUT:
                return (not mems, QT_TRANSLATE_NOOP(
                    "Commands", "still a member of {queues}").format(
                    queues=[m.queue for m in mems]))
            if not mems:
                return (False, NO_QUEUE.format(agent=cmd.agent))
            if a is Action.FORCE_READY:
                return (all(not m.paused for m in mems),
                        QT_TRANSLATE_NOOP("Commands", "still paused"))
            text = ctl.pause_text(self.mapping, cmd.away_reason) if cmd.away_reason else ""
            return (all(m.paused and (not text or m.paused_reason == text) for m in mems),
                    QT_TRANSLATE_NOOP("Commands", "not paused with {reason}").format(
                        reason=text))
        track = self._tracks("calls").get(cmd.call or "")
        if a in SESSION_MODES:
            st = self._ask("Status", {"Channel": ctl.spy_channel_id(cmd.id)}, list_response=True)
            if track is None or not track.agent_channel:
                return None
            if st.ok and ctl.spy_running(st.events, track.agent_channel,
                                         SESSION_MODES[a].value):
                return (True, EFFECT_SEEN_MESSAGE)
            return (False, QT_TRANSLATE_NOOP(
                "Commands", "no listening leg on channel {channel}").format(
                channel=track.agent_channel))
        if track is None or not track.agent_channel:
            return None
        if a is Action.STOP:
            ep = self._endpoint(cmd.supervisor)
            if ep is None or not ep.endpoint:
                return None
            chans = self._ask("CoreShowChannels", {}, list_response=True)
            spy = ctl.find_spy_leg(chans.events, ep.endpoint, track.agent_channel)
            return (spy is None, QT_TRANSLATE_NOOP(
                "Commands", "listening leg {channel} still running").format(channel=spy))
        if a is Action.FORCE_RELEASE:
            st = self._ask("Status", {"Channel": track.agent_channel}, list_response=True)
            return (not st.ok, QT_TRANSLATE_NOOP("Commands", "{channel} still up").format(
                channel=track.agent_channel))
        # intercept: is the caller in the supervisor's context?
        ep = self._endpoint(cmd.supervisor)
        st = self._ask("Status", {"Channel": track.caller_channel}, list_response=True)
        if ep is None or not st.ok:
            return None  # the caller is gone: it cannot tell any more
        where = next((m for m in st.events if m.is_event("Status")), None)
        if where is None:
            return None
        return (where.get("Context") == ep.context, QT_TRANSLATE_NOOP(
            "Commands", "the caller is in context {context}, not {expected}").format(
            context=where.get("Context") or "", expected=ep.context))
