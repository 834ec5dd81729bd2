"""Abstract syntax of modules and types (spec chapter 2, "Structure").

The decoder (:mod:`interp.binary`) produces these objects, the validator
(:mod:`interp.validate`) checks them and the runtime (:mod:`interp.runtime`)
instantiates them.  They mirror the spec's abstract syntax closely so that
each rule of the spec can be found again in the code.

Value types are interned objects that print in text-format syntax (see
"value types" below); recursion groups and sub types follow the 3.0 spec.

Instructions are tuples ``(opcode, *immediates)`` where ``opcode`` is the key
of the instruction in :data:`interp.opcodes.OPCODES` and the immediates are
decoded values (see :mod:`interp.opcodes` for the layout of each kind).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Literal

from .records import field, record

# -- value types (spec 2.3.1 - 2.3.4, 3.0 "Types") -----------------------------
#
# Number, vector and packed types and abstract heap types are ``str``
# subclasses with one instance each: they print in text-format syntax and
# the executor's dispatch on them ("is this an i32?") stays a cheap identity
# or string test.  Reference types are interned :class:`RefType` objects, so
# the same nullability and heap type is always the same object.  Whether one
# type *matches* another (subtyping) is only ever decided by
# :mod:`interp.match`.


class NumType(str):
    """``i32``, ``i64``, ``f32``, ``f64`` (spec 2.3.1)."""

    __slots__ = ()


class VecType(str):
    """``v128`` (spec 2.3.2)."""

    __slots__ = ()


class PackedType(str):
    """``i8``, ``i16``: storage types of struct and array fields (3.0, 2.3.9)."""

    __slots__ = ()


class AbsHeapType(str):
    """An abstract heap type (3.0 spec 2.3.3): ``func``, ``any``, ``none`` ..."""

    __slots__ = ()


I32 = NumType("i32")
I64 = NumType("i64")
F32 = NumType("f32")
F64 = NumType("f64")
V128 = VecType("v128")
I8 = PackedType("i8")
I16 = PackedType("i16")

FUNC = AbsHeapType("func")
NOFUNC = AbsHeapType("nofunc")
EXTERN = AbsHeapType("extern")
NOEXTERN = AbsHeapType("noextern")
ANY = AbsHeapType("any")
EQ = AbsHeapType("eq")
I31 = AbsHeapType("i31")
STRUCT = AbsHeapType("struct")
ARRAY = AbsHeapType("array")
NONE = AbsHeapType("none")
EXN = AbsHeapType("exn")
NOEXN = AbsHeapType("noexn")
ABS_HEAP_TYPES = (FUNC, NOFUNC, EXTERN, NOEXTERN, ANY, EQ, I31, STRUCT, ARRAY, NONE, EXN, NOEXN)
# The validator's bottom heap type: ``(ref bot)`` is what an instruction that
# needs a reference sees when it pops from unreachable code (reference
# interpreter: ``BotHT``); it matches every heap type and is never written.
BOT = AbsHeapType("bot")


class RecIdx:
    """A reference to the ``index``-th type of the enclosing recursion group.

    Only occurs inside a *rolled* recursion group (3.0 spec, "Type
    equivalence": ``rec.i``), the form in which groups are compared and
    canonicalized by :mod:`interp.deftypes`.  Interned.
    """

    __slots__ = ("index",)
    _cache: dict[int, RecIdx] = {}
    index: int

    def __new__(cls, index: int) -> RecIdx:
        r = cls._cache.get(index)
        if r is None:
            r = object.__new__(cls)
            r.index = index
            cls._cache[index] = r
        return r

    def __reduce__(self) -> tuple[object, ...]:
        return (RecIdx, (self.index,))

    def __repr__(self) -> str:
        return f"rec.{self.index}"


class Exact:
    """The exact heap type ``(exact x)`` (custom-descriptors proposal, "Exact
    Types"): the values of defined type ``x`` itself, not of its subtypes.

    ``base`` is a type index, a :class:`RecIdx` or a canonical ``DefType``,
    never an abstract heap type (the binary format cannot express one).
    Interned, like the other heap types, so reference types containing it
    compare by identity.
    """

    __slots__ = ("base",)
    _cache: dict[tuple[type, object], Exact] = {}
    base: object

    def __new__(cls, base: object) -> Exact:
        key = (base.__class__, base)
        r = cls._cache.get(key)
        if r is None:
            r = object.__new__(cls)
            r.base = base
            cls._cache[key] = r
        return r

    def __reduce__(self) -> tuple[object, ...]:
        return (Exact, (self.base,))

    def __str__(self) -> str:
        base = self.base
        return f"(exact {'$' + str(base) if isinstance(base, int) else base})"

    def __repr__(self) -> str:
        return str(self)


def inexact(h: object) -> object:
    """``h`` without exactness: the defined type (or index) an exact heap type names."""
    return h.base if h.__class__ is Exact else h  # type: ignore[attr-defined]


# A heap type: abstract, a type index of the module (during decoding and
# validation), a RecIdx (inside a rolled recursion group), a canonical
# defined type (interp.deftypes.DefType, at runtime and in the matcher), or
# one of the last three made exact (Exact, custom descriptors).
HeapType = object


_REF_SHORTHANDS = {
    FUNC: "funcref",
    NOFUNC: "nullfuncref",
    EXTERN: "externref",
    NOEXTERN: "nullexternref",
    ANY: "anyref",
    EQ: "eqref",
    I31: "i31ref",
    STRUCT: "structref",
    ARRAY: "arrayref",
    NONE: "nullref",
    EXN: "exnref",
    NOEXN: "nullexnref",
}


class RefType:
    """``(ref null? ht)`` (3.0 spec 2.3.3), interned.

    ``RefType(True, FUNC)`` is always the same object (``FUNCREF``), so
    structures that contain reference types (function types, rolled
    recursion groups) hash and compare structurally through identity.
    """

    __slots__ = ("heap", "nullable")
    _cache: dict[tuple[bool, type, object], RefType] = {}

    heap: HeapType
    nullable: bool

    def __new__(cls, nullable: bool, heap: HeapType) -> RefType:
        key = (bool(nullable), heap.__class__, heap)
        r = cls._cache.get(key)
        if r is None:
            r = object.__new__(cls)
            r.nullable = bool(nullable)
            r.heap = heap
            cls._cache[key] = r
        return r

    def __reduce__(self) -> tuple[object, ...]:
        return (RefType, (self.nullable, self.heap))

    def __str__(self) -> str:
        if self.nullable and self.heap in _REF_SHORTHANDS and isinstance(self.heap, AbsHeapType):
            return _REF_SHORTHANDS[self.heap]
        heap = self.heap
        shown = f"${heap}" if isinstance(heap, int) else str(heap)
        return f"(ref null {shown})" if self.nullable else f"(ref {shown})"

    def __repr__(self) -> str:
        return str(self)


FUNCREF = RefType(True, FUNC)
EXTERNREF = RefType(True, EXTERN)
EXNREF = RefType(True, EXN)  # exception references (3.0, exception handling)
EXN_NONNULL = RefType(False, EXN)  # ``(ref exn)``: what catch_ref delivers

ValType = NumType | VecType | RefType
StorageType = ValType | PackedType
NUM_TYPES = frozenset((I32, I64, F32, F64))
VEC_TYPES = frozenset((V128,))

# Binary encodings (3.0 spec 5.3): number and vector types, and the one-byte
# heap type codes, which double as the shorthand reference types
# ``(ref null ht)`` in value type position.
NUMVEC_CODES: dict[int, NumType | VecType] = {
    0x7F: I32,
    0x7E: I64,
    0x7D: F32,
    0x7C: F64,
    0x7B: V128,
}
HEAPTYPE_CODES: dict[int, AbsHeapType] = {
    0x73: NOFUNC,
    0x72: NOEXTERN,
    0x71: NONE,
    0x70: FUNC,
    0x6F: EXTERN,
    0x6E: ANY,
    0x6D: EQ,
    0x6C: I31,
    0x6B: STRUCT,
    0x6A: ARRAY,
    0x69: EXN,
    0x74: NOEXN,
}
PACKED_CODES: dict[int, PackedType] = {0x78: I8, 0x77: I16}
VALTYPE_CODES: dict[int, ValType] = {
    **NUMVEC_CODES,
    **{code: RefType(True, ht) for code, ht in HEAPTYPE_CODES.items()},
}
"""One-byte value types (the 2.0 set plus the 3.0 shorthands)."""

_BY_TEXT: dict[str, ValType] = {str(t): t for t in VALTYPE_CODES.values()}


def valtype(text: object) -> ValType:
    """The value type written ``text`` (``"i32"``, ``"funcref"`` ...).

    Accepts a value type and returns it unchanged, so APIs may take either
    (``FuncType(("i32",), ())`` is ``FuncType((I32,), ())``).
    """
    if isinstance(text, RefType):
        return text
    t = _BY_TEXT.get(text)  # type: ignore[call-overload]
    if t is None:
        raise ValueError(f"unknown value type {text!r}")
    return t


def is_num(t: object) -> bool:
    return isinstance(t, NumType)


def is_vec(t: object) -> bool:
    return isinstance(t, VecType)


def is_ref(t: object) -> bool:
    return isinstance(t, RefType)


def default_value(t: ValType) -> object:
    """The default value of a type (spec 4.2.1): zero, or the null reference.

    Internal representation (shared by runtime and executor):
    i32/i64/v128 are non-negative ``int`` bit patterns, f32/f64 are ``float``
    (f32 holds an exactly representable single, see :mod:`interp.numerics`),
    references are ``None`` (null) or a runtime object.  Non-nullable
    reference types have no default; ``None`` stands for "unset" there.
    """
    if t is I32 or t is I64 or t is V128:
        return 0
    if t is F32 or t is F64:
        return 0.0
    return None


# -- composite types (spec 2.3.5 - 2.3.10, 3.0 2.3.8 - 2.3.11) ---------------------


def _valtypes(ts: object) -> tuple[ValType, ...]:
    return tuple(valtype(t) for t in ts)  # type: ignore[attr-defined]


@record(frozen=True, slots=True, init=False)
class FuncType:
    """``[t1*] -> [t2*]``; frozen and built from interned value types, so it
    hashes structurally (the canonicalizer relies on that).  Value types may
    be given by name (``FuncType(("i32",), ())``)."""

    params: tuple[ValType, ...]
    results: tuple[ValType, ...]

    def __init__(self, params: Iterable[ValType | str], results: Iterable[ValType | str]) -> None:
        object.__setattr__(self, "params", _valtypes(params))
        object.__setattr__(self, "results", _valtypes(results))

    def __str__(self) -> str:
        return f"[{' '.join(map(str, self.params))}] -> [{' '.join(map(str, self.results))}]"


@record(frozen=True, slots=True)
class FieldType:
    """A struct field or array element: storage type and mutability (3.0 2.3.9)."""

    storage: StorageType
    mutable: bool

    def __str__(self) -> str:
        return f"(mut {self.storage})" if self.mutable else str(self.storage)


@record(frozen=True, slots=True)
class StructType:
    fields: tuple[FieldType, ...]

    def __str__(self) -> str:
        return "(struct" + "".join(f" (field {f})" for f in self.fields) + ")"


@record(frozen=True, slots=True)
class ArrayType:
    field: FieldType

    def __str__(self) -> str:
        return f"(array {self.field})"


CompType = FuncType | StructType | ArrayType


@record(frozen=True, slots=True)
class SubType:
    """``sub final? x* (describes y)? (descriptor z)? comptype`` (3.0 spec
    2.3.10; the clauses are the custom-descriptors proposal's).

    ``supers``, ``describes`` and ``descriptor`` are type indices in a
    decoded module, ``RecIdx``/``DefType`` in a rolled or canonical group.
    A type written without ``sub`` is final with no supertypes.
    """

    final: bool
    supers: tuple[object, ...]
    comp: CompType
    describes: object = None
    """The type this one is the descriptor of (``None``: no clause)."""
    descriptor: object = None
    """The type of this type's descriptors (``None``: no clause)."""

    def __str__(self) -> str:
        comp = str(self.comp)
        if self.descriptor is not None:
            comp = f"(descriptor {self.descriptor}) {comp}"
        if self.describes is not None:
            comp = f"(describes {self.describes}) {comp}"
        if self.final and not self.supers:
            return comp
        head = "sub final" if self.final else "sub"
        return f"({head}{''.join(f' {s}' for s in self.supers)} {comp})"


@record(frozen=True, slots=True)
class RecType:
    """A recursion group ``rec subtype*`` (3.0 spec 2.3.11)."""

    subs: tuple[SubType, ...]


@record(frozen=True, slots=True)
class Limits:
    min: int
    max: int | None = None
    addr64: bool = False
    """The address type is i64 (memory64/table64, limits flag bit 2, spec 5.3.7)."""

    @property
    def addrtype(self) -> NumType:
        """The address type (spec 2.3.9): the value type of addresses and sizes."""
        return I64 if self.addr64 else I32


@record(frozen=True, slots=True, init=False)
class TableType:
    limits: Limits
    elemtype: ValType

    def __init__(self, limits: Limits, elemtype: ValType | str) -> None:
        object.__setattr__(self, "limits", limits)
        object.__setattr__(self, "elemtype", valtype(elemtype))


@record(frozen=True, slots=True)
class MemType:
    limits: Limits
    shared: bool = False  # threads: limits flag bit 1 (spec of the threads proposal)
    page_log2: int | None = None
    """custom page sizes: log2 of the page size written in the type (limits
    flag bit 3), None when absent (the 64 KiB default).  As in wasmparser, an
    explicit ``(pagesize 65536)`` is kept apart from none, because writing it
    uses the proposal; the *page size* (:attr:`page_shift`) is what validation,
    matching and execution look at."""

    @property
    def page_shift(self) -> int:
        """log2 of the page size in bytes: 16 (64 KiB) unless the type says otherwise."""
        return 16 if self.page_log2 is None else self.page_log2

    @property
    def page_size(self) -> int:
        return 1 << self.page_shift


_valtype_of = valtype


@record(frozen=True, slots=True, init=False)
class GlobalType:
    valtype: ValType
    mutable: bool

    def __init__(self, valtype: ValType | str, mutable: bool) -> None:
        object.__setattr__(self, "valtype", _valtype_of(valtype))
        object.__setattr__(self, "mutable", mutable)

    def __str__(self) -> str:
        return f"(mut {self.valtype})" if self.mutable else str(self.valtype)


@record(frozen=True, slots=True)
class TagType:
    """A tag's type (3.0 spec 2.3.10, "Tag Types"): a function type with no
    results, named by its index so that linking compares the defined types."""

    typeidx: int


ExternType = FuncType | TableType | MemType | GlobalType

# -- instructions ----------------------------------------------------------------

# (opcode, *immediates); see interp.opcodes for the immediate layout per kind.
Instr = tuple
Expr = list  # list[Instr], *without* the final ``end``

# Block types (spec 2.4.6 / 5.4.1): None = [] -> [], a ValType = [] -> [t],
# an int = index into the module's types (a value type is never an int).
BlockType = None | ValType | int

# -- modules (spec 2.5) ----------------------------------------------------------

ImportKind = Literal["func", "table", "memory", "global", "tag"]


@record(slots=True)
class Import:
    module: str
    name: str
    kind: ImportKind
    # func: type index (int); table: TableType; memory: MemType; global: GlobalType;
    # tag: TagType
    desc: int | TableType | MemType | GlobalType | TagType
    # func only: an exact import ``(func (exact (type x)))`` (custom-descriptors
    # proposal, "Exact Function Imports"): the function must have type x itself
    exact: bool = False


@record(slots=True)
class Export:
    name: str
    kind: ImportKind
    index: int


@record(slots=True)
class Func:
    """A function defined in the module (not imported)."""

    typeidx: int
    locals: list[ValType]  # declared locals only, params excluded
    body: Expr
    # byte offset of each instruction of ``body`` in the module binary, for
    # diagnostics and tracing; may be empty when unknown
    offsets: list[int] = field(default_factory=list)
    # byte offset of its locals declaration (its code entry after the size), the
    # origin of the offsets of code metadata such as branch hints; None when unknown
    body_start: int | None = None


@record(slots=True)
class Global:
    type: GlobalType
    init: Expr


ElemMode = Literal["passive", "active", "declarative"]


@record(slots=True)
class Elem:
    type: ValType  # a reference type
    init: list[Expr]  # one constant expression per element
    mode: ElemMode
    table: int = 0
    offset: Expr | None = None
    # encoded with expressions (flags bit 2) rather than function indices:
    # the same segment, but a reference-types encoding (interp.uses)
    uses_exprs: bool = False


DataMode = Literal["passive", "active"]


@record(slots=True)
class Data:
    init: bytes
    mode: DataMode
    memory: int = 0
    offset: Expr | None = None


@record(slots=True)
class Custom:
    name: str
    data: bytes


@record(slots=True)
class Module:
    # the composite type of every type index, flattened from ``rectypes``
    types: list[CompType] = field(default_factory=list)  # type: ignore[assignment]
    # the type section's recursion groups (3.0); empty for a module built by
    # hand from ``types`` alone, where each type is its own final group
    rectypes: list[RecType] = field(default_factory=list)
    imports: list[Import] = field(default_factory=list)
    funcs: list[Func] = field(default_factory=list)
    tables: list[TableType] = field(default_factory=list)
    # per defined table: its initializer expression (3.0), None = ref.null
    table_inits: list[Expr | None] = field(default_factory=list)
    mems: list[MemType] = field(default_factory=list)
    globals: list[Global] = field(default_factory=list)
    tags: list[TagType] = field(default_factory=list)
    elems: list[Elem] = field(default_factory=list)
    datas: list[Data] = field(default_factory=list)
    start: int | None = None
    exports: list[Export] = field(default_factory=list)
    customs: list[Custom] = field(default_factory=list)
    data_count: int | None = None
    # function names from the "name" custom section (funcidx -> name), if any
    func_names: dict[int, str] = field(default_factory=dict)

    def rec_groups(self) -> list[RecType]:
        """The recursion groups defining ``types``, in order."""
        if self.rectypes or not self.types:
            return self.rectypes
        return [RecType((SubType(True, (), t),)) for t in self.types]

    # -- index spaces (spec 2.5.1): imports come first ---------------------------

    def imported(self, kind: ImportKind) -> list[Import]:
        return [imp for imp in self.imports if imp.kind == kind]

    def func_types(self) -> list[FuncType]:
        """Type of every function in the function index space."""
        out = [self.types[imp.desc] for imp in self.imports if imp.kind == "func"]  # type: ignore[index]
        out.extend(self.types[f.typeidx] for f in self.funcs)  # type: ignore[misc]
        return out  # type: ignore[return-value]

    def table_types(self) -> list[TableType]:
        out = [imp.desc for imp in self.imports if imp.kind == "table"]
        return out + list(self.tables)  # type: ignore[operator, return-value]

    def mem_types(self) -> list[MemType]:
        out = [imp.desc for imp in self.imports if imp.kind == "memory"]
        return out + list(self.mems)  # type: ignore[operator, return-value]

    def tag_types(self) -> list[TagType]:
        out = [imp.desc for imp in self.imports if imp.kind == "tag"]
        return out + list(self.tags)  # type: ignore[operator, return-value]

    def global_types(self) -> list[GlobalType]:
        out = [imp.desc for imp in self.imports if imp.kind == "global"]
        return out + [g.type for g in self.globals]  # type: ignore[operator, return-value]
