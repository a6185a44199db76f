"""培训计划 (issue #18, R-REPORT-1): the week's training plan — per week (Monday to
Sunday, floor time) the topics: subject, trainer, when, who attends.

Seed 000: "每星期四必须提交下周培训计划" — the dialog opens on NEXT week, the one due
this Thursday; ‹ and › move by a week. A topic is written in the form under the
table: 添加 appends it, selecting a row puts it in the form, 修改 replaces that row,
删除 removes it; 保存 stores the week (models/db/training_db.py: the version rule, the
audit row, the host's reminder cleared). A refusal is one line on the status line;
a plan saved meanwhile by another leader replaces the form (views/conflict.py).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import date, datetime, timedelta
from typing import Any, Protocol

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt, Signal
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import (
    QDateEdit,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
)

from models.domain.policy import Policy
from models.domain.shiftrecords import StaleEdit
from models.domain.training import EVERYONE, Topic, TrainingPlan, week_label, week_of
from views.conflict import Show, conflict_text, conflict_title, show_conflict
from views.kit import dialogs
from views.kit.dates import from_qdate, to_qdate
from views.kit.pending import Pending, tagged
from views.kit.status import StatusLine, Tone
from views.kit.table import RowTableModel, make_table


class TrainingSource(Protocol):
    """What the dialog needs from outside (console/shiftops_backend.py)."""

    def today(self) -> date: ...

    def now(self) -> datetime: ...

    def policy(self) -> Policy: ...

    def load_training_plan(self, owner: QObject, week: date) -> Pending: ...

    def save_training_plan(self, owner: QObject, plan: TrainingPlan) -> Pending: ...


class TopicsModel(RowTableModel):
    """The week's topics, in the order they were written; a row is (its place, topic)."""

    COLUMNS = 4

    def key(self, item: Any) -> Any:
        return item[0]

    def header(self, section: int) -> str | None:
        return (QCoreApplication.translate("TrainingPlan", "Subject"),
                QCoreApplication.translate("TrainingPlan", "Trainer"),
                QCoreApplication.translate("TrainingPlan", "When"),
                QCoreApplication.translate("TrainingPlan", "Who attends"))[section]

    def cell(self, item: Any, col: int, role: int) -> Any:
        if role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return None
        t: Topic = item[1]
        return (t.subject, t.trainer, t.when,
                QCoreApplication.translate("TrainingPlan", "Everyone")
                if t.attendees == EVERYONE else t.attendees)[col]

    def topics(self) -> tuple[Topic, ...]:
        return tuple(t for _i, t in self.rows())

    def set_topics(self, topics: tuple[Topic, ...] | list[Topic]) -> None:
        self.set_rows(list(enumerate(topics)))


