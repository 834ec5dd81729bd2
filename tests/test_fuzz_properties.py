"""Per-instruction properties against wasmtime (hypothesis profile ``ci``)."""

from __future__ import annotations

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
