"""Properties of the compiler's integer expressions: folding and deferred masks.

The code generator folds operators on constants at compile time and defers
the wrap-around mask of ``add``/``sub``/``mul``/bitwise/``shl`` chains
(:mod:`interp.exprs`).  Two properties check that neither changes a result:

* **Folding**: ``T.const a; T.const b; op`` (folded) gives what
  ``local.get 0; local.get 1; op`` (evaluated at run time) gives, and both
  equal :mod:`interp.numerics`' own function for ``op`` (its ``INLINE``
  template or the function generated code calls), for every integer binary
  operator of both widths; a trap is the same trap.
* **Chains**: a random chain of integer binary operators whose operands are
  constants or locals (so some steps fold, others defer their mask, and
  ``local.set``/``local.get`` round trips force exact values) gives
  wasmtime's result bit for bit, or the same trap.

Both run in structured and flat mode; ``tests/test_fuzz_properties.py``
runs them with the ``ci`` budget.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from hypothesis import strategies as st

from interp import numerics
from interp.errors import Trap
from interp.opcodes import OPCODES
from interp.text import parse_module

from .subject import Subject, nanowasm_trap_kind
from .values import EDGES, MASK

INT_BINOPS: list[str] = sorted(
    info.name
    for info in OPCODES.values()
    if info.imm == ""
    and info.feature is None
    and info.params is not None
    and len(info.params) == 2
    and info.params[0] == info.params[1]
    and info.params[0] in ("i32", "i64")
    and info.results is not None
    and len(info.results) == 1
)
"""Every MVP integer binary operator of both widths (arithmetic, bitwise,
shifts, rotations, division, comparisons)."""


def _result(op: str) -> str:
    for info in OPCODES.values():
        if info.name == op:
            assert info.results is not None
            return info.results[0]
    raise KeyError(op)


CHAIN_OPS: dict[str, list[str]] = {
    t: [op for op in INT_BINOPS if op.startswith(t) and _result(op) == t] for t in ("i32", "i64")
}
"""The operators a chain draws from: those whose result has the operands' type."""


def operand(t: str) -> st.SearchStrategy[int]:
    """An integer bit pattern of type ``t``, biased to the edges (0, 1, the sign bit, ...)."""
    return st.one_of(st.sampled_from(EDGES[t]), st.integers(0, MASK[t]))


def numerics_result(op: str, a: int, b: int) -> list[Any]:
    """What :mod:`interp.numerics` computes: ``["ok", [bits]]`` or ``["trap", message]``."""
    pyname = op.replace(".", "_")
    template = numerics.INLINE.get(op)
    try:
        if template is not None:
            v = eval(template.format(repr(a), repr(b)), vars(numerics))
        else:
            v = getattr(numerics, pyname)(a, b)
    except Trap as exc:
        return ["trap", nanowasm_trap_kind(exc.message)]
    r = _result(op)
    bits = int(v)
    assert 0 <= bits <= MASK[r], (op, a, b, v)
    return ["ok", [bits, int(r[1:]) - bits.bit_length()]]


WITNESS = "(local.tee {k}) (local.get {k}) ({r}.clz)"
"""Each function returns its value and the value's ``clz``: the API masks what it
returns, but ``clz`` of a value outside ``[0, 2^N)`` (a mask forgotten) is wrong."""


def fold_module(op: str, a: int, b: int) -> bytes:
    t, r = op.split(".")[0], _result(op)
    return parse_module(
        f"""(module
  (func (export "folded") (result {r} {r}) (local {r})
    ({t}.const {a}) ({t}.const {b}) ({op}) {WITNESS.format(k=0, r=r)})
  (func (export "runtime") (param {t} {t}) (result {r} {r}) (local {r})
    (local.get 0) (local.get 1) ({op}) {WITNESS.format(k=2, r=r)}))"""
    )


def _subject(wasm: bytes, flat: bool) -> Subject:
    from .properties import _compile_mode

    ours = Subject(wasm, timeout=20.0)
    with _compile_mode(flat):
        assert ours.load() == ["ok"], ours.load()
        assert ours.instantiate() == ["ok"]
    return ours


def _call(ours: Subject, flat: bool, name: str, params: list[str], r: str, args: list[int]) -> Any:
    from .properties import _compile_mode

    with _compile_mode(flat):
        out = ours.call(name, params, [r, r], list(args))
    return out


def check_fold(op: str, a: int, b: int, flat: bool = False) -> None:
    """The folding property for one operator and two constants."""
    t, r = op.split(".")[0], _result(op)
    ours = _subject(fold_module(op, a, b), flat)
    folded = _call(ours, flat, "folded", [], r, [])
    runtime = _call(ours, flat, "runtime", [t, t], r, [a, b])
    want = numerics_result(op, a, b)
    assert folded == runtime == want, (op, a, b, folded, runtime, want)


@dataclass(frozen=True)
class Step:
    """One step of a chain: ``op`` with a constant (``local`` None) or a local's value."""

    op: str
    value: int
    local: bool
    spill: bool  # then ``local.set 0; local.get 0``: the value must be exact there


@st.composite
def chains(draw: Any, t: str) -> tuple[int, list[Step]]:
    start = draw(operand(t))
    n = draw(st.integers(1, 40))
    steps = [
        Step(
            draw(st.sampled_from(CHAIN_OPS[t])),
            draw(operand(t)),
            draw(st.booleans()),
            draw(st.integers(0, 7)) == 0,
        )
        for _ in range(n)
    ]
    return start, steps


def chain_module(t: str, start: int, steps: list[Step]) -> bytes:
    """``f``: the chain over constants and locals (each local set once, up front)."""
    nlocals = 1 + sum(s.local for s in steps)
    body = [f"({t}.const {start}) (local.set 0)"]
    k = 1
    for s in steps:
        if s.local:
            body.append(f"({t}.const {s.value}) (local.set {k})")
            k += 1
    body.append("(local.get 0)")
    k = 1
    for s in steps:
        if s.local:
            body.append(f"(local.get {k}) ({s.op})")
            k += 1
        else:
            body.append(f"({t}.const {s.value}) ({s.op})")
        if s.spill:
            body.append("(local.set 0) (local.get 0)")
    body.append(WITNESS.format(k=0, r=t))
    locals_ = " ".join([t] * nlocals)
    return parse_module(
        f'(module (func (export "f") (result {t} {t}) (local {locals_}) {" ".join(body)}))'
    )


def check_chain(t: str, start: int, steps: list[Step], flat: bool = False) -> None:
    """The chain property: nanowasm and wasmtime agree bit for bit (or on the trap)."""
    import wasmtime

    from . import oracle

    wasm = chain_module(t, start, steps)
    ours = _call(_subject(wasm, flat), flat, "f", [], t, [])
    store = wasmtime.Store(oracle.engine("wasm3", False))
    inst = wasmtime.Instance(store, wasmtime.Module(store.engine, wasm), [])
    func = inst.exports(store)["f"]
    assert isinstance(func, wasmtime.Func)
    try:
        theirs: list[Any] = ["ok", oracle.call_raw(store, func, [], [t, t], [])]
    except (wasmtime.Trap, wasmtime.WasmtimeError) as exc:
        theirs = list(oracle.trap_kind(exc))
    assert ours == theirs, (start, steps, ours, theirs)
