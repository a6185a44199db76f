"""The wallboard's layout file (issue #5): which pages rotate, how long each stays,
which one is pinned, theme and language, the ticker.

A TOML document, validated whole: a bad file is refused with the dotted key, the
reason and — for a TOML syntax error — the line, and nothing partial is used
(the same contract as the floor policy, :mod:`models.domain.policy`).

    title = "12345 政务服务热线"      # shown in the header
    pages = ["overview", "agents", "queues", "alerts"]   # rotation order
    rotate_s = 15                     # seconds per page (a page may override)
    pin = ""                          # a page name: stay on it, no rotation
    theme = "dark"                    # dark | light
    language = "zh_CN"                # zh_CN | en
    stale_after_s = 5                 # no fresh data this long: "数据中断" overlay
    timezone = ""                     # the floor's zone, for the clock before the
                                      # database answers (e.g. "Asia/Shanghai")

    [ticker]
    enabled = true
    speed = 1.0                       # 1.0 ≈ 4 Chinese characters a second

    [page.agents]
    seconds = 20
    groups = []                       # only these groups (ids); empty: all
    show_logged_out = false

    [page.queues]
    queues = []                       # only these queues (ids); empty: all
"""

from __future__ import annotations

import math
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from models.domain.textfile import TextFileError, decode_text

PAGES = ("overview", "agents", "queues", "alerts")


class LayoutError(ValueError):
    """A layout value that cannot be used; ``key`` names it (``page.agents.seconds``)."""

    def __init__(self, key: str, reason: str, source: str = "") -> None:
        where = f"{source}: " if source else ""
        super().__init__(f"{where}{key}: {reason}" if key else f"{where}{reason}")
        self.key = key
        self.reason = reason
        self.source = source


@dataclass(frozen=True, slots=True)
class PageSpec:
    name: str
    seconds: float


@dataclass(frozen=True, slots=True)
class Layout:
    pages: tuple[PageSpec, ...] = tuple(PageSpec(p, 15.0) for p in PAGES)
    title: str = ""
    pin: str | None = None
    theme: str = "dark"
    language: str = "zh_CN"
    stale_after_s: float = 5.0
    ticker: bool = True
    ticker_speed: float = 1.0
    groups: tuple[str, ...] = ()
    queues: tuple[str, ...] = ()
    show_logged_out: bool = False
    #: the floor's time zone (an IANA name), for the clock until the floor's policy
    #: arrives; None: the zone last seen from the floor, else this PC's (issue #12)
    timezone: str | None = None
    #: where the layout came from (a file's path), for messages
    source: str = field(default="(default)", compare=False)

    @property
    def page_names(self) -> tuple[str, ...]:
        return tuple(p.name for p in self.pages)

    def seconds(self, page: str) -> float:
        for p in self.pages:
            if p.name == page:
                return p.seconds
        return 15.0

    def with_pin(self, page: str | None) -> Layout:
        """The same layout pinned to ``page`` (the command line's ``--page``)."""
        if page is not None and page not in PAGES:
            raise LayoutError("pin", f"unknown page {page!r} (pages: {', '.join(PAGES)})")
        pages = self.pages
        if page is not None and page not in self.page_names:
            pages = (*pages, PageSpec(page, 15.0))
        return replace(self, pin=page, pages=pages)


_TOP = {"title", "pages", "rotate_s", "pin", "theme", "language", "stale_after_s",
        "ticker", "page", "timezone"}


def _unknown(tbl: Mapping[str, Any], path: str, known: set[str]) -> None:
    for k in tbl:
        if k not in known:
            shown = k if isinstance(k, str) and k.isprintable() and k else repr(k)
            raise LayoutError(f"{path}.{shown}" if path else shown,
                              f"unknown key (known: {', '.join(sorted(known))})")


def _seconds(tbl: Mapping[str, Any], key: str, name: str, default: float, *,
             minimum: float, maximum: float) -> float:
    if name not in tbl:
        return default
    v = tbl[name]
    if isinstance(v, bool) or not isinstance(v, int | float):
        raise LayoutError(key, f"must be a number, got {v!r}")
    if not math.isfinite(v):  # TOML reads nan and inf (issue #13 item 8)
        raise LayoutError(key, f"must be a finite number, got {v!r}")
    if not minimum <= v <= maximum:
        raise LayoutError(key, f"must be between {minimum:g} and {maximum:g}, got {v!r}")
    return float(v)


def _ids(tbl: Mapping[str, Any], key: str, name: str) -> tuple[str, ...]:
    v = tbl.get(name, [])
    if not isinstance(v, list) or not all(isinstance(x, str) and x.strip() for x in v):
        raise LayoutError(key, f"must be a list of ids (strings), got {v!r}")
    return tuple(x.strip() for x in v)


def _choice(doc: Mapping[str, Any], name: str, default: str, choices: tuple[str, ...]) -> str:
    v = doc.get(name, default)
    if v not in choices:
        raise LayoutError(name, f"must be one of {', '.join(choices)}, got {v!r}")
    return str(v)


