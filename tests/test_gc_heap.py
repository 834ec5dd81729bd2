"""GC heap objects (interp.gc): struct and array objects, every struct.*/array.*
instruction in both compile modes, constant expressions, the embedding API,
and the validation and trap wording of the reference interpreter."""

from __future__ import annotations

import math
import re
import struct
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import interp
from interp import gc
from interp.numerics import f32_from_bits, f64_from_bits
from interp.runtime import type_of_ref
from interp.text import parse_module
from interp.text.run import run_script
from interp.text.script import parse_script
from interp.types import Exact

SUITE = Path(__file__).resolve().parent.parent.parent / "shared" / "wasm-testsuite"


def load(text: str, store: interp.Store | None = None) -> interp.Instance:
    module = interp.decode_module(parse_module(text))
    interp.validate_module(module)
    return interp.instantiate(store or interp.Store(), module)


# -- the objects ------------------------------------------------------------------------


def test_objects_are_slotted_and_carry_their_defined_type() -> None:
    inst = load("(module (type $s (struct (field i32))) (type $a (array i8)))")
    s = gc.StructRef(inst.types[0], [1])
    a = gc.ArrayRef(inst.types[1], [1, 2])
    for obj in (s, a):
        assert not hasattr(obj, "__dict__")
        with pytest.raises(AttributeError):
            obj.other = 1  # type: ignore[union-attr]
    # a value's own type is exact (custom descriptors, "Exact Types")
    assert type_of_ref(s).heap is Exact(inst.types[0]) and not type_of_ref(s).nullable
    assert type_of_ref(a).heap is Exact(inst.types[1])
    assert "struct" in repr(s) and "length 2" in repr(a)


def test_default_values() -> None:
    from interp.types import F32, F64, I8, I16, I32, I64, V128, RefType

    assert [gc.field_default(t) for t in (I8, I16, I32, I64, V128)] == [0] * 5
    assert gc.field_default(F32) == 0.0 and gc.field_default(F64) == 0.0
    assert math.copysign(1, gc.field_default(F64)) == 1  # +0.0
    assert gc.field_default(RefType(True, "any")) is None  # type: ignore[arg-type]


# -- structs -----------------------------------------------------------------------------

STRUCTS = """
(module
  (type $p (struct (field $a (mut i8)) (field $b (mut i16)) (field $c i32)))
  (type $f (struct (field $x (mut f32)) (field $y (mut f64))))
  (type $r (struct (field $o (mut (ref null $p)))))
  (func (export "packed") (param i32 i32) (result i32 i32 i32 i32 i32)
    (local $s (ref null $p))
    (local.set $s (struct.new $p (local.get 0) (local.get 1) (i32.const 7)))
    (struct.get_u $p $a (local.get $s))
    (struct.get_s $p $a (local.get $s))
    (struct.get_u $p $b (local.get $s))
    (struct.get_s $p $b (local.get $s))
    (struct.get $p $c (local.get $s)))
  (func (export "packed_set") (param i32) (result i32 i32)
    (local $s (ref null $p))
    (local.set $s (struct.new_default $p))
    (struct.set $p $a (local.get $s) (local.get 0))
    (struct.get_u $p $a (local.get $s))
    (struct.get_s $p $a (local.get $s)))
  (func (export "float_bits") (param i32 i64) (result i32 i64)
    (local $s (ref null $f))
    (local.set $s (struct.new $f (f32.reinterpret_i32 (local.get 0))
                                 (f64.reinterpret_i64 (local.get 1))))
    (i32.reinterpret_f32 (struct.get $f $x (local.get $s)))
    (i64.reinterpret_f64 (struct.get $f $y (local.get $s))))
  (func (export "float_set_bits") (param i32 i64) (result i32 i64)
    (local $s (ref null $f))
    (local.set $s (struct.new_default $f))
    (struct.set $f $x (local.get $s) (f32.reinterpret_i32 (local.get 0)))
    (struct.set $f $y (local.get $s) (f64.reinterpret_i64 (local.get 1)))
    (i32.reinterpret_f32 (struct.get $f $x (local.get $s)))
    (i64.reinterpret_f64 (struct.get $f $y (local.get $s))))
  (func (export "defaults") (result f32 f64 i32)
    (struct.get $f $x (struct.new_default $f))
    (struct.get $f $y (struct.new_default $f))
    (ref.is_null (struct.get $r $o (struct.new_default $r))))
  (func (export "make") (param i32) (result (ref $p))
    (struct.new $p (local.get 0) (local.get 0) (local.get 0)))
  (func (export "read") (param (ref null $p)) (result i32)
    (struct.get $p $c (local.get 0)))
  (func (export "same") (param (ref null $p)) (result (ref null $p)) (local.get 0))
  (func (export "eq") (param eqref eqref) (result i32) (ref.eq (local.get 0) (local.get 1)))
  (func (export "null_get") (result i32) (struct.get $p $c (ref.null $p)))
  (func (export "null_set") (struct.set $p $a (ref.null $p) (i32.const 1)))
  (func (export "is_p") (param anyref) (result i32) (ref.test (ref $p) (local.get 0)))
  (func (export "cast_f") (param anyref) (result i32)
    (drop (ref.cast (ref $f) (local.get 0))) (i32.const 1))
)
"""


