"""Announcements for the wall display's ticker (发布公告): the reducer, the database
layer on SQLite and PostgreSQL (rights, audit, the feed's view of the floor), and
the console's dialog — what a shift leader types, chooses and sees."""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
import shiboken6
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot
from sqlalchemy import Engine

from models.db import announcements_db, store
from models.db import engine as dbengine
from models.db import operators as opsdb
from models.db.audit import query_audit
from models.domain import codec, history
from models.domain.announcements import MAX_TEXT, Announcement, active, validate
from models.domain.floor import FloorState, IllegalEvent, apply, apply_all, initial_state
from models.domain.policy import Policy
from models.domain.roles import Operator, Right, Role, may
from models.domain.types import FloorEvent
from models.domain.wallboard import ticker_items
from models.sim import scenario
from tests.answers import Answerable
from tests.helpers import Clock, seed_operators
from views.announcements_view import (
    COL_BY,
    COL_EXPIRES,
    COL_PUBLISHED,
    COL_TEXT,
    AnnouncementsDialog,
    AnnouncementTableModel,
)
from views.main_window import MainWindow, Snapshot
from views.theme import LIGHT

T0 = datetime(2026, 3, 2, 1, 0, tzinfo=UTC)  # 09:00 Asia/Shanghai, in the day shift


def at(minutes: float) -> datetime:
    return T0 + timedelta(minutes=minutes)


def published(minute: float, aid: str, text: str = "下午三点系统升级", *,
              until: float = 60, by: str = "L01", by_name: str = "张班长",
              **extra: Any) -> FloorEvent:
    data: dict[str, Any] = {"announcement": aid, "text": text, "by": by, "by_name": by_name,
                            "expires_at": at(until).isoformat(), "source": "leader", **extra}
    return FloorEvent("announcement_published", at(minute), data)


def withdrawn(minute: float, aid: str, by: str = "L01") -> FloorEvent:
    return FloorEvent("announcement_withdrawn", at(minute), {"announcement": aid, "by": by})


# ---- the reducer ---------------------------------------------------------------------


def test_publish_puts_it_on_the_ticker_until_it_expires() -> None:
    s = apply(initial_state(), published(0, "a1", "  15:00 系统升级\n请先手写工单  ", until=30))
    a = s.announcements["a1"]
    assert a == Announcement(id="a1", text="15:00 系统升级 请先手写工单", by="L01",
                             by_name="张班长", published_at=T0, expires_at=at(30))
    assert a.published_at.tzinfo is UTC and a.expires_at.tzinfo is UTC
    assert [x.id for x in active(s.announcements.values(), at(29.9))] == ["a1"]
    # expired: it leaves the ticker by itself, without an event
    assert active(s.announcements.values(), at(30)) == []
    assert not a.live(at(30)) and not a.live(at(-1))


def test_withdraw_takes_it_off_and_unknown_or_expired_ids_are_illegal() -> None:
    s = apply_all(initial_state(), [published(0, "a1"), published(1, "a2", until=10)])
    s2 = apply(s, withdrawn(5, "a1", by="D01"))
    assert list(s2.announcements) == ["a2"]
    with pytest.raises(IllegalEvent, match="'a1' is not published"):
        apply(s2, withdrawn(6, "a1"))  # twice
    with pytest.raises(IllegalEvent, match="not published"):
        apply(s2, withdrawn(6, "nope"))
    with pytest.raises(IllegalEvent, match="expired"):
        apply(s2, withdrawn(11, "a2"))
    with pytest.raises(IllegalEvent, match="needs field 'by'"):
        apply(s, FloorEvent("announcement_withdrawn", at(6), {"announcement": "a1"}))


def test_publishing_an_existing_id_is_illegal() -> None:
    s = apply(initial_state(), published(0, "a1"))
    with pytest.raises(IllegalEvent, match="published already"):
        apply(s, published(1, "a1", "另一条"))


