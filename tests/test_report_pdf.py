"""The report document as PDF (LibreOffice), and what loads when: python-docx only for documents."""

from __future__ import annotations

import io
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

import danvan
from danvan.cli import main
from danvan.exporters import _docx_pdf
from danvan.exporters.base import ExportError
from danvan.loading import dataset_to_json

HAS_LIBREOFFICE = bool(shutil.which("soffice") or shutil.which("libreoffice"))
PROBE = """
import sys
from danvan.cli import main
try:
    main(sys.argv[1:])
except SystemExit:
    pass
print("LOADED:", sorted(m for m in ("docx", "subprocess") if m in sys.modules), file=sys.stderr)
"""


def _loaded_after(*args: str) -> str:
    done = subprocess.run(
        [sys.executable, "-c", PROBE, *args], capture_output=True, text=True, check=False
    )
    return next(line for line in done.stderr.splitlines() if line.startswith("LOADED:"))


def test_validating_loads_no_python_docx_and_writing_a_document_does(tmp_path: Path) -> None:
    document = tmp_path / "nam-po.json"
    document.write_bytes(dataset_to_json(danvan.sample()))
    assert _loaded_after("validate", str(document)) == "LOADED: []"
    assert _loaded_after("report", "-o", str(tmp_path / "r.docx")) == "LOADED: ['docx']"


@pytest.mark.skipif(not HAS_LIBREOFFICE, reason="LibreOffice (soffice) is not installed here")
def test_report_writes_a_pdf_through_libreoffice(tmp_path: Path) -> None:
    output = tmp_path / "report.pdf"
    done = CliRunner().invoke(main, ["report", "-o", str(output), "--form", "party"])
    assert done.exit_code == 0, done.output
    pdf = output.read_bytes()
    assert pdf.startswith(b"%PDF")
    pages = len(re.findall(rb"/Type\s*/Page(?![s\w])", pdf))
    assert pages >= 4  # three pages of text at least, then the annex
    assert sorted(p.name for p in tmp_path.iterdir()) == ["report.pdf"]


def test_without_libreoffice_a_pdf_is_refused_and_nothing_is_left(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(_docx_pdf, "soffice", lambda: None)
    bundle = danvan.annual_report(danvan.sample(), 2022)
    with pytest.raises(ExportError, match="needs LibreOffice"):
        danvan.export(bundle, tmp_path / "report.pdf")
    with pytest.raises(ExportError, match="needs LibreOffice"):
        danvan.export(bundle, io.BytesIO(), "pdf")
    assert list(tmp_path.iterdir()) == []
