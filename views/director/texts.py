"""The director's window's words (issue #17): figure names, granularities, compare
choices and the buckets' axis labels, Chinese first through the translators."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import QCoreApplication


def figure_name(name: str) -> str:
    return {
        "offered": QCoreApplication.translate("Director", "Offered"),
        "answered": QCoreApplication.translate("Director", "Answered"),
        "abandoned": QCoreApplication.translate("Director", "Abandoned"),
        "service_level": QCoreApplication.translate("Director", "Service level"),
        "answer_rate": QCoreApplication.translate("Director", "Answer rate"),
        "asa_s": QCoreApplication.translate("Director", "ASA"),
        "aht_s": QCoreApplication.translate("Director", "AHT"),
        "occupancy": QCoreApplication.translate("Director", "Occupancy"),
        "staffed": QCoreApplication.translate("Director", "Logged in"),
        "rostered": QCoreApplication.translate("Director", "Rostered"),
        "required": QCoreApplication.translate("Director", "Required"),
        "fit": QCoreApplication.translate("Director", "Schedule fit"),
    }.get(name, name)


def by_name(by: str) -> str:
    return {"hour": QCoreApplication.translate("Director", "By hour"),
            "day": QCoreApplication.translate("Director", "By day"),
            "week": QCoreApplication.translate("Director", "By week"),
            "month": QCoreApplication.translate("Director", "By month"),
            "shift": QCoreApplication.translate("Director", "By shift")}.get(by, by)


def compare_name(kind: str) -> str:
    return {"none": QCoreApplication.translate("Director", "No comparison"),
            "previous": QCoreApplication.translate("Director", "Previous period"),
            "last_week": QCoreApplication.translate("Director", "Last week"),
            "last_month": QCoreApplication.translate("Director", "Last month"),
            "last_year": QCoreApplication.translate("Director", "Same period last year"),
            }.get(kind, kind)


def quick_name(kind: str) -> str:
    return {"this_week": QCoreApplication.translate("Director", "This week"),
            "last_week": QCoreApplication.translate("Director", "Last week"),
            "this_month": QCoreApplication.translate("Director", "This month"),
            "last_month": QCoreApplication.translate("Director", "Last month"),
            "last_12_months": QCoreApplication.translate("Director", "Last 12 months"),
            }.get(kind, kind)


def shift_name(name: str | None) -> str:
    """A shift's name as the policy has it; the gap between shifts is 班外."""
    return name or QCoreApplication.translate("Director", "Off shift")


def bucket_label(t: datetime, by: str, *, with_day: bool = False,
                 shift: str | None = None) -> str:
    """A bucket's start as its axis label, on the floor's clock (a shift: the day it
    starts on and its name, "12-03 夜班")."""
    if by == "shift":
        return QCoreApplication.translate("Director", "{month:02d}-{day:02d} {shift}").format(
            month=t.month, day=t.day, shift=shift_name(shift))
    if by == "hour":
        hour = QCoreApplication.translate("Director", "{hour:02d}:00").format(hour=t.hour)
        if not with_day:
            return hour
        return QCoreApplication.translate(
            "Director", "{month}/{day} {hour}").format(month=t.month, day=t.day, hour=hour)
    if by == "day":
        return QCoreApplication.translate(
            "Director", "{month}/{day}").format(month=t.month, day=t.day)
    if by == "week":
        return QCoreApplication.translate(
            "Director", "week of {month}/{day}").format(month=t.month, day=t.day)
    return QCoreApplication.translate(
        "Director", "{year}-{month:02d}").format(year=t.year, month=t.month)


def bucket_title(start: datetime, end: datetime, by: str, shift: str | None = None) -> str:
    """A bucket as the readout names it: its axis label with the day; a shift with its
    hours too ("12-03 夜班 20:00–08:00"; a weekend off shift "12-04 班外 17:00–12-07
    08:00", its end's day named when it is not the next)."""
    if by != "shift":
        return bucket_label(start, by, with_day=True)
    far = (end.date() - start.date()).days > 1
    return QCoreApplication.translate("Director", "{label} {start}–{end}").format(
        label=bucket_label(start, by, shift=shift), start=start.strftime("%H:%M"),
        end=end.strftime("%m-%d %H:%M" if far else "%H:%M"))


def value_text(name: str, v: float | None) -> str:
    """A figure as the readout shows it: percentages, seconds, counts; — for none."""
    if v is None or v != v:
        return "—"
    if name in ("service_level", "answer_rate", "occupancy", "fit"):
        return f"{100 * v:.1f}%"
    if name in ("staffed", "rostered", "required"):  # averages of the slots' agents
        return f"{v:.1f}"
    if name.endswith("_s"):
        return QCoreApplication.translate("Director", "{seconds:.1f} s").format(seconds=v)
    return f"{int(round(v))}"
