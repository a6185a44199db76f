"""A report file is written whole or not at all (the brief: nothing half-written)."""

from __future__ import annotations

from pathlib import Path

import pytest
from openpyxl import Workbook, load_workbook

from models.reports.files import save_workbook, write_whole


def test_a_write_that_fails_halfway_leaves_the_earlier_file_and_no_debris(
        tmp_path: Path) -> None:
    out = tmp_path / "plan.xlsx"
    wb = Workbook()
    wb.active["A1"] = "上月计划"
    save_workbook(wb, out)

    def half(tmp: Path) -> None:
        tmp.write_bytes(b"PK\x03\x04 half a workbook")
        raise OSError(28, "No space left on device")

    with pytest.raises(OSError, match="No space"):
        write_whole(out, half)
    assert load_workbook(out).active["A1"].value == "上月计划"  # the earlier file, whole
    assert [p.name for p in tmp_path.iterdir()] == ["plan.xlsx"]  # no temporary left


def test_a_new_workbook_replaces_the_old_one_in_one_step(tmp_path: Path) -> None:
    out = tmp_path / "sub" / "league.xlsx"
    for text in ("一月", "二月"):
        wb = Workbook()
        wb.active["A1"] = text
        assert save_workbook(wb, out) == out
    assert load_workbook(out).active["A1"].value == "二月"
    assert [p.name for p in out.parent.iterdir()] == ["league.xlsx"]
