"""Threads: the 0xFE atomic instructions, as an instruction family.

Like :mod:`interp.simd`, this module is data for the engine's dispatch
tables (:data:`FAMILY`, built into them by :mod:`interp.families`):

* its rows of the instruction table (codes ``0xFE << 16 | sub``, feature
  ``threads``), with a plain signature for every instruction, so the
  validator types them by its generic rule;
* decoder readers for ``atomic`` (a memarg) and ``fence`` (one reserved
  zero byte);
* an immediate check: an atomic access's alignment immediate must *equal*
  its natural alignment (threads proposal, validation: "atomic alignment
  must be natural"), not merely not exceed it;
* code generators: every instruction is compiled to a call of an
  :mod:`interp.atomics` helper on the memory instance (``MEM<i>``), which
  does the alignment and bounds checks and the locking, so the same code
  works in the structured and the flat mode.

Shared memories themselves (the limits flag, validation, linking, the lock
and wait queues of :class:`interp.runtime.MemInst`) are in the modules of
those concepts; see :mod:`interp.atomics` for why this is atomic.
"""

from __future__ import annotations

from typing import Any

from . import atomics
from .binary import MalformedError, decode_memarg
from .opcodes import Family, OpInfo, parse_table
from .validate import MAX_OFFSET, Context, check_memory

PREFIX = 0xFE


def _table() -> str:
    """The rows of the 0xFE table (names and order of the threads proposal's binary format)."""
    rows = [
        "0x00 memory.atomic.notify atomic i32,i32->i32",
        "0x01 memory.atomic.wait32 atomic i32,i32,i64->i32",
        "0x02 memory.atomic.wait64 atomic i32,i64,i64->i32",
        "0x03 atomic.fence fence ->",
    ]
    code = 0x10
    for name, t in (
        ("i32.atomic.load", "i32"), ("i64.atomic.load", "i64"),
        ("i32.atomic.load8_u", "i32"), ("i32.atomic.load16_u", "i32"),
        ("i64.atomic.load8_u", "i64"), ("i64.atomic.load16_u", "i64"),
        ("i64.atomic.load32_u", "i64"),
    ):  # fmt: skip
        rows.append(f"{code:#x} {name} atomic i32->{t}")
        code += 1
    for name, t in (
        ("i32.atomic.store", "i32"), ("i64.atomic.store", "i64"),
        ("i32.atomic.store8", "i32"), ("i32.atomic.store16", "i32"),
        ("i64.atomic.store8", "i64"), ("i64.atomic.store16", "i64"),
        ("i64.atomic.store32", "i64"),
    ):  # fmt: skip
        rows.append(f"{code:#x} {name} atomic i32,{t}->")
        code += 1
    for op in ("add", "sub", "and", "or", "xor", "xchg", "cmpxchg"):
        for prefix, t in (
            ("i32.atomic.rmw.", "i32"), ("i64.atomic.rmw.", "i64"),
            ("i32.atomic.rmw8.", "i32"), ("i32.atomic.rmw16.", "i32"),
            ("i64.atomic.rmw8.", "i64"), ("i64.atomic.rmw16.", "i64"),
            ("i64.atomic.rmw32.", "i64"),
        ):  # fmt: skip
            suffix = "" if prefix.endswith("rmw.") else "_u"
            operands = f"i32,{t},{t}" if op == "cmpxchg" else f"i32,{t}"
            rows.append(f"{code:#x} {prefix}{op}{suffix} atomic {operands}->{t}")
            code += 1
    return "\n".join(rows)


ATOMIC_OPCODES: dict[int, OpInfo] = parse_table(_table(), prefix=PREFIX, feature="threads")


