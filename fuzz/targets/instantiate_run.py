#!/usr/bin/env python3
"""atheris target: instantiate what decodes and validates, and run every export.

Imports are stubbed (functions return default values, globals/memories/tables
are fresh instances of the imported type).  Every exported function is called
with arguments drawn from the input.  The engine has no fuel yet, so each
call is bounded by a wall-clock timer (``$NANOWASM_FUZZ_CALL_SECONDS``,
default 1 s); a call that hits it is counted as ``timeout`` and the module is
abandoned -- a legitimately endless loop is no bug.  Acceptable outcomes:
results, :class:`interp.Trap` (including :class:`interp.Exhaustion`), or
:class:`interp.LinkError`.  Anything else is a finding.
"""

import os
import sys
from typing import Any

import atheris
from _harness import Stats, setup_path  # type: ignore[import-not-found]

setup_path()

with atheris.instrument_imports(include=["interp"]):
    import interp

from fuzz.subject import Timeout, time_limit  # noqa: E402

CALL_SECONDS = float(os.environ.get("NANOWASM_FUZZ_CALL_SECONDS", "1"))
STATS = Stats()
# the store's default proposals (legacy exceptions, threads, ... off, as in
# wasmtime): "valid" must mean valid for the store that instantiates it, or a
# module validated with every supported proposal is refused at instantiation
# (FeatureDisabled, an InvalidError) -- a finding of the target, not the engine
FEATURES = interp.Features()

_DEFAULTS = {
    "i32": 0,
    "i64": 0,
    "f32": 0.0,
    "f64": 0.0,
    "v128": 0,
    "funcref": None,
    "externref": None,
}


def stub_imports(module: "interp.Module") -> dict:
    """One stub per import, of the imported type."""
    out: dict = {}
    for imp in module.imports:
        desc: Any = imp.desc  # a type index or a table/memory/global type, by kind
        ext: Any
        if imp.kind == "func":
            ft = module.types[desc]
            results = [_DEFAULTS[str(t)] for t in ft.results]

            def host(*args, _r=results):
                return _r[0] if len(_r) == 1 else (tuple(_r) if _r else None)

            ext = interp.HostFunc(ft, host)
        elif imp.kind == "global":
            ext = interp.GlobalInst(desc, _DEFAULTS[str(desc.valtype)])
        elif imp.kind == "memory":
            ext = interp.MemInst(desc, 64)
        else:
            ext = interp.TableInst(desc)
        out.setdefault(imp.module, {})[imp.name] = ext
    return out


def _arg(fdp: atheris.FuzzedDataProvider, t: str):
    if t == "i32":
        return fdp.ConsumeInt(4) & 0xFFFFFFFF
    if t == "i64":
        return fdp.ConsumeInt(8) & 0xFFFFFFFFFFFFFFFF
    if t == "f32":
        return interp.f32_from_bits(fdp.ConsumeInt(4) & 0xFFFFFFFF)
    if t == "f64":
        return interp.f64_from_bits(fdp.ConsumeInt(8) & 0xFFFFFFFFFFFFFFFF)
    if t == "v128":
        return fdp.ConsumeInt(16) & ((1 << 128) - 1)
    return None


def test_one_input(data: bytes) -> None:
    # the module is the whole input; arguments come from a hash-seeded provider
    # over the same bytes, so mutations of the module also vary the arguments
    try:
        module = interp.decode_module(data, FEATURES)
        interp.validate_module(module, FEATURES)
    except (interp.MalformedError, interp.InvalidError):
        STATS.add("rejected")
        return
    STATS.add("valid")
    fdp = atheris.FuzzedDataProvider(data[::-1])
    try:
        with time_limit(CALL_SECONDS):
            store = interp.Store(max_call_depth=500, max_memory_pages=256, features=FEATURES)
            inst = interp.instantiate(store, module, stub_imports(module))
    except (interp.Trap, interp.LinkError):
        STATS.add("instantiate-trap")
        return
    except Timeout:
        STATS.add("timeout")
        return
    STATS.add("instantiated")
    for name, ext in list(inst.exports.items()):
        if not isinstance(ext, interp.FuncInst):
            continue
        args = [_arg(fdp, str(t)) for t in ext.type.params]
        try:
            with time_limit(CALL_SECONDS):
                inst.invoke(name, *args)
            STATS.add("returned")
        except interp.Trap:
            STATS.add("trapped")
        except Timeout:
            STATS.add("timeout")
            return


def main() -> None:
    atheris.Setup(sys.argv, test_one_input)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
