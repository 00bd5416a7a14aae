"""Vietnamese text and values as people type them: normal form, collation, money, dates.

Everything here is pure (no I/O). Parsers never guess: text that could mean two
things raises :class:`ValueParseError` with a stable code, which the importers
turn into located findings. See ``docs/text.md`` for the rules and examples.
"""

from __future__ import annotations

import datetime as dt
import enum
import functools
import math
import re
import string
import unicodedata
from collections.abc import Callable, Iterable
from decimal import Decimal
from fractions import Fraction
from typing import Final, Literal, TypeVar

__all__ = [
    "PARSE_ERRORS",
    "CollationKey",
    "LegacyEncoding",
    "NormalizationIssue",
    "ValueParseError",
    "collation_key",
    "date_from_cell",
    "detect_legacy_encoding",
    "encode_legacy",
    "fix_legacy",
    "format_date",
    "format_money",
    "has_control_characters",
    "is_normalized",
    "is_plain_word",
    "money_from_cell",
    "normalization_issues",
    "normalize",
    "parse_date",
    "parse_money",
    "sort_vi",
    "without_control_characters",
]

T = TypeVar("T")

# ---------------------------------------------------------------------------
# Errors
# ---------------------------------------------------------------------------

#: Every error code a parser here can raise, with its message templates (vi, en).
#: ``{value}`` is the offending input, quoted.
PARSE_ERRORS: Final[dict[str, tuple[str, str]]] = {
    "money.empty": ("Ô số tiền trống", "The money amount is empty"),
    "money.invalid": ("Không đọc được số tiền {value}", "Cannot read the money amount {value}"),
    "money.ambiguous": (
        "Số tiền {value} có thể hiểu theo hai cách",
        "The money amount {value} can be read two ways",
    ),
    "money.approximate": (
        "Số tiền {value} là số ước lượng, không phải số chính xác",
        "The money amount {value} is approximate, not exact",
    ),
    "money.negative": ("Số tiền {value} là số âm", "The money amount {value} is negative"),
    "money.fraction": (
        "Số tiền {value} không phải một số nguyên đồng",
        "The money amount {value} is not a whole number of đồng",
    ),
    "date.empty": ("Ô ngày tháng trống", "The date is empty"),
    "date.invalid": ("Không đọc được ngày {value}", "Cannot read the date {value}"),
    "date.ambiguous": (
        "Ngày {value} có thể hiểu theo nhiều cách",
        "The date {value} can be read more than one way",
    ),
    "date.impossible": ("Ngày {value} không tồn tại", "The date {value} does not exist"),
    "date.time_of_day": (
        "Giá trị {value} có cả giờ, không chỉ ngày",
        "The value {value} carries a time of day, not only a date",
    ),
    "date.out_of_range": (
        "Số ngày Excel {value} nằm ngoài khoảng hợp lệ",
        "The Excel date serial {value} is out of range",
    ),
}


class ValueParseError(ValueError):
    """A value that could not be read exactly; ``code`` is a key of :data:`PARSE_ERRORS`."""

    def __init__(self, code: str, value: object, detail_vi: str = "", detail_en: str = "") -> None:
        template_vi, template_en = PARSE_ERRORS[code]
        shown = repr(value)
        self.code = code
        self.value = value
        self.message_vi = template_vi.format(value=shown) + (f": {detail_vi}" if detail_vi else "")
        self.message_en = template_en.format(value=shown) + (f": {detail_en}" if detail_en else "")
        super().__init__(f"{self.message_vi} / {self.message_en}")


# ---------------------------------------------------------------------------
# Letters and syllables
# ---------------------------------------------------------------------------

#: Tone marks in Vietnamese collation order: ngang (none), huyền, hỏi, ngã, sắc, nặng.
_TONE_MARKS: Final = ("", "\u0300", "\u0309", "\u0303", "\u0301", "\u0323")
_SAC: Final = 4
_NANG: Final = 5
_BASE_VOWELS: Final = "aăâeêioôơuưy"
_MODIFIED_VOWELS: Final = frozenset("ăâêôơư")

#: toned vowel character -> (lowercase base vowel, tone index, is upper case)
_VOWELS: dict[str, tuple[str, int, bool]] = {}
#: (lowercase base vowel, tone index, is upper case) -> character
_COMPOSE: dict[tuple[str, int, bool], str] = {}
for _base in _BASE_VOWELS:
    for _tone, _mark in enumerate(_TONE_MARKS):
        for _upper in (False, True):
            _char = unicodedata.normalize("NFC", (_base.upper() if _upper else _base) + _mark)
            _VOWELS[_char] = (_base, _tone, _upper)
            _COMPOSE[(_base, _tone, _upper)] = _char

_CONSONANTS: Final = frozenset("bcdđfghjklmnpqrstvwxz")


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


