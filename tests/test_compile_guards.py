"""Guard blocks (``interp.compile.find_guards``): ``block; ...; br_if 0; B; end``
compiled as ``if not cond: B`` instead of a Python loop.

Each case runs structured (guards on) and flat (no guards: every targeted
block is a label), with fuel: results and the fuel left must agree with
each other and with the Python oracle, and the structured source must show
the shape (no loop for a guard, a loop for a block that is not one).
"""

from __future__ import annotations

from typing import Any

import pytest

import interp
from fuzz.properties import _compile_mode
from interp import compile as C
from interp.text import parse_module

LOOP_SKIP_ODD = """
  (func (export "f") (param $n i32) (result i32) (local $i i32) (local $s i32)
    (loop $l
      (block $g
        (br_if $g (i32.and (local.get $i) (i32.const 1)))
        (local.set $s (i32.add (local.get $s) (local.get $i))))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br_if $l (i32.lt_u (local.get $i) (local.get $n))))
    (local.get $s))"""


def skip_odd(n: int) -> int:
    return sum(i for i in range(max(n, 1)) if i % 2 == 0)


# the guard's body continues the outer loop (``br $l``): a plain ``continue``
# now, where it was ``_br = k; break`` and a ladder; plain code before the test
CONTINUE_FROM_GUARD = """
  (func (export "f") (param $n i32) (result i32) (local $i i32) (local $s i32) (local $t i32)
    (loop $l
      (block $g
        (local.set $t (i32.rem_u (local.get $i) (i32.const 3)))
        (br_if $g (local.get $t))
        (local.set $s (i32.add (local.get $s) (i32.const 100)))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $l))
      (local.set $s (i32.add (local.get $s) (i32.const 1)))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br_if $l (i32.lt_u (local.get $i) (local.get $n))))
    (local.get $s))"""


def continue_from_guard(n: int) -> int:
    i = s = 0
    while True:
        if i % 3 == 0:
            s += 100
            i += 1
            continue
        s += 1
        i += 1
        if not i < n:
            return s


# nested guards, an empty one, one whose test is dead code, and a block with
# two branches to it (not a guard: it stays a loop)
NESTED = """
  (func (export "f") (param $x i32) (result i32) (local $r i32)
    (block $a
      (br_if $a (i32.gt_u (local.get $x) (i32.const 10)))
      (local.set $r (i32.const 1))
      (block $b
        (br_if $b (i32.eqz (i32.and (local.get $x) (i32.const 1))))
        (local.set $r (i32.add (local.get $r) (i32.const 10))))
      (local.set $r (i32.add (local.get $r) (i32.const 100))))
    (block $e (br_if $e (local.get $x)))
    (block $d
      (br_if $d (i32.const 1))
      (return (i32.const -1)))
    (block $two
      (br_if $two (i32.eq (local.get $x) (i32.const 3)))
      (br_if $two (i32.eq (local.get $x) (i32.const 4)))
      (local.set $r (i32.add (local.get $r) (i32.const 1000))))
    (local.get $r))
  (func (export "dead") (result i32)
    (block $g
      (return (i32.const 5))
      (br_if $g (i32.const 1)))
    (i32.const 6))"""


def nested(x: int) -> int:
    r = 0
    if not x > 10:
        r = 1
        if x & 1:
            r += 10
        r += 100
    if x not in (3, 4):
        r += 1000
    return r


CASES: list[tuple[str, str, Any, list[int]]] = [
    ("loop_skip_odd", LOOP_SKIP_ODD, skip_odd, [0, 1, 2, 7, 100]),
    ("continue_from_guard", CONTINUE_FROM_GUARD, continue_from_guard, [1, 2, 3, 10, 31]),
    ("nested", NESTED, nested, [0, 1, 2, 3, 4, 5, 11, 12]),
]


def run(text: str, flat: bool, export: str, arg: list[int]) -> tuple[list[Any], int | None]:
    module = interp.decode_module(parse_module(f"(module {text})"))
    interp.validate_module(module)
    fuel = 10**9
    store = interp.Store(fuel=fuel)
    with _compile_mode(flat):
        inst = interp.instantiate(store, module, {})
        result = inst.invoke(export, *arg)
    return result, store.fuel


@pytest.mark.parametrize("name,text,oracle,args", CASES, ids=[c[0] for c in CASES])
def test_guards_agree_with_flat_mode_and_the_oracle(
    name: str, text: str, oracle: Any, args: list[int]
) -> None:
    for x in args:
        structured = run(text, False, "f", [x])
        flat = run(text, True, "f", [x])
        assert structured == flat, (name, x, structured, flat)
        assert structured[0] == [oracle(x)], (name, x)
    if name == "nested":
        assert run(text, False, "dead", []) == run(text, True, "dead", [])
        assert run(text, False, "dead", [])[0] == [5]


def source(text: str, index: int = 0) -> str:
    module = interp.decode_module(parse_module(f"(module {text})"))
    interp.validate_module(module)
    inst = interp.instantiate(interp.Store(), module, {})
    return C.function_source(inst, index)


def test_guard_blocks_are_ifs_and_other_blocks_stay_loops() -> None:
    src = source(CONTINUE_FROM_GUARD)
    assert src.count("while True:") == 1, src  # the wasm loop only
    assert "if not " in src and "_br" not in src, src
    # four guards (two nested, an empty one, one whose body returns) and one
    # block with two branches to it, which needs its loop
    src = source(NESTED)
    assert src.count("while True:") == 1, src
    assert src.count("if not ") == 4, src
    # a guard whose test is dead code: no loop, no test
    src = source(NESTED, 1)
    assert "while True:" not in src and "if not" not in src, src


def test_find_guards_needs_a_lone_leading_br_if() -> None:
    body = parse_module(
        """(module (func (param i32)
          (block (local.get 0) (br_if 0) (nop))
          (block (local.get 0) (br_if 0) (local.get 0) (br_if 0))
          (block (block (br 1)) (local.get 0) (br_if 0))
          (block (local.get 0) (br_if 0) (br 0))))"""
    )
    module = interp.decode_module(body)
    guards = C.find_guards(module.funcs[0].body)
    starts = [
        k for k, ins in enumerate(module.funcs[0].body) if ins[0] == interp.opcodes.OP["block"]
    ]
    assert guards == {starts[0]: starts[0] + 2}, (guards, starts)
