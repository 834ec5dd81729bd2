"""The instruction table (:mod:`interp.opcodes`) is complete and its columns are true.

Completeness: one module holds a function per opcode of the table (generic
bodies for instructions with a plain signature, hand-written ones for the
others).  It must decode (decoder entry for every immediate kind), validate
(a typing rule), and every function must compile to Python in both modes,
structured and flat (an executor handler) -- so an instruction added to the
table without its decoder, validator or executor piece fails here, and one
without a body below fails too.

Columns: ``branch`` marks exactly the instructions with label immediates and
drives the compiler's branch-target scan; ``traps`` marks the numeric
operators whose implementation raises :class:`interp.Trap`; ``const``
decides constant expressions.
"""

from __future__ import annotations

import itertools
import math

import pytest

import interp
from interp import numerics
from interp.compile import find_targets, function_source
from interp.opcodes import BRANCH_LABELS, OP, OPCODES, OpInfo, parse_table

# -- a module with one function per opcode ---------------------------------------------


def uleb(n: int) -> bytes:
    out = bytearray()
    while True:
        b = n & 0x7F
        n >>= 7
        out.append(b | (0x80 if n else 0))
        if not n:
            return bytes(out)


def vec(items: list[bytes]) -> bytes:
    return uleb(len(items)) + b"".join(items)


def section(sid: int, content: bytes) -> bytes:
    return bytes([sid]) + uleb(len(content)) + content


OPERAND = {
    "i32": b"\x41\x00",
    "i64": b"\x42\x00",
    "f32": b"\x43" + bytes(4),
    "f64": b"\x44" + bytes(8),
    "v128": b"\xfd\x0c" + bytes(16),
    "funcref": b"\xd0\x70",
    "externref": b"\xd0\x6f",
}

# immediates that are valid in the module below (memory 0, table 0, elem 0,
# data 0, lane 0, alignment 2**0)
IMMEDIATES = {
    "": b"",
    "memarg": b"\x00\x00",
    "mem": b"\x00",
    "memory_copy": b"\x00\x00",
    "memory_init": b"\x00\x00",
    "data": b"\x00",
    "table": b"\x00",
    "table_copy": b"\x00\x00",
    "table_init": b"\x00\x00",
    "elem": b"\x00",
    "i32": b"\x00",
    "i64": b"\x00",
    "f32": bytes(4),
    "f64": bytes(8),
    "v128": bytes(16),
    "lane": b"\x00",
    "shuffle": bytes(16),
    "memarg_lane": b"\x00\x00\x00",
    "func": b"\x00",
    "fence": b"\x00",  # atomic.fence's reserved byte
    # "atomic" (threads): alignment must equal the access size, see atomic_memarg
}


def atomic_memarg(info: OpInfo) -> bytes:
    """An atomic access's memarg: its natural alignment (anything else is invalid), offset 0."""
    from interp.threads import SIZES

    return bytes([SIZES[info.code].bit_length() - 1]) + b"\x00"


