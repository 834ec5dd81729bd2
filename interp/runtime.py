"""Runtime structures and instantiation (spec 4.2 "Runtime Structure", 4.5.4).

The store owns limits (call depth, fuel, memory); instances own their
functions, tables, memories and globals.  Function instances carry a
``call`` attribute: the Python callable that runs them in the engine's
internal calling convention (positional arguments, result ``None`` /
value / tuple).  For wasm functions it starts as a stub that compiles the
function on first call (see :mod:`interp.compile`) and replaces itself.
"""

from __future__ import annotations

import mmap
import sys
import threading
from collections.abc import Callable, Mapping, Sequence
from typing import Any

from . import numerics
from .atomics import SharedSync
from .caller import Caller
from .deftypes import DefType, canonicalize, close_globaltype, close_tabletype, func_deftype
from .errors import Exhaustion, LinkError, Timeout, Trap, TrapCode, WasmError
from .features import DEFAULT as DEFAULT_FEATURES
from .features import Features, check_module
from .match import match_externtype, match_reftype, match_tagtype
from .opcodes import OP, OPCODES
from .types import (
    ANY,
    BOT,
    EXTERN,
    I31,
    Elem,
    Exact,
    Expr,
    FuncType,
    GlobalType,
    Limits,
    MemType,
    Module,
    RefType,
    TableType,
    ValType,
    default_value,
)

PAGE_SIZE = 65536
MAX_PAGES = 65536  # 4 GiB, spec 2.5.5
MAX_TABLE_SIZE = 10_000_000  # implementation limit: table.grow beyond fails (spec allows)

Buffer = bytearray | mmap.mmap
"""The storage of a linear memory (see :class:`MemInst`)."""

_MASK = {"i32": 0xFFFFFFFF, "i64": 0xFFFFFFFFFFFFFFFF}


# -- values ------------------------------------------------------------------------


class _HostValue:
    """A host value carried as a reference: equal to the same kind of
    reference to an equal value (the script harness compares results so)."""

    __slots__ = ("value",)
    _tag = ""  # kept apart in hashes from the other kinds

    def __init__(self, value: object) -> None:
        self.value = value

    def __eq__(self, other: object) -> bool:
        return isinstance(other, type(self)) and other.value == self.value

    def __hash__(self) -> int:
        return hash((self._tag, self.value))

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self.value!r})"


class ExternRef(_HostValue):
    """A host reference (``ref.extern``); equality by the wrapped value."""

    __slots__ = ()
    _tag = "externref"


class I31Ref:
    """``ref.i31`` (3.0 spec 4.2.1): an unboxed 31-bit scalar, ``value`` its
    unsigned bits.  Equality (``ref.eq``) is by value, not identity."""

    __slots__ = ("value",)

    def __init__(self, value: int) -> None:
        self.value = value & 0x7FFFFFFF

    def __eq__(self, other: object) -> bool:
        return isinstance(other, I31Ref) and other.value == self.value

    def __hash__(self) -> int:
        return hash(("i31", self.value))

    def __repr__(self) -> str:
        return f"I31Ref({self.value})"


class HostAnyRef(_HostValue):
    """A host reference moved into the ``any`` hierarchy by
    ``any.convert_extern`` (the reference interpreter's ``ref.host``)."""

    __slots__ = ()
    _tag = "hostany"


class ExternAnyRef:
    """An internal reference moved into the ``extern`` hierarchy by
    ``extern.convert_any``; converting back yields the same reference."""

    __slots__ = ("ref",)

    def __init__(self, ref: object) -> None:
        self.ref = ref

    def __eq__(self, other: object) -> bool:
        return isinstance(other, ExternAnyRef) and other.ref == self.ref

    def __hash__(self) -> int:
        return hash(("externany", id(self.ref)))

    def __repr__(self) -> str:
        return f"ExternAnyRef({self.ref!r})"


def any_convert_extern(r: Any) -> Any:
    """``any.convert_extern`` (3.0 spec 4.4.5)."""
    if r is None:
        return None
    if isinstance(r, ExternAnyRef):
        return r.ref
    return HostAnyRef(r.value if isinstance(r, ExternRef) else r)


def extern_convert_any(r: Any) -> Any:
    """``extern.convert_any`` (3.0 spec 4.4.5)."""
    if r is None:
        return None
    if isinstance(r, HostAnyRef):
        return ExternRef(r.value)
    return ExternAnyRef(r)


_REF_I31 = RefType(False, I31)
_REF_ANY = RefType(False, ANY)
_REF_EXTERN = RefType(False, EXTERN)
_NULLREF = RefType(True, BOT)


def type_of_ref(r: Any) -> RefType:
    """The dynamic type of a reference value (reference interpreter: ``type_of_ref``)."""
    if r is None:
        return _NULLREF
    if isinstance(r, I31Ref):
        return _REF_I31
    if isinstance(r, FuncInst):
        return RefType(False, Exact(r.type))  # a value's own type is exact
    if isinstance(r, HostAnyRef):
        return _REF_ANY
    if isinstance(r, (ExternRef, ExternAnyRef)):
        return _REF_EXTERN
    t = getattr(r, "type", None)  # GC objects carry their defined type
    if isinstance(t, DefType):
        return RefType(False, Exact(t))
    return _REF_EXTERN  # any other host object passed as a reference


def ref_test(r: Any, nullable: bool, heap: Any) -> bool:
    """``ref.test``: does the value's dynamic type match ``(ref null? heap)``?"""
    return match_reftype(type_of_ref(r), RefType(nullable, heap))


