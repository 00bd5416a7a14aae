"""danvan.export and danvan.template_bundle, with the registered exporters and catalogue.

``plugin_manager`` chooses whose exporters and catalogue (see
``danvan._face``).
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from typing import Any

from danvan import exporting, layout
from danvan.exporters.base import BinaryStream, Exporter
from danvan.model import Catalog
from danvan.plugins import PluginManager, provided
from danvan.redact import Redaction
from danvan.tables import Bundle

__all__ = ["export", "template_bundle"]


def template_bundle(
    *, catalog: Catalog | None = None, plugin_manager: PluginManager | None = None
) -> Bundle:
    """The tables a commune fills in, with the catalogue (by default the registered one) listed."""
    return layout.template_bundle(
        catalog=catalog if catalog is not None else provided.catalog(plugin_manager)
    )


def export(
    bundle: Bundle,
    path_or_stream: str | os.PathLike[str] | BinaryStream,
    format: str | None = None,
    *,
    lang: str = "vi",
    options: Mapping[str, Any] | None = None,
    plugin_manager: PluginManager | None = None,
    redact: Redaction | str | None = None,
    overwrite: bool = False,
) -> Exporter:
    """Write ``bundle`` to a path (atomically) or to an open binary stream.

    The exporter is the registered one named ``format``, or else the one whose
    suffix the path (or the stream's ``name``) ends with. ``lang`` chooses the
    label language (``"vi"`` or ``"en"``, falling back to the other);
    ``options`` are the format's own settings; ``redact`` (``"omit"``,
    ``"pseudonymise"`` or a ``danvan.redact.Redaction`` with a salt) leaves out
    or pseudonymises the personal columns of every table, whatever the format.
    ``overwrite`` lets a folder export write into an existing folder danvan did
    not write (see ``danvan.exporting.atomic_folder``); files are always
    replaced atomically. Returns the exporter used.
    """
    return exporting.export(
        bundle,
        path_or_stream,
        format,
        lang=lang,
        options=options,
        exporters=provided.available_exporters(plugin_manager),
        redact=redact,
        overwrite=overwrite,
    )
