"""End to end: a tiny script through the harness with fake and real engines.

Each test runs pytest in a subprocess on a private suite folder (``--testsuite``)
so the plugin's collection, item ids, xfail handling, summary and JSON record
are exercised exactly as a user runs them.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from harness.engines.base import Engine, EngineError

REPO = Path(__file__).resolve().parent.parent

SCRIPT = """\
(module
  (func (export "add") (param i32 i32) (result i32) (i32.add (local.get 0) (local.get 1)))
  (func (export "neg0") (result f32) (f32.const -0.0))
  (func (export "trap") (unreachable))
  (global (export "g") i32 (i32.const 7))
)
(assert_return (invoke "add" (i32.const 1) (i32.const 2)) (i32.const 3))
(assert_return (invoke "add" (i32.const 0) (i32.const 0)) (i32.const 0))
(assert_return (invoke "neg0") (f32.const -0.0))
(assert_trap (invoke "trap") "unreachable")
(assert_return (get "g") (i32.const 7))
(assert_invalid (module (func (result i32) (i64.const 1))) "type mismatch")
(assert_malformed (module quote "(func (i32.const))") "unexpected token")
"""


class WrongEngine(Engine):
    """Accepts everything and answers ``i32 0`` to every call: must fail items."""

    name = "wrong"

    def reset(self) -> None:
        pass

    def compile(self, wasm: bytes) -> Any:
        return wasm

    def instantiate(self, module: Any) -> Any:
        return object()

    def register(self, name: str, instance: Any) -> None:
        pass

    def invoke(self, instance: Any, field: str, args: Any) -> list[Any]:
        return [("i32", 0)]

    def get_global(self, instance: Any, field: str) -> Any:
        return ("i32", 0)


class RefusingEngine(WrongEngine):
    """Refuses every module as malformed."""

    def compile(self, wasm: bytes) -> Any:
        raise EngineError("malformed", "nope")


def run_spec(
    tmp_path: Path, *args: str, target: str = "spec"
) -> tuple[subprocess.CompletedProcess[str], dict]:
    suite = tmp_path / "suite"
    suite.mkdir(exist_ok=True)
    (suite / "tiny.wast").write_text(SCRIPT)
    record = tmp_path / "record.json"
    proc = subprocess.run(
        [
            sys.executable,
            "-m",
            "pytest",
            target,
            "-p",
            "no:cacheprovider",
            "-rA",
            f"--testsuite={suite}",
            f"--record={record}",
            *args,
        ],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=120,
    )
    data = json.loads(record.read_text()) if record.exists() else {}
    return proc, data


def test_wrong_answers_fail_items(tmp_path: Path) -> None:
    proc, rec = run_spec(tmp_path, "--engine", "tests.test_harness_engine:WrongEngine")
    assert proc.returncode == 1, proc.stdout[-2000:]
    failed = {f["id"].split("::")[1] for f in rec["failures"]}
    assert "line_7_assert_return_add" in failed  # 1+2 answered 0
    assert "line_8_assert_return_add" not in failed  # 0+0 == 0 by luck: passes
    assert "line_9_assert_return_neg0" in failed  # i32 0 is not f32 -0.0
    assert "line_10_assert_trap_trap" in failed
    assert "line_12_assert_invalid" in failed  # accepted an invalid module
    assert rec["totals"]["passed"] == 2  # module + the lucky add
    assert rec["totals"]["skipped"] == 1  # text module: engine does not parse text
    assert "expected: i32:3" in proc.stdout and "actual:   i32:0" in proc.stdout
    assert "tiny.wast:7" in proc.stdout


def test_wrong_category_fails(tmp_path: Path) -> None:
    proc, rec = run_spec(tmp_path, "--engine", "tests.test_harness_engine:RefusingEngine")
    assert proc.returncode == 1
    failed = {f["id"].split("::")[1] for f in rec["failures"]}
    assert "line_12_assert_invalid" in failed  # malformed is not invalid
    assert "line_1_module" in failed


def test_wasmtime_passes_and_select_one_item(tmp_path: Path) -> None:
    pytest.importorskip("wasmtime")
    proc, rec = run_spec(tmp_path, "--engine", "wasmtime")
    assert proc.returncode == 0, proc.stdout[-3000:]
    assert rec["totals"]["passed"] == 8 and rec["totals"]["failed"] == 0
    assert rec["by_kind"]["assert_trap"]["passed"] == 1
    assert rec["message_match"]["total"]["checked"] == 3
    assert rec["engine"] == "wasmtime" and rec["by_file"]["tiny.wast"]["passed"] == 8
    # one item by virtual path + name: it replays the module it depends on
    one = {"passed": 1, "failed": 0, "skipped": 0, "xfailed": 0, "xpassed": 0, "error": 0}
    proc, rec = run_spec(tmp_path, "--engine", "wasmtime", "-k", "line_10")
    assert proc.returncode == 0, proc.stdout[-3000:]
    assert rec["totals"] == one
    proc, rec = run_spec(
        tmp_path, "--engine", "wasmtime", target="spec/tiny.wast::line_11_assert_return_g"
    )
    assert proc.returncode == 0, proc.stdout[-3000:]
    assert rec["totals"] == one and "PASSED spec/tiny.wast::line_11_assert_return_g" in proc.stdout


def test_strict_xfail_that_passes_is_reported(tmp_path: Path) -> None:
    pytest.importorskip("wasmtime")
    xfail = tmp_path / "xfail.toml"
    xfail.write_text(
        '[xfail]\n"tiny.wast::line_7_assert_return_add" = "pretend broken"\n'
        '"tiny.wast::line_9_*" = "pretend broken too"\n'
    )
    proc, rec = run_spec(tmp_path, "--engine", "wasmtime", "--xfail-list", str(xfail))
    assert proc.returncode == 1
    assert rec["totals"]["xpassed"] == 2
    assert "XPASS(strict)" in proc.stdout


def test_engine_that_does_not_load_fails_items(tmp_path: Path) -> None:
    proc, rec = run_spec(tmp_path, "--engine", "no_such_module_xyz:Engine")
    assert proc.returncode == 1
    assert rec["totals"]["failed"] == 8  # every item, the run goes on
    assert "failed to load" in proc.stdout