def access_size(name: str) -> int:
    """Bytes an atomic instruction accesses: the width in its name, else its value type's.

    ``i64.atomic.rmw16.add_u`` -> 2, ``i32.atomic.store8`` -> 1,
    ``i64.atomic.load`` -> 8, ``memory.atomic.wait64`` -> 8, ``notify`` -> 4.
    """
    if name == "memory.atomic.notify":
        return 4
    if name.startswith("memory.atomic.wait"):
        return int(name[len("memory.atomic.wait") :]) // 8
    kind = name.split(".")[2]  # load8_u, store16, rmw32, rmw, load, store
    digits = "".join(ch for ch in kind if ch.isdigit())
    return int(digits) // 8 if digits else (4 if name.startswith("i32") else 8)


SIZES: dict[int, int] = {
    code: access_size(info.name) for code, info in ATOMIC_OPCODES.items() if info.imm == "atomic"
}
_LOG2 = {1: 0, 2: 1, 4: 2, 8: 3}


# -- decoding and validation -------------------------------------------------------------


def _imm_fence(data: bytes, pos: int) -> tuple[tuple, int]:
    """``atomic.fence`` carries one reserved byte, which must be zero."""
    if pos >= len(data):
        raise MalformedError("unexpected end")
    if data[pos] != 0:
        raise MalformedError("zero byte expected")
    return (), pos + 1


def _check_imm_atomic(ctx: Context, instr: tuple, info: OpInfo) -> None:
    check_memory(ctx, instr[3])
    if instr[1] != _LOG2[SIZES[instr[0]]]:
        raise _invalid("atomic alignment must be natural")
    if not 0 <= instr[2] <= MAX_OFFSET:
        raise _invalid("offset out of range")


def _invalid(msg: str) -> Exception:
    from .errors import InvalidError

    return InvalidError(msg)


# -- execution: code generators -------------------------------------------------------------


def _rmw_op(name: str) -> str:
    return name.rsplit(".", 1)[1].removesuffix("_u")


def h_atomic(compiler: Any, ins: tuple, i: int, dead: bool) -> bool:
    """Every memory-accessing atomic: one helper call, assigned at once (it may trap)."""
    info = ATOMIC_OPCODES[ins[0]]
    name, n, mem = info.name, SIZES[ins[0]], f"MEM{ins[3]}"
    nargs = len(info.params or ()) - 1
    args = [e.expr for e in compiler.popn(nargs)]
    ea = compiler.pop_address(ins)
    if ".load" in name:
        compiler.assign_results(1, f"atomic_load({mem}, {ea}, {n})")
    elif ".store" in name:
        compiler.emit(f"atomic_store({mem}, {ea}, {n}, {args[0]})")
    elif name == "memory.atomic.notify":
        compiler.assign_results(1, f"atomic_notify({mem}, {ea}, {args[0]})")
    elif name.startswith("memory.atomic.wait"):
        compiler.assign_results(1, f"atomic_wait({mem}, {ea}, {n}, {args[0]}, {args[1]})")
    elif name.endswith(("cmpxchg", "cmpxchg_u")):
        compiler.assign_results(1, f"atomic_cmpxchg({mem}, {ea}, {n}, {args[0]}, {args[1]})")
    else:
        op = _rmw_op(name)
        compiler.assign_results(1, f"atomic_rmw({mem}, {ea}, {n}, {op!r}, {args[0]})")
    return False


def h_fence(compiler: Any, ins: tuple, i: int, dead: bool) -> bool:
    """``atomic.fence``: every access here is already sequentially consistent
    (one indivisible Python operation, see :mod:`interp.atomics`): nothing to emit."""
    return False


HELPERS = {
    name: getattr(atomics, name)
    for name in (
        "atomic_load",
        "atomic_store",
        "atomic_rmw",
        "atomic_cmpxchg",
        "atomic_wait",
        "atomic_notify",
    )
}


FAMILY = Family(
    "threads",
    ATOMIC_OPCODES,
    immediates={"atomic": decode_memarg, "fence": _imm_fence},
    immediate_checks={"atomic": _check_imm_atomic},
    handlers={
        info.name: h_fence if info.imm == "fence" else h_atomic for info in ATOMIC_OPCODES.values()
    },
    namespace=HELPERS,
)
"""The atomic instructions as data for :mod:`interp.families`."""
