"""Fuel is exact in every place the counter can live.

A function counts its fuel in a Python local (``_fu``) and writes it back to
the store before calls and returns and when an exception leaves it
(``FunctionCompiler.fuel_local_ok``); code that catches exceptions, tail
calls, trace mode and pieces keep the counter in ``STORE.fuel``.  Both forms
must charge the same: one unit per executed instruction (``block``,
``loop``, ``else``, ``end``, ``nop`` free), checked here against trace mode,
which reports every executed instruction, and against each other, including
traps, exceptions crossing frames of both forms, host functions that read
the store, and running out of fuel in a callee.
"""

from __future__ import annotations

from typing import Any

import pytest

import interp
from interp import compile as C
from interp.compile import function_source
from interp.host import func
from interp.text import parse_module

FREE = {"nop", "block", "loop", "else", "end"}

MODULE = """(module
  (import "host" "peek" (func $peek (param i32) (result i32)))
  (memory 1)
  (type $t (func (param i32) (result i32)))
  (table 2 funcref)
  (elem (i32.const 0) $sq $boom)
  (tag $e (param i32))
  (func $sq (param i32) (result i32) (i32.mul (local.get 0) (local.get 0)))
  (func $boom (param i32) (result i32)
    (if (i32.gt_u (local.get 0) (i32.const 5)) (then (unreachable)))
    (i32.add (local.get 0) (i32.const 1)))
  (func $thrower (param i32)
    (loop $l
      (local.set 0 (i32.sub (local.get 0) (i32.const 1)))
      (br_if $l (local.get 0)))
    (throw $e (i32.const 7)))
  (func (export "loop") (param i32) (result i32) (local i32)
    (block $b
      (loop $l
        (br_if $b (i32.eqz (local.get 0)))
        (local.set 1 (i32.add (local.get 1) (call $sq (local.get 0))))
        (local.set 1 (i32.add (local.get 1)
          (call_indirect (type $t) (local.get 0) (i32.const 0))))
        (nop)
        (local.set 0 (i32.sub (local.get 0) (i32.const 1)))
        (br $l)))
    (local.get 1))
  (func (export "indirect") (param i32) (result i32)
    (loop $once)  ;; a loop: this function counts in a local
    (i32.add (call_indirect (type $t) (local.get 0) (i32.const 1)) (i32.const 2)))
  (func (export "oob") (param i32) (result i32)
    (loop $once)
    (i32.add (i32.load (local.get 0)) (call $sq (local.get 0))))
  (func (export "div") (param i32) (result i32)
    (loop $once (drop (call $sq (local.get 0))))
    (i32.div_u (i32.const 10) (local.get 0)))
  (func (export "catch") (param i32) (result i32)
    (block $h (result i32)
      (try_table (catch $e $h) (call $thrower (local.get 0)))
      (i32.const -1)))
  (func (export "uncaught") (param i32) (result i32)
    (loop $once (call $thrower (local.get 0)))
    (i32.const 0))
  (func (export "uncaught-store") (param i32) (result i32)
    (call $thrower (local.get 0))
    (i32.const 0))
  (func (export "host") (param i32) (result i32)
    (loop $once)
    (if (result i32) (local.get 0)
      (then (i32.add (call $peek (local.get 0)) (i32.const 1)))
      (else (i32.const 0)))))"""

HOST = {"host": {"peek": func("i32", "i32")(lambda x: x)}}

CALLS: list[tuple[str, int]] = [
    ("loop", 6),
    ("indirect", 3),
    ("indirect", 9),  # traps in the callee
    ("oob", 8),
    ("oob", 70_000),  # traps before the call
    ("div", 2),
    ("div", 0),  # traps after a call
    ("catch", 4),  # a local-fuel callee throws to a store-fuel caller
    ("uncaught", 3),  # ... through a local-fuel caller
    ("uncaught-store", 3),  # ... through a store-fuel caller (no loop)
    ("host", 5),
]


