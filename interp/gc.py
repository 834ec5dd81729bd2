"""GC heap objects (WebAssembly 3.0): structs, arrays and every ``struct.*`` / ``array.*``.

Like :mod:`interp.exceptions`, this module is an instruction family as data
(:data:`FAMILY`, built into the dispatch tables by :mod:`interp.families`):

* the twenty instructions ``0xFB 0x00`` .. ``0xFB 0x13`` and the readers of
  their immediates (3.0 spec 5.4.6, "Aggregate Instructions");
* their typing rules (3.0 spec 3.3.6, "Aggregate Instructions"), with the
  reference interpreter's messages;
* code generation (both compile modes: every generator only pushes, pops
  and emits statements) and the helpers the generated code calls;
* the evaluators of the constant ones (``struct.new``,
  ``struct.new_default``, ``array.new``, ``array.new_default``,
  ``array.new_fixed``; the ``const`` column of the table, 3.0 spec 3.3.11
  "Constant Expressions");
* the two that name a data segment (``array.new_data``,
  ``array.init_data``: the data count section is required, spec 5.5.16).

Runtime objects (3.0 spec 4.2.9 "Aggregate Instances") are plain Python
objects with ``__slots__``; a reference is the object itself, so ``ref.eq``
is ``is``.  Each carries its canonical defined type as ``.type`` (a
:class:`~interp.deftypes.DefType`), which is what
:func:`interp.runtime.type_of_ref` reads, so ``ref.test`` / ``ref.cast`` /
``br_on_cast`` work on them through the one matcher.

Field values use the engine's internal representation
(:func:`interp.types.default_value`): i32/i64/v128 as unsigned ints, f32/f64
as floats (NaN payloads kept: a struct field stores the very float object),
references as themselves.  Packed fields (``i8``/``i16``) hold the value
wrapped to 8/16 bits (spec 4.2.9, "pack"); ``get_u`` returns it as is,
``get_s`` sign-extends it to 32 bits (spec 4.4.6, "unpack").
"""

from __future__ import annotations

import struct
from collections.abc import Sequence
from typing import Any

from . import binary, numerics
from . import validate as _validate
from .errors import Exhaustion, InvalidError, Trap, TrapCode
from .match import _match_storage, match_valtype
from .opcodes import Family, parse_table
from .types import (
    ARRAY,
    F32,
    F64,
    I8,
    I16,
    I32,
    I64,
    V128,
    ArrayType,
    CompType,
    Exact,
    FieldType,
    Instr,
    NumType,
    RefType,
    StructType,
    ValType,
    VecType,
    default_value,
)

PREFIX = 0xFB

# fmt: off
# sub-opcode | name | immediate kind | signature ("-": a rule below) | proposal | flags
_TABLE = """
0x00 struct.new                 type -                       gc const
0x01 struct.new_default         type -                       gc const
0x02 struct.get                 field -                      gc traps
0x03 struct.get_s               field -                      gc traps
0x04 struct.get_u               field -                      gc traps
0x05 struct.set                 field -                      gc traps
0x06 array.new                  type -                       gc const traps
0x07 array.new_default          type -                       gc const traps
0x08 array.new_fixed            type_fixed -                 gc const
0x09 array.new_data             type_data -                  gc traps
0x0A array.new_elem             type_elem -                  gc traps
0x0B array.get                  type -                       gc traps
0x0C array.get_s                type -                       gc traps
0x0D array.get_u                type -                       gc traps
0x0E array.set                  type -                       gc traps
0x0F array.len                  - -                          gc traps
0x10 array.fill                 type -                       gc traps
0x11 array.copy                 type_type -                  gc traps
0x12 array.init_data            type_data -                  gc traps
0x13 array.init_elem            type_elem -                  gc traps
"""
# fmt: on

GC_OPCODES = parse_table(_TABLE, prefix=PREFIX)
"""The aggregate instructions (keys ``0xFB << 16 | sub``)."""

MAX_ARRAY_LENGTH = 10_000_000
"""Implementation limit on the length of one array (the spec allows limits
anywhere, appendix "Implementation Limitations"): a longer allocation is an
:class:`~interp.errors.Exhaustion`, never a Python ``MemoryError``."""


