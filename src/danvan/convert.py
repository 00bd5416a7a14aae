"""Records to ``Dataset`` and back: the one cattrs converter, tuned for orjson.

Dates travel as ISO strings, enums as their values, defaults are left out. A
value of the wrong type is refused on every road, never coerced (1.9 people is
not 1, null is not "None"; a whole float such as 2.0 is the integer 2).
Structuring collects every failing field (cattrs detailed validation), so a
bad file is reported whole, not one mistake at a time.
"""

from __future__ import annotations

import functools
import math
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from datetime import date
from typing import Any, TypeVar

import attrs
import orjson
from cattrs.errors import (
    ClassValidationError,
    ForbiddenExtraKeysError,
    IterableValidationError,
    IterableValidationNote,
)
from cattrs.gen import make_dict_structure_fn, override
from cattrs.preconf.orjson import make_converter

from danvan.errors import DanvanError
from danvan.model import Activity, Catalog, Dataset, Funding, Quantity
from danvan.text import has_control_characters, normalize, without_control_characters

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
_iso_date = functools.lru_cache(maxsize=8192)(lambda value, _: date.fromisoformat(value))
for _converter in (converter, _fast_converter, _clean_converter):
    _converter.register_structure_hook(date, _iso_date)

_EXACT_FLOAT_INT = 2**53
"""Integers up to this size are exactly a float (and floats that are whole, exactly an int)."""


def _strict_int(value: Any, _: Any = None) -> int:
    """An integer, never from a fraction, a flag or a text: ``1.9`` people is a finding, not 1.

    A whole float (``2.0``, as some tools write every number) is the same
    number and is taken as ``2``; nothing is lost.
    """
    if value.__class__ is int:
        return int(value)
    if value.__class__ is float and value.is_integer() and abs(value) <= _EXACT_FLOAT_INT:
        return int(value)
    raise TypeError(f"not an integer: {value!r}")


def _strict_float(value: Any, _: Any = None) -> float:
    """A number (an integer too, when the float is exactly it); never a flag or a text."""
    if value.__class__ is float:
        return float(value)
    if value.__class__ is int and abs(value) <= _EXACT_FLOAT_INT:
        return float(value)
    raise TypeError(f"not a number: {value!r}")


def _strict_number(value: Any, _: Any = None) -> int | float:
    """``int | float`` as written: an integer stays one, a fraction stays one; no flag, no text."""
    if value.__class__ is int or value.__class__ is float:
        return value
    raise TypeError(f"not a number: {value!r}")


def _strict_bool(value: Any, _: Any = None) -> bool:
    """``true`` or ``false``; never ``1``, ``"yes"`` or ``null`` turned into a flag."""
    if value.__class__ is bool:
        return bool(value)
    raise TypeError(f"not true or false: {value!r}")


def _strict_str(value: Any, _: Any = None) -> str:
    """A text; never a number or ``null`` turned into one (``"None"``)."""
    if isinstance(value, str):
        return value
    raise TypeError(f"not a text: {value!r}")


# Wrong types are refused on every road, never coerced (cattrs' default is ``int(value)``).
for _converter in (converter, _fast_converter):
    _converter.register_structure_hook(int, _strict_int)
    _converter.register_structure_hook(float, _strict_float)
    _converter.register_structure_hook(bool, _strict_bool)
    _converter.register_structure_hook(str, _strict_str)
    _converter.register_structure_hook_func(
        lambda kind: bool(kind == (int | float)), _strict_number
    )


class _NotClean(Exception):
    """A value the clean first try does not take; the full load handles it."""


REFUSED: tuple[type[Exception], ...] = (
    _NotClean,
    TypeError,
    ValueError,
    KeyError,
    AttributeError,
    IndexError,
    OverflowError,
    ForbiddenExtraKeysError,
)
"""What a first try without detailed validation raises for input it does not take.

Only these send a document (or a line) down the full road; any other exception
is a bug of the quick road and surfaces instead of hiding behind the slow one.
"""


_shared: dict[str, str] = {}
"""Strings seen by the clean try (each distinct one checked once and then shared)."""
_shared_texts: dict[tuple[str, ...], tuple[str, ...]] = {}
"""Tuples of strings built by the clean try (topics, partners), to be shared."""
_shared_tuples: dict[tuple[type[Any], bytes], tuple[Any, ...]] = {}
"""Tuples of records built by the clean try, by the JSON text they came from (see below)."""
_SHARED_TUPLES_AT_MOST = 100_000
"""Past this many distinct tuples the values are too varied to be worth remembering."""


