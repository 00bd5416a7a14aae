"""The fold of names and headers: one chain of keys, each coarser than the one before."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from danvan.text import bare_key, header_key, name_key, normalize

#: Vietnamese letters in both tone placements, marks on their own, punctuation and odd spaces.
pieces = st.sampled_from(
    [
        *"aAăâeêioôơuưyđĐhHnNtTẬ ()_-.,/\t\u00a0\u3000\u0300\u0301\u0303\u0309\u0323",
        *["oà", "òa", "ủy", "uỷ", "Hoà", "hòa"],
    ]
)
vietnamese = st.lists(pieces, max_size=12).map("".join)
any_text = vietnamese | st.text(max_size=20)


def test_headers_are_matched_whatever_their_case_marks_spacing_and_punctuation() -> None:
    assert header_key("Số tiền (đồng)") == header_key("so  tien dong") == "so tien dong"
    assert header_key("Mã_đơn-vị") == header_key("MA DON VI")
    assert header_key("Hoà bình") == header_key("Hòa Bình") == header_key("hoa binh")


def test_names_keep_their_punctuation_and_marks_where_headers_drop_them() -> None:
    assert name_key("Mốc 4") != name_key("Moc (4)")
    assert header_key("Mốc 4") == header_key("Moc (4)")


@given(any_text)
def test_the_header_key_of_a_name_key_is_the_header_key(text: str) -> None:
    """``header_key`` is coarser than ``name_key``: it can start from either."""
    assert header_key(name_key(text)) == header_key(text)


@given(any_text, any_text)
def test_names_with_one_key_have_one_header_key(a: str, b: str) -> None:
    if name_key(a) == name_key(b):
        assert header_key(a) == header_key(b)
    if bare_key(name_key(a)) == bare_key(name_key(b)):
        assert header_key(a) == header_key(b)


@given(any_text)
def test_folding_twice_is_folding_once(text: str) -> None:
    key = header_key(text)
    assert header_key(key) == key
    assert name_key(name_key(text)) == name_key(text)


@given(any_text)
def test_the_normal_form_does_not_change_any_key(text: str) -> None:
    """Tone placement, NFC and spacing are what ``normalize`` fixes and every key ignores."""
    assert name_key(normalize(text)) == name_key(text)
    assert header_key(normalize(text)) == header_key(text)
