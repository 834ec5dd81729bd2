"""Engine adapters and the registry behind ``--engine NAME``.

NAME is a built-in (``nanowasm``, ``wasmtime``), an entry point of the group
``nanowasm.engines``, or a dotted path ``package.module:Class``.  Adapters are
imported lazily so that a missing engine only fails the items that need it.
"""

from __future__ import annotations

import importlib
from importlib.metadata import entry_points

from .base import Engine, EngineError, Unsupported

__all__ = ["BUILTIN", "Engine", "EngineError", "Unsupported", "load_engine", "resolve_engine"]

# relative to this package: ``harness.engines`` in the repository,
# ``nanowasm_testbed.harness.engines`` when installed from a wheel
BUILTIN = {
    "nanowasm": f"{__package__}.nanowasm_engine:NanowasmEngine",
    "wasmtime": f"{__package__}.wasmtime_engine:WasmtimeEngine",
    "pywasm": f"{__package__}.pywasm_engine:PywasmEngine",
    "wasm3": f"{__package__}.wasm3_engine:Wasm3Engine",
}


def resolve_engine(name: str) -> str:
    """The ``module:Class`` path an engine name stands for."""
    if name in BUILTIN:
        return BUILTIN[name]
    if ":" in name:
        return name
    for ep in entry_points(group="nanowasm.engines"):
        if ep.name == name:
            return ep.value
    known = ", ".join(sorted(BUILTIN))
    raise ValueError(
        f"unknown engine {name!r} (built-in: {known}; or pkg.mod:Class;"
        " or an entry point in group 'nanowasm.engines')"
    )


def load_engine(name: str) -> Engine:
    """Import and instantiate the adapter; import errors propagate to the caller."""
    path = resolve_engine(name)
    modname, _, clsname = path.partition(":")
    cls = getattr(importlib.import_module(modname), clsname)
    engine = cls()
    if not getattr(engine, "name", None) or engine.name == "engine":
        engine.name = name
    return engine
