"""Reading the quality-inspection score sheet (质量监控, DOMAIN §8, issue #18).

An inspector (质检员) listens to a recorded call and scores it; the center keeps the
scores in Excel. The sheet is .xlsx or CSV (UTF-8, UTF-8 with Excel's BOM, or GBK /
GB18030, by :func:`models.domain.textfile.decode_text`), one scored call a row:

    日期,工号,通话编号,质检员,总分,<item>,<item>,…
    date,agent,call,inspector,total,<item>,…

The five named columns are required (Chinese or English headers, in any order);
every other column is an item of the score sheet (开场白, 业务准确, …), its cells a
number or empty (not scored). ``total`` is on the 0–100 scale; item scores are any
number (a deduction may be negative).

Every bad row is refused by its physical line (the header is line 1 in CSV, the
worksheet's row number in Excel) and reason, one line each; the caller imports
nothing when any row is bad (models/db/qa_db.py, one transaction). A file that cannot
be read as a whole raises :class:`QaFileError`. Pure: no database, no Qt.
"""

from __future__ import annotations

import csv
import io
import math
import re
import zipfile
from collections.abc import Collection, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

from models.domain.floorsetup import RowError
from models.domain.shiftimport import parse_date
from models.domain.textfile import TextFileError, decode_text
from models.domain.texts import QT_TRANSLATE_NOOP, Msg

__all__ = [
    "CALL_MAX", "CALLS_FOR_ASSESSMENT", "INSPECTOR_MAX", "ITEM_MAX", "MonthCallScores",
    "QaFileError", "QaImport", "QaScore",
    "line_where", "parse_qa_csv", "parse_qa_rows", "read_qa_file",
]

#: the ``qa_score`` columns' lengths (call_record.call_id is String(60))
CALL_MAX = 60
INSPECTOR_MAX = 80
#: an item's header at most (the items are kept as JSON; a longer one is a mistake)
ITEM_MAX = 60
#: the largest item score taken (a score sheet's items are a few dozen points)
ITEM_ABS_MAX = 1000.0
#: the most rows one file may hold (a center of 300 agents scores ~1,000 calls a week)
ROWS_MAX = 100_000

_HEADER = {"date": "date", "日期": "date", "通话日期": "date",
           "agent": "agent", "工号": "agent", "坐席工号": "agent",
           "call": "call", "call id": "call", "call_id": "call", "通话编号": "call",
           "录音编号": "call",
           "inspector": "inspector", "质检员": "inspector",
           "total": "total", "总分": "total"}
_REQUIRED = ("date", "agent", "call", "inspector", "total")
_NUMBER = re.compile(r"[+-]?(\d+(\.\d*)?|\.\d+)", re.ASCII)

Cell = str | int | float | date | datetime | None


class QaFileError(ValueError):
    """The file as a whole cannot be read; ``msg`` names the file."""

    def __init__(self, msg: Msg) -> None:
        super().__init__(msg)
        self.msg = msg


@dataclass(frozen=True, slots=True)
class QaScore:
    """One scored call: ``items`` in the sheet's column order, None = not scored."""

    day: date
    agent: str
    call: str
    inspector: str
    total: float
    items: tuple[tuple[str, float | None], ...] = ()
    line: int = 0

    @property
    def key(self) -> tuple[str, str, str]:
        """What makes a score the same score again (a re-import replaces it): the
        agent, the call and the inspector — two inspectors may score one call."""
        return (self.agent, self.call, self.inspector)


@dataclass
class QaImport:
    scores: list[QaScore] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)
    warnings: list[RowError] = field(default_factory=list)
    items: tuple[str, ...] = ()


#: the recorded-call scores the 12333 policy averages (002: 提取三个电话，算取平均分)
CALLS_FOR_ASSESSMENT = 3