@pytest.mark.parametrize("change,reason", [
    ({"text": ""}, "Field text is missing"),
    ({"text": " \n\t "}, "needs a text"),
    ({"text": "字" * (MAX_TEXT + 1)}, "at most 200 characters"),
    ({"text": "响铃\x07提醒"}, "control character U+0007"),
    ({"text": "\u202e反向文字"}, "control character U+202E"),
    ({"text": 42}, "text must be a string"),
    ({"announcement": None}, "Field announcement is missing"),
    ({"by": ""}, "Field by is missing"),
    ({"expires_at": "明天"}, "not an ISO time"),
    ({"expires_at": "2026-03-02T10:00:00"}, "expires_at needs a time zone"),
    ({"expires_at": at(0).isoformat()}, "must be after the time of publishing"),
    ({"expires_at": at(-5).isoformat()}, "must be after the time of publishing"),
    ({"expires_at": (T0 + timedelta(days=7, seconds=1)).isoformat()}, "at most 7 days"),
    ({"source": "robot"}, "Unknown announcement source 'robot'"),
], ids=["no-text", "blank", "too-long", "bell", "bidi", "number", "no-id", "no-by",
        "bad-time", "naive", "at-once", "past", "8-days", "source"])
def test_bad_fields_are_illegal_with_the_reason(change: dict[str, Any], reason: str) -> None:
    e = published(0, "a1")
    bad = FloorEvent(e.type, e.at, {**e.data, **change})
    s = initial_state()
    with pytest.raises(IllegalEvent, match=re.escape(reason)):
        apply(s, bad)


def test_exactly_the_limits_are_allowed() -> None:
    e = published(0, "a1", "字" * MAX_TEXT, until=7 * 24 * 60, source="meeting")
    a = apply(initial_state(), e).announcements["a1"]
    assert len(a.text) == MAX_TEXT and a.source == "meeting"


def test_each_publish_drops_the_expired_so_the_state_stays_small() -> None:
    s = apply_all(initial_state(), [published(0, "old", until=30), published(5, "long",
                                                                              until=240)])
    assert set(s.announcements) == {"old", "long"}  # "old" expired at 30, nothing came yet
    s = apply(s, published(60, "new", until=90))
    assert set(s.announcements) == {"long", "new"}
    assert [a.id for a in active(s.announcements.values(), at(61))] == ["long", "new"]
    # a floor that runs for months: one live announcement at a time, never a pile-up
    for day in range(1, 120):
        s = apply(s, published(day * 1440, f"d{day}", until=day * 1440 + 60))
    assert list(s.announcements) == ["d119"]


def test_announcement_events_touch_no_agent_and_leave_no_history_rows() -> None:
    s0 = apply(initial_state(), FloorEvent("floor_setup", T0, {
        "agents": [{"id": "1001", "name": "张三"}]}))
    for e in (published(1, "a1"), withdrawn(2, "a1")):
        s1 = apply(s0, e)
        assert history.touched_agents(s0, e) == []
        assert history.facts(s0, e, s1) == []
        assert s1.kpi == s0.kpi and s1.status == s0.status
        s0 = s1


def test_codec_round_trip_and_old_checkpoints() -> None:
    s = apply_all(initial_state(Policy()), [published(0, "a1"),
                                            published(1, "a2", "早会通知", by="D01",
                                                      by_name="李主任", source="meeting")])
    doc = json.loads(json.dumps(codec.state_to_dict(s), ensure_ascii=False))
    back = codec.state_from_dict(doc)
    assert back.announcements == s.announcements
    assert back.announcements["a2"].source == "meeting"
    del doc["announcements"]  # a checkpoint written before announcements existed
    assert not codec.state_from_dict(doc).announcements


def test_a_training_scenario_may_script_an_announcement() -> None:
    sc = scenario.parse({
        "start": "2026-03-02T09:00:00+08:00", "floor": {"agents": [{"id": "1001"}]},
        "events": [{"t": 60, "type": "announcement_published", "announcement": "n1",
                    "text": "今日热点:供暖报修", "by": "L01", "by_name": "张班长",
                    "expires_at": "2026-03-02T10:00:00+08:00"}],
        "until": 120})
    assert [a.text for a in active(sc.final.announcements.values(), at(2))] == ["今日热点:供暖报修"]


def test_only_leaders_and_directors_may_publish() -> None:
    allowed = {r for r in Role if may({r}, Right.PUBLISH_ANNOUNCEMENTS)}
    assert allowed == {Role.SHIFT_LEADER, Role.DIRECTOR}


def test_validate_is_the_rule_the_database_applies() -> None:
    text, pub, exp = validate("第一行\r\n第二行", T0.astimezone(Policy().tz), at(30))
    assert text == "第一行 第二行" and pub == T0 and exp == at(30) and exp.tzinfo is UTC


