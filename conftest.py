"""Test-wide settings: run against the built-in plugins only, whatever is installed."""

from __future__ import annotations

import os

os.environ["DANVAN_DISABLE_PLUGIN_ENTRYPOINTS"] = "1"
