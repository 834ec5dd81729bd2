"""The decoder's fused decode-and-validate pass (``interp.prevalidate``) is invisible.

With the pass on, a body it accepts is left undecoded and is not validated
again; every other body takes the general path.  So for any input the
outcome must be the same as with the pass switched off: the same malformed
or invalid message, or the same decoded functions.  These tests compare
both on the suite's modules (valid, invalid and malformed ones), on
generated valid modules and on byte-level mutants of them, and check that a
prevalidated body is checked again when its context or the body itself has
changed since.
"""

from __future__ import annotations

import contextlib
import functools
import random
from pathlib import Path
from typing import Any
from unittest import mock

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from fuzz.strategies import modules
from harness.suite import convert_native
from interp import Features, prevalidate
from interp.binary import LazyFunc, decode_module
from interp.errors import InvalidError, MalformedError
from interp.opcodes import OP
from interp.text import parse_module
from interp.text.script import parse_script
from interp.types import I32, Global, GlobalType
from interp.validate import _build_context, validate_func_body, validate_module

REPO = Path(__file__).resolve().parents[1]
SUITE = REPO / ".." / "shared" / "wasm-testsuite"


def _general_only() -> contextlib.AbstractContextManager[Any]:
    """The fused pass switched off: every body takes the general validator."""
    return mock.patch.object(prevalidate, "ENABLED", False)


def _outcome(data: bytes, features: Features | None = None) -> tuple[Any, ...]:
    try:
        module = decode_module(data, features)
    except MalformedError as err:
        return ("malformed", err.message)
    except InvalidError as err:  # a disabled proposal (FeatureDisabled)
        return ("disabled", err.message)
    try:
        validate_module(module, features)
    except InvalidError as err:
        return ("invalid", err.message)
    return (
        "valid",
        [(f.typeidx, f.locals, f.body, f.offsets, f.body_start) for f in module.funcs],
    )


def _prevalidated(data: bytes) -> int:
    try:
        funcs = decode_module(data).funcs
    except MalformedError:
        return 0
    return sum(getattr(f, "prevalidated", None) is not None for f in funcs)


def _agree(samples: list[bytes], features: Features | None = None) -> None:
    fast = [_outcome(s, features) for s in samples]
    with _general_only():
        slow = [_outcome(s, features) for s in samples]
    for data, f, s in zip(samples, fast, slow, strict=True):
        assert f == s, data.hex()


SCRIPTS = [
    "unreached-invalid",
    "unreached-valid",
    "br_table",
    "br_if",
    "br",
    "block",
    "loop",
    "if",
    "select",
    "local_tee",
    "local_set",
    "global",
    "call",
    "call_indirect",
    "align",
    "binary-leb128",
    "memory_grow",
    "func",
    "return",
    "stack",
    "i32",
]


@pytest.mark.skipif(not SUITE.is_dir(), reason="needs the suite")
def test_suite_modules_agree() -> None:
    samples: list[bytes] = []
    for name in SCRIPTS:
        script = parse_script((SUITE / f"{name}.wast").read_bytes())
        samples.extend(script.files.values())
    _agree(samples)
    # the pass did take part: most of these bodies are plain MVP code
    assert sum(_prevalidated(s) for s in samples) > 500


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    modules(),
    st.lists(st.tuples(st.floats(0, 1, exclude_max=True), st.integers(0, 255)), max_size=60),
)
def test_generated_modules_and_their_mutants_agree(
    generated: Any, edits: list[tuple[float, int]]
) -> None:
    wasm = generated.wasm
    assert _prevalidated(wasm) > 0
    samples = [wasm]
    for where, byte in edits:  # one-byte mutants, mostly inside the code section
        i = 8 + int(where * (len(wasm) - 8))
        samples.append(wasm[:i] + bytes([byte]) + wasm[i + 1 :])
    _agree(samples)
    _agree(samples, Features())  # the default set: the feature walk runs too


