"""A dialog's status line, coloured from the theme in force (issue #15 step 2).

Eight dialogs used to colour their errors with a fixed ``#c62828``: readable on the
light theme, a dull smear on the dark one. :class:`StatusLine` takes its colours from
:func:`views.theme.current` and follows a theme change while it is shown.
"""

from __future__ import annotations

from enum import Enum

from PySide6.QtCore import QEvent, Qt
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


def paint(label: QLabel, tone: Tone, *, bold: bool = False) -> None:
    """Colour any label by tone, from the theme in force."""
    c = tone_colour(tone)
    style = f"color: {c};" if c else ""
    if bold:
        style += " font-weight: bold;"
    label.setStyleSheet(style.strip())


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

    def changeEvent(self, e: QEvent) -> None:
        # the theme is switched by the application's palette: colour again from it
        if e.type() in (QEvent.Type.PaletteChange, QEvent.Type.ApplicationPaletteChange):
            c = tone_colour(self._tone)
            want = f"color: {c};" if c else ""
            if self.styleSheet() != want:
                self.setStyleSheet(want)
        super().changeEvent(e)