_ONSETS: Final = _words("ngh ng nh ch gh gi kh ph th tr qu b c d đ g h k l m n p r s t v x f j w z")
_ONSETS_WITH_NONE: Final = _ONSETS | {""}
_CODAS: Final = _words("c ch m n ng nh p t") | {""}
_STOP_CODAS: Final = _words("c ch p t")
_OPEN_ONLY: Final = _words(
    "ai ao au ay âu ây eo êu ia iu oi ôi ơi ua ui ưa ưi ưu uơ "
    "iêu oai oao oay oeo uây uôi ươi ươu uya uyu yêu"
)
_CLOSED_ONLY: Final = _words("ă â iê yê uô ươ uyê uâ oă")
_CLUSTERS: Final = _words(
    "a ă â e ê i o ô ơ u ư y "
    "ai ao au ay âu ây eo êu ia iê iu oa oă oe oi ôi ơi oo ua uâ uê ui uô uơ uy ưa ưi ươ ưu yê "
    "iêu oai oao oay oeo uây uôi ươi ươu uya uyê uyu yêu"
)


class _Syllable:
    """A parsed Vietnamese syllable: letters split into onset, nucleus and coda."""

    __slots__ = ("chars", "cluster", "coda", "nucleus_start", "onset", "tone", "toned_at")

    def __init__(
        self,
        chars: list[tuple[str, int, bool, str]],
        onset: str,
        nucleus_start: int,
        cluster: str,
        coda: str,
        tone: int,
        toned_at: int,
    ) -> None:
        self.chars = chars
        self.onset = onset
        self.nucleus_start = nucleus_start
        self.cluster = cluster
        self.coda = coda
        self.tone = tone
        self.toned_at = toned_at

    def canonical_tone_index(self) -> int:
        """Index in ``chars`` where the tone mark belongs (traditional placement)."""
        nucleus = self.cluster
        modified = [k for k, v in enumerate(nucleus) if v in _MODIFIED_VOWELS]
        if modified:
            pos = modified[-1]
        elif len(nucleus) == 1:
            pos = 0
        elif self.coda:
            pos = len(nucleus) - 1
        elif len(nucleus) == 2:
            pos = 0
        else:
            pos = 1
        return self.nucleus_start + pos

    def is_well_formed(self) -> bool:
        """Whether the syllable obeys Vietnamese spelling (used to recognise mojibake)."""
        if self.coda and self.cluster in _OPEN_ONLY:
            return False
        if not self.coda and self.cluster in _CLOSED_ONLY:
            return False
        return not (self.coda in _STOP_CODAS and self.tone not in (_SAC, _NANG))


def _parse_syllable(token: str) -> _Syllable | None:
    """Split one NFC word into onset, vowel cluster and coda, or None if it is not Vietnamese."""
    chars: list[tuple[str, int, bool, str]] = []
    for ch in token:
        info = _VOWELS.get(ch)
        if info is not None:
            chars.append((info[0], info[1], info[2], ch))
            continue
        low = ch.lower()
        if low not in _CONSONANTS:
            return None
        chars.append((low, 0, ch != low, ch))
    n = len(chars)
    i = 0
    while i < n and chars[i][0] in _CONSONANTS:
        i += 1
    onset = "".join(c[0] for c in chars[:i])
    if i + 1 < n and chars[i + 1][0] in _VOWELS:
        if onset == "q" and chars[i][0] == "u":
            onset, i = "qu", i + 1
        elif onset == "g" and chars[i][0] == "i":
            onset, i = "gi", i + 1
    if onset not in _ONSETS_WITH_NONE or i >= n:
        return None
    start = i
    while i < n and chars[i][0] not in _CONSONANTS:
        i += 1
    cluster = "".join(c[0] for c in chars[start:i])
    coda = "".join(c[0] for c in chars[i:])
    if cluster not in _CLUSTERS or coda not in _CODAS:
        return None
    toned = [k for k, c in enumerate(chars) if c[1]]
    if len(toned) > 1:
        return None
    tone = chars[toned[0]][1] if toned else 0
    return _Syllable(chars, onset, start, cluster, coda, tone, toned[0] if toned else -1)


@functools.lru_cache(maxsize=65536)
def _retone_word(word: str) -> str:
    syllable = _parse_syllable(word)
    if syllable is None or syllable.tone == 0:
        return word
    target = syllable.canonical_tone_index()
    if target == syllable.toned_at:
        return word
    out = []
    for k, (base, _tone, upper, original) in enumerate(syllable.chars):
        if k == target:
            out.append(_COMPOSE[(base, syllable.tone, upper)])
        elif k == syllable.toned_at:
            out.append(_COMPOSE[(base, 0, upper)])
        else:
            out.append(original)
    return "".join(out)


_WORD_RE: Final = re.compile(r"(?:[^\W\d_]|[\u0300-\u036f])+")


def _retone(nfc_text: str) -> str:
    if nfc_text.isascii():
        return nfc_text
    return _WORD_RE.sub(lambda m: _retone_word(m.group()), nfc_text)


@functools.lru_cache(maxsize=65536)
def _retone_token(token: str) -> str:
    """``_retone`` of one space-free token; cached, as titles reuse a small vocabulary."""
    return _retone(token)


