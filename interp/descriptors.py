"""Custom descriptors (proposal beyond 3.0): allocation with a descriptor and descriptor casts.

The type-level half of the proposal lives where the types do: exact heap
types (:class:`interp.types.Exact`, matched in :mod:`interp.match`), the
``describes``/``descriptor`` clauses (:class:`interp.types.SubType`,
checked by :func:`interp.validate.validate_types`) and exact function
imports.  This module is the instruction family (:data:`FAMILY`, see
:mod:`interp.opcodes`) of the seven instructions ``0xFB 0x20`` .. ``0x26``,
built on the aggregate instructions of :mod:`interp.gc`:

* the instruction table rows;
* their typing (overview, "Allocation With Descriptors" and "New
  Instructions"), with the reference interpreter's messages;
* code generation, the same in both compile modes;
* constant-expression evaluators (:data:`CONST`): ``struct.new_desc`` and
  ``struct.new_default_desc`` are constant.

The proposal also refines GC's own allocation rules (``struct.new`` and
``struct.new_default`` refuse a type with a descriptor; every allocation
yields an *exact* reference, "Exact Types": "all instructions that create
references to a particular defined heap type ... produce references to the
exact version of that heap type"); those refinements are in :mod:`interp.gc`.

A struct whose type has a ``descriptor`` clause is a :class:`DescribedStruct`:
a :class:`interp.gc.StructRef` that also holds its descriptor object, so
``struct.get``/``struct.set`` and casts treat it as any struct.
"""

from __future__ import annotations

from typing import Any

from . import gc as _gc
from . import validate as _validate
from .errors import InvalidError, Trap, TrapCode
from .match import match_heaptype, match_valtype, top_heaptype
from .opcodes import Family, parse_table
from .types import AbsHeapType, Exact, Instr, RefType, inexact

PREFIX = 0xFB

# fmt: off
# sub-opcode | name | immediate kind | signature ("-": a rule below) | proposal | flags
_TABLE = """
0x20 struct.new_desc            type -                       custom_descriptors const
0x21 struct.new_default_desc    type -                       custom_descriptors const
0x22 ref.get_desc               type -                       custom_descriptors traps
0x23 ref.cast_desc_eq           heaptype -                   custom_descriptors traps
0x24 ref.cast_desc_eq_null      heaptype_null -              custom_descriptors traps
0x25 br_on_cast_desc_eq         br_on_cast -                 custom_descriptors branch traps
0x26 br_on_cast_desc_eq_fail    br_on_cast -                 custom_descriptors branch traps
"""
# fmt: on

DESC_OPCODES = parse_table(_TABLE, prefix=PREFIX)
"""The custom-descriptors instructions (keys ``0xFB << 16 | sub``)."""


# -- runtime objects and helpers --------------------------------------------------------


class DescribedStruct(_gc.StructRef):
    """A struct of a type with a ``descriptor`` clause: also its descriptor
    (overview: the descriptor plays the part of the struct's RTT)."""

    __slots__ = ("desc",)

    def __init__(self, type: Any, fields: list[Any], desc: Any) -> None:
        super().__init__(type, fields)
        self.desc = desc


def desc_new(t: Any, fields: list[Any], desc: Any) -> DescribedStruct:
    """``struct.new_desc`` / ``struct.new_default_desc``: a null descriptor
    traps (reference interpreter: after the operands are taken)."""
    if desc is None:
        raise Trap(TrapCode.NULL_DESCRIPTOR_REFERENCE)
    return DescribedStruct(t, fields, desc)


def desc_get(r: Any) -> Any:
    """``ref.get_desc``: the descriptor (validation guarantees one exists)."""
    if r is None:
        raise Trap(TrapCode.NULL_REFERENCE)
    return r.desc


def desc_test(r: Any, desc: Any, nullable: bool) -> bool:
    """Does the descriptor cast of ``r`` to ``desc`` succeed?  A null
    descriptor traps; a null reference succeeds for a nullable target only;
    otherwise ``r`` must be a struct whose descriptor is ``desc`` itself."""
    if desc is None:
        raise Trap(TrapCode.NULL_DESCRIPTOR_REFERENCE)
    if r is None:
        return nullable
    return r.__class__ is DescribedStruct and r.desc is desc


