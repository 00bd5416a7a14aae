"""The built-in finding codes, declared in one place and in the order of the rule reference."""

from __future__ import annotations

from typing import Final

from danvan.findings import Severity, declare
from danvan.labels import Label

ERROR, WARNING, INFO = Severity.ERROR, Severity.WARNING, Severity.INFO

# DV0xx: the document and its structure.

INVALID_JSON = declare(
    "DV001",
    ERROR,
    Label("JSON không hợp lệ", "Invalid JSON"),
    Label("Tệp không phải JSON hợp lệ: {detail}", "The file is not valid JSON: {detail}"),
    "The document cannot be parsed as JSON; nothing else can be checked.",
    ["structure"],
)
NOT_A_DATASET = declare(
    "DV002",
    ERROR,
    Label("Không phải bộ dữ liệu", "Not a dataset"),
    Label(
        "Tài liệu không phải bộ dữ liệu danvan: {problem} (cần {expected}, gặp {value!r})",
        "The document is not a danvan dataset: {problem} (expected {expected}, found {value!r})",
    ),
    "The document is not a JSON object, or its `format` is not `danvan.dataset/1`.",
    ["structure"],
)
MISSING_FIELD = declare(
    "DV010",
    ERROR,
    Label("Thiếu trường bắt buộc", "Required field missing"),
    Label(
        "Thiếu trường bắt buộc {field} (kiểu {expected})",
        "Required field {field} is missing (type {expected})",
    ),
    "A record lacks a field the model requires (an activity without a date, a member "
    "without a name).",
    ["structure"],
)
INVALID_VALUE = declare(
    "DV011",
    ERROR,
    Label("Giá trị không hợp lệ", "Invalid value"),
    Label(
        "Giá trị {value!r} của trường {field} không hợp lệ (cần {expected})",
        "Value {value!r} of field {field} is invalid (expected {expected})",
    ),
    "A field has the wrong type, a date that does not exist, or a value outside its list "
    "(an unknown level, role or status).",
    ["structure"],
)
UNKNOWN_FIELD = declare(
    "DV012",
    ERROR,
    Label("Trường không xác định", "Unknown field"),
    Label(
        "Trường {field} không có trong mô hình (giá trị {value!r})",
        "Field {field} is not part of the model (value {value!r})",
    ),
    "A record has a field the model does not know, often a misspelt one.",
    ["structure"],
)

# DV1xx: references and duplicates.

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
        "Trường {field} trỏ tới đơn vị {target} không có trong dữ liệu",
        "Field {field} refers to unit {target}, which is not in the dataset",
    ),
    "A village of a team or an activity, a unit's parent, an organisation's unit or a "
    "succession names a unit id that does not exist.",
    ["reference"],
)
UNKNOWN_TEAM = declare(
    "DV103",
    ERROR,
    Label("Tổ Dân vận không tồn tại", "Unknown team"),
    Label(
        "Trường {field} trỏ tới tổ {target} không có trong dữ liệu",
        "Field {field} refers to team {target}, which is not in the dataset",
    ),
    "A membership or an activity names a team id that does not exist.",
    ["reference"],
)
UNKNOWN_MEMBER = declare(
    "DV104",
    ERROR,
    Label("Thành viên không tồn tại", "Unknown member"),
    Label(
        "Trường {field} trỏ tới thành viên {target} không có trong dữ liệu",
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
        "Trường {field} trỏ tới cơ quan {target} không có trong dữ liệu",
        "Field {field} refers to organisation {target}, which is not in the dataset",
    ),
    "A member names an organisation id that does not exist.",
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
    "An activity's type is not a code of the catalogue.",
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
    "A quantity of an activity counts an indicator that is not in the catalogue.",
    ["reference", "catalog", "quantity"],
)
NOT_A_VILLAGE = declare(
    "DV109",
    ERROR,
    Label("Không phải bản, thôn", "Not a village"),
    Label(
        "Trường {field} trỏ tới {target}, là đơn vị cấp {level}, không phải bản",
        "Field {field} refers to {target}, a unit of level {level}, not a village",
    ),
    "Teams serve villages and activities happen in villages; the unit named is at another level.",
    ["reference", "hierarchy"],
)

