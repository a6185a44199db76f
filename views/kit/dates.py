"""Dates between Qt and Python, and a moment in the floor's own zone (issue #15 step 2)."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, tzinfo

from PySide6.QtCore import QDate


def to_qdate(d: date) -> QDate:
    return QDate(d.year, d.month, d.day)


def from_qdate(q: QDate) -> date:
    return date(q.year(), q.month(), q.day())


def month_end(d: date) -> date:
    """The last day of ``d``'s month."""
    first_next = (d.replace(day=28) + timedelta(days=4)).replace(day=1)
    return first_next - timedelta(days=1)


def local(t: datetime, tz: tzinfo | None) -> datetime:
    """``t`` on the floor's clock (its policy's zone); a naive time is taken as UTC."""
    if t.tzinfo is None:
        t = t.replace(tzinfo=UTC)
    return t.astimezone(tz) if tz is not None else t.astimezone()


def clock_text(t: datetime | None, tz: tzinfo | None, day: date | None = None) -> str:
    """``HH:MM`` on the floor's clock, with the date when it is not ``day``; — for none."""
    if t is None:
        return "—"
    lt = local(t, tz)
    if day is not None and lt.date() != day:
        return lt.strftime("%m-%d %H:%M")
    return lt.strftime("%H:%M")
