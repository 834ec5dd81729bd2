"""The hand-written Python equivalents (``NAME.py`` next to each kernel).

Core kernels define ``run(*args)``; WASI kernels define ``main(argv)``
returning the bytes the C program writes to stdout.  "Load" is executing
the module file (a fresh module object each repeat, never the import cache).
"""

from __future__ import annotations

import importlib.util
import platform
from types import ModuleType

from ..kernels import Kernel
from .base import CoreRun, Engine, WasiRun


def _exec_module(kernel: Kernel) -> ModuleType:
    spec = importlib.util.spec_from_file_location(f"bench_kernel_{kernel.name}", kernel.python)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


class PythonEngine(Engine):
    name = "python"
    label = "Python equiv."

    def version(self) -> str:
        return f"{platform.python_implementation()} {platform.python_version()}"

    def load_core(self, kernel: Kernel, data: bytes, args: list) -> CoreRun:
        run = _exec_module(kernel).run
        return lambda: run(*args)

    def load_wasi(self, kernel: Kernel, data: bytes, argv: list[str]) -> WasiRun:
        main = _exec_module(kernel).main
        return lambda: main(list(argv))
