"""Personal data: findings tables name the record, not the person; every exporter can redact."""

from __future__ import annotations

import hashlib
import hmac
import io
import re
import shutil
import subprocess
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

from danvan import export
from danvan.cli import main
from danvan.exporters.base import ExportError
from danvan.findings import FindingCode, Location, Severity, ValidationReport, make_finding
from danvan.labels import Label
from danvan.layout import dataset_bundle
from danvan.loading import text_findings
from danvan.model import Dataset, Gender, Member
from danvan.plugins import available_exporters
from danvan.redact import Redaction, RedactMode, redact_bundle, redact_table
from danvan.tables import Bundle, BundleMetadata, Column, ColumnType, Table

NAME = "Nguyễn Thị Lan"
POSITION = "Phó Chủ tịch Hội Liên hiệp Phụ nữ huyện"
PEOPLE = Dataset(
    members=(
        Member("m1", NAME, Gender.FEMALE, "Mông", None, POSITION, True),
        Member("m2", "Lò Văn Pá", position=POSITION),
    )
)


def _members(bundle: Bundle) -> Table:
    return bundle.table("members")


def test_omit_leaves_the_personal_columns_out_and_other_tables_as_they_were() -> None:
    bundle = dataset_bundle(PEOPLE)
    redacted = redact_bundle(bundle, "omit")
    assert [c.name for c in _members(redacted).columns] == ["id", "organization", "illustrative"]
    assert list(_members(redacted).iter_rows()) == [("m1", None, None), ("m2", None, None)]
    assert redacted.table("teams") is bundle.table("teams")


def test_pseudonyms_are_salted_hmac_sha256_and_the_same_in_every_run_with_the_salt() -> None:
    redaction = Redaction(RedactMode.PSEUDONYMISE, "muối bí mật")
    expected = hmac.new("muối bí mật".encode(), NAME.encode(), hashlib.sha256).hexdigest()[:16]
    assert redaction.pseudonym(NAME) == "p-" + expected
    rows = list(_members(redact_bundle(dataset_bundle(PEOPLE), redaction)).iter_rows())
    again = list(
        _members(
            redact_bundle(dataset_bundle(PEOPLE), Redaction("pseudonymise", "muối bí mật"))
        ).iter_rows()
    )
    assert rows == again
    assert rows[0][1] == "p-" + expected
    assert rows[0][5] == rows[1][5]  # one position, one pseudonym: they can still be counted
    assert NAME not in str(rows)
    assert POSITION not in str(rows)


def test_without_a_salt_each_run_draws_its_own() -> None:
    assert Redaction("pseudonymise").pseudonym(NAME) != Redaction("pseudonymise").pseudonym(NAME)


def test_a_personal_column_that_is_not_text_is_left_out_even_when_pseudonymising() -> None:
    columns = [
        c.name for c in _members(redact_bundle(dataset_bundle(PEOPLE), "pseudonymise")).columns
    ]
    assert "party_member" not in columns
    assert "full_name" in columns


@settings(max_examples=50)
@given(st.lists(st.tuples(st.text(), st.text()), max_size=8), st.binary(min_size=1))
def test_redaction_keeps_the_other_columns_and_every_row(
    rows: list[tuple[str, str]], salt: bytes
) -> None:
    table = Table(
        "t",
        Label("Bảng", "Table"),
        (Column("id", Label("Mã", "Id")), Column("name", Label("Tên", "Name"), personal=True)),
        rows,
    )
    redaction = Redaction("pseudonymise", salt)
    redacted = list(redact_table(table, redaction).iter_rows())
    assert [r[0] for r in redacted] == [r[0] for r in rows]
    for (_, name), (_, hidden) in zip(rows, redacted, strict=True):
        if name:
            assert re.fullmatch(r"p-[0-9a-f]{16}", hidden)
            assert hidden == redaction.pseudonym(name)
        else:
            assert hidden == ""


def test_rows_stay_lazy_and_a_one_shot_table_stays_one_shot() -> None:
    read: list[int] = []

    def rows() -> Iterator[tuple[str, str]]:
        for k in range(3):
            read.append(k)
            yield (f"m{k}", NAME)

    columns = (Column("id", Label("Mã", "Id")), Column("name", Label("Tên", "Name"), personal=True))
    again = redact_table(Table("t", Label("t", "t"), columns, rows), Redaction("omit"))
    assert read == []
    assert again.rereadable
    assert list(again.iter_rows()) == [("m0",), ("m1",), ("m2",)]
    once = redact_table(Table("t", Label("t", "t"), columns, rows()), Redaction("omit"))
    assert not once.rereadable
    assert next(once.iter_rows()) == ("m0",)
    assert read == [0, 1, 2, 0]


def _everything_written(data: bytes) -> str:
    """The text of an output, unzipped when it is a zip (XLSX, Data Package, DOCX), a PDF's
    read by poppler's ``pdftotext``."""
    if data[:4] == b"%PDF":
        return subprocess.run(
            ["pdftotext", "-", "-"], input=data, capture_output=True, check=True
        ).stdout.decode("utf-8", "replace")
    if data[:2] != b"PK":
        return data.decode("utf-8", "replace")
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return "".join(archive.read(n).decode("utf-8", "replace") for n in archive.namelist())


