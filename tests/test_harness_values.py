"""Comparison rules of the spec harness: NaN classes, signed zeros, v128 lanes, refs."""

from __future__ import annotations

import pytest

from harness.values import (
    Expected,
    format_value,
    is_arithmetic_nan,
    is_canonical_nan,
    lanes_to_v128,
    matches,
    parse_arg,
    parse_expected,
    v128_lanes,
)

F32_CANON = 0x7FC00000
F32_NEG_CANON = 0xFFC00000
F32_ARITH = 0x7FC00001  # quiet bit + payload
F32_SNAN = 0x7FA00000  # signalling: quiet bit clear
F64_CANON = 0x7FF8000000000000
F64_ARITH = 0xFFF8000000000123
F64_SNAN = 0x7FF4000000000000


def exp(t: str, v: object) -> Expected:
    return parse_expected({"type": t, "value": v})


@pytest.mark.parametrize("bits", [F32_CANON, F32_NEG_CANON])
def test_canonical_nan_accepts_either_sign(bits: int) -> None:
    assert matches(exp("f32", "nan:canonical"), ("f32", bits))


@pytest.mark.parametrize("bits", [F32_ARITH, F32_SNAN, 0x7F800000, 0x3F800000])
def test_canonical_nan_rejects_other_payloads_and_non_nans(bits: int) -> None:
    assert not matches(exp("f32", "nan:canonical"), ("f32", bits))


@pytest.mark.parametrize("bits", [F32_CANON, F32_NEG_CANON, F32_ARITH, 0xFFFFFFFF])
def test_arithmetic_nan_accepts_any_quiet_payload(bits: int) -> None:
    assert matches(exp("f32", "nan:arithmetic"), ("f32", bits))


@pytest.mark.parametrize("bits", [F32_SNAN, 0x7F800000, 0xFF800000, 0])
def test_arithmetic_nan_rejects_signalling_and_infinities(bits: int) -> None:
    assert not matches(exp("f32", "nan:arithmetic"), ("f32", bits))


def test_f64_nan_classes() -> None:
    assert is_canonical_nan("f64", F64_CANON)
    assert not is_canonical_nan("f64", F64_ARITH)
    assert is_arithmetic_nan("f64", F64_ARITH)
    assert not is_arithmetic_nan("f64", F64_SNAN)
    assert matches(exp("f64", "nan:canonical"), ("f64", F64_CANON | 1 << 63))
    assert not matches(exp("f64", "nan:arithmetic"), ("f64", F64_SNAN))


def test_specific_nan_payload_is_bit_exact() -> None:
    want = exp("f32", str(F32_SNAN))
    assert matches(want, ("f32", F32_SNAN))
    assert not matches(want, ("f32", F32_SNAN | 0x00400000))  # quietened: wrong


def test_signed_zeros_differ() -> None:
    assert matches(exp("f32", "2147483648"), ("f32", 0x80000000))
    assert not matches(exp("f32", "2147483648"), ("f32", 0))
    assert not matches(exp("f64", "0"), ("f64", 1 << 63))


def test_integers_by_bit_pattern() -> None:
    assert parse_arg({"type": "i32", "value": "-1"}) == ("i32", 0xFFFFFFFF)
    assert matches(exp("i32", "4294967295"), ("i32", 0xFFFFFFFF))
    assert not matches(exp("i32", "1"), ("i64", 1))  # type matters
    assert not matches(exp("i64", "1"), ("i64", 2))


def test_v128_lanes_roundtrip() -> None:
    v = lanes_to_v128("i16", [1, 2, 3, 4, 5, 6, 7, 0xFFFF])
    assert v128_lanes("i16", v) == [1, 2, 3, 4, 5, 6, 7, 0xFFFF]
    assert v & 0xFFFF == 1  # lane 0 is the least significant


def test_v128_lane_by_lane_with_nan_patterns() -> None:
    want = parse_expected(
        {
            "type": "v128",
            "lane_type": "f32",
            "value": ["nan:canonical", "nan:arithmetic", "0", "2147483648"],
        }
    )
    good = lanes_to_v128("f32", [F32_NEG_CANON, F32_ARITH, 0, 0x80000000])
    assert matches(want, ("v128", good))
    for lane, bad in [(0, F32_ARITH), (1, F32_SNAN), (2, 0x80000000), (3, 0)]:
        lanes = v128_lanes("f32", good)
        lanes[lane] = bad
        assert not matches(want, ("v128", lanes_to_v128("f32", lanes))), lane


def test_v128_integer_lanes() -> None:
    want = parse_expected({"type": "v128", "lane_type": "i8", "value": ["-1"] + ["0"] * 15})
    assert matches(want, ("v128", 0xFF))
    assert not matches(want, ("v128", 0x1FF))


def test_references() -> None:
    assert matches(exp("externref", "null"), ("externref", None))
    assert matches(exp("externref", "3"), ("externref", 3))
    assert not matches(exp("externref", "3"), ("externref", 4))
    assert not matches(exp("externref", "3"), ("externref", None))
    assert not matches(exp("externref", "null"), ("funcref", None))  # other hierarchy
    assert matches(exp("funcref", "null"), ("funcref", None))
    any_func = parse_expected({"type": "funcref"})
    assert matches(any_func, ("funcref", ("func", 1)))
    assert not matches(any_func, ("funcref", None))
    assert not matches(any_func, ("externref", 1))
    refnull = parse_expected({"type": "refnull"})
    assert matches(refnull, ("externref", None)) and matches(refnull, ("funcref", None))
    assert not matches(refnull, ("externref", 0))


def test_gc_reference_kinds() -> None:
    eq = parse_expected({"type": "eqref"})
    assert matches(eq, ("structref", 1)) and matches(eq, ("i31ref", 5))
    assert not matches(eq, ("funcref", 1))
    assert matches(parse_expected({"type": "nullref"}), ("anyref", None))
    assert not matches(parse_expected({"type": "structref"}), ("arrayref", 1))


def test_either() -> None:
    want = parse_expected(
        {"type": "either", "values": [{"type": "i32", "value": "1"}, {"type": "i32", "value": "2"}]}
    )
    assert matches(want, ("i32", 2))
    assert not matches(want, ("i32", 3))


def test_human_forms_show_bits() -> None:
    assert "0xffffffff" in format_value(("i32", 0xFFFFFFFF)) and "-1" in format_value(
        ("i32", 0xFFFFFFFF)
    )
    assert "-0.0" in format_value(("f32", 0x80000000))
    assert "nan:0x200000" in format_value(("f32", F32_SNAN))
    assert "0x" in format_value(("v128", 5), "i32")
