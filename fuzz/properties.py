"""Per-instruction properties: every scalar numeric instruction against wasmtime.

One module exports one function per instruction (``"i32.add"`` ->
``local.get 0; local.get 1; i32.add``); it is compiled once in each engine.
Operands are raw bit patterns biased to the edges (NaNs with payloads,
signalling NaNs, infinities, signed zeros, subnormals, integer boundaries).

Agreement means: the same trap kind, or the same result bits -- except where
the spec leaves NaN bits open (spec 4.3.3 "NaN propagation"): for the
*arithmetic* float instructions a NaN result only has to be the NaN the spec
allows (canonical if every NaN operand is canonical, else any arithmetic
NaN, either sign), since wasmtime canonicalizes.  Bit-manipulating
instructions (``neg``, ``abs``, ``copysign``, reinterpretations) are
compared exactly.

Hypothesis profiles: ``ci`` (bounded, derandomized, no example database;
used by ``tests/test_fuzz_properties.py``) and ``fuzz`` (thousands of
examples per instruction)::

    python -m fuzz.properties --profile fuzz [--ops f32.min,i64.rem_s]
"""

from __future__ import annotations

import argparse
import atexit
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import wasmtime
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st

import interp
from interp.features import BY_NAME as BY_FEATURE
from interp.opcodes import OPCODES
from interp.text import parse_module

from . import oracle
from .strategies import ARITHMETIC_FLOAT  # float ops with nondeterministic NaN bits
from .subject import Subject
from .values import EDGES, FLOAT_LAYOUT, MASK, is_arithmetic_nan, is_canonical_nan, is_nan
from .wasmenc import Function, ModuleBuilder, opcode

