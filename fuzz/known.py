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

The differential runner's explained disagreements that are *allowed by the
spec* (not bugs at all) are listed here too, each with the rule that allows
it (:data:`SPEC_EXPLAINED`, :func:`explain_traps`); the campaign figures
count them under their kind and carry the rule's text.
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


#: explained kind -> the spec rule that makes the difference legitimate
SPEC_EXPLAINED: dict[str, str] = {
    "nan-bits": (
        "3.0 spec 4.3.3 (Floating-Point Operations, NaN propagation): an arithmetic "
        "instruction with a NaN operand may return any arithmetic NaN"
    ),
    "trap-order": (
        "threads proposal, Execution of t.atomic.rmw/load/store and memory.atomic.wait/"
        "notify: step 8 (effective address not aligned to N/8: trap) precedes the bounds "
        "check (step 14), as in the reference interpreter (check_align before the "
        "access). wasmtime 50's memory.atomic.notify checks the bound first when the "
        "effective address passes 4 GiB; an access that is both misaligned and out of "
        "bounds traps in both engines, only the trap's kind differs"
    ),
}

#: (our trap kind, wasmtime's trap kind) -> explained kind.  Only this direction:
#: us reporting the bound first would contradict the rule and stays a finding.
_TRAP_PAIRS = {("unaligned-atomic", "oob-memory"): "trap-order"}


def explain_traps(ours: str, theirs: str) -> str | None:
    """The explained kind for two different trap kinds of one call, if the spec allows it."""
    return _TRAP_PAIRS.get((ours, theirs))
