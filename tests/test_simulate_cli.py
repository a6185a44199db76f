"""``seatwatch simulate`` and ``demo`` from the command line, on both engines."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
import sqlalchemy as sa

from console.cli import main
from models.db import engine as dbengine

ROOT = Path(__file__).resolve().parent.parent


def test_simulate_fills_history_and_prints_kpis(db_url: str,
                                                capsys: pytest.CaptureFixture[str]) -> None:
    rc = main(["simulate", "--db", db_url, "--agents", "30", "--hours", "4", "--seed", "7",
               "--start", "2026-03-02T08:00:00+08:00", "--json"])
    assert rc == 0
    k = json.loads(capsys.readouterr().out)
    assert set(k) == {"offered", "answered", "abandoned", "ivr_only", "service_level",
                      "sl_threshold_s", "answer_rate", "asa_s", "p_wait", "aht_s",
                      "occupancy"}
    assert k["offered"] > 500 and k["answered"] > 0 and k["ivr_only"] > 0
    assert k["offered"] == k["answered"] + k["abandoned"] + k["ivr_only"] or \
        k["offered"] > k["answered"] + k["abandoned"] + k["ivr_only"]  # a few still waiting
    for f in ("service_level", "answer_rate", "occupancy"):
        assert 0.0 < k[f] <= 1.0
    assert k["sl_threshold_s"] == 20.0
    eng = dbengine.make_engine(db_url)
    with eng.connect() as c:
        n = c.execute(sa.text("SELECT count(*) FROM call_record")).scalar_one()
        intervals = c.execute(sa.text("SELECT count(*) FROM agent_interval")).scalar_one()
    eng.dispose()
    assert n >= k["answered"] + k["abandoned"]  # history is a query, not a replay
    assert intervals > 30
    # the floor's clock is the simulation's end: snapshot shows that moment
    assert main(["snapshot", "--db", db_url, "--json"]) == 0
    snap = json.loads(capsys.readouterr().out)
    assert snap["at"].startswith("2026-03-02T12:00:00")


def test_a_second_simulate_continues_after_the_first(sqlite_url: str,
                                                     capsys: pytest.CaptureFixture[str]) -> None:
    args = ["simulate", "--db", sqlite_url, "--agents", "10", "--hours", "1", "--json"]
    assert main([*args, "--start", "2026-03-02T09:00:00+08:00"]) == 0
    assert main([*args, "--start", "2026-03-02T09:30:00+08:00"]) == 1  # overlaps: refused
    assert "already holds floor events" in capsys.readouterr().err
    assert main([*args, "--start", "2026-03-02T10:00:00+08:00"]) == 0  # ids do not clash


def test_simulate_rejects_bad_arguments(sqlite_url: str, tmp_path: Path,
                                        capsys: pytest.CaptureFixture[str]) -> None:
    bad = tmp_path / "profile.json"
    bad.write_text("[1, 2, 3]", encoding="utf-8")
    assert main(["simulate", "--db", sqlite_url, "--agents", "5", "--hours", "1",
                 "--profile", str(bad)]) == 1
    assert "须为含 24 个非负权重的 JSON 列表" in capsys.readouterr().err
    assert main(["simulate", "--db", sqlite_url, "--agents", "5", "--hours", "1",
                 "--start", "yesterday"]) == 1
    assert "--start：不是 ISO 8601 时间" in capsys.readouterr().err


def test_demo_runs_on_the_embedded_default_and_prints_the_floor(tmp_path: Path) -> None:
    r = subprocess.run([sys.executable, "-m", "console.cli", "demo", "--headless", "--agents", "20",
                        "--every", "1", "--seconds", "6"], cwd=ROOT, capture_output=True,
                       text=True, timeout=120)
    assert r.returncode == 0, r.stderr
    lines = [ln for ln in r.stdout.splitlines() if "waiting" in ln]
    assert lines, r.stdout
    assert "STALE" not in lines[-1]  # the in-process host beats: the floor is live
    assert (dbengine.data_dir() / "seatwatch.db").exists()
