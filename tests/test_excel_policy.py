"""The Excel-safety policy shared by every exporter."""

from __future__ import annotations

import csv
import datetime as dt
import io
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from danvan import export, read_dataset
from danvan.excel import (
    CSV_ESCAPE_TRIGGERS,
    FORMULA_PREFIXES,
    LEADING_BLANKS,
    MAX_CELL_CHARS,
    PAYLOAD_CHARS,
    TRUNCATION_MARKER,
    WHITESPACE,
    ExcelLimitWarning,
    cut_at_word,
    escape_formula_csv,
    fit_cell,
    is_exact_in_excel,
    is_formula_like,
    naive_in_zone,
    safe_sheet_name,
    unescape_formula_csv,
)
from danvan.labels import Label
from danvan.tables import VIETNAM_TZ, Bundle, BundleMetadata, Column, Table
from danvan.text import normalize


@pytest.mark.parametrize("text", ["=1+1", "+84 912", "-5", "@SUM(A1)", "\tx", "\rx"])
def test_formula_like_text_gets_an_apostrophe_in_csv(text: str) -> None:
    assert is_formula_like(text)
    assert escape_formula_csv(text) == "'" + text


@pytest.mark.parametrize(
    "text",
    [
        '  =HYPERLINK("http://x")',  # after leading spaces
        "\n=1+1",  # after a line break
        "\r\n+cmd",
        " \t@SUM(A1)",
        "\u00a0-5",  # no-break space
        "\u3000=1",  # ideographic space
        "\u200b=1",  # zero-width space
        "\ufeff=1",  # byte-order mark
        "＝1+1",  # full-width equals sign
        "＋84",
        "－5",
        "＠SUM(A1)",
        "  ＝1",
    ],
)
def test_a_payload_after_blanks_or_in_full_width_is_escaped_too(text: str) -> None:
    assert is_formula_like(text)
    assert escape_formula_csv(text) == "'" + text
    assert unescape_formula_csv("'" + text) == text


@pytest.mark.parametrize("text", ["", "Bản Mốc 4", "a=b", "27.000.000", "'quoted", "  Bản", "\nx"])
def test_ordinary_text_is_left_alone(text: str) -> None:
    assert escape_formula_csv(text) == text


def test_text_that_looks_escaped_is_escaped_again_so_it_reads_back_exactly() -> None:
    assert escape_formula_csv("'=x") == "''=x"
    assert unescape_formula_csv("''=x") == "'=x"
    assert escape_formula_csv("' ＝x") == "'' ＝x"
    assert unescape_formula_csv("'' ＝x") == "' ＝x"


#: Text made mostly of the characters the policy is about, so that the
#: properties meet the hard cases often (plain ``st.text()`` rarely would).
tricky_text = st.text(
    st.sampled_from(list("'=+-@＝＋－＠ \t\r\n\u00a0\u3000\u200b\ufeffxB")) | st.characters()
)


def _after_blanks(text: str) -> str:
    return text.lstrip("".join(sorted(LEADING_BLANKS)))


@given(st.text() | tricky_text)
def test_escaping_round_trips_and_never_leaves_a_formula(text: str) -> None:
    escaped = escape_formula_csv(text)
    assert unescape_formula_csv(escaped) == text
    assert not is_formula_like(escaped)
    assert escaped[:1] not in FORMULA_PREFIXES
    assert _after_blanks(escaped)[:1] not in PAYLOAD_CHARS


@given(tricky_text)
def test_only_formula_like_text_changes_and_then_by_one_apostrophe(text: str) -> None:
    escaped = escape_formula_csv(text)
    assert escaped in (text, "'" + text)
    if is_formula_like(text):
        assert escaped == "'" + text
    if escaped != text:
        assert text[:1] in CSV_ESCAPE_TRIGGERS  # the CSV exporter's quick check stays sound


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


def test_a_long_sheet_name_is_cut_at_a_word_and_rather_at_a_clause() -> None:
    taken: set[str] = set()
    topics = "Các chủ đề đã tuyên truyền, vận động"
    assert safe_sheet_name(topics, taken) == "Các chủ đề đã tuyên truyền"
    assert safe_sheet_name(topics, taken) == "Các chủ đề đã tuyên truyền (2)"
    assert (
        cut_at_word("Kết quả và xếp loại từng Tổ Dân vận cơ sở", 31)
        == "Kết quả và xếp loại từng Tổ Dân"
    )
    assert cut_at_word("A" * 40, 31) == "A" * 31  # one word longer than the limit
    assert (
        safe_sheet_name("Tổ 'Mốc 4' của bản Mốc 4, xã Nậm Tin", taken) == "Tổ 'Mốc 4' của bản Mốc 4"
    )


@given(st.text(st.sampled_from(list("ab ,:-'–")), max_size=60), st.integers(1, 40))
def test_a_cut_is_a_prefix_that_ends_where_a_word_does(text: str, limit: int) -> None:
    cut = cut_at_word(text, limit)
    assert text.startswith(cut)
    assert len(cut) <= limit
    if len(cut) < len(text) and cut != text[:limit]:
        assert text[len(cut)] in " ,;:.-–—'"


#: Tricky text that UTF-8 can encode (no lone surrogates).
writable_text = st.text(
    st.sampled_from(list("'=+-@＝＋－＠ \t\r\n\u00a0\u3000\u200b\ufeffxB"))
    | st.characters(blacklist_categories=("Cs",))
)


def _one_column_csv(texts: list[str]) -> list[str]:
    table = Table(
        "t",
        Label("Bảng", "Table"),
        (Column("text", Label("Nội dung", "Text")),),
        [(t,) for t in texts],
    )
    stream = io.BytesIO()
    export(Bundle((table,), BundleMetadata(Label("Thử", "Test"))), stream, "csv")
    rows = list(csv.reader(io.StringIO(stream.getvalue().decode("utf-8-sig"), newline="")))
    return [row[0] if row else "" for row in rows[1:]]


@settings(max_examples=50)
@given(st.lists(writable_text.filter(bool), min_size=1, max_size=5))
def test_the_csv_exporter_writes_no_cell_a_spreadsheet_would_evaluate(texts: list[str]) -> None:
    cells = _one_column_csv(texts)
    assert not any(is_formula_like(cell) for cell in cells)
    assert [unescape_formula_csv(cell) for cell in cells] == texts


def test_the_csv_importer_undoes_the_escape_of_a_payload_after_blanks(tmp_path: Path) -> None:
    titles = ["  =1+1", "\n+84 912", "＝SUM(A1)", "'=đã có / quoted"]
    cells = _one_column_csv(titles)
    assert cells == ["'" + t for t in titles]
    lines = ["id,team,village,date,type,title"]
    lines += [f'a{k},t1,v1,2022-03-15,m,"{cell}"' for k, cell in enumerate(cells)]
    path = tmp_path / "activities.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8-sig")
    read = read_dataset(path).dataset.activities
    # The importer puts spacing in normal form after undoing the escape.
    assert [a.title for a in read] == [normalize(" ".join(t.split())) for t in titles]


def test_the_white_space_written_out_is_every_character_python_calls_white_space() -> None:
    every = {c for c in map(chr, range(sys.maxunicode + 1)) if c.isspace()}
    assert set(WHITESPACE) == every
    assert len(WHITESPACE) == len(every)
