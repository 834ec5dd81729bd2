"""Tests of the binary decoder (:mod:`interp.binary`).

Three parts:

* LEB128 helpers: boundaries, over-long encodings, unused bits;
* hand-built modules checking the decoded structures (flat bodies with
  markers, offsets, locals, the eight element-segment encodings ...);
* the official suite: every top-level script of the 2.0 feature set is
  converted with ``wasm-tools json-from-wast`` (cached under the temp dir);
  every binary ``assert_malformed`` module must raise MalformedError whose
  message starts with the expected text, and every other module must decode;
* a bounded, deterministic mutation loop: any input gives a Module or a
  MalformedError, never another exception.
"""

from __future__ import annotations

import contextlib
import fnmatch
import os
import random
from pathlib import Path

import pytest

from harness.features import engine_disabled
from harness.suite import convert
from interp import opcodes
from interp.binary import (
    MAX_LOCALS,
    decode_leb128_s32,
    decode_leb128_s64,
    decode_leb128_u32,
    decode_leb128_u64,
    decode_module,
)
from interp.errors import MalformedError
from interp.features import Features
from interp.opcodes import OP, OPCODES, OpInfo
from interp.types import EXTERNREF, FUNC, FUNCREF, Limits, MemType, RefType, TableType

REF_FUNC = RefType(False, FUNC)
REPO_ROOT = Path(__file__).resolve().parent.parent
SUITE = Path(
    os.environ.get("NANOWASM_TESTSUITE") or REPO_ROOT.parent / "shared" / "wasm-testsuite"
).resolve()

HEADER = b"\x00asm\x01\x00\x00\x00"


def malformed(data: bytes) -> str:
    with pytest.raises(MalformedError) as info:
        decode_module(data)
    return info.value.message


def section(sid: int, content: bytes) -> bytes:
    assert len(content) < 128
    return bytes([sid, len(content)]) + content


# -- LEB128 -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "value"),
    [
        (b"\x00", 0),
        (b"\x7f", 127),
        (b"\x80\x01", 128),
        (b"\x80\x00", 0),  # over-long but within 5 bytes: allowed
        (b"\xff\xff\xff\xff\x0f", 0xFFFFFFFF),
        (b"\x80\x80\x80\x80\x00", 0),
    ],
)
def test_u32(raw: bytes, value: int) -> None:
    assert decode_leb128_u32(raw + b"\xaa", 0) == (value, len(raw))


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        (b"\xff\xff\xff\xff\x1f", "integer too large"),  # bit 32 set
        (b"\x80\x80\x80\x80\x10", "integer too large"),
        (b"\x80\x80\x80\x80\x80\x00", "integer representation too long"),
        (b"\x80", "unexpected end"),
        (b"", "unexpected end"),
    ],
)
def test_u32_errors(raw: bytes, message: str) -> None:
    with pytest.raises(MalformedError, match=f"^{message}"):
        decode_leb128_u32(raw, 0)


def test_u32_reads_at_position() -> None:
    assert decode_leb128_u32(b"\x01\x02\xe5\x8e\x26\x03", 2) == (624485, 5)


@pytest.mark.parametrize(
    ("raw", "value"),
    [
        (b"\x00", 0),
        (b"\x3f", 63),
        (b"\x40", -64),
        (b"\x7f", -1),
        (b"\xc0\x00", 64),
        (b"\xff\x7e", -129),
        (b"\xff\xff\xff\xff\x07", 2**31 - 1),
        (b"\x80\x80\x80\x80\x78", -(2**31)),
        (b"\xff\xff\xff\xff\x7f", -1),  # over-long -1 with a proper sign extension
    ],
)
def test_s32(raw: bytes, value: int) -> None:
    assert decode_leb128_s32(raw, 0) == (value, len(raw))


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        (b"\xff\xff\xff\xff\x0f", "integer too large"),  # 2**32-1: sign bits 0 but bit 31 = 1
        (b"\x80\x80\x80\x80\x70", "integer too large"),  # not a sign extension
        (b"\xff\xff\xff\xff\x4f", "integer too large"),
        (b"\x80\x80\x80\x80\x80\x00", "integer representation too long"),
        (b"\xff", "unexpected end"),
    ],
)
def test_s32_errors(raw: bytes, message: str) -> None:
    with pytest.raises(MalformedError, match=f"^{message}"):
        decode_leb128_s32(raw, 0)


