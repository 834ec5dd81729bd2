"""wasmtime (Python package): an optimising compiler (Cranelift), the upper reference.

The :class:`wasmtime.Engine` is created once per process, outside the timing:
it is the embedder's one-off setup, not per-module work.  Compiling the
module, creating the store and instantiating are "load".
"""

from __future__ import annotations

import os
import tempfile
from importlib import metadata

from ..kernels import Kernel
from .base import CoreRun, Engine, EngineUnavailable, WasiRun, check_exit


def _wasmtime():
    try:
        import wasmtime
    except ImportError as exc:
        raise EngineUnavailable(f"wasmtime not importable: {exc}") from None
    return wasmtime


class WasmtimeEngine(Engine):
    name = "wasmtime"
    label = "wasmtime"

    def __init__(self) -> None:
        self._engine = None

    def _wasm_engine(self):
        if self._engine is None:
            self._engine = _wasmtime().Engine()
        return self._engine

    def version(self) -> str:
        _wasmtime()
        return metadata.version("wasmtime")

    def prepare(self) -> None:
        """Called by the worker before timing starts."""
        self._wasm_engine()

    def load_core(self, kernel: Kernel, data: bytes, args: list) -> CoreRun:
        wt = _wasmtime()
        engine = self._wasm_engine()
        store = wt.Store(engine)
        instance = wt.Instance(store, wt.Module(engine, data), [])
        func = instance.exports(store)[kernel.export]
        return lambda: func(store, *args)

    def load_wasi(self, kernel: Kernel, data: bytes, argv: list[str]) -> WasiRun:
        wt = _wasmtime()
        engine = self._wasm_engine()
        module = wt.Module(engine, data)
        linker = wt.Linker(engine)
        linker.define_wasi()
        store = wt.Store(engine)
        fd, out_path = tempfile.mkstemp(prefix="bench-wasi-", suffix=".out")
        os.close(fd)
        config = wt.WasiConfig()
        config.argv = list(argv)
        config.stdout_file = out_path
        store.set_wasi(config)
        start = linker.instantiate(store, module).exports(store)["_start"]

        def run() -> bytes:
            try:
                try:
                    start(store)
                except wt.ExitTrap as exc:
                    check_exit(exc.code)
                with open(out_path, "rb") as f:
                    return f.read()
            finally:
                os.unlink(out_path)

        return run
