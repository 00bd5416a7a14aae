"""The figures of whole units a report lists apart from the teams' (số liệu chung của đơn vị).

A district's own total ("trên 170 hồ sơ") is no team's work: it is never in
the key figures, the by-unit or by-team tables or a grade, only in this table
of its own, with its bound in words and where it was published.
"""

from __future__ import annotations

import datetime as dt
from typing import Final

from danvan.aggregate import make_table
from danvan.labels import Label
from danvan.model import Dataset, UnitFigure
from danvan.tables import Column, ColumnType, Row, Table

FIGURES_TABLE: Final = "unit_figures"
"""The table of a report that lists the figures of whole units, when the period has any."""

_COLUMNS: Final = (
    Column("unit", Label("Đơn vị", "Unit")),
    Column("level", Label("Cấp", "Level")),
    Column("indicator", Label("Chỉ tiêu", "Indicator")),
    Column("figure", Label("Số liệu", "Figure")),
    Column("value", Label("Giá trị", "Value"), ColumnType.NUMBER),
    Column("unit_of_measure", Label("Đơn vị tính", "Unit of measure")),
    Column("start", Label("Từ ngày", "From"), ColumnType.DATE),
    Column("end", Label("Đến ngày", "To"), ColumnType.DATE),
    Column("source", Label("Nguồn số liệu", "Source")),
)


def number_words(value: int | float, lang: str) -> str:
    """``170`` as a report writes it: ``1.000`` and ``2,5`` in Vietnamese, ``1,000`` and
    ``2.5`` in English."""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = f"{value:,}" if isinstance(value, int) else f"{value:,.15g}"
    if lang == "en":
        return text
    return text.translate(_VIETNAMESE_MARKS)


#: Thousands and decimal marks swapped: ``1,000.5`` is ``1.000,5`` in Vietnamese.
_VIETNAMESE_MARKS: Final = str.maketrans(",.", ".,")


def stated(figure: UnitFigure, lang: str) -> str:
    """The figure as a sentence states it: ``trên 170`` / ``over 170``; an exact one bare."""
    word = figure.bound.word.get(lang)
    number = number_words(figure.value, lang)
    return f"{word} {number}" if word else number


def figures_table(dataset: Dataset, start: dt.date, end: dt.date, lang: str) -> Table | None:
    """The figures of whole units whose every day lies in ``[start, end]``, in the dataset's
    order; ``None`` when there is none (the report then has no such table)."""
    rows: list[Row] = [
        _row(dataset, figure, lang) for figure in dataset.figures if figure.within(start, end)
    ]
    if not rows:
        return None
    return make_table(
        FIGURES_TABLE,
        Label("Số liệu chung của đơn vị", "Figures of whole units"),
        _COLUMNS,
        rows,
        description=Label(
            "Số liệu của cả đơn vị, không của riêng Tổ nào: không cộng vào số liệu của các Tổ",
            "Figures of a whole unit, not of any one team: never added to the teams' figures",
        ),
    )


def _row(dataset: Dataset, figure: UnitFigure, lang: str) -> Row:
    unit = dataset.unit(figure.unit)
    indicator = dataset.catalog.indicator(figure.indicator)
    return (
        figure.unit if unit is None else unit.name,
        None if unit is None else unit.level.label.get(lang),
        figure.indicator if indicator is None else indicator.label.get(lang),
        stated(figure, lang),
        figure.value,
        None if indicator is None else indicator.unit.value,
        figure.start,
        figure.end,
        figure.source,
    )
