"""The month's assessment sheet (月度考核表) and the year's (年度考核汇总表) as Excel
workbooks, in the form a center files (issue #18, DOMAIN §8, R-ASSESS-1…4).

The month: a title row (月度考核表, the month, the policy and whether it is
confirmed), the header row (Chinese, frozen below it), one row per agent in rank
order: for each part of the policy its score and what it was measured from — the
handled calls and the average they were compared with (R-ASSESS-2), the leader's
score and the recorded calls' mean (12333), every deduction or bonus with its day
and points — then the total, the reward in yuan and the remarks (通报表扬, 待岗培训).
Scores are numbers (Excel sums and sorts them); a score that could not be computed
is an empty cell, never 0. The year: each agent's confirmed monthly totals, their
sum and the yearly score (Σ / 12, R-ASSESS-4).

Pure (openpyxl only), written whole or not at all (models/reports/files.py).
"""

from __future__ import annotations

import math
import unicodedata
from collections.abc import Mapping, Sequence
from fractions import Fraction
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from models.domain.assessment import (
    FLAG_FEW_CALLS,
    FLAG_INCOMPLETE,
    FLAG_PRAISE,
    FLAG_RETRAIN,
    FLAG_UNKNOWN_ITEM,
    AssessmentPolicy,
    PartResult,
    SheetRow,
    YearRow,
    exact,
    r2,
)
from models.reports.files import save_workbook

HEADER_ROW = 3
#: the deductions' column (Excel units: 56 Latin characters, 28 Chinese)
DETAIL_WIDTH = 56
#: a score's column (a longer header wraps)
NUMBER_WIDTH = 13
#: the height of one line of 11-point Chinese text, in points (15 cut the last line
#: off in LibreOffice; Excel's own is 14.25 for Latin text)
LINE_PT = 18
FONT_NAME = "宋体"
_HEADER_FILL = PatternFill("solid", fgColor="D9D9D9")
#: the remarks column, as a center writes them
FLAG_ZH = {FLAG_PRAISE: "通报表扬", FLAG_RETRAIN: "待岗培训（通报批评）",
           FLAG_INCOMPLETE: "缺班长评分或录音评分，未计总分", FLAG_FEW_CALLS: "录音评分不足规定数量",
           FLAG_UNKNOWN_ITEM: "有登记项不在本考核办法中，未计分"}
STATUS_ZH = {"draft": "草稿（待部门负责人确认）", "confirmed": "已确认"}


def month_zh(month: str) -> str:
    y, m = month.split("-")
    return f"{y}年{int(m)}月"


def _n(x: float) -> str:
    return f"{x:g}"


def sheet_headers(policy: AssessmentPolicy) -> list[str]:
    out = ["名次", "工号", "姓名", "班组"]
    for part in policy.parts:
        if part.scoring == "volume":
            out += ["处理量", "平均处理量", f"{part.name}（满分{_n(part.max)}）"]
        elif part.scoring == "leader_calls":
            out += [f"{part.name}·班长评分", f"{part.name}·录音评分均值",
                    f"{part.name}（满分{_n(part.max)}）"]
        else:
            out.append(f"{part.name}（满分{_n(part.max)}）")
    bonus = any(p.scoring == "bonus" for p in policy.parts)
    return [*out, "总分", "奖励（元）", "扣分、加分明细" if bonus else "扣分明细", "备注"]


def _detail(parts: Sequence[PartResult], policy: AssessmentPolicy) -> str:
    """Every deduction and bonus of the row, by day, one a line (the row grows, nothing
    is cut); with several parts that take them (12333), each names its part."""
    named = sum(1 for p in policy.parts if p.scoring in ("deductions", "bonus")) > 1
    out = []
    for e, part in sorted(((e, p.name) for p in parts for e in p.entries),
                          key=lambda x: (x[0].day, x[0].id or 0)):
        it = policy.item(e.item)
        name = it.name if it is not None else e.item
        sign = f"+{_n(e.points)}" if e.points > 0 else _n(e.points).replace("-", "−")
        out.append(f"{e.day.month}月{e.day.day}日 " + (f"【{part}】" if named else "")
                   + f"{name} {sign}" + (f"（{e.note}）" if e.note else ""))
    return "\n".join(out)


def sheet_cells(r: SheetRow, policy: AssessmentPolicy) -> list[object]:
    out: list[object] = [r.rank, r.agent, r.name, r.group]
    for part in policy.parts:
        p = next((x for x in r.parts if x.part == part.id), None)
        if p is None:
            out += [None] * (3 if part.scoring in ("volume", "leader_calls") else 1)
        elif part.scoring == "volume":
            out += [p.volume, p.average, p.score]
        elif part.scoring == "leader_calls":
            mean = (r2(sum((exact(c) for c in p.calls), Fraction(0)) / len(p.calls))
                    if p.calls else None)
            out += [p.leader, mean, p.score]
        else:
            out.append(p.score)
    return [*out, r.total, r.reward_yuan or None, _detail(r.parts, policy),
            "\n".join(FLAG_ZH.get(f, f) for f in r.flags)]