def test_64_bit_variants() -> None:
    ten = b"\xff" * 9
    assert decode_leb128_u64(ten + b"\x01", 0) == (2**64 - 1, 10)
    assert decode_leb128_s64(ten + b"\x7f", 0) == (-1, 10)
    assert decode_leb128_s64(b"\x80" * 9 + b"\x7f", 0) == (-(2**63), 10)
    assert decode_leb128_s64(ten + b"\x00", 0) == (2**63 - 1, 10)
    for bad, fn in [
        (ten + b"\x02", decode_leb128_u64),
        (ten + b"\x01", decode_leb128_s64),
        (ten + b"\x7e", decode_leb128_s64),
    ]:
        with pytest.raises(MalformedError, match=r"^integer too large"):
            fn(bad, 0)
    with pytest.raises(MalformedError, match=r"^integer representation too long"):
        decode_leb128_u64(b"\x80" * 10 + b"\x00", 0)


# -- decoded structures -----------------------------------------------------------------

# A module using every section, the five common element encodings, both data
# encodings, blocks, br_table, memargs, prefixed ops and a name section
# (made with `wasm-tools parse` from a hand-written .wat).
KITCHEN = bytes.fromhex(
    "0061736d01000000010a0260027f7e017f60000002260403656e760166000103656e760174017000"
    "0103656e76016d0201010203656e760167037f01030201000405016f01020a0503010001060b027e"
    "01427f0b7000d2010b070d02036164640001036d656d02000801000923050041000b010101000201"
    "0003000101060141000b6f01d06f0b057002d2010bd0700b0c01020a9101018e0103027d017c017f"
    "027f03402000450d000b2000047f417e0541ffffffff070b41010e0100000b1a430000c0bf1a4400"
    "00000000000a401a41002801041a410120013c00003f0040001a410041004100fc080100fc090120"
    "02fc001a4101410241031c017f1a4100110100410041004100fc0c0100fc0d01410041004100fc0e"
    "0000d06fd11a422a2401410722050b0b11020041000b0268690107706173736976650043046e616d"
    "65010b020003696d700103616464030901010200016201016c04090200027430010274310505010102"
    "743206040101016d070c030002676901016702026766"
)


def test_kitchen_module_structures() -> None:
    m = decode_module(KITCHEN)
    assert [imp.kind for imp in m.imports] == ["func", "table", "memory", "global"]
    assert m.imports[2].desc == MemType(Limits(1, 2))
    assert m.tables == [TableType(Limits(2, 10), EXTERNREF)]
    assert m.globals[0].init == [(OP["i64.const"], 2**64 - 1)]  # unsigned bit pattern
    assert m.globals[1].init == [(OP["ref.func"], 1)]
    assert m.start == 0 and m.data_count == 2
    assert m.func_names == {0: "imp", 1: "add"}
    assert [c.name for c in m.customs] == ["name"]
    modes = [(e.mode, e.type, e.table) for e in m.elems]
    assert modes == [
        ("active", REF_FUNC, 0),  # function indices: non-null (3.0 spec 5.5.12)
        ("passive", REF_FUNC, 0),
        ("declarative", REF_FUNC, 0),
        ("active", EXTERNREF, 1),
        ("passive", FUNCREF, 0),
    ]
    assert m.elems[1].init == [[(OP["ref.func"], 1)], [(OP["ref.func"], 0)]]
    assert m.elems[3].init == [[(OP["ref.null"], EXTERNREF)]]
    assert m.elems[0].offset == [(OP["i32.const"], 0)]
    assert [(d.mode, d.init) for d in m.datas] == [("active", b"hi"), ("passive", b"passive")]

    (f,) = m.funcs
    assert f.typeidx == 0
    assert f.locals == ["f32", "f32", "f64", "i32"]
    names = [OPCODES[i[0]].name for i in f.body]
    assert names[:15] == [
        "block", "loop", "local.get", "i32.eqz", "br_if", "end", "local.get", "if",
        "i32.const", "else", "i32.const", "end", "i32.const", "br_table", "end",
    ]  # fmt: skip
    assert names[-1] == "local.tee"  # the function's own `end` is excluded
    assert len(f.offsets) == len(f.body)
    assert f.offsets == sorted(f.offsets) and KITCHEN[f.offsets[0]] == 0x02
    assert all(
        KITCHEN[off] == instr[0]
        for off, instr in zip(f.offsets, f.body, strict=True)
        if instr[0] < 256
    )
    by_name = {OPCODES[i[0]].name: i for i in f.body}
    assert by_name["block"] == (OP["block"], "i32")
    assert by_name["loop"] == (OP["loop"], None)
    assert by_name["br_table"] == (OP["br_table"], (0,), 0)
    assert by_name["f32.const"] == (OP["f32.const"], 0xBFC00000)  # -1.5
    assert by_name["f64.const"] == (OP["f64.const"], 0x400A000000000000)  # 3.25
    assert by_name["i32.load"] == (OP["i32.load"], 1, 4, 0)
    assert by_name["memory.init"] == (OP["memory.init"], 1, 0)
    assert by_name["select_t"] == (OP["select_t"], ("i32",))
    assert by_name["call_indirect"] == (OP["call_indirect"], 1, 0)
    assert by_name["table.init"] == (OP["table.init"], 1, 0)
    assert by_name["ref.null"] == (OP["ref.null"], EXTERNREF)
    assert [i for i in f.body if i[0] == OP["i32.const"]][:2] == [
        (OP["i32.const"], 0xFFFFFFFE),  # -2
        (OP["i32.const"], 0x7FFFFFFF),
    ]


