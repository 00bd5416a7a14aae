"""danvan: exact records, validation, aggregation and reports for Vietnam's Tổ Dân vận cơ sở.

The public API is re-exported here so that users import from ``danvan`` alone.
"""

from __future__ import annotations

__version__ = "0.1.0"

__all__ = ["__version__"]
