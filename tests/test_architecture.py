"""Architecture rules for the first-party apps, checked by reading the source with `ast`.

Nothing is imported or run: every module of home, lieux, campagnes and search (migrations
and tests left out; config is an entry point and is not checked) is parsed, and each import
statement becomes an edge `source -> target` between dotted module names.

How imports become edges:
- relative imports are resolved against the importing module's package;
- `from package import name` points at `package.name` when that is a module or a folder
  (a package, with or without `__init__.py`), otherwise at `package` itself;
- `import a.b.c` points at `a.b.c`: the implicit import of the parents `a` and `a.b` is not
  an edge. Python initialises parents first anyway, and counting them would turn every
  package `__init__` that re-exports its submodules into a cycle with each submodule;
- imports inside functions and class bodies count like any other (they are cycles deferred to
  run time, still cycles); imports under `if TYPE_CHECKING:` never run, so they are left out
  of cycle detection but still obey the layer rules;
- lazy model strings ("campagnes.CampaignPage") and importlib calls are not imports.

Cycles are strongly connected components (Tarjan) of that graph, every edge kept: a package
`__init__` importing its submodules is an ordinary edge, so a submodule that imports its own
package back (`from campagnes.models import Gift` in campagnes/models/pages.py) is reported,
as it is a real cycle for Python; importing a sibling submodule is not. A module importing
itself is ignored.

The layer rules (constants below, so they are easy to change): apps import downwards only
(home < lieux < campagnes < search); inside campagnes, a domain package imports itself, the
domains before it in DOMAIN_ORDER and SHARED_GROUND, nothing else (an allow-list, so a new
top-level module must be placed on purpose); views, viewsets, forms, templatetags, hooks and
URLconfs are leaves nobody imports, but for LEAF_EXCEPTIONS. Every import in a function or
class body (ruff's PLC0415; also scanned: config and manage.py) carries
`# noqa: PLC0415 <reason>` on its first line, the only place ruff honours it.
"""

from __future__ import annotations

import ast
import re
from collections import defaultdict
from dataclasses import dataclass
from functools import cache
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
APPS = ("home", "lieux", "campagnes", "search")
FIRST_PARTY = (*APPS, "config")
SKIPPED_DIRS = {"migrations", "tests", "bench", "__pycache__"}

# Each app and the apps it may import (config is allowed everywhere: settings).
APP_DEPENDENCIES = {
    "home": set(),
    "lieux": {"home"},
    "campagnes": {"home", "lieux"},
    "search": {"home", "lieux", "campagnes"},
}

# campagnes' domain packages, lowest first: each may import itself and those before it.
DOMAIN_ORDER = [
    "stripe",
    "consents",
    "donations",
    "receipts",
    "shares",
    "mecenat",
    "exports",
    "privacy",
    "spaces",
    "viewsets",
]
SEPARATE_DOMAINS = {("donations", "shares"), ("shares", "donations")}  # whatever the order says
SHARED_MODULES = ("campagnes.choices", "campagnes.money", "campagnes.fields")
LOWER_LAYERS = ("campagnes.models", "campagnes.pdf")
SHARED_GROUND = (*LOWER_LAYERS, *SHARED_MODULES, "home", "lieux")  # any domain may import these

# Entry points that no first-party module imports, but for these (importer kind, leaf kind).
# A package's `__init__` re-exporting its own leaf submodules is never an exception.
LEAF_NAMES = {"views", "viewsets", "forms", "templatetags", "wagtail_hooks", "urls"}
LEAF_EXCEPTIONS = {
    ("urls", "views"): "a URLconf routes to its views",
    ("wagtail_hooks", "viewsets"): "the hooks register the admin viewsets",
    ("views", "forms"): "a view renders and validates its domain's forms",
    ("viewsets", "forms"): "an admin viewset edits through forms",
    ("templatetags", "forms"): "a template tag renders a page's form (pages never import forms)",
    ("viewsets", "viewsets"): "DOMAIN_ORDER lets one package's modules share helpers",
}


@dataclass(frozen=True, order=True)
class Edge:
    source: str
    target: str
    line: int
    scope: str = "module"  # "module", "function" or "class": where the statement sits
    type_checking: bool = False

    @property
    def first_party(self) -> bool:
        return self.target.split(".")[0] in FIRST_PARTY

    def __str__(self) -> str:
        where = "" if self.scope == "module" else f", inside {self.scope}"
        guard = ", TYPE_CHECKING" if self.type_checking else ""
        return f"{self.source} -> {self.target} (line {self.line}{where}{guard})"