def test_packed_struct_fields(mode: str) -> None:
    inst = load(STRUCTS)
    # i8 holds 0x1FF as 0xFF; i16 holds 0x18000 as 0x8000 (spec 4.2.9 "pack")
    assert inst.invoke("packed", 0x1FF, 0x18000) == [0xFF, -1, 0x8000, -0x8000, 7]
    assert inst.invoke("packed", 0x7F, 0x7FFF) == [0x7F, 0x7F, 0x7FFF, 0x7FFF, 7]
    assert inst.invoke("packed", 0x80, -1) == [0x80, -0x80, 0xFFFF, -1, 7]
    assert inst.invoke("packed_set", 0x12345680) == [0x80, -0x80]


@pytest.mark.parametrize(
    ("f32_bits", "f64_bits"),
    [
        (0x7FA00001, 0x7FF0000000000001),  # signalling NaNs with payloads
        (0xFFC00000, 0xFFF8000000000000),  # negative canonical NaNs
        (0x80000000, 0x8000000000000000),  # -0.0
        (0x00000001, 0x0000000000000001),  # subnormals
    ],
)
def test_float_fields_keep_their_bits(mode: str, f32_bits: int, f64_bits: int) -> None:
    inst = load(STRUCTS)
    assert inst.invoke("float_bits", f32_bits, f64_bits, bits=True) == [f32_bits, f64_bits]
    assert inst.invoke("float_set_bits", f32_bits, f64_bits, bits=True) == [f32_bits, f64_bits]


def test_struct_defaults(mode: str) -> None:
    inst = load(STRUCTS)
    assert inst.invoke("defaults", bits=True) == [0, 0, 1]


def test_struct_traps(mode: str) -> None:
    inst = load(STRUCTS)
    with pytest.raises(interp.Trap, match=r"^null structure reference$"):
        inst.invoke("null_get")
    with pytest.raises(interp.Trap, match=r"^null structure reference$") as info:
        inst.invoke("null_set")
    assert info.value.code is interp.errors.TrapCode.NULL_STRUCTURE_REFERENCE
    with pytest.raises(interp.Trap, match=r"^cast failure"):
        inst.invoke("cast_f", inst.invoke("make", 1)[0])


