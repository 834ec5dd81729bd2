"""The README's "Embedding" snippet, runnable: ``python examples/embedding.py``."""

from pathlib import Path

import interp

HERE = Path(__file__).resolve().parent

module = interp.decode_module((HERE / "add.wasm").read_bytes())  # MalformedError
interp.validate_module(module)  # InvalidError
store = interp.Store(max_call_depth=10_000, fuel=None, max_memory_pages=None, timeout=None)

log = interp.HostFunc(interp.FuncType(("i32",), ()), lambda x: print("wasm says", x))
inst = interp.instantiate(store, module, {"env": {"log": log}})  # LinkError, Trap

print(inst.invoke("add", 1, 2))  # -> [3]      (Trap, Exhaustion, OutOfFuel, Timeout)
mem = inst.exports[
    "memory"
]  # MemInst: .data (bytearray), .read(addr, n), .write(addr, b), .grow(n)
g = inst.exports["counter"]  # GlobalInst: .type, .value
t = inst.exports["table"]  # TableInst: .type, .elements
assert isinstance(mem, interp.MemInst) and isinstance(g, interp.GlobalInst)  # for type checkers
assert isinstance(t, interp.TableInst)
print(mem.read(0, 8), g.value, len(t.elements))
