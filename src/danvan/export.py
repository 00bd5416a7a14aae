"""Exporting a bundle: the exporter contract, format choice and atomic writes.

``export(bundle, "report.xlsx")`` picks the exporter by the file's suffix (or
by ``format=``), writes to a temporary file beside the target and moves it into
place only when the exporter has finished, so a failed export leaves no partial
file and never harms a file that was there before; into an existing folder it
writes only where danvan's own marker says it may (``danvan.atomic``).
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Callable, Iterable, Iterator, Mapping
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

import attrs

from danvan.atomic import scratch_folder, staged_file, staged_folder
from danvan.errors import DanvanError
from danvan.labels import Label, Language, check_language
from danvan.redact import Redaction, redact_bundle
from danvan.tables import Bundle, Table

if TYPE_CHECKING:
    from danvan.plugins.manager import PluginManager

BinaryStream = IO[bytes]
WriteFunction = Callable[[Bundle, BinaryStream, "ExportOptions"], None]
WriteFolderFunction = Callable[[Bundle, Path, "ExportOptions"], None]


class ExportError(DanvanError):
    """An export could not be done; the message says why in Vietnamese and English."""


class UnknownFormatError(ExportError, LookupError):
    """No exporter has the asked-for name or suffix; the message lists the known formats."""


@attrs.frozen
class ExportOptions:
    """What an exporter is asked to do: the label language and format-specific settings.

    ``tmpdir`` is where the exporter keeps temporary files (XlsxWriter's, say): a
    folder beside the output that danvan removes after the write, whatever happens;
    None means the system's temporary folder.
    """

    lang: Language = attrs.field(default="vi", converter=check_language)
    settings: Mapping[str, Any] = attrs.field(factory=dict, converter=dict)
    tmpdir: Path | None = None

    def get(self, key: str, default: Any = None) -> Any:
        """The setting ``key``, or ``default`` when it was not given."""
        return self.settings.get(key, default)

    def get_bool(self, key: str, default: bool) -> bool:
        """A yes/no setting; anything but a bool is an ExportError."""
        value = self.settings.get(key, default)
        if not isinstance(value, bool):
            raise ExportError(f"Tuỳ chọn / option {key!r} must be true or false, not {value!r}")
        return value

    def get_str(self, key: str, default: str | None) -> str | None:
        """A text setting; anything but a str (or the default) is an ExportError."""
        value = self.settings.get(key, default)
        if value is not None and not isinstance(value, str):
            raise ExportError(f"Tuỳ chọn / option {key!r} must be text, not {value!r}")
        return value

    def label(self, label: Label) -> str:
        """``label`` in the chosen language, with fallback."""
        return label.get(self.lang)


def _str_tuple(items: Iterable[str]) -> tuple[str, ...]:
    return tuple(items)


def _label_map(items: Mapping[str, Label]) -> dict[str, Label]:
    return dict(items)


@attrs.frozen
class Exporter:
    """An output format: what a ``danvan_exporters`` hook returns.

    ``write(bundle, binary_stream, options)`` writes the whole bundle to an open
    binary stream; it must read rows lazily (``table.iter_rows()``) and must not
    close the stream. ``write_folder``, when given, writes to a directory instead
    (used when the target path does not end in one of ``suffixes``).
    ``settings`` names the format-specific options it accepts, with what each does.
    """

    name: str
    suffixes: tuple[str, ...] = attrs.field(converter=_str_tuple)
    media_type: str
    description: Label
    write: WriteFunction = attrs.field(eq=False)
    settings: Mapping[str, Label] = attrs.field(factory=dict, converter=_label_map, eq=False)
    #: Whether the format holds one table only (then a bundle must have one, or
    #: the ``table`` setting names which).
    single_table: bool = False
    write_folder: WriteFolderFunction | None = attrs.field(default=None, eq=False)

    def options(self, lang: str = "vi", settings: Mapping[str, Any] | None = None) -> ExportOptions:
        """Options for this exporter; an unknown setting is an ExportError listing the known."""
        settings = dict(settings or {})
        unknown = sorted(set(settings) - set(self.settings))
        if unknown:
            known = ", ".join(sorted(self.settings)) or "(none)"
            raise ExportError(
                f"Định dạng / format {self.name!r} không có tuỳ chọn / has no option "
                f"{', '.join(map(repr, unknown))}; known: {known}"
            )
        return ExportOptions(lang=check_language(lang), settings=settings)

    def matches(self, filename: str) -> str | None:
        """The longest of this exporter's suffixes that ``filename`` ends with, if any."""
        lowered = filename.lower()
        found = [s for s in self.suffixes if lowered.endswith(s.lower())]
        return max(found, key=len) if found else None


def single_table(bundle: Bundle, options: ExportOptions, format_name: str) -> Table:
    """The one table a single-table format writes: the bundle's only one, or ``table=``."""
    wanted = options.get_str("table", None)
    if wanted is not None:
        try:
            return bundle.table(wanted)
        except KeyError as exc:
            raise ExportError(exc.args[0]) from None
    if len(bundle.tables) == 1:
        return bundle.tables[0]
    names = ", ".join(t.name for t in bundle.tables) or "(none)"
    raise ExportError(
        f"Định dạng {format_name!r} chỉ ghi một bảng / format {format_name!r} holds one table, "
        f"but the bundle has {len(bundle.tables)} ({names}); choose one with "
        f"options={{'table': ...}} or use a multi-table format"
    )


def available_exporters(plugin_manager: PluginManager | None = None) -> dict[str, Exporter]:
    """Every exporter the registered plugins provide, by name.

    A plugin's exporter named like a built-in one is dropped with a ``PluginWarning``
    (the built-in is kept); a name two plugins claim goes to neither. An exporter
    hook that raises or returns something else is skipped with a warning.
    """
    from danvan.plugins.manager import get_plugin_manager

    pm = plugin_manager if plugin_manager is not None else get_plugin_manager()
    return pm.named_contributions("danvan_exporters", Exporter)


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
    plugin_manager: PluginManager | None = None,
    redact: Redaction | str | None = None,
    overwrite: bool = False,
) -> Exporter:
    """Write ``bundle`` to a path (atomically) or to an open binary stream.

    The exporter is the one named ``format``, or else the one whose suffix the
    path (or the stream's ``name``) ends with. ``lang`` chooses the label
    language (``"vi"`` or ``"en"``, falling back to the other); ``options`` are
    the format's own settings; ``redact`` (``"omit"``, ``"pseudonymise"`` or a
    ``danvan.redact.Redaction`` with a salt) leaves out or pseudonymises the
    personal columns of every table, whatever the format. ``overwrite`` lets a
    folder export write into an existing folder danvan did not write (see
    ``atomic_folder``); files are always replaced atomically. Returns the
    exporter used.
    """
    exporters = available_exporters(plugin_manager)
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
