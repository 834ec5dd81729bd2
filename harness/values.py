"""Values crossing the harness/engine boundary, and the comparison rules.

Every value is a small tuple ``(type, payload)`` so that it compares, prints
and pickles (xdist) without engine objects:

* ``("i32", bits)`` / ``("i64", bits)``   -- unsigned bit pattern
* ``("f32", bits)`` / ``("f64", bits)``   -- raw IEEE-754 bits (NaN payloads kept)
* ``("v128", bits)``                      -- 128-bit little-endian int
* references: ``(kind, None)`` is a null reference of that hierarchy, and
  ``(kind, payload)`` a non-null one, where kind is the *dynamic* kind of the
  referenced object: ``funcref`` (payload: an opaque identity), ``externref``
  (payload: the host index given to ``ref.extern N``), ``anyref`` (payload:
  the host index of ``ref.host N``), ``structref``, ``arrayref``,
  ``i31ref`` (payload: the 31-bit value or an identity), ``exnref``.

Expected results in the scripts may be *patterns* rather than values:
``nan:canonical`` / ``nan:arithmetic`` floats (also per v128 lane), "any
non-null funcref" (``(ref.func)``), "any null" (``(ref.null)``), ``either``
alternatives.  :func:`matches` implements the rules of the reference
interpreter (spec test suite README, "assert_return"; spec 4.3.3 for the NaN
classes: a canonical NaN has payload ``1 << (signif-1)``, an arithmetic NaN
has that bit set).
"""

from __future__ import annotations

import struct
from dataclasses import dataclass
from typing import Any

Value = tuple[str, Any]

INT_WIDTH = {"i32": 32, "i64": 64}
FLOAT_WIDTH = {"f32": 32, "f64": 64}
NUM_WIDTH = {**INT_WIDTH, **FLOAT_WIDTH, "v128": 128}
LANE_WIDTH = {"i8": 8, "i16": 16, "i32": 32, "i64": 64, "f32": 32, "f64": 64}

#: reference hierarchies (GC proposal): a null of any type in a hierarchy
#: is the same null value, so nulls compare by hierarchy.
HIERARCHY = {
    "funcref": "func",
    "nullfuncref": "func",
    "externref": "extern",
    "nullexternref": "extern",
    "anyref": "any",
    "eqref": "any",
    "i31ref": "any",
    "structref": "any",
    "arrayref": "any",
    "nullref": "any",
    "exnref": "exn",
    "nullexnref": "exn",
}
REF_TYPES = frozenset(HIERARCHY) | {"refnull"}
#: which dynamic kinds an abstract expected type admits (``(ref.eq)`` etc.)
ADMITS = {
    "funcref": {"funcref"},
    "externref": {"externref"},
    "anyref": {"anyref", "i31ref", "structref", "arrayref"},
    "eqref": {"i31ref", "structref", "arrayref"},
    "i31ref": {"i31ref"},
    "structref": {"structref"},
    "arrayref": {"arrayref"},
    "exnref": {"exnref"},
}

# -- NaN classes (spec 4.3.3, "NaN propagation") ------------------------------

_FLOAT_LAYOUT = {
    "f32": (0x7F800000, 0x007FFFFF, 0x00400000),
    "f64": (0x7FF0000000000000, 0x000FFFFFFFFFFFFF, 0x0008000000000000),
}


def is_nan(t: str, bits: int) -> bool:
    exp, frac, _ = _FLOAT_LAYOUT[t]
    return bits & exp == exp and bits & frac != 0


def is_canonical_nan(t: str, bits: int) -> bool:
    """``nan:canonical``: payload exactly the quiet bit, either sign."""
    exp, frac, quiet = _FLOAT_LAYOUT[t]
    return bits & exp == exp and bits & frac == quiet


def is_arithmetic_nan(t: str, bits: int) -> bool:
    """``nan:arithmetic``: quiet bit set, any other payload, either sign."""
    exp, _, quiet = _FLOAT_LAYOUT[t]
    return bits & exp == exp and bits & quiet != 0


# -- expected patterns ----------------------------------------------------------


@dataclass(frozen=True)
class Expected:
    """One expected result of an ``assert_return`` (a value or a pattern).

    ``type`` is the script's type name; ``value`` is an int (bits), a NaN
    class string, a tuple of lanes (v128), ``None`` for a null reference,
    an int host index, or :data:`ANY` for "any non-null reference".
    ``lane`` is the v128 lane type; ``either`` holds alternatives.
    """

    type: str
    value: Any = None
    lane: str | None = None
    either: tuple[Expected, ...] = ()


ANY = "<any>"


def _parse_num(t: str, text: str) -> int | str:
    if text.startswith("nan:"):
        return text
    v = int(text)
    return v & ((1 << NUM_WIDTH.get(t, LANE_WIDTH.get(t, 64))) - 1)


def parse_expected(j: dict[str, Any]) -> Expected:
    """Turn one ``expected`` entry of wasm-tools' JSON into an :class:`Expected`."""
    t = j["type"]
    if t == "either":
        return Expected("either", either=tuple(parse_expected(x) for x in j["values"]))
    if t in INT_WIDTH or t in FLOAT_WIDTH:
        return Expected(t, _parse_num(t, j["value"]))
    if t == "v128":
        lane = j["lane_type"]
        return Expected(t, tuple(_parse_num(lane, x) for x in j["value"]), lane)
    if t in REF_TYPES:
        raw = j.get("value")
        if t == "refnull" or t.startswith("null") or raw == "null":
            return Expected(t, None)
        if raw is None:
            return Expected(t, ANY)
        return Expected(t, int(raw))
    raise ValueError(f"unknown expected value type {t!r}")


