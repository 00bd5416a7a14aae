"""The benchmark harness: danvan beside the raw libraries it wraps, pandas and polars.

Every stage is timed against its raw baseline in the same run, and the whole
job against the data-frame route a user would otherwise take:

- ``load``: ``load_checked`` (parse, text checks, structure with findings) and
  ``load_checked`` + ``validate`` (every rule) against orjson parse + direct
  attrs construction of the same records;
- ``aggregate``: ``summarize`` by commune x month x activity type against a
  hand-written single-pass dict accumulator (dataset loaded untimed);
- ``export``: each exporter against its raw writer (csv.writer, orjson,
  XlsxWriter constant_memory) on ``n`` rows;
- ``e2e``: read the activities (JSON lines) and the setting they refer to
  (units, teams, catalogue: ``setting.json``) -> check -> sum by commune x month
  x type -> write XLSX, by danvan (``load_lines``), pandas and polars (when
  installed);
- ``incremental``: the same job over a folder of 100 commune files
  (``synthetic.write_communes``) with ``danvan.report_folder``: cold (no
  store), warm after one file changed, warm with nothing changed, beside the
  polars and pandas cold runs of the ``e2e`` job on the same activities;
- ``memory``: bytes per activity of the loaded dataset (tracemalloc), loaded
  from the whole document and from the setting plus the lines.

Each measurement runs in a fresh process, contenders interleaved round by round,
medians of ``--repeat`` rounds. Its peak memory is read from its own process:
``VmHWM`` of ``/proc/self/status`` after resetting it (``clear_refs``), not
``ru_maxrss``, which Linux carries over from the parent across fork and exec.
The inputs come from ``benchmarks/synthetic.py`` (seeded) and are kept in
``--data`` between runs.

    python benchmarks/run.py --n 1000000 --repeat 3 --data /tmp/danvan-bench
    python benchmarks/run.py --small          # CI: a few thousand records, no timing asserted
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import gc
import importlib.metadata
import importlib.util
import io
import json
import resource
import statistics
import subprocess
import sys
import tempfile
import time
import tracemalloc
import zipfile
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path
from typing import Any

import orjson
import xlsxwriter

sys.path.insert(0, str(Path(__file__).resolve().parent))

from synthetic import ACTIVITIES, COMMUNES, DOCUMENT, SETTING, write_communes, write_inputs

import danvan
from danvan import export, load_checked, load_lines, summarize, validate
from danvan.aggregate import Measure
from danvan.collector import collector_paused
from danvan.labels import Label
from danvan.loading import converter
from danvan.model import (
    Activity,
    AdminUnit,
    Aggregation,
    Assignment,
    Catalog,
    Dataset,
    Funding,
    FundingSource,
    Level,
    Member,
    Membership,
    Quantity,
    Role,
    Status,
    Team,
)
from danvan.plugins import available_exporters
from danvan.tables import Bundle, BundleMetadata, Column, ColumnType, Table

STAGES = ("load", "aggregate", "export", "e2e", "incremental", "memory")
YEAR = "2022"
FIRST, LAST = date(2022, 1, 1), date(2022, 12, 31)

# ---------------------------------------------------------------------------------------
# load: parse + structure (+ validate)
# ---------------------------------------------------------------------------------------


def _day(text: str | None) -> date | None:
    return None if text is None else date.fromisoformat(text)


def raw_construct(raw: dict[str, Any]) -> Dataset:
    """Direct attrs construction of the parsed document: what one writes with no checks at all."""
    activities = []
    for a in raw.get("activities", ()):
        activities.append(
            Activity(
                id=a["id"],
                team=a["team"],
                village=a["village"],
                date=date.fromisoformat(a["date"]),
                type=a["type"],
                title=a.get("title", ""),
                topics=tuple(a.get("topics", ())),
                participants=a.get("participants"),
                households=a.get("households"),
                quantities=tuple(
                    Quantity(q["indicator"], q["value"], q.get("unit"))
                    for q in a.get("quantities", ())
                ),
                funding=tuple(
                    Funding(FundingSource(f["source"]), f["amount"], f.get("donor"))
                    for f in a.get("funding", ())
                ),
                partners=tuple(a.get("partners", ())),
                status=Status(a.get("status", "done")),
                note=a.get("note", ""),
            )
        )
    units = tuple(
        AdminUnit(
            u["id"],
            u["name"],
            Level(u["level"]),
            parent=u.get("parent"),
            code=u.get("code"),
            valid_from=_day(u.get("valid_from")),
            valid_until=_day(u.get("valid_until")),
        )
        for u in raw.get("units", ())
    )
    teams = tuple(
        Team(
            t["id"],
            t["name"],
            villages=tuple(
                Assignment(v["village"], _day(v.get("valid_from")), _day(v.get("valid_until")))
                for v in t.get("villages", ())
            ),
            decision=t.get("decision"),
            established=_day(t.get("established")),
            dissolved=_day(t.get("dissolved")),
        )
        for t in raw.get("teams", ())
    )
    members = tuple(Member(m["id"], m["full_name"]) for m in raw.get("members", ()))
    memberships = tuple(
        Membership(
            m["id"],
            m["team"],
            m["member"],
            Role(m.get("role", "member")),
            _day(m.get("valid_from")),
            _day(m.get("valid_until")),
        )
        for m in raw.get("memberships", ())
    )
    return Dataset(
        units=units,
        members=members,
        teams=teams,
        memberships=memberships,
        activities=tuple(activities),
        catalog=converter.structure(raw["catalog"], Catalog),
        title=raw.get("title", ""),
    )


def _load(data: Path) -> Dataset:
    # A bulk load, so paused as the danvan command pauses it (the library never does).
    with collector_paused():
        dataset, report = load_checked((data / DOCUMENT).read_bytes(), source=DOCUMENT)
    assert dataset is not None, report.summary("en")
    return dataset


def load_raw(data: Path, _out: Path, _state: Any) -> None:
    raw_construct(orjson.loads((data / DOCUMENT).read_bytes()))


def load_raw_paused(data: Path, _out: Path, _state: Any) -> None:
    with collector_paused():
        raw_construct(orjson.loads((data / DOCUMENT).read_bytes()))


def load_danvan(data: Path, _out: Path, _state: Any) -> None:
    _load(data)


def load_validate_danvan(data: Path, _out: Path, _state: Any) -> None:
    validate(_load(data), as_of=LAST)


# ---------------------------------------------------------------------------------------
# aggregate: summarize vs a hand-written accumulator
# ---------------------------------------------------------------------------------------


def hand_written(dataset: Dataset) -> dict[tuple[Any, ...], list[Any]]:
    """The single-pass dict accumulator one writes for exactly this query (locals only).

    Per commune x month x type of 2022: activities, participants, households,
    every indicator with its own aggregation, money by source, the villages
    with an activity, and the (team, month) pairs with a monthly meeting.
    """
    commune_of = {}
    for unit in dataset.units:
        if unit.level is Level.VILLAGE:
            parent = dataset.ancestor_at(unit.id, Level.COMMUNE)
            commune_of[unit.id] = parent.id if parent is not None else None
    sources = {source: 4 + i for i, source in enumerate(FundingSource)}
    slots: dict[str, tuple[int, Aggregation]] = {}
    start = [0, 0, 0, None, 0, 0, 0]
    for indicator in dataset.catalog.indicators:
        slots[indicator.code] = (len(start), indicator.aggregation)
        start += [None, None] if indicator.aggregation is Aggregation.LAST else [0]
    meeting_types = dataset.catalog.meeting_types
    done = Status.DONE
    sum_, count, max_ = Aggregation.SUM, Aggregation.COUNT, Aggregation.MAX
    table: dict[tuple[Any, ...], list[Any]] = {}
    meetings: set[tuple[str, tuple[int, int]]] = set()
    for a in dataset.activities:
        d = a.date
        if a.status is not done or d < FIRST or d > LAST:
            continue
        commune = commune_of.get(a.village)
        if commune is None:
            continue
        month = (d.year, d.month)
        key = (commune, month, a.type)
        acc = table.get(key)
        if acc is None:
            acc = table[key] = start.copy()
            acc[3] = set()
        acc[0] += 1
        participants, households = a.participants, a.households
        if participants:
            acc[1] += participants
        if households:
            acc[2] += households
        acc[3].add(a.village)
        for f in a.funding:
            acc[sources[f.source]] += f.amount
        for q in a.quantities:
            spec = slots.get(q.indicator)
            if spec is None:
                continue
            slot, aggregation = spec
            if aggregation is sum_:
                acc[slot] += q.value
            elif aggregation is count:
                acc[slot] += 1
            elif aggregation is max_:
                if acc[slot] is None or q.value > acc[slot]:
                    acc[slot] = q.value
            elif acc[slot + 1] is None or d >= acc[slot + 1]:
                acc[slot], acc[slot + 1] = q.value, d
        if a.type in meeting_types:
            meetings.add((a.team, month))
    return table


def aggregate_setup(data: Path) -> Dataset:
    dataset = _load(data)
    gc.collect()
    return dataset


def aggregate_raw(_data: Path, _out: Path, dataset: Dataset) -> None:
    hand_written(dataset)


def aggregate_danvan(_data: Path, _out: Path, dataset: Dataset) -> None:
    summarize(dataset, YEAR, by=Level.COMMUNE, per=("month", "type"))


def aggregate_pandas(_data: Path, _out: Path, dataset: Dataset) -> None:
    """The data-frame route over the same objects: build a frame, then group (additive measures)."""
    import pandas as pd

    commune_of = {}
    for unit in dataset.units:
        if unit.level is Level.VILLAGE:
            parent = dataset.ancestor_at(unit.id, Level.COMMUNE)
            commune_of[unit.id] = parent.id if parent is not None else None
    activities = [a for a in dataset.activities if a.status is Status.DONE]
    frame = pd.DataFrame(
        {
            "commune": [commune_of.get(a.village) for a in activities],
            "date": pd.to_datetime([a.date for a in activities]),
            "type": [a.type for a in activities],
            "participants": [a.participants or 0 for a in activities],
            "households": [a.households or 0 for a in activities],
            "money": [sum(f.amount for f in a.funding) for a in activities],
        }
    )
    frame = frame[(frame["date"] >= str(FIRST)) & (frame["date"] <= str(LAST))]
    frame["month"] = frame["date"].dt.to_period("M")
    frame.groupby(["commune", "month", "type"]).agg(
        activities=("type", "size"),
        participants=("participants", "sum"),
        households=("households", "sum"),
        money=("money", "sum"),
    )


# ---------------------------------------------------------------------------------------
# export: each exporter vs its raw writer, on n generated rows
# ---------------------------------------------------------------------------------------

VILLAGES = ["Bản Mốc 4", "Bản Nà Sự", "Bản Van Hồ", "Bản Huổi Hoi", "Bản Mạy Hốc", "Bản Nậm Tin 1"]
VILLAGES.append("Bản Phìn Hồ")
TOPICS = [
    "Bảo vệ rừng",
    "Phòng, chống ma túy",
    "Tảo hôn, hôn nhân cận huyết thống",
    "Tiêm vắc-xin Covid-19",
    "Căn cước công dân",
    "Nghĩa vụ quân sự",
]
DATES = [dt.date(2022, 1, 1) + dt.timedelta(days=d) for d in range(365)]
COLUMNS = (
    Column("village", Label("Bản", "Village")),
    Column("topic", Label("Nội dung", "Topic")),
    Column("held_on", Label("Ngày", "Date"), ColumnType.DATE),
    Column("sessions", Label("Số buổi", "Sessions"), ColumnType.INTEGER),
    Column("people", Label("Lượt người", "People reached"), ColumnType.INTEGER),
    Column("funds", Label("Kinh phí", "Funds"), ColumnType.MONEY),
    Column("share", Label("Tỷ lệ", "Share"), ColumnType.PERCENT),
    Column("held", Label("Đã họp", "Held"), ColumnType.BOOLEAN),
)
HEADER = [c.label.vi for c in COLUMNS]
FORMATS = ("csv", "datapackage", "json", "jsonl", "xlsx")


def activity_rows(n: int) -> Iterator[tuple[Any, ...]]:
    """N activity rows of every column type, generated lazily (no list of a million rows)."""
    villages, topics, dates = VILLAGES, TOPICS, DATES
    for i in range(n):
        yield (
            villages[i % 7],
            topics[i % 6],
            dates[i % 365],
            1 + i % 5,
            20 + i % 200,
            (i % 50) * 100_000,
            (i % 100) / 100,
            i % 7 != 0,
        )


def raw_csv(n: int, stream: io.BufferedWriter) -> None:
    text = io.TextIOWrapper(stream, encoding="utf-8-sig", newline="")
    writer = csv.writer(text)
    writer.writerow(HEADER)
    writer.writerows(activity_rows(n))
    text.flush()
    text.detach()


def raw_datapackage(n: int, stream: io.BufferedWriter) -> None:
    """A zip of one CSV (csv.writer) and a hand-written datapackage.json."""
    types = {"held_on": "date", "sessions": "integer", "people": "integer", "funds": "integer"}
    fields = [{"name": c.name, "type": types.get(c.name, "string")} for c in COLUMNS]
    descriptor = {
        "name": "benchmark",
        "resources": [
            {"name": "activities", "path": "activities.csv", "schema": {"fields": fields}}
        ],
    }
    with zipfile.ZipFile(stream, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("datapackage.json", orjson.dumps(descriptor))
        with archive.open("activities.csv", "w") as member:
            text = io.TextIOWrapper(member, encoding="utf-8-sig", newline="")
            writer = csv.writer(text)
            writer.writerow([c.name for c in COLUMNS])
            writer.writerows(activity_rows(n))
            text.flush()


def raw_json(n: int, stream: io.BufferedWriter) -> None:
    """One document, {"metadata", "tables": [{"columns", "rows"}]}, rows written as they come."""
    dumps = orjson.dumps
    columns = [{"name": c.name, "label": c.label.vi, "type": c.type.value} for c in COLUMNS]
    head = {"name": "activities", "title": "Hoạt động", "columns": columns}
    stream.write(b'{"metadata":{"title":"Benchmark"},"tables":[')
    stream.write(dumps(head)[:-1] + b',"rows":[')
    for i, row in enumerate(activity_rows(n)):
        stream.write(b"," + dumps(row) if i else dumps(row))
    stream.write(b"]}]}")


def raw_jsonl(n: int, stream: io.BufferedWriter) -> None:
    dumps, names = orjson.dumps, [c.name for c in COLUMNS]
    option = orjson.OPT_APPEND_NEWLINE
    for row in activity_rows(n):
        stream.write(dumps(dict(zip(names, row, strict=True)), option=option))


def raw_xlsx(n: int, stream: io.BufferedWriter) -> None:
    workbook = xlsxwriter.Workbook(
        stream, {"constant_memory": True, "default_date_format": "dd/mm/yyyy"}
    )
    sheet = workbook.add_worksheet("activities")
    sheet.write_row(0, 0, HEADER)
    for r, row in enumerate(activity_rows(n), start=1):
        sheet.write_row(r, 0, row)
    workbook.close()


def rustpy_xlsx(_data: Path, out: Path, n: int) -> None:
    """The Rust-backed candidate writer: it takes a dict per row (see docs/performance.md)."""
    import rustpy_xlsxwriter

    rows = (dict(zip(HEADER, row, strict=True)) for row in activity_rows(n))
    rustpy_xlsxwriter.write_worksheet(
        rows, str(out / "rustpy.xlsx"), sheet_name="activities", datetime_format="dd/mm/yyyy"
    )


def _installed(module: str) -> bool:
    """Whether ``module`` can be imported, without importing it (an import would count in the
    peak memory of every contender measured in this process)."""
    return importlib.util.find_spec(module) is not None


def _version(distribution: str) -> str | None:
    """The installed version of ``distribution``, read from its metadata (not imported)."""
    try:
        return importlib.metadata.version(distribution)
    except importlib.metadata.PackageNotFoundError:
        return None


RAW_WRITERS: dict[str, Callable[[int, io.BufferedWriter], None]] = {
    "csv": raw_csv,
    "datapackage": raw_datapackage,
    "json": raw_json,
    "jsonl": raw_jsonl,
    "xlsx": raw_xlsx,
}


def export_raw(fmt: str) -> Callable[[Path, Path, Any], None]:
    def run(_data: Path, out: Path, n: int) -> None:
        with open(out / f"raw.{fmt}", "wb") as stream:
            RAW_WRITERS[fmt](n, stream)

    return run


def export_danvan(fmt: str) -> Callable[[Path, Path, Any], None]:
    def run(_data: Path, out: Path, n: int) -> None:
        exporter = available_exporters()[fmt]
        table = Table(
            "activities", Label("Hoạt động", "Activities"), COLUMNS, lambda: activity_rows(n)
        )
        bundle = Bundle([table], BundleMetadata(Label("Benchmark")))
        with open(out / f"danvan.{fmt}", "wb") as stream:
            exporter.write(bundle, stream, exporter.options("vi"))

    return run


# ---------------------------------------------------------------------------------------
# e2e: JSON lines + setting -> check -> commune x month x type -> XLSX
# ---------------------------------------------------------------------------------------

E2E_MEASURES = (Measure.ACTIVITIES, Measure.PARTICIPANTS, Measure.HOUSEHOLDS, Measure.MONEY)


def e2e_danvan(data: Path, out: Path, _state: Any) -> None:
    """The lines are loaded as they are read (``load_lines``): no parsed document is ever held."""
    setting = (data / SETTING).read_bytes()
    with open(data / ACTIVITIES, "rb") as lines, collector_paused():
        dataset, report = load_lines(setting, lines, source=ACTIVITIES, setting_source=SETTING)
    assert dataset is not None, report.summary("en")
    summary = summarize(
        dataset, YEAR, by=Level.COMMUNE, per=("month", "type"), measures=E2E_MEASURES
    )
    bundle = Bundle([summary.to_table()], BundleMetadata(Label("Tổng hợp", "Summary")))
    export(bundle, out / "danvan.xlsx")


def _commune_of(data: Path) -> dict[str, str]:
    """Village id -> commune id, from the setting's units (a few thousand, plain Python)."""
    units = orjson.loads((data / SETTING).read_bytes())["units"]
    parent = {u["id"]: u.get("parent") for u in units}
    level = {u["id"]: u["level"] for u in units}
    communes = {}
    for unit_id, unit_level in level.items():
        if unit_level == "village":
            up = parent[unit_id]
            while up is not None and level.get(up) != "commune":
                up = parent.get(up)
            if up is not None:
                communes[unit_id] = up
    return communes