def test_structs_cross_the_api(mode: str) -> None:
    inst = load(STRUCTS)
    (s,) = inst.invoke("make", 0x1FF)
    assert isinstance(s, gc.StructRef)
    assert s.type is inst.types[0]
    assert s.fields == [0xFF, 0x1FF, 0x1FF]  # internal values: packed ones wrapped
    assert inst.invoke("read", s) == [0x1FF]
    assert inst.invoke("same", s)[0] is s  # identity survives the round trip
    (t,) = inst.invoke("make", 0x1FF)
    assert inst.invoke("eq", s, s) == [1] and inst.invoke("eq", s, t) == [0]
    assert inst.invoke("is_p", s) == [1]
    assert inst.invoke("is_p", interp.runtime.HostAnyRef(1)) == [0]
    # a struct of the wrong type is refused at the boundary, not inside the code
    with pytest.raises(interp.Trap, match=r"^wrong types of arguments"):
        inst.invoke("read", interp.runtime.I31Ref(3))
    other = load(STRUCTS.replace("(field $a (mut i8))", "(field $a (mut i16))"))
    with pytest.raises(interp.Trap, match=r"^wrong types of arguments"):
        other.invoke("read", s)


def test_struct_types_are_canonical_across_modules() -> None:
    a, b = load(STRUCTS), load(STRUCTS)
    (s,) = a.invoke("make", 5)
    assert b.invoke("read", s) == [5]  # the same recursion group: the same type
    assert b.invoke("is_p", s) == [1]


# -- arrays --------------------------------------------------------------------------------

ARRAYS = """
(module
  (type $b (array (mut i8)))
  (type $h (array (mut i16)))
  (type $i (array (mut i32)))
  (type $f (array (mut f32)))
  (type $d (array (mut f64)))
  (type $r (array (mut funcref)))
  (data $bytes "\\01\\80\\ff\\7f\\00\\c0\\a0\\7f")
  (elem $fs func $f0 $f1)
  (func $f0) (func $f1)
  (func (export "packed") (param i32) (result i32 i32 i32 i32)
    (local $a (ref null $b)) (local $w (ref null $h))
    (local.set $a (array.new $b (local.get 0) (i32.const 3)))
    (local.set $w (array.new_fixed $h 2 (local.get 0) (i32.const 0x18001)))
    (array.get_u $b (local.get $a) (i32.const 2))
    (array.get_s $b (local.get $a) (i32.const 2))
    (array.get_s $h (local.get $w) (i32.const 0))
    (array.get_u $h (local.get $w) (i32.const 1)))
  (func (export "packed_set") (param i32) (result i32 i32)
    (local $a (ref null $b))
    (local.set $a (array.new_default $b (i32.const 1)))
    (array.set $b (local.get $a) (i32.const 0) (local.get 0))
    (array.get_u $b (local.get $a) (i32.const 0))
    (array.get_s $b (local.get $a) (i32.const 0)))
  (func (export "from_data") (result i32 i32 i32 i32)
    (local $a (ref null $b)) (local $w (ref null $h))
    (local.set $a (array.new_data $b $bytes (i32.const 1) (i32.const 2)))
    (local.set $w (array.new_data $h $bytes (i32.const 0) (i32.const 4)))
    (array.get_s $b (local.get $a) (i32.const 0))
    (array.get_u $b (local.get $a) (i32.const 1))
    (array.get_u $h (local.get $w) (i32.const 0))
    (array.len (local.get $w)))
  (func (export "f32_from_data") (result i32)
    (i32.reinterpret_f32
      (array.get $f (array.new_data $f $bytes (i32.const 4) (i32.const 1)) (i32.const 0))))
  (func (export "f64_from_data") (result i64)
    (i64.reinterpret_f64
      (array.get $d (array.new_data $d $bytes (i32.const 0) (i32.const 1)) (i32.const 0))))
  (func (export "float_bits") (param i32) (result i32)
    (local $a (ref null $f))
    (local.set $a (array.new $f (f32.reinterpret_i32 (local.get 0)) (i32.const 4)))
    (array.fill $f (local.get $a) (i32.const 1) (f32.reinterpret_i32 (local.get 0)) (i32.const 2))
    (array.copy $f $f (local.get $a) (i32.const 0) (local.get $a) (i32.const 1) (i32.const 3))
    (i32.reinterpret_f32 (array.get $f (local.get $a) (i32.const 2))))
  (func $iota (param $n i32) (result (ref $i))
    (local $a (ref null $i)) (local $k i32)
    (local.set $a (array.new_default $i (local.get $n)))
    (block $done (loop $next
      (br_if $done (i32.ge_u (local.get $k) (local.get $n)))
      (array.set $i (local.get $a) (local.get $k) (local.get $k))
      (local.set $k (i32.add (local.get $k) (i32.const 1)))
      (br $next)))
    (ref.as_non_null (local.get $a)))
  (func (export "copy") (param $d i32) (param $s i32) (param $n i32) (result (ref $i))
    (local $a (ref null $i))
    (local.set $a (call $iota (i32.const 10)))
    (array.copy $i $i (local.get $a) (local.get $d) (local.get $a) (local.get $s) (local.get $n))
    (ref.as_non_null (local.get $a)))
  (func (export "fill") (param i32 i32 i32) (result (ref $i))
    (local $a (ref null $i))
    (local.set $a (call $iota (i32.const 5)))
    (array.fill $i (local.get $a) (local.get 0) (local.get 1) (local.get 2))
    (ref.as_non_null (local.get $a)))
  (func (export "init_data") (param i32 i32 i32) (result (ref $b))
    (local $a (ref null $b))
    (local.set $a (array.new_default $b (i32.const 4)))
    (array.init_data $b $bytes (local.get $a) (local.get 0) (local.get 1) (local.get 2))
    (ref.as_non_null (local.get $a)))
  (func (export "new_elem") (param i32 i32) (result (ref $r))
    (array.new_elem $r $fs (local.get 0) (local.get 1)))
  (func (export "init_elem") (param i32 i32 i32) (result (ref $r))
    (local $a (ref null $r))
    (local.set $a (array.new_default $r (i32.const 3)))
    (array.init_elem $r $fs (local.get $a) (local.get 0) (local.get 1) (local.get 2))
    (ref.as_non_null (local.get $a)))
  (func (export "drop_data") (data.drop $bytes))
  (func (export "new") (param i32) (result (ref $i)) (array.new_default $i (local.get 0)))
  (func (export "get") (param (ref null $i) i32) (result i32)
    (array.get $i (local.get 0) (local.get 1)))
  (func (export "len") (param arrayref) (result i32) (array.len (local.get 0)))
)
"""


