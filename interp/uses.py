"""Which proposals a decoded module uses (for :func:`interp.features.check_module`).

Instructions name their proposal in the instruction table
(:attr:`interp.opcodes.OpInfo.feature`); the rest is read off the module's
structure: ``v128`` anywhere (simd), reference-typed values outside tables
(reference_types), several tables (reference_types) or memories
(multi_memory), several results or a typed block (multi_value), passive
segments and the data count section (bulk_memory), constant expressions beyond the 2.0 forms
(extended_const).  The walk runs only when a supported proposal is
disabled, never in the default configuration.
"""

from __future__ import annotations

from collections.abc import Iterable

from . import opcodes
from .types import (
    EXN,
    EXTERN,
    FUNC,
    FUNCREF,
    NOEXN,
    AbsHeapType,
    CompType,
    Exact,
    Expr,
    FuncType,
    GlobalType,
    Module,
    RefType,
    StructType,
    TableType,
    ValType,
    VecType,
)

# Constant instructions of WebAssembly 2.0 (spec 3.3.10 of 2.0); anything
# else in a constant expression is 3.0's extended constants.
_CONST_2_0 = frozenset(
    opcodes.OP[name]
    for name in ("i32.const", "i64.const", "f32.const", "f64.const", "global.get", "ref.null",
                 "ref.func", "v128.const")
    if name in opcodes.OP
)  # fmt: skip
_SELECT_T = opcodes.OP["select_t"]
_GLOBAL_GET = opcodes.OP["global.get"]
_REF_FUNC = opcodes.OP["ref.func"]
# immediate kinds that carry reference types (ref.null, casts): an exact one
# is custom descriptors
_REFTYPE_IMMS = frozenset(("reftype", "heaptype", "heaptype_null", "br_on_cast"))


_plain: tuple[object, int, frozenset[int]] = (None, -1, frozenset())


def _plain_opcodes() -> frozenset[int]:
    """Opcodes that by themselves say nothing about proposals: no feature,
    not ``select_t``, not a block (whose type may need one).  Recomputed
    when the instruction tables are rebuilt."""
    global _plain
    table = opcodes.OPCODES
    # the tables are refilled in place; PREFIXES is rebound each time
    if _plain[0] is not opcodes.PREFIXES or _plain[1] != len(table):
        plain = frozenset(
            code
            for code, info in table.items()
            if info.feature is None and code != _SELECT_T and info.imm != "block"
        )
        _plain = (opcodes.PREFIXES, len(table), plain)
    return _plain[2]


class _Uses:
    def __init__(self, n_imported_globals: int = 0) -> None:
        self.found: dict[str, str] = {}
        # a constant expression's global.get of a *defined* global came with
        # GC (3.0 spec 3.3.11; wasmparser: "global.get of locally defined global")
        self.n_imported_globals = n_imported_globals

    def add(self, feature: str | None, what: str) -> None:
        if feature is not None and feature not in self.found:
            self.found[feature] = what

    def valtype(self, t: ValType, where: str) -> None:
        if isinstance(t, VecType):
            self.add("simd", f"value type {t} ({where})")
        elif isinstance(t, RefType):
            self.add("reference_types", f"value type {t} ({where})")
            heap = t.heap
            if isinstance(heap, Exact):
                self.add("custom_descriptors", f"exact value type {t} ({where})")
            if not isinstance(heap, AbsHeapType) or not t.nullable:
                # a type index or a non-null reference: typed function references
                self.add("function_references", f"value type {t} ({where})")
            if isinstance(heap, AbsHeapType) and heap not in (FUNC, EXTERN):
                # exn and noexn are exception handling's; the other abstract
                # heap types (any, eq, i31, struct, array, none, nofunc,
                # noextern) came with GC
                self.add(
                    "exceptions" if heap in (EXN, NOEXN) else "gc", f"value type {t} ({where})"
                )

    def valtypes(self, ts: Iterable[ValType], where: str) -> None:
        for t in ts:
            self.valtype(t, where)

    def table(self, tt: TableType, where: str) -> None:
        if tt.limits.addr64:
            self.add("memory64", f"a 64-bit table ({where})")
        if tt.elemtype is not FUNCREF:  # MVP tables hold funcref
            self.valtype(tt.elemtype, where)

    def comptype(self, ct: CompType, where: str) -> None:
        if isinstance(ct, FuncType):
            self.functype(ct, where)
            return
        self.add("gc", f"{'struct' if isinstance(ct, StructType) else 'array'} type ({where})")
        fields = ct.fields if isinstance(ct, StructType) else (ct.field,)  # type: ignore[union-attr]
        for f in fields:
            if isinstance(f.storage, (RefType, VecType)):
                self.valtype(f.storage, where)

    def functype(self, ft: FuncType, where: str) -> None:
        self.valtypes(ft.params, where)
        self.valtypes(ft.results, where)
        if len(ft.results) > 1:
            self.add("multi_value", f"{len(ft.results)} results ({where})")

    def expr(self, expr: Expr, where: str, types: list[CompType], const: bool = False) -> None:
        table = opcodes.OPCODES
        # Most instructions of a function body belong to no proposal: skip
        # them with one set test (this walk runs on every CLI load, since
        # the default feature set is not complete).  Constant expressions
        # are short and need every instruction for extended_const.
        skip = _plain_opcodes() if not const else frozenset()
        for instr in expr:
            if instr[0] in skip:
                continue
            info = table[instr[0]]
            self.add(info.feature, f"instruction {info.name} ({where})")
            if const and instr[0] not in _CONST_2_0:
                self.add("extended_const", f"instruction {info.name} in a constant expression")
            if const and instr[0] == _GLOBAL_GET and instr[1] >= self.n_imported_globals:
                self.add("gc", f"global.get of defined global {instr[1]} ({where})")
            if instr[0] == _SELECT_T:
                self.valtypes(instr[1], where)
            elif info.imm in _REFTYPE_IMMS:
                for rt in instr[1:]:
                    if isinstance(rt, RefType) and isinstance(rt.heap, Exact):
                        self.add("custom_descriptors", f"exact type {rt} in {info.name} ({where})")
            elif info.imm == "block":  # block, loop, if, legacy try: a block type
                bt = instr[1]
                if isinstance(bt, int):
                    if 0 <= bt < len(types):
                        self.comptype(types[bt], where)
                    self.add("multi_value", f"a block with a type index ({where})")
                elif bt is not None:
                    self.valtype(bt, where)


