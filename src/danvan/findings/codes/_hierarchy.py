"""Finding codes, DV2xx: the administrative hierarchy."""

from __future__ import annotations

from danvan.findings._finding import Severity, declare
from danvan.labels import Label

ERROR, WARNING, INFO = Severity.ERROR, Severity.WARNING, Severity.INFO

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
LEVEL_ABOLISHED = declare(
    "DV210",
    WARNING,
    Label("Cấp hành chính đã bãi bỏ", "Level abolished"),
    Label(
        "Ngày {day} không còn cấp {level_vi}: cấp {level_vi} đã bãi bỏ từ ngày {abolished}; "
        "số liệu được tổng hợp theo các đơn vị cấp {level_vi} cũ (hiệu lực đến {last_day})",
        "No {level_en} exists on {day}: {level_en}s were abolished on {abolished}; "
        "the figures are grouped under the former {level_en}s (valid until {last_day})",
    ),
    "A summary or report is grouped by a level of which no unit exists on its units day, "
    "though some did before: since 1 July 2025 Vietnam has no districts. The day comes from "
    "the units' validity, the dataset's and the unit registry's. The rows are the former "
    "units, so no activity is lost; group by province or commune to report under the units "
    "of that day.",
    ["hierarchy", "date"],
)
UNIT_NOT_PLACED = declare(
    "DV211",
    WARNING,
    Label("Không xếp được đơn vị vào địa giới của ngày", "Unit not placed on the day"),
    Label(
        "Không xếp được {level_vi} {unit} (mã {unit_code}) vào các đơn vị ngày {day}: {reason_vi}; "
        "số liệu của nó vẫn được tính riêng cho nó như dữ liệu ghi",
        "The {level_en} {unit} (code {unit_code}) cannot be placed among the units of {day}: "
        "{reason_en}; its figures are kept under it as the dataset records it",
    ),
    "A summary or report grouped by units of one day keeps a unit of the dataset that it "
    "could not place there: the unit no longer exists on that day and neither the dataset "
    "nor the unit registry says what it became, or the registry holds no unit with its "
    "code in a province it covers. No activity is lost, but the row is not a unit of that "
    "day: check the unit's code, or record its succession.",
    ["hierarchy", "date"],
)
