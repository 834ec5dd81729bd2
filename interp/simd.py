"""SIMD: the ``v128`` instructions (prefix 0xFD), fixed-width and relaxed.

Everything the rest of the engine needs to know about vector instructions is
here, as data (:data:`FAMILY`, an :class:`interp.opcodes.Family` that
:mod:`interp.families` builds into the dispatch tables; importing this
module registers nothing):

* its rows of the instruction table (codes ``0xFD << 16 | sub``), with a
  plain signature for every instruction, so the validator types them all
  with its generic rule;
* decoder readers for the new immediate kinds;
* immediate checks: lane indices and memargs;
* code generators for the instructions with immediates (memory, lanes,
  constants, shuffles); every other vector instruction is compiled by the
  generic ``op_numeric`` into a call of the :mod:`interp.numerics_simd`
  function of the same name (those names are the family's ``namespace``).

Scalar code is untouched: no scalar opcode, handler or template changes, so
a module without SIMD compiles to exactly the same Python as before.

New immediate kinds (tuple layout after the opcode, as in :mod:`interp.opcodes`):

================ ===================================================
kind             immediates
================ ===================================================
``v128``         the 16 bytes as a little-endian unsigned int
``shuffle``      tuple of 16 lane indices (bytes)
``lane``         lane index (one byte)
``memarg_lane``  align (log2), offset, memidx, lane index
================ ===================================================
"""

from __future__ import annotations

import struct
from typing import Any

from . import compile as _compile
from . import numerics_simd
from .binary import UNEXPECTED_END, decode_memarg
from .errors import InvalidError, MalformedError, Trap, TrapCode
from .opcodes import Family, OpInfo, parse_table
from .validate import Context, check_memarg

PREFIX = 0xFD

