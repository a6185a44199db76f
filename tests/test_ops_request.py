"""Issue #15 step 1: one request object, bound weakly to its owner, with a failure
path that is never lost (:class:`console.ops.Request`)."""

from __future__ import annotations

import gc
import threading
import weakref
from collections.abc import Iterator
from datetime import UTC, datetime

import pytest
import sqlalchemy as sa
from PySide6.QtCore import QObject
from PySide6.QtWidgets import QMessageBox, QWidget
from pytestqt.qtbot import QtBot

from console.ops import Backend, BackendContext, Ops


class Refusal(Exception):
    pass


class Stale(Exception):
    pass


class Owner(QWidget):
    def __init__(self) -> None:
        super().__init__()
        self.got: list[object] = []
        self.failures: list[str] = []

    def answered(self, value: object) -> None:
        self.got.append(value)

    def failed(self, text: str) -> None:
        self.failures.append(text)


class WithStatusLine(Owner):
    def show_failure(self, text: str) -> None:
        self.failures.append("status: " + text)


@pytest.fixture
def backend(qapp: object) -> Iterator[Backend]:
    ops = Ops()
    eng = sa.create_engine("sqlite://")
    yield Backend(BackendContext(eng, ops, "L01", lambda: datetime(2026, 3, 2, tzinfo=UTC),
                                 "PC-1"))
    ops.shutdown()
    eng.dispose()


def _raise(e: Exception) -> object:
    raise e


def test_the_answer_reaches_the_owner_and_a_refusal_its_message(
        qtbot: QtBot, backend: Backend) -> None:
    w = Owner()
    qtbot.addWidget(w)
    backend.request(w, lambda: 42).done(w.answered).refused(w.failed).run()
    backend.request(w, lambda: _raise(Refusal("no right")), (Refusal,)).done(
        w.answered).refused(w.failed).run()
    qtbot.waitUntil(lambda: len(w.got) + len(w.failures) == 2, timeout=5000)
    assert w.got == [42] and w.failures == ["no right"]
    assert backend.operator_id == "L01" and backend.workstation == "PC-1"


def test_a_fault_is_one_line_and_a_conflict_goes_to_its_own_handler(
        qtbot: QtBot, backend: Backend) -> None:
    w = Owner()
    qtbot.addWidget(w)
    conflicts: list[Exception] = []
    backend.request(w, lambda: _raise(sa.exc.OperationalError("SELECT 1", {}, Exception(
        "unable to open database file\nmore"))), (Refusal,)).refused(w.failed).run()
    backend.request(w, lambda: _raise(Stale("edited meanwhile")), (), (Stale,)).done(
        w.answered).conflict(conflicts.append).refused(w.failed).run()
    qtbot.waitUntil(lambda: len(w.failures) == 1 and len(conflicts) == 1, timeout=5000)
    assert w.failures[0].endswith(": unable to open database file")
    assert [str(c) for c in conflicts] == ["edited meanwhile"] and w.got == []


def test_without_a_refused_handler_the_owner_status_line_else_a_banner_says_it(
        qtbot: QtBot, backend: Backend) -> None:
    with_line, bare = WithStatusLine(), Owner()
    qtbot.addWidget(with_line)
    qtbot.addWidget(bare)
    for w in (with_line, bare):
        backend.request(w, lambda: _raise(Refusal("refused")), (Refusal,)).done(
            w.answered).run()
    qtbot.waitUntil(lambda: bool(with_line.failures)
                    and bool(bare.findChildren(QMessageBox)), timeout=5000)
    assert with_line.failures == ["status: refused"]
    [box] = bare.findChildren(QMessageBox)
    assert box.text() == "refused" and box.objectName() == "requestFailedBanner"
    box.close()


def test_the_request_does_not_keep_its_owner_alive_and_a_late_answer_is_dropped(
        qtbot: QtBot, backend: Backend) -> None:
    gate = threading.Event()
    seen: list[object] = []

    class Plain(QObject):
        def answered(self, value: object) -> None:
            seen.append(value)

    owner = Plain()
    ref = weakref.ref(owner)
    backend.request(owner, lambda: gate.wait(5)).done(owner.answered).refused(
        seen.append).run()
    del owner
    gc.collect()
    assert ref() is None  # the pending op holds no reference to it
    gate.set()
    assert backend.ops.wait(5)
    qtbot.wait(50)  # the queued answer arrives and is dropped
    assert seen == []
