"""Numeric operators, bit-exact (spec 4.3 "Numerics", 4.4.1 "Numeric Instructions").

One function per numeric instruction of :mod:`interp.opcodes`, named by
``OpInfo.pyname`` (``i32.add`` -> :func:`i32_add`).  The executor either calls
them or pastes the expression templates of :data:`INLINE` into the Python
code it generates; :data:`TRAPPING` lists the operators that may raise
:class:`~interp.errors.Trap`.

Value representation (shared by the whole engine)
--------------------------------------------------

* ``i32`` / ``i64``: non-negative ints holding the unsigned bit pattern.
  ``bool`` is accepted everywhere (comparisons produce bools; ``True == 1``).
* ``f64``: a Python float, bit-exact.  Values are moved, never "touched":
  a signalling NaN stays signalling until an arithmetic operator quiets it.
* ``f32``: a Python float holding an exactly representable single.  NaN
  payloads map bit-for-bit: f32 ``s | 0xFF | m`` (``m != 0``, 23 bits) is the
  double ``s | 0x7FF | m << 29``.  The quiet bit (f32 bit 22) lands on the
  double quiet bit (bit 51), so signalling f32 NaNs are signalling doubles
  and hardware quieting of the double quiets the f32 exactly as the spec's
  ``nans`` rules expect.  Sign, ``abs``, ``neg`` and ``copysign`` are then the
  same operations on both types.

f32 arithmetic is computed in double and rounded once to single by
:func:`fround`.  For ``+ - * /`` and ``sqrt`` this double rounding is
innocuous because 53 >= 2*24 + 2 (S. A. Figueroa, "When is double rounding
innocuous?", SIGNUM Newsletter 30(3), 1995): the double result rounded to
single equals the correctly rounded single result.  It is *not* innocuous for
i64 -> f32 conversions (64-bit integers are rounded to 53 bits first), so
:func:`f32_convert_i64_s` / ``_u`` round the integer directly.

NaN results (spec 4.3.3 "NaN Propagation"): canonical NaN inputs must give
canonical NaN outputs, anything else an arithmetic (quiet) NaN.  The
hardware double operations that CPython uses (x86-64 SSE, AArch64) propagate
the first NaN operand quieted, and produce the default NaN
``0xFFF8000000000000`` (x86) / ``0x7FF8000000000000`` (ARM) for invalid
operations: both canonical.  The tests check this on the running machine.
"""

from __future__ import annotations

import math
import struct
from math import copysign, inf

from .errors import Trap, TrapCode
from .opcodes import OPCODES as _OPCODES

# -- bit patterns ------------------------------------------------------------------

_S_F = struct.Struct("<f")
_S_D = struct.Struct("<d")
_S_I = struct.Struct("<I")
_S_Q = struct.Struct("<Q")
_pack_f = _S_F.pack
_unpack_f = _S_F.unpack
_pack_d = _S_D.pack
_unpack_d = _S_D.unpack
_pack_I = _S_I.pack
_unpack_I = _S_I.unpack
_pack_Q = _S_Q.pack
_unpack_Q = _S_Q.unpack

_M32 = 0xFFFFFFFF
_M64 = 0xFFFFFFFFFFFFFFFF
_F64_QUIET = 0x0008000000000000  # double quiet bit (mantissa MSB)
_F32_LOW = 0x1FFFFFFF  # double mantissa bits below the 23 an f32 can hold


def f64_from_bits(b: int) -> float:
    """The double with IEEE bits ``b`` (memcpy: signalling NaNs survive)."""
    return _unpack_d(_pack_Q(b))[0]


def f64_to_bits(z: float) -> int:
    """The IEEE bits of a double as an unsigned int."""
    return _unpack_Q(_pack_d(z))[0]


_CANON_NAN = f64_from_bits(0x7FF8000000000000)  # + nan(canon), for f64 and (mapped) f32


def f32_from_bits(b: int) -> float:
    """The f32 value with bits ``b``, in the engine's double representation.

    NaNs are mapped by hand: ``struct``'s ``'f'`` converts through a C float,
    and the float -> double conversion quiets signalling NaNs on x86.
    """
    if (b & 0x7F800000) == 0x7F800000 and b & 0x7FFFFF:
        return _unpack_d(
            _pack_Q((b & 0x80000000) << 32 | 0x7FF0000000000000 | (b & 0x7FFFFF) << 29)
        )[0]
    return _unpack_f(_pack_I(b))[0]