def _zone(doc: Mapping[str, Any]) -> str | None:
    v = doc.get("timezone", "")
    if not isinstance(v, str):
        raise LayoutError("timezone", f"must be a time zone name such as \"Asia/Shanghai\", "
                                      f"got {v!r}")
    if not v.strip():
        return None
    try:
        ZoneInfo(v.strip())
    except (ZoneInfoNotFoundError, ValueError, OSError):  # OSError: a name too long for a file
        raise LayoutError("timezone", f"unknown time zone {v!r} (a name such as "
                                      "\"Asia/Shanghai\")") from None
    return v.strip()


def parse(doc: Mapping[str, Any], source: str = "") -> Layout:
    """A layout from a parsed TOML document; :class:`LayoutError` names what is wrong."""
    try:
        return _parse(doc, source)
    except LayoutError as e:
        if source and not e.source:
            raise LayoutError(e.key, e.reason, source) from None
        raise


def _parse(doc: Mapping[str, Any], source: str) -> Layout:
    if not isinstance(doc, Mapping):
        raise LayoutError("", f"must be a table of settings, got {type(doc).__name__}")
    d = Layout()
    _unknown(doc, "", _TOP)
    title = doc.get("title", "")
    if not isinstance(title, str) or len(title) > 40:
        raise LayoutError("title", "must be text of at most 40 characters")
    rotate = _seconds(doc, "rotate_s", "rotate_s", 15.0, minimum=3, maximum=3600)
    raw_pages = doc.get("pages", list(PAGES))
    if not isinstance(raw_pages, list) or not raw_pages:
        raise LayoutError("pages", f"must be a non-empty list of page names ({', '.join(PAGES)})")
    names: list[str] = []
    for i, p in enumerate(raw_pages):
        if p not in PAGES:
            raise LayoutError(f"pages[{i}]", f"unknown page {p!r} (pages: {', '.join(PAGES)})")
        if p in names:
            raise LayoutError(f"pages[{i}]", f"page {p!r} is listed twice")
        names.append(str(p))
    page_tbl = doc.get("page", {})
    if not isinstance(page_tbl, Mapping):
        raise LayoutError("page", "must be a table of [page.NAME] tables")
    _unknown(page_tbl, "page", set(PAGES))
    specs = []
    for name in names:
        t = page_tbl.get(name, {})
        if not isinstance(t, Mapping):
            raise LayoutError(f"page.{name}", "must be a table")
        specs.append(PageSpec(name, _seconds(t, f"page.{name}.seconds", "seconds", rotate,
                                             minimum=3, maximum=3600)))
    for name, t in page_tbl.items():
        if not isinstance(t, Mapping):
            raise LayoutError(f"page.{name}", "must be a table")
        known = {"seconds"} | {"agents": {"groups", "show_logged_out"},
                               "queues": {"queues"}}.get(name, set())
        _unknown(t, f"page.{name}", known)
    agents = page_tbl.get("agents", {})
    show_out = agents.get("show_logged_out", False)
    if not isinstance(show_out, bool):
        raise LayoutError("page.agents.show_logged_out", f"must be true or false, got {show_out!r}")
    pin = doc.get("pin", "")
    if not isinstance(pin, str) or (pin and pin not in PAGES):
        raise LayoutError("pin", f"must be \"\" or a page name ({', '.join(PAGES)}), got {pin!r}")
    if pin and pin not in names:
        specs.append(PageSpec(pin, rotate))
    ticker = doc.get("ticker", {})
    if not isinstance(ticker, Mapping):
        raise LayoutError("ticker", "must be a table")
    _unknown(ticker, "ticker", {"enabled", "speed"})
    enabled = ticker.get("enabled", True)
    if not isinstance(enabled, bool):
        raise LayoutError("ticker.enabled", f"must be true or false, got {enabled!r}")
    return Layout(
        pages=tuple(specs), title=title, pin=pin or None,
        theme=_choice(doc, "theme", d.theme, ("dark", "light")),
        language=_choice(doc, "language", d.language, ("zh_CN", "en")),
        stale_after_s=_seconds(doc, "stale_after_s", "stale_after_s", d.stale_after_s,
                               minimum=2, maximum=120),
        ticker=enabled,
        ticker_speed=_seconds(ticker, "ticker.speed", "speed", 1.0, minimum=0.2, maximum=5),
        groups=_ids(agents, "page.agents.groups", "groups"),
        queues=_ids(page_tbl.get("queues", {}), "page.queues.queues", "queues"),
        show_logged_out=show_out, timezone=_zone(doc), source=source or "(document)")


def load(path: str | Path) -> Layout:
    """Read and validate a layout file; every problem is a :class:`LayoutError`
    naming the file and the key (or the line of a syntax error)."""
    p = Path(path)
    try:
        raw = p.read_bytes()
    except OSError as e:
        raise LayoutError("", f"cannot read the layout file: {e.strerror or e}", str(p)) from None
    try:
        text = decode_text(raw, str(p))
    except TextFileError as e:
        raise LayoutError("", e.msg) from None  # the message names the file
    try:
        doc = tomllib.loads(text)
    except tomllib.TOMLDecodeError as e:
        raise LayoutError("", f"not valid TOML: {e}", str(p)) from None
    return parse(doc, str(p))
