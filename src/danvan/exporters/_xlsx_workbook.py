"""The XLSX writer itself, with XlsxWriter: loaded when the first workbook is written.

One sheet per table, with bold wrapped headers in the chosen language, a frozen
header row, an autofilter, sensible widths and number formats (đồng with
thousands separators, dd/mm/yyyy dates, percentages); a summary sheet first,
with the bundle's metadata, a list of the tables and a native chart; document
properties. Excel's limits are handled by ``danvan.excel``: text is written as
string cells (never formulas), cells over 32,767 characters are cut with a
marker and a warning, tables over 1,048,576 rows continue on a further sheet,
datetimes are written in the bundle's zone, and integers beyond 15 digits are
written as text to stay exact.
"""

from __future__ import annotations

import datetime as dt
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
from danvan.exporters.base import BinaryStream, ExportError, ExportOptions
from danvan.exporters.xlsx import SUMMARY
from danvan.labels import Label
from danvan.tables import Bundle, ChartHint, ColumnType, Table

NUMBER_FORMATS: dict[ColumnType, str] = {
    ColumnType.INTEGER: "#,##0",
    ColumnType.NUMBER: "#,##0.00",
    ColumnType.MONEY: '#,##0 "₫"',
    ColumnType.PERCENT: "0.0%",
    ColumnType.DATE: "dd/mm/yyyy",
    ColumnType.DATETIME: "dd/mm/yyyy hh:mm",
}
#: Text columns are formatted as text (Excel's built-in format 49, "@"): the column, so that a
#: code typed into a template's empty rows keeps its leading zeros (Excel makes ``03156`` the
#: number 3156 in a cell of the General format). The cells written keep no format of their
#: own: a format on every text cell costs a tenth more time to write a large table.
TEXT_FORMAT = 49
#: Width (in characters) by type, before the header and the first rows are looked at.
BASE_WIDTHS: dict[ColumnType, int] = {
    ColumnType.DATE: 11,
    ColumnType.DATETIME: 17,
    ColumnType.PERCENT: 8,
    ColumnType.BOOLEAN: 7,
}
MIN_WIDTH, MAX_WIDTH = 6, 60
#: Rows looked at to size the columns (the rest stream by unmeasured).
MEASURED_ROWS = 1000
#: A chart is drawn only for a table with at most this many rows.
MAX_CHART_ROWS = 400

_TEXT, _NUMBER, _INTEGER, _DATE, _DATETIME, _BOOLEAN = range(6)
_KINDS = {
    ColumnType.STRING: _TEXT,
    ColumnType.INTEGER: _INTEGER,
    ColumnType.MONEY: _INTEGER,
    ColumnType.NUMBER: _NUMBER,
    ColumnType.PERCENT: _NUMBER,
    ColumnType.DATE: _DATE,
    ColumnType.DATETIME: _DATETIME,
    ColumnType.BOOLEAN: _BOOLEAN,
}


class _Sheets:
    """Sheet names taken so far and the formats of one workbook."""

    def __init__(self, workbook: xlsxwriter.Workbook) -> None:
        self.workbook = workbook
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

    def add(self, name: str) -> tuple[str, Worksheet]:
        sheet_name = safe_sheet_name(name, self.taken)
        return sheet_name, self.workbook.add_worksheet(sheet_name)


def _display_width(value: Any) -> int:
    if isinstance(value, str):
        return max((len(line) for line in value.splitlines()), default=0)
    if isinstance(value, int) and not isinstance(value, bool):
        return len(f"{value:,}") + 2
    if isinstance(value, float):
        return len(f"{value:,.2f}")
    return len(str(value))


def _header_width(text: str) -> int:
    longest_word = max((len(word) for word in text.split()), default=0)
    return max(longest_word, min(len(text), 24))


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
            max(BASE_WIDTHS.get(c.type, MIN_WIDTH), _header_width(options.label(c.label)))
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
        sheet.set_row(0, None, self.sheets.header)
        sheet.write_row(
            0, 0, [self.options.label(c.label) for c in self.columns], self.sheets.header
        )
        sheet.freeze_panes(1, 0)
        return sheet

    def _finish_sheet(self, sheet: Worksheet, last_row: int) -> None:
        last_col = len(self.columns) - 1
        if last_col >= 0:
            sheet.autofilter(0, 0, max(last_row, 0), last_col)
        for index, width in enumerate(self.widths):
            text = self.sheets.text if self.columns[index].type is ColumnType.STRING else None
            sheet.set_column(index, index, min(max(width + 1, MIN_WIDTH), MAX_WIDTH), text)

    def write(self) -> None:
        kinds = [_KINDS[c.type] for c in self.columns]
        formats: list[Format | None] = [self.sheets.formats.get(c.type) for c in self.columns]
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
            for c, value in enumerate(row):
                if value is not None:
                    kind = kinds[c]
                    if kind == _TEXT:
                        if value.__class__ is not str:
                            value = str(value)
                        if len(value) > MAX_CELL_CHARS:
                            value = fit_cell(value, where=f"{sheet.name}!R{r + 1}C{c + 1}")
                        write_string(r, c, value)
                    elif kind == _INTEGER:
                        if -MAX_EXACT_INTEGER <= value <= MAX_EXACT_INTEGER:
                            write_number(r, c, value, formats[c])
                        else:
                            write_string(r, c, str(value))
                    elif kind == _NUMBER:
                        write_number(r, c, value, formats[c])
                    elif kind == _DATE:
                        write_datetime(r, c, value, formats[c])
                    elif kind == _DATETIME:
                        write_datetime(r, c, naive_in_zone(value, zone), formats[c])
                    else:
                        write_boolean(r, c, value)
            if number <= MEASURED_ROWS:
                for index in measured:
                    value = row[index]
                    if value is not None:
                        widths[index] = max(widths[index], _display_width(value))
        self.total_rows = (len(self.sheet_names) - 1) * limit + r
        self._finish_sheet(sheet, r)
        self.first_sheet = self.sheet_names[0]


def _chart_hint(table: Table) -> ChartHint | None:
    if table.chart is not None:
        return table.chart
    if not table.columns or table.columns[0].type not in (ColumnType.STRING, ColumnType.DATE):
        return None
    numeric = (ColumnType.INTEGER, ColumnType.NUMBER, ColumnType.MONEY)
    values = [c.name for c in table.columns[1:] if c.type in numeric][:3]
    if not values:
        return None
    return ChartHint(category=table.columns[0].name, values=tuple(values))


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
    workbook = xlsxwriter.Workbook(
        stream,
        {
            "constant_memory": options.get_bool("constant_memory", True),
            "strings_to_formulas": False,
            "strings_to_urls": False,
            "strings_to_numbers": False,
            "nan_inf_to_errors": True,
            # Constant-memory temporary files beside the output, removed by danvan.
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
    sheets = _Sheets(workbook)
    _, summary = sheets.add(options.label(SUMMARY))
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
