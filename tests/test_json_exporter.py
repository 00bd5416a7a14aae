"""JSON and JSON Lines output."""

from __future__ import annotations

import io
import json

from danvan import export
from danvan.testing import reference_bundles


def _json(bundle_name: str, format: str = "json", **options: object) -> bytes:
    stream = io.BytesIO()
    export(reference_bundles()[bundle_name], stream, format, options=options)
    return stream.getvalue()


def test_json_is_one_document_with_metadata_and_tables() -> None:
    document = json.loads(_json("several_tables"))
    assert document["metadata"]["title"] == "Bộ thử: nhiều bảng"
    assert document["metadata"]["generated_at"] == "2023-02-13T09:30:00+07:00"
    assert document["metadata"]["extra"] == {"province": "11", "illustrative": True}
    assert [t["name"] for t in document["tables"]] == [
        "per_month",
        "activities",
        "no_rows",
        "formulas",
    ]
    per_month = document["tables"][0]
    assert per_month["columns"][0] == {
        "name": "month",
        "label": "Tháng",
        "type": "date",
        "description": None,
    }
    assert per_month["rows"][0] == ["2022-01-01", 4, 130]
    assert document["tables"][2]["rows"] == []


def test_json_rows_can_be_objects() -> None:
    document = json.loads(_json("vietnamese", rows="objects"))
    first = document["tables"][0]["rows"][0]
    assert first["village"] == "Bản Mốc 4"
    assert first["recorded_at"] == "2022-03-15T08:00:00+07:00"


def test_json_keeps_integers_beyond_64_bits_exact() -> None:
    rows = json.loads(_json("numbers"))["tables"][0]["rows"]
    assert rows[3] == [10**18, 2**63 - 1, 1.5e300]
    assert rows[4][1] == -(2**63)


def test_json_writes_formula_like_text_unchanged() -> None:
    rows = json.loads(_json("formulas"))["tables"][0]["rows"]
    assert rows[0] == [1, "=1+1"]


def test_json_lines_has_one_object_a_line() -> None:
    lines = _json("vietnamese", "jsonl").decode().splitlines()
    assert len(lines) == 4
    assert json.loads(lines[2]) == {
        "village": "Bản Huổi Hoi",
        **dict.fromkeys(
            ["topic", "held_on", "sessions", "people", "funds", "share", "area_ha", "held"]
        ),
        "recorded_at": None,
    }
    arrays = _json("vietnamese", "jsonl", rows="arrays").decode().splitlines()
    assert json.loads(arrays[0])[0] == "Bản Mốc 4"
