"""Text typed in the legacy TCVN3 (ABC) and VNI encodings: detected and repaired."""

from __future__ import annotations

import functools
import re
import string
import unicodedata
from collections.abc import Callable
from typing import Final, Literal

from danvan.text._syllables import COMPOSE, NANG, WORD_RE, parse_syllable

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
            _TCVN3_DECODE[chr(_code)] = COMPOSE[(_base, _tone, False)]
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
            if vowel == "y" and tone == NANG:
                continue
            _VNI_DECODE[case(base_char + mark)] = COMPOSE[(vowel, tone, upper)]
    for base_char, vowel in (("ô", "ơ"), ("ö", "ư")):
        _VNI_DECODE[case(base_char)] = COMPOSE[(vowel, 0, upper)]
        for tone, mark in enumerate(_VNI_TONES, start=1):
            _VNI_DECODE[case(base_char + mark)] = COMPOSE[(vowel, tone, upper)]
    for base_char, vowel in (("a", "â"), ("e", "ê"), ("o", "ô")):
        for tone, mark in enumerate(_VNI_CIRCUMFLEX):
            _VNI_DECODE[case(base_char + mark)] = COMPOSE[(vowel, tone, upper)]
    for tone, mark in enumerate(_VNI_BREVE):
        _VNI_DECODE[case("a" + mark)] = COMPOSE[("ă", tone, upper)]
    for tone, mark in enumerate(_VNI_I, start=1):
        if mark not in "ìí":
            _VNI_DECODE[case(mark)] = COMPOSE[("i", tone, upper)]
    _VNI_DECODE[case(_VNI_Y_NANG)] = COMPOSE[("y", NANG, upper)]
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
    words = WORD_RE.findall(text)
    if not words:
        return False
    for word in words:
        syllable = parse_syllable(word)
        if syllable is None or not syllable.is_well_formed():
            return False
    return True


_EDGE_PUNCT: Final = string.punctuation + string.digits + "“”‘’…–—"


@functools.lru_cache(maxsize=65536)
def is_plain_word(word: str) -> bool:
    """Whether ``word`` (NFC), edge punctuation aside, is ASCII or a Vietnamese syllable.

    Such a word cannot be legacy-font mojibake, so callers with many words can
    skip the costlier ``detect_legacy_encoding`` for it. Cached: the same words
    come back in every row.
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