def discover_modules(root: Path) -> dict[str, Path | None]:
    """Dotted name -> file of every module of the apps; folders without __init__.py -> None."""
    modules: dict[str, Path | None] = {}
    for app in APPS:
        for path in sorted((root / app).rglob("*.py")):
            parts = list(path.relative_to(root).with_suffix("").parts)
            if SKIPPED_DIRS.intersection(parts[:-1]):
                continue
            if parts[-1] == "__init__":
                parts.pop()
            modules[".".join(parts)] = path
            for depth in range(1, len(parts)):  # namespace packages, mid-restructuring
                modules.setdefault(".".join(parts[:depth]), None)
    return modules


def _is_type_checking(test: ast.expr) -> bool:
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def import_statements(nodes, scope: str = "module", type_checking: bool = False):
    """Yield (statement, scope, type_checking) for every import statement in `nodes`, at any
    depth: call it with `ast.parse(source).body`."""
    for node in nodes:
        children = ast.iter_child_nodes(node)
        if isinstance(node, ast.Import | ast.ImportFrom):
            yield node, scope, type_checking
        elif isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            yield from import_statements(children, "function", type_checking)
        elif isinstance(node, ast.ClassDef):  # a class defined in a function runs at call time
            inner = "function" if scope == "function" else "class"
            yield from import_statements(children, inner, type_checking)
        elif isinstance(node, ast.If) and _is_type_checking(node.test):
            yield from import_statements(node.body, scope, True)
            yield from import_statements(node.orelse, scope, type_checking)
        else:
            yield from import_statements(children, scope, type_checking)


def _known(name: str, modules: dict) -> str:
    """The longest prefix of a first-party dotted name that is a module we know of."""
    parts = name.split(".")
    while len(parts) > 1 and ".".join(parts) not in modules:
        parts.pop()
    return ".".join(parts)


def _targets(module: str, is_package: bool, node: ast.stmt, modules: dict) -> list[str]:
    if isinstance(node, ast.Import):
        names = [alias.name for alias in node.names]
        return [_known(n, modules) if n.split(".")[0] in FIRST_PARTY else n for n in names]
    base = node.module or ""
    if node.level:  # relative: level 1 is the module's own package, each extra dot goes up one
        package = module.split(".") if is_package else module.split(".")[:-1]
        base = ".".join(package[: len(package) - node.level + 1] + ([base] if base else []))
    if base.split(".")[0] not in FIRST_PARTY:
        # Third party: no way to tell a submodule from a name, keep the most specific so that
        # `from django import db` is seen as importing django.db.
        return [f"{base}.{alias.name}" for alias in node.names]
    targets = []
    for alias in node.names:
        submodule = f"{base}.{alias.name}"
        targets.append(submodule if submodule in modules else _known(base, modules))
    return targets


def collect_edges(root: Path) -> list[Edge]:
    """Every import edge (third party included) leaving the apps' modules, sorted, deduplicated."""
    modules = discover_modules(root)
    edges = set()
    for module, path in modules.items():
        if path is None:
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        is_package = path.name == "__init__.py"
        for node, scope, type_checking in import_statements(tree.body):
            for target in _targets(module, is_package, node, modules):
                edges.add(Edge(module, target, node.lineno, scope, type_checking))
    return sorted(edges)


def find_cycles(edges: list[Edge]) -> list[list[Edge]]:
    """The edges of each import cycle (strongly connected component of more than one module)."""
    graph = defaultdict(set)
    counted = [e for e in edges if e.first_party and not e.type_checking and e.source != e.target]
    for edge in counted:
        graph[edge.source].add(edge.target)
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    components: list[set[str]] = []

    def connect(node: str) -> None:  # Tarjan: depth is bounded by the number of modules
        index[node] = low[node] = len(index)
        stack.append(node)
        for successor in sorted(graph[node]):
            if successor not in index:
                connect(successor)
                low[node] = min(low[node], low[successor])
            elif successor in stack:
                low[node] = min(low[node], index[successor])
        if low[node] == index[node]:
            component = set()
            while not component or node not in component:
                component.add(stack.pop())
            if len(component) > 1:
                components.append(component)

    for node in sorted(graph):
        if node not in index:
            connect(node)
    return [[e for e in counted if e.source in c and e.target in c] for c in components]


def _within(module: str, *packages: str) -> bool:
    return any(module == p or module.startswith(p + ".") for p in packages)


def _domain(module: str) -> str | None:
    parts = module.split(".")
    return (
        parts[1]
        if parts[0] == "campagnes" and len(parts) > 1 and parts[1] in DOMAIN_ORDER
        else None
    )


def _leaf_kind(module: str) -> str | None:
    """The innermost leaf name in the module's path: campagnes.viewsets.finance -> viewsets."""
    kinds = [part for part in module.split(".")[1:] if part in LEAF_NAMES]
    return kinds[-1] if kinds else None


