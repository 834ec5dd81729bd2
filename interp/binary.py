"""Binary decoding of modules (spec chapter 5, "Binary Format").

:func:`decode_module` turns the bytes of a ``.wasm`` file into a
:class:`interp.types.Module`, or raises :class:`MalformedError` -- and never
any other exception, whatever the input.

Design notes (why it looks the way it does):

* One flat ``bytes`` buffer and an integer position.  Like the reference
  interpreter, section contents are read from the *whole* module, not from a
  slice bounded by the section size; the size is checked afterwards
  ("section size mismatch").  This is what makes our error messages agree
  with the official test suite, whose expected texts come from that
  interpreter (e.g. a function missing its ``end`` reports
  "END opcode expected" when the next byte is not ``0x0b``).
* Every count is checked against the remaining bytes before anything is
  allocated ("length out of bounds"), so a tiny module cannot make us build
  huge lists.
* Instructions are decoded generically from :data:`interp.opcodes.OPCODES`
  by immediate kind; there is no opcode list here.  An instruction family
  (SIMD ...) brings the readers of its new immediate kinds as data
  (``Family.immediates``), merged into :data:`IMMEDIATE_READERS` by
  :mod:`interp.families`.
* The decoder follows the current spec (3.0) where it is more permissive
  than 2.0 in ways the 3.0 test suite relies on: memarg flags may carry a
  memory index (bit 6), memarg offsets and limits are read as u64, and
  ``memory.size``/``memory.grow``/bulk memory instructions carry memory
  indices.  The validator enforces the ranges of each memory's address
  type ("memory size must be at most 65536 pages" for i32, 2^48 pages for
  i64 memories (memory64), "offset out of range", "unknown memory").
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from . import opcodes
from .errors import MalformedError
from .features import FeatureMalformed, Features, check_module
from .types import (
    FUNC,
    FUNCREF,
    HEAPTYPE_CODES,
    NUMVEC_CODES,
    PACKED_CODES,
    ArrayType,
    CompType,
    Custom,
    Data,
    Elem,
    Exact,
    Export,
    Expr,
    FieldType,
    Func,
    FuncType,
    Global,
    GlobalType,
    Import,
    Limits,
    MemType,
    Module,
    RecType,
    RefType,
    StructType,
    SubType,
    TableType,
    TagType,
    ValType,
)

MAGIC = b"\x00asm"
VERSION = b"\x01\x00\x00\x00"

# Implementation limit (spec appendix "Implementation Limitations"): the spec
# allows up to 2**32-1 locals per function, but expanding that many into a
# Python list would exhaust memory.  Functions declaring more are refused
# with the same message as the spec's own limit.
MAX_LOCALS = 50_000

UNEXPECTED_END = "unexpected end of section or function"

# Section ids (spec 5.5.2) and their required order (spec 5.5.16): the data
# count section (12) sits between the element (9) and the code (10) sections.
SEC_CUSTOM = 0
SECTION_ORDER: dict[int, int] = {
    1: 1,  # type
    2: 2,  # import
    3: 3,  # function
    4: 4,  # table
    5: 5,  # memory
    13: 6,  # tag (3.0 spec 5.5.10): between memory and global
    6: 7,  # global
    7: 8,  # export
    8: 9,  # start
    9: 10,  # element
    12: 11,  # data count
    10: 12,  # code
    11: 13,  # data
}

EXTERN_KINDS = ("func", "table", "memory", "global", "tag")

_OP_END = 0x0B
_OP_ELSE = 0x05
# extensions add their block instructions (try_table, interp.exceptions)
BLOCK_OPENERS = {opcodes.OP[name] for name in ("block", "loop", "if")}
_OP_IF = opcodes.OP["if"]
BLOCK_MARKERS: dict[int, dict[int, int | None]] = {}
"""Extensions' markers inside a block (legacy ``catch``, ``catch_all``,
``delegate``, :mod:`interp.legacy_exceptions`): marker opcode -> {state of
the innermost open block in which it may appear: the state after it, or None
when it closes the block}.  A block's state is its opener's opcode, then the
last marker's; ``if``/``else`` are handled inline."""
# Instructions that mention a data segment; using them requires a data count
# section (spec 5.5.13, and the reference interpreter's decode-time check).
_DATA_INSTRS = frozenset((opcodes.OP["memory.init"], opcodes.OP["data.drop"]))
_REF_FUNC = opcodes.OP["ref.func"]
_REF_FUNC_TYPE = RefType(False, FUNC)


def _fail(msg: str, pos: int) -> MalformedError:
    """The error to raise; ``offset`` keeps the position for the section loop."""
    err = MalformedError(f"{msg} (at byte {pos:#x})")
    err.offset = pos  # type: ignore[attr-defined]
    return err


# Sub-opcodes of the instruction table fit in 16 bits (opcodes.py keys are
# ``prefix << 16 | sub``); every u32 above this is an unknown instruction.
_MAX_SUBOPCODE = 0xFFFF


def _prefixed_opcode(prefix: int, sub: int) -> str:
    """The unknown prefixed opcode as the reference interpreter prints it
    (``decode.ml``: ``illegal2`` for 0xFB/0xFC -- prefix and sub-opcode --,
    but for 0xFD only the sub-opcode)."""
    if prefix == 0xFD:
        return f"{sub:02x}"
    return f"{prefix:02x} {sub:02x}"


def _illegal(code: str, pos: int) -> MalformedError:
    err = _fail(f"illegal opcode {code}", pos)
    err.illegal_opcode = True  # type: ignore[attr-defined]
    return err


# -- integers (spec 5.2.2) ----------------------------------------------------------
#
# LEB128 with the spec's strictness: at most ceil(N/7) bytes ("integer
# representation too long"), and the unused bits of the last byte must be
# zero (unsigned) or a sign extension (signed), else "integer too large".


def _decode_unsigned(data: bytes, pos: int, bits: int) -> tuple[int, int]:
    if pos < len(data) and data[pos] < 0x80:  # fast path: one byte
        return data[pos], pos + 1
    result = 0
    shift = 0
    remaining = bits  # value bits this byte may still carry
    end = len(data)
    while True:
        if remaining <= 0:
            raise _fail("integer representation too long", pos)
        if pos >= end:
            raise _fail(UNEXPECTED_END, pos)
        b = data[pos]
        if remaining < 7 and (b & 0x7F) >= (1 << remaining):
            raise _fail("integer too large", pos)
        pos += 1
        result |= (b & 0x7F) << shift
        if b < 0x80:
            return result, pos
        shift += 7
        remaining -= 7


