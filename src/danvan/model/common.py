"""What every record carries: where it came from."""

from __future__ import annotations

import attrs


@attrs.frozen
class Provenance:
    """Where a record came from, so that a finding can point at the cell to fix.

    ``row`` is 1-based, as a spreadsheet shows it. ``illustrative`` marks records
    of the bundled sample whose details the source article does not give.
    """

    source: str | None = None
    sheet: str | None = None
    row: int | None = None
    illustrative: bool = False