def e2e_pandas(data: Path, out: Path, _state: Any) -> None:
    import pandas as pd

    commune_of = _commune_of(data)
    frame = pd.read_json(data / ACTIVITIES, lines=True, dtype=False)
    if "status" in frame:
        frame = frame[frame["status"].isna() | (frame["status"] == "done")]
    frame["date"] = pd.to_datetime(frame["date"], format="%Y-%m-%d")
    frame = frame[frame["date"].dt.year == int(YEAR)]
    frame["commune"] = frame["village"].map(commune_of)
    frame["month"] = frame["date"].dt.strftime("%Y-%m")
    funding = frame["funding"].explode().dropna()
    money = pd.DataFrame(
        {"source": funding.str["source"], "amount": funding.str["amount"]}, index=funding.index
    )
    money = money.pivot_table(index=money.index, columns="source", values="amount", aggfunc="sum")
    frame = frame.join(money)
    sources = [s.value for s in FundingSource]
    for source in sources:
        if source not in frame:
            frame[source] = 0
    frame[sources] = frame[sources].fillna(0)
    grouped = frame.groupby(["commune", "month", "type"]).agg(
        activities=("id", "size"),
        participants=("participants", "sum"),
        households=("households", "sum"),
        **{source: (source, "sum") for source in sources},
    )
    grouped["money_total"] = grouped[sources].sum(axis=1)
    grouped.reset_index().to_excel(out / "pandas.xlsx", engine="xlsxwriter", index=False)