def _decode_signed(data: bytes, pos: int, bits: int) -> tuple[int, int]:
    if pos < len(data) and data[pos] < 0x40:  # fast path: small non-negative
        return data[pos], pos + 1
    result = 0
    shift = 0
    remaining = bits
    end = len(data)
    while True:
        if remaining <= 0:
            raise _fail("integer representation too long", pos)
        if pos >= end:
            raise _fail(UNEXPECTED_END, pos)
        b = data[pos]
        if remaining < 7:
            # bits above the value's top bit must all equal the sign bit
            mask = (-1 << (remaining - 1)) & 0x7F
            if b & mask not in (0, mask):
                raise _fail("integer too large", pos)
        pos += 1
        result |= (b & 0x7F) << shift
        shift += 7
        if b < 0x80:
            if b & 0x40:
                result -= 1 << shift
            return result, pos
        remaining -= 7


def decode_leb128_u32(data: bytes, pos: int) -> tuple[int, int]:
    """Decode a u32 at ``pos``; return ``(value, position after it)``.

    One- and two-byte encodings (indices, counts: nearly all of them) are
    read inline; a two-byte u32 can be neither too long nor too large.
    """
    if pos + 1 < len(data):
        b = data[pos]
        if b < 0x80:
            return b, pos + 1
        b1 = data[pos + 1]
        if b1 < 0x80:
            return (b & 0x7F) | (b1 << 7), pos + 2
        if pos + 4 < len(data):
            return _unsigned_3_to_5(data, pos, 0x10)
    return _decode_unsigned(data, pos, 32)


def _unsigned_3_to_5(data: bytes, pos: int, last_below: int) -> tuple[int, int]:
    """An unsigned LEB128 of three to five bytes at ``pos`` (its first two
    bytes have their continuation bit set; five bytes lie ahead), whose
    fifth byte, if any, is below ``last_below`` (0x10 for a u32: 4 value
    bits; 0x80 for a u64); else the general reader and its errors.  Linkers
    pad relocated indices and offsets to five bytes, so these are common."""
    b2 = data[pos + 2]
    low = (data[pos] & 0x7F) | (data[pos + 1] & 0x7F) << 7
    if b2 < 0x80:
        return low | b2 << 14, pos + 3
    b3 = data[pos + 3]
    if b3 < 0x80:
        return low | (b2 & 0x7F) << 14 | b3 << 21, pos + 4
    b4 = data[pos + 4]
    if b4 < last_below:
        return low | (b2 & 0x7F) << 14 | (b3 & 0x7F) << 21 | b4 << 28, pos + 5
    return _decode_unsigned(data, pos, 32 if last_below == 0x10 else 64)


def decode_leb128_u64(data: bytes, pos: int) -> tuple[int, int]:
    """Decode a u64 at ``pos``; return ``(value, position after it)``."""
    if pos + 4 < len(data) and data[pos] >= 0x80 and data[pos + 1] >= 0x80:
        return _unsigned_3_to_5(data, pos, 0x80)
    return _decode_unsigned(data, pos, 64)


def decode_leb128_s32(data: bytes, pos: int) -> tuple[int, int]:
    """Decode an s32 (as a Python int in [-2**31, 2**31))."""
    return _decode_signed(data, pos, 32)


def decode_leb128_s33(data: bytes, pos: int) -> tuple[int, int]:
    """Decode an s33, the encoding of block type indices (spec 5.4.1)."""
    return _decode_signed(data, pos, 33)


def decode_leb128_s64(data: bytes, pos: int) -> tuple[int, int]:
    """Decode an s64 (as a Python int in [-2**63, 2**63))."""
    return _decode_signed(data, pos, 64)


_u32 = decode_leb128_u32
_u64 = decode_leb128_u64


def _byte(data: bytes, pos: int) -> int:
    if pos >= len(data):
        raise _fail(UNEXPECTED_END, pos)
    return data[pos]


def _len32(data: bytes, pos: int) -> tuple[int, int]:
    """A length or count: a u32 no larger than the bytes left in the module.

    Checked *before* anything is allocated, so a declared count can never
    make the decoder build a list larger than the input.
    """
    n, after = _u32(data, pos)
    if n > len(data) - pos:
        raise _fail("length out of bounds", pos)
    return n, after


def _bytes(data: bytes, pos: int) -> tuple[bytes, int]:
    n, pos = _len32(data, pos)
    if pos + n > len(data):
        raise _fail(UNEXPECTED_END, len(data))
    return data[pos : pos + n], pos + n


def _name(data: bytes, pos: int) -> tuple[str, int]:
    """A name (spec 5.2.4): UTF-8 as defined by Unicode, no surrogates.

    Python's strict ``utf-8`` codec rejects exactly what the spec rejects
    (overlong forms, surrogates, code points above U+10FFFF).
    """
    start = pos
    raw, pos = _bytes(data, pos)
    try:
        return raw.decode("utf-8"), pos
    except UnicodeDecodeError:
        raise _fail("malformed UTF-8 encoding", start) from None


# -- types (spec 5.3) -----------------------------------------------------------


def _heaptype(data: bytes, pos: int) -> tuple[object, int]:
    """Heap type (3.0 spec 5.3.3): a type index as a non-negative s33, or
    one of the abstract heap type codes (a one-byte negative s33)."""
    start = pos
    if _byte(data, pos) == 0x62:
        # custom descriptors: ``0x62 x`` is ``(exact x)``, x a type index, so
        # an abstract heap type cannot be made exact; the reference
        # interpreter reads x as an s32, a negative one is malformed
        x, pos = decode_leb128_s32(data, pos + 1)
        if x < 0:
            raise _fail("malformed heap type", start)
        return Exact(x), pos
    x, pos = decode_leb128_s33(data, pos)
    if x >= 0:
        return x, pos
    ht = HEAPTYPE_CODES.get(data[start]) if pos == start + 1 else None
    if ht is None:
        raise _fail("malformed heap type", start)
    return ht, pos


def _ref_after_prefix(data: bytes, pos: int) -> tuple[ValType, int] | None:
    """``0x63 ht`` / ``0x64 ht`` (ref null ht / ref ht), or a one-byte
    shorthand; ``None`` if the byte at ``pos`` starts no reference type."""
    b = _byte(data, pos)
    if b == 0x63 or b == 0x64:
        ht, after = _heaptype(data, pos + 1)
        return RefType(b == 0x63, ht), after
    ht = HEAPTYPE_CODES.get(b)
    if ht is not None:
        return RefType(True, ht), pos + 1
    return None


def _valtype(data: bytes, pos: int) -> tuple[ValType, int]:
    t = NUMVEC_CODES.get(_byte(data, pos))
    if t is not None:
        return t, pos + 1
    r = _ref_after_prefix(data, pos)
    if r is None:
        # the reference interpreter tries a reference type last, so that is
        # the error it reports for an unknown value type
        raise _fail("malformed reference type", pos)
    return r


def _reftype(data: bytes, pos: int) -> tuple[RefType, int]:
    r = _ref_after_prefix(data, pos)
    if r is None:
        raise _fail("malformed reference type", pos)
    return r  # type: ignore[return-value]