def f32_to_bits(z: float) -> int:
    """The f32 bits of a value in the engine's f32 representation.

    ``z`` must be an exactly representable single (every f32 operator here
    returns one); NaN payload bits below the 23 an f32 holds are dropped,
    and a NaN whose payload lies entirely there becomes quiet rather than an
    infinity.
    """
    if z != z:
        b = _unpack_Q(_pack_d(z))[0]
        m = (b >> 29) & 0x7FFFFF
        return (b >> 32) & 0x80000000 | 0x7F800000 | (m or 0x400000)
    return _unpack_I(_pack_f(z))[0]


def fround(x: float) -> float:
    """Round a double to the nearest single (ties to even), as a double.

    Overflow gives a signed infinity.  NaN inputs must be *quiet* (true for
    every result of double arithmetic); they come back with the payload bits
    below the f32 width cleared, i.e. the top 23 payload bits are kept.
    Signalling NaNs are handled by the callers that can see them
    (:func:`f32_demote_f64`).

    Implementation choice (measured on CPython 3.11, x86-64, per call incl.
    the call: a shared ``memoryview(...).cast('f')`` buffer ~100-145 ns,
    shared ``array('f')`` ~120-180 ns, ``struct`` pack/unpack ~165-180 ns,
    ``ctypes.c_float`` ~200-330 ns, fresh ``array`` ~315 ns).  The two
    faster ones write a module-wide buffer and read it back in two
    statements, so two threads (or a free-threaded build) can read each
    other's value: not exact under concurrency.  ``struct`` keeps no state,
    rounds with the C ``(float)`` cast (round-to-nearest-even) and reports
    overflow itself, so it is the fastest exact choice.
    """
    try:
        return _unpack_f(_pack_f(x))[0]
    except OverflowError:  # finite, but rounds beyond FLT_MAX
        return copysign(inf, x)


# -- integer helpers -------------------------------------------------------------


def _s32(x: int) -> int:
    """Signed interpretation of an i32 (spec 4.3.1 "signed")."""
    return (x ^ 0x80000000) - 0x80000000


def _s64(x: int) -> int:
    return (x ^ 0x8000000000000000) - 0x8000000000000000


_DIV_ZERO = TrapCode.INTEGER_DIVIDE_BY_ZERO
_OVERFLOW = TrapCode.INTEGER_OVERFLOW
_INVALID = TrapCode.INVALID_CONVERSION

# -- i32 ------------------------------------------------------------------------


def i32_eqz(x: int) -> bool:
    return x == 0


def i32_eq(a: int, b: int) -> bool:
    return a == b


def i32_ne(a: int, b: int) -> bool:
    return a != b


def i32_lt_s(a: int, b: int) -> bool:
    return (a ^ 0x80000000) < (b ^ 0x80000000)


def i32_lt_u(a: int, b: int) -> bool:
    return a < b


def i32_gt_s(a: int, b: int) -> bool:
    return (a ^ 0x80000000) > (b ^ 0x80000000)


def i32_gt_u(a: int, b: int) -> bool:
    return a > b


def i32_le_s(a: int, b: int) -> bool:
    return (a ^ 0x80000000) <= (b ^ 0x80000000)


def i32_le_u(a: int, b: int) -> bool:
    return a <= b


def i32_ge_s(a: int, b: int) -> bool:
    return (a ^ 0x80000000) >= (b ^ 0x80000000)


def i32_ge_u(a: int, b: int) -> bool:
    return a >= b


def i32_clz(x: int) -> int:
    return 32 - x.bit_length()


def i32_ctz(x: int) -> int:
    # x & -x isolates the lowest set bit
    return (x & -x).bit_length() - 1 if x else 32


def i32_popcnt(x: int) -> int:
    return x.bit_count()


def i32_add(a: int, b: int) -> int:
    return (a + b) & _M32


def i32_sub(a: int, b: int) -> int:
    return (a - b) & _M32


def i32_mul(a: int, b: int) -> int:
    return (a * b) & _M32


