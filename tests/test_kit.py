"""The GUI kit (issue #15 step 2): a status line coloured by the theme in force, and
the one row table-model base keeping a reader's selection across a refresh."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any
from zoneinfo import ZoneInfo

from PySide6.QtCore import QDate, QItemSelectionModel, Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QApplication, QWidget

from views import theme as themes
from views.kit.dates import clock_text, from_qdate, month_end, to_qdate
from views.kit.status import StatusLine, Tone
from views.kit.table import RowTableModel, make_table


def _colour(label: StatusLine) -> QColor | None:
    css = label.styleSheet()
    if "color:" not in css:
        return None
    return QColor(css.split("color:")[1].split(";")[0].strip())


def test_status_line_error_is_the_themes_red_and_follows_a_theme_change(qtbot: Any) -> None:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    themes.apply(app, themes.DARK)
    try:
        # inside a dialog, as every status line is: a child with a style sheet is not
        # told of the application's new palette by Qt itself
        host = QWidget()
        qtbot.addWidget(host)
        line = StatusLine(host)
        host.show()
        line.fail("数据库不可用")
        # the dark theme's red is light enough to read on a dark window; the old fixed
        # #c62828 was not
        assert _colour(line) == themes.DARK.red
        assert _colour(line) != QColor("#c62828")
        themes.apply(app, themes.LIGHT)
        QApplication.processEvents()
        assert _colour(line) == themes.LIGHT.red
        assert line.tone is Tone.ERROR
        line.say("已保存")
        assert _colour(line) is None
    finally:
        themes.apply(app, themes.LIGHT)


def test_status_line_tones_are_distinct_in_both_themes(qtbot: Any) -> None:
    from views.kit.status import tone_colour
    for th in (themes.LIGHT, themes.DARK):
        cs = {tone_colour(t, th) for t in (Tone.OK, Tone.WARN, Tone.ERROR, Tone.QUIET)}
        assert len(cs) == 4 and None not in cs
        assert tone_colour(Tone.PLAIN, th) is None
    # an error on the dark window is lighter than the window itself
    assert QColor(tone_colour(Tone.ERROR, themes.DARK)).lightness() > themes.DARK.window.lightness()


@dataclass(frozen=True)
class _Row:
    id: str
    n: int


class _Model(RowTableModel):
    COLUMNS = 2

    def key(self, item: Any) -> Any:
        return item.id

    def header(self, section: int) -> str | None:
        return ("id", "n")[section]

    def cell(self, item: Any, col: int, role: int) -> Any:
        if role == Qt.ItemDataRole.DisplayRole:
            return (item.id, str(item.n))[col]
        return None


def test_same_keys_keep_the_selection_new_keys_reset(qtbot: Any) -> None:
    host = QWidget()
    qtbot.addWidget(host)
    m = _Model()
    t = make_table(host, "t", m)
    m.set_rows([_Row("a", 1), _Row("b", 2), _Row("c", 3)])
    t.selectionModel().select(m.index(1, 0), QItemSelectionModel.SelectionFlag.ClearAndSelect
                              | QItemSelectionModel.SelectionFlag.Rows)
    resets: list[int] = []
    m.modelReset.connect(lambda: resets.append(1))
    m.set_rows([_Row("a", 10), _Row("b", 20), _Row("c", 30)])
    assert not resets
    assert [i.row() for i in t.selectionModel().selectedRows()] == [1]
    assert m.data(m.index(1, 1)) == "20"
    assert m.replace(_Row("c", 99)) == 2 and m.data(m.index(2, 1)) == "99"
    assert m.replace(_Row("zz", 0)) is None
    m.set_rows([_Row("x", 1)])
    assert resets and not t.selectionModel().selectedRows()
    assert m.headerData(1, Qt.Orientation.Horizontal) == "n"
    assert m.headerData(2, Qt.Orientation.Horizontal) is None
    assert m.data(m.index(5, 0)) is None


def test_dates() -> None:
    assert from_qdate(to_qdate(date(2026, 2, 28))) == date(2026, 2, 28)
    assert to_qdate(date(2024, 2, 29)) == QDate(2024, 2, 29)
    assert month_end(date(2024, 2, 3)) == date(2024, 2, 29)
    assert month_end(date(2026, 12, 31)) == date(2026, 12, 31)
    sh = ZoneInfo("Asia/Shanghai")
    t = datetime(2026, 12, 6, 16, 30, tzinfo=UTC)  # 00:30 on the 7th in Beijing
    assert clock_text(t, sh, date(2026, 12, 7)) == "00:30"
    assert clock_text(t, sh, date(2026, 12, 6)) == "12-07 00:30"
    assert clock_text(None, sh, date(2026, 12, 6)) == "—"