def _resulttype(data: bytes, pos: int) -> tuple[tuple[ValType, ...], int]:
    n, pos = _len32(data, pos)
    out = []
    for _ in range(n):
        t, pos = _valtype(data, pos)
        out.append(t)
    return tuple(out), pos


def _fieldtype(data: bytes, pos: int) -> tuple[FieldType, int]:
    """Field type (3.0 spec 5.3.9): storage type (value or packed type), mutability."""
    packed = PACKED_CODES.get(_byte(data, pos))
    st: object
    if packed is not None:
        st, pos = packed, pos + 1
    else:
        # the reference interpreter tries a value type, then a packed type,
        # so any malformed value type here is reported as the storage type
        start = pos
        try:
            st, pos = _valtype(data, pos)
        except MalformedError:
            raise _fail("malformed storage type", start) from None
    m = _byte(data, pos)
    if m > 1:
        raise _fail("malformed mutability", pos)
    return FieldType(st, m == 1), pos + 1  # type: ignore[arg-type]


def _comptype(data: bytes, pos: int) -> tuple[CompType, int]:
    # The reference interpreter reads the type constructor as an s7 (0x60 is
    # -0x20), so an over-long encoding is "integer representation too long"
    # (binary-leb128.wast) rather than a bad type.
    start = pos
    form, pos = _decode_signed(data, pos, 7)
    if form == -0x20:
        params, pos = _resulttype(data, pos)
        results, pos = _resulttype(data, pos)
        return FuncType(params, results), pos
    if form == -0x21:  # 0x5F struct
        n, pos = _len32(data, pos)
        fields = []
        for _ in range(n):
            ft, pos = _fieldtype(data, pos)
            fields.append(ft)
        return StructType(tuple(fields)), pos
    if form == -0x22:  # 0x5E array
        ft, pos = _fieldtype(data, pos)
        return ArrayType(ft), pos
    raise _fail("malformed definition type", start)


def _desctype(data: bytes, pos: int, final: bool, supers: tuple[int, ...]) -> tuple[SubType, int]:
    """The composite type with the custom-descriptors proposal's optional
    clauses in front, in this order: ``0x4C y`` (describes y), ``0x4D z``
    (descriptor z).  A clause repeated or out of order is then read as the
    composite type: "malformed definition type"."""
    describes = descriptor = None
    if _byte(data, pos) == 0x4C:
        describes, pos = _u32(data, pos + 1)
    if _byte(data, pos) == 0x4D:
        descriptor, pos = _u32(data, pos + 1)
    ct, pos = _comptype(data, pos)
    return SubType(final, supers, ct, describes, descriptor), pos


def _subtype(data: bytes, pos: int) -> tuple[SubType, int]:
    """Sub type (3.0 spec 5.3.11): ``0x50 x* ct`` (open), ``0x4F x* ct``
    (final), or a bare composite type (final, no supertypes)."""
    b = _byte(data, pos)
    if b == 0x50 or b == 0x4F:
        n, pos = _len32(data, pos + 1)
        supers = []
        for _ in range(n):
            x, pos = _u32(data, pos)
            supers.append(x)
        return _desctype(data, pos, b == 0x4F, tuple(supers))
    return _desctype(data, pos, True, ())


def _rectype(data: bytes, pos: int) -> tuple[RecType, int]:
    """Recursion group (3.0 spec 5.3.12): ``0x4E vec(subtype)`` or one sub type."""
    if _byte(data, pos) == 0x4E:
        n, pos = _len32(data, pos + 1)
        subs = []
        for _ in range(n):
            st, pos = _subtype(data, pos)
            subs.append(st)
        return RecType(tuple(subs)), pos
    st, pos = _subtype(data, pos)
    return RecType((st,)), pos


def _feature_fail(msg: str, feature: str, pos: int) -> MalformedError:
    """Malformed because ``feature``, which would give the bytes a meaning, is disabled."""
    err = FeatureMalformed(f"{msg} (at byte {pos:#x})", feature)
    err.offset = pos  # type: ignore[attr-defined]
    return err


def _limit_bounds(
    data: bytes, pos: int, flags: int, features: Features | None
) -> tuple[int, int | None, int]:
    """The min (and max, flag bit 0) of limits: u64 (3.0 spec 5.3.7, memory64);
    u32 as in 2.0 when memory64 is disabled ("integer too large" beyond)."""
    if features is None or "memory64" in features:
        read = _u64
    else:
        read = _u32_without_memory64
    lo, pos = read(data, pos)
    hi = None
    if flags & 1:
        hi, pos = read(data, pos)
    return lo, hi, pos


def _u32_without_memory64(data: bytes, pos: int) -> tuple[int, int]:
    try:
        return _u32(data, pos)
    except MalformedError as e:
        if not e.message.startswith("integer too large"):
            raise
        raise _feature_fail("integer too large", "memory64", pos) from None


def _addr64_flag(flags: int, features: Features | None, pos: int) -> None:
    if flags & 4 and features is not None and "memory64" not in features:
        raise _feature_fail("malformed limits flags", "memory64", pos)


def _limits(data: bytes, pos: int, features: Features | None = None) -> tuple[Limits, int]:
    """A table's limits with address type (spec 5.3.7): flag bit 0 says a
    maximum follows, bit 2 that the address type is i64 (table64); bit 1
    (shared, threads) and the rest are refused (memories: :func:`_memtype`)."""
    flags = _byte(data, pos)
    if flags & ~0b101:
        raise _fail("malformed limits flags", pos)
    _addr64_flag(flags, features, pos)
    lo, hi, pos = _limit_bounds(data, pos + 1, flags, features)
    return Limits(lo, hi, bool(flags & 4)), pos


def _tabletype(data: bytes, pos: int, features: Features | None = None) -> tuple[TableType, int]:
    et, pos = _reftype(data, pos)
    lim, pos = _limits(data, pos, features)
    return TableType(lim, et), pos


MAX_PAGE_LOG2 = 64
"""custom page sizes, binary format: the exponent ``p`` of a page size ``2**p``
must be at most 64 (a larger one is malformed, "invalid custom page size");
validation then allows 0 and 16 only."""


def _memtype(data: bytes, pos: int, features: Features | None = None) -> tuple[MemType, int]:
    """A memory type's limits flags (spec 5.3.8 with its proposals): bit 0 a
    maximum follows, bit 1 shared (threads), bit 2 address type i64
    (memory64), bit 3 a custom page size follows as a u32 exponent
    (custom page sizes); only memories have bits 1 and 3.  A bit whose
    proposal ``features`` disable is malformed, as in the language without it."""
    flags = _byte(data, pos)
    if flags & ~0b1111:
        raise _fail("malformed limits flags", pos)
    if flags & 8 and features is not None and "custom_page_sizes" not in features:
        raise _feature_fail("malformed limits flags", "custom_page_sizes", pos)
    _addr64_flag(flags, features, pos)
    lo, hi, pos = _limit_bounds(data, pos + 1, flags, features)
    page_log2 = None
    if flags & 8:
        start = pos
        page_log2, pos = _u32(data, pos)
        if page_log2 > MAX_PAGE_LOG2:
            raise _fail("invalid custom page size", start)
    return MemType(Limits(lo, hi, bool(flags & 4)), bool(flags & 2), page_log2), pos