def test_packed_array_elements(mode: str) -> None:
    inst = load(ARRAYS)
    assert inst.invoke("packed", 0x1FE) == [0xFE, -2, 0x1FE, 0x8001]
    assert inst.invoke("packed", 0xFFFE) == [0xFE, -2, -2, 0x8001]
    assert inst.invoke("packed_set", 0x17F) == [0x7F, 0x7F]


def test_arrays_from_data(mode: str) -> None:
    inst = load(ARRAYS)
    # bytes 01 80 ff 7f 00 c0 a0 7f, little endian
    assert inst.invoke("from_data") == [-128, 0xFF, 0x8001, 4]
    assert inst.invoke("f32_from_data", bits=True) == [0x7FA0C000]  # a signalling NaN, exact
    assert inst.invoke("f64_from_data", bits=True) == [0x7FA0C0007FFF8001]


def test_float_elements_keep_their_bits(mode: str) -> None:
    inst = load(ARRAYS)
    for bits in (0x7FA00001, 0xFF800001, 0x80000000):
        assert inst.invoke("float_bits", bits, bits=True) == [bits]


@pytest.mark.parametrize(
    ("d", "s", "n", "expect"),
    [
        (2, 0, 5, [0, 1, 0, 1, 2, 3, 4, 7, 8, 9]),  # forwards overlap: read before written
        (0, 2, 5, [2, 3, 4, 5, 6, 5, 6, 7, 8, 9]),  # backwards overlap
        (3, 3, 4, list(range(10))),
        (0, 0, 0, list(range(10))),
        (10, 10, 0, list(range(10))),  # empty at the end: in bounds
    ],
)
def test_array_copy_overlapping(mode: str, d: int, s: int, n: int, expect: list[int]) -> None:
    inst = load(ARRAYS)
    (a,) = inst.invoke("copy", d, s, n)
    assert isinstance(a, gc.ArrayRef) and a.elems == expect