def parse_arg(j: dict[str, Any]) -> Value:
    """Turn one action argument of wasm-tools' JSON into a :data:`Value`."""
    t = j["type"]
    if t in NUM_WIDTH and t != "v128":
        return (t, int(j["value"]) & ((1 << NUM_WIDTH[t]) - 1))
    if t == "v128":
        return ("v128", lanes_to_v128(j["lane_type"], [int(x) for x in j["value"]]))
    if t in REF_TYPES:
        raw = j.get("value")
        if raw is None or raw == "null" or t.startswith("null"):
            return (t, None)
        return (t, int(raw))
    raise ValueError(f"unknown argument type {t!r}")


def lanes_to_v128(lane: str, values: list[int]) -> int:
    w = LANE_WIDTH[lane]
    mask = (1 << w) - 1
    out = 0
    for i, v in enumerate(values):
        out |= (v & mask) << (i * w)
    return out


def v128_lanes(lane: str, bits: int) -> list[int]:
    w = LANE_WIDTH[lane]
    mask = (1 << w) - 1
    return [(bits >> (i * w)) & mask for i in range(128 // w)]


# -- comparison -----------------------------------------------------------------


def _match_float(t: str, want: int | str, bits: int) -> bool:
    if want == "nan:canonical":
        return is_canonical_nan(t, bits)
    if want == "nan:arithmetic":
        return is_arithmetic_nan(t, bits)
    return bits == want  # bit-exact: -0.0 != +0.0, NaN payloads compared


def _match_lane(lane: str, want: int | str, bits: int) -> bool:
    if lane in FLOAT_WIDTH:
        return _match_float(lane, want, bits)
    return bits == want


def matches(exp: Expected, got: Value) -> bool:
    """Does the engine's result ``got`` satisfy the expectation ``exp``?"""
    if exp.type == "either":
        return any(matches(alt, got) for alt in exp.either)
    gt, gv = got
    t = exp.type
    if t in INT_WIDTH:
        return gt == t and gv == exp.value
    if t in FLOAT_WIDTH:
        return gt == t and isinstance(gv, int) and _match_float(t, exp.value, gv)
    if t == "v128":
        if gt != "v128" or not isinstance(gv, int):
            return False
        assert exp.lane is not None
        return all(
            _match_lane(exp.lane, w, g)
            for w, g in zip(exp.value, v128_lanes(exp.lane, gv), strict=True)
        )
    # references
    if gt not in HIERARCHY:
        return False
    if exp.value is None:  # a null of the expected hierarchy (or any, for refnull)
        return gv is None and (t == "refnull" or HIERARCHY[gt] == HIERARCHY[t])
    if gv is None:
        return False
    if exp.value == ANY:
        return gt in ADMITS.get(t, {t})
    # a host reference with its index: ref.extern N / ref.host N
    return gt == t and gv == exp.value


# -- human-readable forms -----------------------------------------------------------


def _float_text(t: str, bits: int) -> str:
    if t == "f32":
        f = struct.unpack("<f", struct.pack("<I", bits & 0xFFFFFFFF))[0]
    else:
        f = struct.unpack("<d", struct.pack("<Q", bits & (2**64 - 1)))[0]
    if f != f:
        frac = _FLOAT_LAYOUT[t][1]
        sign = "-" if bits >> (31 if t == "f32" else 63) else ""
        return f"{sign}nan:0x{bits & frac:x}"
    return repr(f)


def _lane_text(lane: str, want: int | str) -> str:
    if isinstance(want, str):
        return want
    if lane in FLOAT_WIDTH:
        return _float_text(lane, want)
    return str(want)


def format_value(v: Value, lane: str | None = None) -> str:
    """``i32:4294967295 (-1, 0xffffffff)``, ``f32:-0.0 (0x80000000)`` ..."""
    t, p = v
    if t in INT_WIDTH and isinstance(p, int):
        w = INT_WIDTH[t]
        signed = p - (1 << w) if p >> (w - 1) else p
        return f"{t}:{p} ({signed}, 0x{p:0{w // 4}x})"
    if t in FLOAT_WIDTH and isinstance(p, int):
        return f"{t}:{_float_text(t, p)} (0x{p:0{FLOAT_WIDTH[t] // 4}x})"
    if t == "v128" and isinstance(p, int):
        lane = lane or "i32"
        lanes = " ".join(_lane_text(lane, x) for x in v128_lanes(lane, p))
        return f"v128:{lane}x{128 // LANE_WIDTH[lane]}[{lanes}] (0x{p:032x})"
    if p is None:
        return f"{t}:null"
    return f"{t}:{p!r}"


def format_expected(e: Expected) -> str:
    if e.type == "either":
        return "either(" + " | ".join(format_expected(x) for x in e.either) + ")"
    if e.type == "v128":
        assert e.lane is not None
        return (
            f"v128:{e.lane}x{len(e.value)}["
            + " ".join(_lane_text(e.lane, x) for x in e.value)
            + "]"
        )
    if isinstance(e.value, str):
        return f"{e.type}:{e.value}"
    if e.type in INT_WIDTH or e.type in FLOAT_WIDTH:
        return format_value((e.type, e.value))
    if e.value is None:
        return f"{e.type}:null"
    return f"{e.type}:{e.value}"


def lane_hint(exp: Expected) -> str | None:
    """The lane type to print an actual v128 result in (that of the expectation)."""
    if exp.type == "v128":
        return exp.lane
    if exp.type == "either":
        for alt in exp.either:
            if alt.lane:
                return alt.lane
    return None
