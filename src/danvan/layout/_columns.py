"""What a record table is made of: columns with their cell kinds, and lists inside a cell."""

from __future__ import annotations

import enum
from collections.abc import Callable, Iterable

import attrs

from danvan.labels import Label
from danvan.tables import Column, ColumnType, Row, Table


class CellKind(enum.Enum):
    """How an importer reads a column's cells."""

    TEXT = "text"
    #: Text where an empty cell means ``None``.
    OPTIONAL_TEXT = "optional_text"
    #: Several texts in one cell, joined with "; ".
    LIST = "list"
    INTEGER = "integer"
    NUMBER = "number"
    MONEY = "money"
    DATE = "date"
    BOOLEAN = "boolean"
    ENUM = "enum"


_COLUMN_TYPES = {
    CellKind.TEXT: ColumnType.STRING,
    CellKind.OPTIONAL_TEXT: ColumnType.STRING,
    CellKind.LIST: ColumnType.STRING,
    CellKind.INTEGER: ColumnType.INTEGER,
    CellKind.NUMBER: ColumnType.NUMBER,
    CellKind.MONEY: ColumnType.MONEY,
    CellKind.DATE: ColumnType.DATE,
    CellKind.BOOLEAN: ColumnType.BOOLEAN,
    CellKind.ENUM: ColumnType.STRING,
}


@attrs.frozen
class LayoutColumn:
    """One column of a record table.

    ``required`` columns must be present in a sheet (else the table is not
    imported) and their cells must not be empty (else the row is skipped),
    unless ``allow_empty`` (names and labels, where empty means ``""``).
    """

    name: str
    label: Label
    kind: CellKind = CellKind.TEXT
    required: bool = False
    enum: type[enum.Enum] | None = None
    allow_empty: bool = False
    #: Whether the column holds personal data (see ``danvan.redact``).
    personal: bool = False

    @property
    def type(self) -> ColumnType:
        return _COLUMN_TYPES[self.kind]

    @property
    def column(self) -> Column:
        """The column as exporters see it."""
        return Column(self.name, self.label, self.type, personal=self.personal)


_NO_NOUN = Label("")


@attrs.frozen
class RecordTable:
    """One table of the layout: its name, title (the sheet name), record kind and columns."""

    name: str
    title: Label
    record_kind: str
    columns: tuple[LayoutColumn, ...]
    #: The column naming the record in findings (its id, or the parent's for detail tables).
    key: str | None = None
    #: Whether the table belongs to the catalogue (activity types, topics, indicators).
    catalog: bool = False
    #: One record of the table, as a sentence names it ("hoạt động" / "activity").
    noun: Label = _NO_NOUN
    #: For a detail table, the list of the parent record its rows fill ("quantities").
    part_of: str | None = None

    def table(self, rows: Iterable[Row] | Callable[[], Iterable[Row]] = ()) -> Table:
        return Table(
            name=self.name,
            title=self.title,
            columns=tuple(c.column for c in self.columns),
            rows=rows,
        )

    def column(self, name: str) -> LayoutColumn:
        for column in self.columns:
            if column.name == name:
                return column
        raise KeyError(name)


LIST_SEPARATOR = "; "


def join_list(items: Iterable[str]) -> str | None:
    """Items in one cell: ``"a; b"``; ``;`` and ``\\`` inside an item are backslash-escaped."""
    escaped = [i.replace("\\", "\\\\").replace(";", "\\;") for i in items]
    return LIST_SEPARATOR.join(escaped) if escaped else None


def split_list(text: str) -> list[str]:
    """The items of a cell written by :func:`join_list` (or typed with ``;``), empties dropped."""
    if "\\" not in text:
        return [part.strip() for part in text.split(";") if part.strip()]
    items: list[str] = []
    current: list[str] = []
    chars = iter(text)
    for ch in chars:
        if ch == "\\":
            current.append(next(chars, "\\"))
        elif ch == ";":
            items.append("".join(current).strip())
            current = []
        else:
            current.append(ch)
    items.append("".join(current).strip())
    return [item for item in items if item]


def column_letter(number: int) -> str:
    """The letters of column ``number`` as a spreadsheet shows them: 1 is ``A``, 27 ``AA``.

    Findings name a cell's column by its letter beside its header as written.
    """
    letters = ""
    while number > 0:
        number, rest = divmod(number - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return letters
