"""Tests for reporting periods: parsing, labels, and the cut-off-day calendar."""

from __future__ import annotations

import calendar
import datetime as dt
import itertools
from collections.abc import Callable

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from danvan.periods import (
    DateRange,
    Period,
    PeriodKind,
    PeriodParseError,
    ReportingCalendar,
    parse_period,
)

D = dt.date
ONE_DAY = dt.timedelta(days=1)
MID_MONTH = ReportingCalendar(15)
CALENDAR = ReportingCalendar()

years = st.integers(min_value=1900, max_value=2100)
dates = st.dates(min_value=D(1900, 1, 1), max_value=D(2100, 12, 31))
cutoff_days = st.integers(min_value=1, max_value=28)
calendars = st.builds(ReportingCalendar, cutoff_days)


@st.composite
def fixed_periods(draw: st.DrawFn) -> Period:
    kind = draw(st.sampled_from([k for k in PeriodKind if k is not PeriodKind.CUSTOM]))
    year = draw(years)
    index = {
        PeriodKind.MONTH: st.integers(1, 12),
        PeriodKind.QUARTER: st.integers(1, 4),
        PeriodKind.HALF_YEAR: st.integers(1, 2),
    }.get(kind, st.none())
    return Period(kind, year, draw(index))


@st.composite
def custom_periods(draw: st.DrawFn) -> Period:
    first, second = draw(dates), draw(dates)
    return Period.between(min(first, second), max(first, second))


periods = st.one_of(fixed_periods(), custom_periods())


def span(bounds: list[DateRange]) -> DateRange:
    return DateRange(bounds[0].start, bounds[-1].end)


def assert_consecutive(bounds: list[DateRange]) -> None:
    for before, after in itertools.pairwise(bounds):
        assert after.start == before.end + ONE_DAY


# Parsing ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2022", Period.of_year(2022)),
        ("2022-Q1", Period.of_quarter(2022, 1)),
        ("2022-Q4", Period.of_quarter(2022, 4)),
        ("2022-03", Period.of_month(2022, 3)),
        ("2022-12", Period.of_month(2022, 12)),
        ("2022-H1", Period.of_half(2022, 1)),
        ("2022-H2", Period.of_half(2022, 2)),
        ("2022-9M", Period.of_nine_months(2022)),
        ("2022-03-15/2022-06-14", Period.between(D(2022, 3, 15), D(2022, 6, 14))),
        ("2022-03-15/2022-03-15", Period.between(D(2022, 3, 15), D(2022, 3, 15))),
    ],
)
def test_parse_every_form(text: str, expected: Period) -> None:
    assert parse_period(text) == expected
    assert expected.key == text


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("  2022-q1\n", "2022-Q1"),
        ("2022-h2", "2022-H2"),
        ("2022-9m", "2022-9M"),
        ("\t2022 ", "2022"),
        ("2022-03-15 / 2022-06-14", "2022-03-15/2022-06-14"),
    ],
)
def test_parse_accepts_whitespace_and_lower_case(text: str, key: str) -> None:
    assert parse_period(text).key == key


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("2022-13", "month"),
        ("2022-00", "month"),
        ("2022-Q5", "quarter"),
        ("2022-Q0", "quarter"),
        ("2022-H3", "half_year"),
        ("2022-02-30/2022-03-01", "2022-02-30 is not a date"),
        ("2023-02-29/2023-03-01", "2023-02-29 is not a date"),
        ("2022-06-14/2022-03-15", "end date is before the start date"),
        ("0000", "year"),
        ("22", "unrecognised"),
        ("2022-3", "unrecognised"),
        ("2022-6M", "unrecognised"),
        ("Q1 2022", "unrecognised"),
        ("2022-03-15", "unrecognised"),
        ("", "unrecognised"),
        ("２０２２", "unrecognised"),
    ],
)
def test_parse_rejects_with_the_reason(text: str, reason: str) -> None:
    with pytest.raises(PeriodParseError, match=reason) as caught:
        parse_period(text)
    assert caught.value.text == text