TYPE_VOID = section(1, b"\x01\x60\x00\x00")
FUNC_1 = section(3, b"\x01\x00")


def code(body: bytes, local_decls: bytes = b"\x00") -> bytes:
    entry = local_decls + body
    return section(10, b"\x01" + bytes([len(entry)]) + entry)


def test_blocktype_index_and_memarg_memidx() -> None:
    m = decode_module(
        HEADER + TYPE_VOID + FUNC_1 + code(b"\x02\x00\x0b\x41\x00\x28\x42\x01\x05\x1a\x0b")
    )
    body = m.funcs[0].body
    assert body[0] == (OP["block"], 0)  # s33 type index
    assert body[3] == (OP["i32.load"], 2, 5, 1)  # bit 6: memidx 1 precedes the offset


def test_locals_limits() -> None:
    decls = b"\x02\x80\x80\x80\x80\x08\x7f\xff\xff\xff\xff\x07\x7e"  # 2**31 + 2**31-1
    assert malformed(HEADER + TYPE_VOID + FUNC_1 + code(b"\x0b", decls)).startswith(
        "too many locals (implementation limit"
    )
    many = MAX_LOCALS + 1
    decl = b"\x01" + bytes([0x80 | (many & 0x7F), 0x80 | (many >> 7 & 0x7F), many >> 14]) + b"\x7f"
    assert malformed(HEADER + TYPE_VOID + FUNC_1 + code(b"\x0b", decl)).startswith(
        "too many locals"
    )
    ok = decode_module(HEADER + TYPE_VOID + FUNC_1 + code(b"\x0b", b"\x02\x03\x7f\x01\x7c"))
    assert ok.funcs[0].locals == ["i32", "i32", "i32", "f64"]


def test_element_segment_encodings() -> None:
    # flags 0..7 in order, each with one element; table 0, offset i32.const 0
    off = b"\x41\x00\x0b"
    segs = [
        b"\x00" + off + b"\x01\x00",
        b"\x01\x00\x01\x00",
        b"\x02\x00" + off + b"\x00\x01\x00",
        b"\x03\x00\x01\x00",
        b"\x04" + off + b"\x01\xd2\x00\x0b",
        b"\x05\x70\x01\xd0\x70\x0b",
        b"\x06\x00" + off + b"\x6f\x01\xd0\x6f\x0b",
        b"\x07\x70\x01\xd2\x00\x0b",
    ]
    m = decode_module(
        HEADER + TYPE_VOID + FUNC_1 + section(9, b"\x08" + b"".join(segs)) + code(b"\x0b")
    )
    got = [(e.mode, e.type, e.offset is not None) for e in m.elems]
    assert got == [
        ("active", REF_FUNC, True),
        ("passive", REF_FUNC, False),
        ("active", REF_FUNC, True),
        ("declarative", REF_FUNC, False),
        ("active", FUNCREF, True),
        ("passive", FUNCREF, False),
        ("active", EXTERNREF, True),
        ("declarative", FUNCREF, False),
    ]
    assert all(e.init == [[(OP["ref.func"], 0)]] for e in m.elems[:5])
    bad_kind = section(9, b"\x01\x01\x01\x00")
    assert malformed(HEADER + TYPE_VOID + FUNC_1 + bad_kind + code(b"\x0b")).startswith(
        "malformed element kind"
    )
    assert malformed(HEADER + section(9, b"\x01\x08")).startswith("malformed elements segment kind")