@pytest.mark.parametrize("mode", ["omit", "pseudonymise"])
@pytest.mark.parametrize("fmt", sorted(available_exporters()))
def test_every_built_in_exporter_honours_redact(fmt: str, mode: str) -> None:
    if fmt == "pdf" and not (shutil.which("soffice") and shutil.which("pdftotext")):
        pytest.skip("a PDF needs LibreOffice to write and pdftotext to read back")
    bundle = dataset_bundle(PEOPLE)
    exporter = available_exporters()[fmt]
    options = {"table": "members"} if exporter.single_table else None
    plain, redacted = io.BytesIO(), io.BytesIO()
    export(bundle, plain, fmt, options=options)
    export(bundle, redacted, fmt, options=options, redact=mode)
    assert NAME in _everything_written(plain.getvalue())
    written = _everything_written(redacted.getvalue())
    for personal in (NAME, POSITION, "Mông", "Lò Văn Pá"):
        assert personal not in written


def test_an_unknown_redaction_is_an_export_error() -> None:
    with pytest.raises(ExportError, match="unknown redaction 'blur'"):
        export(dataset_bundle(PEOPLE), io.BytesIO(), "json", redact="blur")


# Findings: the table names the record, not the person.


def _spacing_finding() -> ValidationReport:
    location = Location("xa.xlsx", "Thành viên", 4, "Họ và tên", "full_name", "member", "m1")
    return ValidationReport(text_findings(NAME + "  ", NAME, location))


def test_a_finding_on_a_members_name_quotes_it_only_on_request() -> None:
    report = _spacing_finding()
    (finding,) = report.findings
    assert finding.personal == {"before", "after"}
    assert NAME in finding.message.en  # on screen, for the person who fixes the file
    hidden = next(iter(report.to_table().iter_rows()))
    assert NAME not in str(hidden)
    assert "<member m1 full_name>" in hidden[3]
    assert "<thành viên m1, Họ và tên>" in hidden[2]  # each language names it in its words
    assert hidden[10] == "m1"  # the record id is there to look the member up
    quoted = report.to_table(personal=True)
    assert NAME in str(list(quoted.iter_rows()))
    assert quoted.column("message_en").personal


def test_a_findings_table_that_quotes_is_still_redacted_on_export() -> None:
    quoted = _spacing_finding().to_table(personal=True)
    redacted = redact_table(quoted, Redaction("omit"))
    assert "message_en" not in [c.name for c in redacted.columns]
    assert NAME not in str(list(redacted.iter_rows()))


def test_a_finding_elsewhere_quotes_its_values_as_before() -> None:
    location = Location(field="title", record_kind="activity", record_id="a1")
    (finding,) = text_findings("Họp  tổ", "Họp tổ", location)
    assert finding.personal == frozenset()
    assert "Họp  tổ" in next(iter(ValidationReport([finding]).to_table().iter_rows()))[3]


def test_a_plugin_rule_can_mark_its_own_values_personal() -> None:
    code = FindingCode(  # not declared: a plugin's code the table has no template of
        "XP001",
        Severity.WARNING,
        Label("Thử", "Test"),
        Label("Thành viên {who} chưa tập huấn", "Member {who} is not trained"),
        "A test code.",
    )
    where = Location(record_kind="member", record_id="m2")
    finding = make_finding(code, where, personal=["who"], who="Lò Văn Pá")
    row = next(iter(ValidationReport([finding]).to_table().iter_rows()))
    assert row[3] == "Member <member m2> is not trained"


# The command line.


def test_export_redacts_on_request_and_pseudonyms_repeat_with_the_salt(tmp_path: Path) -> None:
    source = tmp_path / "members.csv"
    source.write_text(f"id,full_name,position\nm1,{NAME},{POSITION}\n", encoding="utf-8")
    runner = CliRunner()
    base = ["export", str(source), "-o", "-", "--format", "csv", "--table", "members"]
    plain = runner.invoke(main, base)
    assert NAME in plain.stdout
    omitted = runner.invoke(main, [*base, "--redact", "omit"])
    assert omitted.exit_code == 0, omitted.output
    assert NAME not in omitted.stdout
    assert POSITION not in omitted.stdout
    salted = [*base, "--redact", "pseudonymise", "--salt", "s3cret"]
    first, second = runner.invoke(main, salted), runner.invoke(main, salted)
    assert NAME not in first.stdout
    assert first.stdout == second.stdout
    by_env = runner.invoke(main, salted[:-2], env={"DANVAN_REDACT_SALT": "s3cret"})
    assert by_env.stdout == first.stdout
    wrong = runner.invoke(main, [*base, "--redact", "blur"])
    assert wrong.exit_code == 2


def test_report_findings_name_the_record_unless_told_to_quote(tmp_path: Path) -> None:
    source = tmp_path / "members.csv"
    source.write_text(f"id,full_name\nm1,{NAME}  \n", encoding="utf-8")
    runner = CliRunner()
    base = ["report", str(source), "-o", "-", "--format", "json"]
    hidden = runner.invoke(main, base)
    assert hidden.exit_code == 0, hidden.output
    assert "<member m1 full_name>" in hidden.stdout
    assert NAME not in hidden.stdout
    quoted = runner.invoke(main, [*base, "--quote-personal"])
    assert NAME in quoted.stdout


def test_a_plain_bundle_without_personal_columns_is_passed_on_unchanged() -> None:
    table = Table("t", Label("t", "t"), (Column("n", Label("n", "n"), ColumnType.INTEGER),), [(1,)])
    bundle = Bundle((table,), BundleMetadata(Label("t", "t")))
    assert redact_bundle(bundle, "omit") is bundle
    assert redact_bundle(bundle, None) is bundle
