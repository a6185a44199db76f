"""``python -m console`` runs the command line, and the sub-commands share
``console/cli_common.py`` instead of looking for ``console.cli`` in
``sys.modules["__main__"]`` (issue #15, step 5)."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def _run(module: str, *args: str, home: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "XDG_DATA_HOME": str(home / "d"), "XDG_CONFIG_HOME": str(home / "c"),
           "PYTHONPATH": os.pathsep.join(
               [str(ROOT), *filter(None, [os.environ.get("PYTHONPATH")])])}
    return subprocess.run([sys.executable, "-m", module, *args], capture_output=True,
                          text=True, timeout=120, env=env, cwd=ROOT)


def test_python_m_console_runs_the_command_line(tmp_path: Path) -> None:
    r = _run("console", "--help", home=tmp_path)
    assert r.returncode == 0, r.stderr
    assert r.stdout.startswith("usage: seatwatch")
    assert "alerts" in r.stdout and "telephony" in r.stdout


@pytest.mark.parametrize("module", ["console", "console.cli"])
def test_a_sub_command_error_is_one_line_whichever_way_it_started(
        module: str, tmp_path: Path) -> None:
    # the error class a sub-command raises is the one main() catches: under
    # ``python -m console.cli`` that used to need the __main__ lookup
    r = _run(module, "alerts", "--db", "", home=tmp_path)
    assert r.returncode == 1
    lines = r.stderr.strip().splitlines()
    assert len(lines) == 1, r.stderr
    assert lines[0].startswith("seatwatch: error: ") and "--db" in lines[0]
    assert "Traceback" not in r.stderr


def test_no_console_module_looks_for_main_in_sys_modules() -> None:
    guard = re.compile(r'^\s*if __name__ == "__main__":\s*$')
    offenders = []
    for path in sorted((ROOT / "console").rglob("*.py")):
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if ("__main__" in line and not guard.match(line)) or "sys.modules" in line:
                offenders.append(f"{path.relative_to(ROOT)}:{n}: {line.strip()}")
    assert offenders == []


def test_console_cli_still_exports_what_the_sub_commands_share() -> None:
    from console import cli, cli_common

    for name in ("CliError", "say", "error_line", "open_db", "EXIT_ERROR", "EXIT_USAGE"):
        assert getattr(cli, name) is getattr(cli_common, name)