def e2e_polars(data: Path, out: Path, _state: Any) -> None:
    import polars as pl

    commune_of = _commune_of(data)
    communes = pl.DataFrame({"village": list(commune_of), "commune": list(commune_of.values())})
    funding = pl.List(pl.Struct({"source": pl.String, "amount": pl.Int64}))
    schema = {
        "id": pl.String,
        "village": pl.String,
        "date": pl.String,
        "type": pl.String,
        "participants": pl.Int64,
        "households": pl.Int64,
        "funding": funding,
        "status": pl.String,
    }
    frame = pl.read_ndjson(data / ACTIVITIES, schema=schema)
    sources = [s.value for s in FundingSource]
    money = [
        pl.col("funding")
        .list.eval(
            pl.element()
            .filter(pl.element().struct.field("source") == source)
            .struct.field("amount")
        )
        .list.sum()
        .fill_null(0)
        .alias(source)
        for source in sources
    ]
    result = (
        frame.filter(pl.col("status").is_null() | (pl.col("status") == "done"))
        .with_columns(pl.col("date").str.to_date("%Y-%m-%d"))
        .filter(pl.col("date").dt.year() == int(YEAR))
        .with_columns(pl.col("date").dt.strftime("%Y-%m").alias("month"), *money)
        .join(communes, on="village", how="inner")
        .group_by(["commune", "month", "type"])
        .agg(
            pl.len().alias("activities"),
            pl.col("participants").sum(),
            pl.col("households").sum(),
            *(pl.col(source).sum() for source in sources),
        )
        .with_columns(pl.sum_horizontal(sources).alias("money_total"))
        .sort(["commune", "month", "type"])
    )
    result.write_excel(out / "polars.xlsx")


