"""The message a refused stale save shows (issue #6: "the second save is refused with
a clear message showing the other change — never a silent lost update").

Every shift-record dialog (meeting, attendance, roster, leave, handover) shows the
same box: who saved first, when, and each field they changed as "theirs" beside
"yours", then reloads the record so the leader can redo the edit on top of it.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QMessageBox, QWidget

from models.domain.shiftrecords import StaleEdit


def _value(v: Any) -> str:
    if v is None or v == "":
        return "—"
    if isinstance(v, bool):
        return (QCoreApplication.translate("Conflict", "yes") if v
                else QCoreApplication.translate("Conflict", "no"))
    text = str(v)
    return text if len(text) <= 120 else text[:117] + "…"


def conflict_text(e: StaleEdit, tz: ZoneInfo, labels: Mapping[str, str] | None = None,
                  names: Mapping[str, str] | None = None) -> str:
    """Plain text: who changed the record, when, and what. ``labels`` names the
    fields (``late_min`` → 迟到分钟), ``names`` the people (工号 → 姓名)."""
    labels = labels or {}
    if e.deleted:
        return QCoreApplication.translate(
            "Conflict", "Your change was not saved: someone deleted this record meanwhile.")
    who = e.by or "?"
    if names and e.by and names.get(e.by):
        who = f"{names[e.by]} ({e.by})"
    when = e.at.astimezone(tz).strftime("%Y-%m-%d %H:%M:%S") if isinstance(e.at, datetime) \
        else "?"
    lines = [QCoreApplication.translate(
        "Conflict", "Your change was not saved: {who} saved this record at {when}, "
                    "after you opened it.").format(who=who, when=when)]
    if e.changes:
        lines.append("")
        lines.append(QCoreApplication.translate("Conflict", "What they saved:"))
        for field, mine, theirs in e.changes:
            lines.append(QCoreApplication.translate(
                "Conflict", "• {field}: now “{theirs}” (you had “{mine}”)").format(
                field=labels.get(field, field), theirs=_value(theirs), mine=_value(mine)))
    lines.append("")
    lines.append(QCoreApplication.translate(
        "Conflict", "The record has been reloaded with their change. Make your edit again "
                    "if it is still needed."))
    return "\n".join(lines)


#: how a dialog shows the box; tests replace it to read the text without a modal loop
Show = Callable[[QWidget | None, str, str], None]


def show_conflict(parent: QWidget | None, title: str, text: str) -> None:
    box = QMessageBox(QMessageBox.Icon.Warning, title, text, QMessageBox.StandardButton.Ok,
                      parent)
    box.setObjectName("conflictBox")
    box.exec()


def conflict_title() -> str:
    return QCoreApplication.translate("Conflict", "Saved by someone else")
