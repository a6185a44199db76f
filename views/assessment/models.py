"""The assessment screen's tables (issue #18): the month's sheet (its columns follow
the policy's parts), the floor's proposals, the register and the year's sheet. Each
is a :class:`~views.kit.table.RowTableModel` over frozen rows; the sheet and the
year are sorted through a proxy by value (``SORT_ROLE``), never by text."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import tzinfo
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QBrush, QFont

from models.domain import assessment as asm
from models.domain.assessment_records import Proposal, Sheet, StoredEntry
from views import theme as themes
from views.assessment.texts import (
    evidence_text,
    flag_label,
    flag_tip,
    num,
    pool_label,
    signed,
    source_label,
)
from views.kit.table import RowTableModel

SORT_ROLE = Qt.ItemDataRole.UserRole + 1
RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
#: "—" sorts below every figure
_NONE = -1e18


class SheetModel(RowTableModel):
    """One row per agent (:class:`SheetRow`); the columns: rank, 工号, name, group,
    each part's score (a volume part also its calls handled and the average it was
    measured against, R-ASSESS-2), the total, the reward and the flags."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.cols: list[tuple[str, str]] = []
        self.policy: asm.AssessmentPolicy | None = None
        self.COLUMNS = 0

    def key(self, item: Any) -> Any:
        return item.agent

    def set_sheet(self, sheet: Sheet | None) -> None:
        self.beginResetModel()
        self.policy = sheet.policy if sheet is not None else None
        cols = [("rank", ""), ("agent", ""), ("name", ""), ("group", "")]
        for p in sheet.policy.parts if sheet is not None else ():
            cols.append(("score", p.id))
            if p.scoring == "volume":
                cols += [("volume", p.id), ("average", p.id)]
        cols += [("total", ""), ("reward", ""), ("flags", "")]
        self.cols = cols if sheet is not None else []
        self.COLUMNS = len(self.cols)
        self._rows = list(sheet.rows) if sheet is not None else []
        self.endResetModel()

    def column(self, kind: str, part: str = "") -> int:
        return self.cols.index((kind, part))

    def _part(self, part_id: str) -> asm.Part | None:
        return self.policy.part(part_id) if self.policy is not None else None

    def header(self, section: int) -> str | None:
        kind, part = self.cols[section]
        p = self._part(part)
        if kind == "score":
            return p.name if p is not None else part
        return {
            "rank": QCoreApplication.translate("AssessmentView", "Rank"),
            "agent": QCoreApplication.translate("AssessmentView", "Agent ID"),
            "name": QCoreApplication.translate("AssessmentView", "Name"),
            "group": QCoreApplication.translate("AssessmentView", "Group"),
            "volume": QCoreApplication.translate("AssessmentView", "Calls handled"),
            "average": QCoreApplication.translate("AssessmentView", "Average"),
            "total": QCoreApplication.translate("AssessmentView", "Total"),
            "reward": QCoreApplication.translate("AssessmentView", "Reward (yuan)"),
            "flags": QCoreApplication.translate("AssessmentView", "Remarks"),
        }.get(kind)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if (
            orientation == Qt.Orientation.Horizontal
            and role == Qt.ItemDataRole.ToolTipRole
            and 0 <= section < self.COLUMNS
        ):
            kind, part = self.cols[section]
            p = self._part(part)
            if kind == "score" and p is not None:
                return QCoreApplication.translate(
                    "AssessmentView", "Out of {max}, weighted {weight} % in the total"
                ).format(max=num(p.max), weight=num(p.weight * 100))
            if kind == "average":
                return QCoreApplication.translate(
                    "AssessmentView",
                    "The average of calls handled the agent was measured against (R-ASSESS-2)",
                )
        return super().headerData(section, orientation, role)

    def _value(self, r: asm.SheetRow, col: int) -> Any:
        kind, part = self.cols[col]
        if kind == "rank":
            return r.rank
        if kind == "agent":
            return r.agent
        if kind == "name":
            return r.name
        if kind == "group":
            return r.group
        if kind == "total":
            return r.total
        if kind == "reward":
            return r.reward_yuan
        if kind == "flags":
            return "、".join(flag_label(f) for f in r.flags)
        pr = next((x for x in r.parts if x.part == part), None)
        if pr is None:
            return None
        return {"score": pr.score, "volume": pr.volume, "average": pr.average}[kind]

    def cell(self, r: asm.SheetRow, col: int, role: int) -> Any:
        kind, part = self.cols[col]
        numeric = kind in ("rank", "score", "volume", "average", "total", "reward")
        if role == Qt.ItemDataRole.DisplayRole:
            v = self._value(r, col)
            if kind == "reward":
                return str(v) if v else ""
            if kind == "volume":
                return "—" if v is None else str(v)
            if numeric:
                return num(v)
            return v or ("—" if kind == "group" else "")
        if role == SORT_ROLE:
            v = self._value(r, col)
            if numeric:
                return _NONE if v is None else float(v)
            return v or ""
        if role == Qt.ItemDataRole.TextAlignmentRole and numeric:
            return RIGHT
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tip(r, kind, part)
        return None

    def _tip(self, r: asm.SheetRow, kind: str, part: str) -> str | None:
        if kind == "flags" and r.flags:
            return "\n".join(flag_tip(f) for f in r.flags)
        if kind not in ("score", "average"):
            return None
        pr = next((x for x in r.parts if x.part == part), None)
        if pr is None:
            return None
        if pr.volume is not None:
            return QCoreApplication.translate(
                "AssessmentView", "{n} calls handled against an average of {avg} over {pool}"
            ).format(n=pr.volume, avg=num(pr.average), pool=pool_label(pr.pool, pr.pool_size))
        if pr.entries:
            return "\n".join(
                f"{e.day.isoformat()} {self._item_name(e.item)} {signed(e.points)}"
                for e in pr.entries
            )
        if pr.leader is not None or pr.calls:
            return QCoreApplication.translate(
                "AssessmentView", "Leader's score {leader}; recorded calls {calls}"
            ).format(leader=num(pr.leader), calls="、".join(num(c) for c in pr.calls) or "—")
        return None

    def _item_name(self, item: str) -> str:
        it = self.policy.item(item) if self.policy is not None else None
        return it.name if it is not None else item


