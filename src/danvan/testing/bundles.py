"""Reference bundles: the awkward cases every exporter must get right.

Vietnamese text in NFC, empty tables, very long cells, formula-like strings,
dates and datetimes, money and large numbers, and a bundle of several tables.
"""

from __future__ import annotations

import datetime as dt
import unicodedata

from danvan.excel import MAX_CELL_CHARS
from danvan.labels import Label
from danvan.tables import (
    VIETNAM_TZ,
    Bundle,
    BundleMetadata,
    ChartHint,
    Column,
    ColumnType,
    Table,
)

T = ColumnType
GENERATED_AT = dt.datetime(2023, 2, 13, 9, 30, tzinfo=VIETNAM_TZ)


def _metadata(title: str) -> BundleMetadata:
    return BundleMetadata(
        title=Label(f"Bộ thử: {title}", f"Reference bundle: {title}"),
        period_key="2022",
        period_label=Label("Năm 2022", "Year 2022"),
        calendar=Label("Từ 15/12 năm trước đến 14/12", "From 15/12 of the year before to 14/12"),
        source="danvan.testing (minh hoạ / illustrative)",
        generated_at=GENERATED_AT,
        extra={"province": "11", "illustrative": True},
    )


def _nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


ACTIVITY_COLUMNS = (
    Column("village", Label("Bản", "Village")),
    Column("topic", Label("Nội dung tuyên truyền", "Dissemination topic")),
    Column("held_on", Label("Ngày", "Date"), T.DATE),
    Column("sessions", Label("Số buổi", "Sessions"), T.INTEGER),
    Column("people", Label("Lượt người", "People reached"), T.INTEGER),
    Column("funds", Label("Kinh phí xã hội hóa", "Funds mobilised"), T.MONEY),
    Column("share", Label("Tỷ lệ tham dự", "Attendance"), T.PERCENT),
    Column("area_ha", Label("Diện tích (ha)", "Area (ha)"), T.NUMBER),
    Column("held", Label("Đã họp", "Held"), T.BOOLEAN),
    Column(
        "recorded_at",
        Label("Thời điểm ghi", "Recorded at"),
        T.DATETIME,
        Label("Giờ Việt Nam", "Vietnam time"),
    ),
)

ACTIVITY_ROWS = [
    (
        _nfc("Bản Mốc 4"),
        _nfc("Bảo vệ rừng; phòng, chống ma túy"),
        dt.date(2022, 3, 15),
        3,
        120,
        27_000_000,
        0.875,
        1.25,
        True,
        dt.datetime(2022, 3, 15, 8, 0, tzinfo=VIETNAM_TZ),
    ),
    (
        _nfc("Bản Nà Sự"),
        _nfc("Du lịch cộng đồng, tảo hôn, hôn nhân cận huyết thống"),
        dt.date(2022, 6, 1),
        1,
        45,
        0,
        0.5,
        0.0,
        False,
        dt.datetime(2022, 6, 1, 1, 30, tzinfo=dt.UTC),
    ),
    (_nfc("Bản Huổi Hoi"), None, None, None, None, None, None, None, None, None),
    (
        _nfc("Bản Mạy Hốc — Ngày hội Đại đoàn kết"),
        _nfc("Quà cho tân binh: “suất quà” 100 suất"),
        dt.date(2022, 11, 18),
        2,
        80,
        500_000_000,
        1.0,
        0.3,
        True,
        dt.datetime(2022, 11, 18, 19, 45),
    ),
]


def _activities(name: str = "activities") -> Table:
    return Table(
        name,
        Label("Hoạt động của các Tổ Dân vận", "Activities of the teams"),
        ACTIVITY_COLUMNS,
        ACTIVITY_ROWS,
        description=Label("Số liệu minh hoạ", "Illustrative figures"),
    )


def _text_table(name: str, title: Label, texts: list[str]) -> Table:
    return Table(
        name,
        title,
        (
            Column("n", Label("STT", "No."), T.INTEGER),
            Column("text", Label("Nội dung", "Text")),
        ),
        [(index, text) for index, text in enumerate(texts, start=1)],
    )


FORMULA_LIKE = [
    "=1+1",
    "+84 912 345 678",
    "-5",
    "@SUM(A1:A2)",
    "\tthụt lề / tab",
    "\rxuống dòng / carriage return",
    '=HYPERLINK("http://example.invalid","bấm / click")',
    "  =1+1 sau dấu cách / after spaces",
    "\n+84 sau xuống dòng / after a line break",
    "＝1+1 toàn khổ / full-width",
    "\u3000＠SUM(A1) sau dấu cách toàn khổ / after an ideographic space",
    "'=đã có dấu nháy / already quoted",
    "a=b không phải công thức / not a formula",
    "",
]

