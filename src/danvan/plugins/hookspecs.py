"""The hook specifications of danvan: the one list of what a plugin can provide.

A plugin is any module or object with functions marked ``@hookimpl`` whose
names match a spec below. The built-in exporters, importers, rules, catalogue and unit
registry are plugins of exactly this kind. Third-party plugins are found
through the entry-point group ``danvan``.

Each spec needs a docstring with its signature, a section in
``docs/plugins.md`` and a test (the meta-tests in ``tests/test_plugin_meta.py``
check all three).
"""

from __future__ import annotations

from collections.abc import Iterable

from danvan.exporters.base import Exporter
from danvan.hooks import hookspec
from danvan.importers.base import Importer
from danvan.model import Catalog, ReportingBody
from danvan.registry import UnitRegistry
from danvan.rules.base import Rule


@hookspec
def danvan_exporters() -> Iterable[Exporter]:  # type: ignore[empty-body]
    """Signature: ``danvan_exporters() -> Iterable[Exporter]``

    Return the exporters this plugin provides (``danvan.plugin.Exporter``).
    Each has a unique ``name`` (two exporters with one name are an error
    naming both plugins), the file ``suffixes`` it claims, a ``media_type``,
    a bilingual ``description`` and ``write(bundle, binary_stream, options)``.
    """


@hookspec
def danvan_rules() -> Iterable[Rule]:  # type: ignore[empty-body]
    """Signature: ``danvan_rules() -> Iterable[Rule]``

    Return validation rules (``danvan.rules.Rule``, most easily made with the
    ``@danvan.rule(name, *codes)`` decorator). ``danvan.validate`` runs every
    plugin's rules after the built-in ones. A rule's finding codes must be
    declared with ``danvan.findings.declare`` and should use a prefix of the
    plugin's own (not ``DV``).
    """


@hookspec
def danvan_catalog() -> Catalog:  # type: ignore[empty-body]
    """Signature: ``danvan_catalog() -> Catalog``

    Return catalogue entries to add (activity types, topics, indicators), as a
    ``danvan.model.Catalog`` (or an iterable of them). Entries are merged in
    plugin order after the built-in catalogue; on a code already taken, the
    earlier entry stays.
    """


@hookspec
def danvan_unit_registries() -> UnitRegistry:  # type: ignore[empty-body]
    """Signature: ``danvan_unit_registries() -> UnitRegistry``

    Return administrative units and their successions (``danvan.registry.UnitRegistry``,
    or an iterable of them), for instance the whole country. They are merged
    after the bundled Điện Biên registry; unit ids must not collide.
    """


@hookspec
def danvan_reporting_lines() -> Iterable[ReportingBody]:  # type: ignore[empty-body]
    """Signature: ``danvan_reporting_lines() -> Iterable[ReportingBody]``

    Return bodies of the reporting line (``danvan.model.ReportingBody``: who
    receives whose reports, with validity and founding text), for instance
    another province's. They come after the bundled Điện Biên line.
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
