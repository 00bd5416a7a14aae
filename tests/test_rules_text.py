"""Text that was not canonical: NFC and tone-mark placement, reported as information (DV5xx)."""

from __future__ import annotations

import unicodedata

from danvan.findings import Location, Severity
from danvan.loading import text_findings
from danvan.model import Dataset
from danvan.rules import text
from tests.rule_cases import changed, check, found


def test_the_sample_texts_are_canonical(nampo: Dataset) -> None:
    assert not check(nampo, text.text_form).findings


def test_a_decomposed_name_built_in_code_is_reported_as_information(nampo: Dataset) -> None:
    decomposed = unicodedata.normalize("NFD", "Mốc 4")
    dataset = changed(nampo, "units", "ban-moc-4", name=decomposed)
    report = check(dataset, text.text_form)
    assert found(report) == {("DV501", "ban-moc-4", "name")}
    assert report.findings[0].severity is Severity.INFO
    assert report.ok


def test_a_change_of_tone_placement_alone_is_told_apart_from_nfc() -> None:
    # "hoà" and the canonical "hòa" are both NFC; the change is one of placement.
    where = Location(field="name", record_kind="member", record_id="tv-1")
    [finding] = text_findings("hoà", "hòa", where)
    assert (finding.code, finding.location) == ("DV502", where)
    both = text_findings(unicodedata.normalize("NFD", "hoà"), "hòa", where)
    assert [f.code for f in both] == ["DV501", "DV502"]


def test_extra_white_space_is_reported_as_information(nampo: Dataset) -> None:
    dataset = changed(nampo, "units", "ban-moc-4", name="  Mốc  4 ")
    report = check(dataset, text.text_form)
    assert found(report) == {("DV503", "ban-moc-4", "name")}
    assert report.ok
