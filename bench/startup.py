"""Startup and throughput figures: time to ``main``, compile cost, decode + validate speed, suite time.

Every figure here is measured by the bench session itself (``python -m
bench``), next to the kernel timings:

* **time to main** (:func:`time_to_main`): wall time from spawning
  ``python -m bench.probe ... run prog.wasm`` (``nanowasm run`` with a
  stopwatch, see :mod:`bench.probe`) to the program's ``main``, *cold*
  (``--no-cache``) and *warm* (the compiled-code cache primed by an earlier
  run); Python's own ``.pyc`` files are warm in both, as they are for any
  user after the first run.  Split into Python start-up (until the probe
  module runs) and nanowasm's part (import, decode, validate, instantiate,
  compile what ``_start`` needs).  The process's CPU time to ``main``
  (``cpu_to_main``, Python's start included) is recorded too: on the shared
  machine it moves far less with the load than wall time.
* **compile cost** (:func:`compile_cost`): in-process, every defined function
  compiled once with :func:`interp.compile.compile_function` (what the first
  call of each function pays), per function and per KB of code section.
* **decode + validate** (:func:`decode_speed`): MB/s of code section for
  ``interp.decode_module`` + ``interp.validate_module``, best of N.
* **suite wall time** (:func:`suite_time`, opt-in ``--suite``): ``pytest spec
  -n 2`` under the shared lock, conversion cache warm.
* **where the time to main goes** (:func:`decomposition`): the CPU time of
  each step of ``nanowasm run`` to ``main`` (:data:`STEPS`, stamped by
  :mod:`bench.probe`), cold and warm, against the floor every start pays
  (:func:`floor`: ``python -S -c pass``, ``python -c pass``, ``import
  interp.cli``).  ``python -m bench.startup [--repeat N] [--kernel a,b]
  [--json F]`` prints just that table.

All times are best-of-``repeat`` (the minimum), since noise on a shared
machine only ever adds time.
"""

from __future__ import annotations

import fcntl
import json
import os
import re
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from .kernels import REPO_ROOT, Kernel, keep_best

SUITE_LOCK = Path("/work/.suite.lock")


def _env() -> dict[str, str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(REPO_ROOT), env.get("PYTHONPATH")]))
    return env


PYCACHE = REPO_ROOT / ".cache" / "pycache"


def _startup_env(cache_home: str) -> dict[str, str]:
    """The environment of a timed ``nanowasm run``: as a user's.

    Python's ``.pyc`` files are written and reused (under ``.cache/pycache``,
    ignored by git: a development environment that sets
    ``PYTHONDONTWRITEBYTECODE`` would otherwise make every start compile the
    engine's sources, which no installed copy does), and nanowasm's
    compiled-code cache lives in a private ``XDG_CACHE_HOME``.
    """
    env = _env()
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env["PYTHONPYCACHEPREFIX"] = str(PYCACHE)
    env["XDG_CACHE_HOME"] = cache_home
    return env


def _probe(kernel: Kernel, argv: list[str], env: dict[str, str], out: str, cache: bool) -> dict:
    """One ``nanowasm run``: wall times from spawn (see :mod:`bench.probe`), or an error record."""
    flags = [] if cache else ["--no-cache"]
    cmd = [sys.executable, "-m", "bench.probe", out, "run", *flags, str(kernel.wasm), *argv]
    Path(out).write_text("")
    t0 = time.time()
    proc = subprocess.run(
        cmd, cwd=REPO_ROOT, env=env, capture_output=True, timeout=600, check=False
    )
    t1 = time.time()
    stamps = json.loads(Path(out).read_text() or "{}")
    if proc.returncode != 0 or "main" not in stamps:
        tail = proc.stderr.decode(errors="replace").strip().splitlines()[-1:] or ["?"]
        return {"status": "error", "note": f"exit {proc.returncode}: {tail[0][:200]}"}
    sample = {
        "status": "ok",
        "python_start": stamps["started"] - t0,
        "to_main": stamps["main"] - t0,
        "nanowasm_to_main": stamps["main"] - stamps["started"],
        "total": t1 - t0,
        "cpu_python_start": stamps["started_cpu"],
        "cpu_to_main": stamps["main_cpu"],
    }
    # CPU time of each step to main (STEPS); a step the run did not stamp is left out
    for key, (begin, end) in STEPS.items():
        if f"{begin}_cpu" in stamps and f"{end}_cpu" in stamps:
            sample[key] = stamps[f"{end}_cpu"] - stamps[f"{begin}_cpu"]
    return sample


