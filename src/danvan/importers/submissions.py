"""Recording what was read as submissions: one `Submission` per file, told from the file alone.

``read_dataset(..., record_submissions=True)`` calls `record_submissions` after
the files are merged. For each file: the reporter is its one team (or, when its
teams all lie in one commune, that commune), else None with a note; the period
is the span of its activities' days; the file's name and the SHA-256 of its
bytes; the received day is, in this order, the ``received`` option, the one
received day typed for it in the file's own submissions sheet, the XLSX file's
own metadata (``docProps/core.xml``, ``dcterms:modified``, counted in Vietnam's
time, UTC+7), else None. Never the clock: a day nobody wrote is not known.

The file is opened a second time to hash it (and, for a workbook, to read its
metadata part): the importers read from their own streams, some by seeking,
and a hashing wrapper cannot follow a seek.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import re
import zipfile
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

import attrs

from danvan.findings import RecordOrigin
from danvan.importers.files import open_regular
from danvan.model import Dataset, Level, Provenance, Submission

_CHUNK = 1 << 20
_CORE = "docProps/core.xml"
_CORE_CAP = 64 * 1024
_MODIFIED = re.compile(rb"<(?:\w+:)?modified\b[^>]*>\s*([^<\s]+)\s*</(?:\w+:)?modified>")
#: Vietnam's offset from UTC: a file saved at 20:00 UTC came in the next day in Hà Nội.
VIETNAM = dt.timezone(dt.timedelta(hours=7))


def file_sha256(path: str | os.PathLike[str]) -> str:
    """The SHA-256 of the file's bytes, in hex ("" for a folder, which has no bytes of its own)."""
    if Path(path).is_dir():
        return ""
    digest = hashlib.sha256()
    with open_regular(path) as stream:
        while chunk := stream.read(_CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def workbook_modified(path: str | os.PathLike[str]) -> dt.date | None:
    """The day a workbook says it was last saved (``dcterms:modified``, in UTC+7), if it says.

    None for anything that is not a zip with that part, or whose date does not parse.
    """
    try:
        with zipfile.ZipFile(path) as archive, archive.open(_CORE) as member:
            data = member.read(_CORE_CAP)
    except (OSError, KeyError, zipfile.BadZipFile, ValueError):
        return None
    match = _MODIFIED.search(data)
    if match is None:
        return None
    text = match.group(1).decode("ascii", "replace").replace("Z", "+00:00")
    try:
        moment = dt.datetime.fromisoformat(text)
    except ValueError:
        return None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=dt.UTC)
    return moment.astimezone(VIETNAM).date()


def _of_file(
    records: Sequence[Any], table: str, source: str, origins: Iterable[RecordOrigin]
) -> list[Any]:
    """The records of ``table`` read from ``source``: by their provenance, or by the span a
    document's records took in the merged list."""
    spans = [(o.start, o.end) for o in origins if o.table == table and o.source == source]
    return [
        record
        for index, record in enumerate(records)
        if (record.provenance is not None and record.provenance.source == source)
        or any(start <= index < end for start, end in spans)
    ]


def _reporter(dataset: Dataset, teams: set[str], villages: set[str]) -> str | None:
    """The file's one team, else the one commune its villages lie in, else None."""
    if len(teams) == 1:
        return next(iter(teams))
    communes: set[str | None] = set()
    for village in villages:
        unit = dataset.unit(village)
        for _ in range(len(Level)):  # a parent loop (a finding elsewhere) ends here
            if unit is None or unit.level is Level.COMMUNE or not unit.parent:
                break
            unit = dataset.unit(unit.parent)
        communes.add(unit.id if unit is not None and unit.level is Level.COMMUNE else None)
    if len(communes) == 1 and None not in communes:
        return communes.pop()
    return None


def _typed_received(typed: Sequence[Submission], name: str) -> dt.date | None:
    """The one received day the file's own submissions sheet gives for this file, if one."""
    days = {s.received for s in typed if s.received is not None and s.file in ("", name)}
    return days.pop() if len(days) == 1 else None


def record_submissions(
    dataset: Dataset,
    sources: Sequence[str],
    origins: Sequence[RecordOrigin] = (),
    *,
    received: dt.date | None = None,
) -> Dataset:
    """``dataset`` with one more `Submission` per file of ``sources`` (see the module)."""
    recorded: list[Submission] = []
    for source in sources:
        name = Path(source).name
        activities = _of_file(dataset.activities, "activities", source, origins)
        teams = {a.team for a in activities}
        teams |= {t.id for t in _of_file(dataset.teams, "teams", source, origins)}
        villages = {a.village for a in activities}
        reporter = _reporter(dataset, teams, villages)
        days = [a.date for a in activities]
        typed = _of_file(dataset.submissions, "submissions", source, origins)
        day = received or _typed_received(typed, name) or workbook_modified(source)
        notes = []
        try:
            sha = file_sha256(source)
        except OSError:  # gone or changed into a non-file since it was read
            sha = ""
            notes.append("không đọc lại được để băm / could not be read again to hash")
        if reporter is None:
            notes.append(
                f"không rõ đơn vị báo cáo: {len(teams)} tổ / reporter not told: {len(teams)} teams"
            )
        if not days:
            notes.append("không có hoạt động nào / no activity: period not told")
        recorded.append(
            Submission(
                id=f"nop-{sha[:12]}" if sha else f"nop-{len(recorded) + 1}",
                reporter=reporter,
                start=min(days, default=None),
                end=max(days, default=None),
                received=day,
                file=name,
                sha256=sha,
                note="; ".join(notes),
                provenance=Provenance(source=source),
            )
        )
    return attrs.evolve(dataset, submissions=(*dataset.submissions, *recorded))
