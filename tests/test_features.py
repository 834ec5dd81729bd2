"""Features as data (:mod:`interp.features`): switches, refusal, one table of support.

* the :class:`interp.Features` value: default 3.0 set, dependency closure;
* one module per supported proposal: accepted by default, refused by decode,
  validate and instantiate when that proposal (or one it builds on) is off,
  with :class:`interp.FeatureDisabled` naming it -- and accepted when any
  unrelated proposal is off;
* the README feature table and the harness read the same table.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

import interp
from harness.features import FEATURE_ORDER
from harness.xfail import IMPLEMENTED
from interp import features as F
from interp.features import FeatureDisabled, Features

REPO_ROOT = Path(__file__).resolve().parent.parent

needs_wasm_tools = pytest.mark.skipif(shutil.which("wasm-tools") is None, reason="needs wasm-tools")


def test_default_is_webassembly_3() -> None:
    f = Features()
    assert set(f) == F.WASM3
    assert {"gc", "memory64", "exceptions", "simd", "tail_call"} <= set(f)
    assert not {"threads", "wide_arithmetic", "custom_page_sizes", "legacy_exceptions"} & set(f)
    # the default leaves out exactly the supported proposals beyond 3.0 (wasmtime's
    # defaults: wide arithmetic off), so it is complete only with them enabled
    beyond = {p.name for p in F.PROPOSALS if p.supported and not p.standard}
    assert F.SUPPORTED - set(f) == beyond
    assert f.complete == (not beyond)
    assert f.enable(*beyond).complete
    assert interp.Store().features == f


def test_dependencies_are_closed() -> None:
    assert "relaxed_simd" not in Features().disable("simd")
    assert "gc" not in Features().disable("reference_types")  # gc > funcref > reftypes
    assert "function_references" in Features.none().enable("gc")
    assert Features.none().enable("relaxed_simd") == Features(frozenset({"simd", "relaxed_simd"}))
    with pytest.raises(ValueError, match="required"):
        Features(frozenset({"relaxed_simd"}))
    with pytest.raises(ValueError, match="unknown WebAssembly feature 'simdd'"):
        Features().disable("simdd")


# module text, the proposals it uses (written by hand, not by interp.uses)
MODULES: dict[str, tuple[str, set[str]]] = {
    "mvp": ("(module (memory 1) (table 1 funcref) (elem (i32.const 0) 0)"
            " (func (param i32) (result i32) local.get 0 i32.load))", set()),
    "sign_extension": ("(module (func (param i32) (result i32) local.get 0 i32.extend8_s))",
                       {"sign_extension"}),
    "saturating_float_to_int": ("(module (func (param f32) (result i32) local.get 0"
                                " i32.trunc_sat_f32_s))", {"saturating_float_to_int"}),
    "multi_value": ("(module (func (result i32 i32) i32.const 1 i32.const 2))", {"multi_value"}),
    "bulk_memory": ("(module (memory 1) (func i32.const 0 i32.const 0 i32.const 0 memory.fill))",
                    {"bulk_memory"}),
    "reference_types": ("(module (func (param externref)))", {"reference_types"}),
    "simd": ("(module (func (result v128) v128.const i64x2 0 0))", {"simd"}),
    "relaxed_simd": ("(module (func (param v128) (result v128) local.get 0 local.get 0"
                     " i8x16.relaxed_swizzle))", {"simd", "relaxed_simd"}),
    "multi_memory": ("(module (memory 1) (memory 1))", {"multi_memory"}),
    "extended_const": ("(module (global i32 (i32.add (i32.const 1) (i32.const 2))))",
                       {"extended_const"}),
    "tail_call": ("(module (func return_call 0))", {"tail_call"}),
    "memory64": ("(module (memory i64 1) (table i64 1 funcref))", {"memory64"}),
    "exceptions": ("(module (tag) (func block try_table (catch_all 0) throw 0 end end))",
                   {"exceptions"}),
    "function_references": ("(module (type $t (func)) (func (param (ref null $t))))",
                            {"reference_types", "function_references"}),
    "gc": ("(module (type $s (struct (field (mut i8)))) (func (result i32)"
           " i32.const 300 struct.new $s struct.get_u $s 0))", {"gc"}),
    "threads": ("(module (memory 1 1 shared) (func (param i32) (result i32) local.get 0"
                " i32.atomic.load))", {"threads"}),
    "custom_descriptors": ("(module (rec (type $s (descriptor $d) (struct))"
                           " (type $d (describes $s) (struct))))", {"gc", "custom_descriptors"}),
    "legacy_exceptions": ("(module (tag) (func try nop catch 0 end))",
                          {"exceptions", "legacy_exceptions"}),
    "wide_arithmetic": ("(module (func (param i64) (result i64 i64) local.get 0 local.get 0"
                        " i64.mul_wide_u))", {"multi_value", "wide_arithmetic"}),
    "custom_page_sizes": ("(module (memory 1 (pagesize 1)))", {"custom_page_sizes"}),
}  # fmt: skip


def test_every_supported_proposal_has_a_module() -> None:
    assert set(MODULES) - {"mvp"} == F.SUPPORTED


@pytest.fixture(scope="module")
def binaries(tmp_path_factory: pytest.TempPathFactory) -> dict[str, bytes]:
    if shutil.which("wasm-tools") is None:
        pytest.skip("needs wasm-tools")
    out = {}
    for name, (text, _) in MODULES.items():
        proc = subprocess.run(
            ["wasm-tools", "parse", "-"], input=text.encode(), capture_output=True, check=True
        )
        out[name] = proc.stdout
    return out


@needs_wasm_tools
@pytest.mark.parametrize("disabled", sorted(F.SUPPORTED))
@pytest.mark.parametrize("name", sorted(MODULES))
def test_disabled_feature_refused_everywhere(
    binaries: dict[str, bytes], name: str, disabled: str
) -> None:
    wasm, uses = binaries[name], MODULES[name][1]
    feats = Features().disable(disabled)
    off = F.SUPPORTED - set(feats)
    module = interp.decode_module(wasm)  # default: 3.0, accepted
    interp.validate_module(module)
    if not uses & off:
        interp.validate_module(interp.decode_module(wasm, feats), feats)
        interp.instantiate(interp.Store(features=feats), module, {})
        return
    with pytest.raises(FeatureDisabled) as info:
        interp.decode_module(wasm, feats)
    assert info.value.feature in uses & off
    assert f"requires the {info.value.feature} feature, which is disabled" in info.value.message
    assert isinstance(info.value, interp.InvalidError)
    with pytest.raises(FeatureDisabled):
        interp.validate_module(module, feats)
    with pytest.raises(FeatureDisabled):
        interp.instantiate(interp.Store(features=feats), module, {})


@needs_wasm_tools
def test_mvp_features(binaries: dict[str, bytes]) -> None:
    interp.validate_module(interp.decode_module(binaries["mvp"], Features.none()))
    with pytest.raises(FeatureDisabled, match="sign_extension"):
        interp.decode_module(binaries["sign_extension"], Features.none())


# -- one table: README and harness read interp.features ------------------------------


def readme_feature_rows() -> dict[str, str]:
    """README "What the engine supports": feature item -> status cell."""
    text = (REPO_ROOT / "README.md").read_text()
    section = text.split("## What the engine supports", 1)[1].split("\n## ", 1)[0]
    rows: dict[str, str] = {}
    for line in section.splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if len(cells) != 2 or cells[0] in ("feature", "---"):
            continue
        for item in re.sub(r"\([^)]*\)", "", cells[0]).split(","):
            rows[item.strip()] = cells[1]
    return rows


def test_readme_feature_table_matches_the_engine() -> None:
    rows = readme_feature_rows()
    for p in F.PROPOSALS:
        assert p.title in rows, f"README feature table lacks {p.title!r}"
        assert rows[p.title].startswith("yes") == p.supported, (p.title, rows[p.title])


def test_harness_reads_the_same_table() -> None:
    assert {p.tag for p in F.PROPOSALS} <= set(FEATURE_ORDER)
    assert IMPLEMENTED["nanowasm"] == {"MVP"} | {p.tag for p in F.PROPOSALS if p.supported}
