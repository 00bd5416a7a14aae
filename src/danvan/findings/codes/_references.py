"""Finding codes, DV1xx: references and duplicates."""

from __future__ import annotations

from danvan.findings._finding import Severity, declare
from danvan.labels import Label

ERROR, WARNING, INFO = Severity.ERROR, Severity.WARNING, Severity.INFO

DUPLICATE_ID = declare(
    "DV101",
    ERROR,
    Label("Trùng mã", "Duplicate id"),
    Label(
        "Mã {record_id} của {kind} bị trùng (lần thứ {occurrence})",
        "Id {record_id} of a {kind} is used again (occurrence {occurrence})",
    ),
    "Two records of one kind share an id; only the first is used by look-ups. Catalogue "
    "entries share a code.",
    ["reference", "duplicate"],
)
UNKNOWN_UNIT = declare(
    "DV102",
    ERROR,
    Label("Đơn vị hành chính không tồn tại", "Unknown administrative unit"),
    Label(
        "Trường “{field}” trỏ tới đơn vị {target} không có trong dữ liệu",
        "Field {field} refers to unit {target}, which is not in the dataset",
    ),
    "A village of a team or an activity, a unit's parent, an organisation's unit, a "
    "succession, a unit figure, a plan target or a body of the reporting line names a unit id "
    "that does not exist.",
    ["reference"],
)
UNKNOWN_TEAM = declare(
    "DV103",
    ERROR,
    Label("Tổ Dân vận không tồn tại", "Unknown team"),
    Label(
        "Trường “{field}” trỏ tới tổ {target} không có trong dữ liệu",
        "Field {field} refers to team {target}, which is not in the dataset",
    ),
    "A membership or an activity names a team id that does not exist, or a submission a "
    "reporter that is no team, unit, organisation or body of the reporting line.",
    ["reference"],
)
UNKNOWN_MEMBER = declare(
    "DV104",
    ERROR,
    Label("Thành viên không tồn tại", "Unknown member"),
    Label(
        "Trường “{field}” trỏ tới thành viên {target} không có trong dữ liệu",
        "Field {field} refers to member {target}, which is not in the dataset",
    ),
    "A membership names a member id that does not exist.",
    ["reference", "membership"],
)
UNKNOWN_ORGANIZATION = declare(
    "DV105",
    ERROR,
    Label("Cơ quan, đơn vị không tồn tại", "Unknown organisation"),
    Label(
        "Trường “{field}” trỏ tới cơ quan {target} không có trong dữ liệu",
        "Field {field} refers to organisation {target}, which is not in the dataset",
    ),
    "A member names an organisation id that does not exist, or a body of the reporting line "
    "reports to a body (``reports_to``) that does not exist.",
    ["reference"],
)
UNKNOWN_ACTIVITY_TYPE = declare(
    "DV106",
    ERROR,
    Label("Loại hoạt động không có trong danh mục", "Unknown activity type"),
    Label(
        "Loại hoạt động {target} không có trong danh mục",
        "Activity type {target} is not in the catalogue",
    ),
    "An activity's type, or the type a COUNT indicator counts (``counts_type``), is not a code "
    "of the catalogue.",
    ["reference", "catalog"],
)
UNKNOWN_TOPIC = declare(
    "DV107",
    ERROR,
    Label("Chủ đề không có trong danh mục", "Unknown topic"),
    Label("Chủ đề {target} không có trong danh mục", "Topic {target} is not in the catalogue"),
    "One of an activity's topics is not a code of the catalogue.",
    ["reference", "catalog"],
)
UNKNOWN_INDICATOR = declare(
    "DV108",
    ERROR,
    Label("Chỉ tiêu không có trong danh mục", "Unknown indicator"),
    Label(
        "Chỉ tiêu {target} không có trong danh mục", "Indicator {target} is not in the catalogue"
    ),
    "A quantity of an activity, a unit figure or a plan target counts an indicator that is "
    "not in the catalogue (a target may also name activities, participants, households or "
    "money).",
    ["reference", "catalog", "quantity"],
)
NOT_A_VILLAGE = declare(
    "DV109",
    ERROR,
    Label("Không phải bản, thôn", "Not a village"),
    Label(
        "Trường “{field}” trỏ tới {target}, là đơn vị cấp {level}, không phải bản",
        "Field {field} refers to {target}, a unit of level {level}, not a village",
    ),
    "Teams serve villages and activities happen in villages; the unit named is at another level.",
    ["reference", "hierarchy"],
)
UNKNOWN_SUBMISSION = declare(
    "DV110",
    ERROR,
    Label("Lần nộp được thay không có", "Unknown submission replaced"),
    Label(
        "Lần nộp này thay lần nộp {target}, không có trong dữ liệu",
        "This submission replaces submission {target}, which is not in the dataset",
    ),
    "A submission says it replaces an earlier one (``replaces``) that the dataset does not "
    "hold: the file it corrects was never read, or its id was mistyped.",
    ["reference", "submission"],
)
SUBMISSION_PERIOD_UNKNOWN = declare(
    "DV111",
    WARNING,
    Label("Không rõ kỳ báo cáo", "Period of a report not told"),
    Label(
        "Không rõ báo cáo {file} cho kỳ nào: không có ngày nào trong tệp",
        "The period {file} reports on cannot be told: no day in it",
    ),
    "A submission without its first or last day: a file read with no dated activity, or a "
    "row of the submissions sheet with an empty 'Từ ngày' or 'Đến ngày'. It cannot be "
    "counted for any period until its days are given.",
    ["submission", "date"],
)
SUBMISSION_CONFLICT = declare(
    "DV112",
    WARNING,
    Label("Hai báo cáo khác nhau cho một kỳ", "Two different reports for one period"),
    Label(
        "{reporter} gửi hai báo cáo khác nhau cho kỳ {start} – {end}: {file} và {other_file}; "
        "không báo cáo nào ghi thay cho báo cáo kia",
        "{reporter} sent two different reports for {start} – {end}: {file} and {other_file}; "
        "neither says it replaces the other",
    ),
    "Two submissions of one reporter for the same days whose files differ (another SHA-256), "
    "and neither replaces the other: which figures count is not told. Say which replaces "
    "which (``replaces``, 'Thay cho') or drop one.",
    ["submission", "duplicate"],
)
SUBMISSION_DUPLICATE = declare(
    "DV113",
    INFO,
    Label("Một tệp báo cáo gửi hai lần", "One report file sent twice"),
    Label(
        "{reporter} gửi cùng một tệp hai lần cho kỳ {start} – {end}: {file} và {other_file}",
        "{reporter} sent the same file twice for {start} – {end}: {file} and {other_file}",
    ),
    "Two submissions of one reporter for the same days with the same SHA-256: the same file "
    "sent again. It is counted once.",
    ["submission", "duplicate"],
)
