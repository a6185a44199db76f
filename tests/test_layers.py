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


def test_domain_imports_no_sqlalchemy_or_database_module() -> None:
    """Issue #15 step 4: the records the views read (alerts, contacts, the audit
    log, an agent's day, the feed's snapshot) are plain domain types; only
    ``models.db`` knows the tables."""
    offenders = []
    for py in sorted((ROOT / "models" / "domain").rglob("*.py")):
        for mod in _imports(py):
            if mod.split(".")[0] == "sqlalchemy" or mod.startswith("models.db"):
                offenders.append(f"{py.relative_to(ROOT)} imports {mod}")
    assert offenders == []


#: what builds or runs a SQL statement: these live in models/db functions
SQL_BUILDERS = frozenset({"select", "insert", "update", "delete", "text", "exists"})
#: ``.execute`` calls that are no SQL: the telephony adapter runs a control
NOT_SQL_EXECUTE = frozenset({"self.adapter.execute"})
#: the console modules whose database work went to models/db (issue #15 step 4)
SQL_FREE = ("console/app.py", "console/host.py", "console/notify.py", "console/lease.py")


def _sql_statements(source: str) -> list[str]:
    """Each SQL statement built or run in ``source`` (line: what): a call of a
    statement builder imported from sqlalchemy (directly, as an alias, or through
    ``sqlalchemy``/``sa``), and any ``.execute(...)`` call but the adapter's."""
    tree = ast.parse(source)
    builders: set[str] = set()  # local names of select/insert/... from sqlalchemy
    modules: set[str] = set()  # local names of sqlalchemy modules
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("sqlalchemy"):
            builders.update(a.asname or a.name for a in node.names if a.name in SQL_BUILDERS)
        elif isinstance(node, ast.Import):
            modules.update(a.asname or a.name for a in node.names
                           if a.name.split(".")[0] == "sqlalchemy")
    found = []
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call):
            continue
        f = node.func
        if isinstance(f, ast.Name) and f.id in builders:
            found.append(f"{node.lineno}: {f.id}(")
        elif isinstance(f, ast.Attribute):
            dotted = ast.unparse(f)
            if f.attr in SQL_BUILDERS and dotted.split(".")[0] in modules or f.attr == "execute" and dotted not in NOT_SQL_EXECUTE:
                found.append(f"{node.lineno}: {dotted}(")
    return sorted(found, key=lambda hit: (int(hit.split(":")[0]), hit))


def test_the_sql_check_sees_statements_however_imported() -> None:
    """The check below would catch a statement written back into the console."""
    src = ("import sqlalchemy as sa\n"
           "from sqlalchemy import select as pick, func\n"
           "from sqlalchemy.dialects.postgresql import insert\n"
           "def f(conn, t, self):\n"
           "    conn.execute(pick(t.c.id))\n"
           "    sa.update(t)\n"
           "    insert(t)\n"
           "    self.adapter.execute(1, 2, 3)\n"
           "    func.now()\n"
           "    {}.update(a=1)\n")
    assert _sql_statements(src) == ["5: conn.execute(", "5: pick(", "6: sa.update(",
                                    "7: insert("]


def test_console_modules_hold_no_sql_statements() -> None:
    """Issue #15 step 4: the floor host, the notifier, the lease and the console's
    start-up call named models/db functions; no statement is built or run there."""
    offenders = []
    for rel in SQL_FREE:
        offenders += [f"{rel}:{hit}" for hit in
                      _sql_statements((ROOT / rel).read_text(encoding="utf-8"))]
    assert offenders == []
