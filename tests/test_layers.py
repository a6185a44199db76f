"""ARCHITECTURE (issue #15): the structure as a test.

console (Qt app, backends, CLI) -> views (widgets, models) -> models (domain: pure; db:
SQLAlchemy). The import rules are import-linter contracts in ``pyproject.toml``
(``[tool.importlinter]``), checked here on the real tree and shown to catch a breach
each; what a static graph cannot see (what importing a module loads at run time) is
checked by importing. A module never imports another module's ``_private`` name.
"""

from __future__ import annotations

import ast
import os
import shutil
import subprocess
import sys
import time
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = ("console", "views", "models")
FORBIDDEN = ("PySide6", "shiboken6", "pyqtgraph", "views", "console")
CONTRACTS = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))[
    "tool"]["importlinter"]["contracts"]

#: run import-linter's API on the tree in argv[1] (after making sure the packages are
#: read from that tree, not from an installed copy), with the contracts of argv[2]
_LINT = f"""\
import importlib.util, sys
from pathlib import Path
tree = Path(sys.argv[1]).resolve()
sys.path.insert(0, str(tree))
for pkg in {PACKAGES!r}:
    origin = Path(importlib.util.find_spec(pkg).origin).resolve()
    assert origin.is_relative_to(tree), f"{{pkg}} is read from {{origin}}, not {{tree}}"
from importlinter.cli import lint_imports
sys.exit(lint_imports(config_filename=sys.argv[2], limit_to_contracts=tuple(sys.argv[3:]),
                      no_cache=True, no_logo=True))
"""


def _lint(tree: Path, *contract_ids: str) -> subprocess.CompletedProcess[str]:
    # a wide console: import-linter prints through rich, which wraps at 80 columns
    env = {**os.environ, "COLUMNS": "400", "NO_COLOR": "1", "PYTHONPATH": str(tree)}
    return subprocess.run(
        [sys.executable, "-c", _LINT, str(tree), str(ROOT / "pyproject.toml"), *contract_ids],
        cwd=tree, capture_output=True, text=True, timeout=120, env=env)


def test_the_import_contracts_are_kept() -> None:
    """Every contract in pyproject.toml holds on the tree as it is, and the check is quick
    (it runs with every test run)."""
    started = time.monotonic()
    r = _lint(ROOT)
    took = time.monotonic() - started
    report = r.stdout + r.stderr
    broken = [c["name"] for c in CONTRACTS if f"{c['name']} KEPT" not in report]
    assert r.returncode == 0 and broken == [], f"broken contracts: {broken}\n{report}"
    assert f"Contracts: {len(CONTRACTS)} kept, 0 broken." in report, report
    assert took < 10, f"the contracts took {took:.1f} s"


#: for each contract, one import that breaks it: (file in a copy of the tree, its text,
#: the module the report must name). Imports in functions count as much as the others.
BREACHES = {
    "layers": ("views/probe_breach.py",
               "def f() -> None:\n    from console import ops  # noqa\n",
               "views.probe_breach"),
    "views-no-database": ("views/probe_breach.py",
                          "def f() -> None:\n    from models.db import store  # noqa\n",
                          "views.probe_breach"),
    "models-no-qt": ("models/domain/probe_breach.py",
                     "from PySide6.QtCore import QObject  # noqa\n",
                     "models.domain.probe_breach"),
    "domain-is-the-core": ("models/domain/probe_breach.py",
                           "from models.telephony import mapping  # noqa\n",
                           "models.domain.probe_breach"),
    "pure-models-no-database": ("models/telephony/probe_breach.py",
                                "import sqlalchemy  # noqa\n",
                                "models.telephony.probe_breach"),
    "wall-not-console-panels": ("views/wallboard.py",
                                (ROOT / "views" / "wallboard.py").read_text(encoding="utf-8")
                                + "\n\ndef _probe() -> None:\n"
                                  "    from views.alerts import describe  # noqa\n",
                                "views.wallboard"),
    "composition-root": ("console/probe_backend.py",
                         "from console.app import ConsoleBackend  # noqa\n",
                         "console.probe_backend"),
}


def test_every_contract_has_a_breach_it_is_shown_to_catch() -> None:
    assert sorted(BREACHES) == sorted(c["id"] for c in CONTRACTS)


@pytest.mark.parametrize("contract_id", sorted(BREACHES))
def test_a_contract_catches_its_breach(contract_id: str, tmp_path: Path) -> None:
    """The contracts are not kept by construction: one wrong import in a copy of the
    tree breaks the contract and the report names the importing module."""
    tree = tmp_path / "tree"
    for pkg in PACKAGES:
        shutil.copytree(ROOT / pkg, tree / pkg,
                        ignore=shutil.ignore_patterns("__pycache__", "migrations"))
    rel, text, module = BREACHES[contract_id]
    (tree / rel).write_text(text, encoding="utf-8")
    r = _lint(tree, contract_id)
    report = r.stdout + r.stderr
    name = next(c["name"] for c in CONTRACTS if c["id"] == contract_id)
    assert r.returncode == 1, report
    assert f"{name} BROKEN" in report, report
    assert module in report, report


def test_importing_every_model_module_loads_no_qt() -> None:
    """What the contracts cannot see: a third-party package that itself loads Qt."""
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


def test_no_backend_imports_the_console_composition_root() -> None:
    """Issue #15 step 1: the backends take ``Ops`` and their context from
    :mod:`console.ops`, so importing one never imports :mod:`console.app` (which
    imports them to wire the dialogs: the old import loop). The ``composition-root``
    contract holds the direct imports; this holds every chain a backend loads."""
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


# ---- no module imports another module's _private name -----------------------------------

def _is_private(name: str) -> bool:
    return name.startswith("_") and not (name.startswith("__") and name.endswith("__"))


