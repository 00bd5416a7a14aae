"""Excel error cells (``#DIV/0!``, ``#N/A`` …) found in a workbook's sheet XML.

python-calamine reads an error cell as an empty string, exactly as it reads a
blank one (python-calamine 0.9: ``to_python`` and ``iter_rows`` alike), so its
output cannot tell them apart. The zip pre-scan (``danvan.importers.archives``)
sees every member's bytes anyway: it marks the members where ``t="e"`` occurs
(a search in C per chunk, so a workbook without errors costs nothing more).
Only the marked sheets are inflated again here, under the same limits, and
their error cells listed with their sheet's name. Nothing here parses XML
into a tree: searches over bytes, which a hostile file cannot make allocate.
"""

from __future__ import annotations

import html
import posixpath
import re
import zipfile
from collections.abc import Iterable

import attrs

from danvan.importers.archives import inflate
from danvan.importers.limits import ReadLimits, sheet_too_large

_PREFIX = rb"(?:[A-Za-z_][\w.-]*:)?"
_ERROR_TAG = re.compile(
    rb"<" + _PREFIX + rb"c\s(?=[^>]*?(?<![\w:.-])t\s*=\s*[\"']e[\"'])([^>]*?)(/?)>"
)
_REFERENCE = re.compile(rb"(?<![\w:.-])r\s*=\s*[\"']([A-Za-z]{1,3})([0-9]{1,7})[\"']")
_CLOSE = re.compile(rb"</" + _PREFIX + rb"c\s*>")
_VALUE = re.compile(rb"<" + _PREFIX + rb"v(?:\s[^>]*)?>([^<]{0,255})<")
_ATTRIBUTE = re.compile(rb"([\w.:-]+)\s*=\s*(?:\"([^\"]*)\"|'([^']*)')")
_SHEET_TAG = re.compile(rb"<" + _PREFIX + rb"sheet\s[^>]*>")
_RELATION_TAG = re.compile(rb"<" + _PREFIX + rb"Relationship\s[^>]*>")

_ROOT_RELATIONS = "_rels/.rels"
_DEFAULT_WORKBOOK = "xl/workbook.xml"


@attrs.frozen
class FoundError:
    """One error cell: its sheet (None when the sheet cannot be named), where, and the error.

    ``row`` and ``column`` count from 0 (None when the cell has no reference);
    ``cell`` is the reference as Excel shows it (``D7``).
    """

    member: str
    sheet: str | None
    cell: str
    row: int | None
    column: int | None
    error: str


def column_index(letters: bytes) -> int:
    """``A`` is 0, ``Z`` 25, ``AA`` 26 (case aside)."""
    number = 0
    for letter in letters.upper():
        number = number * 26 + letter - 64
    return number - 1


def errors_in_sheet(
    data: bytes, member: str, sheet: str | None, room: int = 1 << 62
) -> tuple[list[FoundError], int]:
    """The cells of the sheet XML ``data`` typed as an error (``t="e"``), in order, and how
    many there are: past ``room`` they are counted, no longer listed."""
    found: list[FoundError] = []
    matches = _ERROR_TAG.finditer(data)
    for match in matches:
        if len(found) == room:
            return found, room + 1 + sum(1 for _ in matches)
        reference = _REFERENCE.search(match.group(1))
        error = "#?"
        if not match.group(2):  # not self-closing: the value is inside, before </c>
            close = _CLOSE.search(data, match.end())
            end = close.start() if close is not None else len(data)
            value = _VALUE.search(data, match.end(), end)
            if value is not None and value.group(1).strip():
                error = html.unescape(value.group(1).decode("utf-8", "replace")).strip()
        if reference is None:
            found.append(FoundError(member, sheet, "?", None, None, error))
            continue
        letters, digits = reference.groups()
        cell = (letters + digits).decode("ascii").upper()
        found.append(FoundError(member, sheet, cell, int(digits) - 1, column_index(letters), error))
    return found, len(found)