# fmt: off
# sub-opcode | name | immediate kind | signature (as in interp.opcodes)
_TABLE = """
0x00 v128.load                        memarg i32->v128 traps
0x01 v128.load8x8_s                   memarg i32->v128 traps
0x02 v128.load8x8_u                   memarg i32->v128 traps
0x03 v128.load16x4_s                  memarg i32->v128 traps
0x04 v128.load16x4_u                  memarg i32->v128 traps
0x05 v128.load32x2_s                  memarg i32->v128 traps
0x06 v128.load32x2_u                  memarg i32->v128 traps
0x07 v128.load8_splat                 memarg i32->v128 traps
0x08 v128.load16_splat                memarg i32->v128 traps
0x09 v128.load32_splat                memarg i32->v128 traps
0x0A v128.load64_splat                memarg i32->v128 traps
0x0B v128.store                       memarg i32,v128-> traps
0x0C v128.const                       v128 ->v128 const
0x0D i8x16.shuffle                    shuffle v128,v128->v128
0x0E i8x16.swizzle                    - v128,v128->v128
0x0F i8x16.splat                      - i32->v128
0x10 i16x8.splat                      - i32->v128
0x11 i32x4.splat                      - i32->v128
0x12 i64x2.splat                      - i64->v128
0x13 f32x4.splat                      - f32->v128
0x14 f64x2.splat                      - f64->v128
0x15 i8x16.extract_lane_s             lane v128->i32
0x16 i8x16.extract_lane_u             lane v128->i32
0x17 i8x16.replace_lane               lane v128,i32->v128
0x18 i16x8.extract_lane_s             lane v128->i32
0x19 i16x8.extract_lane_u             lane v128->i32
0x1A i16x8.replace_lane               lane v128,i32->v128
0x1B i32x4.extract_lane               lane v128->i32
0x1C i32x4.replace_lane               lane v128,i32->v128
0x1D i64x2.extract_lane               lane v128->i64
0x1E i64x2.replace_lane               lane v128,i64->v128
0x1F f32x4.extract_lane               lane v128->f32
0x20 f32x4.replace_lane               lane v128,f32->v128
0x21 f64x2.extract_lane               lane v128->f64
0x22 f64x2.replace_lane               lane v128,f64->v128
0x23 i8x16.eq                         - v128,v128->v128
0x24 i8x16.ne                         - v128,v128->v128
0x25 i8x16.lt_s                       - v128,v128->v128
0x26 i8x16.lt_u                       - v128,v128->v128
0x27 i8x16.gt_s                       - v128,v128->v128
0x28 i8x16.gt_u                       - v128,v128->v128
0x29 i8x16.le_s                       - v128,v128->v128
0x2A i8x16.le_u                       - v128,v128->v128
0x2B i8x16.ge_s                       - v128,v128->v128
0x2C i8x16.ge_u                       - v128,v128->v128
0x2D i16x8.eq                         - v128,v128->v128
0x2E i16x8.ne                         - v128,v128->v128
0x2F i16x8.lt_s                       - v128,v128->v128
0x30 i16x8.lt_u                       - v128,v128->v128
0x31 i16x8.gt_s                       - v128,v128->v128
0x32 i16x8.gt_u                       - v128,v128->v128
0x33 i16x8.le_s                       - v128,v128->v128
0x34 i16x8.le_u                       - v128,v128->v128
0x35 i16x8.ge_s                       - v128,v128->v128
0x36 i16x8.ge_u                       - v128,v128->v128
0x37 i32x4.eq                         - v128,v128->v128
0x38 i32x4.ne                         - v128,v128->v128
0x39 i32x4.lt_s                       - v128,v128->v128
0x3A i32x4.lt_u                       - v128,v128->v128
0x3B i32x4.gt_s                       - v128,v128->v128
0x3C i32x4.gt_u                       - v128,v128->v128
0x3D i32x4.le_s                       - v128,v128->v128
0x3E i32x4.le_u                       - v128,v128->v128
0x3F i32x4.ge_s                       - v128,v128->v128
0x40 i32x4.ge_u                       - v128,v128->v128
0x41 f32x4.eq                         - v128,v128->v128
0x42 f32x4.ne                         - v128,v128->v128
0x43 f32x4.lt                         - v128,v128->v128
0x44 f32x4.gt                         - v128,v128->v128
0x45 f32x4.le                         - v128,v128->v128
0x46 f32x4.ge                         - v128,v128->v128
0x47 f64x2.eq                         - v128,v128->v128
0x48 f64x2.ne                         - v128,v128->v128
0x49 f64x2.lt                         - v128,v128->v128
0x4A f64x2.gt                         - v128,v128->v128
0x4B f64x2.le                         - v128,v128->v128
0x4C f64x2.ge                         - v128,v128->v128
0x4D v128.not                         - v128->v128
0x4E v128.and                         - v128,v128->v128
0x4F v128.andnot                      - v128,v128->v128
0x50 v128.or                          - v128,v128->v128
0x51 v128.xor                         - v128,v128->v128
0x52 v128.bitselect                   - v128,v128,v128->v128
0x53 v128.any_true                    - v128->i32
0x54 v128.load8_lane                  memarg_lane i32,v128->v128 traps
0x55 v128.load16_lane                 memarg_lane i32,v128->v128 traps
0x56 v128.load32_lane                 memarg_lane i32,v128->v128 traps
0x57 v128.load64_lane                 memarg_lane i32,v128->v128 traps
0x58 v128.store8_lane                 memarg_lane i32,v128-> traps
0x59 v128.store16_lane                memarg_lane i32,v128-> traps
0x5A v128.store32_lane                memarg_lane i32,v128-> traps
0x5B v128.store64_lane                memarg_lane i32,v128-> traps
0x5C v128.load32_zero                 memarg i32->v128 traps
0x5D v128.load64_zero                 memarg i32->v128 traps
0x5E f32x4.demote_f64x2_zero          - v128->v128
0x5F f64x2.promote_low_f32x4          - v128->v128
0x60 i8x16.abs                        - v128->v128
0x61 i8x16.neg                        - v128->v128
0x62 i8x16.popcnt                     - v128->v128
0x63 i8x16.all_true                   - v128->i32
0x64 i8x16.bitmask                    - v128->i32
0x65 i8x16.narrow_i16x8_s             - v128,v128->v128
0x66 i8x16.narrow_i16x8_u             - v128,v128->v128
0x67 f32x4.ceil                       - v128->v128
0x68 f32x4.floor                      - v128->v128
0x69 f32x4.trunc                      - v128->v128
0x6A f32x4.nearest                    - v128->v128
0x6B i8x16.shl                        - v128,i32->v128
0x6C i8x16.shr_s                      - v128,i32->v128
0x6D i8x16.shr_u                      - v128,i32->v128
0x6E i8x16.add                        - v128,v128->v128
0x6F i8x16.add_sat_s                  - v128,v128->v128
0x70 i8x16.add_sat_u                  - v128,v128->v128
0x71 i8x16.sub                        - v128,v128->v128
0x72 i8x16.sub_sat_s                  - v128,v128->v128
0x73 i8x16.sub_sat_u                  - v128,v128->v128
0x74 f64x2.ceil                       - v128->v128
0x75 f64x2.floor                      - v128->v128
0x76 i8x16.min_s                      - v128,v128->v128
0x77 i8x16.min_u                      - v128,v128->v128
0x78 i8x16.max_s                      - v128,v128->v128
0x79 i8x16.max_u                      - v128,v128->v128
0x7A f64x2.trunc                      - v128->v128
0x7B i8x16.avgr_u                     - v128,v128->v128
0x7C i16x8.extadd_pairwise_i8x16_s    - v128->v128
0x7D i16x8.extadd_pairwise_i8x16_u    - v128->v128
0x7E i32x4.extadd_pairwise_i16x8_s    - v128->v128
0x7F i32x4.extadd_pairwise_i16x8_u    - v128->v128
0x80 i16x8.abs                        - v128->v128
0x81 i16x8.neg                        - v128->v128
0x82 i16x8.q15mulr_sat_s              - v128,v128->v128
0x83 i16x8.all_true                   - v128->i32
0x84 i16x8.bitmask                    - v128->i32
0x85 i16x8.narrow_i32x4_s             - v128,v128->v128
0x86 i16x8.narrow_i32x4_u             - v128,v128->v128
0x87 i16x8.extend_low_i8x16_s         - v128->v128
0x88 i16x8.extend_high_i8x16_s        - v128->v128
0x89 i16x8.extend_low_i8x16_u         - v128->v128
0x8A i16x8.extend_high_i8x16_u        - v128->v128
0x8B i16x8.shl                        - v128,i32->v128
0x8C i16x8.shr_s                      - v128,i32->v128
0x8D i16x8.shr_u                      - v128,i32->v128
0x8E i16x8.add                        - v128,v128->v128
0x8F i16x8.add_sat_s                  - v128,v128->v128
0x90 i16x8.add_sat_u                  - v128,v128->v128
0x91 i16x8.sub                        - v128,v128->v128
0x92 i16x8.sub_sat_s                  - v128,v128->v128
0x93 i16x8.sub_sat_u                  - v128,v128->v128
0x94 f64x2.nearest                    - v128->v128
0x95 i16x8.mul                        - v128,v128->v128
0x96 i16x8.min_s                      - v128,v128->v128
0x97 i16x8.min_u                      - v128,v128->v128
0x98 i16x8.max_s                      - v128,v128->v128
0x99 i16x8.max_u                      - v128,v128->v128
0x9B i16x8.avgr_u                     - v128,v128->v128
0x9C i16x8.extmul_low_i8x16_s         - v128,v128->v128
0x9D i16x8.extmul_high_i8x16_s        - v128,v128->v128
0x9E i16x8.extmul_low_i8x16_u         - v128,v128->v128
0x9F i16x8.extmul_high_i8x16_u        - v128,v128->v128
0xA0 i32x4.abs                        - v128->v128
0xA1 i32x4.neg                        - v128->v128
0xA3 i32x4.all_true                   - v128->i32
0xA4 i32x4.bitmask                    - v128->i32
0xA7 i32x4.extend_low_i16x8_s         - v128->v128
0xA8 i32x4.extend_high_i16x8_s        - v128->v128
0xA9 i32x4.extend_low_i16x8_u         - v128->v128
0xAA i32x4.extend_high_i16x8_u        - v128->v128
0xAB i32x4.shl                        - v128,i32->v128
0xAC i32x4.shr_s                      - v128,i32->v128
0xAD i32x4.shr_u                      - v128,i32->v128
0xAE i32x4.add                        - v128,v128->v128
0xB1 i32x4.sub                        - v128,v128->v128
0xB5 i32x4.mul                        - v128,v128->v128
0xB6 i32x4.min_s                      - v128,v128->v128
0xB7 i32x4.min_u                      - v128,v128->v128
0xB8 i32x4.max_s                      - v128,v128->v128
0xB9 i32x4.max_u                      - v128,v128->v128
0xBA i32x4.dot_i16x8_s                - v128,v128->v128
0xBC i32x4.extmul_low_i16x8_s         - v128,v128->v128
0xBD i32x4.extmul_high_i16x8_s        - v128,v128->v128
0xBE i32x4.extmul_low_i16x8_u         - v128,v128->v128
0xBF i32x4.extmul_high_i16x8_u        - v128,v128->v128
0xC0 i64x2.abs                        - v128->v128
0xC1 i64x2.neg                        - v128->v128
0xC3 i64x2.all_true                   - v128->i32
0xC4 i64x2.bitmask                    - v128->i32
0xC7 i64x2.extend_low_i32x4_s         - v128->v128
0xC8 i64x2.extend_high_i32x4_s        - v128->v128
0xC9 i64x2.extend_low_i32x4_u         - v128->v128
0xCA i64x2.extend_high_i32x4_u        - v128->v128
0xCB i64x2.shl                        - v128,i32->v128
0xCC i64x2.shr_s                      - v128,i32->v128
0xCD i64x2.shr_u                      - v128,i32->v128
0xCE i64x2.add                        - v128,v128->v128
0xD1 i64x2.sub                        - v128,v128->v128
0xD5 i64x2.mul                        - v128,v128->v128
0xD6 i64x2.eq                         - v128,v128->v128
0xD7 i64x2.ne                         - v128,v128->v128
0xD8 i64x2.lt_s                       - v128,v128->v128
0xD9 i64x2.gt_s                       - v128,v128->v128
0xDA i64x2.le_s                       - v128,v128->v128
0xDB i64x2.ge_s                       - v128,v128->v128
0xDC i64x2.extmul_low_i32x4_s         - v128,v128->v128
0xDD i64x2.extmul_high_i32x4_s        - v128,v128->v128
0xDE i64x2.extmul_low_i32x4_u         - v128,v128->v128
0xDF i64x2.extmul_high_i32x4_u        - v128,v128->v128
0xE0 f32x4.abs                        - v128->v128
0xE1 f32x4.neg                        - v128->v128
0xE3 f32x4.sqrt                       - v128->v128
0xE4 f32x4.add                        - v128,v128->v128
0xE5 f32x4.sub                        - v128,v128->v128
0xE6 f32x4.mul                        - v128,v128->v128
0xE7 f32x4.div                        - v128,v128->v128
0xE8 f32x4.min                        - v128,v128->v128
0xE9 f32x4.max                        - v128,v128->v128
0xEA f32x4.pmin                       - v128,v128->v128
0xEB f32x4.pmax                       - v128,v128->v128
0xEC f64x2.abs                        - v128->v128
0xED f64x2.neg                        - v128->v128
0xEF f64x2.sqrt                       - v128->v128
0xF0 f64x2.add                        - v128,v128->v128
0xF1 f64x2.sub                        - v128,v128->v128
0xF2 f64x2.mul                        - v128,v128->v128
0xF3 f64x2.div                        - v128,v128->v128
0xF4 f64x2.min                        - v128,v128->v128
0xF5 f64x2.max                        - v128,v128->v128
0xF6 f64x2.pmin                       - v128,v128->v128
0xF7 f64x2.pmax                       - v128,v128->v128
0xF8 i32x4.trunc_sat_f32x4_s          - v128->v128
0xF9 i32x4.trunc_sat_f32x4_u          - v128->v128
0xFA f32x4.convert_i32x4_s            - v128->v128
0xFB f32x4.convert_i32x4_u            - v128->v128
0xFC i32x4.trunc_sat_f64x2_s_zero     - v128->v128
0xFD i32x4.trunc_sat_f64x2_u_zero     - v128->v128
0xFE f64x2.convert_low_i32x4_s        - v128->v128
0xFF f64x2.convert_low_i32x4_u        - v128->v128
0x100 i8x16.relaxed_swizzle           - v128,v128->v128 relaxed_simd
0x101 i32x4.relaxed_trunc_f32x4_s     - v128->v128 relaxed_simd
0x102 i32x4.relaxed_trunc_f32x4_u     - v128->v128 relaxed_simd
0x103 i32x4.relaxed_trunc_f64x2_s_zero - v128->v128 relaxed_simd
0x104 i32x4.relaxed_trunc_f64x2_u_zero - v128->v128 relaxed_simd
0x105 f32x4.relaxed_madd              - v128,v128,v128->v128 relaxed_simd
0x106 f32x4.relaxed_nmadd             - v128,v128,v128->v128 relaxed_simd
0x107 f64x2.relaxed_madd              - v128,v128,v128->v128 relaxed_simd
0x108 f64x2.relaxed_nmadd             - v128,v128,v128->v128 relaxed_simd
0x109 i8x16.relaxed_laneselect        - v128,v128,v128->v128 relaxed_simd
0x10A i16x8.relaxed_laneselect        - v128,v128,v128->v128 relaxed_simd
0x10B i32x4.relaxed_laneselect        - v128,v128,v128->v128 relaxed_simd
0x10C i64x2.relaxed_laneselect        - v128,v128,v128->v128 relaxed_simd
0x10D f32x4.relaxed_min               - v128,v128->v128 relaxed_simd
0x10E f32x4.relaxed_max               - v128,v128->v128 relaxed_simd
0x10F f64x2.relaxed_min               - v128,v128->v128 relaxed_simd
0x110 f64x2.relaxed_max               - v128,v128->v128 relaxed_simd
0x111 i16x8.relaxed_q15mulr_s         - v128,v128->v128 relaxed_simd
0x112 i16x8.relaxed_dot_i8x16_i7x16_s - v128,v128->v128 relaxed_simd
0x113 i32x4.relaxed_dot_i8x16_i7x16_add_s - v128,v128,v128->v128 relaxed_simd
"""
# fmt: on


