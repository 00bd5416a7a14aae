"""Sphinx configuration for the danvan documentation (MyST Markdown, furo theme)."""

from __future__ import annotations

import danvan

project = "danvan"
author = "danvan contributors"
copyright = "2026, danvan contributors"
release = danvan.__version__

extensions = [
    "myst_parser",
    "sphinx.ext.autodoc",
    "sphinx.ext.napoleon",
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
autodoc_default_options = {"members": True, "undoc-members": False}
nitpicky = False
suppress_warnings = ["myst.xref_missing", "ref.python"]
