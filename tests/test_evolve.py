"""models/domain/evolve.py: ``dataclasses.replace``, faster, for the reducer (issue #20)."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from datetime import UTC, datetime

import pytest

from models.domain.evolve import evolve
from models.domain.floor import FloorState, initial_state
from models.domain.kpi import KpiCounts
from models.domain.types import AgentState, AgentStatus


def test_it_makes_what_replace_makes() -> None:
    s = initial_state()
    at = datetime(2026, 12, 7, 8, 0, tzinfo=UTC)
    got = evolve(s, at=at, last_event_id=7)
    assert got == dataclasses.replace(s, at=at, last_event_id=7)
    assert type(got) is FloorState and got is not s
    assert (s.at, s.last_event_id) == (None, 0)  # the old one is untouched
    k = evolve(KpiCounts(offered=2), offered=3, talk_s=1.5)
    assert k == KpiCounts(offered=3, talk_s=1.5)
    st = AgentStatus("A1", AgentState.READY)
    assert evolve(st, state=AgentState.TALKING) == dataclasses.replace(
        st, state=AgentState.TALKING)
    assert evolve(k) == k  # no change: an equal copy


def test_the_new_one_is_frozen_and_hashes_as_replace_s() -> None:
    k = evolve(KpiCounts(), offered=1)
    with pytest.raises(dataclasses.FrozenInstanceError):
        k.offered = 2  # type: ignore[misc]
    assert hash(k) == hash(dataclasses.replace(KpiCounts(), offered=1))


def test_an_unknown_field_is_refused_as_replace_refuses_it() -> None:
    with pytest.raises(TypeError, match="no field 'offerd'"):
        evolve(KpiCounts(), offerd=1)
    with pytest.raises(TypeError):
        dataclasses.replace(KpiCounts(), offerd=1)  # type: ignore[call-arg]


@dataclass(frozen=True, slots=True)
class Checked:
    n: int

    def __post_init__(self) -> None:
        if self.n < 0:
            raise ValueError("n must be >= 0")


@dataclass(frozen=True, slots=True)
class Derived:
    n: int
    twice: int = field(init=False, default=0)


@dataclass(frozen=True)
class Plain:
    n: int


def test_a_class_that_runs_code_on_construction_goes_to_replace() -> None:
    # __post_init__ runs (and refuses), init=False fields are set by __init__, a class
    # without slots would take a misspelt name as a new attribute: replace, as before
    with pytest.raises(ValueError, match="n must be"):
        evolve(Checked(1), n=-1)
    assert evolve(Derived(1), n=2) == Derived(2)
    with pytest.raises(TypeError):
        evolve(Plain(1), m=2)
    assert evolve(Plain(1), n=2) == Plain(2)
