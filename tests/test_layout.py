"""The record-table layout shared by export and import: tables, headers, lists in one cell."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from danvan import template_bundle
from danvan.bundled import default_catalog, sample
from danvan.excel import MAX_SHEET_NAME
from danvan.layout import ACTIVITIES, TABLES, dataset_bundle, join_list, split_list
from danvan.model import Dataset
from danvan.text import header_key


def test_every_table_has_a_sheet_name_excel_accepts_in_both_languages() -> None:
    for table in TABLES:
        for title in (table.title.vi, table.title.en):
            assert len(title) <= MAX_SHEET_NAME
            assert not set(title) & set("[]:*?/\\")


def test_headers_are_unambiguous_within_a_table() -> None:
    for table in TABLES:
        keys = [
            {header_key(c.name), header_key(c.label.vi), header_key(c.label.en)} - {""}
            for c in table.columns
        ]
        for i, mine in enumerate(keys):
            others = set().union(*(k for j, k in enumerate(keys) if j != i))
            assert not mine & others, (table.name, table.columns[i].name)


def test_table_names_and_titles_are_unambiguous() -> None:
    seen: dict[str, str] = {}
    for table in TABLES:
        for key in {header_key(table.name), header_key(table.title.vi), header_key(table.title.en)}:
            assert seen.setdefault(key, table.name) == table.name


def test_the_dataset_bundle_has_one_table_per_record_kind_with_lazy_rereadable_rows() -> None:
    dataset = sample()
    bundle = dataset_bundle(dataset)
    assert [t.name for t in bundle.tables] == [t.name for t in TABLES]
    activities = bundle.table("activities")
    assert activities.rereadable
    assert len(list(activities.iter_rows())) == len(dataset.activities)
    assert list(activities.iter_rows()) == list(activities.iter_rows())
    first = next(activities.iter_rows())
    assert first[0] == dataset.activities[0].id
    names = [c.name for c in ACTIVITIES.columns]
    assert "provenance" not in names
    assert "illustrative" in names


def test_catalogue_tables_can_be_left_out() -> None:
    bundle = dataset_bundle(Dataset(), include_catalog=False)
    assert "activity_types" not in [t.name for t in bundle.tables]


def test_the_template_lists_the_catalogue_and_leaves_the_records_empty() -> None:
    bundle = template_bundle()
    assert list(bundle.table("activities").iter_rows()) == []
    types = list(bundle.table("activity_types").iter_rows())
    assert [row[0] for row in types] == [t.code for t in default_catalog().activity_types]


def test_lists_are_joined_with_semicolons_and_escaped() -> None:
    assert join_list(["rừng", "ma túy"]) == "rừng; ma túy"
    assert join_list([]) is None
    assert join_list(["a;b", "c\\d"]) == "a\\;b; c\\\\d"
    assert split_list("a\\;b; c\\\\d") == ["a;b", "c\\d"]
    assert split_list("rừng ;ma túy;; ") == ["rừng", "ma túy"]


items = st.lists(st.text(alphabet="ab ;\\đ", min_size=1).map(str.strip).filter(bool), max_size=4)


@given(items)
def test_split_list_undoes_join_list(values: list[str]) -> None:
    joined = join_list(values)
    assert split_list(joined or "") == values
