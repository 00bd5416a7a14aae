"""The names a message gives a record kind or a field, in Vietnamese and English.

The record tables are the one list of these names: a sheet's title, a
record's noun and a column's label. A finding's Vietnamese message says
"dòng chỉ tiêu 1, Đơn vị tính" where its English one says
``quantities[0].unit``; a rule passes the ``Label`` these functions give as a
message value, and the message in each language takes its own text.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from danvan.labels import Label
from danvan.layout._columns import RecordTable
from danvan.layout._tables import TABLES, TABLES_BY_NAME

_BY_KIND: Mapping[str, RecordTable] = {table.record_kind: table for table in TABLES}
#: A detail table by the parent's record kind and the parent's list it fills.
_DETAILS: Mapping[tuple[str, str], RecordTable] = {
    (table.key, table.part_of): table
    for table in TABLES
    if table.part_of is not None and table.key is not None
}
#: Fields a record holds that are no column of its table.
_OTHER_FIELDS: Mapping[str, Label] = {
    "provenance": Label("nguồn dữ liệu", "provenance"),
    "format": Label("định dạng", "format"),
    "as_of": Label("ngày số liệu", "as_of"),
    "catalog": Label("danh mục", "catalog"),
    "label": Label("tên", "label"),
    "vi": Label("tiếng Việt", "vi"),
    "en": Label("tiếng Anh", "en"),
    "source": Label("tệp", "source"),
    "sheet": Label("trang tính", "sheet"),
    "row": Label("dòng", "row"),
}
_ITEM = re.compile(r"(?P<name>[^.\[\]]+)\[(?P<index>\d+)\]$")


def kind_name(kind: str) -> Label:
    """A record kind as a sentence names it: ``hoạt động`` / ``activity``."""
    table = _BY_KIND.get(kind)
    if table is None or not table.noun.vi:
        return Label(kind.replace("_", " "), kind.replace("_", " "))
    return table.noun


def table_name(name: str) -> Label:
    """A table (a sheet) by its title: ``Hoạt động`` / ``activities``."""
    table = TABLES_BY_NAME.get(name)
    return Label(name, name) if table is None else Label(table.title.vi, name)


def field_name(kind: str | None, path: str) -> Label:
    """A field of a record of ``kind`` as a message names it.

    In Vietnamese the column's label ("Số người tham gia"), a line of a detail
    table by its noun and number ("dòng chỉ tiêu 1, Giá trị") and an item of a
    list by its number ("Chủ đề, mục 2"); in English the path as the model
    writes it (``quantities[0].value``). A path the layout does not know (a
    misspelt field) is given as written.
    """
    table = _BY_KIND.get(kind or "dataset")
    if table is None:
        return Label(path, path)
    words: list[str] = []
    for part in path.split("."):
        said = _part(table, part)
        if said is None:
            return Label(path, path)
        words.append(said[0])
        table = said[1]
    return Label(", ".join(words), path)


def _part(table: RecordTable, part: str) -> tuple[str, RecordTable] | None:
    """One step of a path: its words, and the table the next step is a column of."""
    item = _ITEM.fullmatch(part)
    name = item.group("name") if item else part
    detail = _DETAILS.get((table.record_kind, name))
    if detail is not None:
        if item is None:
            return detail.title.vi, detail
        return f"{detail.noun.vi} {int(item.group('index')) + 1}", detail
    label = _column_label(table, name)
    if label is None:
        return None
    if item is not None:
        return f"{label}, mục {int(item.group('index')) + 1}", table
    return label, table


def _column_label(table: RecordTable, name: str) -> str | None:
    for column in table.columns:
        if column.name == name:
            return column.label.vi
    other = _OTHER_FIELDS.get(name)
    if other is not None:
        return other.vi
    listed = TABLES_BY_NAME.get(name)  # a list of the document: "units", "catalog.topics"
    return None if listed is None else listed.title.vi


_TYPE_WORDS: Mapping[str, str] = {
    "str": "văn bản",
    "int": "số nguyên",
    "float": "số",
    "bool": "true hoặc false",
    "date": "ngày dạng YYYY-MM-DD",
    "dict": "đối tượng JSON",
    "list": "danh sách",
    "tuple": "danh sách",
}


def type_name(expected: str) -> Label:
    """What a field must hold, as a loader names it (``date``, ``Level``, ``int | None``).

    Vietnamese gives words ("ngày dạng YYYY-MM-DD") or, for a list of values,
    the values one may write; English keeps the type's name.
    """
    text = expected.replace("typing.", "").replace("datetime.", "")
    if text.startswith("Optional[") and text.endswith("]"):
        text = text[len("Optional[") : -1]
    parts = [part.strip() for part in text.split("|") if part.strip() not in {"None", ""}]
    words = dict.fromkeys(_type_words(part) for part in parts)
    if _TYPE_WORDS["float"] in words:  # a number may be whole
        words.pop(_TYPE_WORDS["int"], None)
    return Label(" hoặc ".join(words) or expected, expected)


def _type_words(name: str) -> str:
    words = _TYPE_WORDS.get(name)
    if words is not None:
        return words
    values = _ENUM_VALUES.get(name)
    if values is not None:
        return "một trong " + ", ".join(repr(value) for value in values)
    if name.startswith(("tuple[", "list[")):
        inner = name.split("[", 1)[1].split(",")[0].rstrip("]").strip()
        return f"danh sách {_type_words(inner)}"
    table = _BY_KIND.get(_CLASS_KINDS.get(name, name.lower()))
    return name if table is None else f"{table.noun.vi} (đối tượng JSON)"


#: Model classes whose record kind is not their name in lower case.
_CLASS_KINDS: Mapping[str, str] = {
    "AdminUnit": "unit",
    "Assignment": "team_village",
    "ActivityType": "activity_type",
    "UnitFigure": "unit_figure",
}
_ENUM_VALUES: Mapping[str, tuple[str, ...]] = {
    column.enum.__name__: tuple(str(member.value) for member in column.enum)
    for table in TABLES
    for column in table.columns
    if column.enum is not None
}