# instructions typed by a dedicated rule: a body using each (function 0 has type [] -> [])
SPECIAL = {
    "unreachable": "00",
    "nop": "01",
    "block": "02 40 0b",
    "loop": "03 40 0b",
    "if": "41 00 04 40 0b",
    "else": "41 00 04 40 05 0b",
    "end": "02 40 0b",
    "br": "02 40 0c 00 0b",
    "br_if": "02 40 41 00 0d 00 0b",
    "br_table": "02 40 41 00 0e 01 00 00 0b",
    "return": "0f",
    "call": "10 00",
    "call_indirect": "41 00 11 00 00",
    "return_call": "12 00",
    "return_call_indirect": "41 00 13 00 00",
    "drop": "41 00 1a",
    "select": "41 00 41 00 41 00 1b 1a",
    "select_t": "41 00 41 00 41 00 1c 01 7f 1a",
    "local.get": "20 00 1a",
    "local.set": "41 00 21 00",
    "local.tee": "41 00 22 00 1a",
    "global.get": "23 00 1a",
    "global.set": "41 00 24 00",
    "table.get": "41 00 25 00 1a",
    "table.set": "41 00 d0 70 26 00",
    "table.grow": "d0 70 41 00 fc 0f 00 1a",
    "table.fill": "41 00 d0 70 41 00 fc 11 00",
    "ref.null": "d0 70 1a",
    "ref.is_null": "d0 70 d1 1a",
    "ref.func": "d2 00 1a",
    "throw": "08 00",
    "throw_ref": "d0 69 0a",
    # a block with catch (tag 0) and catch_all to the block, from inside try_table
    "try_table": "02 40 1f 40 02 00 00 00 02 00 0b 0b",
    # legacy exceptions: try with handlers; a delegate that skips the middle
    # try's handlers (to the outer try); rethrow in a handler
    "try": "06 40 08 00 07 00 19 0b",
    "catch": "06 40 07 00 0b",
    "catch_all": "06 40 19 0b",
    "delegate": "06 40 06 40 06 40 08 00 18 01 07 00 0b 07 00 0b",
    "rethrow": "06 40 08 00 07 00 09 00 0b",
    # typed function references: type 0 is [] -> [], ref.func 0 is (ref 0)
    "call_ref": "d2 00 14 00",
    "return_call_ref": "d2 00 15 00",
    "ref.as_non_null": "d2 00 d4 1a",
    "br_on_null": "02 40 d2 00 d5 00 1a 0b",
    "br_on_non_null": "02 64 00 d2 00 d6 00 d2 00 0b 1a",
    # GC without heap objects
    "ref.eq": "41 00 fb 1c 41 00 fb 1c d3 1a",
    "ref.test": "d0 6e fb 14 6c 1a",
    "ref.test_null": "d0 6e fb 15 6c 1a",
    "ref.cast": "d0 6e fb 16 6c 1a",
    "ref.cast_null": "d0 6e fb 17 6c 1a",
    "br_on_cast": "02 6e d0 6e fb 18 03 00 6e 6c 0b 1a",
    "br_on_cast_fail": "02 6e d0 6e fb 19 03 00 6e 6c 0b 1a",
    "any.convert_extern": "d0 6f fb 1a 1a",
    "extern.convert_any": "d0 6e fb 1b 1a",
    "ref.i31": "41 00 fb 1c 1a",
    "i31.get_s": "41 00 fb 1c fb 1d 1a",
    "i31.get_u": "41 00 fb 1c fb 1e 1a",
    # GC heap objects: type 1 (struct (mut i32) (mut i8)), 2 (array (mut i8)),
    # 3 (array (mut funcref)), 4 (array (mut i32)); data 0, elem 0
    "struct.new": "41 00 41 00 fb 00 01 1a",
    "struct.new_default": "fb 01 01 1a",
    "struct.get": "fb 01 01 fb 02 01 00 1a",
    "struct.get_s": "fb 01 01 fb 03 01 01 1a",
    "struct.get_u": "fb 01 01 fb 04 01 01 1a",
    "struct.set": "fb 01 01 41 00 fb 05 01 00",
    "array.new": "41 00 41 00 fb 06 02 1a",
    "array.new_default": "41 00 fb 07 02 1a",
    "array.new_fixed": "41 00 41 00 fb 08 02 02 1a",
    "array.new_data": "41 00 41 00 fb 09 02 00 1a",
    "array.new_elem": "41 00 41 00 fb 0a 03 00 1a",
    "array.get": "41 00 fb 07 04 41 00 fb 0b 04 1a",
    "array.get_s": "41 00 fb 07 02 41 00 fb 0c 02 1a",
    "array.get_u": "41 00 fb 07 02 41 00 fb 0d 02 1a",
    "array.set": "41 00 fb 07 04 41 00 41 00 fb 0e 04",
    "array.len": "41 00 fb 07 04 fb 0f 1a",
    "array.fill": "41 00 fb 07 04 41 00 41 00 41 00 fb 10 04",
    "array.copy": "41 00 fb 07 04 41 00 41 00 fb 07 04 41 00 41 00 fb 11 04 04",
    "array.init_data": "41 00 fb 07 04 41 00 41 00 41 00 fb 12 04 00",
    "array.init_elem": "41 00 fb 07 03 41 00 41 00 41 00 fb 13 03 00",
    # custom descriptors: type 5 (descriptor 6) (struct), type 6 (describes 5)
    # (struct); struct.new_default 6 is an exact descriptor of type 5
    "struct.new_desc": "fb 01 06 fb 20 05 1a",
    "struct.new_default_desc": "fb 01 06 fb 21 05 1a",
    "ref.get_desc": "fb 01 06 fb 21 05 fb 22 05 1a",
    "ref.cast_desc_eq": "d0 6e fb 01 06 fb 23 05 1a",
    "ref.cast_desc_eq_null": "d0 6e fb 01 06 fb 24 05 1a",
    "br_on_cast_desc_eq": "02 6e d0 6e fb 01 06 fb 25 03 00 6e 05 0b 1a",
    "br_on_cast_desc_eq_fail": "02 6e d0 6e fb 01 06 fb 26 03 00 6e 05 0b 1a",
}