#: the steps of ``nanowasm run`` to ``main``, as (first stamp, last stamp) of
#: :mod:`bench.probe`; their CPU times add up to ``cpu_to_main`` minus Python's start
STEPS: dict[str, tuple[str, str]] = {
    "cpu_import": ("started", "imported"),
    "cpu_arguments": ("imported", "parsed"),
    "cpu_load": ("parsed", "loaded"),
    "cpu_link": ("loaded", "instantiating"),
    "cpu_instantiate": ("instantiating", "instantiated"),
    "cpu_run_to_main": ("instantiated", "main"),
}
STEP_TITLES = {
    "cpu_python_start": "Python start (interpreter, site)",
    "cpu_import": "import interp.cli",
    "cpu_arguments": "command line",
    "cpu_load": "load: read, (cache), decode, validate",
    "cpu_link": "WASI host, store, imports",
    "cpu_instantiate": "instantiate",
    "cpu_run_to_main": "run _start to main (compiles on first call)",
}


def time_to_main(kernel: Kernel, argv: list[str], repeat: int = 3) -> dict:
    """``nanowasm run`` of a WASI program, cold and warm: spawn -> main and spawn -> exit.

    *Cold*: ``--no-cache`` (decode, validate, compile everything ``main``
    needs).  *Warm*: the compiled-code cache primed by one earlier run of
    the same program (:mod:`interp.codecache`: no validation, no function
    body decoded or compiled that the cache holds).  One untimed run first
    writes Python's ``.pyc`` files; then the best (minimum) of ``repeat``
    runs of each, wall time.  The top-level figures are the cold ones;
    ``warm`` holds the warm ones and ``warm_speedup`` cold/warm.
    """
    fd, out = tempfile.mkstemp(prefix="bench-probe-", suffix=".json")
    os.close(fd)
    best: dict[str, dict[str, float]] = {"cold": {}, "warm": {}}
    try:
        with tempfile.TemporaryDirectory(prefix="bench-xdg-") as cache_home:
            env = _startup_env(cache_home)
            first = _probe(kernel, argv, env, out, cache=True)  # .pyc files; primes the cache
            if first["status"] != "ok":
                return first
            for _ in range(max(1, repeat)):
                for mode in ("cold", "warm"):
                    sample = _probe(kernel, argv, env, out, cache=mode == "warm")
                    if sample.pop("status") != "ok":
                        return {"status": "error", "note": f"{mode}: {sample['note']}"}
                    keep_best(best[mode], sample)
    finally:
        Path(out).unlink(missing_ok=True)
    cold, warm = best["cold"], best["warm"]
    return {
        "status": "ok",
        "argv": argv,
        **cold,
        "warm": warm,
        "warm_speedup": {
            k: cold[k] / warm[k] for k in ("to_main", "nanowasm_to_main", "total", "cpu_to_main")
        },
    }


#: what every ``nanowasm run`` pays before nanowasm's own work, step by step
FLOOR: dict[str, list[str]] = {
    "python -S -c pass": ["-S", "-c", "pass"],
    "python -c pass": ["-c", "pass"],
    "python -c 'import interp.cli'": ["-c", "import interp.cli"],
}


