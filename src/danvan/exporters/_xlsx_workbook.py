"""The XLSX writer itself, with XlsxWriter: loaded when the first workbook is written.

One sheet per table, with bold wrapped headers in the chosen language, a frozen
header row, an autofilter, sensible widths and number formats (whole numbers
without decimals, đồng with thousands separators and "đ", dd/mm/yyyy dates,
percentages); identifier columns hidden; a summary sheet first, with the
bundle's metadata, a list of the tables and a native chart; document
properties; every sheet set up to print (``danvan.exporters._xlsx_print``).
Excel's limits are handled by ``danvan.excel``: text is written as
string cells (never formulas), cells over 32,767 characters are cut with a
marker and a warning, tables over 1,048,576 rows continue on a further sheet,
datetimes are written in the bundle's zone, and integers beyond 15 digits are
written as text to stay exact.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Callable
from typing import Any

import xlsxwriter
from xlsxwriter.format import Format
from xlsxwriter.worksheet import Worksheet

from danvan.excel import (
    MAX_CELL_CHARS,
    MAX_COLUMNS,
    MAX_EXACT_INTEGER,
    MAX_ROWS,
    fit_cell,
    naive_in_zone,
    safe_sheet_name,
)
from danvan.exporters._xlsx_print import (
    BASE_WIDTHS,
    LINE_HEIGHT,
    MAX_WIDTH,
    MIN_WIDTH,
    NUMBER_FORMATS,
    TEXT_FORMAT,
    display_width,
    header_width,
    page_footer,
    page_header,
    set_up_page,
    wrapped_lines,
)
from danvan.exporters.base import BinaryStream, ExportError, ExportOptions
from danvan.exporters.xlsx import SUMMARY, memory_mode
from danvan.labels import Label
from danvan.tables import Bundle, ChartHint, ColumnType, Table

#: Rows looked at to size the columns (the rest stream by unmeasured).
MEASURED_ROWS = 1000
#: A chart is drawn only for a table with at most this many rows.
MAX_CHART_ROWS = 400

_TEXT, _NUMBER, _INTEGER, _DATE, _DATETIME, _BOOLEAN, _DECIMAL, _BY_ROW = range(8)
_KINDS = {
    ColumnType.STRING: _TEXT,
    ColumnType.INTEGER: _INTEGER,
    ColumnType.MONEY: _INTEGER,
    ColumnType.NUMBER: _DECIMAL,
    ColumnType.PERCENT: _NUMBER,
    ColumnType.DATE: _DATE,
    ColumnType.DATETIME: _DATETIME,
    ColumnType.BOOLEAN: _BOOLEAN,
}


class _Sheets:
    """Sheet names taken so far and the formats of one workbook."""

    def __init__(self, workbook: xlsxwriter.Workbook, report_title: str, lang: str) -> None:
        self.workbook = workbook
        self.report_title = report_title
        self.footer = page_footer(lang)
        self.taken: set[str] = set()
        self.header = workbook.add_format(
            {"bold": True, "text_wrap": True, "valign": "top", "bottom": 1, "bg_color": "#DDEBF7"}
        )
        self.bold = workbook.add_format({"bold": True})
        self.title = workbook.add_format({"bold": True, "font_size": 14})
        self.formats: dict[ColumnType, Format] = {
            kind: workbook.add_format({"num_format": code}) for kind, code in NUMBER_FORMATS.items()
        }
        self.datetime_format = self.formats[ColumnType.DATETIME]
        self.text = workbook.add_format({"num_format": TEXT_FORMAT})
        #: Text longer than a column's widest: wrapped within the column, never spilling
        #: to the right (LibreOffice prints what spills past the last column on a page of its own).
        self.wrapped = workbook.add_format({"text_wrap": True})

    def add(self, name: str) -> tuple[str, Worksheet]:
        sheet_name = safe_sheet_name(name, self.taken)
        return sheet_name, self.workbook.add_worksheet(sheet_name)


_CellWriter = Callable[..., int]


def _cell_writers(sheet: Worksheet) -> tuple[_CellWriter, _CellWriter, _CellWriter, _CellWriter]:
    """The sheet's string, number, datetime and boolean writers, bound once per sheet.

    XlsxWriter's public ``write_*`` methods only: each cell's type is known from
    its column, so the generic ``write`` (which guesses the type) is never needed.
    """
    return sheet.write_string, sheet.write_number, sheet.write_datetime, sheet.write_boolean


class _TableWriter:
    """Writes one table over as many sheets as Excel's row limit needs."""

    def __init__(self, sheets: _Sheets, table: Table, options: ExportOptions, zone: dt.tzinfo):
        self.sheets = sheets
        self.table = table
        self.options = options
        self.zone = zone
        self.columns = table.columns
        if len(self.columns) > MAX_COLUMNS:
            raise ExportError(
                f"table {table.name!r} has {len(self.columns)} columns; Excel holds {MAX_COLUMNS}"
            )
        self.rows_per_sheet = int(options.get("max_rows", MAX_ROWS)) - 1
        if self.rows_per_sheet < 1:
            raise ExportError("max_rows must be at least 2")
        self.widths = [
            max(BASE_WIDTHS.get(c.type, MIN_WIDTH), header_width(options.label(c.label), c.type))
            for c in self.columns
        ]
        self.first_sheet = ""
        self.sheet_names: list[str] = []
        self.total_rows = 0

    def _start_sheet(self) -> Worksheet:
        # A continuation sheet takes the same title; safe_sheet_name numbers it "(2)".
        base = self.options.label(self.table.title) or self.table.name
        name, sheet = self.sheets.add(base)
        self.sheet_names.append(name)
        labels = [self.options.label(c.label) for c in self.columns]
        lines = [
            wrapped_lines(text, self._width(index))
            for index, text in enumerate(labels)
            if not self.columns[index].identifier
        ]
        sheet.set_row(0, LINE_HEIGHT * max(lines, default=1), self.sheets.header)
        sheet.write_row(0, 0, labels, self.sheets.header)
        sheet.freeze_panes(1, 0)
        header = page_header(self.sheets.report_title, self.options.label(self.table.title))
        set_up_page(sheet, header=header, footer=self.sheets.footer, title_rows=1)
        return sheet

    def _width(self, index: int) -> int:
        return min(max(self.widths[index] + 1, MIN_WIDTH), MAX_WIDTH)

    def _finish_sheet(self, sheet: Worksheet, last_row: int) -> None:
        last_col = len(self.columns) - 1
        if last_col >= 0:
            sheet.autofilter(0, 0, max(last_row, 0), last_col)
        hide = self.options.get_bool("hide_identifiers", True)
        for index, column in enumerate(self.columns):
            text = self.sheets.text if column.type is ColumnType.STRING else None
            hidden = {"hidden": True} if hide and column.identifier else {}
            sheet.set_column(index, index, self._width(index), text, hidden)

    def write(self) -> None:
        kinds = [_BY_ROW if c.typed_by else _KINDS[c.type] for c in self.columns]
        formats: list[Format | None] = [self.sheets.formats.get(c.type) for c in self.columns]
        names = [c.name for c in self.columns]
        typed = {i: names.index(c.typed_by) for i, c in enumerate(self.columns) if c.typed_by}
        whole, wrapped = self.sheets.formats[ColumnType.INTEGER], self.sheets.wrapped
        width = len(self.columns)
        zone = self.zone
        widths = self.widths
        measured = [i for i, c in enumerate(self.columns) if c.type not in BASE_WIDTHS]
        limit = self.rows_per_sheet
        sheet = self._start_sheet()
        write_string, write_number, write_datetime, write_boolean = _cell_writers(sheet)
        r = 0
        for number, row in enumerate(self.table.iter_rows(), start=1):
            if len(row) != width:
                raise ExportError(
                    f"table {self.table.name!r}, row {number}: {len(row)} values, expected {width}"
                )
            if r == limit:
                self._finish_sheet(sheet, r)
                sheet = self._start_sheet()
                write_string, write_number, write_datetime, write_boolean = _cell_writers(sheet)
                r = 0
            r += 1
            tall = 0
            for c, value in enumerate(row):
                if value is not None:
                    kind = kinds[c]
                    if kind == _TEXT:
                        if value.__class__ is not str:
                            value = str(value)
                        if len(value) <= MAX_WIDTH:
                            write_string(r, c, value)
                        else:
                            if len(value) > MAX_CELL_CHARS:
                                value = fit_cell(value, where=f"{sheet.name}!R{r + 1}C{c + 1}")
                            write_string(r, c, value, wrapped)
                            tall = max(tall, wrapped_lines(value, MAX_WIDTH))
                    elif kind == _INTEGER:
                        if -MAX_EXACT_INTEGER <= value <= MAX_EXACT_INTEGER:
                            write_number(r, c, value, formats[c])
                        else:
                            write_string(r, c, str(value))
                    elif kind == _DECIMAL:
                        # Only a whole value shows no decimals (nan % 1, inf % 1 are nan).
                        write_number(r, c, value, whole if value % 1 == 0 else formats[c])
                    elif kind == _NUMBER:
                        write_number(r, c, value, formats[c])
                    elif kind == _DATE:
                        write_datetime(r, c, value, formats[c])
                    elif kind == _DATETIME:
                        write_datetime(r, c, naive_in_zone(value, zone), formats[c])
                    elif kind == _BY_ROW:  # a number whose kind its row says (typed_by)
                        said = ColumnType(row[typed[c]])
                        if said is ColumnType.NUMBER and value % 1 == 0:
                            write_number(r, c, value, whole)
                        else:
                            write_number(r, c, value, self.sheets.formats.get(said, formats[c]))
                    else:
                        write_boolean(r, c, value)
            if tall:
                sheet.set_row(r, LINE_HEIGHT * tall)
            if number <= MEASURED_ROWS:
                for index in measured:
                    value = row[index]
                    if value is not None:
                        widths[index] = max(widths[index], display_width(value))
        self.total_rows = (len(self.sheet_names) - 1) * limit + r
        self._finish_sheet(sheet, r)
        self.first_sheet = self.sheet_names[0]


