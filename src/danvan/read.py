"""Reading datasets from files: one file, a list of files or a folder, merged into one dataset.

``read_dataset("bao-cao/")`` reads every file with a known suffix in the
folder (one workbook per commune, say), each with the importer its suffix
names, and merges them: records concatenated, each keeping its file, sheet and
row; catalogue entries merged; duplicate ids left for validation to report.
Bad input never ends in a traceback: a file that cannot be read at all is one
DV601/DV602 finding naming it, and the rest still import. Only when nothing
at all can be read (or a path does not exist) is ``DatasetReadError`` raised.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

import attrs

from danvan.convert import collector_paused
from danvan.findings import Finding, Location, ValidationReport, cap_findings, make_finding
from danvan.importers.base import Importer, ImportOptions, RawImport, UnreadableFileError
from danvan.importers.limits import DEFAULT_LIMITS, ReadLimits, RefusedFileError
from danvan.importers.tabular import FileContent, build_dataset, read_sheets
from danvan.model import Catalog, Dataset
from danvan.rules import codes

if TYPE_CHECKING:
    from danvan.plugins.manager import PluginManager

DATAPACKAGE_DESCRIPTOR = "datapackage.json"


class DatasetReadError(Exception):
    """Nothing could be read: the message names the file(s) and says why, in vi and en."""


@attrs.frozen
class ImportResult:
    """The dataset read and the import findings (DV6xx, DV5xx, and DV0xx for JSON documents).

    Validation is separate: run ``danvan.validate(result.dataset)`` for the
    domain rules.
    """

    dataset: Dataset
    report: ValidationReport


def available_importers(plugin_manager: PluginManager | None = None) -> dict[str, Importer]:
    """Every importer the registered plugins provide, by name.

    Two importers with one name raise ``PluginConflictError`` naming both plugins;
    a hook returning something else is skipped with a ``PluginWarning``.
    """
    from danvan.plugins.manager import get_plugin_manager

    pm = plugin_manager if plugin_manager is not None else get_plugin_manager()
    return pm.named_contributions("danvan_importers", Importer)


def known_formats(importers: Mapping[str, Importer]) -> str:
    """``"csv (.csv); json (.json); …"``: what an unknown-suffix message lists."""
    return "; ".join(
        f"{name} ({', '.join(i.suffixes) or 'folder'})" for name, i in sorted(importers.items())
    )


def find_importer(importers: Mapping[str, Importer], filename: str) -> Importer | None:
    """The importer whose suffix ``filename`` ends with (the longest match wins)."""
    best: tuple[int, Importer] | None = None
    for importer in importers.values():
        suffix = importer.matches(filename)
        if suffix is not None and (best is None or len(suffix) > best[0]):
            best = (len(suffix), importer)
    return best[1] if best else None


def _folder_importer(importers: Mapping[str, Importer], folder: Path) -> Importer | None:
    for importer in importers.values():
        if (
            importer.read_folder is not None
            and importer.accepts_folder is not None
            and importer.accepts_folder(folder)
        ):
            return importer
    return None


def _expand(
    sources: Sequence[str | os.PathLike[str]], importers: Mapping[str, Importer]
) -> list[Path]:
    """Files and package folders to read: a folder's files with a known suffix, sorted."""
    paths: list[Path] = []
    for source in sources:
        path = Path(source)
        if path.name == DATAPACKAGE_DESCRIPTOR and path.is_file():
            path = path.parent
        if not path.exists():
            raise DatasetReadError(
                f"Không tìm thấy / not found: {os.fspath(source)!r} "
                "(tệp hoặc thư mục không tồn tại / no such file or folder)"
            )
        if path.is_dir() and _folder_importer(importers, path) is None:
            inside = sorted(
                p
                for p in path.iterdir()
                if not p.name.startswith((".", "~$"))
                and (
                    (p.is_file() and find_importer(importers, p.name) is not None)
                    or (p.is_dir() and _folder_importer(importers, p) is not None)
                )
            )
            paths.extend(inside)
        else:
            paths.append(path)
    return paths


def _read_one(
    path: Path, importers: Mapping[str, Importer], options: ImportOptions
) -> tuple[RawImport | None, list[Finding]]:
    source = os.fspath(path)
    try:
        if path.is_dir():
            importer = _folder_importer(importers, path)
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
        with path.open("rb") as stream:
            return importer.read(stream, source, options), []
    except RefusedFileError as refused:  # a limit passed, or a reader stopped: its own finding
        return None, [refused.finding]
    except Exception as error:  # any failure of one file is a finding about that file
        detail = str(error) if isinstance(error, UnreadableFileError) else repr(error)
        finding = make_finding(
            codes.UNREADABLE_FILE, Location(source=source), source=source, detail=detail
        )
        return None, [finding]


def read_dataset(
    sources: str | os.PathLike[str] | Sequence[str | os.PathLike[str]],
    *,
    catalog: Catalog | None = None,
    plugin_manager: PluginManager | None = None,
    progress: Callable[[int, int], None] | None = None,
    limits: ReadLimits = DEFAULT_LIMITS,
) -> ImportResult:
    """Read one file, a folder, or a list of files and folders into one dataset.

    Returns the dataset and the import findings. ``catalog`` is used when no
    file carries catalogue tables (by default, the bundled catalogue). Raises
    ``DatasetReadError`` only when a path does not exist or nothing at all
    could be read; any other problem is a finding. ``progress(done, total)``
    is called after each file (the command line draws its progress bar with it).

    ``limits`` says what one file may cost (``ReadLimits``: sizes, cells, text
    length, nesting, findings per code, the native readers' memory and time);
    a file past one is refused with a finding and the others are still read.
    """
    if isinstance(sources, str | os.PathLike):
        sources = [sources]
    importers = available_importers(plugin_manager)
    paths = _expand(sources, importers)
    if not paths:
        names = ", ".join(repr(os.fspath(s)) for s in sources) or "(none)"
        raise DatasetReadError(
            f"Không có tệp nào đọc được / no file to read in {names}; "
            f"known formats: {known_formats(importers)}"
        )
    # Importing makes many small objects and no cycles; the cyclic collector,
    # which would walk them again and again, is paused meanwhile.
    with collector_paused():
        options = ImportOptions(catalog=catalog, limits=limits)
        return _read_all(paths, importers, options, progress)


def _read_all(
    paths: list[Path],
    importers: Mapping[str, Importer],
    options: ImportOptions,
    progress: Callable[[int, int], None] | None,
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
            tables = read_sheets(raw.sheets, source, file_findings, options.limits)
        except Exception as error:  # a lazy reader failing halfway through the file
            failed_here = make_finding(
                codes.UNREADABLE_FILE, Location(source=source), source=source, detail=repr(error)
            )
            findings.extend(cap_findings(file_findings, cap))
            findings.append(failed_here)
            failed.append(failed_here)
            continue
        findings.extend(cap_findings(file_findings, cap))
        contents.append(FileContent(source, tables, raw.dataset))
    if not contents:
        reasons = "; ".join(f.message.get("vi") + " / " + f.message.get("en") for f in failed)
        raise DatasetReadError(f"Không đọc được gì / nothing could be read: {reasons}")
    if progress is not None:
        progress(len(paths), len(paths))
    dataset = build_dataset(contents, findings, options.catalog)
    return ImportResult(dataset, ValidationReport.of(cap_findings(findings, cap)))
