"""Issue #18, R-REPORT-1: the week's training plan (培训计划) and its reminder.

Seed 000 (第一篇 item 4): "每星期四必须提交下周培训计划" — the plan for NEXT week is
handed in by this week's Thursday (a policy value). The shift leader keeps it
(Right.KEEP_SHIFT_RECORDS); every save is audited; the floor host reminds the
leaders on the virtual clock until the plan exists, and saving it clears the
reminder. Both engines."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
import sqlalchemy as sa
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from console.ops import BackendContext, Ops
from console.scheduler import AlertScheduler
from console.shiftops_backend import ShiftOpsBackend
from models.db import alerts_db, policies, store, training_db
from models.db import audit as auditlog
from models.db.operators import NotAllowed
from models.db.shiftops import ShiftOpsError, StaleEdit
from models.domain.policy import PolicyError, parse_toml
from models.domain.training import Topic, TrainingPlan, plan_due, week_of
from tests.helpers import Clock, seed_floor, seed_operators
from tests.test_db_roles import pg_roles, refused  # noqa: F401 - the role fixture
from views.alerts.describe import describe
from views.kit.dates import to_qdate
from views.kit.status import Tone
from views.kit.texts import rule_label
from views.training_view import TrainingPlanDialog

SH = ZoneInfo("Asia/Shanghai")
MON = date(2026, 12, 7)  # a Monday
NEXT = MON + timedelta(days=7)
NOW = datetime(2026, 12, 7, 9, 0, tzinfo=SH).astimezone(UTC)
TOPICS = (Topic("12345 新政策解读", "王班长", "周二 14:00-15:00", "全体"),
          Topic("投诉处理话术", "李质检", "周四 10:00-11:00", "一组、二组"))


class HostClock(Clock):
    """The virtual clock as the host's database clock (this PC agrees with it)."""

    def to_local(self, t: datetime) -> datetime:
        return t


def test_next_weeks_plan_is_due_on_thursday_and_reminded_from_the_policys_days() -> None:
    assert week_of(date(2026, 12, 13)) == MON and week_of(MON) == MON
    # default: Thursday, reminded 5 days before, but never before this week's Monday
    assert plan_due(4, 5, MON) == (NEXT, date(2026, 12, 10))
    assert plan_due(4, 5, date(2026, 12, 13)) == (NEXT, date(2026, 12, 10))  # overdue
    assert plan_due(4, 1, date(2026, 12, 8)) is None
    assert plan_due(4, 1, date(2026, 12, 9)) == (NEXT, date(2026, 12, 10))
    assert plan_due(2, 0, MON) is None  # due Tuesday, reminded that day only


def test_the_plans_weekday_is_a_policy_value_checked_by_key() -> None:
    assert parse_toml("").reports.training_by_weekday == 4
    assert parse_toml("[reports]\ntraining_by_weekday = 3\n").reports.training_by_weekday == 3
    for bad in ("0", "8", '"thursday"'):
        with pytest.raises(PolicyError) as err:
            parse_toml(f"[reports]\ntraining_by_weekday = {bad}\n")
        assert err.value.key == "reports.training_by_weekday"
    p = parse_toml("[reports]\ntraining_by_weekday = 5\n")
    assert parse_toml(policies.to_toml(p.to_dict())).reports.training_by_weekday == 5


@pytest.fixture
def eng(db_url: str) -> Iterator[sa.Engine]:
    from tests.helpers import floor_engine

    with floor_engine(db_url) as e:
        seed_operators(e, [("admin", "管理员", ["admin"]), ("lead1", "王班长", ["shift_leader"]),
                           ("lead2", "李班长", ["shift_leader"]), ("wall1", "大屏", ["wallboard"]),
                           ("dir1", "张主任", ["director"])], now=NOW)
        yield e


def _audit(e: sa.Engine) -> list[tuple[str, str, str, dict[str, Any]]]:
    with e.connect() as c:
        return [(a.operator, a.target, a.result, a.detail) for a in auditlog.query_audit(
            c, action="training_plan_save", newest_first=False)]


