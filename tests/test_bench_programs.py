"""The interpreter-shaped programs (bench/programs) and the startup figures (bench/startup).

Builds the programs with clang (skipped, with the reason, where clang or
wasi-libc is missing), then checks what can fail: every program has the
shape it is there for, nanowasm, wasmtime and the Python equivalent all give
the committed expected result, and the startup measurements produce complete
records.  Nothing here asserts on timings.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from bench import programs, report, runner, startup
from bench.kernels import default_kernels_dir, load_kernels


def _have_toolchain() -> bool:
    try:
        programs.find_clang()
    except programs.BuildError:
        return False
    return True


needs_clang = pytest.mark.skipif(not _have_toolchain(), reason="no clang for wasm32 here")


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> dict:
    # the shared cache: a stale or missing binary is rebuilt, a fresh one reused
    return {k.name: k for k in programs.build(size="small")}


@needs_clang
def test_every_program_has_its_shape(built: dict) -> None:
    shapes = {name: programs.shape(k.wasm.read_bytes()) for name, k in built.items()}
    for name, sh in shapes.items():
        assert programs.shape_ok(name, sh), (name, sh)
    # the switches compile structured (interp.switches): no flat function left
    assert shapes["vm"].max_br_table >= 100 and shapes["vm"].flat_functions == 0
    assert shapes["brtable"].max_br_table >= 1000 and shapes["brtable"].flat_functions == 0
    assert shapes["deep"].max_br_table == 0 and shapes["deep"].flat_functions == 1  # nesting alone
    assert shapes["many"].functions >= 2000


@needs_clang
def test_shape_check_refuses_a_wrong_shape() -> None:
    sh = programs.Shape(
        functions=1, code_bytes=10, max_br_table=99, max_br_table_func=0, flat_functions=0
    )
    assert not programs.shape_ok("vm", sh)
    assert not programs.shape_ok("brtable", sh)
    assert not programs.shape_ok("deep", sh)
    assert not programs.shape_ok("many", sh)


@needs_clang
def test_programs_run_correctly_on_every_engine(
    tmp_path: Path, capsys: pytest.CaptureFixture
) -> None:
    pytest.importorskip("wasmtime")
    out = tmp_path / "r.json"
    rc = runner.main(
        [
            "--size", "small", "--engines", "nanowasm,python,wasmtime", "--repeat", "1",
            "--kernel", "vm,brtable,deep,many,fib", "--in-process", "--no-startup",
            "--json", str(out),
        ]
    )  # fmt: skip
    stdout = capsys.readouterr().out
    assert rc == 0
    record = json.loads(out.read_text())
    by_key = {(r["kernel"], r["engine"]): r for r in record["results"]}
    for name in ("vm", "brtable", "deep", "many"):
        for engine in ("nanowasm", "python", "wasmtime"):
            r = by_key[(name, engine)]
            assert r["status"] == "ok", r
            assert r["group"] == "program"
        assert by_key[(name, "nanowasm")]["wasm_instrs"] > 0
        assert record["programs"][name]["ok"]
    # the core programs also time a second call (compiled by then) on nanowasm
    for name in ("vm", "brtable", "deep"):
        r = by_key[(name, "nanowasm")]
        assert r["steady_cpu"] > 0 and "steady" not in r["note"], r
        summary = record["summary"]["programs"][name]
        assert summary["steady_mips"] == pytest.approx(report.steady_mips(r))
        assert summary["first_call_mips"] == pytest.approx(report.mips(r))
    assert "steady_cpu" not in by_key[("many", "nanowasm")]  # WASI: _start runs once
    assert "steady_cpu" not in by_key[("vm", "wasmtime")]
    assert by_key[("fib", "nanowasm")]["group"] == "kernel"
    # programs never enter the kernel means: only fib does
    assert record["summary"]["engines"]["nanowasm"]["geomean_mips"] == pytest.approx(
        report.mips(by_key[("fib", "nanowasm")])
    )
    assert "Interpreter-shaped programs" in stdout and "| vm | br_table 118" in stdout


@needs_clang
def test_wrong_program_result_is_caught(built: dict, tmp_path: Path) -> None:
    folder = tmp_path / "deep"
    shutil.copytree(built["deep"].folder, folder)
    meta = json.loads((folder / "kernel.json").read_text())
    meta["sizes"]["small"]["expected"] += 1
    (folder / "kernel.json").write_text(json.dumps(meta))
    from bench.kernels import load_kernel
    from bench.worker import measure

    assert measure("nanowasm", load_kernel(folder), "small", 1)["status"] == "wrong"


def test_time_to_main_and_compile_cost() -> None:
    kernels = load_kernels(default_kernels_dir(), ["wasi_spectral"])
    if not kernels:
        pytest.skip("no shared bench kernels")
    k = kernels[0]
    tm = startup.time_to_main(k, k.sizes["small"].argv, repeat=1)
    assert tm["status"] == "ok", tm
    assert 0 < tm["python_start"] < tm["to_main"] < tm["total"]
    warm = tm["warm"]
    assert 0 < warm["python_start"] < warm["to_main"] < warm["total"]
    for run in (tm, warm):  # CPU time of the process: Python's start, then to main
        assert 0 < run["cpu_python_start"] < run["cpu_to_main"]
    assert tm["warm_speedup"]["cpu_to_main"] == tm["cpu_to_main"] / warm["cpu_to_main"]
    assert tm["warm_speedup"]["to_main"] == tm["to_main"] / warm["to_main"]
    for run in (tm, warm):  # every step to main stamped; together at most the CPU to main
        steps = [run[key] for key in startup.STEPS]
        assert all(v >= 0 for v in steps) and run["cpu_import"] > 0
        assert run["cpu_python_start"] + sum(steps) <= run["cpu_to_main"] + 1e-3
    table = startup.decomposition({k.name: tm}, startup.floor(repeat=1))
    assert table.count("\n| ") == len(startup.STEP_TITLES) + 4  # steps, total, speedup, 3x
    assert "import interp.cli" in table and "`python -c pass`" in table
    cc = startup.compile_cost(k.wasm.read_bytes())
    assert cc["functions"] > 10 and cc["code_bytes"] > 0 and cc["compile"] > 0
    d = startup.decode_speed(kernels, repeat=1)
    assert d["code_bytes"] == cc["code_bytes"] and d["code_mb_per_s"] > 0
    assert [r["code_mb_per_s"] > 0 for r in d["modules"]] == [True]
    rest = d["without_repeating"]  # the one kernel is not in REPEATING: the same figure
    assert rest["left_out"] == [] and rest["code_mb_per_s"] == d["code_mb_per_s"]


def test_time_to_main_reports_a_failing_program(tmp_path: Path) -> None:
    bad = tmp_path / "bad"
    bad.mkdir()
    (bad / "bad.wasm").write_bytes(b"\0asm\1\0\0\0")  # no _start: nanowasm run refuses it
    from bench.kernels import Kernel

    k = Kernel("bad", "wasi", bad, bad / "bad.wasm", bad / "bad.py", "_start", [], None, {})
    assert startup.time_to_main(k, [], repeat=1)["status"] == "error"


@pytest.mark.parametrize("cases", [1, 8, 100])
def test_dispatch_prototypes_compute_the_reference(cases: int) -> None:
    from bench.prototypes import flat_dispatch

    want = flat_dispatch.reference(cases, 500)
    for name in flat_dispatch.VARIANTS:
        assert flat_dispatch.build(name, cases)(500) == want, name


@needs_clang
def test_flat_counts_count_the_pc_chain(built: dict) -> None:
    from bench.profile import flat_counts, instrument_flat

    source, blocks = instrument_flat(" if pc <= 0:\n  x = 1\n if pc <= 1:\n  pc = 0\n  continue\n")
    assert blocks == 2 and source.count("next(_PC_TESTS)") == 2 and "next(_JUMPS)" in source
    assert flat_counts(built["brtable"], "small") == []  # it runs structured now
    rows = flat_counts(built["brtable"], "small", every_function=True)  # its flat form
    assert len(rows) == 1
    r = rows[0]
    assert r["blocks"] > 1000 and r["jumps"] > 2000  # at least one jump per case and per join
    # the engine groups the chain into a tree (group_blocks): tens of tests per
    # jump on 1,205 blocks (18.8 measured), not the chain's hundreds
    assert r["jumps"] <= r["pc_tests"] < r["jumps"] * 40


@needs_clang
@pytest.mark.parametrize("fan", [2, 16])
def test_regrouped_flat_code_computes_the_same(built: dict, fan: int) -> None:
    from bench.profile import chaintree_on_programs, regroup_flat

    src = "def w0():\n pc = 0\n while True:\n  if pc <= 0:\n   x = 1\n  if pc <= 1:\n   return x\n"
    assert regroup_flat(src, 16) == src  # small chains stay as they are
    rows = chaintree_on_programs(
        ["vm", "brtable", "deep"], "small", 1, fan
    )  # exits on a wrong result
    assert [r["program"] for r in rows] == ["vm", "brtable", "deep"]


def test_startup_tables_render_every_figure() -> None:
    compile_rec = {
        "module_bytes": 2048, "code_bytes": 1024, "functions": 3, "flat_functions": 1,
        "compile": 0.003, "compile_per_function": 0.001, "compile_per_kb": 0.003,
    }  # fmt: skip
    record = {
        "startup": {
            "to_main": {
                "w": {
                    "status": "ok", "to_main": 0.5, "python_start": 0.1, "total": 0.9,
                    "warm": {"to_main": 0.25, "python_start": 0.1, "total": 0.3},
                    "warm_speedup": {"to_main": 2.0, "total": 3.0},
                },
                "bad": {"status": "error", "note": "exit 1: boom"},
            },
            "compile": {"w": compile_rec, "core": compile_rec, "bad": compile_rec},
            "decode": {
                "code_mb_per_s": 1.25, "module_mb_per_s": 1.5, "code_bytes": 4096, "seconds": 0.01,
                "modules": [
                    {"kernel": "w", "code_bytes": 1024, "decode": 0.002, "validate": 0.0005,
                     "code_mb_per_s": 0.41},
                    {"kernel": "many", "code_bytes": 3072, "decode": 0.007, "validate": 0.0005,
                     "code_mb_per_s": 0.42},
                ],
                "without_repeating": {
                    "left_out": ["many"], "modules": 1, "code_bytes": 1024, "seconds": 0.0025,
                    "code_mb_per_s": 0.41,
                },
            },
        },
        "suite": {
            "command": "pytest spec -n 2 -q", "wall": 100.0, "cpu": 190.0, "items": 5,
            "summary_line": "5 passed", "status": "ok", "loadavg_1min_before": 1.0,
            "loadavg_1min_after": 2.0, "cpu_count": 2,
        },
    }  # fmt: skip
    text = report.startup_tables(record)
    assert (
        "| w | 2 KB (code 1 KB) | 3 (1) | 500.0 ms | 250.0 ms | 2.00x | 100.0 ms "
        "| 900.0 ms | 300.0 ms | 3.00x | 3.0 ms |"
    ) in text
    assert "| core | 2 KB (code 1 KB) | 3 (1) | - | - | - | - | - | - | - | 3.0 ms |" in text
    assert "| bad |" in text and "error: exit 1: boom" in text
    assert "Decode + validate: 1.25 MB/s of code section" in text
    assert "Without `many` (generated from templates" in text and "0.41 MB/s over 1 modules" in text
    assert "| w | 1.0 KB | 2.0 ms | 500 µs | 0.41 |" in text
    assert "took 100.0 s wall, 190 s CPU" in text
    assert report.startup_tables({}) == ""


def test_fuel_table_renders_every_row() -> None:
    record = {
        "fuel_overhead": {
            "fuel": 10**15,
            "rows": [
                {"kernel": "fib", "status": "ok", "note": None, "no_fuel": 0.01, "fuel": 0.016,
                 "ratio": 1.6, "pair_ratios": [1.7, 1.5, 1.6]},
                {"kernel": "vm", "status": "wrong", "note": "got 3", "no_fuel": 0.02, "fuel": None,
                 "ratio": None},
            ],
            "geomean_core_kernels": 1.6, "geomean_programs": None, "max": 1.6,
        }
    }  # fmt: skip
    text = report.fuel_table(record)
    assert "geometric mean 1.60x on the core kernels, - on the programs, at most 1.60x" in text
    assert "| fib | 10.0 ms | 16.0 ms | 1.60x | 3: median 1.60x, 1.50-1.70x |" in text
    assert "| vm | 20.0 ms | - | wrong: got 3 | - |" in text
    assert "run CPU, same repeats)" in text  # a record from before the interleaved pairs
    assert report.fuel_table({}) == ""


def test_suite_time_on_a_few_scripts() -> None:
    rec = startup.suite_time(2, lock=None, targets=["spec/nop.wast", "spec/forward.wast"])
    assert rec["status"] == "ok", rec
    assert rec["items"] > 10 and rec["counts"].get("passed", 0) > 10
    assert rec["wall"] > 0 and rec["cpu"] > 0
    assert rec["command"].startswith("pytest spec/nop.wast spec/forward.wast -n 2")