def ref_cast(r: Any, nullable: bool, heap: Any) -> Any:
    """``ref.cast``: the value if it matches, else a trap (reference wording)."""
    rt = RefType(nullable, heap)
    actual = type_of_ref(r)
    if not match_reftype(actual, rt):
        raise Trap(TrapCode.CAST_FAILURE, f", expected {_show(rt)} but got {_show(actual)}")
    return r


def _show(rt: RefType) -> str:
    """A reference type for a message; a defined type by its label, since
    printing its structure would not end for a recursive type."""
    h = rt.heap
    null = "null " if rt.nullable else ""
    if isinstance(h, DefType):
        return f"(ref {null}{h.label})"
    if isinstance(h, Exact) and isinstance(h.base, DefType):  # custom descriptors
        return f"(ref {null}(exact {h.base.label}))"
    return str(rt)


def ref_eq(a: Any, b: Any) -> int:
    """``ref.eq``: identity, except that i31 references compare by value."""
    if a is b:
        return 1
    return int(isinstance(a, I31Ref) and isinstance(b, I31Ref) and a.value == b.value)


def i31_get_s(r: Any) -> int:
    if r is None:
        raise Trap(TrapCode.NULL_I31_REFERENCE)
    v = r.value
    return v | 0x80000000 if v & 0x40000000 else v  # sign-extend 31 -> 32 bits


def i31_get_u(r: Any) -> int:
    if r is None:
        raise Trap(TrapCode.NULL_I31_REFERENCE)
    return int(r.value)


def to_internal(t: ValType, v: Any) -> Any:
    """Normalize an API value to the internal representation of type ``t``."""
    if t in _MASK:
        return int(v) & _MASK[t]
    if t == "f32":
        x = float(v)
        return x if x != x else numerics.fround(x)  # NaN payloads pass unchanged
    if t == "f64":
        return float(v)
    if t == "v128":
        return int(v) & ((1 << 128) - 1)
    return v


def to_external(t: ValType, v: Any) -> Any:
    """Internal value -> API value (bools from comparisons become ints)."""
    if t in _MASK or t == "v128":
        return int(v)
    return v


def to_result(t: ValType, v: Any) -> Any:
    """Internal value -> a *result* at the API boundary, as wasmtime-py gives it:
    i32/i64 as signed ints (``-1``, not ``4294967295``); other types as
    :func:`to_external`.  The raw bits are :func:`to_bits` (``bits=True``)."""
    if t in _MASK:
        v = int(v)
        return v - (_MASK[t] + 1) if v > _MASK[t] >> 1 else v
    return to_external(t, v)


def to_bits(t: ValType, v: Any) -> Any:
    """Internal value -> its raw bit pattern: i32/i64 unsigned, f32/f64 their
    IEEE-754 bits (NaN payloads exact), v128 a 128-bit int; references as is."""
    if t == "f32":
        return numerics.f32_to_bits(v)
    if t == "f64":
        return numerics.f64_to_bits(v)
    return to_external(t, v)


# -- instances ---------------------------------------------------------------------


class FuncInst:
    """A function instance; ``call`` runs it in the internal convention.

    ``type`` is the function's canonical defined type
    (:class:`~interp.deftypes.DefType`, with ``params``/``results`` like a
    :class:`FuncType`); a plain :class:`FuncType` given here is taken as a
    final function type of its own recursion group.
    """

    __slots__ = ("call", "name", "type")

    def __init__(self, type: FuncType | DefType, call: Callable[..., Any], name: str = "") -> None:
        self.type: DefType = type if isinstance(type, DefType) else func_deftype(type)
        self.call = call
        self.name = name

    def __repr__(self) -> str:
        return f"<{type(self).__name__} {self.name or '?'} {self.type}>"

    def tail_target(self) -> Callable[..., Any]:
        """The callable a tail call (``return_call``) to this function runs."""
        return self.call


class HostFunc(FuncInst):
    """A function defined in Python with a declared wasm type.

    ``pyfunc`` receives the arguments as Python values (i32/i64 unsigned
    ints, floats, references) and returns ``None`` (no results), a value (one
    result) or a tuple/list (several).  Results are normalized to the
    declared types, so a host may return ``-1`` for an i32.  With
    ``caller=True`` it also receives, first, the :class:`interp.caller.Caller`
    of the instance that imported it (bound at instantiation).
    """

    __slots__ = ("pyfunc", "wants_caller")

    def __init__(
        self,
        type: FuncType | DefType,
        pyfunc: Callable[..., Any],
        name: str = "",
        caller: bool = False,
    ) -> None:
        self.pyfunc = pyfunc
        self.wants_caller = caller
        name = name or getattr(pyfunc, "__name__", "")
        if caller:
            call = _host_caller(type, lambda *a: pyfunc(Caller(None), *a))
        else:
            call = _host_caller(type, pyfunc)
        super().__init__(type, call, name)

    def bind_caller(self, instance: Instance) -> HostFunc:
        """This function as imported by ``instance``: it receives ``Caller(instance)``."""
        caller, pyfunc = Caller(instance), self.pyfunc
        bound = HostFunc(self.type, lambda *a: pyfunc(caller, *a), self.name)
        bound.pyfunc = pyfunc
        return bound


class HostException(Exception):
    """A host function's own exception on its way out through wasm frames.

    Generated code turns ``IndexError`` / ``struct.error`` into the memory
    trap (one ``try`` per function, around its memory accesses and
    everything else).  Carried in this wrapper, a host's exception passes
    those frames untouched, and :meth:`Store.call` re-raises the original
    object, so the embedder sees exactly what the host raised.
    """

    __slots__ = ("error",)

    def __init__(self, error: Exception) -> None:
        super().__init__(error)
        self.error = error


