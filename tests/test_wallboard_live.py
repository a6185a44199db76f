"""The wall as a user starts it (issue #12 item 1): ``seatwatch wallboard`` in a real
X window beside a live floor host, captured from the X screen.

``seatwatch wallboard`` once raised ``QT_MAX_CACHED_GLYPH_SIZE``; with it, Qt drew
no glyph larger than 64 px, so the live wall had no big numbers while the
screenshot path (``seatwatch screenshot wallboard``) — and so the README and the
suite — looked right. Here the real start-up code runs as its own process on its
own Xvfb screen, and the ink in the big-number band of the captured screen is
compared with the same page rendered through the screenshot path from the same
floor.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from PySide6.QtGui import QColor, QImage

from console.screenshot import render
from models.db import engine as dbengine
from models.db import store
from models.domain.types import FloorEvent
from tests.helpers import wait_until

pytestmark = pytest.mark.slow
ROOT = Path(__file__).resolve().parent.parent

GRAB = ("import sys\n"
        "from PySide6.QtGui import QGuiApplication\n"
        "app = QGuiApplication(sys.argv)\n"
        "sys.exit(0 if app.primaryScreen().grabWindow(0).save(sys.argv[1]) else 1)\n")


def child_env(**extra: str) -> dict[str, str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT), **extra}
    env.pop("QT_MAX_CACHED_GLYPH_SIZE", None)  # nothing inherited: the wall's own start-up
    return env


def stop(p: subprocess.Popen[bytes]) -> None:
    if p.poll() is None:
        p.terminate()
        try:
            p.wait(10)
        except subprocess.TimeoutExpired:
            p.kill()
            p.wait(5)


@pytest.fixture
def xvfb_bin() -> str:
    if sys.platform != "linux":  # the Windows workflow (issue #19): X is Linux's
        pytest.skip("Xvfb is an X server: these tests run on Linux")
    exe = shutil.which("Xvfb")
    if exe is None:
        if os.environ.get("CI") == "true":
            pytest.fail("Xvfb is not installed: tests/run.sh installs the xvfb package")
        pytest.skip("Xvfb is not installed (apt-get install xvfb)")
    return exe


class Xvfb:
    """An X screen of its own: Xvfb picks a free display number (-displayfd)."""

    def __init__(self, exe: str, size: tuple[int, int], log: Path) -> None:
        r, w = os.pipe()
        with log.open("ab") as f:
            self.proc = subprocess.Popen(
                [exe, "-displayfd", str(w), "-screen", "0", f"{size[0]}x{size[1]}x24",
                 "-nolisten", "tcp"], pass_fds=(w,), stdout=f, stderr=subprocess.STDOUT)
        os.close(w)
        try:
            got = b""
            end = time.monotonic() + 15
            while not got.endswith(b"\n") and time.monotonic() < end:
                chunk = os.read(r, 16)
                if not chunk:
                    break
                got += chunk
        finally:
            os.close(r)
        if not got.strip():
            stop(self.proc)
            raise AssertionError(f"Xvfb did not start: {log.read_text(errors='replace')}")
        self.display = f":{got.decode().strip()}"

    def grab(self, out: Path) -> QImage:
        subprocess.run([sys.executable, "-c", GRAB, str(out)], check=True, timeout=30,
                       env=child_env(DISPLAY=self.display, QT_QPA_PLATFORM="xcb"),
                       capture_output=True)
        img = QImage(str(out))
        assert not img.isNull(), out
        return img


def a_floor(url: str) -> None:
    """A fixed floor (the host adds only heartbeats), so the live wall and the screenshot
    show the same numbers: answered and abandoned calls, IVR-only, agents in states."""
    eng = dbengine.make_engine(url)
    now = datetime.now(UTC).replace(microsecond=0) - timedelta(seconds=30)
    agents = [f"{1001 + i}" for i in range(8)]
    evs = [FloorEvent("floor_setup", now, {
        "groups": [{"id": "G1", "name": "一班"}], "queues": [{"id": "Q1", "name": "12345热线"}],
        "agents": [{"id": a, "name": f"坐席{a}", "group": "G1"} for a in agents]})]
    evs += [FloorEvent("agent_state", now, {"agent": a, "state": "ready"}) for a in agents]
    t = now
    for i in range(12):
        t += timedelta(seconds=1)
        call = f"C{i}"
        evs.append(FloorEvent("call_queued", t, {"call": call, "queue": "Q1"}))
        if i % 4 == 3:
            evs.append(FloorEvent("call_abandoned", t + timedelta(seconds=1), {"call": call}))
        else:
            agent = agents[i % 3]
            evs += [FloorEvent("call_offered", t, {"call": call, "agent": agent}),
                    FloorEvent("call_answered", t + timedelta(seconds=1),
                               {"call": call, "agent": agent}),
                    FloorEvent("call_ended", t + timedelta(seconds=2),
                               {"call": call, "agent": agent})]
    evs.append(FloorEvent("agent_state", t + timedelta(seconds=3),
                          {"agent": agents[5], "state": "away", "reason": "meal"}))
    store.FloorWriter(eng, "test:live-wall").append(evs)
    eng.dispose()


@pytest.fixture
def floor_host(db_url: str, tmp_path: Path) -> Iterator[str]:
    """``seatwatch service --source none`` on the floor: the lease, heartbeats, alerts."""
    a_floor(db_url)
    log = tmp_path / "host.log"
    with log.open("ab") as f:
        host = subprocess.Popen([sys.executable, "-m", "console.cli", "service", "--db", db_url,
                                 "--source", "none"], cwd=ROOT, env=child_env(),
                                stdout=f, stderr=subprocess.STDOUT)
    eng = dbengine.make_engine(db_url)
    try:
        def fresh() -> bool:
            assert host.poll() is None, log.read_text(errors="replace")
            with eng.connect() as c:
                age, _now = store.heartbeat_age(c)
            return age is not None and age < 2.0

        wait_until(fresh, "the floor host's heartbeat", 30)
        yield db_url
    finally:
        eng.dispose()
        stop(host)


def band_ink(img: QImage) -> float:
    """The share of pixels in the overview's big-number band (its two rows of tiles,
    from the header to the agents row) that stand out from the tiles' own colours."""
    w, h = img.width(), img.height()
    u = h / 100.0
    top, bottom = int(8.2 * u), int(68.9 * u)
    plain = [QColor("#1b2027"), QColor("#0f1216")]  # the dark theme's panel and background
    ink = total = 0
    step = max(1, h // 540)  # every other pixel at 4K: the same share, a quarter of the work
    for y in range(top, bottom, step):
        for x in range(0, w, step):
            c = img.pixelColor(x, y)
            total += 1
            if all(abs(c.red() - p.red()) + abs(c.green() - p.green())
                   + abs(c.blue() - p.blue()) > 90 for p in plain):
                ink += 1
    return ink / total


@pytest.mark.parametrize("size", [(1920, 1080), (3840, 2160)], ids=["1080p", "4k"])
def test_the_live_wall_draws_its_big_numbers_as_the_screenshot_does(
        floor_host: str, xvfb_bin: str, tmp_path: Path, size: tuple[int, int]) -> None:
    url = floor_host
    # the screenshot path, from the same floor, at the same size and theme
    eng = dbengine.make_engine(url)
    ref_png = render("wallboard", eng, tmp_path / "screenshot.png", size=size, lang="zh_CN",
                     theme="dark", page="overview")
    eng.dispose()
    reference = band_ink(QImage(str(ref_png)))
    assert reference > 0.04, f"the screenshot's band has almost no ink ({reference:.3f})"

    x = Xvfb(xvfb_bin, size, tmp_path / "xvfb.log")
    wall_log = tmp_path / "wall.log"
    try:
        with wall_log.open("ab") as f:
            # as a user starts it: the entry point, a real X display, nothing offscreen
            env = child_env(DISPLAY=x.display, QT_QPA_PLATFORM="xcb")
            wall = subprocess.Popen([sys.executable, "-m", "console.cli", "wallboard", "--db",
                                     url, "--page", "overview"], cwd=ROOT, env=env,
                                    stdout=f, stderr=subprocess.STDOUT)
        try:
            seen: list[float] = []

            def like_the_screenshot() -> bool:
                assert wall.poll() is None, wall_log.read_text(errors="replace")
                seen.append(band_ink(x.grab(tmp_path / "live.png")))
                return abs(seen[-1] - reference) <= 0.25 * reference

            try:
                wait_until(like_the_screenshot, "the live wall's big numbers", 30)
            except AssertionError:
                raise AssertionError(
                    f"the live wall's number band at {size[0]}x{size[1]} has ink "
                    f"{[f'{s:.3f}' for s in seen]}, the screenshot's {reference:.3f}: "
                    f"big numbers are missing (live capture: {tmp_path / 'live.png'})"
                ) from None
        finally:
            stop(wall)
    finally:
        stop(x.proc)
