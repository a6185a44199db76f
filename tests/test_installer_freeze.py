"""The frozen programs (issue #19): installer/seatwatch.spec freezes one bundle with
two programs, installer/smoke.py runs them, installer/build.sh does both.

The slow test freezes for real (about 40 s) and smoke-tests the bundle (about 40 s)
as the Windows workflow does; the fast ones check the entry's few decisions.
"""

from __future__ import annotations

import importlib.util
import os
import shutil
import subprocess
import sys
import tomllib
import zlib
from pathlib import Path
from types import ModuleType

import pytest

ROOT = Path(__file__).resolve().parent.parent
INSTALLER = ROOT / "installer"


def _version() -> str:
    with open(ROOT / "pyproject.toml", "rb") as f:
        return str(tomllib.load(f)["project"]["version"])


def _entry() -> ModuleType:
    spec = importlib.util.spec_from_file_location("seatwatch_entry", INSTALLER / "entry.py")
    assert spec is not None and spec.loader is not None
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def test_the_report_pdf_child_is_the_bundles_console_program() -> None:
    """Frozen, sys.executable is the program itself; the PDF's child must be the console-
    subsystem one (the windowed one has no stdout on Windows to write the PDF to)."""
    from console.report_pdf import child_command

    assert child_command("/opt/Seatwatch/seatwatchw", frozen=True) == \
        ["/opt/Seatwatch/seatwatch", "-m", "console.report_pdf"]
    assert child_command("/opt/Seatwatch/seatwatchw.exe", frozen=True) == \
        ["/opt/Seatwatch/seatwatch.exe", "-m", "console.report_pdf"]
    assert child_command("/usr/bin/python3", frozen=False) == \
        ["/usr/bin/python3", "-m", "console.report_pdf"]


def test_the_entry_makes_the_report_pdf_when_run_as_its_child() -> None:
    """``<program> -m console.report_pdf``: HTML in, the PDF out (what the frozen
    program does when a report is made)."""
    r = subprocess.run([sys.executable, str(INSTALLER / "entry.py"), "-m", "console.report_pdf",
                        "--title", "日报"],
                       input="<h1>坐席运营日报</h1><p>接听 12</p>".encode(), capture_output=True,
                       timeout=120, env={**os.environ, "QT_QPA_PLATFORM": "offscreen",
                                         "PYTHONPATH": str(ROOT)})
    assert r.returncode == 0, r.stderr.decode(errors="replace")[-600:]
    assert r.stdout.startswith(b"%PDF") and len(r.stdout) > 1000


def test_the_windowed_program_without_arguments_opens_the_console(
        monkeypatch: pytest.MonkeyPatch) -> None:
    """A shortcut starts seatwatchw with no arguments: the console on this PC's default
    connection (the first-run wizard on a new PC); the command-line program without
    arguments stays the command line."""
    from console import cli

    entry = _entry()
    calls: list[list[str]] = []

    def fake_main(args: list[str]) -> int:
        calls.append(list(args))
        return 0

    monkeypatch.setattr(cli, "main", fake_main)
    monkeypatch.setattr(sys, "argv", ["seatwatchw"])
    monkeypatch.setattr(sys, "executable", str(Path("/opt/Seatwatch/seatwatchw.exe")))
    assert entry.main() == 0
    monkeypatch.setattr(sys, "executable", str(Path("/opt/Seatwatch/seatwatch")))
    assert entry.main() == 0
    monkeypatch.setattr(sys, "argv", ["seatwatchw", "wallboard", "--db", "floor"])
    monkeypatch.setattr(sys, "executable", str(Path("/opt/Seatwatch/seatwatchw")))
    assert entry.main() == 0
    assert calls == [["console"], [], ["wallboard", "--db", "floor"]]


def test_the_windowed_program_prints_without_stdout(monkeypatch: pytest.MonkeyPatch) -> None:
    """On Windows the windowed program has no sys.stdout/sys.stderr (None): printing
    the version must not raise."""
    entry = _entry()
    monkeypatch.setattr(sys, "stdout", None)
    monkeypatch.setattr(sys, "stderr", None)
    monkeypatch.setattr(sys, "argv", ["seatwatchw", "--version"])
    monkeypatch.setattr(sys, "executable", "/opt/Seatwatch/seatwatchw")
    with pytest.raises(SystemExit) as e:
        entry.main()
    assert e.value.code in (0, None)
    for stream in (sys.stdout, sys.stderr):  # the entry's os.devnull, closed here
        assert stream is not None
        stream.close()


