"""Records built from the rows of every file, and merged into one dataset."""

from __future__ import annotations

import itertools
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

import attrs

from danvan.findings import Finding, Location, RecordOrigin, codes, make_finding
from danvan.importers.tabular._construct import construct_records, plain_slotted
from danvan.importers.tabular._models import MODELS
from danvan.importers.tabular._sheets import SheetRows
from danvan.labels import Label
from danvan.layout import (
    TABLES_BY_NAME,
    kind_name,
)
from danvan.model import (
    Activity,
    Catalog,
    Dataset,
    Team,
)


@attrs.frozen
class FileContent:
    """What was read from one file: rows by table name, or a whole dataset."""

    source: str
    tables: Mapping[str, list[SheetRows]] = attrs.field(factory=dict)
    dataset: Dataset | None = None

    def parts(self, name: str) -> list[SheetRows]:
        return list(self.tables.get(name, ()))


def _build(model: type[Any], rows: SheetRows, overrides: Mapping[str, Sequence[Any]]) -> list[Any]:
    """Records of ``model`` from columns: one positional argument list per model field."""
    arguments: list[Iterable[Any]] = []
    for field in attrs.fields(model):
        if field.name in overrides:
            arguments.append(overrides[field.name])
        elif field.name == "provenance":
            arguments.append(rows.provenance)
        elif field.name in rows.columns:
            arguments.append(rows.columns[field.name])
        else:
            arguments.append(itertools.repeat(field.default))
    if plain_slotted(model):
        return construct_records(model, len(rows), arguments)
    return list(map(model, *arguments))


def _labels(rows: SheetRows) -> dict[str, list[Label]]:
    n = len(rows)
    vi = rows.columns.get("label_vi", [""] * n)
    en = rows.columns.get("label_en", [""] * n)
    return {"label": list(map(Label, vi, en))}


Grouped = dict[tuple[str, str], list[Any]]


def _details(
    contents: Sequence[FileContent],
    parents: str,
    details: str,
    parent_kind: str,
    findings: list[Finding],
) -> Grouped:
    """Detail records grouped by (source, parent id): the same file first, then any file."""
    table = TABLES_BY_NAME[details]
    if not any(content.parts(details) for content in contents):
        return {}
    keys: set[tuple[str, str]] = set()
    first_source: dict[str, str] = {}
    for content in reversed(contents):
        for part in content.parts(parents):
            ids = part.columns["id"]
            keys.update(zip(itertools.repeat(content.source), ids))
            first_source.update(dict.fromkeys(ids, content.source))
    grouped: Grouped = defaultdict(list)
    key = table.key or ""
    model = MODELS[details]
    for content in contents:
        source = content.source
        for part in content.parts(details):
            records = _build(model, part, {})
            for parent, record, origin in zip(
                part.columns[key], records, part.provenance, strict=True
            ):
                if (source, parent) in keys:
                    grouped[(source, parent)].append(record)
                elif parent in first_source:
                    grouped[(first_source[parent], parent)].append(record)
                else:
                    findings.append(
                        make_finding(
                            codes.ORPHAN_ROW,
                            Location.of(table.record_kind, parent, origin, field=key),
                            target_kind=kind_name(parent_kind),
                            target=parent,
                        )
                    )
    return grouped


def _take(
    ids: Sequence[str], source: str, grouped: Grouped, used: set[tuple[str, str]]
) -> list[Any]:
    """Each parent's details, given once (to the first parent of a duplicated id)."""
    if not grouped:
        return [()] * len(ids)
    taken: list[Any] = []
    for record_id in ids:
        key = (source, record_id)
        if key in grouped and key not in used:
            used.add(key)
            taken.append(tuple(grouped[key]))
        else:
            taken.append(())
    return taken


def _merge_entries(lists: Iterable[Sequence[Any]]) -> tuple[Any, ...]:
    """Catalogue entries of several files: each file's in order, minus ones an earlier file had."""
    merged: list[Any] = []
    earlier: set[Any] = set()
    for entries in lists:
        merged.extend(e for e in entries if e not in earlier)
        earlier.update(entries)
    return tuple(merged)