def _host_caller(ft: FuncType | DefType, pyfunc: Callable[..., Any]) -> Callable[..., Any]:
    results = ft.results
    params = ft.params
    # reference results are checked against their type: a host returning, say,
    # an i31 for a (ref null $s) would otherwise reach code that relies on it
    checked = any(isinstance(t, RefType) for t in results)

    def call(*args: Any) -> Any:
        try:
            args = tuple(to_external(t, a) for t, a in zip(params, args, strict=True))
            out = pyfunc(*args)
            if not results:
                return None
            if len(results) == 1:
                if isinstance(out, (tuple, list)):
                    (out,) = out
                out = to_internal(results[0], out)
                if checked:
                    _check_host_results(results, (out,))
                return out
            out = tuple(to_internal(t, v) for t, v in zip(results, out, strict=True))
            if checked:
                _check_host_results(results, out)
            return out
        except (WasmError, HostException, RecursionError):
            # traps (also from memory accesses the host makes through the API)
            # stay traps; a nested Store.call's host exception is already carried;
            # RecursionError is the call-depth limit (Store.call: exhaustion)
            raise
        except Exception as e:
            raise HostException(e) from None

    return call


def _check_host_results(results: Sequence[ValType], out: Sequence[Any]) -> None:
    for k, (t, v) in enumerate(zip(results, out, strict=True)):
        if isinstance(t, RefType) and not match_reftype(type_of_ref(v), t):
            raise TypeError(
                f"host function result {k}: expected {_show(t)}, got {_show(type_of_ref(v))}"
            )


class WasmFunc(FuncInst):
    """A function defined by a module; compiled to Python on first call."""

    __slots__ = ("fn", "index", "instance", "raw")

    def __init__(self, type: DefType, instance: Instance, index: int, name: str = "") -> None:
        # FuncInst's fields set here: one per defined function at instantiation
        # (2,055 in bench's `many`), and ``type`` is already canonical
        self.type = type
        self.call = self._first_call
        self.name = name
        self.instance = instance
        self.index = index
        self.fn: Callable[..., Any] | None = None
        # tail-mode functions: the function before its trampoline (see compile.TailCall)
        self.raw: Callable[..., Any] | None = None

    def _first_call(self, *args: Any) -> Any:
        return self.compiled()(*args)

    def compiled(self) -> Callable[..., Any]:
        """Compile (once) and return the Python function for this wasm function.

        Compilation is lazy so that instantiating a large module costs
        nothing for the functions that never run.
        """
        fn = self.fn
        if fn is None:
            from .compile import compile_function

            fn = compile_function(self.instance, self.index)
            self.fn = fn
            self.call = fn
            self.instance.namespace[f"f{self.index}"] = fn
            self.instance.store.note_frame(self.raw or fn)
        return fn

    def tail_target(self) -> Callable[..., Any]:
        fn = self.compiled()
        return self.raw if self.raw is not None else fn


class GlobalInst:
    __slots__ = ("type", "value")

    def __init__(self, type: GlobalType, value: Any) -> None:
        self.type = type
        self.value = value


def _new_buffer(nbytes: int) -> Buffer:
    """Zeroed storage for ``nbytes`` of linear memory.

    An anonymous private mapping: the kernel supplies zero pages lazily on
    first touch, so a memory costs what the program touches, not what it
    declares, and :meth:`mmap.mmap.resize` grows it with ``mremap`` (page
    tables move, bytes are not copied).  It must be ``MAP_PRIVATE``: growing a
    shared anonymous mapping leaves the new pages unbacked (SIGBUS on touch).
    An mmap cannot be empty, hence the bytearray for zero bytes; platforms
    without these flags get a bytearray too.
    """
    if nbytes == 0 or _MAP_FLAGS is None:
        return bytearray(nbytes)
    return mmap.mmap(-1, nbytes, flags=_MAP_FLAGS)


_MAP_FLAGS: int | None = (
    mmap.MAP_PRIVATE | mmap.MAP_ANONYMOUS
    if hasattr(mmap, "MAP_PRIVATE") and hasattr(mmap, "MAP_ANONYMOUS")
    else None
)


