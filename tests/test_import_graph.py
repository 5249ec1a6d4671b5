"""The pipeline's shape, read from the package's imports (ast, no import executed):
parse → model → views → formats → site → publish (export | web).

- a format module never imports another format (what two formats share lives in
  :mod:`wipofeeds.views` or a shared render module that registers no format);
- nothing under ``render`` imports ``site``; ``site`` imports none of the export's
  writing code;
- the package has no import cycle.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "src" / "wipofeeds"
WRITING = {"wipofeeds.export", "wipofeeds.writer", "wipofeeds.helper"}


def _module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _resolve(module: str, is_package: bool, node: ast.ImportFrom, files) -> set[str]:
    """The package modules ``node`` imports: 'from . import a, b' imports modules a and b,
    'from .m import name' module m."""
    if node.level == 0:
        base = node.module or ""
    else:
        anchor = module.split(".") if is_package else module.split(".")[:-1]
        anchor = anchor[: len(anchor) - (node.level - 1)]
        base = ".".join(anchor + ([node.module] if node.module else []))
    return {f"{base}.{alias.name}" if f"{base}.{alias.name}" in files else base for alias in node.names}


def _graph() -> dict[str, set[str]]:
    """module → the wipofeeds modules it imports, anywhere in its body."""
    files = {_module_name(p): p for p in PACKAGE.rglob("*.py")}
    graph: dict[str, set[str]] = {}
    for module, path in files.items():
        imported: set[str] = set()
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            if isinstance(node, ast.Import):
                imported |= {alias.name for alias in node.names}
            elif isinstance(node, ast.ImportFrom):
                imported |= _resolve(module, path.name == "__init__.py", node, files)
        graph[module] = {name for name in imported if name in files and name != module}
    return graph


def _formats(graph: dict[str, set[str]]) -> set[str]:
    """The render modules that register a format (call ``register``)."""
    found = set()
    for module in graph:
        if module.startswith("wipofeeds.render."):
            tree = ast.parse((PACKAGE.parent / (module.replace(".", "/") + ".py")).read_text("utf-8"))
            calls = [n for n in ast.walk(tree) if isinstance(n, ast.Call) and getattr(n.func, "id", None) == "register"]
            if calls:
                found.add(module)
    return found


GRAPH = _graph()
FORMATS = _formats(GRAPH)


def test_the_built_in_formats_are_found():
    assert {f"wipofeeds.render.{name}" for name in ("calendar", "feeds", "jsonapi", "html")} <= FORMATS


@pytest.mark.parametrize("module", sorted(FORMATS))
def test_a_format_imports_no_other_format(module):
    assert GRAPH[module] & FORMATS == set()


@pytest.mark.parametrize("module", sorted(m for m in GRAPH if m.startswith("wipofeeds.render")))
def test_render_does_not_import_the_site(module):
    assert "wipofeeds.site" not in GRAPH[module]


def test_the_site_does_not_import_the_writing_code():
    assert GRAPH["wipofeeds.site"] & WRITING == set()


def test_the_package_has_no_import_cycle():
    state: dict[str, str] = {}
    cycles: list[list[str]] = []

    def visit(module: str, path: list[str]) -> None:
        state[module] = "open"
        for imported in sorted(GRAPH[module]):
            if state.get(imported) == "open":
                cycles.append(path[path.index(imported):] + [imported])
            elif imported not in state:
                visit(imported, path + [imported])
        state[module] = "done"

    for module in sorted(GRAPH):
        if module not in state:
            visit(module, [module])
    assert cycles == []
