"""月度考核: the monthly assessment screen (issue #18, DOMAIN §8, R-ASSESS-1…4), one
widget for the console's 班务 menu (in :class:`AssessmentDialog`) and the director's
考核 page.

- 考核表: the month's sheet as drafted — one row per agent, every part's score (a
  volume part with the calls handled and the average it was measured against),
  total, rank, reward, flags; sortable; the selected row's every entry with its
  evidence below. Its status (草稿 / 已确认, by whom, when) above.
- 登记簿: the floor's proposals (late / early, missed meetings, alerts) for a person
  to confirm or dismiss with a reason, and the register: entries added by hand
  (an item of the policy with its points or range) and withdrawn with a reason.
- 年度汇总: the year's sheet from its confirmed months (Σ / 12), exported.

Actions follow the operator's rights as the database has their roles
(生成/更新草稿: RECORD_ASSESSMENT; 确认: CONFIRM_ASSESSMENT); every call is
checked again by the database, and its refusal is one line on the status line.
A change to a month already confirmed asks for the reason first.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date, tzinfo
from typing import Any, Protocol

from PySide6.QtCore import (
    QCoreApplication,
    QDate,
    QEvent,
    QModelIndex,
    QObject,
    QSortFilterProxyModel,
    Qt,
    Signal,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDateEdit,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from models.domain import assessment as asm
from models.domain.assessment_records import Proposal, Sheet, StoredEntry
from models.domain.roles import Right
from views.assessment.entry import EntryInput, ask_entry
from views.assessment.models import SORT_ROLE, EntriesModel, ProposalsModel, SheetModel, YearModel
from views.assessment.texts import (
    evidence_text,
    flag_label,
    num,
    pool_label,
    signed,
    source_label,
    status_label,
    when,
)
from views.kit import dialogs
from views.kit.pending import Pending, tagged
from views.kit.status import StatusLine, Tone, paint
from views.kit.table import make_table


class AssessmentSource(Protocol):
    """What the screen asks of the outside world (console/assess_backend.py); each
    request answers on the GUI thread, a refusal as one line."""

    def today(self) -> date: ...

    def load_month(self, owner: QObject, month: str) -> Pending: ...

    def load_year(self, owner: QObject, year: int) -> Pending: ...

    def confirm_proposals(
        self, owner: QObject, month: str, keys: Sequence[str], reason: str = ""
    ) -> Pending: ...

    def dismiss_proposals(
        self, owner: QObject, month: str, keys: Sequence[str], reason: str
    ) -> Pending: ...

    def record_entry(
        self,
        owner: QObject,
        *,
        agent: str,
        day: date,
        item: str,
        points: float | None,
        note: str,
        kind: str = "",
        reason: str = "",
    ) -> Pending: ...

    def withdraw_entry(self, owner: QObject, entry_id: int, reason: str) -> Pending: ...

    def draft(self, owner: QObject, month: str, reason: str = "") -> Pending: ...

    def confirm(self, owner: QObject, month: str) -> Pending: ...

    def export_month(
        self, owner: QObject, sheet: Sheet, path: str, people: dict[str, str]
    ) -> Pending: ...

    def export_year(
        self,
        owner: QObject,
        year: int,
        rows: Sequence[asm.YearRow],
        status: dict[str, str],
        path: str,
    ) -> Pending: ...

    def export_month_pdf(
        self, owner: QObject, sheet: Sheet, path: str, people: dict[str, str],
        tz: tzinfo | None
    ) -> Pending: ...

    def export_year_pdf(
        self,
        owner: QObject,
        year: int,
        rows: Sequence[asm.YearRow],
        status: dict[str, str],
        path: str,
    ) -> Pending: ...


def _button(parent: QWidget, name: str, slot: Callable[[], Any]) -> QPushButton:
    b = QPushButton(parent)
    b.setObjectName(name)
    b.setAutoDefault(False)
    b.clicked.connect(slot)  # a bound method taking no argument: Qt's ``checked`` is dropped
    return b


class AssessmentPage(QWidget):
    #: the director's window: this page has its own month, not the window's range
    uses_window_filter = False
    #: the month's view arrived (or failed): tests and the screenshot wait on it
    loaded = Signal()
    year_loaded = Signal()
    #: a change was answered (done or refused)
    answered = Signal()

    def __init__(self, backend: AssessmentSource, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("assessmentPage")
        self.backend = backend
        self.view: Any = None  # console.assess_backend.MonthView
        self.year_rows: list[asm.YearRow] = []
        self.year_status: dict[str, str] = {}
        self.busy = False
        #: a read of the month under way (tests wait for it to end)
        self.reloading = False
        #: the next read keeps the status line (the news of the change that caused it)
        self._keep_status = False
        self._seq = 0
        self._year_seq = 0
        self._filling = False
        self._shown_once = False
        self._build()
        self.retranslate()
        today = backend.today()
        self.set_month(f"{today.year:04d}-{today.month:02d}", load=False)
        self.year_spin.setValue(today.year)

    # ---- the questions (methods a test replaces on the instance) ----------------------------

    def ask_reason(self, title: str, question: str) -> str | None:
        return dialogs.ask_reason(self, title, question)

    def ask_confirm(self, title: str, question: str) -> bool:
        return dialogs.confirm(self, title, question)

    def ask_path(self, title: str, name: str) -> str | None:
        pdf = name.lower().endswith(".pdf")
        return dialogs.save_path(
            self,
            title,
            name,
            QCoreApplication.translate("AssessmentView", "PDF document (*.pdf)")
            if pdf
            else QCoreApplication.translate("AssessmentView", "Excel workbook (*.xlsx)"),
        )

    def ask_entry(self) -> EntryInput | None:
        return self._entry()

    # ---- building ----------------------------------------------------------------------

    def _build(self) -> None:
        v = QVBoxLayout(self)
        top = QHBoxLayout()
        self.month_label = QLabel(self)
        self.month_edit = QDateEdit(self)
        self.month_edit.setObjectName("assessmentMonth")
        self.month_edit.setDisplayFormat("yyyy-MM")
        self.month_edit.setCalendarPopup(True)
        self.month_label.setBuddy(self.month_edit)
        self.month_edit.dateChanged.connect(self._month_changed)
        self.reload_button = _button(self, "assessmentReload", self.reload)
        self.sheet_state = QLabel(self)
        self.sheet_state.setObjectName("assessmentSheetState")
        self.sheet_state.setWordWrap(True)
        self.sheet_state.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.draft_button = _button(self, "assessmentDraft", self.draft)
        self.confirm_button = _button(self, "assessmentConfirm", self.confirm)
        self.export_button = _button(self, "assessmentExport", self.export_xlsx)
        self.export_pdf_button = _button(self, "assessmentExportPdf", self.export_pdf)
        for w in (self.month_label, self.month_edit, self.reload_button):
            top.addWidget(w)
        top.addWidget(self.sheet_state, 1)
        for w in (self.draft_button, self.confirm_button, self.export_button,
                  self.export_pdf_button):
            top.addWidget(w)
        v.addLayout(top)
        self.tabs = QTabWidget(self)
        self.tabs.setObjectName("assessmentTabs")
        v.addWidget(self.tabs, 1)
        # 考核表
        sheet_tab = QSplitter(Qt.Orientation.Vertical, self.tabs)
        self.sheet_model = SheetModel(self)
        self.sheet_proxy = QSortFilterProxyModel(self)
        self.sheet_proxy.setSourceModel(self.sheet_model)
        self.sheet_proxy.setSortRole(SORT_ROLE)
        self.sheet_table = make_table(sheet_tab, "assessmentSheet", self.sheet_model)
        self.sheet_table.setModel(self.sheet_proxy)
        self.sheet_table.setSortingEnabled(True)
        self.sheet_table.setWordWrap(False)
        self.sheet_table.sortByColumn(-1, Qt.SortOrder.AscendingOrder)  # the engine's order
        self.sheet_table.selectionModel().currentRowChanged.connect(self._row_changed)
        self.detail = QPlainTextEdit(sheet_tab)
        self.detail.setObjectName("assessmentDetail")
        self.detail.setReadOnly(True)
        sheet_tab.addWidget(self.sheet_table)
        sheet_tab.addWidget(self.detail)
        sheet_tab.setStretchFactor(0, 3)
        sheet_tab.setStretchFactor(1, 1)
        self.tabs.addTab(sheet_tab, "")
        # 登记簿
        reg = QSplitter(Qt.Orientation.Vertical, self.tabs)
        self.proposals_box = QGroupBox(reg)
        pv = QVBoxLayout(self.proposals_box)
        self.proposals_model = ProposalsModel(self)
        self.proposals_table = make_table(
            self.proposals_box, "assessmentProposals", self.proposals_model
        )
        self.proposals_table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.proposals_table.setWordWrap(False)
        self.proposals_table.selectionModel().selectionChanged.connect(lambda *_: self._buttons())
        pv.addWidget(self.proposals_table)
        pb = QHBoxLayout()
        self.proposals_hint = QLabel(self.proposals_box)
        self.proposals_hint.setWordWrap(True)
        paint(self.proposals_hint, Tone.QUIET)
        pb.addWidget(self.proposals_hint, 1)
        self.accept_button = _button(
            self.proposals_box, "assessmentAcceptProposals", self.confirm_selected
        )
        self.dismiss_button = _button(
            self.proposals_box, "assessmentDismissProposals", self.dismiss_selected
        )
        pb.addWidget(self.accept_button)
        pb.addWidget(self.dismiss_button)
        pv.addLayout(pb)
        self.entries_box = QGroupBox(reg)
        ev = QVBoxLayout(self.entries_box)
        self.entries_model = EntriesModel(self)
        self.entries_table = make_table(self.entries_box, "assessmentEntries", self.entries_model)
        self.entries_table.setWordWrap(False)
        self.entries_table.selectionModel().selectionChanged.connect(lambda *_: self._buttons())
        ev.addWidget(self.entries_table)
        eb = QHBoxLayout()
        eb.addStretch(1)
        self.add_button = _button(self.entries_box, "assessmentAddEntry", self.add_entry)
        self.withdraw_button = _button(
            self.entries_box, "assessmentWithdraw", self.withdraw_selected
        )
        eb.addWidget(self.add_button)
        eb.addWidget(self.withdraw_button)
        ev.addLayout(eb)
        reg.addWidget(self.proposals_box)
        reg.addWidget(self.entries_box)
        reg.setStretchFactor(0, 2)
        reg.setStretchFactor(1, 3)
        self.tabs.addTab(reg, "")
        # 年度汇总
        year_tab = QWidget(self.tabs)
        yv = QVBoxLayout(year_tab)
        yt = QHBoxLayout()
        self.year_label = QLabel(year_tab)
        self.year_spin = QSpinBox(year_tab)
        self.year_spin.setObjectName("assessmentYear")
        self.year_spin.setRange(2000, 2999)
        self.year_label.setBuddy(self.year_spin)
        self.year_load_button = _button(year_tab, "assessmentYearLoad", self.load_year)
        self.year_info = QLabel(year_tab)
        self.year_info.setObjectName("assessmentYearInfo")
        self.year_info.setWordWrap(True)
        self.year_export_button = _button(year_tab, "assessmentYearExport", self.export_year)
        self.year_export_pdf_button = _button(
            year_tab, "assessmentYearExportPdf", self.export_year_pdf
        )
        for yw in (self.year_label, self.year_spin, self.year_load_button):
            yt.addWidget(yw)
        yt.addWidget(self.year_info, 1)
        yt.addWidget(self.year_export_button)
        yt.addWidget(self.year_export_pdf_button)
        yv.addLayout(yt)
        self.year_model = YearModel(self)
        self.year_proxy = QSortFilterProxyModel(self)
        self.year_proxy.setSourceModel(self.year_model)
        self.year_proxy.setSortRole(SORT_ROLE)
        self.year_table = make_table(year_tab, "assessmentYearTable", self.year_model)
        self.year_table.setModel(self.year_proxy)
        self.year_table.setSortingEnabled(True)
        self.year_table.sortByColumn(-1, Qt.SortOrder.AscendingOrder)
        yv.addWidget(self.year_table, 1)
        self.tabs.addTab(year_tab, "")
        self.tabs.currentChanged.connect(self._tab_changed)
        self.status = StatusLine(self, "assessmentStatus")
        v.addWidget(self.status)

    def retranslate(self) -> None:
        self.month_label.setText(QCoreApplication.translate("AssessmentView", "&Month"))
        self.reload_button.setText(QCoreApplication.translate("AssessmentView", "Reload"))
        self.draft_button.setText(QCoreApplication.translate("AssessmentView", "Draft / update"))
        self.draft_button.setToolTip(
            QCoreApplication.translate(
                "AssessmentView",
                "Compute the month's sheet from the register and the calls, as a draft",
            )
        )
        self.confirm_button.setText(QCoreApplication.translate("AssessmentView", "Confirm sheet…"))
        self.confirm_button.setToolTip(
            QCoreApplication.translate(
                "AssessmentView",
                "The department head confirms the draft; a change afterwards needs a reason",
            )
        )
        self.export_button.setText(QCoreApplication.translate("AssessmentView", "Export Excel…"))
        self.export_pdf_button.setText(QCoreApplication.translate("AssessmentView", "Export PDF…"))
        pdf_tip = QCoreApplication.translate(
            "AssessmentView", "Landscape A4 with the status and the lines to sign, for filing"
        )
        self.export_pdf_button.setToolTip(pdf_tip)
        self.tabs.setTabText(0, QCoreApplication.translate("AssessmentView", "Monthly sheet"))
        self.tabs.setTabText(1, QCoreApplication.translate("AssessmentView", "Register"))
        self.tabs.setTabText(2, QCoreApplication.translate("AssessmentView", "Year"))
        self.accept_button.setText(QCoreApplication.translate("AssessmentView", "Confirm selected"))
        self.dismiss_button.setText(QCoreApplication.translate("AssessmentView", "Dismiss…"))
        self.add_button.setText(
            QCoreApplication.translate("AssessmentView", "Add deduction or bonus…")
        )
        self.withdraw_button.setText(QCoreApplication.translate("AssessmentView", "Withdraw…"))
        self.year_label.setText(QCoreApplication.translate("AssessmentView", "&Year"))
        self.year_load_button.setText(QCoreApplication.translate("AssessmentView", "Show"))
        self.year_export_button.setText(
            QCoreApplication.translate("AssessmentView", "Export Excel…")
        )
        self.year_export_pdf_button.setText(
            QCoreApplication.translate("AssessmentView", "Export PDF…")
        )
        self.year_export_pdf_button.setToolTip(pdf_tip)
        for m in (self.sheet_model, self.proposals_model, self.entries_model, self.year_model):
            m.refresh()
        self._render()
        self._render_year()

    def changeEvent(self, e: QEvent) -> None:  # noqa: N802 - Qt's name
        if e.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(e)

    def show_failure(self, text: str) -> None:
        self.status.fail(text)

    # ---- the director's window ---------------------------------------------------------

    def show_filter(self, _flt: Any) -> None:
        """A page of the director's window: the window's range does not apply (the
        page has its month); read the month the first time the page is shown."""
        if not self._shown_once:
            self._shown_once = True
            self.reload()

    # ---- the month -----------------------------------------------------------------------

    def month(self) -> str:
        d = self.month_edit.date()
        return f"{d.year():04d}-{d.month():02d}"

    def set_month(self, month: str, *, load: bool = True) -> None:
        y, m = (int(x) for x in month.split("-"))
        self._filling = not load
        try:
            self.month_edit.setDate(QDate(y, m, 1))
        finally:
            self._filling = False
        if load:
            self.reload()

    def _month_changed(self, _d: QDate) -> None:
        if not self._filling:
            self.reload()

    def may(self, right: Right) -> bool:
        return self.view is not None and self.view.may(right)

    def sheet(self) -> Sheet | None:
        return self.view.sheet if self.view is not None else None

    def reload(self) -> None:
        self._seq += 1
        self._shown_once = True
        seq, month = self._seq, self.month()
        self.reloading = True
        if not self._keep_status:
            self.status.say(
                QCoreApplication.translate(
                    "AssessmentView", "Reading the assessment of {month}…"
                ).format(month=month)
            )
        self.backend.load_month(self, month).done(tagged(self._loaded, seq)).refused(
            tagged(self._load_failed, seq)
        ).run()

    def _loaded(self, seq: int, view: Any) -> None:
        if seq != self._seq:
            return
        self.reloading = False
        keep, self._keep_status = self._keep_status, False
        self.view = view
        self.sheet_model.set_sheet(view.sheet)
        self.sheet_table.sortByColumn(-1, Qt.SortOrder.AscendingOrder)
        self.proposals_model.tz = view.tz
        self.proposals_model.set_rows(view.proposals)
        pol = (
            view.policy.policy
            if view.policy is not None
            else (view.sheet.policy if view.sheet is not None else None)
        )
        self.entries_model.set_entries(view.entries, pol, view.people, view.tz)
        if view.policy is None:
            self.status.warn(view.policy_error)
        elif not keep:
            self.status.clear()
        self._render()
        self.loaded.emit()

    def _load_failed(self, seq: int, why: str) -> None:
        if seq != self._seq:
            return
        self.reloading = False
        self._keep_status = False
        self.view = None
        self.sheet_model.set_sheet(None)
        self.proposals_model.set_rows([])
        self.entries_model.set_entries([], None, {})
        self._render()
        self.status.fail(
            QCoreApplication.translate(
                "AssessmentView", "The assessment could not be read: {why}"
            ).format(why=why)
        )
        self.loaded.emit()

    def _tz(self) -> tzinfo | None:
        return self.view.tz if self.view is not None else None

    def _people(self) -> dict[str, str]:
        return dict(self.view.people) if self.view is not None else {}

    def _render(self) -> None:
        v = self.view
        s = self.sheet()
        names = self._people()
        if v is None:
            self.sheet_state.setText("")
        elif s is None:
            self.sheet_state.setText(
                QCoreApplication.translate("AssessmentView", "No sheet for {month} yet.").format(
                    month=v.month
                )
                + (
                    " "
                    + QCoreApplication.translate(
                        "AssessmentView", "Draft it when the register is complete."
                    )
                    if v.may(Right.RECORD_ASSESSMENT)
                    else ""
                )
            )
            paint(self.sheet_state, Tone.QUIET)
        else:
            drafted = names.get(s.drafted_by, s.drafted_by)
            text = QCoreApplication.translate(
                "AssessmentView",
                "{status} · policy {policy} (version {version}) · drafted by {by} {at}",
            ).format(
                status=status_label(s.status),
                policy=s.policy.name,
                version=s.policy_version,
                by=drafted,
                at=when(s.drafted_at, v.tz),
            )
            if s.status == "confirmed":
                text += " · " + QCoreApplication.translate(
                    "AssessmentView", "confirmed by {by} {at}"
                ).format(
                    by=names.get(s.confirmed_by or "", s.confirmed_by or ""),
                    at=when(s.confirmed_at, v.tz),
                )
            if s.reason:
                text += " · " + QCoreApplication.translate(
                    "AssessmentView", "reason: {reason}"
                ).format(reason=s.reason)
            tone = Tone.OK if s.status == "confirmed" else Tone.INFO
            if v.changed_since_draft:
                text += " · " + QCoreApplication.translate(
                    "AssessmentView",
                    "the register changed after the draft ({n} entries): draft again",
                ).format(n=v.changed_since_draft)
                tone = Tone.WARN
            self.sheet_state.setText(text)
            paint(self.sheet_state, tone, bold=True)
        n_props = len(v.proposals) if v is not None else 0
        self.proposals_box.setTitle(
            QCoreApplication.translate("AssessmentView", "Proposals from the floor ({n})").format(
                n=n_props
            )
        )
        self.proposals_hint.setText(
            QCoreApplication.translate(
                "AssessmentView",
                "Late or early, missed meetings and alerts the floor recorded: each counts only "
                "when a person confirms it; dismissing one needs a reason.",
            )
        )
        n_ent = sum(1 for e in v.entries if not e.withdrawn) if v is not None else 0
        self.entries_box.setTitle(
            QCoreApplication.translate("AssessmentView", "Register ({n} entries)").format(n=n_ent)
        )
        self._render_detail()
        self._buttons()

    def _buttons(self) -> None:
        v, s = self.view, self.sheet()
        rec, conf = self.may(Right.RECORD_ASSESSMENT), self.may(Right.CONFIRM_ASSESSMENT)
        has_policy = v is not None and v.policy is not None
        idle = not self.busy
        self.draft_button.setVisible(rec)
        self.draft_button.setEnabled(rec and has_policy and idle)
        self.confirm_button.setVisible(conf)
        self.confirm_button.setEnabled(conf and idle and s is not None and s.status == "draft")
        self.export_button.setEnabled(s is not None and idle)
        self.export_pdf_button.setEnabled(s is not None and idle)
        self.proposals_box.setVisible(rec)
        picked = bool(self.proposals_table.selectionModel().selectedRows())
        self.accept_button.setEnabled(rec and idle and picked)
        self.dismiss_button.setEnabled(rec and idle and picked)
        self.add_button.setVisible(rec)
        self.withdraw_button.setVisible(rec)
        self.add_button.setEnabled(rec and idle and has_policy)
        e = self.selected_entry()
        self.withdraw_button.setEnabled(rec and idle and e is not None and not e.withdrawn)
        self.year_export_button.setEnabled(bool(self.year_rows) and idle)
        self.year_export_pdf_button.setEnabled(bool(self.year_rows) and idle)

    # ---- the selected row's detail -------------------------------------------------------

    def _row_changed(self, _cur: QModelIndex, _prev: QModelIndex) -> None:
        self._render_detail()

    def selected_row(self) -> asm.SheetRow | None:
        idx = self.sheet_table.currentIndex()
        if not idx.isValid():
            return None
        item: asm.SheetRow | None = self.sheet_model.item_at(
            self.sheet_proxy.mapToSource(idx).row()
        )
        return item

    def select_agent(self, agent: str) -> None:
        i = self.sheet_model.row_of(agent)
        if i is not None:
            self.sheet_table.setCurrentIndex(
                self.sheet_proxy.mapFromSource(self.sheet_model.index(i, 0))
            )

    def detail_text(self, r: asm.SheetRow) -> str:
        """Every part of the row with what it was computed from, and every entry with
        its evidence (the register's record of it)."""
        s = self.sheet()
        pol = s.policy if s is not None else None
        stored = {e.id: e for e in (self.view.entries if self.view is not None else ())}
        names = self._people()
        head = f"{r.name}（{r.agent}）" + (f" · {r.group}" if r.group else "")
        lines = [
            head,
            QCoreApplication.translate("AssessmentView", "Rank {rank} · total {total}").format(
                rank=num(r.rank) if r.rank is not None else "—", total=num(r.total)
            )
            + (
                " · "
                + QCoreApplication.translate("AssessmentView", "reward {n} yuan").format(
                    n=r.reward_yuan
                )
                if r.reward_yuan
                else ""
            )
            + ("".join(" · " + flag_label(f) for f in r.flags)),
        ]
        for pr in r.parts:
            lines.append("")
            lines.append(
                QCoreApplication.translate(
                    "AssessmentView", "{part}: {score} of {max}, weighted {weight} %"
                ).format(
                    part=pr.name, score=num(pr.score), max=num(pr.max), weight=num(pr.weight * 100)
                )
            )
            if pr.volume is not None:
                lines.append(
                    "    "
                    + QCoreApplication.translate(
                        "AssessmentView",
                        "{n} calls handled against an average of {avg} over {pool}",
                    ).format(
                        n=pr.volume, avg=num(pr.average), pool=pool_label(pr.pool, pr.pool_size)
                    )
                )
            if pr.leader is not None or pr.calls:
                lines.append(
                    "    "
                    + QCoreApplication.translate(
                        "AssessmentView", "Leader's score {leader}; recorded calls {calls}"
                    ).format(
                        leader=num(pr.leader), calls="、".join(num(c) for c in pr.calls) or "—"
                    )
                )
            for en in pr.entries:
                it = pol.item(en.item) if pol is not None else None
                line = (
                    f"    {en.day.isoformat()}  {it.name if it else en.item}  {signed(en.points)}"
                )
                if en.note:
                    line += f"  {en.note}"
                lines.append(line)
                st = stored.get(en.id) if en.id is not None else None
                if st is not None:
                    ev = evidence_text(st.evidence, self._tz())
                    lines.append(
                        "        "
                        + QCoreApplication.translate(
                            "AssessmentView", "{source}, recorded by {by} {at}"
                        ).format(
                            source=source_label(st.source),
                            by=names.get(st.created_by, st.created_by),
                            at=when(st.created_at, self._tz()),
                        )
                        + (f" · {ev}" if ev else "")
                    )
                    if st.withdrawn:
                        lines.append(
                            "        "
                            + QCoreApplication.translate(
                                "AssessmentView", "withdrawn after the draft"
                            )
                        )
        return "\n".join(lines)

    def _render_detail(self) -> None:
        r = self.selected_row()
        if r is None:
            self.detail.setPlainText(
                QCoreApplication.translate(
                    "AssessmentView", "Select an agent to see every entry with its evidence."
                )
                if self.sheet() is not None
                else ""
            )
            return
        self.detail.setPlainText(self.detail_text(r))

    # ---- changes ------------------------------------------------------------------------

    def _reason_if_confirmed(self, what: str) -> str | None:
        """ "" when the month is not confirmed; else the reason asked (None: cancelled)."""
        s = self.sheet()
        if s is None or s.status != "confirmed":
            return ""
        return self.ask_reason(
            QCoreApplication.translate("AssessmentView", "Change a confirmed month"),
            QCoreApplication.translate(
                "AssessmentView", "The sheet of {month} is confirmed. Why {what}?"
            ).format(month=s.month, what=what),
        )

    def _start(self, text: str) -> None:
        self.busy = True
        self._buttons()
        self.status.say(text)

    def _done(self, ok_text: str, _result: Any) -> None:
        self.busy = False
        self._keep_status = True
        self.reload()  # the register and the sheet as they are now
        if self.year_status:  # a month confirmed (or drafted again) changes the year
            self.load_year(quiet=True)
        self.status.ok(ok_text)
        self.answered.emit()

    def _refused(self, why: str) -> None:
        self.busy = False
        self._buttons()
        self.status.fail(why)
        self.answered.emit()

    def selected_proposals(self) -> list[Proposal]:
        return [
            p
            for i in sorted(
                self.proposals_table.selectionModel().selectedRows(), key=lambda x: x.row()
            )
            if (p := self.proposals_model.item_at(i.row())) is not None
        ]

    def selected_entry(self) -> StoredEntry | None:
        rows = self.entries_table.selectionModel().selectedRows()
        item: StoredEntry | None = self.entries_model.item_at(rows[0].row()) if rows else None
        return item

    def confirm_selected(self) -> None:
        props = self.selected_proposals()
        if not props or self.busy:
            return
        reason = self._reason_if_confirmed(
            QCoreApplication.translate("AssessmentView", "confirm these proposals")
        )
        if reason is None:
            return
        month = self.month()
        self._start(
            QCoreApplication.translate("AssessmentView", "Confirming {n} proposals…").format(
                n=len(props)
            )
        )
        self.backend.confirm_proposals(self, month, [p.key for p in props], reason).done(
            tagged(
                self._done,
                QCoreApplication.translate(
                    "AssessmentView",
                    "Confirmed {n} proposals: draft the sheet again to count them.",
                ).format(n=len(props)),
            )
        ).refused(self._refused).run()

    def dismiss_selected(self) -> None:
        props = self.selected_proposals()
        if not props or self.busy:
            return
        reason = self.ask_reason(
            QCoreApplication.translate("AssessmentView", "Dismiss proposals"),
            QCoreApplication.translate(
                "AssessmentView",
                "Why do these {n} proposals not count? (kept in the register, withdrawn)",
            ).format(n=len(props)),
        )
        if not reason:
            return
        self._start(
            QCoreApplication.translate("AssessmentView", "Dismissing {n} proposals…").format(
                n=len(props)
            )
        )
        self.backend.dismiss_proposals(self, self.month(), [p.key for p in props], reason).done(
            tagged(
                self._done,
                QCoreApplication.translate("AssessmentView", "Dismissed {n} proposals.").format(
                    n=len(props)
                ),
            )
        ).refused(self._refused).run()

    def _entry(self) -> EntryInput | None:
        v = self.view
        if v is None or v.policy is None:
            return None
        return ask_entry(self, v.policy.policy, v.agents, self.month(), self.backend.today())

    def add_entry(self) -> None:
        if self.busy or self.view is None or self.view.policy is None:
            return
        got = self.ask_entry()
        if got is None:
            return
        reason = self._reason_if_confirmed(
            QCoreApplication.translate("AssessmentView", "add this entry")
        )
        if reason is None:
            return
        self._start(QCoreApplication.translate("AssessmentView", "Recording…"))
        self.backend.record_entry(
            self,
            agent=got.agent,
            day=got.day,
            item=got.item,
            points=got.points,
            note=got.note,
            kind=got.kind,
            reason=reason,
        ).done(
            tagged(
                self._done,
                QCoreApplication.translate(
                    "AssessmentView", "Recorded: draft the sheet again to count it."
                ),
            )
        ).refused(self._refused).run()

    def withdraw_selected(self) -> None:
        e = self.selected_entry()
        if e is None or e.withdrawn or self.busy:
            return
        reason = self.ask_reason(
            QCoreApplication.translate("AssessmentView", "Withdraw an entry"),
            QCoreApplication.translate(
                "AssessmentView", "Why withdraw {item} of {agent} on {day}?"
            ).format(item=self.entries_model.item_name(e), agent=e.agent, day=e.day.isoformat()),
        )
        if not reason:
            return
        self._start(QCoreApplication.translate("AssessmentView", "Withdrawing…"))
        self.backend.withdraw_entry(self, e.id, reason).done(
            tagged(
                self._done,
                QCoreApplication.translate("AssessmentView", "Withdrawn: draft the sheet again."),
            )
        ).refused(self._refused).run()

    def draft(self) -> None:
        if self.busy or not self.may(Right.RECORD_ASSESSMENT):
            return
        reason = self._reason_if_confirmed(
            QCoreApplication.translate("AssessmentView", "draft it again")
        )
        if reason is None:
            return
        month = self.month()
        self._start(
            QCoreApplication.translate("AssessmentView", "Drafting the sheet of {month}…").format(
                month=month
            )
        )
        self.backend.draft(self, month, reason).done(
            tagged(
                self._done,
                QCoreApplication.translate(
                    "AssessmentView", "The draft of {month} is up to date."
                ).format(month=month),
            )
        ).refused(self._refused).run()

    def confirm(self) -> None:
        s = self.sheet()
        if self.busy or s is None or not self.may(Right.CONFIRM_ASSESSMENT):
            return
        if not self.ask_confirm(
            QCoreApplication.translate("AssessmentView", "Confirm the sheet"),
            QCoreApplication.translate(
                "AssessmentView",
                "Confirm the assessment of {month} ({n} agents)? A change afterwards needs "
                "a reason.",
            ).format(month=s.month, n=len(s.rows)),
        ):
            return
        self._start(
            QCoreApplication.translate("AssessmentView", "Confirming the sheet of {month}…").format(
                month=s.month
            )
        )
        self.backend.confirm(self, s.month).done(
            tagged(
                self._done,
                QCoreApplication.translate(
                    "AssessmentView", "The sheet of {month} is confirmed."
                ).format(month=s.month),
            )
        ).refused(self._refused).run()

    # ---- export -------------------------------------------------------------------------

    def export_xlsx(self) -> None:
        """The month's sheet as 月度考核表 (.xlsx), the writer of ``seatwatch assess show
        --out``."""
        self._export_month(".xlsx")

    def export_pdf(self) -> None:
        """The month's sheet as a landscape A4 PDF to sign and file, the writer of
        ``seatwatch assess show --pdf``."""
        self._export_month(".pdf")

    def _ask_file(self, title: str, name: str, suffix: str) -> str | None:
        path = self.ask_path(title, name)
        if not path:
            return None
        if not path.lower().endswith(suffix):
            path += suffix
        self._start(
            QCoreApplication.translate("AssessmentView", "Writing {path}…").format(path=path)
        )
        return path

    def _export_month(self, suffix: str) -> None:
        s = self.sheet()
        if s is None or self.busy:
            return
        path = self._ask_file(
            QCoreApplication.translate("AssessmentView", "Export the monthly assessment"),
            QCoreApplication.translate("AssessmentView", "assessment-{month}.xlsx").format(
                month=s.month
            ).rsplit(".", 1)[0] + suffix,
            suffix,
        )
        if path is None:
            return
        if suffix == ".pdf":
            req = self.backend.export_month_pdf(self, s, path, self._people(), self._tz())
        else:
            req = self.backend.export_month(self, s, path, self._people())
        req.done(tagged(self._exported, path)).refused(self._refused).run()

    def _exported(self, path: str, n: Any) -> None:
        self.busy = False
        self._buttons()
        self.status.ok(
            QCoreApplication.translate("AssessmentView", "Written: {path} ({n} agents)").format(
                path=path, n=n
            )
        )
        self.answered.emit()

    # ---- the year -----------------------------------------------------------------------

    def _tab_changed(self, i: int) -> None:
        if i == 2 and not self.year_status:
            self.load_year()

    def load_year(self, *, quiet: bool = False) -> None:
        """Read the year; ``quiet``: read again after a change, whose news stays on the
        status line."""
        self._year_seq += 1
        yr = self.year_spin.value()
        if not quiet:
            self.status.say(
                QCoreApplication.translate("AssessmentView", "Reading the year {year}…").format(
                    year=yr
                )
            )
        self.backend.load_year(self, yr).done(
            tagged(self._year_arrived, self._year_seq, yr, quiet)
        ).refused(tagged(self._year_failed, self._year_seq)).run()

    def _year_arrived(self, seq: int, yr: int, quiet: bool, got: Any) -> None:
        if seq != self._year_seq:
            return
        rows, status = got
        self.year_rows, self.year_status = list(rows), dict(status)
        self.year_model.set_year(yr, rows)
        self.year_table.sortByColumn(-1, Qt.SortOrder.AscendingOrder)
        if not quiet:
            self.status.clear()
        self._render_year()
        self._buttons()
        self.year_loaded.emit()

    def _year_failed(self, seq: int, why: str) -> None:
        if seq != self._year_seq:
            return
        self.year_rows, self.year_status = [], {}
        self.year_model.set_year(self.year_spin.value(), [])
        self.status.fail(
            QCoreApplication.translate(
                "AssessmentView", "The year could not be read: {why}"
            ).format(why=why)
        )
        self._render_year()
        self._buttons()
        self.year_loaded.emit()

    def _render_year(self) -> None:
        if not self.year_status:
            self.year_info.setText("")
            return
        done = [m for m, st in sorted(self.year_status.items()) if st == "confirmed"]
        missing = [
            str(int(m[5:])) for m, st in sorted(self.year_status.items()) if st != "confirmed"
        ]
        text = QCoreApplication.translate(
            "AssessmentView", "{n} of 12 months confirmed; yearly score = sum of the months ÷ 12"
        ).format(n=len(done))
        if missing:
            text += " · " + QCoreApplication.translate(
                "AssessmentView", "not confirmed: months {months}"
            ).format(months=", ".join(missing))
        self.year_info.setText(text)

    def export_year(self) -> None:
        self._export_year(".xlsx")

    def export_year_pdf(self) -> None:
        self._export_year(".pdf")

    def _export_year(self, suffix: str) -> None:
        if not self.year_rows or self.busy:
            return
        yr = self.year_model.year
        path = self._ask_file(
            QCoreApplication.translate("AssessmentView", "Export the year's assessment"),
            QCoreApplication.translate("AssessmentView", "assessment-{year}.xlsx").format(
                year=yr
            ).rsplit(".", 1)[0] + suffix,
            suffix,
        )
        if path is None:
            return
        export = self.backend.export_year_pdf if suffix == ".pdf" else self.backend.export_year
        export(self, yr, self.year_rows, self.year_status, path).done(
            tagged(self._exported, path)
        ).refused(self._refused).run()


__all__ = ["AssessmentPage", "AssessmentSource"]
