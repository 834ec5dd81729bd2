"""Prevalidation: one fused pass over a function body's bytes that decodes and validates it.

Decoding (:func:`interp.binary.decode_expr`) and validation
(:func:`interp.validate.validate_func_body`) are each a per-instruction
Python loop, and the first builds a tuple per instruction that the second
then dispatches on again.  For the code compilers emit -- MVP numeric
instructions, ``local.*``/``global.*``, constants, loads and stores, calls
and structured control -- this module does both in *one* loop over the
bytes, with the instructions' stack effects taken from the same tables the
validator reads, and without building anything.

Which facts come from where (one source of truth, read by :func:`_classes`
whenever the tables are rebuilt; there is no opcode list here):

* from each row of :data:`interp.opcodes.OPCODES`: the opcode, its
  immediate kind, its ``params -> results`` signature (the stack effect of
  every signature-typed instruction: numeric, conversion, load/store,
  ``memory.size``/``memory.grow``, constants; ``i32.add`` becomes two
  identity tests and a store), its ``feature`` column (a proposal's
  instruction is never accepted) and, for loads and stores, the natural
  alignment :func:`interp.validate.natural_alignment_log2` derives from its
  name;
* from :data:`interp.binary.IMMEDIATE_READERS`: that the opcode's kind is
  still read by the core reader (else the opcode is not accepted);
* from :data:`interp.validate.CORE_RULES`, for the instructions typed by a
  dedicated rule (control, ``local.*``/``global.*``, ``drop``, ``select``,
  ``call``, ``call_indirect``): the loop follows that core rule, and only
  while ``validate._RULES`` still holds it -- a family that replaces the
  rule turns the opcode off.  These few rules are the only typing written
  out twice, and ``tests/test_prevalidate.py`` compares the two on the
  whole converted suite, the bench programs and mutants of them.

Its only answer is "certainly well-formed and valid" (``True``) or "don't
know" (``False``).  It never raises and never words an error: on anything
unusual -- an opcode outside its classes, an encoding its readers refuse, a
type that is not identical to the expected one, an operand missing in
unreachable code, a block type other than empty or one number type --
it answers ``False``, and the body takes the general path (the decoder's
``decode_expr``, then the validator's rule per instruction family), which
raises the reference interpreter's message if there is one.  So the
general rules stay the reference, and this pass only skips work whose
outcome is known.

What "certainly" rests on:

* every instruction class is derived from the instruction tables, and only
  for opcodes whose decoding is the core reader of their immediate kind and
  whose typing is their signature or the *core* rule of their family
  (:data:`interp.validate.CORE_RULES`, :data:`~interp.validate.CORE_IMMEDIATE_CHECKS`);
  a family that replaces a rule or reader turns that opcode's class off;
* the immediates are read by the decoder's own readers (a refused encoding
  raises there, and this pass answers ``False``);
* operand types are compared by identity or equality, never by subtyping:
  a type equal to the expected one certainly matches it (spec 3.3,
  "Matching" is reflexive);
* declared locals are number types only (no local-initialization tracking,
  no type to check), and no instruction of a proposal is accepted, so such a
  body contributes nothing to :func:`interp.uses.first_uses`.

A body that passes is kept undecoded (:class:`interp.binary.LazyFunc` with
``prevalidated`` set): its instruction tuples are built on first use, by the
same ``decode_expr``.  :func:`interp.validate.validate_module` skips such a
body only while it is still undecoded (nobody can have changed it) and the
module's validation context is the one this pass saw (:func:`context_key`).
"""

from __future__ import annotations

from typing import Any

from . import binary, opcodes, validate
from .errors import MalformedError
from .types import (
    F32,
    F64,
    FUNCREF,
    I32,
    I64,
    NUM_TYPES,
    FuncType,
    MemType,
    Module,
    TableType,
    ValType,
    valtype,
)

ENABLED = True
"""Switch (tests turn it off to compare with the general path)."""

