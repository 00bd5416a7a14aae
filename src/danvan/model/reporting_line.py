"""The reporting line (tuyến báo cáo): which body receives whose report, and from when.

A team's monthly report goes to a body of its commune, which reports on to a
board above. The line changes over time: before 1 July 2025 the communes of
Nậm Pồ reported to the district's Ban Dân vận Huyện ủy; from that day, with
districts abolished, the commune's Party committee reports to the province's
Ban Tuyên giáo và Dân vận. So each `ReportingBody` carries its validity and
the text that founded or ended it, like an administrative unit.

This is not `Organization` (an agency that sends members to the teams): a body
here is a link of the line reports travel along, named for that role.
"""

from __future__ import annotations

import enum
from collections.abc import Callable, Iterable
from datetime import date

import attrs

from danvan.labels import Label
from danvan.model._dates import within
from danvan.model.common import Provenance
from danvan.model.teams import Team
from danvan.model.units import AdminUnit


class BodyKind(enum.Enum):
    """What a body of the reporting line is."""

    DISTRICT_MASS_MOBILISATION_BOARD = "district_mass_mobilisation_board"
    PROVINCE_MASS_MOBILISATION_BOARD = "province_mass_mobilisation_board"
    PROVINCE_PROPAGANDA_MASS_MOBILISATION_BOARD = "province_propaganda_mass_mobilisation_board"
    COMMUNE_PARTY_COMMITTEE = "commune_party_committee"
    COMMUNE_PEOPLES_COMMITTEE = "commune_peoples_committee"
    TEAM = "team"
    OTHER = "other"

    @property
    def label(self) -> Label:
        return _KIND_LABELS[self]


_KIND_LABELS = {
    BodyKind.DISTRICT_MASS_MOBILISATION_BOARD: Label(
        "Ban Dân vận cấp huyện", "District mass-mobilisation board"
    ),
    BodyKind.PROVINCE_MASS_MOBILISATION_BOARD: Label(
        "Ban Dân vận cấp tỉnh", "Province mass-mobilisation board"
    ),
    BodyKind.PROVINCE_PROPAGANDA_MASS_MOBILISATION_BOARD: Label(
        "Ban Tuyên giáo và Dân vận cấp tỉnh", "Province propaganda and mass-mobilisation board"
    ),
    BodyKind.COMMUNE_PARTY_COMMITTEE: Label("Đảng ủy cấp xã", "Commune Party committee"),
    BodyKind.COMMUNE_PEOPLES_COMMITTEE: Label(
        "Ủy ban nhân dân cấp xã", "Commune People's Committee"
    ),
    BodyKind.TEAM: Label("Tổ Dân vận", "Mass-mobilisation team"),
    BodyKind.OTHER: Label("Khác", "Other"),
}


@attrs.frozen
class ReportingBody:
    """One body of the reporting line over one span of validity (both days inclusive).

    ``unit`` is the administrative unit it belongs to; ``reports_to`` the id of
    the body it sends its own reports to (None at the top); ``source`` the text
    that founded or ended it ("Quyết định số … ngày …"), or says it is not verified.
    """

    id: str
    name: str
    kind: BodyKind = BodyKind.OTHER
    unit: str | None = None
    reports_to: str | None = None
    valid_from: date | None = None
    valid_until: date | None = None
    name_en: str = ""
    source: str = ""
    provenance: Provenance | None = None

    def valid_on(self, day: date) -> bool:
        return within(day, self.valid_from, self.valid_until)


#: How far up a chain of units or bodies is followed before giving up (a loop is a mistake
#: the rules report; here it only ends the walk).
_MAX_HOPS = 16


def _on(bodies: Iterable[ReportingBody], day: date) -> list[ReportingBody]:
    return [b for b in bodies if b.valid_on(day)]


def body_of_unit(bodies: Iterable[ReportingBody], unit_id: str, day: date) -> ReportingBody | None:
    """The body that stands for ``unit_id`` on ``day`` (a commune's Party committee), if one.

    A team's own entry (kind ``TEAM``) does not stand for its village.
    """
    return next(
        (b for b in _on(bodies, day) if b.unit == unit_id and b.kind is not BodyKind.TEAM),
        None,
    )


def receiver(
    bodies: Iterable[ReportingBody],
    reporter: str,
    day: date,
    unit_of: Callable[[str], AdminUnit | None],
) -> ReportingBody | None:
    """The body a report of ``reporter`` goes to on ``day``, None when the line says none.

    ``reporter`` is a body's id (its report goes to its ``reports_to``) or a unit's
    id: a unit with a body of its own (a commune) reports through that body to the
    one above it; a unit without one (a village, where a team works) reports to
    the nearest body above it, through units valid on ``day`` only. ``unit_of``
    looks a unit up (``Dataset.unit`` or ``UnitRegistry.unit``).
    """
    valid = _on(bodies, day)
    by_id = {b.id: b for b in reversed(valid)}
    own = by_id.get(reporter)
    if own is None:
        own = body_of_unit(valid, reporter, day)
    if own is not None:
        return by_id.get(own.reports_to) if own.reports_to is not None else None
    unit = unit_of(reporter)
    for _ in range(_MAX_HOPS):
        if unit is None or unit.parent is None or not unit.valid_on(day):
            return None
        found = body_of_unit(valid, unit.parent, day)
        if found is not None:
            return found
        unit = unit_of(unit.parent)
    return None


def team_receiver(
    bodies: Iterable[ReportingBody],
    team: Team,
    day: date,
    unit_of: Callable[[str], AdminUnit | None],
) -> ReportingBody | None:
    """The body ``team``'s report for ``day`` goes to: its own entry's, else its village's.

    None when the team is not at work on ``day`` or serves no village then.
    """
    if not team.alive_on(day):
        return None
    valid = _on(bodies, day)
    if any(b.id == team.id for b in valid):
        return receiver(valid, team.id, day, unit_of)
    village = next((a.village for a in team.villages if a.valid_on(day)), None)
    return None if village is None else receiver(valid, village, day, unit_of)


def reporting_chain(
    bodies: Iterable[ReportingBody],
    reporter: str,
    day: date,
    unit_of: Callable[[str], AdminUnit | None],
) -> tuple[ReportingBody, ...]:
    """Every body a report of ``reporter`` passes on ``day``, the first receiver first."""
    valid = _on(bodies, day)
    by_id = {b.id: b for b in reversed(valid)}
    chain: list[ReportingBody] = []
    body = receiver(valid, reporter, day, unit_of)
    while body is not None and body not in chain and len(chain) < _MAX_HOPS:
        chain.append(body)
        body = by_id.get(body.reports_to) if body.reports_to is not None else None
    return tuple(chain)
