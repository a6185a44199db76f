"""A request the test answers (issue #15): what a dialog's fake backend returns in
place of a :class:`console.ops.Request`.

The dialog chains its handlers and runs it as it would a real one; ``run()`` hands
``(done, refused, conflict)`` to the fake's ``sink`` and the test calls the one it
means to answer with. As with a real request, a request without a ``refused``
handler fails onto the owner's status line (its ``show_failure``).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Self


def _dropped(_answer: Any) -> None:
    raise AssertionError("the dialog gave this request no handler for that answer")


class Answerable:
    def __init__(self, owner: Any, sink: Callable[[Callable[[Any], None],
                                                   Callable[[str], None],
                                                   Callable[[Exception], None]], None]
                 ) -> None:
        self.owner = owner
        self._sink = sink
        self._done: Callable[[Any], None] = lambda _r: None
        self._refused: Callable[[str], None] | None = None
        self._conflict: Callable[[Exception], None] = _dropped

    def done(self, fn: Callable[[Any], None]) -> Self:
        self._done = fn
        return self

    def refused(self, fn: Callable[[str], None]) -> Self:
        self._refused = fn
        return self

    def conflict(self, fn: Callable[[Exception], None]) -> Self:
        self._conflict = fn
        return self

    def run(self) -> None:
        refused = self._refused
        if refused is None:
            show = getattr(self.owner, "show_failure", None)
            refused = show if callable(show) else _dropped
        self._sink(self._done, refused, self._conflict)
