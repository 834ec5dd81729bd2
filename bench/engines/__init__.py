"""How bench picks engines: the harness's adapters, one per engine.

Every engine is the same adapter class that ``pytest spec --engine NAME`` and
``python -m fuzz.diff`` use (:mod:`harness.engines`), reached by the same
name; its *timing* methods (``load_core``, ``load_wasi``, ``set_fuel``,
``prepare``, ``bench_version``) are documented in :mod:`harness.engines.base`.
:class:`Timed` only translates that protocol to the worker's (a kernel instead
of an export name, :class:`EngineUnavailable` instead of ``Unsupported`` or an
engine that does not import).  ``python`` (the hand-written Python equivalent
of each kernel) is not an engine and lives here (:mod:`bench.engines.python`).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from harness.engines import BUILTIN, Unsupported, load_engine

from ..kernels import Kernel
from .base import CoreRun, Engine, EngineUnavailable, WasiRun
from .python import PythonEngine

__all__ = ["ENGINES", "Engine", "EngineUnavailable", "Timed", "get_engine"]


@dataclass(frozen=True)
class Entry:
    name: str
    label: str  # column heading in the reports


#: report order; every name but ``python`` is a name of ``pytest spec --engine``
ENGINES: dict[str, Entry] = {
    e.name: e
    for e in (
        Entry("nanowasm", "nanowasm"),
        Entry("pywasm", "pywasm"),
        Entry("python", PythonEngine.label),
        Entry("wasm3", "wasm3"),
        Entry("wasmtime", "wasmtime"),
    )
}
assert set(ENGINES) - {"python"} == set(BUILTIN), "bench and harness disagree on engine names"


class Timed(Engine):
    """The harness adapter ``name`` behind bench's worker protocol."""

    def __init__(self, name: str) -> None:
        self.name = name
        self.label = ENGINES[name].label
        self._adapter: Any = None

    def _get(self) -> Any:
        if self._adapter is None:
            try:
                self._adapter = load_engine(self.name)
            except ImportError as exc:
                raise EngineUnavailable(f"engine not importable: {exc}") from None
        return self._adapter

    def version(self) -> str:
        return str(self._get().bench_version())

    def set_fuel(self, fuel: int | None) -> str | None:
        return self._get().set_fuel(fuel)

    def prepare(self) -> None:
        self._get().prepare()

    def load_core(self, kernel: Kernel, data: bytes, args: list) -> CoreRun:
        try:
            return self._get().load_core(data, kernel.export, args)
        except Unsupported as exc:
            raise EngineUnavailable(str(exc)) from None

    def load_wasi(self, kernel: Kernel, data: bytes, argv: list[str]) -> WasiRun:
        try:
            return self._get().load_wasi(data, argv)
        except Unsupported as exc:
            raise EngineUnavailable(str(exc)) from None


def get_engine(name: str) -> Engine:
    if name == "python":
        return PythonEngine()
    if name not in ENGINES:
        raise SystemExit(f"unknown engine {name!r}; known: {', '.join(ENGINES)}")
    return Timed(name)