def _campagnes_rule(edge: Edge) -> str | None:
    """Why an edge leaving a campagnes module breaks the app's inner layers, if it does."""
    source, target = edge.source, edge.target
    if _within(source, "campagnes.pdf") and _within(target, "campagnes.models", "django.db"):
        return "campagnes.pdf is pure rendering: no models, no ORM"
    if not edge.first_party:
        return None
    if _within(source, *LOWER_LAYERS) and (
        _domain(target) or _leaf_kind(target) or target.split(".")[-1] == "tasks"
    ):
        return "models and pdf import no domain package, task, form, view, hook or URLconf"
    if source in SHARED_MODULES and _domain(target):
        return "choices, money and fields import no domain package"
    if source == "campagnes.tasks" and not (_domain(target) and target.endswith(".tasks")):
        return "the campagnes.tasks shim re-exports domain tasks modules only"
    if target == "campagnes.tasks":
        return "campagnes.tasks is a shim kept one release: import the domain's tasks module"
    domain, other = _domain(source), _domain(target)
    if domain and _within(target, "campagnes") and domain != other:
        if (domain, other) in SEPARATE_DOMAINS:
            return f"{domain} and {other} never import each other"
        if other and DOMAIN_ORDER.index(other) > DOMAIN_ORDER.index(domain):
            return f"{other} comes after {domain} in DOMAIN_ORDER"
        if not other and not _within(target, *SHARED_GROUND):
            return "not a domain before this one nor SHARED_GROUND (move it, or share it)"
    return None


def rule_violations(edges: list[Edge]) -> list[tuple[str, Edge, str]]:
    """(rule, edge, why) for every edge breaking the app layers, campagnes' layers or leaves."""
    found = []
    for edge in edges:
        source_app, target_app = edge.source.split(".")[0], edge.target.split(".")[0]
        allowed = APP_DEPENDENCIES.get(source_app, set()) | {source_app}
        if target_app in APP_DEPENDENCIES and target_app not in allowed:
            found.append(("app layers", edge, f"{source_app} may not import {target_app}"))
        if source_app == "campagnes" and (why := _campagnes_rule(edge)):
            found.append(("campagnes layers", edge, why))
        kind = _leaf_kind(edge.target) if edge.first_party else None
        if kind and edge.source != edge.target:
            reexport = edge.target.startswith(edge.source + ".")
            if reexport or (_leaf_kind(edge.source), kind) not in LEAF_EXCEPTIONS:
                found.append(("leaves", edge, f"nothing imports a {kind} module"))
    return found


NOQA = re.compile(r"#\s*noqa:.*?\bPLC0415\b(?P<rest>.*)")


def _gives_reason(line: str, above: str) -> bool:
    """Ruff only honours the marker on the statement's first line; the reason may follow it
    or, when long, be a comment on the line just above."""
    match = NOQA.search(line)
    if not match:
        return False
    reason = match["rest"] + (above if above.lstrip().startswith("#") else "")
    reason = re.sub(r"\b[A-Z]+\d+\b", "", reason)  # other rule codes are not a reason
    return re.search(r"[^\W\d_]{3,}", reason) is not None


def missing_reasons(root: Path) -> list[str]:
    """Imports in a function or class body (what PLC0415 flags) without a reason."""
    paths = [p for app in FIRST_PARTY for p in sorted((root / app).rglob("*.py"))]
    paths += sorted(root.glob("*.py"))  # manage.py
    found = []
    for path in paths:
        if SKIPPED_DIRS.intersection(path.relative_to(root).parts[:-1]):
            continue
        source = path.read_text(encoding="utf-8")
        lines = ["", *source.splitlines()]  # 1-based
        for node, scope, _ in import_statements(ast.parse(source, filename=str(path)).body):
            if scope != "module" and not _gives_reason(lines[n := node.lineno], lines[n - 1]):
                found.append(
                    f"{path.relative_to(root)}:{node.lineno}: {lines[node.lineno].strip()}"
                )
    return found


def _report(title: str, lines) -> str:
    return f"{title}:\n  " + "\n  ".join(str(line) for line in lines)


@cache
def _repo_edges() -> list[Edge]:
    return collect_edges(ROOT)


def _violations(rule: str) -> list[str]:
    return [
        f"{edge}  [{why}]" for name, edge, why in rule_violations(_repo_edges()) if name == rule
    ]


def test_no_import_cycles():
    cycles = find_cycles(_repo_edges())
    assert not cycles, "\n".join(_report("Import cycle", cycle) for cycle in cycles)


def test_app_layers():
    found = _violations("app layers")
    assert not found, _report("home < lieux < campagnes < search, imports go down only", found)


def test_campagnes_layers():
    found = _violations("campagnes layers")
    assert not found, _report(f"campagnes layers (domain order {DOMAIN_ORDER})", found)


def test_leaf_modules_are_not_imported():
    found = _violations("leaves")
    assert not found, _report(f"Leaf modules imported (exceptions: {LEAF_EXCEPTIONS})", found)


