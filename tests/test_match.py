"""The type matcher (interp.match) and iso-recursive canonicalization (interp.deftypes).

Subtyping lattice of the abstract heap types, defined-type subtyping through
declared supertypes, and the rule that equal recursion groups of different
modules are the same types (3.0 spec 3.3 "Matching", "Type equivalence").
"""

from __future__ import annotations

import pytest

from interp.deftypes import DefType, canonicalize, func_deftype
from interp.errors import InvalidError
from interp.match import (
    bottom_heaptype,
    match_deftype,
    match_externtype,
    match_functype,
    match_heaptype,
    match_reftype,
    match_valtype,
    top_heaptype,
)
from interp.types import (
    ABS_HEAP_TYPES,
    ANY,
    ARRAY,
    EQ,
    EXN,
    EXTERN,
    EXTERNREF,
    F32,
    FUNC,
    FUNCREF,
    I8,
    I31,
    I32,
    I64,
    NOEXN,
    NOEXTERN,
    NOFUNC,
    NONE,
    STRUCT,
    V128,
    ArrayType,
    FieldType,
    FuncType,
    GlobalType,
    Limits,
    RecType,
    RefType,
    StructType,
    SubType,
    TableType,
    valtype,
)


def ref(heap: object, null: bool = True) -> RefType:
    return RefType(null, heap)


def group(*subs: SubType) -> RecType:
    return RecType(subs)


def final(comp: object, *supers: int) -> SubType:
    return SubType(True, supers, comp)  # type: ignore[arg-type]


def open_(comp: object, *supers: int) -> SubType:
    return SubType(False, supers, comp)  # type: ignore[arg-type]


# -- value types ------------------------------------------------------------------------


def test_value_types_are_interned_and_print_as_text() -> None:
    assert RefType(True, FUNC) is FUNCREF
    assert RefType(False, 3) is RefType(False, 3)
    assert RefType(False, 3) is not RefType(True, 3)
    assert valtype("i32") is I32 and valtype("externref") is EXTERNREF
    assert valtype(FUNCREF) is FUNCREF
    assert [str(t) for t in (I32, V128, FUNCREF, ref(ANY), ref(NONE), ref(FUNC, False))] == [
        "i32",
        "v128",
        "funcref",
        "anyref",
        "nullref",
        "(ref func)",
    ]
    assert str(ref(0)) == "(ref null $0)"
    assert str(FuncType(("i32", "funcref"), ("f64",))) == "[i32 funcref] -> [f64]"
    with pytest.raises(ValueError):
        valtype("i33")


# -- abstract heap types -----------------------------------------------------------------

# (sub, super) pairs that hold, transitively closed, plus reflexivity
_ABS_ORDER = {
    (EQ, ANY),
    (I31, EQ),
    (I31, ANY),
    (STRUCT, EQ),
    (STRUCT, ANY),
    (ARRAY, EQ),
    (ARRAY, ANY),
    *((NONE, h) for h in (I31, STRUCT, ARRAY, EQ, ANY)),
    (NOFUNC, FUNC),
    (NOEXTERN, EXTERN),
    (NOEXN, EXN),
}


@pytest.mark.parametrize("h1", ABS_HEAP_TYPES)
@pytest.mark.parametrize("h2", ABS_HEAP_TYPES)
def test_abstract_heap_lattice(h1: object, h2: object) -> None:
    expected = h1 is h2 or (h1, h2) in _ABS_ORDER
    assert match_heaptype(h1, h2) is expected


def test_hierarchies_have_a_top_and_a_bottom() -> None:
    for h in (ANY, EQ, I31, STRUCT, ARRAY, NONE):
        assert top_heaptype(h) is ANY and bottom_heaptype(h) is NONE
    assert top_heaptype(NOFUNC) is FUNC and bottom_heaptype(FUNC) is NOFUNC
    assert top_heaptype(NOEXTERN) is EXTERN and bottom_heaptype(EXTERN) is NOEXTERN
    assert top_heaptype(NOEXN) is EXN and bottom_heaptype(EXN) is NOEXN


def test_reference_nullability() -> None:
    assert match_reftype(ref(FUNC, False), FUNCREF)
    assert not match_reftype(FUNCREF, ref(FUNC, False))
    assert match_reftype(ref(NOFUNC), FUNCREF)
    assert not match_reftype(EXTERNREF, FUNCREF)


def test_value_types_only_match_their_own_kind() -> None:
    assert match_valtype(I32, I32)
    assert not match_valtype(I32, I64)
    assert not match_valtype(I32, FUNCREF)
    assert not match_valtype(FUNCREF, V128)
    assert match_valtype(None, I32) and match_valtype(None, FUNCREF)  # bottom (unreachable)


# -- defined types ---------------------------------------------------------------------


def test_defined_types_below_their_abstract_kinds() -> None:
    f, s, a = canonicalize(
        [
            group(final(FuncType((), ()))),
            group(final(StructType(()))),
            group(final(ArrayType(FieldType(I8, True)))),
        ]
    )
    assert match_heaptype(f, FUNC) and not match_heaptype(f, ANY)
    assert match_heaptype(s, STRUCT) and match_heaptype(s, EQ) and match_heaptype(s, ANY)
    assert not match_heaptype(s, ARRAY)
    assert match_heaptype(a, ARRAY) and match_heaptype(a, EQ) and not match_heaptype(a, STRUCT)
    assert match_heaptype(NOFUNC, f) and not match_heaptype(NONE, f)
    assert match_heaptype(NONE, s) and match_heaptype(NONE, a) and not match_heaptype(NOFUNC, s)
    assert not match_heaptype(FUNC, f)  # an abstract type is not below a defined one
    assert top_heaptype(f) is FUNC and top_heaptype(s) is ANY


