"""summarize: the sample's figures, zero rows, roll-ups, indicator semantics, completeness."""

from __future__ import annotations

from collections import defaultdict
from datetime import date

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from danvan import summarize
from danvan.aggregate import NO_TOPIC, Dimension, GroupBy, Measure, PeriodTotals
from danvan.bundled import default_catalog
from danvan.model import (
    Activity,
    AdminUnit,
    Aggregation,
    Assignment,
    Dataset,
    FundingSource,
    Level,
    Membership,
    Quantity,
    Status,
    Team,
)
from danvan.periods import Period, ReportingCalendar
from danvan.tables import ColumnType
from tests.strategies import consistent_datasets

# The sample: the article's figures --------------------------------------------------------


def test_the_commune_of_moc_4_shows_the_gifts_lights_and_harvest(nampo: Dataset) -> None:
    nam_tin = summarize(nampo, "2022", by=Level.COMMUNE).row("xa-nam-tin")
    assert nam_tin.name == "Nậm Tin"
    assert nam_tin.indicators["gift_packages_children"] == 100
    assert nam_tin.indicators["gift_packages_households"] == 80
    assert nam_tin.indicators["street_lights"] == 20
    assert 900 <= (nam_tin.indicators["harvest"] or 0) <= 999


def test_the_street_lights_cost_27_million(nampo: Dataset) -> None:
    summary = summarize(nampo, "2022", by=Level.VILLAGE, per=("month", "type"))
    lights = summary.row("ban-moc-4", "2022-09", "public_works")
    assert lights.indicators["street_lights"] == 20
    assert lights.money_total == 27_000_000


def test_the_five_teams_job_dossiers_are_their_own(nampo: Dataset) -> None:
    # "Trên 170 hồ sơ" is the whole district's figure (the sample's description), not these
    # five teams': their own, illustrative, sum to far less.
    district = summarize(nampo, "2022", by=Level.DISTRICT).row("huyen-nam-po")
    assert district.indicators["job_dossiers"] == 9


def test_moc_4_mobilised_nearly_500_million_from_society(nampo: Dataset) -> None:
    team = summarize(nampo, "2022", by="team").row("to-moc4")
    assert 450_000_000 <= team.money[FundingSource.SOCIETY] <= 499_000_000


def test_every_team_held_its_twelve_monthly_meetings(nampo: Dataset) -> None:
    for row in summarize(nampo, "2022", by="team").rows:
        assert (row.meetings_held, row.meetings_expected, row.completeness) == (12, 12, 1.0)


def test_communes_come_in_vietnamese_alphabetical_order(nampo: Dataset) -> None:
    names = [row.name for row in summarize(nampo, "2022").rows]
    assert names == ["Chà Nưa", "Nà Hỳ", "Nậm Tin", "Phìn Hồ", "Si Pa Phìn"]


def test_rows_come_in_vietnamese_alphabetical_order(nampo: Dataset) -> None:
    summary = summarize(nampo, "2022", by=Level.COMMUNE)
    # Vietnamese order: "Nà" before "Nậm" (a before â), "Phìn" before "Si".
    assert [row.name for row in summary.rows] == [
        "Chà Nưa", "Nà Hỳ", "Nậm Tin", "Phìn Hồ", "Si Pa Phìn"
    ]  # fmt: skip


# A tiny province, written out -------------------------------------------------------------


def _activity(
    n: int, village: str, day: date, kind: str = "dissemination", **kw: object
) -> Activity:
    team = kw.pop("team", f"t-{village}")
    return Activity(id=f"a{n}", team=str(team), village=village, date=day, type=kind, **kw)  # type: ignore[arg-type]


def tiny(*activities: Activity, teams: tuple[Team, ...] | None = None) -> Dataset:
    """Province p > district d > communes c1 (villages v1, v2) and c2 (village v3)."""
    units = (
        AdminUnit("p", "Điện Biên", Level.PROVINCE),
        AdminUnit("d", "Nậm Pồ", Level.DISTRICT, parent="p"),
        AdminUnit("c1", "Nậm Tin", Level.COMMUNE, parent="d", code="03156"),
        AdminUnit("c2", "Chà Nưa", Level.COMMUNE, parent="d", code="03187"),
        AdminUnit("v1", "Mốc 4", Level.VILLAGE, parent="c1"),
        AdminUnit("v2", "Nậm Tin 1", Level.VILLAGE, parent="c1"),
        AdminUnit("v3", "Nà Sự", Level.VILLAGE, parent="c2"),
    )
    start = date(2021, 12, 15)
    if teams is None:
        teams = tuple(
            Team(f"t-{v}", f"Tổ {v}", villages=(Assignment(v, start),), established=start)
            for v in ("v1", "v2", "v3")
        )
    memberships = tuple(
        Membership(f"ms-{t.id}-{k}", t.id, f"m-{t.id}-{k}", valid_from=start)
        for t in teams
        for k in range(2)
    )
    return Dataset(
        units=units,
        teams=teams,
        memberships=memberships,
        activities=activities,
        catalog=default_catalog(),
    )


