"""Legacy exception handling: ``try``, ``catch``, ``catch_all``, ``delegate``, ``rethrow``.

The instructions of the exception-handling proposal before ``exnref``
(``/work/shared/wasm-proposals/legacy-exceptions.md``, "the legacy
proposal"), still used by toolchains and tested by the suite's ``legacy/``.
They are off by default, as in wasmtime: the feature ``legacy_exceptions``
(:mod:`interp.features`).  The tags, ``throw`` and the exception object
(:class:`~interp.runtime.WasmException`) are those of
:mod:`interp.exceptions`; this module is an instruction family as data in
the same way (:data:`FAMILY`, built by :mod:`interp.families`):

* its rows of the instruction table and their decoding: ``try bt`` opens a
  block; ``catch x`` / ``catch_all`` start its handlers, as ``else`` does,
  and ``end`` closes it -- or ``delegate l`` instead of ``end`` (a
  try-delegate has no handlers): ``Family.block_markers``, so the body stays
  a flat list;
* typing with label kinds (overview, "Try-catch blocks"; legacy spec 3.3
  ``try``/``rethrow``): the handlers' labels are *catch* labels, the only
  ones ``rethrow`` may name;
* code generation, and the flat mode's entries of the exception wrapper of
  :mod:`interp.exceptions`.  The end of a ``try``'s handlers is its frame's
  own (``Ctl.ext.end``, called by the exceptions family's ``end``).

Semantics (overview sections cited by name):

* "Throwing an exception": handlers are tried in order, ``catch x`` pushes
  the exception's values, ``catch_all`` none; no match propagates the
  exception.  Code in a handler is not in the try's body: its exceptions go
  to the handlers outside the ``try``.
* "Rethrowing an exception": ``rethrow l`` throws again the exception caught
  by the handler whose ``try`` is label ``l``.
* "Try-delegate blocks": ``delegate l`` hands an exception of its body to
  label ``l`` (counted from outside the ``try``): it is thrown anew *inside*
  that construct, so the handlers between are skipped; the target's own
  handlers apply only if the delegate sits in its body (not in one of its
  handlers), and ``l`` = the function's label hands it to the caller.

Compile modes (see :mod:`interp.compile`):

* structured: a ``try`` with handlers is a Python ``try`` around the body
  (a static block, counted against MAX_PY_LOOPS while the body is open)
  whose ``except WasmException`` only stores the exception (after filtering
  the tags when there is no ``catch_all``) in ``_c<n>``; the handlers follow
  the ``try`` statement as an ``if``/``elif`` chain, outside the Python
  ``try``, as the rule above wants.  A ``delegate`` that skips handlers
  raises :class:`Delegated` (which no ``except WasmException`` catches)
  with its target's number; the target's ``try`` statement has an
  ``except Delegated`` clause, the function (target = caller) one too.
* flat: the exception wrapper of :mod:`interp.exceptions` walks the active
  handlers from ``_tt`` outwards; a ``try``'s entry stores the exception,
  assigns the values to the slots and jumps to the handler's basic block; a
  ``delegate``'s entry continues the walk at its target.

A ``try`` without handlers, or whose ``delegate`` goes where the exception
would go anyway, is compiled as a plain ``block``.
"""

from __future__ import annotations

from typing import Any

from . import binary
from . import compile as _compile
from . import exceptions as _exceptions  # tags, throw, the exception wrapper
from .errors import InvalidError
from .exceptions import enter_flat_try, leave_flat_try, open_python_try
from .opcodes import Family, parse_table
from .runtime import WasmException
from .types import Instr

# fmt: off
_TABLE = """
0x06 try                        block -                      legacy_exceptions
0x07 catch                      tag -                        legacy_exceptions
0x19 catch_all                  - -                          legacy_exceptions
0x18 delegate                   exn_label -                  legacy_exceptions
0x09 rethrow                    exn_label -                  legacy_exceptions
"""
# fmt: on
# ``exn_label``: a label that says where an exception goes (delegate) or
# which caught exception is meant (rethrow); no control reaches the label, so
# these are not ``branch`` instructions.

TRY, CATCH, CATCH_ALL, DELEGATE, RETHROW = 0x06, 0x07, 0x19, 0x18, 0x09