def _globaltype(data: bytes, pos: int) -> tuple[GlobalType, int]:
    t, pos = _valtype(data, pos)
    m = _byte(data, pos)
    if m > 1:
        raise _fail("malformed mutability", pos)
    return GlobalType(t, m == 1), pos + 1


# -- instruction immediates (spec 5.4) --------------------------------------------
#
# An immediate reader takes (data, pos) and returns (immediates, new pos),
# where immediates is the tuple appended after the opcode key.

ImmediateReader = Callable[[bytes, int], tuple[tuple, int]]


def _tagtype(data: bytes, pos: int) -> tuple[TagType, int]:
    """``0x00 typeidx`` (3.0 spec 5.3.10): the attribute byte is always 0."""
    if _byte(data, pos) != 0x00:
        raise _fail("zero byte expected", pos)
    x, pos = _u32(data, pos + 1)
    return TagType(x), pos


def _imm_idx(data: bytes, pos: int) -> tuple[tuple, int]:
    x, pos = _u32(data, pos)
    return (x,), pos


def _imm_idx2(data: bytes, pos: int) -> tuple[tuple, int]:
    x, pos = _u32(data, pos)
    y, pos = _u32(data, pos)
    return (x, y), pos


def _imm_blocktype(data: bytes, pos: int) -> tuple[tuple, int]:
    """Block type (spec 5.4.1): 0x40, a value type, or an s33 type index."""
    b = _byte(data, pos)
    if b == 0x40:
        return (None,), pos + 1
    t = NUMVEC_CODES.get(b)
    if t is not None:
        return (t,), pos + 1
    r = _ref_after_prefix(data, pos)
    if r is not None:
        return (r[0],), r[1]
    start = pos
    x, pos = decode_leb128_s33(data, pos)
    if x < 0:
        raise _fail("malformed reference type", start)
    return (x,), pos


def _imm_br_table(data: bytes, pos: int) -> tuple[tuple, int]:
    n, pos = _len32(data, pos)
    labels = []
    for _ in range(n):
        x, pos = _u32(data, pos)
        labels.append(x)
    default, pos = _u32(data, pos)
    return (tuple(labels), default), pos


def decode_memarg(data: bytes, pos: int) -> tuple[tuple, int]:
    """memarg (spec 5.4.6): flags, [memidx if bit 6], offset -> (align, offset, memidx).

    Flags of 2**7 or more are malformed; bit 6 announces a memory index
    (multi-memory), the low 6 bits are the alignment exponent.
    """
    start = pos
    flags, pos = _u32(data, pos)
    if flags >= 0x80:
        raise _fail("malformed memop flags", start)
    memidx = 0
    if flags & 0x40:
        memidx, pos = _u32(data, pos)
    offset, pos = _u64(data, pos)
    return (flags & 0x3F, offset, memidx), pos


def _imm_i32(data: bytes, pos: int) -> tuple[tuple, int]:
    v, pos = _decode_signed(data, pos, 32)
    return (v & 0xFFFFFFFF,), pos


def _imm_i64(data: bytes, pos: int) -> tuple[tuple, int]:
    v, pos = _decode_signed(data, pos, 64)
    return (v & 0xFFFFFFFFFFFFFFFF,), pos


def _fixed_bits(width: int) -> ImmediateReader:
    def read(data: bytes, pos: int) -> tuple[tuple, int]:
        end = pos + width
        if end > len(data):
            raise _fail(UNEXPECTED_END, len(data))
        return (int.from_bytes(data[pos:end], "little"),), end

    read.__name__ = f"_imm_bits{width * 8}"
    return read


def _imm_select_t(data: bytes, pos: int) -> tuple[tuple, int]:
    ts, pos = _resulttype(data, pos)
    return (ts,), pos


def _imm_reftype(data: bytes, pos: int) -> tuple[tuple, int]:
    """``ref.null ht`` (3.0 spec 5.4.6): the immediate is a heap type; the
    instruction carries the reference type ``(ref null ht)`` it produces."""
    ht, pos = _heaptype(data, pos)
    return (RefType(True, ht),), pos


def _imm_heaptype(data: bytes, pos: int) -> tuple[tuple, int]:
    """``ref.test``/``ref.cast`` (3.0 spec 5.4.6): a heap type; the
    immediate is the reference type ``(ref ht)``."""
    ht, after = _heaptype(data, pos)
    return (RefType(False, ht),), after


def _imm_heaptype_null(data: bytes, pos: int) -> tuple[tuple, int]:
    """The ``_null`` forms: the immediate is ``(ref null ht)``."""
    ht, after = _heaptype(data, pos)
    return (RefType(True, ht),), after


def _imm_br_on_cast(data: bytes, pos: int) -> tuple[tuple, int]:
    """``br_on_cast(_fail)`` (3.0 spec 5.4.1): flags (bit 0: source nullable,
    bit 1: target nullable), label, source and target heap types."""
    flags = _byte(data, pos)
    if flags & 0xFC:
        raise _fail("malformed br_on_cast flags", pos)
    label, pos = _u32(data, pos + 1)
    ht1, pos = _heaptype(data, pos)
    ht2, pos = _heaptype(data, pos)
    return (label, RefType(bool(flags & 1), ht1), RefType(bool(flags & 2), ht2)), pos


# Immediate kind (see interp.opcodes) -> reader.  "" (no immediates) is
# handled inline by the instruction loop.
CORE_IMMEDIATES: dict[str, ImmediateReader] = {
    "block": _imm_blocktype,
    "label": _imm_idx,
    "br_table": _imm_br_table,
    "func": _imm_idx,
    "call_indirect": _imm_idx2,
    "type": _imm_idx,
    "heaptype": _imm_heaptype,
    "heaptype_null": _imm_heaptype_null,
    "br_on_cast": _imm_br_on_cast,
    "local": _imm_idx,
    "global": _imm_idx,
    "memarg": decode_memarg,
    "mem": _imm_idx,
    "i32": _imm_i32,
    "i64": _imm_i64,
    "f32": _fixed_bits(4),
    "f64": _fixed_bits(8),
    "select_t": _imm_select_t,
    "reftype": _imm_reftype,
    "table": _imm_idx,
    "table_copy": _imm_idx2,
    "table_init": _imm_idx2,
    "elem": _imm_idx,
    "memory_init": _imm_idx2,
    "data": _imm_idx,
    "memory_copy": _imm_idx2,
}


IMMEDIATE_READERS: dict[str, ImmediateReader] = dict(CORE_IMMEDIATES)
"""Immediate kind -> reader, of every family (built by :func:`interp.families.build`)."""


