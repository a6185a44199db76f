"""The assessment sheet's PDF (月度考核表, issue #18, R-ASSESS-1…4): a long month
spans pages without ever splitting an agent's row, the header and the page footer on
each page, the status and the signature lines at the end."""

from __future__ import annotations

import subprocess
import unicodedata
from datetime import UTC, date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from console import report_pdf
from models.domain import assessment as asm
from models.domain.assessment_records import Sheet
from models.reports import assessment_html

N_AGENTS = 60
TZ = ZoneInfo("Asia/Shanghai")
ITEMS = ("late_early", "untidy_desk", "missed_meeting", "left_post")


def pages_text(pdf: bytes, tmp_path: Path) -> list[str]:
    """Each page's text, NFKC-folded (radicals, full-width brackets), spaces dropped."""
    path = tmp_path / "sheet.pdf"
    path.write_bytes(pdf)
    out = subprocess.run(["pdftotext", str(path), "-"], capture_output=True,
                         check=True).stdout.decode("utf-8")
    return ["".join(unicodedata.normalize("NFKC", p).split()) for p in out.split("\f")[:-1]]


def long_sheet() -> Sheet:
    policy = asm.default_policy()
    rows = []
    for i in range(N_AGENTS):
        agent = f"{1000 + i}"
        n = 1 + i % 6  # rows of 1 to 6 lines, so the cuts fall anywhere
        entries = tuple(asm.Entry(agent, date(2026, 11, 1 + k), ITEMS[k % len(ITEMS)], -1,
                                  note=("A" if k == 0 else "Z" if k == n - 1 else "M") + agent,
                                  id=k)
                        for k in range(n))
        parts = (asm.PartResult("system", "系统内考核", 100.0, 100, 0.5, volume=40 + i,
                                average=50.0),
                 asm.PartResult("evaluation", "考评", 100.0 - n, 100, 0.5, entries=entries))
        rows.append(asm.SheetRow(agent, f"员工{i:02d}号", "一班", parts, 100 - n / 2, i + 1,
                                 flags=(asm.FLAG_RETRAIN,) if i == N_AGENTS - 1 else ()))
    at = datetime(2026, 12, 1, 1, 30, tzinfo=UTC)
    return Sheet("2026-11", "draft", 3, policy, tuple(rows), at, "L1", None, None, "", 1)


def test_a_long_sheet_spans_pages_and_never_splits_a_row(tmp_path: Path) -> None:
    s = long_sheet()
    pdf = report_pdf.render(assessment_html.month_html(s, {"L1": "张班长"}, TZ),
                            landscape=True, footer=assessment_html.month_footer(s.month))
    pages = pages_text(pdf, tmp_path)
    assert len(pages) >= 3
    for n, page in enumerate(pages, start=1):
        assert "名次" in page and "扣分明细" in page, n  # the header again on every page
        assert f"第{n}页共{len(pages)}页" in page
    for i in range(N_AGENTS):
        agent = f"{1000 + i}"
        on = [n for n, p in enumerate(pages) if f"员工{i:02d}号" in p]
        first = [n for n, p in enumerate(pages) if f"A{agent}" in p]
        last = [n for n, p in enumerate(pages) if f"Z{agent}" in p or
                (i % 6 == 0 and f"A{agent}" in p)]
        assert len(on) == 1 and on == first == last, (agent, on, first, last)
    # the status, the last agent's remark and the signature lines close the sheet
    assert "状态:草稿,待部长确认(值班长张班长(L1)于2026-12-0109:30拟稿)" in pages[0]
    assert "待岗培训" in pages[-1] and "共60人" in pages[-1]
    assert "值班长(签字):" in pages[-1] and "部长(签字):" in pages[-1]
