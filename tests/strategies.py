"""hypothesis strategies for every model class, shared by the tests.

Strings are drawn already canonical, as every string is after loading.
"""

from __future__ import annotations

from datetime import date

from hypothesis import strategies as st

from danvan.labels import Label
from danvan.model import (
    Activity,
    ActivityType,
    AdminUnit,
    Aggregation,
    Assignment,
    BodyKind,
    Bound,
    Catalog,
    Dataset,
    Field,
    Funding,
    FundingSource,
    Gender,
    Indicator,
    Level,
    Member,
    Membership,
    Organization,
    OrganizationKind,
    Provenance,
    Quantity,
    QuantityUnit,
    ReportingBody,
    Role,
    Status,
    Submission,
    Succession,
    Target,
    Team,
    Topic,
    UnitFigure,
)
from danvan.text import normalize

VIETNAMESE_LETTERS = (
    "aăâbcdđeêghiklmnoôơpqrstuưvxyàảãáạầẩẫấậằẳẵắặèẻẽéẹềểễếệìỉĩíịòỏõóọồổỗốộờởỡớợùủũúụừửữứựỳỷỹýỵ"
)

texts = st.text(
    alphabet=st.sampled_from(VIETNAMESE_LETTERS + VIETNAMESE_LETTERS.upper() + " -0123456789/"),
    max_size=30,
).map(normalize)
ids = st.text(alphabet="abcdefghijklmnopqrstuvwxyz0123456789-", min_size=1, max_size=12)
dates = st.dates(min_value=date(1990, 1, 1), max_value=date(2100, 12, 31))
optional_dates = st.none() | dates
labels = st.builds(Label, vi=texts, en=texts)
counts = st.integers(min_value=0, max_value=10**6)
money = st.integers(min_value=0, max_value=10**13)

provenances = st.none() | st.builds(
    Provenance,
    source=st.none() | texts,
    sheet=st.none() | texts,
    row=st.none() | st.integers(min_value=1, max_value=1_048_576),
    illustrative=st.booleans(),
    columns=st.none()
    | st.dictionaries(ids, st.tuples(st.none() | st.sampled_from(["A", "G", "AB"]), texts)),
)

#: Official codes have their level's width (province 2, district 3, commune 5 digits);
#: villages have no national code, so any digits stand for a local one.
_CODE_PATTERNS = {Level.PROVINCE: r"\A[0-9]{2}\Z", Level.DISTRICT: r"\A[0-9]{3}\Z"}
_CODE_PATTERNS[Level.COMMUNE] = r"\A[0-9]{5}\Z"


def _units_of_level(level: Level) -> st.SearchStrategy[AdminUnit]:
    return st.builds(
        AdminUnit,
        id=ids,
        name=texts,
        level=st.just(level),
        parent=st.none() | ids,
        code=st.none() | st.from_regex(_CODE_PATTERNS.get(level, r"\A[0-9]{2,5}\Z")),
        valid_from=optional_dates,
        valid_until=optional_dates,
        provenance=provenances,
    )


