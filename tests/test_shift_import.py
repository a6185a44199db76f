"""Importing the roster, the attendance register and the holiday calendar from CSV
(models.domain.shiftimport): good files, bad rows reported by line and reason next
to the good rows, encodings, headers."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from models.domain.attendance import AttendanceRecord, AttType
from models.domain.shiftimport import (
    Holiday,
    RosterEntry,
    RowError,
    ShiftFileError,
    parse_attendance_csv,
    parse_date,
    parse_holiday_csv,
    parse_roster_csv,
    read_attendance_csv,
    read_holiday_csv,
    read_roster_csv,
)
from tests.zh import raises_zh

SHIFTS = ("白班", "夜班")
KNOWN = {"1001", "1002", "1003"}
D3, D4 = date(2026, 11, 3), date(2026, 11, 4)


def by_line(errors: list[RowError]) -> dict[str, str]:
    out = {e.where: e.reason for e in errors}
    assert len(out) == len(errors), "one error per line"
    return out


def assert_errors(errors: list[RowError], expected: dict[str, list[str]]) -> None:
    """Exactly the lines of ``expected`` are reported, each reason containing every
    fragment given for it."""
    got = by_line(errors)
    assert sorted(got) == sorted(expected), got
    for where, fragments in expected.items():
        for f in fragments:
            assert f in got[where], (where, got[where], f)


# ---- dates -------------------------------------------------------------------------


@pytest.mark.parametrize(("text", "expected"), [
    ("2026-11-03", D3), ("2026/11/3", D3), ("2026/11/03", D3), ("2026-11-3", D3),
    (" 2026-11-03 ", D3), ("2024-02-29", date(2024, 2, 29)),
    ("2026-02-30", None), ("2026-13-01", None), ("2026-00-10", None), ("yesterday", None),
    ("", None), ("2026.11.03", None), ("2026-11/03", None), ("03/11/2026", None),
    ("20261103", None), ("２０２６-11-03", None), ("2026-11-03x", None),
])
def test_parse_date_takes_iso_and_excel_dates_only(text: str, expected: date | None) -> None:
    assert parse_date(text) == expected


# ---- roster ------------------------------------------------------------------------

ROSTER = """date,shift,agent,role
2026-11-03,白班,1001,agent
2026-11-03,白班,1002,
2026-11-03,白班,L01,leader
2026-11-03,夜班,1003
2026-11-04,白班,1001,agent
"""

ROSTER_ZH = """日期,班次,工号,角色
2026/11/3,白班,1001,坐席
2026/11/3,白班,1002,
2026/11/3,白班,L01,值班长
2026/11/3,夜班,1003,坐席
2026/11/4,白班,1001,坐席
"""

ROSTER_EXPECTED = [RosterEntry(D3, "白班", "1001"), RosterEntry(D3, "白班", "1002"),
                   RosterEntry(D3, "白班", "L01", "leader"), RosterEntry(D3, "夜班", "1003"),
                   RosterEntry(D4, "白班", "1001")]


def roster(text: str) -> tuple[list[RosterEntry], list[RowError]]:
    r = parse_roster_csv(text, shifts=SHIFTS, known=KNOWN, leaders={"L01", "L02"})
    return r.entries, r.errors


@pytest.mark.parametrize("text", [ROSTER, ROSTER_ZH], ids=["english", "chinese"])
def test_a_good_roster(text: str) -> None:
    assert roster(text) == (ROSTER_EXPECTED, [])


def test_roster_without_role_column_is_all_agents() -> None:
    entries, errors = roster("shift,agent,date\n白班,1001,2026-11-03\n夜班,1002,2026/11/4\n")
    assert errors == []
    assert entries == [RosterEntry(D3, "白班", "1001"), RosterEntry(D4, "夜班", "1002")]


def test_roster_header_is_case_insensitive_and_cells_are_stripped() -> None:
    entries, errors = roster(" Date , SHIFT ,Agent,Role\n 2026-11-03 , 白班 , 1001 , Leader \n")
    assert errors == []
    assert entries == [RosterEntry(D3, "白班", "1001", "leader")]


def test_roster_leader_aliases_and_leader_ids() -> None:
    text = ("date,shift,agent,role\n2026-11-03,白班,L01,班长\n2026-11-03,白班,L02,leader\n"
            "2026-11-03,夜班,1001,值班长\n2026-11-03,夜班,L09,leader\n"
            "2026-11-04,夜班,L01,agent\n")
    entries, errors = roster(text)
    # several leaders may share a shift; an agent may lead; a leader id is no agent
    assert entries == [RosterEntry(D3, "白班", "L01", "leader"),
                       RosterEntry(D3, "白班", "L02", "leader"),
                       RosterEntry(D3, "夜班", "1001", "leader")]
    assert_errors(errors, {"line 5": ["unknown leader 'L09'"],
                           "line 6": ["unknown agent 'L01'"]})


def test_leader_rows_are_checked_against_known_when_no_leaders_are_given() -> None:
    r = parse_roster_csv("date,shift,agent,role\n2026-11-03,白班,1001,leader\n"
                         "2026-11-03,白班,L01,leader\n", shifts=SHIFTS, known=KNOWN)
    assert r.entries == [RosterEntry(D3, "白班", "1001", "leader")]
    assert_errors(r.errors, {"line 3": ["unknown leader 'L01'"]})


def test_the_same_agent_may_work_two_shifts_a_day() -> None:
    entries, errors = roster("date,shift,agent\n2026-11-03,白班,1001\n2026-11-03,夜班,1001\n")
    assert errors == []
    assert len(entries) == 2


BAD_ROSTER = """date,shift,agent,role
2026-11-03,白班,1001,agent
2026-02-30,白班,1002,agent
2026-13-01,白班,1002,agent
yesterday,白班,1002,agent

