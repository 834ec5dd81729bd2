"""Literal values of the text format (spec 6.3 "Values"): integers, floats,
strings and names, converted exactly.

Floats are rounded with integer arithmetic (round to nearest, ties to even,
spec 6.3.2 and 4.3.3 ``float_N``), never through Python's float parser, so
that f32 literals are not double-rounded via f64.  A literal that rounds to
infinity, an integer outside its type, or a NaN payload outside the
significand is "constant out of range", as in the reference interpreter.
"""

from __future__ import annotations

import re

#: number token classes (spec 6.3.1/6.3.2), with the underscore rule:
#: an underscore only ever stands between two digits
_NUM = r"[0-9](?:_?[0-9])*"
_HEXNUM = r"[0-9a-fA-F](?:_?[0-9a-fA-F])*"
NAT_RE = re.compile(rf"(?:{_NUM}|0x{_HEXNUM})\Z".encode())
INT_RE = re.compile(rf"[+-](?:{_NUM}|0x{_HEXNUM})\Z".encode())
FLOAT_RE = re.compile(
    (
        rf"[+-]?(?:{_NUM}\.(?:{_NUM})?"
        rf"|{_NUM}(?:\.(?:{_NUM})?)?[eE][+-]?{_NUM}"
        rf"|0x{_HEXNUM}\.(?:{_HEXNUM})?"
        rf"|0x{_HEXNUM}(?:\.(?:{_HEXNUM})?)?[pP][+-]?{_NUM}"
        rf"|inf|nan|nan:0x{_HEXNUM})\Z"
    ).encode()
)


class OutOfRange(Exception):
    """The literal does not fit its type ("constant out of range")."""


#: more digits than any literal the format can hold: the value only has to be
#: "too large" (Python refuses to convert decimal strings past ~4300 digits)
_TOO_LONG = 200
HUGE = 1 << 1024


def _digits(t: str) -> int:
    if t.startswith("0x"):
        return int(t[2:], 16)
    d = t.lstrip("0")
    if len(d) > _TOO_LONG:
        return HUGE
    return int(d) if d else 0


def parse_nat(text: str) -> int:
    """An unsigned literal (``nat``); absurdly long ones are just :data:`HUGE`."""
    return _digits(text.replace("_", ""))


def parse_int(text: str) -> int:
    """A literal with optional sign (``nat`` or ``int``), as a Python int."""
    t = text.replace("_", "")
    neg = t.startswith("-")
    if t[:1] in "+-":
        t = t[1:]
    v = _digits(t)
    return -v if neg else v


def int_bits(text: str, width: int) -> int:
    """An ``iN`` literal as an unsigned bit pattern: nat in ``[0, 2^N)``,
    signed in ``[-2^(N-1), 2^N)`` (spec 6.3.1: ``iN ::= uN | sN``)."""
    v = parse_int(text)
    if v >= 1 << width or v < -(1 << (width - 1)):
        raise OutOfRange
    return v & ((1 << width) - 1)


def uint(text: str, width: int) -> int:
    """A ``uN`` literal (no sign allowed, checked by the caller's token class)."""
    v = parse_nat(text)
    if v >= 1 << width:
        raise OutOfRange
    return v


# -- floats -----------------------------------------------------------------

#: (significand bits, exponent bits)
FORMATS = {32: (23, 8), 64: (52, 11)}


def _round_to_bits(num: int, den: int, width: int) -> int:
    """The positive rational ``num/den`` rounded to nearest-even, as the bits of
    an IEEE binary``width`` without sign; OutOfRange if it rounds to infinity."""
    m, ebits = FORMATS[width]
    bias = (1 << (ebits - 1)) - 1
    emin = 1 - bias
    # e = floor(log2(num/den))
    e = num.bit_length() - den.bit_length()
    if (num << max(0, -e)) < (den << max(0, e)):
        e -= 1
    scale = max(e, emin) - m  # the value of the significand's last bit is 2^scale
    n, d = (num << -scale, den) if scale < 0 else (num, den << scale)
    sig, rem = divmod(n, d)
    twice = 2 * rem
    if twice > d or (twice == d and sig & 1):
        sig += 1
    if sig >> (m + 1):  # rounding carried into a new binade
        sig >>= 1
        e = max(e, emin) + 1
    else:
        e = max(e, emin)
    if sig >> m == 0:  # subnormal (or zero)
        return sig
    biased = e + bias
    if biased >= (1 << ebits) - 1:
        raise OutOfRange
    return biased << m | (sig & ((1 << m) - 1))