_COUNTER = parse_module(
    b"""(module
      (global $g (mut i32) (i32.const 0))
      (func (export "bump") (result i32)
        (global.set $g (i32.add (global.get $g) (i32.const 1)))
        (global.get $g)))"""
)


def test_a_changed_context_is_validated_again() -> None:
    module = decode_module(_COUNTER)
    assert module.funcs[0].prevalidated is not None  # type: ignore[attr-defined]
    validate_module(module)
    g = module.globals[0]
    module.globals[0] = Global(GlobalType(I32, False), g.init)
    with pytest.raises(InvalidError, match="immutable global 0"):
        validate_module(module)


def test_a_decoded_body_is_validated_again() -> None:
    module = decode_module(_COUNTER)
    func = module.funcs[0]
    assert isinstance(func, LazyFunc) and func.prevalidated is not None
    func.body[-1] = (OP["i64.const"], 1)  # decodes it, then changes it
    assert func.prevalidated is None
    with pytest.raises(InvalidError, match="type mismatch"):
        validate_module(module)


def test_the_feature_walk_leaves_prevalidated_bodies_undecoded() -> None:
    module = decode_module(_COUNTER, Features())
    assert module.funcs[0].prevalidated is not None  # type: ignore[attr-defined]
    validate_module(module, Features())
    assert module.funcs[0].prevalidated is not None  # type: ignore[attr-defined]
    assert module.funcs[0].body[-1] == (OP["global.get"], 0)


#: Suite scripts whose modules make the corpus: a fixed list, converted by the
#: harness's own (cached) converter here, so the corpus never depends on what
#: other tests happened to convert first (in a clean clone the caches fill
#: during the run).  Mostly MVP code, which is what the pass accepts, plus
#: the binary-format and validation scripts for the modules it must refuse.
CORPUS_SCRIPTS = (
    "address", "align", "binary", "binary-leb128", "block", "br", "br_if", "br_table",
    "call", "call_indirect", "conversions", "custom", "endianness", "f32", "f64",
    "fac", "float_exprs", "float_memory", "forward", "func", "global", "i32", "i64",
    "if", "int_exprs", "labels", "left-to-right", "load", "local_get", "local_set",
    "local_tee", "loop", "memory", "memory_grow", "memory_size", "nop", "return",
    "select", "stack", "start", "store", "switch", "traps", "unreachable",
    "unreached-invalid", "unreached-valid", "unwind",
)  # fmt: skip


@functools.cache
def _corpus() -> list[bytes]:
    """Every module of :data:`CORPUS_SCRIPTS` (valid, invalid and malformed
    ones) and of the shared bench kernels and the built bench programs."""
    found: set[bytes] = set()
    for name in CORPUS_SCRIPTS:
        script = SUITE / f"{name}.wast"
        if not script.exists():
            continue
        conv = convert_native(script)
        for command in conv.commands:
            filename = command.get("filename")
            if isinstance(filename, str) and filename.endswith(".wasm"):
                found.add(conv.module_bytes(filename))
    paths = [
        *(REPO / ".cache" / "bench-programs").glob("*/*.wasm"),
        *(REPO / ".." / "shared" / "bench").glob("*/*.wasm"),
    ]
    found.update(p.read_bytes() for p in paths)
    return sorted(found)


def _bodies_agree(data: bytes) -> int:
    """Module-level outcome as with the pass off; and each body the pass
    accepted, validated alone by the general validator in the module's
    context, is valid (the module-level outcome only shows the first
    error).  Returns the number of bodies the pass accepted."""
    fast = _outcome(data)
    with _general_only():
        slow = _outcome(data)
    assert fast == slow, data.hex()
    try:
        module = decode_module(data)
    except (MalformedError, InvalidError):
        return 0
    accepted = [
        (i, f) for i, f in enumerate(module.funcs) if getattr(f, "prevalidated", None) is not None
    ]
    if not accepted:
        return 0
    try:
        ctx = _build_context(module)
    except InvalidError:
        return 0  # validate_module stops before the bodies: the pass is not consulted
    imported = len(ctx.funcs) - len(module.funcs)
    for i, f in accepted:
        validate_func_body(ctx, ctx.funcs[imported + i], f.locals, f.body)
    return len(accepted)


