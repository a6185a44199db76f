"""Typed SQLAlchemy 2 schema of the shared floor database.

Times are stored in UTC (``DateTime(timezone=True)``; SQLite keeps naive UTC and
:func:`utc` restores the zone). Changes to this file need an Alembic revision in
``models/db/migrations/versions``.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column
from sqlalchemy.types import TypeDecorator

#: BIGINT on PostgreSQL; INTEGER PRIMARY KEY (the rowid) on SQLite so it autoincrements
BigId = BigInteger().with_variant(Integer(), "sqlite")
Json = JSON().with_variant(JSONB(), "postgresql")


class UtcDateTime(TypeDecorator[datetime]):
    """Aware datetimes in, UTC datetimes out, on every engine.

    SQLite keeps the text it is given, so an aware time in another zone would be
    stored as its local wall time and compare wrongly; everything is converted
    to UTC on the way in, and a naive time is refused.
    """

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Any) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError(f"naive datetime {value!r}: times are stored in UTC")
        v = value.astimezone(UTC)
        return v.replace(tzinfo=None) if dialect.name == "sqlite" else v

    def process_result_value(self, value: datetime | None, dialect: Any) -> datetime | None:
        return utc(value)


Ts = UtcDateTime()


def utc(dt: datetime | None) -> datetime | None:
    """Rows read back from SQLite are naive UTC; give them their zone."""
    if dt is None:
        return None
    return dt.replace(tzinfo=UTC) if dt.tzinfo is None else dt.astimezone(UTC)


class Base(DeclarativeBase):
    type_annotation_map = {dict[str, Any]: Json, datetime: UtcDateTime}


class FloorEventRow(Base):
    """The append-only floor log. ``id`` is monotonic: writers hold a lock while
    appending, so ids become visible in order ("events with id > last seen")."""

    __tablename__ = "floor_event"
    id: Mapped[int] = mapped_column(BigId, primary_key=True, autoincrement=True)
    at: Mapped[datetime] = mapped_column(Ts, nullable=False)
    type: Mapped[str] = mapped_column(String(40), nullable=False)
    data: Mapped[dict[str, Any]] = mapped_column(Json, nullable=False)
    source: Mapped[str] = mapped_column(String(60), nullable=False, default="")
    __table_args__ = (Index("ix_floor_event_at", "at"),)


class CheckpointRow(Base):
    """The reducer's full state after ``event_id``: where a follower starts."""

    __tablename__ = "floor_checkpoint"
    event_id: Mapped[int] = mapped_column(BigId, primary_key=True)
    at: Mapped[datetime | None] = mapped_column(Ts)
    state: Mapped[dict[str, Any]] = mapped_column(Json, nullable=False)


class AgentRow(Base):
    """Floor setup: one agent (工号)."""

    __tablename__ = "agent"
    id: Mapped[str] = mapped_column(String(40), primary_key=True)
    name: Mapped[str] = mapped_column(String(100), nullable=False)
    group_id: Mapped[str | None] = mapped_column(String(40))


class GroupRow(Base):
    __tablename__ = "agent_group"
    id: Mapped[str] = mapped_column(String(40), primary_key=True)
    name: Mapped[str] = mapped_column(String(100), nullable=False)


class QueueRow(Base):
    __tablename__ = "queue"
    id: Mapped[str] = mapped_column(String(40), primary_key=True)
    name: Mapped[str] = mapped_column(String(100), nullable=False)


class AgentCurrentRow(Base):
    """Current state of each agent (the log folded), updated per batch."""

    __tablename__ = "agent_current"
    agent_id: Mapped[str] = mapped_column(String(40), primary_key=True)
    state: Mapped[str] = mapped_column(String(20), nullable=False)
    reason: Mapped[str | None] = mapped_column(String(20))
    since: Mapped[datetime | None] = mapped_column(Ts)
    call_id: Mapped[str | None] = mapped_column(String(60))
    event_id: Mapped[int] = mapped_column(BigId, nullable=False)


class QueueCurrentRow(Base):
    __tablename__ = "queue_current"
    queue_id: Mapped[str] = mapped_column(String(40), primary_key=True)
    waiting: Mapped[int] = mapped_column(Integer, nullable=False)
    oldest_since: Mapped[datetime | None] = mapped_column(Ts)
    event_id: Mapped[int] = mapped_column(BigId, nullable=False)


class CallRecordRow(Base):
    """One row per finished call (answered, abandoned or IVR-only)."""

    __tablename__ = "call_record"
    call_id: Mapped[str] = mapped_column(String(60), primary_key=True)
    queue_id: Mapped[str] = mapped_column(String(40), nullable=False)
    agent_id: Mapped[str | None] = mapped_column(String(40))
    caller: Mapped[str | None] = mapped_column(String(40))
    outcome: Mapped[str] = mapped_column(String(12), nullable=False)
    queued_at: Mapped[datetime] = mapped_column(Ts, nullable=False)
    answered_at: Mapped[datetime | None] = mapped_column(Ts)
    ended_at: Mapped[datetime | None] = mapped_column(Ts)
    wait_s: Mapped[float] = mapped_column(Float, nullable=False, default=0.0)
    talk_s: Mapped[float] = mapped_column(Float, nullable=False, default=0.0)
    hold_s: Mapped[float] = mapped_column(Float, nullable=False, default=0.0)
    acw_s: Mapped[float] = mapped_column(Float, nullable=False, default=0.0)
    holds: Mapped[int] = mapped_column(Integer, nullable=False, default=0)
    intercepted_by: Mapped[str | None] = mapped_column(String(40))
    __table_args__ = (
        Index("ix_call_record_queued_at", "queued_at"),
        Index("ix_call_record_agent", "agent_id", "queued_at"),
        # issue #17: an interval's agent rows count the calls answered in it
        Index("ix_call_record_answered_at", "answered_at"),
    )


