"""``python -m console``: the ``seatwatch`` command line (as ``python -m console.cli``
and the ``seatwatch`` entry point), for a PC where the entry point is not on PATH."""

from __future__ import annotations

import sys

from console.cli import main

if __name__ == "__main__":
    sys.exit(main())
