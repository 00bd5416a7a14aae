"""The reporting rates in the period report: a table of the bundle, a paragraph of section III."""

from __future__ import annotations

import datetime as dt

import attrs

import danvan
from danvan.exporters._docx_fields import DocumentFields
from danvan.exporters._docx_text import body_blocks
from danvan.model import Dataset, Submission
from danvan.periods import DeadlineRule
from danvan.reporting import REPORTING_TABLE, ReportingSettings
from danvan.tables import Bundle, Table


def _march(id: str, reporter: str, received: dt.date) -> Submission:
    return Submission(
        id, reporter, start=dt.date(2022, 3, 1), end=dt.date(2022, 3, 31), received=received
    )


#: Nậm Tin's team on time, Chà Nưa's commune late, in the first quarter of 2022.
SENT = attrs.evolve(
    danvan.sample(),
    submissions=(
        _march("nop-1", "to-moc4", dt.date(2022, 4, 5)),
        _march("nop-2", "xa-cha-nua", dt.date(2022, 4, 15)),
    ),
)


def _table(bundle: Bundle) -> Table | None:
    return next((t for t in bundle.tables if t.name == REPORTING_TABLE), None)


def _rows(table: Table) -> dict[str, dict[str, object]]:
    names = [c.name for c in table.columns]
    return {str(row[1]): dict(zip(names, row, strict=True)) for row in table.iter_rows()}


def test_a_dataset_with_submissions_has_the_reporting_rates_by_unit_and_in_all() -> None:
    table = _table(danvan.period_report(SENT, "2022-Q1"))
    assert table is not None
    rows = _rows(table)
    assert (rows["Nậm Tin"]["expected"], rows["Nậm Tin"]["on_time"]) == (3, 1)
    assert (rows["Chà Nưa"]["late"], rows["Chà Nưa"]["missing"]) == (1, 2)
    total = rows["Tổng cộng"]
    assert (total["expected"], total["received"], total["missing"]) == (15, 2, 13)
    assert total["reporting_rate"] == 2 / 15
    # Seen once every deadline of the quarter has passed: nothing is "not yet due".
    assert total["not_yet_due"] == 0
    assert table.description is not None
    assert "08/04/2022" in table.description.vi


def test_the_units_add_up_to_the_total() -> None:
    table = _table(danvan.period_report(SENT, "2022"))
    assert table is not None
    *units, total = list(table.iter_rows())
    assert total[1] == "Tổng cộng"
    for column in range(2, 10):
        assert sum(row[column] for row in units) == total[column]


def test_no_submissions_no_table_unless_asked() -> None:
    unsent = attrs.evolve(danvan.sample(), submissions=())
    assert _table(danvan.period_report(unsent, "2022-Q1")) is None
    asked = ReportingSettings(today=dt.date(2022, 3, 1), rule=DeadlineRule.day_of_last_month(20))
    table = _table(danvan.period_report(unsent, "2022-Q1", reporting=asked))
    assert table is not None
    total = _rows(table)["Tổng cộng"]
    # January and February are past their deadlines (20/1, 21/2), March is not yet due.
    assert (total["missing"], total["not_yet_due"]) == (10, 5)


def test_the_document_says_in_section_three_how_many_reports_came_and_which_are_missing() -> None:
    blocks = body_blocks(danvan.period_report(SENT, "2022-Q1"), DocumentFields())
    texts = [b.text for b in blocks]
    third = texts.index("III. TỒN TẠI, HẠN CHẾ")
    (line,) = [t for t in texts[third:] if t.startswith("Tình hình gửi báo cáo")]
    assert line.startswith("Tình hình gửi báo cáo: đã nhận 2/15 báo cáo phải nộp (13,3%)")
    assert "13 báo cáo chưa nộp; 1 báo cáo nộp muộn" in line
    assert "còn thiếu báo cáo ở Chà Nưa (2), Nà Hỳ (3)" in line


def test_an_empty_dataset_with_submissions_gives_a_total_of_nothing() -> None:
    lone = Dataset(submissions=(_march("nop-1", "to-moc4", dt.date(2022, 4, 5)),))
    table = _table(danvan.period_report(lone, "2022-03"))
    assert table is not None
    (total,) = list(table.iter_rows())
    assert total[:3] == (None, "Tổng cộng", 0)
    assert total[-2:] == (None, None)
