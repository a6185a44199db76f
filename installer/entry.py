"""The frozen programs' entry (issue #19): both executables of the bundle run this.

``seatwatch`` (console subsystem) is the command line and ``seatwatch service``;
``seatwatchw`` (windowed, as pythonw is to python) is what a shortcut starts: with no
arguments it opens the console window. ``-m console.report_pdf`` is the report PDF's
child process (console/report_pdf.py runs the bundle's own executable that way).
"""

import os
import sys


def main() -> int:
    # A windowed program on Windows has no stdout/stderr (None): printing would raise.
    # The log file keeps everything, so what is printed goes nowhere.
    if sys.stdout is None:
        sys.stdout = open(os.devnull, "w", encoding="utf-8")  # noqa: SIM115
    if sys.stderr is None:
        sys.stderr = open(os.devnull, "w", encoding="utf-8")  # noqa: SIM115
    args = sys.argv[1:]
    if args[:2] == ["-m", "console.report_pdf"]:
        from console import report_pdf

        return report_pdf.main(args[2:])
    from console import cli

    windowed = os.path.splitext(os.path.basename(sys.executable))[0].lower() == "seatwatchw"
    if windowed and not args:
        # the console on this PC's default connection; on a PC never set up, the
        # first-run wizard (there is no terminal to read a usage error from)
        args = ["console"]
    return cli.main(args)


if __name__ == "__main__":
    sys.exit(main())
