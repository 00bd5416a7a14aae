"""Plan targets (chỉ tiêu kế hoạch): what a unit set out to reach in a span of days.

A district or a commune plans its year: so many gift packages, so many
activities, so much money mobilised. A `Target` is one such figure; a report
sets the period's results beside the targets whose days lie in it ("đạt 85%
kế hoạch"). Targets are read from their own sheet like every other record.
"""

from __future__ import annotations

from datetime import date
from typing import Final

import attrs

from danvan.model._dates import inside
from danvan.model.common import Provenance

#: The measures of every activity a target may name beside the catalogue's indicators:
#: counted activities, participants, households reached and money mobilised (đồng).
MEASURE_TARGETS: Final[tuple[str, ...]] = ("activities", "participants", "households", "money")


@attrs.frozen
class Target:
    """A planned value of an indicator (or of a measure in `MEASURE_TARGETS`) for a unit.

    ``start`` and ``end`` are the first and last day the plan covers (both
    inclusive): a target for 2022 counts in the report of 2022, not in that of
    one quarter, whose days hold only part of it.
    """

    id: str
    unit: str
    indicator: str
    start: date
    end: date
    value: int | float
    note: str = ""
    provenance: Provenance | None = None

    def within(self, first: date, last: date) -> bool:
        """Whether every day the target covers lies in ``[first, last]`` (a report's period)."""
        return inside(self.start, self.end, first, last)
