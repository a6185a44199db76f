"""A dialog's status line, coloured from the theme in force (issue #15 step 2).

Eight dialogs used to colour their errors with a fixed ``#c62828``: readable on the
light theme, a dull smear on the dark one. :class:`StatusLine` takes its colours from
:func:`views.theme.current` and follows a theme change while it is shown.
"""

from __future__ import annotations

import weakref
from enum import Enum

import shiboken6
from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt
from PySide6.QtWidgets import QLabel, QWidget

from views import theme as themes


class Tone(Enum):
    PLAIN = "plain"
    OK = "ok"
    WARN = "warn"
    ERROR = "error"
    QUIET = "quiet"
    #: neither good nor bad: a change not yet saved, an item to hand over
    INFO = "info"


def tone_colour(tone: Tone, theme: themes.Theme | None = None) -> str | None:
    """The colour (``#rrggbb``) of a tone in a theme, ``None`` for the plain text."""
    th = theme or themes.current()
    c = {Tone.OK: th.green, Tone.WARN: th.amber, Tone.ERROR: th.red,
         Tone.QUIET: th.stale_text, Tone.INFO: th.info}.get(tone)
    return None if c is None else c.name()


#: every label painted by tone, and how: coloured again when the theme changes (a
#: widget with a style sheet is not told of the application's new palette)
_PAINTED: weakref.WeakKeyDictionary[QLabel, tuple[Tone, bool]] = weakref.WeakKeyDictionary()


class _ThemeWatch(QObject):
    """Colours every painted label again when the application's palette changes
    (the theme switch sets it: :func:`views.theme.apply`)."""

    def eventFilter(self, obj: QObject, e: QEvent) -> bool:
        if obj is QCoreApplication.instance() \
                and e.type() == QEvent.Type.ApplicationPaletteChange:
            for label, (tone, bold) in list(_PAINTED.items()):
                if shiboken6.isValid(label):
                    _style(label, tone, bold)
        return False


_watch: _ThemeWatch | None = None


def _style(label: QLabel, tone: Tone, bold: bool) -> None:
    c = tone_colour(tone)
    style = f"color: {c};" if c else ""
    if bold:
        style += " font-weight: bold;"
    if label.styleSheet() != style.strip():
        label.setStyleSheet(style.strip())


def paint(label: QLabel, tone: Tone, *, bold: bool = False) -> None:
    """Colour any label by tone, from the theme in force, and again whenever the
    theme changes while the label lives."""
    global _watch
    app = QCoreApplication.instance()
    if _watch is None and app is not None:
        _watch = _ThemeWatch(app)
        app.installEventFilter(_watch)
    _PAINTED[label] = (tone, bold)
    _style(label, tone, bold)


class StatusLine(QLabel):
    """One line of news under a dialog's buttons: ``say`` (plain), ``ok``, ``warn``,
    ``fail``; ``clear``. Word-wrapped, selectable (a reason can be copied into a
    ticket to IT)."""

    def __init__(self, parent: QWidget | None = None, name: str = "status") -> None:
        super().__init__(parent)
        self.setObjectName(name)
        self.setWordWrap(True)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self._tone = Tone.PLAIN

    @property
    def tone(self) -> Tone:
        return self._tone

    def show_text(self, text: str, tone: Tone = Tone.PLAIN) -> None:
        self._tone = tone
        self.setText(text)
        paint(self, tone)

    def say(self, text: str) -> None:
        self.show_text(text, Tone.PLAIN)

    def ok(self, text: str) -> None:
        self.show_text(text, Tone.OK)

    def warn(self, text: str) -> None:
        self.show_text(text, Tone.WARN)

    def fail(self, text: str) -> None:
        self.show_text(text, Tone.ERROR)

    def clear(self) -> None:
        self.show_text("", Tone.PLAIN)
