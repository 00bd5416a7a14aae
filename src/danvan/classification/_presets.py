"""The scales a caller can choose by name: ``"danvan"`` (the default) and ``"366"``.

``"366"`` follows Quy định 366-QĐ/TW (30/8/2025) of the Politburo on the review
and grading of collectives and individuals in the political system: 100 points,
bands at 90, 70 and 50, and the conditions of its Article 11 read onto what the
records measure. How each point is earned is this library's mapping: the text
leaves the criteria of a collective to the body that grades it.
``docs/classification.md`` says what was checked against the text and what not.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from types import MappingProxyType
from typing import Final

import attrs

from danvan.classification._conditions import FullMarksShare, MeetingsHeld, NoDiscipline
from danvan.classification._criteria import (
    MeetingCompleteness,
    Regularity,
    ResultsMobilised,
    TopicsCovered,
)
from danvan.classification._grades import Grade
from danvan.classification._quota import Quota, QuotaBase
from danvan.classification._scale import DEFAULT_CRITERIA, Criteria
from danvan.errors import DanvanError
from danvan.labels import Label

__all__ = [
    "CRITERIA_366",
    "DEFAULT_PRESET",
    "PRESETS",
    "UnknownPresetError",
    "criteria_366",
    "preset",
]


def criteria_366(
    *,
    excellent_cap: float | None = None,
    quota_base: QuotaBase = QuotaBase.GOOD,
    disciplined: Iterable[str] = (),
) -> Criteria:
    """The scale of Quy định 366-QĐ/TW, read onto a team's measured year.

    ``excellent_cap``: the largest share graded "Hoàn thành xuất sắc" (``0.2``
    as Nghị định 335/2025/NĐ-CP sets for officials), of ``quota_base``; none by
    default. ``disciplined``: the ids of the teams with a member disciplined
    during the period (the records do not hold discipline).
    """
    return Criteria(
        criteria=(
            MeetingCompleteness(max_points=30),
            Regularity(max_points=20),
            TopicsCovered(max_points=20),
            ResultsMobilised(max_points=30),
        ),
        excellent=90,
        good=70,
        completed=50,
        completeness_floor=None,
        conditions=(
            MeetingsHeld(0.8, Grade.COMPLETED, "meetings_on_schedule"),
            MeetingsHeld(1.0, Grade.GOOD, "meetings_every_month"),
            FullMarksShare(0.3, Grade.EXCELLENT),
            NoDiscipline(frozenset(disciplined), Grade.EXCELLENT),
        ),
        quota=None if excellent_cap is None else Quota(excellent_cap, quota_base),
        name="366",
        label=Label("Quy định 366-QĐ/TW", "Regulation 366-QĐ/TW"),
    )


CRITERIA_366: Final = criteria_366()

#: The scales by name. ``"danvan"`` is `DEFAULT_CRITERIA`.
PRESETS: Final[Mapping[str, Criteria]] = MappingProxyType(
    {"danvan": DEFAULT_CRITERIA, "366": CRITERIA_366}
)
#: The scale a report grades by when none is named.
DEFAULT_PRESET: Final = "danvan"


class UnknownPresetError(DanvanError, LookupError):
    """No scale of that name."""


def preset(
    name: str = DEFAULT_PRESET,
    *,
    excellent_cap: float | None = None,
    quota_base: QuotaBase = QuotaBase.GOOD,
) -> Criteria:
    """The scale called ``name``, with the share graded "Hoàn thành xuất sắc" capped if asked.

    >>> preset("366").label.vi
    'Quy định 366-QĐ/TW'
    >>> preset("366", excellent_cap=0.2).quota.share
    0.2
    """
    try:
        criteria = PRESETS[name]
    except KeyError:
        known = ", ".join(PRESETS)
        raise UnknownPresetError(
            f"Không có bộ tiêu chí xếp loại {name!r} / no grading scale {name!r} (known: {known})"
        ) from None
    if excellent_cap is None:
        return criteria
    return attrs.evolve(criteria, quota=Quota(excellent_cap, quota_base))