def i32_div_s(a: int, b: int) -> int:
    """Quotient rounded toward zero (spec idiv_s); Python's // floors."""
    if b == 0:
        raise Trap(_DIV_ZERO)
    if a < 0x80000000 and b < 0x80000000:  # both non-negative: the common, fast case
        return a // b
    a, b = _s32(a), _s32(b)
    if a == -0x80000000 and b == -1:  # 2**31 is not representable
        raise Trap(_OVERFLOW)
    q = abs(a) // abs(b)
    return (-q if (a < 0) != (b < 0) else q) & _M32


def i32_div_u(a: int, b: int) -> int:
    if b == 0:
        raise Trap(_DIV_ZERO)
    return a // b


def i32_rem_s(a: int, b: int) -> int:
    """Remainder with the sign of the dividend (spec irem_s); INT_MIN % -1 is 0."""
    if b == 0:
        raise Trap(_DIV_ZERO)
    if a < 0x80000000 and b < 0x80000000:
        return a % b
    a = _s32(a)
    r = abs(a) % abs(_s32(b))
    return (-r if a < 0 else r) & _M32


def i32_rem_u(a: int, b: int) -> int:
    if b == 0:
        raise Trap(_DIV_ZERO)
    return a % b


def i32_and(a: int, b: int) -> int:
    return a & b


def i32_or(a: int, b: int) -> int:
    return a | b


def i32_xor(a: int, b: int) -> int:
    return a ^ b


def i32_shl(a: int, b: int) -> int:
    return (a << (b & 31)) & _M32


def i32_shr_s(a: int, b: int) -> int:
    return (_s32(a) >> (b & 31)) & _M32


def i32_shr_u(a: int, b: int) -> int:
    return a >> (b & 31)


def i32_rotl(a: int, b: int) -> int:
    k = b & 31
    return ((a << k) | (a >> (32 - k))) & _M32


def i32_rotr(a: int, b: int) -> int:
    k = b & 31
    return ((a >> k) | (a << (32 - k))) & _M32


def i32_wrap_i64(x: int) -> int:
    return x & _M32


def i32_extend8_s(x: int) -> int:
    return (((x & 0xFF) ^ 0x80) - 0x80) & _M32


def i32_extend16_s(x: int) -> int:
    return (((x & 0xFFFF) ^ 0x8000) - 0x8000) & _M32


# -- i64 ------------------------------------------------------------------------


def i64_eqz(x: int) -> bool:
    return x == 0


def i64_eq(a: int, b: int) -> bool:
    return a == b


def i64_ne(a: int, b: int) -> bool:
    return a != b


def i64_lt_s(a: int, b: int) -> bool:
    return (a ^ 0x8000000000000000) < (b ^ 0x8000000000000000)


def i64_lt_u(a: int, b: int) -> bool:
    return a < b


def i64_gt_s(a: int, b: int) -> bool:
    return (a ^ 0x8000000000000000) > (b ^ 0x8000000000000000)


def i64_gt_u(a: int, b: int) -> bool:
    return a > b


def i64_le_s(a: int, b: int) -> bool:
    return (a ^ 0x8000000000000000) <= (b ^ 0x8000000000000000)


def i64_le_u(a: int, b: int) -> bool:
    return a <= b


def i64_ge_s(a: int, b: int) -> bool:
    return (a ^ 0x8000000000000000) >= (b ^ 0x8000000000000000)


def i64_ge_u(a: int, b: int) -> bool:
    return a >= b


def i64_clz(x: int) -> int:
    return 64 - x.bit_length()


def i64_ctz(x: int) -> int:
    return (x & -x).bit_length() - 1 if x else 64


def i64_popcnt(x: int) -> int:
    return x.bit_count()


def i64_add(a: int, b: int) -> int:
    return (a + b) & _M64


def i64_sub(a: int, b: int) -> int:
    return (a - b) & _M64


def i64_mul(a: int, b: int) -> int:
    return (a * b) & _M64


def i64_div_s(a: int, b: int) -> int:
    if b == 0:
        raise Trap(_DIV_ZERO)
    if (
        a < 0x8000000000000000 and b < 0x8000000000000000
    ):  # both non-negative: the common, fast case
        return a // b
    a, b = _s64(a), _s64(b)
    if a == -0x8000000000000000 and b == -1:
        raise Trap(_OVERFLOW)
    q = abs(a) // abs(b)
    return (-q if (a < 0) != (b < 0) else q) & _M64


