"""Large functions compiled in pieces: several Python functions per wasm function.

Why: CPython's ``compile()`` of one huge function is one uninterruptible
builtin call whose memory grows with the function (1.45 KB per wasm
instruction for 400,000 ``i32.add``s: 580 MB for 4.75 MB of source), and
a timeout's signal handler cannot run inside it.  A function whose
generated source exceeds :data:`SPLIT_CHARS` is therefore cut into pieces of
about :data:`PIECE_CHARS`, each compiled by its own ``compile()`` call, lazily,
when it is first reached.  Memory is then bounded by a piece, unreached
pieces are never compiled, and a deadline is checked between pieces.

Two shapes, both text rewrites of the code the emitter produced
(:class:`interp.compile.FunctionCompiler`), so that no instruction handler
needs to know about pieces:

* **Structured code**: the function body is cut between statements at its
  outermost level (no Python loop is open there, so every branch of a piece
  stays inside it).  The main function calls the pieces in order,
  ``l0, s3 = w5_p1(l0, l1, s3)``: a piece receives the variables it uses
  that earlier code defined and returns those that later pieces use.  Code
  whose outermost level is one huge loop has no such cut point: it is
  compiled flat instead (:data:`MAX_PIECE_CHARS`).
* **Flat code** (the basic-block form): consecutive basic blocks form a
  *region*, a function with its own ``while True`` and ``if pc <=`` tree.
  A jump inside the region stays a ``continue``; a jump out of it returns
  ``(pc, state...)`` to the main function's dispatch loop, which calls the
  region of the new ``pc`` through a list indexed by block number (O(1),
  no comparison chain).  Functions with exception handlers (``try_table``,
  any block opener an extension adds) stay whole: a handler in the main
  function would not see the state a region changed before it raised.

A wasm ``return`` inside a piece returns :class:`PieceReturn`, which the
main function unwraps and returns (tail calls too: the ``TailCall`` value
passes through).  Variables are found by name in the generated text
(:data:`_VAR`): wasm locals ``l<i>``, stack slots ``s<i>``, ``pc`` and the
emitter's ``_``-prefixed temporaries; names of the instance namespace are
never mistaken for them (:func:`_state_names`).
"""

from __future__ import annotations

import re
from typing import Any

SPLIT_CHARS = 320_000
"""A function whose generated source is longer is compiled in pieces.  One
``compile()`` of 320 KB takes about 0.1 s on the development machine, so a
timeout waits at most that long for a whole function; the bench programs
(``brtable``: 266 KB) stay whole."""

PIECE_CHARS = 64_000
"""Target size of one piece (about 25 ms of ``compile()``, a few MB)."""

MAX_PIECE_CHARS = 320_000
"""A structured piece larger than this (one huge loop at the top level) makes
the function compile flat instead, where any basic block boundary is a cut."""

MAX_STATE = 400
"""At most this many variables pass between pieces; a cut that would pass more
is skipped (structured), or the function stays whole (flat)."""

_VAR = re.compile(r"(?<![.\w])(?:[ls]\d+|pc|_[A-Za-z]\w*)\b")
_RETURN = re.compile(r"^( *)return\b ?(.*)$")
_JUMP = re.compile(r"^ *pc = (\d+)$")
_TABLE_JUMP = re.compile(r"^ *pc = \(")  # a br_table's jump table (compile.jump_table)
_CONTINUATIONS = ("else", "elif", "except", "finally")
_BASE_INDENT = 2  # the body of ``def w<i>(...):`` + ``try:``


class PieceReturn:
    """What a piece returns for a wasm ``return``: the function's result."""

    __slots__ = ("value",)

    def __init__(self, value: Any) -> None:
        self.value = value


class Piece:
    """One separately compiled part of a function.

    ``blocks`` is the range of basic-block numbers of a flat region (its
    entries in the dispatch list), ``None`` for a structured piece.
    """

    __slots__ = ("blocks", "linemap", "name", "source")

    def __init__(
        self, name: str, source: str, linemap: list[int], blocks: range | None = None
    ) -> None:
        self.name = name
        self.source = source
        self.linemap = linemap
        self.blocks = blocks


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


def _state_names(text: str, base: dict[str, Any]) -> set[str]:
    return {n for n in _VAR.findall(text) if n not in base}