# -- instruction sequences (spec 5.4.9) ------------------------------------------

# One shared tuple per immediate-free opcode: most instructions have none,
# and reusing the tuple saves an allocation per instruction.
_BARE: dict[int, tuple] = {}

# -- the fast path of the instruction loop ------------------------------------------
#
# Decoding is a per-instruction Python loop, so its cost is the number of
# Python operations per instruction.  Most instructions of real code are
# ``local.*``/``global.*``/``br*``/``call`` with a one-byte index, numeric
# instructions without immediates, ``i32.const`` and loads/stores with small
# memargs.  :func:`_fast_kinds` classifies every one-byte opcode once; the
# loop decodes those classes inline (one- and two-byte LEB128 read in place)
# and hands everything else -- any longer or unusual encoding included -- to
# the generic reader of its immediate kind, so every error is raised by the
# same code as before, with the same message.  The classification is derived
# from ``opcodes.OPCODES`` and :data:`IMMEDIATE_READERS` (only kinds still
# read by the built-in readers are inlined) and recomputed when they change.

_K_GENERIC, _K_BARE, _K_IDX, _K_I32, _K_MEMARG, _K_BLOCK = range(6)
_INLINE_BLOCKS = {opcodes.OP[name] for name in ("block", "loop", "if")}
_fast_state: tuple[tuple[object, int, int, int], list[int], list[tuple]] | None = None


def _fast_kinds() -> tuple[list[int], list[tuple]]:
    """Per one-byte opcode: its fast-path class and (for ``_K_BARE``) its shared tuple."""
    global _fast_state
    table = opcodes.OPCODES
    readers = IMMEDIATE_READERS
    # interp.families.build (and opcodes.register) rebind PREFIXES whenever
    # they refill the tables, so its identity says whether they changed
    version = (opcodes.PREFIXES, len(table), len(readers), len(BLOCK_MARKERS))
    if _fast_state is not None:
        old = _fast_state[0]
        if old[0] is version[0] and old[1:] == version[1:]:
            return _fast_state[1], _fast_state[2]
    kinds = [_K_GENERIC] * 256
    bare_tuples: list[tuple] = [()] * 256
    prefixes = opcodes.PREFIXES
    for op in range(256):
        info = table.get(op)
        if (
            info is None
            or op in prefixes
            or op in (_OP_END, _OP_ELSE)
            or op in BLOCK_MARKERS  # legacy catch/catch_all/delegate: block state
            or op in _DATA_INSTRS
        ):
            continue
        reader = readers.get(info.imm) if info.imm else None
        if not info.imm:
            kinds[op] = _K_BARE
            bare_tuples[op] = _BARE.setdefault(op, (op,))
        elif reader is _imm_idx:
            kinds[op] = _K_IDX
        elif reader is _imm_i32:
            kinds[op] = _K_I32
        elif reader is decode_memarg:
            kinds[op] = _K_MEMARG
        elif reader is _imm_blocktype and op in _INLINE_BLOCKS:
            kinds[op] = _K_BLOCK
    _fast_state = (version, kinds, bare_tuples)
    return kinds, bare_tuples


def decode_expr(
    data: bytes, pos: int, body: Expr, offsets: list[int] | None, used: set[int] | None = None
) -> int:
    """Decode instructions up to the ``end`` that closes the sequence.

    Appends ``(opcode, *immediates)`` to ``body`` (structured markers
    included, the closing ``end`` excluded) and, if given, the byte offset of
    each to ``offsets``; adds the opcode keys listed in ``_DATA_INSTRS`` to
    ``used``.  Returns the position after the closing ``end``.

    Nesting is tracked with a stack so that ``else`` is only accepted in an
    ``if``; elsewhere the reference interpreter expects the enclosing
    ``end`` and reports "END opcode expected".
    """
    table = opcodes.OPCODES
    prefixes = opcodes.PREFIXES  # read per call: the build rebinds it
    readers = IMMEDIATE_READERS
    kinds, bare_tuples = _fast_kinds()
    numvec = NUMVEC_CODES
    bare = _BARE
    markers = BLOCK_MARKERS
    append = body.append
    mark = (offsets if offsets is not None else []).append
    end = len(data)
    # the classes as locals: compared once or more per instruction
    k_idx, k_bare, k_i32, k_memarg, k_block = _K_IDX, _K_BARE, _K_I32, _K_MEMARG, _K_BLOCK
    # one entry per open block: its state (the opener's opcode; an ``if``
    # may take ``else`` while its state is _OP_IF; see BLOCK_MARKERS)
    open_blocks: list[int] = []
    while True:
        if pos >= end:
            raise _fail(UNEXPECTED_END, pos)
        start = pos
        op = data[pos]
        pos += 1
        kind = kinds[op]
        if kind == k_idx:  # u32 index (spec 5.4: local, global, label, func ...)
            if pos < end and data[pos] < 0x80:
                append((op, data[pos]))
                pos += 1
            else:
                x, pos = _u32(data, pos)
                append((op, x))
            mark(start)
            continue
        if kind == k_bare:
            append(bare_tuples[op])
            mark(start)
            continue
        if kind == k_i32:  # i32.const: an s32, kept as its u32 bit pattern
            # Up to 4 bytes (28 value bits) are read here: such an s32 can be
            # neither too long nor too large.  Longer ones, and one cut off by
            # the end of the input, take the generic reader (and its errors).
            v = shift = 0
            p = pos
            stop = pos + 4 if pos + 4 < end else end
            while p < stop:
                b = data[p]
                p += 1
                v |= (b & 0x7F) << shift
                shift += 7
                if b < 0x80:
                    if b & 0x40:
                        v -= 1 << shift
                    append((op, v & 0xFFFFFFFF))
                    pos = p
                    break
            else:
                imms, pos = _imm_i32(data, pos)
                append((op, *imms))
            mark(start)
            continue
        if kind == k_memarg:  # flags without a memory index, one-byte offset
            if pos + 1 < end and data[pos] < 0x40 and data[pos + 1] < 0x80:
                append((op, data[pos], data[pos + 1], 0))
                pos += 2
            else:
                imms, pos = decode_memarg(data, pos)
                append((op, *imms))
            mark(start)
            continue
        if kind == k_block:  # block type: empty or a value type inline
            b = data[pos] if pos < end else -1
            if b == 0x40:
                append((op, None))
                pos += 1
            elif b in numvec:
                append((op, numvec[b]))
                pos += 1
            else:
                imms, pos = _imm_blocktype(data, pos)
                append((op, *imms))
            open_blocks.append(op)
            mark(start)
            continue
        # the generic path: end/else, prefixed opcodes, every other kind
        if op == _OP_END:
            if not open_blocks:
                return pos
            open_blocks.pop()
        elif op == _OP_ELSE:
            if not open_blocks or open_blocks[-1] != _OP_IF:
                raise _fail("END opcode expected", start)
            open_blocks[-1] = _OP_ELSE
        elif op in markers:
            # like the reference decoder: a marker where its block cannot take
            # it leaves that block's instruction sequence, whose ``end`` is missing
            after = markers[op]
            if not open_blocks or open_blocks[-1] not in after:
                raise _fail("END opcode expected", start)
            state = after[open_blocks[-1]]
            if state is None:
                open_blocks.pop()
            else:
                open_blocks[-1] = state
        if op in prefixes:
            # spec 5.4: the sub-opcode is a u32 (any LEB128 form of it up to
            # 5 bytes).  Keys hold it in 16 bits, so a larger value must be
            # refused here, not folded into the prefix's bits.
            sub, pos = _u32(data, pos)
            key = op << 16 | sub
            info = table.get(key) if sub <= _MAX_SUBOPCODE else None
            if info is None:
                raise _illegal(_prefixed_opcode(op, sub), start)
        else:
            key = op
            info = table.get(op)
            if info is None:
                raise _illegal(f"{op:02x}", start)
        if used is not None and key in _DATA_INSTRS:
            used.add(key)
        imm = info.imm
        if not imm:
            instr = bare.get(key)
            if instr is None:
                instr = bare[key] = (key,)
        else:
            reader = readers.get(imm)
            if reader is None:  # an opcode registered without its reader
                raise _illegal(f"{op:02x}", start)
            imms, pos = reader(data, pos)
            instr = (key, *imms)
            if key in BLOCK_OPENERS:
                open_blocks.append(key)
        append(instr)
        mark(start)


