"""Hypothesis strategies that build *valid* modules by construction.

smith explores breadth; these aim at shapes smith rarely hits together:
nested blocks/ifs carrying values, ``br_if`` out of value-carrying blocks,
locals (``local.tee``), calls between generated functions, loads and stores
around a small memory, ``select``.  Every function terminates: loops never
branch back and functions call only lower-numbered functions.

Public API::

    from fuzz.strategies import modules, GeneratedModule
    @given(modules())
    def test_something(m: GeneratedModule): m.wasm, m.exports  # [(name, params, results)]

Generation is type-directed: :func:`expr` produces instruction bytes that
leave exactly one value of the requested type on the stack.
"""

from __future__ import annotations

from dataclasses import dataclass

from hypothesis import strategies as st

from interp.opcodes import BY_NAME

from .values import EDGES
from .wasmenc import Function, ModuleBuilder, opcode, sleb, uleb

NUM = ("i32", "i64", "f32", "f64")
MEM_PAGES = 1

# unary/binary numeric instructions by result type, from the shared opcode table
_OPS_BY_RESULT: dict[str, list[str]] = {t: [] for t in NUM}
for _info in BY_NAME.values():
    _params, _results = _info.params or (), _info.results or ()
    _plain = _info.imm == "" and _params and len(_results) == 1
    if _plain and set(_params) | set(_results) <= set(NUM):
        _OPS_BY_RESULT[_results[0]].append(_info.name)
for _ops in _OPS_BY_RESULT.values():
    _ops.sort()

# Helper functions 0 and 1 canonicalize NaNs (as smith's --canonicalize-nans
# does), so results stay bit-comparable: select(canonical NaN, x, x != x).
_CANON = {"f32": 0, "f64": 1}
_HELPERS = [
    Function(("f32",), ("f32",), b"\x43\x00\x00\xc0\x7f\x20\x00\x20\x00\x20\x00\x5c\x1b"),
    Function(
        ("f64",),
        ("f64",),
        b"\x44" + (0x7FF8 << 48).to_bytes(8, "little") + b"\x20\x00\x20\x00\x20\x00\x62\x1b",
    ),
]
ARITHMETIC_FLOAT = {
    "add",
    "sub",
    "mul",
    "div",
    "sqrt",
    "min",
    "max",
    "ceil",
    "floor",
    "trunc",
    "nearest",
    "demote_f64",
    "promote_f32",
}

_LOAD = {"i32": "i32.load", "i64": "i64.load", "f32": "f32.load", "f64": "f64.load"}
_STORE = {"i32": "i32.store", "i64": "i64.store", "f32": "f32.store", "f64": "f64.store"}
_BLOCKTYPE = {"i32": 0x7F, "i64": 0x7E, "f32": 0x7D, "f64": 0x7C}


def _op(name: str) -> bytes:
    return opcode(BY_NAME[name].code)


def const(t: str, bits: int) -> bytes:
    if t == "i32":
        return b"\x41" + sleb(bits - (1 << 32) if bits >= 1 << 31 else bits)
    if t == "i64":
        return b"\x42" + sleb(bits - (1 << 64) if bits >= 1 << 63 else bits)
    if t == "f32":
        return b"\x43" + bits.to_bytes(4, "little")
    return b"\x44" + bits.to_bytes(8, "little")


@dataclass(frozen=True)
class Ctx:
    """What an expression may refer to: locals (params first) and earlier functions."""

    locals: tuple[str, ...]
    funcs: tuple[tuple[tuple[str, ...], tuple[str, ...]], ...]  # signatures of callable functions
    depth: int


