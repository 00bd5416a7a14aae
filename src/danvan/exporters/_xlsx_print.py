"""How a danvan workbook prints: the page setup every sheet gets, with XlsxWriter's public API.

A district prints the annex and files it, so every sheet is set up for paper:
A4 landscape, one page wide and as many tall as it takes, the header row
repeated on every page, the report's title and the table's in the page header,
"Trang 3/12" in the footer, grid lines printed. Header and footer text is
escaped (``&`` is XlsxWriter's and Excel's control character there) and kept
within Excel's 255 characters.
"""

from __future__ import annotations

from typing import Any

from xlsxwriter.worksheet import Worksheet

from danvan.excel import cut_at_word
from danvan.labels import Label
from danvan.tables import ColumnType

NUMBER_FORMATS: dict[ColumnType, str] = {
    ColumnType.INTEGER: "#,##0",
    # A NUMBER cell holding a whole value takes the INTEGER format (2,055, not 2,055.00).
    ColumnType.NUMBER: "#,##0.0#",
    ColumnType.MONEY: '#,##0 "đ"',
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

#: XlsxWriter's (and Excel's) paper code for A4.
PAPER_A4 = 9
#: Margins in inches: narrow at the sides so wide tables print larger; room above and
#: below for the page header and footer (which sit at Excel's default 0.3").
MARGINS = {"left": 0.4, "right": 0.4, "top": 0.7, "bottom": 0.6}
#: Excel's limit on a page header or footer, control codes included (UTF-16 units).
MAX_HEADER_FOOTER = 255
#: The footer: page number and page count (``&P``, ``&N`` are Excel's fields).
PAGE_FOOTER = Label("Trang &P/&N", "Page &P/&N")
#: The mark that ends a title cut to fit the page header.
ELLIPSIS = "…"


def escape_header_text(text: str) -> str:
    """``text`` as literal page-header text: every ``&`` doubled, line breaks made spaces.

    Without it a title such as "Dân vận & Mặt trận 2022" would read ``& M`` as a
    code and "&20" as a font size.
    """
    return text.replace("&", "&&").replace("\r", " ").replace("\n", " ")


def _utf16_length(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


def _shortened(text: str, room: int) -> str:
    """``text`` escaped, cut at a word boundary with an ellipsis to take at most ``room`` units."""
    escaped = escape_header_text(text)
    if _utf16_length(escaped) <= room:
        return escaped
    for limit in range(min(len(text), room) - 1, 0, -1):
        escaped = escape_header_text(cut_at_word(text, limit) + ELLIPSIS)
        if _utf16_length(escaped) <= room:
            return escaped
    return ""


def page_header(report_title: str, table_title: str) -> str:
    """The page header: the report's title on the left, the table's on the right.

    When the two do not fit Excel's 255 characters, the longer one is cut at a
    word boundary with an ellipsis.
    """
    left, right = "&L", "&R"
    room = MAX_HEADER_FOOTER - len(left) - len(right)
    first, second = escape_header_text(report_title), escape_header_text(table_title)
    if _utf16_length(first) + _utf16_length(second) > room:
        half = room // 2
        if _utf16_length(second) <= half:
            first = _shortened(report_title, room - _utf16_length(second))
        elif _utf16_length(first) <= half:
            second = _shortened(table_title, room - _utf16_length(first))
        else:
            first = _shortened(report_title, half)
            second = _shortened(table_title, room - _utf16_length(first))
    return f"{left}{first}{right}{second}" if second else f"{left}{first}"


def page_footer(lang: str) -> str:
    """The page footer: "Trang &P/&N" centred (our own text, so no escaping)."""
    return "&C" + PAGE_FOOTER.get(lang)


def set_up_page(
    sheet: Worksheet,
    *,
    header: str,
    footer: str,
    title_rows: int = 0,
    grid: bool = True,
    pages_tall: int = 0,
) -> None:
    """A4 landscape, one page wide, margins, header and footer; ``title_rows`` repeated.

    ``title_rows`` is how many rows from the top print again on every page (0:
    none, as on the summary sheet); ``pages_tall`` is how many pages tall the
    sheet is shrunk to (0: as many as it takes).
    """
    sheet.set_landscape()
    sheet.set_paper(PAPER_A4)
    sheet.fit_to_pages(1, pages_tall)
    sheet.set_margins(**MARGINS)
    sheet.center_horizontally()
    # The header and footer keep their size when a wide table is shrunk to the page's width.
    sheet.set_header(header, {"scale_with_doc": False})
    sheet.set_footer(footer, {"scale_with_doc": False})
    if title_rows > 0:
        sheet.repeat_rows(0, title_rows - 1)
    if grid:
        # 0: grid lines shown on screen and printed (XlsxWriter's default hides them on paper).
        sheet.hide_gridlines(0)


#: Points per line of wrapped text in the default font (Calibri 11), Excel's default row height.
LINE_HEIGHT = 15.0


def wrapped_lines(text: str, width: int) -> int:
    """How many lines ``text`` takes wrapped at its spaces in a column ``width`` characters wide.

    An estimate (letters are narrower than the digit a width is counted in), used to
    give the header row and rows of long text their height: Excel and LibreOffice
    fit a row's height to wrapped text only when they edit it, not when they open
    a file.
    """
    room = max(width - 1, 1)
    lines = 0
    for paragraph in text.splitlines() or [""]:
        lines += 1
        used = 0
        for word in paragraph.split():
            if used and used + 1 + len(word) > room:
                lines += 1
                used = 0
            used += (1 if used else 0) + len(word)
            while used > room:
                lines += 1
                used -= room
    return lines


def display_width(value: Any) -> int:
    """The characters ``value`` takes as shown (with its thousands separators)."""
    if isinstance(value, str):
        return max((len(line) for line in value.splitlines()), default=0)
    if isinstance(value, int) and not isinstance(value, bool):
        return len(f"{value:,}") + 2
    if isinstance(value, float):
        return len(f"{value:,.2f}")
    return len(str(value))


def header_width(text: str, kind: ColumnType) -> int:
    """A header wraps at its words: a column of figures takes fewer characters than a text one."""
    longest_word = max((len(word) for word in text.split()), default=0)
    return max(longest_word, min(len(text), 24 if kind is ColumnType.STRING else 12))
