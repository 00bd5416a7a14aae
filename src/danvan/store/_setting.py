"""The setting kept in the store: a file's setting records, and the checks over the setting.

The setting (units, teams, members, memberships, catalogue: 1,900 teams in a
province) comes in a document that rarely changes, yet was parsed, merged and
checked on every run. Here a file's setting records are kept in its read entry
in the document's own JSON form (``dataset_to_json``), structured again through
the canonical converter when loaded (so an entry that does not fit the model is
refused like any damaged one), and kept only when that gives back exactly what
was read. The checks over the setting (with the stand-ins for the files' keys)
are kept in an entry of their own, keyed by everything they look at.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import orjson

from danvan.errors import DanvanError
from danvan.findings import RecordOrigin
from danvan.loading import DatasetLoadError, converter, dataset_from_raw, dataset_to_json
from danvan.model import Catalog, Dataset
from danvan.store._checks import SettingPart
from danvan.store._codec import finding_from_raw, findings_to_raw
from danvan.store._entries import fingerprint


class BadSetting(DanvanError, ValueError):
    """Stored setting records that do not fit the model: the entry is not trusted."""


def setting_to_raw(own: Dataset, catalog: Catalog) -> dict[str, Any] | None:
    """A file's setting records (no activities) as the store keeps them, or ``None`` when
    loading them back would not give exactly ``own`` (the file is then read every run)."""
    raw = orjson.loads(dataset_to_json(own))  # plain JSON values, as the entry holds them
    try:
        again = dataset_from_raw(raw, catalog=catalog)
    except DatasetLoadError:
        return None
    return raw if again == own else None


def setting_from_raw(raw: Any, catalog: Catalog) -> Dataset:
    """The setting records ``setting_to_raw`` kept; `BadSetting` when they do not fit."""
    try:
        own = dataset_from_raw(raw, catalog=catalog)
    except DatasetLoadError as error:
        raise BadSetting(str(error)) from None
    if own.activities:
        raise BadSetting("activities among the stored setting records")
    return own


def setting_key(
    base: Mapping[str, Any],
    entries: Sequence[Mapping[str, Any] | None],
    keys: Sequence[Mapping[str, Any]],
    setting: Dataset,
) -> str:
    """The fingerprint of what makes the folder's ``setting``: the hashes of the files of
    setting records, in order, and the title and description merged from every document
    and the catalogue merged from all (``entries`` and ``keys`` are the files' read entries
    and their keys). The other documents add no record."""
    made_of = [
        key["sha256"]
        for entry, key in zip(entries, keys, strict=True)
        if entry is not None and entry["mode"] == "mixed"
    ]
    return fingerprint(
        {
            "base": dict(base),
            "files": made_of,
            "title": setting.title,
            "description": setting.description,
            "catalog": converter.unstructure(setting.catalog, Catalog),
        }
    )


def checks_key(
    setting: str,
    origins: Sequence[RecordOrigin],
    stubs: Any,
    shaping: Mapping[str, Any],
) -> dict[str, Any]:
    """The key of the checks over the setting: the setting, where its records come from,
    the stand-ins made from the files' keys, and the rules, day and limit of the run."""
    return {
        "entry": "setting-checks",
        "setting": setting,
        "origins": [[o.table, o.start, o.end, o.source] for o in origins],
        "stubs": fingerprint(stubs),
        **shaping,
    }


def parts_to_raw(parts: Mapping[str, SettingPart]) -> dict[str, Any]:
    """The checks over the setting as plain JSON values (``NotStorable`` as findings raise)."""
    return {
        rule: {
            "findings": findings_to_raw(part.findings),
            "counts": [[source, code, n] for (source, code), n in part.counts.items()],
        }
        for rule, part in parts.items()
    }


def parts_from_raw(raw: Mapping[str, Any]) -> dict[str, SettingPart]:
    """The checks ``parts_to_raw`` kept."""
    return {
        rule: SettingPart(
            [finding_from_raw(item, None, None) for item in part["findings"]],
            {(source, code): n for source, code, n in part["counts"]},
        )
        for rule, part in raw.items()
    }