def float_bits(text: str, width: int) -> int:
    """A float literal (``fN``) as IEEE bits, exactly rounded (spec 6.3.2)."""
    m, ebits = FORMATS[width]
    t = text.replace("_", "")
    sign = 0
    if t[:1] in "+-":
        sign = 1 if t[0] == "-" else 0
        t = t[1:]
    signbit = sign << (width - 1)
    expmask = ((1 << ebits) - 1) << m
    if t == "inf":
        return signbit | expmask
    if t == "nan":
        return signbit | expmask | 1 << (m - 1)
    if t.startswith("nan:0x"):
        payload = int(t[6:], 16)
        if not 1 <= payload < 1 << m:
            raise OutOfRange
        return signbit | expmask | payload
    if t.startswith("0x"):
        body, _, exp_s = t[2:].partition("p") if "p" in t else t[2:].partition("P")
        intpart, _, frac = body.partition(".")
        digits = intpart + frac
        mant = int(digits, 16) if digits else 0
        exp2 = _exponent(exp_s) - 4 * len(frac)
        if mant == 0:
            return signbit
        # far outside the format: decide without building huge integers
        top = mant.bit_length() + exp2
        if top > (1 << ebits):
            raise OutOfRange
        if top < -(1 << ebits) - m - 2:
            return signbit
        if exp2 >= 0:
            return signbit | _round_to_bits(mant << exp2, 1, width)
        return signbit | _round_to_bits(mant, 1 << -exp2, width)
    body, _, exp_s = t.partition("e") if "e" in t else t.partition("E")
    intpart, _, frac = body.partition(".")
    digits = (intpart + frac).lstrip("0")
    if not digits:
        return signbit
    exp10 = _exponent(exp_s) - len(frac)
    if len(digits) > 800:
        # keep 800 significant digits and a sticky digit: more than enough to
        # round correctly (a tie needs at most 767 for binary64)
        sticky = "1" if digits[800:].strip("0") else "0"
        exp10 += len(digits) - 801
        digits = digits[:800] + sticky
    mant = int(digits)
    top = len(digits) + exp10  # value < 10^top
    if top > 400:
        raise OutOfRange
    if top < -400:
        return signbit
    if exp10 >= 0:
        return signbit | _round_to_bits(mant * 10**exp10, 1, width)
    return signbit | _round_to_bits(mant, 10**-exp10, width)


def _exponent(text: str) -> int:
    """An exponent; beyond any format's range it is clamped (same result)."""
    if not text:
        return 0
    neg = text.startswith("-")
    d = text.lstrip("+-").lstrip("0")
    v = 10**9 if len(d) > 9 else int(d or "0")
    return -v if neg else v


# -- strings and names --------------------------------------------------------

_ESCAPES = {
    ord("n"): 0x0A,
    ord("r"): 0x0D,
    ord("t"): 0x09,
    ord("\\"): 0x5C,
    ord("'"): 0x27,
    ord('"'): 0x22,
}


class BadEscape(Exception):
    """A ``\\u{...}`` escape that is not a Unicode scalar value."""


def string_bytes(raw: bytes) -> bytes:
    """The bytes a lexically valid string token (quotes included) denotes;
    BadEscape if a ``\\u{...}`` escape names no Unicode scalar value."""
    if b"\\" not in raw:
        return raw[1:-1]
    out = bytearray()
    i, end = 1, len(raw) - 1
    while i < end:
        c = raw[i]
        if c != 0x5C:
            out.append(c)
            i += 1
            continue
        c = raw[i + 1]
        if c in _ESCAPES:
            out.append(_ESCAPES[c])
            i += 2
        elif c == ord("u"):
            close = raw.index(b"}", i)
            cp = int(raw[i + 3 : close].replace(b"_", b""), 16)
            if cp >= 0x110000 or 0xD800 <= cp < 0xE000:
                raise BadEscape  # not a Unicode scalar value (spec 6.3.3)
            out += chr(cp).encode("utf-8")
            i = close + 1
        else:
            out.append(int(raw[i + 1 : i + 3], 16))
            i += 3
    return bytes(out)


def is_utf8(b: bytes) -> bool:
    """Is ``b`` valid UTF-8 (no surrogates, spec 6.3.4 / 5.2.4)?"""
    try:
        b.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True
