"""The director's agent league table (坐席排名, issue #17): one page of the director's
window, read for the window's filter (its days and group; the queue does not apply).

Per agent: calls handled, AHT, occupancy, logged-in hours, breaks, breaks over the
limit (R-BREAK-1), alerts (the count; the tooltip lists them by rule) and schedule
adherence (遵从率, DOMAIN §7 排班契合度). Sortable by every column (numbers by value),
exportable to .xlsx. The page never touches the database: it asks its
:class:`LeagueSource` and renders the answer.
"""

from __future__ import annotations

import weakref
from collections.abc import Callable
from typing import Any, Protocol

from PySide6.QtCore import QCoreApplication, QEvent, QObject, QSortFilterProxyModel, Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from models.domain.league import League, LeagueRow
from models.domain.trends import TrendFilter
from views.kit.dialogs import save_path
from views.kit.pending import Pending, tagged
from views.kit.status import StatusLine, Tone, paint
from views.kit.table import RowTableModel, make_table
from views.kit.texts import rule_label, rule_name

SORT_ROLE = Qt.ItemDataRole.UserRole + 1

(COL_NAME, COL_ID, COL_GROUP, COL_CALLS, COL_AHT, COL_OCC, COL_LOGGED, COL_BREAKS,
 COL_OVER, COL_ALERTS, COL_ADHERENCE) = range(11)
NUMERIC = frozenset(range(COL_CALLS, COL_ADHERENCE + 1))


class LeagueSource(Protocol):
    """What the page needs (console/league_backend.py); answers on the GUI thread,
    a refusal or a fault as one line of text."""

    def league(self, owner: QObject, flt: TrendFilter) -> Pending: ...

    def export_league(self, owner: QObject, league: League, path: str,
                      rule_names: dict[str, str]) -> Pending: ...


def percent(v: float | None) -> str:
    return "—" if v is None else f"{v * 100:.1f}%"


def mm_ss(secs: float | None) -> str:
    """AHT as 分:秒 (4:05); an hour or more as 时:分:秒."""
    if secs is None:
        return "—"
    s = int(round(secs))
    h, rem = divmod(s, 3600)
    m, sec = divmod(rem, 60)
    return f"{h}:{m:02d}:{sec:02d}" if h else f"{m}:{sec:02d}"


def hours(secs: float) -> str:
    return f"{secs / 3600:.1f}"


