"""Supervisor controls (DOMAIN §2) as data, and the pure check every adapter runs.

A console writes a :class:`SupervisorCommand` to the outbox; the adapter host
checks it against the floor *as it is when it executes* (R-CTRL-2: if the call
or state changed in between, it fails and never acts on another call) and turns
it into floor events that end with ``command_done`` or ``command_failed``.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from models.domain.floor import FloorState
from models.domain.texts import QT_TRANSLATE_NOOP, message_of, state_text
from models.domain.types import AgentState, AwayReason, CallState, SupervisorMode


class Action(StrEnum):
    MONITOR = "monitor"  # 监听
    WHISPER = "whisper"  # 耳语
    BARGE = "barge"  # 强插
    STOP = "stop"  # leave a monitor / whisper / barge session
    FORCE_RELEASE = "force_release"  # 强拆
    INTERCEPT = "intercept"  # 拦截
    FORCE_READY = "force_ready"  # 强制就绪
    FORCE_AWAY = "force_away"  # 强制离席
    FORCE_LOGOUT = "force_logout"  # 强制签出


CALL_ACTIONS = frozenset({Action.MONITOR, Action.WHISPER, Action.BARGE, Action.STOP,
                          Action.FORCE_RELEASE, Action.INTERCEPT})
SESSION_MODES = {Action.MONITOR: SupervisorMode.MONITOR, Action.WHISPER: SupervisorMode.WHISPER,
                 Action.BARGE: SupervisorMode.BARGE}


@dataclass(frozen=True, slots=True)
class SupervisorCommand:
    id: str
    action: Action
    agent: str
    supervisor: str
    #: the call the supervisor saw on the agent when deciding (R-CTRL-2)
    call: str | None = None
    reason: str = ""
    away_reason: AwayReason | None = None


class CommandRefused(ValueError):
    pass


def check(state: FloorState, cmd: SupervisorCommand) -> None:
    """Raise :class:`CommandRefused` with a user-facing reason if ``cmd`` cannot act now."""
    st = state.status.get(cmd.agent)
    if st is None:
        raise CommandRefused(QT_TRANSLATE_NOOP("Commands", "Agent {agent} does not exist").format(
            agent=cmd.agent))
    if cmd.action in CALL_ACTIONS:
        if cmd.call is None:
            raise CommandRefused(QT_TRANSLATE_NOOP("Commands", "No call was given"))
        c = state.calls.get(cmd.call)
        if c is None or c.agent != cmd.agent or c.intercepted_by is not None:
            raise CommandRefused(QT_TRANSLATE_NOOP(
                "Commands", "Call {call} has ended or is no longer on agent {agent}").format(
                call=cmd.call, agent=cmd.agent))
        if st.call != cmd.call:
            raise CommandRefused(QT_TRANSLATE_NOOP(
                "Commands", "Agent {agent} is now on another call").format(agent=cmd.agent))
        if c.state not in (CallState.TALKING, CallState.HOLD):
            raise CommandRefused(QT_TRANSLATE_NOOP("Commands", "Call {call} is not connected").format(
                call=cmd.call))
        attached = {s for s, _ in c.supervisors}
        if cmd.action is Action.STOP and cmd.supervisor not in attached:
            raise CommandRefused(QT_TRANSLATE_NOOP("Commands", "You are not in this call"))
        if cmd.action in SESSION_MODES and cmd.supervisor in attached:
            mode = dict(c.supervisors)[cmd.supervisor]
            if mode is SESSION_MODES[cmd.action]:
                raise CommandRefused(QT_TRANSLATE_NOOP("Commands", "You are already in this call in this mode"))
        return
    if cmd.action is Action.FORCE_READY:
        if st.state in (AgentState.LOGGED_OUT, AgentState.READY, AgentState.RINGING,
                        AgentState.TALKING, AgentState.HOLD):
            raise CommandRefused(QT_TRANSLATE_NOOP(
                "Commands", "Agent {agent} is {state} and cannot be forced ready").format(
                agent=cmd.agent, state=state_text(st.state.value)))
    elif cmd.action is Action.FORCE_AWAY:
        if cmd.away_reason is None:
            raise CommandRefused(QT_TRANSLATE_NOOP("Commands", "Forcing an agent away needs a reason"))
        if st.state in (AgentState.LOGGED_OUT, AgentState.RINGING, AgentState.TALKING,
                        AgentState.HOLD) or (st.state is AgentState.AWAY
                                             and st.reason is cmd.away_reason):
            raise CommandRefused(QT_TRANSLATE_NOOP(
                "Commands", "Agent {agent} is {state} and cannot be forced away").format(
                agent=cmd.agent, state=state_text(st.state.value)))
    elif cmd.action is Action.FORCE_LOGOUT and st.state in (
            AgentState.LOGGED_OUT, AgentState.RINGING, AgentState.TALKING, AgentState.HOLD):
        raise CommandRefused(QT_TRANSLATE_NOOP(
            "Commands", "Agent {agent} is {state} and cannot be signed out").format(
            agent=cmd.agent, state=state_text(st.state.value)))
    # an expected call given for a state action must still be the agent's call
    if cmd.call is not None and st.call != cmd.call:
        raise CommandRefused(QT_TRANSLATE_NOOP("Commands", "Agent {agent}'s call has changed").format(
            agent=cmd.agent))


def result_payload(command: str, message: object) -> dict[str, Any]:
    """A control's ``command_done``/``command_failed`` payload: ``message`` in English
    (logs, older consoles), ``text`` the message itself as JSON, so each console shows
    it in its own language (issue #12 item 13)."""
    out: dict[str, Any] = {"command": command, "message": str(message)}
    m = message_of(message)
    if m is not None:
        out["text"] = m.to_json()
    return out


def applicable(state: FloorState, agent: str, action: Action, supervisor: str) -> bool:
    """Whether a control makes sense for the agent now (for enabling buttons)."""
    st = state.status.get(agent)
    if st is None:
        return False
    call = st.call if action in CALL_ACTIONS else None
    try:
        check(state, SupervisorCommand("-", action, agent, supervisor, call=call,
                                       away_reason=AwayReason.OTHER))
    except CommandRefused:
        return False
    return True
