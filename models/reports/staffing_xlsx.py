"""Next month's per-slot staffing plan as an Excel workbook (R-REPORT-1: due by the 25th;
issue #17 "Staffing").

Two sheets:

* ``2026年12月`` — one row per 15-minute slot of the month: 日期, 星期, 时段, 预测话务量
  (calls that reach the agents), 平均处理时长（秒）, 需求坐席（Erlang C or A, the model
  named in the header), 含缺勤需求（÷(1−缺勤系数)）, 排班人数, 缺口 (排班 − 需求; under
  zero: short, shaded);
* ``每日汇总`` — one row per day: 预测话务量 (sum), 需求人时 and 排班人时 (agent-hours:
  Σ per slot × 0.25 h), 缺员时段数, 最大缺口.

Above each table: the title and one line of what the numbers were made with (SL
target, T, Erlang C/A, patience, shrinkage, forecast weeks, queue, group). Numbers are
stored as numbers, values not formulas. Pure (openpyxl only): the caller decides
where the file goes.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from models.domain import staffing as fc
from models.domain.staffing_plan import MODEL_ERLANG_A, Assumptions, SlotPlan, StaffingPlan
from models.reports.files import save_workbook

WEEKDAYS = ("周一", "周二", "周三", "周四", "周五", "周六", "周日")
FONT_NAME = "宋体"
HEADER_ROW = 3
SUMMARY_TITLE = "每日汇总"

_thin = Side(style="thin", color="000000")
_BORDER = Border(left=_thin, right=_thin, top=_thin, bottom=_thin)
_HEADER_FILL = PatternFill("solid", fgColor="D9D9D9")
_SHORT_FILL = PatternFill("solid", fgColor="F8CBAD")
_FONT = Font(name=FONT_NAME)  # one shared style object: a month is 30,000 cells

BASIS_NOTE = {fc.BASIS_HOLIDAY: "按往年节假日", fc.BASIS_HOLIDAY_AS_WEEKDAY: "节假日（无往年数据，按同星期）",
              fc.BASIS_NONE: "无历史数据"}


def model_name(a: Assumptions) -> str:
    return "Erlang A" if a.model == MODEL_ERLANG_A else "Erlang C"


def slot_headers(a: Assumptions) -> tuple[str, ...]:
    return ("日期", "星期", "时段", "预测话务量", "平均处理时长（秒）",
            f"需求坐席（{model_name(a)}）", f"含缺勤需求（÷(1−{a.shrinkage:g})）", "排班人数",
            "缺口（排班−需求）", "备注")


SUMMARY_HEADERS: tuple[str, ...] = ("日期", "星期", "预测话务量", "需求人时", "排班人时",
                                    "缺员时段数", "最大缺口")


def month_title(first: date) -> str:
    return f"{first.year}年{first.month}月"


def assumptions_line(a: Assumptions) -> str:
    parts = [f"服务水平目标 {a.sl_target:.0%} 的来电在 {a.t_s:g} 秒内接起",
             model_name(a) + (f"（平均耐心 {a.patience_s:g} 秒）" if a.patience_s else ""),
             f"缺勤系数 {a.shrinkage:.0%}",
             f"预测：前 {a.weeks} 周同星期同时段均值，节假日按往年节假日",
             f"队列：{a.queue or '全部'}", f"班组：{a.group or '全部'}", f"时区：{a.timezone}"]
    return "；".join(parts)


def _num(x: float | None, digits: int = 2) -> int | float | None:
    if x is None:
        return None
    r = round(float(x), digits)
    return int(r) if r == int(r) else r


def _slot_text(s: SlotPlan) -> str:
    end = (datetime.combine(s.start.date(), s.start.time()) + fc.SLOT).strftime("%H:%M")
    return f"{s.start:%H:%M}–{'24:00' if end == '00:00' else end}"


def _table(ws: Worksheet, title: str, note: str, headers: Sequence[str],
           rows: Sequence[Sequence[Any]], widths: Sequence[int],
           short_col: int | None) -> None:
    ws.cell(row=1, column=1, value=title).font = Font(name=FONT_NAME, size=14, bold=True)
    ws.cell(row=2, column=1, value=note).font = Font(name=FONT_NAME, size=9)
    for c, h in enumerate(headers, 1):
        cell = ws.cell(row=HEADER_ROW, column=c, value=h)
        cell.font = Font(name=FONT_NAME, bold=True)
        cell.fill = _HEADER_FILL
        cell.border = _BORDER
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
    for r, row in enumerate(rows, HEADER_ROW + 1):
        short = short_col is not None and isinstance(row[short_col], int | float) \
            and row[short_col] < 0
        for c, v in enumerate(row, 1):
            cell = ws.cell(row=r, column=c, value=v)
            cell.font = _FONT
            cell.border = _BORDER
            if short:
                cell.fill = _SHORT_FILL
    for c, w in enumerate(widths, 1):
        ws.column_dimensions[get_column_letter(c)].width = w
    ws.freeze_panes = ws.cell(row=HEADER_ROW + 1, column=1)
    ws.print_title_rows = f"{HEADER_ROW}:{HEADER_ROW}"
    ws.page_setup.orientation = "landscape"
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True


def slot_rows(plan: StaffingPlan) -> list[list[Any]]:
    return [[s.start.date(), WEEKDAYS[s.start.weekday()], _slot_text(s), _num(s.calls),
             _num(s.aht_s, 1), s.required, s.to_roster, s.rostered, s.gap,
             BASIS_NOTE.get(s.basis, "")] for s in plan.slots]


def day_rows(plan: StaffingPlan) -> list[list[Any]]:
    days: dict[date, list[SlotPlan]] = {}
    for s in plan.slots:
        days.setdefault(s.start.date(), []).append(s)
    out: list[list[Any]] = []
    for d, slots in sorted(days.items()):
        known = [s for s in slots if s.to_roster is not None]
        gaps = [s.gap for s in known if s.gap is not None]
        calls = [s.calls for s in slots if s.calls is not None]
        out.append([d, WEEKDAYS[d.weekday()], _num(sum(calls)) if calls else None,
                    _num(sum(s.to_roster or 0 for s in known) * 0.25) if known else None,
                    _num(sum(s.rostered for s in slots) * 0.25),
                    sum(1 for g in gaps if g < 0), min(gaps) if gaps else None])
    return out


def write_plan(plan: StaffingPlan, path: str | Path, center: str = "") -> int:
    """Write ``plan`` (a month, or any days) to ``path``; returns the slot rows written."""
    a = plan.assumptions
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    first = plan.first
    same_month = (plan.first.year, plan.first.month) == (plan.last.year, plan.last.month) \
        and plan.first.day == 1
    ws.title = month_title(first) if same_month else f"{plan.first:%Y-%m-%d}至{plan.last:%m-%d}"
    period = month_title(first) if same_month else f"{plan.first}至{plan.last}"
    rows = slot_rows(plan)
    _table(ws, f"{center}分时段人力配置计划（{period}）", assumptions_line(a), slot_headers(a),
           rows, (12, 6, 13, 11, 12, 14, 16, 9, 12, 22), 8)
    for r in range(HEADER_ROW + 1, HEADER_ROW + 1 + len(rows)):
        ws.cell(row=r, column=1).number_format = "yyyy-mm-dd"
    summary = wb.create_sheet(SUMMARY_TITLE)
    days = day_rows(plan)
    _table(summary, f"{center}人力配置每日汇总（{period}）",
           "人时 = 各时段人数 × 0.25 小时；缺员时段：排班人数少于含缺勤需求的 15 分钟时段",
           SUMMARY_HEADERS, days, (12, 6, 11, 11, 11, 11, 10), 6)
    for r in range(HEADER_ROW + 1, HEADER_ROW + 1 + len(days)):
        summary.cell(row=r, column=1).number_format = "yyyy-mm-dd"
    save_workbook(wb, path)
    return len(rows)


__all__ = ["SUMMARY_HEADERS", "SUMMARY_TITLE", "month_title", "slot_headers", "write_plan"]
