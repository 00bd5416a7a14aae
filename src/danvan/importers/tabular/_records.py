"""Records built from the rows of every file, and merged into one dataset."""

from __future__ import annotations

import itertools
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

import attrs

from danvan.findings import Finding, Location, RecordOrigin, codes, make_finding
from danvan.importers.contents import FileContent, Merged
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
    merged = Merged()
    records = merged.records
    used_teams: set[tuple[str, str]] = set()
    used_quantities: set[tuple[str, str]] = set()
    used_funding: set[tuple[str, str]] = set()
    for content in contents:
        if content.dataset is not None:
            merged.add_document(content.dataset, content.source)
            continue
        source = content.source
        for part in content.parts("dataset")[:1]:
            if len(part):
                merged.titles.append(part.columns.get("title", [""])[0])
                merged.descriptions.append(part.columns.get("description", [""])[0])
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
            merged.catalogs.append(
                Catalog(
                    tuple(entries["activity_types"]),
                    tuple(entries["topics"]),
                    tuple(entries["indicators"]),
                )
            )
    return merged.dataset(catalog)
