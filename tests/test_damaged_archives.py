"""Damaged zips (workbooks and zipped Data Packages) are refused in words a clerk understands."""

from __future__ import annotations

import io
import re
import struct
import tempfile
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest
import xlsxwriter
from hypothesis import given, settings
from hypothesis import strategies as st

from danvan import read_dataset
from danvan.findings import Finding

SHEET = "xl/worksheets/sheet1.xml"
CSV_MEMBER = "don-vi.csv"
UNITS = "Mã,Tên đơn vị,Cấp\n" + "".join(f"u{i},Bản {i},village\n" for i in range(40))
#: What Python shows of an exception or an object, never meant for a person.
PYTHON = re.compile(r"Error\(|errno|Errno|<\w+[ >]|\w+\(\d|\\x[0-9a-f]{2}|Traceback")


def _workbook() -> bytes:
    buffer = io.BytesIO()
    workbook = xlsxwriter.Workbook(buffer, {"in_memory": True})
    sheet = workbook.add_worksheet("Đơn vị hành chính")
    for row, line in enumerate(UNITS.splitlines()):
        sheet.write_row(row, 0, line.split(","))
    workbook.close()
    return buffer.getvalue()


def _package() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(CSV_MEMBER, UNITS)
    return buffer.getvalue()


def _headers(data: bytes, member: str) -> tuple[int, int]:
    """Offsets of the member's local header and of its entry in the central directory."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        local = archive.getinfo(member).header_offset
    central = data.index(b"PK\x01\x02")
    while data[central + 46 : central + 46 + len(member)] != member.encode():
        central = data.index(b"PK\x01\x02", central + 4)
    return local, central


def truncated(data: bytes, member: str) -> bytes:
    return data[: len(data) // 2]


def bad_crc(data: bytes, member: str) -> bytes:
    local, central = _headers(data, member)
    damaged = bytearray(data)
    (crc,) = struct.unpack_from("<I", damaged, local + 14)
    struct.pack_into("<I", damaged, local + 14, crc ^ 0xFFFF)
    struct.pack_into("<I", damaged, central + 16, crc ^ 0xFFFF)
    return bytes(damaged)


def bad_local_header(data: bytes, member: str) -> bytes:
    local, _ = _headers(data, member)
    return data[:local] + b"XX" + data[local + 2 :]


def encrypted(data: bytes, member: str) -> bytes:
    """The member marked as encrypted (flag bit 0), as a zip made with a password is."""
    local, central = _headers(data, member)
    damaged = bytearray(data)
    damaged[local + 6] |= 1
    damaged[central + 8] |= 1
    return bytes(damaged)


def scrambled_data(data: bytes, member: str) -> bytes:
    local, _ = _headers(data, member)
    (name_length, extra_length) = struct.unpack_from("<HH", data, local + 26)
    start = local + 30 + name_length + extra_length
    return data[:start] + bytes(b ^ 0x5A for b in data[start : start + 16]) + data[start + 16 :]


def _refusals(path: Path, tmp_path: Path) -> list[Finding]:
    good = tmp_path / "units.csv"
    good.write_text(UNITS, encoding="utf-8")
    result = read_dataset([path, good])
    assert len(result.dataset.units) == 40  # the good file is still read
    return [f for f in result.report.findings if f.code == "DV601"]


DAMAGES: list[Callable[[bytes, str], bytes]] = [
    truncated,
    bad_crc,
    bad_local_header,
    encrypted,
    scrambled_data,
]


@pytest.mark.parametrize("damage", DAMAGES, ids=lambda d: d.__name__)
@pytest.mark.parametrize(
    ("name", "build", "member"),
    [("hong.xlsx", _workbook, SHEET), ("goi.zip", _package, CSV_MEMBER)],
    ids=["workbook", "package"],
)
def test_a_damaged_zip_is_refused_with_a_sentence_not_a_python_error(
    tmp_path: Path,
    damage: Callable[[bytes, str], bytes],
    name: str,
    build: Callable[[], bytes],
    member: str,
) -> None:
    path = tmp_path / name
    path.write_bytes(damage(build(), member))
    (finding,) = _refusals(path, tmp_path)
    assert finding.location.source == str(path)
    for message in (finding.message.vi, finding.message.en, str(finding.values["detail"])):
        assert not PYTHON.search(message), message
    vi, en = str(finding.values["detail"]).split(" / ")
    assert "tệp" in vi
    assert "file" not in vi
    assert "archive" in en or "zip" in en


def test_the_refusal_names_the_member_and_says_what_is_wrong_with_it(tmp_path: Path) -> None:
    path = tmp_path / "hong.xlsx"
    path.write_bytes(bad_crc(_workbook(), SHEET))
    (finding,) = _refusals(path, tmp_path)
    assert finding.values["detail"] == (
        f"tệp nén hỏng: không đọc được mục '{SHEET}' (dữ liệu không khớp mã kiểm tra CRC) / "
        f"damaged archive: member '{SHEET}' cannot be read (its data do not match their CRC "
        "checksum)"
    )


def test_a_password_is_named_as_such(tmp_path: Path) -> None:
    path = tmp_path / "goi.zip"
    path.write_bytes(encrypted(_package(), CSV_MEMBER))
    (finding,) = _refusals(path, tmp_path)
    assert "mật khẩu" in finding.message.vi
    assert "protected by a password" in finding.message.en


def test_a_zip_that_is_no_workbook_is_refused_by_the_reader_in_words(tmp_path: Path) -> None:
    path = tmp_path / "hong.xlsx"
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("ghi-chu.txt", "không phải sổ tính")
    path.write_bytes(buffer.getvalue())
    (finding,) = _refusals(path, tmp_path)
    assert not PYTHON.search(finding.message.en)
    assert "not an Excel workbook" in finding.message.en


@settings(max_examples=150, deadline=None)
@given(st.data())
def test_any_byte_of_a_zipped_package_changed_gives_words_never_python(
    data: st.DataObject,
) -> None:
    """Whatever byte is damaged (or where the file is cut), a refusal is a sentence."""
    original = _package()
    at = data.draw(st.integers(min_value=0, max_value=len(original) - 1))
    damaged = data.draw(
        st.sampled_from(
            [
                original[:at],
                original[:at] + bytes([original[at] ^ 0xFF]) + original[at + 1 :],
            ]
        )
    )
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "goi.zip"
        path.write_bytes(damaged)
        good = Path(folder) / "units.csv"
        good.write_text(UNITS, encoding="utf-8")
        result = read_dataset([path, good])
    for finding in result.report.findings:
        if finding.code == "DV601":
            assert not PYTHON.search(finding.message.en), finding.message.en
