"""Hostile modules: oversized, deeply nested and re-entrant cases (issue 12).

Each case builds its module in code (no files) and runs it on nanowasm the
way an embedder running untrusted code would.  ``python -m fuzz.hostile CASE``
runs one case and prints one JSON line: its outcome (``ok`` or the engine
error's class and message, or a stray exception's class), the result, wall
and CPU seconds and peak RSS in MiB.  The regression tests
(``tests/test_robust.py``) run each case in a subprocess under ``resource``
limits, so a case that crashes, hangs or exhausts memory cannot take the test
run down; the robustness campaign reuses the generators.
"""

from __future__ import annotations

import json
import random
import resource
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from fuzz.wasmenc import TYPE_CODE, name, sleb, uleb, vec

# -- a small module encoder (spec 5.5), enough for imports, memory, exports ----------

END, BLOCK, LOOP, IF, BR, CALL, DROP = b"\x0b", b"\x02", b"\x03", b"\x04", b"\x0c", b"\x10", b"\x1a"
EMPTY = b"\x40"  # block type: no params, no results
I32_ADD, I32_STORE8, I32_LOAD8_U = b"\x6a", b"\x3a", b"\x2d"
LOCAL_GET, LOCAL_SET = b"\x20", b"\x21"
MEMORY_GROW = b"\x40\x00"
MEMORY_FILL = b"\xfc" + uleb(11) + b"\x00"


def i32_const(n: int) -> bytes:
    """``i32.const n``; ``n`` as a signed or unsigned 32-bit value."""
    n &= 0xFFFFFFFF
    return b"\x41" + sleb(n - (1 << 32) if n >> 31 else n)


@dataclass
class Mod:
    """A module: function types, imported host functions, functions, one memory."""

    types: list[tuple[tuple[str, ...], tuple[str, ...]]] = field(default_factory=list)
    imports: list[tuple[str, str, int]] = field(default_factory=list)  # module, name, typeidx
    # type, locals (a type, or a run: (count, type)), body
    funcs: list[tuple[int, list[Any], bytes]] = field(default_factory=list)
    memory: tuple[int, int | None] | None = None
    exports: list[tuple[str, int]] = field(default_factory=list)  # function exports

    def type(self, params: tuple[str, ...] = (), results: tuple[str, ...] = ()) -> int:
        if (params, results) not in self.types:
            self.types.append((params, results))
        return self.types.index((params, results))

    def func(self, body: bytes, params: tuple[str, ...] = (), results: tuple[str, ...] = ()) -> int:
        """Add a function (body without its final ``end``); returns its index."""
        self.funcs.append((self.type(params, results), [], body))
        return len(self.imports) + len(self.funcs) - 1

    def encode(self) -> bytes:
        out = bytearray(b"\0asm\1\0\0\0")

        def section(sid: int, items: list[bytes]) -> None:
            if items:
                payload = vec(items)
                out.extend(bytes([sid]) + uleb(len(payload)) + payload)

        def valtypes(ts: tuple[str, ...]) -> bytes:
            return vec([bytes([TYPE_CODE[t]]) for t in ts])

        section(1, [b"\x60" + valtypes(p) + valtypes(r) for p, r in self.types])
        section(2, [name(m) + name(n) + b"\x00" + uleb(t) for m, n, t in self.imports])
        section(3, [uleb(t) for t, _, _ in self.funcs])
        if self.memory is not None:
            lo, hi = self.memory
            section(5, [b"\x00" + uleb(lo) if hi is None else b"\x01" + uleb(lo) + uleb(hi)])
        exports = [name(n) + b"\x00" + uleb(i) for n, i in self.exports]
        if self.memory is not None:
            exports.append(name("memory") + b"\x02" + uleb(0))
        section(7, exports)
        bodies = []
        for _, locs, body in self.funcs:
            runs = [loc if isinstance(loc, tuple) else (1, loc) for loc in locs]
            code = vec([uleb(k) + bytes([TYPE_CODE[t]]) for k, t in runs]) + body + END
            bodies.append(uleb(len(code)) + code)
        section(10, bodies)
        return bytes(out)


