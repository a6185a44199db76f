"""Background operations and what every console backend is given.

Lives apart from :mod:`console.app` (the composition root) so that the backends
(``console/*_backend.py``) import :class:`Ops` and :class:`BackendContext` from
here, not from the module that imports them to wire the dialogs: that import
loop is gone (issue #15 step 1; tests/test_layers.py keeps it gone).
"""

from __future__ import annotations

import inspect
import logging
import socket
import weakref
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from concurrent.futures import wait as futures_wait
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Self

import shiboken6
from PySide6.QtCore import QCoreApplication, QObject, Qt, Signal
from PySide6.QtWidgets import QMessageBox, QWidget
from sqlalchemy import Engine
from sqlalchemy.exc import SQLAlchemyError

from models.domain.texts import message_of
from views.msg import tr_msg

log = logging.getLogger(__name__)


class Ops(QObject):
    """Background operations: run off the GUI thread, answer on it.

    The op never touches a widget; its result goes to ``on_done`` on the GUI
    thread (a queued signal). A failure is logged and handed to ``on_error`` if
    given.

    The workers are Python threads, not ``QRunnable``s: a QRunnable deletes
    itself in C++ after running while its Python wrapper lives on, and PySide
    then hands that stale wrapper out for the next Qt object allocated at the
    same address (seen here: a table's selection model came back as a
    ``QRunnable``).
    """

    _finished = Signal(object, object)

    def __init__(self, parent: QObject | None = None, workers: int = 2) -> None:
        super().__init__(parent)
        self._pool = ThreadPoolExecutor(max_workers=workers, thread_name_prefix="console-op")
        self._pending: set[Future[None]] = set()
        self._finished.connect(self._deliver)

    def run(self, fn: Callable[[], Any], on_done: Callable[[Any], None],
            on_error: Callable[[Exception], None] | None = None) -> None:
        def work() -> None:
            try:
                result = fn()
            except Exception as e:  # known faults become banners; bugs are logged
                log.exception("background operation failed")
                self._finished.emit(on_error, e)
                return
            self._finished.emit(on_done, result)

        f = self._pool.submit(work)
        self._pending.add(f)
        f.add_done_callback(self._pending.discard)

    def run_answer(self, fn: Callable[[], Any], on_done: Callable[[Any], None],
                   on_error: Callable[[str], None],
                   refusals: tuple[type[Exception], ...] = ()) -> None:
        """Like :meth:`run` for the dialogs' requests: an exception in ``refusals``
        (a right missing, a rule broken) is an answer, not a fault — its message goes
        to ``on_error`` as it is and is logged without a traceback; anything else is
        logged as a fault and reaches ``on_error`` as one line (:func:`fault_text`)."""
        def guarded() -> Any:
            try:
                return fn()
            except refusals as e:
                log.info("refused: %s", (str(e).splitlines() or [type(e).__name__])[0])
                return _Refused(message_of(e) or str(e))

        def done(result: Any) -> None:
            if isinstance(result, _Refused):
                on_error(tr_msg(result.message))
            else:
                on_done(result)

        self.run(guarded, done, lambda e: on_error(fault_text(e)))

    def busy(self) -> int:
        """Ops still running or queued (their answers may not have arrived yet)."""
        return len(self._pending)

    def wait(self, timeout_s: float = 5.0) -> bool:
        """Block until every op has run (its answer is then queued for the GUI
        thread); False if some were still running after ``timeout_s``."""
        _done, running = futures_wait(list(self._pending), timeout=timeout_s)
        return not running

    def _deliver(self, fn: Callable[[Any], None] | None, value: Any) -> None:
        if fn is not None:
            fn(value)

    def shutdown(self) -> None:
        self.wait(5.0)
        self._pool.shutdown(wait=False, cancel_futures=True)


@dataclass(frozen=True, slots=True)
class _Refused:
    message: str


@dataclass(frozen=True, slots=True)
class _Conflict:
    error: Exception


