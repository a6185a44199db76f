"""Translated names of floor states and reasons (Chinese by default, DOMAIN vocabulary)."""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import QCoreApplication

from models.domain.roles import Role
from models.domain.types import AgentState, AwayReason


def state(s: AgentState) -> str:
    return {
        AgentState.LOGGED_OUT: QCoreApplication.translate("State", "Logged out"),
        AgentState.READY: QCoreApplication.translate("State", "Ready"),
        AgentState.RINGING: QCoreApplication.translate("State", "Ringing"),
        AgentState.TALKING: QCoreApplication.translate("State", "Talking"),
        AgentState.HOLD: QCoreApplication.translate("State", "On hold"),
        AgentState.AFTER_CALL: QCoreApplication.translate("State", "After-call work"),
        AgentState.AWAY: QCoreApplication.translate("State", "Away"),
    }[s]


def reason(r: AwayReason) -> str:
    return {
        AwayReason.SHORT_BREAK: QCoreApplication.translate("Reason", "Short break"),
        AwayReason.MEAL: QCoreApplication.translate("Reason", "Meal"),
        AwayReason.TRAINING: QCoreApplication.translate("Reason", "Training"),
        AwayReason.MEETING: QCoreApplication.translate("Reason", "Meeting"),
        AwayReason.CALLBACK: QCoreApplication.translate("Reason", "Callback"),
        AwayReason.OTHER: QCoreApplication.translate("Reason", "Other"),
    }[r]


def role(r: Role) -> str:
    return {Role.SHIFT_LEADER: QCoreApplication.translate("Roles", "Shift leader"),
            Role.DEPARTMENT_HEAD: QCoreApplication.translate("Roles", "Department head"),
            Role.DIRECTOR: QCoreApplication.translate("Roles", "Director"),
            Role.WALLBOARD: QCoreApplication.translate("Roles", "Wallboard viewer"),
            Role.ADMIN: QCoreApplication.translate("Roles", "Administrator")}[r]


def roles(rs: Iterable[Role]) -> str:
    """Roles in the order of :class:`Role` (most used first), translated, "、"-joined
    in Chinese."""
    have = set(rs)
    sep = QCoreApplication.translate("Roles", ", ")
    return sep.join(role(r) for r in Role if r in have) or "—"
