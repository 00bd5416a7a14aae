"""The stable codes of text that cannot be read, and the error that carries one."""

from __future__ import annotations

from typing import Final

from danvan.errors import DanvanError

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


class ValueParseError(DanvanError, ValueError):
    """A value that could not be read exactly; ``code`` is a key of :data:`PARSE_ERRORS`."""

    def __init__(self, code: str, value: object, detail_vi: str = "", detail_en: str = "") -> None:
        template_vi, template_en = PARSE_ERRORS[code]
        shown = repr(value)
        self.code = code
        self.value = value
        self.message_vi = template_vi.format(value=shown) + (f": {detail_vi}" if detail_vi else "")
        self.message_en = template_en.format(value=shown) + (f": {detail_en}" if detail_en else "")
        super().__init__(f"{self.message_vi} / {self.message_en}")
