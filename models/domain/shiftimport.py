"""Reading the files a shift leader imports: the roster (排班表), the attendance
register (考勤登记, DOMAIN §6) and the holiday calendar (法定节假日 / 调休上班).

All three are CSV with a header line, in English or Chinese:

* roster:     ``date,shift,agent,role``  (``日期,班次,工号,角色``; role optional)
* attendance: ``date,agent,type,late_min,early_min,note``
  (``日期,工号,类型,迟到分钟,早退分钟,备注``; late_min, early_min, note optional)
* holidays:   ``date,kind,name``  (``日期,类型,名称``; name optional)

Dates are ``YYYY-MM-DD`` or Excel's ``YYYY/M/D``. Files saved by Excel in GBK are
read as well as UTF-8 with or without a BOM. Blank lines are skipped, cells stripped.

Every bad row is reported by its physical line (the header is line 1) and reason;
the good rows are returned too, so the caller decides (``--partial``) whether to
import them. A file that cannot be read as a whole raises :class:`ShiftFileError`.
Pure: no database, no Qt.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Collection, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from models.domain.attendance import AttendanceRecord, AttType
from models.domain.floorsetup import RowError
from models.domain.textfile import TextFileError, decode_text

__all__ = [
    "AttendanceImport", "Holiday", "HolidayImport", "RosterEntry", "RosterImport",
    "RowError", "ShiftFileError", "parse_attendance_csv", "parse_date",
    "parse_holiday_csv", "parse_roster_csv", "read_attendance_csv", "read_holiday_csv",
    "read_roster_csv",
]

#: the most minutes one can be late or leave early on one day
MAX_MINUTES = 1440
#: the longest holiday name: the ``holiday.name`` column (String(60)); longer ones
#: imported on SQLite and failed on PostgreSQL with no file or line (issue #13)
HOLIDAY_NAME_MAX = 60


class ShiftFileError(ValueError):
    """The file as a whole cannot be read (encoding, format, header)."""


@dataclass(frozen=True, slots=True)
class RosterEntry:
    day: date  # the date the shift starts on (a night shift counts on its start date)
    shift: str  # a shift name from the policy (e.g. 白班 / 夜班 / 早班 / 中班)
    agent: str  # 工号 (an agent id, or for a leader row an operator id)
    role: str = "agent"  # "agent" or "leader" (the on-duty shift leader)


@dataclass(frozen=True, slots=True)
class Holiday:
    day: date
    kind: str  # "holiday" (法定节假日, no work) or "workday" (调休上班)
    name: str = ""


@dataclass
class RosterImport:
    entries: list[RosterEntry] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)


@dataclass
class AttendanceImport:
    records: list[AttendanceRecord] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)


@dataclass
class HolidayImport:
    holidays: list[Holiday] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)


# ---- accepted headers and values ---------------------------------------------------

_ROSTER_HEADER = {"date": "date", "日期": "date", "shift": "shift", "班次": "shift",
                  "agent": "agent", "工号": "agent", "role": "role", "角色": "role"}
_ROSTER_COLS = ("date", "shift", "agent", "role")
_ROSTER_ZH = "日期,班次,工号,角色"
_ROLE = {"agent": "agent", "坐席": "agent",
         "leader": "leader", "值班长": "leader", "班长": "leader"}

_ATT_HEADER = {"date": "date", "日期": "date", "agent": "agent", "工号": "agent",
               "type": "type", "类型": "type", "late_min": "late_min", "迟到分钟": "late_min",
               "early_min": "early_min", "早退分钟": "early_min", "note": "note", "备注": "note"}
_ATT_COLS = ("date", "agent", "type", "late_min", "early_min", "note")
_ATT_ZH = "日期,工号,类型,迟到分钟,早退分钟,备注"
_ATT_TYPE: dict[str, AttType] = {t.value: t for t in AttType} | {
    "出勤": AttType.PRESENT, "病假": AttType.SICK, "事假": AttType.PERSONAL,
    "产假": AttType.MATERNITY, "婚假": AttType.MARRIAGE, "丧假": AttType.BEREAVEMENT,
    "探亲假": AttType.FAMILY_VISIT, "迟到早退": AttType.LATE_EARLY, "旷工": AttType.ABSENT}

_HOL_HEADER = {"date": "date", "日期": "date", "kind": "kind", "类型": "kind",
               "name": "name", "名称": "name"}
_HOL_COLS = ("date", "kind", "name")
_HOL_ZH = "日期,类型,名称"
_HOL_KIND = {"holiday": "holiday", "节假日": "holiday", "法定节假日": "holiday",
             "休息": "holiday",
             "workday": "workday", "调休上班": "workday", "上班": "workday",
             "工作日": "workday"}

_DATE = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})|(\d{4})/(\d{1,2})/(\d{1,2})", re.ASCII)
_MINUTES = re.compile(r"[0-9]+", re.ASCII)


# ---- reading files -----------------------------------------------------------------


def _read_text(path: str | Path) -> tuple[str, str]:
    p = Path(path)
    try:
        raw = p.read_bytes()
    except OSError as e:
        raise ShiftFileError(f"{p}: cannot read: {e.strerror or e}") from None
    try:
        return decode_text(raw, str(p)), str(p)
    except TextFileError as e:  # keeps its translatable message (models/domain/texts.py)
        raise ShiftFileError(e.msg) from None


def read_roster_csv(path: str | Path, *, shifts: Collection[str], known: Collection[str],
                    leaders: Collection[str] | None = None) -> RosterImport:
    text, name = _read_text(path)
    return parse_roster_csv(text, shifts=shifts, known=known, leaders=leaders, name=name)


def read_attendance_csv(path: str | Path, *, known: Collection[str]) -> AttendanceImport:
    text, name = _read_text(path)
    return parse_attendance_csv(text, known=known, name=name)


def read_holiday_csv(path: str | Path) -> HolidayImport:
    text, name = _read_text(path)
    return parse_holiday_csv(text, name=name)


# ---- common row machinery ----------------------------------------------------------


def parse_date(s: str) -> date | None:
    """``YYYY-MM-DD`` (also ``YYYY-M-D``) or Excel's ``YYYY/M/D``; None if not a date."""
    m = _DATE.fullmatch(s.strip())
    if m is None:
        return None
    y, mo, d = (int(g) for g in m.groups() if g is not None)
    try:
        return date(y, mo, d)
    except ValueError:
        return None