# ---------------------------------------------------------------------------
# Normal form
# ---------------------------------------------------------------------------


class NormalizationIssue(enum.StrEnum):
    """Why a string is not in danvan's normal form."""

    NFC = "nfc"
    TONE_PLACEMENT = "tone_placement"
    WHITESPACE = "whitespace"


def normalize(text: str) -> str:
    """NFC, one tone-mark placement, whitespace trimmed and collapsed to single spaces.

    The tone goes where traditional spelling (kiểu cũ) puts it: ``hòa``, ``thủy``,
    ``khỏe``, ``quý``, ``hoàng``, ``người``. Words that are not Vietnamese syllables
    are left as they are.
    """
    if text.isascii():
        return " ".join(text.split())
    nfc = unicodedata.normalize("NFC", text)
    # Words never span a space, so retoning token by token is retoning the whole.
    return " ".join(map(_retone_token, nfc.split()))


def normalization_issues(text: str) -> frozenset[NormalizationIssue]:
    """The reasons ``text`` differs from ``normalize(text)``; empty when it is normal."""
    issues: set[NormalizationIssue] = set()
    if not unicodedata.is_normalized("NFC", text):
        issues.add(NormalizationIssue.NFC)
    nfc = unicodedata.normalize("NFC", text)
    if " ".join(nfc.split()) != nfc:
        issues.add(NormalizationIssue.WHITESPACE)
    if _retone(nfc) != nfc:
        issues.add(NormalizationIssue.TONE_PLACEMENT)
    return frozenset(issues)


_CONTROL_CHARACTERS: Final = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
"""C0 control characters and DEL, but for tab, line feed and carriage return."""


def has_control_characters(text: str) -> bool:
    """Whether ``text`` holds a NUL or another control character (tab, CR and LF aside).

    Such a character has no business in a name or a note and breaks the
    formats danvan writes (XML cannot hold it); importers remove it and say so.
    """
    return not text.isprintable() and _CONTROL_CHARACTERS.search(text) is not None


def without_control_characters(text: str) -> str:
    """``text`` with the characters ``has_control_characters`` looks for removed."""
    return text if text.isprintable() else _CONTROL_CHARACTERS.sub("", text)


def is_normalized(text: str) -> bool:
    """Whether ``text`` is already in normal form."""
    return normalize(text) == text


# ---------------------------------------------------------------------------
# Collation
# ---------------------------------------------------------------------------

#: Primary order of letters: the Vietnamese alphabet with f, j, w, z in their Latin places.
_LETTER_ORDER: Final = "aăâbcdđeêfghijklmnoôơpqrstuưvwxyz"
#: ASCII punctuation in the order of the Unicode root collation (space first).
_PUNCT_ORDER: Final = " _-,;:!?.'\"()[]{}@*/\\&#%`^+<=>|~$"
_W_PUNCT: Final = 10
_W_SYMBOL: Final = 100
_W_DIGIT: Final = 2_000_000
_W_LETTER: Final = 3_000_000
_W_OTHER_LETTER: Final = 4_000_000
_W_OTHER_MARK: Final = 100

_Weight = tuple[int, int, int]
_WEIGHTS: dict[str, _Weight] = {}
for _index, _letter in enumerate(_LETTER_ORDER):
    _primary = _W_LETTER + _index
    if _letter in _BASE_VOWELS:
        for (_base, _tone, _upper), _char in _COMPOSE.items():
            if _base == _letter:
                _WEIGHTS[_char] = (_primary, _tone, int(_upper))
    else:
        _WEIGHTS[_letter] = (_primary, 0, 0)
        _WEIGHTS[_letter.upper()] = (_primary, 0, 1)
for _index, _char in enumerate(_PUNCT_ORDER):
    _WEIGHTS[_char] = (_W_PUNCT + _index, 0, 0)
for _digit in string.digits:
    _WEIGHTS[_digit] = (_W_DIGIT + int(_digit), 0, 0)


def _weight(ch: str) -> _Weight:
    """Weights of a character outside the precomputed table (computed once, then kept)."""
    known = _WEIGHTS.get(ch)
    if known is not None:
        return known
    decomposed = unicodedata.normalize("NFD", ch)
    base = _WEIGHTS.get(decomposed[0])
    if base is not None and len(decomposed) > 1:
        marks = decomposed[1:]
        secondary = (
            _TONE_MARKS.index(marks) if marks in _TONE_MARKS else _W_OTHER_MARK + ord(marks[0])
        )
        weight = (base[0], secondary, base[2])
    elif ch.isdigit() or unicodedata.category(ch) == "Nd":
        weight = (_W_DIGIT + unicodedata.digit(ch, 0), 0, 0)
    elif ch.isalpha():
        lower = ch.lower()
        weight = (_W_OTHER_LETTER + ord(lower), 0, int(ch != lower))
    else:
        weight = (_W_SYMBOL + ord(ch), 0, 0)
    _WEIGHTS[ch] = weight
    return weight