def i64_div_u(a: int, b: int) -> int:
    if b == 0:
        raise Trap(_DIV_ZERO)
    return a // b


def i64_rem_s(a: int, b: int) -> int:
    if b == 0:
        raise Trap(_DIV_ZERO)
    if a < 0x8000000000000000 and b < 0x8000000000000000:
        return a % b
    a = _s64(a)
    r = abs(a) % abs(_s64(b))
    return (-r if a < 0 else r) & _M64


def i64_rem_u(a: int, b: int) -> int:
    if b == 0:
        raise Trap(_DIV_ZERO)
    return a % b


def i64_and(a: int, b: int) -> int:
    return a & b


def i64_or(a: int, b: int) -> int:
    return a | b


def i64_xor(a: int, b: int) -> int:
    return a ^ b


def i64_shl(a: int, b: int) -> int:
    return (a << (b & 63)) & _M64


def i64_shr_s(a: int, b: int) -> int:
    return (_s64(a) >> (b & 63)) & _M64


def i64_shr_u(a: int, b: int) -> int:
    return a >> (b & 63)


def i64_rotl(a: int, b: int) -> int:
    k = b & 63
    return ((a << k) | (a >> (64 - k))) & _M64


def i64_rotr(a: int, b: int) -> int:
    k = b & 63
    return ((a >> k) | (a << (64 - k))) & _M64


def i64_extend_i32_s(x: int) -> int:
    return _s32(x) & _M64


def i64_extend_i32_u(x: int) -> int:
    return x & _M32  # also turns a bool into an int


def i64_extend8_s(x: int) -> int:
    return (((x & 0xFF) ^ 0x80) - 0x80) & _M64


def i64_extend16_s(x: int) -> int:
    return (((x & 0xFFFF) ^ 0x8000) - 0x8000) & _M64


def i64_extend32_s(x: int) -> int:
    return _s32(x & _M32) & _M64


# -- floating point, shared by f32 and f64 -----------------------------------------
#
# f32 values are doubles, so operators whose result is always one of their
# inputs, a sign change, an integral value not larger in magnitude, or a
# hardware-quieted NaN input, are the same function for both widths.

_TWO52 = 4503599627370496.0  # 2**52: doubles at least this large are integral


def f64_abs(z: float) -> float:
    return abs(z)  # C fabs: clears the sign bit, never quiets


def f64_neg(z: float) -> float:
    return -z  # flips the sign bit, never quiets


def f64_copysign(a: float, b: float) -> float:
    return copysign(a, b)  # C copysign: a bit operation


def f64_ceil(z: float) -> float:
    """Spec fceil: NaN -> arithmetic NaN, keeps infinities and the sign of zero."""
    if -_TWO52 < z < _TWO52:
        # copysign gives ceil(-0.5) == -0.0 and keeps -0.0 itself
        return copysign(float(math.ceil(z)), z)
    return z + 0.0  # integral, infinite, or NaN (quieted: nans{z} is arithmetic)


def f64_floor(z: float) -> float:
    if -_TWO52 < z < _TWO52:
        return copysign(float(math.floor(z)), z)
    return z + 0.0


def f64_trunc(z: float) -> float:
    if -_TWO52 < z < _TWO52:
        return copysign(float(math.trunc(z)), z)
    return z + 0.0


def f64_nearest(z: float) -> float:
    """Round to the nearest integral value, ties to even (spec fnearest).

    Below 2**52, adding 2**52 moves the binary point to the last mantissa
    bit, so the hardware addition itself rounds to an integer with
    ties-to-even; subtracting it again is exact.  Python's ``round`` would
    also do, but goes through an int and loses the sign of zero.
    """
    if -_TWO52 < z < _TWO52:
        return copysign((abs(z) + _TWO52) - _TWO52, z)
    return z + 0.0


def f64_sqrt(z: float) -> float:
    """Spec fsqrt: negative (non-zero) inputs give the canonical NaN.

    ``math.sqrt`` raises ValueError for them; ``-0.0 < 0.0`` is false, so
    sqrt(-0) stays -0 as required.
    """
    if z < 0.0:
        return _CANON_NAN
    return math.sqrt(z)  # C sqrt: correctly rounded, quiets NaN inputs


