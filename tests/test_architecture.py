"""The house stays walkable: the pipeline's layers hold, no module imports itself round a cycle
(counting imports inside functions too), no module grows past what one reading takes in, and the
top of the package holds only entry points and the shared vocabulary."""

from __future__ import annotations

import ast
import os
from pathlib import Path

from importlinter.cli import lint_imports

PACKAGE = Path(__file__).resolve().parents[1] / "src" / "msglint"
MAX_LINES = 400
TOP_LEVEL = {"__init__", "__main__", "api", "cli", "distributed", "config", "errors", "i18n", "message",
             "findings", "results", "vocabulary"}


def _modules() -> dict[str, Path]:
    found = {}
    for path in PACKAGE.rglob("*.py"):
        parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts.pop()
        found[".".join(parts)] = path
    return found


def _imports(name: str, path: Path, modules) -> set[str]:
    """Every msglint module ``name`` imports, wherever the import statement stands."""
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    out = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            targets = [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                base = ".".join(package.split(".")[: len(package.split(".")) - node.level + 1] + ([base] if base else []))
            targets = [f"{base}.{a.name}" for a in node.names] + [base]
        else:
            continue
        for target in targets:
            while target and target not in modules:
                target = target.rpartition(".")[0]
            # The package itself only re-exports the API lazily (msglint.__getattr__).
            if target and target not in (name, "msglint"):
                out.add(target)
    return out


def _cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components of more than one module (Tarjan's algorithm)."""
    index, low, stack, on_stack, found = {}, {}, [], set(), []

    def visit(node):
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for other in graph.get(node, ()):
            if other not in index:
                visit(other)
                low[node] = min(low[node], low[other])
            elif other in on_stack:
                low[node] = min(low[node], index[other])
        if low[node] == index[node]:
            component = []
            while True:
                other = stack.pop()
                on_stack.discard(other)
                component.append(other)
                if other == node:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return found


def test_no_import_cycle_even_through_imports_inside_functions():
    modules = _modules()
    graph = {name: _imports(name, path, modules) for name, path in modules.items()}
    assert _cycles(graph) == []


def test_the_cycle_finder_finds_a_cycle():
    assert _cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]


def test_the_layers_contract_holds():
    # lint_imports reads the contracts from pyproject.toml in the working directory.
    here = os.getcwd()
    os.chdir(PACKAGE.parents[1])
    try:
        assert lint_imports(no_cache=True, no_logo=True) == 0
    finally:
        os.chdir(here)


def test_no_module_is_longer_than_one_reading():
    long = {str(p.relative_to(PACKAGE)): n for p in PACKAGE.rglob("*.py")
            if (n := len(p.read_text(encoding="utf-8").splitlines())) > MAX_LINES}
    assert long == {}


def test_the_top_of_the_package_holds_entry_points_and_shared_vocabulary_only():
    assert {p.stem for p in PACKAGE.glob("*.py")} <= TOP_LEVEL


def test_an_import_inside_a_function_is_lazy_on_purpose_and_says_why():
    """Imports stand at the top of their module; one inside a function defers something heavy
    (Jinja, YAML, Kiwi, the template machinery for --fix) and a comment on it, or just above it,
    says so."""
    silent = []
    for path in PACKAGE.rglob("*.py"):
        if path == PACKAGE / "__init__.py":  # the package's lazy API: its docstring says why
            continue
        lines = path.read_text(encoding="utf-8").splitlines()
        for function in ast.walk(ast.parse("\n".join(lines))):
            if not isinstance(function, (ast.FunctionDef, ast.AsyncFunctionDef)):
                continue
            for node in ast.walk(function):
                if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("msglint"):
                    around = lines[max(0, node.lineno - 5):node.end_lineno]
                    if not any("#" in line for line in around):
                        silent.append(f"{path.relative_to(PACKAGE)}:{node.lineno}")
    assert silent == []
