"""CSV and Frictionless Data Package importers (built-in plugin).

``csv`` reads one table from one CSV file, named by the file's stem
(``hoat-dong.csv``, ``activities.csv``) or recognised by its headers. UTF-8
with or without a byte-order mark; a file in a Windows code page is read as
Windows-1258 with a warning. The delimiter is ``,``, ``;`` or a tab, whichever
the header line uses. ``datapackage`` reads a Data Package: ``datapackage.json``
and one CSV per resource, zipped or in a folder (a zip or folder without a
descriptor: every CSV in it). Text escaped against formulas by danvan's
exporters (``'=…``) is restored.
"""

from __future__ import annotations

import codecs
import csv
import io
import zipfile
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path, PurePosixPath
from typing import Any

import orjson

from danvan.errors import DanvanError
from danvan.findings import Finding, Location, codes, make_finding
from danvan.hooks import hookimpl
from danvan.importers.archives import check_members, inflate, open_archive
from danvan.importers.base import (
    BinaryStream,
    Importer,
    ImportOptions,
    RawImport,
    RawSheet,
    UnreadableFileError,
)
from danvan.importers.files import NotRegularFileError, read_regular
from danvan.importers.limits import ReadLimits, check_json_depth
from danvan.labels import Label
from danvan.layout import column_letter
from danvan.text import has_control_characters, without_control_characters

DESCRIPTOR = "datapackage.json"


_UTF16_BOMS = {
    codecs.BOM_UTF32_LE: "utf-32",  # before UTF-16 LE, whose mark begins it
    codecs.BOM_UTF32_BE: "utf-32",
    codecs.BOM_UTF16_LE: "utf-16",
    codecs.BOM_UTF16_BE: "utf-16",
}


def _decode(data: bytes, source: str, findings: list[Finding]) -> str:
    """UTF-8 (with or without its mark), UTF-16 or UTF-32 by their mark, else Windows-1258.

    UTF-16 or UTF-32 without a mark (NUL bytes all along) is refused, not guessed.
    """
    for bom, encoding in _UTF16_BOMS.items():
        if data.startswith(bom):
            try:
                return data.decode(encoding)
            except UnicodeDecodeError as error:
                name = encoding.upper()
                raise UnreadableFileError(
                    f"tệp có dấu BOM {name} nhưng nội dung không phải {name} (sai từ byte "
                    f"{error.start}) / the file starts with a {name} byte-order mark but is "
                    f"not {name} (wrong from byte {error.start})"
                ) from None
    head = data[:4096]
    if head.count(0) * 4 > len(head):  # NUL bytes all along: UTF-16 or UTF-32 without its mark
        raise UnreadableFileError(
            "tệp có vẻ là UTF-16/UTF-32 không có dấu BOM; hãy lưu lại dạng UTF-8 / the file "
            "looks like UTF-16 or UTF-32 without a byte-order mark; save it as UTF-8"
        )
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        findings.append(
            make_finding(
                codes.NOT_UTF8, Location(source=source), source=source, encoding="Windows-1258"
            )
        )
        return data.decode("cp1258", errors="replace")


def _delimiter(text: str) -> str:
    first = text.lstrip("\r\n").split("\n", 1)[0]
    counts = {d: first.count(d) for d in (",", ";", "\t")}
    best = max(counts, key=lambda d: counts[d])
    return best if counts[best] else ","


def _records(
    text: str, delimiter: str, source: str, sheet: str | None, findings: list[Finding]
) -> list[Sequence[Any]]:
    """The records of ``text``; a quote left open is a DV633 error at its row, not a merge.

    The usual file is read in one go by the strict reader, which refuses a
    quote that is not closed (at the end of the data, or before another
    character than a delimiter or a line end). Only then is the text read
    again, line by line: the broken record becomes an empty row (its number
    kept, so the rows after it keep theirs) and reading resumes on the line
    after the one where that record began.
    """
    try:
        return list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True))
    except csv.Error:
        pass
    lines = io.StringIO(text, newline="").readlines()
    rows: list[Sequence[Any]] = []
    start = 0  # index in ``lines`` where the reader below begins
    while start < len(lines):
        reader = csv.reader(iter(lines[start:]), delimiter=delimiter, strict=True)
        read = 0  # lines of ``lines[start:]`` taken by the records read so far
        try:
            for row in reader:
                rows.append(row)
                read = reader.line_num
            break
        except csv.Error as error:
            line = start + read + 1  # 1-based line where the broken record began
            rows.append([])
            findings.append(
                make_finding(
                    codes.UNCLOSED_QUOTE,
                    Location(source=source, sheet=sheet, row=len(rows)),
                    row=len(rows),
                    line=line,
                    detail=str(error),
                )
            )
            start = line
    return rows