# instruction classes of the fused loop (0: not handled -> "don't know");
# the ones with an index immediate come first, up to _INDEXED: the loop
# reads that index once for all of them
(
    _LGET,
    _LTEE,
    _LSET,
    _BRIF,
    _GGET,
    _GSET,
    _CALL,
    _BR,
    _SIG,
    _I32C,
    _MEM,
    _BLOCK,
    _LOOP,
    _IF,
    _ELSE,
    _END,
    _BRTABLE,
    _RET,
    _CALLIND,
    _DROP,
    _SELECT,
    _UNREACH,
    _NOP,
    _I64C,
    _F32C,
    _F64C,
    _MEMIDX,
    _UN,
    _BIN,
    _BIN_SAME,
) = range(1, 31)
_INDEXED = _BR

# instructions typed by their core rule -> class
_RULED = {
    "local.get": _LGET,
    "local.set": _LSET,
    "local.tee": _LTEE,
    "global.get": _GGET,
    "global.set": _GSET,
    "block": _BLOCK,
    "loop": _LOOP,
    "if": _IF,
    "else": _ELSE,
    "end": _END,
    "br": _BR,
    "br_if": _BRIF,
    "br_table": _BRTABLE,
    "return": _RET,
    "call": _CALL,
    "call_indirect": _CALLIND,
    "drop": _DROP,
    "select": _SELECT,
    "unreachable": _UNREACH,
    "nop": _NOP,
}
# immediate kind -> the core reader it must still have (decoding as decode_expr does)
_READERS: dict[str, Any] = {
    "": None,
    "local": binary._imm_idx,
    "global": binary._imm_idx,
    "label": binary._imm_idx,
    "func": binary._imm_idx,
    "mem": binary._imm_idx,
    "block": binary._imm_blocktype,
    "br_table": binary._imm_br_table,
    "call_indirect": binary._imm_idx2,
    "memarg": binary.decode_memarg,
    "i32": binary._imm_i32,
    "i64": binary._imm_i64,
    "f32": binary.CORE_IMMEDIATES["f32"],
    "f64": binary.CORE_IMMEDIATES["f64"],
}
_CONSTS = {"i32": _I32C, "i64": _I64C, "f32": _F32C, "f64": _F64C}
# block types read inline: empty, or one number type (spec 5.4.1)
_BLOCK_TYPES: dict[int, list[ValType]] = {
    0x40: [],
    0x7F: [I32],
    0x7E: [I64],
    0x7D: [F32],
    0x7C: [F64],
}

_Tables = tuple[list[int], list[Any], list[int]]
_tables: tuple[tuple[object, ...], _Tables] | None = None


def _version() -> tuple[object, ...]:
    rules = validate._RULES
    return (
        opcodes.PREFIXES,  # rebound whenever the families are rebuilt
        len(opcodes.OPCODES),
        len(binary.IMMEDIATE_READERS),
        len(binary.BLOCK_MARKERS),
        tuple(rules.get(name) for name in _RULED),
        tuple(binary.IMMEDIATE_READERS.get(k) for k in _READERS),
        tuple(validate.IMMEDIATE_CHECKS.get(k) for k in ("memarg", "mem", "call_indirect")),
        len(rules),
    )


