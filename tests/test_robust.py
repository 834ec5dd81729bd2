"""No input can crash, hang or exhaust the host (issue 12).

Each case of :mod:`fuzz.hostile` runs in its own subprocess under
``resource`` limits (CPU seconds, address space, optionally a 1 MiB C stack)
and a wall-clock bound, so a case that segfaults, hangs or eats memory fails
its test instead of taking the run down.  The bounds are the issue's: a
re-entry chain ends in ``Exhaustion`` within a second, a timeout acts within
10% + 0.1 s, fuel runs out as fast in every code shape, memory costs what is
touched, compilation is linear.  Cases not fixed yet are strict xfails whose
reason holds the measured figure, so they flip when fixed.
"""

from __future__ import annotations

import json
import resource
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parent.parent
MiB = 1 << 20
GiB = 1 << 30
MIXED_CPU = 20  # seconds: see test_mixed_width_chain_compiles_linearly


def run_case(
    case: str, *, cpu: int, wall: float, address_space: int = 2 * GiB, stack: int | None = None
) -> dict[str, Any]:
    """Run ``python -m fuzz.hostile case`` under limits; its report, or how it died."""

    def limit() -> None:
        resource.setrlimit(resource.RLIMIT_CPU, (cpu, cpu + 1))
        resource.setrlimit(resource.RLIMIT_AS, (address_space, address_space))
        if stack is not None:  # applies to the main thread of the exec'd interpreter
            resource.setrlimit(resource.RLIMIT_STACK, (stack, stack))

    try:
        proc = subprocess.run(
            [sys.executable, "-m", "fuzz.hostile", case],
            cwd=ROOT,
            capture_output=True,
            text=True,
            timeout=wall,
            preexec_fn=limit,
        )
    except subprocess.TimeoutExpired:
        return {"outcome": f"hang: no answer within {wall} s wall-clock"}
    if proc.returncode != 0:
        return {"outcome": f"died: exit status {proc.returncode}", "stderr": proc.stderr[-2000:]}
    report: dict[str, Any] = json.loads(proc.stdout.strip().splitlines()[-1])
    return report


def check(report: dict[str, Any], outcome: str | tuple[str, ...], **bounds: float) -> None:
    """The case ended as expected and within every bound (``seconds``, ``cpu``, ``maxrss_mb``)."""
    expected = (outcome,) if isinstance(outcome, str) else outcome
    assert report["outcome"].startswith(expected), report
    for key, most in bounds.items():
        assert report[key] <= most, f"{key} {report[key]} > {most}: {report}"


def test_peak_rss_is_the_childs_own() -> None:
    """The figure must not inherit the parent's high-water mark (``ru_maxrss``
    survives fork + exec): run a small case from a parent holding 500 MiB."""
    ballast = bytearray(500 * MiB)  # zero-filled, so every page is touched
    report = run_case("big_memory", cpu=10, wall=30, address_space=6 * GiB)
    assert len(ballast) == 500 * MiB
    check(report, "ok", maxrss_mb=100)


# -- re-entry and recursion: the call-depth limit, whatever the C stack ----------------

EXHAUSTED = "Exhaustion: call stack exhausted"


@pytest.mark.parametrize("stack", [None, MiB], ids=["default-stack", "ulimit-s-1024"])
@pytest.mark.parametrize("case", ["reentry_100", "reentry_default"])
def test_host_reentry_is_exhaustion(case: str, stack: int | None) -> None:
    """wasm -> host -> wasm ... ends in Exhaustion within a second, also on a 1 MiB C stack."""
    check(run_case(case, cpu=10, wall=30, stack=stack), EXHAUSTED, seconds=1.0)


@pytest.mark.parametrize("stack", [None, MiB], ids=["default-stack", "ulimit-s-1024"])
@pytest.mark.parametrize("case", ["recursion_default", "tail_mode_recursion"])
def test_endless_recursion_is_exhaustion(case: str, stack: int | None) -> None:
    """Plain and trampolined (non-inlined) recursion under the default depth limit."""
    check(run_case(case, cpu=10, wall=30, stack=stack), EXHAUSTED, seconds=1.0)


def test_recursion_with_huge_frames_is_bounded_in_memory() -> None:
    """50,000 locals per frame: the depth budget shrinks so frames fit in 256 MiB
    (unbounded, it reached 2.2 GB in 13 s and died with a SystemError)."""
    report = run_case("big_frames_recursion", cpu=30, wall=90, address_space=GiB + 512 * MiB)
    check(report, EXHAUSTED, maxrss_mb=256 + 200)


