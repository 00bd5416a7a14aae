"""References resolve and ids are unique: DV101-DV109."""

from __future__ import annotations

from datetime import date

import attrs

from danvan.model import Dataset, Quantity, Succession
from danvan.rules import references
from tests.rule_cases import added, changed, check, found


def test_the_sample_has_no_broken_reference_and_no_duplicate_id(nampo: Dataset) -> None:
    rules = (
        references.duplicate_ids,
        references.unit_references,
        references.people_references,
        references.activity_references,
        references.catalog_references,
    )
    assert not check(nampo, *rules).findings


def test_a_record_entered_twice_is_a_duplicate_id_at_its_second_occurrence(nampo: Dataset) -> None:
    again = attrs.evolve(nampo.activities[5], title="Nhập lại")
    report = check(added(nampo, "activities", again), references.duplicate_ids)
    [finding] = report.findings
    assert (finding.code, finding.location.record_kind) == ("DV101", "activity")
    assert finding.location.record_id == nampo.activities[5].id
    assert finding.values["occurrence"] == 2


def test_a_catalogue_code_declared_twice_is_a_duplicate(nampo: Dataset) -> None:
    catalog = nampo.catalog
    twice = attrs.evolve(catalog, topics=(*catalog.topics, catalog.topics[0]))
    report = check(attrs.evolve(nampo, catalog=twice), references.duplicate_ids)
    assert found(report) == {("DV101", catalog.topics[0].code, "code")}


def test_an_indicator_counting_a_type_the_catalogue_lacks_is_an_unknown_type(
    nampo: Dataset,
) -> None:
    catalog = nampo.catalog
    wrong = tuple(
        attrs.evolve(i, counts_type="tuyen-truyen") if i.code == "sessions" else i
        for i in catalog.indicators
    )
    report = check(
        attrs.evolve(nampo, catalog=attrs.evolve(catalog, indicators=wrong)),
        references.catalog_references,
    )
    assert found(report) == {("DV106", "sessions", "counts_type")}


def test_a_team_serving_an_unknown_village_is_reported_on_that_assignment(nampo: Dataset) -> None:
    team = nampo.teams[0]
    wrong = (attrs.evolve(team.villages[0], village="ban-khong-co"),)
    report = check(changed(nampo, "teams", team.id, villages=wrong), references.unit_references)
    assert found(report) == {("DV102", team.id, "villages[0].village")}


def test_a_team_serving_a_commune_is_told_it_is_not_a_village(nampo: Dataset) -> None:
    team = nampo.teams[0]
    commune = (attrs.evolve(team.villages[0], village="xa-nam-tin"),)
    report = check(changed(nampo, "teams", team.id, villages=commune), references.unit_references)
    assert found(report) == {("DV109", team.id, "villages[0].village")}


def test_parents_organisations_and_successions_must_name_existing_units(
    nampo: Dataset,
) -> None:
    dataset = changed(nampo, "units", "ban-moc-4", parent="xa-mat-tich")
    dataset = changed(dataset, "organizations", nampo.organizations[0].id, unit="huyen-khac")
    dataset = added(
        dataset,
        "successions",
        Succession(("xa-nam-tin", "xa-pa-tan"), "xa-muong-cha", date(2025, 7, 1)),
    )
    report = check(dataset, references.unit_references)
    assert found(report) == {
        ("DV102", "ban-moc-4", "parent"),
        ("DV102", nampo.organizations[0].id, "unit"),
        ("DV102", None, "predecessors[1]"),
        ("DV102", None, "successor"),
    }
    [succession, *_] = [f.location for f in report if f.location.record_kind == "succession"]
    assert succession.record_index == 0


def test_memberships_and_members_must_name_existing_teams_members_and_organisations(
    nampo: Dataset,
) -> None:
    membership = nampo.memberships[0]
    dataset = changed(nampo, "memberships", membership.id, team="to-khac", member="tv-khac")
    dataset = changed(dataset, "members", nampo.members[0].id, organization="org-khac")
    report = check(dataset, references.people_references)
    assert found(report) == {
        ("DV103", membership.id, "team"),
        ("DV104", membership.id, "member"),
        ("DV105", nampo.members[0].id, "organization"),
    }


def test_every_reference_of_an_activity_is_checked_at_once(nampo: Dataset) -> None:
    activity = nampo.activities[0]
    dataset = changed(
        nampo,
        "activities",
        activity.id,
        team="to-khac",
        village="ban-khac",
        type="karaoke",
        topics=("forest_protection", "astrology"),
        quantities=(Quantity("sessions", 1), Quantity("smiles", 3)),
    )
    report = check(dataset, references.activity_references)
    assert found(report) == {
        ("DV103", activity.id, "team"),
        ("DV102", activity.id, "village"),
        ("DV106", activity.id, "type"),
        ("DV107", activity.id, "topics[1]"),
        ("DV108", activity.id, "quantities[1].indicator"),
    }
    assert activity.provenance is not None
    assert all(f.location.source == activity.provenance.source for f in report)


def test_an_activity_in_a_commune_is_not_in_a_village(nampo: Dataset) -> None:
    activity = nampo.activities[0]
    dataset = changed(nampo, "activities", activity.id, village="xa-nam-tin")
    report = check(dataset, references.activity_references)
    assert found(report) == {("DV109", activity.id, "village")}
    assert "commune" in report.findings[0].message.en
