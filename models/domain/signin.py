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


@dataclass(frozen=True, slots=True)
class SignInPolicy:
    #: wait after the 1st, 2nd, 3rd, 4th … consecutive failure (the last value repeats)
    delays_s: tuple[float, ...] = (1.0, 2.0, 4.0, 8.0)
    lock_after: int = 5
    lock_for: timedelta = timedelta(minutes=15)
    min_password_length: int = 6
    #: scrypt cost (RFC 7914): N, r, p; 16-byte salt, 32-byte key
    scrypt_n: int = 2**14
    scrypt_r: int = 8
    scrypt_p: int = 1
    salt_bytes: int = 16
    key_bytes: int = 32


SIGN_IN = SignInPolicy()


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
