"""The quick road: a converter derived from the canonical one that takes only what is clean.

Most documents are clean: every string already in normal form, every number a
number. For them the full road (normalise every string, then structure) does
work that changes nothing. The quick road structures the parsed document in
one pass with a converter derived from the canonical one (``Converter.copy``),
whose hooks differ only where they must: a string is taken only when it is
already normal, a number or a flag never from a text. It succeeds exactly when
the full road would change nothing and find nothing; otherwise it raises one of
``REFUSED`` and the caller takes the full road, which reports what it was.

A ``Loader`` is one load: while it structures, the hooks share equal strings,
lists of texts, quantities, funding lines and dates among the records they
build, in memories the loader owns and that are dropped with it. The hooks
find the loader at work through a context variable, set for the duration of
its calls only: no cache outlives the load, and loads in two threads do not
meet. The converter itself is built once: one per load would leave its
cycles to the collector after every document, which a caller that pauses the
collector over a folder of files would pay for in memory.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from contextvars import ContextVar
from datetime import date
from typing import Any, TypeVar

import attrs
import orjson
from cattrs.errors import ForbiddenExtraKeysError
from cattrs.gen import make_dict_structure_fn, override
from cattrs.preconf.orjson import OrjsonConverter

from danvan.loading._converter import EXACT_FLOAT_INT, FORMAT, FULL_FIRST_TRY, converter
from danvan.loading._errors import drop_tracebacks
from danvan.model import Activity, Catalog, Dataset, Funding, Quantity
from danvan.text import has_control_characters, normalize


class _NotClean(Exception):
    """A value the quick road does not take; the full road handles it."""


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
"""What the quick road (no detailed validation) raises for input it does not take.

