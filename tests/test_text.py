"""Examples and properties of danvan.text: normal form, collation, money, dates, mojibake."""

from __future__ import annotations

import datetime as dt
import random
import unicodedata
from decimal import Decimal
from typing import Any

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from danvan.text import (
    PARSE_ERRORS,
    NormalizationIssue,
    ValueParseError,
    collation_key,
    date_from_cell,
    detect_legacy_encoding,
    encode_legacy,
    fix_legacy,
    format_date,
    format_money,
    is_normalized,
    money_from_cell,
    normalization_issues,
    normalize,
    parse_date,
    parse_money,
    sort_vi,
)

# ---------------------------------------------------------------------------
# A generator of well-formed Vietnamese syllables
# ---------------------------------------------------------------------------

TONES = ("", "\u0300", "\u0309", "\u0303", "\u0301", "\u0323")
ONSETS = "b c ch d đ g gh gi h k kh l m n ng ngh nh p ph qu r s t th tr v x"
OPEN_NUCLEI = "a e ê i o ô ơ u ư y ai ao au ay âu ây eo êu ia iu oa oe oi ôi ơi ua ui uy ưa ưi ưu"
OPEN_NUCLEI += " iêu oai oay oeo uây uôi ươi ươu uya yêu"
CLOSED_NUCLEI = "a ă â e ê i o ô ơ u ư y iê uô ươ oa oă uâ uy uyê yê oe"
CODAS = ("c", "ch", "m", "n", "ng", "nh", "p", "t")


def _with_tone(letters: str, index: int, tone: int) -> str:
    chars = list(letters)
    chars[index] = unicodedata.normalize("NFC", chars[index] + TONES[tone])
    return "".join(chars)


@st.composite
def syllables(draw: st.DrawFn) -> str:
    """A well-formed syllable with its tone on any vowel of its nucleus."""
    onset = draw(st.sampled_from(["", *ONSETS.split()]))
    closed = draw(st.booleans())
    nucleus = draw(st.sampled_from((CLOSED_NUCLEI if closed else OPEN_NUCLEI).split()))
    coda = draw(st.sampled_from(CODAS)) if closed else ""
    if onset == "qu" and nucleus.startswith(("u", "ư", "o")):
        onset = "t"
    tone = draw(st.sampled_from([4, 5] if coda in ("c", "ch", "p", "t") else range(6)))
    index = draw(st.integers(0, len(nucleus) - 1))
    word = onset + _with_tone(nucleus, index, tone) + coda
    case = draw(st.sampled_from(["lower", "title", "upper"]))
    return {"lower": word, "title": word[:1].upper() + word[1:], "upper": word.upper()}[case]


def texts() -> st.SearchStrategy[str]:
    separators = st.sampled_from([" ", "  ", "\u00a0", "\t", "\n", " \u3000 "])
    return st.lists(st.tuples(syllables(), separators), min_size=1, max_size=5).map(
        lambda parts: "".join(word + sep for word, sep in parts)
    )


# ---------------------------------------------------------------------------
# Normal form
# ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("written", "normal"),
    [
        ("hoà", "hòa"),
        ("hòa", "hòa"),
        ("thuỷ", "thủy"),
        ("khoẻ", "khỏe"),
        ("qúy", "quý"),
        ("Hoà Bình", "Hòa Bình"),
        ("uỷ ban nhân dân", "ủy ban nhân dân"),
        ("ỦY BAN", "ỦY BAN"),
        ("UỶ BAN", "ỦY BAN"),
        ("gìa", "già"),
        ("giữa", "giữa"),
        ("quả", "quả"),
        ("hoàng", "hoàng"),
        ("hòang", "hoàng"),
        ("tóan", "toán"),
        ("tuấn", "tuấn"),
        ("ngòai", "ngoài"),
        ("khủyu", "khuỷu"),
        ("ngừơi", "người"),
        ("rựơu", "rượu"),
        ("muốn", "muốn"),
        ("mùa", "mùa"),
        ("mía", "mía"),
        ("thuở", "thuở"),
        ("  Nậm \u00a0 Pồ\t", "Nậm Pồ"),
        ("Thanh Hoá", "Thanh Hóa"),
        ("café naïve queue", "café naïve queue"),
        ("", ""),
    ],
)
def test_normalize_examples(written: str, normal: str) -> None:
    assert normalize(written) == normal
    assert normalize(unicodedata.normalize("NFD", written)) == normal