def test_units_without_activity_get_rows_of_zeros() -> None:
    dataset = tiny(_activity(1, "v1", date(2022, 3, 5), participants=40))
    summary = summarize(dataset, "2022-03", by=Level.COMMUNE)
    idle = summary.row("c2")
    assert (idle.activities, idle.participants, idle.money_total) == (0, 0, 0)
    assert idle.villages_with_team == 1
    assert idle.coverage == 0.0
    assert summary.row("c1").participants == 40


def test_zero_rows_fill_every_month_and_type() -> None:
    dataset = tiny(_activity(1, "v1", date(2022, 3, 5)))
    summary = summarize(dataset, "2022-Q1", by=Level.COMMUNE, per=("month", "type"))
    types = len(dataset.catalog.activity_types)
    assert len(summary.rows) == 2 * 3 * types
    assert summary.row("c2", "2022-01", "monthly_meeting").activities == 0
    assert summary.row("c1", "2022-03", "dissemination").activities == 1


def test_only_done_activities_count() -> None:
    day = date(2022, 5, 1)
    dataset = tiny(
        _activity(1, "v1", day),
        _activity(2, "v1", day, status=Status.PLANNED),
        _activity(3, "v1", day, status=Status.CANCELLED),
    )
    assert summarize(dataset, "2022", by=Level.VILLAGE).row("v1").activities == 1


def test_activities_outside_the_period_do_not_count() -> None:
    dataset = tiny(_activity(1, "v1", date(2021, 12, 31)), _activity(2, "v1", date(2022, 1, 1)))
    assert summarize(dataset, "2022", by=Level.VILLAGE).row("v1").activities == 1


def test_activities_in_unknown_villages_are_reported_as_unplaced() -> None:
    dataset = tiny(_activity(1, "nowhere", date(2022, 5, 1)))
    summary = summarize(dataset, "2022", by=Level.COMMUNE)
    assert summary.unplaced == 1
    assert sum(row.activities for row in summary.rows) == 0


def test_all_gives_one_row_for_everything() -> None:
    dataset = tiny(_activity(1, "v1", date(2022, 5, 1)), _activity(2, "v3", date(2022, 6, 1)))
    summary = summarize(dataset, "2022", by="all")
    (total,) = summary.rows
    assert (total.group, total.activities, total.villages_with_team) == ("", 2, 3)


def test_a_period_can_be_given_as_text_or_as_a_period() -> None:
    dataset = tiny(_activity(1, "v1", date(2022, 5, 1)))
    assert summarize(dataset, "2022-Q2") == summarize(dataset, Period.of_quarter(2022, 2))


def test_unknown_or_repeated_dimensions_are_refused() -> None:
    dataset = tiny()
    with pytest.raises(ValueError, match="unknown dimension"):
        summarize(dataset, "2022", per=("week",))  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="repeated"):
        summarize(dataset, "2022", per=("month", "month"))


# Indicators with their own aggregation ----------------------------------------------------


def _q(code: str, value: int) -> tuple[Quantity, ...]:
    return (Quantity(code, value),)


def test_count_counts_the_activities_that_report_the_indicator() -> None:
    drive = "epidemic_response"
    dataset = tiny(
        _activity(1, "v1", date(2022, 3, 1), drive, quantities=_q("sessions", 5)),
        _activity(2, "v1", date(2022, 4, 1), drive, quantities=_q("sessions", 7)),
        _activity(3, "v1", date(2022, 5, 1), drive),
    )
    assert dataset.catalog.indicator("sessions").aggregation is Aggregation.COUNT  # type: ignore[union-attr]
    assert summarize(dataset, "2022").row("c1").indicators["sessions"] == 2