admin_units = st.sampled_from(Level).flatmap(_units_of_level)
successions = st.builds(
    Succession,
    predecessors=st.lists(ids, min_size=1, max_size=4).map(tuple),
    successor=ids,
    date=dates,
    share=st.none() | st.floats(min_value=0, max_value=1),
    reference=st.none() | texts,
    provenance=provenances,
)
organizations = st.builds(
    Organization,
    id=ids,
    name=texts,
    kind=st.sampled_from(OrganizationKind),
    unit=st.none() | ids,
    provenance=provenances,
)
members = st.builds(
    Member,
    id=ids,
    full_name=texts,
    gender=st.sampled_from(Gender),
    ethnicity=st.none() | texts,
    organization=st.none() | ids,
    position=st.none() | texts,
    party_member=st.none() | st.booleans(),
    provenance=provenances,
)
assignments = st.builds(
    Assignment,
    village=ids,
    valid_from=optional_dates,
    valid_until=optional_dates,
    provenance=provenances,
)
teams = st.builds(
    Team,
    id=ids,
    name=texts,
    villages=st.lists(assignments, max_size=3).map(tuple),
    decision=st.none() | texts,
    established=optional_dates,
    dissolved=optional_dates,
    provenance=provenances,
)
memberships = st.builds(
    Membership,
    id=ids,
    team=ids,
    member=ids,
    role=st.sampled_from(Role),
    valid_from=optional_dates,
    valid_until=optional_dates,
    provenance=provenances,
)
quantities = st.builds(
    Quantity,
    indicator=ids,
    value=counts | st.floats(min_value=0, max_value=1e9, allow_nan=False),
    unit=st.none() | st.sampled_from([u.value for u in QuantityUnit]),
    provenance=provenances,
)
fundings = st.builds(
    Funding,
    source=st.sampled_from(FundingSource),
    amount=money,
    donor=st.none() | texts,
    provenance=provenances,
)
activities = st.builds(
    Activity,
    id=ids,
    team=ids,
    village=ids,
    date=dates,
    type=ids,
    title=texts,
    topics=st.lists(ids, max_size=3).map(tuple),
    participants=st.none() | counts,
    households=st.none() | counts,
    quantities=st.lists(quantities, max_size=3).map(tuple),
    funding=st.lists(fundings, max_size=3).map(tuple),
    partners=st.lists(texts, max_size=2).map(tuple),
    status=st.sampled_from(Status),
    note=texts,
    provenance=provenances,
)
plan_targets = st.builds(
    Target,
    id=ids,
    unit=ids,
    indicator=ids,
    start=dates,
    end=dates,
    value=counts | st.floats(min_value=0, max_value=1e9, allow_nan=False),
    note=texts,
    provenance=provenances,
)
submissions = st.builds(
    Submission,
    id=ids,
    reporter=st.none() | ids,
    start=st.none() | dates,
    end=st.none() | dates,
    received=st.none() | dates,
    file=texts,
    sha256=st.text("0123456789abcdef", min_size=64, max_size=64) | st.just(""),
    sent_by=texts,
    replaces=st.none() | ids,
    note=texts,
    provenance=provenances,
)
reporting_bodies = st.builds(
    ReportingBody,
    id=ids,
    name=texts,
    kind=st.sampled_from(BodyKind),
    unit=st.none() | ids,
    reports_to=st.none() | ids,
    valid_from=st.none() | dates,
    valid_until=st.none() | dates,
    name_en=texts,
    source=texts,
    provenance=provenances,
)
unit_figures = st.builds(
    UnitFigure,
    id=ids,
    unit=ids,
    indicator=ids,
    value=counts | st.floats(min_value=0, max_value=1e9, allow_nan=False),
    start=dates,
    end=dates,
    bound=st.sampled_from(Bound),
    source=st.none() | texts,
    note=texts,
    provenance=provenances,
)
activity_types = st.builds(
    ActivityType,
    code=ids,
    label=labels,
    field=st.sampled_from(Field),
    monthly_meeting=st.booleans(),
)
topics = st.builds(Topic, code=ids, label=labels, field=st.none() | st.sampled_from(Field))
indicators = st.builds(
    Indicator,
    code=ids,
    label=labels,
    unit=st.sampled_from(QuantityUnit),
    aggregation=st.sampled_from(Aggregation),
    counts_type=st.none() | ids,
)
catalogs = st.builds(
    Catalog,
    activity_types=st.lists(activity_types, max_size=4).map(tuple),
    topics=st.lists(topics, max_size=4).map(tuple),
    indicators=st.lists(indicators, max_size=4).map(tuple),
)
datasets = st.builds(
    Dataset,
    units=st.lists(admin_units, max_size=5).map(tuple),
    organizations=st.lists(organizations, max_size=3).map(tuple),
    members=st.lists(members, max_size=4).map(tuple),
    teams=st.lists(teams, max_size=3).map(tuple),
    memberships=st.lists(memberships, max_size=4).map(tuple),
    activities=st.lists(activities, max_size=6).map(tuple),
    successions=st.lists(successions, max_size=2).map(tuple),
    figures=st.lists(unit_figures, max_size=2).map(tuple),
    targets=st.lists(plan_targets, max_size=2).map(tuple),
    submissions=st.lists(submissions, max_size=2).map(tuple),
    bodies=st.lists(reporting_bodies, max_size=2).map(tuple),
    catalog=catalogs,
    title=texts,
    description=texts,
)


