"""Wide arithmetic: the four 0xFC 0x13-0x16 instructions, registered with the engine.

Like :mod:`interp.simd`, this module plugs an instruction family into the
extension points of the rest of the engine and changes nothing else:

* :func:`interp.opcodes.register` -- the instruction table, with plain
  signatures (``i64,i64,i64,i64->i64,i64``), so the validator types them by
  its generic rule (multi-value results included) and the decoder reads
  them as immediate-free ``0xFC`` sub-opcodes;
* :data:`interp.compile.FunctionCompiler.HANDLERS` -- one code generator
  that assigns both results of a call of the :mod:`interp.numerics_wide`
  function to their two stack slots.  It works the same way in the
  structured and the flat compile mode (it only emits a straight-line
  statement).

The proposal is the feature ``wide_arithmetic`` (:mod:`interp.features`).
"""

from __future__ import annotations

from typing import Any

from . import compile as _compile
from . import numerics_wide
from .opcodes import OPCODES, parse_table, register

# fmt: off
# 0xFC sub-opcode | name | immediate kind | signature
_TABLE = """
0x13 i64.add128                 - i64,i64,i64,i64->i64,i64
0x14 i64.sub128                 - i64,i64,i64,i64->i64,i64
0x15 i64.mul_wide_s             - i64,i64->i64,i64
0x16 i64.mul_wide_u             - i64,i64->i64,i64
"""
# fmt: on

WIDE_OPCODES = parse_table(_TABLE, prefix=0xFC, feature="wide_arithmetic")


def h_wide(compiler: Any, ins: tuple, i: int, dead: bool) -> bool:
    """``s<h>, s<h+1> = i64_add128(...)``: both halves land in their slots."""
    info = WIDE_OPCODES[ins[0]]
    args = compiler.popn(len(info.params or ()))
    compiler.assign_results(2, f"{info.pyname}({', '.join(a.expr for a in args)})")
    return False


def install() -> None:
    """Register wide arithmetic with the decoder, validator and executor (idempotent)."""
    first = next(iter(WIDE_OPCODES))
    if first in OPCODES:
        return
    register(WIDE_OPCODES)
    for code in WIDE_OPCODES:
        _compile.FunctionCompiler.HANDLERS[code] = h_wide
    for name, fn in numerics_wide.FUNCTIONS.items():
        pyname = name.replace(".", "_")
        assert fn.__name__ == pyname, name
        _compile._BASE[pyname] = fn


install()