class ProposalsModel(RowTableModel):
    """The floor's proposals (:class:`Proposal`) waiting for a person, each with the
    evidence the floor recorded."""

    COLUMNS = 6

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.tz: tzinfo | None = None

    def key(self, item: Any) -> Any:
        return item.key

    def header(self, section: int) -> str | None:
        return [
            QCoreApplication.translate("AssessmentView", "Day"),
            QCoreApplication.translate("AssessmentView", "Agent ID"),
            QCoreApplication.translate("AssessmentView", "Name"),
            QCoreApplication.translate("AssessmentView", "Item"),
            QCoreApplication.translate("AssessmentView", "Points"),
            QCoreApplication.translate("AssessmentView", "What the floor saw"),
        ][section]

    def cell(self, p: Proposal, col: int, role: int) -> Any:
        if role == Qt.ItemDataRole.DisplayRole:
            return [
                p.day.isoformat(),
                p.agent,
                p.name,
                p.item_name,
                signed(p.points),
                evidence_text(p.evidence, self.tz) or p.note,
            ][col]
        if role == Qt.ItemDataRole.TextAlignmentRole and col == 4:
            return RIGHT
        if role == Qt.ItemDataRole.ToolTipRole and col in (3, 5):
            return p.note or None
        return None


class EntriesModel(RowTableModel):
    """The month's register (:class:`StoredEntry`), withdrawn entries shown, greyed."""

    COLUMNS = 9

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.policy: asm.AssessmentPolicy | None = None
        self.people: Mapping[str, str] = {}
        self.tz: tzinfo | None = None

    def key(self, item: Any) -> Any:
        return item.id

    def set_entries(
        self,
        entries: Sequence[StoredEntry],
        policy: asm.AssessmentPolicy | None,
        people: Mapping[str, str],
        tz: tzinfo | None = None,
    ) -> None:
        self.policy, self.people, self.tz = policy, people, tz
        self.set_rows(entries)
        self.refresh()

    def item_name(self, e: StoredEntry) -> str:
        pol = self.policy
        if e.kind in ("leader", "call"):
            part = pol.part(e.item) if pol is not None else None
            name = part.name if part is not None else e.item
            return (
                QCoreApplication.translate("AssessmentView", "Leader's score: {part}")
                if e.kind == "leader"
                else QCoreApplication.translate("AssessmentView", "Recorded call: {part}")
            ).format(part=name)
        it = pol.item(e.item) if pol is not None else None
        return it.name if it is not None else e.item

    def header(self, section: int) -> str | None:
        return [
            QCoreApplication.translate("AssessmentView", "Day"),
            QCoreApplication.translate("AssessmentView", "Agent ID"),
            QCoreApplication.translate("AssessmentView", "Name"),
            QCoreApplication.translate("AssessmentView", "Item"),
            QCoreApplication.translate("AssessmentView", "Points"),
            QCoreApplication.translate("AssessmentView", "Note"),
            QCoreApplication.translate("AssessmentView", "Source"),
            QCoreApplication.translate("AssessmentView", "Recorded by"),
            QCoreApplication.translate("AssessmentView", "State"),
        ][section]

    def cell(self, e: StoredEntry, col: int, role: int) -> Any:
        if role == Qt.ItemDataRole.DisplayRole:
            pts = num(e.points) if e.kind in ("leader", "call") else signed(e.points)
            return [
                e.day.isoformat(),
                e.agent,
                self.people.get(e.agent, ""),
                self.item_name(e),
                pts,
                e.note,
                source_label(e.source),
                self.people.get(e.created_by, e.created_by),
                QCoreApplication.translate("AssessmentView", "Withdrawn") if e.withdrawn else "",
            ][col]
        if role == Qt.ItemDataRole.TextAlignmentRole and col == 4:
            return RIGHT
        if role == Qt.ItemDataRole.ForegroundRole and e.withdrawn:
            return QBrush(themes.current().stale_text)
        if role == Qt.ItemDataRole.FontRole and e.withdrawn:
            f = QFont()
            f.setStrikeOut(True)
            return f
        if role == Qt.ItemDataRole.ToolTipRole:
            return "\n".join(x for x in (e.note, evidence_text(e.evidence, self.tz)) if x) or None
        return None


