"""Scenario files: a floor scripted exactly, for rule tests and leader training.

Format (JSON; see README "Scenario files")::

    {"start": "2026-03-02T08:00:00+08:00",
     "floor": {"groups": [...], "queues": [...], "agents": [...]},
     "policy": {... optional, same structure as the policy TOML ...},
     "events": [{"t": 0, "type": "agent_state", "agent": "1001", "state": "ready"}, ...],
     "until": 1800}

``t`` is seconds from ``start`` and never decreases; equal ``t`` apply in file
order; ``until`` is where the replay clock stops. A file is checked completely
before anything is written: the first problem is reported as
``events[i] (t=…): why`` and nothing is applied.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from models.domain import rules
from models.domain.floor import EVENT_TYPES, FloorState, IllegalEvent, apply, initial_state
from models.domain.floorsetup import NAME_MAX
from models.domain.policy import Policy, PolicyError, default_policy
from models.domain.textfile import TextFileError, decode_text
from models.domain.types import FloorEvent

#: event types a scenario may script (results of commands come from the adapter). A
#: scripted ``policy_applied`` carries only what changes (``{"policy":
#: {"away_limits_min": {"short_break": 8}}}``), merged onto the policy in force: a
#: trainer's "the center shortens breaks mid-shift" (issue #16, R-LIMIT-1)
SCENARIO_TYPES = EVENT_TYPES - {"floor_setup", "command_done", "command_failed"}


class ScenarioError(ValueError):
    pass


#: the longest scenario a file may script: a year of seconds; 1e12 overflowed the
#: clock with a traceback (issue #13)
MAX_T = 366 * 86_400
#: fields of an event that name something, and their longest length (the columns of
#: models/db/schema.py): a list or an object there is refused, not folded as "['a']"
_ID_FIELDS = {"agent": 40, "queue": 40, "group": 40, "call": 60, "ticket": 60}


def _id_problem(v: Any, longest: int) -> str | None:
    if isinstance(v, bool) or not isinstance(v, str | int):
        shown = repr(v) if len(repr(v)) <= 40 else type(v).__name__
        return f"must be an id (text), got {shown}"
    if not str(v).strip():
        return "must not be empty"
    if len(str(v)) > longest:
        return f"must be at most {longest} characters, got {len(str(v))}"
    return None


def _check_floor(floor: dict[str, Any]) -> None:
    for k in ("groups", "queues", "agents"):
        for i, x in enumerate(floor.get(k, [])):
            where = f"floor.{k}[{i}]"
            why = _id_problem(x["id"], 40)
            if why:
                raise ScenarioError(f"{where}.id: {why}")
            name = x.get("name")
            if name is not None and not isinstance(name, str):
                raise ScenarioError(f"{where}.name: must be text, got {type(name).__name__}")
            if isinstance(name, str) and len(name) > NAME_MAX:
                raise ScenarioError(f"{where}.name: must be at most {NAME_MAX} characters, "
                                    f"got {len(name)}")
            grp = x.get("group")
            if grp is not None and (why := _id_problem(grp, 40)):
                raise ScenarioError(f"{where}.group: {why}")


def _seconds(v: Any, what: str) -> float:
    if isinstance(v, bool) or not isinstance(v, int | float):
        raise ScenarioError(f"{what} must be a number of seconds, got {v!r}")
    if not math.isfinite(v) or not 0 <= v <= MAX_T:
        raise ScenarioError(f"{what} must be between 0 and {MAX_T} seconds (a year), "
                            f"got {v!r}")
    return float(v)


@dataclass(frozen=True)
class Scenario:
    start: datetime
    until: datetime
    events: tuple[FloorEvent, ...]  # floor_setup (and policy) first, then the script
    final: FloorState  # the floor at ``until``, as the reducer sees it
    policy: Policy


def load(path: str | Path) -> Scenario:
    p = Path(path)
    try:
        text = decode_text(p.read_bytes(), str(p))
    except OSError as e:
        raise ScenarioError(f"{p}: cannot read: {e.strerror}") from None
    except TextFileError as e:
        raise ScenarioError(e.msg) from None
    try:
        doc = json.loads(text)
    except json.JSONDecodeError as e:
        raise ScenarioError(f"{p}: not valid JSON at line {e.lineno} column {e.colno}: "
                            f"{e.msg}") from None
    try:
        return parse(doc)
    except ScenarioError as e:
        raise ScenarioError(f"{p}: {e}") from None


def parse(doc: Any, base_policy: Policy | None = None) -> Scenario:
    if not isinstance(doc, dict):
        raise ScenarioError("the file must hold one JSON object")
    for key in ("start", "floor", "events"):
        if key not in doc:
            raise ScenarioError(f"missing top-level key {key!r}")
    try:
        if not isinstance(doc["start"], str):
            raise ValueError
        start = datetime.fromisoformat(doc["start"])
    except ValueError:
        raise ScenarioError(f"start: not an ISO 8601 time: {doc['start']!r}") from None
    if start.tzinfo is None:
        raise ScenarioError("start: needs a UTC offset, e.g. 2026-03-02T08:00:00+08:00")
    start = start.astimezone(UTC)
    floor = doc["floor"]
    if not isinstance(floor, dict):
        raise ScenarioError("floor: must be an object with groups, queues and agents")
    for k in ("groups", "queues", "agents"):
        v = floor.get(k, [])
        if not isinstance(v, list) or not all(isinstance(x, dict) and "id" in x for x in v):
            raise ScenarioError(f"floor.{k}: must be a list of objects with an \"id\"")
    _check_floor(floor)

    policy = base_policy or default_policy()
    events: list[FloorEvent] = []
    if "policy" in doc:
        if not isinstance(doc["policy"], dict):
            raise ScenarioError("policy: must be an object")
        try:
            merged = _merge(policy.to_dict(), doc["policy"])
            policy = Policy.from_dict(merged)
        except PolicyError as e:
            raise ScenarioError(f"policy.{e.key}: {e.reason}") from None
        events.append(FloorEvent("policy_applied", start,
                                 {"version": 1, "policy": policy.to_dict(),
                                  "by": "scenario"}))
    events.append(FloorEvent("floor_setup", start, {
        "groups": floor.get("groups", []), "queues": floor.get("queues", []),
        "agents": floor.get("agents", [])}))

    raw = doc["events"]
    if not isinstance(raw, list):
        raise ScenarioError("events: must be a list")
    state = initial_state(policy)
    for setup in events:
        try:
            state = apply(state, setup)
        except IllegalEvent as err:
            raise ScenarioError(f"floor: {err}") from None
    last_t = 0.0
    for i, item in enumerate(raw):
        where = f"events[{i}]"
        if not isinstance(item, dict):
            raise ScenarioError(f"{where}: must be an object")
        t = item.get("t")
        if isinstance(t, bool) or not isinstance(t, int | float):
            raise ScenarioError(f"{where}: \"t\" must be a number of seconds, got {t!r}")
        if not math.isfinite(t) or t > MAX_T:
            raise ScenarioError(f"{where}: \"t\" must be between 0 and {MAX_T} seconds "
                                f"(a year), got {t!r}")
        where = f"{where} (t={t:g})"
        if t < 0:
            raise ScenarioError(f"{where}: t must not be negative")
        if t < last_t:
            raise ScenarioError(f"{where}: t goes back in time (previous event at t={last_t:g})")
        last_t = float(t)
        typ = item.get("type")
        if not isinstance(typ, str) or typ not in SCENARIO_TYPES:
            shown = repr(typ) if len(repr(typ)) <= 40 else type(typ).__name__
            raise ScenarioError(f"{where}: unknown event type {shown}")
        data = {k: v for k, v in item.items() if k not in ("t", "type")}
        if typ == "policy_applied":
            data = _scripted_policy(state, data, where)
        for k, longest in _ID_FIELDS.items():
            if k in data and data[k] is not None and (why := _id_problem(data[k], longest)):
                raise ScenarioError(f"{where}: {typ}: \"{k}\" {why}")
        ev = FloorEvent(str(typ), start + timedelta(seconds=float(t)), data)
        # the alert rules run on the scenario's clock, so a script may acknowledge
        # or resolve the alerts they raise (issue #4)
        state = rules.advance(state, ev.at)[0]
        try:
            state = apply(state, ev)
            state = rules.settle(state, ev.at)[0]
        except IllegalEvent as err:
            raise ScenarioError(f"{where}: {typ}: {err}") from None
        except (TypeError, ValueError, KeyError, AttributeError, OverflowError) as err:
            # a field of a shape the reducer does not expect (a list as a title, an
            # object as a reason): refused as the event's fault, in one line
            raise ScenarioError(f"{where}: {typ}: a field has the wrong kind of value "
                                f"({type(err).__name__}: {err})") from None
        events.append(ev)
    until_raw = _seconds(doc.get("until", last_t), "until:")
    if until_raw < last_t:
        raise ScenarioError(f"until ({until_raw:g}) is before the last event (t={last_t:g})")
    return Scenario(start=start, until=start + timedelta(seconds=float(until_raw)),
                    events=tuple(events), final=state, policy=policy)


def _scripted_policy(state: FloorState, data: dict[str, Any], where: str) -> dict[str, Any]:
    """A scripted policy change: its changes merged onto the policy in force, checked
    like a policy file (the key and the reason named), as the next version."""
    changes = data.get("policy")
    if not isinstance(changes, dict) or set(data) - {"policy", "by"}:
        raise ScenarioError(f"{where}: policy_applied: needs only \"policy\", an object "
                            "of the policy's keys that change")
    try:
        policy = Policy.from_dict(_merge(state.policy.to_dict(), changes))
    except PolicyError as e:
        raise ScenarioError(f"{where}: policy_applied: policy.{e.key}: {e.reason}") from None
    return {"version": state.policy_version + 1, "policy": policy.to_dict(),
            "by": str(data.get("by") or "scenario")}


def _merge(base: dict[str, Any], over: dict[str, Any]) -> dict[str, Any]:
    out = dict(base)
    for k, v in over.items():
        if isinstance(v, dict) and isinstance(out.get(k), dict):
            out[k] = _merge(out[k], v)
        else:
            out[k] = v
    return out