# -- the cases -------------------------------------------------------------------------


@dataclass
class Case:
    """A hostile module and how to run it: ``run(interp, wasm)`` returns the result."""

    build: Callable[[], bytes]
    run: Callable[[Any, bytes], Any]


def _load(interp: Any, wasm: bytes, store: Any, imports: Any = None) -> Any:
    module = interp.decode_module(wasm)
    interp.validate_module(module)
    return interp.instantiate(store, module, imports or {})


def _reentry_module() -> bytes:
    m = Mod()
    m.imports.append(("env", "h", m.type()))
    m.exports.append(("f", m.func(CALL + uleb(0))))
    return m.encode()


def _reentry(max_call_depth: int | None) -> Callable[[Any, bytes], Any]:
    """wasm ``f`` calls host ``h``, which calls ``f`` again: unbounded re-entry."""

    def run(interp: Any, wasm: bytes) -> Any:
        store = interp.Store() if max_call_depth is None else interp.Store(max_call_depth)
        box: list[Any] = []
        h = interp.HostFunc(interp.FuncType((), ()), lambda: box[0].invoke("f"))
        box.append(_load(interp, wasm, store, {"env": {"h": h}}))
        return box[0].invoke("f")

    return run


def _recursion_module() -> bytes:
    m = Mod()
    m.exports.append(("f", m.func(CALL + uleb(0))))  # f calls itself forever
    return m.encode()


def _tail_mode_recursion_module() -> bytes:
    """Endless non-tail recursion in a function that also has a ``return_call``
    (so it runs behind a trampoline, whose calls are not inlined by CPython)."""
    m = Mod()
    body = i32_const(0) + IF + EMPTY + b"\x12" + uleb(0) + END + CALL + uleb(0)
    m.exports.append(("f", m.func(body)))
    return m.encode()


def _big_frames_module(nlocals: int = 50_000) -> bytes:
    """Endless recursion of a function with ``nlocals`` i64 locals (400 KB Python frames)."""
    m = Mod()
    m.funcs.append((m.type(), [(nlocals, "i64")], CALL + uleb(0)))
    m.exports.append(("f", 0))
    return m.encode()


def _recursion_timeout(interp: Any, wasm: bytes) -> Any:
    store = interp.Store(max_call_depth=10**9, timeout=1)
    return _timed(_load(interp, wasm, store))


def _nested_loops_module(depth: int = 5000) -> bytes:
    """``depth`` nested loops; the innermost branches to the outermost forever."""
    m = Mod()
    body = (LOOP + EMPTY) * depth + BR + uleb(depth - 1) + END * depth
    m.exports.append(("f", m.func(body)))
    return m.encode()


def _simple_loop_module() -> bytes:
    m = Mod()
    m.exports.append(("f", m.func(LOOP + EMPTY + BR + uleb(0) + END)))
    return m.encode()


def _adds_module(n: int = 1_000_000) -> bytes:
    """One function: ``i32.const 0`` then ``n`` times ``i32.const 1; i32.add``."""
    m = Mod()
    m.exports.append(("f", m.func(i32_const(0) + (i32_const(1) + I32_ADD) * n, results=("i32",))))
    return m.encode()


def _local_adds_module(n: int = 1_000_000) -> bytes:
    """``local.get 0`` then ``n`` times ``i32.const 1; i32.add``: nothing to fold."""
    m = Mod()
    body = LOCAL_GET + b"\x00" + (i32_const(1) + I32_ADD) * n
    m.funcs.append((m.type((), ("i32",)), ["i32"], body))
    m.exports.append(("f", 0))
    return m.encode()


I32_SUB, I32_XOR, I64_ADD = b"\x6b", b"\x73", b"\x7c"
I64_EXTEND_I32_U, I32_WRAP_I64 = b"\xad", b"\xa7"


def mixed_constant(k: int) -> int:
    """The operand of step ``k`` of :func:`_mixed_module` (a Weyl sequence)."""
    return (k * 2654435761) & 0xFFFFFFFF