CollationKey = tuple[tuple[int, ...], tuple[int, ...], tuple[int, ...]]


def collation_key(text: str) -> CollationKey:
    """A sort key for Vietnamese alphabetical order (as ICU's ``vi`` collation).

    Letters first (a ă â b c d đ e ê g h i k l m n o ô ơ p q r s t u ư v x y),
    then tones left to right (none, huyền, hỏi, ngã, sắc, nặng), then case
    (lower case first). Space and punctuation sort before digits, digits before
    letters. The text is normalised first.
    """
    weights = [_WEIGHTS.get(ch) or _weight(ch) for ch in normalize(text)]
    if not weights:
        return ((), (), ())
    primary, secondary, tertiary = zip(*weights, strict=True)
    return (primary, secondary, tertiary)


def sort_vi(
    items: Iterable[T], *, key: Callable[[T], str] | None = None, reverse: bool = False
) -> list[T]:
    """Items sorted in Vietnamese order; ``key`` picks the text of each item."""
    if key is None:
        return sorted(items, key=lambda item: collation_key(str(item)), reverse=reverse)
    pick = key
    return sorted(items, key=lambda item: collation_key(pick(item)), reverse=reverse)


# ---------------------------------------------------------------------------
# Money
# ---------------------------------------------------------------------------

_MULTIPLIERS: Final[dict[str, int]] = {
    "nghìn": 1_000,
    "ngàn": 1_000,
    "nghin": 1_000,
    "ngan": 1_000,
    "k": 1_000,
    "triệu": 1_000_000,
    "trieu": 1_000_000,
    "tr": 1_000_000,
    "tỷ": 1_000_000_000,
    "tỉ": 1_000_000_000,
    "ty": 1_000_000_000,
}
_HALF: Final = frozenset(["rưỡi", "ruoi"])
_CURRENCY: Final = frozenset(["đ", "đồng", "dong", "d", "vnđ", "vnd", "₫"])
_APPROXIMATE: Final = _words(
    "khoảng khoang gần gan hơn hon tầm chừng ước uoc xấp xỉ xap xi "
    "trên tren dưới duoi ngót ngot độ hàng"
)
_NEGATIVE_RE: Final = re.compile(r"^\s*(?:[-−–]|âm\b|\()")
_MONEY_TOKEN_RE: Final = re.compile(r"\s*(?:(?P<num>\d+(?:[., ]\d+)*)|(?P<word>[^\W\d_]+|₫))")


def _money_number(raw: str, text: str, *, has_multiplier: bool) -> Fraction:
    """Value of one written number, following the separator rules in docs/text.md."""
    seps = [ch for ch in raw if not ch.isdigit()]
    groups = re.split(r"[., ]", raw)
    if not seps:
        return Fraction(int(raw))
    kinds = set(seps)

    def grouped(parts: list[str]) -> bool:
        return 1 <= len(parts[0]) <= 3 and all(len(p) == 3 for p in parts[1:])

    if len(kinds) == 1:
        sep = seps[0]
        if sep == " " or len(groups) > 2:
            if not grouped(groups):
                raise ValueParseError(
                    "money.invalid",
                    text,
                    f"nhóm chữ số sai quanh '{sep}'",
                    f"digit groups around '{sep}' are malformed",
                )
            return Fraction(int("".join(groups)))
        whole, frac = groups
        if len(frac) == 3 and 1 <= len(whole) <= 3 and whole != "0":
            if has_multiplier:
                raise ValueParseError(
                    "money.ambiguous",
                    text,
                    f"'{raw}' có thể là {whole}{frac} hoặc {whole},{frac}",
                    f"'{raw}' could be {whole}{frac} or {whole}.{frac}",
                )
            return Fraction(int(whole + frac))
        return Fraction(int(whole)) + Fraction(int(frac), 10 ** len(frac))
    if len(kinds) == 2:
        decimal_sep = seps[-1]
        if decimal_sep == " " or seps.count(decimal_sep) != 1 or not grouped(groups[:-1]):
            raise ValueParseError(
                "money.invalid",
                text,
                "dấu phân cách hàng nghìn và thập phân lẫn lộn",
                "thousands and decimal separators are mixed up",
            )
        whole, frac = "".join(groups[:-1]), groups[-1]
        return Fraction(int(whole)) + Fraction(int(frac), 10 ** len(frac))
    raise ValueParseError(
        "money.invalid", text, "quá nhiều loại dấu phân cách", "too many kinds of separator"
    )