def f64_add(a: float, b: float) -> float:
    return a + b


def f64_sub(a: float, b: float) -> float:
    return a - b


def f64_mul(a: float, b: float) -> float:
    return a * b


def f64_div(a: float, b: float) -> float:
    """IEEE division; Python raises ZeroDivisionError for ``x / 0.0`` instead."""
    if b == 0.0:
        if a != a:
            return a + b  # propagate the dividend's NaN, quieted
        if a == 0.0:
            return _CANON_NAN  # 0/0
        return copysign(inf, a) * copysign(1.0, b)
    return a / b


def f64_min(a: float, b: float) -> float:
    """Spec fmin: NaN wins, and -0 is smaller than +0."""
    if a < b:
        return a
    if b < a:
        return b
    if a == b:  # equal, or zeros of either sign
        return a if copysign(1.0, a) < 0.0 else b
    return a + b  # at least one NaN: hardware propagation gives nans{a, b}


def f64_max(a: float, b: float) -> float:
    """Spec fmax: NaN wins, and +0 is larger than -0."""
    if a > b:
        return a
    if b > a:
        return b
    if a == b:
        return b if copysign(1.0, a) < 0.0 else a
    return a + b


def f64_eq(a: float, b: float) -> bool:
    return a == b


def f64_ne(a: float, b: float) -> bool:
    return a != b


def f64_lt(a: float, b: float) -> bool:
    return a < b


def f64_gt(a: float, b: float) -> bool:
    return a > b


def f64_le(a: float, b: float) -> bool:
    return a <= b


def f64_ge(a: float, b: float) -> bool:
    return a >= b


# f32 versions of the width-independent operators (see above).
f32_abs = f64_abs
f32_neg = f64_neg
f32_copysign = f64_copysign
f32_ceil = f64_ceil
f32_floor = f64_floor
f32_trunc = f64_trunc
f32_nearest = f64_nearest
f32_min = f64_min
f32_max = f64_max
f32_eq = f64_eq
f32_ne = f64_ne
f32_lt = f64_lt
f32_gt = f64_gt
f32_le = f64_le
f32_ge = f64_ge


def f32_add(a: float, b: float) -> float:
    return fround(a + b)


def f32_sub(a: float, b: float) -> float:
    return fround(a - b)


def f32_mul(a: float, b: float) -> float:
    return fround(a * b)


def f32_div(a: float, b: float) -> float:
    return fround(f64_div(a, b))


def f32_sqrt(z: float) -> float:
    return fround(f64_sqrt(z))


# -- conversions -------------------------------------------------------------------


def f64_promote_f32(z: float) -> float:
    """Spec promote: numbers are unchanged; NaNs become quiet, payload kept.

    The canonical f32 NaN maps to the canonical double NaN, as required.
    """
    if z != z:
        return _unpack_d(_pack_Q(_unpack_Q(_pack_d(z))[0] | _F64_QUIET))[0]
    return z


def f32_demote_f64(z: float) -> float:
    """Spec demote: round to single; NaN -> quiet NaN with the top payload bits.

    A canonical double NaN gives the canonical f32 NaN; any other NaN gives
    an arithmetic one.  NaNs are handled on the bits because a signalling
    NaN must not reach :func:`fround`.
    """
    if z != z:
        b = (_unpack_Q(_pack_d(z))[0] | _F64_QUIET) & ~_F32_LOW
        return _unpack_d(_pack_Q(b))[0]
    return fround(z)


def f32_reinterpret_i32(x: int) -> float:
    return f32_from_bits(x)


def i32_reinterpret_f32(z: float) -> int:
    return f32_to_bits(z)


def f64_reinterpret_i64(x: int) -> float:
    return _unpack_d(_pack_Q(x))[0]


def i64_reinterpret_f64(z: float) -> int:
    return _unpack_Q(_pack_d(z))[0]


def f64_convert_i32_s(x: int) -> float:
    return float(_s32(x))


def f64_convert_i32_u(x: int) -> float:
    return float(x)


def f64_convert_i64_s(x: int) -> float:
    # int -> float in CPython is correctly rounded, ties to even
    return float(_s64(x))


