"""The executor: each wasm function is compiled, on first call, to a Python function.

Why compile instead of interpreting instruction by instruction?  A
dispatch loop in Python pays tens of bytecodes per wasm instruction; here a
wasm function becomes one Python function whose wasm locals and operand-stack
slots are Python locals (``l0``, ``s3``), so ``local.get a; local.get b;
i32.add; local.set c`` becomes the single statement ``l2 = (l0 + l1) & M32``.

Design (decided once, shared by every instruction family):

* **Symbolic operand stack.**  Pure values (constants, locals, pure
  arithmetic on them) stay as pending Python expressions and are folded into
  their consumer.  Anything that reads mutable state (memory, globals) or can
  trap is assigned to its stack slot at once, so traps and side effects
  happen in wasm order.  Before a variable is written, pending expressions
  that read it are materialized (:meth:`FunctionCompiler.write_var`).  At
  control-flow boundaries the whole stack is materialized into slots, so
  every block has a fixed slot layout (block results live in
  ``s<height>...``).
* **Structured control flow.**  A wasm block/if that is the target of a
  branch becomes ``while True: ... break``; a targeted loop becomes
  ``while True: ... continue``; untargeted blocks cost nothing.  Branches
  across several Python loops set ``_br`` to the target's loop depth and
  ``break``; each crossed loop re-dispatches after it ends.
* **Flat fallback.**  CPython allows 20 statically nested blocks and 100
  indentation levels; a function that would exceed them is compiled in
  *flat* mode instead: one ``while True`` whose body is a chain of
  ``if pc <= k:`` basic blocks (slower, but any nesting depth works).
* **Switches.**  A C ``switch`` (a nest of blocks around one ``br_table``)
  needs no loop per case: the ``br_table``'s decision tree gets each case's
  code at its leaf (:mod:`interp.switches`), so it stays structured.
* **Pieces.**  A function whose source is too large for one ``compile()``
  (memory, an uninterruptible builtin call) is cut into separately and
  lazily compiled Python functions (:mod:`interp.pieces`).
* **Numerics live in one place.**  Operators come from
  :mod:`interp.numerics`: its ``INLINE`` templates are pasted into the code,
  every other operator is a call to the function of the same name.
* **Traps.**  Memory accesses use ``struct`` on the memory's bytearray;
  out-of-bounds raises ``struct.error``/``IndexError``, which the function
  converts once (zero-cost ``try``) into the spec's trap.
"""

from __future__ import annotations

import math
import mmap
import re
import struct
from typing import Any

from . import exprs, numerics, pieces, switches
from .deftypes import DefType
from .errors import Exhaustion, OutOfFuel, Trap, TrapCode
from .match import match_deftype
from .opcodes import BRANCH_LABELS, OP, OPCODES
from .types import ABS_HEAP_TYPES, Exact, FuncType, GlobalType, Module, default_value

# -- limits of CPython's compiler ------------------------------------------------------
MAX_PY_LOOPS = 18  # CPython: at most 20 statically nested blocks (one is our try)
MAX_INDENT = 90  # the tokenizer allows 100 indentation levels
FLAT_FAN = 16  # flat mode: basic blocks per group of the pc test tree (group_blocks)
MAX_EXPR_DEPTH = 24  # keep the parser's nesting far from its limit
MAX_EXPR_LEN = 300  # long expressions are materialized (readability of generated code)
BLOCK_CHARS = 16_000  # flat mode: longer basic blocks are cut (cut_long_block)
CUT_CHECK_LINES = 256  # flat mode: lines between two looks at the open block's length
JUMP_TABLE_MIN = 4  # flat mode: a br_table of more target ranges is a tuple index (jump_table)


FREE_OPS: set[int] = {OP[name] for name in ("nop", "block", "loop", "else", "end")}
"""Instructions that cost no fuel: structural markers and ``nop`` do no work
(the families' ``fuel_free``: the legacy ``catch``, ``delegate`` too)."""


class _TooDeep(Exception):
    """Structured emission would exceed CPython's nesting limits."""


class _NoLocalFuel(Exception):
    """A function compiled with its fuel in a local goes to pieces: compile it
    again with the counter in the store (see FunctionCompiler.fuel_local)."""


class CompilerBug(RuntimeError):
    """The Python code generated for a function does not compile.

    Never a property of the wasm module (which was validated): a bug of
    this compiler, raised instead of being papered over by another mode.
    """

    def __init__(self, func: str, flat: bool, cause: BaseException) -> None:
        mode = "flat" if flat else "structured"
        super().__init__(
            f"nanowasm bug: the generated {mode} code of {func} does not compile "
            f"({type(cause).__name__}: {cause}); please report it with the module"
        )


# -- runtime helpers called from generated code ------------------------------------------

_S = struct.Struct


def _trap(msg: str) -> Trap:
    return Trap(msg)


Memory = bytearray | mmap.mmap  # a MemInst's data (see interp.runtime.MemInst)

_CHUNK = 1 << 20
"""Bulk memory operations move at most this many bytes per step, so that no
temporary is as large as the range (filling a 1 GiB memory in one
``memory.fill`` would otherwise build 1 GiB of ``bytes``)."""


def memory_fill(mem: Memory, d: int, val: int, n: int) -> None:
    if d + n > len(mem):
        raise Trap(TrapCode.MEMORY_OUT_OF_BOUNDS)
    if n <= _CHUNK:
        mem[d : d + n] = bytes((val & 0xFF,)) * n
        return
    chunk = bytes((val & 0xFF,)) * _CHUNK
    end = d + n
    while d < end:
        k = min(_CHUNK, end - d)
        mem[d : d + k] = chunk if k == _CHUNK else chunk[:k]
        d += k


def memory_copy(dst: Memory, src: Memory, d: int, s: int, n: int) -> None:
    if s + n > len(src) or d + n > len(dst):
        raise Trap(TrapCode.MEMORY_OUT_OF_BOUNDS)
    if n <= _CHUNK:
        dst[d : d + n] = src[s : s + n]
        return
    # chunk by chunk, in the direction that never overwrites unread source
    # bytes when the ranges overlap in one memory (spec 4.4.7 memory.copy)
    step = _CHUNK
    if dst is src and s < d < s + n:
        k = n
        while k > 0:
            c = min(step, k)
            k -= c
            dst[d + k : d + k + c] = src[s + k : s + k + c]
        return
    k = 0
    while k < n:
        c = min(step, n - k)
        dst[d + k : d + k + c] = src[s + k : s + k + c]
        k += c


def memory_init(inst: Any, dataidx: int, mem: Memory, d: int, s: int, n: int) -> None:
    data = inst.datas[dataidx]
    if s + n > len(data) or d + n > len(mem):
        raise Trap(TrapCode.MEMORY_OUT_OF_BOUNDS)
    mem[d : d + n] = data[s : s + n]


def data_drop(inst: Any, dataidx: int) -> None:
    inst.datas[dataidx] = b""


def table_get(tab: list[Any], i: int) -> Any:
    if i >= len(tab):
        raise Trap(TrapCode.TABLE_OUT_OF_BOUNDS)
    return tab[i]


def table_set(tab: list[Any], i: int, v: Any) -> None:
    if i >= len(tab):
        raise Trap(TrapCode.TABLE_OUT_OF_BOUNDS)
    tab[i] = v


def table_fill(tab: list[Any], i: int, v: Any, n: int) -> None:
    if i + n > len(tab):
        raise Trap(TrapCode.TABLE_OUT_OF_BOUNDS)
    tab[i : i + n] = [v] * n


def table_copy(dst: list[Any], src: list[Any], d: int, s: int, n: int) -> None:
    if s + n > len(src) or d + n > len(dst):
        raise Trap(TrapCode.TABLE_OUT_OF_BOUNDS)
    dst[d : d + n] = src[s : s + n]


def table_init(inst: Any, elemidx: int, tab: list[Any], d: int, s: int, n: int) -> None:
    elem = inst.elems[elemidx]
    if s + n > len(elem) or d + n > len(tab):
        raise Trap(TrapCode.TABLE_OUT_OF_BOUNDS)
    tab[d : d + n] = elem[s : s + n]


def elem_drop(inst: Any, elemidx: int) -> None:
    inst.elems[elemidx] = []


def _base_namespace() -> dict[str, Any]:
    from . import runtime

    ns = {k: v for k, v in vars(numerics).items() if not k.startswith("__")}
    ns.update(
        Trap=Trap,
        TailCall=TailCall,
        PieceReturn=pieces.PieceReturn,
        OutOfFuel=OutOfFuel,
        StructError=struct.error,
        memory_fill=memory_fill,
        memory_copy=memory_copy,
        memory_init=memory_init,
        data_drop=data_drop,
        table_get=table_get,
        table_set=table_set,
        table_fill=table_fill,
        table_copy=table_copy,
        table_init=table_init,
        elem_drop=elem_drop,
        match_deftype=match_deftype,
        I31Ref=runtime.I31Ref,
        ref_eq=runtime.ref_eq,
        ref_test=runtime.ref_test,
        ref_cast=runtime.ref_cast,
        i31_get_s=runtime.i31_get_s,
        i31_get_u=runtime.i31_get_u,
        any_convert_extern=runtime.any_convert_extern,
        extern_convert_any=runtime.extern_convert_any,
        **{f"HEAP_{h}": h for h in ABS_HEAP_TYPES},
        SQRT=math.sqrt,
        INF=float("inf"),
        NINF=float("-inf"),
    )
    for name, fmt in _FORMATS.items():
        ns["LD" + name] = _S(fmt).unpack_from
        ns["ST" + name] = _S(fmt).pack_into
    return ns


_FORMATS = {
    "u8": "<B",
    "s8": "<b",
    "u16": "<H",
    "s16": "<h",
    "u32": "<I",
    "s32": "<i",
    "u64": "<Q",
    "f64": "<d",
}

M32 = 0xFFFFFFFF
M64 = 0xFFFFFFFFFFFFFFFF

# load opcode name -> expression template over the effective address ({m} = memory, {a} = address)
_LOADS = {
    "i32.load": "LDu32({m}, {a})[0]",
    "i64.load": "LDu64({m}, {a})[0]",
    "f32.load": "f32_from_bits(LDu32({m}, {a})[0])",
    "f64.load": "LDf64({m}, {a})[0]",
    "i32.load8_s": "(LDs8({m}, {a})[0] & 0xFFFFFFFF)",
    "i32.load8_u": "{m}[{a}]",
    "i32.load16_s": "(LDs16({m}, {a})[0] & 0xFFFFFFFF)",
    "i32.load16_u": "LDu16({m}, {a})[0]",
    "i64.load8_s": "(LDs8({m}, {a})[0] & 0xFFFFFFFFFFFFFFFF)",
    "i64.load8_u": "{m}[{a}]",
    "i64.load16_s": "(LDs16({m}, {a})[0] & 0xFFFFFFFFFFFFFFFF)",
    "i64.load16_u": "LDu16({m}, {a})[0]",
    "i64.load32_s": "(LDs32({m}, {a})[0] & 0xFFFFFFFFFFFFFFFF)",
    "i64.load32_u": "LDu32({m}, {a})[0]",
}
# store opcode name -> statement template ({v} = value)
_STORES = {
    "i32.store": "STu32({m}, {a}, {v})",
    "i64.store": "STu64({m}, {a}, {v})",
    "f32.store": "STu32({m}, {a}, f32_to_bits({v}))",
    "f64.store": "STf64({m}, {a}, {v})",
    "i32.store8": "STu8({m}, {a}, ({v}) & 0xFF)",
    "i32.store16": "STu16({m}, {a}, ({v}) & 0xFFFF)",
    "i64.store8": "STu8({m}, {a}, ({v}) & 0xFF)",
    "i64.store16": "STu16({m}, {a}, ({v}) & 0xFFFF)",
    "i64.store32": "STu32({m}, {a}, ({v}) & 0xFFFFFFFF)",
}

_STORE8 = frozenset({"i32.store8", "i64.store8"})
"""Byte stores, written as item assignments ``M0[a] = v``: a ``STORE_SUBSCR``
instead of a call of ``pack_into``.  Out of bounds, a ``bytearray`` (or
``mmap``) raises ``IndexError`` as ``pack_into`` raises ``struct.error``;
the function turns either into the trap.  Addresses are never negative (an
exact unsigned value plus the offset), so no index wraps around."""


def _low_byte(v: Entry) -> str:
    """The low 8 bits of a stored value (spec 4.4.7 ``store8``: wrap to 8 bits):
    the value itself if its bounds are within a byte; else ``& 0xFF`` on its
    cheapest form, even a deferred one (congruent modulo 2^N, so modulo 2^8)."""
    if v.mask:
        if v.lo >= 0 and v.hi <= 0xFF:
            return v.expr
        return f"{exprs.paren(v.raw, v.prec, exprs.AND)} & 0xFF"
    return f"{v.expr} & 0xFF"


# -- binding an instance's namespace ---------------------------------------------------


def bind_namespace(inst: Any) -> None:
    """Build the globals dict in which an instance's compiled functions run.

    Names: ``f<i>`` callables of the function index space, ``RF<i>`` the
    function instances (funcref values), ``M<i>``/``MEM<i>`` memory bytes
    and instances, ``G<i>`` global instances (``g<i>`` the value of an
    immutable one), ``T<i>``/``TE<i>`` tables and their element lists,
    ``FT<i>`` the (interned) function types, ``TAGS`` the tag instances,
    ``INST`` the instance.
    """
    from .runtime import WasmFunc

    ns = dict(_BASE)
    ns["INST"] = inst
    ns["STORE"] = inst.store
    ns["TRACE"] = inst.store.trace
    for i, f in enumerate(inst.funcs):
        ns[f"RF{i}"] = f
        if isinstance(f, WasmFunc) and f.instance is not inst:
            ns[f"f{i}"] = f.fn if f.fn is not None else _import_stub(ns, f"f{i}", f)
        else:
            ns[f"f{i}"] = f.call
    for i, m in enumerate(inst.mems):
        ns[f"M{i}"] = m.data
        ns[f"MEM{i}"] = m
    for i, g in enumerate(inst.globals):
        ns[f"G{i}"] = g
        if not g.type.mutable:
            ns[f"g{i}"] = g.value
    for i, t in enumerate(inst.tables):
        ns[f"T{i}"] = t
        ns[f"TE{i}"] = t.elements
    for i, ft in enumerate(inst.types):
        ns[f"FT{i}"] = ft
        ns[f"FTX{i}"] = Exact(ft)  # custom descriptors: the exact heap type (exact i)
    ns["TAGS"] = inst.tags
    inst.namespace = ns


