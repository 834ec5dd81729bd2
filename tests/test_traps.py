"""One trap table (:class:`interp.errors.TrapCode`), host exceptions, compile failures.

* every trap the engine raises carries its code, in both compile modes;
* the wording lives in the table: no engine module spells a trap message;
* a host function's exception reaches the embedder as itself (an
  ``IndexError`` is not "out of bounds memory access"), while a real memory
  access, also one a host makes through the API, is that trap;
* generated code that CPython refuses is reported as a compiler bug, not
  hidden by a switch to flat mode.
"""

from __future__ import annotations

import re
import shutil
import struct
import subprocess
from pathlib import Path

import pytest

import interp
from interp import compile as compile_mod
from interp.compile import CompilerBug
from interp.errors import Trap, TrapCode

ENGINE = Path(interp.__file__).parent

needs_wasm_tools = pytest.mark.skipif(shutil.which("wasm-tools") is None, reason="needs wasm-tools")


def wat(text: str) -> interp.Module:
    proc = subprocess.run(
        ["wasm-tools", "parse", "-"], input=text.encode(), capture_output=True, check=True
    )
    module = interp.decode_module(proc.stdout)
    interp.validate_module(module)
    return module


def test_table_is_consistent() -> None:
    values = [c.value for c in TrapCode]
    assert len(set(values)) == len(values)
    for code in TrapCode:
        assert TrapCode.of_message(code.value) is code
        assert TrapCode.of_message(code.value + " 5") is code
    assert Trap(TrapCode.UNDEFINED_ELEMENT, " 5").message == "undefined element 5"
    assert Trap("a host's own reason").code is None


def test_no_engine_module_spells_a_trap_message() -> None:
    """Messages come from TrapCode; emitted code interpolates TrapCode values."""
    literal = re.compile(r"""\b(Trap|Exhaustion|OutOfFuel|Timeout)\(f?["'](?!\{TrapCode\.)""")
    offenders = []
    for path in sorted(ENGINE.rglob("*.py")):
        rel = path.relative_to(ENGINE).as_posix()
        if rel == "errors.py" or rel.startswith("wasi/"):  # the table; WASI is a host module
            continue
        for n, line in enumerate(path.read_text().splitlines(), 1):
            if literal.search(line):
                offenders.append(f"{rel}:{n}: {line.strip()}")
    assert offenders == []


TRAPS = {
    "unreachable": ("unreachable", TrapCode.UNREACHABLE),
    "div": ("i32.const 1 i32.const 0 i32.div_u drop", TrapCode.INTEGER_DIVIDE_BY_ZERO),
    "ovf": ("i32.const 0x80000000 i32.const -1 i32.div_s drop", TrapCode.INTEGER_OVERFLOW),
    "cvt": ("f32.const nan i32.trunc_f32_s drop", TrapCode.INVALID_CONVERSION),
    "mem": ("i32.const 65536 i32.load drop", TrapCode.MEMORY_OUT_OF_BOUNDS),
    "fill": ("i32.const 1 i32.const 0 i32.const 65536 memory.fill", TrapCode.MEMORY_OUT_OF_BOUNDS),
    "tab": ("i32.const 5 table.get 0 drop", TrapCode.TABLE_OUT_OF_BOUNDS),
    "undef": ("i32.const 5 call_indirect (type $v)", TrapCode.UNDEFINED_ELEMENT),
    "uninit": ("i32.const 1 call_indirect (type $v)", TrapCode.UNINITIALIZED_ELEMENT),
    "sig": ("i32.const 0 call_indirect (type $i) drop", TrapCode.INDIRECT_CALL_TYPE_MISMATCH),
}


@needs_wasm_tools
@pytest.mark.parametrize("flat", [False, True], ids=["structured", "flat"])
def test_every_trap_carries_its_code(monkeypatch: pytest.MonkeyPatch, flat: bool) -> None:
    funcs = " ".join(
        # a Python loop in every function (a block targeted by a ``br``; one
        # targeted by a lone leading ``br_if`` is a guard, compiled as an
        # ``if``): with MAX_PY_LOOPS < 0 it forces flat mode
        f'(func (export "{name}") (block $b (br $b)) {body})'
        for name, (body, _) in TRAPS.items()
    )
    m = wat(
        f"(module (type $v (func)) (type $i (func (result i32))) (memory 1) (table 2 funcref)"
        f" (elem (i32.const 0) $nop) (func $nop) {funcs})"
    )
    if flat:
        monkeypatch.setattr(compile_mod, "MAX_PY_LOOPS", -1)
        inst = interp.instantiate(interp.Store(), m)
        func = m.funcs[1]
        with pytest.raises(compile_mod._TooDeep):
            compile_mod.FunctionCompiler(m, inst.types, 1, func, inst.types[func.typeidx],
                                         flat=False).compile()  # fmt: skip
    else:
        inst = interp.instantiate(interp.Store(), m)
    for name, (_, code) in TRAPS.items():
        with pytest.raises(Trap) as info:
            inst.invoke(name)
        assert info.value.code is code, name
        # the element traps name the index, as eval.ml does (bulk.wast checks it)
        detail = {"undef": " 5", "uninit": " 1"}.get(name, "")
        assert info.value.message == code.value + detail


