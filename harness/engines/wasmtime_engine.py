"""Adapter for wasmtime through its Python package, every wasm feature on.

Known pitfalls of the package (see issue #2) and how this adapter avoids them:

* the high-level ``Func.__call__`` passes f32 through a Python float (quiets
  signalling NaNs) and cannot pass v128 or GC references at all -> calls go
  through ``wasmtime_func_call`` with hand-built ``wasmtime_val_t`` whose
  union is written and read as integers;
* ``FuncType.results`` raises for GC reference types -> only the *count* of
  parameters/results is read from the C type vectors;
* ``Module(engine, bytes)`` silently parses non-binary input as text -> binary
  modules go straight to ``wasmtime_module_new``;
* spectest's ``table64`` and ``shared_memory`` cannot be built from Python ->
  spectest is a small wasm module (:data:`SPECTEST_WAT`) re-exporting host
  print functions;
* a hanging function would block the whole run -> fuel is switched on and
  refilled before every call (running out is reported as category
  ``timeout``, never as a spec category).

wasmtime's API reports decoding and validation failures as one error kind;
:func:`classify_compile_error` tells them apart from wasmparser's wording.
"""

from __future__ import annotations

import contextlib
import ctypes
from collections.abc import Sequence
from typing import Any

import wasmtime
from wasmtime import _ffi as ffi

from ..values import Value
from .base import (
    SPECTEST_PRINTS,
    SPECTEST_WAT,
    Engine,
    EngineError,
    Unsupported,
    check_exit,
    dist_version,
)

FUEL = 2_000_000_000

# wasmtime_valkind_t (wasmtime/val.h)
K_I32, K_I64, K_F32, K_F64, K_V128, K_FUNCREF, K_EXTERNREF, K_ANYREF, K_EXNREF = range(9)
_ARG_KIND = {
    "i32": K_I32,
    "i64": K_I64,
    "f32": K_F32,
    "f64": K_F64,
    "v128": K_V128,
    "funcref": K_FUNCREF,
    "nullfuncref": K_FUNCREF,
    "externref": K_EXTERNREF,
    "nullexternref": K_EXTERNREF,
    "anyref": K_ANYREF,
    "nullref": K_ANYREF,
    "eqref": K_ANYREF,
    "structref": K_ANYREF,
    "arrayref": K_ANYREF,
    "i31ref": K_ANYREF,
    "exnref": K_EXNREF,
    "nullexnref": K_EXNREF,
}

#: wording of wasmparser's *decoding* errors; everything else it reports
#: when compiling is a validation error (spec: malformed vs invalid).
MALFORMED_MARKERS = (
    "malformed",
    "unexpected end",
    "section out of order",
    "section size mismatch",
    "invalid leading byte",
    "integer representation too long",
    "integer too large",
    "control frames remain",
    "limits flags",
    "inconsistent lengths",
    "too many locals",
    "data count section required",
    "is absent",
    "unknown binary version",
    "magic",
    "illegal opcode",
    "alignment too large",
    "unexpected data",
    "zero byte expected",
    "expected section",
    "invalid var_",
    "unexpected content",
    "invalid section",
    "end opcode",
    "invalid utf-8",
    "utf-8",
    "unexpected exact type",
    "function body must end",
    "invalid value type",
    "unknown section",
    "invalid name type",
    "trailing",
)


def classify_compile_error(message: str) -> str:
    low = message.lower()
    if "invalid input webassembly code" in low and "type mismatch" in low:
        return "invalid"
    return "malformed" if any(m in low for m in MALFORMED_MARKERS) else "invalid"


def _cause(message: str) -> str:
    """The last line of wasmtime's error chain, without offsets/backtraces."""
    lines = [ln.strip() for ln in message.strip().splitlines() if ln.strip()]
    last = lines[-1] if lines else message
    for prefix in ("0: ", "1: ", "2: ", "wasm trap: "):
        if last.startswith(prefix):
            last = last[len(prefix) :]
    if "Invalid input WebAssembly code at offset" in last:
        last = last.split(": ", 1)[-1]
    return last


