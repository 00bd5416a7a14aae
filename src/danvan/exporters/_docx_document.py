"""The report document written with python-docx: header blocks of either form, body, annex.

Loaded by dotted path from ``danvan.exporters.docx`` when the first document is
written, so that commands writing none never import python-docx. The page is A4
with the margins both texts set (top and bottom 20 mm, left 30 mm, right 15 mm),
Times New Roman 14 pt; the header follows Hướng dẫn 36-HD/VPTW (form ``party``)
or Nghị định 30/2020/NĐ-CP, Phụ lục I (form ``state``). Only python-docx's
public API is used; an office restyles the result in Word (styles Normal,
Heading 1 and 2, List Bullet, Table Grid).
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any, Final

from docx import Document
from docx.document import Document as DocxDocument
from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Mm, Pt

from danvan.exporters._docx_fields import PLACEHOLDER, DocumentFields
from danvan.exporters._docx_text import (
    Block,
    annex_tables,
    body_blocks,
    subject,
    vn_long_date,
    vn_number,
    vn_percent,
)
from danvan.exporters.base import BinaryStream, ExportOptions
from danvan.tables import Bundle, Column, ColumnType, Table
from danvan.text import format_date

FONT: Final = "Times New Roman"
BODY_PT: Final = 14
TABLE_PT: Final = 10
#: Columns per printed part of a wide annex table (the key columns repeated in each part).
ANNEX_COLUMNS: Final = 12
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")


def _clean(text: str) -> str:
    """Text Word can hold: no control characters XML refuses."""
    return _NOT_XML.sub("", text)


def _run(paragraph: Any, text: str, pt: float = BODY_PT, **style: bool) -> None:
    """A run of ``text``: Times New Roman of size ``pt``, bold, italic or underlined (``u``)."""
    run = paragraph.add_run(_clean(text))
    run.font.name, run.font.size = FONT, Pt(pt)
    for key, value in style.items():
        setattr(run, {"u": "underline"}.get(key, key), value)


def _line(cell: Any, text: str, pt: float = BODY_PT, **style: Any) -> Any:
    paragraph = cell.add_paragraph()
    paragraph.alignment = style.pop("align", WD_ALIGN_PARAGRAPH.CENTER)
    paragraph.paragraph_format.space_after = Pt(style.pop("after", 0))
    paragraph.paragraph_format.space_before = Pt(style.pop("before", 0))
    _run(paragraph, text, pt, **style)
    return paragraph


def _setup(document: DocxDocument) -> None:
    section = document.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin = section.bottom_margin = Mm(20)
    section.left_margin, section.right_margin = Mm(30), Mm(15)
    normal = document.styles["Normal"]
    normal.font.name, normal.font.size = FONT, Pt(BODY_PT)
    normal.paragraph_format.space_after = Pt(6)


def _two_columns(document: DocxDocument, left: Any, right: Any) -> tuple[Any, Any]:
    """A borderless table of two cells of fixed widths, as the forms lay out their blocks."""
    table = document.add_table(rows=1, cols=2)
    table.autofit = False
    for column, cell, width in zip(table.columns, table.rows[0].cells, (left, right), strict=True):
        column.width = cell.width = width
    cells = table.rows[0].cells
    return cells[0], cells[1]


def _number(fields: DocumentFields) -> str:
    if fields.form == "party":
        return f"Số {fields.number}-BC/{fields.issuer_code}"
    return f"Số: {fields.number}/BC-{fields.issuer_code}"


def _header(document: DocxDocument, fields: DocumentFields) -> None:
    """The two header columns: issuing body and number; the national or Party title and date."""
    left, right = _two_columns(document, Mm(65), Mm(100))
    date = f"{fields.place}, {vn_long_date(fields.date)}"
    if fields.form == "party":
        _line(left, fields.parent_body.upper(), 14)
        _line(left, fields.body.upper(), 14, bold=True)
        _line(left, "*", 14)
        _line(left, _number(fields), 14)
        _line(right, "ĐẢNG CỘNG SẢN VIỆT NAM", 15, bold=True, u=True)
        _line(right, date, 14, italic=True, before=12, align=WD_ALIGN_PARAGRAPH.RIGHT)
    else:
        _line(left, fields.parent_body.upper(), 13)
        _line(left, fields.body.upper(), 13, bold=True, u=True)
        _line(left, _number(fields), 13, before=6)
        _line(right, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", 13, bold=True)
        _line(right, "Độc lập - Tự do - Hạnh phúc", 14, bold=True, u=True)
        _line(right, date, 14, italic=True, before=6)
    for cell in (left, right):  # a new cell starts with an empty paragraph: drop its height
        first = cell.paragraphs[0]
        if not first.text:
            first.paragraph_format.space_after = Pt(0)
            first.paragraph_format.line_spacing = Pt(1)


def _title(document: DocxDocument, bundle: Bundle, fields: DocumentFields) -> None:
    _line(document, "BÁO CÁO", 16 if fields.form == "party" else 14, bold=True, before=18)
    _line(document, subject(bundle, fields), 14, bold=True, after=0)
    _line(document, "-----" if fields.form == "party" else "__________", 14, after=12)


def _body(document: DocxDocument, blocks: list[Block]) -> None:
    justify = WD_ALIGN_PARAGRAPH.JUSTIFY
    for block in blocks:
        if block.kind == "heading":
            _line(document, block.text, BODY_PT, bold=True, align=justify, before=6, after=6)
        elif block.kind == "subheading":
            _line(document, block.text, BODY_PT, bold=True, italic=True, align=justify, after=3)
        elif block.kind == "bullet":
            paragraph = _line(document, f"- {block.text}", BODY_PT, align=justify, after=3)
            paragraph.paragraph_format.first_line_indent = Mm(10)
        elif block.kind == "note":
            _line(document, block.text, BODY_PT - 1, italic=True, align=justify, after=3)
        else:
            paragraph = _line(document, block.text, BODY_PT, align=justify, after=6)
            paragraph.paragraph_format.first_line_indent = Mm(10)


def _closing(document: DocxDocument, fields: DocumentFields) -> None:
    """ "Nơi nhận" on the left, the signature block on the right."""
    left, right = _two_columns(document, Mm(75), Mm(90))
    party = fields.form == "party"
    heading = _line(left, "Nơi nhận:", 14 if party else 12, align=WD_ALIGN_PARAGRAPH.LEFT)
    heading.runs[0].underline = party
    heading.runs[0].bold = heading.runs[0].italic = not party
    recipients = fields.recipients or (f"{PLACEHOLDER};", f"- Lưu {PLACEHOLDER}.")
    for name in recipients:
        text = name if name.startswith("-") else f"- {name}"
        _line(left, text, 12 if party else 11, align=WD_ALIGN_PARAGRAPH.LEFT)
    if fields.signer_authority:
        _line(right, fields.signer_authority.upper(), 14, bold=True)
    _line(right, fields.signer_title.upper(), 14, bold=True)
    _line(right, "(Ký, ghi rõ họ tên)" if party else "(Chữ ký, dấu)", 13, italic=True, after=48)
    _line(right, fields.signer_name, 14, bold=True)


def _cell_text(value: Any, column: Column) -> str:
    if value is None:
        return ""
    kind = column.type
    if kind is ColumnType.PERCENT and isinstance(value, int | float):
        return vn_percent(float(value))
    if kind is ColumnType.BOOLEAN:
        return "Có" if value else "Không"
    if isinstance(value, dt.datetime):
        return value.strftime("%d/%m/%Y %H:%M")
    if isinstance(value, dt.date):
        return format_date(value)
    if isinstance(value, bool):
        return "Có" if value else "Không"
    if isinstance(value, int | float):
        return vn_number(value)
    return str(value)


_NUMERIC = (ColumnType.INTEGER, ColumnType.NUMBER, ColumnType.MONEY, ColumnType.PERCENT)


_IDENTIFIER = re.compile(r"[a-z][a-z0-9_]*")


def _machine_codes(column: Column, values: list[Any]) -> bool:
    """A code column (by its name, or marked ``identifier``) whose values a program reads
    (``street_lights``, ``integer``), not codes a reader looks up (``03156``): the annex
    leaves it out."""
    named = column.name in ("code", "source") or column.name.endswith("_code")
    marked = named or column.identifier
    return marked and all(v is None or _IDENTIFIER.fullmatch(str(v)) for v in values)


def _annex_table(document: DocxDocument, number: int, table: Table, limit: int, lang: str) -> None:
    kept: list[tuple[Any, ...]] = []
    more = 0
    for row in table.iter_rows():  # read to the end even past the limit: a failing source fails
        if len(kept) < limit:
            kept.append(row)
        else:
            more += 1
    indexes = [
        i
        for i, column in enumerate(table.columns)
        if not _machine_codes(column, [r[i] for r in kept])
        and (column.type not in _NUMERIC or any(r[i] not in (None, 0) for r in kept))
    ]
    left_out = [
        table.columns[i].label.get(lang) for i in range(len(table.columns)) if i not in indexes
    ]
    _line(document, f"Phụ lục {number}. {table.title.get(lang)}", 13, bold=True, before=12, after=3)
    if table.description is not None:
        _line(document, table.description.get(lang), 11, italic=True, after=3)
    if not kept and not more:
        _line(document, "(Bảng không có dòng nào.)", 11, italic=True, after=3)
        return
    keys = [i for i in indexes[:2] if table.columns[i].type is ColumnType.STRING]
    rest = [i for i in indexes if i not in keys]
    width = max(1, ANNEX_COLUMNS - len(keys))
    parts = [rest[start : start + width] for start in range(0, len(rest), width)] or [[]]
    for part_number, part in enumerate(parts, start=1):
        chosen = keys + part
        if len(parts) > 1:
            _line(document, f"(Phần {part_number}/{len(parts)})", 10, italic=True, after=2)
        grid = document.add_table(rows=1, cols=max(1, len(chosen)))
        grid.style = "Table Grid"
        grid.alignment = WD_TABLE_ALIGNMENT.CENTER
        for cell, index in zip(grid.rows[0].cells, chosen, strict=False):
            paragraph = cell.paragraphs[0]
            paragraph.paragraph_format.space_after = Pt(0)
            paragraph.paragraph_format.keep_with_next = True
            _run(paragraph, table.columns[index].label.get(lang), TABLE_PT, bold=True)
        # Only what differs from Normal is set on a cell: python-docx adds an element per
        # property, and the annex has thousands of cells.
        size, numeric = Pt(TABLE_PT), [table.columns[i].type in _NUMERIC for i in chosen]
        for row in kept:
            cells = grid.add_row().cells
            for cell, index, right in zip(cells, chosen, numeric, strict=False):
                paragraph = cell.paragraphs[0]
                paragraph.paragraph_format.space_after = Pt(0)
                if right:
                    paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
                text = _cell_text(row[index], table.columns[index])
                if text:
                    paragraph.add_run(_clean(text)).font.size = size
    if more:
        note = f"Và {vn_number(more)} dòng nữa không in (xem bản XLSX)."
        _line(document, note, 10, italic=True, before=2)
    if left_out:
        _line(
            document, f"Các cột trống hoặc bằng 0 không in: {'; '.join(left_out)}.", 10, italic=True
        )


def _annex(document: DocxDocument, bundle: Bundle, fields: DocumentFields, lang: str) -> None:
    tables = annex_tables(bundle)
    if not tables:
        return
    section = document.add_section(WD_SECTION.NEW_PAGE)
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = Mm(297), Mm(210)
    _line(document, "PHỤ LỤC", 14, bold=True)
    _line(document, f"(Kèm theo Báo cáo {_number(fields)})", 13, italic=True, after=6)
    for number, table in enumerate(tables, start=1):
        _annex_table(document, number, table, fields.max_annex_rows, lang)


def write_docx(bundle: Bundle, stream: BinaryStream, options: ExportOptions) -> None:
    """Write ``bundle`` as a report document of the form ``options`` choose."""
    fields = DocumentFields.of(options)
    document = Document()
    _setup(document)
    _header(document, fields)
    _title(document, bundle, fields)
    _body(document, body_blocks(bundle, fields))
    _closing(document, fields)
    if fields.annex:
        _annex(document, bundle, fields, options.lang)
    document.core_properties.title = _clean(subject(bundle, fields))
    document.core_properties.language = "vi-VN"
    document.save(stream)
