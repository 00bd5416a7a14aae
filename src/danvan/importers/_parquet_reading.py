"""Reading Parquet files (pyarrow) into raw sheets: one sheet a table, its files put together.

The heavy half of ``danvan.importers.parquet``, imported by dotted path when the first
Parquet file is read. What it reads and how it refuses: see that module.
"""

from __future__ import annotations

import io
from collections.abc import Callable, Iterator
from pathlib import Path, PurePosixPath
from typing import Any, Final

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from danvan.findings import Finding, Location, codes, make_finding
from danvan.importers.archives import check_members, inflate, open_archive
from danvan.importers.base import (
    BinaryStream,
    ColumnarRows,
    ImportOptions,
    RawImport,
    RawSheet,
    UnreadableFileError,
)
from danvan.importers.files import read_regular
from danvan.importers.limits import ReadLimits
from danvan.importers.parquet import DESCRIPTOR, MAX_DEPTH

ROW: Final = "_row"
MONTH: Final = "month"
MONTH_LABEL: Final = "month_label"
_ZIP_MAGIC: Final = b"PK\x03\x04"
_READ_ERRORS: Final = (pa.ArrowException, OSError, ValueError, TypeError, IndexError)


def _unreadable(source: str, path: str, detail: str) -> Finding:
    return make_finding(
        codes.UNREADABLE_FILE,
        Location(source=source, sheet=path),
        source=f"{source}/{path}" if path else source,
        detail=detail,
    )


def _too_large(source: str, path: str, what: str, value: int, limit: int, setting: str) -> Finding:
    return make_finding(
        codes.SHEET_TOO_LARGE,
        Location(source=source, sheet=path),
        source=source,
        what=f"{path}: {what}" if path else what,
        value=value,
        limit=limit,
        setting=setting,
    )


class _Budget:
    """Rows and cells read so far from one file or folder, against ``ReadLimits``."""

    def __init__(self, limits: ReadLimits) -> None:
        self.limits = limits
        self.rows = 0
        self.cells = 0

    def refusal(self, source: str, path: str, rows: int, columns: int) -> Finding | None:
        limits = self.limits
        if columns > limits.max_columns:
            return _too_large(
                source, path, "số cột / columns", columns, limits.max_columns, "max_columns"
            )
        self.rows += rows
        self.cells += rows * columns
        for what, value, limit, setting in (
            ("số dòng (cả thư mục) / rows (whole folder)", self.rows, limits.max_rows, "max_rows"),
            ("số ô (cả thư mục) / cells (whole folder)", self.cells, limits.max_cells, "max_cells"),
        ):
            if value > limit:
                return _too_large(source, path, what, value, limit, setting)
        return None


def _file(
    data: bytes, source: str, path: str, budget: _Budget, findings: list[Finding]
) -> pa.Table | None:
    """One Parquet file's table, or None with a finding (damaged, foreign, too large)."""
    try:
        parquet = pq.ParquetFile(io.BytesIO(data))
        meta = parquet.metadata
        refusal = budget.refusal(source, path, meta.num_rows, meta.num_columns)
        if refusal is not None:
            findings.append(refusal)
            return None
        table: pa.Table = parquet.read()
    except _READ_ERRORS as error:
        detail = (
            f"không phải tệp Parquet đọc được / not a readable Parquet file "
            f"({type(error).__name__}: {str(error)[:200]})"
        )
        findings.append(_unreadable(source, path, detail))
        return None
    return table


def _in_order(table: pa.Table) -> pa.Table:
    """The rows in their table's order (``_row``), without ``_row``; a month read as its label."""
    names = table.column_names
    if ROW in names:
        if pa.types.is_integer(table.schema.field(ROW).type):
            table = table.take(pc.sort_indices(table, sort_keys=[(ROW, "ascending")]))
        table = table.drop_columns([ROW])
        names = table.column_names
    if MONTH in names and MONTH_LABEL in names:
        label = table.column(MONTH_LABEL)
        table = table.drop_columns([MONTH_LABEL]).set_column(names.index(MONTH), MONTH, label)
    return table


