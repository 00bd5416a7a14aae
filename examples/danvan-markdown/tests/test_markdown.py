"""The Markdown exporter passes danvan's conformance kit and is found as an installed plugin."""

from __future__ import annotations

import html
import importlib.metadata
import io
from pathlib import Path

import danvan_markdown
from danvan_markdown import MARKDOWN_EXPORTER

from danvan import export
from danvan.plugins import available_exporters, make_plugin_manager
from danvan.tables import Bundle, Row
from danvan.testing import check_exporter, reference_bundles
from danvan.testing.readers import value_from_text


def read_markdown(path: Path, bundle: Bundle) -> dict[str, list[Row]]:
    """Parse the pipe tables back, in the bundle's order, into typed rows."""
    tables: list[list[list[str]]] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("## "):
            tables.append([])
        elif line.startswith("| ") and tables:
            cells = [cell.strip(" ") for cell in line.strip()[1:-1].split("|")]
            tables[-1].append([html.unescape(c.replace("<br>", "\n")) for c in cells])
    result = {}
    for table, lines in zip(bundle.tables, tables, strict=True):
        result[table.name] = [
            tuple(value_from_text(c, v) for c, v in zip(table.columns, cells, strict=True))
            for cells in lines[2:]
        ]
    return result


def test_markdown_exporter_conforms(tmp_path: Path) -> None:
    checked = check_exporter(MARKDOWN_EXPORTER, tmp_path, reader=read_markdown)
    assert "several_tables" in checked


def test_markdown_report_reads_well() -> None:
    stream = io.BytesIO()
    export(
        reference_bundles()["several_tables"],
        stream,
        "markdown",
        lang="en",
        plugin_manager=make_plugin_manager(
            load_entrypoints=False, extra_plugins={"markdown": danvan_markdown}
        ),
    )
    text = stream.getvalue().decode()
    assert text.startswith("# Reference bundle: nhiều bảng\n")
    assert (
        "| Month | Sessions | People reached |\n| --- | ---: | ---: |\n| 2022-01-01 | 4 | 130 |"
        in text
    )


def test_danvan_lists_the_installed_plugin() -> None:
    assert importlib.metadata.version("danvan-markdown") == "0.1.0"
    pm = make_plugin_manager(load_entrypoints=True, only=["markdown"])
    assert "markdown" in available_exporters(pm)
    listed = [i.describe() for i in pm.plugins_info() if not i.builtin]
    assert listed == ["markdown (danvan-markdown 0.1.0)"]
