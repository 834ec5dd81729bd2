"""Vector numerics, bit-exact (spec 4.3.4 "Vector Operations", 4.4.3 "Vector Instructions").

One function per lane-wise SIMD instruction, named by ``OpInfo.pyname``
(``i8x16.add_sat_s`` -> :func:`i8x16_add_sat_s`); the executor calls them
from generated code (or pastes the templates of :data:`INLINE`), exactly
like the scalar operators of :mod:`interp.numerics`.

Representation: a ``v128`` is a non-negative ``int`` below ``2**128``; lane
``i`` of an ``iNxM`` shape is bits ``N*i .. N*i+N-1`` (little-endian lane
order, spec 4.3.4 ``lanes``).  Lanes are split and joined with ``struct``
on the 16 little-endian bytes.

Per-lane semantics are *the scalar operators themselves*: float lanes are
converted with :func:`~interp.numerics.f32_from_bits` /
:func:`~interp.numerics.f64_from_bits` (which keep signalling NaNs),
computed with the scalar function (``f32_min``, ``f32_nearest`` ...) and
converted back with ``*_to_bits``, so NaN propagation, signed zeros and the
exact f32 rounding are those of the scalar layer.  Only operators with no
scalar counterpart (saturating arithmetic, ``avgr_u``, ``q15mulr``,
``pmin``/``pmax``, narrowing, dot products) are defined here, each citing the
spec operator it implements.

Relaxed SIMD (3.0, spec 4.3.4 "Relaxed Operations"): every relaxed operator
is implemented as the **deterministic profile** prescribes (every global
parameter ``R`` is 0, i.e. the first alternative): ``relaxed_madd`` is
``fadd(fmul(..))`` (not fused), ``relaxed_min``/``max`` are ``fmin``/``fmax``,
``relaxed_trunc`` is ``trunc_sat``, ``relaxed_swizzle`` is ``swizzle``,
``relaxed_laneselect`` is ``bitselect``, ``relaxed_q15mulr_s`` is
``q15mulr_sat_s`` and ``relaxed_dot`` treats the second operand as signed.
"""

from __future__ import annotations

import struct
from collections.abc import Callable
from typing import Any

from . import numerics as n

M128 = (1 << 128) - 1

# -- lanes --------------------------------------------------------------------------------

_U8 = struct.Struct("<16B")
_S8 = struct.Struct("<16b")
_U16 = struct.Struct("<8H")
_S16 = struct.Struct("<8h")
_U32 = struct.Struct("<4I")
_S32 = struct.Struct("<4i")
_U64 = struct.Struct("<2Q")
_S64 = struct.Struct("<2q")

# shape -> (unsigned lanes, signed lanes, lane width in bits)
SHAPES: dict[str, tuple[struct.Struct, struct.Struct, int]] = {
    "i8x16": (_U8, _S8, 8),
    "i16x8": (_U16, _S16, 16),
    "i32x4": (_U32, _S32, 32),
    "i64x2": (_U64, _S64, 64),
    "f32x4": (_U32, _S32, 32),
    "f64x2": (_U64, _S64, 64),
}


def lanes_u(shape: str, v: int) -> tuple[int, ...]:
    """Unsigned lanes of ``v`` (spec ``lanes_{shape}``)."""
    return SHAPES[shape][0].unpack(v.to_bytes(16, "little"))


def lanes_s(shape: str, v: int) -> tuple[int, ...]:
    """Lanes of ``v`` read as signed integers."""
    return SHAPES[shape][1].unpack(v.to_bytes(16, "little"))


def from_lanes(shape: str, lanes: list[int] | tuple[int, ...]) -> int:
    """Inverse of :func:`lanes_u` (lanes must be unsigned and in range)."""
    return int.from_bytes(SHAPES[shape][0].pack(*lanes), "little")


def _f32_lanes(v: int) -> list[float]:
    # not struct "<4f": the float -> double conversion would quiet sNaNs
    f = n.f32_from_bits
    return [f(b) for b in _U32.unpack(v.to_bytes(16, "little"))]


def _f32_join(zs: list[float]) -> int:
    t = n.f32_to_bits
    return int.from_bytes(_U32.pack(*[t(z) for z in zs]), "little")