class LeagueModel(RowTableModel):
    COLUMNS = 11

    def key(self, item: Any) -> Any:
        return item.agent_id

    def header(self, section: int) -> str | None:
        return {
            COL_NAME: QCoreApplication.translate("League", "Agent"),
            COL_ID: QCoreApplication.translate("League", "Agent ID"),
            COL_GROUP: QCoreApplication.translate("League", "Group"),
            COL_CALLS: QCoreApplication.translate("League", "Calls handled"),
            COL_AHT: QCoreApplication.translate("League", "AHT"),
            COL_OCC: QCoreApplication.translate("League", "Occupancy"),
            COL_LOGGED: QCoreApplication.translate("League", "Logged in (h)"),
            COL_BREAKS: QCoreApplication.translate("League", "Breaks"),
            COL_OVER: QCoreApplication.translate("League", "Breaks over limit"),
            COL_ALERTS: QCoreApplication.translate("League", "Alerts"),
            COL_ADHERENCE: QCoreApplication.translate("League", "Adherence"),
        }.get(section)

    def header_tip(self, section: int) -> str | None:
        return {
            COL_AHT: QCoreApplication.translate(
                "League", "Average handle time: talk (hold included) and after-call work per "
                "call handled, minutes:seconds"),
            COL_OCC: QCoreApplication.translate(
                "League", "Time on calls and after-call work ÷ (that time + time ready)"),
            COL_BREAKS: QCoreApplication.translate(
                "League", "Short breaks and meals begun in the range"),
            COL_OVER: QCoreApplication.translate(
                "League", "Short breaks past the limit (R-BREAK-1)"),
            COL_ALERTS: QCoreApplication.translate(
                "League", "Alerts raised about the agent; point at a number for the rules"),
            COL_ADHERENCE: QCoreApplication.translate(
                "League", "Share of the rostered shift time logged in and not away; breaks "
                "count, except a short break past its limit. “—”: no rostered shift in the "
                "range"),
        }.get(section)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.ToolTipRole:
            return self.header_tip(section)
        return super().headerData(section, orientation, role)

    def cell(self, r: LeagueRow, col: int, role: int) -> Any:
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(r, col)
        if role == SORT_ROLE:
            return self._sort(r, col)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            if col in NUMERIC:
                return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            return int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tip(r, col)
        return None

    def _text(self, r: LeagueRow, col: int) -> str:
        return {
            COL_NAME: r.name, COL_ID: r.agent_id, COL_GROUP: r.group_name or "—",
            COL_CALLS: f"{r.handled:,}", COL_AHT: mm_ss(r.aht_s), COL_OCC: percent(r.occupancy),
            COL_LOGGED: hours(r.logged_in_s), COL_BREAKS: str(r.breaks),
            COL_OVER: str(r.breaks_over), COL_ALERTS: str(r.alerts_total),
            COL_ADHERENCE: percent(r.adherence),
        }[col]

    def _sort(self, r: LeagueRow, col: int) -> Any:
        def num(v: float | None) -> float:
            return -1.0 if v is None else v  # "—" sorts below every figure
        return {
            COL_NAME: r.name, COL_ID: r.agent_id, COL_GROUP: r.group_name,
            COL_CALLS: r.handled, COL_AHT: num(r.aht_s), COL_OCC: num(r.occupancy),
            COL_LOGGED: r.logged_in_s, COL_BREAKS: r.breaks, COL_OVER: r.breaks_over,
            COL_ALERTS: r.alerts_total, COL_ADHERENCE: num(r.adherence),
        }[col]

    def _tip(self, r: LeagueRow, col: int) -> str | None:
        if col == COL_ALERTS and r.alerts:
            return "\n".join(QCoreApplication.translate("League", "{rule}: {n}").format(
                rule=rule_label(k), n=n) for k, n in r.alerts.items())
        if col == COL_ADHERENCE and r.rostered_s > 0:
            return QCoreApplication.translate(
                "League", "Rostered {rostered} h, in the expected states {adherent} h").format(
                rostered=hours(r.rostered_s), adherent=hours(r.adherent_s))
        return None


