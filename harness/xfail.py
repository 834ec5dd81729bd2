"""Maintain ``spec/xfail/<engine>.toml`` from the JSON record of a run.

    pytest spec --engine wasmtime -n auto --record run.json
    python -m harness.xfail run.json            # rewrites spec/xfail/wasmtime.toml

Entries that still fail keep their (hand-written) reasons; failures not yet
listed are added with the harness's one-line diagnosis as reason (edit it!);
entries that passed (XPASS) are dropped, so the list only shrinks unless the
engine regresses.  Item ids are ``<script>::<item name>`` relative to ``spec/``.
"""

from __future__ import annotations

import json
import re
import sys
import tomllib
from pathlib import Path

from .suite import REPO_ROOT


def _key(nodeid: str) -> str:
    return nodeid.removeprefix("spec/")


def auto_reason(message: str) -> str:
    """The headline of a failure: ``expected invalid, got malformed (engine error: ...)``."""
    lines = [ln.strip() for ln in message.splitlines()
             if ln.strip() and not ln.startswith("[gw")]  # xdist's worker line
    head = next((ln for ln in lines if re.match(r"\S+\.wast:\d+: ", ln)), lines[0] if lines else "")
    head = head.split(": ", 2)[-1]
    err = next((ln for ln in lines if ln.startswith("engine error:")), "")
    reason = f"{head} ({err})" if err else head
    return re.sub(r"\s*\(at offset 0x[0-9a-f]+\)", "", reason)[:200]


def update(record: dict, existing: dict[str, str]) -> dict[str, str]:
    still = set(record.get("xfailed", []))
    out = {k: v for k, v in existing.items() if "spec/" + k in still or any(
        c in k for c in "*?[")}
    for f in record["failures"]:
        if f.get("outcome", "failed") in ("failed", "error"):
            out.setdefault(_key(f["id"]), auto_reason(f["message"]))
    return dict(sorted(out.items()))


def render(entries: dict[str, str], engine: str, suite_commit: str) -> str:
    lines = [f"# Expected failures of engine {engine!r} (strict: an entry that passes fails the run).",
             f"# Made against suite commit {suite_commit}; maintained with `python -m harness.xfail`.",
             '# Keys: "<script>::<item>" relative to spec/ (globs allowed); values: the reason.',
             "", "[xfail]"]
    lines += [f"{json.dumps(k)} = {json.dumps(v)}" for k, v in entries.items()]
    return "\n".join(lines) + "\n"


def main(argv: list[str]) -> int:
    if not argv:
        print(__doc__)
        return 2
    record = json.loads(Path(argv[0]).read_text())
    engine = record["engine"]
    path = Path(argv[1]) if len(argv) > 1 else REPO_ROOT / "spec" / "xfail" / f"{engine}.toml"
    existing: dict[str, str] = {}
    if path.is_file():
        for section in tomllib.loads(path.read_text()).values():
            if isinstance(section, dict):
                existing.update({k: str(v) for k, v in section.items()})
    entries = update(record, existing)
    path.write_text(render(entries, engine, record.get("suite_commit", "unknown")))
    print(f"{path}: {len(entries)} entries")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
