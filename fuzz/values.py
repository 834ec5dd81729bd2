"""Values and outcomes shared by both sides of a differential comparison.

Everything is a bit pattern so that comparisons are exact and JSON-friendly:

* a numeric value is ``int`` (unsigned bits; f32/f64 as their IEEE bits,
  v128 as a 128-bit int);
* a reference is ``"null"`` or ``"ref"`` (identities differ between engines);
* an outcome is a list ``["ok", [bits...]]``, ``["trap", kind]`` or
  ``["inconclusive", reason]`` (out of fuel, stack exhaustion, timeout:
  never counted as agreement).

Trap kinds are engine-neutral names (:data:`TRAP_KINDS`): our engine reports
the reference interpreter's messages, wasmtime reports trap codes.
"""

from __future__ import annotations

import random

from harness.values import is_arithmetic_nan, is_canonical_nan, is_nan

MASK = {
    "i32": (1 << 32) - 1,
    "f32": (1 << 32) - 1,
    "i64": (1 << 64) - 1,
    "f64": (1 << 64) - 1,
    "v128": (1 << 128) - 1,
}

TRAP_KINDS = (
    "unreachable",
    "int-div-zero",
    "int-overflow",
    "bad-conversion",
    "oob-memory",
    "oob-table",
    "indirect-null",
    "indirect-type",
    # 3.0 and the threads proposal
    "null-ref",
    "oob-array",
    "cast",
    "exception",
    "unaligned-atomic",
    "wait-unshared",
)

# Reference-interpreter trap messages (our engine) -> kind.  Prefix match:
# the engine may append detail after the standard text.
NANOWASM_TRAP_MESSAGES = {
    "unreachable": "unreachable",
    "integer divide by zero": "int-div-zero",
    "integer overflow": "int-overflow",
    "invalid conversion to integer": "bad-conversion",
    "out of bounds memory access": "oob-memory",
    "out of bounds table access": "oob-table",
    "undefined element": "oob-table",
    "uninitialized element": "indirect-null",
    "indirect call type mismatch": "indirect-type",
    # wasmtime has one code (NULL_REFERENCE) for every null dereference; its
    # call_indirect on a null entry stays INDIRECT_CALL_TO_NULL
    "null function reference": "null-ref",
    "null structure reference": "null-ref",
    "null array reference": "null-ref",
    "null i31 reference": "null-ref",
    "null exception reference": "null-ref",
    "null reference": "null-ref",
    "out of bounds array access": "oob-array",
    "cast failure": "cast",
    "unaligned atomic": "unaligned-atomic",
    "expected shared memory": "wait-unshared",
}


def nanowasm_trap_kind(message: str) -> str:
    for prefix, kind in NANOWASM_TRAP_MESSAGES.items():
        if message.startswith(prefix):
            return kind
    return "unknown:" + message[:60]


# -- edge-biased arguments -------------------------------------------------------

_EDGE_I32 = [
    0,
    1,
    0xFFFFFFFF,
    0x7FFFFFFF,
    0x80000000,
    2,
    0xFFFFFFFE,
    0x8000,
    0xFFFF,
    0x10000,
    65536 * 16 - 4,
]
_EDGE_I64 = [0, 1, (1 << 64) - 1, (1 << 63) - 1, 1 << 63, 0xFFFFFFFF, 1 << 32, 0x80000000, 2]
_EDGE_F32 = [
    0x00000000,
    0x80000000,  # +-0
    0x3F800000,
    0xBF800000,  # +-1
    0x7F800000,
    0xFF800000,  # +-inf
    0x7FC00000,
    0xFFC00000,  # canonical NaNs
    0x7FA00000,
    0x7F800001,  # signalling NaNs
    0x7FC00001,
    0xFFFFFFFF,  # arithmetic NaNs with payload
    0x00000001,
    0x807FFFFF,  # subnormals
    0x00800000,
    0x7F7FFFFF,
    0xFF7FFFFF,  # smallest normal, +-max
    0x4F000000,
    0xCF000000,
    0x4F800000,
    0x5F000000,  # 2^31, -2^31, 2^32, 2^63
    0x3F000000,
    0x3FC00000,
    0x40200000,  # 0.5, 1.5, 2.5
]
_EDGE_F64 = [
    0,
    1 << 63,
    0x3FF0000000000000,
    0xBFF0000000000000,
    0x7FF0000000000000,
    0xFFF0000000000000,
    0x7FF8000000000000,
    0xFFF8000000000000,
    0x7FF4000000000000,
    0x7FF0000000000001,
    0x7FF8000000000001,
    0xFFFFFFFFFFFFFFFF,
    1,
    0x800FFFFFFFFFFFFF,
    0x0010000000000000,
    0x7FEFFFFFFFFFFFFF,
    0xFFEFFFFFFFFFFFFF,
    0x41E0000000000000,
    0xC1E0000000000000,
    0x41F0000000000000,
    0x43E0000000000000,
    0xC3E0000000000000,
    0x3FE0000000000000,
    0x3FF8000000000000,
    0x4004000000000000,
]
EDGES = {"i32": _EDGE_I32, "i64": _EDGE_I64, "f32": _EDGE_F32, "f64": _EDGE_F64}


def edge_value(t: str, rng: random.Random) -> int | str:
    """One argument of type ``t``: an edge value most of the time, else random bits."""
    t = str(t)  # a nanowasm value type prints as its text-format name
    if t.endswith("ref"):  # funcref, externref, anyref, exnref: always null
        return "null"
    if t == "v128":
        parts = [
            rng.choice(_EDGE_I32) if rng.random() < 0.7 else rng.getrandbits(32) for _ in range(4)
        ]
        return sum(p << (32 * i) for i, p in enumerate(parts))
    if rng.random() < 0.75:
        return rng.choice(EDGES[t])
    return rng.getrandbits(32 if t in ("i32", "f32") else 64)


def arg_vectors(params: tuple[str, ...], rng: random.Random, count: int) -> list[list[int | str]]:
    """``count`` argument lists for a function with ``params``; the first is all zeros."""
    out: list[list[int | str]] = [[("null" if t.endswith("ref") else 0) for t in params]]
    while len(out) < count:
        out.append([edge_value(t, rng) for t in params])
    return out[: max(count, 1)]


# -- NaN classes (spec 4.3.3) ---------------------------------------------------------

FLOAT_LAYOUT = {"f32": (8, 23), "f64": (11, 52)}  # exponent bits, mantissa bits


# The NaN classes are the harness's (one NaN module for the whole testbed):
# the spec suite's ``nan:canonical`` / ``nan:arithmetic`` and the fuzzers'
# comparisons can never disagree on what a canonical NaN is.
__all__ = ["is_arithmetic_nan", "is_canonical_nan", "is_nan"]


def nan_equivalent(t: str, ours: object, theirs: object) -> bool:
    """Our arithmetic NaN where wasmtime (canonicalizing) has the canonical one.

    The spec lets an arithmetic instruction with a non-canonical NaN operand
    return any arithmetic NaN; wasmtime's NaN canonicalization returns the
    canonical one.  smith's own canonicalization misses some paths (e.g. a
    ``br_if`` carrying an ``f64.promote_f32`` result out of the function), so
    these pairs are an explained difference, not a finding.  A non-canonical
    NaN from wasmtime is never excused: it comes from a bit-exact path.
    """
    t = str(t)  # a nanowasm value type prints as its text-format name
    if t not in FLOAT_LAYOUT or not isinstance(ours, int) or not isinstance(theirs, int):
        return False
    return is_canonical_nan(t, theirs) and is_arithmetic_nan(t, ours)
