"""The public faces (``danvan``, ``danvan.plugin``) are lazy, and say the same thing twice.

Each face keeps a table ``_HOLDERS`` of its public names and the module that
holds each, imported on first use, and the same imports under ``TYPE_CHECKING``
for type checkers. These tests hold the two equal, every name reachable, and
``import danvan`` free of the services.
"""

from __future__ import annotations

import ast
import importlib
import importlib.metadata
import subprocess
import sys
from pathlib import Path
from types import ModuleType

import pytest

FACES = ("danvan", "danvan.plugin")
# What importing a face alone must not load: the services and the heavy formats.
NOT_AT_IMPORT = (
    "danvan.aggregate",
    "danvan.read",
    "danvan.plugins",
    "danvan.rules",
    "xlsxwriter",
    "python_calamine",
)


def _tree(face: ModuleType) -> ast.Module:
    assert face.__file__ is not None
    return ast.parse(Path(face.__file__).read_text(encoding="utf-8"))


def _table(tree: ast.Module) -> dict[str, str]:
    """The literal ``_HOLDERS`` table of a face's source."""
    for node in tree.body:
        if isinstance(node, ast.AnnAssign | ast.Assign):
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            if any(isinstance(t, ast.Name) and t.id == "_HOLDERS" for t in targets):
                assert node.value is not None
                table: dict[str, str] = ast.literal_eval(node.value)
                return table
    raise AssertionError("no _HOLDERS table")


def _type_checking_imports(tree: ast.Module) -> dict[str, str]:
    """Name -> module of every ``from module import name`` under ``if TYPE_CHECKING:``."""
    imports: dict[str, str] = {}
    for node in tree.body:
        if isinstance(node, ast.If) and ast.unparse(node.test) == "TYPE_CHECKING":
            for statement in node.body:
                assert isinstance(statement, ast.ImportFrom), ast.unparse(statement)
                assert statement.module is not None
                for alias in statement.names:
                    assert alias.asname is None, "a face re-exports names as they are"
                    imports[alias.name] = statement.module
    return imports


@pytest.mark.parametrize("name", FACES)
def test_the_table_and_the_type_checking_imports_name_the_same_things(name: str) -> None:
    face = importlib.import_module(name)
    tree = _tree(face)
    table = _table(tree)
    assert table == _type_checking_imports(tree)
    assert set(table) == set(face.__all__) - {"__version__"}


@pytest.mark.parametrize("name", FACES)
def test_every_public_name_is_the_object_its_holder_defines(name: str) -> None:
    face = importlib.import_module(name)
    table = _table(_tree(face))
    for public in face.__all__:
        value = getattr(face, public)
        if public in table:
            assert value is getattr(importlib.import_module(table[public]), public), public
        assert not isinstance(value, ModuleType), f"{name}.{public} is shadowed by a module"
    assert set(face.__all__) <= set(dir(face))


def test_from_danvan_import_works_for_every_name() -> None:
    import danvan

    namespace: dict[str, object] = {}
    exec(f"from danvan import {', '.join(danvan.__all__)}", namespace)
    assert {name for name in namespace if name != "__builtins__"} == set(danvan.__all__)


def test_the_version_is_the_installed_metadata_and_is_written_nowhere_in_the_face() -> None:
    import danvan

    assert danvan.__version__ == importlib.metadata.version("danvan")
    assert "__version__" not in _table(_tree(danvan))
    declarations = [
        ast.unparse(node)
        for node in _tree(danvan).body
        if (isinstance(node, ast.AnnAssign) and ast.unparse(node.target) == "__version__")
        or (isinstance(node, ast.Assign) and "__version__" in map(ast.unparse, node.targets))
    ]
    assert declarations == ["__version__: str"]  # for type checkers; the value is read


def test_the_version_is_read_when_asked_for_not_when_danvan_is_imported() -> None:
    probe = (
        "import sys, danvan; "
        "print('importlib.metadata' in sys.modules, '__version__' in dir(danvan)); "
        "print(danvan.__version__ == sys.modules['importlib.metadata'].version('danvan'))"
    )
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert done.stdout.split() == ["False", "True", "True"]


def test_the_command_line_prints_the_same_version() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "danvan", "--version"], capture_output=True, text=True, check=True
    )
    assert done.stdout == f"danvan, version {importlib.metadata.version('danvan')}\n"


@pytest.mark.parametrize("name", FACES)
def test_an_unknown_name_is_an_attribute_error_naming_the_face(name: str) -> None:
    face = importlib.import_module(name)
    with pytest.raises(AttributeError, match=f"module '{name}' has no attribute 'no_such_name'"):
        face.no_such_name  # noqa: B018
    with pytest.raises(ImportError, match="no_such_name"):
        exec(f"from {name} import no_such_name", {})


@pytest.mark.parametrize("name", FACES)
def test_importing_a_face_loads_neither_the_services_nor_the_formats(name: str) -> None:
    probe = f"import sys, {name}; print(sorted(m for m in {NOT_AT_IMPORT!r} if m in sys.modules))"
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"


def test_a_name_used_loads_its_holder_and_no_more_of_the_services() -> None:
    probe = (
        "import sys, danvan; danvan.parse_period('2022-Q1'); "
        f"print(sorted(m for m in {NOT_AT_IMPORT!r} if m in sys.modules), "
        "'danvan.periods' in sys.modules)"
    )
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[] True"
