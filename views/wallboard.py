"""The wall screen (issue #5): one painted widget, readable from 8 metres.

Everything is drawn with ``QPainter`` from the pure page values of
:mod:`models.domain.wallboard` — one widget instead of a thousand labels keeps a
frame of 1,000 agents within a few milliseconds at 3840×2160. Every size is a
share of the screen's height, so the board looks the same at 1080p and 4K, and
every text is fitted to its box (the font shrinks; it is never cut): the board
records what it drew (``drawn``) and what would not fit even at the smallest
size (``overflow``) so tests can read the screen as a person would.

Refresh: the board stores each snapshot and repaints once a second (text
refreshes at most once a second); only the ticker strip moves in between, by
scrolling its pixels (Qt paints the columns coming in). Each
second computes only the page on screen (and what the header, the ticker and the
rotation need); the agent grid's order is sorted once per change of the floor's
agents; a text over Qt's glyph-cache size is drawn from a picture of it rendered
once (``TextCache``, issue #20). On the agents page a second repaints only what
changed — the clock, the ticker, the squares whose colour or border changed, and
of the others their times — each clipped to its own rectangle (issue #20: the
whole 4K board each second was most of the wall's frame). The overview, queues and
alerts pages are recorded as boxes and texts (ops) and replayed; each second they are
recorded again and only where an op changed is repainted. A page turn paints the
whole board: in a slot's last two seconds the board makes the next page's pictures
and shapes its small texts, a few milliseconds at a time, so the turn only copies
them; an agents page is painted kind by kind (fills, borders, names, times).
"""

from __future__ import annotations

import math
import time
from collections import OrderedDict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import datetime
from typing import NamedTuple, cast
from zoneinfo import ZoneInfo

from PySide6.QtCore import (
    QCoreApplication,
    QEvent,
    QPoint,
    QPointF,
    QRect,
    QRectF,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetricsF,
    QHideEvent,
    QPainter,
    QPaintEvent,
    QPen,
    QPixmap,
    QRegion,
    QResizeEvent,
    QShowEvent,
    QStaticText,
    QTextLayout,
    QTransform,
)
from PySide6.QtWidgets import QWidget

from models.domain import wallboard as wb
from models.domain.alerts import Severity
from models.domain.floor import FloorState
from models.domain.limits import Level
from models.domain.policy import Band
from models.domain.types import AgentState, AwayReason, Period
from models.domain.wallboard_layout import Layout
from models.sim.slforecast import (
    MORE_AGENTS,
    NO_AGENTS,
    RECOVERING,
    LiveForecast,
    QueueForecast,
)
from views.kit.texts import category_label, rule_name
from views.widgets import link_down_note, link_down_title

# ---- colours -------------------------------------------------------------------------


@dataclass(frozen=True)
class WallTheme:
    name: str
    bg: QColor
    panel: QColor
    header: QColor
    text: QColor
    muted: QColor
    stale: QColor
    green: QColor
    amber: QColor
    red: QColor
    on_colour: QColor  # text on a state colour
    states: dict[str, QColor] = field(default_factory=dict)
    scrim: QColor = field(default_factory=lambda: QColor(0, 0, 0, 170))
    #: the telephony-link band (issue #14): its own colour, apart from the red of the
    #: "data interrupted" overlay and darker than every state colour
    link_bg: QColor = field(default_factory=lambda: QColor("#4a2c82"))
    link_text: QColor = field(default_factory=lambda: QColor("#ffffff"))

    def band(self, colour: str) -> QColor:
        return {"green": self.green, "amber": self.amber, "red": self.red}.get(colour, self.text)


#: state colours of the wall: saturated, apart in lightness as well as hue
DARK = WallTheme(
    "dark", QColor("#0f1216"), QColor("#1b2027"), QColor("#151a20"), QColor("#eef1f4"),
    QColor("#8b95a1"), QColor("#5b626b"), QColor("#4cd07d"), QColor("#ffb640"),
    QColor("#ff5a52"), QColor("#ffffff"),
    {"ready": QColor("#1f8a4c"), "talking": QColor("#2266c4"), "after_call": QColor("#138a8f"),
     "short_break": QColor("#b8741a"), "away": QColor("#8a4fb8"), "logged_out": QColor("#3b424b"),
     "ringing": QColor("#a68a12")},
    link_bg=QColor("#4b2a8c"), link_text=QColor("#ffffff"))
LIGHT = WallTheme(
    "light", QColor("#eef1f4"), QColor("#ffffff"), QColor("#dde3ea"), QColor("#14181d"),
    QColor("#5b6470"), QColor("#a7adb5"), QColor("#1e8e3e"), QColor("#b26a00"),
    QColor("#c62828"), QColor("#ffffff"),
    {"ready": QColor("#2e9d5a"), "talking": QColor("#2f6fcb"), "after_call": QColor("#1d8f94"),
     "short_break": QColor("#c77d1c"), "away": QColor("#8d55bd"), "logged_out": QColor("#8e959e"),
     "ringing": QColor("#a68a12")},
    QColor(255, 255, 255, 190), link_bg=QColor("#4a2c82"), link_text=QColor("#ffffff"))
THEMES = {"dark": DARK, "light": LIGHT}


def cell_colour_key(state: AgentState, reason: AwayReason | None) -> str:
    if state is AgentState.RINGING:
        return "ringing"
    return wb.state_group(state, reason) or "logged_out"


# ---- texts ---------------------------------------------------------------------------


def page_title(name: str) -> str:
    return {"overview": QCoreApplication.translate("Wallboard", "Overview"),
            "agents": QCoreApplication.translate("Wallboard", "Agents"),
            "queues": QCoreApplication.translate("Wallboard", "Queues"),
            "alerts": QCoreApplication.translate("Wallboard", "Alerts")}.get(name, name)


def group_label(g: str) -> str:
    return {"ready": QCoreApplication.translate("Wallboard", "Ready"),
            "talking": QCoreApplication.translate("Wallboard", "On a call"),
            "after_call": QCoreApplication.translate("Wallboard", "After-call"),
            "short_break": QCoreApplication.translate("Wallboard", "Short break"),
            "away": QCoreApplication.translate("Wallboard", "Away"),
            "ringing": QCoreApplication.translate("Wallboard", "Ringing"),
            "logged_out": QCoreApplication.translate("Wallboard", "Logged out")}.get(g, g)


def rule_title(rule: str, stage: str | None, variant: str | None = None) -> str:
    """The console's rule names (one vocabulary), except for urgent tickets: their
    row carries an 急件 tag already, so it says where the ticket stands."""
    if rule == "R-URGENT-1":
        return QCoreApplication.translate("Wallboard", "Awaiting the shift leader")
    if rule == "R-URGENT-2":
        return QCoreApplication.translate("Wallboard", "Escalated to the director")
    detail = {k: v for k, v in (("stage", stage), ("kind", variant)) if v}
    return rule_name(rule, detail or None)


def pct(v: float | None) -> str:
    """Whole percent, rounded down: 79.6 % shows 79 (amber under an 80 % target), so
    the number never contradicts its colour."""
    return "—" if v is None else str(int(math.floor(v * 100 + 1e-9)))


def dur(s: float | None) -> str:
    if s is None:
        return "—"
    s = int(max(0.0, s))
    h, rest = divmod(s, 3600)
    m, sec = divmod(rest, 60)
    return f"{h}:{m:02d}:{sec:02d}" if h else f"{m}:{sec:02d}"


def target_text(kpi: str, band: Band | None) -> str:
    if band is None:
        return ""
    sign = "≥" if band.higher_is_better else "≤"
    if kpi in ("service_level", "answer_rate", "abandon_rate"):
        value = f"{pct(band.green)}%"
    elif kpi in ("longest_wait_s", "asa_s"):
        value = dur(band.green)
    else:
        value = f"{band.green:g}"
    return QCoreApplication.translate("Wallboard", "Target {sign} {value}").format(
        sign=sign, value=value)


# ---- drawing -------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Drawn:
    """One text as it reached the screen: its box, its font size, and whether it
    fitted (the tests read the board through these)."""

    text: str
    rect: QRectF
    px: int
    role: str = ""
    colour: str = ""  # "#rrggbb"


class TextFitter:
    """The largest pixel size (≤ max) at which a text fits its box; cached, since the
    same texts come back every second."""

    def __init__(self, family: str) -> None:
        self.family = family
        self._cache: dict[tuple[str, int, int, int, bool, bool], int] = {}
        self._fonts: dict[tuple[int, bool], QFont] = {}
        self._metrics: dict[tuple[int, bool], QFontMetricsF] = {}

    def font(self, px: int, bold: bool = False) -> QFont:
        key = (max(1, px), bold)
        f = self._fonts.get(key)
        if f is None:
            f = QFont(self.family)
            f.setPixelSize(key[0])
            f.setBold(bold)
            self._fonts[key] = f
        return f

    def metrics(self, px: int, bold: bool = False) -> QFontMetricsF:
        key = (max(1, px), bold)
        m = self._metrics.get(key)
        if m is None:
            m = self._metrics[key] = QFontMetricsF(self.font(px, bold))
        return m

    def fit(self, text: str, w: float, h: float, max_px: int, bold: bool,
            tight: bool = False) -> int:
        """``tight``: the glyphs' own height must fit (numerals), not the line's —
        a CJK font's line is about 1.45 em, its digits about 0.73 em."""
        key = (text, int(w), int(h), max_px, bold, tight)
        got = self._cache.get(key)
        if got is not None:
            return got
        def fits(px: int) -> bool:
            m = self.metrics(px, bold)
            high = m.tightBoundingRect(text).height() if tight else m.height()
            return m.horizontalAdvance(text) <= w and high <= h * 1.02

        lo, hi = 1, max(1, max_px)
        if fits(hi):  # the usual case: the text fits at the size asked for
            lo = hi
        while lo < hi:  # else the largest size that fits
            mid = (lo + hi + 1) // 2
            if fits(mid):
                lo = mid
            else:
                hi = mid - 1
        if len(self._cache) > 20000:
            self._cache.clear()
        self._cache[key] = lo
        return lo


def rects_of(region: QRegion) -> list[QRect]:
    """A region's rectangles (Qt iterates them; its typing stubs do not say so)."""
    return list(cast(Iterable[QRect], region))


class BoxOp(NamedTuple):
    """A box a page paints, as a ``Canvas`` records it (issue #20). Two equal ops paint
    the same pixels."""

    x: float
    y: float
    w: float
    h: float
    rgba: int
    radius: float


class TextOp(NamedTuple):
    """A text a page paints through the ``TextCache``, as a ``Canvas`` records it."""

    text: str
    px: int
    bold: bool
    rgba: int
    x: float
    baseline: float


Op = BoxOp | TextOp

#: Qt draws a glyph larger than this (device pixels) as a path, every time: its glyph
#: cache stops there (QT_MAX_CACHED_GLYPH_SIZE, kept at its default: raised, Qt drew no
#: big glyph at all, issue #12 item 1)
GLYPH_CACHE_PX = 64