def test_normalize_keeps_capitals_where_they_were() -> None:
    assert normalize("HOÀ") == "HÒA"
    assert normalize("HoÀ") == "HòA"
    assert normalize("QÚY") == "QUÝ"


def test_normalization_issues_say_why() -> None:
    assert normalization_issues("Hòa Bình") == frozenset()
    assert normalization_issues("Hoà Bình") == {NormalizationIssue.TONE_PLACEMENT}
    assert normalization_issues(" Hòa  Bình") == {NormalizationIssue.WHITESPACE}
    nfd = unicodedata.normalize("NFD", "Hòa Bình")
    assert normalization_issues(nfd) == {NormalizationIssue.NFC}
    messy = unicodedata.normalize("NFD", "Hoà ")
    assert normalization_issues(messy) == {"nfc", "whitespace", "tone_placement"}
    assert is_normalized("Hòa Bình")
    assert not is_normalized("Hoà Bình")


@given(texts())
def test_normalize_is_idempotent(text: str) -> None:
    once = normalize(text)
    assert normalize(once) == once
    assert is_normalized(once)
    assert normalization_issues(once) == frozenset()


@given(texts())
def test_normalize_ignores_the_unicode_form(text: str) -> None:
    assert normalize(unicodedata.normalize("NFD", text)) == normalize(text)


@given(syllables(), st.data())
def test_tone_anywhere_in_the_nucleus_gives_one_spelling(word: str, data: st.DataObject) -> None:
    nfd = unicodedata.normalize("NFD", word)
    tone_marks = [ch for ch in nfd if ch in TONES[1:]]
    assume(tone_marks)
    bare = unicodedata.normalize("NFC", nfd.replace(tone_marks[0], ""))
    vowels = [
        i for i, ch in enumerate(bare) if unicodedata.normalize("NFD", ch)[0] in "aeiouyAEIOUY"
    ]
    index = data.draw(st.sampled_from(vowels))
    moved = _with_tone(bare, index, TONES.index(tone_marks[0]))
    assert normalize(moved) == normalize(word)


# ---------------------------------------------------------------------------
# Collation
# ---------------------------------------------------------------------------

#: Sorted as ICU 77's ``vi`` collator sorts them.
ICU_VI_ORDER = [
    "1",
    "a",
    "A",
    "à",
    "ả",
    "ã",
    "á",
    "ạ",
    "a b",
    "a-b",
    "aà",
    "àa",
    "ab",
    "aB",
    "Ab",
    "ă",
    "ằ",
    "â",
    "ậ",
    "b",
    "Chà Cang",
    "Chà Nưa",
    "d",
    "D",
    "đ",
    "Đ",
    "Điện Biên",
    "e",
    "ê",
    "f",
    "g",
    "h",
    "Hòa",
    "Huổi Hoi",
    "i",
    "k",
    "Mạy Hốc",
    "Mốc 4",
    "Mường Chà",
    "Nà Hỳ",
    "Nà Khoa",
    "Nà Sự",
    "Nậm Chua",
    "Nậm Nhừ",
    "Nậm Pồ",
    "Nậm Tin",
    "o",
    "ô",
    "ơ",
    "Pa Tần",
    "Phìn Hồ",
    "Si Pa Phìn",
    "u",
    "ư",
    "v",
    "Van Hồ",
    "w",
    "x",
    "y",
    "z",
]