# DV2xx: the administrative hierarchy.

LEVEL_ORDER = declare(
    "DV201",
    ERROR,
    Label("Sai thứ tự cấp hành chính", "Levels out of order"),
    Label(
        "Đơn vị cấp {level} có đơn vị cha {parent} cấp {parent_level}, không cao hơn",
        "A unit of level {level} has parent {parent} of level {parent_level}, not above it",
    ),
    "A unit's parent must be at a higher level (province above district above commune above "
    "village).",
    ["hierarchy"],
)
CYCLE = declare(
    "DV202",
    ERROR,
    Label("Vòng lặp trong cây hành chính", "Cycle in the hierarchy"),
    Label(
        "Đơn vị nằm trong vòng lặp đơn vị cha: {cycle}",
        "The unit is part of a cycle of parents: {cycle}",
    ),
    "Following parents from this unit comes back to it.",
    ["hierarchy"],
)
VILLAGE_PARENT = declare(
    "DV203",
    ERROR,
    Label("Bản không thuộc xã", "Village not under a commune"),
    Label(
        "Bản có đơn vị cha {parent} cấp {parent_level}, không phải xã",
        "The village's parent {parent} is of level {parent_level}, not a commune",
    ),
    "A village's parent must be a commune (xã, phường, thị trấn).",
    ["hierarchy"],
)
OUTSIDE_PARENT = declare(
    "DV204",
    ERROR,
    Label("Hiệu lực ngoài đơn vị cha", "Valid outside its parent"),
    Label(
        "Hiệu lực {start} – {end} không nằm trong hiệu lực của đơn vị cha {parent} "
        "({parent_start} – {parent_end})",
        "Validity {start} – {end} is not inside that of parent {parent} "
        "({parent_start} – {parent_end})",
    ),
    "A unit cannot exist on a day its parent does not: a date the unit states lies outside its "
    "parent's validity. An open end means as long as the parent.",
    ["hierarchy", "date"],
)
UNIT_DATES_REVERSED = declare(
    "DV205",
    ERROR,
    Label("Ngày hiệu lực ngược", "Validity ends before it starts"),
    Label(
        "Ngày kết thúc {end} trước ngày bắt đầu {start}",
        "The end {end} comes before the start {start}",
    ),
    "A unit's `valid_until` is earlier than its `valid_from`.",
    ["hierarchy", "date"],
)
CODE_REUSED_OVERLAP = declare(
    "DV206",
    ERROR,
    Label("Mã đơn vị dùng trùng thời gian", "Code reused while still held"),
    Label(
        "Mã {unit_code} cũng là mã của {other} ({other_name}) trong cùng thời gian hiệu lực",
        "Code {unit_code} is also held by {other} ({other_name}) while this unit is valid",
    ),
    "Two units hold one official code on the same day. A reused code (03166 was xã Chà "
    "Cang until 30/06/2025 and is xã Mường Chà from 01/07/2025) must not overlap its old "
    "holder: give each holder its own id and validity.",
    ["hierarchy", "succession"],
)
VALID_AFTER_SUCCESSOR = declare(
    "DV207",
    ERROR,
    Label("Còn hiệu lực sau khi bị thay thế", "Valid after its successor starts"),
    Label(
        "Đơn vị còn hiệu lực đến {end} nhưng {successor} đã thay thế từ {start}",
        "The unit is valid until {end} but {successor} succeeds it from {start}",
    ),
    "A unit merged into a successor must end before the succession's date (a split "
    "record with a share below 1 is exempt: part of a unit may leave while it goes on).",
    ["hierarchy", "succession"],
)
SUCCESSION_CYCLE = declare(
    "DV208",
    ERROR,
    Label("Vòng lặp sáp nhập", "Successions loop"),
    Label(
        "Đơn vị nằm trong chuỗi sáp nhập quay vòng: {cycle}",
        "The unit is part of a loop of successions: {cycle}",
    ),
    "Following successions from this unit comes back to it, so it has no successor to report in.",
    ["hierarchy", "succession"],
)
AMBIGUOUS_UNIT_NAME = declare(
    "DV209",
    WARNING,
    Label("Tên đơn vị không rõ ràng", "Ambiguous unit name"),
    Label(
        "Tên {name!r} ứng với nhiều đơn vị: {candidates}; cần ghi rõ mã, cấp hoặc ngày",
        "The name {name!r} matches several units: {candidates}; "
        "give the code, the level or the date",
    ),
    "A unit written by name matches several units of the registry (the commune before "
    "2025 and the one after, or a commune and a township of one name). No unit is chosen; "
    "importers report it when they read a unit's name.",
    ["hierarchy", "reference"],
)

