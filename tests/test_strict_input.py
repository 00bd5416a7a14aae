"""Strict values: a wrong type, a quote left open, an empty file, a repeated key are findings.

Nothing read is truncated, rounded or turned into text on the way: 1.9 people
is not 1, ``null`` is not ``"None"``, and a stray quote in a CSV does not eat
the rows after it.
"""

from __future__ import annotations

import codecs
from pathlib import Path
from typing import Any

import orjson
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from danvan import load_checked, load_lines, read_dataset
from danvan.bundled import default_catalog
from danvan.loading import (
    dataset_from_normal,
    duplicate_keys,
    normalize_strings,
    structure_if_clean,
)

SETTING: dict[str, Any] = {
    "units": [{"id": "ban-a", "name": "Bản A", "level": "village"}],
    "teams": [{"id": "to-1", "name": "Tổ bản A"}],
}


def _activity(**fields: Any) -> dict[str, Any]:
    return {"id": "hd-1", "team": "to-1", "village": "ban-a", "date": "2022-03-10", "type": "x"} | (
        fields
    )


def _document(**fields: Any) -> dict[str, Any]:
    return {**SETTING, "activities": [_activity(**fields)]}


def _located(report: Any) -> set[tuple[str, str | None, int | None]]:
    return {(f.code, f.location.field, f.location.record_index) for f in report}


# -- wrong types in JSON ------------------------------------------------------


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("participants", 1.9),  # a fraction of a person: never 1
        ("participants", True),  # a flag is not a count
        ("participants", "12"),  # a number in text: never read as one
        ("households", -0.5),
        ("title", None),  # null: never the text "None"
        ("title", 5),  # a number where text is required
        ("village", None),  # a reference
        ("team", 7),
        ("topics", [1]),
    ],
)
def test_a_value_of_the_wrong_type_is_an_error_at_its_field(field: str, value: Any) -> None:
    dataset, report = load_checked(orjson.dumps(_document(**{field: value})), source="a.json")
    assert dataset is None
    (finding,) = report.errors
    where = field if field != "topics" else "topics[0]"
    assert (finding.code, finding.location.field, finding.location.record_index) == (
        "DV011",
        where,
        0,
    )
    assert (finding.location.source, finding.location.record_kind) == ("a.json", "activity")


@pytest.mark.parametrize(
    ("path", "value"),
    [
        (("quantities", 0, "value"), "3"),
        (("quantities", 0, "value"), False),
        (("funding", 0, "amount"), 1500.5),
        (("funding", 0, "amount"), "1.500"),
    ],
)
def test_numbers_inside_quantities_and_funding_are_strict(
    path: tuple[str, int, str], value: Any
) -> None:
    record = _activity(
        quantities=[{"indicator": "nguoi", "value": 3}],
        funding=[{"source": "state_budget", "amount": 1500}],
    )
    record[path[0]][0][path[2]] = value
    dataset, report = load_checked({**SETTING, "activities": [record]})
    assert dataset is None
    assert _located(report.errors) == {("DV011", f"{path[0]}[0].{path[2]}", 0)}


def test_a_whole_float_is_the_integer_it_equals_and_a_quantity_keeps_its_kind() -> None:
    # Decided: 2.0 for an integer field is 2 (nothing lost); a quantity stays as written.
    document = _document(
        participants=30.0,
        quantities=[{"indicator": "a", "value": 2}, {"indicator": "b", "value": 2.5}],
    )
    dataset, report = load_checked(orjson.dumps(document))
    assert dataset is not None
    assert not report.findings
    activity = dataset.activities[0]
    assert activity.participants == 30
    assert type(activity.participants) is int
    assert [type(q.value) for q in activity.quantities] == [int, float]