SIMD_OPCODES: dict[int, OpInfo] = parse_table(_TABLE, PREFIX, feature="simd")
"""opcode key -> OpInfo for every 0xFD instruction (fixed-width and relaxed)."""

RELAXED = frozenset(info.name for info in SIMD_OPCODES.values() if ".relaxed_" in info.name)
"""Names of the relaxed SIMD instructions (WebAssembly 3.0)."""


def lane_width(name: str) -> int:
    """Lane width in bits of a lane instruction: ``i16x8.replace_lane`` -> 16,
    ``v128.load32_lane`` -> 32."""
    head, _, rest = name.partition(".")
    if head == "v128":  # v128.load8_lane / v128.store64_lane
        digits = "".join(c for c in rest.split("_")[0] if c.isdigit())
        return int(digits)
    return int(head[1:].split("x")[0])


# -- decoding (spec 5.4.8 "Vector Instructions") -------------------------------------------


def _byte_at(data: bytes, pos: int) -> int:
    if pos >= len(data):
        raise MalformedError(UNEXPECTED_END)
    return data[pos]


def _imm_v128(data: bytes, pos: int) -> tuple[tuple, int]:
    end = pos + 16
    if end > len(data):
        raise MalformedError(UNEXPECTED_END)
    return (int.from_bytes(data[pos:end], "little"),), end


