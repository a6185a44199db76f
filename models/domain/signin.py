"""Sign-in throttling and lockout: the policy values and the pure rules.

After each wrong password the next attempt is refused until a growing delay has
passed; after ``lock_after`` consecutive failures the account is locked for
``lock_for``. Only a successful sign-in, an administrator's unlock or a password
reset clears the count, so once the lock lapses a further wrong password locks
the account again at once (a guesser gets one try per lock period, not five).
Time is always passed in.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from models.domain.floorsetup import ID_PATTERN  # the 工号 pattern of a floor file


@dataclass(frozen=True, slots=True)
class SignInPolicy:
    #: wait after the 1st, 2nd, 3rd, 4th … consecutive failure (the last value repeats)
    delays_s: tuple[float, ...] = (1.0, 2.0, 4.0, 8.0)
    lock_after: int = 5
    lock_for: timedelta = timedelta(minutes=15)
    min_password_length: int = 6
    #: scrypt cost (RFC 7914): N, r, p; 16-byte salt, 32-byte key. N = 2^17, r = 8 is
    #: 128 MiB and about 0.4 s per check here (issue #13; was 2^14): a stolen hash
    #: costs a guesser eight times more. A hash records its own cost; an older one
    #: still verifies and is rehashed at the operator's next successful sign-in.
    scrypt_n: int = 2**17
    scrypt_r: int = 8
    scrypt_p: int = 1
    salt_bytes: int = 16
    key_bytes: int = 32


SIGN_IN = SignInPolicy()


#: what the audit log and the log file record for a refused sign-in whose 工号 field
#: held something that cannot be an operator ID (most often a password typed one
#: field too early): what was typed is never stored (issue #13)
NOT_AN_ID = "(不像工号的输入)"


def recordable_id(typed: str, *, known: bool = False) -> str:
    """What may be written down of the 工号 field: an existing operator's ID, or
    something that could be one (``[0-9A-Za-z_-.]{1,40}``); anything else — spaces,
    symbols, non-ASCII — is replaced by :data:`NOT_AN_ID`."""
    oid = typed.strip()
    if not oid:
        return "(empty)"
    if known or ID_PATTERN.match(oid):
        return oid[:80]
    return NOT_AN_ID


@dataclass(frozen=True, slots=True)
class Gate:
    """An attempt refused before the password is even looked at."""

    code: str  # "locked" | "throttled"
    retry_after_s: float


def delay_after(failed_count: int, policy: SignInPolicy = SIGN_IN) -> float:
    if failed_count <= 0:
        return 0.0
    return policy.delays_s[min(failed_count, len(policy.delays_s)) - 1]


def gate(failed_count: int, last_failed_at: datetime | None, locked_until: datetime | None,
         now: datetime, policy: SignInPolicy = SIGN_IN) -> Gate | None:
    """Refuse the attempt at ``now`` without checking the password, or None to check it."""
    if locked_until is not None and now < locked_until:
        return Gate("locked", (locked_until - now).total_seconds())
    if last_failed_at is not None and 0 < failed_count < policy.lock_after:
        ready = last_failed_at + timedelta(seconds=delay_after(failed_count, policy))
        if now < ready:
            return Gate("throttled", (ready - now).total_seconds())
    return None


def after_failure(failed_count: int, now: datetime, policy: SignInPolicy = SIGN_IN
                  ) -> tuple[int, datetime | None, float]:
    """(new failed count, locked until or None, seconds before the next attempt)."""
    n = failed_count + 1
    if n >= policy.lock_after:
        return n, now + policy.lock_for, policy.lock_for.total_seconds()
    return n, None, delay_after(n, policy)
