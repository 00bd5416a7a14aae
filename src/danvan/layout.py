"""The dataset as flat record tables: the one description of sheets and columns.

Exporting a dataset (``dataset_bundle``), the template a commune fills in
(``template_bundle``) and every tabular importer share this layout, so a header
written by one is recognised by the others. One table per record kind; what a
record holds several of (a team's villages, an activity's quantities and
funding) is a detail table keyed by the record's id. Lists inside one cell
(topics, partners, predecessors) are joined with ``"; "``; a ``;`` or ``\\``
inside an item is written ``\\;`` or ``\\\\`` (see :func:`join_list`).

Provenance is not a column: on import it is filled from the file, sheet and
row; on export it is dropped except for the ``illustrative`` flag.
"""

from __future__ import annotations

import enum
from collections.abc import Callable, Iterable, Iterator
from typing import Any

import attrs

from danvan.labels import Label
from danvan.model import (
    Aggregation,
    Catalog,
    Dataset,
    Field,
    FundingSource,
    Gender,
    Level,
    OrganizationKind,
    Provenance,
    QuantityUnit,
    Role,
    Status,
)
from danvan.model.people import MEMBER_PERSONAL_FIELDS
from danvan.tables import Bundle, BundleMetadata, Column, ColumnType, Row, Table


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


def _c(
    name: str,
    vi: str,
    en: str,
    kind: CellKind = CellKind.TEXT,
    *,
    required: bool = False,
    enum: type[enum.Enum] | None = None,
) -> LayoutColumn:
    # Names and labels may be empty; ids, references, dates and values may not.
    allow_empty = name in {"name", "full_name", "label_vi"}
    return LayoutColumn(name, Label(vi, en), kind, required, enum, allow_empty)


T, OT, LIST = CellKind.TEXT, CellKind.OPTIONAL_TEXT, CellKind.LIST
INT, NUM, MONEY, DATE = CellKind.INTEGER, CellKind.NUMBER, CellKind.MONEY, CellKind.DATE
BOOL, ENUM = CellKind.BOOLEAN, CellKind.ENUM

ILLUSTRATIVE = _c("illustrative", "Minh họa", "Illustrative", BOOL)
_ID = _c("id", "Mã", "Id", required=True)