def _f64_lanes(v: int) -> list[float]:
    f = n.f64_from_bits
    return [f(b) for b in _U64.unpack(v.to_bytes(16, "little"))]


def _f64_join(zs: list[float]) -> int:
    t = n.f64_to_bits
    return int.from_bytes(_U64.pack(*[t(z) for z in zs]), "little")


def _sat(x: int, lo: int, hi: int) -> int:
    """Spec ``sat_s``/``sat_u``: clamp to [lo, hi]."""
    return lo if x < lo else hi if x > hi else x


def _repeat(lane_bits: int, width: int) -> int:
    """A lane bit pattern repeated over all lanes of width ``width``."""
    out = 0
    for i in range(128 // width):
        out |= lane_bits << (width * i)
    return out


# -- v128 bitwise (spec ``vvunop``/``vvbinop``/``vvternop``/``vvtestop``) ------------------


def v128_not(a: int) -> int:
    return a ^ M128


def v128_and(a: int, b: int) -> int:
    return a & b


def v128_andnot(a: int, b: int) -> int:
    return a & ~b


def v128_or(a: int, b: int) -> int:
    return a | b


def v128_xor(a: int, b: int) -> int:
    return a ^ b


def v128_bitselect(a: int, b: int, c: int) -> int:
    """Spec ``ibitselect``: bits of ``a`` where ``c`` is 1, of ``b`` elsewhere."""
    return (a & c) | (b & ~c)


def v128_any_true(a: int) -> int:
    return int(a != 0)


# -- splats and shuffles --------------------------------------------------------------------


def _make_splat(shape: str) -> Callable[[object], int]:
    width = SHAPES[shape][2]
    mask = (1 << width) - 1
    ones = _repeat(1, width)
    if shape == "f32x4":
        return lambda z: n.f32_to_bits(z) * ones  # type: ignore[arg-type]
    if shape == "f64x2":
        return lambda z: n.f64_to_bits(z) * ones  # type: ignore[arg-type]
    return lambda x: (x & mask) * ones  # type: ignore[operator]


def i8x16_swizzle(a: int, s: int) -> int:
    """Spec ``swizzle``: lane ``a[s[i]]``, or 0 when the index is 16 or more."""
    ab = a.to_bytes(16, "little")
    return int.from_bytes(bytes(ab[j] if j < 16 else 0 for j in s.to_bytes(16, "little")), "little")


def i8x16_shuffle(a: int, b: int, lanes: tuple[int, ...]) -> int:
    """Spec ``shuffle``: lane ``(a ++ b)[lanes[i]]`` (indices validated < 32)."""
    ab = a.to_bytes(16, "little") + b.to_bytes(16, "little")
    return int.from_bytes(bytes(ab[j] for j in lanes), "little")


# -- integer lane-wise operators --------------------------------------------------------------
#
# Each entry: spec operator name -> (signed lanes?, function on Python ints).
# The result is reduced modulo 2**N, and saturating ones clamp first.

_IntBinop = Callable[[int, int, int], int]  # (a, b, lane width) -> result (may be out of range)


def _sat_s(x: int, w: int) -> int:
    return _sat(x, -(1 << (w - 1)), (1 << (w - 1)) - 1)


def _sat_u(x: int, w: int) -> int:
    return _sat(x, 0, (1 << w) - 1)


def _q15mulr_sat_s(a: int, b: int, w: int) -> int:
    """Spec ``iq15mulrsat_s``: ``sat_s((a*b + 2**14) >> 15)``."""
    return _sat_s((a * b + 0x4000) >> 15, w)


_INT_BINOPS: dict[str, tuple[bool, _IntBinop]] = {
    "add": (False, lambda a, b, w: a + b),
    "sub": (False, lambda a, b, w: a - b),
    "mul": (False, lambda a, b, w: a * b),
    "add_sat_s": (True, lambda a, b, w: _sat_s(a + b, w)),
    "add_sat_u": (False, lambda a, b, w: _sat_u(a + b, w)),
    "sub_sat_s": (True, lambda a, b, w: _sat_s(a - b, w)),
    "sub_sat_u": (False, lambda a, b, w: _sat_u(a - b, w)),
    "min_s": (True, lambda a, b, w: a if a < b else b),
    "min_u": (False, lambda a, b, w: a if a < b else b),
    "max_s": (True, lambda a, b, w: a if a > b else b),
    "max_u": (False, lambda a, b, w: a if a > b else b),
    "avgr_u": (False, lambda a, b, w: (a + b + 1) >> 1),
    "q15mulr_sat_s": (True, _q15mulr_sat_s),
    # relaxed (3.0): deterministic profile = q15mulr_sat_s
    "relaxed_q15mulr_s": (True, _q15mulr_sat_s),
}

_INT_RELOPS: dict[str, tuple[bool, Callable[[int, int], bool]]] = {
    "eq": (False, lambda a, b: a == b),
    "ne": (False, lambda a, b: a != b),
    "lt_s": (True, lambda a, b: a < b),
    "lt_u": (False, lambda a, b: a < b),
    "gt_s": (True, lambda a, b: a > b),
    "gt_u": (False, lambda a, b: a > b),
    "le_s": (True, lambda a, b: a <= b),
    "le_u": (False, lambda a, b: a <= b),
    "ge_s": (True, lambda a, b: a >= b),
    "ge_u": (False, lambda a, b: a >= b),
}

_INT_UNOPS: dict[str, tuple[bool, Callable[[int], int]]] = {
    "abs": (True, abs),
    "neg": (False, lambda a: -a),
    "popcnt": (False, lambda a: a.bit_count()),
}


def _make_int_binop(shape: str, signed: bool, f: _IntBinop) -> Callable[[int, int], int]:
    us, ss, w = SHAPES[shape]
    src = ss if signed else us
    mask = (1 << w) - 1

    def op(a: int, b: int) -> int:
        la = src.unpack(a.to_bytes(16, "little"))
        lb = src.unpack(b.to_bytes(16, "little"))
        return int.from_bytes(
            us.pack(*[f(x, y, w) & mask for x, y in zip(la, lb, strict=True)]), "little"
        )

    return op


def _make_int_relop(
    shape: str, signed: bool, f: Callable[[int, int], bool]
) -> Callable[[int, int], int]:
    us, ss, w = SHAPES[shape]
    src = ss if signed else us
    ones = (1 << w) - 1

    def op(a: int, b: int) -> int:
        la = src.unpack(a.to_bytes(16, "little"))
        lb = src.unpack(b.to_bytes(16, "little"))
        return int.from_bytes(
            us.pack(*[ones if f(x, y) else 0 for x, y in zip(la, lb, strict=True)]), "little"
        )

    return op


def _make_int_unop(shape: str, signed: bool, f: Callable[[int], int]) -> Callable[[int], int]:
    us, ss, w = SHAPES[shape]
    src = ss if signed else us
    mask = (1 << w) - 1

    def op(a: int) -> int:
        return int.from_bytes(
            us.pack(*[f(x) & mask for x in src.unpack(a.to_bytes(16, "little"))]), "little"
        )

    return op


def _make_shift(shape: str, kind: str) -> Callable[[int, int], int]:
    """Spec ``ishl``/``ishr_s``/``ishr_u`` per lane; the count is taken mod N."""
    us, ss, w = SHAPES[shape]
    mask = (1 << w) - 1

    def op(a: int, s: int) -> int:
        k = s % w
        if kind == "shl":
            out = [(x << k) & mask for x in us.unpack(a.to_bytes(16, "little"))]
        elif kind == "shr_s":
            out = [(x >> k) & mask for x in ss.unpack(a.to_bytes(16, "little"))]
        else:
            out = [x >> k for x in us.unpack(a.to_bytes(16, "little"))]
        return int.from_bytes(us.pack(*out), "little")

    return op


def _make_all_true(shape: str) -> Callable[[int], int]:
    us = SHAPES[shape][0]
    return lambda a: int(all(us.unpack(a.to_bytes(16, "little"))))


def _make_bitmask(shape: str) -> Callable[[int], int]:
    """Spec ``bitmask``: bit i of the result is the sign bit of lane i."""
    ss = SHAPES[shape][1]

    def op(a: int) -> int:
        r = 0
        for i, x in enumerate(ss.unpack(a.to_bytes(16, "little"))):
            if x < 0:
                r |= 1 << i
        return r

    return op


# -- lane access -------------------------------------------------------------------------------


def _make_extract(shape: str, signed: bool) -> Callable[[int, int], object]:
    w = SHAPES[shape][2]
    mask = (1 << w) - 1
    sign = 1 << (w - 1)
    if shape == "f32x4":
        return lambda v, i: n.f32_from_bits((v >> (32 * i)) & mask)
    if shape == "f64x2":
        return lambda v, i: n.f64_from_bits((v >> (64 * i)) & mask)
    if signed:  # i8/i16 lanes sign-extended to an i32
        return lambda v, i: ((((v >> (w * i)) & mask) ^ sign) - sign) & 0xFFFFFFFF
    return lambda v, i: (v >> (w * i)) & mask


def _make_replace(shape: str) -> Callable[[int, int, object], int]:
    w = SHAPES[shape][2]
    mask = (1 << w) - 1
    if shape == "f32x4":
        conv: Callable[[object], int] = n.f32_to_bits  # type: ignore[assignment]
    elif shape == "f64x2":
        conv = n.f64_to_bits  # type: ignore[assignment]
    else:
        conv = int  # type: ignore[assignment]

    def op(v: int, i: int, x: object) -> int:
        k = w * i
        return (v & ~(mask << k)) | ((conv(x) & mask) << k)

    return op


# -- float lane-wise operators ---------------------------------------------------------------


def _fpmin(a: float, b: float) -> bool:
    """Spec ``fpmin``: ``b`` if ``b < a`` else ``a`` -- True when ``b`` is chosen."""
    return b < a


def _fpmax(a: float, b: float) -> bool:
    """Spec ``fpmax``: ``b`` if ``a < b`` else ``a``."""
    return a < b


def _make_float_unop(shape: str, name: str) -> Callable[[int], int]:
    f = getattr(n, f"{shape[:3]}_{name}")
    if shape == "f32x4":
        return lambda a: _f32_join([f(z) for z in _f32_lanes(a)])
    return lambda a: _f64_join([f(z) for z in _f64_lanes(a)])


def _make_float_binop(shape: str, f: Callable[[float, float], float]) -> Callable[[int, int], int]:
    if shape == "f32x4":
        return lambda a, b: _f32_join(
            [f(x, y) for x, y in zip(_f32_lanes(a), _f32_lanes(b), strict=True)]
        )
    return lambda a, b: _f64_join(
        [f(x, y) for x, y in zip(_f64_lanes(a), _f64_lanes(b), strict=True)]
    )


def _make_pminmax(shape: str, pick_b: Callable[[float, float], bool]) -> Callable[[int, int], int]:
    """pmin/pmax return one operand's lane *bits* unchanged (no NaN rules apply)."""
    us = SHAPES[shape][0]
    to_f = n.f32_from_bits if shape == "f32x4" else n.f64_from_bits

    def op(a: int, b: int) -> int:
        la = us.unpack(a.to_bytes(16, "little"))
        lb = us.unpack(b.to_bytes(16, "little"))
        out = [y if pick_b(to_f(x), to_f(y)) else x for x, y in zip(la, lb, strict=True)]
        return int.from_bytes(us.pack(*out), "little")

    return op


def _make_float_relop(shape: str, f: Callable[[float, float], bool]) -> Callable[[int, int], int]:
    us, _, w = SHAPES[shape]
    ones = (1 << w) - 1
    lanes = _f32_lanes if shape == "f32x4" else _f64_lanes

    def op(a: int, b: int) -> int:
        out = [ones if f(x, y) else 0 for x, y in zip(lanes(a), lanes(b), strict=True)]
        return int.from_bytes(us.pack(*out), "little")

    return op


def _make_madd(shape: str, negate: bool) -> Callable[[int, int, int], int]:
    """relaxed_madd/nmadd, deterministic profile: ``fadd(fmul(±a, b), c)`` (two roundings)."""
    if shape == "f32x4":
        lanes, join, mul, add = _f32_lanes, _f32_join, n.f32_mul, n.f32_add
    else:
        lanes, join, mul, add = _f64_lanes, _f64_join, n.f64_mul, n.f64_add

    def op(a: int, b: int, c: int) -> int:
        out = [
            add(mul(-x if negate else x, y), z)
            for x, y, z in zip(lanes(a), lanes(b), lanes(c), strict=True)
        ]
        return join(out)

    return op


# -- conversions ---------------------------------------------------------------------------------


def f32x4_demote_f64x2_zero(a: int) -> int:
    return _f32_join([n.f32_demote_f64(z) for z in _f64_lanes(a)] + [0.0, 0.0])


def f64x2_promote_low_f32x4(a: int) -> int:
    return _f64_join([n.f64_promote_f32(z) for z in _f32_lanes(a)[:2]])


def f32x4_convert_i32x4_s(a: int) -> int:
    return _f32_join([n.f32_convert_i32_s(x) for x in lanes_u("i32x4", a)])


def f32x4_convert_i32x4_u(a: int) -> int:
    return _f32_join([n.f32_convert_i32_u(x) for x in lanes_u("i32x4", a)])


def f64x2_convert_low_i32x4_s(a: int) -> int:
    return _f64_join([n.f64_convert_i32_s(x) for x in lanes_u("i32x4", a)[:2]])


def f64x2_convert_low_i32x4_u(a: int) -> int:
    return _f64_join([n.f64_convert_i32_u(x) for x in lanes_u("i32x4", a)[:2]])


def i32x4_trunc_sat_f32x4_s(a: int) -> int:
    return from_lanes("i32x4", [n.i32_trunc_sat_f32_s(z) for z in _f32_lanes(a)])


def i32x4_trunc_sat_f32x4_u(a: int) -> int:
    return from_lanes("i32x4", [n.i32_trunc_sat_f32_u(z) for z in _f32_lanes(a)])


def i32x4_trunc_sat_f64x2_s_zero(a: int) -> int:
    return from_lanes("i32x4", [n.i32_trunc_sat_f64_s(z) for z in _f64_lanes(a)] + [0, 0])


def i32x4_trunc_sat_f64x2_u_zero(a: int) -> int:
    return from_lanes("i32x4", [n.i32_trunc_sat_f64_u(z) for z in _f64_lanes(a)] + [0, 0])


# relaxed truncations, deterministic profile: the saturating ones
i32x4_relaxed_trunc_f32x4_s = i32x4_trunc_sat_f32x4_s
i32x4_relaxed_trunc_f32x4_u = i32x4_trunc_sat_f32x4_u
i32x4_relaxed_trunc_f64x2_s_zero = i32x4_trunc_sat_f64x2_s_zero
i32x4_relaxed_trunc_f64x2_u_zero = i32x4_trunc_sat_f64x2_u_zero


def _make_narrow(src: str, dst: str, signed: bool) -> Callable[[int, int], int]:
    """Spec ``narrow_sx``: signed source lanes, saturated to the (un)signed half width."""
    w = SHAPES[dst][2]
    lo, hi = (-(1 << (w - 1)), (1 << (w - 1)) - 1) if signed else (0, (1 << w) - 1)
    mask = (1 << w) - 1

    def op(a: int, b: int) -> int:
        out = [_sat(x, lo, hi) & mask for x in lanes_s(src, a) + lanes_s(src, b)]
        return from_lanes(dst, out)

    return op


def _make_extend(src: str, dst: str, half: str, signed: bool) -> Callable[[int], int]:
    """Spec ``vcvtop`` extend_low/high: the low/high half of the lanes, widened."""
    w = SHAPES[dst][2]
    mask = (1 << w) - 1
    count = 128 // w
    start = 0 if half == "low" else count

    def op(a: int) -> int:
        src_lanes = lanes_s(src, a) if signed else lanes_u(src, a)
        return from_lanes(dst, [x & mask for x in src_lanes[start : start + count]])

    return op


def _make_extmul(src: str, dst: str, half: str, signed: bool) -> Callable[[int, int], int]:
    w = SHAPES[dst][2]
    mask = (1 << w) - 1
    count = 128 // w
    start = 0 if half == "low" else count
    lanes = lanes_s if signed else lanes_u

    def op(a: int, b: int) -> int:
        la = lanes(src, a)[start : start + count]
        lb = lanes(src, b)[start : start + count]
        return from_lanes(dst, [(x * y) & mask for x, y in zip(la, lb, strict=True)])

    return op


def _make_extadd_pairwise(src: str, dst: str, signed: bool) -> Callable[[int], int]:
    w = SHAPES[dst][2]
    mask = (1 << w) - 1
    lanes = lanes_s if signed else lanes_u

    def op(a: int) -> int:
        ls = lanes(src, a)
        return from_lanes(dst, [(ls[2 * i] + ls[2 * i + 1]) & mask for i in range(128 // w)])

    return op


def i32x4_dot_i16x8_s(a: int, b: int) -> int:
    """Spec ``ivdot``: signed products, pairwise sums modulo 2**32."""
    p = [x * y for x, y in zip(lanes_s("i16x8", a), lanes_s("i16x8", b), strict=True)]
    return from_lanes("i32x4", [(p[2 * i] + p[2 * i + 1]) & 0xFFFFFFFF for i in range(4)])


def i16x8_relaxed_dot_i8x16_i7x16_s(a: int, b: int) -> int:
    """Spec ``ivdotsat`` with both operands signed (deterministic profile)."""
    p = [x * y for x, y in zip(lanes_s("i8x16", a), lanes_s("i8x16", b), strict=True)]
    return from_lanes("i16x8", [_sat_s(p[2 * i] + p[2 * i + 1], 16) & 0xFFFF for i in range(8)])


def i32x4_relaxed_dot_i8x16_i7x16_add_s(a: int, b: int, c: int) -> int:
    """Spec ``relaxed_dot_add``: saturating i16 dot, pairwise extadd_s, then add ``c``."""
    d = lanes_s("i16x8", i16x8_relaxed_dot_i8x16_i7x16_s(a, b))
    lc = lanes_u("i32x4", c)
    return from_lanes("i32x4", [(d[2 * i] + d[2 * i + 1] + lc[i]) & 0xFFFFFFFF for i in range(4)])


# relaxed selections and swizzle, deterministic profile
i8x16_relaxed_swizzle = i8x16_swizzle


def _laneselect(a: int, b: int, c: int) -> int:
    return v128_bitselect(a, b, c)


# -- building the named operators ----------------------------------------------------------------

_INT_SHAPES = ("i8x16", "i16x8", "i32x4", "i64x2")

# which integer operators exist for which shape (spec 2.4.4 "Vector Instructions")
_INT_BINOP_SHAPES = {
    "add": _INT_SHAPES,
    "sub": _INT_SHAPES,
    "mul": ("i16x8", "i32x4", "i64x2"),
    "add_sat_s": ("i8x16", "i16x8"),
    "add_sat_u": ("i8x16", "i16x8"),
    "sub_sat_s": ("i8x16", "i16x8"),
    "sub_sat_u": ("i8x16", "i16x8"),
    "min_s": ("i8x16", "i16x8", "i32x4"),
    "min_u": ("i8x16", "i16x8", "i32x4"),
    "max_s": ("i8x16", "i16x8", "i32x4"),
    "max_u": ("i8x16", "i16x8", "i32x4"),
    "avgr_u": ("i8x16", "i16x8"),
    "q15mulr_sat_s": ("i16x8",),
    "relaxed_q15mulr_s": ("i16x8",),
}

_FLOAT_BINOPS: dict[str, str] = {op: op for op in ("add", "sub", "mul", "div", "min", "max")}
_FLOAT_UNOPS = ("sqrt", "ceil", "floor", "trunc", "nearest")
_FLOAT_RELOPS = ("eq", "ne", "lt", "gt", "le", "ge")


def _build() -> dict[str, Callable[..., Any]]:
    out: dict[str, Callable[..., Any]] = {}
    for op, shapes in _INT_BINOP_SHAPES.items():
        signed, f = _INT_BINOPS[op]
        for sh in shapes:
            out[f"{sh}_{op}"] = _make_int_binop(sh, signed, f)
    for op, (signed, rel) in _INT_RELOPS.items():
        for sh in _INT_SHAPES:
            if sh == "i64x2" and op.endswith("_u"):
                continue
            out[f"{sh}_{op}"] = _make_int_relop(sh, signed, rel)
    for op, (signed, un) in _INT_UNOPS.items():
        for sh in ("i8x16",) if op == "popcnt" else _INT_SHAPES:
            out[f"{sh}_{op}"] = _make_int_unop(sh, signed, un)
    for sh in _INT_SHAPES:
        for kind in ("shl", "shr_s", "shr_u"):
            out[f"{sh}_{kind}"] = _make_shift(sh, kind)
        out[f"{sh}_all_true"] = _make_all_true(sh)
        out[f"{sh}_bitmask"] = _make_bitmask(sh)
        out[f"{sh}_relaxed_laneselect"] = _laneselect
    for sh in SHAPES:
        out[f"{sh}_splat"] = _make_splat(sh)
        out[f"{sh}_replace_lane"] = _make_replace(sh)
        if sh in ("i8x16", "i16x8"):
            out[f"{sh}_extract_lane_s"] = _make_extract(sh, True)
            out[f"{sh}_extract_lane_u"] = _make_extract(sh, False)
        else:
            out[f"{sh}_extract_lane"] = _make_extract(sh, False)
    for sh in ("f32x4", "f64x2"):
        scalar = sh[:3]
        for op in _FLOAT_BINOPS:
            out[f"{sh}_{op}"] = _make_float_binop(sh, getattr(n, f"{scalar}_{op}"))
        for op in _FLOAT_UNOPS:
            out[f"{sh}_{op}"] = _make_float_unop(sh, op)
        for op in _FLOAT_RELOPS:
            out[f"{sh}_{op}"] = _make_float_relop(sh, getattr(n, f"{scalar}_{op}"))
        out[f"{sh}_pmin"] = _make_pminmax(sh, _fpmin)
        out[f"{sh}_pmax"] = _make_pminmax(sh, _fpmax)
        # relaxed min/max, deterministic profile: fmin/fmax
        out[f"{sh}_relaxed_min"] = out[f"{sh}_min"]
        out[f"{sh}_relaxed_max"] = out[f"{sh}_max"]
        out[f"{sh}_relaxed_madd"] = _make_madd(sh, False)
        out[f"{sh}_relaxed_nmadd"] = _make_madd(sh, True)
    for wide, narrow in (("i16x8", "i8x16"), ("i32x4", "i16x8"), ("i64x2", "i32x4")):
        for half in ("low", "high"):
            for sx, signed in (("s", True), ("u", False)):
                out[f"{wide}_extend_{half}_{narrow}_{sx}"] = _make_extend(
                    narrow, wide, half, signed
                )
                out[f"{wide}_extmul_{half}_{narrow}_{sx}"] = _make_extmul(
                    narrow, wide, half, signed
                )
        if wide != "i64x2":
            for sx, signed in (("s", True), ("u", False)):
                out[f"{narrow}_narrow_{wide}_{sx}"] = _make_narrow(wide, narrow, signed)
                out[f"{wide}_extadd_pairwise_{narrow}_{sx}"] = _make_extadd_pairwise(
                    narrow, wide, signed
                )
    for name, fn in out.items():
        fn.__name__ = fn.__qualname__ = name
    return out


OPERATORS: dict[str, Callable[..., Any]] = _build()
"""Generated lane-wise operators by pyname (``i8x16_add`` ...); also module globals."""
globals().update(OPERATORS)

# Abs/neg on float lanes are pure sign-bit operations (spec fabs/fneg never
# touch the payload), so they are exact on the whole vector at once.
_F32_SIGNS = _repeat(0x80000000, 32)
_F64_SIGNS = _repeat(0x8000000000000000, 64)


def f32x4_abs(a: int) -> int:
    return a & ~_F32_SIGNS


def f32x4_neg(a: int) -> int:
    return a ^ _F32_SIGNS


def f64x2_abs(a: int) -> int:
    return a & ~_F64_SIGNS


def f64x2_neg(a: int) -> int:
    return a ^ _F64_SIGNS


INLINE: dict[str, str] = {
    "v128.not": f"({{0}} ^ {M128:#x})",
    "v128.and": "({0} & {1})",
    "v128.andnot": "({0} & ~{1})",
    "v128.or": "({0} | {1})",
    "v128.xor": "({0} ^ {1})",
    "v128.any_true": "int({0} != 0)",
    "f32x4.abs": f"({{0}} & {M128 ^ _F32_SIGNS:#x})",
    "f32x4.neg": f"({{0}} ^ {_F32_SIGNS:#x})",
    "f64x2.abs": f"({{0}} & {M128 ^ _F64_SIGNS:#x})",
    "f64x2.neg": f"({{0}} ^ {_F64_SIGNS:#x})",
}
"""Expression templates for single-expression vector operators (same contract
as :data:`interp.numerics.INLINE`: each placeholder once, no trap)."""
