"""Organisations and the people who serve in the teams."""

from __future__ import annotations

import enum

import attrs

from danvan.labels import Label
from danvan.model.common import Provenance


class OrganizationKind(enum.Enum):
    """The kind of agency a member comes from (cơ quan, đơn vị)."""

    PARTY = "party"
    GOVERNMENT = "government"
    FRONT = "front"
    POLICE = "police"
    ARMY = "army"
    SCHOOL = "school"
    OTHER = "other"

    @property
    def label(self) -> Label:
        return _ORG_KIND_LABELS[self]


_ORG_KIND_LABELS = {
    OrganizationKind.PARTY: Label("Cơ quan Đảng", "Party body"),
    OrganizationKind.GOVERNMENT: Label("Chính quyền", "Government"),
    OrganizationKind.FRONT: Label(
        "Mặt trận Tổ quốc và các đoàn thể", "Fatherland Front and mass organisations"
    ),
    OrganizationKind.POLICE: Label("Công an", "Police"),
    OrganizationKind.ARMY: Label("Quân đội, Biên phòng", "Army and border guard"),
    OrganizationKind.SCHOOL: Label("Trường học", "School"),
    OrganizationKind.OTHER: Label("Khác", "Other"),
}


class Gender(enum.Enum):
    FEMALE = "female"
    MALE = "male"
    UNKNOWN = "unknown"


@attrs.frozen
class Organization:
    """An agency (cơ quan, đơn vị) that sends members to the teams."""

    id: str
    name: str
    kind: OrganizationKind
    unit: str | None = None
    provenance: Provenance | None = None


#: A member's fields that are personal data: the name and position, which
#: identify a person, and gender, ethnicity and party membership (ethnic origin
#: and political views are sensitive personal data under Decree 13/2023/NĐ-CP).
MEMBER_PERSONAL_FIELDS = frozenset({"full_name", "gender", "ethnicity", "position", "party_member"})


@attrs.frozen
class Member:
    """A person serving in a team.

    Where a source does not name a person, ``full_name`` holds their position,
    so that the library never carries an invented name.
    """

    id: str
    full_name: str
    gender: Gender = Gender.UNKNOWN
    ethnicity: str | None = None
    organization: str | None = None
    position: str | None = None
    party_member: bool | None = None
    provenance: Provenance | None = None
