"""The sample reproduces the figures of the article it was built from (13/02/2023)."""

from __future__ import annotations

from datetime import date

from danvan.model import Bound, Dataset, FundingSource, Level, Role


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


def test_over_170_job_dossiers_is_the_districts_figure_not_the_five_teams(
    nampo: Dataset,
) -> None:
    # An activity belongs to a team and a village: the district's own figure is a figure of
    # the whole unit, with its bound ("trên") and its source, and the description says so.
    (district,) = nampo.figures
    assert (district.unit, district.indicator) == ("huyen-nam-po", "job_dossiers")
    assert (district.value, district.bound) == (170, Bound.OVER)
    assert (district.start, district.end) == (date(2022, 1, 1), date(2022, 12, 31))
    assert district.source == "Trang TTĐT huyện Nậm Pồ, 13/02/2023"
    assert district.provenance is not None
    assert not district.provenance.illustrative  # the article states it
    assert "trên 170 hồ sơ" in nampo.description
    assert "số liệu chung của huyện Nậm Pồ" in nampo.description
    assert "over 170 job dossiers" in nampo.description
    assert "figures of Nậm Pồ district itself" in nampo.description
    registrations = [a for a in nampo.activities if a.quantity("job_dossiers")]
    assert len({a.team for a in registrations}) == 4
    assert total(nampo, "job_dossiers") == 9  # the teams' own, far from the district's 170
    for activity in registrations:
        assert activity.provenance is not None
        assert activity.provenance.illustrative
        assert "cả huyện" in activity.note


def test_the_description_credits_each_fact_to_its_source(nampo: Dataset) -> None:
    vietnamese, english = nampo.description.split(" / ")
    for text, other_reports in ((vietnamese, "báo Nhân Dân"), (english, "Nhân Dân newspaper")):
        clauses = text.split("; ")
        article = next(c for c in clauses if "Trần Thị Yến" in c)
        assert "13/02/2023" in article
        assert "765" not in article
        decision = next(c for c in clauses if "765-QĐ/HU" in c)
        assert "15/12/2021" in decision
        assert "121/121" in decision
        assert "900" in decision
        assert other_reports in decision
        assert "13/02/2023" not in decision
    for team in nampo.teams:
        assert team.provenance is not None
        assert team.provenance.source is not None
        assert "Quyết định 765-QĐ/HU ngày 15/12/2021: báo Nhân Dân" in team.provenance.source


def test_what_the_article_states_outright_is_not_illustrative(nampo: Dataset) -> None:
    lights = next(a for a in nampo.activities if a.quantity("street_lights"))
    assert (lights.quantity("street_lights"), lights.money) == (20, 27_000_000)
    leading = next(m for m in nampo.memberships if m.team == "to-moc4" and m.role is Role.LEADER)
    for record in (lights, leading):
        assert record.provenance is not None
        assert record.provenance.source == "Trang TTĐT huyện Nậm Pồ, 13/02/2023"
        assert not record.provenance.illustrative


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