class AgentIntervalRow(Base):
    """A closed agent-state interval (R-STATE-1); the open one is agent_current."""

    __tablename__ = "agent_interval"
    id: Mapped[int] = mapped_column(BigId, primary_key=True, autoincrement=True)
    agent_id: Mapped[str] = mapped_column(String(40), nullable=False)
    state: Mapped[str] = mapped_column(String(20), nullable=False)
    reason: Mapped[str | None] = mapped_column(String(20))
    start: Mapped[datetime] = mapped_column(Ts, nullable=False)
    end: Mapped[datetime] = mapped_column(Ts, nullable=False)
    call_id: Mapped[str | None] = mapped_column(String(60))
    __table_args__ = (
        Index("ix_agent_interval_agent_start", "agent_id", "start"),
        Index("ix_agent_interval_start", "start"),
        # issue #17: closing the newest 15-minute interval reads the states ending after it
        Index("ix_agent_interval_end", "end"),
    )


class TicketRow(Base):
    __tablename__ = "ticket"
    id: Mapped[str] = mapped_column(String(60), primary_key=True)
    call_id: Mapped[str | None] = mapped_column(String(60))
    agent_id: Mapped[str | None] = mapped_column(String(40))
    category: Mapped[str] = mapped_column(String(12), nullable=False)
    title: Mapped[str] = mapped_column(Text, nullable=False, default="")
    urgent: Mapped[bool] = mapped_column(Boolean, nullable=False, default=False)
    created_at: Mapped[datetime] = mapped_column(Ts, nullable=False)
    completed_at: Mapped[datetime | None] = mapped_column(Ts)
    __table_args__ = (Index("ix_ticket_created_at", "created_at"),)


class SupervisorCommandRow(Base):
    """The command outbox: written by consoles, executed exactly once by the host.

    Issue #13 item 5: a host claims a row (``executing``, ``claimed_by``,
    ``claimed_at``, ``attempt``) in its own committed transaction before it acts,
    so a crash between acting and recording leaves a claimed row, never a pending
    one: the next host asks its adapter what happened instead of acting again.
    ``status``: pending, executing, done, failed, unknown (the effect could not be
    established)."""

    __tablename__ = "supervisor_command"
    id: Mapped[str] = mapped_column(String(40), primary_key=True)
    created_at: Mapped[datetime] = mapped_column(Ts, nullable=False)
    operator: Mapped[str] = mapped_column(String(40), nullable=False)
    action: Mapped[str] = mapped_column(String(20), nullable=False)
    agent_id: Mapped[str] = mapped_column(String(40), nullable=False)
    call_id: Mapped[str | None] = mapped_column(String(60))
    reason: Mapped[str] = mapped_column(Text, nullable=False, default="")
    away_reason: Mapped[str | None] = mapped_column(String(20))
    status: Mapped[str] = mapped_column(String(10), nullable=False, default="pending")
    message: Mapped[str] = mapped_column(Text, nullable=False, default="")
    executed_at: Mapped[datetime | None] = mapped_column(Ts)
    result_event_id: Mapped[int | None] = mapped_column(BigId)
    #: the sign-in session the control was given under (issue #13 item 6): the host
    #: executes it only if this token's hash names a live session of ``operator``.
    #: Consoles may insert it but not read it back (``seatwatch db roles``).
    session_token: Mapped[str | None] = mapped_column(String(100))
    claimed_by: Mapped[str | None] = mapped_column(String(80))
    claimed_at: Mapped[datetime | None] = mapped_column(Ts)
    attempt: Mapped[int] = mapped_column(Integer, nullable=False, default=0,
                                         server_default="0")
    __table_args__ = (Index("ix_supervisor_command_status", "status", "created_at"),)


class PolicyVersionRow(Base):
    """Every applied policy, versioned: who, when, the document and the diff."""

    __tablename__ = "policy_version"
    version: Mapped[int] = mapped_column(Integer, primary_key=True)
    applied_at: Mapped[datetime] = mapped_column(Ts, nullable=False)
    applied_by: Mapped[str] = mapped_column(String(80), nullable=False)
    toml: Mapped[str] = mapped_column(Text, nullable=False)
    document: Mapped[dict[str, Any]] = mapped_column(Json, nullable=False)
    diff: Mapped[str] = mapped_column(Text, nullable=False, default="")
    event_id: Mapped[int | None] = mapped_column(BigId, ForeignKey("floor_event.id",
                                                                   ondelete="SET NULL"))


