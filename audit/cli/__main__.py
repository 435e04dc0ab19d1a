"""``python -m audit.cli``: the same as the ``xxgk-audit`` command."""
from . import main

main()
