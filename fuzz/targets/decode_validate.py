#!/usr/bin/env python3
"""atheris target: decode + validate arbitrary bytes, wasmtime's validator as oracle.

Acceptable outcomes: a module, :class:`interp.MalformedError` or
:class:`interp.InvalidError` -- the same one, word for word, with the
decoder's fused pass (:mod:`interp.prevalidate`) switched off --, *and* the
same accept/reject verdict as
wasmtime configured for the engine's feature level (``$NANOWASM_FUZZ_LEVEL``,
default ``wasm2``).  Anything else raises, which libFuzzer reports as a crash
and saves under ``-artifact_prefix``.  Hangs (``-timeout``) and memory
blow-ups (``-rss_limit_mb``) are findings too.

Disagreements with a known cause are *counted*, not hidden (see
``fuzz.diff.EXPLAINED_KINDS``): an implementation limit, or a proposal that
wasmtime-py cannot switch off (``unsupported-feature``, confirmed by
``wasm-tools validate --features`` at the level).

Run: ``python -m fuzz decode_validate --time 60`` or directly with libFuzzer
flags: ``fuzz/targets/decode_validate.py -fork=2 -max_total_time=60 CORPUS``.
"""

import os
import sys

import atheris
from _harness import Stats, setup_path  # type: ignore[import-not-found]

setup_path()

with atheris.instrument_imports(include=["interp"]):
    import interp
    from interp import prevalidate

from fuzz import oracle  # noqa: E402  (not instrumented: wasmtime startup cost)
from fuzz.diff import _explain_validation  # noqa: E402
from fuzz.known import match_open  # noqa: E402

LEVEL = os.environ.get("NANOWASM_FUZZ_LEVEL", "wasm2")
STATS = Stats()


class Disagreement(AssertionError):
    """nanowasm and wasmtime disagree on whether the bytes are a valid module."""


class FastPathDisagreement(AssertionError):
    """The decoder's fused pass (interp.prevalidate) changed the outcome: it
    must only skip work whose result is known, never accept what the general
    decoder and validator reject (or word an error differently)."""


def _outcome(data: bytes) -> list[str]:
    try:
        module = interp.decode_module(data)
        interp.validate_module(module)
        return ["ok"]
    except interp.MalformedError as exc:
        return ["reject", "MalformedError: " + exc.message]
    except interp.InvalidError as exc:
        return ["reject", "InvalidError: " + exc.message]


def test_one_input(data: bytes) -> None:
    ours = _outcome(data)
    prevalidate.ENABLED = False  # the general path alone: the same outcome, word for word
    try:
        general = _outcome(data)
    finally:
        prevalidate.ENABLED = True
    if general != ours:
        STATS.add("fast-path-disagree")
        STATS.flush()
        raise FastPathDisagreement(f"fused pass {ours} vs general path {general}")
    theirs_msg = oracle.validate(data, LEVEL)
    theirs = ["ok"] if theirs_msg is None else ["reject", theirs_msg]
    STATS.add("executions")
    STATS.add("accepted" if ours[0] == "ok" else ours[1].split(":")[0])
    if ours[0] == theirs[0]:
        STATS.add("agree")
        return
    explained = _explain_validation(data, LEVEL, ours, theirs)
    if explained:
        STATS.add("explained:" + explained)
        return
    known = match_open("decode_validate", ours, theirs)
    if known:
        STATS.add("known:" + known)
        return
    STATS.add("disagree")
    STATS.flush()
    raise Disagreement(f"nanowasm {ours} vs wasmtime {theirs}")


def main() -> None:
    atheris.Setup(sys.argv, test_one_input)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
