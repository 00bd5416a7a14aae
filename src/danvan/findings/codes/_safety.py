"""Finding codes, DV620-DV639: what an input may cost, and files that are not what they seem."""

from __future__ import annotations

from danvan.findings._finding import Severity, declare
from danvan.labels import Label

ERROR, WARNING, INFO = Severity.ERROR, Severity.WARNING, Severity.INFO

ARCHIVE_TOO_LARGE = declare(
    "DV620",
    ERROR,
    Label("Tệp nén giải nén quá lớn", "Archive inflates too much"),
    Label(
        "Tệp {source}: {member} giải nén ra hơn {limit} byte (giới hạn {setting}); "
        "tệp không được đọc",
        "The file {source}: {member} inflates to more than {limit} bytes (limit {setting}); "
        "the file is not read",
    ),
    "A member of a zip archive (a workbook is one) inflates beyond `max_member_bytes`, or all "
    "members together beyond `max_archive_bytes`. Sizes are measured by inflating with a cap, "
    "never taken from the archive's headers alone.",
    ["import", "limit"],
)
ARCHIVE_RATIO = declare(
    "DV621",
    ERROR,
    Label("Tệp nén bất thường (bom nén)", "Archive member inflates too many times"),
    Label(
        "Tệp {source}: {member} giải nén ra hơn {limit} lần kích thước nén (giới hạn "
        "max_inflate_ratio); tệp không được đọc",
        "The file {source}: {member} inflates more than {limit} times its compressed size "
        "(limit max_inflate_ratio); the file is not read",
    ),
    "A zip member that inflates more than `max_inflate_ratio` times (100 by default, as "
    "Apache POI) once past 100 KB: the mark of a zip bomb, not of a report.",
    ["import", "limit"],
)
EMPTY_ARCHIVE = declare(
    "DV622",
    ERROR,
    Label("Tệp nén trống", "Empty archive"),
    Label(
        "Tệp nén {source} không chứa tệp nào",
        "The archive {source} holds no file",
    ),
    "A zip archive (workbook or Data Package) without a single member: nothing to import.",
    ["import"],
)
DUPLICATE_MEMBER = declare(
    "DV623",
    ERROR,
    Label("Tệp nén có thành phần trùng tên", "Duplicate archive member"),
    Label(
        "Tệp nén {source} chứa hai lần {member}; tệp không được đọc vì không biết bản nào đúng",
        "The archive {source} holds {member} twice; the file is not read, as which one "
        "counts is unclear",
    ),
    "Two members of one zip archive with the same name: readers disagree on which one they "
    "take, so none is.",
    ["import"],
)
SHEET_TOO_LARGE = declare(
    "DV624",
    ERROR,
    Label("Trang tính vượt giới hạn", "Sheet beyond the limits"),
    Label(
        "Tệp {source}: {what} là {value}, vượt giới hạn {limit} ({setting}); không được đọc",
        "The file {source}: {what} is {value}, over the limit of {limit} ({setting}); not read",
    ),
    "A sheet (or its declarations: the dimension, the shared-strings count, a cell reference) "
    "beyond `max_rows`, `max_columns` or `max_cells`; such a sheet would make the reader "
    "allocate without bound.",
    ["import", "limit"],
)
TEXT_TOO_LONG = declare(
    "DV625",
    ERROR,
    Label("Văn bản trong ô quá dài", "Cell text too long"),
    Label(
        "Ô {column} có {length} ký tự, vượt giới hạn {limit} (max_text_length); "
        "giá trị không được nhập",
        "Cell {column} holds {length} characters, over the limit of {limit} "
        "(max_text_length); the value is not imported",
    ),
    "A text cell longer than `max_text_length` (32,767 by default: what an Excel cell can "
    "hold). The value is never cut; a required field makes the row skipped.",
    ["import", "limit"],
)
TOO_DEEP = declare(
    "DV626",
    ERROR,
    Label("JSON lồng quá sâu", "JSON nested too deep"),
    Label(
        "Tệp {source} lồng sâu {depth} tầng, vượt giới hạn {limit} (max_json_depth); "
        "tệp không được đọc",
        "The file {source} nests {depth} levels deep, over the limit of {limit} "
        "(max_json_depth); the file is not read",
    ),
    "A JSON document nested deeper than `max_json_depth`; danvan's documents need a handful "
    "of levels.",
    ["import", "limit"],
)
READER_FAILED = declare(
    "DV627",
    ERROR,
    Label("Trình đọc tệp bị dừng", "The file's reader was stopped"),
    Label(
        "Không đọc được tệp {source}: {detail}; các tệp khác vẫn được đọc",
        "The file {source} could not be read: {detail}; the other files are still read",
    ),
    "The reader of a format in native code (XLSX) runs in a separate process with a memory "
    "limit (`worker_memory`) and a time limit (`worker_timeout`); it ran out of one, or "
    "aborted. Only this file is lost.",
    ["import", "limit"],
)
MORE_FINDINGS = declare(
    "DV628",
    WARNING,
    Label("Còn nhiều phát hiện cùng loại", "More findings of one code"),
    Label(
        "Tệp {source} còn {count} phát hiện {kind} nữa không được liệt kê "
        "(giới hạn {limit} mỗi mã mỗi tệp, max_findings_per_code)",
        "The file {source} has {count} more {kind} findings, not listed "
        "(limit of {limit} per code per file, max_findings_per_code)",
    ),
    "One file gave more findings of one code than `max_findings_per_code`; the first ones "
    "are listed and this one counts the rest.",
    ["import", "limit"],
)
NOT_REGULAR_FILE = declare(
    "DV630",
    WARNING,
    Label("Không phải tệp thường", "Not a regular file"),
    Label(
        "{source} là {kind_vi}, không phải tệp thường; bỏ qua, không mở",
        "{source} is a {kind_en}, not a regular file; skipped without opening it",
    ),
    "A named pipe, device or socket where a file was expected (in a folder, or named "
    "explicitly): reading it could block the run or touch a device, so it is never opened.",
    ["import"],
)
LINK_OUTSIDE = declare(
    "DV631",
    WARNING,
    Label("Liên kết ra ngoài thư mục", "Link out of the folder"),
    Label(
        "{source} là liên kết tượng trưng tới {target}, nằm ngoài thư mục {folder}; bỏ qua",
        "{source} is a symbolic link to {target}, outside the folder {folder}; skipped",
    ),
    "Reading a folder reads only what is inside it: a symbolic link whose target resolves "
    "outside the folder (or nowhere) is skipped. A link to a file inside the folder is read "
    "as that file (once, however many links name it).",
    ["import"],
)
EMPTY_FILE = declare(
    "DV632",
    ERROR,
    Label("Tệp rỗng", "Empty file"),
    Label(
        "Tệp {source} rỗng (0 byte, hoặc chỉ có BOM/khoảng trắng); không có gì để nhập",
        "The file {source} is empty (0 bytes, or only a byte-order mark or white space); "
        "nothing to import",
    ),
    "A CSV or JSON file with no content at all: often a failed download or a save that did "
    "not finish.",
    ["import"],
)
UNCLOSED_QUOTE = declare(
    "DV633",
    ERROR,
    Label("Dấu ngoặc kép không đóng", "Quote left open"),
    Label(
        "Dòng {row} (dòng văn bản {line}): dấu ngoặc kép mở mà không đóng đúng chỗ; dòng này "
        "không được nhập, các dòng sau vẫn được đọc",
        "Row {row} (text line {line}): a quote opens and is not closed where it should be; "
        "the row is not imported, the rows after it are still read",
    ),
    "A CSV field opens a quote that is never closed, or closes it in the middle of the field "
    '(`"abc"def`). The row is an error and nothing of it is guessed; reading resumes at '
    "the next line, so a stray quote cannot swallow the rows after it.",
    ["import"],
)
DUPLICATE_KEY = declare(
    "DV634",
    ERROR,
    Label("Khóa JSON bị lặp", "Duplicate JSON key"),
    Label(
        "Khóa {key!r} xuất hiện nhiều lần trong đối tượng {pointer}; không rõ giá trị nào, "
        "không nhập",
        "Key {key!r} appears more than once in the object at {pointer}; which value is meant "
        "is unclear, so it is not imported",
    ),
    "A JSON object names one key twice: readers disagree on which value wins, so the "
    "document (or, in JSON lines, the line) is ambiguous and is not imported. The object is "
    "named by a JSON pointer (`/activities/3`), the key as the field.",
    ["import", "structure"],
)
