"""Exception handling (WebAssembly 3.0): ``throw``, ``throw_ref``, ``try_table``.

Like :mod:`interp.wide`, this module is an instruction family as data
(:data:`FAMILY`, built into the dispatch tables by :mod:`interp.families`):

* the three instructions and the readers of their immediates (a tag index; a
  block type plus a vector of catch clauses, 3.0 spec 5.4.1);
* their typing rules (3.0 spec 3.3.8.*);
* code generation, including the handler of ``end`` (which closes a
  ``try_table``; a frame whose ``Ctl.ext`` has an ``end`` -- a legacy
  ``try``'s handlers, :mod:`interp.legacy_exceptions` -- closes itself; it
  calls the core's for every other block) and the flat mode's function-wide
  exception handler, whose walk legacy ``try`` frames join with their own
  entries (``Ctl.ext.flat_handler``).  A ``try_table`` that a legacy
  ``delegate`` targets also catches its ``Delegated`` in structured mode.

An exception is a :class:`~interp.runtime.WasmException`, a Python exception
that is also the ``exnref`` value.  ``throw`` raises it; ``try_table``
becomes a Python ``try``/``except WasmException`` whose handler tests the
catch clauses in order and branches like ``br`` (3.0 spec 4.4.8.*,
"throw_ref": the first matching clause wins; no match rethrows).

Compile modes (see :mod:`interp.compile`):

* structured: ``try:`` around the body (a ``try`` is a static block of
  CPython's compiler: counted with the Python loops against MAX_PY_LOOPS),
  the handler after it, at the nesting of the code around the
  ``try_table``, so that a catch's branch is an ordinary ``br``;
* flat: the basic-block loop is wrapped once in ``try``; the variable
  ``_tt`` holds the innermost active ``try_table`` (set on entry, on the
  fall-through exit and by every jump), and the handler walks outwards
  from it, then jumps by setting ``pc``.
"""

from __future__ import annotations

from typing import Any

from . import binary
from . import compile as _compile
from . import validate as _validate
from .errors import InvalidError, Trap, TrapCode
from .match import match_resulttype
from .opcodes import Family, parse_table
from .runtime import WasmException
from .types import EXN_NONNULL, EXNREF, Instr, ValType

# fmt: off
_TABLE = """
0x08 throw                      tag -                        exceptions
0x0A throw_ref                  - -                          exceptions traps
0x1F try_table                  try_table -                  exceptions branch
"""
# fmt: on

CATCH, CATCH_REF, CATCH_ALL, CATCH_ALL_REF = 0, 1, 2, 3
"""Catch clause kinds, numbered as in the binary format (3.0 spec 5.4.1)."""

# -- decoding ------------------------------------------------------------------


def _imm_tag(data: bytes, pos: int) -> tuple[tuple, int]:
    x, pos = binary._u32(data, pos)
    return (x,), pos


def _imm_try_table(data: bytes, pos: int) -> tuple[tuple, int]:
    """``blocktype vec(catch)``; a catch decodes to ``(kind, tagidx | None, label)``."""
    (bt,), pos = binary._imm_blocktype(data, pos)
    n, pos = binary._len32(data, pos)
    catches = []
    for _ in range(n):
        kind = binary._byte(data, pos)
        pos += 1
        tag = None
        if kind in (CATCH, CATCH_REF):
            tag, pos = binary._u32(data, pos)
        elif kind not in (CATCH_ALL, CATCH_ALL_REF):
            raise binary._fail("malformed catch clause", pos - 1)
        label, pos = binary._u32(data, pos)
        catches.append((kind, tag, label))
    return (bt, tuple(catches)), pos


# -- validation ----------------------------------------------------------------


def _tag_params(ctx: _validate.Context, x: int) -> tuple[ValType, ...]:
    if not 0 <= x < len(ctx.tags):
        raise InvalidError(f"unknown tag {x}")
    return ctx.tags[x].params


def _imm_check_tag(ctx: _validate.Context, instr: Instr, info: Any) -> None:
    _tag_params(ctx, instr[1])


def _imm_check_try_table(ctx: _validate.Context, instr: Instr, info: Any) -> None:
    bt = instr[1]
    if isinstance(bt, int) and not 0 <= bt < len(ctx.types):
        raise InvalidError(f"unknown type {bt}")
    for _kind, tag, _label in instr[2]:
        if tag is not None:
            _tag_params(ctx, tag)


def r_throw(v: Any, instr: Instr) -> None:
    v.pop_vals(_tag_params(v.ctx, instr[1]))
    v.set_unreachable()