class TelephonyMappingRow(Base):
    """Every applied telephony mapping (issue #14), versioned like the policy: who,
    when, the TOML as written, the validated document and the diff. Only the
    administrator's CLI writes it; the host and the consoles read it (``db roles``)."""

    __tablename__ = "telephony_mapping"
    version: Mapped[int] = mapped_column(Integer, primary_key=True)
    applied_at: Mapped[datetime] = mapped_column(Ts, nullable=False)
    applied_by: Mapped[str] = mapped_column(String(80), nullable=False)
    toml: Mapped[str] = mapped_column(Text, nullable=False)
    document: Mapped[dict[str, Any]] = mapped_column(Json, nullable=False)
    diff: Mapped[str] = mapped_column(Text, nullable=False, default="")


class HeartbeatRow(Base):
    """One row per host; ``beat_at`` is the database server's clock."""

    __tablename__ = "host_heartbeat"
    host_id: Mapped[str] = mapped_column(String(80), primary_key=True)
    beat_at: Mapped[datetime] = mapped_column(Ts, nullable=False)
    started_at: Mapped[datetime] = mapped_column(Ts, nullable=False)
    hostname: Mapped[str] = mapped_column(String(120), nullable=False, default="")
    pid: Mapped[int] = mapped_column(Integer, nullable=False, default=0)


class MetaRow(Base):
    """Small key/value facts about the floor (e.g. a fast replay's virtual clock)."""

    __tablename__ = "floor_meta"
    key: Mapped[str] = mapped_column(String(60), primary_key=True)
    value: Mapped[str] = mapped_column(Text, nullable=False)


class RejectedEventRow(Base):
    """Telephony input the reducer refused: kept with the reason, never applied."""

    __tablename__ = "rejected_event"
    id: Mapped[int] = mapped_column(BigId, primary_key=True, autoincrement=True)
    received_at: Mapped[datetime] = mapped_column(Ts, nullable=False)
    source: Mapped[str] = mapped_column(String(60), nullable=False, default="")
    raw: Mapped[dict[str, Any]] = mapped_column(Json, nullable=False)
    reason: Mapped[str] = mapped_column(Text, nullable=False)


class OperatorRow(Base):
    """A console user (工号). The password is only ever stored as a salted scrypt
    hash (``models.db.operators``); the hash never leaves ``models/db``."""

    __tablename__ = "operator"
    id: Mapped[str] = mapped_column(String(40), primary_key=True)
    name: Mapped[str] = mapped_column(String(100), nullable=False)
    password_hash: Mapped[str] = mapped_column(String(200), nullable=False)
    failed_count: Mapped[int] = mapped_column(Integer, nullable=False, default=0)
    last_failed_at: Mapped[datetime | None] = mapped_column(Ts)
    locked_until: Mapped[datetime | None] = mapped_column(Ts)
    disabled: Mapped[bool] = mapped_column(Boolean, nullable=False, default=False)
    created_at: Mapped[datetime] = mapped_column(Ts, nullable=False)
    created_by: Mapped[str] = mapped_column(String(80), nullable=False)
    last_sign_in_at: Mapped[datetime | None] = mapped_column(Ts)


class OperatorRoleRow(Base):
    """An operator may hold several roles (``models.domain.roles.Role``)."""

    __tablename__ = "operator_role"
    operator_id: Mapped[str] = mapped_column(String(40), ForeignKey("operator.id",
                                                                    ondelete="CASCADE"),
                                             primary_key=True)
    role: Mapped[str] = mapped_column(String(20), primary_key=True)


class OperatorSessionRow(Base):
    """A console sign-in (issue #13 item 6): only the SHA-256 of the random token is
    stored, so reading this table (which consoles and walls cannot) gives nobody a
    usable token. A control carries the token; the host checks it here."""

    __tablename__ = "operator_session"
    token_hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    operator_id: Mapped[str] = mapped_column(String(40), ForeignKey("operator.id",
                                                                    ondelete="CASCADE"),
                                             nullable=False)
    created_at: Mapped[datetime] = mapped_column(Ts, nullable=False)
    expires_at: Mapped[datetime] = mapped_column(Ts, nullable=False)
    workstation: Mapped[str] = mapped_column(String(120), nullable=False, default="")
    revoked_at: Mapped[datetime | None] = mapped_column(Ts)
    __table_args__ = (Index("ix_operator_session_operator", "operator_id", "expires_at"),)


class SupervisorEndpointRow(Base):
    """Each supervisor's own extension (issue #14): the endpoint monitor, whisper and
    barge ring (an AMI Originate channel), and exten@context an intercept sends the
    caller to (empty: no intercept). Validated by models.domain.endpoints before it
    is stored; every change audited (``endpoint_set``)."""

    __tablename__ = "supervisor_endpoint"
    operator: Mapped[str] = mapped_column(String(40), ForeignKey("operator.id",
                                                                 ondelete="CASCADE"),
                                          primary_key=True)
    endpoint: Mapped[str] = mapped_column(String(80), nullable=False)
    context: Mapped[str] = mapped_column(String(40), nullable=False, default="")
    exten: Mapped[str] = mapped_column(String(40), nullable=False, default="")
    set_by: Mapped[str] = mapped_column(String(80), nullable=False)
    set_at: Mapped[datetime] = mapped_column(Ts, nullable=False)


