"""The sample reproduces the figures of the article it was built from (13/02/2023)."""

from __future__ import annotations

from datetime import date

from danvan.model import Dataset, FundingSource, Level


def total(dataset: Dataset, indicator: str, team: str | None = None) -> float:
    return sum(
        a.quantity(indicator) or 0 for a in dataset.activities if team is None or a.team == team
    )


def test_gift_packages_for_children_and_households(nampo: Dataset) -> None:
    assert total(nampo, "gift_packages_children", "to-moc4") == 100
    assert total(nampo, "gift_packages_households", "to-moc4") == 80


def test_twenty_street_lights_worth_27_million(nampo: Dataset) -> None:
    lights = [a for a in nampo.activities if a.quantity("street_lights")]
    assert sum(a.quantity("street_lights") or 0 for a in lights) == 20
    assert sum(a.money for a in lights) == 27_000_000


def test_nearly_one_tonne_of_peanuts(nampo: Dataset) -> None:
    peanuts = [a for a in nampo.activities if "peanut" in a.topics]
    harvest = sum(a.quantity("harvest") or 0 for a in peanuts)
    assert 900 <= harvest <= 999


def test_over_170_job_dossiers(nampo: Dataset) -> None:
    assert total(nampo, "job_dossiers") >= 171


def test_moc4_mobilised_nearly_500_million(nampo: Dataset) -> None:
    mobilised = sum(
        f.amount
        for a in nampo.activities
        if a.team == "to-moc4"
        for f in a.funding
        if f.source is FundingSource.SOCIETY
    )
    assert 450_000_000 <= mobilised <= 499_000_000


def test_five_named_villages_each_with_its_team(nampo: Dataset) -> None:
    villages = nampo.units_at(Level.VILLAGE, date(2022, 6, 1))
    assert sorted(v.name for v in villages) == ["Huổi Hoi", "Mạy Hốc", "Mốc 4", "Nà Sự", "Van Hồ"]
    for village in villages:
        team = nampo.team_for_village(village.id, date(2022, 6, 1))
        assert team is not None
        assert team.decision == "765-QĐ/HU"


def test_moc4_is_led_by_the_vice_president_of_the_womens_union(nampo: Dataset) -> None:
    leader = nampo.leader("to-moc4", date(2022, 6, 1))
    assert leader is not None
    assert leader.full_name == "Trần Thị Yến"
    assert leader.position == "Phó Chủ tịch Hội LHPN huyện"
    assert leader.provenance is not None
    assert not leader.provenance.illustrative


def test_twelve_monthly_meetings_in_2022(nampo: Dataset) -> None:
    meeting_types = nampo.catalog.meeting_types
    months = {
        a.date.month
        for a in nampo.activities
        if a.team == "to-moc4" and a.type in meeting_types and a.date.year == 2022
    }
    assert months == set(range(1, 13))


def test_unnamed_people_carry_positions_and_are_flagged_illustrative(nampo: Dataset) -> None:
    for member in nampo.members:
        assert member.provenance is not None
        if member.provenance.illustrative:
            assert member.position is not None
            assert member.full_name.startswith(("Tổ trưởng", "Công chức", "Cán bộ"))


def test_every_activity_reference_is_in_the_catalogue(nampo: Dataset) -> None:
    for activity in nampo.activities:
        assert nampo.catalog.activity_type(activity.type) is not None
        assert all(nampo.catalog.topic(t) is not None for t in activity.topics)
        assert all(nampo.catalog.indicator(q.indicator) is not None for q in activity.quantities)