# ---- the database ----------------------------------------------------------------------


@pytest.fixture
def eng(db_url: str) -> Iterator[Engine]:
    e = dbengine.make_engine(db_url)
    now = T0 - timedelta(days=1)
    seed_operators(e, [("A1", "管理员", {"admin"}), ("L1", "张班长", {"shift_leader"}),
                       ("D1", "李主任", {"director"}), ("W1", "大屏", {"wallboard"}),
                       ("X1", "王班长", {"shift_leader"})], now=now)
    with store.writing(e).begin() as conn:
        opsdb.set_disabled(conn, "X1", True, by="A1", now=now)
    yield e
    e.dispose()


def floor_now(e: Engine) -> FloorState:
    """The floor as a console that has just connected reads it."""
    with e.connect() as conn:
        return store.current_state(conn)


def audit_rows(e: Engine, action: str) -> list[Any]:
    with e.connect() as conn:
        return query_audit(conn, action=action, newest_first=False)


def test_a_leader_publishes_and_every_console_sees_it(eng: Engine) -> None:
    a = announcements_db.publish(eng, " 15:00 系统升级\n请先手写工单 ", at(120), "L1", at(0),
                                 workstation="console@pc1")
    assert (a.text, a.by, a.by_name, a.source) == ("15:00 系统升级 请先手写工单", "L1", "张班长",
                                                   "leader")
    assert a.published_at == at(0) and a.expires_at == at(120)
    state = floor_now(eng)
    assert active(state.announcements.values(), at(1)) == [a]
    with eng.connect() as conn:
        ev = store.read_events(conn, 0)[-1]
    assert ev.type == "announcement_published" and ev.get("announcement") == a.id
    [row] = audit_rows(eng, "announcement_published")
    assert (row.operator, row.result, row.target, row.workstation) == ("L1", "ok", a.id,
                                                                      "console@pc1")
    assert row.roles == "shift_leader"
    assert row.detail["text"] == a.text and row.detail["event_id"] == ev.id
    assert datetime.fromisoformat(row.detail["expires_at"]) == at(120)
    # the checkpoints carry it too (a console starting later loads from one)
    with store.writing(eng).begin() as conn:
        store.write_checkpoint(conn, state)
    with eng.connect() as conn:
        assert store.start_state(conn).announcements == state.announcements


def test_the_floor_clock_never_runs_back(eng: Engine) -> None:
    announcements_db.publish(eng, "先发的", at(60), "L1", at(10))
    late = announcements_db.publish(eng, "本机时钟慢", at(60), "D1", at(5))
    assert late.published_at == at(10)  # the floor's time, not this PC's earlier clock
    assert {x.text for x in active(floor_now(eng).announcements.values(), at(11))} == {
        "先发的", "本机时钟慢"}


@pytest.mark.parametrize("who,why", [("W1", "may not publish or withdraw announcements"),
                                     ("X1", "disabled"), ("Z9", "not an operator on record")])
def test_no_right_is_refused_and_audited(eng: Engine, who: str, why: str) -> None:
    with pytest.raises(announcements_db.NotAllowed, match=why):
        announcements_db.publish(eng, "大屏想发公告", at(30), who, at(0))
    assert not floor_now(eng).announcements
    [row] = audit_rows(eng, "announcement_published")
    assert (row.operator, row.result) == (who, "refused")
    assert why in row.detail["reason"] and row.detail["text"] == "大屏想发公告"


@pytest.mark.parametrize("text,expires,why", [
    ("   ", 30, "needs a text"),
    ("字" * (MAX_TEXT + 1), 30, "at most 200 characters"),
    ("过去的时间", -1, "must be after the time of publishing"),
    ("下周的事", 8 * 24 * 60, "at most 7 days"),
], ids=["blank", "too-long", "past", "too-far"])
def test_a_bad_text_or_expiry_is_refused_and_audited(eng: Engine, text: str, expires: float,
                                                     why: str) -> None:
    with pytest.raises(announcements_db.InvalidAnnouncement, match=why):
        announcements_db.publish(eng, text, at(expires), "L1", at(0))
    assert not floor_now(eng).announcements
    [row] = audit_rows(eng, "announcement_published")
    assert row.result == "refused" and why in row.detail["reason"]


