"""``python -m cleaner``: the command line (:mod:`cleaner.cli`)."""
from .cli import main

main()
