"""The report document (built-in plugin): DOCX in the Party or the State form, and PDF.

A period or annual report written as the document an office files: header of
either form, sections I-IV in words, "Nơi nhận", the signature block and the
tables as annexes (``docs/document.md``). The document is written by
``danvan.exporters._docx_document`` with python-docx, imported only when the
first one is written (``pip install 'danvan[docx]'``). The ``pdf`` format
writes the same document and converts it with LibreOffice (``soffice``) when
one is installed.
"""

from __future__ import annotations

import importlib
from typing import Final

from danvan.exporters._docx_fields import FORMS, SETTINGS, read_document_settings
from danvan.exporters.base import BinaryStream, Exporter, ExportError, ExportOptions
from danvan.hooks import hookimpl
from danvan.labels import Label
from danvan.tables import Bundle

#: The module that writes documents, imported by dotted path when the first one is written,
#: so that commands which write none never load python-docx.
WRITER: Final = "danvan.exporters._docx_document"
#: The module that converts documents to PDF with LibreOffice, imported when the first PDF
#: is written (with it, ``subprocess``).
PDF_WRITER: Final = "danvan.exporters._docx_pdf"
_LIBRARIES: Final = ("docx", "lxml")


def write_docx(bundle: Bundle, stream: BinaryStream, options: ExportOptions) -> None:
    """The ``docx`` exporter; without python-docx, an ExportError saying what to install."""
    try:
        writer = importlib.import_module(WRITER)
    except ModuleNotFoundError as error:
        if (error.name or "").split(".")[0] not in _LIBRARIES:
            raise
        raise ExportError(
            "Cần thư viện python-docx để ghi báo cáo Word / writing a Word report needs "
            "python-docx: pip install 'danvan[docx]'"
        ) from None
    writer.write_docx(bundle, stream, options)


def write_pdf(bundle: Bundle, stream: BinaryStream, options: ExportOptions) -> None:
    """The ``pdf`` exporter: the document converted by LibreOffice (``_docx_pdf``)."""
    importlib.import_module(PDF_WRITER).write_pdf(bundle, stream, options)


DOCX_EXPORTER = Exporter(
    name="docx",
    suffixes=(".docx",),
    media_type="application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    description=Label(
        "Báo cáo Word theo thể thức văn bản (Đảng hoặc Nhà nước), bảng số liệu làm phụ lục",
        "Word report in the official form (Party or State), the tables as annexes",
    ),
    write=write_docx,
    settings=SETTINGS,
)

PDF_EXPORTER = Exporter(
    name="pdf",
    suffixes=(".pdf",),
    media_type="application/pdf",
    description=Label(
        "Báo cáo PDF: báo cáo Word chuyển bằng LibreOffice (cần cài LibreOffice)",
        "PDF report: the Word report converted by LibreOffice (needs LibreOffice)",
    ),
    write=write_pdf,
    settings=SETTINGS,
)


__all__ = [
    "DOCX_EXPORTER",
    "FORMS",
    "PDF_EXPORTER",
    "SETTINGS",
    "read_document_settings",
    "write_docx",
    "write_pdf",
]


@hookimpl
def danvan_exporters() -> list[Exporter]:
    """The report document, as DOCX and as PDF."""
    return [DOCX_EXPORTER, PDF_EXPORTER]