def _without_controls(
    rows: list[Sequence[Any]], source: str, sheet: str | None, findings: list[Finding]
) -> None:
    """Remove control characters from the cells that hold one, each a DV504 warning at its cell.

    Why a pass of its own, when the sheet reader removes them (through the same
    ``danvan.text.without_control_characters``) from every cell it reads: a CSV
    file is text from end to end, and ``csv_sheet`` hands back none of it with
    a control character in it, the header row and the columns danvan does not
    read included. A header keeps its name ("Tê\\x01n đơn vị" is found as "Tên
    đơn vị", with its warning) and a stray NUL in an unread column is still
    reported. Python's ``csv`` module reads NUL since 3.11, so that is not the
    reason. It costs one C-level test of the whole file when there is none.
    """
    header = rows[0] if rows else ()
    for number, row in enumerate(rows, start=1):
        for index, cell in enumerate(row):
            if has_control_characters(cell):
                clean = without_control_characters(cell)
                column = header[index] if index < len(header) and number > 1 else None
                where = Location(
                    source=source,
                    sheet=sheet,
                    row=number,
                    column=without_control_characters(column) if column else None,
                    field=f"column {index + 1}",
                    letter=column_letter(index + 1),
                )
                findings.append(
                    make_finding(
                        codes.CONTROL_CHARACTER,
                        where,
                        field=where.column or Label(f"cột {index + 1}", f"column {index + 1}"),
                        before=cell,
                        after=clean,
                    )
                )
                row[index] = clean  # type: ignore[index]


def csv_sheet(
    data: bytes, source: str, name: str | None, hint: str | None, findings: list[Finding]
) -> RawSheet:
    """One CSV file as a raw sheet; rows numbered from 1 (the header), as Excel shows them.

    Empty (nothing but a byte-order mark or white space): a DV632 error and no rows.
    """
    text = _decode(data, source, findings)
    if not text or text.isspace() or text == "\ufeff":
        findings.append(
            make_finding(
                codes.EMPTY_FILE,
                Location(source=source, sheet=name),
                source=source if name is None else f"{source}/{name}",
            )
        )
        return RawSheet(name=name, hint=hint, rows=[], text_cells=True)
    rows = _records(text, _delimiter(text), source, name, findings)
    if has_control_characters(text):
        _without_controls(rows, source, name, findings)
    return RawSheet(name=name, hint=hint, rows=rows, text_cells=True)


def read_csv(stream: BinaryStream, source: str, options: ImportOptions) -> RawImport:
    """The ``csv`` importer: one table, named by the file's stem or recognised by its headers."""
    findings: list[Finding] = []
    stem = PurePosixPath(source.replace("\\", "/")).stem
    sheet = csv_sheet(stream.read(), source, None, stem, findings)
    return RawImport(sheets=[sheet] if sheet.rows else [], findings=findings)


def _resources(descriptor: Any) -> Iterator[tuple[str | None, str]]:
    """``(resource name, path)`` of every tabular resource with one local path."""
    if not isinstance(descriptor, dict) or not isinstance(descriptor.get("resources"), list):
        raise UnreadableFileError(
            f"{DESCRIPTOR} không có danh sách resources / has no list of resources"
        )
    for resource in descriptor["resources"]:
        if not isinstance(resource, dict):
            continue
        path = resource.get("path")
        if isinstance(path, list) and len(path) == 1:
            path = path[0]
        if isinstance(path, str):
            name = resource.get("name")
            yield (name if isinstance(name, str) else None), path


def _load_descriptor(data: bytes, source: str, limits: ReadLimits) -> Any:
    check_json_depth(data, source, limits)
    try:
        return orjson.loads(data)
    except orjson.JSONDecodeError as error:
        raise UnreadableFileError(f"{DESCRIPTOR} không phải JSON / is not JSON: {error}") from None


def _too_large(
    data: bytes, source: str, path: str, used: list[int], limits: ReadLimits
) -> Finding | None:
    """A DV624 finding when this CSV takes the package past ``max_rows`` or ``max_cells``.

    Counted on the bytes before parsing (lines, and fields of the first line)
    and added to ``used`` (rows and cells of the package so far).
    """
    lines = data.count(b"\n") + 1
    first = data[: data.find(b"\n")]
    fields = max(first.count(b","), first.count(b";"), first.count(b"\t")) + 1
    used[0] += lines
    used[1] += lines * fields
    for what, value, limit, setting in (
        ("lines (whole package) / số dòng (cả gói)", used[0], limits.max_rows, "max_rows"),
        ("cells (whole package) / số ô (cả gói)", used[1], limits.max_cells, "max_cells"),
    ):
        if value > limit:
            return make_finding(
                codes.SHEET_TOO_LARGE,
                Location(source=source, sheet=path),
                source=source,
                what=f"{path}: {what}",
                value=value,
                limit=limit,
                setting=setting,
            )
    return None


class OutsidePackageError(DanvanError, ValueError):
    """A resource path that leads out of the package's folder (``../``, an absolute path)."""


