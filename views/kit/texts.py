"""The label texts several screens show the same way (issue #15 step 3): an alert's
severity, a rule's short name, a ticket's category, how and whether a notification
went out, a limit as words and an away reason.

The console's alerts panel, the audit log and the wall all name a rule by these
texts, so the wall needs nothing of the console's alerts package. Each keeps the
translation context it had ("Alerts", "AlertRules"): moving them changed no
translation.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from PySide6.QtCore import QCoreApplication

from models.domain.alerts import Severity
from models.domain.roles import Role
from models.domain.texts import reason_text, state_text
from models.domain.types import AgentState, AwayReason, TicketCategory
from views.msg import tr_msg


def severity_label(s: Severity) -> str:
    return {Severity.CRITICAL: QCoreApplication.translate("Alerts", "Critical"),
            Severity.WARNING: QCoreApplication.translate("Alerts", "Warning"),
            Severity.INFO: QCoreApplication.translate("Alerts", "Info")}.get(s, str(s))


def rule_name(rule: str, detail: Mapping[str, Any] | None = None) -> str:
    """The rule's short name (DOMAIN's vocabulary), e.g. R-BREAK-1 小休超时; the rule id
    itself for a rule this program does not know yet."""
    if rule == "R-BREAK-1" and (detail or {}).get("stage") == "pre":
        return QCoreApplication.translate("AlertRules", "Short break pre-warning")
    if rule == "R-LOGIN-1" and (detail or {}).get("kind") == "unrostered":
        return QCoreApplication.translate("AlertRules", "Logged in, not rostered")
    kind = (detail or {}).get("kind")
    if rule == "R-PEAK-1" and kind == "break":
        return QCoreApplication.translate("AlertRules", "Short break during the peak plan")
    if rule == "R-PEAK-1" and kind == "callback":
        return QCoreApplication.translate("AlertRules", "Callback during the peak plan")
    if rule == "R-REPORT-1" and kind == "training":
        return QCoreApplication.translate("AlertRules", "Next week's training plan due")
    if rule == "R-IDLE-1" and kind == "unattended":
        return QCoreApplication.translate("AlertRules", "Phone left ringing unanswered")
    names = {
        "R-BREAK-1": QCoreApplication.translate("AlertRules", "Short break over limit"),
        "R-BREAK-2": QCoreApplication.translate("AlertRules", "Too many on short break"),
        "R-AWAY-1": QCoreApplication.translate("AlertRules", "Away too long"),
        "R-HOLD-1": QCoreApplication.translate("AlertRules", "Hold too long"),
        "R-RING-1": QCoreApplication.translate("AlertRules", "Ringing too long"),
        "R-ACW-1": QCoreApplication.translate("AlertRules", "After-call work too long"),
        "R-SEAT-1": QCoreApplication.translate("AlertRules", "Left seat soon after login"),
        "R-PEAK-1": QCoreApplication.translate("AlertRules", "Peak plan level 1"),
        "R-PEAK-2": QCoreApplication.translate("AlertRules", "Peak plan level 2"),
        "R-TICKET-3": QCoreApplication.translate("AlertRules", "Ticket for review"),
        "R-TICKET-5": QCoreApplication.translate("AlertRules", "Ticket not completed"),
        "R-URGENT-1": QCoreApplication.translate("AlertRules", "Urgent ticket"),
        "R-URGENT-2": QCoreApplication.translate("AlertRules", "Urgent ticket escalated"),
        "R-LOGIN-1": QCoreApplication.translate("AlertRules", "Rostered, not logged in"),
        "R-MEET-1": QCoreApplication.translate("AlertRules", "Morning meeting"),
        "R-IDLE-1": QCoreApplication.translate("AlertRules", "24-hour line unstaffed"),
        "R-CONSULT-1": QCoreApplication.translate("AlertRules", "Delayed reply overdue"),
        "R-TICKET-1": QCoreApplication.translate("AlertRules", "Call without a ticket"),
        "R-TICKET-4": QCoreApplication.translate("AlertRules", "Ticket key facts missing"),
        "R-FIRST-1": QCoreApplication.translate("AlertRules", "Ticket changed hands unannounced"),
        "R-PEAK-3": QCoreApplication.translate("AlertRules", "Too many on callbacks in a peak"),
        "R-ATT-6": QCoreApplication.translate("AlertRules", "Monthly attendance summary due"),
        "R-REPORT-1": QCoreApplication.translate("AlertRules", "Next month's roster due"),
    }
    return names.get(rule, rule)


def rule_label(rule: str, detail: Mapping[str, Any] | None = None) -> str:
    """The rule id and its short name ("R-BREAK-1 Short break over limit"); the id
    alone when the rule has no name here."""
    name = rule_name(rule, detail)
    return rule if name == rule else f"{rule} {name}"


def span(seconds: float) -> str:
    """A limit as words: 10 分钟, 30 秒, 1 分 30 秒."""
    m, s = divmod(int(round(max(0.0, seconds))), 60)
    if m and not s:
        return QCoreApplication.translate("Alerts", "{m} min").format(m=m)
    if m:
        return QCoreApplication.translate("Alerts", "{m} min {s} s").format(m=m, s=s)
    return QCoreApplication.translate("Alerts", "{s} s").format(s=s)


def category_label(raw: Any) -> str:
    """A ticket's category (投诉, 求助…) from its stored value; the value as it is when
    unknown."""
    return {TicketCategory.COMPLAINT.value: QCoreApplication.translate("Alerts", "Complaint"),
            TicketCategory.HELP.value: QCoreApplication.translate("Alerts", "Request for help"),
            TicketCategory.CONSULT.value: QCoreApplication.translate("Alerts", "Consultation"),
            TicketCategory.SUGGEST.value: QCoreApplication.translate("Alerts", "Suggestion"),
            }.get(str(raw), str(raw or ""))


def channel_label(channel: str) -> str:
    """How an escalation reached someone (R-URGENT-2), or a handling step."""
    return {"console": QCoreApplication.translate("Alerts", "Console"),
            "phone": QCoreApplication.translate("Alerts", "Phone"),
            "webhook": QCoreApplication.translate("Alerts", "Group robot"),
            "none": QCoreApplication.translate("Alerts", "Nobody reachable"),
            "step": QCoreApplication.translate("Alerts", "Handling step"),
            }.get(channel, channel)


def status_label(status: str) -> str:
    """Where a notification is: pending, sent, failed; a handling step is recorded."""
    return {"pending": QCoreApplication.translate("Alerts", "Pending"),
            "sent": QCoreApplication.translate("Alerts", "Sent"),
            "failed": QCoreApplication.translate("Alerts", "Failed"),
            "recorded": QCoreApplication.translate("Alerts", "Recorded"),
            }.get(status, status)


def reason_label(raw: Any) -> str:
    """An away reason (小休, 用餐…) from its stored value; the value as it is when
    unknown."""
    try:
        return away_name(AwayReason(str(raw)))
    except ValueError:
        return str(raw or "")


# ---- floor states, away reasons and roles (DOMAIN vocabulary) ---------------------------


def state_name(s: AgentState) -> str:
    # one list of the names, in models/domain/texts.py: the host's messages name
    # states and reasons with the same texts
    return tr_msg(state_text(s.value))


def away_name(r: AwayReason) -> str:
    return tr_msg(reason_text(r.value))


def role_name(r: Role) -> str:
    return {Role.SHIFT_LEADER: QCoreApplication.translate("Roles", "Shift leader"),
            Role.DEPARTMENT_HEAD: QCoreApplication.translate("Roles", "Department head"),
            Role.DIRECTOR: QCoreApplication.translate("Roles", "Director"),
            Role.WALLBOARD: QCoreApplication.translate("Roles", "Wallboard viewer"),
            Role.ADMIN: QCoreApplication.translate("Roles", "Administrator")}[r]


def role_names(rs: Iterable[Role]) -> str:
    """Roles in the order of :class:`Role` (most used first), translated, "、"-joined
    in Chinese."""
    have = set(rs)
    sep = QCoreApplication.translate("Roles", ", ")
    return sep.join(role_name(r) for r in Role if r in have) or "—"
