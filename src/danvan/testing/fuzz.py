"""Seeds, mutators and the importer contract, shared by the in-suite fuzz test and the fuzz script.

Fuzzing an importer with random bytes mostly tests its first check (``not a
zip file``). Here every input starts from a real file, the small sample written
in the importer's format, and is then mutated at the level the format has:
members of a zip dropped, duplicated, swapped or renamed; XML attributes and
text, JSON values and CSV fields replaced by values of the wrong type or shape;
and bytes flipped, cut or inserted anywhere. ``mutate`` takes a
``random.Random``, so hypothesis (``st.randoms()``) and a seeded loop drive it
alike, and a seed reproduces an input.

``check_contract(path)`` states what every importer promises: reading returns
an ``ImportResult`` or raises ``DatasetReadError``, never anything else; every
finding names its file; validating what was read does not raise.

``hazards=False`` leaves out the XML mutations known to abort the XLSX reader
natively or make it allocate gigabytes (cell references, dimensions and
declared counts: issue 13), so that the test suite can run in one process.
"""

from __future__ import annotations

import io
import json
import os
import random
import re
import tempfile
import zipfile
from collections.abc import Callable
from functools import cache
from pathlib import Path, PurePosixPath
from typing import Any

import attrs

from danvan._face._reading import read_dataset, validate
from danvan._face._writing import export
from danvan.bundled import sample
from danvan.findings import Location
from danvan.importers.sources import DatasetReadError
from danvan.layout import dataset_bundle
from danvan.loading import dataset_to_json
from danvan.model import Dataset
from danvan.read import ImportResult

#: The built-in importers, each as one kind of input (folders travel as zips of their files).
FORMATS = ("json-document", "json-tables", "csv", "datapackage-zip", "datapackage-folder", "xlsx")
_CONTAINERS = frozenset({"datapackage-zip", "datapackage-folder", "xlsx"})
_SUFFIX = {"json-document": ".json", "json-tables": ".json", "datapackage-zip": ".zip"}
_SUFFIX |= {"xlsx": ".xlsx"}

#: Values of every wrong type and shape that a field or cell may be given.
VALUES: tuple[Any, ...] = (
    None, True, False, 0, -1, 1.9, -0.5, 1e308, 2**64, 10**30, "", " ", "0", "-1", "1.9",
    "1e308", "NaN", "inf", "null", "None", "true", "=1+1", "＝HYPERLINK()", "'=x", "+1", "@A1",
    "\x00", "\t\r\n", "\u202e", "ý\u0301", "\U0001f600", "31/02/2022", "2022-13-45",
    "0000-00-00", "01/01/10000", "../../x", "A" * 3000, "1" * 400, [], {}, [None], {"": None},
    [[[[[]]]]], {"id": {"id": {}}},
)  # fmt: skip
_TEXTS = tuple(v if isinstance(v, str) else json.dumps(v) for v in VALUES)
#: Cell references, dimensions and counts that make the XLSX reader abort or allocate gigabytes.
_HAZARD_ATTRIBUTES = frozenset({"r", "ref", "sqref", "spans", "count", "uniqueCount"})
_HAZARD_TEXTS = ("XFD1048576", "A1:XFD1048576", "4294967295", "A" * 4000 + "1", "ZZZZ99999999")
_JUNK: tuple[bytes, ...] = (
    b"\x00", b"\xff\xfe", b"\xef\xbb\xbf", b'"', b"'", b"\r", b"\n", b",", b";", b"\t", b"<",
    b"]]>", b"&x;", b"{", b"}", b"[", b"\\", b"\x80", b"\xc3", b"\xed\xa0\x80",
)  # fmt: skip

Mutator = Callable[[bytes, random.Random, bool], bytes]


@cache
def small_dataset() -> Dataset:
    """Two teams of the bundled sample with a few activities each: fast to write and to read."""

    full = sample()
    teams = full.teams[:2]
    team_ids = {t.id for t in teams}
    memberships = tuple(m for m in full.memberships if m.team in team_ids)
    member_ids = {m.member for m in memberships}
    activities: list[Any] = []
    for team in team_ids:
        activities.extend([a for a in full.activities if a.team == team][:3])
    return attrs.evolve(
        full,
        teams=teams,
        memberships=memberships,
        members=tuple(m for m in full.members if m.id in member_ids),
        activities=tuple(sorted(activities, key=lambda a: a.id)),
    )