def _rewrite_returns(line: str) -> str:
    """``return X`` -> ``return PieceReturn(X)`` in each physical line."""
    if "return" not in line:
        return line
    out = []
    for phys in line.split("\n"):
        m = _RETURN.match(phys)
        if m is not None:
            value = m.group(2) or "None"
            phys = f"{m.group(1)}return PieceReturn({value})"
        out.append(phys)
    return "\n".join(out)


def _tuple(names: list[str]) -> str:
    return "(" + "".join(f"{n}, " for n in names) + ")"


def _piece_source(
    name: str, params: list[str], body: list[str], tail: list[str]
) -> tuple[str, int]:
    """A piece's module source; the number of lines before ``body``."""
    # defined under its own name: the stub keeps ``name`` until the
    # compiled piece replaces it (a timeout may strike in between)
    head = [f"def {name}_fn({', '.join(params)}):", " try:"]
    return "\n".join(head + body + tail) + "\n", len(head)


def _linemap(nhead: int, offsets: list[int], lines: list[str], ntail: int) -> list[int]:
    linemap = [-1] * nhead
    for line, offset in zip(lines, offsets, strict=True):
        linemap.extend([offset] * (line.count("\n") + 1))
    return linemap + [-1] * ntail


def split_structured(fc: Any, except_tail: list[str], base: dict[str, Any]) -> bool:
    """Cut ``fc.lines`` (structured, at indent 2) into pieces.

    On success ``fc.pieces`` receives the pieces, ``fc.lines``/``fc.offsets``
    become the main function's calls and ``fc.state_init`` names the
    variables the main function initializes.
    """
    lines, offsets = fc.lines, fc.offsets
    # candidate cut points: statements at the outermost level
    cuts = [0]
    size = 0
    for j, line in enumerate(lines):
        size += len(line) + 1
        if (
            size >= PIECE_CHARS
            and j > cuts[-1]
            and line
            and _indent(line) == _BASE_INDENT
            and not line.lstrip(" ").startswith(_CONTINUATIONS)
        ):
            cuts.append(j)
            size = len(line) + 1
    if len(cuts) < 2:
        return False
    bounds = list(zip(cuts, [*cuts[1:], len(lines)], strict=True))
    used = [_state_names("\n".join(lines[a:b]), base) for a, b in bounds]
    # variables each piece's successors use (reverse sweep)
    later: list[set[str]] = [set() for _ in bounds]
    acc: set[str] = set()
    for k in range(len(bounds) - 1, -1, -1):
        later[k] = acc
        acc = acc | used[k]
    # A piece receives the variables it shares with the main function, earlier
    # or later pieces (those only it uses are its own locals) and returns those
    # later pieces use.  The main function starts every shared variable at
    # None, so a value a piece returns is always bound, whichever path it took.
    mains = set(fc.main_locals)
    pieces: list[tuple[int, int, list[str], list[str]]] = []
    start = 0
    union: set[str] = set()
    before: set[str] = set()
    for k, (_a, b) in enumerate(bounds):
        union |= used[k]
        inputs = sorted(union & (mains | before | later[k]))
        outputs = sorted(union & later[k])
        too_much = len(inputs) > MAX_STATE or len(outputs) > MAX_STATE
        if too_much and k + 1 < len(bounds):
            continue  # extend this piece to the next cut
        if too_much and not pieces:
            return False  # no cut passes little enough state: stay whole
        pieces.append((bounds[start][0], b, inputs, outputs))
        before |= union
        start = k + 1
        union = set()
    if len(pieces) < 2:
        return False
    if max(sum(map(len, lines[a:b])) for a, b, _, _ in pieces) > MAX_PIECE_CHARS:
        return False  # one statement (a loop) is itself too large: flat code cuts anywhere
    main: list[str] = []
    main_off: list[int] = []
    pad = " " * _BASE_INDENT
    shared: set[str] = set()
    for k, (a, b, inputs, outputs) in enumerate(pieces):
        name = f"w{fc.index}_p{k}"
        body = [_rewrite_returns(ln) for ln in lines[a:b]]
        tail = [f"{pad}return {_tuple(outputs)}", *except_tail]
        source, nhead = _piece_source(name, inputs, body, tail)
        fc.pieces.append(Piece(name, source, _linemap(nhead, offsets[a:b], body, len(tail) + 1)))
        main.append(f"{pad}_r = {name}({', '.join(inputs)})")
        main.append(f"{pad}if _r.__class__ is PieceReturn: return _r.value")
        if outputs:
            main.append(f"{pad}{', '.join(outputs)}, = _r")
        main_off.extend([-1] * (3 if outputs else 2))
        shared.update(inputs, outputs)
    fc.lines, fc.offsets = main, main_off
    fc.state_init = sorted(shared - mains)
    return True


