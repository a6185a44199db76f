"""The agent league table (坐席排名, issue #17) as an Excel workbook.

One sheet: a title row (坐席排名 and the range), the header row (Chinese, frozen
below it), one row per agent in the table's order. Numbers are stored as numbers:
counts as whole numbers, times in seconds or hours, ratios as fractions formatted
as percentages (Excel sorts and sums them); a figure with nothing to divide (no
calls, no rostered shift) is an empty cell, never 0.

Pure (openpyxl only): the console decides where the file goes.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from models.domain.league import League, LeagueRow
from models.reports.files import save_workbook

HEADERS: tuple[str, ...] = ("工号", "姓名", "班组", "接听量", "平均处理时长(秒)", "占用率",
                            "登录时长(小时)", "休息次数", "超时小休", "告警合计", "遵从率")
#: the header row (a title row above it)
HEADER_ROW = 2
PERCENT = "0.0%"
FONT_NAME = "宋体"
_HEADER_FILL = PatternFill("solid", fgColor="D9D9D9")


def _cells(r: LeagueRow, groups: Mapping[str, str]) -> list[object]:
    group = r.group_name or (groups.get(r.group_id, r.group_id) if r.group_id else "")
    return [r.agent_id, r.name, group, r.handled,
            None if r.aht_s is None else round(r.aht_s, 1), r.occupancy,
            r.logged_in_s / 3600.0, r.breaks, r.breaks_over, r.alerts_total, r.adherence]


def write_league(path: str | Path, league: League, groups: Mapping[str, str] | None = None,
                 rule_names: Mapping[str, str] | None = None) -> int:
    """Write ``league`` to ``path`` (.xlsx): the fixed columns, then one column per
    rule that occurred (named by ``rule_names``, the rule id otherwise). Returns the
    rows written (agents)."""
    groups = groups or {}
    names = rule_names or {}
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = "坐席排名"
    flt = league.flt
    title = f"坐席排名（{flt.first.isoformat()} 至 {flt.last.isoformat()}）"
    headers = [*HEADERS, *(f"{rule} {names[rule]}" if rule in names else f"告警 {rule}"
                           for rule in league.rules)]
    ws.cell(row=1, column=1, value=title).font = Font(name=FONT_NAME, bold=True, size=14)
    for i, h in enumerate(headers, start=1):
        c = ws.cell(row=HEADER_ROW, column=i, value=h)
        c.font = Font(name=FONT_NAME, bold=True)
        c.fill = _HEADER_FILL
        c.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
    pct = {HEADERS.index("占用率"), HEADERS.index("遵从率")}
    for n, r in enumerate(league.rows, start=HEADER_ROW + 1):
        values = [*_cells(r, groups), *(r.alerts.get(rule, 0) for rule in league.rules)]
        for i, v in enumerate(values):
            c = ws.cell(row=n, column=i + 1, value=v)
            c.font = Font(name=FONT_NAME)
            if i in pct:
                c.number_format = PERCENT
            elif headers[i] == "登录时长(小时)":
                c.number_format = "0.00"
            elif headers[i] == "平均处理时长(秒)":
                c.number_format = "0.0"
    for i, h in enumerate(headers, start=1):
        ws.column_dimensions[get_column_letter(i)].width = max(10, len(h) * 2 + 2)
    ws.freeze_panes = ws.cell(row=HEADER_ROW + 1, column=3)
    save_workbook(wb, path)
    return len(league.rows)


__all__ = ["HEADERS", "HEADER_ROW", "write_league"]