def test_a_count_of_a_type_counts_each_activity_of_that_type_once() -> None:
    dataset = tiny(
        _activity(1, "v1", date(2022, 3, 1), quantities=_q("sessions", 5)),
        _activity(2, "v1", date(2022, 4, 1)),
        _activity(3, "v3", date(2022, 5, 1), "epidemic_response", quantities=_q("sessions", 1)),
        _activity(4, "v3", date(2022, 5, 2), "epidemic_response"),
    )
    assert dataset.catalog.indicator("sessions").counts_type == "dissemination"  # type: ignore[union-attr]
    summary = summarize(dataset, "2022", per=("type",))
    assert summary.row("c1", "dissemination").indicators["sessions"] == 2
    assert summary.row("c2", "epidemic_response").indicators["sessions"] == 1
    assert summarize(dataset, "2022", by="all").rows[0].indicators["sessions"] == 3


def test_an_indicator_code_given_twice_in_the_catalogue_counts_by_its_first_entry() -> None:
    dataset = tiny(
        _activity(1, "v1", date(2022, 3, 1), quantities=_q("street_lights", 5)),
        _activity(2, "v1", date(2022, 4, 1), quantities=_q("street_lights", 7)),
    )
    lights = dataset.catalog.indicator("street_lights")
    assert lights is not None
    assert lights.aggregation is Aggregation.SUM
    again = attrs.evolve(lights, aggregation=Aggregation.MAX)
    catalog = attrs.evolve(dataset.catalog, indicators=(*dataset.catalog.indicators, again))
    twice = attrs.evolve(dataset, catalog=catalog)
    assert summarize(twice, "2022").row("c1").indicators["street_lights"] == 12


def test_max_keeps_the_largest_value_and_rolls_up_as_the_largest() -> None:
    dataset = tiny(
        _activity(1, "v1", date(2022, 3, 1), quantities=_q("largest_gathering", 120)),
        _activity(2, "v2", date(2022, 4, 1), quantities=_q("largest_gathering", 300)),
        _activity(3, "v1", date(2022, 5, 1), quantities=_q("largest_gathering", 80)),
    )
    by_village = summarize(dataset, "2022", by=Level.VILLAGE)
    assert by_village.row("v1").indicators["largest_gathering"] == 120
    assert summarize(dataset, "2022").row("c1").indicators["largest_gathering"] == 300
    assert summarize(dataset, "2022").row("c2").indicators["largest_gathering"] is None


def test_last_takes_the_latest_dated_value_whatever_the_input_order() -> None:
    dataset = tiny(
        _activity(1, "v1", date(2022, 9, 1), quantities=_q("households_in_hardship", 30)),
        _activity(2, "v2", date(2022, 3, 1), quantities=_q("households_in_hardship", 50)),
    )
    assert summarize(dataset, "2022").row("c1").indicators["households_in_hardship"] == 30


def test_last_breaks_a_tie_of_dates_by_input_order() -> None:
    day = date(2022, 6, 1)
    dataset = tiny(
        _activity(1, "v1", day, quantities=_q("households_in_hardship", 30)),
        _activity(2, "v2", day, quantities=_q("households_in_hardship", 50)),
        _activity(
            3, "v1", day, kind="listening_visit", quantities=_q("households_in_hardship", 40)
        ),
    )
    summary = summarize(dataset, "2022", per=("type",))
    assert summary.row("c1", "listening_visit").indicators["households_in_hardship"] == 40
    assert summarize(dataset, "2022").row("c1").indicators["households_in_hardship"] == 40


def test_an_indicator_repeated_in_one_activity_is_summed_and_counted_once() -> None:
    twice = (Quantity("sessions", 1), Quantity("sessions", 1), Quantity("harvest", 2))
    dataset = tiny(
        _activity(1, "v1", date(2022, 6, 1), quantities=(*twice, Quantity("harvest", 3)))
    )
    row = summarize(dataset, "2022").row("c1")
    assert (row.indicators["sessions"], row.indicators["harvest"]) == (1, 5)


# Topics, fields, months, quarters, teams --------------------------------------------------


def test_an_activity_with_two_topics_counts_once_in_each() -> None:
    dataset = tiny(
        _activity(1, "v1", date(2022, 5, 1), topics=("child_marriage", "consanguineous_marriage")),
        _activity(2, "v1", date(2022, 6, 1)),
    )
    summary = summarize(dataset, "2022", by="all", per=("topic",))
    assert summary.row("", "child_marriage").activities == 1
    assert summary.row("", "consanguineous_marriage").activities == 1
    assert summary.row("", NO_TOPIC).activities == 1
    assert sum(row.activities for row in summary.rows) == 3  # more than the 2 activities