def _const_expr(data: bytes, pos: int) -> tuple[Expr, int]:
    expr: Expr = []
    pos = decode_expr(data, pos, expr, None)
    return expr, pos


# -- sections (spec 5.5) -----------------------------------------------------------


class _ModuleDecoder:
    """Decodes the sections of one module into a :class:`Module`."""

    def __init__(
        self, data: bytes, features: Features | None = None, lazy_bodies: bool = False
    ) -> None:
        self.data = data
        self.features = features
        """Decoding differs where a disabled proposal would give bytes a meaning."""
        self.lazy_bodies = lazy_bodies
        self.module = Module()
        self.func_typeidxs: list[int] = []
        self.code_count = 0
        self.data_instrs: set[int] = set()
        self.scanner: Any = False  # not built yet

    def decode(self) -> Module:
        data = self.data
        if len(data) < 4:
            raise _fail("unexpected end", len(data))
        if data[:4] != MAGIC:
            raise _fail("magic header not detected", 0)
        if len(data) < 8:
            raise _fail("unexpected end", len(data))
        if data[4:8] != VERSION:
            raise _fail("unknown binary version", 4)
        pos = 8
        last = 0  # order of the last non-custom section seen
        handlers = self._handlers()
        while pos < len(data):
            sid = data[pos]
            if sid != SEC_CUSTOM:
                order = SECTION_ORDER.get(sid)
                if order is None:
                    raise _fail("malformed section id", pos)
                if order <= last:  # repeated or out of order
                    raise _fail("unexpected content after last section", pos)
                last = order
            size, start = _len32(data, pos + 1)
            try:
                after = handlers[sid](start, size)
            except MalformedError as err:
                raise self._past_end(err, start + size) from None
            if after != start + size:
                raise _fail("section size mismatch", start)
            pos = after
        self._check_end()
        return self.module

    @staticmethod
    def _past_end(err: MalformedError, end: int) -> MalformedError:
        """An illegal opcode *beyond* the section's end means an instruction
        sequence ran off the section: report that the section ended, not
        what the next section's header was mistaken for (binary.wast, "Init
        expression with missing end marker").  Other errors keep their
        message, as in the reference interpreter, which reads past the end.
        """
        if getattr(err, "illegal_opcode", False) and err.offset >= end:  # type: ignore[attr-defined]
            return _fail(UNEXPECTED_END, end)
        return err

    def _handlers(self) -> dict[int, Callable[[int, int], int]]:
        return {
            0: self._custom,
            1: lambda pos, _size: self._vec(pos, self._type),
            2: lambda pos, _size: self._vec(pos, self._import),
            3: self._function_section,
            4: lambda pos, _size: self._vec(pos, self._table),
            5: lambda pos, _size: self._vec(pos, self._memory),
            6: lambda pos, _size: self._vec(pos, self._global),
            7: lambda pos, _size: self._vec(pos, self._export),
            8: self._start,
            9: lambda pos, _size: self._vec(pos, self._elem),
            10: self._code_section,
            11: lambda pos, _size: self._vec(pos, self._data),
            12: self._datacount,
            13: lambda pos, _size: self._vec(pos, self._tag),
        }

    def _check_end(self) -> None:
        m = self.module
        end = len(self.data)
        if len(self.func_typeidxs) != self.code_count:
            raise _fail("function and code section have inconsistent lengths", end)
        if m.data_count is not None and m.data_count != len(m.datas):
            raise _fail("data count and data section have inconsistent lengths", end)
        if m.data_count is None and self.data_instrs:
            raise _fail("data count section required", end)

    def _vec(self, pos: int, item: Callable[[int], int]) -> int:
        n, pos = _len32(self.data, pos)
        for _ in range(n):
            pos = item(pos)
        return pos

    # custom section (5.5.3)
    def _custom(self, pos: int, size: int) -> int:
        data = self.data
        start = pos
        name, pos = _name(data, pos)
        rest = size - (pos - start)
        if rest < 0:  # the name overruns the section
            raise _fail(UNEXPECTED_END, pos)
        if pos + rest > len(data):  # the content runs past the module (5.5.3)
            raise _fail(UNEXPECTED_END, len(data))
        content = data[pos : pos + rest]
        self.module.customs.append(Custom(name, content))
        if name == "name":
            self.module.func_names = _function_names(content)
        return pos + rest

    # type section (5.5.4; 3.0: a vector of recursion groups)
    def _type(self, pos: int) -> int:
        rt, pos = _rectype(self.data, pos)
        self.module.rectypes.append(rt)
        self.module.types.extend(st.comp for st in rt.subs)
        return pos

    # import section (5.5.5)
    def _import(self, pos: int) -> int:
        data = self.data
        mod, pos = _name(data, pos)
        nm, pos = _name(data, pos)
        kind = _byte(data, pos)
        pos += 1
        desc: int | TableType | MemType | GlobalType | TagType
        if kind == 0:
            desc, pos = _u32(data, pos)
        elif kind == 1:
            desc, pos = _tabletype(data, pos, self.features)
        elif kind == 2:
            desc, pos = _memtype(data, pos, self.features)
        elif kind == 3:
            desc, pos = _globaltype(data, pos)
        elif kind == 4:
            desc, pos = _tagtype(data, pos)
        elif kind == 0x20:  # custom descriptors: an exact function import
            desc, pos = _u32(data, pos)
            self.module.imports.append(Import(mod, nm, "func", desc, exact=True))
            return pos
        else:
            raise _fail("malformed import kind", pos - 1)
        self.module.imports.append(Import(mod, nm, EXTERN_KINDS[kind], desc))  # type: ignore[arg-type]
        return pos

    # function section (5.5.6)
    def _function_section(self, pos: int, _size: int) -> int:
        data = self.data
        n, pos = _len32(data, pos)
        run = data[pos : pos + n]
        if len(run) == n and (not run or max(run) < 0x80):
            # every type index takes one byte (nearly always): all read at once
            self.func_typeidxs.extend(run)
            return pos + n
        for _ in range(n):
            pos = self._function(pos)
        return pos

    def _function(self, pos: int) -> int:
        x, pos = _u32(self.data, pos)
        self.func_typeidxs.append(x)
        return pos

    # table section (5.5.7; 3.0: ``0x40 0x00 tabletype expr`` gives an initializer)
    def _table(self, pos: int) -> int:
        data = self.data
        init = None
        if _byte(data, pos) == 0x40:
            if _byte(data, pos + 1) != 0x00:
                # the reference interpreter then retries 0x40 as a table type
                raise _fail("malformed reference type", pos)
            tt, pos = _tabletype(data, pos + 2, self.features)
            init, pos = _const_expr(data, pos)
        else:
            tt, pos = _tabletype(data, pos, self.features)
        self.module.tables.append(tt)
        self.module.table_inits.append(init)
        return pos

    # memory section (5.5.8)
    def _memory(self, pos: int) -> int:
        mt, pos = _memtype(self.data, pos, self.features)
        self.module.mems.append(mt)
        return pos

    # global section (5.5.9)
    def _global(self, pos: int) -> int:
        gt, pos = _globaltype(self.data, pos)
        init, pos = _const_expr(self.data, pos)
        self.module.globals.append(Global(gt, init))
        return pos

    # tag section (3.0 spec 5.5.10)
    def _tag(self, pos: int) -> int:
        tt, pos = _tagtype(self.data, pos)
        self.module.tags.append(tt)
        return pos

    # export section (5.5.10)
    def _export(self, pos: int) -> int:
        data = self.data
        nm, pos = _name(data, pos)
        kind = _byte(data, pos)
        if kind > 4:
            raise _fail("malformed export kind", pos)
        idx, pos = _u32(data, pos + 1)
        self.module.exports.append(Export(nm, EXTERN_KINDS[kind], idx))  # type: ignore[arg-type]
        return pos

    # start section (5.5.11)
    def _start(self, pos: int, _size: int) -> int:
        self.module.start, pos = _u32(self.data, pos)
        return pos

    # element section (5.5.12): the flags' bit 0 = passive/declarative,
    # bit 1 = explicit table index (active) or declarative (otherwise),
    # bit 2 = element expressions instead of function indices.
    def _elem(self, pos: int) -> int:
        data = self.data
        start = pos
        flags, pos = _u32(data, pos)
        if flags > 7:
            raise _fail("malformed elements segment kind", start)
        table = 0
        offset = None
        if flags & 1:
            mode = "declarative" if flags & 2 else "passive"
        else:
            mode = "active"
            if flags & 2:
                table, pos = _u32(data, pos)
            offset, pos = _const_expr(data, pos)
        uses_exprs = bool(flags & 4)
        # 3.0 spec 5.5.12: function indices are non-null ``(ref func)``;
        # expressions on the implicit table 0 are ``funcref``
        etype: RefType
        if flags & 3 == 0:  # active on table 0: the type is implicit
            etype = FUNCREF if uses_exprs else _REF_FUNC_TYPE
        elif uses_exprs:
            etype, pos = _reftype(data, pos)
        else:
            if _byte(data, pos) != 0x00:
                raise _fail("malformed element kind", pos)
            etype = _REF_FUNC_TYPE
            pos += 1
        n, pos = _len32(data, pos)
        init: list[Expr] = []
        if uses_exprs:
            for _ in range(n):
                expr, pos = _const_expr(data, pos)
                init.append(expr)
        else:
            ref_func = _REF_FUNC
            for _ in range(n):
                x, pos = _u32(data, pos)
                init.append([(ref_func, x)])
        self.module.elems.append(Elem(etype, init, mode, table, offset, uses_exprs))  # type: ignore[arg-type]
        return pos

    # data count section (5.5.15)
    def _datacount(self, pos: int, _size: int) -> int:
        self.module.data_count, pos = _u32(self.data, pos)
        return pos

    # code section (5.5.13)
    def _code_section(self, pos: int, _size: int) -> int:
        data = self.data
        n, pos = _len32(data, pos)
        scanner = None if self.lazy_bodies else self._scanner()
        if scanner is None:
            for _ in range(n):
                pos = self._code(pos)
            return pos
        # the loop of _code with the fused pass, its locals hoisted (one
        # iteration per function of the module)
        body_ok = scanner.body_ok
        key = scanner.key
        funcs = self.module.funcs
        typeidxs = self.func_typeidxs
        ntyped = len(typeidxs)
        end = len(data)
        first = self.code_count
        for idx in range(first, first + n):
            # the entry's size: a u32 of one or two bytes read inline (never
            # too long or too large), checked against the bytes left as _len32 does
            b = data[pos] if pos + 1 < end else 0x80
            if b < 0x80:
                size, start = b, pos + 1
            elif pos + 2 < end and data[pos + 1] < 0x80:
                size, start = (b & 0x7F) | data[pos + 1] << 7, pos + 2
            else:
                size, start = _len32(data, pos)
            if size > end - pos:
                _len32(data, pos)  # raises "length out of bounds"
            typeidx = typeidxs[idx] if idx < ntyped else -1
            self.code_count = idx + 1
            if body_ok(data, start, start + size, typeidx):
                # decoded and validated in one pass (interp.prevalidate): the
                # instructions are built on first use
                funcs.append(LazyFunc(typeidx, data, start, start + size, key))
                pos = start + size
            else:
                pos = self._decode_body(start, size, typeidx)
        return pos

    def _code(self, pos: int) -> int:
        data = self.data
        size, pos = _len32(data, pos)
        start = pos
        idx = self.code_count
        typeidx = self.func_typeidxs[idx] if idx < len(self.func_typeidxs) else -1
        self.code_count += 1
        if self.lazy_bodies:
            if start + size > len(data):
                raise _fail(UNEXPECTED_END, len(data))
            self.module.funcs.append(LazyFunc(typeidx, data, start, start + size))
            return start + size
        return self._decode_body(start, size, typeidx)

    def _decode_body(self, start: int, size: int, typeidx: int) -> int:
        """The general path: locals and instructions decoded into a :class:`Func`."""
        data = self.data
        local_types, pos = _func_locals(data, start)
        body: Expr = []
        offsets: list[int] = []
        pos = decode_expr(data, pos, body, offsets, self.data_instrs)
        if pos != start + size:
            raise _fail("section size mismatch", start)
        self.module.funcs.append(Func(typeidx, local_types, body, offsets, start))
        return pos

    def _scanner(self) -> Any:
        """The module's :class:`interp.prevalidate.Scanner`, built at the
        first code entry (every section the context comes from precedes
        the code section, spec 5.5.16), or None."""
        if self.scanner is False:
            from .prevalidate import Scanner

            self.scanner = Scanner.build(self.module, self.func_typeidxs)
        return self.scanner

    # data section (5.5.14)
    def _data(self, pos: int) -> int:
        data = self.data
        start = pos
        flags, pos = _u32(data, pos)
        memory = 0
        offset = None
        if flags == 1:
            mode = "passive"
        elif flags in (0, 2):
            mode = "active"
            if flags == 2:
                memory, pos = _u32(data, pos)
            offset, pos = _const_expr(data, pos)
        else:
            raise _fail("malformed data segment kind", start)
        init, pos = _bytes(data, pos)
        self.module.datas.append(Data(init, mode, memory, offset))  # type: ignore[arg-type]
        return pos


