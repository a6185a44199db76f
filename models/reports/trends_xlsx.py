"""The trends page's numbers as an Excel workbook (issue #17, DOMAIN §7).

One sheet: a title row (range, granularity, queue, group), the header row in
Chinese (the report goes up to the center like the attendance summary does), one
row per bucket of the range, and a 合计 row whose ratios are computed from the
range's summed counters (:meth:`TrendSeries.total`) — never an average of the
rows' ratios. Percentages are numbers formatted as percent; seconds are numbers.
By shift a 班次 column follows the period (its start, floor time): the shift's
name, 班外 between shifts. After the figures, the bucket's staffing (DOMAIN §7):
agents logged in, rostered and required, each the average over its 15-minute
slots, and its schedule fit (排班契合度); the 合计 row has the range's; empty when
the range was too long to read them.
A compared period, when there is one, follows on a second sheet, same layout.

Pure (openpyxl only): the console decides where the file goes.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.worksheet.worksheet import Worksheet

from models.domain.trend_data import (
    FIGURES,
    PERCENT,
    STAFFING,
    Bucket,
    Staffing,
    Trends,
    TrendSeries,
)
from models.reports.files import save_workbook

#: the header of each figure, Chinese (DOMAIN §7's vocabulary)
HEADERS: dict[str, str] = {
    "offered": "呼入量", "answered": "接听量", "abandoned": "放弃量",
    "service_level": "服务水平", "answer_rate": "接通率", "asa_s": "平均应答时间(秒)",
    "aht_s": "平均处理时长(秒)", "occupancy": "占用率",
    "staffed": "在席人数(时段平均)", "rostered": "排班人数(时段平均)",
    "required": "需要人数(时段平均)", "fit": "排班契合度",
}
#: the columns, in order: the figures, then the staffing
COLUMNS = (*FIGURES, *STAFFING)
BY_NAMES = {"hour": "按小时", "day": "按天", "week": "按周", "month": "按月",
            "shift": "按班次"}
COMPARE_NAMES = {"previous": "上一周期", "last_week": "上周", "last_month": "上月",
                 "last_year": "去年同期"}
PERIOD = "时段"
SHIFT = "班次"
OFF_SHIFT = "班外"
TOTAL = "合计"
ALL = "全部"
PERCENT_FORMAT = "0.0%"
SECONDS_FORMAT = "0.0"
_HEADER_FILL = PatternFill("solid", fgColor="D9D9D9")


def default_labels() -> dict[str, str]:
    return dict(HEADERS)


def period_label(b: Bucket, by: str) -> str:
    """A bucket as a director names it: 2026-03-02 08:00, 2026-03-02, 2026-03-02起 (the
    week starting then), 2026年3月; a shift by its start, 2026-03-02 20:00."""
    s = b.start
    if by in ("hour", "shift"):
        return s.strftime("%Y-%m-%d %H:%M")
    if by == "day":
        return s.strftime("%Y-%m-%d")
    if by == "week":
        return s.strftime("%Y-%m-%d") + "起"
    return f"{s.year}年{s.month}月"


def _sheet(ws: Worksheet, data: Trends, series: TrendSeries, title: str,
           labels: dict[str, str]) -> None:
    flt = series.flt
    ws.append([f"{title}：{flt.first.isoformat()} 至 {flt.last.isoformat()}，"
               f"{BY_NAMES[flt.by]}，队列 {flt.queue or ALL}，坐席组 {flt.group or ALL}"])
    ws.cell(1, 1).font = Font(bold=True)
    shifts = flt.by == "shift"
    ws.append([PERIOD, *([SHIFT] if shifts else []),
               *(labels.get(n, HEADERS[n]) for n in COLUMNS)])
    for c in ws[2]:
        c.font = Font(bold=True)
        c.fill = _HEADER_FILL
        c.alignment = Alignment(horizontal="center")
    for b in series.buckets:
        f = b.figures(data.sl_threshold_s)
        ws.append([period_label(b, flt.by), *([b.shift or OFF_SHIFT] if shifts else []),
                   *(f[n] for n in FIGURES), *_staffing(b.staffing)])
    tot = Bucket(series.buckets[0].start, series.buckets[-1].end,
                 series.total()).figures(data.sl_threshold_s) if series.buckets else {}
    ws.append([TOTAL, *([""] if shifts else []), *(tot.get(n) for n in FIGURES),
               *_staffing(series.staffing)])
    for c in ws[ws.max_row]:
        c.font = Font(bold=True)
    for col, n in enumerate(COLUMNS, start=3 if shifts else 2):
        fmt = PERCENT_FORMAT if n in PERCENT or n == "fit" else \
            SECONDS_FORMAT if n.endswith("_s") or n in STAFFING else "0"
        for row in range(3, ws.max_row + 1):
            ws.cell(row, col).number_format = fmt
    ws.column_dimensions["A"].width = 20
    for letter in "BCDEFGHIJKLMN"[:len(COLUMNS) + shifts]:
        ws.column_dimensions[letter].width = 16
    ws.freeze_panes = "C3" if shifts else "B3"


def _staffing(s: Staffing | None) -> list[float | None]:
    return [None if s is None else s.get(n) for n in STAFFING]


def write(data: Trends, path: str | Path, labels: dict[str, str] | None = None) -> str:
    """``data`` to ``path`` (.xlsx). Returns the path written."""
    labels = labels or default_labels()
    wb = Workbook()
    ws: Any = wb.active
    ws.title = "趋势"
    _sheet(ws, data, data.series, "趋势", labels)
    if data.compare is not None:
        name = COMPARE_NAMES.get(data.compare_kind, "对比")
        _sheet(wb.create_sheet(name), data, data.compare, name, labels)
    save_workbook(wb, path)
    return str(path)


__all__ = ["COLUMNS", "HEADERS", "OFF_SHIFT", "SHIFT", "TOTAL", "default_labels",
           "period_label", "write"]