# DV3xx: teams, leaders and memberships.

NO_LEADER = declare(
    "DV301",
    ERROR,
    Label("Tổ không có tổ trưởng", "Team without a leader"),
    Label(
        "Tổ không có tổ trưởng từ {start} đến {end}",
        "The team has no leader from {start} to {end}",
    ),
    "Every day of a team's life (up to the `as_of` date) must have exactly one leader; "
    "these days have none.",
    ["membership", "leader", "date"],
)
TWO_LEADERS = declare(
    "DV302",
    ERROR,
    Label("Tổ có hai tổ trưởng", "Two leaders at once"),
    Label(
        "Tổ trưởng {other} và {record_id} cùng giữ chức từ {start} đến {end}",
        "Leaders {other} and {record_id} overlap from {start} to {end}",
    ),
    "Two leader memberships of one team overlap; a team has exactly one leader on each day.",
    ["membership", "leader", "date"],
)
MEMBERSHIP_OUTSIDE_TEAM = declare(
    "DV303",
    ERROR,
    Label("Thành viên ngoài thời gian hoạt động của tổ", "Membership outside the team's life"),
    Label(
        "Thời gian {start} – {end} không nằm trong thời gian hoạt động của tổ {team} "
        "({team_start} – {team_end})",
        "Membership {start} – {end} is not inside the life of team {team} "
        "({team_start} – {team_end})",
    ),
    "A membership starts before its team was established or ends after it was dissolved. An "
    "open end means as long as the team.",
    ["membership", "date"],
)
MEMBER_TWICE = declare(
    "DV304",
    ERROR,
    Label("Một người hai lần trong một tổ", "Member twice in a team"),
    Label(
        "Thành viên {member} đã ở trong tổ {team} theo {other} trong cùng thời gian",
        "Member {member} is already in team {team} through {other} at the same time",
    ),
    "One person holds two overlapping memberships of one team.",
    ["membership", "date"],
)
ASSIGNMENT_OUTSIDE_TEAM = declare(
    "DV305",
    WARNING,
    Label("Phân công bản ngoài thời gian của tổ", "Village assigned outside the team's life"),
    Label(
        "Bản {village} được giao {start} – {end}, ngoài thời gian hoạt động của tổ "
        "({team_start} – {team_end})",
        "Village {village} is assigned {start} – {end}, outside the team's life "
        "({team_start} – {team_end})",
    ),
    "A village's assignment to a team starts before the team or ends after it.",
    ["reference", "date"],
)
DATES_REVERSED = declare(
    "DV306",
    ERROR,
    Label("Ngày kết thúc trước ngày bắt đầu", "Ends before it starts"),
    Label(
        "Trường {field}: ngày kết thúc {end} trước ngày bắt đầu {start}",
        "Field {field}: the end {end} comes before the start {start}",
    ),
    "A team is dissolved before it was established, or a membership or an assignment ends "
    "before it starts.",
    ["date"],
)
MISSING_MEETING = declare(
    "DV310",
    WARNING,
    Label("Thiếu họp định kỳ tháng", "Monthly meeting missing"),
    Label(
        "Tổ không có buổi họp định kỳ nào trong tháng {month:02d}/{year}",
        "The team held no monthly meeting in {year}-{month:02d}",
    ),
    "A month of the team's life (up to `as_of`, or the last activity of the dataset) has no "
    "done activity of a meeting type (`monthly_meeting` in the catalogue). Months are calendar "
    "months unless a reporting calendar with a cut-off day is given.",
    ["meeting", "completeness", "date"],
)

# DV4xx: activities.