class AuditLogRow(Base):
    """Who did what, on whom, when, with which result (R-CTRL-1, R-PRIV-2).

    Append-only, enforced by the database: migration 0003 adds triggers that refuse
    UPDATE and DELETE (and TRUNCATE on PostgreSQL). A later migration that rebuilds
    this table (SQLite batch mode) must create them again.
    """

    __tablename__ = "audit_log"
    id: Mapped[int] = mapped_column(BigId, primary_key=True, autoincrement=True)
    at: Mapped[datetime] = mapped_column(Ts, nullable=False)
    operator: Mapped[str] = mapped_column(String(80), nullable=False)
    #: the operator's roles at the time, sorted and comma-joined ("none" if none)
    roles: Mapped[str] = mapped_column(String(200), nullable=False, default="")
    action: Mapped[str] = mapped_column(String(40), nullable=False)
    agent: Mapped[str | None] = mapped_column(String(40))
    target: Mapped[str | None] = mapped_column(String(100))
    detail: Mapped[dict[str, Any]] = mapped_column(Json, nullable=False)
    result: Mapped[str] = mapped_column(Text, nullable=False)
    workstation: Mapped[str] = mapped_column(String(120), nullable=False, default="")
    #: tamper evidence (issue #13 item 6): ``row_hash`` = SHA-256 of this row's content
    #: and ``prev_hash`` (the previous row's ``row_hash``); NULL on rows written before
    #: migration 0007. ``seatwatch audit verify`` walks the chain.
    prev_hash: Mapped[str | None] = mapped_column(String(64))
    row_hash: Mapped[str | None] = mapped_column(String(64))
    __table_args__ = (
        Index("ix_audit_log_at", "at"),
        Index("ix_audit_log_operator", "operator", "at"),
        Index("ix_audit_log_agent", "agent", "at"),
        Index("ix_audit_log_action", "action", "at"),
    )


class AlertRow(Base):
    """Every alert ever raised (issue #4): one row per (rule, subject, condition start),
    its acknowledgement and its resolution. The floor state holds the active ones."""

    __tablename__ = "alert"
    id: Mapped[str] = mapped_column(String(300), primary_key=True)
    rule: Mapped[str] = mapped_column(String(30), nullable=False)
    subject: Mapped[str] = mapped_column(String(200), nullable=False)
    severity: Mapped[str] = mapped_column(String(10), nullable=False)
    raised_at: Mapped[datetime] = mapped_column(Ts, nullable=False)
    message: Mapped[str] = mapped_column(Text, nullable=False, default="")
    agent_id: Mapped[str | None] = mapped_column(String(40))
    group_id: Mapped[str | None] = mapped_column(String(40))
    queue_id: Mapped[str | None] = mapped_column(String(40))
    ticket_id: Mapped[str | None] = mapped_column(String(100))
    escalation_of: Mapped[str | None] = mapped_column(String(300))
    detail: Mapped[dict[str, Any]] = mapped_column(Json, nullable=False)
    raised_event_id: Mapped[int] = mapped_column(BigId, nullable=False)
    acknowledged_at: Mapped[datetime | None] = mapped_column(Ts)
    acknowledged_by: Mapped[str | None] = mapped_column(String(80))
    resolved_at: Mapped[datetime | None] = mapped_column(Ts)
    #: None when the condition cleared by itself
    resolved_by: Mapped[str | None] = mapped_column(String(80))
    resolve_note: Mapped[str | None] = mapped_column(Text)
    __table_args__ = (
        UniqueConstraint("rule", "subject", "raised_at", name="uq_alert_condition"),
        Index("ix_alert_raised_at", "raised_at"),
        Index("ix_alert_open", "resolved_at"),
        Index("ix_alert_ticket", "ticket_id"),
    )


class AlertNotificationRow(Base):
    """Who was told of an alert, when and how (R-URGENT-2): a console, a phone call to
    a unit head, a group-robot webhook. A failed delivery stays here, retried and
    shown, never dropped."""

    __tablename__ = "alert_notification"
    id: Mapped[int] = mapped_column(BigId, primary_key=True, autoincrement=True)
    alert_id: Mapped[str] = mapped_column(String(300), nullable=False)
    channel: Mapped[str] = mapped_column(String(20), nullable=False)  # console|phone|webhook
    target: Mapped[str] = mapped_column(String(200), nullable=False)
    status: Mapped[str] = mapped_column(String(20), nullable=False)  # pending|sent|failed
    attempts: Mapped[int] = mapped_column(Integer, nullable=False, default=0)
    last_error: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(Ts, nullable=False)
    sent_at: Mapped[datetime | None] = mapped_column(Ts)
    next_try_at: Mapped[datetime | None] = mapped_column(Ts)
    __table_args__ = (
        UniqueConstraint("alert_id", "channel", "target", name="uq_alert_notification"),
        Index("ix_alert_notification_due", "status", "next_try_at"),
    )


class ContactRow(Base):
    """The responsible units (承办单位) and their heads, for R-URGENT-2."""

    __tablename__ = "contact"
    id: Mapped[int] = mapped_column(BigId, primary_key=True, autoincrement=True)
    unit: Mapped[str] = mapped_column(String(100), nullable=False)
    head: Mapped[str] = mapped_column(String(60), nullable=False)
    phone: Mapped[str] = mapped_column(String(40), nullable=False)
    #: escalation order within the list (lower first)
    position: Mapped[int] = mapped_column(Integer, nullable=False, default=0)


