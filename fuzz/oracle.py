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

import ctypes
from ctypes import byref
from functools import lru_cache
from typing import Any

import wasmtime
from wasmtime import _ffi as ffi
from wasmtime._func import enter_wasm

from .values import MASK

DEFAULT_FUEL = 20_000_000

_KIND = {
    "i32": ffi.WASMTIME_I32.value,
    "i64": ffi.WASMTIME_I64.value,
    "f32": ffi.WASMTIME_F32.value,
    "f64": ffi.WASMTIME_F64.value,
    "v128": ffi.WASMTIME_V128.value,
    "funcref": ffi.WASMTIME_FUNCREF.value,
    "externref": ffi.WASMTIME_EXTERNREF.value,
}
_TYPE_OF_KIND = {v: k for k, v in _KIND.items()}

TRAP_CODES = {
    "UNREACHABLE": "unreachable",
    "INTEGER_DIVISION_BY_ZERO": "int-div-zero",
    "INTEGER_OVERFLOW": "int-overflow",
    "BAD_CONVERSION_TO_INTEGER": "bad-conversion",
    "MEMORY_OUT_OF_BOUNDS": "oob-memory",
    "TABLE_OUT_OF_BOUNDS": "oob-table",
    "INDIRECT_CALL_TO_NULL": "indirect-null",
    "BAD_SIGNATURE": "indirect-type",
}
INCONCLUSIVE_CODES = {"OUT_OF_FUEL": "out-of-fuel", "STACK_OVERFLOW": "stack-overflow"}


def make_config(
    level: str = "wasm2", *, fuel: bool = True, canonicalize_nans: bool = True
) -> wasmtime.Config:
    cfg = wasmtime.Config()
    simd = level == "wasm2-simd"
    cfg.wasm_simd = simd
    cfg.wasm_relaxed_simd = False
    cfg.wasm_relaxed_simd_deterministic = True  # in case relaxed SIMD is ever switched on
    cfg.wasm_threads = False
    cfg.wasm_tail_call = False
    cfg.wasm_multi_memory = False
    cfg.wasm_memory64 = False
    cfg.wasm_exceptions = False
    cfg.wasm_gc = False
    cfg.wasm_function_references = False
    cfg.wasm_wide_arithmetic = False
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
        return "trap", "unknown:" + (name or str(exc)[:60])
    text = str(exc)
    if "all fuel consumed" in text or "out of fuel" in text:
        return "inconclusive", "out-of-fuel"
    if "stack overflow" in text:
        return "inconclusive", "stack-overflow"
    return "error", text[:200]


def _set_raw(slot: Any, t: str, value: int | str) -> None:
    slot.kind = _KIND[t]
    if t in ("i32", "f32"):
        slot.of.i32 = ctypes.c_int32(value).value  # type: ignore[arg-type]
    elif t in ("i64", "f64"):
        slot.of.i64 = ctypes.c_int64(value).value  # type: ignore[arg-type]
    elif t == "v128":
        slot.of.v128[:] = list(int(value).to_bytes(16, "little"))  # type: ignore[arg-type]
    elif t == "funcref":
        slot.of.funcref.store_id = 0
    else:
        slot.of.externref.store_id = 0


def _get_raw(slot: Any) -> int | str:
    t = _TYPE_OF_KIND.get(slot.kind)
    if t in ("i32", "f32"):
        return slot.of.i32 & MASK["i32"]
    if t in ("i64", "f64"):
        return slot.of.i64 & MASK["i64"]
    if t == "v128":
        return int.from_bytes(bytes(slot.of.v128), "little")
    if t == "funcref":
        return "null" if slot.of.funcref.store_id == 0 else "ref"
    if t == "externref":
        return "null" if slot.of.externref.store_id == 0 else "ref"
    return f"kind{slot.kind}"


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
        _set_raw(arr[i], t, v)
    res = (ffi.wasmtime_val_t * max(m, 1))()
    with enter_wasm(store) as trap:
        error = ffi.wasmtime_func_call(store._context(), byref(func._func), arr, n, res, m, trap)
        if error:
            raise wasmtime.WasmtimeError._from_ptr(error)
    out = [_get_raw(res[i]) for i in range(m)]
    for i in range(m):
        ffi.wasmtime_val_unroot(byref(res[i]))
    return out


def global_bits(store: wasmtime.Store, glob: wasmtime.Global) -> int | str:
    val = ffi.wasmtime_val_t()
    ffi.wasmtime_global_get(store._context(), byref(glob._global), byref(val))
    out = _get_raw(val)
    ffi.wasmtime_val_unroot(byref(val))
    return out


def table_null_map(store: wasmtime.Store, table: wasmtime.Table) -> list[int]:
    size = table.size(store)
    out = []
    for i in range(size):
        val = ffi.wasmtime_val_t()
        ffi.wasmtime_table_get(store._context(), byref(table._table), i, byref(val))
        out.append(0 if _get_raw(val) == "null" else 1)
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
