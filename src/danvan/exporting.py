"""Exporting a bundle: choosing the exporter and writing atomically.

``danvan.export(bundle, "report.xlsx")`` picks the exporter by the file's suffix
(or by ``format=``), writes to a temporary file beside the target and moves it
into place only when the exporter has finished, so a failed export leaves no
partial file and never harms a file that was there before; into an existing
folder it writes only where danvan's own marker says it may (``danvan.atomic``).
The contract an exporter meets is ``danvan.exporters.base``.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

import attrs

from danvan.atomic import scratch_folder, staged_file, staged_folder
from danvan.exporters.base import BinaryStream, Exporter, ExportError, UnknownFormatError
from danvan.redact import Redaction, redact_bundle
from danvan.tables import Bundle


def _known_formats(exporters: Mapping[str, Exporter]) -> str:
    return "; ".join(
        f"{name} ({', '.join(e.suffixes) or 'no suffix'})" for name, e in sorted(exporters.items())
    )


def find_exporter(
    exporters: Mapping[str, Exporter], format: str | None = None, filename: str | None = None
) -> Exporter:
    """The exporter named ``format``, or else the one whose suffix ``filename`` ends with."""
    if format is not None:
        exporter = exporters.get(format) or exporters.get(format.lower().lstrip("."))
        if exporter is None:
            raise UnknownFormatError(
                f"Không biết định dạng / unknown format {format!r}. "
                f"Known formats: {_known_formats(exporters)}"
            )
        return exporter
    if not filename:
        raise UnknownFormatError(
            "Cần chỉ rõ định dạng / give format= when writing to a stream without a name. "
            f"Known formats: {_known_formats(exporters)}"
        )
    matches = [(e.matches(filename), e) for e in exporters.values()]
    longest = max((len(s) for s, _ in matches if s), default=0)
    best = [e for s, e in matches if s and len(s) == longest]
    if not best:
        raise UnknownFormatError(
            f"Không nhận ra định dạng của / cannot tell the format of {filename!r} from its "
            f"suffix; give format=. Known formats: {_known_formats(exporters)}"
        )
    if len(best) > 1:
        names = ", ".join(sorted(e.name for e in best))
        raise ExportError(
            f"Nhiều định dạng cùng đuôi / several formats claim the suffix of {filename!r}: "
            f"{names}; choose one with format="
        )
    return best[0]


def _redacted(bundle: Bundle, redact: Redaction | str | None) -> Bundle:
    try:
        return redact_bundle(bundle, redact)
    except ValueError as error:
        raise ExportError(str(error)) from None


@contextlib.contextmanager
def atomic_write(path: str | os.PathLike[str]) -> Iterator[BinaryStream]:
    """Open a temporary file beside ``path``; on success move it onto ``path``.

    Why: a report replaced every month must never be seen half-written. On any
    exception (a signal the CLI turns into one included) the temporary file goes
    and ``path`` is untouched. The new file gets the mode of the file it replaces,
    or the usual default; a symbolic link at ``path`` keeps pointing at the report.
    A folder or a device at ``path`` is an ExportError. See ``danvan.atomic``.
    """
    with staged_file(path) as (stream, _scratch):
        yield stream


@contextlib.contextmanager
def atomic_folder(path: str | os.PathLike[str], *, overwrite: bool = False) -> Iterator[Path]:
    """A temporary folder to fill; on success its files take their place in ``path``.

    Why: an export must never delete what danvan did not write. A new folder is
    renamed into place whole. An existing folder written by danvan (it has the
    ``.danvan-output.json`` marker) gets only its own files replaced or removed,
    all moves undone if one fails; files people added stay. An existing folder
    without the marker that is not empty is an ExportError unless ``overwrite``
    (then danvan's files are written into it and the others stay). On failure
    nothing at ``path`` changes. See ``danvan.atomic``.
    """
    with staged_folder(path, overwrite=overwrite) as (folder, _scratch):
        yield folder


def export(
    bundle: Bundle,
    path_or_stream: str | os.PathLike[str] | BinaryStream,
    format: str | None = None,
    *,
    lang: str = "vi",
    options: Mapping[str, Any] | None = None,
    exporters: Mapping[str, Exporter],
    redact: Redaction | str | None = None,
    overwrite: bool = False,
) -> Exporter:
    """Write ``bundle`` to a path (atomically) or to an open binary stream.

    The exporter is the one of ``exporters`` (by name; ``danvan.export`` gives
    the registered ones) named ``format``, or else the one whose suffix the
    path (or the stream's ``name``) ends with. ``lang`` chooses the label
    language (``"vi"`` or ``"en"``, falling back to the other); ``options`` are
    the format's own settings; ``redact`` (``"omit"``, ``"pseudonymise"`` or a
    ``danvan.redact.Redaction`` with a salt) leaves out or pseudonymises the
    personal columns of every table, whatever the format. ``overwrite`` lets a
    folder export write into an existing folder danvan did not write (see
    ``atomic_folder``); files are always replaced atomically. Returns the
    exporter used.
    """
    if isinstance(path_or_stream, str | os.PathLike):
        filename: str | None = Path(path_or_stream).name
    else:
        name = getattr(path_or_stream, "name", None)
        filename = Path(name).name if isinstance(name, str) else None
    exporter = find_exporter(exporters, format, filename)
    export_with(
        exporter,
        bundle,
        path_or_stream,
        lang=lang,
        options=options,
        redact=redact,
        overwrite=overwrite,
    )
    return exporter


def export_with(
    exporter: Exporter,
    bundle: Bundle,
    path_or_stream: str | os.PathLike[str] | BinaryStream,
    *,
    lang: str = "vi",
    options: Mapping[str, Any] | None = None,
    redact: Redaction | str | None = None,
    overwrite: bool = False,
) -> None:
    """Write ``bundle`` with the given exporter (registered or not) to a path or stream.

    Paths are written atomically (``atomic_write``, ``atomic_folder``: temporary
    files beside the target, removed on every failure); a path that does not end
    in one of the exporter's suffixes is a folder when the exporter can write
    folders. ``redact`` is applied to the bundle before the exporter sees it and
    ``overwrite`` is as in ``export``.
    """
    export_options = exporter.options(lang, options)
    bundle = _redacted(bundle, redact)
    if isinstance(path_or_stream, str | os.PathLike):
        target = Path(path_or_stream)
        if exporter.write_folder is not None and exporter.matches(target.name) is None:
            with staged_folder(target, overwrite=overwrite) as (folder, scratch):
                exporter.write_folder(bundle, folder, attrs.evolve(export_options, tmpdir=scratch))
        else:
            with staged_file(target) as (stream, scratch):
                exporter.write(bundle, stream, attrs.evolve(export_options, tmpdir=scratch))
    else:
        with scratch_folder() as scratch:
            exporter.write(bundle, path_or_stream, attrs.evolve(export_options, tmpdir=scratch))