def _mixed_module(n: int = 800_000) -> bytes:
    """A local, then ``n`` steps cycling through ``i32.add``, ``i32.sub``,
    ``i32.xor`` and an ``i64.add`` (extended and wrapped back), each with a
    constant: 2,000,001 instructions of mixed widths, nothing to fold."""
    m = Mod()
    body = bytearray(LOCAL_GET + b"\x00")
    steps = [I32_ADD, I32_SUB, I32_XOR]
    for k in range(n):
        c = mixed_constant(k)
        if k % 4 < 3:
            body += i32_const(c) + steps[k % 4]
        else:
            body += I64_EXTEND_I32_U + b"\x42" + sleb(c << 8) + I64_ADD + I32_WRAP_I64
    m.funcs.append((m.type((), ("i32",)), ["i32"], bytes(body)))
    m.exports.append(("f", 0))
    return m.encode()


def mixed_result(n: int = 800_000) -> int:
    """What :func:`_mixed_module` computes, in plain Python (the tests' oracle)."""
    x = 0
    for k in range(n):
        c = mixed_constant(k)
        step = k % 4
        if step == 0:
            x = (x + c) & 0xFFFFFFFF
        elif step == 1:
            x = (x - c) & 0xFFFFFFFF
        elif step == 2:
            x ^= c
        else:
            x = (x + (c << 8)) & 0xFFFFFFFF
    return x - (1 << 32) if x >> 31 else x  # as ``invoke`` returns an i32: signed


def _pushes_module(n: int = 500_000) -> bytes:
    """``n`` pushes then ``n - 1`` adds: an operand stack ``n`` deep."""
    m = Mod()
    m.exports.append(("f", m.func(i32_const(1) * n + I32_ADD * (n - 1), results=("i32",))))
    return m.encode()


def _nested_ifs_module(n: int = 10_000) -> bytes:
    """``n`` nested ``if``s, each taken; the innermost leaves 1 in a local."""
    m = Mod()
    body = (i32_const(1) + IF + EMPTY) * n + i32_const(1) + LOCAL_SET + b"\x00" + END * n
    m.funcs.append((m.type((), ("i32",)), ["i32"], body + LOCAL_GET + b"\x00"))
    m.exports.append(("f", 0))
    return m.encode()


def _big_memory_module() -> bytes:
    """A memory declared at 65,536 pages (4 GiB): touch its first and last byte."""
    m = Mod(memory=(65536, None))
    last = 65536 * 65536 - 1
    body = i32_const(last) + i32_const(7) + I32_STORE8 + b"\x00\x00"
    body += i32_const(0) + i32_const(1) + I32_STORE8 + b"\x00\x00"
    body += i32_const(last) + I32_LOAD8_U + b"\x00\x00"
    m.exports.append(("f", m.func(body, results=("i32",))))
    return m.encode()


GIB_PAGES = 16384


def _grow_fill_module(chunk: int) -> bytes:
    """Grow from 1 page to 1 GiB, then fill all of it with ``memory.fill``s of ``chunk`` bytes."""
    m = Mod(memory=(1, None))
    body = i32_const(GIB_PAGES - 1) + MEMORY_GROW + DROP
    # for (a = 0; a != 1 GiB; a += chunk) memory.fill(a, 0xAB, chunk)
    loop = LOCAL_GET + b"\x00" + i32_const(0xAB) + i32_const(chunk) + MEMORY_FILL
    loop += LOCAL_GET + b"\x00" + i32_const(chunk) + I32_ADD + LOCAL_SET + b"\x00"
    loop += LOCAL_GET + b"\x00" + i32_const(GIB_PAGES * 65536) + b"\x47"  # i32.ne
    loop += b"\x0d" + uleb(0)  # br_if 0
    body += LOOP + EMPTY + loop + END
    body += i32_const(GIB_PAGES * 65536 - 1) + I32_LOAD8_U + b"\x00\x00"
    m.funcs.append((m.type((), ("i32",)), ["i32"], body))
    m.exports.append(("f", 0))
    return m.encode()