class Delegated(Exception):
    """Structured mode: an exception a ``delegate`` hands to handler ``target``.

    Never a :class:`WasmException`, so the ``except WasmException`` clauses
    of the handlers it must skip let it pass; it never leaves the function
    that raised it (the target, or the function-level clause for the caller,
    turns it back into the exception with :func:`undelegate`).
    """

    def __init__(self, exc: WasmException, target: int) -> None:
        super().__init__("delegated exception")
        self.exc: WasmException | None = exc
        self.target = target


def undelegate(d: Delegated) -> WasmException:
    """The exception a :class:`Delegated` carries (the links between the two
    are cut, so that re-raising it makes no reference cycle)."""
    exc = d.exc
    assert exc is not None
    d.exc = None
    d.__context__ = None
    return exc


# -- validation (legacy spec 3.3, "try", "rethrow") -----------------------------------


def r_try(v: Any, instr: Instr) -> None:
    ft = v.block_type(instr[1])
    v.pop_vals(ft.params)
    v.push_ctrl("try", ft.params, ft.results)


def _end_part(v: Any, name: str) -> Any:
    """Close the try's body or previous handler; the frame closed."""
    if v.ctrls[-1].kind not in ("try", "catch"):
        raise InvalidError(f"{name} without matching try")
    return v.pop_ctrl()


def r_catch(v: Any, instr: Instr) -> None:
    """``catch x``: a handler of type [t*] -> [t2*], t* the tag's values,
    under a catch label of the try's results."""
    params = _exceptions._tag_params(v.ctx, instr[1])
    frame = _end_part(v, "catch")
    v.push_ctrl("catch", params, frame.end_types)


def r_catch_all(v: Any, instr: Instr) -> None:
    frame = _end_part(v, "catch_all")
    v.push_ctrl("catch_all", (), frame.end_types)


def r_delegate(v: Any, instr: Instr) -> None:
    """``delegate l``: l is any label of the context *outside* the try."""
    if v.ctrls[-1].kind != "try":
        raise InvalidError("delegate without matching try")
    frame = v.pop_ctrl()
    v.label(instr[1])  # "unknown label"
    v.push_vals(frame.end_types)


def r_rethrow(v: Any, instr: Instr) -> None:
    """``rethrow l``: label l must be a catch label (stack-polymorphic)."""
    if v.label(instr[1]).kind not in ("catch", "catch_all"):
        raise InvalidError("invalid rethrow label")
    v.set_unreachable()


# -- code generation -----------------------------------------------------------------


class _TryInfo:
    """What the body says about one ``try`` (found by :func:`scan`)."""

    __slots__ = ("catch_all", "delegate", "tags")

    def __init__(self) -> None:
        self.tags: list[int] = []  # the tags of its ``catch`` handlers, in order
        self.catch_all = False
        self.delegate: int | None = None  # the label of its ``delegate``


def scan(body: list[tuple]) -> dict[int, _TryInfo]:
    """Index of each ``try`` in ``body`` -> its handlers or delegate (one pass)."""
    out: dict[int, _TryInfo] = {}
    stack: list[_TryInfo | None] = []
    openers = _compile.BLOCK_OPENERS
    end = _compile.OP["end"]
    for i, ins in enumerate(body):
        op = ins[0]
        if op in openers:
            info = None
            if op == TRY:
                info = out[i] = _TryInfo()
            stack.append(info)
        elif op in (end, DELEGATE):
            info = stack.pop() if stack else None
            if op == DELEGATE and info is not None:
                info.delegate = ins[1]
        elif op in (CATCH, CATCH_ALL) and stack:
            info = stack[-1]
            if info is not None:  # the decoder allows them nowhere else
                if op == CATCH:
                    info.tags.append(ins[1])
                else:
                    info.catch_all = True
    return out


