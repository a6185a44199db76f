"""Write the alert sounds (critical.wav, warning.wav, info.wav) next to this file.

    python resources/sounds/generate.py

Short synthetic tones, so the product ships no third-party audio: 16-bit mono
PCM at 22,050 Hz, which every Qt audio backend plays. Each severity has its own
shape, distinguishable without looking: critical three fast high two-tone
pulses, warning two mid beeps, info one soft low chime. Every tone fades in and
out over a few milliseconds (no clicks).
"""

from __future__ import annotations

import math
import struct
import wave
from pathlib import Path

RATE = 22_050
HERE = Path(__file__).resolve().parent

#: (frequency Hz or None for silence, seconds, volume 0..1) per segment
SHAPES: dict[str, list[tuple[float | None, float, float]]] = {
    "critical": [(988.0, 0.12, 0.7), (1319.0, 0.12, 0.7), (None, 0.06, 0.0)] * 3,
    "warning": [(784.0, 0.16, 0.55), (None, 0.08, 0.0), (784.0, 0.16, 0.55)],
    "info": [(523.0, 0.30, 0.35)],
}


def tone(freq: float | None, seconds: float, volume: float) -> list[int]:
    n = int(RATE * seconds)
    if freq is None:
        return [0] * n
    ramp = max(1, int(RATE * 0.008))
    out = []
    for i in range(n):
        env = min(1.0, i / ramp, (n - 1 - i) / ramp)
        # a touch of the octave makes it carry over a noisy floor
        s = math.sin(2 * math.pi * freq * i / RATE) + 0.25 * math.sin(4 * math.pi * freq * i / RATE)
        out.append(int(max(-1.0, min(1.0, s / 1.25 * volume * env)) * 32767))
    return out


def write(name: str, directory: Path = HERE) -> Path:
    samples: list[int] = []
    for freq, secs, vol in SHAPES[name]:
        samples.extend(tone(freq, secs, vol))
    path = directory / f"{name}.wav"
    with wave.open(str(path), "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(2)
        w.setframerate(RATE)
        w.writeframes(b"".join(struct.pack("<h", s) for s in samples))
    return path


if __name__ == "__main__":
    for n in SHAPES:
        print(write(n))
