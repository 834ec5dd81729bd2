"""One adapter per engine, one set of engine names for every tool."""

from __future__ import annotations

import pytest

from harness.engines import BUILTIN


def test_every_tool_accepts_the_same_engine_names() -> None:
    pytest.importorskip("wasmtime")
    from bench.engines import ENGINES as BENCH
    from fuzz.diff import main as diff_main
    from reports.__main__ import ENGINES as COMPARE

    assert set(BUILTIN) == {"nanowasm", "wasmtime", "pywasm", "wasm3"}
    assert set(BENCH) - {"python"} == set(BUILTIN)  # python: hand-written kernels, no engine
    assert set(COMPARE) == set(BUILTIN)
    with pytest.raises(SystemExit) as e:
        diff_main(["--engine", "no-such-engine", "--count", "0"])
    assert e.value.code == 2  # argparse: the name is checked against the same registry


def test_bench_uses_the_harness_adapter() -> None:
    from bench.engines import Timed, get_engine
    from harness.engines.nanowasm_engine import NanowasmEngine

    engine = get_engine("nanowasm")
    assert isinstance(engine, Timed)
    assert isinstance(engine._get(), NanowasmEngine)
    assert engine.version().startswith(NanowasmEngine().version)


def test_fuzz_uses_the_harness_value_conversions_and_nan_classes() -> None:
    pytest.importorskip("wasmtime")
    from fuzz import subject, values
    from harness import values as hv

    assert values.is_canonical_nan is hv.is_canonical_nan
    assert subject.from_api("f32", subject.to_api("f32", 0x7FA00001)) == 0x7FA00001  # sNaN kept
    assert subject.from_api("externref", subject.to_api("externref", "null")) == "null"
