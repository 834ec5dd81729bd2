"""Host modules: Python-defined functions, globals, tables and memories.

A host module is a mapping ``name -> extern`` that is passed to
:func:`interp.runtime.instantiate` under a module name.  :class:`HostModule`
builds one from a class with typed functions, and :func:`spectest` is the
standard module the official test scripts import.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator, Mapping
from typing import Any

from . import numerics
from .runtime import Extern, GlobalInst, HostFunc, MemInst, Store, TableInst
from .types import (
    F32,
    F64,
    FUNCREF,
    I32,
    I64,
    FuncType,
    GlobalType,
    Limits,
    MemType,
    TableType,
    ValType,
    valtype,
)


def func(
    params: str = "", results: str = "", caller: bool = False
) -> Callable[[Callable[..., Any]], HostFunc]:
    """Decorator: ``@func("i32 i32", "i32")`` turns a Python function into a HostFunc.

    With ``caller=True`` the function receives the calling instance's
    :class:`interp.caller.Caller` first (``caller.memory``, ``caller.exports``).
    """

    def wrap(fn: Callable[..., Any]) -> HostFunc:
        ft = FuncType(tuple(map(valtype, params.split())), tuple(map(valtype, results.split())))
        return HostFunc(ft, fn, fn.__name__, caller=caller)

    return wrap


class HostModule(Mapping[str, Extern]):
    """A named collection of externs, usable directly as an import module.

    Example::

        console = HostModule({"log": HostFunc(FuncType(("i32", "i32"), ()), log)})
        instantiate(store, module, {"console": console})
    """

    def __init__(self, externs: Mapping[str, Extern] | None = None) -> None:
        self._externs: dict[str, Extern] = dict(externs or {})

    def define(self, name: str, extern: Extern) -> None:
        self._externs[name] = extern

    def __getitem__(self, name: str) -> Extern:
        return self._externs[name]

    def __iter__(self) -> Iterator[str]:
        return iter(self._externs)

    def __len__(self) -> int:
        return len(self._externs)


def _printer(*types: ValType) -> HostFunc:
    def print_values(*args: Any) -> None:
        shown = [
            f"{v}" if t in ("i32", "i64") else f"{v!r}" for t, v in zip(types, args, strict=True)
        ]
        print(" ".join(f"{v} : {t}" for v, t in zip(shown, types, strict=True)), file=sys.stdout)

    name = "print" + ("_" + "_".join(map(str, types)) if types else "")
    return HostFunc(FuncType(types, ()), print_values, name)


def spectest(store: Store) -> HostModule:
    """The ``spectest`` module of the official test suite.

    As the reference interpreter defines it (interpreter/host/spectest.ml):
    print functions, globals of value 666 / 666.6, a funcref table of 10..20
    elements and a memory of 1..2 pages.
    """
    del store  # the module holds no store-specific state
    return HostModule(
        {
            "print": _printer(),
            "print_i32": _printer(I32),
            "print_i64": _printer(I64),
            "print_f32": _printer(F32),
            "print_f64": _printer(F64),
            "print_i32_f32": _printer(I32, F32),
            "print_f64_f64": _printer(F64, F64),
            "global_i32": GlobalInst(GlobalType(I32, False), 666),
            "global_i64": GlobalInst(GlobalType(I64, False), 666),
            "global_f32": GlobalInst(GlobalType(F32, False), numerics.f32_from_bits(0x4426A666)),
            "global_f64": GlobalInst(GlobalType(F64, False), 666.6),
            "table": TableInst(TableType(Limits(10, 20), FUNCREF)),
            "memory": MemInst(MemType(Limits(1, 2))),
            "shared_memory": MemInst(MemType(Limits(1, 2), shared=True)),  # threads suite
        }
    )