def test_withdraw_by_a_director_and_refusals(eng: Engine) -> None:
    a = announcements_db.publish(eng, "临时通知", at(30), "L1", at(0))
    b = announcements_db.publish(eng, "即将过期", at(10), "L1", at(1))
    with pytest.raises(announcements_db.NotAllowed):
        announcements_db.withdraw(eng, a.id, "W1", at(2))
    out = announcements_db.withdraw(eng, a.id, "D1", at(3), workstation="console@pc2")
    assert out == a
    assert [x.id for x in active(floor_now(eng).announcements.values(), at(4))] == [b.id]
    with pytest.raises(announcements_db.UnknownAnnouncement, match="withdrawn already"):
        announcements_db.withdraw(eng, a.id, "L1", at(4))
    with pytest.raises(announcements_db.UnknownAnnouncement, match="expired"):
        announcements_db.withdraw(eng, b.id, "L1", at(11))
    rows = [(r.operator, r.result, r.target) for r in audit_rows(eng, "announcement_withdrawn")]
    assert rows == [("W1", "refused", a.id), ("D1", "ok", a.id), ("L1", "refused", a.id),
                    ("L1", "refused", b.id)]
    ok = audit_rows(eng, "announcement_withdrawn")[1]
    assert ok.detail["text"] == "临时通知" and ok.detail["published_by"] == "L1"


# ---- the dialog ---------------------------------------------------------------------------


@dataclass
class FakeBackend:
    """Records each request; the test answers it."""

    published: list[tuple[str, datetime, Callable[[Any], None], Callable[[str], None]]] = \
        field(default_factory=list)
    withdrawn: list[tuple[str, Callable[[Any], None], Callable[[str], None]]] = \
        field(default_factory=list)

    def publish(self, owner: Any, text: str, expires_at: datetime) -> Answerable:
        return Answerable(owner, lambda done, refused, _c: self.published.append(
            (text, expires_at, done, refused)))

    def withdraw(self, owner: Any, announcement_id: str) -> Answerable:
        return Answerable(owner, lambda done, refused, _c: self.withdrawn.append(
            (announcement_id, done, refused)))


def ann(aid: str, text: str, minute: float, until: float, by: str = "L01",
        by_name: str = "张班长", source: str = "leader") -> Announcement:
    return Announcement(aid, text, by, by_name, at(minute), at(until), source)


def floor_with(*items: Announcement) -> FloorState:
    s = initial_state(Policy())
    events = [FloorEvent("announcement_published", a.published_at,
                         {**a.as_event_data()}) for a in items]
    return apply_all(s, events)


def make_dialog(qtbot: QtBot, clock: Clock, state: FloorState | None = None
                ) -> tuple[AnnouncementsDialog, FakeBackend]:
    backend = FakeBackend()
    d = AnnouncementsDialog(backend, clock)
    qtbot.addWidget(d)
    if state is not None:
        d.set_state(state)
    return d, backend


def test_publish_sends_the_tidied_text_with_the_chosen_expiry(qtbot: QtBot) -> None:
    clock = Clock(at(0))
    d, backend = make_dialog(qtbot, clock, floor_with())
    assert not d.publish_button.isEnabled()  # nothing written yet
    d.text_edit.setPlainText("15:00 系统升级\n请先手写工单")
    assert d.counter.text() == "17/200"
    d.set_expiry("2h")
    assert d.expiry_preview.text() == "until 11:00"
    assert d.publish_button.isEnabled()
    d.publish_button.click()
    [(text, exp, done, _err)] = backend.published
    assert text == "15:00 系统升级 请先手写工单" and exp == at(120)
    assert d.message_text() == "Publishing…"
    assert not d.publish_button.isEnabled() and d.text_edit.isReadOnly()
    assert not d.publish()  # one at a time
    with qtbot.waitSignal(d.published):
        done(ann("a1", text, 0, 120))
    assert d.text_edit.toPlainText() == ""
    assert d.message_text() == "Published: on the wall display until 11:00."


