"""Records to ``Dataset`` and back: the one cattrs converter, tuned for orjson.

Dates travel as ISO strings, enums as their values, defaults are left out.
Structuring collects every failing field (cattrs detailed validation), so a
bad file is reported whole, not one mistake at a time.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

import attrs
import orjson
from cattrs.errors import (
    ClassValidationError,
    ForbiddenExtraKeysError,
    IterableValidationError,
    IterableValidationNote,
)
from cattrs.preconf.orjson import make_converter

from danvan.model import Catalog, Dataset
from danvan.text import normalize

FORMAT = "danvan.dataset/1"
"""The value of the ``format`` key that heads every dataset document."""

converter = make_converter(omit_if_default=True, forbid_extra_keys=True)

Path = tuple[str | int, ...]


def format_path(path: Path) -> str:
    """``("activities", 3, "date")`` as ``activities[3].date``."""
    text = ""
    for part in path:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else part)
    return text


@attrs.frozen
class FieldError:
    """One field that does not fit the model: where it is, what is wrong, what was found."""

    path: Path
    problem: str
    expected: str | None = None
    value: Any = None

    def __str__(self) -> str:
        where = format_path(self.path) or "(document)"
        expected = f", expected {self.expected}" if self.expected else ""
        return f"{where}: {self.problem}{expected} (found {self.value!r})"


class DatasetLoadError(ValueError):
    """A document that does not fit the model; ``errors`` lists every failing field."""

    def __init__(self, errors: list[FieldError]) -> None:
        self.errors = errors
        lines = "\n".join(f"  - {error}" for error in errors)
        super().__init__(
            f"Dữ liệu không hợp lệ / the data does not fit the model "
            f"({len(errors)} lỗi / errors):\n{lines}"
        )


@attrs.frozen
class TextChange:
    """A string that was normalised on load (validation reports it as information)."""

    path: Path
    before: str
    after: str


def normalize_strings(raw: Any, path: Path = ()) -> tuple[Any, list[TextChange]]:
    """Parsed JSON with every string in normal form (``danvan.text.normalize``).

    Returns the copy and the strings that changed, for validation to report.
    """
    changes: list[TextChange] = []

    def walk(value: Any, here: Path) -> Any:
        if isinstance(value, str):
            normal = normalize(value)
            if normal != value:
                changes.append(TextChange(here, value, normal))
            return normal
        if isinstance(value, dict):
            return {key: walk(item, (*here, key)) for key, item in value.items()}
        if isinstance(value, list):
            return [walk(item, (*here, index)) for index, item in enumerate(value)]
        return value

    return walk(raw, path), changes


def dataset_to_raw(dataset: Dataset) -> dict[str, Any]:
    """The dataset as plain JSON-ready data; the catalogue is always written out."""
    raw: dict[str, Any] = converter.unstructure(dataset)
    raw["catalog"] = converter.unstructure(dataset.catalog)
    return {"format": FORMAT, **raw}


def dataset_to_json(dataset: Dataset, *, indent: bool = False) -> bytes:
    option = orjson.OPT_INDENT_2 if indent else 0
    return orjson.dumps(dataset_to_raw(dataset), option=option)


def dataset_from_raw(raw: Any, *, catalog: Catalog | None = None) -> Dataset:
    """Structure parsed JSON into a ``Dataset``; raise ``DatasetLoadError`` listing every problem.

    A document without a ``catalog`` uses ``catalog`` (by default, the built-in
    catalogue with every plugin's entries).
    """
    if not isinstance(raw, Mapping):
        raise DatasetLoadError(
            [FieldError((), "not an object", "a JSON object", type(raw).__name__)]
        )
    body = dict(raw)
    declared = body.pop("format", FORMAT)
    if declared != FORMAT:
        raise DatasetLoadError([FieldError(("format",), "unknown format", FORMAT, declared)])
    body, _ = normalize_strings(body)
    if "catalog" not in body:
        if catalog is None:
            from danvan.plugins.provided import catalog as provided_catalog

            catalog = provided_catalog()
        body["catalog"] = converter.unstructure(catalog)
    try:
        return converter.structure(body, Dataset)
    except (ClassValidationError, IterableValidationError) as error:
        raise DatasetLoadError(list(field_errors(error, body))) from None


def dataset_from_json(data: bytes | str, *, catalog: Catalog | None = None) -> Dataset:
    try:
        raw = orjson.loads(data)
    except orjson.JSONDecodeError as error:
        raise DatasetLoadError([FieldError((), f"invalid JSON: {error}")]) from None
    return dataset_from_raw(raw, catalog=catalog)


def field_errors(error: BaseException, raw: Any, path: Path = ()) -> Iterator[FieldError]:
    """Flatten a cattrs validation error into one ``FieldError`` per failing field."""
    if isinstance(error, ClassValidationError | IterableValidationError):
        with_notes, without = error.group_exceptions()
        for sub, note in with_notes:
            key: str | int = note.index if isinstance(note, IterableValidationNote) else note.name
            yield from _field_error(sub, raw, (*path, key), note.type)
        for sub in without:
            yield from _field_error(sub, raw, path, None)
    else:
        yield from _field_error(error, raw, path, None)


def _field_error(error: BaseException, raw: Any, path: Path, expected: Any) -> Iterator[FieldError]:
    if isinstance(error, ClassValidationError | IterableValidationError):
        yield from field_errors(error, raw, path)
        return
    found = lookup(raw, path)
    type_name = _type_name(expected)
    if isinstance(error, ForbiddenExtraKeysError):
        for extra in sorted(error.extra_fields):
            yield FieldError((*path, extra), "unknown field", None, lookup(raw, (*path, extra)))
    elif isinstance(error, KeyError):
        yield FieldError(path, "required field missing", type_name, None)
    elif isinstance(error, ValueError | TypeError):
        yield FieldError(path, "invalid value", type_name, found)
    else:
        yield FieldError(path, f"invalid value ({error})", type_name, found)


def lookup(raw: Any, path: Path) -> Any:
    """The value at ``path`` in parsed JSON, or ``None`` when the path leads nowhere."""
    for part in path:
        try:
            raw = raw[part]
        except (KeyError, IndexError, TypeError):
            return None
    return raw


def _type_name(expected: Any) -> str | None:
    if expected is None:
        return None
    name = getattr(expected, "__name__", None)
    return name if isinstance(name, str) and "[" not in repr(expected) else repr(expected)
