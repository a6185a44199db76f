"""Operators: creation, roles, passwords, sign-in with throttling and lockout.

Passwords are stored only as ``scrypt$N$r$p$<salt b64>$<hash b64>`` (RFC 7914,
random 16-byte salt) and compared in constant time; neither the password nor the
hash leaves this module (an :class:`~models.domain.roles.Operator` has no hash
field) or reaches a log. The throttling and lockout rules are the pure ones in
:mod:`models.domain.signin`; time is always passed in.

Every change records who made it in the audit log, in the same transaction.
Changes need an administrator (``by``), with one exception: while the floor has
no administrator at all, :func:`create_operator` is not gated — that is how the
first one is made (``seatwatch admin create``), and how the demo and tests seed
operators. The floor can never lose its last enabled administrator.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import logging
import secrets
from collections.abc import Iterable
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import Connection, Engine, delete, insert, select, text, update

from models.db import audit as auditlog
from models.db.engine import server_now
from models.db.schema import OperatorRoleRow, OperatorRow, OperatorSessionRow, utc
from models.db.store import writing
from models.domain import signin
from models.domain.roles import Operator, Right, Role, parse_roles, rights, roles_text
from models.domain.signin import SIGN_IN
from models.domain.texts import QT_TRANSLATE_NOOP, Msg, message_of, roles_list

log = logging.getLogger(__name__)

DEMO_LEADER_ID = "DEMO"
DEMO_LEADER_NAME = "演示值班长"

#: what a person is told for a wrong 工号 or password: the same words for both, so
#: the form does not reveal which 工号 exist
BAD_CREDENTIALS = QT_TRANSLATE_NOOP("SignIn", "Wrong operator ID or password")


class OperatorError(ValueError):
    """A request that cannot be done as asked; the message says why (bilingual)."""


class NotAllowed(OperatorError):
    """``by`` has no right to make this change."""


class SignInRefused(Exception):
    """Sign-in refused. ``reason`` is for the person at the form; ``code`` (kept in
    the audit log) says what really happened; ``retry_after`` is in seconds."""

    def __init__(self, reason: Msg, retry_after: float | None = None,
                 code: str = "bad_credentials") -> None:
        super().__init__(reason)
        self.reason = reason
        self.retry_after = retry_after
        self.code = code


# ---- password hashing --------------------------------------------------------------


def _b64(b: bytes) -> str:
    return base64.b64encode(b).decode("ascii")


#: scrypt needs 128·N·r bytes; room for N = 2^18 at r = 8 (a stored hash's own cost)
_SCRYPT_MAXMEM = 300 * 1024 * 1024


def hash_password(password: str, *, salt: bytes | None = None) -> str:
    p = SIGN_IN
    salt = secrets.token_bytes(p.salt_bytes) if salt is None else salt
    key = hashlib.scrypt(password.encode("utf-8"), salt=salt, n=p.scrypt_n, r=p.scrypt_r,
                         p=p.scrypt_p, dklen=p.key_bytes, maxmem=_SCRYPT_MAXMEM)
    return f"scrypt${p.scrypt_n}${p.scrypt_r}${p.scrypt_p}${_b64(salt)}${_b64(key)}"


def verify_password(password: str, stored: str) -> bool:
    """Check against the parameters stored with the hash (so raising the cost later
    keeps old hashes valid); anything malformed is simply "no"."""
    try:
        algo, n, r, p, salt_b64, key_b64 = stored.split("$")
        if algo != "scrypt":
            return False
        salt, key = base64.b64decode(salt_b64, validate=True), \
            base64.b64decode(key_b64, validate=True)
        got = hashlib.scrypt(password.encode("utf-8"), salt=salt, n=int(n), r=int(r),
                             p=int(p), dklen=len(key), maxmem=_SCRYPT_MAXMEM)
    except (ValueError, TypeError):
        log.warning("an operator's stored password hash is malformed")
        return False
    return hmac.compare_digest(got, key)


def needs_rehash(stored: str) -> bool:
    """A hash made with another cost than today's policy (issue #13: 2^14 -> 2^17):
    replaced at the next successful sign-in, when the password is at hand."""
    p = SIGN_IN
    try:  # a whole hash, or its parameters alone ("scrypt$N$r$p$salt", PostgreSQL)
        algo, n, r, pp, _salt, *key = stored.split("$")
        if len(key) > 1 or (key and len(base64.b64decode(key[0])) != p.key_bytes):
            return True
        return (algo, int(n), int(r), int(pp)) != ("scrypt", p.scrypt_n, p.scrypt_r,
                                                   p.scrypt_p)
    except ValueError:
        return True


_dummy: list[str] = []


def _dummy_hash() -> str:
    """A hash to check an unknown 工号 against, so it takes as long as a known one."""
    if not _dummy:
        _dummy.append(hash_password(secrets.token_urlsafe(16)))
    return _dummy[0]


def _check_new_password(password: str) -> None:
    n = SIGN_IN.min_password_length
    if len(password) < n:
        raise OperatorError(QT_TRANSLATE_NOOP(
            "Operators", "The password needs at least {n} characters").format(n=n))


def _check_id(operator_id: str) -> str:
    oid = operator_id.strip()
    if not oid or len(oid) > 40 or any(c.isspace() for c in oid):
        raise OperatorError(QT_TRANSLATE_NOOP(
            "Operators", "An operator ID is 1–40 characters without spaces: “{id}”").format(
            id=operator_id))
    return oid


# ---- reading ----------------------------------------------------------------------------


def _roles_of(conn: Connection, ids: Iterable[str]) -> dict[str, frozenset[Role]]:
    ids = list(ids)
    out: dict[str, set[Role]] = {i: set() for i in ids}
    if not ids:
        return {}
    for oid, role in conn.execute(select(OperatorRoleRow.operator_id, OperatorRoleRow.role)
                                  .where(OperatorRoleRow.operator_id.in_(ids))):
        try:
            out[oid].add(Role(role))
        except ValueError:
            continue
    return {k: frozenset(v) for k, v in out.items()}


def _to_operator(r: Any, roles: frozenset[Role]) -> Operator:
    return Operator(id=r.id, name=r.name, roles=roles, locked_until=utc(r.locked_until),
                    failed_count=int(r.failed_count), disabled=bool(r.disabled),
                    last_sign_in_at=utc(r.last_sign_in_at))


#: every column but the password hash, which consoles and walls may not read
_PUBLIC = (OperatorRow.id, OperatorRow.name, OperatorRow.failed_count,
           OperatorRow.last_failed_at, OperatorRow.locked_until, OperatorRow.disabled,
           OperatorRow.created_at, OperatorRow.created_by, OperatorRow.last_sign_in_at)


def get_operator(conn: Connection, operator_id: str) -> Operator | None:
    r = conn.execute(select(*_PUBLIC).where(OperatorRow.id == operator_id)).first()
    if r is None:
        return None
    return _to_operator(r, _roles_of(conn, [r.id])[r.id])


def list_operators(conn: Connection) -> list[Operator]:
    rows = conn.execute(select(*_PUBLIC).order_by(OperatorRow.id)).all()
    roles = _roles_of(conn, [r.id for r in rows])
    return [_to_operator(r, roles[r.id]) for r in rows]


def admins(conn: Connection, *, enabled_only: bool = True) -> list[Operator]:
    return [o for o in list_operators(conn)
            if Role.ADMIN in o.roles and not (enabled_only and o.disabled)]


#: what each right lets one do, for refusals ("operator X may not …")
_RIGHT_TEXT = {
    Right.ADMINISTER_OPERATORS: QT_TRANSLATE_NOOP("Rights", "administer operators"),
    Right.EDIT_FLOOR_SETUP: QT_TRANSLATE_NOOP("Rights", "edit the floor setup"),
    Right.VIEW_AUDIT: QT_TRANSLATE_NOOP("Rights", "view the audit log"),
    Right.APPLY_POLICY: QT_TRANSLATE_NOOP("Rights", "apply a floor policy"),
    Right.SUPERVISOR_CONTROLS: QT_TRANSLATE_NOOP("Rights", "use supervisor controls"),
    Right.VIEW_FLOOR: QT_TRANSLATE_NOOP("Rights", "view the floor"),
    Right.HANDLE_ALERTS: QT_TRANSLATE_NOOP("Rights", "acknowledge or resolve alerts"),
    Right.EDIT_CONTACTS: QT_TRANSLATE_NOOP("Rights", "edit the escalation contact list"),
    Right.PUBLISH_ANNOUNCEMENTS: QT_TRANSLATE_NOOP("Rights",
                                                   "publish or withdraw announcements"),
    Right.KEEP_SHIFT_RECORDS: QT_TRANSLATE_NOOP(
        "Rights", "keep the meeting minutes, attendance register or handover"),
    Right.EDIT_ROSTER: QT_TRANSLATE_NOOP("Rights", "edit the roster"),
    Right.VIEW_ATTENDANCE: QT_TRANSLATE_NOOP("Rights", "view attendance"),
    Right.VIEW_TRENDS: QT_TRANSLATE_NOOP("Rights", "view trends and staffing"),
    Right.KEEP_QA: QT_TRANSLATE_NOOP("Rights", "keep quality inspection scores"),
    Right.RECORD_ASSESSMENT: QT_TRANSLATE_NOOP(
        "Rights", "record assessment deductions or draft the month's assessment"),
    Right.CONFIRM_ASSESSMENT: QT_TRANSLATE_NOOP("Rights", "confirm the month's assessment"),
    Right.VIEW_ASSESSMENT: QT_TRANSLATE_NOOP("Rights", "view the assessment"),
}


def require(conn: Connection, by: str, right: Right) -> Operator:
    """``by`` must be an enabled operator with ``right``, read from the database
    (never trusted from the caller). A lock does not matter here: it guards
    sign-in, and the command line must stay a way back in for an administrator
    locked out of the console."""
    op = get_operator(conn, by)
    if op is None:
        raise NotAllowed(QT_TRANSLATE_NOOP(
            "Operators", "No permission: “{operator}” is not an operator on record").format(
            operator=by))
    if op.disabled:
        raise NotAllowed(QT_TRANSLATE_NOOP("Operators", "Operator {operator} is disabled")
                         .format(operator=by))
    if not op.may(right):
        raise NotAllowed(QT_TRANSLATE_NOOP(
            "Operators", "No permission: operator {operator} (roles: {roles}) may not {right}")
            .format(operator=by, roles=roles_list(op.roles), right=_RIGHT_TEXT[right]))
    return op


def _existing(conn: Connection, operator_id: str) -> Any:
    r = conn.execute(select(*_PUBLIC).where(OperatorRow.id == operator_id)
                     .with_for_update()).first()
    if r is None:
        raise OperatorError(QT_TRANSLATE_NOOP("Operators", "Operator {operator} does not exist")
                            .format(operator=operator_id))
    return r


def _keeps_an_admin(conn: Connection, operator_id: str) -> None:
    others = [a for a in admins(conn) if a.id != operator_id]
    if not others:
        raise OperatorError(QT_TRANSLATE_NOOP(
            "Operators", "The floor must keep at least one enabled administrator"))


# ---- changes ----------------------------------------------------------------------------


def create_operator(conn: Connection, operator_id: str, name: str, password: str,
                    roles: Iterable[Role | str], *, by: str, now: datetime,
                    workstation: str = "") -> Operator:
    oid = _check_id(operator_id)
    name = name.strip()
    if not name or len(name) > 100:
        raise OperatorError(QT_TRANSLATE_NOOP("Operators", "A name is 1–100 characters"))
    try:
        rs = parse_roles(roles)
    except ValueError as e:
        raise OperatorError(message_of(e) or str(e)) from None
    _check_new_password(password)
    if admins(conn):
        require(conn, by, Right.ADMINISTER_OPERATORS)
    if conn.execute(select(OperatorRow.id).where(OperatorRow.id == oid)).first():
        raise OperatorError(QT_TRANSLATE_NOOP("Operators", "Operator {operator} already exists")
                            .format(operator=oid))
    conn.execute(insert(OperatorRow).values(
        id=oid, name=name, password_hash=hash_password(password), failed_count=0,
        disabled=False, created_at=now, created_by=by[:80]))
    if rs:
        conn.execute(insert(OperatorRoleRow), [{"operator_id": oid, "role": r.value}
                                               for r in sorted(rs)])
    auditlog.audit(conn, at=now, operator=by, action="operator_created", target=oid,
                   detail={"name": name, "roles": sorted(r.value for r in rs)},
                   result="ok", workstation=workstation)
    log.info("operator %s created by %s with roles %s", oid, by, roles_text(rs))
    op = get_operator(conn, oid)
    assert op is not None
    return op


def set_roles(conn: Connection, operator_id: str, roles: Iterable[Role | str], *, by: str,
              now: datetime, workstation: str = "") -> Operator:
    try:
        new = parse_roles(roles)
    except ValueError as e:
        raise OperatorError(message_of(e) or str(e)) from None
    require(conn, by, Right.ADMINISTER_OPERATORS)
    _existing(conn, operator_id)
    old = _roles_of(conn, [operator_id])[operator_id]
    if Role.ADMIN in old and Role.ADMIN not in new:
        _keeps_an_admin(conn, operator_id)
    conn.execute(delete(OperatorRoleRow).where(OperatorRoleRow.operator_id == operator_id))
    if new:
        conn.execute(insert(OperatorRoleRow), [{"operator_id": operator_id, "role": r.value}
                                               for r in sorted(new)])
    auditlog.audit(conn, at=now, operator=by, action="roles_changed", target=operator_id,
                   detail={"before": sorted(r.value for r in old),
                           "after": sorted(r.value for r in new)},
                   result="ok", workstation=workstation)
    op = get_operator(conn, operator_id)
    assert op is not None
    return op


def reset_password(conn: Connection, operator_id: str, new_password: str, *, by: str,
                   now: datetime, workstation: str = "") -> Operator:
    """Set a new password; the failure count and any lock are cleared with it."""
    _check_new_password(new_password)
    require(conn, by, Right.ADMINISTER_OPERATORS)
    r = _existing(conn, operator_id)
    detail = {"failed_count_before": int(r.failed_count),
              "locked_until_before": utc(r.locked_until)}
    conn.execute(update(OperatorRow).where(OperatorRow.id == operator_id).values(
        password_hash=hash_password(new_password), failed_count=0, last_failed_at=None,
        locked_until=None))
    auditlog.audit(conn, at=now, operator=by, action="password_reset", target=operator_id,
                   detail=detail, result="ok", workstation=workstation)
    op = get_operator(conn, operator_id)
    assert op is not None
    return op


def unlock(conn: Connection, operator_id: str, *, by: str, now: datetime,
           workstation: str = "") -> Operator:
    require(conn, by, Right.ADMINISTER_OPERATORS)
    r = _existing(conn, operator_id)
    detail = {"failed_count_before": int(r.failed_count),
              "locked_until_before": utc(r.locked_until)}
    conn.execute(update(OperatorRow).where(OperatorRow.id == operator_id).values(
        failed_count=0, last_failed_at=None, locked_until=None))
    auditlog.audit(conn, at=now, operator=by, action="operator_unlocked", target=operator_id,
                   detail=detail, result="ok", workstation=workstation)
    op = get_operator(conn, operator_id)
    assert op is not None
    return op


def set_disabled(conn: Connection, operator_id: str, disabled: bool, *, by: str,
                 now: datetime, workstation: str = "") -> Operator:
    """Someone who leaves is disabled, never deleted: the audit log keeps naming them."""
    require(conn, by, Right.ADMINISTER_OPERATORS)
    _existing(conn, operator_id)
    if disabled and Role.ADMIN in _roles_of(conn, [operator_id])[operator_id]:
        _keeps_an_admin(conn, operator_id)
    conn.execute(update(OperatorRow).where(OperatorRow.id == operator_id)
                 .values(disabled=disabled))
    auditlog.audit(conn, at=now, operator=by,
                   action="operator_disabled" if disabled else "operator_enabled",
                   target=operator_id, result="ok", workstation=workstation)
    op = get_operator(conn, operator_id)
    assert op is not None
    return op


# ---- sign-in ------------------------------------------------------------------------------


def authenticate(engine: Engine, operator_id: str, password: str, now: datetime, *,
                 workstation: str = "") -> Operator:
    """Sign in (see :func:`sign_in`) when only the operator is wanted."""
    return sign_in(engine, operator_id, password, now, workstation=workstation)[0]


def sign_in(engine: Engine, operator_id: str, password: str, now: datetime, *,
            workstation: str = "") -> tuple[Operator, str]:
    """Sign in, or raise :class:`SignInRefused`; returns the operator and the token of
    the session opened for them (issue #13 item 6), which every control they give
    carries.

    Takes the engine, not a connection, because a refusal must still commit (the
    failure count, the lock and the audit row) before it is raised. On PostgreSQL
    the operator row is locked for the attempt, so two PCs guessing at once each
    count.
    """
    if not isinstance(engine, Engine):
        raise TypeError("authenticate() needs the Engine: a refused sign-in commits its "
                        "failure count and audit row in a transaction of its own")
    oid = operator_id.strip()
    refusal: SignInRefused | None = None
    op: Operator | None = None
    token = new_token()
    with writing(engine).begin() as conn:
        r = conn.execute(select(*_PUBLIC).where(OperatorRow.id == oid)
                         .with_for_update()).first() if oid else None
        roles = _roles_of(conn, [oid])[oid] if r is not None else frozenset()
        g = None if r is None else signin.gate(int(r.failed_count), utc(r.last_failed_at),
                                                utc(r.locked_until), now)
        detail: dict[str, object] = {}
        if r is None:
            verify_password(password, _dummy_hash())  # as slow as a real check
            refusal = SignInRefused(BAD_CREDENTIALS, None, "unknown_operator")
        elif g is not None:
            refusal = SignInRefused(_gate_text(g), g.retry_after_s, g.code)
            detail["retry_after_s"] = round(g.retry_after_s, 3)
        elif not _check_and_open(conn, oid, password, token, now, workstation):
            count, locked_until, wait = signin.after_failure(int(r.failed_count), now)
            conn.execute(update(OperatorRow).where(OperatorRow.id == oid).values(
                failed_count=count, last_failed_at=now, locked_until=locked_until))
            detail = {"failed_count": count, "retry_after_s": wait}
            if locked_until is not None:
                detail["locked_until"] = locked_until
                refusal = SignInRefused(QT_TRANSLATE_NOOP(
                    "SignIn", "Wrong operator ID or password; the account is locked for "
                              "{minutes} min").format(minutes=_minutes(wait)),
                    wait, "locked_now")
            else:
                refusal = SignInRefused(BAD_CREDENTIALS, wait, "wrong_password")
        elif r.disabled:
            refusal = SignInRefused(QT_TRANSLATE_NOOP(
                "SignIn", "This account is disabled: ask an administrator"), None, "disabled")
        elif not rights(roles):
            refusal = SignInRefused(QT_TRANSLATE_NOOP(
                "SignIn", "No role is assigned to this account: ask an administrator"),
                None, "no_role")
        else:
            conn.execute(update(OperatorRow).where(OperatorRow.id == oid).values(
                failed_count=0, last_failed_at=None, locked_until=None, last_sign_in_at=now))
            if _rehash_if_older(conn, oid, password):  # a cheaper hash (issue #13)
                detail["rehashed"] = True
            op = get_operator(conn, oid)
            if conn.dialect.name != "postgresql":  # PostgreSQL: opened by the check
                open_session(conn, oid, token, now, workstation)
        result = "ok" if refusal is None else f"refused: {refusal.code}"
        # a password typed into the 工号 field must not be kept for ever (issue #13)
        shown = signin.recordable_id(oid, known=r is not None)
        auditlog.audit(conn, at=now, operator=shown, action="sign_in",
                       roles=roles, detail=detail, result=result, workstation=workstation)
    log.info("sign-in of %r at %r: %s", shown, workstation, result)
    if refusal is not None:
        raise refusal
    assert op is not None
    return op, token


# ---- sessions (issue #13 item 6) --------------------------------------------------


#: a sign-in session lasts a long shift; a control after that needs a new sign-in
SESSION_TTL_S = 14 * 3600


def new_token() -> str:
    return secrets.token_urlsafe(32)


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def open_session(conn: Connection, operator_id: str, token: str, now: datetime,
                 workstation: str = "", ttl_s: int = SESSION_TTL_S) -> None:
    """Record a session for an operator already verified (the password check, or the
    demo's own leader in one process). With ``seatwatch db roles`` applied only the
    owner's SECURITY DEFINER function can write this table, never a console."""
    conn.execute(insert(OperatorSessionRow).values(
        token_hash=token_hash(token), operator_id=operator_id, created_at=now,
        expires_at=now + timedelta(seconds=ttl_s), workstation=workstation[:120]))


def session_refusal(conn: Connection, token: str | None, operator_id: str,
                    now: datetime) -> str | None:
    """Why a control given with ``token`` in ``operator_id``'s name may not run, or
    None when the token names a live session of that operator (the host's check)."""
    if not token:
        return "no session"
    r = conn.execute(select(OperatorSessionRow.operator_id, OperatorSessionRow.expires_at,
                            OperatorSessionRow.revoked_at)
                     .where(OperatorSessionRow.token_hash == token_hash(token))).first()
    if r is None:
        return "unknown session"
    if r.operator_id != operator_id:
        return "session of another operator"
    if r.revoked_at is not None:
        return "session ended"
    exp = utc(r.expires_at) or r.expires_at
    if exp <= now:
        return "session expired"
    return None


def _check_and_open(conn: Connection, oid: str, password: str, token: str, now: datetime,
                    workstation: str) -> bool:
    """Is ``password`` right? On PostgreSQL the hash never comes to this PC: the
    salt and cost come from ``seatwatch_password_params``, the key is derived here
    and ``seatwatch_open_session`` (SECURITY DEFINER, migration 0007) compares it
    with the stored one and opens the session itself. Elsewhere: compared here."""
    if conn.dialect.name != "postgresql":
        stored = conn.execute(select(OperatorRow.password_hash)
                              .where(OperatorRow.id == oid)).scalar_one()
        return verify_password(password, stored)
    params = conn.execute(text("SELECT seatwatch_password_params(:i)"), {"i": oid}).scalar()
    key = derive_key(password, params or "")
    if key is None:
        return False
    return bool(conn.execute(text(
        "SELECT seatwatch_open_session(:i, :k, :h, :t, :w)"),
        {"i": oid, "k": key, "h": token_hash(token), "t": SESSION_TTL_S,
         "w": workstation[:120]}).scalar())


def _rehash_if_older(conn: Connection, oid: str, password: str) -> bool:
    """After a right password: replace a hash made at an older cost. On PostgreSQL
    the hash is out of a console's reach (``db roles``), so the owner's
    ``seatwatch_rehash`` stores it, given the current password's key."""
    if conn.dialect.name != "postgresql":
        stored = conn.execute(select(OperatorRow.password_hash)
                              .where(OperatorRow.id == oid)).scalar_one()
        if not needs_rehash(stored):
            return False
        conn.execute(update(OperatorRow).where(OperatorRow.id == oid).values(
            password_hash=hash_password(password)))
        return True
    params = conn.execute(text("SELECT seatwatch_password_params(:i)"), {"i": oid}).scalar()
    if not params or not needs_rehash(params):
        return False
    key = derive_key(password, params)
    return key is not None and bool(conn.execute(
        text("SELECT seatwatch_rehash(:i, :k, :h)"),
        {"i": oid, "k": key, "h": hash_password(password)}).scalar())


def derive_key(password: str, params: str) -> str | None:
    """The base64 scrypt key of ``password`` under "scrypt$N$r$p$salt" (None if
    malformed); what :func:`verify_password` compares."""
    try:
        algo, n, r, p, salt_b64 = params.split("$")
        if algo != "scrypt":
            return None
        salt = base64.b64decode(salt_b64, validate=True)
        key = hashlib.scrypt(password.encode("utf-8"), salt=salt, n=int(n), r=int(r),
                             p=int(p), dklen=SIGN_IN.key_bytes, maxmem=256 * 1024 * 1024)
    except (ValueError, TypeError):
        log.warning("an operator's stored password parameters are malformed")
        return None
    return _b64(key)


def _minutes(seconds: float) -> int:
    return max(1, -(-int(seconds) // 60))


def _gate_text(g: signin.Gate) -> Msg:
    if g.code == "locked":
        m = _minutes(g.retry_after_s)
        return QT_TRANSLATE_NOOP("SignIn", "The account is locked: try again in {minutes} min "
                                           "or ask an administrator").format(minutes=m)
    s = max(1, -(-int(g.retry_after_s * 1000) // 1000))
    return QT_TRANSLATE_NOOP("SignIn", "Too many attempts: wait {seconds} s").format(seconds=s)


# ---- the demo ---------------------------------------------------------------------------


def ensure_demo_leader(engine: Engine, now: datetime | None = None,
                       operator_id: str = DEMO_LEADER_ID, name: str = DEMO_LEADER_NAME
                       ) -> Operator:
    """The shift leader the demo's console acts as (工号 DEMO, role shift_leader);
    with ``operator_id`` / ``name``, another demo leader (the demo roster gives each
    shift its own leader, issue #12).

    Its password is random and thrown away: nobody can sign in as DEMO, the demo
    only submits controls in its name. An existing DEMO is put right (enabled,
    unlocked, shift leader) so the demo's controls are never refused.
    """
    with writing(engine).begin() as conn:
        at = now or server_now(conn)
        op = get_operator(conn, operator_id)
        if op is None:
            conn.execute(insert(OperatorRow).values(
                id=operator_id, name=name,
                password_hash=hash_password(secrets.token_urlsafe(32)), failed_count=0,
                disabled=False, created_at=at, created_by="demo"))
            conn.execute(insert(OperatorRoleRow).values(operator_id=operator_id,
                                                        role=Role.SHIFT_LEADER.value))
            auditlog.audit(conn, at=at, operator="demo", action="operator_created",
                           target=operator_id,
                           detail={"name": name, "roles": ["shift_leader"]},
                           result="ok")
        elif Role.SHIFT_LEADER not in op.roles or op.disabled or op.locked(at):
            conn.execute(update(OperatorRow).where(OperatorRow.id == operator_id).values(
                disabled=False, failed_count=0, last_failed_at=None, locked_until=None))
            if Role.SHIFT_LEADER not in op.roles:
                conn.execute(insert(OperatorRoleRow).values(operator_id=operator_id,
                                                            role=Role.SHIFT_LEADER.value))
            auditlog.audit(conn, at=at, operator="demo", action="operator_repaired",
                           target=operator_id,
                           detail={"roles_before": sorted(r.value for r in op.roles),
                                   "disabled_before": op.disabled,
                                   "locked_until_before": op.locked_until},
                           result="ok")
        out = get_operator(conn, operator_id)
    assert out is not None
    return out