def _zip_of(members: list[tuple[str, bytes]]) -> bytes:
    """A zip of ``members``; a name given twice is written twice (under a stand-in, renamed)."""
    buffer = io.BytesIO()
    renames: list[tuple[bytes, bytes]] = []
    seen: set[str] = set()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members:
            written = name
            while written in seen:  # a stand-in of the same length, renamed below
                written = written[:-1] + chr(ord(written[-1]) % 30 + 1)
            seen.add(written)
            if written != name:
                renames.append((written.encode(), name.encode()))
            archive.writestr(written, data)
    result = buffer.getvalue()
    for stand_in, original in renames:
        result = result.replace(stand_in, original)
    return result


@cache
def seeds(fmt: str) -> tuple[bytes, ...]:
    """The small sample written in ``fmt`` (a folder as the zip of its files): fuzzing's start."""

    dataset = small_dataset()
    if fmt == "json-document":
        return (dataset_to_json(dataset),)
    bundle = dataset_bundle(dataset, include_catalog=fmt != "xlsx")
    with tempfile.TemporaryDirectory() as tmp:
        if fmt == "csv":
            found = []
            for table in ("activities", "teams", "memberships"):
                export(bundle, Path(tmp, f"{table}.csv"), options={"table": table})
                found.append(Path(tmp, f"{table}.csv").read_bytes())
            return tuple(found)
        if fmt == "datapackage-folder":
            export(bundle, Path(tmp, "pkg"), format="datapackage")
            files = sorted(Path(tmp, "pkg").iterdir())
            return (_zip_of([(p.name, p.read_bytes()) for p in files]),)
        target = Path(tmp, "seed" + _SUFFIX[fmt])
        export(bundle, target)
        return (target.read_bytes(),)


# Byte-level mutations: any input.


def _bytes(data: bytes, rng: random.Random, hazards: bool) -> bytes:
    if not data:
        return rng.choice(_JUNK)
    at = rng.randrange(len(data) + 1)
    kind = rng.randrange(6)
    if kind == 0 and at < len(data):  # flip
        return data[:at] + bytes([data[at] ^ (1 << rng.randrange(8))]) + data[at + 1 :]
    if kind == 1:  # truncate
        return data[:at]
    if kind == 2:  # insert junk
        return data[:at] + rng.choice(_JUNK) * rng.randint(1, 3) + data[at:]
    if kind == 3:  # delete a span
        return data[:at] + data[at + rng.randint(1, 64) :]
    if kind == 4:  # duplicate a span
        return data[:at] + data[at : at + rng.randint(1, 256)] + data[at:]
    return data[:at] + rng.randbytes(rng.randint(1, 8)) + data[at:]  # random bytes


# Text mutations: JSON values, CSV fields, XML attributes and text.


