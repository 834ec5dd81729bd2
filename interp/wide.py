"""Wide arithmetic: the four 0xFC 0x13-0x16 instructions, as an instruction family.

Like :mod:`interp.simd`, this module is data for the engine's dispatch
tables (:data:`FAMILY`, built into them by :mod:`interp.families`); importing
it changes nothing else:

* its rows of the instruction table, with plain signatures
  (``i64,i64,i64,i64->i64,i64``), so the validator types them by its
  generic rule (multi-value results included) and the decoder reads them as
  immediate-free ``0xFC`` sub-opcodes;
* one code generator that assigns both results of a call of the
  :mod:`interp.numerics_wide` function to their two stack slots.  It works
  the same way in the structured and the flat compile mode (it only emits a
  straight-line statement);
* the :mod:`interp.numerics_wide` functions, as names of the generated code.

The proposal is the feature ``wide_arithmetic`` (:mod:`interp.features`).
"""

from __future__ import annotations

from typing import Any

from . import numerics_wide
from .opcodes import Family, parse_table

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


FAMILY = Family(
    "wide_arithmetic",
    WIDE_OPCODES,
    handlers={info.name: h_wide for info in WIDE_OPCODES.values()},
    namespace={fn.__name__: fn for fn in numerics_wide.FUNCTIONS.values()},
)
"""Wide arithmetic as data for :mod:`interp.families`."""

assert all(fn.__name__ == name.replace(".", "_") for name, fn in numerics_wide.FUNCTIONS.items())
