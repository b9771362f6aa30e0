"""``python -m docmanager COMMAND ...`` runs the command line."""
import sys

from docmanager.cli import main

sys.exit(main())