def _chart_hint(table: Table) -> ChartHint | None:
    if table.chart is not None:
        return table.chart
    # An identifier column is hidden: the names beside it label the chart.
    columns = [c for c in table.columns if not c.identifier]
    if not columns or columns[0].type not in (ColumnType.STRING, ColumnType.DATE):
        return None
    numeric = (ColumnType.INTEGER, ColumnType.NUMBER, ColumnType.MONEY)
    values = [c.name for c in columns[1:] if c.type in numeric][:3]
    if not values:
        return None
    return ChartHint(category=columns[0].name, values=tuple(values))


def _add_chart(
    workbook: xlsxwriter.Workbook,
    summary: Worksheet,
    at_row: int,
    written: list[_TableWriter],
    options: ExportOptions,
) -> None:
    """Draw a chart of the first table that asks for one, else of the first that allows a guess.

    A table's own ``ChartHint`` (activities per month, say) always wins over a
    guess from another table's first columns.
    """
    hinted = [w for w in written if w.table.chart is not None]
    guessed = [w for w in written if w.table.chart is None]
    for writer in (*hinted, *guessed):
        hint = _chart_hint(writer.table)
        if hint is None or not 0 < writer.total_rows <= MAX_CHART_ROWS:
            continue
        names = [c.name for c in writer.table.columns]
        category = names.index(hint.category)
        chart_type = (
            hint.kind if hint.kind in ("column", "bar", "line", "area", "pie") else "column"
        )
        chart = workbook.add_chart({"type": chart_type})
        if chart is None:
            return
        sheet, last = writer.first_sheet, writer.total_rows
        for value_name in hint.values:
            col = names.index(value_name)
            chart.add_series(
                {
                    "name": [sheet, 0, col],
                    "categories": [sheet, 1, category, last, category],
                    "values": [sheet, 1, col, last, col],
                }
            )
        title = hint.title or writer.table.title
        chart.set_title({"name": options.label(title)})
        chart.set_legend({"position": "bottom"})
        summary.insert_chart(at_row, 0, chart, {"x_scale": 1.6, "y_scale": 1.2})
        return


