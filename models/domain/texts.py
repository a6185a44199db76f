"""Messages for people, written here in English and shown in each console's language.

``models/`` cannot import Qt (ARCHITECTURE), yet its refusals and results reach
the screen: a sign-in error, a refused control in 我的操作, a dialog's "not
saved". So a message is made here as a :class:`Msg` — a context, an English
source with ``{named}`` fields, and the values of those fields — and translated
where it is shown (``views/msg.py`` with ``QCoreApplication.translate``; the
CLI with the same Chinese table). One language per message: no more
"中文 / English" pairs (issue #12 item 13).

Write one as ``QT_TRANSLATE_NOOP("Context", "English {field}").format(field=v)``:
``pyside6-lupdate`` collects ``QT_TRANSLATE_NOOP(context, text)`` calls from
these sources too (resources/translations/update.py scans models/), and the call
must keep that shape — a literal context and a literal text, the ``.format``
after it — or the string is not collected.

A :class:`Msg` *is* a ``str`` (its English text), so logs, ``str(exc)`` and old
callers keep working; :meth:`Msg.to_json` / :meth:`Msg.from_json` carry it
through the database (a control's result), so every console translates a
message written by the floor host into its own language.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from typing import Any

#: what a field of a message may hold, so it survives JSON
Arg = str | int | float | None


class Msg(str):
    """A translatable message: its ``str`` value is the English text, formatted."""

    context: str
    source: str
    args: dict[str, Any]

    def __new__(cls, context: str, source: str, args: Mapping[str, Any] | None = None) -> Msg:
        values = dict(args or {})
        try:
            english = source.format(**{k: ", ".join(map(str, v)) if isinstance(v, list | tuple)
                                       else v for k, v in values.items()})
        except (KeyError, IndexError, ValueError):
            english = source
        self = super().__new__(cls, english)
        self.context = context
        self.source = source
        self.args = values
        return self

    def format(self, *args: object, **kwargs: Any) -> Msg:
        """The same message with its fields filled (positional fields are not used)."""
        if args:
            raise TypeError("Msg.format takes named fields only")
        return Msg(self.context, self.source, {**self.args, **kwargs})

    def __reduce__(self) -> tuple[Any, ...]:
        return (Msg, (self.context, self.source, self.args))

    def to_json(self) -> dict[str, Any]:
        """A JSON-able form; nested messages stay messages, other values become text
        unless they are numbers."""
        def enc(v: Any) -> Any:
            if isinstance(v, Msg):
                return v.to_json()
            if isinstance(v, list | tuple):
                return [enc(x) for x in v]
            if v is None or isinstance(v, bool | int | float):
                return v
            return str(v)
        return {"context": self.context, "source": self.source,
                "args": {k: enc(v) for k, v in self.args.items()}}

    @staticmethod
    def from_json(d: Any) -> Msg | None:
        """The message of :meth:`to_json`, or None for anything else (an old row)."""
        if not isinstance(d, Mapping):
            return None
        ctx, src, args = d.get("context"), d.get("source"), d.get("args", {})
        if not isinstance(ctx, str) or not isinstance(src, str) or not isinstance(args, Mapping):
            return None

        def dec(v: Any) -> Any:
            if isinstance(v, list):
                return [dec(x) for x in v]
            m = Msg.from_json(v) if isinstance(v, Mapping) else None
            return m if m is not None else v
        return Msg(ctx, src, {str(k): dec(v) for k, v in args.items()})


def QT_TRANSLATE_NOOP(context: str, source: str) -> Msg:  # noqa: N802 - the name lupdate knows
    """Mark ``source`` for translation in ``context``; fill its fields with ``.format``."""
    return Msg(context, source)


def message_of(x: object) -> Msg | None:
    """The :class:`Msg` an exception (or a value) carries, if any."""
    if isinstance(x, Msg):
        return x
    if isinstance(x, BaseException):
        for attr in ("msg", "reason"):
            v = getattr(x, attr, None)
            if isinstance(v, Msg):
                return v
        if len(x.args) == 1 and isinstance(x.args[0], Msg):
            return x.args[0]
    return None


def state_text(value: str) -> Msg | str:
    """An agent state's name (the same texts as views/kit/texts.py), for a message field."""
    return {
        "logged_out": QT_TRANSLATE_NOOP("State", "Logged out"),
        "ready": QT_TRANSLATE_NOOP("State", "Ready"),
        "ringing": QT_TRANSLATE_NOOP("State", "Ringing"),
        "talking": QT_TRANSLATE_NOOP("State", "Talking"),
        "hold": QT_TRANSLATE_NOOP("State", "On hold"),
        "after_call": QT_TRANSLATE_NOOP("State", "After-call work"),
        "away": QT_TRANSLATE_NOOP("State", "Away"),
    }.get(value, value)


