"""Operators the compiler writes inline for their common case
(``FunctionCompiler.push_float_fast``): ``f64.div`` (by a constant, by a
variable that may be zero) and ``f64.sqrt``, bit for bit against the numerics'
functions on the special values, structured and flat."""

from __future__ import annotations

import struct

import pytest

import interp
from fuzz.properties import _compile_mode
from interp import numerics as N
from interp.text import parse_module

SPECIAL = [0.0, -0.0, 1.0, -1.0, 0.5, 3.0, -7.25, 1e308, -1e308, 5e-324, float("inf"),
           float("-inf"), float("nan"), N.f64_from_bits(0x7FF0000000000001),
           N.f64_from_bits(0xFFF4000000000000)]  # fmt: skip
CONSTANTS = ["0.0", "-0.0", "2.0", "-0.01", "inf", "-inf", "nan", "nan:0x4", "1e-310"]


def bits(x: float) -> int:
    return struct.unpack("<Q", struct.pack("<d", x))[0]


def module() -> interp.Module:
    funcs = [
        '(func (export "div") (param f64 f64) (result f64) (f64.div (local.get 0) (local.get 1)))',
        '(func (export "div_expr") (param f64 f64) (result f64)'
        " (f64.div (f64.add (local.get 0) (f64.const -0.0)) (f64.mul (local.get 1) (f64.const 1))))",
        '(func (export "sqrt") (param f64) (result f64) (f64.sqrt (local.get 0)))',
        '(func (export "sqrt_expr") (param f64) (result f64)'
        " (f64.sqrt (f64.mul (local.get 0) (f64.const 1))))",
    ]
    for k, c in enumerate(CONSTANTS):
        funcs.append(
            f'(func (export "div_c{k}") (param f64) (result f64)'
            f" (f64.div (local.get 0) (f64.const {c})))"
        )
    m = interp.decode_module(parse_module(f"(module {' '.join(funcs)})"))
    interp.validate_module(m)
    return m


def numerics_bits(fn: object, *args: float) -> int:
    return bits(fn(*args))  # type: ignore[operator]


@pytest.mark.parametrize("flat", [False, True], ids=["structured", "flat"])
def test_f64_div_and_sqrt_inline_equal_the_numerics(flat: bool) -> None:
    m = module()
    with _compile_mode(flat):
        inst = interp.instantiate(interp.Store(), m, {})
        for a in SPECIAL:
            for b in SPECIAL:
                want = numerics_bits(N.f64_div, a, b)
                for name in ("div", "div_expr"):
                    got = bits(inst.invoke(name, a, b)[0])
                    # the multiplication by 1 and the addition of -0 may quiet a NaN
                    if name == "div" or want & 0x7FF0000000000000 != 0x7FF0000000000000:
                        assert got == want, (name, a, b, hex(got), hex(want))
            for k, c in enumerate(CONSTANTS):
                divisor = N.f64_from_bits(0x7FF0000000000004 if c == "nan:0x4" else bits(float(c)))
                want = numerics_bits(N.f64_div, a, divisor)
                got = bits(inst.invoke(f"div_c{k}", a)[0])
                assert got == want, (a, c, hex(got), hex(want))
            want = numerics_bits(N.f64_sqrt, a)
            assert bits(inst.invoke("sqrt", a)[0]) == want, a
            if a == a:
                assert bits(inst.invoke("sqrt_expr", a)[0]) == want, a
