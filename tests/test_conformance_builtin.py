"""The built-in exporters pass the same conformance kit offered to plugin authors."""

from __future__ import annotations

from pathlib import Path

import pytest

from danvan.plugins import available_exporters
from danvan.testing import check_exporter


@pytest.mark.parametrize("name", ["csv", "datapackage", "docx", "json", "jsonl", "xlsx"])
def test_builtin_exporter_conforms(name: str, tmp_path: Path) -> None:
    exporter = available_exporters()[name]
    checked = check_exporter(exporter, tmp_path)
    assert "vietnamese" in checked
    assert "formulas" in checked
