"""The oracle: wasmtime (Python package) configured for a feature level.

Two things matter for exactness:

* **raw calls** -- wasmtime-py's ``Func.__call__`` converts f32 values
  through Python floats, and a float<->C float conversion quiets signalling
  NaNs.  :func:`call_raw` fills ``wasmtime_val_t`` unions through their
  integer fields and reads results the same way, so bits go through
  untouched.  Globals are read the same way (:func:`global_bits`).
* **configuration** -- NaN canonicalization, fuel, deterministic relaxed SIMD,
  proposals beyond the level switched off.  Reference types are never switched
  off: wasmtime-py aborts the process when they are (it needs them
  internally), so the MVP level relies on smith not generating them.
"""

from __future__ import annotations

from ctypes import byref
from functools import lru_cache
from typing import Any

import wasmtime
from wasmtime import _ffi as ffi
from wasmtime._func import enter_wasm

from harness.engines import wasmtime_engine
from harness.engines.base import Unsupported

from .values import MASK

DEFAULT_FUEL = 20_000_000
#: wasmtime ``Store.set_limits(memory_size=...)``: the largest linear memory and GC
#: heap (the levels' memories are at most 16 pages; nanowasm's store allows 1024)
MEMORY_LIMIT = 128 << 20

TRAP_CODES = {
    "UNREACHABLE": "unreachable",
    "INTEGER_DIVISION_BY_ZERO": "int-div-zero",
    "INTEGER_OVERFLOW": "int-overflow",
    "BAD_CONVERSION_TO_INTEGER": "bad-conversion",
    "MEMORY_OUT_OF_BOUNDS": "oob-memory",
    "TABLE_OUT_OF_BOUNDS": "oob-table",
    "INDIRECT_CALL_TO_NULL": "indirect-null",
    "BAD_SIGNATURE": "indirect-type",
    "NULL_REFERENCE": "null-ref",
    "ARRAY_OUT_OF_BOUNDS": "oob-array",
    "CAST_FAILURE": "cast",
    "HEAP_MISALIGNED": "unaligned-atomic",
    "ATOMIC_WAIT_NON_SHARED_MEMORY": "wait-unshared",
    "UNCAUGHT_EXCEPTION": "exception",
}
INCONCLUSIVE_CODES = {
    "OUT_OF_FUEL": "out-of-fuel",
    "STACK_OVERFLOW": "stack-overflow",
    # a resource limit of wasmtime's GC heap: allocation failure is the
    # implementation's to decide, not a verdict on the module
    "ALLOCATION_TOO_LARGE": "allocation",
}


#: wasmtime ``Config`` switches per level beyond the 2.0 base (bulk memory,
#: multi-value, reference types).  wasmtime 50's Python binding has a switch
#: for every proposal the levels use; its GC needs function references on.
LEVEL_SWITCHES: dict[str, frozenset[str]] = {
    "mvp": frozenset(),
    "wasm2": frozenset(),
    "wasm2-simd": frozenset({"simd"}),
    "wasm2-wide": frozenset({"wide_arithmetic"}),
    "wasm3": frozenset(
        {"simd", "gc", "function_references", "exceptions", "memory64", "tail_call", "multi_memory"}
    ),
    "wasm3-nogc": frozenset(
        {"simd", "function_references", "exceptions", "memory64", "tail_call", "multi_memory"}
    ),
    "threads": frozenset({"threads", "wide_arithmetic"}),
}
_SWITCHES = (
    "simd",
    "threads",
    "tail_call",
    "multi_memory",
    "memory64",
    "exceptions",
    "gc",
    "function_references",
    "wide_arithmetic",
)


def make_config(
    level: str = "wasm2", *, fuel: bool = True, canonicalize_nans: bool = True
) -> wasmtime.Config:
    cfg = wasmtime.Config()
    on = LEVEL_SWITCHES[level]
    for name in _SWITCHES:
        setattr(cfg, f"wasm_{name}", name in on)
    # relaxed SIMD's answers are a set (3.0 spec 4.3.4): never compared
    cfg.wasm_relaxed_simd = False
    cfg.wasm_relaxed_simd_deterministic = True  # in case relaxed SIMD is ever switched on
    if "threads" in on:
        cfg.shared_memory = True  # without it a module's shared memory fails to instantiate
    cfg.wasm_custom_page_sizes = False
    cfg.wasm_stack_switching = False
    cfg.wasm_bulk_memory = True
    cfg.wasm_multi_value = True
    cfg.cranelift_nan_canonicalization = canonicalize_nans
    if fuel:
        cfg.consume_fuel = True
    cfg.parallel_compilation = False
    return cfg


@lru_cache(maxsize=8)
def engine(
    level: str = "wasm2", fuel: bool = True, canonicalize_nans: bool = True
) -> wasmtime.Engine:
    return wasmtime.Engine(make_config(level, fuel=fuel, canonicalize_nans=canonicalize_nans))


def validate(wasm: bytes, level: str = "wasm2") -> str | None:
    """``None`` if wasmtime accepts ``wasm`` at ``level``, else its message."""
    try:
        wasmtime.Module.validate(engine(level, False), wasm)
    except wasmtime.WasmtimeError as exc:
        return str(exc)
    return None