def test_fill_init_and_elem_segments(mode: str) -> None:
    inst = load(ARRAYS)
    assert inst.invoke("fill", 1, 9, 3)[0].elems == [0, 9, 9, 9, 4]
    assert inst.invoke("init_data", 1, 5, 3)[0].elems == [0, 0xC0, 0xA0, 0x7F]
    fs = inst.invoke("new_elem", 0, 2)[0].elems
    assert fs == [inst.funcs[0], inst.funcs[1]]
    assert inst.invoke("init_elem", 2, 1, 1)[0].elems == [None, None, inst.funcs[1]]


def test_array_traps(mode: str) -> None:
    inst = load(ARRAYS)
    oob = r"^out of bounds array access$"
    with pytest.raises(interp.Trap, match=oob):
        inst.invoke("copy", 6, 0, 5)
    with pytest.raises(interp.Trap, match=oob):
        inst.invoke("copy", 0, 0xFFFFFFFF, 2)  # no wrap-around of the unsigned index
    with pytest.raises(interp.Trap, match=oob):
        inst.invoke("fill", 5, 0, 1)
    with pytest.raises(interp.Trap, match=oob):
        inst.invoke("init_data", 2, 0, 3)  # array bounds first (reference order)
    with pytest.raises(interp.Trap, match=r"^out of bounds memory access$"):
        inst.invoke("init_data", 0, 6, 3)
    with pytest.raises(interp.Trap, match=r"^out of bounds table access$"):
        inst.invoke("new_elem", 1, 2)
    with pytest.raises(interp.Trap, match=r"^out of bounds table access$"):
        inst.invoke("init_elem", 0, 1, 2)
    (a,) = inst.invoke("new", 3)
    with pytest.raises(interp.Trap, match=oob):
        inst.invoke("get", a, 3)
    with pytest.raises(interp.Trap, match=r"^null array reference$"):
        inst.invoke("get", None, 0)
    with pytest.raises(interp.Trap, match=r"^null array reference$"):
        inst.invoke("len", None)
    assert inst.invoke("len", a) == [3]
    inst.invoke("drop_data")
    with pytest.raises(interp.Trap, match=r"^out of bounds memory access$"):
        inst.invoke("from_data")  # a dropped segment has length 0
    assert inst.invoke("init_data", 0, 0, 0)[0].elems == [0] * 4  # n = 0 stays in bounds


def test_huge_array_is_an_exhaustion_not_a_memory_error(mode: str) -> None:
    inst = load(ARRAYS)
    with pytest.raises(interp.Exhaustion, match="resource limit exceeded"):
        inst.invoke("new", 0xFFFFFFFF)


# -- constant expressions ------------------------------------------------------------------

