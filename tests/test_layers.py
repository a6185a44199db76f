"""ARCHITECTURE: models/ is the pure core — it never imports Qt, views or console."""

from __future__ import annotations

import ast
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FORBIDDEN = ("PySide6", "shiboken6", "pyqtgraph", "views", "console")


def _imports(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
    out = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            out.extend(a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            out.append(node.module)
    return out


def test_models_source_imports_no_qt_views_or_console() -> None:
    offenders = []
    for py in sorted((ROOT / "models").rglob("*.py")):
        for mod in _imports(py):
            if mod.split(".")[0] in FORBIDDEN:
                offenders.append(f"{py.relative_to(ROOT)} imports {mod}")
    assert offenders == []


def test_importing_every_model_module_loads_no_qt() -> None:
    mods = sorted(".".join(p.relative_to(ROOT).with_suffix("").parts)
                  for p in (ROOT / "models").rglob("*.py")
                  if "migrations" not in p.parts)
    code = ("import importlib, sys\n"
            f"for m in {mods!r}:\n    importlib.import_module(m)\n"
            "bad = sorted(m for m in sys.modules if m.split('.')[0] in "
            f"{FORBIDDEN!r})\nprint(bad)\nsys.exit(1 if bad else 0)")
    r = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True,
                       timeout=120)
    assert r.returncode == 0, r.stdout + r.stderr


def test_views_never_open_a_database_session() -> None:
    offenders = []
    for py in sorted((ROOT / "views").rglob("*.py")):
        for mod in _imports(py):
            if mod.split(".")[0] == "sqlalchemy" or mod.startswith("models.db"):
                offenders.append(f"{py.relative_to(ROOT)} imports {mod}")
    assert offenders == []


def test_no_backend_imports_the_console_composition_root() -> None:
    """Issue #15 step 1: the backends take ``Ops`` and their context from
    :mod:`console.ops`, so importing one never imports :mod:`console.app` (which
    imports them to wire the dialogs: the old import loop)."""
    backends = sorted(f"console.{p.stem}" for p in (ROOT / "console").glob("*_backend.py"))
    assert len(backends) >= 7
    code = ("import importlib, sys\n"
            f"bad = []\nfor m in {backends!r}:\n"
            "    importlib.import_module(m)\n"
            "    if 'console.app' in sys.modules:\n"
            "        bad.append(m)\n        break\n"
            "print(bad)\nsys.exit(1 if bad else 0)")
    r = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True,
                       timeout=120, env={**os.environ, "QT_QPA_PLATFORM": "offscreen"})
    assert r.returncode == 0, r.stdout + r.stderr


#: the light theme's status colours: written into a view, they stay on the dark theme
LIGHT_ONLY = ("#c62828", "#b26a00", "#2e7d32")


def _code_strings(path: Path) -> list[tuple[int, str]]:
    """The string literals of a module's code (docstrings left out: a docstring may
    name a colour to say why it is not used)."""
    tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
    docs: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef):
            body = node.body
            if body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant):
                docs.add(id(body[0].value))
    return [(n.lineno, n.value) for n in ast.walk(tree)
            if isinstance(n, ast.Constant) and isinstance(n.value, str) and id(n) not in docs]


def test_no_view_colours_its_text_with_a_light_theme_colour() -> None:
    """Issue #15: a status line, an error or a warning takes its colour from the theme
    in force (views.kit.status, views.theme.current()); only views/theme.py says what
    the colours are."""
    offenders = []
    for py in sorted((ROOT / "views").rglob("*.py")):
        if py == ROOT / "views" / "theme.py":
            continue
        for line, text in _code_strings(py):
            offenders += [f"{py.relative_to(ROOT)}:{line} {c}" for c in LIGHT_ONLY
                          if c in text.lower()]
    assert offenders == []
