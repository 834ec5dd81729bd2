"""The benchmark runner (bench/): results are checked exactly and the report is produced.

Fast: the ``small`` size, one repeat, Python equivalents and wasmtime only.
Nothing here asserts on timings.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from bench import report, runner
from bench.kernels import default_kernels_dir, load_kernels, normalize_result, results_equal

KERNELS = default_kernels_dir()
needs_kernels = pytest.mark.skipif(
    not (KERNELS / "fib" / "kernel.json").exists(), reason=f"no bench kernels in {KERNELS}"
)


@needs_kernels
@pytest.mark.parametrize(
    "mode",
    [
        # one subprocess per engine and kernel (the default), on three kernels: i32, f64, WASI
        ["--kernel", "fib,matmul,wasi_wordfreq"],
        # every kernel, measured in this process (faster)
        ["--in-process"],
    ],
    ids=["subprocess", "in-process"],
)
def test_runner_small_python_and_wasmtime(
    mode: list[str], tmp_path: Path, capsys: pytest.CaptureFixture
) -> None:
    pytest.importorskip("wasmtime")
    out = tmp_path / "latest.json"
    rc = runner.main(
        [
            "--size",
            "small",
            "--engines",
            "python,wasmtime",
            "--repeat",
            "1",
            "--json",
            str(out),
            "--no-programs",
            "--no-startup",
            *mode,
        ]
    )
    stdout = capsys.readouterr().out
    assert rc == 0
    record = json.loads(out.read_text())
    selected = mode[1].split(",") if mode[0] == "--kernel" else None
    kernels = load_kernels(KERNELS, selected)
    by_key = {(r["kernel"], r["engine"]): r for r in record["results"]}
    assert set(by_key) == {(k.name, e) for k in kernels for e in ("python", "wasmtime")}
    for k in kernels:
        for engine in ("python", "wasmtime"):
            r = by_key[(k.name, engine)]
            assert r["status"] == "ok", r
            assert r["repeats"] == 1
            assert r["run_cpu"] >= 0 and r["load_cpu"] >= 0
            expected = k.sizes["small"].expected
            if k.result == "f64":
                assert r["result"]["f64"] == repr(expected)
            else:
                assert r["result"] == expected
    assert record["engines"]["wasmtime"]["available"] is True
    assert record["platform"]["machine"] and record["git_commit"]
    assert record["summary"]["nanowasm_vs"] == {}  # nanowasm was not selected
    assert record["summary"]["engines"]["python"]["kernels"] == 0  # pywasm not run: no ratio
    assert "| kernel | Python equiv. | wasmtime |" in stdout
    assert "| fib |" in stdout and "| wasi_wordfreq |" in stdout


@needs_kernels
def test_wrong_result_is_reported_and_excluded(
    tmp_path: Path, capsys: pytest.CaptureFixture
) -> None:
    kernels_dir = tmp_path / "kernels"
    for name in ("fib", "matmul"):
        shutil.copytree(KERNELS / name, kernels_dir / name)
    # corrupt the expected values: fib off by one, matmul by one ulp
    for name, bump in (("fib", lambda v: v + 1), ("matmul", lambda v: v + v * 2**-52)):
        meta_path = kernels_dir / name / "kernel.json"
        meta = json.loads(meta_path.read_text())
        meta["sizes"]["small"]["expected"] = bump(meta["sizes"]["small"]["expected"])
        meta_path.write_text(json.dumps(meta))
    rc = runner.main(
        [
            "--size",
            "small",
            "--engines",
            "python",
            "--repeat",
            "1",
            "--in-process",
            "--kernels-dir",
            str(kernels_dir),
            "--json",
            str(tmp_path / "r.json"),
            "--no-programs",
            "--no-startup",
        ]
    )
    captured = capsys.readouterr()
    assert rc == 1
    record = json.loads((tmp_path / "r.json").read_text())
    assert [r["status"] for r in record["results"]] == ["wrong", "wrong"]
    assert "WRONG RESULT: python on fib" in captured.err
    assert "WRONG RESULT: python on matmul" in captured.err
    assert "**WRONG RESULT**" in captured.out
    assert report.mips(record["results"][0]) is None


def test_f64_results_compare_bit_for_bit() -> None:
    assert results_equal(0.30000000000000004, 0.30000000000000004, "f64")
    assert not results_equal(0.1 + 0.2, 0.3, "f64")
    assert not results_equal(-0.0, 0.0, "f64")
    assert results_equal(float("nan"), float("nan"), "f64")  # same bits: equal, unlike ==
    assert not results_equal(256.0, 256, "i32")  # an i32 result must be an int
    assert results_equal(normalize_result([0xFFFFFFFF], "i32"), -1, "i32")
    assert normalize_result([610], "i32") == 610
    assert normalize_result(b"1.2\n", "str") == "1.2\n"


def test_update_readme_replaces_only_the_block(tmp_path: Path) -> None:
    readme = tmp_path / "README.md"
    readme.write_text("intro\n<!-- bench:start -->\nold table\n<!-- bench:end -->\noutro\n")
    assert runner.update_readme(readme, "new table\n")
    assert readme.read_text() == (
        "intro\n<!-- bench:start -->\nnew table\n<!-- bench:end -->\noutro\n"
    )
    plain = tmp_path / "PLAIN.md"
    plain.write_text("no markers here\n")
    assert not runner.update_readme(plain, "new table\n")
    assert plain.read_text() == "no markers here\n"


def test_geomean_ratio_skips_invalid_results() -> None:
    def rec(kernel: str, engine: str, cpu: float, status: str = "ok") -> dict:
        return {
            "kernel": kernel,
            "engine": engine,
            "kind": "core",
            "status": status,
            "run_cpu": cpu,
            "wasm_instrs": 1_000_000,
        }

    records = [
        rec("a", "pywasm", 8.0),
        rec("a", "nanowasm", 2.0),  # 4x
        rec("b", "pywasm", 9.0),
        rec("b", "nanowasm", 1.0),  # 9x
        rec("c", "pywasm", 1.0),
        rec("c", "nanowasm", 1e-9, status="wrong"),  # excluded
    ]
    value, n = report.geomean_ratio(records, "nanowasm", "pywasm")
    assert n == 2
    assert value == pytest.approx(6.0)


@needs_kernels
@pytest.mark.parametrize("isolation", [[], ["--in-process"]], ids=["subprocess", "in-process"])
def test_fuel_overhead_is_measured_in_interleaved_pairs(
    isolation: list[str], tmp_path: Path, capsys: pytest.CaptureFixture
) -> None:
    """Without and with fuel alternate in one process; every run's result is checked."""
    out = tmp_path / "r.json"
    args = ["--size", "small", "--engines", "nanowasm", "--kernel", "fib", "--repeat", "1"]
    args += ["--fuel-repeat", "3", "--json", str(out), "--no-programs", "--no-startup"]
    assert runner.main(args + isolation) == 0
    capsys.readouterr()
    fo = json.loads(out.read_text())["fuel_overhead"]
    assert fo["method"].startswith("interleaved in one process, best of 3-12 pairs")
    (row,) = fo["rows"]
    # fib at size small takes milliseconds: more pairs, up to 4x, until 1.5 s of CPU
    assert row["status"] == "ok" and 3 <= row["pairs"] <= 12
    assert len(row["pair_ratios"]) == row["pairs"]
    assert row["ratio"] == pytest.approx(row["fuel"] / row["no_fuel"])
    assert min(row["pair_ratios"]) > 0


@needs_kernels
def test_fuel_pair_reports_a_wrong_result(tmp_path: Path) -> None:
    from bench.kernels import load_kernel
    from bench.worker import measure_fuel_pair

    shutil.copytree(KERNELS / "fib", tmp_path / "fib")
    meta_path = tmp_path / "fib" / "kernel.json"
    meta = json.loads(meta_path.read_text())
    meta["sizes"]["small"]["expected"] += 1
    meta_path.write_text(json.dumps(meta))
    rec = measure_fuel_pair(load_kernel(tmp_path / "fib"), "small", 2, 60.0, 10**15)
    assert rec["status"] == "wrong" and rec["note"].startswith("no_fuel, repeat 1: got")
