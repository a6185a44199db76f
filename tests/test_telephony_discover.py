"""``seatwatch telephony discover`` and ``telephony test`` against a real Asterisk (issue #14):
IT's path from an Asterisk it has never mapped to a mapping the floor host can use."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from console import cli
from models.telephony.mapping import parse_toml


def _secret(memory_keyring: Any, peer: Any, secret: str | None = None) -> None:
    memory_keyring.store[("seatwatch", f"ami:{peer.user}@{peer.host}")] = secret or peer.secret


def test_discover_writes_a_mapping_that_applies_and_tests_clean(
        asterisk_factory: Any, memory_keyring: Any, sqlite_url: str, tmp_path: Path,
        capsys: pytest.CaptureFixture[str]) -> None:
    peer = asterisk_factory(queues=2, agents_per_queue=2)
    peer.client.call("QueuePause", {"Queue": "q1", "Interface": "Local/8001@agents/n",
                                    "Paused": "true", "Reason": "小休"})
    _secret(memory_keyring, peer)
    out = tmp_path / "floor.toml"
    assert cli.main(["telephony", "discover", "--host", peer.host, "--port", str(peer.port),
                     "--user", peer.user, "--out", str(out)]) == 0
    said = capsys.readouterr().out
    assert "Asterisk Call Manager/" in said and str(out) in said
    m = parse_toml(out.read_text(encoding="utf-8"), str(out))
    assert [q.asterisk for q in m.queues] == ["q1", "q2"]
    # 工号 = the digits of the member name ("Agent 8001")
    assert sorted(a.agent for a in m.agents) == ["8001", "8002", "8011", "8012"]
    assert m.agent_for("Local/8011@agents/n").agent == "8011"  # type: ignore[union-attr]
    assert m.reason_for("小休")[0] == "short_break"
    assert (m.ami.host, m.ami.port, m.ami.user) == (peer.host, peer.port, peer.user)
    assert peer.secret not in out.read_text(encoding="utf-8")
    # a second discover never overwrites IT's reviewed file by accident
    assert cli.main(["telephony", "discover", "--host", peer.host, "--port", str(peer.port),
                     "--user", peer.user, "--out", str(out)]) == 2
    assert "--force" in capsys.readouterr().err

    assert cli.main(["telephony", "apply", "--db", sqlite_url, str(out)]) == 0
    capsys.readouterr()
    assert cli.main(["telephony", "test", "--db", sqlite_url]) == 0
    said = capsys.readouterr().out
    assert "Asterisk Call Manager/" in said and "映射中没有" not in said
    assert said.count("已映射") == 6  # 2 queues + 4 members

    # a member the mapping does not know is named by `test`
    peer.client.call("QueueAdd", {"Queue": "q2", "Interface": "Local/8099@agents/n",
                                  "MemberName": "Agent 8099"})
    assert cli.main(["telephony", "test", "--db", sqlite_url]) == 0
    said = capsys.readouterr().out
    assert "Agent 8099" in said and "映射中没有" in said


def test_discover_and_test_fail_in_one_line(
        asterisk_factory: Any, memory_keyring: Any, sqlite_url: str, tmp_path: Path,
        capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    peer = asterisk_factory(queues=1, agents_per_queue=1)
    out = tmp_path / "floor.toml"
    args = ["telephony", "discover", "--host", peer.host, "--port", str(peer.port),
            "--user", peer.user, "--out", str(out)]
    monkeypatch.delenv("SEATWATCH_AMI_SECRET", raising=False)
    assert cli.main(args) == 1  # no secret anywhere: says how to set one
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "set-secret" in err
    _secret(memory_keyring, peer, "wrong-secret")
    assert cli.main(args) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and f"{peer.host}:{peer.port}" in err
    assert "wrong-secret" not in err and "Traceback" not in err
    assert not out.exists()  # nothing half-written
    assert cli.main(["telephony", "test", "--db", sqlite_url]) == 1  # nothing applied yet
    assert "telephony apply" in capsys.readouterr().err


def test_the_readme_asks_for_exactly_the_ami_classes_the_tests_run_with() -> None:
    """The test peer's floor-host user has the README's manager.conf classes, so every
    telephony test proves the README's least privilege is enough (issue #14)."""
    from tests.asterisk_peer import PRODUCT_READ, PRODUCT_WRITE, ROOT

    text = (ROOT / "README.md").read_text(encoding="utf-8")
    block = text[text.index("[seatwatch]"):]
    read = block[block.index("read = ") + 7:].split("\n", 1)[0].strip()
    write = block[block.index("write = ") + 8:].split("\n", 1)[0].strip()
    assert (read, write) == (PRODUCT_READ, PRODUCT_WRITE)
