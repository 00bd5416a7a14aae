"""Package data: the default catalogue and the bundled sample dataset (JSON)."""