def _imm_shuffle(data: bytes, pos: int) -> tuple[tuple, int]:
    end = pos + 16
    if end > len(data):
        raise MalformedError(UNEXPECTED_END)
    return (tuple(data[pos:end]),), end


def _imm_lane(data: bytes, pos: int) -> tuple[tuple, int]:
    return (_byte_at(data, pos),), pos + 1


def _imm_memarg_lane(data: bytes, pos: int) -> tuple[tuple, int]:
    memarg, pos = decode_memarg(data, pos)
    return (*memarg, _byte_at(data, pos)), pos + 1


# -- validation (spec 3.3.3 "Vector Instructions", 3.3.7 memory) ------------------------------


def _check_lane(lane: int, name: str) -> None:
    if lane >= 128 // lane_width(name):
        raise InvalidError("invalid lane index")


def _check_imm_lane(ctx: Context, instr: tuple, info: OpInfo) -> None:
    _check_lane(instr[1], info.name)


def _check_imm_shuffle(ctx: Context, instr: tuple, info: OpInfo) -> None:
    # spec 3.3.3: every lane index of i8x16.shuffle must be below 32
    if any(lane >= 32 for lane in instr[1]):
        raise InvalidError("invalid lane index")


def _check_imm_memarg_lane(ctx: Context, instr: tuple, info: OpInfo) -> None:
    # the reference interpreter checks the memarg before the lane index
    check_memarg(ctx, info.name, instr[1], instr[2], instr[3])
    _check_lane(instr[4], info.name)


