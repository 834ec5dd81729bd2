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

from collections.abc import Callable, Iterable
from operator import attrgetter
from typing import Any, Literal

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


# -- records ----------------------------------------------------------------------
#
# The classes below are what ``@dataclass(slots=True)`` (``frozen=True`` for
# the types) would generate, written once in two base classes: creating a
# dataclass compiles its methods with ``exec`` when the module is imported,
# about 0.5 ms per class, 10 ms for this module -- a tenth of a warm
# ``nanowasm run`` (bench/README.md).  Same behaviour: keyword or positional
# construction, ``repr`` as a dataclass's, equality field by field between
# objects of the same class, structural hashing of the frozen (type)
# records, mutable records unhashable.


class FrozenInstanceError(AttributeError):
    """Assigning to a field of a type record (as ``dataclasses.FrozenInstanceError``)."""


class _Record:
    """Fields, ``repr`` and equality from ``_fields`` (the slots that hold data)."""

    __slots__ = ()
    _fields: tuple[str, ...] = ()
    _key: Callable[[Any], Any]

    def __init_subclass__(cls) -> None:
        # the field values as one tuple, in C (operator.attrgetter)
        get = attrgetter(*cls._fields) if cls._fields else (lambda _self: ())
        cls._key = staticmethod(get if len(cls._fields) != 1 else lambda self: (get(self),))  # type: ignore[method-assign, assignment]

    def __repr__(self) -> str:
        shown = ", ".join(f"{n}={getattr(self, n)!r}" for n in self._fields)
        return f"{type(self).__qualname__}({shown})"

    def __eq__(self, other: object) -> bool:
        if other.__class__ is self.__class__:
            return bool(self._key(self) == self._key(other))
        return NotImplemented

    __hash__ = None  # type: ignore[assignment]  # mutable records, as dataclasses


class _Frozen(_Record):
    """A type: immutable once built, hashed by its fields."""

    __slots__ = ()

    def __hash__(self) -> int:  # type: ignore[override]  # _Record's is None: unhashable
        return hash(self._key(self))

    def __setattr__(self, name: str, value: object) -> None:
        raise FrozenInstanceError(f"cannot assign to field {name!r}")

    def __delattr__(self, name: str) -> None:
        raise FrozenInstanceError(f"cannot delete field {name!r}")

    def __getstate__(self) -> tuple[Any, ...]:
        return tuple(self._key(self))

    def __setstate__(self, state: tuple[Any, ...]) -> None:
        for name, value in zip(self._fields, state, strict=True):
            object.__setattr__(self, name, value)


_set = object.__setattr__  # a frozen record's __init__ sets its own fields


# -- composite types (spec 2.3.5 - 2.3.10, 3.0 2.3.8 - 2.3.11) ---------------------


def _valtypes(ts: object) -> tuple[ValType, ...]:
    return tuple(valtype(t) for t in ts)  # type: ignore[attr-defined]


class FuncType(_Frozen):
    """``[t1*] -> [t2*]``; frozen and built from interned value types, so it
    hashes structurally (the canonicalizer relies on that).  Value types may
    be given by name (``FuncType(("i32",), ())``)."""

    __slots__ = _fields = ("params", "results")
    params: tuple[ValType, ...]
    results: tuple[ValType, ...]

    def __init__(self, params: Iterable[ValType | str], results: Iterable[ValType | str]) -> None:
        _set(self, "params", _valtypes(params))
        _set(self, "results", _valtypes(results))

    def __str__(self) -> str:
        return f"[{' '.join(map(str, self.params))}] -> [{' '.join(map(str, self.results))}]"


class FieldType(_Frozen):
    """A struct field or array element: storage type and mutability (3.0 2.3.9)."""

    __slots__ = _fields = ("storage", "mutable")
    storage: StorageType
    mutable: bool

    def __init__(self, storage: StorageType, mutable: bool) -> None:
        _set(self, "storage", storage)
        _set(self, "mutable", mutable)

    def __str__(self) -> str:
        return f"(mut {self.storage})" if self.mutable else str(self.storage)


class StructType(_Frozen):
    __slots__ = _fields = ("fields",)
    fields: tuple[FieldType, ...]

    def __init__(self, fields: tuple[FieldType, ...]) -> None:
        _set(self, "fields", fields)

    def __str__(self) -> str:
        return "(struct" + "".join(f" (field {f})" for f in self.fields) + ")"


class ArrayType(_Frozen):
    __slots__ = _fields = ("field",)
    field: FieldType

    def __init__(self, field: FieldType) -> None:
        _set(self, "field", field)

    def __str__(self) -> str:
        return f"(array {self.field})"


CompType = FuncType | StructType | ArrayType


