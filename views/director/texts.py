"""The director's window's words (issue #17): figure names, granularities, compare
choices and the buckets' axis labels, Chinese first through the translators."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import QCoreApplication


def _t(text: str) -> str:
    return QCoreApplication.translate("Director", text)


def figure_name(name: str) -> str:
    return {
        "offered": _t("Offered"),
        "answered": _t("Answered"),
        "abandoned": _t("Abandoned"),
        "service_level": _t("Service level"),
        "answer_rate": _t("Answer rate"),
        "asa_s": _t("ASA"),
        "aht_s": _t("AHT"),
        "occupancy": _t("Occupancy"),
    }.get(name, name)


def by_name(by: str) -> str:
    return {"hour": _t("By hour"), "day": _t("By day"), "week": _t("By week"),
            "month": _t("By month")}.get(by, by)


def compare_name(kind: str) -> str:
    return {"none": _t("No comparison"), "previous": _t("Previous period"),
            "last_week": _t("Last week"), "last_month": _t("Last month"),
            "last_year": _t("Same period last year")}.get(kind, kind)


def quick_name(kind: str) -> str:
    return {"this_week": _t("This week"), "last_week": _t("Last week"),
            "this_month": _t("This month"), "last_month": _t("Last month"),
            "last_12_months": _t("Last 12 months")}.get(kind, kind)


def bucket_label(t: datetime, by: str, *, with_day: bool = False) -> str:
    """A bucket's start as its axis label, on the floor's clock."""
    if by == "hour":
        hour = _t("{hour:02d}:00").format(hour=t.hour)
        if not with_day:
            return hour
        return _t("{month}/{day} {hour}").format(month=t.month, day=t.day, hour=hour)
    if by == "day":
        return _t("{month}/{day}").format(month=t.month, day=t.day)
    if by == "week":
        return _t("week of {month}/{day}").format(month=t.month, day=t.day)
    return _t("{year}-{month:02d}").format(year=t.year, month=t.month)


def value_text(name: str, v: float | None) -> str:
    """A figure as the readout shows it: percentages, seconds, counts; — for none."""
    if v is None or v != v:
        return "—"
    if name in ("service_level", "answer_rate", "occupancy"):
        return f"{100 * v:.1f}%"
    if name.endswith("_s"):
        return _t("{seconds:.1f} s").format(seconds=v)
    return f"{int(round(v))}"