def _normal_text(value: Any, _: Any = None) -> str:
    # An unhashable value fails the look-up with TypeError, which refuses it (REFUSED).
    shared = _shared.get(value)
    if shared is None:
        if not isinstance(value, str):
            raise _NotClean
        # An ASCII word (most ids) is normal already: normalize would only fix spaces.
        if not (value.isascii() and value.isalnum()) and (
            normalize(value) != value or has_control_characters(value)
        ):
            raise _NotClean
        shared = _shared[value] = value
    return shared


def _unshared_text(value: Any, _: Any = None) -> str:
    """``_normal_text`` for an activity's id, which is unique: remembering it would be waste."""
    if not isinstance(value, str):
        raise _NotClean
    if not (value.isascii() and value.isalnum()) and (
        normalize(value) != value or has_control_characters(value)
    ):
        raise _NotClean
    return value


def _normal_texts(value: Any, _: Any) -> tuple[str, ...]:
    """A ``tuple[str, ...]``, shared: a million activities have a few hundred topic lists."""
    key = tuple(value)  # whatever cattrs would iterate, so that the result is the same
    shared = _shared_texts.get(key)
    if shared is None:
        shared = tuple([_normal_text(item) for item in key])
        if len(_shared_texts) < _SHARED_TUPLES_AT_MOST:
            _shared_texts[shared] = shared
    return shared


def _shared_records(kind: type[Any]) -> Any:
    """A ``tuple[kind, ...]`` hook that shares equal tuples of (frozen) records.

    Keyed by the JSON text of the value, which tells ``1`` from ``1.0`` where
    equality does not: a quantity or a funding line repeats across thousands
    of activities, and each distinct one is then held (and built) once. Values
    that JSON text would confuse with others are refused (dataclasses, dates
    and subclasses, which then take the full road) or not remembered (a value
    that is not finite, written ``null``).
    """
    item = _clean_converter.get_structure_hook(kind)
    dumps = orjson.dumps
    exact = (
        orjson.OPT_PASSTHROUGH_DATACLASS
        | orjson.OPT_PASSTHROUGH_DATETIME
        | orjson.OPT_PASSTHROUGH_SUBCLASS
    )

    def structure(value: Any, _: Any) -> tuple[Any, ...]:
        key = (kind, dumps(value, option=exact))
        shared = _shared_tuples.get(key)
        if shared is None:
            shared = tuple([item(record, kind) for record in value])
            if len(_shared_tuples) < _SHARED_TUPLES_AT_MOST and all(map(_finite, shared)):
                _shared_tuples[key] = shared
        return shared

    return structure


def _finite(record: Any) -> bool:
    return not any(
        isinstance(value, float) and not math.isfinite(value)
        for value in attrs.astuple(record, recurse=False)
    )


def _not_from_text(kind: type[Any]) -> Any:
    """The clean try takes a value of exactly ``kind`` (an int for a float too); else full road."""
    also = int if kind is float else kind

    def structure(value: Any, _: Any) -> Any:
        if value.__class__ is kind:
            return value
        if value.__class__ is also and abs(value) <= _EXACT_FLOAT_INT:
            return kind(value)
        raise _NotClean

    return structure


def _clean_number(value: Any, _: Any) -> int | float:
    if value.__class__ is int or value.__class__ is float:
        return value
    raise _NotClean


def _optional(kind: type[Any]) -> Any:
    structure_kind = _not_from_text(kind)

    def structure(value: Any, _: Any) -> Any:
        return None if value is None else structure_kind(value, kind)

    return structure


def _for(wanted: Any) -> Callable[[Any], bool]:
    # Generic aliases such as ``tuple[str, ...]`` are registered by equality, not by class.
    return lambda kind: bool(kind == wanted)


_clean_converter.register_structure_hook(str, _normal_text)
_clean_converter.register_structure_hook_func(_for(tuple[str, ...]), _normal_texts)
for _kind in (int, float, bool):
    _clean_converter.register_structure_hook(_kind, _not_from_text(_kind))
    _clean_converter.register_structure_hook_func(_for(_kind | None), _optional(_kind))
