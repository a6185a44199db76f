"""Reading a floor description (groups, queues, agents) from CSV or JSON.

CSV: one row per item with the header ``kind,id,name,group`` (Chinese headers
``类型,工号,姓名,班组`` also work; kind is group/queue/agent or 班组/队列/坐席).
Files saved by Excel in GBK (or GB18030) are read as well as UTF-8 with or without
a BOM (models/domain/textfile.py).
JSON: ``{"groups": [{"id", "name"}], "queues": [...], "agents": [{"id", "name", "group"}]}``.

Every bad row is reported by line (CSV) or position (JSON) and reason; the good
rows are returned too, so the caller decides (``--partial``) whether to import them.
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from models.domain.textfile import TextFileError, decode_text
from models.domain.texts import QT_TRANSLATE_NOOP
from models.domain.types import Agent, Group, Queue

#: an ID in a floor file (group, queue, agent 工号): letters, digits, _ - . ; 1 to 40
ID_PATTERN = re.compile(r"^[0-9A-Za-z_\-.]{1,40}$")
#: the longest group, queue or agent name: the ``name`` columns (String(100)) —
#: SQLite stores any length, PostgreSQL refused the import with no file or line
NAME_MAX = 100
_KIND = {"group": "group", "班组": "group", "queue": "queue", "队列": "queue",
         "agent": "agent", "坐席": "agent"}
_HEADER = {"kind": "kind", "类型": "kind", "id": "id", "工号": "id", "编号": "id",
           "name": "name", "姓名": "name", "名称": "name", "group": "group", "班组": "group"}


@dataclass(frozen=True)
class RowError:
    where: str  # "line 7" or "agents[3]"
    reason: str

    def __str__(self) -> str:
        return f"{self.where}: {self.reason}"


@dataclass
class FloorSetup:
    groups: list[Group] = field(default_factory=list)
    queues: list[Queue] = field(default_factory=list)
    agents: list[Agent] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)

    def as_event_data(self) -> dict[str, Any]:
        return {"groups": [{"id": g.id, "name": g.name} for g in self.groups],
                "queues": [{"id": q.id, "name": q.name} for q in self.queues],
                "agents": [{"id": a.id, "name": a.name, "group": a.group} for a in self.agents]}


class FloorFileError(ValueError):
    """The file as a whole cannot be read (encoding, format, header)."""


def decode(raw: bytes, name: str) -> str:
    """The file's text, by the product's one decoder (:func:`models.domain.textfile.
    decode_text`: UTF-8, else GB18030; Big5 mojibake refused) as a floor-file error."""
    try:
        return decode_text(raw, name)
    except TextFileError as e:  # keeps its translatable message (models/domain/texts.py)
        raise FloorFileError(e.msg) from None


def read(path: str | Path, known_groups: Iterable[str] = ()) -> FloorSetup:
    p = Path(path)
    try:
        raw = p.read_bytes()
    except OSError as e:
        raise FloorFileError(f"{p}: cannot read: {e.strerror}") from None
    text = decode(raw, str(p))
    if not text.strip("\ufeff \t\r\n"):
        raise FloorFileError(QT_TRANSLATE_NOOP(
            "FloorFile", "{file}: the file is empty; expected a CSV with the header "
                         "kind,id,name,group (or 类型,工号,姓名,班组) or a JSON object").format(
            file=str(p)))
    if p.suffix.lower() == ".json" or text.lstrip().startswith("{"):
        return parse_json(text, known_groups)
    return parse_csv(text, known_groups)


def _check(kind: str, ident: str, name: str, group: str, seen: dict[str, set[str]],
           groups: set[str]) -> str | None:
    if not ident:
        return "id (工号) is empty"
    if not ID_PATTERN.match(ident):
        return f"id {ident!r} must be 1-40 letters, digits, '_', '-' or '.'"
    if not name:
        return f"{kind} {ident} has no name"
    if len(name) > NAME_MAX:
        return f"{kind} {ident}: name is {len(name)} characters, at most {NAME_MAX}"
    if ident in seen[kind]:
        return f"duplicate {kind} id {ident!r}"
    if kind == "agent":
        if not group:
            return f"agent {ident} has no group (班组)"
        if group not in groups:
            return f"agent {ident} names unknown group {group!r}"
    return None


def parse_csv(text: str, known_groups: Iterable[str] = ()) -> FloorSetup:
    reader = csv.reader(io.StringIO(text.removeprefix("\ufeff"), newline=""))
    try:
        return _parse_csv(reader, known_groups)
    except csv.Error as e:
        raise FloorFileError(f"line {reader.line_num}: not valid CSV: {e}") from None


def _parse_csv(reader: Any, known_groups: Iterable[str]) -> FloorSetup:
    try:
        header = next(reader)
    except StopIteration:
        raise FloorFileError("the file is empty") from None
    cols = [_HEADER.get(h.strip().lower(), _HEADER.get(h.strip(), "")) for h in header]
    for need in ("kind", "id", "name"):
        if need not in cols:
            raise FloorFileError(f"line 1: header needs columns kind,id,name,group "
                                 f"(or 类型,工号,姓名,班组); got {','.join(header)}")
    rows = list(enumerate(reader, start=2))
    out = FloorSetup()
    seen: dict[str, set[str]] = {"group": set(), "queue": set(), "agent": set()}
    # groups first, wherever they stand in the file, so agents may refer to them
    groups = set(known_groups)
    for _, r in rows:
        rec = dict(zip(cols, (c.strip() for c in r), strict=False))
        # only group rows that will themselves be accepted (else the floor setup is refused)
        if (len(r) <= len(header) and _KIND.get(rec.get("kind", "")) == "group"
                and ID_PATTERN.match(rec.get("id", "")) and rec.get("name")):
            groups.add(rec["id"])
    for line, r in rows:
        if not any(c.strip() for c in r):
            continue
        if len(r) > len(header):
            out.errors.append(RowError(f"line {line}", f"{len(r)} fields, header has "
                                                       f"{len(header)}"))
            continue
        rec = dict(zip(cols, (c.strip() for c in r), strict=False))
        kind = _KIND.get(rec.get("kind", ""))
        if kind is None:
            out.errors.append(RowError(f"line {line}", f"unknown kind {rec.get('kind', '')!r} "
                                                       "(group, queue or agent)"))
            continue
        ident, name, grp = rec.get("id", ""), rec.get("name", ""), rec.get("group", "")
        err = _check(kind, ident, name, grp, seen, groups)
        if err:
            out.errors.append(RowError(f"line {line}", err))
            continue
        seen[kind].add(ident)
        _add(out, kind, ident, name, grp)
    return out


def parse_json(text: str, known_groups: Iterable[str] = ()) -> FloorSetup:
    try:
        doc = json.loads(text)
    except json.JSONDecodeError as e:
        raise FloorFileError(f"not valid JSON at line {e.lineno} column {e.colno}: "
                             f"{e.msg}") from None
    if not isinstance(doc, dict):
        raise FloorFileError("the JSON file must hold one object with groups, queues, agents")
    out = FloorSetup()
    seen: dict[str, set[str]] = {"group": set(), "queue": set(), "agent": set()}
    groups = set(known_groups)
    raw_groups = doc.get("groups", [])
    for g in raw_groups if isinstance(raw_groups, list) else []:
        if isinstance(g, dict) and ID_PATTERN.match(_text(g.get("id"))) and _text(g.get("name")):
            groups.add(_text(g.get("id")))
    for key, kind in (("groups", "group"), ("queues", "queue"), ("agents", "agent")):
        items = doc.get(key, [])
        if not isinstance(items, list):
            out.errors.append(RowError(key, "must be a list"))
            continue
        for i, it in enumerate(items):
            where = f"{key}[{i}]"
            if not isinstance(it, dict):
                out.errors.append(RowError(where, "must be an object"))
                continue
            bad = next((f for f in ("id", "name", "group") if not _texty(it.get(f))), None)
            if bad is not None:
                v = it.get(bad)
                shown = repr(v) if len(repr(v)) <= 40 else type(v).__name__
                out.errors.append(RowError(where, f"{bad} must be text, got {shown}"))
                continue
            ident, name = _text(it.get("id")), _text(it.get("name"))
            grp = _text(it.get("group"))
            err = _check(kind, ident, name, grp, seen, groups)
            if err:
                out.errors.append(RowError(where, err))
                continue
            seen[kind].add(ident)
            _add(out, kind, ident, name, grp)
    return out


def _texty(v: Any) -> bool:
    """A JSON value usable as an id or a name: text, a whole number (a numeric 工号)
    or nothing; never a list, an object, true or a float such as 1e12."""
    return v is None or isinstance(v, str) or (isinstance(v, int) and not isinstance(v, bool))


def _text(v: Any) -> str:
    """A JSON value as text; null is empty (not the string "None")."""
    return "" if v is None else str(v).strip()


def _add(out: FloorSetup, kind: str, ident: str, name: str, grp: str) -> None:
    if kind == "group":
        out.groups.append(Group(ident, name))
    elif kind == "queue":
        out.queues.append(Queue(ident, name))
    else:
        out.agents.append(Agent(ident, name, grp))
