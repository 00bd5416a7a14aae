"""Reading datasets from files: one file, a list of files or a folder, merged into one dataset.

``read_dataset("bao-cao/")`` reads every file with a known suffix in the
folder (one workbook per commune, say), each with the importer its suffix
names, and merges them: records concatenated, each keeping its file, sheet and
row; catalogue entries merged; duplicate ids left for validation to report.
Bad input never ends in a traceback: a file that cannot be read at all is one
DV601/DV602 finding naming it, and the rest still import. Only regular files
inside what was asked are read: a link out of a folder (DV631), a pipe, a
device or a socket (DV630) is skipped, never opened. Only when nothing at all
can be read (or a path does not exist) is ``DatasetReadError`` raised.
"""

from __future__ import annotations

import datetime as dt
import importlib
import os
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import Any

import attrs

from danvan.findings import (
    Finding,
    Location,
    RecordOrigin,
    ValidationReport,
    cap_findings,
    codes,
    make_finding,
    relocated,
)
from danvan.importers.base import (
    Importer,
    ImportOptions,
    RawImport,
    RawSheet,
    UnreadableFileError,
    unreadable_detail,
)
from danvan.importers.contents import FileContent, merge_documents
from danvan.importers.limits import DEFAULT_LIMITS, ReadLimits, RefusedFileError
from danvan.importers.sources import (
    DatasetReadError as DatasetReadError,  # raised here too: read_dataset's one error
)
from danvan.importers.sources import (
    expand_sources,
    find_importer,
    folder_importer,
    known_formats,
    open_input,
)
from danvan.importers.submissions import record_submissions as _record
from danvan.model import Catalog, Dataset

RECORD_TABLES = frozenset(
    {
        *("units", "organizations", "members", "teams", "memberships", "activities"),
        *("successions", "figures", "targets", "submissions", "bodies"),
    }
)
"""The tables whose rows are records of the teams' work (the catalogue's are not)."""

SHEET_READER = "danvan.importers.tabular"
"""The shared sheet reader, imported by dotted path when the first file gives sheets (not
rows of a whole dataset, as a JSON document does), so that reading documents alone spares it."""


@attrs.frozen
class ImportResult:
    """The dataset read and the import findings (DV6xx, DV5xx, and DV0xx for JSON documents).

    Validation is separate: run ``danvan.validate(result.dataset)`` for the
    domain rules, and ``result.locate(report)`` so that its findings on records
    read from JSON documents name their file and their place in it (``origins``:
    the span of each document's records in the merged lists).
    """

    dataset: Dataset
    report: ValidationReport
    origins: tuple[RecordOrigin, ...] = ()

    def locate(self, report: ValidationReport) -> ValidationReport:
        """``report`` (of this dataset) with each finding on a document's record at its file."""
        return relocated(report, self.origins)


def _read_one(
    path: Path, importers: Mapping[str, Importer], options: ImportOptions
) -> tuple[RawImport | None, list[Finding]]:
    source = os.fspath(path)
    try:
        if path.is_dir():
            importer = folder_importer(importers, path)
            if importer is None or importer.read_folder is None:
                raise UnreadableFileError("thư mục không phải gói dữ liệu / not a data package")
            return importer.read_folder(path, source, options), []
        importer = find_importer(importers, path.name)
        if importer is None:
            finding = make_finding(
                codes.UNKNOWN_FORMAT,
                Location(source=source),
                source=source,
                known=known_formats(importers),
            )
            return None, [finding]
        stream = open_input(path, source)
        if isinstance(stream, Finding):
            return None, [stream]
        with stream:
            return importer.read(stream, source, options), []
    except RefusedFileError as refused:  # a limit passed, or a reader stopped: its own finding
        return None, [refused.finding]
    except Exception as error:  # any failure of one file is a finding about that file
        finding = make_finding(
            codes.UNREADABLE_FILE,
            Location(source=source),
            source=source,
            detail=unreadable_detail(error),
        )
        return None, [finding]


