"""Supervisor controls (DOMAIN §2) as data, and the pure check every adapter runs.

A console writes a :class:`SupervisorCommand` to the outbox; the adapter host
checks it against the floor *as it is when it executes* (R-CTRL-2: if the call
or state changed in between, it fails and never acts on another call) and turns
it into floor events that end with ``command_done`` or ``command_failed``.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from models.domain.floor import FloorState
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
        raise CommandRefused(f"坐席 {cmd.agent} 不存在 / unknown agent {cmd.agent}")
    if cmd.action in CALL_ACTIONS:
        if cmd.call is None:
            raise CommandRefused("未指定通话 / no call given")
        c = state.calls.get(cmd.call)
        if c is None or c.agent != cmd.agent or c.intercepted_by is not None:
            raise CommandRefused(f"通话 {cmd.call} 已结束或已变化 / call {cmd.call} is no longer "
                                 f"on agent {cmd.agent}")
        if st.call != cmd.call:
            raise CommandRefused(f"坐席 {cmd.agent} 当前通话已变化 / agent {cmd.agent} is now on "
                                 f"another call")
        if c.state not in (CallState.TALKING, CallState.HOLD):
            raise CommandRefused(f"通话 {cmd.call} 未接通 / call {cmd.call} is not live")
        attached = {s for s, _ in c.supervisors}
        if cmd.action is Action.STOP and cmd.supervisor not in attached:
            raise CommandRefused("未在该通话中 / not attached to this call")
        if cmd.action in SESSION_MODES and cmd.supervisor in attached:
            mode = dict(c.supervisors)[cmd.supervisor]
            if mode is SESSION_MODES[cmd.action]:
                raise CommandRefused("已在该通话中 / already attached in this mode")
        return
    if cmd.action is Action.FORCE_READY:
        if st.state in (AgentState.LOGGED_OUT, AgentState.READY, AgentState.RINGING,
                        AgentState.TALKING, AgentState.HOLD):
            raise CommandRefused(f"坐席 {cmd.agent} 当前为 {st.state.value},不能强制就绪 / "
                                 f"agent is {st.state.value}")
    elif cmd.action is Action.FORCE_AWAY:
        if cmd.away_reason is None:
            raise CommandRefused("强制离席需要原因 / force away needs a reason")
        if st.state in (AgentState.LOGGED_OUT, AgentState.RINGING, AgentState.TALKING,
                        AgentState.HOLD) or (st.state is AgentState.AWAY
                                             and st.reason is cmd.away_reason):
            raise CommandRefused(f"坐席 {cmd.agent} 当前为 {st.state.value},不能强制离席 / "
                                 f"agent is {st.state.value}")
    elif cmd.action is Action.FORCE_LOGOUT and st.state in (
            AgentState.LOGGED_OUT, AgentState.RINGING, AgentState.TALKING, AgentState.HOLD):
        raise CommandRefused(f"坐席 {cmd.agent} 当前为 {st.state.value},不能强制签出 / "
                             f"agent is {st.state.value}")
    # an expected call given for a state action must still be the agent's call
    if cmd.call is not None and st.call != cmd.call:
        raise CommandRefused(f"坐席 {cmd.agent} 的通话已变化 / the agent's call changed")


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
