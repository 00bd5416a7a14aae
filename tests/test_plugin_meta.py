"""Meta-tests: every hook specification is tested and documented with its signature."""

from __future__ import annotations

import inspect
from pathlib import Path

import pytest

from danvan.plugins import hookspecs

ROOT = Path(__file__).resolve().parent.parent
SPECS = sorted(
    name
    for name, function in inspect.getmembers(hookspecs, inspect.isfunction)
    if hasattr(function, "danvan_spec")
)


def _signature(name: str) -> str:
    """``name(arg: Type, ...) -> Return`` as written in the docs (annotations as in the source)."""
    signature = inspect.signature(getattr(hookspecs, name))
    params = ", ".join(
        p.name if p.annotation is p.empty else f"{p.name}: {p.annotation}"
        for p in signature.parameters.values()
    )
    return f"{name}({params}) -> {signature.return_annotation}"


def test_there_are_hook_specifications() -> None:
    assert "danvan_exporters" in SPECS


@pytest.mark.parametrize("name", SPECS)
def test_every_hookspec_has_a_test(name: str) -> None:
    tests = "\n".join(p.read_text(encoding="utf-8") for p in (ROOT / "tests").glob("test_*.py"))
    assert f"def test_hook_{name}(" in tests


@pytest.mark.parametrize("name", SPECS)
def test_every_hookspec_documents_its_signature(name: str) -> None:
    docstring = inspect.getdoc(getattr(hookspecs, name)) or ""
    assert docstring.startswith(f"Signature: ``{_signature(name)}")
    assert _signature(name) in (ROOT / "docs" / "plugins.md").read_text(encoding="utf-8")
