"""danvan.plugin is the plugin author's one import: every contract a hook returns or uses."""

from __future__ import annotations

from pathlib import Path

import danvan.plugin
from danvan.hooks import hookimpl
from danvan.plugin import Exporter, check_exporter


def test_the_face_names_every_contract_a_plugin_needs() -> None:
    for name in ("hookimpl", "Exporter", "Importer", "Rule", "rule", "make_finding", "Location"):
        assert name in danvan.plugin.__all__
    assert danvan.plugin.hookimpl is hookimpl


def test_its_example_plugin_passes_the_conformance_kit(tmp_path: Path) -> None:
    from danvan.labels import Label

    def write_counts(bundle: danvan.plugin.Bundle, stream: object, _options: object) -> None:
        for table in bundle.tables:
            rows = sum(1 for _ in table.iter_rows())
            stream.write(f"{table.name}: {rows}\n".encode())  # type: ignore[attr-defined]

    exporter = Exporter(
        "counts", (".counts",), "text/plain", Label("Số dòng", "Rows"), write_counts
    )
    check_exporter(exporter, tmp_path)
