"""Announcements (公告) for the wall display's ticker: published by the shift leader
from the console ("发布公告") and, later, morning-meeting notices (R-MEET-2 (1),
issue #6).

An announcement travels as floor events (``announcement_published`` /
``announcement_withdrawn``) so every wallboard and console shows the same ones;
the floor state keeps the unexpired ones, the event log and the audit log keep
the history. An announcement leaves the ticker by itself when it expires: no
event is needed for that, :func:`active` filters by the time. No Qt here.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from models.domain.texts import QT_TRANSLATE_NOOP

#: longest announcement, in characters (a ticker line read from across the room)
MAX_TEXT = 200
#: how far ahead an announcement may expire: a week-old notice on the wall is
#: forgotten, not current
MAX_AHEAD = timedelta(days=7)
#: who publishes: the shift leader from the console, or a morning-meeting notice
SOURCES = ("leader", "meeting")

# line breaks and tabs, with the spaces around them, become one space: the ticker
# is one line
_BREAKS = re.compile(r"[ \u3000]*[\t\n\v\f\r\x1c-\x1f\x85\u2028\u2029]+[ \u3000]*")
# bidirectional overrides and isolates could make the wall show text reversed
_BIDI = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")


class AnnouncementError(ValueError):
    """An announcement that cannot be published as given; the message says why
    (Chinese / English, like :mod:`models.db.alerts_db`)."""


@dataclass(frozen=True, slots=True)
class Announcement:
    id: str
    text: str
    #: operator 工号
    by: str
    #: the operator's name at the time of publishing
    by_name: str
    #: tz-aware UTC
    published_at: datetime
    #: tz-aware UTC, after ``published_at``
    expires_at: datetime
    #: "leader" | "meeting"
    source: str = "leader"

    def live(self, now: datetime) -> bool:
        """On the ticker at ``now``."""
        return self.published_at <= now < self.expires_at

    def as_event_data(self) -> dict[str, Any]:
        """The ``announcement_published`` event's data (its time is ``published_at``)."""
        return {"announcement": self.id, "text": self.text, "by": self.by,
                "by_name": self.by_name, "expires_at": self.expires_at.isoformat(),
                "source": self.source}


def active(items: Iterable[Announcement], now: datetime) -> list[Announcement]:
    """The announcements live at ``now``, oldest first (the ticker's order)."""
    return sorted((a for a in items if a.live(now)), key=lambda a: (a.published_at, a.id))


def normalize_text(text: str) -> str:
    """The text as it will be published: line breaks and tabs collapsed to a space,
    stripped. Never raises; the console counts characters on this."""
    return _BREAKS.sub(" ", text).strip()


def check_text(text: str) -> str:
    """:func:`normalize_text`, then refused when empty, longer than :data:`MAX_TEXT`,
    or holding a control character."""
    if not isinstance(text, str):
        raise AnnouncementError(QT_TRANSLATE_NOOP("Announcements", "The text must be a string, got {value}").format(
            value=repr(text)))
    clean = normalize_text(text)
    if not clean:
        raise AnnouncementError(QT_TRANSLATE_NOOP("Announcements", "An announcement needs a text"))
    if len(clean) > MAX_TEXT:
        raise AnnouncementError(QT_TRANSLATE_NOOP("Announcements", "An announcement is at most {max} characters "
                                                 "({n} given)").format(max=MAX_TEXT, n=len(clean)))
    bad = next((c for c in clean
                if unicodedata.category(c) in ("Cc", "Cs") or c in _BIDI), None)
    if bad is not None:
        raise AnnouncementError(QT_TRANSLATE_NOOP("Announcements", "The text holds the control character {char}")
                                .format(char=f"U+{ord(bad):04X}"))
    return clean


def check_times(published_at: datetime, expires_at: datetime) -> tuple[datetime, datetime]:
    """Both times in UTC; refused without a time zone, when the expiry is not after
    publishing, or more than :data:`MAX_AHEAD` after it."""
    for name, t in (("published_at", published_at), ("expires_at", expires_at)):
        if not isinstance(t, datetime) or t.tzinfo is None:
            raise AnnouncementError(QT_TRANSLATE_NOOP("Announcements", "{field} needs a time zone").format(field=name))
    pub, exp = published_at.astimezone(UTC), expires_at.astimezone(UTC)
    if exp <= pub:
        raise AnnouncementError(QT_TRANSLATE_NOOP("Announcements", "The expiry ({expires}) must be after the time of "
                                                 "publishing ({published})").format(
            expires=exp.isoformat(timespec="seconds"), published=pub.isoformat(timespec="seconds")))
    if exp - pub > MAX_AHEAD:
        raise AnnouncementError(QT_TRANSLATE_NOOP("Announcements", "An announcement expires at most {days} days after "
                                                 "it is published").format(days=MAX_AHEAD.days))
    return pub, exp


def check_source(source: str) -> str:
    if source not in SOURCES:
        raise AnnouncementError(QT_TRANSLATE_NOOP("Announcements", "Unknown announcement source {source} ({known})")
                                .format(source=repr(source), known=" ".join(SOURCES)))
    return source


def validate(text: str, published_at: datetime, expires_at: datetime,
             source: str = "leader") -> tuple[str, datetime, datetime]:
    """(clean text, published_at UTC, expires_at UTC) or :class:`AnnouncementError`:
    the one rule the database layer and the reducer both apply."""
    clean = check_text(text)
    check_source(source)
    pub, exp = check_times(published_at, expires_at)
    return clean, pub, exp


def announcement_from_event(data: Mapping[str, Any], at: datetime) -> Announcement:
    """The announcement an ``announcement_published`` event at ``at`` carries;
    :class:`AnnouncementError` naming the bad field when malformed."""
    def field(key: str) -> str:
        v = data.get(key)
        if v is None or v == "":
            raise AnnouncementError(QT_TRANSLATE_NOOP("Announcements", "Field {field} is missing").format(field=key))
        if not isinstance(v, str):
            raise AnnouncementError(QT_TRANSLATE_NOOP("Announcements", "{field} must be a string, got {value}").format(
                field=key, value=repr(v)))
        return v

    aid, by = field("announcement"), field("by").strip()
    raw_exp = field("expires_at")
    try:
        exp = datetime.fromisoformat(raw_exp)
    except ValueError:
        raise AnnouncementError(QT_TRANSLATE_NOOP(
            "Announcements", "{field} is not an ISO time: {value}").format(
            field="expires_at", value=repr(raw_exp))) from None
    by_name = data.get("by_name") or ""
    if not isinstance(by_name, str):
        raise AnnouncementError(QT_TRANSLATE_NOOP("Announcements", "{field} must be a string, got {value}").format(
            field="by_name", value=repr(by_name)))
    source = data.get("source") or "leader"
    text, pub, exp = validate(field("text"), at, exp, str(source))
    if len(aid) > 100:
        raise AnnouncementError(QT_TRANSLATE_NOOP("Announcements", "The announcement id is longer than 100 characters"))
    return Announcement(id=aid, text=text, by=by, by_name=by_name.strip(), published_at=pub,
                        expires_at=exp, source=str(source))
