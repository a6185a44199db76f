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

from collections.abc import Mapping, Sequence
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from models.domain.assessment import (
    FLAG_FEW_CALLS,
    FLAG_INCOMPLETE,
    FLAG_PRAISE,
    FLAG_RETRAIN,
    AssessmentPolicy,
    PartResult,
    SheetRow,
    YearRow,
)
from models.reports.files import save_workbook

HEADER_ROW = 3
FONT_NAME = "宋体"
_HEADER_FILL = PatternFill("solid", fgColor="D9D9D9")
#: the remarks column, as a center writes them
FLAG_ZH = {FLAG_PRAISE: "通报表扬", FLAG_RETRAIN: "待岗培训（通报批评）",
           FLAG_INCOMPLETE: "缺班长评分或录音评分，未计总分", FLAG_FEW_CALLS: "录音评分不足规定数量"}
STATUS_ZH = {"draft": "草稿（待部门负责人确认）", "confirmed": "已确认"}


def _month_zh(month: str) -> str:
    y, m = month.split("-")
    return f"{y}年{int(m)}月"


def _n(x: float) -> str:
    return f"{x:g}"


def _headers(policy: AssessmentPolicy) -> list[str]:
    out = ["名次", "工号", "姓名", "班组"]
    for part in policy.parts:
        if part.scoring == "volume":
            out += ["处理量", "平均处理量", f"{part.name}（满分{_n(part.max)}）"]
        elif part.scoring == "leader_calls":
            out += [f"{part.name}·班长评分", f"{part.name}·录音评分均值",
                    f"{part.name}（满分{_n(part.max)}）"]
        else:
            out += [f"{part.name}（满分{_n(part.max)}）",
                    f"{part.name}{'加分' if part.scoring == 'bonus' else '扣分'}明细"]
    return [*out, "总分", "奖励（元）", "备注"]


def _detail(p: PartResult, policy: AssessmentPolicy) -> str:
    out = []
    for e in p.entries:
        it = policy.item(e.item)
        name = it.name if it is not None else e.item
        sign = f"+{_n(e.points)}" if e.points > 0 else _n(e.points).replace("-", "−")
        out.append(f"{e.day.month}月{e.day.day}日 {name} {sign}"
                   + (f"（{e.note}）" if e.note else ""))
    return "；".join(out)


def _cells(r: SheetRow, policy: AssessmentPolicy) -> list[object]:
    out: list[object] = [r.rank, r.agent, r.name, r.group]
    for part in policy.parts:
        p = next((x for x in r.parts if x.part == part.id), None)
        if p is None:
            out += [None] * (3 if part.scoring in ("volume", "leader_calls") else 2)
        elif part.scoring == "volume":
            out += [p.volume, p.average, p.score]
        elif part.scoring == "leader_calls":
            mean = round(sum(p.calls) / len(p.calls), 2) if p.calls else None
            out += [p.leader, mean, p.score]
        else:
            out += [p.score, _detail(p, policy)]
    return [*out, r.total, r.reward_yuan or None, "；".join(FLAG_ZH.get(f, f) for f in r.flags)]


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
    _title(ws, f"月度考核表（{_month_zh(month)}）",
           f"考核办法：{policy.name}{ver}；状态：{STATUS_ZH.get(status, status)}"
           + (f"；拟稿：{drafted}" if drafted else "") + (f"；确认：{confirmed}" if confirmed else ""))
    headers = _headers(policy)
    _header_row(ws, headers)
    wide = {i for i, h in enumerate(headers) if h.endswith("明细") or h == "备注"}
    for n, r in enumerate(rows, start=HEADER_ROW + 1):
        for i, v in enumerate(_cells(r, policy)):
            c = ws.cell(row=n, column=i + 1, value=v)
            c.font = Font(name=FONT_NAME)
            if isinstance(v, float):
                c.number_format = "0.00"
            if i in wide:
                c.alignment = Alignment(wrap_text=True, vertical="top")
    for i, h in enumerate(headers, start=1):
        ws.column_dimensions[get_column_letter(i)].width = (
            40 if i - 1 in wide else max(8, min(24, len(h) * 2 + 2)))
    ws.freeze_panes = ws.cell(row=HEADER_ROW + 1, column=4)
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
            if isinstance(v, float):
                c.number_format = "0.00"
    for i, h in enumerate(headers, start=1):
        ws.column_dimensions[get_column_letter(i)].width = max(8, len(h) * 2 + 2)
    ws.freeze_panes = ws.cell(row=HEADER_ROW + 1, column=4)
    save_workbook(wb, path)
    return len(rows)


__all__ = ["FLAG_ZH", "HEADER_ROW", "write_month", "write_year"]
