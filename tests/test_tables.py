"""Tables and bundles: the plain data every exporter reads."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import pytest

from danvan.labels import Label
from danvan.tables import (
    VIETNAM_TZ,
    Bundle,
    BundleMetadata,
    ChartHint,
    Column,
    ColumnType,
    Table,
)

COLUMNS = (
    Column("village", Label("Bản", "Village")),
    Column("people", Label("Lượt người", "People reached"), ColumnType.INTEGER),
)


def test_rows_from_a_callable_can_be_read_twice() -> None:
    def rows() -> Iterator[tuple[str, int]]:
        yield ("Bản Mốc 4", 120)
        yield ("Bản Nà Sự", 45)

    table = Table("people", Label("Người", "People"), COLUMNS, rows)
    assert table.rereadable
    assert (
        list(table.iter_rows())
        == list(table.iter_rows())
        == [
            ("Bản Mốc 4", 120),
            ("Bản Nà Sự", 45),
        ]
    )


def test_rows_from_a_generator_are_read_once() -> None:
    table = Table("people", Label("Người"), COLUMNS, (r for r in [("Bản Mốc 4", 1)]))
    assert not table.rereadable
    assert list(table.iter_rows()) == [("Bản Mốc 4", 1)]
    assert list(table.iter_rows()) == []


def test_duplicate_column_names_are_refused() -> None:
    with pytest.raises(ValueError, match="duplicate column name: 'village'"):
        Table("t", Label("T"), (COLUMNS[0], COLUMNS[0]))


def test_a_chart_must_name_existing_columns() -> None:
    with pytest.raises(ValueError, match="unknown columns"):
        Table("t", Label("T"), COLUMNS, chart=ChartHint("month", ("people",)))


def test_bundle_finds_tables_by_name_and_lists_the_known_ones() -> None:
    meta = BundleMetadata(Label("Báo cáo", "Report"))
    bundle = Bundle([Table("a", Label("A"), COLUMNS), Table("b", Label("B"), COLUMNS)], meta)
    assert bundle.table("b").title == Label("B")
    with pytest.raises(KeyError, match=r"no table 'c' \(có / has: a, b\)"):
        bundle.table("c")
    assert bundle.table("a").column("people").type is ColumnType.INTEGER
    with pytest.raises(KeyError, match="no column 'x'"):
        bundle.table("a").column("x")


def test_metadata_is_dated_in_vietnam_time_and_must_be_aware() -> None:
    meta = BundleMetadata(Label("Báo cáo"))
    assert meta.generated_at.utcoffset() == dt.timedelta(hours=7)
    assert meta.timezone is VIETNAM_TZ
    with pytest.raises(ValueError, match="timezone-aware"):
        BundleMetadata(Label("Báo cáo"), generated_at=dt.datetime(2023, 2, 13))
