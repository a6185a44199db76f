"""One decoder for every file Seatwatch reads (issue #15): UTF-8 with or without a
BOM, else GB18030 — GBK's superset, which holds the rare hanzi of names like 王䶮
that GBK lacks — and Big5 mojibake refused; each refusal one line naming the file."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from console.cli import main
from models.domain import floorsetup, shiftimport
from models.domain import wallboard_layout as wl
from models.domain.textfile import TextFileError, decode_text
from models.sim import scenario as sc
from tests.test_scenario import EXAMPLE

RARE = "王䶮"  # 䶮 (U+4DAE) is in GB18030, not in GBK


def test_the_rare_name_is_really_outside_gbk() -> None:
    # guards the tests below: a GBK decoder refuses these bytes
    with pytest.raises(UnicodeEncodeError):
        RARE.encode("gbk")
    with pytest.raises(UnicodeDecodeError):
        RARE.encode("gb18030").decode("gbk")


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gbk", "gb18030"])
def test_utf8_with_or_without_bom_gbk_and_gb18030_read_alike(encoding: str) -> None:
    text = "单位,负责人,电话\r\n市政局,王局长,139\r\n"
    assert decode_text(text.encode(encoding), "x.csv") == text


def test_a_gb18030_name_reads_right() -> None:
    text = f"姓名\n{RARE}\n张三\n"
    assert decode_text(text.encode("gb18030"), "x.csv") == text


@pytest.mark.parametrize(("raw", "why"), [
    ("类型,工号\n".encode("utf-16"), "neither UTF-8 nor GBK text"),
    ("類型,工號,姓名,班組\n坐席,1001,張三,G1\n坐席,1002,陳大文,G1\n".encode("big5"),
     "the text reads as garbled characters"),
])
def test_what_is_not_text_is_one_line_naming_the_file(raw: bytes, why: str) -> None:
    with pytest.raises(TextFileError) as ei:
        decode_text(raw, "/data/名单.csv")
    msg = str(ei.value)
    assert msg.startswith("/data/名单.csv: ") and why in msg and "\n" not in msg
    assert ei.value.msg.context in ("Cli", "FloorFile")  # translated where it is shown


def test_a_floor_csv_saved_as_gb18030_reads_the_rare_name(tmp_path: Path) -> None:
    path = tmp_path / "floor.csv"
    path.write_bytes(f"类型,工号,姓名,班组\n班组,G1,一班,\n坐席,1001,{RARE},G1\n"
                     "坐席,1002,张三,G1\n".encode("gb18030"))
    setup = floorsetup.read(path)
    assert setup.errors == [] and [a.name for a in setup.agents] == [RARE, "张三"]


def test_a_roster_csv_saved_as_gb18030_reads(tmp_path: Path) -> None:
    path = tmp_path / "holidays.csv"
    path.write_bytes("日期,名称,类型\n2026-10-01,国庆节,holiday\n".encode("gb18030"))
    res = shiftimport.read_holiday_csv(path)
    assert not res.errors


def test_a_scenario_saved_as_gbk_reads_as_the_utf8_one(tmp_path: Path) -> None:
    utf8, gbk = tmp_path / "utf8.json", tmp_path / "gbk.json"
    text = json.dumps(EXAMPLE, ensure_ascii=False)
    utf8.write_text(text, encoding="utf-8")
    gbk.write_bytes(text.encode("gbk"))
    assert sc.load(gbk) == sc.load(utf8)


def test_a_layout_saved_as_gb18030_reads(tmp_path: Path) -> None:
    path = tmp_path / "wall.toml"
    path.write_bytes(f'title = "{RARE}的大屏"\n'.encode("gb18030"))
    assert wl.load(path).title == f"{RARE}的大屏"
    path.write_bytes('title = "大屏"\n'.encode("utf-16"))
    with pytest.raises(wl.LayoutError) as ei:
        wl.load(path)
    assert str(ei.value) == f"{path}: neither UTF-8 nor GBK text"


def test_a_policy_saved_as_gb18030_validates(tmp_path: Path,
                                            capsys: pytest.CaptureFixture[str]) -> None:
    from importlib import resources

    text = resources.files("resources").joinpath("policy.toml").read_text(encoding="utf-8")
    path = tmp_path / "policy.toml"
    path.write_bytes(text.replace('name = "白班"', f'name = "{RARE}班"').encode("gb18030"))
    assert main(["policy", "validate", str(path)]) == 0
    path.write_bytes(text.encode("utf-16"))
    capsys.readouterr()
    assert main(["policy", "validate", str(path)]) == 1
    err = capsys.readouterr().err
    assert err == f"seatwatch: error: {path}：既不是 UTF-8 也不是 GBK 文本\n"


@settings(max_examples=200, deadline=None, database=None)
@given(st.binary(max_size=200) | st.text(max_size=60).map(lambda t: t.encode("utf-8")))
def test_any_bytes_decode_or_are_one_error(raw: bytes) -> None:
    """Whatever is in a file: text, or a TextFileError naming it — never another error."""
    try:
        text = decode_text(raw, "f.csv")
    except TextFileError as e:
        assert str(e).startswith("f.csv: ") and "\n" not in str(e)
    else:
        assert isinstance(text, str)