class TextCache:
    """Text placed once and drawn many times (issue #20). The same texts come back
    every second: labels, headings, the queue table, most big numbers. A text over
    Qt's glyph-cache size (64 px: at 4K the big numbers, the queue table, the alert
    rows) is kept as a picture of itself, rendered by ``drawText`` at the sub-pixel
    offset (to 1/64 px, as Qt places text) where it is drawn, and copied to the
    screen: Qt would fill each of its glyphs as a path in every frame. Every text's
    line metrics are kept, so ``drawText(rect, …)``'s layout is not redone each
    frame, and a smaller text is kept shaped (``QStaticText``). A text drawn anew is a new key, so a changed value can never show an old
    picture. Keyed by text, font, colour, offset and render hints;
    the least recently drawn go first past ``MAX_BYTES``; emptied when the screen's
    pixel ratio changes (the board empties it on a theme or language change)."""

    MAX_LINES = 8000
    #: text up to Qt's glyph-cache size is drawn by QPainter at its place (its glyphs
    #: come from Qt's cache; its layout is kept, ``static``): an agents page's times
    #: change every second, and rendering 250 new pictures a second cost more than
    #: it saved (agents page CPU p50 21.6 ms against 14.6 ms, 4K, a clock ticking)
    sprite_min_px = GLYPH_CACHE_PX
    MAX_BYTES = 32 * 2**20  # the overview's and the queue table's texts at 4K
    #: shaped small texts kept, twice over (the newer and the older half): an agents
    #: page's names and times, about 1.6 kB each
    MAX_STATICS = 2500

    def __init__(self) -> None:
        self.lines: dict[tuple[str, int, bool], tuple[float, float, float]] = {}
        self.sprites: OrderedDict[tuple[object, ...], tuple[QPixmap, float, float]] = (
            OrderedDict())
        self.inks: dict[tuple[str, int, bool], tuple[int, int, int, int]] = {}
        self.statics: dict[tuple[str, int, bool], QStaticText] = {}
        self._old_statics: dict[tuple[str, int, bool], QStaticText] = {}
        self.bytes = 0
        self._dpr = 1.0

    def clear(self) -> None:
        self.lines.clear()
        self.sprites.clear()
        self.inks.clear()
        self.statics.clear()
        self._old_statics.clear()
        self.bytes = 0

    def ink(self, text: str, font: QFont, m: QFontMetricsF) -> tuple[int, int, int, int]:
        """(left, top, right, bottom) of every pixel ``draw`` may change for ``text``,
        from its baseline's left end, in whole pixels: the pixels its glyphs cover (Qt's
        bounding rectangle of them), and 2 px for the sub-pixel offset and the
        antialiasing (its picture is larger, but transparent there)."""
        key = (text, font.pixelSize(), font.bold())
        got = self.inks.get(key)
        if got is None:
            ink = m.boundingRect(text)
            if len(self.inks) >= self.MAX_LINES:
                self.inks.clear()
            got = self.inks[key] = (math.floor(ink.left()) - 2, math.floor(ink.top()) - 2,
                                    math.ceil(ink.right()) + 2, math.ceil(ink.bottom()) + 2)
        return got

    def line(self, text: str, font: QFont, m: QFontMetricsF) -> tuple[float, float, float]:
        """(ascent, height, width) of ``text`` laid out as one line, as
        ``QPainter.drawText(rect, …)`` lays it out: a line with Chinese in it takes the
        ascent and height of the fallback font that draws the Chinese, not the
        primary font's metrics; its width is ``m``'s advance (the layout's own natural
        width may be a pixel wider)."""
        key = (text, font.pixelSize(), font.bold())
        got = self.lines.get(key)
        if got is None:
            lay = QTextLayout(text, font)
            lay.beginLayout()
            ln = lay.createLine()
            lay.endLayout()
            if len(self.lines) >= self.MAX_LINES:
                self.lines.clear()
            # the line's height unrounded, as drawText(rect, …) centres it
            got = self.lines[key] = (ln.ascent(), ln.ascent() + ln.descent(),
                                     m.horizontalAdvance(text))
        return got

    def static(self, text: str, font: QFont) -> QStaticText:
        """``text`` shaped once for ``font``: ``drawStaticText`` at (x, baseline minus
        the line's ascent) paints the pixels ``drawText`` paints at (x, baseline) — in a
        check of 8,200 texts (digits, Chinese names, mixed) at 13–64 px and eight
        sub-pixel offsets, every one — without shaping it again (issue #20: an agents
        page's 300 names took 4.4 ms through ``drawText`` at 4K, 1.3 ms so)."""
        key = (text, font.pixelSize(), font.bold())
        got = self.statics.get(key)
        if got is None:
            got = self._old_statics.pop(key, None)
            if got is None:
                got = QStaticText(text)
                got.setTextFormat(Qt.TextFormat.PlainText)  # never read as markup
            if len(self.statics) >= self.MAX_STATICS:  # the older half goes
                self._old_statics = self.statics
                self.statics = {}
            self.statics[key] = got
        return got

    def shape(self, text: str, font: QFont) -> None:
        """Lay ``text`` out now as ``drawStaticText`` would at its first drawing, unless
        it is kept already (then it was laid out; from the older half it is kept on)."""
        key = (text, font.pixelSize(), font.bold())
        if key in self.statics:
            return
        kept = key in self._old_statics
        got = self.static(text, font)
        if not kept:
            got.prepare(QTransform(), font)

    def draw(self, p: QPainter, font: QFont, m: QFontMetricsF, colour: QColor, x: float,
             baseline: float, text: str) -> None:
        """``text`` in ``font`` with its baseline's left end at (x, baseline): the same
        pixels as ``p.drawText(QPointF(x, baseline), text)``."""
        dev = p.device()
        dpr = dev.devicePixelRatioF() if dev is not None else 1.0
        if dpr != self._dpr:
            self.clear()
            self._dpr = dpr
        if font.pixelSize() * dpr <= self.sprite_min_px:
            p.setFont(font)
            p.setPen(colour)
            p.drawStaticText(QPointF(x, baseline - self.line(text, font, m)[0]),
                             self.static(text, font))
            return
        ix, iy = math.floor(x), math.floor(baseline)
        fx, fy = self._offset(x), self._offset(baseline)
        key = self._key(text, font, colour, fx, fy, p.renderHints())
        got = self.sprites.get(key)
        if got is None:
            got = self._keep(key, self._sprite(p.renderHints(), font, m, colour, fx, fy, text,
                                               dpr))
        else:
            self.sprites.move_to_end(key)
        pix, left, top = got
        p.drawPixmap(QPointF(ix + left, iy + top), pix)

    def warm(self, font: QFont, m: QFontMetricsF, colour: QColor, x: float, baseline: float,
             text: str, hints: QPainter.RenderHint, dpr: float) -> None:
        """Make the picture ``draw`` will copy for ``text`` at (x, baseline) under a
        painter with ``hints`` on a ``dpr`` device, if it is not kept yet (issue #20:
        the next page's texts, before it comes up)."""
        if font.pixelSize() * dpr <= self.sprite_min_px or dpr != self._dpr:
            return
        fx, fy = self._offset(x), self._offset(baseline)
        key = self._key(text, font, colour, fx, fy, hints)
        if key in self.sprites:  # kept till it is drawn: a label not drawn for seconds
            self.sprites.move_to_end(key)  # is the first to go
            return
        self._keep(key, self._sprite(hints, font, m, colour, fx, fy, text, dpr))

    @staticmethod
    def _offset(v: float) -> float:
        """A place's sub-pixel part, to 1/64 px as Qt places text."""
        return round((v - math.floor(v)) * 64) / 64

    @staticmethod
    def _key(text: str, font: QFont, colour: QColor, fx: float, fy: float,
             hints: QPainter.RenderHint) -> tuple[object, ...]:
        """A picture's key: its text, font, colour, sub-pixel offset and the painter's
        antialiasing."""
        return (text, font.pixelSize(), font.bold(), colour.rgba(), fx, fy,
                bool(hints & QPainter.RenderHint.Antialiasing),
                bool(hints & QPainter.RenderHint.TextAntialiasing))

    def _keep(self, key: tuple[object, ...], got: tuple[QPixmap, float, float]
              ) -> tuple[QPixmap, float, float]:
        self.sprites[key] = got
        self.bytes += got[0].width() * got[0].height() * 4
        while self.bytes > self.MAX_BYTES and len(self.sprites) > 1:
            _old, v = self.sprites.popitem(last=False)
            self.bytes -= v[0].width() * v[0].height() * 4
        return got

    @staticmethod
    def _sprite(hints: QPainter.RenderHint, font: QFont, m: QFontMetricsF, colour: QColor,
                fx: float, fy: float, text: str, dpr: float) -> tuple[QPixmap, float, float]:
        # the glyphs' pixels (Qt's bounding rectangle covers every pixel drawText
        # touches) and 2 px: a picture of the line box was three times as tall, and
        # every copy blended its transparent rows too
        ink = m.boundingRect(text)  # from the baseline's left end
        left = math.floor(ink.left() + fx) - 2
        top = math.floor(ink.top() + fy) - 2
        w = math.ceil(ink.right() + fx) + 2 - left
        h = math.ceil(ink.bottom() + fy) + 2 - top
        pix = QPixmap(max(1, math.ceil(w * dpr)), max(1, math.ceil(h * dpr)))
        pix.setDevicePixelRatio(dpr)
        pix.fill(Qt.GlobalColor.transparent)
        pp = QPainter(pix)
        pp.setRenderHints(hints)
        pp.setFont(font)
        pp.setPen(colour)
        pp.drawText(QPointF(fx - left, fy - top), text)
        pp.end()
        return pix, float(left), float(top)


class Canvas:
    """A painter plus the board's text rules: fit, draw, record."""

    def __init__(self, p: QPainter, fitter: TextFitter, unit: float, record: list[Drawn],
                 overflow: list[str], min_px: int, cache: TextCache | None = None) -> None:
        self.p = p
        self.fit = fitter
        #: None: every text laid out and drawn by QPainter as it comes (the reference
        #: the cached drawing is compared with)
        self.cache = cache
        self.u = unit  # 1 % of the screen's height
        self.drawn = record
        self.overflow = overflow
        self.min_px = min_px
        #: False: the agent squares' texts are drawn, not recorded
        self.recording = True
        #: not None: boxes and texts are appended here as ops, not painted (issue #20:
        #: a page is recorded, then replayed whole, or where its ops changed)
        self.ops: list[Op] | None = None

    def text(self, rect: QRectF, text: str, colour: QColor, *, size: float,
             bold: bool = False, align: Qt.AlignmentFlag = Qt.AlignmentFlag.AlignLeft,
             role: str = "", min_px: int | None = None) -> Drawn | None:
        """Draw ``text`` in ``rect`` at ``size`` % of the screen height, smaller if it
        does not fit; at the smallest readable size it is elided and reported."""
        if not text or rect.width() <= 1 or rect.height() <= 1:
            return None
        max_px = max(1, int(size * self.u))
        px = self.fit.fit(text, rect.width(), rect.height(), max_px, bold)
        floor = min(max_px, min_px if min_px is not None else self.min_px)
        shown = text
        font = self.fit.font(max(px, floor), bold)
        m = self.fit.metrics(max(px, floor), bold)
        if px < floor:
            px = floor
            shown = m.elidedText(text, Qt.TextElideMode.ElideRight, rect.width())
            self.overflow.append(text)
        flags = align | Qt.AlignmentFlag.AlignVCenter
        w = m.horizontalAdvance(shown)
        h = m.height()
        if self.cache is None:
            self.p.setFont(font)
            self.p.setPen(colour)
            self.p.drawText(rect, int(flags), shown)
        else:
            self.draw_line(rect, shown, font, m, colour, align)
        if align & Qt.AlignmentFlag.AlignRight:
            x = rect.right() - w
        elif align & Qt.AlignmentFlag.AlignHCenter:
            x = rect.center().x() - w / 2
        else:
            x = rect.left()
        d = Drawn(shown, QRectF(x, rect.center().y() - h / 2, w, h), px, role, colour.name())
        self.drawn.append(d)
        return d

    def draw_line(self, rect: QRectF, text: str, font: QFont, m: QFontMetricsF,
                  colour: QColor, align: Qt.AlignmentFlag) -> None:
        """One line where ``QPainter.drawText(rect, align | AlignVCenter, text)`` puts
        it, through the cache."""
        assert self.cache is not None
        ascent, h, w = self.cache.line(text, font, m)
        if align == Qt.AlignmentFlag.AlignRight or align & Qt.AlignmentFlag.AlignRight:
            x = rect.right() - w
        elif align == Qt.AlignmentFlag.AlignHCenter or align & Qt.AlignmentFlag.AlignHCenter:
            x = rect.left() + (rect.width() - w) / 2
        else:
            x = rect.left()
        top = rect.top() + (rect.height() - h) / 2
        self.glyphs(font, m, colour, x, top + ascent, text)

    def glyphs(self, font: QFont, m: QFontMetricsF, colour: QColor, x: float,
               baseline: float, text: str) -> None:
        """``text`` through the cache with its baseline's left end at (x, baseline), or
        its op while recording."""
        if self.ops is not None:
            self.ops.append(TextOp(text, font.pixelSize(), font.bold(), colour.rgba(), x,
                                   baseline))
            return
        assert self.cache is not None
        self.cache.draw(self.p, font, m, colour, x, baseline, text)

    def numeral(self, rect: QRectF, text: str, colour: QColor, *, size: float,
                role: str = "", align: Qt.AlignmentFlag = Qt.AlignmentFlag.AlignHCenter
                ) -> Drawn:
        """A big number: its digits (not its line) fill the box's height, up to
        ``size`` % of the screen height, centred on the box."""
        px = self.fit.fit(text, rect.width(), rect.height(), max(1, int(size * self.u)),
                          True, tight=True)
        font = self.fit.font(px, True)
        m = self.fit.metrics(px, True)
        tb = m.tightBoundingRect(text)
        w = m.horizontalAdvance(text)
        if align & Qt.AlignmentFlag.AlignRight:
            x = rect.right() - w
        elif align & Qt.AlignmentFlag.AlignLeft:
            x = rect.left()
        else:
            x = rect.center().x() - w / 2
        baseline = rect.center().y() - (tb.top() + tb.bottom()) / 2
        if self.cache is None:
            self.p.setFont(font)
            self.p.setPen(colour)
            self.p.drawText(QPointF(x, baseline), text)
        else:
            self.glyphs(font, m, colour, x, baseline, text)
        d = Drawn(text, QRectF(x + tb.left(), baseline + tb.top(), tb.width(), tb.height()),
                  px, role, colour.name())
        self.drawn.append(d)
        return d

    def box(self, rect: QRectF, colour: QColor, radius: float = 0.0) -> None:
        if self.ops is not None:
            self.ops.append(BoxOp(rect.x(), rect.y(), rect.width(), rect.height(),
                                  colour.rgba(), radius))
            return
        self.p.setPen(Qt.PenStyle.NoPen)
        self.p.setBrush(colour)
        if radius:
            self.p.drawRoundedRect(rect, radius, radius)
        else:
            self.p.drawRect(rect)


