"""``danvan plugins``: what each plugin brings, the name clashes and the plugins skipped."""

from __future__ import annotations

import click

from danvan.plugin import Exporter, Importer
from danvan.plugins import NameClash, get_plugin_manager


@click.command()
def plugins() -> None:
    """Every plugin with its distribution, version, load time, hooks and formats.

    Name clashes (an exporter or importer named like another) and the plugins
    that were skipped (failed to load) are listed too.
    """
    pm = get_plugin_manager()
    formats: dict[str, list[Exporter]] = {}
    for info, exporter in pm.contributions("danvan_exporters", Exporter):
        formats.setdefault(info.name, []).append(exporter)
    clashes: list[NameClash] = [
        *pm.name_clashes("danvan_exporters", Exporter),
        *pm.name_clashes("danvan_importers", Importer),
    ]
    for info in pm.plugins_info():
        hooks = sorted(c.name for c in pm.get_hookcallers(pm.get_plugin(info.name)) or [])
        took = (
            f" loaded in {info.load_seconds * 1000:.1f} ms" if info.load_seconds is not None else ""
        )
        click.echo(f"{info.describe()}{' [built-in]' if info.builtin else ''}{took}")
        click.echo(f"  hooks: {', '.join(hooks) or '-'}")
        for exporter in formats.get(info.name, []):
            suffixes = ", ".join(exporter.suffixes) or "-"
            click.echo(f"  format {exporter.name} ({suffixes}): {exporter.description.get('en')}")
        for clash in clashes:
            if info in clash.dropped:
                click.echo(f"  clash: {clash.describe()}")
    for skipped in pm.skipped():
        click.echo(f"skipped: {skipped.info.describe()}: {skipped.reason}")
