"""The recorded AMI streams (README.md here) for the codec and translator tests."""

from __future__ import annotations

from pathlib import Path

from models.telephony.ami import AmiParser, Message

HERE = Path(__file__).resolve().parent


def stream(name: str) -> bytes:
    """The raw bytes of ``<name>.ami`` (banner, Login answer, then the events)."""
    return (HERE / f"{name}.ami").read_bytes()


def messages(name: str, *, events_only: bool = True) -> list[Message]:
    """``<name>.ami`` parsed: its events in arrival order (``events_only=False``: the
    Login answer and any list answers too)."""
    msgs = AmiParser().feed(stream(name))
    return [m for m in msgs if m.kind == "event"] if events_only else msgs


def names() -> list[str]:
    return sorted(p.stem for p in HERE.glob("*.ami"))