def test_a_leader_writes_edits_and_removes_topics_each_save_audited(eng: sa.Engine) -> None:
    saved = training_db.save_plan(eng, TrainingPlan(NEXT, TOPICS), by="lead1", now=NOW)
    assert saved.version == 1 and saved.topics == TOPICS and saved.saved_by == "lead1"
    # another leader edits the first topic and removes the second
    edited = (Topic("12345 新政策解读（第二讲）", "王班长", "周三 14:00-15:00", "全体"),)
    again = training_db.save_plan(eng, TrainingPlan(NEXT, edited, version=1), by="lead2",
                                  now=NOW + timedelta(minutes=5))
    assert again.version == 2
    with eng.connect() as c:
        assert training_db.load_plan(c, NEXT) == again
        assert training_db.load_plan(c, MON) is None
    # the first leader's form is stale now: refused, nothing overwritten
    with pytest.raises(StaleEdit):
        training_db.save_plan(eng, TrainingPlan(NEXT, TOPICS, version=1), by="lead1", now=NOW)
    with pytest.raises(StaleEdit):  # a second "new" plan for the same week
        training_db.save_plan(eng, TrainingPlan(NEXT, TOPICS), by="lead1", now=NOW)
    rows = _audit(eng)
    assert [(op, tgt, res) for op, tgt, res, _d in rows] == [
        ("lead1", "2026-12-14", "ok"), ("lead2", "2026-12-14", "ok")]
    assert rows[0][3]["added"] == ["12345 新政策解读", "投诉处理话术"]
    assert rows[1][3]["removed"] == ["12345 新政策解读", "投诉处理话术"]
    assert rows[1][3]["topics"] == ["12345 新政策解读（第二讲）"]


def test_a_wall_or_an_administrator_cannot_write_the_plan(eng: sa.Engine) -> None:
    for who in ("wall1", "admin"):
        with pytest.raises(NotAllowed):
            training_db.save_plan(eng, TrainingPlan(NEXT, TOPICS), by=who, now=NOW)
    training_db.save_plan(eng, TrainingPlan(NEXT, TOPICS), by="dir1", now=NOW)  # the director may
    with eng.connect() as c:
        assert training_db.load_plan(c, NEXT) is not None
    assert [r[0] for r in _audit(eng)] == ["dir1"]


def test_a_plan_a_leader_can_fix_is_refused_in_one_line(eng: sa.Engine) -> None:
    for plan, words in ((TrainingPlan(MON + timedelta(days=1), TOPICS), "Monday"),
                        (TrainingPlan(NEXT, (Topic("  "),)), "needs a subject"),
                        (TrainingPlan(NEXT, (Topic("x" * 501),)), "longer than 500")):
        with pytest.raises(ShiftOpsError, match=words):
            training_db.save_plan(eng, plan, by="lead1", now=NOW)
    with eng.connect() as c:
        assert training_db.load_plan(c, NEXT) is None


# ---- the floor host's reminder, on the virtual clock --------------------------------------


def _reminders(e: sa.Engine) -> list[tuple[str, str, bool]]:
    with e.connect() as c:
        return [(a.subject, a.message, a.resolved_at is not None)
                for a in alerts_db.list_alerts(c) if a.rule == "R-REPORT-1"]


def _floor(e: sa.Engine, remind_days: int) -> tuple[AlertScheduler, HostClock]:
    seed_floor(e, datetime(2026, 12, 1, tzinfo=SH).astimezone(UTC))
    policies.apply_policy(store.FloorWriter(e, source="test"),
                          f"[reports]\nremind_days = {remind_days}\n", "test", "p.toml",
                          now=datetime(2026, 12, 1, 1, tzinfo=SH).astimezone(UTC))
    clock = HostClock(datetime(2026, 12, 8, 23, 59, tzinfo=SH).astimezone(UTC))  # Tuesday
    return AlertScheduler(e, host_id="pc-a", clock=clock), clock