# ---------------------------------------------------------------------------------------
# incremental: the e2e job over a folder of commune files, through the store
# ---------------------------------------------------------------------------------------

CHANGED = "xa-007.json"
"""The file that changes between the runs of "warm, one file changed"."""


def _folder_job(data: Path, out: Path, cache: Path | bool) -> None:
    """The e2e job (check, sum by commune x month x type, write XLSX) over the folder."""
    with collector_paused():
        result = danvan.report_folder(
            data / COMMUNES, YEAR, per=("month", "type"), measures=E2E_MEASURES, cache=cache
        )
    bundle = Bundle([result.summary.to_table()], BundleMetadata(Label("Tổng hợp", "Summary")))
    export(bundle, out / "danvan.xlsx")


def incremental_cold(data: Path, out: Path, _state: Any) -> None:
    _folder_job(data, out, False)


def incremental_warm(data: Path, out: Path, _state: Any) -> None:
    _folder_job(data, out, data / "store")


def prime(data: Path) -> None:
    """Fill the store for the folder as it is."""
    with tempfile.TemporaryDirectory() as scratch:
        _folder_job(data, Path(scratch), data / "store")


def _primed(data: Path, _n: int) -> None:
    """The store filled for the folder as it is, untimed, in a process of its own (so that
    the measured process's memory is the warm run's alone)."""
    subprocess.run([sys.executable, __file__, "--prime", str(data)], check=True)


