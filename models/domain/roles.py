"""Operators, their roles, and what each role may do — pure, no database.

Rights are a function of the roles alone, so the console (to enable buttons), the
floor host (to refuse a control before it reaches the telephony adapter) and the
tests all ask the same question. R-CTRL-1: supervisor controls belong to the shift
leader or the director only.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from models.domain.texts import QT_TRANSLATE_NOOP, Msg, action_text, roles_list


class Role(StrEnum):
    SHIFT_LEADER = "shift_leader"  # 值班长
    DEPARTMENT_HEAD = "department_head"  # 部长
    DIRECTOR = "director"  # 主任
    WALLBOARD = "wallboard"  # 大屏 (view only)
    ADMIN = "admin"  # 系统管理员 (IT)


ROLE_LABELS: dict[Role, str] = {
    Role.SHIFT_LEADER: "值班长",
    Role.DEPARTMENT_HEAD: "部长",
    Role.DIRECTOR: "主任",
    Role.WALLBOARD: "大屏",
    Role.ADMIN: "系统管理员",
}


class Right(StrEnum):
    VIEW_FLOOR = "view_floor"
    #: DOMAIN §2 controls: monitor, whisper, barge, release, intercept, force … (R-CTRL-1)
    SUPERVISOR_CONTROLS = "supervisor_controls"
    #: create operators, set roles, reset passwords, unlock, disable
    ADMINISTER_OPERATORS = "administer_operators"
    EDIT_FLOOR_SETUP = "edit_floor_setup"
    VIEW_AUDIT = "view_audit"
    #: not named by the issue; DOMAIN's vocabulary has the director set policy, and
    #: IT applies it on the director's word
    APPLY_POLICY = "apply_policy"
    #: acknowledge and resolve alerts (issue #4): the people the alerts are for
    HANDLE_ALERTS = "handle_alerts"
    #: the units' contact list for urgent escalation (R-URGENT-2): kept by the people
    #: who escalate, and by IT as part of setting up the floor
    EDIT_CONTACTS = "edit_contacts"
    #: the wall display's announcement ticker (发布公告): the shift leader runs the
    #: floor and chairs the morning meeting (R-MEET-1/2), the director oversees it
    PUBLISH_ANNOUNCEMENTS = "publish_announcements"
    #: the daily paperwork of DOMAIN §5/§6 (issue #6): morning-meeting minutes, the
    #: attendance register, handover; the shift leader keeps them (R-MEET-3, R-ATT-6)
    KEEP_SHIFT_RECORDS = "keep_shift_records"
    #: who works which shift: made by the leaders and their managers (R-REPORT-1)
    EDIT_ROSTER = "edit_roster"
    #: read the register and the monthly summary (月考勤汇总表)
    VIEW_ATTENDANCE = "view_attendance"
    #: the director's window: trends, staffing, the agent league table (issue #17);
    #: checked where the history is read, not only by the menu
    VIEW_TRENDS = "view_trends"
    #: the monthly assessment (考核, DOMAIN §8, issue #18): the shift leader records
    #: deductions and drafts the month's sheet; the department head confirms it
    #: (the director may do both); everyone who leads the floor reads it
    RECORD_ASSESSMENT = "record_assessment"
    CONFIRM_ASSESSMENT = "confirm_assessment"
    VIEW_ASSESSMENT = "view_assessment"
    #: quality inspection (质量监控, issue #18): import scores, propose the week's sample
    KEEP_QA = "keep_qa"


_RIGHTS: dict[Role, frozenset[Right]] = {
    Role.SHIFT_LEADER: frozenset({Right.VIEW_FLOOR, Right.SUPERVISOR_CONTROLS,
                                  Right.HANDLE_ALERTS, Right.EDIT_CONTACTS,
                                  Right.PUBLISH_ANNOUNCEMENTS, Right.KEEP_SHIFT_RECORDS,
                                  Right.EDIT_ROSTER, Right.VIEW_ATTENDANCE,
                                  Right.RECORD_ASSESSMENT, Right.VIEW_ASSESSMENT,
                                  Right.KEEP_QA}),
    Role.DIRECTOR: frozenset({Right.VIEW_FLOOR, Right.SUPERVISOR_CONTROLS, Right.VIEW_AUDIT,
                              Right.APPLY_POLICY, Right.HANDLE_ALERTS, Right.EDIT_CONTACTS,
                              Right.PUBLISH_ANNOUNCEMENTS, Right.KEEP_SHIFT_RECORDS,
                              Right.EDIT_ROSTER, Right.VIEW_ATTENDANCE, Right.VIEW_TRENDS,
                              Right.RECORD_ASSESSMENT, Right.CONFIRM_ASSESSMENT,
                              Right.VIEW_ASSESSMENT, Right.KEEP_QA}),
    Role.DEPARTMENT_HEAD: frozenset({Right.VIEW_FLOOR, Right.VIEW_AUDIT, Right.EDIT_ROSTER,
                                     Right.VIEW_ATTENDANCE, Right.VIEW_TRENDS,
                                     Right.CONFIRM_ASSESSMENT, Right.VIEW_ASSESSMENT,
                                     Right.KEEP_QA}),
    Role.WALLBOARD: frozenset({Right.VIEW_FLOOR}),
    Role.ADMIN: frozenset({Right.VIEW_FLOOR, Right.ADMINISTER_OPERATORS,
                           Right.EDIT_FLOOR_SETUP, Right.VIEW_AUDIT, Right.APPLY_POLICY,
                           Right.EDIT_CONTACTS}),
}


def parse_roles(names: Iterable[str | Role]) -> frozenset[Role]:
    """Role names to roles; an unknown name raises ValueError naming the known ones."""
    out = set()
    for n in names:
        try:
            out.add(Role(str(n).strip()))
        except ValueError:
            known = ", ".join(r.value for r in Role)
            raise ValueError(QT_TRANSLATE_NOOP("Roles", "Unknown role {role} (roles: {known})")
                             .format(role=str(n), known=known)) from None
    return frozenset(out)


def rights(roles: Iterable[Role | str]) -> frozenset[Right]:
    """Everything an operator with ``roles`` may do (unknown role names grant nothing)."""
    out: set[Right] = set()
    for r in roles:
        try:
            out |= _RIGHTS[Role(r)]
        except ValueError:
            continue
    return frozenset(out)


def may(roles: Iterable[Role | str], right: Right) -> bool:
    return right in rights(roles)


def roles_text(roles: Iterable[Role | str]) -> str:
    """Roles as stored in the audit log and shown in messages: sorted, comma-joined."""
    return ",".join(sorted(str(r) for r in roles)) or "none"


@dataclass(frozen=True, slots=True)
class Operator:
    """A person who signs in to a console (工号). Never carries the password hash."""

    id: str
    name: str
    roles: frozenset[Role]
    locked_until: datetime | None = None
    failed_count: int = 0
    disabled: bool = False
    last_sign_in_at: datetime | None = None

    def locked(self, now: datetime) -> bool:
        return self.locked_until is not None and self.locked_until > now

    def may(self, right: Right) -> bool:
        return may(self.roles, right)


def command_refusal(op: Operator | None, operator_id: str, action: str,
                    now: datetime) -> Msg | None:
    """Why the floor host must not execute ``action`` for ``operator_id``, or None.

    Checked where commands are executed, not only in the console: a row written
    straight into the outbox is held to the same rule (R-CTRL-1). ``stop`` (leave a
    monitor/whisper/barge session) is allowed to any operator on record, disabled
    or not: refusing it would keep someone who lost the right listening in.

    A sign-in lock is not a reason (issue #13 item 7): it guards signing in, and
    anyone can set it off by typing wrong passwords for someone else's ID, so it
    must not take the controls from a leader whose session is open.
    """
    if op is None:
        return QT_TRANSLATE_NOOP("Roles", "Operator {operator} is unknown and may not use "
                                          "{action}").format(operator=operator_id,
                                                             action=action_text(action))
    if action == "stop":
        return None
    if op.disabled:
        return QT_TRANSLATE_NOOP("Roles", "Operator {operator} is disabled and may not use "
                                          "{action}").format(operator=op.id,
                                                             action=action_text(action))
    if not op.may(Right.SUPERVISOR_CONTROLS):
        return QT_TRANSLATE_NOOP("Roles", "Operator {operator} (roles: {roles}) may not use "
                                          "{action}").format(
            operator=op.id, roles=roles_list(op.roles), action=action_text(action))
    return None