def test_data_count_rules() -> None:
    mem = section(5, b"\x01\x00\x01")
    drop = code(b"\xfc\x09\x00\x0b")
    passive = section(11, b"\x01\x01\x00")
    assert malformed(HEADER + TYPE_VOID + FUNC_1 + mem + drop + passive).startswith(
        "data count section required"
    )
    m = decode_module(HEADER + TYPE_VOID + FUNC_1 + mem + section(12, b"\x01") + drop + passive)
    assert m.data_count == 1 and m.datas[0].mode == "passive"
    assert malformed(HEADER + mem + section(12, b"\x02") + passive).startswith(
        "data count and data section have inconsistent lengths"
    )


@pytest.mark.parametrize(
    ("tail", "message"),
    [
        (section(1, b"\x00") + section(1, b"\x00"), "unexpected content after last section"),
        (section(3, b"\x00") + section(1, b"\x00"), "unexpected content after last section"),
        (section(10, b"\x00") + section(12, b"\x00"), "unexpected content after last section"),
        (b"\x0e\x00", "malformed section id"),
        # the tag section (13) sits between memory (5) and global (6)
        (section(6, b"\x00") + section(13, b"\x00"), "unexpected content after last section"),
        (section(13, b"\x01\x01\x00"), "zero byte expected"),
        (section(1, b"\x01\x60\x00\x00\x00"), "section size mismatch"),
        (b"\x01\x05\x01", "length out of bounds"),
        (section(0, b"\x02\xc3\x28"), "malformed UTF-8 encoding"),
        (section(0, b"\x05ab"), "length out of bounds"),
        (section(2, b"\x01\x00\x00\x05"), "malformed import kind"),
        (section(7, b"\x01\x00\x05\x00"), "malformed export kind"),
        (section(6, b"\x01\x7f\x02\x41\x00\x0b"), "malformed mutability"),
        # flag 2 is "shared" (threads), for memories only: on a table it stays malformed
        (section(4, b"\x01\x70\x02\x00"), "malformed limits flags"),
        (section(4, b"\x01\x7f\x00\x00"), "malformed reference type"),
        (TYPE_VOID + FUNC_1 + code(b"\x27\x0b"), "illegal opcode 27"),
        # legacy exceptions: catch / catch_all / delegate only where a try takes them
        (TYPE_VOID + FUNC_1 + code(b"\x07\x00\x0b"), "END opcode expected"),
        (TYPE_VOID + FUNC_1 + code(b"\x02\x40\x19\x0b\x0b"), "END opcode expected"),
        (TYPE_VOID + FUNC_1 + code(b"\x06\x40\x19\x07\x00\x0b\x0b"), "END opcode expected"),
        (TYPE_VOID + FUNC_1 + code(b"\x06\x40\x19\x19\x0b\x0b"), "END opcode expected"),
        (TYPE_VOID + FUNC_1 + code(b"\x06\x40\x07\x00\x18\x00\x0b"), "END opcode expected"),
        (TYPE_VOID + FUNC_1 + code(b"\x18\x00\x0b"), "END opcode expected"),
        (TYPE_VOID + FUNC_1 + code(b"\x06\x40\x05\x0b\x0b"), "END opcode expected"),
        (TYPE_VOID + FUNC_1 + code(b"\xfc\x7f\x0b"), "illegal opcode fc 7f"),
        (TYPE_VOID + FUNC_1 + code(b"\x05\x0b"), "END opcode expected"),
        (TYPE_VOID + FUNC_1 + code(b"\x02\x40\x05\x0b\x0b"), "END opcode expected"),
        (TYPE_VOID + FUNC_1 + code(b"\x28\x80\x01\x00\x0b"), "malformed memop flags"),
        (TYPE_VOID + FUNC_1 + code(b"\x02\x7f\x0b"), "unexpected end"),
        (TYPE_VOID + FUNC_1, "function and code section have inconsistent lengths"),
    ],
)
def test_malformed_messages(tail: bytes, message: str) -> None:
    assert malformed(HEADER + tail).startswith(message)


def test_name_section_is_lenient() -> None:
    bad = section(0, b"\x04name\x01\x05\x02\x00\x02\xff\xfe")  # truncated, bad UTF-8
    m = decode_module(HEADER + bad)
    assert m.func_names == {} and m.customs[0].name == "name"


