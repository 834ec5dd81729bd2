"""The instruction table of the text format: name -> opcode bytes and immediates.

Names and opcodes are the engine's (the instruction families'
tables, :data:`interp.families.FAMILIES`: one source of truth); this module
adds what only the text format needs, the syntax of each instruction's
immediates (:data:`SPECIAL`: ``name kind``; every other instruction has
none).  ``memarg:N`` carries the natural alignment ``2^N`` (spec 6.5.7,
"memarg").  The instructions in :data:`DEDICATED` (control structure,
``select``, the engine's separate nullable variants) are parsed by dedicated
rules in :mod:`interp.text.parser`.
"""

from __future__ import annotations

from ..families import FAMILIES
from .encode import uleb

#: engine instructions with no row here: the parser reads them with rules of
#: its own (``ref.null``, ``ref.test``/``ref.cast`` with a nullable type and
#: ``select`` with a type are one text instruction each)
DEDICATED = frozenset(
    ("else", "end", "select", "select_t", "ref.null", "ref.test_null", "ref.cast_null",
     "ref.cast_desc_eq_null", "try_table", "try", "catch", "catch_all", "delegate")
)  # fmt: skip

# fmt: off
SPECIAL = """
block block
loop block
if block
br label
br_if label
br_table br_table
call func
call_indirect call_indirect
return_call func
return_call_indirect call_indirect
local.get local
local.set local
local.tee local
global.get global
global.set global
table.get table
table.set table
i32.load memarg:2
i64.load memarg:3
f32.load memarg:2
f64.load memarg:3
i32.load8_s memarg:0
i32.load8_u memarg:0
i32.load16_s memarg:1
i32.load16_u memarg:1
i64.load8_s memarg:0
i64.load8_u memarg:0
i64.load16_s memarg:1
i64.load16_u memarg:1
i64.load32_s memarg:2
i64.load32_u memarg:2
i32.store memarg:2
i64.store memarg:3
f32.store memarg:2
f64.store memarg:3
i32.store8 memarg:0
i32.store16 memarg:1
i64.store8 memarg:0
i64.store16 memarg:1
i64.store32 memarg:2
memory.size mem
memory.grow mem
i32.const i32
i64.const i64
f32.const f32
f64.const f64
ref.func func
memory.init memory_init
data.drop data
memory.copy memory_copy
memory.fill mem
table.init table_init
elem.drop elem
table.copy table_copy
table.grow table
table.size table
table.fill table
v128.load memarg:4
v128.load8x8_s memarg:3
v128.load8x8_u memarg:3
v128.load16x4_s memarg:3
v128.load16x4_u memarg:3
v128.load32x2_s memarg:3
v128.load32x2_u memarg:3
v128.load8_splat memarg:0
v128.load16_splat memarg:1
v128.load32_splat memarg:2
v128.load64_splat memarg:3
v128.store memarg:4
v128.const v128
i8x16.shuffle shuffle
i8x16.extract_lane_s lane
i8x16.extract_lane_u lane
i8x16.replace_lane lane
i16x8.extract_lane_s lane
i16x8.extract_lane_u lane
i16x8.replace_lane lane
i32x4.extract_lane lane
i32x4.replace_lane lane
i64x2.extract_lane lane
i64x2.replace_lane lane
f32x4.extract_lane lane
f32x4.replace_lane lane
f64x2.extract_lane lane
f64x2.replace_lane lane
v128.load8_lane memarg_lane:0
v128.load16_lane memarg_lane:1
v128.load32_lane memarg_lane:2
v128.load64_lane memarg_lane:3
v128.store8_lane memarg_lane:0
v128.store16_lane memarg_lane:1
v128.store32_lane memarg_lane:2
v128.store64_lane memarg_lane:3
v128.load32_zero memarg:2
v128.load64_zero memarg:3
"""

# GC (0xFB, with the custom-descriptors proposal's additions), exceptions, typed function references and tail calls
SPECIAL += """
struct.new type
struct.new_default type
struct.get field
struct.get_s field
struct.get_u field
struct.set field
array.new type
array.new_default type
array.new_fixed type_nat
array.new_data type_data
array.new_elem type_elem
array.get type
array.get_s type
array.get_u type
array.set type
array.fill type
array.copy type_type
array.init_data type_data
array.init_elem type_elem
ref.test ref_test
ref.cast ref_cast
br_on_cast br_on_cast
br_on_cast_fail br_on_cast
struct.new_desc type
struct.new_default_desc type
ref.get_desc type
ref.cast_desc_eq ref_cast
br_on_cast_desc_eq br_on_cast
br_on_cast_desc_eq_fail br_on_cast
call_ref type
return_call_ref type
br_on_null label
br_on_non_null label
throw tag
rethrow label
atomic.fence fence
"""
# fmt: on


def _atomics() -> str:
    """The threads proposal's 0xFE instructions (atomic.fence is above)."""
    rows = [
        "memory.atomic.notify memarg:2",
        "memory.atomic.wait32 memarg:2",
        "memory.atomic.wait64 memarg:3",
    ]
    for name, a in (
        ("i32.atomic.load", 2),
        ("i64.atomic.load", 3),
        ("i32.atomic.load8_u", 0),
        ("i32.atomic.load16_u", 1),
        ("i64.atomic.load8_u", 0),
        ("i64.atomic.load16_u", 1),
        ("i64.atomic.load32_u", 2),
        ("i32.atomic.store", 2),
        ("i64.atomic.store", 3),
        ("i32.atomic.store8", 0),
        ("i32.atomic.store16", 1),
        ("i64.atomic.store8", 0),
        ("i64.atomic.store16", 1),
        ("i64.atomic.store32", 2),
    ):
        rows.append(f"{name} memarg:{a}")
    for op in ("add", "sub", "and", "or", "xor", "xchg", "cmpxchg"):
        for name, a in (
            ("i32.atomic.rmw.", 2),
            ("i64.atomic.rmw.", 3),
            ("i32.atomic.rmw8.", 0),
            ("i32.atomic.rmw16.", 1),
            ("i64.atomic.rmw8.", 0),
            ("i64.atomic.rmw16.", 1),
            ("i64.atomic.rmw32.", 2),
        ):
            suffix = "" if name.endswith("rmw.") else "_u"
            rows.append(f"{name}{op}{suffix} memarg:{a}")
    return "\n".join(rows)


SPECIAL += _atomics()


def opcode_bytes(key: int) -> bytes:
    """An engine opcode key (one byte, or ``prefix << 16 | sub``) as the
    binary format encodes it: the byte, or the prefix byte and the
    sub-opcode as LEB128 (spec 5.4)."""
    return bytes([key >> 16]) + uleb(key & 0xFFFF) if key > 0xFF else bytes([key])


def _build() -> dict[str, tuple[bytes, str]]:
    immediates = dict(line.split() for line in SPECIAL.split("\n") if line.strip())
    table: dict[str, tuple[bytes, str]] = {}
    for family in FAMILIES:
        for key, info in family.opcodes.items():
            if info.name not in DEDICATED:
                table[info.name] = (opcode_bytes(key), immediates.pop(info.name, ""))
    assert not immediates, f"immediates of instructions the engine lacks: {sorted(immediates)}"
    return table


#: instruction name -> (opcode bytes, immediate kind)
INSTRUCTIONS: dict[str, tuple[bytes, str]] = _build()
