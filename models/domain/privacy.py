"""R-PRIV-1: callers' numbers are confidential; screens show them masked."""

from __future__ import annotations


def mask_caller(number: str | None) -> str:
    """``13800138000`` -> ``138****8000``; short numbers keep only their last two digits."""
    if not number:
        return ""
    digits = number.strip()
    if len(digits) >= 8:
        return digits[:3] + "*" * 4 + digits[-4:]
    if len(digits) > 2:
        return "*" * (len(digits) - 2) + digits[-2:]
    return "*" * len(digits)
