"""Fixtures built from the bundled Nậm Pồ 2022 sample."""

from __future__ import annotations

import pytest

from danvan.bundled import sample
from danvan.model import Dataset


@pytest.fixture(scope="session")
def nampo() -> Dataset:
    """The bundled sample: five teams of Nậm Pồ district in 2022."""
    return sample()
