"""Built-in exporters, one module per format, each an ordinary danvan plugin."""
