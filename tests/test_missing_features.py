"""The "missing features" pass (:mod:`harness.missing`) on a sample of the suite.

For each (script, proposal) pair: with the proposal disabled, nanowasm refuses
exactly the modules that ``wasm-tools validate`` refuses with it disabled,
always with :class:`interp.FeatureDisabled` -- and the sample does contain
refused modules, so the check is not vacuous.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from harness import missing
from interp import uses
from interp.features import PROPOSALS

REPO_ROOT = Path(__file__).resolve().parent.parent
SUITE = Path(
    os.environ.get("NANOWASM_TESTSUITE") or REPO_ROOT.parent / "shared" / "wasm-testsuite"
).resolve()

pytestmark = [
    pytest.mark.skipif(shutil.which("wasm-tools") is None, reason="needs wasm-tools"),
    pytest.mark.skipif(not SUITE.is_dir(), reason="needs the test suite"),
]

# one small script per supported proposal (and the mixed 2.0 scripts)
SAMPLE = [
    ("i32.wast", "sign_extension"),
    ("conversions.wast", "saturating_float_to_int"),
    ("block.wast", "multi_value"),
    ("func.wast", "multi_value"),
    ("memory_fill.wast", "bulk_memory"),
    ("data.wast", "bulk_memory"),
    ("binary.wast", "bulk_memory"),  # the data count section
    ("elem.wast", "bulk_memory"),
    ("elem.wast", "reference_types"),
    ("table.wast", "reference_types"),
    ("select.wast", "reference_types"),
    ("simd_lane.wast", "simd"),
    ("relaxed_laneselect.wast", "relaxed_simd"),
    ("relaxed_laneselect.wast", "simd"),
    ("memory_size1.wast", "multi_memory"),
    ("global.wast", "extended_const"),
    ("data.wast", "extended_const"),
    ("return_call.wast", "tail_call"),
    ("struct.wast", "gc"),
    ("array_copy.wast", "gc"),
    ("i31.wast", "gc"),
    ("type-subtyping.wast", "gc"),
]


@pytest.mark.parametrize(("script", "feature"), SAMPLE)
def test_disabled_feature_refuses_what_wasm_tools_refuses(script: str, feature: str) -> None:
    figures = missing.check_script(SUITE / script, feature)
    assert figures.mismatches == []
    assert figures.refused > 0


def test_a_mismatch_is_reported(monkeypatch: pytest.MonkeyPatch) -> None:
    """If nanowasm did not see the feature, the oracle would catch it."""
    monkeypatch.setattr(uses, "first_uses", lambda module: {})
    figures = missing.check_script(SUITE / "simd_lane.wast", "simd")
    assert figures.refused == 0 and figures.mismatches
    assert "wasm-tools refuses it" in figures.mismatches[0]


def test_harness_option() -> None:
    """``pytest spec/... --missing-feature NAME`` runs the check on every item."""
    proc = subprocess.run(
        [sys.executable, "-m", "pytest", "spec/return_call.wast", "--missing-feature",
         "tail_call", "-q", "--record", "none", "-p", "no:cacheprovider", "-p", "no:xdist"],
        cwd=REPO_ROOT, capture_output=True, text=True, timeout=300, check=False,
    )  # fmt: skip
    assert proc.returncode == 0, proc.stdout[-2000:]
    assert " passed" in proc.stdout
    unsupported = [p.name for p in PROPOSALS if not p.supported]  # none left: nothing to refuse
    for name in unsupported[:1]:
        with pytest.raises(ValueError, match="not a proposal nanowasm supports"):
            missing.check_module(b"\0asm\1\0\0\0", name)
