"""Per-instruction properties against wasmtime (hypothesis profile ``ci``)."""

from __future__ import annotations

from typing import Any

import pytest

pytest.importorskip("wasmtime")

from fuzz import properties as P


def test_every_scalar_numeric_instruction_is_covered() -> None:
    names = set(P.NUMERIC_OPS)
    assert {
        "i32.add",
        "i64.rem_s",
        "f32.min",
        "f64.nearest",
        "i32.trunc_sat_f64_u",
        "f32.demote_f64",
        "i64.extend32_s",
    } <= names
    assert len(names) >= 130


@pytest.mark.parametrize("op", P.NUMERIC_OPS)
def test_instruction_matches_wasmtime(op: str) -> None:
    P.property_for(op, "ci")()


# The NaN rule itself (spec 4.3.3), so a too-lenient ``agrees`` would fail here.
CANON = 0x7FC00000
ARITH = 0x7FC00001


def test_nan_rule_requires_canonical_for_canonical_inputs() -> None:
    theirs = ["ok", [CANON]]
    assert P.agrees("f32.add", [CANON, 0], ["ok", [0xFFC00000]], theirs)
    assert not P.agrees("f32.add", [CANON, 0], ["ok", [ARITH]], theirs)
    assert not P.agrees("f32.add", [0x7F800000, 0xFF800000], ["ok", [ARITH]], theirs)


def test_nan_rule_allows_arithmetic_nan_for_payload_inputs() -> None:
    theirs = ["ok", [CANON]]
    assert P.agrees("f32.mul", [0x7FA00001, 0x3F800000], ["ok", [0x7FE00001]], theirs)
    assert not P.agrees(
        "f32.mul", [0x7FA00001, 0x3F800000], ["ok", [0x7FA00001]], theirs
    )  # signalling


def test_bit_operations_are_exact() -> None:
    assert not P.agrees("f32.neg", [0x7FA00001], ["ok", [0xFFE00001]], ["ok", [0xFFA00001]])
    assert not P.agrees("i32.add", [1, 2], ["ok", [4]], ["ok", [3]])
    assert not P.agrees("i32.div_s", [1, 0], ["trap", "int-overflow"], ["trap", "int-div-zero"])


# -- 3.0 instruction families (GC casts and i31), both compile modes, and wasmtime ------------

from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

SMALL = settings(
    max_examples=10,
    derandomize=True,
    database=None,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)


@pytest.mark.parametrize("flat", [False, True], ids=["structured", "flat"])
@SMALL
@given(types=P.hierarchies())
def test_casts_agree_with_the_matcher(flat: bool, types: list[P.TypeSpec]) -> None:
    P.check_casts(types, flat)


def test_cast_property_sees_canonical_equality_and_declared_subtyping() -> None:
    """Hand-picked hierarchies the property must get right (and can fail on): equal
    groups in different places are one type; a declared subtype matches its super
    only one way; a final type with the same structure as an open one is distinct."""
    T = P.TypeSpec
    same = [T(0, False, None, "f0"), T(1, False, None, "f0")]
    assert P.expected_matches(P.parse_module(P.cast_module(same)), 2) == [
        [True, True],
        [True, True],
    ]
    chain = [T(0, False, None, "fr"), T(1, True, 0, "fr"), T(2, True, None, "f0")]
    want = P.expected_matches(P.parse_module(P.cast_module(chain)), 3)
    assert want == [[True, False, False], [True, True, False], [False, False, True]]
    final_vs_open = [T(0, False, None, "f0"), T(1, True, None, "f0")]
    assert P.expected_matches(P.parse_module(P.cast_module(final_vs_open)), 2) == [
        [True, False],
        [False, True],
    ]
    for types in (same, chain, final_vs_open):
        P.check_casts(types)


@pytest.mark.parametrize("flat", [False, True], ids=["structured", "flat"])
@SMALL
@given(values=st.lists(P.i32_bits, min_size=1, max_size=6))
def test_i31_round_trips_against_python_integers(flat: bool, values: list[int]) -> None:
    P.check_i31(values, flat)


def test_i31_expectations_are_the_spec_rule() -> None:
    assert P.i31_expected(0x40000000)["get_s"] == 0xC0000000  # bit 30 is the sign
    assert P.i31_expected(0x40000000)["get_u"] == 0x40000000
    assert P.i31_expected(0x80000001)["get_u"] == 1  # bit 31 is dropped
    assert P.i31_expected(0xFFFFFFFF)["get_s"] == 0xFFFFFFFF


def _has_gc_objects() -> bool:
    from interp.opcodes import BY_NAME

    return {"struct.new", "array.new", "struct.get_s", "array.get_u"} <= set(BY_NAME)


@pytest.mark.skipif(
    not _has_gc_objects(),
    reason="the engine has no struct/array instructions yet (GC heap objects land with issue 10)",
)
@pytest.mark.parametrize("flat", [False, True], ids=["structured", "flat"])
@SMALL
@given(values=st.lists(P.i32_bits, min_size=1, max_size=4))
def test_packed_fields_wrap_and_extend(flat: bool, values: list[int]) -> None:
    P.check_packed(values, flat)


def test_packed_expectations_are_the_spec_rule() -> None:
    """Runs whatever the engine has: the Python side of the packed-field property."""
    assert P.packed_expected(0x1FF, 8, False) == 0xFF
    assert P.packed_expected(0x180, 8, True) == 0xFFFFFF80
    assert P.packed_expected(0x7F, 8, True) == 0x7F
    assert P.packed_expected(0x12348000, 16, True) == 0xFFFF8000
    assert P.packed_expected(0x12348000, 16, False) == 0x8000