def read_dataset(
    sources: str | os.PathLike[str] | Sequence[str | os.PathLike[str]],
    *,
    importers: Mapping[str, Importer],
    catalog: Catalog,
    progress: Callable[[int, int], None] | None = None,
    limits: ReadLimits = DEFAULT_LIMITS,
    record_submissions: bool = False,
    received: dt.date | None = None,
) -> ImportResult:
    """Read one file, a folder, or a list of files and folders into one dataset.

    Returns the dataset and the import findings. ``importers`` are the formats
    that may be read, by name; ``catalog`` is used when no file carries
    catalogue tables (``danvan.read_dataset`` gives the registered importers
    and catalogue). Raises
    ``DatasetReadError`` only when a path does not exist or nothing at all
    could be read; any other problem is a finding. ``progress(done, total)``
    is called after each file (the command line draws its progress bar with it).

    ``limits`` says what one file may cost (``ReadLimits``: sizes, cells, text
    length, nesting, findings per code, the native readers' memory and time);
    a file past one is refused with a finding and the others are still read.

    ``record_submissions`` adds one `Submission` per file read (its reporter,
    period, name, hash and received day: ``received``, else the file's own
    sheet or metadata, never the clock; see ``danvan.importers.submissions``).
    """
    if isinstance(sources, str | os.PathLike):
        sources = [sources]
    skipped: list[Finding] = []
    paths = expand_sources(sources, importers, skipped)
    if not paths:
        names = ", ".join(repr(os.fspath(s)) for s in sources) or "(none)"
        reasons = "".join(f"; {f.message.get('en')}" for f in skipped)
        raise DatasetReadError(
            f"Không có tệp nào đọc được / no file to read in {names}; "
            f"known formats: {known_formats(importers)}{reasons}"
        )
    options = ImportOptions(catalog=catalog, limits=limits)
    recording = _Recording(received) if record_submissions else None
    result = _read_all(paths, importers, options, progress, recording)
    if not skipped:
        return result
    findings = ValidationReport.of([*skipped, *result.report.findings])
    return ImportResult(result.dataset, findings, result.origins)


def _holds_nothing(tables: Mapping[str, list[Any]], dataset: Dataset | None) -> bool:
    """Whether a file gave no record at all: no unit, organisation, member, team, membership,
    activity, succession or unit figure (catalogue entries alone are not records of the
    teams' work)."""
    if any(len(part) for name, parts in tables.items() if name in RECORD_TABLES for part in parts):
        return False
    if dataset is None:
        return True
    kinds: tuple[tuple[object, ...], ...] = (
        dataset.units,
        dataset.organizations,
        dataset.members,
        dataset.teams,
        dataset.memberships,
        dataset.activities,
        dataset.successions,
        dataset.figures,
        dataset.targets,
        dataset.submissions,
        dataset.bodies,
    )
    return not any(kinds)


def _read_sheets(
    sheets: Sequence[RawSheet], source: str, findings: list[Finding], limits: ReadLimits
) -> dict[str, list[Any]]:
    """``danvan.importers.tabular.read_sheets``, loaded when a file first gives sheets.

    A file that gives none (a whole dataset) has no table to read and no finding to give.
    """
    if not sheets:
        return {}
    tables: dict[str, list[Any]] = importlib.import_module(SHEET_READER).read_sheets(
        sheets, source, findings, limits
    )
    return tables


@attrs.frozen
class _Recording:
    """Submissions are recorded, with this received day (None: each file's own, if it says)."""

    received: dt.date | None = None


def _read_all(
    paths: list[Path],
    importers: Mapping[str, Importer],
    options: ImportOptions,
    progress: Callable[[int, int], None] | None,
    recording: _Recording | None = None,
) -> ImportResult:
    findings: list[Finding] = []
    contents: list[FileContent] = []
    failed: list[Finding] = []
    cap = options.limits.max_findings_per_code
    for done, path in enumerate(paths, 1):
        if progress is not None:
            progress(done - 1, len(paths))
        raw, problems = _read_one(path, importers, options)
        findings.extend(problems)
        if raw is None:
            failed.extend(problems)
            continue
        source = os.fspath(path)
        file_findings: list[Finding] = list(raw.findings)
        try:
            tables = _read_sheets(raw.sheets, source, file_findings, options.limits)
        except Exception as error:  # a lazy reader failing halfway through the file
            failed_here = make_finding(
                codes.UNREADABLE_FILE,
                Location(source=source),
                source=source,
                detail=unreadable_detail(error),
            )
            findings.extend(cap_findings(file_findings, cap, file=source))
            findings.append(failed_here)
            failed.append(failed_here)
            continue
        if not file_findings and _holds_nothing(tables, raw.dataset):
            file_findings.append(
                make_finding(codes.NO_RECORDS, Location(source=source), source=source)
            )
        findings.extend(cap_findings(file_findings, cap, file=source))
        contents.append(FileContent(source, tables, raw.dataset))
    if not contents:
        reasons = "; ".join(f.message.get("vi") + " / " + f.message.get("en") for f in failed)
        raise DatasetReadError(f"Không đọc được gì / nothing could be read: {reasons}")
    if progress is not None:
        progress(len(paths), len(paths))
    if any(content.tables for content in contents):
        sheet_reader = importlib.import_module(SHEET_READER)
        dataset, origins = sheet_reader.build_dataset(contents, findings, options.catalog)
    else:  # whole datasets only: merged the way build_dataset merges them
        dataset, origins = merge_documents(contents, options.catalog)
    if recording is not None:
        read = [content.source for content in contents]
        dataset = _record(dataset, read, origins, received=recording.received)
    return ImportResult(dataset, ValidationReport.of(cap_findings(findings, cap)), origins)
