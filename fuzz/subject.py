"""The engine under test (nanowasm), driven with bit patterns and a wall-clock bound.

The engine has no fuel yet, so a call that runs too long is stopped by a
``SIGALRM`` timer raising :class:`Timeout` (a ``BaseException``, so no
``except Exception`` inside the engine can swallow it).  Timeouts are
inconclusive outcomes, never agreement.  The timer needs the main thread.
"""

from __future__ import annotations

import hashlib
import signal
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import interp
from harness.engines import nanowasm_engine

from .values import MASK, nanowasm_trap_kind


class Timeout(BaseException):
    """Wall-clock budget exceeded (raised from a signal handler)."""


def _raise_timeout(signum: int, frame: Any) -> None:
    raise Timeout()


@contextmanager
def time_limit(seconds: float | None) -> Iterator[None]:
    if not seconds:
        yield
        return
    old = signal.signal(signal.SIGALRM, _raise_timeout)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, old)


#: reference types by the top of their hierarchy, as :func:`fuzz.diff.exported_functions`
#: names them; arguments of these types are always null
REFS = ("funcref", "externref", "anyref", "exnref")


def to_api(t: str, bits: int | str) -> Any:
    """A fuzz value (bits, or "null" for a reference) as nanowasm's API expects it;
    the conversion is the harness adapter's (one nanowasm value converter)."""
    t = str(t)  # a nanowasm value type prints as its text-format name
    return nanowasm_engine.to_api((t, None if t in REFS else int(bits)))


def from_api(t: Any, v: Any) -> int | str:
    """nanowasm's API value as a fuzz value: bits, or "null"/"ref" (identities
    differ between engines).  ``t`` is a type name or a nanowasm value type;
    any reference type (``(ref null 3)`` too) gives "null"/"ref", or for the
    ``any`` hierarchy "struct", "array", "i31:<bits>" (as :func:`fuzz.oracle._get_raw`)."""
    if isinstance(t, interp.types.RefType) or str(t) in REFS:
        if v is None:
            return "null"
        if isinstance(v, interp.I31Ref):
            return f"i31:{v.value}"
        return _GC_CLASS.get(type(v), "ref")
    _, p = nanowasm_engine.from_api(t, v)
    t = str(t)  # a nanowasm value type prints as its text-format name
    return int(p) & MASK[t]


#: what a GC object is, compared between engines (wasmtime can tell these apart)
_GC_CLASS = {interp.StructRef: "struct", interp.ArrayRef: "array"}


def classify(exc: BaseException) -> list[Any]:
    """An outcome for an exception raised by the engine (see :mod:`fuzz.values`)."""
    if isinstance(exc, Timeout):
        return ["inconclusive", "timeout"]
    if isinstance(exc, interp.Exhaustion):
        return ["inconclusive", "exhaustion"]
    if isinstance(exc, RecursionError):
        return ["inconclusive", "recursion"]
    if isinstance(exc, interp.Trap):
        return ["trap", nanowasm_trap_kind(exc.message)]
    if isinstance(exc, interp.WasmException):  # uncaught: wasmtime traps (payloads not compared)
        return ["trap", "exception"]
    if isinstance(exc, interp.LinkError):
        return ["link", exc.message[:80]]
    if isinstance(exc, (interp.MalformedError, interp.InvalidError)):
        return ["reject", type(exc).__name__ + ": " + exc.message[:120]]
    if isinstance(exc, MemoryError):
        return ["inconclusive", "memory"]
    return ["crash", f"{type(exc).__name__}: {str(exc)[:200]}"]


class Subject:
    """One module in nanowasm: load, instantiate, call, snapshot state."""

    def __init__(self, wasm: bytes, *, timeout: float = 10.0, max_call_depth: int = 1500) -> None:
        self.wasm = wasm
        self.timeout = timeout
        self.max_call_depth = max_call_depth
        self.module: Any = None
        self.inst: Any = None

    def load(self) -> list[Any]:
        """Decode and validate: ``["ok"]`` or a reject/crash outcome."""
        try:
            with time_limit(self.timeout):
                self.module = interp.decode_module(self.wasm)
                interp.validate_module(self.module)
        except BaseException as exc:  # every exception is an outcome
            if isinstance(exc, KeyboardInterrupt):
                raise
            return classify(exc)
        return ["ok"]

    def instantiate(self, imports: dict[str, dict[str, Any]] | None = None) -> list[Any]:
        try:
            with time_limit(self.timeout):
                store = interp.Store(
                    max_call_depth=self.max_call_depth,
                    max_memory_pages=1024,
                    features=interp.Features.all(),  # the level decides; proposals off by default too
                )
                self.inst = interp.instantiate(store, self.module, imports or {})
        except BaseException as exc:
            if isinstance(exc, KeyboardInterrupt):
                raise
            return classify(exc)
        return ["ok"]

    def call(
        self, name: str, params: list[str], results: list[str], args: list[int | str]
    ) -> list[Any]:
        try:
            with time_limit(self.timeout):
                out = self.inst.invoke(
                    name, *[to_api(t, a) for t, a in zip(params, args, strict=True)]
                )
            return ["ok", [from_api(t, v) for t, v in zip(results, out, strict=True)]]
        except BaseException as exc:
            if isinstance(exc, KeyboardInterrupt):
                raise
            return classify(exc)

    def state(self, extra: dict[str, Any] | None = None) -> dict[str, Any]:
        """Exported (and ``extra``) memories (pages, sha256), globals (bits), tables (size, null map)."""
        out: dict[str, Any] = {}
        exports = self.inst.exports.items() if self.inst is not None else []
        for name, ext in [*exports, *(extra or {}).items()]:
            if isinstance(ext, interp.MemInst):
                data = bytes(ext.data)
                out[name] = ["memory", len(data) // 65536, hashlib.sha256(data).hexdigest()[:16]]
            elif isinstance(ext, interp.GlobalInst):
                out[name] = ["global", from_api(ext.type.valtype, _global_external(ext))]
            elif isinstance(ext, interp.TableInst):
                out[name] = [
                    "table",
                    len(ext.elements),
                    [0 if e is None else 1 for e in ext.elements],
                ]
        return out


def _global_external(g: Any) -> Any:
    """A global's value in API form (the runtime stores internal values)."""
    from interp.runtime import to_external

    return to_external(g.type.valtype, g.value)
