"""danvan-markdown: an example danvan plugin that writes a bundle as a Markdown report.

It shows the whole contract for a third-party exporter: an ``Exporter`` with a
name, suffix, media type and bilingual description; ``write`` that streams
rows one by one; labels in the chosen language; a format-specific setting; and
registration through the ``danvan`` entry-point group (see ``pyproject.toml``).

Cell text is escaped so that it reads back exactly: HTML entities for ``&``,
``<``, ``>``, ``|``, tab and carriage return, ``<br>`` for a newline, and
entities for spaces at either end (which Markdown would trim).
"""

from __future__ import annotations

import datetime as dt
import html
from typing import IO, Any

from danvan.plugin import Bundle, ColumnType, Exporter, ExportOptions, Label, Table, hookimpl

__all__ = ["MARKDOWN_EXPORTER", "cell_text", "danvan_exporters", "write_markdown"]

_ESCAPES = str.maketrans({"|": "&#124;", "\t": "&#9;", "\r": "&#13;", "\n": "<br>"})


def cell_text(value: Any, zone: dt.tzinfo) -> str:
    """One cell as Markdown table text, reversible with ``html.unescape``."""
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        value = value.astimezone(zone) if value.tzinfo is not None else value
        return value.isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    text = html.escape(str(value), quote=False).translate(_ESCAPES)
    stripped = text.strip(" ")
    if stripped != text:
        left = len(text) - len(text.lstrip(" "))
        right = len(text) - len(text.rstrip(" "))
        text = "&#32;" * left + stripped + "&#32;" * right
    return text


def _line(cells: list[str]) -> bytes:
    return ("| " + " | ".join(cells) + " |\n").encode("utf-8")


def _write_table(table: Table, stream: IO[bytes], options: ExportOptions, zone: dt.tzinfo) -> None:
    stream.write(f"\n## {options.label(table.title)}\n\n".encode())
    if table.description is not None:
        stream.write(f"{options.label(table.description)}\n\n".encode())
    stream.write(_line([cell_text(options.label(c.label), zone) for c in table.columns]))
    numeric = {ColumnType.INTEGER, ColumnType.NUMBER, ColumnType.MONEY, ColumnType.PERCENT}
    stream.write(_line(["---:" if c.type in numeric else "---" for c in table.columns]))
    for row in table.iter_rows():
        stream.write(_line([cell_text(value, zone) for value in row]))


def write_markdown(bundle: Bundle, stream: IO[bytes], options: ExportOptions) -> None:
    """Write the bundle as Markdown: a title, the metadata, then one pipe table per table."""
    meta = bundle.metadata
    stream.write(f"# {options.label(meta.title)}\n\n".encode())
    facts = [
        (
            Label("Kỳ báo cáo", "Period"),
            options.label(meta.period_label) if meta.period_label else None,
        ),
        (Label("Nguồn", "Source"), meta.source),
        (Label("Thời điểm lập", "Generated at"), meta.generated_at.isoformat()),
    ]
    for name, value in facts:
        if value:
            stream.write(f"- **{options.label(name)}:** {value}\n".encode())
    if options.get_bool("contents", True) and len(bundle.tables) > 1:
        stream.write(f"\n**{options.label(Label('Mục lục', 'Contents'))}**\n\n".encode())
        for table in bundle.tables:
            stream.write(f"- {options.label(table.title)}\n".encode())
    for table in bundle.tables:
        _write_table(table, stream, options, meta.timezone)


MARKDOWN_EXPORTER = Exporter(
    name="markdown",
    suffixes=(".md", ".markdown"),
    media_type="text/markdown",
    description=Label(
        "Báo cáo Markdown, mỗi bảng một bảng kẻ", "Markdown report, a table per table"
    ),
    write=write_markdown,
    settings={
        "contents": Label("Ghi mục lục (mặc định: có)", "write a table of contents (default: true)")
    },
)


@hookimpl
def danvan_exporters() -> list[Exporter]:
    """The Markdown exporter."""
    return [MARKDOWN_EXPORTER]