def test_prefix_table_is_read_at_call_time(monkeypatch: pytest.MonkeyPatch) -> None:
    """Extensions register prefixes later (SIMD adds 0xFD); the decoder must see them."""
    key = 0xFD << 16 | 0x0C
    monkeypatch.setitem(OPCODES, key, OpInfo(key, "test.op", "local", None, None))
    monkeypatch.setattr(opcodes, "PREFIXES", opcodes.PREFIXES | {0xFD})
    m = decode_module(HEADER + TYPE_VOID + FUNC_1 + code(b"\xfd\x0c\x07\x0b"))
    assert m.funcs[0].body == [(key, 7)]


# -- prefixed opcodes: the sub-opcode is exactly a u32 (spec 5.4) ---------------------


def uleb(n: int, width: int = 0) -> bytes:
    """LEB128 of ``n``, padded with redundant continuation bytes to ``width``."""
    out = bytearray()
    while True:
        out.append(n & 0x7F | 0x80)
        n >>= 7
        if n == 0 and len(out) >= width:
            break
    out[-1] &= 0x7F
    return bytes(out)


def decode_body(body: bytes) -> list:
    return decode_module(HEADER + TYPE_VOID + FUNC_1 + code(body + b"\x0b")).funcs[0].body


def test_issue_examples_are_illegal() -> None:
    """Issue 10: both used to decode by folding the sub-opcode into the prefix."""
    assert malformed(HEADER + TYPE_VOID + FUNC_1 + code(b"\xfc\x87\x80\x80\x01\x0b")) == (
        "illegal opcode fc 200007 (at byte 0x17)"
    )
    assert malformed(HEADER + TYPE_VOID + FUNC_1 + code(b"\xfc\x8c\x80\x04\x0b")) == (
        "illegal opcode fc 1000c (at byte 0x17)"
    )
    # a redundant (but not over-long) 5-byte form of a known sub-opcode is fine
    assert decode_body(b"\xfc\x87\x80\x80\x80\x00") == [(OP["i64.trunc_sat_f64_u"],)]


PREFIXES_UNDER_TEST = (0xFB, 0xFC, 0xFD, 0xFE)
_PROBE = 0xFFFF  # a sub-opcode no prefix uses: the largest the table can hold


def expected_illegal(prefix: int, sub: int) -> str:
    # decode.ml prints prefix and sub-opcode for 0xFB/0xFC, only the sub-opcode for 0xFD
    return (
        f"illegal opcode {sub:02x}" if prefix == 0xFD else f"illegal opcode {prefix:02x} {sub:02x}"
    )


@pytest.fixture
def probe_op(monkeypatch: pytest.MonkeyPatch, request: pytest.FixtureRequest) -> int:
    """Register a probe instruction at sub-opcode 0xFFFF of the prefix under test
    (so 0xFB and 0xFE are tested even while GC and threads are not implemented)."""
    prefix = request.param
    key = prefix << 16 | _PROBE
    assert key not in OPCODES
    monkeypatch.setitem(OPCODES, key, OpInfo(key, "test.probe", "", None, None))
    monkeypatch.setattr(opcodes, "PREFIXES", opcodes.PREFIXES | {prefix})
    return prefix


@pytest.mark.parametrize("probe_op", PREFIXES_UNDER_TEST, indirect=True)
def test_prefixed_subopcode_is_exact_u32(probe_op: int) -> None:
    prefix = probe_op
    p = bytes([prefix])
    key = prefix << 16 | _PROBE
    assert decode_body(p + uleb(_PROBE)) == [(key,)]
    assert decode_body(p + uleb(_PROBE, width=5)) == [(key,)]  # 5 bytes: still a u32
    # out of the table's range: values that a 16-bit key would alias
    for sub in (0x10000 | _PROBE, 0x200000 | _PROBE, 0x10000, 0x20000C, 0xFFFFFFFF):
        msg = malformed(HEADER + TYPE_VOID + FUNC_1 + code(p + uleb(sub) + b"\x0b"))
        assert msg.startswith(expected_illegal(prefix, sub) + " "), (hex(sub), msg)
    # over-long: six bytes, or bits above 32 in the fifth
    assert malformed(
        HEADER + TYPE_VOID + FUNC_1 + code(p + uleb(_PROBE, width=6) + b"\x0b")
    ).startswith("integer representation too long")
    assert malformed(
        HEADER + TYPE_VOID + FUNC_1 + code(p + b"\xff\xff\x83\x80\x10\x0b")
    ).startswith("integer too large")


