"""Tables as Arrow: the map from each column type to an Arrow type, built column by column.

Why a module of its own, below the tables: ``Table.to_arrow`` (``danvan.tables``) hands
its columns here as plain data (name, the ``ColumnType`` value, labels), so this module
needs nothing above the values floor. pyarrow is an optional extra (``danvan[arrow]``),
imported only when a table is first turned into Arrow: ``import danvan`` never loads it.

The map (``ARROW_TYPES``), by ``ColumnType`` value:

=========== ======================================= =====================================
type        Arrow type                              cells
=========== ======================================= =====================================
string      ``string``                              text, as written
integer     ``int64``                               counts
number      ``float64``                             measures with decimals
money       ``int64``                               whole đồng
percent     ``float64``                             a fraction 0..1 (``0.25`` is 25 %)
date        ``date32``                              days
datetime    ``timestamp[us, tz=<the zone>]``        naive values are taken in the zone
boolean     ``bool``                                yes / no
=========== ======================================= =====================================

A text column called ``month`` (the month of a summary, ``summarize(per=("month",))``)
holds a month's label ("Tháng 3/2022", "March 2022") or key ("2022-03"); it becomes two
Arrow columns: ``month``, a ``date32`` key (the month's first day, null when the text is
no month), and ``month_label``, the text as it was. Every field's metadata carries the
bilingual header (``label_vi``, ``label_en``, ``description_vi``, ``description_en``)
and ``danvan_type``, the column type; the schema's carries the table's name and title.
"""

from __future__ import annotations

import datetime as dt
import importlib
import re
from collections.abc import Sequence
from types import ModuleType
from typing import Any, Final

import attrs

from danvan.errors import DanvanError
from danvan.labels import Label
from danvan.periods import Period, PeriodKind, PeriodParseError, parse_period

#: The Arrow type of each column type (by ``ColumnType`` value), as Arrow writes it.
ARROW_TYPES: Final[dict[str, str]] = {
    "string": "string",
    "integer": "int64",
    "number": "double",
    "money": "int64",
    "percent": "double",
    "date": "date32[day]",
    "datetime": "timestamp[us, tz=<zone>]",
    "boolean": "bool",
}
#: The name of a text column read as a month (a date key beside its label).
MONTH_COLUMN: Final = "month"
#: The suffix of the month's label column beside its key.
MONTH_LABEL_SUFFIX: Final = "_label"
INSTALL_ARROW: Final = "pip install 'danvan[arrow]'"


class MissingExtraError(DanvanError, ImportError):
    """An optional library is not installed; the message says what to install (vi / en)."""

    def __init__(self, package: str, install: str) -> None:
        self.package = package
        self.install = install
        super().__init__(
            f"Cần cài thư viện {package} / this needs the {package} library: {install}"
        )


class ArrowConversionError(DanvanError, ValueError):
    """A cell that does not fit its column's Arrow type; the message names table, column, row."""


def require(module: str, install: str = INSTALL_ARROW) -> ModuleType:
    """Import an optional library; when it is missing, a MissingExtraError saying ``install``."""
    try:
        return importlib.import_module(module)
    except ModuleNotFoundError as error:
        if (error.name or "").split(".")[0] != module.split(".")[0]:
            raise
        raise MissingExtraError(module.split(".")[0], install) from None


@attrs.frozen
class ArrowColumn:
    """What the Arrow map needs of a column: its name, type (a ColumnType value) and headers."""

    name: str
    kind: str
    label: Label
    description: Label | None = None


def zone_name(zone: dt.tzinfo) -> str:
    """The name Arrow gives ``zone``: an IANA key when it has one, else its fixed offset."""
    key = getattr(zone, "key", None)
    if isinstance(key, str):
        return key
    offset = zone.utcoffset(None)
    if offset is None:
        raise ArrowConversionError(f"time zone {zone!r} has no fixed offset and no IANA key")
    minutes = int(offset.total_seconds()) // 60
    sign = "-" if minutes < 0 else "+"
    return f"{sign}{abs(minutes) // 60:02d}:{abs(minutes) % 60:02d}"


_VI_MONTH: Final = re.compile(r"Tháng (\d{1,2})/(\d{4})")
_EN_MONTH: Final = re.compile(r"[A-Z][a-z]+ (\d{4})")