class YearModel(RowTableModel):
    """The year's sheet (:class:`YearRow`): rank, the agent, each month, the score."""

    COLUMNS = 17

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.year = 0

    def key(self, item: Any) -> Any:
        return item.agent

    def set_year(self, year: int, rows: Sequence[asm.YearRow]) -> None:
        self.year = year
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def header(self, section: int) -> str | None:
        if 4 <= section < 16:
            return QCoreApplication.translate("AssessmentView", "Month {m}").format(m=section - 3)
        return {
            0: QCoreApplication.translate("AssessmentView", "Rank"),
            1: QCoreApplication.translate("AssessmentView", "Agent ID"),
            2: QCoreApplication.translate("AssessmentView", "Name"),
            3: QCoreApplication.translate("AssessmentView", "Group"),
            16: QCoreApplication.translate("AssessmentView", "Yearly score"),
        }.get(section)

    def _value(self, r: asm.YearRow, col: int) -> Any:
        if 4 <= col < 16:
            return r.months.get(f"{self.year:04d}-{col - 3:02d}")
        return {0: r.rank, 1: r.agent, 2: r.name, 3: r.group, 16: r.total}[col]

    def cell(self, r: asm.YearRow, col: int, role: int) -> Any:
        numeric = col == 0 or col >= 4
        if role == Qt.ItemDataRole.DisplayRole:
            v = self._value(r, col)
            return num(v) if numeric else (v or "—")
        if role == SORT_ROLE:
            v = self._value(r, col)
            return (_NONE if v is None else float(v)) if numeric else (v or "")
        if role == Qt.ItemDataRole.TextAlignmentRole and numeric:
            return RIGHT
        return None