# -- execution: runtime helpers called from generated code -------------------------------------

_OOB = TrapCode.MEMORY_OUT_OF_BOUNDS
_QQ = struct.Struct("<QQ")
_EXT_LOADS = {
    # v128.loadMxN_sx: N lanes of M bits, extended to 2M bits (spec 4.4.7)
    "8x8_s": ("<8b", "i16x8"),
    "8x8_u": ("<8B", "i16x8"),
    "16x4_s": ("<4h", "i32x4"),
    "16x4_u": ("<4H", "i32x4"),
    "32x2_s": ("<2i", "i64x2"),
    "32x2_u": ("<2I", "i64x2"),
}


def v128_load(mem: bytearray, a: int) -> int:
    lo, hi = _QQ.unpack_from(mem, a)  # struct.error when out of bounds
    return lo | hi << 64


def v128_store(mem: bytearray, a: int, v: int) -> None:
    if a + 16 > len(mem):
        raise Trap(_OOB)
    mem[a : a + 16] = v.to_bytes(16, "little")


def _load_bytes(mem: bytearray, a: int, k: int) -> int:
    if a + k > len(mem):
        raise Trap(_OOB)
    return int.from_bytes(mem[a : a + k], "little")


def _make_ext_load(fmt: str, shape: str) -> Any:
    st = struct.Struct(fmt)
    mask = (1 << numerics_simd.SHAPES[shape][2]) - 1

    def load(mem: bytearray, a: int) -> int:
        return numerics_simd.from_lanes(shape, [x & mask for x in st.unpack_from(mem, a)])

    return load