def _date_problem(s: str) -> str:
    return f"bad date {s!r} (use YYYY-MM-DD)" if s else "date is empty (use YYYY-MM-DD)"


def _rows(text: str, name: str, aliases: Mapping[str, str], cols: Sequence[str],
          required: Sequence[str], zh: str,
          errors: list[RowError]) -> Iterator[tuple[int, dict[str, str]]]:
    """(line, {column: stripped cell}) for each non-blank data row; rows with more
    fields than the header go to ``errors``. Raises ShiftFileError on a bad header."""
    if "\x00" in text:
        raise ShiftFileError(f"{name}: contains NUL characters (saved as UTF-16?); "
                             "save as CSV (UTF-8 or GBK)")
    reader = csv.reader(io.StringIO(text.removeprefix("\ufeff"), newline=""))
    expected = f"expected {','.join(cols)} (or {zh})"
    try:
        header = next(reader, None)
        while header is not None and not any(h.strip() for h in header):
            header = next(reader, None)  # blank lines before the header
        if header is None:
            raise ShiftFileError(f"{name}: the file is empty; {expected}")
        hline = reader.line_num
        keys: list[str] = []
        for h in header:
            cell = h.strip()
            key = aliases.get(cell.lower(), aliases.get(cell, "")) if cell else ""
            if cell and not key:
                raise ShiftFileError(f"{name}: line {hline}: unknown column {cell!r} in the "
                                     f"header; {expected}")
            if key and key in keys:
                raise ShiftFileError(f"{name}: line {hline}: column {key!r} appears twice "
                                     f"in the header")
            keys.append(key)
        for need in required:
            if need not in keys:
                raise ShiftFileError(f"{name}: line {hline}: header has no column {need!r}; "
                                     f"{expected}")
        # a trailing unnamed column (Excel's ",,,") is allowed while its cells are empty
        named = max(i for i, k in enumerate(keys) if k) + 1
        prev = reader.line_num
        for r in reader:
            line, prev = prev + 1, reader.line_num  # a quoted field may span lines
            cells = [c.strip() for c in r]
            if not any(cells):
                continue
            extra = [(i, c) for i, c in enumerate(cells) if c and (i >= named or not keys[i])]
            if extra:
                i, c = extra[0]
                errors.append(RowError(f"line {line}", f"{c!r} in field {i + 1}, which has "
                                                       f"no column in the header"))
                continue
            yield line, {k: c for k, c in zip(keys, cells, strict=False) if k}
    except csv.Error as e:
        raise ShiftFileError(f"{name}: line {reader.line_num}: not valid CSV: {e}") from None