# -- runtime objects (3.0 spec 4.2.9) --------------------------------------------------


class StructRef:
    """A structure instance: its defined type and its field values, in order."""

    __slots__ = ("fields", "type")

    def __init__(self, type: Any, fields: list[Any]) -> None:
        self.type = type
        self.fields = fields

    def __repr__(self) -> str:
        return f"<struct {self.type.label} {len(self.fields)} fields>"


class ArrayRef:
    """An array instance: its defined type and its element values."""

    __slots__ = ("elems", "type")

    def __init__(self, type: Any, elems: list[Any]) -> None:
        self.type = type
        self.elems = elems

    def __repr__(self) -> str:
        return f"<array {self.type.label} length {len(self.elems)}>"


# -- storage types ---------------------------------------------------------------------

_MASKS = {I8: 0xFF, I16: 0xFFFF}


def unpacked(storage: object) -> ValType:
    """``unpack(st)`` (3.0 spec 2.3.9): packed types read and write as i32."""
    return I32 if storage in _MASKS else storage  # type: ignore[return-value]


def field_default(storage: object) -> Any:
    """The default value of a field (spec 4.2.1 "default value" of the unpacked type)."""
    return default_value(unpacked(storage))


_SIZES = {I8: 1, I16: 2, I32: 4, I64: 8, F32: 4, F64: 8, V128: 16}
"""Bytes per element of a numeric/vector storage type (spec ``|st|``, 4.4.6)."""


_FORMATS = {I8: "B", I16: "H", I32: "I", I64: "Q", F64: "d"}
"""``struct`` codes of the storage types whose elements ``struct`` reads exactly
(``'d'`` is a memcpy: NaN payloads survive; f32 goes through
:func:`interp.numerics.f32_from_bits`, since ``'f'`` quiets signalling NaNs)."""


def _read_elements(data: bytes, offset: int, n: int, storage: object) -> list[Any]:
    """``n`` elements of ``storage`` from the bytes at ``offset`` (little endian,
    spec 4.4.6 ``array.new_data``); the caller has checked the bounds."""
    fmt = _FORMATS.get(storage)  # type: ignore[call-overload]
    if fmt is not None:
        return list(struct.unpack_from(f"<{n}{fmt}", data, offset))
    if storage is F32:
        bits = struct.unpack_from(f"<{n}I", data, offset)
        return [numerics.f32_from_bits(b) for b in bits]
    size = _SIZES[storage]  # type: ignore[index]  # v128
    return [
        int.from_bytes(data[offset + k * size : offset + (k + 1) * size], "little")
        for k in range(n)
    ]


# -- execution helpers (names of the generated code's namespace) ------------------------
#
# The function wrapper of the generated code turns IndexError into "out of
# bounds memory access"; so every index is checked here first, and none of
# these lets an IndexError escape.


def _null_struct() -> Trap:
    return Trap(TrapCode.NULL_STRUCTURE_REFERENCE)


def _null_array() -> Trap:
    return Trap(TrapCode.NULL_ARRAY_REFERENCE)


def _oob() -> Trap:
    return Trap(TrapCode.ARRAY_OUT_OF_BOUNDS)


def _check_length(n: int) -> None:
    if n > MAX_ARRAY_LENGTH:
        raise Exhaustion(
            TrapCode.RESOURCE_LIMIT, f": array of {n} elements (limit {MAX_ARRAY_LENGTH})"
        )


def gc_sget(r: StructRef | None, i: int) -> Any:
    """``struct.get`` / ``struct.get_u`` (a packed field is stored zero-extended)."""
    if r is None:
        raise _null_struct()
    return r.fields[i]


def gc_sget_s8(r: StructRef | None, i: int) -> int:
    if r is None:
        raise _null_struct()
    v: int = r.fields[i]
    return v | 0xFFFFFF00 if v & 0x80 else v


def gc_sget_s16(r: StructRef | None, i: int) -> int:
    if r is None:
        raise _null_struct()
    v: int = r.fields[i]
    return v | 0xFFFF0000 if v & 0x8000 else v


