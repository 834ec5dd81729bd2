"""Adapter for wasm3 through its Python binding (PyPI ``pywasm3``, ``import wasm3``).

Used by the engine comparison (``python -m reports compare``); select it with
``pytest spec --engine wasm3``.

What the binding offers, and the consequences (limits of the *binding*
show up as failed or skipped items, never as passes):

* ``Environment.parse_module`` decodes; wasm3 validates function bodies only
  when it compiles them, lazily at the first call.  Parse errors are
  ``malformed``; a compile error at call time is reported as ``invalid``
  (so ``assert_invalid`` modules are usually accepted: the items fail).
* One module per ``Runtime``: ``find_function`` searches every module of a
  runtime by name, so each instance gets its own runtime.
* Only *function* imports can be linked (``Module.link_function`` with a
  Python callable).  Functions of registered instances are linked through a
  Python bridge; imported memories, tables and globals are left to wasm3,
  which refuses them at load time (reported as ``unlinkable``).
* The start function is not run by ``Runtime.load`` and cannot be reached
  from Python.
* ``Function.call_argv`` takes strings (``strtoul``/``strtod``) and returns
  Python numbers: floats are passed as exact hexadecimal literals; NaN
  arguments other than the canonical ones cannot be expressed
  (``Unsupported``: the item is skipped); results go through a C ``float``
  -> Python ``float`` conversion which keeps NaN payloads but quiets
  signalling NaNs.  v128 and reference values are not supported.
* Traps are ``RuntimeError("[trap] ...")``; ``stack overflow`` is exhaustion.
  wasm3 prints a backtrace on stdout for traps (pytest captures it).

The types of exports and imports are not exposed by the binding, so a small
reader of the type/import/function/global/export sections (:func:`read_interface`)
supplies them: it is needed for signatures (``link_function``) and for the
type of a global's value.
"""

from __future__ import annotations

import math
import struct
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import wasm3

from ..values import Value, is_canonical_nan
from .base import SPECTEST_PRINTS, Engine, EngineError, Unsupported, dist_version

#: bytes of wasm3's native stack per runtime (the wasm3 CLI default is 64 KiB)
STACK_BYTES = 1 << 20
_CODE = {
    0x7F: "i32",
    0x7E: "i64",
    0x7D: "f32",
    0x7C: "f64",
    0x7B: "v128",
    0x70: "funcref",
    0x6F: "externref",
}
#: wasm3 signature letters (``m3_LinkRawFunction``)
_SIG = {"i32": "i", "i64": "I", "f32": "f", "f64": "F"}
#: ``Function.arg_types`` / ``ret_types`` codes (``M3ValueType``)
_M3TYPE = {1: "i32", 2: "i64", 3: "f32", 4: "f64"}
_MASK = {"i32": 0xFFFFFFFF, "i64": 2**64 - 1}


# -- a reader for the module's interface (types of imports and exports) -----------


class _Reader:
    def __init__(self, data: bytes, pos: int = 0, end: int | None = None) -> None:
        self.data, self.pos = data, pos
        self.end = len(data) if end is None else end

    def byte(self) -> int:
        if self.pos >= self.end:
            raise ValueError("unexpected end")
        b = self.data[self.pos]
        self.pos += 1
        return b

    def u(self) -> int:
        result = shift = 0
        while True:
            b = self.byte()
            result |= (b & 0x7F) << shift
            shift += 7
            if not b & 0x80:
                return result

    def name(self) -> str:
        n = self.u()
        raw = self.data[self.pos : self.pos + n]
        self.pos += n
        return raw.decode("utf-8", "replace")

    def valtype(self) -> str:
        b = self.byte()
        if b in (0x63, 0x64):  # (ref null? ht): typed reference
            self.u()
            return "ref"
        return _CODE.get(b, f"0x{b:02x}")

    def skip_const_expr(self) -> None:
        """Skip a constant expression up to its ``end``."""
        while (op := self.byte()) != 0x0B:
            if op in (0x41, 0x42, 0x23, 0xD0, 0xD2):  # const / global.get / ref.*
                self.u()
            elif op in (0x43, 0x44):
                self.pos += 4 if op == 0x43 else 8
            elif op == 0xFD:  # v128.const
                self.u()
                self.pos += 16
            elif op not in (0x6A, 0x6B, 0x6C, 0x7C, 0x7D, 0x7E):  # extended const
                raise ValueError(f"opcode 0x{op:02x} in a constant expression")

    def limits(self) -> None:
        flags = self.byte()
        self.u()
        if flags & 1:
            self.u()
        if flags & 8:  # custom page size
            self.u()