def r_throw_ref(v: Any, instr: Instr) -> None:
    v.pop_expect(EXNREF)
    v.set_unreachable()


def r_try_table(v: Any, instr: Instr) -> None:
    """3.0 spec 3.3.8 "try_table": each catch's values match its label's
    types, the labels counted from outside the ``try_table``."""
    ft = v.block_type(instr[1])
    for kind, tag, label in instr[2]:
        sent: tuple[ValType, ...] = _tag_params(v.ctx, tag) if tag is not None else ()
        if kind in (CATCH_REF, CATCH_ALL_REF):
            sent = (*sent, EXN_NONNULL)  # (ref exn): never null
        if not match_resulttype(sent, v.label(label).label_types(), v.ctx.deftypes):
            raise InvalidError("type mismatch: catch handler's values do not match its label")
    v.pop_vals(ft.params)
    v.push_ctrl("try_table", ft.params, ft.results)


# -- execution helpers (names of the generated code's namespace) ----------------


def throw_ref(exn: Any) -> WasmException:
    """The exception a ``throw_ref`` rethrows (3.0 spec 4.4.8 "throw_ref")."""
    if exn is None:
        raise Trap(TrapCode.NULL_EXCEPTION_REFERENCE)
    assert isinstance(exn, WasmException)
    return exn.with_traceback(None)  # a fresh unwinding, not the old frames


# -- code generation ---------------------------------------------------------------


def h_throw(c: Any, ins: tuple, i: int, dead: bool) -> bool:
    n = len(c.module_tag_types[ins[1]].params)
    args = c.popn(n)
    vals = "".join(f"{a.expr}, " for a in args)
    c.emit(f"raise WasmException(TAGS[{ins[1]}], ({vals}))")
    return True


def h_throw_ref(c: Any, ins: tuple, i: int, dead: bool) -> bool:
    c.emit(f"raise throw_ref({c.pop().expr})")
    return True


def _catch_values(c: Any, kind: int, tag: int | None, xname: str) -> list[str]:
    vals = []
    if tag is not None:
        n = len(c.module_tag_types[tag].params)
        vals = [f"{xname}.values[{k}]" for k in range(n)]
    if kind in (CATCH_REF, CATCH_ALL_REF):
        vals.append(xname)
    return vals


def h_try_table(c: Any, ins: tuple, i: int, dead: bool) -> bool:
    c.flush_all()
    p, r = c.block_sig(ins[1])
    ctl = _compile.Ctl("try_table", len(c.stack) - p, p, r, i in c.targeted)
    # the catch targets, resolved now: labels count from outside the try_table
    targets = []
    for kind, tag, label in ins[2]:
        target = c.ctls[-1 - label]
        target.branched = True  # a catch reaches the target's end
        context = c.try_context(target) if c.flat else 0
        targets.append((kind, tag, label, target, context))
    ctl.catches = targets
    c.ctls.append(ctl)
    if c.flat:
        enter_flat_try(c, ctl)
        if ctl.py:
            ctl.label_end = c.new_label()
    else:
        open_python_try(c, ctl)
        if ctl.py:
            c.open_py_loop(ctl)
    c.open_segment()
    return False


def enter_flat_try(c: Any, ctl: Any) -> int:
    """Flat mode: give a catching block its number in the function's
    exception wrapper and make it the current one (``_tt``); legacy ``try``
    uses it too (:mod:`interp.legacy_exceptions`)."""
    c.tries.append((ctl, c.cur_try))
    ctl.try_id = len(c.tries)
    c.cur_try = ctl.try_id
    c.emit(f"_tt = {ctl.try_id}")
    return int(ctl.try_id)


def leave_flat_try(c: Any, try_id: int, dead: bool) -> None:
    """Flat mode: the catching block numbered ``try_id`` is left, its
    enclosing one is current again (``_tt``, set on a live path only);
    :func:`enter_flat_try`'s counterpart, the legacy ``try`` uses it too."""
    parent = c.tries[try_id - 1][1]
    if not dead:
        c.emit(f"_tt = {parent}")
    c.cur_try = parent


def open_python_try(c: Any, ctl: Any) -> None:
    """Structured mode: open a Python ``try`` (it counts against CPython's
    static-block limit, with the loops: MAX_PY_LOOPS)."""
    c.ntry += 1
    if c.pydepth + c.ntry > _compile.MAX_PY_LOOPS:
        raise _compile._TooDeep
    c.emit("try:")
    c.indent()
    ctl.body_start = len(c.lines)


_plain_end = _compile.FunctionCompiler.h_end