def test_sort_matches_icu_vi_order() -> None:
    shuffled = ICU_VI_ORDER[:]
    random.Random(4).shuffle(shuffled)
    assert sort_vi(shuffled) == ICU_VI_ORDER


def test_sort_vi_takes_a_key_and_reverse() -> None:
    villages = [("03166", "Mường Chà"), ("03156", "Nậm Tin"), ("03187", "Chà Nưa")]
    assert sort_vi(villages, key=lambda v: v[1]) == [
        ("03187", "Chà Nưa"),
        ("03166", "Mường Chà"),
        ("03156", "Nậm Tin"),
    ]
    assert sort_vi(["a", "đ", "d"], reverse=True) == ["đ", "d", "a"]


def test_collation_key_sees_through_the_spelling() -> None:
    assert collation_key("hoà") == collation_key("hòa")
    assert collation_key(unicodedata.normalize("NFD", "Nậm Pồ")) == collation_key("Nậm Pồ")
    assert collation_key("") < collation_key("a")


def _sign(x: int) -> int:
    return (x > 0) - (x < 0)


@pytest.fixture(scope="module")
def icu_vi() -> Any:
    """ICU's Vietnamese collator, when PyICU is installed."""
    icu = pytest.importorskip("icu")
    return icu.Collator.createInstance(icu.Locale("vi"))


def test_the_hand_made_list_is_in_icu_order(icu_vi: Any) -> None:
    assert sorted(ICU_VI_ORDER, key=icu_vi.getSortKey) == ICU_VI_ORDER


@given(a=texts(), b=texts())
def test_collation_agrees_with_icu(icu_vi: Any, a: str, b: str) -> None:
    a, b = normalize(a), normalize(b)
    ours = _sign((collation_key(a) > collation_key(b)) - (collation_key(a) < collation_key(b)))
    assert ours == _sign(icu_vi.compare(a, b))


# ---------------------------------------------------------------------------
# Money
# ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("written", "amount"),
    [
        ("27.000.000", 27_000_000),
        ("27,000,000", 27_000_000),
        ("27 000 000", 27_000_000),
        ("27\u00a0000\u00a0000 đ", 27_000_000),
        ("27.000.000đ", 27_000_000),
        ("27.000.000 đ", 27_000_000),
        ("27.000.000 VNĐ", 27_000_000),
        ("27.000.000 vnd", 27_000_000),
        ("27.000.000 đồng", 27_000_000),
        ("27.000.000₫", 27_000_000),
        ("VND 27,000,000", 27_000_000),
        ("27 triệu", 27_000_000),
        ("27 triệu đồng", 27_000_000),
        ("27 TRIỆU ĐỒNG", 27_000_000),
        ("27tr", 27_000_000),
        ("1,2 tỷ", 1_200_000_000),
        ("1.5 tỷ", 1_500_000_000),
        ("1,2 tỉ", 1_200_000_000),
        ("500 nghìn", 500_000),
        ("500 ngàn", 500_000),
        ("500k", 500_000),
        ("2 tỷ 300 triệu", 2_300_000_000),
        ("2 tỷ 300 triệu 500 nghìn đồng", 2_300_500_000),
        ("2 triệu rưỡi", 2_500_000),
        ("1.234", 1_234),
        ("1.234.567 nghìn", 1_234_567_000),
        ("1.234,5 triệu", 1_234_500_000),
        ("27.000.000,00", 27_000_000),
        ("0", 0),
        ("150000", 150_000),
    ],
)
def test_parse_money_examples(written: str, amount: int) -> None:
    assert parse_money(written) == amount


