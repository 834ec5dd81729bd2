"""Dump the Python code nanowasm generates for every bench kernel function.

Why: refactorings of the engine (types, tables, errors) must leave the hot
path untouched.  Dump before and after a change and diff the two folders::

    python -m bench.dump_codegen /tmp/codegen-before
    ... change the engine ...
    python -m bench.dump_codegen /tmp/codegen-after
    diff -r /tmp/codegen-before /tmp/codegen-after

Each kernel gives ``<kernel>.py`` (structured mode) and ``<kernel>.flat.py``
(flat mode) with every defined function in index order.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import interp
from interp.compile import function_source
from interp.wasi import Wasi

from .kernels import default_kernels_dir, load_kernels


def dump(out: Path, kernels_dir: Path) -> int:
    out.mkdir(parents=True, exist_ok=True)
    count = 0
    for kernel in load_kernels(kernels_dir):
        module = interp.decode_module(kernel.wasm.read_bytes())
        interp.validate_module(module)
        imports = Wasi(args=[kernel.name]).imports() if kernel.is_wasi else {}
        inst = interp.instantiate(interp.Store(), module, imports)
        nimported = len(inst.funcs) - len(module.funcs)
        for flat, suffix in ((False, ".py"), (True, ".flat.py")):
            parts = []
            for index in range(nimported, len(inst.funcs)):
                try:
                    source = function_source(inst, index, flat=flat)
                except Exception as exc:  # e.g. too deep for structured mode
                    source = f"# not compiled in this mode: {type(exc).__name__}\n"
                parts.append(f"# function {index}\n{source}")
                count += 1
            (out / f"{kernel.name}{suffix}").write_text("\n".join(parts))
    return count


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path, help="folder to write the generated code into")
    parser.add_argument("--kernels", type=Path, default=None, help="kernels folder")
    args = parser.parse_args(argv)
    n = dump(args.out, args.kernels or default_kernels_dir())
    print(f"{n} functions dumped to {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