def _func_locals(data: bytes, pos: int) -> tuple[list[ValType], int]:
    """The local declarations of a function body (spec 5.5.13), expanded."""
    locals_start = pos
    n, pos = _len32(data, pos)
    groups = []
    total = 0
    for _ in range(n):
        count, pos = _u32(data, pos)
        t, pos = _valtype(data, pos)
        groups.append((count, t))
        total += count
    # spec 5.5.13: the total must fit in u32; MAX_LOCALS is our own limit
    if total > 0xFFFFFFFF:
        raise _fail("too many locals", locals_start)
    if total > MAX_LOCALS:
        raise _fail(f"too many locals (implementation limit {MAX_LOCALS})", locals_start)
    local_types: list[ValType] = []
    for count, t in groups:
        local_types.extend([t] * count)
    return local_types, pos


def _function_names(content: bytes) -> dict[int, str]:
    """Function names from a "name" section (spec 7.4.1), leniently.

    The name section is advisory: anything malformed in it is ignored
    (an empty or partial result) rather than refusing the module.
    """
    names: dict[int, str] = {}
    pos = 0
    try:
        while pos < len(content):
            sub_id = content[pos]
            size, pos = _len32(content, pos + 1)
            end = pos + size
            if sub_id == 1:  # function names: vec(funcidx name)
                sub = content[:end]
                limit = len(sub)
                n, p = _len32(sub, pos)
                for _ in range(n):
                    idx, p = _u32(sub, p)
                    k = sub[p] if p < limit else 0x80
                    if k < 0x80 and p + 1 + k <= limit:  # a short name, read inline
                        names[idx] = sub[p + 1 : p + 1 + k].decode("utf-8")
                        p += 1 + k
                    else:
                        names[idx], p = _name(sub, p)
            pos = end
    except (MalformedError, UnicodeDecodeError):
        pass
    return names