def test_the_reminder_stands_from_wednesday_until_next_weeks_plan_is_saved(
        eng: sa.Engine) -> None:
    h, clock = _floor(eng, remind_days=1)  # Thursday's deadline: reminded from Wednesday
    h.reports_due()
    assert [r for r in _reminders(eng) if r[0].startswith("week:")] == []
    clock.advance(minutes=1)  # Wednesday 00:00
    h.reports_due()
    h.remind_training()  # once only
    [(subject, text, resolved)] = [r for r in _reminders(eng) if r[0].startswith("week:")]
    assert subject == "week:2026-12-14" and "2026-12-10" in text and "培训计划" in text
    assert not resolved
    with eng.connect() as c:  # as the console's alerts panel shows it
        state = store.current_state(c)
        [alert] = [a for a in state.alerts.values() if a.subject == "week:2026-12-14"]
    assert rule_label("R-REPORT-1", alert.detail) == "R-REPORT-1 Next week's training plan due"
    assert describe(alert, state) == ("The training plan of the week from 2026-12-14 is due "
                                      "on 2026-12-10: not entered yet")
    # this week's plan does not clear it: next week's does, at once, by the leader's save
    training_db.save_plan(eng, TrainingPlan(MON, TOPICS), by="lead1", now=clock.now())
    assert [r[2] for r in _reminders(eng) if r[0] == "week:2026-12-14"] == [False]
    clock.advance(hours=1)
    training_db.save_plan(eng, TrainingPlan(NEXT, TOPICS), by="lead1", now=clock.now())
    assert [r[2] for r in _reminders(eng) if r[0] == "week:2026-12-14"] == [True]
    clock.advance(days=1)  # Thursday and Friday: the plan exists, nothing raised again
    h.reports_due()
    clock.advance(days=1)
    h.reports_due()
    assert [r[2] for r in _reminders(eng) if r[0].startswith("week:")] == [True]


def test_no_reminder_when_the_plan_exists_and_the_host_clears_one_saved_elsewhere(
        eng: sa.Engine) -> None:
    h, clock = _floor(eng, remind_days=1)
    training_db.save_plan(eng, TrainingPlan(NEXT, TOPICS), by="lead1", now=clock.now())
    clock.advance(days=1)  # Wednesday: due, but the plan is there
    h.reports_due()
    assert [r for r in _reminders(eng) if r[0].startswith("week:")] == []
    # the week after: raised next Wednesday; a plan written without the reminder's
    # resolution (e.g. by another program) is seen by the host's next run
    clock.advance(days=7)
    h.remind_training()
    assert [r[:1] for r in _reminders(eng) if r[0].startswith("week:")] == [
        ("week:2026-12-21",)]
    from models.db.schema import TrainingPlanRow
    with eng.begin() as c:  # a plan with every topic removed is no plan
        c.execute(sa.insert(TrainingPlanRow).values(week=date(2026, 12, 21), content={"topics": []},
                                                    saved_at=clock.now(), saved_by="lead1",
                                                    version=1))
    clock.advance(minutes=5)
    h.remind_training()
    assert [r[2] for r in _reminders(eng) if r[0].startswith("week:")] == [False]
    with eng.begin() as c:
        c.execute(sa.update(TrainingPlanRow).where(TrainingPlanRow.week == date(2026, 12, 21))
                  .values(content={"topics": [{"subject": "新政策", "trainer": "", "when": "",
                                               "attendees": ""}]}))
    clock.advance(minutes=5)
    h.remind_training()
    assert [r[2] for r in _reminders(eng) if r[0].startswith("week:")] == [True]


def test_a_week_that_passed_without_a_plan_ends_its_reminder(eng: sa.Engine) -> None:
    h, clock = _floor(eng, remind_days=1)
    clock.advance(days=1)
    h.remind_training()
    clock.advance(days=12)  # Monday 2026-12-21: the week of 12-14 is over
    h.remind_training()
    got = {r[0]: r[2] for r in _reminders(eng) if r[0].startswith("week:")}
    assert got == {"week:2026-12-14": True}


