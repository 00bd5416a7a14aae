"""The dataset as flat record tables: the one description of sheets and columns.

Exporting a dataset (``dataset_bundle``), the template a commune fills in
(``template_bundle``) and every tabular importer share this layout, so a header
written by one is recognised by the others. One table per record kind; what a
record holds several of (a team's villages, an activity's quantities and
funding) is a detail table keyed by the record's id. Lists inside one cell
(topics, partners, predecessors) are joined with ``"; "``; a ``;`` or ``\\``
inside an item is written ``\\;`` or ``\\\\`` (see :func:`join_list`).

Provenance is not a column: on import it is filled from the file, sheet and
row; on export it is dropped except for the ``illustrative`` flag.

The tables are also the one list of the names people read: a message calls a
record kind and a field by them (``kind_name``, ``field_name``), in Vietnamese
in a Vietnamese message and in English in an English one.

The rooms: ``_columns`` (columns, cell kinds, lists in a cell), ``_tables`` (the
record tables, declared), ``_names`` (record kinds, fields and types as
messages name them), ``_rows`` (a dataset as rows; the export and template
bundles).
"""

from danvan.layout._columns import (
    LIST_SEPARATOR,
    CellKind,
    LayoutColumn,
    RecordTable,
    column_letter,
    join_list,
    split_list,
)
from danvan.layout._names import (
    field_name,
    kind_name,
    table_name,
    type_name,
)
from danvan.layout._rows import (
    dataset_bundle,
    template_bundle,
)
from danvan.layout._tables import (
    ACTIVITIES,
    ACTIVITY_FUNDING,
    ACTIVITY_QUANTITIES,
    ACTIVITY_TYPES,
    BODIES,
    DATASET,
    FIGURES,
    ILLUSTRATIVE,
    INDICATORS,
    MEMBERS,
    MEMBERSHIPS,
    ORGANIZATIONS,
    SUBMISSIONS,
    SUCCESSIONS,
    TABLES,
    TABLES_BY_NAME,
    TARGETS,
    TEAM_VILLAGES,
    TEAMS,
    TOPICS,
    UNITS,
)

__all__ = [
    "ACTIVITIES",
    "ACTIVITY_FUNDING",
    "ACTIVITY_QUANTITIES",
    "ACTIVITY_TYPES",
    "BODIES",
    "DATASET",
    "FIGURES",
    "ILLUSTRATIVE",
    "INDICATORS",
    "LIST_SEPARATOR",
    "MEMBERS",
    "MEMBERSHIPS",
    "ORGANIZATIONS",
    "SUBMISSIONS",
    "SUCCESSIONS",
    "TABLES",
    "TABLES_BY_NAME",
    "TARGETS",
    "TEAMS",
    "TEAM_VILLAGES",
    "TOPICS",
    "UNITS",
    "CellKind",
    "LayoutColumn",
    "RecordTable",
    "column_letter",
    "dataset_bundle",
    "field_name",
    "join_list",
    "kind_name",
    "split_list",
    "table_name",
    "template_bundle",
    "type_name",
]