def run_all(store: interp.Store) -> list[Any]:
    """Every call on one store: each outcome and the store's fuel after it."""
    module = interp.decode_module(parse_module(MODULE))
    interp.validate_module(module)
    peeks: list[Any] = []

    @func("i32", "i32")
    def peek(x: int) -> int:
        peeks.append(store.fuel)  # what the host sees mid-call
        return x

    inst = interp.instantiate(store, module, {"host": {"peek": peek}})
    out: list[Any] = []
    for name, arg in CALLS:
        try:
            result: Any = inst.invoke(name, arg)
        except interp.Trap as e:  # traps, out of fuel
            result = (type(e).__name__, str(e))
        except Exception as e:  # the uncaught wasm exception
            result = type(e).__name__
        out.append((name, arg, result, store.fuel))
    return [*out, ("peeks", peeks)]


@pytest.fixture
def store_fuel(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every function keeps its fuel counter in the store."""
    monkeypatch.setattr(C.FunctionCompiler, "fuel_local_ok", lambda self, body: False)


def test_the_local_counter_is_used() -> None:
    """The forms under test exist: functions with a loop count in ``_fu``; a
    catching one, and one without a loop, in the store."""
    module = interp.decode_module(parse_module(MODULE))
    inst = interp.instantiate(interp.Store(), module, HOST)
    names = {ex.name: ex.index for ex in module.exports}
    for name in ("loop", "indirect", "oob", "div", "uncaught", "host"):
        source = function_source(inst, names[name], fuel=True)
        assert "_fu -= " in source and "STORE.fuel -= " not in source, name
    for name in ("catch", "uncaught-store"):
        assert "STORE.fuel -= " in function_source(inst, names[name], fuel=True), name
    assert "_fu" not in function_source(inst, names["loop"])  # no fuel: no counter


def test_local_and_store_counters_charge_the_same(request: pytest.FixtureRequest) -> None:
    local = run_all(interp.Store(fuel=10**6))
    request.getfixturevalue("store_fuel")
    assert run_all(interp.Store(fuel=10**6)) == local
    # the outcomes are the ones the cases are about
    results = {(n, a): r for n, a, r, _ in local[:-1]}
    assert results[("indirect", 9)] == ("Trap", "unreachable")
    assert results[("div", 0)] == ("Trap", "integer divide by zero")
    assert results[("catch", 4)] == [7] and results[("uncaught", 3)] == "WasmException"
    assert local[-1][1] and all(isinstance(p, int) for p in local[-1][1])


@pytest.mark.parametrize("flat", [False, True], ids=["structured", "flat"])
def test_fuel_is_one_unit_per_executed_instruction(
    request: pytest.FixtureRequest, flat: bool
) -> None:
    """Calls that complete: the fuel used is the number of non-free instructions traced."""
    if flat:
        request.getfixturevalue("flat_only")
    module = interp.decode_module(parse_module(MODULE))
    executed: list[str] = []
    traced = interp.Store(trace=lambda f, off, name, ops: executed.append(name))
    fueled = interp.Store(fuel=10**6)
    insts = [interp.instantiate(s, module, HOST) for s in (traced, fueled)]
    for name, arg in [("loop", 6), ("indirect", 3), ("catch", 4), ("host", 5), ("div", 2)]:
        executed.clear()
        before = fueled.fuel
        assert insts[0].invoke(name, arg) == insts[1].invoke(name, arg)
        assert before is not None and fueled.fuel is not None
        assert before - fueled.fuel == sum(n not in FREE for n in executed) > 0, name


def test_out_of_fuel_in_a_callee_leaves_the_same_store(request: pytest.FixtureRequest) -> None:
    """Running out inside ``$sq`` (called from a loop): same point, same fuel left."""
    found = []
    for form in ("local", "store"):
        if form == "store":
            request.getfixturevalue("store_fuel")
        outcomes: list[object] = []
        for fuel in range(20, 90, 7):
            store = interp.Store(fuel=fuel)
            module = interp.decode_module(parse_module(MODULE))
            inst = interp.instantiate(store, module, HOST)
            try:
                outcomes.append(inst.invoke("loop", 6))
            except interp.OutOfFuel:
                outcomes.append(("out of fuel", store.fuel))
        found.append(outcomes)
    assert found[0] == found[1]
    assert any(isinstance(o, tuple) for o in found[0])
