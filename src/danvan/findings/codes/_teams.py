"""Finding codes, DV3xx: teams, leaders and memberships."""

from __future__ import annotations

from danvan.findings._finding import Severity, declare
from danvan.labels import Label

ERROR, WARNING, INFO = Severity.ERROR, Severity.WARNING, Severity.INFO

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
        "Trường “{field}”: ngày kết thúc {end} trước ngày bắt đầu {start}",
        "Field {field}: the end {end} comes before the start {start}",
    ),
    "A team is dissolved before it was established, or a membership, an assignment or the "
    "span of a unit figure, a plan target or a submission, or the validity of a body of the "
    "reporting line, ends before it starts.",
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
SUBMISSION_OUTSIDE_TEAM = declare(
    "DV311",
    ERROR,
    Label("Báo cáo ngoài thời gian của tổ", "Report outside the team's life"),
    Label(
        "Báo cáo {file} của tổ {team} cho kỳ {start} – {end}, khi tổ chưa thành lập hoặc đã "
        "giải thể ({team_start} – {team_end})",
        "Report {file} of team {team} covers {start} – {end}, when the team did not exist "
        "({team_start} – {team_end})",
    ),
    "A submission's reporter is a team, and no day of the period it reports on lies in the "
    "team's life: before its establishment or after its dissolution. The file is most often "
    "another team's, or its dates are wrong.",
    ["submission", "date"],
)
