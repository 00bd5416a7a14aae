"""Property tests: whatever rows go in, CSV, JSON and XLSX give the same rows back."""

from __future__ import annotations

import datetime as dt
import tempfile
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from danvan.exporting import export_with
from danvan.labels import Label
from danvan.plugins import available_exporters
from danvan.tables import VIETNAM_TZ, Bundle, BundleMetadata, Column, ColumnType, Table
from danvan.testing import compare_tables
from danvan.testing.readers import READERS

COLUMNS = (
    Column("text", Label("Nội dung", "Text")),
    Column("count", Label("Số lượng", "Count"), ColumnType.INTEGER),
    Column("funds", Label("Kinh phí", "Funds"), ColumnType.MONEY),
    Column("share", Label("Tỷ lệ", "Share"), ColumnType.PERCENT),
    Column("day", Label("Ngày", "Day"), ColumnType.DATE),
    Column("at", Label("Lúc", "At"), ColumnType.DATETIME),
    Column("held", Label("Đã họp", "Held"), ColumnType.BOOLEAN),
)

# Excel drops control characters other than tab, newline and carriage return,
# and XML cannot hold surrogates; real reports hold neither.
texts = st.text(
    st.characters(
        blacklist_categories=("Cs",),
        blacklist_characters=[chr(c) for c in range(32) if chr(c) not in "\t\n\r"],
    ),
    max_size=40,
)
rows = st.tuples(
    st.none() | texts.filter(bool),
    st.none() | st.integers(-(10**15) + 1, 10**15 - 1),
    st.none() | st.integers(0, 10**12),
    st.none() | st.floats(0, 1),
    st.none() | st.dates(dt.date(1900, 3, 1), dt.date(9999, 12, 31)),
    st.none()
    | st.datetimes(dt.datetime(1970, 1, 2), dt.datetime(9999, 12, 30)).map(
        lambda d: d.replace(microsecond=0, tzinfo=VIETNAM_TZ)
    ),
    st.none() | st.booleans(),
)


def _round_trip(format: str, table_rows: list[tuple[object, ...]]) -> None:
    table = Table("t", Label("Bảng thử", "Test table"), COLUMNS, table_rows)
    bundle = Bundle([table], BundleMetadata(Label("Thử", "Test")))
    with tempfile.TemporaryDirectory() as folder:
        exporter = available_exporters()[format]
        path = Path(folder) / f"out{exporter.suffixes[0]}"
        export_with(exporter, bundle, path)
        compare_tables(table, READERS[format](path, bundle)["t"], VIETNAM_TZ)


@given(st.lists(rows, max_size=8))
def test_csv_gives_back_what_it_was_given(table_rows: list[tuple[object, ...]]) -> None:
    _round_trip("csv", table_rows)


@given(st.lists(rows, max_size=8))
def test_json_gives_back_what_it_was_given(table_rows: list[tuple[object, ...]]) -> None:
    _round_trip("json", table_rows)


@settings(max_examples=25, deadline=None)
@given(st.lists(rows, min_size=1, max_size=5))
def test_xlsx_gives_back_what_it_was_given(table_rows: list[tuple[object, ...]]) -> None:
    _round_trip("xlsx", table_rows)