OUTSIDE_TEAM_LIFE = declare(
    "DV401",
    ERROR,
    Label("Hoạt động ngoài thời gian của tổ", "Activity outside the team's life"),
    Label(
        "Ngày {date} nằm ngoài thời gian hoạt động của tổ {team} ({team_start} – {team_end})",
        "Date {date} is outside the life of team {team} ({team_start} – {team_end})",
    ),
    "An activity is dated before its team was established or after it was dissolved.",
    ["activity", "date"],
)
VILLAGE_NOT_ASSIGNED = declare(
    "DV402",
    ERROR,
    Label("Bản không do tổ phụ trách", "Village not served by the team"),
    Label(
        "Bản {village} không được giao cho tổ {team}",
        "Village {village} is not assigned to team {team}",
    ),
    "An activity's village was never assigned to its team.",
    ["activity", "reference"],
)
OUTSIDE_ASSIGNMENT = declare(
    "DV403",
    ERROR,
    Label("Hoạt động ngoài thời gian phụ trách bản", "Activity outside the village assignment"),
    Label(
        "Ngày {date}: bản {village} không do tổ {team} phụ trách vào ngày này",
        "On {date}, village {village} was not assigned to team {team}",
    ),
    "An activity's village is assigned to its team, but not on the activity's date.",
    ["activity", "date"],
)
AFTER_AS_OF = declare(
    "DV404",
    ERROR,
    Label("Hoạt động sau ngày báo cáo", "Activity after the report date"),
    Label(
        "Hoạt động đã thực hiện ghi ngày {date}, sau ngày số liệu {as_of}",
        "A done activity is dated {date}, after the as-of date {as_of}",
    ),
    "A done activity cannot be dated after the `as_of` date of the validation. Planned and "
    "cancelled activities may be.",
    ["activity", "date"],
)
NEGATIVE_COUNT = declare(
    "DV405",
    ERROR,
    Label("Số lượng âm", "Negative count"),
    Label("Trường {field} có giá trị âm: {value}", "Field {field} is negative: {value}"),
    "Participants, households and quantities cannot be negative.",
    ["activity", "quantity"],
)
NEGATIVE_MONEY = declare(
    "DV406",
    ERROR,
    Label("Số tiền âm", "Negative amount"),
    Label("Số tiền {field} âm: {value} đồng", "Amount {field} is negative: {value} đồng"),
    "Money towards an activity cannot be negative.",
    ["activity", "money"],
)
UNIT_MISMATCH = declare(
    "DV407",
    ERROR,
    Label("Sai đơn vị tính", "Wrong unit"),
    Label(
        "Chỉ tiêu {indicator} tính bằng {expected}, không phải {unit}",
        "Indicator {indicator} is counted in {expected}, not {unit}",
    ),
    "A quantity states a unit other than its indicator's.",
    ["activity", "quantity"],
)
NOT_WHOLE = declare(
    "DV408",
    WARNING,
    Label("Số lẻ cho đơn vị đếm", "Fraction of a whole unit"),
    Label(
        "Chỉ tiêu {indicator} tính bằng {unit} nhưng có giá trị lẻ {value}",
        "Indicator {indicator} is counted in whole {unit} but has the value {value}",
    ),
    "People, households, packages and đồng are whole numbers; the value has a fraction.",
    ["activity", "quantity"],
)
LIKELY_DUPLICATE = declare(
    "DV409",
    WARNING,
    Label("Có thể trùng hoạt động", "Likely duplicate activity"),
    Label(
        "Giống hoạt động {other}: cùng tổ, bản, ngày {date}, loại và số liệu",
        "Same as activity {other}: same team, village, date {date}, type and quantities",
    ),
    "Two activities agree on team, village, date, type and quantities; one may have been "
    "entered twice.",
    ["activity", "duplicate"],
)

# DV5xx: text.

