"""The house keeps its layers: what the import contract cannot see, these tests hold.

``lint-imports`` (run by CI) checks the layers contract in ``pyproject.toml``.
It only checks the modules the contract names, so these tests make sure every
module is named (or only re-exports), that no module hides an import inside a
function, and that ``docs/architecture.md`` names every layer of the contract.
"""

from __future__ import annotations

import ast
import tomllib
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SOURCE = ROOT / "src"
PACKAGE = SOURCE / "danvan"
#: The faces that import on first use: their imports for type checkers are the table's names.
LAZY_FACES = ("danvan", "danvan.plugin")


def _contract() -> list[list[str]]:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    (layers,) = [c for c in config["tool"]["importlinter"]["contracts"] if c["type"] == "layers"]
    return [[name.strip() for name in layer.split("|")] for layer in layers["layers"]]


def _modules() -> Iterator[tuple[str, Path]]:
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = path.relative_to(SOURCE).with_suffix("").parts
        if parts[-1] == "__init__":
            parts = parts[:-1]
        yield ".".join(parts), path


def _imports_of_danvan(node: ast.AST) -> Iterator[ast.Import | ast.ImportFrom]:
    for child in ast.walk(node):
        if isinstance(child, ast.ImportFrom):
            names = [child.module or ""] if not child.level else ["danvan"]
        elif isinstance(child, ast.Import):
            names = [alias.name for alias in child.names]
        else:
            continue
        if any(name == "danvan" or name.startswith("danvan.") for name in names):
            yield child


def _only_reexports(tree: ast.Module) -> bool:
    """A package ``__init__`` whose body is a docstring, imports and ``__all__``."""
    for statement in tree.body:
        if isinstance(statement, ast.Import | ast.ImportFrom):
            continue
        if isinstance(statement, ast.Expr) and isinstance(statement.value, ast.Constant):
            continue
        if isinstance(statement, ast.Assign) and [ast.unparse(t) for t in statement.targets] == [
            "__all__"
        ]:
            continue
        return False
    return True


def test_every_module_sits_on_a_layer_of_the_contract() -> None:
    layered = {name for layer in _contract() for name in layer}
    unplaced = []
    for name, path in _modules():
        if name == "danvan":  # the public face: the top, above every layer
            continue
        if any(name == m or name.startswith(m + ".") for m in layered):
            continue
        if path.name == "__init__.py" and _only_reexports(ast.parse(path.read_text("utf-8"))):
            continue
        unplaced.append(name)
    assert unplaced == [], f"modules on no layer of pyproject.toml's contract: {unplaced}"


def test_no_module_imports_danvan_inside_a_function_or_for_type_checking_only() -> None:
    hidden = []
    for name, path in _modules():
        tree = ast.parse(path.read_text("utf-8"))
        for node in ast.walk(tree):
            inside = isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef)
            checking = isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test)
            checking = checking and name not in LAZY_FACES  # they show type checkers their names
            if inside or checking:
                hidden += [f"{name}:{i.lineno}" for i in _imports_of_danvan(node)]
    assert hidden == [], f"imports of danvan inside functions or TYPE_CHECKING: {hidden}"


def test_the_architecture_page_names_every_layer_of_the_contract() -> None:
    page = (ROOT / "docs" / "architecture.md").read_text(encoding="utf-8")
    missing = [m for layer in _contract() for m in layer if f"`{m}`" not in page]
    assert missing == [], f"docs/architecture.md does not name: {missing}"
