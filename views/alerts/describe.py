"""What the console says about an alert (issue #4): its description, its subject,
the resolve dialog's title and question, the ticket it is about, the agent it names,
floor time, why it was escalated, and the order alerts are listed in.

Texts are made here, translated, from the rule id and the alert's ``detail``; the
domain's Chinese ``message`` stays for logs and webhooks (and is the fallback for a
rule this console does not know yet). The label texts the wall and the audit log
share (rule names, categories, a limit as words) are in :mod:`views.kit.texts`.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import Any

from PySide6.QtCore import QCoreApplication

from models.domain.alerts import SEVERITY_ORDER, Alert
from models.domain.floor import FloorState
from views.kit.texts import category_label, reason_label, rule_name, span

#: R-URGENT-1 and its escalation R-URGENT-2: the banner, the urgent tab, the tray
URGENT_RULES = frozenset({"R-URGENT-1", "R-URGENT-2"})
#: R-TICKET-3: complaint / help tickets waiting for the shift leader's review
REVIEW_RULE = "R-TICKET-3"


def note_title(a: Alert) -> str:
    """The resolve dialog's title: a complaint/help ticket is reviewed, not "resolved"
    (issue #12)."""
    if a.rule == REVIEW_RULE:
        return QCoreApplication.translate("Alerts", "Complaint/help ticket review")
    return QCoreApplication.translate("Alerts", "Resolve alert")


def ticket_request(a: Alert, state: FloorState | None) -> str:
    """The caller's request (诉求) of the alert's ticket: from the open ticket, or
    what the alert kept once the ticket was closed. The console only: never the wall."""
    if a.ticket is not None and state is not None:
        t = state.tickets.get(a.ticket)
        if t is not None and t.request:
            return t.request
    r = a.detail.get("request")
    return r if isinstance(r, str) else ""


def note_question(a: Alert, state: FloorState | None) -> str:
    """What the resolve dialog asks: the rule by its name (never its code), what it is
    about, for a ticket its content, then the question."""
    if a.rule == REVIEW_RULE:
        head = QCoreApplication.translate("Alerts", "{category} ticket {ticket}: {title}").format(
            category=category_label(a.detail.get("category")), ticket=a.ticket or "—",
            title=ticket_title(a, state))
    else:
        head = f"{rule_name(a.rule, a.detail)} · {subject_text(a, state)}"
    lines = [head]
    req = ticket_request(a, state) if a.ticket else ""
    if req:
        lines.append(QCoreApplication.translate("Alerts", "Caller's request: {request}").format(
            request=req))
    lines.append("")
    lines.append(QCoreApplication.translate("Alerts", "What did the review find, and what was "
                                                      "done? The note is kept with the ticket.")
                 if a.rule == REVIEW_RULE else
                 QCoreApplication.translate("Alerts", "What was done? The note is kept with "
                                                      "the alert."))
    return "\n".join(lines)



def _num(detail: Mapping[str, Any], key: str) -> float | None:
    v = detail.get(key)
    try:
        return None if v is None or isinstance(v, bool) else float(v)
    except (TypeError, ValueError):
        return None


def _when(raw: Any) -> datetime | None:
    try:
        t = datetime.fromisoformat(str(raw))
    except ValueError:
        return None
    return t if t.tzinfo is not None else None


def local_time(t: datetime | None, state: FloorState | None,
               now: datetime | None = None) -> str:
    """Floor time hh:mm:ss (with the date when it is not today's)."""
    if t is None:
        return "—"
    tz = state.policy.tz if state is not None else None
    lt = t.astimezone(tz)
    if now is not None and lt.date() != now.astimezone(tz).date():
        return lt.strftime("%m-%d %H:%M:%S")
    return lt.strftime("%H:%M:%S")


def agent_text(agent: str | None, state: FloorState | None) -> str:
    if agent is None:
        return ""
    ag = state.agents.get(agent) if state is not None else None
    return f"{agent} {ag.name}" if ag is not None else agent


def ticket_title(a: Alert, state: FloorState | None) -> str:
    """The ticket's title while it is open; after, what the alert carried."""
    if a.ticket is not None and state is not None:
        t = state.tickets.get(a.ticket)
        if t is not None and t.title:
            return t.title
    # the domain's message ends with the title after a full-width colon
    if ":" in a.message:
        return a.message.split(":", 1)[1]
    return a.ticket or a.subject


def subject_text(a: Alert, state: FloorState | None) -> str:
    kind = a.subject.split(":", 1)[0]
    if kind == "agent":
        return agent_text(a.agent or a.subject.split(":")[1], state)
    if kind == "group":
        gid = a.group or a.subject.split(":", 1)[1]
        g = state.groups.get(gid) if state is not None else None
        return g.name if g is not None else gid
    if kind == "ticket":
        return ticket_title(a, state)
    if kind in ("level", "floor"):
        return QCoreApplication.translate("Alerts", "Whole floor")
    if kind == "call":  # R-TICKET-1: the call's agent
        return agent_text(a.agent, state) if a.agent else a.subject.split(":", 1)[1]
    if kind == "queue":  # R-IDLE-1
        qid = a.subject.split(":", 1)[1]
        q = state.queues.get(qid) if state is not None else None
        return q.name if q is not None else qid
    if kind in ("month", "week"):  # R-ATT-6, R-REPORT-1
        return a.subject.split(":", 1)[1]
    return a.subject


def describe(a: Alert, state: FloorState | None, now: datetime | None = None) -> str:
    """The alert in words, translated, from its rule and detail."""
    d = a.detail
    limit = _num(d, "limit_s")
    since = local_time(_when(d.get("since")), state, now)
    lim = span(limit) if limit is not None else "—"
    r = a.rule
    if r == "R-BREAK-1" and d.get("stage") == "pre":
        return QCoreApplication.translate(
            "AlertRules", "On short break since {since}; the limit of {limit} is near").format(
                since=since, limit=lim)
    if r == "R-BREAK-1":
        return QCoreApplication.translate(
            "AlertRules", "On short break since {since}, over the limit of {limit}").format(
                since=since, limit=lim)
    if r == "R-AWAY-1":
        return QCoreApplication.translate(
            "AlertRules", "Away ({reason}) since {since}, over the limit of {limit}").format(
                reason=reason_label(d.get("reason")), since=since, limit=lim)
    if r == "R-HOLD-1":
        return QCoreApplication.translate(
            "AlertRules", "Caller on hold since {since}, over the limit of {limit}").format(
                since=since, limit=lim)
    if r == "R-RING-1":
        return QCoreApplication.translate(
            "AlertRules", "Ringing since {since}, not answered within {limit}").format(
                since=since, limit=lim)
    if r == "R-ACW-1":
        return QCoreApplication.translate(
            "AlertRules", "In after-call work since {since}, over the limit of {limit}").format(
                since=since, limit=lim)
    if r == "R-SEAT-1":
        login = _when(d.get("logged_in_at"))
        settle = state.policy.seat_settle_min * 60.0 if state is not None else 1800.0
        after = span((a.raised_at - login).total_seconds()) if login else "—"
        return QCoreApplication.translate(
            "AlertRules", "Went away ({reason}) {after} after logging in at {login}; nobody "
                          "leaves the seat within {settle} of logging in").format(
                reason=reason_label(d.get("reason")), after=after,
                login=local_time(login, state, now), settle=span(settle))
    if r == "R-BREAK-2":
        raw = d.get("on_break")
        names = [agent_text(str(x), state) for x in raw] if isinstance(raw, list) else []
        cap = _num(d, "max")
        return QCoreApplication.translate(
            "AlertRules", "{n} on short break at once, more than {max}: {agents}").format(
                n=len(names), max="—" if cap is None else int(cap),
                agents=QCoreApplication.translate("Alerts", ", ").join(names))
    if r == "R-PEAK-1" and d.get("kind") in ("break", "callback"):
        level = _num(d, "peak_level")
        text = (QCoreApplication.translate(
            "AlertRules", "Went on a short break at {since} while peak plan level {level} "
                          "suspends breaks") if d.get("kind") == "break" else
            QCoreApplication.translate(
            "AlertRules", "Went on a callback at {since} while peak plan level {level} "
                          "stops callbacks"))
        return text.format(since=local_time(a.raised_at, state, now),
                           level="—" if level is None else int(level))
    if r in ("R-PEAK-1", "R-PEAK-2"):
        thr, win = _num(d, "threshold"), _num(d, "window_min")
        args = {"threshold": "—" if thr is None else int(thr),
                "window": "—" if win is None else span(win * 60.0)}
        if r == "R-PEAK-1":
            return QCoreApplication.translate(
                "AlertRules", "At least {threshold} callers waiting for {window}: callbacks "
                              "stopped, short breaks suspended").format(**args)
        return QCoreApplication.translate(
            "AlertRules", "At least {threshold} callers waiting for {window}: all hands — "
                          "shift leaders and every agent take calls").format(**args)
    if r == "R-TICKET-3" and d.get("mixed"):
        return QCoreApplication.translate(
            "AlertRules", "{category} ticket between categories, reviewed as a complaint or "
                          "request for help: {title}").format(
                category=category_label(d.get("category")), title=ticket_title(a, state))
    if r == "R-TICKET-3":
        return QCoreApplication.translate(
            "AlertRules", "{category} ticket for the shift leader's review: {title}").format(
                category=category_label(d.get("category")), title=ticket_title(a, state))
    if r == "R-IDLE-1" and d.get("kind") == "unattended":
        missed = _num(d, "missed")
        return QCoreApplication.translate(
            "AlertRules", "{n} calls in a row rang unanswered while ready (the first at "
                          "{since}): the phone is left unattended").format(
                n="—" if missed is None else int(missed), since=since)
    if r == "R-IDLE-1":
        q = a.subject.removeprefix("queue:")
        queue = state.queues.get(q) if state is not None else None
        return QCoreApplication.translate(
            "AlertRules", "No agent ready or on a call for {queue} since {since}, longer "
                          "than {limit}: the 24-hour line must stay open").format(
                queue=queue.name if queue is not None else q, since=since, limit=lim)
    if r == "R-CONSULT-1":
        return QCoreApplication.translate(
            "AlertRules", "Consultation {ticket} promised a reply later: no reply {limit} "
                          "after {since}").format(
                ticket=a.ticket or "—", limit=lim, since=since)
    if r == "R-TICKET-1":
        return QCoreApplication.translate(
            "AlertRules", "A call that ended at {since} has no ticket after {limit}").format(
                since=since, limit=lim)
    if r == "R-TICKET-4":
        raw = d.get("missing")
        missing = [_fact_label(str(x)) for x in raw] if isinstance(raw, list) else []
        return QCoreApplication.translate(
            "AlertRules", "Ticket {ticket} lacks: {missing}").format(
                ticket=a.ticket or "—",
                missing=QCoreApplication.translate("Alerts", ", ").join(missing) or "—")
    if r == "R-FIRST-1":
        by, owner = agent_text(str(d.get("by") or ""), state), \
            agent_text(str(d.get("owner") or ""), state)
        return (QCoreApplication.translate(
            "AlertRules", "Ticket {ticket} completed by {by}, not by its first owner {owner}, "
                          "without a hand-on") if d.get("action") == "completed" else
            QCoreApplication.translate(
            "AlertRules", "Ticket {ticket} changed by {by}, not by its first owner {owner}, "
                          "without a hand-on")).format(ticket=a.ticket or "—", by=by,
                                                        owner=owner)
    if r == "R-PEAK-3":
        raw = d.get("on_callback")
        names = [agent_text(str(x), state) for x in raw] if isinstance(raw, list) else []
        cap = _num(d, "max")
        periods = d.get("periods")
        return QCoreApplication.translate(
            "AlertRules", "{n} on callbacks at once during the predictable peak {period}, "
                          "more than {max}: {agents}").format(
                n=len(names), max="—" if cap is None else int(cap),
                period="、".join(str(x) for x in periods) if isinstance(periods, list) else "",
                agents=QCoreApplication.translate("Alerts", ", ").join(names))
    if r == "R-ATT-6":
        return QCoreApplication.translate(
            "AlertRules", "The attendance summary of {month} is due on {due}: {n} person-days "
                          "of the register are not confirmed yet").format(
                month=str(d.get("month") or ""), due=str(d.get("due") or ""),
                n=d.get("unconfirmed", "—"))
    if r == "R-REPORT-1" and d.get("kind") == "training":
        return QCoreApplication.translate(
            "AlertRules", "The training plan of the week from {week} is due on {due}: "
                          "not entered yet").format(
                week=str(d.get("week") or ""), due=str(d.get("due") or ""))
    if r == "R-REPORT-1":
        return QCoreApplication.translate(
            "AlertRules", "The roster and per-slot staffing of {month} are due on {due}: "
                          "no roster entered yet").format(
                month=str(d.get("month") or ""), due=str(d.get("due") or ""))
    if r == "R-TICKET-5":
        mins = state.policy.ticket_complete_min * 60.0 if state is not None else 900.0
        return QCoreApplication.translate(
            "AlertRules", "Ticket {ticket} not completed {limit} after its call ended at "
                          "{ended}").format(ticket=a.ticket or "—", limit=span(mins),
                                            ended=local_time(_when(d.get("call_ended_at")),
                                                             state, now))
    if r == "R-URGENT-1":
        return QCoreApplication.translate(
            "AlertRules", "Urgent ticket, to the shift leader at once: {title}").format(
                title=ticket_title(a, state))
    if r == "R-URGENT-2":
        return QCoreApplication.translate(
            "AlertRules", "Escalated to the director and the unit heads ({why}): {title}").format(
                why=escalation_reason(a, state), title=ticket_title(a, state))
    return a.message


def _fact_label(code: str) -> str:
    """A key fact of a ticket (R-TICKET-4) by its name."""
    return {"time": QCoreApplication.translate("AlertRules", "time"),
            "place": QCoreApplication.translate("AlertRules", "place"),
            "course": QCoreApplication.translate("AlertRules", "course of events"),
            "request": QCoreApplication.translate("AlertRules", "caller's request"),
            "title_place": QCoreApplication.translate("AlertRules", "the place in the title"),
            "title_summary": QCoreApplication.translate("AlertRules",
                                                        "a summary in the title"),
            }.get(code, code)


def escalation_reason(a: Alert, state: FloorState | None) -> str:
    if a.detail.get("why") == "no_leader":
        return QCoreApplication.translate("AlertRules", "no shift leader on duty")
    wait = state.policy.urgent_ack_s if state is not None else 60.0
    return QCoreApplication.translate("AlertRules", "not acknowledged within {wait}").format(
        wait=span(wait))


def sort_key(a: Alert) -> tuple[int, datetime, str]:
    """Most severe first; within a severity the oldest (longest waiting) first."""
    return (SEVERITY_ORDER.get(a.severity, 9), a.raised_at, a.id)