2026-11-03,白班,1099,agent
2026-11-03,晚班,1002,agent
2026-11-03,白班,1002,boss
2026-11-03,白班,1001,leader
,白班,1002,agent

2026-11-03,,1002,agent
2026-11-03,白班,,agent
2026-11-03,白班,1002,agent,extra
2026/11/3,白班,1001
2026-11-03,白班,1002,agent
"""


def test_a_broken_roster_reports_each_bad_line_and_keeps_the_good_rows() -> None:
    entries, errors = roster(BAD_ROSTER)
    assert entries == [RosterEntry(D3, "白班", "1001"), RosterEntry(D3, "白班", "1002")]
    assert_errors(errors, {
        "line 3": ["bad date '2026-02-30'", "YYYY-MM-DD"],
        "line 4": ["bad date '2026-13-01' (use YYYY-MM-DD)"],
        "line 5": ["bad date 'yesterday'"],
        # line 6 is blank: skipped, but it counts
        "line 7": ["unknown agent '1099'"],
        "line 8": ["unknown shift '晚班'", "白班, 夜班"],
        "line 9": ["unknown role 'boss'", "leader"],
        "line 10": ["duplicate of line 2 (2026-11-03, 白班, 1001)"],
        "line 11": ["date is empty"],
        "line 13": ["shift is empty", "白班, 夜班"],
        "line 14": ["agent (工号) is empty"],
        "line 15": ["'extra'", "field 5", "no column in the header"],
        "line 16": ["duplicate of line 2 (2026-11-03, 白班, 1001)"],
    })
    # line 17 is the first good row for 1002 (its earlier rows were all bad)


def test_a_row_with_several_problems_names_them_all() -> None:
    _, errors = roster("date,shift,agent\n2026-13-01,晚班,1099\n")
    assert_errors(errors, {"line 2": ["bad date '2026-13-01'", "unknown shift '晚班'",
                                      "unknown agent '1099'"]})


def test_str_of_a_row_error_names_line_and_reason() -> None:
    _, errors = roster("date,shift,agent\n\n\n2026-11-03,白班,1099\n")
    assert [str(e) for e in errors] == ["line 4: unknown agent '1099'"]


def test_unknown_shift_with_no_shifts_defined() -> None:
    r = parse_roster_csv("date,shift,agent\n2026-11-03,白班,1001\n", shifts=(), known=KNOWN)
    assert_errors(r.errors, {"line 2": ["unknown shift '白班'", "none defined"]})


# ---- attendance --------------------------------------------------------------------

ATTENDANCE = """date,agent,type,late_min,early_min,note
2026-11-03,1001,present,,,
2026-11-03,1002,late_early,12,0,地铁故障
2026-11-03,1003,sick,,,发烧
2026-11-04,1001,late_early,,30,
2026-11-04,1002,absent,0,0,
2026-11-04,1003,family_visit,,,
"""

ATTENDANCE_ZH = """日期,工号,类型,迟到分钟,早退分钟,备注
2026/11/3,1001,出勤,,,
2026/11/3,1002,迟到早退,12,0,地铁故障
2026/11/3,1003,病假,,,发烧
2026/11/4,1001,迟到早退,,30,
2026/11/4,1002,旷工,0,0,
2026/11/4,1003,探亲假,,,
"""

ATTENDANCE_EXPECTED = [
    AttendanceRecord(D3, "1001", AttType.PRESENT),
    AttendanceRecord(D3, "1002", AttType.LATE_EARLY, late_min=12, note="地铁故障"),
    AttendanceRecord(D3, "1003", AttType.SICK, note="发烧"),
    AttendanceRecord(D4, "1001", AttType.LATE_EARLY, early_min=30),
    AttendanceRecord(D4, "1002", AttType.ABSENT),
    AttendanceRecord(D4, "1003", AttType.FAMILY_VISIT),
]


def attendance(text: str) -> tuple[list[AttendanceRecord], list[RowError]]:
    r = parse_attendance_csv(text, known=KNOWN)
    return r.records, r.errors


@pytest.mark.parametrize("text", [ATTENDANCE, ATTENDANCE_ZH], ids=["english", "chinese"])
def test_a_good_attendance_register(text: str) -> None:
    assert attendance(text) == (ATTENDANCE_EXPECTED, [])


@pytest.mark.parametrize(("name", "code"), [
    ("出勤", "present"), ("病假", "sick"), ("事假", "personal"), ("产假", "maternity"),
    ("婚假", "marriage"), ("丧假", "bereavement"), ("探亲假", "family_visit"),
    ("旷工", "absent"), ("PRESENT", "present"), ("Family_Visit", "family_visit"),
])
def test_attendance_types_by_code_or_chinese_name(name: str, code: str) -> None:
    records, errors = attendance(f"date,agent,type\n2026-11-03,1001,{name}\n")
    assert errors == []
    assert [r.type for r in records] == [AttType(code)]


def test_attendance_optional_columns_may_be_left_out() -> None:
    records, errors = attendance("工号,日期,类型\n1001,2026/11/3,事假\n")
    assert errors == []
    assert records == [AttendanceRecord(D3, "1001", AttType.PERSONAL)]


BAD_ATTENDANCE = """date,agent,type,late_min,early_min,note
2026-11-03,1001,present,,,
2026-02-30,1002,present,,,
2026-11-03,1099,present,,,
2026-11-03,1002,holiday,,,