def test_parse_error_quotes_the_input_and_lists_every_accepted_form() -> None:
    with pytest.raises(PeriodParseError) as caught:
        parse_period("năm ngoái")
    message = str(caught.value)
    assert "'năm ngoái'" in message
    for example in ("2022", "2022-Q1", "2022-H1", "2022-9M", "2022-03", "2022-03-15/2022-06-14"):
        assert example in message
    assert isinstance(caught.value, ValueError)


@given(periods)
def test_key_and_parse_are_inverse(period: Period) -> None:
    assert parse_period(period.key) == period
    assert str(period) == period.key


def parse_or_error(text: str) -> Period | PeriodParseError:
    try:
        return parse_period(text)
    except PeriodParseError as error:
        return error


near_keys = st.from_regex(
    r"\s*[0-9]{4}(-([QqHh][0-9]|[0-9]{2}|9[mM]|[0-9]{2}-[0-9]{2}/[0-9]{4}-[0-9]{2}-[0-9]{2}))?\s*",
    fullmatch=True,
)


@given(st.one_of(st.text(max_size=30), near_keys))
def test_parse_returns_a_period_or_raises_parse_error(text: str) -> None:
    result = parse_or_error(text)
    if isinstance(result, PeriodParseError):
        assert result.text == text
        assert "2022-03-15/2022-06-14" in str(result)
    else:
        assert parse_period(result.key) == result


# Period values ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("build", "message"),
    [
        (lambda: Period.of_month(2022, 13), "from 1 to 12"),
        (lambda: Period.of_quarter(2022, 5), "from 1 to 4"),
        (lambda: Period.of_half(2022, 3), "from 1 to 2"),
        (lambda: Period(PeriodKind.YEAR, 2022, 1), "no index"),
        (lambda: Period(PeriodKind.YEAR), "year must be"),
        (lambda: Period.of_year(10_000), "year must be"),
        (lambda: Period(PeriodKind.CUSTOM, start=D(2022, 1, 1)), "both a start and an end"),
        (
            lambda: Period(PeriodKind.CUSTOM, 2022, start=D(2022, 1, 1), end=D(2022, 1, 2)),
            "not a year",
        ),
        (lambda: Period.between(D(2022, 2, 1), D(2022, 1, 31)), "before start date"),
        (lambda: Period(PeriodKind.MONTH, 2022, 1, start=D(2022, 1, 1)), "no explicit start"),
    ],
)
def test_invalid_periods_are_rejected(build: Callable[[], Period], message: str) -> None:
    with pytest.raises(ValueError, match=message):
        build()


def test_periods_are_frozen_and_hashable() -> None:
    quarter = Period.of_quarter(2022, 1)
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        quarter.year = 2023  # type: ignore[misc]
    assert {quarter: "Quý I"}[parse_period("2022-q1")] == "Quý I"
    assert repr(quarter) == "parse_period('2022-Q1')"


def test_periods_sort_by_start_then_longer_first() -> None:
    keys = ["2022-03", "2022-01", "2022", "2021-12", "2022-Q1", "2022-H1", "2022-9M"]
    keys += ["2022-01-01/2022-01-05", "2022-01-01/2022-01-02", "2022-Q2"]
    assert [p.key for p in sorted(map(parse_period, keys))] == [
        "2021-12",
        "2022",
        "2022-9M",
        "2022-H1",
        "2022-Q1",
        "2022-01",
        "2022-01-01/2022-01-02",
        "2022-01-01/2022-01-05",
        "2022-03",
        "2022-Q2",
    ]
    assert Period.of_month(2022, 1) <= Period.of_month(2022, 1) < Period.of_month(2022, 2)
    assert Period.of_year(2023) > Period.of_year(2022) >= Period.of_year(2022)


@given(periods, periods)
def test_ordering_is_consistent_with_equality(a: Period, b: Period) -> None:
    assert (a == b) == (a <= b and b <= a)
    assert (a < b) or (b < a) or (a == b)


