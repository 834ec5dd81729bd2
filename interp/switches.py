"""``br_table`` switches emitted as structured code: case bodies at the decision tree's leaves.

Why: a C ``switch`` becomes a nest of N ``block``s with a ``br_table`` in
the innermost one; the code of case ``p`` follows the ``end`` of block
``p``.  Structured emission would make each targeted block a Python
``while True`` loop, and CPython allows 20 nested loops, so any switch of
more than ~18 cases sent the whole function to flat mode, where a dispatch
costs a ``pc`` tree walk per jump (bench/README.md: ``brtable``, 1,201
cases, ran at a tenth of the kernels' speed).

Here such a nest costs no Python loop at all.  The ``br_table`` becomes a
binary decision tree over the selector (log2 N tests; through a constant
tuple ``sel -> target`` first when one case is named by several ranges of
indices), and each case's code, emitted as usual after the ``end`` of its
block, is moved to its leaf afterwards (:func:`splice`): the hybrid scheme
measured fastest in ``bench/prototypes/flat_dispatch.py``.  A leaf naming
the outermost block of the nest falls out of the tree into the code that
follows the nest, which is that block's continuation.

The nest qualifies (:func:`find_switches`) when its blocks are consecutive
``block`` openers without block type around the ``br_table``, each of
them targeted by that ``br_table`` only, at least :data:`MIN_CASES` of
them.  A case that falls through into the next one (its code does not end
in a branch) cannot sit at a leaf: the function is then compiled as before
(``_TooDeep``: structured with loops if it fits, else flat).
"""

from __future__ import annotations

from typing import Any

MIN_CASES = 16
"""Smaller nests fit CPython's nesting limits as loops and stay as they were."""

MAX_INDENT = 99  # the tokenizer allows 100 indentation levels


class Switch:
    """One ``br_table`` nest: its size, and where its pieces landed in the lines."""

    __slots__ = ("base_ind", "k", "leaves", "nid", "seg_start", "segments", "table")

    def __init__(self, nid: int, k: int, table: int) -> None:
        self.nid = nid
        self.k = k  # blocks in the nest; position 0 is the innermost
        self.table = table  # index of the br_table instruction
        self.base_ind = -1  # indentation the case code is emitted at
        self.seg_start = -1
        self.segments: dict[int, tuple[int, int]] = {}  # position -> line range
        self.leaves: dict[int, int] = {}  # position -> marker line index


def find_switches(
    body: list[tuple], br_table_op: int, block_op: int, end_op: int, targets_of: Any
) -> tuple[dict[int, tuple[Switch, int]], dict[int, Switch]]:
    """The qualifying nests: block index -> (switch, position), br_table index -> switch.

    ``targets_of(ins)`` gives the label depths an instruction branches to
    (empty for a non-branch); ``body`` is a validated function body.
    """
    if not any(ins[0] == br_table_op and len(ins[1]) >= MIN_CASES for ins in body):
        return {}, {}
    from .compile import structure_kinds

    # for each opener: how many branch instructions target it, and whether
    # the only one is a given br_table; only the instructions that open or
    # close a block or branch are looked at (structure_kinds)
    kinds = structure_kinds()
    stack: list[int] = []
    count: dict[int, int] = {}
    tables: list[tuple[int, list[int]]] = []  # br_table index, the enclosing openers
    for i in [i for i, ins in enumerate(body) if ins[0] in kinds]:
        ins = body[i]
        op = ins[0]
        kind = kinds[op]
        if op == end_op:
            if stack:
                stack.pop()
            continue
        if kind & 4:
            for lab in set(targets_of(ins)):
                if lab < len(stack):
                    j = stack[-1 - lab]
                    count[j] = count.get(j, 0) + 1
            if op == br_table_op and len(ins[1]) >= MIN_CASES:
                tables.append((i, list(stack)))
        if kind & 2:
            stack.append(i)
    blocks: dict[int, tuple[Switch, int]] = {}
    by_table: dict[int, Switch] = {}
    for t, enclosing in tables:
        named = set(body[t][1]) | {body[t][2]}
        k = 0
        while k < len(enclosing):
            j = enclosing[-1 - k]
            if (
                body[j][0] != block_op
                or body[j][1] is not None
                or count.get(j, 0) != 1
                or k not in named
                or (k > 0 and j != enclosing[-k] - 1)
                or j in blocks
            ):
                break
            k += 1
        if k < MIN_CASES:
            continue
        sw = Switch(len(by_table), k, t)
        by_table[t] = sw
        for p in range(k):
            blocks[enclosing[-1 - p]] = (sw, p)
    return blocks, by_table


def _reindent(line: str, shift: int) -> str:
    if not line or not shift:
        return line
    pad = " " * shift
    return "\n".join(pad + p if p else p for p in line.split("\n"))


def marker(sw: Switch, pos: int) -> str:
    return f"@SW{sw.nid}:{pos}@"


def splice(
    lines: list[str], offsets: list[int], switches: list[Switch]
) -> tuple[list[str], list[int]]:
    """Move each case's code from where it was emitted to its leaf marker."""
    seg_at: dict[int, int] = {}  # first line of a segment -> its end
    by_marker: dict[str, tuple[Switch, int]] = {}
    for sw in switches:
        for pos, (a, b) in sw.segments.items():
            if b > a:
                seg_at[a] = b
            by_marker[marker(sw, pos)] = (sw, pos)
    out: list[str] = []
    outoff: list[int] = []
    put, put_offset = out.append, outoff.append
    # a line indented deeper than the tokenizer allows starts with this
    too_deep = " " * (MAX_INDENT + 1)

    def copy(a: int, b: int, shift: int) -> None:
        # per line: one dict probe and one substring search; the rest only for
        # markers and for lines that move (a plain ``pad +`` unless the line
        # holds several, as a fuel charge does)
        pad = " " * shift
        j = a
        while j < b:
            end = seg_at.get(j)
            if end is not None and j != a:  # a case's code: it goes to its leaf
                j = end
                continue
            line = lines[j]
            if "@SW" in line:
                stripped = line.lstrip(" ")
                if stripped.startswith("@SW"):
                    sw, pos = by_marker[stripped]
                    ind = len(line) - len(stripped) + shift
                    a2, b2 = sw.segments.get(pos, (0, 0))
                    start = len(out)
                    copy(a2, b2, ind - sw.base_ind)
                    if not any(out[start:]):  # no line, or only blanked ones
                        del out[start:], outoff[start:]
                        out.append(" " * ind + "pass")
                        outoff.append(offsets[j])
                    j += 1
                    continue
            if shift and line:
                new = _reindent(line, shift) if "\n" in line else pad + line
                if new.startswith(too_deep):
                    from .compile import _TooDeep

                    raise _TooDeep
                put(new)
            else:
                put(line)
            put_offset(offsets[j])
            j += 1

    copy(0, len(lines), 0)
    return out, outoff
