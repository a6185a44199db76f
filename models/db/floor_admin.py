"""The floor-setup editor's database side: read the floor as it is, save an edited one.

Saving appends ONE ``floor_setup`` event through a :class:`~models.db.store.FloorWriter`,
the same path as ``seatwatch floor import``, so the reducer decides what is
possible, and the projection and the audit row (under ``by``) commit with it in
one transaction. The event carries ``replace_all``: the edited lists are the whole
floor, so what the editor removed is removed — or the whole event is refused.

The operator's right is read from the database inside that transaction, never
taken from the caller, so a console whose operator lost the right (or a forged
request) changes nothing. Refusals are :class:`SetupRefused` or
:class:`~models.db.operators.NotAllowed`, with a bilingual message for the person
at the screen, like those of :mod:`models.db.operators`.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, Engine

from models.db import store
from models.db.operators import NotAllowed, require
from models.domain import floorsetup
from models.domain.floor import FloorState, IllegalEvent, apply
from models.domain.floorsetup import FloorSetup, RowError
from models.domain.roles import Operator, Right
from models.domain.texts import QT_TRANSLATE_NOOP, Msg, message_of
from models.domain.types import AgentState, FloorEvent

log = logging.getLogger(__name__)

SOURCE = "console:floor-setup"
NAME_MAX = 100  # the name columns of the floor-setup tables


class SetupRefused(ValueError):
    """The edited floor cannot be saved as it is; the message says why (bilingual)."""


#: everything :func:`save_setup` refuses with a message meant for the person
REFUSALS: tuple[type[Exception], ...] = (SetupRefused, NotAllowed)


@dataclass(frozen=True, slots=True)
class KindChanges:
    """Ids added, renamed, moved to another group (agents only) and removed."""

    added: tuple[str, ...] = ()
    renamed: tuple[str, ...] = ()
    moved: tuple[str, ...] = ()
    removed: tuple[str, ...] = ()

    @property
    def empty(self) -> bool:
        return not (self.added or self.renamed or self.moved or self.removed)


@dataclass(frozen=True, slots=True)
class SetupChanges:
    groups: KindChanges = field(default_factory=KindChanges)
    queues: KindChanges = field(default_factory=KindChanges)
    agents: KindChanges = field(default_factory=KindChanges)

    @property
    def empty(self) -> bool:
        return self.groups.empty and self.queues.empty and self.agents.empty

    def __str__(self) -> str:
        """One line for the log: ``groups +1 ~0 -0; queues …; agents +1 ~0 >0 -1``."""
        parts = []
        for kind in ("groups", "queues", "agents"):
            c: KindChanges = getattr(self, kind)
            moved = f" >{len(c.moved)}" if kind == "agents" else ""
            parts.append(f"{kind} +{len(c.added)} ~{len(c.renamed)}{moved} -{len(c.removed)}")
        return "; ".join(parts)


@dataclass(frozen=True, slots=True)
class SaveResult:
    #: id of the ``floor_setup`` event; None when there was nothing to change
    event_id: int | None
    #: the floor as it is after the save (read back from the reducer's state)
    setup: FloorSetup
    changes: SetupChanges


# ---- reading -----------------------------------------------------------------------------


def setup_of(state: FloorState) -> FloorSetup:
    """The floor setup a state holds, each list in id order."""
    return FloorSetup(groups=[state.groups[k] for k in sorted(state.groups)],
                      queues=[state.queues[k] for k in sorted(state.queues)],
                      agents=[state.agents[k] for k in sorted(state.agents)])


def load_setup(engine: Engine) -> FloorSetup:
    """The floor's current groups, queues and agents (the log folded to its end)."""
    with engine.connect() as conn:
        return setup_of(store.current_state(conn))


def diff(old: FloorSetup, new: FloorSetup) -> SetupChanges:
    def kind(a: dict[str, Any], b: dict[str, Any], grouped: bool) -> KindChanges:
        both = sorted(set(a) & set(b))
        return KindChanges(
            added=tuple(sorted(set(b) - set(a))),
            renamed=tuple(k for k in both if a[k].name != b[k].name),
            moved=tuple(k for k in both if grouped and a[k].group != b[k].group),
            removed=tuple(sorted(set(a) - set(b))))

    return SetupChanges(
        groups=kind({g.id: g for g in old.groups}, {g.id: g for g in new.groups}, False),
        queues=kind({q.id: q for q in old.queues}, {q.id: q for q in new.queues}, False),
        agents=kind({a.id: a for a in old.agents}, {a.id: a for a in new.agents}, True))