@pytest.mark.parametrize("stack", [None, MiB], ids=["default-stack", "ulimit-s-1024"])
def test_unbounded_recursion_stops_promptly(stack: int | None) -> None:
    """``max_call_depth=10**9, timeout=1``: the C stack bounds the depth long before memory."""
    report = run_case("recursion_timeout", cpu=10, wall=30, stack=stack)
    check(report, (EXHAUSTED, "Timeout"), call_seconds=1.2, maxrss_mb=200)


# -- fuel and timeouts in every code shape --------------------------------------------


def test_fuel_in_a_simple_loop() -> None:
    """The reference shape: 10**6 units of fuel in a one-instruction loop."""
    check(run_case("simple_loop_fuel", cpu=10, wall=30), "OutOfFuel", cpu=1.0)


def test_fuel_in_deeply_nested_loops() -> None:
    """10**6 units of fuel branching to the outermost of 5,000 loops: as fast as a simple loop
    (each empty fuel segment used to leave a ``pass``, i.e. a NOP, per loop: 10.6 s)."""
    check(run_case("nested_loops_fuel", cpu=3, wall=30), "OutOfFuel", cpu=1.0)


def test_timeout_in_deeply_nested_loops() -> None:
    """``timeout=1`` stops a branch to the outermost of 5,000 loops within 10% + 0.1 s."""
    check(run_case("nested_loops_timeout", cpu=10, wall=30), "Timeout", call_seconds=1.2)


def test_timeout_during_compilation() -> None:
    """``timeout=1`` covers compiling a 2,000,001-instruction function on its first call.

    A signal handler runs between bytecodes, never inside one builtin
    ``compile()``: the function is compiled in pieces of ~64 KB of source
    (``interp.pieces``), each its own ``compile()`` call of ~25 ms, so the
    deadline is checked between them (it acted only after 3 s of compile
    before; now at 1.00 s)."""
    # decoding and validating 2,000,001 instructions takes ~2.5 s before the call
    report = run_case("adds_1m_timeout", cpu=8, wall=30, address_space=3 * GiB)
    check(report, "Timeout", call_seconds=1.2)


# -- memory costs what is touched ------------------------------------------------------


def test_declared_4gib_memory_is_lazy() -> None:
    """65,536 declared pages: instantiate and touch two bytes without allocating 4 GiB."""
    report = run_case("big_memory", cpu=10, wall=30, address_space=6 * GiB)
    check(report, "ok", seconds=1.0, maxrss_mb=100)
    assert report["result"] == [7]


def test_grow_to_1gib_and_fill_in_chunks() -> None:
    """Grow 1 page -> 1 GiB and fill it (1 MiB ``memory.fill``s): peak RSS <= 1.2x its size."""
    report = run_case("grow_fill_1gib_chunked", cpu=30, wall=90, address_space=GiB + 512 * MiB)
    check(report, "ok", maxrss_mb=1.2 * 1024)
    assert report["result"] == [0xAB]


def test_grow_to_1gib_and_fill_at_once() -> None:
    """One ``memory.fill`` of 1 GiB: no temporary as large as the memory."""
    report = run_case("grow_fill_1gib_whole", cpu=30, wall=90, address_space=GiB + 512 * MiB)
    check(report, "ok", maxrss_mb=1.2 * 1024)


# -- compilation is linear in the function's size --------------------------------------


def test_one_million_adds_compile_linearly() -> None:
    """2,000,001 instructions in one function: <= 5 us and <= 300 bytes per instruction.

    Constants fold at compile time (``interp.exprs``), so the function is
    ``return 1000000``: what is left is decoding, validating and the
    compiler's own bookkeeping, 4.8 s CPU and 188 MiB on the loaded 2-core
    machine (was 26 s, 241 MiB).  The variants below check that this is not
    a special case: a chain on a local, and mixed widths, fold nothing."""
    report = run_case("adds_1m", cpu=10, wall=60, address_space=3 * GiB)
    check(report, "ok", cpu=10, maxrss_mb=600)
    assert report["result"] == [1_000_000]