def _signed(bits: int, width: int) -> int:
    return bits - (1 << width) if bits >> (width - 1) else bits


class WasmtimeEngine(Engine):
    name = "wasmtime"
    parses_text = True

    def __init__(self) -> None:
        config = wasmtime.Config()
        for attr in dir(config):
            # every wasm feature the Config has (component model: not core wasm)
            if attr.startswith("wasm_") and attr not in (
                "wasm_component_model",
                "wasm_component_model_implements",
                "wasm_component_model_map",
                "wasm_relaxed_simd_deterministic",
                "wasm_stack_switching",
            ):
                with contextlib.suppress(Exception):  # a feature this build lacks
                    setattr(config, attr, True)
        config.shared_memory = True
        config.consume_fuel = True
        self.engine = wasmtime.Engine(config)
        self._spectest_module = wasmtime.Module(self.engine, bytes(wasmtime.wat2wasm(SPECTEST_WAT)))
        self.store: wasmtime.Store
        self.linker: wasmtime.Linker

    @property
    def version(self) -> str:
        try:
            return dist_version("wasmtime")
        except Exception:
            return "unknown"

    def reset(self) -> None:
        self.store = wasmtime.Store(self.engine)
        self.store.set_fuel(FUEL)
        self.linker = wasmtime.Linker(self.engine)
        self.linker.allow_shadowing = True
        for name, params in SPECTEST_PRINTS.items():
            ft = wasmtime.FuncType([getattr(wasmtime.ValType, p)() for p in params], [])
            self.linker.define(
                self.store, "spectest_host", name, wasmtime.Func(self.store, ft, lambda *a: None)
            )
        inst = self.linker.instantiate(self.store, self._spectest_module)
        self.linker.define_instance(self.store, "spectest", inst)

    # -- modules ---------------------------------------------------------------

    def compile(self, wasm: bytes) -> Any:
        if not wasm.startswith(b"\0asm"):
            # wasmtime would try to read it as text; a binary decoder says:
            raise EngineError("malformed", "magic header not detected")
        ptr = ctypes.POINTER(ffi.wasmtime_module_t)()
        buf = (ctypes.c_uint8 * len(wasm)).from_buffer_copy(wasm)
        error = ffi.wasmtime_module_new(self.engine.ptr(), buf, len(wasm), ctypes.byref(ptr))
        if error:
            msg = str(wasmtime.WasmtimeError._from_ptr(error))
            raise EngineError(classify_compile_error(msg), _cause(msg))
        return wasmtime.Module._from_ptr(ptr)

    def compile_text(self, text: str) -> Any:
        try:
            wasm = wasmtime.wat2wasm(text)
        except wasmtime.WasmtimeError as e:
            raise EngineError("malformed", _cause(str(e))) from None
        return self.compile(bytes(wasm))

    def instantiate(self, module: Any) -> Any:
        self.store.set_fuel(FUEL)
        try:
            return self.linker.instantiate(self.store, module)
        except wasmtime.Trap as e:
            raise self._trap_error(e) from None
        except wasmtime.WasmtimeError as e:
            msg = str(e)
            if "import" in msg and ("unknown" in msg or "incompatible" in msg):
                raise EngineError("unlinkable", _cause(msg)) from None
            if "thrown" in msg:
                raise EngineError("exception", _cause(msg)) from None
            raise EngineError("trap", _cause(msg)) from None

    def register(self, name: str, instance: Any) -> None:
        self.linker.define_instance(self.store, name, instance)

    # -- actions ---------------------------------------------------------------

    def _trap_error(self, e: Exception) -> EngineError:
        code = getattr(e, "trap_code", None)
        msg = _cause(str(e))
        if code == wasmtime.TrapCode.STACK_OVERFLOW:
            return EngineError("exhaustion", msg)
        if code == wasmtime.TrapCode.OUT_OF_FUEL:
            return EngineError("timeout", msg)
        if "thrown" in msg and "exception" in msg:
            return EngineError("exception", msg)
        return EngineError("trap", msg)

    def _export(self, instance: Any, field: str) -> Any:
        try:
            return instance.exports(self.store)[field]
        except KeyError:
            raise EngineError("unlinkable", f"unknown export {field!r}") from None

    def invoke(self, instance: Any, field: str, args: Sequence[Value]) -> list[Value]:
        func = self._export(instance, field)
        if not isinstance(func, wasmtime.Func):
            raise EngineError("unlinkable", f"export {field!r} is not a function")
        ctx = self.store._context()
        ty = ffi.wasmtime_func_type(ctx, ctypes.byref(func._func))
        try:
            nparams = ffi.wasm_functype_params(ty).contents.size
            nresults = ffi.wasm_functype_results(ty).contents.size
        finally:
            ffi.wasm_functype_delete(ty)
        if nparams != len(args):
            raise EngineError("trap", f"wrong number of arguments: {len(args)} for {nparams}")
        params = (ffi.wasmtime_val_t * max(1, len(args)))()
        for i, v in enumerate(args):
            self._to_raw(v, params[i])
        results = (ffi.wasmtime_val_t * max(1, nresults))()
        self.store.set_fuel(FUEL)
        trap = ctypes.POINTER(ffi.wasm_trap_t)()
        error = ffi.wasmtime_func_call(
            ctx, ctypes.byref(func._func), params, len(args), results, nresults, ctypes.byref(trap)
        )
        if error:
            e = wasmtime.WasmtimeError._from_ptr(error)
            raise self._trap_error(e)
        if trap:
            raise self._trap_error(wasmtime.Trap._from_ptr(trap))
        return [self._from_raw(results[i]) for i in range(nresults)]

    def get_global(self, instance: Any, field: str) -> Value:
        g = self._export(instance, field)
        if not isinstance(g, wasmtime.Global):
            raise EngineError("unlinkable", f"export {field!r} is not a global")
        raw = ffi.wasmtime_val_t()
        ffi.wasmtime_global_get(self.store._context(), ctypes.byref(g._global), ctypes.byref(raw))
        return self._from_raw(raw)

    def read_memory(self, instance: Any, field: str, offset: int, length: int) -> bytes:
        mem = self._export(instance, field)
        return bytes(mem.read(self.store, offset, offset + length))

    # -- timing (python -m bench) ---------------------------------------------------
    # wasmtime as an embedder uses it: default configuration (no fuel), one
    # compiler engine per process created before timing (``prepare``);
    # compiling the module, the store and instantiation are "load".

    def prepare(self) -> None:
        self._bench_engine()

    def _bench_engine(self) -> wasmtime.Engine:
        if getattr(self, "_plain_engine", None) is None:
            self._plain_engine = wasmtime.Engine()
        return self._plain_engine

    def load_core(self, data: bytes, export: str, args: list[Any]) -> Any:
        engine = self._bench_engine()
        store = wasmtime.Store(engine)
        instance = wasmtime.Instance(store, wasmtime.Module(engine, data), [])
        func = instance.exports(store)[export]
        assert isinstance(func, wasmtime.Func), f"export {export!r} is not a function"
        return lambda: func(store, *args)

    def load_wasi(self, data: bytes, argv: list[str]) -> Any:
        import os
        import tempfile

        engine = self._bench_engine()
        module = wasmtime.Module(engine, data)
        linker = wasmtime.Linker(engine)
        linker.define_wasi()
        store = wasmtime.Store(engine)
        fd, out_path = tempfile.mkstemp(prefix="bench-wasi-", suffix=".out")
        os.close(fd)
        config = wasmtime.WasiConfig()
        config.argv = list(argv)
        config.stdout_file = out_path
        store.set_wasi(config)
        start = linker.instantiate(store, module).exports(store)["_start"]
        assert isinstance(start, wasmtime.Func), "_start is not a function"

        def run() -> bytes:
            try:
                try:
                    start(store)
                except wasmtime.ExitTrap as exc:
                    check_exit(exc.code)
                with open(out_path, "rb") as f:
                    return f.read()
            finally:
                os.unlink(out_path)

        return run

    def _to_raw(self, v: Value, raw: Any) -> None:
        to_raw(self.store, v, raw)

    def _from_raw(self, raw: Any) -> Value:
        return from_raw(self.store, raw)


