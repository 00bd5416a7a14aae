"""The one Excel-safety policy that every danvan exporter honours.

Reports end up in spreadsheets even when written as CSV or JSON, so all
exporters share these rules (see ``docs/excel-policy.md``):

- Formula injection: text starting with ``=``, ``+``, ``-``, ``@``, tab or
  carriage return could be evaluated by a spreadsheet, and so could the same
  characters after leading spaces or line breaks, and their full-width forms
  ``＝``, ``＋``, ``－``, ``＠`` (which East Asian input methods turn into the
  ASCII ones). In CSV such text is prefixed with an apostrophe (OWASP's "CSV
  Injection" advice); in XLSX it is written as a string cell, which Excel
  never evaluates, so the text is unchanged.
- Cells hold at most 32,767 characters: longer text is cut and ends with a
  visible marker, and a warning is issued.
- A sheet holds at most 1,048,576 rows: longer tables continue on further sheets.
- Excel has no time zones: tz-aware datetimes are converted to the bundle's
  zone (Asia/Ho_Chi_Minh, +07:00) and written without one.
- Excel keeps 15 significant digits: integers beyond that are written as text
  so that they stay exact.
"""

from __future__ import annotations

import datetime as dt
import warnings

from danvan.errors import DanvanWarning

#: Characters that make a spreadsheet treat a cell's text as a formula.
FORMULA_PREFIXES = frozenset("=+-@\t\r")
#: Full-width forms of the formula characters (U+FF1D, U+FF0B, U+FF0D, U+FF20).
FULLWIDTH_FORMULA_PREFIXES = frozenset("\uff1d\uff0b\uff0d\uff20")
#: Characters that start a formula even after leading blanks.
PAYLOAD_CHARS = frozenset("=+-@") | FULLWIDTH_FORMULA_PREFIXES
#: Invisible characters a spreadsheet may skip before a formula (zero-width ones, BOM).
INVISIBLE = frozenset("\u200b\u200c\u200d\u2060\ufeff")
#: Every character ``str.isspace`` calls white space (written out: finding them among the code
#: points costs an import 12,000 calls; a test compares the two).
WHITESPACE = (
    "\t\n\x0b\x0c\r\x1c\x1d\x1e\x1f \x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005"
    "\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000"
)
#: Every character that may stand before a payload: Unicode white space and the invisible ones.
LEADING_BLANKS = frozenset(WHITESPACE) | INVISIBLE
#: Prefix that makes a spreadsheet show formula-like text as text (OWASP).
CSV_ESCAPE = "'"
MAX_CELL_CHARS = 32_767
MAX_ROWS = 1_048_576
MAX_COLUMNS = 16_384
MAX_SHEET_NAME = 31
#: Largest integer Excel holds exactly (15 significant digits).
MAX_EXACT_INTEGER = 10**15 - 1
TRUNCATION_MARKER = "…[cắt bớt / truncated]"


class ExcelLimitWarning(DanvanWarning):
    """A value was changed to fit a spreadsheet limit (for instance a cut cell)."""


_BLANKS = "".join(sorted(LEADING_BLANKS))


def is_formula_like(text: str) -> bool:
    """Whether a spreadsheet might evaluate ``text`` as a formula.

    True when the text starts with a tab or carriage return, or when its first
    character after leading blanks (white space, line breaks, zero-width
    characters) is ``=``, ``+``, ``-``, ``@`` or a full-width form of one.
    """
    if not text:
        return False
    if text[0] in FORMULA_PREFIXES:
        return True
    return text.lstrip(_BLANKS)[:1] in PAYLOAD_CHARS


#: First characters for which ``escape_formula_csv`` must look closer: any text
#: that needs escaping starts with one of them.
CSV_ESCAPE_TRIGGERS = FORMULA_PREFIXES | PAYLOAD_CHARS | LEADING_BLANKS | {CSV_ESCAPE}


def _quoted_formula(text: str) -> bool:
    """Whether ``text`` is one or more apostrophes followed by formula-like text."""
    stripped = text.lstrip(CSV_ESCAPE)
    return len(stripped) < len(text) and is_formula_like(stripped)


