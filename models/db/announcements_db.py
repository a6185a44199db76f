"""Publishing and withdrawing the wall display's announcements (发布公告). No Qt: the
console, the command line and (issue #6) the morning-meeting notices share these.

An announcement is a floor event (``announcement_published`` /
``announcement_withdrawn``) appended through :class:`~models.db.store.FloorWriter`,
so every wallboard and console learns of it through the feed; the decision is
taken on the floor state caught up under the floor lock (two leaders withdrawing
one announcement at once cannot both do it), and the event and its audit row
commit together. The operator's right and name are read from the database,
never trusted from the caller. No table of its own: the floor state and its
checkpoints carry the live announcements, the event log and the audit log keep
the history.
"""

from __future__ import annotations

import logging
import uuid
from collections.abc import Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, Engine

from models.db import audit as auditlog
from models.db import operators as ops
from models.db.store import FloorWriter, writing
from models.domain import announcements as ann
from models.domain.announcements import Announcement
from models.domain.floor import FloorState
from models.domain.roles import Operator, Right
from models.domain.texts import QT_TRANSLATE_NOOP, message_of, refusal_detail
from models.domain.types import FloorEvent

log = logging.getLogger(__name__)

PUBLISHED = "announcement_published"
WITHDRAWN = "announcement_withdrawn"


class AnnouncementRefused(ValueError):
    """A request refused; the message says why (Chinese / English). Audited with
    result "refused" before it is raised."""


class NotAllowed(AnnouncementRefused):
    """``by`` has no right to publish or withdraw announcements."""


class InvalidAnnouncement(AnnouncementRefused):
    """The text or the expiry breaks a rule of :mod:`models.domain.announcements`."""


class UnknownAnnouncement(AnnouncementRefused):
    """No live announcement has that id (never published, withdrawn or expired)."""


def publish(engine: Engine, text: str, expires_at: datetime, by: str, now: datetime, *,
            source: str = "leader", workstation: str = "",
            writer: FloorWriter | None = None) -> Announcement:
    """``by`` puts ``text`` on the wall display's ticker from now until ``expires_at``.

    The text is tidied (:func:`~models.domain.announcements.normalize_text`) and
    checked with the expiry (after now, at most a week ahead); refused, and the
    refusal audited, for an operator without the right or a text or expiry that
    breaks a rule.
    """
    if now.tzinfo is None:
        raise ValueError("now needs a time zone")
    by = by.strip()
    # what was asked, kept with a refusal too (a pasted essay is cut, not stored whole)
    detail: dict[str, Any] = {"text": (text if isinstance(text, str) else repr(text))[:400],
                              "expires_at": _iso(expires_at), "source": source}
    try:
        op = _require(engine, by)
        try:
            clean, _pub, exp = ann.validate(text, now, expires_at, source)
        except ann.AnnouncementError as e:
            raise InvalidAnnouncement(message_of(e) or str(e)) from None
        detail["text"] = clean
        aid = uuid.uuid4().hex
        w = writer or FloorWriter(engine, source=f"operator:{by}"[:60])

        def decide(state: FloorState) -> list[FloorEvent]:
            at = _floor_time(state, now)
            try:  # the floor's clock may be ahead of ``now`` (a replay's virtual time)
                ann.check_times(at, exp)
            except ann.AnnouncementError as e:
                raise InvalidAnnouncement(message_of(e) or str(e)) from None
            a = Announcement(id=aid, text=clean, by=op.id, by_name=op.name, published_at=at,
                             expires_at=exp, source=source)
            return [FloorEvent(PUBLISHED, at, a.as_event_data())]

        def record(conn: Connection, state: FloorState, accepted: Sequence[FloorEvent]) -> None:
            if not accepted:
                raise InvalidAnnouncement(QT_TRANSLATE_NOOP("Announcements", "The floor refused the announcement"))
            auditlog.audit(conn, at=accepted[0].at, operator=op.id, action=PUBLISHED,
                           target=aid, detail={**detail, "event_id": accepted[0].id},
                           result="ok", workstation=workstation)

        result = w.append(decide, extra=record)
    except AnnouncementRefused as e:
        _audit_refusal(engine, PUBLISHED, None, by, message_of(e) or str(e), detail, now,
                       workstation)
        raise
    out = result.state.announcements[aid]
    log.info("announcement %s published by %s until %s", aid, by, out.expires_at.isoformat())
    return out


