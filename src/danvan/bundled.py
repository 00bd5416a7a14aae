"""The data that ships with danvan: the default catalogue and the Nậm Pồ 2022 sample."""

from __future__ import annotations

from functools import cache
from importlib.resources import files

from danvan.model import Catalog, Dataset

SAMPLE_FILE = "sample_nampo_2022.json"
CATALOG_FILE = "catalog.json"


def _read(name: str) -> bytes:
    return files("danvan.data").joinpath(name).read_bytes()


@cache
def default_catalog() -> Catalog:
    """Every kind of activity, topic and indicator the Nậm Pồ article mentions."""
    import orjson

    from danvan.convert import converter

    return converter.structure(orjson.loads(_read(CATALOG_FILE)), Catalog)


@cache
def sample() -> Dataset:
    """Nậm Pồ district (Điện Biên) in 2022: five teams in the five villages the article names.

    Figures the article gives are reproduced exactly; details it does not give
    (dates, most amounts, members' names) are marked ``illustrative``.
    """
    from danvan.convert import dataset_from_json

    return dataset_from_json(_read(SAMPLE_FILE), catalog=default_catalog())