def private_imports(root: Path) -> list[str]:
    """Every ``from m import _x`` and every ``m._x`` on an imported project module ``m``
    in console/, views/ and models/ under *root*, as "file: what" (no line numbers, so
    an allow-list entry survives edits above it)."""
    files: dict[str, Path] = {}
    for pkg in PACKAGES:
        for p in sorted((root / pkg).rglob("*.py")):
            parts = p.relative_to(root).with_suffix("").parts
            files[".".join(parts[:-1] if parts[-1] == "__init__" else parts)] = p
    found = []
    for mod, path in files.items():
        where = path.relative_to(root).as_posix()
        tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
        package = mod.split(".") if path.name == "__init__.py" else mod.split(".")[:-1]
        bound: dict[str, str] = {}  # local name -> the project module it is
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                for a in node.names:
                    if a.name.split(".")[0] in PACKAGES:
                        bound[a.asname or a.name.split(".")[0]] = (
                            a.name if a.asname else a.name.split(".")[0])
            elif isinstance(node, ast.ImportFrom):
                if node.level:
                    base = package[:len(package) - (node.level - 1)]
                    src = ".".join(base + ([node.module] if node.module else []))
                else:
                    src = node.module or ""
                if src.split(".")[0] not in PACKAGES:
                    continue
                for a in node.names:
                    if _is_private(a.name):
                        found.append(f"{where}: from {src} import {a.name}")
                    if f"{src}.{a.name}" in files:
                        bound[a.asname or a.name] = f"{src}.{a.name}"
        for node in ast.walk(tree):
            if not isinstance(node, ast.Attribute):
                continue
            chain: list[str] = []
            base_node: ast.expr = node
            while isinstance(base_node, ast.Attribute):
                chain.insert(0, base_node.attr)
                base_node = base_node.value
            if not isinstance(base_node, ast.Name) or base_node.id not in bound:
                continue
            target, rest = bound[base_node.id], chain
            while rest and f"{target}.{rest[0]}" in files:
                target, rest = f"{target}.{rest[0]}", rest[1:]
            # only the attribute right after the module: a longer chain is its own node too
            if len(rest) == 1 and _is_private(rest[0]) and target != mod:
                found.append(f"{where}: {target}.{rest[0]}")
    return sorted(set(found))


def test_no_module_imports_another_modules_private_name() -> None:
    """A ``_name`` is its module's own business: whoever needs it gets a public name
    (or the code moves). Tests may reach in; the product may not."""
    assert private_imports(ROOT) == []


def test_the_private_name_check_sees_both_forms(tmp_path: Path) -> None:
    """The check is not empty by construction: a ``from … import _x``, a relative one, and
    ``module._x`` on an imported module are found; a name of the module's own, a dunder,
    an object's attribute and a third-party module's ``_x`` are not."""
    for pkg in PACKAGES:
        (tmp_path / pkg).mkdir()
        (tmp_path / pkg / "__init__.py").write_text("", encoding="utf-8")
    (tmp_path / "models" / "db").mkdir()
    (tmp_path / "models" / "db" / "__init__.py").write_text("", encoding="utf-8")
    (tmp_path / "models" / "db" / "store.py").write_text("_secret = 1\n", encoding="utf-8")
    (tmp_path / "models" / "db" / "near.py").write_text(
        "from . import _hidden\n", encoding="utf-8")
    (tmp_path / "console" / "user.py").write_text(
        "import sys\n"
        "import models.db.store\n"
        "from models.db import store as st\n"
        "from models.db.store import _secret\n"
        "from models.db.store import __doc__\n"
        "a = st._secret + models.db.store._other\n"
        "b = sys._getframe\n"
        "c = st.thing._inner\n"
        "_own = 1\n", encoding="utf-8")
    assert private_imports(tmp_path) == [
        "console/user.py: from models.db.store import _secret",
        "console/user.py: models.db.store._other",
        "console/user.py: models.db.store._secret",
        "models/db/near.py: from models.db import _hidden",
    ]


def test_the_wall_imports_nothing_of_the_consoles_alerts() -> None:
    """Issue #15 step 3: the wall names rules and ticket categories with the shared
    label texts (views/kit/texts.py), not with the console's alerts package — the wall
    PC loads none of the panel, its sounds or its dialogs, directly or through another
    module (the ``wall-not-console-panels`` contract holds the static imports; this,
    what importing the wall loads)."""
    code = ("import sys\nimport views.wallboard\n"
            "bad = sorted(m for m in sys.modules if m == 'views.alerts' or "
            "m.startswith(('views.alerts.', 'views.alerts_')))\n"
            "print(bad)\nsys.exit(1 if bad else 0)")
    r = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True,
                       timeout=120, env={**os.environ, "QT_QPA_PLATFORM": "offscreen"})
    assert r.returncode == 0, r.stdout + r.stderr


# ---- no view colours its text with a light-theme literal ---------------------------------


#: the light theme's status colours: written into a view, they stay on the dark theme
LIGHT_ONLY = ("#c62828", "#b26a00", "#2e7d32")


def _code_strings(path: Path) -> list[tuple[int, str]]:
    """The string literals of a module's code (docstrings left out: a docstring may
    name a colour to say why it is not used; a theme's definition too)."""
    tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
    docs: set[int] = set()
    # a theme's own definition (``LIGHT = WallTheme(...)`` at the top of a module) is
    # where its colours are said, as views/theme.py is
    for node in tree.body:
        if isinstance(node, ast.Assign) and isinstance(node.value, ast.Call) \
                and isinstance(node.value.func, ast.Name) \
                and node.value.func.id.endswith("Theme"):
            docs.update(id(n) for n in ast.walk(node.value) if isinstance(n, ast.Constant))
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
