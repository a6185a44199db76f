"""The words the attendance pages share (DOMAIN §6): the types, the fields, the
leave statuses and roles, numbers for people, a record and an approval chain."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication

from models.domain.attendance import AttendanceRecord, AttType
from models.domain.roles import Role
from models.domain.shiftrecords import LeaveRequest
from views.kit.texts import role_name


def type_label(code: str | AttType) -> str:
    """The type's name (出勤, 病假 … in Chinese)."""
    c = str(code)
    return {
        "present": QCoreApplication.translate("Attendance", "Present"),
        "sick": QCoreApplication.translate("Attendance", "Sick leave"),
        "personal": QCoreApplication.translate("Attendance", "Personal leave"),
        "maternity": QCoreApplication.translate("Attendance", "Maternity leave"),
        "marriage": QCoreApplication.translate("Attendance", "Marriage leave"),
        "bereavement": QCoreApplication.translate("Attendance", "Bereavement leave"),
        "family_visit": QCoreApplication.translate("Attendance", "Family-visit leave"),
        "late_early": QCoreApplication.translate("Attendance", "Late / left early"),
        "absent": QCoreApplication.translate("Attendance", "Absent without leave"),
    }.get(c, c)


def field_labels() -> dict[str, str]:
    """The register's fields as the conflict box names them."""
    return {
        "type": QCoreApplication.translate("Attendance", "Type"),
        "late_min": QCoreApplication.translate("Attendance", "Minutes late"),
        "early_min": QCoreApplication.translate("Attendance", "Minutes left early"),
        "note": QCoreApplication.translate("Attendance", "Note"),
    }


def leave_status_label(status: str) -> str:
    return {
        "pending": QCoreApplication.translate("Attendance", "Pending"),
        "approved": QCoreApplication.translate("Attendance", "Approved"),
        "rejected": QCoreApplication.translate("Attendance", "Rejected"),
        "cancelled": QCoreApplication.translate("Attendance", "Cancelled"),
    }.get(status, status)


def role_label(role: str) -> str:
    try:
        return role_name(Role(role))
    except (ValueError, KeyError):
        return role


def num(x: float) -> str:
    """Days and counts for people: 16, 0.5, 1.5 (never 16.0)."""
    x = round(float(x), 3)
    return str(int(x)) if x.is_integer() else f"{x:g}"


def record_text(r: AttendanceRecord) -> str:
    """出勤 / 迟到早退 迟到 12 分 早退 5 分."""
    parts = [type_label(r.type)]
    if r.late_min:
        parts.append(QCoreApplication.translate("Attendance", "late {n} min").format(n=r.late_min))
    if r.early_min:
        parts.append(
            QCoreApplication.translate("Attendance", "left early {n} min").format(n=r.early_min)
        )
    return " ".join(parts)


def value_text(field: str, value: Any) -> str:
    """A register field's value as people read it (病假, not "sick"; — for none)."""
    if field == "type" and value:
        return type_label(str(value))
    if value is None or value == "":
        return "—"
    return str(value)


def chain_text(req: LeaveRequest) -> str:
    """部长 ✓ → 主任 待批: each role of the chain with its decision so far."""
    parts = []
    for i, role in enumerate(req.chain):
        name = role_label(role)
        if i < len(req.steps):
            ok = req.steps[i].get("decision") == "approved"
            parts.append(f"{name} {'✓' if ok else '✗'}")
        elif i == len(req.steps) and req.status == "pending":
            parts.append(
                QCoreApplication.translate("Attendance", "{role} pending").format(role=name)
            )
        else:
            parts.append(name)
    return " → ".join(parts)