def test_type_indices_resolve_through_the_module_types() -> None:
    types = canonicalize([group(final(FuncType((), ()))), group(final(FuncType((), ())))])
    # the two indices are the same canonical type, so (ref 0) and (ref 1) match both ways
    assert types[0] is types[1]
    assert match_valtype(ref(0, False), ref(1), types)
    assert match_valtype(ref(1, False), FUNCREF, types)
    assert not match_valtype(ref(1), ref(0, False), types)


def test_equal_groups_of_two_modules_are_the_same_types() -> None:
    # module A: (rec (type $l (struct (field (ref null $l)))) (type (func (param (ref $l)))))
    def module() -> list[RecType]:
        return [
            group(final(FuncType((I32,), ()))),
            group(
                final(StructType((FieldType(ref(1), False),))),
                final(FuncType((ref(1, False),), ())),
            ),
        ]

    a = canonicalize(module())
    b = canonicalize(module())
    assert all(x is y for x, y in zip(a, b, strict=True))
    # the recursive reference points back into the group's own canonical type
    field = a[1].comp.fields[0]  # type: ignore[union-attr]
    assert field.storage.heap is a[1]
    assert a[2].params == (ref(a[1], False),)


def test_groups_differing_in_structure_or_position_are_different() -> None:
    s = final(StructType(()))
    f = final(FuncType((), ()))
    one = canonicalize([group(s, f)])
    swapped = canonicalize([group(f, s)])
    alone = canonicalize([group(s), group(f)])
    assert one[0] is not alone[0] and one[1] is not alone[1]  # a group is not its members
    assert one[0] is not swapped[1] and one[1] is not swapped[0]  # position counts
    # iso-recursive: structurally equal members of different groups differ
    a = canonicalize([group(final(StructType((FieldType(ref(0), False),))))])
    b = canonicalize([group(final(StructType((FieldType(ref(0), False),))), final(StructType(())))])
    assert a[0] is not b[0]


def test_references_to_earlier_groups_use_their_canonical_types() -> None:
    m1 = canonicalize([group(final(FuncType((), ()))), group(final(FuncType((ref(0),), ())))])
    m2 = canonicalize(
        [
            group(final(FuncType((), (I32,)))),
            group(final(FuncType((), ()))),
            group(final(FuncType((ref(1),), ()))),
        ]
    )
    assert m1[1] is m2[2]  # ref 0 in m1 and ref 1 in m2 are the same canonical type
    m3 = canonicalize([group(final(FuncType((), (I32,)))), group(final(FuncType((ref(0),), ())))])
    assert m3[1] is not m1[1]


def test_declared_subtypes() -> None:
    base, mid, leaf, other = canonicalize(
        [
            group(open_(StructType(()))),
            group(open_(StructType((FieldType(I32, False),)), 0)),
            group(final(StructType((FieldType(I32, False), FieldType(F32, True))), 1)),
            group(open_(StructType(()))),
        ]
    )
    assert other is base  # same structure, same group shape: the same type
    assert match_deftype(leaf, mid) and match_deftype(leaf, base) and match_deftype(mid, base)
    assert not match_deftype(base, mid) and not match_deftype(mid, leaf)
    assert match_heaptype(leaf, base) and match_heaptype(leaf, STRUCT)
    assert isinstance(leaf, DefType) and leaf.final and not base.final


def test_open_and_final_types_are_different_types() -> None:
    (o,) = canonicalize([group(open_(FuncType((), ())))])
    (f,) = canonicalize([group(final(FuncType((), ())))])
    assert o is not f
    assert func_deftype(FuncType((), ())) is f  # host functions get the final type


def test_functype_variance() -> None:
    sub = FuncType((FUNCREF,), (ref(FUNC, False),))
    sup = FuncType((ref(FUNC, False),), (FUNCREF,))
    assert match_functype(sub, sup)
    assert not match_functype(sup, sub)


def test_canonicalize_refuses_indices_beyond_the_group() -> None:
    with pytest.raises(InvalidError, match="unknown type 1"):
        canonicalize([group(final(FuncType((ref(1),), ())))])


# -- extern types -----------------------------------------------------------------------


def test_extern_types() -> None:
    f = func_deftype(FuncType((I32,), ()))
    g = func_deftype(FuncType((I64,), ()))
    assert match_externtype(f, f) and not match_externtype(f, g)
    t = TableType(Limits(2, 5), FUNCREF)
    assert match_externtype(t, TableType(Limits(1, None), FUNCREF))
    assert not match_externtype(t, TableType(Limits(3, None), FUNCREF))
    assert not match_externtype(t, TableType(Limits(1, None), ref(FUNC, False)))  # invariant
    non_null = GlobalType(ref(FUNC, False), False)
    assert match_externtype(non_null, GlobalType(FUNCREF, False))  # immutable: covariant
    assert not match_externtype(GlobalType(ref(FUNC, False), True), GlobalType(FUNCREF, True))
    assert not match_externtype(GlobalType(I32, True), GlobalType(I32, False))
    assert not match_externtype(f, t)
