"""What every engine adapter provides.

Timing is done by :mod:`bench.worker`, not here: an adapter only splits the
work into *load* (decode/compile/validate/instantiate; returns a ready-to-call
closure) and *run* (calling that closure).  The wasm bytes are read from disk
before the clock starts, so file I/O is never timed.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from ..kernels import Kernel

CoreRun = Callable[[], Any]  # returns the raw result of the export
WasiRun = Callable[[], bytes]  # returns the captured stdout (raises on a non-zero exit)


class EngineUnavailable(Exception):
    """The engine (or the feature a kernel needs) cannot be used here; the message says why."""


class Engine:
    """Base class: override :meth:`version`, :meth:`load_core`, and :meth:`load_wasi` if supported."""

    name = "?"
    label = "?"  # column heading in the reports

    def version(self) -> str:
        """Version string for the JSON record; raises EngineUnavailable if not importable."""
        raise NotImplementedError

    def load_core(self, kernel: Kernel, data: bytes, args: list) -> CoreRun:
        raise NotImplementedError

    def load_wasi(self, kernel: Kernel, data: bytes, argv: list[str]) -> WasiRun:
        raise EngineUnavailable(f"{self.name} cannot run WASI programs here")

    def set_fuel(self, fuel: int | None) -> str | None:
        """Hook for ``--fuel``; returns a note when the engine ignores it."""
        return None if fuel is None else f"{self.name} ignores --fuel"
