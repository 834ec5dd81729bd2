"""``python -m interp`` is the ``nanowasm`` command (see :mod:`interp.cli`)."""

import sys

from .cli import main

sys.exit(main())
