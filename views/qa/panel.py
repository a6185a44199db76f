"""质量监控: the quality-inspection panel (issue #18; DOMAIN §7, §8; seeds 001 质量监控 and
003 篇十), its console dialog and its page in the director's window.

Three pages:

- **导入评分**: the inspectors' score sheet (.xlsx or CSV) is checked first (a dry run:
  what would be new, replaced, unchanged, linked to a call, and the warnings); only a
  sheet whose every row is good can then be imported, in one transaction. A sheet
  with bad rows lists each (file, line, reason) and imports nothing.
- **本周**: the register (who has fewer than 3 scored this week, how many, how many
  missing) and the calls proposed to score (agent, call, time, shift), to copy or
  save as CSV for the inspectors.
- **控制图**: an agent's or a group's scores, by day or week, against the group's
  baseline — by default the N weeks before the chart's first day — with the signals
  of the run rules listed beside the chart.

Every request goes through the source (console/qa_backend.py) and comes back on the
GUI thread; a refusal or a fault is one line on the page's status line.
"""

from __future__ import annotations

import weakref
from collections.abc import Callable, Sequence
from datetime import date, datetime, timedelta
from typing import Any, Protocol

from PySide6.QtCore import QCoreApplication, QEvent, QModelIndex, QObject, Qt, Signal
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from models.domain.qa_sample import MIN_PER_WEEK, week_label
from models.domain.trends import TrendFilter
from views import theme as themes
from views.kit import dialogs
from views.kit.dates import clock_text, from_qdate, to_qdate
from views.kit.pending import Pending, tagged
from views.kit.status import StatusLine, Tone, paint
from views.kit.table import make_table
from views.msg import tr_msg
from views.qa import texts
from views.qa.chart import ControlChart
from views.qa.models import FileRowsModel, RegisterModel, SampleModel, SignalsModel

#: the baseline by default: the group's scores of the weeks before the chart's first day
BASELINE_WEEKS = 8
#: the chart's range by default: this week and the eleven before it
CHART_WEEKS = 12


class QaSource(Protocol):
    """What the panel asks of the outside world (console/qa_backend.py); each request
    answers later, on the GUI thread: ``done(result)`` or ``refused(one line)``."""

    def now(self) -> datetime: ...

    def choices(self, owner: QObject) -> Pending: ...

    def check_file(self, owner: QObject, path: str) -> Pending: ...

    def import_file(self, owner: QObject, path: str) -> Pending: ...

    def week(self, owner: QObject, monday: date) -> Pending: ...

    def chart(self, owner: QObject, *, agent: str | None, group: str | None, first: date,
              last: date, per: str, base_first: date, base_last: date) -> Pending: ...

    def export_rows(self, owner: QObject, path: str, header: Sequence[str],
                    rows: Sequence[Sequence[str]]) -> Pending: ...


def monday_of(d: date) -> date:
    return d - timedelta(days=d.weekday())


# ---- 导入评分 ---------------------------------------------------------------------------