def test_a_console_keeps_the_plan_the_host_only_reads_it_a_wall_sees_none(
        pg_roles: dict[str, str]) -> None:  # noqa: F811 - the fixture imported below
    """models/db/roles.py: the consoles write the plan, the host reads it for its
    reminder, a wall has no right on it."""
    from models.db import engine as dbengine
    from models.db import operators

    owner = dbengine.make_engine(pg_roles["owner"])
    with owner.begin() as c:
        operators.create_operator(c, "lead1", "王班长", "pw-lead1-secret", {"shift_leader"},
                                  by="test", now=NOW)
    owner.dispose()
    con = dbengine.make_engine(pg_roles["console"])
    training_db.save_plan(con, TrainingPlan(NEXT, TOPICS), by="lead1", now=NOW)
    con.dispose()
    host = dbengine.make_engine(pg_roles["host"])
    with host.connect() as c:
        assert training_db.plan_exists(c, NEXT)
    host.dispose()
    for sql in ("DELETE FROM public.training_plan", "UPDATE public.training_plan SET version = 9",
                "INSERT INTO public.training_plan (week, content, saved_at, saved_by, version) "
                "VALUES ('2026-12-21', '{}', now(), 'x', 1)"):
        assert "permission denied" in refused(pg_roles["host"], sql), sql
    assert "permission denied" in refused(pg_roles["wall"], "SELECT * FROM public.training_plan")



# ---- the screen: 班务 → 培训计划… ---------------------------------------------------------


@pytest.fixture
def ops() -> Iterator[Ops]:
    o = Ops()
    yield o
    o.shutdown()


def _dialog(qtbot: QtBot, e: sa.Engine, ops: Ops, who: str) -> TrainingPlanDialog:
    from models.domain.policy import Policy

    backend = ShiftOpsBackend(BackendContext(e, ops, who, lambda: NOW, "test"),
                              Policy, lambda: None)
    dlg = TrainingPlanDialog(backend)
    qtbot.addWidget(dlg)
    dlg.show()
    qtbot.waitUntil(lambda: not dlg.loading, timeout=20000)
    return dlg


def _type(dlg: TrainingPlanDialog, t: Topic) -> None:
    dlg.subject_edit.setText(t.subject)
    dlg.trainer_edit.setText(t.trainer)
    dlg.when_edit.setText(t.when)
    dlg.who_edit.setText("" if t.attendees == "全体" else t.attendees)


def _shown(dlg: TrainingPlanDialog) -> list[list[str]]:
    m = dlg.model
    return [[str(m.data(m.index(r, c))) for c in range(m.columnCount())]
            for r in range(m.rowCount())]


def test_the_dialog_adds_edits_removes_and_saves_next_weeks_topics(
        qtbot: QtBot, eng: sa.Engine, ops: Ops) -> None:
    dlg = _dialog(qtbot, eng, ops, "lead1")
    assert dlg.week == NEXT  # seed 000: next week's plan is the one due this Thursday
    assert dlg.week_range.text() == "2026-12-14 – 2026-12-20"
    assert _shown(dlg) == [] and not dlg.save_button.isEnabled()
    ModelTester(None).check(dlg.model)  # type: ignore[arg-type]
    for t in TOPICS:
        _type(dlg, t)
        dlg.add_button.click()
    assert _shown(dlg) == [["12345 新政策解读", "王班长", "周二 14:00-15:00", "Everyone"],
                           ["投诉处理话术", "李质检", "周四 10:00-11:00", "一组、二组"]]
    dlg.table.selectRow(0)  # the row goes into the form, is changed there
    assert dlg.subject_edit.text() == "12345 新政策解读"
    dlg.when_edit.setText("周三 09:00-10:00")
    dlg.edit_button.click()
    dlg.table.selectRow(1)
    dlg.remove_button.click()
    assert _shown(dlg) == [["12345 新政策解读", "王班长", "周三 09:00-10:00", "Everyone"]]
    with qtbot.waitSignal(dlg.save_answered, timeout=20000):
        assert dlg.save()
    assert dlg.status.tone is Tone.OK and "1 topic" in dlg.status.text()
    with eng.connect() as c:
        stored = training_db.load_plan(c, NEXT)
    assert stored is not None and stored.topics == (
        Topic("12345 新政策解读", "王班长", "周三 09:00-10:00", "全体"),)
    assert [r[0] for r in _audit(eng)] == ["lead1"]
    # this week's: empty; back to next week: the saved plan, read again
    with qtbot.waitSignal(dlg.plan_loaded, timeout=20000):
        dlg.prev_button.click()
    assert dlg.week == MON and _shown(dlg) == []
    with qtbot.waitSignal(dlg.plan_loaded, timeout=20000):
        dlg.next_button.click()
    assert len(_shown(dlg)) == 1 and "王班长 (lead1)" in dlg.saved_label.text()


