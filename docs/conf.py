"""Sphinx configuration for the danvan documentation (MyST Markdown, furo theme).

The build is nitpicky (``-n``): every name a page or a signature refers to
must resolve, here or, through the inventories kept in ``_inventories/``, in
the documentation of Python, attrs and pluggy.
"""

from __future__ import annotations

import builtins
from typing import Any

from docutils import nodes
from sphinx import addnodes

import danvan

project = "danvan"
author = "danvan contributors"
copyright = "2026, danvan contributors"
release = danvan.__version__

extensions = [
    "myst_parser",
    "sphinx.ext.autodoc",
    "sphinx.ext.intersphinx",
    "sphinx.ext.viewcode",
]
source_suffix = {".md": "markdown"}
myst_enable_extensions = ["colon_fence", "deflist"]
myst_heading_anchors = 3
exclude_patterns = ["_build"]
html_theme = "furo"
html_title = "danvan"
language = "en"
autodoc_member_order = "bysource"
autodoc_typehints = "description"
# Bases shown: an error's place under DanvanError, the manager's under pluggy's.
autodoc_default_options = {"members": True, "undoc-members": False, "show-inheritance": True}
nitpicky = True
nitpick_ignore = [
    # Type variables are not documented objects: a generic signature names them.
    ("py:class", "danvan.text._collation.T"),
    ("py:class", "danvan.importers.isolation.T"),
    ("py:obj", "danvan.importers.isolation.T"),
    ("py:class", "T"),
    ("py:class", "danvan.plugins.info.Named"),
    ("py:class", "danvan.plugins.manager._Item"),
    ("py:class", "danvan.loading._json._Record"),
    ("py:class", "danvan.loading._quick._Record"),
    ("py:class", "danvan.aggregate._reports._Key"),
    # The private frame of a period that PeriodTotals keeps (built by its
    # classmethod, never by a caller).
    ("py:class", "danvan.aggregate._engine._Frame"),
]

# Links go to the published documentation; the build reads the inventories kept
# in _inventories/, so that it needs no network. python.inv is Python 3.11's;
# attrs.inv and pluggy.inv were built from the docs/ of attrs 26.1 and pluggy
# 1.7 (their source distributions). To refresh one, replace it with the
# objects.inv published at its site.
intersphinx_mapping = {
    "python": ("https://docs.python.org/3", "_inventories/python.inv"),
    "attrs": ("https://www.attrs.org/en/stable", "_inventories/attrs.inv"),
    "pluggy": ("https://pluggy.readthedocs.io/en/stable", "_inventories/pluggy.inv"),
}

# The names by which the source imports standard modules (``import datetime as
# dt``). attrs writes a class's __init__ from its fields, and that __init__
# does not see its module's names, so its annotations stay strings as written.
_SOURCE_ALIASES = {"dt": "datetime", "Path": "pathlib.Path"}


def _python_names_as_python_documents_them(app: Any, doctree: nodes.document) -> None:
    """Point the names of types at the objects they mean before references resolve.

    A builtin (``type``, ``str``) is looked up as written: Sphinx searches the
    types of a description's fields by the end of their name, so ``type``
    matched every attribute called ``type`` (``Activity.type``, ``Column.type``).
    An alias of the source (``dt.date``, ``Path``) is written out in full.
    """
    for ref in doctree.findall(addnodes.pending_xref):
        if ref.get("refdomain") != "py":
            continue
        target = ref.get("reftarget", "")
        head, dot, rest = target.partition(".")
        if head in _SOURCE_ALIASES:
            ref["reftarget"] = _SOURCE_ALIASES[head] + dot + rest
        elif ref.get("reftype") == "class" and hasattr(builtins, target):
            ref.attributes.pop("refspecific", None)


def setup(app: Any) -> None:
    app.connect("doctree-read", _python_names_as_python_documents_them)
