"""Smoke test of the frozen programs (issue #19): ``python installer/smoke.py BUNDLE_DIR
--out OUT_DIR``. Standard library only; Linux and Windows (the Windows workflow runs
exactly this).

BUNDLE_DIR is the bundle's folder (``.../Seatwatch``, holding ``seatwatch``,
``seatwatchw`` and ``_internal``). Every program runs with a private, temporary home
(HOME, APPDATA, LOCALAPPDATA, XDG_*), so the user's own floor, profiles and settings
are never touched, and with ``QT_QPA_PLATFORM=offscreen`` (not on Windows: see
:func:`private_env`). Each step prints one line;
the first that fails prints its command, exit code and the tail of its output, and
the smoke test exits 1. OUT_DIR keeps ``console_frozen.png`` and the report's files.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
import tomllib
import zlib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EXE = ".exe" if sys.platform == "win32" else ""
DEMO_SECONDS = 20


class Failed(Exception):
    pass


def project_version() -> str:
    with open(ROOT / "pyproject.toml", "rb") as f:
        return str(tomllib.load(f)["project"]["version"])


def private_env(home: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items()
           if not k.startswith(("XDG_", "SEATWATCH_", "PYTHON", "QT_"))}
    dirs = {"HOME": "home", "USERPROFILE": "home", "APPDATA": "appdata/Roaming",
            "LOCALAPPDATA": "appdata/Local", "XDG_DATA_HOME": "xdg/data",
            "XDG_CONFIG_HOME": "xdg/config", "XDG_CACHE_HOME": "xdg/cache",
            "XDG_STATE_HOME": "xdg/state", "XDG_RUNTIME_DIR": "xdg/runtime",
            "TMP": "tmp", "TEMP": "tmp", "TMPDIR": "tmp"}
    # Windows: platformdirs asks the shell for the known folders, not the variables
    # above, unless these overrides are set (a recent platformdirs: 4.14 here);
    # with an older one the check after `db upgrade` stops the smoke test
    dirs |= {"WIN_PD_OVERRIDE_APPDATA": "appdata/Roaming",
             "WIN_PD_OVERRIDE_LOCAL_APPDATA": "appdata/Local",
             "WIN_PD_OVERRIDE_COMMON_APPDATA": "appdata/Common"}
    for var, sub in dirs.items():
        d = home / sub
        d.mkdir(parents=True, exist_ok=True)
        env[var] = str(d)
    (home / "xdg/runtime").chmod(0o700)
    if sys.platform != "win32":
        env["QT_QPA_PLATFORM"] = "offscreen"
    # Windows: the native platform. There Qt's offscreen platform knows no font (it
    # looks in Qt's own fonts folder, which Qt no longer ships): the screenshot and the
    # PDF would have no text, and the windowed demo's window is what a user sees anyway.
    # console/report_pdf.py keeps the native platform for its child for the same reason.
    # no keyring daemon to ask in a private home: the null backend, never the user's
    env["PYTHON_KEYRING_BACKEND"] = "keyring.backends.null.Keyring"
    return env


def run(args: list[str], env: dict[str, str], timeout: float) -> tuple[int, str]:
    try:
        r = subprocess.run(args, env=env, capture_output=True, timeout=timeout,
                           stdin=subprocess.DEVNULL, check=False)
    except subprocess.TimeoutExpired as e:
        partial = bytes(e.stdout or b"") + bytes(e.stderr or b"")
        raise Failed(report(args, f"timed out after {timeout:.0f} s",
                            partial.decode("utf-8", "replace"))) from None
    except OSError as e:
        raise Failed(report(args, f"cannot start: {e}", "")) from None
    text = r.stdout.decode("utf-8", "replace")
    err = r.stderr.decode("utf-8", "replace")
    return r.returncode, text + ("\n" + err if err.strip() else "")


def report(args: list[str], what: str, output: str) -> str:
    tail = "\n".join(output.strip().splitlines()[-20:])
    return f"FAILED: {subprocess.list2cmdline(args)}\n  {what}\n" + \
        "".join(f"  | {line}\n" for line in tail.splitlines())


def step(name: str, args: list[str], env: dict[str, str], timeout: float,
         check: object = None) -> str:
    """Run one step; ``check(output)`` returns None when fine, else the reason."""
    t0 = time.monotonic()
    code, out = run(args, env, timeout)
    why = f"exit code {code}" if code != 0 else (check(out) if callable(check) else None)
    if why:
        raise Failed(report(args, why, out))
    print(f"ok  {name} ({time.monotonic() - t0:.1f} s)", flush=True)
    return out


def png_blank(path: Path) -> str | None:
    """None if ``path`` is a PNG with more than one colour, else why not (stdlib only:
    8-bit RGB/RGBA, non-interlaced, as Qt writes them)."""
    if not path.is_file():
        return f"{path} was not written"
    data = path.read_bytes()
    if not data.startswith(b"\x89PNG\r\n\x1a\n"):
        return f"{path} is not a PNG"
    pos, idat, width, height, kind = 8, b"", 0, 0, 0
    depth = 0
    while pos < len(data):
        n = int.from_bytes(data[pos:pos + 4], "big")
        tag = data[pos + 4:pos + 8]
        body = data[pos + 8:pos + 8 + n]
        if tag == b"IHDR":
            width, height = int.from_bytes(body[:4], "big"), int.from_bytes(body[4:8], "big")
            depth, kind = body[8], body[9]
        elif tag == b"IDAT":
            idat += body
        pos += 12 + n
    if depth != 8 or kind not in (2, 6):
        return None if len(data) > 20_000 else f"{path}: too small a PNG to hold a window"
    raw = zlib.decompress(idat)
    bpp = 3 if kind == 2 else 4
    stride = width * bpp + 1
    # the filter bytes vary, so compare unfiltered rows' first pixels roughly: a blank
    # image compresses to almost nothing and has one distinct filtered row
    rows = {raw[i * stride + 1:(i + 1) * stride] for i in range(0, height, max(1, height // 50))}
    if width < 200 or height < 200 or len(rows) < 3:
        return f"{path} is blank ({width}x{height}, {len(rows)} distinct rows sampled)"
    return None


def smoke(bundle: Path, out_dir: Path) -> None:
    cli = str(bundle / f"seatwatch{EXE}")
    gui = str(bundle / f"seatwatchw{EXE}")
    version = project_version()
    out_dir.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix="seatwatch-smoke-"))
    try:
        env = private_env(tmp)
        db_file = tmp / "floor.db"
        url = "sqlite:///" + db_file.as_posix()

        step("seatwatch --version", [cli, "--version"], env, 120,
             lambda o: None if o.strip().split()[-1:] == [version]
             else f"expected version {version}")
        # `db upgrade` migrates an existing file only (a mistyped path must not become
        # a new floor, issue #12): an empty file is a new, empty SQLite database
        db_file.touch()
        step("db upgrade (new SQLite file)", [cli, "db", "upgrade", "--db", url], env, 120,
             lambda o: None if re.search(r"schema \(empty\) -> \S+", o)
             else "no 'schema (empty) -> …' line")
        if not any(tmp.rglob("*.log")):
            raise Failed(f"FAILED: the programs did not write their log into the private home "
                         f"{tmp}: they would write into the user's own folders\n")
        step(f"demo --headless ({DEMO_SECONDS} s)",
             [cli, "demo", "--headless", "--seconds", str(DEMO_SECONDS), "--every", "5",
              "--db", url], env, DEMO_SECONDS + 120,
             lambda o: None if len(re.findall(r"answered \d+", o)) >= 2
             else "fewer than 2 summary lines")
        png = out_dir / "console_frozen.png"
        png.unlink(missing_ok=True)
        step("screenshot console", [cli, "screenshot", "console", "--db", url,
                                    "--out", str(png)], env, 180,
             lambda o: png_blank(png))
        day = dt.date.today().isoformat()
        reports = out_dir / "report"
        shutil.rmtree(reports, ignore_errors=True)
        step("report daily (PDF by the child process)",
             [cli, "report", "daily", "--db", url, "--date", day, "--out", str(reports)],
             env, 240, lambda o: _pdf_made(reports))
        # the windowed program: the demo's console window (its alert sounds load Qt
        # Multimedia, as a shift leader's console does) for a few seconds
        if sys.platform == "win32" and os.environ.get("CI", "").lower() != "true":
            # its window keeps its settings in the user's registry (QSettings), which no
            # private folder redirects: only on a throwaway CI machine
            print("--  seatwatchw demo skipped (Windows, not CI: the user's own settings)")
        else:
            windowed_demo(gui, url, env, tmp)
        step("seatwatchw --version", [gui, "--version"], env, 120,
             lambda o: None if (not o.strip() and sys.platform == "win32")
             or o.strip().split()[-1:] == [version] else f"expected version {version}")
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def windowed_demo(gui: str, url: str, env: dict[str, str], home: Path) -> None:
    """The windowed program: the demo's console window for a few seconds (its alert
    sounds load Qt Multimedia, as a shift leader's console does)."""
    earlier = set(home.rglob("demo-*.log"))
    step("seatwatchw demo (window, sounds)", [gui, "demo", "--seconds", "8", "--db", url],
         env, 180, lambda o: _sounds_loaded(o, set(home.rglob("demo-*.log")) - earlier))