class HostLeaseRow(Base):
    """The scheduler lease (issue #4): exactly one host per floor runs the alert jobs.
    The holder renews ``expires_at`` (database clock); a standby takes over once it
    lapses."""

    __tablename__ = "host_lease"
    name: Mapped[str] = mapped_column(String(40), primary_key=True)
    holder: Mapped[str] = mapped_column(String(200), nullable=False)
    acquired_at: Mapped[datetime] = mapped_column(Ts, nullable=False)
    expires_at: Mapped[datetime] = mapped_column(Ts, nullable=False)


# ---- shift operations (issue #6): roster, attendance, leave, meetings, handover --------
#
# Every row a person edits carries ``version``: a save names the version it was
# made from and is refused when the row moved on (models.db.shiftops.StaleEdit),
# so two leaders editing one record never lose an update silently.


class HolidayRow(Base):
    """The holiday calendar: 法定节假日 (``holiday``) and 调休 working days (``workday``)."""

    __tablename__ = "holiday"
    day: Mapped[date] = mapped_column(Date, primary_key=True)
    kind: Mapped[str] = mapped_column(String(10), nullable=False)
    name: Mapped[str] = mapped_column(String(60), nullable=False, default="")


class RosterRow(Base):
    """Who works which shift on which day (排班); ``role`` leader = the on-duty
    shift leader (R-URGENT-2). ``day`` is the date the shift starts on."""

    __tablename__ = "roster_entry"
    id: Mapped[int] = mapped_column(BigId, primary_key=True, autoincrement=True)
    day: Mapped[date] = mapped_column(Date, nullable=False)
    shift: Mapped[str] = mapped_column(String(40), nullable=False)
    person: Mapped[str] = mapped_column(String(40), nullable=False)
    role: Mapped[str] = mapped_column(String(10), nullable=False, default="agent")
    version: Mapped[int] = mapped_column(Integer, nullable=False, default=1)
    updated_at: Mapped[datetime] = mapped_column(Ts, nullable=False)
    updated_by: Mapped[str] = mapped_column(String(80), nullable=False)
    __table_args__ = (
        UniqueConstraint("day", "shift", "person", name="uq_roster_slot"),
        Index("ix_roster_person_day", "person", "day"),
    )


class AttendanceRow(Base):
    """The daily register (考勤, R-ATT-6): one row per agent per day, as confirmed or
    corrected by the leader (``source`` leader), imported, or noted at the meeting."""

    __tablename__ = "attendance_record"
    day: Mapped[date] = mapped_column(Date, primary_key=True)
    agent_id: Mapped[str] = mapped_column(String(40), primary_key=True)
    type: Mapped[str] = mapped_column(String(20), nullable=False)
    late_min: Mapped[int] = mapped_column(Integer, nullable=False, default=0)
    early_min: Mapped[int] = mapped_column(Integer, nullable=False, default=0)
    note: Mapped[str] = mapped_column(Text, nullable=False, default="")
    source: Mapped[str] = mapped_column(String(12), nullable=False)
    version: Mapped[int] = mapped_column(Integer, nullable=False, default=1)
    updated_at: Mapped[datetime] = mapped_column(Ts, nullable=False)
    updated_by: Mapped[str] = mapped_column(String(80), nullable=False)
    __table_args__ = (Index("ix_attendance_agent_day", "agent_id", "day"),)


class LeaveRequestRow(Base):
    """A leave request (请假) and its way through the policy's approval chain."""

    __tablename__ = "leave_request"
    id: Mapped[int] = mapped_column(BigId, primary_key=True, autoincrement=True)
    agent_id: Mapped[str] = mapped_column(String(40), nullable=False)
    type: Mapped[str] = mapped_column(String(20), nullable=False)
    start_day: Mapped[date] = mapped_column(Date, nullable=False)
    end_day: Mapped[date] = mapped_column(Date, nullable=False)
    days: Mapped[float] = mapped_column(Float, nullable=False)
    reason: Mapped[str] = mapped_column(Text, nullable=False, default="")
    #: the roles that must approve, in order (fixed when the request is made)
    chain: Mapped[dict[str, Any]] = mapped_column(Json, nullable=False)
    #: pending / approved / rejected / cancelled
    status: Mapped[str] = mapped_column(String(12), nullable=False)
    created_at: Mapped[datetime] = mapped_column(Ts, nullable=False)
    created_by: Mapped[str] = mapped_column(String(80), nullable=False)
    version: Mapped[int] = mapped_column(Integer, nullable=False, default=1)
    __table_args__ = (Index("ix_leave_agent_start", "agent_id", "start_day"),)