# -- the wasmtime_val_t marshaller (also used by fuzz.oracle) -----------------------------


def to_raw(store: wasmtime.Store, v: Value, raw: Any) -> None:
    """Write harness value ``v`` into the ``wasmtime_val_t`` ``raw``: numbers
    through the union's integer fields, so no float round trip quiets a NaN."""
    t, p = v
    kind = _ARG_KIND.get(t)
    if kind is None:
        raise Unsupported(f"wasmtime adapter cannot pass a {t} argument")
    raw.kind = kind
    if kind in (K_I32, K_F32):  # floats written as bits: no NaN quieting
        raw.of.i32 = _signed(p, 32)
    elif kind in (K_I64, K_F64):
        raw.of.i64 = _signed(p, 64)
    elif kind == K_V128:
        for i in range(16):
            raw.of.v128[i] = (p >> (8 * i)) & 0xFF
    elif kind == K_FUNCREF:
        if p is not None:
            raise Unsupported("wasmtime adapter cannot pass a non-null funcref")
        raw.of.funcref.store_id = 0
    elif kind == K_EXTERNREF:
        if p is None:
            raw.of.externref.store_id = 0
        else:
            val = wasmtime.Val.externref(("host", p))._new_raw(store)
            raw.of.externref = val.of.externref
    elif p is not None:
        raise Unsupported(f"wasmtime adapter cannot pass a non-null {t}")
    elif kind == K_ANYREF:
        raw.of.anyref.store_id = 0
    else:
        raw.of.exnref.store_id = 0


