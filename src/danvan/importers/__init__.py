"""Built-in importers, one module per format, each an ordinary plugin (see ``danvan.read``)."""
