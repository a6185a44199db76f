"""A scheduled report (R-REPORT-1, issue #18) as the HTML that Qt's QTextDocument
lays out into the PDF (:mod:`console.report_pdf`): Chinese, one section per part,
the same numbers as the workbook (:mod:`models.reports.ops_xlsx`). Pure: a string."""

from __future__ import annotations

from html import escape
from typing import Any
from zoneinfo import ZoneInfo

from models.domain.report import Part, Report


def fmt(v: Any, f: str) -> str:
    """A cell as the PDF shows it; an empty cell (nothing to divide) is '-'."""
    if v is None or v == "":
        return "-" if f != "text" else ""
    if f == "pct":
        return f"{100 * v:.1f}%"
    if f == "sec":
        return f"{v:.1f}"
    if f == "hours":
        return f"{v / 3600:.1f}"
    if f == "int":
        return str(int(v))
    return str(v)


def _part(p: Part) -> str:
    out = [f"<h2>{escape(p.title)}</h2>"]
    if not p.rows:
        out.append(f"<p class='empty'>{escape(p.empty)}</p>")
    else:
        out.append("<table width='100%' cellspacing='0' cellpadding='3' border='1'>")
        out.append("<tr>" + "".join(f"<th>{escape(c.title)}</th>" for c in p.columns)
                   + "</tr>")
        for i, row in enumerate(p.rows):
            bold = p.total_row and i == len(p.rows) - 1
            cells = []
            for v, c in zip(row, p.columns, strict=True):
                text = escape(fmt(v, c.fmt)).replace("\n", "<br/>")
                align = "left" if c.fmt == "text" else "right"
                cells.append(f"<td align='{align}'>{'<b>' if bold else ''}{text}"
                             f"{'</b>' if bold else ''}</td>")
            out.append("<tr>" + "".join(cells) + "</tr>")
        out.append("</table>")
    if p.note:
        out.append(f"<p class='note'>{escape(p.note)}</p>")
    return "\n".join(out)


def html(r: Report) -> str:
    made = r.generated_at.astimezone(ZoneInfo(r.timezone)).strftime("%Y-%m-%d %H:%M")
    head = (f"<h1>{escape(r.title)}</h1><p class='meta'>时区 {escape(r.timezone)}，"
            f"生成于 {made}</p>")
    style = ("<style>h1{font-size:16pt;} h2{font-size:12pt; margin-top:12px;} "
             "th{background-color:#d9d9d9; font-weight:bold;} td,th{font-size:8pt;} "
             "p.note,p.meta{font-size:8pt; color:#444444;} p.empty{font-size:9pt;}</style>")
    return (f"<html><head><meta charset='utf-8'/>{style}</head><body>{head}"
            + "".join(_part(p) for p in r.parts) + "</body></html>")


__all__ = ["fmt", "html"]