def parse_money(text: str) -> int:
    """An amount of money as people write it, in whole đồng.

    Accepts ``27.000.000``, ``27,000,000``, ``27 000 000``, ``27.000.000đ``,
    ``27.000.000 VNĐ``, ``27 triệu đồng``, ``1,2 tỷ``, ``500 nghìn``, ``500k``,
    ``2 tỷ 300 triệu``, ``2 triệu rưỡi``. Raises :class:`ValueParseError` rather
    than guess.
    """
    s = normalize(text).lower()
    if not s:
        raise ValueParseError("money.empty", text)
    if _NEGATIVE_RE.match(s):
        raise ValueParseError("money.negative", text)
    if "~" in s or "≈" in s or any(w in _APPROXIMATE for w in re.findall(r"[^\W\d_]+", s)):
        raise ValueParseError("money.approximate", text)
    tokens: list[tuple[str, str]] = []
    pos = 0
    while pos < len(s):
        m = _MONEY_TOKEN_RE.match(s, pos)
        if m is None or m.end() == pos:
            raise ValueParseError(
                "money.invalid",
                text,
                f"ký tự không hợp lệ {s[pos:].strip()[:1]!r}",
                f"unexpected character {s[pos:].strip()[:1]!r}",
            )
        num = m.group("num")
        tokens.append(("num", num) if num is not None else ("word", m.group("word")))
        pos = m.end()
    if tokens and tokens[0] in (("word", "vnđ"), ("word", "vnd"), ("word", "₫")):
        tokens.pop(0)
    if tokens and tokens[-1][0] == "word" and tokens[-1][1] in _CURRENCY:
        tokens.pop()
    if not tokens:
        raise ValueParseError("money.invalid", text, "không có con số", "there is no number")

    total = Fraction(0)
    previous_multiplier: int | None = None
    i = 0
    while i < len(tokens):
        kind, raw = tokens[i]
        if kind != "num":
            raise ValueParseError(
                "money.invalid", text, f"từ không hiểu được '{raw}'", f"unknown word '{raw}'"
            )
        multiplier = 1
        if i + 1 < len(tokens) and tokens[i + 1][0] == "word":
            word = tokens[i + 1][1]
            if word not in _MULTIPLIERS:
                raise ValueParseError(
                    "money.invalid", text, f"từ không hiểu được '{word}'", f"unknown word '{word}'"
                )
            multiplier = _MULTIPLIERS[word]
            i += 1
        elif previous_multiplier is not None:
            raise ValueParseError(
                "money.ambiguous",
                text,
                f"'{raw}' sau '{tokens[i - 1][1]}' không rõ đơn vị",
                f"'{raw}' after '{tokens[i - 1][1]}' has no unit",
            )
        elif i + 1 < len(tokens):
            raise ValueParseError("money.invalid", text, "hai số liền nhau", "two numbers in a row")
        value = _money_number(raw, text, has_multiplier=multiplier > 1)
        if i + 1 < len(tokens) and tokens[i + 1][0] == "word" and tokens[i + 1][1] in _HALF:
            if multiplier == 1 or value.denominator != 1:
                raise ValueParseError(
                    "money.invalid", text, "'rưỡi' đặt sai chỗ", "'rưỡi' is misplaced"
                )
            value += Fraction(1, 2)
            i += 1
        if previous_multiplier is not None and (
            multiplier >= previous_multiplier or value * multiplier >= previous_multiplier
        ):
            raise ValueParseError(
                "money.invalid",
                text,
                "các phần của số tiền không giảm dần",
                "the parts of the amount do not decrease",
            )
        total += value * multiplier
        previous_multiplier = multiplier
        i += 1
    if total.denominator != 1:
        raise ValueParseError("money.fraction", text)
    return int(total)


def _finite(value: float | Decimal | Fraction) -> bool:
    if isinstance(value, Decimal):
        return value.is_finite()
    return not isinstance(value, float) or math.isfinite(value)


def money_from_cell(value: object) -> int:
    """An amount from a spreadsheet cell: int, integral float or Decimal, or text."""
    if value is None:
        raise ValueParseError("money.empty", value)
    if isinstance(value, str):
        return parse_money(value)
    if isinstance(value, bool) or not isinstance(value, int | float | Decimal | Fraction):
        raise ValueParseError("money.invalid", value)
    if not _finite(value):
        raise ValueParseError("money.invalid", value)
    exact = Fraction(value)
    if exact < 0:
        raise ValueParseError("money.negative", value)
    if exact.denominator != 1:
        raise ValueParseError("money.fraction", value)
    return int(exact)


def format_money(amount: int, *, currency: bool = False) -> str:
    """``27000000`` -> ``"27.000.000"`` (Vietnamese thousands dots); ``currency`` adds " đ"."""
    if isinstance(amount, bool) or not isinstance(amount, int) or amount < 0:
        raise ValueError(f"format_money needs a non-negative int, got {amount!r}")
    digits = f"{amount:,}".replace(",", ".")
    return f"{digits} đ" if currency else digits


# ---------------------------------------------------------------------------
# Dates
# ---------------------------------------------------------------------------