def _dup(first: int, *what: str) -> str:
    return f"duplicate of line {first} ({', '.join(what)})"


def _listing(values: Collection[str]) -> str:
    seq = list(values) if isinstance(values, Sequence) else sorted(values)
    return ", ".join(seq)


# ---- roster ------------------------------------------------------------------------


def parse_roster_csv(text: str, *, shifts: Collection[str], known: Collection[str],
                     leaders: Collection[str] | None = None,
                     name: str = "roster file") -> RosterImport:
    """The roster: who works which shift on which day.

    ``shifts`` are the shift names of the policy, ``known`` the agent ids (工号);
    a leader row may name an id in ``known`` or in ``leaders`` (operator ids).
    The same person may work two shifts on one day (split shifts), and several
    leaders may share a shift; the same (day, shift, agent) twice is an error.
    """
    out = RosterImport()
    shift_set, agents = frozenset(shifts), frozenset(known)
    bosses = agents | frozenset(leaders or ())
    seen: dict[tuple[date, str, str], int] = {}
    for line, rec in _rows(text, name, _ROSTER_HEADER, _ROSTER_COLS,
                           ("date", "shift", "agent"), _ROSTER_ZH, out.errors):
        problems: list[str] = []
        raw_day, shift, agent = rec.get("date", ""), rec.get("shift", ""), rec.get("agent", "")
        raw_role = rec.get("role", "")
        day = parse_date(raw_day)
        if day is None:
            problems.append(_date_problem(raw_day))
        if not shift:
            problems.append(f"shift is empty (shifts: {_listing(shifts) or 'none defined'})")
        elif shift not in shift_set:
            problems.append(f"unknown shift {shift!r} "
                            f"(shifts: {_listing(shifts) or 'none defined'})")
        role = _ROLE.get(raw_role.lower(), _ROLE.get(raw_role)) if raw_role else "agent"
        if role is None:
            problems.append(f"unknown role {raw_role!r} (agent or leader, 坐席 or 值班长)")
        if not agent:
            problems.append("agent (工号) is empty")
        elif role == "leader" and agent not in bosses:
            problems.append(f"unknown leader {agent!r}")
        elif role != "leader" and agent not in agents:
            problems.append(f"unknown agent {agent!r}")
        if problems or day is None or role is None:
            out.errors.append(RowError(f"line {line}", "; ".join(problems)))
            continue
        key = (day, shift, agent)
        if key in seen:
            out.errors.append(RowError(f"line {line}",
                                       _dup(seen[key], day.isoformat(), shift, agent)))
            continue
        seen[key] = line
        out.entries.append(RosterEntry(day, shift, agent, role))
    return out


# ---- attendance --------------------------------------------------------------------


def _minutes(rec: Mapping[str, str], col: str, problems: list[str]) -> int:
    s = rec.get(col, "")
    if not s:
        return 0
    if not _MINUTES.fullmatch(s):
        problems.append(f"{col} {s!r} is not a whole number of minutes (0 to {MAX_MINUTES})")
        return 0
    n = int(s)
    if n > MAX_MINUTES:
        problems.append(f"{col} {n} is more than a day ({MAX_MINUTES} minutes)")
        return 0
    return n


