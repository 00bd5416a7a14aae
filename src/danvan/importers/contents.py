"""What each file gave, and the records of every file merged into one dataset.

A file gives rows by table (read from its sheets by ``danvan.importers.tabular``)
or a whole dataset (a JSON document). Merging is one road whatever the files
were: ``Merged`` collects the records, catalogues, titles and the spans of each
document's records; the sheet reader adds the records it built from rows to the
same ``Merged``. This module needs no sheet reader, so that reading JSON
documents alone does not load it.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

import attrs

from danvan.findings import RecordOrigin
from danvan.model import Catalog, Dataset


@attrs.frozen
class FileContent:
    """What was read from one file: rows by table name, or a whole dataset.

    ``tables`` holds the sheet reader's ``SheetRows`` (``read_sheets``), by table name.
    """

    source: str
    tables: Mapping[str, list[Any]] = attrs.field(factory=dict)
    dataset: Dataset | None = None

    def parts(self, name: str) -> list[Any]:
        return list(self.tables.get(name, ()))


RECORD_KINDS = (
    *("units", "organizations", "members", "memberships", "successions", "figures"),
    *("targets", "submissions", "bodies", "teams", "activities"),
)
"""The record lists of a dataset, in the order a merged dataset lists them."""


def _merge_entries(lists: Iterable[Sequence[Any]]) -> tuple[Any, ...]:
    """Catalogue entries of several files: each file's in order, minus ones an earlier file had."""
    merged: list[Any] = []
    earlier: set[Any] = set()
    for entries in lists:
        merged.extend(e for e in entries if e not in earlier)
        earlier.update(entries)
    return tuple(merged)


@attrs.define
class Merged:
    """The records of every file so far, with their catalogues, titles and documents' spans."""

    records: dict[str, list[Any]] = attrs.field(factory=lambda: defaultdict(list))
    catalogs: list[Catalog] = attrs.field(factory=list)
    titles: list[str] = attrs.field(factory=list)
    descriptions: list[str] = attrs.field(factory=list)
    origins: list[RecordOrigin] = attrs.field(factory=list)

    def add_document(self, dataset: Dataset, source: str) -> None:
        """A whole dataset read from ``source``: its records, and where they sit in the merge."""
        for name in RECORD_KINDS:
            records = self.records[name]
            start = len(records)
            records.extend(getattr(dataset, name))
            if len(records) > start:
                self.origins.append(RecordOrigin(name, start, len(records), source))
        self.catalogs.append(dataset.catalog)
        self.titles.append(dataset.title)
        self.descriptions.append(dataset.description)

    def dataset(self, catalog: Catalog | None) -> tuple[Dataset, tuple[RecordOrigin, ...]]:
        """The merged dataset: the files' catalogues merged, or ``catalog`` when none had one."""
        if self.catalogs:
            merged = Catalog(
                activity_types=_merge_entries(c.activity_types for c in self.catalogs),
                topics=_merge_entries(c.topics for c in self.catalogs),
                indicators=_merge_entries(c.indicators for c in self.catalogs),
            )
        elif catalog is not None:
            merged = catalog
        else:  # no catalogue given (danvan.read_dataset always gives one): none beyond the files'
            merged = Catalog()
        records = self.records
        dataset = Dataset(
            **{name: tuple(records[name]) for name in RECORD_KINDS},
            catalog=merged,
            title=next((t for t in self.titles if t), ""),
            description=next((d for d in self.descriptions if d), ""),
        )
        return dataset, tuple(self.origins)


def merge_documents(
    contents: Sequence[FileContent], catalog: Catalog | None = None
) -> tuple[Dataset, tuple[RecordOrigin, ...]]:
    """One dataset from files that gave whole datasets (no rows); see ``Merged``.

    A file that gave neither (its reading refused) adds nothing. Files with rows
    go through ``danvan.importers.tabular.build_dataset``, which merges the same way.
    """
    merged = Merged()
    for content in contents:
        if content.dataset is not None:
            merged.add_document(content.dataset, content.source)
    return merged.dataset(catalog)


__all__ = ["RECORD_KINDS", "FileContent", "Merged", "merge_documents"]
