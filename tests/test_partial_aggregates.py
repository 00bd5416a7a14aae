"""Partial aggregates: parts of the activities summed apart and combined give what
``summarize`` gives for all of them, however the activities are split."""

from __future__ import annotations

import itertools
from datetime import date

import attrs
import orjson
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from danvan import sample, summarize
from danvan.aggregate import (
    OPT_IN,
    Dimension,
    GroupBy,
    Measure,
    Query,
    combine,
    partial,
    partial_from_raw,
    partial_to_raw,
)
from danvan.model import Dataset, Level
from danvan.periods import ReportingCalendar
from tests.strategies import consistent_datasets

_GROUPINGS: tuple[GroupBy, ...] = (*Level, "team", "all")
_SPLITS = ((), ("month",), ("type",), ("topic",), ("quarter", "field"), ("topic", "month"))


def _parts(dataset: Dataset, cuts: list[int]) -> list[Dataset]:
    """The dataset's activities cut into consecutive parts at ``cuts``, each with the setting."""
    activities = dataset.activities
    edges = [0, *sorted(min(c, len(activities)) for c in cuts), len(activities)]
    return [
        attrs.evolve(dataset, activities=activities[start:end])
        for start, end in itertools.pairwise(edges)
    ]


@settings(deadline=None, max_examples=80)
@given(
    consistent_datasets(),
    st.lists(st.integers(0, 30), max_size=4),
    st.sampled_from(_GROUPINGS),
    st.sampled_from(_SPLITS),
    st.sets(st.sampled_from([m for m in Measure if m not in OPT_IN])) | st.none(),
    st.sampled_from([1, 15]),
    st.sampled_from([None, date(2022, 7, 1), date(2025, 7, 1)]),
)
def test_combined_parts_give_the_summary_of_the_whole(
    dataset: Dataset,
    cuts: list[int],
    by: GroupBy,
    per: tuple[Dimension, ...],
    measures: set[Measure] | None,
    cutoff: int,
    units_on: date | None,
) -> None:
    """combine(partial(A), partial(B), …) == summarize(A ∪ B ∪ …), through the stored form too."""
    calendar = ReportingCalendar(cutoff)
    query = Query.of(
        "2022", by=by, per=per, measures=measures, calendar=calendar, units_on=units_on
    )
    setting = attrs.evolve(dataset, activities=())
    parts = [partial(part, query) for part in _parts(dataset, cuts)]
    stored = [
        partial_from_raw(
            orjson.loads(orjson.dumps(partial_to_raw(p, setting, query))), setting, query
        )
        for p in parts
    ]
    whole = summarize(
        dataset, "2022", by=by, per=per, measures=measures, calendar=calendar, units_on=units_on
    )
    assert combine(setting, query, parts) == whole
    assert combine(setting, query, stored) == whole


def test_a_later_part_wins_a_tie_of_last_values_as_a_later_activity_does() -> None:
    """The sample split in two: "last" indicators keep the later part's value on a tied day."""
    dataset = sample()
    half = len(dataset.activities) // 2
    first = attrs.evolve(dataset, activities=dataset.activities[:half])
    second = attrs.evolve(dataset, activities=dataset.activities[half:])
    query = Query.of("2022", by="all")
    setting = attrs.evolve(dataset, activities=())
    combined = combine(setting, query, [partial(first, query), partial(second, query)])
    assert combined == summarize(dataset, "2022", by="all")


def test_the_reporting_measure_is_not_summed_part_by_part() -> None:
    # Reports owed and received are counted over every file's submissions together.
    with pytest.raises(ValueError, match="reporting"):
        Query.of("2022", measures=["activities", "reporting"])
