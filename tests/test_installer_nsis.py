"""The Windows installer (issue #19), checked on Linux: Debian's makensis compiles
installer/seatwatch.nsi against a stand-in payload through installer/make_setup.sh
(with -WX, so a warning fails here before the Windows workflow), and the result is a
Windows program that carries the payload, the uninstaller and pyproject's version.

makensis and 7z come from tests/run.sh (Debian's nsis and p7zip-full): a missing tool
is a failure, never a skip.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
MAKE = ROOT / "installer" / "make_setup.sh"

#: what the frozen bundle holds (installer/seatwatch.spec): the installer must carry
#: both programs and the uninstaller it writes
PROGRAMS = ("seatwatch.exe", "seatwatchw.exe")


def _tool(name: str) -> str:
    exe = shutil.which(name)
    if exe is None:
        pytest.fail(f"{name} is not installed: tests/run.sh installs it (Debian's "
                    f"{'nsis' if name == 'makensis' else 'p7zip-full'} package)")
    return exe


def _build(tree: Path, out: Path, *payload: str) -> subprocess.CompletedProcess[str]:
    _tool("makensis")
    return subprocess.run(["bash", str(tree / "installer" / "make_setup.sh"), *payload, str(out)],
                          capture_output=True, text=True, timeout=300)


def _copy_tree(dst: Path) -> Path:
    """The parts of the checkout the installer is built from, to change in a test."""
    shutil.copytree(ROOT / "installer", dst / "installer")
    (dst / "resources" / "icons").mkdir(parents=True)
    shutil.copy(ROOT / "resources" / "icons" / "seatwatch.ico", dst / "resources" / "icons")
    shutil.copy(ROOT / "pyproject.toml", dst / "pyproject.toml")
    return dst


def _version() -> str:
    import tomllib

    return str(tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))["project"]["version"])


@pytest.fixture(scope="module")
def setup_exe(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("setup") / "Seatwatch-setup.exe"
    r = _build(ROOT, out, "--stand-in")
    assert r.returncode == 0, f"makensis failed:\n{r.stdout}\n{r.stderr}"
    return out


def test_the_script_compiles_to_a_windows_program(
        setup_exe: Path, record_property: Callable[[str, object], None]) -> None:
    data = setup_exe.read_bytes()
    assert data[:2] == b"MZ", "not a Windows executable"
    pe = int.from_bytes(data[0x3C:0x40], "little")
    assert data[pe:pe + 4] == b"PE\0\0", "no PE header"
    size = len(data)
    record_property("setup_bytes", size)
    # the NSIS stub with MUI2, nsDialogs and nsExec is ~190 KB; a stand-in payload adds
    # almost nothing. Far outside this range something else got packed (or nothing did).
    assert 120_000 < size < 2_000_000, f"{size} bytes"


def _resource_string(data: bytes, key: str) -> str | None:
    """A StringFileInfo value of the version resource (UTF-16, after its key and padding)."""
    m = re.search(re.escape(f"{key}\0".encode("utf-16-le")) + rb"(?:\0\0)*((?:[^\0].|\0[^\0])+?)\0\0",
                  data, re.S)
    return m.group(1).decode("utf-16-le") if m else None


def test_the_version_resource_is_pyprojects(setup_exe: Path) -> None:
    data = setup_exe.read_bytes()
    assert _resource_string(data, "ProductVersion") == _version()
    assert _resource_string(data, "ProductName") == "坐席值班长控制台"


def test_the_installer_carries_the_payload_and_the_uninstaller(setup_exe: Path) -> None:
    r = subprocess.run([_tool("7z"), "l", "-slt", str(setup_exe)], capture_output=True,
                       text=True, timeout=120)
    assert r.returncode == 0, r.stderr
    names = {line[len("Path = "):].replace("\\", "/") for line in r.stdout.splitlines()
             if line.startswith("Path = ")}
    for name in (*PROGRAMS, "uninstall.exe", "_internal/python312.dll",
                 "_internal/PySide6/plugins/platforms/qwindows.dll"):
        assert name in names, f"{name} is not in the installer: {sorted(names)}"
    assert "SubType = NSIS-3 Unicode" in r.stdout, "not a Unicode NSIS 3 installer"


def test_a_changed_version_in_pyproject_reaches_the_setup(tmp_path: Path) -> None:
    tree = _copy_tree(tmp_path / "tree")
    py = tree / "pyproject.toml"
    py.write_text(re.sub(r'(?m)^version = "[^"]+"', 'version = "7.8.9"', py.read_text("utf-8")),
                  "utf-8")
    out = tmp_path / "Seatwatch-setup.exe"
    r = _build(tree, out, "--stand-in")
    assert r.returncode == 0, r.stderr
    assert "7.8.9" in r.stdout
    assert _resource_string(out.read_bytes(), "ProductVersion") == "7.8.9"


def test_a_warning_in_the_script_fails_the_build(tmp_path: Path) -> None:
    tree = _copy_tree(tmp_path / "tree")
    nsi = tree / "installer" / "seatwatch.nsi"
    # an unused variable is a makensis warning (6001): with -WX the build must stop
    nsi.write_text(nsi.read_text("utf-8-sig") + "\nVar NeverUsed\n", "utf-8-sig")
    out = tmp_path / "Seatwatch-setup.exe"
    r = _build(tree, out, "--stand-in")
    assert r.returncode != 0, "a warning did not fail the build"
    assert "warning" in (r.stdout + r.stderr).lower()
    assert not out.exists()


def test_a_folder_that_is_not_a_frozen_bundle_is_refused_in_one_line(tmp_path: Path) -> None:
    bundle = tmp_path / "Seatwatch"
    (bundle / "_internal").mkdir(parents=True)
    (bundle / "seatwatch.exe").write_bytes(b"MZ")
    r = _build(ROOT, tmp_path / "out.exe", str(bundle))
    assert r.returncode == 1
    err = r.stderr.strip().splitlines()
    assert err == [f"make_setup.sh: {bundle} has no seatwatchw.exe: not a frozen Seatwatch folder"]


def test_a_real_payload_folder_is_packed_as_it_is(tmp_path: Path) -> None:
    bundle = tmp_path / "Seatwatch"
    (bundle / "_internal" / "deep").mkdir(parents=True)
    for name in (*PROGRAMS, "_internal/deep/marker-4711.txt"):
        (bundle / name).write_text(name, "utf-8")
    out = tmp_path / "Seatwatch-setup.exe"
    r = _build(ROOT, out, str(bundle))
    assert r.returncode == 0, r.stderr
    listing = subprocess.run([_tool("7z"), "l", str(out)], capture_output=True, text=True,
                             timeout=120).stdout
    assert "marker-4711.txt" in listing
    assert "python312.dll" not in listing, "the stand-in payload was packed instead"
