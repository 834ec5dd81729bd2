"""Subtyping: the one place where types are compared (3.0 spec 3.3 "Matching").

Every question "may a value of type t1 be used where t2 is expected" -- in
the validator, at link time, in ``call_indirect`` and in casts -- is asked
here.  The model is the reference interpreter's ``valid/match.ml``.

Heap types that are type indices (in a module being validated) are resolved
through ``types``, the module's canonical defined types
(:func:`interp.deftypes.canonicalize`); at runtime heap types are already
canonical :class:`~interp.deftypes.DefType` objects and ``types`` is not
needed.  Defined types are equal exactly when they are the same object
(iso-recursive canonicalization), so no structural comparison of recursive
types ever happens here.

``None`` as an actual type is the validator's bottom type (an operand of
unreachable code): it matches everything.
"""

from __future__ import annotations

from collections.abc import Sequence

from .deftypes import DefType
from .types import (
    ANY,
    ARRAY,
    BOT,
    EQ,
    EXN,
    EXTERN,
    FUNC,
    I31,
    NOEXN,
    NOEXTERN,
    NOFUNC,
    NONE,
    STRUCT,
    AbsHeapType,
    ArrayType,
    CompType,
    Exact,
    FieldType,
    FuncType,
    GlobalType,
    Limits,
    MemType,
    RefType,
    StructType,
    TableType,
    ValType,
    inexact,
)

Types = Sequence[DefType]

# Abstract heap type -> the abstract types it is a subtype of (itself included);
# the bottom types (none, nofunc, noextern, noexn) also match every defined
# type of their hierarchy, see match_heaptype.
_ABS_SUPERS: dict[AbsHeapType, frozenset[AbsHeapType]] = {
    ANY: frozenset((ANY,)),
    EQ: frozenset((EQ, ANY)),
    I31: frozenset((I31, EQ, ANY)),
    STRUCT: frozenset((STRUCT, EQ, ANY)),
    ARRAY: frozenset((ARRAY, EQ, ANY)),
    NONE: frozenset((NONE, I31, STRUCT, ARRAY, EQ, ANY)),
    FUNC: frozenset((FUNC,)),
    NOFUNC: frozenset((NOFUNC, FUNC)),
    EXTERN: frozenset((EXTERN,)),
    NOEXTERN: frozenset((NOEXTERN, EXTERN)),
    EXN: frozenset((EXN,)),
    NOEXN: frozenset((NOEXN, EXN)),
}

# A defined type's composite kind -> the abstract types above it.
_COMP_SUPERS: dict[type, frozenset[AbsHeapType]] = {
    FuncType: frozenset((FUNC,)),
    StructType: frozenset((STRUCT, EQ, ANY)),
    ArrayType: frozenset((ARRAY, EQ, ANY)),
}

# The bottom of each hierarchy, by top.
_BOTTOM_OF_TOP = {ANY: NONE, FUNC: NOFUNC, EXTERN: NOEXTERN, EXN: NOEXN}


def _resolve(h: object, types: Types) -> object:
    if isinstance(h, int):
        return types[h]
    if h.__class__ is Exact and isinstance(h.base, int):  # type: ignore[attr-defined]
        return Exact(types[h.base])  # type: ignore[attr-defined]
    return h


def top_heaptype(h: object, types: Types = ()) -> AbsHeapType:
    """The top of ``h``'s hierarchy: ``any``, ``func``, ``extern`` or ``exn``."""
    h = inexact(_resolve(h, types))
    if isinstance(h, DefType):
        return FUNC if isinstance(h.comp, FuncType) else ANY
    for top in (ANY, FUNC, EXTERN, EXN):
        if top in _ABS_SUPERS[h]:  # type: ignore[index]
            return top
    raise AssertionError(h)


def bottom_heaptype(h: object, types: Types = ()) -> AbsHeapType:
    """The bottom of ``h``'s hierarchy: ``none``, ``nofunc``, ``noextern`` or ``noexn``."""
    return _BOTTOM_OF_TOP[top_heaptype(h, types)]


def match_deftype(d1: DefType, d2: DefType) -> bool:
    """``d1`` is ``d2`` or one of its declared supertypes, transitively."""
    while True:
        if d1 is d2:
            return True
        if not d1.supers:
            return False
        d1 = d1.supers[0]  # at most one supertype (3.0 spec 3.2.9, checked by validation)


def match_heaptype(h1: object, h2: object, types: Types = ()) -> bool:
    h1 = _resolve(h1, types)
    h2 = _resolve(h2, types)
    if h1 is h2 or h1 is BOT:
        return True
    # Exact types (custom descriptors, "Exact Types"): ``(exact x) <: x``, and
    # below ``(exact x)`` lie only ``(exact x)`` itself and the bottom type;
    # equal defined types are one object (canonicalization), so exact
    # matching exact is identity.
    if h1.__class__ is Exact:
        if h2.__class__ is Exact:
            return False  # not the same object, so not the same type
        h1 = h1.base  # type: ignore[attr-defined]
    elif h2.__class__ is Exact:
        d2 = h2.base  # type: ignore[attr-defined]
        return h1 is _BOTTOM_OF_TOP[FUNC if isinstance(d2.comp, FuncType) else ANY]  # type: ignore[attr-defined]
    if isinstance(h1, DefType):
        if isinstance(h2, DefType):
            return match_deftype(h1, h2)
        return h2 in _COMP_SUPERS[type(h1.comp)]
    if isinstance(h2, DefType):
        # only a bottom type lies below a defined type
        return h1 is _BOTTOM_OF_TOP[FUNC if isinstance(h2.comp, FuncType) else ANY]
    return h2 in _ABS_SUPERS[h1]  # type: ignore[index]


