"""The guide's code runs: the Python blocks of each page listed here run in order, as a script.

Each page runs in its own interpreter, as a reader would paste it, so that what
a page declares (finding codes, plugins) cannot leak into the other tests.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

DOCS = Path(__file__).parent.parent / "docs"
RUNNABLE_PAGES = [
    "getting-started.md",
    "tutorial.md",
    "text.md",
    "periods.md",
    "reporting.md",
    "aggregation.md",
    "scale.md",
    "workbook.md",
    "importing.md",
    "validation.md",
    "classification.md",
    "units.md",
    "plugins.md",
    "privacy.md",
    "reliability.md",
    "document.md",
]
BLOCK = re.compile(r"^```python\n(.*?)^```", re.DOTALL | re.MULTILINE)


@pytest.mark.parametrize("page", RUNNABLE_PAGES)
def test_python_blocks_of_the_page_run(page: str, tmp_path: Path) -> None:
    blocks = BLOCK.findall((DOCS / page).read_text(encoding="utf-8"))
    assert blocks, f"{page} has no Python block"
    script = tmp_path / f"{Path(page).stem}.py"
    script.write_text("\n\n".join(blocks), encoding="utf-8")
    result = subprocess.run(
        [sys.executable, str(script)], cwd=tmp_path, capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr
