"""The instruction table: one source of truth for every opcode.

The decoder reads immediates by ``imm`` kind, the validator checks operand
types from ``params``/``results`` (for the instructions whose typing is a
plain signature), and the executor looks up the numeric implementation by
``name`` (``i32.add`` -> :func:`interp.numerics.i32_add`).  Nothing else in
the engine lists opcodes.

Opcode keys: single-byte opcodes are their byte (``0x6A``); prefixed opcodes
are ``prefix << 16 | subopcode`` (``0xFC0000 | 8`` is ``memory.init``), since
sub-opcodes are u32 LEB128 values that may exceed one byte.

Immediate kinds and the tuple layout the decoder produces
(``instr = (opcode, *immediates)``):

============== =====================================================
kind            immediates
============== =====================================================
``""``          none
``block``       blocktype (None | valtype str | type index int)
``label``       labelidx
``br_table``    tuple of labelidx, default labelidx
``func``        funcidx
``call_indirect`` typeidx, tableidx
``type``        typeidx (call_ref, return_call_ref)
``heaptype``    the reference type ``(ref ht)`` tested or cast to (ref.test, ref.cast)
``heaptype_null`` the same, ``(ref null ht)`` (ref.test_null, ref.cast_null)
``br_on_cast``  labelidx, source reference type, target reference type
``local``       localidx
``global``      globalidx
``memarg``      align (log2), offset, memidx
``mem``         memidx (memory.size, memory.grow, memory.fill)
``i32``/``i64`` value as an *unsigned* bit pattern
``f32``/``f64`` raw IEEE bits as an int
``select_t``    tuple of valtypes
``reftype``     the reference type ``(ref null ht)`` (ref.null's heap type immediate)
``table``       tableidx
``table_copy``  dst tableidx, src tableidx
``table_init``  elemidx, tableidx
``elem``        elemidx
``memory_init`` dataidx, memidx
``data``        dataidx
``memory_copy`` dst memidx, src memidx
============== =====================================================

A ``sig`` of ``None`` marks instructions whose typing the validator handles
by a dedicated rule (control, parametric, variable, table and reference
instructions).

Instruction families: data, built once
--------------------------------------

The engine's instructions come in *families*: the core table below, and one
module per proposal that adds a group of its own (:mod:`interp.exceptions`,
:mod:`interp.gc`, :mod:`interp.legacy_exceptions`, :mod:`interp.simd`,
:mod:`interp.threads`, :mod:`interp.wide`).  A family
is a :class:`Family` value -- plain data: its rows of the table (parsed by
:func:`parse_table`), the decoder's readers for its new immediate kinds, the
validator's immediate checks and typing rules, the compiler's code
generators and the names its generated code calls.  A family module defines
``FAMILY`` and nothing else happens when it is imported: it registers
nothing anywhere.

:mod:`interp.families` lists the families (:data:`interp.families.FAMILIES`)
and builds every dispatch table from them, once, when ``interp`` is
imported: :data:`OPCODES`, :data:`BY_NAME`, :data:`PREFIXES`,
:data:`BRANCH_LABELS` here, ``binary.IMMEDIATE_READERS`` and
``binary.BLOCK_OPENERS`` and ``binary.BLOCK_MARKERS``,
``validate.IMMEDIATE_CHECKS`` and ``validate._RULES``,
``compile.FunctionCompiler.HANDLERS``, ``compile.BLOCK_OPENERS``,
``compile.BLOCK_CLOSERS`` and ``compile.BLOCK_MIDDLES``,
``compile.FREE_OPS``, ``compile.CATCHING``, ``compile.FLAT_EXCEPT`` and
``compile._BASE``, ``binary._DATA_INSTRS`` and ``runtime.CONST_EVALUATORS``.
The result does not depend on the order of the list: two families defining
the same opcode, name, immediate kind or generated-code name differently are
an error, and a family that wraps another's code generator (exceptions wraps
``end``) says so in ``Family.replaces``.

To add a family: write its module with a ``FAMILY = Family(...)``, add it to
:data:`interp.families.FAMILIES`; ``tests/test_instruction_table.py`` then
checks that every one of its opcodes decodes, validates and compiles in both
compile modes.  Until the build, the tables here hold the core rows only
(what modules that read them at import time, such as :mod:`interp.numerics`,
see).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from .records import field, record


@record(frozen=True, slots=True)
class OpInfo:
    code: int
    name: str
    imm: str
    params: tuple[str, ...] | None
    results: tuple[str, ...] | None
    feature: str | None = None
    """The proposal (:mod:`interp.features` name) that added it; None = MVP."""
    branch: bool = False
    """Its immediates name branch targets (labels): the compiler's target scan."""
    traps: bool = False
    """It may trap by itself (not counting the functions it calls)."""
    const: bool = False
    """It may appear in a constant expression (spec 3.3.10, 3.0 with extended constants)."""

    @property
    def pyname(self) -> str:
        """Name of the implementing function in :mod:`interp.numerics`."""
        return self.name.replace(".", "_")