def _primed_then_changed(data: Path, n: int) -> None:
    """The store filled, then one commune's file changed as a new month changes it: a figure
    and a title of its first activity, never to a content the store has seen."""
    _primed(data, n)
    path = data / COMMUNES / CHANGED
    original = data / (CHANGED + ".orig")
    if not original.exists():
        original.write_bytes(path.read_bytes())
    raw = orjson.loads(original.read_bytes())
    first = raw["activities"][0]
    stamp = time.time_ns()
    first["title"] = f"Hoạt động sửa lại {stamp}"
    first["participants"] = (first.get("participants") or 0) + 1 + stamp % 7
    path.write_bytes(orjson.dumps(raw))


# ---------------------------------------------------------------------------------------
# memory: bytes per activity of the loaded dataset
# ---------------------------------------------------------------------------------------


def bytes_per_activity(data: Path, n: int, *, streamed: bool = False) -> float:
    """Memory the loaded dataset holds (tracemalloc, parse buffers freed), per activity.

    Loaded from the whole document (``load_checked``) or, ``streamed``, from
    the setting and the JSON lines (``load_lines``), as the end-to-end job does.
    """
    document = (data / (SETTING if streamed else DOCUMENT)).read_bytes()
    tracemalloc.start()
    before = tracemalloc.get_traced_memory()[0]
    if streamed:
        with open(data / ACTIVITIES, "rb") as lines, collector_paused():
            dataset, _ = load_lines(document, lines)
    else:
        with collector_paused():
            dataset, _ = load_checked(document)
    gc.collect()
    held = tracemalloc.get_traced_memory()[0] - before
    tracemalloc.stop()
    assert dataset is not None
    return held / n