class ShiftSwapRow(Base):
    """A shift swap (调班): two people exchange their shifts; counted per month."""

    __tablename__ = "shift_swap"
    id: Mapped[int] = mapped_column(BigId, primary_key=True, autoincrement=True)
    agent_id: Mapped[str] = mapped_column(String(40), nullable=False)
    day: Mapped[date] = mapped_column(Date, nullable=False)
    shift: Mapped[str] = mapped_column(String(40), nullable=False)
    other_id: Mapped[str] = mapped_column(String(40), nullable=False)
    other_day: Mapped[date] = mapped_column(Date, nullable=False)
    other_shift: Mapped[str] = mapped_column(String(40), nullable=False)
    reason: Mapped[str] = mapped_column(Text, nullable=False, default="")
    created_at: Mapped[datetime] = mapped_column(Ts, nullable=False)
    created_by: Mapped[str] = mapped_column(String(80), nullable=False)
    __table_args__ = (Index("ix_swap_agent_day", "agent_id", "day"),
                      Index("ix_swap_other_day", "other_id", "other_day"))


class MeetingRow(Base):
    """The morning meeting's minutes (早会记录, R-MEET-1 … 4), one per shift and day."""

    __tablename__ = "meeting"
    id: Mapped[int] = mapped_column(BigId, primary_key=True, autoincrement=True)
    day: Mapped[date] = mapped_column(Date, nullable=False)
    shift: Mapped[str] = mapped_column(String(40), nullable=False)
    chair: Mapped[str] = mapped_column(String(40), nullable=False)
    content: Mapped[dict[str, Any]] = mapped_column(Json, nullable=False)
    saved_at: Mapped[datetime] = mapped_column(Ts, nullable=False)
    saved_by: Mapped[str] = mapped_column(String(80), nullable=False)
    version: Mapped[int] = mapped_column(Integer, nullable=False, default=1)
    __table_args__ = (UniqueConstraint("day", "shift", name="uq_meeting_shift"),)


class HandoverRow(Base):
    """The shift handover (交接班): written by the outgoing leader, acknowledged by the
    incoming one."""

    __tablename__ = "handover"
    id: Mapped[int] = mapped_column(BigId, primary_key=True, autoincrement=True)
    day: Mapped[date] = mapped_column(Date, nullable=False)
    shift: Mapped[str] = mapped_column(String(40), nullable=False)
    from_operator: Mapped[str] = mapped_column(String(40), nullable=False)
    text: Mapped[str] = mapped_column(Text, nullable=False, default="")
    #: open items carried over: [{"kind", "id", "text"}]
    items: Mapped[dict[str, Any]] = mapped_column(Json, nullable=False)
    written_at: Mapped[datetime] = mapped_column(Ts, nullable=False)
    to_operator: Mapped[str | None] = mapped_column(String(40))
    acknowledged_at: Mapped[datetime | None] = mapped_column(Ts)
    ack_note: Mapped[str] = mapped_column(Text, nullable=False, default="")
    version: Mapped[int] = mapped_column(Integer, nullable=False, default=1)
    __table_args__ = (UniqueConstraint("day", "shift", name="uq_handover_shift"),
                      Index("ix_handover_written_at", "written_at"))


# ---- interval rollups (issue #17: history that a chart can afford) ---------------------


class RollupIntervalRow(Base):
    """A 15-minute interval whose rollup rows were built (R-KPI-1 and DOMAIN §7
    figures), when, and with which service-level threshold T."""

    __tablename__ = "rollup_interval"
    start: Mapped[datetime] = mapped_column(Ts, primary_key=True)
    built_at: Mapped[datetime] = mapped_column(Ts, nullable=False)
    sl_threshold_s: Mapped[float] = mapped_column(Float, nullable=False)
    sl_exclude_abandon_under_s: Mapped[float] = mapped_column(Float, nullable=False)
    #: the sums of the interval's rollup_agent rows (every agent), written with them:
    #: a chart of the whole floor reads one row per interval (issue #17, migration 0011)
    agent_logged_in_s: Mapped[float] = mapped_column(Float, nullable=False,
                                                     server_default="0")
    agent_ready_s: Mapped[float] = mapped_column(Float, nullable=False, server_default="0")
    agent_busy_s: Mapped[float] = mapped_column(Float, nullable=False, server_default="0")
    agent_breaks: Mapped[int] = mapped_column(Integer, nullable=False, server_default="0")


class RollupQueueRow(Base):
    """Per queue per 15 minutes, the calls that arrived (``queued_at``) in it; sums
    only, so any period's figures are sums of these rows (never averages)."""

    __tablename__ = "rollup_queue"
    start: Mapped[datetime] = mapped_column(Ts, primary_key=True)
    queue_id: Mapped[str] = mapped_column(String(40), primary_key=True)
    offered: Mapped[int] = mapped_column(Integer, nullable=False)
    ivr_only: Mapped[int] = mapped_column(Integer, nullable=False)
    answered: Mapped[int] = mapped_column(Integer, nullable=False)
    answered_in_sl: Mapped[int] = mapped_column(Integer, nullable=False)
    answered_waited: Mapped[int] = mapped_column(Integer, nullable=False)
    abandoned: Mapped[int] = mapped_column(Integer, nullable=False)
    #: abandons the policy leaves out of the SL denominator (under its limit)
    abandoned_short: Mapped[int] = mapped_column(Integer, nullable=False)
    #: abandons within 5 s, kept apart whatever the policy says (issue #17)
    abandoned_5s: Mapped[int] = mapped_column(Integer, nullable=False)
    handled: Mapped[int] = mapped_column(Integer, nullable=False)
    wait_answered_s: Mapped[float] = mapped_column(Float, nullable=False)
    wait_abandoned_s: Mapped[float] = mapped_column(Float, nullable=False)
    wait_max_s: Mapped[float] = mapped_column(Float, nullable=False)
    talk_s: Mapped[float] = mapped_column(Float, nullable=False)
    hold_s: Mapped[float] = mapped_column(Float, nullable=False)
    acw_s: Mapped[float] = mapped_column(Float, nullable=False)
    intercepted: Mapped[int] = mapped_column(Integer, nullable=False)