CONSTS = """
(module
  (type $p (struct (field i8) (field (mut f64)) (field (ref null $p))))
  (type $a (array (mut i16)))
  (global $s (ref $p) (struct.new $p (i32.const 0x1FF) (f64.const -0) (ref.null $p)))
  (global $t (ref $p) (struct.new $p (i32.const 1) (f64.const 2) (global.get $s)))
  (global $d (ref $p) (struct.new_default $p))
  (global $f (ref $a) (array.new_fixed $a 3 (i32.const 1) (i32.const 0x10002) (i32.const 3)))
  (global $n (ref $a) (array.new $a (i32.const -1) (i32.const 2)))
  (global $z (ref $a) (array.new_default $a (i32.const 4)))
  (table $tab 2 (ref null $p) (struct.new_default $p))
  (func (export "s") (result i32 i32) (struct.get_s $p 0 (global.get $s))
    (struct.get_u $p 0 (struct.get $p 2 (global.get $t))))
  (func (export "globals") (result (ref $p) (ref $p) (ref $p) (ref $a) (ref $a) (ref $a))
    (global.get $s) (global.get $t) (global.get $d) (global.get $f) (global.get $n)
    (global.get $z))
  (func (export "table") (result i32)
    (ref.eq (table.get $tab (i32.const 0)) (table.get $tab (i32.const 1))))
)
"""


def test_constant_expressions() -> None:
    inst = load(CONSTS)
    assert inst.invoke("s") == [-1, 0xFF]
    s, t, d, f, n, z = inst.invoke("globals")
    assert s.fields[0] == 0xFF and math.copysign(1, s.fields[1]) == -1 and s.fields[2] is None
    assert t.fields[2] is s  # global.get of a struct: the same object
    assert d.fields == [0, 0.0, None]
    assert f.elems == [1, 2, 3] and n.elems == [0xFFFF, 0xFFFF] and z.elems == [0] * 4
    assert inst.invoke("table") == [1]  # one initializer value fills the table


def test_element_segment_of_arrays() -> None:
    src = """
    (module
      (type $a (array (mut i16)))
      (type $aa (array (ref null $a)))
      (elem $e (ref $a) (array.new_fixed $a 0) (item (array.new_default $a (i32.const 2))))
      (func (export "lens") (result i32 i32)
        (local $x (ref null $aa))
        (local.set $x (array.new_elem $aa $e (i32.const 0) (i32.const 2)))
        (array.len (array.get $aa (local.get $x) (i32.const 0)))
        (array.len (array.get $aa (local.get $x) (i32.const 1)))))
    """
    assert load(src).invoke("lens") == [0, 2]


# -- validation ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ("(struct.set $s 0 (ref.null $s) (i32.const 0))", "immutable field"),
        ("(drop (struct.get $p 0 (ref.null $p)))", "field is packed"),
        ("(drop (struct.get_s $s 0 (ref.null $s)))", "field is unpacked"),
        ("(drop (struct.get $s 1 (ref.null $s)))", "unknown field 1"),
        ("(drop (struct.new $a (i32.const 0)))", "non-structure type 2"),
        ("(drop (array.new_default $s (i32.const 0)))", "non-array type 0"),
        ("(drop (struct.new_default $n))", "field type is not defaultable"),
        ("(drop (array.new_default $an (i32.const 1)))", "array type is not defaultable"),
        ("(array.set $a (ref.null $a) (i32.const 0) (i32.const 0))", "immutable array"),
        ("(drop (array.get $b (ref.null $b) (i32.const 0)))", "array is packed"),
        (
            "(array.copy $m $a (ref.null $m) (i32.const 0) (ref.null $a) (i32.const 0)"
            " (i32.const 0))",
            "array types do not match",
        ),
        ("(drop (array.new_data $an 0 (i32.const 0) (i32.const 0)))", "array type is not numeric"),
        ("(drop (array.new_elem $m 0 (i32.const 0) (i32.const 0)))", "type mismatch: element"),
        ("(drop (array.new_data $b 1 (i32.const 0) (i32.const 0)))", "unknown data segment 1"),
        ("(drop (struct.new $s))", "type mismatch"),
    ],
)
def test_validation_messages(body: str, message: str) -> None:
    src = f"""
    (module
      (type $s (struct (field i32)))
      (type $p (struct (field (mut i8))))
      (type $a (array i32))
      (type $b (array (mut i8)))
      (type $m (array (mut i64)))
      (type $n (struct (field (ref $s))))
      (type $an (array (mut (ref $s))))
      (data "")
      (elem funcref)
      (func {body}))
    """
    module = interp.decode_module(parse_module(src))
    with pytest.raises(interp.InvalidError, match=message):
        interp.validate_module(module)