def _many_funcs_module(n: int = 50_000) -> bytes:
    """``n`` tiny exported functions and a driver that calls each once and sums."""
    m = Mod()
    for k in range(n):
        m.exports.append((f"f{k}", m.func(i32_const(k & 0xFF), results=("i32",))))
    driver = i32_const(0) + b"".join(CALL + uleb(k) + I32_ADD for k in range(n))
    m.exports.append(("f", m.func(driver, results=("i32",))))
    return m.encode()


_CALL: dict[str, float] = {}  # start of the last timed invoke (see _timed)


def _timed(inst: Any) -> Any:
    """``inst.invoke("f")``, its start recorded: a timeout bounds the call, not the loading."""
    _CALL["start"] = time.perf_counter()
    return inst.invoke("f")


def _invoke(**limits: Any) -> Callable[[Any, bytes], Any]:
    def run(interp: Any, wasm: bytes) -> Any:
        return _timed(_load(interp, wasm, interp.Store(**limits)))

    return run


CASES: dict[str, Case] = {
    "reentry_100": Case(_reentry_module, _reentry(100)),
    "reentry_default": Case(_reentry_module, _reentry(None)),
    "recursion_timeout": Case(_recursion_module, _recursion_timeout),
    "recursion_default": Case(_recursion_module, _invoke()),
    "big_frames_recursion": Case(_big_frames_module, _invoke()),
    "tail_mode_recursion": Case(_tail_mode_recursion_module, _invoke()),
    "simple_loop_fuel": Case(_simple_loop_module, _invoke(fuel=10**6)),
    "nested_loops_fuel": Case(_nested_loops_module, _invoke(fuel=10**6)),
    "nested_loops_timeout": Case(_nested_loops_module, _invoke(timeout=1)),
    "adds_100k": Case(lambda: _adds_module(100_000), _invoke()),
    "adds_1m": Case(_adds_module, _invoke()),
    "adds_1m_timeout": Case(_adds_module, _invoke(timeout=1)),
    "local_adds_1m": Case(_local_adds_module, _invoke()),
    "mixed_800k": Case(_mixed_module, _invoke()),
    "pushes_50k": Case(lambda: _pushes_module(50_000), _invoke()),
    "pushes_500k": Case(_pushes_module, _invoke()),
    "nested_ifs_10k": Case(_nested_ifs_module, _invoke()),
    "big_memory": Case(_big_memory_module, _invoke()),
    "grow_fill_1gib_chunked": Case(lambda: _grow_fill_module(1 << 20), _invoke()),
    "grow_fill_1gib_whole": Case(lambda: _grow_fill_module(GIB_PAGES * 65536), _invoke()),
    "funcs_5k": Case(lambda: _many_funcs_module(5_000), _invoke()),
    "funcs_50k": Case(_many_funcs_module, _invoke()),
}


# -- structured generators for the robustness campaign ------------------------------
#
# Each family draws sizes from a seeded RNG, so ``(family, seed)`` names one
# module and its store; sizes reach the orders of magnitude only where
# the engine is known to be linear (the superlinear compile cases are the
# xfail tests), so that the campaign measures crash freedom, not patience.

Generated = tuple[bytes, dict[str, Any], bool]  # module, Store kwargs, re-entrant host import


def _gen_nested(rng: random.Random) -> Generated:
    depth = rng.choice([10, 100, 1000, 5000, 20000])
    body = bytearray()
    for _ in range(depth):
        kind = rng.choice([BLOCK, LOOP, IF])
        if kind == IF:
            body += i32_const(rng.randrange(2))
        body += kind + EMPTY
    if rng.random() < 0.8:
        body += BR + uleb(rng.randrange(depth))
    body += END * depth
    m = Mod()
    m.exports.append(("f", m.func(bytes(body))))
    return m.encode(), {"fuel": rng.choice([None, 10**5, 10**6]), "timeout": 2}, False


_BINOPS = [
    b"\x6a",
    b"\x6b",
    b"\x6c",
    b"\x73",
    b"\x74",
    b"\x77",
    b"\x6e",
]  # add sub mul xor shl rotl div_u


