"""Light and dark themes: palette plus the floor's state and limit colours.

Colours are chosen to stay apart for the common colour-vision deficiencies
(state colours also differ in lightness) and to be calm for a whole shift.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication, QStyleFactory

from models.domain.limits import Level
from models.domain.types import AgentState


@dataclass(frozen=True)
class Theme:
    name: str
    window: QColor
    base: QColor
    alt_base: QColor
    text: QColor
    stale_text: QColor
    on_level: QColor
    states: dict[AgentState, QColor]
    warn: QColor
    over: QColor
    green: QColor
    amber: QColor
    red: QColor
    banner_bg: QColor
    banner_text: QColor
    #: the telephony-link banner (issue #14): a colour of its own, so "the phone
    #: system is not followed" never reads as "the database is not live" (pale red);
    #: deep and saturated, unlike the pale state colours of the tables
    link_bg: QColor
    link_text: QColor
    #: a table row waiting on the leader (unconfirmed, pending) and one breaking a
    #: rule (flagged): pale on the light theme, deep on the dark one; ``mark_text``
    #: is readable on both, ``mark_alert`` is the red that stays readable on them
    pending_bg: QColor
    flagged_bg: QColor
    mark_text: QColor
    mark_alert: QColor
    #: news that is neither good nor bad (a change not yet saved, an alert to hand
    #: over): blue, deep on the light theme and pale on the dark one (issue #15)
    info: QColor

    def state_colour(self, s: AgentState) -> QColor:
        return self.states[s]

    def level_colour(self, lvl: Level) -> QColor | None:
        return {Level.WARN: self.warn, Level.OVER: self.over}.get(lvl)

    def band_colour(self, band: str) -> QColor | None:
        return {"green": self.green, "amber": self.amber, "red": self.red}.get(band)


LIGHT = Theme(
    "light", QColor("#f4f5f7"), QColor("#ffffff"), QColor("#f7f8fa"), QColor("#1f2328"),
    QColor("#9aa0a6"), QColor("#ffffff"),
    {AgentState.LOGGED_OUT: QColor("#e3e5e8"), AgentState.READY: QColor("#cdeccf"),
     AgentState.RINGING: QColor("#fff0b3"), AgentState.TALKING: QColor("#c9def7"),
     AgentState.HOLD: QColor("#e2d4f5"), AgentState.AFTER_CALL: QColor("#d3eef0"),
     AgentState.AWAY: QColor("#f7dcc4")},
    QColor("#d98e04"), QColor("#c62828"), QColor("#2e7d32"), QColor("#b26a00"),
    QColor("#c62828"), QColor("#fdecea"), QColor("#8a1c1c"),
    QColor("#4a2c82"), QColor("#ffffff"),
    pending_bg=QColor("#fff3d6"), flagged_bg=QColor("#fde4e2"), mark_text=QColor("#212121"),
    mark_alert=QColor("#b71c1c"), info=QColor("#1565c0"))

DARK = Theme(
    "dark", QColor("#1e2126"), QColor("#25292f"), QColor("#2b3037"), QColor("#e6e8eb"),
    QColor("#6b717a"), QColor("#ffffff"),
    {AgentState.LOGGED_OUT: QColor("#3a3f46"), AgentState.READY: QColor("#24543a"),
     AgentState.RINGING: QColor("#6b5a12"), AgentState.TALKING: QColor("#1f4673"),
     AgentState.HOLD: QColor("#4b3a6e"), AgentState.AFTER_CALL: QColor("#1f5a5e"),
     AgentState.AWAY: QColor("#6b4322")},
    QColor("#b8860b"), QColor("#c62828"), QColor("#66bb6a"), QColor("#ffb74d"),
    QColor("#ef5350"), QColor("#5c1f1f"), QColor("#ffdede"),
    QColor("#5b3a9e"), QColor("#ffffff"),
    pending_bg=QColor("#4d3b0e"), flagged_bg=QColor("#4f1d1b"), mark_text=QColor("#f1f1f1"),
    mark_alert=QColor("#ff9e97"), info=QColor("#64b5f6"))

THEMES = {"light": LIGHT, "dark": DARK}


def apply(app: QApplication, theme: Theme) -> None:
    app.setStyle(QStyleFactory.create("Fusion"))
    p = QPalette()
    p.setColor(QPalette.ColorRole.Window, theme.window)
    p.setColor(QPalette.ColorRole.Base, theme.base)
    p.setColor(QPalette.ColorRole.AlternateBase, theme.alt_base)
    p.setColor(QPalette.ColorRole.Text, theme.text)
    p.setColor(QPalette.ColorRole.WindowText, theme.text)
    p.setColor(QPalette.ColorRole.Button, theme.window)
    p.setColor(QPalette.ColorRole.ButtonText, theme.text)
    p.setColor(QPalette.ColorRole.ToolTipBase, theme.base)
    p.setColor(QPalette.ColorRole.ToolTipText, theme.text)
    p.setColor(QPalette.ColorRole.PlaceholderText, theme.stale_text)
    p.setColor(QPalette.ColorGroup.Disabled, QPalette.ColorRole.Text, theme.stale_text)
    p.setColor(QPalette.ColorGroup.Disabled, QPalette.ColorRole.WindowText, theme.stale_text)
    p.setColor(QPalette.ColorGroup.Disabled, QPalette.ColorRole.ButtonText, theme.stale_text)
    app.setPalette(p)


def current(palette: QPalette | None = None) -> Theme:
    """The theme in force, read off a palette: a widget's own while it is told of a
    palette change (the application's may not be settled yet then), else the
    application's (a dialog need not be handed the theme to colour a line the way the
    rest of the window is)."""
    if palette is None:
        app = QApplication.instance()
        if not isinstance(app, QApplication):
            return LIGHT
        palette = app.palette()
    return DARK if palette.color(QPalette.ColorRole.Window).lightness() < 128 else LIGHT