@dataclass(frozen=True, slots=True)
class MonthCallScores:
    """An agent's recorded-call scores of a month, for the 12333 assessment (002:
    policy and service items = leader's score × 40 % + mean of the recorded-call
    scores × 60 %).

    Decision (issue #18): the mean of **all** the month's scores of the agent, every
    inspector's, not the first three. 002 has each member of the assessment group
    pick three calls and averages them all; with three scored a week (001) a month
    holds a dozen, and keeping only the first three by date would drop scores that
    were made and let the order of scoring decide the figure. ``short`` says the
    month has fewer than :data:`CALLS_FOR_ASSESSMENT` (the assessment shows it; the
    mean is then of what there is, None with no score at all)."""

    agent: str
    month: date  # its first day
    scores: tuple[tuple[date, str, str, float], ...]  # (day, call, inspector, total)

    @property
    def n(self) -> int:
        return len(self.scores)

    @property
    def mean(self) -> float | None:
        return sum(s[3] for s in self.scores) / self.n if self.scores else None

    @property
    def short(self) -> bool:
        return self.n < CALLS_FOR_ASSESSMENT


def line_where(line: int) -> Msg:
    """A row's place for a :class:`RowError` (``第 7 行``)."""
    return QT_TRANSLATE_NOOP("Qa", "line {line}").format(line=line)


def _expected() -> Msg:
    return QT_TRANSLATE_NOOP("Qa", "expected the columns 日期, 工号, 通话编号, 质检员, 总分 "
                                   "(or date, agent, call, inspector, total), then one "
                                   "column per item")


# ---- reading files -----------------------------------------------------------------


def read_qa_file(path: str | Path, *, known: Collection[str]) -> QaImport:
    """The score sheet at ``path``: .xlsx by its name, anything else as CSV."""
    p = Path(path)
    try:
        raw = p.read_bytes()
    except OSError as e:
        raise QaFileError(QT_TRANSLATE_NOOP("Cli", "{file}: cannot read: {error}").format(
            file=str(p), error=e.strerror or str(e))) from None
    if p.suffix.lower() in (".xlsx", ".xlsm"):
        return parse_qa_rows(_xlsx_rows(raw, p.name), known=known, name=p.name)
    try:
        text = decode_text(raw, p.name)
    except TextFileError as e:
        raise QaFileError(e.msg) from None
    return parse_qa_csv(text, known=known, name=p.name)


def _xlsx_rows(raw: bytes, name: str) -> Iterator[tuple[int, list[Cell]]]:
    import openpyxl  # only for .xlsx: the CSV path and the tests of it stay light
    from openpyxl.utils.exceptions import InvalidFileException

    try:
        wb = openpyxl.load_workbook(io.BytesIO(raw), read_only=True, data_only=True)
    except (zipfile.BadZipFile, InvalidFileException, KeyError, ValueError, OSError) as e:
        raise QaFileError(QT_TRANSLATE_NOOP(
            "Qa", "{file}: not an Excel workbook (.xlsx): {error}").format(
            file=name, error=str(e) or type(e).__name__)) from None
    try:
        ws = wb.worksheets[0] if wb.worksheets else None
        if ws is None:
            return
        for i, row in enumerate(ws.iter_rows(values_only=True), start=1):
            yield i, [c if isinstance(c, str | int | float | date) or c is None else str(c)
                      for c in row]
    finally:
        wb.close()


def parse_qa_csv(text: str, *, known: Collection[str], name: str = "qa.csv") -> QaImport:
    """The sheet as CSV text (already decoded)."""
    if "\x00" in text:
        raise QaFileError(QT_TRANSLATE_NOOP(
            "Qa", "{file}: contains NUL characters (saved as UTF-16?); save it as CSV "
                  "(UTF-8 or GBK) or .xlsx").format(file=name))
    # strict: a stray quote ("a"b) is refused by its line, not read as something else
    reader = csv.reader(io.StringIO(text.removeprefix("\ufeff"), newline=""), strict=True)

    def rows() -> Iterator[tuple[int, list[Cell]]]:
        prev = 0
        try:
            for r in reader:
                line, prev = prev + 1, reader.line_num  # a quoted cell may span lines
                yield line, list(r)
        except csv.Error as e:
            raise QaFileError(QT_TRANSLATE_NOOP(
                "Qa", "{file} line {line}: not valid CSV: {error}").format(
                file=name, line=reader.line_num, error=str(e))) from None

    return parse_qa_rows(rows(), known=known, name=name)


