"""What an office fills in a report document: its settings, their defaults, the settings file.

The document exporter (``danvan.exporters.docx``) takes these as options, or
from a small TOML or JSON file (``danvan report --settings FILE``). Whatever is
not given stays a visible placeholder ("…") for the office to write by hand:
the document never invents a number, a signer or a recipient.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Mapping
from pathlib import Path
from typing import Any, Final

import attrs

from danvan.exporters.base import ExportError, ExportOptions
from danvan.labels import Label

PLACEHOLDER: Final = "…"
"""What a field nobody filled shows: the office writes it by hand."""

FORMS: Final = ("party", "state")
"""``party``: Hướng dẫn 36-HD/VPTW (2018); ``state``: Nghị định 30/2020/NĐ-CP, Phụ lục I."""

SETTINGS: Final[dict[str, Label]] = {
    "form": Label(
        "Thể thức: party (văn bản của Đảng, HD 36-HD/VPTW) hoặc state (NĐ 30/2020/NĐ-CP); "
        "mặc định party",
        "form: party (Party documents, 36-HD/VPTW) or state (Decree 30/2020); default party",
    ),
    "parent_body": Label(
        "Cơ quan cấp trên, ví dụ HUYỆN ỦY NẬM PỒ", "superior body, e.g. HUYỆN ỦY NẬM PỒ"
    ),
    "body": Label("Cơ quan ban hành, ví dụ BAN DÂN VẬN", "issuing body, e.g. BAN DÂN VẬN"),
    "number": Label("Số văn bản, ví dụ 12", "document number, e.g. 12"),
    "issuer_code": Label(
        "Ký hiệu cơ quan ban hành, ví dụ BDVHU", "issuing body's code, e.g. BDVHU"
    ),
    "place": Label("Địa danh, ví dụ Nậm Pồ", "place, e.g. Nậm Pồ"),
    "date": Label("Ngày ban hành (YYYY-MM-DD)", "date of issue (YYYY-MM-DD)"),
    "subject": Label(
        "Trích yếu (mặc định: theo kỳ báo cáo)", "subject line (default: from the period)"
    ),
    "situation": Label("Đặc điểm tình hình (mục I), thêm vào số liệu", "section I, added text"),
    "tasks": Label(
        "Phương hướng, nhiệm vụ (mục IV): một đoạn hoặc danh sách",
        "section IV: one text or a list",
    ),
    "recipients": Label("Nơi nhận: danh sách", "recipients: a list"),
    "signer_authority": Label(
        "Thẩm quyền ký, ví dụ T/M BAN THƯỜNG VỤ hoặc K/T TRƯỞNG BAN",
        "signing authority, e.g. T/M BAN THƯỜNG VỤ or K/T TRƯỞNG BAN",
    ),
    "signer_title": Label("Chức vụ người ký, ví dụ TRƯỞNG BAN", "signer's title"),
    "signer_name": Label("Họ và tên người ký", "signer's name"),
    "annex": Label("Kèm phụ lục số liệu (mặc định: có)", "add the annex tables (default true)"),
    "max_annex_rows": Label(
        "Số dòng tối đa mỗi bảng phụ lục (mặc định 500)", "rows per annex table (default 500)"
    ),
}


def _texts(value: object, key: str) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, str):
        return (value,)
    if isinstance(value, list | tuple) and all(isinstance(item, str) for item in value):
        return tuple(value)
    raise ExportError(f"Tuỳ chọn / option {key!r} must be text or a list of text, not {value!r}")


def _day(value: object) -> dt.date | None:
    if value is None or (isinstance(value, dt.date) and not isinstance(value, dt.datetime)):
        return value
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            pass
    raise ExportError(f"Tuỳ chọn / option 'date' must be a day (YYYY-MM-DD), not {value!r}")


@attrs.frozen
class DocumentFields:
    """The fields of one document, every missing one a placeholder."""

    form: str = "party"
    parent_body: str = PLACEHOLDER
    body: str = PLACEHOLDER
    number: str = PLACEHOLDER
    issuer_code: str = PLACEHOLDER
    place: str = PLACEHOLDER
    date: dt.date | None = None
    subject: str | None = None
    situation: tuple[str, ...] = ()
    tasks: tuple[str, ...] = ()
    recipients: tuple[str, ...] = ()
    signer_authority: str | None = None
    signer_title: str = PLACEHOLDER
    signer_name: str = PLACEHOLDER
    annex: bool = True
    max_annex_rows: int = 500

    @classmethod
    def of(cls, options: ExportOptions) -> DocumentFields:
        """The fields ``options`` give; a value of the wrong kind is an ExportError."""
        form = options.get_str("form", "party") or "party"
        if form not in FORMS:
            raise ExportError(
                f"Thể thức / form {form!r} không có / unknown; choose {' or '.join(FORMS)}"
            )
        rows = options.get("max_annex_rows", 500)
        if isinstance(rows, bool) or not isinstance(rows, int) or rows < 0:
            raise ExportError(f"Tuỳ chọn / option 'max_annex_rows' must be a count, not {rows!r}")

        def text(key: str) -> str:
            return options.get_str(key, None) or PLACEHOLDER

        return cls(
            form=form,
            parent_body=text("parent_body"),
            body=text("body"),
            number=text("number"),
            issuer_code=text("issuer_code"),
            place=text("place"),
            date=_day(options.get("date")),
            subject=options.get_str("subject", None),
            situation=_texts(options.get("situation"), "situation"),
            tasks=_texts(options.get("tasks"), "tasks"),
            recipients=_texts(options.get("recipients"), "recipients"),
            signer_authority=options.get_str("signer_authority", None),
            signer_title=text("signer_title"),
            signer_name=text("signer_name"),
            annex=options.get_bool("annex", True),
            max_annex_rows=rows,
        )


def read_document_settings(path: str | Path) -> dict[str, Any]:
    """The settings of a TOML (``.toml``) or JSON file, as exporter options.

    Why a file: an office writes its name, signer and recipients once and
    reuses them every month. Unknown keys are refused when the options are
    checked (``Exporter.options``); a file that cannot be read is an ExportError.
    """
    import tomllib  # here: every command registers this format, few read a settings file

    path = Path(path)
    try:
        data = path.read_bytes()
    except OSError as error:
        raise ExportError(
            f"Không đọc được tệp thiết lập / cannot read the settings file {path}: "
            f"{error.strerror or error}"
        ) from None
    try:
        if path.suffix.lower() == ".json":
            loaded: Any = json.loads(data.decode("utf-8-sig"))
        else:
            loaded = tomllib.loads(data.decode("utf-8-sig"))
    except (ValueError, UnicodeDecodeError) as error:
        raise ExportError(
            f"Tệp thiết lập sai cú pháp / the settings file {path} is not valid "
            f"{'JSON' if path.suffix.lower() == '.json' else 'TOML'}: {error}"
        ) from None
    if not isinstance(loaded, Mapping):
        raise ExportError(f"Tệp thiết lập / the settings file {path} must hold a table of keys")
    return dict(loaded)