def _write_summary(
    workbook: xlsxwriter.Workbook,
    sheets: _Sheets,
    summary: Worksheet,
    bundle: Bundle,
    written: list[_TableWriter],
    options: ExportOptions,
) -> None:
    meta = bundle.metadata
    label = options.label
    summary.set_column(0, 0, 28)
    summary.set_column(1, 1, 48)
    summary.set_column(2, 2, 14)
    summary.write_string(0, 0, label(meta.title), sheets.title)
    facts: list[tuple[Label, Any]] = [
        (Label("Kỳ báo cáo", "Period"), label(meta.period_label) if meta.period_label else None),
        (Label("Mã kỳ", "Period key"), meta.period_key),
        (
            Label("Lịch báo cáo", "Reporting calendar"),
            label(meta.calendar) if meta.calendar else None,
        ),
        (Label("Nguồn", "Source"), meta.source),
    ]
    row = 2
    for name, value in facts:
        if value:
            summary.write_string(row, 0, label(name), sheets.bold)
            summary.write_string(row, 1, fit_cell(str(value)))
            row += 1
    summary.write_string(row, 0, label(Label("Thời điểm lập", "Generated at")), sheets.bold)
    summary.write_datetime(
        row, 1, naive_in_zone(meta.generated_at, meta.timezone), sheets.datetime_format
    )
    row += 2
    summary.write_row(
        row,
        0,
        [
            label(Label("Trang tính", "Sheet")),
            label(Label("Bảng", "Table")),
            label(Label("Số dòng", "Rows")),
        ],
        sheets.header,
    )
    for writer in written:
        row += 1
        summary.write_url(row, 0, f"internal:'{writer.first_sheet}'!A1", string=writer.first_sheet)
        summary.write_string(row, 1, label(writer.table.title))
        summary.write_number(row, 2, writer.total_rows, sheets.formats[ColumnType.INTEGER])
    _add_chart(workbook, summary, row + 2, written, options)


