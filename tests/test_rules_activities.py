"""Activities: dated inside their team and assignment, sane numbers, units, twins (DV4xx)."""

from __future__ import annotations

from datetime import date

import attrs

from danvan.model import Assignment, Dataset, Funding, FundingSource, Quantity, Status
from danvan.rules import activities
from tests.rule_cases import added, changed, check, found

RULES = (
    activities.activity_dates,
    activities.activity_numbers,
    activities.quantity_units,
    activities.likely_duplicates,
)
FIRST = "hd-moc4-001"  # monthly meeting of bản Mốc 4, 28/12/2021


def test_the_sample_activities_are_sound(nampo: Dataset) -> None:
    assert not check(nampo, *RULES).findings


def test_an_activity_before_its_team_was_established(nampo: Dataset) -> None:
    dataset = changed(nampo, "activities", FIRST, date=date(2021, 12, 14))
    report = check(dataset, activities.activity_dates)
    assert ("DV401", FIRST, "date") in found(report)


def test_an_activity_on_the_day_the_team_was_established_is_inside_its_life(
    nampo: Dataset,
) -> None:
    dataset = changed(nampo, "activities", FIRST, date=date(2021, 12, 15))
    assert not check(dataset, activities.activity_dates).findings


def test_an_activity_in_a_village_its_team_does_not_serve(nampo: Dataset) -> None:
    dataset = changed(nampo, "activities", FIRST, village="ban-na-su")
    assert found(check(dataset, activities.activity_dates)) == {("DV402", FIRST, "village")}


def test_an_activity_after_its_village_was_handed_to_another_team(nampo: Dataset) -> None:
    team = nampo.team("to-moc4")
    assert team is not None
    ended = (Assignment("ban-moc-4", date(2021, 12, 15), date(2022, 6, 30)),)
    dataset = changed(nampo, "teams", team.id, villages=ended)
    report = check(dataset, activities.activity_dates)
    late = {a.id for a in nampo.activities if a.team == team.id and a.date > date(2022, 6, 30)}
    assert late
    assert found(report) == {("DV403", activity_id, "date") for activity_id in late}


def test_a_done_activity_after_the_as_of_date(nampo: Dataset) -> None:
    dataset = changed(nampo, "activities", FIRST, date=date(2023, 1, 5))
    report = check(dataset, activities.activity_dates)
    assert found(report) == {("DV404", FIRST, "date")}
    assert report.findings[0].message.vi.endswith(
        "ghi ngày 05/01/2023, sau ngày số liệu 31/12/2022"
    )


def test_a_planned_activity_may_lie_after_the_as_of_date(nampo: Dataset) -> None:
    dataset = changed(nampo, "activities", FIRST, date=date(2023, 1, 5), status=Status.PLANNED)
    assert not check(dataset, activities.activity_dates).findings


def test_negative_counts_quantities_and_money_are_each_reported(nampo: Dataset) -> None:
    dataset = changed(
        nampo,
        "activities",
        FIRST,
        participants=-4,
        households=-1,
        quantities=(Quantity("sessions", 1), Quantity("sessions", -2)),
        funding=(Funding(FundingSource.SOCIETY, -27_000_000),),
    )
    assert found(check(dataset, activities.activity_numbers)) == {
        ("DV405", FIRST, "participants"),
        ("DV405", FIRST, "households"),
        ("DV405", FIRST, "quantities[1].value"),
        ("DV406", FIRST, "funding[0].amount"),
    }


def test_zero_is_not_negative(nampo: Dataset) -> None:
    dataset = changed(
        nampo, "activities", FIRST, participants=0, quantities=(Quantity("sessions", 0),)
    )
    assert not check(dataset, activities.activity_numbers).findings


def test_a_quantity_in_another_unit_than_its_indicator(nampo: Dataset) -> None:
    dataset = changed(nampo, "activities", FIRST, quantities=(Quantity("harvest", 1, "tấn"),))
    report = check(dataset, activities.quantity_units)
    assert found(report) == {("DV407", FIRST, "quantities[0].unit")}
    assert report.findings[0].message.en == "Indicator harvest is counted in kg, not tấn"


def test_a_quantity_stating_its_indicators_own_unit_fits(nampo: Dataset) -> None:
    dataset = changed(nampo, "activities", FIRST, quantities=(Quantity("harvest", 950.5, "kg"),))
    assert not check(dataset, activities.quantity_units).findings


def test_half_a_gift_package_is_a_warning(nampo: Dataset) -> None:
    dataset = changed(
        nampo, "activities", FIRST, quantities=(Quantity("gift_packages_children", 2.5),)
    )
    [finding] = check(dataset, activities.quantity_units).findings
    assert (finding.code, finding.severity.value) == ("DV408", "warning")


def test_an_activity_entered_twice_is_a_likely_duplicate(nampo: Dataset) -> None:
    original = next(a for a in nampo.activities if a.quantities)
    twin = attrs.evolve(
        original, id="hd-nhap-lai", title="Nhập lại", quantities=original.quantities[::-1]
    )
    report = check(added(nampo, "activities", twin), activities.likely_duplicates)
    assert found(report) == {("DV409", "hd-nhap-lai", None)}
    assert report.findings[0].values["other"] == original.id
    assert report.ok


def test_the_same_kind_of_work_with_other_figures_is_no_duplicate(nampo: Dataset) -> None:
    original = next(a for a in nampo.activities if a.quantities)
    other = attrs.evolve(
        original, id="hd-khac", quantities=(attrs.evolve(original.quantities[0], value=999),)
    )
    assert not check(added(nampo, "activities", other), activities.likely_duplicates).findings
