"""Vietnamese names in Vietnamese messages, English ones in English messages.

A Vietnamese message names fields and record kinds in Vietnamese ("dòng chỉ
tiêu 1, Giá trị", "hoạt động"), the English one as the model writes them
(``quantities[0].value``, "activity"); the record tables are the one list of
these names.
"""

from __future__ import annotations

import json
import re
import string
from datetime import date
from pathlib import Path
from typing import Any

import attrs

from danvan import load_checked, read_dataset
from danvan.findings import Finding, FindingCode, make_finding
from danvan.findings.codes import BUILTIN
from danvan.labels import Label
from danvan.layout import field_name, kind_name, table_name, type_name
from danvan.model import (
    Activity,
    ActivityType,
    AdminUnit,
    Assignment,
    Dataset,
    Funding,
    FundingSource,
    Indicator,
    Member,
    Membership,
    Organization,
    Quantity,
    ReportingBody,
    Submission,
    Succession,
    Target,
    Team,
    Topic,
    UnitFigure,
)
from tests.rule_cases import added, changed, check


def _quoting(code: FindingCode, text: str) -> dict[str, Any]:
    """A plausible value for every placeholder of ``code``'s templates."""
    names = [
        n for t in (code.message.vi, code.message.en) for _, n, _, _ in string.Formatter().parse(t)
    ]
    numbers: dict[str, Any] = {"month": 3, "year": 2022}
    return {name: numbers.get(name, text) for name in names if name}


ENGLISH_NAMES = {
    "activity",
    "activities",
    "activity_type",
    "participants",
    "households",
    "quantity",
    "quantities",
    "funding",
    "amount",
    "team",
    "teams",
    "member",
    "members",
    "membership",
    "memberships",
    "unit",
    "units",
    "organization",
    "organisation",
    "organizations",
    "succession",
    "successions",
    "predecessors",
    "successor",
    "indicator",
    "indicators",
    "topic",
    "topics",
    "village",
    "villages",
    "parent",
    "valid_from",
    "valid_until",
    "established",
    "dissolved",
    "full_name",
    "field",
    "value",
    "date",
    "type",
    "level",
    "district",
    "commune",
    "province",
    "table",
    "column",
    "row",
    "str",
    "int",
}
_QUOTED_TEXT = re.compile(r"'[^']*'|\"[^\"]*\"")


def english_names(message: str) -> set[str]:
    """The English field and record-kind names in a message, outside the values it quotes."""
    words = re.findall(r"[A-Za-z_]+", _QUOTED_TEXT.sub(" ", message))
    return {word for word in words if word.lower() in ENGLISH_NAMES}


def test_the_names_are_vietnamese_in_vietnamese_and_english_in_english() -> None:
    assert kind_name("activity") == Label("hoạt động", "activity")
    assert kind_name("team").vi == "Tổ Dân vận"
    assert field_name("activity", "quantities[0].unit") == Label(
        "dòng chỉ tiêu 1, Đơn vị tính", "quantities[0].unit"
    )
    assert field_name("activity", "funding[1].amount").vi == "dòng kinh phí 2, Số tiền (đồng)"
    assert field_name("team", "villages[0].village").vi == "địa bàn phụ trách 1, Mã bản"
    assert field_name("activity", "topics[1]").vi == "Chủ đề, mục 2"
    assert field_name("activity", "participants").vi == "Số người tham gia"
    assert field_name("quantity", "value").vi == "Giá trị"
    assert field_name("activity", "particpants") == Label("particpants", "particpants")
    assert table_name("activities") == Label("Hoạt động", "activities")
    assert type_name("date").vi == "ngày dạng YYYY-MM-DD"
    assert type_name("Role").vi == "một trong 'leader', 'deputy', 'member'"
    assert type_name("int | float") == Label("số", "int | float")
    assert type_name("datetime.date | None").vi == "ngày dạng YYYY-MM-DD"


def _names_of_the_layout() -> dict[str, Any]:
    return {
        "field": field_name("activity", "quantities[0].unit"),
        "kind": kind_name("membership"),
        "target_kind": kind_name("activity"),
        "table": table_name("activity_quantities"),
        "expected": type_name("int"),
    }


def test_no_built_in_template_puts_an_english_name_in_a_vietnamese_sentence() -> None:
    names = _names_of_the_layout()
    for code in BUILTIN:
        values = {**_quoting(code, "x1"), **names}
        message = make_finding(code, **values).message
        assert english_names(message.vi) == set(), (code.id, message.vi)
        assert "quantities[0].unit" in message.en or "{field}" not in code.message.en


