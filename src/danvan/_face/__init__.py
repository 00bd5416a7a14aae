"""The public functions with their defaults filled from the registered plugins.

The services take their rules, unit registry, formats and catalogue as
arguments; ``danvan``'s public functions are defined here, where a caller who
gives none gets the registered ones. ``_services`` holds reading, validating,
summing, reporting and writing; ``_loading`` the JSON dataset documents.
"""

from __future__ import annotations

from danvan._face._services import (
    annual_report,
    export,
    period_report,
    read_dataset,
    summarize,
    template_bundle,
    validate,
)

__all__ = [
    "annual_report",
    "export",
    "period_report",
    "read_dataset",
    "summarize",
    "template_bundle",
    "validate",
]
