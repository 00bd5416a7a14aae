"""The public functions with their defaults filled from the registered plugins.

The services take their rules, unit registry, importers, exporters and
catalogue as arguments and never look for them; ``danvan``'s public functions
that need them are defined here, where a caller who gives none gets the
registered ones (``danvan.plugins.provided``: the built-ins and every
installed plugin's). ``plugin_manager`` chooses whose; by default the
process-wide one.

One room per job, so that a command loads only what it uses: ``_loading``
(``dataset_from_json``, ``load_checked``, ``load_lines``), ``_reading``
(``read_dataset``, ``validate``), ``_reporting`` (``summarize``,
``period_report``, ``annual_report``), ``_writing`` (``export``,
``template_bundle``). ``danvan`` names each function's room in its table.
"""