def check_setup(setup: FloorSetup) -> list[RowError]:
    """The rules of a floor file (ids, names, duplicates, known groups), applied to
    an edited floor by reading it back as a floor file: one set of rules."""
    errors = floorsetup.parse_json(json.dumps(setup.as_event_data(),
                                              ensure_ascii=False)).errors
    names: dict[str, list[str]] = {"groups": [g.name for g in setup.groups],
                                   "queues": [q.name for q in setup.queues],
                                   "agents": [a.name for a in setup.agents]}
    for key, items in names.items():
        errors += [RowError(f"{key}[{i}]", f"name longer than {NAME_MAX} characters")
                   for i, name in enumerate(items) if len(name.strip()) > NAME_MAX]
    return errors


# ---- saving ------------------------------------------------------------------------------


def require_editor(conn: Connection, by: str) -> Operator:
    """``by`` must be an enabled operator on record with EDIT_FLOOR_SETUP."""
    return require(conn, by, Right.EDIT_FLOOR_SETUP)


def _refusal(state: FloorState, setup: FloorSetup) -> Msg | None:
    """Why the floor cannot become ``setup`` now, or None."""
    agents = {a.id for a in setup.agents}
    busy = [a for a in sorted(state.agents) if a not in agents
            and state.status[a].state is not AgentState.LOGGED_OUT]
    if busy:
        who = [f"{a} {state.agents[a].name}" for a in busy]
        return QT_TRANSLATE_NOOP("FloorAdmin", "Agent(s) {agents} still signed in: remove them after they "
                                               "sign out").format(agents=", ".join(who))
    groups = {g.id for g in setup.groups}
    for g in sorted(set(state.groups) - groups):
        members = sorted(a.id for a in setup.agents if a.group == g)
        if members:
            return QT_TRANSLATE_NOOP("FloorAdmin", "Group {group} still has agent(s) {agents} and cannot "
                                                   "be removed").format(
                group=g, agents=", ".join(members))
    queues = {q.id for q in setup.queues}
    for q in sorted(set(state.queues) - queues):
        live = sorted(c.id for c in state.calls.values() if c.queue == q)
        if live:
            return QT_TRANSLATE_NOOP("FloorAdmin", "Queue {queue} has live call(s) {calls} and cannot be "
                                                   "removed").format(
                queue=q, calls=", ".join(live))
    return None


def save_setup(engine: Engine, by: str, setup: FloorSetup, now: datetime,
               workstation: str = "") -> SaveResult:
    """Make the floor exactly ``setup``: one ``floor_setup`` event with ``replace_all``.

    Refused (:data:`REFUSALS`, nothing written) unless ``by`` may edit the floor
    setup, the setup passes the floor-file rules, and nothing it removes is in use:
    a logged-in agent, a group that keeps agents, a queue with a live call.
    """
    errors = check_setup(setup)
    if errors:
        raise SetupRefused(QT_TRANSLATE_NOOP("FloorAdmin", "The floor setup has errors and was not saved: "
                                                "{errors}").format(
            errors="; ".join(str(e) for e in errors[:5])
            + (f" (+{len(errors) - 5})" if len(errors) > 5 else "")))
    with engine.connect() as conn:
        require_editor(conn, by)  # before anything about the floor is read or told
    writer = store.FloorWriter(engine, source=SOURCE)
    before = writer.current()
    why = _refusal(before, setup)
    if why:
        raise SetupRefused(why)
    changes = diff(setup_of(before), setup)
    if changes.empty:
        return SaveResult(None, setup_of(before), changes)
    data: dict[str, Any] = {**setup.as_event_data(), "replace": True, "replace_all": True,
                            "by": by, "workstation": workstation}
    event = FloorEvent("floor_setup", now, data)
    try:
        apply(before, event)  # the reducer's own word, before taking the floor lock
    except IllegalEvent as err:
        raise SetupRefused(QT_TRANSLATE_NOOP("FloorAdmin", "The floor setup was not saved: {why}").format(
            why=message_of(err) or str(err))) from None

    def recheck(conn: Connection, _state: FloorState, _accepted: Sequence[FloorEvent]) -> None:
        # the right as it stands when the event commits; raising rolls it all back
        require_editor(conn, by)

    res = writer.append([event], extra=recheck)
    if res.rejected:  # the floor changed meanwhile (an agent logged in, a call came)
        raise SetupRefused(QT_TRANSLATE_NOOP("FloorAdmin", "The floor setup was not saved: {why}").format(
            why=res.rejected[0].reason))
    event_id = res.accepted[0].id
    log.info("floor setup saved by %s at %r as event %s: %s", by, workstation, event_id,
             changes)
    return SaveResult(event_id, setup_of(res.state), changes)
