"""Known, not yet fixed robustness findings (``fuzz/findings/known.json``).

A long atheris run would stop at the first input showing a bug that is
already filed.  Each entry here describes such a bug by a *signature*
(our verdict plus a substring of wasmtime's message); inputs matching an
``open`` entry are counted as ``known:<id>`` in the run's statistics
instead of crashing, so the run goes on looking for new bugs.  Entries are
never silent: the counts are part of the recorded figures, and
``tests/test_fuzz_findings.py`` replays each entry's reproducer (strict
xfail while ``open``, must agree once ``fixed``).

Entry fields: ``id``, ``target``, ``file`` (reproducer, relative to
``fuzz/findings``), ``status`` (``open`` | ``fixed``), ``ours`` (``ok`` |
``reject``), ``theirs_contains``, ``diagnosis``.
"""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path
from typing import Any

KNOWN_FILE = Path(__file__).resolve().parent / "findings" / "known.json"


@lru_cache(maxsize=1)
def known_findings() -> list[dict[str, Any]]:
    try:
        return json.loads(KNOWN_FILE.read_text())
    except (OSError, ValueError):
        return []


def match_open(target: str, ours: list[Any], theirs: list[Any]) -> str | None:
    """The id of an open known finding matching this disagreement, if any."""
    message = str(theirs[1]) if len(theirs) > 1 else ""
    if ours[0] == "reject":
        message = str(ours[1])
    for entry in known_findings():
        if entry.get("status") != "open" or entry.get("target") != target:
            continue
        if entry.get("ours") == ours[0] and entry.get("theirs_contains", "") in message:
            return str(entry["id"])
    return None