def h_end(c: Any, ins: tuple, i: int, dead: bool) -> bool:
    ctl = c.ctls[-1]
    own_end = getattr(ctl.ext, "end", None)
    if own_end is not None:  # a construct that closes itself (a legacy try's handlers)
        return bool(own_end(c, ins, i, dead))
    if ctl.kind != "try_table":
        return _plain_end(c, ins, i, dead)
    ctl.kind = "block"  # its own label: the end, as a block's
    if c.flat:
        leave_flat_try(c, ctl.try_id, dead)
        return _plain_end(c, ins, i, dead)
    after_dead = _plain_end(c, ins, i, dead)
    if len(c.lines) == ctl.body_start:
        c.emit("pass")
    c.dedent()
    c.ntry -= 1
    x = f"_x{c.ntry}"
    c.emit(f"except WasmException as {x}:")
    c.indent()
    _emit_catches(c, ctl, x)
    c.emit("raise")
    c.dedent()
    deleg_id = getattr(ctl.ext, "deleg_id", 0)
    if deleg_id:  # the target of a legacy ``delegate`` (interp.legacy_exceptions)
        c.emit(f"except Delegated as {x}:")
        c.indent()
        c.emit(f"if {x}.target != {deleg_id}:")
        c.emit(" raise")
        c.emit(f"{x} = undelegate({x})")
        _emit_catches(c, ctl, x)
        c.emit(f"raise {x}")
        c.dedent()
    return after_dead


def _emit_catches(c: Any, ctl: Any, x: str) -> None:
    """Structured mode: the catch clauses of a ``try_table``, tested in order."""
    saved = c.stack
    for kind, tag, label, _target, _context in ctl.catches:
        c.stack = saved[: ctl.height]
        for v in _catch_values(c, kind, tag, x):
            c.push(v)
        if tag is not None:
            c.emit(f"if {x}.tag is TAGS[{tag}]:")
            c.indent()
            c.branch(label)
            c.dedent()
        else:
            c.branch(label)
    c.stack = saved


def flat_handler(c: Any) -> None:
    """Flat mode: the ``except`` clause of the wrapper (see the module docstring)."""
    c.emit("except WasmException as _x:")
    c.indent()
    c.emit("while True:")
    c.indent()
    for ctl, parent in c.tries:
        legacy = getattr(ctl.ext, "flat_handler", None)
        if legacy is not None:  # a legacy ``try`` (interp.legacy_exceptions)
            legacy(c, ctl, parent)
            continue
        c.emit(f"if _tt == {ctl.try_id}:")
        c.indent()
        c.emit(f"_tt = {parent}")
        for kind, tag, _label, target, context in ctl.catches:
            vals = _catch_values(c, kind, tag, "_x")
            if tag is not None:
                c.emit(f"if _x.tag is TAGS[{tag}]:")
                c.indent()
            if target.kind == "func":
                if not vals:
                    c.emit("return")
                elif len(vals) == 1:
                    c.emit(f"return {vals[0]}")
                else:
                    c.emit(f"return ({', '.join(vals)})")
            else:
                dst = [f"s{target.height + k}" for k in range(len(vals))]
                if vals:
                    c.emit(f"{', '.join(dst)} = {', '.join(vals)}")
                label = target.label_start if target.kind == "loop" else target.label_end
                c.emit(f"_tt = {context}")
                c.emit(f"pc = @L{label}@")
                c.emit("break")
            if tag is not None:
                c.dedent()
        c.emit("continue")
        c.dedent()
    c.emit("raise")
    c.dedent()
    c.dedent()


def _try_table_labels(instr: tuple) -> tuple[int, ...]:
    """A ``try_table``'s branch targets: its catch clauses' labels (counted from outside it)."""
    return tuple(label for _k, _t, label in instr[2])


_BRANCH_LABELS = {"try_table": _try_table_labels}

FAMILY = Family(
    "exceptions",
    parse_table(_TABLE, branch_kinds=_BRANCH_LABELS),
    immediates={"tag": _imm_tag, "try_table": _imm_try_table},
    immediate_checks={"tag": _imm_check_tag, "try_table": _imm_check_try_table},
    rules={"throw": r_throw, "throw_ref": r_throw_ref, "try_table": r_try_table},
    handlers={"throw": h_throw, "throw_ref": h_throw_ref, "try_table": h_try_table, "end": h_end},
    namespace={"WasmException": WasmException, "throw_ref": throw_ref},
    branch_labels=_BRANCH_LABELS,
    block_openers=frozenset({"try_table"}),
    catching=frozenset({"try_table"}),
    flat_except=flat_handler,
    replaces=frozenset({"end"}),  # h_end closes a try_table, else the core's end
)
"""Exception handling as data for :mod:`interp.families`."""
