"""The record tables, one per record kind: their names, titles and columns (declarations)."""

from __future__ import annotations

import enum

import attrs

from danvan.labels import Label
from danvan.layout._columns import CellKind, LayoutColumn, RecordTable
from danvan.model import (
    Aggregation,
    BodyKind,
    Bound,
    Field,
    FundingSource,
    Gender,
    Level,
    OrganizationKind,
    QuantityUnit,
    Role,
    Status,
)
from danvan.model.people import MEMBER_PERSONAL_FIELDS


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
    noun=Label("bộ dữ liệu", "dataset"),
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
    noun=Label("đơn vị hành chính", "unit"),
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
    noun=Label("cơ quan, đơn vị", "organisation"),
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
    noun=Label("thành viên", "member"),
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
    noun=Label("Tổ Dân vận", "team"),
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
    noun=Label("địa bàn phụ trách", "village assignment"),
    part_of="villages",
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
    noun=Label("phân công thành viên", "membership"),
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
    noun=Label("hoạt động", "activity"),
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
    noun=Label("dòng chỉ tiêu", "quantity"),
    part_of="quantities",
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
    noun=Label("dòng kinh phí", "funding line"),
    part_of="funding",
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
    noun=Label("sáp nhập đơn vị", "succession"),
)
FIGURES = RecordTable(
    "figures",
    Label("Số liệu chung của đơn vị", "Figures of whole units"),
    "unit_figure",
    (
        _ID,
        _c("unit", "Mã đơn vị", "Unit id", required=True),
        _c("indicator", "Mã chỉ tiêu", "Indicator", required=True),
        _c("value", "Giá trị", "Value", NUM, required=True),
        _c("bound", "Mức chính xác", "Bound", ENUM, enum=Bound),
        _c("start", "Từ ngày", "Start", DATE, required=True),
        _c("end", "Đến ngày", "End", DATE, required=True),
        _c("source", "Nguồn số liệu", "Source", OT),
        _c("note", "Ghi chú", "Note"),
        ILLUSTRATIVE,
    ),
    key="id",
    noun=Label("số liệu chung", "unit figure"),
)
TARGETS = RecordTable(
    "targets",
    Label("Kế hoạch", "Plan targets"),
    "target",
    (
        _ID,
        _c("unit", "Mã đơn vị", "Unit id", required=True),
        _c("indicator", "Mã chỉ tiêu", "Indicator", required=True),
        _c("start", "Từ ngày", "Start", DATE, required=True),
        _c("end", "Đến ngày", "End", DATE, required=True),
        _c("value", "Chỉ tiêu kế hoạch", "Target", NUM, required=True),
        _c("note", "Ghi chú", "Note"),
        ILLUSTRATIVE,
    ),
    key="id",
    noun=Label("chỉ tiêu kế hoạch", "plan target"),
)
SUBMISSIONS = RecordTable(
    "submissions",
    Label("Nộp báo cáo", "Submissions"),
    "submission",
    (
        _ID,
        _c("reporter", "Đơn vị báo cáo", "Reporter", OT),
        _c("start", "Từ ngày", "Start", DATE),
        _c("end", "Đến ngày", "End", DATE),
        _c("received", "Ngày nhận", "Received", DATE),
        _c("file", "Tệp", "File"),
        _c("sha256", "Mã băm SHA-256", "SHA-256"),
        _c("sent_by", "Người gửi", "Sent by"),
        _c("replaces", "Thay cho", "Replaces", OT),
        _c("note", "Ghi chú", "Note"),
        ILLUSTRATIVE,
    ),
    key="id",
    noun=Label("báo cáo đã nộp", "submission"),
)
BODIES = RecordTable(
    "bodies",
    Label("Tuyến báo cáo", "Reporting line"),
    "reporting_body",
    (
        _ID,
        _c("name", "Tên cơ quan", "Name", required=True),
        _c("name_en", "Tên tiếng Anh", "Name in English"),
        _c("kind", "Loại cơ quan", "Kind", ENUM, required=True, enum=BodyKind),
        _c("unit", "Mã đơn vị", "Unit id", OT),
        _c("reports_to", "Báo cáo lên", "Reports to", OT),
        _c("valid_from", "Hiệu lực từ ngày", "Valid from", DATE),
        _c("valid_until", "Hiệu lực đến ngày", "Valid until", DATE),
        _c("source", "Căn cứ thành lập, giải thể", "Founding or ending text"),
        ILLUSTRATIVE,
    ),
    key="id",
    noun=Label("cơ quan nhận báo cáo", "reporting body"),
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
    noun=Label("loại hoạt động", "activity type"),
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
    noun=Label("chủ đề", "topic"),
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
        _c("counts_type", "Đếm mọi hoạt động loại", "Counts every activity of type", OT),
    ),
    key="code",
    catalog=True,
    noun=Label("chỉ tiêu", "indicator"),
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
    FIGURES,
    TARGETS,
    SUBMISSIONS,
    BODIES,
    ACTIVITY_TYPES,
    TOPICS,
    INDICATORS,
)
TABLES_BY_NAME: dict[str, RecordTable] = {t.name: t for t in TABLES}
