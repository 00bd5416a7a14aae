"""Tables and bundles: the only shapes an exporter ever sees.

The aggregation turns the domain into a ``Bundle`` of tables (``Table``); exporters,
built-in or third-party, read these and nothing else, so a plugin author needs
to know no part of the domain model.

Rows are tuples in column order. A table's rows are either an iterable or a
zero-argument callable that returns a fresh iterator; the callable form lets a
writer read a table twice (for instance a chart beside the data) without
keeping the rows in memory.
"""

from __future__ import annotations

import datetime as dt
import enum
import itertools
import operator
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from typing import Any

import attrs

from danvan._arrow import ArrowColumn, ArrowConversionError, arrow_table, require
from danvan._display import HEAD_ROWS, Preview, count
from danvan.labels import Label

#: Vietnam's time zone (Asia/Ho_Chi_Minh). Vietnam has had no daylight saving
#: since 1975, so a fixed +07:00 offset is exact and needs no tz database.
VIETNAM_TZ = dt.timezone(dt.timedelta(hours=7), "ICT")

Row = tuple[Any, ...]
RowSource = Iterable[Row] | Callable[[], Iterable[Row]]


class ColumnType(enum.Enum):
    """What a column holds; exporters choose formats and schema types from it."""

    STRING = "string"
    INTEGER = "integer"
    NUMBER = "number"
    #: Whole đồng, as ``int``.
    MONEY = "money"
    #: A fraction 0..1 (``0.25``), shown as ``25%``.
    PERCENT = "percent"
    DATE = "date"
    #: A ``datetime``; tz-aware values are shown in the bundle's time zone.
    DATETIME = "datetime"
    BOOLEAN = "boolean"


@attrs.frozen
class Column:
    """One column: a machine name, a bilingual header and a type.

    ``personal`` marks a column that holds personal data (a member's name,
    position …): ``danvan.redact`` leaves it out or pseudonymises it on request.
    ``identifier`` marks a machine code beside a name a person reads (a unit's
    code beside the commune's name): a printed workbook hides it; data formats
    (CSV, JSON) keep it like any other column. ``typed_by`` names another column
    of the table whose value in each row is that row's ``ColumnType`` value for
    this column, for numbers of mixed kinds (key figures: counts, money and a
    ratio): a workbook formats each cell by it; data formats keep ``type``.
    """

    name: str
    label: Label
    type: ColumnType = ColumnType.STRING
    description: Label | None = None
    personal: bool = False
    identifier: bool = False
    typed_by: str | None = None


def _unique_names(kind: str) -> Callable[[Any, attrs.Attribute[Any], Sequence[Any]], None]:
    def check(_instance: Any, _attribute: attrs.Attribute[Any], items: Sequence[Any]) -> None:
        seen: set[str] = set()
        for item in items:
            if item.name in seen:
                raise ValueError(f"Tên {kind} bị trùng / duplicate {kind} name: {item.name!r}")
            seen.add(item.name)

    return check


def _as_tuple(items: Iterable[Any]) -> tuple[Any, ...]:
    return tuple(items)


def _non_empty(_instance: Any, attribute: attrs.Attribute[Any], value: str) -> None:
    if not value:
        raise ValueError(f"{attribute.name} must not be empty")


@attrs.frozen
class ChartHint:
    """Which columns of a table make a good chart (e.g. activities per month).

    Spreadsheet exporters may draw it natively; others may ignore it.
    """

    category: str
    values: tuple[str, ...] = attrs.field(converter=_as_tuple)
    title: Label | None = None
    kind: str = "column"