def test_the_dialog_previews_the_walls_text_and_says_when_it_masked(qtbot: QtBot) -> None:
    """Issue #12: the wall masks phone numbers (R-PRIV-1); the publisher saw the raw
    text and never knew. The preview is the ticker's own text, masking included."""
    d, _backend = make_dialog(qtbot, Clock(at(0)), floor_with())
    d.show()
    d.text_edit.setPlainText("停水通知\n请回电 138 0013 8000 了解详情")
    assert d.preview.text() == "停水通知 请回电 138****8000 了解详情"
    assert d.masked_note.isVisible() and "masked" in d.masked_note.text()
    # the wall shows exactly that once published
    state = floor_with(ann("a1", d.text(), 0, 60))
    assert [t.text for t in ticker_items(state, at(1))] == [d.preview.text()]
    # and the list of what is on the wall shows the wall's text too
    d.set_state(state)
    assert d.model.data(d.model.index(0, COL_TEXT)) == d.preview.text()
    d.text_edit.setPlainText("拨打 12345 热线,工号 1023")
    assert d.preview.text() == "拨打 12345 热线,工号 1023"
    assert not d.masked_note.isVisible()


def test_a_refusal_is_shown_and_the_text_is_kept(qtbot: QtBot) -> None:
    d, backend = make_dialog(qtbot, Clock(at(0)), floor_with())
    d.text_edit.setPlainText("今晚九点停电检修")
    d.publish()
    with qtbot.waitSignal(d.published):
        backend.published[0][3]("无权限 / operator W01 (roles: wallboard) may not publish or "
                                "withdraw announcements")
    assert d.message_text().startswith("无权限 / operator W01")
    assert d.text_edit.toPlainText() == "今晚九点停电检修" and not d.text_edit.isReadOnly()
    assert d.publish_button.isEnabled()  # try again (e.g. after a shift change)


def test_too_long_or_empty_text_cannot_be_published(qtbot: QtBot) -> None:
    d, backend = make_dialog(qtbot, Clock(at(0)), floor_with())
    d.text_edit.setPlainText("字" * (MAX_TEXT + 1))
    assert d.counter.text() == "201/200" and not d.publish_button.isEnabled()
    assert not d.publish()
    assert "201 characters long; at most 200" in d.message_text()
    d.text_edit.setPlainText("  \n ")
    assert d.counter.text() == "0/200" and not d.publish()
    assert d.message_text() == "Write the announcement first."
    assert backend.published == []


def test_expiry_choices(qtbot: QtBot) -> None:
    clock = Clock(at(0))
    d, backend = make_dialog(qtbot, clock, floor_with())
    d.text_edit.setPlainText("交接班提醒")
    for key, want in (("30m", at(30)), ("1h", at(60)), ("4h", at(240))):
        d.set_expiry(key)
        assert d.expires_at() == want
    d.set_expiry("shift")  # the day shift ends at 20:00 floor time
    assert d.expires_at() == datetime(2026, 3, 2, 12, 0, tzinfo=UTC)
    assert d.expiry_preview.text() == "until 20:00"
    custom = datetime(2026, 3, 4, 8, 30, tzinfo=UTC)
    d.set_expiry("custom", custom)
    assert d.custom_edit.isVisible() == d.isVisible()
    assert d.expires_at() == custom
    assert d.custom_edit.dateTime().toString("yyyy-MM-dd HH:mm") == "2026-03-04 16:30"
    d.set_expiry("custom", at(-10))
    assert d.expiry_preview.text() == "That time has passed."
    assert not d.publish_button.isEnabled()
    d.set_expiry("custom", at(8 * 24 * 60))
    assert d.custom_edit.maximumDate().toPython() == (at(7 * 24 * 60) + timedelta(hours=8)).date()
    d.set_expiry("1h")
    clock.t = at(5)
    d.publish()
    assert backend.published[0][1] == at(65)  # counted from the moment of publishing


def test_the_shift_end_waits_for_the_floor(qtbot: QtBot) -> None:
    d, _backend = make_dialog(qtbot, Clock(at(0)))
    d.text_edit.setPlainText("交接班提醒")
    d.set_expiry("shift")
    assert d.expires_at() is None and not d.publish_button.isEnabled()
    assert d.expiry_preview.text() == "Waiting for the floor data…"
    d.set_state(floor_with())
    assert d.publish_button.isEnabled()


