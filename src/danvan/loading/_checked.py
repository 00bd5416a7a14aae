"""``load_checked``: a dataset document loaded with findings instead of exceptions.

The quick road first (``Loader``); a document it refuses takes the full road,
whose string changes become DV5xx findings and whose structure errors DV0xx,
each located by record and by the provenance the record names.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from danvan.findings import Finding, ValidationReport
from danvan.loading._diagnostics import locate, parsed_or_refused, structure_findings
from danvan.loading._errors import DatasetLoadError
from danvan.loading._json import dataset_from_normal
from danvan.loading._normal import normalize_strings, text_findings
from danvan.loading._quick import Loader
from danvan.model import Catalog, Dataset


def load_checked(
    data: bytes | str | Mapping[str, Any],
    *,
    catalog: Catalog,
    source: str | None = None,
    loader: Loader | None = None,
) -> tuple[Dataset | None, ValidationReport]:
    """Load a dataset document; never raise on bad data.

    Returns the dataset (``None`` when it does not fit the model) and a report
    of the structure errors and text normalisations found. ``data`` is JSON
    text or an already parsed document; ``source`` names the file; a document
    without a catalogue takes ``catalog``. ``loader`` is the quick road to try
    first (a new one by default, dropped after the call).
    """
    raw, refused = parsed_or_refused(data, source)
    if refused:
        return None, ValidationReport.of(refused)
    dataset = (loader or Loader()).dataset(raw, catalog=catalog)
    if dataset is not None:
        return dataset, ValidationReport.of([])
    findings: list[Finding] = []
    if isinstance(raw, Mapping):
        normal, changes = normalize_strings(dict(raw))
        for change in changes:
            location = locate(change.path, normal, source)
            findings.extend(text_findings(change.before, change.after, location))
    else:
        normal = raw
    try:
        # The strings were made normal above: structure that copy, not walk them again.
        dataset = dataset_from_normal(raw, normal, catalog=catalog)
    except DatasetLoadError as error:
        dataset = None
        findings.extend(structure_findings(error.errors, normal, source))
    return dataset, ValidationReport.of(findings)
