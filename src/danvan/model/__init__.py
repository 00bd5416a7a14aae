"""The domain of danvan, pure and typed: units, people, teams, the catalogue, activities,
the figures of whole units, the plan targets, the submissions of reports and the
reporting line they travel along.

No I/O here; importers and exporters live at the edges.
"""

from danvan.model.activities import Activity, Funding, FundingSource, Quantity, Status
from danvan.model.catalog import (
    ActivityType,
    Aggregation,
    Catalog,
    Field,
    Indicator,
    QuantityUnit,
    Topic,
)
from danvan.model.common import Provenance, SheetColumns
from danvan.model.dataset import Dataset
from danvan.model.figures import Bound, UnitFigure
from danvan.model.people import Gender, Member, Organization, OrganizationKind
from danvan.model.plans import MEASURE_TARGETS, Target
from danvan.model.reporting_line import (
    BodyKind,
    ReportingBody,
    body_of_unit,
    receiver,
    reporting_chain,
    team_receiver,
)
from danvan.model.submissions import Submission
from danvan.model.teams import Assignment, Membership, Role, Team
from danvan.model.units import AdminUnit, Level, Succession

__all__ = [
    "MEASURE_TARGETS",
    "Activity",
    "ActivityType",
    "AdminUnit",
    "Aggregation",
    "Assignment",
    "BodyKind",
    "Bound",
    "Catalog",
    "Dataset",
    "Field",
    "Funding",
    "FundingSource",
    "Gender",
    "Indicator",
    "Level",
    "Member",
    "Membership",
    "Organization",
    "OrganizationKind",
    "Provenance",
    "Quantity",
    "QuantityUnit",
    "ReportingBody",
    "Role",
    "SheetColumns",
    "Status",
    "Submission",
    "Succession",
    "Target",
    "Team",
    "Topic",
    "UnitFigure",
    "body_of_unit",
    "receiver",
    "reporting_chain",
    "team_receiver",
]