def floor(repeat: int = 5) -> dict:
    """CPU time of the floor under every start (:data:`FLOOR`), best of ``repeat``.

    ``python -S -c pass`` is the interpreter alone; ``python -c pass`` adds
    ``site`` (in this environment the editable installs' finders and the
    sandbox's ``.pth`` files: most of it); ``import interp.cli`` adds the
    engine's import, which cold and warm starts both pay.  Each figure is the
    process's CPU time (``RUSAGE_CHILDREN``), in the timed runs' environment
    (:func:`_startup_env`, ``.pyc`` files reused).
    """
    best: dict[str, float] = {}
    with tempfile.TemporaryDirectory(prefix="bench-xdg-") as cache_home:
        env = _startup_env(cache_home)
        for args in FLOOR.values():  # writes the .pyc files once
            subprocess.run([sys.executable, *args], cwd=REPO_ROOT, env=env, check=False)
        for _ in range(max(1, repeat)):
            for name, args in FLOOR.items():
                usage0 = resource.getrusage(resource.RUSAGE_CHILDREN)
                subprocess.run([sys.executable, *args], cwd=REPO_ROOT, env=env, check=True)
                usage1 = resource.getrusage(resource.RUSAGE_CHILDREN)
                cpu = (usage1.ru_utime + usage1.ru_stime) - (usage0.ru_utime + usage0.ru_stime)
                keep_best(best, {name: cpu})
    return {"status": "ok", "cpu": best}


def decomposition(to_main: dict[str, dict], floor_record: dict | None = None) -> str:
    """Where the CPU time to ``main`` goes, cold and warm, per program, as Markdown.

    One row per step (:data:`STEP_TITLES`; best of the repeats per step, so
    a column's steps add up to a little less than its best total), then the
    totals, the warm speedup and what the issue-15 target (warm at least 3x
    faster than cold to ``main``) would need: a warm start of at most a
    third of the cold one, against the floor every start pays.
    """
    runs = {  # records made before the steps were stamped have no split: left out
        n: tm
        for n, tm in to_main.items()
        if tm.get("status") == "ok" and "cpu_import" in tm and "cpu_import" in tm["warm"]
    }
    if not runs:
        return ""
    head = "| step (CPU ms) | " + " | ".join(f"{n}: cold | warm" for n in runs) + " |"
    lines = [head, "| --- |" + " ---: | ---: |" * len(runs)]

    def cell(v: float | None) -> str:
        return "-" if v is None else f"{v * 1e3:.1f}"

    for key, title in STEP_TITLES.items():
        cells = [f"{cell(tm.get(key))} | {cell(tm['warm'].get(key))}" for tm in runs.values()]
        lines.append(f"| {title} | " + " | ".join(cells) + " |")
    totals = [
        f"{cell(tm['cpu_to_main'])} | {cell(tm['warm']['cpu_to_main'])}" for tm in runs.values()
    ]
    lines.append("| **to main** | " + " | ".join(totals) + " |")
    ratios = [f"{tm['warm_speedup']['cpu_to_main']:.2f}x | " for tm in runs.values()]
    lines.append("| warm speedup | " + " | ".join(ratios) + " |")
    needed = [f"{cell(tm['cpu_to_main'] / 3)} | " for tm in runs.values()]
    lines.append("| 3x needs warm <= | " + " | ".join(needed) + " |")
    out = "\n".join(lines)
    if floor_record and floor_record.get("status") == "ok":
        fl = floor_record["cpu"]
        out += (
            "\n\nFloor (CPU, best of repeats): "
            + ", ".join(f"`{name}` {v * 1e3:.1f} ms" for name, v in fl.items())
            + "."
        )
    return out


def _decode_validate(data: bytes) -> tuple[Any, float, float]:
    """Decode and validate a module: the module and the CPU seconds of each step."""
    import interp

    c0 = time.process_time()
    module = interp.decode_module(data)
    c1 = time.process_time()
    interp.validate_module(module)
    c2 = time.process_time()
    return module, c1 - c0, c2 - c1


