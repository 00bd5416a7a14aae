"""One clean-up road for text read from a file: ``danvan.text.canonical_text``.

The sheet reader keeps a faster way for columns of clean text (checked in bulk);
these properties hold it equal to reading every cell through the one road.
"""

from __future__ import annotations

from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from danvan import read_dataset
from danvan.findings import Location
from danvan.importers.tabular._cells import cell_reader, is_empty
from danvan.importers.tabular._columns import convert_column
from danvan.layout import ACTIVITIES, CellKind
from danvan.text import (
    canonical_text,
    has_control_characters,
    normalize,
    without_control_characters,
)

TITLE = next(c for c in ACTIVITIES.columns if c.name == "title")
PARTNERS = next(c for c in ACTIVITIES.columns if c.kind is CellKind.LIST)
CONTROLS = "\x00\x01\x08\x0b\x0c\x1b\x1f\x7f"

pieces = st.sampled_from(
    [
        *"ab Hh1.,'=\t\n\u00a0",
        *CONTROLS,
        *"\u0300\u0301\u0309ạđĐ",
        *["Họp", "hòa", "hoà", "thủy", "thuỷ", "Mốc 4", "  ", "Hä"],
    ]
)
cells = st.lists(pieces, max_size=8).map("".join)


def test_the_clean_up_road_removes_controls_then_normalises() -> None:
    assert canonical_text(" Bản\x00  Mốc\x07 4\t") == "Bản Mốc 4"
    assert canonical_text("hoà bình") == "hòa bình"


@given(cells)
def test_canonical_text_is_the_normal_form_of_the_text_without_controls(text: str) -> None:
    clean = canonical_text(text)
    assert clean == normalize(without_control_characters(text))
    assert not has_control_characters(clean)
    assert canonical_text(clean) == clean
    assert has_control_characters(text) == (without_control_characters(text) != text)


@given(cells, st.booleans())
def test_a_text_cell_reads_as_its_canonical_text(text: str, escaped: bool) -> None:
    value, problems = cell_reader(TITLE)(text, escaped)
    if not (escaped and text.startswith("'")):
        assert value == canonical_text(text)
    if value == text:
        assert not has_control_characters(text)
    else:
        assert problems  # every change is reported


@given(cells)
def test_each_item_of_a_list_cell_is_in_normal_form(text: str) -> None:
    items, _ = cell_reader(PARTNERS)(text, False)
    assert all(item == normalize(item) for item in items)


@given(st.lists(cells, max_size=12), st.booleans())
def test_a_column_read_at_once_equals_its_cells_read_one_by_one(
    column: list[str], escaped: bool
) -> None:
    values, issues, read = convert_column(ACTIVITIES, TITLE, column, escaped)
    reader = cell_reader(TITLE)
    for raw, value in zip(read, values, strict=True):
        if is_empty(raw):
            assert value == ""
            continue
        expected, problems = reader(raw, escaped)
        assert value == expected
        assert (raw in issues) == bool(problems)
        for problem in issues.get(raw, ()):
            assert list(problem(Location(source="t.csv", row=2, column="Tiêu đề")))


def test_a_csv_header_with_a_control_character_keeps_its_name_and_is_reported(
    tmp_path: Path,
) -> None:
    path = tmp_path / "units.csv"
    path.write_text("Mã,Tê\x01n đơn vị,Cấp,Ghi\x00 chú\nban-b,Bản B,village,x\x00\n", "utf-8")
    result = read_dataset(path)
    assert [u.name for u in result.dataset.units] == ["Bản B"]
    warned = [(f.location.row, f.location.field) for f in result.report if f.code == "DV504"]
    assert warned == [(1, "column 2"), (1, "column 4"), (2, "column 4")]
