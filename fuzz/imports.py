"""Identical stub imports for both engines, so smith may generate imports.

Imports are resolved by name, as an embedder's namespace would: a repeated
(module, name) pair gets the extern made for its first occurrence on both
sides.  Every other import gets a fresh extern of exactly the imported type: functions
return fixed constants (:data:`HOST_RESULT`), globals hold a fixed value,
memories and tables are created at the imported limits.  Both sides are
built from the *same* import list (our decoded module's), and the imported
memories/tables/globals are compared after instantiation -- even after a
failed one, since 2.0 keeps the writes of segments applied before a trap
(spec 4.5.4, instantiation step 15 on).
"""

from __future__ import annotations

from typing import Any

import wasmtime

import interp

from .subject import to_api

HOST_RESULT = {"i32": 0x2A, "i64": 0x100000001, "f32": 0x40490FDB, "f64": 0x400921FB54442D18}
GLOBAL_VALUE = {
    "i32": 0xFFFFFFF9,
    "i64": 0x8000000000000000,
    "f32": 0x3F800000,
    "f64": 0xC000000000000000,
}


def importable(module: Any) -> bool:
    """False when an import involves v128 (wasmtime-py cannot type it without aborting)."""
    for imp in module.imports:
        if imp.kind == "func":
            ft = module.types[imp.desc]
            if "v128" in ft.params or "v128" in ft.results:
                return False
        elif imp.kind == "global" and imp.desc.valtype == "v128":
            return False
    return True


def _wt_valtype(t: str) -> wasmtime.ValType:
    return getattr(wasmtime.ValType, str(t))()


def ours(module: Any) -> tuple[dict[str, dict[str, Any]], dict[str, Any]]:
    """(imports mapping for :func:`interp.instantiate`, state-bearing externs by name)."""
    out: dict[str, dict[str, Any]] = {}
    state: dict[str, Any] = {}
    for imp in module.imports:
        key = f"import:{imp.module}.{imp.name}"
        if imp.name in out.get(imp.module, {}):
            continue  # resolved by name: a repeated import gets the first one's extern
        if imp.kind == "func":
            ft = module.types[imp.desc]
            values = [to_api(t, HOST_RESULT.get(str(t), "null")) for t in ft.results]

            def host(*_args: Any, _v: list[Any] = values) -> Any:
                return None if not _v else (_v[0] if len(_v) == 1 else tuple(_v))

            ext: Any = interp.HostFunc(ft, host)
        elif imp.kind == "global":
            t = imp.desc.valtype
            from interp.runtime import to_internal

            ext = interp.GlobalInst(
                imp.desc, to_internal(t, to_api(t, GLOBAL_VALUE.get(str(t), "null")))
            )
            state[key] = ext
        elif imp.kind == "memory":
            ext = interp.MemInst(imp.desc)
            state[key] = ext
        else:
            ext = interp.TableInst(imp.desc)
            state[key] = ext
        out.setdefault(imp.module, {})[imp.name] = ext
    return out, state


def theirs(store: wasmtime.Store, module: Any) -> tuple[list[Any], dict[str, Any]]:
    """(extern list in import order for :class:`wasmtime.Instance`, state-bearing externs by name)."""
    out: list[Any] = []
    state: dict[str, Any] = {}
    by_name: dict[tuple[str, str], Any] = {}
    for imp in module.imports:
        key = f"import:{imp.module}.{imp.name}"
        if (imp.module, imp.name) in by_name:
            out.append(by_name[imp.module, imp.name])  # same resolution as ours()
            continue
        if imp.kind == "func":
            ft = module.types[imp.desc]
            wft = wasmtime.FuncType(
                [_wt_valtype(t) for t in ft.params], [_wt_valtype(t) for t in ft.results]
            )
            values = [_wt_value(t, HOST_RESULT.get(str(t))) for t in ft.results]

            def host(*_args: Any, _v: list[Any] = values) -> Any:
                return None if not _v else (_v[0] if len(_v) == 1 else _v)

            ext: Any = wasmtime.Func(store, wft, host)
        elif imp.kind == "global":
            t = imp.desc.valtype
            gt = wasmtime.GlobalType(_wt_valtype(t), imp.desc.mutable)
            ext = wasmtime.Global(store, gt, _wt_value(t, GLOBAL_VALUE.get(str(t))))
            state[key] = ext
        elif imp.kind == "memory":
            lim = imp.desc.limits
            ext = wasmtime.Memory(store, wasmtime.MemoryType(wasmtime.Limits(lim.min, lim.max)))
            state[key] = ext
        else:
            lim = imp.desc.limits
            tt = wasmtime.TableType(
                _wt_valtype(imp.desc.elemtype), wasmtime.Limits(lim.min, lim.max)
            )
            ext = wasmtime.Table(store, tt, None)
            state[key] = ext
        by_name[imp.module, imp.name] = ext
        out.append(ext)
    return out, state


def _wt_value(t: str, bits: int | None) -> Any:
    """A wasmtime Val for fixed bits (no NaNs here, so the float path is exact)."""
    t = str(t)  # a nanowasm value type prints as its text-format name
    if bits is None:  # a null reference
        return wasmtime.Val.externref(None) if t == "externref" else wasmtime.Val.funcref(None)
    if t == "i32":
        return wasmtime.Val.i32(bits - (1 << 32) if bits and bits >= 1 << 31 else bits)
    if t == "i64":
        return wasmtime.Val.i64(bits - (1 << 64) if bits and bits >= 1 << 63 else bits)
    if t == "f32":
        return wasmtime.Val.f32(interp.f32_from_bits(bits))
    if t == "f64":
        return wasmtime.Val.f64(interp.f64_from_bits(bits))
    if t == "funcref":
        return wasmtime.Val.funcref(None)
    return wasmtime.Val.externref(None)
