"""The words of the assessment screen (月度考核, DOMAIN §8): the flags, the status of a
sheet, where an entry came from and the evidence it carries, numbers for people.

The parts' and items' names are the policy's own (data in Chinese, as the center
wrote them): shown as they are in either language."""

from __future__ import annotations

import contextlib
from collections.abc import Mapping
from datetime import datetime, tzinfo
from typing import Any

from PySide6.QtCore import QCoreApplication

from models.domain import assessment as asm
from views.kit.dates import local
from views.kit.texts import rule_label


def num(x: float | None) -> str:
    """A score for people: 93.5, 100, 84.13; — for none."""
    if x is None:
        return "—"
    v = round(float(x), 2)
    return str(int(v)) if v.is_integer() else f"{v:.2f}".rstrip("0")


def signed(x: float) -> str:
    """Points as applied: −5, +2."""
    return ("+" if x > 0 else "−" if x < 0 else "") + num(abs(x))


def flag_label(flag: str) -> str:
    return {
        asm.FLAG_PRAISE: QCoreApplication.translate("AssessmentView", "Public praise"),
        asm.FLAG_RETRAIN: QCoreApplication.translate("AssessmentView", "Retraining"),
        asm.FLAG_INCOMPLETE: QCoreApplication.translate("AssessmentView", "Incomplete"),
        asm.FLAG_FEW_CALLS: QCoreApplication.translate("AssessmentView", "Few calls scored"),
        asm.FLAG_UNKNOWN_ITEM: QCoreApplication.translate(
            "AssessmentView", "Entries outside this policy"
        ),
    }.get(flag, flag)


def flag_tip(flag: str) -> str:
    return {
        asm.FLAG_PRAISE: QCoreApplication.translate(
            "AssessmentView", "Top of the month: praised publicly, with the reward"
        ),
        asm.FLAG_RETRAIN: QCoreApplication.translate(
            "AssessmentView",
            "Total under the policy's line: retraining before returning to the phones",
        ),
        asm.FLAG_INCOMPLETE: QCoreApplication.translate(
            "AssessmentView",
            "A leader's score or the recorded calls are missing: no "
            "total, and the sheet cannot be confirmed",
        ),
        asm.FLAG_FEW_CALLS: QCoreApplication.translate(
            "AssessmentView", "Fewer recorded calls scored than the policy asks for"
        ),
        asm.FLAG_UNKNOWN_ITEM: QCoreApplication.translate(
            "AssessmentView", "Entries on items the policy in force does not have: not counted"
        ),
    }.get(flag, flag)


def status_label(status: str) -> str:
    return {
        "draft": QCoreApplication.translate("AssessmentView", "Draft"),
        "confirmed": QCoreApplication.translate("AssessmentView", "Confirmed"),
    }.get(status, status)


def source_label(source: str) -> str:
    """Where an entry came from: by hand, or a proposal of the floor confirmed."""
    return {
        "manual": QCoreApplication.translate("AssessmentView", "By hand"),
        "attendance": QCoreApplication.translate("AssessmentView", "Attendance"),
        "meeting": QCoreApplication.translate("AssessmentView", "Morning meeting"),
        "alert": QCoreApplication.translate("AssessmentView", "Alert"),
    }.get(source, source)


def when(t: datetime | None, tz: tzinfo | None = None) -> str:
    """A moment on the floor's clock (``tz``: its policy's zone)."""
    return "—" if t is None else local(t, tz).strftime("%Y-%m-%d %H:%M")


def evidence_text(ev: Mapping[str, Any], tz: tzinfo | None = None) -> str:
    """What the floor recorded, as a person reads it; empty for an entry made by hand."""
    rec = ev.get("record")
    if rec == "attendance_record":
        parts = [
            QCoreApplication.translate("AssessmentView", "Attendance register of {day}").format(
                day=ev.get("day", "")
            )
        ]
        if ev.get("late_min"):
            parts.append(
                QCoreApplication.translate("AssessmentView", "late {n} min").format(
                    n=ev["late_min"]
                )
            )
        if ev.get("early_min"):
            parts.append(
                QCoreApplication.translate("AssessmentView", "left early {n} min").format(
                    n=ev["early_min"]
                )
            )
        if ev.get("note"):
            parts.append(str(ev["note"]))
        return " · ".join(parts)
    if rec == "meeting":
        return QCoreApplication.translate(
            "AssessmentView", "Morning meeting of {day}, {shift}: absent"
        ).format(day=ev.get("day", ""), shift=ev.get("shift", ""))
    if rec == "alert":
        raised = str(ev.get("raised_at", ""))
        with contextlib.suppress(ValueError):
            raised = when(datetime.fromisoformat(raised), tz)
        parts = [
            QCoreApplication.translate("AssessmentView", "Alert {rule} raised {at}").format(
                rule=rule_label(str(ev.get("rule", ""))), at=raised
            )
        ]
        if ev.get("ticket"):
            parts.append(
                QCoreApplication.translate("AssessmentView", "ticket {id}").format(id=ev["ticket"])
            )
        if ev.get("message"):
            parts.append(str(ev["message"]))
        if ev.get("resolve_note"):
            parts.append(
                QCoreApplication.translate("AssessmentView", "resolved: {note}").format(
                    note=ev["resolve_note"]
                )
            )
        return " · ".join(parts)
    return ""


def pool_label(pool: str, size: int) -> str:
    if pool == "floor":
        return QCoreApplication.translate("AssessmentView", "the floor's {n} agents").format(n=size)
    return QCoreApplication.translate("AssessmentView", "{n} agents of group {group}").format(
        n=size, group=pool or "—"
    )