def month_start(text: str) -> dt.date | None:
    """The first day of the month ``text`` names (a key "2022-03" or a label), else None.

    A label is recognised only if it is exactly what ``Period.label`` writes for that
    month, in Vietnamese or English, so there is one road to a month's words.
    """
    try:
        period = parse_period(text)
    except PeriodParseError:
        period = None
    if period is not None:
        return period.calendar_days().start if period.kind is PeriodKind.MONTH else None
    candidates: list[Period] = []
    try:
        if found := _VI_MONTH.fullmatch(text):
            month, year = int(found[1]), int(found[2])
            if 1 <= month <= 12:
                candidates.append(Period.of_month(year, month))
        elif found := _EN_MONTH.fullmatch(text):
            year = int(found[1])
            candidates.extend(Period.of_month(year, m) for m in range(1, 13))
    except ValueError:  # a year no period has (PeriodParseError is a ValueError)
        return None
    for month_period in candidates:
        if text in (month_period.label("vi"), month_period.label("en")):
            return month_period.calendar_days().start
    return None


def _field_metadata(column: ArrowColumn) -> dict[bytes, bytes]:
    meta = {"label_vi": column.label.vi, "label_en": column.label.en, "danvan_type": column.kind}
    if column.description is not None:
        meta["description_vi"] = column.description.vi
        meta["description_en"] = column.description.en
    return {k.encode(): v.encode() for k, v in meta.items()}


def _arrow_type(pa: ModuleType, kind: str, zone: dt.tzinfo) -> Any:
    types = {
        "string": pa.string(),
        "integer": pa.int64(),
        "number": pa.float64(),
        "money": pa.int64(),
        "percent": pa.float64(),
        "date": pa.date32(),
        "boolean": pa.bool_(),
    }
    if kind == "datetime":
        return pa.timestamp("us", tz=zone_name(zone))
    return types[kind]


def _in_zone(values: Sequence[Any], zone: dt.tzinfo) -> list[Any]:
    return [
        v.replace(tzinfo=zone) if isinstance(v, dt.datetime) and v.tzinfo is None else v
        for v in values
    ]


def _month_keys(pa: ModuleType, labels: Any) -> Any:
    """The first day of each label's month (``month_start``), worked out once per distinct label."""
    encoded = labels.dictionary_encode()
    starts = [
        month_start(v) if isinstance(v, str) else None for v in encoded.dictionary.to_pylist()
    ]
    return pa.array(starts, type=pa.date32()).take(encoded.indices)


def _first_misfit(pa: ModuleType, values: Sequence[Any], arrow_type: Any) -> int:
    for number, value in enumerate(values, start=1):
        try:
            pa.array([value], type=arrow_type)
        except (pa.ArrowInvalid, pa.ArrowTypeError, OverflowError, TypeError):
            return number
    return 0


def _array(
    pa: ModuleType, table: str, column: ArrowColumn, values: Sequence[Any], arrow_type: Any
) -> Any:
    try:
        return pa.array(values, type=arrow_type)
    except (pa.ArrowInvalid, pa.ArrowTypeError, OverflowError, TypeError) as error:
        row = _first_misfit(pa, values, arrow_type)
        value = values[row - 1] if row else None
        raise ArrowConversionError(
            f"Bảng / table {table!r}, cột / column {column.name!r}, dòng / row {row}: "
            f"{value!r:.80} không hợp kiểu / does not fit {column.kind} ({arrow_type}): {error}"
        ) from None


def arrow_table(
    name: str,
    title: Label,
    columns: Sequence[ArrowColumn],
    data: Sequence[Sequence[Any]],
    *,
    zone: dt.tzinfo,
) -> Any:
    """A ``pyarrow.Table`` of ``data`` (one sequence of cells per column), by the map above."""
    pa = require("pyarrow")
    fields: list[Any] = []
    arrays: list[Any] = []
    for column, values in zip(columns, data, strict=True):
        metadata = _field_metadata(column)
        if column.kind == "datetime":
            values = _in_zone(values, zone)
        if column.kind == "string" and column.name == MONTH_COLUMN:
            labels = _array(pa, name, column, values, pa.string())
            fields.append(pa.field(column.name, pa.date32(), metadata=metadata))
            arrays.append(_month_keys(pa, labels))
            label = column.name + MONTH_LABEL_SUFFIX
            fields.append(pa.field(label, pa.string(), metadata=metadata))
            arrays.append(labels)
            continue
        arrow_type = _arrow_type(pa, column.kind, zone)
        fields.append(pa.field(column.name, arrow_type, metadata=metadata))
        arrays.append(_array(pa, name, column, values, arrow_type))
    schema = pa.schema(
        fields,
        metadata={
            b"name": name.encode(),
            b"title_vi": title.vi.encode(),
            b"title_en": title.en.encode(),
        },
    )
    return pa.Table.from_arrays(arrays, schema=schema)
