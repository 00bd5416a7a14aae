"""What does not fit the model: paths into a document, ``FieldError``, ``DatasetLoadError``.

cattrs reports a failed structuring as a tree of exception groups; this room
flattens it into one ``FieldError`` per failing field, each with its path in
the document, and frees what the failed attempt built.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import attrs
from cattrs.errors import (
    ClassValidationError,
    ForbiddenExtraKeysError,
    IterableValidationError,
    IterableValidationNote,
)

from danvan.errors import DanvanError

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


def drop_tracebacks(error: BaseException) -> None:
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
