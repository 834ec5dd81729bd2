"""Typed function references (3.0) in both compile modes.

``call_ref``, ``return_call_ref``, ``ref.as_non_null``, ``br_on_null`` and
``br_on_non_null`` on null and non-null references, executed once in the
structured form and once in the flat basic-block form (the form the compiler
falls back to for deep nesting), with the reference interpreter's trap
wording.
"""

from __future__ import annotations

from typing import Any

import pytest

import interp
from interp.text import parse_module

SRC = """
(module
  (type $f (func (param i32) (result i32)))
  (func $inc (type $f) (i32.add (local.get 0) (i32.const 1)))
  (elem declare func $inc)
  (func $ref (param $null i32) (result (ref null $f))
    (select (result (ref null $f)) (ref.null $f) (ref.func $inc) (local.get $null)))
  (func (export "call") (param i32 i32) (result i32)
    (call_ref $f (local.get 0) (call $ref (local.get 1))))
  (func (export "tail") (param i32 i32) (result i32)
    (return_call_ref $f (local.get 0) (call $ref (local.get 1))))
  (func (export "as_non_null") (param i32 i32) (result i32)
    (call_ref $f (local.get 0) (ref.as_non_null (call $ref (local.get 1)))))
  (func (export "on_null") (param i32 i32) (result i32)
    (block $l (result i32)
      (local.get 0)
      (br_on_null $l (call $ref (local.get 1)))
      (call_ref $f)))
  (func (export "on_non_null") (param i32 i32) (result i32)
    (local $r (ref $f))
    (block $l (result i32 (ref $f))
      (local.get 0)
      (br_on_non_null $l (call $ref (local.get 1)))
      (return (i32.const 99)))
    (local.set $r)
    (call_ref $f (local.get $r)))
)
"""

EXPECTED = {
    # export: (result with a function reference, result with null)
    "call": ([42], "null function reference"),
    "tail": ([42], "null function reference"),
    "as_non_null": ([42], "null reference"),
    "on_null": ([42], [41]),
    "on_non_null": ([42], [99]),
}


def _run(name: str, null: int, inst: Any) -> object:
    try:
        return inst.invoke(name, 41, null)
    except interp.Trap as exc:
        return exc.message


@pytest.fixture(params=["structured", "flat"])
def mode(request: pytest.FixtureRequest) -> tuple[str, list[int]]:
    """The compile mode under test and the functions compiled flat in it."""
    flat = request.getfixturevalue("flat_only" if request.param == "flat" else "flat_compiles")
    return str(request.param), flat


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_typed_reference_instructions(name: str, mode: tuple[str, list[int]]) -> None:
    kind, flat_compiled = mode
    module = interp.decode_module(parse_module(SRC))
    interp.validate_module(module)
    inst = interp.instantiate(interp.Store(), module)
    flat_compiled.clear()
    assert (_run(name, 0, inst), _run(name, 1, inst)) == EXPECTED[name]
    index = next(e.index for e in module.exports if e.name == name)
    # the export really ran in the mode under test
    assert (index in flat_compiled) == (kind == "flat")


def test_uninitialized_non_nullable_local_is_invalid() -> None:
    src = "(module (type $f (func)) (func (local $x (ref $f)) (drop (local.get $x))))"
    with pytest.raises(interp.InvalidError, match="uninitialized local"):
        interp.validate_module(interp.decode_module(parse_module(src)))
    # set inside a block: unset again after the block (3.0 spec 3.4.1)
    src = (
        "(module (type $f (func)) (elem declare func $g) (func $g)"
        " (func (local $x (ref $f)) (block (local.set $x (ref.func $g))) (drop (local.get $x))))"
    )
    with pytest.raises(interp.InvalidError, match="uninitialized local"):
        interp.validate_module(interp.decode_module(parse_module(src)))
