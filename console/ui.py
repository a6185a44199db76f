"""Preparing the Qt user interface: the application object, the translations and
the theme, installed before the first window (the sign-in included).

Named ``ui`` rather than ``i18n``: besides the translators it applies the theme
and creates the ``QApplication`` — everything a window needs before it opens, for
the console, the wall screen and ``seatwatch screenshot`` alike, without importing
the console's composition root (:mod:`console.app`).
"""

from __future__ import annotations

import gc
import logging
import sys
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QSettings, QSize, QTimer, QTranslator
from PySide6.QtGui import QGuiApplication, QIcon
from PySide6.QtWidgets import QApplication

from views import theme as themes

log = logging.getLogger(__name__)

LANGUAGES = ("zh_CN", "en")


def translations_dir() -> Path:
    from importlib import resources

    return Path(str(resources.files("resources").joinpath("translations")))


class I18n:
    """Installs the app's and Qt's own translators; Chinese is the default (brief)."""

    def __init__(self, app: QCoreApplication) -> None:
        self.app = app
        self._installed: list[QTranslator] = []
        self.language = "zh_CN"
        self.installed = False

    def install(self, lang: str) -> None:
        if lang not in LANGUAGES:
            raise ValueError(f"unknown language {lang!r} (zh_CN or en)")
        for t in self._installed:
            self.app.removeTranslator(t)
        self._installed = []
        self.language = lang
        self.installed = True
        if lang != "en":  # the source strings are English
            self._install_tables(lang)
        # the name the taskbar, Alt+Tab and the window frames show (issue #19)
        if isinstance(self.app, QGuiApplication):  # a headless command has no taskbar
            self.app.setApplicationDisplayName(QCoreApplication.translate("App", "Seatwatch"))

    def _install_tables(self, lang: str) -> None:
        ours = QTranslator(self.app)
        path = translations_dir() / f"seatwatch_{lang}.qm"
        if not ours.load(str(path)):
            log.error("translation file %s missing: texts stay English", path)
        else:
            self.app.installTranslator(ours)
            self._installed.append(ours)
        qt = QTranslator(self.app)
        if qt.load(f"qtbase_{lang}", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)):
            self.app.installTranslator(qt)
            self._installed.append(qt)


def prepare_ui(app: QApplication, settings: QSettings, language: str | None = None,
               theme_name: str | None = None, i18n: I18n | None = None
               ) -> tuple[I18n, themes.Theme]:
    """Language and theme from the command line, else the saved choice (Chinese and
    light by default): installed before the first dialog, the sign-in included."""
    i18n = i18n or I18n(app)
    lang = language or str(settings.value("ui/language", "zh_CN"))
    lang = lang if lang in LANGUAGES else "zh_CN"
    if i18n.language != lang or not i18n.installed:
        i18n.install(lang)
    tname = theme_name or str(settings.value("ui/theme", "light"))
    theme = themes.THEMES.get(tname, themes.LIGHT)
    themes.apply(app, theme)
    return i18n, theme


ICON_SIZES = (16, 24, 32, 48, 64, 128, 256)


def app_icon() -> QIcon:
    """Seatwatch's icon at every size drawn (resources/icons, made by make_icons.py)."""
    from importlib import resources

    icon = QIcon()
    folder = Path(str(resources.files("resources").joinpath("icons")))
    for size in ICON_SIZES:
        icon.addFile(str(folder / f"seatwatch-{size}.png"), QSize(size, size))
    return icon


def _windows_taskbar_identity() -> None:
    """On Windows, a program run by python.exe is grouped under Python's icon on the
    taskbar unless it names its own application id (the frozen .exe needs it too, so
    its windows group with its shortcuts)."""
    if sys.platform != "win32":
        return
    import contextlib
    import ctypes

    # an old or unusual shell: the default grouping
    with contextlib.suppress(AttributeError, OSError):
        ctypes.windll.shell32.SetCurrentProcessExplicitAppUserModelID("Seatwatch.Seatwatch")


#: how often the objects that have lived so long are set aside from the garbage
#: collector's full collections (issue #20; milliseconds). Every 30 s left the floor
#: loaded at start-up unfrozen long enough for one 90–110 ms collection in the
#: benchmark's first minute; a freeze costs nothing, so every 10 s
FREEZE_EVERY_MS = 10_000


def _short_collections(app: QApplication) -> None:
    """Keep Python's full collections short in every window (issue #20).

    A full collection walks every object the collector tracks: with a 2,000-agent
    floor in memory that took 80–120 ms, a stall of the console's GUI thread and two
    missed frames of the wall's ticker, about once a minute. Every ``FREEZE_EVERY_MS``
    the objects alive then are frozen (``gc.freeze``, a constant-time move), so a
    full collection walks only what has lived less than that. Frozen objects are still
    freed when their last reference goes (the floor states the feed replaces, the
    rows a view drops); only a reference cycle among them would stay, and the views'
    cycles are the widgets', which live as long as the window (the benchmarks print
    what the collector finds in cycles)."""
    timer = QTimer(app)
    timer.setInterval(FREEZE_EVERY_MS)
    timer.timeout.connect(gc.freeze)
    timer.start()


def qt_app(argv: list[str] | None = None) -> QApplication:
    existing = QApplication.instance()
    if isinstance(existing, QApplication):
        return existing
    app = QApplication(argv or sys.argv[:1])
    # the live SL forecast and the feed run on worker threads (pure Python): with the
    # default 5 ms switch interval each GIL hand-back to the GUI thread can wait 5 ms,
    # which stretched a wall frame of 12 ms of CPU to 60 ms (issue #20); 1 ms keeps the
    # painter waiting less, at a few more thread switches a second. Here, so that every
    # window and the benchmarks that start through qt_app() run with it.
    sys.setswitchinterval(0.001)
    _short_collections(app)
    app.setOrganizationName("Seatwatch")
    app.setApplicationName("Seatwatch")
    # the window's, the taskbar's and the Alt+Tab icon (issue #19); the frozen .exe
    # carries the same drawing for Explorer and the shortcuts
    app.setWindowIcon(app_icon())
    _windows_taskbar_identity()
    from console.crashlog import attach_gui

    attach_gui(app)  # a GUI program's uncaught exception: the crash dialog (issue #19)
    return app