# ---- the board -----------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Slot:
    """One position of the rotation: a page and, for long pages, which part of it."""

    page: str
    part: int = 0
    parts: int = 1


@dataclass(frozen=True, slots=True)
class _Grid:
    """An agents page's part as it is painted: its squares, their places and looks,
    and ``key``, everything else the squares' pixels depend on (page part, window
    size, stale, theme …). Two grids with the same key differ only in the squares
    whose looks differ (issue #20: the second's repaint covers those alone)."""

    key: tuple[object, ...]
    rects: list[QRectF]
    #: each square's time: the lower half of its inner box
    times: list[QRectF]
    looks: list[tuple[object, ...]]
    who_px: int
    time_px: int
    pad: float


@dataclass(frozen=True, slots=True)
class _Squares:
    """A second's repaint of an agents page as asked for: its region, and which
    squares change whole and which only their time."""

    region: QRegion
    grid: _Grid
    whole: list[int]
    times: list[int]


@dataclass(frozen=True, slots=True)
class _Ops:
    """The overview's, the queues' or the alerts' page as painted (issue #20): the
    header and the page, op by op in painting order, each with the pixels it may
    touch, and ``key``, what else those pixels depend on (page part, window size,
    theme …). Where two recordings with the same key differ, the ops that differ
    are what must be repainted."""

    key: tuple[object, ...]
    ops: list[Op]
    bounds: list[QRect]


