"""Benchmark: drawing the trends page (issue #17 target: any chart over a whole year
at any granularity drawn in ≤ 1 s, query + plot; this measures the plot half — the
query half is tests/perf/bench_trends.py's).

A year of buckets (hour: 8,760; day: 365; week: 53; month: 12) with a compared
year under them, fed to a TrendsPage of 1920×1080 that already exists (plots are
created once): the time from ``show_data`` to the window painted (a ``grab``).
Prints p50/p95/max wall time over ``--runs`` draws per granularity, the process's
CPU time p50/p95 (what the draw costs, whatever else the machine runs), and the
load average before and after (the machine is shared: read the figures against it).

``--png DIR`` also saves the last frame of each granularity (and a month by day,
March, the drill-down's view) as ``DIR/{lang}-{case}.png`` to look at.

    QT_QPA_PLATFORM=offscreen python tests/perf/bench_director.py [--runs 20] \
        [--png DIR] [--lang zh_CN|en] [--theme dark|light]
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import time
from datetime import date
from pathlib import Path
from typing import Any, cast
from zoneinfo import ZoneInfo

from PySide6.QtWidgets import QApplication

from models.domain.kpi import KpiCounts
from models.domain.policy import DEFAULT_BANDS
from models.domain.rollup import next_bucket
from models.domain.trend_data import Bucket, Trends, TrendSeries, bucket_starts
from models.domain.trends import TrendFilter
from views import theme as themes
from views.director.charts import TrendsPage

SH = ZoneInfo("Asia/Shanghai")
#: (name, this period, the compared one, granularity)
CASES = (
    ("year-by-hour", (date(2026, 1, 1), date(2026, 12, 31)),
     (date(2025, 1, 1), date(2025, 12, 31)), "hour"),
    ("year-by-day", (date(2026, 1, 1), date(2026, 12, 31)),
     (date(2025, 1, 1), date(2025, 12, 31)), "day"),
    ("year-by-week", (date(2026, 1, 1), date(2026, 12, 31)),
     (date(2025, 1, 1), date(2025, 12, 31)), "week"),
    ("year-by-month", (date(2026, 1, 1), date(2026, 12, 31)),
     (date(2025, 1, 1), date(2025, 12, 31)), "month"),
    ("month-by-day", (date(2026, 3, 1), date(2026, 3, 31)),
     (date(2025, 3, 1), date(2025, 3, 31)), "day"),
)


def series(flt: TrendFilter, rng: random.Random) -> TrendSeries:
    out = []
    for s in bucket_starts(flt, SH):
        offered = rng.randint(50, 2000)
        answered = int(offered * rng.uniform(0.7, 0.95))
        ab = offered - answered
        c = KpiCounts(offered=offered, answered=answered, answered_in_sl=int(answered * 0.85),
                      abandoned=ab, wait_answered_s=answered * rng.uniform(5, 40),
                      handled=answered, talk_s=answered * 240.0, acw_s=answered * 30.0,
                      busy_s=3600.0 * 200, ready_s=3600.0 * rng.uniform(20, 150))
        out.append(Bucket(s, next_bucket(s, flt.by), c))
    return TrendSeries(flt, tuple(out))


class _Null:
    def trends(self, *_a: Any) -> Any:
        raise AssertionError("not asked")

    def export_xlsx(self, *_a: Any) -> Any:
        raise AssertionError("not asked")


def _load() -> str:
    return "/".join(f"{v:.1f}" for v in os.getloadavg())


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=20)
    ap.add_argument("--png", type=Path, default=None)
    ap.add_argument("--lang", choices=("zh_CN", "en"), default="zh_CN")
    ap.add_argument("--theme", choices=tuple(themes.THEMES), default="dark")
    ap.add_argument("--only", default=None, help="one case, e.g. year-by-hour")
    a = ap.parse_args()
    app = cast(QApplication, QApplication.instance() or QApplication([]))
    from console.ui import I18n

    I18n(app).install(a.lang)
    theme = themes.THEMES[a.theme]
    themes.apply(app, theme)
    page = TrendsPage(_Null(), theme)
    page.resize(1920, 1000)
    page.show()
    rng = random.Random(17)
    if a.png is not None:
        a.png.mkdir(parents=True, exist_ok=True)
    for name, (first, last), (ofirst, olast), by in CASES:
        if a.only and name != a.only:
            continue
        flt = TrendFilter(first, last, by)
        old = TrendFilter(ofirst, olast, by)
        data = [Trends(series(flt, rng), series(old, rng), "last_year", 20.0, SH,
                       {k: DEFAULT_BANDS[k] for k in ("service_level", "answer_rate")})
                for _ in range(3)]
        before = _load()
        times, cpu = [], []
        for i in range(a.runs):
            t0, c0 = time.perf_counter(), time.process_time()
            page.show_data(data[i % 3])
            app.processEvents()
            page.grab()
            times.append(time.perf_counter() - t0)
            cpu.append(time.process_time() - c0)
        times.sort()
        cpu.sort()
        p95 = times[min(len(times) - 1, int(0.95 * len(times)))]
        cpu95 = cpu[min(len(cpu) - 1, int(0.95 * len(cpu)))]
        print(f"{name:13s} {len(data[0].series.buckets):5d} buckets: p50 "
              f"{statistics.median(times) * 1000:.0f} ms, p95 {p95 * 1000:.0f} ms, "
              f"max {times[-1] * 1000:.0f} ms; cpu p50 {statistics.median(cpu) * 1000:.0f}"
              f" ms, p95 {cpu95 * 1000:.0f} ms  (load {before} → {_load()})", flush=True)
        if a.png is not None:
            page.point_at(len(data[0].series.buckets) // 3)
            app.processEvents()
            page.grab().save(str(a.png / f"{a.lang}-{name}.png"))


if __name__ == "__main__":
    main()
