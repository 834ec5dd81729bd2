"""Replay of the robustness findings (``fuzz/findings/atheris-*``).

Every saved input must now decode/validate to the same verdict as wasmtime
without any other exception.  Inputs listed in ``fuzz/findings/known.json``
with status ``open`` are strict xfails: they flip to failures once the engine
is fixed, and then the entry's status must become ``fixed``.
"""

from __future__ import annotations

from pathlib import Path

import pytest

pytest.importorskip("wasmtime")

import interp
from fuzz import oracle
from fuzz.known import KNOWN_FILE, known_findings

FINDINGS = KNOWN_FILE.parent


def _cases() -> list:
    by_file = {e["file"]: e for e in known_findings()}
    out = []
    for path in sorted(FINDINGS.glob("atheris-*/*")):
        rel = str(path.relative_to(FINDINGS))
        entry = by_file.get(rel, {})
        marks = []
        if entry.get("status") == "open":
            marks.append(
                pytest.mark.xfail(
                    strict=True, reason=f"{entry['id']}: {entry.get('diagnosis', '')[:120]}"
                )
            )
        out.append(pytest.param(path, id=rel, marks=marks))
    return out or [pytest.param(None, marks=pytest.mark.skip(reason="no robustness findings"))]


def test_every_known_entry_has_its_reproducer() -> None:
    for entry in known_findings():
        assert (FINDINGS / entry["file"]).is_file(), entry["id"]
        assert entry["status"] in ("open", "fixed")


@pytest.mark.parametrize("path", _cases())
def test_replay_robustness_finding(path: Path) -> None:
    data = path.read_bytes()
    features = interp.Features()  # the default set, as the targets use it (wasmtime's defaults)
    try:
        interp.validate_module(interp.decode_module(data, features), features)
        ours = True
    except (interp.MalformedError, interp.InvalidError):
        ours = False
    theirs = oracle.validate(data, (path.parent.name.endswith("simd") and "wasm2-simd") or "wasm2")
    assert ours == (theirs is None), f"nanowasm accepts={ours}, wasmtime: {theirs or 'accepts'}"