def gc_sset(r: StructRef | None, i: int, v: Any) -> None:
    if r is None:
        raise _null_struct()
    r.fields[i] = v


def gc_anew(t: Any, v: Any, n: int) -> ArrayRef:
    """``array.new`` / ``array.new_default``: ``n`` copies of ``v``."""
    _check_length(n)
    return ArrayRef(t, [v] * n)


def _data_source(inst: Any, t: Any, y: int, s: int, n: int) -> tuple[bytes, object]:
    """Data segment ``y`` and the storage type of array type ``t``, once
    ``n`` elements from byte ``s`` are known to lie inside the segment
    (``array.new_data`` / ``array.init_data``, 3.0 spec 4.4.6)."""
    storage = t.comp.field.storage
    data = inst.datas[y]
    if s + n * _SIZES[storage] > len(data):
        raise Trap(TrapCode.MEMORY_OUT_OF_BOUNDS)
    return data, storage


def _elem_slice(inst: Any, y: int, s: int, n: int) -> list[Any]:
    """Elements ``s`` .. ``s + n`` of element segment ``y``, bounds checked
    (``array.new_elem`` / ``array.init_elem``)."""
    elem = inst.elems[y]
    if s + n > len(elem):
        raise Trap(TrapCode.TABLE_OUT_OF_BOUNDS)
    return elem[s : s + n]  # type: ignore[no-any-return]


def gc_anew_data(inst: Any, t: Any, y: int, s: int, n: int) -> ArrayRef:
    """``array.new_data`` (3.0 spec 4.4.6): bounds checked before any allocation."""
    data, storage = _data_source(inst, t, y, s, n)
    _check_length(n)
    return ArrayRef(t, _read_elements(data, s, n, storage))


def gc_anew_elem(inst: Any, t: Any, y: int, s: int, n: int) -> ArrayRef:
    elems = _elem_slice(inst, y, s, n)
    _check_length(n)
    return ArrayRef(t, elems)


def gc_aget(a: ArrayRef | None, i: int) -> Any:
    """``array.get`` / ``array.get_u``."""
    if a is None:
        raise _null_array()
    elems = a.elems
    if i >= len(elems):
        raise _oob()
    return elems[i]


def gc_aget_s8(a: ArrayRef | None, i: int) -> int:
    v: int = gc_aget(a, i)
    return v | 0xFFFFFF00 if v & 0x80 else v


def gc_aget_s16(a: ArrayRef | None, i: int) -> int:
    v: int = gc_aget(a, i)
    return v | 0xFFFF0000 if v & 0x8000 else v


def gc_aset(a: ArrayRef | None, i: int, v: Any) -> None:
    if a is None:
        raise _null_array()
    elems = a.elems
    if i >= len(elems):
        raise _oob()
    elems[i] = v


def gc_alen(a: ArrayRef | None) -> int:
    if a is None:
        raise _null_array()
    return len(a.elems)


def gc_afill(a: ArrayRef | None, i: int, v: Any, n: int) -> None:
    if a is None:
        raise _null_array()
    elems = a.elems
    if i + n > len(elems):
        raise _oob()
    elems[i : i + n] = [v] * n


def gc_acopy(d: ArrayRef | None, di: int, s: ArrayRef | None, si: int, n: int) -> None:
    """``array.copy`` (3.0 spec 4.4.6): overlapping ranges copy as if through
    a temporary (the slice on the right is built first), which is what the
    spec's element-by-element order (forwards or backwards) yields."""
    if d is None or s is None:
        raise _null_array()
    if si + n > len(s.elems) or di + n > len(d.elems):
        raise _oob()
    d.elems[di : di + n] = s.elems[si : si + n]


def gc_ainit_data(inst: Any, t: Any, a: ArrayRef | None, y: int, d: int, s: int, n: int) -> None:
    """``array.init_data``: array bounds, then data bounds (reference order)."""
    if a is None:
        raise _null_array()
    if d + n > len(a.elems):
        raise _oob()
    data, storage = _data_source(inst, t, y, s, n)
    a.elems[d : d + n] = _read_elements(data, s, n, storage)