def _width(text: str) -> int:
    """Excel's column units a text takes (a Chinese character takes two)."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _lines(text: str, width: int) -> int:
    """The lines a wrapped cell of ``width`` needs for ``text``."""
    return sum(max(1, math.ceil(_width(line) / max(1, width - 2))) for line in text.split("\n"))


def _print_setup(ws: object) -> None:
    """Landscape, every column on one page's width (a center files it on paper)."""
    ws.page_setup.orientation = "landscape"  # type: ignore[attr-defined]
    ws.page_setup.paperSize = 9  # type: ignore[attr-defined]  # A4
    ws.page_setup.fitToWidth = 1  # type: ignore[attr-defined]
    ws.page_setup.fitToHeight = 0  # type: ignore[attr-defined]
    ws.sheet_properties.pageSetUpPr.fitToPage = True  # type: ignore[attr-defined]
    ws.print_title_rows = f"{HEADER_ROW}:{HEADER_ROW}"  # type: ignore[attr-defined]


def _title(ws: object, text: str, sub: str) -> None:
    ws.cell(row=1, column=1, value=text).font = Font(name=FONT_NAME, bold=True, size=14)  # type: ignore[attr-defined]
    ws.cell(row=2, column=1, value=sub).font = Font(name=FONT_NAME)  # type: ignore[attr-defined]


def _header_row(ws: object, headers: Sequence[str]) -> None:
    for i, h in enumerate(headers, start=1):
        c = ws.cell(row=HEADER_ROW, column=i, value=h)  # type: ignore[attr-defined]
        c.font = Font(name=FONT_NAME, bold=True)
        c.fill = _HEADER_FILL
        c.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)


def write_month(path: str | Path, month: str, rows: Sequence[SheetRow],
                policy: AssessmentPolicy, *, status: str = "draft",
                policy_version: int | None = None, drafted: str = "",
                confirmed: str = "") -> int:
    """Write the month's sheet to ``path`` (.xlsx); returns the agent rows written."""
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = "月度考核表"
    ver = f" 第{policy_version}版" if policy_version is not None else ""
    _title(ws, f"月度考核表（{month_zh(month)}）",
           f"考核办法：{policy.name}{ver}；状态：{STATUS_ZH.get(status, status)}"
           + (f"；拟稿：{drafted}" if drafted else "") + (f"；确认：{confirmed}" if confirmed else ""))
    headers = sheet_headers(policy)
    _header_row(ws, headers)
    wide = {i: (DETAIL_WIDTH if h.endswith("明细") else 24) for i, h in enumerate(headers)
            if h.endswith("明细") or h == "备注"}
    for n, r in enumerate(rows, start=HEADER_ROW + 1):
        lines = 1
        for i, v in enumerate(sheet_cells(r, policy)):
            c = ws.cell(row=n, column=i + 1, value=v)
            c.font = Font(name=FONT_NAME)
            c.alignment = Alignment(vertical="top", horizontal="center" if i == 0 else None)
            if i in wide:
                c.alignment = Alignment(wrap_text=True, vertical="top", indent=1)
                lines = max(lines, _lines(str(v or ""), wide[i]))
        if lines > 1:  # openpyxl cannot autofit: a wrapped cell sets its row's height
            ws.row_dimensions[n].height = LINE_PT * lines
    for i, h in enumerate(headers, start=1):  # a long header wraps (the header row is
        ws.column_dimensions[get_column_letter(i)].width = (  # two lines high)
            wide.get(i - 1) or max(8, min(NUMBER_WIDTH, _width(h) + 2)))
    ws.row_dimensions[HEADER_ROW].height = LINE_PT * max(
        _lines(h, wide.get(i) or max(8, min(NUMBER_WIDTH, _width(h) + 2)))
        for i, h in enumerate(headers))
    ws.freeze_panes = ws.cell(row=HEADER_ROW + 1, column=4)
    _print_setup(ws)
    save_workbook(wb, path)
    return len(rows)


def write_year(path: str | Path, year: int, rows: Sequence[YearRow],
               status: Mapping[str, str], divisor: int = 12) -> int:
    """Write the year's sheet: the confirmed months' totals and the yearly score."""
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = "年度考核汇总表"
    months = [f"{year:04d}-{m:02d}" for m in range(1, 13)]
    missing = [f"{int(m[5:])}月" for m in months if status.get(m) != "confirmed"]
    _title(ws, f"年度考核汇总表（{year}年）",
           f"年度得分 = 各月考核得分之和 ÷ {divisor}；只计已确认的月份"
           + (f"；未确认或未考核：{'、'.join(missing)}" if missing else ""))
    headers = ["名次", "工号", "姓名", "班组", *(f"{int(m[5:])}月" for m in months),
               "月度合计", "年度得分"]
    _header_row(ws, headers)
    for n, r in enumerate(rows, start=HEADER_ROW + 1):
        values: list[object] = [r.rank, r.agent, r.name, r.group,
                                *(r.months.get(m) for m in months),
                                round(sum(r.months.values()), 2), r.total]
        for i, v in enumerate(values):
            c = ws.cell(row=n, column=i + 1, value=v)
            c.font = Font(name=FONT_NAME)
            if i == 0:
                c.alignment = Alignment(horizontal="center")
    for i, h in enumerate(headers, start=1):
        ws.column_dimensions[get_column_letter(i)].width = max(8, _width(h) + 2)
    ws.freeze_panes = ws.cell(row=HEADER_ROW + 1, column=4)
    _print_setup(ws)
    save_workbook(wb, path)
    return len(rows)


__all__ = ["FLAG_ZH", "HEADER_ROW", "month_zh", "sheet_cells", "sheet_headers", "write_month", "write_year"]
