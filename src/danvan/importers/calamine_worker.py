"""The worker side of reading a workbook: python-calamine under a memory limit, nothing of danvan.

It needs only the standard library and python-calamine, so that it also runs
as a script in a fresh interpreter (``python -P calamine_worker.py MEMORY …``:
the workbook on standard input, its sheets pickled on standard output) that
starts in a few hundredths of a second. ``danvan.importers.isolation`` forks
into ``outcome`` instead when it can.
"""

from __future__ import annotations

import datetime as dt
import faulthandler
import functools
import io
import itertools
import os
import sys
from collections.abc import Callable, Iterable, Sequence
from typing import Any

OK, FAILED, NO_MEMORY, TOO_LARGE = "ok", "failed", "memory", "too large"


class TooLarge(Exception):
    """A workbook past a limit, found by its reader before any cell became a Python object."""

    def __init__(self, what: str, value: int, limit: int, setting: str) -> None:
        super().__init__(what, value, limit, setting)
        self.what, self.value, self.limit, self.setting = what, value, limit, setting


#: A sheet as the worker sends it back: name, head rows, columns, row count, first row number
#: and first column (0-based: the reader leaves out the empty columns on the left).
SheetParts = tuple[str, list[Any], list[Any], int, int, int]

_DATES = frozenset({dt.date, dt.datetime})


def turned(
    rows: Iterable[Sequence[Any]], head: int = 1, chunk: int = 512
) -> tuple[list[Sequence[Any]], list[list[Any]], int]:
    """The first ``head`` rows as they are, the others column by column (short ones padded).

    Rows are taken a chunk at a time, so each is turned round while it is
    fresh and then let go. Returns the head, the columns and their length.
    """
    iterator = iter(rows)
    first = list(itertools.islice(iterator, head))
    columns: list[list[Any]] = []
    count = 0
    while block := list(itertools.islice(iterator, chunk)):
        lengths = set(map(len, block))
        width = max(lengths)
        for _ in range(len(columns), width):
            columns.append([None] * count)
        cells = zip(*block, strict=True) if len(lengths) == 1 else itertools.zip_longest(*block)
        for column, values in zip(columns, cells, strict=False):
            column.extend(values)
        for column in columns[width:]:
            column.extend(itertools.repeat(None, len(block)))
        count += len(block)
    return first, columns, count


def packed(column: list[Any]) -> list[Any] | str:
    """The column as cheap to send back as can be (``unpacked`` undoes it).

    A column all of text becomes one string, its cells joined by NUL (checked
    absent from the text): one object to pickle, not one per cell. In a
    column of dates, equal dates become one object, pickled once.
    """
    if not column:
        return column
    kind = column[0].__class__
    if kind is str:
        try:
            joined = "\x00".join(column)
        except TypeError:  # not all text
            return column
        return joined if joined.count("\x00") == len(column) - 1 else column
    if kind in _DATES and set(map(type, column)) <= _DATES:
        distinct = dict(zip(column, column, strict=True))
        return list(map(distinct.__getitem__, column))
    return column


def unpacked(column: list[Any] | str) -> list[Any]:
    """The cells of a column as ``packed`` sent it."""
    return column.split("\x00") if isinstance(column, str) else column


def read_workbook(
    data: bytes, max_rows: int = 1_048_576, max_cells: int = 17_179_869_184
) -> list[SheetParts]:
    """Every sheet of the workbook in ``data``, rows numbered as Excel shows them.

    Raises ``ValueError`` saying why (vi / en) when the workbook or a sheet
    cannot be read, ``TooLarge`` when its sheets together hold more rows or
    cells (the rectangles the reader allocated) than allowed.
    """
    import python_calamine

    try:
        workbook = python_calamine.CalamineWorkbook.from_filelike(io.BytesIO(data))
    except Exception:
        raise ValueError(
            "không mở được sổ tính: tệp hỏng hoặc không phải sổ tính Excel / the workbook cannot "
            "be opened: the file is damaged or is not an Excel workbook"
        ) from None
    sheets: list[SheetParts] = []
    rows_so_far = cells_so_far = 0
    for name in workbook.sheet_names:
        try:
            sheet = workbook.get_sheet_by_name(name)
            rows_so_far += sheet.height
            cells_so_far += sheet.height * sheet.width
            if rows_so_far > max_rows:
                raise TooLarge(f"{name}: rows / số dòng", rows_so_far, max_rows, "max_rows")
            if cells_so_far > max_cells:
                raise TooLarge(f"{name}: cells / số ô", cells_so_far, max_cells, "max_cells")
            head, columns, count = turned(sheet.iter_rows())
            end, start = sheet.end, sheet.start
        except TooLarge:
            raise
        except Exception:
            raise ValueError(
                f"sổ tính hỏng: không đọc được trang '{name}' / damaged workbook: the sheet "
                f"'{name}' cannot be read"
            ) from None
        rows = len(head) + count
        # Number rows as Excel does: the last row yielded is the sheet's last (0-based end).
        first = end[0] + 2 - rows if end is not None and rows else 1
        left = start[1] if start is not None else 0
        heads = [list(r) for r in head]
        sheets.append((name, heads, [packed(c) for c in columns], count, first, left))
    return sheets


def limit_memory(extra: int) -> None:
    """Allow this (worker) process ``extra`` bytes of address space beyond what it holds now."""
    try:
        import resource
    except ImportError:  # no rlimits on this platform: the timeout still holds
        return
    try:
        with open("/proc/self/statm", encoding="ascii") as statm:
            held = int(statm.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")
    except (OSError, ValueError):
        held = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
    _, hard = resource.getrlimit(resource.RLIMIT_AS)
    limit = held + extra if hard == resource.RLIM_INFINITY else min(held + extra, hard)
    resource.setrlimit(resource.RLIMIT_AS, (limit, hard))


def quiet() -> None:
    """Send this worker's standard error nowhere: an aborting reader prints a backtrace there."""
    faulthandler.disable()
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, 2)
        os.close(devnull)
    except OSError:
        pass


def outcome(function: Callable[[bytes], Any], data: bytes, memory: int) -> bytes:
    """``(status, value)`` of ``function(data)`` under the memory limit, pickled.

    ``value`` is what it returned, or the message of what it raised.
    """
    import pickle  # the stdlib's, only in the worker: importing danvan spares it

    try:
        limit_memory(memory)
        result: tuple[str, Any] = (OK, function(data))
    except MemoryError:
        result = (NO_MEMORY, None)
    except TooLarge as error:
        result = (TOO_LARGE, (error.what, error.value, error.limit, error.setting))
    except Exception as error:
        result = (FAILED, str(error) or type(error).__name__)
    try:
        return pickle.dumps(result, protocol=pickle.HIGHEST_PROTOCOL)
    except MemoryError:
        return pickle.dumps((NO_MEMORY, None))


def main() -> None:
    """Script mode (``MEMORY MAX_ROWS MAX_CELLS``): the workbook on stdin, the outcome on stdout."""
    quiet()
    memory, max_rows, max_cells = map(int, sys.argv[1:4])
    data = sys.stdin.buffer.read()
    read = functools.partial(read_workbook, max_rows=max_rows, max_cells=max_cells)
    sys.stdout.buffer.write(outcome(read, data, memory))
    sys.stdout.buffer.flush()
    os._exit(0)  # at once, without taking apart what was read object by object


if __name__ == "__main__":
    main()
