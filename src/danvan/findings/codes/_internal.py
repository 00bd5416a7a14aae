"""Finding codes, DV9xx: the validator itself."""

from __future__ import annotations

from danvan.findings._finding import Severity, declare
from danvan.labels import Label

ERROR, WARNING, INFO = Severity.ERROR, Severity.WARNING, Severity.INFO

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
