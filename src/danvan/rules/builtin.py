"""The built-in rules, offered through the same ``danvan_rules`` hook as any plugin's."""

from __future__ import annotations

from danvan.hooks import hookimpl
from danvan.rules import (
    activities,
    figures,
    hierarchy,
    references,
    submissions,
    successions,
    teams,
    text,
)
from danvan.rules.base import Rule


@hookimpl
def danvan_rules() -> list[Rule]:
    """Every built-in rule, in the order they run."""
    return [
        references.duplicate_ids,
        references.unit_references,
        references.people_references,
        references.activity_references,
        hierarchy.hierarchy,
        hierarchy.cycles,
        successions.reused_codes,
        successions.valid_after_successor,
        successions.succession_cycles,
        teams.team_dates,
        teams.memberships,
        teams.leaders,
        teams.monthly_meetings,
        activities.activity_dates,
        activities.activity_numbers,
        activities.quantity_units,
        activities.likely_duplicates,
        figures.unit_figures,
        figures.plan_targets,
        submissions.submissions,
        submissions.submission_periods,
        submissions.submission_duplicates,
        submissions.reporting_line,
        text.text_form,
    ]