NOT_NFC = declare(
    "DV501",
    INFO,
    Label("Văn bản chưa chuẩn NFC", "Text not in NFC"),
    Label(
        "Trường {field} chưa ở dạng Unicode NFC (đã chuẩn hóa khi đọc): {before!r}",
        "Field {field} was not in Unicode NFC (normalised on load): {before!r}",
    ),
    "A text arrived decomposed (NFD) or otherwise not in NFC; it is normalised on load, so two "
    "spellings of one name stay one name.",
    ["text"],
)
TONE_PLACEMENT = declare(
    "DV502",
    INFO,
    Label("Vị trí dấu thanh không chuẩn", "Non-canonical tone mark placement"),
    Label(
        "Trường {field} đặt dấu thanh kiểu khác ({before!r} → {after!r}), đã chuẩn hóa khi đọc",
        "Field {field} placed its tone marks another way ({before!r} → {after!r}); normalised "
        "on load",
    ),
    "A text used another tone-mark placement (hoà / hòa); it is rewritten in the canonical one "
    "on load.",
    ["text"],
)
EXTRA_SPACE = declare(
    "DV503",
    INFO,
    Label("Khoảng trắng thừa", "Extra white space"),
    Label(
        "Trường {field} có khoảng trắng thừa ở đầu, cuối hoặc giữa ({before!r}), đã bỏ khi đọc",
        "Field {field} had white space at its ends or doubled inside ({before!r}); removed on load",
    ),
    "Spaces at the ends of a text, or several in a row, are dropped on load so that "
    "'Nậm  Tin ' and 'Nậm Tin' are one name.",
    ["text"],
)

CONTROL_CHARACTER = declare(
    "DV504",
    WARNING,
    Label("Ký tự điều khiển trong văn bản", "Control character in text"),
    Label(
        "Trường {field} có ký tự điều khiển (NUL hoặc tương tự) {before!r}; đã bỏ khi đọc: "
        "{after!r}",
        "Field {field} held a control character (NUL or the like) {before!r}; removed on load: "
        "{after!r}",
    ),
    "A text held a NUL or another C0 control character (tab, line feed and carriage return "
    "aside): invisible, and no spreadsheet can hold it. It is removed on load, never kept "
    "silently; check the file that produced it.",
    ["text", "import"],
)

# DV6xx: importing files (spreadsheets, CSV, Data Packages, JSON).

