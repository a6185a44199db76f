"""The two printable exports, read back: the monthly attendance summary as .xlsx
(openpyxl) and the morning meeting's minutes as PDF (pypdf)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, date, datetime
from pathlib import Path

import openpyxl
import pytest
from pypdf import PdfReader
from PySide6.QtWidgets import QApplication

from models.domain.attendance import TYPE_CODES, AgentMonth, MonthSummary
from models.domain.meeting import (
    AGENDA,
    Attendee,
    MeetingPresence,
    Minutes,
    Notice,
    QuizEntry,
)
from models.reports.attendance_xlsx import HEADERS, write_month_summary
from views.minutes_pdf import write_minutes_pdf

# ---- the monthly attendance summary (月考勤汇总表) -----------------------------------------


def days(**kw: float) -> dict[str, float]:
    return {c: float(kw.get(c, 0)) for c in TYPE_CODES}


SUMMARY = MonthSummary(
    month="2026-11",
    policy="12333 默认考勤制度",
    agents=(
        AgentMonth("1001", "张三", days(present=19.5, sick=1.5, late_early=1), late_count=3,
                   late_min=47, early_min=0, absent_days=0.5,
                   flags=("R-ATT-3: 迟到 3 次，折算旷工 0.5 天",)),
        AgentMonth("1002", "李四", days(present=20, personal=2), late_count=0, late_min=0,
                   early_min=190, absent_days=0.5,
                   flags=("R-ATT-4: 早退累计 190 分钟，折算旷工 0.5 天",
                          "R-ATT-5: 本年旷工 2 天，建议解除劳动合同")),
        AgentMonth("1003", "欧阳娜娜", days(present=21.5, absent=0.5), late_count=1,
                   late_min=5, early_min=12, absent_days=0.5,
                   charged={"personal": 0.5}),
    ),
    day_flags=("2026-11-05: 迟到 3 人（上限 2 人）", "2026-11-18: 请假 4 人（上限 3 人）"),
)

FIRST = 4  # the header is row 3


@pytest.fixture
def sheet(tmp_path: Path) -> Iterator[openpyxl.worksheet.worksheet.Worksheet]:
    out = write_month_summary(SUMMARY, tmp_path / "out" / "考勤.xlsx", center="12333")
    assert out == tmp_path / "out" / "考勤.xlsx" and out.is_file()
    wb = openpyxl.load_workbook(out)
    assert wb.sheetnames == ["2026年11月"]
    yield wb["2026年11月"]
    wb.close()


def test_summary_title_header_and_print_setup(sheet: openpyxl.worksheet.worksheet.Worksheet
                                              ) -> None:
    ws = sheet
    assert ws["A1"].value == "12333考勤汇总表（2026年11月）"
    assert "A1:Q1" in {str(r) for r in ws.merged_cells.ranges}  # across all 17 columns
    assert "12333 默认考勤制度" in ws["A2"].value and "Seatwatch" in ws["A2"].value
    assert [c.value for c in ws[3]] == [
        "序号", "工号", "姓名", "出勤", "病假", "事假", "产假", "婚假", "丧假", "探亲假",
        "迟到早退", "旷工", "迟到次数", "迟到分钟", "早退分钟", "折算旷工天数", "备注"]
    assert list(HEADERS) == [c.value for c in ws[3]]
    # A4 landscape, one page wide, header repeated, frozen below it
    assert ws.page_setup.orientation == "landscape"
    assert int(ws.page_setup.paperSize) == int(ws.PAPERSIZE_A4) == 9
    assert int(ws.page_setup.fitToWidth) == 1 and int(ws.page_setup.fitToHeight) == 0
    assert ws.sheet_properties.pageSetUpPr.fitToPage is True
    assert ws.print_title_rows == "$3:$3"
    assert ws.freeze_panes is not None and ws[ws.freeze_panes].row == FIRST
    # thin borders, a Chinese font, widths that hold the text
    for cell in (ws["A3"], ws["Q3"], ws["C6"], ws["P7"]):
        assert cell.border.left.style == "thin" and cell.border.bottom.style == "thin"
        assert cell.font.name == "宋体"
    assert ws.column_dimensions["C"].width >= 10  # 欧阳娜娜
    assert ws.column_dimensions["Q"].width >= 24


def test_each_agent_row_holds_the_numbers_as_numbers(
        sheet: openpyxl.worksheet.worksheet.Worksheet) -> None:
    ws = sheet
    for i, a in enumerate(SUMMARY.agents):
        row = [c.value for c in ws[FIRST + i]]
        assert row[:3] == [i + 1, a.agent, a.name]
        numbers = row[3:16]
        assert numbers == [*(a.days[c] for c in TYPE_CODES), a.late_count, a.late_min,
                           a.early_min, a.absent_days]
        assert all(isinstance(v, int | float) and not isinstance(v, bool) for v in numbers)
    # halves stay halves, shown as 0.5 (no "0.50", no text)
    c = ws.cell(FIRST, 5)  # 张三's 病假
    assert c.value == 1.5 and c.number_format in ("General", "0.#")
    # 备注: the flags joined by "；", leave the policy charged after them
    assert ws.cell(FIRST, 17).value == "R-ATT-3: 迟到 3 次，折算旷工 0.5 天"
    assert ws.cell(FIRST + 1, 17).value == (
        "R-ATT-4: 早退累计 190 分钟，折算旷工 0.5 天；R-ATT-5: 本年旷工 2 天，建议解除劳动合同")
    assert ws.cell(FIRST + 2, 17).value == "另计事假0.5天"


def test_totals_daily_checks_and_signature(sheet: openpyxl.worksheet.worksheet.Worksheet
                                           ) -> None:
    ws = sheet
    total = FIRST + len(SUMMARY.agents)
    row = [c.value for c in ws[total]]
    assert row[0] == "合计"
    assert row[3:16] == [61, 1.5, 2, 0, 0, 0, 0, 1, 0.5, 4, 52, 202, 1.5]
    for col, code in enumerate(TYPE_CODES, 4):
        assert ws.cell(total, col).value == sum(a.days[code] for a in SUMMARY.agents)
    # the daily checks under their heading, then the signature line
    below = [ws.cell(r, 1).value for r in range(total + 1, ws.max_row + 1)]
    assert "每日检查" in below
    at = below.index("每日检查")
    assert below[at + 1:at + 3] == list(SUMMARY.day_flags)
    assert below[-1] == "值班长：　　　　　　　　主任：　　　　　　　　日期："
    assert ws.print_area is not None and f"$Q${ws.max_row}" in ws.print_area


def test_summary_without_center_flags_or_agents(tmp_path: Path) -> None:
    bare = MonthSummary(month="2027-01", policy="001", agents=())
    ws = openpyxl.load_workbook(write_month_summary(bare, tmp_path / "s.xlsx"))["2027年1月"]
    assert ws["A1"].value == "考勤汇总表（2027年1月）"
    assert ws.cell(FIRST, 1).value == "合计" and ws.cell(FIRST, 4).value == 0
    assert "每日检查" not in [ws.cell(r, 1).value for r in range(1, ws.max_row + 1)]
    with pytest.raises(ValueError):
        write_month_summary(MonthSummary("2027/01", "001", ()), tmp_path / "bad.xlsx")


def test_the_same_summary_gives_the_same_cells(tmp_path: Path) -> None:
    a = write_month_summary(SUMMARY, tmp_path / "a.xlsx", center="12333")
    b = write_month_summary(SUMMARY, tmp_path / "b.xlsx", center="12333")
    cells = [[[c.value for c in r] for r in openpyxl.load_workbook(p).active.iter_rows()]
             for p in (a, b)]
    assert cells[0] == cells[1]
    dated = write_month_summary(SUMMARY, tmp_path / "c.xlsx", generated=date(2026, 11, 30))
    assert "2026-11-30" in openpyxl.load_workbook(dated).active["A2"].value


# ---- the morning meeting's minutes (早会记录) ------------------------------------------------


def minutes(n_attendees: int = 4, long: bool = False) -> Minutes:
    names = ["张三", "李四", "王五", "赵六"]
    attendees = [Attendee("1001", "张三"),
                 Attendee("1002", "李四", MeetingPresence.LATE, 7),
                 Attendee("1003", "王五", MeetingPresence.ABSENT),
                 Attendee("1004", "赵六")]
    attendees += [Attendee(f"{1005 + i}", f"{names[i % 4]}{i}",
                           MeetingPresence.LATE if i % 10 == 3 else MeetingPresence.PRESENT,
                           3 if i % 10 == 3 else 0)
                  for i in range(max(0, n_attendees - 4))]
    para = "今日话务预计高峰在上午十点，请各班组提前做好小休安排，保证接通率不低于百分之九十。"
    sections = {
        "arrangements": "传达人社局关于养老金调整的通知 <b>务必</b> 熟悉 & 掌握",
        "knowledge": "新业务：医保异地就医备案流程；昨日热点：社保卡补办",
        "tasks": "今日目标：接通率 95% 以上，全员加油",
        "appearance": "着装整齐，精神饱满",
        "review": "表扬张三服务热情；李四开头语不规范",
    }
    if long:
        sections = {k: v + "\n" + "\n".join([para] * 12) for k, v in sections.items()}
    return Minutes(
        day=date(2026, 11, 23), shift="白班", chair="L01", chair_name="王班长",
        sections=sections,
        notices=(Notice("11月25日晚系统升级，暂停网上办理", publish=True),
                 Notice("食堂开放时间调整为 11:30")),
        problems=("未核实来电人身份即告知缴费信息", "挂机前未询问是否还有其他问题"),
        quiz=(QuizEntry("1001", "养老金资格认证有哪些方式？", True),
              QuizEntry("1002", "异地就医备案需要哪些材料？", False),
              QuizEntry("1004", "社保卡挂失后多久可以补办？", False)),
        attendees=tuple(attendees),
        saved_at=datetime(2026, 11, 23, 0, 12, tzinfo=UTC), saved_by="L01")


def pdf_text(path: Path) -> tuple[int, str]:
    """Page count and the text layer, whitespace removed (the extraction breaks lines
    and inserts tabs wherever Qt starts a new run)."""
    reader = PdfReader(path)
    text = "".join(p.extract_text() for p in reader.pages)
    return len(reader.pages), "".join(text.split())


@pytest.fixture
def chinese(qapp: QApplication) -> Iterator[None]:
    from console.ui import I18n

    i18n = I18n(qapp)
    i18n.install("zh_CN")
    try:
        yield
    finally:
        i18n.install("en")


def test_minutes_pdf_in_chinese_reads_back(qapp: QApplication, chinese: None,
                                           tmp_path: Path) -> None:
    out = tmp_path / "早会.pdf"
    pages = write_minutes_pdf(minutes(), out)
    n, text = pdf_text(out)
    assert n == pages >= 1
    assert "早会记录" in text
    assert "日期：2026-11-23" in text and "班次：白班" in text and "主持人：王班长（L01）" in text
    for i, (_key, zh, _en) in enumerate(AGENDA):
        assert "一二三四五"[i] + "、" + zh in text
    assert "传达人社局关于养老金调整的通知" in text and "接通率95%以上" in text
    assert "11月25日晚系统升级，暂停网上办理（已发布到大屏）" in text
    assert "食堂开放时间调整为11:30" in text
    assert "食堂开放时间调整为11:30（已发布到大屏）" not in text
    assert "质检问题" in text and "未核实来电人身份即告知缴费信息" in text
    assert "工号问题回答" in text  # the quiz table's header
    assert "1002异地就医备案需要哪些材料？错误" in text
    assert "1001养老金资格认证有哪些方式？正确" in text
    assert "回答错误：2人次（共3题）" in text
    assert "工号姓名到会情况" in text
    assert "1001张三出席" in text and "1002李四迟到7分钟" in text and "1003王五缺席" in text
    assert "应到4人：出席2人，迟到1人，缺席1人" in text
    assert "记录人：王班长（L01）" in text
    assert "保存时间：2026-11-2308:12" in text  # UTC 00:12, shown in Asia/Shanghai
    assert f"第1页，共{pages}页" in text
    # Qt names shared glyphs by their radical (⽇ U+2F47 for 日): put back
    assert not any(0x2E80 <= ord(c) <= 0x2FDF for c in text), text


def test_minutes_pdf_in_english(qapp: QApplication, tmp_path: Path) -> None:
    out = tmp_path / "minutes.pdf"
    pages = write_minutes_pdf(minutes(), out)
    n, text = pdf_text(out)
    assert n == pages >= 1
    assert "Morningmeetingminutes" in text and "Date:2026-11-23" in text
    for i, (_key, _zh, en) in enumerate(AGENDA):
        assert f"{i + 1}." + "".join(en.split()) in text
    assert "Wronganswers:2of3questions" in text
    assert "1002李四Late7min" in text
    assert "Expected4:2present,1late,1absent" in text
    # lang overrides the agenda's language, the fixed texts follow the translation
    write_minutes_pdf(minutes(), tmp_path / "mixed.pdf", lang="zh_CN")
    assert "一、" + AGENDA[0][1] in pdf_text(tmp_path / "mixed.pdf")[1]


def test_user_text_is_printed_literally(qapp: QApplication, tmp_path: Path) -> None:
    m = minutes()
    m = Minutes(day=m.day, shift="<i>夜班</i>", chair="L02",
                sections={"tasks": "<b>加粗</b> & <table><tr><td>x", "review": "a &amp; b"},
                notices=(Notice("<script>alert(1)</script>"),), problems=("5 < 6 > 4",),
                quiz=(QuizEntry("<u>9</u>", "Q&A？", True),),
                attendees=(Attendee("1'\"", "<br>名"),))
    out = tmp_path / "esc.pdf"
    pages = write_minutes_pdf(m, out)
    n, text = pdf_text(out)
    assert n == pages == 1
    for literal in ("<i>夜班</i>", "<b>加粗</b>&<table><tr><td>x", "a&amp;b",
                    "<script>alert(1)</script>", "5<6>4", "<u>9</u>Q&A？", "1'\"<br>名"):
        assert literal in text, literal
    # empty parts say so rather than vanish
    assert text.count("(none)") == 3  # arrangements, knowledge, appearance


def test_long_minutes_take_more_pages(qapp: QApplication, tmp_path: Path) -> None:
    short = write_minutes_pdf(minutes(), tmp_path / "short.pdf")
    out = tmp_path / "long.pdf"
    pages = write_minutes_pdf(minutes(n_attendees=120, long=True), out)
    n, text = pdf_text(out)
    assert n == pages > short + 2
    assert "1120赵六115" in text  # the last attendee
    assert "Expected120:" in text and f"Page{pages}of{pages}" in text
    # the attendance table's header repeats on each page it runs over
    assert text.count("AgentIDNamePresence") >= 2


def test_a_meeting_not_saved_yet(qapp: QApplication, tmp_path: Path) -> None:
    m = Minutes(day=date(2026, 11, 24), shift="夜班", chair="L03")
    out = tmp_path / "new.pdf"
    assert write_minutes_pdf(m, out) == 1
    _n, text = pdf_text(out)
    assert "Recordedby:L03" in text and "Saved:notsavedyet" in text
    assert text.count("(none)") == 9  # five sections, notices, problems, quiz, attendance
