"""Official unit codes as clerks type them: zeros that Excel dropped put back, others reported.

A code typed into a cell not formatted as text becomes a number, and Excel
drops its leading zeros (``3156`` for xã Nậm Tin's ``03156``). Each level's
codes have one width (province 2, district 3, commune 5 digits; villages have
no national code), so the zeros lost are known: they are restored, with a
DV609 warning at the cell. A code that is not its level's width in digits is a
DV617 error and kept as typed: a digit too many or too few is never guessed.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterator, MutableSequence, Sequence
from decimal import Decimal
from typing import Any

from danvan.findings import Finding, Location, codes, make_finding
from danvan.importers.tabular._cells import is_empty
from danvan.model import Level

#: The number of digits of an official code, by level (villages have none).
CODE_WIDTHS: dict[Level, int] = {Level.PROVINCE: 2, Level.DISTRICT: 3, Level.COMMUNE: 5}


def _typed_digits(raw: Any) -> str | None:
    """The digits of a code typed as a number (``3156.0`` is ``3156``); None if not a whole one."""
    if isinstance(raw, bool) or not isinstance(raw, int | float | Decimal):
        return None
    if isinstance(raw, float) and not math.isfinite(raw):
        return None
    if raw < 0 or raw != int(raw):
        return None
    return str(int(raw))


def _is_digits(text: str) -> bool:
    return text.isascii() and text.isdigit()


def restore_unit_codes(
    values: MutableSequence[Any],
    raw: Sequence[Any],
    levels: Sequence[Any],
    text_cells: bool,
    locate: Callable[[int], Location],
) -> Iterator[Finding]:
    """Check the official codes of a units sheet, restoring lost zeros in ``values`` in place.

    ``values`` are the code column as read, ``raw`` its cells as the file held
    them, ``levels`` each row's level (a ``Level``, or anything else when the
    level could not be read: that row's code is not checked). ``text_cells``
    says every cell is text (CSV): a digits-only code there may have been a
    number in the workbook the CSV was saved from, so it is restored too.
    ``locate(position)`` is the finding's place for the row at ``position``.
    """
    for position, cell in enumerate(raw):
        level = levels[position]
        width = CODE_WIDTHS.get(level) if isinstance(level, Level) else None
        if width is None or is_empty(cell):
            continue
        value = values[position]
        digits = _typed_digits(cell)
        if digits is None and text_cells and isinstance(value, str) and _is_digits(value):
            digits = value
        if digits is not None and len(digits) < width:
            restored = digits.zfill(width)
            values[position] = restored
            yield make_finding(
                codes.CODE_ZEROS_RESTORED,
                locate(position),
                typed=digits,
                restored=restored,
                width=width,
                level_vi=level.label.vi.lower(),
                level_en=level.label.en.lower(),
            )
            continue
        text = digits if digits is not None else value
        if not (isinstance(text, str) and _is_digits(text) and len(text) == width):
            yield make_finding(
                codes.BAD_UNIT_CODE,
                locate(position),
                typed=str(value if value is not None else cell),
                width=width,
                level_vi=level.label.vi.lower(),
                level_en=level.label.en.lower(),
            )