def _gen_straight(rng: random.Random) -> Generated:
    n = rng.choice([1000, 10000, 50000])
    body = bytearray()
    for _ in range(n):
        body += LOCAL_GET + b"\x00" + i32_const(rng.randrange(1 << 32)) + rng.choice(_BINOPS)
        body += LOCAL_SET + b"\x00"
    m = Mod()
    m.funcs.append((m.type((), ("i32",)), ["i32"], bytes(body) + LOCAL_GET + b"\x00"))
    m.exports.append(("f", 0))
    return m.encode(), {"timeout": 2}, False


def _gen_stack(rng: random.Random) -> Generated:
    n = rng.choice([10, 100, 1000, 3000])
    body = b"".join(i32_const(rng.randrange(1 << 32)) for _ in range(n))
    body += b"".join(rng.choice(_BINOPS[:6]) for _ in range(n - 1))
    m = Mod()
    m.exports.append(("f", m.func(body, results=("i32",))))
    return m.encode(), {"timeout": 2}, False


def _gen_funcs(rng: random.Random) -> Generated:
    return _many_funcs_module(rng.choice([10, 100, 1000, 3000])), {"timeout": 2}, False


def _gen_memory(rng: random.Random) -> Generated:
    lo = rng.choice([0, 1, 16, 1024, 16384, 65536])
    hi = rng.choice([None, lo, min(65536, lo + rng.randrange(1, 65536))])
    m = Mod(memory=(lo, hi))
    body = bytearray()
    for _ in range(rng.randrange(1, 20)):
        op = rng.randrange(3)
        if op == 0:
            body += i32_const(rng.choice([0, 1, 100, 16384, 65536, -1])) + MEMORY_GROW + DROP
        elif op == 1:
            addr = rng.choice([0, rng.randrange(1 << 32), (lo << 16) - 1, lo << 16])
            body += i32_const(addr) + i32_const(rng.randrange(256)) + I32_STORE8 + b"\x00\x00"
        else:
            addr, n = rng.randrange(1 << 24), rng.choice([0, 1, 1 << 16, 1 << 20])
            body += i32_const(addr) + i32_const(rng.randrange(256)) + i32_const(n) + MEMORY_FILL
    body += b"\x3f\x00"  # memory.size
    m.exports.append(("f", m.func(bytes(body), results=("i32",))))
    limits = {"max_memory_pages": rng.choice([None, 1024, 16384]), "timeout": 2}
    return m.encode(), limits, False


def _gen_recursion(rng: random.Random) -> Generated:
    m = Mod()
    nlocals = rng.choice([0, 10, 1000, 50000])
    m.funcs.append((m.type(), ["i64"] * nlocals, CALL + uleb(0)))
    m.exports.append(("f", 0))
    return m.encode(), {"max_call_depth": rng.choice([1, 100, 10**4, 10**9]), "timeout": 2}, False


def _gen_reentry(rng: random.Random) -> Generated:
    m = Mod()
    m.imports.append(("env", "h", m.type()))
    m.exports.append(("f", m.func(CALL + uleb(0))))
    return m.encode(), {"max_call_depth": rng.choice([1, 10, 100, 10**4, 10**9])}, True


def _gen_br_table(rng: random.Random) -> Generated:
    depth, n = rng.choice([1, 10, 100]), rng.choice([10, 1000, 100000])
    table = vec([uleb(rng.randrange(depth)) for _ in range(n)]) + uleb(rng.randrange(depth))
    body = (BLOCK + EMPTY) * depth + i32_const(rng.randrange(n + 2)) + b"\x0e" + table
    m = Mod()
    m.exports.append(("f", m.func(body + END * depth)))
    return m.encode(), {"timeout": 2}, False


def _gen_locals(rng: random.Random) -> Generated:
    """One function declaring up to 50 million locals (a single run-length entry)."""
    n = rng.choice([1000, 100000, 1000000, 50000000])
    m = Mod()
    m.funcs.append((m.type((), ("i64",)), [(n, "i64")], LOCAL_GET + uleb(rng.randrange(n))))
    m.exports.append(("f", 0))
    return m.encode(), {"timeout": 2}, False


