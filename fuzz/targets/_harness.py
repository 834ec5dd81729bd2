"""Shared plumbing of the atheris targets (kept out of the instrumented code).

* :func:`setup_path` makes ``interp`` and ``fuzz`` importable when a target
  runs as a plain script (``./fuzz/targets/decode_validate.py -fork=2``).
* :class:`Stats` counts outcomes and writes them to ``$NANOWASM_FUZZ_STATS``
  (JSON) every few seconds, because libFuzzer ends the process with
  ``exit()`` and Python's ``atexit`` hooks may not run.
"""

from __future__ import annotations

import json
import os
import sys
import time
from collections import Counter
from pathlib import Path


def setup_path() -> None:
    root = str(Path(__file__).resolve().parents[2])
    if root not in sys.path:
        sys.path.insert(0, root)


class Stats:
    def __init__(self) -> None:
        self.counts: Counter = Counter()
        self.path = os.environ.get("NANOWASM_FUZZ_STATS")
        self.last = time.monotonic()

    def add(self, key: str) -> None:
        self.counts[key] += 1
        if self.path and time.monotonic() - self.last > 5:
            self.flush()

    def flush(self) -> None:
        self.last = time.monotonic()
        if not self.path:
            return
        tmp = self.path + f".{os.getpid()}.tmp"
        Path(tmp).write_text(json.dumps(dict(self.counts), sort_keys=True))
        os.replace(tmp, self.path)