@pytest.mark.parametrize(
    ("key", "kind", "expected"),
    [
        ("2022-05", PeriodKind.QUARTER, "2022-Q2"),
        ("2022-05", PeriodKind.HALF_YEAR, "2022-H1"),
        ("2022-05", PeriodKind.NINE_MONTHS, "2022-9M"),
        ("2022-10", PeriodKind.NINE_MONTHS, None),
        ("2022-Q3", PeriodKind.NINE_MONTHS, "2022-9M"),
        ("2022-Q3", PeriodKind.HALF_YEAR, "2022-H2"),
        ("2022-H2", PeriodKind.NINE_MONTHS, None),
        ("2022-9M", PeriodKind.YEAR, "2022"),
        ("2022", PeriodKind.QUARTER, None),
        ("2022-Q4", PeriodKind.QUARTER, "2022-Q4"),
    ],
)
def test_enclosing_period(key: str, kind: PeriodKind, expected: str | None) -> None:
    found = parse_period(key).enclosing(kind)
    assert (found.key if found else None) == expected


# Labels -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("key", "vi", "en"),
    [
        ("2022-03", "Tháng 3/2022", "March 2022"),
        ("2022-12", "Tháng 12/2022", "December 2022"),
        ("2022-Q1", "Quý I/2022", "Q1 2022"),
        ("2022-Q2", "Quý II/2022", "Q2 2022"),
        ("2022-Q3", "Quý III/2022", "Q3 2022"),
        ("2022-Q4", "Quý IV/2022", "Q4 2022"),
        ("2022-H1", "6 tháng đầu năm 2022", "First half of 2022"),
        ("2022-H2", "6 tháng cuối năm 2022", "Second half of 2022"),
        ("2022-9M", "9 tháng năm 2022", "First nine months of 2022"),
        ("2022", "Năm 2022", "Year 2022"),
        ("2022-03-15/2022-06-14", "Từ 15/03/2022 đến 14/06/2022", "15/03/2022 – 14/06/2022"),
    ],
)
def test_labels_in_vietnamese_and_english(key: str, vi: str, en: str) -> None:
    period = parse_period(key)
    assert period.label() == vi
    assert period.label("vi") == vi
    assert period.label("vi-VN") == vi
    assert period.label("en") == en
    assert period.label("en_GB") == en


def test_unknown_language_falls_back_to_english() -> None:
    assert Period.of_quarter(2022, 1).label("fr") == "Q1 2022"


def test_calendar_labels() -> None:
    assert MID_MONTH.label() == "Kỳ báo cáo từ ngày 15 tháng trước đến ngày 14 tháng báo cáo"
    assert "day 15 of the previous month to day 14" in MID_MONTH.label("en")
    assert "dương lịch" in CALENDAR.label("vi")
    assert "Calendar months" in CALENDAR.label("en")


# DateRange --------------------------------------------------------------------------


def test_date_range_holds_both_ends() -> None:
    february = DateRange(D(2024, 2, 1), D(2024, 2, 29))
    assert D(2024, 2, 1) in february
    assert D(2024, 2, 29) in february
    assert dt.datetime(2024, 2, 29, 23, 59) in february
    assert D(2024, 3, 1) not in february
    assert "2024-02-10" not in february
    assert february.days == 29
    assert list(february.dates())[-1] == D(2024, 2, 29)
    assert len(list(february.dates())) == 29
    assert str(february) == "2024-02-01/2024-02-29"
    assert february.label("vi") == "Từ 01/02/2024 đến 29/02/2024"


def test_date_range_rejects_end_before_start_and_datetimes() -> None:
    with pytest.raises(ValueError, match="end date 2022-01-01 is before start date 2022-01-02"):
        DateRange(D(2022, 1, 2), D(2022, 1, 1))
    with pytest.raises(TypeError, match=r"datetime\.date"):
        DateRange(dt.datetime(2022, 1, 1), D(2022, 1, 2))