def _json_paths(node: Any, path: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    found = [path]
    items = (
        node.items()
        if isinstance(node, dict)
        else enumerate(node)
        if isinstance(node, list)
        else ()
    )
    for key, child in items:
        found.extend(_json_paths(child, (*path, key)))
    return found


def _json(data: bytes, rng: random.Random, hazards: bool) -> bytes:
    try:
        document = json.loads(data)
    except (ValueError, RecursionError):
        return _bytes(data, rng, hazards)
    path = rng.choice(_json_paths(document))
    if not path:
        return json.dumps(rng.choice(VALUES)).encode()
    parent = document
    for key in path[:-1]:
        parent = parent[key]
    key, kind = path[-1], rng.randrange(5)
    if kind == 0:
        del parent[key]
    elif kind == 1 and isinstance(parent, list):
        parent.insert(key, parent[key])
    elif kind == 2:
        parent[key] = [parent[key]] if rng.random() < 0.5 else {"": parent[key]}
    else:
        parent[key] = rng.choice(VALUES)
    text = json.dumps(document, ensure_ascii=rng.random() < 0.5)
    if rng.random() < 0.1:  # a duplicate key in the first object that has one
        text = re.sub(r'\{"([^"]+)": ', r'{"\1": null, "\1": ', text, count=1)
    return text.encode("utf-8", "surrogatepass")


def _csv(data: bytes, rng: random.Random, hazards: bool) -> bytes:
    text = data.decode("utf-8", "surrogateescape")
    lines = text.split("\n")
    at = rng.randrange(len(lines))
    kind = rng.randrange(8)
    if kind == 0:  # a field replaced, quoted or not
        fields = lines[at].split(",")
        value = rng.choice(_TEXTS)
        fields[rng.randrange(len(fields))] = value if rng.random() < 0.5 else f'"{value}"'
        lines[at] = ",".join(fields)
    elif kind == 1:  # a quote left open
        cut = rng.randrange(len(lines[at]) + 1)
        lines[at] = lines[at][:cut] + '"' + lines[at][cut:]
    elif kind == 2:
        lines.insert(at, lines[rng.randrange(len(lines))])
    elif kind == 3:
        del lines[at]
    elif kind == 4:  # a field more or fewer
        lines[at] = lines[at] + "," + rng.choice(_TEXTS) if rng.random() < 0.5 else lines[at][:-3]
    elif kind == 5:
        lines[at] = lines[at].replace(",", rng.choice((";", "\t", ",,", '","')))
    elif kind == 6:
        other = rng.randrange(len(lines))
        lines[at], lines[other] = lines[other], lines[at]
    else:
        encoded = "\r".join(lines) if rng.random() < 0.3 else "\n".join(lines)
        encoding = rng.choice(("utf-16", "utf-16-le", "cp1258", "latin-1", "utf-8-sig"))
        return encoded.encode(encoding, "replace")
    return "\n".join(lines).encode("utf-8", "surrogateescape")


_ATTRIBUTE = re.compile(rb'([A-Za-z:]+)="([^"]*)"')
_TEXT = re.compile(rb">([^<]+)<")
_ELEMENT = re.compile(rb"<(c|row|si|sheet|Relationship|Override)\b[^>]*?(/>|>.*?</\1>)", re.S)


def _xml(data: bytes, rng: random.Random, hazards: bool) -> bytes:
    kind = rng.randrange(5)
    if kind == 0:  # an attribute's value
        spots = [m for m in _ATTRIBUTE.finditer(data) if hazards or m[1] not in _HAZARDS_B]
        if spots:
            spot = rng.choice(spots)
            value = rng.choice(_HAZARD_TEXTS + _TEXTS if hazards else _TEXTS)
            return data[: spot.start(2)] + _xml_text(value) + data[spot.end(2) :]
    elif kind == 1:  # an element's text
        spots = list(_TEXT.finditer(data))
        if spots:
            spot = rng.choice(spots)
            return data[: spot.start(1)] + _xml_text(rng.choice(_TEXTS)) + data[spot.end(1) :]
    elif kind in (2, 3):  # an element removed or repeated
        spots = list(_ELEMENT.finditer(data))
        if spots:
            spot = rng.choice(spots)
            middle = b"" if kind == 2 else spot[0] * rng.randint(2, 3)
            return data[: spot.start()] + middle + data[spot.end() :]
    return _bytes(data, rng, hazards)


_HAZARDS_B = frozenset(a.encode() for a in _HAZARD_ATTRIBUTES)


def _xml_text(value: str) -> bytes:
    escaped = value.replace("&", "&amp;").replace("<", "&lt;").replace('"', "&quot;")
    return escaped.encode("utf-8", "surrogatepass")


def _content(name: str) -> Mutator:
    suffix = PurePosixPath(name).suffix.lower()
    if suffix in (".xml", ".rels"):
        return _xml
    return {".json": _json, ".csv": _csv}.get(suffix, _bytes)


def _renamed(name: str, rng: random.Random, names: list[str]) -> str:
    return rng.choice(
        (
            rng.choice(names),
            "../" + name,
            "/" + name,
            name.upper(),
            name.replace("/", "\\"),
            "a/" + name,
        )
    )


def _container(data: bytes, rng: random.Random, hazards: bool) -> bytes:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            members = [(i.filename, archive.read(i)) for i in archive.infolist()]
    except Exception:  # no longer a readable zip: mutate its bytes
        return _bytes(data, rng, hazards)
    if not members:
        return _bytes(data, rng, hazards)
    at = rng.randrange(len(members))
    name, content = members[at]
    kind = rng.randrange(10)
    if kind == 0:
        del members[at]
    elif kind == 1:  # a member twice under one name
        members.insert(at, (name, content))
    elif kind == 2:
        other = rng.randrange(len(members))
        members[at], members[other] = (name, members[other][1]), (members[other][0], content)
    elif kind == 3:
        members[at] = (_renamed(name, rng, [n for n, _ in members]), content)
    elif kind == 4:
        members.append((rng.choice(("x.csv", "junk.xml", "datapackage.json")), rng.randbytes(9)))
    else:  # a member's content, as its kind is mutated
        members[at] = (name, _content(name)(content, rng, hazards))
    return _zip_of(members)


def mutate(data: bytes, fmt: str, rng: random.Random, *, hazards: bool = True) -> bytes:
    """``data`` (an input of ``fmt``) after one to four mutations suited to its kind."""
    structured: Mutator = _container if fmt in _CONTAINERS else _csv if fmt == "csv" else _json
    for _ in range(rng.randint(1, 4)):
        data = (structured if rng.random() < 0.85 else _bytes)(data, rng, hazards)
    return data


def materialise(data: bytes, fmt: str, folder: Path) -> Path:
    """Write the input where an importer reads it: a file with the format's suffix, or a folder.

    A folder input is the zip of its files; each member is written under its
    last name part (an unreadable zip becomes a folder with one broken descriptor).
    """
    if fmt != "datapackage-folder":
        target = folder / ("input" + _SUFFIX.get(fmt, ".csv"))
        target.write_bytes(data)
        return target
    target = folder / "package"
    target.mkdir()
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            members = [(i.filename, archive.read(i)) for i in archive.infolist()]
    except Exception:  # no longer a readable zip: its bytes as the descriptor
        members = [("datapackage.json", data)]
    for name, content in members:
        leaf = PurePosixPath(name.replace("\\", "/")).name.replace("\x00", "")
        if leaf not in ("", ".", ".."):
            (target / leaf).write_bytes(content)
    if not (target / "datapackage.json").exists():  # keep it a package folder
        (target / "datapackage.json").write_bytes(b"{}")
    return target


class ContractBroken(AssertionError):
    """What an importer promises did not hold for an input (a finding naming no file, say)."""


def _names(location: Location, where: str) -> bool:
    """Whether a finding names the file read (a document's record may name its origin)."""
    source = location.source or ""
    return source.startswith(where) or (bool(source) and location.record_kind is not None)


def _records(dataset: Dataset) -> int:
    return (
        sum(map(len, (dataset.units, dataset.organizations, dataset.members, dataset.teams)))
        + len(dataset.memberships)
        + len(dataset.activities)
        + len(dataset.successions)
        + len(dataset.figures)
        + len(dataset.targets)
        + len(dataset.submissions)
        + len(dataset.bodies)
    )


def check_contract(path: Path, *, empty_is_a_finding: bool = False) -> ImportResult | None:
    """Read ``path`` and validate it as the importers promise; return the ImportResult or None.

    Anything but an ``ImportResult`` or ``DatasetReadError`` propagates, as does
    ``ContractBroken`` when a finding does not name its file. A record of
    a dataset document keeps the file it was first read from in its
    ``provenance``, and its findings name that file. ``empty_is_a_finding``
    also asks that a file giving no record says why in a finding.
    """

    try:
        result = read_dataset(path)
    except DatasetReadError as error:
        if not str(error):
            raise ContractBroken("DatasetReadError without a message") from error
        return None
    where = os.fspath(path)
    elsewhere = [f for f in result.report.findings if not _names(f.location, where)]
    if elsewhere:
        raise ContractBroken(f"findings not naming {where}: {[str(f) for f in elsewhere[:3]]}")
    if empty_is_a_finding and not result.report.findings and not _records(result.dataset):
        raise ContractBroken(f"{where}: no record read and no finding saying why")
    validate(result.dataset)
    return result
