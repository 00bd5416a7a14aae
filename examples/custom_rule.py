"""Example: a validation rule of your own, run beside the built-in ones through the plugin hook.

Shows ``@danvan.rule``, a finding code declared with a stable id and bilingual
messages, and the ``danvan_rules`` hook a plugin implements.
Run: ``python examples/custom_rule.py``
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

import danvan
from danvan.findings import Finding, Location, Severity, declare, make_finding
from danvan.labels import Label
from danvan.plugins import hookimpl, make_plugin_manager, registered_rules
from danvan.rules import ValidationContext

MINIMUM = 4

FEW_TOPICS = declare(
    "EX001",
    Severity.WARNING,
    Label("Tổ tuyên truyền ít chủ đề", "Team covered few topics"),
    Label(
        "{team} chỉ tuyên truyền {count} chủ đề trong năm (cần ít nhất {minimum})",
        "{team} covered only {count} topics in the year (at least {minimum} expected)",
    ),
    "A team should disseminate on at least four topics a year.",
    ["example", "topics"],
)


@danvan.rule("few-topics", FEW_TOPICS)
def few_topics(context: ValidationContext) -> Iterator[Finding]:
    """Every team covers at least four topics a year."""
    topics: dict[str, set[str]] = {}
    for activity in context.dataset.activities:
        topics.setdefault(activity.team, set()).update(activity.topics)
    for team in context.dataset.teams:
        count = len(topics.get(team.id, ()))
        if count < MINIMUM:
            where = Location.of("team", team.id, team.provenance)
            yield make_finding(FEW_TOPICS, where, team=team.name, count=count, minimum=MINIMUM)


class TopicsPlugin:
    """What an installed plugin would register through the ``danvan`` entry point."""

    @hookimpl
    def danvan_rules(self) -> list[danvan.Rule]:
        return [few_topics]


def main() -> None:
    plugins = make_plugin_manager(extra_plugins={"topics": TopicsPlugin()})
    rules = registered_rules(plugins)
    report = danvan.validate(danvan.sample(), as_of=date(2022, 12, 31), rules=rules)
    for finding in report.filter(tag="example"):
        print(finding.code, finding.severity.value, finding.message.vi)
        print("      ", finding.message.en)
    print(report.summary("en"))


if __name__ == "__main__":
    main()