def from_raw(store: wasmtime.Store, raw: Any) -> Value:
    """The harness value in the ``wasmtime_val_t`` ``raw`` (bits for numbers)."""
    kind = raw.kind
    if kind == K_I32:
        return ("i32", raw.of.i32 & 0xFFFFFFFF)
    if kind == K_I64:
        return ("i64", raw.of.i64 & (2**64 - 1))
    if kind == K_F32:
        return ("f32", raw.of.i32 & 0xFFFFFFFF)
    if kind == K_F64:
        return ("f64", raw.of.i64 & (2**64 - 1))
    if kind == K_V128:
        return ("v128", int.from_bytes(bytes(raw.of.v128), "little"))
    if kind == K_FUNCREF:
        if raw.of.funcref.store_id == 0:
            return ("funcref", None)
        return ("funcref", ("func", raw.of.funcref.store_id))
    if kind == K_EXTERNREF:
        if raw.of.externref.store_id == 0:
            return ("externref", None)
        data = wasmtime.Val._from_raw(store, raw).value
        if isinstance(data, tuple) and data[:1] == ("host",):
            return ("externref", data[1])
        return ("externref", ("opaque", repr(data)))
    if kind == K_ANYREF:
        if raw.of.anyref.store_id == 0:
            return ("anyref", None)
        return _anyref_kind(store, raw)
    if kind == K_EXNREF:
        if raw.of.exnref.store_id == 0:
            return ("exnref", None)
        return ("exnref", ("exn", id(raw)))
    raise Unsupported(f"wasmtime adapter cannot read a value of kind {kind}")


def _anyref_kind(store: wasmtime.Store, raw: Any) -> Value:
    """The dynamic kind of a non-null anyref.

    ``wasmtime_anyref_is_i31`` answers true for structs (issue #2), so
    struct and array are asked first.
    """
    ctx = store._context()
    ref = ctypes.byref(raw.of.anyref)
    try:
        if ffi.wasmtime_anyref_is_struct(ctx, ref):
            return ("structref", ("struct", 0))
        if ffi.wasmtime_anyref_is_array(ctx, ref):
            return ("arrayref", ("array", 0))
        out = ctypes.c_uint32()
        if ffi.wasmtime_anyref_is_i31(ctx, ref) and ffi.wasmtime_anyref_i31_get_u(
            ctx, ref, ctypes.byref(out)
        ):
            return ("i31ref", out.value)
    except AttributeError:
        pass
    raise Unsupported("wasmtime adapter cannot identify this anyref (host reference?)")
