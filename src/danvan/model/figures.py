"""Figures of a whole unit (số liệu chung của đơn vị): reported for a district, by no team.

A news article or a year-end report often gives a figure for a whole district
or commune ("trên 170 hồ sơ" job dossiers in the district in 2022) that no
team's activity holds: an activity is one team's work in one village. Such a
figure is a record of its own, kept apart from the teams' figures, so that no
sum of the teams' work ever counts it.
"""

from __future__ import annotations

import enum
from datetime import date

import attrs

from danvan.labels import Label
from danvan.model._dates import inside
from danvan.model.common import Provenance


class Bound(enum.Enum):
    """How a reported figure stands to its value: exactly it, over it, nearly it, about it."""

    EXACT = "exact"
    #: "trên 170": more than the value.
    OVER = "over"
    #: "gần 500 triệu": a little less than the value.
    NEARLY = "nearly"
    #: "khoảng 900": near the value, either side.
    ABOUT = "about"

    @property
    def label(self) -> Label:
        return _BOUND_LABELS[self]

    @property
    def word(self) -> Label:
        """The word a sentence puts before the value ("trên" / "over"); empty for an exact one."""
        return _BOUND_WORDS[self]


_BOUND_LABELS = {
    Bound.EXACT: Label("Chính xác", "Exact"),
    Bound.OVER: Label("Trên", "Over"),
    Bound.NEARLY: Label("Gần", "Nearly"),
    Bound.ABOUT: Label("Khoảng", "About"),
}
_BOUND_WORDS = {
    Bound.EXACT: Label("", ""),
    Bound.OVER: Label("trên", "over"),
    Bound.NEARLY: Label("gần", "nearly"),
    Bound.ABOUT: Label("khoảng", "about"),
}


@attrs.frozen
class UnitFigure:
    """A value of an indicator reported for a whole unit over a span of days, by no team.

    ``start`` and ``end`` are the first and last day the figure covers (both
    inclusive); ``source`` is where it was published (an article, a report),
    apart from ``provenance``, the file and row the record was read from.
    """

    id: str
    unit: str
    indicator: str
    value: int | float
    start: date
    end: date
    bound: Bound = Bound.EXACT
    source: str | None = None
    note: str = ""
    provenance: Provenance | None = None

    def within(self, first: date, last: date) -> bool:
        """Whether every day the figure covers lies in ``[first, last]`` (a report's period)."""
        return inside(self.start, self.end, first, last)