def gc_ainit_elem(inst: Any, a: ArrayRef | None, y: int, d: int, s: int, n: int) -> None:
    if a is None:
        raise _null_array()
    if d + n > len(a.elems):
        raise _oob()
    a.elems[d : d + n] = _elem_slice(inst, y, s, n)


# -- validation (3.0 spec 3.3.6 "Aggregate Instructions") --------------------------------


def _comp(ctx: _validate.Context, x: int) -> CompType:
    return _validate.check_typeidx(ctx, x)  # "unknown type x"


def _struct_type(ctx: _validate.Context, x: int) -> StructType:
    ct = _comp(ctx, x)
    if not isinstance(ct, StructType):
        raise InvalidError(f"non-structure type {x}")
    return ct


def _array_field(ctx: _validate.Context, x: int) -> FieldType:
    ct = _comp(ctx, x)
    if not isinstance(ct, ArrayType):
        raise InvalidError(f"non-array type {x}")
    return ct.field


def _defaultable_struct(ctx: _validate.Context, x: int) -> StructType:
    """Struct type ``x``, every field defaultable (``struct.new_default``,
    and ``struct.new_default_desc`` of :mod:`interp.descriptors`)."""
    st = _struct_type(ctx, x)
    for f in st.fields:
        if not _validate.defaultable(unpacked(f.storage)):
            raise InvalidError("field type is not defaultable")
    return st


def _field(ctx: _validate.Context, x: int, i: int) -> FieldType:
    fields = _struct_type(ctx, x).fields
    if not 0 <= i < len(fields):
        raise InvalidError(f"unknown field {i}")
    return fields[i]


def _check_packed(storage: object, name: str, what: str) -> None:
    """``get_s``/``get_u`` exactly for packed storage (reference: "field is packed")."""
    extended = name.endswith(("_s", "_u"))
    if extended != (storage in _MASKS):
        raise InvalidError(f"{what} is {'unpacked' if extended else 'packed'}")


def _need_mutable(ft: FieldType, what: str) -> None:
    if not ft.mutable:
        raise InvalidError(f"immutable {what}")


def _check_data(ctx: _validate.Context, y: int) -> None:
    if not 0 <= y < ctx.datas:
        raise InvalidError(f"unknown data segment {y}")


def _elem_type(ctx: _validate.Context, y: int) -> ValType:
    if not 0 <= y < len(ctx.elems):
        raise InvalidError(f"unknown elem segment {y}")
    return ctx.elems[y]


def _numeric_or_vector(ft: FieldType) -> None:
    """``array.new_data`` / ``array.init_data``: the elements are read from
    bytes, so they must be numbers or vectors (packed ones included)."""
    if not isinstance(unpacked(ft.storage), (NumType, VecType)):
        raise InvalidError("array type is not numeric or vector")


def _elem_matches(ctx: _validate.Context, y: int, ft: FieldType) -> None:
    rt = _elem_type(ctx, y)
    if not match_valtype(rt, unpacked(ft.storage), ctx.deftypes):
        raise InvalidError(
            f"type mismatch: element segment's type {rt} does not match array's field type {ft}"
        )


def _ref(x: int, nullable: bool = True) -> RefType:
    return RefType(nullable, x)


def _new(x: int) -> RefType:
    """What an allocation yields: ``(ref (exact x))`` (custom descriptors,
    "Exact Types": instructions that create references to a defined type
    produce exact ones; a subtype of the 3.0 ``(ref x)``)."""
    return RefType(False, Exact(x))


def _no_descriptor(ctx: _validate.Context, x: int) -> None:
    """Custom descriptors: a type with a ``descriptor`` clause is allocated
    by ``struct.new_desc`` / ``struct.new_default_desc`` only
    (:mod:`interp.descriptors`; checked before the operands, as in the
    reference interpreter)."""
    if ctx.deftypes[x].descriptor is not None:
        raise InvalidError("type with descriptor requires descriptor allocation")


def r_struct_new(v: Any, instr: Instr) -> None:
    x = instr[1]
    fields = _struct_type(v.ctx, x).fields
    _no_descriptor(v.ctx, x)
    v.pop_vals([unpacked(f.storage) for f in fields])
    v.push_val(_new(x))