def parse_attendance_csv(text: str, *, known: Collection[str],
                         name: str = "attendance file") -> AttendanceImport:
    """The daily attendance register: one row per agent and day.

    ``type`` is a code of :class:`AttType` or its Chinese name (出勤 病假 事假 产假 婚假
    丧假 探亲假 迟到早退 旷工). Minutes late / early (empty = 0) belong only on
    ``late_early`` days, and a ``late_early`` day needs some.
    """
    out = AttendanceImport()
    agents = frozenset(known)
    seen: dict[tuple[date, str], int] = {}
    types = ", ".join(t.value for t in AttType)
    for line, rec in _rows(text, name, _ATT_HEADER, _ATT_COLS, ("date", "agent", "type"),
                           _ATT_ZH, out.errors):
        problems: list[str] = []
        raw_day, agent, raw_type = rec.get("date", ""), rec.get("agent", ""), rec.get("type", "")
        day = parse_date(raw_day)
        if day is None:
            problems.append(_date_problem(raw_day))
        if not agent:
            problems.append("agent (工号) is empty")
        elif agent not in agents:
            problems.append(f"unknown agent {agent!r}")
        typ = _ATT_TYPE.get(raw_type.lower(), _ATT_TYPE.get(raw_type)) if raw_type else None
        if typ is None:
            problems.append(f"unknown type {raw_type!r} (types: {types})" if raw_type
                            else f"type is empty (types: {types})")
        n_problems = len(problems)
        late, early = _minutes(rec, "late_min", problems), _minutes(rec, "early_min", problems)
        if typ is not None and len(problems) == n_problems:
            if typ is AttType.LATE_EARLY and late == 0 and early == 0:
                problems.append("late_early needs late_min or early_min above 0")
            elif typ is not AttType.LATE_EARLY and (late or early):
                given = " and ".join(f"{c} {n}" for c, n in (("late_min", late),
                                                             ("early_min", early)) if n)
                problems.append(f"{given} on a {typ.value!r} day: use late_early")
        if problems or day is None or typ is None:
            out.errors.append(RowError(f"line {line}", "; ".join(problems)))
            continue
        key = (day, agent)
        if key in seen:
            out.errors.append(RowError(f"line {line}", _dup(seen[key], day.isoformat(), agent)))
            continue
        seen[key] = line
        out.records.append(AttendanceRecord(day, agent, typ, late, early, rec.get("note", "")))
    return out


# ---- holidays ----------------------------------------------------------------------


def parse_holiday_csv(text: str, *, name: str = "holiday file") -> HolidayImport:
    """The holiday calendar: public holidays (no work) and 调休 working days."""
    out = HolidayImport()
    seen: dict[date, int] = {}
    for line, rec in _rows(text, name, _HOL_HEADER, _HOL_COLS, ("date", "kind"), _HOL_ZH,
                           out.errors):
        problems: list[str] = []
        raw_day, raw_kind = rec.get("date", ""), rec.get("kind", "")
        day = parse_date(raw_day)
        if day is None:
            problems.append(_date_problem(raw_day))
        kind = _HOL_KIND.get(raw_kind.lower(), _HOL_KIND.get(raw_kind)) if raw_kind else None
        if kind is None:
            hint = "holiday or workday, 节假日 or 调休上班"
            problems.append(f"unknown kind {raw_kind!r} ({hint})" if raw_kind
                            else f"kind is empty ({hint})")
        hname = rec.get("name", "")
        if len(hname) > HOLIDAY_NAME_MAX:
            problems.append(f"name is {len(hname)} characters, at most {HOLIDAY_NAME_MAX}")
        if problems or day is None or kind is None:
            out.errors.append(RowError(f"line {line}", "; ".join(problems)))
            continue
        if day in seen:
            out.errors.append(RowError(f"line {line}", _dup(seen[day], day.isoformat())))
            continue
        seen[day] = line
        out.holidays.append(Holiday(day, kind, hname))
    return out
