"""Refresh the Chinese translation: collect the strings, merge translations, compile.

    python resources/translations/update.py [--merge FILE.json ...] [--check]

1. ``pyside6-lupdate`` collects every ``QCoreApplication.translate(context,
   text)`` of ``console/`` and ``views/`` (and every ``QT_TRANSLATE_NOOP(context,
   text)`` marker of ``models/``, see models/domain/texts.py) into ``seatwatch_zh_CN.ts`` (keeping
   what is translated, dropping strings no longer in the code);
2. ``--merge`` fills translations from JSON files shaped
   ``{"Context": {"English source": "中文"}}``;
3. ``pyside6-lrelease`` compiles ``seatwatch_zh_CN.qm``, which ships in the wheel.

Exits 1 and lists them when a string has no translation (the .qm is still
written, so the program runs, with those strings in English). ``--check``
changes nothing and only reports. tests/test_console.py runs the same check.
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
TS = HERE / "seatwatch_zh_CN.ts"
QM = HERE / "seatwatch_zh_CN.qm"


def sources() -> list[Path]:
    return sorted(p for d in ("console", "views", "models") for p in (ROOT / d).rglob("*.py"))


def _tool(name: str) -> str:
    found = shutil.which(f"pyside6-{name}")
    if found is None:
        raise SystemExit(f"pyside6-{name} not found: pip install PySide6-Essentials")
    return found


def lupdate(ts: Path) -> None:
    subprocess.run([_tool("lupdate"), *map(str, sources()), "-ts", str(ts), "-no-obsolete",
                    "-silent"], check=True, cwd=ROOT)


def lrelease(ts: Path, qm: Path) -> None:
    subprocess.run([_tool("lrelease"), "-silent", str(ts), "-qm", str(qm)], check=True)


def untranslated(ts: Path) -> list[tuple[str, str]]:
    out = []
    for ctx in ET.parse(ts).getroot().iter("context"):
        name = ctx.findtext("name") or ""
        for m in ctx.iter("message"):
            tr = m.find("translation")
            if tr is None or not (tr.text or "").strip() or tr.get("type") in (
                    "unfinished", "obsolete", "vanished"):
                out.append((name, m.findtext("source") or ""))
    return out


def merge(ts: Path, table: dict[str, dict[str, str]]) -> int:
    tree = ET.parse(ts)
    n = 0
    for ctx in tree.getroot().iter("context"):
        names = table.get(ctx.findtext("name") or "", {})
        for m in ctx.iter("message"):
            zh = names.get(m.findtext("source") or "")
            tr = m.find("translation")
            if zh is None or tr is None:
                continue
            tr.text = zh
            tr.attrib.pop("type", None)
            n += 1
    tree.write(ts, encoding="utf-8", xml_declaration=True)
    return n


def check_current() -> list[tuple[str, str]]:
    """Strings of the current sources the committed .ts does not translate."""
    with tempfile.TemporaryDirectory() as d:
        tmp = Path(d) / TS.name
        shutil.copy(TS, tmp)
        lupdate(tmp)
        return untranslated(tmp)


def main(argv: list[str] | None = None) -> int:
    a = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    a.add_argument("--merge", nargs="*", default=[], metavar="FILE.json")
    a.add_argument("--check", action="store_true")
    args = a.parse_args(argv)
    if args.check:
        missing = check_current()
    else:
        lupdate(TS)
        for f in args.merge:
            n = merge(TS, json.loads(Path(f).read_text(encoding="utf-8")))
            print(f"{f}: {n} translation(s) merged")
        lrelease(TS, QM)
        missing = untranslated(TS)
    for ctx, src in missing:
        print(f"untranslated: [{ctx}] {src!r}")
    return 1 if missing else 0


if __name__ == "__main__":
    sys.exit(main())
