"""Defined types, canonicalized iso-recursively (3.0 spec 2.3.11, 3.3 "Type equivalence").

A module's type section is a list of recursion groups.  Two recursion groups
define the *same* types when they are structurally equal after *rolling*:
references to types of the group itself become ``rec.i`` (:class:`RecIdx`)
and references to earlier types become those types' canonical identity.
This module keeps one table, for the whole process, from rolled group to
its canonical :class:`DefType` objects, so that

* equal groups of two modules are the *same* Python objects at link time,
  in ``call_indirect`` and in casts (a type check is ``is`` plus, for open
  types, a walk up the declared supertypes -- :func:`interp.match.match_deftype`);
* recursive types cost nothing special: a ``DefType``'s unrolled composite
  type refers to other ``DefType`` objects, cycles included.

The table is process-wide rather than per store because type identity is a
property of the types, not of a store; it only ever grows by the distinct
groups the process has seen.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Sequence
from itertools import count

from .errors import InvalidError
from .types import (
    AbsHeapType,
    ArrayType,
    CompType,
    Exact,
    FieldType,
    FuncType,
    GlobalType,
    RecIdx,
    RecType,
    RefType,
    StructType,
    SubType,
    TableType,
    ValType,
)

_labels = count()
_printing = threading.local()  # the DefTypes being printed, per thread (DefType.__str__)


class DefType:
    """The ``index``-th type of a canonical recursion group (3.0 spec 2.3.11).

    Identity is the type's identity: two ``DefType`` objects are the same
    type exactly when they are the same object (no ``__eq__``).  ``comp`` is
    the unrolled composite type (references into the group point to the
    group's ``DefType`` objects), ``supers`` the declared supertypes,
    ``params``/``results`` mirror a function type's, so a function
    instance's ``type`` reads like a :class:`FuncType`.  ``describes`` and
    ``descriptor`` are the custom-descriptors clauses (``None`` if absent).
    """

    __slots__ = (
        "comp",
        "describes",
        "descriptor",
        "final",
        "index",
        "label",
        "params",
        "results",
        "rolled",
        "supers",
    )

    comp: CompType
    final: bool
    supers: tuple[DefType, ...]
    # custom descriptors: the type this one describes / its descriptor type
    describes: DefType | None
    descriptor: DefType | None
    params: tuple[ValType, ...]
    results: tuple[ValType, ...]

    def __init__(self, rolled: RecType, index: int) -> None:
        self.rolled = rolled
        self.index = index
        self.label = f"$t{next(_labels)}"
        self.params = ()
        self.results = ()
        self.describes = None
        self.descriptor = None

    def __str__(self) -> str:
        # a recursive type reaches itself through its fields: inside its own
        # printing it prints as its label, so printing ends
        busy = _printing.__dict__.setdefault("types", set())
        if self in busy:
            return self.label
        busy.add(self)
        try:
            return str(self.comp)
        finally:
            busy.discard(self)

    def __repr__(self) -> str:
        return f"<DefType {self.label} {self.comp}>"


# -- substitution ------------------------------------------------------------------

HeapMap = Callable[[object], object]


def subst_valtype(t: ValType, f: HeapMap) -> ValType:
    """``t`` with every non-abstract heap type ``h`` replaced by ``f(h)``
    (inside ``(exact h)`` too: exactness is kept)."""
    if isinstance(t, RefType) and not isinstance(t.heap, AbsHeapType):
        h = t.heap
        if h.__class__ is Exact:
            return RefType(t.nullable, Exact(f(h.base)))  # type: ignore[attr-defined]
        return RefType(t.nullable, f(h))
    return t


def subst_comptype(ct: CompType, f: HeapMap) -> CompType:
    def field(ft: FieldType) -> FieldType:
        st = ft.storage
        return FieldType(subst_valtype(st, f) if isinstance(st, RefType) else st, ft.mutable)

    if isinstance(ct, FuncType):
        return FuncType(
            tuple(subst_valtype(t, f) for t in ct.params),
            tuple(subst_valtype(t, f) for t in ct.results),
        )
    if isinstance(ct, StructType):
        return StructType(tuple(field(ft) for ft in ct.fields))
    return ArrayType(field(ct.field))


def subst_subtype(st: SubType, f: HeapMap) -> SubType:
    return SubType(
        st.final,
        tuple(f(s) for s in st.supers),
        subst_comptype(st.comp, f),
        None if st.describes is None else f(st.describes),
        None if st.descriptor is None else f(st.descriptor),
    )


# -- canonicalization --------------------------------------------------------------

_CANON: dict[RecType, tuple[DefType, ...]] = {}


def _unroll(rolled: RecType) -> tuple[DefType, ...]:
    defs = tuple(DefType(rolled, i) for i in range(len(rolled.subs)))

    def f(h: object) -> object:
        return defs[h.index] if isinstance(h, RecIdx) else h

    for d, st in zip(defs, rolled.subs, strict=True):
        d.final = st.final
        d.supers = tuple(f(s) for s in st.supers)  # type: ignore[misc]
        d.comp = subst_comptype(st.comp, f)
        d.describes = None if st.describes is None else f(st.describes)  # type: ignore[assignment]
        d.descriptor = None if st.descriptor is None else f(st.descriptor)  # type: ignore[assignment]
        if isinstance(d.comp, FuncType):
            d.params = d.comp.params
            d.results = d.comp.results
    return defs


def canonicalize_group(group: RecType, earlier: Sequence[DefType]) -> tuple[DefType, ...]:
    """The canonical types of ``group``, whose first type has index ``len(earlier)``.

    Type indices below that are the ``earlier`` canonical types; indices
    inside the group are rolled to ``rec.i``; any other index is invalid
    ("unknown type", the validator normally reports it first).
    """
    base = len(earlier)
    end = base + len(group.subs)

    def roll(h: object) -> object:
        if isinstance(h, int):
            if h < base:
                return earlier[h]
            if h < end:
                return RecIdx(h - base)
            raise InvalidError(f"unknown type {h}")
        return h

    rolled = RecType(tuple(subst_subtype(st, roll) for st in group.subs))
    defs = _CANON.get(rolled)
    if defs is None:
        defs = _CANON[rolled] = _unroll(rolled)
    return defs


def canonicalize(groups: Sequence[RecType]) -> list[DefType]:
    """The canonical defined type of every type index of a module."""
    out: list[DefType] = []
    for g in groups:
        out.extend(canonicalize_group(g, out))
    return out


def func_deftype(ft: FuncType) -> DefType:
    """The defined type of a host function of type ``ft``: a final function
    type in a group of its own, exactly what a module's plain ``(type (func
    ...))`` defines, so host and wasm functions of equal type match."""
    (d,) = canonicalize_group(RecType((SubType(True, (), ft),)), ())
    return d


# -- closing module-level types over the module's defined types --------------------


def close_valtype(t: ValType, types: Sequence[DefType]) -> ValType:
    """``t`` with type indices replaced by the module's canonical types
    (the spec's ``clos_C``)."""
    if isinstance(t, RefType):
        h = t.heap
        if isinstance(h, int):
            return RefType(t.nullable, types[h])
        if h.__class__ is Exact and isinstance(h.base, int):  # type: ignore[attr-defined]
            return RefType(t.nullable, Exact(types[h.base]))  # type: ignore[attr-defined]
    return t


def close_globaltype(gt: GlobalType, types: Sequence[DefType]) -> GlobalType:
    t = close_valtype(gt.valtype, types)
    return gt if t is gt.valtype else GlobalType(t, gt.mutable)


def close_tabletype(tt: TableType, types: Sequence[DefType]) -> TableType:
    t = close_valtype(tt.elemtype, types)
    return tt if t is tt.elemtype else TableType(tt.limits, t)  # type: ignore[arg-type]
