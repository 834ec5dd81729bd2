"""wasm3 through pywasm3: a fast interpreter written in C."""

from __future__ import annotations

from importlib import metadata

from ..kernels import Kernel
from .base import CoreRun, Engine, EngineUnavailable

STACK_BYTES = 1 << 20  # wasm3's value stack; the recursive kernels need far less


def _wasm3():
    try:
        import wasm3
    except ImportError as exc:
        raise EngineUnavailable(f"pywasm3 not importable: {exc}") from None
    return wasm3


class Wasm3Engine(Engine):
    name = "wasm3"
    label = "wasm3"

    def version(self) -> str:
        wasm3 = _wasm3()
        return f"pywasm3 {metadata.version('pywasm3')} (wasm3 {wasm3.M3_VERSION})"

    def load_core(self, kernel: Kernel, data: bytes, args: list) -> CoreRun:
        wasm3 = _wasm3()
        env = wasm3.Environment()
        runtime = env.new_runtime(STACK_BYTES)
        module = env.parse_module(data)
        runtime.load(module)
        func = runtime.find_function(kernel.export)
        # keep env/runtime alive as long as the closure
        return lambda: (env, runtime, func(*args))[2]

    # load_wasi: pywasm3 0.5 exposes no WASI linking (m3_LinkWASI is not bound), so the
    # base class reports the WASI kernels as skipped for wasm3.
