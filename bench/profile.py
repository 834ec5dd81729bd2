"""Where the time goes: counts and profiles behind the analysis in ``bench/README.md``.

``python -m bench.profile flat [PROGRAM ...]``
    For each flat-mode function that runs, instrument a copy of its
    generated source (outside the engine: the text is patched, compiled in
    the instance's namespace and installed in place of the engine's
    function) to count *jumps* (iterations of the flat ``while True``) and
    *pc tests* (``if pc <= k:`` conditions evaluated), next to the executed
    wasm instructions (fuel).  Size ``small`` unless ``--size``.
``python -m bench.profile cprofile NAME``
    cProfile of one nanowasm run of a kernel or program: time per category
    (generated code, numerics helpers, memory helpers, compiler, decoder,
    validator, WASI, other) and the top functions.
``python -m bench.profile suite [--every N]``
    cProfile of an in-process ``pytest spec`` over every N-th script
    (single process, no xdist): per-item cost split into harness, pytest,
    conversion cache, decode, validate, instantiate, compile, generated code.
``python -m bench.profile scheduler [--limit N]``
    CPU time of the controller's ``--dist loadfile`` scheduler alone over the
    suite's item ids (2 workers, the 6 events xdist's controller receives per
    item), xdist's ``LoadFileScheduling`` against ``harness.scheduler``.

Nothing here is a test and nothing asserts on time: it prints figures.
"""

from __future__ import annotations

import argparse
import cProfile
import io
import itertools
import pstats
import re
import sys
import time
from collections import defaultdict
from pathlib import Path
from typing import Any

from .kernels import Kernel, default_kernels_dir, load_kernels


def _find(name: str, size: str) -> Kernel:
    from . import programs

    if name in programs.PROGRAMS:
        return programs.build([name], size=size)[0]
    found = load_kernels(default_kernels_dir(), [name])
    return found[0]


def _instance(kernel: Kernel, fuel: int | None = None, size: str = "small") -> tuple[Any, Any, Any]:
    """(instance, store, wasi or None), ready to run."""
    import interp
    from interp.wasi import Wasi

    module = interp.decode_module(kernel.wasm.read_bytes())
    interp.validate_module(module)
    store = interp.Store(fuel=fuel)
    if kernel.is_wasi:
        wasi = Wasi(args=kernel.wasi_argv(size), stdout=io.BytesIO())
        return interp.instantiate(store, module, wasi.imports()), store, wasi
    return interp.instantiate(store, module, {}), store, None


def _run(kernel: Kernel, inst: Any, wasi: Any, size: str) -> Any:
    if wasi is not None:
        return wasi.run_start(inst)
    return inst.invoke(kernel.export, *kernel.sizes[size].args)


# -- flat-mode dispatch counts -----------------------------------------------------------

_PC_TEST = re.compile(r"^(\s*)if pc <= (\d+):$")
_CONTINUE = re.compile(r"^(\s*)continue$")


def instrument_flat(source: str) -> tuple[str, int]:
    """Count pc tests and jumps in flat source; also return its number of basic blocks."""
    out = []
    blocks = 0
    for line in source.splitlines():
        m = _PC_TEST.match(line)
        if m:
            blocks += 1
            out.append(f"{m.group(1)}if next(_PC_TESTS) < 0 or pc <= {m.group(2)}:")
            continue
        m = _CONTINUE.match(line)
        if m:
            out.append(f"{m.group(1)}next(_JUMPS)")
        out.append(line)
    return "\n".join(out) + "\n", blocks