def escape_formula_csv(text: str) -> str:
    """``text`` with an apostrophe in front if a spreadsheet would evaluate it.

    Text that already looks escaped (``'=…``) gets one more apostrophe, so that
    ``unescape_formula_csv`` gives back exactly the original text.
    """
    if is_formula_like(text) or _quoted_formula(text):
        return CSV_ESCAPE + text
    return text


def unescape_formula_csv(text: str) -> str:
    """Undo ``escape_formula_csv`` (for readers of danvan's CSV)."""
    if _quoted_formula(text):
        return text[1:]
    return text


def fit_cell(text: str, *, where: str = "") -> str:
    """``text`` cut to Excel's cell limit with a visible marker; warns when it cuts."""
    if len(text) <= MAX_CELL_CHARS:
        return text
    warnings.warn(
        ExcelLimitWarning(
            f"Ô quá {MAX_CELL_CHARS} ký tự đã bị cắt / cell over {MAX_CELL_CHARS} characters "
            f"was truncated ({len(text)} characters){' at ' + where if where else ''}"
        ),
        stacklevel=2,
    )
    return text[: MAX_CELL_CHARS - len(TRUNCATION_MARKER)] + TRUNCATION_MARKER


def naive_in_zone(value: dt.datetime, zone: dt.tzinfo) -> dt.datetime:
    """A datetime for a format without time zones: aware values shown in ``zone``.

    Naive values are taken to be in ``zone`` already and returned unchanged.
    """
    if value.tzinfo is None:
        return value
    return value.astimezone(zone).replace(tzinfo=None)


def aware_in_zone(value: dt.datetime, zone: dt.tzinfo) -> dt.datetime:
    """A datetime in ``zone`` keeping its offset (for CSV and JSON, which carry one)."""
    if value.tzinfo is None:
        return value
    return value.astimezone(zone)


def is_exact_in_excel(value: int) -> bool:
    """Whether Excel stores the integer ``value`` without losing digits."""
    return -MAX_EXACT_INTEGER <= value <= MAX_EXACT_INTEGER


_SHEET_FORBIDDEN = str.maketrans(dict.fromkeys("[]:*?/\\", "_"))


#: What a name cut at a word boundary may not end with (a dangling comma, dash or colon).
_CUT_TRAILERS = " ,;:.-\u2013\u2014'"
#: Clause boundaries a cut prefers to a bare space.
_CLAUSE_MARKS = (", ", ": ", "; ", " - ", " \u2013 ", " \u2014 ")


def cut_at_word(text: str, limit: int) -> str:
    """``text`` cut to at most ``limit`` characters at a word boundary.

    The cut drops the word it would split and any comma, colon or dash left
    dangling. Vietnamese spaces its syllables, not its words, so a clause
    boundary (a comma, colon, semicolon or dash) in the second half is preferred:
    "Các chủ đề đã tuyên truyền, vận động" at 31 gives "Các chủ đề đã tuyên
    truyền", not "…, vận". A first word longer than ``limit`` is cut inside it.
    """
    if len(text) <= limit:
        return text
    space = text.rfind(" ", 0, limit + 1)
    head = text[:space] if space > 0 else ""
    clause = max(head.rfind(mark) for mark in _CLAUSE_MARKS)
    if clause >= limit // 2:
        head = head[:clause]
    return head.rstrip(_CUT_TRAILERS) or text[:limit]


def safe_sheet_name(name: str, taken: set[str]) -> str:
    """A sheet name Excel accepts, unique among ``taken`` (compared case-insensitively).

    Forbidden characters become ``_``, leading and trailing apostrophes go, the
    name is cut to 31 characters at a word boundary, and a `` (2)``-style suffix
    makes it unique. ``taken`` is updated with the lower-cased result.
    """
    base = name.translate(_SHEET_FORBIDDEN).strip().strip("'").strip() or "Sheet"
    if base.lower() == "history":
        base = "History_"
    candidate = _sheet_cut(base, MAX_SHEET_NAME)
    number = 2
    while candidate.lower() in taken:
        suffix = f" ({number})"
        candidate = _sheet_cut(base, MAX_SHEET_NAME - len(suffix)) + suffix
        number += 1
    taken.add(candidate.lower())
    return candidate


def _sheet_cut(name: str, limit: int) -> str:
    """``name`` cut at a word boundary, never ending in an apostrophe (Excel refuses it)."""
    return cut_at_word(name, limit).rstrip("'").rstrip() or name[:limit]
