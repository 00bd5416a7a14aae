"""Vietnamese letters and syllables: tone marks put back where the orthography puts them."""

from __future__ import annotations

import functools
import re
import unicodedata
from typing import Final

#: Tone marks in Vietnamese collation order: ngang (none), huyền, hỏi, ngã, sắc, nặng.
TONE_MARKS: Final = ("", "\u0300", "\u0309", "\u0303", "\u0301", "\u0323")
_SAC: Final = 4
NANG: Final = 5
BASE_VOWELS: Final = "aăâeêioôơuưy"
_MODIFIED_VOWELS: Final = frozenset("ăâêôơư")

#: toned vowel character -> (lowercase base vowel, tone index, is upper case)
_VOWELS: dict[str, tuple[str, int, bool]] = {}
#: (lowercase base vowel, tone index, is upper case) -> character
COMPOSE: dict[tuple[str, int, bool], str] = {}
for _base in BASE_VOWELS:
    for _tone, _mark in enumerate(TONE_MARKS):
        for _upper in (False, True):
            _char = unicodedata.normalize("NFC", (_base.upper() if _upper else _base) + _mark)
            _VOWELS[_char] = (_base, _tone, _upper)
            COMPOSE[(_base, _tone, _upper)] = _char

_CONSONANTS: Final = frozenset("bcdđfghjklmnpqrstvwxz")


def word_set(text: str) -> frozenset[str]:
    return frozenset(text.split())


_ONSETS: Final = word_set(
    "ngh ng nh ch gh gi kh ph th tr qu b c d đ g h k l m n p r s t v x f j w z"
)
_ONSETS_WITH_NONE: Final = _ONSETS | {""}
_CODAS: Final = word_set("c ch m n ng nh p t") | {""}
_STOP_CODAS: Final = word_set("c ch p t")
_OPEN_ONLY: Final = word_set(
    "ai ao au ay âu ây eo êu ia iu oi ôi ơi ua ui ưa ưi ưu uơ "
    "iêu oai oao oay oeo uây uôi ươi ươu uya uyu yêu"
)
_CLOSED_ONLY: Final = word_set("ă â iê yê uô ươ uyê uâ oă")
_CLUSTERS: Final = word_set(
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
        return not (self.coda in _STOP_CODAS and self.tone not in (_SAC, NANG))


def parse_syllable(token: str) -> _Syllable | None:
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
    syllable = parse_syllable(word)
    if syllable is None or syllable.tone == 0:
        return word
    target = syllable.canonical_tone_index()
    if target == syllable.toned_at:
        return word
    out = []
    for k, (base, _tone, upper, original) in enumerate(syllable.chars):
        if k == target:
            out.append(COMPOSE[(base, syllable.tone, upper)])
        elif k == syllable.toned_at:
            out.append(COMPOSE[(base, 0, upper)])
        else:
            out.append(original)
    return "".join(out)


WORD_RE: Final = re.compile(r"(?:[^\W\d_]|[\u0300-\u036f])+")


def retone(nfc_text: str) -> str:
    if nfc_text.isascii():
        return nfc_text
    return WORD_RE.sub(lambda m: _retone_word(m.group()), nfc_text)


@functools.lru_cache(maxsize=65536)
def retone_token(token: str) -> str:
    """``retone`` of one space-free token; cached, as titles reuse a small vocabulary."""
    return retone(token)
