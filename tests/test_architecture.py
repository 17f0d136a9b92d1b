"""The layering rules of docs/architecture.md, checked from the source rather than only written down.

Imports are read with `ast`, function-level ones included (a cycle hidden inside a function is still a
cycle: it only fails later, at the call). Edges go to the module actually named: `from a.b import c`
points at `a.b.c` when that is a module, else at `a.b`.
"""

from __future__ import annotations

import ast
import functools
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
QT_PACKAGES = ("PySide6", "shiboken6", "qtawesome")
QT_FREE_LAYERS = ("desktop.models", "desktop.services", "desktop.printing", "desktop.demo")
# On one worker: the files are parsed once for all the checks (names_imported_by).
pytestmark = pytest.mark.xdist_group("architecture")


def module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def all_modules() -> dict[str, Path]:
    return {
        module_name(p): p
        for p in (ROOT / "desktop").rglob("*.py")
        if "migrations" not in p.parts or p.parent.name == "migrations"
    }


def imported_names(path: Path, name: str) -> Iterator[str]:
    """Every module name an import statement in the file names, resolved against relative levels."""
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield alias.name
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")
                anchor = anchor[: len(anchor) - (node.level - 1)]
                base = ".".join([*anchor, base] if base else anchor)
            yield base
            for alias in node.names:
                yield f"{base}.{alias.name}"


@functools.cache
def names_imported_by(path: Path, name: str) -> tuple[str, ...]:
    """`imported_names`, each file parsed once a run: every check below walks the same files."""
    return tuple(imported_names(path, name))


def import_graph() -> dict[str, set[str]]:
    modules = all_modules()
    graph: dict[str, set[str]] = {}
    for name, path in modules.items():
        targets: set[str] = set()
        for imported in names_imported_by(path, name):
            if imported in modules:
                targets.add(imported)
            elif imported.rpartition(".")[0] in modules:
                pass  # `from package import function`: the package itself was yielded too
        targets.discard(name)
        graph[name] = targets
    return graph


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components with more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        on_stack.add(v)
        for w in graph.get(v, ()):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            component = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                component.append(w)
                if w == v:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for v in sorted(graph):
        if v not in index:
            visit(v)
    return found


def without_package_facades(graph: dict[str, set[str]]) -> dict[str, set[str]]:
    """A package's `__init__` re-exporting its own submodules is not a cycle with them: Python loads
    the package first, then the submodule. Only that edge (package → own submodule) is dropped."""
    modules = all_modules()
    return {
        name: {
            t
            for t in targets
            if not (modules[name].name == "__init__.py" and t.startswith(name + "."))
            and not (name.startswith(t + ".") and modules[t].name == "__init__.py")
        }
        for name, targets in graph.items()
    }


def test_there_is_no_import_cycle_among_desktop_modules() -> None:
    found = cycles(without_package_facades(import_graph()))
    assert found == [], "import cycles (function-level imports included):\n" + "\n".join(
        " → ".join(c) for c in found
    )


def test_the_cycle_finder_finds_a_cycle() -> None:
    assert cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]


def qt_imports(path: Path, name: str) -> list[str]:
    return [i for i in names_imported_by(path, name) if i.split(".")[0] in QT_PACKAGES]


@pytest.mark.parametrize("layer", QT_FREE_LAYERS)
def test_no_qt_is_reachable_from_the_qt_free_layers(layer: str) -> None:
    modules = all_modules()
    graph = import_graph()
    start = [m for m in modules if m == layer or m.startswith(layer + ".")]
    assert start, f"{layer} has no modules"
    seen: dict[str, str | None] = dict.fromkeys(start)
    queue = list(start)
    offenders = []
    while queue:
        current = queue.pop()
        if qt_imports(modules[current], current):
            chain = [current]
            while (parent := seen[chain[-1]]) is not None:
                chain.append(parent)
            offenders.append(" ← ".join(chain))
        for target in graph[current]:
            if target not in seen:
                seen[target] = current
                queue.append(target)
    assert offenders == [], f"Qt is imported from {layer}:\n" + "\n".join(offenders)


def test_the_qt_check_sees_a_function_level_import(tmp_path: Path) -> None:
    source = tmp_path / "probe.py"
    source.write_text("def f():\n    from PySide6.QtCore import QObject\n    return QObject\n")
    assert qt_imports(source, "probe") == ["PySide6.QtCore", "PySide6.QtCore.QObject"]