def test_a_wrong_type_in_a_json_line_is_an_error_at_its_line() -> None:
    lines = [orjson.dumps(_activity(id=f"hd-{n}", participants=v)) for n, v in enumerate([5, 1.9])]
    dataset, report = load_lines(SETTING, lines, source="hd.jsonl")
    assert dataset is None
    assert {(f.code, f.location.field, f.location.row) for f in report} == {
        ("DV011", "participants", 2)
    }


non_integers = (
    st.floats(allow_nan=False, allow_infinity=False).filter(lambda v: not v.is_integer())
    | st.booleans()
    | st.text(max_size=5)
    | st.lists(st.integers(-(2**63), 2**63 - 1), max_size=2)
    | st.dictionaries(st.text(max_size=3), st.booleans(), max_size=2)
)


@settings(max_examples=200)
@given(non_integers)
def test_any_count_that_is_not_an_integer_is_a_finding_never_a_changed_value(value: Any) -> None:
    raw = orjson.loads(orjson.dumps(_document(participants=value)))
    # the quick road refuses it too
    assert structure_if_clean(raw, catalog=default_catalog()) is None
    dataset, report = load_checked(raw)
    assert dataset is None
    assert ("DV011", "participants", 0) in _located(report.errors)


@settings(max_examples=200)
@given(st.integers(min_value=-(2**53), max_value=2**53) | st.none())
def test_any_integer_count_is_kept_exactly_on_both_roads(value: int | None) -> None:
    raw = orjson.loads(orjson.dumps(_document(participants=value)))
    quick = structure_if_clean(raw, catalog=default_catalog())
    normal, _ = normalize_strings(raw)
    assert quick is not None
    assert quick == dataset_from_normal(raw, normal, catalog=default_catalog())
    assert quick.activities[0].participants == value


# -- JSON text: byte-order mark, empty, duplicate keys -----------------------


def test_a_utf8_byte_order_mark_is_accepted(tmp_path: Path) -> None:
    path = tmp_path / "bom.json"
    path.write_bytes(codecs.BOM_UTF8 + orjson.dumps({"format": "danvan.dataset/1", **SETTING}))
    result = read_dataset(path)
    assert not result.report.findings
    assert [u.id for u in result.dataset.units] == ["ban-a"]


@pytest.mark.parametrize("content", [b"", codecs.BOM_UTF8, b" \n\t ", codecs.BOM_UTF8 + b"\n"])
def test_an_empty_json_file_is_a_finding(tmp_path: Path, content: bytes) -> None:
    empty = tmp_path / "trong.json"
    empty.write_bytes(content)
    good = tmp_path / "tot.json"
    good.write_bytes(orjson.dumps(SETTING))
    result = read_dataset([empty, good])
    assert [(f.code, f.location.source) for f in result.report.findings] == [("DV632", str(empty))]
    assert [u.id for u in result.dataset.units] == ["ban-a"]


def test_a_key_written_twice_is_an_error_with_the_key_and_its_place(tmp_path: Path) -> None:
    path = tmp_path / "lap.json"
    path.write_bytes(
        b'{"units": [{"id": "ban-a", "name": "A", "level": "village"}],'
        b' "activities": [{"id": "hd-1", "team": "to-1", "village": "ban-a",'
        b' "date": "2022-03-10", "type": "x", "participants": 5, "participants": 50}]}'
    )
    (finding,) = read_dataset([path, _csv(tmp_path)]).report.findings
    assert finding.code == "DV634"
    assert finding.values["pointer"] == "/activities/0"
    assert (finding.location.field, finding.location.record_kind, finding.location.record_id) == (
        "participants",
        "activity",
        "hd-1",
    )