# fmt: off
# code | name | immediate kind | signature ("params -> results", or "-" for special)
#      | proposal that added it (interp.features name; none = MVP)
#      | flags: branch (label immediates), traps (may trap), const (constant expressions)
_TABLE = """
0x00 unreachable                - - traps
0x01 nop                        - -
0x02 block                      block -
0x03 loop                       block -
0x04 if                         block -
0x05 else                       - -
0x0B end                        - -
0x0C br                         label - branch
0x0D br_if                      label - branch
0x0E br_table                   br_table - branch
0x0F return                     - -
0x10 call                       func -
0x11 call_indirect              call_indirect - traps
0x12 return_call                func -                       tail_call
0x13 return_call_indirect       call_indirect -              tail_call traps
0x14 call_ref                   type -                       function_references traps
0x15 return_call_ref            type -                       function_references traps
0x1A drop                       - -
0x1B select                     - -
0x1C select_t                   select_t -                   reference_types
0x20 local.get                  local -
0x21 local.set                  local -
0x22 local.tee                  local -
0x23 global.get                 global - const
0x24 global.set                 global -
0x25 table.get                  table -                      reference_types traps
0x26 table.set                  table -                      reference_types traps
0x28 i32.load                   memarg i32->i32 traps
0x29 i64.load                   memarg i32->i64 traps
0x2A f32.load                   memarg i32->f32 traps
0x2B f64.load                   memarg i32->f64 traps
0x2C i32.load8_s                memarg i32->i32 traps
0x2D i32.load8_u                memarg i32->i32 traps
0x2E i32.load16_s               memarg i32->i32 traps
0x2F i32.load16_u               memarg i32->i32 traps
0x30 i64.load8_s                memarg i32->i64 traps
0x31 i64.load8_u                memarg i32->i64 traps
0x32 i64.load16_s               memarg i32->i64 traps
0x33 i64.load16_u               memarg i32->i64 traps
0x34 i64.load32_s               memarg i32->i64 traps
0x35 i64.load32_u               memarg i32->i64 traps
0x36 i32.store                  memarg i32,i32-> traps
0x37 i64.store                  memarg i32,i64-> traps
0x38 f32.store                  memarg i32,f32-> traps
0x39 f64.store                  memarg i32,f64-> traps
0x3A i32.store8                 memarg i32,i32-> traps
0x3B i32.store16                memarg i32,i32-> traps
0x3C i64.store8                 memarg i32,i64-> traps
0x3D i64.store16                memarg i32,i64-> traps
0x3E i64.store32                memarg i32,i64-> traps
0x3F memory.size                mem ->i32
0x40 memory.grow                mem i32->i32
0x41 i32.const                  i32 ->i32 const
0x42 i64.const                  i64 ->i64 const
0x43 f32.const                  f32 ->f32 const
0x44 f64.const                  f64 ->f64 const
0x45 i32.eqz                    - i32->i32
0x46 i32.eq                     - i32,i32->i32
0x47 i32.ne                     - i32,i32->i32
0x48 i32.lt_s                   - i32,i32->i32
0x49 i32.lt_u                   - i32,i32->i32
0x4A i32.gt_s                   - i32,i32->i32
0x4B i32.gt_u                   - i32,i32->i32
0x4C i32.le_s                   - i32,i32->i32
0x4D i32.le_u                   - i32,i32->i32
0x4E i32.ge_s                   - i32,i32->i32
0x4F i32.ge_u                   - i32,i32->i32
0x50 i64.eqz                    - i64->i32
0x51 i64.eq                     - i64,i64->i32
0x52 i64.ne                     - i64,i64->i32
0x53 i64.lt_s                   - i64,i64->i32
0x54 i64.lt_u                   - i64,i64->i32
0x55 i64.gt_s                   - i64,i64->i32
0x56 i64.gt_u                   - i64,i64->i32
0x57 i64.le_s                   - i64,i64->i32
0x58 i64.le_u                   - i64,i64->i32
0x59 i64.ge_s                   - i64,i64->i32
0x5A i64.ge_u                   - i64,i64->i32
0x5B f32.eq                     - f32,f32->i32
0x5C f32.ne                     - f32,f32->i32
0x5D f32.lt                     - f32,f32->i32
0x5E f32.gt                     - f32,f32->i32
0x5F f32.le                     - f32,f32->i32
0x60 f32.ge                     - f32,f32->i32
0x61 f64.eq                     - f64,f64->i32
0x62 f64.ne                     - f64,f64->i32
0x63 f64.lt                     - f64,f64->i32
0x64 f64.gt                     - f64,f64->i32
0x65 f64.le                     - f64,f64->i32
0x66 f64.ge                     - f64,f64->i32
0x67 i32.clz                    - i32->i32
0x68 i32.ctz                    - i32->i32
0x69 i32.popcnt                 - i32->i32
0x6A i32.add                    - i32,i32->i32 const
0x6B i32.sub                    - i32,i32->i32 const
0x6C i32.mul                    - i32,i32->i32 const
0x6D i32.div_s                  - i32,i32->i32 traps
0x6E i32.div_u                  - i32,i32->i32 traps
0x6F i32.rem_s                  - i32,i32->i32 traps
0x70 i32.rem_u                  - i32,i32->i32 traps
0x71 i32.and                    - i32,i32->i32
0x72 i32.or                     - i32,i32->i32
0x73 i32.xor                    - i32,i32->i32
0x74 i32.shl                    - i32,i32->i32
0x75 i32.shr_s                  - i32,i32->i32
0x76 i32.shr_u                  - i32,i32->i32
0x77 i32.rotl                   - i32,i32->i32
0x78 i32.rotr                   - i32,i32->i32
0x79 i64.clz                    - i64->i64
0x7A i64.ctz                    - i64->i64
0x7B i64.popcnt                 - i64->i64
0x7C i64.add                    - i64,i64->i64 const
0x7D i64.sub                    - i64,i64->i64 const
0x7E i64.mul                    - i64,i64->i64 const
0x7F i64.div_s                  - i64,i64->i64 traps
0x80 i64.div_u                  - i64,i64->i64 traps
0x81 i64.rem_s                  - i64,i64->i64 traps
0x82 i64.rem_u                  - i64,i64->i64 traps
0x83 i64.and                    - i64,i64->i64
0x84 i64.or                     - i64,i64->i64
0x85 i64.xor                    - i64,i64->i64
0x86 i64.shl                    - i64,i64->i64
0x87 i64.shr_s                  - i64,i64->i64
0x88 i64.shr_u                  - i64,i64->i64
0x89 i64.rotl                   - i64,i64->i64
0x8A i64.rotr                   - i64,i64->i64
0x8B f32.abs                    - f32->f32
0x8C f32.neg                    - f32->f32
0x8D f32.ceil                   - f32->f32
0x8E f32.floor                  - f32->f32
0x8F f32.trunc                  - f32->f32
0x90 f32.nearest                - f32->f32
0x91 f32.sqrt                   - f32->f32
0x92 f32.add                    - f32,f32->f32
0x93 f32.sub                    - f32,f32->f32
0x94 f32.mul                    - f32,f32->f32
0x95 f32.div                    - f32,f32->f32
0x96 f32.min                    - f32,f32->f32
0x97 f32.max                    - f32,f32->f32
0x98 f32.copysign               - f32,f32->f32
0x99 f64.abs                    - f64->f64
0x9A f64.neg                    - f64->f64
0x9B f64.ceil                   - f64->f64
0x9C f64.floor                  - f64->f64
0x9D f64.trunc                  - f64->f64
0x9E f64.nearest                - f64->f64
0x9F f64.sqrt                   - f64->f64
0xA0 f64.add                    - f64,f64->f64
0xA1 f64.sub                    - f64,f64->f64
0xA2 f64.mul                    - f64,f64->f64
0xA3 f64.div                    - f64,f64->f64
0xA4 f64.min                    - f64,f64->f64
0xA5 f64.max                    - f64,f64->f64
0xA6 f64.copysign               - f64,f64->f64
0xA7 i32.wrap_i64               - i64->i32
0xA8 i32.trunc_f32_s            - f32->i32 traps
0xA9 i32.trunc_f32_u            - f32->i32 traps
0xAA i32.trunc_f64_s            - f64->i32 traps
0xAB i32.trunc_f64_u            - f64->i32 traps
0xAC i64.extend_i32_s           - i32->i64
0xAD i64.extend_i32_u           - i32->i64
0xAE i64.trunc_f32_s            - f32->i64 traps
0xAF i64.trunc_f32_u            - f32->i64 traps
0xB0 i64.trunc_f64_s            - f64->i64 traps
0xB1 i64.trunc_f64_u            - f64->i64 traps
0xB2 f32.convert_i32_s          - i32->f32
0xB3 f32.convert_i32_u          - i32->f32
0xB4 f32.convert_i64_s          - i64->f32
0xB5 f32.convert_i64_u          - i64->f32
0xB6 f32.demote_f64             - f64->f32
0xB7 f64.convert_i32_s          - i32->f64
0xB8 f64.convert_i32_u          - i32->f64
0xB9 f64.convert_i64_s          - i64->f64
0xBA f64.convert_i64_u          - i64->f64
0xBB f64.promote_f32            - f32->f64
0xBC i32.reinterpret_f32        - f32->i32
0xBD i64.reinterpret_f64        - f64->i64
0xBE f32.reinterpret_i32        - i32->f32
0xBF f64.reinterpret_i64        - i64->f64
0xC0 i32.extend8_s              - i32->i32                   sign_extension
0xC1 i32.extend16_s             - i32->i32                   sign_extension
0xC2 i64.extend8_s              - i64->i64                   sign_extension
0xC3 i64.extend16_s             - i64->i64                   sign_extension
0xC4 i64.extend32_s             - i64->i64                   sign_extension
0xD0 ref.null                   reftype -                    reference_types const
0xD1 ref.is_null                - -                          reference_types
0xD2 ref.func                   func ->funcref               reference_types const
0xD3 ref.eq                     - -                          gc
0xD4 ref.as_non_null            - -                          function_references traps
0xD5 br_on_null                 label -                      function_references branch
0xD6 br_on_non_null             label -                      function_references branch
0xFC00 i32.trunc_sat_f32_s      - f32->i32                   saturating_float_to_int
0xFC01 i32.trunc_sat_f32_u      - f32->i32                   saturating_float_to_int
0xFC02 i32.trunc_sat_f64_s      - f64->i32                   saturating_float_to_int
0xFC03 i32.trunc_sat_f64_u      - f64->i32                   saturating_float_to_int
0xFC04 i64.trunc_sat_f32_s      - f32->i64                   saturating_float_to_int
0xFC05 i64.trunc_sat_f32_u      - f32->i64                   saturating_float_to_int
0xFC06 i64.trunc_sat_f64_s      - f64->i64                   saturating_float_to_int
0xFC07 i64.trunc_sat_f64_u      - f64->i64                   saturating_float_to_int
0xFC08 memory.init              memory_init i32,i32,i32->    bulk_memory traps
0xFC09 data.drop                data ->                      bulk_memory
0xFC0A memory.copy              memory_copy i32,i32,i32->    bulk_memory traps
0xFC0B memory.fill              mem i32,i32,i32->            bulk_memory traps
0xFC0C table.init               table_init i32,i32,i32->     bulk_memory traps
0xFC0D elem.drop                elem ->                      bulk_memory
0xFC0E table.copy               table_copy i32,i32,i32->     bulk_memory traps
0xFC0F table.grow               table -                      reference_types
0xFC10 table.size               table ->i32                  reference_types
0xFC11 table.fill               table -                      reference_types traps
0xFB14 ref.test                 heaptype -                   gc
0xFB15 ref.test_null            heaptype_null -              gc
0xFB16 ref.cast                 heaptype -                   gc traps
0xFB17 ref.cast_null            heaptype_null -              gc traps
0xFB18 br_on_cast               br_on_cast -                 gc branch
0xFB19 br_on_cast_fail          br_on_cast -                 gc branch
0xFB1A any.convert_extern       - -                          gc const
0xFB1B extern.convert_any       - -                          gc const
0xFB1C ref.i31                  - -                          gc const
0xFB1D i31.get_s                - -                          gc traps
0xFB1E i31.get_u                - -                          gc traps
"""
# fmt: on