class _Try:
    """The compiler's state of one ``try`` with handlers or a real delegate
    (:attr:`interp.compile.Ctl.ext`); also marks a ``try_table`` that is a
    delegate's target (``deleg_id`` only)."""

    __slots__ = (
        "clauses",
        "deleg_id",
        "end",
        "flat_handler",
        "flat_target",
        "handler_id",
        "info",
        "nest",
        "target",
        "var",
    )

    def __init__(self, info: _TryInfo | None, var: str = "") -> None:
        self.info = info
        self.var = var  # structured and flat: the variable of the caught exception
        self.deleg_id = 0  # structured: its number as a delegate's target (0: none)
        self.target: Any = None  # structured, try-delegate: the target Ctl (None: caller)
        self.nest = 0  # structured: the if-levels the handlers sit in
        self.handler_id = 0  # flat: its number in the handler walk (the value of _tt)
        # try-delegate: the handler number of its target (0: the caller), in
        # flat mode where the walk continues, in structured mode its Delegated's
        self.flat_target = 0
        self.clauses: list[tuple[int | None, int]] = []  # flat: (tag or None, label)
        self.flat_handler: Any = None  # flat: emits its entry of the handler walk
        self.end: Any = None  # the code generator of the ``end`` of its handlers


class _State:
    """Per function: the scan of the body and the numbers handed out."""

    __slots__ = ("count", "scan", "to_caller")

    def __init__(self, body: list[tuple]) -> None:
        self.scan = scan(body)
        self.count = 0
        self.to_caller = False

    def next(self) -> int:
        self.count += 1
        return self.count


def _state(c: Any) -> _State:
    st = c.__dict__.get("_legacy")
    if st is None:
        st = c._legacy = _State(c.func.body)
    return st  # type: ignore[no-any-return]


def _resolve(c: Any, depth: int) -> Any:
    """Structured mode: the handler construct an exception thrown inside label
    ``depth`` reaches first (a Ctl), or None for the caller.

    Only constructs whose handlers are active count: a ``try_table``, a
    legacy ``try`` in its body, a try-delegate (which passes it on to its own
    target).  A ``try`` in one of its handlers, blocks and loops let it pass.
    """
    for ctl in reversed(c.ctls[: len(c.ctls) - depth]):
        if ctl.kind in ("try_table", "try"):
            return ctl
        if ctl.kind == "try_delegate":
            return ctl.ext.target
    return None


def _resolve_flat(c: Any, depth: int) -> int:
    """Flat mode: the same, as the handler number of the walk (0: the caller)."""
    for ctl in reversed(c.ctls[: len(c.ctls) - depth]):
        if ctl.try_id:
            return int(ctl.try_id)
    return 0


def _deleg_id(c: Any, target: Any) -> int:
    """Structured mode: the number of a delegate's target (given on first use)."""
    if target.ext is None:  # a try_table
        target.ext = _Try(None)
    if not target.ext.deleg_id:
        target.ext.deleg_id = _state(c).next()
    return int(target.ext.deleg_id)


def _plain_block(c: Any, ctl: Any) -> bool:
    """A ``try`` that changes nothing: compiled as ``block``."""
    ctl.kind = "block"
    c.open_block(ctl)
    return False


def _enter_flat_handler(c: Any, ctl: Any, emit: Any) -> int:
    ctl.ext.handler_id = enter_flat_try(c, ctl)
    ctl.ext.flat_handler = emit
    return int(ctl.try_id)


def h_try(c: Any, ins: tuple, i: int, dead: bool) -> bool:
    c.flush_all()
    p, r = c.block_sig(ins[1])
    ctl = _compile.Ctl("try", len(c.stack) - p, p, r, i in c.targeted)
    st = _state(c)
    info = st.scan[i]
    if info.delegate is not None:
        return _try_delegate(c, ctl, info)
    if not info.tags and not info.catch_all:
        return _plain_block(c, ctl)
    ctl.ext = _Try(info, f"_c{st.next()}")
    ctl.ext.end = end_handlers
    c.ctls.append(ctl)
    if c.flat:
        _enter_flat_handler(c, ctl, _flat_catch_entry)
        ctl.label_end = c.new_label()  # the body's fall-through skips the handlers
    else:
        if ctl.py:  # outside the Python try: a handler's branch to the label breaks it too
            c.open_py_loop(ctl)
        open_python_try(c, ctl)
    c.open_segment()
    return False