SOUND_PROBLEMS = ("alert sounds are off", "No QtMultimedia backends found")


def _sounds_loaded(output: str, logs: set[Path]) -> str | None:
    """Qt Multimedia and its backend loaded: nothing said otherwise on the output
    (empty on Windows, where the windowed program has none) or in the demo's log."""
    if not logs:
        return "the windowed demo wrote no log file"
    text = output + "".join(p.read_text("utf-8", "replace") for p in logs)
    for problem in SOUND_PROBLEMS:
        if problem in text:
            return f"the sounds cannot play: {problem!r}"
    return None


def _pdf_made(folder: Path) -> str | None:
    pdfs = list(folder.glob("*.pdf")) if folder.is_dir() else []
    if not pdfs:
        return f"no PDF in {folder}"
    data = pdfs[0].read_bytes()
    if not data.startswith(b"%PDF") or len(data) < 5000:
        return f"{pdfs[0]} is not a whole PDF ({len(data)} bytes)"
    return None


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description="smoke-test the frozen Seatwatch programs")
    ap.add_argument("bundle", type=Path, help="the bundle folder (…/Seatwatch)")
    ap.add_argument("--out", type=Path, required=True, help="where the PNG and PDF are kept")
    a = ap.parse_args(argv)
    for name in (f"seatwatch{EXE}", f"seatwatchw{EXE}"):
        if not (a.bundle / name).is_file():
            print(f"smoke: {a.bundle / name}: not found (is {a.bundle} the bundle folder?)",
                  file=sys.stderr)
            return 2
    t0 = time.monotonic()
    try:
        smoke(a.bundle.resolve(), a.out.resolve())
    except Failed as e:
        print(str(e), end="", file=sys.stderr)
        return 1
    print(f"smoke test passed in {time.monotonic() - t0:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
