"""Editing the floor setup: the reducer's ``replace_all`` (groups and queues that are
no longer listed go, unless still in use) and ``models.db.floor_admin`` (load,
save through the floor log, rights checked in the database), on SQLite and
PostgreSQL."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
import sqlalchemy as sa

from models.db import audit as auditlog
from models.db import engine as dbengine
from models.db import floor_admin, store
from models.db import operators as ops
from models.db.schema import FloorEventRow, RejectedEventRow
from models.domain.floor import FloorState, IllegalEvent, apply, initial_state
from models.domain.floorsetup import FloorSetup
from models.domain.policy import Policy
from models.domain.types import Agent, AgentState, FloorEvent, Group, Queue
from tests.zh import raises_zh

T0 = datetime(2026, 3, 2, 0, 0, tzinfo=UTC)  # 08:00 Asia/Shanghai

GROUPS = [{"id": "G1", "name": "一班"}, {"id": "G2", "name": "二班"}]
QUEUES = [{"id": "Q1", "name": "12345热线"}, {"id": "Q2", "name": "企业"}]
AGENTS = [{"id": "1001", "name": "张三", "group": "G1"},
          {"id": "1002", "name": "李四", "group": "G1"},
          {"id": "1003", "name": "王五", "group": "G2"}]


def ev(t: float, type_: str, **data: Any) -> FloorEvent:
    return FloorEvent(type_, T0 + timedelta(seconds=t), data)


def floor(*events: FloorEvent) -> FloorState:
    s = apply(initial_state(Policy()), ev(0, "floor_setup", groups=GROUPS, queues=QUEUES,
                                          agents=AGENTS))
    for e in events:
        s = apply(s, e)
    return s


def without(items: list[dict[str, str]], *ids: str) -> list[dict[str, str]]:
    return [i for i in items if i["id"] not in ids]


# ---- the reducer -------------------------------------------------------------------------


def test_replace_all_removes_an_empty_unlisted_group_and_an_idle_unlisted_queue() -> None:
    s = floor()
    s = apply(s, ev(1, "floor_setup", replace_all=True,
                    groups=[{"id": "G1", "name": "一班(新)"}], queues=without(QUEUES, "Q2"),
                    agents=without(AGENTS, "1003") + [{"id": "1004", "name": "赵六",
                                                        "group": "G1"}]))
    assert dict(s.groups) == {"G1": Group("G1", "一班(新)")}
    assert dict(s.queues) == {"Q1": Queue("Q1", "12345热线")}
    assert sorted(s.agents) == ["1001", "1002", "1004"] and "1003" not in s.status


def test_replace_all_refuses_to_remove_a_group_that_still_has_agents() -> None:
    s = floor()
    # G2 unlisted, but 1003 is still listed in it
    with pytest.raises(IllegalEvent, match=r"group 'G2' still has agent\(s\) 1003"):
        apply(s, ev(1, "floor_setup", replace_all=True, groups=without(GROUPS, "G2"),
                    queues=QUEUES, agents=AGENTS))
    # the same agent listed without a group keeps nobody in G2: it goes
    moved = without(AGENTS, "1003") + [{"id": "1003", "name": "王五", "group": "G1"}]
    s2 = apply(s, ev(1, "floor_setup", replace_all=True, groups=without(GROUPS, "G2"),
                     queues=QUEUES, agents=moved))
    assert sorted(s2.groups) == ["G1"] and s2.agents["1003"].group == "G1"


def test_replace_all_refuses_to_remove_a_queue_with_a_live_call_until_it_ends() -> None:
    s = floor(ev(1, "agent_state", agent="1001", state="ready"),
              ev(2, "call_queued", call="C1", queue="Q2"),
              ev(3, "call_queued", call="C2", queue="Q2"),
              ev(4, "call_answered", call="C1", agent="1001"))
    drop_q2 = ev(5, "floor_setup", replace_all=True, groups=GROUPS,
                 queues=without(QUEUES, "Q2"), agents=AGENTS)
    with pytest.raises(IllegalEvent, match=r"queue 'Q2' still has live call\(s\) C1, C2"):
        apply(s, drop_q2)  # one talking, one waiting: both count
    s = apply(s, ev(6, "call_ended", call="C1"))
    with pytest.raises(IllegalEvent, match=r"live call\(s\) C2$"):
        apply(s, drop_q2)
    s = apply(s, ev(7, "call_abandoned", call="C2"))
    s = apply(s, drop_q2)
    assert sorted(s.queues) == ["Q1"]


def test_replace_all_refuses_to_remove_a_logged_in_agent_plain_replace_keeps_him() -> None:
    s = floor(ev(1, "agent_state", agent="1002", state="ready"))
    listed = dict(groups=GROUPS, queues=QUEUES, agents=without(AGENTS, "1001", "1002"))
    with pytest.raises(IllegalEvent, match="still logged in: 1002$"):
        apply(s, ev(2, "floor_setup", replace_all=True, **listed))
    kept = apply(s, ev(2, "floor_setup", replace=True, **listed))
    assert sorted(kept.agents) == ["1002", "1003"]  # as before: kept until he logs out


def test_plain_replace_and_upsert_never_remove_groups_or_queues() -> None:
    """Events already in a log fold exactly as when they were written."""
    s = floor()
    s = apply(s, ev(1, "floor_setup", replace=True, groups=[], queues=[],
                    agents=[{"id": "1001", "name": "张三", "group": "G1"}]))
    assert sorted(s.groups) == ["G1", "G2"] and sorted(s.queues) == ["Q1", "Q2"]
    assert sorted(s.agents) == ["1001"]
    s = apply(s, ev(2, "floor_setup", groups=[{"id": "G3", "name": "三班"}]))
    assert sorted(s.groups) == ["G1", "G2", "G3"]


def test_a_refused_replace_all_names_every_group_and_queue_in_use() -> None:
    s = floor(ev(1, "call_queued", call="C9", queue="Q1"))
    with pytest.raises(IllegalEvent) as err:
        apply(s, ev(2, "floor_setup", replace_all=True, groups=[], queues=[], agents=[]))
    assert "queue 'Q1' still has live call(s) C9" in str(err.value)
    assert "queue 'Q2'" not in str(err.value)  # Q2 is idle: not a reason
    with pytest.raises(IllegalEvent, match="group 'G1' still has agent"):
        apply(s, ev(2, "floor_setup", replace_all=True, groups=[], queues=QUEUES,
                    agents=AGENTS))


# ---- models.db.floor_admin on both engines ------------------------------------------------------


@pytest.fixture
def eng(db_url: str) -> Iterator[sa.Engine]:
    e = dbengine.make_engine(db_url)
    w = store.FloorWriter(e, "test")
    w.append([ev(0, "floor_setup", groups=GROUPS, queues=QUEUES, agents=AGENTS),
              ev(1, "agent_state", agent="1001", state="ready")])
    with e.begin() as c:
        ops.create_operator(c, "A01", "管理员", "pw-secret-1", {"admin"}, by="test", now=T0)
        ops.create_operator(c, "L01", "值班长", "pw-secret-2", {"shift_leader"}, by="A01",
                            now=T0)
    yield e
    e.dispose()


def events(e: sa.Engine) -> int:
    with e.connect() as c:
        return int(c.execute(sa.select(sa.func.count()).select_from(FloorEventRow)).scalar_one())


def edited(base: FloorSetup, **changes: Any) -> FloorSetup:
    return FloorSetup(groups=list(changes.get("groups", base.groups)),
                      queues=list(changes.get("queues", base.queues)),
                      agents=list(changes.get("agents", base.agents)))


def test_load_then_save_changes_exactly_what_was_edited(eng: sa.Engine) -> None:
    base = floor_admin.load_setup(eng)
    assert [g.id for g in base.groups] == ["G1", "G2"]
    assert base.agents[0] == Agent("1001", "张三", "G1")
    new = edited(base, groups=[Group("G1", "一班"), Group("G2", "二班(夜)")],
                 queues=[Queue("Q1", "12345热线")],
                 agents=[Agent("1001", "张三", "G1"), Agent("1003", "王五", "G1"),
                         Agent("1004", "赵六", "G2")])
    res = floor_admin.save_setup(eng, "A01", new, T0 + timedelta(minutes=1), "IT-PC")
    assert res.event_id is not None
    c = res.changes
    assert (c.groups.renamed, c.queues.removed) == (("G2",), ("Q2",))
    assert (c.agents.added, c.agents.moved, c.agents.removed) == (("1004",), ("1003",),
                                                                  ("1002",))
    assert floor_admin.load_setup(eng) == new == res.setup
    with eng.connect() as conn:
        state = store.current_state(conn)
        rows = auditlog.query_audit(conn, action="floor_setup")
    assert state.status["1001"].state is AgentState.READY  # a kept agent keeps his state
    assert [(r.operator, r.workstation, r.detail["event_id"]) for r in rows][0] == (
        "A01", "IT-PC", res.event_id)
    # saving the same again appends nothing
    n = events(eng)
    assert floor_admin.save_setup(eng, "A01", new, T0 + timedelta(minutes=2)).event_id is None
    assert events(eng) == n


def test_refusals_are_in_one_language_and_write_nothing(eng: sa.Engine) -> None:
    base = floor_admin.load_setup(eng)
    n = events(eng)
    drop_1001 = edited(base, agents=[a for a in base.agents if a.id != "1001"])
    with raises_zh(floor_admin.SetupRefused, "^坐席 1001 张三 仍在签入状态，签出后才能删除$"):
        floor_admin.save_setup(eng, "A01", drop_1001, T0)
    with raises_zh(ops.NotAllowed, "^无权限：账号 L01（角色：值班长）不能修改坐席配置$"):
        floor_admin.save_setup(eng, "L01", edited(base, queues=base.queues[:1]), T0)
    with raises_zh(ops.NotAllowed, "不是已登记的账号"):
        floor_admin.save_setup(eng, "Z9", edited(base, queues=base.queues[:1]), T0)
    dup = edited(base, agents=[*base.agents, Agent("1002", "重复", "G1")])
    with pytest.raises(floor_admin.SetupRefused, match="duplicate agent id '1002'"):
        floor_admin.save_setup(eng, "A01", dup, T0)
    with eng.begin() as c:
        ops.create_operator(c, "A02", "管理员二", "pw-secret-3", {"admin"}, by="A01", now=T0)
        ops.set_disabled(c, "A02", True, by="A01", now=T0)
    with raises_zh(ops.NotAllowed, "账号 A02 已停用"):
        floor_admin.save_setup(eng, "A02", edited(base, queues=base.queues[:1]), T0)
    assert events(eng) == n and floor_admin.load_setup(eng) == base


def test_a_queue_with_a_live_call_cannot_be_removed(eng: sa.Engine) -> None:
    store.FloorWriter(eng, "test").append([ev(5, "call_queued", call="C1", queue="Q2")])
    base = floor_admin.load_setup(eng)
    with raises_zh(floor_admin.SetupRefused, "队列 Q2 有进行中的通话 C1"):
        floor_admin.save_setup(eng, "A01", edited(base, queues=base.queues[:1]), T0)


def test_the_right_is_checked_again_when_the_event_commits(eng: sa.Engine,
                                                           monkeypatch: pytest.MonkeyPatch
                                                           ) -> None:
    """Lost between the first check and the commit: the whole transaction rolls back."""
    base = floor_admin.load_setup(eng)
    real = floor_admin.require_editor
    calls = []

    def flaky(conn: sa.Connection, by: str) -> Any:
        calls.append(by)
        if len(calls) == 2:
            raise ops.NotAllowed("无权限 / revoked meanwhile")
        return real(conn, by)

    monkeypatch.setattr(floor_admin, "require_editor", flaky)
    n = events(eng)
    with pytest.raises(ops.NotAllowed, match="revoked meanwhile"):
        floor_admin.save_setup(eng, "A01", edited(base, queues=base.queues[:1]), T0)
    assert calls == ["A01", "A01"]
    assert events(eng) == n and floor_admin.load_setup(eng) == base
    with eng.connect() as c:
        assert [r.operator for r in auditlog.query_audit(c, action="floor_setup")] == ["test"]
        assert c.execute(sa.select(sa.func.count()).select_from(RejectedEventRow)
                         ).scalar_one() == 0
def test_removed_groups_and_queues_leave_the_setup_tables(eng: sa.Engine) -> None:
    base = floor_admin.load_setup(eng)
    floor_admin.save_setup(eng, "A01", edited(base, groups=base.groups[:1],
                                              queues=base.queues[:1],
                                              agents=[a for a in base.agents
                                                      if a.id != "1003"]), T0)
    with eng.connect() as c:
        assert c.execute(sa.text("SELECT id FROM agent_group")).scalars().all() == ["G1"]
        assert c.execute(sa.text("SELECT id FROM queue")).scalars().all() == ["Q1"]
        assert "Q2" not in c.execute(sa.text("SELECT queue_id FROM queue_current")
                                     ).scalars().all()