@attrs.frozen(repr=False)
class Table:
    """A titled table with typed columns and rows read lazily.

    It speaks Arrow (``to_arrow``, ``__arrow_c_stream__``): ``polars.DataFrame(table)``,
    ``duckdb.sql("select * from table")`` and ``pyarrow.table(table)`` take it as it is.
    pyarrow is the optional extra ``danvan[arrow]``.
    """

    name: str = attrs.field(validator=_non_empty)
    title: Label
    columns: tuple[Column, ...] = attrs.field(
        converter=_as_tuple, validator=_unique_names("column")
    )
    rows: RowSource = attrs.field(default=(), eq=False)
    description: Label | None = None
    chart: ChartHint | None = None

    def __attrs_post_init__(self) -> None:
        if self.chart is not None:
            names = {column.name for column in self.columns}
            missing = [n for n in (self.chart.category, *self.chart.values) if n not in names]
            if missing:
                raise ValueError(f"chart of table {self.name!r} names unknown columns: {missing}")

    def iter_rows(self) -> Iterator[Row]:
        """A fresh iterator over the rows (once only, if ``rows`` is a one-shot iterator)."""
        source = self.rows
        if callable(source):
            return iter(source())
        return iter(source)

    @property
    def rereadable(self) -> bool:
        """Whether ``iter_rows`` can be called more than once with the same result."""
        return callable(self.rows) or isinstance(self.rows, Sequence)

    def column(self, name: str) -> Column:
        """The column called ``name``; KeyError lists the known ones."""
        for column in self.columns:
            if column.name == name:
                return column
        known = ", ".join(c.name for c in self.columns)
        raise KeyError(
            f"Không có cột / no column {name!r} in table {self.name!r} (có / has: {known})"
        )

    # Arrow ------------------------------------------------------------------------------

    def to_arrow(self, *, timezone: dt.tzinfo = VIETNAM_TZ) -> Any:
        """The table as a ``pyarrow.Table``, column by column (the map: ``danvan._arrow``).

        Money is int64 đồng, dates date32, datetimes timestamps in ``timezone`` (naive
        ones are taken to be in it), percentages float64 fractions; a text column
        ``month`` becomes a date key (the first day) beside its label (``month_label``).
        Each field's metadata holds the bilingual header. Reads the rows once.
        """
        source = self.rows
        rows = source if isinstance(source, Sequence) else list(self.iter_rows())
        width = len(self.columns)
        if set(map(len, rows)) - {width}:
            at = next(n for n, row in enumerate(rows, start=1) if len(row) != width)
            raise ArrowConversionError(
                f"table {self.name!r}, row {at}: {len(rows[at - 1])} values, expected {width}"
            )
        # Column by column with itemgetter: no tuple made per row (zip(*rows) makes one).
        data = [list(map(operator.itemgetter(i), rows)) for i in range(width)]
        columns = [ArrowColumn(c.name, c.type.value, c.label, c.description) for c in self.columns]
        return arrow_table(self.name, self.title, columns, data, zone=timezone)

    def __arrow_c_stream__(self, requested_schema: Any = None) -> Any:
        """The Arrow C stream (PyCapsule interface) of ``to_arrow()``, for polars, DuckDB …"""
        return self.to_arrow().__arrow_c_stream__(requested_schema)

    def to_pandas(self) -> Any:
        """The table as a ``pandas.DataFrame`` (through Arrow; needs pandas and pyarrow)."""
        require("pandas", "pip install pandas 'danvan[arrow]'")
        return self.to_arrow().to_pandas()

    def to_polars(self) -> Any:
        """The table as a ``polars.DataFrame`` (through Arrow; needs polars and pyarrow)."""
        polars = require("polars", "pip install polars 'danvan[arrow]'")
        return polars.from_arrow(self.to_arrow())

    # Display ----------------------------------------------------------------------------

    def _preview(self) -> Preview:
        facts = [count(len(self.columns), "columns")]
        source = self.rows
        head: list[Row] = []
        more = ""
        if isinstance(source, Sequence):
            facts.append(count(len(source), "rows"))
            head = list(source[:HEAD_ROWS])
            if len(source) > HEAD_ROWS:
                more = f"… {len(source) - HEAD_ROWS:,} more rows"
        elif callable(source):
            facts.append("rows read when written")
            head = list(itertools.islice(self.iter_rows(), HEAD_ROWS))
        else:
            facts.append("rows read once, when written")
        title = f"Table {self.name!r} ({self.title.get('vi')})"
        return Preview(title, facts, [c.name for c in self.columns], head, more)

    def __repr__(self) -> str:
        """Short whatever the number of rows: counts and the first rows (``danvan._display``)."""
        return self._preview().text()

    def _repr_html_(self) -> str:
        return self._preview().html()


def _as_dict(
    items: Mapping[str, str | int | float | bool | None],
) -> dict[str, str | int | float | bool | None]:
    return dict(items)


def _now_in_vietnam() -> dt.datetime:
    return dt.datetime.now(VIETNAM_TZ)


def _aware(_instance: Any, _attribute: attrs.Attribute[Any], value: dt.datetime) -> None:
    if value.tzinfo is None or value.utcoffset() is None:
        raise ValueError("generated_at must be timezone-aware")


@attrs.frozen
class BundleMetadata:
    """What a bundle is about: its title, period, calendar, source and when it was made."""

    title: Label
    period_key: str | None = None
    period_label: Label | None = None
    calendar: Label | None = None
    source: str | None = None
    generated_at: dt.datetime = attrs.field(factory=_now_in_vietnam, validator=_aware)
    #: The zone in which datetimes are shown where a format has no time zones (Excel).
    timezone: dt.tzinfo = VIETNAM_TZ
    extra: Mapping[str, str | int | float | bool | None] = attrs.field(
        factory=dict, converter=_as_dict, eq=False
    )


@attrs.frozen
class Bundle:
    """Ordered tables plus their metadata: one report, ready to export."""

    tables: tuple[Table, ...] = attrs.field(converter=_as_tuple, validator=_unique_names("table"))
    metadata: BundleMetadata

    def table(self, name: str) -> Table:
        """The table called ``name``; KeyError lists the known ones."""
        for table in self.tables:
            if table.name == name:
                return table
        known = ", ".join(t.name for t in self.tables)
        raise KeyError(f"Không có bảng / no table {name!r} (có / has: {known})")
