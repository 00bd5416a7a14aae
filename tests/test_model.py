"""The dataset answers the questions the rest of the library asks of it."""

from __future__ import annotations

from datetime import date

import attrs
import pytest

from danvan.model import (
    AdminUnit,
    Assignment,
    Dataset,
    Level,
    Member,
    Membership,
    Role,
    Team,
)

MID_2022 = date(2022, 6, 1)


def test_children_and_ancestors_of_a_unit(nampo: Dataset) -> None:
    communes = nampo.children("huyen-nam-po", MID_2022)
    assert {c.name for c in communes} == {"Nậm Tin", "Chà Nưa", "Si Pa Phìn", "Nà Hỳ", "Phìn Hồ"}
    assert [a.id for a in nampo.ancestors("ban-moc-4")] == [
        "xa-nam-tin",
        "huyen-nam-po",
        "tinh-dien-bien",
    ]
    commune = nampo.ancestor_at("ban-moc-4", Level.COMMUNE)
    assert commune is not None
    assert commune.code == "03156"


def test_units_are_filtered_by_validity(nampo: Dataset) -> None:
    assert nampo.children("huyen-nam-po", date(2025, 7, 1)) == []
    assert nampo.units_at(Level.DISTRICT, date(2025, 7, 1)) == []


def test_levels_rank_downwards() -> None:
    assert [level.rank for level in Level] == [0, 1, 2, 3]
    assert Level.VILLAGE.label.get("vi") == "Bản"


def test_active_members_and_leader_follow_dates() -> None:
    team = Team(
        "t",
        "Tổ Dân vận bản A",
        villages=(Assignment("v", date(2022, 1, 1)),),
        established=date(2022, 1, 1),
    )
    first = Member("m1", "Tổ trưởng thứ nhất")
    second = Member("m2", "Tổ trưởng thứ hai")
    dataset = Dataset(
        units=(AdminUnit("v", "A", Level.VILLAGE),),
        members=(first, second),
        teams=(team,),
        memberships=(
            Membership("1", "t", "m1", Role.LEADER, date(2022, 1, 1), date(2022, 6, 30)),
            Membership("2", "t", "m2", Role.LEADER, date(2022, 7, 1)),
        ),
    )
    assert dataset.leader("t", date(2022, 3, 1)) == first
    assert dataset.leader("t", date(2022, 8, 1)) == second
    assert [m.member for m in dataset.active_memberships("t", date(2022, 6, 30))] == ["m1"]
    assert dataset.team_for_village("v", date(2021, 12, 31)) is None
    assert dataset.team_for_village("v", date(2022, 1, 1)) == team


def test_two_leaders_at_once_means_no_single_leader() -> None:
    dataset = Dataset(
        memberships=(
            Membership("1", "t", "a", Role.LEADER),
            Membership("2", "t", "b", Role.LEADER),
        ),
        members=(Member("a", "A"), Member("b", "B")),
    )
    assert dataset.leader("t", MID_2022) is None


def test_duplicate_ids_keep_the_first_record_and_do_not_fail() -> None:
    dataset = Dataset(members=(Member("m", "Thứ nhất"), Member("m", "Thứ hai")))
    found = dataset.member("m")
    assert found is not None
    assert found.full_name == "Thứ nhất"


def test_records_are_frozen(nampo: Dataset) -> None:
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        nampo.teams[0].name = "khác"  # type: ignore[misc]


def test_a_cycle_in_the_hierarchy_does_not_hang() -> None:
    dataset = Dataset(
        units=(
            AdminUnit("a", "A", Level.COMMUNE, parent="b"),
            AdminUnit("b", "B", Level.DISTRICT, parent="a"),
        )
    )
    assert [u.id for u in dataset.ancestors("a")] == ["b"]


def test_activity_lookup_and_money(nampo: Dataset) -> None:
    lights = nampo.activity("hd-moc4-025")
    assert lights is not None
    assert lights.quantity("street_lights") == 20
    assert lights.money == 27_000_000
    assert nampo.activity("no-such-id") is None
