"""``@record``: the ``@dataclass`` declarations of the start-up path, for less start-up.

Every ``nanowasm run`` imports the abstract syntax (:mod:`interp.types`), the
instruction table, the proposals, the validator's context and the WASI
host: about 30 classes declared as data classes.  With :mod:`dataclasses`
that cost 20-30 ms of CPU per start (bench/README.md, "Warm start, third
pass"): ``dataclasses`` imports :mod:`inspect` (with ``ast``, ``dis``,
``tokenize``: ~10 ms), and each decorated class compiles its methods with
four to seven ``exec`` calls and, with ``slots=True``, is created twice.

:func:`record` takes the same declaration -- annotated fields, default
values, ``field(default_factory=...)``, ``__post_init__``, the options
``frozen``, ``slots`` and ``init`` -- and makes the same class: an
``__init__`` with the fields as parameters in order (positional or by
keyword), ``__repr__`` as ``Name(field=value, ...)``, ``__eq__`` field by
field between instances of the same class, a structural ``__hash__`` for
frozen records (mutable ones are unhashable), ``FrozenInstanceError`` on
assignment to a frozen record, ``__slots__``, ``__match_args__`` and
pickling of frozen slotted records.  Methods the class defines itself are
kept, as ``dataclass`` keeps them.  ``__init__``, ``__eq__`` and
``__hash__`` are generated as source, as ``dataclasses`` does (they are
hot: the decoder builds a record per import, export, function and type;
the canonicalizer hashes types), in one ``exec`` per class; ``__repr__``
is shared.  :func:`replace` stands for ``dataclasses.replace``.

Not supported (unused here; a field of these classes never needs them):
inherited fields, ``field()`` options other than ``default_factory``,
``order``, ``kw_only``, recursive ``repr``.  ``tests/test_records.py``
compares records with real data classes.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar, dataclass_transform

T = TypeVar("T")


class FrozenInstanceError(AttributeError):
    """Assignment to a field of a frozen record (as ``dataclasses.FrozenInstanceError``)."""


class _Factory:
    """``field(default_factory=f)``: the default is ``f()``, called per instance."""

    __slots__ = ("factory",)

    def __init__(self, factory: Callable[[], Any]) -> None:
        self.factory = factory


def field(*, default_factory: Callable[[], Any]) -> Any:
    """A field whose default is made per instance (``[]``, ``{}``), as ``dataclasses.field``."""
    return _Factory(default_factory)


class _HasFactory:
    """The default of a factory field's parameter: "not given, call the factory"."""

    def __repr__(self) -> str:
        return "<factory>"


_HAS_FACTORY = _HasFactory()
_MISSING = object()


def _record_repr(self: Any) -> str:
    shown = ", ".join(f"{name}={getattr(self, name)!r}" for name in self.__record_fields__)
    return f"{self.__class__.__qualname__}({shown})"


def _frozen_getstate(self: Any) -> tuple[Any, ...]:
    return tuple(getattr(self, name) for name in self.__record_fields__)


def _frozen_setstate(self: Any, state: tuple[Any, ...]) -> None:
    for name, value in zip(self.__record_fields__, state, strict=True):
        object.__setattr__(self, name, value)


def _source(
    cls: type, names: tuple[str, ...], defaults: dict[str, Any], frozen: bool, init: bool
) -> tuple[str, dict[str, Any]]:
    """The generated methods' source and the names it refers to."""
    env: dict[str, Any] = {"_set": object.__setattr__, "_HAS_FACTORY": _HAS_FACTORY}
    lines = []
    if init:
        params, body = ["self"], []
        for name in names:
            default = defaults.get(name, _MISSING)
            value = name
            if isinstance(default, _Factory):
                env[f"_factory_{name}"] = default.factory
                params.append(f"{name}=_HAS_FACTORY")
                value = f"_factory_{name}() if {name} is _HAS_FACTORY else {name}"
            elif default is not _MISSING:
                env[f"_default_{name}"] = default
                params.append(f"{name}=_default_{name}")
            else:
                params.append(name)
            body.append(f"_set(self, {name!r}, {value})" if frozen else f"self.{name} = {value}")
        if hasattr(cls, "__post_init__"):
            body.append("self.__post_init__()")
        lines.append(f"def __init__({', '.join(params)}) -> None:")
        lines += [f"    {line}" for line in body or ["pass"]]
    mine = "(" + "".join(f"self.{n}," for n in names) + ")"
    theirs = "(" + "".join(f"other.{n}," for n in names) + ")"
    lines += [
        "def __eq__(self, other):",
        "    if other.__class__ is self.__class__:",
        f"        return {mine} == {theirs}",
        "    return NotImplemented",
        "def __hash__(self):",
        f"    return hash({mine})",
    ]
    return "\n".join(lines) + "\n", env