class RollupAgentRow(Base):
    """Per agent per 15 minutes: seconds in each state (agent_interval clipped to the
    interval), calls answered in it, breaks begun in it and alerts raised in it."""

    __tablename__ = "rollup_agent"
    start: Mapped[datetime] = mapped_column(Ts, primary_key=True)
    agent_id: Mapped[str] = mapped_column(String(40), primary_key=True)
    logged_in_s: Mapped[float] = mapped_column(Float, nullable=False)
    ready_s: Mapped[float] = mapped_column(Float, nullable=False)
    ringing_s: Mapped[float] = mapped_column(Float, nullable=False)
    talking_s: Mapped[float] = mapped_column(Float, nullable=False)
    hold_s: Mapped[float] = mapped_column(Float, nullable=False)
    after_call_s: Mapped[float] = mapped_column(Float, nullable=False)
    away_s: Mapped[float] = mapped_column(Float, nullable=False)
    #: seconds away per reason ({"short_break": 300.0, …})
    away_by_reason: Mapped[dict[str, Any]] = mapped_column(Json, nullable=False)
    handled: Mapped[int] = mapped_column(Integer, nullable=False)
    talk_s: Mapped[float] = mapped_column(Float, nullable=False)  # of the calls handled
    acw_s: Mapped[float] = mapped_column(Float, nullable=False)
    breaks: Mapped[int] = mapped_column(Integer, nullable=False)
    #: alerts raised on this agent per rule ({"R-BREAK-1": 1, …})
    breaches: Mapped[dict[str, Any]] = mapped_column(Json, nullable=False)
    # a group's chart sums its agents' rows (issue #17, migration 0011)
    __table_args__ = (Index("ix_rollup_agent_agent", "agent_id", "start", "logged_in_s",
                            "ready_s", "talking_s", "hold_s", "after_call_s", "breaks"),)


# ---- quality inspection (issue #18, DOMAIN §8 质量监控) ----------------------------------


class QaScoreRow(Base):
    """One scored call: an inspector's score of one agent's recorded call, imported
    from the center's score sheet. ``day`` is the sheet's date (the call's); the same
    agent, call and inspector again replaces the row (a re-import never doubles).
    ``call_known``: the call was in ``call_record`` at import (an unknown call id —
    a call from before Seatwatch, another system's id — is kept, not linked)."""

    __tablename__ = "qa_score"
    id: Mapped[int] = mapped_column(BigId, primary_key=True, autoincrement=True)
    day: Mapped[date] = mapped_column(Date, nullable=False)
    agent_id: Mapped[str] = mapped_column(String(40), nullable=False)
    call_id: Mapped[str] = mapped_column(String(60), nullable=False)
    inspector: Mapped[str] = mapped_column(String(80), nullable=False)
    total: Mapped[float] = mapped_column(Float, nullable=False)
    #: [[item, score or null], …] in the sheet's column order (JSONB keeps no key order)
    items: Mapped[list[Any]] = mapped_column(Json, nullable=False)
    call_known: Mapped[bool] = mapped_column(Boolean, nullable=False)
    source: Mapped[str] = mapped_column(String(200), nullable=False)
    imported_at: Mapped[datetime] = mapped_column(Ts, nullable=False)
    imported_by: Mapped[str] = mapped_column(String(80), nullable=False)
    __table_args__ = (
        UniqueConstraint("agent_id", "call_id", "inspector", name="uq_qa_score_call"),
        Index("ix_qa_score_agent_day", "agent_id", "day"),
        Index("ix_qa_score_day", "day"),
    )


# ---- the monthly assessment (issue #18, DOMAIN §8) -------------------------------------


class AssessmentPolicyRow(Base):
    """Every applied assessment policy (R-ASSESS-1…4), versioned: applying a new one
    keeps the old ones, and each month's sheet names the version it was drafted with."""

    __tablename__ = "assessment_policy"
    version: Mapped[int] = mapped_column(Integer, primary_key=True)
    policy_id: Mapped[str] = mapped_column(String(40), nullable=False)
    name: Mapped[str] = mapped_column(String(200), nullable=False)
    applied_at: Mapped[datetime] = mapped_column(Ts, nullable=False)
    applied_by: Mapped[str] = mapped_column(String(80), nullable=False)
    toml: Mapped[str] = mapped_column(Text, nullable=False)


