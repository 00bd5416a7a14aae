"""Vietnamese alphabetical order: a, ă, â, b … đ after d, tones after letters."""

from __future__ import annotations

import string
import unicodedata
from collections.abc import Callable, Iterable
from typing import Final, TypeVar

from danvan.text._normal import normalize
from danvan.text._syllables import BASE_VOWELS, COMPOSE, TONE_MARKS

T = TypeVar("T")


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
    if _letter in BASE_VOWELS:
        for (_base, _tone, _upper), _char in COMPOSE.items():
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
            TONE_MARKS.index(marks) if marks in TONE_MARKS else _W_OTHER_MARK + ord(marks[0])
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
