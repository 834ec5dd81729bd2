"""The engine adapter protocol.

An adapter wraps one WebAssembly engine for the harness.  It works on opaque
handles (modules, instances, externs) and exchanges *values* as typed bit
patterns (see :mod:`harness.values`): ``("i32", bits)``, ``("f32", bits)``,
``("v128", int)``, ``("funcref", None | identity)``, ``("externref", None |
host index)`` ...

Errors the engine reports on purpose are raised as :class:`EngineError` with
the spec's category (``malformed``, ``invalid``, ``unlinkable``, ``trap``,
``exhaustion``, ``exception``); anything else an adapter raises is treated as
a crash of the engine (the item fails, the run goes on).  When the adapter
cannot express a value or an operation it raises :class:`Unsupported`, which
makes the item *skipped* with the reason (never passed).

One adapter object serves one script at a time: :meth:`Engine.reset` starts
a fresh store with only the ``spectest`` module registered.

The same adapter serves the benchmarks (``python -m bench``): the *timing*
part of the protocol splits running a kernel into :meth:`Engine.load_core` /
:meth:`Engine.load_wasi` (decode, compile, instantiate: returns a closure)
and calling that closure, so that ``bench.worker`` can time the two apart.
The differential fuzzer (``python -m fuzz.diff``) drives nanowasm through the
same adapter's value conversions and wasmtime through the same adapter's
``wasmtime_val_t`` marshaller.  One adapter per engine, one set of names
(:data:`harness.engines.BUILTIN`) for ``pytest spec --engine``,
``python -m bench --engines`` and ``python -m fuzz.diff --engine``.

To add an engine: subclass :class:`Engine`, then run ``pytest spec --engine
pkg.module:Class`` or declare an entry point in the group
``nanowasm.engines`` (``myengine = "pkg.module:Class"``) and use
``--engine myengine``.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Sequence
from typing import Any

from ..values import Value

CATEGORIES = ("malformed", "invalid", "unlinkable", "trap", "exhaustion", "exception")


class EngineError(Exception):
    """The engine refused a module or an action, for a reason of the spec."""

    def __init__(self, category: str, message: str) -> None:
        super().__init__(f"{category}: {message}")
        self.category = category
        self.message = message


class Unsupported(Exception):
    """The adapter cannot express this (a value type, an import...)."""


#: spectest's globals, exactly (reference interpreter, ``spectest.ml``)
SPECTEST_GLOBALS: dict[str, Value] = {
    "global_i32": ("i32", 666),
    "global_i64": ("i64", 666),
    "global_f32": ("f32", 0x4426A666),  # 666.6
    "global_f64": ("f64", 0x4084D4CCCCCCCCCD),  # 666.6
}
#: spectest's print functions: name -> parameter types
SPECTEST_PRINTS: dict[str, tuple[str, ...]] = {
    "print": (),
    "print_i32": ("i32",),
    "print_i64": ("i64",),
    "print_f32": ("f32",),
    "print_f64": ("f64",),
    "print_i32_f32": ("i32", "f32"),
    "print_f64_f64": ("f64", "f64"),
}
#: spectest as a text module, for engines that build it from wasm (the print
#: functions are imported from a host module ``spectest_host`` and re-exported).
SPECTEST_WAT = """(module
  (import "spectest_host" "print" (func $print))
  (import "spectest_host" "print_i32" (func $print_i32 (param i32)))
  (import "spectest_host" "print_i64" (func $print_i64 (param i64)))
  (import "spectest_host" "print_f32" (func $print_f32 (param f32)))
  (import "spectest_host" "print_f64" (func $print_f64 (param f64)))
  (import "spectest_host" "print_i32_f32" (func $print_i32_f32 (param i32 f32)))
  (import "spectest_host" "print_f64_f64" (func $print_f64_f64 (param f64 f64)))
  (export "print" (func $print))
  (export "print_i32" (func $print_i32))
  (export "print_i64" (func $print_i64))
  (export "print_f32" (func $print_f32))
  (export "print_f64" (func $print_f64))
  (export "print_i32_f32" (func $print_i32_f32))
  (export "print_f64_f64" (func $print_f64_f64))
  (global (export "global_i32") i32 (i32.const 666))
  (global (export "global_i64") i64 (i64.const 666))
  (global (export "global_f32") f32 (f32.const 666.6))
  (global (export "global_f64") f64 (f64.const 666.6))
  (table (export "table") 10 20 funcref)
  (table (export "table64") i64 10 20 funcref)
  (memory (export "memory") 1 2)
  (memory (export "shared_memory") 1 2 shared)
)"""


@functools.cache
def dist_version(dist: str) -> str:
    """``importlib.metadata.version(dist)``, looked up once per process.

    The lookup scans ``sys.path`` and parses the package's metadata each time
    (milliseconds); adapters report their version for every suite item.
    Raises ``PackageNotFoundError`` as the lookup does (not cached then).
    """
    from importlib.metadata import version

    return version(dist)


class Engine:
    """Base class of engine adapters; override what your engine can do."""

    #: short name used in reports and expected-failure lists
    name = "engine"
    #: does :meth:`compile_text` work (``module quote`` cases)?
    parses_text = False

    @property
    def version(self) -> str:
        return "unknown"

    # -- lifecycle -------------------------------------------------------------

    def reset(self) -> None:
        """Start a fresh store; ``spectest`` must be registered afterwards."""
        raise NotImplementedError

    def use_features(self, disabled: frozenset[str]) -> None:
        """Run the next script (from the next :meth:`reset` on) with these
        proposals (:mod:`interp.features` names) off: the ``[engine]`` table of
        ``spec/features.toml``.  Engines without feature switches ignore it."""

    # -- modules ---------------------------------------------------------------

    def compile(self, wasm: bytes) -> Any:
        """Decode and validate a binary module (``malformed`` / ``invalid``)."""
        raise NotImplementedError

    def compile_text(self, text: str) -> Any:
        """Parse and validate a text module; only if :attr:`parses_text`."""
        raise Unsupported(f"{self.name} does not parse the text format")

    def instantiate(self, module: Any) -> Any:
        """Instantiate, resolving imports among the registered names.

        Raises ``unlinkable`` for import mismatches, ``trap`` (or
        ``exception``) when initialisation or the start function fails.
        """
        raise NotImplementedError

    def register(self, name: str, instance: Any) -> None:
        """Make the exports of ``instance`` importable under ``name``."""
        raise NotImplementedError

    # -- actions ---------------------------------------------------------------

    def invoke(self, instance: Any, field: str, args: Sequence[Value]) -> list[Value]:
        raise NotImplementedError

    def get_global(self, instance: Any, field: str) -> Value:
        raise NotImplementedError

    def read_memory(self, instance: Any, field: str, offset: int, length: int) -> bytes:
        raise Unsupported(f"{self.name} adapter cannot read memory")

    def host_func(
        self, params: Sequence[str], results: Sequence[str], fn: Callable[..., list[Value]]
    ) -> Any:
        raise Unsupported(f"{self.name} adapter cannot make host functions")

    # -- timing (python -m bench) ---------------------------------------------------

    def bench_version(self) -> str:
        """The version string of a benchmark record (more detail than :attr:`version`)."""
        return self.version

    def set_fuel(self, fuel: int | None) -> str | None:
        """``python -m bench --fuel``; returns a note when the engine ignores it."""
        return None if fuel is None else f"{self.name} ignores --fuel"

    def prepare(self) -> None:
        """One-off setup before timing starts (e.g. wasmtime's compiler engine)."""

    def load_core(self, data: bytes, export: str, args: list[Any]) -> Callable[[], Any]:
        """Decode, compile and instantiate ``data`` (no imports); return a closure
        that calls ``export`` with the plain Python ``args`` and returns the raw
        result.  Only the closure's call is timed as *run*."""
        raise Unsupported(f"{self.name} adapter does not run benchmark kernels")

    def load_wasi(self, data: bytes, argv: list[str]) -> Callable[[], bytes]:
        """Instantiate a WASI command; the closure runs ``_start`` and returns its
        stdout (raising on a non-zero exit status, see :func:`check_exit`)."""
        raise Unsupported(f"{self.name} cannot run WASI programs here")


def check_exit(code: int | None) -> None:
    """A WASI program's exit status: anything but 0 is an error of the run."""
    if code not in (0, None):
        raise RuntimeError(f"WASI program exited with code {code}")
