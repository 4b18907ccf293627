"""``python -m dashkit`` runs the ``dashboards`` command."""

from dashkit.cli import main

main()