def r_struct_new_default(v: Any, instr: Instr) -> None:
    x = instr[1]
    _defaultable_struct(v.ctx, x)
    _no_descriptor(v.ctx, x)
    v.push_val(_new(x))


def r_struct_get(v: Any, instr: Instr) -> None:
    x, i = instr[1], instr[2]
    ft = _field(v.ctx, x, i)
    _check_packed(ft.storage, _name(instr), "field")
    v.pop_expect(_ref(x))
    v.push_val(unpacked(ft.storage))


def r_struct_set(v: Any, instr: Instr) -> None:
    x, i = instr[1], instr[2]
    ft = _field(v.ctx, x, i)
    _need_mutable(ft, "field")
    v.pop_expect(unpacked(ft.storage))
    v.pop_expect(_ref(x))


def r_array_new(v: Any, instr: Instr) -> None:
    x = instr[1]
    ft = _array_field(v.ctx, x)
    v.pop_expect(I32)
    v.pop_expect(unpacked(ft.storage))
    v.push_val(_new(x))


def r_array_new_default(v: Any, instr: Instr) -> None:
    x = instr[1]
    ft = _array_field(v.ctx, x)
    if not _validate.defaultable(unpacked(ft.storage)):
        raise InvalidError("array type is not defaultable")
    v.pop_expect(I32)
    v.push_val(_new(x))


def r_array_new_fixed(v: Any, instr: Instr) -> None:
    """``array.new_fixed x n``: n operands of the element type.  At most as
    many are popped as the stack holds (plus one, to report the underflow):
    in unreachable code the rest are the spec's bottom type, so a huge ``n``
    costs no time."""
    x, n = instr[1], instr[2]
    t = unpacked(_array_field(v.ctx, x).storage)
    frame = v.ctrls[-1]
    for _ in range(min(n, len(v.vals) - frame.height + 1)):
        v.pop_expect(t)
    v.push_val(_new(x))


def r_array_new_data(v: Any, instr: Instr) -> None:
    x, y = instr[1], instr[2]
    ft = _array_field(v.ctx, x)
    _check_data(v.ctx, y)
    _numeric_or_vector(ft)
    v.pop_vals((I32, I32))
    v.push_val(_new(x))


def r_array_new_elem(v: Any, instr: Instr) -> None:
    x, y = instr[1], instr[2]
    ft = _array_field(v.ctx, x)
    _elem_matches(v.ctx, y, ft)
    v.pop_vals((I32, I32))
    v.push_val(_new(x))


def r_array_get(v: Any, instr: Instr) -> None:
    x = instr[1]
    ft = _array_field(v.ctx, x)
    _check_packed(ft.storage, _name(instr), "array")
    v.pop_expect(I32)
    v.pop_expect(_ref(x))
    v.push_val(unpacked(ft.storage))


def r_array_set(v: Any, instr: Instr) -> None:
    x = instr[1]
    ft = _array_field(v.ctx, x)
    _need_mutable(ft, "array")
    v.pop_vals((_ref(x), I32, unpacked(ft.storage)))


def r_array_len(v: Any, instr: Instr) -> None:
    v.pop_expect(_ARRAYREF)
    v.push_val(I32)


def r_array_fill(v: Any, instr: Instr) -> None:
    x = instr[1]
    ft = _array_field(v.ctx, x)
    _need_mutable(ft, "array")
    v.pop_vals((_ref(x), I32, unpacked(ft.storage), I32))


def r_array_copy(v: Any, instr: Instr) -> None:
    """``array.copy x y``: the destination mutable, the source's storage type
    matching the destination's (3.0 spec 3.3.6)."""
    x, y = instr[1], instr[2]
    fd = _array_field(v.ctx, x)
    fs = _array_field(v.ctx, y)
    _need_mutable(fd, "array")
    if not _match_storage(fs.storage, fd.storage, v.ctx.deftypes):
        raise InvalidError("array types do not match")
    v.pop_vals((_ref(x), I32, _ref(y), I32, I32))


