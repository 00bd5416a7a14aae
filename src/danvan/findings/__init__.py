"""Findings: what validation says about a dataset, each with a stable code, a severity and a place.

One error model for file, type and domain problems: a finding from a broken
JSON document, from a field cattrs could not structure and from a rule about
leaders all look the same, so one report (and one table) holds them all.

Codes are grouped by hundreds: DV0xx load and structure, DV1xx references and
duplicates, DV2xx the administrative hierarchy, DV3xx teams, leaders and
memberships, DV4xx activities, DV5xx text, DV6xx importing files. A published code never changes
meaning; a new check gets a new code.

The rooms: ``_finding`` (a finding, its code, its place, its message),
``_report`` (the findings of a run), ``_origins`` (the file each record of a merged dataset
came from), ``codes`` (the built-in codes, by family).
"""

from danvan.findings import codes
from danvan.findings._finding import (
    CONTENT_VALUES,
    PERSONAL_FIELDS,
    Finding,
    FindingCode,
    Location,
    Severity,
    declare,
    record_pointer,
)
from danvan.findings._make import make_finding
from danvan.findings._origins import RecordOrigin, relocated
from danvan.findings._report import (
    FINDING_COLUMNS,
    MAX_FINDINGS_PER_CODE,
    ValidationReport,
    cap_findings,
    capped,
)

__all__ = [
    "CONTENT_VALUES",
    "FINDING_COLUMNS",
    "MAX_FINDINGS_PER_CODE",
    "PERSONAL_FIELDS",
    "Finding",
    "FindingCode",
    "Location",
    "RecordOrigin",
    "Severity",
    "ValidationReport",
    "cap_findings",
    "capped",
    "codes",
    "declare",
    "make_finding",
    "record_pointer",
    "relocated",
]