def test_function_level_imports_give_a_reason():
    found = missing_reasons(ROOT)
    assert not found, _report("Add `# noqa: PLC0415 (<why it can't be at the top>)`", found)


def _write(root: Path, files: dict[str, str]) -> None:
    for name, text in files.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text, encoding="utf-8")


def test_checker_reports_what_it_should(tmp_path):
    """A layer breach inside a function and a two-module cycle: exactly those are reported."""
    pages = "from . import donations\nfrom ..money import cents\ndef g():\n    from .donations "
    _write(tmp_path, {
        "home/__init__.py": "",
        "home/a.py": "def f():\n    from campagnes import x\n",
        "campagnes/__init__.py": "",
        "campagnes/x.py": "CAMPAIGN = 'campagnes.CampaignPage'  # a lazy string, no import\n",
        "campagnes/models/__init__.py": "from .pages import Page\n",
        "campagnes/models/pages.py": pages + "import Gift  # noqa: PLC0415 (circular: see Gift)\n",
        "campagnes/models/donations.py": "",
        "campagnes/money.py": "",
        "lieux/__init__.py": "",
        "lieux/one.py": "from lieux import two\n",
        "lieux/two.py": "if TYPE_CHECKING:\n    from search import x\nfrom . import one\n",
        "search/__init__.py": "",
        "lieux/migrations/0001_initial.py": "from campagnes import x\n",
    })  # fmt: skip
    edges = collect_edges(tmp_path)
    assert Edge("campagnes.models", "campagnes.models.pages", 1) in edges
    assert Edge("campagnes.models.pages", "campagnes.models.donations", 1) in edges
    assert Edge("campagnes.models.pages", "campagnes.money", 2) in edges
    assert Edge("campagnes.models.pages", "campagnes.models.donations", 4, "function") in edges
    assert [[str(e) for e in cycle] for cycle in find_cycles(edges)] == [
        ["lieux.one -> lieux.two (line 1)", "lieux.two -> lieux.one (line 3)"],
    ]
    assert [(rule, str(edge)) for rule, edge, _ in rule_violations(edges)] == [
        ("app layers", "home.a -> campagnes.x (line 2, inside function)"),
        ("app layers", "lieux.two -> search (line 2, TYPE_CHECKING)"),  # checked, not a cycle
    ]
    assert missing_reasons(tmp_path) == ["home/a.py:2: from campagnes import x"]


def test_checker_knows_campagnes_layers(tmp_path):
    """Namespace packages (no __init__.py), a submodule importing its own package, campagnes'
    layers and a leaf package re-exporting its modules."""
    _write(tmp_path, {
        "campagnes/models/__init__.py": "from .pages import Page\n",
        "campagnes/models/pages.py": "from campagnes.models import Gift\n",
        "campagnes/pdf/receipt.py": "from django.db import models\n",
        "campagnes/stripe/client.py": "from campagnes.donations import views\n",
        "campagnes/donations/views.py": "from . import forms\nfrom campagnes.shares import x\n",
        "campagnes/donations/forms.py": "",
        "campagnes/shares/x.py": "",
        "campagnes/viewsets/__init__.py": "from .finance import FinanceViewSet\n",
        "campagnes/viewsets/finance.py": "",
        "campagnes/money.py": "def f():\n    # noqa: PLC0415 (ruff wants it below)\n"
                              "    import json\n    # deferred: csv is slow to load\n"
                              "    import csv  # noqa: PLC0415\n",
    })  # fmt: skip
    edges = collect_edges(tmp_path)
    assert [[str(e) for e in cycle] for cycle in find_cycles(edges)] == [
        ["campagnes.models -> campagnes.models.pages (line 1)",
         "campagnes.models.pages -> campagnes.models (line 1)"],
    ]  # fmt: skip
    assert [(rule, str(edge), why) for rule, edge, why in rule_violations(edges)] == [
        ("campagnes layers", "campagnes.donations.views -> campagnes.shares.x (line 2)",
         "donations and shares never import each other"),
        ("campagnes layers", "campagnes.pdf.receipt -> django.db.models (line 1)",
         "campagnes.pdf is pure rendering: no models, no ORM"),
        ("campagnes layers", "campagnes.stripe.client -> campagnes.donations.views (line 1)",
         "donations comes after stripe in DOMAIN_ORDER"),
        ("leaves", "campagnes.stripe.client -> campagnes.donations.views (line 1)",
         "nothing imports a views module"),
        ("leaves", "campagnes.viewsets -> campagnes.viewsets.finance (line 1)",
         "nothing imports a viewsets module"),
    ]  # fmt: skip
    assert missing_reasons(tmp_path) == ["campagnes/money.py:3: import json"]
