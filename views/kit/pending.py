"""A request on its way, as a dialog sees it (issue #15 step 1).

A backend answers a dialog's request with a ``console.ops.Request``: the dialog
chains its handlers and runs it. The view knows it only by this shape, not by the
console's class (views/ never imports console/)::

    self.backend.save_minutes(self, m).done(self._saved).refused(self._save_refused) \\
        .conflict(self._save_conflict).run()

The request is bound weakly to its owner (the dialog): an answer for a dialog
already closed is dropped. A request without ``refused`` shows its failure on the
owner's status line (``show_failure(text)``), else in a banner.
"""

from __future__ import annotations

import weakref
from collections.abc import Callable
from types import MethodType
from typing import Any, Protocol, Self


class Pending(Protocol):
    def done(self, fn: Callable[[Any], None]) -> Self: ...

    def refused(self, fn: Callable[[str], None]) -> Self: ...

    def conflict(self, fn: Callable[[Any], None]) -> Self:
        """``fn`` gets the conflict (a ``StaleEdit``: someone else saved first)."""
        ...

    def run(self) -> None: ...


def tagged(method: Callable[..., None], *args: Any) -> Callable[[Any], None]:
    """An owner's ``method`` as a handler that gets ``args`` before the answer (which
    load it answers: a dialog drops the answer to a load it has since repeated),
    holding the owner weakly as a request's own handlers are held."""
    assert isinstance(method, MethodType), "a bound method of the request's owner"
    owner, func = weakref.ref(method.__self__), method.__func__

    def call(answer: Any) -> None:
        o = owner()
        if o is not None:
            func(o, *args, answer)
    return call