def flat_counts(kernel: Kernel, size: str, every_function: bool = False) -> list[dict]:
    """Count the flat code's ``pc`` tests and jumps, for each function that runs
    flat (``every_function``: each function's flat form, also for those the
    engine compiles structured)."""
    from interp import pieces
    from interp.compile import FunctionCompiler, compile_function

    fuel0 = 10**15
    inst, store, wasi = _instance(kernel, fuel=fuel0, size=size)
    nimported = len(inst.funcs) - len(inst.module.funcs)
    counters = {}
    for i in range(nimported, len(inst.funcs)):
        fn = compile_function(inst, i)
        if "pc" not in fn.__code__.co_varnames and not every_function:
            continue  # structured: nothing to count
        # the engine's own flat code for this function, fuel accounting on (it counts instructions)
        func = inst.module.funcs[i - nimported]
        fc = FunctionCompiler(
            inst.module, inst.types, i, func, inst.types[func.typeidx], flat=True, fuel=True
        )
        split, pieces.SPLIT_CHARS = pieces.SPLIT_CHARS, 1 << 62  # one whole function
        try:
            source, blocks = instrument_flat(fc.compile())
        finally:
            pieces.SPLIT_CHARS = split
        tests, jumps = itertools.count(), itertools.count()
        ns = inst.namespace
        ns["_PC_TESTS"], ns["_JUMPS"] = tests, jumps
        exec(compile(source, f"<flat {i}>", "exec"), ns)
        new = ns.pop(f"w{i}")
        f = inst.funcs[i]
        f.fn = f.call = new
        ns[f"f{i}"] = new
        counters[i] = (tests, jumps, blocks)
    if not counters:
        return []
    _run(kernel, inst, wasi, size)
    instrs = fuel0 - store.fuel
    rows = []
    for i, (tests, jumps, blocks) in counters.items():
        t, j = next(tests), next(jumps)
        if t == 0:
            continue
        rows.append(
            {
                "kernel": kernel.name,
                "function": inst.func_name(i),
                "blocks": blocks,
                "jumps": j,
                "pc_tests": t,
                "tests_per_jump": t / j if j else None,
                "program_instrs": instrs,
            }
        )
    return rows


# -- the chaintree prototype on the real flat code ----------------------------------------