def decode_module(
    data: bytes | bytearray | memoryview,
    features: Features | None = None,
    *,
    lazy_bodies: bool = False,
) -> Module:
    """Decode a binary module (spec 5.5.16).

    Raises :class:`MalformedError` for every malformed input; the message
    starts with the reference interpreter's wording.  With ``features`` that
    disable a supported proposal, a well-formed module using it raises
    :class:`~interp.features.FeatureDisabled` (see :mod:`interp.features`).

    ``lazy_bodies=True`` leaves every function body undecoded until it is
    first used (:class:`LazyFunc`).  Only for bytes already known to decode
    and validate -- the compiled-code cache's warm start
    (:mod:`interp.codecache`): a malformed body would otherwise surface late,
    and the features are not checked here (pass them only on the eager path).
    On the eager path too, a body that :mod:`interp.prevalidate` decodes and
    validates in one pass is left undecoded (a :class:`LazyFunc` whose
    ``prevalidated`` is set); every other body is decoded here.
    """
    module = _ModuleDecoder(bytes(data), features, lazy_bodies).decode()
    if not lazy_bodies:
        check_module(module, features)
    return module


# the slot descriptors of a Func, which LazyFunc fills on first use
_LOCALS: Any = Func.__dict__["locals"]
_BODY: Any = Func.__dict__["body"]
_OFFSETS: Any = Func.__dict__["offsets"]


class LazyFunc(Func):
    """A :class:`~interp.types.Func` whose locals and body are decoded on first access.

    A warm start from the compiled-code cache needs no function body at all
    (every compiled function comes from the cache), so decoding them would
    be most of its start-up.  ``locals``/``body``/``offsets`` read exactly
    what the eager decoder would have produced, from the module's bytes.
    """

    __slots__ = ("_source", "prevalidated")

    def __init__(
        self, typeidx: int, data: bytes, pos: int, end: int, prevalidated: object = None
    ) -> None:
        self.typeidx = typeidx
        self.body_start = pos
        self._source: tuple[bytes, int, int] | None = (data, pos, end)
        self.prevalidated = prevalidated
        """The validation context (:func:`interp.prevalidate.context_key`) in
        which :mod:`interp.prevalidate` found the body valid, while the body
        is still undecoded (so unchanged since it was checked); else None.
        Such a body holds plain MVP instructions only and number-typed
        locals.  A plain slot, not a property: ``validate_module`` and
        ``uses.first_uses`` read it once per function."""

    def _force(self) -> None:
        source = self._source
        if source is None:
            return
        data, pos, end = source
        local_types, pos = _func_locals(data, pos)
        body: Expr = []
        offsets: list[int] = []
        after = decode_expr(data, pos, body, offsets)
        if after != end:
            raise _fail("section size mismatch", source[1])
        _LOCALS.__set__(self, local_types)
        _BODY.__set__(self, body)
        _OFFSETS.__set__(self, offsets)
        self._source = None
        self.prevalidated = None  # decoded: it may change from now on

    @property  # type: ignore[override]
    def locals(self) -> list[ValType]:
        self._force()
        return _LOCALS.__get__(self, LazyFunc)  # type: ignore[no-any-return]

    @locals.setter
    def locals(self, value: list[ValType]) -> None:
        self._force()
        _LOCALS.__set__(self, value)

    @property  # type: ignore[override]
    def body(self) -> Expr:
        self._force()
        return _BODY.__get__(self, LazyFunc)  # type: ignore[no-any-return]

    @body.setter
    def body(self, value: Expr) -> None:
        self._force()
        _BODY.__set__(self, value)

    @property  # type: ignore[override]
    def offsets(self) -> list[int]:
        self._force()
        return _OFFSETS.__get__(self, LazyFunc)  # type: ignore[no-any-return]

    @offsets.setter
    def offsets(self, value: list[int]) -> None:
        self._force()
        _OFFSETS.__set__(self, value)