def withdraw(engine: Engine, announcement_id: str, by: str, now: datetime, *,
             workstation: str = "", writer: FloorWriter | None = None) -> Announcement:
    """``by`` takes a live announcement off the ticker before it expires; returns it
    as it was. Refused, and audited, for an operator without the right or an id
    that is not live (unknown, withdrawn already, or expired)."""
    if now.tzinfo is None:
        raise ValueError("now needs a time zone")
    by, aid = by.strip(), announcement_id.strip()
    detail: dict[str, Any] = {}
    try:
        op = _require(engine, by)
        w = writer or FloorWriter(engine, source=f"operator:{by}"[:60])
        found: list[Announcement] = []

        def decide(state: FloorState) -> list[FloorEvent]:
            at = _floor_time(state, now)
            a = state.announcements.get(aid)
            if a is None:
                raise UnknownAnnouncement(QT_TRANSLATE_NOOP("Announcements", "This announcement is not on the wall "
                                                            "display (withdrawn already?)"))
            if not a.live(at):
                raise UnknownAnnouncement(QT_TRANSLATE_NOOP("Announcements", "The announcement expired at {time}").format(
                    time=a.expires_at.isoformat(timespec="seconds")))
            found.append(a)
            return [FloorEvent(WITHDRAWN, at, {"announcement": aid, "by": op.id})]

        def record(conn: Connection, state: FloorState, accepted: Sequence[FloorEvent]) -> None:
            if not accepted:
                raise UnknownAnnouncement(QT_TRANSLATE_NOOP("Announcements", "The floor refused to withdraw the "
                                                            "announcement"))
            a = found[-1]
            auditlog.audit(conn, at=accepted[0].at, operator=op.id, action=WITHDRAWN,
                           target=aid[:100], detail={**_brief(a), "event_id": accepted[0].id},
                           result="ok", workstation=workstation)

        w.append(decide, extra=record)
    except AnnouncementRefused as e:
        _audit_refusal(engine, WITHDRAWN, aid, by, message_of(e) or str(e), detail, now,
                       workstation)
        raise
    log.info("announcement %s withdrawn by %s", aid, by)
    return found[-1]


def _require(engine: Engine, by: str) -> Operator:
    with engine.connect() as conn:
        try:
            return ops.require(conn, by, Right.PUBLISH_ANNOUNCEMENTS)
        except ops.NotAllowed as e:
            raise NotAllowed(message_of(e) or str(e)) from None


def _floor_time(state: FloorState, now: datetime) -> datetime:
    """The floor's clock never runs back (a replay's virtual time may be ahead)."""
    return now if state.at is None or now > state.at else state.at


def _brief(a: Announcement) -> dict[str, Any]:
    return {"text": a.text, "expires_at": a.expires_at.isoformat(), "source": a.source,
            "published_by": a.by, "published_at": a.published_at.isoformat()}


def _iso(t: Any) -> str | None:
    return t.isoformat() if isinstance(t, datetime) else None if t is None else str(t)


def _audit_refusal(engine: Engine, action: str, aid: str | None, by: str, reason: str,
                   detail: dict[str, Any], now: datetime, workstation: str) -> None:
    with writing(engine).begin() as conn:
        auditlog.audit(conn, at=now, operator=by[:80] or "(empty)", action=action,
                       target=None if aid is None else aid[:100],
                       detail={**refusal_detail(reason), **detail}, result="refused",
                       workstation=workstation)
