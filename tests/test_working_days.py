"""Working days in Vietnam and report deadlines: the official days off of 2022-2026."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys

import holidays
import pytest
from hypothesis import given
from hypothesis import strategies as st

from danvan.periods import (
    DeadlineRule,
    Period,
    ReportingCalendar,
    WorkingCalendar,
    deadline,
    explain_deadline,
    parse_period,
)
from danvan.periods._vn_holidays import PUBLIC_HOLIDAYS
from danvan.periods._working_days import _public_holidays

D = dt.date

# The weekdays (Monday to Friday) off for state agencies, year by year, as the Government
# announced them: Tết Dương lịch, Tết Nguyên đán, Giỗ Tổ Hùng Vương (10/3 âm lịch),
# 30/4, 1/5, Quốc khánh 2/9 and the day next to it, and the days off in lieu when a
# holiday falls on a weekend. Weekends inside the breaks are left out: they are off anyway.
OFFICIAL_WEEKDAYS_OFF: dict[int, set[dt.date]] = {
    2022: {
        D(2022, 1, 3),  # 1/1 fell on a Saturday
        *(D(2022, 1, 31) + dt.timedelta(days=i) for i in range(5)),  # Tết: 31/1-4/2
        D(2022, 4, 11),  # Giỗ Tổ 10/4 fell on a Sunday
        D(2022, 5, 2),  # 30/4 and 1/5 fell on the weekend
        D(2022, 5, 3),
        D(2022, 9, 1),
        D(2022, 9, 2),
    },
    2023: {
        D(2023, 1, 2),  # 1/1 fell on a Sunday
        *(D(2023, 1, 20) + dt.timedelta(days=i) for i in (0, 3, 4, 5, 6)),  # Tết: 20/1-26/1
        D(2023, 5, 1),
        D(2023, 5, 2),  # Giỗ Tổ 29/4 and 30/4 fell on the weekend
        D(2023, 5, 3),
        D(2023, 9, 1),
        D(2023, 9, 4),  # 2/9 fell on a Saturday
    },
    2024: {
        D(2024, 1, 1),
        *(D(2024, 2, 8) + dt.timedelta(days=i) for i in (0, 1, 4, 5, 6)),  # Tết: 8/2-14/2
        D(2024, 4, 18),
        D(2024, 4, 29),  # swapped: worked back on Saturday 4/5
        D(2024, 4, 30),
        D(2024, 5, 1),
        D(2024, 9, 2),
        D(2024, 9, 3),
    },
    2025: {
        D(2025, 1, 1),
        *(D(2025, 1, 27) + dt.timedelta(days=i) for i in range(5)),  # Tết: 25/1-2/2
        D(2025, 4, 7),
        D(2025, 4, 30),
        D(2025, 5, 1),
        D(2025, 5, 2),  # swapped: worked back on Saturday 26/4
        D(2025, 9, 1),
        D(2025, 9, 2),
    },
    2026: {
        D(2026, 1, 1),
        D(2026, 1, 2),  # swapped: worked back on Saturday 10/1 (see GOVERNMENT_SWAPS)
        *(D(2026, 2, 16) + dt.timedelta(days=i) for i in range(5)),  # Tết: 14/2-22/2
        D(2026, 4, 27),  # Giỗ Tổ 26/4 fell on a Sunday
        D(2026, 4, 30),
        D(2026, 5, 1),
        D(2026, 8, 31),  # swapped: worked back on Saturday 22/8
        D(2026, 9, 1),
        D(2026, 9, 2),
        # Ngày Văn hóa Việt Nam (Resolution 80 of the Politburo: a paid day off). The
        # package has it; the act that puts it into the labour code was not checked here.
        D(2026, 11, 24),
    },
}

# Saturdays worked to pay back a swapped weekday.
OFFICIAL_WORKING_SATURDAYS = {
    D(2024, 5, 4),
    D(2025, 2, 8),  # Tết 2025: the break was stretched to nine days
    D(2025, 4, 26),
    D(2026, 1, 10),
    D(2026, 8, 22),
}

# What the package cannot know: a Saturday is a day off for it, so the working Saturdays
# are always the caller's; and the swap of Friday 2/1/2026 was decided on 25/12/2025, after
# the package's Vietnamese calendar was written (the Government decides swaps each year).
GOVERNMENT_SWAPS = WorkingCalendar(
    extra_days_off={D(2026, 1, 2)},
    extra_working_days=OFFICIAL_WORKING_SATURDAYS,
)
PLAIN = WorkingCalendar()


def days_of(year: int) -> list[dt.date]:
    first = D(year, 1, 1)
    return [first + dt.timedelta(days=i) for i in range((D(year + 1, 1, 1) - first).days)]


@pytest.mark.parametrize("year", sorted(OFFICIAL_WEEKDAYS_OFF))
def test_the_packages_holidays_are_the_official_weekdays_off(year: int) -> None:
    official = OFFICIAL_WEEKDAYS_OFF[year] - GOVERNMENT_SWAPS.extra_days_off
    package = {day for day in days_of(year) if day.weekday() < 5 and PLAIN.is_public_holiday(day)}
    assert package == official


@pytest.mark.parametrize("year", sorted(OFFICIAL_WEEKDAYS_OFF))
def test_with_the_swaps_every_day_of_the_year_is_as_announced(year: int) -> None:
    for day in days_of(year):
        official = day in OFFICIAL_WORKING_SATURDAYS or (
            day.weekday() < 5 and day not in OFFICIAL_WEEKDAYS_OFF[year]
        )
        assert GOVERNMENT_SWAPS.is_working_day(day) is official, day


def test_a_deadline_on_a_sunday_moves_to_monday() -> None:
    # January 2023 with the 14th as cut-off (15/12/2022-14/01/2023); due the 15th: a Sunday.
    found = explain_deadline(
        parse_period("2023-01"), DeadlineRule.day_of_last_month(15), PLAIN, ReportingCalendar(15)
    )
    assert (found.nominal, found.due, found.moved) == (D(2023, 1, 15), D(2023, 1, 16), True)
    assert found.label() == (
        "Hạn gửi báo cáo Tháng 1/2023: 16/01/2023 "
        "(15/01/2023 là ngày nghỉ, lùi sang ngày làm việc kế tiếp)"
    )
    assert found.label("en") == (
        "January 2023 report due 16/01/2023 "
        "(15/01/2023 is a day off, moved to the next working day)"
    )


def test_a_deadline_in_tet_moves_past_it() -> None:
    # 20/01/2023 was 29 Tết: the first working day after the break is Friday 27/01.
    rule = DeadlineRule.day_of_last_month(20)
    assert deadline(Period.of_month(2023, 1), rule, PLAIN) == D(2023, 1, 27)


def test_working_days_after_a_period_ending_just_before_tet_skip_it() -> None:
    # With the 8th as cut-off, February 2024 ends on Wednesday 7/2; Tết 2024 is 8/2-14/2.
    rule = DeadlineRule.working_days_after_end(3)
    due = deadline(Period.of_month(2024, 2), rule, PLAIN, ReportingCalendar(8))
    assert due == D(2024, 2, 19)  # 15/2, 16/2, then Monday 19/2


def test_a_swapped_saturday_counts_as_a_working_day() -> None:
    rule = DeadlineRule.working_days_after_end(1)
    period = Period.between(D(2025, 4, 1), D(2025, 4, 25))
    assert deadline(period, rule, PLAIN) == D(2025, 4, 28)
    assert deadline(period, rule, GOVERNMENT_SWAPS) == D(2025, 4, 26)


def test_a_day_past_the_end_of_a_short_month_is_its_last_day() -> None:
    found = explain_deadline(Period.of_month(2023, 2), DeadlineRule.day_of_last_month(31), PLAIN)
    assert (found.nominal, found.due) == (D(2023, 2, 28), D(2023, 2, 28))


def test_bad_rules_and_calendars_are_refused() -> None:
    with pytest.raises(ValueError, match="from 1 to 31"):
        DeadlineRule.day_of_last_month(32)
    with pytest.raises(ValueError, match="from 1 to 366"):
        DeadlineRule.working_days_after_end(0)
    with pytest.raises(ValueError, match="both an extra day off"):
        WorkingCalendar(extra_days_off=[D(2025, 4, 26)], extra_working_days=[D(2025, 4, 26)])
    with pytest.raises(TypeError, match=r"datetime\.date"):
        WorkingCalendar(extra_days_off=[dt.datetime(2025, 4, 26)])
    with pytest.raises(ValueError, match="0 or more"):
        PLAIN.add_working_days(D(2025, 1, 1), -1)


days = st.dates(min_value=D(2000, 1, 1), max_value=D(2090, 12, 31))


@given(days, st.integers(min_value=1, max_value=400))
def test_adding_working_days_lands_on_one_and_counts_back(day: dt.date, n: int) -> None:
    later = GOVERNMENT_SWAPS.add_working_days(day, n)
    assert GOVERNMENT_SWAPS.is_working_day(later)
    assert GOVERNMENT_SWAPS.working_days_between(day, later) == n
    assert GOVERNMENT_SWAPS.working_days_between(later, day) == -n


@given(days, days)
def test_working_days_between_adds_up(a: dt.date, b: dt.date) -> None:
    middle = min(a, b) + dt.timedelta(days=abs((b - a).days) // 2)
    assert PLAIN.working_days_between(a, b) == (
        PLAIN.working_days_between(a, middle) + PLAIN.working_days_between(middle, b)
    )


def test_holidays_load_with_the_first_year_not_in_the_table_not_with_the_package() -> None:
    # A fresh interpreter: the periods package, a deadline rule and the working days of a
    # year the table holds leave the holidays package alone (the 2022 sample's report never
    # loads it); the first working day counted in another year brings it in.
    script = (
        "import sys, datetime as dt, danvan.periods as p, danvan.reports\n"
        "rule = p.DeadlineRule.working_days_after_end(5)\n"
        "tet = p.WorkingCalendar().add_working_days(dt.date(2022, 1, 28), 1)\n"
        "assert tet == dt.date(2022, 2, 7), tet\n"
        "assert 'holidays' not in sys.modules\n"
        "p.WorkingCalendar().is_working_day(dt.date(2031, 2, 4))\n"
        "assert 'holidays' in sys.modules\n"
    )
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr


def _table_line(year: int) -> str:
    """The year's line of ``danvan.periods._vn_holidays``, as the installed package gives it."""
    months: dict[int, list[int]] = {}
    for day in sorted(holidays.country_holidays("VN", years=year)):
        months.setdefault(day.month, []).append(day.day)
    inner = ", ".join(
        f"{m}: ({', '.join(map(str, days))}{',' * (len(days) == 1)})" for m, days in months.items()
    )
    return f"    {year}: {{{inner}}},"


def test_the_table_of_past_years_is_what_the_holidays_package_gives() -> None:
    # The table is a copy of the package's answers for years that are over; a new
    # holidays release that corrects one shows here, with the table to paste.
    differ = [
        year
        for year in PUBLIC_HOLIDAYS
        if _public_holidays(year) != frozenset(holidays.country_holidays("VN", years=year))
    ]
    assert not differ, "regenerate danvan/periods/_vn_holidays.py:\n" + "\n".join(
        _table_line(year) for year in sorted(PUBLIC_HOLIDAYS)
    )
    assert min(PUBLIC_HOLIDAYS) == 2010
    assert max(PUBLIC_HOLIDAYS) == 2026


@given(st.dates(min_value=D(2005, 1, 1), max_value=D(2035, 12, 31)))
def test_a_calendar_says_of_any_day_what_the_package_says(day: dt.date) -> None:
    assert PLAIN.is_public_holiday(day) is (day in holidays.country_holidays("VN", years=day.year))
