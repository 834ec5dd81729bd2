"""Abstract syntax of modules and types (spec chapter 2, "Structure").

The decoder (:mod:`interp.binary`) produces these objects, the validator
(:mod:`interp.validate`) checks them and the runtime (:mod:`interp.runtime`)
instantiates them.  They mirror the spec's abstract syntax closely so that
each rule of the spec can be found again in the code.

Value types are plain strings (``"i32"``, ``"funcref"`` ...): they print
well in diagnostics and compare fast.

Instructions are tuples ``(opcode, *immediates)`` where ``opcode`` is the key
of the instruction in :data:`interp.opcodes.OPCODES` and the immediates are
decoded values (see :mod:`interp.opcodes` for the layout of each kind).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

# -- value types (spec 2.3.1 - 2.3.4) ----------------------------------------

I32 = "i32"
I64 = "i64"
F32 = "f32"
F64 = "f64"
V128 = "v128"
FUNCREF = "funcref"
EXTERNREF = "externref"
EXNREF = "exnref"  # exception references (3.0 spec 2.3.3, exception handling)

ValType = str
NUM_TYPES = frozenset((I32, I64, F32, F64))
VEC_TYPES = frozenset((V128,))
REF_TYPES = frozenset((FUNCREF, EXTERNREF, EXNREF))
VAL_TYPES = NUM_TYPES | VEC_TYPES | REF_TYPES

# Binary encodings of value types (spec 5.3.1 - 5.3.4): one table used by the
# decoder (byte -> type) and anything that needs to encode (type -> byte).
VALTYPE_CODES: dict[int, ValType] = {
    0x7F: I32,
    0x7E: I64,
    0x7D: F32,
    0x7C: F64,
    0x7B: V128,
    0x70: FUNCREF,
    0x6F: EXTERNREF,
    0x69: EXNREF,
}
REFTYPE_CODES: dict[int, ValType] = {0x70: FUNCREF, 0x6F: EXTERNREF, 0x69: EXNREF}


def is_num(t: ValType) -> bool:
    return t in NUM_TYPES


def is_ref(t: ValType) -> bool:
    return t in REF_TYPES


def default_value(t: ValType) -> object:
    """The default value of a type (spec 4.2.1): zero, or the null reference.

    Internal representation (shared by runtime and executor):
    i32/i64/v128 are non-negative ``int`` bit patterns, f32/f64 are ``float``
    (f32 holds an exactly representable single, see :mod:`interp.numerics`),
    references are ``None`` (null) or a runtime object.
    """
    if t in (I32, I64, V128):
        return 0
    if t in (F32, F64):
        return 0.0
    return None


# -- composite types (spec 2.3.5 - 2.3.10) -------------------------------------


@dataclass(frozen=True, slots=True)
class FuncType:
    """``[t1*] -> [t2*]``; frozen so that structural equality is ``==``."""

    params: tuple[ValType, ...]
    results: tuple[ValType, ...]

    def __str__(self) -> str:
        return f"[{' '.join(self.params)}] -> [{' '.join(self.results)}]"


@dataclass(frozen=True, slots=True)
class Limits:
    min: int
    max: int | None = None


@dataclass(frozen=True, slots=True)
class TableType:
    limits: Limits
    elemtype: ValType


@dataclass(frozen=True, slots=True)
class MemType:
    limits: Limits


@dataclass(frozen=True, slots=True)
class GlobalType:
    valtype: ValType
    mutable: bool


@dataclass(frozen=True, slots=True)
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
# an int = index into the module's types.
BlockType = None | ValType | int

# -- modules (spec 2.5) ----------------------------------------------------------

ImportKind = Literal["func", "table", "memory", "global", "tag"]


@dataclass(slots=True)
class Import:
    module: str
    name: str
    kind: ImportKind
    # func: type index (int); table: TableType; memory: MemType; global: GlobalType;
    # tag: TagType
    desc: int | TableType | MemType | GlobalType | TagType


@dataclass(slots=True)
class Export:
    name: str
    kind: ImportKind
    index: int


@dataclass(slots=True)
class Func:
    """A function defined in the module (not imported)."""

    typeidx: int
    locals: list[ValType]  # declared locals only, params excluded
    body: Expr
    # byte offset of each instruction of ``body`` in the module binary, for
    # diagnostics and tracing; may be empty when unknown
    offsets: list[int] = field(default_factory=list)


@dataclass(slots=True)
class Global:
    type: GlobalType
    init: Expr


ElemMode = Literal["passive", "active", "declarative"]


@dataclass(slots=True)
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


@dataclass(slots=True)
class Data:
    init: bytes
    mode: DataMode
    memory: int = 0
    offset: Expr | None = None


@dataclass(slots=True)
class Custom:
    name: str
    data: bytes


@dataclass(slots=True)
class Module:
    types: list[FuncType] = field(default_factory=list)
    imports: list[Import] = field(default_factory=list)
    funcs: list[Func] = field(default_factory=list)
    tables: list[TableType] = field(default_factory=list)
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

    # -- index spaces (spec 2.5.1): imports come first ---------------------------

    def imported(self, kind: ImportKind) -> list[Import]:
        return [imp for imp in self.imports if imp.kind == kind]

    def func_types(self) -> list[FuncType]:
        """Type of every function in the function index space."""
        out = [self.types[imp.desc] for imp in self.imports if imp.kind == "func"]  # type: ignore[index]
        out.extend(self.types[f.typeidx] for f in self.funcs)
        return out

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
