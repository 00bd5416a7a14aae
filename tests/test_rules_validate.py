"""``validate`` as a whole: the sample is clean, many problems come out at once, rules plug in."""

from __future__ import annotations

import unicodedata
from collections.abc import Iterator
from datetime import date

import attrs
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from danvan import validate
from danvan.findings import Finding, FindingCode, Location, Severity, make_finding
from danvan.labels import Label
from danvan.model import Dataset, Membership, Quantity, Role
from danvan.plugins import hookimpl, make_plugin_manager, registered_rules
from danvan.rules import Rule, ValidationContext, rule
from tests.rule_cases import AS_OF, added, changed
from tests.strategies import datasets


def test_the_bundled_sample_validates_without_errors(nampo: Dataset) -> None:
    report = validate(nampo, as_of=date(2022, 12, 31))
    assert report.ok
    assert report.counts[Severity.ERROR] == 0


def _messy(nampo: Dataset) -> Dataset:
    first, second, early = nampo.activities[0], nampo.activities[30], nampo.activities[1]
    dataset = changed(nampo, "units", "ban-na-su", parent="huyen-nam-po")
    dataset = changed(dataset, "activities", early.id, date=date(2021, 12, 1))
    dataset = changed(dataset, "memberships", "to-moc4-1", valid_until=date(2022, 6, 30))
    dataset = added(
        dataset,
        "memberships",
        Membership("to-nasu-9", "to-nasu", "tv-nasu-2", Role.LEADER, date(2022, 3, 1)),
        Membership("to-ma-1", "to-ma", "tv-ma", Role.MEMBER),
    )
    dataset = changed(dataset, "activities", first.id, date=date(2023, 2, 1), participants=-3)
    dataset = changed(
        dataset,
        "activities",
        second.id,
        type="karaoke",
        quantities=(Quantity("harvest", 1, "tấn"),),
    )
    dataset = changed(
        dataset, "members", "tv-moc4-1", full_name=unicodedata.normalize("NFD", "Trần Thị Yến")
    )
    return added(dataset, "activities", attrs.evolve(nampo.activities[40], id="hd-nhap-lai"))


def test_a_dataset_with_many_problems_yields_all_of_them_each_located(nampo: Dataset) -> None:
    report = validate(_messy(nampo), as_of=AS_OF)
    first, second, early = (nampo.activities[i].id for i in (0, 30, 1))
    expected = {
        ("DV203", "ban-na-su"),
        ("DV301", "to-moc4"),
        ("DV302", "to-nasu-9"),
        ("DV304", "to-nasu-9"),
        ("DV103", "to-ma-1"),
        ("DV104", "to-ma-1"),
        ("DV404", first),
        ("DV401", early),
        ("DV405", first),
        ("DV106", second),
        ("DV407", second),
        ("DV409", "hd-nhap-lai"),
        ("DV501", "tv-moc4-1"),
    }
    assert {(f.code, f.location.record_id) for f in report} >= expected
    assert all(f.location.record_kind and f.location.record_id for f in report)
    assert report.counts[Severity.ERROR] >= 11
    assert set(report.counts) == set(Severity)


def test_findings_come_most_severe_first_in_a_stable_order(nampo: Dataset) -> None:
    report = validate(_messy(nampo), as_of=AS_OF)
    severities = [f.severity for f in report]
    assert severities == sorted(severities, reverse=True)
    assert validate(_messy(nampo), as_of=AS_OF) == report


TRAINING = FindingCode(
    id="XT001",
    severity=Severity.WARNING,
    title=Label("Tổ chưa tập huấn", "Team not trained"),
    message=Label("Tổ {team} chưa có buổi tập huấn", "Team {team} has had no training"),
    description="A third-party rule: every team holds a training session.",
    tags=frozenset({"training"}),
)


@rule("training", TRAINING)
def training(context: ValidationContext) -> Iterator[Finding]:
    """Every team holds a training session (a rule from outside danvan)."""
    trained = {a.team for a in context.dataset.activities if "tập huấn" in a.title.lower()}
    for team in context.dataset.teams:
        if team.id not in trained:
            yield make_finding(
                TRAINING, Location.of("team", team.id, team.provenance), team=team.id
            )


def test_a_third_party_rule_runs_beside_the_built_in_ones(nampo: Dataset) -> None:
    report = validate(nampo, as_of=AS_OF, rules=[*registered_rules(), training])
    trainings = report.filter(tag="training")
    assert {f.location.record_id for f in trainings} == {t.id for t in nampo.teams}
    assert trainings.findings[0].message.vi.startswith("Tổ to-")
    assert report.ok


class TrainingPlugin:
    """A third-party plugin offering its rule through the ``danvan_rules`` hook."""

    @hookimpl
    def danvan_rules(self) -> list[Rule]:
        return [training]


def test_hook_danvan_rules(nampo: Dataset) -> None:
    pm = make_plugin_manager(load_entrypoints=False, extra_plugins={"training": TrainingPlugin()})
    rules = registered_rules(pm)
    assert rules[-1] is training
    assert rules[:-1] == registered_rules()
    assert validate(nampo, as_of=AS_OF, rules=rules).filter(code="XT001").findings
    assert not validate(nampo, as_of=AS_OF).filter(code="XT001").findings


def _broken(context: ValidationContext) -> Iterator[Finding]:
    yield make_finding("DV409", Location.of("activity", "hd-x"), other="hd-y", date=AS_OF)
    raise ZeroDivisionError("a bug in the rule")


def test_a_rule_that_raises_is_reported_and_the_others_still_run(nampo: Dataset) -> None:
    dataset = changed(nampo, "activities", nampo.activities[0].id, participants=-1)
    broken = Rule("broken", (), _broken)
    report = validate(dataset, as_of=AS_OF, rules=[broken, *registered_rules()])
    failed = report.filter(code="DV999")
    assert [f.values["rule"] for f in failed] == ["broken"]
    assert "ZeroDivisionError" in failed.findings[0].message.en
    assert report.filter(code="DV405").findings
    assert report.filter(code="DV409").findings  # what it found before failing is kept


def test_the_built_in_rules_have_names_descriptions_and_declared_codes() -> None:
    rules = registered_rules()
    assert len({r.name for r in rules}) == len(rules)
    assert all(r.description and r.codes for r in rules)


@pytest.mark.parametrize("checker", registered_rules(), ids=lambda r: r.name)
def test_every_rule_emits_only_the_codes_it_declares(nampo: Dataset, checker: Rule) -> None:
    declared = {c.id for c in checker.codes}
    assert validate(_messy(nampo), as_of=AS_OF, rules=[checker]).codes <= declared


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(datasets, st.none() | st.dates(date(2015, 1, 1), date(2030, 12, 31)))
def test_no_dataset_makes_a_rule_fail(dataset: Dataset, as_of: date | None) -> None:
    report = validate(dataset, as_of=as_of)
    assert not report.filter(code="DV999").findings, [str(f) for f in report.filter(code="DV999")]
