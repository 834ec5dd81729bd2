"""Exception handling (interp.exceptions): both compile modes, host frames, limits."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

import interp
from interp import compile as _compile
from interp.host import func
from interp.text.run import run_script
from interp.text.script import module_from_source, parse_script

SUITE = Path(__file__).resolve().parent.parent.parent / "shared" / "wasm-testsuite"


def load(text: str, imports: Any = None) -> tuple[interp.Store, interp.Instance]:
    module = interp.decode_module(module_from_source(text.encode()))
    interp.validate_module(module)
    store = interp.Store()
    return store, interp.instantiate(store, module, imports)


@pytest.mark.skipif(not SUITE.is_dir(), reason="official test suite not found")
@pytest.mark.parametrize("name", ["throw.wast", "throw_ref.wast"])
def test_scripts_in_flat_mode(name: str, flat_only: None) -> None:
    out = run_script(parse_script((SUITE / name).read_bytes()), name)
    assert out.failed == 0 and out.passed > 10, out.messages


@pytest.mark.skipif(not SUITE.is_dir(), reason="official test suite not found")
def test_try_table_in_flat_mode(flat_only: None) -> None:
    out = run_script(parse_script((SUITE / "try_table.wast").read_bytes()), "try_table.wast")
    # the rest needs typed function references ((ref $t) types), not this module
    assert out.passed >= 59, out.messages
    assert all("malformed reference type" in m or "not run" in m for m in out.messages)


CATCHER = """
(module
  (import "host" "tag" (tag $e (param i32)))
  (import "host" "raise" (func $raise (param i32)))
  (tag $own (export "own") (param i32 i64))
  (func (export "catch") (param i32) (result i32)
    (block $h (result i32)
      (try_table (catch $e $h) (call $raise (local.get 0)))
      (i32.const -1)))
  (func (export "escape") (param i32) (throw $own (local.get 0) (i64.const -2))))
"""


@pytest.mark.parametrize("mode", ["structured", "flat"])
def test_exceptions_cross_host_frames(mode: str, request: pytest.FixtureRequest) -> None:
    if mode == "flat":
        request.getfixturevalue("flat_only")
    tag = interp.TagInst(interp.FuncType(("i32",), ()))

    @func("i32")
    def raise_(x: int) -> None:
        if x:
            raise interp.WasmException.from_api(tag, x * 2)

    _store, inst = load(CATCHER, {"host": {"tag": tag, "raise": raise_}})
    assert inst.invoke("catch", 21) == [42]  # a host's exception, caught by wasm
    assert inst.invoke("catch", 0) == [-1]
    with pytest.raises(interp.WasmException) as info:
        inst.invoke("escape", -7)
    assert info.value.tag is inst.exports["own"]
    assert info.value.args_api == [-7, -2]
    assert info.value.category == "exception"


NESTED = """
(module
  (tag $e (param i32))
  (func (export "f") (param i32) (result i32)
    {open}
    (block $h (result i32)
      (try_table (catch $e $h) (throw $e (local.get 0)))
      (i32.const -1))
    {close}))
"""


def test_deep_try_tables_fall_back_to_flat_mode() -> None:
    """A ``try`` is a static block of CPython: 30 nested try_tables exceed the
    20-block limit, so the function compiles in flat mode and still works."""
    depth = 30
    opened = "".join(
        f"(block $o{k} (result i32) (try_table (result i32) (catch $e $o{k}) " for k in range(depth)
    )
    closed = ")) (i32.const 1) (i32.add)" * depth
    _store, inst = load(NESTED.format(open=opened, close=closed))
    assert inst.invoke("f", 5) == [5 + depth]
    fc_args = (inst.module, inst.types, 0, inst.module.funcs[0], inst.types[0])
    with pytest.raises(Exception):  # noqa: B017 - _TooDeep is private
        _compile.FunctionCompiler(*fc_args, flat=False).compile()
