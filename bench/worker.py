"""Time one engine on one kernel at one size; normally run as a subprocess.

``python -m bench.worker --engine E --kernel-dir DIR --size S --out FILE``
writes one JSON record to FILE (not stdout: a WASI program or an engine may
print there).  One process per (engine, kernel) keeps a crash, a leak or a
warm cache of one engine away from the others' timings.

Each repeat instantiates afresh: *load* (decode/compile/validate/instantiate)
and *run* (the call) are timed separately, each with ``time.process_time``
(CPU) and ``time.perf_counter`` (wall).  The record keeps the best (minimum)
of every measure over the repeats.  Repeats stop early when the time cap
would be exceeded, so a slow engine (pywasm) may run only once.
"""

from __future__ import annotations

import argparse
import json
import struct
import sys
import time
import traceback
from pathlib import Path

from .engines import EngineUnavailable, get_engine
from .kernels import Kernel, keep_best, load_kernel, normalize_result, results_equal


def _jsonable(value: object) -> object:
    if isinstance(value, float):
        return {"f64": repr(value), "bits": struct.pack(">d", value).hex()}
    if isinstance(value, (int, str, type(None))):
        return value
    return repr(value)


def _new_record(engine_name: str, kernel: Kernel, size: str) -> dict:
    """The fields every measurement record starts with (status ok until a failure)."""
    return {
        "engine": engine_name,
        "kernel": kernel.name,
        "kind": kernel.kind,
        "group": kernel.group,
        "size": size,
        "status": "ok",
        "note": "",
        "repeats": 0,
        "wasm_instrs": kernel.sizes[size].wasm_instrs,
    }


def measure(
    engine_name: str,
    kernel: Kernel,
    size: str,
    repeat: int = 3,
    time_cap: float = 60.0,
    fuel: int | None = None,
) -> dict:
    """Run the measurement and return the record (never raises for engine failures)."""
    spec = kernel.sizes[size]
    record = _new_record(engine_name, kernel, size)
    record["expected"] = _jsonable(spec.expected)
    engine = get_engine(engine_name)
    try:
        record["version"] = engine.version()
        note = engine.set_fuel(fuel)
        if note:
            record["note"] = note
    except EngineUnavailable as exc:
        record.update(status="unavailable", note=str(exc))
        return record
    if hasattr(engine, "prepare"):
        engine.prepare()

    data = kernel.wasm.read_bytes()
    result_type = "str" if kernel.is_wasi else kernel.result
    best: dict[str, float] = {}
    spent = 0.0
    # the programs' run includes compiling on first call; nanowasm's core
    # programs also time a second call (``steady_cpu``, bench/README.md)
    steady = engine_name == "nanowasm" and kernel.group == "program" and not kernel.is_wasi
    for i in range(max(1, repeat)):
        try:
            c0, w0 = time.process_time(), time.perf_counter()
            if kernel.is_wasi:
                run = engine.load_wasi(kernel, data, kernel.wasi_argv(size))
            else:
                run = engine.load_core(kernel, data, list(spec.args))
            c1, w1 = time.process_time(), time.perf_counter()
            raw = run()
            c2, w2 = time.process_time(), time.perf_counter()
        except EngineUnavailable as exc:
            record.update(status="skipped", note=str(exc))
            return record
        except ImportError as exc:  # an engine still being written: a part of it is missing
            record.update(status="unavailable", note=f"engine not importable: {exc}")
            return record
        except BaseException as exc:  # an engine crash is a result, not a runner failure
            if isinstance(exc, KeyboardInterrupt):
                raise
            last = traceback.format_exception_only(type(exc), exc)[-1].strip()
            record.update(status="error", note=last[:300])
            return record
        got = normalize_result(raw, result_type)
        record["result"] = _jsonable(got)
        if not results_equal(got, spec.expected, result_type):
            record.update(
                status="wrong", note=f"repeat {i + 1}: got {got!r}, expected {spec.expected!r}"
            )
            return record
        sample = {
            "load_cpu": c1 - c0,
            "load_wall": w1 - w0,
            "run_cpu": c2 - c1,
            "run_wall": w2 - w1,
        }
        if steady:
            # the same call again on the same instance: every function it
            # runs is compiled by now, so this is the steady-state rate
            c3 = time.process_time()
            again = normalize_result(run(), result_type)
            c4 = time.process_time()
            if results_equal(again, spec.expected, result_type):
                sample["steady_cpu"] = c4 - c3
            elif "steady" not in record["note"]:
                record["note"] = (record["note"] + "; " if record["note"] else "") + (
                    f"steady: the second call returned {again!r}, not measured"
                )
        keep_best(best, sample)
        record["repeats"] = i + 1
        spent += w2 - w0
        if spent + (w2 - w0) > time_cap and i + 1 < repeat:
            record["note"] = (record["note"] + "; " if record["note"] else "") + (
                f"time cap {time_cap:g}s: {i + 1} of {repeat} repeats"
            )
            break
    record.update(best)
    return record


