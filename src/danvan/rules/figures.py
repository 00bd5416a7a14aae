"""Rules on the figures of whole units: their unit and indicator exist, their span and value
are sane.

A unit figure is checked with the codes its kind of mistake already has
elsewhere: an unknown unit is DV102 and an unknown indicator DV108, as for an
activity; a span that ends before it starts is DV306, as for a team; a
negative value is DV405 and a fraction of a whole unit DV408, as for a
quantity. Each finding is at the figure's row and the column of the field.
"""

from __future__ import annotations

from collections.abc import Iterator

from danvan.findings import Finding, Location, codes, make_finding
from danvan.layout import field_name
from danvan.model import UnitFigure
from danvan.rules.base import ValidationContext, rule

KIND = "unit_figure"


def _at(figure: UnitFigure, index: int, field: str) -> Location:
    return Location.of(KIND, figure.id, figure.provenance, field=field, index=index)


@rule(
    "unit-figures",
    codes.UNKNOWN_UNIT,
    codes.UNKNOWN_INDICATOR,
    codes.DATES_REVERSED,
    codes.NEGATIVE_COUNT,
    codes.NOT_WHOLE,
)
def unit_figures(context: ValidationContext) -> Iterator[Finding]:
    """A unit figure names an existing unit and indicator, ends after it starts, and its value
    is not negative (nor a fraction of a whole unit)."""
    dataset = context.dataset
    catalog = dataset.catalog
    for index, figure in enumerate(dataset.figures):
        if dataset.unit(figure.unit) is None:
            yield make_finding(
                codes.UNKNOWN_UNIT,
                _at(figure, index, "unit"),
                field=field_name(KIND, "unit"),
                target=figure.unit,
            )
        indicator = catalog.indicator(figure.indicator)
        if indicator is None:
            yield make_finding(
                codes.UNKNOWN_INDICATOR, _at(figure, index, "indicator"), target=figure.indicator
            )
        if figure.end < figure.start:
            yield make_finding(
                codes.DATES_REVERSED,
                _at(figure, index, "end"),
                field=field_name(KIND, "end"),
                start=figure.start,
                end=figure.end,
            )
        value = figure.value
        if value < 0:
            yield make_finding(
                codes.NEGATIVE_COUNT,
                _at(figure, index, "value"),
                field=field_name(KIND, "value"),
                value=value,
            )
        elif (
            indicator is not None
            and isinstance(value, float)
            and indicator.unit.whole
            and not value.is_integer()
        ):
            yield make_finding(
                codes.NOT_WHOLE,
                _at(figure, index, "value"),
                indicator=indicator.code,
                unit=indicator.unit.value,
                value=value,
            )