@pytest.mark.parametrize("prefix", PREFIXES_UNDER_TEST)
def test_subopcodes_of_another_prefix_are_illegal(prefix: int) -> None:
    own = {code & 0xFFFF for code in OPCODES if code >> 16 == prefix}
    others = {code & 0xFFFF for code in OPCODES if code > 0xFF and code >> 16 != prefix}
    # SIMD's sub-opcodes cover 0xFC's, so also the first one past this prefix's own
    foreign = sorted(others - own | {max(own, default=-1) + 1})
    registered = prefix in opcodes.PREFIXES
    for sub in foreign:
        msg = malformed(HEADER + TYPE_VOID + FUNC_1 + code(bytes([prefix]) + uleb(sub) + b"\x0b"))
        # an unimplemented prefix is itself the illegal opcode (as in decode.ml)
        want = expected_illegal(prefix, sub) if registered else f"illegal opcode {prefix:02x}"
        assert msg.startswith(want + " "), (hex(sub), msg)


# -- the official suite ------------------------------------------------------------------

# Scripts of proposals after 2.0 that the decoder does not implement (fnmatch
# patterns -> reason).  Their modules fail with "illegal opcode" or a type error.
POST_2_0_SCRIPTS = {
    "simd_*": "SIMD (0xFD prefix) is added by the SIMD engineer",
    "*relaxed*": "relaxed SIMD",
    "array*": "GC",
    "struct": "GC",
    "i31": "GC",
    "extern": "GC (any.convert_extern)",
    "br_on_cast*": "GC",
    "ref_cast": "GC",
    "ref_test": "GC",
    "ref_eq": "GC",
    "type-*": "GC type definitions (rec, sub)",
    "binary-gc": "GC",
    "call_ref": "function references",
    "return_call_ref": "function references",
    "br_on_null": "function references",
    "br_on_non_null": "function references",
    "ref_as_non_null": "function references",
    "local_init": "function references (non-null locals)",
    "table-sub": "function references (typed tables)",
    "return_call": "tail calls",
    "return_call_indirect": "tail calls",
    "tag": "exception handling",
    "throw": "exception handling",
    "throw_ref": "exception handling",
    "try_table": "exception handling",
    "*64": "memory64 / table64",
    "*64_*": "memory64",
    "memory64-imports": "memory64",
    "table_copy_mixed": "table64",
    "instance": "exception handling (every module declares tags)",
    "ref": "function references (every module uses typed references)",
    "ref_null": "GC / function references (ref.null any, ref.null $t)",
}

# 2.0 scripts that the 3.0 suite extended with some post-2.0 modules (typed
# references, tables with initialisers, tags ...).  Their assert_malformed
# checks all apply; a module may fail to decode only with one of the
# "unsupported feature" messages below.
MIXED_SCRIPTS = frozenset(
    {
        "br_if",
        "br_table",
        "elem",
        "exports",
        "func",
        "global",
        "imports",
        "linking",
        "local_tee",
        "ref_is_null",
        "select",
        "table",
        "table_init",
        "unreached-invalid",
        "unreached-valid",
    }
)
FEATURE_GAP_MESSAGES = (
    "illegal opcode",
    "malformed reference type",
    "malformed function type",
    "malformed section id",
    "malformed import kind",
    "malformed limits flags",
)
MODULE_COMMANDS = {
    "module",
    "assert_invalid",
    "assert_unlinkable",
    "assert_uninstantiable",
    "assert_trap",
    "assert_exhaustion",
}


def _scripts() -> list[str]:
    if not SUITE.is_dir():
        return []
    names = sorted(p.stem for p in SUITE.glob("*.wast"))
    return [n for n in names if not any(fnmatch.fnmatchcase(n, pat) for pat in POST_2_0_SCRIPTS)]