def test_array_new_fixed_in_unreachable_code_is_cheap() -> None:
    # 0xFFFFFFFF operands of the bottom type: popped lazily, not one by one
    wasm = bytes.fromhex(
        "0061736d01000000"
        "010702600000"
        "5e7f00"  # type 0: [] -> [], type 1: (array i32)
        "03020100"
        "0a0e010c0000fb0801ffffffff0f1a0b"  # unreachable; array.new_fixed 1 0xFFFFFFFF; drop
    )
    interp.validate_module(interp.decode_module(wasm))


# -- the official scripts in flat mode ------------------------------------------------------


@pytest.mark.skipif(not SUITE.is_dir(), reason="official test suite not found")
@pytest.mark.parametrize(
    "name",
    ["struct.wast", "array.wast", "array_copy.wast", "array_fill.wast", "array_init_data.wast",
     "array_init_elem.wast", "array_new_data.wast", "array_new_elem.wast", "br_on_cast.wast"],
)  # fmt: skip
def test_scripts_in_flat_mode(name: str, flat_only: list[int]) -> None:
    out = run_script(parse_script((SUITE / name).read_bytes()), name)
    assert out.failed == 0 and out.passed > 10, out.messages
    assert flat_only  # the functions really compiled flat


def test_bits_helpers_agree() -> None:
    # the reader of array.new_data decodes like the memory loads
    raw = struct.pack("<f", 1.5) + struct.pack("<d", -2.25)
    assert gc._read_elements(raw, 0, 1, interp.types.F32) == [f32_from_bits(0x3FC00000)]
    assert gc._read_elements(raw, 4, 1, interp.types.F64) == [f64_from_bits(0xC002000000000000)]


def test_a_recursive_type_prints() -> None:
    """A struct type that refers to itself prints its structure once, then its
    label (printing it used to recurse without end: a cast failure's message,
    the CLI's result line)."""
    from interp.cli import format_value

    inst = load(
        "(module (type $l (struct (field i32) (field (ref null $l))))"
        ' (func (export "f") (result (ref $l)) (struct.new $l (i32.const 1) (ref.null $l)))'
        ' (func (export "g") (param anyref) (drop (ref.cast (ref $l) (local.get 0)))))'
    )
    t = inst.types[0]
    assert str(t) == f"(struct (field i32) (field (ref null {t.label})))"
    rt = inst.exports["f"].type.results[0]  # type: ignore[union-attr]
    assert format_value(rt, inst.invoke("f")[0]).startswith(f"(ref {t}):<struct")
    with pytest.raises(interp.Trap, match=re.escape(f"cast failure, expected (ref {t.label})")):
        inst.invoke("g", interp.runtime.HostAnyRef(0))


# -- properties ------------------------------------------------------------------------------

_PROPS: dict[str, interp.Instance] = {}


def _props() -> interp.Instance:
    if not _PROPS:
        _PROPS["inst"] = load(STRUCTS)
        _PROPS["arrays"] = load(ARRAYS)
    return _PROPS["inst"]


def _sext(v: int, bits: int) -> int:
    v &= (1 << bits) - 1
    return v - (1 << bits) if v >> (bits - 1) else v


@settings(max_examples=200, deadline=None)
@given(st.integers(0, 2**32 - 1), st.integers(0, 2**32 - 1))
def test_packed_fields_wrap_and_extend(a: int, b: int) -> None:
    """For every i32: an i8/i16 field holds its low bits; get_u zero-extends,
    get_s sign-extends them (spec 4.2.9 "pack", 4.4.6 "unpack")."""
    got = _props().invoke("packed", a, b)
    assert got == [a & 0xFF, _sext(a, 8), b & 0xFFFF, _sext(b, 16), 7]
    arrays = _PROPS["arrays"]
    assert arrays.invoke("packed_set", a) == [a & 0xFF, _sext(a, 8)]


