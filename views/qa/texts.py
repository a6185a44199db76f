"""The words the quality screens share (issue #18): the run rules, periods, numbers."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QCoreApplication

from models.domain.qa_chart import RULES
from views.msg import tr_msg


def rule_text(rule: int) -> str:
    """规则 1：1 个点超出 3σ (the engine's words for a Western Electric rule)."""
    return QCoreApplication.translate("Qa", "rule {rule}: {text}").format(
        rule=rule, text=tr_msg(RULES[rule]))


def per_name(per: str) -> str:
    return {"day": QCoreApplication.translate("Qa", "By day"),
            "week": QCoreApplication.translate("Qa", "By week")}.get(per, per)


def side_name(side: int) -> str:
    return (QCoreApplication.translate("Qa", "above") if side > 0
            else QCoreApplication.translate("Qa", "below"))


def score(x: float) -> str:
    """A score or a mean as the terminal prints it (82.00)."""
    return f"{x:.2f}"


def period_text(start: date, per: str) -> str:
    """A point's period: 2026-11-23, or the week of Monday 2026-11-23."""
    if per == "week":
        return QCoreApplication.translate("Qa", "week of {monday}").format(
            monday=start.isoformat())
    return start.isoformat()