def _process(cls: type, frozen: bool, slots: bool, init: bool) -> type:
    # the class's own annotations, as dataclasses reads them (not via inspect: see above)
    annotations = cls.__dict__.get("__annotations__", {})  # noqa: RUF063
    names = tuple(n for n, t in annotations.items() if not (isinstance(t, str) and "ClassVar" in t))
    defaults = {n: cls.__dict__[n] for n in names if n in cls.__dict__}
    seen_default = False
    for name in names:
        default = defaults.get(name, _MISSING)
        if isinstance(default, list | dict | set):
            raise ValueError(f"mutable default {type(default)} for field {name} is not allowed")
        if default is not _MISSING:
            seen_default = True
        elif seen_default and init:
            raise TypeError(f"non-default argument {name!r} follows default argument")

    source, env = _source(cls, names, defaults, frozen, init)
    exec(compile(source, f"<record {cls.__qualname__}>", "exec"), env)
    own = cls.__dict__
    methods: dict[str, Any] = {"__record_fields__": names, "__match_args__": names}
    generated = []
    if init and "__init__" not in own:
        generated.append("__init__")
    if "__repr__" not in own:
        methods["__repr__"] = _record_repr
    if "__eq__" not in own:
        generated.append("__eq__")
        if frozen:
            generated.append("__hash__")
        elif "__hash__" not in own:
            methods["__hash__"] = None  # mutable and compared by value: unhashable
    for key in generated:
        methods[key] = env[key]
        env[key].__qualname__ = f"{cls.__qualname__}.{key}"
    if frozen and slots:
        methods["__getstate__"], methods["__setstate__"] = _frozen_getstate, _frozen_setstate

    if slots:  # the class is made again, with its fields as __slots__ (as dataclass does)
        body = {k: v for k, v in own.items() if k not in names}
        body.pop("__dict__", None)
        body.pop("__weakref__", None)
        body.update(methods, __slots__=names)
        new = type(cls)(cls.__name__, cls.__bases__, body)
        new.__qualname__ = cls.__qualname__
    else:
        new = cls
        for name, default in defaults.items():
            if isinstance(default, _Factory):
                delattr(cls, name)
        for key, value in methods.items():
            setattr(cls, key, value)
    if frozen:
        _freeze(new, names)
    return new


def _freeze(cls: type, names: tuple[str, ...]) -> None:
    """Assigning or deleting a field raises (a subclass's own attributes stay free)."""

    def __setattr__(self: Any, name: str, value: Any) -> None:
        if type(self) is cls or name in names:
            raise FrozenInstanceError(f"cannot assign to field {name!r}")
        super(cls, self).__setattr__(name, value)  # type: ignore[arg-type]

    def __delattr__(self: Any, name: str) -> None:
        if type(self) is cls or name in names:
            raise FrozenInstanceError(f"cannot delete field {name!r}")
        super(cls, self).__delattr__(name)  # type: ignore[arg-type]

    for fn in (__setattr__, __delattr__):
        fn.__qualname__ = f"{cls.__qualname__}.{fn.__name__}"
        if fn.__name__ not in cls.__dict__:
            setattr(cls, fn.__name__, fn)


@dataclass_transform(field_specifiers=(field,))
def record(
    cls: type[T] | None = None, /, *, frozen: bool = False, slots: bool = False, init: bool = True
) -> Any:
    """``@record`` / ``@record(frozen=True, slots=True)``: as ``@dataclass(...)`` (module docstring)."""

    def wrap(c: type[T]) -> type[T]:
        return _process(c, frozen, slots, init)  # type: ignore[return-value]

    return wrap if cls is None else wrap(cls)


def replace(obj: T, **changes: Any) -> T:
    """A copy of record ``obj`` with ``changes`` (``dataclasses.replace``)."""
    values = {name: getattr(obj, name) for name in obj.__record_fields__}  # type: ignore[attr-defined]
    values.update(changes)
    return type(obj)(**values)
