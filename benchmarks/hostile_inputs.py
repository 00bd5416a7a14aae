"""Hostile inputs of at most 1 MB, written to a folder and each run through ``danvan validate``.

Issue 13's target: any input of at most 1 MB is read, or refused with a
finding, within 30 s and 500 MB of peak memory, end to end. Each input below
is a small reproducer of a way a file made danvan (or its XLSX reader) abort,
hang or swallow gigabytes; ``--run`` times ``danvan validate FILE`` on each in
a fresh process and reports wall time, peak resident memory (the process and
its worker, whichever is larger: ``RUSAGE_CHILDREN``), exit code and the
finding codes it printed.

    python benchmarks/hostile_inputs.py /tmp/hostile          # write the inputs
    python benchmarks/hostile_inputs.py /tmp/hostile --run    # and time each
"""

from __future__ import annotations

import argparse
import io
import json
import re
import resource
import subprocess
import sys
import time
import warnings
import zipfile
from collections.abc import Callable
from pathlib import Path

TARGET_SECONDS, TARGET_BYTES, MAX_INPUT = 30.0, 500 * 10**6, 10**6

_CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
    'relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-'
    'officedocument.spreadsheetml.sheet.main+xml"/>'
    '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.'
    'openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
    '<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.'
    'openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>'
)
_RELS = (
    '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.'
    'openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://'
    'schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" '
    'Target="xl/workbook.xml"/></Relationships>'
)
_WORKBOOK = (
    '<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.'
    'org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/'
    '2006/relationships"><sheets><sheet name="Hoạt động" sheetId="1" r:id="rId1"/></sheets>'
    "</workbook>"
)
_WORKBOOK_RELS = (
    '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.'
    'openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://'
    'schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" '
    'Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="http://schemas.'
    'openxmlformats.org/officeDocument/2006/relationships/sharedStrings" '
    'Target="sharedStrings.xml"/></Relationships>'
)
_SHEET_HEAD = (
    '<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.'
    'org/spreadsheetml/2006/main">'
)


def workbook(sheet_data: str, shared: str = "", *, dimension: str = "A1") -> bytes:
    """A minimal workbook: one sheet with ``sheet_data`` (the ``<row>`` elements), as bytes."""
    if not shared:
        shared = '<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"/>'
    members = {
        "[Content_Types].xml": _CONTENT_TYPES,
        "_rels/.rels": _RELS,
        "xl/workbook.xml": _WORKBOOK,
        "xl/_rels/workbook.xml.rels": _WORKBOOK_RELS,
        "xl/sharedStrings.xml": '<?xml version="1.0" encoding="UTF-8"?>' + shared,
        "xl/worksheets/sheet1.xml": _SHEET_HEAD
        + f'<dimension ref="{dimension}"/><sheetData>{sheet_data}</sheetData></worksheet>',
    }
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, text in members.items():
            archive.writestr(name, text)
    return buffer.getvalue()


def row(number: int, *cells: str) -> str:
    """A ``<row>`` element holding ``cells``."""
    return f'<row r="{number}">{"".join(cells)}</row>'


def _cell(ref: str, value: str) -> str:
    return f'<c r="{ref}" t="inlineStr"><is><t>{value}</t></is></c>'


def shared_strings_four_billion() -> bytes:
    """A shared-strings table that declares four billion strings (calamine preallocates)."""
    sst = (
        '<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
        'count="4000000000" uniqueCount="4000000000"><si><t>x</t></si></sst>'
    )
    return workbook('<row r="1"><c r="A1" t="s"><v>0</v></c></row>', sst)


def far_corner() -> bytes:
    """One cell at ``XFD1048576``: a reader's dense range of 17 billion cells."""
    return workbook('<row r="1048576">' + _cell("XFD1048576", "x") + "</row>")


def long_reference() -> bytes:
    """A cell reference of absurd length."""
    return workbook('<row r="1">' + _cell("A" + "9" * 4000, "x") + "</row>")