def test_date_range_intersection() -> None:
    q1 = DateRange(D(2022, 1, 1), D(2022, 3, 31))
    march_on = DateRange(D(2022, 3, 15), D(2022, 6, 14))
    assert q1.intersection(march_on) == DateRange(D(2022, 3, 15), D(2022, 3, 31))
    assert q1.intersection(DateRange(D(2022, 4, 1), D(2022, 4, 2))) is None
    assert q1.overlaps(march_on)


# The reporting calendar -------------------------------------------------------------


@pytest.mark.parametrize("cutoff", [0, 29, 31, -1])
def test_cutoff_day_must_be_a_day_every_month_has(cutoff: int) -> None:
    with pytest.raises(ValueError, match="every month, February included, has a 28th day"):
        ReportingCalendar(cutoff)


@pytest.mark.parametrize(
    ("key", "start", "end"),
    [
        ("2023-01", D(2022, 12, 15), D(2023, 1, 14)),
        ("2022-12", D(2022, 11, 15), D(2022, 12, 14)),
        ("2022", D(2021, 12, 15), D(2022, 12, 14)),
        ("2022-Q1", D(2021, 12, 15), D(2022, 3, 14)),
        ("2022-Q4", D(2022, 9, 15), D(2022, 12, 14)),
        ("2022-H1", D(2021, 12, 15), D(2022, 6, 14)),
        ("2022-H2", D(2022, 6, 15), D(2022, 12, 14)),
        ("2022-9M", D(2021, 12, 15), D(2022, 9, 14)),
        ("2024-03", D(2024, 2, 15), D(2024, 3, 14)),
        ("2022-03-15/2022-06-14", D(2022, 3, 15), D(2022, 6, 14)),
    ],
)
def test_cutoff_15_bounds_across_the_year_boundary(key: str, start: D, end: D) -> None:
    assert MID_MONTH.bounds(parse_period(key)) == DateRange(start, end)


@pytest.mark.parametrize(
    ("key", "start", "end", "days"),
    [
        ("2023-02", D(2023, 2, 1), D(2023, 2, 28), 28),
        ("2024-02", D(2024, 2, 1), D(2024, 2, 29), 29),
        ("1900-02", D(1900, 2, 1), D(1900, 2, 28), 28),
        ("2000-02", D(2000, 2, 1), D(2000, 2, 29), 29),
        ("2022-04", D(2022, 4, 1), D(2022, 4, 30), 30),
        ("2022-12", D(2022, 12, 1), D(2022, 12, 31), 31),
        ("2022-Q1", D(2022, 1, 1), D(2022, 3, 31), 90),
        ("2024-Q1", D(2024, 1, 1), D(2024, 3, 31), 91),
        ("2024", D(2024, 1, 1), D(2024, 12, 31), 366),
        ("9999-12", D(9999, 12, 1), D(9999, 12, 31), 31),
    ],
)
def test_calendar_months_have_28_to_31_days(key: str, start: D, end: D, days: int) -> None:
    bounds = CALENDAR.bounds(parse_period(key))
    assert bounds == DateRange(start, end)
    assert bounds.days == days


@pytest.mark.parametrize(
    ("key", "days"),
    [
        ("2024-03", 29),  # 15/02/2024-14/03/2024 holds 29/02
        ("2023-03", 28),
        ("2024-04", 31),  # 15/03-14/04: the length of March
        ("2024-05", 30),  # 15/04-14/05: the length of April
    ],
)
def test_cutoff_15_months_are_as_long_as_the_month_before(key: str, days: int) -> None:
    assert MID_MONTH.bounds(parse_period(key)).days == days


def test_leap_day_membership() -> None:
    leap_day = D(2024, 2, 29)
    assert CALENDAR.month_of(leap_day) == Period.of_month(2024, 2)
    assert MID_MONTH.month_of(leap_day) == Period.of_month(2024, 3)
    assert leap_day in MID_MONTH.bounds(Period.of_month(2024, 3))
    assert leap_day not in MID_MONTH.bounds(Period.of_month(2024, 2))