def compile_cost(data: bytes, repeat: int = 1) -> dict:
    """Decode, validate, instantiate, then compile every defined function (CPU time, best)."""
    import interp
    from interp.compile import compile_function

    from .programs import code_section_size, stub_imports

    best: dict[str, float] = {}
    nfuncs = flat = 0
    for _ in range(max(1, repeat)):
        module, decode, validate = _decode_validate(data)
        c2 = time.process_time()
        imports = stub_imports(module)
        inst = interp.instantiate(interp.Store(), module, imports)
        c3 = time.process_time()
        nimported = len(inst.funcs) - len(module.funcs)
        flat = 0
        for i in range(nimported, len(inst.funcs)):
            fn = compile_function(inst, i)
            flat += "pc" in fn.__code__.co_varnames
        c4 = time.process_time()
        nfuncs = len(module.funcs)
        keep_best(
            best,
            {"decode": decode, "validate": validate, "instantiate": c3 - c2, "compile": c4 - c3},
        )
    code = code_section_size(data)
    return {
        "status": "ok",
        "functions": nfuncs,
        "flat_functions": flat,
        "module_bytes": len(data),
        "code_bytes": code,
        **best,
        "compile_per_function": best["compile"] / nfuncs if nfuncs else None,
        "compile_per_kb": best["compile"] / (code / 1024) if code else None,
    }


REPEATING = ("many",)
"""Modules left out of the second decode + validate aggregate: ``many`` is
generated from a few templates, so most of its bodies differ from an
earlier one only in their constants and the decoder accepts them by shape
(:class:`interp.prevalidate.Shape`); compiled programs have no such repeats."""


def _rate(code: int, secs: float) -> float | None:
    return code / secs / 1e6 if secs else None


def decode_speed(kernels: list[Kernel], repeat: int = 3) -> dict:
    """decode + validate over every module: MB/s of code section and of whole
    module (CPU, best), per module, over all of them and over all but
    :data:`REPEATING` (``without_repeating``)."""

    from .programs import code_section_size

    rows: list[dict[str, Any]] = []
    for k in kernels:
        data = k.wasm.read_bytes()
        best_d = best_v = float("inf")
        for _ in range(max(1, repeat)):
            _, decode, validate = _decode_validate(data)
            best_d, best_v = min(best_d, decode), min(best_v, validate)
        code = code_section_size(data)
        rows.append(
            {
                "kernel": k.name,
                "module_bytes": len(data),
                "code_bytes": code,
                "decode": best_d,
                "validate": best_v,
                "code_mb_per_s": _rate(code, best_d + best_v),
            }
        )
    code = sum(r["code_bytes"] for r in rows)
    total = sum(r["module_bytes"] for r in rows)
    secs = sum(r["decode"] + r["validate"] for r in rows)
    rest = [r for r in rows if r["kernel"] not in REPEATING]
    rest_code = sum(r["code_bytes"] for r in rest)
    rest_secs = sum(r["decode"] + r["validate"] for r in rest)
    return {
        "status": "ok",
        "modules": rows,
        "code_bytes": code,
        "module_bytes": total,
        "seconds": secs,
        "code_mb_per_s": _rate(code, secs),
        "module_mb_per_s": _rate(total, secs),
        "without_repeating": {
            "left_out": [r["kernel"] for r in rows if r["kernel"] in REPEATING],
            "modules": len(rest),
            "code_bytes": rest_code,
            "seconds": rest_secs,
            "code_mb_per_s": _rate(rest_code, rest_secs),
        },
    }


_SUMMARY = re.compile(r"(\d+) (passed|failed|xfailed|xpassed|skipped|errors?|deselected)")


