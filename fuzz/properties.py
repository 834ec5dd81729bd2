"""Per-instruction properties: every scalar numeric instruction against wasmtime.

One module exports one function per instruction (``"i32.add"`` ->
``local.get 0; local.get 1; i32.add``); it is compiled once in each engine.
Operands are raw bit patterns biased to the edges (NaNs with payloads,
signalling NaNs, infinities, signed zeros, subnormals, integer boundaries).

Agreement means: the same trap kind, or the same result bits -- except where
the spec leaves NaN bits open (spec 4.3.3 "NaN propagation"): for the
*arithmetic* float instructions a NaN result only has to be the NaN the spec
allows (canonical if every NaN operand is canonical, else any arithmetic
NaN, either sign), since wasmtime canonicalizes.  Bit-manipulating
instructions (``neg``, ``abs``, ``copysign``, reinterpretations) are
compared exactly.

Hypothesis profiles: ``ci`` (bounded, derandomized, no example database;
used by ``tests/test_fuzz_properties.py``) and ``fuzz`` (thousands of
examples per instruction)::

    python -m fuzz.properties --profile fuzz [--ops f32.min,i64.rem_s]
"""

from __future__ import annotations

import argparse
import atexit
import sys
import time
from functools import lru_cache
from typing import Any

import wasmtime
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st

import interp
from interp.features import BY_NAME as BY_FEATURE
from interp.opcodes import OPCODES

from . import oracle
from .strategies import ARITHMETIC_FLOAT  # float ops with nondeterministic NaN bits
from .subject import Subject
from .values import EDGES, FLOAT_LAYOUT, MASK, is_arithmetic_nan, is_canonical_nan, is_nan
from .wasmenc import Function, ModuleBuilder, opcode

