"""ColumnarRows: a sheet's rows held column by column, still read as rows."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from danvan.importers.base import ColumnarRows, RawSheet
from danvan.importers.tabular import read_sheet

cells = st.one_of(st.none(), st.text(max_size=3), st.integers(-5, 5))
ragged_rows = st.lists(st.lists(cells, max_size=5), max_size=30)


def padded(rows: list[list[Any]], head: int) -> list[tuple[Any, ...]]:
    """What ColumnarRows promises: head rows as given, the others padded to the widest."""
    width = max((len(r) for r in rows[head:]), default=0)
    return [tuple(r) for r in rows[:head]] + [
        tuple(r) + (None,) * (width - len(r)) for r in rows[head:]
    ]


@given(ragged_rows, st.integers(0, 3), st.integers(1, 7))
def test_rows_come_back_as_they_went_in(rows: list[list[Any]], head: int, chunk: int) -> None:
    table = ColumnarRows.from_rows(rows, head=head, chunk=chunk)
    assert len(table) == len(rows)
    assert list(table) == padded(rows, head)
    assert [table[k] for k in range(len(rows))] == padded(rows, head)


@given(ragged_rows, st.integers(0, 3), st.integers(0, 32))
def test_columns_from_any_row_are_the_rows_turned_round(
    rows: list[list[Any]], head: int, start: int
) -> None:
    table = ColumnarRows.from_rows(rows, head=head, chunk=4)
    columns = table.columns_from(start)
    count = max(0, len(rows) - start)
    assert all(len(column) == count for column in columns)
    width = len(columns)
    expected = padded(rows, head)[start:]
    assert width >= max(map(len, expected), default=0)
    turned = [tuple(column[k] for column in columns) for k in range(count)]
    assert turned == [row + (None,) * (width - len(row)) for row in expected]
    assert len(table[start:]) == count


def test_past_the_head_the_columns_are_handed_over_without_a_copy() -> None:
    table = ColumnarRows.from_rows([["Mã", "Tên"], ["u1", "Nậm Pồ"], ["u2", "Nà Hỳ"]])
    assert table.columns_from(1)[0] is table.columns[0]
    assert table[-1] == ("u2", "Nà Hỳ")
    with pytest.raises(IndexError):
        table[3]


def test_columns_of_unequal_length_are_refused() -> None:
    with pytest.raises(ValueError, match="one cell per row"):
        ColumnarRows([], [["a", "b"], ["c"]])


def test_a_sheet_read_from_columns_reads_like_one_read_from_rows() -> None:
    rows = [
        ["Danh sách đơn vị"],
        [],
        ["Mã", "Tên đơn vị", "Cấp", "Mã đơn vị cấp trên", "Ghi chú riêng"],
        ["nam-po", "Nậm Pồ", "huyện", "", ""],
        ["", "", "", "", ""],
        ["na-hy", "Nà  Hỳ", "xã", "nam-po", 3],
        ["na-khoa", "Nà Khoa", "phường lớn", "nam-po"],
    ]
    by_rows: list[Any] = []
    by_columns: list[Any] = []
    plain = read_sheet(RawSheet("Đơn vị", "units", rows), "a.xlsx", by_rows)
    columnar = ColumnarRows.from_rows(rows, chunk=2)
    turned = read_sheet(RawSheet("Đơn vị", "units", columnar), "a.xlsx", by_columns)
    assert plain is not None
    assert turned is not None
    assert {k: list(v) for k, v in turned.columns.items()} == {
        k: list(v) for k, v in plain.columns.items()
    }
    assert turned.provenance == plain.provenance
    assert [f.code for f in by_columns] == [f.code for f in by_rows]
    assert [p.row for p in turned.provenance] == [4, 6]  # row 7: no level it can read
    assert {f.code for f in by_columns} >= {"DV604", "DV503", "DV610"}
