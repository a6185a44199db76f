"""Each supervisor's own extension (issue #14, "Floor mapping"): where monitor, whisper
and barge ring the supervisor, and where an intercept sends the caller.

The floor host puts these values into AMI actions on the real switch — the endpoint
becomes an Originate ``Channel``, context and extension a Redirect target — so a
value that could smuggle a second argument or a dialplan expression into that action
(a comma, a ``|``, a ``;``, ``${…}``, a space, a line break) is refused here, before
anything is stored (R-CTRL-2: a control never acts on something other than what was
asked). Pure: the console's dialog checks a value as it is typed with the same rules
the database layer enforces.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime

from models.domain.texts import QT_TRANSLATE_NOOP, Msg

#: the longest values (the columns of ``supervisor_endpoint``)
ENDPOINT_MAX = 80
CONTEXT_MAX = 40
EXTEN_MAX = 40

#: ``TECH/resource``: a channel technology (PJSIP, SIP, IAX2, Local, DAHDI …) and a
#: resource of letters, digits and ``@ . _ - + # * /`` (``Local/9001@sup/n``)
_ENDPOINT = re.compile(r"^[A-Za-z][A-Za-z0-9]{0,19}/[A-Za-z0-9@._+#*/-]+$")
_CONTEXT = re.compile(r"^[A-Za-z0-9_-]+$")
_EXTEN = re.compile(r"^[A-Za-z0-9*#+]+$")


class EndpointError(ValueError):
    """A value refused, with the field it is about (``endpoint``, ``context`` or
    ``exten``) and the reason as a message each console shows in its language."""

    def __init__(self, field: str, msg: Msg) -> None:
        super().__init__(msg)
        self.field = field
        self.msg = msg


@dataclass(frozen=True, slots=True)
class SupervisorEndpoint:
    """One supervisor's extension as stored: who set it last, and when."""

    operator: str
    endpoint: str
    context: str
    exten: str
    set_by: str
    set_at: datetime

    @property
    def intercept_possible(self) -> bool:
        """An intercept needs somewhere to send the caller (exten@context)."""
        return bool(self.context and self.exten)


def _shown(v: str) -> str:
    """A refused value as the message quotes it: short, on one line."""
    one = v.replace("\r", "␍").replace("\n", "␤")
    return one if len(one) <= 40 else one[:39] + "…"


def validate(endpoint: str, context: str, exten: str) -> tuple[str, str, str]:
    """The three values trimmed, or :class:`EndpointError` naming the first bad one.

    ``endpoint`` is required (without it no monitor, whisper or barge can ring the
    supervisor). Context and extension go together: both empty means "this supervisor
    cannot intercept"; one without the other is refused, as it cannot be dialled.
    """
    endpoint, context, exten = endpoint.strip(), context.strip(), exten.strip()
    if not endpoint:
        raise EndpointError("endpoint", QT_TRANSLATE_NOOP(
            "Endpoint", "Endpoint: it is needed (e.g. PJSIP/9001): monitor, whisper and "
                        "barge ring it"))
    if len(endpoint) > ENDPOINT_MAX:
        raise EndpointError("endpoint", QT_TRANSLATE_NOOP(
            "Endpoint", "Endpoint: at most {max} characters, got {n}").format(
                max=ENDPOINT_MAX, n=len(endpoint)))
    if not _ENDPOINT.match(endpoint):
        raise EndpointError("endpoint", QT_TRANSLATE_NOOP(
            "Endpoint", "Endpoint “{value}”: write it as TECHNOLOGY/resource (PJSIP/9001, "
                        "SIP/9001, Local/9001@sup), with letters, digits and @ . _ - + # * / "
                        "only").format(value=_shown(endpoint)))
    if len(context) > CONTEXT_MAX:
        raise EndpointError("context", QT_TRANSLATE_NOOP(
            "Endpoint", "Context: at most {max} characters, got {n}").format(
                max=CONTEXT_MAX, n=len(context)))
    if context and not _CONTEXT.match(context):
        raise EndpointError("context", QT_TRANSLATE_NOOP(
            "Endpoint", "Context “{value}”: letters, digits, _ and - only").format(
                value=_shown(context)))
    if len(exten) > EXTEN_MAX:
        raise EndpointError("exten", QT_TRANSLATE_NOOP(
            "Endpoint", "Extension: at most {max} characters, got {n}").format(
                max=EXTEN_MAX, n=len(exten)))
    if exten and not _EXTEN.match(exten):
        raise EndpointError("exten", QT_TRANSLATE_NOOP(
            "Endpoint", "Extension “{value}”: digits, letters, * # and + only").format(
                value=_shown(exten)))
    if bool(context) != bool(exten):
        missing = "exten" if context else "context"
        raise EndpointError(missing, QT_TRANSLATE_NOOP(
            "Endpoint", "Context and extension go together: give both for intercept, or "
                        "leave both empty"))
    return endpoint, context, exten
