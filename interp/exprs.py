"""Integer expressions of generated code: value ranges, deferred wrap-around, folding.

Why: wasm's ``i32``/``i64`` arithmetic wraps modulo 2^N, which the generated
Python spells as a mask, ``(a + b) & 0xFFFFFFFF``.  A mask per instruction
costs twice: at run time (one more bytecode per operator) and at compile
time, where CPython's ``compile()`` pays far more for nested parentheses
than for flat terms (a chain of 1,000,000 ``i32.add``s spent most of its 26 s
there).  Python ints are exact, so the mask can wait: addition, subtraction,
multiplication, the bitwise operators and a left shift only look at the low
N bits of their operands (the low N bits of ``a op b`` are those of
``(a mod 2^N) op (b mod 2^N)``), hence ``((a + b) & M) + c`` and
``(a + b + c) & M`` agree modulo 2^N.  Such an operand may be *deferred*: a
Python int congruent to the wasm value but outside ``[0, 2^N)``.

Each integer entry of the symbolic stack therefore carries:

* ``raw``: its cheapest Python form (possibly deferred, possibly of low
  precedence, e.g. ``l0 + 1 + 1``);
* ``prec``: the precedence of ``raw``'s top operator (:data:`ATOM` when it
  needs no parentheses anywhere), so that parentheses are written only where
  Python's grammar needs them;
* ``lo``/``hi``: bounds of ``raw``'s value.  Inside ``[0, mask]`` the value
  is exact and no mask is written at all (``(x & 0xFF) + 1`` never wraps);
  ``lo == hi`` is a compile-time constant (folded).

Every other consumer reads ``expr``, always the exact value as an atom
(``(raw & M)`` for a deferred entry), so nothing outside the few operators
here ever sees a deferred value.  A deferred value is masked once its bounds
exceed :data:`SLACK` bits beyond the type, which keeps the Python ints
small (a run of adds stays within two 30-bit digits).

Folding is exact by construction: a constant result is computed by the very
code the generated function would run (:func:`folder`: the
:data:`interp.numerics.INLINE` template, or the function it calls), and a
result that traps or is a NaN is not folded (NaN bits may depend on the
machine; the run time then produces them as before).
"""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import Any

from . import numerics

# Python's binary operator precedences (higher binds tighter); an atom is a
# name, a literal, a call or a parenthesized expression.
OR, XOR, AND, SHIFT, ADD, MUL, ATOM = 1, 2, 3, 4, 5, 6, 9

SLACK = 16
"""A deferred value may use this many bits beyond its type before it is masked."""

M32 = 0xFFFFFFFF
M64 = 0xFFFFFFFFFFFFFFFF
MASK_TEXT = {M32: "0xFFFFFFFF", M64: "0xFFFFFFFFFFFFFFFF"}

# operator kinds of the integer operators handled here (both widths)
ADD_OP, SUB_OP, MUL_OP, AND_OP, OR_OP, XOR_OP, SHL_OP = range(7)
_KINDS = {
    "add": ADD_OP,
    "sub": SUB_OP,
    "mul": MUL_OP,
    "and": AND_OP,
    "or": OR_OP,
    "xor": XOR_OP,
    "shl": SHL_OP,
}
SYMBOL = {ADD_OP: " + ", SUB_OP: " - ", MUL_OP: " * ", AND_OP: " & ", OR_OP: " | ", XOR_OP: " ^ "}
PRECEDENCE = {
    ADD_OP: ADD,
    SUB_OP: ADD,
    MUL_OP: MUL,
    AND_OP: AND,
    OR_OP: OR,
    XOR_OP: XOR,
    SHL_OP: SHIFT,
}
# a right operand of the same precedence needs no parentheses where the
# operator is associative over Python ints: a + (b + c) == a + b + c exactly
_ASSOCIATIVE = {ADD_OP, MUL_OP, AND_OP, OR_OP, XOR_OP}


def int_ops(names: Any) -> dict[str, tuple[int, int]]:
    """Instruction name -> (operator kind, mask) for the operators handled here."""
    out = {}
    for t, mask in (("i32", M32), ("i64", M64)):
        for op, kind in _KINDS.items():
            name = f"{t}.{op}"
            if name in names:
                out[name] = (kind, mask)
    return out


COMMUTATIVE = frozenset({ADD_OP, MUL_OP, AND_OP, OR_OP, XOR_OP})


def is_identity(kind: int, mask: int, c: int, lo: int, hi: int) -> bool:
    """``x op c`` is ``x`` (modulo 2^N) for every ``x`` in ``[lo, hi]``, for the
    constant ``c`` (also ``c op x`` for the commutative operators)."""
    if kind in (ADD_OP, SUB_OP, OR_OP, XOR_OP):
        return c == 0
    if kind == MUL_OP:
        return c == 1
    if kind == SHL_OP:
        return c & (mask.bit_length() - 1) == 0
    # and: all ones, or all ones over every bit x may have
    return c == mask or (c & (c + 1) == 0 and lo >= 0 and hi <= c)