class MemInst:
    """A linear memory (spec 4.2.8): ``data`` holds its bytes.

    ``data`` is an anonymous ``mmap`` (see :func:`_new_buffer`) that supports
    what the executor uses on it: ``len``, slices, ``struct.unpack_from`` /
    ``pack_into``.  It grows in place; it is replaced by a new object only when
    a memory of 0 pages first grows (an mmap cannot be empty) or where
    ``mremap`` is missing.  Generated code reads it through a namespace entry
    (``M<i>``), so every namespace it is bound in (:meth:`bind`) is updated
    then; a host that keeps ``data`` across a ``memory.grow`` should read it
    again.
    """

    __slots__ = ("_bindings", "data", "max_pages", "shift", "sync", "type")

    def __init__(self, type: MemType, max_pages: int | None = None) -> None:
        self.type = type
        # custom page sizes: the memory's own page is 2**shift bytes (16: 64 KiB)
        self.shift = shift = type.page_shift
        # The store's cap (``max_pages``, in 64 KiB pages) is an implementation
        # limit for 64-bit memories too, whose declared range reaches 2^48
        # pages (spec 4.4.7: grow may fail); in this memory's pages:
        cap = (MAX_PAGES if max_pages is None else max_pages) << 16 >> shift
        # i32: 2^16 pages of 64 KiB at most; with 1-byte pages 2^32 - 1 bytes
        # (the bound validation puts on the limits)
        i32_limit = MAX_PAGES if shift == 16 else (1 << 32) - 1
        limit = cap if type.limits.addr64 else min(cap, i32_limit)
        self.max_pages = limit if type.limits.max is None else min(type.limits.max, limit)
        """The most pages (of this memory's size) it may grow to."""
        if type.limits.min > cap:
            raise Exhaustion(
                TrapCode.RESOURCE_LIMIT,
                f": memory of {type.limits.min} pages exceeds the store's limit",
            )
        self._bindings: list[tuple[dict[str, Any], str]] = []
        # threads: a shared memory's lock and wait queues (interp.atomics)
        self.sync: SharedSync | None = SharedSync() if type.shared else None
        try:
            self.data: Buffer = _new_buffer(type.limits.min << shift)
        except (MemoryError, OSError):
            raise Exhaustion(
                TrapCode.RESOURCE_LIMIT, ": out of memory allocating linear memory"
            ) from None

    def bind(self, namespace: dict[str, Any], name: str) -> None:
        """Record that ``namespace[name]`` is this memory's ``data`` (kept current)."""
        namespace[name] = self.data
        self._bindings.append((namespace, name))

    @property
    def size(self) -> int:
        """Current size in pages (of the memory's page size)."""
        return len(self.data) >> self.shift

    def grow(self, delta: int) -> int:
        """``memory.grow``: old size in pages, or -1 (as an unsigned value of
        the address type: u32, or u64 for a 64-bit memory) on failure.

        On a shared memory it is atomic with respect to the read-modify-write
        operations of other threads (:mod:`interp.atomics`)."""
        if self.sync is None:
            return self._grow(delta)
        with self.sync.lock:
            return self._grow(delta)

    def _grow(self, delta: int) -> int:
        """Grow without synchronisation.

        Failure is what the host cannot provide (spec 4.4.7 "memory.grow":
        growth may fail for any reason): beyond the maximum or the store's
        limit, out of address space, or a buffer the host still exports
        (a ``memoryview`` of ``data`` pins an mmap's size).
        """
        old = self.size
        new = old + delta
        fail = 0xFFFFFFFFFFFFFFFF if self.type.limits.addr64 else 0xFFFFFFFF
        if new > self.max_pages:
            return fail
        if delta == 0:
            return old
        data = self.data
        try:
            if isinstance(data, mmap.mmap):
                try:
                    data.resize(new << self.shift)
                    return old
                except SystemError:  # no mremap on this platform: copy once
                    pass
            elif old:  # a bytearray on a platform without anonymous mmap
                data.extend(bytes(delta << self.shift))
                return old
            fresh = _new_buffer(new << self.shift)
            fresh[: len(data)] = data
        except (MemoryError, OSError, BufferError, ValueError, OverflowError):
            return fail
        self.data = fresh
        for namespace, name in self._bindings:
            namespace[name] = fresh
        return old

    def read(self, addr: int, n: int) -> bytes:
        if addr < 0 or n < 0 or addr + n > len(self.data):
            raise Trap(TrapCode.MEMORY_OUT_OF_BOUNDS)
        return bytes(self.data[addr : addr + n])

    def write(self, addr: int, data: bytes) -> None:
        if addr < 0 or addr + len(data) > len(self.data):
            raise Trap(TrapCode.MEMORY_OUT_OF_BOUNDS)
        self.data[addr : addr + len(data)] = data

    def current_type(self) -> MemType:
        lim = self.type.limits
        return MemType(
            Limits(self.size, lim.max, lim.addr64), self.type.shared, self.type.page_log2
        )


class TableInst:
    """A table: ``elements`` is a list grown in place (never replaced)."""

    __slots__ = ("elements", "type")

    def __init__(self, type: TableType, init: Any = None) -> None:
        self.type = type
        if type.limits.min > MAX_TABLE_SIZE:
            raise Exhaustion(
                TrapCode.RESOURCE_LIMIT,
                f": table of {type.limits.min} elements exceeds the implementation limit",
            )
        self.elements: list[Any] = [init] * type.limits.min

    def grow(self, delta: int, init: Any) -> int:
        old = len(self.elements)
        lim = self.type.limits
        fail = 0xFFFFFFFFFFFFFFFF if lim.addr64 else 0xFFFFFFFF  # -1 of the address type
        limit = fail if lim.max is None else lim.max
        if old + delta > min(limit, MAX_TABLE_SIZE):
            return fail
        self.elements.extend([init] * delta)
        return old

    def current_type(self) -> TableType:
        lim = self.type.limits
        return TableType(Limits(len(self.elements), lim.max, lim.addr64), self.type.elemtype)


class TagInst:
    """A tag instance (3.0 spec 4.2.12): its identity tells exceptions apart.

    Two tags with the same type are still different tags; a catch clause
    matches an exception by the identity of this object.
    """

    __slots__ = ("type",)

    def __init__(self, type: FuncType | DefType) -> None:
        # like FuncInst: a plain FuncType is a final type of its own group
        self.type: DefType = type if isinstance(type, DefType) else func_deftype(type)

    def __repr__(self) -> str:
        return f"<tag {self.type}>"


