"""The two pluggy markers danvan's hooks are made with, on the ground floor.

``hookspec`` marks a specification (``danvan.plugins.hookspecs`` lists them);
``hookimpl`` marks a plugin's implementation. They live apart from the
specifications so that a format or rule module can mark its hooks while
importing nothing but pluggy: the specifications name the contracts, and the
contracts sit below the formats that implement them.
"""

from __future__ import annotations

import pluggy

PROJECT_NAME = "danvan"

hookspec = pluggy.HookspecMarker(PROJECT_NAME)
hookimpl = pluggy.HookimplMarker(PROJECT_NAME)
