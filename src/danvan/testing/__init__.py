"""A conformance kit that any exporter, built-in or third-party, can run against itself.

In a plugin's tests::

    from danvan.testing import check_exporter

    def test_my_exporter_conforms(tmp_path):
        check_exporter(MY_EXPORTER, tmp_path)

``check_exporter`` writes every reference bundle (``reference_bundles()``)
to a stream and to a path, checks that a failing export leaves no partial file
and does not harm an existing one, and, given a ``reader`` (or for a built-in
format), reads the output back and compares it with what was written.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import io
import math
import warnings
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

import attrs

from danvan.excel import MAX_CELL_CHARS, TRUNCATION_MARKER, ExcelLimitWarning
from danvan.exporters.base import Exporter
from danvan.exporting import export_with
from danvan.tables import Bundle, Row, Table
from danvan.testing.bundles import FORMULA_LIKE, GENERATED_AT, reference_bundles
from danvan.testing.readers import READERS, Reader


class ConformanceError(AssertionError):
    """An exporter does not meet danvan's exporter contract; the message says where."""


class _Boom(RuntimeError):
    """Raised by the failing bundle halfway through its rows."""


def failing_bundle(template: Bundle) -> Bundle:
    """``template`` whose first table raises after one row, to test atomic writes."""
    first = template.tables[0]

    def rows() -> Iterator[Row]:
        yield from list(first.iter_rows())[:1]
        raise _Boom("lỗi giữa chừng / failure halfway")

    broken = attrs.evolve(first, rows=rows)
    return attrs.evolve(template, tables=(broken, *template.tables[1:]))


def _same(expected: Any, actual: Any, zone: dt.tzinfo) -> bool:
    if expected == "":
        expected = None
    if actual == "":
        actual = None
    if isinstance(expected, dt.datetime) and isinstance(actual, dt.datetime):
        if (expected.tzinfo is None) != (actual.tzinfo is None):
            expected = (
                expected.astimezone(zone).replace(tzinfo=None) if expected.tzinfo else expected
            )
            actual = actual.astimezone(zone).replace(tzinfo=None) if actual.tzinfo else actual
        return bool(expected == actual)
    if isinstance(expected, float) and isinstance(actual, float | int):
        return math.isclose(expected, actual, rel_tol=1e-12, abs_tol=0.0)
    return bool(expected == actual)


def _fits_or_cut(expected: Any, actual: Any) -> bool:
    if not isinstance(expected, str) or not isinstance(actual, str):
        return False
    cut = actual.endswith(TRUNCATION_MARKER) and len(actual) <= MAX_CELL_CHARS
    return cut and expected.startswith(actual[: -len(TRUNCATION_MARKER)])


def compare_tables(table: Table, actual: list[Row], zone: dt.tzinfo) -> None:
    """Raise ConformanceError unless ``actual`` holds ``table``'s rows, value for value.

    Text cut to a spreadsheet's cell limit (ending with the marker) counts as equal.
    """
    expected = list(table.iter_rows())
    if len(expected) != len(actual):
        raise ConformanceError(
            f"table {table.name!r}: wrote {len(expected)} rows, read back {len(actual)}"
        )
    for number, (want, got) in enumerate(zip(expected, actual, strict=True), start=1):
        for column, a, b in zip(table.columns, want, got, strict=False):
            if not (_same(a, b, zone) or _fits_or_cut(a, b)):
                raise ConformanceError(
                    f"table {table.name!r}, row {number}, column {column.name!r}: "
                    f"wrote {a!r:.80}, read back {b!r:.80}"
                )


def _target(tmp_path: Path, exporter: Exporter, stem: str) -> Path:
    suffix = exporter.suffixes[0] if exporter.suffixes else ".out"
    return tmp_path / f"{stem}{suffix}"


def _leftovers(folder: Path, keep: set[str]) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name not in keep)


def check_atomic(exporter: Exporter, tmp_path: Path, bundle: Bundle) -> None:
    """A failing export leaves no new file, no temporary file, and an old file untouched."""
    folder = tmp_path / f"atomic-{exporter.name}"
    folder.mkdir()
    broken = failing_bundle(bundle)
    fresh = _target(folder, exporter, "fresh")
    try:
        export_with(exporter, broken, fresh)
    except _Boom:
        pass
    else:
        raise ConformanceError(f"{exporter.name}: an error in the rows did not stop the export")
    if fresh.exists() or _leftovers(folder, set()):
        raise ConformanceError(
            f"{exporter.name}: a failed export left files behind: {_leftovers(folder, set())}"
        )
    old = _target(folder, exporter, "old")
    old.write_bytes(b"earlier report")
    with contextlib.suppress(_Boom):
        export_with(exporter, broken, old)
    if old.read_bytes() != b"earlier report" or _leftovers(folder, {old.name}):
        raise ConformanceError(f"{exporter.name}: a failed export harmed the existing file")


def check_exporter(
    exporter: Exporter,
    tmp_path: Path,
    reader: Reader | None = None,
    *,
    options: Mapping[str, Any] | None = None,
    bundles: Mapping[str, Bundle] | None = None,
) -> list[str]:
    """Run the exporter contract against ``exporter``; return the bundles checked.

    For every reference bundle the exporter can hold (single-table formats get
    the one-table bundles), in both languages: it writes to a stream and to a
    path without error; the output is not empty when there are rows; and, with a ``reader`` (the
    built-in formats have one), what is read back equals what was written.
    Finally a failing export must leave no partial file (``check_atomic``).
    Raises ``ConformanceError`` on the first failure.
    """
    if reader is None:
        reader = READERS.get(exporter.name)
    bundles = reference_bundles() if bundles is None else bundles
    checked = []
    for name, bundle in bundles.items():
        if exporter.single_table and len(bundle.tables) != 1:
            continue
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", ExcelLimitWarning)
            for lang in ("vi", "en"):
                stream = io.BytesIO()
                export_with(exporter, bundle, stream, lang=lang, options=options)
                if not stream.getvalue() and any(t.rows for t in bundle.tables):
                    raise ConformanceError(f"{exporter.name}: wrote nothing for bundle {name!r}")
            path = _target(tmp_path, exporter, f"{exporter.name}-{name}")
            export_with(exporter, bundle, path, options=options)
        if not path.exists():
            raise ConformanceError(f"{exporter.name}: no file at {path} for bundle {name!r}")
        if reader is not None:
            tables = reader(path, bundle)
            for table in bundle.tables:
                if table.name not in tables:
                    raise ConformanceError(f"{exporter.name}: table {table.name!r} not read back")
                compare_tables(table, tables[table.name], bundle.metadata.timezone)
        checked.append(name)
    if not checked:
        raise ConformanceError(f"{exporter.name}: no reference bundle fits this exporter")
    check_atomic(exporter, tmp_path, bundles[checked[0]])
    return checked


__all__ = [
    "FORMULA_LIKE",
    "GENERATED_AT",
    "READERS",
    "ConformanceError",
    "Reader",
    "check_atomic",
    "check_exporter",
    "compare_tables",
    "failing_bundle",
    "reference_bundles",
]