def _try_delegate(c: Any, ctl: Any, info: _TryInfo) -> bool:
    depth = info.delegate
    assert depth is not None
    if c.flat:
        target_id = _resolve_flat(c, depth)
        if target_id == c.cur_try:
            return _plain_block(c, ctl)
        ctl.kind = "try_delegate"
        ctl.ext = _Try(info)
        ctl.ext.flat_target = target_id
        c.ctls.append(ctl)
        _enter_flat_handler(c, ctl, _flat_delegate_entry)
        if ctl.py:
            ctl.label_end = c.new_label()
        c.open_segment()
        return False
    target = _resolve(c, depth)
    if target is _resolve(c, 0):
        return _plain_block(c, ctl)
    ctl.kind = "try_delegate"
    ctl.ext = _Try(info)
    ctl.ext.target = target
    if target is not None:
        ctl.ext.flat_target = _deleg_id(c, target)  # the number its Delegated names
    elif not _state(c).to_caller:
        _state(c).to_caller = True
        c.func_tail.extend([" except Delegated as _d:", "  raise undelegate(_d)"])
    c.ctls.append(ctl)
    open_python_try(c, ctl)
    if ctl.py:  # inside the Python try, as try_table's
        c.open_py_loop(ctl)
    c.open_segment()
    return False


def h_catch(c: Any, ins: tuple, i: int, dead: bool) -> bool:
    """``catch x`` / ``catch_all``: the end of the body or of the previous handler."""
    ctl = c.ctls[-1]
    ext = ctl.ext
    tag = ins[1] if ins[0] == CATCH else None
    if not dead:
        c.flush_all()
        ctl.branched = True  # the end is reachable
    if ctl.kind == "try":  # the end of the body
        if c.flat:
            leave_flat_try(c, ext.handler_id, dead)
            if not dead:
                c.emit(f"pc = @L{ctl.label_end}@")
                c.emit("continue")
            ctl.try_id = 0  # its handlers no longer active (Ctl.try_id: jumps' context)
        else:
            _close_python_try(c, ctl, ext)
        ctl.kind = "catch"
    elif c.flat:
        if not dead:
            c.emit(f"pc = @L{ctl.label_end}@")
            c.emit("continue")
    else:
        _close_clause(c, ctl)
    del c.stack[ctl.height :]
    n = len(c.module_tag_types[tag].params) if tag is not None else 0
    if c.flat:
        label = c.new_label()
        ext.clauses.append((tag, label))
        c.place_label(label)
        for _ in range(n):
            c.push_slot()  # assigned by the handler entry
    else:
        x = ext.var
        if tag is None:
            if ext.nest == 2:
                c.emit("else:")
                c.indent()
        else:
            c.emit(f"{'elif' if ext.clauses else 'if'} {x}.tag is TAGS[{tag}]:")
            c.indent()
        ext.clauses.append((tag, 0))
        ctl.body_start = len(c.lines)
        for k in range(n):
            c.push(f"{x}.values[{k}]")
    c.open_segment()
    return False


def _close_python_try(c: Any, ctl: Any, ext: _Try) -> None:
    """Structured mode: the ``except`` clauses after the body; the handlers' ``if``."""
    if len(c.lines) == ctl.body_start:
        c.emit("pass")
    c.dedent()
    c.ntry -= 1
    x = ext.var
    info = ext.info
    assert info is not None
    c.emit("except WasmException as _x:")
    c.indent()
    if not info.catch_all:  # no handler: it goes on from here, untouched
        match = " or ".join(f"_x.tag is TAGS[{t}]" for t in info.tags)
        c.emit(f"if not ({match}):")
        c.emit(" raise")
    c.emit(f"{x} = _x")
    c.dedent()
    if ext.deleg_id:
        c.emit("except Delegated as _x:")
        c.emit(f" if _x.target != {ext.deleg_id}:")
        c.emit("  raise")
        c.emit(f" {x} = undelegate(_x)")
    c.emit("else:")
    c.emit(f" {x} = None")
    c.emit(f"if {x} is not None:")
    c.indent()
    ext.nest = 2 if info.tags else 1


def _close_clause(c: Any, ctl: Any) -> None:
    if len(c.lines) == ctl.body_start:
        c.emit("pass")
    if ctl.ext.nest == 2:
        c.dedent()