class AssessmentEntryRow(Base):
    """The register (扣分/加分登记): one deduction or bonus on a policy item, or one
    score of a leader_calls part (``kind`` leader / call), for an agent on a day.
    ``source`` is ``manual`` or the proposal it confirmed (``attendance:…``,
    ``meeting:…``, ``alert:…``), unique so one piece of evidence is counted once; a
    withdrawn entry stays, with who withdrew it and why."""

    __tablename__ = "assessment_entry"
    id: Mapped[int] = mapped_column(BigId, primary_key=True, autoincrement=True)
    agent_id: Mapped[str] = mapped_column(String(40), nullable=False)
    day: Mapped[date] = mapped_column(Date, nullable=False)
    #: deduction | bonus | leader | call
    kind: Mapped[str] = mapped_column(String(10), nullable=False)
    #: the policy item's id, or the part's id for a leader / call score
    item: Mapped[str] = mapped_column(String(40), nullable=False)
    points: Mapped[float] = mapped_column(Float, nullable=False)
    note: Mapped[str] = mapped_column(Text, nullable=False, default="")
    source: Mapped[str] = mapped_column(String(20), nullable=False, default="manual")
    #: the proposal's key (NULL when recorded by hand): one proposal, one entry
    proposal: Mapped[str | None] = mapped_column(String(400))
    evidence: Mapped[dict[str, Any]] = mapped_column(Json, nullable=False)
    created_at: Mapped[datetime] = mapped_column(Ts, nullable=False)
    created_by: Mapped[str] = mapped_column(String(80), nullable=False)
    withdrawn_at: Mapped[datetime | None] = mapped_column(Ts)
    withdrawn_by: Mapped[str | None] = mapped_column(String(80))
    withdrawn_reason: Mapped[str | None] = mapped_column(Text)
    __table_args__ = (UniqueConstraint("proposal", name="uq_assessment_entry_proposal"),
                      Index("ix_assessment_entry_day", "day", "agent_id"))


class AssessmentSheetRow(Base):
    """The month's sheet (月度考核表): drafted by a shift leader, confirmed by the
    department head; ``rows`` as computed (models.domain.assessment.SheetRow.to_json).
    A change after confirmation needs a reason (``reason``) and is audited."""

    __tablename__ = "assessment_sheet"
    month: Mapped[str] = mapped_column(String(7), primary_key=True)
    #: draft | confirmed
    status: Mapped[str] = mapped_column(String(10), nullable=False)
    policy_version: Mapped[int] = mapped_column(
        Integer, ForeignKey("assessment_policy.version"), nullable=False)
    rows: Mapped[dict[str, Any]] = mapped_column(Json, nullable=False)
    drafted_at: Mapped[datetime] = mapped_column(Ts, nullable=False)
    drafted_by: Mapped[str] = mapped_column(String(80), nullable=False)
    confirmed_at: Mapped[datetime | None] = mapped_column(Ts)
    confirmed_by: Mapped[str | None] = mapped_column(String(80))
    reason: Mapped[str] = mapped_column(Text, nullable=False, default="")
    version: Mapped[int] = mapped_column(Integer, nullable=False, default=1)


# ---- scheduled reports (issue #18, R-REPORT-1) -----------------------------------------


class ReportRow(Base):
    """One scheduled report (日报 / 月报) and its files. The row is the lock: it is
    inserted (``producing``) before the report is made, unique on (kind, period), so
    two hosts — a failover — never both make one; the files are stored here, so any
    PC of the floor can download them without a share."""

    __tablename__ = "report"
    id: Mapped[int] = mapped_column(BigId, primary_key=True, autoincrement=True)
    kind: Mapped[str] = mapped_column(String(10), nullable=False)  # daily | monthly
    period: Mapped[str] = mapped_column(String(10), nullable=False)  # 2026-03-02 | 2026-03
    #: producing / done / failed
    status: Mapped[str] = mapped_column(String(10), nullable=False)
    #: the host (or ``cli:<user>``) that claimed it, and when
    host: Mapped[str] = mapped_column(String(80), nullable=False)
    claimed_at: Mapped[datetime] = mapped_column(Ts, nullable=False)
    created_at: Mapped[datetime | None] = mapped_column(Ts)
    error: Mapped[str] = mapped_column(Text, nullable=False, default="")
    #: the headline figures (the list, the robot's line)
    summary: Mapped[dict[str, Any]] = mapped_column(Json, nullable=False)
    xlsx: Mapped[bytes | None] = mapped_column(LargeBinary)
    pdf: Mapped[bytes | None] = mapped_column(LargeBinary)
    __table_args__ = (UniqueConstraint("kind", "period", name="uq_report_period"),)


class TrainingPlanRow(Base):
    """The week's training plan (培训计划, R-REPORT-1), one per week (its Monday, floor
    time); the topics as JSON. Kept by the shift leaders' consoles; the host reads it
    for the reminder only."""

    __tablename__ = "training_plan"
    id: Mapped[int] = mapped_column(BigId, primary_key=True, autoincrement=True)
    week: Mapped[date] = mapped_column(Date, nullable=False)
    content: Mapped[dict[str, Any]] = mapped_column(Json, nullable=False)
    saved_at: Mapped[datetime] = mapped_column(Ts, nullable=False)
    saved_by: Mapped[str] = mapped_column(String(80), nullable=False)
    version: Mapped[int] = mapped_column(Integer, nullable=False, default=1)
    __table_args__ = (UniqueConstraint("week", name="uq_training_plan_week"),)