UNREADABLE_FILE = declare(
    "DV601",
    ERROR,
    Label("Không đọc được tệp", "File cannot be read"),
    Label(
        "Không đọc được tệp {source}: {detail}",
        "The file {source} cannot be read: {detail}",
    ),
    "A file is missing, truncated, corrupt (a workbook or zip that does not open), or not in "
    "the format its suffix claims; nothing of it is imported, the other files still are.",
    ["import"],
)
UNKNOWN_FORMAT = declare(
    "DV602",
    ERROR,
    Label("Định dạng tệp không hỗ trợ", "Unknown file format"),
    Label(
        "Không biết đọc tệp {source}; các định dạng đọc được: {known}",
        "No importer reads {source}; known formats: {known}",
    ),
    "No importer claims the file's suffix; the message lists the formats that can be read.",
    ["import"],
)
UNKNOWN_SHEET = declare(
    "DV603",
    WARNING,
    Label("Trang tính không xác định", "Unknown sheet"),
    Label(
        "Trang tính hoặc bảng {sheet} không khớp bảng nào của danvan nên bị bỏ qua",
        "Sheet or table {sheet} matches no danvan table and is ignored",
    ),
    "A sheet (or CSV file, or Data Package resource) whose name and headers match none of "
    "the tables of the layout; its rows are not imported.",
    ["import"],
)
UNKNOWN_COLUMN = declare(
    "DV604",
    WARNING,
    Label("Cột không xác định", "Unknown column"),
    Label(
        "Cột {column} không có trong bảng {table} nên bị bỏ qua",
        "Column {column} is not part of table {table} and is ignored",
    ),
    "A header that matches no column of the table, in Vietnamese, English or the machine "
    "name (case, spacing and diacritics aside); often a misspelt header.",
    ["import"],
)
MISSING_COLUMN = declare(
    "DV605",
    ERROR,
    Label("Thiếu cột bắt buộc", "Required column missing"),
    Label(
        "Bảng {table} thiếu cột bắt buộc {column}; không nhập được bảng này",
        "Table {table} lacks the required column {column}; the table is not imported",
    ),
    "A table without one of its required columns (an activity sheet without a date column); "
    "none of its rows can be imported.",
    ["import"],
)
DUPLICATE_COLUMN = declare(
    "DV606",
    WARNING,
    Label("Cột bị lặp", "Duplicate column"),
    Label(
        "Cột {column} lặp lại cột {field}; chỉ cột đầu tiên được dùng",
        "Column {column} repeats column {field}; only the first is used",
    ),
    "Two headers of one table name the same column; the later one is ignored.",
    ["import"],
)
EMPTY_SHEET = declare(
    "DV607",
    INFO,
    Label("Trang tính trống", "Empty sheet"),
    Label("Trang tính {sheet} không có dữ liệu", "Sheet {sheet} holds no data"),
    "A sheet or CSV file without a header row; nothing to import from it.",
    ["import"],
)
BAD_CELL = declare(
    "DV610",
    ERROR,
    Label("Ô không đọc được", "Cell cannot be read"),
    Label(
        "Ô {column} không đọc được: {detail_vi}",
        "Cell {column} cannot be read: {detail_en}",
    ),
    "A cell whose value does not fit its column: text in a number column, a date that does "
    "not exist or could be read two ways, money written ambiguously or approximately, an "
    "unknown level or role. Never guessed; a required field makes the row skipped.",
    ["import"],
)
MISSING_VALUE = declare(
    "DV611",
    ERROR,
    Label("Thiếu giá trị bắt buộc", "Required value missing"),
    Label(
        "Ô {column} trống nhưng bắt buộc; dòng này không được nhập",
        "Cell {column} is empty but required; the row is not imported",
    ),
    "An id, a reference or a date that a record cannot do without is empty.",
    ["import"],
)
LEGACY_ENCODING = declare(
    "DV612",
    WARNING,
    Label("Văn bản gõ bằng bảng mã cũ", "Legacy-encoded text"),
    Label(
        "Ô {column} có vẻ gõ bằng bảng mã {encoding}: {value!r} có lẽ là {suggestion!r}",
        "Cell {column} looks typed in {encoding}: {value!r} is probably {suggestion!r}",
    ),
    "Text typed with a TCVN3 (ABC) or VNI font and saved without conversion to Unicode "
    "(mojibake such as `Hµ Néi`). The text is imported as it is; convert the file to Unicode "
    "(e.g. with Unikey's converter) and import it again.",
    ["import", "text"],
)
ORPHAN_ROW = declare(
    "DV613",
    ERROR,
    Label("Dòng không có bản ghi cha", "Row without its record"),
    Label(
        "Dòng trỏ tới {target_kind} {target} không có trong dữ liệu nhập; dòng bị bỏ qua",
        "The row refers to {target_kind} {target}, which was not imported; the row is skipped",
    ),
    "A row of a detail table (a quantity or funding of an activity, a village of a team) "
    "whose activity or team id is in no imported row.",
    ["import", "reference"],
)
NOT_UTF8 = declare(
    "DV614",
    WARNING,
    Label("Tệp không mã hóa UTF-8", "File is not UTF-8"),
    Label(
        "Tệp {source} không phải UTF-8; đã đọc theo bảng mã {encoding}",
        "The file {source} is not UTF-8; it was read as {encoding}",
    ),
    "A CSV file saved in a Windows code page instead of UTF-8; check its Vietnamese text.",
    ["import", "text"],
)
NO_TABLES = declare(
    "DV615",
    WARNING,
    Label("Tệp không có bảng nào", "No table in the file"),
    Label(
        "Tệp {source} không có bảng nào của danvan",
        "The file {source} holds no danvan table",
    ),
    "A file that opened but in which no sheet or table matched the layout.",
    ["import"],
)

# DV620-DV629: limits on what one file may cost (``danvan.importers.limits.ReadLimits``).

