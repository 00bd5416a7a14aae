"""The package as an index shows it: licence, links, README, and lower bounds that are pinned."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

ROOT = Path(__file__).parent.parent
PROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]


def test_the_license_file_is_the_declared_licence() -> None:
    assert PROJECT["license"] == "MIT"
    text = (ROOT / "LICENSE").read_text(encoding="utf-8")
    assert text.startswith("MIT License\n")
    assert "Copyright (c) 2026 danvan contributors" in text


def test_the_project_links_an_index_page_shows() -> None:
    assert set(PROJECT["urls"]) == {"Homepage", "Documentation", "Source", "Issues"}
    assert all(url.startswith("https://") for url in PROJECT["urls"].values())


def test_the_readme_has_no_picture_at_a_relative_path() -> None:
    # A package index page shows the README without the repository's files beside it.
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    relative_images = re.findall(r"!\[[^\]]*\]\((?!https://)([^)]*)\)", readme)
    relative_images += re.findall(r"<img[^>]+src=\"(?!https://)([^\"]*)\"", readme)
    assert relative_images == []


def test_every_lower_bound_is_pinned_in_the_minimum_constraints() -> None:
    """The runtime dependencies' and the optional Arrow extra's (CI runs its tests at them)."""
    bounds = {}
    for requirement in (*PROJECT["dependencies"], *PROJECT["optional-dependencies"]["arrow"]):
        bound = re.fullmatch(r"([A-Za-z0-9_.-]+)>=([0-9.]+)", requirement)
        assert bound is not None, f"{requirement} has no lower bound"
        bounds[bound[1].lower()] = bound[2]
    pins = {}
    for line in (ROOT / "constraints" / "minimum.txt").read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            name, version = line.split("==")
            pins[name.lower()] = version
    assert set(pins) == set(bounds)
    for name, version in bounds.items():
        pinned = pins[name].split(".")
        assert pinned[: len(version.split("."))] == version.split("."), name