def paren(raw: str, prec: int, need: int) -> str:
    """``raw`` as an operand of an operator that needs precedence ``need``."""
    return raw if prec >= need else f"({raw})"


def bitwise_range(kind: int, alo: int, ahi: int, blo: int, bhi: int) -> tuple[int, int]:
    """Bounds of ``a & b``, ``a | b`` or ``a ^ b`` (two's complement ints)."""
    if kind == AND_OP and (alo >= 0 or blo >= 0):
        # a non-negative operand bounds the result: its bits are a superset
        return 0, min(h for lo, h in ((alo, ahi), (blo, bhi)) if lo >= 0)
    if alo >= 0 and blo >= 0:
        return 0, (1 << max(ahi.bit_length(), bhi.bit_length())) - 1
    # -2^k <= v < 2^k for both operands: so is the result
    k = max(alo.bit_length(), ahi.bit_length(), blo.bit_length(), bhi.bit_length())
    return -(1 << k), (1 << k) - 1


def combine(
    kind: int, mask: int, a: tuple[str, int, int, int], b: tuple[str, int, int, int]
) -> tuple[str, int, int, int]:
    """``a op b`` from the operands' ``(raw, prec, lo, hi)``: the same four of
    the result, deferred (unmasked) while its bounds stay within the slack.

    Both operands are constants: the caller folds instead (:func:`fold_int`).
    """
    araw, aprec, alo, ahi = a
    braw, bprec, blo, bhi = b
    if kind == SHL_OP:
        # the count's low bits only (spec 4.3.2 ishl: k mod N), so it may be deferred
        width = mask.bit_length() - 1
        if blo == bhi:
            k = blo & width
            if k == 0:
                return araw, aprec, alo, ahi
            raw = f"{paren(araw, aprec, SHIFT)} << {k}"
            lo, hi = min(alo << k, alo), max(ahi << k, ahi)
        else:
            raw = f"{paren(araw, aprec, SHIFT)} << ({paren(braw, bprec, AND)} & {width})"
            lo, hi = min(alo << width, alo), max(ahi << width, ahi)
        prec = SHIFT
    else:
        prec = PRECEDENCE[kind]
        right = bprec > prec or (bprec == prec and kind in _ASSOCIATIVE)
        raw = f"{paren(araw, aprec, prec)}{SYMBOL[kind]}{braw if right else f'({braw})'}"
        if kind == ADD_OP:
            lo, hi = alo + blo, ahi + bhi
        elif kind == SUB_OP:
            lo, hi = alo - bhi, ahi - blo
        elif kind == MUL_OP:
            p = (alo * blo, alo * bhi, ahi * blo, ahi * bhi)
            lo, hi = min(p), max(p)
        else:
            lo, hi = bitwise_range(kind, alo, ahi, blo, bhi)
    limit = mask << SLACK
    if hi > limit or lo < -limit:
        return f"{paren(raw, prec, AND)} & {MASK_TEXT[mask]}", AND, 0, mask
    return raw, prec, lo, hi


def fold_int(kind: int, mask: int, a: int, b: int) -> int:
    """The exact wasm result of ``a op b`` on two canonical constants."""
    if kind == ADD_OP:
        return (a + b) & mask
    if kind == SUB_OP:
        return (a - b) & mask
    if kind == MUL_OP:
        return (a * b) & mask
    if kind == AND_OP:
        return a & b
    if kind == OR_OP:
        return a | b
    if kind == XOR_OP:
        return a ^ b
    return (a << (b & (mask.bit_length() - 1))) & mask


def exact(raw: str, prec: int, lo: int, hi: int, mask: int) -> str:
    """The exact (canonical) value of a ``raw`` form as an atom."""
    if lo >= 0 and hi <= mask:
        return raw if prec == ATOM else f"({raw})"
    return f"({paren(raw, prec, AND)} & {MASK_TEXT[mask]})"


# -- folding of every other numeric operator --------------------------------------------

_FOLDERS: dict[str, Callable[..., Any] | None] = {}


def folder(name: str, pyname: str, nargs: int, namespace: dict[str, Any]) -> Any:
    """The compile-time evaluator of an operator: the run time's own code.

    Its :data:`interp.numerics.INLINE` template made a function (in the
    namespace generated code runs in), or the function generated code calls.
    """
    if name in _FOLDERS:
        return _FOLDERS[name]
    template = numerics.INLINE.get(name)
    fn: Callable[..., Any] | None
    if template is not None:
        args = [f"_a{k}" for k in range(nargs)]
        # in a copy: eval adds ``__builtins__`` to the globals it is given, and
        # the generated code's namespace must stay what the families built
        fn = eval(f"lambda {', '.join(args)}: {template.format(*args)}", dict(namespace))
    else:
        fn = namespace.get(pyname)
    _FOLDERS[name] = fn
    return fn


def foldable_float(v: float) -> bool:
    """A float result may be folded unless it is a NaN (whose bits the machine picks)."""
    return not math.isnan(v)
