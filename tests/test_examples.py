"""Every example script runs, as a user would run it, and says what it should."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

EXAMPLES = Path(__file__).parent.parent / "examples"
SCRIPTS = sorted(EXAMPLES.glob("*.py"))


def run(script: Path, *args: str, cwd: Path) -> str:
    result = subprocess.run(
        [sys.executable, str(script), *args],
        capture_output=True,
        text=True,
        cwd=cwd,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout


@pytest.mark.parametrize("script", SCRIPTS, ids=lambda p: p.name)
def test_every_example_starts_by_saying_what_it_shows(script: Path) -> None:
    assert script.read_text(encoding="utf-8").startswith('"""Example: ')


def test_annual_report_example_writes_the_workbook(tmp_path: Path) -> None:
    out = run(EXAMPLES / "annual_report.py", "nampo.xlsx", cwd=tmp_path)
    assert "0 errors" in out
    assert "Tổ Dân vận bản Mốc 4: Hoàn thành xuất sắc nhiệm vụ" in out
    assert (tmp_path / "nampo.xlsx").stat().st_size > 0


def test_custom_rule_example_finds_the_teams_with_few_topics(tmp_path: Path) -> None:
    out = run(EXAMPLES / "custom_rule.py", cwd=tmp_path)
    assert out.count("EX001 warning") == 2
    assert "Tổ Dân vận bản Van Hồ covered only 3 topics" in out


def test_merge_communes_example_traces_each_mistake_to_its_row(tmp_path: Path) -> None:
    out = run(EXAMPLES / "merge_communes.py", "folder", cwd=tmp_path)
    assert "5 tổ / teams, 96 hoạt động / activities" in out
    assert "2 errors" in out
    assert "DV405 xa-cha-nua.xlsx, sheet 'Hoạt động', row 17, participants" in out
    assert "DV404 xa-cha-nua.xlsx, sheet 'Hoạt động', row 18, date" in out
