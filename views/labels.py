"""Translated names of floor states and reasons (Chinese by default, DOMAIN vocabulary)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

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
