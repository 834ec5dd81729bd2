"""The README's WASI snippet, runnable: ``python examples/wasi_hello.py``."""

import io
import sys
from pathlib import Path

import interp
from interp.wasi import Wasi

HERE = Path(__file__).resolve().parent
module = interp.decode_module((HERE / "hello_wasi.wasm").read_bytes())
interp.validate_module(module)

stdout = io.BytesIO()  # the default is one too, typed as any binary stream
wasi = Wasi(
    args=["prog", "x"], env={"K": "V"}, preopens={"/data": str(HERE)}, stdin=b"input", stdout=stdout
)
inst = interp.instantiate(interp.Store(fuel=10**8), module, wasi.imports())
code = wasi.run_start(inst)  # stdout bytes: wasi.stdout.getvalue()
sys.stdout.write(stdout.getvalue().decode())
print("exit status", code)