# ---------------------------------------------------------------------------------------
# The contenders, the child process and the table
# ---------------------------------------------------------------------------------------

Run = Callable[[Path, Path, Any], None]
Setup = Callable[[Path, int], Any]


def _no_setup(_data: Path, n: int) -> int:
    return n


def contenders(stage: str) -> list[tuple[str, Run, Setup]]:
    """The contenders of ``stage``, baseline first: (name, timed run, untimed setup)."""
    if stage == "load":
        return [
            ("orjson + attrs (raw)", load_raw, _no_setup),
            ("orjson + attrs, collector paused", load_raw_paused, _no_setup),
            ("danvan load_checked", load_danvan, _no_setup),
            ("danvan load_checked + validate", load_validate_danvan, _no_setup),
        ]
    if stage == "aggregate":
        setup: Setup = lambda data, _n: aggregate_setup(data)  # noqa: E731
        found = [
            ("hand-written accumulator (raw)", aggregate_raw, setup),
            ("danvan summarize", aggregate_danvan, setup),
        ]
        if _installed("pandas"):
            found.append(("pandas (build + groupby)", aggregate_pandas, setup))
        return found
    if stage.startswith("export-"):
        fmt = stage.removeprefix("export-")
        raw_name = {
            "csv": "csv.writer",
            "datapackage": "zipfile + csv.writer",
            "json": "orjson",
            "jsonl": "orjson",
            "xlsx": "XlsxWriter",
        }[fmt]
        exporters = [
            (f"{raw_name} (raw)", export_raw(fmt), _no_setup),
            (f"danvan {fmt} exporter", export_danvan(fmt), _no_setup),
        ]
        if fmt == "xlsx" and _installed("rustpy_xlsxwriter"):
            exporters.append(("rustpy-xlsxwriter (candidate)", rustpy_xlsx, _no_setup))
        return exporters
    if stage == "e2e":
        found: list[tuple[str, Run, Setup]] = []
        for module, run in (("pandas", e2e_pandas), ("polars", e2e_polars)):
            version = _version(module)
            if version is None:
                print(f"{module} is not installed: skipped", file=sys.stderr)
                continue
            found.append((f"{module} {version}", run, _no_setup))
        return [*found, ("danvan", e2e_danvan, _no_setup)]
    if stage == "incremental":
        found = []
        for module, run in (("polars", e2e_polars), ("pandas", e2e_pandas)):
            version = _version(module)
            if version is None:
                print(f"{module} is not installed: skipped", file=sys.stderr)
                continue
            found.append((f"{module} {version} (cold)", run, _no_setup))
        return [
            *found,
            ("danvan cold (no store)", incremental_cold, _no_setup),
            ("danvan warm, one file changed", incremental_warm, _primed_then_changed),
            ("danvan warm, nothing changed", incremental_warm, _primed),
        ]
    raise ValueError(stage)


