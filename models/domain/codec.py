"""JSON form of events and of the whole floor state (checkpoints, ``snapshot --json``)."""

from __future__ import annotations

from dataclasses import fields, replace
from datetime import datetime
from enum import Enum
from typing import Any

import immutables

from models.domain.alerts import Alert, alert_from_event
from models.domain.announcements import Announcement
from models.domain.floor import FloorState, RosterDuty
from models.domain.kpi import KpiCounts
from models.domain.policy import Policy
from models.domain.types import (
    Agent,
    AgentState,
    AgentStatus,
    AwayReason,
    Call,
    CallState,
    FloorEvent,
    Group,
    OwnerBreach,
    Period,
    Queue,
    SupervisorMode,
    Ticket,
    TicketCategory,
    UnticketedCall,
)


def _dt(v: str | None) -> datetime | None:
    return None if v is None else datetime.fromisoformat(v)


def _plain(obj: Any) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for f in fields(obj):
        v = getattr(obj, f.name)
        if isinstance(v, datetime):
            v = v.isoformat()
        elif isinstance(v, Enum):
            v = v.value
        elif isinstance(v, tuple):
            v = [list(x) if isinstance(x, tuple) else
                 x.isoformat() if isinstance(x, datetime) else x for x in v]
        out[f.name] = v
    return out


_DT_FIELDS = {
    AgentStatus: ("since", "logged_in_at", "away_since"),
    Call: ("queued_at", "offered_at", "answered_at", "hold_since"),
    Ticket: ("created_at", "completed_at", "call_ended_at", "replied_at", "incomplete_since"),
    UnticketedCall: ("ended_at",), OwnerBreach: ("at",),
    Period: ("start", "end"),
}


def _load(cls: Any, d: dict[str, Any]) -> Any:
    d = dict(d)
    for k in _DT_FIELDS.get(cls, ()):
        d[k] = _dt(d.get(k))
    if cls is AgentStatus:
        d["state"] = AgentState(d["state"])
        d["reason"] = None if d.get("reason") is None else AwayReason(d["reason"])
        d["missed_rings"] = tuple(datetime.fromisoformat(t) for t in d.get("missed_rings", []))
    elif cls is Call:
        d["state"] = CallState(d["state"])
        d["supervisors"] = tuple((s, SupervisorMode(m)) for s, m in d.get("supervisors", []))
    elif cls is Ticket:
        d["category"] = TicketCategory(d["category"])
        if d.get("fields") is not None:  # R-TICKET-4 (issue #16): pairs, as stored
            d["fields"] = tuple((str(k), str(v)) for k, v in d["fields"])
    return cls(**d)


def state_to_dict(s: FloorState) -> dict[str, Any]:
    return {
        "v": 1,
        "at": None if s.at is None else s.at.isoformat(),
        "policy": s.policy.to_dict(),
        "policy_version": s.policy_version,
        "groups": [_plain(g) for g in s.groups.values()],
        "queues": [_plain(q) for q in s.queues.values()],
        "agents": [_plain(a) for a in s.agents.values()],
        "status": [_plain(x) for x in s.status.values()],
        "calls": [_plain(c) for c in s.calls.values()],
        "tickets": [_plain(t) for t in s.tickets.values()],
        "leaders_on_duty": sorted(s.leaders_on_duty),
        "leaders_since": _iso(s.leaders_since),
        "roster_leaders": sorted(s.roster_leaders),
        "policy_since": _iso(s.policy_since),
        "kpi": [[k[0], k[1], _plain(v)] for k, v in s.kpi.items()],
        "periods": [_plain(p) for p in s.periods.values()],
        # alerts: as the alert_raised event carried them, plus the acknowledgement
        "alerts": [_alert_dict(a) for a in s.alerts.values()],
        "resolved_alerts": [[k, t.isoformat()] for k, t in s.resolved_alerts.items()],
        "peak_waiting": s.peak_waiting,
        "peak_since": [[k, t.isoformat()] for k, t in s.peak_since.items()],
        "unstaffed_since": [[k, t.isoformat()] for k, t in s.unstaffed_since.items()],
        "shift_peak": [s.shift_peak_key, s.shift_peak,
                       None if s.shift_peak_at is None else s.shift_peak_at.isoformat()],
        "announcements": [_announcement_dict(a) for a in s.announcements.values()],
        "roster": None if s.roster is None else _roster_dict(s.roster),
        "telephony": {"down_since": _iso(s.telephony_down_since),
                      "source": s.telephony_source},
        "last_event_id": s.last_event_id,
        "arrivals": [[q, [t.isoformat() for t in times]] for q, times in s.arrivals.items()],
        "tickets_checks": _tickets_checks_dict(s),
    }


def state_from_dict(d: dict[str, Any]) -> FloorState:
    if d.get("v") != 1:
        raise ValueError(f"unsupported checkpoint format {d.get('v')!r}")
    s = _state_from_dict(d)
    if "peak_waiting" not in d:  # a checkpoint written before issue #4: count again
        s = replace(s, peak_waiting=sum(
            1 for c in s.calls.values() if c.state is CallState.WAITING
            and (not s.policy.peak_queues or c.queue in s.policy.peak_queues)))
    return s


