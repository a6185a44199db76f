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
    def one(v: Any) -> Any:
        if isinstance(v, list | tuple):  # a list of names: joined in this language
            return translate("Roles", ", ").join(str(one(x)) for x in v)
        return tr_msg(v, translate) if isinstance(v, Msg) else v
    args = {k: one(v) for k, v in m.args.items()}
    try:
        return translate(m.context, m.source).format(**args)
    except (KeyError, IndexError, ValueError):  # a translation with a field mistyped
        return str(m)


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