@needs_wasm_tools
def test_exhaustion_carries_its_code() -> None:
    m = wat('(module (func $r (export "r") call $r))')
    with pytest.raises(interp.Exhaustion) as info:
        interp.instantiate(interp.Store(max_call_depth=100), m).invoke("r")
    assert info.value.code is TrapCode.CALL_STACK_EXHAUSTED
    m = wat('(module (func (export "spin") (loop br 0)))')
    with pytest.raises(interp.OutOfFuel) as fuel:
        interp.instantiate(interp.Store(fuel=100), m).invoke("spin")
    assert fuel.value.code is TrapCode.OUT_OF_FUEL


HOST_MODULE = """(module
  (import "env" "f" (func $f (param i32) (result i32)))
  (memory (export "mem") 1)
  (func (export "call") (param i32) (result i32) local.get 0 call $f)
  (func (export "load") (param i32) (result i32) local.get 0 i32.load))"""


@needs_wasm_tools
@pytest.mark.parametrize(
    "error",
    [IndexError("host list index"), struct.error("host struct"), ZeroDivisionError("x"),
     KeyError("k"), ValueError("v")],
    ids=lambda e: type(e).__name__,
)  # fmt: skip
def test_host_exception_propagates_as_itself(error: Exception) -> None:
    def f(x: int) -> int:
        raise error

    ft = interp.FuncType(("i32",), ("i32",))
    inst = interp.instantiate(
        interp.Store(), wat(HOST_MODULE), {"env": {"f": interp.HostFunc(ft, f)}}
    )
    with pytest.raises(type(error)) as info:
        inst.invoke("call", 1)
    assert info.value is error
    assert not isinstance(info.value, interp.WasmError)


@needs_wasm_tools
def test_host_exception_through_nested_calls() -> None:
    """host -> wasm -> host: the inner host's exception crosses both wasm frames."""
    store = interp.Store()
    error = IndexError("inner")
    seen: list[str] = []

    def inner(x: int) -> int:
        raise error

    ft = interp.FuncType(("i32",), ("i32",))
    inner_inst = interp.instantiate(
        store, wat(HOST_MODULE), {"env": {"f": interp.HostFunc(ft, inner)}}
    )

    def outer(x: int) -> int:
        try:
            fn = inner_inst.exports["call"]
            assert isinstance(fn, interp.FuncInst)
            return int(store.call(fn, x)[0])
        except IndexError as e:  # the host sees the original too
            seen.append(str(e))
            raise

    outer_inst = interp.instantiate(
        store, wat(HOST_MODULE), {"env": {"f": interp.HostFunc(ft, outer)}}
    )
    with pytest.raises(IndexError) as info:
        outer_inst.invoke("call", 3)
    assert info.value is error and seen == ["inner"]


@needs_wasm_tools
def test_real_memory_accesses_are_the_memory_trap() -> None:
    holder: dict[str, interp.Instance] = {}

    def f(x: int) -> int:  # a host reading guest memory out of bounds: a trap
        mem = holder["inst"].exports["mem"]
        assert isinstance(mem, interp.MemInst)
        return int.from_bytes(mem.read(x, 4), "little")

    ft = interp.FuncType(("i32",), ("i32",))
    inst = interp.instantiate(
        interp.Store(), wat(HOST_MODULE), {"env": {"f": interp.HostFunc(ft, f)}}
    )
    holder["inst"] = inst
    assert inst.invoke("call", 0) == [0]
    for name in ("call", "load"):
        with pytest.raises(Trap) as info:
            inst.invoke(name, 65534)
        assert info.value.code is TrapCode.MEMORY_OUT_OF_BOUNDS


@needs_wasm_tools
def test_generated_code_that_does_not_compile_is_a_bug(monkeypatch: pytest.MonkeyPatch) -> None:
    m = wat('(module (func (export "f") (result i32) i32.const 1))')
    inst = interp.instantiate(interp.Store(), m)
    real = compile_mod.FunctionCompiler.compile

    def broken(self: compile_mod.FunctionCompiler) -> str:
        return real(self) + "  def (:\n"

    monkeypatch.setattr(compile_mod.FunctionCompiler, "compile", broken)
    with pytest.raises(CompilerBug, match="nanowasm bug: the generated structured code"):
        inst.invoke("f")


def test_only_functions_that_access_memory_catch_its_errors() -> None:
    """The ``except (StructError, IndexError)`` handler is left out of a function
    that neither accesses memory nor calls (compile.NO_ACCESS); its traps are
    the same."""
    from interp.text import parse_module

    m = interp.decode_module(
        parse_module(
            """(module (memory 1)
          (func (export "div") (param i32 i32) (result i32)
            (i32.div_u (i32.add (local.get 0) (i32.const 1)) (local.get 1)))
          (func (export "load") (param i32) (result i32) (i32.load (local.get 0))))"""
        )
    )
    interp.validate_module(m)
    inst = interp.instantiate(interp.Store(), m)
    div, load = (compile_mod.function_source(inst, i) for i in (0, 1))
    assert "except (StructError, IndexError)" not in div and " try:" not in div
    assert "except (StructError, IndexError)" in load
    assert inst.invoke("div", 9, 5) == [2]
    with pytest.raises(Trap) as info:
        inst.invoke("div", 9, 0)
    assert info.value.code is TrapCode.INTEGER_DIVIDE_BY_ZERO
    with pytest.raises(Trap) as info:
        inst.invoke("load", 65535)
    assert info.value.code is TrapCode.MEMORY_OUT_OF_BOUNDS
