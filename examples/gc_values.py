"""The README's GC values snippet, runnable: ``python examples/gc_values.py``."""

from pathlib import Path

import interp

HERE = Path(__file__).resolve().parent

module = interp.decode_module((HERE / "gc_values.wasm").read_bytes())
interp.validate_module(module)
inst = interp.instantiate(interp.Store(), module)

(p,) = inst.invoke("point", 3.0, 4.0)  # a StructRef: .type (its DefType), .fields
print(p.fields, inst.invoke("norm2", p))  # [3.0, 4.0] [25.0]: pass it back as it came
(b,) = inst.invoke("bytes", 0x1FF)  # an ArrayRef: .type, .elems (packed i8: stored wrapped)
print(b.elems, inst.invoke("same", p, p), inst.invoke("same", p, b))  # identity is ref.eq
assert isinstance(p, interp.StructRef) and isinstance(b, interp.ArrayRef)
try:
    inst.invoke("norm2", b)  # an array where a (ref null $point) is expected
except interp.Trap as e:
    print(e.message.split(":")[0])  # wrong types of arguments