def test_unsaved_topics_are_not_dropped_unasked(qtbot: QtBot, eng: sa.Engine,
                                                ops: Ops) -> None:
    """As the meeting minutes: another week, or closing, asks before an unsaved topic
    is lost; "no" keeps the week and its topics."""
    dlg = _dialog(qtbot, eng, ops, "lead1")
    asked: list[str] = []
    answer = [False]
    dlg.ask_confirm = lambda text: asked.append(text) or answer[0]
    _type(dlg, TOPICS[0])
    dlg.add_button.click()
    dlg.prev_button.click()
    assert len(asked) == 1 and dlg.week == NEXT and len(_shown(dlg)) == 1
    assert dlg.week_edit.date() == to_qdate(NEXT)
    dlg.reject()
    assert len(asked) == 2 and dlg.isVisible()
    answer[0] = True
    with qtbot.waitSignal(dlg.plan_loaded, timeout=20000):
        dlg.prev_button.click()
    assert dlg.week == MON and _shown(dlg) == []


def test_the_dialog_says_in_one_line_why_a_wall_cannot_save(
        qtbot: QtBot, eng: sa.Engine, ops: Ops) -> None:
    dlg = _dialog(qtbot, eng, ops, "wall1")
    _type(dlg, TOPICS[0])
    dlg.add_button.click()
    with qtbot.waitSignal(dlg.save_answered, timeout=20000):
        dlg.save()
    assert dlg.status.tone is Tone.ERROR and "\n" not in dlg.status.text()
    assert "permission" in dlg.status.text().lower()
    with eng.connect() as c:
        assert training_db.load_plan(c, NEXT) is None
    assert _audit(eng) == []


def test_a_plan_saved_meanwhile_by_another_leader_replaces_the_form(
        qtbot: QtBot, eng: sa.Engine, ops: Ops) -> None:
    dlg = _dialog(qtbot, eng, ops, "lead1")
    shown: list[str] = []
    dlg.show_conflict = lambda _p, _title, text: shown.append(text)
    training_db.save_plan(eng, TrainingPlan(NEXT, TOPICS[1:]), by="lead2", now=NOW)
    _type(dlg, TOPICS[0])
    dlg.add_button.click()
    with qtbot.waitSignal(dlg.save_answered, timeout=20000):
        dlg.save()
    assert shown and "lead2" in shown[0]
    assert _shown(dlg)[0][0] == "投诉处理话术" and dlg.status.tone is Tone.WARN


def test_the_dialog_renders_with_its_topics_at_1366x768(
        sqlite_url: str, tmp_path: Path) -> None:
    """`seatwatch screenshot training`: the week's plan drawn, as looked at by hand."""
    from PySide6.QtGui import QImage

    from console.screenshot import render
    from tests.helpers import floor_engine

    with floor_engine(sqlite_url) as e:
        seed_operators(e, [("admin", "管理员", ["admin"]), ("lead1", "王班长", ["shift_leader"])],
                       now=NOW)
        seed_floor(e, NOW)
        training_db.save_plan(e, TrainingPlan(NEXT, TOPICS), by="lead1", now=NOW)
        out = render("training", e, tmp_path / "t.png", size=(1366, 768), lang="en",
                     theme=None, day=NEXT, operator="lead1")
    img = QImage(str(out))
    assert (img.width(), img.height()) == (1366, 768)
    colours = {img.pixelColor(x, y).name() for x in range(20, 600, 10)
               for y in range(90, 160, 2)}
    assert len(colours) > 5  # the rows' text drawn, not an empty table
