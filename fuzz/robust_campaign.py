"""Robustness campaign over the structured generators of :mod:`fuzz.hostile`.

``python -m fuzz.robust_campaign --time 1800`` cycles through the families
(deep nesting, long straight-line code, deep operand stacks, many functions,
big and growing memories, recursion with big frames, host re-entry, huge
``br_table``s, huge local counts), one fresh seed per run, each run in a
subprocess under ``RLIMIT_AS``/``RLIMIT_CPU`` and a wall-clock bound.

A run is a *finding* when the process dies (signal, non-zero exit), hangs past
the wall-clock bound, or raises a stray (non-engine) exception; it is *late*
when a store timeout acted later than 10% + 0.1 s after its value.  Figures go
to ``robust-<stamp>.json`` in the work directory, or with ``--publish`` in
``reports/fuzz/`` (merged into ``latest.json`` as ``robust``; schema 1): runs, outcome counts
and peak RSS per family, every finding and late run with its ``(family,
seed)`` (replay: ``python -m fuzz.hostile gen FAMILY SEED``).
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import time
from collections import Counter
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from fuzz.diff import REPORTS_DIR, WORK_DIR, write_figures
from fuzz.hostile import FAMILIES

REPO = Path(__file__).resolve().parent.parent
ADDRESS_SPACE = 3 << 30
CPU_SECONDS = 30
WALL_SECONDS = 120.0


def run_one(family: str, seed: int) -> dict[str, Any]:
    def limit() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (ADDRESS_SPACE, ADDRESS_SPACE))
        resource.setrlimit(resource.RLIMIT_CPU, (CPU_SECONDS, CPU_SECONDS + 1))

    base = {"family": family, "seed": seed}
    try:
        proc = subprocess.run(
            [sys.executable, "-m", "fuzz.hostile", "gen", family, str(seed)],
            cwd=REPO,
            capture_output=True,
            text=True,
            timeout=WALL_SECONDS,
            preexec_fn=limit,
        )
    except subprocess.TimeoutExpired:
        return {**base, "outcome": "hang"}
    if proc.returncode != 0:
        return {**base, "outcome": f"died {proc.returncode}", "stderr": proc.stderr[-500:]}
    report: dict[str, Any] = json.loads(proc.stdout.strip().splitlines()[-1])
    return report


def classify(report: dict[str, Any]) -> str:
    """``finding``, ``late`` or ``fine``."""
    outcome = report["outcome"]
    if outcome.startswith(("hang", "died", "stray")):
        return "finding"
    timeout = report.get("limits", {}).get("timeout")
    if timeout is not None and report.get("call_seconds", 0) > 1.1 * timeout + 0.1:
        return "late"
    return "fine"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--time", type=float, default=600, help="seconds to run")
    ap.add_argument("--seed", type=int, default=0, help="first seed")
    ap.add_argument(
        "--publish",
        action="store_true",
        help="write the figures to reports/fuzz/ (default: the work directory)",
    )
    args = ap.parse_args(argv)
    started = datetime.now(UTC)
    t0 = time.monotonic()
    names = sorted(FAMILIES)
    families: dict[str, dict[str, Any]] = {
        n: {"runs": 0, "outcomes": Counter(), "peak_rss_mb": 0.0, "max_cpu": 0.0} for n in names
    }
    findings: list[dict[str, Any]] = []
    late: list[dict[str, Any]] = []
    runs = 0
    while time.monotonic() - t0 < args.time:
        family, seed = names[runs % len(names)], args.seed + runs // len(names)
        report = run_one(family, seed)
        runs += 1
        fam = families[family]
        fam["runs"] += 1
        fam["outcomes"][report["outcome"].split(":")[0]] += 1
        fam["peak_rss_mb"] = max(fam["peak_rss_mb"], report.get("maxrss_mb", 0.0))
        fam["max_cpu"] = max(fam["max_cpu"], report.get("cpu", 0.0))
        kind = classify(report)
        if kind == "finding":
            findings.append(report)
            print("FINDING", json.dumps(report), flush=True)
        elif kind == "late":
            late.append(report)
    figures = {
        "schema": 1,
        "kind": "robust",
        "started": started.isoformat(timespec="seconds"),
        "duration_s": round(time.monotonic() - t0, 1),
        "runs": runs,
        "executions": runs,  # the names the report page shows
        "crashes": len(findings),
        "findings": findings,
        "late_timeouts": late,
        "peak_rss_mb": max(f["peak_rss_mb"] for f in families.values()),
        "limits": {"address_space": ADDRESS_SPACE, "cpu_s": CPU_SECONDS, "wall_s": WALL_SECONDS},
        "families": {n: {**f, "outcomes": dict(f["outcomes"])} for n, f in families.items()},
    }
    out = write_figures(figures, "robust", REPORTS_DIR if args.publish else WORK_DIR)
    print(f"{runs} runs, {len(findings)} findings, {len(late)} late timeouts -> {out}")
    return 1 if findings else 0


if __name__ == "__main__":
    sys.exit(main())