def _import_stub(ns: dict[str, Any], name: str, f: Any) -> Any:
    def stub(*args: Any) -> Any:
        fn = f.compiled()
        ns[name] = fn
        return fn(*args)

    return stub


class IndexSpaces:
    """What every function's compiler reads from the module, built once per instance.

    ``Module.func_types()`` rebuilds the whole function index space; asked per
    compiled function it made compiling a module quadratic in its function count
    (30% of the compile time of a 2,055-function module, bench/README.md).  The
    memory and tag facts walk the imports too (~10 us per function with WASI's).
    """

    __slots__ = ("func_types", "global_types", "mem64", "mem_shift", "tag_types")

    def __init__(self, module: Module, types: list[DefType]) -> None:
        self.func_types: list[FuncType] = module.func_types()
        self.global_types: list[GlobalType] = module.global_types()
        mems = module.mem_types()
        # memories with the address type i64 (memory64): their addresses are clamped
        self.mem64 = frozenset(i for i, mt in enumerate(mems) if mt.limits.addr64)
        # custom page sizes: log2 of each memory's page size (16 unless it says otherwise)
        self.mem_shift = [mt.page_shift for mt in mems]
        self.tag_types = [types[t.typeidx] for t in module.tag_types()]


def _index_spaces(inst: Any) -> IndexSpaces:
    """The instance's :class:`IndexSpaces` (made on first use)."""
    spaces = inst.__dict__.get("_compile_spaces")
    if spaces is None:
        spaces = inst._compile_spaces = IndexSpaces(inst.module, inst.types)
    return spaces  # type: ignore[no-any-return]


