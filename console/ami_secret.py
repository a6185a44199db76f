"""The AMI secret: in the OS keyring, never in the mapping file, a log or argv (issue #14).

``seatwatch telephony set-secret`` stores it under service ``seatwatch``, name
``ami:<user>@<host>``; the floor host reads it at each Login. A headless host
with no keyring backend reads the environment variable ``SEATWATCH_AMI_SECRET``
instead (set by the service manager, e.g. a systemd ``EnvironmentFile`` readable
by the service's user only).
"""

from __future__ import annotations

import logging
import os

import keyring
import keyring.errors

from models.domain.texts import QT_TRANSLATE_NOOP, Msg

log = logging.getLogger(__name__)

SERVICE = "seatwatch"
ENV = "SEATWATCH_AMI_SECRET"


class TelephonyError(Exception):
    """The telephony source cannot be used (no secret, no link): one line for a
    person, its ``msg`` translated where it is shown."""

    def __init__(self, msg: Msg | str) -> None:
        super().__init__(msg)
        self.msg = msg


def keyring_name(user: str, host: str) -> str:
    return f"ami:{user}@{host}"


def secret_for(user: str, host: str) -> str:
    """The AMI secret for ``user`` on ``host``: the keyring's, else the
    environment's; else a :class:`TelephonyError` saying how to set one."""
    try:
        stored = keyring.get_password(SERVICE, keyring_name(user, host))
    except keyring.errors.KeyringError as e:  # a headless host: no backend
        log.info("no keyring for the AMI secret (%s); trying %s", e, ENV)
        stored = None
    if stored:
        return stored
    env = os.environ.get(ENV)
    if env:
        return env
    raise TelephonyError(QT_TRANSLATE_NOOP(
        "Telephony", "No AMI secret for {user}@{host}: run `seatwatch telephony set-secret "
                     "--host {host} --user {user}` on this computer, or set {env} for the "
                     "service").format(user=user, host=host, env=ENV))


def set_secret(user: str, host: str, secret: str) -> None:
    """Store the secret in the OS keyring; a :class:`TelephonyError` when there is none."""
    try:
        keyring.set_password(SERVICE, keyring_name(user, host), secret)
    except keyring.errors.KeyringError as e:
        raise TelephonyError(QT_TRANSLATE_NOOP(
            "Telephony", "Cannot store the AMI secret in the system keyring ({error}): on a "
                         "computer without one, give the service the secret in {env}")
            .format(error=" ".join(str(e).split()) or type(e).__name__, env=ENV)) from None
    log.info("AMI secret for %s stored in the keyring", keyring_name(user, host))
