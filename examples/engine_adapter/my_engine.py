"""A minimal engine adapter: the smallest thing ``pytest spec --engine`` runs.

Copy this file into your engine's project, replace the four calls into
``interp`` (nanowasm, standing in for *your* engine here) with your engine's
API, then::

    pip install "nanowasm[harness]"        # the plugin, registered for pytest
    mkdir spec                              # where the suite's items appear
    pytest spec --engine my_engine:MyEngine --testsuite PATH/TO/testsuite

Values cross the protocol as ``(type, bits)`` pairs: integers and floats as
their unsigned bit patterns (``("f32", 0x7fc00000)`` is a NaN), so results are
compared bit for bit.  Whatever the adapter cannot express raises
:class:`Unsupported`, and the item is reported as *skipped*, never passed.
Engine errors are :class:`EngineError` with the spec's category; the harness
checks the category (and reports message agreement separately).
``tests/test_examples.py`` runs this adapter on ``i32.wast``.
"""

from __future__ import annotations

import struct
from collections.abc import Sequence
from typing import Any

try:  # installed from a wheel
    from nanowasm_testbed.harness.engines.base import Engine, EngineError, Unsupported
except ImportError:  # inside the nanowasm repository
    from harness.engines.base import Engine, EngineError, Unsupported

import interp  # <- your engine

CATEGORY = {  # your engine's exceptions -> the spec's categories
    interp.MalformedError: "malformed",
    interp.InvalidError: "invalid",
    interp.LinkError: "unlinkable",
    interp.Exhaustion: "exhaustion",  # before Trap: Exhaustion derives from Trap
    interp.Trap: "trap",
}


def _error(e: Exception) -> EngineError:
    for cls, category in CATEGORY.items():
        if isinstance(e, cls):
            return EngineError(category, str(getattr(e, "message", e)))
    raise e  # not an engine error: the harness reports a crash


def _to_engine(value: tuple[str, Any]) -> Any:
    t, bits = value
    if t in ("i32", "i64"):
        return bits
    if t == "f64":
        return struct.unpack("<d", struct.pack("<Q", bits))[0]
    if t == "f32":  # struct's "f" would quiet signalling NaNs: use the engine's helper
        return interp.f32_from_bits(bits)
    raise Unsupported(f"this adapter passes no {t} values")


def _from_engine(t: str, v: Any) -> tuple[str, Any]:
    if t in ("i32", "i64"):
        return (t, v & ((1 << (32 if t == "i32" else 64)) - 1))
    if t == "f64":
        return (t, struct.unpack("<Q", struct.pack("<d", v))[0])
    if t == "f32":
        return (t, interp.f32_to_bits(v))
    raise Unsupported(f"this adapter reads no {t} results")


class MyEngine(Engine):
    name = "my_engine"

    @property
    def version(self) -> str:
        return "0.0.1"

    def reset(self) -> None:
        """A fresh store for each script, with the suite's ``spectest`` module."""
        self.store = interp.Store()
        self.registered: dict[str, Any] = {"spectest": interp.host.spectest(self.store)}

    def compile(self, wasm: bytes) -> Any:
        try:
            module = interp.decode_module(wasm)
            interp.validate_module(module)
        except Exception as e:
            raise _error(e) from None
        return module

    def instantiate(self, module: Any) -> Any:
        try:
            return interp.instantiate(self.store, module, self.registered)
        except Exception as e:
            raise _error(e) from None

    def register(self, name: str, instance: Any) -> None:
        self.registered[name] = instance.exports

    def invoke(self, instance: Any, field: str, args: Sequence[tuple[str, Any]]) -> list:
        func = instance.exports[field]
        try:
            out = self.store.call(func, *[_to_engine(a) for a in args])
        except Exception as e:
            raise _error(e) from None
        return [_from_engine(t, v) for t, v in zip(func.type.results, out, strict=True)]

    def get_global(self, instance: Any, field: str) -> tuple[str, Any]:
        g = instance.exports[field]
        return _from_engine(g.type.valtype, g.value)
