"""The fast construction of records equals the attrs constructor, or its guard refuses the class.

``construct_records`` fills the slots of many records at once instead of
calling ``__init__`` for each; it is only right for a class whose ``__init__``
does nothing but store its arguments, which ``plain_slotted`` checks.
"""

from __future__ import annotations

import inspect
from typing import Any

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import danvan.model
from danvan.importers.tabular._construct import construct_records, plain_slotted
from danvan.model import (
    Activity,
    ActivityType,
    AdminUnit,
    Assignment,
    Catalog,
    Dataset,
    Funding,
    Indicator,
    Member,
    Membership,
    Organization,
    Provenance,
    Quantity,
    ReportingBody,
    Submission,
    Succession,
    Target,
    Team,
    Topic,
    UnitFigure,
)
from tests import strategies

MODEL_CLASSES = sorted(
    (
        kind
        for _, kind in inspect.getmembers(danvan.model, inspect.isclass)
        if attrs.has(kind) and kind.__module__.startswith("danvan.model")
    ),
    key=lambda kind: kind.__name__,
)
"""Every record class of ``danvan.model``."""

RECORDS: dict[type[Any], st.SearchStrategy[Any]] = {
    Activity: strategies.activities,
    ActivityType: strategies.activity_types,
    AdminUnit: strategies.admin_units,
    Assignment: strategies.assignments,
    Catalog: strategies.catalogs,
    Dataset: strategies.datasets,
    Funding: strategies.fundings,
    Indicator: strategies.indicators,
    Member: strategies.members,
    Membership: strategies.memberships,
    Organization: strategies.organizations,
    Provenance: strategies.provenances.filter(lambda p: p is not None),
    Quantity: strategies.quantities,
    Succession: strategies.successions,
    UnitFigure: strategies.unit_figures,
    Target: strategies.plan_targets,
    Submission: strategies.submissions,
    ReportingBody: strategies.reporting_bodies,
    Team: strategies.teams,
    Topic: strategies.topics,
}


def test_every_model_class_has_records_to_try() -> None:
    assert set(RECORDS) == set(MODEL_CLASSES)


def _by_constructor(model: type[Any], record: Any) -> Any:
    return model(**{f.alias: getattr(record, f.name) for f in attrs.fields(model) if f.init})


@pytest.mark.parametrize("model", MODEL_CLASSES, ids=lambda kind: kind.__name__)
@settings(max_examples=25, deadline=None)
@given(data=st.data())
def test_construction_equals_the_constructor_or_the_guard_refuses_the_class(
    model: type[Any], data: st.DataObject
) -> None:
    records = data.draw(st.lists(RECORDS[model], max_size=4))
    if not plain_slotted(model):
        # Refused: its __init__ does more than store what it is given.
        fields = attrs.fields(model)
        assert hasattr(model, "__attrs_post_init__") or not all(f.init for f in fields)
        return
    columns = [[getattr(record, f.name) for record in records] for f in attrs.fields(model)]
    built = construct_records(model, len(records), columns)
    expected = [_by_constructor(model, record) for record in records]
    assert built == expected
    for one, other in zip(built, expected, strict=True):
        assert type(one) is model
        assert all(getattr(one, f.name) is getattr(other, f.name) for f in attrs.fields(model))
        assert hash(one) == hash(other)


@attrs.frozen(cache_hash=True)
class _CachedHash:
    name: str


@attrs.frozen
class _Converted:
    count: int = attrs.field(converter=int)


@attrs.frozen
class _Validated:
    count: int = attrs.field(validator=attrs.validators.ge(0))


@attrs.frozen
class _PostInit:
    name: str

    def __attrs_post_init__(self) -> None:
        object.__setattr__(self, "name", self.name.strip())


@attrs.frozen
class _Renamed:
    _name: str


@attrs.frozen(slots=False)
class _NoSlots:
    name: str


@attrs.frozen
class _Plain:
    name: str
    count: int


@pytest.mark.parametrize(
    "model",
    [_CachedHash, _Converted, _Validated, _PostInit, _Renamed, _NoSlots, Catalog, Dataset],
    ids=lambda kind: kind.__name__,
)
def test_the_guard_refuses_a_class_whose_init_does_more_than_store(model: type[Any]) -> None:
    assert not plain_slotted(model)


def test_a_hash_cache_is_why_a_class_is_refused() -> None:
    # Filled slot by slot, the cache would be left unset and hashing would fail.
    assert plain_slotted(_Plain)
    assert not plain_slotted(_CachedHash)
    [unsafe] = construct_records(_CachedHash, 1, [["a"]])  # what the guard prevents
    with pytest.raises(AttributeError):
        hash(unsafe)


def test_construct_records_fills_a_plain_class_column_by_column() -> None:
    records = construct_records(_Plain, 3, [["a", "b", "c"], [1, 2, 3]])
    assert records == [_Plain("a", 1), _Plain("b", 2), _Plain("c", 3)]
