"""Engine adapters, one small module each; :data:`ENGINES` is the registry (report order)."""

from __future__ import annotations

from .base import Engine, EngineUnavailable
from .nanowasm import NanowasmEngine
from .python import PythonEngine
from .pywasm import PywasmEngine
from .wasm3 import Wasm3Engine
from .wasmtime import WasmtimeEngine

ENGINES: dict[str, type[Engine]] = {
    cls.name: cls
    for cls in (NanowasmEngine, PywasmEngine, PythonEngine, Wasm3Engine, WasmtimeEngine)
}

__all__ = ["ENGINES", "Engine", "EngineUnavailable", "get_engine"]


def get_engine(name: str) -> Engine:
    try:
        return ENGINES[name]()
    except KeyError:
        raise SystemExit(f"unknown engine {name!r}; known: {', '.join(ENGINES)}") from None