def desc_cast(r: Any, desc: Any, nullable: bool) -> Any:
    """``ref.cast_desc_eq``: the reference, or the trap "descriptor cast failure"."""
    if not desc_test(r, desc, nullable):
        raise Trap(TrapCode.DESCRIPTOR_CAST_FAILURE)
    return r


# -- validation ---------------------------------------------------------------------------


def _descriptor(ctx: _validate.Context, x: int) -> int | None:
    """The type index of ``x``'s descriptor type (``None``: no clause)."""
    d = ctx.deftypes[x].descriptor
    return None if d is None else ctx.deftypes.index(d)


def _heap_name(h: object) -> str:
    """A heap type as the reference interpreter prints it (``0``, ``(exact 0)``, ``any``)."""
    if isinstance(h, Exact):
        return f"(exact {h.base})"
    return str(h)


def _desc_cast_ref(ctx: _validate.Context, rt: RefType) -> RefType:
    """The descriptor operand of a descriptor cast to ``rt`` (reference:
    ``desc_cast_ref``): ``(ref null (exact? y))`` for ``rt``'s type x with
    descriptor y, exact when ``rt`` is."""
    h = rt.heap
    x = inexact(h)
    y = None if isinstance(x, AbsHeapType) else _descriptor(ctx, x)  # type: ignore[arg-type]
    if y is None:
        raise InvalidError(f"type {_heap_name(h)} does not have a descriptor")
    return RefType(True, Exact(y) if isinstance(h, Exact) else y)


def _pop_descriptor(v: Any, x: int) -> None:
    """Pop the descriptor operand of an allocation of type ``x``:
    ``(ref null (exact y))`` for ``x``'s descriptor type y."""
    y = _descriptor(v.ctx, x)
    if y is None:
        raise InvalidError("type without descriptor requires non-descriptor allocation")
    v.pop_expect(RefType(True, Exact(y)))


def r_struct_new_desc(v: Any, instr: Instr) -> None:
    """``struct.new_desc x``: [t* (ref null (exact y))] -> [(ref (exact x))]."""
    x = instr[1]
    fields = _gc._struct_type(v.ctx, x).fields
    _pop_descriptor(v, x)
    v.pop_vals([_gc.unpacked(f.storage) for f in fields])
    v.push_val(RefType(False, Exact(x)))


def r_struct_new_default_desc(v: Any, instr: Instr) -> None:
    """``struct.new_default_desc x``: [(ref null (exact y))] -> [(ref (exact x))]."""
    x = instr[1]
    _gc._defaultable_struct(v.ctx, x)
    _pop_descriptor(v, x)
    v.push_val(RefType(False, Exact(x)))


def r_ref_get_desc(v: Any, instr: Instr) -> None:
    """``ref.get_desc x``: [(ref null (exact? x))] -> [(ref (exact? y))],
    exact when the operand is (an exact x has exactly x's descriptor type)."""
    x = instr[1]
    _validate.check_typeidx(v.ctx, x)
    y = _descriptor(v.ctx, x)
    if y is None:
        raise InvalidError(f"type without descriptor {x}")
    actual = v.pop_val()
    exact = actual is _validate.UNKNOWN or (
        isinstance(actual, RefType) and match_heaptype(actual.heap, Exact(x), v.ctx.deftypes)
    )
    expect = RefType(True, Exact(x) if exact else x)
    if not match_valtype(actual, expect, v.ctx.deftypes):
        raise InvalidError(f"type mismatch: expected {expect}, got {actual}")
    v.push_val(RefType(False, Exact(y) if exact else y))


def r_ref_cast_desc_eq(v: Any, instr: Instr) -> None:
    """``ref.cast_desc_eq rt``: [(ref null top(rt)) desc] -> [rt]."""
    rt = instr[1]
    _validate.check_valtype(v.ctx, rt)
    desc = _desc_cast_ref(v.ctx, rt)
    v.pop_expect(desc)
    v.pop_expect(RefType(True, top_heaptype(rt.heap, v.ctx.deftypes)))
    v.push_val(rt)


def r_br_on_cast_desc_eq(v: Any, instr: Instr) -> None:
    """``br_on_cast_desc_eq l rt1 rt2``: [t* rt1 desc] -> [t* (rt1 \\ rt2)],
    the label taking [t* rt2]; ``br_on_cast_desc_eq_fail``: [t* rt1 desc] ->
    [t* rt2], the label taking [t* (rt1 \\ rt2)] (the rule of ``br_on_cast``
    with a descriptor operand)."""
    fail = _name(instr) == "br_on_cast_desc_eq_fail"
    v.cast_branch_rule(instr, fail, lambda rt2: _desc_cast_ref(v.ctx, rt2))


