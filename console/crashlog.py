"""Each process its own log file, native crashes to a file, and the crash handler
(issue #19, "Desktop details").

Every process logs to ``<program>-<pid>.log`` in the user data folder's ``logs``
(rotated per file: a shared file failed to rotate on Windows while another process
held it open), and :mod:`faulthandler` writes a native crash (a segfault in Qt) to
``<program>-<pid>-native.txt`` beside it, the file kept open for the process's life.
Old files are pruned at start: the newest :data:`KEEP_FILES` stay.

An uncaught exception — on the main thread (``sys.excepthook``, which Qt's slots go
through too) or on a worker thread (``threading.excepthook``) — is logged with its
traceback; a GUI program then shows one crash dialog (views/kit/crash.py) and keeps
running, a headless one prints one line. No Qt import here: the dialog is attached
by :func:`attach_gui` once a QApplication exists.
"""

from __future__ import annotations

import atexit
import contextlib
import faulthandler
import logging
import os
import sys
import threading
import traceback
from collections.abc import Callable
from pathlib import Path
from types import TracebackType
from typing import Any

log = logging.getLogger("seatwatch")

#: log files (with their rotated backups and native-crash files) kept in the logs
#: folder; older ones are deleted when a program starts. A constant, not a policy:
#: enough for a few days of a PC's consoles, walls and commands.
KEEP_FILES = 40

#: the programs with a window: a crash there shows the crash dialog
GUI_PROGRAMS = frozenset({"console", "wallboard", "director", "demo"})

Reporter = Callable[[str, str], None]  # (kind of error, traceback) -> shown somewhere


def log_name(program: str, pid: int | None = None) -> str:
    return f"{program}-{os.getpid() if pid is None else pid}.log"


def native_name(program: str, pid: int | None = None) -> str:
    return f"{program}-{os.getpid() if pid is None else pid}-native.txt"


def _ours(p: Path) -> bool:
    n = p.name
    return p.is_file() and (n.endswith("-native.txt") or ".log" in n)


def _pid_of(p: Path) -> int | None:
    stem = p.name.split(".log")[0].removesuffix("-native.txt")
    tail = stem.rsplit("-", 1)[-1]
    return int(tail) if tail.isdigit() else None


def _running(pid: int | None) -> bool:
    """Whether the process that writes a file still runs (POSIX: its open log could be
    unlinked under it, a wall's quiet log among the oldest). On Windows a file another
    process holds open cannot be deleted anyway. A reused pid only keeps a file longer."""
    if pid is None or os.name != "posix":
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:  # another user's process: alive
        return True
    return True


def prune(folder: Path, keep: int = KEEP_FILES, spare: tuple[Path, ...] = ()) -> list[Path]:
    """Delete all but the ``keep`` newest log files in ``folder`` (never ``spare``,
    the files this process writes). A file another process holds open on Windows
    cannot be deleted: it stays until a later start."""
    files = sorted((p for p in folder.iterdir() if _ours(p) and p not in spare),
                   key=lambda p: p.stat().st_mtime, reverse=True)
    gone = []
    for p in files[max(0, keep - len(spare)):]:
        if _running(_pid_of(p)):
            continue
        try:
            p.unlink()
            gone.append(p)
        except OSError:
            pass
    return gone


def _private_open(path: Path) -> int:
    """A descriptor, not a file object: faulthandler writes to the descriptor, and a
    handler replaced by another (a second main() in one process) leaves no file
    object to be collected unclosed."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_APPEND | getattr(os, "O_BINARY", 0),
                 0o600)
    if os.name == "posix":
        os.chmod(path, 0o600)  # a file an older process left 0644
    return fd


class CrashHandler:
    """The process's hooks; found again through ``sys.excepthook`` (no global)."""

    def __init__(self, program: str, log_path: Path | None, native: int | None,
                 native_path: Path | None = None) -> None:
        self.program = program
        self.native_path = native_path
        self.log_path = log_path
        self.native = native
        self.gui = program in GUI_PROGRAMS
        self.reporter: Reporter | None = None

    # -- the hooks
    def excepthook(self, kind: type[BaseException], e: BaseException,
                   tb: TracebackType | None) -> None:
        if issubclass(kind, KeyboardInterrupt):
            sys.__excepthook__(kind, e, tb)
            return
        self._crashed(kind, e, tb, threading.current_thread().name)

    def thread_hook(self, args: threading.ExceptHookArgs) -> None:
        if args.exc_value is None or issubclass(args.exc_type, SystemExit):
            return
        name = args.thread.name if args.thread is not None else "?"
        self._crashed(args.exc_type, args.exc_value, args.exc_traceback, name)

    def _crashed(self, kind: type[BaseException], e: BaseException,
                 tb: TracebackType | None, where: str) -> None:
        log.critical("uncaught %s in %s (thread %s)", kind.__name__, self.program, where,
                     exc_info=(kind, e, tb))
        details = "".join(traceback.format_exception(kind, e, tb))
        if self.reporter is not None:
            try:
                self.reporter(kind.__name__, details)
                return
            except Exception:  # noqa: BLE001 - the dialog itself failed: fall back to a line
                log.exception("the crash dialog could not be shown")
        from console.cli_common import error_line
        from models.domain.texts import QT_TRANSLATE_NOOP

        print(error_line(QT_TRANSLATE_NOOP(
            "Cli", "unexpected error ({kind}); the details are in {log}").format(
            kind=kind.__name__, log=str(self.log_path) if self.log_path else "-")),
            file=sys.stderr, flush=True)

    def close(self) -> None:
        if self.native is not None:
            faulthandler.disable()
            os.close(self.native)
            self.native = None
            if self.native_path is not None:
                with contextlib.suppress(OSError):
                    if self.native_path.stat().st_size == 0:  # no crash: no clutter
                        self.native_path.unlink()


def installed() -> CrashHandler | None:
    for hook in (sys.excepthook, threading.excepthook):
        h = getattr(hook, "__self__", None)
        if isinstance(h, CrashHandler):
            return h
    return None


def install(program: str, log_path: Path | None, logs: Path | None) -> CrashHandler:
    """The hooks and faulthandler for this process; a second call (a second main()
    in one process, as tests do) replaces the first."""
    old = installed()
    if old is not None:
        atexit.unregister(old.close)
        old.close()
    native: int | None = None
    native_path = logs / native_name(program) if logs is not None else None
    if native_path is not None:
        try:
            native = _private_open(native_path)
            faulthandler.enable(file=native, all_threads=True)
        except OSError as e:
            log.warning("cannot open the native-crash file in %s: %s", logs, e)
            native = None
    h = CrashHandler(program, log_path, native, native_path)
    atexit.register(h.close)  # an empty native-crash file is removed at a normal exit
    sys.excepthook = h.excepthook
    threading.excepthook = h.thread_hook
    return h


def attach_gui(app: Any) -> None:
    """Once the QApplication exists: crashes of a GUI program show the crash dialog."""
    h = installed()
    if h is None or not h.gui or h.reporter is not None:
        return
    from views.kit.crash import CrashReporter

    reporter = CrashReporter(lambda: h.log_path, parent=app)
    h.reporter = reporter.report
