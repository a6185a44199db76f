"""The director's filter bar (issue #17): one :class:`TrendFilter` for every page.

Date range first (with quick picks), then the granularity, the queue, the group
and what to compare with. Every change emits ``changed(flt, compare)`` once; a
range that ends before it starts is named on the bar and not emitted.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta

from PySide6.QtCore import QCoreApplication, QSignalBlocker, Signal
from PySide6.QtWidgets import QComboBox, QDateEdit, QHBoxLayout, QLabel, QWidget

from models.domain.rollup import BUCKETS
from models.domain.trend_data import COMPARES
from models.domain.trends import TrendFilter
from views.director import texts
from views.kit.dates import from_qdate, month_end, to_qdate
from views.kit.status import Tone, paint

QUICK = ("this_week", "last_week", "this_month", "last_month", "last_12_months")


def quick_range(kind: str, today: date) -> tuple[date, date]:
    """A quick pick's days (weeks start on Monday, like the rollups' weeks)."""
    monday = today - timedelta(days=today.weekday())
    if kind == "this_week":
        return monday, monday + timedelta(days=6)
    if kind == "last_week":
        return monday - timedelta(days=7), monday - timedelta(days=1)
    first = today.replace(day=1)
    if kind == "this_month":
        return first, month_end(first)
    if kind == "last_month":
        prev = first - timedelta(days=1)
        return prev.replace(day=1), prev
    if kind == "last_12_months":
        y, m = (first.year - 1, first.month + 1) if first.month < 12 else (first.year, 1)
        return date(y, m, 1), month_end(first)
    raise ValueError(f"unknown quick pick {kind!r}")



class FilterBar(QWidget):
    """Emits ``changed(TrendFilter, compare)`` (compare: one of ``COMPARES``)."""

    changed = Signal(object, str)

    def __init__(self, today: date, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.today = today
        lay = QHBoxLayout(self)
        lay.setContentsMargins(4, 4, 4, 4)
        self.range_label = QLabel(self)
        self.first_edit = QDateEdit(self)
        self.last_edit = QDateEdit(self)
        for e in (self.first_edit, self.last_edit):
            e.setCalendarPopup(True)
            e.setDisplayFormat("yyyy-MM-dd")
        self.to_label = QLabel(self)
        self.quick = QComboBox(self)
        self.quick.setObjectName("quickPick")
        self.by_label = QLabel(self)
        self.by_combo = QComboBox(self)
        self.queue_label = QLabel(self)
        self.queue_combo = QComboBox(self)
        self.group_label = QLabel(self)
        self.group_combo = QComboBox(self)
        self.compare_label = QLabel(self)
        self.compare_combo = QComboBox(self)
        self.problem = QLabel(self)
        self.problem.setObjectName("filterProblem")
        for w in (self.range_label, self.first_edit, self.to_label, self.last_edit,
                  self.quick, self.by_label, self.by_combo, self.queue_label,
                  self.queue_combo, self.group_label, self.group_combo,
                  self.compare_label, self.compare_combo, self.problem):
            lay.addWidget(w)
        lay.addStretch(1)
        self.first, self.last = quick_range("this_month", today)
        self._queues: Sequence[tuple[str, str]] = ()
        self._groups: Sequence[tuple[str, str]] = ()
        self.retranslate()
        self.set_filter(TrendFilter(self.first, self.last, "day"), "none", emit=False)
        self.first_edit.dateChanged.connect(self._edited)
        self.last_edit.dateChanged.connect(self._edited)
        self.by_combo.currentIndexChanged.connect(self._edited)
        self.queue_combo.currentIndexChanged.connect(self._edited)
        self.group_combo.currentIndexChanged.connect(self._edited)
        self.compare_combo.currentIndexChanged.connect(self._edited)
        self.quick.activated.connect(self._quick_picked)

    # ---- texts ---------------------------------------------------------------------

    def retranslate(self) -> None:
        self.range_label.setText(QCoreApplication.translate("Director", "Dates"))
        self.to_label.setText(QCoreApplication.translate("Director", "to"))
        self.by_label.setText(QCoreApplication.translate("Director", "Show"))
        self.queue_label.setText(QCoreApplication.translate("Director", "Queue"))
        self.group_label.setText(QCoreApplication.translate("Director", "Group"))
        self.compare_label.setText(QCoreApplication.translate("Director", "Compare with"))
        with QSignalBlocker(self.quick):
            self.quick.clear()
            self.quick.addItem(QCoreApplication.translate("Director", "Quick pick…"), "")
            for k in QUICK:
                self.quick.addItem(texts.quick_name(k), k)
        with QSignalBlocker(self.by_combo):
            i = max(0, self.by_combo.currentIndex())
            self.by_combo.clear()
            for b in BUCKETS:
                self.by_combo.addItem(texts.by_name(b), b)
            self.by_combo.setCurrentIndex(i if self.by_combo.count() > i else 1)
        with QSignalBlocker(self.compare_combo):
            i = max(0, self.compare_combo.currentIndex())
            self.compare_combo.clear()
            for c in COMPARES:
                self.compare_combo.addItem(texts.compare_name(c), c)
            self.compare_combo.setCurrentIndex(i)
        self._fill(self.queue_combo, self._queues, QCoreApplication.translate(
            "Director", "Every queue"))
        self._fill(self.group_combo, self._groups, QCoreApplication.translate(
            "Director", "Every agent"))

    @staticmethod
    def _fill(combo: QComboBox, items: Sequence[tuple[str, str]], every: str) -> None:
        with QSignalBlocker(combo):
            cur = combo.currentData()
            combo.clear()
            combo.addItem(every, None)
            for ident, name in items:
                combo.addItem(name if name == ident else f"{name} ({ident})", ident)
            i = combo.findData(cur)
            combo.setCurrentIndex(max(0, i))

    def set_choices(self, queues: Sequence[tuple[str, str]],
                    groups: Sequence[tuple[str, str]]) -> None:
        """The floor setup's queues and groups, ``(id, name)``."""
        self._queues, self._groups = tuple(queues), tuple(groups)
        self._fill(self.queue_combo, self._queues, QCoreApplication.translate(
            "Director", "Every queue"))
        self._fill(self.group_combo, self._groups, QCoreApplication.translate(
            "Director", "Every agent"))

    # ---- the filter -------------------------------------------------------------------

    def compare(self) -> str:
        return str(self.compare_combo.currentData() or "none")

    def current(self) -> TrendFilter | None:
        """The filter as the bar shows it; None (and the reason on the bar) when the
        range ends before it starts."""
        first, last = from_qdate(self.first_edit.date()), from_qdate(self.last_edit.date())
        if last < first:
            self.problem.setText(QCoreApplication.translate(
                "Director", "Dates: the range ends ({last}) before it starts "
                                    "({first})").format(last=last, first=first))
            paint(self.problem, Tone.ERROR)
            return None
        self.problem.setText("")
        return TrendFilter(first, last, str(self.by_combo.currentData() or "day"),
                           self.queue_combo.currentData(), self.group_combo.currentData())

    def set_filter(self, flt: TrendFilter, compare: str | None = None, *,
                   emit: bool = True) -> None:
        """Show ``flt`` (a drill-down, a step back), then emit it once."""
        blockers = [QSignalBlocker(w) for w in (self.first_edit, self.last_edit,
                                                self.by_combo, self.queue_combo,
                                                self.group_combo, self.compare_combo)]
        self.first_edit.setDate(to_qdate(flt.first))
        self.last_edit.setDate(to_qdate(flt.last))
        self.by_combo.setCurrentIndex(max(0, self.by_combo.findData(flt.by)))
        self.queue_combo.setCurrentIndex(max(0, self.queue_combo.findData(flt.queue)))
        self.group_combo.setCurrentIndex(max(0, self.group_combo.findData(flt.group)))
        if compare is not None:
            self.compare_combo.setCurrentIndex(max(0, self.compare_combo.findData(compare)))
        for b in blockers:
            b.unblock()
        if emit:
            self._edited()

    def _quick_picked(self, index: int) -> None:
        kind = self.quick.itemData(index)
        if not kind:
            return
        first, last = quick_range(str(kind), self.today)
        cur = self.current()
        by = cur.by if cur is not None else "day"
        if kind == "last_12_months" and by in ("hour", "day", "shift"):
            by = "month"
        self.set_filter(TrendFilter(first, last, by,
                                    self.queue_combo.currentData(),
                                    self.group_combo.currentData()))
        with QSignalBlocker(self.quick):
            self.quick.setCurrentIndex(0)

    def _edited(self, *_args: object) -> None:
        flt = self.current()
        if flt is not None:
            self.changed.emit(flt, self.compare())