class LeaguePage(QWidget):
    """A page of the director's window: ``show_filter(flt)`` reads the league for
    the filter and shows it."""

    def __init__(self, backend: LeagueSource, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("leaguePage")
        self.backend = backend
        self._seq = 0
        self._flt: TrendFilter | None = None
        self.league: League | None = None
        # the save dialog: a seam a test replaces (held weakly, like the audit log's)
        save = weakref.WeakMethod(self._save_dialog)
        self.ask_path: Callable[[], str | None] = lambda: (m := save()) and m()
        self.model = LeagueModel(self)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setSortRole(SORT_ROLE)
        self.proxy.setSortCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self._build()
        self.retranslate()

    def _build(self) -> None:
        lay = QVBoxLayout(self)
        self.hint = QLabel(self)
        self.hint.setObjectName("leagueHint")
        self.hint.setWordWrap(True)
        self.hint.hide()
        lay.addWidget(self.hint)
        self.table = make_table(self, "leagueTable", self.model)
        self.table.setModel(self.proxy)  # sorted by value (SORT_ROLE), not by text
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(COL_CALLS, Qt.SortOrder.DescendingOrder)
        self.table.setWordWrap(False)
        # the figures stay next to their names: no column stretched across the page
        self.table.horizontalHeader().setStretchLastSection(False)
        lay.addWidget(self.table, 1)
        bottom = QHBoxLayout()
        self.count_label = QLabel(self)
        self.count_label.setObjectName("leagueCount")
        self.status = StatusLine(self, "leagueStatus")
        self.export_button = QPushButton(self)
        self.export_button.setObjectName("leagueExport")
        self.export_button.setEnabled(False)
        self.export_button.clicked.connect(self.export_xlsx)
        bottom.addWidget(self.count_label)
        bottom.addWidget(self.status, 1)
        bottom.addWidget(self.export_button)
        lay.addLayout(bottom)

    def retranslate(self) -> None:
        self.export_button.setText(QCoreApplication.translate("League", "Export Excel…"))
        self.export_button.setToolTip(QCoreApplication.translate(
            "League", "The table as sorted, one row per agent, to an .xlsx workbook"))
        self.hint.setText(QCoreApplication.translate(
            "League", "The queue filter does not apply here: agents answer every queue they "
            "are skilled for."))
        paint(self.hint, Tone.QUIET)
        self.model.refresh()
        self._render_count()

    def changeEvent(self, e: QEvent) -> None:
        if e.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(e)

    # ---- reading ---------------------------------------------------------------

    def show_filter(self, flt: TrendFilter) -> None:
        """Read the league for ``flt`` (an answer to an older filter is dropped)."""
        self._seq += 1
        self._flt = flt
        self.hint.setVisible(flt.queue is not None)
        self.status.say(QCoreApplication.translate("League", "Reading…"))
        self.backend.league(self, flt).done(tagged(self._arrived, self._seq)).refused(
            tagged(self._failed, self._seq)).run()

    def _arrived(self, seq: int, league: League) -> None:
        if seq != self._seq:
            return
        self.league = league
        self.model.set_rows(league.rows)
        self.export_button.setEnabled(bool(league.rows))
        if league.rows:
            self.status.clear()
        else:
            self.status.say(QCoreApplication.translate(
                "League", "No agent was logged in or rostered in this range."))
        self._render_count()

    def _failed(self, seq: int, why: str) -> None:
        if seq != self._seq:
            return
        self.league = None
        self.model.set_rows([])
        self.export_button.setEnabled(False)
        self._render_count()
        self.status.fail(why)

    def show_failure(self, text: str) -> None:
        self.status.fail(text)

    def _render_count(self) -> None:
        lg = self.league
        if lg is None:
            self.count_label.setText("")
            return
        self.count_label.setText(QCoreApplication.translate(
            "League", "{n} agents, {first} to {last}").format(
            n=len(lg.rows), first=lg.flt.first.isoformat(), last=lg.flt.last.isoformat()))

    def sorted_rows(self) -> list[LeagueRow]:
        """The rows in the order the table shows them."""
        out = []
        for i in range(self.proxy.rowCount()):
            src = self.proxy.mapToSource(self.proxy.index(i, 0))
            out.append(self.model.item_at(src.row()))
        return out

    # ---- export ----------------------------------------------------------------

    def _suggested_name(self) -> str:
        flt = self.league.flt if self.league is not None else self._flt
        if flt is None:
            return QCoreApplication.translate("League", "agent-league.xlsx")
        return QCoreApplication.translate("League", "agent-league_{first}_{last}.xlsx").format(
            first=flt.first.strftime("%Y%m%d"), last=flt.last.strftime("%Y%m%d"))

    def _save_dialog(self) -> str | None:
        return save_path(self, QCoreApplication.translate("League", "Export the agent league"),
                         self._suggested_name(),
                         QCoreApplication.translate("League", "Excel workbook (*.xlsx)"))

    def export_xlsx(self) -> None:
        lg = self.league
        if lg is None:
            return
        path = self.ask_path()
        if not path:
            return
        if not path.lower().endswith(".xlsx"):
            path += ".xlsx"
        shown = League(lg.flt, tuple(self.sorted_rows()), lg.rules)
        names = {rule: rule_name(rule) for rule in lg.rules}
        self.export_button.setEnabled(False)
        self.status.say(QCoreApplication.translate("League", "Exporting…"))
        self.backend.export_league(self, shown, path, names).done(
            tagged(self._exported, path)).refused(self._export_failed).run()

    def _exported(self, path: str, n: int) -> None:
        self.export_button.setEnabled(True)
        self.status.ok(QCoreApplication.translate(
            "League", "Exported {n} agents to {path}").format(n=n, path=path))

    def _export_failed(self, why: str) -> None:
        self.export_button.setEnabled(self.league is not None)
        self.status.fail(QCoreApplication.translate("League", "Export failed: {error}").format(
            error=why))


__all__ = ["LeagueModel", "LeaguePage", "LeagueSource"]