def reason_text(value: str) -> Msg | str:
    """An away reason's name (the same texts as views/kit/texts.py)."""
    return {
        "short_break": QT_TRANSLATE_NOOP("Reason", "Short break"),
        "meal": QT_TRANSLATE_NOOP("Reason", "Meal"),
        "training": QT_TRANSLATE_NOOP("Reason", "Training"),
        "meeting": QT_TRANSLATE_NOOP("Reason", "Meeting"),
        "callback": QT_TRANSLATE_NOOP("Reason", "Callback"),
        "other": QT_TRANSLATE_NOOP("Reason", "Other"),
    }.get(value, value)


def action_text(value: str) -> Msg | str:
    """A supervisor control's name (the same texts as the audit log's actions)."""
    return {
        "monitor": QT_TRANSLATE_NOOP("AuditAction", "Monitor"),
        "whisper": QT_TRANSLATE_NOOP("AuditAction", "Whisper"),
        "barge": QT_TRANSLATE_NOOP("AuditAction", "Barge in"),
        "stop": QT_TRANSLATE_NOOP("AuditAction", "Stop listening"),
        "force_release": QT_TRANSLATE_NOOP("AuditAction", "Force release"),
        "intercept": QT_TRANSLATE_NOOP("AuditAction", "Intercept"),
        "force_ready": QT_TRANSLATE_NOOP("AuditAction", "Force ready"),
        "force_away": QT_TRANSLATE_NOOP("AuditAction", "Force away"),
        "force_logout": QT_TRANSLATE_NOOP("AuditAction", "Force logout"),
    }.get(value, value)


def refusal_detail(reason: object) -> dict[str, Any]:
    """An audit row's detail for a refusal: ``reason`` in English (CSV, older viewers)
    and ``reason_msg`` the message itself, which the audit log shows translated."""
    out: dict[str, Any] = {"reason": str(reason)}
    m = message_of(reason)
    if m is not None:
        out["reason_msg"] = m.to_json()
    return out


def roles_list(roles: Iterable[str]) -> list[Msg | str]:
    """Role names for a message field (a list: the viewer joins it in its language)."""
    names = {
        "shift_leader": QT_TRANSLATE_NOOP("Roles", "Shift leader"),
        "department_head": QT_TRANSLATE_NOOP("Roles", "Department head"),
        "director": QT_TRANSLATE_NOOP("Roles", "Director"),
        "wallboard": QT_TRANSLATE_NOOP("Roles", "Wallboard viewer"),
        "admin": QT_TRANSLATE_NOOP("Roles", "Administrator"),
    }
    order = list(names)
    have = sorted({str(r) for r in roles}, key=lambda r: (order.index(r) if r in order
                                                          else len(order), r))
    return [names.get(r, r) for r in have] or ["—"]


def stored(x: object) -> str:
    """``x`` for a text column that a console shows later (a notification's last
    error): a message as its JSON, so each console translates it; other text as is."""
    m = message_of(x)
    return json.dumps(m.to_json(), ensure_ascii=False) if m is not None else str(x)


def from_stored(s: str | None) -> Msg | str:
    """The message :func:`stored` wrote, or the text as it is (older rows, raw errors)."""
    if not s or not s.startswith('{"context"'):
        return s or ""
    try:
        m = Msg.from_json(json.loads(s))
    except ValueError:
        return s
    return m if m is not None else s