def opcode_bytes(info: OpInfo) -> bytes:
    if info.code <= 0xFF:
        return bytes([info.code])
    return bytes([info.code >> 16]) + uleb(info.code & 0xFFFF)


def body_of(info: OpInfo) -> bytes:
    if info.name in SPECIAL:
        return bytes.fromhex(SPECIAL[info.name])
    assert info.params is not None and info.results is not None, (
        f"{info.name}: a dedicated typing rule, but no body in SPECIAL"
    )
    if info.imm == "atomic":
        imm = atomic_memarg(info)
    else:
        assert info.imm in IMMEDIATES, f"{info.name}: no test immediate for kind {info.imm!r}"
        imm = IMMEDIATES[info.imm]
    code = b"".join(OPERAND[t] for t in info.params)
    code += opcode_bytes(info) + imm
    return code + b"\x1a" * len(info.results)


def all_opcodes_module() -> tuple[bytes, list[OpInfo]]:
    infos = sorted(OPCODES.values(), key=lambda i: i.code)
    bodies = []
    for info in infos:
        body = b"\x01\x01\x7f" + body_of(info) + b"\x0b"  # one i32 local
        bodies.append(uleb(len(body)) + body)
    wasm = b"\x00asm\x01\x00\x00\x00"
    types = ["60 00 00", "5f 02 7f 01 78 01", "5e 78 01", "5e 70 01", "5e 7f 01"]
    types.append("4e 02 4d 06 5f 00 4c 05 5f 00")  # custom descriptors: types 5 and 6
    wasm += section(1, vec([bytes.fromhex(t) for t in types]))
    wasm += section(3, vec([b"\x00"] * len(infos)))
    wasm += section(4, vec([b"\x70\x00\x01"]))
    wasm += section(5, vec([b"\x00\x01"]))
    wasm += section(13, vec([b"\x00\x00"]))  # a tag of type 0 (throw, try_table)
    wasm += section(6, vec([b"\x7f\x01\x41\x00\x0b"]))
    wasm += section(9, vec([b"\x01\x00\x01\x00"]))  # passive, funcs [0]: declares ref.func 0
    wasm += section(12, uleb(1))
    wasm += section(10, vec(bodies))
    wasm += section(11, vec([b"\x01\x00"]))  # one passive, empty data segment
    return wasm, infos