def test_fields_come_from_the_activity_types() -> None:
    dataset = tiny(
        _activity(1, "v1", date(2022, 5, 1), kind="livelihood_model"),
        _activity(2, "v1", date(2022, 5, 2), kind="job_registration"),
        _activity(3, "v1", date(2022, 5, 3), kind="military_service"),
    )
    summary = summarize(dataset, "2022", by="all", per=("field",))
    assert summary.row("", "economy").activities == 2
    assert summary.row("", "defence_security").activities == 1
    assert summary.key_label("field", "economy", "vi") == "Kinh tế"


def test_quarters_and_months_follow_the_reporting_calendar() -> None:
    dataset = tiny(_activity(1, "v1", date(2022, 3, 20)))
    cut_15 = ReportingCalendar(15)
    assert (
        summarize(dataset, "2022", by="all", per=("quarter",), calendar=cut_15)
        .row("", "2022-Q2")
        .activities
        == 1
    )
    by_month = summarize(dataset, "2022", by="all", per=("month",))
    assert by_month.row("", "2022-03").activities == 1
    assert [row.keys[0] for row in by_month.rows] == [f"2022-{m:02d}" for m in range(1, 13)]
    assert by_month.key_label("month", "2022-03", "vi") == "Tháng 3/2022"


def test_by_team_lists_teams_alive_in_the_period() -> None:
    teams = (
        Team("t-v1", "Tổ Mốc 4", (Assignment("v1"),), established=date(2022, 1, 1)),
        Team("t-old", "Tổ cũ", (Assignment("v2"),), dissolved=date(2020, 12, 31)),
    )
    dataset = tiny(_activity(1, "v1", date(2022, 5, 1)), teams=teams)
    assert [row.group for row in summarize(dataset, "2022", by="team").rows] == ["t-v1"]


# Completeness and members -------------------------------------------------------------------


def _meetings_on_the_20th() -> Dataset:
    return tiny(
        *(_activity(m, "v1", date(2022, m, 20), kind="monthly_meeting") for m in range(1, 13))
    )


def test_completeness_with_calendar_months() -> None:
    row = summarize(_meetings_on_the_20th(), "2022", by="team").row("t-v1")
    assert (row.meetings_held, row.meetings_expected) == (12, 12)


def test_completeness_with_a_cut_off_on_the_15th() -> None:
    # Reporting year 15/12/2021-14/12/2022: the meeting of 20/12/2022 is in January 2023
    # and January 2022 (15/12/2021-14/01/2022) had none.
    summary = summarize(_meetings_on_the_20th(), "2022", by="team", calendar=ReportingCalendar(15))
    row = summary.row("t-v1")
    assert (row.meetings_held, row.meetings_expected) == (11, 12)
    assert row.completeness == pytest.approx(11 / 12)


def test_two_meetings_in_one_month_count_once() -> None:
    dataset = tiny(
        _activity(1, "v1", date(2022, 3, 2), kind="monthly_meeting"),
        _activity(2, "v1", date(2022, 3, 28), kind="monthly_meeting"),
    )
    row = summarize(dataset, "2022-Q1", by="team").row("t-v1")
    assert (row.meetings_held, row.meetings_expected) == (1, 3)


def test_meetings_are_expected_in_every_month_the_team_existed_on_at_least_one_day() -> None:
    teams = (
        Team(
            "t-v1",
            "Tổ Mốc 4",
            (Assignment("v1"),),
            established=date(2022, 6, 30),
            dissolved=date(2022, 10, 1),
        ),
    )
    row = summarize(tiny(teams=teams), "2022", by="team").row("t-v1")
    assert row.meetings_expected == 5  # June to October


def test_members_are_counted_on_the_periods_last_day() -> None:
    dataset = tiny()
    left = Membership("ms-left", "t-v1", "m-left", valid_until=date(2022, 6, 30))
    dataset = Dataset(
        units=dataset.units,
        teams=dataset.teams,
        memberships=(*dataset.memberships, left),
        catalog=dataset.catalog,
    )
    assert summarize(dataset, "2022-Q2", by="team").row("t-v1").active_members == 3
    assert summarize(dataset, "2022-Q3", by="team").row("t-v1").active_members == 2
    by_month = summarize(dataset, "2022", by=Level.COMMUNE, per=("month",))
    assert by_month.row("c1", "2022-06").active_members == 5
    assert by_month.row("c1", "2022-07").active_members == 4


# Tables ---------------------------------------------------------------------------------------