def _status_mb(field: str) -> float:
    """A memory figure of this process from /proc/self/status (Linux), in MB."""
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith(field + ":"):
                return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _reset_peak() -> bool:
    """Start peak RSS (VmHWM) afresh from the current RSS (Linux 4.0+); False where not allowed."""
    try:
        with open("/proc/self/clear_refs", "w") as clear:
            clear.write("5")
    except OSError:
        return False
    return True


def child(stage: str, index: int, data: Path, n: int) -> None:
    """Run one measurement and print it as JSON (in its own process)."""
    _name, run, setup = contenders(stage)[index]
    state = setup(data, n)
    with tempfile.TemporaryDirectory() as folder:
        reset = _reset_peak()
        before = _status_mb("VmRSS")
        started = time.perf_counter()
        run(data, Path(folder), state)
        seconds = time.perf_counter() - started
        # This process's own peak since the reset (VmHWM), not ru_maxrss: Linux carries
        # ru_maxrss over from the parent across fork and exec.
        peak = _status_mb("VmHWM") if reset else float("nan")
        growth = peak - before
    print(json.dumps({"seconds": seconds, "peak_mb": peak, "growth_mb": growth}))


def measure(stage: str, index: int, data: Path, n: int) -> dict[str, float]:
    out = subprocess.run(
        [sys.executable, __file__, "--child", stage, str(index), str(data), str(n)],
        check=True,
        capture_output=True,
        text=True,
    )
    result: dict[str, float] = json.loads(out.stdout.splitlines()[-1])
    return result


