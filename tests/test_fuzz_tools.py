"""The fuzzing tools themselves: strategies, smith configs, atheris targets, launcher."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

pytest.importorskip("wasmtime")
pytest.importorskip("hypothesis")

from hypothesis import HealthCheck, given, settings

import interp
from fuzz import diff, oracle, toolchain
from fuzz.__main__ import parse_log
from fuzz.strategies import GeneratedModule, modules
from fuzz.wasmenc import sleb, uleb

REPO = Path(__file__).resolve().parent.parent


def test_leb128_encoding() -> None:
    assert uleb(624485) == bytes([0xE5, 0x8E, 0x26])
    assert sleb(-123456) == bytes([0xC0, 0xBB, 0x78])
    assert sleb(64) == b"\xc0\x00" and sleb(-1) == b"\x7f"


@settings(
    max_examples=15,
    derandomize=True,
    database=None,
    deadline=None,
    suppress_health_check=list(HealthCheck),
)
@given(modules())
def test_strategy_modules_are_valid_and_agree(m: GeneratedModule) -> None:
    interp.validate_module(interp.decode_module(m.wasm))
    assert oracle.validate(m.wasm, "wasm2") is None
    res = diff.compare_module(m.wasm, "wasm2", seed=0)
    assert res.instantiated
    assert res.divergences == []


@pytest.mark.parametrize("level", sorted(toolchain.CONFIGS))
def test_smith_configs_stay_within_their_level(level: str) -> None:
    wasm = toolchain.smith(bytes(range(256)) * 8, level)
    assert wasm is not None
    assert toolchain.validate(wasm, toolchain.VALIDATE_FEATURES[level]) is None


def test_parse_libfuzzer_log() -> None:
    log = "#2\tINITED cov: 10 ft: 12 corp: 3/30b exec/s: 0\n#512\tpulse  cov: 40 ft: 90 corp: 9/1Kb\nstat::number_of_executed_units: 600\nstat::peak_rss_mb: 61\n"
    assert parse_log(log) == {
        "executions": 512,
        "coverage": 40,
        "features": 90,
        "corpus_units": 9,
        "number_of_executed_units": 600,
        "peak_rss_mb": 61,
    }


@pytest.mark.parametrize("target", ["decode_validate", "instantiate_run"])
def test_atheris_target_runs_as_executable_script(target: str, tmp_path: Path) -> None:
    script = REPO / "fuzz" / "targets" / f"{target}.py"
    assert os.access(script, os.X_OK) and script.read_text().startswith("#!")
    stats = tmp_path / "stats.json"
    env = {**os.environ, "NANOWASM_FUZZ_STATS": str(stats)}
    seeds = sorted((REPO / "fuzz" / "corpus" / target).glob("*.wasm"))[:6]
    proc = subprocess.run(
        [sys.executable, str(script), *map(str, seeds)],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert proc.stderr.count("Executed ") == len(seeds)  # libFuzzer ran every seed once


def test_seed_corpora_are_small() -> None:
    for target in ("decode_validate", "instantiate_run"):
        files = list((REPO / "fuzz" / "corpus" / target).iterdir())
        assert 10 <= len(files) <= 60
        assert sum(f.stat().st_size for f in files) < 200_000


def test_latest_figures_follow_the_schema() -> None:
    latest = REPO / "reports" / "fuzz" / "latest.json"
    if not latest.exists():
        pytest.skip("no campaign recorded yet")
    data = json.loads(latest.read_text())
    for name, rec in data.items():
        assert rec["schema"] == 1 and rec["kind"] in ("diff", "atheris", "robust"), name
        assert (latest.parent / rec["file"]).is_file()