_PLAIN = (
    *("units", "organizations", "members", "memberships", "successions", "figures"),
    *("targets", "submissions", "bodies"),
)


def build_dataset(
    contents: Sequence[FileContent], findings: list[Finding], catalog: Catalog | None = None
) -> tuple[Dataset, tuple[RecordOrigin, ...]]:
    """One dataset from every file read: records concatenated, details attached, catalogue merged.

    Catalogue tables read from any file make the catalogue; with none, it is
    ``catalog`` (by default the bundled one). With the dataset come the spans
    of records each JSON document gave (`RecordOrigin`): their places in the
    merged lists are not their places in their files.
    """
    villages = _details(contents, "teams", "team_villages", "team", findings)
    quantities = _details(contents, "activities", "activity_quantities", "activity", findings)
    funding = _details(contents, "activities", "activity_funding", "activity", findings)
    records: dict[str, list[Any]] = defaultdict(list)
    catalogs: list[Catalog] = []
    titles: list[str] = []
    descriptions: list[str] = []
    used_teams: set[tuple[str, str]] = set()
    used_quantities: set[tuple[str, str]] = set()
    used_funding: set[tuple[str, str]] = set()
    origins: list[RecordOrigin] = []
    for content in contents:
        if content.dataset is not None:
            ds = content.dataset
            for name in (*_PLAIN, "teams", "activities"):
                start = len(records[name])
                records[name].extend(getattr(ds, name))
                if len(records[name]) > start:
                    origins.append(RecordOrigin(name, start, len(records[name]), content.source))
            catalogs.append(ds.catalog)
            titles.append(ds.title)
            descriptions.append(ds.description)
            continue
        source = content.source
        for part in content.parts("dataset")[:1]:
            if len(part):
                titles.append(part.columns.get("title", [""])[0])
                descriptions.append(part.columns.get("description", [""])[0])
        for name in _PLAIN:
            for part in content.parts(name):
                records[name].extend(_build(MODELS[name], part, {}))
        for part in content.parts("teams"):
            ids = part.columns["id"]
            assigned = _take(ids, source, villages, used_teams)
            records["teams"].extend(_build(Team, part, {"villages": assigned}))
        for part in content.parts("activities"):
            ids = part.columns["id"]
            counted = _take(ids, source, quantities, used_quantities)
            paid = _take(ids, source, funding, used_funding)
            records["activities"].extend(
                _build(Activity, part, {"quantities": counted, "funding": paid})
            )
        if any(name in content.tables for name in ("activity_types", "topics", "indicators")):
            entries = {
                name: [
                    record
                    for part in content.parts(name)
                    for record in _build(MODELS[name], part, _labels(part))
                ]
                for name in ("activity_types", "topics", "indicators")
            }
            catalogs.append(
                Catalog(
                    tuple(entries["activity_types"]),
                    tuple(entries["topics"]),
                    tuple(entries["indicators"]),
                )
            )
    if catalogs:
        merged = Catalog(
            activity_types=_merge_entries(c.activity_types for c in catalogs),
            topics=_merge_entries(c.topics for c in catalogs),
            indicators=_merge_entries(c.indicators for c in catalogs),
        )
    elif catalog is not None:
        merged = catalog
    else:  # no catalogue given (danvan.read_dataset always gives one): none beyond the files'
        merged = Catalog()
    dataset = Dataset(
        units=tuple(records["units"]),
        organizations=tuple(records["organizations"]),
        members=tuple(records["members"]),
        teams=tuple(records["teams"]),
        memberships=tuple(records["memberships"]),
        activities=tuple(records["activities"]),
        successions=tuple(records["successions"]),
        figures=tuple(records["figures"]),
        targets=tuple(records["targets"]),
        submissions=tuple(records["submissions"]),
        bodies=tuple(records["bodies"]),
        catalog=merged,
        title=next((t for t in titles if t), ""),
        description=next((d for d in descriptions if d), ""),
    )
    return dataset, tuple(origins)
