"""The README's host-module snippet, runnable: ``python examples/host_console.py``."""

from pathlib import Path

import interp
from interp.host import HostModule, func

HERE = Path(__file__).resolve().parent
memory: interp.MemInst | None = None  # the instance's memory, bound after instantiation


@func("i32 i32")  # params; results go second: func("i32", "i32")
def log(ptr: int, length: int) -> None:
    assert memory is not None
    print(memory.read(ptr, length).decode("utf-8"))


module = interp.decode_module((HERE / "console.wasm").read_bytes())
interp.validate_module(module)
instance = interp.instantiate(interp.Store(), module, {"console": HostModule({"log": log})})
exported = instance.exports["memory"]
assert isinstance(exported, interp.MemInst)
memory = exported
instance.invoke("main")  # prints: Hello from wasm!