def test_one_million_adds_on_a_local_compile_linearly() -> None:
    """``local.get 0`` then 1,000,000 ``i32.const 1; i32.add``: nothing folds, the
    mask waits across each run of adds (``l0 + 1 + 1 ...``, one ``& 0xFFFFFFFF``
    per statement), 2,000,001 instructions within 10 s CPU."""
    report = run_case("local_adds_1m", cpu=12, wall=90, address_space=3 * GiB)
    check(report, "ok", cpu=10, maxrss_mb=600)
    assert report["result"] == [1_000_000]


def test_mixed_width_chain_compiles_linearly() -> None:
    """800,000 steps cycling ``i32.add``/``i32.sub``/``i32.xor`` and an
    ``i64.add`` between ``i64.extend_i32_u`` and ``i32.wrap_i64``, on
    constants that do not fold (2,000,001 instructions); the result is the
    Python oracle's."""
    from fuzz.hostile import mixed_result

    report = run_case("mixed_800k", cpu=MIXED_CPU + 2, wall=120, address_space=3 * GiB)
    check(report, "ok", cpu=MIXED_CPU, maxrss_mb=600)
    assert report["result"] == [mixed_result()]


def check_linear(small: str, big: str, *, address_space: int = 3 * GiB) -> None:
    """``big`` is 10x ``small``: its CPU time and its RSS above the interpreter's
    own may grow 20x at most (linear: 10x; quadratic: 100x); ``small`` within
    5 s and ``big`` within 20 s of CPU.  Measured on the shared 2-core machine
    the CPU ratio of the operand-stack case is 13-15.3x (allocator and GC
    effects at 1.7 GB), so 15x failed by noise once; 20x still refuses anything
    quadratic by a factor of five."""
    a = run_case(small, cpu=5, wall=60, address_space=address_space)
    check(a, "ok")
    most = 20 * max(a["cpu"], 0.05)  # the big run is stopped once it exceeds its bound
    cpu = min(int(most) + 2, 20)  # and within 20 s in any case: the default run stays short
    b = run_case(big, cpu=cpu, wall=10 * cpu + 30, address_space=address_space)
    check(b, "ok")
    assert b["cpu"] <= 20 * max(a["cpu"], 0.05), (a, b)
    base = 20.0  # MiB: the interpreter with the engine imported
    assert b["maxrss_mb"] - base <= 20 * max(a["maxrss_mb"] - base, 1.0), (a, b)


def test_deep_operand_stack_compiles_linearly() -> None:
    """500,000 pushes then 499,999 adds cost at most 20x 50,000 of them."""
    check_linear("pushes_50k", "pushes_500k")


def test_fifty_thousand_functions_scale_linearly() -> None:
    """Instantiate 50,000 functions and call each once: at most 20x the cost of 5,000."""
    check_linear("funcs_5k", "funcs_50k")


def test_deeply_nested_ifs_compile_linearly() -> None:
    """10,000 nested ``if``s (30,003 instructions): <= 1 KB per instruction above the baseline.

    Flat code; its empty blocks are merged (20,000 labels in a row were 20,000
    blocks), its long blocks cut and its regions compiled one by one
    (``interp.pieces``): 0.53-0.59 s CPU and 38.5 MiB peak RSS, was 0.68 s
    and 172 MiB."""
    report = run_case("nested_ifs_10k", cpu=10, wall=30)
    check(report, "ok", cpu=1.0, maxrss_mb=64)
    assert report["result"] == [1]


# -- bulk memory in chunks: no temporary as large as the range ------------------------


@pytest.mark.parametrize(("d", "s"), [(1_000_003, 7), (7, 1_000_003), (0, 0), (5, 3_000_000)])
def test_chunked_memory_copy_is_memmove(d: int, s: int) -> None:
    """Copies above the chunk size, overlapping either way, equal a plain memmove."""
    from interp.compile import memory_copy, memory_fill
    from interp.runtime import MemInst
    from interp.types import Limits, MemType

    mem = MemInst(MemType(Limits(64, None))).data  # 4 MiB
    pattern = bytes(range(251)) * (len(mem) // 251)
    mem[: len(pattern)] = pattern
    n = 3_000_000 if max(d, s) + 3_000_000 <= len(mem) else len(mem) - max(d, s)
    expected = bytearray(mem)
    expected[d : d + n] = bytes(expected[s : s + n])
    memory_copy(mem, mem, d, s, n)
    assert mem[:] == bytes(expected)
    memory_fill(mem, 3, 0x1AB, 2_500_001)  # the value is taken mod 256
    expected[3 : 3 + 2_500_001] = b"\xab" * 2_500_001
    assert mem[:] == bytes(expected)