@pytest.mark.parametrize(
    ("written", "code"),
    [
        ("", "money.empty"),
        ("   ", "money.empty"),
        ("1.234 triệu", "money.ambiguous"),
        ("1 tỷ 2", "money.ambiguous"),
        ("5 triệu 200", "money.ambiguous"),
        ("1,5", "money.fraction"),
        ("1.234,5", "money.fraction"),
        ("1,23456789 nghìn", "money.fraction"),
        ("khoảng 5 triệu", "money.approximate"),
        ("hơn 200 nghìn", "money.approximate"),
        ("~5 triệu", "money.approximate"),
        ("-5.000", "money.negative"),
        ("(5.000)", "money.negative"),
        ("năm triệu", "money.invalid"),
        ("1.23.456", "money.invalid"),
        ("1.000,000.5", "money.invalid"),
        ("2 tỷ 1200 triệu", "money.invalid"),
        ("300 triệu 2 tỷ", "money.invalid"),
        ("5 USD", "money.invalid"),
        ("27.000.000 đ/tháng", "money.invalid"),
    ],
)
def test_parse_money_refuses_to_guess(written: str, code: str) -> None:
    with pytest.raises(ValueParseError) as caught:
        parse_money(written)
    assert caught.value.code == code
    assert caught.value.value == written


@given(st.integers(min_value=0, max_value=10**15))
def test_money_round_trip(amount: int) -> None:
    assert parse_money(format_money(amount)) == amount
    assert parse_money(format_money(amount, currency=True)) == amount


def test_format_money() -> None:
    assert format_money(27_000_000) == "27.000.000"
    assert format_money(27_000_000, currency=True) == "27.000.000 đ"
    assert format_money(0) == "0"
    with pytest.raises(ValueError, match="non-negative"):
        format_money(-1)


@given(st.integers(min_value=1, max_value=999), st.sampled_from(["nghìn", "triệu", "tỷ"]))
def test_money_with_a_multiplier_word(n: int, word: str) -> None:
    scale = {"nghìn": 1_000, "triệu": 1_000_000, "tỷ": 1_000_000_000}[word]
    assert parse_money(f"{n} {word} đồng") == n * scale


@pytest.mark.parametrize(
    ("cell", "amount"),
    [
        (27_000_000, 27_000_000),
        (27_000_000.0, 27_000_000),
        (Decimal("1200"), 1200),
        ("1,2 tỷ", 1_200_000_000),
    ],
)
def test_money_from_cell(cell: object, amount: int) -> None:
    assert money_from_cell(cell) == amount


@pytest.mark.parametrize(
    ("cell", "code"),
    [
        (None, "money.empty"),
        (27.5, "money.fraction"),
        (-3, "money.negative"),
        (True, "money.invalid"),
        (float("nan"), "money.invalid"),
        (float("inf"), "money.invalid"),
        ([1], "money.invalid"),
    ],
)
def test_money_from_cell_errors(cell: object, code: str) -> None:
    with pytest.raises(ValueParseError) as caught:
        money_from_cell(cell)
    assert caught.value.code == code


# ---------------------------------------------------------------------------
# Dates
# ---------------------------------------------------------------------------

FEB_24 = dt.date(2022, 2, 24)


@pytest.mark.parametrize(
    "written",
    [
        "24/02/2022",
        "24-02-2022",
        "24.02.2022",
        "24/2/2022",
        " 24 / 02 / 2022 ",
        "ngày 24 tháng 02 năm 2022",
        "Ngày 24 tháng 2 năm 2022",
        "NGÀY 24 THÁNG 02 NĂM 2022",
        "24 tháng 2 năm 2022",
        "ngày 24/02/2022",
        "2022-02-24",
        "2022/02/24",
    ],
)
def test_parse_date_examples(written: str) -> None:
    assert parse_date(written) == FEB_24
    assert parse_date(unicodedata.normalize("NFD", written)) == FEB_24


@pytest.mark.parametrize(
    ("written", "code"),
    [
        ("", "date.empty"),
        ("30/02/2022", "date.impossible"),
        ("02/24/2022", "date.impossible"),
        ("2022-02-30", "date.impossible"),
        ("29/02/2023", "date.impossible"),
        ("24/02/22", "date.ambiguous"),
        ("24/02-2022", "date.invalid"),
        ("24/02/20222", "date.invalid"),
        ("tháng 02/2022", "date.invalid"),
        ("hôm qua", "date.invalid"),
    ],
)
def test_parse_date_refuses_to_guess(written: str, code: str) -> None:
    with pytest.raises(ValueParseError) as caught:
        parse_date(written)
    assert caught.value.code == code