# ---- the rows ----------------------------------------------------------------------


def _text(c: Cell) -> str:
    if c is None:
        return ""
    if isinstance(c, float) and c.is_integer():
        return str(int(c))  # Excel keeps a 工号 typed as 1001 as the number 1001.0
    if isinstance(c, datetime):
        return c.date().isoformat()
    if isinstance(c, date):
        return c.isoformat()
    return str(c).strip()


def _number(c: Cell) -> float | None:
    """The cell as a finite number; None when it is not one."""
    if isinstance(c, bool):
        return None
    if isinstance(c, int | float):
        v = float(c)
    else:
        s = _text(c)
        if not _NUMBER.fullmatch(s):
            return None
        v = float(s)
    return v if math.isfinite(v) else None


def _day(c: Cell) -> date | None:
    if isinstance(c, datetime):
        return c.date()
    if isinstance(c, date):
        return c
    return parse_date(_text(c))


def _header(cells: list[Cell], line: int, name: str) -> list[str]:
    """The column keys: the five named ones, ``item:<name>`` for an item, "" for a
    column without a header."""
    keys: list[str] = []
    for c in cells:
        cell = _text(c)
        key = _HEADER.get(cell.lower(), "") if cell else ""
        if cell and not key:
            if len(cell) > ITEM_MAX:
                raise QaFileError(QT_TRANSLATE_NOOP(
                    "Qa", "{file} line {line}: the item {item} is longer than {max} "
                          "characters").format(file=name, line=line, item=cell[:ITEM_MAX] + "…",
                                               max=ITEM_MAX))
            key = "item:" + cell
        if key and key in keys:
            raise QaFileError(QT_TRANSLATE_NOOP(
                "Qa", "{file} line {line}: the column {column} appears twice in the header")
                .format(file=name, line=line, column=cell))
        keys.append(key)
    for need in _REQUIRED:
        if need not in keys:
            raise QaFileError(QT_TRANSLATE_NOOP(
                "Qa", "{file} line {line}: the header has no column {column}; {expected}")
                .format(file=name, line=line, column=need, expected=_expected()))
    return keys


def parse_qa_rows(rows: Iterable[tuple[int, list[Cell]]], *, known: Collection[str],
                  name: str = "qa.csv") -> QaImport:
    """``rows`` as (physical line, cells): the first non-blank one is the header.

    ``known`` are the agents (工号) of the floor setup. The same agent, call and
    inspector twice in one file is refused (:attr:`QaScore.key`)."""
    out = QaImport()
    agents = frozenset(known)
    keys: list[str] | None = None
    seen: dict[tuple[str, str, str], int] = {}
    n = 0
    for line, cells in rows:
        if not any(_text(c) for c in cells):
            continue
        if keys is None:
            keys = _header(cells, line, name)
            out.items = tuple(k[5:] for k in keys if k.startswith("item:"))
            continue
        n += 1
        if n > ROWS_MAX:
            raise QaFileError(QT_TRANSLATE_NOOP(
                "Qa", "{file}: more than {max} rows; split the file").format(
                file=name, max=ROWS_MAX))
        problems: list[Msg] = []
        rec: dict[str, Cell] = {}
        for i, c in enumerate(cells):
            k = keys[i] if i < len(keys) else ""
            if k:
                rec[k] = c
            elif _text(c):
                problems.append(QT_TRANSLATE_NOOP(
                    "Qa", "{value} in column {column}, which has no header").format(
                    value=_text(c)[:40], column=i + 1))
                break
        score = _score(rec, agents, problems, line)
        if problems or score is None:
            out.errors.append(RowError(line_where(line), _join(problems)))
            continue
        if score.key in seen:
            out.errors.append(RowError(line_where(line), QT_TRANSLATE_NOOP(
                "Qa", "the same agent, call and inspector as line {first} ({agent}, {call}, "
                      "{inspector})").format(first=seen[score.key], agent=score.agent,
                                             call=score.call, inspector=score.inspector)))
            continue
        seen[score.key] = line
        out.scores.append(score)
    if keys is None:
        raise QaFileError(QT_TRANSLATE_NOOP("Qa", "{file}: the file is empty; {expected}")
                          .format(file=name, expected=_expected()))
    return out