@pytest.mark.parametrize("name", _scripts())
def test_suite_script(name: str) -> None:
    # converted as the spec harness does, into its cache
    conv = convert(SUITE / f"{name}.wast")
    if conv.error is not None and conv.error.startswith("wasm-tools not found"):
        pytest.skip(conv.error)
    assert conv.error is None, conv.error
    commands = conv.commands
    # the proposals the suite runs the script with (spec/features.toml, [engine]):
    # limits flag bit 3 is malformed at the top level, custom page sizes being off
    features = Features.all().disable(*engine_disabled(f"{name}.wast"))
    problems = []
    decoded = 0
    for cmd in commands:
        filename = cmd.get("filename", "")
        if not filename.endswith(".wasm"):
            continue
        data = conv.module_bytes(filename)
        where = f"{name}.wast:{cmd['line']}"
        if cmd["type"] == "assert_malformed":
            try:
                decode_module(data, features)
                problems.append(f"{where}: accepted, expected {cmd['text']!r}")
            except MalformedError as err:
                if not err.message.startswith(cmd["text"]):
                    problems.append(f"{where}: {err.message!r}, expected {cmd['text']!r}")
        elif cmd["type"] in MODULE_COMMANDS:
            try:
                decode_module(data)
                decoded += 1
            except MalformedError as err:
                if name not in MIXED_SCRIPTS or not err.message.startswith(FEATURE_GAP_MESSAGES):
                    problems.append(f"{where}: {cmd['type']} module refused: {err.message}")
    assert not problems, "\n".join(problems)
    if name in MIXED_SCRIPTS:
        assert decoded > 0, "a mixed script must still have 2.0 modules that decode"


def test_suite_is_present() -> None:
    if not SUITE.is_dir():
        pytest.skip(f"test suite not found at {SUITE}")
    assert len(_scripts()) > 100


# -- robustness: nothing but MalformedError, whatever the bytes ----------------------------

SEEDS = [
    KITCHEN,
    HEADER + TYPE_VOID + FUNC_1 + code(b"\x02\x40\x03\x40\x0c\x01\x0b\x0b\x0b"),
    HEADER + section(5, b"\x01\x00\x01") + section(11, b"\x01\x00\x41\x00\x0b\x02ab"),
]


def _mutate(rng: random.Random, data: bytes) -> bytes:
    buf = bytearray(data)
    for _ in range(rng.randint(1, 4)):
        op = rng.randrange(6)
        i = rng.randrange(len(buf)) if buf else 0
        if op == 0 and buf:
            buf[i] = rng.randrange(256)
        elif op == 1:
            buf.insert(i, rng.choice((0x00, 0x0B, 0x7F, 0x80, 0xFF, rng.randrange(256))))
        elif op == 2 and buf:
            del buf[i]
        elif op == 3:
            del buf[rng.randrange(len(buf) + 1) :]
        elif op == 4 and buf:
            buf[i] ^= 1 << rng.randrange(8)
        else:
            j = rng.randrange(len(buf) + 1)
            buf[i:i] = buf[j : j + rng.randint(1, 8)]
    return bytes(buf)


def test_mutations_raise_only_malformed() -> None:
    rng = random.Random(20240607)
    outcomes = {"ok": 0, "malformed": 0}
    for n in range(3000):
        data = _mutate(rng, SEEDS[n % len(SEEDS)])
        try:
            decode_module(data)
            outcomes["ok"] += 1
        except MalformedError:
            outcomes["malformed"] += 1
    assert outcomes["malformed"] > 1000 and outcomes["ok"] > 0


def test_random_bytes_after_header() -> None:
    rng = random.Random(7)
    for _ in range(1000):
        tail = bytes(rng.randrange(256) for _ in range(rng.randrange(40)))
        with contextlib.suppress(MalformedError):
            decode_module(HEADER + tail)


def test_function_names_are_read_leniently() -> None:
    """The "name" section's function names (spec 7.4.1): short names are read
    inline, long ones by the general reader; anything malformed ends the
    list there, keeping the names before it."""
    from interp.binary import _function_names
    from interp.text.encode import uleb

    def sub(entries: list[bytes]) -> bytes:
        body = uleb(len(entries)) + b"".join(entries)
        return b"\x01" + uleb(len(body)) + body

    long = "n" * 200
    ok = [b"\x00\x01a", b"\x02\x02bc", b"\x05" + b"\xc8\x01" + long.encode()]
    assert _function_names(sub(ok)) == {0: "a", 2: "bc", 5: long}
    assert _function_names(sub([b"\x00\x01a", b"\x01\x02\xff\xfe", b"\x02\x01c"])) == {0: "a"}
    assert _function_names(sub([b"\x00\x01a", b"\x01\x05ab"])) == {0: "a"}  # cut off
    assert _function_names(b"\x00\x01\x00" + sub(ok[:1])) == {0: "a"}  # other subsections skipped
