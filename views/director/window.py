"""The director's window (主任, issue #17): a filter bar over pages of history.

The filter bar makes one :class:`TrendFilter` (plus what to compare with); the
window hands it to the visible page only (``show_filter``), again when another
tab comes forward — a page not visible is not read. Pages come with
:meth:`add_page`; the trends page is the first. A drill-down from a page changes
the bar's range and granularity; Back (Alt+Left) returns to the filter before.
Export saves the visible page's chart as PNG and, for a page that has numbers to
save (``export_xlsx``), its numbers as .xlsx.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any, Protocol
from zoneinfo import ZoneInfo

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QMainWindow,
    QMenu,
    QSizePolicy,
    QTabWidget,
    QToolBar,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from models.domain.trends import TrendFilter
from views import theme as themes
from views.director import export
from views.director.charts import TrendsPage, TrendsSource
from views.director.filterbar import FilterBar
from views.kit import dialogs
from views.kit.pending import Pending
from views.kit.status import StatusLine

BACK_SHORTCUT = "Alt+Left"


class DirectorSource(TrendsSource, Protocol):
    def choices(self, owner: QObject) -> Pending: ...



class DirectorWindow(QMainWindow):
    #: "guide" or "about" (issue #19): Help in the toolbar, F1; the console opens them
    help_requested = Signal(str)

    def __init__(self, source: DirectorSource, now: Callable[[], datetime],
                 theme: themes.Theme | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.now = now
        self.setObjectName("directorWindow")
        self.source = source
        self.theme = theme or themes.current()
        self.history: list[tuple[TrendFilter, str]] = []
        self._titles: list[tuple[QWidget, Callable[[], str]]] = []
        central = QWidget(self)
        lay = QVBoxLayout(central)
        lay.setContentsMargins(4, 0, 4, 0)
        self.filter_bar = FilterBar(now().astimezone().date(), central)
        lay.addWidget(self.filter_bar)
        self.tabs = QTabWidget(central)
        lay.addWidget(self.tabs, 1)
        self.status = StatusLine(central, "directorStatus")
        lay.addWidget(self.status)
        self.setCentralWidget(central)
        self.toolbar = QToolBar(self)
        self.toolbar.setObjectName("directorToolbar")
        self.toolbar.setMovable(False)
        self.addToolBar(self.toolbar)
        self.back_action = QAction(self)
        self.back_action.setObjectName("back")
        self.back_action.setShortcut(QKeySequence(BACK_SHORTCUT))
        self.back_action.triggered.connect(self.back)
        self.back_action.setEnabled(False)
        self.png_action = QAction(self)
        self.png_action.setObjectName("exportPng")
        self.png_action.triggered.connect(self.export_png)
        self.xlsx_action = QAction(self)
        self.xlsx_action.setObjectName("exportXlsx")
        self.xlsx_action.triggered.connect(self.export_xlsx)
        self.refresh_action = QAction(self)
        self.refresh_action.setObjectName("refresh")
        self.refresh_action.setShortcut(QKeySequence(QKeySequence.StandardKey.Refresh))
        self.refresh_action.triggered.connect(self.refresh)
        for a in (self.back_action, self.refresh_action, self.png_action, self.xlsx_action):
            self.toolbar.addAction(a)
        # issue #19: a small 帮助 at the toolbar's end (the window has no menu bar)
        self.guide_action = QAction(self)
        self.guide_action.setObjectName("helpGuide")
        self.guide_action.setShortcut(QKeySequence(QKeySequence.StandardKey.HelpContents))
        self.guide_action.triggered.connect(lambda _=False: self.help_requested.emit("guide"))
        self.about_action = QAction(self)
        self.about_action.setObjectName("helpAbout")
        self.about_action.triggered.connect(lambda _=False: self.help_requested.emit("about"))
        self.addAction(self.guide_action)  # F1 wherever the focus is in the window
        self.help_menu = QMenu(self)
        self.help_menu.addActions([self.guide_action, self.about_action])
        spacer = QWidget(self.toolbar)
        spacer.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self.toolbar.addWidget(spacer)
        self.help_button = QToolButton(self.toolbar)
        self.help_button.setObjectName("helpButton")
        self.help_button.setMenu(self.help_menu)
        self.help_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.help_button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        self.toolbar.addWidget(self.help_button)
        self.trends = TrendsPage(source, self.theme, self.tabs)
        self.add_page(self.trends, lambda: QCoreApplication.translate("Director", "Trends"))
        self.trends.drill.connect(self.drill)
        self.filter_bar.changed.connect(self._filter_changed)
        self.tabs.currentChanged.connect(self._tab_changed)
        #: the export dialogs' seam (tests answer it)
        self.ask_path = dialogs.save_path
        self.retranslate()
        self.source.choices(self).done(self._got_choices).refused(self.status.fail).run()

    def retranslate(self) -> None:
        self.setWindowTitle(QCoreApplication.translate("Director", "Director's trends"))
        self.back_action.setText(QCoreApplication.translate("Director", "← Back"))
        self.back_action.setToolTip(QCoreApplication.translate(
            "Director", "Back to the range before (Alt+Left)"))
        self.refresh_action.setText(QCoreApplication.translate("Director", "Refresh"))
        self.refresh_action.setToolTip(QCoreApplication.translate(
            "Director", "Read the figures again (the newest intervals close every 15 minutes)"))
        for page, title in self._titles:
            self.tabs.setTabText(self.tabs.indexOf(page), title())
        self.png_action.setText(QCoreApplication.translate("Director", "Save chart as PNG…"))
        self.xlsx_action.setText(QCoreApplication.translate("Director", "Save numbers as Excel…"))
        self.help_button.setText(QCoreApplication.translate("Director", "Help"))
        self.guide_action.setText(QCoreApplication.translate("Director", "User's guide"))
        self.about_action.setText(QCoreApplication.translate("Director", "About…"))

    def changeEvent(self, e: QEvent) -> None:  # noqa: N802 - Qt's name
        """A language switched in the console reaches this window too."""
        if e.type() == QEvent.Type.LanguageChange and hasattr(self, "trends"):
            self.retranslate()
            self.filter_bar.retranslate()
            self.trends.retranslate()
            if self.trends.data is not None:
                self.trends.show_data(self.trends.data)
        super().changeEvent(e)

    # ---- pages --------------------------------------------------------------------------

    def add_page(self, widget: QWidget, title: Callable[[], str]) -> int:
        """Append a page; it must have ``show_filter(flt)``. ``title`` gives the tab's
        text in the language in force (asked again on a language switch)."""
        self._titles.append((widget, title))
        return self.tabs.addTab(widget, title())

    def current_filter(self) -> TrendFilter | None:
        return self.filter_bar.current()

    def _tab_changed(self, _index: int) -> None:
        # a page with its own period (the assessment's month) hides the range it ignores
        page = self.tabs.currentWidget()
        self.filter_bar.setVisible(getattr(page, "uses_window_filter", True))
        self._actions()
        self.refresh()

    def _actions(self) -> None:
        """The toolbar as the visible page can use it: Back steps through the window's
        ranges (no use on a page with its own period), PNG needs a picture, Excel
        numbers of the page's own (the reports page has neither: its files are
        downloaded from its list)."""
        page: Any = self.tabs.currentWidget()
        uses = getattr(page, "uses_window_filter", True)
        self.back_action.setEnabled(uses and bool(self.history))
        self.png_action.setEnabled(getattr(page, "has_picture", True))
        self.xlsx_action.setEnabled(page is None or getattr(page, "has_picture", True)
                                    or any(hasattr(page, n) for n in
                                           ("save_xlsx", "export_xlsx", "export_plan")))

    def refresh(self) -> None:
        """Show the bar's filter on the visible page."""
        flt = self.filter_bar.current()
        page: Any = self.tabs.currentWidget()
        if flt is None or page is None:
            return
        if hasattr(page, "set_compare"):
            page.set_compare(self.filter_bar.compare())
        page.show_filter(flt)

    def _got_choices(self, choices: Any) -> None:
        self.filter_bar.set_choices(choices.queues, choices.groups)
        # the quick picks count days on the floor's clock, not this PC's
        self.filter_bar.today = self.now().astimezone(ZoneInfo(choices.tz)).date()
        for i in range(self.tabs.count()):  # pages that show times on the floor's clock
            page: Any = self.tabs.widget(i)
            if hasattr(page, "set_tz"):
                page.set_tz(ZoneInfo(choices.tz))

    def _filter_changed(self, _flt: TrendFilter, _compare: str) -> None:
        self.refresh()

    # ---- drill-down and back ----------------------------------------------------------------

    def drill(self, finer: TrendFilter) -> None:
        cur = self.filter_bar.current()
        if cur is not None:
            self.history.append((cur, self.filter_bar.compare()))
        self._actions()
        self.filter_bar.set_filter(finer)

    def back(self) -> None:
        if not self.history:
            return
        flt, compare = self.history.pop()
        self._actions()
        self.filter_bar.set_filter(flt, compare)

    # ---- export ---------------------------------------------------------------------------

    def _suggested(self, ext: str) -> str:
        flt = self.filter_bar.current()
        span = f"{flt.first}_{flt.last}" if flt is not None else ""
        return QCoreApplication.translate("Director", "trends_{span}").format(span=span) + f".{ext}"

    def export_png(self) -> None:
        page: Any = self.tabs.currentWidget()
        if page is None:
            return
        path = self.ask_path(self, QCoreApplication.translate(
            "Director", "Save chart as PNG"), self._suggested("png"),
                             QCoreApplication.translate("Director", "PNG image (*.png)"))
        if not path:
            return
        widget = page.chart_widget() if hasattr(page, "chart_widget") else page
        try:
            out = export.save_png(widget, path)
        except OSError as e:
            self.status.fail(QCoreApplication.translate(
                "Director", "Cannot write {path}: {error}").format(
                path=path, error=e.strerror or str(e)))
            return
        self.status.ok(QCoreApplication.translate("Director", "Saved {path}").format(path=out))

    def export_xlsx(self) -> None:
        """The visible page's numbers as .xlsx: the trends through this window's dialog;
        a page with an export of its own (the league table, the staffing plan) asks
        for its file itself."""
        page: Any = self.tabs.currentWidget()
        if page is not None and not hasattr(page, "save_xlsx"):
            own = getattr(page, "export_xlsx", None) or getattr(page, "export_plan", None)
            if own is not None:
                own()
                return
        if page is None or not hasattr(page, "save_xlsx"):
            self.status.warn(QCoreApplication.translate(
                "Director", "This page has no numbers to save."))
            return
        path = self.ask_path(self, QCoreApplication.translate(
            "Director", "Save numbers as Excel"), self._suggested("xlsx"),
                             QCoreApplication.translate("Director", "Excel workbook (*.xlsx)"))
        if not path:
            return
        if not path.lower().endswith(".xlsx"):
            path += ".xlsx"
        if not page.save_xlsx(path, self._saved, self.status.fail):
            self.status.warn(QCoreApplication.translate(
                "Director", "Nothing to save: this range has no figures."))

    def _saved(self, path: str) -> None:
        self.status.ok(QCoreApplication.translate("Director", "Saved {path}").format(path=path))

    def show_failure(self, text: str) -> None:
        self.status.fail(text)
