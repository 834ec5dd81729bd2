"""Validation (spec chapter 3, "Validation"; appendix "Validation Algorithm").

Scope: WebAssembly 2.0 (MVP, sign extension, non-trapping float-to-int,
multi-value, bulk memory, reference types, several tables) and multi-memory
from 3.0 (any number of memories), plus what the 3.0 spec text changed about *constant expressions*
(extended constants: ``i32``/``i64`` ``add``/``sub``/``mul``, and
``global.get`` of any preceding immutable global), because the spec text and
the official suite shipped here are those of 3.0.

Function bodies are checked by :func:`validate_func_body`, a single linear
pass over the *flat* instruction list produced by the decoder, following the
appendix algorithm: an operand stack of value types (``UNKNOWN`` plays the
role of the spec's ``Bot`` in unreachable code) and a stack of control
frames.  No recursion is used, so deeply nested code cannot overflow
Python's stack.

Instructions are typed in two phases:

1. their immediates are checked by *kind* (``memarg``, ``table`` ...) through
   :data:`IMMEDIATE_CHECKS` -- indices must exist, alignment must not exceed
   the natural alignment;
2. their operand types come either from the ``params``/``results``
   signature in :data:`interp.opcodes.OPCODES` (the generic rule, so that
   numeric and future SIMD instructions need nothing here) or from a
   dedicated rule in ``_RULES`` (control, parametric, variable, table and
   reference instructions, and the few signature instructions that carry an
   extra constraint such as ``table.copy``).

Section numbers in comments are those of the 2.0 spec (the 3.0 text in
``wasm-spec`` has the same sections under "Validation").

Error messages are those of the reference interpreter, because the official
scripts expect them as a prefix of ours; a location suffix is appended.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from .deftypes import DefType, canonicalize_group
from .errors import InvalidError
from .features import Features, check_module
from .match import (
    match_comptype,
    match_heaptype,
    match_reftype,
    match_resulttype,
    match_valtype,
    top_heaptype,
)
from .opcodes import BY_NAME, OPCODES, OpInfo
from .records import field, record
from .types import (
    ANY,
    BOT,
    EQ,
    EXTERN,
    FUNC,
    FUNCREF,
    I31,
    I32,
    I64,
    NUM_TYPES,
    VEC_TYPES,
    CompType,
    Exact,
    Expr,
    FuncType,
    GlobalType,
    Instr,
    Limits,
    MemType,
    Module,
    RefType,
    StructType,
    SubType,
    TableType,
    TagType,
    ValType,
    inexact,
    valtype,
)

UNKNOWN: ValType | None = None
"""The type of an operand popped from a polymorphic (unreachable) stack: the
spec's ``Bot``, which matches every expected type."""

MAX_MEMORY_PAGES = 65536  # spec 3.2.5: memory limits within 2^16 pages
MAX_TABLE_SIZE = 2**32 - 1  # spec 3.2.4: table limits within 2^32 - 1
MAX_OFFSET = 2**32 - 1  # memarg offsets of 32-bit memories
MAX_MEMORY64_PAGES = 2**48  # spec 3.2.5 (memory64): 64-bit memory limits within 2^48 pages
MAX_TABLE64_SIZE = 2**64 - 1  # spec 3.2.4 (table64): 64-bit table limits within 2^64 - 1
MAX_OFFSET64 = 2**64 - 1  # memarg offsets of 64-bit memories

ImmediateCheck = Callable[["Context", Instr, OpInfo], None]


@record(slots=True)
class Context:
    """The validation context ``C`` (spec 3.1.1), built from the module.

    ``datas`` is the number of data segments visible to code, i.e. the data
    count (memory.init and data.drop need the data count section, spec
    5.5.16).  ``locals`` and ``return_types`` are set per function body.
    """

    types: list[CompType]
    funcs: list[FuncType]
    tables: list[TableType]
    mems: list[MemType]
    globals: list[GlobalType]
    elems: list[ValType]
    datas: int
    refs: frozenset[int]
    locals: list[ValType] = field(default_factory=list)
    return_types: tuple[ValType, ...] = ()
    # the canonical defined type of each type index: what the matcher
    # resolves the type indices of heap types through
    deftypes: list[DefType] = field(default_factory=list)
    # the heap type of each function (ref.func's result type): its type
    # index, made exact (custom descriptors) for a defined function or an
    # exact import
    func_typeidxs: list[int | Exact] = field(default_factory=list)
    # the function type of every tag in the tag index space (3.0 spec 3.4.14)
    tags: list[FuncType] = field(default_factory=list)
    # custom descriptors relax br_on_cast(_fail): source and target need only
    # share a top type ("New Instructions"); 3.0 wants target <: source
    relaxed_casts: bool = True


# -- natural alignment -----------------------------------------------------------

_TYPE_BITS = {"i32": 32, "i64": 64, "f32": 32, "f64": 64, "v128": 128}
_MEM_NAME = re.compile(r"^(\w+)\.(?:load|store)(\d+)?(?:x(\d+))?")
_natural_cache: dict[str, int] = {}