def h_delegate(c: Any, ins: tuple, i: int, dead: bool) -> bool:
    ctl = c.ctls[-1]
    if ctl.kind != "try_delegate":  # compiled as a block
        return bool(_compile.FunctionCompiler.h_end(c, ins, i, dead))
    if c.flat:
        leave_flat_try(c, ctl.try_id, dead)
        ctl.kind = "block"
        return bool(_compile.FunctionCompiler.h_end(c, ins, i, dead))
    target_id = ctl.ext.flat_target  # 0: the caller
    ctl.kind = "block"
    after_dead = _compile.FunctionCompiler.h_end(c, ins, i, dead)
    if len(c.lines) == ctl.body_start:
        c.emit("pass")
    c.dedent()
    c.ntry -= 1
    c.emit("except WasmException as _x:")
    c.emit(f" raise Delegated(_x, {target_id})")
    return bool(after_dead)


def end_handlers(c: Any, ins: tuple, i: int, dead: bool) -> bool:
    """The ``end`` of a try's handlers (its frame's ``ext.end``)."""
    ctl = c.ctls[-1]
    if not dead:
        c.flush_all()
    if not c.flat:
        ext = ctl.ext
        _close_clause(c, ctl)
        if ext.deleg_id and not (ext.info is not None and ext.info.catch_all):
            c.emit("else:")  # a delegated one no handler takes goes on
            c.emit(f" raise {ext.var}")
        c.dedent()  # the ``if _c<n> is not None:``
    return bool(_compile.FunctionCompiler.h_end(c, ins, i, dead))


def h_rethrow(c: Any, ins: tuple, i: int, dead: bool) -> bool:
    """``rethrow l``: the exception of label l's handler, thrown anew (as
    ``throw_ref`` does, 3.0 spec 4.4.8)."""
    ctl = c.ctls[-1 - ins[1]]
    c.emit(f"raise throw_ref({ctl.ext.var})")
    return True


def _flat_catch_entry(c: Any, ctl: Any, parent: int) -> None:
    """Flat mode: the try's entry of the handler walk: its handlers in order."""
    ext = ctl.ext
    c.emit(f"if _tt == {ext.handler_id}:")
    c.indent()
    c.emit(f"_tt = {parent}")  # a handler runs outside the try's body
    for tag, label in ext.clauses:
        if tag is not None:
            c.emit(f"if _x.tag is TAGS[{tag}]:")
            c.indent()
        c.emit(f"{ext.var} = _x")
        n = len(c.module_tag_types[tag].params) if tag is not None else 0
        if n:
            dst = ", ".join(f"s{ctl.height + k}" for k in range(n))
            c.emit(f"{dst} = {', '.join(f'_x.values[{k}]' for k in range(n))}")
        c.emit(f"pc = @L{label}@")
        c.emit("break")
        if tag is not None:
            c.dedent()
        else:
            break
    else:
        c.emit("continue")
    c.dedent()


def _flat_delegate_entry(c: Any, ctl: Any, parent: int) -> None:
    """Flat mode: a try-delegate's entry: the walk goes on at its target."""
    c.emit(f"if _tt == {ctl.ext.handler_id}:")
    if ctl.ext.flat_target:
        c.emit(f" _tt = {ctl.ext.flat_target}")
        c.emit(" continue")
    else:
        c.emit(" raise")  # to the caller


FAMILY = Family(
    "legacy_exceptions",
    parse_table(_TABLE),
    immediates={"exn_label": binary._imm_idx},
    rules={
        "try": r_try,
        "catch": r_catch,
        "catch_all": r_catch_all,
        "delegate": r_delegate,
        "rethrow": r_rethrow,
    },
    handlers={
        "try": h_try,
        "catch": h_catch,
        "catch_all": h_catch,
        "delegate": h_delegate,
        "rethrow": h_rethrow,
    },
    namespace={"Delegated": Delegated, "undelegate": undelegate},
    block_openers=frozenset({"try"}),
    # catch / catch_all in a try's body or after a catch; delegate ends a body
    block_markers={
        "catch": {"try": "catch", "catch": "catch"},
        "catch_all": {"try": "catch_all", "catch": "catch_all"},
        "delegate": {"try": None},
    },
    fuel_free=frozenset({"catch", "catch_all", "delegate"}),  # markers, as else and end
    catching=frozenset({"try"}),
)
"""Legacy exception handling as data for :mod:`interp.families`."""
