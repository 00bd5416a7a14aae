"""A dataset to JSON and back: the documents' own road, raising ``DatasetLoadError``.

``dataset_from_json`` and ``dataset_from_raw`` try the quick road (``Loader``)
first and take the full road (normalise every string, then structure) only for
a document it refuses. ``load_checked`` (``_checked``) gives the same dataset
with findings instead of an exception.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

import orjson
from cattrs.errors import ClassValidationError, IterableValidationError

from danvan.loading._converter import FORMAT, FULL_FIRST_TRY, converter
from danvan.loading._errors import DatasetLoadError, FieldError, drop_tracebacks, field_errors
from danvan.loading._normal import normalize_strings
from danvan.loading._quick import REFUSED, Loader
from danvan.model import Catalog, Dataset

_Record = TypeVar("_Record")


def dataset_to_raw(dataset: Dataset) -> dict[str, Any]:
    """The dataset as plain JSON-ready data; the catalogue is always written out."""
    raw: dict[str, Any] = converter.unstructure(dataset)
    raw["catalog"] = converter.unstructure(dataset.catalog)
    return {"format": FORMAT, **raw}


def dataset_to_json(dataset: Dataset, *, indent: bool = False) -> bytes:
    """The dataset document as UTF-8 JSON text (``indent``: two spaces, for people to read)."""
    option = orjson.OPT_INDENT_2 if indent else 0
    return orjson.dumps(dataset_to_raw(dataset), option=option)


def dataset_from_json(data: bytes | str, *, catalog: Catalog) -> Dataset:
    """A dataset document's JSON text (a UTF-8 byte-order mark before it is accepted).

    A document without a ``catalog`` takes ``catalog``. Raises
    ``DatasetLoadError`` listing every field that does not fit the model.
    """
    if isinstance(data, str):
        data = data.removeprefix("\ufeff")
    elif data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        raw = orjson.loads(data)
    except orjson.JSONDecodeError as error:
        raise DatasetLoadError([FieldError((), f"invalid JSON: {error}")]) from None
    return dataset_from_raw(raw, catalog=catalog)


def dataset_from_raw(raw: Any, *, catalog: Catalog, loader: Loader | None = None) -> Dataset:
    """Structure parsed JSON into a ``Dataset``; raise ``DatasetLoadError`` listing every problem.

    A document without a ``catalog`` takes ``catalog``. ``loader`` is the
    quick road to try first (a new one by default).
    """
    dataset = (loader or Loader()).dataset(raw, catalog=catalog)
    if dataset is not None:
        return dataset
    check_document(raw)
    normal, _ = normalize_strings(raw)
    return dataset_from_normal(raw, normal, catalog=catalog)


def check_document(raw: Any) -> None:
    """Raise ``DatasetLoadError`` unless ``raw`` is an object of the dataset ``FORMAT``."""
    if not isinstance(raw, Mapping):
        raise DatasetLoadError(
            [FieldError((), "not an object", "a JSON object", type(raw).__name__)]
        )
    declared = raw.get("format", FORMAT)
    if declared != FORMAT:
        raise DatasetLoadError([FieldError(("format",), "unknown format", FORMAT, declared)])


def dataset_from_normal(raw: Any, normal: Any, *, catalog: Catalog) -> Dataset:
    """``dataset_from_raw`` for a document whose strings ``normalize_strings`` already made normal.

    ``raw`` is the document as parsed (its ``format`` is checked as written);
    ``normal`` is the normalised copy that gets structured. For callers that
    report the text changes themselves and should not walk the strings twice.

    Structuring first runs without cattrs' detailed validation, which is
    several times faster; only a document that fails is structured again with
    it, to list every failing field. A caller building a million records can
    pause the cyclic collector meanwhile (``danvan.collector_paused``).
    """
    check_document(raw)
    body = {key: value for key, value in normal.items() if key != "format"}
    if "catalog" not in body:
        body["catalog"] = converter.unstructure(catalog)
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
        return FULL_FIRST_TRY.structure(body, kind)
    except REFUSED as error:  # the detailed run below reports it fully
        drop_tracebacks(error)
    try:
        return converter.structure(body, kind)
    except (ClassValidationError, IterableValidationError) as error:
        errors = list(field_errors(error, body))
        drop_tracebacks(error)
        raise DatasetLoadError(errors) from None