def first_uses(module: object) -> dict[str, str]:
    """Proposal name -> a description of the first construct that needs it."""
    assert isinstance(module, Module)
    u = _Uses(len(module.imported("global")))
    base = 0
    for group in module.rec_groups():
        if len(group.subs) != 1:
            u.add("gc", f"a recursion group of {len(group.subs)} types (type {base})")
        for st in group.subs:
            if not st.final or st.supers:
                u.add("gc", f"an open or sub type (type {base})")
            if st.describes is not None or st.descriptor is not None:
                u.add("custom_descriptors", f"a describes or descriptor clause (type {base})")
            u.comptype(st.comp, f"type {base}")
            base += 1
    for imp in module.imports:
        where = f"import {imp.module}.{imp.name}"
        if imp.exact:
            u.add("custom_descriptors", f"an exact function import ({where})")
        if isinstance(imp.desc, GlobalType):
            u.valtype(imp.desc.valtype, where)
        elif isinstance(imp.desc, TableType):
            u.table(imp.desc, where)
        elif imp.kind == "tag":
            u.add("exceptions", f"a tag ({where})")
    if module.tags:
        u.add("exceptions", "a tag section")
    for ex in module.exports:
        if ex.kind == "tag":
            u.add("exceptions", f"tag export {ex.name}")
    for i, tt in enumerate(module.tables):
        u.table(tt, f"table {i}")
        init = module.table_inits[i] if i < len(module.table_inits) else None
        if init is not None:
            u.add("function_references", f"table {i} with an initializer")
            u.expr(init, f"table {i}", module.types, const=True)
    if len(module.table_types()) > 1:
        # the reference interpreter's 1.0 wording leads the message
        u.add("reference_types", "multiple tables")
    for i, mt in enumerate(module.mem_types()):
        if mt.limits.addr64:
            u.add("memory64", f"a 64-bit memory (memory {i})")
        if mt.page_log2 is not None:  # an explicit page size, even 64 KiB (as wasmparser)
            u.add("custom_page_sizes", f"a custom page size (memory {i})")
    if any(mt.shared for mt in module.mem_types()):
        u.add("threads", "a shared memory")
    if len(module.mem_types()) > 1:
        u.add("multi_memory", "multiple memories")
    for i, g in enumerate(module.globals):
        u.valtype(g.type.valtype, f"global {i}")
        u.expr(g.init, f"global {i}", module.types, const=True)
    n_imported = len(module.imported("func"))
    for i, f in enumerate(module.funcs):
        if getattr(f, "prevalidated", None) is not None:
            continue  # plain MVP instructions, number-typed locals (interp.prevalidate)
        where = f"function {n_imported + i}"
        u.valtypes(f.locals, where)
        u.expr(f.body, where, module.types)
    for i, e in enumerate(module.elems):
        where = f"element segment {i}"
        if e.mode != "active":  # wasmparser counts declarative ones as bulk memory too
            u.add("bulk_memory", f"{e.mode} {where}")
        if e.uses_exprs:
            u.add("reference_types", f"{where} given by expressions")
        if e.offset is not None:
            u.expr(e.offset, where, module.types, const=True)
        if e.uses_exprs and e.type is not FUNCREF:
            u.valtype(e.type, where)  # function indices are always (ref func), MVP
        for init in e.init:
            if len(init) == 1 and init[0][0] == _REF_FUNC:
                continue  # the MVP form, a function index, decodes to ref.func
            u.expr(init, where, module.types, const=True)
    if module.data_count is not None:
        u.add("bulk_memory", "a data count section")
    for i, d in enumerate(module.datas):
        where = f"data segment {i}"
        if d.mode == "passive":
            u.add("bulk_memory", f"passive {where}")
        if d.offset is not None:
            u.expr(d.offset, where, module.types, const=True)
    return u.found
