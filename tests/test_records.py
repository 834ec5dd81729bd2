"""interp.records behaves as the dataclasses it replaced (construction, repr, equality, hash, pickle)."""

from __future__ import annotations

import copy
import dataclasses
import pickle
import subprocess
import sys

import pytest

from interp.records import Frozen, FrozenInstanceError, Record, replace, setfield
from interp.types import FuncType, Limits, MemType, Module, TableType


class Point(Frozen):
    __slots__ = _fields = ("x", "y")
    x: int
    y: int | None

    def __init__(self, x: int, y: int | None = None) -> None:
        setfield(self, "x", x)
        setfield(self, "y", y)


class Bag(Record):
    __slots__ = _fields = ("items",)
    items: list[int]

    def __init__(self, items: list[int]) -> None:
        self.items = items


@dataclasses.dataclass(frozen=True, slots=True)
class DPoint:
    x: int
    y: int | None = None


@dataclasses.dataclass(slots=True)
class DBag:
    items: list[int]


def test_frozen_record_as_a_frozen_dataclass() -> None:
    p, d = Point(1, y=2), DPoint(1, y=2)
    assert repr(p) == repr(d).replace("DPoint", "Point")
    assert p == Point(1, 2) and p != Point(2, 1) and p != (1, 2) and p != d
    assert hash(p) == hash(Point(1, 2)) and len({p, Point(1, 2), Point(1)}) == 2
    with pytest.raises(FrozenInstanceError):
        p.x = 3  # type: ignore[misc]
    with pytest.raises(AttributeError):
        del p.y  # type: ignore[misc]
    assert pickle.loads(pickle.dumps(p)) == p and copy.deepcopy(p) == p
    assert replace(p, y=5) == Point(1, 5) and p.y == 2
    with pytest.raises(TypeError):
        replace(p, z=1)


def test_mutable_record_as_a_dataclass() -> None:
    b = Bag([1])
    assert repr(b) == repr(DBag([1])).replace("DBag", "Bag")
    assert b == Bag([1]) and b != Bag([2])
    b.items.append(2)
    b.items = [3]
    assert b == Bag([3])
    with pytest.raises(TypeError):
        hash(b)  # mutable: unhashable, as a dataclass with eq
    assert pickle.loads(pickle.dumps(b)) == b


def test_engine_records() -> None:
    ft = FuncType(("i32",), ["i64"])
    assert ft == FuncType(["i32"], ("i64",)) and hash(ft) == hash(FuncType(["i32"], ["i64"]))
    assert repr(MemType(Limits(1, 2), shared=True)) == (
        "MemType(limits=Limits(min=1, max=2, addr64=False), shared=True, page_log2=None)"
    )
    assert TableType(Limits(0), "funcref") == TableType(Limits(0), "funcref")
    m = Module()
    assert m == Module() and m.funcs == [] and m.funcs is not Module().funcs
    assert pickle.loads(pickle.dumps(Module(types=[ft]))) == Module(types=[ft])


def test_warm_path_imports_neither_dataclasses_nor_inspect() -> None:
    """Their import is ~7 ms of each start (bench/README.md); the engine needs neither."""
    code = (
        "import sys; before = set(sys.modules); import interp.cli, interp.codecache, interp.wasi; "
        "print(sorted({'dataclasses', 'inspect'} & (set(sys.modules) - before)))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