class ImportPage(QWidget):
    """Pick a sheet → it is checked (dry run) → 导入 keeps it. ``imported`` is emitted
    after an import (the week's register changes)."""

    imported = Signal()

    def __init__(self, backend: QaSource, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("qaImportPage")
        self.backend = backend
        self.path: str | None = None
        self.answer: Any = None
        self._seq = 0
        me = weakref.WeakMethod(self._open_dialog)
        #: the file dialog: a seam a test replaces
        self.ask_path: Callable[[], str | None] = lambda: (m := me()) and m()
        lay = QVBoxLayout(self)
        self.hint = QLabel(self)
        self.hint.setObjectName("qaImportHint")
        self.hint.setWordWrap(True)
        lay.addWidget(self.hint)
        row = QHBoxLayout()
        self.file_label = QLabel(self)
        self.path_edit = QLineEdit(self)
        self.path_edit.setObjectName("qaImportPath")
        self.path_edit.setReadOnly(True)
        self.choose_button = QPushButton(self)
        self.choose_button.setObjectName("qaChoose")
        self.choose_button.clicked.connect(self.choose)
        self.check_button = QPushButton(self)
        self.check_button.setObjectName("qaCheck")
        self.check_button.setEnabled(False)
        self.check_button.clicked.connect(lambda: self.path and self.check(self.path))
        self.import_button = QPushButton(self)
        self.import_button.setObjectName("qaImport")
        self.import_button.setEnabled(False)
        self.import_button.clicked.connect(self.do_import)
        row.addWidget(self.file_label)
        row.addWidget(self.path_edit, 1)
        for b in (self.choose_button, self.check_button, self.import_button):
            row.addWidget(b)
        lay.addLayout(row)
        self.status = StatusLine(self, "qaImportStatus")
        lay.addWidget(self.status)
        self.model = FileRowsModel(self)
        self.table = make_table(self, "qaImportRows", self.model)
        lay.addWidget(self.table, 1)

    def retranslate(self) -> None:
        self.hint.setText(QCoreApplication.translate("Qa",
            "The inspectors' score sheet, .xlsx or CSV: 日期, 工号, 通话编号, 质检员, 总分, then "
            "one column per item. It is checked first; it can be imported only when every "
            "row is good, and then all at once."))
        paint(self.hint, Tone.QUIET)
        self.file_label.setText(QCoreApplication.translate("Qa", "Score sheet:"))
        self.choose_button.setText(QCoreApplication.translate("Qa", "Choose file…"))
        self.check_button.setText(QCoreApplication.translate("Qa", "Check again"))
        self.import_button.setText(QCoreApplication.translate("Qa", "Import"))
        self.model.refresh()

    def _open_dialog(self) -> str | None:
        return dialogs.open_path(self, QCoreApplication.translate("Qa", "Import QA scores"), "",
                                 QCoreApplication.translate("Qa", "Score sheets (*.xlsx *.csv);;All files (*)"))

    def choose(self) -> None:
        path = self.ask_path()
        if path:
            self.check(path)

    def check(self, path: str) -> None:
        """Check the sheet at ``path`` (a dry run: nothing is kept)."""
        self.path = path
        self.path_edit.setText(path)
        self.check_button.setEnabled(True)
        self.import_button.setEnabled(False)
        self.model.set_rows([])
        self._seq += 1
        self.status.say(QCoreApplication.translate("Qa", "Checking…"))
        self.backend.check_file(self, path).done(tagged(self._answered, self._seq)).refused(
            tagged(self._refused, self._seq)).run()

    def do_import(self) -> None:
        if not self.path:
            return
        self.import_button.setEnabled(False)
        self.check_button.setEnabled(False)
        self._seq += 1
        self.status.say(QCoreApplication.translate("Qa", "Importing…"))
        self.backend.import_file(self, self.path).done(tagged(self._answered, self._seq)).refused(
            tagged(self._refused, self._seq)).run()

    def _answered(self, seq: int, ans: Any) -> None:
        if seq != self._seq:
            return
        self.answer = ans
        self.check_button.setEnabled(True)
        if ans.errors:
            self.model.set_rows([("error", ans.name, tr_msg(e.where), tr_msg(e.reason))
                                 for e in ans.errors])
            self.import_button.setEnabled(False)
            self.status.fail(QCoreApplication.translate("Qa", "{file}: {bad} bad row(s), nothing imported").format(
                file=ans.name, bad=len(ans.errors)))
            return
        r = ans.result
        self.model.set_rows([("warning", ans.name, tr_msg(w.where), tr_msg(w.reason))
                             for w in r.warnings])
        fields = {"file": ans.name, "rows": r.rows, "added": r.added, "replaced": r.replaced,
                  "unchanged": r.unchanged, "linked": r.linked}
        if ans.dry_run:
            self.import_button.setEnabled(True)
            self.status.say(QCoreApplication.translate("Qa",
                "{file}: checked {rows} score(s), nothing imported (dry run): {added} would "
                "be new, {replaced} would replace earlier ones, {unchanged} unchanged; "
                "{linked} linked to a call").format(**fields))
        else:
            self.import_button.setEnabled(False)
            self.status.ok(QCoreApplication.translate("Qa",
                "{file}: imported {rows} score(s): {added} new, {replaced} replaced, "
                "{unchanged} unchanged; {linked} linked to a call").format(**fields))
            self.imported.emit()

    def _refused(self, seq: int, why: str) -> None:
        if seq != self._seq:
            return
        self.answer = None
        self.model.set_rows([])
        self.import_button.setEnabled(False)
        self.check_button.setEnabled(self.path is not None)
        self.status.fail(why)

    def show_failure(self, text: str) -> None:
        self.status.fail(text)


# ---- 本周 ---------------------------------------------------------------------------------


class WeekPage(QWidget):
    """The week's register and proposed sample (001 质量监控: 3 a week, across shifts)."""

    def __init__(self, backend: QaSource, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("qaWeekPage")
        self.backend = backend
        self.week: Any = None
        self.groups: dict[str, str] = {}
        self._seq = 0
        self._monday: date | None = None
        me = weakref.WeakMethod(self._save_dialog)
        #: the save dialog: a seam a test replaces
        self.ask_path: Callable[[], str | None] = lambda: (m := me()) and m()
        lay = QVBoxLayout(self)
        row = QHBoxLayout()
        self.week_title = QLabel(self)
        self.prev_button = QPushButton(self)
        self.prev_button.setObjectName("qaPrevWeek")
        self.prev_button.clicked.connect(lambda: self._step(-7))
        self.day_edit = QDateEdit(self)
        self.day_edit.setObjectName("qaWeekDay")
        self.day_edit.setCalendarPopup(True)
        self.day_edit.setDisplayFormat("yyyy-MM-dd")
        self.day_edit.dateChanged.connect(lambda q: self.set_week(from_qdate(q)))
        self.next_button = QPushButton(self)
        self.next_button.setObjectName("qaNextWeek")
        self.next_button.clicked.connect(lambda: self._step(7))
        self.week_label = QLabel(self)
        self.week_label.setObjectName("qaWeekLabel")
        for w in (self.week_title, self.prev_button, self.day_edit, self.next_button,
                  self.week_label):
            row.addWidget(w)
        row.addStretch(1)
        lay.addLayout(row)
        self.register_title = QLabel(self)
        lay.addWidget(self.register_title)
        self.register_model = RegisterModel(self)
        self.register_table = make_table(self, "qaRegister", self.register_model)
        self.register_table.horizontalHeader().setStretchLastSection(False)
        lay.addWidget(self.register_table, 2)
        srow = QHBoxLayout()
        self.sample_title = QLabel(self)
        self.copy_button = QPushButton(self)
        self.copy_button.setObjectName("qaCopySample")
        self.copy_button.clicked.connect(self.copy_sample)
        self.export_button = QPushButton(self)
        self.export_button.setObjectName("qaExportSample")
        self.export_button.clicked.connect(self.export_sample)
        srow.addWidget(self.sample_title, 1)
        srow.addWidget(self.copy_button)
        srow.addWidget(self.export_button)
        lay.addLayout(srow)
        self.sample_model = SampleModel(self)
        self.sample_table = make_table(self, "qaSample", self.sample_model)
        lay.addWidget(self.sample_table, 3)
        self.status = StatusLine(self, "qaWeekStatus")
        lay.addWidget(self.status)
        self._enable()

    def retranslate(self) -> None:
        self.week_title.setText(QCoreApplication.translate("Qa", "Week:"))
        self.prev_button.setText(QCoreApplication.translate("Qa", "‹ Previous week"))
        self.next_button.setText(QCoreApplication.translate("Qa", "Next week ›"))
        self.register_title.setText(QCoreApplication.translate("Qa",
            "Register: agents with fewer than {min} calls scored this week").format(
            min=MIN_PER_WEEK))
        self.sample_title.setText(QCoreApplication.translate("Qa",
            "Calls proposed to score (random, the same every time for this week, spread "
            "over the shifts each agent worked)"))
        self.sample_title.setWordWrap(True)
        self.copy_button.setText(QCoreApplication.translate("Qa", "Copy list"))
        self.export_button.setText(QCoreApplication.translate("Qa", "Save as CSV…"))
        self.register_model.refresh()
        self.sample_model.refresh()
        self._render_week_label()
        if self.week is not None:
            self._say(self.week)

    # ---- the week ---------------------------------------------------------------------

    def monday(self) -> date | None:
        return self._monday

    def set_week(self, day: date, load: bool = True) -> None:
        """Show the week ``day`` falls in (Monday to Sunday, floor time)."""
        monday = monday_of(day)
        if from_qdate(self.day_edit.date()) != day:
            self.day_edit.blockSignals(True)
            self.day_edit.setDate(to_qdate(day))
            self.day_edit.blockSignals(False)
        if monday == self._monday and not load:
            return
        self._monday = monday
        self._render_week_label()
        if load:
            self.reload()

    def _step(self, days: int) -> None:
        if self._monday is not None:
            self.set_week(self._monday + timedelta(days=days))

    def _render_week_label(self) -> None:
        m = self._monday
        if m is None:
            self.week_label.setText("")
            return
        self.week_label.setText(QCoreApplication.translate("Qa", "{week}, {first} to {last}").format(
            week=week_label(m), first=m.isoformat(), last=(m + timedelta(days=6)).isoformat()))

    def reload(self) -> None:
        if self._monday is None:
            return
        self._seq += 1
        self.status.say(QCoreApplication.translate("Qa", "Reading…"))
        self.backend.week(self, self._monday).done(tagged(self._arrived, self._seq)).refused(
            tagged(self._refused, self._seq)).run()

    def _arrived(self, seq: int, w: Any) -> None:
        if seq != self._seq:
            return
        self.week = w
        below = w.below_minimum()
        self.register_model.set_rows([
            (p.agent, p.name, self.groups.get(p.group or "", p.group or "—"), p.scored,
             p.missing, p.answered) for p in below])
        self.sample_model.set_rows(self.sample_rows(w))
        self._say(w)
        self._enable()

    def sample_rows(self, w: Any) -> list[tuple[str, str, str, str, str]]:
        """(工号, name, call, answered at on the floor's clock, shift) of every call
        proposed."""
        out = []
        for p in w.lines:
            for c in p.proposed:
                out.append((p.agent, p.name, c.call,
                            clock_text(c.answered_at, w.tz, date.min), c.shift or "—"))
        return out

    def _say(self, w: Any) -> None:
        below = w.below_minimum()
        if not below:
            self.status.ok(QCoreApplication.translate("Qa", "every agent has {n} or more calls scored this week").format(
                n=MIN_PER_WEEK))
            return
        text = QCoreApplication.translate("Qa", "{n} of {all} agent(s) have fewer than {min} calls scored this week").format(
            n=len(below), all=len(w.lines), min=MIN_PER_WEEK)
        short = [p for p in w.lines if p.short_of_calls]
        # who is short goes in the tooltip: one line per agent under the table made
        # the page (and the director's window with it) taller than a 768-line screen
        self.status.setToolTip("\n".join(QCoreApplication.translate(
            "Qa", "{agent} {name}: {missing} more needed, only {n} unscored answered call(s) "
                  "this week").format(agent=p.agent, name=p.name, missing=p.missing,
                                      n=len(p.proposed)) for p in short))
        if short:
            text += "\n" + QCoreApplication.translate(
                "Qa", "{n} of them answered too few unscored calls to propose them all "
                      "(point here for who)").format(n=len(short))
        self.status.warn(text)

    def _refused(self, seq: int, why: str) -> None:
        if seq != self._seq:
            return
        self.week = None
        self.register_model.set_rows([])
        self.sample_model.set_rows([])
        self._enable()
        self.status.fail(why)

    def show_failure(self, text: str) -> None:
        self.status.fail(text)

    def _enable(self) -> None:
        has = bool(self.sample_model.rows())
        self.copy_button.setEnabled(has)
        self.export_button.setEnabled(has)

    # ---- copy and save ----------------------------------------------------------------

    def _header(self) -> list[str]:
        return [str(self.sample_model.header(i)) for i in range(self.sample_model.COLUMNS)]

    def copy_sample(self) -> None:
        """The proposed calls as tab-separated lines (pasted into Excel, one a row)."""
        rows = self.sample_model.rows()
        lines = ["\t".join(self._header()), *("\t".join(r) for r in rows)]
        QGuiApplication.clipboard().setText("\n".join(lines) + "\n")
        self.status.ok(QCoreApplication.translate("Qa", "{n} call(s) copied: paste them into the inspectors' sheet").format(
            n=len(rows)))

    def _save_dialog(self) -> str | None:
        name = QCoreApplication.translate("Qa", "qa-sample_{week}.csv").format(
            week=week_label(self._monday) if self._monday else "")
        return dialogs.save_path(self, QCoreApplication.translate("Qa", "Save the calls to score"), name,
                                 QCoreApplication.translate("Qa", "CSV for Excel (*.csv)"))

    def export_sample(self) -> None:
        rows = self.sample_model.rows()
        if not rows:
            return
        path = self.ask_path()
        if not path:
            return
        if not path.lower().endswith(".csv"):
            path += ".csv"
        self.backend.export_rows(self, path, self._header(), [list(r) for r in rows]).done(
            self._saved).refused(self.status.fail).run()

    def _saved(self, path: str) -> None:
        self.status.ok(QCoreApplication.translate("Qa", "Saved {path}").format(path=path))


# ---- 控制图 -------------------------------------------------------------------------------


class ChartPage(QWidget):
    """An agent's or a group's control chart, its baseline said in words and its
    signals listed beside it."""

    drawn = Signal()

    def __init__(self, backend: QaSource, theme: themes.Theme | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("qaChartPage")
        self.backend = backend
        self.choices: Any = None
        self.data: Any = None
        self._seq = 0
        self._quiet = False  # while the controls are set together: one read after
        self._range_set = False  # a range was given (the director's bar): kept
        self._pending_group: str | None = None
        lay = QVBoxLayout(self)
        row = QHBoxLayout()
        self.kind_combo = QComboBox(self)
        self.kind_combo.setObjectName("qaKind")
        self.kind_combo.addItem("", "group")
        self.kind_combo.addItem("", "agent")
        self.kind_combo.currentIndexChanged.connect(self._kind_changed)
        self.subject_combo = QComboBox(self)
        self.subject_combo.setObjectName("qaSubject")
        self.subject_combo.setMinimumContentsLength(8)
        self.subject_combo.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.subject_combo.currentIndexChanged.connect(self._changed)
        self.per_combo = QComboBox(self)
        self.per_combo.setObjectName("qaPer")
        self.per_combo.addItem("", "week")
        self.per_combo.addItem("", "day")
        self.per_combo.currentIndexChanged.connect(self._changed)
        self.from_label = QLabel(self)
        self.from_edit = QDateEdit(self)
        self.to_label = QLabel(self)
        self.to_edit = QDateEdit(self)
        for e in (self.from_edit, self.to_edit):
            e.setCalendarPopup(True)
            e.setDisplayFormat("yyyy-MM-dd")
            e.dateChanged.connect(self._changed)
        self.from_edit.setObjectName("qaFrom")
        self.to_edit.setObjectName("qaTo")
        self.base_label = QLabel(self)
        self.base_spin = QSpinBox(self)
        self.base_spin.setObjectName("qaBaselineWeeks")
        self.base_spin.setRange(0, 52)
        self.base_spin.setValue(BASELINE_WEEKS)
        self.base_spin.valueChanged.connect(self._changed)
        for w in (self.kind_combo, self.subject_combo, self.per_combo, self.from_label,
                  self.from_edit, self.to_label, self.to_edit, self.base_label, self.base_spin):
            row.addWidget(w)
        row.addStretch(1)
        lay.addLayout(row)
        self.baseline_text = QLabel(self)
        self.baseline_text.setObjectName("qaBaseline")
        self.baseline_text.setWordWrap(True)
        self.baseline_text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        lay.addWidget(self.baseline_text)
        self.split = QSplitter(Qt.Orientation.Horizontal, self)
        self.chart = ControlChart(theme, self.split)
        side = QWidget(self.split)
        sl = QVBoxLayout(side)
        sl.setContentsMargins(0, 0, 0, 0)
        self.signals_title = QLabel(side)
        sl.addWidget(self.signals_title)
        self.signals_model = SignalsModel(self)
        self.signals_table = make_table(side, "qaSignals", self.signals_model)
        self.signals_table.setWordWrap(True)
        self.signals_table.horizontalHeader().setSectionResizeMode(
            2, QHeaderView.ResizeMode.Stretch)
        self.signals_table.clicked.connect(self._signal_clicked)
        sl.addWidget(self.signals_table, 1)
        self.split.addWidget(self.chart)
        self.split.addWidget(side)
        self.split.setStretchFactor(0, 3)
        self.split.setStretchFactor(1, 1)
        self.split.setSizes([720, 280])
        lay.addWidget(self.split, 1)
        self.status = StatusLine(self, "qaChartStatus")
        lay.addWidget(self.status)

    def retranslate(self) -> None:
        self.kind_combo.setItemText(0, QCoreApplication.translate("Qa", "By group"))
        self.kind_combo.setItemText(1, QCoreApplication.translate("Qa", "By agent"))
        self.per_combo.setItemText(0, texts.per_name("week"))
        self.per_combo.setItemText(1, texts.per_name("day"))
        self.from_label.setText(QCoreApplication.translate("Qa", "From"))
        self.to_label.setText(QCoreApplication.translate("Qa", "to"))
        self.base_label.setText(QCoreApplication.translate("Qa", "Baseline:"))
        self.base_spin.setPrefix(QCoreApplication.translate("Qa", "previous "))
        self.base_spin.setSuffix(QCoreApplication.translate("Qa", " weeks"))
        self.base_spin.setSpecialValueText(QCoreApplication.translate("Qa", "the chart's own range"))
        self.base_spin.setToolTip(QCoreApplication.translate("Qa",
            "X̄ and σ come from the scores of the whole group (the agent's group) in the "
            "weeks before the chart's first day; 0: from the chart's own range"))
        self.signals_title.setText(QCoreApplication.translate("Qa", "Signals (run rules broken)"))
        self.chart.retranslate()
        self.signals_model.refresh()
        if self.data is not None:
            self._show(self.data)

    # ---- choices and range --------------------------------------------------------------

    def set_choices(self, ch: Any, today: date) -> None:
        """The agents and groups to offer; the range set to the last
        :data:`CHART_WEEKS` weeks up to ``today`` when none was set yet."""
        self.choices = ch
        self._quiet = True
        try:
            if not self._range_set:
                self.set_range(monday_of(today) - timedelta(weeks=CHART_WEEKS - 1), today)
            if not ch.groups and ch.agents:
                self.kind_combo.setCurrentIndex(1)
            self._fill_subjects()
            if self._pending_group is not None:
                i = self.subject_combo.findData(self._pending_group)
                if i >= 0:
                    self.subject_combo.setCurrentIndex(i)
                self._pending_group = None
        finally:
            self._quiet = False
        self.reload()

    def set_range(self, first: date, last: date, group: str | None = None) -> None:
        """Show ``first`` … ``last`` (and ``group``'s chart, when given)."""
        quiet, self._quiet = self._quiet, True
        self._range_set = True
        try:
            self.from_edit.setDate(to_qdate(first))
            self.to_edit.setDate(to_qdate(last))
            if group is not None and self.choices is None:
                self._pending_group = group
            elif group is not None:
                self.kind_combo.setCurrentIndex(0)
                self._fill_subjects()
                i = self.subject_combo.findData(group)
                if i >= 0:
                    self.subject_combo.setCurrentIndex(i)
        finally:
            self._quiet = quiet
        self.reload()

    def select(self, kind: str, subject: str) -> None:
        """Show the chart of the agent or group ``subject`` (``kind``: agent, group)."""
        self._quiet = True
        try:
            self.kind_combo.setCurrentIndex(self.kind_combo.findData(kind))
            self._fill_subjects()
            self.subject_combo.setCurrentIndex(self.subject_combo.findData(subject))
        finally:
            self._quiet = False
        self.reload()

    def set_per(self, per: str) -> None:
        self.per_combo.setCurrentIndex(self.per_combo.findData(per))

    def _fill_subjects(self) -> None:
        ch = self.choices
        if ch is None:
            return
        keep = self.subject_combo.currentData()
        self.subject_combo.blockSignals(True)
        self.subject_combo.clear()
        if self.kind_combo.currentData() == "group":
            for gid, name in ch.groups:
                self.subject_combo.addItem(name, gid)
        else:
            for aid, name, _g in ch.agents:
                self.subject_combo.addItem(f"{aid} {name}", aid)
        i = self.subject_combo.findData(keep)
        self.subject_combo.setCurrentIndex(max(i, 0))
        self.subject_combo.blockSignals(False)

    def _kind_changed(self, _i: int) -> None:
        self._fill_subjects()
        self._changed()

    def _changed(self, *_a: Any) -> None:
        if not self._quiet:
            self.reload()

    def baseline_range(self) -> tuple[date, date]:
        """The baseline's days: the N weeks before the chart's first day, or the
        chart's own range for 0."""
        first, last = from_qdate(self.from_edit.date()), from_qdate(self.to_edit.date())
        weeks = self.base_spin.value()
        if weeks == 0:
            return first, last
        return first - timedelta(weeks=weeks), first - timedelta(days=1)

    # ---- reading ------------------------------------------------------------------------

    def reload(self) -> None:
        if self.choices is None or self._quiet:
            return
        subject = self.subject_combo.currentData()
        self._seq += 1
        if subject is None:
            self._clear()
            self.status.say(QCoreApplication.translate("Qa", "The floor setup has no agents or groups to chart."))
            return
        first, last = from_qdate(self.from_edit.date()), from_qdate(self.to_edit.date())
        bf, bl = self.baseline_range()
        kind = self.kind_combo.currentData()
        self.status.say(QCoreApplication.translate("Qa", "Reading…"))
        self.backend.chart(self, agent=subject if kind == "agent" else None,
                           group=subject if kind == "group" else None, first=first,
                           last=last, per=self.per_combo.currentData(), base_first=bf,
                           base_last=bl).done(tagged(self._arrived, self._seq)).refused(
            tagged(self._refused, self._seq)).run()

    def _arrived(self, seq: int, d: Any) -> None:
        if seq != self._seq:
            return
        self.data = d
        self._show(d)
        self.drawn.emit()

    def _show(self, d: Any) -> None:
        c = d.chart
        self.chart.show_chart(d)
        # one row per point, its rules together (a point may break several)
        rules: dict[int, list[str]] = {}
        for sig in c.signals:
            rules.setdefault(sig.index, []).append(
                f"{texts.rule_text(sig.rule)} ({texts.side_name(sig.side)})")
        self.signals_model.set_rows([
            (i, texts.period_text(c.points[i].start, d.per), texts.score(c.points[i].mean),
             "\n".join(r)) for i, r in sorted(rules.items())])
        self.signals_table.resizeRowsToContents()
        groups = dict(self.choices.groups) if self.choices is not None else {}
        whose = (QCoreApplication.translate("Qa", "group {group}").format(group=groups.get(d.group, d.group))
                 if d.group is not None else QCoreApplication.translate("Qa", "agent {agent}").format(agent=d.agent))
        self.baseline_text.setText(QCoreApplication.translate("Qa",
            "baseline: {n} scores of {whose} from {first} to {last}: X̄ = {mean}, σ of one "
            "score = MR̄/1.128 = {sigma}; limits X̄ ± 3σ/√n for a mean of n scores").format(
            n=c.base.n, whose=whose, first=d.base_first.isoformat(),
            last=d.base_last.isoformat(), mean=texts.score(c.base.mean),
            sigma=texts.score(c.base.sigma)))
        if not c.points:
            self.status.say(QCoreApplication.translate("Qa", "no scores in this range"))
        elif not c.signals:
            self.status.ok(QCoreApplication.translate("Qa", "no point breaks a run rule: the series is in control"))
        else:
            self.status.warn(QCoreApplication.translate(
                "Qa", "{n} point(s) break a run rule: the series is not in control; see the "
                      "list beside the chart").format(n=len(rules)))

    def _clear(self) -> None:
        self.data = None
        self.chart.clear_chart()
        self.signals_model.set_rows([])
        self.baseline_text.setText("")

    def _refused(self, seq: int, why: str) -> None:
        if seq != self._seq:
            return
        self._clear()
        self.status.fail(why)

    def show_failure(self, text: str) -> None:
        self.status.fail(text)

    def _signal_clicked(self, index: QModelIndex) -> None:
        i = index.data(Qt.ItemDataRole.UserRole)
        if isinstance(i, int):
            self.chart.point_at(i)


# ---- the panel and its two hosts --------------------------------------------------------


class QaPanel(QWidget):
    """The three pages on tabs; reads the agents and groups once, then the week and
    the chart."""

    def __init__(self, backend: QaSource, theme: themes.Theme | None = None,
                 parent: QWidget | None = None, *, load: bool = True) -> None:
        super().__init__(parent)
        self.setObjectName("qaPanel")
        self._asked = False
        self.backend = backend
        self.choices: Any = None
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        self.tabs = QTabWidget(self)
        self.tabs.setObjectName("qaTabs")
        lay.addWidget(self.tabs, 1)
        self.import_page = ImportPage(backend, self.tabs)
        self.week_page = WeekPage(backend, self.tabs)
        self.chart_page = ChartPage(backend, theme, self.tabs)
        for page in (self.chart_page, self.week_page, self.import_page):
            self.tabs.addTab(page, "")
        self.status = StatusLine(self, "qaPanelStatus")
        self.status.hide()
        lay.addWidget(self.status)
        self.import_page.imported.connect(self._imported)
        self.retranslate()
        if load:
            self.load()

    def load(self) -> None:
        """Read the agents and groups (once), then the week and the chart."""
        if self._asked:
            return
        self._asked = True
        self.backend.choices(self).done(self._got_choices).refused(self.show_failure).run()

    def retranslate(self) -> None:
        self.tabs.setTabText(0, QCoreApplication.translate("Qa", "Control chart"))
        self.tabs.setTabText(1, QCoreApplication.translate("Qa", "This week"))
        self.tabs.setTabText(2, QCoreApplication.translate("Qa", "Import scores"))
        for page in (self.import_page, self.week_page, self.chart_page):
            page.retranslate()

    def changeEvent(self, e: QEvent) -> None:  # noqa: N802 - Qt's name
        if e.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(e)

    def today(self) -> date:
        now = self.backend.now()
        tz = self.choices.tz if self.choices is not None else None
        return now.astimezone(tz).date() if tz is not None else now.date()

    def _got_choices(self, ch: Any) -> None:
        self.choices = ch
        self.status.hide()
        self.week_page.groups = dict(ch.groups)
        today = self.today()
        self.week_page.set_week(today)
        self.chart_page.set_choices(ch, today)

    def _imported(self) -> None:
        self.week_page.reload()
        self.chart_page.reload()

    def show_failure(self, text: str) -> None:
        """No right, or the database out of reach: one line over the pages."""
        self.status.show()
        self.status.fail(text)


class QaDialog(QDialog):
    """质量监控 in the console's 班务 menu: non-modal, one per console."""

    def __init__(self, backend: QaSource, parent: QWidget | None = None,
                 theme: themes.Theme | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("qaDialog")
        lay = QVBoxLayout(self)
        self.panel = QaPanel(backend, theme, self)
        lay.addWidget(self.panel, 1)
        bottom = QHBoxLayout()
        bottom.addStretch(1)
        self.close_button = QPushButton(self)
        self.close_button.setObjectName("qaClose")
        self.close_button.setAutoDefault(False)
        self.close_button.clicked.connect(self.reject)
        bottom.addWidget(self.close_button)
        lay.addLayout(bottom)
        self.retranslate()
        self.resize(1180, 760)

    def retranslate(self) -> None:
        self.setWindowTitle(QCoreApplication.translate("Qa", "Quality inspection"))
        self.close_button.setText(QCoreApplication.translate("Qa", "Close"))

    def changeEvent(self, e: QEvent) -> None:  # noqa: N802 - Qt's name
        if e.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(e)


class QaPage(QaPanel):
    """质检, a page of the director's window: read when first shown; the window's range
    (and group, when one is chosen) becomes the chart's when the page is first shown
    (by hour, day or shift the chart is by day); from then on the page's own range and
    subject rule, and the window's filter bar, which it would contradict (queue,
    compare), is hidden on this page."""

    #: the window hides its filter bar here (views/director/window.py)
    uses_window_filter = False

    def __init__(self, backend: QaSource, theme: themes.Theme | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(backend, theme, parent, load=False)
        self._seeded = False

    def chart_widget(self) -> QWidget:
        """What the window's 'Save chart as PNG' saves."""
        return self.chart_page.chart.plot_widget

    def show_filter(self, flt: TrendFilter) -> None:
        self.load()
        if self._seeded:  # the page's own range and subject stand once set
            return
        self._seeded = True
        self.chart_page._quiet = True
        try:
            self.chart_page.set_per("week" if flt.by in ("week", "month") else "day")
        finally:
            self.chart_page._quiet = False
        self.chart_page.set_range(flt.first, flt.last, flt.group)
