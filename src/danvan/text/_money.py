"""Money as people write it (27.000.000, 27 triệu, 1,5 tỷ đồng), read exactly or refused."""

from __future__ import annotations

import math
import re
from decimal import Decimal
from fractions import Fraction
from typing import Final

from danvan.text._errors import ValueParseError
from danvan.text._normal import normalize
from danvan.text._syllables import word_set

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
_APPROXIMATE: Final = word_set(
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


def finite(value: float | Decimal | Fraction) -> bool:
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
    if not finite(value):
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