def _classes() -> _Tables:
    """Per one-byte opcode: its class, its signature ``(n, params, results)``
    and (memory instructions) its natural alignment; rebuilt when the tables change."""
    global _tables
    version = _version()
    if _tables is not None and _tables[0] == version:
        return _tables[1]
    cls = [0] * 256
    sigs: list[Any] = [None] * 256
    natural = [0] * 256
    rules = validate._RULES
    core_rules = validate.CORE_RULES
    readers = binary.IMMEDIATE_READERS
    checks = validate.IMMEDIATE_CHECKS
    core_checks = validate.CORE_IMMEDIATE_CHECKS
    for op in range(256):
        info = opcodes.OPCODES.get(op)
        if (
            info is None
            or info.feature is not None  # a proposal's: first_uses must see it
            or op in opcodes.PREFIXES
            or op in binary.BLOCK_MARKERS
            or op in binary._DATA_INSTRS
            or info.imm not in _READERS
            or (info.imm and readers.get(info.imm) is not _READERS[info.imm])
            or checks.get(info.imm) is not core_checks.get(info.imm)
        ):
            continue
        name = info.name
        if name in _RULED:
            if rules.get(name) is core_rules[name]:
                cls[op] = _RULED[name]
            continue
        if name in rules or info.params is None or info.results is None:
            continue
        params = [valtype(t) for t in info.params]
        results = [valtype(t) for t in info.results]
        sigs[op] = (len(params), params, results)
        if info.imm == "":
            # the commonest shapes get their own class: one or two operands,
            # at most one result (numeric instructions, spec 3.3.1)
            if len(params) == 1 and len(results) <= 1:
                cls[op] = _UN
                sigs[op] = (params[0], results[0] if results else None)
            elif len(params) == 2 and len(results) <= 1:
                a, b = params
                if a is b and results == [a]:  # [t t] -> [t]: i32.add and company
                    cls[op] = _BIN_SAME
                    sigs[op] = a
                else:
                    cls[op] = _BIN
                    sigs[op] = (a, b, results[0] if results else None)
            else:
                cls[op] = _SIG if params else 0
        elif info.imm == "memarg":
            # loads [a] -> [u] and stores [a b] -> []: other shapes are not handled
            if len(params) == 1 and len(results) == 1:
                cls[op] = _MEM
                sigs[op] = (params[0], None, results[0])
            elif len(params) == 2 and not results:
                cls[op] = _MEM
                sigs[op] = (params[0], params[1], None)
            natural[op] = validate.natural_alignment_log2(name)
        elif info.imm == "mem":
            cls[op] = _MEMIDX
        elif info.imm in _CONSTS and not params:
            cls[op] = _CONSTS[info.imm]
    _tables = (version, (cls, sigs, natural))
    return _tables[1]


def context_key(module: Module, func_typeidxs: list[int] | None = None) -> tuple[object, ...]:
    """What a body's validity depends on besides the body (spec 3.4.11, the
    context ``C``): types, imports, the defined functions' types, tables,
    memories, globals.  Compared by equality when :func:`interp.validate.validate_module`
    decides whether a prevalidated body may be skipped."""
    if func_typeidxs is None:
        func_typeidxs = [f.typeidx for f in module.funcs]
    return (
        tuple(module.types),
        tuple(module.imports),
        tuple(func_typeidxs),
        tuple(module.tables),
        tuple(module.mems),
        tuple(g.type for g in module.globals),
    )


class Scanner:
    """The context of one module, as the fused loop needs it; ``None`` from
    :meth:`build` when it cannot be used (then every body takes the general path)."""

    __slots__ = (
        "classes",
        "funcs",
        "gmut",
        "gtypes",
        "key",
        "nmems",
        "shapes",
        "tables_ok",
        "types",
    )

    def __init__(self) -> None:
        self.funcs: list[tuple[list[ValType], list[ValType]]] = []
        self.types: list[tuple[list[ValType], list[ValType]] | None] = []
        self.gtypes: list[ValType] = []
        self.gmut: list[bool] = []
        self.tables_ok: list[bool] = []
        self.nmems = 0
        self.key: tuple[object, ...] = ()
        self.classes: _Tables = _classes()
        self.shapes: dict[tuple[int, bytes], list[Shape]] = {}
        """Accepted bodies by type index and high bits: see :class:`Shape`."""

    @classmethod
    def build(cls, module: Module, func_typeidxs: list[int]) -> Scanner | None:
        if not ENABLED:
            return None
        s = cls()
        for ct in module.types:
            s.types.append(
                (list(ct.params), list(ct.results)) if isinstance(ct, FuncType) else None
            )
        tables: list[TableType] = []
        mems: list[MemType] = []
        for imp in module.imports:
            if imp.kind == "func":
                x = imp.desc
                ft = s.types[x] if isinstance(x, int) and 0 <= x < len(s.types) else None
                if ft is None:
                    return None
                s.funcs.append(ft)
            elif imp.kind == "table":
                tables.append(imp.desc)  # type: ignore[arg-type]
            elif imp.kind == "memory":
                mems.append(imp.desc)  # type: ignore[arg-type]
            elif imp.kind == "global":
                s.gtypes.append(imp.desc.valtype)  # type: ignore[union-attr]
                s.gmut.append(imp.desc.mutable)  # type: ignore[union-attr]
        for x in func_typeidxs:
            if not 0 <= x < len(s.types):
                return None
            ft = s.types[x]
            if ft is None:
                return None
            s.funcs.append(ft)
        tables.extend(module.tables)
        mems.extend(module.mems)
        # a 64-bit memory or table changes the signatures of memory and table
        # instructions (validate.address_signature): the general path only
        if any(t.limits.addr64 for t in tables) or any(m.limits.addr64 for m in mems):
            return None
        s.tables_ok = [t.elemtype is FUNCREF for t in tables]
        s.nmems = len(mems)
        for g in module.globals:
            s.gtypes.append(g.type.valtype)
            s.gmut.append(g.type.mutable)
        s.key = context_key(module, func_typeidxs)
        return s

    def body_ok(self, data: bytes, pos: int, end: int, typeidx: int) -> bool:
        """Whether the code entry ``data[pos:end]`` (locals, then the body)
        certainly decodes, as :func:`interp.binary.decode_expr` would, and
        validates against function type ``typeidx``."""
        shapes: list[Shape] | None = None
        memo = SHAPES and end - pos <= MAX_SHAPE_SIZE
        if memo:
            raw = data[pos:end]
            # the bodies a shape may match have its type and the high bits of
            # all its bytes (the lengths of all its LEB128 numbers) in common
            key = (typeidx, raw.translate(_HIGH_BITS))
            shapes = self.shapes.get(key)
            if shapes is not None:
                body = int.from_bytes(raw, "big")
                for shape in shapes:
                    if shape.matches(body):
                        return True
        consts: list[int] = []
        try:
            ok = _scan(self, data, pos, end, typeidx, consts)
        except (MalformedError, IndexError):
            return False
        if ok and memo:
            if shapes is None:
                self.shapes[key] = [Shape(data, pos, end, consts)]
            elif len(shapes) < MAX_SHAPES:
                shapes.append(Shape(data, pos, end, consts))
        return ok


