"""Morning-meeting minutes (早会记录, R-MEET-1 … 4) and the shift handover (交接班)
in the shared database. No Qt.

Saving minutes follows the version rule of :mod:`models.db.shiftops`. Two things
follow a save: an attendee late to the meeting is late for the day (R-MEET-3), so
the attendance register gets (or keeps the larger of) those minutes; and each
notice marked for the wall is published once to the ticker as a ``meeting``
announcement, until the end of the shift.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping, Sequence
from dataclasses import replace
from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy import Connection, Engine, insert, select, update

from models.db import announcements_db, shiftops, shiftops_floor, store
from models.db import audit as auditlog
from models.db.schema import AttendanceRow, HandoverRow, MeetingRow
from models.db.shiftops import NotFound, ShiftOpsError, StaleEdit
from models.db.store import writing
from models.domain.attendance import AttType
from models.domain.handover import Handover, Item, ShiftStats
from models.domain.meeting import (
    AGENDA_KEYS,
    MAX_TEXT,
    Attendee,
    MeetingPresence,
    Minutes,
    Notice,
    QuizEntry,
)
from models.domain.policy import Policy
from models.domain.roles import Right
from models.domain.texts import QT_TRANSLATE_NOOP, message_of

log = logging.getLogger(__name__)



# ---- minutes <-> JSON ----------------------------------------------------------------------


def _content(m: Minutes) -> dict[str, Any]:
    return {
        "chair_name": m.chair_name,
        "sections": {k: m.sections.get(k, "") for k in AGENDA_KEYS},
        "notices": [{"text": n.text, "publish": n.publish, "announcement_id": n.announcement_id}
                    for n in m.notices],
        "problems": list(m.problems),
        "quiz": [{"agent": q.agent, "question": q.question, "correct": q.correct}
                 for q in m.quiz],
        "attendees": [{"agent": a.agent, "name": a.name, "presence": a.presence.value,
                       "late_min": a.late_min} for a in m.attendees],
    }


def _minutes(r: Any) -> Minutes:
    c: Mapping[str, Any] = r.content
    return Minutes(
        day=r.day, shift=r.shift, chair=r.chair, chair_name=str(c.get("chair_name", "")),
        sections={k: str(c.get("sections", {}).get(k, "")) for k in AGENDA_KEYS},
        notices=tuple(Notice(str(n["text"]), bool(n.get("publish")), n.get("announcement_id"))
                      for n in c.get("notices", [])),
        problems=tuple(str(p) for p in c.get("problems", [])),
        quiz=tuple(QuizEntry(str(q["agent"]), str(q["question"]), bool(q["correct"]))
                   for q in c.get("quiz", [])),
        attendees=tuple(Attendee(str(a["agent"]), str(a.get("name", "")),
                                 MeetingPresence(a.get("presence", "present")),
                                 int(a.get("late_min", 0))) for a in c.get("attendees", [])),
        saved_at=r.saved_at, saved_by=r.saved_by, version=r.version)


def _check(m: Minutes) -> None:
    sizes = [len(t) for t in m.sections.values()] + [len(n.text) for n in m.notices] + \
        [len(p) for p in m.problems]
    if sizes and max(sizes) > MAX_TEXT:
        raise ShiftOpsError(QT_TRANSLATE_NOOP("ShiftOps", "One part is longer than {max} characters").format(
            max=MAX_TEXT))
    for a in m.attendees:
        if a.presence is MeetingPresence.LATE and not 0 < a.late_min <= 600:
            raise ShiftOpsError(QT_TRANSLATE_NOOP("ShiftOps", "{agent}: minutes late must be 1–600").format(
                agent=a.agent))
    for q in m.quiz:
        if not q.agent.strip() or not q.question.strip():
            raise ShiftOpsError(QT_TRANSLATE_NOOP("ShiftOps", "A quiz entry needs an agent and a question"))


# ---- minutes -------------------------------------------------------------------------------


def load_minutes(conn: Connection, day: date, shift: str) -> Minutes | None:
    r = conn.execute(select(MeetingRow).where(MeetingRow.day == day, MeetingRow.shift == shift)
                     ).first()
    return None if r is None else _minutes(r)


def meetings_between(conn: Connection, first: date, last: date) -> list[Minutes]:
    return [_minutes(r) for r in conn.execute(
        select(MeetingRow).where(MeetingRow.day >= first, MeetingRow.day <= last)
        .order_by(MeetingRow.day.desc(), MeetingRow.shift))]


def new_minutes(conn: Connection, day: date, shift: str, chair: str) -> Minutes:
    """A blank form for ``shift`` of ``day``: attendance prefilled from the roster,
    every rostered agent present (the leader marks who was late or absent)."""
    names = shiftops.people(conn)
    agents, _leaders = shiftops.on_duty(conn, day, shift)
    return Minutes(day=day, shift=shift, chair=chair, chair_name=names.get(chair, ""),
                   sections={k: "" for k in AGENDA_KEYS},
                   attendees=tuple(Attendee(a, names.get(a, "")) for a in agents))


def save_minutes(engine: Engine, m: Minutes, *, by: str, now: datetime, policy: Policy,
                 workstation: str = "") -> Minutes:
    """Save the minutes made from version ``m.version`` (0: new); refused with
    :class:`StaleEdit` when another leader saved them meanwhile. Then: late
    attendees are late for the day (R-MEET-3), and notices marked for the wall are
    published (once)."""
    _check(m)
    what = f"早会记录 {m.day.isoformat()} {m.shift}"
    with writing(engine).begin() as conn:
        shiftops.require(conn, by, Right.KEEP_SHIFT_RECORDS)
        cur = conn.execute(select(MeetingRow).where(MeetingRow.day == m.day,
                                                    MeetingRow.shift == m.shift)
                           .with_for_update()).first()
        content = _content(replace(m, chair_name=m.chair_name
                                   or shiftops.people(conn).get(m.chair, "")))
        if m.version == 0:
            if cur is not None:
                raise StaleEdit(what, by=cur.saved_by, at=cur.saved_at,
                                changes=_minutes_changes(m, _minutes(cur)),
                                current=_minutes(cur))
            conn.execute(insert(MeetingRow).values(day=m.day, shift=m.shift, chair=m.chair,
                                                   content=content, saved_at=now, saved_by=by,
                                                   version=1))
        else:
            res = conn.execute(update(MeetingRow).where(
                MeetingRow.day == m.day, MeetingRow.shift == m.shift,
                MeetingRow.version == m.version).values(
                chair=m.chair, content=content, saved_at=now, saved_by=by,
                version=m.version + 1))
            if res.rowcount != 1:
                if cur is None:
                    raise StaleEdit(what, by=None, at=None, deleted=True)
                raise StaleEdit(what, by=cur.saved_by, at=cur.saved_at,
                                changes=_minutes_changes(m, _minutes(cur)),
                                current=_minutes(cur))
        late = _late_for_the_day(conn, m, by, now)
        auditlog.audit(conn, at=now, operator=by, action="meeting_save",
                       target=f"{m.day.isoformat()} {m.shift}",
                       detail={"version": m.version + 1, "late": late,
                               "absent": [a.agent for a in m.attendees
                                          if a.presence is MeetingPresence.ABSENT],
                               "quiz_wrong": sum(1 for q in m.quiz if not q.correct)},
                       result="ok", workstation=workstation)
    try:
        shiftops_floor.resolve_meeting_reminder(engine, m.day, m.shift, by, now)
    except Exception:  # noqa: BLE001 - the minutes are saved; the reminder can be resolved by hand
        log.exception("resolving the meeting reminder of %s %s", m.day, m.shift)
    return _publish_notices(engine, m, by, now, policy, workstation)


def _minutes_changes(mine: Minutes, theirs: Minutes) -> list[tuple[str, Any, Any]]:
    """What the other save holds that differs from this one, part by part."""
    out: list[tuple[str, Any, Any]] = []
    for k in AGENDA_KEYS:
        if mine.sections.get(k, "") != theirs.sections.get(k, ""):
            out.append((k, mine.sections.get(k, ""), theirs.sections.get(k, "")))
    for name in ("notices", "problems", "quiz", "attendees"):
        a, b = getattr(mine, name), getattr(theirs, name)
        if name == "notices":
            a = tuple(n.text for n in a)
            b = tuple(n.text for n in b)
        if a != b:
            out.append((name, len(a), len(b)))
    return out


def _late_for_the_day(conn: Connection, m: Minutes, by: str, now: datetime) -> list[str]:
    """R-MEET-3: late to the meeting is late for the day — the register gets the
    minutes (the larger, when it already has some); a day already recorded as leave
    or 旷工 is left alone."""
    done = []
    for a in m.attendees:
        if a.presence is not MeetingPresence.LATE:
            continue
        cur = conn.execute(select(AttendanceRow).where(AttendanceRow.day == m.day,
                                                       AttendanceRow.agent_id == a.agent)
                           .with_for_update()).first()
        note = f"早会迟到 {a.late_min} 分钟 (R-MEET-3)"
        if cur is None:
            conn.execute(insert(AttendanceRow).values(
                day=m.day, agent_id=a.agent, type=AttType.LATE_EARLY.value, late_min=a.late_min,
                early_min=0, note=note, source="meeting", version=1, updated_at=now,
                updated_by=by))
        elif cur.type in (AttType.PRESENT.value, AttType.LATE_EARLY.value):
            if cur.type == AttType.LATE_EARLY.value and cur.late_min >= a.late_min:
                continue
            conn.execute(update(AttendanceRow).where(
                AttendanceRow.day == m.day, AttendanceRow.agent_id == a.agent).values(
                type=AttType.LATE_EARLY.value, late_min=max(cur.late_min, a.late_min),
                note=(cur.note + "；" if cur.note else "") + note, source="meeting",
                version=cur.version + 1, updated_at=now, updated_by=by))
        else:
            continue
        done.append(a.agent)
    return done


def _publish_notices(engine: Engine, m: Minutes, by: str, now: datetime, policy: Policy,
                     workstation: str) -> Minutes:
    todo = [i for i, n in enumerate(m.notices) if n.publish and not n.announcement_id]
    if not todo:
        with engine.connect() as conn:
            out = load_minutes(conn, m.day, m.shift)
        assert out is not None
        return out
    _start, end = shiftops.shift_span(policy, m.day, m.shift)
    with engine.connect() as conn:  # the floor's clock decides, as announcements_db does
        floor_at = store.current_state(conn).at
    ref = max(now, floor_at) if floor_at is not None else now
    notices = list(m.notices)
    for i in todo:
        n = notices[i]
        try:
            # until the shift ends; minutes saved after it still show an hour
            expires = end if end > ref + timedelta(minutes=5) else ref + timedelta(hours=1)
            a = announcements_db.publish(engine, n.text, expires, by, now, source="meeting",
                                         workstation=workstation)
        except announcements_db.AnnouncementRefused as e:
            log.warning("meeting notice not published: %s", e)
            raise ShiftOpsError(QT_TRANSLATE_NOOP("ShiftOps", "The minutes are saved, but a notice could not go on "
                                                 "the wall: {why}").format(
                why=message_of(e) or str(e))) from None
        notices[i] = replace(n, announcement_id=a.id)
    with writing(engine).begin() as conn:
        row = conn.execute(select(MeetingRow).where(MeetingRow.day == m.day,
                                                    MeetingRow.shift == m.shift)).one()
        content = dict(row.content)
        content["notices"] = [{"text": n.text, "publish": n.publish,
                               "announcement_id": n.announcement_id} for n in notices]
        conn.execute(update(MeetingRow).where(MeetingRow.id == row.id).values(content=content))
        out = _minutes(conn.execute(select(MeetingRow).where(MeetingRow.id == row.id)).one())
    return out


# ---- handover (交接班) ------------------------------------------------------------------------


def _handover(r: Any) -> Handover:
    stats = r.items.get("stats")
    return Handover(r.id, r.day, r.shift, r.from_operator, r.text,
                    tuple(Item.from_json(i) for i in r.items.get("items", [])), r.written_at,
                    r.to_operator, r.acknowledged_at, r.ack_note, r.version,
                    ShiftStats.from_json(stats) if stats else None)


def load_handover(conn: Connection, day: date, shift: str) -> Handover | None:
    r = conn.execute(select(HandoverRow).where(HandoverRow.day == day,
                                               HandoverRow.shift == shift)).first()
    return None if r is None else _handover(r)


def handovers(conn: Connection, limit: int = 60) -> list[Handover]:
    return [_handover(r) for r in conn.execute(
        select(HandoverRow).order_by(HandoverRow.written_at.desc()).limit(limit))]


def pending_handover(conn: Connection) -> Handover | None:
    """The latest handover nobody has acknowledged yet."""
    r = conn.execute(select(HandoverRow).where(HandoverRow.acknowledged_at.is_(None))
                     .order_by(HandoverRow.written_at.desc()).limit(1)).first()
    return None if r is None else _handover(r)


def write_handover(engine: Engine, day: date, shift: str, text: str, items: Sequence[Item], *,
                   by: str, now: datetime, expected_version: int = 0,
                   workstation: str = "", stats: ShiftStats | None = None) -> Handover:
    """The outgoing leader's handover for ``shift`` of ``day``; may be rewritten until
    the incoming leader acknowledges it (then it is history and stays as it was)."""
    if len(text) > MAX_TEXT:
        raise ShiftOpsError(QT_TRANSLATE_NOOP("ShiftOps", "The handover is longer than {max} characters").format(
            max=MAX_TEXT))
    what = f"交接班 {day.isoformat()} {shift}"
    doc: dict[str, Any] = {"items": [i.to_json() for i in items]}
    if stats is not None:  # kept in the same JSON document: no schema change
        doc["stats"] = stats.to_json()
    values = {"text": text.strip(), "items": doc,
              "written_at": now, "from_operator": by}
    with writing(engine).begin() as conn:
        shiftops.require(conn, by, Right.KEEP_SHIFT_RECORDS)
        cur = conn.execute(select(HandoverRow).where(HandoverRow.day == day,
                                                     HandoverRow.shift == shift)
                           .with_for_update()).first()
        if cur is not None and cur.acknowledged_at is not None:
            raise ShiftOpsError(QT_TRANSLATE_NOOP("ShiftOps", "The handover {day} {shift} was acknowledged by "
                                                 "{operator} and cannot be changed").format(
                day=day.isoformat(), shift=shift, operator=cur.to_operator))
        if expected_version == 0:
            if cur is not None:
                raise StaleEdit(what, by=cur.from_operator, at=cur.written_at,
                                changes=[("text", "", cur.text)], current=_handover(cur))
            conn.execute(insert(HandoverRow).values(day=day, shift=shift, version=1,
                                                    ack_note="", **values))
        else:
            res = conn.execute(update(HandoverRow).where(
                HandoverRow.day == day, HandoverRow.shift == shift,
                HandoverRow.version == expected_version).values(
                version=expected_version + 1, **values))
            if res.rowcount != 1:
                if cur is None:
                    raise StaleEdit(what, by=None, at=None, deleted=True)
                raise StaleEdit(what, by=cur.from_operator, at=cur.written_at,
                                changes=[("text", None, cur.text)], current=_handover(cur))
        auditlog.audit(conn, at=now, operator=by, action="handover_write",
                       target=f"{day.isoformat()} {shift}",
                       detail={"items": len(items), "chars": len(text)}, result="ok",
                       workstation=workstation)
        out = load_handover(conn, day, shift)
    assert out is not None
    return out


def acknowledge_handover(engine: Engine, handover_id: int, *, by: str, now: datetime,
                         expected_version: int, note: str = "",
                         workstation: str = "") -> Handover:
    """The incoming leader signs for the handover (交接签收). Not by its writer."""
    with writing(engine).begin() as conn:
        shiftops.require(conn, by, Right.KEEP_SHIFT_RECORDS)
        cur = conn.execute(select(HandoverRow).where(HandoverRow.id == handover_id)
                           .with_for_update()).first()
        if cur is None:
            raise NotFound(QT_TRANSLATE_NOOP("ShiftOps", "There is no handover #{id}").format(id=handover_id))
        what = f"交接班 {cur.day.isoformat()} {cur.shift}"
        if cur.acknowledged_at is not None:
            raise StaleEdit(what, by=cur.to_operator, at=cur.acknowledged_at,
                            changes=[("acknowledged_by", None, cur.to_operator)],
                            current=_handover(cur))
        if cur.version != expected_version:
            raise StaleEdit(what, by=cur.from_operator, at=cur.written_at,
                            changes=[("text", None, cur.text)], current=_handover(cur))
        if cur.from_operator == by:
            raise ShiftOpsError(QT_TRANSLATE_NOOP("ShiftOps", "The outgoing leader cannot acknowledge their own "
                                                 "handover"))
        conn.execute(update(HandoverRow).where(HandoverRow.id == handover_id).values(
            to_operator=by, acknowledged_at=now, ack_note=note.strip(),
            version=cur.version + 1))
        auditlog.audit(conn, at=now, operator=by, action="handover_acknowledge",
                       target=f"{cur.day.isoformat()} {cur.shift}",
                       detail={"from": cur.from_operator, "note": note.strip()}, result="ok",
                       workstation=workstation)
        out = _handover(conn.execute(select(HandoverRow).where(HandoverRow.id == handover_id))
                        .one())
    return out