@pytest.fixture(scope="module")
def instance() -> tuple[interp.Instance, list[OpInfo]]:
    wasm, infos = all_opcodes_module()
    module = interp.decode_module(wasm)  # a decoder entry for every instruction
    interp.validate_module(module)  # a typing rule for every instruction
    assert [f.body for f in module.funcs] and len(module.funcs) == len(OPCODES)
    for func, info in zip(module.funcs, infos, strict=True):
        assert any(ins[0] == info.code for ins in func.body), info.name
    store = interp.Store(features=interp.Features.all())  # the proposals beyond 3.0 too
    return interp.instantiate(store, module), infos


@pytest.mark.parametrize("flat", [False, True], ids=["structured", "flat"])
def test_every_instruction_compiles_in_both_modes(
    instance: tuple[interp.Instance, list[OpInfo]], flat: bool
) -> None:
    inst, infos = instance
    for index, info in enumerate(infos):
        source = function_source(inst, index, flat=flat)
        compile(source, f"<{info.name}>", "exec")


# -- the columns --------------------------------------------------------------------


def test_branch_column_is_the_label_immediates() -> None:
    for info in OPCODES.values():
        assert info.branch == (info.imm in ("label", "br_table", "br_on_cast", "try_table")), (
            info.name
        )
        assert not info.branch or info.imm in BRANCH_LABELS
    with pytest.raises(ValueError, match="BRANCH_LABELS"):
        parse_table("0x00 test.br_on_thing  func - branch")


@pytest.mark.parametrize("name", [i.name for i in OPCODES.values() if i.branch])
def test_every_branch_instruction_targets_its_block(name: str) -> None:
    info = next(i for i in OPCODES.values() if i.name == name)  # OP: the base table only
    instr: tuple[object, ...] = (info.code, (0,), 0) if info.imm == "br_table" else (info.code, 0)
    body = [(OP["block"], None), (OP["block"], None), instr, (OP["end"],), (OP["end"],)]
    if info.imm == "try_table":  # a block itself, whose catch labels count from outside
        instr = (info.code, None, ((2, None, 0),))
        body = [(OP["block"], None), (OP["block"], None), instr, *[(OP["end"],)] * 3]
    assert find_targets(body) == {1}


CANDIDATES: dict[str, list[int] | list[float]] = {
    "i32": [0, 1, 0x80000000, 0xFFFFFFFF],
    "i64": [0, 1, 1 << 63, 2**64 - 1],
    "f32": [0.0, 1.0, -1.0, math.nan, math.inf, -math.inf, 3e38],
    "f64": [0.0, 1.0, -1.0, math.nan, math.inf, -math.inf, 1e300],
}


def test_traps_column_matches_the_numeric_implementations() -> None:
    """A numeric operator traps on some boundary operands iff the column says so."""
    checked = 0
    for info in OPCODES.values():
        fn = getattr(numerics, info.pyname, None)
        if info.imm or info.params is None or fn is None or info.params[0] not in CANDIDATES:
            continue
        trapped = False
        for args in itertools.product(*(CANDIDATES[t] for t in info.params)):
            try:
                fn(*args)
            except interp.Trap:
                trapped = True
        assert info.traps == trapped, info.name
        checked += 1
    assert checked >= 136  # every scalar numeric operator
    assert {
        i.name for i in OPCODES.values() if i.traps and not i.imm and i.params is not None
    } == numerics.TRAPPING


def test_const_column() -> None:
    const = {i.name for i in OPCODES.values() if i.const}
    assert const == {
        "i32.const", "i64.const", "f32.const", "f64.const", "v128.const", "ref.null",
        "ref.func", "global.get", "i32.add", "i32.sub", "i32.mul", "i64.add", "i64.sub",
        "i64.mul", "ref.i31", "any.convert_extern", "extern.convert_any",
        "struct.new", "struct.new_default", "array.new", "array.new_default", "array.new_fixed",
        "struct.new_desc", "struct.new_default_desc",
    }  # fmt: skip


