"""The AMI load run, short (issue #14): the code of ``tests/perf/bench_ami_load.py`` for
30 s at one new call a second on 50 members in 5 queues of a real Asterisk, followed
by a real ``seatwatch service --source ami`` process, on SQLite and PostgreSQL. Every
call Asterisk handled is in ``call_record`` once with its outcome, the counts equal
Asterisk's own queue statistics, and the console's snapshot follows within the
latency target. Marked slow (about a minute per database)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.perf.bench_ami_load import run_load

pytestmark = pytest.mark.slow


def test_short_load_run_every_call_once_and_counts_as_asterisk(
        asterisk_prefix: Path, db_url: str, tmp_path: Path) -> None:
    res = run_load(asterisk_prefix, tmp_path / "asterisk", db_url, rate=1.0, seconds=30.0,
                   talk_s=8.0, impatient=0.2)
    report = res.report()
    assert res.originated >= 30, report
    assert res.missing == [] and res.doubled == [], report + res.host_log
    assert res.records == res.originated == res.joined, report
    assert res.counts_match, report
    assert res.rejected == 0, report
    assert res.pct(95) <= 300.0, report