_DAY_FIRST_RE: Final = re.compile(r"(\d{1,2})\s*([/.-])\s*(\d{1,2})\s*\2\s*(\d+)")
_YEAR_FIRST_RE: Final = re.compile(r"(\d{4})([/.-])(\d{1,2})\2(\d{1,2})")
_LONG_RE: Final = re.compile(
    r"(?:ngày|ngay)?\s*(\d{1,2})\s*(?:tháng|thang)\s*(\d{1,2})\s*,?\s*(?:năm|nam)\s*(\d+)"
)
_NGAY_PREFIX_RE: Final = re.compile(r"(?:ngày|ngay)\s*")
_EXCEL_1900: Final = dt.date(1899, 12, 30)
_EXCEL_1904: Final = dt.date(1904, 1, 1)
_EXCEL_MAX_1900: Final = 2_958_465  # 9999-12-31
_EXCEL_MAX_1904: Final = _EXCEL_MAX_1900 - 1462


def _make_date(text: object, year: str, month: str, day: str) -> dt.date:
    if len(year) == 2:
        raise ValueParseError(
            "date.ambiguous",
            text,
            "năm chỉ có hai chữ số, hãy ghi đủ bốn chữ số",
            "the year has two digits; write all four",
        )
    if len(year) != 4:
        raise ValueParseError(
            "date.invalid", text, "năm phải có bốn chữ số", "the year must have four digits"
        )
    try:
        return dt.date(int(year), int(month), int(day))
    except ValueError:
        hint_vi, hint_en = "", ""
        if int(month) > 12 and 1 <= int(day) <= 12:
            hint_vi = "ngày đứng trước tháng (dd/mm/yyyy)"
            hint_en = "the day comes before the month (dd/mm/yyyy)"
        raise ValueParseError("date.impossible", text, hint_vi, hint_en) from None


def parse_date(text: str) -> dt.date:
    """A date written day first: ``24/02/2022``, ``24-02-2022``, ``24.02.2022``,
    ``ngày 24 tháng 02 năm 2022``, ``ngày 24/02/2022``, or ISO ``2022-02-24``.
    """
    s = normalize(text).lower()
    if not s:
        raise ValueParseError("date.empty", text)
    if m := _YEAR_FIRST_RE.fullmatch(s):
        return _make_date(text, m.group(1), m.group(3), m.group(4))
    if m := _LONG_RE.fullmatch(s):
        return _make_date(text, m.group(3), m.group(2), m.group(1))
    bare = _NGAY_PREFIX_RE.sub("", s, count=1) if s.startswith(("ngày", "ngay")) else s
    if m := _DAY_FIRST_RE.fullmatch(bare):
        return _make_date(text, m.group(4), m.group(3), m.group(1))
    raise ValueParseError(
        "date.invalid", text, "hãy ghi ngày theo dạng dd/mm/yyyy", "write the date as dd/mm/yyyy"
    )


def date_from_cell(value: object, *, date1904: bool = False) -> dt.date:
    """A date from a spreadsheet cell: date, midnight datetime, Excel serial number, or text.

    Serials follow the workbook's date system (1900 by default, with Lotus's
    fictitious 29 February 1900 = serial 60 rejected). A serial or datetime with a
    time of day is rejected rather than silently truncated.
    """
    if value is None:
        raise ValueParseError("date.empty", value)
    if isinstance(value, str):
        return parse_date(value)
    if isinstance(value, dt.datetime):
        if value.time() != dt.time(0):
            raise ValueParseError("date.time_of_day", value)
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, bool) or not isinstance(value, int | float | Decimal):
        raise ValueParseError("date.invalid", value)
    if not _finite(value):
        raise ValueParseError("date.invalid", value)
    exact = Fraction(value)
    if exact.denominator != 1:
        raise ValueParseError("date.time_of_day", value)
    serial = int(exact)
    if date1904:
        if not 0 <= serial <= _EXCEL_MAX_1904:
            raise ValueParseError("date.out_of_range", value)
        return _EXCEL_1904 + dt.timedelta(days=serial)
    if not 1 <= serial <= _EXCEL_MAX_1900:
        raise ValueParseError("date.out_of_range", value)
    if serial == 60:
        raise ValueParseError(
            "date.impossible",
            value,
            "Excel coi 29/02/1900 là một ngày nhưng ngày đó không tồn tại",
            "Excel counts 29/02/1900, a day that never existed",
        )
    if serial < 60:
        serial += 1
    return _EXCEL_1900 + dt.timedelta(days=serial)


def format_date(value: dt.date) -> str:
    """``date(2022, 2, 24)`` -> ``"24/02/2022"``."""
    return f"{value.day:02d}/{value.month:02d}/{value.year:04d}"


# ---------------------------------------------------------------------------
# Legacy encodings (TCVN3, VNI) read as Windows-1252
# ---------------------------------------------------------------------------

LegacyEncoding = Literal["TCVN3", "VNI"]
_ENCODINGS: Final[tuple[LegacyEncoding, ...]] = ("TCVN3", "VNI")