def f64_convert_i64_u(x: int) -> float:
    return float(x)


def f32_convert_i32_s(x: int) -> float:
    return fround(float(_s32(x)))  # exact double, then one rounding


def f32_convert_i32_u(x: int) -> float:
    return fround(float(x))


def _int_to_f32(n: int) -> float:
    """Round an integer to the nearest single, ties to even, in one step.

    ``fround(float(n))`` would round twice for |n| > 2**53 and can be wrong:
    ``0x20000020000001`` lies just above a tie for single precision, but
    the double rounding lands exactly on the tie, which then goes to even.
    """
    if -0x20000000000000 <= n <= 0x20000000000000:
        return fround(float(n))  # float(n) is exact here
    m = abs(n)
    shift = m.bit_length() - 24  # keep 24 significant bits
    q = m >> shift
    rest = m & ((1 << shift) - 1)
    half = 1 << (shift - 1)
    if rest > half or (rest == half and q & 1):
        q += 1  # may carry to 2**24: still exact
    r = float(q << shift)
    return -r if n < 0 else r


def f32_convert_i64_s(x: int) -> float:
    return _int_to_f32(_s64(x))


def f32_convert_i64_u(x: int) -> float:
    return _int_to_f32(x & _M64)


# Truncation (spec trunc_u / trunc_s): the bounds are exclusive limits on the
# float, chosen so that everything strictly inside truncates into range: the
# first integer out of range (-2**31 - 1, 2**31, -1, 2**32 ...) or, where that
# is not a double, the next double beyond it (below -2**63 it is -2**63 - 2048).
# Every f32 is a double, so the same test serves both source types.


def _trunc(z: float, lo: float, hi: float, mask: int) -> int:
    if z != z:
        raise Trap(_INVALID)
    if lo < z < hi:
        return int(z) & mask  # int() truncates toward zero
    raise Trap(_OVERFLOW)


def i32_trunc_f64_s(z: float) -> int:
    return _trunc(z, -2147483649.0, 2147483648.0, _M32)


def i32_trunc_f64_u(z: float) -> int:
    return _trunc(z, -1.0, 4294967296.0, _M32)


def i64_trunc_f64_s(z: float) -> int:
    return _trunc(z, -9223372036854777856.0, 9223372036854775808.0, _M64)


def i64_trunc_f64_u(z: float) -> int:
    return _trunc(z, -1.0, 18446744073709551616.0, _M64)


i32_trunc_f32_s = i32_trunc_f64_s
i32_trunc_f32_u = i32_trunc_f64_u
i64_trunc_f32_s = i64_trunc_f64_s
i64_trunc_f32_u = i64_trunc_f64_u


# Saturating truncation (spec trunc_sat_u / trunc_sat_s): NaN -> 0, clamp.


def i32_trunc_sat_f64_s(z: float) -> int:
    if z != z:
        return 0
    if z <= -2147483648.0:
        return 0x80000000
    if z >= 2147483647.0:
        return 0x7FFFFFFF
    return int(z) & _M32


def i32_trunc_sat_f64_u(z: float) -> int:
    if not z > 0.0:  # also NaN
        return 0
    if z >= 4294967295.0:
        return 0xFFFFFFFF
    return int(z)


def i64_trunc_sat_f64_s(z: float) -> int:
    if z != z:
        return 0
    if z <= -9223372036854775808.0:
        return 0x8000000000000000
    if z >= 9223372036854775808.0:
        return 0x7FFFFFFFFFFFFFFF
    return int(z) & _M64


def i64_trunc_sat_f64_u(z: float) -> int:
    if not z > 0.0:
        return 0
    if z >= 18446744073709551616.0:
        return 0xFFFFFFFFFFFFFFFF
    return int(z)


i32_trunc_sat_f32_s = i32_trunc_sat_f64_s
i32_trunc_sat_f32_u = i32_trunc_sat_f64_u
i64_trunc_sat_f32_s = i64_trunc_sat_f64_s
i64_trunc_sat_f32_u = i64_trunc_sat_f64_u


# -- for the code generator ----------------------------------------------------------

TRAPPING: frozenset[str] = frozenset(
    info.name
    for info in _OPCODES.values()
    if info.traps and not info.imm and info.params is not None
)
"""Operators that may raise :class:`Trap` (the table's ``traps`` column); all
others are total."""