def _member_problem(path: str, error: Exception) -> str:
    """Why a resource of a package cannot be read, in words (vi / en), not as Python says it."""
    if isinstance(error, UnreadableFileError):
        return str(error)
    if isinstance(error, KeyError):
        return (
            f"gói không có tệp '{path}' mà {DESCRIPTOR} nêu / "
            f"the package has no file '{path}', which {DESCRIPTOR} names"
        )
    if isinstance(error, NotRegularFileError):
        return (
            f"'{path}' là {error.kind.vi}, không phải tệp thường / "
            f"'{path}' is a {error.kind.en}, not a regular file"
        )
    if isinstance(error, FileNotFoundError):
        return f"không có tệp '{path}' / there is no file '{path}'"
    if isinstance(error, PermissionError):
        return f"không có quyền đọc '{path}' / no permission to read '{path}'"
    if isinstance(error, OSError):
        return f"hệ thống không đọc được '{path}' / the system cannot read '{path}'"
    if isinstance(error, OutsidePackageError):
        return (
            f"đường dẫn '{path}' ra ngoài thư mục gói / the path '{path}' leaves the package folder"
        )
    return f"'{path}' không dùng được làm tên tệp / '{path}' cannot be used as a file name"


def _package(
    source: str,
    names: list[str],
    read_member: Callable[[str], bytes],
    findings: list[Finding],
    limits: ReadLimits,
) -> list[RawSheet]:
    sheets: list[RawSheet] = []
    used = [0, 0]
    if DESCRIPTOR in names:
        descriptor = _load_descriptor(read_member(DESCRIPTOR), source, limits)
        entries = list(_resources(descriptor))
    else:
        entries = [(None, n) for n in sorted(names) if n.lower().endswith(".csv")]
    for name, path in entries:
        where = f"{source}/{path}" if source else path
        try:
            data = read_member(path)
        except (KeyError, OSError, zipfile.BadZipFile, ValueError, UnreadableFileError) as error:
            findings.append(
                make_finding(
                    codes.UNREADABLE_FILE,
                    Location(source=source, sheet=path),
                    source=where,
                    detail=_member_problem(path, error),
                )
            )
            continue
        too_large = _too_large(data, source, path, used, limits)
        if too_large is not None:
            findings.append(too_large)
            continue
        hint = name or PurePosixPath(path).stem
        sheets.append(csv_sheet(data, source, path, hint, findings))
    return sheets


def read_datapackage_zip(stream: BinaryStream, source: str, options: ImportOptions) -> RawImport:
    """A zipped Data Package (or a zip of CSV files).

    The archive is checked as it is inflated (``danvan.importers.archives``):
    an empty archive, a member named twice, a member or archive inflating
    past ``options.limits`` refuse the file with a finding.
    """
    findings: list[Finding] = []
    limits = options.limits
    with open_archive(stream, source) as archive:
        members = {info.filename: info for info in check_members(archive, source)}
        budget = [limits.max_archive_bytes]

        def read_member(name: str) -> bytes:
            data = b"".join(inflate(archive, members[name], source, limits, budget[0]))
            budget[0] -= len(data)
            return data

        sheets = _package(source, list(members), read_member, findings, limits)
    return RawImport(sheets=sheets, findings=findings)


def read_datapackage_folder(folder: Path, source: str, options: ImportOptions) -> RawImport:
    """A Data Package unpacked in a folder (or a folder of CSV files)."""
    findings: list[Finding] = []
    names = [p.name for p in folder.iterdir() if p.is_file()]

    def read_member(path: str) -> bytes:
        target = (folder / path).resolve()
        if not target.is_relative_to(folder.resolve()):
            raise OutsidePackageError(path)
        return read_regular(target, follow_links=False)  # a pipe or device: refused, unopened

    sheets = _package(source, names, read_member, findings, options.limits)
    return RawImport(sheets=sheets, findings=findings)


def is_datapackage_folder(path: Path) -> bool:
    """Whether ``path`` is a folder holding a ``datapackage.json``."""
    return (path / DESCRIPTOR).is_file()


CSV_IMPORTER = Importer(
    name="csv",
    suffixes=(".csv",),
    description=Label(
        "Một bảng CSV, đặt tên theo bảng hoặc nhận ra qua tiêu đề cột",
        "One table as CSV, named after the table or recognised by its headers",
    ),
    read=read_csv,
)

DATAPACKAGE_IMPORTER = Importer(
    name="datapackage",
    suffixes=(".zip",),
    description=Label(
        "Gói dữ liệu Frictionless: datapackage.json và các CSV (thư mục hoặc .zip)",
        "Frictionless Data Package: datapackage.json plus CSVs (folder or .zip)",
    ),
    read=read_datapackage_zip,
    read_folder=read_datapackage_folder,
    accepts_folder=is_datapackage_folder,
)


@hookimpl
def danvan_importers() -> list[Importer]:
    """The CSV and Data Package importers."""
    return [CSV_IMPORTER, DATAPACKAGE_IMPORTER]