class WasmException(WasmError):
    """A WebAssembly exception (3.0 spec 4.2.13, "Exception Instances").

    The same object is the exception instance an ``exnref`` refers to and
    the Python exception that unwinds the frames between ``throw`` and the
    handler: generated code catches it in ``try_table``, a host function may
    raise it for wasm to catch, and one escaping :meth:`Store.call` reaches
    the embedder with :attr:`tag` and :attr:`values` (internal values;
    :attr:`args_api` gives them as API values, signed like results).
    """

    category = "exception"  # the assert_exception of the test scripts

    def __init__(self, tag: TagInst, values: Sequence[Any] = ()) -> None:
        super().__init__("uncaught exception")
        self.tag = tag
        self.values = tuple(values)

    @classmethod
    def from_api(cls, tag: TagInst, *values: Any) -> WasmException:
        """An exception with API values (signed integers ...), as a host raises it."""
        params = tag.type.params
        if len(values) != len(params):
            raise Trap(
                TrapCode.WRONG_ARGUMENT_COUNT, f": expected {len(params)}, got {len(values)}"
            )
        return cls(tag, [to_internal(t, v) for t, v in zip(params, values, strict=True)])

    @property
    def args_api(self) -> list[Any]:
        return [to_result(t, v) for t, v in zip(self.tag.type.params, self.values, strict=True)]

    def __repr__(self) -> str:
        return f"WasmException({self.tag!r}, {list(self.values)!r})"


Extern = FuncInst | TableInst | MemInst | GlobalInst | TagInst


class Instance:
    """A module instance (spec 4.2.5) plus the namespace its code runs in."""

    def __init__(self, store: Store, module: Module) -> None:
        self.store = store
        self.module = module
        self.funcs: list[FuncInst] = []
        self.tables: list[TableInst] = []
        self.mems: list[MemInst] = []
        self.globals: list[GlobalInst] = []
        self.tags: list[TagInst] = []
        self.elems: list[list[Any]] = []  # element segments (emptied by elem.drop)
        self.datas: list[bytes] = []  # data segments (emptied by data.drop)
        self.exports: dict[str, Extern] = {}
        # canonical defined types (iso-recursive, shared by all modules)
        self.types: list[DefType] = canonical_types(module)
        # globals of generated code; filled by interp.compile.bind_namespace
        self.namespace: dict[str, Any] = {}
        # code object -> (funcidx, source line -> wasm offset), for backtraces
        self.linemaps: dict[Any, tuple[int, list[int]]] = {}
        self._export_names: dict[int, str] | None = None  # funcidx -> first export name

    def invoke(self, name: str, *args: Any, bits: bool = False) -> list[Any]:
        """Call the exported function ``name``; returns the list of results
        (i32/i64 signed, as wasmtime-py; ``bits=True``: raw bit patterns)."""
        f = self.exports.get(name)
        if not isinstance(f, FuncInst):
            raise LinkError(f"unknown export function {name!r}")
        return self.store.call(f, *args, bits=bits)

    def func_name(self, index: int) -> str:
        """Name for diagnostics: the name section's, else an export's, else ``func[i]``."""
        name = self.module.func_names.get(index)
        if name is not None:
            return name
        if self._export_names is None:  # built once: a per-call scan is quadratic in big modules
            self._export_names = {}
            for ex in self.module.exports:
                if ex.kind == "func":
                    self._export_names.setdefault(ex.index, ex.name)
        return self._export_names.get(index, f"func[{index}]")