#: TCVN3 (ABC, VN3) bytes per vowel: the plain form (None when it is ASCII), then
#: huyền, hỏi, ngã, sắc, nặng. Upper-case toned letters have no code of their own
#: (the ".VnTimeH" fonts draw the lower-case codes in capitals).
_TCVN3_ROWS: Final[dict[str, tuple[int | None, int, int, int, int, int]]] = {
    "a": (None, 0xB5, 0xB6, 0xB7, 0xB8, 0xB9),
    "ă": (0xA8, 0xBB, 0xBC, 0xBD, 0xBE, 0xC6),
    "â": (0xA9, 0xC7, 0xC8, 0xC9, 0xCA, 0xCB),
    "e": (None, 0xCC, 0xCE, 0xCF, 0xD0, 0xD1),
    "ê": (0xAA, 0xD2, 0xD3, 0xD4, 0xD5, 0xD6),
    "i": (None, 0xD7, 0xD8, 0xDC, 0xDD, 0xDE),
    "o": (None, 0xDF, 0xE1, 0xE2, 0xE3, 0xE4),
    "ô": (0xAB, 0xE5, 0xE6, 0xE7, 0xE8, 0xE9),
    "ơ": (0xAC, 0xEA, 0xEB, 0xEC, 0xED, 0xEE),
    "u": (None, 0xEF, 0xF1, 0xF2, 0xF3, 0xF4),
    "ư": (0xAD, 0xF5, 0xF6, 0xF7, 0xF8, 0xF9),
    "y": (None, 0xFA, 0xFB, 0xFC, 0xFD, 0xFE),
}
_TCVN3_OTHER: Final = {
    0xAE: "đ",
    0xA1: "Ă",
    0xA2: "Â",
    0xA3: "Ê",
    0xA4: "Ô",
    0xA5: "Ơ",
    0xA6: "Ư",
    0xA7: "Đ",
}

_TCVN3_DECODE: dict[str, str] = {}
for _base, _codes in _TCVN3_ROWS.items():
    for _tone, _code in enumerate(_codes):
        if _code is not None:
            _TCVN3_DECODE[chr(_code)] = _COMPOSE[(_base, _tone, False)]
for _code, _char in _TCVN3_OTHER.items():
    _TCVN3_DECODE[chr(_code)] = _char
_TCVN3_ENCODE: Final = {v: k for k, v in _TCVN3_DECODE.items()}
#: TCVN3 codes that are symbols in Windows-1252: never part of a real word.
_TCVN3_STRONG: Final = frozenset(ch for ch in _TCVN3_DECODE if not ch.isalpha() or ch in "µª")

#: VNI-Windows: a base letter followed by a mark character. Marks in tone order
#: (huyền, hỏi, ngã, sắc, nặng); the first mark of the circumflex and breve rows
#: is the bare modifier.
_VNI_TONES: Final = ("ø", "û", "õ", "ù", "ï")
_VNI_CIRCUMFLEX: Final = ("â", "à", "å", "ã", "á", "ä")
_VNI_BREVE: Final = ("ê", "è", "ú", "ü", "é", "ë")
_VNI_I: Final = ("ì", "æ", "ó", "í", "ò")
_VNI_Y_NANG: Final = "î"

_VNI_DECODE: dict[str, str] = {}


def _vni_add(upper: bool) -> None:
    def case(s: str) -> str:
        return s.upper() if upper else s

    for base_char, vowel in (("a", "a"), ("e", "e"), ("o", "o"), ("u", "u"), ("y", "y")):
        for tone, mark in enumerate(_VNI_TONES, start=1):
            if vowel == "y" and tone == _NANG:
                continue
            _VNI_DECODE[case(base_char + mark)] = _COMPOSE[(vowel, tone, upper)]
    for base_char, vowel in (("ô", "ơ"), ("ö", "ư")):
        _VNI_DECODE[case(base_char)] = _COMPOSE[(vowel, 0, upper)]
        for tone, mark in enumerate(_VNI_TONES, start=1):
            _VNI_DECODE[case(base_char + mark)] = _COMPOSE[(vowel, tone, upper)]
    for base_char, vowel in (("a", "â"), ("e", "ê"), ("o", "ô")):
        for tone, mark in enumerate(_VNI_CIRCUMFLEX):
            _VNI_DECODE[case(base_char + mark)] = _COMPOSE[(vowel, tone, upper)]
    for tone, mark in enumerate(_VNI_BREVE):
        _VNI_DECODE[case("a" + mark)] = _COMPOSE[("ă", tone, upper)]
    for tone, mark in enumerate(_VNI_I, start=1):
        if mark not in "ìí":
            _VNI_DECODE[case(mark)] = _COMPOSE[("i", tone, upper)]
    _VNI_DECODE[case(_VNI_Y_NANG)] = _COMPOSE[("y", _NANG, upper)]
    _VNI_DECODE[case("ñ")] = "Đ" if upper else "đ"


_vni_add(upper=False)
_vni_add(upper=True)
_VNI_ENCODE: Final = {v: k for k, v in _VNI_DECODE.items()}
_VNI_ENCODE_EXTRA: Final = {"í": "í", "ì": "ì", "Í": "Í", "Ì": "Ì"}
#: VNI marks that are common after a vowel in French or German; the others are not.
_VNI_WEAK_MARKS: Final = frozenset("ùûïëüéèêÙÛÏËÜÉÈÊ")