def r_array_init_data(v: Any, instr: Instr) -> None:
    x, y = instr[1], instr[2]
    ft = _array_field(v.ctx, x)
    _need_mutable(ft, "array")
    _check_data(v.ctx, y)
    _numeric_or_vector(ft)
    v.pop_vals((_ref(x), I32, I32, I32))


def r_array_init_elem(v: Any, instr: Instr) -> None:
    x, y = instr[1], instr[2]
    ft = _array_field(v.ctx, x)
    _need_mutable(ft, "array")
    _elem_matches(v.ctx, y, ft)
    v.pop_vals((_ref(x), I32, I32, I32))


_ARRAYREF = RefType(True, ARRAY)


def _name(instr: Instr) -> str:
    return GC_OPCODES[instr[0]].name


_RULES = {
    "struct.new": r_struct_new,
    "struct.new_default": r_struct_new_default,
    "struct.get": r_struct_get,
    "struct.get_s": r_struct_get,
    "struct.get_u": r_struct_get,
    "struct.set": r_struct_set,
    "array.new": r_array_new,
    "array.new_default": r_array_new_default,
    "array.new_fixed": r_array_new_fixed,
    "array.new_data": r_array_new_data,
    "array.new_elem": r_array_new_elem,
    "array.get": r_array_get,
    "array.get_s": r_array_get,
    "array.get_u": r_array_get,
    "array.set": r_array_set,
    "array.len": r_array_len,
    "array.fill": r_array_fill,
    "array.copy": r_array_copy,
    "array.init_data": r_array_init_data,
    "array.init_elem": r_array_init_elem,
}


# -- code generation ---------------------------------------------------------------------
#
# Allocation, reads of mutable fields and everything that traps are assigned
# to their stack slot at once (assign_results / emit), so that effects happen
# in wasm order; only the immediates' types are resolved at compile time
# (``FT<x>``, the instance's canonical defined type of type index x).


def _storage_of(c: Any, x: int, i: int | None = None) -> object:
    comp = c.types[x].comp
    return comp.fields[i].storage if i is not None else comp.field.storage


def _wrap(storage: object, expr: str) -> str:
    """A value written to a packed field: wrapped to its width (spec 4.2.9 "pack")."""
    mask = _MASKS.get(storage)  # type: ignore[call-overload]
    return f"({expr}) & {mask:#x}" if mask is not None else expr


def _default_src(c: Any, storage: object) -> str:
    v = field_default(storage)
    return c.const_name(v) if isinstance(v, float) else repr(v)


def fields_src(fields: Sequence[FieldType], args: Sequence[Any]) -> str:
    """The field values of a struct allocation from its operands, as source
    (``struct.new``, and ``struct.new_desc`` of :mod:`interp.descriptors`)."""
    return ", ".join(_wrap(f.storage, a.expr) for f, a in zip(fields, args, strict=True))


def defaults_src(c: Any, fields: Sequence[FieldType]) -> str:
    """The default field values of a struct, as source (``struct.new_default``,
    ``struct.new_default_desc``)."""
    return ", ".join(_default_src(c, f.storage) for f in fields)


def h_struct_new(c: Any, ins: tuple, i: int, dead: bool) -> bool:
    x = ins[1]
    fields = c.types[x].comp.fields
    vals = fields_src(fields, c.popn(len(fields)))
    c.assign_results(1, f"StructRef(FT{x}, [{vals}])")
    return False


def h_struct_new_default(c: Any, ins: tuple, i: int, dead: bool) -> bool:
    x = ins[1]
    vals = defaults_src(c, c.types[x].comp.fields)
    c.assign_results(1, f"StructRef(FT{x}, [{vals}])")
    return False


def _getter(name: str, storage: object, base: str) -> str:
    if name.endswith("_s"):
        return f"{base}_s8" if storage is I8 else f"{base}_s16"
    return base


def h_struct_get(c: Any, ins: tuple, i: int, dead: bool) -> bool:
    x, f = ins[1], ins[2]
    fn = _getter(_name(ins), _storage_of(c, x, f), "gc_sget")
    c.assign_results(1, f"{fn}({c.pop().expr}, {f})")
    return False