def _sheet(
    name: str, tables: list[pa.Table], source: str, findings: list[Finding]
) -> RawSheet | None:
    """The parts of one table as one raw sheet, headed by the column names."""
    try:
        whole = (
            pa.concat_tables(tables, promote_options="default") if len(tables) > 1 else tables[0]
        )
        whole = _in_order(whole)
        columns: list[list[Any]] = [column.to_pylist() for column in whole.columns]
    except _READ_ERRORS as error:
        detail = (
            f"các tệp của bảng '{name}' không cùng cột / the files of table '{name}' do not "
            f"share their columns ({type(error).__name__}: {str(error)[:200]})"
        )
        findings.append(_unreadable(source, name, detail))
        return None
    rows = ColumnarRows([list(whole.column_names)], columns, whole.num_rows)
    return RawSheet(name=name, hint=name, rows=rows, first_column=None)


def _sheets(
    files: Iterator[tuple[str, str, Callable[[], bytes]]],
    source: str,
    limits: ReadLimits,
    findings: list[Finding],
) -> list[RawSheet]:
    """``files`` are (table, path, read): each file read and checked, then put together by table."""
    budget = _Budget(limits)
    parts: dict[str, list[pa.Table]] = {}
    for table, path, read in files:
        try:
            data = read()
        except (OSError, UnreadableFileError) as error:
            findings.append(_unreadable(source, path, str(error)[:200]))
            continue
        read_table = _file(data, source, path, budget, findings)
        if read_table is not None:
            parts.setdefault(table, []).append(read_table)
    sheets = [_sheet(name, tables, source, findings) for name, tables in parts.items()]
    return [s for s in sheets if s is not None]


def _table_of(path: str) -> str:
    """The table a file belongs to: its first folder, or its stem when it has none."""
    parts = PurePosixPath(path).parts
    return parts[0] if len(parts) > 1 else PurePosixPath(path).stem


def read_stream(stream: BinaryStream, source: str, options: ImportOptions) -> RawImport:
    """A ``.parquet`` file or the exporter's tree zipped, by the bytes it starts with."""
    findings: list[Finding] = []
    limits = options.limits
    head = stream.read(4)
    stream.seek(0)
    if head != _ZIP_MAGIC:
        data = stream.read()
        stem = PurePosixPath(source.replace("\\", "/")).name.removesuffix(".parquet")
        sheets = _sheets(iter([(stem, "", lambda: data)]), source, limits, findings)
        return RawImport(sheets=sheets, findings=findings)
    with open_archive(stream, source) as archive:
        members = [
            info
            for info in check_members(archive, source)
            if info.filename.lower().endswith(".parquet")
        ]
        if not members:
            raise UnreadableFileError(
                "tệp zip không có tệp .parquet nào / the zip holds no .parquet file"
            )
        budget = [limits.max_archive_bytes]

        def reader(info: Any) -> Callable[[], bytes]:
            def read() -> bytes:
                data = b"".join(inflate(archive, info, source, limits, budget[0]))
                budget[0] -= len(data)
                return data

            return read

        files = (
            (_table_of(info.filename), info.filename, reader(info))
            for info in sorted(members, key=lambda i: i.filename)
        )
        sheets = _sheets(files, source, limits, findings)
    return RawImport(sheets=sheets, findings=findings)


def _walk(folder: Path, depth: int) -> Iterator[Path]:
    """The ``.parquet`` files below ``folder``, in name order; links are not followed."""
    for entry in sorted(folder.iterdir(), key=lambda p: p.name):
        if entry.is_symlink() or entry.name.startswith((".", "_")):
            continue
        if entry.is_dir() and depth > 0:
            yield from _walk(entry, depth - 1)
        elif entry.name.lower().endswith(".parquet"):
            yield entry


def read_folder(folder: Path, source: str, options: ImportOptions) -> RawImport:
    """Each table folder of ``folder`` (and any ``.parquet`` file beside them)."""
    findings: list[Finding] = []
    root = folder.resolve()

    def reader(path: Path) -> Callable[[], bytes]:
        return lambda: read_regular(path, follow_links=False)

    def files() -> Iterator[tuple[str, str, Callable[[], bytes]]]:
        for path in _walk(folder, MAX_DEPTH + 1):
            relative = path.relative_to(folder).as_posix()
            if not path.resolve().is_relative_to(root):
                findings.append(
                    _unreadable(source, relative, "ra ngoài thư mục / outside the folder")
                )
                continue
            yield _table_of(relative), relative, reader(path)

    sheets = _sheets(files(), source, options.limits, findings)
    if not sheets and not findings:
        findings.append(
            _unreadable(source, "", f"không có tệp .parquet nào / no .parquet file ({DESCRIPTOR})")
        )
    return RawImport(sheets=sheets, findings=findings)
