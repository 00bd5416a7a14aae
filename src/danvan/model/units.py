"""Administrative units (tỉnh, huyện, xã, bản) and how they succeed each other over time."""

from __future__ import annotations

import enum
from datetime import date

import attrs

from danvan.labels import Label
from danvan.model._dates import within
from danvan.model.common import Provenance


class Level(enum.Enum):
    """Administrative level, from the top down; villages (bản, thôn) have no official code."""

    PROVINCE = "province"
    DISTRICT = "district"
    COMMUNE = "commune"
    VILLAGE = "village"

    @property
    def rank(self) -> int:
        """0 for a province, growing downwards: a child's rank is greater than its parent's."""
        return _LEVEL_RANK[self]

    @property
    def label(self) -> Label:
        return _LEVEL_LABELS[self]


_LEVEL_RANK = {level: rank for rank, level in enumerate(Level)}
_LEVEL_LABELS = {
    Level.PROVINCE: Label("Tỉnh", "Province"),
    Level.DISTRICT: Label("Huyện", "District"),
    Level.COMMUNE: Label("Xã", "Commune"),
    Level.VILLAGE: Label("Bản", "Village"),
}


@attrs.frozen
class AdminUnit:
    """One administrative unit over one span of validity.

    A unit's identity is its code together with its validity: when a code is
    reused (03166 meant xã Chà Cang before 1 July 2025 and xã Mường Chà after),
    there are two units with two ids.
    """

    id: str
    name: str
    level: Level
    parent: str | None = None
    code: str | None = None
    valid_from: date | None = None
    valid_until: date | None = None
    provenance: Provenance | None = None

    def valid_on(self, day: date) -> bool:
        return within(day, self.valid_from, self.valid_until)


@attrs.frozen
class Succession:
    """Units merged or split into a successor on a date (sáp nhập, sắp xếp đơn vị hành chính).

    ``share`` is the fraction of a split predecessor that went to this successor,
    where known.
    """

    predecessors: tuple[str, ...]
    successor: str
    date: date
    share: float | None = None
    reference: str | None = None
    provenance: Provenance | None = None