# Consistent datasets, for properties of the aggregation ---------------------------------
#
# Unlike `datasets`, whose records point at each other only by chance, these hold a small
# province whose every village sits under a commune, a district and the province, with
# teams assigned to villages and activities in those villages, in and around 2022.

aggregation_dates = st.dates(min_value=date(2021, 11, 1), max_value=date(2023, 1, 31))


@st.composite
def consistent_datasets(draw: st.DrawFn) -> Dataset:
    """A small, referentially consistent province with teams, members and activities."""
    from danvan.bundled import default_catalog

    catalog = default_catalog()
    units = [AdminUnit("p", "Tỉnh", Level.PROVINCE)]
    villages: list[str] = []
    for d in range(draw(st.integers(1, 2))):
        units.append(AdminUnit(f"d{d}", f"Huyện {d}", Level.DISTRICT, parent="p"))
        for c in range(draw(st.integers(1, 3))):
            commune = f"c{d}-{c}"
            units.append(AdminUnit(commune, f"Xã {d} {c}", Level.COMMUNE, parent=f"d{d}"))
            for v in range(draw(st.integers(0, 3))):
                village = f"v{d}-{c}-{v}"
                units.append(AdminUnit(village, f"Bản {d} {c} {v}", Level.VILLAGE, parent=commune))
                villages.append(village)
    teams: list[Team] = []
    memberships: list[Membership] = []
    for village in villages:
        if not draw(st.booleans()):
            continue
        established = draw(st.none() | aggregation_dates)
        dissolved = draw(st.none() | aggregation_dates)
        team_id = f"t-{village}"
        teams.append(
            Team(
                team_id,
                f"Tổ {village}",
                villages=(Assignment(village, established),),
                established=established,
                dissolved=dissolved,
            )
        )
        for k in range(draw(st.integers(0, 3))):
            memberships.append(
                Membership(
                    f"ms-{village}-{k}",
                    team_id,
                    f"m-{village}-{k}",
                    valid_from=draw(st.none() | aggregation_dates),
                    valid_until=draw(st.none() | aggregation_dates),
                )
            )
    activities: list[Activity] = []
    if villages:
        type_codes = [t.code for t in catalog.activity_types]
        topic_codes = [t.code for t in catalog.topics]
        indicator_codes = [i.code for i in catalog.indicators]
        for n in range(draw(st.integers(0, 25))):
            village = draw(st.sampled_from(villages))
            activities.append(
                Activity(
                    id=f"a{n}",
                    team=f"t-{village}",
                    village=village,
                    date=draw(aggregation_dates),
                    type=draw(st.sampled_from(type_codes)),
                    topics=tuple(draw(st.lists(st.sampled_from(topic_codes), max_size=2))),
                    participants=draw(st.none() | st.integers(0, 500)),
                    households=draw(st.none() | st.integers(0, 200)),
                    quantities=tuple(
                        draw(
                            st.lists(
                                st.builds(
                                    Quantity,
                                    indicator=st.sampled_from(indicator_codes),
                                    value=st.integers(0, 1000),
                                ),
                                max_size=2,
                            )
                        )
                    ),
                    funding=tuple(
                        draw(
                            st.lists(
                                st.builds(
                                    Funding,
                                    source=st.sampled_from(FundingSource),
                                    amount=st.integers(0, 10**9),
                                ),
                                max_size=2,
                            )
                        )
                    ),
                    status=draw(st.sampled_from(Status)),
                )
            )
    return Dataset(
        units=tuple(units),
        teams=tuple(teams),
        memberships=tuple(memberships),
        activities=tuple(activities),
        catalog=catalog,
    )