def test_month_first_dates_get_a_hint() -> None:
    with pytest.raises(ValueParseError, match="day comes before the month"):
        parse_date("02/24/2022")


@given(st.dates())
def test_date_round_trip(day: dt.date) -> None:
    assert format_date(day) == day.strftime("%d/%m/") + f"{day.year:04d}"
    assert parse_date(format_date(day)) == day


def test_format_date() -> None:
    assert format_date(FEB_24) == "24/02/2022"


@pytest.mark.parametrize(
    ("cell", "day"),
    [
        (44616, FEB_24),
        (44616.0, FEB_24),
        (Decimal(44616), FEB_24),
        (1, dt.date(1900, 1, 1)),
        (59, dt.date(1900, 2, 28)),
        (61, dt.date(1900, 3, 1)),
        (dt.datetime(2022, 2, 24), FEB_24),
        (FEB_24, FEB_24),
        ("24/02/2022", FEB_24),
    ],
)
def test_date_from_cell(cell: object, day: dt.date) -> None:
    assert date_from_cell(cell) == day


def test_date_from_cell_in_the_1904_system() -> None:
    assert date_from_cell(0, date1904=True) == dt.date(1904, 1, 1)
    assert date_from_cell(44616 - 1462, date1904=True) == FEB_24


@pytest.mark.parametrize(
    ("cell", "code"),
    [
        (None, "date.empty"),
        (60, "date.impossible"),
        (0, "date.out_of_range"),
        (2_958_466, "date.out_of_range"),
        (44616.5, "date.time_of_day"),
        (dt.datetime(2022, 2, 24, 9, 30), "date.time_of_day"),
        (True, "date.invalid"),
        (float("nan"), "date.invalid"),
    ],
)
def test_date_from_cell_errors(cell: object, code: str) -> None:
    with pytest.raises(ValueParseError) as caught:
        date_from_cell(cell)
    assert caught.value.code == code


@given(st.dates(min_value=dt.date(1900, 3, 1)))
def test_excel_serial_round_trip(day: dt.date) -> None:
    serial = (day - dt.date(1899, 12, 30)).days
    assert date_from_cell(serial) == day
    assert date_from_cell(float(serial)) == day


# ---------------------------------------------------------------------------
# Errors
# ---------------------------------------------------------------------------


def test_errors_carry_code_value_and_both_languages() -> None:
    with pytest.raises(ValueParseError) as caught:
        parse_money("khoảng 5 triệu")
    err = caught.value
    assert isinstance(err, ValueError)
    assert err.code == "money.approximate"
    assert err.value == "khoảng 5 triệu"
    assert err.message_vi.startswith("Số tiền 'khoảng 5 triệu'")
    assert err.message_en.startswith("The money amount 'khoảng 5 triệu'")
    assert str(err) == f"{err.message_vi} / {err.message_en}"


def test_every_error_code_has_both_messages() -> None:
    for code, (vi, en) in PARSE_ERRORS.items():
        assert code.split(".")[0] in {"money", "date"}
        assert vi
        assert en


# ---------------------------------------------------------------------------
# Legacy encodings
# ---------------------------------------------------------------------------

PHRASES = ["Tổ Dân vận", "Nậm Pồ", "Điện Biên", "Việt Nam", "Hà Nội", "Nguyễn", "người"]


