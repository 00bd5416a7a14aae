"""The Excel-safety policy shared by every exporter."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from danvan.excel import (
    MAX_CELL_CHARS,
    TRUNCATION_MARKER,
    ExcelLimitWarning,
    escape_formula_csv,
    fit_cell,
    is_exact_in_excel,
    is_formula_like,
    naive_in_zone,
    safe_sheet_name,
    unescape_formula_csv,
)
from danvan.tables import VIETNAM_TZ


@pytest.mark.parametrize("text", ["=1+1", "+84 912", "-5", "@SUM(A1)", "\tx", "\rx"])
def test_formula_like_text_gets_an_apostrophe_in_csv(text: str) -> None:
    assert is_formula_like(text)
    assert escape_formula_csv(text) == "'" + text


@pytest.mark.parametrize("text", ["", "Bản Mốc 4", "a=b", "27.000.000", "'quoted"])
def test_ordinary_text_is_left_alone(text: str) -> None:
    assert escape_formula_csv(text) == text


def test_text_that_looks_escaped_is_escaped_again_so_it_reads_back_exactly() -> None:
    assert escape_formula_csv("'=x") == "''=x"
    assert unescape_formula_csv("''=x") == "'=x"


@given(st.text())
def test_escaping_round_trips_and_never_leaves_a_formula(text: str) -> None:
    escaped = escape_formula_csv(text)
    assert unescape_formula_csv(escaped) == text
    assert not is_formula_like(escaped)


def test_a_cell_over_the_limit_is_cut_with_a_marker_and_a_warning() -> None:
    text = "ồ" * (MAX_CELL_CHARS + 10)
    with pytest.warns(ExcelLimitWarning, match="truncated"):
        cut = fit_cell(text, where="Sheet!A2")
    assert len(cut) == MAX_CELL_CHARS
    assert cut.endswith(TRUNCATION_MARKER)
    assert fit_cell("ồ" * MAX_CELL_CHARS) == "ồ" * MAX_CELL_CHARS


def test_aware_datetimes_are_shown_in_vietnam_time_without_a_zone() -> None:
    utc = dt.datetime(2022, 3, 15, 1, 0, tzinfo=dt.UTC)
    assert naive_in_zone(utc, VIETNAM_TZ) == dt.datetime(2022, 3, 15, 8, 0)
    naive = dt.datetime(2022, 3, 15, 8, 0)
    assert naive_in_zone(naive, VIETNAM_TZ) is naive


def test_integers_beyond_fifteen_digits_are_not_exact_in_excel() -> None:
    assert is_exact_in_excel(10**15 - 1)
    assert not is_exact_in_excel(10**15)


def test_sheet_names_are_safe_short_and_unique() -> None:
    taken: set[str] = set()
    long = "Hoạt động của các Tổ Dân vận cơ sở huyện Nậm Pồ: [2022]"
    first = safe_sheet_name(long, taken)
    second = safe_sheet_name(long, taken)
    assert len(first) <= 31
    assert len(second) <= 31
    assert first != second
    assert second.endswith("(2)")
    assert not set("[]:*?/\\") & set(first)
    assert safe_sheet_name("'history'", taken) == "History_"
    assert safe_sheet_name("", taken) == "Sheet"
