"""The hook specifications of danvan: the one list of what a plugin can provide.

A plugin is any module or object with functions marked ``@hookimpl`` whose
names match a spec below. The built-in exporters are plugins of exactly this
kind. Third-party plugins are found through the entry-point group ``danvan``.

Hooks still to come, with the issues that need them: ``danvan_importers``,
``danvan_rules`` and ``danvan_catalog``. Each new spec needs a docstring with
its signature, a section in ``docs/plugins.md`` and a test (the meta-tests in
``tests/test_plugin_meta.py`` check all three).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

import pluggy

if TYPE_CHECKING:
    from danvan.export import Exporter
    from danvan.importers.base import Importer

PROJECT_NAME = "danvan"

hookspec = pluggy.HookspecMarker(PROJECT_NAME)
hookimpl = pluggy.HookimplMarker(PROJECT_NAME)


@hookspec
def danvan_exporters() -> Iterable[Exporter]:  # type: ignore[empty-body]
    """Signature: ``danvan_exporters() -> Iterable[Exporter]``

    Return the exporters this plugin provides (``danvan.export.Exporter``).
    Each has a unique ``name`` (two exporters with one name are an error
    naming both plugins), the file ``suffixes`` it claims, a ``media_type``,
    a bilingual ``description`` and ``write(bundle, binary_stream, options)``.
    """


@hookspec
def danvan_importers() -> Iterable[Importer]:  # type: ignore[empty-body]
    """Signature: ``danvan_importers() -> Iterable[Importer]``

    Return the importers this plugin provides (``danvan.importers.base.Importer``).
    Each has a unique ``name`` (two importers with one name are an error naming
    both plugins), the file ``suffixes`` it reads, a bilingual ``description``
    and ``read(binary_stream, source, options) -> RawImport`` (raw sheets, or a
    whole dataset, plus findings); optionally ``read_folder`` for a folder.
    """
