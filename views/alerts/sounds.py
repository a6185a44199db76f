"""Sounds and tray notifications for new alerts (issue #4).

Qt Multimedia is imported the first time a sound is prepared, never at import
(issue #15: a PC without libpulse still runs the console, the wall and
``seatwatch screenshot``; tests/test_sound_optional.py).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, Qt, QUrl
from PySide6.QtGui import QColor, QFont, QIcon, QPainter, QPixmap
from PySide6.QtWidgets import QSystemTrayIcon, QWidget

from models.domain.alerts import Alert, Severity
from models.domain.floor import FloorState
from views import theme as themes
from views.alerts.describe import URGENT_RULES, sort_key
from views.kit.texts import rule_name

log = logging.getLogger(__name__)


def sounds_dir() -> Path:
    from importlib import resources

    return Path(str(resources.files("resources").joinpath("sounds")))


#: Qt Multimedia's QSoundEffect once looked for; False when it cannot be loaded
_sound_effect: Any = None


def sound_effect_class() -> Any:
    """QSoundEffect, imported the first time a sound is prepared, or None.

    Sound is optional (issue #15): Qt Multimedia needs libpulse on Linux, and a PC
    without it must still run the console, the wall and ``seatwatch screenshot``
    (which never import it) — silent, said once in the log, not once per alert."""
    global _sound_effect
    if _sound_effect is None:
        try:
            from PySide6.QtMultimedia import QSoundEffect
        except ImportError as e:
            log.warning("alert sounds are off: Qt Multimedia cannot be loaded (%s)", e)
            _sound_effect = False
        else:
            _sound_effect = QSoundEffect
    return _sound_effect or None


class AlertAnnouncer(QObject):
    """Sound per severity and a tray notification for each newly raised alert.

    New is "not seen in an earlier snapshot": the first snapshot a console gets
    holds alerts raised before it started, which stay silent — except urgent
    ones still unacknowledged, which must never wait unseen (R-URGENT-1). The
    alerts new in one snapshot make one sound, the most severe one's (several
    sounds at once are one noise). Without an audio device the effects report
    an error and :meth:`play` does nothing audible; nothing else changes. The
    effects are prepared when sound is first on, so a window that never plays one
    (a screenshot) never loads Qt Multimedia; without Qt Multimedia
    :attr:`available` is False and the console is silent (issue #15).
    """

    def __init__(self, parent: QWidget, *, directory: Path | None = None,
                 enabled: bool = True) -> None:
        super().__init__(parent)
        self.setObjectName("alertAnnouncer")
        self._seen: set[str] | None = None
        self._window = parent
        self._folder = directory or sounds_dir()
        self.effects: dict[Severity, Any] = {}  # QSoundEffect per severity, once prepared
        self.tray: QSystemTrayIcon | None = None
        self._enabled = False
        self.enabled = enabled

    @property
    def available(self) -> bool:
        """False when this PC cannot play sounds at all (no Qt Multimedia)."""
        return _sound_effect is not False

    @property
    def enabled(self) -> bool:
        return self._enabled

    @enabled.setter
    def enabled(self, on: bool) -> None:
        self._enabled = on and self._prepare()

    def _prepare(self) -> bool:
        if self.effects:
            return True
        effect = sound_effect_class()
        if effect is None:
            return False
        for sev in Severity:
            fx = effect(self)
            fx.setObjectName(f"sound_{sev.value}")
            fx.setSource(QUrl.fromLocalFile(str(self._folder / f"{sev.value}.wav")))
            fx.setVolume(0.9 if sev is Severity.CRITICAL else 0.6)
            self.effects[sev] = fx
        return True

    def observe(self, state: FloorState, describe_alert: Callable[[Alert], str]) -> list[Alert]:
        """The alerts new since the last snapshot; announces them."""
        ids = set(state.alerts)
        if self._seen is None:
            new = [a for a in state.alerts.values()
                   if a.rule in URGENT_RULES and not a.acknowledged]
        else:
            new = [state.alerts[i] for i in ids - self._seen]
        self._seen = ids
        if not new:
            return []
        new.sort(key=sort_key)
        self.play(new[0].severity)
        for a in new:
            if a.rule in URGENT_RULES and not a.acknowledged:
                self.notify(rule_name(a.rule), describe_alert(a))
        return new

    def play(self, severity: Severity) -> None:
        if not self.enabled:
            return
        fx = self.effects.get(severity)
        if fx is not None:
            fx.play()

    def notify(self, title: str, text: str) -> None:
        """A tray balloon where the desktop has a tray; nothing where it has none."""
        if not QSystemTrayIcon.isSystemTrayAvailable():
            return
        if self.tray is None:
            self.tray = QSystemTrayIcon(_alert_icon(), self)
            self.tray.setObjectName("alertTray")
            self.tray.setToolTip("Seatwatch")
            self.tray.activated.connect(lambda _r: self._raise_window())
            self.tray.show()
        self.tray.showMessage(title, text, QSystemTrayIcon.MessageIcon.Critical, 15_000)

    def _raise_window(self) -> None:
        w = self._window.window()
        w.showNormal()
        w.raise_()
        w.activateWindow()


def _alert_icon() -> QIcon:
    pm = QPixmap(32, 32)
    pm.fill(Qt.GlobalColor.transparent)
    p = QPainter(pm)
    p.setRenderHint(QPainter.RenderHint.Antialiasing)
    # the system tray is the desktop's, not our theme's: the light theme's alert red
    p.setBrush(QColor(themes.LIGHT.red))
    p.setPen(Qt.PenStyle.NoPen)
    p.drawEllipse(2, 2, 28, 28)
    p.setPen(QColor("#ffffff"))
    f = QFont()
    f.setBold(True)
    f.setPixelSize(22)
    p.setFont(f)
    p.drawText(pm.rect(), Qt.AlignmentFlag.AlignCenter, "!")
    p.end()
    return QIcon(pm)


