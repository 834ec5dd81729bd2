"""Wide arithmetic: 128-bit add/sub and the full 64x64->128 products.

The wide-arithmetic proposal (``/work/shared/wasm-proposals/wide-arithmetic.md``)
adds four operators on ``i64`` values.  A 128-bit operand or result is a
(low, high) pair of i64 values; the operators are the 64-bit ones lifted to
128 bits, wrapping modulo 2**128 like ``i64.add`` wraps modulo 2**64.

Values are the engine's i64 representation: unsigned 64-bit bit patterns
(``0 <= v < 2**64``).  Python's integers are unbounded, so each operator is
the exact big-integer operation followed by a split into two halves; there
is no carry logic to get wrong.  Each function returns the pair (low, high)
in stack order.
"""

from __future__ import annotations

_M64 = 0xFFFFFFFFFFFFFFFF
_M128 = (1 << 128) - 1


def _split(v: int) -> tuple[int, int]:
    """A 128-bit value (taken modulo 2**128) as its (low, high) i64 halves."""
    v &= _M128
    return v & _M64, v >> 64


def i64_add128(a_lo: int, a_hi: int, b_lo: int, b_hi: int) -> tuple[int, int]:
    """``i64.add128``: [i64 i64 i64 i64] -> [i64 i64], (a + b) mod 2**128."""
    return _split((a_hi << 64 | a_lo) + (b_hi << 64 | b_lo))


def i64_sub128(a_lo: int, a_hi: int, b_lo: int, b_hi: int) -> tuple[int, int]:
    """``i64.sub128``: [i64 i64 i64 i64] -> [i64 i64], (a - b) mod 2**128."""
    return _split((a_hi << 64 | a_lo) - (b_hi << 64 | b_lo))


def _s64(v: int) -> int:
    return v - (1 << 64) if v >> 63 else v


def i64_mul_wide_s(a: int, b: int) -> tuple[int, int]:
    """``i64.mul_wide_s``: [i64 i64] -> [i64 i64], the signed 128-bit product.

    The product of two signed 64-bit values always fits in 128 signed bits,
    so its two's-complement halves are exact (no wrapping happens).
    """
    return _split(_s64(a) * _s64(b))


def i64_mul_wide_u(a: int, b: int) -> tuple[int, int]:
    """``i64.mul_wide_u``: [i64 i64] -> [i64 i64], the unsigned 128-bit product."""
    return _split(a * b)


FUNCTIONS = {
    "i64.add128": i64_add128,
    "i64.sub128": i64_sub128,
    "i64.mul_wide_s": i64_mul_wide_s,
    "i64.mul_wide_u": i64_mul_wide_u,
}
"""Instruction name -> implementation (the function's name is its ``pyname``)."""