@pytest.mark.parametrize(
    ("mojibake", "encoding", "fixed"),
    [
        ("Vieät Nam", "VNI", "Việt Nam"),
        ("Nguyeãn", "VNI", "Nguyễn"),
        ("Haø Noäi", "VNI", "Hà Nội"),
        ("Toå Daân vaän", "VNI", "Tổ Dân vận"),
        ("Naäm Poà", "VNI", "Nậm Pồ"),
        ("Ñieän Bieân", "VNI", "Điện Biên"),
        ("NGÖÔØI DAÂN", "VNI", "NGƯỜI DÂN"),
        ("ViÖt Nam", "TCVN3", "Việt Nam"),
        ("Hµ Néi", "TCVN3", "Hà Nội"),
        ("NguyÔn", "TCVN3", "Nguyễn"),
        ("Tæ D©n vËn", "TCVN3", "Tổ Dân vận"),
        ("NËm På", "TCVN3", "Nậm Pồ"),
        ("§iÖn Biªn", "TCVN3", "Điện Biên"),
        ("Ng\u00adêi", "TCVN3", "Người"),
    ],
)
def test_legacy_text_is_detected_and_fixed(mojibake: str, encoding: str, fixed: str) -> None:
    assert detect_legacy_encoding(mojibake) == encoding
    assert detect_legacy_encoding(normalize(mojibake)) == encoding
    assert fix_legacy(mojibake, encoding) == fixed  # type: ignore[arg-type]


@pytest.mark.parametrize("encoding", ["TCVN3", "VNI"])
@pytest.mark.parametrize("phrase", PHRASES)
def test_encode_legacy_is_undone_by_fix_legacy(phrase: str, encoding: str) -> None:
    mojibake = encode_legacy(phrase.lower(), encoding)  # type: ignore[arg-type]
    assert mojibake != phrase.lower()
    assert fix_legacy(mojibake, encoding) == phrase.lower()  # type: ignore[arg-type]


@pytest.mark.parametrize("encoding", ["TCVN3", "VNI"])
def test_a_whole_sentence_in_a_legacy_font(encoding: str) -> None:
    sentence = "Tổ Dân vận bản Mốc 4 đã tổ chức họp, tuyên truyền về bảo vệ rừng"
    mojibake = encode_legacy(sentence, encoding)  # type: ignore[arg-type]
    assert detect_legacy_encoding(mojibake) == encoding
    assert fix_legacy(mojibake, encoding) == sentence  # type: ignore[arg-type]


@given(texts())
def test_vni_round_trip(text: str) -> None:
    text = normalize(text)
    assert fix_legacy(encode_legacy(text, "VNI"), "VNI") == text


@given(texts())
def test_tcvn3_round_trip_in_lower_case(text: str) -> None:
    text = normalize(text).lower()
    assert fix_legacy(encode_legacy(text, "TCVN3"), "TCVN3") == text


@pytest.mark.parametrize(
    "text",
    [
        "Tổ Dân vận bản Mốc 4, xã Nậm Tin, huyện Nậm Pồ, tỉnh Điện Biên",
        "Hoàng Thị Mai ở Hà Nội, mê tô, Hồng, Tô, Hoà, ủy ban",
        "Où est Loïc ? C'est là où il a été.",
        "Noël à Zaïre, naïve café crème brûlée, coût, goût, août",
        "Köln ist schön; Straße, Größe, Mädchen, Ærø, São João",
        "27.000.000 đồng © 2022 Microsoft® – “quoted” …",
        "The quick brown fox jumps over the lazy dog",
        "",
    ],
)
def test_no_false_alarm_on_real_text(text: str) -> None:
    assert detect_legacy_encoding(text) is None


@given(texts())
def test_no_false_alarm_on_vietnamese_unicode(text: str) -> None:
    assert detect_legacy_encoding(normalize(text)) is None
    assert detect_legacy_encoding(text) is None


def test_unknown_legacy_encoding_is_an_error() -> None:
    with pytest.raises(ValueError, match="unknown legacy encoding"):
        fix_legacy("x", "VISCII")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="unknown legacy encoding"):
        encode_legacy("x", "VISCII")  # type: ignore[arg-type]