# -- the compiler's integer expressions: folding and deferred masks (interp.exprs) -----------

from fuzz import folding as F  # noqa: E402


def test_fold_property_covers_every_integer_binop() -> None:
    assert {"i32.add", "i64.sub", "i32.shl", "i64.rotr", "i32.div_s", "i64.lt_s"} <= set(
        F.INT_BINOPS
    )
    assert len(F.INT_BINOPS) == 2 * 25


@pytest.mark.parametrize("flat", [False, True], ids=["structured", "flat"])
@pytest.mark.parametrize("op", F.INT_BINOPS)
@SMALL
@given(data=st.data())
def test_folded_constants_equal_run_time_and_numerics(flat: bool, op: str, data: Any) -> None:
    t = op.split(".")[0]
    F.check_fold(op, data.draw(F.operand(t)), data.draw(F.operand(t)), flat)


def test_fold_property_sees_traps_and_wraps() -> None:
    """Hand-picked operands the property must get right: wrap-around, the
    shift count's low bits, signed comparison, division traps (not folded)."""
    F.check_fold("i32.add", 0xFFFFFFFF, 1)
    F.check_fold("i64.mul", 1 << 63, 3)
    F.check_fold("i32.shl", 1, 33)
    F.check_fold("i32.lt_s", 0x80000000, 1)
    F.check_fold("i64.lt_s", 1 << 63, 5)  # the i64 sign bit, not the result's (an i32)
    F.check_fold("i64.ge_s", 7, 1 << 63)
    F.check_fold("i32.div_s", 0x80000000, 0xFFFFFFFF)
    F.check_fold("i64.rem_u", 5, 0)
    # inline forms of a constant right operand (compile.op_special): the
    # count modulo N, the zero count, a divisor that cannot trap
    for op, a, b in (
        ("i32.rotl", 0x80000001, 33),
        ("i32.rotl", 0xDEADBEEF, 32),
        ("i32.rotr", 0x80000001, 31),
        ("i64.rotl", (1 << 64) - 2, 127),
        ("i64.rotr", 0x8000000000000001, 64),
        ("i32.div_u", 0xFFFFFFFF, 7),
        ("i64.div_u", (1 << 64) - 1, 1),
        ("i32.rem_u", 0xFFFFFFFF, 0x80000000),
        ("i64.rem_u", (1 << 64) - 1, 10),
    ):
        F.check_fold(op, a, b)
    assert F.numerics_result("i32.div_u", 1, 0)[0] == "trap"
    assert F.numerics_result("i32.sub", 0, 1) == ["ok", [0xFFFFFFFF, 0]]  # value, its clz


@pytest.mark.parametrize("flat", [False, True], ids=["structured", "flat"])
@pytest.mark.parametrize("t", ["i32", "i64"])
@SMALL
@given(data=st.data())
def test_integer_chains_match_wasmtime(flat: bool, t: str, data: Any) -> None:
    start, steps = data.draw(F.chains(t))
    F.check_chain(t, start, steps, flat)


@pytest.mark.parametrize("flat", [False, True], ids=["structured", "flat"])
@pytest.mark.parametrize("consumer", sorted(F.CONSUMERS))
@pytest.mark.parametrize("t", ["i32", "i64"])
@settings(
    max_examples=4,
    derandomize=True,
    database=None,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
@given(data=st.data())
def test_chains_feed_every_consumer_like_wasmtime(
    flat: bool, consumer: str, t: str, data: Any
) -> None:
    """A deferred or folded value reaching each kind of consumer (local, global,
    store, call, host call, branch value, conditions, br_table, address,
    comparisons with a constant, shifts, division, conversion) is exact there."""
    start, steps = data.draw(F.chains(t))
    F.check_chain(t, start, steps, flat, consumer)


def test_i64_signed_comparison_with_a_constant_uses_the_i64_sign() -> None:
    """Regression (main e1c39b2): ``i64.lt_s x 0`` flipped bit 31 (the sign of its
    i32 result) instead of bit 63, so printf saw 3 as negative and the CLI's
    WASI test printed ``argc=-18446744073709551613``."""
    wasm = P.parse_module(
        """(module (func (export "neg") (param i64) (result i32)
             (i64.lt_s (local.get 0) (i64.const 0)))
           (func (export "pos") (param i64) (result i32)
             (i64.gt_s (i64.const 0) (local.get 0))))"""
    )
    import interp

    module = interp.decode_module(wasm)
    interp.validate_module(module)
    inst = interp.instantiate(interp.Store(), module, {})
    for x, negative in ((3, 0), (-3, 1), (1 << 31, 0), (-(1 << 62), 1)):
        assert inst.invoke("neg", x) == [negative], x
        assert inst.invoke("pos", x) == [negative], x


def test_long_deferred_chain_wraps_like_wasmtime() -> None:
    """A chain long enough to exceed the deferral slack and the expression limits."""
    steps = [
        F.Step("i32.add" if k % 3 else "i32.mul", 0xFFFFFFF1 - k, k % 2 == 0, k % 9 == 0)
        for k in range(200)
    ]
    F.check_chain("i32", 0x7FFFFFFF, steps)
    F.check_chain(
        "i64",
        1 << 63,
        [F.Step("i64.sub", (1 << 64) - 1 - k, k % 2 == 1, False) for k in range(200)],
    )
