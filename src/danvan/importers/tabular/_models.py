"""Which model each record table builds, and what an empty cell of a column means."""

from __future__ import annotations

from typing import Any

import attrs

from danvan.layout import (
    CellKind,
    LayoutColumn,
    RecordTable,
)
from danvan.model import (
    Activity,
    ActivityType,
    AdminUnit,
    Assignment,
    Funding,
    Indicator,
    Member,
    Membership,
    Organization,
    Quantity,
    ReportingBody,
    Submission,
    Succession,
    Target,
    Team,
    Topic,
    UnitFigure,
)

MODELS: dict[str, type[Any]] = {
    "units": AdminUnit,
    "organizations": Organization,
    "members": Member,
    "teams": Team,
    "team_villages": Assignment,
    "memberships": Membership,
    "activities": Activity,
    "activity_quantities": Quantity,
    "activity_funding": Funding,
    "successions": Succession,
    "figures": UnitFigure,
    "targets": Target,
    "submissions": Submission,
    "bodies": ReportingBody,
    "activity_types": ActivityType,
    "topics": Topic,
    "indicators": Indicator,
}


def empty_value(table: RecordTable, column: LayoutColumn) -> Any:
    """What an empty cell of ``column`` means: the model's default, ``""`` for text."""
    if column.kind is CellKind.TEXT:
        return ""
    if column.kind is CellKind.LIST:
        return ()
    if column.name == "illustrative":
        return False
    model = MODELS.get(table.name)
    if model is not None:
        field = attrs.fields_dict(model).get(column.name)
        if field is not None and field.default is not attrs.NOTHING:
            return field.default
    return None