def _make_splat_load(k: int) -> Any:
    ones = sum(1 << (8 * k * i) for i in range(16 // k))
    return lambda mem, a: _load_bytes(mem, a, k) * ones


def _make_zero_load(k: int) -> Any:
    return lambda mem, a: _load_bytes(mem, a, k)


def _make_lane_load(k: int) -> Any:
    mask = (1 << (8 * k)) - 1

    def load(mem: bytearray, a: int, v: int, lane: int) -> int:
        x = _load_bytes(mem, a, k)
        s = 8 * k * lane
        return (v & ~(mask << s)) | (x << s)

    return load


def _make_lane_store(k: int) -> Any:
    mask = (1 << (8 * k)) - 1

    def store(mem: bytearray, a: int, v: int, lane: int) -> None:
        if a + k > len(mem):
            raise Trap(_OOB)
        mem[a : a + k] = ((v >> (8 * k * lane)) & mask).to_bytes(k, "little")

    return store


def _runtime_helpers() -> dict[str, Any]:
    out: dict[str, Any] = {"v128_load": v128_load, "v128_store": v128_store}
    for suffix, (fmt, shape) in _EXT_LOADS.items():
        out[f"v128_load{suffix}"] = _make_ext_load(fmt, shape)
    for k in (1, 2, 4, 8):
        bits = 8 * k
        out[f"v128_load{bits}_splat"] = _make_splat_load(k)
        out[f"v128_load{bits}_lane"] = _make_lane_load(k)
        out[f"v128_store{bits}_lane"] = _make_lane_store(k)
        if k >= 4:
            out[f"v128_load{bits}_zero"] = _make_zero_load(k)
    return out


RUNTIME_HELPERS = _runtime_helpers()
"""Memory helpers by pyname (``v128_load8x8_s`` ...), called from generated code."""


# -- execution: code generators ------------------------------------------------------------------


def h_v128_load(compiler: Any, ins: tuple, i: int, dead: bool) -> bool:
    """Loads read memory (and may trap): assigned at once, in wasm order."""
    info = SIMD_OPCODES[ins[0]]
    a = compiler.pop_address(ins)
    compiler.assign_results(1, f"{info.pyname}(M{ins[3]}, {a})")
    return False


def h_v128_store(compiler: Any, ins: tuple, i: int, dead: bool) -> bool:
    v = compiler.pop()
    a = compiler.pop_address(ins)
    compiler.emit(f"v128_store(M{ins[3]}, {a}, {v.expr})")
    return False


def h_v128_load_lane(compiler: Any, ins: tuple, i: int, dead: bool) -> bool:
    info = SIMD_OPCODES[ins[0]]
    v = compiler.pop()
    a = compiler.pop_address(ins)
    compiler.assign_results(1, f"{info.pyname}(M{ins[3]}, {a}, {v.expr}, {ins[4]})")
    return False


def h_v128_store_lane(compiler: Any, ins: tuple, i: int, dead: bool) -> bool:
    info = SIMD_OPCODES[ins[0]]
    v = compiler.pop()
    a = compiler.pop_address(ins)
    compiler.emit(f"{info.pyname}(M{ins[3]}, {a}, {v.expr}, {ins[4]})")
    return False


def h_v128_const(compiler: Any, ins: tuple, i: int, dead: bool) -> bool:
    compiler.push(f"{ins[1]:#x}")
    return False


def h_i8x16_shuffle(compiler: Any, ins: tuple, i: int, dead: bool) -> bool:
    b = compiler.pop()
    a = compiler.pop()
    compiler.push_pure(f"i8x16_shuffle({a.expr}, {b.expr}, {ins[1]!r})", [a, b])
    return False


def h_extract_lane(compiler: Any, ins: tuple, i: int, dead: bool) -> bool:
    info = SIMD_OPCODES[ins[0]]
    v = compiler.pop()
    compiler.push_pure(f"{info.pyname}({v.expr}, {ins[1]})", [v])
    return False


def h_replace_lane(compiler: Any, ins: tuple, i: int, dead: bool) -> bool:
    info = SIMD_OPCODES[ins[0]]
    x = compiler.pop()
    v = compiler.pop()
    compiler.push_pure(f"{info.pyname}({v.expr}, {ins[1]}, {x.expr})", [v, x])
    return False


def h_simd_inline(compiler: Any, ins: tuple, i: int, dead: bool) -> bool:
    """Operators with an expression template in :data:`numerics_simd.INLINE`."""
    info = SIMD_OPCODES[ins[0]]
    args = compiler.popn(len(info.params or ()))
    expr = numerics_simd.INLINE[info.name].format(*(a.expr for a in args))
    compiler.push_pure(expr, args)
    return False


def _handlers() -> dict[str, Any]:
    handlers: dict[str, Any] = {}
    for info in SIMD_OPCODES.values():
        name = info.name
        if info.imm == "memarg":
            handlers[name] = h_v128_store if name == "v128.store" else h_v128_load
        elif info.imm == "memarg_lane":
            handlers[name] = h_v128_load_lane if ".load" in name else h_v128_store_lane
        elif info.imm == "v128":
            handlers[name] = h_v128_const
        elif info.imm == "shuffle":
            handlers[name] = h_i8x16_shuffle
        elif info.imm == "lane":
            handlers[name] = h_extract_lane if "extract" in name else h_replace_lane
        elif name in numerics_simd.INLINE:
            handlers[name] = h_simd_inline
        # every other instruction: FunctionCompiler.op_numeric -> numerics_simd.<pyname>
    return handlers


def _namespace() -> dict[str, Any]:
    """Public functions of numerics_simd plus the memory helpers.

    Names the core's generated code already binds to something else (module
    imports of numerics_simd such as ``struct``/``Callable``) are left out:
    no scalar name is shadowed.
    """
    ns = {
        k: v
        for k, v in vars(numerics_simd).items()
        if not k.startswith("_") and callable(v) and not isinstance(v, type)
    }
    ns.update(RUNTIME_HELPERS)
    core = _compile.CORE_NAMESPACE
    return {k: v for k, v in ns.items() if k not in core or core[k] is v}


def _check_complete(handlers: dict[str, Any], ns: dict[str, Any]) -> None:
    """Every instruction compiled by op_numeric must have its function."""
    for info in SIMD_OPCODES.values():
        if info.name not in handlers and info.pyname not in ns:
            raise AssertionError(f"no implementation for {info.name}")


def eval_v128_const(instr: tuple) -> int:
    """Value of a ``v128.const`` in a constant expression."""
    return instr[1]


def _family() -> Family:
    handlers, ns = _handlers(), _namespace()
    _check_complete(handlers, ns)
    return Family(
        "simd",
        SIMD_OPCODES,
        immediates={
            "v128": _imm_v128,
            "shuffle": _imm_shuffle,
            "lane": _imm_lane,
            "memarg_lane": _imm_memarg_lane,
        },
        immediate_checks={
            "lane": _check_imm_lane,
            "shuffle": _check_imm_shuffle,
            "memarg_lane": _check_imm_memarg_lane,
        },
        handlers=handlers,
        namespace=ns,
    )


FAMILY = _family()
"""SIMD (fixed-width and relaxed) as data for :mod:`interp.families`."""