SHAPES = True
"""Switch of the shape memo (tests turn it off to compare with the loop alone)."""

MAX_SHAPES = 4
"""Accepted bodies remembered per key: a bound on the cost of a miss."""

MAX_SHAPE_SIZE = 512
"""Larger bodies are not looked up nor remembered: the key costs time in
proportion to the body's size, and large bodies hardly ever repeat (none of
the bench programs' does), so a miss stays cheap on code that never repeats."""

_HIGH_BITS = bytes(b >> 7 for b in range(256))
"""``bytes.translate`` table: each byte to its bit 7."""

# the last byte of a five-byte s32 (spec 5.2.2): its 4 value bits, then the
# sign extension of the top one (decode_leb128_s32's "integer too large" test)
_S32_LAST = frozenset((*range(0x00, 0x08), *range(0x78, 0x80)))


class Shape:
    """An accepted body, as a pattern that other bodies of its module may match.

    Compiled code repeats itself: functions generated from one template
    differ only in their constants.  A body of the same size and function
    type whose bytes equal this one's everywhere but in the immediates of
    its ``i32.const`` instructions, where it holds well-formed s32s of the
    same lengths (continuation bits where this one has them, a last byte
    that is in range), decodes instruction for instruction like this one
    (the decoder reads left to right, and each immediate ends where this
    one's does), with only the constants' values changed; and the value of
    ``i32.const`` plays no part in validation (spec 3.3.1: ``[] -> [i32]``
    for every ``i32``).  So it is valid in the same module (the same
    context: one :class:`Scanner`), and :meth:`matches` says so with a few
    big-integer operations on the body read as one number, instead of a
    pass over its instructions.

    The masks are built on the first comparison (most bodies are never
    compared)."""

    __slots__ = ("_consts", "_data", "_pos", "_tests", "size")

    def __init__(self, data: bytes, pos: int, end: int, consts: list[int]) -> None:
        self._data = data
        self._pos = pos
        self.size = end - pos
        self._consts = consts
        """The start of each ``i32.const`` immediate, as :func:`_scan` read it."""
        self._tests: tuple[int, int, int, int, int, int] | None = None

    def _build(self) -> tuple[int, int, int, int, int, int]:
        data, pos, size = self._data, self._pos, self.size
        fixed = bytearray(b"\xff" * size)  # the bytes that must be equal
        top = bytearray(size)  # the constants' bytes: bit 7 tested
        cont = bytearray(size)  # ... set on the continuation bytes
        last5 = bytearray(size)  # the last bytes of five-byte constants
        for start in self._consts:
            q = start
            while data[q] >= 0x80:
                q += 1
            rel, n = start - pos, q - start + 1
            fixed[rel : rel + n] = bytes(n)
            top[rel : rel + n] = b"\x80" * n
            cont[rel : rel + n - 1] = b"\x80" * (n - 1)
            if n == 5:
                last5[rel + 4] = 0x78
        body = int.from_bytes(data[pos : pos + size], "big")
        m_fixed = int.from_bytes(fixed, "big")
        m_last5 = int.from_bytes(last5, "big")
        self._tests = (
            m_fixed,
            body & m_fixed,
            int.from_bytes(top, "big"),
            int.from_bytes(cont, "big"),
            m_last5,
            m_last5 // 0x78,  # 0x01 in each of those bytes: their bit 3 after >> 3
        )
        self._data = b""  # the module's bytes are no longer needed
        return self._tests

    def matches(self, body: int) -> bool:
        """Whether a body of this size, read as one big-endian number, has this shape."""
        tests = self._tests
        if tests is None:
            tests = self._build()
        m_fixed, fixed, m_top, cont, m_last5, bit3 = tests
        if body & m_fixed != fixed or body & m_top != cont:
            return False
        # a five-byte s32 ends in a byte whose bits 3-6 are all equal (bits 4-6
        # extend the sign, bit 3): 0x00-0x07 or 0x78-0x7f
        if m_last5:
            b = body & m_last5
            return b == (b >> 3 & bit3) * 0x78
        return True