def regroup_flat(source: str, fan: int = 16) -> str:
    """Rewrite the engine's flat source: the ``if pc <= k:`` chain becomes a tree of groups.

    The blocks (each ``if pc <= k:`` at the loop body's indentation, with
    everything indented below it) are grouped ``fan`` per level under
    ``if pc <= last:`` headers; nothing else changes.  Fall-through stays
    correct for the same reason the chain is: a block that ends without a
    jump leaves ``pc`` at most its own number, so every later test is true.
    This is :func:`bench.prototypes.flat_dispatch.src_chaintree` applied to
    the real generated code.
    """
    lines = source.splitlines()
    loop = next(i for i, ln in enumerate(lines) if ln.strip() == "while True:")
    ind = len(lines[loop]) - len(lines[loop].lstrip()) + 1
    prefix = " " * ind
    end = loop + 1
    while end < len(lines) and (lines[end].startswith(prefix) or not lines[end].strip()):
        end += 1
    blocks: list[tuple[int, list[str]]] = []
    for ln in lines[loop + 1 : end]:
        m = _PC_TEST.match(ln)
        if m and len(m.group(1)) == ind:
            blocks.append((int(m.group(2)), [ln]))
        else:
            blocks[-1][1].append(ln)

    def tree(group: list[tuple[int, list[str]]], depth: int) -> list[str]:
        if len(group) <= fan:
            return [" " * depth + ln for _, blk in group for ln in blk]
        step = -(-len(group) // fan)
        out = []
        for g in range(0, len(group), step):
            part = group[g : g + step]
            out.append(f"{prefix}{' ' * depth}if pc <= {part[-1][0]}:")
            out += tree(part, depth + 1)
        return out

    return "\n".join([*lines[: loop + 1], *tree(blocks, 0), *lines[end:]]) + "\n"


def chaintree_on_programs(names: list[str], size: str, repeat: int, fan: int) -> list[dict]:
    """Time each program with the engine's flat code, then with the same code regrouped."""
    from interp.compile import compile_function, function_source

    rows = []
    for name in names:
        kernel = _find(name, size)
        times: dict[str, float] = {}
        for variant in ("chain", "chaintree"):
            for _ in range(repeat):
                inst, _store, wasi = _instance(kernel, size=size)
                nimported = len(inst.funcs) - len(inst.module.funcs)
                for i in range(nimported, len(inst.funcs)):
                    fn = compile_function(inst, i)
                    if "pc" in fn.__code__.co_varnames:
                        src = function_source(inst, i, flat=True)
                        if variant == "chaintree":
                            src = regroup_flat(src, fan)
                        exec(compile(src, f"<{variant} {i}>", "exec"), inst.namespace)
                        fn = inst.namespace.pop(f"w{i}")
                    f = inst.funcs[i]
                    f.fn = f.call = fn
                    inst.namespace[f"f{i}"] = fn
                c0 = time.process_time()
                result = _run(kernel, inst, wasi, size)
                dt = time.process_time() - c0
                if not kernel.is_wasi:
                    from .kernels import normalize_result, results_equal

                    got = normalize_result(result, kernel.result)
                    if not results_equal(got, kernel.sizes[size].expected, kernel.result):
                        raise SystemExit(f"{name} {variant}: wrong result {got!r}")
                times[variant] = min(times.get(variant, dt), dt)
        rows.append({"program": name, **times, "instrs": kernel.sizes[size].wasm_instrs})
    return rows


# -- compile cost split ---------------------------------------------------------------


def compile_split(kernel: Kernel) -> dict:
    """Per-phase CPU time of compiling every defined function, without a profiler.

    Phases as :func:`interp.compile.compile_function` runs them: generate the
    structured source (``codegen``), CPython ``compile()`` it, and only if
    that fails, generate and compile the flat source (``flat retry``); then
    ``exec`` the code object.  Also the index-space lookup the compiler does
    per function (``module.func_types()``, O(functions) each time).
    """
    from interp.compile import FunctionCompiler, _TooDeep

    inst, _store, _wasi = _instance(kernel)
    module = inst.module
    nimported = len(inst.funcs) - len(module.funcs)
    t: dict[str, float] = defaultdict(float)
    retries = 0
    for i in range(nimported, len(inst.funcs)):
        func = module.funcs[i - nimported]
        ft = inst.types[func.typeidx]
        c0 = time.process_time()
        module.func_types()
        c1 = time.process_time()
        t["func_types() lookups"] += c1 - c0
        try:
            src = FunctionCompiler(module, inst.types, i, func, ft, flat=False).compile()
            c2 = time.process_time()
            t["codegen"] += c2 - c1
            code = compile(src, "<wasm>", "exec")
            c3 = time.process_time()
            t["compile()"] += c3 - c2
        except (_TooDeep, SyntaxError, RecursionError, MemoryError):
            retries += 1
            c2 = time.process_time()
            t["failed structured attempt"] += c2 - c1
            code = compile(
                FunctionCompiler(module, inst.types, i, func, ft, flat=True).compile(),
                "<wasm>",
                "exec",
            )
            c3 = time.process_time()
            t["flat codegen + compile()"] += c3 - c2
        c4 = time.process_time()
        exec(code, inst.namespace)
        inst.namespace.pop(f"w{i}")
        t["exec"] += time.process_time() - c4
    return {"functions": len(module.funcs), "flat": retries, **t}


# -- cProfile of one run --------------------------------------------------------------

CATEGORIES = (
    ("generated code", lambda f: f.startswith("<wasm") or f.startswith("<flat")),
    ("numerics", lambda f: f.endswith("interp/numerics.py") or "numerics_simd" in f),
    ("compiler", lambda f: f.endswith("interp/compile.py") or f.endswith("interp/simd.py")),
    ("decoder", lambda f: f.endswith("interp/binary.py")),
    ("validator", lambda f: f.endswith("interp/validate.py")),
    ("runtime", lambda f: f.endswith("interp/runtime.py")),
    ("wasi", lambda f: f.endswith("interp/wasi.py")),
    ("harness", lambda f: "/harness/" in f),
    ("pytest/pluggy", lambda f: "/_pytest/" in f or "/pluggy/" in f or "/xdist/" in f),
    ("builtins", lambda f: f == "~"),
)


def categorize(stats: pstats.Stats) -> dict[str, float]:
    """Exclusive (tottime) seconds per category."""
    out: dict[str, float] = defaultdict(float)
    for (filename, _line, name), (_cc, _nc, tt, _ct, _callers) in stats.stats.items():  # type: ignore[attr-defined]
        for cat, test in CATEGORIES:
            if test(filename):
                if cat == "builtins" and name.startswith("<built-in method builtins."):
                    cat = name[len("<built-in method builtins.") : -1] + "() (builtin)"
                out[cat] += tt
                break
        else:
            out[f"other: {_where(filename)}"] += tt
    return dict(out)


def _where(filename: str) -> str:
    """A short place name for an uncategorized file: package or stdlib module."""
    parts = Path(filename).parts
    if "site-packages" in parts:
        return parts[parts.index("site-packages") + 1].split(".")[0]
    if filename.startswith("<"):
        return filename.split(">")[0] + ">"
    return Path(filename).stem


def _category_lines(cats: dict[str, float]) -> list[str]:
    """Categories by time; those under 0.5% lumped into "rest"."""
    total = sum(cats.values()) or 1.0
    rows = sorted(cats.items(), key=lambda kv: -kv[1])
    small = sum(sec for _, sec in rows if sec / total < 0.005)
    rows = [(c, s) for c, s in rows if s / total >= 0.005] + [("rest", small)]
    return [f"  {cat:<28} {sec:8.3f} s  {sec / total:6.1%}" for cat, sec in rows]


def profile_run(kernel: Kernel, size: str, top: int = 15) -> str:
    import interp.compile
    import interp.wasi  # noqa: F401  (imports are start-up cost, not this run's)

    prof = cProfile.Profile(time.process_time)  # CPU time: a shared machine's waiting is not cost
    prof.enable()
    inst, _store, wasi = _instance(kernel, size=size)
    _run(kernel, inst, wasi, size)
    prof.disable()
    stats = pstats.Stats(prof)
    cats = categorize(stats)
    total = sum(cats.values())
    lines = [f"cProfile: nanowasm on {kernel.name} ({size}), {total:.3f} s profiled", ""]
    lines += [
        f"  {cat:<24} {sec:8.3f} s  {sec / total:6.1%}"
        for cat, sec in sorted(cats.items(), key=lambda kv: -kv[1])
    ]
    buf = io.StringIO()
    pstats.Stats(prof, stream=buf).sort_stats("tottime").print_stats(top)
    lines += ["", buf.getvalue()]
    return "\n".join(lines)


# -- the suite --------------------------------------------------------------------------


def _suite_sample(every: int) -> list[str]:
    from harness.suite import list_scripts, suite_dir

    return [f"spec/{s}" for s in list_scripts(suite_dir(None))[::every]]


PYTEST_ARGS = ["-q", "-p", "no:xdist", "-p", "no:cacheprovider", "--no-header", "-rN"]


def _cached_engine_version() -> None:
    """What caching the adapter's version would save: the harness asks for it once per item,
    and ``importlib.metadata.version`` scans and parses package metadata every time."""
    from harness.engines import nanowasm_engine

    value = nanowasm_engine.NanowasmEngine().version
    nanowasm_engine.NanowasmEngine.version = property(lambda self: value)  # type: ignore[assignment,method-assign]


def time_suite(every: int, cached_version: bool) -> str:
    """The sample without a profiler: wall and CPU, per item (single process)."""
    import pytest

    if cached_version:
        _cached_engine_version()
    items = _ItemCounter()
    t0, c0 = time.perf_counter(), time.process_time()
    rc = pytest.main([*_suite_sample(every), *PYTEST_ARGS], plugins=[items])
    wall, cpu = time.perf_counter() - t0, time.process_time() - c0
    return (
        f"suite sample every {every}th script, engine version {'cached' if cached_version else 'as is'}: "
        f"{items.n:,} items, exit {rc}, {wall:.1f} s wall, {cpu:.1f} s CPU, "
        f"{cpu / max(items.n, 1) * 1e3:.2f} ms CPU per item"
    )


def pytest_floor(n: int = 5000) -> str:
    """CPU per item of pytest itself: ``n`` parametrized no-op tests in a temporary folder."""
    import tempfile

    import pytest

    with tempfile.TemporaryDirectory() as d:
        Path(d, "test_noop.py").write_text(
            f"import pytest\n\n\n@pytest.mark.parametrize('i', range({n}))\ndef test_noop(i):\n    pass\n"
        )
        c0 = time.process_time()
        rc = pytest.main(
            [d, "-q", "-p", "no:cacheprovider", "-p", "no:xdist", "--no-header", "-rN"]
        )
        cpu = time.process_time() - c0
    return f"pytest floor: {n} no-op items, exit {rc}, {cpu:.2f} s CPU, {cpu / n * 1e3:.3f} ms per item"


class _ItemCounter:
    def __init__(self) -> None:
        self.n = 0

    def pytest_runtest_logfinish(self, nodeid: str, location: object) -> None:
        self.n += 1


def profile_suite(every: int, top: int = 25) -> str:
    import pytest

    args = _suite_sample(every)
    prof = cProfile.Profile(time.process_time)  # CPU time: a shared machine's waiting is not cost
    t0 = time.perf_counter()
    c0 = time.process_time()
    prof.enable()
    rc = pytest.main([*args, *PYTEST_ARGS])
    prof.disable()
    wall = time.perf_counter() - t0
    cpu = time.process_time() - c0
    stats = pstats.Stats(prof)
    cats = categorize(stats)
    total = sum(cats.values())
    lines = [
        f"suite sample: every {every}th script ({len(args)} scripts), pytest exit {rc}, "
        f"{wall:.1f} s wall, {cpu:.1f} s CPU under cProfile, {total:.1f} s CPU profiled",
        "",
    ]
    lines += _category_lines(cats)
    buf = io.StringIO()
    pstats.Stats(prof, stream=buf).sort_stats("cumulative").print_stats(top)
    lines += ["", buf.getvalue()]
    return "\n".join(lines)


def _suite_ids() -> list[str]:
    """The suite's item ids, as ``pytest spec --collect-only -q`` prints them."""
    import subprocess

    out = subprocess.run(
        [sys.executable, "-m", "pytest", "spec", "--collect-only", "-q", "-p", "no:xdist"],
        capture_output=True,
        text=True,
        check=False,
    ).stdout
    return [ln.strip() for ln in out.splitlines() if "::" in ln]


def time_scheduler(ids: list[str], cls: Any) -> float:
    """CPU seconds of one scheduler over a whole run of ``ids`` on 2 fake workers."""
    from types import SimpleNamespace

    from xdist.remote import Producer

    class Node:
        def __init__(self, name: str) -> None:
            self.gateway = SimpleNamespace(id=name)
            self.shutting_down = False
            self.queue: list[int] = []

        def send_runtest_some(self, indices: list[int]) -> None:
            self.queue.extend(indices)

        def shutdown(self) -> None:
            self.shutting_down = True

    config = SimpleNamespace(
        getvalue=lambda name: ["2*popen"], option=SimpleNamespace(loadscopereorder=True)
    )
    t0 = time.process_time()
    sched = cls(config, Producer("sched", enabled=False))
    nodes = [Node("gw0"), Node("gw1")]
    for n in nodes:
        sched.add_node(n)
    for n in nodes:  # each worker sends its own strings
        sched.add_node_collection(n, ["".join(list(i)) for i in ids])
    sched.schedule()
    k = 0
    while any(n.queue for n in nodes):
        node = nodes[k % 2] if nodes[k % 2].queue else nodes[1 - k % 2]
        k += 1
        for _ in range(5):  # logstart, 3 reports, logfinish: each ends in this check
            sched.tests_finished  # noqa: B018
        sched.mark_test_complete(node, node.queue.pop(0))
        sched.tests_finished  # noqa: B018
    return time.process_time() - t0


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(
        prog="python -m bench.profile", description=__doc__.splitlines()[0]
    )
    sub = ap.add_subparsers(dest="cmd", required=True)
    p = sub.add_parser("flat", help="count flat-mode jumps and pc tests")
    p.add_argument("names", nargs="*", default=["vm", "brtable", "deep"])
    p.add_argument("--size", default="small")
    p = sub.add_parser("chaintree", help="time the programs with their flat code regrouped")
    p.add_argument("names", nargs="*", default=["vm", "brtable", "deep"])
    p.add_argument("--size", default="default")
    p.add_argument("--repeat", type=int, default=3)
    p.add_argument("--fan", type=int, default=16)
    p = sub.add_parser("compile", help="split compile cost into phases, no profiler")
    p.add_argument(
        "names", nargs="*", default=["many", "wasi_spectral", "wasi_wordfreq", "brtable"]
    )
    p = sub.add_parser("cprofile", help="cProfile one nanowasm run")
    p.add_argument("name")
    p.add_argument("--size", default="small")
    p = sub.add_parser("suite", help="cProfile an in-process run of a sample of the suite")
    p.add_argument("--every", type=int, default=8)
    p.add_argument("--no-profile", action="store_true", help="time the sample, no profiler")
    p.add_argument(
        "--cached-version",
        action="store_true",
        help="with --no-profile: cache the engine adapter's version (what that fix would save)",
    )
    p.add_argument("--floor", action="store_true", help="time pytest alone on no-op items")
    p = sub.add_parser("scheduler", help="CPU of xdist's loadfile scheduler vs harness.scheduler")
    p.add_argument("--limit", type=int, default=None, help="only the first N item ids")
    a = ap.parse_args(argv)
    sys.setrecursionlimit(max(sys.getrecursionlimit(), 10000))
    if a.cmd == "flat":
        print(
            "| program | function | basic blocks | jumps | pc tests | tests per jump | wasm instrs (program) | tests per instr |"
        )
        print("| --- | --- | --- | --- | --- | --- | --- | --- |")
        for name in a.names:
            for r in flat_counts(_find(name, a.size), a.size):
                print(
                    f"| {r['kernel']} | {r['function']} | {r['blocks']:,} | {r['jumps']:,} "
                    f"| {r['pc_tests']:,} | {r['tests_per_jump']:.1f} | {r['program_instrs']:,} "
                    f"| {r['pc_tests'] / r['program_instrs']:.2f} |"
                )
    elif a.cmd == "chaintree":
        print(
            "| program | flat as generated | regrouped (chaintree) | speedup | Minstr/s before | after |"
        )
        print("| --- | --- | --- | --- | --- | --- |")
        for r in chaintree_on_programs(a.names, a.size, a.repeat, a.fan):
            n = r["instrs"] / 1e6
            print(
                f"| {r['program']} | {r['chain'] * 1e3:.1f} ms | {r['chaintree'] * 1e3:.1f} ms "
                f"| {r['chain'] / r['chaintree']:.2f}x | {n / r['chain']:.1f} | {n / r['chaintree']:.1f} |"
            )
    elif a.cmd == "compile":
        for name in a.names:
            r = compile_split(_find(name, "small"))
            n = r.pop("functions")
            flat = r.pop("flat")
            lookups = r.pop("func_types() lookups")  # also inside codegen: not added twice
            total = sum(r.values())
            parts = ", ".join(f"{k} {v * 1e3:.0f} ms ({v / total:.0%})" for k, v in r.items())
            parts += (
                f"; of codegen, module.func_types() {lookups * 1e3:.0f} ms ({lookups / total:.0%})"
            )
            print(f"{name}: {n} functions ({flat} flat), {total * 1e3:.0f} ms = {parts}")
    elif a.cmd == "scheduler":
        from xdist.scheduler import LoadFileScheduling

        from harness.scheduler import FastLoadFileScheduling

        ids = _suite_ids()[: a.limit]
        for cls in (FastLoadFileScheduling, LoadFileScheduling):
            print(f"{cls.__name__}: {len(ids):,} items, {time_scheduler(ids, cls):.2f} s CPU")
    elif a.cmd == "cprofile":
        print(profile_run(_find(a.name, a.size), a.size))
    elif a.floor:
        print(pytest_floor())
    elif a.no_profile:
        print(time_suite(a.every, a.cached_version))
    else:
        print(profile_suite(a.every))
    return 0


if __name__ == "__main__":
    sys.exit(main())