def columns_a_and_xfd(rows: int = 2500) -> bytes:
    """Cells in columns A and XFD on each of ``rows`` rows (about 31 KB)."""
    data = "".join(
        f'<row r="{r}">' + _cell(f"A{r}", "id") + _cell(f"XFD{r}", "x") + "</row>"
        for r in range(1, rows + 1)
    )
    return workbook(data)


def member_bomb() -> bytes:
    """A sheet member of 200 MB of spaces: compressed about 1000 times."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", _CONTENT_TYPES)
        with archive.open("xl/worksheets/sheet1.xml", "w") as member:
            block = b" " * (1 << 20)
            for _ in range(200):
                member.write(block)
    return buffer.getvalue()


def _activity_rows(count: int, *, same_id: bool) -> bytes:
    header = "id,team,village,date,type,title,participants,status\n"
    lines = [header]
    for k in range(count):
        ident = "hd-1" if same_id else f"hd-{k}"
        day = 1 + k % 28
        lines.append(
            f"{ident},to-{k % 97},ban-{k % 89},2022-{1 + k % 12:02d}-{day:02d},"
            f"monthly_meeting,Họp {k * 7919 % 100003},{k % 50},done\n"
        )
    return "".join(lines).encode()


def _zip(members: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def duplicate_ids_package(target: int = 1_000_000) -> bytes:
    """A zip of one activities CSV, every row with one id, as many rows as fit in ``target``."""
    low, high = 1_000, 2_000_000
    while high - low > 1_000:  # the most rows whose zip stays under the target
        middle = (low + high) // 2
        if len(_zip({"activities.csv": _activity_rows(middle, same_id=True)})) <= target:
            low = middle
        else:
            high = middle
    return _zip({"activities.csv": _activity_rows(low, same_id=True)})


def _repetitive_rows(count: int) -> bytes:
    """Activity rows with one id that vary just enough to inflate about 70 times (under 100)."""
    header = "id,team,village,date,type,title,participants,status\n"
    rows = (
        f"hd-1,to-1,ban-1,2022-01-01,monthly_meeting,Họp,{k % 150},done\n" for k in range(count)
    )
    return (header + "".join(rows)).encode()


def small_rows_package() -> bytes:
    """The issue's shape: about 100 KB of zip holding two million identical small rows."""
    header = "id,team,village,date,type\n"
    text = header + "hd-1,to-1,ban-1,2022-01-01,monthly_meeting\n" * 2_000_000
    return _zip({"activities.csv": text.encode()})


def duplicate_ids_at_the_limits() -> bytes:
    """The worst package the default limits let through: rows up to ``max_rows``, ratio < 100.

    The issue's 98 KB package of small rows inflated far beyond what the
    ratio now allows; this one stays under it, with as many rows as a file
    may hold (299,998 and its header), every one with the same id.
    """
    return _zip({"activities.csv": _repetitive_rows(299_998)})


def duplicate_ids_workbook(target: int = 1_000_000) -> bytes:
    """A workbook of rows with one id, as many as fit in ``target`` bytes."""

    names = "id team village date type title".split()

    def build(count: int) -> bytes:
        data = [row(1, *(_cell(f"{c}1", h) for c, h in zip("ABCDEF", names, strict=True)))]
        for r in range(2, count + 2):
            values = ("hd-1", "to-1", "ban-1", "2022-01-01", "monthly_meeting", f"Họp {r % 1000}")
            data.append(
                row(r, *(_cell(f"{c}{r}", v) for c, v in zip("ABCDEF", values, strict=True)))
            )
        return workbook("".join(data))

    low, high = 1_000, 400_000
    while high - low > 1_000:
        middle = (low + high) // 2
        if len(build(middle)) <= target:
            low = middle
        else:
            high = middle
    return build(low)


def duplicate_ids_csv(target: int = 1_000_000) -> bytes:
    """A plain CSV of about ``target`` bytes, every row with one id."""
    rows = _activity_rows(30_000, same_id=True)
    per_row = len(rows) / 30_000
    return _activity_rows(int(target / per_row) - 1, same_id=True)


def empty_archive() -> bytes:
    """A zip without a member."""
    return _zip({})