def _timed_run(engine: object, kernel: Kernel, data: bytes, size: str) -> tuple[float, object]:
    """Load and run once; the run's CPU time and its (normalized) result."""
    spec = kernel.sizes[size]
    if kernel.is_wasi:
        run = engine.load_wasi(kernel, data, kernel.wasi_argv(size))  # type: ignore[attr-defined]
    else:
        run = engine.load_core(kernel, data, list(spec.args))  # type: ignore[attr-defined]
    c0 = time.process_time()
    raw = run()
    c1 = time.process_time()
    return c1 - c0, normalize_result(raw, "str" if kernel.is_wasi else kernel.result)


def measure_fuel_pair(
    kernel: Kernel,
    size: str,
    repeat: int,
    time_cap: float,
    fuel: int,
    engine_name: str = "nanowasm",
    min_pairs: int = 9,
    min_cpu: float = 1.5,
) -> dict:
    """nanowasm's run CPU without and with fuel accounting, interleaved in one process.

    Why: measured in two separate sessions (or one after the other), a
    13-80 ms kernel's ratio moved by +-50% with the machine's load (sieve
    came out *faster* with fuel, 0.70x).  Here both engines live in the same
    process and alternate run by run (A B, B A, A B, ...), so a burst of
    load hits both; the best (minimum) CPU time of each is kept, and every
    run's result is checked.  Pairs: at least ``min_pairs``, then more until
    the runs without fuel add up to ``min_cpu`` seconds (a 10 ms kernel gets
    ``repeat``, a 1 s program ``min_pairs``), within ``time_cap``.  ``samples`` keeps
    all times so the spread can be reported.
    """
    spec = kernel.sizes[size]
    record = _new_record(engine_name, kernel, size)
    plain, fueled = get_engine(engine_name), get_engine(engine_name)
    try:
        plain.set_fuel(None)
        note = fueled.set_fuel(fuel)
    except EngineUnavailable as exc:
        record.update(status="unavailable", note=str(exc))
        return record
    if note:
        record.update(status="error", note=note)
        return record
    for e in (plain, fueled):
        if hasattr(e, "prepare"):
            e.prepare()
    data = kernel.wasm.read_bytes()
    result_type = "str" if kernel.is_wasi else kernel.result
    samples: dict[str, list[float]] = {"no_fuel": [], "fuel": []}
    w0 = time.perf_counter()
    # short kernels get more pairs: at least min_pairs, then on until the runs
    # without fuel add up to min_cpu seconds, at most ``repeat`` pairs
    min_pairs = min(repeat, max(1, min_pairs))
    for i in range(max(1, repeat)):
        order = [("no_fuel", plain), ("fuel", fueled)]
        if i % 2:
            order.reverse()
        for key, engine in order:
            try:
                cpu, got = _timed_run(engine, kernel, data, size)
            except BaseException as exc:  # an engine crash is a result
                if isinstance(exc, KeyboardInterrupt):
                    raise
                last = traceback.format_exception_only(type(exc), exc)[-1].strip()
                record.update(status="error", note=f"{key}: {last[:300]}")
                return record
            if not results_equal(got, spec.expected, result_type):
                record.update(
                    status="wrong",
                    note=f"{key}, repeat {i + 1}: got {got!r}, expected {spec.expected!r}",
                )
                return record
            samples[key].append(cpu)
        record["repeats"] = i + 1
        if time.perf_counter() - w0 > time_cap and i + 1 < repeat:
            record["note"] = f"time cap {time_cap:g}s: {i + 1} of {repeat} pairs"
            break
        if i + 1 >= min_pairs and sum(samples["no_fuel"]) >= min_cpu:
            break
    record["no_fuel"] = min(samples["no_fuel"])
    record["fuel"] = min(samples["fuel"])
    record["samples"] = samples
    return record


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m bench.worker", description=__doc__.split("\n")[0])
    p.add_argument("--engine", required=True)
    p.add_argument("--kernel-dir", required=True, type=Path)
    p.add_argument("--size", default="default")
    p.add_argument("--repeat", type=int, default=3)
    p.add_argument("--time-cap", type=float, default=60.0)
    p.add_argument("--fuel", type=int, default=None)
    p.add_argument(
        "--fuel-pair",
        action="store_true",
        help="measure without and with --fuel interleaved (measure_fuel_pair)",
    )
    p.add_argument("--min-pairs", type=int, default=9, help="--fuel-pair: at least this many")
    p.add_argument("--min-cpu", type=float, default=1.5, help="--fuel-pair: seconds without fuel")
    p.add_argument("--out", required=True, type=Path)
    a = p.parse_args(argv)
    kernel = load_kernel(a.kernel_dir)
    if a.fuel_pair:
        record = measure_fuel_pair(
            kernel, a.size, a.repeat, a.time_cap, a.fuel, a.engine, a.min_pairs, a.min_cpu
        )
    else:
        record = measure(a.engine, kernel, a.size, a.repeat, a.time_cap, a.fuel)
    a.out.write_text(json.dumps(record))
    return 0


if __name__ == "__main__":
    sys.exit(main())