def _state_from_dict(d: dict[str, Any]) -> FloorState:
    return FloorState(
        at=_dt(d["at"]),
        policy=Policy.from_dict(d["policy"]),
        policy_version=int(d["policy_version"]),
        groups=immutables.Map({g["id"]: Group(**g) for g in d["groups"]}),
        queues=immutables.Map({q["id"]: Queue(**q) for q in d["queues"]}),
        agents=immutables.Map({a["id"]: Agent(**a) for a in d["agents"]}),
        status=immutables.Map({x["agent"]: _load(AgentStatus, x) for x in d["status"]}),
        calls=immutables.Map({c["id"]: _load(Call, c) for c in d["calls"]}),
        tickets=immutables.Map({t["id"]: _load(Ticket, t) for t in d["tickets"]}),
        leaders_on_duty=frozenset(d["leaders_on_duty"]),
        leaders_since=_dt(d.get("leaders_since")),
        roster_leaders=frozenset(d.get("roster_leaders", [])),
        policy_since=_dt(d.get("policy_since")),
        kpi=immutables.Map({(k0, k1): KpiCounts(**v) for k0, k1, v in d["kpi"]}),
        periods=immutables.Map({p["kind"]: _load(Period, p) for p in d["periods"]}),
        alerts=immutables.Map({a["alert"]: _load_alert(a) for a in d.get("alerts", [])}),
        resolved_alerts=immutables.Map({k: datetime.fromisoformat(t)
                                        for k, t in d.get("resolved_alerts", [])}),
        peak_waiting=int(d.get("peak_waiting", 0)),
        peak_since=immutables.Map({int(k): datetime.fromisoformat(t)
                                   for k, t in d.get("peak_since", [])}),
        unstaffed_since=immutables.Map({str(k): datetime.fromisoformat(t)
                                        for k, t in d.get("unstaffed_since", [])}),
        # a checkpoint written before issue #12 starts the shift's peak afresh
        shift_peak_key=str(d.get("shift_peak", ["", 0, None])[0]),
        shift_peak=int(d.get("shift_peak", ["", 0, None])[1]),
        shift_peak_at=_dt(d.get("shift_peak", ["", 0, None])[2]),
        # a checkpoint written before announcements has none
        announcements=immutables.Map({a["id"]: _load_announcement(a)
                                      for a in d.get("announcements", [])}),
        roster=_load_roster(d.get("roster")),
        # a checkpoint written before issue #14 knows no telephony link: up
        telephony_down_since=_dt((d.get("telephony") or {}).get("down_since")),
        telephony_source=str((d.get("telephony") or {}).get("source") or ""),
        last_event_id=int(d["last_event_id"]),
        # a checkpoint written before issue #17 knows no recent arrivals: the forecast's
        # rate starts from the calls that come after it
        arrivals=immutables.Map({str(q): tuple(datetime.fromisoformat(t) for t in times)
                                 for q, times in d.get("arrivals", [])}),
        **_tickets_checks(d.get("tickets_checks") or {}),
    )


def _tickets_checks_dict(s: FloorState) -> dict[str, Any]:
    return {"unticketed": [_plain(u) for u in s.unticketed.values()],
            "owner_breaches": [_plain(b) for b in s.owner_breaches.values()]}


def _tickets_checks(d: dict[str, Any]) -> dict[str, Any]:
    """R-TICKET-1 / R-FIRST-1 (issue #16); a checkpoint written before has none."""
    return {"unticketed": immutables.Map({u["call"]: _load(UnticketedCall, u)
                                          for u in d.get("unticketed", [])}),
            "owner_breaches": immutables.Map({b["ticket"]: _load(OwnerBreach, b)
                                              for b in d.get("owner_breaches", [])})}


def _alert_dict(a: Alert) -> dict[str, Any]:
    return {"alert": a.id, "rule": a.rule, "subject": a.subject, "severity": a.severity.value,
            "raised_at": a.raised_at.isoformat(), "message": a.message, "agent": a.agent,
            "group": a.group, "queue": a.queue, "ticket": a.ticket,
            "auto_resolve": a.auto_resolve, "escalation_of": a.escalation_of,
            "detail": dict(a.detail),
            "acknowledged_at": None if a.acknowledged_at is None
            else a.acknowledged_at.isoformat(), "acknowledged_by": a.acknowledged_by}


def _load_alert(d: dict[str, Any]) -> Alert:
    return replace(alert_from_event(d), acknowledged_at=_dt(d.get("acknowledged_at")),
                   acknowledged_by=d.get("acknowledged_by"))


def _roster_dict(r: RosterDuty) -> dict[str, Any]:
    return {**r.as_event_data(), "published": _iso(r.published),
            "known": {a: t.isoformat() for a, t in sorted(r.known.items())}}


def _iso(t: datetime | None) -> str | None:
    return None if t is None else t.isoformat()


def _load_roster(d: dict[str, Any] | None) -> RosterDuty | None:
    if not d:
        return None
    return RosterDuty(str(d["shift"]), str(d["day"]), datetime.fromisoformat(d["start"]),
                      datetime.fromisoformat(d["end"]), frozenset(d.get("agents", [])),
                      frozenset(d.get("leaders", [])), _dt(d.get("published")),
                      {str(a): datetime.fromisoformat(t)
                       for a, t in (d.get("known") or {}).items()})


def _announcement_dict(a: Announcement) -> dict[str, Any]:
    return _plain(a)


def _load_announcement(d: dict[str, Any]) -> Announcement:
    """As stored: the rules were applied when it was published, not again here."""
    return Announcement(id=str(d["id"]), text=str(d["text"]), by=str(d["by"]),
                        by_name=str(d.get("by_name") or ""),
                        published_at=datetime.fromisoformat(d["published_at"]),
                        expires_at=datetime.fromisoformat(d["expires_at"]),
                        source=str(d.get("source") or "leader"))


def event_to_dict(e: FloorEvent) -> dict[str, Any]:
    return {"id": e.id, "at": e.at.isoformat(), "type": e.type, **dict(e.data)}
