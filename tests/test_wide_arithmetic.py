"""Wide arithmetic (``i64.add128``, ``i64.sub128``, ``i64.mul_wide_s/u``) against Python's integers.

Each operator is checked, in both compile modes of the executor (structured
and flat, :mod:`interp.compile`), against the arithmetic written out here
independently of :mod:`interp.numerics_wide`: a 128-bit value is
``hi * 2**64 + lo``; add/sub wrap modulo 2**128; the products are exact.
Hypothesis draws operands with a bias to the boundaries (0, 1, 2**63 - 1,
2**63, 2**64 - 1 and their neighbours), and the boundary cross product is
checked exhaustively.  The feature switch refuses the instructions when off.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import interp
from interp.compile import function_source
from interp.text import parse_module

ON = interp.Features().enable("wide_arithmetic")
U64 = 1 << 64
U128 = 1 << 128

WAT = b"""(module
  (func (export "add128") (param i64 i64 i64 i64) (result i64 i64)
    local.get 0 local.get 1 local.get 2 local.get 3 i64.add128)
  (func (export "sub128") (param i64 i64 i64 i64) (result i64 i64)
    local.get 0 local.get 1 local.get 2 local.get 3 i64.sub128)
  (func (export "mul_wide_s") (param i64 i64) (result i64 i64)
    local.get 0 local.get 1 i64.mul_wide_s)
  (func (export "mul_wide_u") (param i64 i64) (result i64 i64)
    local.get 0 local.get 1 i64.mul_wide_u)
  ;; results consumed by later instructions, inside a block and a loop: the
  ;; two slots must be the operands of the next instruction in wasm order
  (func (export "mix") (param i64 i64) (result i64 i64)
    (block (result i64 i64)
      (loop (result i64 i64)
        local.get 0 local.get 1 i64.mul_wide_u      ;; a*b (128 bits)
        local.get 0 local.get 1 i64.mul_wide_s      ;; + signed a*b
        i64.add128
        i64.const 1 i64.const 0
        i64.sub128)))                               ;; - 1
)"""

BOUNDARY = sorted(
    {v % U64 for b in (0, 1 << 32, 1 << 63, U64) for v in (b - 2, b - 1, b, b + 1, b + 2)}
)
u64 = st.one_of(st.sampled_from(BOUNDARY), st.integers(0, U64 - 1))


def s64(v: int) -> int:
    return v - U64 if v >= 1 << 63 else v


def pair(v: int) -> list[int]:
    """A 128-bit result as [low, high] unsigned i64 bit patterns."""
    v %= U128
    return [v % U64, v // U64]


def want(name: str, *a: int) -> list[int]:
    if name == "add128":
        return pair(a[0] + a[1] * U64 + a[2] + a[3] * U64)
    if name == "sub128":
        return pair(a[0] + a[1] * U64 - (a[2] + a[3] * U64))
    if name == "mul_wide_s":
        p = s64(a[0]) * s64(a[1])
        assert -(1 << 127) <= p < 1 << 127  # exact: no wrapping in a signed product
        return pair(p)
    if name == "mul_wide_u":
        return pair(a[0] * a[1])
    assert name == "mix"
    return pair(a[0] * a[1] + s64(a[0]) * s64(a[1]) - 1)


def _instance() -> Any:
    module = interp.decode_module(parse_module(WAT), ON)
    interp.validate_module(module, ON)
    return interp.instantiate(interp.Store(features=ON), module, {})


INST = _instance()
NAMES = ["add128", "sub128", "mul_wide_s", "mul_wide_u", "mix"]


def _compiled(flat: bool) -> dict[str, Callable[..., Any]]:
    """Each export compiled in the given mode, run in the instance's namespace."""
    out = {}
    for index, name in enumerate(NAMES):
        src = function_source(INST, index, flat=flat)
        assert ("pc = 0" in src) == flat
        exec(compile(src, f"<{name}>", "exec"), INST.namespace)
        out[name] = INST.namespace.pop(f"w{index}")
    return out


MODES = {"structured": _compiled(False), "flat": _compiled(True)}


def run(mode: str, name: str, *args: int) -> list[int]:
    return list(MODES[mode][name](*args))


