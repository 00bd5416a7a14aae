"""Loading for users: the loading functions with the catalogue filled from the plugins.

``danvan.loading`` takes the catalogue a document without one gets as a
required argument; here it defaults to the built-in catalogue with every
plugin's entries (``danvan.plugins.provided.catalog``).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from danvan import loading
from danvan.findings import ValidationReport
from danvan.model import Catalog, Dataset
from danvan.plugins import provided
from danvan.plugins.manager import PluginManager


def _catalog(catalog: Catalog | None, plugin_manager: PluginManager | None) -> Catalog:
    return catalog if catalog is not None else provided.catalog(plugin_manager)


def dataset_from_json(
    data: bytes | str,
    *,
    catalog: Catalog | None = None,
    plugin_manager: PluginManager | None = None,
) -> Dataset:
    """A dataset document's JSON text as a ``Dataset``; ``DatasetLoadError`` lists what is wrong.

    A UTF-8 byte-order mark before the text is accepted. Strings are kept in
    normal form (NFC, one tone-mark placement, single spaces, no control
    characters); a value of the wrong type is refused, never coerced. A
    document without a ``catalog`` takes ``catalog``: by default the built-in
    catalogue with every plugin's entries (those of ``plugin_manager``, by default
    the process-wide plugin manager).

    >>> import danvan
    >>> dataset = danvan.dataset_from_json(danvan.dataset_to_json(danvan.sample()))
    >>> dataset == danvan.sample()
    True
    >>> try:
    ...     danvan.dataset_from_json(b'{"teams": [{"id": "t1"}]}')
    ... except danvan.DatasetLoadError as error:
    ...     print(error.errors[0])
    teams[0].name: required field missing, expected str (found None)
    """
    return loading.dataset_from_json(data, catalog=_catalog(catalog, plugin_manager))


def load_checked(
    data: bytes | str | Mapping[str, Any],
    *,
    source: str | None = None,
    catalog: Catalog | None = None,
    plugin_manager: PluginManager | None = None,
) -> tuple[Dataset | None, ValidationReport]:
    """Load a dataset document; never raise on bad data.

    Returns the dataset (``None`` when it does not fit the model) and a report
    of the structure errors (DV0xx) and text normalisations (DV5xx) found,
    each located by record kind, index, id and field, and by the file, sheet
    and row the record's provenance names. ``data`` is JSON text or an
    already parsed document; ``source`` names the file. JSON text may begin
    with a UTF-8 byte-order mark; empty text (DV632) or a key written twice in
    one object (DV634, which a parsed document can no longer show) gives no
    dataset. ``catalog`` and ``plugin_manager`` as for ``dataset_from_json``.

    >>> import danvan
    >>> dataset, report = danvan.load_checked(b'{"teams": [{"id": "t1"}]}', source="a.json")
    >>> dataset is None
    True
    >>> [(f.code, f.location.field) for f in report.findings]
    [('DV010', 'name')]
    """
    return loading.load_checked(data, catalog=_catalog(catalog, plugin_manager), source=source)


def load_lines(
    setting: bytes | str | Mapping[str, Any],
    lines: Iterable[bytes | str],
    *,
    source: str | None = None,
    setting_source: str | None = None,
    catalog: Catalog | None = None,
    plugin_manager: PluginManager | None = None,
) -> tuple[Dataset | None, ValidationReport]:
    """Load a setting document and activities as JSON lines, one line at a time; never raise.

    ``setting`` is a dataset document (JSON text or parsed) with the units,
    teams, members and catalogue the activities refer to; ``lines`` yields one
    activity a line (an open binary file will do), and those activities come
    after any the setting holds. ``source`` names the lines' file and
    ``setting_source`` the setting's; ``catalog`` and ``plugin_manager`` as for
    ``dataset_from_json``.

    Gives what ``load_checked`` gives for the setting with the lines'
    activities in it, but never holds the parsed lines. Findings of a line
    point at ``source`` and the 1-based line number (``row``), with the
    record's index among the activities. A line that is not JSON is a DV001
    error at its line; the other lines are still checked. Blank lines are
    skipped. The dataset is ``None`` when any error was found.

    >>> import danvan, orjson
    >>> setting = danvan.dataset_to_json(danvan.sample())
    >>> line = orjson.dumps({"id": "x1", "team": "t", "village": "v", "date": "2022-13-01",
    ...                      "type": "monthly_meeting"})
    >>> dataset, report = danvan.load_lines(setting, [line], source="a.jsonl")
    >>> [(f.code, f.location.row, f.location.field) for f in report.findings]
    [('DV011', 1, 'date')]
    """
    return loading.load_lines(
        setting,
        lines,
        catalog=_catalog(catalog, plugin_manager),
        source=source,
        setting_source=setting_source,
    )
