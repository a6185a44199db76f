"""A scheduled report's PDF (R-REPORT-1, issue #18): the report's HTML
(:mod:`models.reports.ops_html`) laid out by Qt's QTextDocument onto a QPdfWriter,
A4, with a CJK font (reportlab cannot embed Noto CJK's CFF outlines; Qt can), through
the one PDF engine :mod:`views.pdf_print`. The assessment sheets (月度考核表,
年度考核汇总表) print the same way, landscape, with a page footer.

QTextDocument needs a QGuiApplication, which the floor host (``seatwatch service``,
headless, jobs on worker threads) does not have and must not create on a job's
thread. So the layout runs in a child process (``python -m console.report_pdf``):
HTML on stdin, PDF on stdout, the offscreen platform, nothing shared with the host —
about a second per report, a report a day. The console's own ``models`` stay free of
Qt (the layer rule).
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
from pathlib import Path

from models.domain.report import ReportError
from models.domain.texts import QT_TRANSLATE_NOOP
from models.reports.files import write_whole

#: a report's layout takes about a second; a child that hangs is killed after this
TIMEOUT_S = 120.0
#: the body text's size (a report's tables are dense)
FONT_PT = 9.0


#: Windows: the child is a console program; started from the windowed console it
#: must not flash a console window (0 elsewhere: no such flag)
_NO_WINDOW = getattr(subprocess, "CREATE_NO_WINDOW", 0)


def child_command(executable: str | None = None, frozen: bool | None = None) -> list[str]:
    """How to start the layout child. From source: ``python -m console.report_pdf``. In
    the frozen bundle (installer/entry.py, issue #19) ``sys.executable`` is one of its
    programs, which recognises ``-m console.report_pdf``; the child always runs the
    console-subsystem one, ``seatwatch``: the windowed ``seatwatchw`` has no stdout on
    Windows to write the PDF to, even into a pipe."""
    exe = sys.executable if executable is None else executable
    if not (getattr(sys, "frozen", False) if frozen is None else frozen):
        return [exe, "-m", "console.report_pdf"]
    folder, name = os.path.split(exe)
    cli = "seatwatch.exe" if name.lower().endswith(".exe") else "seatwatch"
    return [os.path.join(folder, cli), "-m", "console.report_pdf"]


def render(html: str, *, landscape: bool = False, footer: str = "",
           title: str = "Seatwatch report") -> bytes:
    """``html`` as PDF bytes (A4, portrait or ``landscape``), laid out in a child
    process; ``footer`` names the document at the bottom of each page, beside
    "第 n 页 共 m 页" (only with a footer)."""
    env = dict(os.environ)
    if sys.platform != "win32":
        # no display needed; on Windows the native platform lays out without a window
        # and knows the system's fonts (offscreen there would find none: not checked)
        env["QT_QPA_PLATFORM"] = "offscreen"
    args = [*child_command(), "--title", title]
    if landscape:
        args.append("--landscape")
    if footer:
        args += ["--footer", footer]
    try:
        res = subprocess.run(args, input=html.encode("utf-8"), capture_output=True,
                             timeout=TIMEOUT_S, env=env, check=False,
                             creationflags=_NO_WINDOW)
    except subprocess.TimeoutExpired:
        raise ReportError(QT_TRANSLATE_NOOP("Reports", "the PDF took more than {s} s to lay "
                                                       "out").format(s=int(TIMEOUT_S))) from None
    if res.returncode != 0 or not res.stdout.startswith(b"%PDF"):
        err = res.stderr.decode("utf-8", "replace").strip().splitlines()
        raise ReportError(QT_TRANSLATE_NOOP("Reports", "the PDF could not be made: {why}")
                          .format(why=err[-1] if err else f"exit {res.returncode}"))
    return res.stdout


def write(path: str | Path, html: str, *, landscape: bool = False, footer: str = "",
          title: str = "Seatwatch report") -> Path:
    """:func:`render` to ``path``, whole or not at all."""
    data = render(html, landscape=landscape, footer=footer, title=title)
    return write_whole(path, lambda tmp: tmp.write_bytes(data))


def page_of(n: int, m: int) -> str:
    """The footer's page number, as a Chinese form has it."""
    return f"第 {n} 页 共 {m} 页"


def _layout(html: str, *, title: str, landscape: bool, footer: str) -> bytes:
    """In the child: lay ``html`` out on A4 pages (the one engine, views.pdf_print)."""
    from PySide6.QtGui import QGuiApplication

    from views.pdf_print import Footer, print_html

    app = QGuiApplication.instance() or QGuiApplication([sys.argv[0]])
    data, _pages = print_html(html, title=title, landscape=landscape, font_pt=FONT_PT,
                              footer=Footer(footer, page_of) if footer else None)
    del app
    return data


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m console.report_pdf")
    ap.add_argument("--title", default="Seatwatch report")
    ap.add_argument("--landscape", action="store_true")
    ap.add_argument("--footer", default="")
    a = ap.parse_args(argv)
    html = sys.stdin.buffer.read().decode("utf-8")
    sys.stdout.buffer.write(_layout(html, title=a.title, landscape=a.landscape,
                                    footer=a.footer))
    sys.stdout.buffer.flush()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
