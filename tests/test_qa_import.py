"""Importing the inspectors' score sheet (质量监控, issue #18, DOMAIN §8): .xlsx or CSV
in UTF-8, UTF-8 with a BOM or GB18030; a bad row refused with its file, line and
reason; nothing imported when any row is bad; a re-import never doubles (key: agent +
call + inspector); a known call id linked, an unknown one kept with a warning. The
database tests run on SQLite and PostgreSQL."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import openpyxl
import pytest
import sqlalchemy as sa
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from console.cli import main
from models.db import qa_db, store
from models.db.operators import NotAllowed
from models.db.schema import AuditLogRow, CallRecordRow, QaScoreRow
from models.domain.qa import QaFileError, _xlsx_rows, parse_qa_csv, read_qa_file
from tests.helpers import floor_engine, seed_floor, seed_operators

NOW = datetime(2026, 12, 7, 2, 0, tzinfo=UTC)
KNOWN = {"1001", "1002"}
GOOD = ("日期,工号,通话编号,质检员,总分,开场白,业务准确\n"
        "2026-12-01,1001,C1,王质检,92,5,-2\n"
        "2026-12-02,1002,C2,王质检,85.5,4,\n"
        "2026-12-02,1001,X-OLD-7,李质检,78,3,-5\n")


# ---- the parser (pure) ------------------------------------------------------------


def test_chinese_headers_give_the_scores_with_their_items_in_column_order() -> None:
    r = parse_qa_csv(GOOD, known=KNOWN)
    assert r.errors == [] and r.items == ("开场白", "业务准确")
    first = r.scores[0]
    assert (first.day, first.agent, first.call, first.inspector, first.total) == (
        date(2026, 12, 1), "1001", "C1", "王质检", 92.0)
    assert first.items == (("开场白", 5.0), ("业务准确", -2.0))
    assert r.scores[1].items == (("开场白", 4.0), ("业务准确", None))  # empty: not scored
    assert [s.line for s in r.scores] == [2, 3, 4]


def test_english_headers_in_another_order_and_excel_dates() -> None:
    r = parse_qa_csv("Total,Inspector,Call,Agent,Date,Greeting\n90,Wang,C9,1002,2026/12/3,5\n",
                     known=KNOWN)
    assert r.errors == []
    s = r.scores[0]
    assert (s.day, s.agent, s.call, s.inspector, s.total, s.items) == (
        date(2026, 12, 3), "1002", "C9", "Wang", 90.0, (("Greeting", 5.0),))


def test_every_bad_row_is_named_by_its_line_and_reason() -> None:
    text = ("日期,工号,通话编号,质检员,总分,开场白\n"
            "2026-12-01,1001,C1,王质检,92,5\n"          # 2 good
            "\n"                                          # 3 blank: skipped, still counted
            "2026-12-01,1099,C2,王质检,90,5\n"          # 4 unknown agent
            "2026-13-01,1001,C3,王质检,90,5\n"          # 5 bad date
            '2026-12-01,1001,"C\n4",王质检,101,x\n'    # 6-7 total and item
            "2026-12-01,1001,C1,王质检,80,5\n"          # 8 same key as line 2
            "2026-12-01,1001,C5,,,5\n"                  # 9 inspector, total empty
            "2026-12-01,1001,C6,王质检,90,5,extra\n")   # 10 a cell with no header
    r = parse_qa_csv(text, known=KNOWN)
    got = {str(e.where): str(e.reason) for e in r.errors}
    assert got == {
        "line 4": "agent 1099 is not in the floor setup",
        "line 5": "the date 2026-13-01 is not a date (use YYYY-MM-DD)",
        "line 6": "the total 101 is not between 0 and 100; the score x of item 开场白 is not a "
                  "number of points",
        "line 8": "the same agent, call and inspector as line 2 (1001, C1, 王质检)",
        "line 9": "the inspector (质检员) is empty; the total (总分) is empty",
        "line 10": "extra in column 7, which has no header",
    }
    assert [s.line for s in r.scores] == [2]


@pytest.mark.parametrize(("text", "needle"), [
    ("", "the file is empty"),
    ("\n\n", "the file is empty"),
    ("日期,工号,通话编号,质检员\n", "no column total"),
    ("日期,工号,通话编号,质检员,总分,开场白,开场白\n", "开场白 appears twice"),
    ("日期,工号,通话编号,质检员,总分\x00\n", "NUL"),
    ('日期,工号,通话编号,质检员,总分\n"a"b,1\n', "not valid CSV"),
])
def test_a_file_that_cannot_be_read_is_one_error_naming_it(text: str, needle: str) -> None:
    with pytest.raises(QaFileError) as e:
        parse_qa_csv(text, known=KNOWN, name="qa.csv")
    assert "qa.csv" in str(e.value) and needle in str(e.value)


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gb18030"])
def test_csv_in_each_encoding_an_office_saves(encoding: str, tmp_path: Path) -> None:
    f = tmp_path / "qa.csv"
    f.write_bytes(GOOD.replace("王质检", "王䶮").encode(encoding))  # a rare hanzi GBK lacks
    r = read_qa_file(f, known=KNOWN)
    assert r.errors == [] and [s.inspector for s in r.scores] == ["王䶮", "王䶮", "李质检"]


def test_an_excel_sheet_with_numeric_ids_and_date_cells(tmp_path: Path) -> None:
    wb = openpyxl.Workbook()
    ws = wb.active
    assert ws is not None
    ws.append(["日期", "工号", "通话编号", "质检员", "总分", "开场白"])
    ws.append([datetime(2026, 12, 1), 1001, "C1", "王质检", 92, 5])
    ws.append([None, None, None, None, None, None])
    ws.append(["2026-12-02", 1099, 20261202001, "王质检", 90.5, None])
    f = tmp_path / "质检.xlsx"
    wb.save(f)
    r = read_qa_file(f, known=KNOWN)
    assert [(s.day, s.agent, s.call, s.total) for s in r.scores] == [
        (date(2026, 12, 1), "1001", "C1", 92.0)]
    assert [(str(e.where), str(e.reason)) for e in r.errors] == [
        ("line 4", "agent 1099 is not in the floor setup")]


def test_a_file_named_xlsx_that_is_not_one_is_one_error(tmp_path: Path) -> None:
    f = tmp_path / "qa.xlsx"
    f.write_text(GOOD, encoding="utf-8")
    with pytest.raises(QaFileError, match="qa.xlsx: not an Excel workbook"):
        read_qa_file(f, known=KNOWN)


_CELL = st.text(alphabet=st.sampled_from(list('0123456789-/.,"\n\r ,x工号总分日期1001C')),
                max_size=12)


@settings(max_examples=300, deadline=None)
@given(header=st.lists(st.sampled_from(["日期", "工号", "通话编号", "质检员", "总分", "date",
                                        "agent", "call", "inspector", "total", "开场白", "",
                                        "x"]), max_size=8),
       rows=st.lists(st.lists(_CELL, max_size=8), max_size=6),
       raw=st.text(max_size=80))
def test_fuzzed_sheets_give_rows_or_one_error_never_a_traceback(
        header: list[str], rows: list[list[str]], raw: str) -> None:
    for text in (",".join(header) + "\n" + "\n".join(",".join(r) for r in rows), raw):
        try:
            r = parse_qa_csv(text, known=KNOWN)
        except QaFileError as e:
            assert str(e).startswith("qa.csv")
            continue
        for s in r.scores:
            assert s.agent in KNOWN and 0 <= s.total <= 100 and s.call and s.inspector
        assert all(str(e.where).startswith("line ") and str(e.reason) for e in r.errors)


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.binary(max_size=300))
def test_fuzzed_bytes_as_xlsx_are_one_error(raw: bytes) -> None:
    try:
        list(_xlsx_rows(raw, "qa.xlsx"))
    except QaFileError as e:
        assert str(e).startswith("qa.xlsx: not an Excel workbook")


@settings(max_examples=150, deadline=None)
@given(raw=st.one_of(st.binary(max_size=200),
                     st.text(max_size=120).map(lambda t: t.encode("gb18030", "replace")),
                     st.just(GOOD.encode("utf-16"))))
def test_fuzzed_files_on_disk_are_read_or_refused_in_one_error(raw: bytes) -> None:
    import tempfile

    with tempfile.TemporaryDirectory() as d:
        f = Path(d) / "qa.csv"
        f.write_bytes(raw)
        try:
            r = read_qa_file(f, known=KNOWN)
        except QaFileError as e:
            assert str(e).startswith("qa.csv") and "\n" not in str(e)
            return
        assert all(s.agent in KNOWN for s in r.scores)


# ---- into the database, on both engines ---------------------------------------------


@pytest.fixture
def floor(db_url: str) -> Iterator[sa.Engine]:
    """Agents 1001, 1002 (group G1); operators: admin A1, shift leader L1, a wallboard
    viewer W1 (no QA right); calls C1 (1001) and C2 (1002) in call_record."""
    with floor_engine(db_url) as e:
        seed_operators(e, [("A1", "管理员", ["admin"]), ("L1", "张班长", ["shift_leader"]),
                           ("W1", "大屏", ["wallboard"])], now=NOW)
        seed_floor(e, NOW, groups=[{"id": "G1", "name": "一班"}],
                   queues=[{"id": "Q1", "name": "12345热线"}],
                   agents=[{"id": "1001", "name": "赵一", "group": "G1"},
                           {"id": "1002", "name": "钱二", "group": "G1"}])
        with store.writing(e).begin() as c:
            for call, agent in (("C1", "1001"), ("C2", "1002")):
                t = datetime(2026, 12, 1, 2, 0, tzinfo=UTC)
                c.execute(sa.insert(CallRecordRow).values(
                    call_id=call, queue_id="Q1", agent_id=agent, outcome="answered",
                    queued_at=t, answered_at=t, ended_at=t, wait_s=3.0, talk_s=60.0))
        yield e


def _scores(e: sa.Engine) -> list[tuple[Any, ...]]:
    with e.connect() as c:
        return [tuple(r) for r in c.execute(
            sa.select(QaScoreRow.agent_id, QaScoreRow.call_id, QaScoreRow.inspector,
                      QaScoreRow.total, QaScoreRow.call_known, QaScoreRow.items)
            .order_by(QaScoreRow.call_id, QaScoreRow.inspector))]


def _write(tmp_path: Path, text: str, name: str = "qa.csv") -> Path:
    f = tmp_path / name
    f.write_text(text, encoding="utf-8")
    return f


def test_import_links_known_calls_and_warns_of_unknown_ones(
        floor: sa.Engine, db_url: str, tmp_path: Path,
        capsys: pytest.CaptureFixture[str]) -> None:
    f = _write(tmp_path, GOOD)
    assert main(["qa", "import", str(f), "--db", db_url, "--by", "L1"]) == 0
    out, err = capsys.readouterr()
    assert "qa.csv：已导入 3 条质检分：新增 3 条，替换 0 条，未变 0 条；关联通话 2 条" in out
    assert err.strip().splitlines() == [
        "seatwatch: warning: qa.csv 第 4 行：通话 X-OLD-7 不在通话记录中：已保留，未关联通话"]
    assert _scores(floor) == [
        ("1001", "C1", "王质检", 92.0, True, [["开场白", 5.0], ["业务准确", -2.0]]),
        ("1002", "C2", "王质检", 85.5, True, [["开场白", 4.0], ["业务准确", None]]),
        ("1001", "X-OLD-7", "李质检", 78.0, False, [["开场白", 3.0], ["业务准确", -5.0]])]
    with floor.connect() as c:
        a = c.execute(sa.select(AuditLogRow).where(AuditLogRow.action == "qa_import")).one()
    assert (a.operator, a.target, a.result) == ("L1", "qa.csv", "ok")
    assert a.detail["added"] == 3 and a.detail["unlinked"] == 1


def test_reimporting_the_same_file_does_not_double_and_a_changed_score_replaces(
        floor: sa.Engine, db_url: str, tmp_path: Path,
        capsys: pytest.CaptureFixture[str]) -> None:
    f = _write(tmp_path, GOOD)
    assert main(["qa", "import", str(f), "--db", db_url, "--by", "L1"]) == 0
    assert main(["qa", "import", str(f), "--db", db_url, "--by", "L1"]) == 0
    assert "新增 0 条，替换 0 条，未变 3 条" in capsys.readouterr().out
    assert len(_scores(floor)) == 3
    # the same call scored again by the same inspector replaces; by another one, adds
    f2 = _write(tmp_path, "日期,工号,通话编号,质检员,总分\n2026-12-01,1001,C1,王质检,60\n"
                          "2026-12-01,1001,C1,李质检,70\n", "qa2.csv")
    assert main(["qa", "import", str(f2), "--db", db_url, "--by", "L1"]) == 0
    assert "新增 1 条，替换 1 条，未变 0 条" in capsys.readouterr().out
    got = {(a, c, i): t for a, c, i, t, _, _ in _scores(floor)}
    assert got[("1001", "C1", "王质检")] == 60.0 and got[("1001", "C1", "李质检")] == 70.0
    assert len(got) == 4


def test_one_bad_row_imports_nothing_and_each_is_one_line_with_file_and_line(
        floor: sa.Engine, db_url: str, tmp_path: Path,
        capsys: pytest.CaptureFixture[str]) -> None:
    f = _write(tmp_path, GOOD + "2026-12-03,1099,C7,王质检,90,5,5\n"
                                "2026-12-03,1001,C8,王质检,,5,5\n")
    assert main(["qa", "import", str(f), "--db", db_url, "--by", "L1"]) == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert err == ["qa.csv 第 5 行：工号 1099 不在楼层设置中",
                   "qa.csv 第 6 行：总分为空",
                   "seatwatch: error: qa.csv：2 行有误，未导入任何数据"]
    assert _scores(floor) == []


def test_a_known_call_put_on_another_agent_is_refused_whole(
        floor: sa.Engine, db_url: str, tmp_path: Path,
        capsys: pytest.CaptureFixture[str]) -> None:
    f = _write(tmp_path, GOOD + "2026-12-03,1001,C2,王质检,90,5,5\n")
    assert main(["qa", "import", str(f), "--db", db_url, "--by", "L1"]) == 1
    err = capsys.readouterr().err
    assert "qa.csv 第 5 行：通话 C2 由坐席 1002 接听，不是 1001" in err
    assert "Traceback" not in err and _scores(floor) == []


def test_a_dry_run_checks_and_counts_but_writes_nothing(
        floor: sa.Engine, db_url: str, tmp_path: Path,
        capsys: pytest.CaptureFixture[str]) -> None:
    f = _write(tmp_path, GOOD)
    assert main(["qa", "import", str(f), "--db", db_url, "--by", "L1", "--dry-run"]) == 0
    assert "未导入（试运行）：新增 3 条" in capsys.readouterr().out
    assert _scores(floor) == []
    with floor.connect() as c:
        assert c.execute(sa.select(sa.func.count()).select_from(AuditLogRow)
                         .where(AuditLogRow.action == "qa_import")).scalar_one() == 0


def test_an_operator_without_the_qa_right_is_refused_in_one_line(
        floor: sa.Engine, db_url: str, tmp_path: Path,
        capsys: pytest.CaptureFixture[str]) -> None:
    f = _write(tmp_path, GOOD)
    assert main(["qa", "import", str(f), "--db", db_url, "--by", "W1"]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "W1" in err and "Traceback" not in err
    assert _scores(floor) == []
    with pytest.raises(NotAllowed):
        qa_db.import_scores(floor, "W1", parse_qa_csv(GOOD, known=KNOWN), source="qa.csv",
                            now=NOW)


def test_the_months_recorded_call_mean_is_of_all_the_months_scores(
        floor: sa.Engine, db_url: str, tmp_path: Path) -> None:
    """For the 12333 assessment (002: mean of the recorded-call scores × 60 %): every
    score dated in the month, every inspector's; the days around it do not count."""
    f = _write(tmp_path, "日期,工号,通话编号,质检员,总分\n"
                         "2026-11-30,1001,N1,王质检,10\n"    # the month before
                         "2026-12-01,1001,C1,王质检,90\n"
                         "2026-12-09,1001,D2,李质检,80\n"
                         "2026-12-09,1001,D2,王质检,76\n"    # the same call, another inspector
                         "2026-12-31,1001,D3,王质检,86\n"
                         "2027-01-01,1001,J1,王质检,10\n"    # the month after
                         "2026-12-15,1002,C2,王质检,88\n"
                         "2026-12-16,1002,E2,王质检,91\n")
    assert main(["qa", "import", str(f), "--db", db_url, "--by", "L1"]) == 0
    got = qa_db.month_call_scores(floor, "L1", date(2026, 12, 9))
    assert set(got) == {"1001", "1002"}
    one = got["1001"]
    assert (one.n, one.mean, one.short) == (4, (90 + 80 + 76 + 86) / 4, False)
    assert [s[1] for s in one.scores] == ["C1", "D2", "D2", "D3"]
    two = got["1002"]
    assert (two.n, two.mean, two.short) == (2, (88 + 91) / 2, True)
    none = qa_db.month_call_scores(floor, "L1", date(2026, 10, 1), ["1001"])["1001"]
    assert (none.n, none.mean, none.short) == (0, None, True)
    with pytest.raises(NotAllowed):
        qa_db.month_call_scores(floor, "W1", date(2026, 12, 1))