settings.register_profile(
    "ci",
    max_examples=20,
    derandomize=True,
    database=None,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
settings.register_profile(
    "fuzz",
    max_examples=3000,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)

_NUM = {"i32", "i64", "f32", "f64"}

NUMERIC_OPS: list[str] = sorted(
    info.name
    for info in OPCODES.values()
    if info.imm == ""
    and info.params
    and info.results is not None
    and set(info.params) | set(info.results) <= _NUM
    and (info.feature is None or BY_FEATURE[info.feature].standard == "2.0")
)
"""Every scalar numeric instruction of WebAssembly 2.0 (no immediates, numeric
operands/results): the oracle runs wasmtime at the ``wasm2`` level, so the
wide-arithmetic instructions (beyond 3.0) are checked by their own
properties in ``tests/test_wide_arithmetic.py``."""


def signature(op: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    from interp.opcodes import BY_NAME

    info = BY_NAME[op]
    assert info.params is not None and info.results is not None
    return info.params, info.results


@lru_cache(maxsize=1)
def ops_module() -> bytes:
    """The module exporting one function per instruction of :data:`NUMERIC_OPS`."""
    from interp.opcodes import BY_NAME

    funcs = []
    for op in NUMERIC_OPS:
        params, results = signature(op)
        body = b"".join(b"\x20" + bytes([i]) for i in range(len(params))) + opcode(BY_NAME[op].code)
        funcs.append(Function(params, results, body, export=op))
    return ModuleBuilder(funcs).encode()


class Pair:
    """Both engines with the ops module instantiated."""

    def __init__(self) -> None:
        wasm = ops_module()
        self.ours = Subject(wasm, timeout=5.0)
        assert self.ours.load() == ["ok"] and self.ours.instantiate() == ["ok"]
        self.store = wasmtime.Store(oracle.engine("wasm2", False))
        inst = wasmtime.Instance(self.store, wasmtime.Module(self.store.engine, wasm), [])
        self.theirs = dict(inst.exports(self.store).items())

    def run(self, op: str, args: list[int]) -> tuple[list[Any], list[Any]]:
        params, results = signature(op)
        a = self.ours.call(op, list(params), list(results), list(args))
        func = self.theirs[op]
        assert isinstance(func, wasmtime.Func)
        try:
            b = [
                "ok",
                oracle.call_raw(self.store, func, list(params), list(results), list(args)),
            ]
        except (wasmtime.Trap, wasmtime.WasmtimeError) as exc:
            b = list(oracle.trap_kind(exc))
        return a, b


@lru_cache(maxsize=1)
def pair() -> Pair:
    atexit.register(pair.cache_clear)  # drop wasmtime objects before interpreter teardown
    return Pair()


# -- NaN rules (spec 4.3.3) ---------------------------------------------------------

_FLOAT = FLOAT_LAYOUT


def agrees(op: str, args: list[int], ours: list[Any], theirs: list[Any]) -> bool:
    """Whether our outcome is one the spec allows, given wasmtime's."""
    if ours == theirs:
        return True
    if ours[0] != "ok" or theirs[0] != "ok":
        return False
    params, results = signature(op)
    t = results[0]
    if t not in _FLOAT or op.split(".")[1] not in ARITHMETIC_FLOAT:
        return False
    x, y = ours[1][0], theirs[1][0]
    if not (is_nan(t, x) and is_nan(t, y)):
        return False
    nan_inputs = [a for pt, a in zip(params, args, strict=True) if pt in _FLOAT and is_nan(pt, a)]
    if all(
        is_canonical_nan(pt, a)
        for pt, a in zip(params, args, strict=True)
        if pt in _FLOAT and is_nan(pt, a)
    ):
        return is_canonical_nan(t, x)  # includes "no NaN operand" (e.g. inf - inf)
    return bool(nan_inputs) and is_arithmetic_nan(t, x)


# -- strategies ---------------------------------------------------------------------


def operand(t: str) -> st.SearchStrategy[int]:
    """Raw bits of type ``t``, biased to the edges."""
    mask = MASK[t]
    choices = [st.sampled_from(EDGES[t]), st.integers(0, mask)]
    if t in _FLOAT:
        e, m = _FLOAT[t]
        exp_all = ((1 << e) - 1) << m
        sign = st.sampled_from([0, 1 << (e + m)])
        nan = st.builds(lambda s, p: s | exp_all | p, sign, st.integers(1, (1 << m) - 1))
        subnormal = st.builds(lambda s, p: s | p, sign, st.integers(1, (1 << m) - 1))
        near_int = st.builds(
            lambda s, k: s | k,
            sign,
            st.integers((127 if t == "f32" else 1023) << m, (190 if t == "f32" else 1086) << m),
        )
        choices += [nan, subnormal, near_int]
    else:
        bits = 32 if t == "i32" else 64
        choices.append(
            st.integers(0, bits + 1).map(
                lambda k: ((1 << k) - 1) & mask if k <= bits else 1 << (bits - 1)
            )
        )
    return st.one_of(*choices)


def operands(op: str) -> st.SearchStrategy[list[int]]:
    params, _ = signature(op)
    return st.tuples(*[operand(t) for t in params]).map(list)


def check(op: str, args: list[int]) -> None:
    """The property: raise AssertionError with both outcomes on disagreement."""
    ours, theirs = pair().run(op, args)
    assert agrees(op, args, ours, theirs), (
        f"{op}{tuple(hex(a) for a in args)}: nanowasm {_fmt(ours)} vs wasmtime {_fmt(theirs)}"
    )


def _fmt(outcome: list[Any]) -> str:
    if outcome[0] == "ok":
        return "ok " + ",".join(hex(v) if isinstance(v, int) else str(v) for v in outcome[1])
    return " ".join(str(x) for x in outcome)


def property_for(op: str, profile: str = "ci", max_examples: int | None = None):
    """A runnable hypothesis test of instruction ``op`` under ``profile``."""
    from hypothesis import given

    chosen = settings.get_profile(profile)
    if max_examples:
        chosen = settings(chosen, max_examples=max_examples)

    @settings(chosen)
    @given(operands(op))
    def test(args: list[int]) -> None:
        check(op, args)

    test.__name__ = f"test_{op.replace('.', '_')}"
    return test


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m fuzz.properties")
    p.add_argument("--profile", default="fuzz", choices=["ci", "fuzz"])
    p.add_argument("--ops", help="comma-separated instruction names (default: all)")
    p.add_argument("--examples", type=int, help="override the profile's max_examples")
    a = p.parse_args(argv)
    ops = a.ops.split(",") if a.ops else NUMERIC_OPS
    failed = 0
    t0 = time.monotonic()
    for op in ops:
        try:
            property_for(op, a.profile, a.examples)()
            print(f"ok   {op}", flush=True)
        except AssertionError as exc:
            failed += 1
            print(f"FAIL {op}: {str(exc).splitlines()[-1] if str(exc) else exc}", flush=True)
    print(
        f"{len(ops) - failed}/{len(ops)} instructions agree ({time.monotonic() - t0:.1f}s, profile {a.profile})"
    )
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())

__all__ = ["NUMERIC_OPS", "agrees", "check", "interp", "operands", "property_for"]