@pytest.mark.parametrize("mode", sorted(MODES))
@settings(max_examples=300, deadline=None)
@given(a=u64, b=u64, c=u64, d=u64)
def test_add_sub128(mode: str, a: int, b: int, c: int, d: int) -> None:
    for name in ("add128", "sub128"):
        assert run(mode, name, a, b, c, d) == want(name, a, b, c, d)


@pytest.mark.parametrize("mode", sorted(MODES))
@settings(max_examples=300, deadline=None)
@given(a=u64, b=u64)
def test_mul_wide(mode: str, a: int, b: int) -> None:
    for name in ("mul_wide_s", "mul_wide_u", "mix"):
        assert run(mode, name, a, b) == want(name, a, b)


@pytest.mark.parametrize("mode", sorted(MODES))
def test_every_boundary(mode: str) -> None:
    for a, b in itertools.product(BOUNDARY, repeat=2):
        for name in ("mul_wide_s", "mul_wide_u", "mix"):
            assert run(mode, name, a, b) == want(name, a, b), (name, a, b)
    for a, b, c, d in itertools.product(BOUNDARY[::3], repeat=4):
        for name in ("add128", "sub128"):
            assert run(mode, name, a, b, c, d) == want(name, a, b, c, d), (name, a, b, c, d)


def test_known_values_through_the_api() -> None:
    m1 = U64 - 1  # results as raw bits (invoke returns i64 signed, as wasmtime-py)
    assert INST.invoke("add128", m1, m1, 1, 0, bits=True) == [0, 0]  # wraps modulo 2**128
    assert INST.invoke("add128", m1, 0, 1, 0, bits=True) == [0, 1]  # carry into the high half
    assert INST.invoke("sub128", 0, 0, 1, 0, bits=True) == [m1, m1]  # borrow through both halves
    assert INST.invoke("mul_wide_u", m1, m1, bits=True) == [1, m1 - 1]  # (2**64-1)**2
    assert INST.invoke("mul_wide_s", m1, m1, bits=True) == [1, 0]  # (-1) * (-1)
    assert INST.invoke("mul_wide_s", 1 << 63, 1 << 63, bits=True) == [0, 1 << 62]  # (-2**63)**2
    assert INST.invoke("mul_wide_s", 1 << 63, 1, bits=True) == [
        1 << 63,
        m1,
    ]  # sign-extended high half


def test_typing_is_checked() -> None:
    bad = b"(module (func (param i64 i64 i64) (result i64 i64) "
    bad += b"local.get 0 local.get 1 local.get 2 i64.add128))"
    module = interp.decode_module(parse_module(bad), ON)
    with pytest.raises(interp.InvalidError, match="type mismatch"):
        interp.validate_module(module, ON)


def test_off_by_default_and_refused_by_name() -> None:
    wasm = parse_module(WAT)
    for feats in (interp.Features(), interp.Features.all().disable("wide_arithmetic")):
        with pytest.raises(interp.FeatureDisabled, match="wide_arithmetic") as info:
            interp.decode_module(wasm, feats)
        assert "i64.add128" in str(info.value)
        with pytest.raises(interp.FeatureDisabled):
            interp.instantiate(interp.Store(features=feats), interp.decode_module(wasm), {})


def test_differential_against_wasmtime_at_the_wide_level() -> None:
    """``wasm-tools smith`` modules with wide arithmetic agree with wasmtime (fuzz level wasm2-wide)."""
    pytest.importorskip("wasmtime")
    from fuzz import diff, toolchain

    if toolchain.smith(b"\x00" * 64, "wasm2-wide") is None:
        pytest.skip("wasm-tools smith unavailable")
    wide_codes = set(interp.wide.WIDE_OPCODES)
    with_wide = 0
    for i in range(40):
        got = diff.generate(11, i, "wasm2-wide")
        if got is None:
            continue
        wasm = got[1]
        module = interp.decode_module(wasm)
        with_wide += any(ins[0] in wide_codes for f in module.funcs for ins in f.body)
        result = diff.compare_module(wasm, "wasm2-wide", seed=i)
        assert result.valid and not result.divergences, (i, result.divergences[:1])
    assert with_wide >= 3  # the level really exercises the instructions
