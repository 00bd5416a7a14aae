"""Records to ``Dataset`` and back: the one cattrs converter, tuned for orjson.

Dates travel as ISO strings, enums as their values, defaults are left out.
Structuring collects every failing field (cattrs detailed validation), so a
bad file is reported whole, not one mistake at a time.
"""

from __future__ import annotations

import functools
import gc
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from datetime import date
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
# The same rules without detailed validation: the fast first try of ``dataset_from_normal``.
_fast_converter = make_converter(
    omit_if_default=True, forbid_extra_keys=True, detailed_validation=False
)
# The first try of a load, for the usual document that is clean: no detailed
# validation, and it takes a string only when it is already in normal form, a
# number or a flag never from a string, so that it succeeds exactly when the
# string pass would change nothing and structuring would find nothing.
_clean_converter = make_converter(
    omit_if_default=True, forbid_extra_keys=True, detailed_validation=False
)
# A year of activities has 365 dates: parse each once and share the (immutable) date.
_iso_date = functools.lru_cache(maxsize=8192)(date.fromisoformat)
for _converter in (converter, _fast_converter, _clean_converter):
    _converter.register_structure_hook(date, lambda value, _: _iso_date(value))


class _NotClean(Exception):
    """A value the clean first try does not take; the full load handles it."""


_shared: dict[str, str] = {}
"""Strings seen by the clean try (each distinct one checked once and then shared)."""


def _normal_text(value: Any, _: Any = None) -> str:
    shared = _shared.get(value) if isinstance(value, str) else None
    if shared is None:
        if not isinstance(value, str) or normalize(value) != value:
            raise _NotClean
        shared = _shared[value] = value
    return shared


def _not_from_text(kind: type[Any]) -> Any:
    def structure(value: Any, _: Any) -> Any:
        if isinstance(value, str):
            raise _NotClean
        return kind(value)

    return structure


_clean_converter.register_structure_hook(str, _normal_text)
for _kind in (int, float, bool):
    _clean_converter.register_structure_hook(_kind, _not_from_text(_kind))


def structure_if_clean(raw: Any, *, catalog: Catalog | None = None) -> Dataset | None:
    """The dataset of a document that fits the model with every string in normal form.

    ``None`` otherwise, and then ``dataset_from_raw`` (or ``load_checked``) says
    what is wrong. One pass and no copy of the document: the quick road for the
    usual clean file, whose string pass would change nothing.
    """
    if not isinstance(raw, Mapping) or raw.get("format", FORMAT) != FORMAT:
        return None
    body = {key: value for key, value in raw.items() if key != "format"}
    if "catalog" not in body:
        body["catalog"] = converter.unstructure(_default_catalog(catalog))
    try:
        with collector_paused():
            return _clean_converter.structure(body, Dataset)
    except Exception:  # anything at all: the full load finds and reports it
        return None
    finally:
        _shared.clear()


def _default_catalog(catalog: Catalog | None) -> Catalog:
    if catalog is not None:
        return catalog
    from danvan.plugins.provided import catalog as provided_catalog

    return provided_catalog()


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
    The outermost container is always a new one; an inner object or list with
    nothing to change is shared with ``raw`` rather than copied. Each distinct
    string is normalised once, and equal strings come out as one shared
    object: a document repeats its team, village and type ids a million
    times, and the dataset then holds each once.
    """
    changes: list[TextChange] = []
    memo: dict[str, str] = {}

    def walk(value: Any, here: Path) -> Any:
        # Returns ``value`` itself when nothing inside it changes.
        if isinstance(value, str):
            normal = memo.get(value)
            if normal is None:
                normal = normalize(value)
                memo[value] = normal = value if normal == value else normal
            if normal != value:
                changes.append(TextChange(here, value, normal))
            return normal
        if isinstance(value, dict):
            copy: dict[Any, Any] | None = None
            for key, item in value.items():
                if isinstance(item, str):
                    new = memo.get(item)
                    if new is None:
                        new = normalize(item)
                        memo[item] = new = item if new == item else new
                    if new is item:
                        continue
                    if new != item:
                        changes.append(TextChange((*here, key), item, new))
                elif isinstance(item, dict | list):
                    new = walk(item, (*here, key))
                    if new is item:
                        continue
                else:
                    continue
                if copy is None:
                    copy = dict(value)
                copy[key] = new
            return value if copy is None else copy
        if isinstance(value, list):
            items: list[Any] | None = None
            for index, item in enumerate(value):
                new = walk(item, (*here, index)) if isinstance(item, str | dict | list) else item
                if new is not item:
                    if items is None:
                        items = list(value)
                    items[index] = new
            return value if items is None else items
        return value

    with collector_paused():  # the copies are new containers by the million
        normal = walk(raw, path)
    if normal is raw and isinstance(raw, dict | list):
        normal = type(raw)(raw)
    return normal, changes


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
    dataset = structure_if_clean(raw, catalog=catalog)
    if dataset is not None:
        return dataset
    _check_document(raw)
    normal, _ = normalize_strings(raw)
    return dataset_from_normal(raw, normal, catalog=catalog)


def _check_document(raw: Any) -> None:
    if not isinstance(raw, Mapping):
        raise DatasetLoadError(
            [FieldError((), "not an object", "a JSON object", type(raw).__name__)]
        )
    declared = raw.get("format", FORMAT)
    if declared != FORMAT:
        raise DatasetLoadError([FieldError(("format",), "unknown format", FORMAT, declared)])


def dataset_from_normal(raw: Any, normal: Any, *, catalog: Catalog | None = None) -> Dataset:
    """``dataset_from_raw`` for a document whose strings ``normalize_strings`` already made normal.

    ``raw`` is the document as parsed (its ``format`` is checked as written);
    ``normal`` is the normalised copy that gets structured. For callers that
    report the text changes themselves and should not walk the strings twice.

    Structuring first runs without cattrs' detailed validation, which is
    several times faster; only a document that fails is structured again with
    it, to list every failing field. The cyclic collector is paused while the
    records are built: a million new objects would otherwise set it off
    hundreds of times to scan objects that cannot form cycles.
    """
    _check_document(raw)
    body = {key: value for key, value in normal.items() if key != "format"}
    if "catalog" not in body:
        body["catalog"] = converter.unstructure(_default_catalog(catalog))
    with collector_paused():
        try:
            return _fast_converter.structure(body, Dataset)
        except Exception:  # whatever failed, the detailed run below reports it fully
            pass
        try:
            return converter.structure(body, Dataset)
        except (ClassValidationError, IterableValidationError) as error:
            raise DatasetLoadError(list(field_errors(error, body))) from None


@contextmanager
def collector_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector for a bulk build; restore its state after.

    What the build made is long-lived (a dataset), so it joins the oldest
    generation at once (``gc.freeze`` then ``gc.unfreeze``, which only moves
    lists): otherwise the first young collection after the pause walks
    every object made during it. Skipped if the caller has frozen objects,
    which unfreezing would release.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            if gc.get_freeze_count() == 0:
                gc.freeze()
                gc.unfreeze()
            gc.enable()


def dataset_from_json(data: bytes | str, *, catalog: Catalog | None = None) -> Dataset:
    try:
        with collector_paused():
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
