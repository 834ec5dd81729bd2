"""Benchmark runner: nanowasm side by side with pywasm, wasm3, wasmtime and
hand-written Python, on the kernels of ``../shared/bench``.

Run ``python -m bench --help``.  Layout:

* :mod:`bench.kernels` -- reads ``kernel.json`` and checks results bit for bit
* :mod:`bench.engines` -- one small adapter per engine (load, then run)
* :mod:`bench.worker`  -- times one engine on one kernel (runs in a subprocess)
* :mod:`bench.runner`  -- the command line: spawns workers, collects records
* :mod:`bench.report`  -- Markdown tables, geometric means, JSON record, README block
"""

from __future__ import annotations

__all__ = ["main"]


def main(argv: list[str] | None = None) -> int:
    from .runner import main as _main

    return _main(argv)