def test_the_live_list_follows_the_floor(qtbot: QtBot) -> None:
    clock = Clock(at(10))
    d, _backend = make_dialog(qtbot, clock)
    assert d.model.rowCount() == 0 and not d.empty_label.isHidden()
    first = ann("a1", "15:00 系统升级", 5, 30)
    second = ann("a2", "早会:今日热点供暖报修", 0, 24 * 60 + 60, "D01", "李主任", "meeting")
    gone = ann("a0", "已过期", 0, 8)
    d.set_state(floor_with(second, gone, first))
    m = d.model
    rows = [[m.data(m.index(r, c)) for c in (COL_TEXT, COL_BY, COL_PUBLISHED, COL_EXPIRES)]
            for r in range(m.rowCount())]
    assert rows == [["早会:今日热点供暖报修", "李主任 (D01) · morning meeting", "09:00",
                     "03-03 10:00"],
                    ["15:00 系统升级", "张班长 (L01)", "09:05", "09:30"]]
    assert d.empty_label.isHidden()
    # expired: leaves the list on the next tick, no event needed
    removed: list[int] = []
    m.rowsRemoved.connect(lambda _p, a, _b: removed.append(a))
    clock.t = at(30)
    d.tick()
    assert m.rowCount() == 1 and removed == [1]
    # a new one from the feed is inserted, the list never reset
    resets: list[int] = []
    m.modelReset.connect(lambda: resets.append(1))
    clock.t = at(31)
    d.set_state(apply_all(floor_with(second, first), [FloorEvent(
        "announcement_published", at(31), ann("a3", "新公告", 31, 90).as_event_data())]))
    assert [m.data(m.index(r, COL_TEXT)) for r in range(m.rowCount())] == [
        "早会:今日热点供暖报修", "新公告"]
    assert resets == []
    # stale data is said so
    d.set_state(d.state, stale=True)  # type: ignore[arg-type]
    assert "not live" in d.list_status.text()


def test_the_list_model_passes_the_model_tester(qtmodeltester: ModelTester) -> None:
    m = AnnouncementTableModel()
    a, b, c = ann("a", "一", 0, 30), ann("b", "二", 1, 60), ann("c", "三", 2, 90)
    tz = Policy().tz
    m.set_rows([a, b], tz, at(3))
    qtmodeltester.check(m)
    m.set_rows([b, c], tz, at(31))
    m.set_rows([], tz, at(100))
    m.set_rows([a, b, c], tz, at(3))
    assert m.rowCount() == 3 and m.row_of("c") == 2


def test_withdraw_asks_then_sends_and_shows_the_answer(qtbot: QtBot) -> None:
    clock = Clock(at(10))
    d, backend = make_dialog(qtbot, clock, floor_with(ann("a1", "15:00 系统升级", 5, 30),
                                                      ann("a2", "早会通知", 6, 60)))
    assert not d.withdraw_button.isEnabled()  # nothing selected
    assert d.select("a2")
    assert d.withdraw_button.isEnabled()
    asked: list[str] = []

    def say_no(text: str) -> bool:
        asked.append(text)
        return False

    d.ask_confirm = say_no
    d.withdraw_button.click()
    assert asked == ["Take “早会通知” off the wall display now?"] and backend.withdrawn == []
    d.ask_confirm = lambda text: True
    d.withdraw_button.click()
    [(aid, done, refuse)] = backend.withdrawn
    assert aid == "a2" and not d.withdraw_button.isEnabled()
    with qtbot.waitSignal(d.withdrawn):
        done(None)
    assert d.list_status.text() == "Withdrawn: it leaves the wall display."
    d.set_state(floor_with(ann("a1", "15:00 系统升级", 5, 30)))
    assert d.model.rowCount() == 1
    d.select("a1")
    d.withdraw_button.click()
    with qtbot.waitSignal(d.withdrawn):
        backend.withdrawn[1][2]("公告不存在或已撤下 / there is no announcement 'a1'")
    assert d.list_status.text().startswith("公告不存在或已撤下")
    assert d.withdraw_button.isEnabled()


def test_closing_with_unpublished_text_asks(qtbot: QtBot) -> None:
    d, _backend = make_dialog(qtbot, Clock(at(0)), floor_with())
    d.show()
    d.text_edit.setPlainText("还没发出去")
    d.ask_confirm = lambda text: False
    d.reject()
    assert d.isVisible() and d.text_edit.toPlainText() == "还没发出去"
    d.ask_confirm = lambda text: pytest.fail("asked on a programmatic close")
    d.close()
    assert not d.isVisible()


# ---- the main window and the console ---------------------------------------------------------


