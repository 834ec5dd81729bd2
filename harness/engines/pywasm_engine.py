"""Adapter for pywasm 2.2 (pure Python interpreter, PyPI ``pywasm``).

Used by the engine comparison (``python -m reports compare``); select it with
``pytest spec --engine pywasm``.

How pywasm reports things, and what this adapter makes of it:

* pywasm has no validator and no error classes: decoding and execution
  failures are plain ``AssertionError`` / ``Exception`` / ``IndexError`` ...
  So any exception while *decoding* is reported as ``malformed`` and any
  exception while *running* (initialisation, start function, a call) as a
  ``trap``; invalid modules are simply accepted (the items fail).
* pywasm limits the call depth with ``assert len(frames) < 1024``; an error
  raised at that depth (or a Python ``RecursionError``) is ``exhaustion``.
* Import matching is an ``assert`` inside ``Machine.instance`` that would be
  indistinguishable from a trap, so the same checks are made here first with
  pywasm's own types and ``suit`` methods, and reported as ``unlinkable``.
* After an exception pywasm leaves its operand/label/frame stacks as they
  were; the next call would then fail its own consistency asserts, so the
  stacks are reset after every failure.
* Values cross the API as raw little-endian bytes (``ValInst.data``), never
  through Python floats, so NaN payloads are exact.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from typing import Any

import pywasm
from pywasm import core

from ..values import Value
from .base import (
    SPECTEST_GLOBALS,
    SPECTEST_PRINTS,
    Engine,
    EngineError,
    Unsupported,
    check_exit,
    dist_version,
)

#: pywasm's call-depth bound (``evaluate_call``: ``assert len(frame) < 1024``)
DEPTH_LIMIT = 1024
_NUM_WIDTH = {"i32": 4, "i64": 8, "f32": 4, "f64": 8, "v128": 16}
_VALTYPE = {
    "i32": 0x7F,
    "i64": 0x7E,
    "f32": 0x7D,
    "f64": 0x7C,
    "v128": 0x7B,
    "funcref": 0x70,
    "externref": 0x6F,
}
_TYPENAME = {code: name for name, code in _VALTYPE.items()}
#: extern kinds in pywasm's ``Extern.kind`` / ``ExportDesc.kind``
FUNC, TABLE, MEMORY, GLOBAL = 0, 1, 2, 3


def to_valinst(v: Value) -> Any:
    """Harness value -> pywasm ``ValInst``, built from the bits."""
    t, p = v
    if t in _NUM_WIDTH:
        data = bytearray(p.to_bytes(_NUM_WIDTH[t], "little"))
        return core.ValInst(core.ValType(_VALTYPE[t]), data + bytearray(16 - len(data)))
    if t in ("funcref", "externref"):
        vt = core.ValType(_VALTYPE[t])
        if p is None:
            return core.ValInst.zero(vt)
        if t == "externref" and isinstance(p, int):
            return core.ValInst.from_ref(vt, p)
        raise Unsupported(f"pywasm adapter cannot pass a non-null {t}")
    raise Unsupported(f"pywasm adapter cannot pass a {t} value")


def from_valinst(v: Any) -> Value:
    """pywasm ``ValInst`` -> harness value."""
    t = _TYPENAME[v.type.data]
    if t in _NUM_WIDTH:
        return (t, int.from_bytes(bytes(v.data[: _NUM_WIDTH[t]]), "little"))
    if v.data[4] == 0:
        return (t, None)
    ref = v.into_ref()
    return (t, ("func", ref)) if t == "funcref" else (t, ref)


class PywasmEngine(Engine):
    name = "pywasm"
    parses_text = False

    def __init__(self) -> None:
        self.runtime: Any = None
        self.namespace: dict[str, dict[str, Any]] = {}

    @property
    def version(self) -> str:
        try:
            return dist_version("pywasm")
        except Exception:
            return str(getattr(pywasm, "version", "unknown"))

    # -- timing (python -m bench): pywasm 2.2.3, the baseline of every ratio ------------

    def load_core(self, data: bytes, export: str, args: list[Any]) -> Any:
        runtime = core.Runtime()
        inst = runtime.instance(core.ModuleDesc.from_reader(io.BytesIO(data)))
        return lambda: runtime.invocate(inst, export, list(args))

    def load_wasi(self, data: bytes, argv: list[str]) -> Any:
        runtime = core.Runtime()
        wasi = pywasm.wasi.Preview1(list(argv), {}, {})
        stdout = io.BytesIO()
        wasi.fd[wasi.FD_STDOUT].pipe = stdout  # pywasm's documented way to capture output
        wasi.bind(runtime)
        inst = runtime.instance(core.ModuleDesc.from_reader(io.BytesIO(data)))

        def run() -> bytes:
            check_exit(wasi.main(runtime, inst))
            return stdout.getvalue()

        return run

    # -- lifecycle ---------------------------------------------------------------

    def reset(self) -> None:
        rt = core.Runtime()
        self.runtime = rt
        spectest: dict[str, Any] = {}
        for name, params in SPECTEST_PRINTS.items():
            ft = core.FuncType([core.ValType(_VALTYPE[p]) for p in params], [])
            spectest[name] = rt.allocate_func_host(ft, lambda machine, args: [])
        for name, value in SPECTEST_GLOBALS.items():
            gt = core.GlobalType(core.ValType(_VALTYPE[value[0]]), 0)
            spectest[name] = rt.allocate_global(gt, to_valinst(value))
        spectest["table"] = rt.allocate_table(
            core.TableType(core.ValType.ref_func(), core.Limits(10, 20))
        )
        spectest["memory"] = rt.allocate_memory(core.MemType(core.Limits(1, 2)))
        self.namespace = {"spectest": spectest}
        rt.imports = self.namespace

    # -- modules -----------------------------------------------------------------

    def compile(self, wasm: bytes) -> Any:
        try:
            return core.ModuleDesc.from_reader(io.BytesIO(wasm))
        except Exception as e:
            raise EngineError("malformed", _describe(e)) from None

    def _resolve_imports(self, module: Any) -> list[Any]:
        """The externs for the module's imports, checked as pywasm would
        (same predicates), but reported as ``unlinkable``."""
        store = self.runtime.machine.store
        externs = []
        for imp in module.imps:
            ext = self.namespace.get(imp.module, {}).get(imp.name)
            where = f"{imp.module}.{imp.name}"
            if ext is None:
                raise EngineError("unlinkable", f"unknown import {where}")
            ok = ext.kind == imp.kind
            if ok and imp.kind == FUNC:
                ok = store.func[ext.data].type == module.type[imp.desc]
            elif ok and imp.kind == TABLE:
                tab = store.tabl[ext.data]
                ok = tab.type.type == imp.desc.type and tab.suit(imp.desc.limits)
            elif ok and imp.kind == MEMORY:
                ok = store.mems[ext.data].suit(imp.desc.limits)
            elif ok and imp.kind == GLOBAL:
                glob = store.glob[ext.data]
                ok = glob.data.type == imp.desc.type and glob.mut == imp.desc.mut
            if not ok:
                raise EngineError("unlinkable", f"incompatible import type for {where}")
            externs.append(ext)
        return externs

    def instantiate(self, module: Any) -> Any:
        externs = self._resolve_imports(module)
        try:
            return self.runtime.machine.instance(module, externs)
        except Exception as e:
            raise self._run_error(e) from None

    def register(self, name: str, instance: Any) -> None:
        self.namespace[name] = {e.name: e.data for e in instance.exps}

    # -- actions -----------------------------------------------------------------

    def _run_error(self, e: BaseException) -> EngineError:
        """Classify an exception raised while running, and clean the stacks."""
        machine = self.runtime.machine
        deep = len(machine.stack.frame) >= DEPTH_LIMIT - 1
        machine.stack = core.Stack()
        if deep or isinstance(e, RecursionError):
            return EngineError("exhaustion", "call stack exhausted")
        return EngineError("trap", _describe(e))

    def _export(self, instance: Any, field: str, kind: int) -> int:
        for e in instance.exps:
            if e.name == field:
                if e.data.kind != kind:
                    raise EngineError("unlinkable", f"export {field!r} has another kind")
                return e.data.data
        raise EngineError("unlinkable", f"unknown export {field!r}")

    def invoke(self, instance: Any, field: str, args: Sequence[Value]) -> list[Value]:
        addr = self._export(instance, field, FUNC)
        func = self.runtime.machine.store.func[addr]
        if len(func.type.args) != len(args):
            raise EngineError("trap", f"wrong number of arguments: {len(args)}")
        vals = [to_valinst(a) for a in args]
        try:
            out = self.runtime.machine.invocate(addr, vals)
        except Exception as e:
            raise self._run_error(e) from None
        return [from_valinst(v) for v in out]

    def get_global(self, instance: Any, field: str) -> Value:
        addr = self._export(instance, field, GLOBAL)
        return from_valinst(self.runtime.machine.store.glob[addr].data)

    def read_memory(self, instance: Any, field: str, offset: int, length: int) -> bytes:
        addr = self._export(instance, field, MEMORY)
        return bytes(self.runtime.machine.store.mems[addr].data[offset : offset + length])


def _describe(e: BaseException) -> str:
    text = str(e)
    return f"{type(e).__name__}: {text}" if text else type(e).__name__