@pytest.mark.parametrize("after", [0, 2000])
def test_a_key_written_twice_in_a_json_line_is_an_error_at_that_line(after: int) -> None:
    twice = orjson.dumps(_activity(id="hd-2")).replace(b'"id":', b'"id":"hd-3","id":')
    others = [orjson.dumps(_activity(id=f"n{n}")) for n in range(after)]
    dataset, report = load_lines(SETTING, [orjson.dumps(_activity()), twice, *others])
    assert dataset is None
    assert [(f.code, f.location.row, f.location.field) for f in report] == [("DV634", 2, "id")]
    assert report.findings[0].location.record_index == 1


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(st.booleans(), st.sampled_from(["compact", "spaced", "text"]))))
def test_every_json_line_that_repeats_a_key_is_found_however_it_was_written(
    lines: list[tuple[bool, str]],
) -> None:
    written: list[bytes | str] = []
    for number, (twice, style) in enumerate(lines, start=1):
        activity = orjson.dumps(_activity(id=f"hd-{number}"))
        if twice:
            activity = activity.replace(b'"id":', b'"id":"x","id":')
        if style == "spaced":
            activity = activity.replace(b'":', b'": ').replace(b',"', b', "')
        written.append(activity.decode() if style == "text" else activity + b"\n")
    _, report = load_lines(SETTING, written)
    expected = [number for number, (twice, _) in enumerate(lines, start=1) if twice]
    assert [f.location.row for f in report if f.code == "DV634"] == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (b'{"a": "08:30", "b": {"c": ":", "d": [":"]}}', []),
        (b'{"a": 1, "b": {"c": 1, "c": 2}}', [(("b",), "c")]),
        (b'{"a\\u003a": 1, "a:": 2}', [((), "a:")]),  # an escaped colon: checked closely
        (b'{"a\\u003a": 1, "b": 2}', []),
        (
            b'[{"x": 1, "x": 1, "x": 1}, {"y": {"z": [{"w": 0, "w": 0}]}}]',
            [((0,), "x"), ((1, "y", "z", 0), "w")],
        ),
    ],
)
def test_duplicate_keys_are_found_by_counting_and_located_when_found(
    text: bytes, expected: list[tuple[tuple[Any, ...], str]]
) -> None:
    assert sorted(duplicate_keys(text, orjson.loads(text)), key=str) == sorted(expected, key=str)


json_values = st.recursive(
    st.none() | st.booleans() | st.integers(-(2**63), 2**63 - 1) | st.text(alphabet=':\\ab"u'),
    lambda inner: (
        st.lists(inner, max_size=3)
        | st.dictionaries(st.text(alphabet=":ab\\", max_size=3), inner, max_size=3)
    ),
    max_leaves=10,
)


@settings(max_examples=200)
@given(json_values)
def test_a_document_written_by_a_json_writer_never_has_duplicate_keys(value: Any) -> None:
    text = orjson.dumps(value)
    assert duplicate_keys(text, orjson.loads(text)) == []


# -- CSV ------------------------------------------------------------------------

HEADER = "Mã,Tên đơn vị,Cấp\n"


def _csv(tmp_path: Path, body: str = "ban-b,Bản B,village\n", name: str = "units.csv") -> Path:
    path = tmp_path / name
    path.write_text(HEADER + body, encoding="utf-8")
    return path


def test_a_quote_left_open_is_an_error_at_its_row_and_the_rows_after_it_are_read(
    tmp_path: Path,
) -> None:
    path = _csv(tmp_path, 'ban-a,"Bản A,village\nban-b,Bản B,village\nban-c,Bản C,village\n')
    result = read_dataset(path)
    assert [(f.code, f.location.row) for f in result.report.errors] == [("DV633", 2)]
    assert [u.id for u in result.dataset.units] == ["ban-b", "ban-c"]
    assert [u.provenance.row for u in result.dataset.units if u.provenance] == [3, 4]


def test_a_quote_closed_in_the_middle_of_a_field_is_an_error_too(tmp_path: Path) -> None:
    path = _csv(tmp_path, 'ban-a,"Bản" A,village\nban-b,"Bản\nB",village\n')
    result = read_dataset(path)
    assert [(f.code, f.location.row) for f in result.report.errors] == [("DV633", 2)]
    # A line break inside a well-closed quote is still part of its cell.
    assert [u.id for u in result.dataset.units] == ["ban-b"]


