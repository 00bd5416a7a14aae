"""The API reference names every public module, so that a new module cannot be left out.

A public module is one whose dotted name has no part starting with ``_``; the
reference names a module with an ``automodule`` directive in a page of docs/.
The few public modules that are not Python API say here why they are left out.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import danvan

DOCS = Path(__file__).parent.parent / "docs"
PACKAGE = Path(danvan.__file__).parent
AUTOMODULE = re.compile(r"^\.\. automodule:: (\S+)$", re.MULTILINE)

NOT_IN_THE_REFERENCE = {
    "danvan.cli": "the command line, documented in docs/cli.md",
    "danvan.data": "package data, no Python",
    "danvan.importers.calamine_worker": "the worker process's side, run by importers.isolation",
    # Being moved into one package, danvan.loading, which the reference will name.
}


def public_modules() -> set[str]:
    """Every module and package of danvan whose dotted name has no private part."""
    names: set[str] = set()
    for path in PACKAGE.rglob("*.py"):
        parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
        if parts[-1] == "__init__":
            parts = parts[:-1]
        if not any(part.startswith("_") for part in parts):
            names.add(".".join(parts))
    return names


def named_in_the_reference() -> set[str]:
    pages = (page.read_text(encoding="utf-8") for page in DOCS.glob("*.md"))
    return {name for text in pages for name in AUTOMODULE.findall(text)}


def test_every_public_module_is_in_the_api_reference() -> None:
    missing = public_modules() - set(NOT_IN_THE_REFERENCE) - named_in_the_reference()
    assert not missing, f"add these to docs/api.md: {sorted(missing)}"


def test_the_reference_names_only_modules_that_exist_and_leaves_out_none_it_names() -> None:
    public = public_modules()
    assert named_in_the_reference() <= public
    assert set(NOT_IN_THE_REFERENCE) <= public
    assert not set(NOT_IN_THE_REFERENCE) & named_in_the_reference()


def test_the_faces_and_the_contracts_are_in_the_reference() -> None:
    assert {
        "danvan",
        "danvan.plugin",
        "danvan.tables",
        "danvan.exporters.base",
        "danvan.importers.base",
        "danvan.rules.base",
        "danvan.testing",
    } <= named_in_the_reference()


def test_the_links_to_python_attrs_and_pluggy_are_read_from_inventories_kept_here() -> None:
    conf = ast.parse((DOCS / "conf.py").read_text(encoding="utf-8"))
    (mapping,) = (
        ast.literal_eval(node.value)
        for node in conf.body
        if isinstance(node, ast.Assign)
        and any(isinstance(t, ast.Name) and t.id == "intersphinx_mapping" for t in node.targets)
    )
    assert set(mapping) == {"python", "attrs", "pluggy"}
    for site, inventory in mapping.values():
        assert site.startswith("https://")
        assert (DOCS / inventory).read_bytes().startswith(b"# Sphinx inventory version 2\n")