def suite_time(
    workers: int = 2,
    lock: Path | None = SUITE_LOCK,
    extra: list[str] | None = None,
    targets: list[str] | None = None,
) -> dict:
    """Wall time of ``pytest spec -n WORKERS -q`` in this worktree, under the shared lock.

    ``targets`` replaces ``spec`` (a few scripts: the test of this function).
    Python writes and reuses ``.pyc`` files (as in :func:`_startup_env`): with
    ``PYTHONDONTWRITEBYTECODE`` set, every pytest process re-parses and
    assertion-rewrites the project's ~100 modules (pytest rewrites every
    module of the distribution that registers the plugin), about 1.3 s CPU
    per process, which is this environment's cost, not the suite's.

    The lock is taken before the clock starts, so waiting for another
    engineer's run is not counted.  Besides wall time, the CPU time of pytest
    and its workers (``RUSAGE_CHILDREN``) is recorded: on a shared machine
    it moves far less with the load than wall time does.  Run it once beforehand if the conversion
    cache may be cold: the figure is meant with a warm cache.
    """
    cmd = [sys.executable, "-m", "pytest", *(targets or ["spec"])]
    cmd += ["-n", str(workers), "-q", *(extra or [])]
    env = _env()
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env["PYTHONPYCACHEPREFIX"] = str(PYCACHE)
    handle = open(lock, "a") if lock is not None and lock.parent.exists() else None  # noqa: SIM115
    try:
        if handle is not None:
            fcntl.flock(handle, fcntl.LOCK_EX)
            print(f"[bench] suite: lock {lock} taken, running", file=sys.stderr, flush=True)
        usage0 = resource.getrusage(resource.RUSAGE_CHILDREN)
        load_before = os.getloadavg()[0]
        t0 = time.perf_counter()
        proc = subprocess.run(
            cmd, cwd=REPO_ROOT, env=env, capture_output=True, text=True, check=False
        )
        wall = time.perf_counter() - t0
        usage1 = resource.getrusage(resource.RUSAGE_CHILDREN)
        load_after = os.getloadavg()[0]
    finally:
        if handle is not None:
            fcntl.flock(handle, fcntl.LOCK_UN)
            handle.close()
    last = [ln for ln in proc.stdout.strip().splitlines() if " in " in ln][-1:] or [""]
    counts = {kind: int(n) for n, kind in _SUMMARY.findall(last[0])}
    return {
        "status": "ok" if proc.returncode == 0 else "failed",
        "command": " ".join(["pytest", *cmd[3:]]),
        "workers": workers,
        "pyc_cache": str(PYCACHE),
        "wall": wall,
        "cpu": (usage1.ru_utime + usage1.ru_stime) - (usage0.ru_utime + usage0.ru_stime),
        "loadavg_1min_before": load_before,
        "loadavg_1min_after": load_after,
        "cpu_count": os.cpu_count(),
        "items": sum(n for kind, n in counts.items() if kind != "deselected"),
        "counts": counts,
        "returncode": proc.returncode,
        "summary_line": last[0].strip("= "),
    }


def main(argv: list[str] | None = None) -> int:
    """``python -m bench.startup [--repeat N] [--kernel a,b]``: the floor and the decomposition."""
    import argparse

    from . import programs
    from .kernels import default_kernels_dir, load_kernels

    ap = argparse.ArgumentParser(prog="python -m bench.startup", description=main.__doc__)
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("--kernel", default="many,wasi_spectral,wasi_wordfreq")
    ap.add_argument("--json", type=Path, help="also write the figures to this file")
    a = ap.parse_args(argv)
    names = a.kernel.split(",")
    wanted = [n for n in names if n in programs.PROGRAMS]
    shared = [n for n in names if n not in wanted]
    kernels = (
        [k for k in load_kernels(default_kernels_dir(), shared) if k.is_wasi] if shared else []
    )
    if wanted:
        kernels += [k for k in programs.build(wanted) if k.is_wasi]
    runs = {}
    for k in sorted(kernels, key=lambda k: names.index(k.name)):
        print(f"[startup] {k.name}", file=sys.stderr, flush=True)
        runs[k.name] = time_to_main(k, k.sizes["default"].argv, a.repeat)
    floor_record = floor(a.repeat)
    print(decomposition(runs, floor_record))
    if a.json:
        a.json.write_text(json.dumps({"to_main": runs, "floor": floor_record}, indent=1))
    print(f"\n(1-min load average {os.getloadavg()[0]:.1f} at the end)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