2026-11-03,1002,late_early,abc,,
2026-11-03,1002,late_early,-5,,
2026-11-03,1002,late_early,,2.5,
2026-11-03,1002,late_early,1441,,
2026-11-03,1002,present,12,,
2026-11-03,1002,sick,12,5,
2026-11-03,1002,late_early,0,0,
2026-11-03,1001,sick,,,
2026-11-03,1002,late_early,1440,,全天
"""


def test_a_broken_attendance_register_reports_each_bad_line() -> None:
    records, errors = attendance(BAD_ATTENDANCE)
    assert records == [AttendanceRecord(D3, "1001", AttType.PRESENT),
                       AttendanceRecord(D3, "1002", AttType.LATE_EARLY, late_min=1440,
                                        note="全天")]
    assert_errors(errors, {
        "line 3": ["bad date '2026-02-30' (use YYYY-MM-DD)"],
        "line 4": ["unknown agent '1099'"],
        "line 5": ["unknown type 'holiday' (types: present, sick, personal", "absent)"],
        "line 7": ["late_min 'abc' is not a whole number"],
        "line 8": ["late_min '-5' is not a whole number"],
        "line 9": ["early_min '2.5' is not a whole number"],
        "line 10": ["late_min 1441 is more than a day"],
        "line 11": ["late_min 12 on a 'present' day: use late_early"],
        "line 12": ["late_min 12 and early_min 5 on a 'sick' day: use late_early"],
        "line 13": ["late_early needs late_min or early_min above 0"],
        "line 14": ["duplicate of line 2 (2026-11-03, 1001)"],
    })


def test_attendance_empty_type_and_agent() -> None:
    _, errors = attendance("date,agent,type\n2026-11-03,,\n")
    assert_errors(errors, {"line 2": ["agent (工号) is empty", "type is empty (types: present"]})


# ---- holidays ----------------------------------------------------------------------

HOLIDAYS = """date,kind,name
2026-10-01,holiday,国庆节
2026-10-02,holiday,国庆节
2026-10-10,workday,国庆节调休
2026-11-11,holiday,
"""

HOLIDAYS_ZH = """日期,类型,名称
2026/10/1,法定节假日,国庆节
2026/10/2,节假日,国庆节
2026/10/10,调休上班,国庆节调休
2026/11/11,休息,
"""

HOLIDAYS_EXPECTED = [Holiday(date(2026, 10, 1), "holiday", "国庆节"),
                     Holiday(date(2026, 10, 2), "holiday", "国庆节"),
                     Holiday(date(2026, 10, 10), "workday", "国庆节调休"),
                     Holiday(date(2026, 11, 11), "holiday")]


@pytest.mark.parametrize("text", [HOLIDAYS, HOLIDAYS_ZH], ids=["english", "chinese"])
def test_a_good_holiday_calendar(text: str) -> None:
    r = parse_holiday_csv(text)
    assert (r.holidays, r.errors) == (HOLIDAYS_EXPECTED, [])


@pytest.mark.parametrize(("kind", "expected"), [
    ("holiday", "holiday"), ("节假日", "holiday"), ("法定节假日", "holiday"),
    ("休息", "holiday"), ("workday", "workday"), ("调休上班", "workday"),
    ("上班", "workday"), ("工作日", "workday"), ("Workday", "workday"),
])
def test_holiday_kinds(kind: str, expected: str) -> None:
    r = parse_holiday_csv(f"date,kind\n2026-10-01,{kind}\n")
    assert r.errors == []
    assert [h.kind for h in r.holidays] == [expected]


BAD_HOLIDAYS = """date,kind,name
2026-10-01,holiday,国庆节
2026-02-30,holiday,
2026-13-01,holiday,

