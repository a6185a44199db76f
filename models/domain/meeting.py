"""The morning meeting (早会 / 班前会, DOMAIN §5): its minutes as one value.

R-MEET-1 held 10 minutes before the shift, chaired by the shift leader; R-MEET-2
five agenda parts; R-MEET-3 minutes and attendance, late to the meeting = late for
the day; R-MEET-4 notices and quality-inspection problems studied, spot quiz.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from enum import StrEnum

#: R-MEET-2's five parts, in order: (key, Chinese title, English title)
AGENDA: tuple[tuple[str, str, str], ...] = (
    ("arrangements", "传达公司安排、文件、通知", "Company arrangements, documents, notices"),
    ("knowledge", "新业务知识、昨日热点难点问题", "New business knowledge, yesterday's hot and hard questions"),
    ("tasks", "今日工作任务、鼓舞士气", "Today's tasks, morale"),
    ("appearance", "检查着装与精神状态", "Attire and state of mind"),
    ("review", "昨日工作讲评：表扬先进、指出问题", "Review of yesterday: praise and problems"),
)
AGENDA_KEYS: tuple[str, ...] = tuple(k for k, _z, _e in AGENDA)

#: the longest text one part of the minutes, or a handover, may hold (characters)
MAX_TEXT = 20000


class MeetingPresence(StrEnum):
    PRESENT = "present"  # 出席
    LATE = "late"  # 迟到 (R-MEET-3: late for the day)
    ABSENT = "absent"  # 缺席


@dataclass(frozen=True, slots=True)
class Notice:
    """A notice passed on at the meeting; ``publish`` puts it on the wall ticker."""

    text: str
    publish: bool = False
    #: the announcement id once published (so saving again does not publish twice)
    announcement_id: str | None = None


@dataclass(frozen=True, slots=True)
class QuizEntry:
    """R-MEET-4 spot quiz: who was asked what, and whether the answer was right."""

    agent: str
    question: str
    correct: bool


@dataclass(frozen=True, slots=True)
class Attendee:
    agent: str
    name: str
    presence: MeetingPresence = MeetingPresence.PRESENT
    late_min: int = 0


@dataclass(frozen=True, slots=True)
class Minutes:
    """One meeting's minutes. ``version`` is the stored row's version (0: new)."""

    day: date
    shift: str
    chair: str  # the chairing leader's operator id
    chair_name: str = ""
    #: agenda key -> text (R-MEET-2)
    sections: dict[str, str] = field(default_factory=dict)
    notices: tuple[Notice, ...] = ()
    #: problems found by quality inspection, to study (R-MEET-4)
    problems: tuple[str, ...] = ()
    quiz: tuple[QuizEntry, ...] = ()
    attendees: tuple[Attendee, ...] = ()
    saved_at: datetime | None = None
    saved_by: str | None = None
    version: int = 0