def _int_templates(t: str, bits: int) -> dict[str, str]:
    mask = hex((1 << bits) - 1).upper().replace("X", "x")
    sign = hex(1 << (bits - 1)).upper().replace("X", "x")
    k = bits - 1
    signed0 = f"(({{0}} ^ {sign}) - {sign})"
    out = {
        "eqz": "({0} == 0)",
        "eq": "({0} == {1})",
        "ne": "({0} != {1})",
        "lt_u": "({0} < {1})",
        "gt_u": "({0} > {1})",
        "le_u": "({0} <= {1})",
        "ge_u": "({0} >= {1})",
        "clz": f"({bits} - ({{0}}).bit_length())",
        "popcnt": "({0}).bit_count()",
        "add": f"(({{0}} + {{1}}) & {mask})",
        "sub": f"(({{0}} - {{1}}) & {mask})",
        "mul": f"(({{0}} * {{1}}) & {mask})",
        "and": "({0} & {1})",
        "or": "({0} | {1})",
        "xor": "({0} ^ {1})",
        "shl": f"(({{0}} << ({{1}} & {k})) & {mask})",
        "shr_s": f"(({signed0} >> ({{1}} & {k})) & {mask})",
        "shr_u": f"({{0}} >> ({{1}} & {k}))",
        "extend8_s": f"(((({{0}} & 0xFF) ^ 0x80) - 0x80) & {mask})",
        "extend16_s": f"(((({{0}} & 0xFFFF) ^ 0x8000) - 0x8000) & {mask})",
    }
    for op, cmp in (("lt", "<"), ("gt", ">"), ("le", "<="), ("ge", ">=")):
        out[f"{op}_s"] = f"(({{0}} ^ {sign}) {cmp} ({{1}} ^ {sign}))"
    return {f"{t}.{op}": tpl for op, tpl in out.items()}


def _float_templates(t: str) -> dict[str, str]:
    r = "fround" if t == "f32" else ""
    out = {
        "add": f"{r}({{0}} + {{1}})",
        "sub": f"{r}({{0}} - {{1}})",
        "mul": f"{r}({{0}} * {{1}})",
        "neg": "(-{0})",
        "abs": "abs({0})",
        "copysign": "copysign({0}, {1})",
        "eq": "({0} == {1})",
        "ne": "({0} != {1})",
        "lt": "({0} < {1})",
        "gt": "({0} > {1})",
        "le": "({0} <= {1})",
        "ge": "({0} >= {1})",
    }
    return {f"{t}.{op}": tpl for op, tpl in out.items()}


INLINE: dict[str, str] = {
    **_int_templates("i32", 32),
    **_int_templates("i64", 64),
    **_float_templates("f32"),
    **_float_templates("f64"),
    "i32.wrap_i64": "({0} & 0xFFFFFFFF)",
    "i64.extend_i32_u": "({0} & 0xFFFFFFFF)",
    "i64.extend_i32_s": "((({0} ^ 0x80000000) - 0x80000000) & 0xFFFFFFFFFFFFFFFF)",
    "i64.extend32_s": "(((({0} & 0xFFFFFFFF) ^ 0x80000000) - 0x80000000) & 0xFFFFFFFFFFFFFFFF)",
    "f64.convert_i32_s": "float(({0} ^ 0x80000000) - 0x80000000)",
    "f64.convert_i32_u": "float({0})",
    "f64.convert_i64_s": "float(({0} ^ 0x8000000000000000) - 0x8000000000000000)",
    "f64.convert_i64_u": "float({0})",
    "f32.convert_i32_s": "fround(float(({0} ^ 0x80000000) - 0x80000000))",
    "f32.convert_i32_u": "fround(float({0}))",
    "f64.reinterpret_i64": "_unpack_d(_pack_Q({0}))[0]",
    "i64.reinterpret_f64": "_unpack_Q(_pack_d({0}))[0]",
}
"""Expression templates for cheap operators: ``{0}``, ``{1}`` are the operands.

Each placeholder occurs exactly once and operands are evaluated left to
right; names refer to this module's globals (``fround``, ``copysign``,
``_pack_Q`` ...).  No template raises.  Comparisons produce ``bool``.
"""