def _decode_vni(text: str) -> tuple[str, bool]:
    """Decode VNI mojibake; the flag says whether a distinctive mark pair was used."""
    out: list[str] = []
    strong = False
    i = 0
    while i < len(text):
        pair = text[i : i + 2]
        if len(pair) == 2 and pair in _VNI_DECODE:
            out.append(_VNI_DECODE[pair])
            if pair[1] not in _VNI_WEAK_MARKS or pair[0] in "ôöÔÖ":
                strong = True
            i += 2
            continue
        out.append(_VNI_DECODE.get(text[i], text[i]))
        i += 1
    return "".join(out), strong


_MID_WORD_CAPITAL_RE: Final = re.compile(r"[a-z][\u00c0-\u00de]|[A-Za-z][\u00c0-\u00de][a-z]")


def _decode_tcvn3(text: str) -> tuple[str, bool]:
    """Decode TCVN3 mojibake; the flag says whether a symbol or a mid-word capital was seen."""
    strong = any(ch in _TCVN3_STRONG for ch in text) or bool(_MID_WORD_CAPITAL_RE.search(text))
    return "".join(_TCVN3_DECODE.get(ch, ch) for ch in text), strong


_DECODERS: Final[dict[str, Callable[[str], tuple[str, bool]]]] = {
    "TCVN3": _decode_tcvn3,
    "VNI": _decode_vni,
}


def fix_legacy(text: str, encoding: LegacyEncoding) -> str:
    """Decode text typed in a TCVN3 or VNI font and read as Windows-1252.

    TCVN3 upper-case toned letters (typed with a ".VnTimeH" font) come back in
    lower case: the codes do not record case.
    """
    if encoding not in _DECODERS:
        raise ValueError(f"unknown legacy encoding {encoding!r}")
    return _DECODERS[encoding](text)[0]


def encode_legacy(text: str, encoding: LegacyEncoding) -> str:
    """How Unicode ``text`` looks once typed in a legacy font and read as Windows-1252.

    The inverse of :func:`fix_legacy`, for tests and examples. TCVN3 has no codes
    for upper-case toned letters, so they are written in lower case.
    """
    nfc = unicodedata.normalize("NFC", text)
    if encoding == "TCVN3":
        table = _TCVN3_ENCODE
        return "".join(table.get(ch, table.get(ch.lower(), ch)) for ch in nfc)
    if encoding == "VNI":
        return "".join(_VNI_ENCODE.get(ch, _VNI_ENCODE_EXTRA.get(ch, ch)) for ch in nfc)
    raise ValueError(f"unknown legacy encoding {encoding!r}")


def _all_syllables(text: str) -> bool:
    """Whether every word of ``text`` (NFC) is a well-formed Vietnamese syllable."""
    words = _WORD_RE.findall(text)
    if not words:
        return False
    for word in words:
        syllable = _parse_syllable(word)
        if syllable is None or not syllable.is_well_formed():
            return False
    return True


_EDGE_PUNCT: Final = string.punctuation + string.digits + "“”‘’…–—"


def is_plain_word(word: str) -> bool:
    """Whether ``word`` (NFC), edge punctuation aside, is ASCII or a Vietnamese syllable.

    Such a word cannot be legacy-font mojibake, so callers with many words can
    skip the costlier ``detect_legacy_encoding`` for it.
    """
    token = word.strip(_EDGE_PUNCT)
    return token.isascii() or _all_syllables(token)


def _legacy_score(text: str, encoding: str) -> tuple[int, int, bool]:
    decode = _DECODERS[encoding]
    hits = misses = 0
    strong = False
    for raw in text.split():
        token = raw.strip(_EDGE_PUNCT)
        if token.isascii() or not token:
            continue
        decoded, token_strong = decode(token)
        if decoded == token or _all_syllables(unicodedata.normalize("NFC", token)):
            continue
        if _all_syllables(decoded):
            hits += 1
            strong = strong or token_strong
        else:
            misses += 1
    return hits, misses, strong


def detect_legacy_encoding(text: str) -> LegacyEncoding | None:
    """``"TCVN3"`` or ``"VNI"`` when ``text`` looks like legacy-font Vietnamese, else None.

    A word counts for an encoding when it is not Vietnamese as it stands but
    decodes to well-formed Vietnamese syllables. One such word is enough only when
    it carries a mark no European language writes (``Haø``, ``Hµ``); otherwise
    three are needed, and decoding must succeed far more often than it fails.
    """
    best: tuple[int, LegacyEncoding] | None = None
    for encoding in _ENCODINGS:
        hits, misses, strong = _legacy_score(text, encoding)
        if hits == 0 or hits < 2 * misses:
            continue
        if not strong and (hits < 3 or hits < 3 * misses):
            continue
        if best is None or hits - misses > best[0]:
            best = (hits - misses, encoding)
    return best[1] if best else None