class Request:
    """One request of a widget, answered on the GUI thread (issue #15 step 1)::

        backend.save(self, …).done(self._saved).refused(self._failed).run()

    Bound weakly to its ``owner``: an answer for an owner already deleted is dropped,
    and the op never holds the last reference to a widget (were it released on a
    worker thread, Qt would destroy the widget there). A handler that is a method of
    the owner is held without the owner; any other callable is held as it is.

    ``refusals`` (a right missing, a rule broken) reach ``refused`` as their message;
    any other exception is a fault, logged with its traceback, and reaches
    ``refused`` as one line (:func:`fault_text`). ``conflicts`` (an edit made stale by
    someone else's) reach ``conflict`` as the exception, when one is given.

    Without a ``refused`` handler the failure is not lost: it goes to the owner's
    status line (its ``show_failure(text)``), else to a banner over the owner's
    window (a non-modal message box)."""

    def __init__(self, ops: Ops, owner: QObject, work: Callable[[], Any],
                 refusals: tuple[type[Exception], ...] = (),
                 conflicts: tuple[type[Exception], ...] = ()) -> None:
        self._ops = ops
        self._owner = weakref.ref(owner)
        self._work = work
        self._refusals = refusals
        self._conflicts = conflicts
        self._done: Callable[..., None] | None = None
        self._refused: Callable[..., None] | None = None
        self._conflict: Callable[..., None] | None = None

    def _unbind(self, fn: Callable[..., None]) -> Callable[..., None]:
        """``fn`` as ``f(owner, answer)``, without a strong reference to the owner."""
        if inspect.ismethod(fn) and fn.__self__ is self._owner():
            func = fn.__func__
            return lambda owner, answer: func(owner, answer)
        return lambda _owner, answer: fn(answer)

    def done(self, fn: Callable[[Any], None]) -> Self:
        self._done = self._unbind(fn)
        return self

    def refused(self, fn: Callable[[str], None]) -> Self:
        self._refused = self._unbind(fn)
        return self

    def conflict(self, fn: Callable[[Exception], None]) -> Self:
        self._conflict = self._unbind(fn)
        return self

    def run(self) -> None:
        conflicts = self._conflicts if self._conflict is not None else ()
        work = self._work

        def guarded() -> Any:
            try:
                return work()
            except conflicts as e:
                return _Conflict(e)

        self._ops.run_answer(guarded, self._answer, self._failed, self._refusals)

    def _live_owner(self) -> QObject | None:
        owner = self._owner()
        return owner if owner is not None and shiboken6.isValid(owner) else None

    def _answer(self, result: Any) -> None:
        owner = self._live_owner()
        if owner is None:
            return
        if isinstance(result, _Conflict):
            assert self._conflict is not None
            self._conflict(owner, result.error)
        elif self._done is not None:
            self._done(owner, result)

    def _failed(self, text: str) -> None:
        owner = self._live_owner()
        if owner is None:
            log.info("answer for a closed window dropped: %s", text)
            return
        if self._refused is not None:
            self._refused(owner, text)
            return
        show = getattr(owner, "show_failure", None)
        if callable(show):
            show(text)
            return
        parent = owner.window() if isinstance(owner, QWidget) else None
        # titled like the window it covers: the failure is the window's own
        box = QMessageBox(QMessageBox.Icon.Warning, parent.windowTitle() if parent else "",
                          text, QMessageBox.StandardButton.Close, parent)
        box.setObjectName("requestFailedBanner")
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.open()


def fault_text(e: Exception) -> str:
    """A fault as one line for a dialog (the log has the traceback): the driver's
    own first line for a database fault, never the SQL."""
    if isinstance(e, SQLAlchemyError):
        return QCoreApplication.translate("Console", "The floor database cannot be reached "
                                                     "or refused the request: {error}").format(
            error=first_line(e)[:200])
    return tr_msg(e) or type(e).__name__


def first_line(e: Exception) -> str:
    """The first line of a fault, the driver's own (``orig``) for a database one."""
    orig = getattr(e, "orig", None)
    return (str(orig or e).strip().splitlines() or [""])[0]


def workstation() -> str:
    """How a console PC is named in the audit log."""
    return f"console@{socket.gethostname()}"


# ---- the backends' context (issue #15 step 1) ---------------------------------------------


@dataclass(frozen=True, slots=True)
class BackendContext:
    """What every console backend acts with: the floor database, the background ops,
    the operator signed in (the ``by`` of every audit row; each right is checked
    again in the database on every request), the floor's clock and this PC's name in
    the audit log. :class:`console.app.ConsoleApp` builds one per signed-in operator;
    a shift change gives the long-lived backends a new one (:meth:`Backend.rebind`)."""

    engine: Engine
    ops: Ops
    operator_id: str
    clock: Callable[[], datetime]
    #: by default the console's own name, as the sign-in writes it
    workstation: str = field(default_factory=workstation)


class Backend:
    """The part every backend shares: its context, read on every request (so a
    :meth:`rebind` at a shift change takes effect at the next request), and the
    names the views and the requests use (``operator_id``, ``now()``…)."""

    def __init__(self, ctx: BackendContext) -> None:
        self.ctx = ctx

    def rebind(self, ctx: BackendContext) -> None:
        """Act with another context from the next request on (another operator
        signed in at this console)."""
        self.ctx = ctx

    @property
    def engine(self) -> Engine:
        return self.ctx.engine

    @property
    def ops(self) -> Ops:
        return self.ctx.ops

    @property
    def operator_id(self) -> str:
        return self.ctx.operator_id

    @property
    def workstation(self) -> str:
        return self.ctx.workstation

    def now(self) -> datetime:
        """The floor's clock (called on the GUI thread when a request is made)."""
        return self.ctx.clock()

    def request(self, owner: QObject, work: Callable[[], Any],
                refusals: tuple[type[Exception], ...] = (),
                conflicts: tuple[type[Exception], ...] = ()) -> Request:
        """``work`` on the context's ops for ``owner`` (usually a dialog): the caller
        chains its answers on the :class:`Request` and runs it."""
        return Request(self.ops, owner, work, refusals, conflicts)