class ConsoleStub:
    def __init__(self, op: Operator) -> None:
        self.operator = op

    @property
    def operator_id(self) -> str:
        return self.operator.id

    @property
    def operator_name(self) -> str:
        return self.operator.name

    @property
    def operator_roles(self) -> frozenset[Role]:
        return self.operator.roles

    def submit(self, owner: Any, cmd: Any, supersedes: Any = ()) -> Answerable:
        raise AssertionError("no control is used here")

    def load_agent_day(self, owner: Any, agent: str) -> Answerable:
        return Answerable(owner, lambda done, refused, conflict: None)


def snap(state: FloorState, *, stale: bool = False) -> Snapshot:
    return Snapshot(state=state, stale=stale, stale_since=None, reason="", events=(),
                    changed_agents=None, read_at=state.at)


@pytest.mark.parametrize("roles,offered", [
    ({Role.SHIFT_LEADER}, True), ({Role.DIRECTOR}, True), ({Role.DEPARTMENT_HEAD}, False),
    ({Role.WALLBOARD}, False), ({Role.ADMIN}, False)],
    ids=["leader", "director", "dept_head", "wallboard", "admin"])
def test_the_menu_offers_publishing_only_with_the_right(qtbot: QtBot, tmp_path: Path,
                                                        roles: set[Role], offered: bool) -> None:
    w = MainWindow(ConsoleStub(Operator("X01", "某人", frozenset(roles))), LIGHT, Clock(at(0)),
                   QSettings(str(tmp_path / "w.ini"), QSettings.Format.IniFormat))
    qtbot.addWidget(w)
    w.show()
    qa = w.announce_action
    assert qa.isVisible() is offered and qa.isEnabled() is offered
    assert qa.shortcut().toString() == "Ctrl+Shift+N"
    if offered:
        assert qa in w.controls_menu.actions() and w.controls_menu.menuAction().isVisible()
        assert qa.text() == "&Publish announcement…"
        with qtbot.waitSignal(w.admin_requested) as sig:
            qa.trigger()
        assert sig.args == ["announcements"]


def test_the_console_publishes_and_the_dialog_follows_the_feed(qtbot: QtBot,
                                                               sqlite_url: str) -> None:
    from console.app import ConsoleApp

    app = QApplication.instance()
    assert isinstance(app, QApplication)
    eng = dbengine.make_engine(sqlite_url)
    with store.writing(eng).begin() as c:
        opsdb.create_operator(c, "L01", "张班长", "pw-L01-long", {Role.SHIFT_LEADER}, by="test",
                              now=datetime.now(UTC))
    leader = Operator("L01", "张班长", frozenset({Role.SHIFT_LEADER}))
    ca = ConsoleApp(app, eng, operator=leader, language="en")
    qtbot.addWidget(ca.window)
    w = ca.window

    def feed() -> None:  # what the floor feed hands the window
        w.apply_snapshot(snap(floor_now(eng)))

    try:
        feed()
        w.announce_action.trigger()
        d = ca.dialogs["announcements"]
        assert isinstance(d, AnnouncementsDialog) and d.isVisible()
        assert d.windowTitle() == "Publish announcement"
        w.announce_action.trigger()  # raised again, not a second one
        assert ca.dialogs["announcements"] is d
        d.text_edit.setPlainText("15:00 系统升级,请先手写工单")
        d.set_expiry("30m")
        with qtbot.waitSignal(d.published, timeout=10_000):
            d.publish_button.click()
        assert d.message_text().startswith("Published: on the wall display until")
        assert d.model.rowCount() == 0  # not from the answer: from the feed
        feed()
        assert d.model.rowCount() == 1
        assert d.model.data(d.model.index(0, COL_BY)) == "张班长 (L01)"
        d.select(d.model.rows()[0].id)
        d.ask_confirm = lambda text: True
        with qtbot.waitSignal(d.withdrawn, timeout=10_000):
            d.withdraw_button.click()
        feed()
        assert d.model.rowCount() == 0 and not d.empty_label.isHidden()
        assert [r.result for r in audit_rows(eng, "announcement_published")
                + audit_rows(eng, "announcement_withdrawn")] == ["ok", "ok"]
        # a shift change closes the dialog; later snapshots no longer reach it
        ca.ask_sign_in = lambda: Operator("W01", "大屏", frozenset({Role.WALLBOARD}))
        w.switch_action.trigger()
        assert ca.dialogs == {} and not w.announce_action.isVisible()
        qtbot.waitUntil(lambda: not shiboken6.isValid(d))
        feed()
    finally:
        ca.i18n.install("en")
        ca.shutting_down.emit()
        eng.dispose()