Only these send a document (or a line) down the full road; any other exception
is a bug of the quick road and surfaces instead of hiding behind the slow one.
"""

_SHARED_AT_MOST = 100_000
"""Past this many distinct tuples (or dates) the values are too varied to be worth remembering."""

_Record = TypeVar("_Record")


class Loader:
    """One load by the quick road; what it shares among records lives and dies with it.

    Make one per document (or per stream of JSON lines) and drop it after.
    """

    __slots__ = ("dates", "strings", "texts", "tuples")

    def __init__(self) -> None:
        self.strings: dict[str, str] = {}
        self.texts: dict[tuple[str, ...], tuple[str, ...]] = {}
        self.tuples: dict[tuple[type[Any], bytes], tuple[Any, ...]] = {}
        self.dates: dict[str, date] = {}

    @contextmanager
    def active(self) -> Iterator[None]:
        """The block in which the quick road's hooks share into this loader's memories."""
        strings, texts = _STRINGS.set(self.strings), _TEXTS.set(self.texts)
        tuples, dates = _TUPLES.set(self.tuples), _DATES.set(self.dates)
        try:
            yield
        finally:
            _DATES.reset(dates)
            _TUPLES.reset(tuples)
            _TEXTS.reset(texts)
            _STRINGS.reset(strings)

    def dataset(self, raw: Any, *, catalog: Catalog) -> Dataset | None:
        """The dataset of a document that fits the model with every string in normal form.

        ``None`` otherwise, and then the full road says what is wrong. A
        document without a ``catalog`` takes ``catalog``. One pass and no
        copy of the document.
        """
        if not isinstance(raw, Mapping) or raw.get("format", FORMAT) != FORMAT:
            return None
        body = {key: value for key, value in raw.items() if key != "format"}
        if "catalog" not in body:
            body["catalog"] = converter.unstructure(catalog)
        try:
            with self.active():
                dataset: Dataset = _QUICK.structure(body, Dataset)
        except REFUSED as error:  # the full road finds and reports what it was
            drop_tracebacks(error)
            return None
        return dataset


def structurer(kind: type[_Record]) -> Callable[[Any, type[_Record]], _Record]:
    """The quick road for one parsed record at a time, inside ``Loader.active()``.

    Call it with the record and ``kind`` (it is the converter's hook itself:
    a million JSON lines would pay for every call between them and it). It
    raises one of ``REFUSED`` where the record is not clean: then the caller
    takes the full road for that record alone. Equal strings of the records
    built in one loader's block are one shared object, as in a whole document.
    """
    hook: Callable[[Any, type[_Record]], _Record] = _QUICK.get_structure_hook(kind)
    return hook


def structure_if_clean(raw: Any, *, catalog: Catalog) -> Dataset | None:
    """``Loader().dataset(raw, catalog=catalog)``: the quick road for one document."""
    return Loader().dataset(raw, catalog=catalog)


def structure_data(raw: Any, kind: Any) -> Any:
    """``raw`` as a ``kind``: by the quick road when it is clean, else by the canonical converter.

    For data that comes whole and is seldom wrong (the bundled catalogue, units and
    reporting line, a unit registry's document): the quick road builds it with the
    structuring code that a document's records use too, and the canonical converter's
    own code is generated only when the quick road refuses, to say what is wrong.
    """
    try:
        with Loader().active():
            return _QUICK.structure(raw, kind)
    except REFUSED as error:  # the canonical converter takes it, or says what is wrong
        drop_tracebacks(error)
    return converter.structure(raw, kind)


# The memories of the loader whose block is running, one variable each, so that a hook
# reaches the one it needs in one call; outside every block the hooks fail (LookupError).
_STRINGS: ContextVar[dict[str, str]] = ContextVar("danvan.loading.strings")
_TEXTS: ContextVar[dict[tuple[str, ...], tuple[str, ...]]] = ContextVar("danvan.loading.texts")
_TUPLES: ContextVar[dict[tuple[type[Any], bytes], tuple[Any, ...]]] = ContextVar(
    "danvan.loading.tuples"
)
_DATES: ContextVar[dict[str, date]] = ContextVar("danvan.loading.dates")
_strings, _texts, _tuples, _dates = _STRINGS.get, _TEXTS.get, _TUPLES.get, _DATES.get


def _is_clean_text(value: str) -> bool:
    # An ASCII word (most ids) is normal already: normalize would only fix spaces.
    return (value.isascii() and value.isalnum()) or (
        normalize(value) == value and not has_control_characters(value)
    )


def _normal_text(value: Any, _: Any = None) -> str:
    strings = _strings()
    # An unhashable value fails the look-up with TypeError, which refuses it (REFUSED).
    shared = strings.get(value)
    if shared is None:
        # The test of _is_clean_text, written out: a call per new string costs.
        if value.__class__ is not str or not (
            (value.isascii() and value.isalnum())
            or (
                normalize(value) == value
                and (value.isprintable() or not has_control_characters(value))
            )
        ):
            raise _NotClean
        shared = strings[value] = value
    return shared


def _unshared_text(value: Any, _: Any = None) -> str:
    """A clean string not remembered: an activity's id is unique, sharing it would be waste."""
    if value.__class__ is str and value.isascii() and value.isalnum():
        return value  # most ids: normal already, checked without a call
    if not isinstance(value, str) or not _is_clean_text(value):
        raise _NotClean
    return value


def _normal_texts(value: Any, _: Any) -> tuple[str, ...]:
    """A ``tuple[str, ...]``, shared: a million activities have a few hundred topic lists."""
    texts = _texts()
    key = tuple(value)  # whatever cattrs would iterate, so that the result is the same
    shared = texts.get(key)
    if shared is None:
        shared = tuple([_normal_text(item) for item in key])
        if len(texts) < _SHARED_AT_MOST:
            texts[shared] = shared
    return shared


def _iso_date(value: Any, _: Any) -> date:
    """A year of activities has 365 dates: each is parsed once and the (immutable) date shared."""
    dates = _dates()
    day = dates.get(value)
    if day is None:
        day = date.fromisoformat(value)
        if len(dates) < _SHARED_AT_MOST:
            dates[value] = day
    return day


def _shared_records(kind: type[Any]) -> Any:
    """A ``tuple[kind, ...]`` hook that shares equal tuples of (frozen) records.

    Keyed by the JSON text of the value, which tells ``1`` from ``1.0`` where
    equality does not: a quantity or a funding line repeats across thousands
    of activities, and each distinct one is then held (and built) once. Values
    that JSON text would confuse with others are refused (dataclasses, dates
    and subclasses, which then take the full road) or not remembered (a value
    that is not finite, written ``null``).
    """
    item = _QUICK.get_structure_hook(kind)
    dumps = orjson.dumps
    exact = (
        orjson.OPT_PASSTHROUGH_DATACLASS
        | orjson.OPT_PASSTHROUGH_DATETIME
        | orjson.OPT_PASSTHROUGH_SUBCLASS
    )

    def structure(value: Any, _: Any) -> tuple[Any, ...]:
        tuples = _tuples()
        key = (kind, dumps(value, option=exact))
        shared = tuples.get(key)
        if shared is None:
            shared = tuple([item(record, kind) for record in value])
            if len(tuples) < _SHARED_AT_MOST and all(map(_finite, shared)):
                tuples[key] = shared
        return shared

    return structure


def _finite(record: Any) -> bool:
    return not any(
        isinstance(value, float) and not math.isfinite(value)
        for value in attrs.astuple(record, recurse=False)
    )


def _for(wanted: Any) -> Callable[[Any], bool]:
    # Generic aliases such as ``tuple[str, ...]`` are registered by equality, not by class.
    return lambda kind: bool(kind == wanted)


def _not_from_text(kind: type[Any]) -> Any:
    """Takes a value of exactly ``kind`` (an int for a float too); else the full road."""
    also = int if kind is float else kind

    def structure(value: Any, _: Any) -> Any:
        if value.__class__ is kind:
            return value
        if value.__class__ is also and abs(value) <= EXACT_FLOAT_INT:
            return kind(value)
        raise _NotClean

    return structure


def _optional(kind: type[Any]) -> Any:
    structure_kind = _not_from_text(kind)

    def structure(value: Any, _: Any) -> Any:
        return None if value is None else structure_kind(value, kind)

    return structure


def _clean_number(value: Any, _: Any) -> int | float:
    if value.__class__ is int or value.__class__ is float:
        return value
    raise _NotClean


_QUICK: OrjsonConverter = FULL_FIRST_TRY.copy()
"""``FULL_FIRST_TRY`` copied, with the hooks that differ: the quick road's converter."""
_QUICK.register_structure_hook(date, _iso_date)
_QUICK.register_structure_hook(str, _normal_text)
_QUICK.register_structure_hook_func(_for(tuple[str, ...]), _normal_texts)
for _kind in (int, float, bool):
    _QUICK.register_structure_hook(_kind, _not_from_text(_kind))
    _QUICK.register_structure_hook_func(_for(_kind | None), _optional(_kind))
_QUICK.register_structure_hook_func(_for(int | float), _clean_number)
_QUICK.register_structure_hook_func(_for(tuple[Quantity, ...]), _shared_records(Quantity))
_QUICK.register_structure_hook_func(_for(tuple[Funding, ...]), _shared_records(Funding))
# Last, as it binds the hooks above: a million unique ids would fill the shared strings.
_QUICK.register_structure_hook(
    Activity,
    make_dict_structure_fn(Activity, _QUICK, id=override(struct_hook=_unshared_text)),
)
