"""Run an atheris target for a time budget and record its figures.

Usage (also ``nox -s fuzz -- ...``)::

    python -m fuzz decode_validate --time 1800
    python -m fuzz instantiate_run --time 300 -- -jobs=2 -workers=2   # extra libFuzzer flags
    python -m fuzz --list

The target runs as a child process (``fuzz/targets/<target>.py``) with the
seed corpus ``fuzz/corpus/<target>`` (read-only) and a writable working
corpus (``$NANOWASM_FUZZ_WORK``, default ``~/.cache/nanowasm-fuzz/<target>``).
Crash inputs go to ``.cache/work/fuzz/findings/atheris-<target>/`` and the
figures to ``.cache/work/fuzz/`` (ignored by git: a run never dirties the
tree); ``--publish`` writes them to ``fuzz/findings/`` and ``reports/fuzz/``.

Figures file (``atheris-<target>-<UTC stamp>.json``, merged into
``latest.json`` under ``atheris-<target>``), schema 1::

    {"schema": 1, "kind": "atheris", "target": str, "level": str,
     "started": ISO-8601 UTC, "duration_s": float, "exit_code": int,
     "executions": int,          # libFuzzer stat::number_of_executed_units
     "execs_per_s": float,
     "coverage": int, "features": int,   # libFuzzer cov / ft of the last status line
     "corpus_units": int, "peak_rss_mb": int,
     "crashes": int,             # new artifact files written by this run
     "artifacts": [path, ...],
     "outcomes": {name: int},    # the target's own counters (accepted, agree, known:<id>, explained:<kind>, ...)
     "libfuzzer_args": [str, ...]}
"""

from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

from harness.progress import Progress

from .diff import REPO, REPORTS_DIR, WORK_DIR, write_figures

TARGETS_DIR = REPO / "fuzz" / "targets"
DICT = REPO / "fuzz" / "wasm.dict"  # libFuzzer dictionary: magic, section ids, type codes, opcodes


def targets() -> list[str]:
    return sorted(p.stem for p in TARGETS_DIR.glob("*.py") if not p.stem.startswith("_"))


_STATUS = re.compile(r"#(\d+)\s+\w+\s+cov: (\d+) ft: (\d+) corp: (\d+)")
_STAT = re.compile(r"stat::(\w+):\s+(\d+)")


def parse_log(text: str) -> dict[str, int]:
    """The last libFuzzer status line and the final ``stat::`` lines."""
    out: dict[str, int] = {}
    for m in _STATUS.finditer(text):
        out.update(
            executions=int(m[1]), coverage=int(m[2]), features=int(m[3]), corpus_units=int(m[4])
        )
    for m in _STAT.finditer(text):
        out[m[1]] = int(m[2])
    return out


def _tail(path: Path, size: int = 8192) -> str:
    """The end of the log (libFuzzer's latest status line), without reading it all."""
    with path.open("rb") as f:
        f.seek(max(0, f.seek(0, os.SEEK_END) - size))
        return f.read().decode(errors="replace")


