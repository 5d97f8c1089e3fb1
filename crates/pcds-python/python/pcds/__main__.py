"""``python -m pcds ARGS`` runs the ``pcds`` command line, as the ``pcds`` script does."""

from . import main

main()
