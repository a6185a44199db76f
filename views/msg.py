"""Show a message from ``models/`` in this console's language (issue #12 item 13).

``models/domain/texts.py`` makes a :class:`Msg` (context, English source, fields);
here it is translated with the installed translators and then formatted, its
nested messages (a state's name, the reason a save failed) translated too.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from PySide6.QtCore import QCoreApplication

from models.domain.texts import Msg, from_stored, message_of

Translate = Callable[[str, str], str]


def _qt(context: str, source: str) -> str:
    return QCoreApplication.translate(context, source)


def tr_msg(x: object, translate: Translate = _qt) -> str:
    """``x`` (a :class:`Msg`, an exception carrying one, or anything else) as text
    for a person: a message translated and formatted, anything else as ``str``."""
    m = message_of(x)
    if m is None:
        return str(x)
    args = {k: _arg(v, translate) for k, v in m.args.items()}
    try:
        return translate(m.context, m.source).format(**args)
    except (KeyError, IndexError, ValueError):  # a translation with a field mistyped
        return str(m)


def _arg(v: Any, translate: Translate) -> Any:
    """One argument of a message, in this language. A function of the module, not one
    nested in :func:`tr_msg`: a nested function that calls itself is a reference cycle,
    one for every message shown, which only the collector frees (issue #20)."""
    if isinstance(v, list | tuple):  # a list of names: joined in this language
        return translate("Roles", ", ").join(str(_arg(x, translate)) for x in v)
    return tr_msg(v, translate) if isinstance(v, Msg) else v


def tr_payload(payload: Mapping[str, Any], key: str = "message",
               translate: Translate = _qt) -> str:
    """A message a floor event carries: ``text`` (the message as JSON, new rows)
    in this console's language, else the stored ``key`` as it is (older rows)."""
    m = Msg.from_json(payload.get("text"))
    if m is not None:
        return tr_msg(m, translate)
    return str(payload.get(key, ""))


def tr_stored(s: str | None, translate: Translate = _qt) -> str:
    """A text column written with ``models.domain.texts.stored``, in this language."""
    return tr_msg(from_stored(s), translate)