@dataclass
class Interface:
    """What ``link_function`` and ``get_global`` need to know about a module."""

    types: list[tuple[tuple[str, ...], tuple[str, ...]] | None] = field(default_factory=list)
    #: (module, name, kind, func type index or global type)
    imports: list[tuple[str, str, int, Any]] = field(default_factory=list)
    global_types: list[str] = field(default_factory=list)
    exports: dict[str, tuple[int, int]] = field(default_factory=dict)


def read_interface(wasm: bytes) -> Interface:
    """Sections 1 (types), 2 (imports), 6 (globals) and 7 (exports)."""
    iface = Interface()
    r = _Reader(wasm, 8)
    while r.pos < len(wasm):
        sid = r.byte()
        size = r.u()
        s = _Reader(wasm, r.pos, r.pos + size)
        r.pos += size
        if sid == 1:
            for _ in range(s.u()):
                if s.byte() != 0x60:  # rec/sub types: not readable here
                    raise ValueError("non-function type")
                params = tuple(s.valtype() for _ in range(s.u()))
                results = tuple(s.valtype() for _ in range(s.u()))
                iface.types.append((params, results))
        elif sid == 2:
            for _ in range(s.u()):
                mod, name, kind = s.name(), s.name(), s.byte()
                desc: Any = None
                if kind == 0:
                    desc = s.u()
                elif kind == 1:
                    s.valtype()
                    s.limits()
                elif kind == 2:
                    s.limits()
                elif kind == 3:
                    desc = s.valtype()
                    iface.global_types.append(desc)
                    s.byte()
                else:
                    raise ValueError(f"import kind {kind}")
                iface.imports.append((mod, name, kind, desc))
        elif sid == 6:
            for _ in range(s.u()):
                iface.global_types.append(s.valtype())
                s.byte()  # mutability
                s.skip_const_expr()
        elif sid == 7:
            for _ in range(s.u()):
                name, kind = s.name(), s.byte()
                iface.exports[name] = (kind, s.u())
    return iface


# -- value conversion -----------------------------------------------------------------


def to_arg(v: Value) -> str:
    """Harness value -> a string ``call_argv`` parses to exactly that value."""
    t, p = v
    if t in _MASK:
        return str(p)
    if t in ("f32", "f64"):
        fmt = "<I" if t == "f32" else "<Q"
        x = struct.unpack("<f" if t == "f32" else "<d", struct.pack(fmt, p))[0]
        if math.isnan(x):
            if is_canonical_nan(t, p):  # the only NaNs strtod can spell
                return "-nan" if p >> (31 if t == "f32" else 63) else "nan"
            raise Unsupported(f"wasm3 binding cannot pass the NaN {t} 0x{p:x} (strtod)")
        return x.hex()
    raise Unsupported(f"wasm3 adapter cannot pass a {t} value")


def from_result(t: str, v: Any) -> Value:
    if t in _MASK:
        return (t, int(v) & _MASK[t])
    if t == "f32":
        return (t, struct.unpack("<I", struct.pack("<f", v))[0])
    if t == "f64":
        return (t, struct.unpack("<Q", struct.pack("<d", v))[0])
    raise Unsupported(f"wasm3 adapter cannot read a {t} value")


def _signature(params: Sequence[str], results: Sequence[str]) -> str:
    """wasm3's signature string, e.g. ``i(iI)``."""
    if len(results) > 1 or any(t not in _SIG for t in (*params, *results)):
        raise Unsupported("wasm3 binding links functions of numeric types, one result at most")
    ret = _SIG[results[0]] if results else "v"
    return f"{ret}({''.join(_SIG[p] for p in params)})"


def _error(e: Exception) -> EngineError:
    first = (str(e).strip().splitlines() or [""])[0]
    if first.startswith("[trap] stack overflow"):
        return EngineError("exhaustion", first)
    if first.startswith("[trap]"):
        return EngineError("trap", first[len("[trap] ") :])
    if "out of bounds" in first:  # a segment that does not fit: instantiation traps
        return EngineError("trap", first)
    if "import" in first or "missing" in first or "unallocated" in first:
        return EngineError("unlinkable", first)
    return EngineError("invalid", first)  # lazy compilation of a function body


@dataclass
class Instance:
    runtime: Any
    module: Any
    iface: Interface