def _attributes(tag: bytes) -> dict[str, str]:
    """A tag's attributes by local name (``r:id`` is ``id``), their entities resolved."""
    result: dict[str, str] = {}
    for name, double, single in _ATTRIBUTE.findall(tag):
        local = name.rsplit(b":", 1)[-1].decode("ascii", "replace")
        result.setdefault(local, html.unescape((double or single).decode("utf-8", "replace")))
    return result


def _relations(data: bytes, base: str) -> dict[str, tuple[str, str]]:
    """A relations part's targets by id, as member names (relative to folder ``base``)."""
    targets: dict[str, tuple[str, str]] = {}
    for tag in _RELATION_TAG.findall(data):
        attributes = _attributes(tag)
        target = attributes.get("Target", "")
        if target.startswith("/"):
            member = target[1:]
        else:
            member = posixpath.normpath(posixpath.join(base, target))
        targets[attributes.get("Id", "")] = (member, attributes.get("Type", ""))
    return targets


def sheet_members(read: dict[str, bytes]) -> dict[str, str]:
    """Each worksheet's member name and its sheet name, from the workbook's parts in ``read``.

    ``read`` holds the root relations, the workbook part and its relations
    (see ``parts_to_read``); a part missing gives fewer names, never an error.
    """
    workbook = _workbook_part(read.get(_ROOT_RELATIONS, b""))
    folder = posixpath.dirname(workbook)
    relations_name = posixpath.join(folder, "_rels", posixpath.basename(workbook) + ".rels")
    targets = _relations(read.get(relations_name, b""), folder)
    names: dict[str, str] = {}
    for tag in _SHEET_TAG.findall(read.get(workbook, b"")):
        attributes = _attributes(tag)
        target = targets.get(attributes.get("id", ""))
        if target is not None and "name" in attributes:
            names.setdefault(target[0], attributes["name"])
    return names


def _workbook_part(root_relations: bytes) -> str:
    for member, kind in _relations(root_relations, "").values():
        if kind.endswith("/officeDocument"):
            return member
    return _DEFAULT_WORKBOOK


def parts_to_read(names: Iterable[str], root_relations: bytes = b"") -> list[str]:
    """The members that name the sheets: the root relations, the workbook and its relations."""
    workbook = _workbook_part(root_relations)
    folder = posixpath.dirname(workbook)
    wanted = [
        _ROOT_RELATIONS,
        workbook,
        posixpath.join(folder, "_rels", posixpath.basename(workbook) + ".rels"),
    ]
    present = set(names)
    return [name for name in wanted if name in present]


def workbook_errors(
    archive: zipfile.ZipFile,
    marked: list[zipfile.ZipInfo],
    source: str,
    limits: ReadLimits,
) -> list[FoundError]:
    """The error cells of the members the pre-scan marked (``WorkbookScan.marked``), by sheet.

    Members are inflated again under ``limits`` (the pre-scan has measured
    them already). A marked member that is not a worksheet (shared strings
    that hold the text ``t="e"``) gives nothing. A workbook with more error
    cells than ``limits.max_error_cells`` is refused (DV624): each would be a
    finding, and a hostile file could hold millions.
    """
    if not marked:
        return []

    def read(info: zipfile.ZipInfo) -> bytes:
        return b"".join(inflate(archive, info, source, limits, limits.max_archive_bytes))

    infos = {info.filename: info for info in archive.infolist() if not info.is_dir()}
    parts: dict[str, bytes] = {}
    if _ROOT_RELATIONS in infos:
        parts[_ROOT_RELATIONS] = read(infos[_ROOT_RELATIONS])
    for part in parts_to_read(infos, parts.get(_ROOT_RELATIONS, b"")):
        if part not in parts:
            parts[part] = read(infos[part])
    sheets = sheet_members(parts)
    found: list[FoundError] = []
    for info in marked:
        name = sheets.get(info.filename)
        if name is None and not info.filename.startswith("xl/worksheets/"):
            continue
        room = limits.max_error_cells - len(found)
        listed, count = errors_in_sheet(read(info), info.filename, name, room)
        sheet_too_large(
            source,
            "Excel error cells / ô báo lỗi Excel",
            len(found) + count,
            limits.max_error_cells,
            "max_error_cells",
        )
        found.extend(listed)
    return found