def trap_kind(exc: BaseException) -> tuple[str, str]:
    """(``"trap"`` | ``"inconclusive"`` | ``"error"``, kind) for a wasmtime exception."""
    if isinstance(exc, wasmtime.Trap):
        code = exc.trap_code
        name = code.name if code is not None else ""
        if name in TRAP_CODES:
            return "trap", TRAP_CODES[name]
        if name in INCONCLUSIVE_CODES:
            return "inconclusive", INCONCLUSIVE_CODES[name]
        if code is None and "thrown Wasm exception" in str(exc):
            return "trap", "exception"  # an uncaught exception: a Trap without a code
        if code is None and "GC heap out of memory" in str(exc):
            return "inconclusive", "allocation"
        return "trap", "unknown:" + (name or str(exc)[:60])
    text = str(exc)
    if "all fuel consumed" in text or "out of fuel" in text:
        return "inconclusive", "out-of-fuel"
    if "stack overflow" in text:
        return "inconclusive", "stack-overflow"
    if "GC heap out of memory" in text:  # the store's limit (fuzz.diff.Oracle)
        return "inconclusive", "allocation"
    if "thrown Wasm exception" in text:  # an uncaught exception
        return "trap", "exception"
    return "error", text[:200]


#: reference arguments by the top of their hierarchy (:func:`fuzz.diff.exported_functions`
#: names them so); every one is passed as a null
REFS = ("funcref", "externref", "anyref", "exnref")


def _set_raw(store: wasmtime.Store, slot: Any, t: str, value: int | str) -> None:
    """A fuzz argument (bits; references are always null) into ``slot``, through
    the harness adapter's marshaller (one wasmtime marshaller for the testbed)."""
    wasmtime_engine.to_raw(store, (t, None if t in REFS else int(value)), slot)


def _get_raw(store: wasmtime.Store, slot: Any) -> int | str:
    """A result as a fuzz value: bits, references as "null"/"ref" (identities
    differ between engines; the reference is never materialised), except that a
    value of the ``any`` hierarchy says what it is: "struct", "array" or
    "i31:<unsigned 31 bits>" (:func:`fuzz.subject.from_api` answers alike)."""
    if slot.kind == wasmtime_engine.K_FUNCREF:
        return "null" if slot.of.funcref.store_id == 0 else "ref"
    if slot.kind == wasmtime_engine.K_EXTERNREF:
        return "null" if slot.of.externref.store_id == 0 else "ref"
    if slot.kind == wasmtime_engine.K_ANYREF:
        return "null" if slot.of.anyref.store_id == 0 else _any_class(store, slot)
    if slot.kind == wasmtime_engine.K_EXNREF:
        return "null" if slot.of.exnref.store_id == 0 else "ref"
    if slot.kind not in _NUMERIC:
        return f"kind{slot.kind}"
    t, bits = wasmtime_engine.from_raw(store, slot)
    return int(bits) & MASK[t]


def _any_class(store: wasmtime.Store, slot: Any) -> str:
    try:
        t, payload = wasmtime_engine._anyref_kind(store, slot)
    except Unsupported:  # e.g. an externalized host reference (any.convert_extern)
        return "ref"
    if t == "i31ref":
        return f"i31:{payload}"
    return {"structref": "struct", "arrayref": "array"}.get(t, "ref")


_NUMERIC = {
    wasmtime_engine.K_I32,
    wasmtime_engine.K_I64,
    wasmtime_engine.K_F32,
    wasmtime_engine.K_F64,
    wasmtime_engine.K_V128,
}


def call_raw(
    store: wasmtime.Store,
    func: wasmtime.Func,
    params: list[str],
    results: list[str],
    args: list[int | str],
) -> list[int | str]:
    """Call ``func`` with bit-pattern ``args``; results as bit patterns (no float round trip)."""
    n, m = len(params), len(results)
    arr = (ffi.wasmtime_val_t * max(n, 1))()
    for i, (t, v) in enumerate(zip(params, args, strict=True)):
        _set_raw(store, arr[i], t, v)
    res = (ffi.wasmtime_val_t * max(m, 1))()
    with enter_wasm(store) as trap:
        error = ffi.wasmtime_func_call(store._context(), byref(func._func), arr, n, res, m, trap)
        if error:
            raise wasmtime.WasmtimeError._from_ptr(error)
    out = [_get_raw(store, res[i]) for i in range(m)]
    for i in range(m):
        ffi.wasmtime_val_unroot(byref(res[i]))
    return out


def global_bits(store: wasmtime.Store, glob: wasmtime.Global) -> int | str:
    val = ffi.wasmtime_val_t()
    ffi.wasmtime_global_get(store._context(), byref(glob._global), byref(val))
    out = _get_raw(store, val)
    ffi.wasmtime_val_unroot(byref(val))
    return out


def table_null_map(store: wasmtime.Store, table: wasmtime.Table) -> list[int]:
    size = table.size(store)
    out = []
    for i in range(size):
        val = ffi.wasmtime_val_t()
        ffi.wasmtime_table_get(store._context(), byref(table._table), i, byref(val))
        out.append(0 if _get_raw(store, val) == "null" else 1)
        ffi.wasmtime_val_unroot(byref(val))
    return out


def valtype_name(vt: wasmtime.ValType) -> str:
    """Name of a wasmtime ValType without ``str(v128)`` (which aborts in some versions)."""
    for name, ctor in (
        ("i32", wasmtime.ValType.i32),
        ("i64", wasmtime.ValType.i64),
        ("f32", wasmtime.ValType.f32),
        ("f64", wasmtime.ValType.f64),
        ("funcref", wasmtime.ValType.funcref),
        ("externref", wasmtime.ValType.externref),
    ):
        if vt == ctor():
            return name
    return "v128"
