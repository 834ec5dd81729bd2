"""GC instructions without heap objects (3.0): i31, ref.eq, ref.test/ref.cast,
br_on_cast(_fail), any.convert_extern / extern.convert_any, in both compile
modes and in constant expressions."""

from __future__ import annotations

import pytest

import interp
from interp.runtime import ExternRef, HostAnyRef, I31Ref
from interp.text import parse_module

SRC = """
(module
  (type $f (func))
  (func $g)
  (elem declare func $g)
  (global $c i31ref (ref.i31 (i32.const -1)))
  (global $h externref (extern.convert_any (ref.i31 (i32.const 7))))
  (func (export "get_s") (param i32) (result i32) (i31.get_s (ref.i31 (local.get 0))))
  (func (export "get_u") (param i32) (result i32) (i31.get_u (ref.i31 (local.get 0))))
  (func (export "get_null") (result i32) (i31.get_u (ref.null i31)))
  (func (export "global") (result i32) (i31.get_s (global.get $c)))
  (func (export "eq") (param i32 i32) (result i32)
    (ref.eq (ref.i31 (local.get 0)) (ref.i31 (local.get 1))))
  (func (export "test") (param anyref) (result i32 i32 i32 i32)
    (ref.test (ref i31) (local.get 0))
    (ref.test (ref null i31) (local.get 0))
    (ref.test eqref (local.get 0))
    (ref.test (ref any) (local.get 0)))
  (func (export "test_func") (param i32) (result i32)
    (ref.test (ref $f) (select (result funcref) (ref.func $g) (ref.null func) (local.get 0))))
  (func (export "cast") (param anyref) (result i32)
    (i31.get_u (ref.cast i31ref (local.get 0))))
  (func (export "on_cast") (param anyref) (result i32)
    (block $yes (result i31ref)
      (br_on_cast $yes anyref (ref i31) (local.get 0))
      (drop)
      (return (i32.const -1)))
    (i31.get_u))
  (func (export "on_cast_fail") (param anyref) (result i32)
    (block $no (result anyref)
      (br_on_cast_fail $no anyref (ref i31) (local.get 0))
      (return (i31.get_u)))
    (drop)
    (i32.const -1))
  (func (export "roundtrip") (param externref) (result externref)
    (extern.convert_any (any.convert_extern (local.get 0))))
  (func (export "internalize") (param externref) (result anyref)
    (any.convert_extern (local.get 0)))
  (func (export "hglobal") (result i32)
    (i31.get_u (ref.cast i31ref (any.convert_extern (global.get $h)))))
)
"""


@pytest.fixture(params=["structured", "flat"])
def inst(request: pytest.FixtureRequest) -> interp.Instance:
    if request.param == "flat":
        request.getfixturevalue("flat_only")
    module = interp.decode_module(parse_module(SRC))
    interp.validate_module(module)
    return interp.instantiate(interp.Store(), module)


def test_i31(inst: interp.Instance) -> None:
    assert inst.invoke("get_s", 0x7FFFFFFF) == [-1]  # bit 30 set: negative (results are signed)
    assert inst.invoke("get_s", 0x3FFFFFFF) == [0x3FFFFFFF]
    assert inst.invoke("get_u", 0xFFFFFFFF) == [0x7FFFFFFF]  # bit 31 dropped
    assert inst.invoke("global") == [-1]
    with pytest.raises(interp.Trap, match="null i31 reference"):
        inst.invoke("get_null")
    assert inst.invoke("eq", 5, 5) == [1]
    assert inst.invoke("eq", 5, 0x80000005) == [1]  # equal after truncation to 31 bits
    assert inst.invoke("eq", 5, 6) == [0]


def test_casts(inst: interp.Instance, request: pytest.FixtureRequest) -> None:
    assert inst.invoke("test", I31Ref(3)) == [1, 1, 1, 1]
    assert inst.invoke("test", None) == [0, 1, 1, 0]  # eqref is nullable
    assert inst.invoke("test", HostAnyRef(1)) == [0, 0, 0, 1]  # a host ref is any, not eq
    assert inst.invoke("test_func", 1) == [1]
    assert inst.invoke("test_func", 0) == [0]
    assert inst.invoke("cast", I31Ref(9)) == [9]
    with pytest.raises(interp.Trap, match="cast failure"):
        inst.invoke("cast", HostAnyRef(1))
    assert inst.invoke("on_cast", I31Ref(4)) == [4]
    assert inst.invoke("on_cast", None) == [-1]
    assert inst.invoke("on_cast_fail", I31Ref(4)) == [4]
    assert inst.invoke("on_cast_fail", None) == [-1]
    if request.node.callspec.params["inst"] == "flat":
        # the flat variant really ran flat (the fixture's list, already made)
        assert len(set(request.getfixturevalue("flat_only"))) >= 5


def test_extern_conversion(inst: interp.Instance) -> None:
    assert inst.invoke("roundtrip", ExternRef(3)) == [ExternRef(3)]
    assert inst.invoke("roundtrip", None) == [None]
    assert inst.invoke("internalize", ExternRef(3)) == [HostAnyRef(3)]
    assert inst.invoke("hglobal") == [7]  # extern.convert_any in a constant expression
