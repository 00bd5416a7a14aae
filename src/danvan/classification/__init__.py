"""Year-end grading of the teams (xếp loại Tổ Dân vận), by a scale a caller chooses or makes.

Each criterion looks at one team's year (`TeamYear`) and gives points with an
explanation; `Criteria` adds them up, places them in a band, lowers the grade of
a team that misses a condition of its band, and may cap the share graded
"Hoàn thành xuất sắc" (`Quota`). Two scales are ready by name (`PRESETS`):
``"danvan"``, this library's proposal and the default, and ``"366"``, after
Quy định 366-QĐ/TW (2025). ``docs/classification.md`` documents both.

The rooms: ``_grades`` (`Grade`, `Reason`, `Check`, `Classification`),
``_facts`` (`TeamYear`, `team_years`), ``_criteria`` (the point criteria),
``_conditions`` (the conditions of a grade), ``_quota``, ``_scale``
(`Criteria`, `classify`), ``_presets`` (the scales by name).
"""

from __future__ import annotations

from danvan.classification._conditions import (
    Condition,
    FullMarksShare,
    MeetingsHeld,
    NoDiscipline,
)
from danvan.classification._criteria import (
    Criterion,
    MeetingCompleteness,
    Regularity,
    ResultsMobilised,
    TopicsCovered,
)
from danvan.classification._facts import TeamYear, team_years
from danvan.classification._grades import (
    Check,
    Classification,
    Grade,
    Reason,
    classifications_by_team,
)
from danvan.classification._presets import (
    CRITERIA_366,
    DEFAULT_PRESET,
    PRESETS,
    UnknownPresetError,
    criteria_366,
    preset,
)
from danvan.classification._quota import Quota, QuotaBase
from danvan.classification._scale import DEFAULT_CRITERIA, Criteria, classify

__all__ = [
    "CRITERIA_366",
    "DEFAULT_CRITERIA",
    "DEFAULT_PRESET",
    "PRESETS",
    "Check",
    "Classification",
    "Condition",
    "Criteria",
    "Criterion",
    "FullMarksShare",
    "Grade",
    "MeetingCompleteness",
    "MeetingsHeld",
    "NoDiscipline",
    "Quota",
    "QuotaBase",
    "Reason",
    "Regularity",
    "ResultsMobilised",
    "TeamYear",
    "TopicsCovered",
    "UnknownPresetError",
    "classifications_by_team",
    "classify",
    "criteria_366",
    "preset",
    "team_years",
]