def h_struct_set(c: Any, ins: tuple, i: int, dead: bool) -> bool:
    x, f = ins[1], ins[2]
    val = c.pop()
    ref = c.pop()
    c.emit(f"gc_sset({ref.expr}, {f}, {_wrap(_storage_of(c, x, f), val.expr)})")
    return False


def h_array_new(c: Any, ins: tuple, i: int, dead: bool) -> bool:
    x = ins[1]
    n = c.pop()
    val = c.pop()
    c.assign_results(1, f"gc_anew(FT{x}, {_wrap(_storage_of(c, x), val.expr)}, {n.expr})")
    return False


def h_array_new_default(c: Any, ins: tuple, i: int, dead: bool) -> bool:
    x = ins[1]
    n = c.pop()
    c.assign_results(1, f"gc_anew(FT{x}, {_default_src(c, _storage_of(c, x))}, {n.expr})")
    return False


def h_array_new_fixed(c: Any, ins: tuple, i: int, dead: bool) -> bool:
    x, n = ins[1], ins[2]
    storage = _storage_of(c, x)
    vals = ", ".join(_wrap(storage, a.expr) for a in c.popn(n))
    c.assign_results(1, f"ArrayRef(FT{x}, [{vals}])")
    return False


def h_array_new_data(c: Any, ins: tuple, i: int, dead: bool) -> bool:
    s, n = c.popn(2)
    c.assign_results(1, f"gc_anew_data(INST, FT{ins[1]}, {ins[2]}, {s.expr}, {n.expr})")
    return False


def h_array_new_elem(c: Any, ins: tuple, i: int, dead: bool) -> bool:
    s, n = c.popn(2)
    c.assign_results(1, f"gc_anew_elem(INST, FT{ins[1]}, {ins[2]}, {s.expr}, {n.expr})")
    return False


def h_array_get(c: Any, ins: tuple, i: int, dead: bool) -> bool:
    fn = _getter(_name(ins), _storage_of(c, ins[1]), "gc_aget")
    a, idx = c.popn(2)
    c.assign_results(1, f"{fn}({a.expr}, {idx.expr})")
    return False


def h_array_set(c: Any, ins: tuple, i: int, dead: bool) -> bool:
    a, idx, val = c.popn(3)
    c.emit(f"gc_aset({a.expr}, {idx.expr}, {_wrap(_storage_of(c, ins[1]), val.expr)})")
    return False


def h_array_len(c: Any, ins: tuple, i: int, dead: bool) -> bool:
    c.assign_results(1, f"gc_alen({c.pop().expr})")
    return False


def h_array_fill(c: Any, ins: tuple, i: int, dead: bool) -> bool:
    a, d, val, n = c.popn(4)
    v = _wrap(_storage_of(c, ins[1]), val.expr)
    c.emit(f"gc_afill({a.expr}, {d.expr}, {v}, {n.expr})")
    return False


def h_array_copy(c: Any, ins: tuple, i: int, dead: bool) -> bool:
    d, di, s, si, n = c.popn(5)
    c.emit(f"gc_acopy({d.expr}, {di.expr}, {s.expr}, {si.expr}, {n.expr})")
    return False


def h_array_init_data(c: Any, ins: tuple, i: int, dead: bool) -> bool:
    a, d, s, n = c.popn(4)
    x, y = ins[1], ins[2]
    c.emit(f"gc_ainit_data(INST, FT{x}, {a.expr}, {y}, {d.expr}, {s.expr}, {n.expr})")
    return False


def h_array_init_elem(c: Any, ins: tuple, i: int, dead: bool) -> bool:
    a, d, s, n = c.popn(4)
    c.emit(f"gc_ainit_elem(INST, {a.expr}, {ins[2]}, {d.expr}, {s.expr}, {n.expr})")
    return False


