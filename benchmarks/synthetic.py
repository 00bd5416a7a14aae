"""A seeded synthetic dataset with the shapes of a province: communes, villages, teams, activities.

Sized by the number of activities; used by every benchmark so that their
figures speak of the same data. Run it to write the input files of the
benchmarks (``write_inputs``) into a folder:
``python benchmarks/synthetic.py --n 100000 -o inputs/``.
"""

from __future__ import annotations

import argparse
import random
from datetime import date, timedelta
from pathlib import Path

import orjson

from danvan.bundled import default_catalog
from danvan.loading import dataset_to_raw
from danvan.model import (
    Activity,
    AdminUnit,
    Assignment,
    Dataset,
    Funding,
    FundingSource,
    Level,
    Member,
    Membership,
    Quantity,
    Role,
    Team,
)

SYLLABLES = (
    "Nậm Pồ Tin Chà Nưa Cang Si Pa Phìn Hồ Nà Hỳ Khoa Nhừ Chua Huổi Hoi Mạy Hốc Van "
    "Mốc Sự Bản Phiêng Lồng Pá Sáng Tả Lèng Mường Nhé Quảng Lâm Xuân Trạng"
).split()
ESTABLISHED = date(2021, 12, 15)


def _name(rng: random.Random) -> str:
    return " ".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 3)))


def make_dataset(
    n_activities: int, *, seed: int = 2022, villages: int = 1_900, villages_per_commune: int = 15
) -> Dataset:
    """A province of ``villages`` villages, each with one team, and ``n_activities`` in 2022."""
    rng = random.Random(seed)
    catalog = default_catalog()
    types = [t.code for t in catalog.activity_types]
    meeting = next(iter(catalog.meeting_types))
    topics = [t.code for t in catalog.topics]
    counted = [i.code for i in catalog.indicators if i.unit.whole]
    units = [AdminUnit("p", "Điện Biên", Level.PROVINCE, code="11")]
    districts = max(1, villages // (villages_per_commune * 12))
    for d in range(districts):
        units.append(AdminUnit(f"d{d}", _name(rng), Level.DISTRICT, parent="p", code=f"{100 + d}"))
    communes = max(1, villages // villages_per_commune)
    for c in range(communes):
        units.append(
            AdminUnit(
                f"c{c}", _name(rng), Level.COMMUNE, parent=f"d{c % districts}", code=f"{c:05d}"
            )
        )
    teams, members, memberships = [], [], []
    for v in range(villages):
        units.append(
            AdminUnit(f"v{v}", f"Bản {_name(rng)}", Level.VILLAGE, parent=f"c{v % communes}")
        )
        teams.append(
            Team(
                f"t{v}",
                f"Tổ Dân vận bản {v}",
                villages=(Assignment(f"v{v}", ESTABLISHED),),
                decision="765-QĐ/HU",
                established=ESTABLISHED,
            )
        )
        for k, role in enumerate((Role.LEADER, Role.DEPUTY, Role.MEMBER, Role.MEMBER)):
            members.append(Member(f"m{v}-{k}", f"Thành viên {k} tổ {v}"))
            memberships.append(Membership(f"ms{v}-{k}", f"t{v}", f"m{v}-{k}", role, ESTABLISHED))
    activities = []
    start = date(2022, 1, 1)
    for i in range(n_activities):
        v = rng.randrange(villages)
        kind = meeting if i % 4 == 0 else rng.choice(types)
        quantities = (
            (Quantity(rng.choice(counted), rng.randint(1, 50)),) if rng.random() < 0.4 else ()
        )
        funding = (
            (Funding(rng.choice(list(FundingSource)), rng.randint(1, 500) * 100_000),)
            if rng.random() < 0.2
            else ()
        )
        activities.append(
            Activity(
                id=f"a{i}",
                team=f"t{v}",
                village=f"v{v}",
                date=start + timedelta(days=rng.randrange(365)),
                type=kind,
                title=f"Hoạt động {_name(rng)}",
                topics=(rng.choice(topics),) if rng.random() < 0.5 else (),
                participants=rng.randint(5, 200),
                households=rng.randint(1, 80),
                quantities=quantities,
                funding=funding,
            )
        )
    return Dataset(
        units=tuple(units),
        members=tuple(members),
        teams=tuple(teams),
        memberships=tuple(memberships),
        activities=tuple(activities),
        catalog=catalog,
        title="Synthetic province",
    )


DOCUMENT = "dataset.json"
"""The whole dataset as one danvan document (``dataset_to_json``)."""
SETTING = "setting.json"
"""The same document without its activities: units, teams, members, catalogue."""
ACTIVITIES = "activities.jsonl"
"""The activities, one JSON object a line, each as it appears in the document."""


def write_inputs(folder: Path, n_activities: int, *, seed: int = 2022) -> None:
    """Write ``DOCUMENT``, ``SETTING`` and ``ACTIVITIES`` for ``make_dataset(n_activities)``.

    Kept when ``folder`` already holds the files of the same size and seed.
    """
    folder.mkdir(parents=True, exist_ok=True)
    stamp = folder / "inputs.json"
    wanted = {"n": n_activities, "seed": seed}
    if stamp.exists() and orjson.loads(stamp.read_bytes()) == wanted:
        return
    raw = dataset_to_raw(make_dataset(n_activities, seed=seed))
    (folder / DOCUMENT).write_bytes(orjson.dumps(raw))
    activities = raw.pop("activities", [])
    (folder / SETTING).write_bytes(orjson.dumps(raw))
    newline = orjson.OPT_APPEND_NEWLINE
    with open(folder / ACTIVITIES, "wb") as lines:
        for activity in activities:
            lines.write(orjson.dumps(activity, option=newline))
    stamp.write_bytes(orjson.dumps(wanted))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--n", type=int, default=100_000, help="number of activities")
    parser.add_argument("--seed", type=int, default=2022)
    parser.add_argument("-o", "--output", type=Path, required=True, help="a folder")
    args = parser.parse_args()
    write_inputs(args.output, args.n, seed=args.seed)


if __name__ == "__main__":
    main()


COMMUNES = "communes"
"""The folder of the incremental stage: the setting and one activity file per commune group."""


def write_communes(folder: Path, files: int = 100) -> Path:
    """Split ``ACTIVITIES`` of ``folder`` into ``files`` danvan documents by commune, beside a
    copy of the setting (``0-setting.json``), in ``folder / COMMUNES``; kept when present."""
    target = folder / COMMUNES
    stamp = target / ".inputs.json"
    wanted = orjson.loads((folder / "inputs.json").read_bytes()) | {"files": files}
    if stamp.exists() and orjson.loads(stamp.read_bytes()) == wanted:
        return target
    target.mkdir(exist_ok=True)
    setting = orjson.loads((folder / SETTING).read_bytes())
    commune_of = {u["id"]: u.get("parent") for u in setting["units"] if u["level"] == "village"}
    buckets: dict[int, list[bytes]] = {}
    with open(folder / ACTIVITIES, "rb") as lines:
        for line in lines:
            village = orjson.loads(line)["village"]
            commune = int((commune_of.get(village) or "c0")[1:])
            buckets.setdefault(commune % files, []).append(line.rstrip(b"\n"))
    (target / "0-setting.json").write_bytes(orjson.dumps(setting))
    for index, rows in sorted(buckets.items()):
        body = b'{"activities":[' + b",".join(rows) + b"]}"
        (target / f"xa-{index:03d}.json").write_bytes(body)
    stamp.write_bytes(orjson.dumps(wanted))
    return target