class SubType(_Frozen):
    """``sub final? x* (describes y)? (descriptor z)? comptype`` (3.0 spec
    2.3.10; the clauses are the custom-descriptors proposal's).

    ``supers``, ``describes`` and ``descriptor`` are type indices in a
    decoded module, ``RecIdx``/``DefType`` in a rolled or canonical group.
    A type written without ``sub`` is final with no supertypes.
    ``describes`` is the type this one is the descriptor of, ``descriptor``
    the type of this type's descriptors (``None``: no such clause).
    """

    __slots__ = _fields = ("final", "supers", "comp", "describes", "descriptor")
    final: bool
    supers: tuple[object, ...]
    comp: CompType
    describes: object
    descriptor: object

    def __init__(
        self,
        final: bool,
        supers: tuple[object, ...],
        comp: CompType,
        describes: object = None,
        descriptor: object = None,
    ) -> None:
        _set(self, "final", final)
        _set(self, "supers", supers)
        _set(self, "comp", comp)
        _set(self, "describes", describes)
        _set(self, "descriptor", descriptor)

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


class RecType(_Frozen):
    """A recursion group ``rec subtype*`` (3.0 spec 2.3.11)."""

    __slots__ = _fields = ("subs",)
    subs: tuple[SubType, ...]

    def __init__(self, subs: tuple[SubType, ...]) -> None:
        _set(self, "subs", subs)


class Limits(_Frozen):
    """``min``/``max``; ``addr64``: the address type is i64 (memory64/table64,
    limits flag bit 2, spec 5.3.7)."""

    __slots__ = _fields = ("min", "max", "addr64")
    min: int
    max: int | None
    addr64: bool

    def __init__(self, min: int, max: int | None = None, addr64: bool = False) -> None:
        _set(self, "min", min)
        _set(self, "max", max)
        _set(self, "addr64", addr64)

    @property
    def addrtype(self) -> NumType:
        """The address type (spec 2.3.9): the value type of addresses and sizes."""
        return I64 if self.addr64 else I32


class TableType(_Frozen):
    __slots__ = _fields = ("limits", "elemtype")
    limits: Limits
    elemtype: ValType

    def __init__(self, limits: Limits, elemtype: ValType | str) -> None:
        _set(self, "limits", limits)
        _set(self, "elemtype", valtype(elemtype))


class MemType(_Frozen):
    """``shared``: threads, limits flag bit 1 (spec of the threads proposal).

    ``page_log2`` (custom page sizes): log2 of the page size written in the
    type (limits flag bit 3), None when absent (the 64 KiB default).  As in
    wasmparser, an explicit ``(pagesize 65536)`` is kept apart from none,
    because writing it uses the proposal; the *page size*
    (:attr:`page_shift`) is what validation, matching and execution look at.
    """

    __slots__ = _fields = ("limits", "shared", "page_log2")
    limits: Limits
    shared: bool
    page_log2: int | None

    def __init__(self, limits: Limits, shared: bool = False, page_log2: int | None = None) -> None:
        _set(self, "limits", limits)
        _set(self, "shared", shared)
        _set(self, "page_log2", page_log2)

    @property
    def page_shift(self) -> int:
        """log2 of the page size in bytes: 16 (64 KiB) unless the type says otherwise."""
        return 16 if self.page_log2 is None else self.page_log2

    @property
    def page_size(self) -> int:
        return 1 << self.page_shift


_valtype_of = valtype


class GlobalType(_Frozen):
    __slots__ = _fields = ("valtype", "mutable")
    valtype: ValType
    mutable: bool

    def __init__(self, valtype: ValType | str, mutable: bool) -> None:
        _set(self, "valtype", _valtype_of(valtype))
        _set(self, "mutable", mutable)

    def __str__(self) -> str:
        return f"(mut {self.valtype})" if self.mutable else str(self.valtype)


class TagType(_Frozen):
    """A tag's type (3.0 spec 2.3.10, "Tag Types"): a function type with no
    results, named by its index so that linking compares the defined types."""

    __slots__ = _fields = ("typeidx",)
    typeidx: int

    def __init__(self, typeidx: int) -> None:
        _set(self, "typeidx", typeidx)


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


class Import(_Record):
    __slots__ = _fields = ("module", "name", "kind", "desc", "exact")
    module: str
    name: str
    kind: ImportKind
    # func: type index (int); table: TableType; memory: MemType; global: GlobalType;
    # tag: TagType
    desc: int | TableType | MemType | GlobalType | TagType
    # func only: an exact import ``(func (exact (type x)))`` (custom-descriptors
    # proposal, "Exact Function Imports"): the function must have type x itself
    exact: bool

    def __init__(
        self,
        module: str,
        name: str,
        kind: ImportKind,
        desc: int | TableType | MemType | GlobalType | TagType,
        exact: bool = False,
    ) -> None:
        self.module = module
        self.name = name
        self.kind = kind
        self.desc = desc
        self.exact = exact


class Export(_Record):
    __slots__ = _fields = ("name", "kind", "index")
    name: str
    kind: ImportKind
    index: int

    def __init__(self, name: str, kind: ImportKind, index: int) -> None:
        self.name = name
        self.kind = kind
        self.index = index


