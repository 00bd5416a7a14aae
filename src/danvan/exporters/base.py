"""The exporter contract: what a ``danvan_exporters`` hook returns and what ``write`` is given.

An exporter sees a ``Bundle`` of ``Table``s (``danvan.tables``), never the domain
model, and writes it to an open binary stream (or a folder). This module knows
nothing of the plugin manager or of how files are written safely: choosing an
exporter and writing atomically is ``danvan.exporting``'s job.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from pathlib import Path
from typing import IO, Any

import attrs

from danvan.errors import DanvanError
from danvan.labels import Label, Language, check_language
from danvan.tables import Bundle, Table

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