def test_cutoff_28_around_february() -> None:
    late = ReportingCalendar(28)
    assert late.bounds(parse_period("2023-03")) == DateRange(D(2023, 2, 28), D(2023, 3, 27))
    assert late.bounds(parse_period("2023-02")) == DateRange(D(2023, 1, 28), D(2023, 2, 27))
    assert late.bounds(parse_period("2023-01")) == DateRange(D(2022, 12, 28), D(2023, 1, 27))
    assert late.month_of(D(2023, 2, 28)) == Period.of_month(2023, 3)
    assert late.month_of(D(2024, 2, 29)) == Period.of_month(2024, 3)
    assert late.month_of(D(2022, 12, 31)) == Period.of_month(2023, 1)


@pytest.mark.parametrize(
    ("day", "key"),
    [
        (D(2022, 12, 14), "2022-12"),
        (D(2022, 12, 15), "2023-01"),
        (D(2022, 12, 20), "2023-01"),
        (D(2022, 12, 31), "2023-01"),
        (D(2023, 1, 1), "2023-01"),
        (D(2023, 1, 14), "2023-01"),
        (D(2023, 1, 15), "2023-02"),
    ],
)
def test_month_of_with_cutoff_15(day: D, key: str) -> None:
    assert MID_MONTH.month_of(day).key == key
    assert MID_MONTH.month_key(day) == parse_period(key).month_span()[:2]


def test_period_of_a_day() -> None:
    assert MID_MONTH.period_of(D(2022, 12, 20), PeriodKind.YEAR) == Period.of_year(2023)
    assert MID_MONTH.period_of(D(2022, 3, 20), PeriodKind.QUARTER) == Period.of_quarter(2022, 2)
    assert MID_MONTH.period_of(D(2022, 11, 1), PeriodKind.NINE_MONTHS) is None


def test_months_quarters_and_sub_periods() -> None:
    year = Period.of_year(2022)
    assert [p.key for p in MID_MONTH.months(year)] == [f"2022-{m:02d}" for m in range(1, 13)]
    assert [p.key for p in CALENDAR.quarters(year)] == ["2022-Q1", "2022-Q2", "2022-Q3", "2022-Q4"]
    assert [p.key for p in CALENDAR.months(parse_period("2022-Q3"))] == [
        "2022-07",
        "2022-08",
        "2022-09",
    ]
    nine_months = Period.of_nine_months(2022)
    assert [p.key for p in CALENDAR.sub_periods(nine_months, PeriodKind.HALF_YEAR)] == ["2022-H1"]
    assert CALENDAR.sub_periods(year, PeriodKind.YEAR) == [year]
    with pytest.raises(ValueError, match="longer than"):
        CALENDAR.sub_periods(Period.of_month(2022, 1), PeriodKind.QUARTER)
    with pytest.raises(ValueError, match="custom"):
        CALENDAR.sub_periods(year, PeriodKind.CUSTOM)


def test_months_of_a_custom_range_are_those_it_meets() -> None:
    spring = parse_period("2022-03-15/2022-06-14")
    assert [p.key for p in MID_MONTH.months(spring)] == ["2022-04", "2022-05", "2022-06"]
    assert [p.key for p in CALENDAR.months(spring)] == ["2022-03", "2022-04", "2022-05", "2022-06"]
    assert [p.key for p in CALENDAR.quarters(spring)] == ["2022-Q1", "2022-Q2"]
    winter = parse_period("2022-12-20/2023-01-05")
    assert [p.key for p in MID_MONTH.months(winter)] == ["2023-01"]
    assert [p.key for p in CALENDAR.sub_periods(winter, PeriodKind.YEAR)] == ["2022", "2023"]
    autumn = parse_period("2022-09-20/2022-10-05")
    assert [p.key for p in CALENDAR.sub_periods(autumn, PeriodKind.NINE_MONTHS)] == ["2022-9M"]


def test_bounds_before_year_one_are_a_clear_error() -> None:
    with pytest.raises(ValueError, match="before year 1"):
        MID_MONTH.bounds(Period.of_month(1, 1))