class Store:
    """Global state and limits shared by instances (spec 4.2.3).

    ``max_call_depth`` bounds wasm call nesting (deeper recursion raises
    :class:`Exhaustion`), ``max_memory_pages`` caps every memory's growth,
    ``fuel`` (None = unlimited) is the instruction budget: each executed
    wasm instruction costs one unit (``block``, ``loop``, ``else``, ``end``
    and ``nop`` are free) and running out raises
    :class:`~interp.errors.OutOfFuel`; what is left stays readable in
    ``store.fuel``.  ``trace``, if given, is called as
    ``trace(funcidx, offset, name, operands)`` before every instruction.
    Both options take effect for functions compiled after they are set
    (compilation happens on first call), and cost nothing when unset.
    ``timeout`` (seconds) bounds the wall-clock time of each outermost call
    (:class:`~interp.errors.Timeout`; POSIX main thread only, via
    ``SIGALRM``: Python runs the handler between bytecodes, so it lands
    inside the generated code and unwinds it like a trap).
    ``features`` (default: WebAssembly 3.0) are the proposals enabled in this
    store: :func:`instantiate` refuses a module using a disabled one
    (:class:`~interp.features.FeatureDisabled`).
    """

    def __init__(
        self,
        max_call_depth: int = 10_000,
        fuel: int | None = None,
        max_memory_pages: int | None = None,
        trace: Callable[[int, int, str, tuple[Any, ...]], None] | None = None,
        timeout: float | None = None,
        features: Features | None = None,
    ) -> None:
        self.features = DEFAULT_FEATURES if features is None else features
        self.max_call_depth = max_call_depth
        self.fuel = fuel
        self.trace = trace
        self.timeout = timeout
        self._active = 0  # nesting of Store.call (host functions may call back in)
        self.max_stack_bytes = MAX_STACK_BYTES
        self._frame_bytes = 0  # the largest frame of any function compiled in this store
        self._base_depth = 0  # Python stack depth at the outermost call
        self.max_memory_pages = max_memory_pages

    def call(self, func: FuncInst, *args: Any, bits: bool = False) -> list[Any]:
        """Invoke ``func`` with API values; returns API values.

        Arguments: i32/i64 as signed or unsigned ints, floats, references.
        Results follow wasmtime-py: i32/i64 as *signed* ints (:func:`to_result`);
        with ``bits=True`` every result is its raw bit pattern instead
        (:func:`to_bits`: unsigned ints, f32/f64 IEEE bits).

        This is the boundary where Python's recursion limit becomes the wasm
        call-depth limit (each wasm call is one Python frame).  The outermost
        call measures the host's stack depth once and sets the limit to it
        plus the call budget (:meth:`call_budget`); a host function that
        calls back into wasm (re-entry) runs inside the same budget, its own
        Python frames included, so a wasm -> host -> wasm chain of any length
        ends in :class:`Exhaustion`.  Re-entries are also counted: each one
        costs C stack (Python calls through ``*args`` and C functions are not
        inlined), and their number is bounded by :attr:`max_reentry`.  A
        :class:`RecursionError` becomes ``Exhaustion(TrapCode.CALL_STACK_EXHAUSTED)``.
        """
        ft = func.type
        if len(args) != len(ft.params):
            raise Trap(
                TrapCode.WRONG_ARGUMENT_COUNT, f": expected {len(ft.params)}, got {len(args)}"
            )
        iargs = [to_internal(t, a) for t, a in zip(ft.params, args, strict=True)]
        for t, a in zip(ft.params, iargs, strict=True):
            if t.__class__ is RefType and not match_reftype(type_of_ref(a), t):  # type: ignore[arg-type]
                # a struct where an array is expected would reach code that
                # relies on validation (eval.ml: "wrong types of arguments")
                raise Trap(
                    TrapCode.WRONG_ARGUMENT_TYPES,
                    f": expected {_show(t)}, got {_show(type_of_ref(a))}",  # type: ignore[arg-type]
                )
        host_error: Exception | None = None
        try:
            if self._active:
                out = self._reenter(func, iargs)
            else:
                out = self._outermost(func, iargs)
        except HostException as carried:
            host_error = carried.error
        if host_error is not None:
            raise host_error  # outside the except: no "during handling" chain
        results = ft.results
        if not results:
            return []
        convert = to_bits if bits else to_result
        if len(results) == 1:
            return [convert(results[0], out)]
        return [convert(t, v) for t, v in zip(results, out, strict=True)]

    def _outermost(self, func: FuncInst, iargs: list[Any]) -> Any:
        old_limit = sys.getrecursionlimit()
        depth = _stack_depth()  # once per outermost call: linear in the host's stack
        limit = depth + self.call_budget() + _FRAME_MARGIN
        if limit > _c_stack_frames():
            raise Exhaustion(TrapCode.CALL_STACK_EXHAUSTED)  # the host's own stack is that deep
        sys.setrecursionlimit(limit)
        timer = self._arm_timer()
        self._base_depth = depth
        self._active = 1
        try:
            return func.call(*iargs)
        except RecursionError:
            raise Exhaustion(TrapCode.CALL_STACK_EXHAUSTED) from None
        finally:
            self._active = 0
            if timer is not None:
                _disarm_timer(timer)
            sys.setrecursionlimit(old_limit)

    def _reenter(self, func: FuncInst, iargs: list[Any]) -> Any:
        if self._active > self.max_reentry:
            raise Exhaustion(TrapCode.CALL_STACK_EXHAUSTED)
        self._active += 1
        try:
            return func.call(*iargs)
        except RecursionError:
            raise Exhaustion(TrapCode.CALL_STACK_EXHAUSTED) from None
        finally:
            self._active -= 1

    def call_budget(self) -> int:
        """Python frames available to one outermost call: ``max_call_depth``,
        capped so that the C stack cannot overflow (see :func:`_c_stack_frames`)
        and so that frames of the largest function compiled so far fit in
        ``max_stack_bytes`` (a function with 50,000 locals has 400 KB frames:
        10,000 of them would be 4 GB)."""
        budget = min(self.max_call_depth, _c_stack_frames() - _HOST_RESERVE)
        if self._frame_bytes:
            budget = min(budget, self.max_stack_bytes // self._frame_bytes)
        return max(0, budget)

    def note_frame(self, fn: Callable[..., Any]) -> None:
        """Account for a newly compiled function's frame size (see :meth:`call_budget`).

        Compilation is lazy, so a function with big frames may first run in
        the middle of a call: the recursion limit is then lowered at once
        (never below the current depth, which already fits).
        """
        code = getattr(fn, "__code__", None)
        if code is None:
            return
        slots = code.co_nlocals + code.co_stacksize + len(code.co_cellvars) + len(code.co_freevars)
        size = _FRAME_HEADER_BYTES + 8 * slots
        if size <= self._frame_bytes:
            return
        self._frame_bytes = size
        if self._active:
            limit = self._base_depth + self.call_budget() + _FRAME_MARGIN
            if limit < sys.getrecursionlimit():
                sys.setrecursionlimit(max(limit, _stack_depth() + _FRAME_MARGIN))

    @property
    def max_reentry(self) -> int:
        """How deeply host functions may nest calls back into wasm."""
        return max(1, self.call_budget() // _REENTRY_FRAMES)

    def _arm_timer(self) -> Any:
        """Start the time limit for an outermost call; returns the old handler."""
        if self.timeout is None or self._active:
            return None
        import signal  # only with a time limit: creating its enums is ~1 ms of every start

        if (
            not hasattr(signal, "setitimer")
            or threading.current_thread() is not threading.main_thread()
        ):
            return None
        seconds = self.timeout

        def on_alarm(signum: int, frame: Any) -> None:
            raise Timeout(TrapCode.TIMEOUT, f" of {seconds:g} s")

        previous = signal.signal(signal.SIGALRM, on_alarm)
        signal.setitimer(signal.ITIMER_REAL, seconds)
        return previous


def _disarm_timer(previous: Any) -> None:
    """Stop the time limit :meth:`Store._arm_timer` started; restore the old handler."""
    import signal

    signal.setitimer(signal.ITIMER_REAL, 0)
    signal.signal(signal.SIGALRM, previous)


def _stack_depth() -> int:
    frame = sys._getframe(1)
    n = 0
    while frame is not None:
        n += 1
        frame = frame.f_back  # type: ignore[assignment]
    return n


_C_BYTES_PER_FRAME = 512
"""C stack one recursion level may take, with headroom: a Python call that
CPython cannot inline (through ``*args``, a C function or a bound method) nests
the C evaluation loop, measured at about 400 bytes per level on CPython 3.11
x86-64.  Inlined Python-to-Python calls take none, so this is the worst case."""

MAX_STACK_BYTES = 256 << 20
"""Default bound on the memory of the wasm call stack (Python frames), per outermost call."""
_FRAME_HEADER_BYTES = 128  # a 3.11 frame besides its slots (locals, cells, operand stack)
_FRAME_MARGIN = 64  # frames for the engine's own calls around the wasm ones
_HOST_RESERVE = 256  # frames of C stack kept free below the limit for unwinding
_REENTRY_FRAMES = 4  # a re-entry (host caller, host function, invoke, call) spends >= 4 frames
_UNLIMITED_STACK = 64 << 20  # what "ulimit -s unlimited" is taken to mean


def _c_stack_frames() -> int:
    """Recursion levels the current thread's C stack holds (worst case).

    Python's recursion limit counts every level, C or Python; keeping it below
    this bound means Python raises :class:`RecursionError` (then
    :class:`Exhaustion`) long before the C stack can overflow, whatever
    ``ulimit -s`` says.  The main thread's stack is ``RLIMIT_STACK``; other
    threads get :func:`threading.stack_size` or the platform default.
    """
    size = _stack_bytes()
    return size // _C_BYTES_PER_FRAME


def _stack_bytes() -> int:
    try:
        import resource
    except ImportError:  # not POSIX: Windows gives the main thread 1 MiB
        return 1 << 20
    soft, _ = resource.getrlimit(resource.RLIMIT_STACK)
    finite = soft != resource.RLIM_INFINITY and soft > 0
    if threading.current_thread() is not threading.main_thread():
        # glibc sizes thread stacks by RLIMIT_STACK too (2 MiB if unlimited)
        return threading.stack_size() or (soft if finite else 2 << 20)
    return soft if finite else _UNLIMITED_STACK


# -- instantiation (spec 4.5.4) -------------------------------------------------------

Imports = Mapping[str, Mapping[str, Extern]]


def canonical_types(module: Module) -> list[DefType]:
    """The module's canonical defined types (a lookup per recursion group in
    the process-wide table of :mod:`interp.deftypes`)."""
    return canonicalize(module.rec_groups())


def _extern_type(ext: Extern) -> Any:
    """The current extern type of an external value (3.0 spec 4.5.1)."""
    if isinstance(ext, FuncInst):
        return ext.type
    if isinstance(ext, (TableInst, MemInst)):
        return ext.current_type()
    return ext.type


def _check_import(inst: Instance, kind: str, desc: Any, ext: Extern, exact: bool = False) -> None:
    """Import matching (3.0 spec 4.5.2), decided by :mod:`interp.match`."""
    expected: Any
    if kind == "func":
        if not isinstance(ext, FuncInst):
            raise LinkError("incompatible import type")
        # a function's own type is exact; an exact import (custom
        # descriptors) accepts only that very type, an inexact one its subtypes
        want = inst.types[desc]
        if not match_externtype(Exact(ext.type), Exact(want) if exact else want):
            raise LinkError("incompatible import type")
        return
    if kind == "table":
        ok = isinstance(ext, TableInst)
        expected = close_tabletype(desc, inst.types)
    elif kind == "memory":
        ok = isinstance(ext, MemInst)
        expected = desc
    elif kind == "tag":  # tag types are invariant (3.0 spec 4.5.2): match_tagtype
        if not (isinstance(ext, TagInst) and match_tagtype(ext.type, inst.types[desc.typeidx])):
            raise LinkError("incompatible import type")
        return
    else:
        ok = isinstance(ext, GlobalInst)
        expected = close_globaltype(desc, inst.types)
    if not ok or not match_externtype(_extern_type(ext), expected):
        raise LinkError("incompatible import type")


_OP_REF_I31 = OP["ref.i31"]
_OP_REF_FUNC = OP["ref.func"]
_OP_I32_CONST = OP["i32.const"]
_OP_ANY_CONVERT_EXTERN = OP["any.convert_extern"]
_OP_EXTERN_CONVERT_ANY = OP["extern.convert_any"]

CONST_EVALUATORS: dict[int, Callable[[Instance, Any, list[Any]], None]] = {}
"""Opcode -> evaluator of a constant instruction added by an instruction family
(``struct.new`` ..., :mod:`interp.gc`): it pops its operands from the stack
and pushes its result."""


def eval_const(inst: Instance, expr: Expr) -> Any:
    """Evaluate a constant expression (spec 3.3.10, 4.4.10)."""
    if len(expr) == 1:  # the commonest: an element segment's functions, an offset
        instr = expr[0]
        op = instr[0]
        if op == _OP_REF_FUNC:
            return inst.funcs[instr[1]]
        if op == _OP_I32_CONST:
            return instr[1]
    stack: list[Any] = []
    for instr in expr:
        op = instr[0]
        if op == OP["i32.const"] or op == OP["i64.const"]:
            stack.append(instr[1])
        elif op == OP["f32.const"]:
            stack.append(numerics.f32_from_bits(instr[1]))
        elif op == OP["f64.const"]:
            stack.append(numerics.f64_from_bits(instr[1]))
        elif op == OP["ref.null"]:
            stack.append(None)
        elif op == OP["ref.func"]:
            stack.append(inst.funcs[instr[1]])
        elif op == OP["global.get"]:
            stack.append(inst.globals[instr[1]].value)
        elif op == _OP_REF_I31:
            stack.append(I31Ref(stack.pop()))
        elif op == _OP_ANY_CONVERT_EXTERN:
            stack.append(any_convert_extern(stack.pop()))
        elif op == _OP_EXTERN_CONVERT_ANY:
            stack.append(extern_convert_any(stack.pop()))
        elif op in CONST_EVALUATORS:
            CONST_EVALUATORS[op](inst, instr, stack)
        elif OPCODES[op].imm == "v128":  # v128.const (interp.simd): the value is the immediate
            stack.append(instr[1])
        else:  # extended constant expressions: plain numeric operators
            info = OPCODES[op]
            fn = getattr(numerics, info.pyname)
            n = len(info.params or ())
            args = stack[len(stack) - n :]
            del stack[len(stack) - n :]
            stack.append(fn(*args))
    return stack[-1]


def instantiate(store: Store, module: Module, imports: Imports | None = None) -> Instance:
    """Instantiate a *validated* module (spec 4.5.4).

    Raises :class:`LinkError` when imports are missing or mistyped, and
    :class:`Trap` when a segment is out of bounds or the start function
    traps.  On failure the instance is not returned; effects on imported
    tables and memories that happened before the trap persist, as the spec
    prescribes.
    """
    from .compile import bind_namespace

    check_module(module, store.features)
    imports = imports or {}
    inst = Instance(store, module)
    # 1. resolve imports
    for imp in module.imports:
        ext = imports.get(imp.module, {}).get(imp.name)
        if ext is None:
            raise LinkError(f"unknown import {imp.module}.{imp.name}")
        _check_import(inst, imp.kind, imp.desc, ext, imp.exact)
        if isinstance(ext, HostFunc) and ext.wants_caller:
            ext = ext.bind_caller(inst)
        if imp.kind == "func":
            inst.funcs.append(ext)  # type: ignore[arg-type]
        elif imp.kind == "table":
            inst.tables.append(ext)  # type: ignore[arg-type]
        elif imp.kind == "memory":
            inst.mems.append(ext)  # type: ignore[arg-type]
        elif imp.kind == "tag":
            inst.tags.append(ext)  # type: ignore[arg-type]
        else:
            inst.globals.append(ext)  # type: ignore[arg-type]
    # 2. allocate functions, tables, memories
    nimported = len(inst.funcs)
    for i, f in enumerate(module.funcs):
        idx = nimported + i
        inst.funcs.append(WasmFunc(inst.types[f.typeidx], inst, idx, inst.func_name(idx)))
    for mt in module.mems:
        inst.mems.append(MemInst(mt, store.max_memory_pages))
    for tag in module.tags:
        inst.tags.append(TagInst(inst.types[tag.typeidx]))
    # 3. globals, in order: an initializer may read the globals before it
    for g in module.globals:
        inst.globals.append(
            GlobalInst(close_globaltype(g.type, inst.types), eval_const(inst, g.init))
        )
    # tables after globals: a table's initializer (3.0) may read any global
    for i, tt in enumerate(module.tables):
        init = module.table_inits[i] if i < len(module.table_inits) else None
        value = None if init is None else eval_const(inst, init)
        inst.tables.append(TableInst(close_tabletype(tt, inst.types), value))
    # 4. element and data segments as runtime values
    for elem in module.elems:
        inst.elems.append([eval_const(inst, e) for e in elem.init])
    inst.datas = [d.init for d in module.datas]
    # 5. exports
    spaces = {
        "func": inst.funcs,
        "table": inst.tables,
        "memory": inst.mems,
        "global": inst.globals,
        "tag": inst.tags,
    }
    for ex in module.exports:
        inst.exports[ex.name] = spaces[ex.kind][ex.index]  # type: ignore[index]
    bind_namespace(inst)
    for i, m in enumerate(inst.mems):
        m.bind(inst.namespace, f"M{i}")
    # 6. active segments (element then data, in order), then start
    for i, elem in enumerate(module.elems):
        _init_elem(inst, i, elem)
    for i, data in enumerate(module.datas):
        if data.mode == "active":
            assert data.offset is not None
            offset = eval_const(inst, data.offset)
            mem = inst.mems[data.memory].data
            n = len(data.init)
            if offset + n > len(mem):
                raise Trap(TrapCode.MEMORY_OUT_OF_BOUNDS)
            mem[offset : offset + n] = data.init
            inst.datas[i] = b""
    if module.start is not None:
        store.call(inst.funcs[module.start])
    return inst


def _init_elem(inst: Instance, i: int, elem: Elem) -> None:
    if elem.mode == "active":
        assert elem.offset is not None
        offset = eval_const(inst, elem.offset)
        table = inst.tables[elem.table].elements
        refs = inst.elems[i]
        if offset + len(refs) > len(table):
            raise Trap(TrapCode.TABLE_OUT_OF_BOUNDS)
        table[offset : offset + len(refs)] = refs
        inst.elems[i] = []
    elif elem.mode == "declarative":
        inst.elems[i] = []


def default_for(t: ValType) -> Any:
    return default_value(t)