_clean_converter.register_structure_hook_func(_for(int | float), _clean_number)
_clean_converter.register_structure_hook_func(_for(tuple[Quantity, ...]), _shared_records(Quantity))
_clean_converter.register_structure_hook_func(_for(tuple[Funding, ...]), _shared_records(Funding))
# Last, as it binds the hooks above: a million unique ids would fill the shared strings.
_clean_converter.register_structure_hook(
    Activity,
    make_dict_structure_fn(Activity, _clean_converter, id=override(struct_hook=_unshared_text)),
)


def _forget_shared() -> None:
    _shared.clear()
    _shared_texts.clear()
    _shared_tuples.clear()


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
        return _clean_converter.structure(body, Dataset)
    except REFUSED as error:  # the full load finds and reports what it was
        _drop_tracebacks(error)
        return None
    finally:
        _forget_shared()


_Record = TypeVar("_Record")


@contextmanager
def clean_road(kind: type[_Record]) -> Iterator[Callable[[Any], _Record]]:
    """The clean first try of ``structure_if_clean`` for one record at a time, of ``kind``.

    Yields a function that structures one parsed record and raises one of
    ``REFUSED`` where the record is not clean: then the caller takes the full
    road for that record alone (``normalize_strings``, ``structure_records``).
    Equal strings of the records structured inside the block are one shared
    object, as in a whole document.
    """
    hook = _clean_converter.get_structure_hook(kind)
    try:
        yield lambda raw: hook(raw, kind)
    finally:
        _forget_shared()


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


class DatasetLoadError(DanvanError, ValueError):
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


def canonical_text(value: str) -> str:
    """``value`` as loading keeps it: control characters removed, then ``normalize``."""
    return normalize(without_control_characters(value))


def normalize_strings(raw: Any, path: Path = ()) -> tuple[Any, list[TextChange]]:
    """Parsed JSON with every string in normal form (``canonical_text``).

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
                normal = canonical_text(value)
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
                        new = canonical_text(item)
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
    it, to list every failing field. A caller building a million records can
    pause the cyclic collector meanwhile (``danvan.collector_paused``).
    """
    _check_document(raw)
    body = {key: value for key, value in normal.items() if key != "format"}
    if "catalog" not in body:
        body["catalog"] = converter.unstructure(_default_catalog(catalog))
    dataset: Dataset = _structure_normal(body, Dataset)
    return dataset


def structure_records(normal: list[Any], kind: type[_Record]) -> tuple[_Record, ...]:
    """``normal``, a list of records whose strings are in normal form, as a tuple of ``kind``.

    Raises ``DatasetLoadError`` listing every failing field, its path starting
    at the record's index in ``normal``: the road of ``dataset_from_normal``
    for records that come one (or a few) at a time, such as JSON lines.
    """
    records: tuple[_Record, ...] = _structure_normal(normal, tuple[kind, ...])  # type: ignore[valid-type]
    return records


def _structure_normal(body: Any, kind: Any) -> Any:
    try:
        return _fast_converter.structure(body, kind)
    except REFUSED as error:  # the detailed run below reports it fully
        _drop_tracebacks(error)
    try:
        return converter.structure(body, kind)
    except (ClassValidationError, IterableValidationError) as error:
        errors = list(field_errors(error, body))
        _drop_tracebacks(error)
        raise DatasetLoadError(errors) from None


def _drop_tracebacks(error: BaseException) -> None:
    """Free what a failed structuring built, now, even while a caller pauses the collector.

    cattrs keeps the errors of each field in a list of the frame that caught
    them, and each error's traceback holds that frame: a cycle per failing
    record, holding the records half built. With the collector paused (the CLI
    reads a whole folder so) the cycles would stay until the next full collection.
    """
    todo, seen = [error], set()
    while todo:
        one = todo.pop()
        if id(one) not in seen:
            seen.add(id(one))
            one.__traceback__ = None
            inner = (one.__cause__, one.__context__, *getattr(one, "exceptions", ()))
            todo.extend(e for e in inner if isinstance(e, BaseException))


def dataset_from_json(data: bytes | str, *, catalog: Catalog | None = None) -> Dataset:
    """A dataset document's JSON text (a UTF-8 byte-order mark before it is accepted)."""
    if isinstance(data, str):
        data = data.removeprefix("\ufeff")
    elif data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
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
