"""Tests of SIMD (interp.simd, interp.numerics_simd).

* unit tests for the lanes where engines go wrong: NaN payloads per lane,
  signed zeros in min/max/pmin/pmax, saturation, ``nearest`` ties, dot
  product wrap-around, and validation of lane indices / alignment;
* a differential test: every lane-wise SIMD instruction (fixed-width and
  relaxed) is run on random operands by nanowasm and by wasmtime (with
  deterministic relaxed SIMD) and the results are compared lane by lane.
  v128 values cross both APIs as i64 pairs: each exported wrapper builds
  its vector operands from i64 halves and stores the result to memory,
  which the test reads back from both engines.
"""

from __future__ import annotations

import os
import random
import struct

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import interp
from interp import numerics as N
from interp import numerics_simd as V
from interp.simd import SIMD_OPCODES

wasmtime = pytest.importorskip("wasmtime")

M128 = (1 << 128) - 1
f32b = N.f32_from_bits
f64b = N.f64_from_bits


def v_from(shape: str, lanes: list[int]) -> int:
    w = V.SHAPES[shape][2]
    return sum((x & ((1 << w) - 1)) << (w * i) for i, x in enumerate(lanes))


def lanes(shape: str, v: int) -> list[int]:
    w = V.SHAPES[shape][2]
    return [(v >> (w * i)) & ((1 << w) - 1) for i in range(128 // w)]


def wat_module(body: str) -> interp.Instance:
    wasm = wasmtime.wat2wasm(body)
    module = interp.decode_module(wasm)
    interp.validate_module(module)
    return interp.instantiate(interp.Store(), module)


def invalid(body: str) -> str:
    module = interp.decode_module(wasmtime.wat2wasm(body))
    with pytest.raises(interp.InvalidError) as exc:
        interp.validate_module(module)
    return exc.value.message


# -- table ---------------------------------------------------------------------------


def test_table_complete() -> None:
    """236 fixed-width + 20 relaxed instructions, each with an implementation."""
    names = [i.name for i in SIMD_OPCODES.values()]
    assert len(names) == 256 and len(set(names)) == 256
    assert sum(".relaxed_" in n for n in names) == 20


# -- NaN payloads and signed zeros per lane -------------------------------------------------

SNAN32, QNAN32, CANON32 = 0x7FA00001, 0x7FC12345, 0x7FC00000
SNAN64 = 0x7FF4000000000001


def is_arith32(b: int) -> bool:
    return (b & 0x7FC00000) == 0x7FC00000


def test_bit_ops_keep_nan_payloads() -> None:
    v = v_from("f32x4", [SNAN32, 0xFFA00002, QNAN32, 0x80000000])
    assert lanes("f32x4", V.f32x4_abs(v)) == [SNAN32, 0x7FA00002, QNAN32, 0]
    assert lanes("f32x4", V.f32x4_neg(v)) == [0xFFA00001, 0x7FA00002, 0xFFC12345, 0]
    assert N.f32_to_bits(V.f32x4_extract_lane(v, 0)) == SNAN32
    assert V.f32x4_replace_lane(0, 3, f32b(SNAN32)) == SNAN32 << 96
    assert lanes("f32x4", V.f32x4_splat(f32b(SNAN32))) == [SNAN32] * 4
    assert lanes("f64x2", V.f64x2_splat(f64b(SNAN64))) == [SNAN64] * 2


def test_arith_nan_per_lane() -> None:
    """A NaN in one lane does not leak into the others; sNaN inputs give quiet NaNs;
    canonical inputs give canonical outputs (spec 4.3.3)."""
    a = v_from("f32x4", [SNAN32, CANON32, 0x3F800000, 0x7F800000])  # sNaN, nan, 1, inf
    b = v_from("f32x4", [0x3F800000, 0x3F800000, 0x40000000, 0xFF800000])  # 1, 1, 2, -inf
    r = lanes("f32x4", V.f32x4_add(a, b))
    assert is_arith32(r[0]) and r[0] & 0x3FFFFF  # quieted, payload kept
    assert r[1] & 0x7FFFFFFF == CANON32
    assert r[2] == 0x40400000  # 3.0
    assert r[3] & 0x7FFFFFFF == CANON32  # inf + -inf: canonical
    for op in (V.f32x4_min, V.f32x4_max, V.f32x4_mul, V.f32x4_sqrt):
        args = (a, b) if op is not V.f32x4_sqrt else (a,)
        assert is_arith32(lanes("f32x4", op(*args))[0])


def test_min_max_signed_zeros() -> None:
    pz, nz = 0x00000000, 0x80000000
    a, b = v_from("f32x4", [pz, nz, pz, nz]), v_from("f32x4", [nz, pz, pz, nz])
    assert lanes("f32x4", V.f32x4_min(a, b)) == [nz, nz, pz, nz]
    assert lanes("f32x4", V.f32x4_max(a, b)) == [pz, pz, pz, nz]
    # pmin(a, b) = b < a ? b : a  -- zeros compare equal, so a is kept
    assert lanes("f32x4", V.f32x4_pmin(a, b)) == [pz, nz, pz, nz]
    assert lanes("f32x4", V.f32x4_pmax(a, b)) == [pz, nz, pz, nz]


def test_pmin_pmax_nan_operand_bits() -> None:
    """pmin/pmax are selections: the chosen operand's bits come back unchanged."""
    one = 0x3FF0000000000000
    a, b = v_from("f64x2", [SNAN64, one]), v_from("f64x2", [one, SNAN64])
    assert lanes("f64x2", V.f64x2_pmin(a, b)) == [SNAN64, one]
    assert lanes("f64x2", V.f64x2_pmax(a, b)) == [SNAN64, one]


def test_nearest_ties_to_even_per_lane() -> None:
    v = v_from("f32x4", [N.f32_to_bits(x) for x in (2.5, 3.5, -0.5, -2.5)])
    got = [f32b(x) for x in lanes("f32x4", V.f32x4_nearest(v))]
    assert got == [2.0, 4.0, -0.0, -2.0]
    assert N.f32_to_bits(got[2]) == 0x80000000


# -- integer saturation and wrap-around -------------------------------------------------------


@pytest.mark.parametrize(
    ("fn", "a", "b", "want"),
    [
        (V.i8x16_add_sat_s, 127, 1, 127),
        (V.i8x16_add_sat_s, -128, -1, -128),
        (V.i8x16_sub_sat_s, -128, 1, -128),
        (V.i8x16_add_sat_u, 255, 1, 255),
        (V.i8x16_sub_sat_u, 0, 1, 0),
        (V.i8x16_avgr_u, 255, 254, 255),
        (V.i8x16_add, 255, 1, 0),
        (V.i16x8_add_sat_s, 32767, 32767, 32767),
        (V.i16x8_sub_sat_u, 1, 2, 0),
        (V.i16x8_q15mulr_sat_s, -32768, -32768, 32767),
        (V.i16x8_relaxed_q15mulr_s, -32768, -32768, 32767),
        (V.i16x8_q15mulr_sat_s, 16384, 16384, 8192),
        (V.i16x8_mul, 256, 256, 0),
    ],
)
def test_saturating_lanes(fn, a: int, b: int, want: int) -> None:
    shape = fn.__name__[:5]  # i8x16 or i16x8
    n = 16 if shape == "i8x16" else 8
    got = lanes(shape, fn(v_from(shape, [a] * n), v_from(shape, [b] * n)))
    w = V.SHAPES[shape][2]
    assert got == [want & ((1 << w) - 1)] * n


def test_narrow_saturates_signed_input() -> None:
    a = v_from("i16x8", [-129, -128, 127, 128, 255, 256, -1, 0])
    assert lanes("i8x16", V.i8x16_narrow_i16x8_s(a, 0))[:8] == [
        x & 0xFF for x in (-128, -128, 127, 127, 127, 127, -1, 0)
    ]
    assert lanes("i8x16", V.i8x16_narrow_i16x8_u(a, 0))[:8] == [0, 0, 127, 128, 255, 255, 0, 0]


def test_dot_wraps_and_relaxed_dot_saturates() -> None:
    m = v_from("i16x8", [-32768] * 8)
    assert lanes("i32x4", V.i32x4_dot_i16x8_s(m, m)) == [0x80000000] * 4
    s8 = v_from("i8x16", [-128] * 16)
    assert lanes("i16x8", V.i16x8_relaxed_dot_i8x16_i7x16_s(s8, s8)) == [0x7FFF] * 8
    assert lanes("i32x4", V.i32x4_relaxed_dot_i8x16_i7x16_add_s(s8, s8, 1)) == [
        0xFFFF,  # 32767 + 32767 + 1
        0xFFFE,
        0xFFFE,
        0xFFFE,
    ]


def test_trunc_sat_lanes() -> None:
    v = v_from("f32x4", [CANON32, 0x7F800000, 0xFF800000, N.f32_to_bits(-1.5)])
    assert lanes("i32x4", V.i32x4_trunc_sat_f32x4_s(v)) == [0, 0x7FFFFFFF, 0x80000000, 0xFFFFFFFF]
    assert lanes("i32x4", V.i32x4_trunc_sat_f32x4_u(v)) == [0, 0xFFFFFFFF, 0, 0]
    assert V.i32x4_relaxed_trunc_f32x4_s(v) == V.i32x4_trunc_sat_f32x4_s(v)


def test_shifts_take_count_modulo_lane_width() -> None:
    v = v_from("i8x16", [0x81] * 16)
    assert lanes("i8x16", V.i8x16_shl(v, 9)) == [0x02] * 16
    assert lanes("i8x16", V.i8x16_shr_s(v, 8 + 1)) == [0xC0] * 16
    assert lanes("i8x16", V.i8x16_shr_u(v, 1)) == [0x40] * 16


def test_swizzle_out_of_range_is_zero() -> None:
    a = int.from_bytes(bytes(range(100, 116)), "little")
    s = int.from_bytes(bytes([0, 15, 16, 255, 128, 3] + [1] * 10), "little")
    assert list(V.i8x16_swizzle(a, s).to_bytes(16, "little"))[:6] == [100, 115, 0, 0, 0, 103]


# -- through the engine: validation and execution -----------------------------------------------


def test_shuffle_lane_index_32_rejected() -> None:
    lanes_ok = " ".join(str(i) for i in range(31, 15, -1))
    wat_module(
        f"(module (func (result v128) (i8x16.shuffle {lanes_ok}"
        " (v128.const i64x2 0 0) (v128.const i64x2 0 0))))"
    )
    bad = " ".join(["0"] * 15 + ["32"])
    msg = invalid(
        f"(module (func (result v128) (i8x16.shuffle {bad}"
        " (v128.const i64x2 0 0) (v128.const i64x2 0 0))))"
    )
    assert msg.startswith("invalid lane index")


@pytest.mark.parametrize(
    ("instr", "operands"),
    [
        ("i8x16.extract_lane_s 16", "(v128.const i64x2 0 0)"),
        ("i64x2.extract_lane 2", "(v128.const i64x2 0 0)"),
        ("f32x4.replace_lane 4", "(v128.const i64x2 0 0) (f32.const 0)"),
        ("v128.load16_lane 8", "(i32.const 0) (v128.const i64x2 0 0)"),
        ("v128.store64_lane 2", "(i32.const 0) (v128.const i64x2 0 0)"),
    ],
)
def test_lane_index_out_of_range_rejected(instr: str, operands: str) -> None:
    result = (
        "" if "store" in instr else "(result " + ("i32" if "extract" in instr else "v128") + ")"
    )
    body = f"(module (memory 1) (func {result} ({instr} {operands})))"
    assert invalid(body).startswith("invalid lane index")


@pytest.mark.parametrize(
    ("instr", "align"),
    [
        ("v128.load", 32),
        ("v128.load8x8_s", 16),
        ("v128.load32_zero", 8),
        ("v128.load16_lane align=4 0", 4),
    ],
)
def test_alignment_larger_than_natural_rejected(instr: str, align: int) -> None:
    name = instr.split()[0]
    if "lane" in instr:
        expr = f"({name} align={align} 0 (i32.const 0) (v128.const i64x2 0 0))"
    else:
        expr = f"({name} align={align} (i32.const 0))"
    body = f"(module (memory 1) (func (result v128) {expr}))"
    assert invalid(body).startswith("alignment must not be larger than natural")


def test_memory_ops_and_traps() -> None:
    inst = wat_module(
        """(module (memory 1)
          (global $g v128 (v128.const i32x4 1 2 3 4))
          (func (export "roundtrip") (param i32) (result v128)
            (v128.store (local.get 0) (global.get $g))
            (v128.load (local.get 0)))
          (func (export "lane") (param i32) (result v128)
            (v128.load16_lane offset=1 3 (local.get 0) (v128.const i64x2 0 0)))
          (func (export "splat") (param i32) (result v128) (v128.load32_splat (local.get 0)))
          (func (export "ext") (param i32) (result v128) (v128.load8x8_s (local.get 0))))"""
    )
    want = v_from("i32x4", [1, 2, 3, 4])
    assert inst.invoke("roundtrip", 65536 - 16) == [want]
    with pytest.raises(interp.Trap, match="out of bounds memory access"):
        inst.invoke("roundtrip", 65536 - 15)
    # 2 bytes at 65536 - 12 (the low half of the i32 lane holding 2) -> i16 lane 3
    assert inst.invoke("lane", 65536 - 13) == [2 << 48]
    assert inst.invoke("splat", 65536 - 16) == [v_from("i32x4", [1] * 4)]
    assert inst.invoke("ext", 65536 - 16) == [v_from("i16x8", [1, 0, 0, 0, 2, 0, 0, 0])]
    with pytest.raises(interp.Trap, match="out of bounds memory access"):
        inst.invoke("lane", 65536 - 2)


# -- differential test against wasmtime -------------------------------------------------------------

_RELOPS = ("eq", "ne", "lt", "gt", "le", "ge")
_NAN_FREE_FLOAT_OPS = ("abs", "neg", "pmin", "pmax", "splat", "replace_lane", "extract_lane")


def _is_float_arith(name: str) -> bool:
    """Ops whose NaN results may differ between correct engines (spec 4.3.3)."""
    shape, op = name.split(".")
    if shape not in ("f32x4", "f64x2"):
        return False
    return op.split("_")[0] not in _RELOPS and op not in _NAN_FREE_FLOAT_OPS


def _cases() -> list[tuple[str, str, tuple[str, ...], str]]:
    """(export name, instruction text, param types, result type) per lane-wise op."""
    out: list[tuple[str, str, tuple[str, ...], str]] = []
    for info in SIMD_OPCODES.values():
        name = info.name
        params, result = info.params or (), (info.results or ("",))[0]
        if info.imm == "":
            out.append((name, name, params, result))
        elif info.imm == "lane":
            count = 128 // int(name.split(".")[0][1:].split("x")[0])
            for lane in sorted({0, 1, count - 1}):
                out.append((f"{name}/{lane}", f"{name} {lane}", params, result))
        elif info.imm == "shuffle":
            for k, idx in enumerate(
                [list(range(16)), list(range(31, 15, -1)), [0, 17, 2, 19, 31, 5, 16, 7] * 2]
            ):
                lanes_txt = " ".join(map(str, idx))
                out.append((f"{name}/{k}", f"{name} {lanes_txt}", params, result))
    return out


CASES = _cases()

# Relaxed instructions whose deterministic-profile result is a composition of
# other instructions: wasmtime (deterministic mode) fuses relaxed_madd, which
# the spec also allows, so wasmtime runs the spec's first alternative
# ``fadd(fmul(a, b), c)`` (spec 4.3.4, frelaxed_madd) written out, and nanowasm
# runs the relaxed instruction itself.
REFERENCE = {
    "f32x4.relaxed_madd": "f32x4.add (f32x4.mul {0} {1}) {2}",
    "f32x4.relaxed_nmadd": "f32x4.add (f32x4.mul (f32x4.neg {0}) {1}) {2}",
    "f64x2.relaxed_madd": "f64x2.add (f64x2.mul {0} {1}) {2}",
    "f64x2.relaxed_nmadd": "f64x2.add (f64x2.mul (f64x2.neg {0}) {1}) {2}",
}


def _wrapper(export: str, instr: str, params: tuple[str, ...], result: str) -> str:
    """A function taking v128 operands as i64 pairs and storing the result at 0."""
    wparams: list[str] = []
    args: list[str] = []
    for t in params:
        k = len(wparams)
        if t == "v128":
            wparams += ["i64", "i64"]
            args.append(f"(i64x2.replace_lane 1 (i64x2.splat (local.get {k})) (local.get {k + 1}))")
        elif t == "f32":
            wparams.append("i32")
            args.append(f"(f32.reinterpret_i32 (local.get {k}))")
        elif t == "f64":
            wparams.append("i64")
            args.append(f"(f64.reinterpret_i64 (local.get {k}))")
        else:
            wparams.append(t)
            args.append(f"(local.get {k})")
    if instr.startswith("ref:"):
        call = "(" + REFERENCE[instr[4:]].format(*args) + ")"
    else:
        call = f"({instr} {' '.join(args)})"
    store = {
        "v128": f"(v128.store (i32.const 0) {call})",
        "i32": f"(i32.store (i32.const 0) {call})",
        "i64": f"(i64.store (i32.const 0) {call})",
        "f32": f"(i32.store (i32.const 0) (i32.reinterpret_f32 {call}))",
        "f64": f"(i64.store (i32.const 0) (i64.reinterpret_f64 {call}))",
    }[result]
    return f'(func (export "{export}") (param {" ".join(wparams)}) {store})'


# examples per instruction: bounded in the normal run, raise it for a deeper search
EXAMPLES = int(os.environ.get("NANOWASM_SIMD_EXAMPLES", "20"))

_WIDTH = {"v128": 16, "i32": 4, "i64": 8, "f32": 4, "f64": 8}


@pytest.fixture(scope="module")
def engines():
    funcs = [_wrapper(*c) for c in CASES]
    funcs += [_wrapper("ref:" + c[0], "ref:" + c[1], *c[2:]) for c in CASES if c[0] in REFERENCE]
    wat = '(module (memory (export "mem") 1)\n' + "\n".join(funcs) + ")"
    wasm = wasmtime.wat2wasm(wat)
    config = wasmtime.Config()
    config.wasm_relaxed_simd = True
    config.wasm_relaxed_simd_deterministic = True
    wt_store = wasmtime.Store(wasmtime.Engine(config))
    wt_inst = wasmtime.Instance(wt_store, wasmtime.Module(wt_store.engine, wasm), [])
    module = interp.decode_module(wasm)
    interp.validate_module(module)
    nw_inst = interp.instantiate(interp.Store(), module)
    wt_exports = wt_inst.exports(wt_store)
    wt_funcs = {name: wt_exports[name] for name in (c[0] for c in CASES)}
    wt_funcs.update({name: wt_exports["ref:" + name] for name in REFERENCE})
    return wt_store, wt_funcs, wt_exports["mem"], nw_inst


def _specials(width: int) -> list[int]:
    """Interesting lane bit patterns: integer edges and float specials of that width."""
    top = 1 << width
    ints = [0, 1, 2, top - 1, top - 2, top >> 1, (top >> 1) - 1, (top >> 1) + 1]
    floats = {
        32: [0x80000000, 0x3F800000, 0xBF800000, 0x3FC00000, 0x40200000, 0x7F800000,
             0xFF800000, 0x7FC00000, 0xFFC00000, SNAN32, QNAN32, 0x00000001, 0x7F7FFFFF,
             0x4F000000, 0xCF000000, 0x4F800000, 0x3F000000, 0xBF000000],
        64: [0x8000000000000000, 0x3FF0000000000000, 0xBFF0000000000000, 0x3FF8000000000000,
             0x7FF0000000000000, 0xFFF0000000000000, 0x7FF8000000000000, 0xFFF8000000000000,
             SNAN64, 0x7FF8000000012345, 0x0000000000000001, 0x41E0000000000000,
             0xC1E0000000000000, 0x41F0000000000000, 0xC1E0000000200000, 0x3FE0000000000000],
    }.get(width, [])  # fmt: skip
    return ints + floats


def _lane_values(width: int) -> st.SearchStrategy[int]:
    return st.one_of(st.sampled_from(_specials(width)), st.integers(0, (1 << width) - 1))


def _special_vectors() -> list[int]:
    """Vectors whose lanes (of every width) are special values, mixed deterministically.

    Drawing one of these costs hypothesis a single choice, where building a
    vector lane by lane would cost up to 32 draws per operand.
    """
    rng = random.Random(128)
    out: list[int] = []
    for width in (8, 16, 32, 64):
        specials = _specials(width)
        out += [v_from(f"i{width}x{128 // width}", [x] * (128 // width)) for x in specials]
        for _ in range(64):
            lanes_ = [rng.choice(specials) for _ in range(128 // width)]
            out.append(v_from(f"i{width}x{128 // width}", lanes_))
    return out


SPECIAL_VECTORS = _special_vectors()


def _v128_values(name: str) -> st.SearchStrategy[int]:
    return st.one_of(st.sampled_from(SPECIAL_VECTORS), st.integers(0, M128))


_ARGS_CACHE: dict[str, st.SearchStrategy[list[int]]] = {}


def _args(case: tuple[str, str, tuple[str, ...], str]) -> st.SearchStrategy[list[int]]:
    """Operands for one case (strategy built once: hypothesis validates it once)."""
    export, _, params, _ = case
    cached = _ARGS_CACHE.get(export)
    if cached is None:
        cached = _ARGS_CACHE[export] = _build_args(export, params)
    return cached


def _build_args(export: str, params: tuple[str, ...]) -> st.SearchStrategy[list[int]]:
    parts = []
    for t in params:
        if t == "v128":
            parts.append(_v128_values(export))
        elif t in ("i32", "f32"):
            parts.append(st.one_of(_lane_values(32), st.integers(0, 2**32 - 1)))
        else:
            parts.append(_lane_values(64))
    return st.tuples(*parts).map(list)


def _split(params: tuple[str, ...], values: list[int]) -> list[int]:
    """Wrapper arguments: v128 as (lo, hi) i64 pairs; all as signed for wasmtime."""
    out: list[int] = []
    for t, v in zip(params, values, strict=True):
        if t == "v128":
            out += [v & (2**64 - 1), v >> 64]
        else:
            out.append(v)
    return out


def _signed(v: int, t: str) -> int:
    bits = 32 if t in ("i32",) else 64
    return v - (1 << bits) if v >> (bits - 1) else v


def _check_float(name: str, result: str, ours: bytes, theirs: bytes, inputs: list[int]) -> None:
    """Lane-wise: equal bits, or both NaN with ours arithmetic (canonical if inputs were)."""
    shape = name.split(".")[0]
    width = 32 if shape == "f32x4" else 64
    if result != "v128":
        width = 32 if result == "f32" else 64
    fmt = {32: "<I", 64: "<Q"}[width]
    exp_mask = 0x7F800000 if width == 32 else 0x7FF0000000000000
    quiet = 0x00400000 if width == 32 else 0x0008000000000000
    payload = quiet - 1
    in_shape = {"f32x4.demote_f64x2_zero": "f64x2", "f64x2.promote_low_f32x4": "f32x4"}.get(
        name, "f32x4" if width == 32 else "f64x2"
    )
    in_exp, in_quiet = (
        (0x7F800000, 0x00400000) if in_shape == "f32x4" else (0x7FF0000000000000, 1 << 51)
    )
    canon_inputs = all(
        (x & in_exp) != in_exp or (x & ((in_quiet << 1) - 1)) in (0, in_quiet)
        for v in inputs
        for x in lanes(in_shape, v)
    )
    n = len(ours) // (width // 8)
    for i in range(n):
        (a,) = struct.unpack_from(fmt, ours, i * width // 8)
        (b,) = struct.unpack_from(fmt, theirs, i * width // 8)
        a_nan = (a & exp_mask) == exp_mask and a & (quiet | payload)
        b_nan = (b & exp_mask) == exp_mask and b & (quiet | payload)
        if a_nan and b_nan:
            assert a & quiet, f"{name} lane {i}: {a:#x} is not an arithmetic NaN"
            if canon_inputs:
                assert a & payload == 0, f"{name} lane {i}: {a:#x} is not canonical"
        else:
            assert a == b, f"{name} lane {i}: nanowasm {a:#x} != wasmtime {b:#x}"


@settings(max_examples=EXAMPLES, derandomize=True, deadline=None, database=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])  # fmt: skip
@pytest.mark.parametrize("case", CASES, ids=[c[0] for c in CASES])
@given(data=st.data())
def test_differential_vs_wasmtime(engines, case, data) -> None:
    wt_store, wt_funcs, wt_mem, nw_inst = engines
    export, _, params, result = case
    values = data.draw(_args(case))
    args = _split(params, values)
    wparams = [t for p in params for t in (("i64", "i64") if p == "v128" else (p,))]
    wparams = ["i32" if t == "f32" else "i64" if t == "f64" else t for t in wparams]
    width = _WIDTH[result]
    nw_inst.invoke(export, *args)
    ours = bytes(nw_inst.exports["mem"].data[:width])
    wt_args = [_signed(a, t) for a, t in zip(args, wparams, strict=True)]
    wt_funcs[export](wt_store, *wt_args)
    theirs = bytes(wt_mem.read(wt_store, 0, width))
    name = export.split("/")[0]
    if _is_float_arith(name) and not name.startswith(("f32x4.convert", "f64x2.convert")):
        floats = [v for t, v in zip(params, values, strict=True) if t == "v128"]
        _check_float(name, result, ours, theirs, floats)
    else:
        assert ours == theirs, (
            f"{export}{tuple(hex(v) for v in values)}: {ours.hex()} != {theirs.hex()}"
        )