def _name(instr: Instr) -> str:
    return DESC_OPCODES[instr[0]].name


_RULES = {
    "struct.new_desc": r_struct_new_desc,
    "struct.new_default_desc": r_struct_new_default_desc,
    "ref.get_desc": r_ref_get_desc,
    "ref.cast_desc_eq": r_ref_cast_desc_eq,
    "ref.cast_desc_eq_null": r_ref_cast_desc_eq,
    "br_on_cast_desc_eq": r_br_on_cast_desc_eq,
    "br_on_cast_desc_eq_fail": r_br_on_cast_desc_eq,
}

# -- code generation ----------------------------------------------------------------------


def h_struct_new_desc(c: Any, ins: tuple, i: int, dead: bool) -> bool:
    x = ins[1]
    fields = c.types[x].comp.fields
    *args, desc = c.popn(len(fields) + 1)
    vals = _gc.fields_src(fields, args)
    c.assign_results(1, f"desc_new(FT{x}, [{vals}], {desc.expr})")
    return False


def h_struct_new_default_desc(c: Any, ins: tuple, i: int, dead: bool) -> bool:
    x = ins[1]
    desc = c.pop()
    vals = _gc.defaults_src(c, c.types[x].comp.fields)
    c.assign_results(1, f"desc_new(FT{x}, [{vals}], {desc.expr})")
    return False


def h_ref_get_desc(c: Any, ins: tuple, i: int, dead: bool) -> bool:
    c.assign_results(1, f"desc_get({c.pop().expr})")
    return False


def h_ref_cast_desc_eq(c: Any, ins: tuple, i: int, dead: bool) -> bool:
    ref, desc = c.popn(2)
    c.assign_results(1, f"desc_cast({ref.expr}, {desc.expr}, {ins[1].nullable})")
    return False


def h_br_on_cast_desc_eq(c: Any, ins: tuple, i: int, dead: bool) -> bool:
    """Branch with the reference if the descriptor cast succeeds
    (``_fail``: fails); the descriptor is consumed, the reference stays."""
    c.top_in_slot()  # every operand computed, in wasm order, before the test
    desc = c.pop().expr
    ref = c.stack[-1].expr
    neg = "not " if _name(ins) == "br_on_cast_desc_eq_fail" else ""
    c.branch_if(f"{neg}desc_test({ref}, {desc}, {ins[3].nullable})", ins[1])
    return False


_HANDLERS = {
    "struct.new_desc": h_struct_new_desc,
    "struct.new_default_desc": h_struct_new_default_desc,
    "ref.get_desc": h_ref_get_desc,
    "ref.cast_desc_eq": h_ref_cast_desc_eq,
    "ref.cast_desc_eq_null": h_ref_cast_desc_eq,
    "br_on_cast_desc_eq": h_br_on_cast_desc_eq,
    "br_on_cast_desc_eq_fail": h_br_on_cast_desc_eq,
}


# -- constant expressions ---------------------------------------------------------------


def _c_struct_new_desc(inst: Any, instr: Instr, stack: list[Any]) -> None:
    t = inst.types[instr[1]]
    desc = stack.pop()
    stack.append(desc_new(t, _gc.pop_fields(stack, t.comp.fields), desc))


def _c_struct_new_default_desc(inst: Any, instr: Instr, stack: list[Any]) -> None:
    t = inst.types[instr[1]]
    vals = [_gc.field_default(f.storage) for f in t.comp.fields]
    stack.append(desc_new(t, vals, stack.pop()))


CONST = {
    "struct.new_desc": _c_struct_new_desc,
    "struct.new_default_desc": _c_struct_new_default_desc,
}


# -- the family ----------------------------------------------------------------------------

FAMILY = Family(
    "custom_descriptors",
    DESC_OPCODES,
    rules=_RULES,
    handlers=_HANDLERS,
    const_evaluators=CONST,
    namespace={"desc_new": desc_new, "desc_get": desc_get, "desc_test": desc_test,
               "desc_cast": desc_cast},
)  # fmt: skip