@pytest.mark.parametrize("content", [b"", codecs.BOM_UTF8, b"\r\n \n", codecs.BOM_UTF16_LE])
def test_an_empty_csv_file_is_a_finding(tmp_path: Path, content: bytes) -> None:
    empty = tmp_path / "trong.csv"
    empty.write_bytes(content)
    result = read_dataset([empty, _csv(tmp_path)])
    assert [(f.code, f.location.source) for f in result.report.findings] == [("DV632", str(empty))]


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-16-be", "utf-32"])
def test_a_utf16_csv_with_its_byte_order_mark_is_read(tmp_path: Path, encoding: str) -> None:
    bom = {
        "utf-16": b"",  # Python's own codec writes the mark
        "utf-16-le": codecs.BOM_UTF16_LE,
        "utf-16-be": codecs.BOM_UTF16_BE,
        "utf-32": b"",
    }[encoding]
    path = tmp_path / "units.csv"
    path.write_bytes(bom + (HEADER + "ban-b,Bản Mốc 4,village\n").encode(encoding))
    result = read_dataset(path)
    assert not result.report.findings
    assert [u.name for u in result.dataset.units] == ["Bản Mốc 4"]


@pytest.mark.parametrize(
    "data",
    [
        codecs.BOM_UTF16_LE + b"a",  # a mark, then an odd byte out
        (HEADER + "ban-b,Bản B,village\n").encode("utf-16-le"),  # no mark: not guessed
    ],
)
def test_utf16_that_cannot_be_read_for_sure_is_refused_clearly(tmp_path: Path, data: bytes) -> None:
    path = tmp_path / "units.csv"
    path.write_bytes(data)
    (finding,) = read_dataset([path, _csv(tmp_path, name="b.csv")]).report.errors
    assert (finding.code, finding.location.source) == ("DV601", str(path))
    assert "UTF-16" in finding.message.en


def test_control_characters_in_a_cell_are_removed_with_a_warning_at_the_cell(
    tmp_path: Path,
) -> None:
    path = _csv(tmp_path, "ban-b,Bản\x00 B\x07,village\nban-c,Bản C\tmới,village\n")
    result = read_dataset(path)
    (finding,) = [f for f in result.report.findings if f.code == "DV504"]
    assert (finding.location.row, finding.location.column) == (2, "Tên đơn vị")
    assert finding.values["before"] == "Bản\x00 B\x07"
    assert [u.name for u in result.dataset.units] == ["Bản B", "Bản C mới"]


def test_control_characters_in_json_text_are_removed_with_a_warning_at_the_field() -> None:
    dataset, report = load_checked(_document(title="Họp\x00 tổ\x1b"))
    assert dataset is not None
    assert dataset.activities[0].title == "Họp tổ"
    assert ("DV504", "title", 0) in _located(f for f in report if f.severity.value == "warning")


@settings(max_examples=100)
@given(st.text(alphabet=st.sampled_from("ab \x00\x01\x08\x0b\x1f\x7fạ"), max_size=12))
def test_text_with_control_characters_never_takes_the_quick_road_unchanged(title: str) -> None:
    raw = orjson.loads(orjson.dumps(_document(title=title)))
    dataset, report = load_checked(raw)
    assert dataset is not None
    assert not any(c in dataset.activities[0].title for c in "\x00\x01\x08\x0b\x1f\x7f")
    quick = structure_if_clean(raw, catalog=default_catalog())
    assert quick is None or quick == dataset
    has_control = any(c in title for c in "\x00\x01\x08\x0b\x1f\x7f")
    assert has_control == any(f.code == "DV504" for f in report)


# Rows after the stray quote hold no quote: one that a later quote closes validly
# (`x,"a` then a line `b",c`) makes a multi-line cell, which no reader can tell from one.
cells = st.text(alphabet="abcXYZ019 ạđ;'", max_size=6)