def _parse_sig(sig: str) -> tuple[tuple[str, ...] | None, tuple[str, ...] | None]:
    if sig == "-":
        return None, None
    params, results = sig.split("->")
    return (
        tuple(t for t in params.split(",") if t),
        tuple(t for t in results.split(",") if t),
    )


FLAGS = frozenset({"branch", "traps", "const"})
"""Column flags of the table (see :class:`OpInfo`)."""

BRANCH_LABELS: dict[str, Callable[[tuple], tuple[int, ...]]] = {
    "label": lambda instr: (instr[1],),
    "br_table": lambda instr: (*instr[1], instr[2]),
    "br_on_cast": lambda instr: (instr[1],),
}
"""Immediate kind of a ``branch`` instruction -> the labels of a decoded one.
A branch instruction with another kind must add its reader here (parse_table
refuses it otherwise: a forgotten branch target would be a silent miscompile)."""


def parse_table(
    table: str,
    prefix: int | None = None,
    feature: str | None = None,
    branch_kinds: Mapping[str, Callable[[tuple], tuple[int, ...]]] | None = None,
) -> dict[int, OpInfo]:
    """Parse an instruction table in the format of ``_TABLE`` above.

    Without ``prefix``, codes above 0xFF are the two-part spelling ``0xPPSS``;
    with it (e.g. ``0xFD`` for SIMD), every code is a sub-opcode of that prefix.
    Optional further columns: the proposal of the instruction
    (:data:`interp.features.NAMES`; ``feature`` is the default of the rows
    without one) and the flags of :data:`FLAGS`.  A family with a branch
    instruction of a new immediate kind passes its label reader in
    ``branch_kinds`` (the same mapping as its ``Family.branch_labels``).
    """
    from .features import BY_NAME as proposals

    ops: dict[int, OpInfo] = {}
    for line in table.strip().splitlines():
        code_s, name, imm, sig, *rest = line.split()
        flags = {f for f in rest if f in FLAGS}
        feats = [f for f in rest if f not in FLAGS]
        feat = feats[0] if feats else feature
        if len(feats) > 1 or (feat is not None and feat not in proposals):
            raise ValueError(f"{name}: unknown feature or flag in {rest!r}")
        if "branch" in flags and imm not in BRANCH_LABELS and imm not in (branch_kinds or {}):
            raise ValueError(
                f"{name}: branch instruction with immediates {imm!r}: see BRANCH_LABELS"
            )
        code = int(code_s, 16)
        if prefix is not None:
            code = prefix << 16 | code
        elif code > 0xFF:  # two-part spelling 0xPPSS -> prefix << 16 | sub
            code = (code >> 8) << 16 | (code & 0xFF)
        params, results = _parse_sig(sig)
        ops[code] = OpInfo(
            code,
            name,
            "" if imm == "-" else imm,
            params,
            results,
            feat,
            branch="branch" in flags,
            traps="traps" in flags,
            const="const" in flags,
        )
    return ops


