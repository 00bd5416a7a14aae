"""Finding codes, DV4xx: activities."""

from __future__ import annotations

from danvan.findings._finding import Severity, declare
from danvan.labels import Label

ERROR, WARNING, INFO = Severity.ERROR, Severity.WARNING, Severity.INFO

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
    Label("Trường “{field}” có giá trị âm: {value}", "Field {field} is negative: {value}"),
    "Participants, households, quantities, the figures of whole units and plan targets "
    "cannot be negative.",
    ["activity", "quantity"],
)
NEGATIVE_MONEY = declare(
    "DV406",
    ERROR,
    Label("Số tiền âm", "Negative amount"),
    Label("Số tiền ở “{field}” âm: {value} đồng", "Amount {field} is negative: {value} đồng"),
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
    "People, households, packages and đồng are whole numbers; the value (of a quantity, a "
    "unit figure or a plan target) has a fraction.",
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
