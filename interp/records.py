"""Record classes: what ``@dataclass(slots=True)`` generates, written once.

Creating a dataclass compiles its methods with ``exec`` when its module is
imported (about 0.5 ms per class), and importing :mod:`dataclasses` brings
:mod:`inspect` with it (about 7 ms): together a tenth of a warm ``nanowasm
run`` (bench/README.md).  The engine's records (the abstract syntax of
:mod:`interp.types`, the instruction table's rows, the feature sets, ...)
derive from :class:`Record` or :class:`Frozen` instead and write their
``__init__``; the rest behaves as a dataclass's:

* ``repr`` as a dataclass's (``Limits(min=1, max=None, addr64=False)``);
* equality field by field between objects of the very same class;
* :class:`Frozen` records cannot be assigned to, hash by their fields and
  pickle; :class:`Record` ones are mutable and unhashable;
* :func:`replace` is ``dataclasses.replace``.

A subclass names its fields in ``_fields`` (in order; usually also its
``__slots__``).
"""

from __future__ import annotations

from collections.abc import Callable
from operator import attrgetter
from typing import Any, TypeVar

R = TypeVar("R", bound="Record")


class FrozenInstanceError(AttributeError):
    """Assigning to a field of a :class:`Frozen` record (as ``dataclasses.FrozenInstanceError``)."""


class Record:
    """Fields, ``repr`` and equality from ``_fields``."""

    __slots__ = ()
    _fields: tuple[str, ...] = ()
    _key: Callable[[Any], tuple[Any, ...]]

    def __init_subclass__(cls) -> None:
        # the field values as one tuple, computed in C (operator.attrgetter)
        fields = cls._fields
        get = attrgetter(*fields) if fields else None
        if get is None:
            cls._key = staticmethod(lambda _self: ())  # type: ignore[method-assign]
        elif len(fields) == 1:
            cls._key = staticmethod(lambda self: (get(self),))  # type: ignore[method-assign]
        else:
            cls._key = staticmethod(get)  # type: ignore[method-assign, assignment]

    def __repr__(self) -> str:
        shown = ", ".join(f"{n}={getattr(self, n)!r}" for n in self._fields)
        return f"{type(self).__qualname__}({shown})"

    def __eq__(self, other: object) -> bool:
        if other.__class__ is self.__class__:
            return bool(self._key(self) == self._key(other))
        return NotImplemented

    __hash__ = None  # type: ignore[assignment]  # mutable: unhashable, as a dataclass


class Frozen(Record):
    """An immutable record, hashed by its fields; ``__init__`` sets them with :data:`setfield`."""

    __slots__ = ()

    def __hash__(self) -> int:  # type: ignore[override]  # Record's is None: unhashable
        return hash(self._key(self))

    def __setattr__(self, name: str, value: object) -> None:
        raise FrozenInstanceError(f"cannot assign to field {name!r}")

    def __delattr__(self, name: str) -> None:
        raise FrozenInstanceError(f"cannot delete field {name!r}")

    def __getstate__(self) -> tuple[Any, ...]:
        return self._key(self)

    def __setstate__(self, state: tuple[Any, ...]) -> None:
        for name, value in zip(self._fields, state, strict=True):
            setfield(self, name, value)


setfield = object.__setattr__
"""How a :class:`Frozen` record's ``__init__`` sets its own fields."""


def replace(record: R, **changes: Any) -> R:
    """A copy of ``record`` with some fields changed (``dataclasses.replace``)."""
    for name in changes:
        if name not in record._fields:
            raise TypeError(f"{type(record).__qualname__} has no field {name!r}")
    values = {name: getattr(record, name) for name in record._fields}
    return type(record)(**{**values, **changes})
