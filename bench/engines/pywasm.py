"""pywasm 2.2.3: a pure-Python interpreter, the baseline every ratio is relative to."""

from __future__ import annotations

import io
from importlib import metadata

from ..kernels import Kernel
from .base import CoreRun, Engine, EngineUnavailable, WasiRun, check_exit


def _pywasm():
    try:
        import pywasm
    except ImportError as exc:
        raise EngineUnavailable(f"pywasm not importable: {exc}") from None
    return pywasm


class PywasmEngine(Engine):
    name = "pywasm"
    label = "pywasm"

    def version(self) -> str:
        _pywasm()
        # pywasm.version says 2.2.1 in the 2.2.3 wheel; the distribution metadata is right.
        return metadata.version("pywasm")

    def load_core(self, kernel: Kernel, data: bytes, args: list) -> CoreRun:
        pywasm = _pywasm()
        runtime = pywasm.core.Runtime()
        inst = runtime.instance(pywasm.core.ModuleDesc.from_reader(io.BytesIO(data)))
        export = kernel.export
        return lambda: runtime.invocate(inst, export, list(args))

    def load_wasi(self, kernel: Kernel, data: bytes, argv: list[str]) -> WasiRun:
        pywasm = _pywasm()
        runtime = pywasm.core.Runtime()
        wasi = pywasm.wasi.Preview1(list(argv), {}, {})
        stdout = io.BytesIO()
        wasi.fd[wasi.FD_STDOUT].pipe = stdout  # pywasm's documented way to capture output
        wasi.bind(runtime)
        inst = runtime.instance(pywasm.core.ModuleDesc.from_reader(io.BytesIO(data)))

        def run() -> bytes:
            check_exit(wasi.main(runtime, inst))
            return stdout.getvalue()

        return run
