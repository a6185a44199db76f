"""Translated names of floor states and reasons (Chinese by default, DOMAIN vocabulary)."""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import QCoreApplication

from models.domain.roles import Role
from models.domain.texts import reason_text, state_text
from models.domain.types import AgentState, AwayReason
from views.msg import tr_msg


def state(s: AgentState) -> str:
    # one list of the names, in models/domain/texts.py: the host's messages name
    # states and reasons with the same texts
    return tr_msg(state_text(s.value))


def reason(r: AwayReason) -> str:
    return tr_msg(reason_text(r.value))


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
