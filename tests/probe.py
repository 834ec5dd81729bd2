"""Running a pytest session in a fresh interpreter and reading what a probe plugin saw.

The harness tests that look at pytest's own machinery (collection order,
the run-test protocol) must not share this process's plugins, so they run
a small script with ``python -c`` that prints one ``PROBE{json}`` line.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent


def run_probe(script: str, *args: str) -> dict[str, Any]:
    """The JSON of the last ``PROBE`` line ``script`` printed (run from the repository root)."""
    proc = subprocess.run(
        [sys.executable, "-c", script, *args], cwd=ROOT, capture_output=True, text=True, check=False
    )
    line = [ln for ln in proc.stdout.splitlines() if ln.startswith("PROBE")]
    assert line, proc.stdout[-2000:] + proc.stderr[-2000:]
    result: dict[str, Any] = json.loads(line[-1][len("PROBE") :])
    return result
