"""What every record carries: where it came from."""

from __future__ import annotations

from collections.abc import Mapping

import attrs

#: The columns of one sheet: each model field read from it, with the column's
#: letter and its header as written in the file (``{"value": ("G", "Giá trị")}``;
#: no letter for a format that has none, a JSON table).
SheetColumns = Mapping[str, tuple[str | None, str]]


@attrs.frozen
class Provenance:
    """Where a record came from, so that a finding can point at the cell to fix.

    ``row`` is 1-based, as a spreadsheet shows it. ``illustrative`` marks records
    of the bundled sample whose details the source article does not give.
    ``columns`` says, for a record read from a sheet, in which column (letter
    and header as written) each field was typed: one mapping per sheet, shared
    by every record of it (so it costs one pointer a record), left out of
    equality, hashing and the JSON form (where a record came from is not what
    it says).
    """

    source: str | None = None
    sheet: str | None = None
    row: int | None = None
    illustrative: bool = False
    columns: SheetColumns | None = attrs.field(default=None, eq=False, repr=False)

    def column(self, field: str) -> tuple[str | None, str] | None:
        """The letter and header of the column ``field`` was read from, if known."""
        return None if self.columns is None else self.columns.get(field)