def test_to_table_has_bilingual_typed_columns_and_one_row_per_summary_row(nampo: Dataset) -> None:
    summary = summarize(nampo, "2022", by=Level.COMMUNE, per=("quarter",))
    table = summary.to_table("by_commune_quarter")
    rows = list(table.iter_rows())
    assert len(rows) == len(summary.rows) == 5 * 4
    for column in table.columns:
        assert column.label.vi
        assert column.label.en
    assert table.column("money_society").type is ColumnType.MONEY
    assert table.column("completeness").type is ColumnType.PERCENT
    assert table.column("commune").label.vi == "Xã"
    first = dict(zip((c.name for c in table.columns), rows[0], strict=True))
    assert first["commune"] == "Chà Nưa"
    assert first["quarter"] == "Quý I/2022"
    assert table.column("money_total").type is ColumnType.MONEY


def test_measures_choose_the_columns(nampo: Dataset) -> None:
    summary = summarize(nampo, "2022", by="all", measures=(Measure.ACTIVITIES, "money"))
    names = [c.name for c in summary.to_table().columns]
    assert names == [
        "activities", "money_state_budget", "money_society", "money_people", "money_total"
    ]  # fmt: skip


# The roll-up property -------------------------------------------------------------------------

_LEVEL_PAIRS = (
    (Level.VILLAGE, Level.COMMUNE),
    (Level.COMMUNE, Level.DISTRICT),
    (Level.DISTRICT, Level.PROVINCE),
)


@settings(deadline=None, max_examples=60)
@given(
    consistent_datasets(),
    st.sampled_from([(), ("month",), ("type",), ("quarter", "field")]),
    st.sampled_from([1, 15]),
)
def test_a_parent_equals_the_sum_of_its_children(
    dataset: Dataset, per: tuple[str, ...], cutoff: int
) -> None:
    calendar = ReportingCalendar(cutoff)
    summaries = {
        level: summarize(dataset, "2022", by=level, per=per, calendar=calendar)  # type: ignore[arg-type]
        for level in Level
    }
    for child_level, parent_level in _LEVEL_PAIRS:
        sums: dict[tuple[str, ...], list[int | float]] = {}
        largest: dict[tuple[str, ...], list[int | float]] = defaultdict(list)
        children = summaries[child_level]
        for row in children.rows:
            parent = dataset.ancestor_at(row.group, parent_level)
            assert parent is not None
            key = (parent.id, *row.keys)
            values = children.additive(row)
            previous = sums.get(key)
            sums[key] = (
                list(values)
                if previous is None
                else [a + b for a, b in zip(previous, values, strict=True)]
            )
            for indicator in children.indicators:
                value = row.indicators[indicator.code]
                if indicator.aggregation is Aggregation.MAX and value is not None:
                    largest[(*key, indicator.code)].append(value)
        parents = summaries[parent_level]
        for row in parents.rows:
            key = (row.group, *row.keys)
            expected = sums.get(key) or [0] * len(parents.additive(row))
            assert list(parents.additive(row)) == expected
            for indicator in parents.indicators:
                if indicator.aggregation is Aggregation.MAX:
                    found = largest.get((*key, indicator.code))
                    assert row.indicators[indicator.code] == (max(found) if found else None)
    total = summarize(dataset, "2022", by="all", per=per, calendar=calendar)  # type: ignore[arg-type]
    province = summaries[Level.PROVINCE]
    for row in total.rows:
        assert total.additive(row) == province.additive(province.row("p", *row.keys))


_GROUPINGS: tuple[GroupBy, ...] = (*Level, "team", "all")
_SPLITS = ((), ("month",), ("type",), ("topic",), ("quarter", "field"), ("topic", "month"))


@settings(deadline=None, max_examples=80)
@given(
    consistent_datasets(),
    st.sampled_from(_GROUPINGS),
    st.sampled_from(_SPLITS),
    st.sets(st.sampled_from(Measure)) | st.none(),
    st.sampled_from([1, 15]),
    st.sampled_from([None, date(2022, 7, 1), date(2025, 7, 1)]),
)
def test_one_pass_for_many_summaries_gives_what_summarize_gives(
    dataset: Dataset,
    by: GroupBy,
    per: tuple[Dimension, ...],
    measures: set[Measure] | None,
    cutoff: int,
    units_on: date | None,
) -> None:
    """A report reads the activities once (PeriodTotals) and must get what summarize gets."""
    calendar = ReportingCalendar(cutoff)
    totals = PeriodTotals.of(dataset, "2022", calendar=calendar)
    for _ in range(2):  # the stored pass is not used up by a summary
        derived = totals.summarize(by=by, per=per, measures=measures, units_on=units_on)
        direct = summarize(
            dataset, "2022", by=by, per=per, measures=measures, calendar=calendar, units_on=units_on
        )
        assert derived == direct
