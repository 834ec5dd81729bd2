#!/usr/bin/env python3
"""atheris target: the text front end (``interp.text``) on arbitrary bytes.

Acceptable outcomes: a script (commands and modules) or a
:class:`interp.text.TextError` (a :class:`interp.MalformedError`) -- never a
stray Python exception or a hang.  Each input is read both as a ``.wast``
script and as a single ``.wat`` module; a module that parses must decode
(the encoder's output is a well-formed binary, or the decoder says why not
with a :class:`interp.MalformedError`, for a proposal the engine lacks).

Run: ``fuzz/targets/text_parse.py -max_total_time=60 fuzz/corpus/text_parse``
(seed it with suite scripts: ``cp ../shared/wasm-testsuite/*.wast CORPUS``).
"""

import sys

import atheris
from _harness import Stats, setup_path  # type: ignore[import-not-found]

setup_path()

with atheris.instrument_imports(include=["interp.text"]):
    import interp
    from interp.text import TextError, parse_module
    from interp.text.script import parse_script

STATS = Stats()


def test_one_input(data: bytes) -> None:
    STATS.add("executions")
    try:
        script = parse_script(data)
        STATS.add("script")
        for f in script.files.values():
            if f.startswith(b"\0asm"):
                try:
                    interp.decode_module(f)
                except interp.MalformedError:
                    STATS.add("binary refused by the decoder")
    except TextError:
        STATS.add("script: TextError")
    try:
        wasm = parse_module(data)
        STATS.add("module")
        try:
            interp.decode_module(wasm)
        except interp.MalformedError:
            STATS.add("module refused by the decoder")
    except TextError:
        STATS.add("module: TextError")


def main() -> None:
    atheris.Setup(sys.argv, test_one_input)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