ARCHIVE_TOO_LARGE = declare(
    "DV620",
    ERROR,
    Label("Tệp nén giải nén quá lớn", "Archive inflates too much"),
    Label(
        "Tệp {source}: {member} giải nén ra hơn {limit} byte (giới hạn {setting}); "
        "tệp không được đọc",
        "The file {source}: {member} inflates to more than {limit} bytes (limit {setting}); "
        "the file is not read",
    ),
    "A member of a zip archive (a workbook is one) inflates beyond `max_member_bytes`, or all "
    "members together beyond `max_archive_bytes`. Sizes are measured by inflating with a cap, "
    "never taken from the archive's headers alone.",
    ["import", "limit"],
)
ARCHIVE_RATIO = declare(
    "DV621",
    ERROR,
    Label("Tệp nén bất thường (bom nén)", "Archive member inflates too many times"),
    Label(
        "Tệp {source}: {member} giải nén ra hơn {limit} lần kích thước nén (giới hạn "
        "max_inflate_ratio); tệp không được đọc",
        "The file {source}: {member} inflates more than {limit} times its compressed size "
        "(limit max_inflate_ratio); the file is not read",
    ),
    "A zip member that inflates more than `max_inflate_ratio` times (100 by default, as "
    "Apache POI) once past 100 KB: the mark of a zip bomb, not of a report.",
    ["import", "limit"],
)
EMPTY_ARCHIVE = declare(
    "DV622",
    ERROR,
    Label("Tệp nén trống", "Empty archive"),
    Label(
        "Tệp nén {source} không chứa tệp nào",
        "The archive {source} holds no file",
    ),
    "A zip archive (workbook or Data Package) without a single member: nothing to import.",
    ["import"],
)
DUPLICATE_MEMBER = declare(
    "DV623",
    ERROR,
    Label("Tệp nén có thành phần trùng tên", "Duplicate archive member"),
    Label(
        "Tệp nén {source} chứa hai lần {member}; tệp không được đọc vì không biết bản nào đúng",
        "The archive {source} holds {member} twice; the file is not read, as which one "
        "counts is unclear",
    ),
    "Two members of one zip archive with the same name: readers disagree on which one they "
    "take, so none is.",
    ["import"],
)
SHEET_TOO_LARGE = declare(
    "DV624",
    ERROR,
    Label("Trang tính vượt giới hạn", "Sheet beyond the limits"),
    Label(
        "Tệp {source}: {what} là {value}, vượt giới hạn {limit} ({setting}); không được đọc",
        "The file {source}: {what} is {value}, over the limit of {limit} ({setting}); not read",
    ),
    "A sheet (or its declarations: the dimension, the shared-strings count, a cell reference) "
    "beyond `max_rows`, `max_columns` or `max_cells`; such a sheet would make the reader "
    "allocate without bound.",
    ["import", "limit"],
)
TEXT_TOO_LONG = declare(
    "DV625",
    ERROR,
    Label("Văn bản trong ô quá dài", "Cell text too long"),
    Label(
        "Ô {column} có {length} ký tự, vượt giới hạn {limit} (max_text_length); "
        "giá trị không được nhập",
        "Cell {column} holds {length} characters, over the limit of {limit} "
        "(max_text_length); the value is not imported",
    ),
    "A text cell longer than `max_text_length` (32,767 by default: what an Excel cell can "
    "hold). The value is never cut; a required field makes the row skipped.",
    ["import", "limit"],
)
TOO_DEEP = declare(
    "DV626",
    ERROR,
    Label("JSON lồng quá sâu", "JSON nested too deep"),
    Label(
        "Tệp {source} lồng sâu {depth} tầng, vượt giới hạn {limit} (max_json_depth); "
        "tệp không được đọc",
        "The file {source} nests {depth} levels deep, over the limit of {limit} "
        "(max_json_depth); the file is not read",
    ),
    "A JSON document nested deeper than `max_json_depth`; danvan's documents need a handful "
    "of levels.",
    ["import", "limit"],
)
READER_FAILED = declare(
    "DV627",
    ERROR,
    Label("Trình đọc tệp bị dừng", "The file's reader was stopped"),
    Label(
        "Không đọc được tệp {source}: {detail}; các tệp khác vẫn được đọc",
        "The file {source} could not be read: {detail}; the other files are still read",
    ),
    "The reader of a format in native code (XLSX) runs in a separate process with a memory "
    "limit (`worker_memory`) and a time limit (`worker_timeout`); it ran out of one, or "
    "aborted. Only this file is lost.",
    ["import", "limit"],
)
MORE_FINDINGS = declare(
    "DV628",
    WARNING,
    Label("Còn nhiều phát hiện cùng loại", "More findings of one code"),
    Label(
        "Tệp {source} còn {count} phát hiện {kind} nữa không được liệt kê "
        "(giới hạn {limit} mỗi mã mỗi tệp, max_findings_per_code)",
        "The file {source} has {count} more {kind} findings, not listed "
        "(limit of {limit} per code per file, max_findings_per_code)",
    ),
    "One file gave more findings of one code than `max_findings_per_code`; the first ones "
    "are listed and this one counts the rest.",
    ["import", "limit"],
)
NOT_REGULAR_FILE = declare(
    "DV630",
    WARNING,
    Label("Không phải tệp thường", "Not a regular file"),
    Label(
        "{source} là {kind_vi}, không phải tệp thường; bỏ qua, không mở",
        "{source} is a {kind_en}, not a regular file; skipped without opening it",
    ),
    "A named pipe, device or socket where a file was expected (in a folder, or named "
    "explicitly): reading it could block the run or touch a device, so it is never opened.",
    ["import"],
)
LINK_OUTSIDE = declare(
    "DV631",
    WARNING,
    Label("Liên kết ra ngoài thư mục", "Link out of the folder"),
    Label(
        "{source} là liên kết tượng trưng tới {target}, nằm ngoài thư mục {folder}; bỏ qua",
        "{source} is a symbolic link to {target}, outside the folder {folder}; skipped",
    ),
    "Reading a folder reads only what is inside it: a symbolic link whose target resolves "
    "outside the folder (or nowhere) is skipped. A link to a file inside the folder is read "
    "as that file (once, however many links name it).",
    ["import"],
)
EMPTY_FILE = declare(
    "DV632",
    ERROR,
    Label("Tệp rỗng", "Empty file"),
    Label(
        "Tệp {source} rỗng (0 byte, hoặc chỉ có BOM/khoảng trắng); không có gì để nhập",
        "The file {source} is empty (0 bytes, or only a byte-order mark or white space); "
        "nothing to import",
    ),
    "A CSV or JSON file with no content at all: often a failed download or a save that did "
    "not finish.",
    ["import"],
)
UNCLOSED_QUOTE = declare(
    "DV633",
    ERROR,
    Label("Dấu ngoặc kép không đóng", "Quote left open"),
    Label(
        "Dòng {row} (dòng văn bản {line}): dấu ngoặc kép mở mà không đóng đúng chỗ; dòng này "
        "không được nhập, các dòng sau vẫn được đọc",
        "Row {row} (text line {line}): a quote opens and is not closed where it should be; "
        "the row is not imported, the rows after it are still read",
    ),
    "A CSV field opens a quote that is never closed, or closes it in the middle of the field "
    '(`"abc"def`). The row is an error and nothing of it is guessed; reading resumes at '
    "the next line, so a stray quote cannot swallow the rows after it.",
    ["import"],
)
DUPLICATE_KEY = declare(
    "DV634",
    ERROR,
    Label("Khóa JSON bị lặp", "Duplicate JSON key"),
    Label(
        "Khóa {key!r} xuất hiện nhiều lần trong đối tượng {pointer}; không rõ giá trị nào, "
        "không nhập",
        "Key {key!r} appears more than once in the object at {pointer}; which value is meant "
        "is unclear, so it is not imported",
    ),
    "A JSON object names one key twice: readers disagree on which value wins, so the "
    "document (or, in JSON lines, the line) is ambiguous and is not imported. The object is "
    "named by a JSON pointer (`/activities/3`), the key as the field.",
    ["import", "structure"],
)

# DV9xx: the validator itself.

RULE_FAILED = declare(
    "DV999",
    ERROR,
    Label("Quy tắc kiểm tra bị lỗi", "A rule failed"),
    Label(
        "Quy tắc {rule} gặp lỗi lập trình và dừng giữa chừng: {error}",
        "Rule {rule} failed with a programming error and stopped: {error}",
    ),
    "A rule raised an exception: a bug in that rule, not a problem in the data. Its other "
    "findings may be missing; every other rule still ran.",
    ["internal"],
)

REPORTED_OUTSIDE_RULES: Final = {AMBIGUOUS_UNIT_NAME.id: "resolve_unit_name"}
"""Domain codes that no rule emits, with the function that does (importers call it)."""