def split_flat(fc: Any, except_tail: list[str], base: dict[str, Any]) -> bool:
    """Cut the flat chain ``fc.lines`` into regions of consecutive basic blocks.

    Expects the ungrouped chain: ``pc = 0``, ``while True:``, then one
    ``if pc <= k:`` header per block, all resolved.  On success ``fc.lines``
    becomes the main function's dispatch loop and ``fc.pieces`` the regions;
    ``fc.state_init`` names the variables the main function initializes.
    """
    lines, offsets = fc.lines, fc.offsets
    if len(lines) < 3 or lines[0].strip() != "pc = 0" or lines[1].strip() != "while True:":
        return False
    head_ind = _indent(lines[1]) + 1
    head = " " * head_ind + "if pc <= "
    starts = [i for i in range(2, len(lines)) if lines[i].startswith(head)]
    if not starts or starts[0] != 2:
        return False
    names = sorted(_state_names("\n".join(lines), base) | set(fc.main_locals) | {"pc"})
    names.remove("pc")
    state = ["pc", *names]
    if len(state) > MAX_STATE:
        return False
    # regions: runs of consecutive blocks of about PIECE_CHARS
    bounds = [*starts[1:], len(lines)]
    regions: list[list[tuple[int, int, int]]] = [[]]
    size = 0
    for a, b in zip(starts, bounds, strict=True):
        if size >= PIECE_CHARS and regions[-1]:
            regions.append([])
            size = 0
        regions[-1].append((int(lines[a][len(head) : -1]), a, b))
        size += sum(map(len, lines[a:b])) + b - a
    if len(regions) < 2:
        return False
    ret_state = f"return {_tuple(state)}"
    nblocks = regions[-1][-1][0] + 1
    for k, region in enumerate(regions):
        first_block, last_block = region[0][0], region[-1][0]
        name = f"w{fc.index}_r{k}"
        body: list[str] = []
        body_off: list[int] = []
        # the region's own loop, its blocks in the same relative layout
        shift = _BASE_INDENT - _indent(lines[1])
        body.append(" " * _BASE_INDENT + "while True:")
        body_off.append(-1)
        for _, a, b in region:
            for j in range(a, b):
                line = _rewrite_returns(lines[j])
                if line.endswith("continue") and line.lstrip(" ") == "continue" and j > a:
                    m = _JUMP.match(lines[j - 1])
                    pad = line[: _indent(line)]
                    if m is not None and not first_block <= int(m.group(1)) <= last_block:
                        line = pad + ret_state
                    elif m is None and _TABLE_JUMP.match(lines[j - 1]):
                        # a target known at run time only: leave unless it is here
                        line = (
                            f"{pad}if {first_block} <= pc <= {last_block}: continue\n"
                            f"{pad}{ret_state}"
                        )
                if shift:
                    line = "\n".join(" " * shift + p for p in line.split("\n"))
                body.append(line)
                body_off.append(offsets[j])
        # falling off the region's last block goes on with the next block
        body.append(" " * (_BASE_INDENT + 1) + f"pc = {last_block + 1}")
        body.append(" " * (_BASE_INDENT + 1) + ret_state)
        body_off.extend([-1, -1])
        body, body_off = fc.group_lines(body, body_off, _BASE_INDENT + 1)
        source, nhead = _piece_source(name, state, body, except_tail)
        fc.pieces.append(
            Piece(
                name,
                source,
                _linemap(nhead, body_off, body, len(except_tail) + 1),
                range(first_block, last_block + 1),
            )
        )
    assert nblocks == sum(len(p.blocks) for p in fc.pieces)  # type: ignore[arg-type]
    pad = " " * _BASE_INDENT
    table = f"w{fc.index}_RG"
    fc.lines = [
        f"{pad}pc = 0",
        f"{pad}while True:",
        f"{pad} _r = {table}[pc]({', '.join(state)})",
        f"{pad} if _r.__class__ is PieceReturn: return _r.value",
        f"{pad} {', '.join(state)}, = _r",
    ]
    fc.offsets = [-1] * len(fc.lines)
    fc.state_init = [n for n in names if n not in fc.main_locals]
    fc.dispatch_table = (table, nblocks)
    return True
