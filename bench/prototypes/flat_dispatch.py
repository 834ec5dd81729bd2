"""Prototype: how should flat mode dispatch, and how should ``br_table`` jump?

Issue 15's design question, answered by measurement instead of argument.
Each variant below is *Python source shaped like the code nanowasm
generates* for one wasm function: a loop around a ``switch`` of N cases
(clang's ``br_table`` inside N nested blocks), each case a distinct
arithmetic statement, then a branch to the join block and back to the loop
head.  All variants compute the same value (checked); only the control-flow
scheme differs:

``chain``      today's flat mode: ``while True:`` + ``if pc <= k:`` per basic
               block (a jump to block k tests k conditions), ``br_table`` as
               a binary tree of ``if``\\ s that ends in ``pc = k; continue``.
``chaintree``  flat, the chain grouped into a tree of ``if pc <= last:``
               groups, 16 per level (a jump costs about 8 tests per level,
               fall-through between blocks stays free); ``br_table`` a tree.
``chaintree+tab`` as ``chaintree``, ``br_table`` as one tuple index.
``bisect``     flat, but the loop body is a balanced binary tree over ``pc``
               (a jump costs log2(blocks) tests; fall-through between blocks
               becomes an explicit ``pc = k + 1``); ``br_table`` still a tree.
``bisect+tab`` as ``bisect``, ``br_table`` as one tuple index:
               ``pc = T[k] if k < N else D`` (O(1) selection).
``funcs``      one Python closure per basic block, state in ``nonlocal``
               cells, driven by ``pc = BLOCKS[pc]()`` (O(1) jumps, but every
               local access is a cell access and every block a call).
``inline``     hybrid structured emission: the ``while True`` loop stays a
               Python loop and the switch's case bodies are pasted at the
               leaves of the ``br_table`` decision tree (log2(N) tests, no
               ``pc`` at all; applies when each case ends in a branch out).
``match``      as ``inline``, the tree replaced by one ``match k:`` with a
               ``case <int>:`` per case (CPython tests the cases in order).

Besides the run time per iteration, each variant's CPython ``compile()``
time is measured (``--compile``): for a 1,201-case ``br_table`` the
first call's compilation costs more than its run.

Run ``python -m bench.prototypes.flat_dispatch`` (``--cases 16,128,1024``,
``--iters N``, ``--work K`` statements per case); it prints ns per loop
iteration per variant.  Nothing here
is used by the engine: it exists to choose the engine's design.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections.abc import Callable

M = 0xFFFFFFFF


WORK = [1]  # statements per case body (``--work``): more local accesses per dispatch


def _case_lines(k: int) -> list[str]:
    """Case k's statements: distinct constants, the same shape as the programs' cases."""
    mul = (k * 2654435761 + 1) & M | 1
    return [f"x = ((x * {mul}) + {k} + y) & 0xFFFFFFFF"] * WORK[0]


def _tree(sel: str, lo: int, hi: int, leaf: Callable[[int], list[str]], ind: str) -> list[str]:
    """Balanced ``if sel < mid:`` tree over [lo, hi); ``leaf(k)`` gives the lines for k."""
    if hi - lo == 1:
        return [ind + line for line in leaf(lo)]
    mid = (lo + hi) // 2
    out = [f"{ind}if {sel} < {mid}:"]
    out += _tree(sel, lo, mid, leaf, ind + " ")
    out.append(f"{ind}else:")
    out += _tree(sel, mid, hi, leaf, ind + " ")
    return out


HEAD = ["x = 1", "y = 12345", "s = 99", "i = 0"]
STEP = [  # the loop head: exit test, then the selector (one extra default case)
    "if i >= n:",
    " return x ^ y",
    "s = (s * 1664525 + 1013904223) & 0xFFFFFFFF",
    "k = (s >> 8) % {ncase1}",
]
JOIN = ["y = (((y << 3) | (y >> 29)) + x) & 0xFFFFFFFF", "i += 1"]


def _blocks(n: int) -> list[list[str]]:
    """Basic blocks of the function body: 0 = loop head, 1..n = cases, n+1 = default, n+2 = join.

    Each block's last line is a jump written as ``@JUMP k`` (or ``@TABLE`` for
    the br_table), which each variant lowers its own way.
    """
    step = [line.format(ncase1=n + 1) for line in STEP]
    blocks = [[*step, "@TABLE"]]
    for k in range(n):
        blocks.append([*_case_lines(k), f"@JUMP {n + 2}"])
    blocks.append(["x = x ^ y", f"@JUMP {n + 2}"])
    blocks.append([*JOIN, "@JUMP 0"])
    return blocks


def _lower(
    lines: list[str], n: int, jump: Callable[[int], list[str]], table: list[str]
) -> list[str]:
    out: list[str] = []
    for line in lines:
        if line.startswith("@JUMP "):
            out += jump(int(line.split()[1]))
        elif line == "@TABLE":
            out += table
        else:
            out.append(line)
    return out


def _tree_table(n: int, jump: Callable[[int], list[str]]) -> list[str]:
    return _tree("k", 0, n + 1, lambda k: jump(1 + k), "")


def _indent(lines: list[str], by: str) -> list[str]:
    return [by + line for line in lines]


def src_chain(n: int) -> str:
    def jump(k: int) -> list[str]:
        return [f"pc = {k}", "continue"]

    body = []
    for b, lines in enumerate(_blocks(n)):
        body.append(f"if pc <= {b}:")
        body += _indent(_lower(lines, n, jump, _tree_table(n, jump)), " ")
    return _function(["pc = 0", "while True:", *_indent(body, " ")])


def src_bisect(n: int, tab: bool = False) -> str:
    def jump(k: int) -> list[str]:
        return [f"pc = {k}", "continue"]

    blocks = _blocks(n)
    table = ["pc = T[k]", "continue"] if tab else _tree_table(n, jump)
    lowered = [_lower(lines, n, jump, table) for lines in blocks]
    tree = _tree("pc", 0, len(blocks), lambda b: lowered[b], "")
    pre = [f"T = {tuple(range(1, n + 2))!r}"] if tab else []
    return _function([*pre, "pc = 0", "while True:", *_indent(tree, " ")])


def _chain_tree(lowered: list[list[str]], lo: int, hi: int, fan: int) -> list[str]:
    """Blocks [lo, hi) as a tree of ``if pc <= last:`` groups, ``fan`` per level.

    Fall-through stays free, as in the plain chain: a block that ends
    without a jump leaves ``pc`` at a smaller value, so every later
    ``pc <= k`` test (group or block) is true.
    """
    if hi - lo <= fan:
        out = []
        for b in range(lo, hi):
            out.append(f"if pc <= {b}:")
            out += _indent(lowered[b], " ")
        return out
    step = -(-(hi - lo) // fan)  # at most ``fan`` groups of ``step`` blocks
    out = []
    for g in range(lo, hi, step):
        last = min(g + step, hi)
        out.append(f"if pc <= {last - 1}:")
        out += _indent(_chain_tree(lowered, g, last, fan), " ")
    return out


def src_chaintree(n: int, fan: int = 16, tab: bool = False) -> str:
    def jump(k: int) -> list[str]:
        return [f"pc = {k}", "continue"]

    blocks = _blocks(n)
    table = ["pc = T[k]", "continue"] if tab else _tree_table(n, jump)
    lowered = [_lower(lines, n, jump, table) for lines in blocks]
    body = _chain_tree(lowered, 0, len(blocks), fan)
    pre = [f"T = {tuple(range(1, n + 2))!r}"] if tab else []
    return _function([*pre, "pc = 0", "while True:", *_indent(body, " ")])


def src_funcs(n: int) -> str:
    blocks = _blocks(n)
    # the loop exit leaves the driver with pc = -1; the result is read after it
    blocks[0] = [" return -1" if line == " return x ^ y" else line for line in blocks[0]]

    def jump(k: int) -> list[str]:
        return [f"return {k}"]

    out = []
    for b, lines in enumerate(blocks):
        out.append(f"def b{b}():")
        out.append(" nonlocal x, y, s, i")
        out += _indent(_lower(lines, n, jump, ["return T[k]"]), " ")
    out.append(f"T = {tuple(range(1, n + 2))!r}")
    out.append(f"B = ({', '.join(f'b{b}' for b in range(len(blocks)))},)")
    out += ["pc = 0", "while pc >= 0:", " pc = B[pc]()", "return x ^ y"]
    return _function(out)


def src_inline(n: int) -> str:
    step = [line.format(ncase1=n + 1) for line in STEP]

    def leaf(k: int) -> list[str]:
        return _case_lines(k) if k < n else ["x = x ^ y"]

    body = [*step, *_tree("k", 0, n + 1, leaf, ""), *JOIN]
    return _function(["while True:", *_indent(body, " ")])


def src_match(n: int) -> str:
    step = [line.format(ncase1=n + 1) for line in STEP]
    body = [*step, "match k:"]
    for k in range(n):
        body += [f" case {k}:", *_indent(_case_lines(k), "  ")]
    body += [" case _:", "  x = x ^ y", *JOIN]
    return _function(["while True:", *_indent(body, " ")])


def _function(lines: list[str]) -> str:
    return "def run(n):\n" + "\n".join(" " + line for line in [*HEAD, *lines]) + "\n"


VARIANTS: dict[str, Callable[[int], str]] = {
    "chain": src_chain,
    "chaintree": src_chaintree,
    "chaintree+tab": lambda n: src_chaintree(n, tab=True),
    "bisect": src_bisect,
    "bisect+tab": lambda n: src_bisect(n, tab=True),
    "funcs": src_funcs,
    "inline": src_inline,
    "match": src_match,
}


def reference(n: int, iters: int) -> int:
    """The value every variant must compute, written plainly."""
    x, y, s = 1, 12345, 99
    for _ in range(iters):
        s = (s * 1664525 + 1013904223) & M
        k = (s >> 8) % (n + 1)
        if k < n:
            mul = (k * 2654435761 + 1) & M | 1
            for _ in range(WORK[0]):
                x = ((x * mul) + k + y) & M
        else:
            x ^= y
        y = (((y << 3) | (y >> 29)) + x) & M
    return x ^ y


def build(variant: str, n: int) -> Callable[[int], int]:
    ns: dict = {}
    exec(compile(VARIANTS[variant](n), f"<{variant} {n}>", "exec"), ns)
    return ns["run"]


def measure(cases: list[int], iters: int, repeat: int) -> list[dict]:
    rows = []
    for n in cases:
        want = reference(n, iters)
        for name in VARIANTS:
            fn = build(name, n)
            got = fn(iters)
            if got != want:
                raise SystemExit(f"{name} with {n} cases computed {got}, expected {want}")
            best = float("inf")
            for _ in range(repeat):
                t0 = time.process_time()
                fn(iters)
                best = min(best, time.process_time() - t0)
            src = VARIANTS[name](n)
            comp = float("inf")
            for _ in range(repeat):
                t0 = time.process_time()
                compile(src, "<x>", "exec")
                comp = min(comp, time.process_time() - t0)
            rows.append(
                {
                    "cases": n,
                    "variant": name,
                    "ns_per_iter": best / iters * 1e9,
                    "compile_ms": comp * 1e3,
                    "source_chars": len(src),
                }
            )
    return rows


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--cases", default="16,128,1024")
    ap.add_argument("--iters", type=int, default=20000)
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("--work", type=int, default=1, help="statements per case body")
    ap.add_argument("--json", action="store_true", help="print the rows as JSON")
    ap.add_argument("--show", metavar="VARIANT", help="print one variant's source (8 cases)")
    a = ap.parse_args(argv)
    WORK[0] = a.work
    if a.show:
        print(VARIANTS[a.show](8))
        return 0
    rows = measure([int(c) for c in a.cases.split(",")], a.iters, a.repeat)
    if a.json:
        print(json.dumps(rows, indent=1))
        return 0
    cases = sorted({r["cases"] for r in rows})
    print("| variant | " + " | ".join(f"{c} cases: run | compile()" for c in cases) + " |")
    print("| --- |" + " ---: |" * (2 * len(cases)))
    for name in VARIANTS:
        cells = []
        for c in cases:
            r = next(r for r in rows if r["variant"] == name and r["cases"] == c)
            cells.append(f"{r['ns_per_iter']:.0f} ns | {r['compile_ms']:.1f} ms")
        print(f"| {name} | " + " | ".join(cells) + " |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