DATASET = RecordTable(
    "dataset",
    Label("Bộ dữ liệu", "Dataset"),
    "dataset",
    (_c("title", "Tên bộ dữ liệu", "Title"), _c("description", "Mô tả", "Description")),
)
UNITS = RecordTable(
    "units",
    Label("Đơn vị hành chính", "Administrative units"),
    "unit",
    (
        _ID,
        _c("name", "Tên đơn vị", "Name", required=True),
        _c("level", "Cấp", "Level", ENUM, required=True, enum=Level),
        _c("parent", "Mã đơn vị cấp trên", "Parent id", OT),
        _c("code", "Mã hành chính", "Official code", OT),
        _c("valid_from", "Hiệu lực từ ngày", "Valid from", DATE),
        _c("valid_until", "Hiệu lực đến ngày", "Valid until", DATE),
        ILLUSTRATIVE,
    ),
    key="id",
)
ORGANIZATIONS = RecordTable(
    "organizations",
    Label("Cơ quan, đơn vị", "Organisations"),
    "organization",
    (
        _ID,
        _c("name", "Tên cơ quan", "Name", required=True),
        _c("kind", "Loại cơ quan", "Kind", ENUM, required=True, enum=OrganizationKind),
        _c("unit", "Mã địa bàn", "Unit id", OT),
        ILLUSTRATIVE,
    ),
    key="id",
)
MEMBERS = RecordTable(
    "members",
    Label("Thành viên", "Members"),
    "member",
    tuple(
        attrs.evolve(c, personal=c.name in MEMBER_PERSONAL_FIELDS)
        for c in (
            _ID,
            _c("full_name", "Họ và tên", "Full name", required=True),
            _c("gender", "Giới tính", "Gender", ENUM, enum=Gender),
            _c("ethnicity", "Dân tộc", "Ethnicity", OT),
            _c("organization", "Mã cơ quan", "Organisation id", OT),
            _c("position", "Chức vụ", "Position", OT),
            _c("party_member", "Đảng viên", "Party member", BOOL),
            ILLUSTRATIVE,
        )
    ),
    key="id",
)
TEAMS = RecordTable(
    "teams",
    Label("Tổ Dân vận", "Teams"),
    "team",
    (
        _ID,
        _c("name", "Tên tổ", "Name", required=True),
        _c("decision", "Quyết định thành lập", "Founding decision", OT),
        _c("established", "Ngày thành lập", "Established", DATE),
        _c("dissolved", "Ngày giải thể", "Dissolved", DATE),
        ILLUSTRATIVE,
    ),
    key="id",
)
TEAM_VILLAGES = RecordTable(
    "team_villages",
    Label("Địa bàn phụ trách", "Team villages"),
    "team_village",
    (
        _c("team", "Mã tổ", "Team id", required=True),
        _c("village", "Mã bản", "Village id", required=True),
        _c("valid_from", "Từ ngày", "Valid from", DATE),
        _c("valid_until", "Đến ngày", "Valid until", DATE),
    ),
    key="team",
)
MEMBERSHIPS = RecordTable(
    "memberships",
    Label("Phân công thành viên", "Memberships"),
    "membership",
    (
        _ID,
        _c("team", "Mã tổ", "Team id", required=True),
        _c("member", "Mã thành viên", "Member id", required=True),
        _c("role", "Vai trò", "Role", ENUM, enum=Role),
        _c("valid_from", "Từ ngày", "Valid from", DATE),
        _c("valid_until", "Đến ngày", "Valid until", DATE),
        ILLUSTRATIVE,
    ),
    key="id",
)
ACTIVITIES = RecordTable(
    "activities",
    Label("Hoạt động", "Activities"),
    "activity",
    (
        _ID,
        _c("team", "Mã tổ", "Team id", required=True),
        _c("village", "Mã bản", "Village id", required=True),
        _c("date", "Ngày", "Date", DATE, required=True),
        _c("type", "Loại hoạt động", "Activity type", required=True),
        _c("title", "Nội dung", "Title"),
        _c("topics", "Chủ đề", "Topics", LIST),
        _c("participants", "Số người tham gia", "Participants", INT),
        _c("households", "Số hộ", "Households", INT),
        _c("partners", "Phối hợp", "Partners", LIST),
        _c("status", "Trạng thái", "Status", ENUM, enum=Status),
        _c("note", "Ghi chú", "Note"),
        ILLUSTRATIVE,
    ),
    key="id",
)
ACTIVITY_QUANTITIES = RecordTable(
    "activity_quantities",
    Label("Chỉ tiêu hoạt động", "Activity quantities"),
    "quantity",
    (
        _c("activity", "Mã hoạt động", "Activity id", required=True),
        _c("indicator", "Mã chỉ tiêu", "Indicator", required=True),
        _c("value", "Giá trị", "Value", NUM, required=True),
        _c("unit", "Đơn vị tính", "Unit", OT),
    ),
    key="activity",
)
ACTIVITY_FUNDING = RecordTable(
    "activity_funding",
    Label("Kinh phí hoạt động", "Activity funding"),
    "funding",
    (
        _c("activity", "Mã hoạt động", "Activity id", required=True),
        _c("source", "Nguồn kinh phí", "Source", ENUM, required=True, enum=FundingSource),
        _c("amount", "Số tiền (đồng)", "Amount (đồng)", MONEY, required=True),
        _c("donor", "Nhà tài trợ", "Donor", OT),
    ),
    key="activity",
)
SUCCESSIONS = RecordTable(
    "successions",
    Label("Sáp nhập đơn vị", "Successions"),
    "succession",
    (
        _c("predecessors", "Đơn vị trước", "Predecessors", LIST, required=True),
        _c("successor", "Đơn vị kế thừa", "Successor", required=True),
        _c("date", "Ngày hiệu lực", "Date", DATE, required=True),
        _c("share", "Tỷ lệ", "Share", NUM),
        _c("reference", "Căn cứ", "Reference", OT),
        ILLUSTRATIVE,
    ),
    key="successor",
)
ACTIVITY_TYPES = RecordTable(
    "activity_types",
    Label("Loại hoạt động", "Activity types"),
    "activity_type",
    (
        _c("code", "Mã", "Code", required=True),
        _c("label_vi", "Tên (tiếng Việt)", "Label (Vietnamese)", required=True),
        _c("label_en", "Tên (tiếng Anh)", "Label (English)"),
        _c("field", "Lĩnh vực", "Field", ENUM, required=True, enum=Field),
        _c("monthly_meeting", "Họp định kỳ tháng", "Monthly meeting", BOOL),
    ),
    key="code",
    catalog=True,
)
TOPICS = RecordTable(
    "topics",
    Label("Chủ đề", "Topics"),
    "topic",
    (
        _c("code", "Mã", "Code", required=True),
        _c("label_vi", "Tên (tiếng Việt)", "Label (Vietnamese)", required=True),
        _c("label_en", "Tên (tiếng Anh)", "Label (English)"),
        _c("field", "Lĩnh vực", "Field", ENUM, enum=Field),
    ),
    key="code",
    catalog=True,
)
INDICATORS = RecordTable(
    "indicators",
    Label("Chỉ tiêu", "Indicators"),
    "indicator",
    (
        _c("code", "Mã", "Code", required=True),
        _c("label_vi", "Tên (tiếng Việt)", "Label (Vietnamese)", required=True),
        _c("label_en", "Tên (tiếng Anh)", "Label (English)"),
        _c("unit", "Đơn vị tính", "Unit", ENUM, required=True, enum=QuantityUnit),
        _c("aggregation", "Cách cộng dồn", "Aggregation", ENUM, enum=Aggregation),
    ),
    key="code",
    catalog=True,
)