def _colours(png: Path) -> int:
    """How many distinct colours an 8-bit RGB/RGBA PNG (as Qt writes it) has: a blank
    or one-colour window has one or two, a drawn console hundreds."""
    data = png.read_bytes()
    assert data.startswith(b"\x89PNG\r\n\x1a\n")
    pos, idat, w, h, bpp = 8, b"", 0, 0, 0
    while pos < len(data):
        n = int.from_bytes(data[pos:pos + 4], "big")
        tag, body = data[pos + 4:pos + 8], data[pos + 8:pos + 8 + n]
        if tag == b"IHDR":
            w, h = int.from_bytes(body[:4], "big"), int.from_bytes(body[4:8], "big")
            assert body[8] == 8 and body[9] in (2, 6) and body[12] == 0
            bpp = 3 if body[9] == 2 else 4
        elif tag == b"IDAT":
            idat += body
        pos += 12 + n
    raw, stride = zlib.decompress(idat), w * bpp
    prev, colours = bytearray(stride), set[bytes]()
    for y in range(h):
        f, line = raw[y * (stride + 1)], bytearray(raw[y * (stride + 1) + 1:(y + 1) * (stride + 1)])
        for x in range(stride):
            a = line[x - bpp] if x >= bpp else 0
            b, c = prev[x], prev[x - bpp] if x >= bpp else 0
            if f == 1:
                line[x] = (line[x] + a) & 255
            elif f == 2:
                line[x] = (line[x] + b) & 255
            elif f == 3:
                line[x] = (line[x] + (a + b) // 2) & 255
            elif f == 4:
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                line[x] = (line[x] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
        if y % 8 == 0:
            colours.update(bytes(line[i:i + 3]) for i in range(0, stride, bpp * 4))
        prev = line
    return len(colours)


def _pyz_modules(exe: Path) -> set[str]:
    from PyInstaller.archive.readers import CArchiveReader

    pkg = CArchiveReader(str(exe))
    return {name.split(".")[0] for name in pkg.open_embedded_archive("PYZ.pyz").toc}


@pytest.mark.slow
def test_build_freezes_both_programs_and_the_smoke_test_passes(tmp_path: Path) -> None:
    """installer/build.sh as CI runs it: freeze, smoke-test (version, db upgrade, the
    headless demo, a screenshot, a report PDF through the child, the windowed demo with
    its sounds), and what is in the bundle."""
    pytest.importorskip("PyInstaller")
    r = subprocess.run(["bash", str(INSTALLER / "build.sh"), "--dist", str(tmp_path)],
                       capture_output=True, text=True, timeout=900, cwd=ROOT)
    out = r.stdout + r.stderr
    assert r.returncode == 0, out[-3000:]
    bundle = tmp_path / "Seatwatch"
    exe = ".exe" if sys.platform == "win32" else ""
    assert (bundle / f"seatwatch{exe}").is_file() and (bundle / f"seatwatchw{exe}").is_file()
    assert "smoke test passed" in r.stdout
    assert "seatwatch --version" in r.stdout
    png = tmp_path / "smoke" / "console_frozen.png"
    assert png.is_file() and _colours(png) > 50
    assert list((tmp_path / "smoke" / "report").glob("*.pdf"))
    # the version the frozen program printed is pyproject's
    v = subprocess.run([str(bundle / f"seatwatch{exe}"), "--version"], capture_output=True,
                       text=True, timeout=60)
    assert v.stdout.split()[-1] == _version()

    internal = bundle / "_internal"
    migrations = internal / "models" / "db" / "migrations"
    shipped = {p.name for p in (ROOT / "models/db/migrations/versions").glob("*.py")}
    assert shipped and shipped <= {p.name for p in (migrations / "versions").glob("*.py")}
    assert (migrations / "env.py").is_file() and (migrations / "script.py.mako").is_file()
    assert list((internal / "resources" / "translations").glob("*.qm"))

    # NTFS does not tell Seatwatch.exe from seatwatch.exe: no two names differ by case
    seen: dict[str, str] = {}
    clashes = []
    for p in bundle.rglob("*"):
        rel = str(p.relative_to(bundle))
        if rel.lower() in seen:
            clashes.append((seen[rel.lower()], rel))
        seen[rel.lower()] = rel
    assert not clashes

    # what the product never imports is not in the bundle, as files or as modules
    excluded = {"scipy", "pytest", "_pytest", "hypothesis", "tkinter", "_tkinter",
                "matplotlib", "IPython", "pandas", "PyQt5", "PyQt6", "PySide2", "yaml",
                "pygments"}
    top = {p.name.split(".")[0] for p in internal.iterdir()}
    assert not excluded & top
    modules = _pyz_modules(bundle / f"seatwatch{exe}")
    # the reader sees the archive; the director's charts (pyqtgraph, numpy) are in it
    assert {"console", "views", "models", "pyqtgraph", "numpy"} <= modules
    assert not excluded & modules
    translations = [p.name for p in (internal / "PySide6" / "Qt" / "translations").glob("*.qm")]
    assert "qtbase_zh_CN.qm" in translations
    assert all("_zh_CN" in n for n in translations)

    if sys.platform.startswith("linux"):
        # every library left in the bundle finds what it links (a plugin whose library
        # was dropped from the bundle would not load)
        env = {**os.environ, "LD_LIBRARY_PATH": f"{internal}:{internal / 'PySide6/Qt/lib'}"}
        missing = []
        for so in internal.rglob("*.so*"):
            if so.is_symlink() or not so.is_file():
                continue
            ldd = subprocess.run(["ldd", str(so)], capture_output=True, text=True, env=env,
                                 timeout=60)
            missing += [f"{so.name}: {line.strip()}" for line in ldd.stdout.splitlines()
                        if "not found" in line]
        assert not missing, missing[:10]
    # 380 MB with the build's work folder: not kept once everything passed
    shutil.rmtree(bundle)
    shutil.rmtree(tmp_path / ".work", ignore_errors=True)