@st.composite
def expr(draw: st.DrawFn, t: str, ctx: Ctx) -> bytes:
    """Instruction bytes leaving one value of type ``t``."""
    leaf = ctx.depth <= 0
    kinds = (
        ["const", "local"]
        if leaf
        else [
            "const",
            "local",
            "op",
            "op",
            "block",
            "if",
            "br_if",
            "call",
            "load",
            "tee",
            "select",
            "loop",
        ]
    )
    kind = draw(st.sampled_from(kinds))
    sub = Ctx(ctx.locals, ctx.funcs, ctx.depth - 1)
    if kind == "local":
        idx = [i for i, lt in enumerate(ctx.locals) if lt == t]
        if idx:
            return b"\x20" + uleb(draw(st.sampled_from(idx)))
        kind = "const"
    if kind == "const":
        bits = draw(
            st.one_of(
                st.sampled_from(EDGES[t]),
                st.integers(0, (1 << (32 if t in ("i32", "f32") else 64)) - 1),
            )
        )
        return const(t, bits)
    if kind == "op":
        name = draw(st.sampled_from(_OPS_BY_RESULT[t]))
        params = BY_NAME[name].params or ()
        code = b"".join(draw(expr(p, sub)) for p in params) + _op(name)
        if t in _CANON and name.split(".")[1] in ARITHMETIC_FLOAT:
            code += b"\x10" + uleb(_CANON[t])  # NaN bits are nondeterministic: canonicalize
        return code
    bt = bytes([_BLOCKTYPE[t]])
    if kind == "block":
        stmts = draw(st.lists(stmt(sub), max_size=2))
        return b"\x02" + bt + b"".join(stmts) + draw(expr(t, sub)) + b"\x0b"
    if kind == "loop":  # no back edge: runs once
        return b"\x03" + bt + draw(expr(t, sub)) + b"\x0b"
    if kind == "if":
        return (
            draw(expr("i32", sub))
            + b"\x04"
            + bt
            + draw(expr(t, sub))
            + b"\x05"
            + draw(expr(t, sub))
            + b"\x0b"
        )
    if kind == "br_if":  # block (result t) v cond br_if 0 drop v' end
        return (
            b"\x02"
            + bt
            + draw(expr(t, sub))
            + draw(expr("i32", sub))
            + b"\x0d\x00\x1a"
            + draw(expr(t, sub))
            + b"\x0b"
        )
    if kind == "select":
        return draw(expr(t, sub)) + draw(expr(t, sub)) + draw(expr("i32", sub)) + b"\x1b"
    if kind == "tee":
        idx = [i for i, lt in enumerate(ctx.locals) if lt == t]
        if idx:
            return draw(expr(t, sub)) + b"\x22" + uleb(draw(st.sampled_from(idx)))
        return draw(expr(t, sub))
    if kind == "load":
        return (
            draw(address(sub))
            + _op(_LOAD[t])
            + uleb(0)
            + uleb(draw(st.sampled_from([0, 1, 4, 65535])))
        )
    # call: a callable function returning t, else a constant
    callees = [i for i, (_, res) in enumerate(ctx.funcs) if res == (t,)]
    if not callees:
        return draw(expr(t, sub))
    i = draw(st.sampled_from(callees))
    return b"".join(draw(expr(p, sub)) for p in ctx.funcs[i][0]) + b"\x10" + uleb(i + len(_HELPERS))


@st.composite
def address(draw: st.DrawFn, ctx: Ctx) -> bytes:
    """An i32 address, mostly in bounds of the one-page memory."""
    if draw(st.integers(0, 4)) == 0:
        return draw(expr("i32", ctx))
    return const("i32", draw(st.integers(0, MEM_PAGES * 65536 - 8)))


@st.composite
def stmt(draw: st.DrawFn, ctx: Ctx) -> bytes:
    """Instruction bytes with no net stack effect."""
    kind = draw(st.sampled_from(["store", "set", "drop"]))
    t = draw(st.sampled_from(NUM))
    if kind == "store":
        return (
            draw(address(ctx))
            + draw(expr(t, ctx))
            + _op(_STORE[t])
            + uleb(0)
            + uleb(draw(st.sampled_from([0, 2, 8])))
        )
    idx = [i for i, lt in enumerate(ctx.locals) if lt == t]
    if kind == "set" and idx:
        return draw(expr(t, ctx)) + b"\x21" + uleb(draw(st.sampled_from(idx)))
    return draw(expr(t, ctx)) + b"\x1a"


@dataclass(frozen=True)
class GeneratedModule:
    wasm: bytes
    exports: tuple[tuple[str, tuple[str, ...], tuple[str, ...]], ...]


@st.composite
def modules(draw: st.DrawFn, max_funcs: int = 4, max_depth: int = 4) -> GeneratedModule:
    """A valid module: 1..max_funcs exported functions and a one-page memory ``mem``."""
    funcs: list[Function] = list(_HELPERS)
    sigs: list[tuple[tuple[str, ...], tuple[str, ...]]] = []
    for i in range(draw(st.integers(1, max_funcs))):
        params = tuple(draw(st.lists(st.sampled_from(NUM), max_size=3)))
        results = (draw(st.sampled_from(NUM)),)
        extra = draw(st.lists(st.sampled_from(NUM), max_size=3))
        ctx = Ctx(params + tuple(extra), tuple(sigs), draw(st.integers(1, max_depth)))
        body = b"".join(draw(st.lists(stmt(ctx), max_size=3))) + draw(expr(results[0], ctx))
        funcs.append(Function(params, results, body, locals=extra, export=f"f{i}"))
        sigs.append((params, results))
    wasm = ModuleBuilder(funcs, memory=(MEM_PAGES, MEM_PAGES), export_memory="mem").encode()
    return GeneratedModule(wasm, tuple((f.export, f.params, f.results) for f in funcs if f.export))


__all__ = ["Ctx", "GeneratedModule", "address", "const", "expr", "modules", "stmt"]