_NUM = NUM_TYPES
_NUM_CODES = {code: t for code, t in binary.NUMVEC_CODES.items() if t in NUM_TYPES}
_MAX_OFFSET = validate.MAX_OFFSET


class _Mark:
    """The bottom of a control frame's operands on the type stack: no type
    is identical or equal to it, so comparing the top ``n`` entries with a
    signature fails when the frame holds fewer than ``n`` (no height test)."""

    __slots__ = ()


_MARK: Any = _Mark()
_CLASSES = (
    _BIN_SAME,
    _LGET,
    _I32C,
    _BIN,
    _LTEE,
    _LSET,
    _SELECT,
    _UN,
    _MEM,
    _END,
    _ELSE,
    _BRIF,
    _BLOCK,
    _LOOP,
    _IF,
    _GGET,
    _GSET,
    _BR,
    _RET,
    _CALL,
    _DROP,
)


def _scan(
    sc: Scanner, data: bytes, pos: int, end: int, typeidx: int, consts: list[int] | None = None
) -> bool:
    """The fused loop; appends to ``consts`` where each ``i32.const``
    immediate starts (for :class:`Shape`).  Index immediates are read inline when they take one
    or two bytes (a two-byte u32 is never too long or too large), else by
    the decoder's reader; an index out of range raises IndexError on the
    list lookup, which :meth:`Scanner.body_ok` turns into ``False``."""
    cls, sigs, natural = sc.classes
    note = (consts if consts is not None else []).append
    # the local declarations (spec 5.5.13): one-byte counts of number types
    # read here (at most 127 groups of 127 locals, within MAX_LOCALS), else
    # by the decoder's reader
    ngroups = data[pos]
    declared: list[ValType] = []
    q = pos + 1
    if ngroups < 0x80:
        for _ in range(ngroups):
            count = data[q]
            nt = _NUM_CODES.get(data[q + 1])
            if count >= 0x80 or nt is None:
                break
            declared += [nt] * count
            q += 2
        else:
            pos = q
    if pos != q:
        declared, pos = binary._func_locals(data, pos)
        for lt in declared:
            if lt not in _NUM:
                return False
    if not 0 <= typeidx < len(sc.types):
        return False
    ft = sc.types[typeidx]
    if ft is None:
        return False
    params, results = ft
    locals_ = params + declared
    gtypes, gmut = sc.gtypes, sc.gmut
    funcs = sc.funcs
    types = sc.types
    tables_ok = sc.tables_ok
    nmems = sc.nmems
    u32 = binary.decode_leb128_u32
    s32_last = _S32_LAST
    block_types = _BLOCK_TYPES
    mark = _MARK
    INDEXED = _INDEXED
    (
        BIN_SAME,
        LGET,
        I32C,
        BIN,
        LTEE,
        LSET,
        SELECT,
        UN,
        MEM,
        END,
        ELSE,
        BRIF,
        BLOCK,
        LOOP,
        IF,
        GGET,
        GSET,
        BR,
        RET,
        CALL,
        DROP,
    ) = _CLASSES
    vals: list[ValType] = [mark]
    # the enclosing frames: (class, height, label types, end types, unreachable);
    # ``height`` is the index just above the frame's mark
    outer: list[tuple[int, int, list[ValType], list[ValType], bool]] = []
    kind, height, label, endt, unreach = 0, 1, results, results, False
    while True:
        op = data[pos]
        pos += 1
        c = cls[op]
        if c <= INDEXED:
            # an index immediate (class 0, "not handled", comes here too and
            # ends in False): a one- or two-byte u32 (never too long or too
            # large) read here, else by the decoder's reader
            x = data[pos]
            if x < 0x80:
                pos += 1
            elif data[pos + 1] < 0x80:
                x = (x & 0x7F) | data[pos + 1] << 7
                pos += 2
            else:
                x, pos = u32(data, pos)
            if c == LGET:
                t = locals_[x]
                # fused with a [t t] -> [t] instruction right after it (left-deep
                # expressions: ``x = x + y``): the stack keeps its shape
                nxt = data[pos]
                if cls[nxt] == BIN_SAME and sigs[nxt] is t and vals[-1] is t:
                    pos += 1
                    continue
                vals.append(t)
                continue
            if c == LTEE or c == LSET:  # noqa: SIM109 (two int tests: cheaper than a tuple)
                if vals[-1] is locals_[x]:
                    if c == LSET:
                        vals.pop()
                    continue
                return False
            if c == BRIF:
                types_ = label if x == 0 else outer[-x][2]
                if vals[-1] is I32 and (not types_ or vals[-1 - len(types_) : -1] == types_):
                    vals.pop()
                    continue
                return False
            if c == GGET:
                vals.append(gtypes[x])
                continue
            if c == GSET:
                if gmut[x] and vals[-1] is gtypes[x]:
                    vals.pop()
                    continue
                return False
            if c == CALL:
                p, r = funcs[x]
                n = len(p)
                if not n:
                    vals += r
                    continue
                if vals[-n:] == p:
                    vals[-n:] = r
                    continue
                return False
            if c == BR:
                types_ = label if x == 0 else outer[-x][2]
                if not types_ or vals[-len(types_) :] == types_:
                    del vals[height:]
                    unreach = True
                    continue
                return False
            return False
        if c == I32C:
            note(pos)
            # an s32 of up to 4 bytes (28 value bits) is never too long or too large
            if data[pos] < 0x80:
                pos += 1
            elif data[pos + 1] < 0x80:
                pos += 2
            elif data[pos + 2] < 0x80:
                pos += 3
            elif data[pos + 3] < 0x80:
                pos += 4
            elif data[pos + 4] in s32_last:  # five bytes, the last one in range
                pos += 5
            else:
                _, pos = binary.decode_leb128_s32(data, pos)
            nxt = data[pos]  # fused with an i32 [t t] -> [t], as for local.get
            if cls[nxt] == BIN_SAME and sigs[nxt] is I32 and vals[-1] is I32:
                pos += 1
                continue
            vals.append(I32)
            continue
        if c == BIN_SAME:  # [t t] -> [t]: the lower operand becomes the result
            t = sigs[op]
            if vals[-1] is t and vals[-2] is t:
                vals.pop()
                continue
            return False
        if c == MEM:
            # flags without a memory index and an offset of up to five bytes
            # (the fifth one below 0x10: under 2**32, within any memory's
            # offset range; linkers pad relocated offsets to five) read here
            flags = align = data[pos]
            if flags < 0x40 and nmems and data[pos + 1] < 0x80:
                pos += 2
            elif (
                flags < 0x40
                and nmems
                and (
                    data[pos + 2] < 0x80
                    or data[pos + 3] < 0x80
                    or data[pos + 4] < 0x80
                    or data[pos + 5] < 0x10
                )
            ):
                pos += 3
                while data[pos - 1] >= 0x80:
                    pos += 1
            else:
                (align, offset, memidx), pos = binary.decode_memarg(data, pos)
                if memidx >= nmems or offset > _MAX_OFFSET:
                    return False
            if align > natural[op]:
                return False
            a, b, u = sigs[op]
            if b is None:  # a load
                if vals[-1] is a:
                    vals[-1] = u
                    continue
            elif vals[-1] is b and vals[-2] is a:  # a store
                del vals[-2:]
                continue
            return False
        if c == BIN:  # [a b] -> [u] or []
            a, b, u = sigs[op]
            if vals[-1] is b and vals[-2] is a:
                if u is None:
                    del vals[-2:]
                else:
                    vals.pop()
                    vals[-1] = u
                continue
            return False
        if c == END or c == ELSE:  # noqa: SIM109
            if c == ELSE and kind != IF:
                return False
            # the frame's results must be exactly what is left (valid.ml's
            # end-of-block check); in unreachable code, a suffix of them
            if len(vals) - height != len(endt) or (endt and vals[height:] != endt):
                left = vals[height:]
                if not (
                    unreach and len(left) < len(endt) and left == endt[len(endt) - len(left) :]
                ):
                    return False
            if c == ELSE:
                del vals[height:]
                kind, unreach = ELSE, False
                continue
            if kind == IF and endt:  # an if without else must not change the stack
                return False
            if not outer:
                return pos == end  # the function's end
            del vals[height - 1 :]
            vals += endt
            kind, height, label, endt, unreach = outer.pop()
            continue
        if c == BLOCK or c == LOOP or c == IF:  # noqa: SIM109
            bt = block_types.get(data[pos])
            if bt is None:
                return False
            pos += 1
            if c == IF:
                if vals[-1] is not I32:
                    return False
                vals.pop()
            outer.append((kind, height, label, endt, unreach))
            vals.append(mark)
            kind, height, endt, unreach = c, len(vals), bt, False
            label = [] if c == LOOP else bt
            continue
        if c == SELECT:
            if vals[-1] is I32 and vals[-2] is vals[-3] and vals[-2] in _NUM:
                del vals[-2:]
                continue
            return False
        if c == UN:  # [a] -> [u] or []
            a, u = sigs[op]
            if vals[-1] is a:
                if u is None:
                    vals.pop()
                else:
                    vals[-1] = u
                continue
            return False
        if c == RET:
            if not results or vals[-len(results) :] == results:
                del vals[height:]
                unreach = True
                continue
            return False
        if c == DROP:
            if vals[-1] is not mark:
                vals.pop()
                continue
            return False
        if c == _CALLIND:
            y, pos = u32(data, pos)
            tab, pos = u32(data, pos)
            sig = types[y]
            if sig is None or not tables_ok[tab]:
                return False
            p, r = sig
            if vals[-1] is I32 and vals[-1 - len(p) : -1] == p:
                del vals[-1 - len(p) :]
                vals += r
                continue
            return False
        if c == _BRTABLE:
            (targets, default), pos = binary._imm_br_table(data, pos)
            if vals[-1] is not I32:
                return False
            arity = -1
            for x in (*targets, default):
                types_ = label if x == 0 else outer[-x][2]
                n = len(types_)
                if arity not in (-1, n) or (n and vals[-1 - n : -1] != types_):
                    return False
                arity = n
            del vals[height:]
            unreach = True
            continue
        if c == _UNREACH:
            del vals[height:]
            unreach = True
            continue
        if c == _NOP:
            continue
        if c == _I64C:
            if data[pos] < 0x80:
                pos += 1
            else:
                _, pos = binary.decode_leb128_s64(data, pos)
            vals.append(I64)
            continue
        if c == _F32C or c == _F64C:  # noqa: SIM109
            pos += 4 if c == _F32C else 8
            if pos > len(data):
                return False
            vals.append(F32 if c == _F32C else F64)
            continue
        if c == _SIG:
            n, p, r = sigs[op]
            if vals[-n:] == p:
                vals[-n:] = r
                continue
            return False
        if c == _MEMIDX:
            x, pos = u32(data, pos)
            if x >= nmems:
                return False
            n, p, r = sigs[op]
            if not n:
                vals += r
                continue
            if vals[-n:] == p:
                vals[-n:] = r
                continue
            return False
        return False
