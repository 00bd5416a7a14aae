"""Small hostile inputs built in memory: crafted workbooks and zips for the limits tests."""

from __future__ import annotations

import io
import warnings
import zipfile
from pathlib import Path

from danvan import export
from danvan.bundled import sample
from danvan.layout import dataset_bundle

MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
RELS = "http://schemas.openxmlformats.org/package/2006/relationships"
OFFICE = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
CONTENT = "application/vnd.openxmlformats-officedocument.spreadsheetml"


def zipped(members: dict[str, bytes | str], *, compression: int = zipfile.ZIP_DEFLATED) -> bytes:
    """A zip archive holding ``members`` (name: content), in that order."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression) as archive, warnings.catch_warnings():
        warnings.simplefilter("ignore")  # a name used twice is what some tests want
        for name, data in members.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def twice(name: str, first: bytes, second: bytes) -> bytes:
    """A zip that holds ``name`` twice."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive, warnings.catch_warnings():
        warnings.simplefilter("ignore")
        archive.writestr(name, first)
        archive.writestr(name, second)
    return buffer.getvalue()


def workbook(rows: str, shared: str = "", *, dimension: str = "A1") -> bytes:
    """A minimal workbook: one sheet ``Hoạt động`` whose ``<sheetData>`` holds ``rows``."""
    shared = shared or f'<sst xmlns="{MAIN}"/>'
    return zipped(
        {
            "[Content_Types].xml": (
                '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
                '<Default Extension="rels" ContentType="application/vnd.openxmlformats-'
                'package.relationships+xml"/><Default Extension="xml" '
                'ContentType="application/xml"/><Override PartName="/xl/workbook.xml" '
                f'ContentType="{CONTENT}.sheet.main+xml"/><Override '
                f'PartName="/xl/worksheets/sheet1.xml" ContentType="{CONTENT}.worksheet+xml"/>'
                '<Override PartName="/xl/sharedStrings.xml" '
                f'ContentType="{CONTENT}.sharedStrings+xml"/></Types>'
            ),
            "_rels/.rels": (
                f'<Relationships xmlns="{RELS}"><Relationship Id="rId1" '
                f'Type="{OFFICE}/officeDocument" Target="xl/workbook.xml"/></Relationships>'
            ),
            "xl/workbook.xml": (
                f'<workbook xmlns="{MAIN}" xmlns:r="{OFFICE}"><sheets>'
                '<sheet name="Hoạt động" sheetId="1" r:id="rId1"/></sheets></workbook>'
            ),
            "xl/_rels/workbook.xml.rels": (
                f'<Relationships xmlns="{RELS}"><Relationship Id="rId1" '
                f'Type="{OFFICE}/worksheet" Target="worksheets/sheet1.xml"/><Relationship '
                f'Id="rId2" Type="{OFFICE}/sharedStrings" Target="sharedStrings.xml"/>'
                "</Relationships>"
            ),
            "xl/sharedStrings.xml": shared,
            "xl/worksheets/sheet1.xml": (
                f'<worksheet xmlns="{MAIN}"><dimension ref="{dimension}"/>'
                f"<sheetData>{rows}</sheetData></worksheet>"
            ),
        }
    )


def cell(ref: str, text: str) -> str:
    """An inline-text cell at ``ref``."""
    return f'<c r="{ref}" t="inlineStr"><is><t>{text}</t></is></c>'


def row(number: int | str, *cells: str) -> str:
    return f'<row r="{number}">{"".join(cells)}</row>'


def good_workbook(folder: Path, name: str = "mau.xlsx") -> Path:
    """The bundled sample as a workbook: the file of a folder that must still import."""
    path = folder / name
    export(dataset_bundle(sample()), path)
    return path


ACTIVITY_HEADER = "id,team,village,date,type,title\n"


def activity_rows(count: int, *, same_id: bool = False, title: str = "Họp") -> str:
    """``count`` activity rows of the sample's first team, as CSV text with its header."""
    lines = [ACTIVITY_HEADER]
    for k in range(count):
        ident = "hd-x" if same_id else f"hd-x-{k}"
        lines.append(
            f"{ident},to-moc4,ban-moc-4,2022-03-{1 + k % 28:02d},monthly_meeting,{title}\n"
        )
    return "".join(lines)