FAMILIES: dict[str, Callable[[random.Random], Generated]] = {
    "nested": _gen_nested,
    "straight": _gen_straight,
    "stack": _gen_stack,
    "funcs": _gen_funcs,
    "memory": _gen_memory,
    "recursion": _gen_recursion,
    "reentry": _gen_reentry,
    "br_table": _gen_br_table,
    "locals": _gen_locals,
}


def run_generated(family: str, seed: int) -> dict[str, Any]:
    """Build and run ``(family, seed)`` in this process; the campaign's report."""
    import interp

    wasm, limits, reentrant = FAMILIES[family](random.Random(f"{family}:{seed}"))
    t0, c0 = time.perf_counter(), time.process_time()
    phase = "decode"
    try:
        module = interp.decode_module(wasm)
        phase = "validate"
        interp.validate_module(module)
        phase = "instantiate"
        store = interp.Store(**limits)
        box: list[Any] = []
        imports = {}
        if reentrant:
            h = interp.HostFunc(interp.FuncType((), ()), lambda: box[0].invoke("f"))
            imports = {"env": {"h": h}}
        box.append(interp.instantiate(store, module, imports))
        phase = "invoke"
        t_call = time.perf_counter()
        try:
            result = box[0].invoke("f")
        finally:
            call_seconds = time.perf_counter() - t_call
        outcome = "ok"
    except interp.WasmError as e:
        result, outcome = None, f"{type(e).__name__}: {e}"
        call_seconds = time.perf_counter() - t_call if phase == "invoke" else 0.0
    except BaseException as e:  # a stray exception is what this reports
        result, outcome = None, f"stray {type(e).__name__}: {str(e)[:200]}"
        call_seconds = time.perf_counter() - t_call if phase == "invoke" else 0.0
    return {
        "family": family,
        "seed": seed,
        "module_bytes": len(wasm),
        "limits": limits,
        "phase": phase,
        "outcome": outcome,
        "result": result,
        "call_seconds": round(call_seconds, 3),
        "seconds": round(time.perf_counter() - t0, 3),
        "cpu": round(time.process_time() - c0, 3),
        "maxrss_mb": peak_rss_mb(),
    }


def peak_rss_mb() -> float:
    """This process's peak RSS in MiB: ``VmHWM`` (Linux), else ``ru_maxrss``.

    ``ru_maxrss`` survives fork + exec: a child of a 400 MB pytest worker would
    report 400 MB whatever it did.  ``VmHWM`` belongs to the address space,
    which exec replaces, so it is the child's own.
    """
    try:
        with open("/proc/self/status") as f:
            for line in f:
                if line.startswith("VmHWM:"):
                    return round(int(line.split()[1]) / 1024, 1)
    except OSError:
        pass
    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)


def run_case(case: str) -> dict[str, Any]:
    """Run one case in this process; the report the regression tests read."""
    import interp

    _CALL.clear()
    wasm = CASES[case].build()
    t0, c0 = time.perf_counter(), time.process_time()
    try:
        result = CASES[case].run(interp, wasm)
        outcome = "ok"
    except interp.WasmError as e:
        result, outcome = None, f"{type(e).__name__}: {e}"
    except BaseException as e:  # a stray exception is what this reports
        result, outcome = None, f"stray {type(e).__name__}: {str(e)[:200]}"
    return {
        "case": case,
        "outcome": outcome,
        "result": result,
        "seconds": round(time.perf_counter() - t0, 3),
        "call_seconds": round(time.perf_counter() - _CALL.get("start", t0), 3),
        "cpu": round(time.process_time() - c0, 3),
        "maxrss_mb": peak_rss_mb(),
    }


def main(argv: list[str]) -> int:
    if len(argv) == 3 and argv[0] == "gen" and argv[1] in FAMILIES:
        print(json.dumps(run_generated(argv[1], int(argv[2]))), flush=True)
        return 0
    if len(argv) != 1 or argv[0] not in CASES:
        print(f"usage: python -m fuzz.hostile {{{','.join(CASES)}}}", file=sys.stderr)
        return 2
    print(json.dumps(run_case(argv[0])), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