# Properties of the calendar ---------------------------------------------------------


@given(calendars, dates)
def test_month_key_agrees_with_month_of(calendar: ReportingCalendar, day: D) -> None:
    assert calendar.month_key(day) == calendar.month_of(day).month_span()[:2]


@given(calendars, dates)
def test_every_day_falls_in_exactly_one_reporting_month(
    calendar: ReportingCalendar, day: D
) -> None:
    month = calendar.month_of(day)
    assert day in calendar.bounds(month)
    year, index, _ = month.month_span()
    before = Period.of_month(year - 1, 12) if index == 1 else Period.of_month(year, index - 1)
    after = Period.of_month(year + 1, 1) if index == 12 else Period.of_month(year, index + 1)
    assert day not in calendar.bounds(before)
    assert day not in calendar.bounds(after)


@given(calendars, years)
def test_the_months_of_a_year_partition_it(calendar: ReportingCalendar, year: int) -> None:
    whole = calendar.bounds(Period.of_year(year))
    months = [calendar.bounds(month) for month in calendar.months(Period.of_year(year))]
    assert len(months) == 12
    assert span(months) == whole
    assert_consecutive(months)
    assert sum(month.days for month in months) == whole.days
    following = calendar.bounds(Period.of_year(year + 1))
    assert following.start == whole.end + ONE_DAY


@given(calendars, fixed_periods())
def test_a_period_is_the_union_of_its_months(calendar: ReportingCalendar, period: Period) -> None:
    months = [calendar.bounds(month) for month in calendar.months(period)]
    assert len(months) == period.month_span()[2]
    assert span(months) == calendar.bounds(period)
    assert_consecutive(months)


@given(calendars, years)
def test_quarters_tile_the_year(calendar: ReportingCalendar, year: int) -> None:
    quarters = [calendar.bounds(q) for q in calendar.quarters(Period.of_year(year))]
    assert span(quarters) == calendar.bounds(Period.of_year(year))
    assert_consecutive(quarters)


@given(calendars, custom_periods())
def test_months_of_a_custom_range_cover_it(calendar: ReportingCalendar, period: Period) -> None:
    months = [calendar.bounds(month) for month in calendar.months(period)]
    bounds = calendar.bounds(period)
    assert span(months).start <= bounds.start
    assert span(months).end >= bounds.end
    assert all(month.overlaps(bounds) for month in months)
    assert_consecutive(months)


@settings(max_examples=300)
@given(st.integers(min_value=1, max_value=9999), st.sampled_from(list(PeriodKind)), st.data())
def test_calendar_days_run_from_the_first_to_the_last_day_of_the_months(
    year: int, kind: PeriodKind, data: st.DataObject
) -> None:
    """Periods sort by their plain calendar days; the calendar with cut-off 1 gives the same."""
    if kind is PeriodKind.CUSTOM:
        return
    spans = {
        PeriodKind.MONTH: (1, 12),
        PeriodKind.QUARTER: (3, 4),
        PeriodKind.HALF_YEAR: (6, 2),
        PeriodKind.NINE_MONTHS: (9, 1),
        PeriodKind.YEAR: (12, 1),
    }
    months, count = spans[kind]
    index = data.draw(st.integers(min_value=1, max_value=count))
    text = {
        PeriodKind.YEAR: f"{year:04d}",
        PeriodKind.MONTH: f"{year:04d}-{index:02d}",
        PeriodKind.QUARTER: f"{year:04d}-Q{index}",
        PeriodKind.HALF_YEAR: f"{year:04d}-H{index}",
        PeriodKind.NINE_MONTHS: f"{year:04d}-9M",
    }[kind]
    period = parse_period(text)
    first = (index - 1) * months + 1
    last = first + months - 1
    days = period.calendar_days()
    assert days.start == dt.date(year, first, 1)
    assert days.end == dt.date(year, last, calendar.monthrange(year, last)[1])
    assert ReportingCalendar(1).bounds(period) == days
