"""The wasmtime adapter on a fixed sample of the suite (part of the default run).

The full suite on wasmtime is ``pytest spec --engine wasmtime``; this keeps the
adapter and the harness honest in every run at a fraction of the cost: each
sampled script runs through :class:`harness.runner.ScriptRunner` directly, and
its failures must be exactly the entries of ``spec/xfail/wasmtime.toml``.
"""

from __future__ import annotations

import fnmatch
import tomllib

import pytest

from harness.runner import Failure, ScriptRunner, Skipped, commands_of
from harness.suite import REPO_ROOT, convert, suite_dir

SAMPLE = [
    "i64.wast",
    "f32_bitwise.wast",
    "float_exprs.wast",
    "conversions.wast",
    "float_literals.wast",
    "simd_f32x4_arith.wast",
    "simd_lane.wast",
    "simd_load8_lane.wast",
    "linking.wast",
    "imports.wast",
    "exports.wast",
    "table_copy.wast",
    "memory_grow.wast",
    "ref_func.wast",
    "call_indirect.wast",
    "return_call.wast",
    "br_on_cast.wast",
    "throw.wast",
    "binary.wast",
    "skip-stack-guard-page.wast",
    "extern.wast",
    "relaxed_madd_nmadd.wast",
    "proposals/threads/atomic.wast",
]

SUITE = suite_dir(None)
pytestmark = pytest.mark.skipif(not SUITE.is_dir(), reason=f"no test suite at {SUITE}")


def _xfail_patterns() -> list[str]:
    f = REPO_ROOT / "spec" / "xfail" / "wasmtime.toml"
    data = tomllib.loads(f.read_text()) if f.is_file() else {}
    return [k for section in data.values() if isinstance(section, dict) for k in section]


@pytest.mark.parametrize("script", SAMPLE)
def test_wasmtime_sample(script: str) -> None:
    pytest.importorskip("wasmtime")
    from harness.engines.wasmtime_engine import WasmtimeEngine

    conv = convert(SUITE / script)
    assert conv.error is None, conv.error
    commands = commands_of(conv)
    runner = ScriptRunner(conv, WasmtimeEngine(), f"spec/{script}")
    failed, passed = set(), 0
    for cmd in commands:
        try:
            runner.run(cmd, commands)
            passed += 1
        except Skipped:
            pass
        except Failure:
            failed.add(f"{script}::{cmd.name}")
    patterns = _xfail_patterns()
    unexpected = {f for f in failed if not any(fnmatch.fnmatchcase(f, p) for p in patterns)}
    assert not unexpected, sorted(unexpected)[:20]
    names = {f"{script}::{c.name}" for c in commands}
    stale = {p for p in patterns if p in names and p not in failed}  # strict, as in spec/
    assert not stale, sorted(stale)[:20]
    assert passed > 0
