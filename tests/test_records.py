"""``interp.records.record`` behaves as ``dataclasses.dataclass`` on the declarations it takes.

Each case declares the same class twice, once with ``@dataclass(...)`` and
once with ``@record(...)``, and compares what a user of the class sees:
construction (positional, keyword, defaults, factories, ``__post_init__``),
``repr``, equality, hashing, frozen assignment, slots, ``__match_args__``,
pickling and copying.
"""

from __future__ import annotations

import copy
import dataclasses
import pickle
from typing import Any

import pytest

from interp import records
from interp.records import FrozenInstanceError, record


def _pair(frozen: bool, slots: bool) -> tuple[Any, Any]:
    def declare(deco: Any, field: Any) -> Any:
        @deco(frozen=frozen, slots=slots)
        class Point:
            """A point."""

            x: int
            y: str = "y"
            tags: list[int] = field(default_factory=list)

            def norm(self) -> int:
                return self.x * 2

        return Point

    return declare(dataclasses.dataclass, dataclasses.field), declare(record, records.field)


OPTIONS = [(f, s) for f in (False, True) for s in (False, True)]


@pytest.mark.parametrize(("frozen", "slots"), OPTIONS)
def test_same_construction_repr_and_equality(frozen: bool, slots: bool) -> None:
    dc, rc = _pair(frozen, slots)
    cases: list[tuple[tuple[Any, ...], dict[str, Any]]] = [
        ((1,), {}),
        ((1, "a"), {}),
        ((1,), {"tags": [3]}),
        ((), {"x": 2, "y": "b"}),
    ]
    for args, kwargs in cases:
        d, r = dc(*args, **kwargs), rc(*args, **kwargs)
        assert repr(r) == repr(d)
        assert (r.x, r.y, r.tags) == (d.x, d.y, d.tags)
        assert r == rc(*args, **kwargs)
        assert r != rc(99)
        assert (r == d) is False  # another class: not equal, as between two dataclasses
        assert r.norm() == d.norm()
    assert rc(1).tags is not rc(1).tags  # a new default per instance
    bad_args: list[tuple[Any, ...]] = [(), (1, "a", [], 4)]
    for bad in bad_args:
        with pytest.raises(TypeError):
            dc(*bad)
        with pytest.raises(TypeError):
            rc(*bad)
    assert rc.__match_args__ == dc.__match_args__ == ("x", "y", "tags")
    assert rc.__qualname__.endswith("Point") and rc.__doc__ == "A point."


@pytest.mark.parametrize(("frozen", "slots"), OPTIONS)
def test_same_hashing_freezing_and_slots(frozen: bool, slots: bool) -> None:
    dc, rc = _pair(frozen, slots)
    d, r = dc(1, "a", ()), rc(1, "a", ())  # a hashable value in the list field
    assert (rc.__hash__ is None) == (dc.__hash__ is None)
    if frozen:
        assert hash(r) == hash(d) == hash((1, "a", ()))
        assert len({r, rc(1, "a", ())}) == 1
        with pytest.raises(FrozenInstanceError, match="cannot assign to field 'x'"):
            r.x = 2
        with pytest.raises(dataclasses.FrozenInstanceError):
            d.x = 2
        with pytest.raises(FrozenInstanceError):
            del r.y
    else:
        r.x = 5
        assert r.x == 5
    assert hasattr(r, "__dict__") == hasattr(d, "__dict__") == (not slots)
    if slots:
        assert rc.__slots__ == dc.__slots__ == ("x", "y", "tags")
        with pytest.raises((AttributeError, TypeError)):
            r.other = 1


@pytest.mark.parametrize(("frozen", "slots"), OPTIONS)
def test_pickle_and_copy(frozen: bool, slots: bool) -> None:
    _, rc = _pair(frozen, slots)
    globals()["Point"] = rc  # pickle finds the class by module and qualname
    rc.__qualname__ = "Point"
    try:
        r = rc(3, "c", [1])
        for back in (pickle.loads(pickle.dumps(r)), copy.copy(r), copy.deepcopy(r)):
            assert back == r and back is not r
    finally:
        del globals()["Point"]


def test_post_init_own_methods_and_init_false() -> None:
    @record(frozen=True, slots=True)
    class Checked:
        n: int = 0

        def __post_init__(self) -> None:
            if self.n < 0:
                raise ValueError("negative")

    assert Checked().n == 0 and Checked(4).n == 4
    with pytest.raises(ValueError, match="negative"):
        Checked(-1)

    @record(frozen=True, slots=True, init=False)
    class Named:
        name: str

        def __init__(self, name: object) -> None:
            object.__setattr__(self, "name", str(name))

        def __repr__(self) -> str:
            return f"<{self.name}>"

    assert Named(5).name == "5" and repr(Named(5)) == "<5>"
    assert Named(5) == Named("5") and hash(Named(5)) == hash(("5",))
    assert records.replace(Named(1), name="2") == Named(2)


def test_declaration_errors_as_dataclasses() -> None:
    with pytest.raises(ValueError, match="mutable default"):

        @record
        class Mutable:
            items: list[int] = []

    with pytest.raises(TypeError, match="non-default argument 'b' follows default argument"):

        @record
        class Order:
            a: int = 0
            b: int  # type: ignore[misc]


def test_engine_records_compare_as_before() -> None:
    """The engine's own records: equality and hashing the decoder and canonicalizer rely on."""
    from interp.features import Features
    from interp.types import FuncType, Limits, MemType, Module

    assert FuncType(("i32",), ()) == FuncType(["i32"], [])
    assert len({FuncType(("i32",), ()), FuncType(("i32",), ())}) == 1
    assert MemType(Limits(1)) == MemType(Limits(1, None, False), False, None)
    assert repr(Limits(1, 2)) == "Limits(min=1, max=2, addr64=False)"
    assert Module() == Module() and Module().funcs is not Module().funcs
    assert Features() == Features() and hash(Features()) == hash(Features())
    with pytest.raises(ValueError):
        Features(frozenset({"gc"}))  # __post_init__: gc requires function_references
