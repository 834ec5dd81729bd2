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
    record: dict = {
        "engine": engine_name,
        "kernel": kernel.name,
        "kind": kernel.kind,
        "group": kernel.group,
        "size": size,
        "status": "ok",
        "note": "",
        "repeats": 0,
        "wasm_instrs": spec.wasm_instrs,
        "expected": _jsonable(spec.expected),
    }
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


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m bench.worker", description=__doc__.split("\n")[0])
    p.add_argument("--engine", required=True)
    p.add_argument("--kernel-dir", required=True, type=Path)
    p.add_argument("--size", default="default")
    p.add_argument("--repeat", type=int, default=3)
    p.add_argument("--time-cap", type=float, default=60.0)
    p.add_argument("--fuel", type=int, default=None)
    p.add_argument("--out", required=True, type=Path)
    a = p.parse_args(argv)
    record = measure(a.engine, load_kernel(a.kernel_dir), a.size, a.repeat, a.time_cap, a.fuel)
    a.out.write_text(json.dumps(record))
    return 0


if __name__ == "__main__":
    sys.exit(main())
