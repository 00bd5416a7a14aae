"""Tables speak Arrow: the map from column types, the C stream that polars, DuckDB and pandas
take without glue, and the clear error when the optional library is missing."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys

import duckdb
import pandas as pd
import polars as pl
import pyarrow as pa
import pytest
from hypothesis import given
from hypothesis import strategies as st

import danvan
from danvan._arrow import ARROW_TYPES, ArrowConversionError, MissingExtraError, month_start
from danvan.labels import Label
from danvan.periods import Period
from danvan.tables import VIETNAM_TZ, Column, ColumnType, Table

T = ColumnType
COLUMNS = (
    Column("village", Label("Bản", "Village")),
    Column("people", Label("Lượt người", "People reached"), T.INTEGER),
    Column("area", Label("Diện tích (ha)", "Area (ha)"), T.NUMBER),
    Column("funds", Label("Kinh phí", "Funds"), T.MONEY, Label("đồng", "đồng")),
    Column("share", Label("Tỷ lệ", "Share"), T.PERCENT),
    Column("held_on", Label("Ngày", "Date"), T.DATE),
    Column("at", Label("Lúc", "At"), T.DATETIME),
    Column("held", Label("Đã họp", "Held"), T.BOOLEAN),
)
ROWS = [
    (
        "Bản Mốc 4",
        120,
        1.5,
        27_000_000,
        0.875,
        dt.date(2022, 3, 15),
        dt.datetime(2022, 3, 15, 8),
        True,
    ),
    ("Bản Nà Sự", None, None, None, None, None, None, None),
]


def _table(rows: object = ROWS) -> Table:
    return Table("activities", Label("Hoạt động", "Activities"), COLUMNS, rows)


def test_each_column_type_has_its_documented_arrow_type() -> None:
    assert set(ARROW_TYPES) == {t.value for t in ColumnType}
    schema = _table().to_arrow().schema
    assert [str(t) for t in schema.types] == [
        "string",
        "int64",
        "double",
        "int64",
        "double",
        "date32[day]",
        "timestamp[us, tz=+07:00]",
        "bool",
    ]


def test_cells_come_back_from_arrow_and_naive_times_are_vietnam_time() -> None:
    back = _table().to_arrow().to_pylist()
    assert back[0]["funds"] == 27_000_000
    assert back[0]["held_on"] == dt.date(2022, 3, 15)
    assert back[0]["at"] == dt.datetime(2022, 3, 15, 8, tzinfo=VIETNAM_TZ)
    assert back[1] == dict.fromkeys(back[1], None) | {"village": "Bản Nà Sự"}


def test_fields_carry_the_bilingual_header_and_the_schema_the_title() -> None:
    arrow = _table().to_arrow()
    funds = arrow.schema.field("funds").metadata
    assert funds[b"label_vi"].decode() == "Kinh phí"
    assert funds[b"label_en"] == b"Funds"
    assert funds[b"danvan_type"] == b"money"
    assert funds[b"description_vi"].decode() == "đồng"
    assert arrow.schema.metadata[b"title_vi"].decode() == "Hoạt động"


def test_a_summary_month_is_a_date_key_beside_its_label() -> None:
    summary = danvan.summarize(danvan.sample(), "2022", per=("month",))
    for lang, label in (("vi", "Tháng 3/2022"), ("en", "March 2022")):
        arrow = summary.to_table(lang=lang).to_arrow()
        assert arrow.schema.field("month").type == pa.date32()
        months = arrow.select(["month", "month_label"]).to_pylist()
        assert {"month": dt.date(2022, 3, 1), "month_label": label} in months


def test_month_start_reads_keys_and_labels_and_nothing_else() -> None:
    assert month_start("2022-03") == dt.date(2022, 3, 1)
    assert month_start("Tháng 12/2022") == dt.date(2022, 12, 1)
    assert month_start("February 2023") == dt.date(2023, 2, 1)
    for text in ("2022", "2022-Q1", "Tháng 13/2022", "Febuary 2023", ""):
        assert month_start(text) is None


def test_polars_duckdb_and_pandas_take_a_table_without_glue() -> None:
    activities = _table()
    assert pl.DataFrame(activities)["funds"].to_list() == [27_000_000, None]
    assert pl.from_arrow(activities.to_arrow()).height == 2
    assert duckdb.sql("select sum(funds), count(*) from activities").fetchall() == [(27_000_000, 2)]
    assert pa.table(activities).num_rows == 2
    assert activities.to_pandas()["people"].tolist()[0] == 120
    assert activities.to_polars()["village"].to_list() == ["Bản Mốc 4", "Bản Nà Sự"]
    assert isinstance(activities.to_pandas(), pd.DataFrame)


def test_a_cell_that_does_not_fit_its_type_names_table_column_and_row() -> None:
    bad = [*ROWS, ("Bản Van Hồ", "nhiều", None, None, None, None, None, None)]
    with pytest.raises(ArrowConversionError, match=r"'people', dòng / row 3: 'nhiều'"):
        _table(bad).to_arrow()
    with pytest.raises(ArrowConversionError, match="row 2: 1 values, expected 8"):
        _table([ROWS[0], ("Bản Van Hồ",)]).to_arrow()


def test_without_pyarrow_the_error_names_the_extra(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "pyarrow", None)
    with pytest.raises(MissingExtraError, match=r"pip install 'danvan\[arrow\]'") as caught:
        _table().to_arrow()
    assert isinstance(caught.value, danvan.DanvanError)
    monkeypatch.setitem(sys.modules, "polars", None)
    with pytest.raises(MissingExtraError, match="pip install polars"):
        _table().to_polars()


def test_importing_danvan_registering_formats_and_summarising_do_not_import_pyarrow() -> None:
    probe = (
        "import sys, danvan\n"
        "from danvan.plugins import available_exporters, available_importers\n"
        "available_exporters(), available_importers()  # the Parquet formats registered\n"
        "danvan.summarize(danvan.sample(), '2022').to_table()\n"
        "print(sorted(m for m in ('pyarrow', 'polars', 'pandas', 'duckdb') if m in sys.modules))"
    )
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"


# A property: whatever the cells, Arrow gives each one back. -----------------------------

_MONTHS = st.builds(Period.of_month, st.integers(1990, 2100), st.integers(1, 12))
_CELLS = {
    T.STRING: st.text(max_size=20),
    T.INTEGER: st.integers(-(2**63), 2**63 - 1),
    T.NUMBER: st.floats(allow_nan=False),
    T.MONEY: st.integers(-(10**15), 10**15),
    T.PERCENT: st.floats(0, 1),
    T.DATE: st.dates(),
    # Arrow keeps instants in UTC: a time within hours of year 1 or 9999 has no Python UTC form.
    T.DATETIME: st.datetimes(dt.datetime(1900, 1, 1), timezones=st.just(VIETNAM_TZ)),
    T.BOOLEAN: st.booleans(),
}


@st.composite
def _tables(draw: st.DrawFn) -> tuple[Table, list[tuple[object, ...]]]:
    kinds = draw(st.lists(st.sampled_from(list(ColumnType)), min_size=1, max_size=6))
    columns = [Column(f"c{i}", Label(f"Cột {i}", f"Column {i}"), k) for i, k in enumerate(kinds)]
    columns.append(Column("month", Label("Tháng", "Month")))
    cells = [st.none() | _CELLS[k] for k in kinds]
    month = st.none() | st.tuples(_MONTHS, st.sampled_from(["vi", "en"])).map(
        lambda drawn: drawn[0].label(drawn[1])
    )
    rows = draw(st.lists(st.tuples(*cells, month), max_size=8))
    return Table("t", Label("Bảng", "Table"), columns, rows), rows


@given(_tables())
def test_to_arrow_gives_back_every_cell(drawn: tuple[Table, list[tuple[object, ...]]]) -> None:
    table, rows = drawn
    back = table.to_arrow().to_pylist()
    assert len(back) == len(rows)
    for row, got in zip(rows, back, strict=True):
        *cells, label = row
        assert [got[f"c{i}"] for i in range(len(cells))] == cells
        assert got["month_label"] == label
        assert got["month"] == (None if label is None else month_start(label))
        if label is not None:
            assert got["month"].day == 1
