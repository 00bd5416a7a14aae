"""Finding codes, DV5xx: text."""

from __future__ import annotations

from danvan.findings._finding import Severity, declare
from danvan.labels import Label

ERROR, WARNING, INFO = Severity.ERROR, Severity.WARNING, Severity.INFO

NOT_NFC = declare(
    "DV501",
    INFO,
    Label("Văn bản chưa chuẩn NFC", "Text not in NFC"),
    Label(
        "Trường “{field}” chưa ở dạng Unicode NFC (đã chuẩn hóa khi đọc): {before!r}",
        "Field {field} was not in Unicode NFC (normalised on load): {before!r}",
    ),
    "A text arrived decomposed (NFD) or otherwise not in NFC; it is normalised on load, so two "
    "spellings of one name stay one name.",
    ["text"],
)
TONE_PLACEMENT = declare(
    "DV502",
    INFO,
    Label("Vị trí dấu thanh không chuẩn", "Non-canonical tone mark placement"),
    Label(
        "Trường “{field}” đặt dấu thanh kiểu khác ({before!r} → {after!r}), đã chuẩn hóa khi đọc",
        "Field {field} placed its tone marks another way ({before!r} → {after!r}); normalised "
        "on load",
    ),
    "A text used another tone-mark placement (hoà / hòa); it is rewritten in the canonical one "
    "on load.",
    ["text"],
)
EXTRA_SPACE = declare(
    "DV503",
    INFO,
    Label("Khoảng trắng thừa", "Extra white space"),
    Label(
        "Trường “{field}” có khoảng trắng thừa ở đầu, cuối hoặc giữa ({before!r}), đã bỏ khi đọc",
        "Field {field} had white space at its ends or doubled inside ({before!r}); removed on load",
    ),
    "Spaces at the ends of a text, or several in a row, are dropped on load so that "
    "'Nậm  Tin ' and 'Nậm Tin' are one name.",
    ["text"],
)

CONTROL_CHARACTER = declare(
    "DV504",
    WARNING,
    Label("Ký tự điều khiển trong văn bản", "Control character in text"),
    Label(
        "Trường “{field}” có ký tự điều khiển (NUL hoặc tương tự) {before!r}; đã bỏ khi đọc: "
        "{after!r}",
        "Field {field} held a control character (NUL or the like) {before!r}; removed on load: "
        "{after!r}",
    ),
    "A text held a NUL or another C0 control character (tab, line feed and carriage return "
    "aside): invisible, and no spreadsheet can hold it. It is removed on load, never kept "
    "silently; check the file that produced it.",
    ["text", "import"],
)
