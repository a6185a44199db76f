"""A message from ``models/`` as the Chinese console shows it (issue #12 item 13).

``models/`` writes its refusals in English with a context (models/domain/texts.py);
tests that check what a person reads translate them with the shipped .qm, the same
table the console installs, without needing a running QApplication.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from functools import cache

import pytest
from PySide6.QtCore import QTranslator

from console.ui import translations_dir
from views.msg import tr_msg


@cache
def _zh() -> QTranslator:
    t = QTranslator()
    assert t.load(str(translations_dir() / "seatwatch_zh_CN.qm"))
    return t


def zh(x: object) -> str:
    """``x`` (a message, an exception carrying one, or text) in Chinese."""
    t = _zh()
    return tr_msg(x, lambda ctx, src: t.translate(ctx, src) or src)


@contextmanager
def raises_zh(exc_type: type[BaseException] | tuple[type[BaseException], ...],
              pattern: str) -> Iterator[pytest.ExceptionInfo[BaseException]]:
    """``pytest.raises`` whose message, as the Chinese console shows it, matches ``pattern``."""
    with pytest.raises(exc_type) as info:
        yield info
    shown = zh(info.value)
    assert re.search(pattern, shown), f"{pattern!r} not in {shown!r}"
