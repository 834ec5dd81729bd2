"""pytest plugin: compile every function that has a branch target in flat mode.

``python -m pytest spec/br_table.wast -p tests.flat_everywhere``: with no
Python loop allowed, structured emission gives up at the first targeted
block and the function is compiled in its flat basic-block form.
"""

from __future__ import annotations

from interp import compile as _compile

_compile.MAX_PY_LOOPS = -1