#: Every table of the layout, in the order they are written.
TABLES: tuple[RecordTable, ...] = (
    DATASET,
    UNITS,
    ORGANIZATIONS,
    MEMBERS,
    TEAMS,
    TEAM_VILLAGES,
    MEMBERSHIPS,
    ACTIVITIES,
    ACTIVITY_QUANTITIES,
    ACTIVITY_FUNDING,
    SUCCESSIONS,
    ACTIVITY_TYPES,
    TOPICS,
    INDICATORS,
)
TABLES_BY_NAME: dict[str, RecordTable] = {t.name: t for t in TABLES}

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


def _flag(provenance: Provenance | None) -> bool | None:
    return True if provenance is not None and provenance.illustrative else None


def _value(member: enum.Enum | None) -> Any:
    return None if member is None else member.value


def _unit_rows(dataset: Dataset) -> Iterator[Row]:
    for u in dataset.units:
        yield (
            u.id,
            u.name,
            u.level.value,
            u.parent,
            u.code,
            u.valid_from,
            u.valid_until,
            _flag(u.provenance),
        )


def _organization_rows(dataset: Dataset) -> Iterator[Row]:
    for o in dataset.organizations:
        yield (o.id, o.name, o.kind.value, o.unit, _flag(o.provenance))


def _member_rows(dataset: Dataset) -> Iterator[Row]:
    for m in dataset.members:
        yield (
            m.id,
            m.full_name,
            m.gender.value,
            m.ethnicity,
            m.organization,
            m.position,
            m.party_member,
            _flag(m.provenance),
        )


def _team_rows(dataset: Dataset) -> Iterator[Row]:
    for t in dataset.teams:
        yield (t.id, t.name, t.decision, t.established, t.dissolved, _flag(t.provenance))


def _team_village_rows(dataset: Dataset) -> Iterator[Row]:
    for t in dataset.teams:
        for a in t.villages:
            yield (t.id, a.village, a.valid_from, a.valid_until)