@settings(max_examples=200)
@given(st.lists(st.lists(cells, min_size=2, max_size=2), min_size=1, max_size=8), st.data())
def test_a_row_with_a_quote_left_open_never_takes_other_rows_with_it(
    rows: list[list[str]], data: st.DataObject
) -> None:
    import csv
    import io

    from danvan.importers.csv import csv_sheet

    out = io.StringIO(newline="")
    csv.writer(out, lineterminator="\n").writerows([["a", "b"], *rows])
    lines = out.getvalue().splitlines(keepends=True)
    # A broken record goes where a record begins: after the header or after any whole record.
    starts = [0]
    for row in [["a", "b"], *rows]:
        one = io.StringIO(newline="")
        csv.writer(one, lineterminator="\n").writerow(row)
        starts.append(starts[-1] + one.getvalue().count("\n"))
    at = data.draw(st.integers(min_value=1, max_value=len(rows) + 1))
    broken = 'x,"open\n'
    text = "".join(lines[: starts[at]]) + broken + "".join(lines[starts[at] :])
    findings: list[Any] = []
    sheet = csv_sheet(text.encode(), "t.csv", None, "t", findings)
    assert [(f.code, f.location.row) for f in findings] == [("DV633", at + 1)]
    assert [list(r) for r in sheet.rows] == [["a", "b"], *rows[: at - 1], [], *rows[at - 1 :]]


@settings(max_examples=300)
@given(
    st.binary(max_size=200)
    | st.text(alphabet='ab,;\t"\n\r\x00\ufeffạ ', max_size=60).map(lambda t: t.encode())
)
def test_any_bytes_as_csv_give_rows_or_findings_never_another_exception(data: bytes) -> None:
    from danvan.importers.base import UnreadableFileError
    from danvan.importers.csv import csv_sheet

    findings: list[Any] = []
    try:
        sheet = csv_sheet(data, "t.csv", None, "t", findings)
    except UnreadableFileError:
        return
    assert all(isinstance(cell, str) for row in sheet.rows for cell in row)
    assert not any(c in cell for row in sheet.rows for cell in row for c in "\x00\x01\x7f")
    if not sheet.rows:
        assert "DV632" in [f.code for f in findings]  # beside DV614 for a Windows code page


@settings(max_examples=300)
@given(st.binary(max_size=200) | json_values.map(orjson.dumps))
def test_any_bytes_as_json_give_a_dataset_or_findings_never_an_exception(data: bytes) -> None:
    dataset, report = load_checked(codecs.BOM_UTF8 + data if len(data) % 2 else data)
    assert (dataset is None) == (not report.ok)


@settings(max_examples=60, deadline=None)
@given(
    st.lists(
        st.text(alphabet=st.sampled_from("ab ạ\x00\x01\x08\x0b\x1f\x7f"), min_size=1, max_size=8),
        min_size=1,
        max_size=40,
    )
)
def test_control_characters_in_workbook_cells_are_removed_with_a_warning_at_the_cell(
    names: list[str],
) -> None:
    """A workbook cell holding NUL or the like (calamine gives it as written) is a DV504 at its
    cell, whether the column takes the quick road for clean text or reads cell by cell."""
    import tempfile

    import xlsxwriter

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "units.xlsx"
        workbook = xlsxwriter.Workbook(str(path))
        sheet = workbook.add_worksheet("Đơn vị hành chính")
        sheet.write_row(0, 0, ["Mã", "Tên đơn vị", "Cấp"])
        for row, name in enumerate(names, start=1):
            sheet.write_row(row, 0, [f"u{row}", name, "village"])
        workbook.close()
        result = read_dataset(path)
    controls = "\x00\x01\x08\x0b\x1f\x7f"
    warned = {f.location.row for f in result.report.findings if f.code == "DV504"}
    expected = {row for row, name in enumerate(names, start=2) if any(c in name for c in controls)}
    assert warned == expected
    assert not any(c in unit.name for unit in result.dataset.units for c in controls)
