"""The loading layer: JSON documents to ``Dataset`` and back, with the diagnostics of loading.

A service below ``rules``, ``registry`` and ``aggregate``: it imports only the
values, the model and the findings. Every function that may need a catalogue
takes it as the keyword ``catalog`` (the one a document without its own
catalogue gets); the public face (``danvan.load_checked`` and friends) fills
the default from the plugins.

The rooms:

- ``_converter``: the one canonical cattrs converter (``converter``), its strict
  hooks, and ``FULL_FIRST_TRY`` derived from it without detailed validation;
- ``_quick``: the quick road for clean documents, a converter derived from
  the canonical one; a ``Loader`` (one load) owns what the load shares;
  ``REFUSED``;
- ``_errors``: paths, ``FieldError``, ``DatasetLoadError``, the flattening of
  cattrs' errors;
- ``_normal``: ``normalize_strings`` (``danvan.text.canonical_text`` of every
  string) and the DV5xx
  ``text_findings`` of what changed;
- ``_json``: ``dataset_to_json``/``dataset_from_json`` and the raw forms;
- ``_diagnostics``: ``locate``, ``json_pointer``, duplicate keys, parsing JSON
  text with its refusals, the DV0xx findings of structure errors;
- ``_checked``: ``load_checked``; ``_lines``: ``load_lines``;
- ``_units``: ``registry_from_raw``, a unit registry from its own document.
"""

from __future__ import annotations

from danvan.loading._checked import load_checked
from danvan.loading._converter import FORMAT, FULL_FIRST_TRY, converter
from danvan.loading._diagnostics import (
    duplicate_keys,
    json_pointer,
    locate,
    parse_document,
    structure_finding,
    structure_findings,
)
from danvan.loading._errors import (
    DatasetLoadError,
    FieldError,
    Path,
    field_errors,
    format_path,
    lookup,
)
from danvan.loading._json import (
    check_document,
    dataset_from_json,
    dataset_from_normal,
    dataset_from_raw,
    dataset_to_json,
    dataset_to_raw,
    structure_records,
)
from danvan.loading._lines import load_lines
from danvan.loading._normal import TextChange, normalize_strings, text_findings
from danvan.loading._quick import (
    REFUSED,
    Loader,
    structure_data,
    structure_if_clean,
    structurer,
)
from danvan.loading._units import registry_from_raw

__all__ = [
    "FORMAT",
    "FULL_FIRST_TRY",
    "REFUSED",
    "DatasetLoadError",
    "FieldError",
    "Loader",
    "Path",
    "TextChange",
    "check_document",
    "converter",
    "dataset_from_json",
    "dataset_from_normal",
    "dataset_from_raw",
    "dataset_to_json",
    "dataset_to_raw",
    "duplicate_keys",
    "field_errors",
    "format_path",
    "json_pointer",
    "load_checked",
    "load_lines",
    "locate",
    "lookup",
    "normalize_strings",
    "parse_document",
    "registry_from_raw",
    "structure_data",
    "structure_finding",
    "structure_findings",
    "structure_if_clean",
    "structure_records",
    "structurer",
    "text_findings",
]
