"""``python -m bench``: time every engine on every kernel, side by side, in one run.

Each (engine, kernel) pair runs in its own subprocess (:mod:`bench.worker`)
unless ``--in-process`` is given.  Every result is checked against
``kernel.json`` (f64 bit for bit); a wrong result is printed loudly, shown as
**WRONG RESULT** in the tables, excluded from every ratio, and makes the exit
status 1.  The Markdown report goes to stdout, the JSON record to
``.cache/work/bench/latest.json`` (ignored by git, so a session never dirties
the tree); ``--publish`` writes it to the tracked ``bench/results/latest.json``
and rewrites the README block.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import math
import os
import platform
import subprocess
import sys
import tempfile
from pathlib import Path

from harness.progress import Progress

from . import report
from .engines import ENGINES, EngineUnavailable, get_engine
from .kernels import REPO_ROOT, SIZES, Kernel, default_kernels_dir, load_kernels
from .worker import measure, measure_fuel_pair

PUBLISHED_JSON = Path(__file__).resolve().parent / "results" / "latest.json"
DEFAULT_JSON = (
    Path(os.environ.get("NANOWASM_WORK") or REPO_ROOT / ".cache" / "work") / "bench" / "latest.json"
)
README_START = "<!-- bench:start -->"
README_END = "<!-- bench:end -->"


def _csv(text: str) -> list[str]:
    return [t.strip() for t in text.split(",") if t.strip()]


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    p = argparse.ArgumentParser(prog="python -m bench", description=__doc__.split("\n")[0])
    p.add_argument(
        "--engines",
        type=_csv,
        default=list(ENGINES),
        help=f"comma-separated subset of {','.join(ENGINES)} (default: all)",
    )
    p.add_argument(
        "--kernel",
        dest="kernels",
        type=_csv,
        default=None,
        help="comma-separated kernel names (default: all)",
    )
    p.add_argument("--size", choices=SIZES, default="default")
    p.add_argument("--repeat", type=int, default=3, help="repeats per measurement; best is kept")
    p.add_argument(
        "--time-cap",
        type=float,
        default=60.0,
        help="seconds per engine and kernel; stop repeating once exceeded (>=1 run)",
    )
    p.add_argument(
        "--timeout",
        type=float,
        default=600.0,
        help="hard limit (s) on one worker subprocess; it is killed and reported as a timeout",
    )
    p.add_argument("--fuel", type=int, default=None, help="pass fuel= to nanowasm's Store")
    p.add_argument(
        "--kernels-dir",
        type=Path,
        default=default_kernels_dir(),
        help="folder of kernel folders (default: $NANOWASM_BENCH or ../shared/bench)",
    )
    p.add_argument("--json", type=Path, default=DEFAULT_JSON, help="where to write the JSON record")
    p.add_argument(
        "--in-process",
        action="store_true",
        help="measure in this process instead of one subprocess per engine and kernel",
    )
    p.add_argument(
        "--update-readme",
        action="store_true",
        help="rewrite the README.md block between the bench markers",
    )
    p.add_argument(
        "--publish",
        action="store_true",
        help=f"record to {PUBLISHED_JSON.relative_to(REPO_ROOT)} (tracked) and --update-readme",
    )
    p.add_argument(
        "--programs",
        action=argparse.BooleanOptionalAction,
        default=True,
        help="also build and time the interpreter-shaped programs of bench/programs (needs clang)",
    )
    p.add_argument(
        "--startup",
        action=argparse.BooleanOptionalAction,
        default=True,
        help="also measure time to main, compile cost and decode + validate speed",
    )
    p.add_argument(
        "--fuel-overhead",
        action=argparse.BooleanOptionalAction,
        default=True,
        help="also run nanowasm with fuel on every kernel and program and report the CPU ratio "
        "(only without --fuel)",
    )
    p.add_argument(
        "--fuel-repeat",
        type=int,
        default=9,
        help="pairs (without, with fuel; interleaved in one process) for the fuel overhead, "
        "at least; short kernels get up to 4x as many (1.5 s of CPU)",
    )
    p.add_argument(
        "--suite",
        action="store_true",
        help="also time `pytest spec -n 2` under the shared lock (minutes; warm conversion cache)",
    )
    p.add_argument("--suite-workers", type=int, default=2, help="pytest-xdist workers for --suite")
    p.add_argument(
        "--lock",
        type=Path,
        default=None,
        metavar="PATH",
        help="hold this lock file (flock) for the whole session, e.g. /work/.suite.lock; "
        "--suite alone takes the shared lock only around the suite",
    )
    p.add_argument("--readme", type=Path, default=REPO_ROOT / "README.md", help=argparse.SUPPRESS)
    a = p.parse_args(argv)
    if a.publish:
        a.json, a.update_readme = PUBLISHED_JSON, True
    unknown = [e for e in a.engines if e not in ENGINES]
    if unknown:
        p.error(f"unknown engine(s) {unknown}; known: {list(ENGINES)}")
    a.engines = [e for e in ENGINES if e in a.engines]  # report order
    return a


def run_worker(engine: str, kernel: Kernel, a: argparse.Namespace, fuel_pair: bool = False) -> dict:
    """One measurement in a fresh interpreter; a crash or timeout becomes an error record."""
    fd, out = tempfile.mkstemp(prefix=f"bench-{engine}-{kernel.name}-", suffix=".json")
    os.close(fd)
    cmd = [
        sys.executable,
        "-m",
        "bench.worker",
        "--engine",
        engine,
        "--kernel-dir",
        str(kernel.folder),
        "--size",
        a.size,
        "--repeat",
        str(a.repeat),
        "--time-cap",
        str(a.time_cap),
        "--out",
        out,
    ]
    if a.fuel is not None:
        cmd += ["--fuel", str(a.fuel)]
    if fuel_pair:  # measure_fuel_pair, at least this many pairs
        cmd += ["--fuel-pair", "--min-pairs", str(fuel_pair)]
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(REPO_ROOT), env.get("PYTHONPATH")]))
    base = {
        "engine": engine,
        "kernel": kernel.name,
        "kind": kernel.kind,
        "group": kernel.group,
        "size": a.size,
        "repeats": 0,
        "wasm_instrs": kernel.sizes[a.size].wasm_instrs,
    }
    try:
        proc = subprocess.run(
            cmd, cwd=REPO_ROOT, env=env, capture_output=True, timeout=a.timeout, check=False
        )
        text = Path(out).read_text()
        if proc.returncode != 0 or not text:
            tail = proc.stderr.decode(errors="replace").strip().splitlines()[-1:] or ["?"]
            return {
                **base,
                "status": "error",
                "note": f"worker exit {proc.returncode}: {tail[0][:300]}",
            }
        return json.loads(text)
    except subprocess.TimeoutExpired:
        return {**base, "status": "timeout", "note": f"killed after {a.timeout:g}s"}
    finally:
        Path(out).unlink(missing_ok=True)


def _git_commit() -> tuple[str, bool]:
    def git(*args: str) -> str:
        return subprocess.run(
            ["git", "-C", str(REPO_ROOT), *args],
            capture_output=True,
            text=True,
            timeout=10,
            check=False,
        ).stdout.strip()

    try:
        return git("rev-parse", "HEAD") or "unknown", bool(git("status", "--porcelain"))
    except (OSError, subprocess.SubprocessError):
        return "unknown", False


def engine_info(engines: list[str], fuel: int | None) -> tuple[dict, dict]:
    """Versions (or why an engine is unavailable) and notes to print under the tables."""
    info: dict = {}
    notes: dict = {}
    for name in engines:
        engine = get_engine(name)
        try:
            info[name] = {"available": True, "version": engine.version()}
            notes[name] = engine.set_fuel(fuel)
        except EngineUnavailable as exc:
            info[name] = {"available": False, "version": None, "reason": str(exc)}
            notes[name] = f"n/a ({exc})"
    if "wasm3" in engines:
        notes["wasm3"] = notes.get("wasm3") or "WASI kernels skipped: pywasm3 exposes no WASI"
    return info, notes


def _print_loud(record: dict) -> None:
    bar = "!" * 78
    print(
        f"{bar}\nWRONG RESULT: {record['engine']} on {record['kernel']} ({record['size']}): "
        f"{record['note']}\n{bar}",
        file=sys.stderr,
    )


def update_readme(path: Path, block: str) -> bool:
    """Replace only the text between the bench markers; False if the markers are missing."""
    if not path.exists():
        return False
    text = path.read_text()
    start, end = text.find(README_START), text.find(README_END)
    if start < 0 or end < start:
        return False
    new = text[: start + len(README_START)] + "\n" + block.rstrip("\n") + "\n" + text[end:]
    path.write_text(new)
    return True


def select(a: argparse.Namespace) -> tuple[list[Kernel], dict, list[str]]:
    """The kernels and built programs to run (``--kernel`` filters both), shapes, notes."""
    from . import programs

    names = a.kernels
    shared = load_kernels(a.kernels_dir)
    known = {k.name for k in shared} | (set(programs.PROGRAMS) if a.programs else set())
    unknown = [n for n in names or [] if n not in known]
    if unknown:
        raise SystemExit(f"unknown kernel(s): {', '.join(unknown)}; known: {sorted(known)}")
    kernels = [k for k in shared if not names or k.name in names]
    shapes: dict = {}
    notes: list[str] = []
    wanted = [n for n in programs.PROGRAMS if not names or n in names] if a.programs else []
    if wanted:
        print(f"[bench] building programs {', '.join(wanted)}", file=sys.stderr, flush=True)
        try:
            built = programs.build(wanted, size=a.size)
        except programs.BuildError as exc:
            notes.append(f"programs not built: {exc}")
            print(f"[bench] programs not built: {exc}", file=sys.stderr)
            built = []
        for k in built:
            sh = programs.shape(k.wasm.read_bytes())
            ok = programs.shape_ok(k.name, sh)
            shapes[k.name] = {**vars(sh), "requires": programs.PROGRAMS[k.name].requires, "ok": ok}
            if not ok:
                notes.append(f"{k.name}: wrong shape, needs {programs.PROGRAMS[k.name].requires}")
        kernels += built
    return kernels, shapes, notes


def measure_startup(kernels: list[Kernel], a: argparse.Namespace) -> dict:
    """Time to main and compile cost for the WASI programs, decode + validate speed for all."""
    from . import startup

    out: dict = {"to_main": {}, "compile": {}}
    for k in kernels:
        if k.is_wasi or k.group == "program":
            print(f"[bench] startup {k.name}", file=sys.stderr, flush=True)
            out["compile"][k.name] = startup.compile_cost(k.wasm.read_bytes())
        if k.is_wasi:
            out["to_main"][k.name] = startup.time_to_main(k, k.sizes[a.size].argv, a.repeat)
    if out["to_main"]:
        out["floor"] = startup.floor(a.repeat)
    print("[bench] decode + validate", file=sys.stderr, flush=True)
    out["decode"] = startup.decode_speed(kernels, a.repeat)
    return out


FUEL_UNITS = 10**15
"""Fuel for the overhead runs: accounting on, never exhausted."""


def measure_fuel_overhead(
    kernels: list[Kernel], results: list[dict], a: argparse.Namespace
) -> dict:
    """nanowasm with fuel accounting on, per kernel: CPU with fuel / CPU without.

    Both are measured anew, interleaved in one worker process
    (:func:`bench.worker.measure_fuel_pair`: A B, B A, ... over
    ``--fuel-repeat`` pairs, best of each, results checked), not taken from
    the session's own runs: a ratio of two runs made minutes apart measured
    the machine's load as much as fuel (bench/README.md).
    """
    base = {r["kernel"]: r for r in results if r["engine"] == "nanowasm"}
    # at most 4x the pairs for short kernels (measure_fuel_pair), within the time cap
    most = 4 * a.fuel_repeat
    fa = argparse.Namespace(**{**vars(a), "fuel": FUEL_UNITS, "repeat": most})
    rows: list[dict] = []
    for k in kernels:
        b = base.get(k.name)
        if b is None or b["status"] != "ok" or not b.get("run_cpu"):
            continue
        print(f"[bench] {k.name:<14} nanowasm+fuel", end=" ", file=sys.stderr, flush=True)
        if a.in_process:
            rec = measure_fuel_pair(
                k, a.size, most, a.time_cap, FUEL_UNITS, min_pairs=a.fuel_repeat
            )
        else:
            rec = run_worker("nanowasm", k, fa, fuel_pair=a.fuel_repeat)
        print(rec["status"], file=sys.stderr, flush=True)
        if rec["status"] == "wrong":
            _print_loud(rec)
        ok = rec["status"] == "ok" and rec.get("fuel") and rec.get("no_fuel")
        samples = rec.get("samples") or {}
        rows.append(
            {
                "kernel": k.name,
                "kind": k.kind,
                "group": k.group,
                "status": rec["status"],
                "note": rec.get("note"),
                "no_fuel": rec.get("no_fuel"),
                "fuel": rec.get("fuel"),
                "ratio": rec["fuel"] / rec["no_fuel"] if ok else None,
                "pairs": rec.get("repeats", 0),
                # the spread: the ratio of each pair's times (one run each, interleaved)
                "pair_ratios": [
                    f / n
                    for n, f in zip(
                        samples.get("no_fuel", []), samples.get("fuel", []), strict=False
                    )
                ],
            }
        )
    core = [
        r["ratio"] for r in rows if r["ratio"] and r["kind"] == "core" and r["group"] == "kernel"
    ]
    progs = [r["ratio"] for r in rows if r["ratio"] and r["group"] == "program"]

    def geomean(values: list[float]) -> float | None:
        return math.exp(sum(map(math.log, values)) / len(values)) if values else None

    return {
        "fuel": FUEL_UNITS,
        "method": (
            f"interleaved in one process, best of {a.fuel_repeat}-{most} pairs "
            "(more for short kernels)"
        ),
        "rows": rows,
        "geomean_core_kernels": geomean(core),
        "geomean_programs": geomean(progs),
        "max": max((r["ratio"] for r in rows if r["ratio"]), default=None),
    }


def main(argv: list[str] | None = None) -> int:
    a = parse_args(argv)
    if a.lock is None:
        return session(a)
    import fcntl

    with open(a.lock, "a") as handle:
        print(f"[bench] waiting for the lock {a.lock}", file=sys.stderr, flush=True)
        fcntl.flock(handle, fcntl.LOCK_EX)
        print("[bench] lock taken", file=sys.stderr, flush=True)
        try:
            return session(a)
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def session(a: argparse.Namespace) -> int:
    """One bench session: kernels, programs, startup figures, optionally the suite."""
    kernels, shapes, build_notes = select(a)
    if not kernels:
        print(f"no kernels found in {a.kernels_dir}", file=sys.stderr)
        return 2
    info, notes = engine_info(a.engines, a.fuel)
    labels = {name: ENGINES[name].label for name in a.engines}
    results: list[dict] = []
    # live progress (harness.progress: rich on a terminal, plain lines in logs)
    bar = Progress("bench", len(kernels) * len(a.engines), unit="runs", interval=30.0)
    bar.__enter__()
    for kernel in kernels:
        for name in a.engines:
            if not info[name]["available"]:
                results.append(
                    {
                        "engine": name,
                        "kernel": kernel.name,
                        "kind": kernel.kind,
                        "group": kernel.group,
                        "size": a.size,
                        "status": "unavailable",
                        "repeats": 0,
                        "note": info[name]["reason"],
                        "wasm_instrs": kernel.sizes[a.size].wasm_instrs,
                    }
                )
                bar.advance()
                continue
            print(f"[bench] {kernel.name:<14} {name:<9}", end=" ", file=sys.stderr, flush=True)
            if a.in_process:
                rec = measure(name, kernel, a.size, a.repeat, a.time_cap, a.fuel)
            else:
                rec = run_worker(name, kernel, a)
            results.append(rec)
            bar.advance(wrong=sum(r["status"] == "wrong" for r in results))
            cpu = rec.get("run_cpu")
            print(
                rec["status"]
                + (f" run {cpu:.4f}s cpu" if cpu is not None else "")
                + (f"  ({rec['note']})" if rec.get("note") else ""),
                file=sys.stderr,
                flush=True,
            )
            if rec["status"] == "wrong":
                _print_loud(rec)
    bar.__exit__(None, None, None)

    fuel_overhead = None
    if a.fuel_overhead and a.fuel is None and info.get("nanowasm", {}).get("available"):
        fuel_overhead = measure_fuel_overhead(kernels, results, a)
    startup_figures = measure_startup(kernels, a) if a.startup else None
    suite = None
    if a.suite:
        from . import startup

        print("[bench] suite: pytest spec (waits for the shared lock)", file=sys.stderr, flush=True)
        # the session's own lock already covers the suite (taking it again would deadlock)
        suite = startup.suite_time(a.suite_workers, lock=None if a.lock else startup.SUITE_LOCK)

    for r in results:  # an engine that turned out unusable only while loading
        if r["status"] == "unavailable" and not notes.get(r["engine"]):
            notes[r["engine"]] = f"n/a ({r['note']})"
    commit, dirty = _git_commit()
    record = {
        "date": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "git_commit": commit,
        "git_dirty": dirty,
        "python": {"version": sys.version, "implementation": platform.python_implementation()},
        "platform": {
            "platform": platform.platform(),
            "machine": platform.machine(),
            "processor": platform.processor(),
            "cpu_count": os.cpu_count(),
        },
        "size": a.size,
        "repeat": a.repeat,
        "time_cap_s": a.time_cap,
        "fuel": a.fuel,
        "isolation": "in-process" if a.in_process else "one subprocess per engine and kernel",
        "kernels_dir": str(a.kernels_dir),
        "engine_order": a.engines,
        "engines": info,
        "engine_notes": {k: v for k, v in notes.items() if v},
        "results": results,
        "programs": shapes,
        "build_notes": build_notes,
        "fuel_overhead": fuel_overhead,
        "startup": startup_figures,
        "suite": suite,
    }
    record["summary"] = report.summarize(results, a.engines)
    a.json.parent.mkdir(parents=True, exist_ok=True)
    a.json.write_text(json.dumps(record, indent=1) + "\n")
    print(report.markdown(record, labels))

    if a.update_readme:
        block = report.markdown(record, labels, detail=False)
        if update_readme(a.readme, block):
            print(f"[bench] README block updated: {a.readme}", file=sys.stderr)
        else:
            print(
                f"[bench] note: {a.readme} is missing or lacks the '{README_START}' ... '{README_END}' "
                "markers; README not changed",
                file=sys.stderr,
            )

    failures = [r for r in results if r["status"] in ("wrong", "error", "timeout")]
    failures += [
        {**r, "engine": "nanowasm+fuel"}
        for r in (fuel_overhead or {}).get("rows", [])
        if r["status"] in ("wrong", "error", "timeout")
    ]
    failures += [
        {"status": "error", "engine": "-", "kernel": n, "note": "wrong shape"}
        for n, s in shapes.items()
        if not s["ok"]
    ]
    for r in failures:
        if r["status"] != "wrong":
            print(
                f"[bench] {r['status'].upper()}: {r['engine']} on {r['kernel']}: {r['note']}",
                file=sys.stderr,
            )
    return 1 if failures else 0