def _membership_rows(dataset: Dataset) -> Iterator[Row]:
    for s in dataset.memberships:
        yield (
            s.id,
            s.team,
            s.member,
            s.role.value,
            s.valid_from,
            s.valid_until,
            _flag(s.provenance),
        )


def _activity_rows(dataset: Dataset) -> Iterator[Row]:
    for a in dataset.activities:
        yield (
            a.id,
            a.team,
            a.village,
            a.date,
            a.type,
            a.title,
            join_list(a.topics),
            a.participants,
            a.households,
            join_list(a.partners),
            a.status.value,
            a.note,
            _flag(a.provenance),
        )


def _quantity_rows(dataset: Dataset) -> Iterator[Row]:
    for a in dataset.activities:
        for q in a.quantities:
            yield (a.id, q.indicator, q.value, q.unit)


def _funding_rows(dataset: Dataset) -> Iterator[Row]:
    for a in dataset.activities:
        for f in a.funding:
            yield (a.id, f.source.value, f.amount, f.donor)


def _succession_rows(dataset: Dataset) -> Iterator[Row]:
    for s in dataset.successions:
        yield (
            join_list(s.predecessors),
            s.successor,
            s.date,
            s.share,
            s.reference,
            _flag(s.provenance),
        )


def _dataset_rows(dataset: Dataset) -> Iterator[Row]:
    yield (dataset.title, dataset.description)


_ROWS: dict[str, Callable[[Dataset], Iterator[Row]]] = {
    "dataset": _dataset_rows,
    "units": _unit_rows,
    "organizations": _organization_rows,
    "members": _member_rows,
    "teams": _team_rows,
    "team_villages": _team_village_rows,
    "memberships": _membership_rows,
    "activities": _activity_rows,
    "activity_quantities": _quantity_rows,
    "activity_funding": _funding_rows,
    "successions": _succession_rows,
}


def _rows(dataset: Dataset, name: str) -> Iterator[Row]:
    """The rows of table ``name`` for ``dataset``, generated lazily."""
    if name in _ROWS:
        return _ROWS[name](dataset)
    return _catalog_rows(dataset.catalog, name)


def _catalog_rows(catalog: Catalog, name: str) -> Iterator[Row]:
    if name == "activity_types":
        for t in catalog.activity_types:
            yield (t.code, t.label.vi, t.label.en, t.field.value, t.monthly_meeting)
    elif name == "topics":
        for p in catalog.topics:
            yield (p.code, p.label.vi, p.label.en, _value(p.field))
    elif name == "indicators":
        for i in catalog.indicators:
            yield (i.code, i.label.vi, i.label.en, i.unit.value, i.aggregation.value)
    else:
        raise KeyError(f"no table {name!r} in the layout")


def _lazy(dataset: Dataset, name: str) -> Callable[[], Iterator[Row]]:
    return lambda: _rows(dataset, name)


def dataset_bundle(dataset: Dataset, *, include_catalog: bool = True) -> Bundle:
    """``dataset`` as a bundle of record tables (rows generated lazily, re-readable)."""
    tables = [t.table(_lazy(dataset, t.name)) for t in TABLES if include_catalog or not t.catalog]
    title = dataset.title or "danvan"
    return Bundle(tables, BundleMetadata(title=Label(title, title), source=dataset.description))


def template_bundle(*, catalog: Catalog | None = None) -> Bundle:
    """The tables a commune fills in: record tables empty, the catalogue listed for reference.

    The catalogue tables hold ``catalog`` (by default the bundled one) so that
    the codes to type are in the workbook; an imported workbook uses them.
    """
    if catalog is None:
        from danvan.bundled import default_catalog

        catalog = default_catalog()
    listed = catalog

    def rows(table: RecordTable) -> Callable[[], Iterator[Row]]:
        return lambda: _catalog_rows(listed, table.name)

    tables = [t.table(rows(t) if t.catalog else ()) for t in TABLES]
    return Bundle(
        tables,
        BundleMetadata(
            title=Label("Mẫu báo cáo Tổ Dân vận", "Team report template"),
            source="danvan template",
        ),
    )
