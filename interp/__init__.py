"""nanowasm: a WebAssembly interpreter in pure Python (standard library only).

Layout (one concern per module, as in the reference interpreter):

* :mod:`interp.types`    -- abstract syntax: value/function/table/memory types, module structure
* :mod:`interp.opcodes`  -- the instruction table (one source of truth for every opcode)
* :mod:`interp.features` -- the proposals: which the engine supports, which are enabled
* :mod:`interp.binary`   -- binary decoding  (``decode_module``)           -> MalformedError
* :mod:`interp.validate` -- validation       (``validate_module``)         -> InvalidError
* :mod:`interp.numerics` -- numeric operators, bit-exact (``i32_add`` ...)
* :mod:`interp.runtime`  -- store, instances, memories, tables, globals, instantiation
* :mod:`interp.compile`  -- the executor: wasm functions compiled to Python code
* :mod:`interp.host`     -- host functions and host modules (``spectest``)
* :mod:`interp.wasi`     -- WASI preview 1

Embedding API (see README)::

    import interp
    module = interp.decode_module(wasm_bytes)     # MalformedError
    interp.validate_module(module)                # InvalidError
    store = interp.Store(max_call_depth=2000)
    inst = interp.instantiate(store, module, {"env": {"log": interp.HostFunc(ft, print)}})
    inst.invoke("add", 1, 2)                      # -> [3]   (Trap / Exhaustion)

Values crossing the API: i32/i64 are ints (signed or unsigned accepted; results
are unsigned bit patterns), f32/f64 are floats (use ``f32_from_bits`` /
``f32_to_bits`` for exact NaN payloads), references are ``None`` (null), a
:class:`FuncInst` or an :class:`ExternRef`.
"""

from __future__ import annotations

__version__ = "0.1.0"  # as pyproject.toml's (tests/test_cli.py checks they agree)

from .errors import (
    Exhaustion,
    InvalidError,
    LinkError,
    MalformedError,
    OutOfFuel,
    Timeout,
    Trap,
    WasmError,
)

__all__ = [
    "Exhaustion",
    "InvalidError",
    "LinkError",
    "MalformedError",
    "OutOfFuel",
    "Timeout",
    "Trap",
    "WasmError",
]

from .binary import decode_module
from .caller import Caller
from .custom_sections import validate_custom_sections
from .features import FeatureDisabled, FeatureMalformed, Features
from .host import HostModule, spectest
from .numerics import f32_from_bits, f32_to_bits, f64_from_bits, f64_to_bits
from .runtime import (
    ExternRef,
    FuncInst,
    GlobalInst,
    HostFunc,
    Instance,
    MemInst,
    Store,
    TableInst,
    TagInst,
    WasmException,
    instantiate,
)
from .types import FuncType, GlobalType, Limits, MemType, Module, TableType
from .validate import validate_module
from .wasi import ProcExit, Wasi

__all__ += [
    "Caller",
    "ExternRef",
    "FeatureDisabled",
    "FeatureMalformed",
    "Features",
    "FuncInst",
    "FuncType",
    "GlobalInst",
    "GlobalType",
    "HostFunc",
    "HostModule",
    "Instance",
    "Limits",
    "MemInst",
    "MemType",
    "Module",
    "ProcExit",
    "Store",
    "TableInst",
    "TableType",
    "TagInst",
    "Wasi",
    "WasmException",
    "decode_module",
    "f32_from_bits",
    "f32_to_bits",
    "f64_from_bits",
    "f64_to_bits",
    "instantiate",
    "spectest",
    "validate_custom_sections",
    "validate_module",
]

from . import families as _families  # noqa: E402  (the instruction families, interp.opcodes)

_families.build()  # the dispatch tables, built once from every family

from .gc import ArrayRef, StructRef  # noqa: E402  (GC values at the API)
from .runtime import I31Ref  # noqa: E402

__all__ += ["ArrayRef", "I31Ref", "StructRef"]
