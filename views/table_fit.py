"""Column widths of the console's tables that fit their content (issue #12, item 4).

A column is as wide as its header and the widest text it can show — measured from
the floor's own names and from templates of the numbers ("100.0%", "9:59:59"), not
from whatever happened to be on screen when the window opened, so a figure that
grows later ("—" → "87.6%") is never elided. Measuring templates keeps it cheap:
no ResizeToContents pass over 2,000 rows on every snapshot.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QFont, QFontMetrics
from PySide6.QtWidgets import QHeaderView, QTableView

from models.domain.floor import FloorState
from models.domain.privacy import mask_caller
from models.domain.types import AgentState, AwayReason
from views.agent_model import (
    COL_BREAK_TIME,
    COL_BREAKS,
    COL_CALL,
    COL_CALLS,
    COL_GROUP,
    COL_ID,
    COL_NAME,
    COL_REASON,
    COL_STATE,
    COL_TIME,
)
from views.kit.texts import away_name, state_name
from views.queue_model import (
    COL_AR,
    COL_ASA,
    COL_FORECAST,
    COL_IV_SL,
    COL_LONGEST,
    COL_SL,
    COL_WAITING,
    QueueTableModel,
)

#: a cell's text margins and the focus frame; a header's padding and its sort arrow
CELL_PAD = 14
HEADER_PAD = 26


def _widest(fm: QFontMetrics, texts: list[str]) -> int:
    return max((fm.horizontalAdvance(t) for t in texts if t), default=0)


#: text widths already measured, by font: the queue columns are fitted every second
#: and their figures repeat ("100.0%", "0 / 0 / 0"), issue #20
_WIDTHS: dict[tuple[str, str], int] = {}


def _widest_cached(font: QFont, fm: QFontMetrics, texts: list[str]) -> int:
    key = font.key()
    if len(_WIDTHS) > 20_000:
        _WIDTHS.clear()
    best = 0
    for t in set(texts):
        if not t:
            continue
        w = _WIDTHS.get((key, t))
        if w is None:
            w = _WIDTHS[(key, t)] = fm.horizontalAdvance(t)
        best = max(best, w)
    return best


def agent_column_widths(view: QTableView, state: FloorState | None) -> list[int]:
    """What each agent-table column needs to show any value without eliding it."""
    model = view.model()
    header = view.horizontalHeader()
    hfm = header.fontMetrics()
    fm = view.fontMetrics()
    hold = QCoreApplication.translate("AgentTable", "{talk} (hold {hold})").format(
        talk="00:00", hold="00:00")
    templates: dict[int, list[str]] = {
        COL_ID: ["000000"],
        COL_NAME: ["欧阳小明"],
        COL_GROUP: ["一班"],
        COL_STATE: [state_name(s) for s in AgentState],
        COL_REASON: [away_name(r) for r in AwayReason],
        COL_TIME: ["9:59:59", hold],
        COL_CALL: [mask_caller("057188888888")],
        COL_CALLS: ["999"],
        COL_BREAKS: ["99"],
        COL_BREAK_TIME: ["9:59:59"],
    }
    if state is not None:
        templates[COL_ID] += list(state.agents)
        templates[COL_NAME] += [a.name for a in state.agents.values()]
        templates[COL_GROUP] += [g.name for g in state.groups.values()]
    out = []
    for col in range(model.columnCount()):
        head = str(model.headerData(col, Qt.Orientation.Horizontal) or "")
        out.append(max(hfm.horizontalAdvance(head) + HEADER_PAD,
                       _widest(fm, templates.get(col, [])) + CELL_PAD))
    return out


def fit_agent_columns(view: QTableView, state: FloorState | None) -> None:
    """Widen every agent-table column to what it needs (never narrower than the
    operator made it); the last column takes what is left of the window."""
    header = view.horizontalHeader()
    header.setStretchLastSection(True)
    for col, need in enumerate(agent_column_widths(view, state)):
        if view.columnWidth(col) < need:
            view.setColumnWidth(col, need)


def queue_column_widths(view: QTableView, model: QueueTableModel) -> list[int]:
    hfm = view.horizontalHeader().fontMetrics()
    bold = QFont(view.font())
    bold.setBold(True)  # the floor total's row is bold
    fm = QFontMetrics(bold)
    templates: dict[int, list[str]] = {
        COL_WAITING: ["999"], COL_LONGEST: ["9:59:59"], COL_SL: ["100.0%"],
        COL_AR: ["100.0%"], COL_ASA: ["999 s"], COL_IV_SL: ["100.0%"],
        # issue #17: the forecast under target names the agents it needs
        COL_FORECAST: [QCoreApplication.translate("QueueTable", "{pct} · {n} more").format(
            pct="100.0%", n=99), QCoreApplication.translate("QueueTable", "{pct} · lost").format(
            pct="100.0%")],
    }
    out = []
    for col in range(model.columnCount()):
        head = str(model.headerData(col, Qt.Orientation.Horizontal) or "")
        texts = list(templates.get(col, []))
        texts += model.column_texts(col)
        out.append(max(hfm.horizontalAdvance(head) + HEADER_PAD,
                       _widest_cached(bold, fm, texts) + CELL_PAD))
    return out


def fit_queue_columns(view: QTableView, model: QueueTableModel, *, shrink: bool) -> None:
    """Size the queue table's figures to their content; the queue name takes the rest
    of the width. ``shrink`` re-measures from scratch (a new language, new queues);
    otherwise columns only grow, so the figures do not jitter as they change."""
    header = view.horizontalHeader()
    header.setStretchLastSection(False)
    header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    if model.columnCount():
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
    for col, need in enumerate(queue_column_widths(view, model)):
        if col == 0:
            continue
        if shrink or view.columnWidth(col) < need:
            view.setColumnWidth(col, need)
