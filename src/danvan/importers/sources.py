"""Which files a source names: a file, a data package's folder, or a plain folder's files.

``read_dataset`` and the store read what `expand_sources` lists: only regular files
inside what was asked, a folder's files with a suffix some importer knows, sorted; a
link out of a folder (DV631), a pipe, a device or a socket (DV630) is a finding, never
opened. A path that does not exist is `DatasetReadError`, the one error of reading.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import BinaryIO

from danvan.errors import DanvanError
from danvan.findings import Finding, Location, codes, make_finding
from danvan.importers.base import Importer
from danvan.importers.files import NotRegularFileError, file_kind, open_regular

DATAPACKAGE_DESCRIPTOR = "datapackage.json"


class DatasetReadError(DanvanError):
    """Nothing could be read: the message names the file(s) and says why, in vi and en."""


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


def folder_importer(importers: Mapping[str, Importer], folder: Path) -> Importer | None:
    for importer in importers.values():
        if (
            importer.read_folder is not None
            and importer.accepts_folder is not None
            and importer.accepts_folder(folder)
        ):
            return importer
    return None


def expand_sources(
    sources: Sequence[str | os.PathLike[str]],
    importers: Mapping[str, Importer],
    skipped: list[Finding] | None = None,
) -> list[Path]:
    """Files and package folders to read: a folder's files with a known suffix, sorted.

    Only what is inside a folder is read from it: a symbolic link in it whose
    target resolves outside it (or nowhere) is skipped with a DV631 finding;
    a link to a file or package folder inside it is read as its target, once
    however many names lead there. Pipes, devices and sockets are skipped with
    a DV630 finding, never opened. A link named explicitly is followed (it was
    asked for) and read under its target's real path. Findings go to ``skipped``.
    """
    found = skipped if skipped is not None else []
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
        if path.is_symlink():
            path = Path(os.path.realpath(path))
        if path.is_dir() and folder_importer(importers, path) is None:
            paths.extend(_inside(path, importers, found))
        else:
            paths.append(path)
    return list(dict.fromkeys(paths))


def _inside(folder: Path, importers: Mapping[str, Importer], skipped: list[Finding]) -> list[Path]:
    """What ``expand_sources`` reads of a plain folder: see there."""
    real = Path(os.path.realpath(folder))
    inside: list[Path] = []
    with os.scandir(folder) as listing:
        entries = sorted(listing, key=lambda e: e.name)
    for entry in entries:
        if entry.name.startswith((".", "~$")):
            continue
        path = Path(entry.path)
        if entry.is_symlink():
            target = Path(os.path.realpath(path))
            if not (
                target.is_dir()
                or find_importer(importers, entry.name) is not None
                or find_importer(importers, target.name) is not None
            ):
                continue  # a link to nothing danvan would read, as a file of unknown suffix
            if not target.is_relative_to(real) or not target.exists():
                where = os.fspath(path)
                skipped.append(
                    make_finding(
                        codes.LINK_OUTSIDE,
                        Location(source=where),
                        source=where,
                        target=os.fspath(target),
                        folder=os.fspath(folder),
                    )
                )
                continue
            path = folder / target.relative_to(real)
        try:
            mode = path.lstat().st_mode
        except OSError:  # gone since it was listed
            continue
        if stat.S_ISREG(mode):
            if find_importer(importers, path.name) is not None:
                inside.append(path)
        elif stat.S_ISDIR(mode):
            if folder_importer(importers, path) is not None:
                inside.append(path)
        else:
            where = os.fspath(path)
            skipped.append(
                make_finding(
                    codes.NOT_REGULAR_FILE,
                    Location(source=where),
                    source=where,
                    kind_vi=file_kind(mode).vi,
                    kind_en=file_kind(mode).en,
                )
            )
    return inside


def open_input(path: Path, source: str) -> BinaryIO | Finding:
    """``path`` opened if it is a regular file, else its DV630 finding (the file unopened).

    A link is not followed: ``expand_sources`` resolved the links it was given.
    """
    try:
        return open_regular(path, follow_links=False)
    except NotRegularFileError as error:
        return make_finding(
            codes.NOT_REGULAR_FILE,
            Location(source=source),
            source=source,
            kind_vi=error.kind.vi,
            kind_en=error.kind.en,
        )
