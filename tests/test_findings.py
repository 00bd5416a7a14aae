"""Findings and reports: codes, severities, messages in two languages, filters, the table."""

from __future__ import annotations

import importlib
import re
from datetime import date
from pathlib import Path

from danvan.findings import (
    Finding,
    FindingCode,
    Location,
    Severity,
    ValidationReport,
    make_finding,
)
from danvan.findings.codes import BUILTIN, BY_ID
from danvan.labels import Label
from danvan.layout import field_name
from danvan.model import Provenance
from danvan.plugins import registered_rules
from danvan.rules.reference import REPORTED_OUTSIDE_RULES, rule_reference_markdown
from danvan.tables import ColumnType

DOCS = Path(__file__).resolve().parent.parent / "docs" / "rules.md"


def test_severities_are_ordered_from_information_to_error() -> None:
    assert Severity.INFO < Severity.WARNING < Severity.ERROR
    assert max(Severity) is Severity.ERROR
    assert Severity.ERROR.label.get("vi") == "Lỗi"


def test_a_finding_renders_its_templates_with_dates_day_first_in_vietnamese() -> None:
    where = Location.of("team", "to-moc4", Provenance("to.xlsx", "Tổ", 5))
    finding = make_finding(BY_ID["DV301"], where, start=date(2022, 7, 1), end=None)
    assert finding.message == Label(
        "Tổ không có tổ trưởng từ 01/07/2022 đến …",
        "The team has no leader from 2022-07-01 to …",
    )
    assert (finding.severity, finding.location.row, finding.location.sheet) == (
        Severity.ERROR,
        5,
        "Tổ",
    )
    assert finding.tags == {"membership", "leader", "date"}
    assert str(finding).startswith("DV301 error at to.xlsx, sheet Tổ, row 5, team to-moc4")


def test_every_built_in_code_has_an_id_of_its_group_and_both_messages() -> None:
    assert all(re.fullmatch(r"DV\d{3}", code.id) for code in BUILTIN)
    assert all(code.message.vi and code.message.en and code.description for code in BUILTIN)


def test_every_built_in_domain_code_belongs_to_a_rule() -> None:
    emitted = {code.id for r in registered_rules() for code in r.codes}
    load_import_and_internal = {c for c in BY_ID if c.startswith(("DV0", "DV6")) or c == "DV999"}
    assert set(BY_ID) - emitted == load_import_and_internal | set(REPORTED_OUTSIDE_RULES)


def test_no_two_built_in_codes_share_an_id_and_the_families_keep_their_hundreds() -> None:
    assert len(BY_ID) == len(BUILTIN)
    families = {
        "_document": "DV0",
        "_references": "DV1",
        "_hierarchy": "DV2",
        "_teams": "DV3",
        "_activities": "DV4",
        "_text": "DV5",
        "_importing": "DV6",
        "_safety": "DV6",
        "_internal": "DV9",
    }
    declared = []
    for name, hundreds in families.items():
        module = importlib.import_module(f"danvan.findings.codes.{name}")
        for value in vars(module).values():
            if isinstance(value, FindingCode):
                assert value.id.startswith(hundreds), (name, value.id)
                declared.append(value)
    assert sorted(c.id for c in declared) == sorted(BY_ID)


def _report() -> ValidationReport:
    return ValidationReport.of(
        [
            make_finding(
                BY_ID["DV409"], Location.of("activity", "hd-2"), other="hd-1", date=date(2022, 1, 1)
            ),
            make_finding(
                BY_ID["DV501"],
                Location.of("unit", "ban-a", field="name"),
                field="name",
                before="a",
                after="a",
            ),
            make_finding(
                BY_ID["DV103"],
                Location.of("activity", "hd-3", field="team"),
                field=field_name("activity", "team"),
                target="to-x",
            ),
            make_finding(
                BY_ID["DV102"],
                Location.of("activity", "hd-3", field="village"),
                field=field_name("activity", "village"),
                target="ban-x",
            ),
        ]
    )


def test_a_report_counts_filters_and_knows_whether_it_is_ok() -> None:
    report = _report()
    assert report.counts == {Severity.ERROR: 2, Severity.WARNING: 1, Severity.INFO: 1}
    assert not report.ok
    # Errors first, then by place: hd-3's field "team" comes before its field "village".
    assert [f.code for f in report] == ["DV103", "DV102", "DV409", "DV501"]
    assert report.filter(severity=Severity.ERROR).codes == {"DV102", "DV103"}
    assert report.filter(min_severity=Severity.WARNING).codes == {"DV102", "DV103", "DV409"}
    assert report.filter(tag="text").codes == {"DV501"}
    assert report.filter(code=["DV409", "DV501"]).ok
    assert len(report.filter(code="DV999")) == 0
    assert (report.filter(code="DV409") + report.filter(code="DV102")).codes == {"DV102", "DV409"}
    assert report.summary("en") == "2 errors, 1 warnings, 1 notes"


def test_a_report_becomes_a_table_an_exporter_can_write() -> None:
    table = _report().to_table()
    rows = list(table.iter_rows())
    assert len(rows) == 4
    names = [c.name for c in table.columns]
    first = dict(zip(names, rows[0], strict=True))
    assert first["code"] == "DV103"
    assert first["record_id"] == "hd-3"
    assert first["field"] == "team"
    assert first["message_vi"].startswith("Trường “Mã tổ” trỏ tới tổ to-x")
    assert first["message_en"].startswith("Field team refers to team to-x")
    assert table.column("row").type is ColumnType.INTEGER
    assert table.rereadable


def test_findings_are_plain_values() -> None:
    one = make_finding(
        BY_ID["DV404"],
        Location.of("activity", "a"),
        date=date(2023, 1, 1),
        as_of=date(2022, 12, 31),
    )
    again = make_finding(
        BY_ID["DV404"],
        Location.of("activity", "a"),
        date=date(2023, 1, 1),
        as_of=date(2022, 12, 31),
    )
    assert one == again
    assert isinstance(one, Finding)
    assert len({one, again}) == 1


def test_the_rule_reference_in_the_docs_is_generated_from_the_codes() -> None:
    assert DOCS.read_text(encoding="utf-8") == rule_reference_markdown(registered_rules())