settings.register_profile(
    "ci",
    max_examples=20,
    derandomize=True,
    database=None,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
settings.register_profile(
    "fuzz",
    max_examples=3000,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)

_NUM = {"i32", "i64", "f32", "f64"}

NUMERIC_OPS: list[str] = sorted(
    info.name
    for info in OPCODES.values()
    if info.imm == ""
    and info.params
    and info.results is not None
    and set(info.params) | set(info.results) <= _NUM
    and (info.feature is None or BY_FEATURE[info.feature].standard == "2.0")
)
"""Every scalar numeric instruction of WebAssembly 2.0 (no immediates, numeric
operands/results): the oracle runs wasmtime at the ``wasm2`` level, so the
wide-arithmetic instructions (beyond 3.0) are checked by their own
properties in ``tests/test_wide_arithmetic.py``."""


def signature(op: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    from interp.opcodes import BY_NAME

    info = BY_NAME[op]
    assert info.params is not None and info.results is not None
    return info.params, info.results


@lru_cache(maxsize=1)
def ops_module() -> bytes:
    """The module exporting one function per instruction of :data:`NUMERIC_OPS`."""
    from interp.opcodes import BY_NAME

    funcs = []
    for op in NUMERIC_OPS:
        params, results = signature(op)
        body = b"".join(b"\x20" + bytes([i]) for i in range(len(params))) + opcode(BY_NAME[op].code)
        funcs.append(Function(params, results, body, export=op))
    return ModuleBuilder(funcs).encode()


class Pair:
    """Both engines with the ops module instantiated."""

    def __init__(self) -> None:
        wasm = ops_module()
        self.ours = Subject(wasm, timeout=5.0)
        assert self.ours.load() == ["ok"] and self.ours.instantiate() == ["ok"]
        self.store = wasmtime.Store(oracle.engine("wasm2", False))
        inst = wasmtime.Instance(self.store, wasmtime.Module(self.store.engine, wasm), [])
        self.theirs = dict(inst.exports(self.store).items())

    def run(self, op: str, args: list[int]) -> tuple[list[Any], list[Any]]:
        params, results = signature(op)
        a = self.ours.call(op, list(params), list(results), list(args))
        func = self.theirs[op]
        assert isinstance(func, wasmtime.Func)
        try:
            b = [
                "ok",
                oracle.call_raw(self.store, func, list(params), list(results), list(args)),
            ]
        except (wasmtime.Trap, wasmtime.WasmtimeError) as exc:
            b = list(oracle.trap_kind(exc))
        return a, b


@lru_cache(maxsize=1)
def pair() -> Pair:
    atexit.register(pair.cache_clear)  # drop wasmtime objects before interpreter teardown
    return Pair()


# -- NaN rules (spec 4.3.3) ---------------------------------------------------------

_FLOAT = FLOAT_LAYOUT


def agrees(op: str, args: list[int], ours: list[Any], theirs: list[Any]) -> bool:
    """Whether our outcome is one the spec allows, given wasmtime's."""
    if ours == theirs:
        return True
    if ours[0] != "ok" or theirs[0] != "ok":
        return False
    params, results = signature(op)
    t = results[0]
    if t not in _FLOAT or op.split(".")[1] not in ARITHMETIC_FLOAT:
        return False
    x, y = ours[1][0], theirs[1][0]
    if not (is_nan(t, x) and is_nan(t, y)):
        return False
    nan_inputs = [a for pt, a in zip(params, args, strict=True) if pt in _FLOAT and is_nan(pt, a)]
    if all(
        is_canonical_nan(pt, a)
        for pt, a in zip(params, args, strict=True)
        if pt in _FLOAT and is_nan(pt, a)
    ):
        return is_canonical_nan(t, x)  # includes "no NaN operand" (e.g. inf - inf)
    return bool(nan_inputs) and is_arithmetic_nan(t, x)


# -- strategies ---------------------------------------------------------------------


def operand(t: str) -> st.SearchStrategy[int]:
    """Raw bits of type ``t``, biased to the edges."""
    mask = MASK[t]
    choices = [st.sampled_from(EDGES[t]), st.integers(0, mask)]
    if t in _FLOAT:
        e, m = _FLOAT[t]
        exp_all = ((1 << e) - 1) << m
        sign = st.sampled_from([0, 1 << (e + m)])
        nan = st.builds(lambda s, p: s | exp_all | p, sign, st.integers(1, (1 << m) - 1))
        subnormal = st.builds(lambda s, p: s | p, sign, st.integers(1, (1 << m) - 1))
        near_int = st.builds(
            lambda s, k: s | k,
            sign,
            st.integers((127 if t == "f32" else 1023) << m, (190 if t == "f32" else 1086) << m),
        )
        choices += [nan, subnormal, near_int]
    else:
        bits = 32 if t == "i32" else 64
        choices.append(
            st.integers(0, bits + 1).map(
                lambda k: ((1 << k) - 1) & mask if k <= bits else 1 << (bits - 1)
            )
        )
    return st.one_of(*choices)


def operands(op: str) -> st.SearchStrategy[list[int]]:
    params, _ = signature(op)
    return st.tuples(*[operand(t) for t in params]).map(list)


def check(op: str, args: list[int]) -> None:
    """The property: raise AssertionError with both outcomes on disagreement."""
    ours, theirs = pair().run(op, args)
    assert agrees(op, args, ours, theirs), (
        f"{op}{tuple(hex(a) for a in args)}: nanowasm {_fmt(ours)} vs wasmtime {_fmt(theirs)}"
    )


def _fmt(outcome: list[Any]) -> str:
    if outcome[0] == "ok":
        return "ok " + ",".join(hex(v) if isinstance(v, int) else str(v) for v in outcome[1])
    return " ".join(str(x) for x in outcome)


def property_for(op: str, profile: str = "ci", max_examples: int | None = None):
    """A runnable hypothesis test of instruction ``op`` under ``profile``."""
    from hypothesis import given

    chosen = settings.get_profile(profile)
    if max_examples:
        chosen = settings(chosen, max_examples=max_examples)

    @settings(chosen)
    @given(operands(op))
    def test(args: list[int]) -> None:
        check(op, args)

    test.__name__ = f"test_{op.replace('.', '_')}"
    return test


# -- 3.0 instruction families: casts, i31, packed fields ---------------------------------
#
# Modules are written in the text format and encoded by the engine's own front end
# (interp.text); each property runs nanowasm in both compile modes where the test
# asks for it, and wasmtime (GC level) as an independent second opinion.


@dataclass(frozen=True)
class TypeSpec:
    """One defined function type of a random hierarchy (:func:`hierarchies`)."""

    group: int  # rec group number: consecutive types with equal numbers share a group
    final: bool
    sup: int | None  # index of the declared supertype (an earlier, non-final type)
    shape: str  # key of SHAPES: a subtype keeps its supertype's shape


SHAPES = {"f0": "(func)", "fp": "(func (param i32))", "fr": "(func (result i32))"}
_BODY = {"f0": "", "fp": "", "fr": "i32.const 0"}


@st.composite
def hierarchies(draw: Any, max_types: int = 4) -> list[TypeSpec]:
    """A random hierarchy of function types: rec groups, final/open types, declared
    supertypes, equal structures in different groups (which canonicalize to one type,
    3.0 spec 2.3.8 / 4.2.5, iso-recursive equivalence) and unrelated shapes."""
    n = draw(st.integers(1, max_types))
    out: list[TypeSpec] = []
    group = 0
    for i in range(n):
        if i and draw(st.booleans()):
            group += 1
        opens = [j for j in range(i) if not out[j].final]
        sup = draw(st.sampled_from([None, *opens])) if opens else None
        shape = out[sup].shape if sup is not None else draw(st.sampled_from(sorted(SHAPES)))
        out.append(TypeSpec(group, draw(st.booleans()), sup, shape))
    return out


def cast_module(types: list[TypeSpec]) -> str:
    """One function per type and, for every (value type i, target type j), exports
    ``test i j`` (ref.test), ``cast i j`` (ref.cast), ``br i j`` (br_on_cast) and
    ``brf i j`` (br_on_cast_fail), all answering 1 iff type i matches type j; plus
    ``null j`` (a null against ``(ref null j)``: 1) and ``nonnull j`` (against ``(ref j)``: 0)."""
    lines = ["(module"]
    groups: dict[int, list[str]] = {}
    for i, t in enumerate(types):
        fin = " final" if t.final else ""
        sup = f" $t{t.sup}" if t.sup is not None else ""
        groups.setdefault(t.group, []).append(f"(type $t{i} (sub{fin}{sup} {SHAPES[t.shape]}))")
    lines += [f"  (rec {' '.join(g)})" for g in groups.values()]
    n = len(types)
    for i, t in enumerate(types):
        lines.append(f"  (func $f{i} (type $t{i}) {_BODY[t.shape]})")
    lines.append("  (elem declare func " + " ".join(f"$f{i}" for i in range(n)) + ")")
    for i in range(n):
        for j in range(n):
            v, r = f"ref.func $f{i}", f"(ref $t{j})"
            lines += [
                f'  (func (export "test {i} {j}") (result i32) {v} ref.test {r})',
                f'  (func (export "cast {i} {j}") (result i32) {v} ref.cast {r} drop i32.const 1)',
                f'  (func (export "br {i} {j}") (result i32) (block $l (result {r}) {v}'
                f" br_on_cast $l (ref func) {r} drop i32.const 0 return) drop i32.const 1)",
                f'  (func (export "brf {i} {j}") (result i32) (block $l (result (ref func)) {v}'
                f" br_on_cast_fail $l (ref func) {r} drop i32.const 1 return) drop i32.const 0)",
            ]
    for j in range(n):
        lines += [
            f'  (func (export "null {j}") (result i32) ref.null nofunc ref.test (ref null $t{j}))',
            f'  (func (export "nonnull {j}") (result i32) ref.null nofunc ref.test (ref $t{j}))',
        ]
    return "\n".join([*lines, ")"])


def expected_matches(wasm: bytes, n: int) -> list[list[bool]]:
    """``[i][j]``: whether defined type i matches type j, by :mod:`interp.match`
    on the module's canonical types (the one matcher every check goes through)."""
    from interp.deftypes import canonicalize
    from interp.match import match_heaptype

    module = interp.decode_module(wasm)
    # only the declared ones: the text format appends the exports' implicit types
    d = canonicalize(module.rec_groups())[:n]
    return [[match_heaptype(a, b) for b in d] for a in d]


def run_exports(wasm: bytes, names: list[str], flat: bool = False) -> dict[str, list[list[Any]]]:
    """Outcome of each export (no arguments, i32 result) in nanowasm (``flat``: every
    function compiled in flat mode) and in wasmtime: ``{name: [ours, theirs]}``."""
    ours = Subject(wasm, timeout=20.0)
    with _compile_mode(flat):
        assert ours.load() == ["ok"], ours.load()
        assert ours.instantiate() == ["ok"]
        mine = {n: ours.call(n, [], ["i32"], []) for n in names}
    store = wasmtime.Store(oracle.engine("wasm3", False))
    inst = wasmtime.Instance(store, wasmtime.Module(store.engine, wasm), [])
    exports = inst.exports(store)
    out = {}
    for n in names:
        func = exports[n]
        assert isinstance(func, wasmtime.Func)
        try:
            theirs: list[Any] = ["ok", oracle.call_raw(store, func, [], ["i32"], [])]
        except (wasmtime.Trap, wasmtime.WasmtimeError) as exc:
            theirs = list(oracle.trap_kind(exc))
        out[n] = [mine[n], theirs]
    return out


@contextmanager
def _compile_mode(flat: bool) -> Iterator[None]:
    """Compile every function in flat mode (normally only the deeply nested ones)."""
    if not flat:
        yield
        return
    from interp import compile as _compile

    init = _compile.FunctionCompiler.__init__

    def flat_init(self: Any, *args: Any, **kwargs: Any) -> None:
        kwargs["flat"] = True
        init(self, *args[:5], **kwargs)

    _compile.FunctionCompiler.__init__ = flat_init  # type: ignore[method-assign]
    try:
        yield
    finally:
        _compile.FunctionCompiler.__init__ = init  # type: ignore[method-assign]


def check_casts(types: list[TypeSpec], flat: bool = False) -> None:
    """The property: ref.test / ref.cast / br_on_cast / br_on_cast_fail on a function
    of every type against every type agree with interp.match, in nanowasm and wasmtime."""
    wasm = parse_module(cast_module(types))
    n = len(types)
    want = expected_matches(wasm, n)
    names = [
        f"{k} {i} {j}" for i in range(n) for j in range(n) for k in ("test", "cast", "br", "brf")
    ]
    names += [f"{k} {j}" for j in range(n) for k in ("null", "nonnull")]
    got = run_exports(wasm, names, flat)
    for name, (ours, theirs) in got.items():
        k, *ij = name.split()
        if k in ("null", "nonnull"):
            expect: list[Any] = ["ok", [int(k == "null")]]
        else:
            ok = want[int(ij[0])][int(ij[1])]
            expect = ["ok", [1]] if ok else (["trap", "cast"] if k == "cast" else ["ok", [0]])
        assert ours == expect and theirs == expect, (
            f"{name} on {types}: interp.match says {expect}, nanowasm {ours}, wasmtime {theirs}"
        )


def i31_module(values: list[int]) -> str:
    """For each i32 ``x``: ``get_s k`` / ``get_u k`` (ref.i31 then i31.get_*), ``eq k``
    (ref.eq of ref.i31 x and ref.i31 (x xor 2^31): 1, i31 keeps 31 bits), ``glob k``
    (through a mutable i31ref global and back), ``test k`` (ref.test (ref i31) of it
    as anyref: 1) and ``struct k`` (ref.test (ref struct): 0)."""
    lines = ["(module", "  (global $g (mut i31ref) (ref.null i31))"]
    for k, x in enumerate(values):
        c = f"(i32.const {x - (1 << 32) if x >= 1 << 31 else x})"
        lines += [
            f'  (func (export "get_s {k}") (result i32) (i31.get_s (ref.i31 {c})))',
            f'  (func (export "get_u {k}") (result i32) (i31.get_u (ref.i31 {c})))',
            f'  (func (export "eq {k}") (result i32)'
            f" (ref.eq (ref.i31 {c}) (ref.i31 (i32.xor {c} (i32.const 0x80000000)))))",
            f'  (func (export "glob {k}") (result i32)'
            f" (global.set $g (ref.i31 {c})) (i31.get_u (global.get $g)))",
            f'  (func (export "test {k}") (result i32) (ref.test (ref i31) (ref.i31 {c})))',
            f'  (func (export "struct {k}") (result i32) (ref.test (ref struct) (ref.i31 {c})))',
        ]
    return "\n".join([*lines, ")"])


def i31_expected(x: int) -> dict[str, int]:
    """What the spec says (3.0 spec 4.4.5.x, ref.i31 = wrap to 31 bits; i31.get_s
    sign-extends bit 30, i31.get_u zero-extends), as Python integers (u32 bits)."""
    low = x & 0x7FFFFFFF
    signed = low | 0x80000000 if low & 0x40000000 else low
    return {"get_s": signed, "get_u": low, "eq": 1, "glob": low, "test": 1, "struct": 0}


def check_i31(values: list[int], flat: bool = False) -> None:
    wasm = parse_module(i31_module(values))
    kinds = ("get_s", "get_u", "eq", "glob", "test", "struct")
    names = [f"{k} {i}" for i in range(len(values)) for k in kinds]
    for name, (ours, theirs) in run_exports(wasm, names, flat).items():
        k, i = name.split()
        expect = ["ok", [i31_expected(values[int(i)])[k]]]
        assert ours == expect and theirs == expect, (
            f"{name} (x={values[int(i)]:#x}): Python {expect}, nanowasm {ours}, wasmtime {theirs}"
        )


def packed_module(values: list[int]) -> str:
    """For each i32 ``x``, exports reading back ``x`` stored into ``i8`` / ``i16``
    fields and elements: ``{s,a}{8,16}_{s,u} k`` (struct.new / array.new, then
    get_s / get_u) and ``{s,a}set{8,16} k`` (a default object, struct.set / array.set
    of x, then get_s)."""
    lines = [
        "(module",
        "  (type $s (struct (field (mut i8)) (field (mut i16))))",
        "  (type $a8 (array (mut i8)))",
        "  (type $a16 (array (mut i16)))",
    ]
    for k, x in enumerate(values):
        c = f"(i32.const {x - (1 << 32) if x >= 1 << 31 else x})"
        new_s = f"(struct.new $s {c} {c})"
        for w, field, arr in ((8, 0, "$a8"), (16, 1, "$a16")):
            for su in ("s", "u"):
                lines += [
                    f'  (func (export "s{w}_{su} {k}") (result i32) (struct.get_{su} $s {field} {new_s}))',
                    f'  (func (export "a{w}_{su} {k}") (result i32)'
                    f" (array.get_{su} {arr} (array.new {arr} {c} (i32.const 3)) (i32.const 2)))",
                ]
            lines += [
                f'  (func (export "sset{w} {k}") (result i32) (local $r (ref null $s))'
                f" (local.set $r (struct.new_default $s)) (struct.set $s {field} (local.get $r) {c})"
                f" (struct.get_s $s {field} (local.get $r)))",
                f'  (func (export "aset{w} {k}") (result i32) (local $r (ref null {arr}))'
                f" (local.set $r (array.new_default {arr} (i32.const 2)))"
                f" (array.set {arr} (local.get $r) (i32.const 1) {c})"
                f" (array.get_s {arr} (local.get $r) (i32.const 1)))",
            ]
    return "\n".join([*lines, ")"])


def packed_expected(x: int, width: int, signed: bool) -> int:
    """A packed store wraps to ``width`` bits; get_s sign-extends, get_u zero-extends
    (3.0 spec 4.4.5, struct.get / array.get with a packed type: unpack_sx), as u32 bits."""
    low = x & ((1 << width) - 1)
    if signed and low >> (width - 1):
        low |= 0xFFFFFFFF ^ ((1 << width) - 1)
    return low


def check_packed(values: list[int], flat: bool = False) -> None:
    wasm = parse_module(packed_module(values))
    names = [
        f"{kind} {i}"
        for i in range(len(values))
        for kind in (
            *(f"{o}{w}_{su}" for o in "sa" for w in (8, 16) for su in "su"),
            *(f"{o}set{w}" for o in "sa" for w in (8, 16)),
        )
    ]
    for name, (ours, theirs) in run_exports(wasm, names, flat).items():
        kind, i = name.split()
        width = 16 if "16" in kind else 8
        signed = "set" in kind or kind.endswith("_s")
        expect = ["ok", [packed_expected(values[int(i)], width, signed)]]
        assert ours == expect and theirs == expect, (
            f"{name} (x={values[int(i)]:#x}): Python {expect}, nanowasm {ours}, wasmtime {theirs}"
        )


i32_bits = st.one_of(
    st.sampled_from([0, 1, 0x3FFFFFFF, 0x40000000, 0x7FFFFFFF, 0x80000000, 0xC0000000, 0xFFFFFFFF]),
    st.integers(0, 0xFFFFFFFF),
)


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m fuzz.properties")
    p.add_argument("--profile", default="fuzz", choices=["ci", "fuzz"])
    p.add_argument("--ops", help="comma-separated instruction names (default: all)")
    p.add_argument("--examples", type=int, help="override the profile's max_examples")
    a = p.parse_args(argv)
    ops = a.ops.split(",") if a.ops else NUMERIC_OPS
    failed = 0
    t0 = time.monotonic()
    for op in ops:
        try:
            property_for(op, a.profile, a.examples)()
            print(f"ok   {op}", flush=True)
        except AssertionError as exc:
            failed += 1
            print(f"FAIL {op}: {str(exc).splitlines()[-1] if str(exc) else exc}", flush=True)
    print(
        f"{len(ops) - failed}/{len(ops)} instructions agree ({time.monotonic() - t0:.1f}s, profile {a.profile})"
    )
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())

__all__ = [
    "NUMERIC_OPS",
    "agrees",
    "check",
    "check_casts",
    "check_i31",
    "check_packed",
    "hierarchies",
    "interp",
    "operands",
    "parse_module",
    "property_for",
]
