"""The month's assessment sheet (月度考核表) and the year's (年度考核汇总表) as the HTML
that the PDF engine prints (landscape A4, :mod:`console.report_pdf`), issue #18,
DOMAIN §8, R-ASSESS-1…4.

The same columns, rows and remarks as the workbook (:mod:`models.reports.assessment_xlsx`:
its header and cell functions are used here, so the two cannot drift), in the form a
center files on paper: the title, the policy and its version, the status (草稿 /
已确认) with who drafted and confirmed it and when, the table, and at the foot the
lines where 值班长 and 部长 sign. Chinese, like the workbook. Pure: a string.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import datetime, tzinfo
from html import escape

from models.domain.assessment import YearRow
from models.domain.assessment_records import Sheet
from models.reports import assessment_xlsx as ax

#: a row's cells that hold prose (left-aligned, wrapped); the rest are numbers
_TEXT_HEADERS = ("工号", "姓名", "班组", "备注")
_STYLE = ("<style>h1{font-size:16pt;} td,th{font-size:8.5pt;} "
          "th{background-color:#d9d9d9; font-weight:bold;} p.meta{font-size:9pt;} "
          "p.sign{font-size:10.5pt;}</style>")
SIGN_GAP = "&nbsp;" * 12
BLANK = "_" * 16


def _when(t: datetime | None, tz: tzinfo | None) -> str:
    if t is None:
        return ""
    if tz is not None and t.tzinfo is not None:
        t = t.astimezone(tz)
    return t.strftime("%Y-%m-%d %H:%M")


def _cell(v: object) -> str:
    if v is None or v == "":
        return ""
    if isinstance(v, float):
        v = f"{v:g}"
    return escape(str(v)).replace("\n", "<br/>")


def _table(headers: Sequence[str], rows: Sequence[Sequence[object]],
           widths: Mapping[int, int]) -> str:
    out = ["<table width='100%' border='1' cellspacing='0' cellpadding='3' "
           "style='border-collapse: collapse; border-color: #000000;'>",
           "<thead><tr>" + "".join(
               f"<th{(' width=' + repr(str(widths[i]) + '%')) if i in widths else ''}>"
               f"{escape(h)}</th>" for i, h in enumerate(headers)) + "</tr></thead>"]
    for row in rows:
        cells = []
        for h, v in zip(headers, row, strict=True):
            left = h in _TEXT_HEADERS or h.endswith("明细")
            cells.append(f"<td align='{'left' if left else 'center'}' valign='top'>"
                         f"{_cell(v)}</td>")
        out.append("<tr>" + "".join(cells) + "</tr>")
    out.append("</table>")
    return "\n".join(out)


def _sign() -> str:
    """The lines a filed form is signed on, by hand."""
    return (f"<p class='sign' style='margin-top:24px;'>值班长（签字）：{BLANK}{SIGN_GAP}"
            f"日期：{BLANK}{SIGN_GAP}部长（签字）：{BLANK}{SIGN_GAP}日期：{BLANK}</p>")


def _page(title: str, meta: Sequence[str], table: str, note: str = "") -> str:
    head = f"<h1 align='center'>{escape(title)}</h1>" + "".join(
        f"<p class='meta'>{escape(m)}</p>" for m in meta)
    tail = f"<p class='meta'>{escape(note)}</p>" if note else ""
    return (f"<html><head><meta charset='utf-8'/>{_STYLE}</head><body>{head}{table}"
            f"{tail}{_sign()}</body></html>")


def status_line(s: Sheet, names: Mapping[str, str], tz: tzinfo | None) -> str:
    """草稿 / 已确认, with who and when (names where the floor knows them)."""
    def who(op: str | None) -> str:
        op = op or ""
        name = names.get(op, "")
        return f"{name}（{op}）" if name and name != op else op

    drafted = f"值班长 {who(s.drafted_by)} 于 {_when(s.drafted_at, tz)} 拟稿"
    if s.status == "confirmed":
        return (f"状态：已确认（部长 {who(s.confirmed_by)} 于 {_when(s.confirmed_at, tz)} "
                f"确认；{drafted}）")
    return f"状态：草稿，待部长确认（{drafted}）"


def month_html(s: Sheet, names: Mapping[str, str] | None = None,
               tz: tzinfo | None = None) -> str:
    """The month's sheet, every agent in rank order, as the workbook has it."""
    names = names or {}
    headers = ax.sheet_headers(s.policy)
    widths = {i: 32 for i, h in enumerate(headers) if h.endswith("明细")}
    widths |= {i: 9 for i, h in enumerate(headers) if h == "备注"}
    rows = [ax.sheet_cells(r, s.policy) for r in s.rows]
    meta = [f"考核办法：{s.policy.name}（{s.policy.id}） 第{s.policy_version}版",
            status_line(s, names, tz)]
    if s.reason:
        meta.append(f"确认后修改的原因：{s.reason}")
    note = f"共 {len(s.rows)} 人"
    return _page(f"月度考核表（{ax.month_zh(s.month)}）", meta, _table(headers, rows, widths),
                 note)


def year_html(year: int, rows: Sequence[YearRow], status: Mapping[str, str],
              divisor: int = 12) -> str:
    """The year's sheet: each confirmed month's total, their sum, Σ / ``divisor``."""
    months = [f"{year:04d}-{m:02d}" for m in range(1, 13)]
    missing = [f"{int(m[5:])}月" for m in months if status.get(m) != "confirmed"]
    headers = ["名次", "工号", "姓名", "班组", *(f"{int(m[5:])}月" for m in months),
               "月度合计", "年度得分"]
    cells = [[r.rank, r.agent, r.name, r.group, *(r.months.get(m) for m in months),
              round(sum(r.months.values()), 2), r.total] for r in rows]
    meta = [f"年度得分 = 各月考核得分之和 ÷ {divisor}；只计已确认的月份",
            f"未确认或未考核：{'、'.join(missing)}" if missing else "十二个月均已确认"]
    return _page(f"年度考核汇总表（{year}年）", meta, _table(headers, cells, {}),
                 f"共 {len(rows)} 人")


def month_footer(month: str) -> str:
    return f"月度考核表（{ax.month_zh(month)}）"


def year_footer(year: int) -> str:
    return f"年度考核汇总表（{year}年）"


__all__ = ["month_footer", "month_html", "status_line", "year_footer", "year_html"]
