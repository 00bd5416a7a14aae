"""A dataset as rows of the record tables, and the bundles made of them (export, template)."""

from __future__ import annotations

import enum
from collections.abc import Callable, Iterator
from typing import Any

from danvan.labels import Label
from danvan.layout._columns import RecordTable, join_list
from danvan.layout._tables import TABLES
from danvan.model import (
    Catalog,
    Dataset,
    Provenance,
)
from danvan.tables import Bundle, BundleMetadata, Row


def _flag(provenance: Provenance | None) -> bool | None:
    return True if provenance is not None and provenance.illustrative else None


def _value(member: enum.Enum | None) -> Any:
    return None if member is None else member.value


def _unit_rows(dataset: Dataset) -> Iterator[Row]:
    for u in dataset.units:
        yield (
            u.id,
            u.name,
            u.level.value,
            u.parent,
            u.code,
            u.valid_from,
            u.valid_until,
            _flag(u.provenance),
        )


def _organization_rows(dataset: Dataset) -> Iterator[Row]:
    for o in dataset.organizations:
        yield (o.id, o.name, o.kind.value, o.unit, _flag(o.provenance))


def _member_rows(dataset: Dataset) -> Iterator[Row]:
    for m in dataset.members:
        yield (
            m.id,
            m.full_name,
            m.gender.value,
            m.ethnicity,
            m.organization,
            m.position,
            m.party_member,
            _flag(m.provenance),
        )


def _team_rows(dataset: Dataset) -> Iterator[Row]:
    for t in dataset.teams:
        yield (t.id, t.name, t.decision, t.established, t.dissolved, _flag(t.provenance))


def _team_village_rows(dataset: Dataset) -> Iterator[Row]:
    for t in dataset.teams:
        for a in t.villages:
            yield (t.id, a.village, a.valid_from, a.valid_until)


def _membership_rows(dataset: Dataset) -> Iterator[Row]:
    for s in dataset.memberships:
        yield (
            s.id,
            s.team,
            s.member,
            s.role.value,
            s.valid_from,
            s.valid_until,
            _flag(s.provenance),
        )


def _activity_rows(dataset: Dataset) -> Iterator[Row]:
    for a in dataset.activities:
        yield (
            a.id,
            a.team,
            a.village,
            a.date,
            a.type,
            a.title,
            join_list(a.topics),
            a.participants,
            a.households,
            join_list(a.partners),
            a.status.value,
            a.note,
            _flag(a.provenance),
        )


def _quantity_rows(dataset: Dataset) -> Iterator[Row]:
    for a in dataset.activities:
        for q in a.quantities:
            yield (a.id, q.indicator, q.value, q.unit)


def _funding_rows(dataset: Dataset) -> Iterator[Row]:
    for a in dataset.activities:
        for f in a.funding:
            yield (a.id, f.source.value, f.amount, f.donor)


def _succession_rows(dataset: Dataset) -> Iterator[Row]:
    for s in dataset.successions:
        yield (
            join_list(s.predecessors),
            s.successor,
            s.date,
            s.share,
            s.reference,
            _flag(s.provenance),
        )


def _figure_rows(dataset: Dataset) -> Iterator[Row]:
    for f in dataset.figures:
        yield (
            f.id,
            f.unit,
            f.indicator,
            f.value,
            f.bound.value,
            f.start,
            f.end,
            f.source,
            f.note,
            _flag(f.provenance),
        )


def _dataset_rows(dataset: Dataset) -> Iterator[Row]:
    yield (dataset.title, dataset.description)


def _target_rows(dataset: Dataset) -> Iterator[Row]:
    for t in dataset.targets:
        yield (t.id, t.unit, t.indicator, t.start, t.end, t.value, t.note, _flag(t.provenance))


def _submission_rows(dataset: Dataset) -> Iterator[Row]:
    for s in dataset.submissions:
        yield (
            s.id,
            s.reporter,
            s.start,
            s.end,
            s.received,
            s.file,
            s.sha256,
            s.sent_by,
            s.replaces,
            s.note,
            _flag(s.provenance),
        )


def _body_rows(dataset: Dataset) -> Iterator[Row]:
    for b in dataset.bodies:
        yield (
            b.id,
            b.name,
            b.name_en,
            b.kind.value,
            b.unit,
            b.reports_to,
            b.valid_from,
            b.valid_until,
            b.source,
            _flag(b.provenance),
        )


_ROWS: dict[str, Callable[[Dataset], Iterator[Row]]] = {
    "dataset": _dataset_rows,
    "units": _unit_rows,
    "organizations": _organization_rows,
    "members": _member_rows,
    "teams": _team_rows,
    "team_villages": _team_village_rows,
    "memberships": _membership_rows,
    "activities": _activity_rows,
    "activity_quantities": _quantity_rows,
    "activity_funding": _funding_rows,
    "successions": _succession_rows,
    "figures": _figure_rows,
    "targets": _target_rows,
    "submissions": _submission_rows,
    "bodies": _body_rows,
}


def _rows(dataset: Dataset, name: str) -> Iterator[Row]:
    """The rows of table ``name`` for ``dataset``, generated lazily."""
    if name in _ROWS:
        return _ROWS[name](dataset)
    return _catalog_rows(dataset.catalog, name)


def _catalog_rows(catalog: Catalog, name: str) -> Iterator[Row]:
    if name == "activity_types":
        for t in catalog.activity_types:
            yield (t.code, t.label.vi, t.label.en, t.field.value, t.monthly_meeting)
    elif name == "topics":
        for p in catalog.topics:
            yield (p.code, p.label.vi, p.label.en, _value(p.field))
    elif name == "indicators":
        for i in catalog.indicators:
            yield (i.code, i.label.vi, i.label.en, i.unit.value, i.aggregation.value, i.counts_type)
    else:
        raise KeyError(f"no table {name!r} in the layout")


def _lazy(dataset: Dataset, name: str) -> Callable[[], Iterator[Row]]:
    return lambda: _rows(dataset, name)


def dataset_bundle(dataset: Dataset, *, include_catalog: bool = True) -> Bundle:
    """``dataset`` as a bundle of record tables (rows generated lazily, re-readable)."""
    tables = [t.table(_lazy(dataset, t.name)) for t in TABLES if include_catalog or not t.catalog]
    title = dataset.title or "danvan"
    return Bundle(tables, BundleMetadata(title=Label(title, title), source=dataset.description))


def template_bundle(*, catalog: Catalog) -> Bundle:
    """The tables a commune fills in: record tables empty, the catalogue listed for reference.

    The catalogue tables hold ``catalog`` (``danvan.template_bundle`` lists the
    registered one) so that the codes to type are in the workbook; an imported
    workbook uses them.
    """
    listed = catalog

    def rows(table: RecordTable) -> Callable[[], Iterator[Row]]:
        return lambda: _catalog_rows(listed, table.name)

    tables = [t.table(rows(t) if t.catalog else ()) for t in TABLES]
    return Bundle(
        tables,
        BundleMetadata(
            title=Label("Mẫu báo cáo Tổ Dân vận", "Team report template"),
            source="danvan template",
        ),
    )
