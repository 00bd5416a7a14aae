"""``python -m danvan``: the same command line as the ``danvan`` script."""

from danvan.cli import main

main()