class TrainingPlanDialog(QDialog):
    """Non-modal. ``show_conflict`` is an attribute so tests can read the box's text
    without a modal loop."""

    #: a week's plan is on screen (loaded, saved or the other leader's)
    plan_loaded = Signal()
    #: an answer to Save (done, refused or conflict) is on screen
    save_answered = Signal()

    def __init__(self, backend: TrainingSource, parent: Any = None) -> None:
        super().__init__(parent)
        self.setObjectName("trainingPlanDialog")
        self.backend = backend
        self.tz = backend.policy().tz
        #: the plan the form was loaded from (None until the first answer)
        self.loaded: TrainingPlan | None = None
        self.loading = False
        self.saving = False
        self.dirty = False
        self._token = 0
        self._quiet_close = False
        #: asks the leader before unsaved topics are dropped (tests answer it)
        self.ask_confirm: Callable[[str], bool] = lambda text: dialogs.confirm(
            self, QCoreApplication.translate("TrainingPlan", "Training plan"), text,
            default_no=True)
        #: the Monday of the week on screen (none until the first set_week)
        self.week = date.min
        self.show_conflict: Show = show_conflict
        self._build()
        self.retranslate()
        self.resize(900, 560)
        self.set_week(week_of(backend.today()) + timedelta(days=7))

    # -- building

    def _build(self) -> None:
        lay = QVBoxLayout(self)
        top = QHBoxLayout()
        self.week_title = QLabel(self)
        top.addWidget(self.week_title)
        self.prev_button = QPushButton("‹", self)
        self.prev_button.setObjectName("previousWeek")
        self.prev_button.setAutoDefault(False)
        self.prev_button.clicked.connect(lambda: self.set_week(self.week - timedelta(days=7)))
        top.addWidget(self.prev_button)
        self.week_edit = QDateEdit(self)
        self.week_edit.setObjectName("trainingWeek")
        self.week_edit.setCalendarPopup(True)
        self.week_edit.setDisplayFormat("yyyy-MM-dd")
        self.week_edit.dateChanged.connect(lambda q: self.set_week(week_of(from_qdate(q))))
        top.addWidget(self.week_edit)
        self.next_button = QPushButton("›", self)
        self.next_button.setObjectName("nextWeek")
        self.next_button.setAutoDefault(False)
        self.next_button.clicked.connect(lambda: self.set_week(self.week + timedelta(days=7)))
        top.addWidget(self.next_button)
        self.week_range = QLabel(self)
        self.week_range.setObjectName("trainingWeekRange")
        top.addWidget(self.week_range)
        top.addStretch(1)
        lay.addLayout(top)
        self.saved_label = QLabel(self)
        self.saved_label.setObjectName("trainingSaved")
        self.saved_label.setWordWrap(True)
        lay.addWidget(self.saved_label)
        self.model = TopicsModel(self)
        self.table = make_table(self, "trainingTopics", self.model)
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._selected())
        lay.addWidget(self.table, 1)
        form = QFormLayout()
        self.subject_edit = QLineEdit(self)
        self.subject_edit.setObjectName("topicSubject")
        self.trainer_edit = QLineEdit(self)
        self.trainer_edit.setObjectName("topicTrainer")
        self.when_edit = QLineEdit(self)
        self.when_edit.setObjectName("topicWhen")
        self.who_edit = QLineEdit(self)
        self.who_edit.setObjectName("topicWho")
        self.form_labels = [QLabel(self) for _ in range(4)]
        for label, edit in zip(self.form_labels, (self.subject_edit, self.trainer_edit,
                                                  self.when_edit, self.who_edit), strict=True):
            label.setBuddy(edit)
            form.addRow(label, edit)
            edit.textChanged.connect(lambda _s: self._buttons())
        lay.addLayout(form)
        row = QHBoxLayout()
        self.add_button = QPushButton(self)
        self.add_button.setObjectName("addTopic")
        self.add_button.setAutoDefault(False)
        self.add_button.clicked.connect(self.add_topic)
        self.edit_button = QPushButton(self)
        self.edit_button.setObjectName("editTopic")
        self.edit_button.setAutoDefault(False)
        self.edit_button.clicked.connect(self.edit_topic)
        self.remove_button = QPushButton(self)
        self.remove_button.setObjectName("removeTopic")
        self.remove_button.setAutoDefault(False)
        self.remove_button.clicked.connect(self.remove_topic)
        for b in (self.add_button, self.edit_button, self.remove_button):
            row.addWidget(b)
        row.addStretch(1)
        lay.addLayout(row)
        self.status = StatusLine(self, "trainingStatus")
        lay.addWidget(self.status)
        bottom = QHBoxLayout()
        bottom.addStretch(1)
        self.save_button = QPushButton(self)
        self.save_button.setObjectName("saveTrainingPlan")
        self.save_button.setDefault(True)
        self.save_button.clicked.connect(self.save)
        self.close_button = QPushButton(self)
        self.close_button.setAutoDefault(False)
        self.close_button.clicked.connect(self.reject)
        bottom.addWidget(self.save_button)
        bottom.addWidget(self.close_button)
        lay.addLayout(bottom)

    def retranslate(self) -> None:
        self.setWindowTitle(QCoreApplication.translate("TrainingPlan", "Training plan"))
        self.week_title.setText(QCoreApplication.translate("TrainingPlan", "Week of:"))
        self.prev_button.setToolTip(QCoreApplication.translate("TrainingPlan", "Previous week"))
        self.next_button.setToolTip(QCoreApplication.translate("TrainingPlan", "Next week"))
        texts = (QCoreApplication.translate("TrainingPlan", "&Subject:"),
                 QCoreApplication.translate("TrainingPlan", "&Trainer:"),
                 QCoreApplication.translate("TrainingPlan", "W&hen:"),
                 QCoreApplication.translate("TrainingPlan", "Who &attends:"))
        for label, text in zip(self.form_labels, texts, strict=True):
            label.setText(text)
        self.when_edit.setPlaceholderText(
            QCoreApplication.translate("TrainingPlan", "e.g. Tuesday 14:00–15:00"))
        self.who_edit.setPlaceholderText(
            QCoreApplication.translate("TrainingPlan", "Groups, or empty for everyone"))
        self.add_button.setText(QCoreApplication.translate("TrainingPlan", "A&dd topic"))
        self.edit_button.setText(QCoreApplication.translate("TrainingPlan", "&Change selected"))
        self.remove_button.setText(QCoreApplication.translate("TrainingPlan", "&Remove selected"))
        self.save_button.setText(QCoreApplication.translate("TrainingPlan", "Sa&ve"))
        self.close_button.setText(QCoreApplication.translate("TrainingPlan", "Close"))
        self._show_saved()
        self.model.refresh()

    def reject(self) -> None:
        """Close, Escape or the window's X: unsaved topics are not dropped unasked."""
        if not self._quiet_close and self.dirty and not self.ask_confirm(
                QCoreApplication.translate("TrainingPlan",
                                           "Close without saving your changes to the plan?")):
            return
        super().reject()

    def closeEvent(self, e: QCloseEvent) -> None:  # noqa: N802 - Qt's name
        if not e.spontaneous():
            # closed by the program (a shift change, quitting): no question asked
            self._quiet_close = True
        super().closeEvent(e)

    def changeEvent(self, e: QEvent) -> None:  # noqa: N802 - Qt's name
        if e.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(e)

    # -- the week

    def set_week(self, monday: date) -> None:
        """Show ``monday``'s week; unsaved changes are dropped only when the leader
        agrees (as the meeting minutes do)."""
        if monday == self.week:
            return
        if self.dirty and not self.ask_confirm(QCoreApplication.translate(
                "TrainingPlan", "Drop your unsaved changes to this week's plan?")):
            self.week_edit.blockSignals(True)
            self.week_edit.setDate(to_qdate(self.week))
            self.week_edit.blockSignals(False)
            return
        dropped = self.dirty
        self.week = monday
        self.week_edit.blockSignals(True)
        self.week_edit.setDate(to_qdate(monday))
        self.week_edit.blockSignals(False)
        self.week_range.setText(week_label(monday))
        self._load(monday)
        if dropped:
            self.status.warn(QCoreApplication.translate(
                "TrainingPlan", "The unsaved changes of the other week were dropped."))

    def _load(self, monday: date) -> None:
        self._token += 1
        self.loading = True
        self.dirty = False
        self.model.set_topics([])
        self._buttons()
        self.status.say(QCoreApplication.translate("TrainingPlan", "Loading…"))
        self.backend.load_training_plan(self, monday).done(
            tagged(self._loaded, self._token)).refused(self._load_refused).run()

    def _loaded(self, token: int, plan: TrainingPlan | None) -> None:
        if token != self._token:
            return
        self.loading = False
        self.fill(plan or TrainingPlan(self.week))
        self.status.say("" if plan is not None else QCoreApplication.translate(
            "TrainingPlan", "No plan for this week yet: add its topics and save."))
        self.plan_loaded.emit()

    def _load_refused(self, text: str) -> None:
        self.loading = False
        self._buttons()
        self.status.fail(text)

    def fill(self, plan: TrainingPlan) -> None:
        self.loaded = plan
        self.dirty = False
        self.model.set_topics(plan.topics)
        self._clear_form()
        self._show_saved()
        self._buttons()

    def _show_saved(self) -> None:
        p = self.loaded
        if p is None or p.saved_at is None:
            self.saved_label.setText(QCoreApplication.translate("TrainingPlan", "Not saved yet."))
            return
        self.saved_label.setText(QCoreApplication.translate(
            "TrainingPlan", "Saved by {who} at {when} (version {version}).").format(
            who=f"{p.saved_by_name} ({p.saved_by})" if p.saved_by_name else p.saved_by or "—",
            when=p.saved_at.astimezone(self.tz).strftime("%Y-%m-%d %H:%M"),
            version=p.version))

    # -- the topics

    def form_topic(self) -> Topic:
        return Topic(self.subject_edit.text().strip(), self.trainer_edit.text().strip(),
                     self.when_edit.text().strip(), self.who_edit.text().strip() or EVERYONE)

    def _clear_form(self) -> None:
        for e in (self.subject_edit, self.trainer_edit, self.when_edit, self.who_edit):
            e.clear()

    def _row(self) -> int | None:
        rows = self.table.selectionModel().selectedRows()
        return rows[0].row() if rows else None

    def _selected(self) -> None:
        i = self._row()
        if i is not None:
            t: Topic = self.model.item_at(i)[1]
            self.subject_edit.setText(t.subject)
            self.trainer_edit.setText(t.trainer)
            self.when_edit.setText(t.when)
            self.who_edit.setText("" if t.attendees == EVERYONE else t.attendees)
        self._buttons()

    def _changed(self, topics: list[Topic], select: int | None) -> None:
        self.dirty = True
        self.model.set_topics(topics)
        self.table.clearSelection()
        if select is not None and 0 <= select < len(topics):
            self.table.selectRow(select)
        else:
            self._clear_form()
        self.status.show_text(
            QCoreApplication.translate("TrainingPlan", "Changed, not saved yet."), Tone.INFO)
        self._buttons()

    def add_topic(self) -> None:
        t = self.form_topic()
        if not t.subject:
            self.status.fail(
                QCoreApplication.translate("TrainingPlan", "Write the topic's subject first."))
            return
        topics = [*self.model.topics(), t]
        self._changed(topics, None)

    def edit_topic(self) -> None:
        i = self._row()
        t = self.form_topic()
        if i is None:
            return
        if not t.subject:
            self.status.fail(
                QCoreApplication.translate("TrainingPlan", "Write the topic's subject first."))
            return
        topics = list(self.model.topics())
        topics[i] = t
        self._changed(topics, i)

    def remove_topic(self) -> None:
        i = self._row()
        if i is None:
            return
        topics = list(self.model.topics())
        del topics[i]
        self._changed(topics, None)

    def _buttons(self) -> None:
        busy = self.loading or self.saving
        has_subject = bool(self.subject_edit.text().strip())
        selected = self._row() is not None
        self.add_button.setEnabled(not busy and has_subject)
        self.edit_button.setEnabled(not busy and selected and has_subject)
        self.remove_button.setEnabled(not busy and selected)
        self.save_button.setEnabled(not busy and self.dirty and self.loaded is not None)

    # -- saving

    def form_plan(self) -> TrainingPlan:
        base = self.loaded or TrainingPlan(self.week)
        return replace(base, week=self.week, topics=self.model.topics())

    def save(self) -> bool:
        if self.saving or self.loading or self.loaded is None or not self.dirty:
            return False
        self.saving = True
        self._buttons()
        self.status.say(QCoreApplication.translate("TrainingPlan", "Saving…"))
        self.backend.save_training_plan(self, self.form_plan()).done(self._saved).refused(
            self._save_refused).conflict(self._save_conflict).run()
        return True

    def _saved(self, plan: TrainingPlan) -> None:
        self.saving = False
        self.fill(plan)
        self.status.ok(QCoreApplication.translate(
            "TrainingPlan", "Saved: {n} topic(s) for the week of {week}.").format(
            n=len(plan.topics), week=plan.week.isoformat()))
        self.save_answered.emit()

    def _save_refused(self, text: str) -> None:
        self.saving = False
        self._buttons()
        self.status.fail(text)
        self.save_answered.emit()

    def _save_conflict(self, e: Exception) -> None:
        assert isinstance(e, StaleEdit)
        self.saving = False
        labels = {"topics": QCoreApplication.translate("TrainingPlan", "Topics")}
        text = conflict_text(e, self.tz, labels)
        if isinstance(e.current, TrainingPlan):
            self.fill(e.current)
        else:
            self._load(self.week)
        self.status.warn(QCoreApplication.translate(
            "TrainingPlan", "Not saved: someone else saved this week's plan first; "
                            "theirs is shown."))
        self.show_conflict(self, conflict_title(), text)
        self.save_answered.emit()


__all__ = ["TopicsModel", "TrainingPlanDialog", "TrainingSource"]
