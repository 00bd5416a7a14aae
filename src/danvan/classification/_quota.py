"""The quota: how many teams may keep "Hoàn thành xuất sắc" when the share of them is capped.

Nghị định 335/2025/NĐ-CP caps the officials graded "Hoàn thành xuất sắc nhiệm
vụ" at 20% of those graded "Hoàn thành tốt nhiệm vụ" in one body; a caller may
cap the teams in the same way. The teams over the cap are graded "Hoàn thành tốt"
(they meet its conditions, since they met those of the grade above).
"""

from __future__ import annotations

import enum
import math
from collections.abc import Iterable, Sequence

import attrs

from danvan.classification._conditions import exact
from danvan.classification._criteria import percent
from danvan.classification._grades import Classification, Grade, Reason
from danvan.labels import Label

__all__ = ["Quota", "QuotaBase"]


class QuotaBase(enum.Enum):
    """What the capped share is a share of."""

    #: The teams finally graded "Hoàn thành tốt": the wording of the decree (the default).
    GOOD = "good"
    #: The teams whose points and conditions earn "Hoàn thành tốt" or better.
    GOOD_OR_BETTER = "good_or_better"
    #: Every team graded.
    ALL = "all"


def _share_in_unit_range(_instance: object, _attribute: object, value: float) -> None:
    if not 0 <= value <= 1:
        raise ValueError(
            f"Tỷ lệ phải từ 0 đến 1 / the share must be between 0 and 1: {value!r} (0.2 is 20%)"
        )


def _ids(ids: Iterable[str]) -> tuple[str, ...]:
    return tuple(ids)


@attrs.frozen
class Quota:
    """At most ``share`` of ``base`` graded "Hoàn thành xuất sắc"; who keeps it is ranked.

    The teams that earned the grade are ranked by points, highest first; teams of
    equal points follow ``priority`` (team ids in the order the review decided),
    then their ids. The first ones, up to the cap, keep it. The cap is rounded
    down ("không vượt quá": never above the share).
    """

    share: float = attrs.field(default=0.2, validator=_share_in_unit_range)
    base: QuotaBase = QuotaBase.GOOD
    priority: tuple[str, ...] = attrs.field(default=(), converter=_ids)

    def cap(self, earned: int, good: int, graded: int) -> int:
        """How many of the ``earned`` teams may keep "Hoàn thành xuất sắc".

        ``good``: the teams graded "Hoàn thành tốt" on their own; ``graded``: every team.
        """
        share = exact(self.share)
        if self.base is QuotaBase.ALL:
            limit = share * graded
        elif self.base is QuotaBase.GOOD_OR_BETTER:
            limit = share * (earned + good)
        else:
            # Keeping k leaves (good + earned - k) graded good: k <= share * that.
            limit = share * (earned + good) / (1 + share)
        return min(earned, math.floor(limit))

    def ranked(self, earned: Sequence[Classification]) -> list[Classification]:
        """The teams that earned the grade, in the order they keep it."""
        place = {team: index for index, team in enumerate(self.priority)}
        return sorted(earned, key=lambda c: (-c.points, place.get(c.team, len(place)), c.team))

    def apply(self, classifications: Sequence[Classification]) -> list[Classification]:
        """The classifications with the teams over the cap graded "Hoàn thành tốt", in order."""
        earned = [c for c in classifications if c.grade is Grade.EXCELLENT]
        good = sum(1 for c in classifications if c.grade is Grade.GOOD)
        cap = self.cap(len(earned), good, len(classifications))
        keep = {c.team for c in self.ranked(earned)[:cap]}
        reason = self._reason()
        return [
            attrs.evolve(c, grade=Grade.GOOD, reasons=(*c.reasons, reason))
            if c.grade is Grade.EXCELLENT and c.team not in keep
            else c
            for c in classifications
        ]

    def _reason(self) -> Reason:
        share = percent(self.share)
        of_vi, of_en = {
            QuotaBase.GOOD: ("số được xếp loại Hoàn thành tốt nhiệm vụ", "of those graded Good"),
            QuotaBase.GOOD_OR_BETTER: (
                "số đạt từ Hoàn thành tốt nhiệm vụ trở lên",
                "of those graded Good or better",
            ),
            QuotaBase.ALL: ("số Tổ được xếp loại", "of the teams graded"),
        }[self.base]
        return Reason(
            "quota",
            0,
            0,
            Label(
                f"Ngoài tỷ lệ Hoàn thành xuất sắc (không quá {share} {of_vi}): "
                "xếp loại Hoàn thành tốt nhiệm vụ",
                f"Beyond the excellent quota (at most {share} {of_en}): graded Good",
            ),
        )