def _join(problems: list[Msg]) -> Msg:
    """Several reasons of one row as one message (each translated on its own)."""
    msg = problems[0]
    for p in problems[1:]:
        msg = QT_TRANSLATE_NOOP("Qa", "{first}; {then}").format(first=msg, then=p)
    return msg


def _score(rec: dict[str, Cell], agents: frozenset[str], problems: list[Msg],
           line: int) -> QaScore | None:
    raw_day = rec.get("date")
    day = _day(raw_day)
    if day is None:
        problems.append(QT_TRANSLATE_NOOP("Qa", "the date {value} is not a date (use "
                                                "YYYY-MM-DD)").format(value=_text(raw_day)[:40])
                        if _text(raw_day) else
                        QT_TRANSLATE_NOOP("Qa", "the date is empty (use YYYY-MM-DD)"))
    agent = _text(rec.get("agent"))
    if not agent:
        problems.append(QT_TRANSLATE_NOOP("Qa", "the agent (工号) is empty"))
    elif agent not in agents:
        problems.append(QT_TRANSLATE_NOOP("Qa", "agent {agent} is not in the floor setup")
                        .format(agent=agent[:40]))
    call = _text(rec.get("call"))
    if not call:
        problems.append(QT_TRANSLATE_NOOP("Qa", "the call id is empty"))
    elif len(call) > CALL_MAX:
        problems.append(QT_TRANSLATE_NOOP("Qa", "the call id is longer than {max} characters")
                        .format(max=CALL_MAX))
    inspector = _text(rec.get("inspector"))
    if not inspector:
        problems.append(QT_TRANSLATE_NOOP("Qa", "the inspector (质检员) is empty"))
    elif len(inspector) > INSPECTOR_MAX:
        problems.append(QT_TRANSLATE_NOOP("Qa", "the inspector is longer than {max} characters")
                        .format(max=INSPECTOR_MAX))
    raw_total = rec.get("total")
    total = _number(raw_total)
    if not _text(raw_total):
        problems.append(QT_TRANSLATE_NOOP("Qa", "the total (总分) is empty"))
    elif total is None:
        problems.append(QT_TRANSLATE_NOOP("Qa", "the total {value} is not a number")
                        .format(value=_text(raw_total)[:40]))
    elif not 0.0 <= total <= 100.0:
        problems.append(QT_TRANSLATE_NOOP("Qa", "the total {value} is not between 0 and 100")
                        .format(value=f"{total:g}"))
    items: list[tuple[str, float | None]] = []
    for k, c in rec.items():
        if not k.startswith("item:"):
            continue
        if not _text(c):
            items.append((k[5:], None))
            continue
        v = _number(c)
        if v is None or abs(v) > ITEM_ABS_MAX:
            problems.append(QT_TRANSLATE_NOOP("Qa", "the score {value} of item {item} is not a "
                                                    "number of points").format(
                value=_text(c)[:40], item=k[5:]))
            continue
        items.append((k[5:], v))
    if problems or day is None or total is None:
        return None
    return QaScore(day, agent, call, inspector, total, tuple(items), line)