class Wasm3Engine(Engine):
    name = "wasm3"
    parses_text = False

    def __init__(self) -> None:
        self.env = wasm3.Environment()
        self.namespace: dict[str, Any] = {}

    @property
    def version(self) -> str:
        try:
            return f"{dist_version('pywasm3')} (wasm3 {wasm3.M3_VERSION})"
        except Exception:
            return str(getattr(wasm3, "M3_VERSION", "unknown"))

    def reset(self) -> None:
        self.namespace = {"spectest": None}  # prints are linked as no-ops

    # -- timing (python -m bench) ------------------------------------------------------

    def bench_version(self) -> str:
        from importlib.metadata import version

        return f"pywasm3 {version('pywasm3')} (wasm3 {wasm3.M3_VERSION})"

    def load_core(self, data: bytes, export: str, args: list[Any]) -> Any:
        env = wasm3.Environment()
        runtime = env.new_runtime(STACK_BYTES)  # the recursive kernels need far less
        module = env.parse_module(data)
        runtime.load(module)
        func = runtime.find_function(export)
        return lambda: (env, runtime, func(*args))[2]  # keep env/runtime alive with it

    # load_wasi: pywasm3 0.5 exposes no WASI linking (m3_LinkWASI is not bound), so
    # the base class reports the WASI kernels as skipped for wasm3.

    # -- modules ---------------------------------------------------------------

    def compile(self, wasm: bytes) -> Any:
        try:
            self.env.parse_module(wasm)
        except RuntimeError as e:
            raise EngineError("malformed", (str(e).splitlines() or [""])[0]) from None
        try:
            iface = read_interface(wasm)
        except (ValueError, IndexError):
            iface = None
        return (wasm, iface)

    def _provider(
        self, module: str, name: str, params: tuple[str, ...], results: tuple[str, ...]
    ) -> Any:
        """A Python callable standing for the import ``module.name``."""
        if module not in self.namespace:
            raise EngineError("unlinkable", f"unknown import {module}.{name}")
        inst = self.namespace[module]
        if inst is None:  # spectest
            if name in SPECTEST_PRINTS and SPECTEST_PRINTS[name] == params and not results:
                return lambda *args: None
            raise EngineError("unlinkable", f"unknown or incompatible import spectest.{name}")
        try:
            fn = inst.runtime.find_function(name)
        except RuntimeError:
            raise EngineError("unlinkable", f"unknown import {module}.{name}") from None
        have = (
            tuple(_M3TYPE.get(t, "?") for t in fn.arg_types),
            tuple(_M3TYPE.get(t, "?") for t in fn.ret_types),
        )
        if have != (params, results):
            raise EngineError("unlinkable", f"incompatible import type for {module}.{name}")

        def bridge(*args: Any) -> Any:
            strs = [to_arg(from_result(t, a)) for t, a in zip(params, args, strict=True)]
            return fn.call_argv(*strs)

        return bridge

    def instantiate(self, module: Any) -> Any:
        wasm, iface = module
        if iface is None:
            raise Unsupported("wasm3 adapter cannot read this module's types (GC types?)")
        links = []
        for mod, name, kind, desc in iface.imports:
            if kind == 0:
                params, results = iface.types[desc] or ((), ())
                links.append(
                    (
                        mod,
                        name,
                        _signature(params, results),
                        self._provider(mod, name, params, results),
                    )
                )
        runtime = self.env.new_runtime(STACK_BYTES)
        try:
            m = self.env.parse_module(wasm)
            runtime.load(m)
            for mod, name, sig, fn in links:
                m.link_function(mod, name, sig, fn)
        except RuntimeError as e:
            raise _error(e) from None
        return Instance(runtime, m, iface)

    def register(self, name: str, instance: Any) -> None:
        self.namespace[name] = instance

    # -- actions ---------------------------------------------------------------

    def invoke(self, instance: Any, field: str, args: Sequence[Value]) -> list[Value]:
        try:
            fn = instance.runtime.find_function(field)
        except RuntimeError:
            raise EngineError("unlinkable", f"unknown export {field!r}") from None
        rets = [_M3TYPE.get(t, "?") for t in fn.ret_types]
        strs = [to_arg(a) for a in args]
        try:
            out = fn.call_argv(*strs)
        except RuntimeError as e:
            raise _error(e) from None
        if not rets:
            return []
        values = list(out) if isinstance(out, tuple | list) else [out]
        return [from_result(t, v) for t, v in zip(rets, values, strict=True)]

    def get_global(self, instance: Any, field: str) -> Value:
        kind, index = instance.iface.exports.get(field, (None, 0))
        if kind != 3:
            raise EngineError("unlinkable", f"unknown global export {field!r}")
        types = instance.iface.global_types
        if index >= len(types):
            raise Unsupported("wasm3 adapter cannot tell the type of this global")
        try:
            value = instance.module.get_global(field)
        except RuntimeError as e:
            raise _error(e) from None
        return from_result(types[index], value)

    def read_memory(self, instance: Any, field: str, offset: int, length: int) -> bytes:
        return bytes(instance.runtime.get_memory(0)[offset : offset + length])
