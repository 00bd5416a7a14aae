"""Finding codes, DV600-DV619: importing files (spreadsheets, CSV, Data Packages, JSON)."""

from __future__ import annotations

from danvan.findings._finding import Severity, declare
from danvan.labels import Label

ERROR, WARNING, INFO = Severity.ERROR, Severity.WARNING, Severity.INFO

UNREADABLE_FILE = declare(
    "DV601",
    ERROR,
    Label("Không đọc được tệp", "File cannot be read"),
    Label(
        "Không đọc được tệp {source}: {detail}",
        "The file {source} cannot be read: {detail}",
    ),
    "A file is missing, truncated, corrupt (a workbook or zip that does not open), or not in "
    "the format its suffix claims; nothing of it is imported, the other files still are.",
    ["import"],
)
UNKNOWN_FORMAT = declare(
    "DV602",
    ERROR,
    Label("Định dạng tệp không hỗ trợ", "Unknown file format"),
    Label(
        "Không biết đọc tệp {source}; các định dạng đọc được: {known}",
        "No importer reads {source}; known formats: {known}",
    ),
    "No importer claims the file's suffix; the message lists the formats that can be read.",
    ["import"],
)
UNKNOWN_SHEET = declare(
    "DV603",
    WARNING,
    Label("Trang tính không xác định", "Unknown sheet"),
    Label(
        "Trang tính hoặc bảng {sheet} không khớp bảng nào của danvan nên bị bỏ qua",
        "Sheet or table {sheet} matches no danvan table and is ignored",
    ),
    "A sheet (or CSV file, or Data Package resource) whose name and headers match none of "
    "the tables of the layout; its rows are not imported.",
    ["import"],
)
UNKNOWN_COLUMN = declare(
    "DV604",
    WARNING,
    Label("Cột không xác định", "Unknown column"),
    Label(
        "Cột {column} không có trong bảng {table} nên bị bỏ qua",
        "Column {column} is not part of table {table} and is ignored",
    ),
    "A header that matches no column of the table, in Vietnamese, English or the machine "
    "name (case, spacing and diacritics aside); often a misspelt header.",
    ["import"],
)
MISSING_COLUMN = declare(
    "DV605",
    ERROR,
    Label("Thiếu cột bắt buộc", "Required column missing"),
    Label(
        "Bảng {table} thiếu cột bắt buộc “{column}”; không nhập được bảng này",
        "Table {table} lacks the required column {column}; the table is not imported",
    ),
    "A table without one of its required columns (an activity sheet without a date column); "
    "none of its rows can be imported.",
    ["import"],
)
DUPLICATE_COLUMN = declare(
    "DV606",
    WARNING,
    Label("Cột bị lặp", "Duplicate column"),
    Label(
        "Cột {column} lặp lại cột {field}; chỉ cột đầu tiên được dùng",
        "Column {column} repeats column {field}; only the first is used",
    ),
    "Two headers of one table name the same column; the later one is ignored.",
    ["import"],
)
EMPTY_SHEET = declare(
    "DV607",
    INFO,
    Label("Trang tính trống", "Empty sheet"),
    Label("Trang tính {sheet} không có dữ liệu", "Sheet {sheet} holds no data"),
    "A sheet or CSV file without a header row; nothing to import from it.",
    ["import"],
)
EXCEL_ERROR = declare(
    "DV608",
    ERROR,
    Label("Ô báo lỗi Excel", "Excel error cell"),
    Label(
        "Ô {cell} ({column}) hiện lỗi Excel {error}, không có giá trị; "
        "sửa công thức hoặc nhập lại giá trị",
        "Cell {cell} ({column}) shows the Excel error {error} and holds no value; "
        "fix the formula or type the value again",
    ),
    "A cell that Excel shows as an error (`#DIV/0!`, `#N/A`, `#VALUE!`, `#REF!`, `#NAME?`, "
    "`#NUM!`, `#NULL!`): a formula that failed, or an error typed or pasted in. It is never "
    "read as an empty cell; a required field makes the row skipped.",
    ["import"],
)
CODE_ZEROS_RESTORED = declare(
    "DV609",
    WARNING,
    Label("Mã hành chính mất số 0 ở đầu", "Unit code lost its leading zeros"),
    Label(
        "Mã {level_vi} được nhập thành số {typed}; mã cấp {level_vi} có {width} chữ số nên "
        "đã đọc là {restored} (Excel bỏ số 0 ở đầu khi ô không định dạng văn bản)",
        "The {level_en} code was typed as the number {typed}; {level_en} codes have {width} "
        "digits, so it was read as {restored} (Excel drops leading zeros unless the cell is "
        "formatted as text)",
    ),
    "An official unit code typed as a number, so that Excel dropped its leading zeros "
    "(`3156` for `03156`). The level's width (province 2, district 3, commune 5 digits) "
    "says how many zeros were lost; they are restored. Format the column as text (the "
    "template does) so that the code is kept as typed.",
    ["import", "hierarchy"],
)
BAD_CELL = declare(
    "DV610",
    ERROR,
    Label("Ô không đọc được", "Cell cannot be read"),
    Label(
        "Ô {column} không đọc được: {detail_vi}",
        "Cell {column} cannot be read: {detail_en}",
    ),
    "A cell whose value does not fit its column: text in a number column, a date that does "
    "not exist or could be read two ways, money written ambiguously or approximately, an "
    "unknown level or role. Never guessed; a required field makes the row skipped.",
    ["import"],
)
MISSING_VALUE = declare(
    "DV611",
    ERROR,
    Label("Thiếu giá trị bắt buộc", "Required value missing"),
    Label(
        "Ô {column} trống nhưng bắt buộc; dòng này không được nhập",
        "Cell {column} is empty but required; the row is not imported",
    ),
    "An id, a reference or a date that a record cannot do without is empty.",
    ["import"],
)
LEGACY_ENCODING = declare(
    "DV612",
    WARNING,
    Label("Văn bản gõ bằng bảng mã cũ", "Legacy-encoded text"),
    Label(
        "Ô {column} có vẻ gõ bằng bảng mã {encoding}: {value!r} có lẽ là {suggestion!r}",
        "Cell {column} looks typed in {encoding}: {value!r} is probably {suggestion!r}",
    ),
    "Text typed with a TCVN3 (ABC) or VNI font and saved without conversion to Unicode "
    "(mojibake such as `Hµ Néi`). The text is imported as it is; convert the file to Unicode "
    "(e.g. with Unikey's converter) and import it again.",
    ["import", "text"],
)
ORPHAN_ROW = declare(
    "DV613",
    ERROR,
    Label("Dòng không có bản ghi cha", "Row without its record"),
    Label(
        "Dòng trỏ tới {target_kind} {target} không có trong dữ liệu nhập; dòng bị bỏ qua",
        "The row refers to {target_kind} {target}, which was not imported; the row is skipped",
    ),
    "A row of a detail table (a quantity or funding of an activity, a village of a team) "
    "whose activity or team id is in no imported row.",
    ["import", "reference"],
)
BAD_UNIT_CODE = declare(
    "DV617",
    ERROR,
    Label("Mã hành chính sai độ dài", "Unit code of the wrong form"),
    Label(
        "Mã {typed!r} không phải mã cấp {level_vi}: cần đúng {width} chữ số",
        "{typed!r} is not a {level_en} code: it needs exactly {width} digits",
    ),
    "An official unit code that is not its level's number of digits (province 2, district "
    "3, commune 5), or holds other characters. It is kept as typed and never guessed: a "
    "code with a digit too many or too few could name another unit.",
    ["import", "hierarchy"],
)
NOT_UTF8 = declare(
    "DV614",
    WARNING,
    Label("Tệp không mã hóa UTF-8", "File is not UTF-8"),
    Label(
        "Tệp {source} không phải UTF-8; đã đọc theo bảng mã {encoding}",
        "The file {source} is not UTF-8; it was read as {encoding}",
    ),
    "A CSV file saved in a Windows code page instead of UTF-8; check its Vietnamese text.",
    ["import", "text"],
)
NO_TABLES = declare(
    "DV615",
    WARNING,
    Label("Tệp không có bảng nào", "No table in the file"),
    Label(
        "Tệp {source} không có bảng nào của danvan",
        "The file {source} holds no danvan table",
    ),
    "A file that opened but in which no sheet or table matched the layout.",
    ["import"],
)
NO_RECORDS = declare(
    "DV616",
    WARNING,
    Label("Tệp không có bản ghi nào", "No record in the file"),
    Label(
        "Tệp {source} đọc được nhưng không có bản ghi nào (chỉ có tiêu đề?)",
        "The file {source} was read but holds no record (headers only?)",
    ),
    "A file that gives no unit, organisation, member, team, membership, activity or "
    "succession (an empty template sent by mistake, rows written above their header, a "
    "document of catalogue entries only): nothing of the teams' work is in it, and it says "
    "so rather than passing in silence.",
    ["import"],
)
