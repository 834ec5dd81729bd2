"""Caller-aware host functions (``HostFunc(..., caller=True)``): the function
sees the instance that imported it -- its memory and exports -- with no
binding after instantiation, even during the start function."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

import interp
from interp.caller import Caller
from interp.host import HostModule, func

WASM_TOOLS = shutil.which("wasm-tools")
pytestmark = pytest.mark.skipif(WASM_TOOLS is None, reason="wasm-tools not installed")

CONSOLE = """(module
  (import "console" "log" (func $log (param i32 i32)))
  (memory (export "memory") 1)
  (data (i32.const 16) "Hello from wasm!")
  (func (export "main") (call $log (i32.const 16) (i32.const 16))))"""


def wat(tmp_path: Path, text: str, name: str = "m") -> interp.Module:
    src, out = tmp_path / f"{name}.wat", tmp_path / f"{name}.wasm"
    src.write_text(text)
    subprocess.run([str(WASM_TOOLS), "parse", str(src), "-o", str(out)], check=True)
    module = interp.decode_module(out.read_bytes())
    interp.validate_module(module)
    return module


def test_readme_console_example(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """The README's console example, verbatim in spirit: the caller's memory."""

    @func("i32 i32", caller=True)
    def log(caller: Caller, ptr: int, length: int) -> None:
        print(caller.memory.read(ptr, length).decode("utf-8"))

    module = wat(tmp_path, CONSOLE)
    instance = interp.instantiate(interp.Store(), module, {"console": HostModule({"log": log})})
    instance.invoke("main")
    assert capsys.readouterr().out == "Hello from wasm!\n"


def test_each_importer_is_its_own_caller(tmp_path: Path) -> None:
    seen: list[bytes] = []

    @func("i32 i32", caller=True)
    def log(caller: Caller, ptr: int, length: int) -> None:
        seen.append(caller.memory.read(ptr, length))

    imports = {"console": {"log": log}}
    other = CONSOLE.replace("Hello from wasm!", "Other instance!!")
    a = interp.instantiate(interp.Store(), wat(tmp_path, CONSOLE, "a"), imports)
    b = interp.instantiate(interp.Store(), wat(tmp_path, other, "b"), imports)
    b.invoke("main")
    a.invoke("main")
    assert seen == [b"Other instance!!", b"Hello from wasm!"]
    assert a.funcs[0] is not b.funcs[0] and a.funcs[0] is not log


def test_caller_during_start_and_exports(tmp_path: Path) -> None:
    """The start function already has a caller with exports (they exist before start)."""
    got: list[object] = []

    @func("", "i32", caller=True)
    def peek(caller: Caller) -> int:
        got.append(caller.get_export("g"))
        return len(caller.exports)

    module = wat(
        tmp_path,
        """(module (import "h" "peek" (func $p (result i32)))
             (global (export "g") (mut i32) (i32.const 0))
             (func $s (global.set 0 (call $p))) (start $s))""",
    )
    inst = interp.instantiate(interp.Store(), module, {"h": {"peek": peek}})
    assert got == [inst.exports["g"]]
    assert inst.exports["g"].value == 1  # type: ignore[union-attr]


def test_unimported_caller_function_sees_no_instance() -> None:
    @func("", "i32", caller=True)
    def probe(caller: Caller) -> int:
        return 1 if caller.memory is None and caller.exports == {} else 0

    assert interp.Store().call(probe) == [1]