def duplicate_member() -> bytes:
    """A zip holding ``activities.csv`` twice."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("activities.csv", _activity_rows(2, same_id=False))
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # zipfile warns of the name used twice: the point
            archive.writestr("activities.csv", _activity_rows(3, same_id=False))
    return buffer.getvalue()


def deep_json() -> bytes:
    """A JSON document nested 100,000 levels (under 1 MB)."""
    return b"[" * 100_000 + b"]" * 100_000


INPUTS: dict[str, Callable[[], bytes]] = {
    "sst-four-billion.xlsx": shared_strings_four_billion,
    "far-corner.xlsx": far_corner,
    "long-reference.xlsx": long_reference,
    "columns-a-xfd.xlsx": columns_a_and_xfd,
    "member-bomb.xlsx": member_bomb,
    "small-rows.zip": small_rows_package,
    "duplicate-ids.zip": duplicate_ids_package,
    "duplicate-ids-at-limits.zip": duplicate_ids_at_the_limits,
    "duplicate-ids.xlsx": duplicate_ids_workbook,
    "duplicate-ids.csv": duplicate_ids_csv,
    "empty.zip": empty_archive,
    "duplicate-member.zip": duplicate_member,
    "deep.json": deep_json,
}


def write_inputs(folder: Path) -> list[Path]:
    """Every hostile input written into ``folder``; each at most 1 MB."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for name, build in INPUTS.items():
        data = build()
        assert len(data) <= MAX_INPUT, (name, len(data))
        path = folder / name
        path.write_bytes(data)
        paths.append(path)
    return paths


def _danvan() -> list[str]:
    script = Path(sys.executable).with_name("danvan")
    return [str(script)] if script.exists() else [sys.executable, "-m", "danvan"]


def run_one(path: Path) -> tuple[float, int, int, list[str]]:
    """Seconds, peak resident bytes, exit code and finding codes of ``danvan validate path``."""
    start = time.perf_counter()
    done = subprocess.run(
        [*_danvan(), "validate", str(path)], capture_output=True, text=True, check=False
    )
    seconds = time.perf_counter() - start
    # The largest of the children and their waited-for children (the worker), in KiB; run
    # in a fresh process (``_measured``), so that it is this input's.
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss * 1024
    found = sorted(set(re.findall(r"\bDV\d{3}\b", done.stdout + done.stderr)))
    if not found and done.stderr:  # a file alone refused: "Error: ... / <English reason>"
        found = [done.stderr.strip().splitlines()[-1].rsplit(" / ", 1)[-1][:60]]
    return seconds, peak, done.returncode, found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("folder", type=Path)
    parser.add_argument("--run", action="store_true", help="time danvan validate on each")
    args = parser.parse_args()
    paths = write_inputs(args.folder)
    if not args.run:
        print("\n".join(f"{p.stat().st_size:>9,} B  {p}" for p in paths))
        return
    print(f"{'input':<24}{'size':>10}{'time':>9}{'peak MB':>9}  exit  codes")
    for path in paths:
        seconds, peak, code, found = _measured(path)
        ok = seconds <= TARGET_SECONDS and peak <= TARGET_BYTES
        print(
            f"{path.name:<24}{path.stat().st_size:>10,}{seconds:>8.2f}s{peak / 1e6:>9.0f}"
            f"  {code:>4}  {' '.join(found)}{'' if ok else '  OVER TARGET'}"
        )


def _measured(path: Path) -> tuple[float, int, int, list[str]]:
    """``run_one`` in a fresh Python process, so that each peak is the input's own."""
    command = [
        sys.executable,
        "-c",
        "import sys; sys.path.insert(0, sys.argv[1]); import hostile_inputs as h; "
        "import json; from pathlib import Path; print(json.dumps(h.run_one(Path(sys.argv[2]))))",
        str(Path(__file__).parent),
        str(path),
    ]
    out = subprocess.run(command, capture_output=True, text=True, check=True).stdout
    seconds, peak, code, found = json.loads(out)
    return float(seconds), int(peak), int(code), list(found)


if __name__ == "__main__":
    main()
