"""Round trips through the text format: binary -> writer -> parser -> binary.

Every module of the suite that the text encoder produced is written as text
and parsed back to the same bytes.  Hand-written ``module binary`` modules
(not in the encoder's canonical form) are checked to come back as the same
module as the engine decodes it, where the writer can print them.  On the bench kernels (real
``wasm-tools print`` output) the parser's binary is also compared with
``wasm-tools parse``.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

from harness.suite import convert_native, list_scripts, suite_dir
from interp.text import TextError, parse_module
from interp.text.writer import module_to_wat
from tests.test_text_converters import decoded, without_custom_sections

SUITE = suite_dir(None)
SCRIPTS = list_scripts(SUITE) if SUITE.is_dir() else []
BENCH = Path(__file__).resolve().parents[2] / "shared" / "bench"


def same(decoded_repr: str) -> str:
    """Without the data count: the text format does not say whether the binary had
    the (optional) data count section, the encoder adds it when instructions need it."""
    return re.sub(r"data_count=[^,]*,", "", decoded_repr)


@pytest.mark.skipif(not SCRIPTS, reason=f"no test suite at {SUITE}")
@pytest.mark.parametrize("script", SCRIPTS)
def test_suite_modules_round_trip(script: str) -> None:
    conv = convert_native(SUITE / script)
    assert conv.error is None
    lines = (SUITE / script).read_text(errors="replace").splitlines()
    for cmd in conv.commands:
        if cmd.get("module_type") != "binary" or cmd["type"] == "assert_malformed":
            continue
        wasm = conv.module_bytes(cmd["filename"])
        where = f"{script}:{cmd['line']}"
        if "binary" in " ".join(lines[cmd["line"] - 1 : cmd["line"] + 1]):
            # a hand-written binary: printed and read back as the same module,
            # where the writer can print it (non-canonical LEB128s, sections
            # out of order and the like are the binary reader's business)
            try:
                again = parse_module(module_to_wat(wasm))
            except TextError:
                continue
            if not decoded(wasm).startswith("malformed"):
                assert same(decoded(again)) == same(decoded(wasm)), where
            continue
        text = module_to_wat(wasm)
        assert parse_module(text) == wasm, f"{where}: the written text is another module"


@pytest.mark.parametrize("kernel", sorted(p.name for p in BENCH.glob("*") if p.is_dir()))
def test_bench_wat_like_wasm_tools(kernel: str) -> None:
    wat = BENCH / kernel / f"{kernel}.wat"
    ours = parse_module(wat.read_bytes())
    assert module_to_wat(parse_module(module_to_wat(ours))) == module_to_wat(ours)
    if shutil.which("wasm-tools"):
        theirs = subprocess.run(
            ["wasm-tools", "parse", str(wat)], capture_output=True, check=True
        ).stdout
        assert without_custom_sections(ours) == without_custom_sections(theirs)
