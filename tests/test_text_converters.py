"""The two converters agree: interp.text (native) and wasm-tools json-from-wast.

For every script of the suite (the whole suite, not a sample: about 15 s with
warm caches), the native front end must convert it, and where wasm-tools
converts it too, both must give the same commands (kind, line, actions,
expected values, error texts, names) and the same modules: equal bytes
without custom sections (wasm-tools adds a name section), or failing that the
same module as nanowasm decodes it (encodings may differ, e.g. in element
segment flags).  A missing wasm-tools fails the test: the comparison is part
of the default run.
"""

from __future__ import annotations

import re
import shutil

import pytest

import interp
from harness.suite import convert, convert_native, list_scripts, suite_dir, without_custom_sections

SUITE = suite_dir(None)
SCRIPTS = list_scripts(SUITE) if SUITE.is_dir() else []

#: (script, line) -> why the converters may disagree there
KNOWN = {
    # an old threads-proposal script: memory limits above 2^16 pages were malformed
    # text there; the spec now makes them a validation error (memory.wast, line 78)
    ("proposals/threads/memory.wast", 84): "limits are u64 in the text format (spec 6.4.4)",
    ("proposals/threads/memory.wast", 88): "limits are u64 in the text format (spec 6.4.4)",
    ("proposals/threads/memory.wast", 92): "limits are u64 in the text format (spec 6.4.4)",
    # `(func (result funcref) ...)` without a type use: the implicit type is the smallest
    # index whose type is a *singular, final* function type (3.0 spec, text format "Type
    # Uses", text/types.rst); wasm-tools reuses the open `(sub (func ...))` $super, we add
    # a final one as the reference parser does
    ("proposals/custom-descriptors/exact-casts.wast", 428): "implicit type use: final types only",
}
#: scripts where the two converters' modules differ after decoding, each
#: difference triaged: the script still runs (both modules behave as the
#: script expects), the item is reported as an expected failure with the reason
TYPED_DIFFS = {
    "array.wast": "the native encoder adds a data count section for array.new_data in a "
    "constant expression (line 303, an invalid module), wasm-tools only for code-section uses; "
    "both are valid encodings (spec 5.5.16: the section is optional)",
    "type-subtyping.wast": "implicit type use (line 344): the spec's Type Uses rule "
    "(text/types.rst) names the smallest singular *final* function type; wasm-tools reuses "
    "an open one (as at exact-casts.wast:428)",
}
FIELDS = ("type", "line", "action", "expected", "text", "name", "as", "module", "instance")


def decoded(b: bytes) -> str:
    try:
        # byte positions differ where the converters place custom sections differently
        text = re.sub(r"offsets=\[[^\]]*\]", "", repr(interp.decode_module(b)))
        return re.sub(r"body_start=\d+", "", text)
    except interp.MalformedError as e:
        return f"malformed: {e.message.split(' (at byte')[0]}"


def test_wasm_tools_present() -> None:
    assert shutil.which("wasm-tools"), "wasm-tools is needed for the converter comparison"


@pytest.mark.skipif(not SCRIPTS, reason=f"no test suite at {SUITE}")
@pytest.mark.parametrize("script", SCRIPTS)
def test_converters_agree(script: str) -> None:
    native = convert_native(SUITE / script)
    assert native.error is None, native.error
    other = convert(SUITE / script)
    if other.error is not None:
        assert "not found" not in other.error, other.error
        return  # e.g. legacy/ exceptions: wasm-tools no longer reads them; native does
    assert len(native.commands) == len(other.commands)
    for a, b in zip(other.commands, native.commands, strict=True):
        where = f"{script}:{a['line']}"
        if (script, a["line"]) in KNOWN:
            continue
        for key in FIELDS:
            assert a.get(key) == b.get(key), f"{where}: {key}"
        if "filename" not in a:
            continue
        a_binary = a.get("module_type") == "binary" or "binary_filename" in a
        b_binary = b.get("module_type") == "binary"
        assert a_binary == b_binary, f"{where}: well-formed for one converter only"
        if a_binary:
            wa = without_custom_sections(
                other.module_bytes(a.get("binary_filename") or a["filename"])
            )
            wb = without_custom_sections(native.module_bytes(b["filename"]))
            if wa != wb:
                if script in TYPED_DIFFS and decoded(wa) != decoded(wb):
                    pytest.xfail(f"{where}: {TYPED_DIFFS[script]}")
                assert decoded(wa) == decoded(wb), f"{where}: different modules"