def test_the_pass_never_disagrees_with_the_general_path_on_the_corpus() -> None:
    accepted = sum(_bodies_agree(data) for data in _corpus())
    assert accepted > 1000


def test_the_pass_never_disagrees_with_the_general_path_on_mutants() -> None:
    rng = random.Random(20261201)
    with_code = [d for d in _corpus() if b"\x0a" in d[8:]]
    accepted = 0
    for data in rng.sample(with_code, min(len(with_code), 2500)):
        for _ in range(3):  # one to three bytes changed, anywhere after the header
            mutant = bytearray(data)
            for _ in range(rng.randrange(1, 4)):
                mutant[rng.randrange(8, len(mutant))] = rng.randrange(256)
            accepted += _bodies_agree(bytes(mutant))
    assert accepted > 1000


# -- the shape memo (prevalidate.Shape) ---------------------------------------------

# one template, instantiated with constants of every LEB128 length and the
# edges of the five-byte form; the bodies of equal size share a shape
_TEMPLATE = "(func (param i32) (result i32) local.get 0 i32.const {} i32.add i32.const {} i32.xor)"
_CONSTANTS = (0, 63, 64, -64, -65, 8191, 2**20, 2**27, -(2**27) - 1, 2**31 - 1, -(2**31), 2**31 - 17)  # fmt: skip


def _template_module() -> bytes:
    funcs = [_TEMPLATE.format(a, b) for a in _CONSTANTS for b in _CONSTANTS[::-1]]
    return parse_module(("(module " + " ".join(funcs) + ")").encode())


def _without_shapes() -> contextlib.AbstractContextManager[Any]:
    """The shape memo switched off: every body is scanned."""
    return mock.patch.object(prevalidate, "SHAPES", False)


def test_shapes_are_used_and_agree_with_the_general_path() -> None:
    wasm = _template_module()
    scanned = 0
    real_scan = prevalidate._scan

    def counting(*args: Any) -> bool:
        nonlocal scanned
        scanned += 1
        return real_scan(*args)

    prevalidate._scan = counting  # type: ignore[assignment]
    try:
        fresh = decode_module(wasm)
    finally:
        prevalidate._scan = real_scan  # type: ignore[assignment]
    assert all(f.prevalidated is not None for f in fresh.funcs)  # type: ignore[attr-defined]
    assert scanned < len(fresh.funcs) // 2  # most bodies matched a shape
    assert _bodies_agree(wasm) == len(_CONSTANTS) ** 2


def test_a_shape_never_accepts_what_the_general_path_rejects() -> None:
    """Every one-byte change of the code section, to the values that move a
    LEB128 byte across its boundaries, with the memo on, off, and the pass off."""
    wasm = _template_module()
    start = wasm.index(b"\x0a", 8)  # the code section: the last one
    samples = []
    for i in range(start, len(wasm)):
        for byte in (0x00, 0x07, 0x08, 0x3F, 0x40, 0x6A, 0x77, 0x78, 0x7F, 0x80, 0xFF):
            if wasm[i] != byte:
                samples.append(wasm[:i] + bytes([byte]) + wasm[i + 1 :])
    samples = random.Random(15).sample(samples, 1000)
    fast = [_outcome(s) for s in samples]
    with _without_shapes():
        loop = [_outcome(s) for s in samples]
    with _general_only():
        slow = [_outcome(s) for s in samples]
    for data, f, lo, s in zip(samples, fast, loop, slow, strict=True):
        assert f == lo == s, data.hex()
    # and body by body: each accepted one is valid for the general validator
    accepted = sum(_bodies_agree(data) for data in samples[:150])
    assert accepted > 100 * len(_CONSTANTS)