def natural_alignment_log2(name: str) -> int:
    """log2 of the byte width a memory instruction accesses (spec 3.3.7).

    Derived from the instruction name so SIMD needs no table: the number
    right after ``load``/``store`` is the accessed width in bits
    (``i32.load8_s`` -> 8, ``v128.load32_zero`` -> 32, ``v128.load16_lane``
    -> 16); ``NxM`` reads N*M bits (``v128.load8x8_s`` -> 64); without a
    number the full width of the value type is accessed (``f64.store`` -> 64).
    """
    cached = _natural_cache.get(name)
    if cached is not None:
        return cached
    m = _MEM_NAME.match(name)
    if m is None:
        raise InvalidError(f"no natural alignment known for {name}")  # engine bug
    valtype, bits_s, count_s = m.groups()
    if bits_s is None:
        if valtype not in _TYPE_BITS:
            raise InvalidError(f"no natural alignment known for {name}")  # engine bug
        bits = _TYPE_BITS[valtype]
    else:
        bits = int(bits_s) * (int(count_s) if count_s else 1)
    log2 = (bits // 8).bit_length() - 1
    _natural_cache[name] = log2
    return log2


# -- immediate checks (phase 1) ----------------------------------------------------


def _need(ok: bool, message: str) -> None:
    if not ok:
        raise InvalidError(message)


def check_memory(ctx: Context, memidx: int) -> None:
    if not (0 <= memidx < len(ctx.mems)):
        raise InvalidError(f"unknown memory {memidx}")


def check_table(ctx: Context, tableidx: int) -> TableType:
    if not (0 <= tableidx < len(ctx.tables)):
        raise InvalidError(f"unknown table {tableidx}")
    return ctx.tables[tableidx]


def check_memarg(ctx: Context, name: str, align: int, offset: int, memidx: int) -> None:
    """Memory exists, ``2**align`` is at most the natural alignment, and the
    offset fits the memory's address type (spec 3.3.7: below 2^32 for an
    i32 memory, 2^64 for an i64 one; the decoder reads every offset as u64).

    Public so that extension instruction kinds (SIMD lanes) can reuse it.
    """
    check_memory(ctx, memidx)
    _need(align <= natural_alignment_log2(name), "alignment must not be larger than natural")
    bound = MAX_OFFSET64 if ctx.mems[memidx].limits.addr64 else MAX_OFFSET
    _need(0 <= offset <= bound, "offset out of range")


# -- address types (memory64 / table64, spec 3.3.6-3.3.7) ---------------------------
#
# The instruction table types memory and table instructions for i32
# addresses.  When a module has a 64-bit memory or table, the operands that
# are addresses or sizes take the address type instead; everything else
# (values, data/elem segment offsets and lengths of ``*.init``) stays.


def _mem_at(ctx: Context, memidx: int) -> ValType:
    return ctx.mems[memidx].limits.addrtype


def _table_at(ctx: Context, tableidx: int) -> ValType:
    return ctx.tables[tableidx].limits.addrtype


def _min_at(a: ValType, b: ValType) -> ValType:
    """The smaller address type: the length of a copy between an i32 and an
    i64 memory/table must fit both (spec 3.3.6 "table.copy", 3.3.7 "memory.copy")."""
    return I32 if I32 in (a, b) else I64


def address_signature(
    ctx: Context, instr: Instr, info: OpInfo, params: list[ValType], results: list[ValType]
) -> tuple[list[ValType], list[ValType]]:
    """The signature of a memory or table instruction with its operands'
    address types filled in (called only for modules with a 64-bit memory
    or table; the immediates are already checked)."""
    imm, name = info.imm, info.name
    if imm in ("memarg", "memarg_lane"):  # the address is the first operand
        return [_mem_at(ctx, instr[3]), *params[1:]], results
    if imm == "mem":
        at = _mem_at(ctx, instr[1])
        if name == "memory.size":
            return [], [at]
        if name == "memory.grow":
            return [at], [at]
        return [at, params[1], at], results  # memory.fill: address, byte, length
    if imm == "memory_copy":
        d, s = _mem_at(ctx, instr[1]), _mem_at(ctx, instr[2])
        return [d, s, _min_at(d, s)], results
    if imm == "memory_init":
        return [_mem_at(ctx, instr[2]), I32, I32], results
    if imm == "table":  # table.size (the other table instructions have rules)
        return params, [_table_at(ctx, instr[1])]
    if imm == "table_copy":
        d, s = _table_at(ctx, instr[1]), _table_at(ctx, instr[2])
        return [d, s, _min_at(d, s)], results
    if imm == "table_init":
        return [_table_at(ctx, instr[2]), I32, I32], results
    return params, results


_ADDRESSED_KINDS = frozenset(
    (
        "memarg",
        "memarg_lane",
        "mem",
        "memory_copy",
        "memory_init",
        "table",
        "table_copy",
        "table_init",
    )
)


def has_addr64(ctx: Context) -> bool:
    """Whether any memory or table of the module has the address type i64."""
    return any(m.limits.addr64 for m in ctx.mems) or any(t.limits.addr64 for t in ctx.tables)


def _imm_memarg(ctx: Context, instr: Instr, info: OpInfo) -> None:
    check_memarg(ctx, info.name, instr[1], instr[2], instr[3])


def _imm_mem(ctx: Context, instr: Instr, info: OpInfo) -> None:
    check_memory(ctx, instr[1])


def _imm_memory_copy(ctx: Context, instr: Instr, info: OpInfo) -> None:
    check_memory(ctx, instr[1])
    check_memory(ctx, instr[2])


def _imm_memory_init(ctx: Context, instr: Instr, info: OpInfo) -> None:
    check_memory(ctx, instr[2])
    if not (0 <= instr[1] < ctx.datas):
        raise InvalidError(f"unknown data segment {instr[1]}")


def _imm_data(ctx: Context, instr: Instr, info: OpInfo) -> None:
    if not (0 <= instr[1] < ctx.datas):
        raise InvalidError(f"unknown data segment {instr[1]}")


def _imm_table(ctx: Context, instr: Instr, info: OpInfo) -> None:
    check_table(ctx, instr[1])


def _imm_table_copy(ctx: Context, instr: Instr, info: OpInfo) -> None:
    dst = check_table(ctx, instr[1])
    src = check_table(ctx, instr[2])
    # 3.0 spec 3.3.6 table.copy: the source's element type matches the destination's
    _need(match_valtype(src.elemtype, dst.elemtype, ctx.deftypes), "type mismatch")


def _imm_table_init(ctx: Context, instr: Instr, info: OpInfo) -> None:
    elemidx, tableidx = instr[1], instr[2]
    table = check_table(ctx, tableidx)  # the reference interpreter checks the table first
    if not (0 <= elemidx < len(ctx.elems)):
        raise InvalidError(f"unknown elem segment {elemidx}")
    _need(match_valtype(ctx.elems[elemidx], table.elemtype, ctx.deftypes), "type mismatch")


def _imm_elem(ctx: Context, instr: Instr, info: OpInfo) -> None:
    if not (0 <= instr[1] < len(ctx.elems)):
        raise InvalidError(f"unknown elem segment {instr[1]}")


def _imm_func(ctx: Context, instr: Instr, info: OpInfo) -> None:
    if not (0 <= instr[1] < len(ctx.funcs)):
        raise InvalidError(f"unknown function {instr[1]}")


def _imm_global(ctx: Context, instr: Instr, info: OpInfo) -> None:
    if not (0 <= instr[1] < len(ctx.globals)):
        raise InvalidError(f"unknown global {instr[1]}")


def _imm_local(ctx: Context, instr: Instr, info: OpInfo) -> None:
    if not (0 <= instr[1] < len(ctx.locals)):
        raise InvalidError(f"unknown local {instr[1]}")


def _imm_call_indirect(ctx: Context, instr: Instr, info: OpInfo) -> None:
    typeidx, tableidx = instr[1], instr[2]
    table = check_table(ctx, tableidx)
    _need(match_valtype(table.elemtype, FUNCREF, ctx.deftypes), "type mismatch")
    func_type(ctx, typeidx)


def _imm_block(ctx: Context, instr: Instr, info: OpInfo) -> None:
    bt = instr[1]
    if isinstance(bt, int):
        func_type(ctx, bt)
    elif bt is not None:
        check_valtype(ctx, bt)


def _imm_select_t(ctx: Context, instr: Instr, info: OpInfo) -> None:
    _need(len(instr[1]) == 1, "invalid result arity")
    check_valtype(ctx, instr[1][0])


def _imm_reftype(ctx: Context, instr: Instr, info: OpInfo) -> None:
    check_valtype(ctx, instr[1])


def check_typeidx(ctx: Context, x: int) -> CompType:
    if not (0 <= x < len(ctx.types)):
        raise InvalidError(f"unknown type {x}")
    return ctx.types[x]


def func_type(ctx: Context, x: int) -> FuncType:
    """The function type at index ``x`` (3.0: the type must be a function type)."""
    ct = check_typeidx(ctx, x)
    if not isinstance(ct, FuncType):
        raise InvalidError(f"non-function type {x}")
    return ct


def check_valtype(ctx: Context, t: object) -> None:
    """A value type is valid if the type index of its heap type exists (3.0 spec 3.2.3)."""
    if isinstance(t, RefType):
        h = inexact(t.heap)
        if isinstance(h, int):
            check_typeidx(ctx, h)


CORE_IMMEDIATE_CHECKS: dict[str, ImmediateCheck] = {
    "memarg": _imm_memarg,
    "mem": _imm_mem,
    "memory_copy": _imm_memory_copy,
    "memory_init": _imm_memory_init,
    "data": _imm_data,
    "table": _imm_table,
    "table_copy": _imm_table_copy,
    "table_init": _imm_table_init,
    "elem": _imm_elem,
    "func": _imm_func,
    "global": _imm_global,
    "local": _imm_local,
    "call_indirect": _imm_call_indirect,
    "block": _imm_block,
    "select_t": _imm_select_t,
    "reftype": _imm_reftype,
}
"""Immediate kind -> check of the indices/values it carries (the core
family's).  Families with new immediate kinds (SIMD lane indices) bring
theirs as ``Family.immediate_checks``; kinds without an entry (``i32``,
``label`` ...) need no context or are checked by the rule."""

IMMEDIATE_CHECKS: dict[str, ImmediateCheck] = dict(CORE_IMMEDIATE_CHECKS)
"""Every family's immediate checks (built by :func:`interp.families.build`)."""


# -- function bodies (phase 2) -------------------------------------------------------


def _resulttype(ts: Sequence[ValType | None]) -> str:
    """A result type as the reference interpreter prints it: ``[i32 i64]``
    (an unknown operand of unreachable code is ``bot``)."""
    return "[" + " ".join("bot" if t is UNKNOWN else str(t) for t in ts) + "]"


def _stack_mismatch(
    what: str, required: Sequence[ValType | None], has: Sequence[ValType | None]
) -> InvalidError:
    return InvalidError(
        f"type mismatch: {what} requires {_resulttype(required)} but stack has {_resulttype(has)}"
    )


class _Frame:
    """A control frame (appendix, "Stacks")."""

    __slots__ = ("end_types", "height", "init_height", "kind", "start_types", "unreachable")

    def __init__(
        self,
        kind: str,
        start: Sequence[ValType],
        end: Sequence[ValType],
        height: int,
        init_height: int = 0,
    ) -> None:
        self.kind = kind  # "func", "block", "loop", "if", "else"
        self.start_types = tuple(start)
        self.end_types = tuple(end)
        self.height = height
        self.init_height = init_height  # locals initialized before the block
        self.unreachable = False

    def label_types(self) -> tuple[ValType, ...]:
        return self.start_types if self.kind == "loop" else self.end_types


class _FuncValidator:
    """State of one run of the appendix algorithm over one instruction list."""

    def __init__(self, ctx: Context, results: Sequence[ValType]) -> None:
        self.ctx = ctx
        self.vals: list[ValType | None] = []
        self.ctrls: list[_Frame] = [_Frame("func", (), results, 0)]
        # Non-defaultable locals (3.0 spec 3.4.1, "local initialization"):
        # ``inits[x]`` says whether local x is set; ``init_stack`` lists the
        # locals set since function entry, so that leaving a block can unset
        # those it set (appendix, "Validation Algorithm").  ``None`` while every
        # local has a default, which is all 2.0 code: then nothing is tracked.
        self.inits: list[bool] | None = None
        self.init_stack: list[int] = []

    # -- operand stack --------------------------------------------------------

    def push_val(self, t: ValType | None) -> None:
        self.vals.append(t)

    def push_vals(self, types: Sequence[ValType | None]) -> None:
        self.vals.extend(types)

    def pop_val(self) -> ValType | None:
        frame = self.ctrls[-1]
        if len(self.vals) == frame.height:
            if frame.unreachable:
                return UNKNOWN
            raise _stack_mismatch("instruction", (UNKNOWN,), [])
        return self.vals.pop()

    def pop_expect(self, expect: ValType | None) -> ValType | None:
        vals = self.vals
        if len(vals) > self.ctrls[-1].height:
            actual = vals[-1]
            if actual is not expect and not match_valtype(actual, expect, self.ctx.deftypes):
                raise _stack_mismatch("instruction", (expect,), [actual])
            vals.pop()
            return actual
        if self.ctrls[-1].unreachable:
            return UNKNOWN
        raise _stack_mismatch("instruction", (expect,), [])

    def pop_vals(self, types: Sequence[ValType | None]) -> list[ValType | None]:
        """Pop ``types`` (the top of the stack last).  A mismatch names the
        whole sequence and what the stack holds there, as the reference
        interpreter's ``pop`` does (valid.ml: "instruction requires [t*] but
        stack has [t*]")."""
        n = len(types)
        if n == 1:
            return [self.pop_expect(types[0])]
        vals = self.vals
        frame = self.ctrls[-1]
        avail = len(vals) - frame.height
        k = min(n, avail)
        top = vals[len(vals) - k :] if k else []
        deftypes = self.ctx.deftypes
        for actual, expect in zip(top, types[n - k :], strict=True):
            if actual is not expect and not match_valtype(actual, expect, deftypes):
                raise _stack_mismatch("instruction", types, top)
        if k < n and not frame.unreachable:
            raise _stack_mismatch("instruction", types, top)
        if k:
            del vals[len(vals) - k :]
        return [UNKNOWN] * (n - k) + top

    # -- control stack --------------------------------------------------------

    def push_ctrl(self, kind: str, start: Sequence[ValType], end: Sequence[ValType]) -> None:
        self.ctrls.append(_Frame(kind, start, end, len(self.vals), len(self.init_stack)))
        self.push_vals(start)

    def pop_ctrl(self) -> _Frame:
        frame = self.ctrls[-1]
        popped = self.pop_vals(frame.end_types)
        if len(self.vals) != frame.height:
            # valid.ml's end-of-block check: the frame's result types against
            # everything the block left
            left = self.vals[frame.height :] + popped
            raise _stack_mismatch("block", frame.end_types, left)
        self.ctrls.pop()
        inits = self.inits
        if inits is not None:
            stack = self.init_stack
            while len(stack) > frame.init_height:
                inits[stack.pop()] = False
        return frame

    def set_local(self, x: int) -> None:
        inits = self.inits
        if inits is not None and not inits[x]:
            inits[x] = True
            self.init_stack.append(x)

    def label(self, depth: int) -> _Frame:
        if not 0 <= depth < len(self.ctrls):
            raise InvalidError(f"unknown label {depth}")
        return self.ctrls[-1 - depth]

    def set_unreachable(self) -> None:
        frame = self.ctrls[-1]
        del self.vals[frame.height :]
        frame.unreachable = True

    def block_type(self, bt: object) -> FuncType:
        if bt is None:
            return _NO_TYPE
        if isinstance(bt, int):
            return self.ctx.types[bt]  # type: ignore[return-value]  # checked by _imm_block
        return FuncType((), (bt,))  # type: ignore[arg-type]

    # -- the main loop ----------------------------------------------------------

    def run(self, body: Expr) -> None:
        """Validate ``body`` plus its implicit final ``end``.

        Errors get the failing instruction's index and name appended.  The
        generic signature rule is inlined here with a fast path (compare the
        top of the stack with the parameter list in one go) because it types
        most instructions; anything unusual falls back to :meth:`pop_vals`.
        """
        vals = self.vals
        ctrls = self.ctrls
        ctx = self.ctx
        pc = -1
        instr: Instr = ()
        addr64 = has_addr64(ctx)
        # Fast paths for the commonest instructions (see _OP_LOCAL_GET):
        # taken only when the outcome is certainly "valid" without a check
        # (index in range, operand type identical to the expected one, no
        # local-initialization tracking); anything else falls through to
        # the general rule below, which raises the reference's error.
        # A family that replaces one of these rules turns the fast paths off.
        core = _core_rules_in_place()
        locals_ = ctx.locals if self.inits is None and core else ()
        nlocals = len(locals_)
        op_local_get, op_local_set = _OP_LOCAL_GET, _OP_LOCAL_SET
        op_local_tee = _OP_LOCAL_TEE
        op_i32_const = _OP_I32_CONST if core else -1
        try:
            for pc in range(len(body)):
                instr = body[pc]
                op = instr[0]
                if op == op_local_get:
                    x = instr[1]
                    if x < nlocals:
                        vals.append(locals_[x])
                        continue
                elif op == op_i32_const:
                    vals.append(I32)
                    continue
                elif op == op_local_tee:  # [t] -> [t]: nothing changes if t is on top
                    x = instr[1]
                    if x < nlocals and len(vals) > ctrls[-1].height and vals[-1] is locals_[x]:
                        continue
                elif op == op_local_set:
                    x = instr[1]
                    if x < nlocals and len(vals) > ctrls[-1].height and vals[-1] is locals_[x]:
                        vals.pop()
                        continue
                entry = _DISPATCH.get(op) or _dispatch_entry(op)
                info, check, rule, params, results = entry
                if check is not None:
                    check(ctx, instr, info)
                    if addr64 and info.imm in _ADDRESSED_KINDS:
                        params, results = address_signature(ctx, instr, info, params, results)
                if rule is not None:
                    rule(self, instr)
                    continue
                n = len(params)
                if n:
                    if len(vals) - ctrls[-1].height >= n and vals[-n:] == params:
                        del vals[-n:]
                    else:
                        self.pop_vals(params)
                vals.extend(results)
            pc, instr = len(body), ()
            # the function's (or constant expression's) implicit final ``end``
            if len(ctrls) != 1:
                raise InvalidError("unclosed block at end of function")
            self.pop_ctrl()
        except InvalidError as exc:
            failed = OPCODES.get(instr[0]) if instr else None
            name = failed.name if failed else "end"
            raise InvalidError(f"{exc.message} (at instruction {pc}: {name})") from None

    # -- dedicated rules (spec 3.3) ---------------------------------------------

    def r_unreachable(self, instr: Instr) -> None:
        self.set_unreachable()

    def r_nop(self, instr: Instr) -> None:
        pass

    def r_block(self, instr: Instr) -> None:
        ft = self.block_type(instr[1])
        self.pop_vals(ft.params)
        self.push_ctrl("block", ft.params, ft.results)

    def r_loop(self, instr: Instr) -> None:
        ft = self.block_type(instr[1])
        self.pop_vals(ft.params)
        self.push_ctrl("loop", ft.params, ft.results)

    def r_if(self, instr: Instr) -> None:
        ft = self.block_type(instr[1])
        self.pop_expect(I32)
        self.pop_vals(ft.params)
        self.push_ctrl("if", ft.params, ft.results)

    def r_else(self, instr: Instr) -> None:
        if self.ctrls[-1].kind != "if":
            raise InvalidError("else without matching if")
        frame = self.pop_ctrl()
        self.push_ctrl("else", frame.start_types, frame.end_types)

    def r_end(self, instr: Instr) -> None:
        if len(self.ctrls) == 1:
            raise InvalidError("end without matching block")
        frame = self.pop_ctrl()
        # An ``if`` without ``else`` has an empty else branch, which must turn
        # the block's parameters into its results (spec 3.3.8, "if").
        if frame.kind == "if" and not match_resulttype(
            frame.start_types, frame.end_types, self.ctx.deftypes
        ):
            raise InvalidError("type mismatch: if without else must not change the stack")
        self.push_vals(frame.end_types)

    def r_br(self, instr: Instr) -> None:
        self.pop_vals(self.label(instr[1]).label_types())
        self.set_unreachable()

    def r_br_if(self, instr: Instr) -> None:
        types = self.label(instr[1]).label_types()
        self.pop_expect(I32)
        self.pop_vals(types)
        self.push_vals(types)

    def r_br_table(self, instr: Instr) -> None:
        labels, default = instr[1], instr[2]
        self.pop_expect(I32)
        default_types = self.label(default).label_types()
        arity = len(default_types)
        for depth in labels:
            types = self.label(depth).label_types()
            if len(types) != arity:
                raise InvalidError("type mismatch: br_table labels have different arities")
            self.push_vals(self.pop_vals(types))
        self.pop_vals(default_types)
        self.set_unreachable()

    def r_return(self, instr: Instr) -> None:
        self.pop_vals(self.ctx.return_types)
        self.set_unreachable()

    def r_call(self, instr: Instr) -> None:
        ft = self.ctx.funcs[instr[1]]
        self.pop_vals(ft.params)
        self.push_vals(ft.results)

    def r_call_indirect(self, instr: Instr) -> None:
        ft: FuncType = self.ctx.types[instr[1]]  # type: ignore[assignment]  # checked
        self.pop_expect(_table_at(self.ctx, instr[2]))
        self.pop_vals(ft.params)
        self.push_vals(ft.results)

    def r_call_ref(self, instr: Instr) -> None:
        """``call_ref x`` (3.0 spec 3.3.8): [t1* (ref null x)] -> [t2*]."""
        x = instr[1]
        ft = func_type(self.ctx, x)
        self.pop_expect(RefType(True, x))
        self.pop_vals(ft.params)
        self.push_vals(ft.results)

    def r_return_call_ref(self, instr: Instr) -> None:
        x = instr[1]
        ft = func_type(self.ctx, x)
        self.check_tail_results(ft)
        self.pop_expect(RefType(True, x))
        self.pop_vals(ft.params)
        self.set_unreachable()

    def pop_ref(self) -> RefType:
        """Pop a reference operand; from unreachable code that is ``(ref bot)``."""
        t = self.pop_val()
        if t is UNKNOWN:
            return RefType(False, BOT)
        if not isinstance(t, RefType):
            raise InvalidError(
                f"type mismatch: instruction requires reference type but stack has {t}"
            )
        return t

    def r_ref_as_non_null(self, instr: Instr) -> None:
        self.push_val(RefType(False, self.pop_ref().heap))

    def r_br_on_null(self, instr: Instr) -> None:
        """``br_on_null l``: [t* (ref null ht)] -> [t* (ref ht)], branching on null."""
        rt = self.pop_ref()
        types = self.label(instr[1]).label_types()
        self.pop_vals(types)
        self.push_vals(types)
        self.push_val(RefType(False, rt.heap))

    def r_br_on_non_null(self, instr: Instr) -> None:
        """``br_on_non_null l``: [t* (ref null ht)] -> [t*]; the label takes [t* (ref ht)]."""
        types = self.label(instr[1]).label_types()
        if not types or not isinstance(types[-1], RefType):
            shown = f"[{' '.join(map(str, types))}]" if not types else str(types[-1])
            raise InvalidError(
                f"type mismatch: instruction requires reference type but label has {shown}"
            )
        self.pop_expect(RefType(True, types[-1].heap))
        self.pop_vals(types[:-1])
        self.push_vals(types[:-1])

    # -- GC: i31, reference equality, casts, extern conversion (3.0 spec 3.3.5) --

    def r_ref_eq(self, instr: Instr) -> None:
        self.pop_expect(_EQREF)
        self.pop_expect(_EQREF)
        self.push_val(I32)

    def r_ref_i31(self, instr: Instr) -> None:
        self.pop_expect(I32)
        self.push_val(_REF_I31)

    def r_i31_get(self, instr: Instr) -> None:
        self.pop_expect(_I31REF)
        self.push_val(I32)

    def r_any_convert_extern(self, instr: Instr) -> None:
        rt = self.pop_ref()
        self.push_val_checked(RefType(True, EXTERN), rt, RefType(rt.nullable, ANY))

    def r_extern_convert_any(self, instr: Instr) -> None:
        rt = self.pop_ref()
        self.push_val_checked(RefType(True, ANY), rt, RefType(rt.nullable, EXTERN))

    def push_val_checked(self, expect: RefType, actual: RefType, result: RefType) -> None:
        if not match_valtype(actual, expect, self.ctx.deftypes):
            raise InvalidError(f"type mismatch: expected {expect}, got {actual}")
        self.push_val(result)

    def r_ref_test(self, instr: Instr) -> None:
        """``ref.test rt``: [(ref null top(rt))] -> [i32]."""
        rt = instr[1]
        check_valtype(self.ctx, rt)
        self.pop_expect(RefType(True, top_heaptype(rt.heap, self.ctx.deftypes)))
        self.push_val(I32)

    def r_ref_cast(self, instr: Instr) -> None:
        """``ref.cast rt``: [(ref null top(rt))] -> [rt]."""
        rt = instr[1]
        check_valtype(self.ctx, rt)
        self.pop_expect(RefType(True, top_heaptype(rt.heap, self.ctx.deftypes)))
        self.push_val(rt)

    def cast_branch(self, instr: Instr) -> tuple[tuple[ValType, ...], RefType, RefType]:
        label, rt1, rt2 = instr[1], instr[2], instr[3]
        check_valtype(self.ctx, rt1)
        check_valtype(self.ctx, rt2)
        if self.ctx.relaxed_casts:
            # custom descriptors: both in one hierarchy (reference interpreter wording)
            top1 = top_heaptype(rt1.heap, self.ctx.deftypes)
            if top1 is not top_heaptype(rt2.heap, self.ctx.deftypes):
                raise InvalidError(
                    f"type mismatch on cast: type {rt1.heap} has a different top type"
                    f" than type {rt2.heap}"
                )
        elif not match_reftype(rt2, rt1, self.ctx.deftypes):
            raise InvalidError(f"type mismatch: type {rt2} does not match {rt1}")
        types = self.label(label).label_types()
        if not types:
            raise InvalidError(f"type mismatch: instruction requires type {rt2} but label has []")
        return types, rt1, rt2

    def cast_branch_rule(
        self,
        instr: Instr,
        fail: bool,
        descriptor: Callable[[RefType], RefType] | None = None,
    ) -> None:
        """``br_on_cast l rt1 rt2`` (3.0 spec 3.3.5): branch with rt2, fall
        through with rt1 \\ rt2; ``fail`` (``br_on_cast_fail``) the other way
        round.  ``descriptor`` (custom descriptors' ``br_on_cast_desc_eq``,
        :mod:`interp.descriptors`): the type of a descriptor operand above the
        reference, from rt2, looked up after the label check."""
        types, rt1, rt2 = self.cast_branch(instr)
        diff = _diff_reftype(rt1, rt2)
        taken, kept = (diff, rt2) if fail else (rt2, diff)
        if not match_valtype(taken, types[-1], self.ctx.deftypes):
            raise InvalidError(
                f"type mismatch: instruction requires type {taken} but label has {types[-1]}"
            )
        if descriptor is not None:
            self.pop_expect(descriptor(rt2))
        self.pop_expect(rt1)
        self.pop_vals(types[:-1])
        self.push_vals(types[:-1])
        self.push_val(kept)

    def r_br_on_cast(self, instr: Instr) -> None:
        self.cast_branch_rule(instr, fail=False)

    def r_br_on_cast_fail(self, instr: Instr) -> None:
        self.cast_branch_rule(instr, fail=True)

    def r_return_call(self, instr: Instr) -> None:
        self.tail_call(self.ctx.funcs[instr[1]])

    def r_return_call_indirect(self, instr: Instr) -> None:
        self.pop_expect(_table_at(self.ctx, instr[2]))
        self.tail_call(self.ctx.types[instr[1]])  # type: ignore[arg-type]  # checked

    def tail_call(self, ft: FuncType) -> None:
        """``return_call*`` (3.0, tail calls): the callee's results must be
        the caller's (spec 3.3.8, "return_call"); the rest is unreachable."""
        self.check_tail_results(ft)
        self.pop_vals(ft.params)
        self.set_unreachable()

    def check_tail_results(self, ft: FuncType) -> None:
        if not match_resulttype(ft.results, self.ctx.return_types, self.ctx.deftypes):
            raise InvalidError(
                f"type mismatch: tail call returns [{' '.join(map(str, ft.results))}], "
                f"function returns [{' '.join(map(str, self.ctx.return_types))}]"
            )

    def r_drop(self, instr: Instr) -> None:
        self.pop_val()

    def r_select(self, instr: Instr) -> None:
        # Untyped select only for numeric and vector operands (spec 3.3.4).
        self.pop_expect(I32)
        t1 = self.pop_val()
        t2 = self.pop_val()
        both_num = (t1 is UNKNOWN or t1 in NUM_TYPES) and (t2 is UNKNOWN or t2 in NUM_TYPES)
        both_vec = (t1 is UNKNOWN or t1 in VEC_TYPES) and (t2 is UNKNOWN or t2 in VEC_TYPES)
        if not (both_num or both_vec):
            raise InvalidError("type mismatch: select without type needs numeric operands")
        if t1 is not t2 and t1 is not UNKNOWN and t2 is not UNKNOWN:  # number/vector identity
            raise InvalidError(f"type mismatch: select operands {t2} and {t1}")
        self.push_val(t2 if t1 is UNKNOWN else t1)

    def r_select_t(self, instr: Instr) -> None:
        (t,) = instr[1]  # arity checked by _imm_select_t
        self.pop_expect(I32)
        self.pop_expect(t)
        self.pop_expect(t)
        self.push_val(t)

    def r_local_get(self, instr: Instr) -> None:
        x = instr[1]
        if self.inits is not None and not self.inits[x]:
            raise InvalidError("uninitialized local")
        self.push_val(self.ctx.locals[x])

    def r_local_set(self, instr: Instr) -> None:
        self.pop_expect(self.ctx.locals[instr[1]])
        self.set_local(instr[1])

    def r_local_tee(self, instr: Instr) -> None:
        t = self.ctx.locals[instr[1]]
        self.pop_expect(t)
        self.set_local(instr[1])
        self.push_val(t)

    def r_global_get(self, instr: Instr) -> None:
        self.push_val(self.ctx.globals[instr[1]].valtype)

    def r_global_set(self, instr: Instr) -> None:
        gt = self.ctx.globals[instr[1]]
        if not gt.mutable:
            raise InvalidError(f"immutable global {instr[1]}")
        self.pop_expect(gt.valtype)

    def r_table_get(self, instr: Instr) -> None:
        self.pop_expect(_table_at(self.ctx, instr[1]))
        self.push_val(self.ctx.tables[instr[1]].elemtype)

    def r_table_set(self, instr: Instr) -> None:
        self.pop_expect(self.ctx.tables[instr[1]].elemtype)
        self.pop_expect(_table_at(self.ctx, instr[1]))

    def r_table_grow(self, instr: Instr) -> None:
        at = _table_at(self.ctx, instr[1])
        self.pop_expect(at)
        self.pop_expect(self.ctx.tables[instr[1]].elemtype)
        self.push_val(at)

    def r_table_fill(self, instr: Instr) -> None:
        at = _table_at(self.ctx, instr[1])
        self.pop_expect(at)
        self.pop_expect(self.ctx.tables[instr[1]].elemtype)
        self.pop_expect(at)

    def r_ref_null(self, instr: Instr) -> None:
        self.push_val(instr[1])

    def r_ref_is_null(self, instr: Instr) -> None:
        t = self.pop_val()
        if t is not UNKNOWN and not isinstance(t, RefType):
            raise InvalidError(f"type mismatch: ref.is_null needs a reference, got {t}")
        self.push_val(I32)

    def r_ref_func(self, instr: Instr) -> None:
        # The function must be declared outside function bodies (spec 3.4.10, C.refs).
        if instr[1] not in self.ctx.refs:
            raise InvalidError(f"undeclared function reference {instr[1]}")
        # 3.0 spec 3.3.5: a non-null reference to the function's own type
        self.push_val(RefType(False, self.ctx.func_typeidxs[instr[1]]))


_Rule = Callable[[_FuncValidator, Instr], None]
CORE_RULES: dict[str, _Rule] = {
    "unreachable": _FuncValidator.r_unreachable,
    "nop": _FuncValidator.r_nop,
    "block": _FuncValidator.r_block,
    "loop": _FuncValidator.r_loop,
    "if": _FuncValidator.r_if,
    "else": _FuncValidator.r_else,
    "end": _FuncValidator.r_end,
    "br": _FuncValidator.r_br,
    "br_if": _FuncValidator.r_br_if,
    "br_table": _FuncValidator.r_br_table,
    "return": _FuncValidator.r_return,
    "call": _FuncValidator.r_call,
    "call_indirect": _FuncValidator.r_call_indirect,
    "return_call": _FuncValidator.r_return_call,
    "return_call_indirect": _FuncValidator.r_return_call_indirect,
    "call_ref": _FuncValidator.r_call_ref,
    "return_call_ref": _FuncValidator.r_return_call_ref,
    "ref.as_non_null": _FuncValidator.r_ref_as_non_null,
    "br_on_null": _FuncValidator.r_br_on_null,
    "br_on_non_null": _FuncValidator.r_br_on_non_null,
    "ref.eq": _FuncValidator.r_ref_eq,
    "ref.i31": _FuncValidator.r_ref_i31,
    "i31.get_s": _FuncValidator.r_i31_get,
    "i31.get_u": _FuncValidator.r_i31_get,
    "any.convert_extern": _FuncValidator.r_any_convert_extern,
    "extern.convert_any": _FuncValidator.r_extern_convert_any,
    "ref.test": _FuncValidator.r_ref_test,
    "ref.test_null": _FuncValidator.r_ref_test,
    "ref.cast": _FuncValidator.r_ref_cast,
    "ref.cast_null": _FuncValidator.r_ref_cast,
    "br_on_cast": _FuncValidator.r_br_on_cast,
    "br_on_cast_fail": _FuncValidator.r_br_on_cast_fail,
    "drop": _FuncValidator.r_drop,
    "select": _FuncValidator.r_select,
    "select_t": _FuncValidator.r_select_t,
    "local.get": _FuncValidator.r_local_get,
    "local.set": _FuncValidator.r_local_set,
    "local.tee": _FuncValidator.r_local_tee,
    "global.get": _FuncValidator.r_global_get,
    "global.set": _FuncValidator.r_global_set,
    "table.get": _FuncValidator.r_table_get,
    "table.set": _FuncValidator.r_table_set,
    "table.grow": _FuncValidator.r_table_grow,
    "table.fill": _FuncValidator.r_table_fill,
    "ref.null": _FuncValidator.r_ref_null,
    "ref.is_null": _FuncValidator.r_ref_is_null,
    "ref.func": _FuncValidator.r_ref_func,
}
"""Instruction name -> dedicated typing rule (the core family's); every other
instruction is typed from its signature in :data:`interp.opcodes.OPCODES`."""

_RULES: dict[str, _Rule] = dict(CORE_RULES)
"""Every family's typing rules (built by :func:`interp.families.build`)."""

_NO_TYPE = FuncType((), ())
_EQREF = RefType(True, EQ)
_I31REF = RefType(True, I31)
_REF_I31 = RefType(False, I31)


def _diff_reftype(rt1: RefType, rt2: RefType) -> RefType:
    """``rt1 \\ rt2`` (3.0 spec 3.3.5): what is left of rt1 when a cast to
    rt2 fails -- non-null if rt2 admits null."""
    return RefType(False if rt2.nullable else rt1.nullable, rt1.heap)


# Opcode keys with a fast path in _FuncValidator.run: ``local.get``,
# ``local.set``, ``local.tee`` and ``i32.const`` are over half of the
# instructions of compiled C (bench/README.md).  Their rules in ``_RULES``
# stay the reference; the fast path only skips work whose result is known.
_OP_LOCAL_GET = BY_NAME["local.get"].code
_OP_LOCAL_SET = BY_NAME["local.set"].code
_OP_LOCAL_TEE = BY_NAME["local.tee"].code
_OP_I32_CONST = BY_NAME["i32.const"].code
_OP_REF_FUNC = BY_NAME["ref.func"].code


def _core_rules_in_place() -> bool:
    """Whether ``local.*`` have their core rules and ``i32.const`` its signature
    (no dedicated rule): the assumption of the fast paths in ``run``."""
    rules = _RULES
    return (
        rules.get("local.get") is CORE_RULES["local.get"]
        and rules.get("local.set") is CORE_RULES["local.set"]
        and rules.get("local.tee") is CORE_RULES["local.tee"]
        and "i32.const" not in rules
    )


_DispatchEntry = tuple[OpInfo, ImmediateCheck | None, _Rule | None, list[ValType], list[ValType]]
_DISPATCH: dict[int, _DispatchEntry] = {}
"""Opcode key -> (info, immediate check, rule, params, results), filled on
first use from the built tables (:func:`interp.families.build` empties it)."""


def _dispatch_entry(opcode: object) -> _DispatchEntry:
    info = OPCODES.get(opcode)  # type: ignore[call-overload]
    if info is None:
        raise InvalidError(f"unknown instruction {opcode!r}")
    rule = _RULES.get(info.name)
    if rule is None and (info.params is None or info.results is None):
        raise InvalidError(f"no validation rule for {info.name}")  # engine bug
    entry = (
        info,
        IMMEDIATE_CHECKS.get(info.imm),
        rule,
        [valtype(t) for t in info.params or ()],
        [valtype(t) for t in info.results or ()],
    )
    _DISPATCH[info.code] = entry
    return entry


def validate_func_body(
    ctx: Context, functype: FuncType, locals_: Sequence[ValType], body: Expr
) -> None:
    """Check one function body (spec 3.4.1) against its type.

    ``locals_`` are the declared locals (parameters excluded); ``ctx`` is the
    module context, whose ``locals``/``return_types`` are set here.
    """
    for t in locals_:
        check_valtype(ctx, t)
    ctx.locals = [*functype.params, *locals_]
    ctx.return_types = functype.results
    v = _FuncValidator(ctx, functype.results)
    if any(isinstance(t, RefType) and not t.nullable for t in locals_):
        nparams = len(functype.params)
        v.inits = [i < nparams or defaultable(t) for i, t in enumerate(ctx.locals)]
    v.run(body)


def defaultable(t: ValType) -> bool:
    """Numbers, vectors and nullable references have a default value (3.0 spec 3.2.3)."""
    return not isinstance(t, RefType) or t.nullable


# -- constant expressions (spec 3.3.10) ------------------------------------------------

# Which instructions are constant is the instruction table's ``const`` column.


def validate_const_expr(ctx: Context, expr: Expr, valtype: ValType, n_globals: int) -> None:
    """Check that ``expr`` is constant and has type ``[] -> [valtype]``.

    Only the first ``n_globals`` globals are visible: a global's initializer
    sees the imported and previously defined globals (3.0 spec, "Modules",
    note on the module rule; 2.0 allowed imported ones only, but the suite
    shipped here is 3.0's); ``global.get`` must name an immutable one.
    Constness is checked before typing, like the reference interpreter.
    """
    if len(expr) == 1 and _single_const_ok(ctx, expr[0], valtype):
        return
    for instr in expr:
        info = OPCODES.get(instr[0])
        if info is None or not info.const:
            raise InvalidError("constant expression required")
        if info.name == "global.get":
            idx = instr[1]
            if not (0 <= idx < n_globals):
                raise InvalidError(f"unknown global {idx}")
            _need(not ctx.globals[idx].mutable, "constant expression required")
    # The loop above already refused globals beyond ``n_globals``, so the
    # typing pass may see the full list (no O(globals) copy per expression).
    sub = Context(
        ctx.types,
        ctx.funcs,
        ctx.tables,
        ctx.mems,
        ctx.globals,
        ctx.elems,
        ctx.datas,
        ctx.refs,
        [],
        (valtype,),
        ctx.deftypes,
        ctx.func_typeidxs,
        relaxed_casts=ctx.relaxed_casts,
    )
    _FuncValidator(sub, (valtype,)).run(expr)


_REF_FUNC_TYPE = RefType(False, FUNC)


def _function_indices_ok(ctx: Context, init: list[Expr], elemtype: ValType) -> bool:
    """Whether an element segment given by function indices (the MVP form,
    decoded as one ``ref.func x`` per element, of type ``(ref func)``) is
    certainly valid: every ``x`` names a function.  ``ref.func x`` then has
    type ``(ref x)``, a subtype of ``(ref func)`` (3.0 spec 3.3.5), and ``x``
    is declared (C.refs holds every element segment's functions, spec
    3.4.10).  ``False`` sends the segment through the full check, which
    raises the reference's error if there is one."""
    if elemtype != _REF_FUNC_TYPE or _RULES.get("ref.func") is not CORE_RULES["ref.func"]:
        return False
    n = len(ctx.funcs)
    op = _OP_REF_FUNC
    for expr in init:
        if len(expr) != 1:
            return False
        instr = expr[0]
        if len(instr) != 2 or instr[0] != op or not 0 <= instr[1] < n:
            return False
    return True


def _single_const_ok(ctx: Context, instr: Instr, valtype: ValType) -> bool:
    """Whether a one-instruction constant expression is certainly valid.

    The shortcut for the commonest initializers (an element segment of
    ``n`` functions is ``n`` expressions ``ref.func x``; offsets are one
    ``i32.const``): ``True`` only when the full check could not fail;
    ``False`` sends the expression through :func:`validate_const_expr`'s
    full check, which raises the reference's error if there is one.
    """
    op = instr[0]
    if op == _OP_I32_CONST:
        return valtype is I32 and "i32.const" not in _RULES
    if op == _OP_REF_FUNC and _RULES.get("ref.func") is CORE_RULES["ref.func"]:
        x = instr[1]
        if not (0 <= x < len(ctx.func_typeidxs) and x in ctx.refs):
            return False
        rt = RefType(False, ctx.func_typeidxs[x])
        return rt is valtype or match_valtype(rt, valtype, ctx.deftypes)
    return False


# -- module components (spec 3.2, 3.4) ----------------------------------------------------


def check_limits(limits: Limits, bound: int, too_large: str) -> None:
    """Spec 3.2.1: ``min`` and ``max`` within ``bound``, ``min <= max``."""
    _need(0 <= limits.min <= bound, too_large)
    if limits.max is not None:
        _need(0 <= limits.max <= bound, too_large)
        _need(limits.min <= limits.max, "size minimum must not be greater than maximum")


def check_table_type(ctx: Context, tt: TableType) -> None:
    if tt.limits.addr64:
        check_limits(tt.limits, MAX_TABLE64_SIZE, "table size must be at most 2^64-1 for i64")
    else:
        check_limits(tt.limits, MAX_TABLE_SIZE, "table size must be at most 2^32-1")
    if not isinstance(tt.elemtype, RefType):
        raise InvalidError(f"type mismatch: table of {tt.elemtype}")
    check_valtype(ctx, tt.elemtype)


def check_mem_type(mt: MemType) -> None:
    # custom page sizes, validation of memory types: the page size is 1 or 64 KiB
    # (any power of two up to 64 KiB is reserved for the future)
    _need(mt.page_shift in (0, 16), "invalid custom page size")
    if mt.page_shift == 0:
        # limits in bytes: within the address space (the reference interpreter
        # checks 2^32 - 1 and 2^64 - 1; the proposal's 2^32 / pagesize is one more)
        if mt.limits.addr64:
            check_limits(mt.limits, 2**64 - 1, "memory size must be at most 2^64 - 1 bytes for i64")
        else:
            check_limits(mt.limits, 2**32 - 1, "memory size must be at most 2^32 - 1 bytes for i32")
    elif mt.limits.addr64:
        check_limits(
            mt.limits,
            MAX_MEMORY64_PAGES,
            "memory size must be at most 2^48 pages (256 TiB) for i64",
        )
    else:
        check_limits(mt.limits, MAX_MEMORY_PAGES, "memory size must be at most 65536 pages (4GiB)")
    # threads proposal, validation of memory types: a shared memory cannot grow unboundedly
    _need(not mt.shared or mt.limits.max is not None, "shared memory must have maximum")


def _comptype_valtypes(ct: CompType) -> list[object]:
    if isinstance(ct, FuncType):
        return [*ct.params, *ct.results]
    if isinstance(ct, StructType):
        return [f.storage for f in ct.fields]
    return [ct.field.storage]  # type: ignore[union-attr]


def validate_types(module: Module) -> list[DefType]:
    """The type section (3.0 spec 3.2.11, "Recursive types"): check each
    recursion group and canonicalize it; returns the canonical defined type
    of every type index.

    A group may refer to its own types and to earlier ones only; a sub
    type's supertype must come earlier, not be final, and have a composite
    type the sub type's matches.  Wording of the reference interpreter
    (``valid.ml``, ``check_rectype``).
    """
    deftypes: list[DefType] = []
    all_subs: list[SubType] = []  # the sub type of every type index, as declared
    ctx = Context([], [], [], [], [], [], 0, frozenset())
    for group in module.rec_groups():
        base = len(deftypes)
        ctx.types = module.types[: base + len(group.subs)]
        _check_descriptors(group.subs, base)
        for st in group.subs:
            if st.comp.__class__ is not StructType:
                # custom descriptors: the clauses are for struct types only
                _need(st.descriptor is None, "descriptor type must be a struct")
                _need(st.describes is None, "described type must be a struct")
            for t in _comptype_valtypes(st.comp):
                check_valtype(ctx, t)
            for x in st.supers:
                check_typeidx(ctx, x)  # type: ignore[arg-type]
        deftypes.extend(canonicalize_group(group, deftypes))
        all_subs.extend(group.subs)
        ctx.deftypes = deftypes
        for i, st in enumerate(group.subs):
            x = base + i
            if len(st.supers) > 1:
                raise InvalidError(f"sub type {x} has too many super types")
            for xi in st.supers:
                if not xi < x:  # type: ignore[operator]
                    raise InvalidError(f"forward use of type {xi} in sub type definition")
                sup = deftypes[xi]  # type: ignore[call-overload]
                if sup.final:
                    raise InvalidError(f"sub type {x} has final super type {xi}")
                _check_descriptor_sub(all_subs, st, x, xi, deftypes)  # type: ignore[arg-type]
                if not match_comptype(st.comp, sup.comp, deftypes):
                    raise InvalidError(f"sub type {x} does not match super type {xi}")
    return deftypes


def _check_descriptors(subs: Sequence[SubType], base: int) -> None:
    """Custom descriptors, "Custom Descriptor Definitions": ``describes`` and
    ``descriptor`` clauses name types of the same recursion group and agree
    with each other; a type describes only an earlier one, so no type is in
    its own descriptor chain.  Wording and order of the reference
    interpreter (``check_descriptors``)."""
    end = base + len(subs)
    for i, st in enumerate(subs):
        x = base + i
        y = st.describes
        if y is not None:
            _need(base <= y < end, "described type is outside rec group")  # type: ignore[operator]
            _need(
                subs[y - base].descriptor == x,  # type: ignore[operator]
                "described type is not described by descriptor",
            )
            _need(y < x, "forward use of described type")  # type: ignore[operator]
        z = st.descriptor
        if z is not None:
            _need(base <= z < end, "descriptor type is outside rec group")  # type: ignore[operator]
            _need(
                subs[z - base].describes == x,  # type: ignore[operator]
                "type is not described by its descriptor",
            )


def _check_descriptor_sub(
    subs: Sequence[SubType], st: SubType, x: int, xi: int, deftypes: list[DefType]
) -> None:
    """Custom descriptors: a declared supertype has a ``describes`` clause
    exactly when the sub type has one, naming a supertype of the sub type's
    described type; it may have a ``descriptor`` clause only if the sub type
    has one, naming a supertype of the sub type's descriptor type
    (reference interpreter: ``check_desctype_sub``)."""
    sup = subs[xi]
    if st.describes is not None and sup.describes is not None:
        if not match_heaptype(st.describes, sup.describes, deftypes):
            raise InvalidError(f"described type {st.describes} does not match {sup.describes}")
    elif (st.describes is None) != (sup.describes is None):
        raise InvalidError(f"sub type {x} does not match super type {xi}")
    if st.descriptor is not None and sup.descriptor is not None:
        if not match_heaptype(st.descriptor, sup.descriptor, deftypes):
            raise InvalidError(f"descriptor type {st.descriptor} does not match {sup.descriptor}")
    elif st.descriptor is None and sup.descriptor is not None:
        raise InvalidError(f"sub type {x} does not match super type {xi}")


def check_tag_type(ctx: Context, tt: TagType) -> FuncType:
    """3.0 spec 3.2.9 (Tag Types): a defined function type without results;
    return that function type (the tag's parameters are the payload)."""
    ft = func_type(ctx, tt.typeidx)
    _need(not ft.results, "non-empty tag result type")
    return ft


def _declared_refs(module: Module) -> frozenset[int]:
    """C.refs: function indices occurring outside function bodies (spec 3.4.10).

    They come from exports and from every constant expression (global
    initializers, element segments, offsets).
    """
    exprs: list[Expr] = [g.init for g in module.globals]
    exprs.extend(e for e in module.table_inits if e is not None)
    for elem in module.elems:
        exprs.extend(elem.init)
        if elem.offset is not None:
            exprs.append(elem.offset)
    exprs.extend(d.offset for d in module.datas if d.offset is not None)
    refs = {e.index for e in module.exports if e.kind == "func"}
    ref_func = _ref_func_opcodes()
    refs.update(instr[1] for expr in exprs for instr in expr if instr[0] in ref_func)
    return frozenset(refs)


_ref_funcs: tuple[int, frozenset[int]] = (-1, frozenset())


def _ref_func_opcodes() -> frozenset[int]:
    """The opcodes named ``ref.func`` in the instruction table (recomputed
    when the table grows): one set test per instruction in :func:`_declared_refs`
    (an element segment of ``n`` functions is ``n`` of them)."""
    global _ref_funcs
    if _ref_funcs[0] != len(OPCODES):
        ops = frozenset(op for op, info in OPCODES.items() if info.name == "ref.func")
        _ref_funcs = (len(OPCODES), ops)
    return _ref_funcs[1]


def _build_context(module: Module) -> Context:
    """Spec 3.4.11 (Modules): the context from imports and definitions."""
    types = module.types
    ctx = Context(types, [], [], [], [], [], 0, frozenset())
    ctx.deftypes = validate_types(module)
    funcs = ctx.funcs
    tables = ctx.tables
    mems = ctx.mems
    globals_ = ctx.globals
    typeidxs = ctx.func_typeidxs
    tags = ctx.tags
    for imp in module.imports:
        desc = imp.desc
        if imp.kind == "func":
            funcs.append(func_type(ctx, desc))  # type: ignore[arg-type]
            typeidxs.append(Exact(desc) if imp.exact else desc)  # type: ignore[arg-type]
        elif imp.kind == "table":
            check_table_type(ctx, desc)  # type: ignore[arg-type]
            tables.append(desc)  # type: ignore[arg-type]
        elif imp.kind == "memory":
            check_mem_type(desc)  # type: ignore[arg-type]
            mems.append(desc)  # type: ignore[arg-type]
        elif imp.kind == "tag":
            tags.append(check_tag_type(ctx, desc))  # type: ignore[arg-type]
        else:
            check_valtype(ctx, desc.valtype)  # type: ignore[union-attr]
            globals_.append(desc)  # type: ignore[arg-type]
    # the same few types, many functions: each distinct index checked once,
    # in the order of first use (so the first unknown one is reported)
    defined = [f.typeidx for f in module.funcs]
    known = {x: func_type(ctx, x) for x in dict.fromkeys(defined)}
    funcs.extend([known[x] for x in defined])
    # custom descriptors: a defined function has exactly its type
    exact = {x: Exact(x) for x in known}
    typeidxs.extend([exact[x] for x in defined])
    for tt in module.tables:
        check_table_type(ctx, tt)
        tables.append(tt)
    for mt in module.mems:
        check_mem_type(mt)
        mems.append(mt)
    # Multi-memory (WebAssembly 3.0) is supported: the 2.0 rule "at most one
    # memory" (spec 2.0, 3.4.10 "Modules") is lifted, memory indices are checked
    # per instruction instead.
    tags.extend(check_tag_type(ctx, t) for t in module.tags)
    for g in module.globals:
        check_valtype(ctx, g.type.valtype)
        globals_.append(g.type)
    ctx.elems = [e.type for e in module.elems]
    ctx.datas = module.data_count if module.data_count is not None else 0
    ctx.refs = _declared_refs(module)
    return ctx


def validate_module(module: Module, features: Features | None = None) -> None:
    """Validate a decoded module (spec 3.4.10); raise :class:`InvalidError`.

    The order of the checks follows the reference interpreter, so that a
    module with several faults reports the same one.  With ``features``
    that disable a supported proposal, a module using it is refused first
    (:class:`~interp.features.FeatureDisabled`, an ``InvalidError``).
    ``None`` checks no switch: a module using a proposal that is off by
    default (legacy exceptions, threads, ...) validates here and is refused
    when a default :class:`~interp.runtime.Store` instantiates it; pass the
    store's ``Features()`` to get that verdict now.
    """
    check_module(module, features)
    ctx = _build_context(module)
    # custom descriptors relax a 3.0 rule, so only when asked for: off by
    # default (as in wasmtime), and ``None`` means the default set here
    ctx.relaxed_casts = features is not None and "custom_descriptors" in features
    all_globals = len(ctx.globals)
    n_imported_globals = all_globals - len(module.globals)
    # tables before globals, as in the reference interpreter's check_module: a
    # table's initializer (3.0) sees the imported globals only
    for i, tt in enumerate(module.tables):
        init = module.table_inits[i] if i < len(module.table_inits) else None
        if init is not None:
            validate_const_expr(ctx, init, tt.elemtype, n_imported_globals)
        elif not defaultable(tt.elemtype):
            # without an initializer a table is filled with null (3.0 spec 3.4.3)
            raise InvalidError(f"type mismatch: table of {tt.elemtype} needs an initializer")
    for i, glob in enumerate(module.globals):
        validate_const_expr(ctx, glob.init, glob.type.valtype, n_imported_globals + i)
    for elem in module.elems:
        if not isinstance(elem.type, RefType):
            raise InvalidError(f"type mismatch: element segment of {elem.type}")
        check_valtype(ctx, elem.type)
        if elem.mode == "active":
            table = check_table(ctx, elem.table)
            _need(elem.offset is not None, "type mismatch: active segment without offset")
            # the offset has the table's address type (spec 3.4.6, table64)
            at = table.limits.addrtype
            validate_const_expr(ctx, elem.offset, at, all_globals)  # type: ignore[arg-type]
            _need(
                match_reftype(elem.type, table.elemtype, ctx.deftypes),  # type: ignore[arg-type]
                "type mismatch: element segment and table types",
            )
        if _function_indices_ok(ctx, elem.init, elem.type):
            continue
        for init in elem.init:
            validate_const_expr(ctx, init, elem.type, all_globals)
    for data in module.datas:
        if data.mode == "active":
            check_memory(ctx, data.memory)
            _need(data.offset is not None, "type mismatch: active segment without offset")
            # the offset has the memory's address type (spec 3.4.7, memory64)
            at = ctx.mems[data.memory].limits.addrtype
            validate_const_expr(ctx, data.offset, at, all_globals)  # type: ignore[arg-type]
    n_imported_funcs = len(ctx.funcs) - len(module.funcs)
    # bodies the decoder validated in its fused pass (interp.prevalidate), in
    # this very context and unchanged since, are not checked again
    key: object = None
    known_valid: object = None
    for i, func in enumerate(module.funcs):
        funcidx = n_imported_funcs + i
        prevalid = getattr(func, "prevalidated", None)
        if prevalid is not None:
            if prevalid is known_valid:
                continue
            if key is None:
                from .prevalidate import context_key

                key = context_key(module)
            if prevalid == key:
                known_valid = prevalid
                continue
        try:
            validate_func_body(ctx, ctx.funcs[funcidx], func.locals, func.body)
        except InvalidError as exc:
            raise InvalidError(f"{exc.message} in function {funcidx}") from None
    if module.start is not None:
        if not (0 <= module.start < len(ctx.funcs)):
            raise InvalidError(f"unknown function {module.start}")
        start = ctx.funcs[module.start]
        _need(not start.params and not start.results, "start function must have type [] -> []")
    _validate_exports(ctx, module)


_EXPORT_SPACES = {
    "func": "funcs",
    "table": "tables",
    "memory": "mems",
    "global": "globals",
    "tag": "tags",
}
_EXPORT_NAMES = {
    "func": "function",
    "table": "table",
    "memory": "memory",
    "global": "global",
    "tag": "tag",
}


def _validate_exports(ctx: Context, module: Module) -> None:
    """Spec 3.4.8 / 3.4.10: indices exist and export names are unique."""
    seen: set[str] = set()
    for export in module.exports:
        space = getattr(ctx, _EXPORT_SPACES[export.kind])
        idx = export.index
        if not (0 <= idx < len(space)):
            raise InvalidError(f"unknown {_EXPORT_NAMES[export.kind]} {idx}")
        if not (export.name not in seen):
            raise InvalidError(f"duplicate export name {export.name!r}")
        seen.add(export.name)