def write_xlsx(bundle: Bundle, stream: BinaryStream, options: ExportOptions) -> None:
    """The ``xlsx`` exporter: a summary sheet, then one sheet (or more) per table."""
    mode = memory_mode(bundle, options)
    # Built in memory, the zip goes to a buffer and then to the stream: a write that
    # fails (disk full, size limit) fails here, not in a zip XlsxWriter leaves open.
    buffer = io.BytesIO() if mode["in_memory"] else None
    workbook = xlsxwriter.Workbook(
        stream if buffer is None else buffer,
        {
            **mode,
            "strings_to_formulas": False,
            "strings_to_urls": False,
            "strings_to_numbers": False,
            "nan_inf_to_errors": True,
            # Temporary files (when streaming) beside the output, removed by danvan.
            "tmpdir": None if options.tmpdir is None else str(options.tmpdir),
        },
    )
    meta = bundle.metadata
    # XlsxWriter writes document dates as UTC.
    created: dt.datetime = naive_in_zone(meta.generated_at, dt.UTC)
    workbook.set_properties(
        {
            "title": options.label(meta.title),
            "subject": options.label(meta.period_label) if meta.period_label else "",
            "author": "danvan",
            "keywords": "danvan, Dân vận",
            "comments": meta.source or "",
            "created": created,
        }
    )
    if meta.period_key:
        workbook.set_custom_property("danvan:period", meta.period_key)
    sheets = _Sheets(workbook, options.label(meta.title), options.lang)
    _, summary = sheets.add(options.label(SUMMARY))
    summary_header = page_header(sheets.report_title, options.label(SUMMARY))
    # The summary (facts, the list of tables, the chart) prints on one page.
    set_up_page(summary, header=summary_header, footer=sheets.footer, grid=False, pages_tall=1)
    written: list[_TableWriter] = []
    try:
        for table in bundle.tables:
            writer = _TableWriter(sheets, table, options, meta.timezone)
            writer.write()
            written.append(writer)
        _write_summary(workbook, sheets, summary, bundle, written, options)
        summary.activate()
    finally:
        workbook.close()
    if buffer is not None:
        stream.write(buffer.getbuffer())