def run(
    target: str,
    seconds: int,
    extra: list[str],
    *,
    level: str = "wasm2",
    record: bool = True,
    publish: bool = False,
) -> dict:
    work = (
        Path(os.environ.get("NANOWASM_FUZZ_WORK", Path.home() / ".cache" / "nanowasm-fuzz"))
        / target
    )
    work.mkdir(parents=True, exist_ok=True)
    seeds = REPO / "fuzz" / "corpus" / target
    findings = REPO / "fuzz" / "findings" if publish else WORK_DIR / "findings"
    artifacts = findings / f"atheris-{target}"
    artifacts.mkdir(parents=True, exist_ok=True)
    before = set(artifacts.iterdir())
    stats = Path(tempfile.mkstemp(prefix=f"fuzz-{target}-", suffix=".json")[1])
    args = [
        f"-max_total_time={seconds}",
        "-timeout=30",
        "-rss_limit_mb=3072",
        "-print_final_stats=1",
        f"-artifact_prefix={artifacts}/",
        *(
            [f"-dict={DICT}"]
            if DICT.is_file() and not any(a.startswith("-dict=") for a in extra)
            else []
        ),
        *extra,
        str(work),
    ]
    if seeds.is_dir():
        args.append(str(seeds))
    env = {**os.environ, "NANOWASM_FUZZ_STATS": str(stats), "NANOWASM_FUZZ_LEVEL": level}
    started = datetime.now(UTC).replace(microsecond=0)
    t0 = time.monotonic()
    log_path = Path(tempfile.mkstemp(prefix=f"fuzz-{target}-", suffix=".log")[1])
    print(f"running {target} for {seconds}s, log {log_path}", flush=True)
    with (
        log_path.open("w") as log,
        Progress(f"atheris {target}", None, unit="execs", limit_s=seconds, interval=30.0) as bar,
    ):
        proc = subprocess.Popen(
            [sys.executable, str(TARGETS_DIR / f"{target}.py"), *args],
            stdout=log,
            stderr=subprocess.STDOUT,
            env=env,
            cwd=REPO,
        )
        while True:
            try:
                proc.wait(timeout=1.0)
                break
            except subprocess.TimeoutExpired:
                pass
            now = parse_log(_tail(log_path))
            bar.update(
                done=now.get("executions", 0),
                cov=now.get("coverage", 0),
                crashes=len(set(artifacts.iterdir()) - before),
            )
    dt = time.monotonic() - t0
    text = log_path.read_text(errors="replace")
    figures = parse_log(text)
    try:
        outcomes = json.loads(stats.read_text() or "{}")
    except ValueError:
        outcomes = {}
    new = sorted(
        str(p.relative_to(REPO)) if p.is_relative_to(REPO) else str(p)
        for p in set(artifacts.iterdir()) - before
    )
    executions = figures.get("number_of_executed_units", figures.get("executions", 0))
    record_ = {
        "schema": 1,
        "kind": "atheris",
        "target": target,
        "level": level,
        "started": started.isoformat().replace("+00:00", "Z"),
        "duration_s": round(dt, 1),
        "exit_code": proc.returncode,
        "executions": executions,
        "execs_per_s": round(executions / dt, 1) if dt else 0.0,
        "coverage": figures.get("coverage", 0),
        "features": figures.get("features", 0),
        "corpus_units": figures.get("corpus_units", 0),
        "peak_rss_mb": figures.get("peak_rss_mb", 0),
        "crashes": len(new),
        "artifacts": new,
        "outcomes": outcomes,
        "libfuzzer_args": args,
    }
    if record:
        path = write_figures(record_, f"atheris-{target}", REPORTS_DIR if publish else WORK_DIR)
        print(f"figures: {path}")
    if proc.returncode != 0:
        print(text[-3000:])
    return record_


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    extra: list[str] = []
    if "--" in argv:
        i = argv.index("--")
        argv, extra = argv[:i], argv[i + 1 :]
    p = argparse.ArgumentParser(
        prog="python -m fuzz", description="Run an atheris target (see fuzz/README.md)."
    )
    p.add_argument("target", nargs="?", choices=targets())
    p.add_argument("--time", type=int, default=60, help="seconds (libFuzzer -max_total_time)")
    p.add_argument(
        "--level",
        default="wasm2",
        help="feature level of the oracle (mvp, wasm2, wasm2-simd, wasm2-wide)",
    )
    p.add_argument("--no-record", action="store_true", help="do not write campaign figures")
    p.add_argument(
        "--publish",
        action="store_true",
        help="figures to reports/fuzz/, crash inputs to fuzz/findings/ (tracked) instead of "
        "the work directory .cache/work/fuzz/",
    )
    p.add_argument("--list", action="store_true")
    a, unknown = p.parse_known_args(argv)
    extra = [*unknown, *extra]  # libFuzzer flags (-jobs=2 ...) may also come without "--"
    if a.list or not a.target:
        print("\n".join(targets()))
        return 0
    rec = run(a.target, a.time, extra, level=a.level, record=not a.no_record, publish=a.publish)
    print(json.dumps({k: v for k, v in rec.items() if k != "libfuzzer_args"}, indent=1))
    return 0 if rec["exit_code"] == 0 and not rec["crashes"] else 1


if __name__ == "__main__":
    sys.exit(main())