class Func(_Record):
    """A function defined in the module (not imported)."""

    __slots__ = _fields = ("typeidx", "locals", "body", "offsets", "body_start")
    typeidx: int
    locals: list[ValType]  # declared locals only, params excluded
    body: Expr
    # byte offset of each instruction of ``body`` in the module binary, for
    # diagnostics and tracing; may be empty when unknown
    offsets: list[int]
    # byte offset of its locals declaration (its code entry after the size), the
    # origin of the offsets of code metadata such as branch hints; None when unknown
    body_start: int | None

    def __init__(
        self,
        typeidx: int,
        locals: list[ValType],
        body: Expr,
        offsets: list[int] | None = None,
        body_start: int | None = None,
    ) -> None:
        self.typeidx = typeidx
        self.locals = locals
        self.body = body
        self.offsets = [] if offsets is None else offsets
        self.body_start = body_start


class Global(_Record):
    __slots__ = _fields = ("type", "init")
    type: GlobalType
    init: Expr

    def __init__(self, type: GlobalType, init: Expr) -> None:
        self.type = type
        self.init = init


ElemMode = Literal["passive", "active", "declarative"]


class Elem(_Record):
    __slots__ = _fields = ("type", "init", "mode", "table", "offset", "uses_exprs")
    type: ValType  # a reference type
    init: list[Expr]  # one constant expression per element
    mode: ElemMode
    table: int
    offset: Expr | None
    # encoded with expressions (flags bit 2) rather than function indices:
    # the same segment, but a reference-types encoding (interp.uses)
    uses_exprs: bool

    def __init__(
        self,
        type: ValType,
        init: list[Expr],
        mode: ElemMode,
        table: int = 0,
        offset: Expr | None = None,
        uses_exprs: bool = False,
    ) -> None:
        self.type = type
        self.init = init
        self.mode = mode
        self.table = table
        self.offset = offset
        self.uses_exprs = uses_exprs


DataMode = Literal["passive", "active"]


class Data(_Record):
    __slots__ = _fields = ("init", "mode", "memory", "offset")
    init: bytes
    mode: DataMode
    memory: int
    offset: Expr | None

    def __init__(
        self, init: bytes, mode: DataMode, memory: int = 0, offset: Expr | None = None
    ) -> None:
        self.init = init
        self.mode = mode
        self.memory = memory
        self.offset = offset


class Custom(_Record):
    __slots__ = _fields = ("name", "data")
    name: str
    data: bytes

    def __init__(self, name: str, data: bytes) -> None:
        self.name = name
        self.data = data


class Module(_Record):
    __slots__ = _fields = (
        "types", "rectypes", "imports", "funcs", "tables", "table_inits", "mems", "globals",
        "tags", "elems", "datas", "start", "exports", "customs", "data_count", "func_names",
    )  # fmt: skip
    # the composite type of every type index, flattened from ``rectypes``
    types: list[CompType]
    # the type section's recursion groups (3.0); empty for a module built by
    # hand from ``types`` alone, where each type is its own final group
    rectypes: list[RecType]
    imports: list[Import]
    funcs: list[Func]
    tables: list[TableType]
    # per defined table: its initializer expression (3.0), None = ref.null
    table_inits: list[Expr | None]
    mems: list[MemType]
    globals: list[Global]
    tags: list[TagType]
    elems: list[Elem]
    datas: list[Data]
    start: int | None
    exports: list[Export]
    customs: list[Custom]
    data_count: int | None
    # function names from the "name" custom section (funcidx -> name), if any
    func_names: dict[int, str]

    def __init__(
        self,
        types: list[CompType] | None = None,
        rectypes: list[RecType] | None = None,
        imports: list[Import] | None = None,
        funcs: list[Func] | None = None,
        tables: list[TableType] | None = None,
        table_inits: list[Expr | None] | None = None,
        mems: list[MemType] | None = None,
        globals: list[Global] | None = None,
        tags: list[TagType] | None = None,
        elems: list[Elem] | None = None,
        datas: list[Data] | None = None,
        start: int | None = None,
        exports: list[Export] | None = None,
        customs: list[Custom] | None = None,
        data_count: int | None = None,
        func_names: dict[int, str] | None = None,
    ) -> None:
        self.types = [] if types is None else types
        self.rectypes = [] if rectypes is None else rectypes
        self.imports = [] if imports is None else imports
        self.funcs = [] if funcs is None else funcs
        self.tables = [] if tables is None else tables
        self.table_inits = [] if table_inits is None else table_inits
        self.mems = [] if mems is None else mems
        self.globals = [] if globals is None else globals
        self.tags = [] if tags is None else tags
        self.elems = [] if elems is None else elems
        self.datas = [] if datas is None else datas
        self.start = start
        self.exports = [] if exports is None else exports
        self.customs = [] if customs is None else customs
        self.data_count = data_count
        self.func_names = {} if func_names is None else func_names

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