# -- the dispatch tables are built once, from the families ---------------------------------


def _tables() -> list[object]:
    from interp import binary, compile, opcodes, runtime, validate

    return [
        binary._DATA_INSTRS,
        dict(runtime.CONST_EVALUATORS),
        dict(opcodes.OPCODES),
        dict(opcodes.BY_NAME),
        opcodes.PREFIXES,
        dict(opcodes.BRANCH_LABELS),
        dict(binary.IMMEDIATE_READERS),
        set(binary.BLOCK_OPENERS),
        set(compile.BLOCK_OPENERS),
        dict(binary.BLOCK_MARKERS),
        set(compile.BLOCK_CLOSERS),
        set(compile.BLOCK_MIDDLES),
        set(compile.FREE_OPS),
        set(compile.CATCHING),
        dict(validate.IMMEDIATE_CHECKS),
        dict(validate._RULES),
        dict(compile.FunctionCompiler.HANDLERS),
        list(compile.FLAT_EXCEPT),
        dict(compile._BASE),
    ]


def test_tables_do_not_depend_on_the_order_of_the_families() -> None:
    from interp import families

    built = _tables()
    try:
        families.build(reversed(families.FAMILIES))
        assert _tables() == built
        families.build(families.FAMILIES[1:] + families.FAMILIES[:1])
        assert _tables() == built
    finally:
        families.build()
    assert _tables() == built


def test_every_family_row_is_in_the_built_table() -> None:
    from interp import families

    rows = sum(len(f.opcodes) for f in families.FAMILIES)
    assert rows == len(OPCODES)
    for family in families.FAMILIES:
        for code, info in family.opcodes.items():
            assert OPCODES[code] is info, info.name
    # the exceptions family's end wraps the core's
    from interp import compile, exceptions

    assert compile.FunctionCompiler.HANDLERS[OP["end"]] is exceptions.h_end


def test_conflicting_families_are_refused() -> None:
    from interp import families, wide
    from interp.records import replace

    clash = replace(wide.FAMILY, name="clash")  # the same opcodes again, as another family
    other = replace(
        wide.FAMILY,
        name="other",
        opcodes={},
        handlers={"i64.add128": lambda *a: False},  # a second generator for wide's instruction
    )
    replacing_nothing = replace(
        wide.FAMILY,
        name="r",
        opcodes={},
        handlers={"nope": wide.h_wide},
        replaces=frozenset({"nope"}),
    )
    try:
        for bad in (clash, other, replacing_nothing):
            with pytest.raises(ValueError):
                families.build((*families.FAMILIES, bad))
        with pytest.raises(ValueError, match="listed twice"):
            families.build((*families.FAMILIES, wide.FAMILY))
    finally:
        families.build()


def test_importing_a_family_module_registers_nothing() -> None:
    """Re-running a family module (as a second import would) leaves every table as built."""
    import subprocess
    import sys
    import textwrap

    script = textwrap.dedent(
        """
        import importlib
        import interp
        from interp import binary, compile, families, opcodes, validate

        def snapshot():
            return [
                {k: id(v) for k, v in t.items()}
                for t in (opcodes.OPCODES, binary.IMMEDIATE_READERS, validate.IMMEDIATE_CHECKS,
                          validate._RULES, compile.FunctionCompiler.HANDLERS, compile._BASE)
            ] + [sorted(binary.BLOCK_OPENERS), len(compile.FLAT_EXCEPT), sorted(opcodes.PREFIXES)]

        before = snapshot()
        for family in families.FAMILIES[1:]:
            module = importlib.import_module(family.handlers and next(
                iter(family.handlers.values())).__module__)
            importlib.reload(module)
        assert snapshot() == before, "a family module changed a table when imported"
        print("ok")
        """
    )
    out = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=120, check=False
    )
    assert out.returncode == 0 and out.stdout.strip() == "ok", out.stderr
