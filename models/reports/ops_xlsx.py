"""A scheduled report (R-REPORT-1, issue #18) as an Excel workbook: a cover sheet
(title, period, time zone, when made) and one sheet per part with its Chinese
headers; percentages are numbers formatted as percent, seconds and hours numbers,
so a director can sum and chart them. Pure (openpyxl only)."""

from __future__ import annotations

import io
from typing import Any
from zoneinfo import ZoneInfo

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill

from models.domain.report import Report

FORMATS = {"int": "0", "pct": "0.0%", "sec": "0.0", "hours": "0.0", "text": "@"}
_HEADER_FILL = PatternFill("solid", fgColor="D9D9D9")
#: a sheet title holds at most 31 characters and none of []:*?/\
_BAD = str.maketrans({c: "_" for c in "[]:*?/\\"})


def _cell(v: Any, fmt: str) -> Any:
    if fmt == "hours" and isinstance(v, int | float):
        return v / 3600.0  # stored as seconds
    return v


def workbook(r: Report) -> Workbook:
    wb = Workbook()
    ws: Any = wb.active
    ws.title = "概要"
    ws.append([r.title])
    ws.cell(1, 1).font = Font(bold=True, size=14)
    ws.append(["时区", r.timezone])
    ws.append(["生成时间", r.generated_at.astimezone(_tz(r)).strftime("%Y-%m-%d %H:%M")])
    for p in r.parts:
        ws.append([p.title, f"{len(p.rows) - (1 if p.total_row else 0)} 行" if p.rows
                   else p.empty])
    ws.column_dimensions["A"].width = 24
    ws.column_dimensions["B"].width = 40
    for p in r.parts:
        sh: Any = wb.create_sheet(p.title.translate(_BAD)[:31])
        sh.append([c.title for c in p.columns])
        for c in sh[1]:
            c.font = Font(bold=True)
            c.fill = _HEADER_FILL
            c.alignment = Alignment(horizontal="center", wrap_text=True)
        if not p.rows:
            sh.append([p.empty])
        for row in p.rows:
            sh.append([_cell(v, c.fmt) for v, c in zip(row, p.columns, strict=True)])
        for i, col in enumerate(p.columns, start=1):
            letter = sh.cell(1, i).column_letter
            long = max((len(str(row[i - 1] or "")) for row in p.rows), default=0)
            sh.column_dimensions[letter].width = min(60, max(10, len(col.title) * 2 + 2,
                                                             long * 1.6 if col.fmt == "text"
                                                             else 0))
            for j in range(2, sh.max_row + 1):
                cell = sh.cell(j, i)
                if p.rows:
                    cell.number_format = FORMATS[col.fmt]
                if col.fmt == "text":
                    cell.alignment = Alignment(wrap_text=True, vertical="top")
        if p.total_row:
            for c in sh[sh.max_row]:
                c.font = Font(bold=True)
        if p.note:
            sh.append([])
            sh.append([p.note])
        sh.freeze_panes = "B2"
    return wb


def _tz(r: Report) -> ZoneInfo:
    return ZoneInfo(r.timezone)


def to_bytes(r: Report) -> bytes:
    buf = io.BytesIO()
    workbook(r).save(buf)
    return buf.getvalue()


__all__ = ["FORMATS", "to_bytes", "workbook"]
