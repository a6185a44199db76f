"""The monthly attendance summary (月考勤汇总表, DOMAIN §6 R-ATT-6) as an Excel workbook.

One sheet, titled like ``2026年11月``, printable on one A4 landscape page width:

* a title row merged across the table: ``{center}考勤汇总表（2026年11月）``;
* a subtitle row: the attendance policy and the generation note;
* the header row (repeated on every printed page, panes frozen below it):
  序号, 工号, 姓名, the nine types of :data:`TYPE_CODES` in order, 迟到次数,
  迟到分钟, 早退分钟, 折算旷工天数, 备注;
* one row per agent (numbers stored as numbers, half days shown as 0.5), 备注 the
  policy's flags and the leave it charged, joined by "；";
* a 合计 row with the column totals (values, not formulas: readable without Excel);
* the daily checks' findings under 每日检查, if any;
* the signature line for the shift leader and the director.

Pure (openpyxl only): the console decides where the file goes.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from models.domain.attendance import TYPE_CODES, AgentMonth, MonthSummary
from models.reports.files import save_workbook

#: the Chinese names of the nine types, by code (DOMAIN §6)
TYPE_NAMES: dict[str, str] = {
    "present": "出勤", "sick": "病假", "personal": "事假", "maternity": "产假",
    "marriage": "婚假", "bereavement": "丧假", "family_visit": "探亲假",
    "late_early": "迟到早退", "absent": "旷工",
}

HEADERS: tuple[str, ...] = ("序号", "工号", "姓名", *(TYPE_NAMES[c] for c in TYPE_CODES),
                            "迟到次数", "迟到分钟", "早退分钟", "折算旷工天数", "备注")
#: first row of the table (title, subtitle above it)
HEADER_ROW = 3
NOTE_SEP = "；"
SIGNATURE = "值班长：　　　　　　　　主任：　　　　　　　　日期："
FONT_NAME = "宋体"
#: days: 1, 0.5, 2.5 (never "1.0"); counts and minutes: whole numbers
DAYS_FORMAT = "General"
COUNT_FORMAT = "0"

_thin = Side(style="thin", color="000000")
_BORDER = Border(left=_thin, right=_thin, top=_thin, bottom=_thin)
_HEADER_FILL = PatternFill("solid", fgColor="D9D9D9")
_TOTAL_FILL = PatternFill("solid", fgColor="F2F2F2")


def month_title(month: str) -> str:
    """``"2026-11"`` → ``"2026年11月"`` (``"2026-01"`` → ``"2026年1月"``)."""
    try:
        year, mon = (int(p) for p in month.split("-"))
    except ValueError:
        raise ValueError(f"month must be YYYY-MM, not {month!r}") from None
    if not 1 <= mon <= 12:
        raise ValueError(f"month must be YYYY-MM, not {month!r}")
    return f"{year}年{mon}月"


def _num(x: float) -> int | float:
    """Whole values as ints (``1`` not ``1.0``), the rest rounded off float noise."""
    r = round(float(x), 2)
    return int(r) if r == int(r) else r


def _fmt_days(x: float) -> str:
    return f"{_num(x)}"


def remarks(a: AgentMonth) -> str:
    """备注: the policy's flags, then the leave it charged beyond the records."""
    parts = list(a.flags)
    for code in TYPE_CODES:  # in column order, whatever order the mapping has
        d = a.charged.get(code, 0)
        if d:
            parts.append(f"另计{TYPE_NAMES[code]}{_fmt_days(d)}天")
    return NOTE_SEP.join(parts)


def _row_values(i: int, a: AgentMonth) -> list[object]:
    return [i, a.agent, a.name, *(_num(a.days.get(c, 0)) for c in TYPE_CODES),
            a.late_count, a.late_min, a.early_min, _num(a.absent_days), remarks(a)]


def _totals(agents: Sequence[AgentMonth]) -> list[object]:
    return ["合计", "", f"{len(agents)}人",
            *(_num(sum(a.days.get(c, 0) for a in agents)) for c in TYPE_CODES),
            sum(a.late_count for a in agents), sum(a.late_min for a in agents),
            sum(a.early_min for a in agents), _num(sum(a.absent_days for a in agents)), ""]


def _text_width(s: str) -> float:
    """Rough display width in Excel's character units: CJK and full-width count two."""
    return sum(2.0 if ord(ch) >= 0x2E80 else 1.1 for ch in s)