class WallboardView(QWidget):
    """The board. ``apply_state`` stores the newest floor; ``tick`` (once a second)
    recomputes the page values and repaints; ``advance`` rotates."""

    page_changed = Signal(str, int)

    HEADER = 7.0  # % of the height
    TICKER = 7.0
    GAP = 1.2
    #: the telephony-link band under the header while the link is down (issue #14)
    LINK = 11.0

    def __init__(self, layout: Layout, now: Callable[[], datetime], *,
                 theme: WallTheme | None = None, animate: bool = True,
                 zone: ZoneInfo | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("wallboard")
        #: the clock's zone until the floor's policy arrives (the layout's, or the one
        #: last seen from the floor); None: this PC's (issue #12 item 19)
        self.zone = zone
        self.board_layout = layout
        self.theme = theme or THEMES.get(layout.theme, DARK)
        self.now = now
        self.state: FloorState | None = None
        #: server time up to which the floor is known (last heartbeat seen)
        self.fresh_at: datetime | None = None
        self.stale = True
        self.stale_since: datetime | None = None
        #: started without --db on a PC with no connection and no floor file (issue #19)
        self.not_set_up = False
        self.drawn: list[Drawn] = []
        self.overflow: list[str] = []
        self.fitter = TextFitter(QFont().family())
        #: issue #20: texts laid out (and big ones rendered) once, drawn every frame;
        #: False draws every text through QPainter as it comes (the reference)
        self.text_cache = TextCache()
        self.cache_text = True
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent)
        self.setMinimumSize(640, 360)
        self._slots: list[Slot] = [Slot(p) for p in self._rotation_pages()]
        self._pos = 0
        self._ticker_x = 0.0
        self._ticker_pix: QPixmap | None = None
        self._ticker_key: tuple[object, ...] = ()
        self._ticker_items: list[wb.TickerItem] = []
        self._values: dict[str, object] = {}
        #: issue #20: the grid's order and surnames, sorted once per change of the floor's
        #: agents; and how many squares the grid has (its pages), on every page
        self._order = wb.GridOrder()
        self._n_cells = 0
        self._forecast: dict[str, QueueForecast] | None = None
        self._at: datetime | None = None
        self._cells_per_page = 1
        self._rows_per_page = 1
        #: issue #20: the agents page's squares as they are on screen once the repaint
        #: asked for is done; None: the next second repaints the whole board
        self._shown: _Grid | None = None
        self._grid_memo: (tuple[tuple[object, ...], _Grid, list[wb.AgentCell]]
                          | None) = None
        #: the region being painted; None: the whole board
        self._clip: QRegion | None = None
        #: the squares' repaint asked for and not yet painted
        self._squares: _Squares | None = None
        #: issue #20: the overview's, queues' or alerts' page as it is on screen once
        #: the repaint asked for is done; None: the next second repaints the whole board
        self._shown_ops: _Ops | None = None
        self._colours: dict[int, QColor] = {}
        #: issue #17: the live SL forecast, computed at most once a second
        self.live = LiveForecast(background=True)  # never computed on the GUI thread
        self.tick_timer = QTimer(self)
        self.tick_timer.setObjectName("wallboardTick")
        self.tick_timer.timeout.connect(self.tick)
        self.rotate_timer = QTimer(self)
        self.rotate_timer.setObjectName("wallboardRotate")
        self.rotate_timer.setSingleShot(True)
        self.rotate_timer.timeout.connect(self.advance)
        self.ticker_timer = QTimer(self)
        self.ticker_timer.setObjectName("wallboardTicker")
        self.ticker_timer.setTimerType(Qt.TimerType.PreciseTimer)
        self.ticker_timer.timeout.connect(self._scroll)
        #: issue #20: the seconds (ticks) the slot on screen has been up, and the next
        #: slot's texts whose pictures are made, a few at a time, before it comes up
        self._slot_ticks = 0
        self._warm: list[TextOp] | None = None
        self._warm_phase = 0
        #: … and an agents page's names and times (where, what, size, colour)
        self._warm_cells: list[tuple[QRectF, str, int, QColor]] = []
        self.warm_timer = QTimer(self)
        self.warm_timer.setObjectName("wallboardWarm")
        self.warm_timer.setSingleShot(True)
        self.warm_timer.timeout.connect(self._warm_step)
        self.animate = animate
        if animate:
            self.tick_timer.start(1000)
            self._arm_rotation()

    # ---- input -----------------------------------------------------------------------

    def apply_state(self, state: FloorState, fresh_at: datetime | None) -> None:
        """The newest floor and how fresh it is; drawn at the next tick (at once for
        the first one)."""
        first = self.state is None
        self.state = state
        self.set_fresh(fresh_at)
        if first:
            self.tick()

    def set_fresh(self, fresh_at: datetime | None) -> None:
        """The floor is known up to ``fresh_at`` (never moves back)."""
        if fresh_at is not None and (self.fresh_at is None or fresh_at > self.fresh_at):
            self.fresh_at = fresh_at

    # ---- rotation ----------------------------------------------------------------------

    def _rotation_pages(self) -> list[str]:
        lay = self.board_layout
        return [lay.pin] if lay.pin else list(lay.page_names)

    @property
    def slot(self) -> Slot:
        return self._slots[self._pos % len(self._slots)]

    @property
    def current_page(self) -> str:
        return self.slot.page

    def slots(self) -> list[Slot]:
        return list(self._slots)

    def _rebuild_slots(self) -> None:
        cur = self.slot
        out: list[Slot] = []
        for page in self._rotation_pages():
            n = self._parts(page)
            out.extend(Slot(page, i, n) for i in range(n))
        self._slots = out or [Slot("overview")]
        # stay on the same page (and part, if it still exists)
        for i, s in enumerate(self._slots):
            if s.page == cur.page and s.part == min(cur.part, s.parts - 1):
                self._pos = i
                return
        self._pos = 0

    def _parts(self, page: str) -> int:
        if page == "agents":
            n = self._n_cells
            return max(1, math.ceil(n / max(1, self._cells_per_page)))
        if page == "queues":
            n = len(self._values.get("queues", ()))  # type: ignore[arg-type]
            return max(1, math.ceil(n / max(1, self._rows_per_page)))
        return 1

    def advance(self) -> None:
        """Next page of the rotation (a pinned page cycles its own parts only)."""
        self._rebuild_slots()
        self._pos = (self._pos + 1) % len(self._slots)
        self._turned()
        self._page_values()
        self.page_changed.emit(self.slot.page, self.slot.part)
        self.update()
        self._arm_rotation()

    def show_page(self, page: str, part: int = 0) -> None:
        self._rebuild_slots()
        for i, s in enumerate(self._slots):
            if s.page == page and s.part == part:
                self._pos = i
                self._turned()
                self._page_values()
                self.update()
                self._arm_rotation()
                return
        raise ValueError(f"no page {page!r} part {part} in this rotation")

    def _turned(self) -> None:
        """A new slot is on screen: its seconds count from now, and what was being
        made for it is dropped."""
        self._slot_ticks = 0
        self._warm = None
        self._warm_phase = 0
        self._warm_cells = []
        self.warm_timer.stop()

    #: the next page's pictures are made in the last seconds of a slot's showing (its
    #: figures seconds before it comes up are most of the figures it comes up with) …
    WARM_S = 2
    #: … in steps of about this many seconds, with the event loop free between them:
    #: the ticker steps every 33 ms and a picture takes 0.2–0.6 ms at 4K
    WARM_STEP_S = 0.004

    def _plan_warm(self) -> None:
        """In the slot's last ``WARM_S`` seconds, start making the pictures of the
        texts the next slot will show (issue #20: a page turn is one whole frame, and
        it rendered most of its big texts anew: the figures that change every second
        push a page's labels and headings out of the cache before it comes round
        again). The overview, queues and alerts pages whole (they are recorded as
        ops); an agents page's header, and its squares' names and times shaped."""
        if not self.cache_text or self.state is None:
            return
        left = self.board_layout.seconds(self.slot.page) - self._slot_ticks
        if not 0 <= left <= self.WARM_S or len(self._slots) < 2 or not self.isVisible():
            return
        if self._slots[(self._pos + 1) % len(self._slots)] == self.slot:
            return
        # each of those seconds: the figures that changed since the last are made too
        self._warm = []
        self._warm_cells = []
        self._warm_phase = 0  # the first steps look at the next slot
        self.warm_timer.start(0)

    def _warm_step(self) -> None:
        """One step of making the next slot's pictures. The first three look at the
        next slot as a whole paint would, as of the last second: its values, then its
        ops, then (an agents page) its squares' texts; the others make pictures and
        shape texts for about ``WARM_STEP_S``."""
        todo = self._warm
        if todo is None or self.state is None:
            return
        dpr = self.devicePixelRatioF()
        cells = self._warm_cells
        if self._warm_phase < 3:
            phase = self._warm_phase
            self._warm_phase += 1
            pos = self._pos
            self._pos = (pos + 1) % len(self._slots)
            try:
                whole = self.slot.page in self.OPS_PAGES
                if phase == 0:
                    self._page_values()
                elif phase == 1:  # an agents page: its header and legend
                    ops = self._record([], [], page=whole)
                    todo.extend(op for op in reversed(ops) if isinstance(op, TextOp))
                else:
                    got: list[wb.AgentCell] | None = self._values.get(  # type: ignore[assignment]
                        "cells")
                    if not whole and got:
                        cells[:] = reversed(self._cell_texts_of(self._grid(got)))
            finally:
                self._pos = pos
            self.warm_timer.start(5)
            return
        hints = QPainter.RenderHint.Antialiasing | QPainter.RenderHint.TextAntialiasing
        fit, cache, colours = self.fitter, self.text_cache, self._colours
        end = time.perf_counter() + self.WARM_STEP_S
        while todo and time.perf_counter() < end:
            op = todo.pop()
            font = fit.font(op.px, op.bold)
            if op.px * dpr <= cache.sprite_min_px:  # shaped now, not in the page turn
                cache.shape(op.text, font)
                continue
            colour = colours.get(op.rgba)
            if colour is None:
                colour = colours[op.rgba] = QColor.fromRgba(op.rgba)
            cache.warm(font, fit.metrics(op.px, op.bold), colour, op.x, op.baseline, op.text,
                       hints, dpr)
        while cells and time.perf_counter() < end:  # as ``_cell_texts`` will draw them
            r, text, px, colour = cells.pop()
            font, m = fit.font(px, True), fit.metrics(px, True)
            ascent, lh, tw = cache.line(text, font, m)
            if tw > r.width():
                continue
            if px * dpr <= cache.sprite_min_px:  # shaped now, not in the page turn
                cache.shape(text, font)
            else:  # the squares are painted without antialiasing
                cache.warm(font, m, colour, r.left() + (r.width() - tw) / 2,
                           r.top() + (r.height() - lh) / 2 + ascent, text,
                           QPainter.RenderHint.TextAntialiasing, dpr)
        if todo or cells:
            self.warm_timer.start(5)

    def _cell_texts_of(self, grid: _Grid) -> list[tuple[QRectF, str, int, QColor]]:
        """Every name and time of ``grid``'s squares: where, what, how large and in
        what colour ``_paint_cells`` draws them."""
        th = self.theme
        over = QColor("#ffe14d") if th.name == "dark" else QColor("#fff3a0")
        names = [(tr.translated(0, -tr.height()), str(look[2]), grid.who_px, th.on_colour)
                 for tr, look in zip(grid.times, grid.looks, strict=True)]
        return names + [(tr, str(look[3]), grid.time_px,
                         over if look[1] is Level.OVER else th.on_colour)
                        for tr, look in zip(grid.times, grid.looks, strict=True)]

    def _arm_rotation(self) -> None:
        if not self.animate:
            return
        # armed even with one page: a pinned agent grid may grow a second part
        self.rotate_timer.start(int(self.board_layout.seconds(self.slot.page) * 1000))

    # ---- the once-a-second refresh -------------------------------------------------------

    def tick(self) -> None:
        now = self.now()
        self._at = now
        self.stale, self.stale_since = self._staleness(now)
        if self.state is not None:
            st, lay = self.state, self.board_layout
            # what every page shows (header, ticker) and what the rotation's parts
            # depend on; the rest only for the page on screen (issue #20)
            self._values = {
                "shift": wb.shift_counts(st, now)[0],
                "peak": st.peak_level(),
                "queues": wb.queue_rows(st, now, lay.queues),
                "forecast": self._forecast_now(st, now),
                "ticker": wb.ticker_items(st, now) if lay.ticker else [],
            }
            self._n_cells = self._order.count(st, lay.groups, lay.show_logged_out)
            self._ticker_items = self._values["ticker"]  # type: ignore[assignment]
        self._layout_metrics()
        self._rebuild_slots()
        self._page_values()
        self._update_ticker_animation()
        self._request_paint()
        self._slot_ticks += 1
        self._plan_warm()

    #: pages recorded op by op and repainted where their ops changed (issue #20)
    OPS_PAGES = ("overview", "queues", "alerts")

    def _request_paint(self) -> None:
        """The second's repaint: of what changed since the last paint, with the header
        (the clock) and the ticker (issue #20: a whole 4K board each second was most of
        the wall's frame). On the agents page, the squares that changed (a square whose
        time alone changed: its time); on the overview, queues and alerts pages, where
        the page's recorded ops changed; otherwise the whole board. A stale board (its
        scrim covers everything), a telephony-link band and a device pixel ratio other
        than 1 (Windows display scaling: a part's repaint is checked against a whole
        paint at a ratio of 1 only) keep whole repaints."""
        if (self.state is None or not self.isVisible() or self.stale
                or self.link_down_since is not None or self.devicePixelRatioF() != 1.0):
            self.update()
            return
        if self.slot.page in self.OPS_PAGES:
            self._request_ops()
            return
        shown = self._shown
        cells: list[wb.AgentCell] | None = self._values.get("cells")  # type: ignore[assignment]
        if shown is None or self.slot.page != "agents" or not cells:
            self.update()
            return
        grid = self._grid(cells)
        if grid.key != shown.key or len(grid.looks) != len(shown.looks):
            self.update()
            return
        dirty = QRegion(QRectF(0, 0, self.width(), self.HEADER * self.u).toAlignedRect())
        whole: list[int] = []
        times: list[int] = []
        for i, (r, old, new) in enumerate(zip(grid.rects, shown.looks, grid.looks,
                                              strict=True)):
            if old == new:
                continue
            if old[:3] == new[:3]:
                times.append(i)
                dirty += grid.times[i].toAlignedRect()
            else:
                whole.append(i)
                dirty += r.toAlignedRect()
        if self.board_layout.ticker:
            dirty += self.ticker_rect().toAlignedRect()
        self._shown = grid
        self._squares = _Squares(dirty, grid, whole, times)
        self.update(dirty)

    def _ops_key(self) -> tuple[object, ...]:
        """What an ops page's pixels depend on besides its ops."""
        return (self.slot, self.size(), self.theme.name, self.stale,
                self.link_down_since is not None, self.board_layout.ticker,
                self.devicePixelRatioF())

    def _request_ops(self) -> None:
        """The second's repaint of the overview, queues or alerts page: the page and
        header recorded again, and where any op differs from the last paint's, those
        pixels repainted (the old op's and the new one's), with the ticker."""
        shown = self._shown_ops
        key = self._ops_key()
        if shown is None or shown.key != key or not self.cache_text:
            self.update()
            return
        ops = self._record([], [])
        # the bounds of the ops on screen are known: only new ops are measured (and
        # nothing is kept beyond the two recordings, however many figures come and go)
        known = dict(zip(shown.ops, shown.bounds, strict=True))
        bounds = [known.get(op) or self._op_bounds(op) for op in ops]
        dirty = QRegion()
        if ops != shown.ops:
            old, new = set(shown.ops), set(ops)
            if old == new:  # the same ops in another order
                self.update()
                return
            for op in old - new:
                dirty += known[op]
            for op, b in zip(ops, bounds, strict=True):
                if op not in old:
                    dirty += b
        if self.board_layout.ticker:
            dirty += self.ticker_rect().toAlignedRect()
        if (sum(r.width() * r.height() for r in rects_of(dirty))
                > 0.5 * self.width() * self.height()):
            self.update()  # most of it: one whole paint is cheaper than its parts
            return
        self._shown_ops = _Ops(key, ops, bounds)
        if not dirty.isEmpty():
            self.update(dirty)

    def _record(self, drawn: list[Drawn], overflow: list[str], page: bool = True
                ) -> list[Op]:
        """The header and the page on screen as ops (nothing painted), or with
        ``page`` False the header and, on an agents page, its legend; their texts into
        ``drawn`` and ``overflow``."""
        cv = Canvas(cast(QPainter, None), self.fitter, self.u, drawn, overflow,
                    min_px=max(11, int(1.6 * self.u)), cache=self.text_cache)
        ops: list[Op] = []
        cv.ops = ops
        self._paint_header(cv)
        if page:
            self._paint_page(cv)
        elif self.state is not None and self.slot.page == "agents":
            self._agents_legend(cv)
        return ops

    def _op_bounds(self, op: Op) -> QRect:
        """The pixels ``op`` may touch."""
        if isinstance(op, BoxOp):
            return QRectF(op.x, op.y, op.w, op.h).toAlignedRect().adjusted(-1, -1, 1, 1)
        left, top, right, bottom = self.text_cache.ink(
            op.text, self.fitter.font(op.px, op.bold), self.fitter.metrics(op.px, op.bold))
        return QRect(QPoint(math.floor(op.x) + left, math.floor(op.baseline) + top),
                     QPoint(math.ceil(op.x) + right, math.ceil(op.baseline) + bottom))

    @staticmethod
    def _solid(op: BoxOp, r: QRect) -> bool:
        """Whether every pixel of ``r`` is wholly inside the box: not on its
        antialiased edge and clear of its rounded corners. There the box paints its
        colour exactly, and filling ``r`` paints the same pixels without rasterizing a
        rounded rectangle three thousand pixels wide to paint a few hundred."""
        left, top = math.ceil(op.x), math.ceil(op.y)
        right, bottom = math.floor(op.x + op.w), math.floor(op.y + op.h)
        if r.left() < left or r.top() < top or r.right() >= right or r.bottom() >= bottom:
            return False
        k = op.radius
        return (not k or r.top() >= op.y + k and r.bottom() + 1 <= op.y + op.h - k
                or r.left() >= op.x + k and r.right() + 1 <= op.x + op.w - k)

    def _replay(self, p: QPainter, ops: Iterable[Op], clip: QRect | None = None) -> None:
        """Paint recorded ops: the same calls, in the same order, as the page's own;
        under ``clip`` (a second's repaint), a box that covers all of it as a fill."""
        fit, cache, colours = self.fitter, self.text_cache, self._colours
        no_pen = Qt.PenStyle.NoPen
        for op in ops:
            colour = colours.get(op.rgba)
            if colour is None:
                colour = colours[op.rgba] = QColor.fromRgba(op.rgba)
            if isinstance(op, BoxOp):
                if clip is not None and self._solid(op, clip):
                    p.fillRect(clip, colour)
                    continue
                p.setPen(no_pen)
                p.setBrush(colour)
                if op.radius:
                    p.drawRoundedRect(QRectF(op.x, op.y, op.w, op.h), op.radius, op.radius)
                else:
                    p.drawRect(QRectF(op.x, op.y, op.w, op.h))
            else:
                cache.draw(p, fit.font(op.px, op.bold), fit.metrics(op.px, op.bold), colour,
                           op.x, op.baseline, op.text)

    def _forecast_now(self, st: FloorState, now: datetime) -> dict[str, QueueForecast]:
        """The live SL forecast is drawn on the queues page only (issue #20): asked for
        while that page is on screen or next in the rotation — so the worker has a
        fresh one when it comes up — and once at the start; otherwise the last one."""
        nxt = self._slots[(self._pos + 1) % len(self._slots)].page
        if self._forecast is None or "queues" in (self.slot.page, nxt):
            self._forecast = self.live.get(st, now)
        return self._forecast

    def _page_values(self) -> None:
        """The values of the page on screen, as of the last tick: computed when the
        second turns and when the page changes, never for the pages not shown."""
        st, now = self.state, self._at
        if st is None or now is None:
            return
        lay, page = self.board_layout, self.slot.page
        if page == "overview":
            self._values["overview"] = wb.overview(st, now)
        elif page == "agents":
            self._values["cells"] = wb.agent_cells(
                st, now, groups=lay.groups, show_logged_out=lay.show_logged_out,
                order=self._order)
        elif page == "alerts":
            self._values["alerts"] = wb.alert_rows(st, now)

    def _staleness(self, now: datetime) -> tuple[bool, datetime | None]:
        if self.fresh_at is None:
            return True, None
        if (now - self.fresh_at).total_seconds() >= self.board_layout.stale_after_s:
            return True, self.fresh_at
        return False, None

    # ---- geometry ------------------------------------------------------------------------

    @property
    def u(self) -> float:
        return self.height() / 100.0

    @property
    def link_down_since(self) -> datetime | None:
        """Since when the phone-system link is down (issue #14); None while it is up."""
        return wb.link_down_since(self.state) if self.state is not None else None

    def link_rect(self) -> QRectF:
        """The telephony-link band: under the header, across the board."""
        g = self.GAP * self.u
        return QRectF(0, self.HEADER * self.u, self.width(), self.LINK * self.u - g * 0.5)

    def content_rect(self) -> QRectF:
        u, g = self.u, self.GAP * self.u
        top = self.HEADER * u + g
        if self.link_down_since is not None:
            top += self.LINK * u
        bottom = self.height() - (self.TICKER * u if self.board_layout.ticker else 0) - g
        return QRectF(g, top, self.width() - 2 * g, bottom - top)

    def ticker_rect(self) -> QRectF:
        h = self.TICKER * self.u
        return QRectF(0, self.height() - h, self.width(), h)

    def grid_geometry(self, n: int) -> tuple[int, int, float, float]:
        """(columns, rows, cell width, cell height) of the agent grid: the largest
        squares that hold all ``n`` agents, but never smaller than readable — then
        the grid spans several pages."""
        area = self._grid_area()
        g = 0.45 * self.u
        aspect = 1.5
        min_h, max_h = 5.0 * self.u, 16.0 * self.u

        def dims(h: float) -> tuple[int, int]:
            cols = max(1, int((area.width() + g) // (h * aspect + g)))
            rows = max(1, int((area.height() + g) // (h + g)))
            return cols, rows

        lo, hi = min_h, max_h
        if dims(lo)[0] * dims(lo)[1] < max(1, n):
            h = lo
        else:
            for _ in range(30):
                mid = (lo + hi) / 2
                c, r = dims(mid)
                if c * r >= n:
                    lo = mid
                else:
                    hi = mid
            h = lo
        cols, rows = dims(h)
        # spread the spare width over the cells
        w = (area.width() - (cols - 1) * g) / cols
        w = min(w, h * 2.2)
        return cols, rows, w, h

    def _grid_area(self) -> QRectF:
        c = self.content_rect()
        legend = 4.5 * self.u
        return QRectF(c.left(), c.top() + legend + self.GAP * self.u, c.width(),
                      c.height() - legend - self.GAP * self.u)

    def _layout_metrics(self) -> None:
        n = self._n_cells
        cols, rows, _w, _h = self.grid_geometry(n)
        self._cells_per_page = cols * rows
        c = self.content_rect()
        head = 7.0 * self.u
        room = c.height() - head - self._warning_h()
        row_h = max(6.0 * self.u, min(10.0 * self.u, room /
                                      max(1, len(self._values.get("queues", ())))))  # type: ignore[arg-type]
        self._rows_per_page = max(1, int(room // row_h))

    # -- the live SL forecast (issue #17) --

    #: the warning band under the queue table, % of the screen height: read from 8 m
    WARNING = 13.0

    def forecasts(self) -> dict[str, QueueForecast]:
        return self._values.get("forecast", {})  # type: ignore[return-value]

    def warnings(self) -> list[tuple[str, QueueForecast]]:
        """The shown queues whose interval is forecast under target: (name, forecast)."""
        fc = self.forecasts()
        rows: list[wb.QueueRow] = self._values.get("queues", [])  # type: ignore[assignment]
        return [(q.name, fc[q.queue]) for q in rows if q.queue in fc and fc[q.queue].warning]

    def _warning_h(self) -> float:
        return self.WARNING * self.u if self.warnings() else 0.0

    def warning_text(self) -> tuple[str, str]:
        """The band's two lines: which queues fall under target, and what would hold
        them ("N more agents", the most any of them needs: the agents are one pool).
        A warning held after its queue is back at target (``recovering``) is named
        only when every warning is: then the band says they are back and held."""
        warn = self.warnings()
        if not warn:
            return "", ""
        target = f"{pct(warn[0][1].target)}%"
        under = [(n, f) for n, f in warn if not f.recovering]
        queues = QCoreApplication.translate("Wallboard", ", ").join(
            f"{name} {pct(f.projected)}%" for name, f in (under or warn))
        if not under:
            return (QCoreApplication.translate(
                "Wallboard", "Forecast back at the target {target}: {queues}").format(
                target=target, queues=queues),
                QCoreApplication.translate(RECOVERING.context, RECOVERING.source))
        first = QCoreApplication.translate(
            "Wallboard", "Forecast under the target {target}: {queues}").format(
            target=target, queues=queues)
        needs = [f.more_agents for _n, f in under]
        if any(n is None for n in needs):
            second = QCoreApplication.translate(NO_AGENTS.context, NO_AGENTS.source)
        else:
            second = QCoreApplication.translate(MORE_AGENTS.context, MORE_AGENTS.source).format(
                n=max(n for n in needs if n is not None))
        return first, second

    def _paint_warning(self, cv: Canvas, r: QRectF) -> None:
        th, u = self.theme, self.u
        first, second = self.warning_text()
        held = all(f.recovering for _n, f in self.warnings())  # back at target, held
        ground = th.amber if held else th.red
        # the dark wall's amber is light: white on it cannot be read from 8 m
        ink = th.header if ground.lightnessF() > 0.6 else th.on_colour
        cv.box(r, self._c(ground), radius=0.8 * u)
        pad = 1.5 * u
        inner = r.adjusted(pad, 0.6 * u, -pad, -0.6 * u)
        half = inner.height() / 2
        # each line a little short of its half: the fitter lets a line be 2 % taller
        # than its box, and a CJK line is tall; two full halves would touch
        line = 0.95 * half
        cv.text(QRectF(inner.left(), inner.top(), inner.width(), line), first, ink,
                size=5.0, bold=True, role="queues.warning")
        cv.text(QRectF(inner.left(), inner.bottom() - line, inner.width(), line), second,
                ink, size=5.0, bold=True, role="queues.warning.more")

    def resizeEvent(self, e: QResizeEvent) -> None:
        super().resizeEvent(e)
        self._ticker_key = ()
        self._layout_metrics()
        self._rebuild_slots()

    def changeEvent(self, e: QEvent) -> None:
        if e.type() == QEvent.Type.LanguageChange:
            self._ticker_key = ()
            self.text_cache.clear()  # the old language's pictures are not drawn again
            self.update()
        super().changeEvent(e)

    # ---- ticker ----------------------------------------------------------------------------

    def ticker_text(self) -> str:
        sep = "    ●    "
        parts = [QCoreApplication.translate("Wallboard", "{text} — {who}").format(
            text=i.text, who=i.by_name) for i in self._ticker_items]
        return sep.join(parts)

    def _ticker_label_width(self) -> float:
        return 12.0 * self.u

    def _update_ticker_animation(self) -> None:
        need = self._ticker_overflows()
        if need and self.animate and self.isVisible() and not self.ticker_timer.isActive():
            self.ticker_timer.start(33)
        elif not need and self.ticker_timer.isActive():
            self.ticker_timer.stop()
            self._ticker_x = 0.0

    def _ticker_overflows(self) -> bool:
        if not self.board_layout.ticker or not self._ticker_items:
            return False
        text = self.ticker_text()
        font = self.fitter.font(int(3.6 * self.u), True)
        avail = self.width() - self._ticker_label_width() - 2 * self.GAP * self.u
        return QFontMetricsF(font).horizontalAdvance(text) > avail

    def _scroll(self) -> None:
        # ~4 characters a second at speed 1.0, whatever the screen
        step = self.board_layout.ticker_speed * 3.6 * self.u * 4 * 0.033
        before = int(self._ticker_x)
        self._ticker_x += step
        d = int(self._ticker_x) - before  # the text moves by whole pixels
        if d <= 0:
            return
        win = self._ticker_window()
        if self.stale or self.devicePixelRatioF() != 1.0 or d >= win.width():
            self.update(self.ticker_rect().toAlignedRect())
        else:
            # issue #20: Qt moves the window's pixels left by d and asks for the d
            # columns coming in on the right, instead of a repaint of the whole strip
            # 30 times a second (the wall's largest cost after the pages)
            self.scroll(-d, 0, win)

    def _ticker_window(self) -> QRect:
        """Where the scrolling text shows, in whole pixels: the text's copies are
        drawn at whole-pixel places in it, so one step's picture is the last one
        moved by whole pixels."""
        r, g = self.ticker_rect(), self.GAP * self.u
        left = math.ceil(r.left() + self._ticker_label_width() + g)
        top = round(r.top())
        return QRect(left, top, math.floor(r.right() - g) - left, self.height() - top)

    def showEvent(self, e: QShowEvent) -> None:
        super().showEvent(e)
        self._update_ticker_animation()

    def hideEvent(self, e: QHideEvent) -> None:
        self.ticker_timer.stop()
        super().hideEvent(e)

    # ---- painting ----------------------------------------------------------------------------

    def paintEvent(self, e: QPaintEvent) -> None:
        p = QPainter(self)
        try:
            self._paint(p, e)
        finally:
            p.end()

    def _paint(self, p: QPainter, e: QPaintEvent) -> None:
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        p.setRenderHint(QPainter.RenderHint.TextAntialiasing)
        tr = self.ticker_rect()
        # the ticker's own repaints (its rect rounded out to whole pixels)
        if self.board_layout.ticker and e.rect().top() >= math.floor(tr.top()):
            # the ticker moving: nothing else, on the board's ground as in a whole paint
            # (the strip's top row is only partly the strip's); its label's text too when
            # the repaint reaches it (the whole strip: a stale board, a scaled display)
            p.fillRect(tr.toAlignedRect(), self.theme.bg)
            label = e.rect().left() < tr.left() + self._ticker_label_width()
            self._paint_ticker(p, tr, record=label, cv=Canvas(
                p, self.fitter, self.u, [], [], min_px=max(11, int(1.6 * self.u)),
                cache=self.text_cache if self.cache_text else None) if label else None)
            if self.stale:  # the scrim the whole paint lays over the board, strip too
                p.setPen(Qt.PenStyle.NoPen)
                p.setBrush(self.theme.scrim)
                p.drawRect(QRectF(self.rect()))
            return
        region = e.region()
        whole = region.rectCount() == 1 and region.boundingRect() == self.rect()
        squares, self._squares = self._squares, None
        if not whole and squares is not None and region == squares.region:
            self._paint_squares(p, tr, squares)
            return
        ops = self._shown_ops
        if (not whole and ops is not None and ops.key == self._ops_key()
                and self.slot.page in self.OPS_PAGES):
            self._paint_ops(p, tr, region, ops)
            return
        if whole:  # what the tests and screenshots read: the last whole board's texts
            self.drawn = []
            self.overflow = []
        else:  # the second's repaint of some squares (issue #20): Qt clips to them
            self._clip = region
        try:
            self._paint_board(p, tr, whole)
        finally:
            self._clip = None

    def _paint_squares(self, p: QPainter, tr: QRectF, sq: _Squares) -> None:
        """The second's repaint of an agents page, as asked for: the header, the
        ticker, the squares that changed and the times that changed, each painted
        clipped to its own rectangle (issue #20: a clip of hundreds of rectangles
        makes every fill go span by span). Nothing is recorded in ``drawn``."""
        th, grid = self.theme, sq.grid
        cv = Canvas(p, self.fitter, self.u, [], [], min_px=max(11, int(1.6 * self.u)),
                    cache=self.text_cache if self.cache_text else None)
        head = QRectF(0, 0, self.width(), self.HEADER * self.u).toAlignedRect()
        p.setClipRect(head)
        p.fillRect(head, th.bg)
        self._paint_header(cv)
        if self.board_layout.ticker:
            strip = tr.toAlignedRect()
            p.setClipRect(strip)
            p.fillRect(strip, th.bg)
            self._paint_ticker(p, tr, record=True, cv=cv)
        cv.recording = False  # nobody reads a part's texts
        p.setRenderHint(QPainter.RenderHint.Antialiasing, False)  # as the whole page
        for i in sq.whole:
            box = grid.rects[i].toAlignedRect()
            p.setClipRect(box)
            p.fillRect(box, th.bg)
            self._cell(cv, grid, i)
        for i in sq.times:
            p.setClipRect(grid.times[i].toAlignedRect())
            self._cell(cv, grid, i, time_only=True)

    def _paint_ops(self, p: QPainter, tr: QRectF, region: QRegion, shown: _Ops) -> None:
        """A part of an ops page: each rectangle of ``region`` filled and the ops that
        reach it replayed under its own clip, then the ticker if it is in the region."""
        bg = self.theme.bg
        strip = tr.toAlignedRect() if self.board_layout.ticker else QRect()
        for r in rects_of(region):
            if strip.contains(r):
                continue
            p.setClipRect(r)
            p.fillRect(r, bg)
            self._replay(p, (op for op, b in zip(shown.ops, shown.bounds, strict=True)
                             if b.intersects(r)), r)
        if not strip.isEmpty() and region.intersects(strip):
            p.setClipRect(strip)
            p.fillRect(strip, bg)
            cv = Canvas(p, self.fitter, self.u, [], [], min_px=max(11, int(1.6 * self.u)),
                        cache=self.text_cache)
            self._paint_ticker(p, tr, record=True, cv=cv)

    def _needs(self, r: QRectF) -> bool:
        """Whether any of ``r`` is in the region being painted: what is not is left
        as it is on screen."""
        return self._clip is None or self._clip.intersects(r.toAlignedRect())

    def _paint_board(self, p: QPainter, tr: QRectF, whole: bool) -> None:
        cv = Canvas(p, self.fitter, self.u, self.drawn if whole else [],
                    self.overflow if whole else [], min_px=max(11, int(1.6 * self.u)),
                    cache=self.text_cache if self.cache_text else None)
        p.fillRect(self.rect(), self.theme.bg)  # whole pixels: the solid-fill fast path
        if whole:  # set again below when the page is a grid of squares or ops
            self._shown = None
            self._shown_ops = None
        if (whole and self.cache_text and self.state is not None
                and self.slot.page in self.OPS_PAGES):
            ops = self._record(cv.drawn, cv.overflow)
            self._replay(p, ops)
            if not self.stale and self.link_down_since is None:  # drawn over the ops
                self._shown_ops = _Ops(self._ops_key(), ops,
                                       [self._op_bounds(op) for op in ops])
        else:
            if self._needs(QRectF(0, 0, self.width(), self.HEADER * self.u)):
                self._paint_header(cv)
            self._paint_page(cv)
        if self.board_layout.ticker and self._needs(tr):
            self._paint_ticker(p, tr, record=True, cv=cv)
        if self.stale:
            self._paint_stale(cv)
        if self.link_down_since is not None:  # above the stale scrim: both read at once
            self._paint_link(cv)

    def _paint_page(self, cv: Canvas) -> None:
        page = self.slot.page
        if self.state is None:
            cv.text(self.content_rect(), QCoreApplication.translate(
                "Wallboard", "Waiting for the floor…"), self.theme.muted, size=5,
                align=Qt.AlignmentFlag.AlignHCenter)
        elif page == "overview":
            self._paint_overview(cv)
        elif page == "agents":
            self._paint_agents(cv)
        elif page == "queues":
            self._paint_queues(cv)
        elif page == "alerts":
            self._paint_alerts(cv)

    def _c(self, colour: QColor) -> QColor:
        """A value's colour, or grey while the data is stale."""
        return self.theme.stale if self.stale else colour

    def _tz(self) -> ZoneInfo | None:
        """The floor's zone: its policy's once the floor has answered, before that the
        one the board was given — never the PC's while the floor's is known."""
        return self.state.policy.tz if self.state is not None else self.zone

    def _local(self, t: datetime | None, fmt: str = "%H:%M:%S") -> str:
        if t is None:
            return "—"
        return t.astimezone(self._tz()).strftime(fmt)

    def _paint_header(self, cv: Canvas) -> None:
        u, g, th = self.u, self.GAP * self.u, self.theme
        h = self.HEADER * u
        r = QRectF(0, 0, self.width(), h)
        cv.box(r, th.header)
        w = self.width()
        title = wb.redact(self.board_layout.title) or QCoreApplication.translate(
            "Wallboard", "Call floor")
        cv.text(QRectF(g * 2, 0, w * 0.30, h), title, th.text, size=4.2, bold=True,
                role="title")
        slot = self.slot
        name = page_title(slot.page)
        if slot.parts > 1:
            name = QCoreApplication.translate("Wallboard", "{page} {n}/{m}").format(
                page=name, n=slot.part + 1, m=slot.parts)
        cv.text(QRectF(w * 0.31, 0, w * 0.17, h), name, th.text, size=4.0, bold=True,
                role="page")
        sh = self._values.get("shift")
        if isinstance(sh, Period):
            label = sh.name or QCoreApplication.translate("Wallboard", "Between shifts")
            text = QCoreApplication.translate("Wallboard", "{shift} since {start}").format(
                shift=label, start=self._local(sh.start, "%H:%M"))
            cv.text(QRectF(w * 0.48, 0, w * 0.22, h), text, th.muted, size=3.2, role="shift")
            peak = self._values.get("peak")
            if peak:
                pill = QRectF(w * 0.70, h * 0.14, w * 0.15, h * 0.72)
                cv.box(pill, th.red, radius=h * 0.2)
                cv.text(pill.adjusted(g, 0, -g, 0), QCoreApplication.translate(
                    "Wallboard", "Peak plan L{level}").format(level=peak),
                    th.on_colour, size=3.4, bold=True, align=Qt.AlignmentFlag.AlignHCenter,
                    role="peak")
        now = self._at
        cv.text(QRectF(w * 0.86, 0, w * 0.14 - g * 2, h),
                self._local(now) if now is not None else "", th.text, size=4.4, bold=True,
                align=Qt.AlignmentFlag.AlignRight, role="clock")

    # -- overview --

    def _paint_overview(self, cv: Canvas) -> None:
        ov = self._values.get("overview")
        if not isinstance(ov, wb.Overview):
            return
        c, g, u = self.content_rect(), self.GAP * self.u, self.u
        # the rows' shares of a full board; a telephony-link band takes its height
        # from all three alike
        k = c.height() / self._full_content_h()
        row1 = 30.0 * u * k
        row2 = 29.5 * u * k
        rest = c.height() - row1 - row2 - 2 * g
        # row 1: the queue now and the shift's rates (short numbers: four across)
        w4 = (c.width() - 3 * g) / 4
        x4 = [c.left() + i * (w4 + g) for i in range(4)]
        self._tile(cv, QRectF(x4[0], c.top(), w4, row1),
                   QCoreApplication.translate("Wallboard", "Waiting now"),
                   str(int(ov.waiting.value or 0)), "", ov.waiting,
                   target_text("waiting", ov.waiting.band), "waiting")
        self._tile(cv, QRectF(x4[1], c.top(), w4, row1),
                   QCoreApplication.translate("Wallboard", "Longest wait"),
                   dur(ov.longest_wait.value), "", ov.longest_wait,
                   target_text("longest_wait_s", ov.longest_wait.band), "longest_wait")
        sl_label = QCoreApplication.translate("Wallboard", "Service level ({t} s)").format(
            t=f"{self.state.policy.sl_threshold_s:g}" if self.state else "20")
        self._tile(cv, QRectF(x4[2], c.top(), w4, row1), sl_label,
                   pct(ov.service_level.value),
                   "%" if ov.service_level.value is not None else "", ov.service_level,
                   target_text("service_level", ov.service_level.band), "service_level")
        self._tile(cv, QRectF(x4[3], c.top(), w4, row1),
                   QCoreApplication.translate("Wallboard", "Answer rate"),
                   pct(ov.answer_rate.value), "%" if ov.answer_rate.value is not None else "",
                   ov.answer_rate, target_text("answer_rate", ov.answer_rate.band),
                   "answer_rate")
        # row 2: this shift's counts (four or five digits: three across)
        y2 = c.top() + row1 + g
        w3 = (c.width() - 2 * g) / 3
        x3 = [c.left() + i * (w3 + g) for i in range(3)]
        none = wb.Tile("count", None)
        self._tile(cv, QRectF(x3[0], y2, w3, row2),
                   QCoreApplication.translate("Wallboard", "Answered"), str(ov.answered), "",
                   none, QCoreApplication.translate("Wallboard", "of {n} offered").format(
                       n=ov.offered), "answered")
        ab = ov.abandon_rate
        self._tile(cv, QRectF(x3[1], y2, w3, row2),
                   QCoreApplication.translate("Wallboard", "Abandoned"), str(ov.abandoned), "",
                   ab, QCoreApplication.translate(
                       "Wallboard", "{rate}% · target ≤ {target}%").format(
                       rate=pct(ab.value), target=pct(ab.target)), "abandoned")
        self._tile(cv, QRectF(x3[2], y2, w3, row2),
                   QCoreApplication.translate("Wallboard", "IVR only"), str(ov.ivr_only), "",
                   none, QCoreApplication.translate("Wallboard", "self-service, this shift"),
                   "ivr_only")
        # row 3: the agents
        y3 = y2 + row2 + g
        self._states_row(cv, QRectF(c.left(), y3, c.width(), rest), ov)

    def _full_content_h(self) -> float:
        """The content's height without a telephony-link band."""
        u, g = self.u, self.GAP * self.u
        return (self.height() - (self.TICKER * u if self.board_layout.ticker else 0) - g
                - (self.HEADER * u + g))

    def _tile(self, cv: Canvas, r: QRectF, label: str, value: str, unit: str, tile: wb.Tile,
              sub: str, role: str) -> None:
        th, u = self.theme, self.u
        cv.box(r, th.panel, radius=1.0 * u)
        colour = th.band(tile.colour) if tile.colour != "none" else th.text
        if tile.colour != "none":
            cv.box(QRectF(r.left(), r.top(), r.width(), 0.9 * u), self._c(colour))
        pad = 1.6 * u
        inner = r.adjusted(pad, pad, -pad, -pad)
        label_h = 4.6 * u
        sub_h = 4.2 * u
        cv.text(QRectF(inner.left(), inner.top(), inner.width(), label_h), label, th.muted,
                size=3.6, bold=True, role=f"{role}.label")
        num = QRectF(inner.left(), inner.top() + label_h + 0.9 * u, inner.width(),
                     inner.height() - label_h - sub_h - 1.8 * u)
        unit_w = 0.0
        if unit:
            unit_font = cv.fit.font(int(7 * u), True)
            unit_w = QFontMetricsF(unit_font).horizontalAdvance(unit) + 0.5 * u
        # the numeral's digits as tall as the box allows (≥ 12 % of the screen height
        # on the overview at 1080p and 4K), centred together with the unit
        px = cv.fit.fit(value, num.width() - unit_w, num.height(), int(22 * u), True, tight=True)
        vw = QFontMetricsF(cv.fit.font(px, True)).horizontalAdvance(value)
        left = num.left() + (num.width() - vw - unit_w) / 2
        d = cv.numeral(QRectF(left, num.top(), vw, num.height()), value, self._c(colour),
                       size=22, role=f"{role}.value")
        if unit:
            cv.text(QRectF(left + vw + 0.5 * u, d.rect.bottom() - 6.5 * u, unit_w, 6.5 * u),
                    unit, self._c(colour), size=7, bold=True, role=f"{role}.unit")
        cv.text(QRectF(inner.left(), inner.bottom() - sub_h, inner.width(), sub_h), sub,
                th.muted, size=3.2, align=Qt.AlignmentFlag.AlignHCenter, role=f"{role}.target")

    def _states_row(self, cv: Canvas, r: QRectF, ov: wb.Overview) -> None:
        th, u, g = self.theme, self.u, self.GAP * self.u
        breaks_h = 5.0 * u
        chips = QRectF(r.left(), r.top(), r.width(), r.height() - breaks_h - g)
        n = len(wb.STATE_GROUPS)
        w = (chips.width() - (n - 1) * g) / n
        for i, key in enumerate(wb.STATE_GROUPS):
            cr = QRectF(chips.left() + i * (w + g), chips.top(), w, chips.height())
            cv.box(cr, th.panel, radius=1.0 * u)
            cv.box(QRectF(cr.left(), cr.top(), 1.2 * u, cr.height()), th.states[key])
            inner = cr.adjusted(2.4 * u, 0.6 * u, -1.2 * u, -0.6 * u)
            lh = inner.height() * 0.34
            cv.text(QRectF(inner.left(), inner.top(), inner.width(), lh), group_label(key),
                    th.muted, size=3.4, bold=True, role=f"state.{key}.label")
            colour = th.text
            if key == "short_break" and any(b.colour == "red" for b in ov.group_breaks):
                colour = th.red
            cv.numeral(QRectF(inner.left(), inner.top() + lh + 0.8 * u, inner.width() * 0.9,
                              inner.height() - lh - 1.6 * u), str(ov.states.get(key, 0)),
                       self._c(colour), size=12, role=f"state.{key}.value",
                       align=Qt.AlignmentFlag.AlignLeft)
        # R-BREAK-2 per group: "一班 小休 2/2", over-limit groups first
        br = QRectF(r.left(), r.bottom() - breaks_h, r.width(), breaks_h)
        items = sorted(ov.group_breaks, key=lambda b: {"red": 0, "amber": 1}.get(b.colour, 2))
        if not items:
            cv.text(br, QCoreApplication.translate("Wallboard", "Nobody on a short break"),
                    th.muted, size=3.2, role="breaks")
            return
        x = br.left()
        shown = 0
        for b in items:
            text = QCoreApplication.translate("Wallboard", "{group} short break {n}/{max}").format(
                group=b.name, n=b.on_break, max=b.limit)
            font = cv.fit.font(int(3.2 * u), True)
            tw = QFontMetricsF(font).horizontalAdvance(text) + 2.4 * u
            more_w = 12 * u if shown < len(items) - 1 else 0
            if x + tw + more_w > br.right():
                break
            colour = th.band(b.colour) if b.colour != "green" else th.text
            pill = QRectF(x, br.top() + 0.4 * u, tw, br.height() - 0.8 * u)
            cv.box(pill, th.panel, radius=0.8 * u)
            cv.text(pill.adjusted(1.2 * u, 0, -1.2 * u, 0), text, self._c(colour), size=3.2,
                    bold=True, align=Qt.AlignmentFlag.AlignHCenter, role="breaks")
            x += tw + g
            shown += 1
        if shown < len(items):
            cv.text(QRectF(x, br.top(), br.right() - x, br.height()),
                    QCoreApplication.translate("Wallboard", "+{n} more").format(
                        n=len(items) - shown), th.muted, size=3.2, role="breaks.more")

    # -- agent grid --

    def _legend(self, cv: Canvas, r: QRectF, keys: Iterable[str]) -> None:
        th, u = self.theme, self.u
        x = r.left()
        for key in keys:
            text = group_label(key)
            font = cv.fit.font(int(3.0 * u), False)
            tw = QFontMetricsF(font).horizontalAdvance(text)
            cv.box(QRectF(x, r.top() + r.height() * 0.25, r.height() * 0.5, r.height() * 0.5),
                   th.states[key], radius=0.3 * u)
            cv.text(QRectF(x + r.height() * 0.65, r.top(), tw + u, r.height()), text, th.muted,
                    size=3.0, role="legend")
            x += r.height() * 0.65 + tw + 3 * u

    def _agents_legend(self, cv: Canvas) -> None:
        """The agents page's legend and head count, above its squares."""
        th, u = self.theme, self.u
        cells: list[wb.AgentCell] = self._values.get("cells", [])  # type: ignore[assignment]
        c = self.content_rect()
        keys = ["ready", "ringing", "talking", "after_call", "short_break", "away"]
        if self.board_layout.show_logged_out:
            keys.append("logged_out")
        legend = QRectF(c.left(), c.top(), c.width(), 4.5 * u)
        if self._needs(legend):
            self._legend(cv, QRectF(legend.left(), legend.top(), c.width() * 0.75,
                                    legend.height()), keys)
            cv.text(QRectF(c.left() + c.width() * 0.75, c.top(), c.width() * 0.25, 4.5 * u),
                    QCoreApplication.translate("Wallboard", "{n} logged in").format(
                        n=len(cells)),
                    th.muted, size=3.0, align=Qt.AlignmentFlag.AlignRight, role="legend.count")

    def _paint_agents(self, cv: Canvas) -> None:
        th = self.theme
        cells: list[wb.AgentCell] = self._values.get("cells", [])  # type: ignore[assignment]
        self._agents_legend(cv)
        if not cells:
            cv.text(self._grid_area(), QCoreApplication.translate(
                "Wallboard", "No agent is logged in"), th.muted, size=5,
                align=Qt.AlignmentFlag.AlignHCenter, role="empty")
            return
        grid = self._grid(cells)
        if self._clip is None:  # the whole page is on screen as it is now
            self._shown = grid
        cv.p.setRenderHint(QPainter.RenderHint.Antialiasing, False)  # crisp squares, fast
        if self._clip is None and cv.cache is not None:
            self._paint_cells(cv, grid)
        else:
            for i, r in enumerate(grid.rects):
                if self._needs(r):
                    self._cell(cv, grid, i)
        cv.p.setRenderHint(QPainter.RenderHint.Antialiasing, True)

    def _paint_cells(self, cv: Canvas, grid: _Grid) -> None:
        """Every square of the grid, the same pixels as ``_cell`` square by square,
        painted kind by kind: the fills of one colour in one call, then the borders,
        the names and the times (issue #20: a page turn to an agents page painted
        300 squares one call at a time, 18–22 ms at 4K, half of it Python's). The
        squares do not overlap and each one's parts are painted in the same order, so
        the order between squares changes no pixel."""
        p, th, u = cv.p, self.theme, self.u
        cache = cv.cache
        assert cache is not None
        fills: dict[object, list[QRectF]] = {}
        borders: dict[object, list[QRectF]] = {}
        for r, look in zip(grid.rects, grid.looks, strict=True):
            fills.setdefault(look[0], []).append(r)
            if look[1] is not None:
                borders.setdefault(look[1], []).append(r)
        p.setPen(Qt.PenStyle.NoPen)
        for key, rs in fills.items():
            p.setBrush(th.stale if key == "stale" else th.states[key])  # type: ignore[index]
            p.drawRects(rs)
        if borders:
            width = max(2.0, 0.55 * u)
            half = width / 2
            p.setBrush(Qt.BrushStyle.NoBrush)
            for level, rs in borders.items():
                pen = QPen(th.amber if level is Level.WARN else th.red)
                pen.setWidthF(width)
                p.setPen(pen)
                p.drawRects([r.adjusted(half, half, -half, -half) for r in rs])
        texts = self._cell_texts_of(grid)
        n = len(grid.looks)
        who = self._cell_texts(cv, texts[:n], grid.who_px, "cell.who")
        when = self._cell_texts(cv, texts[n:], grid.time_px, "cell.time")
        if cv.recording:  # square by square, as ``_cell`` records them
            cv.drawn.extend(d for pair in zip(who, when, strict=True) for d in pair if d)

    def _cell_texts(self, cv: Canvas, texts: list[tuple[QRectF, str, int, QColor]], px: int,
                    role: str) -> list[Drawn | None]:
        """``_cell_text`` for many squares' texts of one size: the font set once and
        the pen once a colour; what each one drew (while ``cv`` records)."""
        cache = cv.cache
        assert cache is not None
        p, font, m = cv.p, cv.fit.font(px, True), cv.fit.metrics(px, True)
        dev = p.device()
        small = px * (dev.devicePixelRatioF() if dev is not None else 1.0) <= (
            cache.sprite_min_px)
        mh = m.height()
        pen: QColor | None = None
        p.setFont(font)
        names: dict[int, str] = {}
        lines, statics, bold = cache.lines, cache.statics, font.bold()
        recording, drawn = cv.recording, cv.drawn
        out: list[Drawn | None] = []
        for r, text, _px, colour in texts:  # all of them ``px``
            key = (text, px, bold)
            line = lines.get(key) or cache.line(text, font, m)
            ascent, lh, tw = line
            left, top, w, h = cast(tuple[float, float, float, float], r.getRect())
            if tw > w:  # a rare long one (h:mm:ss): fitted on its own
                cv.drawn = []
                self._cell_text(cv, r, text, colour, px, role)
                if recording:
                    out.append(cv.drawn[0] if cv.drawn else None)
                cv.drawn = drawn
                p.setFont(font)
                pen = None
                continue
            x = left + (w - tw) / 2
            baseline = top + (h - lh) / 2 + ascent
            if not small:
                cache.draw(p, font, m, colour, x, baseline, text)
            else:  # as ``cache.draw`` draws it
                if colour is not pen:
                    p.setPen(colour)
                    pen = colour
                p.drawStaticText(QPointF(x, baseline - ascent),
                                 statics.get(key) or cache.static(text, font))
            if recording:
                name = names.get(id(colour))
                if name is None:
                    name = names[id(colour)] = colour.name()
                out.append(Drawn(text, QRectF(left + w / 2 - tw / 2, top + h / 2 - mh / 2,
                                              tw, mh), px, role, name))
        return out

    def _grid(self, cells: list[wb.AgentCell]) -> _Grid:
        """The agents page's part on screen: its squares, where each goes, one font
        size for every name and one for every time — fitted once to the widest name
        and the longest time: hundreds of squares, one measurement each."""
        key = (self.slot, self.size(), len(cells), self.stale,
               self.link_down_since is not None, self.theme.name, self.cache_text,
               self.not_set_up, self.u)
        memo = self._grid_memo  # the second's request and its paint: one grid
        if memo is not None and memo[2] is cells and memo[0] == key:
            return memo[1]
        u = self.u
        cols, rows, w, h = self.grid_geometry(len(cells))
        per = cols * rows
        part = min(self.slot.part, max(0, math.ceil(len(cells) / per) - 1))
        page = cells[part * per:(part + 1) * per]
        area = self._grid_area()
        g = 0.45 * u
        pad = 1.05 * u
        iw, ih = w - 2 * pad, (h - 1.2 * pad) / 2
        max_px = max(9, int(h * 0.36))
        ref = self.fitter.metrics(max_px, True)
        whos = [f"{c.agent} {c.surname}".strip() for c in page]
        widest = max(whos, key=ref.horizontalAdvance)
        who_px = max(9, self.fitter.fit(widest, iw, ih, max_px, True))
        time_px = max(9, self.fitter.fit("+88:88", iw, ih, max_px, True))
        rects = [QRectF(area.left() + (i % cols) * (w + g), area.top() + (i // cols) * (h + g),
                        w, h) for i in range(len(page))]
        stale = self.stale
        looks = [self._look(c, who, stale) for c, who in zip(page, whos, strict=True)]
        times = [self._time_rect(r, pad) for r in rects]
        grid = _Grid(key + (who_px, time_px), rects, times, looks, who_px, time_px, pad)
        self._grid_memo = (key, grid, cells)
        return grid

    @staticmethod
    def _look(cell: wb.AgentCell, who: str, stale: bool) -> tuple[object, ...]:
        """What one square shows: (colour, border, name, time); the time's colour
        follows the border. Two equal looks are the same pixels (issue #20: a square
        whose time alone changed repaints its time only)."""
        key = "stale" if stale else cell_colour_key(cell.state, cell.reason)
        level = cell.level if cell.level in (Level.WARN, Level.OVER) and not stale else None
        if cell.remaining_s is not None and key == "short_break":
            # the break counts down (↓); past the limit it counts up in red (R-BREAK-1)
            t = ("↓" + dur(cell.remaining_s) if cell.remaining_s > 0
                 else "+" + dur(-cell.remaining_s))
        else:
            t = dur(cell.elapsed_s)
        return key, level, who, t

    @staticmethod
    def _time_rect(r: QRectF, pad: float) -> QRectF:
        """The lower half of a square's inner box, where its time is drawn."""
        inner = r.adjusted(pad, pad * 0.6, -pad, -pad * 0.6)
        half_h = inner.height() / 2
        return QRectF(inner.left(), inner.top() + half_h, inner.width(), half_h)

    def _cell(self, cv: Canvas, grid: _Grid, i: int, time_only: bool = False) -> None:
        """Square ``i`` of the grid; ``time_only``: its time's half alone (the
        painter is clipped to it), the rest of the square is on screen as it is."""
        th, u = self.theme, self.u
        r, tr = grid.rects[i], grid.times[i]
        key, level, who, t = grid.looks[i]
        fill = th.stale if key == "stale" else th.states[key]  # type: ignore[index]
        if time_only:
            cv.p.fillRect(tr.toAlignedRect(), fill)
        else:
            cv.box(r, fill)
        if level is not None:
            pen = QPen(th.amber if level is Level.WARN else th.red)
            pen.setWidthF(max(2.0, 0.55 * u))
            cv.p.setPen(pen)
            cv.p.setBrush(Qt.BrushStyle.NoBrush)
            half = pen.widthF() / 2
            cv.p.drawRect(r.adjusted(half, half, -half, -half))
        colour = th.on_colour
        if level is Level.OVER:
            colour = QColor("#ffe14d") if th.name == "dark" else QColor("#fff3a0")
        who_r = QRectF(tr.left(), tr.top() - tr.height(), tr.width(), tr.height())
        # the name's ink lies inside its half: the time's repaint may take in the
        # pixel row the two halves share without the name being drawn again
        if not time_only and self._needs(who_r.adjusted(1, 1, -1, -1)):
            self._cell_text(cv, who_r, str(who), th.on_colour, grid.who_px, "cell.who")
        if self._needs(tr):
            self._cell_text(cv, tr, str(t), colour, grid.time_px, "cell.time")

    def _cell_text(self, cv: Canvas, r: QRectF, text: str, colour: QColor, px: int,
                   role: str) -> None:
        m = cv.fit.metrics(px, True)
        font = cv.fit.font(px, True)
        cache = cv.cache
        if cache is not None:  # hundreds of squares: one look-up for the line's metrics
            ascent, lh, tw = cache.line(text, font, m)
        else:
            tw = m.horizontalAdvance(text)
        if tw > r.width():  # a rare long one (h:mm:ss): fitted on its own
            cv.text(r, text, colour, size=px / self.u, bold=True,
                    align=Qt.AlignmentFlag.AlignHCenter, role=role, min_px=9)
            return
        if cache is None:
            cv.p.setFont(font)
            cv.p.setPen(colour)
            cv.p.drawText(r, int(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignVCenter),
                          text)
        else:
            top = r.top() + (r.height() - lh) / 2
            cache.draw(cv.p, font, m, colour, r.left() + (r.width() - tw) / 2, top + ascent,
                       text)
        if not cv.recording:
            return
        mh = m.height()
        cv.drawn.append(Drawn(text, QRectF(r.center().x() - tw / 2, r.center().y() - mh / 2,
                                           tw, mh), px, role, colour.name()))

    # -- queues --

    def _paint_queues(self, cv: Canvas) -> None:
        th, u, g = self.theme, self.u, self.GAP * self.u
        rows: list[wb.QueueRow] = self._values.get("queues", [])  # type: ignore[assignment]
        c = self.content_rect()
        st = self.state
        assert st is not None
        cols = [("name", QCoreApplication.translate("Wallboard", "Queue"), 0.19),
                ("waiting", QCoreApplication.translate("Wallboard", "Waiting"), 0.08),
                ("longest", QCoreApplication.translate("Wallboard", "Longest wait"), 0.11),
                ("sl", QCoreApplication.translate("Wallboard", "Service level"), 0.10),
                # issue #17: this 15-minute interval so far, and its forecast at its end
                ("iv", QCoreApplication.translate("Wallboard", "This interval"), 0.10),
                ("fc", QCoreApplication.translate("Wallboard", "Forecast"), 0.10),
                ("ar", QCoreApplication.translate("Wallboard", "Answer rate"), 0.10),
                ("answered", QCoreApplication.translate("Wallboard", "Answered"), 0.08),
                ("abandoned", QCoreApplication.translate("Wallboard", "Abandoned"), 0.08),
                ("ivr", QCoreApplication.translate("Wallboard", "IVR only"), 0.06)]
        targets = {"waiting": target_text("waiting", st.policy.band("waiting")),
                   "longest": target_text("longest_wait_s", st.policy.band("longest_wait_s")),
                   "sl": target_text("service_level", st.policy.band("service_level")),
                   "fc": target_text("service_level", st.policy.band("service_level")),
                   "ar": target_text("answer_rate", st.policy.band("answer_rate"))}
        head = 7.0 * u
        xs = []
        x = c.left()
        for _k, _t, share in cols:
            xs.append(x)
            x += c.width() * share
        for (k, title, share), x0 in zip(cols, xs, strict=True):
            wcol = c.width() * share - g
            align = Qt.AlignmentFlag.AlignLeft if k == "name" else Qt.AlignmentFlag.AlignRight
            cv.text(QRectF(x0, c.top(), wcol, head * 0.55), title, th.muted, size=3.2, bold=True,
                    align=align, role="queues.head")
            if k in targets:
                cv.text(QRectF(x0, c.top() + head * 0.55, wcol, head * 0.45), targets[k],
                        th.muted, size=2.5, align=align, role="queues.target")
        if not rows:
            cv.text(QRectF(c.left(), c.top() + head, c.width(), c.height() - head),
                    QCoreApplication.translate("Wallboard", "No queues are set up"), th.muted, size=5,
                    align=Qt.AlignmentFlag.AlignHCenter, role="empty")
            return
        per = self._rows_per_page
        part = min(self.slot.part, max(0, math.ceil(len(rows) / per) - 1))
        page = rows[part * per:(part + 1) * per]
        warn_h = self._warning_h()
        if warn_h:  # on every part of the page: the warning is the floor's
            self._paint_warning(cv, QRectF(c.left(), c.bottom() - warn_h + g * 0.5, c.width(),
                                           warn_h - g * 0.5))
        row_h = max(6.0 * u, min(10.0 * u, (c.height() - head - warn_h) / max(1, len(rows))))
        fc = self.forecasts()
        band = st.policy.band("service_level")
        y = c.top() + head
        for i, q in enumerate(page):
            rr = QRectF(c.left(), y, c.width(), row_h - 0.5 * u)
            if i % 2 == 0:
                cv.box(rr, th.panel, radius=0.6 * u)
            values = {
                "name": (q.name, th.text),
                "waiting": (str(int(q.waiting.value or 0)), th.band(q.waiting.colour)),
                "longest": (dur(q.longest_wait.value), th.band(q.longest_wait.colour)),
                "sl": (f"{pct(q.service_level.value)}%" if q.service_level.value is not None
                       else "—", th.band(q.service_level.colour)),
                "iv": self._percent(fc[q.queue].so_far if q.queue in fc else None, band),
                "fc": self._percent(fc[q.queue].projected if q.queue in fc else None, band,
                                    warn=q.queue in fc and fc[q.queue].warning
                                    and not fc[q.queue].recovering),
                "ar": (f"{pct(q.answer_rate.value)}%" if q.answer_rate.value is not None
                       else "—", th.band(q.answer_rate.colour)),
                "answered": (str(q.answered), th.text),
                "abandoned": (str(q.abandoned), th.text),
                "ivr": (str(q.ivr_only), th.text),
            }
            for (k, _t, share), x0 in zip(cols, xs, strict=True):
                text, colour = values[k]
                align = Qt.AlignmentFlag.AlignLeft if k == "name" else Qt.AlignmentFlag.AlignRight
                cell = QRectF(x0 + (u if k == "name" else 0), rr.top(),
                              c.width() * share - g - (u if k == "name" else 0), rr.height())
                cv.text(cell, text, self._c(colour), size=min(5.5, rr.height() / u * 0.62),
                        bold=k != "name", align=align, role=f"queues.{k}")
            y += row_h

    def _percent(self, v: float | None, band: Band, warn: bool = False) -> tuple[str, QColor]:
        """A forecast figure and its colour: red under target (the warning), else the
        policy's band."""
        if v is None:
            return "—", self.theme.text
        text = f"{pct(v)}%"
        if warn:
            return f"▼ {text}", self.theme.red
        return text, self.theme.band(band.colour(v))

    # -- alerts --

    def _paint_alerts(self, cv: Canvas) -> None:
        th, u, g = self.theme, self.u, self.GAP * self.u
        rows: list[wb.AlertRow] = self._values.get("alerts", [])  # type: ignore[assignment]
        c = self.content_rect()
        if not rows:
            cv.text(c, QCoreApplication.translate("Wallboard", "No active alerts"), self._c(th.green), size=6,
                    bold=True, align=Qt.AlignmentFlag.AlignHCenter, role="empty")
            return
        row_h = 8.0 * u
        fit = max(1, int((c.height() + g * 0.5) // (row_h + g * 0.5)))
        shown = rows if len(rows) <= fit else rows[:fit - 1]
        y = c.top()
        for a in shown:
            r = QRectF(c.left(), y, c.width(), row_h)
            cv.box(r, th.panel, radius=0.8 * u)
            sev = {Severity.CRITICAL: th.red, Severity.WARNING: th.amber}.get(a.severity,
                                                                              th.muted)
            cv.box(QRectF(r.left(), r.top(), 1.2 * u, r.height()), self._c(sev))
            x = r.left() + 2.4 * u
            if a.urgent:
                tag = QRectF(x, r.top() + 1.4 * u, 11 * u, r.height() - 2.8 * u)
                cv.box(tag, self._c(th.red), radius=0.6 * u)
                cv.text(tag, QCoreApplication.translate("Wallboard", "URGENT"), th.on_colour, size=3.4, bold=True,
                        align=Qt.AlignmentFlag.AlignHCenter, role="alerts.urgent")
                x += 12.5 * u
            w = r.width()
            cv.text(QRectF(x, r.top(), w * 0.36 - (x - r.left()), r.height()),
                    rule_title(a.rule, a.stage, a.variant), self._c(sev if a.severity is Severity.CRITICAL
                                                         else th.text),
                    size=4.0, bold=True, role="alerts.rule")
            subject = a.subject
            if a.kind == "ticket":
                subject = QCoreApplication.translate("Wallboard", "Ticket {id} · {category}").format(
                    id=a.subject, category=category_label(a.ticket_category)).rstrip(" ·")
            elif a.kind == "level":
                subject = QCoreApplication.translate("Wallboard", "Whole floor")
            cv.text(QRectF(r.left() + w * 0.37, r.top(), w * 0.30, r.height()), subject,
                    th.text, size=4.0, role="alerts.subject")
            cv.text(QRectF(r.left() + w * 0.68, r.top(), w * 0.13, r.height()), dur(a.age_s),
                    self._c(sev), size=4.4, bold=True, align=Qt.AlignmentFlag.AlignRight,
                    role="alerts.age")
            ack = (QCoreApplication.translate("Wallboard", "Acknowledged: {who}").format(who=a.acknowledged_by)
                   if a.acknowledged_by else QCoreApplication.translate("Wallboard", "Not acknowledged"))
            cv.text(QRectF(r.left() + w * 0.83, r.top(), w * 0.16, r.height()), ack,
                    th.muted if a.acknowledged_by else self._c(th.amber), size=3.0,
                    align=Qt.AlignmentFlag.AlignRight, role="alerts.ack")
            y += row_h + g * 0.5
        if len(shown) < len(rows):
            cv.text(QRectF(c.left(), y, c.width(), row_h), QCoreApplication.translate(
                "Wallboard", "+{n} more alerts on the shift leader's console").format(
                    n=len(rows) - len(shown)), th.muted, size=3.4,
                align=Qt.AlignmentFlag.AlignHCenter, role="alerts.more")

    # -- ticker and overlay --

    def _paint_ticker(self, p: QPainter, r: QRectF, *, record: bool,
                      cv: Canvas | None = None) -> None:
        th, u = self.theme, self.u
        p.setPen(Qt.PenStyle.NoPen)
        p.setBrush(th.header)
        p.drawRect(r)
        lw = self._ticker_label_width()
        label = QRectF(r.left(), r.top(), lw, r.height())
        p.setBrush(th.amber if self._ticker_items else th.panel)
        p.drawRect(label)
        text_r = QRectF(r.left() + lw + self.GAP * u, r.top(), r.width() - lw - 2 * self.GAP * u,
                        r.height())
        if record and cv is not None:
            cv.text(label.adjusted(u, 0, -u, 0), QCoreApplication.translate(
                "Wallboard", "Notice"), QColor("#1a1a1a") if self._ticker_items else th.muted,
                size=3.6, bold=True, align=Qt.AlignmentFlag.AlignHCenter, role="ticker.label")
        if not self._ticker_items:
            if record and cv is not None:
                cv.text(text_r, QCoreApplication.translate("Wallboard", "No announcements"),
                        th.muted, size=3.0, role="ticker.empty")
            return
        text = self.ticker_text()
        font = self.fitter.font(int(3.6 * u), True)
        m = QFontMetricsF(font)
        tw = m.horizontalAdvance(text)
        if record and cv is not None:
            # the whole text, for the tests (the strip shows a moving window of it)
            cv.drawn.append(Drawn(text, QRectF(text_r.left(), text_r.top(), min(tw, text_r.width()),
                                               text_r.height()), font.pixelSize(), "ticker",
                                     th.text.name()))
        p.save()
        if tw <= text_r.width():
            p.setClipRect(text_r)
            p.setFont(font)
            p.setPen(th.text)
            p.drawText(text_r, int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter),
                       text)
        else:  # copies one gap apart, at whole pixels (see _scroll)
            win = self._ticker_window()
            p.setClipRect(win)
            pix = self._ticker_pixmap(text, font, tw, text_r.height())
            span = math.ceil(tw + 8 * u)
            x = win.left() - int(self._ticker_x) % span
            while x <= win.right():
                p.drawPixmap(x, win.top(), pix)
                x += span
        p.restore()

    def _ticker_pixmap(self, text: str, font: QFont, tw: float, h: float) -> QPixmap:
        key = (text, font.pixelSize(), int(h), self.theme.name)
        if self._ticker_key != key or self._ticker_pix is None:
            dpr = self.devicePixelRatioF()
            pix = QPixmap(int(math.ceil(tw * dpr)) + 2, int(math.ceil(h * dpr)))
            pix.setDevicePixelRatio(dpr)
            pix.fill(self.theme.header)
            pp = QPainter(pix)
            pp.setRenderHint(QPainter.RenderHint.TextAntialiasing)
            pp.setFont(font)
            pp.setPen(self.theme.text)
            pp.drawText(QRectF(0, 0, tw + 2, h),
                        int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter), text)
            pp.end()
            self._ticker_pix, self._ticker_key = pix, key
        return self._ticker_pix

    def _paint_link(self, cv: Canvas) -> None:
        """"话务平台连接中断（自 hh:mm:ss）" and why it matters, on every page (issue #14):
        a band of its own under the header, its title larger than the header's texts
        so it reads from the back of the room."""
        th, u = self.theme, self.u
        r = self.link_rect()
        cv.box(r, th.link_bg)
        cv.box(QRectF(r.left(), r.top(), 1.2 * u, r.height()), th.amber)
        inner = r.adjusted(3 * u, 0.4 * u, -3 * u, -0.4 * u)
        title_h = inner.height() * 0.62
        cv.text(QRectF(inner.left(), inner.top(), inner.width(), title_h),
                link_down_title(self._local(self.link_down_since)), th.link_text, size=5.0,
                bold=True, align=Qt.AlignmentFlag.AlignHCenter, role="link.title")
        cv.text(QRectF(inner.left(), inner.top() + title_h, inner.width(),
                       inner.height() - title_h), link_down_note(), th.link_text, size=3.2,
                align=Qt.AlignmentFlag.AlignHCenter, role="link.note")

    def _paint_stale(self, cv: Canvas) -> None:
        th, u = self.theme, self.u
        cv.box(QRectF(self.rect()), th.scrim)
        box = QRectF(self.width() * 0.2, self.height() * 0.32, self.width() * 0.6,
                     self.height() * 0.36)
        cv.box(box, th.panel, radius=1.5 * u)
        cv.box(QRectF(box.left(), box.top(), box.width(), 1.2 * u), th.red)
        since = self.stale_since
        title = QCoreApplication.translate("Wallboard", "Data interrupted")
        cv.text(QRectF(box.left(), box.top() + 3 * u, box.width(), 12 * u), title, th.red,
                size=11, bold=True, align=Qt.AlignmentFlag.AlignHCenter, role="stale.title")
        line = (QCoreApplication.translate("Wallboard", "since {time}").format(
            time=self._local(since)) if since is not None else
            QCoreApplication.translate("Wallboard", "no data received yet"))
        hint = QCoreApplication.translate(
            "Wallboard", "The figures are not current. The board reconnects by itself.")
        if self.not_set_up and since is None:
            # a wall PC never set up waits for a floor that will never come: say what
            # to do, not only that data is missing (issue #19)
            line = QCoreApplication.translate("Wallboard", "This PC has no floor database yet")
            hint = QCoreApplication.translate(
                "Wallboard", "Set it up once with the shift leader console on this PC, or "
                             "have IT save a connection; then start the wall screen again.")
        cv.text(QRectF(box.left(), box.top() + 16 * u, box.width(), 8 * u), line, th.text,
                size=6, bold=True, align=Qt.AlignmentFlag.AlignHCenter, role="stale.since")
        cv.text(QRectF(box.left() + 2 * u, box.top() + 26 * u, box.width() - 4 * u, 6 * u),
                hint, th.muted, size=3.2, align=Qt.AlignmentFlag.AlignHCenter,
                role="stale.hint")

    # ---- for tests and screenshots -----------------------------------------------------------

    def texts(self) -> list[str]:
        return [d.text for d in self.drawn]

    def render_page(self, page: str, part: int = 0) -> list[Drawn]:
        """Show ``page`` and paint it now; what was drawn."""
        self.tick()
        self.show_page(page, part)
        return self.paint_now()

    def paint_now(self) -> list[Drawn]:
        """Paint the current page now (into a pixmap: shown or not); what was drawn."""
        self.grab()
        return list(self.drawn)
