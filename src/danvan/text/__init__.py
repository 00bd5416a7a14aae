"""Vietnamese text and values as people type them: normal form, collation, money, dates.

Everything here is pure (no I/O). Parsers never guess: text that could mean two
things raises :class:`ValueParseError` with a stable code, which the importers
turn into located findings. See ``docs/text.md`` for the rules and examples.

The rooms: ``_syllables`` (letters, syllables, tone placement), ``_normal`` (the
normal form), ``_collation`` (alphabetical order), ``_money``, ``_dates``,
``_legacy`` (TCVN3 and VNI mojibake), ``_fold`` (comparison keys of names and headers),
``_errors`` (the stable parse codes).
"""

from danvan.text._collation import CollationKey, collation_key, sort_vi
from danvan.text._dates import date_from_cell, format_date, parse_date
from danvan.text._errors import PARSE_ERRORS, ValueParseError
from danvan.text._fold import bare_key, header_key, name_key
from danvan.text._legacy import (
    LegacyEncoding,
    detect_legacy_encoding,
    encode_legacy,
    fix_legacy,
    is_plain_word,
)
from danvan.text._money import format_money, money_from_cell, parse_money
from danvan.text._normal import (
    NormalizationIssue,
    canonical_text,
    has_control_characters,
    is_normalized,
    normalization_issues,
    normalize,
    without_control_characters,
)

__all__ = [
    "PARSE_ERRORS",
    "CollationKey",
    "LegacyEncoding",
    "NormalizationIssue",
    "ValueParseError",
    "bare_key",
    "canonical_text",
    "collation_key",
    "date_from_cell",
    "detect_legacy_encoding",
    "encode_legacy",
    "fix_legacy",
    "format_date",
    "format_money",
    "has_control_characters",
    "header_key",
    "is_normalized",
    "is_plain_word",
    "money_from_cell",
    "name_key",
    "normalization_issues",
    "normalize",
    "parse_date",
    "parse_money",
    "sort_vi",
    "without_control_characters",
]
