"""Finding codes, DV0xx: the document and its structure."""

from __future__ import annotations

from danvan.findings._finding import Severity, declare
from danvan.labels import Label

ERROR, WARNING, INFO = Severity.ERROR, Severity.WARNING, Severity.INFO

INVALID_JSON = declare(
    "DV001",
    ERROR,
    Label("JSON không hợp lệ", "Invalid JSON"),
    Label("Tệp không phải JSON hợp lệ: {detail}", "The file is not valid JSON: {detail}"),
    "The document cannot be parsed as JSON; nothing else can be checked.",
    ["structure"],
)
NOT_A_DATASET = declare(
    "DV002",
    ERROR,
    Label("Không phải bộ dữ liệu", "Not a dataset"),
    Label(
        "Tài liệu không phải bộ dữ liệu danvan: {problem} (cần {expected}, gặp {value!r})",
        "The document is not a danvan dataset: {problem} (expected {expected}, found {value!r})",
    ),
    "The document is not a JSON object, or its `format` is not `danvan.dataset/1`.",
    ["structure"],
)
MISSING_FIELD = declare(
    "DV010",
    ERROR,
    Label("Thiếu trường bắt buộc", "Required field missing"),
    Label(
        "Thiếu trường bắt buộc “{field}” (cần {expected})",
        "Required field {field} is missing (type {expected})",
    ),
    "A record lacks a field the model requires (an activity without a date, a member "
    "without a name).",
    ["structure"],
)
INVALID_VALUE = declare(
    "DV011",
    ERROR,
    Label("Giá trị không hợp lệ", "Invalid value"),
    Label(
        "Giá trị {value!r} của trường “{field}” không hợp lệ (cần {expected})",
        "Value {value!r} of field {field} is invalid (expected {expected})",
    ),
    "A field has the wrong type, a date that does not exist, or a value outside its list "
    "(an unknown level, role or status).",
    ["structure"],
)
UNKNOWN_FIELD = declare(
    "DV012",
    ERROR,
    Label("Trường không xác định", "Unknown field"),
    Label(
        "Trường “{field}” không có trong mô hình (giá trị {value!r})",
        "Field {field} is not part of the model (value {value!r})",
    ),
    "A record has a field the model does not know, often a misspelt one.",
    ["structure"],
)
