"""The report document as PDF: written as DOCX, then converted by LibreOffice (``soffice``).

Loaded by dotted path from ``danvan.exporters.docx`` when the first PDF is
written. LibreOffice runs headless in a folder of its own (inside the export's
temporary folder) with a profile of its own, so that two conversions, or an
office's open LibreOffice, do not share one.
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path
from typing import Final

from danvan.exporters.base import BinaryStream, ExportError, ExportOptions
from danvan.exporters.docx import write_docx
from danvan.tables import Bundle

#: How long LibreOffice may take to convert one document.
CONVERT_SECONDS: Final = 300


def soffice() -> str | None:
    """The LibreOffice program on the PATH, if any."""
    return shutil.which("soffice") or shutil.which("libreoffice")


def write_pdf(bundle: Bundle, stream: BinaryStream, options: ExportOptions) -> None:
    """The ``pdf`` exporter: the document, converted by LibreOffice in a folder of its own."""
    program = soffice()
    if program is None:
        raise ExportError(
            "Cần LibreOffice (soffice) để ghi PDF / writing a PDF needs LibreOffice "
            "(soffice on the PATH); write .docx instead"
        )
    with tempfile.TemporaryDirectory(dir=options.tmpdir, prefix="danvan-pdf-") as work:
        folder = Path(work)
        source = folder / "report.docx"
        with source.open("wb") as document:
            write_docx(bundle, document, options)
        profile = (folder / "profile").as_uri()  # its own profile: runs side by side
        command = [program, f"-env:UserInstallation={profile}", "--headless"]
        command += ["--convert-to", "pdf", "--outdir", str(folder), str(source)]
        try:
            done = subprocess.run(
                command, capture_output=True, timeout=CONVERT_SECONDS, check=False
            )
        except subprocess.TimeoutExpired:
            raise ExportError(
                f"LibreOffice không chuyển xong trong {CONVERT_SECONDS} giây / LibreOffice did "
                f"not finish converting in {CONVERT_SECONDS} s"
            ) from None
        result = folder / "report.pdf"
        if not result.is_file():
            said = (done.stderr or done.stdout).decode("utf-8", "replace").strip()[-300:]
            raise ExportError(
                f"LibreOffice không chuyển được sang PDF / LibreOffice could not convert the "
                f"document (exit {done.returncode}): {said or 'no message'}"
            )
        with result.open("rb") as pdf:
            shutil.copyfileobj(pdf, stream)