MONTHS = [
    (dt.date(2022, month, 1), sessions, people)
    for month, sessions, people in [
        (1, 4, 130),
        (2, 2, 60),
        (3, 5, 210),
        (4, 3, 95),
        (5, 6, 240),
        (6, 4, 150),
    ]
]


def _per_month() -> Table:
    return Table(
        "per_month",
        Label("Hoạt động theo tháng", "Activities per month"),
        (
            Column("month", Label("Tháng", "Month"), T.DATE),
            Column("sessions", Label("Số buổi", "Sessions"), T.INTEGER),
            Column("people", Label("Lượt người", "People reached"), T.INTEGER),
        ),
        lambda: iter(MONTHS),
        chart=ChartHint("month", ("sessions",), Label("Số buổi mỗi tháng", "Sessions per month")),
    )


def reference_bundles() -> dict[str, Bundle]:
    """The reference bundles by name; a fresh set on each call."""
    long_text = _nfc("Tổ Dân vận bản Mốc 4 — ") * 2000
    exact = (long_text + "x" * MAX_CELL_CHARS)[:MAX_CELL_CHARS]
    bundles = {
        "vietnamese": Bundle([_activities()], _metadata("tiếng Việt")),
        "empty_table": Bundle(
            [Table("empty", Label("Bảng trống", "Empty table"), ACTIVITY_COLUMNS, [])],
            _metadata("bảng trống"),
        ),
        "long_cells": Bundle(
            [
                _text_table(
                    "long",
                    Label("Ô dài", "Long cells"),
                    [exact, "dòng 1\ndòng 2\r\ndòng 3", 'dấu "nháy", dấu phẩy; chấm phẩy'],
                )
            ],
            _metadata("ô dài"),
        ),
        "over_limit": Bundle(
            [_text_table("over", Label("Ô quá dài", "Over-long cell"), [long_text * 2])],
            _metadata("ô quá giới hạn"),
        ),
        "formulas": Bundle(
            [_text_table("formulas", Label("Chuỗi giống công thức", "Formula-like"), FORMULA_LIKE)],
            _metadata("công thức"),
        ),
        "numbers": Bundle(
            [
                Table(
                    "numbers",
                    Label("Số lớn và tiền", "Large numbers and money"),
                    (
                        Column("funds", Label("Kinh phí", "Funds"), T.MONEY),
                        Column("count", Label("Số lượng", "Count"), T.INTEGER),
                        Column("value", Label("Giá trị", "Value"), T.NUMBER),
                    ),
                    [
                        (27_000_000, 0, 0.1),
                        (500_000_000_000, 10**15 - 1, 1e-9),
                        (-1_500_000, -(10**15) + 1, -2.5),
                        (10**18, 2**63 - 1, 1.5e300),
                        (7, -(2**63), 123456.789),
                    ],
                )
            ],
            _metadata("số"),
        ),
        "dates": Bundle(
            [
                Table(
                    "dates",
                    Label("Ngày giờ", "Dates and times"),
                    (
                        Column("day", Label("Ngày", "Day"), T.DATE),
                        Column("at", Label("Lúc", "At"), T.DATETIME),
                    ),
                    [
                        (dt.date(2022, 2, 24), dt.datetime(2022, 2, 24, 7, 0, tzinfo=VIETNAM_TZ)),
                        (dt.date(1900, 3, 1), dt.datetime(2025, 7, 1, 0, 0, tzinfo=dt.UTC)),
                        (dt.date(2099, 12, 31), dt.datetime(2021, 12, 15, 23, 59, 30)),
                    ],
                )
            ],
            _metadata("ngày"),
        ),
        "several_tables": Bundle(
            [
                _per_month(),
                _activities("activities"),
                Table("no_rows", Label("Không có dòng", "No rows"), ACTIVITY_COLUMNS[:3], []),
                _text_table(
                    "formulas", Label("Chuỗi giống công thức", "Formula-like"), FORMULA_LIKE
                ),
            ],
            _metadata("nhiều bảng"),
        ),
    }
    return bundles


__all__ = ["FORMULA_LIKE", "GENERATED_AT", "reference_bundles"]
