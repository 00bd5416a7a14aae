"""The data that ships with danvan: catalogue, Nậm Pồ 2022 sample, Điện Biên units and
reporting line."""

from __future__ import annotations

from functools import cache
from importlib.resources import files

import orjson

from danvan.hooks import hookimpl
from danvan.loading import dataset_from_json, registry_from_raw, structure_data
from danvan.model import Catalog, Dataset, ReportingBody
from danvan.registry import UnitRegistry

SAMPLE_FILE = "sample_nampo_2022.json"
CATALOG_FILE = "catalog.json"


def _read(name: str) -> bytes:
    return files("danvan.data").joinpath(name).read_bytes()


@cache
def default_catalog() -> Catalog:
    """Every kind of activity, topic and indicator the Nậm Pồ article mentions."""
    catalog: Catalog = structure_data(orjson.loads(_read(CATALOG_FILE)), Catalog)
    return catalog


@cache
def sample() -> Dataset:
    """Nậm Pồ district (Điện Biên) in 2022: five teams in the five villages the article names.

    Figures the article gives are reproduced exactly; details it does not give
    (dates, most amounts, members' names) are marked ``illustrative``. The
    description says which source gives which fact. The district's own figure,
    over 170 job dossiers, is stated there: an activity needs a team and a village.
    """
    return dataset_from_json(_read(SAMPLE_FILE), catalog=default_catalog())


UNITS_FILE = "dien_bien_units.json"


@cache
def bundled_registry() -> UnitRegistry:
    """Điện Biên province before and after 1 July 2025, and the successions of resolution 1661.

    Codes are the statistics office's; see ``docs/units.md`` for the sources.
    """
    return registry_from_raw(orjson.loads(_read(UNITS_FILE)))


REPORTING_LINE_FILE = "dien_bien_reporting_line.json"


@cache
def bundled_reporting_line() -> tuple[ReportingBody, ...]:
    """Điện Biên's reporting line before and after 1 July 2025, derived from the bundled units.

    Before: each commune's Party committee reports to its district's Ban Dân vận;
    from 1 July 2025: to the province's Ban Tuyên giáo và Dân vận. Each body
    names its source; what could not be verified says so (see ``docs/reporting.md``).
    """
    raw = orjson.loads(_read(REPORTING_LINE_FILE))
    bodies: tuple[ReportingBody, ...] = structure_data(raw["bodies"], tuple[ReportingBody, ...])
    return bodies


@hookimpl
def danvan_catalog() -> Catalog:
    """The default catalogue, offered through the same hook as any plugin's entries."""
    return default_catalog()


@hookimpl
def danvan_unit_registries() -> UnitRegistry:
    """The Điện Biên registry, offered through the same hook as a national plugin's."""
    return bundled_registry()


@hookimpl
def danvan_reporting_lines() -> tuple[ReportingBody, ...]:
    """Điện Biên's reporting line, offered through the same hook as a plugin's."""
    return bundled_reporting_line()