CORE_OPCODES: dict[int, OpInfo] = parse_table(_TABLE)
"""The core family's rows (everything but the family modules' instructions)."""

OPCODES: dict[int, OpInfo] = dict(CORE_OPCODES)
"""opcode key -> OpInfo, for every instruction the engine knows (built by
:func:`interp.families.build`; the core rows until then)."""

BY_NAME: dict[str, OpInfo] = {info.name: info for info in OPCODES.values()}
"""instruction name -> OpInfo (built with :data:`OPCODES`)."""

PREFIXES = frozenset(code >> 16 for code in OPCODES if code > 0xFF)
"""Bytes that introduce a u32 sub-opcode (0xFC misc, 0xFD SIMD, ...); rebound
by the build, so readers look it up as ``opcodes.PREFIXES`` at use."""

CORE_BRANCH_LABELS = dict(BRANCH_LABELS)
"""The core family's label readers (:data:`BRANCH_LABELS` is built from all)."""


@record(frozen=True)
class Family:
    """One instruction family as data (see the module docstring).

    Keys by instruction *name* (rules, handlers) or immediate *kind*
    (readers, checks), as the consumers look them up; :func:`interp.families.build`
    turns them into the dispatch tables.
    """

    name: str
    opcodes: Mapping[int, OpInfo]
    """Its rows of the instruction table."""
    immediates: Mapping[str, Callable[[bytes, int], tuple[tuple, int]]] = field(
        default_factory=dict
    )
    """Immediate kind -> decoder reader ``(data, pos) -> (immediates, pos)`` (:mod:`interp.binary`)."""
    immediate_checks: Mapping[str, Callable[..., None]] = field(default_factory=dict)
    """Immediate kind -> validator check ``(ctx, instr, info)`` (:mod:`interp.validate`)."""
    rules: Mapping[str, Callable[..., None]] = field(default_factory=dict)
    """Instruction name -> dedicated typing rule (validator method signature
    ``(validator, instr)``); instructions without one are typed from their signature."""
    handlers: Mapping[str, Callable[..., bool]] = field(default_factory=dict)
    """Instruction name -> code generator ``(compiler, ins, i, dead) -> dead``
    (:class:`interp.compile.FunctionCompiler`); instructions without one are
    compiled by the generic numeric rule into a call of their ``pyname``."""
    namespace: Mapping[str, Any] = field(default_factory=dict)
    """Names the generated code of its instructions calls (``compile._BASE``)."""
    branch_labels: Mapping[str, Callable[[tuple], tuple[int, ...]]] = field(default_factory=dict)
    """Immediate kind -> labels of a decoded branch instruction (:data:`BRANCH_LABELS`)."""
    block_openers: frozenset[str] = frozenset()
    """Names of its instructions that open a block closed by ``end``."""
    block_markers: Mapping[str, Mapping[str, str | None]] = field(default_factory=dict)
    """Names of its instructions that mark a part of a block, as ``else`` does
    (legacy ``catch``, ``catch_all``, ``delegate``) -> {the innermost open
    block's state in which it may appear (the opener's name, then the last
    marker's): the state after it (its own name), or None when it closes the
    block instead of ``end``}."""
    fuel_free: frozenset[str] = frozenset()
    """Names of its instructions that cost no fuel (structural markers, ``nop``)."""
    catching: frozenset[str] = frozenset()
    """Names of its block instructions that catch exceptions (flat mode then
    wraps the function in ``flat_except``)."""
    flat_except: Callable[[Any], None] | None = None
    """Flat compile mode: emitter of the handler of the function-wide ``try``."""
    replaces: frozenset[str] = frozenset()
    """Names of *other* families' instructions whose code generator this
    family's handler replaces (and calls for the cases it does not own)."""
    data_instrs: frozenset[str] = frozenset()
    """Names of its instructions with a data index immediate: a module using
    one needs the data count section (spec 5.5.16; ``binary._DATA_INSTRS``)."""
    const_evaluators: Mapping[str, Callable[..., None]] = field(default_factory=dict)
    """Instruction name -> evaluator ``(instance, instr, stack)`` of a constant
    instruction beyond the core's (``runtime.CONST_EVALUATORS``): pops its
    operands from ``stack`` and pushes its result."""


# Frequently used opcode keys, named so code reads like the spec.
OP = {info.name: code for code, info in CORE_OPCODES.items()}
"""Core instruction name -> opcode key (the families' opcodes: :data:`BY_NAME`)."""
