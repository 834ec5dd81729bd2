"""The official WASI test suite (WebAssembly/wasi-testsuite), when it is on this machine.

Point ``NANOWASM_WASI_TESTSUITE`` at a checkout of its ``prod/testsuite-base``
branch (the one with prebuilt binaries); every ``wasm32-wasip1`` test with a
legacy specification (args, env, root, exit_code, stdout) then runs on
nanowasm, in a fresh copy of its root directory preopened as ``/``, as the
suite's own runner does.  Without it these tests are reported as skipped:
the suite is not part of this repository (its binaries may not be committed).
"""

from __future__ import annotations

import io
import json
import os
import shutil
from pathlib import Path

import pytest

import interp
from interp import wasi as W

SUITE = os.environ.get("NANOWASM_WASI_TESTSUITE")
DIRS = [
    "tests/c/testsuite/wasm32-wasip1",
    "tests/rust/testsuite/wasm32-wasip1",
    "tests/assemblyscript/testsuite/wasm32-wasip1",
]


def _cases() -> list[Path]:
    if not SUITE:
        return []
    return sorted(p for d in DIRS for p in (Path(SUITE) / d).glob("*.wasm"))


def _spec(wasm: Path) -> dict:
    path = wasm.with_suffix(".json")
    return json.loads(path.read_text()) if path.exists() else {}


pytestmark = pytest.mark.skipif(not SUITE, reason="NANOWASM_WASI_TESTSUITE not set")


@pytest.mark.parametrize("wasm", _cases(), ids=lambda p: f"{p.parent.parent.parent.name}/{p.stem}")
def test_wasi_testsuite(wasm: Path, tmp_path: Path) -> None:
    spec = _spec(wasm)
    if "operations" in spec:
        pytest.skip("operation-based specification (sockets/http proposals)")
    preopens = {}
    if spec.get("root"):
        root = tmp_path / "root"
        shutil.copytree(wasm.parent / spec["root"], root, symlinks=True)
        preopens["/"] = str(root)
    module = interp.decode_module(wasm.read_bytes())
    interp.validate_module(module)
    stdout, stderr = io.BytesIO(), io.BytesIO()
    wasi = W.Wasi(
        args=[str(wasm), *spec.get("args", [])],
        env=spec.get("env", {}),
        preopens=preopens,
        stdout=stdout,
        stderr=stderr,
    )
    try:
        code = wasi.run_start(interp.instantiate(interp.Store(), module, wasi.imports()))
    finally:
        wasi.close()
    assert code == spec.get("exit_code", 0), stderr.getvalue().decode(errors="replace")
    if "stdout" in spec:
        assert stdout.getvalue().decode() == spec["stdout"]