def match_reftype(r1: RefType, r2: RefType, types: Types = ()) -> bool:
    if r1 is r2:
        return True
    return (r2.nullable or not r1.nullable) and match_heaptype(r1.heap, r2.heap, types)


def match_valtype(t1: ValType | None, t2: ValType | None, types: Types = ()) -> bool:
    """``t1 <: t2`` (``None``, the bottom type of unreachable code, on
    either side matches: an unknown expected type accepts anything)."""
    if t1 is t2 or t1 is None or t2 is None:
        return True
    if isinstance(t1, RefType) and isinstance(t2, RefType):
        return match_reftype(t1, t2, types)
    return False


def equal_valtype(t1: ValType, t2: ValType, types: Types = ()) -> bool:
    """Type equivalence: matching both ways (mutable globals, tables, fields)."""
    return match_valtype(t1, t2, types) and match_valtype(t2, t1, types)


def match_resulttype(ts1: Sequence[ValType], ts2: Sequence[ValType], types: Types = ()) -> bool:
    return len(ts1) == len(ts2) and all(
        match_valtype(a, b, types) for a, b in zip(ts1, ts2, strict=True)
    )


def match_functype(f1: FuncType, f2: FuncType, types: Types = ()) -> bool:
    """Contravariant parameters, covariant results (3.0 spec 3.3.9)."""
    return match_resulttype(f2.params, f1.params, types) and match_resulttype(
        f1.results, f2.results, types
    )


def _match_storage(s1: object, s2: object, types: Types) -> bool:
    if isinstance(s1, RefType) or isinstance(s2, RefType):
        return isinstance(s1, RefType) and isinstance(s2, RefType) and match_reftype(s1, s2, types)
    return s1 is s2  # number, vector or packed type


def match_fieldtype(f1: FieldType, f2: FieldType, types: Types = ()) -> bool:
    """Immutable fields are covariant, mutable ones invariant."""
    if f1.mutable != f2.mutable or not _match_storage(f1.storage, f2.storage, types):
        return False
    return not f1.mutable or _match_storage(f2.storage, f1.storage, types)


def match_comptype(c1: CompType, c2: CompType, types: Types = ()) -> bool:
    """Width and depth subtyping of structs, arrays, functions (3.0 spec 3.3.9)."""
    if isinstance(c1, FuncType) and isinstance(c2, FuncType):
        return match_functype(c1, c2, types)
    if isinstance(c1, StructType) and isinstance(c2, StructType):
        return len(c1.fields) >= len(c2.fields) and all(
            match_fieldtype(a, b, types) for a, b in zip(c1.fields, c2.fields, strict=False)
        )
    if isinstance(c1, ArrayType) and isinstance(c2, ArrayType):
        return match_fieldtype(c1.field, c2.field, types)
    return False


def match_limits(l1: Limits, l2: Limits) -> bool:
    """Limits subtyping (spec 4.5.2 "Import Subtyping"); the address types
    must be equal (memory64: an i64 memory or table never matches an i32 one)."""
    if l1.addr64 != l2.addr64 or l1.min < l2.min:
        return False
    if l2.max is None:
        return True
    return l1.max is not None and l1.max <= l2.max


ExternType = DefType | Exact | TableType | MemType | GlobalType


def match_tagtype(d1: DefType, d2: DefType) -> bool:
    """Tag matching (3.0 spec 4.5.2): a tag's type is invariant (its values
    flow both into and out of a handler), so the types must be equivalent;
    canonicalization makes equivalent defined types the same object."""
    return d1 is d2 or (match_deftype(d1, d2) and match_deftype(d2, d1))


def match_externtype(e1: ExternType, e2: ExternType, types: Types = ()) -> bool:
    """Import matching (3.0 spec 4.5.2): functions by defined-type subtyping,
    tables by limits and equivalent element types, memories by sharedness, page size and limits,
    globals covariantly if immutable and invariantly if mutable.

    A function's extern type may be exact (custom descriptors, "Exact
    Function Imports"): ``Exact(d)``, matched as the heap types are."""
    if isinstance(e1, DefType) and isinstance(e2, DefType):
        return match_deftype(e1, e2)
    if isinstance(e1, (DefType, Exact)) and isinstance(e2, (DefType, Exact)):
        return match_heaptype(e1, e2)
    if isinstance(e1, TableType) and isinstance(e2, TableType):
        return match_limits(e1.limits, e2.limits) and equal_valtype(e1.elemtype, e2.elemtype, types)
    if isinstance(e1, MemType) and isinstance(e2, MemType):
        # threads: sharedness must match exactly (threads proposal, "Import Matching");
        # custom page sizes: so must the page sizes (no subtyping between them;
        # an explicit 64 KiB page is the default one)
        return (
            e1.shared == e2.shared
            and e1.page_shift == e2.page_shift
            and match_limits(e1.limits, e2.limits)
        )
    if isinstance(e1, GlobalType) and isinstance(e2, GlobalType):
        if e1.mutable != e2.mutable:
            return False
        if e1.mutable:
            return equal_valtype(e1.valtype, e2.valtype, types)
        return match_valtype(e1.valtype, e2.valtype, types)
    return False