_HANDLERS = {
    "struct.new": h_struct_new,
    "struct.new_default": h_struct_new_default,
    "struct.get": h_struct_get,
    "struct.get_s": h_struct_get,
    "struct.get_u": h_struct_get,
    "struct.set": h_struct_set,
    "array.new": h_array_new,
    "array.new_default": h_array_new_default,
    "array.new_fixed": h_array_new_fixed,
    "array.new_data": h_array_new_data,
    "array.new_elem": h_array_new_elem,
    "array.get": h_array_get,
    "array.get_s": h_array_get,
    "array.get_u": h_array_get,
    "array.set": h_array_set,
    "array.len": h_array_len,
    "array.fill": h_array_fill,
    "array.copy": h_array_copy,
    "array.init_data": h_array_init_data,
    "array.init_elem": h_array_init_elem,
}


# -- constant expressions (3.0 spec 3.3.11, 4.4.10) -----------------------------------------


def _pack(storage: object, v: Any) -> Any:
    mask = _MASKS.get(storage)  # type: ignore[call-overload]
    return v & mask if mask is not None else v


def _take(stack: list[Any], n: int) -> list[Any]:
    """Pop the top ``n`` values of a constant expression's stack, in order."""
    args = stack[len(stack) - n :] if n else []
    del stack[len(stack) - n :]
    return args


def pop_fields(stack: list[Any], fields: Sequence[FieldType]) -> list[Any]:
    """A constant struct allocation's field values, popped and packed
    (``struct.new``, and ``struct.new_desc`` of :mod:`interp.descriptors`)."""
    args = _take(stack, len(fields))
    return [_pack(f.storage, a) for f, a in zip(fields, args, strict=True)]


def _c_struct_new(inst: Any, instr: Instr, stack: list[Any]) -> None:
    t = inst.types[instr[1]]
    stack.append(StructRef(t, pop_fields(stack, t.comp.fields)))


def _c_struct_new_default(inst: Any, instr: Instr, stack: list[Any]) -> None:
    t = inst.types[instr[1]]
    stack.append(StructRef(t, [field_default(f.storage) for f in t.comp.fields]))


def _c_array_new(inst: Any, instr: Instr, stack: list[Any]) -> None:
    t = inst.types[instr[1]]
    n = stack.pop()
    stack.append(gc_anew(t, _pack(t.comp.field.storage, stack.pop()), n))


def _c_array_new_default(inst: Any, instr: Instr, stack: list[Any]) -> None:
    t = inst.types[instr[1]]
    stack.append(gc_anew(t, field_default(t.comp.field.storage), stack.pop()))


def _c_array_new_fixed(inst: Any, instr: Instr, stack: list[Any]) -> None:
    t = inst.types[instr[1]]
    args = _take(stack, instr[2])
    storage = t.comp.field.storage
    stack.append(ArrayRef(t, [_pack(storage, a) for a in args]))


_CONST = {
    "struct.new": _c_struct_new,
    "struct.new_default": _c_struct_new_default,
    "array.new": _c_array_new,
    "array.new_default": _c_array_new_default,
    "array.new_fixed": _c_array_new_fixed,
}


# -- the family -----------------------------------------------------------------------------

FAMILY = Family(
    "gc",
    GC_OPCODES,
    immediates={
        kind: binary._imm_idx2
        for kind in ("field", "type_fixed", "type_data", "type_elem", "type_type")
    },
    rules=_RULES,
    handlers=_HANDLERS,
    namespace={
        "StructRef": StructRef,
        "ArrayRef": ArrayRef,
        "gc_sget": gc_sget,
        "gc_sget_s8": gc_sget_s8,
        "gc_sget_s16": gc_sget_s16,
        "gc_sset": gc_sset,
        "gc_anew": gc_anew,
        "gc_anew_data": gc_anew_data,
        "gc_anew_elem": gc_anew_elem,
        "gc_aget": gc_aget,
        "gc_aget_s8": gc_aget_s8,
        "gc_aget_s16": gc_aget_s16,
        "gc_aset": gc_aset,
        "gc_alen": gc_alen,
        "gc_afill": gc_afill,
        "gc_acopy": gc_acopy,
        "gc_ainit_data": gc_ainit_data,
        "gc_ainit_elem": gc_ainit_elem,
    },
    data_instrs=frozenset({"array.new_data", "array.init_data"}),
    const_evaluators=_CONST,
)
"""GC heap objects as data for :mod:`interp.families`."""