def _indent_of(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


def compile_function(inst: Any, index: int) -> Any:
    """Compile function ``index`` of ``inst`` and return the Python function."""
    module: Module = inst.module
    nimported = len(inst.funcs) - len(module.funcs)
    func = module.funcs[index - nimported]
    ft = inst.types[func.typeidx]
    store = inst.store
    opts = {"fuel": store.fuel is not None, "trace": store.trace is not None}
    # names come from the module (name section, exports): any string, but a
    # code object's filename must not contain NUL
    filename = "<wasm {}>".format(inst.func_name(index).replace("\0", "\\0"))
    cache = getattr(store, "code_cache", None)
    if cache is not None and cache.module is not module:
        cache = None
    hit = cache.get(index, opts["fuel"], opts["trace"]) if cache is not None else None
    if hit is not None:  # interp.codecache: compiled by an earlier run
        return _install(inst, index, hit[0], hit[1], hit[3])
    # Flat mode is chosen by the nesting limits alone (_TooDeep); generated
    # code that CPython refuses is a bug of this compiler, reported as such.
    spaces = _index_spaces(inst)
    try:
        fc, source = _generate(module, inst.types, index, func, ft, False, spaces, opts)
        if fc.split_failed:  # too large to compile whole, no cut at its top level
            raise _TooDeep
    except _TooDeep:
        fc, source = _generate(module, inst.types, index, func, ft, True, spaces, opts)
    try:
        code = compile(source, filename, "exec")
    except MemoryError:
        raise Exhaustion(
            TrapCode.RESOURCE_LIMIT, f": out of memory compiling {inst.func_name(index)}"
        ) from None
    except (SyntaxError, RecursionError, ValueError) as e:
        raise CompilerBug(inst.func_name(index), fc.flat, e) from e
    if fc.pieces:  # compiled lazily, piece by piece; not kept in the code cache
        _install_pieces(inst, index, fc, filename)
    elif cache is not None:
        cache.put(index, opts["fuel"], opts["trace"], code, fc.linemap, fc.flat, fc.tail_mode)
    # a function in pieces: its frames are the pieces' (the main loop is no wasm code)
    return _install(inst, index, code, fc.linemap, fc.tail_mode, wasm_frame=not fc.pieces)


def _generate(
    module: Module,
    types: list[DefType],
    index: int,
    func: Any,
    ft: DefType,
    flat: bool,
    spaces: IndexSpaces | None,
    opts: dict[str, bool],
) -> tuple[FunctionCompiler, str]:
    """One function's compiler and source; again with the fuel counter in the
    store when the local one cannot be kept (:class:`_NoLocalFuel`)."""
    fc = FunctionCompiler(module, types, index, func, ft, flat=flat, spaces=spaces, **opts)
    try:
        return fc, fc.compile()
    except _NoLocalFuel:
        fc = FunctionCompiler(
            module, types, index, func, ft, flat=flat, spaces=spaces, local_fuel=False, **opts
        )
        return fc, fc.compile()


def _install_pieces(inst: Any, index: int, fc: FunctionCompiler, filename: str) -> None:
    """Put a stub for each piece of a function into the instance's namespace.

    A piece is compiled when it is first called (one ``compile()`` per piece:
    a timeout's signal handler runs between them, see :mod:`interp.pieces`);
    the stub then replaces itself by the compiled function.
    """
    ns = inst.namespace
    table: list[Any] | None = None
    if fc.dispatch_table is not None:
        name, n = fc.dispatch_table
        table = ns[name] = [None] * n

    def stub_for(piece: pieces.Piece) -> Any:
        def stub(*args: Any) -> Any:
            try:
                code = compile(piece.source, filename, "exec")
            except MemoryError:
                raise Exhaustion(
                    TrapCode.RESOURCE_LIMIT, f": out of memory compiling {inst.func_name(index)}"
                ) from None
            except (SyntaxError, RecursionError, ValueError) as e:
                raise CompilerBug(inst.func_name(index), fc.flat, e) from e
            exec(code, ns)
            fn = ns.pop(f"{piece.name}_fn")
            inst.linemaps[fn.__code__] = (index, piece.linemap)
            inst.store.note_frame(fn)
            if piece.blocks is None:
                ns[piece.name] = fn
            else:
                assert table is not None
                table[piece.blocks.start : piece.blocks.stop] = [fn] * len(piece.blocks)
            return fn(*args)

        return stub

    for piece in fc.pieces:
        stub = stub_for(piece)
        if piece.blocks is None:
            ns[piece.name] = stub
        else:
            assert table is not None
            table[piece.blocks.start : piece.blocks.stop] = [stub] * len(piece.blocks)


def _install(
    inst: Any, index: int, code: Any, linemap: list[int], tail_mode: bool, wasm_frame: bool = True
) -> Any:
    """Run a function's compiled module code in the instance's namespace; its callable."""
    exec(code, inst.namespace)
    fn = inst.namespace.pop(f"w{index}")
    if wasm_frame:
        inst.linemaps[fn.__code__] = (index, linemap)
    if tail_mode:
        inst.funcs[index].raw = fn
        return trampoline(fn)
    return fn


class TailCall:
    """What a tail-mode function returns for ``return_call``: the next call."""

    __slots__ = ("args", "func")

    def __init__(self, func: Any, args: tuple[Any, ...]) -> None:
        self.func = func
        self.args = args


def trampoline(raw: Any) -> Any:
    """The public callable of a tail-mode function: run tail calls in a loop."""

    def run(*args: Any) -> Any:
        r = raw(*args)
        while r.__class__ is TailCall:
            r = r.func.tail_target()(*r.args)
        return r

    return run


def wasm_backtrace(exc: BaseException) -> list[tuple[str, int]]:
    """The wasm frames of an exception's traceback, innermost last.

    Each entry is ``(function name, byte offset of the instruction)``; the
    offsets come from the line map recorded when the function was compiled.
    """
    frames: list[tuple[str, int]] = []
    tb = exc.__traceback__
    while tb is not None:
        frame = tb.tb_frame
        inst = frame.f_globals.get("INST")
        entry = getattr(inst, "linemaps", {}).get(frame.f_code) if inst is not None else None
        if entry is not None and inst is not None:
            index, linemap = entry
            line = tb.tb_lineno - 1
            offset = linemap[line] if 0 <= line < len(linemap) else -1
            frames.append((inst.func_name(index), offset))
        tb = tb.tb_next
    return frames


def function_source(inst: Any, index: int, flat: bool = False, fuel: bool = False) -> str:
    """The Python source the compiler generates for a function (for debugging);
    ``fuel``: with fuel accounting, as for a store with ``fuel`` set."""
    module: Module = inst.module
    nimported = len(inst.funcs) - len(module.funcs)
    func = module.funcs[index - nimported]
    ft = inst.types[func.typeidx]
    fc, source = _generate(
        module, inst.types, index, func, ft, flat, None, {"fuel": fuel, "trace": False}
    )
    return "\n".join([source, *(p.source for p in fc.pieces)])


# -- the compiler ----------------------------------------------------------------------


class Entry:
    """A value on the symbolic operand stack: a Python expression.

    ``reads`` names the Python variables (locals ``l<i>``, slots ``s<h>``)
    the expression reads; an entry at height h only reads slots >= h.
    ``expr`` is always the exact value as an atom (safe to paste anywhere).
    Integer entries of :mod:`interp.exprs` also carry their cheapest form
    ``raw`` (possibly deferred: congruent, not yet masked), its precedence
    and the bounds ``lo``/``hi`` of its value (``lo == hi``: a constant),
    and ``mask``, the type's; ``mask`` is 0 for any other entry.  ``val`` is
    a float constant's value (for folding), else None.
    """

    __slots__ = ("depth", "expr", "hi", "lo", "mask", "prec", "raw", "reads", "val")

    def __init__(
        self,
        expr: str,
        reads: frozenset[str],
        depth: int,
        raw: str = "",
        prec: int = exprs.ATOM,
        lo: int = 0,
        hi: int = 0,
        mask: int = 0,
        val: float | None = None,
    ) -> None:
        self.expr = expr
        self.reads = reads
        self.depth = depth
        self.raw = raw or expr
        self.prec = prec
        self.lo = lo
        self.hi = hi
        self.mask = mask
        self.val = val


_NOREADS: frozenset[str] = frozenset()


class Ctl:
    """A control frame (block, loop, if, or the function body)."""

    __slots__ = (
        "body_start",
        "branched",
        "catches",
        "ext",
        "guard",
        "height",
        "kind",
        "label_else",
        "label_end",
        "label_start",
        "need_check",
        "nparams",
        "nresults",
        "py",
        "pydepth",
        "switch",
        "switch_pos",
        "try_id",
    )

    def __init__(self, kind: str, height: int, nparams: int, nresults: int, py: bool) -> None:
        self.kind = kind
        self.height = height
        self.nparams = nparams
        self.nresults = nresults
        self.py = py  # realized as a Python ``while True`` loop (structured mode)
        self.pydepth = 0
        self.need_check = False
        self.branched = False
        self.guard = False  # a guard block compiled as ``if not cond:`` (find_guards)
        self.body_start = 0
        self.label_start = self.label_end = self.label_else = -1
        # try_table: (kind, tag, label, target Ctl, the target's try context)
        self.catches: list[Any] = []
        self.try_id = 0  # try_table in flat mode: its number (the value of _tt)
        # an extension's own state of the frame (a legacy ``try``,
        # interp.legacy_exceptions); None for every other frame
        self.ext: Any = None
        # a block of a br_table switch nest (interp.switches) and its position
        self.switch: Any = None
        self.switch_pos = 0

    @property
    def arity(self) -> int:
        return self.nparams if self.kind == "loop" else self.nresults


_BLOCK, _LOOP, _IF, _ELSE, _END = OP["block"], OP["loop"], OP["if"], OP["else"], OP["end"]
BLOCK_OPENERS: set[int] = {_BLOCK, _LOOP, _IF}
"""Instructions that open a block closed by ``end``, of every family (built by
:func:`interp.families.build`: ``try_table``, :mod:`interp.exceptions`)."""
BLOCK_CLOSERS: set[int] = {_END}
"""Instructions that close the innermost block: ``end``, and the families'
markers that close one (legacy ``delegate``; ``Family.block_markers``)."""
BLOCK_MIDDLES: set[int] = {_ELSE}
"""Instructions that end one part of a block and start the next (``else``,
the families' other markers: legacy ``catch``/``catch_all``): live again
after dead code."""
CATCHING: set[int] = set()
"""Block instructions that may catch exceptions (``try_table``, legacy
``try``): flat mode wraps a function that has one in the exception wrapper."""
_BR_TABLE = OP["br_table"]
_TAIL_CALLS = {OP[n] for n in ("return_call", "return_call_indirect", "return_call_ref")}


def _labels_of(ins: tuple) -> Any:
    """The label depths an instruction branches to (none for a non-branch)."""
    info = OPCODES[ins[0]]
    return BRANCH_LABELS[info.imm](ins) if info.branch else ()


FLAT_EXCEPT: list[Any] = []
"""Flat mode: the emitter of the exception wrapper's handler (``Family.flat_except``
of :mod:`interp.exceptions`, put here by the build)."""


STRUCTURE: dict[int, int] = {}
"""Opcode -> its bits: 1 closes a block, 2 opens one, 4 branches (has a label
reader); instructions of no such kind are absent.  Made on first use from the tables
:func:`interp.families.build` fills (which empties it)."""


NO_ACCESS: set[int] = set()
"""Instructions whose generated code never raises ``IndexError`` or
``struct.error`` (made with :data:`STRUCTURE`): control, variables,
constants, and the numeric operators (numeric operands and results, no
immediate: pure helpers or inline arithmetic).  Not memory or table access,
calls (a host function may raise anything), references, SIMD."""

_NO_ACCESS_NAMES = frozenset((
    "unreachable", "nop", "block", "loop", "if", "else", "end", "br", "br_if", "br_table",
    "return", "drop", "select", "select_t", "local.get", "local.set", "local.tee",
    "global.get", "global.set", "i32.const", "i64.const", "f32.const", "f64.const",
))  # fmt: skip
_NUMERIC = frozenset({"i32", "i64", "f32", "f64"})


BRANCHING: set[int] = set()
"""The instructions with a label reader (made with :data:`STRUCTURE`)."""

CONTROL: set[int] = set()
"""Block structure (openers, middles, closers) and branches: what
:func:`find_guards` looks at (made with :data:`STRUCTURE`)."""


def structure_kinds() -> dict[int, int]:
    """:data:`STRUCTURE`, made if it is empty (with :data:`NO_ACCESS`,
    :data:`BRANCHING`, :data:`CONTROL`); interp.families empties it whenever
    it rebuilds the tables."""
    if not STRUCTURE:
        NO_ACCESS.clear()
        BRANCHING.clear()
        CONTROL.clear()
        CONTROL.update(BLOCK_OPENERS, BLOCK_CLOSERS, BLOCK_MIDDLES)
        for op, info in OPCODES.items():
            kind = (op in BLOCK_CLOSERS) + 2 * (op in BLOCK_OPENERS) + 4 * bool(info.branch)
            if kind:
                STRUCTURE[op] = kind
            if info.branch:
                BRANCHING.add(op)
                CONTROL.add(op)
            if info.name in _NO_ACCESS_NAMES or (
                info.imm == ""
                and info.name[:4] in ("i32.", "i64.", "f32.", "f64.")
                and info.params is not None
                and info.results is not None
                and _NUMERIC.issuperset(info.params)
                and _NUMERIC.issuperset(info.results)
            ):
                NO_ACCESS.add(op)
    return STRUCTURE


def find_targets(body: list[tuple]) -> set[int]:
    """Indices of block/loop/if instructions that some branch targets.

    Branch instructions are those of the table's ``branch`` column, their
    labels read by :data:`interp.opcodes.BRANCH_LABELS`: a new one cannot be
    forgotten here.
    """
    return scan_structure(body)[0]


def scan_structure(body: list[tuple]) -> tuple[set[int], bool]:
    """:func:`find_targets`, and whether a ``br_table`` is large enough to be a
    switch (:data:`interp.switches.MIN_CASES`), in one pass."""
    stack: list[int] = []
    targeted: set[int] = set()
    table = OPCODES
    kinds = structure_kinds()
    big_table = False
    # only the instructions that open or close a block or branch (a filter at
    # C speed: most instructions are none of these)
    for i in [i for i, ins in enumerate(body) if ins[0] in kinds]:
        ins = body[i]
        kind = kinds[ins[0]]
        if kind & 1:
            if stack:
                stack.pop()
            continue
        if kind & 4:  # try_table's catch labels count from outside it
            op = ins[0]
            for lab in BRANCH_LABELS[table[op].imm](ins):
                if lab < len(stack):
                    targeted.add(stack[-1 - lab])
            if op == _BR_TABLE and len(ins[1]) >= switches.MIN_CASES:
                big_table = True
        if kind & 2:
            stack.append(i)
    return targeted, big_table


def find_guards(body: list[tuple]) -> dict[int, int]:
    """Guard blocks: ``block`` index -> index of the one ``br_if 0`` that
    targets it, where that ``br_if`` is the block's first control
    instruction (only plain instructions before it, at the block's own
    level) and no other branch targets the block.

    Why: ``block; ...; (cond) br_if 0; B; end`` is C's ``if (!cond) B``;
    as a Python loop (``while True: if cond: break`` ... ``break``) it is one
    more loop for every branch in ``B`` to cross (``_br = k; break`` and an
    ``if _br:`` ladder after each loop crossed, on the hot path when ``B``
    continues an outer loop).  Compiled as ``if not cond:`` around ``B`` it is
    no loop at all (:meth:`FunctionCompiler.h_block`).  Functions with any
    other block construct (``try_table``, legacy ``try``) have none: their
    labels and handlers are left as they are.
    """
    structure_kinds()
    control = CONTROL
    # per open construct: [opener index, branches to it, its br_if, prefix clean]
    stack: list[list[Any]] = []
    guards: dict[int, int] = {}
    table = OPCODES
    openers, closers, middles = BLOCK_OPENERS, BLOCK_CLOSERS, BLOCK_MIDDLES
    plain = (_BLOCK, _LOOP, _IF)
    # only the control instructions (a filter at C speed: most are none)
    for k in [k for k, ins in enumerate(body) if ins[0] in control]:
        ins = body[k]
        op = ins[0]
        if op in closers:
            if stack:
                i, refs, j, _ = stack.pop()
                if refs == 1 and j >= 0:
                    guards[i] = j
            continue
        if stack and (op in middles or op in openers):
            stack[-1][3] = False
        info = table[op]
        if info.branch:
            for lab in BRANCH_LABELS[info.imm](ins):
                if lab < len(stack):
                    stack[-1 - lab][1] += 1
            if stack:
                top = stack[-1]
                if op == _BR_IF and ins[1] == 0 and top[3] and top[2] < 0:
                    top[2] = k
                top[3] = False
        if op in openers:
            if op not in plain:
                return {}
            stack.append([k, 0, -1, op == _BLOCK])
    return guards


_I32_CONST = OP["i32.const"]
_BR_IF = OP["br_if"]
_INT_OPS: dict[int, tuple[int, int]] = {OP[name]: v for name, v in exprs.int_ops(OP).items()}
"""The integer operators :meth:`FunctionCompiler.h_int` generates (opcode -> kind, mask)."""
_ATOM, _AND = exprs.ATOM, exprs.AND
_MUL, _AND_OP = exprs.MUL_OP, exprs.AND_OP
_MASK_TEXT = exprs.MASK_TEXT
_COMMUTATIVE = exprs.COMMUTATIVE
_SIGNED_CMP = {"lt_s": "<", "gt_s": ">", "le_s": "<=", "ge_s": ">="}
_NUM_TYPES = frozenset({"i32", "i64", "f32", "f64"})


class _Shape:
    """What the generic numeric rule knows of an operator, computed once per opcode.

    ``foldable``: numeric operands and one numeric result, so a constant
    result can be folded; ``enclosed``: its template is already one atom
    (no second pair of parentheses); ``hi``/``mask``: an integer result
    within ``[0, hi]`` (comparisons: 0 or 1; ``clz``: at most N); ``special``:
    a cheaper form in :meth:`FunctionCompiler.op_special`.
    """

    __slots__ = ("enclosed", "foldable", "hi", "mask", "operand_mask", "special")

    def __init__(self, info: Any) -> None:
        params: tuple[str, ...] = info.params
        results: tuple[str, ...] = info.results or ()
        self.foldable = (
            len(results) == 1 and results[0] in _NUM_TYPES and all(p in _NUM_TYPES for p in params)
        )
        template = numerics.INLINE.get(info.name)
        self.enclosed = template is not None and _is_atom(template)
        t, _, op = info.name.partition(".")
        res = results[0] if len(results) == 1 else ""
        self.mask = exprs.M32 if res == "i32" else exprs.M64 if res == "i64" else 0
        self.hi = 0
        if self.mask and not info.traps:
            if op in ("eqz", "eq", "ne", "lt", "gt", "le", "ge") or op[:3] in _CMP_PREFIXES:
                self.hi = 1
            elif op in ("clz", "ctz", "popcnt"):
                self.hi = self.mask.bit_length()
        self.operand_mask = exprs.M32 if t == "i32" else exprs.M64 if t == "i64" else 0
        self.special = ""
        if t in ("i32", "i64") and (op in _INLINE_SPECIAL or op in _SIGNED_CMP):
            self.special = op


_CMP_PREFIXES = ("lt_", "gt_", "le_", "ge_")
# float operators with their common case inline (push_float_fast)
_FLOAT_FAST = frozenset({"f64.div", "f64.sqrt"})
# operators with a constant second operand written inline (op_special)
_INLINE_SPECIAL = frozenset({"shr_u", "shr_s", "rotl", "rotr", "div_u", "rem_u"})
_SHAPES: dict[int, _Shape] = {}


def _shape(info: Any) -> _Shape:
    shape = _SHAPES.get(info.code)
    if shape is None:
        shape = _SHAPES[info.code] = _Shape(info)
    return shape


def _is_atom(template: str) -> bool:
    """The template is one parenthesized expression (its first ``(`` closes last)."""
    if not (template.startswith("(") and template.endswith(")")):
        return False
    depth = 0
    for k, ch in enumerate(template):
        depth += (ch == "(") - (ch == ")")
        if depth == 0:
            return k == len(template) - 1
    return False


class FunctionCompiler:
    """Translate one function body into Python source."""

    def __init__(
        self,
        module: Module,
        types: list[DefType],
        index: int,
        func: Any,
        ft: DefType,
        flat: bool,
        fuel: bool = False,
        trace: bool = False,
        spaces: IndexSpaces | None = None,
        local_fuel: bool = True,
    ) -> None:
        self.module = module
        if spaces is None:
            spaces = IndexSpaces(module, types)
        self.mem64 = spaces.mem64
        self.mem_shift = spaces.mem_shift
        self.types = types
        self.index = index
        self.func = func
        self.ft = ft
        self.flat = flat
        self.fuel = fuel
        self.trace = trace
        self.lines: list[str] = []
        # byte offset of the wasm instruction each emitted line comes from
        self.offsets: list[int] = []
        self.cur_offset = -1
        self.linemap: list[int] = []
        # fuel: index of the open segment's charge line and its instruction count
        self.fuel_line = -1
        self.fuel_count = 0
        # fuel counted in the Python local ``_fu`` (decided in compile(); see
        # open_segment); ``local_fuel=False`` keeps it in ``STORE.fuel``
        self.fuel_local = False
        self.allow_local_fuel = local_fuel
        self.blank_lines: list[int] = []  # emptied fuel placeholders (see close_segment)
        self.ind = 2
        self.stack: list[Entry] = []
        self.readers: dict[str, list[int]] = {}  # variable -> heights of entries reading it
        self.ctls: list[Ctl] = []
        self.pydepth = 0
        self.uses_br = False
        self.consts: dict[str, float] = {}
        # the entries of the i64 and i32 constants seen (by value)
        self.int_consts: tuple[dict[int, Entry], dict[int, Entry]] = ({}, {})
        self.local_entries: dict[int, Entry] = {}  # local index -> its local.get entry
        self.nlabels = 0
        self.tail_mode = False  # the function contains return_call*
        self.placed: dict[int, int] = {}  # flat mode: label -> basic block number
        self.cur_block = 0  # flat mode: the number of the open basic block
        # compiled in pieces (interp.pieces): the pieces, the variables the main
        # function holds (params, locals) and those it starts at None
        self.pieces: list[pieces.Piece] = []
        self.main_locals: list[str] = []
        self.state_init: list[str] = []
        self.dispatch_table: tuple[str, int] | None = None
        self.split_failed = False  # large, but no pieces: compile flat instead
        # br_table switch nests (interp.switches): their blocks and br_tables,
        # those whose case code is to be moved to its leaves
        self.switch_blocks: dict[int, tuple[switches.Switch, int]] = {}
        self.switch_tables: dict[int, switches.Switch] = {}
        self.spliced: list[switches.Switch] = []
        # flat mode: the block bodies' indentation, where the open block starts,
        # when to look at its length again (cut_long_block)
        self.flat_body_ind = 0
        self.block_line = 0
        self.cut_check = 1 << 62
        self.func_types, self.global_types = spaces.func_types, spaces.global_types
        self.module_tag_types = spaces.tag_types
        # exceptions (interp.exceptions): open Python ``try`` statements
        # (structured), the try_tables with their parent number (flat)
        self.ntry = 0
        self.tries: list[tuple[Ctl, int]] = []
        self.cur_try = 0
        # extensions: lines after the function-level ``try`` (its further
        # ``except`` clauses, interp.legacy_exceptions); empty for other code
        self.func_tail: list[str] = []
        self.ntemps = 0  # temporaries ``_v<n>`` (temp_of, assign_results)
        self.result_temps: set[str] = set()  # those holding a result (assign_results)
        # guard blocks compiled as ``if not cond:`` (find_guards): block -> its
        # br_if, and the br_ifs of those converted
        self.guards: dict[int, int] = {}
        self.guard_tests: set[int] = set()

    # -- emission helpers ------------------------------------------------------------

    def emit(self, line: str) -> None:
        self.lines.append(" " * self.ind + line)
        self.offsets.append(self.cur_offset)

    # -- fuel ------------------------------------------------------------------------
    #
    # Fuel is charged per straight-line segment, *before* the segment runs: a
    # placeholder line is emitted where a segment starts and replaced by the
    # charge once the segment's length is known.  A loop header starts a
    # segment inside the ``while``, so every iteration pays.  The charge is one
    # unit per wasm instruction executed, hence deterministic; structural
    # markers and ``nop`` are free (FREE_OPS).
    #
    # Where the counter lives.  ``STORE.fuel -= n`` then ``STORE.fuel < 0``
    # is a global load and two attribute loads and a store per segment: half
    # the cost of a small loop body (mandelbrot paid 1.66x).  So a function
    # counts in a Python local, ``_fu``, loaded from ``STORE.fuel`` on entry
    # and written back wherever other code can see the store: before each
    # call (the callee charges the store; ``_fu`` is reloaded after it
    # returns), before each ``return``, and when an exception leaves the
    # function.  There the store is exact by one rule: fuel only goes down,
    # so the lower of ``_fu`` and ``STORE.fuel`` is the current one (lower
    # ``_fu``: the exception came from this function's own code; lower store:
    # from a callee, after this function had written its count back).  Not
    # for code that catches exceptions (try_table, legacy try: a catch would
    # have to reload the count), tail calls (trampolines), trace mode, a
    # function compiled in pieces (each piece is its own Python function),
    # or a function without a loop (nothing to gain): those keep the counter
    # in the store (``_NoLocalFuel`` recompiles).

    def fuel_local_ok(self, body: list[tuple]) -> bool:
        """Can this function count its fuel in a local?  (See above.)"""
        if not (self.fuel and self.allow_local_fuel) or self.trace:
            return False
        plain = (_BLOCK, _LOOP, _IF)
        others = BLOCK_OPENERS.difference(plain)
        if any(ins[0] in others or ins[0] in _TAIL_CALLS for ins in body):
            return False
        # only where it pays: a function without a loop runs each segment at
        # most once per call, and the load and store cost what the cheaper
        # charges save (and lengthen the code to compile: the 2,055 small
        # functions of bench/programs ``many``)
        return any(ins[0] == _LOOP for ins in body)

    def sync_fuel(self) -> None:
        """Write the local count back to the store (before a call or return)."""
        if self.fuel_local:
            self.emit("STORE.fuel = _fu")

    def reload_fuel(self) -> None:
        """Read the count back from the store (after a call)."""
        if self.fuel_local:
            self.emit("_fu = STORE.fuel")

    def open_segment(self) -> None:
        if self.fuel:
            self.close_segment()
            self.emit("")
            self.fuel_line = len(self.lines) - 1
            self.fuel_count = 0

    def close_segment(self) -> None:
        if self.fuel_line < 0:
            return
        pad = self.lines[self.fuel_line]
        if self.fuel_count:
            counter = "_fu" if self.fuel_local else "STORE.fuel"
            self.lines[self.fuel_line] = (
                f"{pad}{counter} -= {self.fuel_count}\n"
                f"{pad}if {counter} < 0: raise OutOfFuel('{TrapCode.OUT_OF_FUEL.value}')"
            )
        else:
            # a blank line, not ``pass``: CPython keeps a NOP per ``pass`` line,
            # and 5,000 untargeted loops would run 5,000 NOPs per iteration
            self.lines[self.fuel_line] = ""
            self.blank_lines.append(self.fuel_line)
        self.fuel_line = -1

    def fill_empty_blocks(self) -> None:
        """Put ``pass`` back where blanking a fuel placeholder emptied a block."""
        if not self.blank_lines:
            return
        lines = self.lines
        blank = set(self.blank_lines)

        def indent(line: str) -> int:
            return len(line) - len(line.lstrip(" "))

        for j, line in enumerate(lines):
            if not line.endswith(":") or j in blank:
                continue
            k = j + 1
            while k < len(lines) and k in blank and not lines[k]:
                k += 1
            if k == len(lines) or indent(lines[k]) <= indent(line):
                lines[j + 1] = " " * (indent(line) + 1) + "pass"  # j + 1 is a blanked line

    def indent(self) -> None:
        self.ind += 1
        if self.ind > MAX_INDENT:
            raise _TooDeep

    def dedent(self) -> None:
        self.ind -= 1

    # -- the symbolic stack ----------------------------------------------------------

    def push(self, expr: str, reads: frozenset[str] = _NOREADS, depth: int = 0) -> None:
        self.push_entry(Entry(expr, reads, depth))

    def push_entry(self, e: Entry) -> None:
        """Push an entry; one too deep or too long for the parser is materialized."""
        stack = self.stack
        h = len(stack)
        stack.append(e)
        reads = e.reads
        if reads:
            readers = self.readers
            for name in reads:
                readers.setdefault(name, []).append(h)
        if e.depth > MAX_EXPR_DEPTH or len(e.expr) > MAX_EXPR_LEN:
            self.materialize(h)

    def push_int(self, value: int, mask: int) -> None:
        """Push an integer constant (canonical: ``0 <= value <= mask``)."""
        self.stack.append(Entry(str(value), _NOREADS, 0, "", exprs.ATOM, value, value, mask))

    def push_pure(self, expr: str, operands: list[Entry]) -> None:
        """Push a pure expression over popped operands: it reads what they read."""
        reads = frozenset().union(*(a.reads for a in operands)) if operands else _NOREADS
        self.push(expr, reads, max((a.depth for a in operands), default=0) + 1)

    def pop_address(self, ins: tuple) -> str:
        """Pop a memory instruction's base address; the effective address
        (memarg offset added, spec 4.4.7) as source text."""
        addr = self.pop().expr
        ea = f"{addr} + {ins[2]}" if ins[2] else addr
        if ins[3] in self.mem64:
            # A 64-bit address plus offset reaches 2^65, beyond what ``struct``
            # takes (OverflowError); any address >= 2^63 - 1 is out of bounds
            # anyway, so clamp it there and the access traps as usual.
            return f"min({ea}, 0x7FFFFFFFFFFFFFFF)"
        return ea

    def push_slot(self) -> str:
        """Push the slot at the current height as the (already written) value."""
        h = len(self.stack)
        name = f"s{h}"
        self.stack.append(Entry(name, frozenset((name,)), 0))
        return name

    def pop(self) -> Entry:
        return self.stack.pop()

    def popn(self, n: int) -> list[Entry]:
        if n == 0:
            return []
        out = self.stack[-n:]
        del self.stack[-n:]
        return out

    def write_var(self, name: str, exclude: int = -1) -> None:
        """Materialize pending entries that read ``name`` before it is overwritten.

        Candidates come from ``self.readers`` (variable -> heights of entries
        pushed reading it; stale heights are skipped), so a write costs
        O(entries that read the variable), not O(stack height): a stack of
        500,000 constants no longer makes compilation quadratic.
        """
        heights = self.readers.pop(name, None)
        if not heights:
            return
        stack = self.stack
        for j in sorted(set(heights)):
            if j < len(stack) and j != exclude:
                e = stack[j]
                if name in e.reads and e.expr != f"s{j}":
                    self.materialize(j)

    def materialize(self, j: int) -> None:
        e = self.stack[j]
        name = f"s{j}"
        mask = e.mask
        if e.expr == name:
            # a boundary (flush_all): what the slot holds past it is only known
            # to be of the entry's type (a loop's back edge writes it again)
            if mask and (e.lo or e.hi != mask):
                self.stack[j] = Entry(name, e.reads, 0, "", exprs.ATOM, 0, mask, mask)
            return
        self.write_var(name, exclude=j)
        self.emit(f"{name} = {e.expr}")
        lo, hi = e.lo, e.hi
        if not (mask and 0 <= lo < hi <= mask):  # deferred (the slot is exact), or a constant
            lo, hi = 0, mask
        self.stack[j] = Entry(name, frozenset((name,)), 0, "", exprs.ATOM, lo, hi, mask)

    def flush_all(self) -> None:
        for j in range(len(self.stack) - 1, -1, -1):
            self.materialize(j)

    def assign_results(self, n: int, rhs: str) -> None:
        """Emit ``s<h>.. = rhs`` for ``n`` results pushed at the current height."""
        h = len(self.stack)
        names = [f"s{h + k}" for k in range(n)]
        if n == 1 and self.slot_is_read(names[0]):
            # a pending entry below reads the slot: writing it would first
            # materialize that entry (``s0 = (s0 * s1)``, one more line, and the
            # end of a deferred chain's ``raw``); a name of its own avoids that.
            # It is written on this line only and read by this entry only (no
            # entry outlives the straight-line code it was pushed in), and a
            # boundary moves it to its slot like any other entry (materialize)
            temp = f"_v{self.ntemps}"
            self.ntemps += 1
            self.result_temps.add(temp)
            self.emit(f"{temp} = {rhs}")
            self.stack.append(Entry(temp, frozenset((temp,)), 0))
            return
        for name in names:
            self.write_var(name)
        if n == 0:
            self.emit(rhs)
        else:
            self.emit(f"{', '.join(names)} = {rhs}")
            for _ in names:
                self.push_slot()

    def slot_is_read(self, name: str) -> bool:
        """Does a pending entry other than the slot's own value read slot ``name``?"""
        heights = self.readers.get(name)
        if not heights:
            return False
        stack = self.stack
        return any(
            j < len(stack) and name in stack[j].reads and stack[j].expr != name for j in heights
        )

    def const_name(self, value: float) -> str:
        """A float constant as source text (NaNs and infinities by name)."""
        if value != value:
            name = f"K{numerics.f64_to_bits(value):x}"
            self.consts[name] = value
            return name
        if value == float("inf"):
            return "INF"
        if value == float("-inf"):
            return "NINF"
        return repr(value) if value >= 0 or value != 0 else "-0.0"

    # -- block types -----------------------------------------------------------------

    def block_sig(self, bt: Any) -> tuple[int, int]:
        if bt is None:
            return 0, 0
        if not isinstance(bt, int):  # a value type
            return 0, 1
        t = self.types[bt]
        return len(t.params), len(t.results)

    # -- top level ---------------------------------------------------------------------

    def compile(self) -> str:
        ft = self.ft
        func = self.func
        nparams = len(ft.params)
        body = func.body
        structure_kinds()
        ops = {ins[0] for ins in body}  # the opcodes used, for the whole-body questions
        if ops.isdisjoint(BRANCHING):  # straight-line code: nothing is targeted
            self.targeted, big_table = set[int](), False
        else:
            self.targeted, big_table = scan_structure(body)
        if big_table and not self.flat and not self.trace:
            self.switch_blocks, self.switch_tables = switches.find_switches(
                body, _BR_TABLE, _BLOCK, _END, _labels_of
            )
            self.targeted.difference_update(self.switch_blocks)
        if not self.flat and self.targeted:  # else no block is a guard
            self.guards = find_guards(body)
        fctl = Ctl("func", 0, 0, len(ft.results), False)
        self.ctls.append(fctl)
        self.fuel_local = self.fuel_local_ok(body)
        catching = self.flat and any(ins[0] in CATCHING for ins in body)
        if self.flat:
            self.emit("pc = 0")
            if catching:  # the exception wrapper, see interp.exceptions
                self.emit("_tt = 0")
                self.emit("while True:")
                self.indent()
                self.emit("try:")
                self.indent()
            self.emit("while True:")
            self.indent()
            self.emit("if pc <= 0:")
            self.indent()
            self.flat_body_ind = self.ind
            self.block_line = len(self.lines)
            self.cut_check = self.block_line + CUT_CHECK_LINES
        self.open_segment()
        self.compile_body(body)
        self.close_segment()
        if self.flat:
            self.resolve_labels()
            self.close_basic_block()
        # before group_blocks: blank_lines holds indices into the lines as emitted
        self.fill_empty_blocks()
        if self.spliced:
            self.lines, self.offsets = switches.splice(self.lines, self.offsets, self.spliced)
        tail = [
            " except (StructError, IndexError):",
            f'  raise Trap("{TrapCode.MEMORY_OUT_OF_BOUNDS.value}") from None',
            *self.func_tail,
        ]
        # nothing to catch (no memory access, no call): ``if True:`` in place of
        # the ``try``, which CPython compiles to nothing, and no handler (~10%
        # of compile() for small functions: bench/README.md)
        catch = bool(self.func_tail or self.fuel_local or self.trace) or not NO_ACCESS.issuperset(
            ops
        )
        if self.fuel_local:  # the lower count is the current one (see fuel_local_ok)
            sync = "  if _fu < STORE.fuel: STORE.fuel = _fu"
            tail = [tail[0], sync, *tail[1:], " except BaseException:", sync, "  raise"]
        # large functions are compiled in pieces (interp.pieces); the regions
        # of flat code are grouped into pc trees each on its own
        split = self.wants_pieces(body)
        if split and self.fuel_local:
            raise _NoLocalFuel
        if split:  # the pieces' own heads and handlers (interp.pieces)
            catch = True
        self.main_locals = [f"l{i}" for i in range(nparams + len(func.locals))]
        if self.uses_br:
            self.main_locals.append("_br")
        if self.flat:
            if not (split and not catching):
                self.group_blocks()
            self.dedent()
            self.dedent()
            if catching:
                self.dedent()
                FLAT_EXCEPT[0](self)
                self.dedent()
                self.resolve_labels()  # the handler's jumps
        self.drop_redundant_passes()
        if split and self.flat and not catching:
            if not pieces.split_flat(self, tail, _BASE):
                self.lines, self.offsets = self.group_lines(self.lines, self.offsets, 3)
        elif split and not self.flat:
            self.split_failed = not pieces.split_structured(self, tail, _BASE)
        params = ", ".join(f"l{i}" for i in range(nparams))
        head = [f"def w{self.index}({params}):"]
        for i, t in enumerate(func.locals):
            v = default_value(t)
            init = self.const_name(v) if isinstance(v, float) else repr(v)
            head.append(f" l{nparams + i} = {init}")
        if self.uses_br:
            head.append(" _br = 0")
        for k in range(0, len(self.state_init), 64):
            head.append(f" {' = '.join(self.state_init[k : k + 64])} = None")
        if self.fuel_local:
            head.append(" _fu = STORE.fuel")
        head.append(" try:" if catch else " if True:")
        if not catch:
            tail = []
        for name, value in self.consts.items():
            head.insert(0, f"{name} = f64_from_bits({numerics.f64_to_bits(value)})")
        # line map: source line (0-based) -> wasm offset; a fuel charge line
        # holds two source lines
        body_text = "\n".join(self.lines)
        linemap = [-1] * len(head)
        if body_text.count("\n") == len(self.lines) - 1:  # no line holds several
            linemap += self.offsets
        else:
            for line, offset in zip(self.lines, self.offsets, strict=True):
                linemap.extend([offset] * (line.count("\n") + 1))
        self.linemap = linemap
        if not self.lines:
            return "\n".join(head + tail) + "\n"
        return "\n".join([*head, body_text, *tail]) + "\n"

    def compile_body(self, body: list[tuple]) -> None:
        func_offsets = self.func.offsets
        dead = False
        skip = 0
        openers = BLOCK_OPENERS
        closers = BLOCK_CLOSERS
        middles = BLOCK_MIDDLES
        flat, trace, handlers, free = self.flat, self.trace, self.HANDLERS, FREE_OPS
        fuel = self.fuel  # fuel_count is read by close_segment only, which needs fuel
        numeric = self.op_numeric
        slow = flat or trace or fuel or not func_offsets
        for i, ins in enumerate(body):
            op = ins[0]
            if dead:
                if op in openers:
                    skip += 1
                    continue
                if op in closers or op in middles:
                    if skip:
                        if op in closers:
                            skip -= 1
                        continue
                else:
                    continue
            if slow:
                if flat and len(self.lines) >= self.cut_check:
                    self.cut_long_block()
                if func_offsets:
                    self.cur_offset = func_offsets[i]
                if fuel and op not in free:
                    self.fuel_count += 1
                if trace:
                    self.emit_trace(ins)
            else:
                self.cur_offset = func_offsets[i]
            handler = handlers.get(op)
            if handler is None:
                numeric(ins)
            else:  # a handler returns whether the code after it is dead
                dead = handler(self, ins, i, dead)
        # implicit end of the function body
        if not dead:
            self.emit_return()

    def emit_trace(self, ins: tuple) -> None:
        """Trace mode: report each instruction with its operand values.

        Folding is disabled in effect (the stack is materialized first), so
        the trace shows the values each instruction consumes.
        """
        info = OPCODES[ins[0]]
        self.flush_all()
        n = len(info.params) if info.params is not None else min(len(self.stack), 3)
        n = min(n, len(self.stack))
        operands = ", ".join(e.expr for e in self.stack[len(self.stack) - n :])
        self.emit(
            f"TRACE({self.index}, {self.cur_offset}, {info.name!r}, ({operands}{',' if n else ''}))"
        )

    # -- control instructions ----------------------------------------------------------

    def new_label(self) -> int:
        """Flat mode: a new label; jumps name it as ``@L<k>@`` until it is placed."""
        self.nlabels += 1
        return self.nlabels

    def place_label(self, k: int) -> None:
        """Flat mode: start basic block ``k`` (reached by fall-through or jump).

        The fall-through chain ``if pc <= n:`` needs block numbers that grow
        in placement order, so labels get their number here and the jumps
        emitted earlier are patched in :meth:`resolve_labels`.
        """
        header = f"if pc <= {self.cur_block}:"
        if self.lines[-1].endswith(header) and self.lines[-1] == " " * (self.ind - 1) + header:
            # the open block is still empty: the label names it (10,000 nested
            # ``if``s end in 20,000 labels in a row, which were as many blocks)
            self.placed[k] = self.cur_block
            return
        self.close_basic_block()
        self.dedent()
        self.cur_block += 1
        self.placed[k] = self.cur_block
        self.emit(f"if pc <= {self.cur_block}:")
        self.indent()
        self.block_line = len(self.lines)
        self.cut_check = self.block_line + CUT_CHECK_LINES

    def cut_long_block(self) -> None:
        """Flat mode: end a basic block longer than :data:`BLOCK_CHARS` here.

        The next block is entered by fall-through only, so this costs one
        ``if pc <=`` test; it lets :mod:`interp.pieces` cut long straight-line
        code (10,000 nested ``if``s open in one block) into regions.
        """
        self.cut_check = len(self.lines) + CUT_CHECK_LINES
        if self.ind != self.flat_body_ind:
            return
        if sum(len(ln) for ln in self.lines[self.block_line :]) < BLOCK_CHARS:
            return
        self.flush_all()
        self.place_label(self.new_label())

    def resolve_labels(self) -> None:
        if not self.placed:
            return
        pattern = re.compile(r"@L(\d+)@")
        placed = self.placed
        self.lines = [
            pattern.sub(lambda m: str(placed[int(m.group(1))]), line) if "@L" in line else line
            for line in self.lines
        ]

    def drop_redundant_passes(self) -> None:
        """Remove each ``pass`` followed by a statement of the same block.

        Every fuel segment gets a placeholder line, which becomes ``pass`` when
        the segment charges nothing (``loop``/``block`` are free).  CPython
        keeps a ``pass`` on its own line as a NOP bytecode, so 5,000 nested
        loops ran 5,000 NOPs per iteration of the innermost one: 10**6 units
        of fuel took 10.6 s against 0.05 s for a simple loop.  A ``pass``
        whose next line starts a statement at the same indentation is
        redundant; one that is the whole body of a block stays.
        """
        lines, offsets = self.lines, self.offsets
        drop = {
            i
            for i, ln in enumerate(lines)
            if ln.endswith("pass")
            and ln.lstrip(" ") == "pass"
            and i + 1 < len(lines)
            and _indent_of(lines[i + 1]) == len(ln) - 4
        }
        if drop:
            keep = [i for i in range(len(lines)) if i not in drop]
            self.lines = [lines[i] for i in keep]
            self.offsets = [offsets[i] for i in keep]

    def wants_pieces(self, body: list[tuple]) -> bool:
        """Compile this function in pieces (:mod:`interp.pieces`)?  When its
        source is large and it opens no block kind beyond block/loop/if (an
        exception handler must see the state of the code it protects)."""
        if sum(map(len, self.lines)) <= pieces.SPLIT_CHARS:
            return False
        plain = (_BLOCK, _LOOP, _IF)
        others = BLOCK_OPENERS.difference(plain)
        return not any(ins[0] in others for ins in body)

    def group_blocks(self) -> None:
        """Flat mode: the ``if pc <= k:`` chain of the function as a tree (:meth:`group_lines`)."""
        self.lines, self.offsets = self.group_lines(self.lines, self.offsets, self.ind - 1)

    def group_lines(
        self, lines: list[str], offsets: list[int], ind: int
    ) -> tuple[list[str], list[int]]:
        """Flat mode: turn an ``if pc <= k:`` chain into a tree ("chaintree").

        A jump sets ``pc`` and restarts the loop, which then evaluated one
        test per basic block up to the target: O(blocks) per jump (603 tests
        per jump on a 1,201-case ``br_table``, bench/README.md section 1).
        Here consecutive blocks are grouped ``FLAT_FAN`` per level under
        ``if pc <= last:`` headers, so a jump costs about ``FLAT_FAN`` tests
        per level, O(log blocks).  Fall-through stays free and correct for the
        chain's own reason: a block that ends without a jump leaves ``pc`` at
        most its own number, so every later test (group or block) is true.
        The last group of a level needs no header (``pc`` can only be there).
        ``ind`` is the indentation of the block headers; returns the new lines.
        """
        head = " " * ind + "if pc <= "
        first = next(i for i, ln in enumerate(lines) if ln.startswith(head))
        starts = [i for i in range(first, len(lines)) if lines[i].startswith(head)]
        if len(starts) <= FLAT_FAN:
            return lines, offsets
        # the nesting this adds must stay within the tokenizer's limit
        levels = 0
        n = len(starts)
        while n > FLAT_FAN:
            n = -(-n // FLAT_FAN)
            levels += 1
        deepest = max(len(ln) - len(ln.lstrip(" ")) for ln in lines[first:])
        if deepest + levels > MAX_INDENT + 1:
            return lines, offsets
        # (number, first line, end line) of every basic block, in order
        bounds = [*starts[1:], len(lines)]
        blocks = [
            (int(lines[a][len(head) : -1]), a, b) for a, b in zip(starts, bounds, strict=True)
        ]
        out: list[str] = lines[:first]
        outoff: list[int] = offsets[:first]

        def tree(group: list[tuple[int, int, int]], depth: int) -> None:
            if len(group) <= FLAT_FAN:
                pad = " " * depth
                for _, a, b in group:
                    for k in range(a, b):
                        out.append(pad + lines[k].replace("\n", "\n" + pad))
                        outoff.append(offsets[k])
                return
            step = -(-len(group) // FLAT_FAN)
            for g in range(0, len(group), step):
                part = group[g : g + step]
                if g + step >= len(group):  # the last group: no test needed
                    tree(part, depth)
                else:
                    out.append(f"{' ' * (ind + depth)}if pc <= {part[-1][0]}:")
                    outoff.append(-1)
                    tree(part, depth + 1)

        tree(blocks, 0)
        return out, outoff

    def close_basic_block(self) -> None:
        """Flat mode: a basic block may be empty (an unreachable label)."""
        if self.lines[-1].lstrip().startswith("if pc <= "):
            self.emit("pass")

    def open_py_loop(self, ctl: Ctl) -> None:
        self.emit("while True:")
        self.indent()
        self.pydepth += 1
        if self.pydepth + self.ntry > MAX_PY_LOOPS:  # a ``try`` is a static block too
            raise _TooDeep
        ctl.pydepth = self.pydepth

    def close_py_loop(self, ctl: Ctl) -> None:
        self.emit("break")
        self.dedent()
        self.pydepth -= 1
        if ctl.need_check:
            d = self.pydepth
            outer = next(c for c in reversed(self.ctls) if c.py and c.pydepth == d)
            self.emit("if _br:")
            self.emit(f" if _br == {d}:")
            self.emit("  _br = 0")
            self.emit("  continue" if outer.kind == "loop" else "  break")
            self.emit(" break")

    def h_block(self, ins: tuple, i: int, dead: bool) -> bool:
        self.flush_all()
        p, r = self.block_sig(ins[1])
        kind = "block" if ins[0] == _BLOCK else "loop"
        ctl = Ctl(kind, len(self.stack) - p, p, r, i in self.targeted)
        if i in self.switch_blocks:
            ctl.switch, ctl.switch_pos = self.switch_blocks[i]
        elif i in self.guards and not self.flat and p == 0 and r == 0:
            # no Python loop: its br_if opens ``if not cond:`` (h_br_if)
            ctl.py = False
            ctl.guard = True
            self.guard_tests.add(self.guards[i])
        self.open_block(ctl)
        return False

    def open_block(self, ctl: Ctl) -> None:
        """Enter a ``block`` or ``loop`` (also a legacy ``try`` that catches
        nothing, :mod:`interp.legacy_exceptions`): a targeted one gets its
        label(s) in flat mode, its Python loop in structured mode; its body
        starts a fuel segment."""
        self.ctls.append(ctl)
        if self.flat:
            if ctl.kind == "loop" and ctl.py:
                ctl.label_start = self.new_label()
                self.place_label(ctl.label_start)
            elif ctl.py:
                ctl.label_end = self.new_label()
        elif ctl.py:
            self.open_py_loop(ctl)
        self.open_segment()

    def h_if(self, ins: tuple, i: int, dead: bool) -> bool:
        cond = self.pop().expr
        self.flush_all()
        p, r = self.block_sig(ins[1])
        ctl = Ctl("if", len(self.stack) - p, p, r, i in self.targeted)
        self.ctls.append(ctl)
        if self.flat:
            ctl.label_else = self.new_label()
            ctl.label_end = self.new_label()
            self.emit(f"if not ({cond}):")
            self.emit(f" pc = @L{ctl.label_else}@")
            self.emit(" continue")
            self.open_segment()
            return False
        if ctl.py:
            self.open_py_loop(ctl)
        self.emit(f"if {cond}:")
        self.indent()
        ctl.body_start = len(self.lines)
        self.open_segment()
        return False

    def h_else(self, ins: tuple, i: int, dead: bool) -> bool:
        ctl = self.ctls[-1]
        if not dead:
            self.flush_all()
            ctl.branched = True  # the end is reachable from the then-branch
        del self.stack[ctl.height :]
        for _ in range(ctl.nparams):
            self.push_slot()
        if self.flat:
            if not dead:
                self.emit(f"pc = @L{ctl.label_end}@")
                self.emit("continue")
            self.place_label(ctl.label_else)
            ctl.label_else = -1
            ctl.kind = "else"
            self.open_segment()
            return False
        if len(self.lines) == ctl.body_start:
            self.emit("pass")
        self.dedent()
        self.emit("else:")
        self.indent()
        ctl.body_start = len(self.lines)
        ctl.kind = "else"
        self.open_segment()
        return False

    def h_end(self, ins: tuple, i: int, dead: bool) -> bool:
        ctl = self.ctls.pop()
        if ctl.switch is not None:
            return self.end_switch_block(ctl, dead)
        if not dead:
            self.flush_all()
        reachable = not dead or ctl.branched
        if ctl.kind == "if":  # no else: the false branch falls through
            reachable = True
        elif ctl.kind == "loop":
            reachable = not dead
        if self.flat:
            if ctl.label_else >= 0:
                self.place_label(ctl.label_else)
            if ctl.label_end >= 0:
                self.place_label(ctl.label_end)
        else:
            if ctl.kind in ("if", "else") or (ctl.guard and ctl.branched):
                if len(self.lines) == ctl.body_start:
                    self.emit("pass")
                self.dedent()
            if ctl.py:
                self.close_py_loop(ctl)
        del self.stack[ctl.height :]
        for _ in range(ctl.nresults):
            self.push_slot()
        if reachable:
            self.open_segment()
        return not reachable

    def branch(self, depth: int) -> None:
        """Emit the jump to label ``depth`` (values are on top of the stack)."""
        ctl = self.ctls[-1 - depth]
        if ctl.kind == "func":
            self.emit_return()
            return
        n = ctl.arity
        vals = self.stack[len(self.stack) - n :] if n else []
        dst = [f"s{ctl.height + k}" for k in range(n)]
        pairs = [(d, v.expr) for d, v in zip(dst, vals, strict=True) if d != v.expr]
        if pairs:
            self.emit(f"{', '.join(d for d, _ in pairs)} = {', '.join(e for _, e in pairs)}")
        ctl.branched = True
        if self.flat:
            label = ctl.label_start if ctl.kind == "loop" else ctl.label_end
            if self.tries:
                self.emit(f"_tt = {self.try_context(ctl)}")
            self.emit(f"pc = @L{label}@")
            self.emit("continue")
            return
        if ctl.pydepth == self.pydepth:
            self.emit("continue" if ctl.kind == "loop" else "break")
            return
        self.uses_br = True
        self.emit(f"_br = {ctl.pydepth}")
        self.emit("break")
        for c in self.ctls:
            if c.py and c.pydepth > ctl.pydepth:
                c.need_check = True

    def try_context(self, target: Ctl) -> int:
        """Flat mode: the innermost try_table around ``target``'s label (0: none).

        A label sits outside its own construct's ``try`` (a try_table's label
        is its end), so only the frames enclosing ``target`` count.
        """
        for c in reversed(self.ctls[: self.ctls.index(target)]):
            if c.try_id:
                return c.try_id
        return 0

    def emit_return(self) -> None:
        n = len(self.ft.results)
        vals = self.stack[len(self.stack) - n :] if n else []
        self.sync_fuel()
        if n == 0:
            self.emit("return")
        elif n == 1:
            self.emit(f"return {vals[0].expr}")
        else:
            self.emit(f"return ({', '.join(v.expr for v in vals)})")

    def h_br(self, ins: tuple, i: int, dead: bool) -> bool:
        self.branch(ins[1])
        return True

    def branch_if(self, cond: str, depth: int) -> None:
        """A conditional branch (``br_if`` and the ``br_on_*`` family, stack
        already in its slots): the jump to label ``depth`` under ``if cond:``;
        the fall-through starts a new fuel segment."""
        self.emit(f"if {cond}:")
        self.indent()
        self.branch(depth)
        self.dedent()
        self.open_segment()

    def h_br_if(self, ins: tuple, i: int, dead: bool) -> bool:
        cond = self.pop().expr
        self.flush_all()
        if i in self.guard_tests:
            # a guard block's test (find_guards): the rest of the block runs
            # when it fails; its end dedents (h_end).  ``if not`` costs nothing
            # (CPython jumps on the true value instead)
            ctl = self.ctls[-1]
            ctl.branched = True  # its end is reached when the test holds
            self.emit(f"if not {cond}:")
            self.indent()
            ctl.body_start = len(self.lines)
            self.open_segment()
            return False
        self.branch_if(cond, ins[1])
        return False

    def top_in_slot(self) -> str:
        """Materialize the whole stack; the top value's slot name (the value stays)."""
        self.flush_all()
        return self.stack[-1].expr

    def h_br_on_null(self, ins: tuple, i: int, dead: bool) -> bool:
        """``br_on_null l`` (3.0 spec 4.4.8): branch if null, else keep the
        (now non-null) reference."""
        ref = self.top_in_slot()
        self.emit(f"if {ref} is None:")
        self.indent()
        self.pop()
        self.branch(ins[1])
        self.push_slot()
        self.dedent()
        self.open_segment()
        return False

    def h_br_on_non_null(self, ins: tuple, i: int, dead: bool) -> bool:
        """``br_on_non_null l``: branch with the reference if it is not null,
        else drop it."""
        ref = self.top_in_slot()
        self.branch_if(f"{ref} is not None", ins[1])
        self.pop()
        return False

    def h_br_table(self, ins: tuple, i: int, dead: bool) -> bool:
        sw = self.switch_tables.get(i)
        if sw is not None:
            return self.emit_switch(sw, ins)
        idx = self.pop()
        self.flush_all()
        labels = list(ins[1])
        default = ins[2]
        sel = idx.expr
        if not sel.isidentifier():
            self.emit(f"_i = {sel}")
            sel = "_i"
        # ranges of consecutive indices with the same target: [(start, label)]
        ranges: list[tuple[int, int]] = []
        for k, lab in enumerate(labels):
            if not ranges or ranges[-1][1] != lab:
                ranges.append((k, lab))
        if not ranges or ranges[-1][1] != default:
            ranges.append((len(labels), default))
        if self.flat and len(ranges) > JUMP_TABLE_MIN and self.jump_table(sel, labels, default):
            return True
        self.emit_dispatch(sel, ranges)
        return True

    def jump_table(self, sel: str, labels: list[int], default: int) -> bool:
        """Flat mode: a ``br_table`` as one tuple index, ``pc = (k0, k1, ...)[sel]``.

        The decision tree costs log2(ranges) tests per jump and two source
        lines per range for CPython to compile; a table costs one index
        (``bench/prototypes/flat_dispatch.py``: ``chaintree+tab`` against
        ``chaintree``).  Only when every target is a label that needs no
        value moved (its slots already hold them) and the same try context:
        then each jump is ``pc = k`` alone.  Otherwise False (nothing emitted).
        """
        targets: dict[int, Ctl] = {}
        for depth in {*labels, default}:
            ctl = self.ctls[-1 - depth]
            if ctl.kind == "func":
                return False
            n = ctl.arity
            vals = self.stack[len(self.stack) - n :] if n else []
            if any(v.expr != f"s{ctl.height + k}" for k, v in enumerate(vals)):
                return False
            targets[depth] = ctl
        contexts = {self.try_context(c) for c in targets.values()} if self.tries else {0}
        if len(contexts) != 1:
            return False

        def label(depth: int) -> str:
            ctl = targets[depth]
            ctl.branched = True
            return f"@L{ctl.label_start if ctl.kind == 'loop' else ctl.label_end}@"

        table = ", ".join(label(d) for d in labels)
        if self.tries:
            self.emit(f"_tt = {contexts.pop()}")
        self.emit(f"pc = ({table},)[{sel}] if {sel} < {len(labels)} else {label(default)}")
        self.emit("continue")
        return True

    def emit_dispatch(self, sel: str, ranges: list[tuple[int, int]]) -> None:
        """Binary decision tree over index ranges (br_table)."""
        if len(ranges) == 1:
            self.branch(ranges[0][1])
            return
        mid = len(ranges) // 2
        self.emit(f"if {sel} < {ranges[mid][0]}:")
        self.indent()
        self.emit_dispatch(sel, ranges[:mid])
        self.dedent()
        self.emit("else:")
        self.indent()
        self.emit_dispatch(sel, ranges[mid:])
        self.dedent()

    # -- br_table switches (interp.switches) ------------------------------------------

    def emit_switch(self, sw: switches.Switch, ins: tuple) -> bool:
        """A switch nest's ``br_table``: a decision tree whose leaves get the case code."""
        idx = self.pop()
        self.flush_all()
        sel = idx.expr
        if not sel.isidentifier():
            self.emit(f"_i = {sel}")
            sel = "_i"
        sw.base_ind = self.ind
        labels = list(ins[1])
        default = ins[2]
        ranges: list[tuple[int, int]] = []
        for k, lab in enumerate(labels):
            if not ranges or ranges[-1][1] != lab:
                ranges.append((k, lab))
        if not ranges or ranges[-1][1] != default:
            ranges.append((len(labels), default))
        inner = [lab for _, lab in ranges if lab < sw.k - 1]
        if len(inner) != len(set(inner)):
            # a case named by several ranges: select its number from a constant
            # tuple first, so that its code sits at one leaf only
            ids: dict[int, int] = {}
            for lab in [*labels, default]:
                ids.setdefault(lab, len(ids))
            table = ", ".join(str(ids[lab]) for lab in labels)
            self.emit(f"_i = ({table},)[{sel}] if {sel} < {len(labels)} else {ids[default]}")
            sel = "_i"
            ranges = [(n, lab) for lab, n in ids.items()]
        self.switch_tree(sw, sel, ranges)
        return True

    def switch_tree(self, sw: switches.Switch, sel: str, ranges: list[tuple[int, int]]) -> None:
        """The binary decision tree over ``ranges`` (halves, the larger on the
        right), its lines appended directly: 2,400 nodes for ``brtable``."""
        lines, offsets, off = self.lines, self.offsets, self.cur_offset
        base = self.ind

        def tree(lo: int, hi: int, ind: int) -> None:  # ranges[lo:hi] at indentation ind
            if hi - lo > 1:
                if ind + 1 > MAX_INDENT:
                    raise _TooDeep
                mid = lo + (hi - lo) // 2
                pad = " " * ind
                lines.append(f"{pad}if {sel} < {ranges[mid][0]}:")
                offsets.append(off)
                tree(lo, mid, ind + 1)
                lines.append(pad + "else:")
                offsets.append(off)
                tree(mid, hi, ind + 1)
                return
            lab = ranges[lo][1]
            ctl = self.ctls[-1 - lab]
            if ctl.switch is not sw:
                self.ind = ind
                self.branch(lab)
                return
            ctl.branched = True
            if ctl.switch_pos == sw.k - 1:
                lines.append(" " * ind + "pass")  # falls out of the tree: the code after the nest
            else:
                sw.leaves[ctl.switch_pos] = len(lines)
                lines.append(" " * ind + switches.marker(sw, ctl.switch_pos))
            offsets.append(off)

        try:
            tree(0, len(ranges), base)
        finally:
            self.ind = base

    def end_switch_block(self, ctl: Ctl, dead: bool) -> bool:
        """The ``end`` of a switch nest block: the code of one case ends, the next begins."""
        sw = ctl.switch
        p = ctl.switch_pos
        if not dead:
            self.flush_all()
        if p > 0:
            if not dead and p < sw.k - 1:
                raise _TooDeep  # falls through into the next case: not at a leaf
            sw.segments[p - 1] = (sw.seg_start, len(self.lines))
        del self.stack[ctl.height :]
        if p < sw.k - 1:
            sw.seg_start = len(self.lines)
        else:
            self.spliced.append(sw)
        reachable = not dead or ctl.branched
        if reachable:
            self.open_segment()
        return not reachable

    def h_return(self, ins: tuple, i: int, dead: bool) -> bool:
        self.emit_return()
        return True

    def h_unreachable(self, ins: tuple, i: int, dead: bool) -> bool:
        self.emit(f'raise Trap("{TrapCode.UNREACHABLE.value}")')
        return True

    def h_nop(self, ins: tuple, i: int, dead: bool) -> bool:
        return False

    # -- calls ---------------------------------------------------------------------------

    def h_call(self, ins: tuple, i: int, dead: bool) -> bool:
        ft = self.func_types[ins[1]]
        args = self.popn(len(ft.params))
        self.sync_fuel()
        self.assign_results(len(ft.results), f"f{ins[1]}({', '.join(a.expr for a in args)})")
        self.reload_fuel()
        return False

    def h_call_indirect(self, ins: tuple, i: int, dead: bool) -> bool:
        ft = self.types[ins[1]]
        args = self.indirect_target(ins[1], ins[2])
        self.sync_fuel()
        self.assign_results(len(ft.results), f"_f.call({', '.join(a.expr for a in args)})")
        self.reload_fuel()
        return False

    def ref_target(self, typeidx: int) -> list[Entry]:
        """``call_ref``: pop the function reference and the arguments; leave
        the callee in ``_f`` (a null reference traps, 3.0 spec 4.4.8)."""
        ft = self.types[typeidx]
        ref = self.pop()
        args = self.popn(len(ft.params))
        self.emit(f"_f = {ref.expr}")
        self.emit("if _f is None:")
        self.emit(f' raise Trap("{TrapCode.NULL_FUNCTION_REFERENCE.value}")')
        return args

    def h_call_ref(self, ins: tuple, i: int, dead: bool) -> bool:
        ft = self.types[ins[1]]
        args = self.ref_target(ins[1])
        self.sync_fuel()
        self.assign_results(len(ft.results), f"_f.call({', '.join(a.expr for a in args)})")
        self.reload_fuel()
        return False

    def h_return_call_ref(self, ins: tuple, i: int, dead: bool) -> bool:
        self.emit_tail_call("_f", self.ref_target(ins[1]))
        return True

    def indirect_target(self, typeidx: int, tableidx: int) -> list[Entry]:
        """Pop the table index and arguments; leave the checked callee in ``_f``."""
        ft = self.types[typeidx]
        idx = self.pop()
        args = self.popn(len(ft.params))
        te = f"TE{tableidx}"
        sel = idx.expr
        if not sel.isidentifier() and not sel.isdigit():
            self.emit(f"_i = {sel}")
            sel = "_i"
        self.emit(f"if {sel} >= len({te}):")
        # eval.ml names the index: "undefined element 5" (bulk.wast checks it)
        self.emit(f' raise Trap("{TrapCode.UNDEFINED_ELEMENT.value} ", str({sel}))')
        self.emit(f"_f = {te}[{sel}]")
        self.emit("if _f is None:")
        self.emit(f' raise Trap("{TrapCode.UNINITIALIZED_ELEMENT.value} ", str({sel}))')
        # The callee's defined type must match the expected one (3.0 spec
        # 4.4.8, call_indirect).  Defined types are canonical (interp.deftypes):
        # for a final type -- every 2.0 type -- that is identity (DefType has
        # no __eq__, so ``!=`` below is ``is not``; the line is kept as is so
        # that 2.0 code compiles exactly as before).  An open type may also
        # be matched by a declared subtype: ask the matcher.
        if ft.final:
            self.emit(f"if _f.type is not FT{typeidx} and _f.type != FT{typeidx}:")
        else:
            self.emit(f"if _f.type is not FT{typeidx} and not match_deftype(_f.type, FT{typeidx}):")
        self.emit(f' raise Trap("{TrapCode.INDIRECT_CALL_TYPE_MISMATCH.value}")')
        return args

    # -- tail calls (3.0) ---------------------------------------------------------------
    #
    # A function that contains ``return_call*`` is compiled in tail mode: a tail
    # call returns ``TailCall(callee, args)`` instead of calling, and the
    # function's public callable is a trampoline that keeps calling until a
    # real result comes back (:func:`trampoline`), so tail-recursive loops run
    # in constant Python stack.  Other functions are untouched.

    def h_return_call(self, ins: tuple, i: int, dead: bool) -> bool:
        ft = self.func_types[ins[1]]
        args = self.popn(len(ft.params))
        self.emit_tail_call(f"RF{ins[1]}", args)
        return True

    def h_return_call_indirect(self, ins: tuple, i: int, dead: bool) -> bool:
        self.emit_tail_call("_f", self.indirect_target(ins[1], ins[2]))
        return True

    def emit_tail_call(self, callee: str, args: list[Entry]) -> None:
        self.tail_mode = True
        exprs = "".join(f"{a.expr}, " for a in args)
        self.emit(f"return TailCall({callee}, ({exprs}))")

    # -- parametric ------------------------------------------------------------------------

    def h_drop(self, ins: tuple, i: int, dead: bool) -> bool:
        self.pop()
        return False

    def h_select(self, ins: tuple, i: int, dead: bool) -> bool:
        c = self.pop()
        b = self.pop()
        a = self.pop()
        self.push_pure(f"({a.expr} if {c.expr} else {b.expr})", [a, b, c])
        return False

    # -- variables -------------------------------------------------------------------------

    def h_local_get(self, ins: tuple, i: int, dead: bool) -> bool:
        e = self.local_entries.get(ins[1])
        if e is None:  # entries are never changed: one per local will do
            name = f"l{ins[1]}"
            e = self.local_entries[ins[1]] = Entry(name, frozenset((name,)), 0)
        stack = self.stack  # push_entry, written out (an atom: never materialized)
        self.readers.setdefault(e.expr, []).append(len(stack))
        stack.append(e)
        return False

    def h_local_set(self, ins: tuple, i: int, dead: bool) -> bool:
        name = f"l{ins[1]}"
        e = self.pop()
        if e.expr != name:
            rhs, offset = self.take_slot_line(e, i)
            self.write_var(name)
            self.emit_at(f"{name} = {rhs}", offset)
        return False

    def take_slot_line(self, e: Entry, i: int) -> tuple[str, int]:
        """The popped top entry ``e`` as the right-hand side of its consumer's
        assignment, and the wasm offset of that line.

        A value that was just assigned to its slot (``s3 = LDu32(M0, l1)[0]``,
        the line before) and is consumed by a ``local.set`` or ``global.set``
        makes the move ``l4 = s3`` redundant: the line is taken back and its
        right-hand side (with its own instruction's offset, for the trap's
        backtrace) is returned.  The slot is dead once popped: no pending entry
        below it reads it (write_var materialized them before it was written).
        What the consumer materializes before its write (pure, non-trapping
        expressions) then runs before the taken line instead of after it, which
        nothing can observe.

        Only a line of the instruction just before (by its offset), and not
        of a control instruction: those materialize at boundaries and record
        line positions (a switch's case segments, :mod:`interp.switches`)
        that a line taken back would cross.  Else ``e.expr`` and the current
        offset."""
        slot = f"s{len(self.stack)}"
        if e.expr in self.result_temps:
            slot = e.expr
        offsets = self.func.offsets
        if e.expr == slot and i and offsets and self.offsets and self.offsets[-1] == offsets[i - 1]:
            head = f"{' ' * self.ind}{slot} = "
            last = self.lines[-1]
            prev = self.func.body[i - 1][0]
            control = prev in BLOCK_OPENERS or prev in BLOCK_CLOSERS or prev in BLOCK_MIDDLES
            if last.startswith(head) and not control and not OPCODES[prev].branch:
                self.lines.pop()
                return last[len(head) :], self.offsets.pop()
        return e.expr, self.cur_offset

    def emit_at(self, line: str, offset: int) -> None:
        """Emit ``line`` as the code of the instruction at wasm ``offset``."""
        cur, self.cur_offset = self.cur_offset, offset
        self.emit(line)
        self.cur_offset = cur

    def h_local_tee(self, ins: tuple, i: int, dead: bool) -> bool:
        self.h_local_set(ins, i, dead)
        return self.h_local_get(ins, i, dead)

    def h_global_get(self, ins: tuple, i: int, dead: bool) -> bool:
        idx = ins[1]
        if self.global_types[idx].mutable:
            self.assign_results(1, f"G{idx}.value")
        else:
            self.push(f"g{idx}")
        return False

    def h_global_set(self, ins: tuple, i: int, dead: bool) -> bool:
        rhs, offset = self.take_slot_line(self.pop(), i)
        self.emit_at(f"G{ins[1]}.value = {rhs}", offset)
        return False

    # -- tables and references -----------------------------------------------------------

    def h_table_get(self, ins: tuple, i: int, dead: bool) -> bool:
        idx = self.pop()
        self.assign_results(1, f"table_get(TE{ins[1]}, {idx.expr})")
        return False

    def h_table_set(self, ins: tuple, i: int, dead: bool) -> bool:
        v = self.pop()
        idx = self.pop()
        self.emit(f"table_set(TE{ins[1]}, {idx.expr}, {v.expr})")
        return False

    def h_table_size(self, ins: tuple, i: int, dead: bool) -> bool:
        self.assign_results(1, f"len(TE{ins[1]})")
        return False

    def h_table_grow(self, ins: tuple, i: int, dead: bool) -> bool:
        n = self.pop()
        v = self.pop()
        self.assign_results(1, f"T{ins[1]}.grow({n.expr}, {v.expr})")
        return False

    def h_table_fill(self, ins: tuple, i: int, dead: bool) -> bool:
        n, v = self.pop(), self.pop()
        d = self.pop()
        self.emit(f"table_fill(TE{ins[1]}, {d.expr}, {v.expr}, {n.expr})")
        return False

    def h_table_copy(self, ins: tuple, i: int, dead: bool) -> bool:
        d, s, n = self.popn(3)
        self.emit(f"table_copy(TE{ins[1]}, TE{ins[2]}, {d.expr}, {s.expr}, {n.expr})")
        return False

    def h_table_init(self, ins: tuple, i: int, dead: bool) -> bool:
        d, s, n = self.popn(3)
        self.emit(f"table_init(INST, {ins[1]}, TE{ins[2]}, {d.expr}, {s.expr}, {n.expr})")
        return False

    def h_elem_drop(self, ins: tuple, i: int, dead: bool) -> bool:
        self.emit(f"elem_drop(INST, {ins[1]})")
        return False

    def h_ref_null(self, ins: tuple, i: int, dead: bool) -> bool:
        self.push("None")
        return False

    def h_ref_is_null(self, ins: tuple, i: int, dead: bool) -> bool:
        e = self.pop()
        self.push_pure(f"({e.expr} is None)", [e])
        return False

    def h_ref_as_non_null(self, ins: tuple, i: int, dead: bool) -> bool:
        ref = self.top_in_slot()
        self.emit(f"if {ref} is None:")
        self.emit(f' raise Trap("{TrapCode.NULL_REFERENCE.value}")')
        return False

    # -- GC: i31, ref.eq, casts, extern conversion (3.0 spec 4.4.5) -----------------

    def heap_expr(self, rt: Any) -> str:
        """Source text of an instruction's heap type: ``FT<i>`` for a defined
        type (bound to the instance's canonical type), ``FTX<i>`` for the
        exact one (custom descriptors), else the abstract one."""
        h = rt.heap
        if isinstance(h, Exact):
            return f"FTX{h.base}"
        return f"FT{h}" if isinstance(h, int) else f"HEAP_{h}"

    def h_ref_eq(self, ins: tuple, i: int, dead: bool) -> bool:
        b = self.pop()
        a = self.pop()
        self.push_pure(f"ref_eq({a.expr}, {b.expr})", [a, b])
        return False

    def h_ref_i31(self, ins: tuple, i: int, dead: bool) -> bool:
        e = self.pop()
        self.push_pure(f"I31Ref({e.expr})", [e])
        return False

    def h_i31_get(self, ins: tuple, i: int, dead: bool) -> bool:
        fn = "i31_get_s" if OPCODES[ins[0]].name == "i31.get_s" else "i31_get_u"
        self.assign_results(1, f"{fn}({self.pop().expr})")  # traps on null
        return False

    def h_convert(self, ins: tuple, i: int, dead: bool) -> bool:
        e = self.pop()
        fn = OPCODES[ins[0]].name.replace(".", "_")
        self.push_pure(f"{fn}({e.expr})", [e])
        return False

    def h_ref_test(self, ins: tuple, i: int, dead: bool) -> bool:
        e = self.pop()
        rt = ins[1]
        self.push_pure(f"ref_test({e.expr}, {rt.nullable}, {self.heap_expr(rt)})", [e])
        return False

    def h_ref_cast(self, ins: tuple, i: int, dead: bool) -> bool:
        rt = ins[1]
        e = self.pop().expr
        self.assign_results(1, f"ref_cast({e}, {rt.nullable}, {self.heap_expr(rt)})")
        return False

    def h_br_on_cast(self, ins: tuple, i: int, dead: bool) -> bool:
        """``br_on_cast`` / ``br_on_cast_fail``: branch with the reference if
        the cast succeeds / fails; the reference stays on the stack."""
        ref = self.top_in_slot()
        rt = ins[3]
        neg = "not " if OPCODES[ins[0]].name == "br_on_cast_fail" else ""
        self.branch_if(f"{neg}ref_test({ref}, {rt.nullable}, {self.heap_expr(rt)})", ins[1])
        return False

    def h_ref_func(self, ins: tuple, i: int, dead: bool) -> bool:
        self.push(f"RF{ins[1]}")
        return False

    # -- memory ----------------------------------------------------------------------------

    def h_load(self, ins: tuple, i: int, dead: bool) -> bool:
        info = OPCODES[ins[0]]
        a = self.pop_address(ins)
        self.assign_results(1, _LOADS[info.name].format(m=f"M{ins[3]}", a=a))
        return False

    def h_store(self, ins: tuple, i: int, dead: bool) -> bool:
        info = OPCODES[ins[0]]
        v = self.pop()
        a = self.pop_address(ins)
        if info.name in _STORE8:
            self.emit(f"M{ins[3]}[{a}] = {_low_byte(v)}")
            return False
        self.emit(_STORES[info.name].format(m=f"M{ins[3]}", a=a, v=v.expr))
        return False

    def h_memory_size(self, ins: tuple, i: int, dead: bool) -> bool:
        # the size in the memory's own pages, known statically (custom page sizes)
        shift = self.mem_shift[ins[1]]
        size = f"(len(M{ins[1]}) >> {shift})" if shift else f"len(M{ins[1]})"
        self.assign_results(1, size)
        return False

    def h_memory_grow(self, ins: tuple, i: int, dead: bool) -> bool:
        n = self.pop()
        self.assign_results(1, f"MEM{ins[1]}.grow({n.expr})")
        return False

    def h_memory_fill(self, ins: tuple, i: int, dead: bool) -> bool:
        d, v, n = self.popn(3)
        self.emit(f"memory_fill(M{ins[1]}, {d.expr}, {v.expr}, {n.expr})")
        return False

    def h_memory_copy(self, ins: tuple, i: int, dead: bool) -> bool:
        d, s, n = self.popn(3)
        self.emit(f"memory_copy(M{ins[1]}, M{ins[2]}, {d.expr}, {s.expr}, {n.expr})")
        return False

    def h_memory_init(self, ins: tuple, i: int, dead: bool) -> bool:
        d, s, n = self.popn(3)
        self.emit(f"memory_init(INST, {ins[1]}, M{ins[2]}, {d.expr}, {s.expr}, {n.expr})")
        return False

    def h_data_drop(self, ins: tuple, i: int, dead: bool) -> bool:
        self.emit(f"data_drop(INST, {ins[1]})")
        return False

    # -- constants and numeric operators -------------------------------------------------

    def h_i_const(self, ins: tuple, i: int, dead: bool) -> bool:
        value = ins[1]
        cache = self.int_consts[ins[0] == _I32_CONST]
        e = cache.get(value)
        if e is None:  # entries are never changed: one per constant will do
            mask = exprs.M32 if ins[0] == _I32_CONST else exprs.M64
            e = cache[value] = Entry(str(value), _NOREADS, 0, "", exprs.ATOM, value, value, mask)
        self.stack.append(e)
        return False

    def push_float(self, value: float) -> None:
        """Push a float constant (its value kept for folding)."""
        self.stack.append(Entry(self.const_name(value), _NOREADS, 0, val=value))

    def h_f32_const(self, ins: tuple, i: int, dead: bool) -> bool:
        self.push_float(numerics.f32_from_bits(ins[1]))
        return False

    def h_f64_const(self, ins: tuple, i: int, dead: bool) -> bool:
        self.push_float(numerics.f64_from_bits(ins[1]))
        return False

    def h_int(self, ins: tuple, i: int, dead: bool) -> bool:
        """``add sub mul and or xor shl`` of both widths (:mod:`interp.exprs`):
        folded on constants, the wrap-around mask deferred while it may be.

        The operator's text and bounds are :func:`interp.exprs.combine`'s;
        this handler does the folding, the identities and the stack.
        """
        kind, mask = _INT_OPS[ins[0]]
        stack = self.stack
        b = stack.pop()
        a = stack.pop()
        if a.mask:
            araw, aprec, alo, ahi = a.raw, a.prec, a.lo, a.hi
        else:  # a local, a slot, a call's result: exact, of the operator's type
            araw, aprec, alo, ahi = a.expr, _ATOM, 0, mask
        if b.mask:
            braw, bprec, blo, bhi = b.raw, b.prec, b.lo, b.hi
        else:
            braw, bprec, blo, bhi = b.expr, _ATOM, 0, mask
        if blo == bhi:
            if alo == ahi:
                self.push_int(exprs.fold_int(kind, mask, alo, blo), mask)
                return False
            if (blo == 0 and kind != _MUL and kind != _AND_OP) or (
                kind >= _MUL and exprs.is_identity(kind, mask, blo, alo, ahi)
            ):
                self.push_entry(a)
                return False
        elif alo == ahi and kind in _COMMUTATIVE and exprs.is_identity(kind, mask, alo, blo, bhi):
            self.push_entry(b)
            return False
        raw, prec, lo, hi = exprs.combine(
            kind, mask, (araw, aprec, alo, ahi), (braw, bprec, blo, bhi)
        )
        if lo == hi:  # e.g. x & 0: no variable matters
            self.push_int(lo & mask, mask)
            return False
        if lo >= 0 and hi <= mask:
            expr = raw if prec == _ATOM else f"({raw})"
        elif prec >= _AND:
            expr = f"({raw} & {_MASK_TEXT[mask]})"
        else:
            expr = f"(({raw}) & {_MASK_TEXT[mask]})"
        ra, rb = a.reads, b.reads
        reads = (ra | rb) if ra and rb else (ra or rb)
        depth = (a.depth if a.depth > b.depth else b.depth) + 1
        h = len(stack)
        stack.append(Entry(expr, reads, depth, raw, prec, lo, hi, mask))
        if reads:  # push_entry, written out
            readers = self.readers
            for name in reads:
                readers.setdefault(name, []).append(h)
        if depth > MAX_EXPR_DEPTH or len(expr) > MAX_EXPR_LEN:
            self.materialize(h)
        return False

    def h_wrap(self, ins: tuple, i: int, dead: bool) -> bool:
        """``i32.wrap_i64``: the low 32 bits; a deferred i64 stays a deferred i32."""
        a = self.stack.pop()
        m32 = exprs.M32
        if a.mask:
            raw, prec, lo, hi = a.raw, a.prec, a.lo, a.hi
            limit = m32 << exprs.SLACK
            if lo >= -limit and hi <= limit:
                if lo == hi:
                    self.push_int(lo & m32, m32)
                    return False
                expr = exprs.exact(raw, prec, lo, hi, m32)
                self.push_entry(Entry(expr, a.reads, a.depth, raw, prec, lo, hi, m32))
                return False
        else:
            raw, prec = a.expr, _ATOM
        raw = f"{exprs.paren(raw, prec, _AND)} & 0xFFFFFFFF"
        self.push_entry(Entry(f"({raw})", a.reads, a.depth + 1, raw, _AND, 0, m32, m32))
        return False

    def h_extend_u(self, ins: tuple, i: int, dead: bool) -> bool:
        """``i64.extend_i32_u``: an exact i32 already is the i64 (no mask)."""
        a = self.stack.pop()
        m32, m64 = exprs.M32, exprs.M64
        if not a.mask:
            self.push_entry(Entry(a.expr, a.reads, a.depth, "", _ATOM, 0, m32, m64))
        elif a.lo >= 0 and a.hi <= m32:
            self.push_entry(Entry(a.expr, a.reads, a.depth, a.raw, a.prec, a.lo, a.hi, m64))
        else:  # deferred: its one mask
            raw = f"{exprs.paren(a.raw, a.prec, _AND)} & 0xFFFFFFFF"
            self.push_entry(Entry(f"({raw})", a.reads, a.depth + 1, raw, _AND, 0, m32, m64))
        return False

    def op_numeric(self, ins: tuple) -> None:
        info = OPCODES[ins[0]]
        assert info.params is not None, f"no code generator for {info.name}"
        name = info.name
        args = self.popn(len(info.params))
        shape = _shape(info)
        if shape.foldable and self.fold(info, args):
            return
        if shape.special and self.op_special(shape, args):
            return
        if name in _FLOAT_FAST:
            self.push_float_fast(name, args)
            return
        exprs_ = [a.expr for a in args]
        template = numerics.INLINE.get(name)
        if template is not None:
            expr = template.format(*exprs_)
            if not shape.enclosed:
                expr = f"({expr})"
        else:
            expr = f"{info.pyname}({', '.join(exprs_)})"
        if info.traps:
            self.assign_results(1, expr)
            return
        if shape.hi:  # an integer result of known bounds
            self.push_derived(expr, args, 0, shape.hi, shape.mask)
            return
        self.push_pure(expr, args)

    def push_derived(
        self,
        expr: str,
        args: list[Entry],
        lo: int,
        hi: int,
        mask: int,
        raw: str = "",
        prec: int = exprs.ATOM,
    ) -> None:
        """Push an integer expression over ``args`` with known bounds."""
        reads = frozenset().union(*(a.reads for a in args)) if len(args) > 1 else args[0].reads
        depth = max(a.depth for a in args) + 1
        self.push_entry(Entry(expr, reads, depth, raw, prec, lo, hi, mask))

    def fold(self, info: Any, args: list[Entry]) -> bool:
        """Replace an operator on constants by its value (:func:`interp.exprs.folder`)."""
        values: list[Any] = []
        for a in args:
            if a.mask:
                if a.lo != a.hi:
                    return False
                values.append(a.lo)
            elif a.val is not None:
                values.append(a.val)
            else:
                return False
        fn = exprs.folder(info.name, info.pyname, len(args), _BASE)
        if fn is None:
            return False
        try:
            v = fn(*values)
        except Exception:  # a trap (or any error): the run time raises it, in order
            return False
        t = info.results[0]
        if t == "i32" or t == "i64":
            mask = exprs.M32 if t == "i32" else exprs.M64
            v = int(v)
            if not 0 <= v <= mask:
                return False
            self.push_int(v, mask)
            return True
        if not exprs.foldable_float(v):
            return False
        self.push_float(v)
        return True

    def op_special(self, shape: _Shape, args: list[Entry]) -> bool:
        """Operators with a cheaper form than their template (see :class:`_Shape`)."""
        kind = shape.special
        mask = shape.operand_mask  # a comparison's result is an i32 whatever its operands
        a, b = args
        if not (b.mask and b.lo == b.hi) and kind not in ("lt_s", "gt_s", "le_s", "ge_s"):
            return False
        width = mask.bit_length() - 1
        sign = 1 << width
        if kind == "shr_u":
            k = b.lo & width
            if k == 0:
                self.push_derived(a.expr, args, 0, mask, mask)
            else:
                hi = (a.hi if a.mask and a.lo >= 0 and a.hi <= mask else mask) >> k
                self.push_derived(f"({a.expr} >> {k})", args, 0, hi, mask)
            return True
        if kind == "rotl" or kind == "rotr":
            self.push_rotate(kind, a, b.lo & width, width + 1)
            return True
        if kind == "div_u" or kind == "rem_u":
            # a constant non-zero divisor cannot trap (spec 4.3.2 idiv_u,
            # irem_u: undefined only for 0), so the operator is pure: no call,
            # no slot of its own; both operands are exact, hence so is the result
            c = b.lo
            if c == 0:
                return False
            ahi = a.hi if a.mask and a.lo >= 0 and a.hi <= mask else mask
            alo = a.lo if a.mask and a.lo >= 0 and a.hi <= mask else 0
            if kind == "div_u":
                self.push_derived(f"({a.expr} // {c})", args, alo // c, ahi // c, mask)
            else:
                self.push_derived(f"({a.expr} % {c})", args, 0, min(c - 1, ahi), mask)
            return True
        if kind == "shr_s":  # the shifted signed value: in range, but negative
            k = b.lo & width
            if k == 0:
                self.push_derived(a.expr, args, 0, mask, mask)
                return True
            raw = f"({a.expr} ^ {sign}) - {sign} >> {k}"
            lo, hi = -(sign >> k), (sign >> k) - 1
            self.push_derived(
                exprs.exact(raw, exprs.SHIFT, lo, hi, mask), args, lo, hi, mask, raw, exprs.SHIFT
            )
            return True
        # a signed comparison: the constant side's sign flip is done here
        op = _SIGNED_CMP[kind]
        if b.mask and b.lo == b.hi:
            expr = f"(({a.expr} ^ {sign}) {op} {b.lo ^ sign})"
        elif a.mask and a.lo == a.hi:
            expr = f"({a.lo ^ sign} {op} ({b.expr} ^ {sign}))"
        else:
            return False
        self.push_derived(expr, args, 0, 1, exprs.M32)
        return True

    def temp_of(self, e: Entry) -> str:
        """``e``'s value as a name, to be read more than once: ``e.expr`` if it
        is one (or a literal), else a new ``_v<n>`` assigned here (written on
        this one line only; ``e`` is pure, so evaluating it now or later is
        the same)."""
        x = e.expr
        if x.isidentifier() or e.val is not None or (e.mask and e.lo == e.hi):
            return x
        name = f"_v{self.ntemps}"
        self.ntemps += 1
        self.emit(f"{name} = {x}")
        return name

    def push_float_fast(self, name: str, args: list[Entry]) -> None:
        """``f64.div`` and ``f64.sqrt`` with their common case inline and the
        numerics' function for the rest (same code, so the same bits).

        ``f64_div`` needs its special cases only for a zero divisor (Python
        raises there; spec 4.3.3 fdiv gives an infinity or a NaN), else it is
        ``a / b``: ``(a / b if b else f64_div(a, b))``, and plain ``(a / c)``
        for a constant non-zero ``c``.  ``f64_sqrt`` differs from
        ``math.sqrt`` only below zero (the canonical NaN, where math raises):
        ``(SQRT(z) if z >= 0.0 else f64_sqrt(z))``, ``-0.0`` and NaNs taking
        the branch they took in ``f64_sqrt``."""
        if name == "f64.div":
            a, b = args
            if b.val is not None and b.val != 0.0 and b.val == b.val:
                self.push_pure(f"({a.expr} / {b.expr})", args)
                return
            if b.val is not None:  # a zero or NaN constant: the function
                self.push_pure(f"f64_div({a.expr}, {b.expr})", args)
                return
            # the dividend is evaluated once either way (a long one is named
            # all the same: it is written twice)
            y = self.temp_of(b)
            x = a.expr if len(a.expr) <= 80 else self.temp_of(a)
            self.push_pure(f"({x} / {y} if {y} else f64_div({x}, {y}))", args)
            return
        z = self.temp_of(args[0])
        self.push_pure(f"(SQRT({z}) if {z} >= 0.0 else f64_sqrt({z}))", args)

    def push_rotate(self, kind: str, a: Entry, k: int, n: int) -> None:
        """``rotl``/``rotr`` by the constant ``k`` (spec 4.3.2 irotl, irotr:
        the count taken modulo N) inline instead of a call of the numerics'
        function: ``(x & low) << k | x >> N - k`` on the exact operand, whose
        bits never leave ``[0, 2^N)``.  The operand is read twice, so one
        that is not a plain name is first put in a variable of its own
        (``_v<n>``: written on this one line only, and pure, so the pending
        entries that read the variables it reads are unaffected)."""
        if kind == "rotr":
            k = (n - k) % n
        mask = (1 << n) - 1
        if k == 0:
            self.push_derived(a.expr, [a], 0, mask, mask)
            return
        x = self.temp_of(a)
        if x != a.expr:
            a = Entry(x, frozenset(), 0)
        if k <= exprs.SLACK:
            # deferred (interp.exprs): the two parts share no bit, so the OR is
            # congruent to the rotation modulo 2^N; a chain of xors and adds
            # then masks it once, where the exact form below masks per rotation
            raw = f"{x} << {k} | {x} >> {n - k}"
            hi = (1 << (n + k)) - 1
            expr = exprs.exact(raw, exprs.OR, 0, hi, mask)
            self.push_derived(expr, [a], 0, hi, mask, raw, exprs.OR)
            return
        raw = f"({x} & {(1 << (n - k)) - 1}) << {k} | {x} >> {n - k}"
        self.push_derived(f"({raw})", [a], 0, mask, mask, raw, exprs.OR)

    HANDLERS: dict[int, Any] = {}
    """Opcode key -> code generator, of every family (built by
    :func:`interp.families.build`); opcodes without one: :meth:`op_numeric`."""


def _core_handlers() -> dict[str, Any]:
    by_name: dict[str, Any] = {
        "unreachable": FunctionCompiler.h_unreachable,
        "nop": FunctionCompiler.h_nop,
        "block": FunctionCompiler.h_block,
        "loop": FunctionCompiler.h_block,
        "if": FunctionCompiler.h_if,
        "else": FunctionCompiler.h_else,
        "end": FunctionCompiler.h_end,
        "br": FunctionCompiler.h_br,
        "br_if": FunctionCompiler.h_br_if,
        "br_table": FunctionCompiler.h_br_table,
        "return": FunctionCompiler.h_return,
        "call": FunctionCompiler.h_call,
        "call_indirect": FunctionCompiler.h_call_indirect,
        "return_call": FunctionCompiler.h_return_call,
        "return_call_indirect": FunctionCompiler.h_return_call_indirect,
        "drop": FunctionCompiler.h_drop,
        "select": FunctionCompiler.h_select,
        "select_t": FunctionCompiler.h_select,
        "local.get": FunctionCompiler.h_local_get,
        "local.set": FunctionCompiler.h_local_set,
        "local.tee": FunctionCompiler.h_local_tee,
        "global.get": FunctionCompiler.h_global_get,
        "global.set": FunctionCompiler.h_global_set,
        "table.get": FunctionCompiler.h_table_get,
        "table.set": FunctionCompiler.h_table_set,
        "table.size": FunctionCompiler.h_table_size,
        "table.grow": FunctionCompiler.h_table_grow,
        "table.fill": FunctionCompiler.h_table_fill,
        "table.copy": FunctionCompiler.h_table_copy,
        "table.init": FunctionCompiler.h_table_init,
        "elem.drop": FunctionCompiler.h_elem_drop,
        "ref.null": FunctionCompiler.h_ref_null,
        "ref.is_null": FunctionCompiler.h_ref_is_null,
        "ref.func": FunctionCompiler.h_ref_func,
        "ref.as_non_null": FunctionCompiler.h_ref_as_non_null,
        "br_on_null": FunctionCompiler.h_br_on_null,
        "br_on_non_null": FunctionCompiler.h_br_on_non_null,
        "call_ref": FunctionCompiler.h_call_ref,
        "ref.eq": FunctionCompiler.h_ref_eq,
        "ref.i31": FunctionCompiler.h_ref_i31,
        "i31.get_s": FunctionCompiler.h_i31_get,
        "i31.get_u": FunctionCompiler.h_i31_get,
        "any.convert_extern": FunctionCompiler.h_convert,
        "extern.convert_any": FunctionCompiler.h_convert,
        "ref.test": FunctionCompiler.h_ref_test,
        "ref.test_null": FunctionCompiler.h_ref_test,
        "ref.cast": FunctionCompiler.h_ref_cast,
        "ref.cast_null": FunctionCompiler.h_ref_cast,
        "br_on_cast": FunctionCompiler.h_br_on_cast,
        "br_on_cast_fail": FunctionCompiler.h_br_on_cast,
        "return_call_ref": FunctionCompiler.h_return_call_ref,
        "memory.size": FunctionCompiler.h_memory_size,
        "memory.grow": FunctionCompiler.h_memory_grow,
        "memory.fill": FunctionCompiler.h_memory_fill,
        "memory.copy": FunctionCompiler.h_memory_copy,
        "memory.init": FunctionCompiler.h_memory_init,
        "data.drop": FunctionCompiler.h_data_drop,
        "i32.const": FunctionCompiler.h_i_const,
        "i64.const": FunctionCompiler.h_i_const,
        "f32.const": FunctionCompiler.h_f32_const,
        "f64.const": FunctionCompiler.h_f64_const,
    }
    for name in exprs.int_ops(OP):
        by_name[name] = FunctionCompiler.h_int
    by_name["i32.wrap_i64"] = FunctionCompiler.h_wrap
    by_name["i64.extend_i32_u"] = FunctionCompiler.h_extend_u
    for name in _LOADS:
        by_name[name] = FunctionCompiler.h_load
    for name in _STORES:
        by_name[name] = FunctionCompiler.h_store
    return by_name


CORE_HANDLERS: dict[str, Any] = _core_handlers()
"""The core family's code generators, by instruction name."""

CORE_NAMESPACE: dict[str, Any] = _base_namespace()
"""Names the core family's generated code uses."""

_BASE: dict[str, Any] = dict(CORE_NAMESPACE)
"""The globals of generated code: every family's names (built by
:func:`interp.families.build`)."""
