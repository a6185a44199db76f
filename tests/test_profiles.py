"""Saved connection profiles (profiles.toml, issue #15): written by a TOML writer, so
any name it accepts round-trips and never corrupts the others; names ``--db`` could
not select are refused in one line; a corrupt file names its line."""

from __future__ import annotations

import io
from typing import Any

import pytest

from console.cli import main
from models.db import engine as dbengine

URL = "postgresql://sw@db.floor:5432/seatwatch"


@pytest.mark.parametrize("name", ['二"楼', "a\\b", "a'b", "[x]", "#1 楼层", "a.b", "x = 1"])
def test_any_sensible_name_round_trips_and_keeps_the_others(name: str) -> None:
    dbengine.save_profile("floor", URL)
    dbengine.save_profile(name, URL.replace("db.floor", "db.other"))
    assert dbengine.load_profiles() == {"floor": URL, name: URL.replace("db.floor", "db.other")}
    assert dbengine.resolve(name).host == "db.other"


@pytest.mark.parametrize(("name", "why"), [
    ("", "must not be empty"),
    ("x" * 65, "must be at most 64 characters"),
    ("a\nb", "must not contain control or invisible characters"),
    ("a\tb", "must not contain control or invisible characters"),
    ("a\u200bb", "must not contain control or invisible characters"),
    (" floor", "must not begin or end with a space"),
    ("pg://x", "must not contain ://"),
    ("-floor", "must not begin with -"),
])
def test_a_name_it_cannot_hold_is_refused_naming_it(name: str, why: str,
                                                     memory_keyring: Any) -> None:
    dbengine.save_profile("floor", URL)
    before = dbengine.profiles_path().read_bytes()
    with pytest.raises(dbengine.DbError) as ei:
        dbengine.save_profile(name, "postgresql://sw:pw@db.floor/seatwatch")
    msg = str(ei.value)
    assert msg.startswith(f"Profile name {name!r}: ") and why in msg and "\n" not in msg
    assert dbengine.profiles_path().read_bytes() == before  # nothing half-written
    assert all(k[1] != f"db:{name}" for k in memory_keyring.store)  # nor its password


def test_a_corrupt_file_is_one_line_naming_the_file_and_the_line() -> None:
    dbengine.save_profile("floor", URL)
    path = dbengine.profiles_path()
    # what the f-string writer made of the name 二"楼 before issue #15
    path.write_text(path.read_text(encoding="utf-8") + '\n[profiles."二"楼"]\nurl = "x"\n',
                    encoding="utf-8")
    lines = path.read_text(encoding="utf-8").splitlines()
    bad = next(i for i, s in enumerate(lines, 1) if "楼" in s)
    with pytest.raises(dbengine.DbError) as ei:
        dbengine.load_profiles()
    msg = str(ei.value)
    assert msg.startswith(f"{path} line {bad}: not valid TOML (") and "\n" not in msg
    with pytest.raises(dbengine.DbError, match=f"line {bad}"):
        dbengine.resolve("floor")
    with pytest.raises(dbengine.DbError, match=f"line {bad}"):  # and is not overwritten
        dbengine.save_profile("other", URL)


def test_an_entry_without_a_url_is_skipped_not_the_whole_file(
        caplog: pytest.LogCaptureFixture) -> None:
    dbengine.save_profile("floor", URL)
    path = dbengine.profiles_path()
    path.write_text(path.read_text(encoding="utf-8") + '\n[profiles.broken]\nurl = 5\n',
                    encoding="utf-8")
    assert dbengine.load_profiles() == {"floor": URL}
    assert "'broken' has no url text" in caplog.text


def test_cli_saves_a_quoted_name_and_refuses_a_bad_one(
        capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["db", "save-profile", '二"楼', URL]) == 0
    assert main(["db", "save-profile", "a\tb", URL]) == 1
    err = capsys.readouterr().err
    assert err.startswith("seatwatch: error: ") and err.count("\n") == 1 and "'a\\tb'" in err
    assert dbengine.load_profiles() == {'二"楼': URL}


def test_set_password_refuses_a_name_save_profile_would_refuse(
        capsys: pytest.CaptureFixture[str], memory_keyring: Any,
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("sys.stdin", io.StringIO("pw\n"))
    assert main(["db", "set-password", "a\tb"]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "'a\\tb'" in err
    assert not memory_keyring.store  # nothing stored for a profile that cannot exist