def write_month_summary(summary: MonthSummary, path: str | Path, *, center: str = "",
                        generated: date | datetime | None = None) -> Path:
    """Write ``summary`` to ``path`` (.xlsx) and return the path.

    ``center`` heads the title (e.g. "12333"); ``generated`` dates the generation
    note (left out when None, so the same summary gives the same cells).
    """
    path = Path(path)
    ncols = len(HEADERS)
    last_col = get_column_letter(ncols)
    mtitle = month_title(summary.month)

    wb = Workbook()
    ws: Worksheet = wb.active
    ws.title = mtitle
    wb.properties.creator = "Seatwatch"
    wb.properties.title = f"{center}考勤汇总表（{mtitle}）"

    base = Font(name=FONT_NAME, size=10)
    bold = Font(name=FONT_NAME, size=10, bold=True)
    center_al = Alignment(horizontal="center", vertical="center", wrap_text=True)
    left_al = Alignment(horizontal="left", vertical="center", wrap_text=True)

    # title and subtitle
    ws.append([f"{center}考勤汇总表（{mtitle}）"])
    ws.merge_cells(f"A1:{last_col}1")
    ws["A1"].font = Font(name=FONT_NAME, size=16, bold=True)
    ws["A1"].alignment = Alignment(horizontal="center", vertical="center")
    ws.row_dimensions[1].height = 30
    note = "由 Seatwatch 生成"
    if generated is not None:
        note += f"，生成日期 {generated.strftime('%Y-%m-%d')}"
    ws.append([f"考勤政策：{summary.policy}　　{note}　　（单位：天；迟到、早退：分钟）"])
    ws.merge_cells(f"A2:{last_col}2")
    ws["A2"].font = base
    ws["A2"].alignment = Alignment(horizontal="left", vertical="center")

    # header
    ws.append(list(HEADERS))
    for c in ws[HEADER_ROW]:
        c.font = bold
        c.alignment = center_al
        c.border = _BORDER
        c.fill = _HEADER_FILL
    ws.row_dimensions[HEADER_ROW].height = 30

    # agents, totals
    first_type = 4
    days_cols = {*range(first_type, first_type + len(TYPE_CODES)), ncols - 1}
    note_col = ncols
    rows = [_row_values(i, a) for i, a in enumerate(summary.agents, 1)]
    rows.append(_totals(summary.agents))
    for values in rows:
        ws.append(values)
        r = ws.max_row
        for col, c in enumerate(ws[r], 1):
            c.border = _BORDER
            c.font = base
            if col == note_col:
                c.alignment = left_al
            else:
                c.alignment = Alignment(horizontal="center", vertical="center")
            if isinstance(c.value, (int, float)):
                c.number_format = DAYS_FORMAT if col in days_cols else COUNT_FORMAT
    total_row = ws.max_row
    for c in ws[total_row]:
        c.font = bold
        c.fill = _TOTAL_FILL
    ws.merge_cells(start_row=total_row, start_column=1, end_row=total_row, end_column=2)

    # the daily checks (R-ATT 000: > 2 late, > 3 on leave a day)
    if summary.day_flags:
        ws.append([])
        ws.append(["每日检查"])
        ws.cell(ws.max_row, 1).font = bold
        for flag in summary.day_flags:
            ws.append([flag])
            r = ws.max_row
            ws.merge_cells(start_row=r, start_column=1, end_row=r, end_column=ncols)
            ws.cell(r, 1).font = base
            ws.cell(r, 1).alignment = Alignment(horizontal="left", vertical="center")

    # signature
    ws.append([])
    ws.append([SIGNATURE])
    sig = ws.max_row
    ws.merge_cells(start_row=sig, start_column=1, end_row=sig, end_column=ncols)
    ws.cell(sig, 1).font = Font(name=FONT_NAME, size=11)
    ws.row_dimensions[sig].height = 28

    # column widths: the widest of the header and the table's cells, 备注 capped (it wraps)
    for col in range(1, ncols + 1):
        texts = [HEADERS[col - 1], *(str(v) for v in (row[col - 1] for row in rows))]
        width = max(_text_width(t) for t in texts) + 2
        width = max(width, 6.0)
        if col == note_col:
            width = min(max(width, 24.0), 50.0)
        elif col in days_cols or col > 3:
            width = min(width, 10.0)  # headers wrap (e.g. 折算旷工天数)
        ws.column_dimensions[get_column_letter(col)].width = round(width, 1)

    # print: A4 landscape, one page wide, header repeated, frozen below the header
    ws.freeze_panes = ws.cell(HEADER_ROW + 1, 4)  # keep 序号, 工号, 姓名 in view too
    ws.print_title_rows = f"{HEADER_ROW}:{HEADER_ROW}"
    ws.print_area = f"A1:{last_col}{ws.max_row}"
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_options.horizontalCentered = True
    ws.page_margins.left = ws.page_margins.right = 0.5
    ws.page_margins.top = ws.page_margins.bottom = 0.6
    ws.oddFooter.center.text = "第 &P 页，共 &N 页"
    ws.oddFooter.center.font = FONT_NAME

    save_workbook(wb, path)
    return path