def run_stage(stage: str, data: Path, n: int, repeat: int) -> list[str]:
    """The table rows of ``stage``: median time, ratio to the first contender, memory."""
    names = [name for name, _run, _setup in contenders(stage)]
    runs: list[list[dict[str, float]]] = [[] for _ in names]
    for round_ in range(1, repeat + 1):
        for index, name in enumerate(names):
            result = measure(stage, index, data, n)
            runs[index].append(result)
            # Every round on stderr, so that the spread behind each median can be reported.
            print(
                f"  {stage} | {name} | round {round_}: {result['seconds']:.2f} s, "
                f"peak {result['peak_mb']:,.0f} MB",
                file=sys.stderr,
                flush=True,
            )
    lines = []
    baseline = statistics.median(r["seconds"] for r in runs[0])
    for name, results in zip(names, runs, strict=True):
        median = statistics.median(r["seconds"] for r in results)
        peak = max(r["peak_mb"] for r in results)
        growth = max(r["growth_mb"] for r in results)
        lines.append(
            f"| {stage} | {name} | {median:.2f} | {median / baseline:.2f} "
            f"| {peak:,.0f} | {growth:,.0f} |"
        )
    return lines


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=1_000_000, help="activities (and export rows)")
    parser.add_argument("--repeat", type=int, default=3, help="rounds per contender (median)")
    parser.add_argument("--small", action="store_true", help="2,000 records, one round (CI)")
    parser.add_argument("--stages", default=",".join(STAGES), help="comma-separated stages")
    parser.add_argument("--data", type=Path, help="folder for the inputs (kept between runs)")
    parser.add_argument("--child", nargs=4, help=argparse.SUPPRESS)
    parser.add_argument("--prime", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.prime:
        prime(args.prime)
        return
    if args.child:
        stage, index, data, n = args.child
        child(stage, int(index), Path(data), int(n))
        return
    n, repeat = (2_000, 1) if args.small else (args.n, args.repeat)
    stages = args.stages.split(",")
    unknown = set(stages) - set(STAGES)
    if unknown:
        parser.error(f"unknown stages {sorted(unknown)}; choose from {', '.join(STAGES)}")
    with tempfile.TemporaryDirectory() as scratch:
        data = args.data or Path(scratch)
        started = time.perf_counter()
        write_inputs(data, n)
        if "incremental" in stages:
            write_communes(data)
        print(f"inputs: {n:,} activities in {data} ({time.perf_counter() - started:.0f} s)")
        print(f"\n{n:,} activities; median of {repeat}; each run in its own process\n")
        print("| stage | contender | median s | ratio | peak RSS MB | RSS growth MB |")
        print("|---|---|---:|---:|---:|---:|")
        for stage in stages:
            if stage == "memory":
                continue
            for sub in [f"export-{f}" for f in FORMATS] if stage == "export" else [stage]:
                for line in run_stage(sub, data, n, repeat):
                    print(line, flush=True)
        if "memory" in stages:
            sample = min(n, 100_000)
            if sample != n:
                write_inputs(data / "memory", sample)
            folder = data / "memory" if sample != n else data
            for streamed, how in ((False, "load_checked"), (True, "load_lines")):
                held = bytes_per_activity(folder, sample, streamed=streamed)
                print(
                    f"\nloaded dataset ({how}): {held:,.0f} bytes per activity "
                    f"(tracemalloc, n={sample:,})"
                )


if __name__ == "__main__":
    main()