@settings(max_examples=200, deadline=None)
@given(st.integers(0, 2**32 - 1), st.integers(0, 2**64 - 1))
def test_float_fields_keep_any_bits(f32_bits: int, f64_bits: int) -> None:
    inst = _props()
    assert inst.invoke("float_bits", f32_bits, f64_bits, bits=True) == [f32_bits, f64_bits]
    assert _PROPS["arrays"].invoke("float_bits", f32_bits, bits=True) == [f32_bits]


@settings(max_examples=100, deadline=None)
@given(st.integers(0, 12), st.integers(0, 12), st.integers(0, 12))
def test_array_copy_is_memmove(d: int, s: int, n: int) -> None:
    """array.copy within one array: as if through a temporary; out of bounds
    exactly when either range passes the end (length 10)."""
    _props()
    arrays = _PROPS["arrays"]
    if d + n > 10 or s + n > 10:
        with pytest.raises(interp.Trap, match="out of bounds array access"):
            arrays.invoke("copy", d, s, n)
        return
    want = list(range(10))
    want[d : d + n] = list(range(10))[s : s + n]
    assert arrays.invoke("copy", d, s, n)[0].elems == want


def test_host_functions_take_and_return_gc_objects(mode: str) -> None:
    src = """
    (module
      (type $p (struct (field (mut i32))))
      (import "host" "pass" (func $pass (param (ref null $p)) (result (ref null $p))))
      (func (export "run") (param i32) (result i32)
        (struct.get $p 0 (call $pass (struct.new $p (local.get 0))))))
    """
    module = interp.decode_module(parse_module(src))
    interp.validate_module(module)
    seen: list[Any] = []
    store = interp.Store()
    # the host function's type: the module's canonical (ref null $p)
    from interp.runtime import canonical_types

    rt = interp.types.RefType(True, canonical_types(module)[0])
    ft = interp.FuncType((rt,), (rt,))

    def keep(s: Any) -> Any:
        seen.append(s)
        return s

    inst = interp.instantiate(store, module, {"host": {"pass": interp.HostFunc(ft, keep)}})
    assert inst.invoke("run", 41) == [41]
    assert isinstance(seen[0], gc.StructRef) and seen[0].fields == [41]

    def bad(s: Any) -> Any:
        return interp.runtime.I31Ref(1)

    inst = interp.instantiate(store, module, {"host": {"pass": interp.HostFunc(ft, bad)}})
    with pytest.raises(TypeError, match="host function result 0"):
        inst.invoke("run", 1)  # the host's error, as itself: not a crash in wasm code


@pytest.mark.parametrize(
    ("storage", "size"), [("i8", 1), ("i16", 2), ("i32", 4), ("i64", 8), ("f32", 4), ("f64", 8),
                          ("v128", 16)]
)  # fmt: skip
def test_every_storage_type_reads_from_data(storage: str, size: int) -> None:
    """array.new_data reads little-endian elements of each storage type exactly."""
    raw = bytes(range(0x81, 0x81 + 2 * size))
    text = "".join(f"\\{b:02x}" for b in raw)
    inst = load(
        f'(module (type $a (array (mut {storage}))) (data $d "{text}")'
        f' (func (export "f") (result (ref $a)) (array.new_data $a $d (i32.const 0) (i32.const 2))))'
    )
    (a,) = inst.invoke("f")
    ints = [int.from_bytes(raw[k * size : (k + 1) * size], "little") for k in range(2)]
    if storage == "f32":
        assert [interp.f32_to_bits(x) for x in a.elems] == ints
    elif storage == "f64":
        assert [interp.f64_to_bits(x) for x in a.elems] == ints
    else:
        assert a.elems == ints