yesterday,holiday,
2026-10-02,vacation,
2026-10-03,,
2026/10/1,workday,重复
2026-10-04,holiday,国庆节
"""


def test_a_broken_holiday_calendar_reports_each_bad_line() -> None:
    r = parse_holiday_csv(BAD_HOLIDAYS)
    assert r.holidays == [Holiday(date(2026, 10, 1), "holiday", "国庆节"),
                          Holiday(date(2026, 10, 4), "holiday", "国庆节")]
    assert_errors(r.errors, {
        "line 3": ["bad date '2026-02-30'"],
        "line 4": ["bad date '2026-13-01' (use YYYY-MM-DD)"],
        "line 6": ["bad date 'yesterday'"],
        "line 7": ["unknown kind 'vacation'", "holiday or workday"],
        "line 8": ["kind is empty"],
        "line 9": ["duplicate of line 2 (2026-10-01)"],
    })


# ---- line numbers --------------------------------------------------------------------


def test_line_numbers_count_blank_lines_excel_empty_rows_and_crlf() -> None:
    text = ("date,shift,agent\r\n\r\n,,\r\n2026-11-03,白班,1001\r\n\r\n"
            "2026-11-03,白班,1099\r\n")
    entries, errors = roster(text)
    assert entries == [RosterEntry(D3, "白班", "1001")]
    assert [str(e) for e in errors] == ["line 6: unknown agent '1099'"]


def test_line_numbers_after_a_quoted_note_spanning_lines() -> None:
    text = ('date,agent,type,late_min,early_min,note\n'
            '2026-11-03,1001,sick,,,"发烧\n38度"\n'
            '2026-11-03,1099,sick,,,\n')
    records, errors = attendance(text)
    assert [r.note for r in records] == ["发烧\n38度"]
    assert [str(e) for e in errors] == ["line 4: unknown agent '1099'"]


def test_trailing_empty_columns_as_excel_saves_them_are_allowed() -> None:
    entries, errors = roster("date,shift,agent,,\n2026-11-03,白班,1001,,\n"
                             "2026-11-03,夜班,1001,,x\n")
    assert entries == [RosterEntry(D3, "白班", "1001")]
    assert_errors(errors, {"line 3": ["'x' in field 5", "no column in the header"]})


# ---- whole-file problems -------------------------------------------------------------


@pytest.mark.parametrize(("text", "fragments"), [
    ("date,agent\n2026-11-03,1001\n", ["roster file", "line 1", "no column 'shift'",
                                       "date,shift,agent,role", "日期,班次,工号,角色"]),
    ("日期,班次\n2026-11-03,白班\n", ["no column 'agent'"]),
    ("date,shift,agent,team\n", ["unknown column 'team'"]),
    ("date,shift,agent,日期\n", ["column 'date' appears twice"]),
    ("", ["roster file", "empty"]),
    ("\n\n", ["empty"]),
])
def test_bad_roster_header_is_a_file_error(text: str, fragments: list[str]) -> None:
    with pytest.raises(ShiftFileError) as ei:
        parse_roster_csv(text, shifts=SHIFTS, known=KNOWN)
    for f in fragments:
        assert f in str(ei.value)


def test_bad_attendance_and_holiday_headers_are_file_errors() -> None:
    with pytest.raises(ShiftFileError, match=r"no column 'type'.*"
                                             r"date,agent,type,late_min,early_min,note"):
        parse_attendance_csv("date,agent,late_min\n", known=KNOWN)
    with raises_zh(ShiftFileError, "unknown column '迟到'"):
        parse_attendance_csv("日期,工号,类型,迟到\n", known=KNOWN)
    with pytest.raises(ShiftFileError, match=r"holiday file: line 1: header has no column "
                                             r"'kind'.*date,kind,name \(or 日期,类型,名称\)"):
        parse_holiday_csv("date,name\n2026-10-01,国庆节\n")


def test_shift_file_error_is_a_value_error() -> None:
    assert issubclass(ShiftFileError, ValueError)


# ---- encodings and reading files -------------------------------------------------------


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gbk", "gb18030"])
def test_files_are_read_in_the_encodings_chinese_offices_save(
        tmp_path: Path, encoding: str) -> None:
    def put(name: str, text: str) -> Path:
        p = tmp_path / name
        p.write_bytes(text.replace("\n", "\r\n").encode(encoding))  # as Excel saves it
        return p

    r = read_roster_csv(put("roster.csv", ROSTER_ZH), shifts=SHIFTS, known=KNOWN,
                        leaders={"L01"})
    assert (r.entries, r.errors) == (ROSTER_EXPECTED, [])
    a = read_attendance_csv(put("att.csv", ATTENDANCE_ZH), known=KNOWN)
    assert (a.records, a.errors) == (ATTENDANCE_EXPECTED, [])
    h = read_holiday_csv(put("hol.csv", HOLIDAYS_ZH))
    assert (h.holidays, h.errors) == (HOLIDAYS_EXPECTED, [])


def test_gbk_bytes_are_not_valid_utf8() -> None:
    # guards the test above: the GBK case really goes through the GBK fallback
    with pytest.raises(UnicodeDecodeError):
        ROSTER_ZH.encode("gbk").decode("utf-8")


def test_a_bom_in_parsed_text_is_ignored() -> None:
    assert roster("\ufeff" + ROSTER) == (ROSTER_EXPECTED, [])


# bytes that are neither UTF-8 nor GB18030 (the superset of GBK the decoder tries)
NOT_TEXT = [
    b"\x80\x80\x80",
    b"\xff\xfe\x00\x00\x01\x02",
    # Latin-1 "café,Zoë" with a line end: 0xE9 / 0xEB before ',' / '\n' are bad GB18030
    "date,shift,agent\n2026-11-03,café,Zoë\n".encode("latin-1"),
]


@pytest.mark.parametrize("raw", NOT_TEXT)
def test_bytes_that_are_neither_utf8_nor_gbk_are_refused(tmp_path: Path, raw: bytes) -> None:
    for enc in ("utf-8-sig", "gb18030"):  # really invalid in both
        with pytest.raises(UnicodeDecodeError):
            raw.decode(enc)
    p = tmp_path / "junk.csv"
    p.write_bytes(raw)
    for read in (lambda: read_roster_csv(p, shifts=SHIFTS, known=KNOWN),
                 lambda: read_attendance_csv(p, known=KNOWN),
                 lambda: read_holiday_csv(p)):
        with pytest.raises(ShiftFileError, match="neither UTF-8 nor GBK") as ei:
            read()
        assert str(p) in str(ei.value)


def test_utf16_text_is_refused_with_a_hint(tmp_path: Path) -> None:
    p = tmp_path / "unicode.csv"
    p.write_bytes("date,kind\n2026-10-01,holiday\n".encode("utf-16-le"))  # no BOM: valid UTF-8
    with pytest.raises(ShiftFileError, match="NUL") as ei:
        read_holiday_csv(p)
    assert str(p) in str(ei.value)


def test_a_missing_file_is_a_file_error(tmp_path: Path) -> None:
    p = tmp_path / "nope.csv"
    with pytest.raises(ShiftFileError, match="cannot read") as ei:
        read_holiday_csv(p)
    assert str(p) in str(ei.value)


def test_header_errors_from_read_name_the_file(tmp_path: Path) -> None:
    p = tmp_path / "roster.csv"
    p.write_bytes("日期,工号\n2026/11/3,1001\n".encode("gbk"))
    with pytest.raises(ShiftFileError, match="no column 'shift'") as ei:
        read_roster_csv(p, shifts=SHIFTS, known=KNOWN)
    assert str(ei.value).startswith(f"{p}: line 1:")


# ---- issue #13: Big5 files and long names -------------------------------------------------


def test_big5_files_are_refused_naming_the_file(tmp_path: Path) -> None:
    """Big5 decodes as GBK without an error; the garbled text was imported."""
    files = {"roster.csv": "日期,班次,工號,角色\n2026/3/2,白班,1001,坐席\n2026/3/2,白班,1002,值班長\n",
             "hol.csv": "日期,類型,名稱\n2026/10/1,節假日,國慶節\n2026/10/10,調休上班,國慶節調休\n"}
    for name, text in files.items():
        p = tmp_path / name
        p.write_bytes(text.encode("big5"))
        with pytest.raises(ShiftFileError, match="garbled characters") as ei:
            if name == "hol.csv":
                read_holiday_csv(p)
            else:
                read_roster_csv(p, shifts=SHIFTS, known=KNOWN)
        assert str(ei.value).startswith(f"{p}: ")


def test_a_holiday_name_over_60_characters_is_a_line_error() -> None:
    r = parse_holiday_csv("date,kind,name\n2026-10-01,holiday," + "国" * 61
                          + "\n2026-10-02,holiday," + "庆" * 60 + "\n")
    assert [str(e) for e in r.errors] == ["line 2: name is 61 characters, at most 60"]
    assert [h.day for h in r.holidays] == [date(2026, 10, 2)]