def _faulty(nampo: Dataset) -> Dataset:
    """The sample with one of each mistake a rule names a field or a record kind for."""
    activity, team, membership = nampo.activities[0], nampo.teams[0], nampo.memberships[0]
    dataset = changed(
        nampo,
        "activities",
        activity.id,
        team="to-khac",
        village="ban-khac",
        type="karaoke",
        topics=("astrology",),
        participants=-3,
        households=-1,
        quantities=(Quantity("smiles", -2, "cái"),),
        funding=(Funding(FundingSource.SOCIETY, -5),),
    )
    dataset = added(dataset, "activities", attrs.evolve(nampo.activities[1], title="Lặp  lại"))
    dataset = changed(dataset, "teams", team.id, established=date(2023, 1, 1))
    dataset = changed(
        dataset,
        "teams",
        nampo.teams[1].id,
        villages=(attrs.evolve(nampo.teams[1].villages[0], village="xa-nam-tin"),),
    )
    dataset = changed(
        dataset,
        "memberships",
        membership.id,
        team="to-khac",
        member="tv-khac",
        valid_from=date(2022, 5, 1),
        valid_until=date(2022, 1, 1),
    )
    dataset = changed(dataset, "members", nampo.members[0].id, organization="org-khac")
    dataset = changed(dataset, "units", "ban-moc-4", parent="xa-mat-tich")
    return added(dataset, "successions", Succession(("xa-khac",), "xa-muong-cha", date(2025, 7, 1)))


def _assert_vietnamese(findings: list[Finding]) -> None:
    english = {f.code: english_names(f.message.vi) for f in findings}
    assert {code: names for code, names in english.items() if names} == {}


def test_rule_findings_name_fields_and_records_in_vietnamese(nampo: Dataset) -> None:
    report = check(_faulty(nampo))
    codes = {f.code for f in report}
    assert {"DV101", "DV102", "DV103", "DV104", "DV105", "DV106", "DV107", "DV109"} <= codes
    assert {"DV306", "DV405", "DV406", "DV503"} <= codes
    _assert_vietnamese(list(report))
    negative = {f.message.vi for f in report if f.code in {"DV405", "DV406"}}
    assert "Trường “Số người tham gia” có giá trị âm: -3" in negative
    assert "Số tiền ở “dòng kinh phí 1, Số tiền (đồng)” âm: -5 đồng" in negative
    assert any("Field participants is negative" in f.message.en for f in report)
    duplicate = next(f for f in report if f.code == "DV101")
    assert "của hoạt động" in duplicate.message.vi
    assert "of a activity" in duplicate.message.en


def test_loading_findings_name_fields_in_vietnamese() -> None:
    document = {
        "format": "danvan.dataset/1",
        "members": [{"id": "m1"}],
        "memberships": [{"id": "ms1", "team": "t1", "member": "m1", "role": "boss"}],
        "activities": [
            {
                "id": "a1",
                "team": "t1",
                "village": "v1",
                "date": "2022-13-01",
                "type": "monthly_meeting",
                "participants": "nhiều",
                "particpants": 3,
                "quantities": [{"indicator": "sessions", "value": "một", "unit": "buổi"}],
            }
        ],
    }
    _, report = load_checked(json.dumps(document))
    findings = list(report)
    assert {"DV010", "DV011", "DV012"} <= {f.code for f in findings}
    _assert_vietnamese(findings)
    messages = {f.message.vi for f in findings}
    assert any("“dòng chỉ tiêu 1, Giá trị”" in m for m in messages), messages
    assert any("“Họ và tên”" in m for m in messages), messages


def test_import_findings_name_tables_columns_and_records_in_vietnamese(tmp_path: Path) -> None:
    (tmp_path / "activities.csv").write_text(
        "id,team,village,type,title,ghi chu khac\na1,t1,v1,monthly_meeting,Họp  tổ,x\n",
        encoding="utf-8",
    )
    (tmp_path / "activity_quantities.csv").write_text(
        "activity,indicator,value\na9,sessions,1\n", encoding="utf-8"
    )
    findings = list(read_dataset(tmp_path).report)
    assert {"DV604", "DV605"} <= {f.code for f in findings}
    _assert_vietnamese(findings)
    missing = next(f for f in findings if f.code == "DV605")
    assert missing.message.vi.startswith("Bảng Hoạt động thiếu cột bắt buộc “Ngày”")
    assert "Table activities lacks the required column Ngày / Date" in missing.message.en


def test_every_field_of_every_record_kind_has_a_vietnamese_name() -> None:
    kinds = {
        AdminUnit: "unit",
        Organization: "organization",
        Member: "member",
        Team: "team",
        Assignment: "team_village",
        Membership: "membership",
        Activity: "activity",
        Quantity: "quantity",
        Funding: "funding",
        Succession: "succession",
        UnitFigure: "unit_figure",
        Target: "target",
        Submission: "submission",
        ReportingBody: "reporting_body",
        ActivityType: "activity_type",
        Topic: "topic",
        Indicator: "indicator",
    }
    untranslated = [
        f"{kind}.{field.name}"
        for model, kind in kinds.items()
        for field in attrs.fields(model)
        if field_name(kind, field.name).vi == field.name
    ]
    assert untranslated == []
    assert all(english_names(kind_name(kind).vi) == set() for kind in kinds.values())
